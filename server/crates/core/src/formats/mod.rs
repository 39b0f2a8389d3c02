//! The national report formats: their sections, standard tables (labels, variants, units, kinds of figures),
//! the 勾稽关系 between cells, and their correspondence to the 条例.
//!
//! Everything that changes with a format is data in `data/formats/*.toml` (schema in the comment at the top of
//! `gov2021.toml`), compiled in and parsed once. This module gives it types, label normalisation and matching
//! ([`normalize_label`], [`Table::lookup_row`]), and recognition of a pipe table as a standard table
//! ([`detect_table`]).

mod lookup;
mod normalize;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use serde::{Deserialize, Deserializer, Serialize};

pub use crate::diagnostic::Severity;
use crate::tiaoli::{ArticleRef, Edition};

pub use lookup::{
    detect_table, LabelMatch, MatchKind, SectionMatch, SubsectionMatch, TableMatch, FUZZY_THRESHOLD,
};
pub(crate) use normalize::simplified_keeps_lengths;
pub use normalize::{
    edit_distance, normalize_label, split_ordinal, to_simplified, to_simplified_in_place,
};

use lookup::Names;

/// Which table format a report follows: one of the national formats, or none (before 2014). The one format
/// identifier of every crate: the checker, the editor, the importer and the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatId {
    /// 国办公开办函〔2021〕30号, reports on 2021 →.
    Gov2021,
    /// 国办公开办函〔2019〕60号 (试行), reports on 2019–2020.
    Gov2019,
    /// 《政府信息公开情况统计表》 of the 国办发〔2014〕32号 statistics system, reports on about 2014–2018.
    Stat2014,
    /// No national table (reports before 2014).
    #[serde(rename = "pre2014")]
    None,
}

impl FormatId {
    /// Every format, newest first, `None` last.
    pub const ALL: [FormatId; 4] = [
        FormatId::Gov2021,
        FormatId::Gov2019,
        FormatId::Stat2014,
        FormatId::None,
    ];

    /// The national formats (those with data), newest first.
    pub const NATIONAL: [FormatId; 3] = [FormatId::Gov2021, FormatId::Gov2019, FormatId::Stat2014];

    /// The id used in the data files and file names: "gov2021", "gov2019", "stat2014"; "pre2014" for none.
    pub fn as_str(self) -> &'static str {
        match self {
            FormatId::Gov2021 => "gov2021",
            FormatId::Gov2019 => "gov2019",
            FormatId::Stat2014 => "stat2014",
            FormatId::None => "pre2014",
        }
    }

    /// The format prescribed for reports on `year`.
    pub fn for_year(year: i32) -> FormatId {
        match year {
            y if y >= 2021 => FormatId::Gov2021,
            2019 | 2020 => FormatId::Gov2019,
            2014..=2018 => FormatId::Stat2014,
            _ => FormatId::None,
        }
    }

    /// As written in front matter: `2021`, `2019`, `2014`, `无` (and a few spellings of them).
    pub fn from_front_matter(s: &str) -> Option<FormatId> {
        Some(match s.trim() {
            "2021" | "2021年格式" | "gov2021" => FormatId::Gov2021,
            "2019" | "2019年格式" | "gov2019" => FormatId::Gov2019,
            "2014" | "统计表" | "stat2014" => FormatId::Stat2014,
            "无" | "none" => FormatId::None,
            _ => return None,
        })
    }

    /// As written after `格式:`: `2021`, `2019`, `2014`, `无`.
    pub fn name(self) -> &'static str {
        match self {
            FormatId::Gov2021 => "2021",
            FormatId::Gov2019 => "2019",
            FormatId::Stat2014 => "2014",
            FormatId::None => "无",
        }
    }

    /// The format's data (`server/crates/core/data/formats/`), `None` for 无.
    pub fn data(self) -> Option<&'static Format> {
        (self != FormatId::None).then(|| format(self))
    }

    /// How the format is named in messages.
    pub fn describe(self) -> &'static str {
        match self {
            FormatId::Gov2021 => "2021年格式（国办公开办函〔2021〕30号）",
            FormatId::Gov2019 => "2019年格式（国办公开办函〔2019〕60号）",
            FormatId::Stat2014 => "政府信息公开情况统计表（国办发〔2014〕32号）",
            FormatId::None => "无统一表格的格式",
        }
    }
}

impl fmt::Display for FormatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Accepts the data ids and the short forms a front matter `格式:` line uses: "2021", "2019", "2014".
impl FromStr for FormatId {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "gov2021" | "2021" => Ok(FormatId::Gov2021),
            "gov2019" | "2019" => Ok(FormatId::Gov2019),
            "stat2014" | "2014" | "stat" => Ok(FormatId::Stat2014),
            other => Err(UnknownFormat(other.to_string())),
        }
    }
}

/// A name that is no national format's id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("表格格式“{0}”不存在，应为 2021、2019 或 2014")]
pub struct UnknownFormat(pub String);

/// How sure the data is (report-formats.md §0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Seen in the issuing notice, or printed in the standard table.
    Official,
    /// Seen in two or more published reports.
    Observed,
    /// Seen in one published report.
    Observed1,
    /// From memory, not verified against an official copy.
    Recalled,
    /// Worked out by the researcher.
    Inferred,
}

/// How close an inferred row ↔ article correspondence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    Strong,
    Medium,
    Weak,
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// A whole number ≥ 0 (件, 条, 次 …).
    #[default]
    Count,
    /// A whole number with a sign (本年增/减: "+1036", "-3").
    Signed,
    /// A decimal amount ≥ 0 (万元).
    Amount,
    /// Not a figure (the 单位 column of the statistical table).
    Text,
}

impl ValueKind {
    /// Whether cells of this kind take part in arithmetic.
    pub fn is_numeric(self) -> bool {
        self != ValueKind::Text
    }
}

/// Years of reports a format applies to.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Years {
    pub from: i32,
    pub to: Option<i32>,
}

impl Years {
    pub fn contains(&self, year: i32) -> bool {
        year >= self.from && self.to.is_none_or(|to| year <= to)
    }
}

/// A report format.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Format {
    pub id: FormatId,
    pub name: String,
    /// A short name for messages: "2021年格式".
    pub short: String,
    pub issuer: String,
    pub doc_no: String,
    pub signed: Option<String>,
    pub published: Option<String>,
    pub years: Years,
    /// The edition of the 条例 the format's article references point into.
    pub edition: Edition,
    pub legal_basis: String,
    pub confidence: Confidence,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Required sections, in order; empty for the statistical table (the 2007 条例 sets no outline).
    #[serde(default)]
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Figures the prose quotes from the tables.
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

/// A link from a section, table or row to the 条例.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleLink {
    #[serde(rename = "ref")]
    pub reference: ArticleRef,
    pub confidence: Confidence,
    pub strength: Option<Strength>,
    pub note: Option<String>,
}

/// A numbered section of the report (一、总体情况 …).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The ordinal: 一 … 六.
    pub no: String,
    /// The canonical title, without the ordinal.
    pub title: String,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub required: bool,
    /// Keys of the edition's required contents (`[annual_report.contents]`) this section carries.
    #[serde(default)]
    pub covers: Vec<String>,
    #[serde(default)]
    pub articles: Vec<ArticleLink>,
    /// Ids of the standard tables of the section.
    #[serde(default)]
    pub tables: Vec<String>,
    #[serde(default)]
    pub subsections: Vec<Subsection>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(skip)]
    names: Names,
}

/// An expected sub-heading: （一）主动公开 ….
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subsection {
    pub no: String,
    pub title: String,
    #[serde(default)]
    pub variants: Vec<String>,
    pub confidence: Confidence,
    #[serde(default)]
    pub articles: Vec<ArticleLink>,
    #[serde(skip)]
    names: Names,
}

/// A standard table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// "t2-1", "t3", "t4", "stat".
    pub id: String,
    pub name: String,
    /// The section (ordinal) the table belongs to.
    pub section: Option<String>,
    /// The first header cell as the markup writes it (block header, 申请人情况, 统计指标 …).
    pub corner: String,
    #[serde(default)]
    pub corner_variants: Vec<String>,
    /// A note printed in the corner of the official form (表三's 勾稽关系).
    pub corner_note: Option<String>,
    /// The markup writes the table transposed with respect to the official form (表四); rows then carry their
    /// place in the official header as `header_path`.
    #[serde(default)]
    pub transposed: bool,
    pub confidence: Option<Confidence>,
    #[serde(default)]
    pub articles: Vec<ArticleLink>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    #[serde(skip)]
    corner_names: Names,
    /// Normalised spanning headers (法人或其他组织), neither hits nor misses.
    #[serde(skip)]
    column_groups: Vec<String>,
    /// A number no other prepared table has (0 before [`Format::prepare`]):
    /// what the per-thread memo of label matches knows the table by.
    #[serde(skip)]
    pub(crate) uid: u32,
}

/// A column of a standard table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub variants: Vec<String>,
    pub unit: Option<String>,
    #[serde(default)]
    pub kind: ValueKind,
    /// The spanning header above this column in the official layout (法人或其他组织).
    pub group: Option<String>,
    pub counts: Option<String>,
    pub note: Option<String>,
    #[serde(skip)]
    names: Names,
}

impl Column {
    /// What this column's cell in `row` holds ([`Table::cell_kind`] with
    /// both looked up).
    pub fn kind_in(&self, row: &Row) -> ValueKind {
        match self.kind {
            ValueKind::Text => ValueKind::Text,
            kind => row.kind.unwrap_or(kind),
        }
    }
}

/// A row of a standard table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub key: String,
    pub label: String,
    /// A short name for messages: 予以公开.
    pub short: Option<String>,
    #[serde(default)]
    pub variants: Vec<String>,
    /// Nesting depth: 0 for 一、…, 1 for （一）…, 2 for 1.….
    #[serde(default)]
    pub level: u8,
    pub parent: Option<String>,
    /// A merged header row without figures; may be left out of the markup.
    #[serde(default)]
    pub group: bool,
    /// Unit and kind of the row's figures, where they differ by row (statistical table).
    pub unit: Option<String>,
    pub kind: Option<ValueKind>,
    pub confidence: Option<Confidence>,
    /// What the row counts.
    pub counts: Option<String>,
    #[serde(default)]
    pub articles: Vec<ArticleLink>,
    pub note: Option<String>,
    /// For a transposed table: the row's headers in the official layout (行政诉讼 › 未经复议直接起诉).
    #[serde(default)]
    pub header_path: Vec<String>,
    #[serde(skip)]
    names: Names,
}

impl Row {
    /// The short name when there is one, else the label.
    pub fn display_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.label)
    }
}

/// The only kind of relation so far: a (signed) sum compared with another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    Sum,
}

/// Along which axis a relation repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    /// Terms are row keys; the relation holds in every numeric column (or those in `only`).
    Column,
    /// Terms are column keys; the relation holds in every data row (or those in `only`).
    Row,
    /// Terms are "row/column" cell keys; the relation holds once.
    Cell,
}

/// Comparison between the two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Op {
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">=")]
    Ge,
    /// Roughly equal: a difference is plausible and worth only a note.
    #[serde(rename = "~")]
    Approx,
}

impl Op {
    /// Whether `lhs op rhs` holds (for `Approx`: exact equality; the severity says how much a miss matters).
    pub fn holds<T: PartialOrd>(self, lhs: T, rhs: T) -> bool {
        match self {
            Op::Eq | Op::Approx => lhs == rhs,
            Op::Le => lhs <= rhs,
            Op::Ge => lhs >= rhs,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Le => "≤",
            Op::Ge => "≥",
            Op::Approx => "≈",
        }
    }
}

/// One term of a relation: a row key, column key or "row/column" cell key, added or subtracted, from this
/// report or the previous year's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub key: String,
    /// Written "-key": subtract instead of add.
    pub negate: bool,
    /// Written "prev:key": the same cell in the previous year's report of the same organ.
    pub prev: bool,
}

impl FromStr for Term {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut rest = s.trim();
        let (mut negate, mut prev) = (false, false);
        loop {
            if let Some(r) = rest.strip_prefix('-') {
                negate = !negate;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("prev:") {
                prev = true;
                rest = r;
            } else {
                break;
            }
        }
        if rest.is_empty() {
            return Err(format!("empty relation term: {s:?}"));
        }
        Ok(Term {
            key: rest.to_string(),
            negate,
            prev,
        })
    }
}

impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// An arithmetic relation between cells of one table (勾稽关系).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Stable id, cited in diagnostics: "T3-A".
    pub id: String,
    pub table: String,
    pub kind: RelationKind,
    pub per: Per,
    /// Restrict the repetition to these columns (`per = "column"`) or rows (`per = "row"`).
    #[serde(default)]
    pub only: Vec<String>,
    pub lhs: Vec<Term>,
    pub op: Op,
    pub rhs: Vec<Term>,
    pub severity: Severity,
    pub confidence: Confidence,
    /// What grounds the relation (the printed note, or the structure of the table).
    pub basis: String,
    /// The message for a violation.
    pub message: String,
}

/// A cell of one relation instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellTerm<'a> {
    pub row: &'a str,
    pub column: &'a str,
    pub negate: bool,
    pub prev: bool,
}

/// A relation applied to one column (or row): concrete cells on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationInstance<'a> {
    /// The column (`per = "column"`) or row (`per = "row"`) key; `None` for `per = "cell"`.
    pub along: Option<&'a str>,
    pub lhs: Vec<CellTerm<'a>>,
    pub rhs: Vec<CellTerm<'a>>,
}

impl Relation {
    /// Whether the relation compares with the previous year's report.
    pub fn is_cross_year(&self) -> bool {
        self.lhs.iter().chain(&self.rhs).any(|t| t.prev)
    }

    /// The concrete cells the relation compares, once per column or row it repeats along.
    pub fn instances<'a>(&'a self, table: &'a Table) -> Vec<RelationInstance<'a>> {
        let cells = |terms: &'a [Term], along: &'a str| -> Vec<CellTerm<'a>> {
            terms
                .iter()
                .map(|t| {
                    let (row, column) = match self.per {
                        Per::Column => (t.key.as_str(), along),
                        Per::Row => (along, t.key.as_str()),
                        Per::Cell => t.key.split_once('/').unwrap_or((t.key.as_str(), "")),
                    };
                    CellTerm {
                        row,
                        column,
                        negate: t.negate,
                        prev: t.prev,
                    }
                })
                .collect()
        };
        let along: Vec<&'a str> = match self.per {
            Per::Cell => {
                return vec![RelationInstance {
                    along: None,
                    lhs: cells(&self.lhs, ""),
                    rhs: cells(&self.rhs, ""),
                }]
            }
            _ if !self.only.is_empty() => self.only.iter().map(String::as_str).collect(),
            Per::Column => table
                .columns
                .iter()
                .filter(|c| c.kind.is_numeric())
                .map(|c| c.key.as_str())
                .collect(),
            Per::Row => table.data_rows().map(|r| r.key.as_str()).collect(),
        };
        along
            .into_iter()
            .map(|a| RelationInstance {
                along: Some(a),
                lhs: cells(&self.lhs, a),
                rhs: cells(&self.rhs, a),
            })
            .collect()
    }
}

/// A cell addressed across tables: "t3:new/total".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    pub table: String,
    pub row: String,
    pub column: String,
}

impl FromStr for CellRef {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (table, cell) = s
            .split_once(':')
            .ok_or_else(|| format!("cell reference without table: {s:?}"))?;
        let (row, column) = cell
            .split_once('/')
            .ok_or_else(|| format!("cell reference without column: {s:?}"))?;
        Ok(CellRef {
            table: table.into(),
            row: row.into(),
            column: column.into(),
        })
    }
}

impl<'de> Deserialize<'de> for CellRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// A figure the prose quotes: after one of `phrases`, the number should equal the sum of `cells`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub id: String,
    pub phrases: Vec<String>,
    pub cells: Vec<CellRef>,
    pub severity: Severity,
    pub confidence: Confidence,
}

impl Format {
    /// A table by id.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// A section by ordinal (一 … 六).
    pub fn section(&self, no: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.no == no)
    }

    /// The relations on one table.
    pub fn relations_for<'a>(&'a self, table: &'a str) -> impl Iterator<Item = &'a Relation> + 'a {
        self.relations.iter().filter(move |r| r.table == table)
    }

    /// A relation by id.
    pub fn relation(&self, id: &str) -> Option<&Relation> {
        self.relations.iter().find(|r| r.id == id)
    }

    /// Precompute the normalised names used by matching.
    fn prepare(mut self) -> Self {
        for section in &mut self.sections {
            section.names = Names::new(&section.title, &section.variants);
            for sub in &mut section.subsections {
                sub.names = Names::new(&sub.title, &sub.variants);
            }
        }
        static NEXT_UID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        for table in &mut self.tables {
            table.uid = NEXT_UID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            table.corner_names = Names::new(&table.corner, &table.corner_variants);
            table.column_groups = table
                .columns
                .iter()
                .filter_map(|c| c.group.as_deref())
                .map(normalize_label)
                .collect();
            for column in &mut table.columns {
                column.names = Names::new(&column.label, &column.variants);
            }
            for row in &mut table.rows {
                row.names = Names::new(&row.label, &row.variants);
            }
        }
        self
    }
}

impl Table {
    /// A row by key.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// A column by key.
    pub fn column(&self, key: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.key == key)
    }

    /// Rows that carry figures (not merged group headers), in order.
    pub fn data_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| !r.group)
    }

    /// The rows directly under `parent`.
    pub fn children<'a>(&'a self, parent: &'a str) -> impl Iterator<Item = &'a Row> + 'a {
        self.rows
            .iter()
            .filter(move |r| r.parent.as_deref() == Some(parent))
    }

    /// What the cell at (row, column) holds: the row's kind where it sets one, else the column's.
    pub fn cell_kind(&self, row: &str, column: &str) -> Option<ValueKind> {
        let column = self.column(column)?;
        if column.kind == ValueKind::Text {
            return Some(ValueKind::Text);
        }
        Some(column.kind_in(self.row(row)?))
    }

    /// The unit of the cell at (row, column): the row's where it sets one, else the column's.
    pub fn cell_unit(&self, row: &str, column: &str) -> Option<&str> {
        let row = self.row(row)?;
        let column = self.column(column)?;
        if column.kind == ValueKind::Text {
            return None;
        }
        row.unit.as_deref().or(column.unit.as_deref())
    }
}

/// Parse a format's data file; the files are compiled in, so a failure is a bug caught by the tests.
fn load(source: &str) -> Format {
    toml::from_str::<Format>(source)
        .unwrap_or_else(|e| panic!("bundled format data is invalid: {e}"))
        .prepare()
}

static FORMATS: LazyLock<[Format; 3]> = LazyLock::new(|| {
    [
        load(include_str!("../../data/formats/gov2021.toml")),
        load(include_str!("../../data/formats/gov2019.toml")),
        load(include_str!("../../data/formats/stat2014.toml")),
    ]
});

/// Every format, newest first.
pub fn all() -> &'static [Format] {
    FORMATS.as_slice()
}

/// A national format by id (panics for [`FormatId::None`], which has no data: use [`FormatId::data`]).
pub fn format(id: FormatId) -> &'static Format {
    all()
        .iter()
        .find(|f| f.id == id)
        .expect("every FormatId has a data file")
}

/// A format by its written id ("gov2021", "2021", …).
pub fn format_by_name(name: &str) -> Option<&'static Format> {
    name.parse().ok().and_then(FormatId::data)
}

/// The format prescribed for reports on `year`; `None` before 2014, when there was no national table.
pub fn format_for_year(year: i32) -> Option<&'static Format> {
    all().iter().find(|f| f.years.contains(year))
}
