//! The baseline of reviewed findings in the language server (docs/review.md):
//! “标记为已复核…” appends the finding's entry to the workspace baseline
//! (creating the file), and once the file is saved (the server watches it)
//! the finding is published
//! as a hint marked 已复核, with no more action to mark it.

mod lsp_support;

use lsp_support::*;
use nianbao_core::position::Encoding;
use serde_json::{json, Value};

fn table_sum(params: &Value) -> Vec<Value> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "table-sum")
        .cloned()
        .collect()
}

#[test]
fn mark_as_reviewed_then_published_as_a_hint() {
    let dir = std::env::temp_dir().join(format!("nianbao-lsp-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.nianbao");
    let text = std::fs::read_to_string(fixture("wrong-total.nianbao")).unwrap();
    std::fs::write(&path, &text).unwrap();
    let report = uri(&path);
    let baseline = dir.join("nianbao-baseline.toml");
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        c.open(&report, &text).await;
        let first = c.diagnostics(&report).await;
        let found = table_sum(&first);
        assert!(!found.is_empty(), "{first:#?}");
        assert_eq!(found[0]["severity"], 1);
        let range = found[0]["range"].clone();
        let ask = json!({ "textDocument": { "uri": report }, "range": range,
            "context": { "diagnostics": [] } });
        let list = c
            .request("textDocument/codeAction", ask.clone())
            .await
            .unwrap();
        let mark = list
            .as_array()
            .unwrap()
            .iter()
            .find(|a| {
                a["title"]
                    .as_str()
                    .unwrap()
                    .starts_with("标记为已复核…：不是问题")
                    && a["diagnostics"][0]["code"] == "table-sum"
            })
            .unwrap_or_else(|| panic!("{list:#?}"))
            .clone();
        let ops = mark["edit"]["documentChanges"].as_array().unwrap();
        assert_eq!(ops[0]["kind"], "create", "{ops:#?}");
        assert!(ops[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/nianbao-baseline.toml"));
        assert_eq!(ops[0]["options"]["ignoreIfExists"], true);
        let edit = &ops[1]["edits"][0];
        let new_text = edit["newText"].as_str().unwrap();
        assert!(new_text.contains("code = \"table-sum\""), "{new_text}");
        assert!(new_text.contains("status = \"dismissed\""), "{new_text}");
        assert!(new_text.contains("path = \"report.nianbao\""), "{new_text}");

        // The client creates the file, applies the edit and saves it.
        let written = apply_edits("", std::slice::from_ref(edit), Encoding::Utf16);
        std::fs::write(&baseline, &written).unwrap();
        c.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": uri(&baseline), "type": 1 }] }),
        )
        .await;
        let after = c.diagnostics(&report).await;
        let reviewed = table_sum(&after);
        assert!(
            reviewed.iter().any(|d| d["severity"] == 4
                && d["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("［已复核：不是问题］")),
            "{after:#?}"
        );

        // No action to mark it again; the next one appends after the first entry.
        let list = c.request("textDocument/codeAction", ask).await.unwrap();
        let again: Vec<&Value> = list
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["title"].as_str().unwrap().starts_with("标记为已复核"))
            .filter(|a| a["diagnostics"][0]["message"] == reviewed[0]["message"])
            .collect();
        assert!(again.is_empty(), "{again:#?}");
        assert!(c.shutdown().await);
    });
    let _ = std::fs::remove_dir_all(&dir);
}
