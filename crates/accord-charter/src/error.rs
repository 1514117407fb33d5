//! What can go wrong reading a charter, each with the place it applies to.
//!
//! The library knows nothing of files: the binary adds the file name as
//! context ("parsing charters/x.txt: …"), so these messages say *what* and
//! *where in the text* (a line number, a byte offset) and never *which file*.

/// Why a text could not be read as a charter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Nothing but whitespace.
    #[error("the text is empty")]
    Empty,
    /// Bytes that no text encoding explains.
    #[error("this is not a text file: {reason} at byte {offset} (line {line})")]
    Binary {
        offset: usize,
        line: u32,
        reason: &'static str,
    },
    /// A language the parser has no vocabulary for yet.
    #[error(
        "language {code} ({name}) is not supported yet: accord reads charters in English (en) and French (fr)"
    )]
    UnsupportedLanguage {
        code: &'static str,
        name: &'static str,
    },
    /// Too few words of any known language to tell.
    #[error(
        "cannot tell the language of the text (lines 1–{lines}): accord reads charters in English (en) and French (fr)"
    )]
    UnknownLanguage { lines: u32 },
    /// Text, but not the shape of a charter.
    #[error(
        "no charter structure found in lines 1–{lines}: no section heading, numbered items, party clause or preamble, \
         and too little prose to read as a joint statement"
    )]
    NoStructure { lines: u32 },
}

/// Why a charter metadata file (TOML) could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct MetadataError {
    /// 1-based line of the TOML text.
    pub line: u32,
    pub message: String,
}
