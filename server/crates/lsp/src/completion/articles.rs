//! After `第`: article references of the edition that applies.

use super::*;
use crate::analysis::Ctx;
use nianbao_core::tiaoli::ArticleRef;

/// Characters an article reference is typed with after `第`.
fn in_reference(c: char) -> bool {
    c.is_ascii_digit()
        || nianbao_core::tiaoli::parse_cn_number(&c.to_string()).is_some()
        || "零〇两（）()条款项目第".contains(c)
}

pub(super) fn articles(cx: &Ctx, offset: usize, before: &str) -> Option<Vec<Item>> {
    let tail_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| in_reference(*c))
        .last()
        .map(|(i, _)| i)?;
    let tail = &before[tail_start..];
    let first = tail.find('第')?;
    let typed = &tail[first..];
    let start = offset - typed.len();
    let range = start..offset;
    let law = cx.edition().text();
    let digits: String = typed
        .trim_start_matches('第')
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let written_article = typed.contains('条');
    let mut out = Vec::new();
    let mut order = 0;
    for article in &law.articles {
        let label = article.label();
        let chapter = law
            .chapter_of(article.number)
            .map(|c| c.heading())
            .unwrap_or_default();
        let number_typed = !digits.is_empty()
            && typed.trim_start_matches('第').len() == digits.len()
            && article.number.to_string().starts_with(&digits);
        if !written_article {
            if label.starts_with(typed) || number_typed {
                let mut item = Item::new(label.clone(), What::Article, range.clone(), typed);
                item.detail = Some(format!("{}年《条例》{chapter}", law.edition.id()));
                item.doc = Some(article_doc(&label, article.text()));
                item.order = order;
                out.push(item);
            }
            order += 1;
            continue;
        }
        // 第五十条… typed: this article's 款 and 项.
        let parsed = nianbao_core::tiaoli::parse_reference_prefix(typed).map(|(r, _)| r.article);
        if parsed != Some(article.number) {
            continue;
        }
        let mut refs = vec![ArticleRef::article(article.number)];
        let enumerating = article
            .clauses
            .iter()
            .filter(|c| !c.items.is_empty())
            .count();
        for (k, clause) in article.clauses.iter().enumerate() {
            if article.clauses.len() > 1 {
                refs.push(ArticleRef {
                    article: article.number,
                    clause: Some(k as u32 + 1),
                    item: None,
                });
            }
            for m in 0..clause.items.len() {
                refs.push(ArticleRef {
                    article: article.number,
                    clause: (enumerating > 1).then_some(k as u32 + 1),
                    item: Some(m as u32 + 1),
                });
            }
        }
        for r in refs {
            let label = r.to_string();
            if !label.starts_with(typed) && !keep(cx, typed, &label) {
                continue;
            }
            let Ok(passage) = law.lookup(&r) else {
                continue;
            };
            let mut item = Item::new(label.clone(), What::Article, range.clone(), typed);
            item.detail = Some(format!("{}年《条例》", law.edition.id()));
            item.doc = Some(article_doc(&label, passage.text()));
            item.order = order;
            order += 1;
            out.push(item);
        }
    }
    Some(out)
}

fn article_doc(label: &str, text: &str) -> String {
    format!("**{label}**\n\n{}", text.replace('\n', "\n\n"))
}
