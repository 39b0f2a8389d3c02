//! Hover at a `$0` cursor, on the LSP-free result ([`super::hover_at`]):
//! the snapshot is the hovered text, then the markdown.

use crate::fixture::{report_2016, report_2023, Fixture};

fn check(marked: &str) -> String {
    let f = Fixture::new(marked);
    match super::hover_at(&f.ctx(), f.offset) {
        Some(h) => format!("[{}]\n{}", &f.text()[h.range], h.markdown),
        None => "(no hover)".to_string(),
    }
}

#[test]
fn article_reference_in_a_2023_report_is_the_2019_edition() {
    insta::assert_snapshot!(check(&report_2023(
        "依据《条例》第二十条第（一$0）项主动公开。\n"
    )));
}

#[test]
fn article_reference_in_a_2016_report_is_the_2007_edition() {
    insta::assert_snapshot!(check(&report_2016("依据《条例》第三十二$0条编制。\n")));
}

#[test]
fn front_matter_key() {
    let text = report_2023("正文。\n").replacen("机关类型", "机关$0类型", 1);
    insta::assert_snapshot!(check(&text));
}

#[test]
fn section_heading() {
    insta::assert_snapshot!(check(&report_2023("# 一、总体$0情况\n\n正文。\n")));
}

const TABLE: &str = "| 第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | ---: | ---: | ---: |\n| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 3 | 1 | 20 |\n";

#[test]
fn standard_row_label() {
    let text = TABLE.replacen("行政规范性文件", "行政规范性$0文件", 1);
    insta::assert_snapshot!(check(&report_2023(&text)));
}

#[test]
fn standard_column_label() {
    let text = TABLE.replacen("本年废止件数", "本年废止$0件数", 1);
    insta::assert_snapshot!(check(&report_2023(&text)));
}

#[test]
fn table_corner() {
    let text = TABLE.replacen("第二十条第（一）项 |", "第二十条第（一）项$0 |", 1);
    insta::assert_snapshot!(check(&report_2023(&text)));
}

#[test]
fn figure_with_its_relation() {
    let text = TABLE.replacen("| 3 | 1 | 20 |", "| 3 | 1 | 2$00 |", 1);
    insta::assert_snapshot!(check(&report_2023(&text)));
}

#[test]
fn plain_prose_has_no_hover() {
    assert_eq!(check(&report_2023("本年度工作$0平稳。\n")), "(no hover)");
}
