//! `nianbao render`: the official layouts checked on the DOM of the page (parsed with the same HTML parser
//! the importer uses): row and column spans, the printed note, cell values; and the page is standalone.

use std::path::Path;
use std::time::Instant;

use nianbao_render::render;
use scraper::{ElementRef, Html, Selector};

fn example(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../examples")
            .join(name),
    )
    .unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

fn attr(e: ElementRef, name: &str) -> Option<usize> {
    e.value().attr(name).map(|v| v.parse().unwrap())
}

/// The one element matching `selector`.
fn one<'a>(doc: &'a Html, selector: &str) -> ElementRef<'a> {
    let found: Vec<ElementRef> = doc.select(&sel(selector)).collect();
    assert_eq!(found.len(), 1, "{selector}: {} elements", found.len());
    found[0]
}

fn value(doc: &Html, table: &str, row: &str, col: &str) -> String {
    text(one(
        doc,
        &format!("table.{table} td[data-row=\"{row}\"][data-col=\"{col}\"]"),
    ))
}

#[test]
fn gov2021_layout() {
    let started = Instant::now();
    let html = render(&example("suizhong-2023.nianbao"));
    eprintln!("rendered suizhong-2023 in {:?}", started.elapsed());
    let doc = Html::parse_document(&html);
    assert_eq!(
        text(one(&doc, "h1")),
        "绥中县2023年政府信息公开工作年度报告"
    );
    let h2: Vec<String> = doc.select(&sel("h2")).map(text).collect();
    assert_eq!(h2.len(), 6);
    assert_eq!(h2[2], "三、收到和处理政府信息公开申请情况");

    // 表二: four blocks in one table, each under its merged block row and a 信息内容 header.
    let t2 = one(&doc, "table.t2");
    let blocks: Vec<ElementRef> = t2.select(&sel("tr.block th")).collect();
    assert_eq!(blocks.len(), 4);
    assert!(blocks.iter().all(|b| attr(*b, "colspan") == Some(4)));
    assert_eq!(text(blocks[0]), "第二十条第(一)项");
    let heads: Vec<ElementRef> = t2.select(&sel("tr.head")).collect();
    assert_eq!(
        text(heads[0].select(&sel("th")).next().unwrap()),
        "信息内容"
    );
    let single = heads[1].select(&sel("th")).nth(1).unwrap();
    assert_eq!(
        (text(single).as_str(), attr(single, "colspan")),
        ("本年处理决定数量", Some(3))
    );
    assert_eq!(value(&doc, "t2", "license", "decisions"), "21820");
    assert_eq!(value(&doc, "t2", "normative", "repealed"), "12");

    // 表三: the note in the merged corner, spanning headers, the merged result column and its groups.
    let t3 = one(&doc, "table.t3");
    let note = one(&doc, "table.t3 th.note");
    assert_eq!(
        (attr(note, "rowspan"), attr(note, "colspan")),
        (Some(3), Some(3))
    );
    assert_eq!(
        text(note),
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    );
    let head: Vec<ElementRef> = t3.select(&sel("thead tr")).collect();
    assert_eq!(head.len(), 3);
    let applicant = head[0].select(&sel("th")).nth(1).unwrap();
    assert_eq!(
        (text(applicant).as_str(), attr(applicant, "colspan")),
        ("申请人情况", Some(7))
    );
    let second: Vec<(String, Option<usize>, Option<usize>)> = head[1]
        .select(&sel("th"))
        .map(|e| (text(e), attr(e, "rowspan"), attr(e, "colspan")))
        .collect();
    assert_eq!(
        second,
        [
            ("自然人".to_string(), Some(2), None),
            ("法人或其他组织".to_string(), None, Some(5)),
            ("总计".to_string(), Some(2), None)
        ]
    );
    assert_eq!(head[2].select(&sel("th")).count(), 5);
    let results = one(&doc, "table.t3 td.group[data-row=\"results\"]");
    assert_eq!(
        (text(results).as_str(), attr(results, "rowspan")),
        ("三、本年度办理结果", Some(22))
    );
    for (key, span) in [("deny", 8), ("unable", 3), ("decline", 5), ("other", 3)] {
        let g = one(&doc, &format!("table.t3 td.group[data-row=\"{key}\"]"));
        assert_eq!(attr(g, "rowspan"), Some(span), "{key}");
    }
    // 25 rows of figures, each with 7 value cells; the label columns add up to 3 in every row.
    let body: Vec<ElementRef> = t3.select(&sel("tbody tr")).collect();
    assert_eq!(body.len(), 25);
    assert!(body.iter().all(|r| r.select(&sel("td.num")).count() == 7));
    let new = one(&doc, "table.t3 tr[data-row=\"new\"] td.label");
    assert_eq!(attr(new, "colspan"), Some(3));
    assert_eq!(value(&doc, "t3", "new", "person"), "57");
    assert_eq!(value(&doc, "t3", "total", "total"), "57");
    // The note written above the table in the markup is not printed twice.
    assert_eq!(html.matches("本列数据的勾稽关系为").count(), 1);

    // 表四: the official 15-column layout.
    let t4 = one(&doc, "table.t4");
    let rows: Vec<ElementRef> = t4.select(&sel("thead tr")).collect();
    assert_eq!(rows.len(), 3);
    let top: Vec<(String, Option<usize>)> = rows[0]
        .select(&sel("th"))
        .map(|e| (text(e), attr(e, "colspan")))
        .collect();
    assert_eq!(
        top,
        [
            ("行政复议".to_string(), Some(5)),
            ("行政诉讼".to_string(), Some(10))
        ]
    );
    let sub: Vec<String> = rows[1].select(&sel("th[colspan]")).map(text).collect();
    assert_eq!(sub, ["未经复议直接起诉", "复议后起诉"]);
    assert_eq!(rows[1].select(&sel("th[rowspan=\"2\"]")).count(), 5);
    assert_eq!(rows[2].select(&sel("th")).count(), 10);
    let figures: Vec<String> = t4.select(&sel("tbody td.num")).map(text).collect();
    assert_eq!(
        figures,
        ["0", "1", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]
    );

    // Standalone and printable.
    assert!(!html.contains("<link") && !html.contains("<script") && !html.contains("src="));
    assert!(!html.contains("url(") && !html.contains("@import"));
    assert!(html.contains("@page") && html.contains("@media print"));
}

#[test]
fn gov2019_layout() {
    // The 2019 format: five blocks of 表二, （六）其他处理 a row of figures, 20 rows under 三、本年度办理结果.
    let imported = nianbao_import::import(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures/import/gov2019-yongan-2019-gbk.html"),
        )
        .unwrap(),
        &Default::default(),
    );
    let html = render(&imported.markup);
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("table.t2 tr.block")).count(), 5);
    let results = one(&doc, "table.t3 td.group[data-row=\"results\"]");
    assert_eq!(attr(results, "rowspan"), Some(20));
    assert_eq!(
        doc.select(&sel("table.t3 td.group[data-row=\"other\"]"))
            .count(),
        0
    );
    let other = one(&doc, "table.t3 tr[data-row=\"other\"] td.label");
    assert_eq!(attr(other, "colspan"), Some(2));
    assert_eq!(doc.select(&sel("table.t3 tbody tr")).count(), 23);
    assert_eq!(value(&doc, "t2", "license", "change"), "+6");
    assert_eq!(value(&doc, "t4", "review", "total"), "2");
    // Traditional labels as written.
    assert!(html.contains("申請人情況"));
}

#[test]
fn statistical_table_and_plain_tables() {
    let html = render(&example("dongning-2016.nianbao"));
    let doc = Html::parse_document(&html);
    let stat = one(&doc, "table.stat");
    assert_eq!(stat.select(&sel("tbody tr")).count(), 8);
    assert_eq!(value(&doc, "stat", "active.items", "value"), "7123");
    // The provincial table is no standard table: written as it is.
    let plain = one(&doc, "table.plain");
    assert_eq!(
        text(plain.select(&sel("th")).next().unwrap()),
        "推进重点领域政府信息公开"
    );
    assert_eq!(plain.select(&sel("tbody tr")).count(), 15);
    // Comments are not rendered; front matter gives the header.
    assert!(!html.contains("来源：shared/seeds"));
    assert!(html.contains("东宁市人民政府"));
}

#[test]
fn text_is_escaped() {
    let html = render("---\n标题: <b>&\n年度: 2023\n---\n\n# 一、总体情况\n\n一行<script>alert(1)</script>\n第二行\n");
    assert!(html.contains("<title>&lt;b&gt;&amp;</title>"));
    assert!(html.contains("<p>一行&lt;script&gt;alert(1)&lt;/script&gt;第二行</p>"));
}
