//! Folding ranges: what the grammar's `folds.scm` captures (sections with
//! their heading, tables, the front matter, paragraphs), and runs of two or
//! more comment lines.

use std::ops::Range;
use std::sync::LazyLock;

use ls_types::{FoldingRange, FoldingRangeKind};
use tower_lsp_server::ls_types;
use tree_sitter::{Node, Query, QueryCursor, StreamingIterator};

use super::analysis::Ctx;

static FOLDS: LazyLock<Query> = LazyLock::new(|| {
    Query::new(
        &nianbao_core::syntax::language(),
        tree_sitter_nianbao::FOLDS_QUERY,
    )
    .expect("the bundled folds query matches the grammar")
});

pub fn folding_ranges(cx: &Ctx) -> Vec<FoldingRange> {
    let text = cx.text();
    let index = cx.doc().index();
    let mut found: Vec<(usize, usize, Option<FoldingRangeKind>)> = Vec::new();
    let mut push = |start: usize, end: usize, kind: Option<FoldingRangeKind>| {
        let content_end = start + text[start..end].trim_end().len();
        let (a, b) = (index.line_of(start), index.line_of(content_end));
        if b > a {
            found.push((a, b, kind));
        }
    };
    let mut cursor = QueryCursor::new();
    let root = cx.doc().tree().root_node();
    let mut matches = cursor.matches(&FOLDS, root, text.as_bytes());
    while let Some(m) = matches.next() {
        for capture in m.captures() {
            let node = capture.node;
            let kind = match node.kind() {
                "front_matter" => Some(FoldingRangeKind::Imports),
                _ => Some(FoldingRangeKind::Region),
            };
            push(node.start_byte(), node.end_byte(), kind);
        }
    }
    // Consecutive comment lines (from the tree: folding needs no check).
    let mut comments = Vec::new();
    collect_comments(root, &mut comments);
    let mut i = 0;
    while i < comments.len() {
        let (start, mut end) = (comments[i].start, comments[i].end);
        let mut line = index.line_of(start);
        let mut j = i + 1;
        while j < comments.len() && index.line_of(comments[j].start) == line + 1 {
            line += 1;
            end = comments[j].end;
            j += 1;
        }
        if j - i >= 2 {
            push(start, end, Some(FoldingRangeKind::Comment));
        }
        i = j;
    }
    found.sort_by_key(|(a, b, _)| (*a, std::cmp::Reverse(*b)));
    found.dedup_by_key(|(a, b, _)| (*a, *b));
    found
        .into_iter()
        .map(|(a, b, kind)| FoldingRange {
            start_line: a as u32,
            start_character: None,
            end_line: b as u32,
            end_character: None,
            kind,
            collapsed_text: None,
        })
        .collect()
}

fn collect_comments(node: Node, out: &mut Vec<Range<usize>>) {
    if node.kind() == "comment" {
        out.push(node.byte_range());
        return;
    }
    // Comments are lines: they sit in blocks, not inside inline content.
    if matches!(node.kind(), "paragraph" | "heading" | "table_row") {
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_comments(child, out);
    }
}
