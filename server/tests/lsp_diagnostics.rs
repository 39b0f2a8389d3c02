//! The language server's diagnostics are the CLI's: for every example and
//! every fixture of the repository, under UTF-16 (VS Code) and UTF-8
//! (Neovim), the same codes, severities, messages, ranges (the CLI's byte
//! ranges converted), related information and fixes as
//! `nianbao check --format json`. And the rules across the reports of a
//! folder see the neighbours on disk and follow a neighbour's edits.

mod lsp_support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_support::*;
use nianbao_core::position::Encoding;
use serde_json::{json, Value};

fn severity_number(s: &str) -> u64 {
    match s {
        "error" => 1,
        "warning" => 2,
        "info" => 3,
        _ => 4,
    }
}

fn location_range(text: &str, location: &Value, encoding: Encoding) -> Value {
    range(
        text,
        location["byte_start"].as_u64().unwrap() as usize,
        location["byte_end"].as_u64().unwrap() as usize,
        encoding,
    )
}

fn compare(path: &Path, text: &str, cli: &[Value], lsp: &[Value], encoding: Encoding) {
    let codes = |v: &[Value]| -> Vec<String> {
        v.iter()
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(
        lsp.len(),
        cli.len(),
        "{}: {encoding:?}\nCLI: {:?}\nLSP: {:?}",
        path.display(),
        codes(cli),
        codes(lsp)
    );
    for (c, l) in cli.iter().zip(lsp) {
        let at = format!("{} {encoding:?} {}", path.display(), c["code"]);
        assert_eq!(l["code"], c["code"], "{at}");
        assert_eq!(l["message"], c["message"], "{at}");
        assert_eq!(l["source"], "nianbao", "{at}");
        assert_eq!(
            l["severity"].as_u64(),
            Some(severity_number(c["severity"].as_str().unwrap())),
            "{at}"
        );
        assert_eq!(
            l["range"],
            location_range(text, &c["range"], encoding),
            "{at}"
        );
        let href = l["codeDescription"]["href"].as_str().unwrap();
        assert!(
            href.ends_with(&format!("docs/rules.md#{}", c["code"].as_str().unwrap())),
            "{at}: {href}"
        );
        // Related information: the other cells of a relation.
        let related = c["related"].as_array().unwrap();
        let lsp_related = l["relatedInformation"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(lsp_related.len(), related.len(), "{at}");
        for (cr, lr) in related.iter().zip(&lsp_related) {
            assert_eq!(lr["message"], cr["message"], "{at}");
            // A place in another file (hierarchy-sum: a subordinate's cell) is in that file.
            let other = cr["path"].as_str().map(|p| {
                let uri = lr["location"]["uri"].as_str().unwrap();
                let name = Path::new(p).file_name().unwrap().to_str().unwrap();
                assert!(uri.ends_with(name), "{at}: {uri} {p}");
                std::fs::read_to_string(p).unwrap()
            });
            assert_eq!(
                lr["location"]["range"],
                location_range(other.as_deref().unwrap_or(text), &cr["range"], encoding),
                "{at}"
            );
        }
        // The fix travels in `data`.
        match c["fix"].as_object() {
            None => assert!(l["data"].get("fix").is_none(), "{at}"),
            Some(fix) => {
                let lf = &l["data"]["fix"];
                assert_eq!(lf["title"], fix["title"], "{at}");
                let edits = fix["edits"].as_array().unwrap();
                let lsp_edits = lf["edits"].as_array().unwrap();
                assert_eq!(lsp_edits.len(), edits.len(), "{at}");
                for (ce, le) in edits.iter().zip(lsp_edits) {
                    assert_eq!(le["newText"], ce["new_text"], "{at}");
                    assert_eq!(
                        le["range"],
                        location_range(text, &ce["range"], encoding),
                        "{at}"
                    );
                }
            }
        }
    }
}

#[test]
fn diagnostics_equal_the_cli_for_every_report_in_both_encodings() {
    let reports = all_reports();
    assert!(reports.len() >= 7, "examples and fixtures are found");
    let cli = cli_check(&reports);
    let by_path: HashMap<PathBuf, Vec<Value>> = cli["files"]
        .as_array()
        .unwrap()
        .iter()
        // (Another test may be writing and removing files meanwhile.)
        .filter_map(|f| {
            let p = std::fs::canonicalize(f["path"].as_str().unwrap()).ok()?;
            Some((p, f["diagnostics"].as_array().unwrap().clone()))
        })
        .collect();
    for encoding in [Encoding::Utf16, Encoding::Utf8] {
        runtime().block_on(async {
            let mut c = start(client_for(encoding), None).await;
            for path in &reports {
                let (Ok(text), Some(expected)) = (
                    std::fs::read_to_string(path),
                    std::fs::canonicalize(path)
                        .ok()
                        .and_then(|p| by_path.get(&p)),
                ) else {
                    continue;
                };
                let u = uri(path);
                c.open(&u, &text).await;
                let published = c.diagnostics(&u).await;
                assert_eq!(published["version"], 1);
                compare(
                    path,
                    &text,
                    expected,
                    published["diagnostics"].as_array().unwrap(),
                    encoding,
                );
                c.notify(
                    "textDocument/didClose",
                    json!({ "textDocument": { "uri": u } }),
                )
                .await;
                let cleared = c.diagnostics(&u).await;
                assert_eq!(cleared["diagnostics"], json!([]));
            }
            assert!(c.shutdown().await);
        });
    }
}

/// The carry-over rule compares with last year's report of the same 机关
/// in the same folder: read from disk while it is closed, from the buffer
/// while it is open, and the report is checked again when it changes.
#[test]
fn cross_report_rules_follow_the_neighbour() {
    let dir = root().join("tests/fixtures/rules/carry-over/mismatch");
    let this = dir.join("trigger-2023.nianbao");
    let last = dir.join("2022.nianbao");
    let text = std::fs::read_to_string(&this).unwrap();
    let last_text = std::fs::read_to_string(&last).unwrap();
    let carry = |d: &Value| {
        d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "carry-over")
            .count()
    };
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        let (u, lu) = (uri(&this), uri(&last));
        c.open(&u, &text).await;
        assert_eq!(carry(&c.diagnostics(&u).await), 3, "the neighbour on disk is read");

        // Open last year's report with the figures this year's carries.
        let fixed = last_text.replace(
            "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 1 | 2 |",
            "| 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
        );
        assert_ne!(fixed, last_text);
        c.open(&lu, &fixed).await;
        let _ = c.diagnostics(&lu).await;
        assert_eq!(carry(&c.diagnostics(&u).await), 0, "the open buffer wins over the file");

        // Undo that in the buffer, incrementally: this year's report again.
        let at = fixed.find("| 四、结转下年度继续办理 | 3 |").unwrap();
        let line = text_line(&fixed, at);
        let new_line = "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 1 | 2 |";
        c.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": lu, "version": 2 },
                "contentChanges": [{ "range": range(&fixed, line.0, line.1, Encoding::Utf16), "text": new_line }],
            }),
        )
        .await;
        let _ = c.diagnostics(&lu).await;
        assert_eq!(carry(&c.diagnostics(&u).await), 3, "a neighbour's edit rechecks the report");

        // Closing the neighbour goes back to the file on disk (same figures
        // as the buffer now): nothing changes, nothing is published for it.
        c.notify("textDocument/didClose", json!({ "textDocument": { "uri": lu } })).await;
        assert_eq!(c.diagnostics(&lu).await["diagnostics"], json!([]));
        assert!(c.shutdown().await);
    });
}

/// Requests never wait for the reports next to the open one: with a 3 MB
/// neighbour in the folder (checking it takes far longer than a hover), a
/// hover sent right after `didOpen` is answered before the report's
/// diagnostics, which wait for the neighbours' facts and then carry the
/// cross-report findings as before.
#[test]
fn a_hover_does_not_wait_for_a_huge_neighbour() {
    let fixture = root().join("tests/fixtures/rules/carry-over/mismatch");
    let dir = scratch("huge-neighbour");
    for name in ["trigger-2023.nianbao", "2022.nianbao"] {
        std::fs::copy(fixture.join(name), dir.join(name)).unwrap();
    }
    // Another 机关's report, its body repeated to 3 MB.
    let typical = std::fs::read_to_string(root().join("examples/suizhong-2023.nianbao")).unwrap();
    let body_start = typical.find("\n# 一、").unwrap() + 1;
    let mut huge = typical[..body_start].to_string();
    while huge.len() < 3 << 20 {
        huge.push_str(&typical[body_start..]);
        huge.push('\n');
    }
    std::fs::write(dir.join("huge.nianbao"), &huge).unwrap();
    let this = dir.join("trigger-2023.nianbao");
    let text = std::fs::read_to_string(&this).unwrap();
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        let u = uri(&this);
        c.open(&u, &text).await;
        let hover = c
            .request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": u }, "position": { "line": 0, "character": 0 } }),
            )
            .await;
        assert!(hover.is_ok(), "{hover:?}");
        assert!(
            !c.notifications
                .iter()
                .any(|n| n["method"] == "textDocument/publishDiagnostics"),
            "the hover was answered after the neighbours were checked"
        );
        let published = c.diagnostics(&u).await;
        let carry = published["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "carry-over")
            .count();
        assert_eq!(
            carry, 3,
            "published with the neighbours' facts: {published}"
        );
        assert!(c.shutdown().await);
    });
    let _ = std::fs::remove_dir_all(&dir);
}

fn text_line(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}
