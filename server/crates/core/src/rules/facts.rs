//! What the rules across reports need of one report, and nothing more: the
//! 机关, 年度 and format that pair it with other reports of its folder, the
//! figures of the cells a cross-year relation reads, the counts an aggregate
//! compares with its subordinates (`hierarchy-sum`), and a fingerprint of
//! each section's text (`narrative-copied`). A bulk check keeps these (a few
//! kilobytes) rather than the report (its tree and model are some 200 KB).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use rust_decimal::Decimal;

use crate::diagnostic::Place;
use crate::formats::{self, ValueKind};
use crate::model::{CellValue, Report, Table};
use crate::position::LineIndex;
use crate::semantic::bind::{usable, Binding};
use crate::semantic::FormatId;
use crate::yoy;

/// What of a report to keep beyond its key (a bulk check leaves out what no
/// other report of the run can ask for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// The section fingerprints (`narrative-copied`): the report has a 机关
    /// and a 年度, so a report of another year may be paired with it.
    pub sections: bool,
    /// The counts of its 表二/表三/表四 as a subordinate (`hierarchy-sum`):
    /// an aggregate in its folder may name it.
    pub subordinate: bool,
    /// The cells of the cross-year relations (`carry-over`,
    /// `in-force-continuity`): as for `sections`, a report of another year
    /// may be paired with it.
    pub tables: bool,
}

impl Needs {
    /// Everything (the language server and tests: any report may be asked anything).
    pub const ALL: Needs = Needs {
        sections: true,
        subordinate: true,
        tables: true,
    };
}

/// The facts of one report.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The 机关 without whitespace.
    pub organ: Option<String>,
    pub year: Option<i32>,
    /// The format as the front matter gives it (`格式`, else by 年度).
    pub format: Option<FormatId>,
    /// The subordinates it declares (`下级`), with their ranges.
    pub subordinates: Vec<(String, Range<usize>)>,
    /// The bound tables a cross-year relation is about, in the report's order.
    pub tables: Vec<TableFacts>,
    /// As an aggregate (only with subordinates): its count cells.
    pub aggregate: Vec<AggregateTable>,
    /// As a subordinate: the first bound table of each id that an aggregate sums.
    pub summed: Vec<SummedTable>,
    /// Each section, in order (empty unless [`Needs::sections`]).
    pub sections: Vec<SectionPrint>,
}

#[derive(Debug, Clone)]
pub struct TableFacts {
    pub format: &'static formats::Format,
    pub table: &'static formats::Table,
    /// The plain (not approximate) numbers of the cells named by a cross-year relation.
    pub cells: Vec<CellFact>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CellFact {
    pub row: &'static str,
    pub column: &'static str,
    pub value: Decimal,
    pub range: Range<usize>,
}

/// An aggregate's table: each count cell it states, in the order it is written.
#[derive(Debug, Clone)]
pub struct AggregateTable {
    pub id: &'static str,
    pub cells: Vec<AggregateCell>,
}

#[derive(Debug, Clone)]
pub struct AggregateCell {
    pub row: &'static str,
    pub column: &'static str,
    /// The standard row's name and the column's label, as messages name them.
    pub row_name: &'static str,
    pub column_label: &'static str,
    pub value: Decimal,
    pub range: Range<usize>,
}

/// A subordinate's table: each count cell present, with its figure for summing.
#[derive(Debug, Clone)]
pub struct SummedTable {
    pub id: &'static str,
    pub cells: Vec<SummedCell>,
}

#[derive(Debug, Clone)]
pub struct SummedCell {
    pub row: &'static str,
    pub column: &'static str,
    /// A number (not approximate), or 0 for a blank or not-applicable cell;
    /// `None` when it cannot be summed.
    pub value: Option<Decimal>,
    pub range: Range<usize>,
    /// Where the range starts and ends (for a finding in another file that points here).
    pub start: Place,
    pub end: Place,
}

/// What `narrative-copied` compares of a section: its level and title (how
/// sections of two years pair), and its own text (whether two are the same,
/// and how similar: [`SectionPrint::similarity`]).
#[derive(Debug, Clone)]
pub struct SectionPrint {
    pub level: usize,
    pub title: String,
    /// [`yoy::title_key`] of the title.
    pub key: String,
    pub heading: Range<usize>,
    /// Characters of the text (whitespace removed).
    pub chars: usize,
    /// The text (whitespace removed, as [`yoy::section_texts`] gives it).
    pub text: Box<str>,
}

impl SectionPrint {
    /// The print of a section whose text (whitespace removed) is `text`.
    pub fn new(level: usize, title: String, heading: Range<usize>, text: Box<str>) -> SectionPrint {
        SectionPrint {
            level,
            key: yoy::title_key(&title),
            title,
            heading,
            chars: text.chars().count(),
            text,
        }
    }

    /// Whether the two texts are the same.
    pub fn same_text(&self, other: &SectionPrint) -> bool {
        self.chars == other.chars && self.text == other.text
    }

    /// [`yoy::similarity`] of the two texts, to the last bit: the Jaccard
    /// index of their sets of character bigrams (digits as one character),
    /// counted in two open-addressing hash sets rather than
    /// `HashSet<(char, char)>`s (most sections are never compared with one
    /// of other words, so nothing is prepared for it beforehand).
    pub fn similarity(&self, other: &SectionPrint) -> f64 {
        if self.same_text(other) {
            return 1.0;
        }
        let slots = (2 * self.chars.max(other.chars))
            .next_power_of_two()
            .max(16);
        let mut mine = Bigrams::new(slots);
        each_bigram(&self.text, |g| _ = mine.insert(g));
        let mut theirs = Bigrams::new(slots);
        let mut both = 0;
        each_bigram(&other.text, |g| {
            if theirs.insert(g) && mine.contains(g) {
                both += 1;
            }
        });
        let union = mine.len + theirs.len - both;
        if union == 0 {
            return 0.0;
        }
        both as f64 / union as f64
    }

    /// Bytes held (the struct and what it owns).
    fn heap_size(&self) -> usize {
        std::mem::size_of::<SectionPrint>()
            + self.title.capacity()
            + self.key.capacity()
            + self.text.len()
    }
}

/// Calls `f` with each character bigram of a text as one number (digits as
/// `0`; never 0: the pair's characters packed, plus one).
fn each_bigram(text: &str, mut f: impl FnMut(u64)) {
    let d = |c: char| u64::from(if c.is_ascii_digit() { '0' } else { c });
    let mut chars = text.chars().map(d);
    if let Some(mut a) = chars.next() {
        for b in chars {
            f(((a << 32) | b) + 1);
            a = b;
        }
    }
}

/// A set of bigrams: linear probing in a power-of-two table at most half
/// full (0 marks an empty slot: no bigram is 0).
struct Bigrams {
    slots: Vec<u64>,
    len: usize,
}

impl Bigrams {
    const EMPTY: u64 = 0;

    fn new(slots: usize) -> Bigrams {
        Bigrams {
            slots: vec![Bigrams::EMPTY; slots],
            len: 0,
        }
    }

    fn home(&self, g: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (g.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// Adds `g`; whether it was not there yet.
    fn insert(&mut self, g: u64) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = self.home(g);
        loop {
            match self.slots[i] {
                Bigrams::EMPTY => {
                    self.slots[i] = g;
                    self.len += 1;
                    return true;
                }
                s if s == g => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn contains(&self, g: u64) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = self.home(g);
        loop {
            match self.slots[i] {
                Bigrams::EMPTY => return false,
                s if s == g => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// For each standard table id, the (row, column) keys that a cross-year
/// relation of any format reads, as this year's or as last year's figure.
static CROSS_YEAR_CELLS: LazyLock<HashMap<&'static str, Vec<(&'static str, &'static str)>>> =
    LazyLock::new(|| {
        let mut cells: HashMap<&'static str, Vec<(&'static str, &'static str)>> = HashMap::new();
        for f in formats::all() {
            for rel in f.relations.iter().filter(|r| r.is_cross_year()) {
                let Some(table) = f.table(&rel.table) else {
                    continue;
                };
                let list = cells.entry(table.id.as_str()).or_default();
                for inst in rel.instances(table) {
                    for t in inst.lhs.iter().chain(&inst.rhs) {
                        if !list.contains(&(t.row, t.column)) {
                            list.push((t.row, t.column));
                        }
                    }
                }
            }
        }
        cells
    });

/// The tables `hierarchy-sum` compares: 表二 (its counts), 表三 and 表四.
pub(crate) fn is_summed(id: &str) -> bool {
    id == "t3" || id == "t4" || id.starts_with("t2")
}

/// A cell's plain number and range.
pub(crate) fn figure(
    table: &Table,
    b: &Binding,
    row: &str,
    column: &str,
) -> Option<(Decimal, Range<usize>)> {
    let cell = b.cell(table, row, column)?;
    match &cell.value {
        crate::model::CellValue::Number(n) if !n.approx => Some((n.value, cell.range.clone())),
        _ => None,
    }
}

impl Facts {
    /// The facts of a checked report (`text` is its text).
    pub fn of(report: &Report, bindings: &[Option<Binding>], text: &str, needs: Needs) -> Facts {
        let front = &report.front;
        let organ = front
            .organ()
            .map(|o| o.chars().filter(|c| !c.is_whitespace()).collect());
        let year = front.year();
        let format = front
            .format()
            .and_then(FormatId::from_front_matter)
            .or(year.map(FormatId::for_year));
        let subordinates = front.subordinates();
        let bound = || {
            report
                .tables
                .iter()
                .zip(bindings)
                .filter_map(|(t, b)| Some((t, b.as_ref()?)))
        };
        let tables = bound()
            .filter(|_| needs.tables)
            .filter_map(|(table, b)| {
                let keys = CROSS_YEAR_CELLS.get(b.table.id.as_str())?;
                let cells = keys
                    .iter()
                    .filter_map(|&(row, column)| {
                        let (value, range) = figure(table, b, row, column)?;
                        Some(CellFact {
                            row,
                            column,
                            value,
                            range,
                        })
                    })
                    .collect();
                Some(TableFacts {
                    format: b.format,
                    table: b.table,
                    cells,
                })
            })
            .collect();
        let aggregate = if subordinates.is_empty() {
            Vec::new()
        } else {
            bound()
                .filter(|(_, b)| is_summed(&b.table.id))
                .map(|(t, b)| aggregate_table(t, b))
                .collect()
        };
        let mut summed: Vec<SummedTable> = Vec::new();
        if needs.subordinate {
            let mut index = None;
            for (t, b) in bound() {
                let id = b.table.id.as_str();
                if is_summed(id) && !summed.iter().any(|s| s.id == id) {
                    let index = index.get_or_insert_with(|| LineIndex::new(text));
                    summed.push(summed_table(t, b, index, text));
                }
            }
        }
        let sections = if needs.sections {
            let texts = yoy::section_texts(text, report);
            report
                .sections
                .iter()
                .zip(texts)
                .map(|(s, t)| {
                    SectionPrint::new(
                        s.level,
                        s.title.clone(),
                        s.heading_range.clone(),
                        t.into_boxed_str(),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        Facts {
            organ,
            year,
            format,
            subordinates,
            tables,
            aggregate,
            summed,
            sections,
        }
    }

    /// Bytes held by these facts (the struct and what it owns), for tests and
    /// benchmarks that keep memory flat.
    pub fn heap_size(&self) -> usize {
        use std::mem::size_of;
        size_of::<Facts>()
            + self.organ.as_ref().map_or(0, String::capacity)
            + self
                .subordinates
                .iter()
                .map(|(n, _)| size_of::<(String, Range<usize>)>() + n.capacity())
                .sum::<usize>()
            + self
                .tables
                .iter()
                .map(|t| size_of::<TableFacts>() + t.cells.capacity() * size_of::<CellFact>())
                .sum::<usize>()
            + self
                .aggregate
                .iter()
                .map(|t| {
                    size_of::<AggregateTable>() + t.cells.capacity() * size_of::<AggregateCell>()
                })
                .sum::<usize>()
            + self
                .summed
                .iter()
                .map(|t| size_of::<SummedTable>() + t.cells.capacity() * size_of::<SummedCell>())
                .sum::<usize>()
            + self
                .sections
                .iter()
                .map(SectionPrint::heap_size)
                .sum::<usize>()
    }

    /// The first cross-year table with this id.
    pub(crate) fn table(&self, id: &str) -> Option<&TableFacts> {
        self.tables.iter().find(|t| t.table.id == id)
    }

    /// The first summed table with this id.
    pub(crate) fn summed(&self, id: &str) -> Option<&SummedTable> {
        self.summed.iter().find(|t| t.id == id)
    }
}

impl TableFacts {
    pub(crate) fn figure(&self, row: &str, column: &str) -> Option<(Decimal, Range<usize>)> {
        self.cells
            .iter()
            .find(|c| c.row == row && c.column == column)
            .map(|c| (c.value, c.range.clone()))
    }
}

impl SummedTable {
    /// The figure of a standard cell for summing; `None` when the cell is
    /// missing or cannot be summed.
    pub(crate) fn figure(&self, row: &str, column: &str) -> Option<(Decimal, &SummedCell)> {
        self.cells
            .iter()
            .find(|c| c.row == row && c.column == column)
            .and_then(|c| Some((c.value?, c)))
    }
}

/// The count cells an aggregate states, as `hierarchy-sum` reads them.
fn aggregate_table(table: &Table, b: &Binding) -> AggregateTable {
    let mut cells = Vec::new();
    for (row, m) in table.rows.iter().zip(&b.rows) {
        let Some(m) = usable(m) else { continue };
        let Some(std_row) = b.table.row(m.key) else {
            continue;
        };
        if std_row.group {
            continue;
        }
        for (col_index, cm) in b.columns.iter().enumerate() {
            let Some(cm) = usable(cm) else { continue };
            if b.table.cell_kind(m.key, cm.key) != Some(ValueKind::Count) {
                continue;
            }
            let Some(cell) = row.cells.get(col_index) else {
                continue;
            };
            let CellValue::Number(n) = &cell.value else {
                continue;
            };
            if n.approx {
                continue;
            }
            cells.push(AggregateCell {
                row: m.key,
                column: cm.key,
                row_name: std_row.display_name(),
                column_label: cm.label,
                value: n.value,
                range: cell.range.clone(),
            });
        }
    }
    AggregateTable {
        id: b.table.id.as_str(),
        cells,
    }
}

/// The cells of a subordinate's table, with their figures for summing.
fn summed_table(table: &Table, b: &Binding, index: &LineIndex, text: &str) -> SummedTable {
    let mut cells = Vec::new();
    // Every standard cell present (the aggregate asks for its own count
    // cells, whatever this table's data says of them).
    for row in &b.table.rows {
        for column in &b.table.columns {
            let Some(cell) = b.cell(table, &row.key, &column.key) else {
                continue;
            };
            let value = match &cell.value {
                CellValue::Number(n) if !n.approx => Some(n.value),
                CellValue::Blank | CellValue::NotApplicable => Some(Decimal::ZERO),
                _ => None,
            };
            cells.push(SummedCell {
                row: row.key.as_str(),
                column: column.key.as_str(),
                value,
                range: cell.range.clone(),
                start: Place::of(index, text, cell.range.start),
                end: Place::of(index, text, cell.range.end),
            });
        }
    }
    SummedTable {
        id: b.table.id.as_str(),
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prints' similarity is `yoy::similarity`, to the last bit, also
    /// with characters outside the basic plane, with digits and with texts
    /// of one character or none (no bigram).
    #[test]
    fn similarity_is_yoys() {
        let texts = [
            "",
            "字",
            "本机关全年主动公开政府信息1234条，其中政策文件56条。",
            "本机关全年主动公开政府信息2345条，其中政策文件67条。",
            "𠀀𠀁本机关全年主动公开政府信息𠀀𠀁条",
            "𠀀𠀁本机关全年主动公开政府信息𠀀𠀂条",
            "完全不同的一段话。",
            "哈哈哈哈哈哈",
            "哈哈",
            "12",
            "1",
            "ab𠀀",
            "abab abab",
        ];
        for a in texts {
            for b in texts {
                let print = |t: &str| SectionPrint::new(1, "一、总体情况".into(), 0..0, t.into());
                let (pa, pb) = (print(a), print(b));
                assert_eq!(
                    pa.similarity(&pb).to_bits(),
                    yoy::similarity(a, b).to_bits(),
                    "{a} / {b}"
                );
                assert_eq!(pa.same_text(&pb), a == b, "{a} / {b}");
            }
        }
    }

    /// The same on the sections of real reports: each section of the
    /// examples, the rule fixtures and the folders in NIANBAO_MODEL_CORPUS
    /// (`:`-separated) against the same section of the next three reports,
    /// and against the next section of its own.
    #[test]
    fn similarity_is_yoys_on_reports() {
        let mut reports: Vec<Vec<String>> = Vec::new();
        for path in crate::test_corpus("fixtures/rules") {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let report = crate::model::build(&crate::syntax::parse(&text), &text);
            reports.push(yoy::section_texts(&text, &report));
        }
        let mut compared = 0;
        for (i, sections) in reports.iter().enumerate() {
            for (k, a) in sections.iter().enumerate() {
                let others = reports[i + 1..]
                    .iter()
                    .take(3)
                    .filter_map(|r| r.get(k))
                    .chain(sections.get(k + 1));
                for b in others {
                    let print = |t: &str| SectionPrint::new(1, String::new(), 0..0, t.into());
                    assert_eq!(
                        print(a).similarity(&print(b)).to_bits(),
                        yoy::similarity(a, b).to_bits(),
                        "{a} / {b}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }
}
