//! The standard tables of a report: figures that satisfy every relation of the format, a check of those
//! relations through [`Relation::instances`], and rendering in the canonical markup of `docs/language.md`.

use std::collections::HashMap;
use std::ops::Range;

use rust_decimal::Decimal;

use super::rng::Rng;
use nianbao_core::formats::{Format, Op, Per, Table, ValueKind};

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

fn decimal_amount(rng: &mut Rng, lo_cents: i64, hi_cents: i64) -> Decimal {
    let cents = rng.log_range(lo_cents, hi_cents);
    // Most amounts are written with one decimal or none.
    match rng.below(3) {
        0 => Decimal::new(cents, 2),
        1 => Decimal::new(cents / 10, 1),
        _ => Decimal::from(cents / 100),
    }
}

/// 表三: per applicant column, new and carried requests, their outcomes and what is carried on.
pub fn fill_t3(
    format: &'static Format,
    rng: &mut Rng,
    size: &Size,
    zero_rows: &[String],
    prev: Option<&Carry>,
) -> Grid {
    let table = format.table("t3").expect("t3");
    let mut g = Grid::new(table);
    let a = format.relation("T3-A").expect("T3-A");
    let b = format.relation("T3-B").expect("T3-B");
    let c = format.relation("T3-C").expect("T3-C");
    let (new, carried) = (a.lhs[0].key.as_str(), a.lhs[1].key.as_str());
    let carry_next = a.rhs[1].key.as_str();
    let total_row = c.lhs[0].key.as_str();
    let total_col = b.lhs[0].key.as_str();
    let applicants: Vec<&str> = b.rhs.iter().map(|t| t.key.as_str()).collect();
    let leaves: Vec<&str> = c.rhs.iter().map(|t| t.key.as_str()).collect();

    let applicant_weights: Vec<f64> = applicants
        .iter()
        .map(|k| match *k {
            "person" => 0.6 + 0.35 * rng.unit(),
            "business" if rng.chance(0.6) => 0.12,
            "legal" if rng.chance(0.35) => 0.05,
            "other" if rng.chance(0.35) => 0.05,
            "research" if rng.chance(0.08) => 0.01,
            "charity" if rng.chance(0.08) => 0.01,
            _ => 0.0,
        })
        .collect();
    let new_by = rng.split(size.requests, &applicant_weights);
    let carried_by: Vec<i64> = match prev {
        Some(p) => applicants
            .iter()
            .map(|k| p.carry_next.get(*k).copied().unwrap_or(0))
            .collect(),
        None if rng.chance(0.4) => {
            let n = rng.range(0, size.requests / 6 + 1);
            rng.split(n, &applicant_weights)
        }
        None => vec![0; applicants.len()],
    };
    let leaf_weights: Vec<f64> = leaves
        .iter()
        .map(|k| {
            if zero_rows.iter().any(|z| z == k) {
                return 0.0;
            }
            let (w, p) = match *k {
                "public" => (0.45, 1.0),
                "partial" => (0.05, 0.5),
                "unable.not_held" => (0.2, 0.9),
                "deny.third_party" | "deny.internal" | "deny.process" => (0.03, 0.3),
                "deny.secret" | "deny.law" | "deny.safety" | "deny.enforcement" => (0.01, 0.15),
                "deny.query" => (0.03, 0.3),
                "unable.to_create" | "unable.unclear" => (0.04, 0.4),
                "decline.petition" | "decline.repeat" => (0.04, 0.4),
                "decline.publication" | "decline.mass" => (0.01, 0.1),
                "decline.confirm" => (0.01, 0.15),
                "other" => (0.06, 0.5),
                "other.no_correction" | "other.misc" => (0.04, 0.4),
                "other.unpaid_fee" => (0.01, 0.05),
                _ => (0.02, 0.2),
            };
            if rng.chance(p) {
                w
            } else {
                0.0
            }
        })
        .collect();
    let leaf_weights = if leaf_weights.iter().all(|w| *w == 0.0) {
        // Keep at least one outcome possible.
        let mut w = vec![0.0; leaves.len()];
        if let Some(i) = leaves
            .iter()
            .position(|k| !zero_rows.iter().any(|z| z == k))
        {
            w[i] = 1.0;
        }
        w
    } else {
        leaf_weights
    };
    for (i, col) in applicants.iter().enumerate() {
        let handled = new_by[i] + carried_by[i];
        let carry = if handled > 0 && rng.chance(0.35) {
            rng.range(0, handled / 5 + 1).min(handled)
        } else {
            0
        };
        let outcome = handled - carry;
        let parts = rng.split(outcome, &leaf_weights);
        g.set(new, col, new_by[i]);
        g.set(carried, col, carried_by[i]);
        g.set(carry_next, col, carry);
        g.set(total_row, col, outcome);
        for (leaf, v) in leaves.iter().zip(parts) {
            g.set(leaf, col, v);
        }
    }
    for row in table.data_rows() {
        let sum: i64 = applicants.iter().map(|c| g.get(&row.key, c)).sum();
        g.set(&row.key, total_col, sum);
    }
    g
}

/// 表四: each row's four outcomes and their total.
pub fn fill_t4(format: &'static Format, rng: &mut Rng, size: &Size, zero_rows: &[String]) -> Grid {
    let table = format.table("t4").expect("t4");
    let mut g = Grid::new(table);
    for relation in format.relations_for("t4") {
        if relation.is_cross_year() {
            continue;
        }
        for row in &relation.only {
            let p = match (row.as_str(), size.government) {
                ("review", true) => 0.45,
                ("review", false) => 0.2,
                (_, true) => 0.25,
                _ => 0.1,
            };
            let n = if zero_rows.contains(row) || !rng.chance(p) {
                0
            } else {
                rng.log_range(1, if size.government { 12 } else { 4 })
            };
            let parts = rng.split(n, &[0.6, 0.15, 0.15, 0.1]);
            let mut sum = 0;
            for (t, v) in relation.rhs.iter().zip(parts) {
                g.set(row, &t.key, v);
                sum += v;
            }
            g.set(row, &relation.lhs[0].key, sum);
        }
    }
    g
}

/// 表二, 2021 format: four blocks.
pub fn fill_t2_2021(
    format: &'static Format,
    rng: &mut Rng,
    size: &Size,
    prev: Option<&Carry>,
) -> Vec<Grid> {
    let mut blocks = Vec::new();
    let mut t = Grid::new(format.table("t2-1").expect("t2-1"));
    for row in ["rules", "normative"] {
        let (made, repealed) = if row == "rules" {
            if size.city && rng.chance(0.5) {
                let m = rng.range(0, 4);
                (m, rng.range(0, 2))
            } else {
                (0, 0)
            }
        } else {
            let m = rng.log_range(0, if size.government { 40 } else { 12 });
            (m, rng.log_range(0, m + 8))
        };
        let base = prev.and_then(|p| p.in_force.get(row).copied());
        let in_force = match base {
            Some(b) => (b + made - repealed).max(made),
            None if row == "rules" && made == 0 && !size.city => 0,
            None => made + rng.log_range(0, if size.government { 260 } else { 60 }),
        };
        t.set(row, "made", made);
        t.set(row, "repealed", repealed);
        t.set(row, "in_force", in_force);
    }
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-5").expect("t2-5"));
    t.set(
        "license",
        "decisions",
        rng.log_range(
            if size.government { 200 } else { 0 },
            if size.government { 60_000 } else { 8000 },
        ),
    );
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-6").expect("t2-6"));
    t.set(
        "penalty",
        "decisions",
        rng.log_range(0, if size.government { 6000 } else { 1500 }),
    );
    t.set("coercion", "decisions", rng.log_range(0, 300));
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-8").expect("t2-8"));
    let amount = if rng.chance(0.15) {
        Decimal::ZERO
    } else {
        decimal_amount(rng, 100, if size.government { 3_000_000 } else { 300_000 })
    };
    t.set_decimal("fees", "amount", amount);
    blocks.push(t);
    blocks
}

/// 表二, 2019 format: five blocks.
pub fn fill_t2_2019(
    format: &'static Format,
    rng: &mut Rng,
    size: &Size,
    prev: Option<&Carry>,
) -> Vec<Grid> {
    let mut blocks = Vec::new();
    let mut t = Grid::new(format.table("t2-1").expect("t2-1"));
    for row in ["rules", "normative"] {
        let made = if row == "rules" {
            if size.city && rng.chance(0.5) {
                rng.range(0, 4)
            } else {
                0
            }
        } else {
            rng.log_range(0, if size.government { 40 } else { 12 })
        };
        let published = rng.range(made * 4 / 5, made);
        let total = if made == 0 && row == "rules" && !size.city {
            0
        } else {
            published + rng.log_range(0, if size.government { 300 } else { 60 })
        };
        t.set(row, "new_made", made);
        t.set(row, "new_published", published);
        t.set(row, "published_total", total);
    }
    blocks.push(t);
    let items = |rng: &mut Rng, t: &mut Grid, row: &str, hi: i64, decisions: Option<i64>| {
        let base = prev
            .and_then(|p| p.items.get(&(t.table.id.clone(), row.to_string())).copied())
            .unwrap_or_else(|| rng.log_range(0, hi));
        let change = if rng.chance(0.5) {
            0
        } else {
            rng.range(-(base / 10), base / 5 + 3)
        };
        t.set(row, "prev_count", base);
        t.set(row, "change", change);
        if let Some(d) = decisions {
            t.set(row, "decisions", d);
        }
    };
    let mut t = Grid::new(format.table("t2-5").expect("t2-5"));
    let d = rng.log_range(0, if size.government { 50_000 } else { 6000 });
    items(
        rng,
        &mut t,
        "license",
        if size.government { 1500 } else { 200 },
        Some(d),
    );
    let d = rng.log_range(0, 3000);
    items(rng, &mut t, "other_services", 300, Some(d));
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-6").expect("t2-6"));
    let d = rng.log_range(0, 5000);
    items(rng, &mut t, "penalty", 2000, Some(d));
    let d = rng.log_range(0, 200);
    items(rng, &mut t, "coercion", 60, Some(d));
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-8").expect("t2-8"));
    items(rng, &mut t, "fees", 80, None);
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-9").expect("t2-9"));
    let n = rng.log_range(0, if size.government { 800 } else { 80 });
    t.set("procurement", "items", n);
    let amount = if n == 0 {
        Decimal::ZERO
    } else {
        decimal_amount(rng, 1000, 5_000_000)
    };
    t.set_decimal("procurement", "amount", amount);
    blocks.push(t);
    blocks
}

/// The statistical table of 2014–2018.
pub fn fill_stat(
    format: &'static Format,
    rng: &mut Rng,
    size: &Size,
    zero_rows: &[String],
    gazette: bool,
) -> Grid {
    let table = format.table("stat").expect("stat");
    let mut g = Grid::new(table);
    let v = "value";
    let set = |g: &mut Grid, row: &str, value: i64| {
        let value = if zero_rows.iter().any(|z| z == row) {
            0
        } else {
            value
        };
        g.set(row, v, value);
    };
    let gov = size.government;
    // 一、主动公开: channels, then the count of distinct items (an item published on several channels counts once).
    let website = rng.log_range(if gov { 500 } else { 50 }, if gov { 20_000 } else { 3000 });
    set(
        &mut g,
        "channels.gazette",
        if gazette { rng.log_range(0, 120) } else { 0 },
    );
    set(&mut g, "channels.website", website);
    set(
        &mut g,
        "channels.weibo",
        if rng.chance(0.6) {
            rng.log_range(0, website)
        } else {
            0
        },
    );
    set(
        &mut g,
        "channels.weixin",
        if rng.chance(0.7) {
            rng.log_range(0, website)
        } else {
            0
        },
    );
    set(&mut g, "channels.other", rng.log_range(0, website / 2 + 1));
    let channels = g.sum(
        &[
            "channels.gazette",
            "channels.website",
            "channels.weibo",
            "channels.weixin",
            "channels.other",
        ],
        v,
    );
    let items = channels - rng.range(0, channels / 4);
    set(&mut g, "active.items", items);
    let normative = rng.log_range(0, (items / 20).min(80));
    set(&mut g, "active.normative", normative);
    set(
        &mut g,
        "active.normative_made",
        rng.range(normative * 2 / 3, normative + 5),
    );
    // 二、回应解读.
    set(&mut g, "respond.hotspots", rng.log_range(0, 60));
    set(&mut g, "respond.press", rng.log_range(0, 24));
    let press = g.get("respond.press", v);
    set(&mut g, "respond.press_leader", rng.range(0, press));
    set(&mut g, "respond.interview", rng.log_range(0, 12));
    let interview = g.get("respond.interview", v);
    set(&mut g, "respond.interview_leader", rng.range(0, interview));
    set(&mut g, "respond.explain", rng.log_range(0, 120));
    set(&mut g, "respond.weibo_weixin", rng.log_range(0, 200));
    set(&mut g, "respond.other", rng.log_range(0, 50));
    // 三、依申请公开.
    let received = size.requests;
    let by_channel = rng.split(received, &[0.3, 0.02, 0.5, 0.18]);
    for (row, n) in [
        "apply.in_person",
        "apply.fax",
        "apply.online",
        "apply.letter",
    ]
    .iter()
    .zip(by_channel)
    {
        set(&mut g, row, n);
    }
    let received = g.sum(
        &[
            "apply.in_person",
            "apply.fax",
            "apply.online",
            "apply.letter",
        ],
        v,
    );
    set(&mut g, "apply.received", received);
    // Without a carried-over row, 办结 may exceed 收到 (requests of the previous December).
    let closed = (received - rng.range(0, received / 10) + rng.range(0, 3)).max(0);
    let extended = rng.range(0, closed / 8);
    set(&mut g, "apply.on_time", closed - extended);
    set(&mut g, "apply.extended", extended);
    let closed = g.sum(&["apply.on_time", "apply.extended"], v);
    set(&mut g, "apply.closed", closed);
    let replies = [
        "reply.already_public",
        "reply.granted",
        "reply.partial",
        "reply.denied",
        "reply.not_ours",
        "reply.not_exist",
        "reply.amend",
        "reply.other_channel",
    ];
    let weights: Vec<f64> = replies
        .iter()
        .map(|r| {
            if zero_rows.iter().any(|z| z == r) {
                0.0
            } else {
                1.0
            }
        })
        .zip([0.2, 0.45, 0.05, 0.06, 0.1, 0.08, 0.03, 0.03])
        .map(|(z, w)| z * w)
        .collect();
    let split = rng.split(closed, &weights);
    for (row, n) in replies.iter().zip(split) {
        set(&mut g, row, n);
    }
    let reasons = [
        "deny.state_secret",
        "deny.trade_secret",
        "deny.privacy",
        "deny.safety",
        "deny.not_gov_info",
        "deny.other",
    ];
    let weights: Vec<f64> = reasons
        .iter()
        .map(|r| {
            if zero_rows.iter().any(|z| z == r) {
                0.0
            } else {
                1.0
            }
        })
        .zip([0.1, 0.15, 0.25, 0.05, 0.3, 0.15])
        .map(|(z, w)| z * w)
        .collect();
    let weights = if weights.iter().all(|w| *w == 0.0) {
        vec![1.0; reasons.len()]
    } else {
        weights
    };
    let split = rng.split(g.get("reply.denied", v), &weights);
    for (row, n) in reasons.iter().zip(split) {
        g.set(row, v, n);
    }
    let denied = g.sum(&reasons, v);
    g.set("reply.denied", v, denied);
    let replied = g.sum(&replies, v);
    g.set("apply.replies", v, replied);
    // 四、五: appeals.
    for (total, parts) in [
        (
            "review",
            ["review.upheld", "review.corrected", "review.other"],
        ),
        ("suit", ["suit.upheld", "suit.corrected", "suit.other"]),
    ] {
        let n = if rng.chance(if gov { 0.4 } else { 0.15 }) {
            rng.log_range(1, 8)
        } else {
            0
        };
        let split = rng.split(n, &[0.7, 0.15, 0.15]);
        for (row, x) in parts.iter().zip(split) {
            set(&mut g, row, x);
        }
        let sum = g.sum(&parts, v);
        g.set(total, v, sum);
    }
    set(
        &mut g,
        "complaints",
        if rng.chance(0.2) { rng.range(1, 5) } else { 0 },
    );
    let fees = if rng.chance(0.85) {
        Decimal::ZERO
    } else {
        Decimal::new(rng.range(1, 300), 2)
    };
    g.set_decimal("fees", v, fees);
    // 八、机构和经费.
    set(&mut g, "org.units", rng.range(1, 3));
    set(
        &mut g,
        "org.reading_points",
        rng.log_range(1, if gov { 40 } else { 3 }),
    );
    let full = rng.range(1, if gov { 8 } else { 2 });
    set(&mut g, "org.full_time", full);
    set(
        &mut g,
        "org.part_time",
        rng.log_range(0, if gov { 120 } else { 6 }),
    );
    let staff = g.sum(&["org.full_time", "org.part_time"], v);
    g.set("org.staff", v, staff);
    let budget = if rng.chance(0.4) {
        Decimal::ZERO
    } else {
        Decimal::new(rng.log_range(5, 800), 1)
    };
    g.set_decimal("org.budget", v, budget);
    // 九、会议和培训.
    set(&mut g, "training.meetings", rng.range(0, 8));
    let classes = rng.range(0, 6);
    set(&mut g, "training.classes", classes);
    set(
        &mut g,
        "training.trainees",
        if classes == 0 {
            0
        } else {
            rng.log_range(10, 800)
        },
    );
    g
}
