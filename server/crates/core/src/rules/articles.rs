//! `article-unknown`: a reference to the 条例 that does not exist in the
//! edition applying to the report's year ("第六十条" — the 2019 edition has
//! 56 articles; "第三十六条第（八）项" — it has seven items).
//!
//! Only references that are clearly to the 条例 are checked: directly after
//! 《条例》 or the 条例's full title, or in a sentence that names it.

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::ArticleRef;
use crate::semantic::Context;
use crate::tiaoli;

const NAMES: &[&str] = &["条例", "條例"];
use super::prose_breakdown::SENTENCE_END;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for r in cx.report.article_refs() {
        if !about_tiaoli(cx.plain(), r) {
            continue;
        }
        let Some(reference) = tiaoli::parse_reference(&r.text) else {
            continue;
        };
        if let Err(e) = tiaoli::lookup(cx.edition, &reference) {
            out.push(diag(
                Code::ArticleUnknown,
                r.range.clone(),
                format!(
                    "{e}（{}年度的报告适用{}）",
                    cx.year.map_or(String::new(), |y| y.to_string()),
                    cx.edition
                ),
            ));
        }
    }
}

fn about_tiaoli(text: &str, r: &ArticleRef) -> bool {
    if let Some(title) = &r.preceding_title {
        return r.is_tiaoli() && NAMES.iter().any(|n| title.contains(n));
    }
    let start = text[..r.range.start].rfind(SENTENCE_END).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[r.range.end..]
        .find(SENTENCE_END)
        .map_or(text.len(), |i| r.range.end + i);
    let sentence = &text[start.min(r.range.start)..end];
    NAMES
        .iter()
        .any(|n| sentence.contains(&format!("《{n}》")) || sentence.contains("政府信息公开条例"))
}

#[cfg(test)]
mod tests {
    use crate::check::{check_text, Config};

    fn found(text: &str) -> Vec<String> {
        check_text(text, &Config::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "article-unknown")
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn references_are_resolved_against_the_years_edition() {
        assert!(found("---\n年度: 2023\n---\n依据《条例》第五十条第（四）项。\n").is_empty());
        assert_eq!(
            found("---\n年度: 2023\n---\n依据《条例》第六十条。\n").len(),
            1
        );
        // 2007 edition: 38 articles; 第三十二条 exists, 第五十条 does not.
        assert!(found("---\n年度: 2016\n---\n按照《条例》第三十二条要求。\n").is_empty());
        assert_eq!(
            found("---\n年度: 2016\n---\n按照《条例》第五十条要求。\n").len(),
            1
        );
        assert_eq!(
            found("---\n年度: 2023\n---\n依据《条例》第三十六条第（八）项。\n").len(),
            1
        );
    }

    #[test]
    fn a_reference_right_after_a_full_width_full_stop() {
        // Found by fuzzing: the sentence start was computed inside "。".
        assert_eq!(
            found("---\n年度: 2023\n---\n依据《条例》。第六十条见《条例》。\n").len(),
            1
        );
    }

    #[test]
    fn other_laws_are_left_alone() {
        assert!(found("---\n年度: 2023\n---\n依据《保密法》第六十条。\n").is_empty());
        assert!(found("---\n年度: 2023\n---\n落实第六十条措施。\n").is_empty());
    }
}
