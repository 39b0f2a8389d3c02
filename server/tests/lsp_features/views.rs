//! Symbols, folding, semantic tokens, inlay hints; rule levels from the settings.

use super::*;

#[test]
fn symbols_nest_sections_and_tables() {
    runtime().block_on(async {
        let (mut c, _, _) = open_at("vscode", None, &format!("$0{}", suizhong())).await;
        let s = c
            .request(
                "textDocument/documentSymbol",
                json!({ "textDocument": { "uri": URI } }),
            )
            .await
            .unwrap();
        let top: Vec<&str> = s
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["name"].as_str().unwrap())
            .collect();
        assert_eq!(top[0], "文件头");
        assert_eq!(
            &top[1..],
            [
                "一、总体情况",
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项"
            ]
        );
        let three = &s[3];
        assert_eq!(
            three["children"][0]["name"],
            "表三　收到和处理政府信息公开申请情况"
        );
        assert_eq!(s[1]["children"][0]["name"], "(一)主动公开方面");
        assert!(c.shutdown().await);
    });
}

#[test]
fn folding_covers_front_matter_sections_tables_and_comment_blocks() {
    runtime().block_on(async {
        let (mut c, text, _) = open_at("neovim", None, &format!("$0{}", suizhong())).await;
        let f = c
            .request(
                "textDocument/foldingRange",
                json!({ "textDocument": { "uri": URI } }),
            )
            .await
            .unwrap();
        let ranges: Vec<(u64, u64, String)> = f
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["startLine"].as_u64().unwrap(),
                    r["endLine"].as_u64().unwrap(),
                    r["kind"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        assert!(
            ranges.contains(&(0, 7, "imports".to_string())),
            "{ranges:?}"
        );
        assert!(
            ranges.iter().any(|(a, _, k)| *a == 8 && k == "comment"),
            "{ranges:?}"
        );
        let t3 = text
            .lines()
            .position(|l| l.starts_with("| 申请人情况"))
            .unwrap() as u64;
        assert!(
            ranges.iter().any(|(a, b, _)| *a == t3 && *b == t3 + 31),
            "header, alignment row, 30 rows: {ranges:?}"
        );
        let s3 = text.lines().position(|l| l.starts_with("# 三、")).unwrap() as u64;
        assert!(
            ranges.iter().any(|(a, b, _)| *a == s3 && *b > t3),
            "{ranges:?}"
        );
        assert!(c.shutdown().await);
    });
}

/// Decodes semantic tokens into (byte range, type index).
fn decode_tokens(text: &str, data: &[Value], encoding: Encoding) -> Vec<(usize, usize, u64)> {
    let mut out = Vec::new();
    let (mut line, mut start) = (0u64, 0u64);
    for t in data.chunks(5) {
        let (dl, ds, len, ty) = (
            t[0].as_u64().unwrap(),
            t[1].as_u64().unwrap(),
            t[2].as_u64().unwrap(),
            t[3].as_u64().unwrap(),
        );
        line += dl;
        start = if dl == 0 { start + ds } else { ds };
        let a = offset(text, &json!({ "line": line, "character": start }), encoding);
        let b = offset(
            text,
            &json!({ "line": line, "character": start + len }),
            encoding,
        );
        out.push((a, b, ty));
    }
    out
}

#[test]
fn semantic_tokens_agree_in_both_encodings() {
    let text = std::fs::read_to_string(fixture("cjk-crlf.nianbao")).unwrap();
    runtime().block_on(async {
        let mut decoded = Vec::new();
        for client in ["vscode", "neovim"] {
            let encoding = if client == "neovim" {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            };
            let mut c = start(client, None).await;
            let legend = {
                let mut c2 = TestClient::start();
                let r = c2.initialize(init_params(client)).await;
                assert!(c2.shutdown().await);
                r["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"].clone()
            };
            c.open(URI, &text).await;
            let _ = c.diagnostics(URI).await;
            let r = c
                .request(
                    "textDocument/semanticTokens/full",
                    json!({ "textDocument": { "uri": URI } }),
                )
                .await
                .unwrap();
            let tokens = decode_tokens(&text, r["data"].as_array().unwrap(), encoding);
            let kind = |needle: &str| -> String {
                let at = text.find(needle).unwrap();
                let t = tokens
                    .iter()
                    .find(|(a, b, _)| *a <= at && at < *b)
                    .unwrap_or_else(|| panic!("{needle}"));
                legend[t.2 as usize].as_str().unwrap().to_string()
            };
            assert_eq!(kind("第五十条规定"), "function");
            assert_eq!(kind("1200条"), "number");
            assert_eq!(kind("条，其中政策"), "type");
            assert_eq!(kind("《中华人民共和国"), "string");
            assert_eq!(kind("# 一、总体情况"), "namespace");
            assert_eq!(kind("// 语言服务器"), "comment");
            assert_eq!(kind("机关类型"), "property");
            for (a, b, _) in &tokens {
                assert!(!text[*a..*b].contains(['\n', '\r']), "single-line tokens");
                assert!(a < b);
            }
            decoded.push(tokens);
            assert!(c.shutdown().await);
        }
        assert_eq!(
            decoded[0], decoded[1],
            "the same tokens, whatever the encoding"
        );
    });
}

#[test]
fn inlay_hints_show_the_computed_total() {
    runtime().block_on(async {
        for client in ["vscode", "neovim"] {
            let encoding = if client == "neovim" { Encoding::Utf8 } else { Encoding::Utf16 };
            let (mut c, text, _) = open_at(client, None, &format!("$0{}", wrong_total())).await;
            let range = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 10000, "character": 0 } });
            let hints = c.request("textDocument/inlayHint", json!({ "textDocument": { "uri": URI }, "range": range })).await.unwrap();
            let hints = hints.as_array().unwrap();
            assert!(!hints.is_empty());
            let at = text.find("| 0 | 0 | 0 | 0 | 15 |").unwrap() + "| 0 | 0 | 0 | 0 | 15".len();
            let h = hints.iter().find(|h| h["position"] == position(&text, at, encoding)).unwrap_or_else(|| panic!("{hints:#?}"));
            assert_eq!(h["label"], "应为 12");
            assert!(c.shutdown().await);
        }
    });
}

// Settings

#[test]
fn rule_levels_from_initialization_options_and_configuration_changes() {
    runtime().block_on(async {
        let options = json!({ "rules": { "table-sum": "off", "prose-breakdown": "hint" } });
        let mut c = start("vscode", Some(options)).await;
        let text = std::fs::read_to_string(fixture("cjk-crlf.nianbao")).unwrap();
        c.open(URI, &text).await;
        let d = c.diagnostics(URI).await;
        assert!(
            !codes(&d).contains(&"table-sum".to_string()),
            "{:?}",
            codes(&d)
        );
        let pb = d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["code"] == "prose-breakdown")
            .unwrap();
        assert_eq!(pb["severity"], 4);

        c.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "nianbao": { "rules": { "prose-breakdown": "off" } } } }),
        )
        .await;
        let d = c.diagnostics(URI).await;
        assert!(codes(&d).contains(&"table-sum".to_string()));
        assert!(!codes(&d).contains(&"prose-breakdown".to_string()));

        // A change without settings: the server asks for them.
        c.settings = json!({ "rules": {} });
        c.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": null }),
        )
        .await;
        let d = c.diagnostics(URI).await;
        assert!(codes(&d).contains(&"prose-breakdown".to_string()));
        assert!(c
            .server_requests
            .iter()
            .any(|r| r["method"] == "workspace/configuration"));
        // Bad settings are reported to the user.
        c.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "rules": { "no-such-rule": "off" } } }),
        )
        .await;
        let shown = c.next_notification().await.unwrap();
        assert_eq!(shown["method"], "window/showMessage", "{shown}");
        assert!(shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-rule"));
        assert!(c.shutdown().await);
    });
}
