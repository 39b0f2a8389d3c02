//! `hierarchy-sum` and `hierarchy-missing`: a report that aggregates its
//! subordinate units (a county's summary of its departments and townships)
//! names them in front matter (`下级: [甲镇人民政府, 乙镇人民政府]`); in a
//! folder check each count of its 表三, 表四 and 表二 is compared with the
//! sum over the subordinates' reports of the same year in the same folder
//! (paired like `carry-over`: same folder, 机关 without blanks).

use rust_decimal::Decimal;

use super::cross_report::{file_name, FolderReport};
use super::facts::{AggregateTable, SummedTable};
use super::{diag, Code};
use crate::diagnostic::{Diagnostic, RelatedElsewhere};
use crate::semantic::FormatId;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Adds the hierarchy findings of each report to `out` (same order as
/// `reports`).
pub fn check(reports: &[FolderReport], out: &mut [Vec<Diagnostic>]) {
    for (i, agg) in reports.iter().enumerate() {
        let others: Vec<&FolderReport> = reports
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != i)
            .map(|(_, r)| r)
            .collect();
        out[i].extend(check_one(agg, &others));
    }
}

/// The hierarchy findings of `agg` among the other reports of the run
/// (`others`, in the order of their paths).
pub fn check_one(agg: &FolderReport, others: &[&FolderReport]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let declared = &agg.facts.subordinates;
    if declared.is_empty() {
        return out;
    }
    let Some(year) = agg.facts.year else {
        return out;
    };
    let dir = agg.path.parent();
    let format = agg.facts.format;
    let mut summed: Vec<(&str, &FolderReport)> = Vec::new();
    let mut complete = true;
    for (name, range) in declared {
        let key = squeeze(name);
        let same_unit: Vec<&FolderReport> = others
            .iter()
            .filter(|r| r.path.parent() == dir && r.facts.organ.as_deref() == Some(key.as_str()))
            .copied()
            .collect();
        let this_year = same_unit.iter().find(|r| r.facts.year == Some(year));
        match this_year {
            Some(r) if r.facts.format == format => summed.push((name.as_str(), r)),
            Some(r) => {
                complete = false;
                out.push(diag(
                    Code::HierarchyMissing,
                    range.clone(),
                    format!(
                        "下级“{name}”的{year}年度报告（{}）用的是{}，本报告用的是{}：不参加求和",
                        file_name(r.path),
                        r.facts.format.map_or("未知格式", FormatId::describe),
                        format.map_or("未知格式", FormatId::describe),
                    ),
                ));
            }
            None => {
                complete = false;
                let others: Vec<String> = same_unit
                    .iter()
                    .map(|r| {
                        format!(
                            "{}（{}年度）",
                            file_name(r.path),
                            r.facts.year.map_or("?".to_string(), |y| y.to_string())
                        )
                    })
                    .collect();
                let message = if others.is_empty() {
                    format!("文件夹中没有下级“{name}”的{year}年度报告（按“机关”匹配）")
                } else {
                    format!(
                        "文件夹中下级“{name}”只有其他年度的报告：{}；{year}年度的报告不在，不参加求和",
                        others.join("、")
                    )
                };
                out.push(diag(Code::HierarchyMissing, range.clone(), message));
            }
        }
    }
    if !summed.is_empty() {
        sums(agg, &summed, complete, &mut out);
    }
    out
}

/// Compares each count of the aggregate's 表二/表三/表四 with the sum over
/// the subordinates. With every subordinate summed the two must be equal;
/// with some missing the aggregate can only be larger or equal.
fn sums(
    agg: &FolderReport,
    subs: &[(&str, &FolderReport)],
    complete: bool,
    out: &mut Vec<Diagnostic>,
) {
    for AggregateTable { id, cells } in &agg.facts.aggregate {
        let sub_tables: Vec<Option<&SummedTable>> =
            subs.iter().map(|(_, r)| r.facts.summed(id)).collect();
        if sub_tables.iter().any(Option::is_none) {
            continue;
        }
        for cell in cells {
            let mut total = Decimal::ZERO;
            let mut parts = Vec::new();
            let mut usable_all = true;
            let mut elsewhere = Vec::new();
            for ((name, r), t) in subs.iter().zip(&sub_tables) {
                let st = t.expect("checked above");
                match st.figure(cell.row, cell.column) {
                    Some((v, at)) => {
                        total += v;
                        parts.push(format!("{name}（{}）{v}", file_name(r.path)));
                        elsewhere.push(RelatedElsewhere {
                            path: r.path.to_path_buf(),
                            range: at.range.clone(),
                            start: at.start,
                            end: at.end,
                            message: format!("下级“{name}”的这一格：{v}"),
                        });
                    }
                    None => usable_all = false,
                }
            }
            if !usable_all {
                continue;
            }
            let value = cell.value;
            let wrong = if complete {
                value != total
            } else {
                value < total
            };
            if !wrong {
                continue;
            }
            let what = format!("“{}”行“{}”栏", cell.row_name, cell.column_label);
            let message = if complete {
                format!(
                    "{what}应等于下级报告之和：本报告 {value}；下级之和 {total}（{}）；相差 {}",
                    parts.join(" + "),
                    (value - total).abs()
                )
            } else {
                format!(
                    "{what}小于已有下级报告之和：本报告 {value}；已有的下级之和 {total}（{}），还有下级的报告不在文件夹中",
                    parts.join(" + ")
                )
            };
            let mut d = diag(Code::HierarchySum, cell.range.clone(), message);
            d.elsewhere = elsewhere;
            if complete {
                d = d.fix(
                    format!("改为下级之和 {total}"),
                    cell.range.clone(),
                    total.to_string(),
                );
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_folder, FolderReport};
    use crate::check::{check_text, Config};
    use std::path::Path;

    fn report(organ: &str, subs: &str, upheld: u32) -> String {
        format!(
            "---\n机关: {organ}\n年度: 2023\n{subs}---\n\n\
             | 复议诉讼情况 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n\
             | --- | ---: | ---: | ---: | ---: | ---: |\n\
             | 行政复议 | {upheld} | 0 | 0 | 0 | {upheld} |\n\
             | 行政诉讼（未经复议直接起诉） | 0 | 0 | 0 | 0 | 0 |\n\
             | 行政诉讼（复议后起诉） | 0 | 0 | 0 | 0 | 0 |\n"
        )
    }

    #[test]
    fn aggregate_equals_the_sum_and_the_fix_makes_it_so() {
        let agg = report("某县人民政府", "下级: 甲镇、乙镇\n", 4);
        let a = report("甲镇", "", 1);
        let b = report("乙镇", "", 2);
        let checked: Vec<_> = [&agg, &a, &b]
            .iter()
            .map(|t| check_text(t, &Config::default()).facts(t))
            .collect();
        let paths = ["d/县.nianbao", "d/甲镇.nianbao", "d/乙镇.nianbao"];
        let reports: Vec<_> = checked
            .iter()
            .zip(paths)
            .map(|(c, p)| FolderReport {
                path: Path::new(p),
                facts: c,
            })
            .collect();
        let found = check_folder(&reports);
        let codes: Vec<_> = found[0].iter().map(|d| d.code).collect();
        assert_eq!(codes, ["hierarchy-sum", "hierarchy-sum"], "{:?}", found[0]);
        assert!(
            found[0][0].message.contains("下级之和 3"),
            "{}",
            found[0][0].message
        );
        assert!(found[1].is_empty() && found[2].is_empty());
        // Apply both fixes: nothing left.
        let mut fixed = agg.clone();
        let mut edits: Vec<_> = found[0]
            .iter()
            .flat_map(|d| d.fix.clone().unwrap().edits)
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits {
            fixed.replace_range(e.range, &e.new_text);
        }
        let c = check_text(&fixed, &Config::default()).facts(&fixed);
        let reports = [
            FolderReport {
                path: Path::new(paths[0]),
                facts: &c,
            },
            FolderReport {
                path: Path::new(paths[1]),
                facts: &checked[1],
            },
            FolderReport {
                path: Path::new(paths[2]),
                facts: &checked[2],
            },
        ];
        assert!(check_folder(&reports)[0].is_empty());
        // In another folder the subordinates are missing.
        let reports = [
            FolderReport {
                path: Path::new("x/县.nianbao"),
                facts: &checked[0],
            },
            FolderReport {
                path: Path::new(paths[1]),
                facts: &checked[1],
            },
            FolderReport {
                path: Path::new(paths[2]),
                facts: &checked[2],
            },
        ];
        let codes: Vec<_> = check_folder(&reports)[0].iter().map(|d| d.code).collect();
        assert_eq!(codes, ["hierarchy-missing", "hierarchy-missing"]);
    }

    #[test]
    fn subordinates_are_read_with_their_ranges() {
        let text = "---\n年度: 2023\n下级: [甲镇人民政府, “乙镇”，丙 街道]\n---\n";
        let c = check_text(text, &Config::default());
        let subs = c.report.front.subordinates();
        let names: Vec<_> = subs.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["甲镇人民政府", "乙镇", "丙 街道"]);
        for (n, r) in &subs {
            assert_eq!(&text[r.clone()], n);
        }
    }
}
