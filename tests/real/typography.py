#!/usr/bin/env python3
"""Typography invariance: the same report written with other punctuation, spacing or digits gets the same findings.

Published pages write one report many ways: ASCII or full-width commas and brackets, spaces around figures
("共 21 条"), full-width digits ("２１条"), traditional characters (mirror sites), indented paragraphs, Windows line ends, thousands separators, lines
broken at the page width (text copied from a PDF). None of these changes what a reader checks, so none may change what
nianbao reports. For each variant this script rewrites the body of every report in tests/real/ (the 来源 line
dropped), imports and checks the originals and the variants as two folders, and compares, report by report, the
multiset of findings (rule code and the figures of the message). A difference is a rule or an import step that
reads the typography instead of the text.

Usage: typography.py NIANBAO_BINARY [--verbose]     (exit 1 when any report's findings differ)
"""

from __future__ import annotations

import json
import unicodedata
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
UNITS = "条件项个人次份篇"

VARIANTS = {
    # Full-width punctuation written in ASCII, as many pages do.
    "ascii-punctuation": lambda s: s.translate(str.maketrans("，；：（）", ",;:()")),
    # ASCII punctuation written full-width.
    # (Not a comma between digits, which separates thousands: "1,113".)
    "full-width-punctuation": lambda s: re.sub(r"(?<!\d),|,(?!\d)", "，", s).translate(str.maketrans(";()", "；（）")),
    # A space on each side of a count after Chinese text: "共 21 条" (not an article, "第21条": the grammar reads
    # an article reference only unspaced).
    "spaced-counts": lambda s: re.sub(rf"(?<=[\u4e00-\u9fff])(?<!第)(\d+)(?=[{UNITS}])", r" \1 ", s),
    # Full-width digits.
    "full-width-digits": lambda s: s.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    # Traditional characters, as the mirror sites that convert whole pages write them.
    "traditional": lambda s: s.translate(S2T),
    # Paragraphs indented with two ideographic spaces.
    "indented": lambda s: "\n".join("\u3000\u3000" + l if l.strip() else l for l in s.split("\n")),
    # Windows line ends.
    "crlf": lambda s: s.replace("\n", "\r\n"),
    # Thousands separators in figures of four digits or more (only on pages whose commas are full-width, where
    # an ASCII comma between digit groups cannot be a Chinese comma).
    "thousands": lambda s: (
        re.sub(rf"(?<![\d.,])(\d{{1,3}})(\d{{3}})(?=[{UNITS}])", r"\1,\2", s) if "，" in s else s
    ),
    # Every line broken at a page width, as text copied from a PDF is.
    "wrapped": lambda s: "\n".join(wrap(line) for line in s.split("\n")),
}

# Reports whose findings a page-width break still changes, and why (each a limit of the import, kept visible).
WRAP_LIMITS = {
    # Lines of web chrome broken like prose (a copy of a PDF has none): the 发布日期 or year then read elsewhere.
    "2011-qingtian-gongluyunguansuo",
    "2012-jinyun-jiaotongyunshuju",
    "2012-wubu-xianzhengfu",
    "2014-bayannaoer-wulateqianqi",
    "2014-panzhihua-shenjiju",
    # A heading run into its paragraph on one line (the page lost the break): broken at the width, its head stands
    # alone and reads as the heading the unbroken page lacks (the ordinal check then finds no gap).
    "2012-jiaxing-guoziwei",
    # The page's last figure broken onto a line of its own (a flattened table's cell looks the same, and stays a cell).
    "2020-wuxi-liangxi-shangwuju",
    # A preface printed above the title (a wiki mirror's infobox), broken at the width: its later lines read as the
    # navigation above the title, and the outline of sections it gives is lost to the 2007 section check.
    "2010-erlianhaote-shizhengfuban",
    # Pinyin annotations of a traditional-character mirror (a PDF has none) break a list across lines.
    "2020-guangde-yangtanzhen",
    "2021-fengxin-zaoxiazhen",
    "2023-fuzhou-jiangxi-wenguangxinlvju",
    "2023-heshan-longkouzhen",
    "2024-yangxi-minzhengju",
    # Four lines of prose above a flattened table of a hundred cells: too few broken lines to find the page width,
    # so a line broken after "（行政许可239项," does not join the next and the bracket's list reads as the outer one.
    "2025-changchun-linkongjingjishifanqu",
}


def simplified_to_traditional() -> dict[int, str]:
    """Of the traditional forms of each character (the character table of the `fast2s` crate the import
    depends on, found through `cargo metadata`), the one the corpus's own traditional pages use most; a
    character they never write traditional stays as it is."""
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--manifest-path", str(HERE.parents[1] / "Cargo.toml")],
        capture_output=True, text=True, check=True,
    )
    crate = next(p for p in json.loads(meta.stdout)["packages"] if p["name"] == "fast2s")
    table = Path(crate["manifest_path"]).parent / "src" / "t2s.txt"
    t2s = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and len(parts[0]) == 1 and len(parts[1]) == 1 and parts[0] != parts[1]:
            t2s[parts[0]] = parts[1]
    seen = Counter(c for p in HERE.glob("*.txt") for c in p.read_text(encoding="utf-8") if c in t2s)
    s2t: dict[int, str] = {}
    for t, _ in seen.most_common():
        s2t.setdefault(ord(t2s[t]), t)
    return s2t


S2T = simplified_to_traditional()


def cols(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def wrap(line: str, width: int = 76) -> str:
    """A line broken every `width` columns (CJK two, ASCII one), between wide characters only, as Word lays out
    a page: never inside a figure or a URL. Table rows are left whole."""
    if sum(map(cols, line)) <= width or "|" in line:
        return line
    out, start, used = [], 0, 0
    for i, c in enumerate(line):
        if used + cols(c) > width:
            j = i
            while j > start + 1 and cols(line[j - 1]) == 1 and cols(line[j]) == 1:
                j -= 1
            out.append(line[start:j])
            start, used = j, sum(map(cols, line[j:i]))
        used += cols(c)
    out.append(line[start:])
    return "\n".join(out)


def findings(binary: str, folder: Path, out: Path) -> dict[str, Counter]:
    subprocess.run([binary, "import", str(folder), "-o", str(out)], capture_output=True, check=False)
    res = subprocess.run([binary, "check", "--format", "json", str(out)], capture_output=True, text=True)
    by_file: dict[str, Counter] = {}
    for f in json.loads(res.stdout)["files"]:
        name = Path(f["path"]).name
        c: Counter = Counter()
        for d in f.get("diagnostics", []):
            figures = tuple(re.findall(r"\d+(?:\.\d+)?", d["message"]))
            c[(d["code"], figures)] += 1
        by_file[name] = c
    return by_file


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary, verbose = sys.argv[1], "--verbose" in sys.argv
    reports = sorted(p for p in HERE.glob("*.txt") if p.with_suffix(".toml").exists())
    bodies = {p.stem: p.read_text(encoding="utf-8").split("\n", 1)[1] for p in reports}
    differing = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)

        def run(name: str, rewrite) -> dict[str, Counter]:
            src = root / name
            src.mkdir()
            for stem, body in bodies.items():
                (src / f"{stem}.txt").write_text(rewrite(body), encoding="utf-8")
            return findings(binary, src, root / f"{name}-out")

        base = run("original", lambda s: s)
        print(f"{len(bodies)} reports, {sum(sum(c.values()) for c in base.values())} findings as published")
        for name, rewrite in VARIANTS.items():
            got = run(name, rewrite)
            diff = sorted(k for k in base.keys() | got.keys() if base.get(k, Counter()) != got.get(k, Counter()))
            if name == "wrapped":
                known = [k for k in diff if k.removesuffix(".nianbao") in WRAP_LIMITS]
                diff = [k for k in diff if k not in known]
                print(f"{name}: {len(known)} reports of the known limits ({len(WRAP_LIMITS)} listed)")
                # (A listed limit that no longer shows is a stale entry: the list must stay true.)
                for k in sorted(WRAP_LIMITS - {k.removesuffix(".nianbao") for k in known}):
                    print(f"  {k}: listed as a known limit, but its findings no longer change")
                    differing += 1
            differing += len(diff)
            print(f"{name}: {len(diff)} reports with other findings")
            for k in diff if verbose else diff[:10]:
                lost = base.get(k, Counter()) - got.get(k, Counter())
                new = got.get(k, Counter()) - base.get(k, Counter())
                print(f"  {k}: lost {sorted(lost.elements())} new {sorted(new.elements())}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
