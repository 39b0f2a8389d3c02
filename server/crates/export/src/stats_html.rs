//! `nianbao stats --format html`: one standalone page (no external resources, no script): the early-warning
//! list, per group a box plot of each indicator (inline SVG: the box from P25 to P75, the median, whiskers to the
//! last values inside the fences, every body a dot, bodies outside the fences red and named) with a table of the
//! bodies' values and ranks, and per indicator the trend of each body over the years (one line per body).

use std::collections::BTreeMap;
use std::fmt::Write;

use nianbao_render::escape;

use crate::stats::{show, Group, GroupIndicator, Stats};

const PALETTE: [&str; 8] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
];

const STYLE: &str = "
body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif; margin: 2em; color: #222; max-width: 1200px; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td.high, td.low { background: #fde2e1; font-weight: bold; }
.warnings th, .warnings td { text-align: left; }
figure { display: inline-block; margin: 0.4em 1em 0.8em 0; vertical-align: top; }
figcaption { font-size: 0.85em; color: #444; }
svg text { font-size: 10px; fill: #555; }
.box { fill: #dbe9f6; stroke: #1f77b4; } .median { stroke: #d62728; stroke-width: 2; }
.whisker { stroke: #1f77b4; } .point { fill: #1f77b4; opacity: 0.6; } .outlier { fill: #d62728; }
.fence { stroke: #d62728; stroke-dasharray: 3 3; }
.trend-line { fill: none; stroke-width: 1.5; }
p.note { color: #555; font-size: 0.9em; }
";

/// The page.
pub fn html(stats: &Stats) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>同类机关比较：派生指标、四分位数与预警名单</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>同类机关比较</h1>\n"
    );
    let _ = writeln!(
        out,
        "<p class=\"note\">{} 份报告，按年度和机关类型分为 {} 组。箱线图：箱为 P25—P75，红线为中位数（四分位数按线性插值），须线到界限内的最值；界限为 Q1−{f}×IQR 和 Q3+{f}×IQR（组内有值的报告不少于 {} 份时才判断），界限外的机关标红并列入预警名单。排名：1 为组内最大值。指标定义见 docs/indicators.md。</p>",
        stats.reports,
        stats.groups.len(),
        stats.min_peers,
        f = show(stats.fence_multiplier),
    );
    warnings(&mut out, stats);
    for (gi, g) in stats.groups.iter().enumerate() {
        group(&mut out, gi, g);
    }
    trends(&mut out, stats);
    out.push_str("</body>\n</html>\n");
    out
}

fn warnings(out: &mut String, stats: &Stats) {
    let _ = writeln!(
        out,
        "<h2 id=\"warnings\">预警名单（{} 项）</h2>",
        stats.warnings.len()
    );
    if stats.warnings.is_empty() {
        out.push_str("<p>没有机关超出所在组的界限。</p>\n");
        return;
    }
    out.push_str("<table class=\"warnings\"><thead><tr><th>组</th><th>机关</th><th>指标</th><th>值</th><th>界限</th><th>中位数</th><th>排名</th><th>文件</th></tr></thead><tbody>\n");
    for w in &stats.warnings {
        let _ = writeln!(
            out,
            "<tr class=\"warning\" data-body=\"{}\" data-indicator=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}{}</td><td>{}{}</td><td>{}</td><td>{}/{}</td><td>{}</td></tr>",
            escape(&w.body),
            escape(&w.indicator),
            escape(&w.group),
            escape(&w.body),
            escape(&w.name),
            w.side,
            show(w.value),
            escape(&w.unit),
            if w.side == "high" { "上界 " } else { "下界 " },
            show(w.fence),
            show(w.median),
            w.rank,
            w.of,
            escape(&w.file)
        );
    }
    out.push_str("</tbody></table>\n");
}

fn group(out: &mut String, gi: usize, g: &Group) {
    let _ = writeln!(
        out,
        "<section class=\"group\" id=\"group-{gi}\">\n<h2>{}（{} 份报告）</h2>",
        escape(&g.label),
        g.reports
    );
    for ind in g.indicators.iter().filter(|i| i.n > 0) {
        let _ = writeln!(
            out,
            "<figure><figcaption>{}（{}）：{} 份有值，P25 {} · P50 {} · P75 {}</figcaption>",
            escape(&ind.name),
            escape(&ind.unit),
            ind.n,
            opt(ind.p25),
            opt(ind.p50),
            opt(ind.p75)
        );
        boxplot(out, &g.label, ind);
        out.push_str("</figure>\n");
    }
    ranks(out, g);
    out.push_str("</section>\n");
}

fn opt(v: Option<f64>) -> String {
    v.map_or("—".to_string(), show)
}

const BOX_W: f64 = 520.0;
const BOX_H: f64 = 70.0;
const PAD: f64 = 20.0;

fn boxplot(out: &mut String, group: &str, ind: &GroupIndicator) {
    let (Some(min), Some(max), Some(q1), Some(q2), Some(q3)) =
        (ind.min, ind.max, ind.p25, ind.p50, ind.p75)
    else {
        return;
    };
    let (lo, hi) = if max > min {
        (min, max)
    } else {
        (min - 1.0, max + 1.0)
    };
    let x = |v: f64| PAD + (v - lo) / (hi - lo) * (BOX_W - 2.0 * PAD);
    let mid = 30.0;
    let _ = writeln!(
        out,
        "<svg class=\"boxplot\" data-group=\"{}\" data-indicator=\"{}\" width=\"{BOX_W}\" height=\"{BOX_H}\" viewBox=\"0 0 {BOX_W} {BOX_H}\" role=\"img\" aria-label=\"{}的箱线图\">",
        escape(group),
        escape(&ind.key),
        escape(&ind.name)
    );
    // Whiskers to the last values inside the fences.
    let inside: Vec<f64> = ind
        .members
        .iter()
        .filter(|m| m.outlier.is_none())
        .map(|m| m.value)
        .collect();
    let w_lo = inside.iter().copied().fold(f64::INFINITY, f64::min);
    let w_hi = inside.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if w_lo.is_finite() && w_hi.is_finite() {
        let _ = writeln!(
            out,
            "<line class=\"whisker\" x1=\"{:.1}\" y1=\"{mid}\" x2=\"{:.1}\" y2=\"{mid}\"/>",
            x(w_lo),
            x(w_hi)
        );
    }
    let _ = writeln!(
        out,
        "<rect class=\"box\" x=\"{:.1}\" y=\"{}\" width=\"{:.1}\" height=\"20\"/>",
        x(q1),
        mid - 10.0,
        (x(q3) - x(q1)).max(1.0)
    );
    let _ = writeln!(
        out,
        "<line class=\"median\" x1=\"{:.1}\" y1=\"{}\" x2=\"{:.1}\" y2=\"{}\"/>",
        x(q2),
        mid - 12.0,
        x(q2),
        mid + 12.0
    );
    for f in [ind.lower_fence, ind.upper_fence].into_iter().flatten() {
        if f >= lo && f <= hi {
            let _ = writeln!(
                out,
                "<line class=\"fence\" x1=\"{:.1}\" y1=\"8\" x2=\"{:.1}\" y2=\"52\"/>",
                x(f),
                x(f)
            );
        }
    }
    for (i, m) in ind.members.iter().enumerate() {
        // A small deterministic jitter keeps equal values visible.
        let y = mid + ((i % 5) as f64 - 2.0) * 3.0;
        let class = if m.outlier.is_some() {
            "outlier"
        } else {
            "point"
        };
        let _ = writeln!(
            out,
            "<circle class=\"{class}\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"3\"><title>{} {}{}（第 {} 名）</title></circle>",
            x(m.value),
            escape(&m.body),
            show(m.value),
            escape(&ind.unit),
            m.rank
        );
        if m.outlier.is_some() {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x(m.value),
                mid - 14.0,
                escape(&m.body)
            );
        }
    }
    let _ = writeln!(
        out,
        "<text x=\"{PAD}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n</svg>",
        BOX_H - 4.0,
        show(min),
        BOX_W - PAD,
        BOX_H - 4.0,
        show(max)
    );
}

/// The bodies of a group, their value and rank for each indicator.
fn ranks(out: &mut String, g: &Group) {
    let shown: Vec<&GroupIndicator> = g.indicators.iter().filter(|i| i.n > 0).collect();
    if shown.is_empty() {
        return;
    }
    let mut bodies: BTreeMap<(&str, &str), Vec<Option<RankCell>>> = BTreeMap::new();
    for (k, ind) in shown.iter().enumerate() {
        for m in &ind.members {
            let row = bodies
                .entry((m.body.as_str(), m.file.as_str()))
                .or_insert_with(|| vec![None; shown.len()]);
            row[k] = Some((m.value, m.rank, m.outlier));
        }
    }
    out.push_str("<table class=\"ranks\"><thead><tr><th>机关（值／排名）</th>");
    for ind in &shown {
        let _ = write!(
            out,
            "<th>{}（{}）</th>",
            escape(&ind.name),
            escape(&ind.unit)
        );
    }
    out.push_str("</tr></thead><tbody>\n");
    for ((body, file), row) in bodies {
        let _ = write!(
            out,
            "<tr><td title=\"{}\">{}</td>",
            escape(file),
            escape(body)
        );
        for cell in row {
            match cell {
                Some((v, rank, outlier)) => {
                    let _ = write!(
                        out,
                        "<td class=\"{}\">{} ／ {}</td>",
                        outlier.unwrap_or(""),
                        show(v),
                        rank
                    );
                }
                None => out.push_str("<td>—</td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// A body's value, rank and side outside the fences.
type RankCell<'a> = (f64, usize, Option<&'a str>);

/// A body's points (year, value) for one indicator.
type BodyLine<'a> = (&'a str, Vec<(i32, f64)>);

const TREND_W: f64 = 560.0;
const TREND_H: f64 = 220.0;

fn trends(out: &mut String, stats: &Stats) {
    if stats.trends.is_empty() {
        return;
    }
    out.push_str("<h2 id=\"trends\">各机关的趋势</h2>\n");
    // indicator key → (name, unit, [(body, points)])
    let mut by_indicator: BTreeMap<&str, (&str, &str, Vec<BodyLine>)> = BTreeMap::new();
    let order: Vec<&str> = crate::indicators::dictionary()
        .iter()
        .map(|i| i.key.as_str())
        .collect();
    for t in &stats.trends {
        for line in &t.indicators {
            let points: Vec<(i32, f64)> = line
                .points
                .iter()
                .filter_map(|(y, v)| v.map(|v| (*y, v)))
                .collect();
            by_indicator
                .entry(line.key.as_str())
                .or_insert((line.name.as_str(), line.unit.as_str(), Vec::new()))
                .2
                .push((t.body.as_str(), points));
        }
    }
    for key in order {
        let Some((name, unit, lines)) = by_indicator.get(key) else {
            continue;
        };
        let all = lines.iter().flat_map(|(_, p)| p.iter());
        let (mut y0, mut y1, mut x0, mut x1) =
            (f64::INFINITY, f64::NEG_INFINITY, i32::MAX, i32::MIN);
        for (year, v) in all {
            y0 = y0.min(*v);
            y1 = y1.max(*v);
            x0 = x0.min(*year);
            x1 = x1.max(*year);
        }
        if y1 <= y0 {
            y1 = y0 + 1.0;
        }
        if x1 <= x0 {
            x1 = x0 + 1;
        }
        let (left, right, top, bottom) = (50.0, 20.0, 15.0, 30.0);
        let x =
            |year: i32| left + f64::from(year - x0) / f64::from(x1 - x0) * (TREND_W - left - right);
        let y = |v: f64| top + (1.0 - (v - y0) / (y1 - y0)) * (TREND_H - top - bottom);
        let _ = writeln!(
            out,
            "<figure><figcaption>{}（{}）</figcaption>\n<svg class=\"trend\" data-indicator=\"{}\" width=\"{TREND_W}\" height=\"{TREND_H}\" viewBox=\"0 0 {TREND_W} {TREND_H}\" role=\"img\" aria-label=\"{}的趋势\">",
            escape(name),
            escape(unit),
            escape(key),
            escape(name)
        );
        let _ = writeln!(
            out,
            "<line class=\"whisker\" x1=\"{left}\" y1=\"{b}\" x2=\"{}\" y2=\"{b}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            TREND_W - right,
            left - 4.0,
            top + 4.0,
            show(y1),
            left - 4.0,
            TREND_H - bottom,
            show(y0),
            b = TREND_H - bottom,
        );
        for year in x0..=x1 {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{year}</text>",
                x(year),
                TREND_H - 12.0
            );
        }
        out.push('\n');
        for (i, (body, points)) in lines.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            let coords: Vec<String> = points
                .iter()
                .map(|(yr, v)| format!("{:.1},{:.1}", x(*yr), y(*v)))
                .collect();
            let _ = writeln!(
                out,
                "<polyline class=\"trend-line\" data-body=\"{}\" stroke=\"{color}\" points=\"{}\"><title>{}</title></polyline>",
                escape(body),
                coords.join(" "),
                escape(body)
            );
            for (yr, v) in points {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{color}\"><title>{} {yr}：{}</title></circle>",
                    x(*yr),
                    y(*v),
                    escape(body),
                    show(*v)
                );
            }
        }
        out.push_str("</svg>\n</figure>\n");
    }
}
