//! Rows of any table, read from and written to either backend.
//!
//! A copy moves rows between SQLite and PostgreSQL without knowing each
//! table's columns in advance: a row is a list of [`Value`]s in the order of
//! `SELECT *`, and the INSERT at the other end names the same columns. The
//! tables the copy handles hold only integers, text and bytes.

use postgres::types::{ToSql, Type};
use rusqlite::types::ValueRef;

use super::BackupError;

/// One cell of a copied row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

/// Rows read from SQLite, one statement's worth.
pub(crate) fn sqlite_row(row: &rusqlite::Row<'_>, columns: usize) -> rusqlite::Result<Vec<Value>> {
    (0..columns)
        .map(|i| {
            Ok(match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::Int(n),
                ValueRef::Real(r) => Value::Text(r.to_string()),
                ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
            })
        })
        .collect()
}

/// A row read from PostgreSQL, by each column's type.
pub(crate) fn pg_row(row: &postgres::Row, table: &str) -> Result<Vec<Value>, BackupError> {
    row.columns()
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let ty = column.type_();
            Ok(if *ty == Type::INT8 {
                row.try_get::<_, Option<i64>>(i)?
                    .map_or(Value::Null, Value::Int)
            } else if *ty == Type::INT4 {
                row.try_get::<_, Option<i32>>(i)?
                    .map_or(Value::Null, |n| Value::Int(n.into()))
            } else if *ty == Type::TEXT || *ty == Type::VARCHAR {
                row.try_get::<_, Option<String>>(i)?
                    .map_or(Value::Null, Value::Text)
            } else if *ty == Type::BYTEA {
                row.try_get::<_, Option<Vec<u8>>>(i)?
                    .map_or(Value::Null, Value::Bytes)
            } else {
                return Err(BackupError::UnknownColumn {
                    table: table.to_owned(),
                    column: column.name().to_owned(),
                    kind: ty.name().to_owned(),
                });
            })
        })
        .collect()
}

/// The row as SQLite parameters.
pub(crate) fn sqlite_params(row: &[Value]) -> Vec<rusqlite::types::Value> {
    use rusqlite::types::Value as V;
    row.iter()
        .map(|v| match v {
            Value::Null => V::Null,
            Value::Int(n) => V::Integer(*n),
            Value::Text(t) => V::Text(t.clone()),
            Value::Bytes(b) => V::Blob(b.clone()),
        })
        .collect()
}

/// The row as PostgreSQL parameters of the types the statement expects.
pub(crate) fn pg_params(
    row: &[Value],
    types: &[Type],
    table: &str,
) -> Result<Vec<Box<dyn ToSql + Sync>>, BackupError> {
    let mismatch = |ty: &Type| BackupError::UnknownColumn {
        table: table.to_owned(),
        column: String::new(),
        kind: ty.name().to_owned(),
    };
    row.iter()
        .zip(types)
        .map(
            |(value, ty)| -> Result<Box<dyn ToSql + Sync>, BackupError> {
                Ok(if *ty == Type::INT8 {
                    Box::new(match value {
                        Value::Int(n) => Some(*n),
                        Value::Null => None,
                        _ => return Err(mismatch(ty)),
                    })
                } else if *ty == Type::INT4 {
                    Box::new(match value {
                        Value::Int(n) => Some(i32::try_from(*n).map_err(|_| mismatch(ty))?),
                        Value::Null => None,
                        _ => return Err(mismatch(ty)),
                    })
                } else if *ty == Type::TEXT || *ty == Type::VARCHAR {
                    Box::new(match value {
                        Value::Text(t) => Some(t.clone()),
                        Value::Null => None,
                        _ => return Err(mismatch(ty)),
                    })
                } else if *ty == Type::BYTEA {
                    Box::new(match value {
                        Value::Bytes(b) => Some(b.clone()),
                        Value::Text(t) => Some(t.clone().into_bytes()),
                        Value::Null => None,
                        Value::Int(_) => return Err(mismatch(ty)),
                    })
                } else {
                    return Err(mismatch(ty));
                })
            },
        )
        .collect()
}

/// `INSERT INTO table (a, b) VALUES (?1, ?2)` (SQLite) or `($1, $2)`.
pub(crate) fn insert_sql(table: &str, columns: &[String], mark: char) -> String {
    let names = columns.join(", ");
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("{mark}{i}")).collect();
    format!(
        "INSERT INTO {table} ({names}) VALUES ({})",
        marks.join(", ")
    )
}
