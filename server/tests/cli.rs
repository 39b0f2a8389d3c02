//! The `nianbao` binary: every output format (snapshots) and every exit code.

mod support;

use support::{command, nianbao, root, stderr, stdout};

const DEFECTS: &str = "tests/fixtures/cli/defects.nianbao";

#[test]
fn human_output() {
    let o = nianbao(&["check", DEFECTS]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn human_carets_align_under_cjk() {
    let o = nianbao(&["check", DEFECTS]);
    let out = stdout(&o);
    // The line with the placeholder and the caret line under it: the caret
    // starts at the display column (CJK = 2 columns) of "()".
    let block = &out[out.find("warning[placeholder]").unwrap()..];
    let lines: Vec<&str> = block.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains("年访问量达()"))
        .unwrap();
    let source = lines[i];
    let carets = lines[i + 1];
    // Both lines start with the same gutter; compare display widths.
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let source_col = width(&source[..source.find("()").unwrap()]);
    let caret_col = width(&carets[..carets.find('━').unwrap()]);
    assert_eq!(caret_col, source_col, "\n{source}\n{carets}");
}

#[test]
fn json_output() {
    let o = nianbao(&["check", "--format", "json", DEFECTS]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn sarif_output() {
    let o = nianbao(&["check", "--format", "sarif", DEFECTS]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for result in v["runs"][0]["results"].as_array().unwrap() {
        assert!(rules.iter().any(|r| r["id"] == result["ruleId"]));
    }
    insta::assert_snapshot!(stdout(&o).replace(env!("CARGO_PKG_VERSION"), "VERSION"));
}

#[test]
fn github_output() {
    let o = nianbao(&["check", "--format", "github", DEFECTS]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn exit_codes() {
    // 0: clean.
    let o = nianbao(&["check", "tests/fixtures/cli/clean.nianbao"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // 0 with warnings by default, 1 with --deny warnings.
    let o = nianbao(&["check", "tests/fixtures/cli/warning-only.nianbao"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("prose-breakdown"));
    let o = nianbao(&[
        "check",
        "--deny",
        "warnings",
        "tests/fixtures/cli/warning-only.nianbao",
    ]);
    assert_eq!(o.status.code(), Some(1));
    // 1: errors.
    assert_eq!(nianbao(&["check", DEFECTS]).status.code(), Some(1));
    // 2: a missing file, a usage error, non-UTF-8 input.
    let o = nianbao(&["check", "no/such/file.nianbao"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("找不到"), "{}", stderr(&o));
    assert_eq!(
        nianbao(&["check", "--format", "xml", DEFECTS])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(nianbao(&["check"]).status.code(), Some(2));
    let o = nianbao(&["check", "tests/fixtures/cli/gbk.nianbao"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("UTF-8") && stderr(&o).contains("nianbao import"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = command()
        .args(["check", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let text = std::fs::read(root().join(DEFECTS)).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["path"], "<stdin>");
    assert!(!v["files"][0]["diagnostics"].as_array().unwrap().is_empty());
}

#[test]
fn a_huge_input_is_refused_with_a_message() {
    let dir = std::env::temp_dir().join(format!("nianbao-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.nianbao");
    // 100 MB, sparse: refused from its size before anything is read.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let o = nianbao(&["check", path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("过大"), "{}", stderr(&o));
}

#[test]
fn folders_are_checked_recursively() {
    let o = nianbao(&["check", "--format", "json", "examples"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 5);
}
