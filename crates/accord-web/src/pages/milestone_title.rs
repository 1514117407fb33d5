//! A milestone's title in one cell of the roadmap form's lines, where a
//! co-chair writes it in their own language or in several.
//!
//! A cell of plain text is the title in the page's language. A cell that
//! starts with a language code in brackets holds one version per code:
//! `[az] Pilot hazırdır [en] Pilot ready`. A title already recorded is
//! written back the same way, so that a roadmap copied into the form and
//! proposed again keeps every language version exactly.

use accord_domain::model::Texts;
use accord_domain::texts::is_language_code;

/// The title a cell holds, read for a co-chair writing in `language`; or
/// what is wrong with it.
pub fn parse(cell: &str, language: &str) -> Result<Texts, String> {
    let cell = cell.trim();
    if tag_at(cell).is_none() {
        return Ok(accord_domain::texts::single(language, cell));
    }
    let mut texts = Texts::new();
    let mut rest = cell;
    while let Some((code, after)) = tag_at(rest) {
        let end = next_tag(after).unwrap_or(after.len());
        let text = after[..end].trim();
        if texts.insert(code.to_owned(), text.to_owned()).is_some() {
            return Err(format!("the title gives [{code}] twice"));
        }
        rest = &after[end..];
    }
    Ok(texts)
}

/// The cell that reads back as `title` for a co-chair writing in
/// `language`: plain text when it is only in that language, else each
/// version after its language code.
pub fn write(title: &Texts, language: &str) -> String {
    match title.iter().next() {
        Some((only, text)) if title.len() == 1 && only == language => text.clone(),
        _ => title
            .iter()
            .map(|(code, text)| format!("[{code}] {text}"))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The language code of a tag such as `[az]` at the start of `text`, and
/// the text after it.
fn tag_at(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find(']')?;
    let code = &inner[..close];
    is_language_code(code).then(|| (code, &inner[close + 1..]))
}

/// Where the next tag starts in `text`, if one does.
fn next_tag(text: &str) -> Option<usize> {
    text.match_indices('[')
        .map(|(at, _)| at)
        .find(|&at| tag_at(&text[at..]).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pairs: &[(&str, &str)]) -> Texts {
        pairs
            .iter()
            .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
            .collect()
    }

    #[test]
    fn plain_text_is_in_the_page_language() {
        assert_eq!(
            parse(" Pilot ready ", "en"),
            Ok(texts(&[("en", "Pilot ready")]))
        );
        assert_eq!(
            parse("Phase [2] ready", "az"),
            Ok(texts(&[("az", "Phase [2] ready")]))
        );
    }

    #[test]
    fn tagged_versions_are_read_by_language() {
        assert_eq!(
            parse("[az] Pilot hazırdır [en] Pilot ready [x] one", "fr"),
            Ok(texts(&[
                ("az", "Pilot hazırdır"),
                ("en", "Pilot ready [x] one")
            ]))
        );
        assert!(parse("[en] a [en] b", "fr").is_err());
    }

    #[test]
    fn a_title_written_reads_back_the_same() {
        for (title, language) in [
            (texts(&[("en", "Pilot ready")]), "en"),
            (texts(&[("en", "Pilot ready")]), "az"),
            (texts(&[("und", "Older title")]), "fr"),
            (
                texts(&[("az", "Pilot hazırdır"), ("fr", "Pilote prêt")]),
                "az",
            ),
        ] {
            assert_eq!(parse(&write(&title, language), language), Ok(title));
        }
        assert_eq!(write(&texts(&[("en", "Pilot ready")]), "en"), "Pilot ready");
    }
}
