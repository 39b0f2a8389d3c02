//! Layout of `.nianbao` text: pipe tables aligned by display width, a CJK
//! character taking two columns (`unicode-width`). Shared by `nianbao fmt`
//! and the language server's formatting request.
//!
//! The formatter only ever changes whitespace inside table rows: it pads cells
//! with ASCII spaces so that the pipes line up. It never adds or removes a
//! pipe, never extends an alignment marker (`---` stays `---`, padded with
//! spaces), and leaves everything outside tables alone, so that the
//! non-whitespace characters of the text are exactly the same before and
//! after (tested). Formatting twice gives the same text as formatting once.

use std::ops::Range;

use tree_sitter::{Node, Tree};
use unicode_width::UnicodeWidthStr;

use crate::diagnostic::Edit;

/// How a column's cells are padded, from the table's alignment row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
    Center,
}

/// One row of a table as laid out in the text.
struct Line {
    /// From the row's first pipe to the end of its content (before the line
    /// break); what an edit replaces.
    range: Range<usize>,
    /// Cell contents between pipes, trimmed.
    cells: Vec<String>,
    /// The last cell has no closing pipe.
    open_end: bool,
}

/// The formatted text (parses it first).
pub fn format(text: &str) -> String {
    let tree = crate::syntax::parse(text);
    apply(text, &edits(&tree, text))
}

/// Whether `text` is already formatted.
pub fn is_formatted(text: &str) -> bool {
    edits(&crate::syntax::parse(text), text).is_empty()
}

/// The edits that format `text` (whose tree is `tree`): one per table row
/// whose layout changes, in document order, never overlapping.
pub fn edits(tree: &Tree, text: &str) -> Vec<Edit> {
    let mut out = layout_edits(tree, text);
    out.sort_by_key(|e| e.range.start);
    // Never make a file worse, and never leave it half done: a layout that
    // would not parse as well as the text it replaces, or that would itself
    // be laid out again (control characters or NUL bytes in a cell, found by
    // the fuzzer), is not applied. So `format` is idempotent.
    if !out.is_empty() {
        let errors = |t: &Tree| crate::syntax::syntax_errors(t).len();
        let formatted = apply(text, &out);
        let again = crate::syntax::parse(&formatted);
        if errors(&again) > errors(tree) || !layout_edits(&again, &formatted).is_empty() {
            out.clear();
        }
    }
    out
}

/// The edits of [`edits`] before the safety checks.
fn layout_edits(tree: &Tree, text: &str) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut tables = Vec::new();
    collect_tables(tree.root_node(), &mut tables);
    for table in tables {
        format_table(table, text, &mut out);
    }
    out
}

/// Applies non-overlapping byte-range edits.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut at = 0;
    for e in sorted {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

fn collect_tables<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    if node.kind() == "table" {
        out.push(node);
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_tables(child, out);
    }
}

/// Splits a row node into its pipes and cells.
fn line(row: Node, text: &str) -> Option<Line> {
    let start = row.start_byte();
    if text.as_bytes().get(start) != Some(&b'|') {
        return None;
    }
    let raw = &text[row.byte_range()];
    let end = start + raw.trim_end_matches(['\n', '\r']).len();
    // The leading pipe is a hidden token; the others are anonymous children.
    let mut pipes = vec![start];
    let mut cursor = row.walk();
    for child in row.children(&mut cursor) {
        if child.kind() == "|" && child.start_byte() > start && child.start_byte() < end {
            pipes.push(child.start_byte());
        }
    }
    pipes.sort_unstable();
    pipes.dedup();
    let mut cells: Vec<String> = pipes
        .windows(2)
        .map(|w| text[w[0] + 1..w[1]].trim().to_string())
        .collect();
    let last = *pipes.last().expect("a row has its leading pipe");
    let tail = text[last + 1..end].trim();
    let open_end = !tail.is_empty();
    if open_end {
        cells.push(tail.to_string());
    }
    Some(Line {
        range: start..end,
        cells,
        open_end,
    })
}

fn alignment(marker: &str) -> Align {
    match (marker.starts_with(':'), marker.ends_with(':')) {
        (true, true) if marker.len() > 1 => Align::Center,
        (_, true) => Align::Right,
        _ => Align::Left,
    }
}

fn pad(content: &str, width: usize, align: Align) -> String {
    let gap = width.saturating_sub(content.width());
    let (left, right) = match align {
        Align::Left => (0, gap),
        Align::Right => (gap, 0),
        Align::Center => (gap / 2, gap - gap / 2),
    };
    let mut s = String::with_capacity(content.len() + gap);
    s.extend(std::iter::repeat_n(' ', left));
    s.push_str(content);
    s.extend(std::iter::repeat_n(' ', right));
    s
}

fn format_table(table: Node, text: &str, out: &mut Vec<Edit>) {
    let mut lines: Vec<(Line, bool)> = Vec::new();
    let mut cursor = table.walk();
    for child in table.children(&mut cursor) {
        let delimiter = match child.kind() {
            "table_row" => false,
            "table_delimiter_row" => true,
            _ => continue,
        };
        if let Some(l) = line(child, text) {
            lines.push((l, delimiter));
        }
    }
    let columns = lines.iter().map(|(l, _)| l.cells.len()).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for (l, _) in &lines {
        // An open last cell is not padded, so it does not widen its column.
        let padded = l.cells.len() - usize::from(l.open_end);
        for (w, c) in widths.iter_mut().zip(&l.cells[..padded]) {
            *w = (*w).max(c.width());
        }
    }
    let aligns: Vec<Align> = match lines.iter().find(|(_, d)| *d) {
        Some((l, _)) => (0..columns)
            .map(|i| l.cells.get(i).map_or(Align::Left, |m| alignment(m)))
            .collect(),
        None => vec![Align::Left; columns],
    };
    for (l, _) in &lines {
        let mut s = String::from("|");
        for (i, cell) in l.cells.iter().enumerate() {
            if l.open_end && i + 1 == l.cells.len() {
                s.push(' ');
                s.push_str(cell);
                break;
            }
            // Labels read left to right; the other columns follow the
            // alignment row, header and markers included.
            let align = if i == 0 { Align::Left } else { aligns[i] };
            s.push(' ');
            s.push_str(&pad(cell, widths[i], align));
            s.push_str(" |");
        }
        if text[l.range.clone()] != s {
            out.push(Edit {
                range: l.range.clone(),
                new_text: s,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_that_would_not_parse_is_not_applied() {
        // Found by the fuzzer: a form feed and NUL bytes at the start of a
        // cell; NUL bytes before a table.
        let errors = |t: &str| crate::syntax::syntax_errors(&crate::syntax::parse(t)).len();
        for text in [
            "---\r\n年度: 2023\r\n---\r\n# 一、总体情况\r\n\r\n共57件。\r\n|\u{c}\0\0\0\0\0\0\0 规章 | 0 |\r\n\n",
            "\0\0\0\0\0\0\0 n| 规\u{8}章 | 5\0\u{c}数\0\0\u{1}效件数 |\n| --- | ---: | :---: | ---: |\u{c}\n| 规\n",
        ] {
            let once = format(text);
            assert_eq!(format(&once), once);
            assert!(errors(&once) <= errors(text));
        }
    }

    fn non_ws(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn aligns_by_display_width() {
        let text = "| 第二十条第（一）项 | 本年制发件数 |\n| --- | ---: |\n| 规章 | 0 |\n| 行政规范性文件 | 12 |\n";
        let out = format(text);
        assert_eq!(
            out,
            "| 第二十条第（一）项 | 本年制发件数 |\n\
             | ---                |         ---: |\n\
             | 规章               |            0 |\n\
             | 行政规范性文件     |           12 |\n"
        );
        assert_eq!(format(&out), out);
    }

    #[test]
    fn keeps_open_rows_blank_cells_titles_crlf_and_indentation() {
        let text = "  | a |  b\r\n|---|:---:|\r\n| 《x|y》 | 1 |\r\n|||\r\n| c | | |\r\n段落 | 不是表格\r\n";
        let out = format(text);
        assert_eq!(non_ws(&out), non_ws(text));
        assert_eq!(format(&out), out);
        assert!(out.starts_with("  | a       | b\r\n"), "{out:?}");
        assert!(out.contains("| 《x|y》 |   1   |\r\n"), "{out:?}");
        assert!(out.ends_with("段落 | 不是表格\r\n"));
        let before = crate::syntax::parse(text).root_node().to_sexp();
        let after = crate::syntax::parse(&out).root_node().to_sexp();
        assert_eq!(before, after);
    }

    #[test]
    fn tables_in_comments_and_prose_are_untouched() {
        let text = "// | a | b |\n正文 | 竖线\n\n| x |\n// 注释在表中\n| yy | 1 |\n";
        let out = format(text);
        assert_eq!(
            out,
            "// | a | b |\n正文 | 竖线\n\n| x  |\n// 注释在表中\n| yy | 1 |\n"
        );
    }
}
