//! Document symbols: the front matter with its keys, the sections nested as
//! they are in the text, and the tables inside their sections (named after
//! the standard table when they are one).

use std::ops::Range;

use ls_types::{DocumentSymbol, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind};
use tower_lsp_server::ls_types;

use super::analysis::{display_name, Ctx};

struct Node {
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range<usize>,
    selection: Range<usize>,
    children: Vec<Node>,
}

pub fn document_symbols(cx: &Ctx) -> DocumentSymbolResponse {
    let nodes = tree(cx);
    if cx.support.hierarchical_symbols {
        DocumentSymbolResponse::Nested(nodes.into_iter().map(|n| convert(cx, n)).collect())
    } else {
        let mut flat = Vec::new();
        flatten(cx, nodes, None, &mut flat);
        DocumentSymbolResponse::Flat(flat)
    }
}

fn non_empty(s: &str, fallback: &str) -> String {
    if s.trim().is_empty() {
        fallback.to_string()
    } else {
        s.trim().to_string()
    }
}

fn tree(cx: &Ctx) -> Vec<Node> {
    let report = cx.report();
    let mut top = Vec::new();
    if let Some(range) = &report.front.range {
        let children = report
            .front
            .entries
            .iter()
            .filter(|e| !e.key.is_empty())
            .map(|e| Node {
                name: e.key.clone(),
                detail: e.value.clone().filter(|v| !v.is_empty()),
                kind: SymbolKind::PROPERTY,
                range: e.line_range.clone(),
                selection: e.key_range.clone(),
                children: Vec::new(),
            })
            .collect();
        top.push(Node {
            name: "文件头".to_string(),
            detail: report.front.title().map(str::to_string),
            kind: SymbolKind::OBJECT,
            range: range.clone(),
            selection: range.start..range.start + 3.min(range.len()),
            children,
        });
    }
    // Sections and tables, each under its innermost section.
    let mut sections: Vec<Option<Node>> = report
        .sections
        .iter()
        .map(|s| {
            Some(Node {
                name: non_empty(&s.title, "（空标题）"),
                detail: None,
                kind: if s.level <= 3 {
                    SymbolKind::NAMESPACE
                } else {
                    SymbolKind::STRING
                },
                range: s.range.start..s.range.end.max(s.heading_range.end),
                selection: s.heading_range.clone(),
                children: Vec::new(),
            })
        })
        .collect();
    let mut loose: Vec<(Option<usize>, Node)> = Vec::new();
    for (i, t) in report.tables.iter().enumerate() {
        let corner = t.header.cells.first().map_or("", |c| c.text.as_str());
        let name = match cx
            .standard(i)
            .filter(|_| matches!(cx.checked().bindings.get(i), Some(Some(_))))
        {
            Some(std) => display_name(std.table),
            None => non_empty(corner, "表格"),
        };
        loose.push((
            t.section,
            Node {
                name,
                detail: Some(format!("{} 行", t.rows.len())),
                kind: SymbolKind::STRUCT,
                range: t.range.clone(),
                selection: t.header.range.clone(),
                children: Vec::new(),
            },
        ));
    }
    for (section, node) in loose {
        match section
            .and_then(|s| sections.get_mut(s))
            .and_then(Option::as_mut)
        {
            Some(parent) => parent.children.push(node),
            None => top.push(node),
        }
    }
    // Attach sections to their parents, deepest first.
    for i in (0..report.sections.len()).rev() {
        let Some(node) = sections[i].take() else {
            continue;
        };
        match report.sections[i]
            .parent
            .and_then(|p| sections.get_mut(p))
            .and_then(Option::as_mut)
        {
            Some(parent) => parent.children.push(node),
            None => top.push(node),
        }
    }
    fn sort(nodes: &mut Vec<Node>) {
        nodes.sort_by_key(|n| n.range.start);
        for n in nodes {
            sort(&mut n.children);
        }
    }
    sort(&mut top);
    top
}

#[allow(deprecated)]
fn convert(cx: &Ctx, n: Node) -> DocumentSymbol {
    DocumentSymbol {
        name: n.name,
        detail: n.detail,
        kind: n.kind,
        tags: None,
        deprecated: None,
        range: cx.range(&n.range),
        selection_range: cx.range(&n.selection),
        children: Some(n.children.into_iter().map(|c| convert(cx, c)).collect()),
    }
}

#[allow(deprecated)]
fn flatten(cx: &Ctx, nodes: Vec<Node>, container: Option<&str>, out: &mut Vec<SymbolInformation>) {
    for n in nodes {
        out.push(SymbolInformation {
            name: n.name.clone(),
            kind: n.kind,
            tags: None,
            deprecated: None,
            location: Location::new(cx.doc().uri.clone(), cx.range(&n.range)),
            container_name: container.map(str::to_string),
        });
        flatten(cx, n.children, Some(&n.name), out);
    }
}
