//! `prose-repeat`: one figure stated twice with two values — "2010年，我街主动公开政府信息4条。" in one
//! section and "2010年，我街主动公开政府信息5条。" in another (a digit slipped, or one place not updated).
//!
//! Only the plainest statement counts: a sentence that opens, after its time and its subject ("2010年，",
//! "我街", "全年", "共"), with one clause of words and then its first figure. Both statements must say the
//! same words of the same year and unit; any qualifier (a channel, a system, 截至, 累计, 其中, a comparison)
//! makes the two figures possibly different quantities, and then nothing is said.

use std::collections::HashMap;

use super::prose_breakdown::{compares, SENTENCE_END};
use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::Number;
use crate::semantic::Context;

/// Subjects and time words a statement may open with, said of the whole report's organ and year.
const OPENING: &[&str] = &[
    "我街",
    "我局",
    "我办",
    "我镇",
    "我乡",
    "我委",
    "我区",
    "我县",
    "我市",
    "我中心",
    "我院",
    "我厅",
    "我处",
    "本机关",
    "本局",
    "本单位",
    "本办",
    "全年",
    "本年度",
    "本年",
    "今年",
    "年内",
    "共计",
    "共",
    "总计",
    "合计",
    "各类",
];

/// Words that make the statement one of a part, a stock, a channel or a comparison: not the one figure.
const QUALIFIED: &[&str] = &[
    "其中",
    "截至",
    "截止",
    "累计",
    "历年",
    "以来",
    "目前",
    "通过",
    "在",
    "网站",
    "专栏",
    "栏目",
    "系统",
    "平台",
    "微信",
    "微博",
    "分别",
    "占",
    "上半年",
    "下半年",
    "季度",
    "月",
];

/// The shortest statement that names a quantity (in characters): "主动公开政府信息" has eight.
const MIN_WORDS: usize = 6;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = cx.plain();
    // (words, unit, years named) → the first figure stated so.
    let mut first: HashMap<(String, &str, Vec<&str>), &Number> = HashMap::new();
    // (A statement without a year is of the report's.)
    let own_year = cx.year.map(|y| y.to_string());
    for p in &cx.report.paragraphs {
        // The sentence's start and whether it has had a count, carried along: one pass over the paragraph
        // (a long paragraph without a sentence end must not be scanned again for each figure).
        let mut sentence = p.range.start;
        let mut counted = false;
        let mut scanned = p.range.start;
        for n in &p.numbers {
            let from = scanned.min(n.range.start);
            if let Some(i) = text[from..n.range.start].rfind(SENTENCE_END) {
                let at = from + i;
                sentence = at + text[at..].chars().next().map_or(1, char::len_utf8);
                counted = false;
            }
            scanned = n.range.end.max(scanned);
            let Some(unit) = n.unit_key() else { continue };
            if !n.is_count() || matches!(unit, "年" | "月" | "日") {
                continue;
            }
            // Its sentence's first count.
            if std::mem::replace(&mut counted, true) || n.approx {
                continue;
            }
            let head = &text[sentence..n.range.start];
            let Some((words, mut years)) = statement(head) else {
                continue;
            };
            if years.is_empty() {
                years.extend(own_year.as_deref());
            }
            let key = (words, unit, years);
            let Some(earlier) = first.get(&key) else {
                first.insert(key, n);
                continue;
            };
            if earlier.value != n.value {
                let words = &key.0;
                out.push(
                    diag(
                        Code::ProseRepeat,
                        n.range.clone(),
                        format!(
                            "“{words}”前文写作 {}{unit}，此处写作 {}{unit}：同一个数写了两个值",
                            earlier.value, n.value
                        ),
                    )
                    .related(earlier.range.clone(), format!("前文 {}", earlier.value)),
                );
            }
        }
    }
}

/// The words a statement says of its figure, without its ordinal, time and subject, and the years it
/// names: None when the head is more than one plain clause.
fn statement(head: &str) -> Option<(String, Vec<&str>)> {
    let years: Vec<&str> = head
        .match_indices('年')
        .filter_map(|(i, _)| {
            let digits = head[..i].len()
                - head[..i]
                    .trim_end_matches(|c: char| c.is_ascii_digit())
                    .len();
            (digits == 4).then(|| &head[i - 4..i])
        })
        .collect();
    let mut rest = head.trim_start();
    // An ordinal: "（一）", "一、", "1.".
    if let Some(after) = rest.strip_prefix(['（', '(']) {
        if let Some((inside, after)) = after.split_once(['）', ')']) {
            if inside.chars().all(|c| "一二三四五六七八九十".contains(c)) {
                rest = after.trim_start();
            }
        }
    }
    let ordinal = rest
        .char_indices()
        .take_while(|(_, c)| "一二三四五六七八九十0123456789".contains(*c))
        .last()
        .map(|(i, c)| i + c.len_utf8());
    if let Some(end) = ordinal {
        if rest[end..].starts_with(['、', '.', '．']) {
            rest = rest[end + rest[end..].chars().next().map_or(0, char::len_utf8)..].trim_start();
        }
    }
    // The time: "2010年，", "2010年度", "2009年1月1日至12月31日，".
    let b = rest.as_bytes();
    if b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && rest[4..].starts_with('年') {
        let after = &rest[4 + '年'.len_utf8()..];
        let after = after.strip_prefix('度').unwrap_or(after);
        let after = match after.find('至') {
            Some(i) if after[..i].contains('日') => {
                let to = &after[i..];
                to.find('日').map_or(after, |j| &to[j + '日'.len_utf8()..])
            }
            _ => after,
        };
        rest = after.trim_start_matches(['，', ',', ' ']);
    }
    let mut words = rest.trim();
    loop {
        let before = words;
        for w in OPENING {
            words = words.strip_prefix(w).unwrap_or(words);
        }
        if words == before {
            break;
        }
    }
    if words.chars().count() < MIN_WORDS
        || words.contains(|c: char| {
            c.is_ascii_digit() || "，,；;：:、（）()“”\"".contains(c) || SENTENCE_END.contains(&c)
        })
        || QUALIFIED.iter().any(|w| words.contains(w))
        || compares(words)
    {
        return None;
    }
    Some((words.to_string(), years))
}

#[cfg(test)]
mod tests {
    fn findings(text: &str) -> Vec<String> {
        crate::rules::messages(text, "prose-repeat")
    }

    #[test]
    fn one_figure_stated_twice_with_two_values() {
        let text = "2010年，我街主动公开政府信息4条。其中，乡镇街道公开信息数4条。\n\n2010年，我街主动公开政府信息5条。";
        assert_eq!(
            findings(text),
            vec!["“主动公开政府信息”前文写作 4条，此处写作 5条：同一个数写了两个值"]
        );
    }

    #[test]
    fn the_same_value_other_years_and_qualified_statements_pass() {
        for text in [
            "2010年，我街主动公开政府信息4条。\n\n2010年，我街主动公开政府信息4条。",
            "2010年，我街主动公开政府信息4条。\n\n2011年，我街主动公开政府信息5条。",
            "全年主动公开政府信息40条。\n\n通过政府网站主动公开政府信息35条。",
            "全年主动公开政府信息40条。\n\n截至年底累计主动公开政府信息135条。",
            "全年主动公开政府信息40条，其中主动公开政府信息30条。",
        ] {
            assert!(findings(text).is_empty(), "{text}");
        }
    }
}
