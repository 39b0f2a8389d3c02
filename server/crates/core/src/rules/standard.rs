//! Rules on the standard tables: labels (`label-variant`, `label-unknown`),
//! rows (`row-missing`, `row-duplicate`), shape (`column-count`), cells
//! (`cell-not-number`, `cell-not-applicable`, `cell-negative`, `cell-fraction`,
//! `cell-blank`) and the
//! 勾稽关系 of the format (`table-sum`, `table-bound`, `table-total-blank`).
//! The relations come from the format data; nothing here names a table.

use std::cell::RefCell;
use std::rc::Rc;

use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{diag, Code};
use crate::diagnostic::{Diagnostic, Severity};
use crate::formats::{self, MatchKind, Op, ValueKind};
use crate::model::{Cell, CellValue, Table};
use crate::semantic::bind::{usable, Binding};
use crate::semantic::{Context, FormatId};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (table, binding) in cx.report.tables.iter().zip(&cx.bindings) {
        let Some(b) = binding else {
            shape(table, None, out);
            continue;
        };
        let of_table = TableRules::of(b);
        let at = Positions::of(b, &of_table);
        labels(table, b, out);
        rows(cx, table, b, &of_table, &at, out);
        shape(table, Some((b, &of_table)), out);
        cells(table, b, &of_table, out);
        relations(table, b, &of_table, &at, out);
    }
}

/// What the format says of one standard table, the same in every report:
/// its totals and the instances of the relations judged here.
struct TableRules {
    totals: Totals,
    judged: Vec<(
        &'static formats::Relation,
        Vec<formats::RelationInstance<'static>>,
    )>,
    /// For each standard row, the first row with its key: a row is found by
    /// its key ([`formats::Table::row`], [`Binding::row_position`]).
    row_first: Vec<usize>,
    /// For each standard column, the first column with its key.
    column_first: Vec<usize>,
    /// For each instance of `judged` (in order), the first standard row and
    /// column with the key of each term, `lhs` then `rhs` (`None` where no
    /// standard row or column has it): looked up once, not in every report.
    terms: Vec<Vec<Vec<Place>>>,
}

/// A term's first standard row and column (`None` where none has its key).
type Place = (Option<usize>, Option<usize>);

/// For each standard row (by [`TableRules::row_first`]), the first report row
/// bound to it, and the same for columns: [`Binding::position`] without
/// hashing a key for every cell of every relation.
struct Positions {
    rows: Vec<Option<usize>>,
    columns: Vec<Option<usize>>,
}

impl Positions {
    fn of(b: &Binding, rules: &TableRules) -> Positions {
        let firsts = |matches: &[Option<formats::LabelMatch<'static>>], first: &[usize]| {
            let mut at = vec![None; first.len()];
            for (i, m) in matches.iter().enumerate() {
                if let Some(m) = usable(m) {
                    at[first[m.index]].get_or_insert(i);
                }
            }
            at
        };
        Positions {
            rows: firsts(&b.rows, &rules.row_first),
            columns: firsts(&b.columns, &rules.column_first),
        }
    }

    /// The report row bound to standard row `k` ([`Binding::row_position`] of its key).
    fn row(&self, rules: &TableRules, k: usize) -> Option<usize> {
        self.rows[rules.row_first[k]]
    }

    /// [`Binding::cell`] of a term's first standard row and column.
    fn cell<'t>(&self, table: &'t Table, (row, column): Place) -> Option<&'t Cell> {
        let (r, c) = (self.rows[row?]?, self.columns[column?]?);
        table.rows.get(r)?.cells.get(c)
    }
}

/// For each of `keys`, the index of the first with the same key.
fn first_of_key<'k>(keys: impl Iterator<Item = &'k str> + Clone) -> Vec<usize> {
    keys.clone()
        .map(|key| {
            keys.clone()
                .position(|k| k == key)
                .expect("the key is among the keys")
        })
        .collect()
}

thread_local! {
    /// By the addresses of the format and the standard table (format data
    /// live for the whole run): computed once, not for every table of every
    /// report.
    static TABLE_RULES: RefCell<FxHashMap<(usize, usize), Rc<TableRules>>> =
        RefCell::new(FxHashMap::default());
}

impl TableRules {
    fn of(b: &Binding) -> Rc<TableRules> {
        let key = (
            std::ptr::from_ref(b.format) as usize,
            std::ptr::from_ref(b.table) as usize,
        );
        if let Some(known) = TABLE_RULES.with(|c| c.borrow().get(&key).cloned()) {
            return known;
        }
        let judged: Vec<_> = b
            .format
            .relations_for(&b.table.id)
            .filter(|rel| !rel.is_cross_year() && rel.op != Op::Approx)
            .map(|rel| (rel, rel.instances(b.table)))
            .collect();
        let (rows, columns) = (&b.table.rows, &b.table.columns);
        let terms = judged
            .iter()
            .map(|(_, instances)| {
                instances
                    .iter()
                    .map(|inst| {
                        inst.lhs
                            .iter()
                            .chain(&inst.rhs)
                            .map(|t| {
                                (
                                    rows.iter().position(|r| r.key == t.row),
                                    columns.iter().position(|c| c.key == t.column),
                                )
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let made = Rc::new(TableRules {
            totals: total_cells(b),
            judged,
            row_first: first_of_key(rows.iter().map(|r| r.key.as_str())),
            column_first: first_of_key(columns.iter().map(|c| c.key.as_str())),
            terms,
        });
        TABLE_RULES.with(|c| c.borrow_mut().insert(key, Rc::clone(&made)));
        made
    }
}

fn table_name(b: &Binding) -> String {
    match b.table.id.as_str() {
        "t3" => "表三（收到和处理政府信息公开申请情况）".to_string(),
        "t4" => "表四（政府信息公开行政复议、行政诉讼情况）".to_string(),
        _ => format!("“{}”表", b.table.name),
    }
}

fn label_diagnostic(
    cell: &Cell,
    m: &formats::LabelMatch,
    what: &str,
    b: &Binding,
    out: &mut Vec<Diagnostic>,
) {
    match m.kind {
        MatchKind::Exact | MatchKind::Normalized | MatchKind::Ordinal => {}
        MatchKind::Variant => out.push(
            diag(
                Code::LabelVariant,
                cell.range.clone(),
                format!(
                    "“{}”不是{}的标准{what}，标准写法为“{}”",
                    cell.text,
                    table_name(b),
                    m.label
                ),
            )
            .fix(format!("改为“{}”", m.label), cell.range.clone(), m.label),
        ),
        MatchKind::Fuzzy if m.is_plausible() => out.push(
            diag(
                Code::LabelUnknown,
                cell.range.clone(),
                format!(
                    "无法识别的{what}“{}”，最接近的标准{what}是“{}”",
                    cell.text, m.label
                ),
            )
            .fix(format!("改为“{}”", m.label), cell.range.clone(), m.label),
        ),
        MatchKind::Fuzzy => out.push(diag(
            Code::LabelUnknown,
            cell.range.clone(),
            format!("“{}”不是{}的标准{what}", cell.text, table_name(b)),
        )),
    }
}

fn labels(table: &Table, b: &Binding, out: &mut Vec<Diagnostic>) {
    for (row, m) in table.rows.iter().zip(&b.rows) {
        if let (Some(cell), Some(m)) = (row.cells.first(), m) {
            label_diagnostic(cell, m, "行标签", b, out);
        }
    }
    for (cell, m) in table.header.cells.iter().zip(&b.columns) {
        if let Some(m) = m {
            label_diagnostic(cell, m, "栏目", b, out);
        }
    }
}

fn rows(
    cx: &Context,
    table: &Table,
    b: &Binding,
    rules: &TableRules,
    at: &Positions,
    out: &mut Vec<Diagnostic>,
) {
    // Duplicates: the same standard row bound twice.
    let mut seen = FxHashSet::default();
    for (row, m) in table.rows.iter().zip(&b.rows) {
        if let Some(m) = usable(m) {
            if !seen.insert(m.key) {
                out.push(diag(
                    Code::RowDuplicate,
                    row.range.clone(),
                    format!("{}中“{}”行重复出现", table_name(b), m.label),
                ));
            }
        }
    }
    // The statistical table varied by province and its national row list
    // was not retrieved (report-formats.md §3.1): no missing-row rule there.
    if b.format.id == FormatId::Stat2014 {
        return;
    }
    let newline = if table.header.range.end < cx.text.len()
        && cx.text[table.header.range.end..].starts_with("\r\n")
    {
        "\r\n"
    } else {
        "\n"
    };
    for (k, std_row) in b.table.rows.iter().enumerate() {
        if std_row.group || at.row(rules, k).is_some() {
            continue;
        }
        // Insert before the next standard row that is present, else after
        // the last row of the table.
        let next = (k + 1..b.table.rows.len()).find_map(|j| at.row(rules, j));
        let row_text = crate::template::row_markup(b.table, std_row, "");
        let row_text = row_text.trim_end_matches('\n');
        let (at, insert) = match (next, table.rows.last()) {
            (Some(i), _) => (table.rows[i].range.start, format!("{row_text}{newline}")),
            (None, Some(last)) => (last.range.end, format!("{newline}{row_text}")),
            (None, None) => (table.header.range.end, format!("{newline}{row_text}")),
        };
        out.push(
            diag(
                Code::RowMissing,
                table.header.range.clone(),
                format!("{}缺少标准行“{}”", table_name(b), std_row.label),
            )
            .fix(format!("插入“{}”行", std_row.label), at..at, insert),
        );
    }
}

fn shape(table: &Table, b: Option<(&Binding, &TableRules)>, out: &mut Vec<Diagnostic>) {
    let width = table.header.cells.len();
    for (i, row) in table.rows.iter().enumerate() {
        let n = row.cells.len();
        // A group row (三、本年度办理结果) may be written as its label alone.
        let group = b
            .and_then(|(b, rules)| {
                usable(&b.rows[i]).map(|m| &b.table.rows[rules.row_first[m.index]])
            })
            .is_some_and(|r| r.group);
        if n != width && !(group && n == 1) {
            let mut d = diag(
                Code::ColumnCount,
                row.range.clone(),
                format!("此行有 {n} 个单元格，表头有 {width} 个"),
            );
            // Outside the standard tables a ragged row is a layout slip.
            if b.is_none() {
                d.severity = crate::diagnostic::Severity::Warning;
            }
            out.push(d);
        }
    }
}

/// The (row, column) keys of a table's totals.
type Totals = FxHashSet<(&'static str, &'static str)>;

/// Cells that are the single left side of a relation: the totals.
fn total_cells(b: &Binding) -> Totals {
    b.format
        .relations_for(&b.table.id)
        .filter(|r| !r.is_cross_year() && r.lhs.len() == 1)
        .flat_map(|r| r.instances(b.table))
        .filter_map(|i| i.lhs.first().map(|t| (t.row, t.column)))
        .collect()
}

/// What a cell of a 2019 or 2021 table may say instead of 0 (besides the
/// `—`, `/`, `-` marks the grammar reads as not applicable).
const NONE_WORDS: [&str; 2] = ["无", "不适用"];

fn cells(table: &Table, b: &Binding, rules: &TableRules, out: &mut Vec<Diagnostic>) {
    let totals = &rules.totals;
    // Each header cell's standard column, looked up once for every row.
    let columns: Vec<_> = b
        .columns
        .iter()
        .map(|cm| usable(cm).map(|cm| (cm, &b.table.columns[rules.column_first[cm.index]])))
        .collect();
    // The 2019 and 2021 formats expect a figure in every data cell (0 when
    // nothing happened); the statistical table has cells that do not apply.
    let figures_only = b.format.id != formats::FormatId::Stat2014;
    for (row, m) in table.rows.iter().zip(&b.rows) {
        let Some(m) = usable(m) else { continue };
        let std_row = &b.table.rows[rules.row_first[m.index]];
        if std_row.group {
            continue;
        }
        for (col_index, column) in columns.iter().enumerate() {
            let Some((cm, column)) = column else { continue };
            let kind = column.kind_in(std_row);
            if !kind.is_numeric() {
                continue;
            }
            let Some(cell) = row.cells.get(col_index) else {
                continue;
            };
            // Only written when a finding needs it (most cells have none).
            let what = || format!("“{}”行“{}”栏", std_row.display_name(), cm.label);
            match &cell.value {
                // A blank total is 未填, never a wrong sum.
                CellValue::Blank if totals.contains(&(m.key, cm.key)) => out.push(diag(
                    Code::TableTotalBlank,
                    cell.range.clone(),
                    format!("{}（合计数）未填", what()),
                )),
                CellValue::Blank => out.push(diag(
                    Code::CellBlank,
                    cell.range.clone(),
                    format!("{}未填写；数量为零时应填 0", what()),
                )),
                CellValue::NotApplicable if figures_only => {
                    out.push(not_applicable(&what(), cell));
                }
                CellValue::Text if figures_only && NONE_WORDS.contains(&cell.text.as_str()) => {
                    out.push(not_applicable(&what(), cell));
                }
                CellValue::Text if !cell.placeholder => out.push(diag(
                    Code::CellNotNumber,
                    cell.range.clone(),
                    format!("{}应填数字，此处为“{}”", what(), cell.text),
                )),
                CellValue::Number(n) => {
                    if n.value.is_sign_negative() && !n.value.is_zero() && kind != ValueKind::Signed
                    {
                        out.push(diag(
                            Code::CellNegative,
                            cell.range.clone(),
                            format!(
                                "{}为负数 {}，{}不能为负",
                                what(),
                                n.value,
                                if kind == ValueKind::Amount {
                                    "金额"
                                } else {
                                    "件数"
                                }
                            ),
                        ));
                    }
                    // A figure without decimals has no fraction (`fract` computes it).
                    if n.value.scale() != 0
                        && n.value.fract() != Decimal::ZERO
                        && matches!(kind, ValueKind::Count | ValueKind::Signed)
                    {
                        out.push(diag(
                            Code::CellFraction,
                            cell.range.clone(),
                            format!("{}为 {}，件数应为整数", what(), n.value),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
}

/// `cell-not-applicable`: "/", "—", "无" where the format wants 0.
fn not_applicable(what: &str, cell: &Cell) -> Diagnostic {
    diag(
        Code::CellNotApplicable,
        cell.range.clone(),
        format!(
            "{what}写的是“{}”；格式要求每格填数字，没有发生时填 0",
            cell.text
        ),
    )
    .fix("填 0", cell.range.clone(), "0")
}

/// A term's cell value: `Ok(Some(v))` a figure, `Ok(None)` blank, `Err(())`
/// not usable (text, approximate, or the row/column is missing).
fn value(cell: Option<&Cell>) -> Result<Option<Decimal>, ()> {
    match cell.map(|c| &c.value) {
        Some(CellValue::Number(n)) if !n.approx => Ok(Some(n.value)),
        Some(CellValue::Blank) => Ok(None),
        Some(CellValue::NotApplicable) => Ok(Some(Decimal::ZERO)),
        _ => Err(()),
    }
}

fn relations(
    table: &Table,
    b: &Binding,
    of_table: &TableRules,
    at: &Positions,
    out: &mut Vec<Diagnostic>,
) {
    let totals = &of_table.totals;
    let mut terms = Vec::new();
    for ((rel, instances), places) in of_table.judged.iter().zip(&of_table.terms) {
        'instance: for (inst, places) in instances.iter().zip(places) {
            terms.clear();
            let mut places = places.iter();
            for (side, list) in [(0, &inst.lhs), (1, &inst.rhs)] {
                for t in list.iter() {
                    let place = *places.next().expect("a place for every term");
                    let cell = at.cell(table, place);
                    let Ok(v) = value(cell) else {
                        continue 'instance;
                    };
                    terms.push((side, t, cell.expect("a usable value has a cell"), v));
                }
            }
            // A blank total is reported as 未填 (cells()), so no relation
            // through it is judged.
            if terms
                .iter()
                .any(|(_, t, _, v)| v.is_none() && totals.contains(&(t.row, t.column)))
            {
                continue;
            }
            let side_sum = |side: usize| -> Decimal {
                terms
                    .iter()
                    .filter(|(s, ..)| *s == side)
                    .map(|(_, t, _, v)| {
                        let v = v.unwrap_or_default();
                        if t.negate {
                            -v
                        } else {
                            v
                        }
                    })
                    .sum()
            };
            let (lhs, rhs) = (side_sum(0), side_sum(1));
            if rel.op.holds(lhs, rhs) {
                continue;
            }
            out.push(relation_diagnostic(rel, b, &terms, lhs, rhs));
        }
    }
}

fn cell_name(b: &Binding, row: &str, column: &str) -> String {
    let r = b.table.row(row).map_or(row, |r| r.display_name());
    let c = b.table.column(column).map_or(column, |c| c.label.as_str());
    format!("“{r}”行“{c}”栏")
}

fn relation_diagnostic(
    rel: &formats::Relation,
    b: &Binding,
    terms: &[(usize, &formats::CellTerm, &Cell, Option<Decimal>)],
    lhs: Decimal,
    rhs: Decimal,
) -> Diagnostic {
    // Terms are named by what varies along the relation: row names for a
    // column sum, column labels for a row sum. Zero terms are summarised.
    let term_name = |t: &formats::CellTerm| -> String {
        match rel.per {
            formats::Per::Row => b
                .table
                .column(t.column)
                .map_or(t.column, |c| c.label.as_str())
                .to_string(),
            formats::Per::Column => b
                .table
                .row(t.row)
                .map_or(t.row, |r| r.display_name())
                .to_string(),
            formats::Per::Cell => cell_name(b, t.row, t.column),
        }
    };
    let describe = |side: usize| -> String {
        let all: Vec<_> = terms.iter().filter(|(s, ..)| *s == side).collect();
        let shown: Vec<String> = all
            .iter()
            .filter(|(.., v)| all.len() <= 3 || v.is_some_and(|v| !v.is_zero()))
            .map(|(_, t, _, v)| {
                format!(
                    "{}{} {}",
                    if t.negate { "−" } else { "" },
                    term_name(t),
                    v.unwrap_or_default()
                )
            })
            .collect();
        match (shown.len(), all.len()) {
            (0, _) => "各项均为 0".to_string(),
            (s, a) if s < a => format!("{}（其余各项为 0）", shown.join(" + ")),
            _ => shown.join(" + "),
        }
    };
    // Where the finding points: the single left-hand cell (a total), else the
    // last right-hand cell (四、结转下年度 in 一+二 = (七)+四).
    let lhs_count = terms.iter().filter(|(s, ..)| *s == 0).count();
    let (primary, target, fixed) = if lhs_count == 1 {
        let (_, t, cell, _) = &terms[0];
        (*cell, *t, rhs)
    } else {
        let (_, t, cell, v) = terms.last().expect("a relation has terms");
        let v = v.unwrap_or_default();
        (*cell, *t, lhs - (rhs - v))
    };
    let code = match rel.op {
        Op::Eq => Code::TableSum,
        _ => Code::TableBound,
    };
    let along = match rel.per {
        formats::Per::Column => {
            let c = b
                .table
                .column(target.column)
                .map_or(target.column, |c| c.label.as_str());
            format!("（“{c}”栏）")
        }
        formats::Per::Row => {
            let r = b
                .table
                .row(target.row)
                .map_or(target.row, |r| r.display_name());
            format!("（“{r}”行）")
        }
        formats::Per::Cell => String::new(),
    };
    let side = |s: usize, sum: Decimal| -> String {
        if terms.iter().filter(|(x, ..)| *x == s).count() == 1 {
            describe(s)
        } else {
            format!("{}，合计 {sum}", describe(s))
        }
    };
    let message = format!(
        "{}{along}：{}；{}；相差 {}。依据：{}",
        rel.message,
        side(0, lhs),
        side(1, rhs),
        (lhs - rhs).abs(),
        rel.basis
    );
    let mut d = diag(code, primary.range.clone(), message);
    d.severity = rel.severity;
    if code == Code::TableSum {
        d.severity = d.severity.max(Severity::Warning);
    }
    for (_, t, cell, v) in terms {
        if !std::ptr::eq(*cell, primary) {
            d = d.related(
                cell.range.clone(),
                format!(
                    "{} = {}",
                    cell_name(b, t.row, t.column),
                    v.unwrap_or_default()
                ),
            );
        }
    }
    if rel.op == Op::Eq && fixed >= Decimal::ZERO {
        d = d.fix(
            format!("改为 {fixed}"),
            primary.range.clone(),
            fixed.to_string(),
        );
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The positions looked up by standard index are [`Binding::position`] and
    /// [`Binding::row_position`] of the keys, the first standard row or column
    /// with a key is [`formats::Table::row`] / [`formats::Table::column`], and
    /// the terms' places are their keys' places: on every standard table of
    /// the examples, the fixtures and the folders in NIANBAO_MODEL_CORPUS.
    #[test]
    fn positions_are_the_bindings() {
        let mut compared = 0;
        for path in crate::test_corpus("fixtures") {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let report = crate::model::build(&crate::syntax::parse(&text), &text);
            let cx = Context::new(&text, &report);
            for (table, b) in report.tables.iter().zip(&cx.bindings) {
                let Some(b) = b else { continue };
                let rules = TableRules::of(b);
                let at = Positions::of(b, &rules);
                for (k, row) in b.table.rows.iter().enumerate() {
                    assert!(std::ptr::eq(
                        b.table.row(&row.key).unwrap(),
                        &b.table.rows[rules.row_first[k]]
                    ));
                    assert_eq!(at.row(&rules, k), b.row_position(&row.key));
                    for (c, column) in b.table.columns.iter().enumerate() {
                        assert!(std::ptr::eq(
                            b.table.column(&column.key).unwrap(),
                            &b.table.columns[rules.column_first[c]]
                        ));
                        let place = (Some(rules.row_first[k]), Some(rules.column_first[c]));
                        let expected = b.cell(table, &row.key, &column.key);
                        assert_eq!(
                            at.cell(table, place).map(std::ptr::from_ref),
                            expected.map(std::ptr::from_ref)
                        );
                        compared += 1;
                    }
                }
                for ((_, instances), places) in rules.judged.iter().zip(&rules.terms) {
                    assert_eq!(instances.len(), places.len());
                    for (inst, places) in instances.iter().zip(places) {
                        let terms: Vec<_> = inst.lhs.iter().chain(&inst.rhs).collect();
                        assert_eq!(terms.len(), places.len());
                        for (t, &place) in terms.iter().zip(places) {
                            assert_eq!(
                                at.cell(table, place).map(std::ptr::from_ref),
                                b.cell(table, t.row, t.column).map(std::ptr::from_ref),
                                "{} / {}",
                                t.row,
                                t.column
                            );
                        }
                    }
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    /// A key found again is found at its first place; a key on its own at its own.
    #[test]
    fn first_of_key_finds_the_first() {
        assert_eq!(
            first_of_key(["a", "b", "a", "c", "b"].into_iter()),
            [0, 1, 0, 3, 1]
        );
        assert_eq!(
            first_of_key(std::iter::empty::<&str>()),
            Vec::<usize>::new()
        );
    }
}
