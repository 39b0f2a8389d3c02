#!/usr/bin/env python3
"""Mutation recall: how many single-figure slips planted in real sentences nianbao finds.

Real defects are rare (about one relation in twenty), so the corpus alone measures recall on a few dozen
cases. This script plants one slip in each sound, decidable relation of `tests/real/` — the share, rate
or change written ten points off, or the last part of a breakdown changed — and scores the copies with
accuracy.py (each copy's truth holds only the planted defect). It says how well the rules read the
phrasing of real reports, not how often real authors slip in a given way.

Usage: mutate.py NIANBAO_BINARY [--verbose] [--keep DIR] [--min-recall R]

With --min-recall, exits 1 when fewer than that share of the planted slips are found, or when a copy
raises a false alarm or loses a figure (the floor tests/run.sh holds the rules to).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from accuracy import chrome_of

HERE = Path(__file__).resolve().parent
PERCENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*[%％]")
COUNT = re.compile(r"([0-9]+)\s*(?=[条件項项个個人宗份條])")
KINDS = {"share", "share-sum", "rate", "yoy", "breakdown"}


def planted(kind: str, quote: str) -> tuple[str, str] | None:
    """The quote with one figure changed, and the arithmetic of the change."""
    if kind == "breakdown":
        found = list(COUNT.finditer(quote))
        if len(found) < 3:
            return None
        m = found[-1]
        v = int(m.group(1))
        w = v + (10 if v >= 20 else 3)
        return quote[: m.start(1)] + str(w) + quote[m.end(1) :], f"last part {v} -> {w}"
    found = list(PERCENT.finditer(quote))
    if not found:
        return None
    m = found[-1]
    raw = m.group(1)
    places = len(raw.split(".")[1]) if "." in raw else 0
    v = float(raw)
    w = v + 10 if v <= 85 else v - 10
    new = f"{w:.{places}f}"
    return quote[: m.start(1)] + new + quote[m.end(1) :], f"{raw}% -> {new}%"


def toml_str(s: str) -> str:
    # (Newlines too: a whole line of chrome comes back from chrome_of framed by them.)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    binary = args[0]
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    work = keep or Path(tempfile.mkdtemp(prefix="nianbao-mutants-"))
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / "accuracy.py", work / "accuracy.py")
    (work / "floor.toml").write_text(
        "min_reports = 0\nmin_recall = 0.0\nmax_false_alarms = 100000\n"
        "max_lost_figures = 100000\nmax_unlocated = 100000\n",
        encoding="utf-8",
    )
    made = 0
    for truth_path in sorted(HERE.glob("*.toml")):
        if truth_path.name == "floor.toml":
            continue
        truth = tomllib.loads(truth_path.read_text(encoding="utf-8"))
        text_path = truth_path.with_suffix(".txt")
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        for k, rel in enumerate(truth.get("relation", [])):
            if rel.get("kind") not in KINDS or not rel.get("holds", True):
                continue
            if rel.get("checkable", True) is False or rel.get("trap"):
                continue
            quote = rel["quote"]
            if text.count(quote) != 1:
                continue
            change = planted(rel["kind"], quote)
            if change is None:
                continue
            new_quote, how = change
            stem = f"{truth_path.stem}--m{k}"
            (work / f"{stem}.txt").write_text(text.replace(quote, new_quote), encoding="utf-8")
            lines = [
                f"source = {toml_str(truth.get('source', ''))}",
                f"year = {truth.get('year', 0)}",
                f"level = {toml_str(truth.get('level', ''))}",
                f"format = {toml_str(truth.get('format', ''))}",
                f"truncated = {'true' if truth.get('truncated') else 'false'}",
                "chrome = [" + ", ".join(toml_str(c) for c in chrome_of(truth)) + "]",
                "",
                "[[relation]]",
                f"kind = {toml_str(rel['kind'])}",
                f"quote = {toml_str(new_quote)}",
                "holds = false",
                f"arithmetic = {toml_str('planted: ' + how + '; was ' + rel.get('arithmetic', ''))}",
            ]
            (work / f"{stem}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
            made += 1
    print(f"{made} mutants in {work}", file=sys.stderr)
    flags = ["--verbose"] if "--verbose" in args else []
    result = subprocess.run(
        [sys.executable, str(work / "accuracy.py"), binary, *flags], capture_output=True, text=True
    )
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    if result.returncode != 0:
        return result.returncode
    if "--min-recall" in args:
        floor = float(args[args.index("--min-recall") + 1])
        found = re.search(r"defects found \(recall\) \| (\d+) / (\d+)", result.stdout)
        alarms = re.search(r"false alarms on sound relations \| (\d+)", result.stdout)
        lost = re.search(r"body figures lost on import \| (\d+)", result.stdout)
        if not (found and alarms and lost):
            print("FAIL: the scores were not printed", file=sys.stderr)
            return 1
        recall = int(found.group(1)) / max(int(found.group(2)), 1)
        if recall < floor or int(alarms.group(1)) or int(lost.group(1)):
            print(f"FAIL: mutation recall {recall:.2f} (floor {floor}), "
                  f"{alarms.group(1)} false alarms, {lost.group(1)} lost", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
