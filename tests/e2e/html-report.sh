#!/usr/bin/env bash
# The bulk HTML report (`nianbao check --format html`, docs/review.md) in a real browser: headless Chromium
# loads the page from the examples, the DOM after its script ran is checked — clicking a header sorts the
# table (both directions), `#sort=` sorts on load, the chart has one bar per rule hit — and a screenshot is
# saved to tests/e2e/out/html-report.png.
#
#   NIANBAO_BIN   the program to test (default: debug/nianbao in cargo's target directory, built if missing)
#   CHROMIUM      the browser (default: chromium)
set -euo pipefail
. "$(dirname "$0")/browser-page.sh" html-report
mkdir "$work/reports"
cp "$root"/examples/*.nianbao "$work/reports/"
cd "$work"
"$NIANBAO_BIN" check reports --format html -o report.html || [ $? -eq 1 ]
"$NIANBAO_BIN" check reports --format json > report.json || [ $? -eq 1 ]
for view in "click=errors" "click=errors,errors" "sort=path-desc" "click=year"; do
  browser --dump-dom "file://$work/report.html#$view" > "dom-${view//[=,]/_}.html"
done
browser --window-size=1280,1400 --screenshot="$out/html-report.png" "file://$work/report.html"

python3 - "$work" <<'PY'
import json, re, sys, html
work = sys.argv[1]
report = json.load(open(f"{work}/report.json"))
files = report["files"]
def errors(f): return sum(d["severity"] == "error" for d in f["diagnostics"])
def dom(view): return open(f"{work}/dom-{view}.html", encoding="utf-8").read()
def order(page):
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r'<tr data-i="(\d+)">(.*?)</tr>', body, re.S)
    return [(int(i), [html.unescape(re.sub("<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]) for i, r in rows]
problems = []
def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond: problems.append(what)

first = order(dom("click_errors"))
check(len(first) == len(files), f"{len(files)} rows in the table")
errs = [int(c[3]) for _, c in first]
check(errs == sorted(errs, reverse=True) and len(set(errs)) > 1, f"one click on 错误 sorts descending: {errs}")
again = [int(c[3]) for _, c in order(dom("click_errors_errors"))]
check(again == sorted(again), f"a second click sorts ascending: {again}")
check('aria-sort="ascending"' in dom("click_errors_errors"), "the header shows the direction")
paths = [c[0] for _, c in order(dom("sort_path-desc"))]
check(paths == sorted(paths, reverse=True), f"#sort=path-desc: {paths}")
years = [int(c[2]) for _, c in order(dom("click_year"))]
check(years == sorted(years, reverse=True), f"click on 年度 sorts the years: {years}")
page = dom("click_errors")
rules = {d["code"] for f in files for d in f["diagnostics"]}
bars = re.findall(r'<rect class="bar" data-rule="([^"]+)"', page)
check(sorted(bars) == sorted(rules), f"one bar per rule hit: {len(bars)} bars, {len(rules)} rules")
check(not re.search(r'(src|href)="https?://', page.split("<h2>各报告的问题</h2>")[0]), "no external resources")
check('<a href="stats.html">' in page, "a link to the peer-benchmark page made next to it (nianbao stats)")
sys.exit(1 if problems else 0)
PY
echo "html-report: screenshot $out/html-report.png"
