#!/usr/bin/env python3
"""Round trips through real office files made here with LibreOffice.

For the bundled examples (examples/*.nianbao) and a few generated reports (`nianbao generate`, with their
injected defects):

    markup --nianbao render--> HTML --soffice--> DOCX                     (as LibreOffice saves a page as Word)
                                       DOCX + table borders, header, "第 N 页" footer (tests/fixtures/office/make.py)
                                            --soffice--> PDF             (as a Word document printed to PDF)
                                    HTML --soffice--> PDF                (the page printed to PDF)

then each DOCX and PDF is read back with `nianbao import` and checked with `nianbao check` directly on the
document, and compared with the markup it came from:

- figures: the digit runs of the report body, as a multiset — every difference is listed;
- tables: the figures of every table row, table by table — there must be none;
- findings: (rule code, figures of the message) of `nianbao check --format json`, as a multiset.

Any difference fails (exit 1). A difference that the rendered HTML page already shows when imported directly
(the renderer lays out the official table: a standard row missing from the markup comes back with blank
cells) is the renderer's, not the office reader's: it is printed as KNOWN and the documents are compared with
that HTML import instead. Needs soffice (Debian: libreoffice-writer-nogui, fonts-noto-cjk); without it the
test fails under CI=1 and is skipped loudly otherwise.

Usage: roundtrip.py NIANBAO_BINARY [--keep DIR] [--generated N] [--markup DIR]
(--markup DIR: the .nianbao files of DIR instead of the examples and generated reports, e.g. tests/real/
imported with `nianbao import tests/real -o DIR`.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run(args, capture_output=True, text=True)
    if check and p.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
    return p


def body(markup: str) -> list[str]:
    """Lines of the body: after the front matter, comment lines left out."""
    if markup.startswith("---\n"):
        end = markup.find("\n---\n", 4)
        if end >= 0:
            markup = markup[end + 5 :]
    return [l for l in markup.split("\n") if not l.lstrip().startswith("//")]


def figures(lines: list[str]) -> Counter:
    return Counter(re.findall(r"[0-9]+", "\n".join(lines).replace(",", "")))


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def tables(lines: list[str]) -> list[list[tuple[str, ...]]]:
    """Per table, per row: the cells after the label, as figures ('' for a blank cell)."""
    out: list[list[tuple[str, ...]]] = []
    current: list[tuple[str, ...]] | None = None
    for line in lines:
        if line.lstrip().startswith("|"):
            cs = cells(line)
            if all(re.fullmatch(r":?-+:?", c) for c in cs if c):
                continue
            if current is None:
                current = []
                out.append(current)
            row = tuple(re.sub(r"[^0-9.]", "", c) for c in cs[1:])
            # A row of labels only (a group header, which the import may add as the standard table has it).
            if any(row):
                current.append(row)
        else:
            current = None
    return out


def findings(binary: str, path: Path) -> Counter:
    p = run(binary, "check", "--format", "json", str(path))
    doc = json.loads(p.stdout)
    out: Counter = Counter()
    for f in doc["files"]:
        for d in f["diagnostics"]:
            message = re.sub(r"［原文：.*?］$", "", d["message"])
            out[(d["code"], tuple(re.findall(r"[0-9]+", message)))] += 1
    return out


def diff(a: Counter, b: Counter) -> tuple[list, list]:
    missing = sorted((a - b).elements(), key=str)
    extra = sorted((b - a).elements(), key=str)
    return missing, extra


def soffice_missing() -> bool:
    return shutil.which("soffice") is None


def main() -> int:
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = str(Path(args[0]).resolve())
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    generated = int(args[args.index("--generated") + 1]) if "--generated" in args else 8
    if soffice_missing():
        msg = "office round trip: soffice (LibreOffice) is not installed"
        if os.environ.get("CI"):
            print(f"FAILED: {msg} (CI=1)", file=sys.stderr)
            return 1
        print(f"SKIPPED (loudly): {msg}; install libreoffice-writer-nogui fonts-noto-cjk", file=sys.stderr)
        return 0
    work = keep or Path(tempfile.mkdtemp(prefix="nianbao-office-"))
    src = work / "src"
    html = work / "html"
    docx = work / "docx"
    pdf = work / "pdf"
    for d in (src, html, docx, pdf):
        d.mkdir(parents=True, exist_ok=True)
    if "--markup" in args:
        for f in sorted(Path(args[args.index("--markup") + 1]).glob("*.nianbao")):
            shutil.copy(f, src / f.name)
    else:
        for f in sorted((ROOT / "examples").glob("*.nianbao")):
            shutil.copy(f, src / f.name)
        gen = work / "gen"
        run(binary, "generate", "--count", str(generated), "--seed", "11", "-o", str(gen))
        for f in sorted(gen.glob("*.nianbao")):
            shutil.copy(f, src / f"gen-{f.name}")
    sources = sorted(src.glob("*.nianbao"))
    for f in sources:
        run(binary, "render", str(f), "-o", str(html / f"{f.stem}.html"))
    profile = f"-env:UserInstallation=file://{work}/lo-profile"
    run("soffice", profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(docx),
        *map(str, sorted(html.glob("*.html"))))
    # Word's table borders, a running header and a page-number footer: what a report printed from Word has.
    run(sys.executable, str(ROOT / "tests/fixtures/office/make.py"), str(docx))
    run("soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(pdf),
        *map(str, sorted(docx.glob("*.word.docx"))))
    # The page itself printed to PDF (LibreOffice's Writer/Web), without the Word header and footer.
    run("soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(pdf),
        *map(str, sorted(html.glob("*.html"))))

    failures = 0
    rows = []
    for f in sources:
        markup = f.read_text()
        want_lines = body(markup)
        want_figures = figures(want_lines)
        want_tables = tables(want_lines)
        want_findings = findings(binary, f)
        # The rendered page imported directly: what differs there already is the renderer's doing (it lays out
        # the official table, so a missing standard row comes back with blank cells) and is listed, not failed.
        page = html / f"{f.stem}.html"
        p = run(binary, "import", str(page))
        page_lines = [l for l in body(p.stdout) if not l.startswith("表格格式：")]
        page_missing, page_extra = diff(want_figures, figures(page_lines))
        page_findings = findings(binary, page)
        known = []
        if page_missing or page_extra or page_findings != want_findings:
            fm, fe = diff(want_findings, page_findings)
            known.append(f"{f.stem}: render → HTML → import already differs: figures lost {page_missing}, "
                         f"added {page_extra}; findings lost {fm}, added {fe}")
            print("KNOWN " + known[-1])
            want_figures = figures(page_lines)
            want_tables = tables(page_lines)
            want_findings = page_findings
        for kind, doc in (
            ("DOCX", docx / f"{f.stem}.docx"),
            ("PDF", pdf / f"{f.stem}.word.pdf"),
            ("PDF of the page", pdf / f"{f.stem}.pdf"),
        ):
            problems = []
            if not doc.exists():
                problems.append(f"{doc.name} was not made by soffice")
                rows.append((f.stem, kind, "-", "-", "-", "-", False))
                failures += 1
                print(f"DIFF {f.stem} {kind}: " + "; ".join(problems))
                continue
            p = run(binary, "import", str(doc))
            # The renderer states the table format above the first table ("表格格式：…（国办发〔2014〕32号）"): its
            # figures are the renderer's, not the report's.
            got_lines = [l for l in body(p.stdout) if not l.startswith("表格格式：")]
            missing, extra = diff(want_figures, figures(got_lines))
            got_tables = tables(got_lines)
            got_findings = findings(binary, doc)
            f_missing, f_extra = diff(want_findings, got_findings)
            if missing:
                problems.append(f"figures lost: {' '.join(missing)}")
            if extra:
                problems.append(f"figures added: {' '.join(extra)}")
            if got_tables != want_tables:
                problems.append(table_diff(want_tables, got_tables))
            if f_missing:
                problems.append(f"findings lost: {f_missing}")
            if f_extra:
                problems.append(f"findings added: {f_extra}")
            ok = not problems
            kept = sum(want_figures.values()) - len(missing)
            rows.append((f.stem + (" (against the HTML import)" if known else ""), kind,
                         f"{kept}/{sum(want_figures.values())}", str(len(missing)),
                         f"{len(want_tables)}/{len(got_tables)}",
                         f"{sum(want_findings.values())}/{sum(got_findings.values())}", ok))
            if not ok:
                failures += 1
                print(f"DIFF {f.stem} {kind}:\n  " + "\n  ".join(problems))
    print("\n| document | kind | figures kept | lost | tables (markup/document) | findings (markup/document) | same |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {'yes' if r[6] else 'NO'} |")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{len(rows) - failures} of {len(rows)} round trips give the same figures, tables and findings")
    return 1 if failures else 0


def table_diff(want, got) -> str:
    if len(want) != len(got):
        return f"tables: {len(want)} in the markup, {len(got)} read back"
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            for j in range(max(len(w), len(g))):
                a = w[j] if j < len(w) else None
                b = g[j] if j < len(g) else None
                if a != b:
                    return f"table {i + 1}, row {j + 1}: markup {a}, document {b}"
    return "tables differ"


if __name__ == "__main__":
    sys.exit(main())
