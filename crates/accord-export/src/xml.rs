//! Streaming XML for the XML exports (Akoma Ntoso, IATI): elements are
//! written to the output as they are opened and closed, nothing is kept.
//!
//! Text and attribute values are escaped, and characters XML 1.0 forbids
//! (control characters other than tab and line breaks, U+FFFE, U+FFFF) are
//! dropped, so whatever the record holds the output stays well-formed.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// An XML document being written into `out`.
pub(crate) struct XmlWriter<'w> {
    writer: Writer<&'w mut dyn Write>,
}

impl std::fmt::Debug for XmlWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmlWriter").finish_non_exhaustive()
    }
}

impl<'w> XmlWriter<'w> {
    /// A writer indenting nested elements by one space, starting with the
    /// XML declaration.
    pub(crate) fn start(out: &'w mut dyn Write) -> io::Result<Self> {
        let mut writer = Writer::new_with_indent(out, b' ', 1);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(XmlWriter { writer })
    }

    /// `<name attributes…>`.
    pub(crate) fn open(&mut self, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
        self.writer
            .write_event(Event::Start(element(name, attributes)))
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    /// `<name attributes…/>`.
    pub(crate) fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
        self.writer
            .write_event(Event::Empty(element(name, attributes)))
    }

    /// `<name attributes…>text</name>`.
    pub(crate) fn leaf(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> io::Result<()> {
        self.open(name, attributes)?;
        self.text(text)?;
        self.close(name)
    }

    /// `<block><inline attributes…>text</inline></block>` on one line: no
    /// indentation slips into the block's mixed content.
    pub(crate) fn inline(
        &mut self,
        block: &str,
        inline: &str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> io::Result<()> {
        self.open(block, &[])?;
        // Empty text tells the writer not to break the line before the next tag.
        self.text("")?;
        self.leaf(inline, attributes, text)?;
        self.text("")?;
        self.close(block)
    }

    /// Character data inside the element open now.
    pub(crate) fn text(&mut self, text: &str) -> io::Result<()> {
        let text = xml_chars(text);
        self.writer.write_event(Event::Text(BytesText::new(&text)))
    }

    /// Ends the document with a line break.
    pub(crate) fn finish(self) -> io::Result<()> {
        self.writer.into_inner().write_all(b"\n")
    }
}

fn element<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attributes {
        start.push_attribute((*key, xml_chars(value).as_ref()));
    }
    start
}

/// `text` without the characters XML 1.0 does not allow.
pub(crate) fn xml_chars(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed_in_xml) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| allowed_in_xml(*c)).collect())
    }
}

fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped_and_markup_is_escaped() {
        let mut out = Vec::new();
        let mut xml = XmlWriter::start(&mut out).unwrap();
        xml.leaf("t", &[("a", "x\u{1}\"<y")], "a\u{0}b & <c>\u{FFFF}")
            .unwrap();
        xml.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(
            text.contains("<t a=\"x&quot;&lt;y\">ab &amp; &lt;c&gt;</t>"),
            "{text}"
        );
    }

    #[test]
    fn inline_elements_take_no_indentation_into_their_block() {
        let mut out = Vec::new();
        let mut xml = XmlWriter::start(&mut out).unwrap();
        xml.open("preface", &[]).unwrap();
        xml.inline("p", "docTitle", &[("refersTo", "#t")], "Charte")
            .unwrap();
        xml.close("preface").unwrap();
        xml.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("\n <p><docTitle refersTo=\"#t\">Charte</docTitle></p>\n</preface>"),
            "{text}"
        );
    }

    #[test]
    fn text_that_is_allowed_is_not_copied() {
        assert!(matches!(
            xml_chars("Énergie\tet\ncommerce"),
            Cow::Borrowed(_)
        ));
        assert_eq!(xml_chars("a\u{B}b"), "ab");
    }
}
