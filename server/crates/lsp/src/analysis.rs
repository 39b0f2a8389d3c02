//! What the features share: the view of one open document that every
//! request handler gets ([`Ctx`]), where the cursor is (which table, row and
//! cell), and which standard table a pipe table is, even while it is still
//! being written.

use std::ops::Range;

use ls_types::Position;
use tower_lsp_server::ls_types;

use super::config::Settings;
use super::document::Document;
use super::state::{ClientSupport, Open, State};
use nianbao_core::check::Checked;
use nianbao_core::formats::{self, normalize_label};
use nianbao_core::model::Report;
use nianbao_core::position::Encoding;
use nianbao_core::semantic::bind::{bind_draft, Binding};
use nianbao_core::tiaoli::Edition;

/// One open document, as a request handler sees it.
pub struct Ctx<'a> {
    pub open: &'a Open,
    pub encoding: Encoding,
    pub support: &'a ClientSupport,
    pub settings: &'a Settings,
}

impl<'a> Ctx<'a> {
    pub fn new(state: &'a State, open: &'a Open) -> Ctx<'a> {
        Ctx {
            open,
            encoding: state.encoding,
            support: &state.support,
            settings: &state.settings,
        }
    }

    pub fn doc(&self) -> &'a Document {
        &self.open.doc
    }

    pub fn text(&self) -> &'a str {
        self.open.doc.text()
    }

    pub fn checked(&self) -> &'a Checked {
        &self.open.checked
    }

    pub fn report(&self) -> &'a Report {
        &self.open.checked.report
    }

    pub fn offset(&self, position: Position) -> usize {
        self.open.doc.offset(position, self.encoding)
    }

    pub fn range(&self, range: &Range<usize>) -> ls_types::Range {
        self.open.doc.range(range, self.encoding)
    }

    /// The report's national format (`None` for reports before 2014).
    pub fn format(&self) -> Option<&'static formats::Format> {
        self.open.checked.format.data()
    }

    pub fn edition(&self) -> Edition {
        self.open.checked.edition
    }

    /// The content range (without the line break) of the line holding `offset`.
    pub fn line(&self, offset: usize) -> Range<usize> {
        let index = self.open.doc.index();
        index.line_range(self.text(), index.line_of(offset))
    }

    /// Which table, row and cell `offset` is in, if its line is a table row.
    pub fn table_position(&self, offset: usize) -> Option<TablePosition> {
        let text = self.text();
        let line = self.line(offset);
        let content = &text[line.clone()];
        let indent = content.len() - content.trim_start().len();
        if !content[indent..].starts_with('|') {
            return None;
        }
        let row_start = line.start + indent;
        let cursor = offset.clamp(row_start, line.end);
        // Pipes before the cursor, outside 《titles》.
        let mut pipes = 0usize;
        let mut last_pipe = row_start;
        let mut in_title = false;
        for (i, c) in text[row_start..cursor].char_indices() {
            match c {
                '《' => in_title = true,
                '》' => in_title = false,
                '|' if !in_title => {
                    pipes += 1;
                    last_pipe = row_start + i;
                }
                _ => {}
            }
        }
        let cell = pipes.saturating_sub(1);
        let typed_start = {
            let after = last_pipe + 1;
            let gap = &text[after.min(cursor)..cursor];
            after.min(cursor) + (gap.len() - gap.trim_start().len())
        };
        let report = self.report();
        let table = report
            .tables
            .iter()
            .position(|t| t.range.start <= row_start && row_start <= t.range.end);
        let row = match table {
            None => RowAt::Header,
            Some(t) => {
                let t = &report.tables[t];
                if t.header.range.start == row_start {
                    RowAt::Header
                } else if let Some(i) = t.rows.iter().position(|r| r.range.start == row_start) {
                    RowAt::Data(i)
                } else if is_delimiter(&content[indent..]) {
                    RowAt::Delimiter
                } else {
                    RowAt::Other
                }
            }
        };
        let rest = &text[cursor..line.end];
        Some(TablePosition {
            table,
            row,
            cell,
            typed: typed_start..cursor,
            line,
            rest_is_empty: rest.trim().is_empty(),
            next_pipe: rest.find('|').map(|i| cursor + i),
        })
    }

    /// The standard table a report table is (or is becoming): the one binder
    /// of the semantic layer, [`bind_draft`] — the checker's binding when it
    /// has one, else a looser one for a table still being written.
    pub fn standard(&self, index: usize) -> Option<Binding> {
        let checked = self.checked();
        bind_draft(&checked.report, &checked.bindings, index, checked.format)
    }
}

fn is_delimiter(row: &str) -> bool {
    let cells: Vec<&str> = row
        .trim()
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect();
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim_matches(':');
            c.len() >= 3 && c.chars().all(|ch| ch == '-')
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAt {
    Header,
    Delimiter,
    /// Index into `Table::rows`.
    Data(usize),
    /// A row the model does not list (inside an error).
    Other,
}

#[derive(Debug, Clone)]
pub struct TablePosition {
    /// Index of the report table, `None` when the line starts a table the
    /// model does not have yet.
    pub table: Option<usize>,
    pub row: RowAt,
    /// 0-based cell index (0 = the row label or the corner).
    pub cell: usize,
    /// What has been typed in the cell before the cursor.
    pub typed: Range<usize>,
    pub line: Range<usize>,
    /// Nothing but whitespace after the cursor on the line.
    pub rest_is_empty: bool,
    /// The next pipe after the cursor.
    pub next_pipe: Option<usize>,
}

/// How the official forms name a standard table: 表二（第二十条第（一）项）…
pub fn display_name(table: &formats::Table) -> String {
    match table.section.as_deref() {
        Some(no) => format!("表{no}　{}", table.name),
        None => table.name.clone(),
    }
}

/// Whether `label` should be offered for what was typed: the typed text
/// (normalised like labels) inside the label or spelling it out in order,
/// or — with pinyin matching — the initials of its pinyin.
pub fn matches(typed: &str, label: &str, pinyin: bool) -> bool {
    let typed = typed.trim();
    if typed.is_empty() {
        return true;
    }
    let t = normalize_label(typed);
    let l = normalize_label(label);
    if l.contains(&t) || is_subsequence(&t, &l) {
        return true;
    }
    pinyin
        && typed.chars().all(|c| c.is_ascii_alphanumeric())
        && is_subsequence(&typed.to_ascii_lowercase(), &initials(label))
}

fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut hay = haystack.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

/// The initials of a label's pinyin, ASCII letters and digits kept:
/// `（一）予以公开` → `yyygk`.
pub fn initials(label: &str) -> String {
    use pinyin::ToPinyin;
    label
        .chars()
        .filter_map(|c| match c.to_pinyin() {
            Some(p) => p.first_letter().chars().next(),
            None if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            None => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_on_characters_and_pinyin_initials() {
        assert!(matches("予以", "（一）予以公开", false));
        assert!(matches("予公", "（一）予以公开", false));
        assert!(matches("（一)予以", "（一）予以公开", false));
        assert!(!matches("yygk", "（一）予以公开", false));
        assert!(matches("yygk", "（一）予以公开", true));
        assert!(matches("BHDSF", "4.保护第三方合法权益", true));
        assert!(!matches("xyz", "（一）予以公开", true));
        assert_eq!(initials("4.保护第三方合法权益"), "4bhdsfhfqy");
    }

    #[test]
    fn delimiter_rows() {
        assert!(is_delimiter("| --- | ---: |"));
        assert!(is_delimiter("|:---:|"));
        assert!(!is_delimiter("| -- | 1 |"));
    }
}
