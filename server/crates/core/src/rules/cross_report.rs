//! `carry-over` and `in-force-continuity`: the relations of the formats that
//! compare a report with the previous year's report of the same 机关 in the
//! same folder (`prev:` terms in the data: X-1 上年结转 = 上年结转下年度,
//! X-2 现行有效件数 continuity, …).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::facts::Facts;
use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::formats::{self, Op};

/// One report of a folder, as the rules across reports see it: its path and
/// its [`Facts`].
pub struct FolderReport<'a> {
    pub path: &'a Path,
    pub facts: &'a Facts,
}

/// What pairs reports of two years: the folder, the 机关 (without whitespace) and the 年度.
pub type FolderKey = (PathBuf, String, i32);

/// The key of a report with these facts at `path`; `None` without a 机关 or a 年度.
pub fn folder_key(path: &Path, facts: &Facts) -> Option<FolderKey> {
    Some((
        path.parent()?.to_path_buf(),
        facts.organ.clone()?,
        facts.year?,
    ))
}

/// The key of the report that one with `key` is compared with (the previous year's).
pub fn previous_key(key: &FolderKey) -> FolderKey {
    (key.0.clone(), key.1.clone(), key.2 - 1)
}

/// Diagnostics for each report (same order as `reports`). Reports are paired
/// when they are in the same folder, name the same 机关 and their 年度 differ
/// by one.
pub fn check_years(reports: &[FolderReport]) -> Vec<Vec<Diagnostic>> {
    let mut out: Vec<Vec<Diagnostic>> = reports.iter().map(|_| Vec::new()).collect();
    for (i, p) in pairs(reports) {
        out[i] = compare(&reports[i], &reports[p]);
    }
    out
}

/// The year pairs of a folder: (a report, the previous year's report of the
/// same 机关 in the same folder), as indices into `reports`; of several
/// reports with one key the first is the one compared with. `carry-over`,
/// `in-force-continuity` and `narrative-copied` compare these pairs.
pub(crate) fn pairs(reports: &[FolderReport]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut by_key: HashMap<FolderKey, usize> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(k) = folder_key(r.path, r.facts) {
            by_key.entry(k).or_insert(i);
        }
    }
    for (i, r) in reports.iter().enumerate() {
        let Some(key) = folder_key(r.path, r.facts) else {
            continue;
        };
        let Some(&p) = by_key.get(&previous_key(&key)) else {
            continue;
        };
        out.push((i, p));
    }
    out
}

/// A report's file name, as messages name it.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The `carry-over` and `in-force-continuity` findings for `this` report
/// against `prev`, the previous year's report of the same 机关 in the same folder.
pub fn compare(this: &FolderReport, prev: &FolderReport) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let prev_name = file_name(prev.path);
    let prev_year = prev.facts.year.unwrap_or_default();
    for table in &this.facts.tables {
        let b = table;
        let Some(prev_table) = prev.facts.table(&b.table.id) else {
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
                        let source = if t.prev { prev_table } else { table };
                        let Some((v, range)) = source.figure(t.row, t.column) else {
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
    out
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
        let ca = check_text(&a, &Config::default()).facts(&a);
        let cb = check_text(&b, &Config::default()).facts(&b);
        let reports = [
            FolderReport {
                path: Path::new("d/2022.nianbao"),
                facts: &ca,
            },
            FolderReport {
                path: Path::new("d/2023.nianbao"),
                facts: &cb,
            },
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
        let cc = check_text(&c, &Config::default()).facts(&c);
        let ok = [
            FolderReport {
                path: Path::new("d/2022.nianbao"),
                facts: &ca,
            },
            FolderReport {
                path: Path::new("d/2023.nianbao"),
                facts: &cc,
            },
        ];
        assert!(check_years(&ok).iter().all(Vec::is_empty));
        let other_folder = [
            FolderReport {
                path: Path::new("x/2022.nianbao"),
                facts: &ca,
            },
            FolderReport {
                path: Path::new("d/2023.nianbao"),
                facts: &cb,
            },
        ];
        assert!(check_years(&other_folder).iter().all(Vec::is_empty));
    }
}
