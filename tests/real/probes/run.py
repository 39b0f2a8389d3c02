#!/usr/bin/env python3
"""Run nianbao on the hand-judged sentences of the probes, one sentence at a time.

Usage: run.py NIANBAO_BINARY [PROBE.tsv ...]   (default: every *.tsv in this folder)

Each row (verdict, year, sentence, …) is wrapped as a short report of that year, imported with
`nianbao import` and checked; a prose finding (warning or error; notes at level info are not counted)
on a row judged to hold or to be undecidable is a false alarm, none on a row judged to fail is a miss.
The probes are sentences from pages outside tests/real (see README.md); this is a measurement, not a test
with a floor: tests/real/accuracy.py is the one CI runs.
"""
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FAILS = {"fails", "defect"}


def findings(binary: str, sentence: str, year: str) -> list[str]:
    year = year if year.isdigit() else "2020"
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "r.txt"
        src.write_text(f"某某局{year}年政府信息公开工作年度报告\n\n一、概述\n\n{sentence}\n", encoding="utf-8")
        markup = Path(d) / "r.nianbao"
        subprocess.run([binary, "import", str(src), "-o", str(markup)], capture_output=True, check=False)
        out = subprocess.run([binary, "check", str(markup), "--format", "json"], capture_output=True, text=True).stdout
    found = []
    for f in json.loads(out or '{"files": []}').get("files", []):
        for x in f.get("diagnostics", []):
            if x["code"].startswith("prose") and x.get("severity") != "info":
                found.append(f'{x["code"]}: {x["message"]}')
    return found


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    binary = sys.argv[1]
    probes = [Path(p) for p in sys.argv[2:]] or sorted(HERE.glob("*.tsv"))
    for probe in probes:
        tally = Counter()
        with probe.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                found = findings(binary, row["sentence"], row["year"])
                fails = row["verdict"] in FAILS
                tag = ("found" if found else "missed") if fails else ("ALARM" if found else "ok")
                tally[tag] += 1
                if tag in ("ALARM", "missed"):
                    print(f"{tag:7} {probe.name}: {row['sentence'][:90]} | {row['arithmetic'][:90]} | {found}")
        print(f"{probe.name}: {dict(tally)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
