//! Random edit sequences sent as incremental `didChange`s give the same
//! text, the same syntax tree and the same diagnostics as opening the final
//! text fresh — under UTF-16 and UTF-8, with edits that insert and delete
//! CJK, 𠮷 (outside the BMP), emoji, CRLF, lone CR and U+2028, split CRLF
//! pairs, land inside surrogate pairs and past line ends.

mod lsp_support;

use lsp_support::*;
use nianbao_core::position::{Encoding, LineIndex};
use nianbao_generate::rng::Rng;
use serde_json::{json, Value};

const INSERTS: &[&str] = &[
    "",
    "𠮷",
    "😀",
    "\r\n",
    "\n",
    "\r",
    "\u{2028}",
    "| 0 |",
    "| 规章 | 1 | 2 |\n",
    "# 二、主动公开政府信息情况\n",
    "第五十条第（四）项",
    "12件",
    "　",
    "——",
    "---\n",
    "《条例》",
    "共3条，其中1条、2条。",
    "x",
    "|",
    "#",
    "// nianbao-disable-next-line\n",
    "年度: 2023\n",
    "🧧𠮷\r\n| 𠮷 | 😀 |",
    "7100余条",
];

/// A random position in `text`, sometimes out of range or inside a
/// character, in `encoding` units.
fn random_position(rng: &mut Rng, text: &str, index: &LineIndex, encoding: Encoding) -> Value {
    let lines = index.line_count();
    let line = match rng.index(20) {
        0 => lines + rng.index(3),
        _ => rng.index(lines),
    };
    let width = if line < lines {
        let r = index.line_range(text, line);
        match encoding {
            Encoding::Utf8 => r.len(),
            _ => text[r].encode_utf16().count(),
        }
    } else {
        0
    };
    let column = match rng.index(15) {
        0 => width + 1 + rng.index(5),
        _ => rng.index(width + 1),
    };
    json!({ "line": line, "character": column })
}

fn random_change(rng: &mut Rng, text: &mut String, encoding: Encoding) -> Value {
    let index = LineIndex::new(text);
    let a = random_position(rng, text, &index, encoding);
    let b = if rng.index(3) == 0 {
        a.clone()
    } else {
        random_near(rng, text, &index, &a, encoding)
    };
    let (sa, sb) = (offset(text, &a, encoding), offset(text, &b, encoding));
    let insert = *rng.pick(INSERTS);
    let (lo, hi) = (sa.min(sb), sa.max(sb));
    text.replace_range(lo..hi, insert);
    json!({ "range": { "start": a, "end": b }, "text": insert })
}

/// A position a little after `a` (sometimes before it: a reversed range).
fn random_near(
    rng: &mut Rng,
    text: &str,
    index: &LineIndex,
    a: &Value,
    encoding: Encoding,
) -> Value {
    let start = offset(text, a, encoding);
    let len = rng.index(12);
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if rng.index(10) == 0 {
        let _ = index;
        return position(text, start.saturating_sub(len).min(start), encoding);
    }
    position(text, end, encoding)
}

fn strip_uris(diagnostics: &Value) -> Value {
    let mut d = diagnostics.clone();
    for item in d.as_array_mut().unwrap() {
        if let Some(related) = item
            .get_mut("relatedInformation")
            .and_then(Value::as_array_mut)
        {
            for r in related {
                r["location"].as_object_mut().unwrap().remove("uri");
            }
        }
        item["data"].as_object_mut().unwrap().remove("version");
    }
    d
}

/// `defer`: every check waits for typing to pause (and the test does not
/// wait for diagnostics between changes); else every change is checked at
/// once, however slow the (debug) build.
fn run(seed: u64, encoding: Encoding, start_text: &str, steps: usize, defer: bool) {
    let limit = if defer { 0 } else { 3_600_000 };
    let options = json!({ "diagnostics": { "syncLimitMs": limit, "delayMs": 20 } });
    runtime().block_on(async {
        let mut c = start(client_for(encoding), Some(options)).await;
        let u = "file:///nonexistent/incremental/a.nianbao";
        let fresh_uri = "file:///nonexistent/fresh/a.nianbao";
        let mut rng = Rng::new(seed);
        let mut text = start_text.to_string();
        c.open(u, &text).await;
        let mut last = c.diagnostics(u).await;
        for step in 0..steps {
            let n = 1 + rng.index(3);
            let changes: Vec<Value> = (0..n).map(|_| random_change(&mut rng, &mut text, encoding)).collect();
            let version = step as i64 + 2;
            c.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": u, "version": version }, "contentChanges": changes }),
            )
            .await;
            if !defer {
                last = c.diagnostics(u).await;
                assert_eq!(last["version"], version);
            }
            if step % 25 == 0 || step + 1 == steps {
                let doc = c.request("nianbao/debugDocument", json!({ "uri": u })).await.unwrap();
                assert_eq!(doc["text"].as_str().unwrap(), text, "seed {seed} {encoding:?} step {step}");
                let fresh = nianbao_core::syntax::parse(&text).root_node().to_sexp();
                assert_eq!(doc["sexp"].as_str().unwrap(), fresh, "seed {seed} {encoding:?} step {step}");
            }
        }
        if defer {
            // The deferred check publishes the last version (earlier ones
            // may or may not have been published on the way).
            let last_version = steps as i64 + 1;
            while last["version"] != last_version {
                last = c.diagnostics(u).await;
            }
        }
        c.open(fresh_uri, &text).await;
        let fresh = c.diagnostics(fresh_uri).await;
        assert_eq!(
            strip_uris(&last["diagnostics"]),
            strip_uris(&fresh["diagnostics"]),
            "seed {seed} {encoding:?}"
        );
        assert!(c.shutdown().await);
    });
}

#[test]
fn random_edits_on_a_typical_report() {
    let text = std::fs::read_to_string(root().join("examples/suizhong-2023.nianbao")).unwrap();
    run(1, Encoding::Utf16, &text, 100, false);
    run(2, Encoding::Utf8, &text, 100, false);
    run(3, Encoding::Utf16, &text, 100, true);
}

#[test]
fn random_edits_on_crlf_text_with_supplementary_characters() {
    let text = std::fs::read_to_string(fixture("cjk-crlf.nianbao")).unwrap();
    run(11, Encoding::Utf8, &text, 100, false);
    run(12, Encoding::Utf16, &text, 100, true);
}

#[test]
fn random_edits_from_an_empty_document() {
    run(21, Encoding::Utf16, "", 80, false);
    run(22, Encoding::Utf8, "", 80, true);
}

/// While a slow document's check waits for typing to pause, requests that
/// need the findings check it first and see the current text.
#[test]
fn requests_on_a_document_waiting_for_its_check_see_the_current_text() {
    let text = std::fs::read_to_string(fixture("wrong-total.nianbao")).unwrap();
    let options = json!({ "diagnostics": { "syncLimitMs": 0, "delayMs": 60_000 } });
    runtime().block_on(async {
        let mut c = start("vscode", Some(options)).await;
        let u = "file:///nonexistent/deferred/a.nianbao";
        c.open(u, &text).await;
        let opened = c.diagnostics(u).await;
        assert!(opened["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "table-sum"));
        // Fix the total: the check is deferred (a minute), nothing is published …
        let at = text.find("| 0 | 0 | 0 | 0 | 15 |").unwrap() + "| 0 | 0 | 0 | 0 | ".len();
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": u, "version": 2 },
                    "contentChanges": [{ "range": range(&text, at, at + 2, Encoding::Utf16), "text": "12" }] }),
        )
        .await;
        // … until a request needs the findings: the inlay hints are current.
        let all = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 10000, "character": 0 } });
        let hints = c.request("textDocument/inlayHint", json!({ "textDocument": { "uri": u }, "range": all })).await.unwrap();
        assert_eq!(hints, json!([]), "no wrong total any more");
        let d = c.diagnostics(u).await;
        assert_eq!(d["version"], 2);
        assert!(!d["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "table-sum"));
        assert!(c.shutdown().await);
    });
}
