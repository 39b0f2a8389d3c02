//! Code actions at a `$0` cursor, on the LSP-free result
//! ([`super::actions_at`]): one line per action — kind, title, the rule it is
//! about, `preferred` — then each edit: where (line and the text it replaces)
//! and the new text.

use super::{actions_at, Action};
use crate::fixture::{report_2023, Fixture};

fn check_only(marked: &str, only: Option<&[&str]>) -> String {
    let f = Fixture::new(marked);
    let mut out = String::new();
    for a in actions_at(&f.ctx(), f.offset..f.offset, only) {
        match a {
            Action::Edit {
                title,
                kind,
                edits,
                diagnostic,
                preferred,
            } => {
                out.push_str(&format!("[{}] {title}", kind.as_str()));
                if let Some(d) = diagnostic {
                    out.push_str(&format!(" ({})", d.code));
                }
                if preferred {
                    out.push_str(" preferred");
                }
                out.push('\n');
                for e in &edits {
                    out.push_str(&format!("  {} → {:?}\n", f.place(&e.range), e.new_text));
                }
            }
            Action::Review(d) => out.push_str(&format!("[review] ({})\n", d.code)),
        }
    }
    if out.is_empty() {
        out.push_str("(no actions)\n");
    }
    out
}

fn check(marked: &str) -> String {
    check_only(marked, None)
}

/// 表三's first two rows; the total of the first row is the sum of six.
const APPLICATIONS: &str = "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n| 一、本年新收政府信息公开申请数量 | 40 | 5 | 0 | 0 | 2 | 1 | 48 |\n| 二、上年结转政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n";

#[test]
fn wrong_total_is_fixed_to_the_sum_then_suppressed_or_reviewed() {
    let text = APPLICATIONS.replacen("| 1 | 48 |", "| 1 | 4$09 |", 1);
    insta::assert_snapshot!(check(&report_2023(&text)));
}

/// 表二（一） with the 2019 format's row label (the 2021 format's is 行政规范性文件).
const REGULATIONS_2019_LABEL: &str = "| 第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | ---: | ---: | ---: |\n| 规章 | 0 | 0 | 0 |\n| 规范性文件 | 6 | 2 | 58 |\n";

#[test]
fn variant_label_becomes_the_standard_one() {
    let text = REGULATIONS_2019_LABEL.replacen("| 规范性文件", "| 规范$0性文件", 1);
    insta::assert_snapshot!(check(&report_2023(&text)));
}

#[test]
fn finding_without_a_fix_can_be_suppressed_or_reviewed() {
    insta::assert_snapshot!(check(&report_2023(
        "# 一、总体情况\n\n全年网站访问量达($0)人次。\n"
    )));
}

#[test]
fn nothing_where_there_is_no_finding() {
    assert_eq!(
        check(&report_2023(&APPLICATIONS.replacen("40", "4$00", 1))),
        "(no actions)\n"
    );
}

#[test]
fn fix_all_only_when_asked_and_without_colliding_edits() {
    let report = include_str!("../../../../../tests/fixtures/rules/table-sum/trigger-t4.nianbao");
    let marked = format!("$0{report}");
    let all = check_only(&marked, Some(&["source.fixAll"]));
    insta::assert_snapshot!(all);
    // Asking for quick fixes only does not bring it.
    assert!(!check_only(&marked, Some(&["quickfix"])).contains("source.fixAll"));
}
