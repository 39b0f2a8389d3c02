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

mod layout;
mod lines;
mod tables;
use layout::*;
use lines::*;
use tables::*;

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
    /// The page paints an image or a form (`Do`, an inline image, a shading): without glyphs it may be a scan.
    paints: bool,
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
    // (A page with nothing on it — no text, no image, no line — holds nothing to lose: a blank last page.)
    for p in pages
        .iter()
        .filter(|p| p.glyphs.is_empty() && (p.paints || !p.segs.is_empty()))
    {
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
            "Do" | "BI" | "sh" => page.paints = true,
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
