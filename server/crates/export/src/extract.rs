//! One report → its figures: every cell of every standard table (as the checker binds them:
//! `semantic::bind`, the one binder) and every figure the prose states about standard cells (the extraction of
//! `prose-table-mismatch`: `rules::prose_quotes::quoted_figures`), each with its raw text, its kind, its value
//! and where it is (file, 1-based line, 1-based column in characters).

use std::collections::HashMap;
use std::ops::Range;

use rust_decimal::Decimal;

use nianbao_core::formats::{self, FormatId};
use nianbao_core::model::{self, CellValue, OrganKind};
use nianbao_core::position::{Encoding, LineIndex};
use nianbao_core::rules::prose_quotes::{self, ProseQuote};
use nianbao_core::semantic::Context;

use crate::expr::{CellKey, Resolved};

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A figure other than 0.
    Number,
    /// The figure 0, as written.
    Zero,
    /// Nothing written.
    Blank,
    /// `/`, `—`, `-`, 不适用: the cell does not apply.
    NotApplicable,
    /// Text where a figure belongs (or the 单位 column of the statistical table).
    Text,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Zero => "zero",
            Kind::Blank => "blank",
            Kind::NotApplicable => "not-applicable",
            Kind::Text => "text",
        }
    }
}

/// Where a figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// A cell of a standard table.
    Table,
    /// A figure of the prose quoting standard cells.
    Prose,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Table => "table",
            Source::Prose => "prose",
        }
    }
}

/// The report's identity: who, when, which format.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// The path as given on the command line (or found under a folder given).
    pub file: String,
    /// 机关.
    pub body: Option<String>,
    /// 机关类型: 人民政府 / 部门 / 其他 (as written, else from the name of the 机关).
    pub level: Option<&'static str>,
    /// 年度.
    pub year: Option<i32>,
    /// The format in force: gov2021, gov2019, stat2014, pre2014.
    pub format: String,
    /// 标题.
    pub title: Option<String>,
    /// Further grouping keys asked for (`--by 地区`): the front matter's value, else `nianbao.toml` `[defaults]`.
    pub groups: Vec<(String, Option<String>)>,
}

/// One figure: a standard cell or a figure of the prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub source: Source,
    /// For a cell: the ordinal of the table among the report's tables (1-based); for prose, 0.
    pub table_no: usize,
    /// Standard table id: t2-1, t3, t4, stat ….
    pub table: &'static str,
    pub table_name: &'static str,
    /// Standard row key (`public`); for a prose figure quoting several rows, their common parent (`deny`) or
    /// the keys joined by `+`. `None`: the written row matches no standard row.
    pub row: Option<String>,
    /// Standard row label.
    pub row_label: Option<String>,
    /// Standard column key.
    pub column: Option<&'static str>,
    pub column_label: Option<&'static str>,
    /// The row label as written in the report (cells only).
    pub written_row: String,
    /// The column label as written in the report (cells only).
    pub written_column: String,
    /// The text of the cell (trimmed) or of the prose figure, as written.
    pub raw: String,
    pub kind: Kind,
    /// The figure (magnitude applied: 0.5万 → 5000); none for blank, not applicable and text.
    pub value: Option<Decimal>,
    /// 件, 条, 万元 … (the standard unit of the row or column; for prose, as written).
    pub unit: Option<String>,
    /// 约, 余, 多 …: the figure is not exact.
    pub approx: bool,
    /// For prose: the id of the quote in the format data (`N-2.new`).
    pub quote: Option<&'static str>,
    /// 1-based line of the figure's first character.
    pub line: usize,
    /// 1-based column of the figure's first character, counted in characters (Unicode scalar values).
    pub column_no: usize,
    /// Byte range in the file (UTF-8).
    pub bytes: Range<usize>,
}

/// A report's figures.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub meta: Meta,
    pub records: Vec<Record>,
    pub format: FormatId,
    /// The first written value of each standard cell, for the indicators.
    cells: HashMap<CellKey, Resolved>,
}

impl Extracted {
    /// What a standard cell holds (missing when the report has no such cell).
    pub fn resolve(&self, key: &CellKey) -> Resolved {
        self.cells.get(key).copied().unwrap_or(Resolved::Missing)
    }

    pub fn table_cells(&self) -> impl Iterator<Item = &Record> {
        self.records.iter().filter(|r| r.source == Source::Table)
    }

    pub fn prose_figures(&self) -> impl Iterator<Item = &Record> {
        self.records.iter().filter(|r| r.source == Source::Prose)
    }
}

/// Extracts the figures of one report. `defaults` are the front-matter defaults of its `nianbao.toml`; `by` the
/// extra grouping keys to read from the front matter.
pub fn extract(file: &str, text: &str, defaults: &[(String, String)], by: &[String]) -> Extracted {
    let tree = nianbao_core::syntax::parse(text);
    let mut report = model::build(&tree, text);
    report.front.defaults = defaults.to_vec();
    let cx = Context::new(text, &report);
    let lines = LineIndex::new(text);
    let at = |offset: usize| {
        let (line, column) = lines.position(text, offset, Encoding::Chars);
        (line + 1, column + 1)
    };
    let meta = Meta {
        file: file.to_string(),
        body: report.front.organ().map(str::to_string),
        level: cx.organ_kind().map(|k| match k {
            OrganKind::Government => "人民政府",
            OrganKind::Department => "部门",
            OrganKind::Other => "其他",
        }),
        year: cx.year,
        format: cx.format.as_str().to_string(),
        title: report.front.title().map(str::to_string),
        groups: by
            .iter()
            .map(|k| (k.clone(), report.front.value(k).map(str::to_string)))
            .collect(),
    };
    let mut records = Vec::new();
    let mut cells = HashMap::new();
    for (t, (table, binding)) in report.tables.iter().zip(&cx.bindings).enumerate() {
        let Some(b) = binding else { continue };
        let standard = b.table;
        for (r, row) in table.rows.iter().enumerate() {
            let std_row = b
                .row_key(r)
                .and_then(|k| standard.rows.iter().find(|x| x.key == k));
            for (c, cell) in row.cells.iter().enumerate().skip(1) {
                let std_column = b
                    .column_key(c)
                    .and_then(|k| standard.columns.iter().find(|x| x.key == k));
                let (kind, value, approx) = match &cell.value {
                    CellValue::Blank => (Kind::Blank, None, false),
                    CellValue::NotApplicable => (Kind::NotApplicable, None, false),
                    CellValue::Text => (Kind::Text, None, false),
                    CellValue::Number(n) if n.value.is_zero() => {
                        (Kind::Zero, Some(n.value), n.approx)
                    }
                    CellValue::Number(n) => (Kind::Number, Some(n.value), n.approx),
                };
                let unit = std_row
                    .and_then(|x| x.unit.clone())
                    .or_else(|| std_column.and_then(|x| x.unit.clone()));
                if let (Some(sr), Some(sc)) = (std_row, std_column) {
                    let resolved = match (kind, value) {
                        (Kind::Number | Kind::Zero, Some(v)) => Resolved::Value(v),
                        (Kind::Blank, _) => Resolved::Blank,
                        (Kind::NotApplicable, _) => Resolved::NotApplicable,
                        _ => Resolved::Text,
                    };
                    cells
                        .entry(CellKey::new(&standard.id, &sr.key, &sc.key))
                        .or_insert(resolved);
                }
                let (line, column_no) = at(cell.range.start);
                records.push(Record {
                    source: Source::Table,
                    table_no: t + 1,
                    table: standard.id.as_str(),
                    table_name: standard.name.as_str(),
                    row: std_row.map(|x| x.key.clone()),
                    row_label: std_row.map(|x| x.label.clone()),
                    column: std_column.map(|x| x.key.as_str()),
                    column_label: std_column.map(|x| x.label.as_str()),
                    written_row: row.label().to_string(),
                    written_column: table
                        .header
                        .cells
                        .get(c)
                        .map_or(String::new(), |h| h.text.clone()),
                    raw: cell.text.clone(),
                    kind,
                    value,
                    unit,
                    approx,
                    quote: None,
                    line,
                    column_no,
                    bytes: cell.range.clone(),
                });
            }
        }
    }
    for ProseQuote { number, quote } in prose_quotes::quoted_figures(&cx) {
        let Some(first) = quote.cells.first() else {
            continue;
        };
        let format = cx.format.data();
        let standard = format.and_then(|f| f.table(&first.table));
        let (row, row_label) = quoted_row(standard, quote);
        let column = standard.and_then(|t| t.columns.iter().find(|c| c.key == first.column));
        let (line, column_no) = at(number.range.start);
        records.push(Record {
            source: Source::Prose,
            table_no: 0,
            table: standard.map_or("", |t| t.id.as_str()),
            table_name: standard.map_or("", |t| t.name.as_str()),
            row: Some(row),
            row_label,
            column: column.map(|c| c.key.as_str()),
            column_label: column.map(|c| c.label.as_str()),
            written_row: String::new(),
            written_column: String::new(),
            raw: text[number.range.clone()].to_string(),
            kind: if number.value.is_zero() {
                Kind::Zero
            } else {
                Kind::Number
            },
            value: Some(number.value),
            unit: number.unit.clone(),
            approx: number.approx,
            quote: Some(quote.id.as_str()),
            line,
            column_no,
            bytes: number.range.clone(),
        });
    }
    Extracted {
        meta,
        records,
        format: cx.format,
        cells,
    }
}

/// The standard row a prose figure is about: the row it quotes; for several rows, their common parent (不予公开
/// for its eight kinds), else the keys joined by `+`.
fn quoted_row(
    standard: Option<&'static formats::Table>,
    quote: &'static formats::Quote,
) -> (String, Option<String>) {
    let keys: Vec<&str> = quote.cells.iter().map(|c| c.row.as_str()).collect();
    let row = |k: &str| standard.and_then(|t| t.rows.iter().find(|r| r.key == k));
    if let [only] = keys.as_slice() {
        return (only.to_string(), row(only).map(|r| r.label.clone()));
    }
    let parents: Vec<Option<&str>> = keys
        .iter()
        .map(|k| row(k).and_then(|r| r.parent.as_deref()))
        .collect();
    if let Some(Some(p)) = parents.first() {
        if parents.iter().all(|x| *x == Some(p)) {
            return (p.to_string(), row(p).map(|r| r.label.clone()));
        }
    }
    let labels: Vec<String> = keys
        .iter()
        .map(|k| row(k).map_or(k.to_string(), |r| r.label.clone()))
        .collect();
    (keys.join("+"), Some(labels.join("＋")))
}
