//! Every output validates against docs/charter.schema.json.

use crate::{parse, read, seed_metadata};

fn validator() -> jsonschema::Validator {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/charter.schema.json"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn check(v: &jsonschema::Validator, name: &str, charter: &accord_charter::Charter) {
    let json = serde_json::to_value(charter).unwrap();
    let errors: Vec<String> = v
        .iter_errors(&json)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    // And the JSON reads back into the same charter.
    let back: accord_charter::Charter = serde_json::from_value(json).unwrap();
    assert_eq!(&back, charter, "{name}");
}

#[test]
fn outputs_follow_the_schema() {
    let v = validator();
    let with_meta = accord_charter::parse_with(&read("seed"), Some(&seed_metadata())).unwrap();
    check(&v, "seed with metadata", &with_meta);
    for name in [
        "seed",
        "az-us-2026.en.txt",
        "az-us-2026.en.md",
        "az-us-2026.fr.wrapped.txt",
        "sample-georgia-style.en.txt",
        "sample-three-partners.en.txt",
        "asean-us-csp-2022.en.txt",
        "us-india-trade-framework-2026.en.txt",
        "us-indonesia-csp-2023.en.txt",
        "us-israel-jerusalem-declaration-2022.en.txt",
        "us-uk-new-atlantic-charter-2021.en.txt",
        "us-ukraine-joint-statement-2021.en.txt",
        "us-vietnam-csp-2023.en.txt",
    ] {
        check(&v, name, &parse(name));
    }
}

#[test]
fn the_schema_rejects_what_it_should() {
    let v = validator();
    let mut json = serde_json::to_value(parse("seed")).unwrap();
    json["sections"][0]["paragraphs"][0]["text"] = "two\nlines".into();
    assert!(!v.is_valid(&json));
    let mut json = serde_json::to_value(parse("seed")).unwrap();
    json["obligations"][0]["kind"] = "promise".into();
    assert!(!v.is_valid(&json));
}
