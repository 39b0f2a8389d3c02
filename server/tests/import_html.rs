//! Importing realistic published pages of every format (fixtures in `tests/fixtures/import/`):
//!
//! - `gov2021-qinghe-2022.html`: 2021 format, UTF-8, a 政府网站 page with navigation, an info box table, the
//!   `PubDate` meta tag, 表二 as one table of four blocks, 表三 exported from Word (merged corner with the
//!   勾稽关系 note, rowspan/colspan, labels split by `<br>`, full-width ordinals, “，” in a long label), 表四
//!   in the official 15-column layout, a footer and hidden spam. Injected defects: a breakdown that does not
//!   add up and a blank cell.
//! - `gov2019-yongan-2019-gbk.html`: 2019 format in GBK, traditional characters with the converter's pinyin
//!   annotations, a layout table around the page, the title on two lines, signed 本年增/减 figures, thousands
//!   separators, 表三 with the 2019 （六）其他处理 row. Injected defect: 表四's 行政复议 total.
//! - `stat2014-nanxi-caizheng-2016.html`: a department's 2016 report with the 《政府信息公开情况统计表》 as an
//!   appendix (title row inside the table, labels on two lines). Injected defect: 收到申请数 ≠ the channels.
//! - `gov2021-baihe-sthj-2021.txt`: text copied from a browser (UTF-8 with BOM, CRLF), table rows as
//!   tab-separated cells, merged cells present only in their first row. No defect.

use std::collections::BTreeMap;
use std::path::Path;

use nianbao_core::check::{check_text, Config};
use nianbao_import::{import, Imported, Options};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/import")
            .join(name),
    )
    .unwrap()
}

fn run(name: &str) -> Imported {
    let imported = import(
        &fixture(name),
        &Options {
            source_name: Some(name.to_string()),
            html: None,
        },
    );
    assert!(
        imported.losses.is_empty(),
        "{name}: figures lost: {:?}\n{}",
        imported.losses,
        imported.markup
    );
    imported
}

fn codes(markup: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for d in check_text(markup, &Config::default()).diagnostics {
        *out.entry(d.code.to_string()).or_default() += 1;
    }
    out
}

fn messages(markup: &str, code: &str) -> Vec<String> {
    check_text(markup, &Config::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| d.message)
        .collect()
}

/// The pipe row whose first cell is `label`, as trimmed cells.
fn row<'m>(markup: &'m str, label: &str) -> Vec<&'m str> {
    markup
        .lines()
        .find(|l| l.starts_with('|') && l.split('|').nth(1).is_some_and(|c| c.trim() == label))
        .unwrap_or_else(|| panic!("no row {label}\n{markup}"))
        .trim()
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect()
}

fn expect_codes(markup: &str, expected: &[(&str, usize)]) {
    let expected: BTreeMap<String, usize> =
        expected.iter().map(|(c, n)| (c.to_string(), *n)).collect();
    assert_eq!(codes(markup), expected, "\n{markup}");
}

#[test]
fn gov2021_page_with_merged_cells() {
    let r = run("gov2021-qinghe-2022.html");
    let m = &r.markup;
    assert!(r.html);
    assert_eq!(
        r.meta.title.as_deref(),
        Some("清河县2022年政府信息公开工作年度报告")
    );
    assert_eq!(r.meta.organ.as_deref(), Some("清河县人民政府"));
    assert_eq!(r.meta.organ_kind, Some("人民政府"));
    assert_eq!(r.meta.year, Some(2022));
    assert_eq!(r.meta.published.as_deref(), Some("2023-03-20"));
    assert_eq!(r.tables.len(), 6, "{:?}", r.tables);
    assert!(m.contains("格式: 2021\n"));
    // Navigation, info box, widgets, footer and spam are gone.
    for noise in [
        "当前位置",
        "索引号",
        "浏览次数",
        "分享到",
        "ICP备",
        "亚洲",
        "相关链接",
    ] {
        assert!(!m.contains(noise), "{noise} left in\n{m}");
    }
    // Headings from the numbering.
    assert!(m.contains("\n# 一、总体情况\n"));
    assert!(m.contains("\n## （一）主动公开\n"));
    assert!(m.contains("\n# 六、其他需要报告的事项\n"));
    // 表二: blocks, colspan'd values, thousands separator dropped.
    assert_eq!(row(m, "行政许可"), ["行政许可", "3256"]);
    assert_eq!(row(m, "行政事业性收费"), ["行政事业性收费", "126.5"]);
    // 表三: header from the three merged rows, split labels joined, figures in the official column order.
    assert_eq!(
        row(m, "申请人情况"),
        [
            "申请人情况",
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计"
        ]
    );
    assert_eq!(
        row(m, "（七）总计"),
        ["（七）总计", "39", "3", "0", "0", "1", "0", "43"]
    );
    assert_eq!(
        row(m, "8．属于行政查询事项"),
        ["8．属于行政查询事项", "0", "0", "0", "0", "0", "", "0"]
    );
    assert_eq!(row(m, "三、本年度办理结果").len(), 8);
    assert!(m.contains("\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"));
    // 表四 transposed.
    assert_eq!(row(m, "行政复议"), ["行政复议", "1", "0", "0", "0", "1"]);
    assert_eq!(
        row(m, "行政诉讼（未经复议直接起诉）"),
        ["行政诉讼（未经复议直接起诉）", "0", "0", "0", "1", "1"]
    );
    // The checker finds the injected defects and nothing else.
    expect_codes(m, &[("prose-breakdown", 1), ("cell-blank", 1)]);
    assert!(messages(m, "prose-breakdown")[0].contains("1500"));
}

#[test]
fn gov2019_page_in_gbk_with_traditional_characters() {
    let bytes = fixture("gov2019-yongan-2019-gbk.html");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is GBK");
    let r = run("gov2019-yongan-2019-gbk.html");
    let m = &r.markup;
    assert_eq!(r.encoding, "GB18030");
    assert_eq!(
        r.meta.title.as_deref(),
        Some("永安縣人民政府2019年政府信息公開工作年度報告")
    );
    assert_eq!(r.meta.organ.as_deref(), Some("永安县人民政府"));
    assert_eq!(r.meta.year, Some(2019));
    assert_eq!(r.meta.published.as_deref(), Some("2020-01-15"));
    assert!(m.contains("格式: 2019\n"));
    assert_eq!(r.tables.len(), 7, "{:?}", r.tables);
    // Pinyin annotations removed, the text otherwise as published.
    assert!(m.contains("根據《中華人民共和國政府信息公開條例》"), "{m}");
    assert!(!m.contains("(jù)") && !m.contains("(fā)"));
    // Navigation of the layout table and the footer are gone.
    assert!(!m.contains("網站首頁") && !m.contains("版權所有"));
    assert_eq!(
        row(m, "第二十條第（一）項"),
        [
            "第二十條第（一）項",
            "本年新製作數量",
            "本年新公開數量",
            "對外公開總數量"
        ]
    );
    assert_eq!(row(m, "行政許可"), ["行政許可", "120", "+6", "2045"]);
    assert_eq!(row(m, "政府集中採購"), ["政府集中採購", "26", "1386.5萬元"]);
    assert_eq!(
        row(m, "（六）其他處理"),
        ["（六）其他處理", "0", "0", "0", "0", "0", "0", "0"]
    );
    assert_eq!(row(m, "行政復議"), ["行政復議", "1", "0", "0", "0", "2"]);
    expect_codes(m, &[("table-sum", 1)]);
}

#[test]
fn statistical_table_of_a_department() {
    let r = run("stat2014-nanxi-caizheng-2016.html");
    let m = &r.markup;
    assert_eq!(r.meta.organ.as_deref(), Some("南溪市财政局"));
    assert_eq!(r.meta.organ_kind, Some("部门"));
    assert_eq!(r.meta.year, Some(2016));
    assert_eq!(r.meta.published.as_deref(), Some("2017-03-28"));
    assert!(m.contains("格式: 2014\n"));
    assert_eq!(r.tables.len(), 1);
    assert_eq!(row(m, "统计指标"), ["统计指标", "单位", "统计数"]);
    assert_eq!(
        row(
            m,
            "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）"
        ),
        [
            "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
            "条",
            "856"
        ]
    );
    assert_eq!(row(m, "一、主动公开情况"), ["一、主动公开情况", "——", "——"]);
    assert_eq!(
        row(m, "（三）接受培训人员数"),
        ["（三）接受培训人员数", "人次", "35"]
    );
    // The title row inside the table stays as text.
    assert!(m.contains("\n政府信息公开情况统计表（2016年度）\n"), "{m}");
    assert!(!m.contains("打印本页") && !m.contains("Copyright"));
    expect_codes(m, &[("table-sum", 1)]);
    assert!(messages(m, "table-sum")[0].contains("17"));
}

#[test]
fn text_copied_from_a_browser_with_tab_separated_rows() {
    let r = run("gov2021-baihe-sthj-2021.txt");
    let m = &r.markup;
    assert!(!r.html);
    assert_eq!(r.meta.organ.as_deref(), Some("白河市生态环境局"));
    assert_eq!(r.meta.organ_kind, Some("部门"));
    assert_eq!(r.meta.published.as_deref(), Some("2022-01-26"));
    assert_eq!(r.tables.len(), 6, "{:?}", r.tables);
    assert_eq!(
        row(m, "（一）予以公开"),
        ["（一）予以公开", "8", "2", "0", "0", "1", "0", "11"]
    );
    assert_eq!(row(m, "三、本年度办理结果").len(), 8);
    assert_eq!(row(m, "（三）不予公开").len(), 8);
    assert_eq!(row(m, "行政复议"), ["行政复议", "0", "0", "0", "0", "0"]);
    assert!(!m.contains("打印本页") && !m.contains("字号"));
    expect_codes(m, &[]);
}

#[test]
fn import_never_fails_on_odd_input() {
    for input in [
        &b""[..],
        b"\xFF\xFE",
        b"<html><body><table><tr><td rowspan=99999 colspan=0>x</td></tr></table></body></html>",
        b"| a | b |\n---\n# x\n//",
        "一、\n（一）\n1.\n第二十条第（一）项\n信息内容\n规章\n".as_bytes(),
        "申请人情况\n自然人\n1\n2\n".as_bytes(),
    ] {
        let r = import(input, &Options::default());
        assert!(r.markup.starts_with("---\n"));
        let tree = nianbao_core::syntax::parse(&r.markup);
        assert!(!tree.root_node().has_error(), "{}", r.markup);
    }
}
