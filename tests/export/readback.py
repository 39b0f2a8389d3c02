#!/usr/bin/env python3
"""`nianbao export` and `nianbao stats` read back by independent readers (pyarrow, DuckDB), as an evaluator would.

A generated corpus (`nianbao generate`) plus the examples is exported to CSV, JSON Lines and Parquet. Then:

- the CSV (pyarrow.csv) and the Parquet file (pyarrow and DuckDB) hold the same rows;
- for every report without an injected sum defect, the exported cells reproduce each table's 总计: in 表三 every
  column's outcome rows add up to (七)总计, in 表四 every row's four results add up to its 总计, in the statistical
  table the four channels add up to 收到申请数 — computed in SQL by DuckDB over the Parquet file and in Python
  over the CSV;
- every exported value points to a line of its file that contains its raw text (at the column given);
- a blank cell and a "/" cell planted in one report stay blank and not-applicable, with no value, never 0;
- the indicators match a hand computation from the exported cells (予以公开率, 依申请办结率);
- an outlier body planted among generated peers (its 表三 figures ×50) is on `nianbao stats`'s early-warning list.

    python3 tests/export/readback.py path/to/nianbao
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROOT = pathlib.Path(__file__).resolve().parents[2]
problems = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        problems.append(what)


def run(binary, *args, cwd):
    p = subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True)
    if p.returncode not in (0,):
        print(p.stderr, file=sys.stderr)
    return p


def front_set(text, key, value):
    return re.sub(rf"^{key}[:：].*$", f"{key}: {value}", text, count=1, flags=re.M)


def scale_t3(text, factor):
    """Every figure of 表三 multiplied: the relations still hold, the body just becomes much larger."""
    lines = text.split("\n")
    inside = False
    for i, line in enumerate(lines):
        if line.startswith("| 申请人情况"):
            inside = True
            continue
        if inside and not line.startswith("|"):
            inside = False
        if inside and not line.startswith("| ---") and not line.startswith("|---"):
            lines[i] = re.sub(r"(?<=\|)( *)(\d+)( *)(?=\|)",
                              lambda m: m.group(1) + str(int(m.group(2)) * factor) + m.group(3), line)
    return "\n".join(lines)


def main():
    binary = str(pathlib.Path(sys.argv[1]).resolve())
    work = pathlib.Path(tempfile.mkdtemp(prefix="nianbao-readback-"))
    try:
        gen = work / "gen"
        p = run(binary, "generate", "--count", "150", "--seed", "11", "-o", str(gen), cwd=work)
        check(p.returncode == 0, "nianbao generate wrote a corpus")
        manifest = json.loads((gen / "defects.json").read_text())
        sum_defects = {
            r["file"] for r in manifest["reports"]
            if any(d["code"] in ("table-sum", "table-total-blank", "row-missing") for d in r["defects"])
        }
        corpus = work / "corpus"
        corpus.mkdir()
        for r in manifest["reports"]:
            shutil.copy(gen / r["file"], corpus / r["file"])
        for e in (ROOT / "examples").glob("*.nianbao"):
            shutil.copy(e, corpus / e.name)
        # A blank cell and a "/" cell planted in one clean 2021-format report's 表二.
        planted = next(r["file"] for r in manifest["reports"]
                       if r["kind"] == "gov2021" and r["file"] not in sum_defects and not r["defects"])
        text = (corpus / planted).read_text()
        text, n1 = re.subn(r"^(\| 行政强制 \| *)\d+( *\|)", r"\g<1>/\2", text, count=1, flags=re.M)
        text, n2 = re.subn(r"^(\| 行政处罚 \| *)\d+( *\|)", r"\g<1>\2", text, count=1, flags=re.M)
        check(n1 == 1 and n2 == 1, f"planted a '/' and a blank cell in {planted}")
        (corpus / planted).write_text(text)

        out = work / "out"
        p = run(binary, "export", str(corpus), "-o", str(out), cwd=work)
        check(p.returncode == 0, "nianbao export exit code 0")
        print(p.stderr.strip())

        # As a spreadsheet would see the CSV: text stays text ("value" too, to see an empty field as empty).
        text_columns = ["file", "body", "level", "format", "source", "table", "table_name", "row", "row_label",
                        "column", "column_label", "written_row", "written_column", "raw", "kind", "value",
                        "unit", "quote"]
        csv_cells = pacsv.read_csv(out / "cells.csv", convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in text_columns}, strings_can_be_null=False)).to_pylist()
        pq_cells = pq.read_table(out / "cells.parquet").to_pylist()
        jsonl_cells = [json.loads(l) for l in (out / "cells.jsonl").read_text().splitlines()]
        check(len(csv_cells) == len(pq_cells) == len(jsonl_cells) > 1000,
              f"CSV, Parquet and JSON Lines hold the same number of rows: {len(csv_cells)}")
        check(list(csv_cells[0].keys())[0] == "file", "the CSV's BOM is read as a BOM (first column 'file')")
        same = all(
            a["file"] == b["file"] and a["raw"] == b["raw"] and a["kind"] == b["kind"]
            and (a["value"] == "") == (b["value"] is None)
            and (a["value"] == "" or abs(float(a["value"]) - b["value"]) < 1e-9)
            for a, b in zip(csv_cells, pq_cells)
        )
        check(same, "CSV and Parquet agree row by row (raw, kind, value)")

        # Totals reproduced, in SQL over the Parquet file.
        con = duckdb.connect()
        con.execute(f"CREATE VIEW cells AS SELECT * FROM read_parquet('{out / 'cells.parquet'}')")
        clean = [str(corpus / r["file"]) for r in manifest["reports"] if r["file"] not in sum_defects]
        clean_set = set(clean)
        con.execute("CREATE TABLE clean(file VARCHAR)")
        con.executemany("INSERT INTO clean VALUES (?)", [[f] for f in clean])
        t3 = con.execute("""
            WITH leaves AS (
              SELECT file, table_no, "column", sum(value) AS s FROM cells
              WHERE source = 'table' AND "table" = 't3' AND "row" NOT IN ('new', 'carried', 'total', 'carry_next')
              GROUP BY ALL),
            totals AS (
              SELECT file, table_no, "column", value FROM cells
              WHERE source = 'table' AND "table" = 't3' AND "row" = 'total')
            SELECT count(*) AS n, count(*) FILTER (WHERE l.s IS DISTINCT FROM t.value) AS bad
            FROM leaves l JOIN totals t USING (file, table_no, "column") JOIN clean USING (file)
        """).fetchone()
        check(t3[0] > 100 and t3[1] == 0, f"DuckDB: 表三 outcome rows add up to (七)总计 in {t3[0]} columns, {t3[1]} differ")
        t4 = con.execute("""
            SELECT count(*), count(*) FILTER (WHERE parts IS DISTINCT FROM total) FROM (
              SELECT file, table_no, "row",
                     sum(value) FILTER (WHERE "column" <> 'total') AS parts,
                     max(value) FILTER (WHERE "column" = 'total') AS total
              FROM cells JOIN clean USING (file)
              WHERE source = 'table' AND "table" = 't4' GROUP BY ALL)
        """).fetchone()
        check(t4[0] > 30 and t4[1] == 0, f"DuckDB: 表四 results add up to 总计 in {t4[0]} rows, {t4[1]} differ")
        stat = con.execute("""
            SELECT count(*), count(*) FILTER (WHERE parts IS DISTINCT FROM total) FROM (
              SELECT file, table_no,
                     sum(value) FILTER (WHERE "row" IN ('apply.in_person', 'apply.fax', 'apply.online', 'apply.letter')) AS parts,
                     max(value) FILTER (WHERE "row" = 'apply.received') AS total
              FROM cells JOIN clean USING (file)
              WHERE source = 'table' AND "table" = 'stat' AND "column" = 'value' GROUP BY ALL)
        """).fetchone()
        check(stat[0] > 5 and stat[1] == 0, f"DuckDB: 统计表 channels add up to 收到申请数 in {stat[0]} tables, {stat[1]} differ")

        # The same from the CSV, in Python.
        leaves, totals = {}, {}
        for c in csv_cells:
            if c["source"] != "table" or c["table"] != "t3" or c["file"] not in clean_set:
                continue
            key = (c["file"], c["table_no"], c["column"])
            if c["row"] == "total":
                totals[key] = float(c["value"]) if c["value"] != "" else None
            elif c["row"] not in ("new", "carried", "carry_next") and c["value"] != "":
                leaves[key] = leaves.get(key, 0) + float(c["value"])
        differ = [k for k in totals if totals[k] != leaves.get(k, None if totals[k] is None else 0)]
        check(len(totals) > 100 and not differ, f"CSV: 表三 columns reproduce (七)总计 ({len(totals)} columns, {len(differ)} differ)")

        # Every value's line contains its raw text, at its column.
        texts = {}
        misplaced = []
        for c in csv_cells:
            if c["value"] == "":
                continue
            lines = texts.setdefault(c["file"], pathlib.Path(c["file"]).read_text().split("\n"))
            line = lines[int(c["line"]) - 1]
            if not line[int(c["char_col"]) - 1:].startswith(c["raw"]) or c["raw"] not in line:
                misplaced.append((c["file"], c["line"], c["raw"]))
        with_value = sum(c["value"] != "" for c in csv_cells)
        check(not misplaced, f"every one of {with_value} values is on its line at its column: {misplaced[:3]}")
        prose = [c for c in csv_cells if c["source"] == "prose"]
        check(len(prose) > 50, f"{len(prose)} prose figures about standard rows exported")

        # Blank and "/" are not 0.
        mine = [c for c in pq_cells if c["file"] == str(corpus / planted) and c["table"] == "t2-6"]
        kinds = {c["row"]: (c["kind"], c["raw"], c["value"]) for c in mine}
        check(kinds.get("penalty") == ("blank", "", None), f"the blank 行政处罚 cell: {kinds.get('penalty')}")
        check(kinds.get("coercion") == ("not-applicable", "/", None), f"the '/' 行政强制 cell: {kinds.get('coercion')}")
        bad = con.execute("""
            SELECT count(*) FILTER (WHERE kind IN ('blank', 'not-applicable', 'text') AND value IS NOT NULL),
                   count(*) FILTER (WHERE value = 0 AND kind <> 'zero'),
                   count(*) FILTER (WHERE kind = 'blank'), count(*) FILTER (WHERE kind = 'not-applicable')
            FROM cells""").fetchone()
        check(bad[0] == 0 and bad[1] == 0 and bad[2] >= 1 and bad[3] >= 1,
              f"no blank, '/' or text cell has a value, only 'zero' cells are 0 ({bad[2]} blank, {bad[3]} n/a)")
        csv_mine = {c["row"]: c for c in csv_cells if c["file"] == str(corpus / planted) and c["table"] == "t2-6"}
        check(csv_mine["penalty"]["value"] == "" and csv_mine["coercion"]["value"] == "",
              "in the CSV, blank and '/' cells have an empty value field (not 0)")

        # Indicators by hand from the exported cells.
        ind = pq.read_table(out / "indicators.parquet").to_pylist()
        by = {(r["file"], r["indicator"]): r for r in ind}
        cells_of = {}
        for c in pq_cells:
            if c["source"] == "table" and c["row"] and c["column"]:
                cells_of.setdefault((c["file"], c["table"], c["row"], c["column"]), c["value"])
        checked = 0
        wrong = []
        for f in clean:
            g = lambda row, col="total": cells_of.get((f, "t3", row, col))
            if g("total") is None or g("public") is None or g("partial") is None:
                continue
            r = by.get((f, "disclosure_rate"))
            if g("total") == 0:
                if r["value"] is not None or r["status"] != "zero-denominator":
                    wrong.append((f, "disclosure_rate", r))
                continue
            want = round((g("public") + g("partial")) / g("total") * 100, 4)
            if r is None or r["value"] is None or abs(r["value"] - want) > 1e-6:
                wrong.append((f, "disclosure_rate", want, r and r["value"]))
            denom = (g("new") or 0) + (g("carried") or 0)
            if g("new") is not None and g("carried") is not None and denom:
                want = round(g("total") / denom * 100, 4)
                r = by[(f, "completion_rate")]
                if r["value"] is None or abs(r["value"] - want) > 1e-6:
                    wrong.append((f, "completion_rate", want, r["value"]))
            checked += 1
        check(checked > 20 and not wrong, f"予以公开率 and 依申请办结率 match the hand computation in {checked} reports: {wrong[:3]}")

        # An outlier among peers: clean 2021-format reports of different bodies, set to one year and kind.
        peers = work / "peers"
        peers.mkdir()
        seen = set()
        for r in manifest["reports"]:
            if r["kind"] != "gov2021" or r["file"] in sum_defects or r["organ"] in seen:
                continue
            seen.add(r["organ"])
            t = (gen / r["file"]).read_text()
            t = front_set(front_set(t, "年度", "2023"), "机关类型", "部门")
            (peers / r["file"]).write_text(t)
        def new_total(path):
            m = re.search(r"^\| 一、本年新收[^|]*\|(?:[^|]*\|){6} *(\d+) *\|", path.read_text(), re.M)
            return int(m.group(1)) if m else 0
        # The busiest peer, ×50: a body far beyond its group.
        base = max(sorted(peers.iterdir()), key=new_total)
        check(new_total(base) > 0, f"the outlier is made from {base.name} ({new_total(base)} new requests) ×50")
        outlier = scale_t3(front_set(base.read_text(), "机关", "丙县异常局"), 50)
        (peers / "outlier.nianbao").write_text(outlier)
        check(len(seen) >= 8, f"{len(seen)} generated peers in one group (2023, 部门)")
        p = run(binary, "stats", str(peers), "--format", "json", cwd=work)
        check(p.returncode == 0, "nianbao stats exit code 0")
        stats = json.loads(p.stdout)
        warned = {(w["body"], w["indicator"]) for w in stats["warnings"]}
        check(("丙县异常局", "requests_new") in warned, f"the planted outlier is on the early-warning list: {sorted(warned)[:6]}")
        group = next(g for g in stats["groups"] if g["key"]["year"] == 2023)
        top = next(i for i in group["indicators"] if i["key"] == "requests_new")["members"][0]
        check(top["body"] == "丙县异常局" and top["rank"] == 1 and top["outlier"] == "high",
              f"it ranks first and high on 本年新收申请数: {top}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(problems)} failed" if problems else "export read-back: all passed")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
