//! The features on the examples, over the protocol: completion of standard
//! labels, headings, front matter and article references; hover with the
//! right edition's text, label notes and relations; code actions that fix
//! what they say; formatting; symbols, folding, semantic tokens, inlay hints
//! and settings. The cursor is written `$0` inside the text.

mod lsp_support;

use lsp_support::*;
use nianbao_core::position::Encoding;
use nianbao_testkit::TestClient;
use serde_json::{json, Value};

fn suizhong() -> String {
    std::fs::read_to_string(root().join("examples/suizhong-2023.nianbao")).unwrap()
}

fn wrong_total() -> String {
    std::fs::read_to_string(fixture("wrong-total.nianbao")).unwrap()
}

const URI: &str = "file:///nonexistent/features/report.nianbao";

/// Opens `marked` (with a `$0` cursor) and returns the client, the text and
/// the cursor position.
async fn open_at(
    client: &str,
    options: Option<Value>,
    marked: &str,
) -> (TestClient, String, Value) {
    let encoding = if client == "neovim" {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let (text, at) = cursor(marked);
    let mut c = start(client, options).await;
    c.open(URI, &text).await;
    let _ = c.diagnostics(URI).await;
    let pos = position(&text, at, encoding);
    (c, text, pos)
}

async fn complete(c: &mut TestClient, pos: &Value) -> Vec<Value> {
    let r = c
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": pos }),
        )
        .await
        .unwrap();
    assert_eq!(r["isIncomplete"], true);
    let mut items = r["items"].as_array().unwrap().clone();
    items.sort_by(|a, b| a["sortText"].as_str().cmp(&b["sortText"].as_str()));
    items
}

fn labels(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

async fn hover(c: &mut TestClient, pos: &Value) -> String {
    let r = c
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": pos }),
        )
        .await
        .unwrap();
    r["contents"]["value"].as_str().unwrap_or("").to_string()
}

fn apply_completion(text: &str, item: &Value, encoding: Encoding) -> String {
    let edit = &item["textEdit"];
    apply_edits(text, std::slice::from_ref(edit), encoding)
}

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// Completion

#[test]
fn missing_standard_rows_are_offered_in_table_order_with_the_rest_of_the_row() {
    let text = suizhong()
        .replace(
            "| 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
            "| $0\n",
        )
        .replace("| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", "");
    runtime().block_on(async {
        for client in ["vscode", "neovim"] {
            let (mut c, text, pos) = open_at(client, None, &text).await;
            let items = complete(&mut c, &pos).await;
            let l = labels(&items);
            assert_eq!(l, ["4.保护第三方合法权益", "2.重复申请"], "{client}: {l:?}");
            let snippet = items[0]["textEdit"]["newText"].as_str().unwrap();
            assert_eq!(items[0]["insertTextFormat"], 2, "a snippet");
            assert_eq!(snippet, "4.保护第三方合法权益 | ${1:0} | ${2:0} | ${3:0} | ${4:0} | ${5:0} | ${6:0} | ${7:0} |");
            assert!(items[0]["documentation"]["value"].as_str().unwrap().contains("第十五条"));
            let _ = text;
            assert!(c.shutdown().await);
        }
    });
}

#[test]
fn typed_labels_filter_by_characters_and_optionally_by_pinyin_initials() {
    let text = suizhong()
        .replace(
            "| 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
            "| 保护$0\n",
        )
        .replace("| 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", "");
    runtime().block_on(async {
        let (mut c, _, pos) = open_at("vscode", None, &text).await;
        assert_eq!(
            labels(&complete(&mut c, &pos).await),
            ["4.保护第三方合法权益"]
        );
        assert!(c.shutdown().await);

        let pinyin = text.replace("| 保护$0", "| bhdsf$0");
        let (mut c, _, pos) = open_at("vscode", None, &pinyin).await;
        assert!(
            complete(&mut c, &pos).await.is_empty(),
            "pinyin matching is off by default"
        );
        c.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "nianbao": { "completion": { "pinyin": true } } } }),
        )
        .await;
        let items = complete(&mut c, &pos).await;
        assert_eq!(labels(&items), ["4.保护第三方合法权益"]);
        // The client filters on what was typed: the filter text leads with it.
        assert!(items[0]["filterText"]
            .as_str()
            .unwrap()
            .starts_with("bhdsf"));
        assert!(c.shutdown().await);
    });
}

#[test]
fn header_cells_offer_the_standard_column_names() {
    let text = suizhong().replace(
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 |",
        "| 申请人情况 | 自然人 | $0 | 科研机构 |",
    );
    runtime().block_on(async {
        let (mut c, _, pos) = open_at("neovim", None, &text).await;
        let l = labels(&complete(&mut c, &pos).await);
        assert_eq!(l.first().map(String::as_str), Some("商业企业"), "{l:?}");
        assert!(!l.contains(&"自然人".to_string()));
        assert!(c.shutdown().await);
    });
}

#[test]
fn line_starts_offer_missing_sections_and_whole_tables() {
    let full = suizhong();
    let start = full
        .find("# 四、政府信息公开行政复议、行政诉讼情况")
        .unwrap();
    let end = full.find("# 五、").unwrap();
    let text = format!("{}$0\n{}", &full[..start], &full[end..]);
    runtime().block_on(async {
        let (mut c, text, pos) = open_at("vscode", None, &text).await;
        let items = complete(&mut c, &pos).await;
        let l = labels(&items);
        assert_eq!(l[0], "# 四、政府信息公开行政复议、行政诉讼情况", "{l:?}");
        let table = items
            .iter()
            .find(|i| {
                i["label"]
                    .as_str()
                    .unwrap()
                    .contains("政府信息公开行政复议、行政诉讼情况（整表）")
            })
            .unwrap_or_else(|| panic!("{l:?}"));
        // Inserted, the table is the standard 表四, all zeros, and passes.
        let inserted = apply_completion(&text, table, Encoding::Utf16);
        let with_heading = inserted.replacen(
            "| 复议诉讼情况",
            "# 四、政府信息公开行政复议、行政诉讼情况\n\n| 复议诉讼情况",
            1,
        );
        let checked = nianbao_core::check::check_text(&with_heading, &Default::default());
        assert!(checked
            .bindings
            .iter()
            .flatten()
            .any(|b| b.table.id == "t4"));
        assert!(
            !checked
                .diagnostics
                .iter()
                .any(|d| d.code == "table-missing" || d.code == "section-missing"),
            "{:?}",
            checked
                .diagnostics
                .iter()
                .map(|d| d.code)
                .collect::<Vec<_>>()
        );
        // Typing `#` keeps only headings.
        let (mut c2, _, pos2) = open_at(
            "vscode",
            None,
            &format!("{}#$0\n{}", &full[..start], &full[end..]),
        )
        .await;
        let l2 = labels(&complete(&mut c2, &pos2).await);
        assert_eq!(l2, ["# 四、政府信息公开行政复议、行政诉讼情况"]);
        assert!(c.shutdown().await && c2.shutdown().await);
    });
}

#[test]
fn a_new_table_corner_inserts_the_whole_standard_table() {
    let full = suizhong();
    let at = full.find("# 五、").unwrap();
    let text = format!("{}| 复议$0\n\n{}", &full[..at], &full[at..]);
    runtime().block_on(async {
        let (mut c, text, pos) = open_at("vscode", None, &text).await;
        let items = complete(&mut c, &pos).await;
        assert_eq!(labels(&items), ["复议诉讼情况"]);
        let inserted = apply_completion(&text, &items[0], Encoding::Utf16);
        assert!(
            inserted.contains("| 复议诉讼情况 | 结果维持 |"),
            "{inserted}"
        );
        assert!(
            inserted.contains("| 行政诉讼（复议后起诉）       |        0 |"),
            "{inserted}"
        );
        assert!(c.shutdown().await);
    });
}

#[test]
fn front_matter_keys_and_values() {
    let text = suizhong().replace("格式: 2021\n", "格式: $0\n");
    runtime().block_on(async {
        let (mut c, _, pos) = open_at("vscode", None, &text).await;
        let items = complete(&mut c, &pos).await;
        assert_eq!(labels(&items), ["2021", "2019", "2014", "无"]);
        assert_eq!(items[0]["preselect"], true, "the year's format");
        assert!(c.shutdown().await);
    });
    let text = suizhong().replace("格式: 2021\n", "$0\n");
    runtime().block_on(async {
        let (mut c, text, pos) = open_at("neovim", None, &text).await;
        let items = complete(&mut c, &pos).await;
        let l = labels(&items);
        assert_eq!(l, ["格式", "条例", "统计期限", "下级"]);
        let inserted = apply_completion(&text, &items[0], Encoding::Utf8);
        assert!(inserted.contains("\n格式: ${1|2021,2019,2014,无|}\n"));
        assert!(c.shutdown().await);
    });
    // After the closing fence: the body (headings), not keys.
    runtime().block_on(async {
        let (mut c, _, pos) = open_at("vscode", None, "---\n年度: 2023\n---\n$0").await;
        let l = labels(&complete(&mut c, &pos).await);
        assert_eq!(
            l.first().map(String::as_str),
            Some("# 一、总体情况"),
            "{l:?}"
        );
        assert!(!l.contains(&"标题".to_string()));
        assert!(c.shutdown().await);
    });
    let text = suizhong().replace("发布日期: 2024-02-18", "发布日期: $0");
    runtime().block_on(async {
        let (mut c, _, pos) = open_at("vscode", None, &text).await;
        let l = labels(&complete(&mut c, &pos).await);
        assert_eq!(l[0], "2024-03-31", "人民政府: 3月31日");
        assert!(c.shutdown().await);
    });
}

#[test]
fn article_references_after_di_come_from_the_applicable_edition() {
    let text = suizhong().replace(
        "根据《中华人民共和国政府信息公开条例》",
        "根据《条例》第$0《中华人民共和国政府信息公开条例》",
    );
    runtime().block_on(async {
        let (mut c, _, pos) = open_at("vscode", None, &text).await;
        let items = complete(&mut c, &pos).await;
        let l = labels(&items);
        assert_eq!(l.len(), 56, "2019年《条例》 has 56 articles");
        assert_eq!(l[49], "第五十条");
        assert!(items[49]["detail"]
            .as_str()
            .unwrap()
            .starts_with("2019年《条例》"));
        assert!(c.shutdown().await);
    });
    let text = suizhong().replace(
        "根据《中华人民共和国政府信息公开条例》",
        "根据《条例》第五十条第$0《中华人民共和国政府信息公开条例》",
    );
    runtime().block_on(async {
        let (mut c, text, pos) = open_at("neovim", None, &text).await;
        let items = complete(&mut c, &pos).await;
        let l = labels(&items);
        assert!(l.contains(&"第五十条第（四）项".to_string()), "{l:?}");
        let four = items
            .iter()
            .find(|i| i["label"] == "第五十条第（四）项")
            .unwrap();
        let inserted = apply_completion(&text, four, Encoding::Utf8);
        assert!(
            inserted.contains("根据《条例》第五十条第（四）项《中华"),
            "the typed 第五十条第 is replaced"
        );
        assert!(c.shutdown().await);
    });
    // A 2016 report: the 2007 edition (38 articles).
    let dongning = std::fs::read_to_string(root().join("examples/dongning-2016.nianbao")).unwrap();
    let at = dongning.find("\n# ").unwrap();
    let text = format!("{}\n依据第三十$0\n{}", &dongning[..at], &dongning[at..]);
    runtime().block_on(async {
        let (mut c, _, pos) = open_at("vscode", None, &text).await;
        let items = complete(&mut c, &pos).await;
        let l = labels(&items);
        assert_eq!(
            l,
            [
                "第三十条",
                "第三十一条",
                "第三十二条",
                "第三十三条",
                "第三十四条",
                "第三十五条",
                "第三十六条",
                "第三十七条",
                "第三十八条"
            ]
        );
        assert!(items[2]["detail"]
            .as_str()
            .unwrap()
            .starts_with("2007年《条例》"));
        assert!(c.shutdown().await);
    });
}

// ---------------------------------------------------------------------------
// Hover

#[test]
fn hover_on_an_article_reference_shows_the_edition_of_the_report_year() {
    runtime().block_on(async {
        let text = suizhong().replacen("| 第二十条第(一)项", "| 第二十条第(一$0)项", 1);
        let (mut c, _, pos) = open_at("vscode", None, &text).await;
        let h = hover(&mut c, &pos).await;
        assert!(h.contains("2019年《条例》"), "{h}");
        assert!(
            h.contains("> **（一）行政法规、规章和规范性文件；**"),
            "the cited item is bold: {h}"
        );
        assert!(
            h.contains("表二　第二十条第（一）项"),
            "what it governs: {h}"
        );
        assert!(c.shutdown().await);

        let dongning =
            std::fs::read_to_string(root().join("examples/dongning-2016.nianbao")).unwrap();
        let at = dongning.find("\n# ").unwrap();
        let text = format!(
            "{}\n依据《条例》第三十二$0条编制。\n{}",
            &dongning[..at],
            &dongning[at..]
        );
        let (mut c, _, pos) = open_at("neovim", None, &text).await;
        let h = hover(&mut c, &pos).await;
        assert!(h.contains("2007年《条例》（国务院令第492号）"), "{h}");
        assert!(h.contains("本报告为2016年度，适用2007年《条例》"), "{h}");
        assert!(
            h.contains("政府信息公开的收费及减免情况"),
            "第三十二条 of 2007: {h}"
        );
        assert!(c.shutdown().await);
    });
}

#[test]
fn hover_on_labels_cells_and_front_matter() {
    runtime().block_on(async {
        let text = suizhong().replace("| 4.保护第三方合法权益 |", "| 4.保护第三方$0合法权益 |");
        let (mut c, _, pos) = open_at("vscode", None, &text).await;
        let h = hover(&mut c, &pos).await;
        assert!(h.contains("第十五条"), "{h}");
        assert!(c.shutdown().await);

        let text = suizhong().replace("| 申请人情况 | 自然人 |", "| 申请人情况 | 自然$0人 |");
        let (mut c, _, pos) = open_at("vscode", None, &text).await;
        let h = hover(&mut c, &pos).await;
        assert!(h.contains("**自然人**"), "{h}");
        assert!(c.shutdown().await);

        let text = suizhong().replace("机关类型: 人民政府", "机关$0类型: 人民政府");
        let (mut c, _, pos) = open_at("neovim", None, &text).await;
        let h = hover(&mut c, &pos).await;
        assert!(h.contains("本报告的发布期限：2024年3月31日"), "{h}");
        assert!(c.shutdown().await);
    });
}

#[test]
fn hover_on_a_figure_shows_its_relations_with_the_figures() {
    runtime().block_on(async {
        let text = wrong_total().replace("| 0 | 0 | 0 | 0 | 15 |", "| 0 | 0 | 0 | 0 | 1$05 |");
        let (mut c, _, pos) = open_at("vscode", None, &text).await;
        let h = hover(&mut c, &pos).await;
        assert!(h.contains("勾稽关系 T3-B"), "{h}");
        assert!(h.contains("✗ 不成立（15 = 12，相差 3）"), "{h}");
        assert!(c.shutdown().await);

        let text = suizhong().replace(
            "| 一、本年新收政府信息公开申请数量 | 57 |",
            "| 一、本年新收政府信息公开申请数量 | 5$07 |",
        );
        let (mut c, _, pos) = open_at("vscode", None, &text).await;
        let h = hover(&mut c, &pos).await;
        assert!(h.contains("✓ 成立"), "{h}");
        assert!(c.shutdown().await);
    });
}

// ---------------------------------------------------------------------------
// Code actions

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
                    .map(|d| d.code)
                    .collect();
                let after: Vec<&str> =
                    nianbao_core::check::check_text(&formatted, &Default::default())
                        .diagnostics
                        .iter()
                        .map(|d| d.code)
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
    use std::process::{Command, Stdio};
    let dir = std::env::temp_dir().join(format!("nianbao-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.nianbao");
    let text = suizhong();
    std::fs::write(&file, &text).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .output()
            .unwrap()
    };
    let f = file.to_str().unwrap();
    let check = run(&["fmt", "--check", f]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("report.nianbao"));
    assert_eq!(run(&["fmt", f]).status.code(), Some(0));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, nianbao_core::fmt::format(&text));
    assert_eq!(run(&["fmt", "--check", f]).status.code(), Some(0));
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
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

// ---------------------------------------------------------------------------
// Symbols, folding, semantic tokens, inlay hints

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

// ---------------------------------------------------------------------------
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
