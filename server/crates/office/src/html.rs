//! The HTML both readers write: headings, paragraphs and tables with spans, nothing else.

/// A block of the document in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// Level 1–3.
    Heading(u8, String),
    /// A paragraph; `\n` is a line break inside it.
    Para(String),
    Table(Vec<Vec<Cell>>),
}

/// A table cell at its place in the row (cells covered by a span are not listed).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
}

impl Cell {
    pub fn new(text: String) -> Cell {
        Cell {
            text,
            colspan: 1,
            rowspan: 1,
        }
    }
}

/// Level of a heading from its numbering, as reports number their sections: “一、” (2), “（一）” (3).
/// Only short lines without a full stop: a paragraph starting with “（一）” and going on is a paragraph.
pub(crate) fn numbered_level(text: &str) -> Option<u8> {
    let t = text.trim();
    if t.chars().count() > 30 || t.contains('。') || t.ends_with(['：', ':', '；', '，']) {
        return None;
    }
    let chars: Vec<char> = t.chars().take(8).collect();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let after = |i: usize| chars.get(i).is_some_and(|c| !c.is_whitespace());
    match chars.as_slice() {
        [a, b, ..] if numeral(*a) && *b == '、' && after(2) => Some(2),
        [a, b, c, ..] if numeral(*a) && numeral(*b) && *c == '、' && after(3) => Some(2),
        ['（' | '(', b, '）' | ')', ..] if numeral(*b) && after(3) => Some(3),
        _ => None,
    }
}

pub(crate) fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
}

/// A complete page.
pub(crate) fn page(title: Option<&str>, blocks: &[Block]) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
        out.push_str("<title>");
        escape(t, &mut out);
        out.push_str("</title>\n");
    }
    out.push_str("</head>\n<body>\n");
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let level = (*level).clamp(1, 3);
                out.push_str(&format!("<h{level}>"));
                escape(text, &mut out);
                out.push_str(&format!("</h{level}>\n"));
            }
            Block::Para(text) => {
                if text.trim().is_empty() {
                    continue;
                }
                out.push_str("<p>");
                escape(text, &mut out);
                out.push_str("</p>\n");
            }
            Block::Table(rows) => {
                out.push_str("<table border=\"1\">\n");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        out.push_str("<td");
                        if cell.colspan > 1 {
                            out.push_str(&format!(" colspan=\"{}\"", cell.colspan));
                        }
                        if cell.rowspan > 1 {
                            out.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
                        }
                        out.push('>');
                        escape(&cell.text, &mut out);
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_by_numbering() {
        assert_eq!(numbered_level("一、总体情况"), Some(2));
        assert_eq!(numbered_level("十一、其他"), Some(2));
        assert_eq!(numbered_level("（一）主动公开"), Some(3));
        assert_eq!(numbered_level("（一）全年共发布信息2000条。"), None);
        assert_eq!(numbered_level("2023年，我县"), None);
    }

    #[test]
    fn escapes_and_spans() {
        let mut cell = Cell::new("a<b".into());
        cell.colspan = 2;
        let html = page(
            Some("T&"),
            &[Block::Para("x\ny".into()), Block::Table(vec![vec![cell]])],
        );
        assert!(html.contains("<title>T&amp;</title>"));
        assert!(html.contains("<p>x<br>y</p>"));
        assert!(html.contains("<td colspan=\"2\">a&lt;b</td>"));
    }
}
