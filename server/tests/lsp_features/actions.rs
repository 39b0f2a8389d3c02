//! Code actions that fix what they say; formatting (and `nianbao fmt`, which shares the formatter).

use super::*;

async fn actions(c: &mut TestClient, range: Value, only: Option<&str>) -> Vec<Value> {
    let mut context = json!({ "diagnostics": [] });
    if let Some(k) = only {
        context["only"] = json!([k]);
    }
    c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": range, "context": context }),
    )
    .await
    .unwrap()
    .as_array()
    .unwrap()
    .clone()
}

fn edits_of(action: &Value) -> Vec<Value> {
    action["edit"]["changes"][URI].as_array().unwrap().clone()
}

#[test]
fn the_fix_for_a_wrong_total_makes_the_relation_hold() {
    for client in ["vscode", "neovim"] {
        let encoding = if client == "neovim" {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let marked = wrong_total().replace(
            "| （七）总计 | 10 | 2 | 0 | 0 | 0 | 0 | 15 |",
            "| （七）总计 | 10 | 2 | 0 | 0 | 0 | 0 | 1$05 |",
        );
        runtime().block_on(async {
            let (mut c, text, pos) = open_at(client, None, &marked).await;
            let range = json!({ "start": pos, "end": pos });
            let list = actions(&mut c, range, None).await;
            let fix = list.iter().find(|a| a["title"] == "改为 12").unwrap_or_else(|| panic!("{list:#?}"));
            assert_eq!(fix["kind"], "quickfix");
            assert_eq!(fix["isPreferred"], true);
            assert_eq!(fix["diagnostics"][0]["code"], "table-sum");
            let fixed = apply_edits(&text, &edits_of(fix), encoding);
            assert!(fixed.contains("| （七）总计 | 10 | 2 | 0 | 0 | 0 | 0 | 12 |"));
            c.notify("textDocument/didChange", json!({ "textDocument": { "uri": URI, "version": 2 },
                "contentChanges": edits_of(fix).iter().map(|e| json!({ "range": e["range"], "text": e["newText"] })).collect::<Vec<_>>() })).await;
            let after = c.diagnostics(URI).await;
            assert!(!codes(&after).contains(&"table-sum".to_string()), "{:?}", codes(&after));
            assert!(c.shutdown().await);
        });
    }
}

#[test]
fn variant_labels_get_the_standard_one_and_rules_can_be_suppressed() {
    let marked = suizhong().replacen("| 本年发件 |", "| 本年$0发件 |", 1);
    runtime().block_on(async {
        let (mut c, text, pos) = open_at("vscode", None, &marked).await;
        let list = actions(&mut c, json!({ "start": pos, "end": pos }), None).await;
        let titles: Vec<&str> = list.iter().map(|a| a["title"].as_str().unwrap()).collect();
        assert!(titles.contains(&"改为“本年制发件数”"), "{titles:?}");
        assert!(
            titles.contains(&"在此行禁用规则 label-variant"),
            "{titles:?}"
        );
        assert!(
            titles.contains(&"在本文件中禁用规则 label-variant"),
            "{titles:?}"
        );
        let fix = list
            .iter()
            .find(|a| a["title"] == "改为“本年制发件数”")
            .unwrap();
        assert!(apply_edits(&text, &edits_of(fix), Encoding::Utf16).contains("| 本年制发件数 |"));
        // Suppressing for the line removes both label-variant findings on it.
        let suppress = list
            .iter()
            .find(|a| a["title"] == "在此行禁用规则 label-variant")
            .unwrap();
        let suppressed = apply_edits(&text, &edits_of(suppress), Encoding::Utf16);
        assert!(
            suppressed.contains("// nianbao-disable-next-line label-variant\n| 第二十条第(一)项")
        );
        let checked = nianbao_core::check::check_text(&suppressed, &Default::default());
        assert!(!checked
            .diagnostics
            .iter()
            .any(|d| d.code == "label-variant"));
        // The file-wide directive goes inside the front matter, after `---`.
        let file = list
            .iter()
            .find(|a| a["title"] == "在本文件中禁用规则 label-variant")
            .unwrap();
        let whole = apply_edits(&text, &edits_of(file), Encoding::Utf16);
        assert!(whole.starts_with("---\n// nianbao-disable-file label-variant\n标题"));
        assert!(
            !nianbao_core::check::check_text(&whole, &Default::default())
                .diagnostics
                .iter()
                .any(|d| d.code == "label-variant")
        );
        assert!(c.shutdown().await);
    });
}

#[test]
fn fix_all_applies_every_fix_that_fits() {
    let examples = examples();
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        for path in &examples {
            let text = std::fs::read_to_string(path).unwrap();
            c.open(URI, &text).await;
            let before = c.diagnostics(URI).await;
            let fixable = before["diagnostics"].as_array().unwrap().iter().filter(|d| d["data"].get("fix").is_some()).count();
            let everything = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 100000, "character": 0 } });
            let list = actions(&mut c, everything, Some("source.fixAll")).await;
            if fixable == 0 {
                assert!(list.is_empty(), "{}", path.display());
            } else {
                assert_eq!(list.len(), 1);
                let fixed = apply_edits(&text, &edits_of(&list[0]), Encoding::Utf16);
                let after = nianbao_core::check::check_text(&fixed, &Default::default());
                let still = after.diagnostics.iter().filter(|d| d.fix.is_some()).count();
                assert!(still < fixable, "{}: {still} fixable left of {fixable}", path.display());
            }
            c.notify("textDocument/didClose", json!({ "textDocument": { "uri": URI } })).await;
            let _ = c.diagnostics(URI).await;
        }
        assert!(c.shutdown().await);
    });
}

// ---------------------------------------------------------------------------
// Formatting

fn non_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn formatting_aligns_tables_changes_only_whitespace_and_is_idempotent() {
    let mut reports = all_reports();
    reports.retain(|p| p.exists());
    runtime().block_on(async {
        for client in ["vscode", "neovim"] {
            let encoding = if client == "neovim" {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            };
            let mut c = start(client, None).await;
            for path in &reports {
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                c.open(URI, &text).await;
                let _ = c.diagnostics(URI).await;
                let options = json!({ "tabSize": 4, "insertSpaces": true });
                let edits = c
                    .request(
                        "textDocument/formatting",
                        json!({ "textDocument": { "uri": URI }, "options": options }),
                    )
                    .await
                    .unwrap();
                let formatted = apply_edits(&text, edits.as_array().unwrap(), encoding);
                assert_eq!(
                    formatted,
                    nianbao_core::fmt::format(&text),
                    "{}",
                    path.display()
                );
                assert_eq!(
                    non_whitespace(&formatted),
                    non_whitespace(&text),
                    "{}",
                    path.display()
                );
                assert_eq!(
                    nianbao_core::fmt::format(&formatted),
                    formatted,
                    "idempotent: {}",
                    path.display()
                );
                assert_eq!(
                    nianbao_core::syntax::parse(&formatted)
                        .root_node()
                        .to_sexp(),
                    nianbao_core::syntax::parse(&text).root_node().to_sexp(),
                    "same tree: {}",
                    path.display()
                );
                // The findings are the same, apart from where they point.
                let before: Vec<&str> = nianbao_core::check::check_text(&text, &Default::default())
                    .diagnostics
                    .iter()
                    .map(|d| d.code.as_str())
                    .collect();
                let after: Vec<&str> =
                    nianbao_core::check::check_text(&formatted, &Default::default())
                        .diagnostics
                        .iter()
                        .map(|d| d.code.as_str())
                        .collect();
                assert_eq!(before, after, "{}", path.display());
                c.notify(
                    "textDocument/didClose",
                    json!({ "textDocument": { "uri": URI } }),
                )
                .await;
                let _ = c.diagnostics(URI).await;
            }
            assert!(c.shutdown().await);
        }
    });
}

/// `nianbao fmt` shares the formatter: `--check` says which files need it
/// (exit 1), without `--check` it rewrites them, `-` filters stdin.
#[test]
fn fmt_command_checks_writes_and_filters() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = scratch("fmt");
    let file = dir.join("report.nianbao");
    let text = suizhong();
    std::fs::write(&file, &text).unwrap();
    let run = |args: &[&str]| command().args(args).output().unwrap();
    let f = file.to_str().unwrap();
    let check = run(&["fmt", "--check", f]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("report.nianbao"));
    assert_eq!(run(&["fmt", f]).status.code(), Some(0));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, nianbao_core::fmt::format(&text));
    assert_eq!(run(&["fmt", "--check", f]).status.code(), Some(0));
    let mut child = command()
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), written);
    std::fs::remove_dir_all(&dir).unwrap();
}
