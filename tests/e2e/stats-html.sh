#!/usr/bin/env bash
# The peer-benchmark page (`nianbao stats --format html`, docs/export.md) in a real browser: headless Chromium
# loads the page made from a generated corpus (several years of the same bodies) and the examples, and the DOM
# it renders is checked against `nianbao stats --format json`: one box plot per group and indicator with values,
# one trend chart per indicator with a line per body, every body outside the fences drawn red and listed on the
# early-warning list, no external resources. A screenshot is saved to tests/e2e/out/stats.png.
#
#   NIANBAO_BIN   the program to test (default: debug/nianbao in cargo's target directory, built if missing)
#   CHROMIUM      the browser (default: chromium)
set -euo pipefail
. "$(dirname "$0")/browser-page.sh" stats-html
"$NIANBAO_BIN" generate --count 120 --seed 5 -o "$work/reports" 2>/dev/null
cp "$root"/examples/*.nianbao "$work/reports/"
cd "$work"
"$NIANBAO_BIN" stats reports --format html -o stats.html
"$NIANBAO_BIN" stats reports --format json > stats.json
browser --dump-dom "file://$work/stats.html" > dom.html
browser --window-size=1280,1600 --screenshot="$out/stats.png" "file://$work/stats.html"

python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
stats = json.load(open(f"{work}/stats.json"))
dom = open(f"{work}/dom.html", encoding="utf-8").read()
problems = []
def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond: problems.append(what)

boxes = re.findall(r'<svg class="boxplot" data-group="([^"]*)" data-indicator="([^"]+)"', dom)
want = [(g["label"], i["key"]) for g in stats["groups"] for i in g["indicators"] if i["n"] > 0]
check(len(boxes) == len(want) > 20, f"one box plot per group and indicator with values: {len(boxes)} drawn, {len(want)} expected")
check([k for _, k in boxes] == [k for _, k in want], "box plots in the order of the groups and the dictionary")
trends = re.findall(r'<svg class="trend" data-indicator="([^"]+)"', dom)
keys = {line["key"] for t in stats["trends"] for line in t["indicators"]}
check(len(trends) == len(keys) > 0, f"one trend chart per indicator with a trend: {len(trends)} drawn, {len(keys)} expected")
lines = len(re.findall(r'<polyline class="trend-line"', dom))
want_lines = sum(len(t["indicators"]) for t in stats["trends"])
check(lines == want_lines > 0, f"one line per body and indicator: {lines} drawn, {want_lines} expected")
outliers = len(re.findall(r'<circle class="outlier"', dom))
check(outliers == len(stats["warnings"]), f"every body outside the fences drawn red: {outliers} dots, {len(stats['warnings'])} warnings")
rows = len(re.findall(r'<tr class="warning"', dom))
check(rows == len(stats["warnings"]), f"the early-warning list has {rows} rows")
check(not re.search(r'(src|href)="https?://', dom) and "<script" not in dom, "no external resources, no script")
sys.exit(1 if problems else 0)
PY
echo "stats-html: screenshot $out/stats.png"
