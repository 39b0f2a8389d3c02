//! The standard tables of a report: figures that satisfy every relation of the format, a check of those
//! relations through [`Relation::instances`], and rendering in the canonical markup of `docs/language.md`.

use std::collections::HashMap;
use std::ops::Range;

use rust_decimal::Decimal;

use nianbao_core::formats::{Format, Op, Per, Table, ValueKind};

mod fill;

pub use fill::{fill_stat, fill_t2_2019, fill_t2_2021, fill_t3, fill_t4};

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Num(Decimal),
    /// Left empty: a total not filled in (a defect), or a merged group row.
    Blank,
}

/// The figures of one standard table, by (row key, column key).
#[derive(Debug, Clone)]
pub struct Grid {
    pub table: &'static Table,
    vals: HashMap<(&'static str, &'static str), Val>,
}

impl Grid {
    pub fn new(table: &'static Table) -> Grid {
        Grid {
            table,
            vals: HashMap::new(),
        }
    }

    fn key(&self, row: &str, column: &str) -> (&'static str, &'static str) {
        let r = self
            .table
            .row(row)
            .unwrap_or_else(|| panic!("no row {row} in {}", self.table.id));
        let c = self
            .table
            .column(column)
            .unwrap_or_else(|| panic!("no column {column} in {}", self.table.id));
        (r.key.as_str(), c.key.as_str())
    }

    pub fn set(&mut self, row: &str, column: &str, value: i64) {
        let k = self.key(row, column);
        self.vals.insert(k, Val::Num(Decimal::from(value)));
    }

    pub fn set_decimal(&mut self, row: &str, column: &str, value: Decimal) {
        let k = self.key(row, column);
        self.vals.insert(k, Val::Num(value));
    }

    pub fn set_val(&mut self, row: &str, column: &str, value: Val) {
        let k = self.key(row, column);
        self.vals.insert(k, value);
    }

    pub fn val(&self, row: &str, column: &str) -> Option<&Val> {
        self.vals.get(&self.key(row, column))
    }

    pub fn decimal(&self, row: &str, column: &str) -> Option<Decimal> {
        match self.val(row, column) {
            Some(Val::Num(d)) => Some(*d),
            _ => None,
        }
    }

    /// A whole-number figure (0 when the cell is not a number).
    pub fn get(&self, row: &str, column: &str) -> i64 {
        self.decimal(row, column)
            .and_then(|d| i64::try_from(d).ok())
            .unwrap_or(0)
    }

    /// The sum of `rows` in `column`.
    pub fn sum(&self, rows: &[&str], column: &str) -> i64 {
        rows.iter().map(|r| self.get(r, column)).sum()
    }
}

/// Every relation of `format` (except those comparing with the previous year) that does not hold in `grids`,
/// as messages. Empty for consistent figures.
pub fn broken_relations(format: &Format, grids: &[Grid]) -> Vec<String> {
    let mut broken = Vec::new();
    for relation in &format.relations {
        if relation.is_cross_year() {
            continue;
        }
        let Some(grid) = grids.iter().find(|g| g.table.id == relation.table) else {
            continue;
        };
        for instance in relation.instances(grid.table) {
            let side = |terms: &[nianbao_core::formats::CellTerm]| -> Decimal {
                terms
                    .iter()
                    .map(|t| {
                        let v = grid.decimal(t.row, t.column).unwrap_or_default();
                        if t.negate {
                            -v
                        } else {
                            v
                        }
                    })
                    .sum()
            };
            let (lhs, rhs) = (side(&instance.lhs), side(&instance.rhs));
            if !relation.op.holds(lhs, rhs) {
                broken.push(format!(
                    "{} ({}): {lhs} {} {rhs} does not hold",
                    relation.id,
                    instance.along.unwrap_or(""),
                    relation.op.symbol()
                ));
            }
        }
    }
    broken
}

/// Cells that are the single left-hand term of an equality: the totals. Modifying one of them breaks at least one
/// relation whose diagnostic belongs at that cell.
pub fn total_cells(
    format: &'static Format,
    table: &'static Table,
) -> Vec<(&'static str, &'static str)> {
    let mut cells = Vec::new();
    for relation in format.relations_for(&table.id) {
        if relation.is_cross_year() || relation.op != Op::Eq || relation.lhs.len() != 1 {
            continue;
        }
        for instance in relation.instances(table) {
            let t = instance.lhs[0];
            if !cells.contains(&(t.row, t.column)) {
                cells.push((t.row, t.column));
            }
        }
    }
    cells
}

/// The parts of `total_row` in the relation that sums them per column (`per = "column"`, single lhs).
pub fn parts_of(format: &'static Format, table: &str, total_row: &str) -> Vec<&'static str> {
    format
        .relations
        .iter()
        .filter(|r| r.table == table)
        .find(|r| {
            r.per == Per::Column && r.lhs.len() == 1 && r.lhs[0].key == total_row && r.op == Op::Eq
        })
        .map(|r| r.rhs.iter().map(|t| t.key.as_str()).collect())
        .unwrap_or_default()
}

/// How a table is written.
#[derive(Debug, Default)]
pub struct Layout {
    /// Write the merged group rows (allowed, not required).
    pub groups: bool,
    /// Leave this row out (a `row-missing` defect).
    pub omit_row: Option<String>,
    /// Write this label instead of the canonical one, for a row or a column (a `label-variant` defect).
    pub row_label: Option<(String, String)>,
    pub column_label: Option<(String, String)>,
    /// Leave out the optional 政府公报 row of the statistical table.
    pub omit_optional: Vec<String>,
}

/// Where the pieces of a rendered table are.
#[derive(Debug, Default)]
pub struct Placed {
    pub range: Range<usize>,
    /// Content range of each cell (for an empty cell: the gap between the pipes).
    pub cells: HashMap<(String, String), Range<usize>>,
    pub row_labels: HashMap<String, Range<usize>>,
    pub column_labels: HashMap<String, Range<usize>>,
}

/// A cell's text.
pub fn format_value(kind: ValueKind, value: &Val) -> String {
    match value {
        Val::Blank => String::new(),
        Val::Num(d) => {
            let d = d.normalize();
            if kind == ValueKind::Signed && d.is_sign_positive() && !d.is_zero() {
                format!("+{d}")
            } else {
                d.to_string()
            }
        }
    }
}

/// Appends `grid` as a pipe table to `out`, followed by a newline; returns where everything went.
pub fn render(out: &mut String, grid: &Grid, layout: &Layout) -> Placed {
    let table = grid.table;
    let mut placed = Placed {
        range: out.len()..out.len(),
        ..Placed::default()
    };
    let cell = |out: &mut String, text: &str| -> Range<usize> {
        // "| " was written; the content, then " |".
        let start = out.len();
        out.push_str(text);
        let end = out.len();
        out.push_str(" |");
        if text.is_empty() {
            start - 1..end + 1
        } else {
            start..end
        }
    };
    // Header.
    out.push_str("| ");
    cell(out, &table.corner);
    for column in &table.columns {
        out.push(' ');
        let label = match &layout.column_label {
            Some((key, label)) if *key == column.key => label.as_str(),
            _ => column.label.as_str(),
        };
        let r = cell(out, label);
        placed.column_labels.insert(column.key.clone(), r);
    }
    out.push('\n');
    out.push_str("| --- |");
    for column in &table.columns {
        out.push_str(if column.kind.is_numeric() {
            " ---: |"
        } else {
            " --- |"
        });
    }
    out.push('\n');
    let mut channel_no = 0;
    for row in &table.rows {
        if layout.omit_row.as_deref() == Some(row.key.as_str())
            || layout.omit_optional.contains(&row.key)
        {
            continue;
        }
        if row.group && !layout.groups {
            continue;
        }
        let mut label = match &layout.row_label {
            Some((key, label)) if *key == row.key => label.clone(),
            _ => row.label.clone(),
        };
        // The statistical table's channel rows are numbered in the report, not in the data.
        if row.parent.as_deref() == Some("channels") {
            channel_no += 1;
            if !label.starts_with(|c: char| c.is_ascii_digit()) {
                label = format!("{channel_no}.{label}");
            }
        }
        out.push_str("| ");
        let r = cell(out, &label);
        placed.row_labels.insert(row.key.clone(), r);
        for column in &table.columns {
            out.push(' ');
            let text = if row.group {
                if table.id == "stat" {
                    "——".to_string()
                } else {
                    String::new()
                }
            } else if column.kind == ValueKind::Text {
                row.unit.clone().unwrap_or_default()
            } else {
                let kind = table.cell_kind(&row.key, &column.key).unwrap_or_default();
                grid.val(&row.key, &column.key)
                    .map(|v| format_value(kind, v))
                    .unwrap_or_else(|| "0".to_string())
            };
            let r = cell(out, &text);
            placed
                .cells
                .insert((row.key.clone(), column.key.clone()), r);
        }
        out.push('\n');
    }
    placed.range.end = out.len() - 1;
    placed
}

/// Scale of an organ's work, drawn once per report.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// A government (人民政府) rather than a department.
    pub government: bool,
    /// A prefecture-level city (makes 规章).
    pub city: bool,
    /// New requests for disclosure this year.
    pub requests: i64,
}

/// What a previous year's report of the same organ hands on.
#[derive(Debug, Clone, Default)]
pub struct Carry {
    pub year: i32,
    /// 表三 四、结转下年度继续办理, by column key.
    pub carry_next: HashMap<String, i64>,
    /// 2021 表二 现行有效件数 by row key.
    pub in_force: HashMap<String, i64>,
    /// 2019 表二 上一年项目数量 + 本年增/减, by (table, row).
    pub items: HashMap<(String, String), i64>,
}
