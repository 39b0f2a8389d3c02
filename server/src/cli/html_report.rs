//! `nianbao check --format html -o report.html`: one standalone page (no
//! external resources) for people: a sortable table of the reports (errors,
//! warnings, rules hit, deadline), the findings per rule as an inline SVG
//! bar chart, and each report's findings with their lines.
//!
//! The table sorts when a header is clicked; `#sort=KEY-asc|desc` in the
//! address sorts on load, `#click=KEY,KEY…` clicks those headers on load
//! (both used by the browser test, `tests/e2e/html-report.sh`).

use std::collections::BTreeMap;
use std::path::Path;

use super::output::CheckedFile;
use nianbao_core::baseline::Status;
use nianbao_core::diagnostic::{Diagnostic, Severity};
use nianbao_core::position::{Encoding, LineIndex};

use nianbao_render::escape;

/// A front-matter value (`键: 值` in the block opened by `---` on the first line).
fn front_value(text: &str, key: &str) -> Option<String> {
    let mut lines = text.trim_start_matches('\u{FEFF}').lines();
    if lines.next()?.trim() != "---" {
        return None;
    }
    for line in lines {
        let line = line.trim();
        if line == "---" {
            break;
        }
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        let rest = rest.trim_start();
        if let Some(v) = rest.strip_prefix([':', '：']) {
            let v = v.trim();
            return (!v.is_empty()).then(|| v.to_string());
        }
    }
    None
}

fn display_path(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn file_url(path: &Path) -> Option<String> {
    if path.as_os_str() == "-" {
        return None;
    }
    let abs = nianbao_core::baseline::absolute(path);
    let mut url = String::from("file://");
    for c in abs.to_string_lossy().replace('\\', "/").chars() {
        match c {
            ' ' => url.push_str("%20"),
            '#' => url.push_str("%23"),
            '?' => url.push_str("%3F"),
            '%' => url.push_str("%25"),
            c => url.push(c),
        }
    }
    Some(url)
}

struct Row<'a> {
    index: usize,
    file: &'a CheckedFile,
    organ: String,
    year: String,
    counts: [usize; 4],
    reviewed: usize,
    rules: BTreeMap<&'static str, usize>,
    deadline: (&'static str, &'static str),
}

const STYLE: &str = r#"
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; vertical-align: top; }
#reports th { cursor: pointer; background: #f0f0f0; user-select: none; white-space: nowrap; }
#reports th[aria-sort="ascending"]::after { content: " ▲"; }
#reports th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.error { color: #b00020; } .warning { color: #a15c00; } .info { color: #0b5394; } .hint { color: #555; }
.late { color: #b00020; font-weight: bold; } .ok { color: #2e7d32; } .unknown { color: #777; }
.reviewed td { color: #777; }
.summary span { margin-right: 1.5em; }
svg text { font-size: 12px; font-family: inherit; }
svg .bar { fill: #4a78b5; }
code { font-size: 0.95em; }
.findings td:nth-child(-n+3), .findings th { white-space: nowrap; }
"#;

const SCRIPT: &str = r#"
(function () {
  var table = document.getElementById('reports');
  if (!table) return;
  var heads = table.tHead.rows[0].cells;
  function value(row, i) {
    var cell = row.cells[i];
    return cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
  }
  function sortBy(th, dir) {
    var i = th.cellIndex, numeric = th.getAttribute('data-type') === 'num';
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, i), y = value(b, i);
      var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, 'zh-Hans-CN');
      if (c === 0) c = parseInt(a.getAttribute('data-i'), 10) - parseInt(b.getAttribute('data-i'), 10);
      return dir === 'asc' ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var k = 0; k < heads.length; k++) heads[k].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
  }
  for (var k = 0; k < heads.length; k++) {
    heads[k].addEventListener('click', function (e) {
      var th = e.currentTarget;
      var dir = th.getAttribute('aria-sort') === 'descending' ? 'asc'
        : th.getAttribute('aria-sort') === 'ascending' ? 'desc'
        : (th.getAttribute('data-type') === 'num' ? 'desc' : 'asc');
      sortBy(th, dir);
    });
  }
  var m = /^#sort=([a-z-]+)-(asc|desc)$/.exec(location.hash);
  if (m) {
    var th = table.querySelector('th[data-key="' + m[1] + '"]');
    if (th) sortBy(th, m[2]);
  }
  var c = /^#click=([a-z,-]+)$/.exec(location.hash);
  if (c) c[1].split(',').forEach(function (k) {
    var th = table.querySelector('th[data-key="' + k + '"]');
    if (th) th.click();
  });
})();
"#;

fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
        Severity::Hint => 3,
    }
}

/// The inline SVG bar chart: one `rect.bar` per rule hit.
pub fn chart(by_rule: &[(&str, usize)]) -> String {
    let max = by_rule.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let (label_w, bar_w, row_h) = (190.0, 420.0, 22.0);
    let height = row_h * by_rule.len() as f64 + 10.0;
    let mut svg = format!(
        r#"<svg id="chart" xmlns="http://www.w3.org/2000/svg" width="{}" height="{height}" role="img" aria-label="各规则的问题数">"#,
        label_w + bar_w + 60.0
    );
    for (i, (code, n)) in by_rule.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let w = (bar_w * *n as f64 / max as f64).max(1.0);
        svg.push_str(&format!(
            r#"<g><text x="{x}" y="{ty}" text-anchor="end">{code}</text><rect class="bar" data-rule="{code}" data-count="{n}" x="{label_w}" y="{y}" width="{w:.1}" height="{h}"><title>{code}：{n}</title></rect><text x="{cx:.1}" y="{ty}">{n}</text></g>"#,
            x = label_w - 6.0,
            ty = y + row_h * 0.65,
            code = escape(code),
            h = row_h - 6.0,
            cx = label_w + w + 4.0,
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn finding_row(
    f: &CheckedFile,
    index: &LineIndex,
    d: &Diagnostic,
    review: Option<Status>,
) -> String {
    let (l, c) = index.position(&f.text, d.range.start, Encoding::Chars);
    let class = if review.is_some() {
        " class=\"reviewed\""
    } else {
        ""
    };
    format!(
        "<tr{class}><td class=\"num\">{}:{}</td><td class=\"{}\">{}</td><td><a href=\"{}\"><code>{}</code></a></td><td>{}</td><td>{}</td></tr>\n",
        l + 1,
        c + 1,
        d.severity.as_str(),
        d.severity.label(),
        escape(&nianbao_core::rules::doc_url(d.code.as_str())),
        escape(d.code.as_str()),
        escape(&d.message),
        review.map_or(String::new(), |s| format!("已复核：{}", s.label())),
    )
}

/// The whole page: the new findings of each file in `results`, the reviewed
/// ones (same order as `results`), and the number of stale baseline entries.
pub fn page(
    results: &[CheckedFile],
    reviewed: &[Vec<(&Diagnostic, Status)>],
    stale: usize,
) -> String {
    let mut rows: Vec<Row> = results
        .iter()
        .enumerate()
        .map(|(index, file)| {
            let mut counts = [0; 4];
            let mut rules = BTreeMap::new();
            for d in &file.diagnostics {
                counts[severity_index(d.severity)] += 1;
                *rules.entry(d.code.as_str()).or_default() += 1;
            }
            let reviewed = &reviewed[index];
            let codes = || {
                file.diagnostics
                    .iter()
                    .map(|d| d.code)
                    .chain(reviewed.iter().map(|(d, _)| d.code))
            };
            let deadline = if codes().any(|c| c == "deadline") {
                ("逾期", "late")
            } else if codes().any(|c| c == "publish-date-missing")
                || front_value(&file.text, "发布日期").is_none()
            {
                ("未知", "unknown")
            } else {
                ("按期", "ok")
            };
            Row {
                index,
                file,
                organ: front_value(&file.text, "机关").unwrap_or_default(),
                year: front_value(&file.text, "年度").unwrap_or_default(),
                counts,
                reviewed: reviewed.len(),
                rules,
                deadline,
            }
        })
        .collect();
    // Worst first.
    rows.sort_by(|a, b| {
        (b.counts[0], b.counts[1], a.index).cmp(&(a.counts[0], a.counts[1], b.index))
    });
    let mut all: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        for (code, n) in &r.rules {
            *all.entry(code).or_default() += n;
        }
    }
    let mut by_rule: Vec<(&str, usize)> = all.into_iter().collect();
    by_rule.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total = |i: usize| rows.iter().map(|r| r.counts[i]).sum::<usize>();
    let reviewed_total: usize = rows.iter().map(|r| r.reviewed).sum();

    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>nianbao 检查报告</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>政府信息公开工作年度报告检查结果</h1>\n");
    out.push_str(&format!(
        "<p class=\"summary\"><span>报告 <b id=\"n-files\">{}</b> 份</span><span class=\"error\">错误 <b>{}</b></span><span class=\"warning\">警告 <b>{}</b></span><span class=\"info\">提示 <b>{}</b></span><span class=\"hint\">建议 <b>{}</b></span><span>已复核 <b>{reviewed_total}</b></span><span>过期的基线条目 <b>{}</b></span></p>\n",
        rows.len(),
        total(0),
        total(1),
        total(2),
        total(3),
        stale,
    ));
    // The peer benchmarks of the same reports, when made next to this page (docs/export.md).
    out.push_str("<p class=\"stats-link\">派生指标与同类比较（四分位数、排名、预警名单、趋势）：<a href=\"stats.html\">stats.html</a>——在本页旁边用 <code>nianbao stats 路径 --format html -o stats.html</code> 生成。</p>\n");
    out.push_str("<h2>各报告</h2>\n<p>点击表头排序。</p>\n<table id=\"reports\">\n<thead><tr>");
    for (key, label, kind) in [
        ("path", "报告", "text"),
        ("organ", "机关", "text"),
        ("year", "年度", "num"),
        ("errors", "错误", "num"),
        ("warnings", "警告", "num"),
        ("infos", "提示", "num"),
        ("reviewed", "已复核", "num"),
        ("rules", "命中规则", "num"),
        ("deadline", "发布期限", "text"),
    ] {
        out.push_str(&format!(
            "<th data-key=\"{key}\" data-type=\"{kind}\">{label}</th>"
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &rows {
        let rules = r
            .rules
            .iter()
            .map(|(c, n)| format!("{c}×{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!(
            "<tr data-i=\"{}\"><td><a href=\"#file-{}\">{}</a></td><td>{}</td><td class=\"num\" data-v=\"{}\">{}</td><td class=\"num error\">{}</td><td class=\"num warning\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td data-v=\"{}\" title=\"{}\">{}</td><td class=\"{}\">{}</td></tr>\n",
            r.index,
            r.index,
            escape(&display_path(&r.file.path)),
            escape(&r.organ),
            r.year.parse::<i32>().unwrap_or(0),
            escape(&r.year),
            r.counts[0],
            r.counts[1],
            r.counts[2],
            r.reviewed,
            r.rules.len(),
            escape(&rules),
            if rules.is_empty() { "—".to_string() } else { escape(&rules) },
            r.deadline.1,
            r.deadline.0,
        ));
    }
    out.push_str("</tbody>\n</table>\n<h2>各规则的问题数</h2>\n");
    if by_rule.is_empty() {
        out.push_str("<p>没有问题。</p>\n");
    } else {
        out.push_str(&chart(&by_rule));
        out.push('\n');
    }
    out.push_str("<h2>各报告的问题</h2>\n");
    for (index, file) in results.iter().enumerate() {
        let name = display_path(&file.path);
        let link = file_url(&file.path).map_or(escape(&name), |u| {
            format!("<a href=\"{}\">{}</a>", escape(&u), escape(&name))
        });
        out.push_str(&format!("<section id=\"file-{index}\">\n<h3>{link}</h3>\n"));
        let reviewed = &reviewed[index];
        if file.diagnostics.is_empty() && reviewed.is_empty() {
            out.push_str("<p class=\"ok\">没有问题。</p>\n</section>\n");
            continue;
        }
        let line_index = LineIndex::new(&file.text);
        out.push_str("<table class=\"findings\">\n<thead><tr><th>行:列</th><th>级别</th><th>规则</th><th>说明</th><th>复核</th></tr></thead>\n<tbody>\n");
        let mut all: Vec<(&Diagnostic, Option<Status>)> =
            file.diagnostics.iter().map(|d| (d, None)).collect();
        all.extend(reviewed.iter().map(|(d, s)| (*d, Some(*s))));
        all.sort_by_key(|(d, _)| d.range.start);
        for (d, status) in all {
            out.push_str(&finding_row(file, &line_index, d, status));
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    out.push_str(&format!(
        "<p class=\"hint\">nianbao {} 生成。</p>\n<script>",
        env!("CARGO_PKG_VERSION")
    ));
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bar_per_rule() {
        let svg = chart(&[("table-sum", 3), ("deadline", 1)]);
        assert_eq!(svg.matches("class=\"bar\"").count(), 2);
        assert!(svg.contains("data-rule=\"deadline\""));
    }

    #[test]
    fn front_values() {
        let t = "---\n机关：某县人民政府\n年度: 2023\n---\n机关: 不算\n";
        assert_eq!(front_value(t, "机关").as_deref(), Some("某县人民政府"));
        assert_eq!(front_value(t, "年度").as_deref(), Some("2023"));
        assert_eq!(front_value(t, "发布日期"), None);
        assert_eq!(escape("<a&\"'>"), "&lt;a&amp;&quot;&#39;&gt;");
    }
}
