//! Rule fixtures: every `.nianbao` file under `tests/fixtures/rules/` states
//! what the checker must (and must not) report on it, in comment lines at the
//! top of the file (line 1, or line 2 after the opening `---` of the front
//! matter, and the comment lines right after it):
//!
//! ```text
//! // expect: CODE [xN] [@severity][, CODE …]   -- reason (ignored)
//! // expect-not: CODE[, CODE …]
//! ```
//!
//! `xN` is the exact number of diagnostics of that code (without it: at least
//! one); `@severity` is the severity each of them must have; `A|B` accepts
//! either code. Each folder is checked like `nianbao check FOLDER`: the
//! `nianbao.toml` found upward from the file applies, and the cross-report
//! rules (`carry-over`, `in-force-continuity`) run over the reports of the
//! folder.
//!
//! Every rule code of `nianbao_core::rules::RULES` must have a `trigger*.nianbao`
//! that expects it and a `near-miss*.nianbao` that expects it not.
//!
//! Fixtures under `tests/fixtures/rules/known-bugs/` describe rule bugs not
//! fixed yet: their results are printed (`-- --nocapture`), never failed on;
//! one that passes should be moved to its rule's folder.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use nianbao_core::check::{check_text, Checked, Config};
use nianbao_core::diagnostic::{Diagnostic, Severity};
use nianbao_core::rules::RULES;
use nianbao_core::workspace::{folder_pass, Member};

const KNOWN_BUGS: &str = "known-bugs";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/rules")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Expect,
    ExpectNot,
}

#[derive(Debug, Clone)]
struct Expectation {
    /// 1-based line of the header comment.
    line: usize,
    kind: Kind,
    /// Any of these codes satisfies the expectation.
    codes: Vec<String>,
    count: Option<usize>,
    severity: Option<Severity>,
}

impl Expectation {
    fn describe(&self) -> String {
        let mut s = self.codes.join("|");
        if let Some(n) = self.count {
            s.push_str(&format!(" x{n}"));
        }
        if let Some(sev) = self.severity {
            s.push_str(&format!(" @{}", sev.as_str()));
        }
        s
    }

    /// Whether this is a positive expectation of `code`.
    fn triggers(&self, code: &str) -> bool {
        self.kind == Kind::Expect && self.count != Some(0) && self.codes.iter().any(|c| c == code)
    }
}

fn is_registered(code: &str) -> bool {
    RULES.iter().any(|r| r.code == code)
}

/// The expectations in the header comments of a fixture.
fn parse_header(text: &str) -> Result<Vec<Expectation>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let is_comment = |l: &str| l.trim_start().starts_with("//");
    let start = match lines.first() {
        Some(l) if is_comment(l) => 0,
        _ => 1,
    };
    let mut found = Vec::new();
    for (i, raw) in lines.iter().enumerate().skip(start) {
        if !is_comment(raw) {
            break;
        }
        let body = raw.trim().trim_start_matches('/').trim();
        let body = body.split(" -- ").next().unwrap_or("").trim();
        let (kind, rest) = if let Some(rest) = body.strip_prefix("expect-not:") {
            (Kind::ExpectNot, rest)
        } else if let Some(rest) = body.strip_prefix("expect:") {
            (Kind::Expect, rest)
        } else {
            continue;
        };
        let line = i + 1;
        for item in rest
            .split([',', '，'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let mut tokens = item.split_whitespace();
            let codes: Vec<String> = tokens
                .next()
                .unwrap_or("")
                .split('|')
                .map(str::to_string)
                .collect();
            if let Some(unknown) = codes.iter().find(|c| !is_registered(c)) {
                return Err(format!(
                    "line {line}: “{unknown}” is not a rule code of nianbao_core::rules::RULES"
                ));
            }
            let mut e = Expectation {
                line,
                kind,
                codes,
                count: None,
                severity: None,
            };
            for token in tokens {
                if let Some(n) = token.strip_prefix('x') {
                    e.count = Some(
                        n.parse()
                            .map_err(|_| format!("line {line}: bad count “{token}”"))?,
                    );
                } else if let Some(s) = token.strip_prefix('@') {
                    e.severity = Some(
                        Severity::parse(s)
                            .ok_or_else(|| format!("line {line}: bad severity “{token}”"))?,
                    );
                } else {
                    return Err(format!("line {line}: cannot read “{token}” in “{item}”"));
                }
            }
            if kind == Kind::ExpectNot && (e.count.is_some() || e.severity.is_some()) {
                return Err(format!(
                    "line {line}: expect-not takes codes only (write “expect: CODE x0”)"
                ));
            }
            found.push(e);
        }
    }
    Ok(found)
}

struct Fixture {
    path: PathBuf,
    /// Relative to the fixtures root, with `/` separators.
    name: String,
    known_bug: bool,
}

impl Fixture {
    fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// Every fixture, grouped by folder (sorted).
fn fixtures() -> BTreeMap<PathBuf, Vec<Fixture>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, Vec<Fixture>>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "nianbao") {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let name = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                let known_bug = rel.components().any(|c| c.as_os_str() == KNOWN_BUGS);
                out.entry(dir.to_path_buf()).or_default().push(Fixture {
                    path,
                    name,
                    known_bug,
                });
            }
        }
    }
    let root = root();
    let mut out = BTreeMap::new();
    walk(&root, &root, &mut out);
    assert!(!out.is_empty(), "no fixtures under {}", root.display());
    out
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".to_string())
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The outcome of one fixture: the unmet expectations (empty = passes).
struct Outcome {
    name: String,
    known_bug: bool,
    problems: Vec<String>,
    /// What was reported, for the failure message.
    reported: Vec<String>,
}

fn evaluate(text: &str, expectations: &[Expectation], diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut problems = Vec::new();
    for e in expectations {
        let got: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| e.codes.iter().any(|c| c == d.code.as_str()))
            .collect();
        match e.kind {
            Kind::Expect => {
                let count_ok = match e.count {
                    Some(n) => got.len() == n,
                    None => !got.is_empty(),
                };
                if !count_ok {
                    problems.push(format!(
                        "line {}: expected {} {}, got {}",
                        e.line,
                        e.codes.join("|"),
                        e.count
                            .map_or("at least once".to_string(), |n| format!("x{n}")),
                        got.len()
                    ));
                }
                if let Some(sev) = e.severity {
                    for d in got.iter().filter(|d| d.severity != sev) {
                        problems.push(format!(
                            "line {}: expected {} @{}, got @{} at line {}: {}",
                            e.line,
                            d.code,
                            sev.as_str(),
                            d.severity.as_str(),
                            line_of(text, d.range.start),
                            d.message
                        ));
                    }
                }
            }
            Kind::ExpectNot => {
                for d in got {
                    problems.push(format!(
                        "line {}: expected no {}, got at line {}: {}",
                        e.line,
                        d.code,
                        line_of(text, d.range.start),
                        d.message
                    ));
                }
            }
        }
    }
    problems
}

/// Checks every fixture, folder by folder, as `nianbao check FOLDER` would.
fn run_all() -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for files in fixtures().values() {
        struct Loaded<'f> {
            fixture: &'f Fixture,
            text: String,
            config: Config,
            expectations: Vec<Expectation>,
            checked: Option<Checked>,
            problems: Vec<String>,
        }
        let mut loaded: Vec<Loaded> = Vec::new();
        for fixture in files {
            let mut problems = Vec::new();
            let text = match std::fs::read_to_string(&fixture.path) {
                Ok(t) => t,
                Err(e) => {
                    problems.push(format!("cannot read as UTF-8: {e}"));
                    String::new()
                }
            };
            let expectations = parse_header(&text).unwrap_or_else(|e| {
                problems.push(format!("bad expectation header: {e}"));
                Vec::new()
            });
            let file_name = fixture.file_name();
            if expectations.is_empty() && problems.is_empty() {
                problems
                    .push("no `// expect:` / `// expect-not:` comment on line 1 or 2".to_string());
            }
            if file_name.starts_with("trigger")
                && !expectations
                    .iter()
                    .any(|e| e.kind == Kind::Expect && e.count != Some(0))
            {
                problems.push("a trigger fixture must expect at least one code".to_string());
            }
            if file_name.starts_with("near-miss")
                && !expectations.iter().any(|e| e.kind == Kind::ExpectNot)
            {
                problems.push("a near-miss fixture must have an `expect-not:`".to_string());
            }
            if file_name.contains("crlf") && !text.contains("\r\n") {
                problems.push(
                    "named *crlf* but has no CRLF line ends (check .gitattributes)".to_string(),
                );
            }
            let config = Config::find(&fixture.path).unwrap_or_else(|e| {
                problems.push(format!("nianbao.toml: {e}"));
                Config::default()
            });
            let checked = if text.is_empty() && !problems.is_empty() {
                None
            } else {
                match panic::catch_unwind(AssertUnwindSafe(|| check_text(&text, &config))) {
                    Ok(c) => Some(c),
                    Err(p) => {
                        problems.push(format!("check_text panicked: {}", panic_message(p)));
                        None
                    }
                }
            };
            loaded.push(Loaded {
                fixture,
                text,
                config,
                expectations,
                checked,
                problems,
            });
        }
        // The rules across the reports of the folder.
        let checked_ones: Vec<usize> = (0..loaded.len())
            .filter(|&i| loaded[i].checked.is_some())
            .collect();
        let members: Vec<Member> = checked_ones
            .iter()
            .map(|&i| Member {
                path: &loaded[i].fixture.path,
                text: &loaded[i].text,
                checked: loaded[i].checked.as_ref().expect("filtered"),
                config: Some(&loaded[i].config),
            })
            .collect();
        let merged = panic::catch_unwind(AssertUnwindSafe(|| folder_pass(&members)));
        drop(members);
        let merged: Vec<Option<Vec<Diagnostic>>> = match merged {
            Ok(merged) => merged,
            Err(p) => {
                let message = format!("check_folder panicked: {}", panic_message(p));
                for &i in &checked_ones {
                    loaded[i].problems.push(message.clone());
                }
                vec![None; checked_ones.len()]
            }
        };
        let mut merged_by_index: BTreeMap<usize, Option<Vec<Diagnostic>>> =
            checked_ones.into_iter().zip(merged).collect();
        for (i, l) in loaded.into_iter().enumerate() {
            let mut problems = l.problems;
            let mut reported = Vec::new();
            if let Some(checked) = &l.checked {
                let diagnostics = merged_by_index
                    .remove(&i)
                    .flatten()
                    .unwrap_or_else(|| checked.diagnostics.clone());
                problems.extend(evaluate(&l.text, &l.expectations, &diagnostics));
                reported = diagnostics
                    .iter()
                    .map(|d| {
                        format!(
                            "{}:{} {} {}",
                            line_of(&l.text, d.range.start),
                            d.severity.as_str(),
                            d.code,
                            d.message
                        )
                    })
                    .collect();
            }
            outcomes.push(Outcome {
                name: l.fixture.name.clone(),
                known_bug: l.fixture.known_bug,
                problems,
                reported,
            });
        }
    }
    outcomes
}

#[test]
fn fixtures_meet_their_expectations() {
    let outcomes = run_all();
    let checked = outcomes.iter().filter(|o| !o.known_bug).count();
    let mut failures = Vec::new();
    for o in outcomes
        .iter()
        .filter(|o| !o.known_bug && !o.problems.is_empty())
    {
        let mut s = format!("{}:\n", o.name);
        for p in &o.problems {
            s.push_str(&format!("    ✗ {p}\n"));
        }
        if !o.reported.is_empty() {
            s.push_str("    reported:\n");
            for r in &o.reported {
                s.push_str(&format!("      {r}\n"));
            }
        }
        failures.push(s);
    }
    println!("{checked} rule fixtures checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} rule fixtures fail (tests/fixtures/rules/):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn known_bugs_are_reported_not_failed() {
    let outcomes = run_all();
    let bugs: Vec<&Outcome> = outcomes.iter().filter(|o| o.known_bug).collect();
    println!("{} known-bug fixtures ({KNOWN_BUGS}/):", bugs.len());
    for o in bugs {
        if o.problems.is_empty() {
            println!(
                "  FIXED  {} — now passes: move it to its rule's folder",
                o.name
            );
        } else {
            println!("  open   {}", o.name);
            for p in &o.problems {
                println!("           {p}");
            }
        }
    }
}

#[test]
fn every_rule_has_a_trigger_and_a_near_miss() {
    let mut triggers: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut near_misses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for fixture in fixtures().values().flatten().filter(|f| !f.known_bug) {
        let text = std::fs::read_to_string(&fixture.path).unwrap_or_default();
        let Ok(expectations) = parse_header(&text) else {
            continue; // reported by fixtures_meet_their_expectations
        };
        let file_name = fixture.file_name();
        for rule in RULES {
            if file_name.starts_with("trigger")
                && expectations.iter().any(|e| e.triggers(rule.code))
            {
                triggers
                    .entry(rule.code)
                    .or_default()
                    .push(fixture.name.clone());
            }
            if file_name.starts_with("near-miss")
                && expectations
                    .iter()
                    .any(|e| e.kind == Kind::ExpectNot && e.codes.iter().any(|c| c == rule.code))
            {
                near_misses
                    .entry(rule.code)
                    .or_default()
                    .push(fixture.name.clone());
            }
        }
    }
    for rule in RULES {
        if !triggers.contains_key(rule.code) {
            problems.push(format!(
                "{}: no trigger*.nianbao expects it (tests/fixtures/rules/{}/)",
                rule.code, rule.code
            ));
        }
        if !near_misses.contains_key(rule.code) {
            problems.push(format!(
                "{}: no near-miss*.nianbao expects it not (tests/fixtures/rules/{}/)",
                rule.code, rule.code
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "rules without fixtures:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn header_syntax() {
    let e = parse_header("---\n// expect: table-sum x2 @error, placeholder -- 理由\n// expect-not: deadline，cell-blank\n标题: x\n").unwrap();
    assert_eq!(e.len(), 4);
    assert_eq!(e[0].describe(), "table-sum x2 @error");
    assert_eq!(e[1].describe(), "placeholder");
    assert_eq!(e[3].kind, Kind::ExpectNot);
    assert_eq!(e[3].codes, ["cell-blank"]);
    let e = parse_header("\u{feff}// expect: front-matter-invalid|syntax-error x1\r\n----\r\n")
        .unwrap();
    assert_eq!(e[0].codes.len(), 2);
    assert!(parse_header("// expect: no-such-code\n").is_err());
    assert!(parse_header("// expect-not: table-sum x1\n").is_err());
    // Expectations stop at the first line that is not a comment.
    assert!(parse_header("---\n年度: 2023\n// expect: table-sum\n")
        .unwrap()
        .is_empty());
}

#[test]
fn every_rule_is_documented() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
    let doc = std::fs::read_to_string(&path).expect("docs/rules.md");
    let headings: Vec<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(str::trim)
        .filter(|h| h.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .collect();
    let mut problems = Vec::new();
    for rule in RULES {
        match headings.iter().filter(|h| **h == rule.code).count() {
            1 => {}
            0 => problems.push(format!("no `## {}` entry", rule.code)),
            n => problems.push(format!("{n} `## {}` entries", rule.code)),
        }
    }
    for h in &headings {
        if !is_registered(h) {
            problems.push(format!("`## {h}` is not a rule code of RULES"));
        }
    }
    assert!(
        problems.is_empty(),
        "docs/rules.md:\n  {}",
        problems.join("\n  ")
    );
}
