//! (being written)

use std::io::Write;

use crate::{ExportError, ExportScope};

pub fn write_projects(_scope: &ExportScope<'_>, _out: &mut dyn Write) -> Result<(), ExportError> {
    Err(ExportError::Invalid("not built yet".into()))
}

pub fn write_milestones(_scope: &ExportScope<'_>, _out: &mut dyn Write) -> Result<(), ExportError> {
    Err(ExportError::Invalid("not built yet".into()))
}

pub fn write_measurements(
    _scope: &ExportScope<'_>,
    _out: &mut dyn Write,
) -> Result<(), ExportError> {
    Err(ExportError::Invalid("not built yet".into()))
}
