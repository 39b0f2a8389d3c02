//! Peer benchmarks: reports grouped by year and 机关类型 (and any further front-matter key asked for, such as
//! 地区), and for each indicator of the dictionary the group's quartiles (P25, P50, P75; linear interpolation
//! between order statistics, as numpy's default, DuckDB's `quantile_cont` and Excel's `PERCENTILE.INC`), each
//! body's rank, and the bodies outside Tukey's fences (Q1 − 1.5·IQR, Q3 + 1.5·IQR): the early-warning list.
//! Per body, each indicator over the years present.
//!
//! Only a few numbers per report are kept ([`Collector`]), never the reports.

use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use crate::extract::{Extracted, Meta};
use crate::indicators::{self, dictionary};

/// Fewer values than this in a group: quartiles are given, but nobody is flagged.
pub const MIN_PEERS: usize = 5;

/// Tukey's multiplier of the interquartile range.
pub const FENCE: f64 = 1.5;

/// Collects the indicator values of the reports, one at a time.
#[derive(Default)]
pub struct Collector {
    reports: Vec<(Meta, Vec<Option<f64>>)>,
}

impl Collector {
    pub fn add(&mut self, report: &Extracted) {
        let values = indicators::evaluate(report)
            .into_iter()
            .map(|v| v.value.and_then(|d| d.to_f64()))
            .collect();
        self.reports.push((report.meta.clone(), values));
    }

    pub fn len(&self) -> usize {
        self.reports.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    pub fn finish(self) -> Stats {
        compute(self.reports)
    }
}

/// The quantile `p` (0…1) of sorted values: linear interpolation between the closest ranks (type 7).
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct GroupKey {
    pub year: Option<i32>,
    pub level: Option<String>,
    /// Further grouping keys (`--by`) and their values.
    pub by: Vec<(String, Option<String>)>,
}

impl GroupKey {
    /// 2023年 · 部门 · 地区=某市.
    pub fn label(&self) -> String {
        let mut parts = vec![
            self.year
                .map_or("年度不详".to_string(), |y| format!("{y}年")),
            self.level
                .clone()
                .unwrap_or_else(|| "机关类型不详".to_string()),
        ];
        for (k, v) in &self.by {
            parts.push(format!("{k}={}", v.as_deref().unwrap_or("不详")));
        }
        parts.join(" · ")
    }
}

/// One body's value of an indicator in its group.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub body: String,
    pub file: String,
    pub value: f64,
    /// 1 = the largest value of the group; equal values share a rank.
    pub rank: usize,
    /// "high" or "low" when outside the fences (groups of at least [`MIN_PEERS`]).
    pub outlier: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupIndicator {
    pub key: String,
    pub name: String,
    pub unit: String,
    /// Reports of the group with a value.
    pub n: usize,
    /// Reports of the group without one (blank, not applicable, zero denominator …).
    pub missing: usize,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    pub lower_fence: Option<f64>,
    pub upper_fence: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Largest value first.
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub key: GroupKey,
    pub label: String,
    pub reports: usize,
    pub indicators: Vec<GroupIndicator>,
}

/// A body outside its group's fences.
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    pub group: String,
    pub body: String,
    pub file: String,
    pub indicator: String,
    pub name: String,
    pub unit: String,
    pub value: f64,
    /// "high" (above the upper fence) or "low".
    pub side: &'static str,
    /// The fence crossed.
    pub fence: f64,
    pub median: f64,
    pub rank: usize,
    pub of: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendLine {
    pub key: String,
    pub name: String,
    pub unit: String,
    /// (year, value) in year order; null where the report had no value.
    pub points: Vec<(i32, Option<f64>)>,
}

/// A body over the years present.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    pub body: String,
    pub years: Vec<i32>,
    pub indicators: Vec<TrendLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub reports: usize,
    /// Linear interpolation between order statistics (type 7).
    pub quantile_method: &'static str,
    pub fence_multiplier: f64,
    pub min_peers: usize,
    pub groups: Vec<Group>,
    /// The early-warning list: every body outside its group's fences, by group and indicator.
    pub warnings: Vec<Warning>,
    /// Bodies with reports of two or more years.
    pub trends: Vec<Trend>,
}

fn body_of(meta: &Meta) -> String {
    meta.body.clone().unwrap_or_else(|| meta.file.clone())
}

fn compute(reports: Vec<(Meta, Vec<Option<f64>>)>) -> Stats {
    let dict = dictionary();
    let mut groups: BTreeMap<GroupKey, Vec<usize>> = BTreeMap::new();
    for (i, (meta, _)) in reports.iter().enumerate() {
        let key = GroupKey {
            year: meta.year,
            level: meta.level.map(str::to_string),
            by: meta.groups.clone(),
        };
        groups.entry(key).or_default().push(i);
    }
    let mut out_groups = Vec::new();
    let mut warnings = Vec::new();
    for (key, members) in groups {
        let label = key.label();
        let mut indicators = Vec::new();
        for (k, ind) in dict.iter().enumerate() {
            let mut values: Vec<(f64, &Meta)> = members
                .iter()
                .filter_map(|&i| reports[i].1[k].map(|v| (v, &reports[i].0)))
                .filter(|(v, _)| v.is_finite())
                .collect();
            values.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.file.cmp(&b.1.file)));
            let mut sorted: Vec<f64> = values.iter().map(|(v, _)| *v).collect();
            sorted.reverse();
            let (p25, p50, p75) = (
                quantile(&sorted, 0.25),
                quantile(&sorted, 0.5),
                quantile(&sorted, 0.75),
            );
            let fences = match (p25, p75) {
                (Some(q1), Some(q3)) if sorted.len() >= MIN_PEERS => {
                    let iqr = q3 - q1;
                    Some((q1 - FENCE * iqr, q3 + FENCE * iqr))
                }
                _ => None,
            };
            let mut ranked = Vec::new();
            for (pos, (v, meta)) in values.iter().enumerate() {
                // Competition ranking: equal values share the rank of the first of them.
                let rank = values[..pos].iter().take_while(|(x, _)| *x > *v).count() + 1;
                let outlier = fences.and_then(|(lo, hi)| {
                    if *v > hi {
                        Some("high")
                    } else if *v < lo {
                        Some("low")
                    } else {
                        None
                    }
                });
                if let (Some(side), Some((lo, hi)), Some(median)) = (outlier, fences, p50) {
                    warnings.push(Warning {
                        group: label.clone(),
                        body: body_of(meta),
                        file: meta.file.clone(),
                        indicator: ind.key.clone(),
                        name: ind.name.clone(),
                        unit: ind.unit.clone(),
                        value: *v,
                        side,
                        fence: if side == "high" { hi } else { lo },
                        median,
                        rank,
                        of: values.len(),
                    });
                }
                ranked.push(Member {
                    body: body_of(meta),
                    file: meta.file.clone(),
                    value: *v,
                    rank,
                    outlier,
                });
            }
            indicators.push(GroupIndicator {
                key: ind.key.clone(),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                n: values.len(),
                missing: members.len() - values.len(),
                p25,
                p50,
                p75,
                lower_fence: fences.map(|f| f.0),
                upper_fence: fences.map(|f| f.1),
                min: sorted.first().copied(),
                max: sorted.last().copied(),
                members: ranked,
            });
        }
        out_groups.push(Group {
            label,
            reports: members.len(),
            key,
            indicators,
        });
    }
    let trends = trends(&reports);
    Stats {
        reports: reports.len(),
        quantile_method: "linear (type 7)",
        fence_multiplier: FENCE,
        min_peers: MIN_PEERS,
        groups: out_groups,
        warnings,
        trends,
    }
}

fn trends(reports: &[(Meta, Vec<Option<f64>>)]) -> Vec<Trend> {
    let dict = dictionary();
    // body → year → the first report of that year
    let mut bodies: BTreeMap<&str, BTreeMap<i32, &Vec<Option<f64>>>> = BTreeMap::new();
    for (meta, values) in reports {
        if let (Some(body), Some(year)) = (meta.body.as_deref(), meta.year) {
            bodies
                .entry(body)
                .or_default()
                .entry(year)
                .or_insert(values);
        }
    }
    let mut out = Vec::new();
    for (body, years) in bodies {
        if years.len() < 2 {
            continue;
        }
        let indicators = dict
            .iter()
            .enumerate()
            .map(|(k, ind)| TrendLine {
                key: ind.key.clone(),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                points: years.iter().map(|(y, v)| (*y, v[k])).collect(),
            })
            .filter(|t| t.points.iter().filter(|(_, v)| v.is_some()).count() >= 2)
            .collect();
        out.push(Trend {
            body: body.to_string(),
            years: years.keys().copied().collect(),
            indicators,
        });
    }
    out
}

/// A figure for people: whole numbers without decimals, others with at most two.
pub fn show(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn show_opt(v: Option<f64>) -> String {
    v.map_or("—".to_string(), show)
}

/// The human format.
pub fn human(stats: &Stats) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} 份报告，{} 组（按年度、机关类型分组）。四分位数按线性插值；超出 Q1−{}×IQR 或 Q3+{}×IQR 者列入预警名单（组内有值的报告不少于 {} 份时）。",
        stats.reports,
        stats.groups.len(),
        FENCE,
        FENCE,
        MIN_PEERS
    );
    for g in &stats.groups {
        let _ = writeln!(out, "\n{}（{} 份报告）", g.label, g.reports);
        let _ = writeln!(
            out,
            "  {:<28} {:>4} {:>10} {:>10} {:>10}  超出界限",
            "指标", "有值", "P25", "P50", "P75"
        );
        for i in g.indicators.iter().filter(|i| i.n > 0) {
            let outliers: Vec<String> = i
                .members
                .iter()
                .filter(|m| m.outlier.is_some())
                .map(|m| format!("{} {}", m.body, show(m.value)))
                .collect();
            let name = format!("{}（{}）", i.name, i.unit);
            let pad = 28usize.saturating_sub(display_width(&name));
            let _ = writeln!(
                out,
                "  {name}{} {:>4} {:>10} {:>10} {:>10}  {}",
                " ".repeat(pad),
                i.n,
                show_opt(i.p25),
                show_opt(i.p50),
                show_opt(i.p75),
                if outliers.is_empty() {
                    "—".to_string()
                } else {
                    outliers.join("，")
                }
            );
        }
    }
    let _ = writeln!(out, "\n预警名单（{} 项）：", stats.warnings.len());
    if stats.warnings.is_empty() {
        let _ = writeln!(out, "  无");
    }
    for w in &stats.warnings {
        let _ = writeln!(
            out,
            "  {}  {}  {} {}{}（{}界 {}，中位数 {}；第 {}/{} 名）  {}",
            w.group,
            w.body,
            w.name,
            show(w.value),
            w.unit,
            if w.side == "high" { "上" } else { "下" },
            show(w.fence),
            show(w.median),
            w.rank,
            w.of,
            w.file
        );
    }
    if !stats.trends.is_empty() {
        let _ = writeln!(out, "\n各机关的趋势（有两个以上年度的报告）：");
        for t in &stats.trends {
            let _ = writeln!(out, "  {}", t.body);
            for line in &t.indicators {
                let points: Vec<String> = line
                    .points
                    .iter()
                    .map(|(y, v)| format!("{y} {}", show_opt(*v)))
                    .collect();
                let _ = writeln!(out, "    {}：{}", line.name, points.join(" → "));
            }
        }
    }
    out
}

fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_linearly() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.25), Some(1.75));
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert_eq!(quantile(&v, 0.75), Some(3.25));
        assert_eq!(quantile(&[7.0], 0.75), Some(7.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(show(57.0), "57");
        assert_eq!(show(96.4912), "96.49");
        assert_eq!(show(0.5), "0.5");
    }
}
