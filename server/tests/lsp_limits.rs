//! A document over the size limit, opened in the language server: one
//! diagnostic explaining why it is not analysed, requests answered with an
//! error (not a frozen server), and analysed again once it is small enough.
//! (Its own test binary: the limit is process-wide.)

mod lsp_support;

use lsp_support::*;
use serde_json::json;

#[test]
fn a_document_over_the_limit_gets_one_diagnostic_and_no_analysis() {
    nianbao_core::workspace::set_max_bytes(4096);
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        let u = "file:///tmp/limits/big.nianbao";
        let big = "---\n年度: 2023\n---\n\n# 一、总体情况\n\n".to_string()
            + &"本机关共主动公开政府信息 100 条，其中 50 条。\n".repeat(200);
        assert!(big.len() > 4096);
        c.open(u, &big).await;
        let d = c.diagnostics(u).await;
        let list = d["diagnostics"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{d}");
        let message = list[0]["message"].as_str().unwrap();
        assert!(message.contains("大小上限 4 KB") && message.contains("NIANBAO_MAX_SIZE"), "{message}");
        // Requests get an answer, not a hang.
        let e = c
            .request("textDocument/hover", json!({ "textDocument": { "uri": u }, "position": { "line": 6, "character": 3 } }))
            .await
            .unwrap_err();
        assert!(e["message"].as_str().unwrap().contains("过大"), "{e}");
        // An edit that keeps it large: still the one diagnostic.
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": u, "version": 2 },
                    "contentChanges": [{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "x" }] }),
        )
        .await;
        let d = c.diagnostics(u).await;
        assert_eq!(d["version"], 2);
        assert_eq!(d["diagnostics"].as_array().unwrap().len(), 1, "{d}");
        // Small again: analysed as usual.
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": u, "version": 3 },
                    "contentChanges": [{ "text": "---\n年度: 2023\n---\n\n# 一、总体情况\n\n正文。\n" }] }),
        )
        .await;
        let d = c.diagnostics(u).await;
        assert_eq!(d["version"], 3);
        assert!(d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["code"] != "too-large"), "{d}");
        // A paste that takes a small document over the limit.
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": u, "version": 4 },
                    "contentChanges": [{ "range": { "start": { "line": 7, "character": 0 }, "end": { "line": 7, "character": 0 } }, "text": "其中".repeat(2000) }] }),
        )
        .await;
        let d = c.diagnostics(u).await;
        assert_eq!(d["version"], 4);
        assert_eq!(d["diagnostics"][0]["code"], "too-large", "{d}");
        assert!(c.shutdown().await);
    });
}
