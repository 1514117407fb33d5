//! A JSON object written as it goes: one member at a time, arrays one
//! element at a time, so a large record streams in bounded memory.

use std::io::Write;

use serde::Serialize;

use crate::ExportError;

/// An object being written to `out`: `begin`, members, `end`.
pub struct JsonObject<'w> {
    out: &'w mut dyn Write,
    first: bool,
}

impl std::fmt::Debug for JsonObject<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonObject").finish_non_exhaustive()
    }
}

impl<'w> JsonObject<'w> {
    pub fn begin(out: &'w mut dyn Write) -> Result<Self, ExportError> {
        out.write_all(b"{")?;
        Ok(JsonObject { out, first: true })
    }

    fn key(&mut self, key: &str) -> Result<(), ExportError> {
        if !self.first {
            self.out.write_all(b",\n")?;
        }
        self.first = false;
        serde_json::to_writer(&mut *self.out, key).map_err(json_error)?;
        self.out.write_all(b":")?;
        Ok(())
    }

    /// A member whose value is written whole.
    pub fn member(&mut self, key: &str, value: &impl Serialize) -> Result<(), ExportError> {
        self.key(key)?;
        serde_json::to_writer(&mut *self.out, value).map_err(json_error)
    }

    /// A member whose value is an array, written element by element.
    pub fn array<T: Serialize>(
        &mut self,
        key: &str,
        items: impl IntoIterator<Item = T>,
    ) -> Result<(), ExportError> {
        self.key(key)?;
        self.out.write_all(b"[")?;
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.out.write_all(b",\n")?;
            }
            serde_json::to_writer(&mut *self.out, &item).map_err(json_error)?;
        }
        self.out.write_all(b"]")?;
        Ok(())
    }

    pub fn end(self) -> Result<(), ExportError> {
        self.out.write_all(b"}\n")?;
        Ok(())
    }
}

/// serde_json's error: the writer's own, or a value JSON cannot hold.
fn json_error(error: serde_json::Error) -> ExportError {
    if error.is_io() {
        ExportError::Io(std::io::Error::other(error))
    } else {
        ExportError::Invalid(format!("writing JSON: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_one_valid_object() {
        let mut out = Vec::new();
        let mut object = JsonObject::begin(&mut out).unwrap();
        object.member("name", &"a \"quoted\" name").unwrap();
        object.array("empty", Vec::<u8>::new()).unwrap();
        object.array("numbers", [1, 2, 3]).unwrap();
        object.end().unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"name": "a \"quoted\" name", "empty": [], "numbers": [1, 2, 3]})
        );
    }
}
