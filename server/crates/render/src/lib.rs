//! `nianbao render`: a `.nianbao` report as a standalone HTML page in the official layout.
//!
//! The page has the report's title, its preface and sections, and every standard table in the layout of the
//! national format: 表二's blocks in one table, each under its merged "第二十条第（X）项" row and a
//! "信息内容" header; 表三 with the printed 勾稽关系 note in its merged corner, the spanning
//! 申请人情况 / 法人或其他组织 headers, the merged 三、本年度办理结果 column and the （三）–（六） groups; 表四 as
//! the official single row of 15 figures under 行政复议 / 行政诉讼 › 未经复议直接起诉 / 复议后起诉; the
//! statistical table with its group rows. Other tables are written as they are. The stylesheet is inline
//! and print-friendly (A4, repeated table headers, rows not split across pages); nothing is loaded from
//! outside. Comments are not rendered.

mod tables;

use nianbao_core::model::{self, Report};
use nianbao_core::semantic::{Context, FormatId};

/// The stylesheet, inlined into every page.
pub const STYLE: &str = include_str!("style.css");

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One block of the body in document order.
enum Item<'r> {
    Heading(&'r model::Section),
    Paragraph(&'r model::Paragraph),
    Table(usize),
}

/// Renders a report to a complete HTML page.
pub fn render(text: &str) -> String {
    let tree = nianbao_core::syntax::parse(text);
    let report = model::build(&tree, text);
    let cx = Context::new(text, &report);
    let front = &report.front;
    let title = front
        .value("标题")
        .map(str::to_string)
        .or_else(|| {
            let organ = front.value("机关")?;
            let year = front.value("年度")?;
            Some(format!("{organ}{year}年政府信息公开工作年度报告"))
        })
        .unwrap_or_else(|| "政府信息公开工作年度报告".to_string());

    let mut items: Vec<(usize, Item)> = Vec::new();
    for s in &report.sections {
        items.push((s.heading_range.start, Item::Heading(s)));
    }
    for p in &report.paragraphs {
        items.push((p.range.start, Item::Paragraph(p)));
    }
    for (i, t) in report.tables.iter().enumerate() {
        items.push((t.range.start, Item::Table(i)));
    }
    items.sort_by_key(|(start, _)| *start);

    let mut body = String::new();
    let mut k = 0;
    while k < items.len() {
        match &items[k].1 {
            Item::Heading(s) => {
                let level = (s.level + 1).min(6);
                body.push_str(&format!("<h{level}>{}</h{level}>\n", escape(&s.title)));
            }
            Item::Paragraph(p) => {
                let next_table = items.get(k + 1).and_then(|(_, it)| match it {
                    Item::Table(i) => Some(*i),
                    _ => None,
                });
                let text = paragraph_text(text, p);
                // 表三's note written above the table: the official layout prints it in the corner.
                let is_note = next_table.is_some_and(|i| {
                    tables::is_t3(&cx, i)
                        && nianbao_core::formats::normalize_label(&text).contains("勾稽关系")
                });
                if !is_note && !text.is_empty() {
                    body.push_str(&format!("<p>{}</p>\n", escape(&text)));
                }
            }
            Item::Table(i) => {
                // 表二's blocks that follow each other form one table.
                let mut group = vec![*i];
                if tables::is_t2(&cx, *i) {
                    while let Some((_, Item::Table(j))) = items.get(k + group.len()) {
                        if tables::is_t2(&cx, *j) {
                            group.push(*j);
                        } else {
                            break;
                        }
                    }
                }
                k += group.len() - 1;
                body.push_str(&tables::render_tables(&cx, &report, &group));
            }
        }
        k += 1;
    }

    let mut meta = Vec::new();
    if let Some(organ) = front.value("机关") {
        meta.push(escape(organ));
    }
    if let Some(date) = front.value("发布日期") {
        meta.push(format!("发布日期：{}", escape(date)));
    }
    let format_note = match cx.format {
        FormatId::None => String::new(),
        f => format!(
            "<p class=\"format\">表格格式：{}</p>\n",
            escape(f.describe())
        ),
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"nianbao {version}\">\n<title>{title}</title>\n\
         <style>\n{STYLE}</style>\n</head>\n<body>\n<article class=\"report\">\n\
         <header>\n<h1>{title}</h1>\n{meta}{format_note}</header>\n{body}</article>\n</body>\n</html>\n",
        version = env!("CARGO_PKG_VERSION"),
        title = escape(&title),
        meta = if meta.is_empty() {
            String::new()
        } else {
            format!("<p class=\"meta\">{}</p>\n", meta.join("　"))
        },
    )
}

/// A paragraph's text on one line: its lines joined (comment lines inside it left out), without a space
/// between CJK characters.
fn paragraph_text(text: &str, p: &model::Paragraph) -> String {
    let mut out = String::new();
    for line in text[p.range.clone()].lines() {
        let line = line.trim();
        if line.starts_with("//") {
            continue;
        }
        nianbao_core::text::join_fragment(&mut out, line);
    }
    out
}

/// The report model and context, for callers that render parts (tests).
pub fn model_of(text: &str) -> Report {
    model::build(&nianbao_core::syntax::parse(text), text)
}
