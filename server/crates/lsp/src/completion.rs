//! Completion, by where the cursor is:
//!
//! - in the front matter: the keys not yet written, and the values of a key
//!   (格式 editions, 机关类型, the year, the deadline as 发布日期 …);
//! - after `第`: article references of the edition that applies;
//! - in a table's first column: the standard labels of the matched table
//!   still missing, in table order, with the rest of the row (zeros) as a
//!   snippet; in the header, the standard column names; in the corner of a
//!   new table, the whole standard table;
//! - at the start of a line: the standard section headings the report lacks
//!   and whole standard tables of the report's format, filled with zeros.
//!
//! Chinese is typed through an input method, so matching is on the text as
//! typed (see [`super::analysis::matches`]), optionally on pinyin initials;
//! lists are marked incomplete so that the client asks again as typing
//! goes on.

use std::ops::Range;

use ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    CompletionTextEdit, Documentation, InsertTextFormat, MarkupContent, MarkupKind, TextEdit,
};
use tower_lsp_server::ls_types;

use super::analysis::{matches, Ctx};

mod articles;
mod front_matter;
mod headings;
mod tables;
#[cfg(test)]
mod tests;

use articles::articles;
use front_matter::front_matter;
use headings::line_start;
use tables::table;

pub fn completion(cx: &Ctx, params: &CompletionParams) -> Option<CompletionResponse> {
    let offset = cx.offset(params.text_document_position.position);
    let items = items(cx, offset)
        .into_iter()
        .map(|item| item.build(cx))
        .collect();
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: true,
        items,
    }))
}

/// What a completion inserts (the protocol's item kind is chosen from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    /// A front-matter key.
    Key,
    /// A front-matter value.
    Value,
    /// An article reference.
    Article,
    /// A section heading.
    Heading,
    /// A standard column name.
    Column,
    /// A standard row label (with the rest of the row).
    Row,
    /// A whole block: a standard table, the front matter.
    Whole,
}

impl What {
    fn lsp(self) -> CompletionItemKind {
        match self {
            What::Key => CompletionItemKind::PROPERTY,
            What::Value => CompletionItemKind::VALUE,
            What::Article => CompletionItemKind::REFERENCE,
            What::Heading => CompletionItemKind::MODULE,
            What::Column => CompletionItemKind::FIELD,
            What::Row => CompletionItemKind::ENUM_MEMBER,
            What::Whole => CompletionItemKind::SNIPPET,
        }
    }
}

/// A completion before conversion to the protocol (byte ranges, no LSP types).
struct Item {
    label: String,
    kind: What,
    detail: Option<String>,
    doc: Option<String>,
    /// What replaces `range`; a snippet when `snippet` is set.
    insert: String,
    snippet: bool,
    range: Range<usize>,
    /// What was typed (for the filter text).
    typed: String,
    order: usize,
    preselect: bool,
}

impl Item {
    fn new(label: impl Into<String>, kind: What, range: Range<usize>, typed: &str) -> Item {
        let label = label.into();
        Item {
            insert: label.clone(),
            label,
            kind,
            detail: None,
            doc: None,
            snippet: false,
            range,
            typed: typed.to_string(),
            order: 0,
            preselect: false,
        }
    }

    fn build(self, cx: &Ctx) -> CompletionItem {
        let documentation = self.doc.map(|d| {
            if cx.support.markdown_completion_docs {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: d,
                })
            } else {
                Documentation::String(d.replace("**", ""))
            }
        });
        // Clients filter on the text from the start of the edit to the
        // cursor: leading with what was typed keeps the item whatever the
        // client's matcher thinks of Chinese (the server has filtered).
        let filter = if self.typed.trim().is_empty() {
            self.label.clone()
        } else {
            format!("{}{}", self.typed, self.label)
        };
        let (insert, format) = if self.snippet && !cx.support.snippets {
            (strip_snippet(&self.insert), InsertTextFormat::PLAIN_TEXT)
        } else if self.snippet {
            (self.insert, InsertTextFormat::SNIPPET)
        } else {
            (self.insert, InsertTextFormat::PLAIN_TEXT)
        };
        CompletionItem {
            label: self.label,
            kind: Some(self.kind.lsp()),
            detail: self.detail,
            documentation,
            sort_text: Some(format!("{:05}", self.order)),
            filter_text: Some(filter),
            insert_text_format: Some(format),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: cx.range(&self.range),
                new_text: insert,
            })),
            preselect: self.preselect.then_some(true),
            ..CompletionItem::default()
        }
    }
}

/// Escapes text for a snippet.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}

/// The plain text of a snippet: placeholders replaced by their defaults
/// (`${1:0}` → `0`, `${1|a,b|}` → `a`, `$1` → ``), escapes undone.
fn strip_snippet(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '$' if chars.get(i + 1) == Some(&'{') => {
                let close = chars[i..].iter().position(|&c| c == '}').map(|p| i + p);
                let Some(close) = close else {
                    out.push('$');
                    i += 1;
                    continue;
                };
                let inner: String = chars[i + 2..close].iter().collect();
                let body = inner.trim_start_matches(|c: char| c.is_ascii_digit());
                if let Some(default) = body.strip_prefix(':') {
                    out.push_str(default);
                } else if let Some(choices) = body.strip_prefix('|') {
                    out.push_str(
                        choices
                            .trim_end_matches('|')
                            .split(',')
                            .next()
                            .unwrap_or(""),
                    );
                }
                i = close + 1;
            }
            '$' if chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn items(cx: &Ctx, offset: usize) -> Vec<Item> {
    if let Some(items) = front_matter(cx, offset) {
        return items;
    }
    let line = cx.line(offset);
    let before = &cx.text()[line.start..offset.max(line.start)];
    if before.trim_start().starts_with("//") {
        return Vec::new();
    }
    if let Some(items) = articles(cx, offset, before) {
        return items;
    }
    if let Some(pos) = cx.table_position(offset) {
        return table(cx, &pos);
    }
    line_start(cx, offset, line.start)
}

fn keep(cx: &Ctx, typed: &str, label: &str) -> bool {
    matches(typed, label, cx.settings.pinyin)
}
