//! Importing the real published reports in `shared/seeds/` (scraped pages with their noise): the imported
//! report must make `check` find the same defects as the hand-written transcription in `examples/` — the
//! same multiset of (rule code, figures in the message) — and must contain every digit sequence of the seed,
//! except those the importer lists as dropped page chrome (navigation, the 来源/时间 line, footer, spam).
//!
//! Tolerable differences (none occur at present, the comparison is exact): the examples restore the 年/月/日
//! that scraping lost from dates ("202311日" → "2023年1月1日") and so does the importer; the 发布日期 comes
//! from the page in both.
//!
//! The seeds live beside the workspace (`../shared/seeds`); without them the test says so and passes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nianbao_core::check::{check_text, Config};
use nianbao_import::{import, Options};

const EXAMPLES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples");
const SEEDS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds");

fn findings(text: &str) -> BTreeMap<(String, Vec<String>), usize> {
    let mut out = BTreeMap::new();
    for d in check_text(text, &Config::default()).diagnostics {
        let figures = digit_runs(&d.message);
        *out.entry((d.code.to_string(), figures)).or_default() += 1;
    }
    out
}

fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

/// `needle` is one run of `runs`, or the concatenation of consecutive runs.
fn covered(needle: &str, runs: &[String]) -> bool {
    (0..runs.len()).any(|start| {
        let mut acc = String::new();
        for run in &runs[start..] {
            acc.push_str(run);
            if acc == needle {
                return true;
            }
            if !needle.starts_with(acc.as_str()) {
                return false;
            }
        }
        false
    })
}

/// (example file, seed file) pairs from the examples' `// 来源：shared/seeds/…` comments.
fn pairs() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(EXAMPLES_DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "nianbao"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        if let Some(seed) = text.lines().filter(|l| l.starts_with("//")).find_map(|l| {
            l.split_once("来源：shared/seeds/")
                .map(|(_, s)| s.trim().to_string())
        }) {
            out.push((path, seed));
        }
    }
    out
}

#[test]
fn imported_seeds_give_the_same_findings_and_keep_every_figure() {
    let pairs = pairs();
    assert_eq!(pairs.len(), 5, "every example names its seed");
    let seeds = Path::new(SEEDS_DIR);
    if !seeds.is_dir() {
        eprintln!("note: {SEEDS_DIR} not found; seed import not tested");
        return;
    }
    let mut failures = Vec::new();
    let (mut total, mut reached) = (0usize, 0usize);
    for (example, seed) in &pairs {
        let bytes = std::fs::read(seeds.join(seed)).unwrap();
        let imported = import(
            &bytes,
            &Options {
                source_name: Some(seed.clone()),
                html: None,
            },
        );
        let name = example.file_name().unwrap().to_string_lossy().to_string();
        // The same defects.
        let expected = findings(&std::fs::read_to_string(example).unwrap());
        let got = findings(&imported.markup);
        if expected != got {
            failures.push(format!(
                "{name}: findings differ\n  example: {expected:?}\n  import:  {got:?}\n{}",
                imported.markup
            ));
        }
        // Every figure of the seed: in the output, or listed as dropped chrome.
        assert!(imported.losses.is_empty(), "{name}: {:?}", imported.losses);
        let body: String = imported
            .markup
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let runs = digit_runs(&body);
        let seed_text = String::from_utf8_lossy(&bytes);
        let mut dropped: Vec<String> = imported
            .dropped
            .iter()
            .flat_map(|d| d.figures.iter().cloned())
            .collect();
        for run in digit_runs(&seed_text) {
            total += 1;
            if covered(&run, &runs) {
                reached += 1;
            } else if let Some(i) = dropped.iter().position(|d| *d == run) {
                dropped.remove(i);
            } else {
                failures.push(format!(
                    "{name}: {run} of {seed} is neither in the output nor listed as dropped"
                ));
            }
        }
        eprintln!(
            "{name}: {} figures of the body reach the output; tables: {}",
            imported.figures,
            imported.tables.join("、")
        );
    }
    eprintln!(
        "seed digit sequences: {total}, in the output: {reached}, the rest listed as page chrome"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
