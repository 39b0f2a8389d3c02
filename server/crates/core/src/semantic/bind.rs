//! Binding the report's pipe tables to the standard tables of the formats:
//! which standard table each one is, and which standard row and column each
//! written row and header cell stands for.

use rustc_hash::FxHashMap as HashMap;

use super::FormatId;
use crate::formats::{self, LabelMatch, MatchKind};
use crate::model::{Cell, Report, Table};

/// Below this fit a table is not taken for a standard one.
const MIN_SCORE: f32 = 0.5;

/// A report table bound to a standard table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub format: &'static formats::Format,
    pub table: &'static formats::Table,
    pub score: f32,
    /// For each data row of the report table (`Table::rows`), the standard row.
    pub rows: Vec<Option<LabelMatch<'static>>>,
    /// For each header cell (index 0 is the corner, always `None`), the standard column.
    pub columns: Vec<Option<LabelMatch<'static>>>,
    /// Standard row key → report row index (first plausible match).
    row_index: HashMap<&'static str, usize>,
    /// Standard column key → report column index.
    column_index: HashMap<&'static str, usize>,
}

/// Whether a label match is good enough to take the row for the standard one.
pub fn usable<'m>(m: &'m Option<LabelMatch<'static>>) -> Option<&'m LabelMatch<'static>> {
    m.as_ref().filter(|m| m.is_plausible())
}

impl Binding {
    /// Report (row, column) indices of a standard cell, if both are present.
    pub fn position(&self, row_key: &str, column_key: &str) -> Option<(usize, usize)> {
        Some((
            *self.row_index.get(row_key)?,
            *self.column_index.get(column_key)?,
        ))
    }

    /// The report cell of a standard cell.
    pub fn cell<'r>(&self, table: &'r Table, row_key: &str, column_key: &str) -> Option<&'r Cell> {
        let (r, c) = self.position(row_key, column_key)?;
        table.rows.get(r)?.cells.get(c)
    }

    pub fn row_position(&self, row_key: &str) -> Option<usize> {
        self.row_index.get(row_key).copied()
    }

    pub fn column_position(&self, column_key: &str) -> Option<usize> {
        self.column_index.get(column_key).copied()
    }

    /// The standard row key of report row `i` (`Table::rows`), when the match is usable.
    pub fn row_key(&self, i: usize) -> Option<&'static str> {
        usable(self.rows.get(i)?).map(|m| m.key)
    }

    /// The standard column key of header cell `i` (0 is the corner), when the match is usable.
    pub fn column_key(&self, i: usize) -> Option<&'static str> {
        usable(self.columns.get(i)?).map(|m| m.key)
    }
}

/// Binds every table of the report; `None` for tables that match no
/// standard table.
pub fn bind_all(report: &Report, format: FormatId) -> Vec<Option<Binding>> {
    report.tables.iter().map(|t| bind(t, format)).collect()
}

/// Bindings depend only on the labels, and the same standard tables come
/// back in every report and on every keystroke: remember them per thread.
/// The format, and the header's and first column's labels, each with its
/// length before it and the header's count first (so no two lists of labels
/// make the same bytes): one allocation a lookup, not one a label.
type CacheKey = (FormatId, Box<[u8]>);

fn cache_key(format: FormatId, header: &[&str], first_column: &[&str]) -> CacheKey {
    let labels = header.iter().chain(first_column);
    let size = labels.clone().map(|l| l.len() + 8).sum::<usize>() + 8;
    let mut key = Vec::with_capacity(size);
    key.extend_from_slice(&header.len().to_le_bytes());
    for label in labels {
        key.extend_from_slice(&label.len().to_le_bytes());
        key.extend_from_slice(label.as_bytes());
    }
    (format, key.into_boxed_slice())
}

thread_local! {
    static CACHE: std::cell::RefCell<HashMap<CacheKey, Option<Binding>>> =
        std::cell::RefCell::new(HashMap::default());
}

/// Entries kept before the cache is emptied (a few hundred distinct tables
/// at most in any real workload).
const CACHE_LIMIT: usize = 4096;

fn bind(table: &Table, format: FormatId) -> Option<Binding> {
    let header: Vec<&str> = table.header.cells.iter().map(|c| c.text.as_str()).collect();
    let first_column: Vec<&str> = table.rows.iter().map(|r| r.label()).collect();
    let key = cache_key(format, &header, &first_column);
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let bound = bind_uncached(&header, &first_column, format);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(key, bound.clone());
    });
    bound
}

fn bind_uncached(header: &[&str], first_column: &[&str], format: FormatId) -> Option<Binding> {
    let candidates = formats::detect_table(header, first_column);
    let best = candidates.first()?;
    // Prefer the report's own format when it fits as well (表四 is the same
    // in 2019 and 2021).
    let own = format.data().map(|f| f.id);
    let chosen = candidates
        .iter()
        .find(|m| Some(m.format.id) == own && m.score + 0.05 >= best.score)
        .unwrap_or(best);
    if chosen.score < MIN_SCORE {
        return None;
    }
    let binding = bind_to(
        header,
        first_column,
        chosen.format,
        chosen.table,
        chosen.score,
    );
    // Most written labels must be standard ones: a provincial table that only
    // shares the header (东宁2016's 重点领域 table) is not a standard table.
    let labelled = first_column.iter().filter(|l| !l.trim().is_empty()).count();
    let plausible = binding.rows.iter().filter(|m| usable(m).is_some()).count();
    if labelled > 0 && plausible * 2 < labelled {
        return None;
    }
    Some(binding)
}

/// The rows and columns of a report table (its header cells and first column) matched against the standard
/// table `standard` of `format`.
fn bind_to(
    header: &[&str],
    first_column: &[&str],
    format: &'static formats::Format,
    standard: &'static formats::Table,
    score: f32,
) -> Binding {
    let rows = standard.match_rows(first_column);
    let columns: Vec<Option<LabelMatch<'static>>> = header
        .iter()
        .enumerate()
        .map(|(i, text)| {
            if i == 0 || text.trim().is_empty() {
                None
            } else {
                standard.lookup_column(text)
            }
        })
        .collect();
    let mut row_index = HashMap::default();
    for (i, m) in rows.iter().enumerate() {
        if let Some(m) = usable(m) {
            row_index.entry(m.key).or_insert(i);
        }
    }
    let mut column_index = HashMap::default();
    for (i, m) in columns.iter().enumerate() {
        if let Some(m) = usable(m) {
            column_index.entry(m.key).or_insert(i);
        }
    }
    Binding {
        format,
        table: standard,
        score,
        rows,
        columns,
        row_index,
        column_index,
    }
}

/// Below this fit a table being written is not taken for a standard table of the report's format.
const MIN_DRAFT_SCORE: f32 = 0.3;

/// The binding of a table as the editor sees it while it is being written: the checker's binding
/// (`bindings[index]`, from [`bind_all`]) when there is one; else the table of the report's format with the
/// same corner, or the best fit among the format's tables, without requiring most rows to be standard yet.
pub fn bind_draft(
    report: &Report,
    bindings: &[Option<Binding>],
    index: usize,
    format: FormatId,
) -> Option<Binding> {
    let table = report.tables.get(index)?;
    if let Some(Some(b)) = bindings.get(index) {
        return Some(b.clone());
    }
    let format = format.data()?;
    let corner = table.header.cells.first().map_or("", |c| c.text.as_str());
    let header: Vec<&str> = table.header.cells.iter().map(|c| c.text.as_str()).collect();
    let labels: Vec<&str> = table.rows.iter().map(|r| r.label()).collect();
    let (standard, score) = match format.tables.iter().find(|t| t.is_corner(corner)) {
        Some(t) => (t, 1.0),
        None => {
            let m = format.detect_table(&header, &labels)?;
            if m.score < MIN_DRAFT_SCORE {
                return None;
            }
            (m.table, m.score)
        }
    };
    Some(bind_to(&header, &labels, format, standard, score))
}

/// A label that differs from the standard one in more than width, spacing,
/// traditional characters or numbering.
pub fn is_variant(m: &LabelMatch) -> bool {
    matches!(m.kind, MatchKind::Variant)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two different lists of labels never share a cache entry.
    #[test]
    fn cache_keys_tell_the_label_lists_apart() {
        let key = |h: &[&str], c: &[&str]| cache_key(FormatId::Gov2021, h, c);
        let keys = [
            key(&["a", "b"], &[]),
            key(&["a"], &["b"]),
            key(&["ab"], &[]),
            key(&[], &["a", "b"]),
            key(&["a", ""], &["b"]),
            key(&["a"], &["", "b"]),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(key(&["a"], &["b"]), key(&["a"], &["b"]));
        assert_ne!(
            key(&["a"], &["b"]),
            cache_key(FormatId::Gov2019, &["a"], &["b"])
        );
    }
}
