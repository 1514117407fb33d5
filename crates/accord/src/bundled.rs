//! The charter bundled with accord: the Azerbaijan–United States Strategic
//! Partnership Charter (February 2026), its French text exactly as published
//! and the metadata the text does not give. Embedded in the binary, so the
//! default works from any folder.

/// The French text, as published.
pub const TEXT: &str = include_str!("../../../charters/az-us-2026.fr.txt");
/// The file name the bundled metadata is shown under.
pub const METADATA_NAME: &str = "charters/az-us-2026.toml";
/// Signature date, party codes and names, working-group ids and names.
pub const METADATA: &str = include_str!("../../../charters/az-us-2026.toml");
