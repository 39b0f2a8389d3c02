//! PDF with a text layer → blocks.
//!
//! `pdf-extract` (on `lopdf`) interprets each page's content stream and hands every glyph to our
//! [`OutputDev`] with its text rendering matrix, decoded to Unicode through the font's ToUnicode CMap (CJK
//! fonts embedded by Word, WPS and LibreOffice have one); it also hands over the paths stroked and filled,
//! from which the table rulings are taken. From there:
//!
//! 1. glyphs → lines by baseline, words by the gaps between glyphs;
//! 2. page chrome: a line near the top or bottom edge that is a page number (“第 3 页”, “- 3 -”, “3 / 6”, a
//!    bare number) or repeats at the same place on most pages is dropped and listed;
//! 3. tables: ruling lines (horizontal and vertical segments) that touch each other make a grid; a cell
//!    missing an inner ruling is merged with its neighbour (`colspan`/`rowspan`); text goes to the cell
//!    holding its centre. Without rulings, three or more consecutive lines split by wide gaps into aligned
//!    columns make a table. A table ending a page and one starting the next with the same columns is one
//!    table;
//! 4. the other lines → paragraphs (a line ending short of the right margin, or a line indented or set apart
//!    from the previous one, ends a paragraph), headings by numbering or a larger font.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::{MediaBox, Object, OutputDev, OutputError, Path, PathOp, Transform};

use crate::html::{self, Block, Cell};
use crate::{Converted, Dropped, OfficeError};

#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    /// Baseline, y growing downwards from the top of the page.
    y: f64,
    w: f64,
    size: f64,
    text: String,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    /// Horizontal: y, x0..x1; vertical: x, y0..y1 (top-down coordinates).
    at: f64,
    a: f64,
    b: f64,
    horizontal: bool,
}

#[derive(Debug, Default)]
struct Page {
    number: u32,
    height: f64,
    glyphs: Vec<Glyph>,
    segs: Vec<Seg>,
}

#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    current: Option<Page>,
}

fn finite(v: f64) -> bool {
    v.is_finite() && v.abs() < 1e7
}

impl Collector {
    fn page(&mut self) -> Option<&mut Page> {
        self.current.as_mut()
    }
}

impl Page {
    fn add_path(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let page = self;
        let h = page.height;
        let map = |x: f64, y: f64| {
            let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
            let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
            (px, h - py)
        };
        // Subpaths as point lists (rectangles as closed four-point subpaths).
        let mut subpaths: Vec<(Vec<(f64, f64)>, bool)> = Vec::new();
        let mut current: Vec<(f64, f64)> = Vec::new();
        let mut closed = false;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    if current.len() > 1 {
                        subpaths.push((std::mem::take(&mut current), closed));
                    }
                    current = vec![map(x, y)];
                    closed = false;
                }
                PathOp::LineTo(x, y) => current.push(map(x, y)),
                PathOp::CurveTo(_, _, _, _, x, y) => current.push(map(x, y)),
                PathOp::Rect(x, y, w, hh) => {
                    if current.len() > 1 {
                        subpaths.push((std::mem::take(&mut current), closed));
                    }
                    subpaths.push((
                        vec![map(x, y), map(x + w, y), map(x + w, y + hh), map(x, y + hh)],
                        true,
                    ));
                    current.clear();
                }
                PathOp::Close => closed = true,
            }
        }
        if current.len() > 1 {
            subpaths.push((current, closed));
        }
        let mut segs = Vec::new();
        for (points, closed) in subpaths.into_iter().take(10_000) {
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in &points {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            if filled || closed {
                // A thin shape is a rule (Word and LibreOffice fill their borders); a filled area is shading.
                if (y1 - y0) < 2.5 && (x1 - x0) >= 2.5 {
                    segs.push(((x0, (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0)));
                    continue;
                } else if (x1 - x0) < 2.5 && (y1 - y0) >= 2.5 {
                    segs.push((((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1)));
                    continue;
                } else if filled {
                    continue;
                }
            }
            for w in points.windows(2) {
                segs.push((w[0], w[1]));
            }
            if closed {
                if let (Some(&a), Some(&b)) = (points.last(), points.first()) {
                    segs.push((a, b));
                }
            }
        }
        for ((x0, y0), (x1, y1)) in segs {
            if ![x0, y0, x1, y1].iter().all(|v| finite(*v)) {
                continue;
            }
            if (y0 - y1).abs() < 1.0 && (x1 - x0).abs() >= 2.0 {
                page.segs.push(Seg {
                    at: (y0 + y1) / 2.0,
                    a: x0.min(x1),
                    b: x0.max(x1),
                    horizontal: true,
                });
            } else if (x0 - x1).abs() < 1.0 && (y1 - y0).abs() >= 2.0 {
                page.segs.push(Seg {
                    at: (x0 + x1) / 2.0,
                    a: y0.min(y1),
                    b: y0.max(y1),
                    horizontal: false,
                });
            }
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let h = media_box.ury - media_box.lly;
        self.current = Some(Page {
            number: page_num,
            height: if finite(h) && h > 0.0 { h } else { 842.0 },
            ..Page::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if let Some(p) = self.current.take() {
            self.pages.push(p);
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = self.page() else {
            return Ok(());
        };
        let scale_y = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
        let scale_x = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let size = (font_size * scale_y).abs();
        let x = trm.m31;
        let y = page.height - trm.m32;
        let w = (width * font_size * scale_x).abs();
        if ![x, y, w, size].iter().all(|v| finite(*v)) || size <= 0.0 {
            return Ok(());
        }
        let text: String = char
            .chars()
            .filter(|c| !c.is_control() && *c != '\u{FFFD}')
            .collect();
        if text.trim().is_empty() {
            return Ok(());
        }
        page.glyphs.push(Glyph {
            x,
            y,
            w,
            size,
            text,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "内部错误".into())
}

pub(crate) fn convert(bytes: &[u8], encrypted: bool) -> Result<Converted, OfficeError> {
    let loaded = catch_unwind(AssertUnwindSafe(|| pdf_extract::Document::load_mem(bytes)));
    let mut doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            if encrypted {
                return Err(OfficeError::EncryptedPdf);
            }
            return Err(OfficeError::Corrupt(format!("PDF：{e}")));
        }
        Err(p) => return Err(OfficeError::Corrupt(format!("PDF：{}", panic_text(&*p)))),
    };
    if doc.is_encrypted() {
        // Most “encrypted” published PDFs only restrict printing or copying: the empty user password opens them.
        let ok = catch_unwind(AssertUnwindSafe(|| doc.decrypt("").is_ok())).unwrap_or(false);
        if !ok || doc.is_encrypted() && doc.encryption_state.is_none() {
            return Err(OfficeError::EncryptedPdf);
        }
    }
    let ids = catch_unwind(AssertUnwindSafe(|| doc.get_pages())).unwrap_or_default();
    let numbers: Vec<u32> = ids.keys().copied().collect();
    if numbers.is_empty() {
        return Err(OfficeError::Corrupt("PDF 中没有页面".into()));
    }
    let mut dropped = Vec::new();
    let mut pages = Vec::new();
    for n in numbers {
        let mut dev = Collector::default();
        let result = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut dev, n)
        }));
        let problem = match result {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(format!("{e:?}")),
            Err(p) => Some(panic_text(&*p)),
        };
        if dev.current.is_some() {
            let _ = dev.end_page();
        }
        let page = dev.pages.pop();
        if let Some(problem) = problem {
            dropped.push(Dropped {
                text: String::new(),
                reason: format!("本页无法完整解析（{problem}），页上的文字可能缺失"),
                page: Some(n),
            });
        }
        if let Some(mut page) = page {
            page.number = n;
            if let Some(&id) = ids.get(&n) {
                let _ = catch_unwind(AssertUnwindSafe(|| rulings(&doc, id, &mut page)));
            }
            pages.push(page);
        }
    }
    let with_text = pages.iter().filter(|p| !p.glyphs.is_empty()).count();
    if with_text == 0 {
        return Err(OfficeError::NoTextLayer);
    }
    for p in pages.iter().filter(|p| p.glyphs.is_empty()) {
        dropped.push(Dropped {
            text: String::new(),
            reason: "本页没有文本层（可能是扫描页），其内容未读取".into(),
            page: Some(p.number),
        });
    }
    let title = catch_unwind(AssertUnwindSafe(|| info_title(&doc))).unwrap_or_default();
    let blocks = layout(&pages, &mut dropped);
    Ok(Converted {
        html: html::page(title.as_deref(), &blocks),
        dropped,
    })
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// Table rulings: the page's own content stream read for its paths (`pdf-extract` reports only some
/// painting operators, and LibreOffice fills its borders with `f*`). Form XObjects are not entered.
fn rulings(doc: &pdf_extract::Document, id: pdf_extract::ObjectId, page: &mut Page) {
    let Ok(bytes) = doc.get_page_content(id) else {
        return;
    };
    let Ok(content) = pdf_extract::content::Content::decode(&bytes) else {
        return;
    };
    let mut ctm = Transform::identity();
    let mut stack: Vec<Transform> = Vec::new();
    let mut path = Path { ops: Vec::new() };
    for op in content.operations.iter().take(2_000_000) {
        let n: Vec<f64> = op.operands.iter().filter_map(num).collect();
        match op.operator.as_str() {
            "q" if stack.len() < 64 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ctm),
            "cm" if n.len() == 6 => {
                let m = Transform::row_major(n[0], n[1], n[2], n[3], n[4], n[5]);
                ctm = m.post_transform(&ctm);
            }
            "m" if n.len() == 2 => path.ops.push(PathOp::MoveTo(n[0], n[1])),
            "l" if n.len() == 2 => path.ops.push(PathOp::LineTo(n[0], n[1])),
            "c" if n.len() == 6 => path
                .ops
                .push(PathOp::CurveTo(n[0], n[1], n[2], n[3], n[4], n[5])),
            "v" | "y" if n.len() == 4 => path
                .ops
                .push(PathOp::CurveTo(n[0], n[1], n[0], n[1], n[2], n[3])),
            "re" if n.len() == 4 => path.ops.push(PathOp::Rect(n[0], n[1], n[2], n[3])),
            "h" => path.ops.push(PathOp::Close),
            "S" | "s" => {
                page.add_path(&ctm, &path, false);
                path.ops.clear();
            }
            "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                page.add_path(&ctm, &path, true);
                path.ops.clear();
            }
            "n" => path.ops.clear(),
            _ => {}
        }
        if page.segs.len() > 50_000 {
            break;
        }
    }
}

fn info_title(doc: &pdf_extract::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        pdf_extract::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        pdf_extract::Object::Dictionary(d) => d,
        _ => return None,
    };
    match info.get(b"Title").ok()? {
        pdf_extract::Object::String(bytes, _) => {
            let t = if bytes.starts_with(&[0xFE, 0xFF]) {
                let units: Vec<u16> = bytes[2..]
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            } else {
                String::from_utf8_lossy(bytes).into_owned()
            };
            Some(t).filter(|t| !t.trim().is_empty())
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------------------
// Lines.

#[derive(Debug, Clone)]
struct Line {
    page: u32,
    y: f64,
    x0: f64,
    x1: f64,
    size: f64,
    /// Chunks separated by wide gaps: (x0, x1, text).
    chunks: Vec<(f64, f64, String)>,
}

impl Line {
    fn text(&self) -> String {
        let mut out = String::new();
        for (_, _, t) in &self.chunks {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        }
        out
    }
}

fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{303F}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FFFF}'
        | '“' | '”' | '‘' | '’' | '—' | '…')
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Glyphs → lines (by baseline), chunks (by wide gaps) and words (by small gaps).
fn lines_of(page: u32, glyphs: &[&Glyph]) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match rows.last_mut() {
            Some(row) if (row[0].y - g.y).abs() <= row[0].size.min(g.size) * 0.35 => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        // Overprinted duplicates (fake bold): same glyph at (almost) the same place.
        row.dedup_by(|b, a| a.text == b.text && (a.x - b.x).abs() < a.size * 0.2);
        let size = median(row.iter().map(|g| g.size).collect());
        let mut chunks: Vec<(f64, f64, String)> = Vec::new();
        let mut last_end = f64::NEG_INFINITY;
        let mut last_char: Option<char> = None;
        for g in &row {
            let gap = g.x - last_end;
            if chunks.is_empty() || gap > size * 1.6 {
                chunks.push((g.x, g.x + g.w, g.text.clone()));
            } else if let Some(chunk) = chunks.last_mut() {
                let first = g.text.chars().next();
                let wide = last_char.is_some_and(is_wide) || first.is_some_and(is_wide);
                if gap > size * 0.22 && !wide {
                    chunk.2.push(' ');
                }
                chunk.2.push_str(&g.text);
                chunk.1 = g.x + g.w;
            }
            last_end = g.x + g.w;
            last_char = g.text.chars().last();
        }
        let y = median(row.iter().map(|g| g.y).collect());
        out.push(Line {
            page,
            y,
            x0: chunks.first().map(|c| c.0).unwrap_or(0.0),
            x1: chunks.last().map(|c| c.1).unwrap_or(0.0),
            size,
            chunks,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------------------
// Page chrome.

/// A page number as printed: “第 3 页”, “第3页 共6页”, “- 3 -”, “— 3 —”, “3 / 6”, “3”, “Page 3 of 6”.
pub(crate) fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() || t.chars().count() > 16 {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let strip = t.trim_matches(|c: char| "-—–－·•()（）[]【】".contains(c));
    if digits(strip) {
        return true;
    }
    if let Some((a, b)) = strip.split_once(['/', '／']) {
        if digits(a) && digits(b) {
            return true;
        }
    }
    let cjk = strip
        .replace("共", " ")
        .replace(['第', '页', '，', ','], " ");
    let parts: Vec<&str> = cjk.split_whitespace().collect();
    if t.contains('页') && !parts.is_empty() && parts.iter().all(|p| digits(p)) {
        return true;
    }
    let lower = strip.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        return rest.split("of").all(digits);
    }
    false
}

fn chrome_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Removes page numbers and running headers/footers; lists them.
fn remove_chrome(pages: &mut [(u32, f64, Vec<Line>)], dropped: &mut Vec<Dropped>) {
    let total = pages.len();
    let margin = |h: f64, y: f64| y < h * 0.1 || y > h * 0.9;
    // Running text: same key at about the same y on at least half of the pages (and at least 2).
    let mut seen: HashMap<(String, i64), usize> = HashMap::new();
    for (_, h, lines) in pages.iter() {
        let mut here = std::collections::HashSet::new();
        for l in lines.iter().filter(|l| margin(*h, l.y)) {
            here.insert((chrome_key(&l.text()), (l.y / 4.0).round() as i64));
        }
        for k in here {
            *seen.entry(k).or_default() += 1;
        }
    }
    let running = |key: &(String, i64)| {
        let n: usize = (-1..=1)
            .map(|d| seen.get(&(key.0.clone(), key.1 + d)).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        total >= 2 && n >= 2 && n * 2 >= total
    };
    for (number, h, lines) in pages.iter_mut() {
        let h = *h;
        let n = *number;
        // A running header on a document too short for it to repeat: the top line says again what a line
        // below it on the page says (the title, in one line or two).
        let below: Vec<(f64, String)> =
            lines.iter().map(|l| (l.y, chrome_key(&l.text()))).collect();
        let repeated_below = |y: f64, key: &str| {
            key.chars().count() >= 6
                && below.iter().enumerate().any(|(i, (by, k))| {
                    *by > y + 1.0
                        && (k == key
                            || below
                                .get(i + 1)
                                .is_some_and(|(_, next)| format!("{k}{next}") == key))
                })
        };
        lines.retain(|l| {
            if !margin(h, l.y) {
                return true;
            }
            let text = l.text();
            let top = l.y < h * 0.5;
            let reason = if is_page_number(&text) {
                "页码"
            } else if top && l.y < h * 0.1 && repeated_below(l.y, &chrome_key(&text)) {
                "页眉（重复下面的标题）"
            } else if running(&(chrome_key(&text), (l.y / 4.0).round() as i64)) {
                if top {
                    "页眉（每页重复）"
                } else {
                    "页脚（每页重复）"
                }
            } else {
                return true;
            };
            dropped.push(Dropped {
                text,
                reason: reason.into(),
                page: Some(n),
            });
            false
        });
    }
}

// ---------------------------------------------------------------------------------------------------------
// Tables from rulings.

#[derive(Debug, Clone)]
struct RuledTable {
    /// Column boundaries (x) and row boundaries (y, top-down).
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Cells: (row, col, rowspan, colspan).
    cells: Vec<(usize, usize, usize, usize)>,
    texts: Vec<String>,
}

fn cluster(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((m, n)) if (x - *m / *n as f64).abs() <= tol => {
                *m += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(m, n)| m / n as f64).collect()
}

fn covers(segs: &[Seg], horizontal: bool, at: f64, from: f64, to: f64) -> bool {
    let mid = (from + to) / 2.0;
    segs.iter().any(|s| {
        s.horizontal == horizontal
            && (s.at - at).abs() <= 3.5
            && s.a <= mid + 1.0
            && s.b >= mid - 1.0
    })
}

/// Groups of segments that touch each other: each group with enough lines is a table.
fn ruled_tables(segs: &[Seg]) -> Vec<RuledTable> {
    let n = segs.len().min(20_000);
    let segs = &segs[..n];
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let touch = |h: &Seg, v: &Seg| {
        v.at >= h.a - 2.0 && v.at <= h.b + 2.0 && h.at >= v.a - 2.0 && h.at <= v.b + 2.0
    };
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&segs[i], &segs[j]);
            let t = match (a.horizontal, b.horizontal) {
                (true, false) => touch(a, b),
                (false, true) => touch(b, a),
                _ => (a.at - b.at).abs() <= 1.0 && a.a <= b.b + 1.0 && b.a <= a.b + 1.0,
            };
            if t {
                let (ra, rb) = (root(&mut parent, i), root(&mut parent, j));
                parent[ra] = rb;
            }
        }
    }
    let mut groups: HashMap<usize, Vec<Seg>> = HashMap::new();
    for (i, seg) in segs.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(*seg);
    }
    let mut out = Vec::new();
    for (_, g) in groups {
        let xs = cluster(
            g.iter().filter(|s| !s.horizontal).map(|s| s.at).collect(),
            3.5,
        );
        let ys = cluster(
            g.iter().filter(|s| s.horizontal).map(|s| s.at).collect(),
            3.5,
        );
        if xs.len() < 2 || ys.len() < 2 || xs.len() > 80 || ys.len() > 400 {
            continue;
        }
        let (rows, cols) = (ys.len() - 1, xs.len() - 1);
        if rows * cols < 2 {
            continue;
        }
        // Union of elementary cells without a ruling between them.
        let idx = |r: usize, c: usize| r * cols + c;
        let mut p: Vec<usize> = (0..rows * cols).collect();
        for r in 0..rows {
            for c in 0..cols {
                if c + 1 < cols && !covers(&g, false, xs[c + 1], ys[r], ys[r + 1]) {
                    let (a, b) = (root(&mut p, idx(r, c)), root(&mut p, idx(r, c + 1)));
                    p[a] = b;
                }
                if r + 1 < rows && !covers(&g, true, ys[r + 1], xs[c], xs[c + 1]) {
                    let (a, b) = (root(&mut p, idx(r, c)), root(&mut p, idx(r + 1, c)));
                    p[a] = b;
                }
            }
        }
        let mut boxes: HashMap<usize, (usize, usize, usize, usize)> = HashMap::new();
        for r in 0..rows {
            for c in 0..cols {
                let k = root(&mut p, idx(r, c));
                let e = boxes.entry(k).or_insert((r, c, r, c));
                e.0 = e.0.min(r);
                e.1 = e.1.min(c);
                e.2 = e.2.max(r);
                e.3 = e.3.max(c);
            }
        }
        let mut cells: Vec<(usize, usize, usize, usize)> = boxes
            .values()
            .map(|&(r0, c0, r1, c1)| (r0, c0, r1 - r0 + 1, c1 - c0 + 1))
            .collect();
        cells.sort();
        // Overlapping boxes (non-rectangular merges) are kept as they are; the importer tolerates them.
        if cells.len() < 2 {
            continue;
        }
        let texts = vec![String::new(); cells.len()];
        out.push(RuledTable {
            xs,
            ys,
            cells,
            texts,
        });
    }
    out.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    out
}

impl RuledTable {
    /// Inside the table, or overflowing it sideways by less than a glyph (text too wide for its cell).
    fn contains(&self, x: f64, y: f64, size: f64) -> bool {
        x >= self.xs[0] - size
            && x <= self.xs[self.xs.len() - 1] + size
            && y >= self.ys[0] - 1.0
            && y <= self.ys[self.ys.len() - 1] + 1.0
    }

    fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let c = self
            .xs
            .iter()
            .rposition(|&v| v <= x)
            .unwrap_or(0)
            .min(self.xs.len() - 2);
        let r = self
            .ys
            .iter()
            .rposition(|&v| v <= y)
            .unwrap_or(0)
            .min(self.ys.len() - 2);
        self.cells
            .iter()
            .position(|&(r0, c0, rs, cs)| r >= r0 && r < r0 + rs && c >= c0 && c < c0 + cs)
    }

    fn rows(&self) -> Vec<Vec<Cell>> {
        let nrows = self.ys.len() - 1;
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); nrows];
        for (i, &(r, _, rs, cs)) in self.cells.iter().enumerate() {
            let mut cell = Cell::new(self.texts[i].clone());
            cell.rowspan = rs;
            cell.colspan = cs;
            rows[r].push(cell);
        }
        rows
    }
}

// ---------------------------------------------------------------------------------------------------------
// Layout.

#[derive(Debug)]
enum Item {
    Line(Line),
    /// A table, with its column boundaries (to join a table broken across pages) and its page.
    Table {
        rows: Vec<Vec<Cell>>,
        xs: Vec<f64>,
    },
}

fn layout(pages: &[Page], dropped: &mut Vec<Dropped>) -> Vec<Block> {
    // Lines per page, chrome removed first (only lines outside tables can be chrome).
    let mut per_page: Vec<(u32, f64, Vec<Line>)> = Vec::new();
    let mut tables_per_page: Vec<Vec<RuledTable>> = Vec::new();
    for page in pages {
        let mut tables = ruled_tables(&page.segs);
        // Tables need text: a ruled box around nothing (a page border) is no table.
        let mut outside: Vec<&Glyph> = Vec::new();
        let mut inside: Vec<Vec<Vec<&Glyph>>> = tables
            .iter()
            .map(|t| vec![Vec::new(); t.cells.len()])
            .collect();
        for g in &page.glyphs {
            let cx = g.x + g.w / 2.0;
            let cy = g.y - g.size * 0.35;
            let hit = tables.iter().enumerate().find_map(|(ti, t)| {
                if t.contains(cx, cy, g.size) {
                    t.cell_at(cx, cy).map(|ci| (ti, ci))
                } else {
                    None
                }
            });
            match hit {
                Some((ti, ci)) => inside[ti][ci].push(g),
                None => outside.push(g),
            }
        }
        let mut keep = Vec::new();
        for (ti, mut t) in tables.drain(..).enumerate() {
            let filled = inside[ti].iter().filter(|c| !c.is_empty()).count();
            if filled < 2 {
                // Not a table: its glyphs are ordinary text.
                outside.extend(inside[ti].iter().flatten().copied());
                continue;
            }
            for (ci, glyphs) in inside[ti].iter().enumerate() {
                let mut text = String::new();
                for l in lines_of(page.number, glyphs) {
                    join_fragment(&mut text, &l.text());
                }
                t.texts[ci] = text;
            }
            keep.push(t);
        }
        tables_per_page.push(keep);
        per_page.push((page.number, page.height, lines_of(page.number, &outside)));
    }
    remove_chrome(&mut per_page, dropped);

    // Items in reading order, page after page; a table continuing on the next page is joined.
    let mut items: Vec<Item> = Vec::new();
    for ((_, _, lines), tables) in per_page.into_iter().zip(tables_per_page) {
        let mut page_items: Vec<(f64, Item)> = Vec::new();
        for l in lines {
            page_items.push((l.y, Item::Line(l)));
        }
        for t in tables {
            page_items.push((
                t.ys[0],
                Item::Table {
                    rows: t.rows(),
                    xs: t.xs.clone(),
                },
            ));
        }
        page_items.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut first = true;
        for (_, item) in page_items {
            if first {
                first = false;
                if let (
                    Item::Table { rows, xs },
                    Some(Item::Table {
                        rows: prev,
                        xs: pxs,
                    }),
                ) = (&item, items.last_mut())
                {
                    let matched = xs
                        .iter()
                        .filter(|a| pxs.iter().any(|b| (*a - b).abs() <= 3.5))
                        .count();
                    let same = !xs.is_empty() && matched * 10 >= xs.len().max(pxs.len()) * 8;
                    if same {
                        // Header rows repeated on the new page (Word's “repeat as header row”) are left out.
                        // Compared by their texts: the spans of a repeated header differ when the
                        // continuation has a label column more (a label cut by the break).
                        let texts = |row: &Vec<Cell>| -> Vec<String> {
                            row.iter().map(|c| c.text.trim().to_string()).collect()
                        };
                        let repeated = rows
                            .iter()
                            .zip(prev.iter())
                            .take_while(|(a, b)| texts(a) == texts(b))
                            .count();
                        join_broken(prev, rows.iter().skip(repeated).cloned().collect());
                        continue;
                    }
                }
            }
            items.push(item);
        }
    }
    let items = borderless_tables(items);
    paragraphs(items)
}

/// (row, col) of each cell under the HTML table model.
fn positions(rows: &[Vec<Cell>]) -> Vec<Vec<(usize, usize)>> {
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        let mut here = Vec::new();
        for cell in row {
            while taken[r].get(c).copied().unwrap_or(false) {
                c += 1;
            }
            for line in taken.iter_mut().skip(r).take(cell.rowspan.max(1)) {
                if line.len() < c + cell.colspan {
                    line.resize(c + cell.colspan, false);
                }
                for slot in &mut line[c..c + cell.colspan] {
                    *slot = true;
                }
            }
            here.push((r, c));
            c += cell.colspan;
        }
        out.push(here);
    }
    out
}

/// Appends the rows of a table's continuation on the next page. A label cell cut by the page break
/// (an empty cell, or a vertically merged label, on top of the continuation under a cell reaching the bottom of
/// the previous part) goes on the cell above: its rowspan grows and its text is completed.
fn join_broken(prev: &mut Vec<Vec<Cell>>, mut next: Vec<Vec<Cell>>) {
    if next.is_empty() {
        return;
    }
    let height = prev.len();
    let before = positions(prev);
    let after = positions(&next);
    // The cell of the previous part, reaching its bottom, above column `col` with the same width.
    let above = |prev: &Vec<Vec<Cell>>, col: usize, colspan: usize| {
        before.iter().enumerate().find_map(|(r, row)| {
            row.iter().enumerate().find_map(|(j, &(_, c))| {
                let p = &prev[r][j];
                (c == col && p.colspan == colspan && r + p.rowspan.max(1) == height)
                    .then_some((r, j))
            })
        })
    };
    // A row cut by the break: the rest of its labels on top of the next page, without figures
    // ("信息公开申请" under "1.申请人无正当理由……不再处理其政府"). Each cell goes on the cell above and the
    // row disappears. A new row of labels (a group header "（四）无法提供") starts with its numbering.
    // A row broken by the page, its rest empty: nothing to keep.
    if next[0]
        .iter()
        .all(|c| c.text.trim().is_empty() && c.rowspan <= 1)
    {
        next.remove(0);
        return join_broken(prev, next);
    }
    let first = &next[0];
    let cut_row = first.iter().any(|c| !c.text.trim().is_empty())
        && first.iter().all(|c| {
            let t = c.text.trim();
            !t.chars().any(|ch| ch.is_ascii_digit()) && (t.is_empty() || !starts_numbered(t))
        })
        && first
            .iter()
            .enumerate()
            .all(|(i, c)| above(prev, after[0][i].1, c.colspan).is_some());
    if cut_row {
        let row = next.remove(0);
        let targets: Vec<_> = row
            .iter()
            .enumerate()
            .map(|(i, c)| above(prev, after[0][i].1, c.colspan))
            .collect();
        for (cell, target) in row.into_iter().zip(targets) {
            if let Some((r, j)) = target {
                let p = &mut prev[r][j];
                p.rowspan = p.rowspan.max(1) + cell.rowspan.max(1) - 1;
                join_fragment(&mut p.text, &cell.text);
            }
        }
        prev.append(&mut next);
        return;
    }
    let mut remove = Vec::new();
    for (i, cell) in next[0].iter().enumerate() {
        let col = after[0][i].1;
        let label = !cell.text.chars().any(|c| c.is_ascii_digit());
        let Some((r, j)) = above(prev, col, cell.colspan) else {
            continue;
        };
        let p = &prev[r][j];
        if cell.text.trim().is_empty() && !p.text.trim().is_empty()
            || label
                && !cell.text.trim().is_empty()
                && !starts_numbered(cell.text.trim())
                && (cell.rowspan > 1 || p.rowspan > 1)
        {
            let text = cell.text.clone();
            let span = cell.rowspan.max(1);
            let p = &mut prev[r][j];
            p.rowspan = p.rowspan.max(1) + span;
            join_fragment(&mut p.text, &text);
            remove.push((i, r, j));
        }
    }
    for &(i, _, _) in remove.iter().rev() {
        next[0].remove(i);
    }
    // What is left of the first row is empty: the row only carried the rest of cut labels, so it goes, and
    // the cells that took them span one row less.
    if !remove.is_empty()
        && next[0]
            .iter()
            .all(|c| c.text.trim().is_empty() && c.rowspan <= 1)
    {
        next.remove(0);
        for (_, r, j) in remove {
            let p = &mut prev[r][j];
            p.rowspan = p.rowspan.saturating_sub(1).max(1);
        }
    }
    prev.append(&mut next);
}

/// A label starting with its numbering: “一、”, “（四）”, “(1)”, “3.”, “其中”.
fn starts_numbered(t: &str) -> bool {
    let chars: Vec<char> = t.chars().take(3).collect();
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    match chars.as_slice() {
        [a, b, ..] if numeral(*a) && "、.．".contains(*b) => true,
        ['（' | '(', b, ..] if numeral(*b) => true,
        _ => t.starts_with("其中"),
    }
}

/// Appends a line of a cell or paragraph: no space between CJK characters.
fn join_fragment(out: &mut String, fragment: &str) {
    let fragment = fragment.trim();
    if fragment.is_empty() {
        return;
    }
    if let (Some(a), Some(b)) = (out.chars().last(), fragment.chars().next()) {
        if !(is_wide(a) || is_wide(b)) {
            out.push(' ');
        }
    }
    out.push_str(fragment);
}

/// Three or more consecutive lines of the same page split into aligned columns by wide gaps, with figures:
/// a table drawn without rulings.
fn borderless_tables(items: Vec<Item>) -> Vec<Item> {
    let mut out = Vec::new();
    let mut run: Vec<Line> = Vec::new();
    let flush = |run: &mut Vec<Line>, out: &mut Vec<Item>| {
        let figures = run
            .iter()
            .filter(|l| {
                l.chunks
                    .iter()
                    .any(|c| c.2.chars().any(|ch| ch.is_ascii_digit()))
            })
            .count();
        if run.len() >= 3 && figures >= 2 {
            let starts = cluster(
                run.iter()
                    .flat_map(|l| l.chunks.iter().map(|c| c.0))
                    .collect(),
                run[0].size * 1.5,
            );
            let ncols = starts.len().clamp(1, 64);
            let rows = run
                .iter()
                .map(|l| {
                    let mut cells: Vec<Cell> =
                        (0..ncols).map(|_| Cell::new(String::new())).collect();
                    for (x, _, t) in &l.chunks {
                        let col = starts
                            .iter()
                            .enumerate()
                            .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
                            .map(|(i, _)| i)
                            .unwrap_or(0)
                            .min(ncols - 1);
                        join_fragment(&mut cells[col].text, t);
                    }
                    cells
                })
                .collect();
            out.push(Item::Table {
                rows,
                xs: Vec::new(),
            });
        } else {
            out.extend(run.drain(..).map(Item::Line));
        }
        run.clear();
    };
    for item in items {
        match item {
            Item::Line(l)
                if l.chunks.len() >= 2
                    && run
                        .last()
                        .is_none_or(|p| p.page == l.page && l.y - p.y < l.size * 3.0) =>
            {
                run.push(l)
            }
            other => {
                flush(&mut run, &mut out);
                if let Item::Line(l) = other {
                    if l.chunks.len() >= 2 {
                        run.push(l);
                        continue;
                    }
                    out.push(Item::Line(l));
                } else {
                    out.push(other);
                }
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A closing bracket or quote ends a sentence only after a full stop (“……改革。”): a line ending with
/// “(国办公开办函〔2021〕30号)” goes on.
fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(['”', '」', '）', ')', '】', '’', '》']);
    t.ends_with(['。', '！', '？', '；', '：', ':', ';'])
}

/// Lines → paragraphs and headings.
fn paragraphs(items: Vec<Item>) -> Vec<Block> {
    // The text column: the common left edge and the right edge of full lines.
    let lines: Vec<&Line> = items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    let left = median(lines.iter().map(|l| l.x0).collect());
    let right = lines.iter().map(|l| l.x1).fold(0.0_f64, f64::max);
    let body = median(lines.iter().map(|l| l.size).collect()).max(1.0);

    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<(String, Line)> = None;
    let close = |open: &mut Option<(String, Line)>, out: &mut Vec<Block>| {
        if let Some((text, first)) = open.take() {
            let level = html::numbered_level(&text)
                .or_else(|| (first.size > body * 1.25 && text.chars().count() <= 60).then_some(1));
            match level {
                Some(l) => out.push(Block::Heading(l, text)),
                None => out.push(Block::Para(text)),
            }
        }
    };
    for item in items {
        match item {
            Item::Table { rows, .. } => {
                close(&mut open, &mut out);
                out.push(Block::Table(rows));
            }
            Item::Line(l) => {
                let text = l.text();
                let continues = match &open {
                    Some((prev_text, prev)) => {
                        let prev_full = prev.x1 >= right - body * 2.5;
                        let gap_ok = if prev.page == l.page {
                            l.y - prev.y <= prev.size.max(l.size) * 2.0
                        } else {
                            true
                        };
                        let indented = l.x0 > left + body * 1.2;
                        prev_full
                            && gap_ok
                            && !indented
                            && !ends_sentence(prev_text)
                            && (l.size - prev.size).abs() < 1.0
                            && html::numbered_level(&text).is_none()
                            && html::numbered_level(prev_text).is_none()
                    }
                    None => false,
                };
                if continues {
                    if let Some((t, last)) = open.as_mut() {
                        join_fragment(t, &text);
                        *last = Line { ..l };
                    }
                } else {
                    close(&mut open, &mut out);
                    open = Some((text, l));
                }
            }
        }
    }
    close(&mut open, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "第 3 页",
            "第3页 共6页",
            "- 3 -",
            "— 12 —",
            "3 / 6",
            "7",
            "Page 2 of 9",
            "第 1 页，共 4 页",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2023年", "一、总体情况", "57 件", "第二十条"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    fn cell(text: &str, rowspan: usize) -> Cell {
        let mut c = Cell::new(text.into());
        c.rowspan = rowspan;
        c
    }

    #[test]
    fn rows_cut_by_the_page_are_joined() {
        // The rest of a row's labels on top of the next page, without figures.
        let mut prev = vec![vec![
            cell("（六）其他处", 1),
            cell("1.申请人无正当理由逾期不补正、行政机关不再处理其政府", 1),
            cell("0", 1),
        ]];
        let next = vec![
            vec![cell("理", 2), cell("信息公开申请", 1), cell("", 1)],
            vec![
                cell("2.申请人逾期未按收费通知要求缴纳费用", 1),
                cell("0", 1),
            ],
        ];
        join_broken(&mut prev, next);
        assert_eq!(prev.len(), 2);
        assert_eq!(prev[0][0].text, "（六）其他处理");
        assert_eq!(prev[0][0].rowspan, 2);
        assert_eq!(
            prev[0][1].text,
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        );
        // A new group label is not the rest of the one above.
        let mut prev = vec![vec![cell("（二）部分公开", 1), cell("0", 1)]];
        let next = vec![vec![cell("（三）不予公开", 2), cell("0", 1)]];
        join_broken(&mut prev, next);
        assert_eq!(prev.len(), 2);
        assert_eq!(prev[0][0].text, "（二）部分公开");
        // An empty rest of a row goes.
        let mut prev = vec![vec![cell("（一）予以公开", 1), cell("4", 1)]];
        let next = vec![
            vec![cell("", 1), cell("", 1)],
            vec![cell("（二）部分公开", 1), cell("1", 1)],
        ];
        join_broken(&mut prev, next);
        assert_eq!(prev.len(), 2);
        assert_eq!(prev[1][0].text, "（二）部分公开");
    }

    #[test]
    fn a_header_repeating_the_title_of_a_one_page_document() {
        let line = |y: f64, text: &str| Line {
            page: 1,
            y,
            x0: 50.0,
            x1: 400.0,
            size: 10.0,
            chunks: vec![(50.0, 400.0, text.to_string())],
        };
        let title = "某县2023年政府信息公开工作年度报告";
        let mut pages = vec![(
            1,
            800.0,
            vec![
                line(30.0, title),
                line(70.0, "某县2023年政府信息公开"),
                line(90.0, "工作年度报告"),
                line(200.0, "正文2023年。"),
            ],
        )];
        let mut dropped = Vec::new();
        remove_chrome(&mut pages, &mut dropped);
        assert_eq!(pages[0].2.len(), 3);
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].reason, "页眉（重复下面的标题）");
        assert_eq!(dropped[0].text, title);
    }
}
