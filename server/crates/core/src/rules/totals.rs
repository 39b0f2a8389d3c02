//! `table-subtotal`, and `table-total-blank` for tables that match no
//! standard table: a row or column labelled 合计 / 总计 / 小计 / 共计 must be
//! the sum of the rows above it (since the previous 小计) or of the columns
//! before it.

use rust_decimal::Decimal;

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::{Cell, CellValue, Row, Table};
use crate::semantic::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TotalKind {
    /// 小计: the rows since the previous 小计.
    Sub,
    /// 合计 / 总计 / 共计: every row above (or the 小计 rows, if any).
    Grand,
}

fn total_kind(label: &str) -> Option<TotalKind> {
    let l: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let l = l.trim_start_matches(|c: char| !matches!(c, '合' | '总' | '小' | '共' | '總'));
    match l {
        "小计" | "小計" => Some(TotalKind::Sub),
        "合计" | "总计" | "共计" | "合計" | "總計" | "共計" | "总数" | "合计数" => {
            Some(TotalKind::Grand)
        }
        _ => None,
    }
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (i, table) in cx.report.tables.iter().enumerate() {
        if cx.is_standard_table(i) {
            continue;
        }
        column_totals(table, out);
        row_totals(table, out);
    }
}

/// A figure usable in a sum: exact number, or blank / not applicable as 0.
/// `None` when the cell holds text or an approximate figure.
fn addend(cell: Option<&Cell>) -> Option<Decimal> {
    match cell.map(|c| &c.value) {
        None | Some(CellValue::Blank | CellValue::NotApplicable) => Some(Decimal::ZERO),
        Some(CellValue::Number(n)) if !n.approx => Some(n.value),
        _ => None,
    }
}

fn report(out: &mut Vec<Diagnostic>, total: &Cell, parts: &[&Cell], what: &str) {
    let Some(CellValue::Number(n)) = Some(&total.value) else {
        if total.is_blank()
            && parts
                .iter()
                .any(|c| c.number().is_some_and(|n| !n.value.is_zero()))
        {
            out.push(diag(
                Code::TableTotalBlank,
                total.range.clone(),
                format!("{what}未填"),
            ));
        }
        return;
    };
    if n.approx {
        return;
    }
    let Some(values) = parts
        .iter()
        .map(|c| addend(Some(c)))
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    let sum: Decimal = values.iter().sum();
    if sum == n.value {
        return;
    }
    let mut d = diag(
        Code::TableSubtotal,
        total.range.clone(),
        format!(
            "{what}为 {}，但各项之和为 {sum}（相差 {}）",
            n.value,
            (n.value - sum).abs()
        ),
    )
    .fix(format!("改为 {sum}"), total.range.clone(), sum.to_string());
    for c in parts {
        d = d.related(c.range.clone(), format!("分项 {}", c.text));
    }
    out.push(d);
}

fn column_totals(table: &Table, out: &mut Vec<Diagnostic>) {
    let mut since_sub: Vec<&Row> = Vec::new();
    let mut all: Vec<&Row> = Vec::new();
    let mut subs: Vec<&Row> = Vec::new();
    for row in &table.rows {
        match total_kind(row.label()) {
            Some(kind) => {
                let parts: Vec<&Row> = match kind {
                    TotalKind::Sub => std::mem::take(&mut since_sub),
                    TotalKind::Grand if !subs.is_empty() => subs.clone(),
                    TotalKind::Grand => all.clone(),
                };
                if parts.is_empty() {
                    continue;
                }
                for col in 1..row.cells.len() {
                    let cells: Vec<&Cell> = parts.iter().filter_map(|r| r.cells.get(col)).collect();
                    if cells.iter().all(|c| c.number().is_none()) {
                        continue;
                    }
                    let header = table.header.cells.get(col).map_or("", |c| c.text.as_str());
                    report(
                        out,
                        &row.cells[col],
                        &cells,
                        &format!("{}“{}”列的{}", row.label(), header, "合计"),
                    );
                }
                if kind == TotalKind::Sub {
                    subs.push(row);
                }
            }
            None => {
                since_sub.push(row);
                all.push(row);
            }
        }
    }
}

fn row_totals(table: &Table, out: &mut Vec<Diagnostic>) {
    let Some(last) = table.header.cells.len().checked_sub(1) else {
        return;
    };
    if last < 2 || total_kind(&table.header.cells[last].text).is_none() {
        return;
    }
    let rows: Vec<&Row> = table
        .rows
        .iter()
        .filter(|r| r.cells.len() > last && total_kind(r.label()).is_none())
        .filter(|r| r.cells[1..last].iter().all(|c| c.value != CellValue::Text))
        .collect();
    // Which columns the 合计 adds up: all of them, or (in tables such as
    // 收到申请 | 予以公开 | 部分公开 | 不予公开 | 合计) only the last few. Take the
    // run of columns before 合计 that most rows agree on.
    let holds = |r: &Row, from: usize| {
        let sum: Option<Decimal> = r.cells[from..last].iter().map(|c| addend(Some(c))).sum();
        sum.is_some() && r.cells[last].decimal() == sum
    };
    let from = (1..last - 1)
        .max_by_key(|&from| {
            (
                rows.iter().filter(|r| holds(r, from)).count(),
                std::cmp::Reverse(from),
            )
        })
        .unwrap_or(1);
    for row in rows {
        let parts: Vec<&Cell> = row.cells[from..last].iter().collect();
        report(
            out,
            &row.cells[last],
            &parts,
            &format!("“{}”行的合计", row.label()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::{check_text, Config};

    fn found(text: &str) -> Vec<(String, String)> {
        check_text(text, &Config::default())
            .diagnostics
            .into_iter()
            .filter(|d| matches!(d.code.as_str(), "table-subtotal" | "table-total-blank"))
            .map(|d| (d.code.to_string(), d.message))
            .collect()
    }

    #[test]
    fn column_total_rows() {
        let t = "| 项目 | 数量 |\n| --- | ---: |\n| 甲 | 3 |\n| 乙 | 4 |\n| 合计 | 8 |\n";
        let f = found(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("各项之和为 7"));
        assert!(found(&t.replace("| 8 |", "| 7 |")).is_empty());
    }

    #[test]
    fn subtotals_then_grand_total() {
        let t = "| 项目 | 数量 |\n| --- | --- |\n| 甲 | 1 |\n| 乙 | 2 |\n| 小计 | 3 |\n| 丙 | 4 |\n| 小计 | 4 |\n| 总计 | 7 |\n";
        assert!(found(t).is_empty(), "{:?}", found(t));
        assert_eq!(found(&t.replace("| 总计 | 7 |", "| 总计 | 10 |")).len(), 1);
    }

    #[test]
    fn row_total_column() {
        let t = "| 类别 | 上半年 | 下半年 | 合计 |\n| --- | --- | --- | --- |\n| 申请 | 1 | 2 | 4 |\n| 答复 | 1 | — | 1 |\n";
        let f = found(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("“申请”行"));
    }

    #[test]
    fn blank_total_is_not_a_wrong_sum() {
        let t = "| 项目 | 数量 |\n| --- | --- |\n| 甲 | 3 |\n| 合计 | |\n";
        let f = found(t);
        assert_eq!(
            f,
            vec![(
                "table-total-blank".to_string(),
                "合计“数量”列的合计未填".to_string()
            )]
        );
    }
}
