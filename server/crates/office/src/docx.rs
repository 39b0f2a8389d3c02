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

// ---------------------------------------------------------------------------------------------------------
// Styles and numbering.

#[derive(Debug, Default, Clone)]
struct Style {
    outline: Option<u8>,
    heading: Option<u8>,
    based_on: Option<String>,
    num: Option<(String, usize)>,
}

#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    fn read(root: &El) -> Styles {
        let mut out = Styles::default();
        let Some(styles) = root.find("styles") else {
            return out;
        };
        for s in styles.elements().filter(|e| e.name == "style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            if s.attr("type") != Some("paragraph") && s.attr("type").is_some() {
                continue;
            }
            if s.toggle("default") || matches!(s.attr("default"), Some("1" | "true")) {
                out.default_paragraph = Some(id.to_string());
            }
            let name = s.val("name").unwrap_or("").to_lowercase();
            let heading =
                heading_level_of_name(&name).or_else(|| heading_level_of_name(&id.to_lowercase()));
            let ppr = s.child("pPr");
            let outline = ppr
                .and_then(|p| p.val("outlineLvl"))
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|&l| l < 9);
            let num = ppr.and_then(num_pr);
            out.styles.insert(
                id.to_string(),
                Style {
                    outline,
                    heading,
                    based_on: s.val("basedOn").map(str::to_string),
                    num,
                },
            );
        }
        out
    }

    /// Follows `basedOn` (at most a few steps, cycles ignored).
    fn resolve<T>(&self, id: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut id = id.to_string();
        for _ in 0..16 {
            let s = self.styles.get(&id)?;
            if let Some(v) = get(s) {
                return Some(v);
            }
            id = s.based_on.clone()?;
        }
        None
    }
}

fn heading_level_of_name(name: &str) -> Option<u8> {
    if name == "title" || name == "标题" {
        return Some(1);
    }
    for prefix in ["heading", "标题", "heading "] {
        if let Some(rest) = name.strip_prefix(prefix) {
            if let Ok(n) = rest.trim().parse::<u8>() {
                if (1..=9).contains(&n) {
                    return Some(n);
                }
            }
        }
    }
    None
}

fn num_pr(ppr: &El) -> Option<(String, usize)> {
    let n = ppr.child("numPr")?;
    let id = n.val("numId")?.to_string();
    let level = n
        .val("ilvl")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0usize)
        .min(8);
    Some((id, level))
}

#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: usize,
}

#[derive(Debug, Default)]
struct Numbering {
    /// numId → (abstractNumId, level overrides of start).
    nums: HashMap<String, (String, HashMap<usize, usize>)>,
    abstracts: HashMap<String, Vec<Level>>,
    /// Counters per abstract list (Word counts per numId, but lists sharing an abstract usually continue).
    counters: HashMap<String, [usize; 9]>,
}

impl Numbering {
    fn read(root: &El) -> Numbering {
        let mut out = Numbering::default();
        let Some(n) = root.find("numbering") else {
            return out;
        };
        for a in n.elements().filter(|e| e.name == "abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); 9];
            for l in a.elements().filter(|e| e.name == "lvl") {
                let i: usize = l.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                if i < 9 {
                    levels[i] = Level {
                        format: l.val("numFmt").unwrap_or("decimal").to_string(),
                        text: l.val("lvlText").unwrap_or("").to_string(),
                        start: l.val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                    };
                }
            }
            out.abstracts.insert(id.to_string(), levels);
        }
        for num in n.elements().filter(|e| e.name == "num") {
            let (Some(id), Some(a)) = (num.attr("numId"), num.val("abstractNumId")) else {
                continue;
            };
            let mut starts = HashMap::new();
            for o in num.elements().filter(|e| e.name == "lvlOverride") {
                let i: usize = o.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                if let Some(s) = o.val("startOverride").and_then(|v| v.parse().ok()) {
                    starts.insert(i, s);
                }
            }
            out.nums.insert(id.to_string(), (a.to_string(), starts));
        }
        out
    }

    /// The label of the next paragraph of list `num_id` at `level` (“一、”, “（二）”, “3.”), advancing it.
    fn next(&mut self, num_id: &str, level: usize) -> Option<String> {
        if num_id == "0" {
            return None;
        }
        let (abs, starts) = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abs)?.clone();
        let counters = self.counters.entry(abs).or_insert([0; 9]);
        let level = level.min(8);
        let start_of = |i: usize| starts.get(&i).copied().unwrap_or(levels[i].start);
        counters[level] = if counters[level] == 0 {
            start_of(level)
        } else {
            counters[level] + 1
        };
        for c in counters.iter_mut().skip(level + 1) {
            *c = 0;
        }
        for (i, c) in counters.iter_mut().enumerate().take(level) {
            if *c == 0 {
                *c = start_of(i);
            }
        }
        let lvl = &levels[level];
        if lvl.format == "none" || lvl.format == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let i = (d as usize).saturating_sub(1).min(8);
                    out.push_str(&format_number(counters[i], &levels[i].format));
                    continue;
                }
            }
            out.push(c);
        }
        Some(out)
    }
}

fn format_number(n: usize, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "chineseLegalSimplified"
        | "ideographLegalTraditional" => chinese(n),
        "lowerLetter" => letter(n, b'a'),
        "upperLetter" => letter(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

fn chinese(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n.is_multiple_of(10) { "" } else { D[n % 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

fn letter(n: usize, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let c = (base + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(c, (n - 1) / 26 + 1).collect()
}

fn roman(mut n: usize) -> String {
    const R: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Footnotes or endnotes by id (separators left out).
fn notes(root: &El, name: &str) -> HashMap<String, El> {
    let mut out = HashMap::new();
    let Some(list) = root.elements().next() else {
        return out;
    };
    for n in list.elements().filter(|e| e.name == name) {
        if matches!(
            n.attr("type"),
            Some("separator" | "continuationSeparator" | "continuationNotice")
        ) {
            continue;
        }
        if let Some(id) = n.attr("id") {
            out.insert(id.to_string(), n.clone());
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------------
// The body.

#[derive(Debug, Clone, Copy)]
enum NoteKind {
    Foot,
    End,
}

#[derive(Default)]
struct DocReader {
    styles: Styles,
    numbering: Numbering,
    footnotes: HashMap<String, El>,
    endnotes: HashMap<String, El>,
    /// Notes referenced, in order: (kind, id, label).
    note_refs: Vec<(NoteKind, String, String)>,
    dropped: Vec<Dropped>,
}

/// Text of a paragraph being read, and the text boxes found in it (emitted after it).
#[derive(Default)]
struct ParaText {
    text: String,
    boxes: Vec<Block>,
    hidden: String,
    deleted: String,
}

impl DocReader {
    /// Block-level content: paragraphs, tables, content controls, and containers of those.
    fn blocks(&mut self, el: &El, out: &mut Vec<Block>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in el.elements() {
            match child.name.as_str() {
                "p" => self.paragraph(child, out, depth),
                "tbl" => self.table(child, out, depth),
                "sectPr" | "tblPr" | "tblGrid" | "pPr" | "bookmarkStart" | "bookmarkEnd" => {}
                // sdt/sdtContent, customXml, ins, moveTo, smartTag, and unknown wrappers.
                "del" | "moveFrom" => {}
                _ => self.blocks(child, out, depth + 1),
            }
        }
    }

    fn paragraph(&mut self, p: &El, out: &mut Vec<Block>, depth: usize) {
        let mut t = ParaText::default();
        self.inline(p, &mut t, false, depth);
        if !t.hidden.trim().is_empty() {
            self.drop(&t.hidden, "隐藏文字（Word 中设置为隐藏，不会打印）");
        }
        if !t.deleted.trim().is_empty() {
            self.drop(&t.deleted, "修订中已删除的文字");
        }
        let ppr = p.child("pPr");
        let style = ppr
            .and_then(|p| p.val("pStyle"))
            .map(str::to_string)
            .or_else(|| self.styles.default_paragraph.clone());
        // The list label Word draws.
        let num = ppr.and_then(num_pr).or_else(|| {
            style
                .as_deref()
                .and_then(|s| self.styles.resolve(s, |st| st.num.clone()))
        });
        let mut text = t.text.trim_end().to_string();
        let trimmed_start = text.trim_start().to_string();
        if let Some((id, level)) = num {
            if !trimmed_start.is_empty() {
                if let Some(label) = self.numbering.next(&id, level) {
                    text = format!("{label}{trimmed_start}");
                }
            }
        }
        let outline = ppr
            .and_then(|p| p.val("outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|&l| l < 9)
            .or_else(|| {
                style
                    .as_deref()
                    .and_then(|s| self.styles.resolve(s, |st| st.outline))
            });
        let heading = style
            .as_deref()
            .and_then(|s| self.styles.resolve(s, |st| st.heading));
        let level = outline
            .map(|l| l + 1)
            .or(heading)
            .or_else(|| html::numbered_level(&text));
        if !text.trim().is_empty() {
            let single_line = !text.contains('\n') && text.chars().count() <= 60;
            match level {
                Some(l) if single_line => {
                    out.push(Block::Heading(l.min(3), text.trim().to_string()))
                }
                _ => out.push(Block::Para(text.trim().to_string())),
            }
        }
        out.append(&mut t.boxes);
    }

    fn drop(&mut self, text: &str, reason: &str) {
        self.dropped.push(Dropped {
            text: text.trim().to_string(),
            reason: reason.to_string(),
            page: None,
        });
    }

    /// Inline content of a paragraph.
    fn inline(&mut self, el: &El, t: &mut ParaText, hidden: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in el.elements() {
            match child.name.as_str() {
                "pPr" | "rPr" | "bookmarkStart" | "bookmarkEnd" | "proofErr"
                | "commentRangeStart" | "commentRangeEnd" | "commentReference" | "instrText"
                | "delInstrText" => {}
                "r" => {
                    let vanish = child.child("rPr").is_some_and(|r| r.toggle("vanish"));
                    self.inline(child, t, hidden || vanish, depth + 1);
                }
                "t" => {
                    let s = child.text();
                    if hidden {
                        t.hidden.push_str(&s);
                    } else {
                        t.text.push_str(&s);
                    }
                }
                "delText" => t.deleted.push_str(&child.text()),
                "tab" | "ptab" => t.text.push('\t'),
                "br" | "cr" => {
                    if child.attr("type") != Some("page") && child.attr("type") != Some("column") {
                        t.text.push('\n');
                    }
                }
                "noBreakHyphen" => t.text.push('-'),
                "softHyphen" => {}
                "sym" => {
                    if let Some(c) = child
                        .attr("char")
                        .and_then(|c| u32::from_str_radix(c, 16).ok())
                        .map(|c| if c >= 0xF000 { c - 0xF000 } else { c })
                        .and_then(char::from_u32)
                        .filter(|c| !c.is_control())
                    {
                        t.text.push(c);
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    let kind = if child.name == "footnoteReference" {
                        NoteKind::Foot
                    } else {
                        NoteKind::End
                    };
                    if let Some(id) = child.attr("id") {
                        let label = (self.note_refs.len() + 1).to_string();
                        t.text.push_str(&format!("[注{label}]"));
                        self.note_refs.push((kind, id.to_string(), label));
                    }
                }
                "AlternateContent" => {
                    // One branch only: the Choice (DrawingML) if there is one, else the Fallback (VML).
                    let branch = child.child("Choice").or_else(|| child.child("Fallback"));
                    if let Some(b) = branch {
                        self.inline(b, t, hidden, depth + 1);
                    }
                }
                "txbxContent" => {
                    let mut inner = Vec::new();
                    self.blocks(child, &mut inner, depth + 1);
                    // A heading inside a text box is no heading of the report.
                    for b in inner {
                        match b {
                            Block::Heading(_, s) => t.boxes.push(Block::Para(s)),
                            b => t.boxes.push(b),
                        }
                    }
                }
                "del" | "moveFrom" => {
                    let mut d = ParaText::default();
                    self.inline(child, &mut d, true, depth + 1);
                    t.deleted.push_str(&d.hidden);
                    t.deleted.push_str(&d.deleted);
                }
                // Pictures, charts, embedded objects: only their text boxes (found by recursion) are text.
                "drawing" | "pict" | "object" | "graphic" | "graphicData" | "anchor" | "inline" => {
                    self.inline(child, t, hidden, depth + 1)
                }
                "tbl" => {
                    // A table inside a paragraph's content (text box): read as its own blocks.
                    self.table(child, &mut t.boxes, depth + 1);
                }
                "p" => {
                    // A paragraph where inline content was expected (text box in VML): a block of its own.
                    self.paragraph(child, &mut t.boxes, depth + 1);
                }
                // hyperlink, smartTag, fldSimple, ins, moveTo, sdt, sdtContent, customXml, Choice …
                _ => self.inline(child, t, hidden, depth + 1),
            }
        }
    }

    fn table(&mut self, tbl: &El, out: &mut Vec<Block>, depth: usize) {
        struct Slot {
            col: usize,
            span: usize,
            merge: Merge,
            text: String,
        }
        #[derive(PartialEq)]
        enum Merge {
            None,
            Restart,
            Continue,
        }
        let mut rows: Vec<Vec<Slot>> = Vec::new();
        let mut extra: Vec<Block> = Vec::new();
        for tr in table_rows(tbl) {
            let trpr = tr.child("trPr");
            let before: usize = trpr
                .and_then(|p| p.val("gridBefore"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
                .min(64);
            let mut col = 0;
            let mut row = Vec::new();
            if before > 0 {
                row.push(Slot {
                    col,
                    span: before,
                    merge: Merge::None,
                    text: String::new(),
                });
                col += before;
            }
            for tc in row_cells(tr) {
                let tcpr = tc.child("tcPr");
                let span: usize = tcpr
                    .and_then(|p| p.val("gridSpan"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let merge = match tcpr.and_then(|p| p.child("vMerge")) {
                    None => Merge::None,
                    Some(m) => match m.attr("val") {
                        Some("restart") => Merge::Restart,
                        _ => Merge::Continue,
                    },
                };
                // Legacy horizontal merge: a continuation widens the previous cell.
                if tcpr
                    .and_then(|p| p.child("hMerge"))
                    .is_some_and(|h| h.attr("val") != Some("restart"))
                {
                    if let Some(last) = row.last_mut() {
                        let s: &mut Slot = last;
                        s.span += span;
                        col += span;
                        continue;
                    }
                }
                let mut blocks = Vec::new();
                self.blocks(tc, &mut blocks, depth + 1);
                let mut text = String::new();
                for b in blocks {
                    match b {
                        Block::Para(s) | Block::Heading(_, s) => {
                            if !text.is_empty() {
                                text.push('\n');
                            }
                            text.push_str(&s);
                        }
                        // A table nested in a cell: its own table after this one.
                        t @ Block::Table(_) => extra.push(t),
                    }
                }
                row.push(Slot {
                    col,
                    span,
                    merge,
                    text,
                });
                col += span;
            }
            rows.push(row);
        }
        let mut out_rows: Vec<Vec<Cell>> = Vec::new();
        for r in 0..rows.len() {
            let mut cells = Vec::new();
            for slot in &rows[r] {
                if slot.merge == Merge::Continue {
                    // Covered by a cell above, if one started there; otherwise keep it as a cell.
                    let covered = (0..r).rev().any(|above| {
                        rows[above]
                            .iter()
                            .any(|s| s.col == slot.col && s.merge == Merge::Restart)
                    });
                    if covered {
                        if !slot.text.trim().is_empty() {
                            // Word ignores text in a continued cell; keep it visible rather than lose it.
                            cells.push(Cell::new(slot.text.clone()));
                        }
                        continue;
                    }
                }
                let mut cell = Cell::new(slot.text.clone());
                cell.colspan = slot.span;
                if slot.merge == Merge::Restart {
                    let mut n = 1;
                    for below in rows.iter().skip(r + 1) {
                        if below
                            .iter()
                            .any(|s| s.col == slot.col && s.merge == Merge::Continue)
                        {
                            n += 1;
                        } else {
                            break;
                        }
                    }
                    cell.rowspan = n;
                }
                cells.push(cell);
            }
            out_rows.push(cells);
        }
        if out_rows.iter().any(|r| !r.is_empty()) {
            out.push(Block::Table(out_rows));
        }
        out.extend(extra);
    }
}

fn table_rows(tbl: &El) -> Vec<&El> {
    let mut out = Vec::new();
    for c in tbl.elements() {
        match c.name.as_str() {
            "tr" => out.push(c),
            "sdt" | "sdtContent" | "customXml" | "ins" => out.extend(table_rows(c)),
            _ => {}
        }
    }
    out
}

fn row_cells(tr: &El) -> Vec<&El> {
    let mut out = Vec::new();
    for c in tr.elements() {
        match c.name.as_str() {
            "tc" => out.push(c),
            "sdt" | "sdtContent" | "customXml" | "ins" => out.extend(row_cells(c)),
            _ => {}
        }
    }
    out
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
