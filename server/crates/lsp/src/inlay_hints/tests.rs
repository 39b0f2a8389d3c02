//! Inlay hints on the LSP-free result ([`super::hints_in`]): each hint as
//! the line of its figure with the hint written in at its place, `‹…›`,
//! then the tooltip's rule.

use super::hints_in;
use crate::fixture::{report_2023, Fixture};

fn check(f: &Fixture) -> String {
    let text = f.text();
    let mut out = String::new();
    for h in hints_in(&f.ctx(), 0..text.len()) {
        let at = h.edit.range.end;
        let line = f.open.doc.index().line_of(at);
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        out.push_str(&format!(
            "L{} {}‹{}›{} ({})\n",
            line + 1,
            &text[start..at],
            h.label,
            &text[at..end],
            h.diagnostic.code
        ));
    }
    if out.is_empty() {
        out.push_str("(no hints)\n");
    }
    out
}

#[test]
fn computed_value_beside_each_figure_that_fails_its_relation() {
    let report = include_str!("../../../../../tests/fixtures/rules/table-sum/trigger-t4.nianbao");
    insta::assert_snapshot!(check(&Fixture::new(&format!("$0{report}"))));
}

#[test]
fn none_for_a_fix_that_is_not_a_number() {
    // A variant label has a fix (the standard label), but no hint.
    // 表二（一） with the 2019 format's row label (the 2021 format's is 行政规范性文件).
    let text = "| 第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | ---: | ---: | ---: |\n| 规章 | 0 | 0 | 0 |\n| 规范性文件 | 6 | 2 | 58 |\n";
    let f = Fixture::new(&report_2023(&format!("$0{text}")));
    let variant = |d: &&nianbao_core::diagnostic::Diagnostic| d.code == "label-variant";
    assert!(f
        .open
        .diagnostics
        .iter()
        .filter(variant)
        .any(|d| d.fix.is_some()));
    assert_eq!(check(&f), "(no hints)\n");
}

#[test]
fn none_when_the_setting_is_off() {
    let report = include_str!("../../../../../tests/fixtures/rules/table-sum/trigger-t4.nianbao");
    let mut f = Fixture::new(&format!("$0{report}"));
    f.settings.inlay_hints = false;
    assert_eq!(check(&f), "(no hints)\n");
}
