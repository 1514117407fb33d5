//! Bytes in, text out: UTF-8 (with or without a byte-order mark), UTF-16
//! with a byte-order mark, or Windows-1252 for bytes that are not valid
//! UTF-8 but read as text (with a warning: the caller says so on stderr).
//! Anything else with NUL or many control bytes is refused as binary.

use crate::error::ParseError;

/// The encoding a text was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Windows1252,
}

/// Decoded text and what the decoder had to guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Human-readable notes, e.g. "not valid UTF-8 … decoded as Windows-1252".
    pub warnings: Vec<String>,
}

/// Share of control bytes above which a text is taken for binary data.
const MAX_CONTROL_PER_MILLE: usize = 10;

/// Decodes a charter file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ParseError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc == encoding_rs::UTF_8 {
            return decode_utf8_or_1252(&bytes[bom_len..]);
        }
        // UTF-16 with a byte-order mark.
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let text = text.into_owned();
        let mut warnings = Vec::new();
        if had_errors {
            warnings.push("some UTF-16 code units were invalid and replaced by U+FFFD".to_owned());
        }
        check_text(text.as_bytes())?;
        return Ok(Decoded {
            text,
            encoding: Encoding::Utf16,
            warnings,
        });
    }
    decode_utf8_or_1252(bytes)
}

fn decode_utf8_or_1252(bytes: &[u8]) -> Result<Decoded, ParseError> {
    check_text(bytes)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: Encoding::Utf8,
            warnings: Vec::new(),
        }),
        Err(e) => {
            let at = e.valid_up_to();
            // Bytes that Windows-1252 leaves undefined: a text in that
            // encoding never has them.
            if let Some(off) = bytes
                .iter()
                .position(|b| matches!(b, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d))
            {
                return Err(ParseError::Binary {
                    offset: off,
                    line: line_of(bytes, off),
                    reason: "a byte that is neither UTF-8 nor Windows-1252",
                });
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            let line = line_of(bytes, at);
            let column = at
                - bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1)
                + 1;
            Ok(Decoded {
                text: text.into_owned(),
                encoding: Encoding::Windows1252,
                warnings: vec![format!(
                    "not valid UTF-8 (first bad byte 0x{:02X} at line {line}, column {column}); decoded as Windows-1252",
                    bytes[at]
                )],
            })
        }
    }
}

/// Refuses NUL bytes and texts with too many control bytes.
fn check_text(bytes: &[u8]) -> Result<(), ParseError> {
    if let Some(off) = memchr_nul(bytes) {
        return Err(ParseError::Binary {
            offset: off,
            line: line_of(bytes, off),
            reason: "a NUL byte",
        });
    }
    let mut control = 0usize;
    let mut first = None;
    for (i, &b) in bytes.iter().enumerate() {
        if (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f {
            control += 1;
            first.get_or_insert(i);
        }
    }
    if control * 1000 > bytes.len() * MAX_CONTROL_PER_MILLE
        && let Some(off) = first
    {
        return Err(ParseError::Binary {
            offset: off,
            line: line_of(bytes, off),
            reason: "control characters",
        });
    }
    Ok(())
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn line_of(bytes: &[u8], offset: usize) -> u32 {
    let n = bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_and_boms_are_dropped() {
        let d = decode("Section I : Connectivité".as_bytes()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Section I : Connectivité", Encoding::Utf8)
        );
        let d = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(d.text, "abc");
        let d = decode(b"\xFF\xFEa\0b\0").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("ab", Encoding::Utf16));
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let d = decode(b"Section I : Connectivit\xe9 r\xe9gionale\n").unwrap();
        assert_eq!(d.text, "Section I : Connectivité régionale\n");
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert!(
            d.warnings[0].contains("line 1, column 24"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"abc\0def"),
            Err(ParseError::Binary { offset: 3, .. })
        ));
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(matches!(decode(&noise), Err(ParseError::Binary { .. })));
    }
}
