//! `/api/docs`: the API's documentation as a plain page, drawn from the
//! OpenAPI document itself. It needs no script and no asset from elsewhere,
//! so it works offline and under the Content-Security-Policy.

use askama::Template;
use axum::extract::OriginalUri;
use axum::response::Html;
use serde_json::Value;

use crate::WebError;
use crate::lang::Lang;
use crate::pages::render;
use crate::view::{Layout, Section};

#[derive(Debug, Template)]
#[template(path = "api_docs.html")]
pub struct ApiDocsPage {
    pub page: Layout,
    pub version: String,
    pub description: String,
    pub operations: Vec<Operation>,
}

#[derive(Debug)]
pub struct Operation {
    pub anchor: String,
    pub method: String,
    pub path: String,
    pub summary: String,
    pub parameters: Vec<Parameter>,
    pub responses: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct Parameter {
    pub name: String,
    pub location: String,
    pub required: bool,
    pub description: String,
}

pub async fn page(lang: Lang, OriginalUri(uri): OriginalUri) -> Result<Html<String>, WebError> {
    let tr = lang.tr();
    let document = serde_json::to_value(super::openapi())
        .map_err(|e| WebError::Internal(format!("the OpenAPI document: {e}")))?;
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let mut operations = Vec::new();
    if let Some(paths) = document["paths"].as_object() {
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, op) in item {
                if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                    continue;
                }
                let parameters = op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| Parameter {
                        name: text(&p["name"]),
                        location: text(&p["in"]),
                        required: p["required"].as_bool().unwrap_or(false),
                        description: text(&p["description"]),
                    })
                    .collect();
                let responses = op["responses"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(code, r)| (code.clone(), text(&r["description"])))
                    .collect();
                let summary = [&op["summary"], &op["description"]]
                    .into_iter()
                    .map(text)
                    .find(|s| !s.is_empty())
                    .unwrap_or_default();
                operations.push(Operation {
                    anchor: text(&op["operationId"]),
                    method: method.to_uppercase(),
                    path: path.clone(),
                    summary,
                    parameters,
                    responses,
                });
            }
        }
    }
    render(&ApiDocsPage {
        page: Layout::new(lang, &uri, tr.t("api-title"), Section::Api),
        version: text(&document["openapi"]),
        description: text(&document["info"]["description"]),
        operations,
    })
}
