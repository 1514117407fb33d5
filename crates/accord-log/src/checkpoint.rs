//! Checkpoints: a log's tree size and root in the C2SP `tlog-checkpoint` text
//! form, the body of a signed note (see [`crate::note`]).
//!
//! ```text
//! example.com/behind-the-sofa
//! 20852163
//! CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
//! ```
//!
//! Three non-empty lines, each ending in a newline: the origin (the log's
//! identity), the tree size in decimal with no leading zeros, and the root hash
//! in standard base64. Optional non-empty extension lines may follow; this
//! crate reads them but never writes them (the spec advises against them).

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::hash::Hash;

/// A log's state at one size: what a party signs and the other keeps.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Checkpoint {
    /// The log's identity, e.g. `accord.example/az-us-2026`.
    pub origin: String,
    /// The number of entries in the tree.
    pub size: u64,
    /// The tree's root hash (RFC 9162 §2.1.1) at that size.
    pub root: Hash,
}

/// Why a text is not a checkpoint body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// The body does not end in a newline.
    #[error("a checkpoint must end with a newline")]
    MissingFinalNewline,
    /// Fewer than three lines.
    #[error("a checkpoint has at least three lines (origin, size, root)")]
    TooFewLines,
    /// The origin line is empty.
    #[error("the origin line is empty")]
    EmptyOrigin,
    /// The origin contains a character a note's text may not hold.
    #[error("the origin contains a control character")]
    BadOrigin,
    /// The size is not a decimal number without leading zeros that fits in 64 bits.
    #[error("the tree size {0:?} is not a decimal number without leading zeros")]
    BadSize(String),
    /// The root hash line is not standard base64.
    #[error("the root hash {0:?} is not base64")]
    RootNotBase64(String),
    /// The root decodes, but not to a 32-byte SHA-256 hash.
    #[error("the root hash is {0} bytes, not 32")]
    RootNotHash(usize),
    /// An extension line is empty.
    #[error("an extension line is empty")]
    EmptyExtensionLine,
}

impl Checkpoint {
    /// A checkpoint of the given log at the given size and root.
    pub fn new(origin: impl Into<String>, size: u64, root: Hash) -> Self {
        Self {
            origin: origin.into(),
            size,
            root,
        }
    }

    /// The checkpoint's note text: `origin\nsize\nbase64(root)\n`.
    pub fn to_body(&self) -> String {
        format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            self.root.to_base64()
        )
    }

    /// Parses a checkpoint body, ignoring any extension lines (they must still
    /// be well-formed). The root must be a 32-byte hash.
    pub fn parse_body(body: &str) -> Result<Self, CheckpointError> {
        Self::parse_body_with_extensions(body).map(|(checkpoint, _)| checkpoint)
    }

    /// Parses a checkpoint body and returns its extension lines too (without
    /// their newlines).
    pub fn parse_body_with_extensions(body: &str) -> Result<(Self, Vec<String>), CheckpointError> {
        let Some(body) = body.strip_suffix('\n') else {
            return Err(CheckpointError::MissingFinalNewline);
        };
        let mut lines = body.split('\n');
        let (Some(origin), Some(size), Some(root)) = (lines.next(), lines.next(), lines.next())
        else {
            return Err(CheckpointError::TooFewLines);
        };
        if origin.is_empty() {
            return Err(CheckpointError::EmptyOrigin);
        }
        if origin.chars().any(char::is_control) {
            return Err(CheckpointError::BadOrigin);
        }
        let size = parse_size(size)?;
        let root_bytes = STANDARD
            .decode(root)
            .map_err(|_| CheckpointError::RootNotBase64(root.to_owned()))?;
        let root = Hash::from_slice(&root_bytes)
            .map_err(|_| CheckpointError::RootNotHash(root_bytes.len()))?;
        let extensions = lines
            .map(|line| {
                if line.is_empty() {
                    Err(CheckpointError::EmptyExtensionLine)
                } else {
                    Ok(line.to_owned())
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((
            Self {
                origin: origin.to_owned(),
                size,
                root,
            },
            extensions,
        ))
    }
}

impl fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_body())
    }
}

/// ASCII decimal, no sign, no leading zeros unless the size is `0`.
fn parse_size(text: &str) -> Result<u64, CheckpointError> {
    parse_decimal(text).ok_or_else(|| CheckpointError::BadSize(text.to_owned()))
}

/// ASCII decimal without sign or leading zeros (`0` itself is allowed) that
/// fits in 64 bits: how every C2SP format writes a size or an index.
pub(crate) fn parse_decimal(text: &str) -> Option<u64> {
    if text.is_empty()
        || !text.bytes().all(|b| b.is_ascii_digit())
        || (text.len() > 1 && text.starts_with('0'))
    {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::hash_leaf;

    #[test]
    fn round_trips() {
        let checkpoint = Checkpoint::new("example.com/log", 20852163, hash_leaf(b"x"));
        assert_eq!(
            Checkpoint::parse_body(&checkpoint.to_body()),
            Ok(checkpoint)
        );
    }

    #[test]
    fn rejects_leading_zeros_and_empty_extension_lines() {
        let root = hash_leaf(b"x").to_base64();
        assert!(Checkpoint::parse_body(&format!("o\n0\n{root}\n")).is_ok());
        assert!(matches!(
            Checkpoint::parse_body(&format!("o\n007\n{root}\n")),
            Err(CheckpointError::BadSize(_))
        ));
        assert!(matches!(
            Checkpoint::parse_body(&format!("o\n+7\n{root}\n")),
            Err(CheckpointError::BadSize(_))
        ));
        assert_eq!(
            Checkpoint::parse_body(&format!("o\n7\n{root}\n\n")),
            Err(CheckpointError::EmptyExtensionLine)
        );
        let (_, ext) =
            Checkpoint::parse_body_with_extensions(&format!("o\n7\n{root}\na\nb\n")).unwrap();
        assert_eq!(ext, ["a", "b"]);
    }
}
