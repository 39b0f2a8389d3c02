//! Semantic tokens for the whole document, so that editors without the
//! tree-sitter grammar still colour the markup: headings, figures and their
//! units, article references, titles, placeholders, comments (suppression
//! directives apart), front-matter keys and values, and the table pipes.
//! Standard token types only, so that every theme has a colour for them.

use std::ops::Range;

use ls_types::{SemanticToken, SemanticTokenType, SemanticTokens, SemanticTokensLegend};
use tower_lsp_server::ls_types;
use tree_sitter::Node;

use super::analysis::Ctx;

/// Token types, in legend order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Kind {
    Heading = 0,
    Number,
    Unit,
    Article,
    Title,
    Placeholder,
    Comment,
    Directive,
    Key,
    Value,
    Pipe,
    NotApplicable,
}

const TYPES: [SemanticTokenType; 12] = [
    SemanticTokenType::NAMESPACE,   // heading
    SemanticTokenType::NUMBER,      // figure
    SemanticTokenType::TYPE,        // unit
    SemanticTokenType::FUNCTION,    // article reference
    SemanticTokenType::STRING,      // 《title》
    SemanticTokenType::REGEXP,      // placeholder
    SemanticTokenType::COMMENT,     // comment
    SemanticTokenType::DECORATOR,   // nianbao- directive
    SemanticTokenType::PROPERTY,    // front-matter key
    SemanticTokenType::STRING,      // front-matter value
    SemanticTokenType::OPERATOR,    // | and ---
    SemanticTokenType::ENUM_MEMBER, // — not applicable
];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: Vec::new(),
    }
}

pub fn semantic_tokens(cx: &Ctx) -> SemanticTokens {
    SemanticTokens {
        result_id: None,
        data: encode(cx, &spans(cx)),
    }
}

/// Every token as (byte range, kind), in document order.
pub fn spans(cx: &Ctx) -> Vec<(Range<usize>, Kind)> {
    let mut spans = Vec::new();
    walk(cx.doc().tree().root_node(), cx.text(), &mut spans);
    spans
}

fn push(out: &mut Vec<(Range<usize>, Kind)>, text: &str, range: Range<usize>, kind: Kind) {
    // One token a line (tokens may not span lines), without line breaks.
    let mut start = range.start;
    for piece in text[range.clone()].split_inclusive(['\n', '\r']) {
        let content = piece.trim_end_matches(['\n', '\r']);
        if !content.is_empty() {
            out.push((start..start + content.len(), kind));
        }
        start += piece.len();
    }
}

fn walk(node: Node, text: &str, out: &mut Vec<(Range<usize>, Kind)>) {
    let kind = match node.kind() {
        "heading" => Some(Kind::Heading),
        "comment" => {
            let t = text[node.byte_range()].trim_start_matches('/').trim_start();
            Some(if t.starts_with("nianbao-") {
                Kind::Directive
            } else {
                Kind::Comment
            })
        }
        "digits" | "approx" | "magnitude" => Some(Kind::Number),
        "unit" => Some(Kind::Unit),
        "article_ref" => Some(Kind::Article),
        "title" => Some(Kind::Title),
        "placeholder" => Some(Kind::Placeholder),
        "key" => Some(Kind::Key),
        "value" => Some(Kind::Value),
        "table_delimiter_row" => Some(Kind::Pipe),
        "not_applicable" => Some(Kind::NotApplicable),
        "|" | "---" if !node.is_named() => Some(Kind::Pipe),
        _ => None,
    };
    if let Some(kind) = kind {
        let range = node.start_byte()..node.start_byte() + text[node.byte_range()].trim_end().len();
        push(out, text, range, kind);
        return;
    }
    if node.kind() == "table_row" && text.as_bytes().get(node.start_byte()) == Some(&b'|') {
        // The leading pipe is a hidden token, not a child.
        out.push((node.start_byte()..node.start_byte() + 1, Kind::Pipe));
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        walk(child, text, out);
    }
}

fn encode(cx: &Ctx, spans: &[(Range<usize>, Kind)]) -> Vec<SemanticToken> {
    let text = cx.text();
    let encoding = cx.encoding;
    let mut data = Vec::with_capacity(spans.len());
    let (mut last_line, mut last_start) = (0u32, 0u32);
    for (range, kind) in spans {
        let start = cx.doc().position(range.start, encoding);
        let length = match encoding {
            nianbao_core::position::Encoding::Utf8 => range.len(),
            nianbao_core::position::Encoding::Utf16 => text[range.clone()].encode_utf16().count(),
            nianbao_core::position::Encoding::Chars => text[range.clone()].chars().count(),
        } as u32;
        let delta_line = start.line - last_line;
        let delta_start = if delta_line == 0 {
            start.character - last_start
        } else {
            start.character
        };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length,
            token_type: *kind as u32,
            token_modifiers_bitset: 0,
        });
        last_line = start.line;
        last_start = start.character;
    }
    data
}
