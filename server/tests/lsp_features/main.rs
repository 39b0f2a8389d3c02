//! The features on the examples, over the protocol: completion of standard
//! labels, headings, front matter and article references; hover with the
//! right edition's text, label notes and relations; code actions that fix
//! what they say; formatting; symbols, folding, semantic tokens, inlay hints
//! and settings. The cursor is written `$0` inside the text.

mod actions;
#[path = "../lsp_support/mod.rs"]
mod lsp_support;
mod views;

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
