//! (being written)

use std::io::Write;

use crate::{ExportError, ExportScope};

pub fn write(_scope: &ExportScope<'_>, _out: &mut dyn Write) -> Result<(), ExportError> {
    Err(ExportError::Invalid("not built yet".into()))
}
