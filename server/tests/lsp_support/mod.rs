//! Shared by the `lsp_*` tests: the recorded `initialize` parameters of VS
//! Code and Neovim, the reports to test on, cursor markers and position
//! conversion.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

#[path = "../support/mod.rs"]
mod support;
#[allow(unused_imports)]
pub use support::{command, root, scratch};

use nianbao_core::position::{Encoding, LineIndex};
use nianbao_testkit::TestClient;
use serde_json::{json, Value};
use tower_lsp_server::ls_types::Uri;

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/lsp").join(name)
}

/// The recorded `initialize` params of a client: "vscode" or "neovim".
pub fn init_params(client: &str) -> Value {
    let path = fixture(&format!("initialize-{client}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The client whose recorded params negotiate `encoding`.
pub fn client_for(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Utf8 => "neovim",
        _ => "vscode",
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A started and initialized client; `options` become `initializationOptions`.
pub async fn start(client: &str, options: Option<Value>) -> TestClient {
    let mut c = TestClient::start();
    let mut params = init_params(client);
    if let Some(o) = options {
        params["initializationOptions"] = o;
    }
    c.initialize(params).await;
    c
}

pub fn uri(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    Uri::from_file_path(path).unwrap().as_str().to_string()
}

/// Every report to test on: the examples and every fixture of the repository.
pub fn all_reports() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["examples", "tests/fixtures"] {
        walk(&root().join(dir), &mut out);
    }
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "nianbao")
            && std::fs::read(&p).is_ok_and(|b| std::str::from_utf8(&b).is_ok())
        {
            out.push(p);
        }
    }
}

pub fn examples() -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(&root().join("examples"), &mut out);
    out.sort();
    out
}

pub fn position(text: &str, offset: usize, encoding: Encoding) -> Value {
    let (line, character) = LineIndex::new(text).position(text, offset, encoding);
    json!({ "line": line, "character": character })
}

pub fn range(text: &str, start: usize, end: usize, encoding: Encoding) -> Value {
    json!({ "start": position(text, start, encoding), "end": position(text, end, encoding) })
}

pub fn offset(text: &str, position: &Value, encoding: Encoding) -> usize {
    LineIndex::new(text).offset(
        text,
        position["line"].as_u64().unwrap() as usize,
        position["character"].as_u64().unwrap() as usize,
        encoding,
    )
}

/// Splits `$0` (the cursor) out of a text.
pub fn cursor(marked: &str) -> (String, usize) {
    let at = marked.find("$0").expect("a $0 marker");
    (marked.replacen("$0", "", 1), at)
}

/// Applies LSP text edits (computed against `text`) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], encoding: Encoding) -> String {
    let mut byte_edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], encoding),
                offset(text, &e["range"]["end"], encoding),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Stable: insertions at the same place keep their order.
    byte_edits.sort_by_key(|(s, _, _)| *s);
    let mut out = String::new();
    let mut at = 0;
    for (s, e, t) in byte_edits {
        out.push_str(&text[at..s]);
        out.push_str(&t);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

/// `nianbao check --format json` on `paths` (those that still exist: other
/// tests may create and remove files meanwhile).
pub fn cli_check(paths: &[PathBuf]) -> Value {
    let mut last_error = String::new();
    for _ in 0..3 {
        let existing: Vec<&PathBuf> = paths.iter().filter(|p| p.exists()).collect();
        let out = command()
            .arg("check")
            .arg("--format")
            .arg("json")
            .args(existing)
            .output()
            .unwrap();
        match serde_json::from_slice(&out.stdout) {
            Ok(v) => return v,
            Err(e) => last_error = format!("{e}\n{}", String::from_utf8_lossy(&out.stderr)),
        }
    }
    panic!("nianbao check output is JSON: {last_error}")
}
