//! The protocol end of the language server, over real JSON-RPC framing:
//! negotiation with the `initialize` params VS Code and Neovim send, a
//! handler for every advertised capability, and errors — not crashes — for
//! malformed messages, unknown documents, out-of-range positions, requests
//! after shutdown and a panic inside a handler.

mod lsp_support;

use lsp_support::*;
use nianbao_core::position::Encoding;
use nianbao_testkit::TestClient;
use serde_json::{json, Value};

const METHOD_NOT_FOUND: i64 = -32601;

fn example() -> (String, String) {
    let path = root().join("examples/suizhong-2023.nianbao");
    (uri(&path), std::fs::read_to_string(path).unwrap())
}

#[test]
fn encoding_is_negotiated() {
    runtime().block_on(async {
        for (client, expected) in [("vscode", "utf-16"), ("neovim", "utf-8")] {
            let mut c = TestClient::start();
            let result = c.initialize(init_params(client)).await;
            assert_eq!(
                result["capabilities"]["positionEncoding"], expected,
                "{client}"
            );
            assert_eq!(result["serverInfo"]["name"], "nianbao");
            assert!(c.shutdown().await);
        }
        // A client that says nothing gets UTF-16.
        let mut c = TestClient::start();
        let result = c.initialize(json!({ "capabilities": {} })).await;
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        assert!(c.shutdown().await);
    });
}

/// The request that exercises each server capability; a capability not
/// listed here fails the test, so that a new one gets its handler tested.
fn requests_for(capability: &str, caps: &Value, uri: &str) -> Option<Vec<(&'static str, Value)>> {
    let doc = json!({ "uri": uri });
    let pos = json!({ "line": 50, "character": 3 });
    let range =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 60, "character": 0 } });
    Some(match capability {
        "positionEncoding" | "textDocumentSync" => Vec::new(),
        "completionProvider" => vec![(
            "textDocument/completion",
            json!({ "textDocument": doc, "position": pos }),
        )],
        "hoverProvider" => vec![(
            "textDocument/hover",
            json!({ "textDocument": doc, "position": pos }),
        )],
        "codeActionProvider" => vec![(
            "textDocument/codeAction",
            json!({ "textDocument": doc, "range": range, "context": { "diagnostics": [] } }),
        )],
        "documentSymbolProvider" => vec![(
            "textDocument/documentSymbol",
            json!({ "textDocument": doc }),
        )],
        "foldingRangeProvider" => {
            vec![("textDocument/foldingRange", json!({ "textDocument": doc }))]
        }
        "documentFormattingProvider" => vec![(
            "textDocument/formatting",
            json!({ "textDocument": doc, "options": { "tabSize": 4, "insertSpaces": true } }),
        )],
        "semanticTokensProvider" => {
            let mut v = vec![(
                "textDocument/semanticTokens/full",
                json!({ "textDocument": doc }),
            )];
            if caps["semanticTokensProvider"]["range"] == true {
                v.push((
                    "textDocument/semanticTokens/range",
                    json!({ "textDocument": doc, "range": range }),
                ));
            }
            if caps["semanticTokensProvider"]["full"]["delta"] == true {
                v.push((
                    "textDocument/semanticTokens/full/delta",
                    json!({ "textDocument": doc, "previousResultId": "0" }),
                ));
            }
            v
        }
        "inlayHintProvider" => vec![(
            "textDocument/inlayHint",
            json!({ "textDocument": doc, "range": range }),
        )],
        _ => return None,
    })
}

#[test]
fn every_advertised_capability_has_a_handler() {
    runtime().block_on(async {
        for client in ["vscode", "neovim"] {
            let mut c = TestClient::start();
            let result = c.initialize(init_params(client)).await;
            let caps = &result["capabilities"];
            let (u, text) = example();
            c.open(&u, &text).await;
            let _ = c.diagnostics(&u).await;
            for (capability, value) in caps.as_object().unwrap() {
                if value.is_null() || value == false {
                    continue;
                }
                let requests = requests_for(capability, caps, &u)
                    .unwrap_or_else(|| panic!("{capability} is advertised: add its request to this test"));
                for (method, params) in requests {
                    match c.request(method, params).await {
                        Ok(_) => {}
                        Err(e) => assert_ne!(e["code"], METHOD_NOT_FOUND, "{client}: {method} has no handler: {e}"),
                    }
                }
            }
            // textDocumentSync: incremental changes are taken.
            let sync = &caps["textDocumentSync"];
            assert_eq!(sync["change"], 2, "incremental");
            assert_eq!(sync["openClose"], true);
            c.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": u, "version": 2 },
                        "contentChanges": [{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "" }] }),
            )
            .await;
            assert_eq!(c.diagnostics(&u).await["version"], 2);
            c.notify("textDocument/didSave", json!({ "textDocument": { "uri": u } })).await;
            assert!(c.shutdown().await, "{client}");
        }
    });
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        // Not JSON at all.
        c.send_raw(b"Content-Length: 9\r\n\r\n{not json").await;
        let e = c.next_notification().await.unwrap();
        assert_eq!(e["error"]["code"], -32700, "{e}");
        assert_eq!(e["id"], Value::Null);
        // JSON, but not JSON-RPC.
        c.send(&json!({ "hello": "world" })).await;
        let e = c.next_notification().await.unwrap();
        assert!(
            e["error"]["code"] == -32600 || e["error"]["code"] == -32700,
            "{e}"
        );
        // Unknown method.
        let e = c
            .request("nianbao/noSuchMethod", json!({}))
            .await
            .unwrap_err();
        assert_eq!(e["code"], METHOD_NOT_FOUND);
        // Wrong params.
        let e = c
            .request("textDocument/hover", json!({ "position": "here" }))
            .await
            .unwrap_err();
        assert_eq!(e["code"], -32602, "{e}");
        // Still serving.
        let (u, text) = example();
        c.open(&u, &text).await;
        assert!(c.diagnostics(&u).await["diagnostics"].is_array());
        assert!(c.shutdown().await);
    });
}

#[test]
fn unknown_documents_get_errors() {
    runtime().block_on(async {
        let mut c = start("neovim", None).await;
        let doc = json!({ "uri": "file:///nowhere/absent.nianbao" });
        let pos = json!({ "line": 0, "character": 0 });
        for (method, params) in [
            (
                "textDocument/hover",
                json!({ "textDocument": doc, "position": pos }),
            ),
            (
                "textDocument/completion",
                json!({ "textDocument": doc, "position": pos }),
            ),
            (
                "textDocument/documentSymbol",
                json!({ "textDocument": doc }),
            ),
            (
                "textDocument/formatting",
                json!({ "textDocument": doc, "options": { "tabSize": 2, "insertSpaces": true } }),
            ),
        ] {
            let e = c.request(method, params).await.unwrap_err();
            assert_eq!(e["code"], -32602, "{method}: {e}");
        }
        // A change to a document that was never opened is logged, not fatal.
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": "file:///nowhere/absent.nianbao", "version": 2 },
                    "contentChanges": [{ "text": "x" }] }),
        )
        .await;
        let log = c.next_notification().await.unwrap();
        assert_eq!(log["method"], "window/logMessage", "{log}");
        let (u, text) = example();
        c.open(&u, &text).await;
        assert!(c.diagnostics(&u).await["diagnostics"].is_array());
        assert!(c.shutdown().await);
    });
}

#[test]
fn out_of_range_positions_are_clamped() {
    runtime().block_on(async {
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let mut c = start(client_for(encoding), None).await;
            let (u, text) = example();
            c.open(&u, &text).await;
            let _ = c.diagnostics(&u).await;
            let far = json!({ "line": 1_000_000, "character": 1_000_000 });
            let line_end = json!({ "line": 1, "character": 1_000_000 });
            for pos in [&far, &line_end] {
                c.request(
                    "textDocument/hover",
                    json!({ "textDocument": { "uri": u }, "position": pos }),
                )
                .await
                .unwrap();
                c.request(
                    "textDocument/completion",
                    json!({ "textDocument": { "uri": u }, "position": pos }),
                )
                .await
                .unwrap();
            }
            // An edit past the end appends; one past a line's end goes to the line's end.
            c.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": u, "version": 2 }, "contentChanges": [
                    { "range": { "start": far, "end": far }, "text": "\n末尾𠮷" },
                    { "range": { "start": line_end, "end": line_end }, "text": "😀" },
                ] }),
            )
            .await;
            let _ = c.diagnostics(&u).await;
            let doc = c
                .request("nianbao/debugDocument", json!({ "uri": u }))
                .await
                .unwrap();
            let mut expected = format!("{text}\n末尾𠮷");
            let first_line_end = expected.find('\n').unwrap();
            let second_line_end =
                first_line_end + 1 + expected[first_line_end + 1..].find('\n').unwrap();
            expected.insert(second_line_end, '😀');
            assert_eq!(doc["text"], expected, "{encoding:?}");
            // A reversed range is taken as the range it spans.
            assert!(c.shutdown().await);
        }
    });
}

#[test]
fn requests_after_shutdown_get_errors() {
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        let (u, text) = example();
        c.open(&u, &text).await;
        let _ = c.diagnostics(&u).await;
        c.request("shutdown", Value::Null).await.unwrap();
        let e = c
            .request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": u }, "position": { "line": 0, "character": 0 } }),
            )
            .await
            .unwrap_err();
        assert_eq!(e["code"], -32600, "{e}");
        let e = c.request("shutdown", Value::Null).await.unwrap_err();
        assert_eq!(e["code"], -32600, "{e}");
        c.notify("exit", Value::Null).await;
        // The server ends: the pipe closes.
        assert!(c.read_message().await.is_none());
    });
}

#[test]
fn requests_before_initialize_get_errors() {
    runtime().block_on(async {
        let mut c = TestClient::start();
        let e = c
            .request("textDocument/hover", json!({ "textDocument": { "uri": "file:///a.nianbao" }, "position": { "line": 0, "character": 0 } }))
            .await
            .unwrap_err();
        assert_eq!(e["code"], -32002, "{e}");
        c.initialize(init_params("vscode")).await;
        assert!(c.shutdown().await);
    });
}

#[test]
fn exit_without_shutdown_is_not_clean() {
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        c.notify("exit", Value::Null).await;
        assert!(c.read_message().await.is_none());
    });
    // `serve` itself reports it.
    runtime().block_on(async {
        let (client, server) = tokio::io::duplex(1 << 16);
        let (r, w) = tokio::io::split(server);
        let task = tokio::spawn(nianbao_lsp::serve(r, w));
        let (_cr, mut cw) = tokio::io::split(client);
        use tokio::io::AsyncWriteExt;
        let body = br#"{"jsonrpc":"2.0","method":"exit"}"#;
        cw.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
            .await
            .unwrap();
        cw.write_all(body).await.unwrap();
        assert!(!task.await.unwrap());
    });
}

#[test]
fn a_panic_in_a_handler_is_caught_logged_and_answered() {
    runtime().block_on(async {
        // Without the debug option the hidden method does not exist.
        let mut c = start("vscode", None).await;
        let e = c.request("nianbao/debugPanic", Value::Null).await.unwrap_err();
        assert_eq!(e["code"], METHOD_NOT_FOUND);
        assert!(c.shutdown().await);

        let mut c = start("vscode", Some(json!({ "debug": true }))).await;
        let (u, text) = example();
        c.open(&u, &text).await;
        let _ = c.diagnostics(&u).await;
        for _ in 0..2 {
            let e = c.request("nianbao/debugPanic", Value::Null).await.unwrap_err();
            assert_eq!(e["code"], -32603, "{e}");
            assert!(e["message"].as_str().unwrap().contains("debugPanic"), "{e}");
            let log = c.next_notification().await.unwrap();
            assert_eq!(log["method"], "window/logMessage");
            assert_eq!(log["params"]["type"], 1, "an error is logged");
        }
        // The server keeps serving, with its state intact.
        let hover = c
            .request("textDocument/hover", json!({ "textDocument": { "uri": u }, "position": { "line": 51, "character": 5 } }))
            .await
            .unwrap();
        assert!(hover["contents"]["value"].as_str().unwrap().contains("第二十条"), "{hover}");
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": u, "version": 2 }, "contentChanges": [{ "text": "---\n年度: 2023\n---\n" }] }),
        )
        .await;
        assert_eq!(c.diagnostics(&u).await["version"], 2);
        assert!(c.shutdown().await);
    });
}
