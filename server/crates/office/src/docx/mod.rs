//! DOCX (Office Open XML, as Word, WPS and LibreOffice save it) → blocks.
//!
//! Read: `word/document.xml` (paragraphs, runs, tables, content controls, tracked insertions, fields'
//! results), `word/styles.xml` (outline levels and heading styles, through `basedOn`), `word/numbering.xml`
//! (the “一、”/“（一）”/“1.” labels Word draws but does not store as text), `word/footnotes.xml` and
//! `word/endnotes.xml` (appended after the body, numbered), text boxes (`w:txbxContent`, after the paragraph
//! that anchors them; of `mc:AlternateContent` only the `mc:Choice` branch, so nothing is read twice).
//! Hidden (`w:vanish`) and deleted (`w:delText`) text is left out and listed in `dropped`.
//! Not read: page headers and footers (page chrome), comments, charts and pictures.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;

use crate::html::{self, Block, Cell};
use crate::{Converted, Dropped, OfficeError};

mod body;
mod numbering;
use body::*;
use numbering::*;

/// A part larger than this (decompressed) is refused: a report's document.xml is a few MB at most.
const MAX_PART: u64 = 256 << 20;
/// Elements nested deeper than this are ignored (no stack overflow on hostile input).
const MAX_DEPTH: usize = 200;

pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive.file_names().flatten().any(|n| is_document_part(&n)),
        // A damaged zip (truncated download) that still names the part: let `convert` say it is damaged.
        Err(_) => crate::find(bytes, b"word/document.xml").is_some(),
    }
}

fn is_document_part(name: &str) -> bool {
    name.eq_ignore_ascii_case("word/document.xml")
}

pub(crate) fn convert(bytes: &[u8]) -> Result<Converted, OfficeError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| OfficeError::Corrupt(format!("zip：{e}")))?;
    let document = read_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| OfficeError::Corrupt("缺少 word/document.xml".into()))?;
    let document =
        parse(&document).map_err(|e| OfficeError::Corrupt(format!("document.xml：{e}")))?;
    // The other parts are optional: a damaged one is skipped rather than refusing the report.
    let optional = |archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| {
        read_part(archive, name)
            .ok()
            .flatten()
            .and_then(|x| parse(&x).ok())
    };
    let styles = optional(&mut archive, "word/styles.xml")
        .map(|s| Styles::read(&s))
        .unwrap_or_default();
    let numbering = optional(&mut archive, "word/numbering.xml")
        .map(|n| Numbering::read(&n))
        .unwrap_or_default();
    let footnotes = optional(&mut archive, "word/footnotes.xml")
        .map(|n| notes(&n, "footnote"))
        .unwrap_or_default();
    let endnotes = optional(&mut archive, "word/endnotes.xml")
        .map(|n| notes(&n, "endnote"))
        .unwrap_or_default();
    let title = optional(&mut archive, "docProps/core.xml").and_then(|c| {
        c.find("title")
            .map(|t| t.text())
            .filter(|t| !t.trim().is_empty())
    });

    let mut reader = DocReader {
        styles,
        numbering,
        footnotes,
        endnotes,
        ..DocReader::default()
    };
    let body = document.find("body").unwrap_or(&document);
    let mut blocks = Vec::new();
    reader.blocks(body, &mut blocks, 0);
    // Notes after the body, in the order they are referenced.
    let refs = std::mem::take(&mut reader.note_refs);
    for (kind, id, label) in refs {
        let note = match kind {
            NoteKind::Foot => reader.footnotes.get(&id).cloned(),
            NoteKind::End => reader.endnotes.get(&id).cloned(),
        };
        if let Some(note) = note {
            let mut inner = Vec::new();
            reader.blocks(&note, &mut inner, 0);
            let mut first = true;
            for b in inner {
                match b {
                    Block::Para(t) | Block::Heading(_, t) if first => {
                        blocks.push(Block::Para(format!("注{label}：{}", t.trim())));
                        first = false;
                    }
                    b => blocks.push(b),
                }
            }
        }
    }
    Ok(Converted {
        html: html::page(title.as_deref(), &blocks),
        dropped: reader.dropped,
    })
}

fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, OfficeError> {
    let Some(real) = archive
        .file_names()
        .flatten()
        .find(|n| n.eq_ignore_ascii_case(name))
        .map(|n| n.into_owned())
    else {
        return Ok(None);
    };
    let file = archive
        .by_name(&real)
        .map_err(|e| OfficeError::Corrupt(format!("{name}：{e}")))?;
    let mut data = Vec::new();
    file.take(MAX_PART)
        .read_to_end(&mut data)
        .map_err(|e| OfficeError::Corrupt(format!("{name}：{e}")))?;
    // XML parts are UTF-8 (UTF-16 is allowed and very rare).
    let text = if data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]) {
        let le = data.starts_with(&[0xFF, 0xFE]);
        let units: Vec<u16> = data[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&data)).into_owned()
    };
    Ok(Some(text))
}

// ---------------------------------------------------------------------------------------------------------
// A small element tree: local names only (Word's own prefix is `w:`, but other writers use others).

#[derive(Debug, Clone, Default)]
pub(crate) struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug, Clone)]
enum Node {
    El(El),
    Text(String),
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|c| match c {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// First descendant (depth first) with this name.
    fn find(&self, name: &str) -> Option<&El> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(f) = e.find(name) {
                return Some(f);
            }
        }
        None
    }

    /// `w:val` of a child property.
    fn val(&self, child: &str) -> Option<&str> {
        self.child(child).and_then(|c| c.attr("val"))
    }

    /// A toggle property (`<w:vanish/>`, `<w:vanish w:val="0"/>`).
    fn toggle(&self, child: &str) -> bool {
        self.child(child)
            .is_some_and(|c| !matches!(c.attr("val"), Some("0" | "false" | "off")))
    }

    /// All text of the element (for small parts like core.xml).
    fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.children {
            match c {
                Node::Text(t) => out.push_str(t),
                Node::El(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

fn local(name: &str) -> String {
    match name.rfind(':') {
        Some(i) => name[i + 1..].to_string(),
        None => name.to_string(),
    }
}

fn element(start: &quick_xml::events::BytesStart<'_>) -> El {
    let mut el = El {
        name: local(start.name().as_ref()),
        ..El::default()
    };
    for attr in start.attributes().with_checks(false).flatten() {
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| attr.value.to_string());
        el.attrs.push((local(attr.key.as_ref()), value));
    }
    el
}

/// Parses an XML part into its root's parent (a synthetic element holding the root).
pub(crate) fn parse(xml: &str) -> Result<El, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut stack: Vec<El> = vec![El::default()];
    let mut skipped = 0usize; // open elements deeper than MAX_DEPTH
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        if skipped > 0 {
            match event {
                Event::Start(_) => skipped += 1,
                Event::End(_) => skipped -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(s) if stack.len() > MAX_DEPTH => {
                let _ = s;
                skipped = 1;
            }
            Event::Start(s) => stack.push(element(&s)),
            Event::Empty(s) if stack.len() <= MAX_DEPTH => {
                let el = element(&s);
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::El(el));
                }
            }
            Event::End(_) if stack.len() > 1 => {
                let el = stack.pop().unwrap_or_default();
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::El(el));
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r.xml10_content() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Unclosed elements (truncated part): close them.
    while stack.len() > 1 {
        let el = stack.pop().unwrap_or_default();
        if let Some(top) = stack.last_mut() {
            top.children.push(Node::El(el));
        }
    }
    Ok(stack.pop().unwrap_or_default())
}

fn push_text(stack: &mut [El], text: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(last)) = top.children.last_mut() {
            last.push_str(text);
        } else {
            top.children.push(Node::Text(text.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_labels() {
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }

    #[test]
    fn parses_entities_and_truncated_xml() {
        let root = parse("<w:p><w:r><w:t>a&amp;b&#x4E00;</w:t></w:r><w:r><w:t>c").unwrap();
        assert_eq!(root.text(), "a&b一c");
        assert!(parse("<a b='1' c></a>").is_err() || parse("<a b='1' c></a>").is_ok());
    }
}
