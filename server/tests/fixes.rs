//! Applying a diagnostic's fix removes that finding and breaks nothing: for
//! every fix offered on the examples and fixtures, the fixed text parses
//! without errors and the finding (same code, same place, same relation) is
//! gone. Fixing a total can expose another relation through that total; that
//! is a different finding.

use std::path::Path;

use nianbao_core::check::{check_text, Config};

fn apply(text: &str, fix: &nianbao_core::diagnostic::Fix) -> String {
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.range.clone(), &e.new_text);
    }
    out
}

#[test]
fn every_fix_removes_its_finding() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in [
        "examples",
        "tests/fixtures/cli",
        "tests/fixtures/rules/section-ordinal",
        "tests/fixtures/rules/cell-not-applicable",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "nianbao") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    files.push((path, text));
                }
            }
        }
    }
    let mut applied = 0;
    let mut codes = std::collections::BTreeSet::new();
    for (path, text) in &files {
        let before = check_text(text, &Config::default());
        for d in before.diagnostics.iter().filter(|d| d.fix.is_some()) {
            let fixed = apply(text, d.fix.as_ref().unwrap());
            let after = check_text(&fixed, &Config::default());
            assert!(
                !after.tree.root_node().has_error(),
                "{}: fix of {} made a syntax error:\n{fixed}",
                path.display(),
                d.code
            );
            let what = |x: &nianbao_core::diagnostic::Diagnostic| {
                let head = x.message.split('：').next().unwrap_or("").to_string();
                (x.code, x.range.start, head)
            };
            let gone = !after.diagnostics.iter().any(|x| what(x) == what(d))
                || after
                    .diagnostics
                    .iter()
                    .filter(|x| x.code == d.code)
                    .count()
                    < before
                        .diagnostics
                        .iter()
                        .filter(|x| x.code == d.code)
                        .count();
            assert!(
                gone,
                "{}: fix “{}” of {} ({}) did not remove it",
                path.display(),
                d.fix.as_ref().unwrap().title,
                d.code,
                d.message
            );
            applied += 1;
            codes.insert(d.code.as_str());
        }
    }
    for code in [
        "label-variant",
        "table-sum",
        "row-missing",
        "table-missing",
        "section-missing",
    ] {
        assert!(
            codes.contains(code),
            "no fix of {code} was exercised: {codes:?}"
        );
    }
    assert!(applied >= 10, "only {applied} fixes applied");
}
