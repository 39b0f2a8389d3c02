//! The hand-written examples in `examples/` are faithful transcriptions of the
//! real published reports in `shared/seeds/`: every digit sequence of a seed
//! must occur in its example, except the page-chrome noise listed in
//! `DROPPED` below. Std only.
//!
//! Digits lost from dates in scraping (e.g. "202311日" for "2023年1月1日") are
//! handled by accepting a seed digit run that equals the concatenation of
//! consecutive digit runs of the example.

use std::fs;
use std::path::{Path, PathBuf};

const EXAMPLES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples");
const SEEDS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds");
const SOURCE_MARK: &str = "来源：shared/seeds/";

/// The examples that transcribe a seed.
const EXAMPLES: &[&str] = &[
    "suixi-2017.nianbao",
    "dongning-2016.nianbao",
    "meixian-2020.nianbao",
    "panzhihua-dongqu-2011.nianbao",
    "suizhong-2023.nianbao",
];

/// Per seed: digit sequences deliberately left out of the example, with the reason.
const DROPPED: &[(&str, &[(&str, &str)])] = &[
    (
        "000_b0b691f8b262cd99.txt",
        &[
            ("10", "page chrome: time of day 10:53:29 of the 时间 line"),
            ("53", "page chrome: time of day 10:53:29 of the 时间 line"),
        ],
    ),
    ("001_d93bc4e6cc4c86d9.txt", &[]),
    (
        "002_feafde99c94336c2.txt",
        &[
            (
                "17",
                "page chrome: time of day 17:45:13 of the 發布時間 line",
            ),
            (
                "45",
                "page chrome: time of day 17:45:13 of the 發布時間 line",
            ),
            ("99", "spam links appended after the footer"),
            ("07010879", "footer: ICP 备案号"),
            ("61032602000121", "footer: 公安网备号"),
            ("6103260004", "footer: 网站标识码"),
            ("146", "footer: site address 平陽街146號"),
            ("722300", "footer: site postcode"),
            ("77777", "spam links appended after the footer"),
            ("88", "spam links appended after the footer"),
            ("97", "spam links appended after the footer"),
        ],
    ),
    ("003_e7e8e141b0d8918b.txt", &[]),
    ("004_14adff9be6592cdd.txt", &[]),
];

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

/// `needle` equals one digit run of the example, or the concatenation of
/// consecutive runs (a date whose 年/月/日 were lost in the seed).
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

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The seed file named in the example's `// 来源：shared/seeds/<name>` comment.
fn source_of(example: &str, name: &str) -> String {
    example
        .lines()
        .filter(|l| l.trim_start().starts_with("//"))
        .find_map(|l| {
            l.split_once(SOURCE_MARK)
                .map(|(_, rest)| rest.trim().to_string())
        })
        .unwrap_or_else(|| panic!("{name}: no `// {SOURCE_MARK}…` comment"))
}

fn dropped_for(seed: &str) -> &'static [(&'static str, &'static str)] {
    DROPPED
        .iter()
        .find(|(s, _)| *s == seed)
        .map(|(_, d)| *d)
        .unwrap_or_else(|| panic!("seed {seed} has no entry in DROPPED"))
}

#[test]
fn examples_cover_their_seeds() {
    // The examples must exist and name their seed whether or not the seeds are present.
    let examples: Vec<(String, String, String)> = EXAMPLES
        .iter()
        .map(|name| {
            let path = PathBuf::from(EXAMPLES_DIR).join(name);
            let text = read(&path);
            let seed = source_of(&text, name);
            (name.to_string(), seed, text)
        })
        .collect();

    let seeds = Path::new(SEEDS_DIR);
    if !seeds.is_dir() {
        eprintln!("note: {SEEDS_DIR} not found; only checked that the examples exist");
        return;
    }

    let mut failures = Vec::new();
    for (name, seed, text) in &examples {
        let seed_text = read(&seeds.join(seed));
        // Only the report body counts, not what our own comments quote.
        let body: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let runs = digit_runs(&body);
        let dropped = dropped_for(seed);
        for (seq, reason) in dropped {
            assert!(
                digit_runs(&seed_text).iter().any(|r| r == seq),
                "{name}: dropped {seq:?} ({reason}) does not occur in {seed}"
            );
            assert!(
                !covered(seq, &runs),
                "{name}: {seq:?} is listed as dropped ({reason}) but is present; remove it from DROPPED"
            );
        }
        for run in digit_runs(&seed_text) {
            if dropped.iter().any(|(seq, _)| *seq == run) {
                continue;
            }
            if !covered(&run, &runs) {
                failures.push(format!("{name}: {run} from {seed} is missing"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "digit sequences missing:\n{}",
        failures.join("\n")
    );
}

#[test]
fn concatenated_runs_cover_lost_date_characters() {
    let runs = digit_runs("统计期限为2023年1月1日至2023年12月31日");
    assert!(covered("202311", &runs));
    assert!(covered("20231231", &runs));
    assert!(covered("2023", &runs));
    assert!(!covered("2024", &runs)); // not a run
    assert!(!covered("023", &runs)); // part of a run only
    assert!(!covered("311", &runs)); // crosses the end of the text
}
