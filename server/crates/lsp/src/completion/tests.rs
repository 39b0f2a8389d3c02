//! Completion at a `$0` cursor, on the items before conversion to the
//! protocol ([`super::items`]): one line per item, in order — what it is,
//! label, detail and, when it differs from the label, what is inserted, then
//! the text it replaces.

use super::{esc, strip_snippet};
use crate::fixture::{report_2023, Fixture};

fn check(marked: &str) -> String {
    let f = Fixture::new(marked);
    let mut items = super::items(&f.ctx(), f.offset);
    items.sort_by_key(|i| i.order);
    let mut out = String::new();
    for item in items.iter().take(40) {
        out.push_str(&format!("{:?} {}", item.kind, item.label));
        if let Some(d) = &item.detail {
            out.push_str(&format!(" · {d}"));
        }
        if item.insert != item.label {
            out.push_str(&format!(" ⇒ {:?}", item.insert));
        }
        out.push_str(&format!(" @{:?}\n", &f.text()[item.range.clone()]));
    }
    if items.len() > 40 {
        out.push_str(&format!("… {} more\n", items.len() - 40));
    }
    out
}

#[test]
fn front_matter_keys_not_yet_written() {
    let text = report_2023("").replacen("发布日期: 2024-01-20\n", "$0\n", 1);
    insta::assert_snapshot!(check(&text));
}

#[test]
fn front_matter_format_values() {
    let text = report_2023("").replacen("格式: 2021", "格式: $0", 1);
    insta::assert_snapshot!(check(&text));
}

#[test]
fn article_references_after_di() {
    insta::assert_snapshot!(check(&report_2023("依据《条例》第二十$0\n")));
}

#[test]
fn missing_rows_of_a_standard_table() {
    insta::assert_snapshot!(check(&report_2023(
        "| 第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | ---: | ---: | ---: |\n| 规章 | 0 | 0 | 0 |\n| $0\n"
    )));
}

#[test]
fn header_columns_of_a_standard_table() {
    insta::assert_snapshot!(check(&report_2023(
        "| 第二十条第（一）项 | 本年制发件数 | $0\n| --- | ---: |\n| 规章 | 0 |\n"
    )));
}

#[test]
fn headings_at_a_line_start() {
    insta::assert_snapshot!(check(&report_2023("# 一、总体情况\n\n正文。\n\n$0\n")));
}

#[test]
fn snippets_degrade_to_plain_text() {
    assert_eq!(strip_snippet("a | ${1:0} | ${2:条} |"), "a | 0 | 条 |");
    assert_eq!(strip_snippet("格式: ${1|2021,2019|}"), "格式: 2021");
    assert_eq!(strip_snippet("x: $1"), "x: ");
    assert_eq!(strip_snippet(&esc("a$b}")), "a$b}");
}
