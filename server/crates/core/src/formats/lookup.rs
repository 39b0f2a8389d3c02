//! Matching written labels and headings against the standard ones, and recognising which standard table a pipe
//! table is.

use super::normalize::{
    edit_distance, edit_distance_chars, normalize_label, similarity, split_ordinal,
};
use super::{all, Format, Section, Subsection, Table};

/// Below this similarity a fuzzy match is probably a different label, not a misspelling of this one.
pub const FUZZY_THRESHOLD: f32 = 0.6;

/// The similarity from which a near miss counts (half) toward recognising a table.
const CREDIT_FLOOR: f32 = 0.75;

/// How a written label matched a standard one, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Character for character the standard label (surrounding whitespace aside).
    Exact,
    /// The standard label after normalisation: spacing, punctuation width, traditional characters.
    Normalized,
    /// A known variant (older wording, a spelling seen in reports).
    Variant,
    /// The same label with a different or missing ordinal marker ("予以公开" for "（一）予以公开").
    Ordinal,
    /// Only similar: an unknown or misspelt label; see the distance and similarity.
    Fuzzy,
}

/// Longest written label that is compared by edit distance.
const MAX_FUZZY_CHARS: usize = 120;

/// The normalised forms of one standard label, computed once at load.
#[derive(Debug, Default, Clone)]
pub(crate) struct Names {
    label: String,
    canonical: String,
    variants: Vec<String>,
    /// Canonical and variants without their ordinal markers.
    bodies: Vec<String>,
    /// The forms and bodies as characters, for edit distances without re-decoding.
    fuzzy: Vec<(Vec<char>, bool)>,
}

impl Names {
    pub(crate) fn new(label: &str, variants: &[String]) -> Names {
        let canonical = normalize_label(label);
        let variants: Vec<String> = variants.iter().map(|v| normalize_label(v)).collect();
        let bodies = std::iter::once(&canonical)
            .chain(&variants)
            .map(|n| split_ordinal(n).1.to_string())
            .collect();
        let mut names = Names {
            label: label.to_string(),
            canonical,
            variants,
            bodies,
            fuzzy: Vec::new(),
        };
        let forms: Vec<(Vec<char>, bool)> = names
            .forms()
            .map(|f| (f.chars().collect(), false))
            .collect();
        let bodies = names.bodies.iter().map(|b| (b.chars().collect(), true));
        names.fuzzy = forms.into_iter().chain(bodies).collect();
        names
    }

    /// Every normalised form: canonical first, then the variants.
    pub(crate) fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.canonical.as_str()).chain(self.variants.iter().map(String::as_str))
    }

    /// The non-fuzzy relation of a written text to this label, if any.
    fn compare_exact(&self, text: &Written) -> Option<MatchKind> {
        if text.norm == self.canonical {
            return Some(if text.raw == self.label {
                MatchKind::Exact
            } else {
                MatchKind::Normalized
            });
        }
        if self.variants.contains(&text.norm) {
            return Some(MatchKind::Variant);
        }
        if self.bodies.iter().any(|b| !b.is_empty() && *b == text.body) {
            return Some(MatchKind::Ordinal);
        }
        None
    }

    /// How similar a written text is to this label: the best over whole forms and over bodies (ordinals differ
    /// more often than words). Pairs that cannot reach `floor` are skipped; if none can, the similarity is
    /// `f32::MIN`.
    fn compare_fuzzy(&self, text: &Written, floor: f32) -> Scored {
        let mut best = Scored {
            kind: MatchKind::Fuzzy,
            distance: usize::MAX,
            similarity: f32::MIN,
        };
        // No standard label is this long: a paragraph pasted into a cell is
        // no near miss, and edit distances on it would cost quadratic time.
        if text.norm_chars.len() > MAX_FUZZY_CHARS {
            return best;
        }
        for (form, is_body) in &self.fuzzy {
            let other = if *is_body {
                &text.body_chars
            } else {
                &text.norm_chars
            };
            // The distance is at least the difference in length: skip pairs that cannot beat the best so far.
            let longest = form.len().max(other.len()).max(1) as f32;
            let bound = 1.0 - form.len().abs_diff(other.len()) as f32 / longest;
            if bound <= best.similarity || bound < floor {
                continue;
            }
            let distance = edit_distance_chars(form, other);
            let sim = 1.0 - distance as f32 / longest;
            if sim > best.similarity {
                best = Scored {
                    kind: MatchKind::Fuzzy,
                    distance,
                    similarity: sim,
                };
            }
        }
        best
    }

    /// Compare a written text with this label.
    fn compare(&self, text: &Written) -> Scored {
        self.compare_exact(text)
            .map(Scored::exact)
            .unwrap_or_else(|| self.compare_fuzzy(text, f32::MIN))
    }
}

/// A written text prepared for comparison.
struct Written<'t> {
    raw: &'t str,
    norm: String,
    body: String,
    norm_chars: Vec<char>,
    body_chars: Vec<char>,
}

impl<'t> Written<'t> {
    fn new(raw: &'t str) -> Self {
        let raw = raw.trim();
        let norm = normalize_label(raw);
        let body = split_ordinal(&norm).1.to_string();
        Written {
            raw,
            norm_chars: norm.chars().collect(),
            body_chars: body.chars().collect(),
            norm,
            body,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Scored {
    kind: MatchKind,
    distance: usize,
    similarity: f32,
}

impl Scored {
    fn exact(kind: MatchKind) -> Self {
        Scored {
            kind,
            distance: 0,
            similarity: 1.0,
        }
    }

    /// Ordering key: better kind first, then higher similarity.
    fn better_than(&self, other: &Scored) -> bool {
        (self.kind, -self.similarity) < (other.kind, -other.similarity)
    }

    fn same_rank(&self, other: &Scored) -> bool {
        self.kind == other.kind && self.similarity == other.similarity
    }

    /// Credit toward recognising a table: full for any non-fuzzy match, half for a near miss.
    fn credit(&self) -> f32 {
        match self.kind {
            MatchKind::Fuzzy if self.similarity >= CREDIT_FLOOR => 0.5,
            MatchKind::Fuzzy => 0.0,
            _ => 1.0,
        }
    }
}

/// A written label matched to a standard row or column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelMatch<'a> {
    /// Index of the row or column in the table.
    pub index: usize,
    pub key: &'a str,
    /// The canonical label, to offer as the fix.
    pub label: &'a str,
    pub kind: MatchKind,
    /// Edit distance (characters, after normalisation) for a fuzzy match; 0 otherwise.
    pub distance: usize,
    /// 1 − distance / length of the longer label; 1 for a non-fuzzy match.
    pub similarity: f32,
}

impl LabelMatch<'_> {
    /// Whether the match is good enough to take the text for this label (see [`FUZZY_THRESHOLD`]).
    pub fn is_plausible(&self) -> bool {
        self.kind != MatchKind::Fuzzy || self.similarity >= FUZZY_THRESHOLD
    }
}

/// Score a prepared text against each of `names`; return every candidate of the best rank (several when a
/// label is repeated under different parents, as 被依法纠错数 is in the statistical table). Near misses below
/// `floor` are not scored; `floor: None` looks for exact (non-fuzzy) matches only.
fn best_written<'n>(
    written: &Written,
    names: impl Iterator<Item = &'n Names> + Clone,
    floor: Option<f32>,
) -> Vec<(usize, Scored)> {
    if written.norm.is_empty() {
        return Vec::new();
    }
    // Cheap comparisons first: edit distances are only needed when no label matches outright.
    let exact: Vec<(usize, Scored)> = names
        .clone()
        .enumerate()
        .filter_map(|(i, n)| Some((i, Scored::exact(n.compare_exact(written)?))))
        .collect();
    let scored = match floor {
        Some(floor) if exact.is_empty() => names
            .map(|n| n.compare_fuzzy(written, floor))
            .enumerate()
            .collect(),
        _ => exact,
    };
    let mut best: Vec<(usize, Scored)> = Vec::new();
    for (i, s) in scored {
        match best.first() {
            Some((_, b)) if s.better_than(b) => best = vec![(i, s)],
            Some((_, b)) if s.same_rank(b) => best.push((i, s)),
            None => best.push((i, s)),
            _ => {}
        }
    }
    best
}

impl<'a> LabelMatch<'a> {
    fn new(index: usize, key: &'a str, label: &'a str, s: Scored) -> Self {
        LabelMatch {
            index,
            key,
            label,
            kind: s.kind,
            distance: s.distance,
            similarity: s.similarity,
        }
    }
}

/// The rows or the columns of a standard table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Axis {
    Rows,
    Columns,
}

/// The label matches [`Table::best_of`] has worked out on this thread: the
/// same written labels come back in every report, each compared with every
/// label of every standard table when a table is recognised (half a million
/// instructions a table). By (table, axis, floor), then by the written text
/// (trimmed): everything the result depends on.
#[derive(Default)]
struct BestMemo {
    lists: rustc_hash::FxHashMap<(u32, Axis, u64), BestOfTexts>,
    /// Entries in all the lists.
    size: usize,
}

/// The best candidates of each written text (trimmed) in one list of names.
type BestOfTexts = rustc_hash::FxHashMap<Box<str>, Vec<(usize, Scored)>>;

/// Entries kept before the memo is emptied.
const BEST_MEMO_SIZE: usize = 16_384;

thread_local! {
    static BEST_MEMO: std::cell::RefCell<BestMemo> = std::cell::RefCell::new(BestMemo::default());
}

impl Table {
    /// [`best_written`] over the table's rows or columns.
    fn best_anew(&self, axis: Axis, written: &Written, floor: Option<f32>) -> Vec<(usize, Scored)> {
        match axis {
            Axis::Rows => best_written(written, self.rows.iter().map(|r| &r.names), floor),
            Axis::Columns => best_written(written, self.columns.iter().map(|c| &c.names), floor),
        }
    }

    /// [`Table::best_anew`], remembered per thread (see [`BestMemo`]); a table
    /// that was never prepared (no `uid`) is not remembered.
    fn best_of(&self, axis: Axis, written: &Written, floor: Option<f32>) -> Vec<(usize, Scored)> {
        if self.uid == 0 || written.norm.is_empty() {
            return self.best_anew(axis, written, floor);
        }
        let list = (
            self.uid,
            axis,
            floor.map_or(u64::MAX, |f| u64::from(f.to_bits())),
        );
        BEST_MEMO.with(|memo| {
            if let Some(known) = memo
                .borrow()
                .lists
                .get(&list)
                .and_then(|texts| texts.get(written.raw))
            {
                return known.clone();
            }
            let found = self.best_anew(axis, written, floor);
            let mut memo = memo.borrow_mut();
            if memo.size >= BEST_MEMO_SIZE {
                memo.lists.clear();
                memo.size = 0;
            }
            memo.lists
                .entry(list)
                .or_default()
                .insert(written.raw.into(), found.clone());
            memo.size += 1;
            found
        })
    }
}

impl Table {
    fn row_match(&self, (index, s): (usize, Scored)) -> LabelMatch<'_> {
        let row = &self.rows[index];
        LabelMatch::new(index, &row.key, &row.label, s)
    }

    /// The standard row a written label stands for: exact, normalised, a known variant, the same label with
    /// another ordinal, or else the closest row (kind [`MatchKind::Fuzzy`], with its distance). `None` only for
    /// a blank label.
    pub fn lookup_row(&self, text: &str) -> Option<LabelMatch<'_>> {
        let best = self.best_of(Axis::Rows, &Written::new(text), Some(f32::MIN));
        best.first().map(|&c| self.row_match(c))
    }

    /// The standard column a written header stands for; see [`Table::lookup_row`].
    pub fn lookup_column(&self, text: &str) -> Option<LabelMatch<'_>> {
        let best = self.best_of(Axis::Columns, &Written::new(text), Some(f32::MIN));
        best.first().map(|&(index, s)| {
            let column = &self.columns[index];
            LabelMatch::new(index, &column.key, &column.label, s)
        })
    }

    /// Match a table's first column in document order. Where a label occurs more than once in the standard
    /// table, the first occurrence after the previous matched row is taken, so repeated labels land under the
    /// right parent.
    pub fn match_rows(&self, labels: &[&str]) -> Vec<Option<LabelMatch<'_>>> {
        let mut after: Option<usize> = None;
        labels
            .iter()
            .map(|text| {
                let best = self.best_of(Axis::Rows, &Written::new(text), Some(f32::MIN));
                let chosen = best
                    .iter()
                    .find(|(i, _)| after.is_none_or(|a| *i > a))
                    .or(best.first())
                    .copied()?;
                let m = self.row_match(chosen);
                if m.is_plausible() {
                    after = Some(m.index);
                }
                Some(m)
            })
            .collect()
    }

    /// Whether `text` is this table's corner cell (canonical or a variant).
    pub fn is_corner(&self, text: &str) -> bool {
        let written = Written::new(text);
        self.corner_names.forms().any(|f| f == written.norm)
    }

    /// How well a pipe table with these header cells and first-column labels fits this table, in [0, 1].
    ///
    /// Weighs the corner cell (0.2), the header cells against the columns (0.4) and the first column against
    /// the rows (0.4), the latter two as F1 of precision (written labels that are standard) and recall
    /// (standard labels that are written; group rows may be left out, so only data rows count).
    pub fn fit(&self, header: &[&str], first_column: &[&str]) -> f32 {
        self.fit_prepared(&Prepared::new(header, first_column), false)
    }

    /// [`Table::fit`] on texts normalised once; with `exact_only`, near
    /// misses earn nothing (a cheap first pass over every table).
    fn fit_prepared(&self, p: &Prepared, exact_only: bool) -> f32 {
        let floor = (!exact_only).then_some(CREDIT_FLOOR);
        let corner = match &p.corner {
            Some(w) if self.corner_names.forms().any(|f| f == w.norm) => 1.0,
            Some(_) if exact_only => 0.0,
            Some(w) if self.corner_names.compare(w).similarity >= 0.8 => 0.5,
            Some(_) => 0.0,
            None => 0.0,
        };

        // Spanning headers (法人或其他组织) are neither hits nor misses.
        let headers: Vec<&Written> = p
            .headers
            .iter()
            .filter(|h| !self.column_groups.contains(&h.norm))
            .collect();
        let columns = f1(
            headers
                .iter()
                .map(|h| self.best_of(Axis::Columns, h, floor)),
            self.columns.len(),
            |_| true,
        );

        let data_rows = self.data_rows().count();
        let rows = f1(
            p.labels.iter().map(|l| self.best_of(Axis::Rows, l, floor)),
            data_rows,
            |i| !self.rows[i].group,
        );

        if p.labels.is_empty() {
            // Header only: let the header carry the rows' weight too.
            0.3 * corner + 0.7 * columns
        } else {
            0.2 * corner + 0.4 * columns + 0.4 * rows
        }
    }
}

/// A pipe table's header and first column, normalised once for fitting
/// against every standard table.
struct Prepared<'t> {
    corner: Option<Written<'t>>,
    /// Non-empty header cells after the corner.
    headers: Vec<Written<'t>>,
    /// Non-empty first-column labels.
    labels: Vec<Written<'t>>,
}

impl<'t> Prepared<'t> {
    fn new(header: &[&'t str], first_column: &[&'t str]) -> Self {
        let nonempty = |texts: &[&'t str]| -> Vec<Written<'t>> {
            texts
                .iter()
                .map(|t| Written::new(t))
                .filter(|w| !w.norm.is_empty())
                .collect()
        };
        Prepared {
            corner: header.first().map(|t| Written::new(t)),
            headers: nonempty(header.get(1..).unwrap_or(&[])),
            labels: nonempty(first_column),
        }
    }
}

/// F1 of written labels against `total` standard ones; `counts` says which standard entries count for recall.
fn f1(
    written: impl Iterator<Item = Vec<(usize, Scored)>>,
    total: usize,
    counts: impl Fn(usize) -> bool,
) -> f32 {
    let mut n = 0usize;
    let mut credit = 0.0f32;
    let mut found = rustc_hash::FxHashSet::default();
    for candidates in written {
        n += 1;
        if let Some((i, s)) = candidates.first() {
            let c = s.credit();
            credit += c;
            if c > 0.0 && counts(*i) {
                // A repeated label may stand for any of its occurrences; count the first not yet found.
                let i = candidates
                    .iter()
                    .map(|(i, _)| *i)
                    .find(|i| !found.contains(i))
                    .unwrap_or(*i);
                found.insert(i);
            }
        }
    }
    let total = total.max(1);
    if n == 0 {
        return 0.0;
    }
    let precision = credit / n as f32;
    let recall = (found.len() as f32 / total as f32).min(1.0);
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// A pipe table recognised as a standard table.
#[derive(Debug, Clone, Copy)]
pub struct TableMatch<'a> {
    pub format: &'a Format,
    pub table: &'a Table,
    /// Fit in [0, 1]; see [`Table::fit`].
    pub score: f32,
}

impl Format {
    /// The standard table of this format that a pipe table best fits, if any fits at all.
    pub fn detect_table(&self, header: &[&str], first_column: &[&str]) -> Option<TableMatch<'_>> {
        let prepared = Prepared::new(header, first_column);
        two_pass(self.tables.iter().map(|t| (self, t)), &prepared)
            .into_iter()
            .max_by(|a, b| a.score.total_cmp(&b.score))
    }
}

/// The standard tables of every format that a pipe table fits, best first (ties: newer format first).
/// The caller usually prefers the report's declared format when its score is as good as the best.
pub fn detect_table(header: &[&str], first_column: &[&str]) -> Vec<TableMatch<'static>> {
    let prepared = Prepared::new(header, first_column);
    let mut found = two_pass(
        all()
            .iter()
            .flat_map(|format| format.tables.iter().map(move |t| (format, t))),
        &prepared,
    );
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    found
}

/// Fit every candidate on exact matches first, then fully (near misses
/// included) only those that can still compete: edit distances against
/// every label of every table were most of a check's cost. When nothing
/// matches exactly, every candidate gets the full fit.
fn two_pass<'a>(
    candidates: impl Iterator<Item = (&'a Format, &'a Table)> + Clone,
    prepared: &Prepared,
) -> Vec<TableMatch<'a>> {
    let exact: Vec<f32> = candidates
        .clone()
        .map(|(_, t)| t.fit_prepared(prepared, true))
        .collect();
    let best = exact.iter().copied().fold(0.0f32, f32::max);
    candidates
        .zip(exact)
        .filter(|(_, e)| best == 0.0 || *e >= best * 0.5)
        .map(|((format, table), _)| TableMatch {
            format,
            table,
            score: table.fit_prepared(prepared, false),
        })
        .filter(|m| m.score > 0.0)
        .collect()
}

/// A heading matched to a required section.
#[derive(Debug, Clone)]
pub struct SectionMatch<'a> {
    pub section: &'a Section,
    pub kind: MatchKind,
    pub similarity: f32,
    /// The heading's own ordinal (一, 二 …), if it has one.
    pub ordinal: Option<String>,
}

impl SectionMatch<'_> {
    /// Whether the heading can be taken for the section (see [`FUZZY_THRESHOLD`]).
    pub fn is_plausible(&self) -> bool {
        self.kind != MatchKind::Fuzzy || self.similarity >= FUZZY_THRESHOLD
    }

    /// Whether the heading is numbered as the format numbers the section.
    pub fn ordinal_matches(&self) -> bool {
        self.ordinal.as_deref() == Some(self.section.no.as_str())
    }
}

/// A heading matched to an expected subsection.
#[derive(Debug, Clone)]
pub struct SubsectionMatch<'a> {
    pub subsection: &'a Subsection,
    pub kind: MatchKind,
    pub similarity: f32,
    pub ordinal: Option<String>,
}

impl SubsectionMatch<'_> {
    /// Whether the heading can be taken for the subsection (see [`FUZZY_THRESHOLD`]).
    pub fn is_plausible(&self) -> bool {
        self.kind != MatchKind::Fuzzy || self.similarity >= FUZZY_THRESHOLD
    }
}

/// Suffixes that headings add or drop freely: 主动公开方面, 主动公开情况.
const HEADING_SUFFIXES: [&str; 3] = ["方面", "情况", "工作"];

fn strip_suffixes(mut s: &str) -> &str {
    while let Some(rest) = HEADING_SUFFIXES
        .iter()
        .find_map(|suffix| s.strip_suffix(suffix))
    {
        if rest.is_empty() {
            break;
        }
        s = rest;
    }
    s
}

/// Compare a heading (ordinal already split off) with a title and its variants.
fn match_heading(names: &Names, body: &str) -> (MatchKind, f32) {
    match_heading_exact(names, body).unwrap_or_else(|| {
        let sim = names
            .forms()
            .map(|f| similarity(f, body, edit_distance(f, body)))
            .fold(0.0f32, f32::max);
        (MatchKind::Fuzzy, sim)
    })
}

/// [`match_heading`] without the edit distances: `None` when only a fuzzy
/// match is possible.
fn match_heading_exact(names: &Names, body: &str) -> Option<(MatchKind, f32)> {
    let mut forms = names.forms();
    if forms.next() == Some(body) {
        return Some((MatchKind::Exact, 1.0));
    }
    if names.forms().skip(1).any(|f| f == body) {
        return Some((MatchKind::Variant, 1.0));
    }
    let stripped = strip_suffixes(body);
    if names.forms().any(|f| strip_suffixes(f) == stripped) {
        return Some((MatchKind::Variant, 1.0));
    }
    None
}

/// Split a heading into its ordinal and normalised body.
fn heading_parts(heading: &str) -> (Option<String>, String) {
    let norm = normalize_label(heading);
    let (ordinal, body) = split_ordinal(&norm);
    (ordinal.map(str::to_string), body.to_string())
}

/// The best of `items` for a heading body, by (kind, similarity).
fn best_heading<'a, T>(
    items: &'a [T],
    names: impl Fn(&T) -> &Names,
    body: &str,
) -> Option<(&'a T, MatchKind, f32)> {
    // An outright match anywhere needs no edit distances.
    let exact = items
        .iter()
        .filter_map(|item| match_heading_exact(names(item), body).map(|(k, s)| (item, k, s)))
        .min_by(|a, b| a.1.cmp(&b.1));
    if exact.is_some() {
        return exact;
    }
    items
        .iter()
        .map(|item| {
            let (kind, sim) = match_heading(names(item), body);
            (item, kind, sim)
        })
        .min_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)))
}

impl Format {
    /// The required section a heading ("一、总体情况", "五、政府信息公开工作存在的主要问题及改进情况") stands for;
    /// the closest one with kind [`MatchKind::Fuzzy`] when none matches. `None` for a format without sections or
    /// a blank heading.
    pub fn match_section(&self, heading: &str) -> Option<SectionMatch<'_>> {
        let (ordinal, body) = heading_parts(heading);
        if body.is_empty() {
            return None;
        }
        let (section, kind, similarity) = best_heading(&self.sections, |s| &s.names, &body)?;
        Some(SectionMatch {
            section,
            kind,
            similarity,
            ordinal,
        })
    }
}

impl Section {
    /// The expected subsection a heading ("（一）主动公开方面") stands for; see [`Format::match_section`].
    pub fn match_subsection(&self, heading: &str) -> Option<SubsectionMatch<'_>> {
        let (ordinal, body) = heading_parts(heading);
        if body.is_empty() {
            return None;
        }
        let (subsection, kind, similarity) = best_heading(&self.subsections, |s| &s.names, &body)?;
        Some(SubsectionMatch {
            subsection,
            kind,
            similarity,
            ordinal,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A result as comparable bits.
    fn bits(found: &[(usize, Scored)]) -> Vec<(usize, MatchKind, usize, u32)> {
        found
            .iter()
            .map(|(i, s)| (*i, s.kind, s.distance, s.similarity.to_bits()))
            .collect()
    }

    /// Every header cell and first-column label of the tables of the examples, the fixtures and the folders in
    /// NIANBAO_MODEL_CORPUS, every standard label and variant, and some edge cases.
    fn labels() -> Vec<String> {
        let mut labels: std::collections::BTreeSet<String> = [
            "", " ", "\u{3000}", "合计", "合 计", "  合计  ", "（一）", "一、", "其他", "其它",
            "这是一段粘贴进单元格的很长很长的文字，远远超过任何一个标准的行名或者栏目名称的长度，不应当按编辑距离比较，这是一段粘贴进单元格的很长很长的文字，远远超过任何一个标准的行名或者栏目名称的长度，不应当按编辑距离比较",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        for format in crate::formats::all() {
            for table in &format.tables {
                let names = table.rows.iter().map(|r| (&r.label, &r.variants));
                let names = names.chain(table.columns.iter().map(|c| (&c.label, &c.variants)));
                for (label, variants) in names {
                    labels.insert(label.clone());
                    labels.insert(format!(" {label}"));
                    labels.extend(variants.iter().cloned());
                }
            }
        }
        for path in crate::test_corpus("fixtures") {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let report = crate::model::build(&crate::syntax::parse(&text), &text);
            for table in &report.tables {
                labels.extend(table.header.cells.iter().map(|c| c.text.clone()));
                labels.extend(table.rows.iter().map(|r| r.label().to_string()));
            }
        }
        labels.into_iter().collect()
    }

    /// The remembered matches are the ones worked out anew, on the first lookup and on the next, for every
    /// standard table, both axes and every floor the lookups use; also after the memo has been emptied.
    #[test]
    fn remembered_matches_are_worked_out_ones() {
        let labels = labels();
        assert!(labels.len() > 300, "{}", labels.len());
        let mut compared = 0;
        for format in crate::formats::all() {
            for table in &format.tables {
                assert_ne!(table.uid, 0);
                for axis in [Axis::Rows, Axis::Columns] {
                    for floor in [None, Some(CREDIT_FLOOR), Some(f32::MIN)] {
                        for label in &labels {
                            let written = Written::new(label);
                            let anew = bits(&table.best_anew(axis, &written, floor));
                            assert_eq!(
                                bits(&table.best_of(axis, &written, floor)),
                                anew,
                                "{label}"
                            );
                            assert_eq!(
                                bits(&table.best_of(axis, &written, floor)),
                                anew,
                                "{label}"
                            );
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > BEST_MEMO_SIZE, "{compared}");
    }

    /// Tables of different formats, and the rows and columns of one table, are told apart.
    #[test]
    fn uids_are_distinct() {
        let uids: Vec<u32> = crate::formats::all()
            .iter()
            .flat_map(|f| f.tables.iter().map(|t| t.uid))
            .collect();
        let distinct: std::collections::HashSet<u32> = uids.iter().copied().collect();
        assert_eq!(distinct.len(), uids.len());
        assert!(!uids.contains(&0));
    }
}
