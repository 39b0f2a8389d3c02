//! `prose-section-count`: the report says how many parts it is made of ("本报告由概述、……、附表等七部分组成")
//! and names more parts than that, or, with no 等 closing the list, fewer however its names are read.
//!
//! A section's name may hold a 、 of its own ("因政府信息公开申请行政复议、提起行政诉讼的情况"), and a 和 may
//! join two parts or name one ("收到和处理政府信息公开申请情况"). More names than the count, read as few as they
//! can be, are wrong: a piece that does not end like a section's name ("……情况", "……事项", "附表" …) belongs to
//! the next one, a lone 附表 closing the list to the part before it ("需要说明的事项、附表"), and a 诉讼 part
//! right after a 复议 part is one part with it. Fewer names are wrong only when 等 does not close the list (it
//! may leave parts out) and the names read as many parts as they can be ([`most_parts`]) still fall short.

use std::ops::Range;
use std::sync::LazyLock;

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::semantic::Context;

/// How the names of a report's parts end (traditional forms too: pages converted by a site's 繁简 switch).
const ENDINGS: &[&str] = &[
    "情况", "情況", "概述", "事项", "事項", "附表", "附件", "附注", "附註", "措施", "打算", "计划",
    "計劃", "方向", "说明", "說明",
];
/// A part that is only an attachment, closing the list: often counted with the part before it.
const ATTACHMENTS: &[&str] = &["附表", "附件", "附注", "附註"];
/// What says the list is of the report itself.
const SUBJECTS: &[&str] = &["报告", "報告", "全文", "年报", "年報", "本文"];
/// What opens the list after the subject.
const OPENERS: &[&str] = &["由", "包括", "分为", "分為", "包含", "共分"];
/// Characters no name of a part holds: a list with them is something else.
const NOT_IN_NAMES: &[char] = &[
    '“', '”', '"', '《', '》', '（', '）', '(', ')', ':', '：', '。', '；', ';', '！', '？',
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = cx.plain();
    let paragraphs = &cx.report.paragraphs;
    for (pi, p) in paragraphs.iter().enumerate() {
        let para = &text[p.range.clone()];
        // Most paragraphs name no parts: one fast search each (this rule ran four slow ones).
        static WORDS: LazyLock<[memchr::memmem::Finder<'static>; 2]> = LazyLock::new(|| {
            ["部分", "方面"].map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
        });
        if WORDS.iter().all(|w| w.find(para.as_bytes()).is_none()) {
            continue;
        }
        for (at, _) in para.match_indices("部分").chain(para.match_indices("方面")) {
            if let Some(d) = claim(para, at).and_then(|c| finding(para, p.range.start, &c)) {
                out.push(d);
            }
        }
        // The parts one a paragraph after a claim closing this one.
        let Some((count, range)) = closing_claim(para) else {
            continue;
        };
        let mut items = 0;
        let mut last = p.range.clone();
        for q in &paragraphs[pi + 1..] {
            let between = &text[last.end.min(q.range.start)..q.range.start];
            let item = &text[q.range.clone()];
            if !between.trim().is_empty()
                || item.chars().count() > 60
                || ordinal(item) != Some(items + 1)
            {
                break;
            }
            items += 1;
            last = q.range.clone();
        }
        if items >= 3 && items > count {
            let at = p.range.start + range.start..p.range.start + range.end;
            out.push(
                diag(
                    Code::ProseSectionCount,
                    at,
                    format!("这里说报告由 {count} 个部分组成，其后却逐项列出了 {items} 个"),
                )
                .related(last, format!("第 {items} 项")),
            );
        }
    }
}

/// "……报告主要内容共九个部分组成：" closing its paragraph: the count and where it stands in the paragraph.
fn closing_claim(para: &str) -> Option<(usize, Range<usize>)> {
    let (at, word) = ["部分", "方面"]
        .iter()
        .filter_map(|w| para.rfind(w).map(|i| (i, *w)))
        .max()?;
    let rest = para[at + word.len()..].trim();
    let rest = rest.strip_prefix("组成").unwrap_or(rest);
    let rest = rest.strip_prefix("如下").unwrap_or(rest);
    if !rest.trim_matches([':', '：', '。', ' ']).is_empty() {
        return None;
    }
    let (count, numeral_at) = count_before(para, at)?;
    let sentence_start = para[..numeral_at]
        .char_indices()
        .rfind(|&(_, c)| "。；;".contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let sentence = &para[sentence_start..numeral_at];
    SUBJECTS
        .iter()
        .any(|s| sentence.contains(s))
        .then_some((count, numeral_at..at + word.len()))
}

/// The ordinal an item opens with ("（一）", "(二)", "三、", "4.", "5、"), written the same way from one to the next.
fn ordinal(item: &str) -> Option<usize> {
    let item = item.trim_start();
    let inner = item
        .strip_prefix(['(', '（'])
        .and_then(|r| r.split_once([')', '）']).map(|(n, _)| n))
        .or_else(|| item.split_once(['、', '.', '．']).map(|(n, _)| n))?;
    if inner.is_empty() || inner.chars().count() > 3 {
        return None;
    }
    if let Ok(n) = inner.parse::<usize>() {
        return Some(n);
    }
    let chars: Vec<char> = inner.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', u] => chinese_digit(*u).map(|u| 10 + u),
        [u] => chinese_digit(*u),
        _ => None,
    }
}

/// "……等七个部分": the count, where it stands, and the names before it.
struct Claim<'a> {
    count: usize,
    /// The count and its word ("七个部分"), in the paragraph.
    range: Range<usize>,
    names: &'a str,
    /// The list closes with 等: parts may be left out of it.
    etc: bool,
}

/// The claim whose word ("部分", "方面") starts at `at` in `para`.
fn claim(para: &str, at: usize) -> Option<Claim<'_>> {
    let (count, numeral_at) = count_before(para, at)?;
    let head = para[..numeral_at].trim_end();
    // ("其中第二、三、四部分以表格形式呈现": parts named by their ordinals, not a count.)
    if head.ends_with(['、', '第']) {
        return None;
    }
    let closer = ["等", "共", "总共", "合计", "计", "这"]
        .iter()
        .find(|w| head.ends_with(*w));
    let head = closer
        .and_then(|w| head.strip_suffix(w))
        .unwrap_or(head)
        .trim_end();
    let head = head.trim_end_matches(['，', ',', '、', ' ']);
    // The opener nearest the count, said of the report ("本报告由", "报告全文由", "报告内容由").
    let (open_end, _) = OPENERS
        .iter()
        .filter_map(|o| {
            let i = head.rfind(o)?;
            let lead = &head[..i];
            let subject = SUBJECTS
                .iter()
                .filter_map(|s| lead.rfind(s).map(|j| j + s.len()))
                .max()?;
            let between = &lead[subject..];
            (between.chars().count() <= 6 && !between.contains(['，', ',', '。']))
                .then_some((i + o.len(), i))
        })
        .max_by_key(|&(_, i)| i)?;
    // ("……附表组成，共七部分": the verb stays with the names when the count comes after it.)
    let names = head[open_end..].trim_start_matches([':', '：', ' ']);
    let names = ["所组成", "组成", "构成"]
        .iter()
        .find_map(|w| names.strip_suffix(w))
        .unwrap_or(names);
    (!names.contains(NOT_IN_NAMES)
        && !names.contains(|c: char| c.is_ascii_digit())
        && !names.contains("部分"))
    .then_some(Claim {
        count,
        range: numeral_at..at + "部分".len(),
        names,
        etc: closer == Some(&"等"),
    })
}

/// The count written right before the word at `at` ("七部分", "7个部分") and where it starts.
/// (Spaces round the count are the page's: "……需要说明的事项与附表 6 个部分".)
fn count_before(para: &str, at: usize) -> Option<(usize, usize)> {
    let before = para[..at].trim_end();
    numeral_before(before.strip_suffix('个').unwrap_or(before).trim_end())
}

/// The count written right before the end of `s` (二 … 十三, or 2 … 13) and where it starts.
fn numeral_before(s: &str) -> Option<(usize, usize)> {
    let mut chars = s.char_indices().rev();
    let (i, last) = chars.next()?;
    if last.is_ascii_digit() {
        let start = s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let n: usize = s[start..].parse().ok()?;
        return (2..=13).contains(&n).then_some((n, start));
    }
    match (last, chars.next()) {
        ('十', _) => Some((10, i)),
        (u, Some((j, '十'))) => chinese_digit(u).map(|u| (10 + u, j)),
        (u, _) => chinese_digit(u).filter(|&u| u >= 2).map(|u| (u, i)),
    }
}

/// 一 … 九 as 1 … 9.
fn chinese_digit(c: char) -> Option<usize> {
    "一二三四五六七八九".find(c).map(|i| i / 3 + 1)
}

/// The names read as few parts as they can be.
fn fewest_parts(names: &str) -> Vec<String> {
    // Commas over 、 when both stand in the list: the 、 are inside names then.
    let commas: Vec<&str> = names.split(['，', ',']).collect();
    let pieces: Vec<&str> = if commas.len() >= 3 && names.contains('、') {
        commas
    } else {
        names.split(['，', ',', '、']).collect()
    };
    let mut parts: Vec<String> = Vec::new();
    let mut pending = String::new();
    for piece in pieces {
        let piece = piece.trim();
        pending.push_str(piece);
        if ENDINGS.iter().any(|e| piece.ends_with(e)) {
            parts.push(std::mem::take(&mut pending));
        } else {
            pending.push('、');
        }
    }
    if !pending.is_empty() {
        parts.push(pending.trim_end_matches('、').to_string());
    }
    // A lone attachment closing the list goes with the part before it.
    if parts.len() > 1 && ATTACHMENTS.contains(&parts[parts.len() - 1].as_str()) {
        let last = parts.pop().expect("more than one");
        let before = parts.last_mut().expect("more than one");
        before.push('、');
        before.push_str(&last);
    }
    // A name written twice, once with more words before it, is one part ("存在的主要问题及改进情况，政府信息公开
    // 工作存在的主要问题及改进情况").
    let parts: Vec<String> = parts.into_iter().fold(Vec::new(), |mut kept, part| {
        let again = part.chars().count() >= 5
            && kept
                .iter()
                .any(|k: &String| k.ends_with(part.as_str()) || part.ends_with(k.as_str()));
        if !again {
            kept.push(part);
        }
        kept
    });
    // A part of lawsuits right after one of reviews is one part ("……行政复议情况、提起行政诉讼情况").
    let mut merged: Vec<String> = Vec::new();
    for part in parts {
        match merged.last_mut() {
            Some(prev)
                if (prev.contains("复议") || prev.contains("復議"))
                    && !prev.contains("诉讼")
                    && !prev.contains("訴訟")
                    && (part.contains("诉讼") || part.contains("訴訟")) =>
            {
                prev.push('、');
                prev.push_str(&part);
            }
            _ => merged.push(part),
        }
    }
    merged
}

/// What a report's parts are about, each kind a list of words that name it: a name with two kinds
/// ("说明与附表", "存在问题及工作打算") may have been counted as two parts.
const KINDS: &[&[&str]] = &[
    &["概述", "概况", "总体情况", "基本情况", "基本工作"],
    &["主动公开"],
    &["依申请", "公开申请", "申请公开", "申请情况"],
    &["不予公开"],
    &["收费", "减免", "费用"],
    &["复议", "诉讼"],
    &["问题", "改进", "整改", "不足"],
    &["其他", "其它", "需要报告", "说明", "事项"],
    &["附表", "附件", "附注", "统计表", "数据表"],
    &["咨询"],
    &["回应", "解读"],
    &["机构", "保障", "经费", "培训", "组织", "队伍"],
    &["监督", "考核", "举报", "投诉", "申诉", "评议"],
    &["打算", "计划", "安排", "方向"],
    &["管理"],
    &["平台", "网站", "新闻发布", "载体", "渠道"],
    &["支出"],
];

/// The kinds of part a name speaks of, by their index in [`KINDS`].
fn kinds_of(name: &str) -> impl Iterator<Item = usize> + '_ {
    KINDS
        .iter()
        .enumerate()
        .filter(move |(_, words)| words.iter().any(|w| name.contains(w)))
        .map(|(k, _)| k)
}

/// The names read as many parts as they can be: every piece between commas and 、 counts once for every
/// kind of part it names, and a name joined to it by 和, 及 or 与 that is of no kind known counts once more
/// ("依申请公开政府信息和不予公开政府信息情况" may be two parts; "收到和处理……申请情况" is one).
fn most_parts(names: &str) -> usize {
    let mut total = 0;
    for piece in names.split(['，', ',', '、']) {
        // ("因政府信息公开申请行政复议": a review, not the applications.)
        let piece = piece
            .replace("申请行政复议", "行政复议")
            .replace("申请复议", "复议");
        let mut kinds = std::collections::BTreeSet::new();
        let mut unknown = 0;
        for name in piece.split(['和', '及', '与']) {
            kinds.extend(kinds_of(name));
            // (A short piece of no kind is a verb or a word of the name: "收到和处理".)
            if kinds_of(name).next().is_none() && name.chars().count() >= 4 {
                unknown += 1;
            }
        }
        total += (kinds.len() + unknown).max(1);
    }
    total
}

/// Whether the last piece of the names joins two kinds of part by 和, 及 or 与 ("……改进情况和其他需要报告的
/// 事项", "其他需要报告的事项和附表"): the writer closed the list, and a 等 after it leaves nothing out.
fn closed_by_conjunction(names: &str) -> bool {
    let last = names.rsplit(['，', ',', '、']).next().unwrap_or("");
    let kinds: std::collections::BTreeSet<usize> = last
        .split(['和', '及', '与'])
        .filter_map(|name| kinds_of(name).next())
        .collect();
    kinds.len() >= 2
}

fn finding(para: &str, para_start: usize, c: &Claim) -> Option<Diagnostic> {
    if c.names.is_empty() {
        return None;
    }
    let parts = fewest_parts(c.names);
    if parts.len() < 3 || parts.iter().any(String::is_empty) {
        return None;
    }
    let message = if parts.len() > c.count {
        format!(
            "这里说报告由 {} 个部分组成，列出的却至少有 {} 个：{}",
            c.count,
            parts.len(),
            parts.join("／")
        )
    } else {
        // Fewer only when nothing can make up the count: no 等 (unless the last name is joined by 和 to the one
        // before it, a list closed: "……存在的主要问题及改进情况和其他需要报告的事项等六个部分"), and no name that
        // could be two more.
        let open = c.etc && !closed_by_conjunction(c.names);
        let most = most_parts(c.names);
        if open || most >= c.count {
            return None;
        }
        format!(
            "这里说报告由 {} 个部分组成，列出的却最多只有 {} 个：{}",
            c.count,
            most,
            parts.join("／")
        )
    };
    let names_at = para_start + (c.names.as_ptr() as usize - para.as_ptr() as usize);
    let d = diag(
        Code::ProseSectionCount,
        para_start + c.range.start..para_start + c.range.end,
        message,
    )
    .related(names_at..names_at + c.names.len(), "列出的部分");
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> usize {
        fewest_parts(s).len()
    }

    #[test]
    fn a_count_with_spaces_round_it() {
        // (A page that spaces its figures: "……附表 6 个部分".)
        let para = "全文包括概述，主动公开政府信息的情况，依申请公开政府信息办理情况，政府信息公开的收费及减免情况，\
            因政府信息公开申请行政复议、提起行政诉讼的情况，政府信息公开存在的主要问题及改进情况，需要说明的事项与附表 6 个部分。";
        let at = para.find("部分").unwrap();
        let c = claim(para, at).expect("a claim");
        assert_eq!(c.count, 6);
        assert!(finding(para, 0, &c).is_some());
    }

    #[test]
    fn counts_of_chinese_and_ascii_numerals() {
        assert_eq!(numeral_before("等七"), Some((7, 3)));
        assert_eq!(numeral_before("共十二"), Some((12, 3)));
        assert_eq!(numeral_before("共十"), Some((10, 3)));
        assert_eq!(numeral_before("由8"), Some((8, 3)));
        assert_eq!(numeral_before("一"), None);
        assert_eq!(numeral_before("组成"), None);
    }

    #[test]
    fn ordinals_and_closing_claims() {
        assert_eq!(ordinal("（一）政府信息公开工作概述；"), Some(1));
        assert_eq!(ordinal("(十) 需要说明的事项与附表。"), Some(10));
        assert_eq!(ordinal("十二、其他"), Some(12));
        assert_eq!(ordinal("3. 收费情况"), Some(3));
        assert_eq!(ordinal("2012年，我局……"), None);
        assert_eq!(
            closing_claim("特向社会公布。本年度政府信息公开报告主要内容共九个部分组成:")
                .map(|c| c.0),
            Some(9)
        );
        assert_eq!(closing_claim("全年工作分为三个部分："), None);
    }

    #[test]
    fn names_read_as_many_parts_as_they_can_be() {
        // One kind joined by 及 or 和 is one part; a review's application is the review.
        assert_eq!(
            most_parts("概述、政府信息公开申请行政复议及提起行政诉讼情况、主要问题及改进情况"),
            3
        );
        // Two kinds, or a joined name of no kind known, may be two parts.
        assert_eq!(most_parts("其他需要报告的事项和附表"), 2);
        assert_eq!(most_parts("依申请公开政府信息和不予公开政府信息情况"), 2);
        assert_eq!(most_parts("社区服务和便民事项情况"), 2);
        // A short word before 和 is part of the name.
        assert_eq!(most_parts("收到和处理政府信息公开申请情况"), 1);
    }

    #[test]
    fn names_read_as_few_parts_as_they_can_be() {
        // A 、 inside a name, a 和 inside a name.
        assert_eq!(
            parts("概述、主动公开政府信息情况、因政府信息公开申请行政复议、提起行政诉讼的情况、收到和处理政府信息公开申请情况"),
            4
        );
        // A lone attachment closing the list.
        assert_eq!(parts("概述、主动公开情况、需要说明的事项、附表"), 3);
        // Reviews and lawsuits written as two parts.
        assert_eq!(
            parts(
                "总体情况、主动公开情况、被申请行政复议情况、提起行政诉讼情况、其他需要报告的事项"
            ),
            4
        );
        // Commas over 、.
        assert_eq!(
            parts("基本工作情况,主动公开情况,机构建设、保障经费和培训会议情况,存在问题及工作打算,附件"),
            4
        );
    }
}
