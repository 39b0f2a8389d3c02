//! `carry-over` and `in-force-continuity`: the relations of the formats that
//! compare a report with the previous year's report of the same 机关 in the
//! same folder (`prev:` terms in the data: X-1 上年结转 = 上年结转下年度,
//! X-2 现行有效件数 continuity, …).

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::formats::{self, Op};
use crate::model::{CellValue, Report, Table};
use crate::semantic::bind::Binding;

/// One report of a folder, as the rules across reports see it.
pub struct FolderReport<'a> {
    pub path: &'a Path,
    pub report: &'a Report,
    /// For each table of the report, the standard table it is bound to.
    pub bindings: &'a [Option<Binding>],
}

/// Diagnostics for each report (same order as `reports`). Reports are paired
/// when they are in the same folder, name the same 机关 and their 年度 differ
/// by one.
pub fn check_years(reports: &[FolderReport]) -> Vec<Vec<Diagnostic>> {
    let mut out: Vec<Vec<Diagnostic>> = reports.iter().map(|_| Vec::new()).collect();
    for (i, p) in pairs(reports) {
        compare(&reports[i], &reports[p], &mut out[i]);
    }
    out
}

/// The year pairs of a folder: (a report, the previous year's report of the
/// same 机关 in the same folder), as indices into `reports`. `carry-over`,
/// `in-force-continuity` and `narrative-copied` compare these pairs.
pub(crate) fn pairs(reports: &[FolderReport]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let key = |r: &FolderReport| -> Option<(std::path::PathBuf, String, i32)> {
        let front = &r.report.front;
        let organ: String = front
            .organ()?
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        Some((r.path.parent()?.to_path_buf(), organ, front.year()?))
    };
    let mut by_key: HashMap<(std::path::PathBuf, String, i32), usize> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(k) = key(r) {
            by_key.entry(k).or_insert(i);
        }
    }
    for (i, r) in reports.iter().enumerate() {
        let Some((dir, organ, year)) = key(r) else {
            continue;
        };
        let Some(&p) = by_key.get(&(dir, organ, year - 1)) else {
            continue;
        };
        out.push((i, p));
    }
    out
}

/// The bound table with this id, and its binding.
pub(super) fn find<'c>(r: &FolderReport<'c>, id: &str) -> Option<(&'c Table, &'c Binding)> {
    r.report
        .tables
        .iter()
        .zip(r.bindings)
        .find_map(|(t, b)| b.as_ref().filter(|b| b.table.id == id).map(|b| (t, b)))
}

/// A report's file name, as messages name it.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn figure(
    table: &Table,
    b: &Binding,
    row: &str,
    column: &str,
) -> Option<(Decimal, std::ops::Range<usize>)> {
    let cell = b.cell(table, row, column)?;
    match &cell.value {
        CellValue::Number(n) if !n.approx => Some((n.value, cell.range.clone())),
        _ => None,
    }
}

fn compare(this: &FolderReport, prev: &FolderReport, out: &mut Vec<Diagnostic>) {
    let prev_name = file_name(prev.path);
    let prev_year = prev.report.front.year().unwrap_or_default();
    for (table, b) in this.report.tables.iter().zip(this.bindings) {
        let Some(b) = b else { continue };
        let Some((prev_table, prev_b)) = find(prev, &b.table.id) else {
            continue;
        };
        for rel in b
            .format
            .relations_for(&b.table.id)
            .filter(|r| r.is_cross_year())
        {
            'instance: for inst in rel.instances(b.table) {
                let mut sides = [Decimal::ZERO, Decimal::ZERO];
                let mut primary = None;
                let mut parts = Vec::new();
                for (side, terms) in [(0, &inst.lhs), (1, &inst.rhs)] {
                    for t in terms.iter() {
                        let (source_table, source_b) = if t.prev {
                            (prev_table, prev_b)
                        } else {
                            (table, b)
                        };
                        let Some((v, range)) = figure(source_table, source_b, t.row, t.column)
                        else {
                            continue 'instance;
                        };
                        let v = if t.negate { -v } else { v };
                        sides[side] += v;
                        // Name what varies along the relation: columns of a row relation.
                        let name = match rel.per {
                            formats::Per::Row => b
                                .table
                                .column(t.column)
                                .map_or(t.column, |c| c.label.as_str()),
                            _ => b.table.row(t.row).map_or(t.row, |r| r.display_name()),
                        };
                        if t.prev {
                            parts.push(format!("{prev_year}年报告（{prev_name}）“{name}” {v}"));
                        } else {
                            if primary.is_none() && side == 0 {
                                primary = Some((range, t.column));
                            }
                            parts.push(format!("本年“{name}” {v}"));
                        }
                    }
                }
                let Some((range, column)) = primary else {
                    continue;
                };
                if rel.op == Op::Approx && sides[0] == sides[1]
                    || rel.op != Op::Approx && rel.op.holds(sides[0], sides[1])
                {
                    continue;
                }
                let code = if rel.op == Op::Eq {
                    Code::CarryOver
                } else {
                    Code::InForceContinuity
                };
                let column = b.table.column(column).map_or(column, |c| c.label.as_str());
                let mut d = diag(
                    code,
                    range.clone(),
                    format!(
                        "{}（“{column}”栏）：{}；相差 {}。依据：{}",
                        rel.message,
                        parts.join("，"),
                        (sides[0] - sides[1]).abs(),
                        rel.basis
                    ),
                );
                d.severity = rel.severity;
                if rel.op == Op::Eq && inst.lhs.len() == 1 {
                    let fixed = sides[1];
                    d = d.fix(format!("改为上年报告的 {fixed}"), range, fixed.to_string());
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_text, Config};
    use crate::formats::FormatId;
    use crate::template::table_markup;

    fn report(year: i32, carried: &str, carry_next: &str) -> String {
        let f = formats::format(FormatId::Gov2021);
        let t3 = table_markup(f.table("t3").unwrap(), "0")
            .replace("| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", &format!("| 二、上年结转政府信息公开申请数量 | {carried} | 0 | 0 | 0 | 0 | 0 | {carried} |"))
            .replace("| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", &format!("| 四、结转下年度继续办理 | {carry_next} | 0 | 0 | 0 | 0 | 0 | {carry_next} |"));
        format!("---\n机关: 某县人民政府\n年度: {year}\n---\n\n{t3}")
    }

    #[test]
    fn carry_over_must_match_last_years_carry_next() {
        let a = report(2022, "0", "3");
        let b = report(2023, "2", "0");
        let ca = check_text(&a, &Config::default());
        let cb = check_text(&b, &Config::default());
        let reports = [
            ca.folder_report(Path::new("d/2022.nianbao")),
            cb.folder_report(Path::new("d/2023.nianbao")),
        ];
        let found = check_years(&reports);
        assert!(found[0].is_empty());
        let codes: Vec<_> = found[1].iter().map(|d| d.code).collect();
        assert_eq!(codes, ["carry-over", "carry-over"], "{:?}", found[1]);
        assert!(
            found[1][0].message.contains("相差 1"),
            "{}",
            found[1][0].message
        );

        // Consistent years, or another 机关, or a gap: nothing.
        let c = report(2023, "3", "0");
        let cc = check_text(&c, &Config::default());
        let ok = [
            ca.folder_report(Path::new("d/2022.nianbao")),
            cc.folder_report(Path::new("d/2023.nianbao")),
        ];
        assert!(check_years(&ok).iter().all(Vec::is_empty));
        let other_folder = [
            ca.folder_report(Path::new("x/2022.nianbao")),
            cb.folder_report(Path::new("d/2023.nianbao")),
        ];
        assert!(check_years(&other_folder).iter().all(Vec::is_empty));
    }
}
