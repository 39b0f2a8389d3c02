//! The reviewers' rules (section-ordinal, cell-not-applicable,
//! narrative-empty, prose-year, prose-all-done, hierarchy-sum,
//! hierarchy-missing) reach the editor: their diagnostics are published on
//! the right line, and their quick fixes arrive as code actions that remove
//! the finding.

mod lsp_support;

use lsp_support::*;
use nianbao_testkit::TestClient;
use serde_json::{json, Value};

const URI: &str = "file:///nonexistent/review/report.nianbao";

fn suizhong() -> String {
    std::fs::read_to_string(root().join("examples/suizhong-2023.nianbao")).unwrap()
}

fn with_code<'a>(published: &'a Value, code: &str) -> Vec<&'a Value> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

async fn fix_at(c: &mut TestClient, uri: &str, at: &Value, title: &str) -> Value {
    let list = c
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": { "start": at, "end": at },
                    "context": { "diagnostics": [] } }),
        )
        .await
        .unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no “{title}” in {list:#}"))
        .clone()
}

/// Applies an action's edits in the buffer and returns the new diagnostics.
async fn apply(c: &mut TestClient, uri: &str, action: &Value, version: i32) -> Value {
    let edits = action["edit"]["changes"][uri].as_array().unwrap().clone();
    // Last edit first, so the earlier ranges stay valid.
    let mut edits = edits;
    edits.sort_by_key(|e| {
        std::cmp::Reverse((
            e["range"]["start"]["line"].as_u64(),
            e["range"]["start"]["character"].as_u64(),
        ))
    });
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version },
                "contentChanges": edits.iter().map(|e| json!({ "range": e["range"], "text": e["newText"] })).collect::<Vec<_>>() }),
    )
    .await;
    c.diagnostics(uri).await
}

#[test]
fn ordinal_and_not_applicable_fixes_arrive_and_remove_their_findings() {
    let text = suizhong()
        .replacen(
            "# 四、政府信息公开行政复议",
            "# 三、政府信息公开行政复议",
            1,
        )
        .replacen("# 五、存在", "# l五、存在", 1)
        .replacen(
            "| 行政诉讼（复议后起诉） | 0 | 0 | 0 | 0 | 0 |",
            "| 行政诉讼（复议后起诉） | / | 0 | 0 | 0 | 0 |",
            1,
        );
    let line_of = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() as u64;
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        c.open(URI, &text).await;
        let published = c.diagnostics(URI).await;
        let ordinal = with_code(&published, "section-ordinal");
        assert_eq!(ordinal.len(), 2, "{published:#}");
        let lines: Vec<u64> = ordinal
            .iter()
            .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
            .collect();
        assert!(
            lines.contains(&line_of("# 三、政府信息公开行政复议")),
            "{lines:?}"
        );
        assert!(lines.contains(&line_of("# l五、")), "{lines:?}");
        let na = with_code(&published, "cell-not-applicable");
        assert_eq!(na.len(), 1);
        assert_eq!(na[0]["severity"], 3, "info");
        assert_eq!(
            na[0]["range"]["start"]["line"],
            line_of("| 行政诉讼（复议后起诉） | /")
        );

        // 改为“四”
        let at = ordinal
            .iter()
            .find(|d| d["range"]["start"]["line"] == line_of("# 三、政府信息公开行政复议"))
            .unwrap()["range"]["start"]
            .clone();
        let fix = fix_at(&mut c, URI, &at, "改为“四”").await;
        assert_eq!(fix["kind"], "quickfix");
        let published = apply(&mut c, URI, &fix, 2).await;
        assert_eq!(
            with_code(&published, "section-ordinal").len(),
            1,
            "{published:#}"
        );

        // 删除“l”
        let at = with_code(&published, "section-ordinal")[0]["range"]["start"].clone();
        let fix = fix_at(&mut c, URI, &at, "删除“l”").await;
        let published = apply(&mut c, URI, &fix, 3).await;
        assert!(
            with_code(&published, "section-ordinal").is_empty(),
            "{published:#}"
        );

        // 填 0
        let at = with_code(&published, "cell-not-applicable")[0]["range"]["start"].clone();
        let fix = fix_at(&mut c, URI, &at, "填 0").await;
        let published = apply(&mut c, URI, &fix, 4).await;
        assert!(
            with_code(&published, "cell-not-applicable").is_empty(),
            "{published:#}"
        );
        assert!(c.shutdown().await);
    });
}

#[test]
fn prose_and_narrative_findings_are_published_on_their_lines() {
    let original = suizhong();
    let five = original.find("# 五、").unwrap();
    let six = original.find("# 六、").unwrap();
    let text = format!(
        "{}# 五、存在的主要问题及改进情况\n\n无。\n\n{}",
        &original[..five],
        &original[six..]
    )
    .replacen("2023年,共收依申请公开57件", "2022年,共收依申请公开57件", 1);
    let line_of = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() as u64;
    runtime().block_on(async {
        let mut c = start("neovim", None).await;
        c.open(URI, &text).await;
        let published = c.diagnostics(URI).await;
        let empty = with_code(&published, "narrative-empty");
        assert_eq!(empty.len(), 1, "{published:#}");
        assert_eq!(empty[0]["range"]["start"]["line"], line_of("无。"));
        let year = with_code(&published, "prose-year");
        assert_eq!(year.len(), 1, "{published:#}");
        assert_eq!(year[0]["range"]["start"]["line"], line_of("2022年,共收"));
        // The unmodified example has none of them.
        c.open("file:///nonexistent/review/original.nianbao", &original)
            .await;
        let clean = c
            .diagnostics("file:///nonexistent/review/original.nianbao")
            .await;
        for code in [
            "section-ordinal",
            "cell-not-applicable",
            "narrative-empty",
            "prose-year",
            "prose-all-done",
        ] {
            assert!(with_code(&clean, code).is_empty(), "{code}: {clean:#}");
        }
        assert!(c.shutdown().await);
    });
}

/// The aggregate in a folder with four of its five subordinates: the editor
/// reads the neighbours from disk, like the CLI.
#[test]
fn hierarchy_findings_reach_the_editor() {
    let dir = root().join("tests/fixtures/rules/hierarchy-sum/county");
    let path = dir.join("trigger-aggregate.nianbao");
    let text = std::fs::read_to_string(&path).unwrap();
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        let u = uri(&path);
        c.open(&u, &text).await;
        let published = c.diagnostics(&u).await;
        assert_eq!(
            with_code(&published, "hierarchy-missing").len(),
            1,
            "{published:#}"
        );
        let sum = with_code(&published, "hierarchy-sum");
        assert_eq!(sum.len(), 1, "{published:#}");
        let line = text[..text.find("| 行政复议 |").unwrap()]
            .matches('\n')
            .count() as u64;
        assert_eq!(sum[0]["range"]["start"]["line"], line);
        // Each subordinate's cell is related information, in its own file.
        let related = sum[0]["relatedInformation"].as_array().unwrap();
        let jiazhen = related
            .iter()
            .find(|r| {
                r["location"]["uri"]
                    .as_str()
                    .unwrap()
                    .ends_with("county/jiazhen.nianbao")
            })
            .unwrap_or_else(|| panic!("{related:#?}"));
        let sub = std::fs::read_to_string(dir.join("jiazhen.nianbao")).unwrap();
        let sub_line = sub[..sub.find("| 行政复议 |").unwrap()]
            .matches('\n')
            .count() as u64;
        assert_eq!(
            jiazhen["location"]["range"]["start"],
            json!({ "line": sub_line, "character": 9 })
        );
        assert!(c.shutdown().await);
    });
}
