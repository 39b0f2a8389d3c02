#!/usr/bin/env python3
"""Accuracy of nianbao on real published reports (tests/real/).

For each `<id>.txt` (first line: its source) and its hand-verified truth `<id>.toml`
(see README.md), imports the report with `nianbao import`, checks the markup with
`nianbao check --format json`, and scores:

- recall: relations that do not hold (and can be decided from the text) with a finding on them;
- false alarms: warnings or errors on relations that hold or cannot be decided, and prose findings
  on no relation at all (a careful reader listed every relation; a finding elsewhere is unfounded);
- lost figures: figures of the report body that did not reach the markup (dropped lines that are not
  page chrome in the truth, or figures the import reports as not written).

Prints a table (the one in docs/accuracy.md) and exits 1 when a figure is worse than the committed
floor in floor.toml. Usage: accuracy.py NIANBAO_BINARY [--write-doc docs/accuracy.md] [--verbose] [--only LIST]

--only LIST scores only the reports whose ids are listed in LIST (one a line, `#` comments), e.g.
heldout.txt, the reports gathered after the rules were written, and does not compare with the floor.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Codes whose findings are about arithmetic in prose: a finding of these on no relation is unfounded.
PROSE_CODES = {
    "prose-breakdown",
    "prose-share",
    "prose-share-sum",
    "prose-rate",
    "prose-table-mismatch",
    "prose-all-done",
    "prose-change",
    "prose-section-count",
}
FAILING = {"error", "warning"}
# Which codes speak about which kind of relation.
KIND_CODES = {
    "breakdown": {"prose-breakdown", "prose-section-count", "table-sum", "table-subtotal", "table-bound"},
    "share": {"prose-share"},
    "share-sum": {"prose-share-sum"},
    "rate": {"prose-rate"},
    "prose-table": {"prose-table-mismatch", "prose-all-done"},
    "repeat": {"prose-table-mismatch", "prose-repeat"},
    "yoy": {"prose-change"},
    "table": {"table-sum", "table-subtotal", "table-bound"},
}

NUMBER = re.compile(r"[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?")
FULL = str.maketrans("０１２３４５６７８９．", "0123456789.")


def numbers(text: str) -> list[tuple[str, int, int]]:
    """(normalised value, start, end) of each figure; offsets in bytes of UTF-8."""
    out = []
    for m in NUMBER.finditer(text):
        raw = m.group(0).translate(FULL)
        value = raw.replace(",", "").replace("，", "")
        if "." in value:
            value = value.rstrip("0").rstrip(".") or "0"
        else:
            value = value.lstrip("0") or "0"
        start = len(text[: m.start()].encode())
        end = start + len(m.group(0).encode())
        out.append((value, start, end))
    return out


def squash(text: str) -> str:
    """Text without pipes, spaces, bracket width and pinyin glosses ("規(guī)范", which the import drops),
    to find a table label in a rebuilt row."""
    text = re.sub(r"[(（][a-zü\u00e0-\u01dc]+[)）]", "", text)
    return re.sub(r"[|｜\s]", "", text).replace("(", "（").replace(")", "）")


def joined_run(vals: list[str], i: int, want: list[str]) -> int | None:
    """The end of the run of `vals` from `i` that spells `want`, each wanted figure one figure or the digits of
    two or three in a row (a date the import repaired); None when there is none."""
    if not want:
        return i
    for k in (1, 2, 3):
        if i + k <= len(vals) and "".join(vals[i : i + k]) == want[0]:
            end = joined_run(vals, i + k, want[1:])
            if end is not None:
                return end
    return None


def locate(quote: str, markup: str) -> tuple[int, int] | None:
    """Byte range in the markup of the figures the quote states, found by their sequence."""
    want = [v for v, _, _ in numbers(quote)]
    # the quote as written, when the import kept it (a figure alone, "1件", is found on many lines)
    i = markup.find(quote.strip())
    if want and i >= 0:
        s = len(markup[:i].encode())
        return s, s + len(quote.strip().encode())
    if not want:
        i = markup.find(quote.strip())
        if i >= 0:
            s = len(markup[:i].encode())
            return s, s + len(quote.strip().encode())
        # a table row's label: the markup line (a rebuilt table row) that holds it
        label = squash(quote)
        offset = 0
        for line in markup.split("\n"):
            if label and label in squash(line):
                return offset, offset + len(line.encode())
            offset += len(line.encode()) + 1
        return None
    offset = 0
    best = None
    for line in markup.split("\n"):
        nums = numbers(line)
        vals = [v for v, _, _ in nums]
        for i in range(len(vals) - len(want) + 1):
            if vals[i : i + len(want)] == want:
                return offset + nums[i][1], offset + nums[i + len(want) - 1][2]
        # a date the page printed without 年/月/日 ("自201011日起20101231止"), which the import writes whole
        # ("2010年1月1日起2010年12月31日止"): one figure of the quote is two or three of the markup
        for i in range(len(vals)):
            end = joined_run(vals, i, want)
            if end is not None:
                return offset + nums[i][1], offset + nums[end - 1][2]
        if best is None:
            # the figures in order, with others between (a cell or a figure dropped by the import)
            j = 0
            first = None
            for v, s, e in nums:
                if j < len(want) and v == want[j]:
                    first = s if first is None else first
                    j += 1
                    if j == len(want):
                        best = (offset + first, offset + e)
                        break
        offset += len(line.encode()) + 1
    return best


@dataclass
class Relation:
    report: str
    kind: str
    quote: str
    holds: bool
    checkable: bool
    trap: str | None
    arithmetic: str
    region: tuple[int, int] | None = None
    findings: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)


def overlaps(finding: dict, region: tuple[int, int]) -> bool:
    ranges = [finding["range"]] + [r["range"] for r in finding.get("related", []) if "range" in r]
    return any(r["byte_start"] < region[1] and region[0] < r["byte_end"] for r in ranges)


def run(binary: str, path: Path, workdir: Path):
    raw = path.read_text(encoding="utf-8")
    body = raw.split("\n", 1)[1] if "\n" in raw else ""
    src = workdir / (path.stem + ".txt")
    src.write_text(body, encoding="utf-8")
    imp = subprocess.run([binary, "import", "-v", str(src)], capture_output=True, text=True)
    if imp.returncode not in (0, 1):
        raise SystemExit(f"{path.name}: import failed ({imp.returncode}): {imp.stderr}")
    markup = imp.stdout
    out = workdir / (path.stem + ".nianbao")
    out.write_text(markup, encoding="utf-8")
    chk = subprocess.run([binary, "check", "--format", "json", str(out)], capture_output=True, text=True)
    if chk.returncode not in (0, 1):
        raise SystemExit(f"{path.name}: check failed ({chk.returncode}): {chk.stderr}")
    findings = [d for f in json.loads(chk.stdout)["files"] for d in f["diagnostics"]]
    return body, markup, findings, imp.stderr


DROPPED = re.compile(r"^\s*第 (\d+) 行，([^：]+)：(.*)$")
# Reasons of `nianbao import` that say what a dropped line is by its own content, and whose figures reach
# the front matter: the report's title (or the first half of a title printed on two lines), the title printed
# again above it with no figure but its year, and page information (来源, 发布时间, 索引号 …; its date is the
# front matter's, or that of a page republishing the report). Matched exactly: any other reason —
# 页面导航（标题之前）, which only says where a line stood, the footer, widgets, spam, or a reason reworded —
# counts the line's figures as lost unless the truth lists the line as chrome.
EXCUSED = {
    "标题（已写入文件头）",
    "标题的重复（数字只有年度，已写入文件头）",
    "页面信息（来源、发布时间等；日期已写入文件头）",
    "页面信息（转载页面的日期，晚于公布期限一年以上，没有用作文件头的发布日期）",
}


def chrome_of(truth: dict) -> list[str]:
    """The truth's chrome lines. A `chrome = [...]` written after the `[[relation]]` entries (as most truth
    files have it) belongs, by TOML's rules, to the last relation: it is read from there too. An entry of
    `chrome_lines` is a whole line (a lone "2025年" crumb, whose text as a substring would excuse body lines):
    it is returned as "\n<line>\n" and matched against the line so framed."""
    chrome = list(truth.get("chrome", []))
    for r in truth.get("relation", []):
        chrome.extend(r.get("chrome", []))
    chrome.extend(f"\n{line.strip()}\n" for line in truth.get("chrome_lines", []))
    return chrome


def lost_figures(body: str, report_stderr: str, chrome: list[str]) -> list[str]:
    """Figures of the body that did not reach the markup: dropped lines that are not chrome, and losses."""
    lines = body.split("\n")
    lost = []
    for line in report_stderr.splitlines():
        m = DROPPED.match(line)
        if not m:
            continue
        n, reason = int(m.group(1)), m.group(2)
        src = lines[n - 1] if 0 < n <= len(lines) else ""
        if "未写入" in reason or "丢失" in reason:
            lost.append(f"第 {n} 行 {reason}：{m.group(3)[:60]}")
        elif reason in EXCUSED:
            continue
        elif not any(c and c in src or c == f"\n{src.strip()}\n" for c in chrome):
            lost.append(f"第 {n} 行 {reason}：{src.strip()[:60]}")
    return lost


def main() -> int:
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    binary = args[0]
    verbose = "--verbose" in args
    doc = args[args.index("--write-doc") + 1] if "--write-doc" in args else None
    floor = tomllib.loads((HERE / "floor.toml").read_text(encoding="utf-8"))
    only = None
    if "--only" in args:
        listing = Path(args[args.index("--only") + 1]).read_text(encoding="utf-8")
        only = {line.split("#")[0].strip() for line in listing.splitlines()} - {""}

    relations: list[Relation] = []
    unfounded: list[str] = []
    lost: list[str] = []
    reports = 0
    per_format: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for truth_path in sorted(HERE.glob("*.toml")):
            if truth_path.name == "floor.toml":
                continue
            if only is not None and truth_path.stem not in only:
                continue
            txt = truth_path.with_suffix(".txt")
            truth = tomllib.loads(truth_path.read_text(encoding="utf-8"))
            body, markup, findings, stderr = run(binary, txt, Path(tmp))
            reports += 1
            per_format[truth.get("format", "?")] = per_format.get(truth.get("format", "?"), 0) + 1
            mine = []
            for r in truth.get("relation", []):
                rel = Relation(
                    report=txt.stem,
                    kind=r["kind"],
                    quote=r["quote"],
                    holds=bool(r["holds"]),
                    checkable=bool(r.get("checkable", True)),
                    trap=r.get("trap"),
                    arithmetic=r.get("arithmetic", ""),
                )
                rel.region = locate(rel.quote, markup)
                if rel.region:
                    codes = KIND_CODES.get(rel.kind, set())
                    rel.findings = [
                        f
                        for f in findings
                        if f["severity"] in FAILING and f["code"] in codes and overlaps(f, rel.region)
                    ]
                    rel.notes = [
                        f
                        for f in findings
                        if f["severity"] not in FAILING and f["code"] in codes and overlaps(f, rel.region)
                    ]
                mine.append(rel)
            relations.extend(mine)
            for f in findings:
                if f["code"] in PROSE_CODES and f["severity"] in FAILING:
                    if not any(
                        r.region and f["code"] in KIND_CODES.get(r.kind, set()) and overlaps(f, r.region)
                        for r in mine
                    ):
                        line = f["range"]["start"]["line"]
                        unfounded.append(f"{txt.stem}:{line} {f['code']}: {f['message']}")
            lost.extend(f"{txt.stem}: {x}" for x in lost_figures(body, stderr, chrome_of(truth)))

    # A finding that speaks about a relation that fails is not an alarm on a sound neighbour it overlaps.
    for r in relations:
        if r.holds or not r.checkable:
            r.findings = [
                f
                for f in r.findings
                if not any(
                    d.report == r.report and not d.holds and any(f is g for g in d.findings) for d in relations
                )
            ]
    defects = [r for r in relations if not r.holds and r.checkable]
    sound = [r for r in relations if r.holds or not r.checkable]
    found = [r for r in defects if r.findings]
    alarms = [r for r in sound if r.findings]
    unlocated = [r for r in relations if r.region is None]
    recall = len(found) / len(defects) if defects else 1.0
    false_alarms = len(alarms) + len(unfounded)

    rows = [
        ("reports", str(reports)),
        ("formats", ", ".join(f"{k} {v}" for k, v in sorted(per_format.items()))),
        ("relations checked by hand", str(len(relations))),
        ("  that do not hold (defects)", str(len(defects))),
        ("  that hold or cannot be decided", str(len(sound))),
        ("defects found (recall)", f"{len(found)} / {len(defects)} = {recall:.0%}"),
        ("  missed, but noted (info)", str(sum(1 for r in defects if not r.findings and r.notes))),
        ("false alarms on sound relations", str(len(alarms))),
        ("  notes (info) on sound relations", str(sum(1 for r in sound if not r.findings and r.notes))),
        ("prose findings on no relation", str(len(unfounded))),
        ("relations not located in the markup", str(len(unlocated))),
        ("body figures lost on import", str(len(lost))),
    ]
    kinds = sorted({r.kind for r in relations})
    by_kind = [
        (
            k,
            sum(1 for r in defects if r.kind == k),
            sum(1 for r in found if r.kind == k),
            sum(1 for r in sound if r.kind == k),
            sum(1 for r in alarms if r.kind == k),
        )
        for k in kinds
    ]
    table = "| measure | value |\n| --- | --- |\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)
    kind_table = "| kind | defects | found | sound | false alarms |\n| --- | ---: | ---: | ---: | ---: |\n" + "".join(
        f"| {k} | {d} | {f} | {s} | {a} |\n" for k, d, f, s, a in by_kind
    )
    print(table)
    print(kind_table)
    for r in defects:
        if not r.findings and (verbose or True):
            print(f"missed   {r.report} [{r.kind}] {r.quote[:50]} ({r.arithmetic})")
    for r in sound:
        if verbose and not r.findings and r.notes:
            print(f"noted    {r.report} [{r.kind}] {r.quote[:50]} ← {r.notes[0]['message'][:80]}")
    for r in alarms:
        codes = ", ".join(sorted({f["code"] for f in r.findings}))
        print(f"alarm    {r.report} [{r.kind}] {r.quote[:50]} ← {codes}: {r.findings[0]['message'][:80]}")
    for u in unfounded:
        print(f"unfounded {u[:160]}")
    for r in unlocated:
        print(f"unlocated {r.report} [{r.kind}] {r.quote[:50]}")
    for x in lost:
        print(f"lost     {x}")

    if doc:
        path = Path(doc)
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        begin, end = "<!-- accuracy:begin -->", "<!-- accuracy:end -->"
        block = f"{begin}\n{table}\n{kind_table}{end}"
        if begin in text:
            text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
        else:
            text += "\n" + block + "\n"
        path.write_text(text, encoding="utf-8")

    failures = []
    if only is not None:
        return 0
    if recall < floor["min_recall"]:
        failures.append(f"recall {recall:.2f} < floor {floor['min_recall']}")
    if false_alarms > floor["max_false_alarms"]:
        failures.append(f"false alarms {false_alarms} > floor {floor['max_false_alarms']}")
    if len(lost) > floor["max_lost_figures"]:
        failures.append(f"lost figures {len(lost)} > floor {floor['max_lost_figures']}")
    if len(unlocated) > floor.get("max_unlocated", 0):
        failures.append(f"unlocated relations {len(unlocated)} > floor {floor.get('max_unlocated', 0)}")
    if reports < floor.get("min_reports", 0):
        failures.append(f"only {reports} reports, floor {floor['min_reports']}")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
