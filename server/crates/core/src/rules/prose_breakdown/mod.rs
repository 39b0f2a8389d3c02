//! `prose-breakdown`: "共…N…其中…a…b…" where the parts do not add up to N.
//!
//! The total is the figure the 其中 refers to: the last count before 其中 in
//! the same sentence, or in the previous sentence when 其中 opens a sentence
//! ("共发布信息2471条。其中，…"). Parts are the figures after 其中 with the
//! same unit (or a bare figure before a comma, "当面递交申请2,"), up to the
//! end of the sentence or the next 其中; figures in brackets are details of
//! a part and left out. Approximate figures (余, 约, 近 …) never make an
//! exact-sum error.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rust_decimal::Decimal;

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::Number;
use crate::semantic::Context;

mod enclosed;
mod ends;
mod flow;
use ends::{
    after_other_count, electronic_copies, ends_at_semicolon, is_rate_of, new_subject,
    next_lists_total, rate_of_total, respective_rates, said_besides,
};
mod frames;
mod judge;
pub(crate) use frames::FRAME_PARAGRAPHS;
mod remainder;
mod shortfall;
mod sublists;
use shortfall::{
    cut_in_next_sentence, more_kinds_named, names_each_part, open_before, shares_account,
    shortfall_in_other_unit,
};
use sublists::{drop_unfinished, sublists};
mod unopened;
use enclosed::*;
use frames::*;
pub(crate) use frames::{continued_items, previous_paragraph_total};
use judge::*;
use remainder::remainders;
use unopened::*;

// A line break inside a paragraph does not end a sentence (docs/language.md §3.2).
pub(crate) const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?'];

/// How far back a share or a rate looks for the start of its sentence: a real sentence is far shorter,
/// and the bound keeps the rules linear on a paragraph that is one endless sentence.
const SENTENCE_WINDOW: usize = 4096;

/// Start of the sentence that holds `at` (at most [`SENTENCE_WINDOW`] bytes back).
pub(crate) fn sentence_start(text: &str, para_start: usize, at: usize) -> usize {
    let mut from = at.saturating_sub(SENTENCE_WINDOW).max(para_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..at]
        .char_indices()
        .rfind(|(_, c)| SENTENCE_END.contains(c))
        .map_or(from, |(i, c)| from + i + c.len_utf8())
}

/// Words that make a figure a comparison ("较上年增加5件"), never a total.
pub(crate) const COMPARISON: &[&str] = &[
    "较上年",
    "比上年",
    "同比",
    "较去年",
    "比去年",
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "提高",
    "降低",
    "环比",
    "上年为",
    "去年为",
    "上年同期",
    "去年同期",
    // ("与上年的1000条相比": last year's figure, the comparison said after it.)
    "与上年的",
    "与去年的",
    "同上年的",
    "和上年的",
    // (A figure from before and the one it was cut to: "由原来的10项精简为4项".)
    "原来",
    "精简为",
    "精简至",
    "压缩为",
    "压缩至",
    "压减为",
    "压减至",
    "缩短为",
    "缩短至",
    "减为",
    "减至",
    "降为",
    "降至",
];

/// How far back (in bytes) a figure's lead is read over figures without a unit for a comparison: far more
/// than "较2022年的" or "而2022年受理" needs.
const COMPARISON_LOOKBACK: usize = 240;

/// Whether a lead-in makes its figure a comparison: a [`COMPARISON`] word, or another year's figure named
/// by its year ("较2022年的98条", "与2022年的28件相比", "2022年为98条", "2022年同期为28件").
pub(crate) fn compares(lead: &str) -> bool {
    // (One pass for all the words: leads read back over years can be long.)
    static WORDS: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new(COMPARISON).expect("the comparison words build"));
    if WORDS.is_match(lead) {
        return true;
    }
    if !lead.contains('年') {
        return false;
    }
    let b = lead.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && lead[i + 4..].starts_with('年')
            && {
                let before = lead[..i].trim_end();
                let after = lead[i + 4..].trim_start_matches(['年', '度']);
                // (较/比/与 compare by themselves; after 和/同/而/是 the year's own figure follows in
                // its clause: "是2022年28件的1.25倍", "而2022年受理28件", not "一是2020年，我镇……共42条".)
                ["较", "比", "与"].iter().any(|w| before.ends_with(w))
                    || ["和", "同", "而", "是"].iter().any(|w| before.ends_with(w))
                        && after.chars().count() <= 6
                        && !after.contains(['，', ',', '；', ';', '。', '：', ':'])
                    || ["为", "同期", "是"].iter().any(|w| after.starts_with(w))
            }
    })
}

/// Words that name a figure as a total.
const TOTAL_WORDS: &[&str] = &["共", "合计", "总计", "总数", "全年", "全部", "累计"];

/// Words that name the last part of a list as the rest of the total ("其他类12条"): the list is complete.
const CATCH_ALL: &[&str] = &["其他", "其它", "其余"];

/// Publication channels: parts named after them may overlap.
pub(crate) const CHANNELS: &[&str] = &[
    "网站",
    "微博",
    "微信",
    "公众号",
    "客户端",
    "APP",
    "报纸",
    "报刊",
    "电视",
    "广播",
    "新媒体",
    "公告栏",
];

/// Whether `total` counts applications ("全年办理政府信息公开申请7件"): an application arrives one way
/// only, so its parts named after a channel ("网上申请", "已通过网站对外公开") do not overlap as
/// publication channels do. The clause before the figure names 申请, and the unit is 件.
pub(crate) fn counts_applications(text: &str, total: &Number) -> bool {
    let clause = clause_before(text, total.range.start, 60, ends_clause);
    total.unit_key() == Some("件") && clause.contains("申请")
}

/// Whether `c` ends a clause: a sentence end ([`SENTENCE_END`]), a comma or a semicolon (written out, as
/// the scans back over a clause run on every character).
pub(super) fn ends_clause(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '，' | ',' | '；' | ';')
}

/// The clause right before `at`: the text since the last character that `stops` it, looked for no more
/// than `window` bytes back (a figure's own words are short; the bound keeps the look back linear).
pub(super) fn clause_before(
    text: &str,
    at: usize,
    window: usize,
    stops: impl Fn(char) -> bool,
) -> &str {
    let from = (at.saturating_sub(window)..at)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(at);
    text[from..at].rsplit(stops).next().unwrap_or("")
}

/// `clause` without the 以上/上述 that points back at the figures before ("……业务动态类73条，以上合计102条").
pub(super) fn after_above(clause: &str) -> &str {
    ["以上", "上述"]
        .iter()
        .find_map(|w| clause.strip_prefix(w))
        .unwrap_or(clause)
}

/// How many figures back [`group_named`] looks for the part a group names.
const GROUP_LOOKBACK: usize = 12;

/// "其中网上申请40件，占80%；网上申请中予以公开30件" / "在网上申请中，予以公开30件": the earlier figure
/// (of `numbers[from..k]`, the nearest first) that the words right before figure `k` name as the group
/// the figure is counted in ("…中"), when its own name ends the same (two characters at least). Its
/// figures after are its own parts, not more parts of the list it is in.
pub(crate) fn group_named(text: &str, numbers: &[Number], from: usize, k: usize) -> Option<usize> {
    const STOPS: [char; 9] = ['，', ',', '；', ';', '。', '、', '：', ':', '\n'];
    let name_of = |j: usize| {
        let start = j.checked_sub(1).map_or(0, |i| numbers[i].range.end);
        text[start.min(numbers[j].range.start)..numbers[j].range.start]
            .rsplit(STOPS)
            .next()
            .unwrap_or("")
            .trim()
            .trim_start_matches("其中")
    };
    let start = k.checked_sub(1).map_or(0, |i| numbers[i].range.end);
    let lead = &text[start.min(numbers[k].range.start)..numbers[k].range.start];
    let at = lead.rfind('中')?;
    let head = lead[..at].trim_end_matches('之');
    if head.ends_with('其') {
        return None;
    }
    // (The group named in a clause of its own: "在己答复的9宗申请中" gives its figure, an opener.)
    let (_, group) = head.rsplit_once(STOPS)?;
    let group = group.trim().trim_start_matches(['在', '从', '对']);
    if group.chars().count() < 2 {
        return None;
    }
    // (A group is named a few figures after its part; the bound keeps long lists linear.)
    (from..k).rev().take(GROUP_LOOKBACK).find(|&j| {
        let name = name_of(j);
        numbers[j].is_count()
            && name.chars().count() >= 2
            && (name.ends_with(group) || group.ends_with(name))
    })
}

/// Whether `s` names a channel (any of [`CHANNELS`]), all of them looked for in one pass.
pub(crate) fn names_channel(s: &str) -> bool {
    static FINDER: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new(CHANNELS).expect("the channels build"));
    FINDER.is_match(s)
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for pi in 0..cx.report.paragraphs.len() {
        check_paragraph(cx, pi, out);
    }
}

/// The lists of paragraph `pi` (with their totals wherever they stand).
pub(crate) fn check_paragraph(cx: &Context, pi: usize, out: &mut Vec<Diagnostic>) {
    let p = &cx.report.paragraphs[pi];
    // (Every list, total and part is a figure of this paragraph.)
    if p.numbers.is_empty() {
        return;
    }
    let text = &cx.plain()[p.range.clone()];
    let para = Para::new(cx.plain(), p.range.clone(), &p.numbers);
    let mut previous: Option<Previous> = None;
    // The finding on the last list, held until the next list of the sentence says whether it detailed a
    // part of it (then neither is sure).
    let mut pending: Option<Diagnostic> = None;
    let mut headed_calls = 0;
    let mut division_calls = 0;
    let found = openers(text);
    for &(i, opener) in &found {
        let mark = p.range.start + i;
        // "具体包括履职依据1条,……" opening its paragraph lists the parts of the count the paragraph before
        // ends with, as 其中 there does.
        if opener == "包括" && text[..i].trim() == "具体" {
            let end = para.scope_end(mark, opener.len());
            out.extend(opening_paragraph(cx, pi, &para, mark, end));
            previous = None;
            continue;
        }
        // A comma opens a list only after a division head ("从内容分类看，…"); a few of them a
        // paragraph, so that a paragraph of thousands stays linear.
        let comma = matches!(opener, "，" | ",");
        if comma && division_calls >= MAX_FRAMES {
            continue;
        }
        let division = opener != "其中" && para.division_head(mark);
        if comma {
            if !division {
                continue;
            }
            division_calls += 1;
        }
        if opener != "其中" && !para.right_after_count(mark) && !division {
            if matches!(opener, "：" | ":") && headed_calls < MAX_FRAMES {
                headed_calls += 1;
                headed(cx, pi, &para, mark, opener.len(), out);
            }
            previous = None;
            continue;
        }
        let end = para.scope_end(mark, opener.len());
        if opener == "其中" && text[..i].trim().is_empty() {
            out.extend(opening_paragraph(cx, pi, &para, mark, end));
            previous = None;
            continue;
        }
        let (d, this) = breakdown(cx, &para, mark, end, previous.as_ref());
        if this.as_ref().is_some_and(|t| t.details_previous) {
            pending = None;
        }
        out.extend(pending.take());
        pending = d;
        // "……共收到申请12件，其中：" closing its paragraph: the parts head the paragraphs after.
        if let Some(t) = &this {
            let rest = &cx.plain()[mark + opener.len()..p.range.end];
            if t.parts.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_whitespace() || "：:，,".contains(c))
            {
                let total = &para.numbers[t.total];
                let parts = continued_parts(cx, pi, total, false);
                out.extend(judge(cx.plain(), total, &parts, mark, end, ELSEWHERE));
            }
        }
        previous = this;
    }
    out.extend(pending);
    framed(cx, pi, &para, out);
    bracketed(cx, &para, out);
    closing_sum(cx, &para, out);
    let opened = opened_at(&para, &found);
    unopened(cx, &para, &opened, out);
    arrivals(cx, &para, &opened, out);
    wan_slip(&para, out);
    remainders(cx.plain(), &para, out);
    flow::flows(cx, &para, out);
}

/// A 其中 (or 具体包括) opening its paragraph: its total is the last count of the paragraph before.
fn opening_paragraph(
    cx: &Context,
    pi: usize,
    para: &Para,
    mark: usize,
    end: usize,
) -> Option<Diagnostic> {
    let first = para
        .numbers
        .iter()
        .find(|n| n.range.start >= mark && n.is_count())?;
    let total = previous_paragraph_total(cx, pi, first)?;
    let part_indices = collect_parts(cx.plain(), para, mark, end, total);
    let parts: Vec<&Number> = part_indices.iter().map(|&i| &para.numbers[i]).collect();
    let list = List {
        label: "“其中”",
        ..ELSEWHERE
    };
    judge(cx.plain(), total, &parts, mark, end, list)
        .filter(|_| !shortfall_stated(para, end, total, &parts))
}

/// How many figures before a 其中 are tried as its total: the nearest count
/// that is not a comparison is almost always the first or second one back;
/// the bound keeps a paragraph of thousands of comparisons linear.
const MAX_TOTAL_CANDIDATES: usize = 64;

/// A paragraph with what every 其中 in it asks about, computed once, so that
/// the cost of a paragraph is linear in its length (not in its length times
/// the number of 其中): the figures (in text order), the sentence ends, the
/// bracket depth and where it next drops, the places of 其中.
struct Para<'t> {
    text: &'t str,
    range: Range<usize>,
    numbers: Cow<'t, [Number]>,
    /// Sentence-end characters: (start, end) byte offsets.
    ends: Vec<(usize, usize)>,
    /// Brackets: (offset, depth after it).
    brackets: Vec<(usize, i32)>,
    /// Over the depths before each bracket and after the last
    /// (`depth[0] = 0`, `depth[i] = brackets[i - 1].1`): for each, the first
    /// later index where the depth is lower (`brackets.len() + 1` if none).
    next_lower: Vec<usize>,
    /// Offsets of 其中.
    qizhong: Vec<usize>,
    /// Whether the lead-in of each figure (since the previous figure or the
    /// paragraph start) holds a comparison word.
    lead_comparison: Vec<bool>,
    /// Lead-ins cut at a sentence start: (figure, from) → comparison.
    cut_leads: RefCell<HashMap<(usize, usize), bool>>,
}

impl<'t> Para<'t> {
    fn new(text: &'t str, range: Range<usize>, numbers: &'t [Number]) -> Para<'t> {
        let in_order = numbers
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start);
        let numbers = if in_order {
            Cow::Borrowed(numbers)
        } else {
            let mut sorted = numbers.to_vec();
            sorted.sort_by_key(|n| (n.range.start, n.range.end));
            Cow::Owned(sorted)
        };
        let body = &text[range.clone()];
        let mut ends = Vec::new();
        let mut brackets = Vec::new();
        let mut depth = 0i32;
        for (i, c) in body.char_indices() {
            let at = range.start + i;
            match c {
                '（' | '(' => {
                    depth += 1;
                    brackets.push((at, depth));
                }
                '）' | ')' => {
                    depth -= 1;
                    brackets.push((at, depth));
                }
                c if SENTENCE_END.contains(&c) => ends.push((at, at + c.len_utf8())),
                _ => {}
            }
        }
        // An opening bracket the paragraph never closes is a slip of the page ("其他业务信息(如……等15条。"): it
        // opens nothing, or every figure after it would read as a detail. (Rare: matched over the brackets alone.)
        let opens = |j: usize| brackets[j].1 > if j == 0 { 0 } else { brackets[j - 1].1 };
        // (The depth a closing bracket without its opening cannot take below 0: above 0 at the end, some
        // opening bracket is never closed.)
        let unclosed =
            (0..brackets.len()).fold(0i32, |d, j| if opens(j) { d + 1 } else { (d - 1).max(0) });
        if unclosed > 0 {
            let mut stack: Vec<usize> = Vec::new();
            for j in 0..brackets.len() {
                if opens(j) {
                    stack.push(j);
                } else {
                    stack.pop();
                }
            }
            let mut depth = 0i32;
            brackets = (0..brackets.len())
                .filter(|j| stack.binary_search(j).is_err())
                .map(|j| {
                    depth += if opens(j) { 1 } else { -1 };
                    (brackets[j].0, depth)
                })
                .collect();
        }
        // The next lower depth, right to left with a stack.
        let depths: Vec<i32> = std::iter::once(0)
            .chain(brackets.iter().map(|b| b.1))
            .collect();
        let mut next_lower = vec![depths.len(); depths.len()];
        let mut stack: Vec<usize> = Vec::new();
        for i in (0..depths.len()).rev() {
            while stack.last().is_some_and(|&j| depths[j] >= depths[i]) {
                stack.pop();
            }
            if let Some(&j) = stack.last() {
                next_lower[i] = j;
            }
            stack.push(i);
        }
        let qizhong = body
            .match_indices("其中")
            .map(|(i, _)| range.start + i)
            .collect();
        // (Back over figures without a unit, within the sentence: a year is one, "较2022年的98条".) A
        // figure joined to a comparison by 和/、/及 is one too ("分别比上年增加5件和2件").
        // (The sentence's start is carried along and the look back is bounded: a paragraph of figures
        // without a unit must not be read again from its start for each of them.)
        let mut lead_comparison: Vec<bool> = Vec::with_capacity(numbers.len());
        let mut from = range.start;
        let mut sentence = range.start;
        let mut scanned = range.start;
        for (k, n) in numbers.iter().enumerate() {
            let start = n.range.start;
            let gap = scanned.min(start);
            if let Some(i) = text[gap..start].rfind(SENTENCE_END) {
                sentence = gap + i + text[gap + i..].chars().next().map_or(1, char::len_utf8);
            }
            scanned = n.range.end.max(start);
            let window = (start.saturating_sub(COMPARISON_LOOKBACK)..start)
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(start);
            let lead = &text[from.max(sentence).max(window).min(start)..start];
            let joined = k > 0
                && lead_comparison[k - 1]
                && matches!(
                    text[numbers[k - 1].range.end.min(start)..start].trim(),
                    "和" | "、" | "及" | "与"
                );
            lead_comparison.push(joined || compares(lead));
            if n.unit.is_some() {
                from = n.range.end;
            }
        }
        Para {
            text,
            range,
            numbers,
            ends,
            brackets,
            next_lower,
            qizhong,
            lead_comparison,
            cut_leads: RefCell::default(),
        }
    }

    /// How many figures end at or before `at`.
    fn ending_by(&self, at: usize) -> usize {
        self.numbers.partition_point(|n| n.range.end <= at)
    }

    /// The index of the first bracket at or after `at`.
    fn bracket_from(&self, at: usize) -> usize {
        self.brackets.partition_point(|b| b.0 < at)
    }

    /// The bracket depth at `at` (before the character there).
    fn depth_at(&self, at: usize) -> i32 {
        match self.bracket_from(at) {
            0 => 0,
            i => self.brackets[i - 1].1,
        }
    }

    /// Where the depth first drops below its value at `at`: the offset of
    /// that closing bracket.
    fn drop_after(&self, at: usize) -> Option<usize> {
        let k = self.next_lower[self.bracket_from(at)];
        (k <= self.brackets.len()).then(|| self.brackets[k - 1].0)
    }

    /// The opener at `mark` follows a count at once ("3437条，包括"), or after a word that says what
    /// follows ("346条，内容包括").
    fn right_after_count(&self, mark: usize) -> bool {
        let k = self.ending_by(mark);
        k.checked_sub(1).is_some_and(|k| {
            let n = &self.numbers[k];
            let between = &self.text[n.range.end..mark];
            let between = ["内容", "具体", "主要"]
                .iter()
                .find_map(|w| between.strip_suffix(w))
                .unwrap_or(between);
            n.is_count()
                && between
                    .chars()
                    .all(|c| c.is_whitespace() || "，,".contains(c))
                && between.chars().count() <= 1
        })
    }

    /// The colon at `mark` closes a short head that says a list of the count before it follows
    /// ("共受理申请20件，按申请方式分：…", "……共计15件。具体情况：…").
    fn division_head(&self, mark: usize) -> bool {
        division(self.head(mark))
    }

    /// Whether a division head at `mark` names what the total is divided by ("按信息类别分", "从申请方式看"),
    /// not only that details follow ("具体为").
    fn divides_by(&self, mark: usize) -> bool {
        let head = self
            .head(mark)
            .trim_start_matches(|c: char| c.is_whitespace() || "，,".contains(c));
        head.starts_with(['按', '从']) && division(head)
    }

    /// The words before `mark` since the last figure of its sentence (or the sentence's start).
    fn head(&self, mark: usize) -> &str {
        let start = self.sentence_start(mark);
        let k = self.ending_by(mark);
        let from = match k.checked_sub(1) {
            Some(k) if self.numbers[k].range.end > start => {
                if !self.numbers[k].is_count() {
                    return "";
                }
                self.numbers[k].range.end
            }
            _ => start,
        };
        &self.text[from..mark]
    }

    /// Start of the sentence that contains `at`.
    fn sentence_start(&self, at: usize) -> usize {
        match self.ends.partition_point(|e| e.1 <= at) {
            0 => self.range.start,
            k => self.ends[k - 1].1,
        }
    }

    /// Where a list of parts each with its share goes on past the full stop `ends[index]` ("……机构职能类3条，占0.05%，
    /// 领导信息4条，占0.06%。政策文件1条，0.16%，财政预算决算4条，占0.06%。"): the end of the next sentence, when that
    /// sentence is nothing but more such parts (a short name, a count, its share); `None` otherwise.
    fn shares_go_on(&self, start: usize, index: usize) -> Option<usize> {
        let &(stop, after) = self.ends.get(index)?;
        if !self.text[stop..after].starts_with('。') {
            return None;
        }
        let next_end = self.ends.get(index + 1).map_or(self.range.end, |e| e.0);
        let numbers = &self.numbers;
        let before = &numbers[numbers.partition_point(|n| n.range.start < start)
            ..numbers.partition_point(|n| n.range.start < stop)];
        // The list so far ends with a part and its share, and has at least two shares.
        let [.., count, share] = before else {
            return None;
        };
        if !(count.is_count() && share.is_percent())
            || before.iter().filter(|n| n.is_percent()).count() < 2
        {
            return None;
        }
        let next = &numbers[numbers.partition_point(|n| n.range.start < after)
            ..numbers.partition_point(|n| n.range.start < next_end)];
        if next.is_empty() || !next.len().is_multiple_of(2) {
            return None;
        }
        let mut previous_end = after;
        for pair in next.chunks(2) {
            let (count, share) = (&pair[0], &pair[1]);
            let name = &self.text[previous_end..count.range.start];
            let name = name.trim_start_matches(['，', ',', '；', ';', '、']);
            let link = &self.text[count.range.end..share.range.start];
            let plain_name = name.chars().count() <= 14
                && !name.contains(|c: char| c.is_ascii_digit() || "，,；;。：:（）()".contains(c))
                && ![
                    "共", "合计", "累计", "其中", "另", "此外", "年", "比", "较", "增", "减",
                ]
                .iter()
                .any(|w| name.contains(w));
            if !(count.is_count()
                && share.is_percent()
                && plain_name
                && matches!(
                    link,
                    "，" | "," | "，占" | ",占" | "，占比" | ",占比" | "占" | "、占"
                ))
            {
                return None;
            }
            previous_end = share.range.end;
        }
        self.text[previous_end..next_end]
            .trim()
            .is_empty()
            .then_some(next_end)
    }

    /// Where the breakdown opened by the opener at `mark` ends: the end of
    /// the sentence, the next 其中 at the same bracket depth, or the bracket
    /// that encloses this 其中 ("20件（其中转办5件）").
    fn scope_end(&self, mark: usize, opener_len: usize) -> usize {
        let start = mark + opener_len;
        let mut index = self.ends.partition_point(|e| e.0 < start);
        let mut sentence_end = self.ends.get(index).map_or(self.range.end, |e| e.0);
        while let Some(end) = self.shares_go_on(start, index) {
            sentence_end = end;
            index += 1;
        }
        let bracket = self.drop_after(start).unwrap_or(self.range.end);
        let limit = sentence_end.min(bracket).min(self.range.end);
        let depth = self.depth_at(start);
        let first = self.qizhong.partition_point(|&q| q < start);
        self.qizhong[first..]
            .iter()
            .take_while(|&&q| q < limit)
            .find(|&&q| self.depth_at(q) == depth)
            .copied()
            .unwrap_or(limit)
    }

    /// Whether the text from `from` to `to` closes a bracket it did not
    /// open: the figure before it is a detail in brackets ("办结177件（含上年
    /// 结转的3件），其中…"), not a total.
    fn closes_bracket(&self, from: usize, to: usize) -> bool {
        self.drop_after(from).is_some_and(|at| at < to)
    }

    /// Whether the lead-in of figure `k` (the text since the previous figure,
    /// but not before `from`) holds a comparison word ("较上年增加5件").
    fn comparison_lead(&self, k: usize, from: usize) -> bool {
        if !self.lead_comparison[k] {
            return false;
        }
        let previous_end = match k {
            0 => self.range.start,
            _ => self.numbers[k - 1].range.end,
        };
        if previous_end >= from {
            return true;
        }
        let start = self.numbers[k].range.start;
        *self
            .cut_leads
            .borrow_mut()
            .entry((k, from))
            .or_insert_with(|| {
                let lead = &self.text[from.min(start)..start];
                compares(lead)
            })
    }
}

/// The text from `from` towards `to`, at most `max` bytes of it (cut at a character boundary): the
/// words right after a total, looked at for every opener after it, are looked at only near it.
pub(super) fn near(text: &str, from: usize, to: usize, max: usize) -> &str {
    let mut end = to.min(from.saturating_add(max)).max(from);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[from.min(end)..end]
}

/// Whether `head` (the words between a count or the start of a sentence and a colon) says that a
/// breakdown follows: "按申请方式分", "从公开类别来看", "具体情况如下", "分类情况".
fn division(head: &str) -> bool {
    let head = head.trim_matches(|c: char| c.is_whitespace() || "，,".contains(c));
    // (Twelve characters are at most 48 bytes: a long head is not counted, so a sentence of many
    // openers stays linear.)
    if head.len() > 48 {
        return false;
    }
    let chars = head.chars().count();
    if chars == 0 || chars > 12 || head.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let head = head
        .trim_end_matches("如下")
        .trim_end_matches('是')
        .trim_end_matches('为');
    (head.starts_with('按')
        && ["分", "划分", "分类", "统计", "看", "来看"]
            .iter()
            .any(|w| head.ends_with(w)))
        || (head.starts_with('从') && ["看", "来看", "分"].iter().any(|w| head.ends_with(w)))
        || ["具体情况", "具体", "分类情况", "分类", "明细"].contains(&head)
}

/// Words that open a list of parts. Besides 其中, they open a breakdown only right after its total
/// ("共计3437条，包括：…", "共收到申请3件，分别为…").
const OPENERS: &[&str] = &["其中", "包括", "包含", "含", "分别为", "分别是", "：", ":"];

/// All the [`OPENERS`] found in one pass over a text.
static OPENER_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(OPENERS).expect("the openers build"));

/// Every opener word of `text`, each where `match_indices` finds it (the
/// next one after the end of the last), all words in one pass; in order.
fn opener_words(text: &str) -> Vec<(usize, &'static str)> {
    let mut ends = [0; OPENERS.len()];
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    for m in OPENER_FINDER.find_overlapping_iter(text) {
        let k = m.pattern().as_usize();
        if m.start() >= ends[k] {
            ends[k] = m.end();
            found.push((m.start(), OPENERS[k]));
        }
    }
    found.sort_unstable();
    found
}

/// The openers of a paragraph, in order; "包括：" is one opener.
fn openers(text: &str) -> Vec<(usize, &'static str)> {
    let mut found = opener_words(text);
    // Commas after the last word of a division head ("从内容分类看，", "按申请方式分，").
    found.extend(
        text.match_indices(['，', ','])
            .filter(|(i, _)| text[..*i].ends_with(['看', '分']))
            .map(|(i, c)| (i, if c == "," { "," } else { "，" })),
    );
    found.sort_unstable();
    let mut merged: Vec<(usize, &'static str)> = Vec::new();
    for (i, w) in found {
        if let Some(&(j, v)) = merged.last() {
            let gap = &text[j + v.len()..i.max(j + v.len())];
            if gap.chars().all(|c| c.is_whitespace() || "，,".contains(c))
                && gap.chars().count() <= 1
            {
                continue;
            }
        }
        merged.push((i, w));
    }
    merged
}

/// Whether `total` ends the sentence right before the one opened by the 其中 at `mark` ("128条。其中，").
fn ends_sentence_before(text: &str, total: &Number, start: usize, mark: usize) -> bool {
    total.range.end <= start
        && text[total.range.end..start].trim().chars().count() == 1
        && text[total.range.end..start].trim().ends_with(SENTENCE_END)
        && text[start..mark].trim().is_empty()
}

/// The breakdown before the current 其中, in the same paragraph.
struct Previous {
    total: usize,
    parts: Vec<usize>,
    sentence_start: usize,
    /// This list opens with the detail of a part of the list before ([`details_earlier_part`]).
    details_previous: bool,
    /// Where the list opens and what is known of it, to judge it again with parts that come back to it.
    mark: usize,
    list: List,
}

fn breakdown(
    cx: &Context,
    para: &Para,
    mark: usize,
    next_mark: usize,
    previous: Option<&Previous>,
) -> (Option<Diagnostic>, Option<Previous>) {
    match breakdown_inner(cx, para, mark, next_mark, previous) {
        Some((d, this)) => (d, Some(this)),
        None => (None, None),
    }
}

fn breakdown_inner(
    cx: &Context,
    para: &Para,
    mark: usize,
    next_mark: usize,
    previous: Option<&Previous>,
) -> Option<(Option<Diagnostic>, Previous)> {
    let text = cx.plain();
    let numbers: &[Number] = &para.numbers;
    let start = para.sentence_start(mark);
    let opens_sentence = text[start..mark]
        .chars()
        .all(|c| c.is_whitespace() || "，,：:、".contains(c))
        || (mark > start && division(&text[start..mark]));
    let search_from = if opens_sentence && start > para.range.start {
        let delimiter = text[..start].chars().next_back().map_or(1, char::len_utf8);
        para.sentence_start(start - delimiter)
    } else {
        start
    };
    // The nearest count before 其中 that is not a comparison ("较上年增加5件").
    // When the nearest is a part of the previous breakdown of this sentence
    // ("…其中A 25件，B 5件；其中…"), both breakdowns share its total.
    let first = numbers.partition_point(|n| n.range.start < search_from);
    let last = para.ending_by(mark).max(first);
    // A division by how applications came ("从申请方式看，网络申请24件……") divides what came in, not
    // what was done with it ("收到……申请共32件，办结30件。从申请方式看……").
    let by_arrival = mark > start && {
        let head = &text[start..mark];
        division(head) && ["方式", "渠道", "申请人"].iter().any(|w| head.contains(w))
    };
    let done = |k: usize| {
        let from = k
            .checked_sub(1)
            .map_or(search_from, |j| numbers[j].range.end.max(search_from));
        let lead = &text[from.min(numbers[k].range.start)..numbers[k].range.start];
        flow::DONE.iter().any(|w| lead.contains(w))
    };
    let candidate = (first..last).rev().take(MAX_TOTAL_CANDIDATES).find(|&k| {
        let n = &numbers[k];
        (n.is_count() || bare_count(text, n))
            && !para.closes_bracket(n.range.end, mark)
            && !para.comparison_lead(k, search_from)
            && !(by_arrival && done(k))
    })?;
    // A 其中 opening the sentence after a list that made its total, its nearest count that list's last
    // part ("收到申请525件，其中当面申请127件，网络申请78件，信函申请320件，已全部办结。其中属于已主动公开范围
    // 69件……"): it may break down the whole again or that part; the words do not say which.
    if let Some(p) = previous.filter(|p| {
        opens_sentence
            && p.sentence_start == search_from
            && p.parts.len() >= 2
            && p.parts.last() == Some(&candidate)
    }) {
        let made: Decimal = p.parts.iter().map(|&k| numbers[k].value).sum();
        if made == numbers[p.total].value {
            return None;
        }
    }
    let total_index = match previous {
        // …but a count right before 其中 ("微信公众号2443条，其中…") is the total of its own list.
        Some(p)
            if p.sentence_start == start
                && p.parts.contains(&candidate)
                && !para.right_after_count(mark) =>
        {
            p.total
        }
        _ => candidate,
    };
    let total = &numbers[total_index];
    let end = next_mark;
    // "共发生行政复议2件、行政诉讼1件，其中复议维持1件…": the count before 其中 is the last of a
    // list of counts, and the 其中 may break down any of them or all: say nothing.
    let coordinated = total_index > first
        && total_index == candidate
        && numbers[total_index - 1].unit_key() == total.unit_key()
        && {
            let gap = &text[numbers[total_index - 1].range.end..total.range.start];
            gap.chars().count() <= 12
                && gap.contains(['、', '和', '及', '与'])
                && !gap.contains(|c: char| "，,。；;：:".contains(c))
        };
    let mut part_indices = collect_parts(cx.plain(), para, mark, end, total);
    // "对其中24件予以公开": 其中 followed at once by a figure picks one part.
    let right_after = text[mark..]
        .strip_prefix("其中")
        .unwrap_or("")
        .trim_start_matches(['，', ',', '：', ':', ' ']);
    // …unless the parts after it are written the same way, figure first, right after a separator
    // ("其中298件按时办结，17件结转下年度办理"; "其中9件为网上申请，1件为书面申请").
    let figure_first = || {
        part_indices.len() > 1
            && part_indices.windows(2).all(|w| {
                text[numbers[w[0]].range.end..numbers[w[1]].range.start]
                    .ends_with(['，', ',', '、', '；', ';'])
            })
    };
    if right_after.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !figure_first()
    {
        part_indices.truncate(1);
    }
    // A 其中 right after a part of the previous list breaks that part down ([`detail_of_a_part`]).
    let outer_again = previous
        .filter(|p| p.total != total_index && p.parts.contains(&total_index))
        .and_then(|p| detail_of_a_part(text, para, p, total, &mut part_indices, end));
    let details_previous = details_earlier_part(numbers, previous, total_index, &part_indices);
    let mut this = Previous {
        total: total_index,
        parts: part_indices.clone(),
        sentence_start: start,
        details_previous,
        mark,
        list: ELSEWHERE,
    };
    let parts: Vec<&Number> = part_indices.iter().map(|&i| &numbers[i]).collect();
    // A total named as one ("共/合计/全年…N件") right before the list: the list is certainly its own.
    // "共收到4件信息公开申请，其中…": the name of what is counted may stand between.
    // …or a short clause said of all of them ("共收到申请2件，均按时办结，其中…").
    let named_after = {
        let between = &text[total.range.end.min(mark)..mark];
        let between = between.trim_end_matches(['，', ',', ' ']);
        let of_all = || ["均", "全部", "都"].iter().any(|w| between.contains(w));
        // (Twelve characters are at most 48 bytes: a longer stretch is not looked into.)
        let of_all = between.len() <= 48 && of_all();
        between.len() <= 48
            && between.chars().count() <= if of_all { 12 } else { 10 }
            && !between.contains(|c: char| {
                c.is_ascii_digit()
                    || "。；;：:（）()".contains(c)
                    || SENTENCE_END.contains(&c)
                    || !of_all && "，,".contains(c)
            })
    };
    let explicit = (para.right_after_count(mark) || named_after) && {
        let prev_end = numbers[..total_index]
            .last()
            .map_or(search_from, |m| m.range.end)
            .max(search_from);
        let lead = &text[prev_end.min(total.range.start)..total.range.start];
        TOTAL_WORDS.iter().any(|w| lead.contains(w))
    };
    // The sentence the total is in.
    let total_sentence = if total.range.end <= start {
        search_from
    } else {
        start
    };
    // (Only the sentence's first count of its unit: after others, 其中 may break down all of them,
    // "新收申请9件，上年结转1件，其中网络申请5件……", or an earlier total again.)
    // (…or the count that ends the sentence before, the only one of its unit in it: "……主动公开
    // 政府信息128条。其中，……".)
    // (…of its semicolon clause: "公开工作动态共172条；法定主动公开内容1条，其中……" is a statement of its own.)
    let total_clause = text[total_sentence.min(total.range.start)..total.range.start]
        .rfind(['；', ';'])
        .map_or(total_sentence, |k| total_sentence + k);
    let adjacent = total_index == candidate
        && text[mark..].starts_with("其中")
        && (para.right_after_count(mark) || ends_sentence_before(text, total, start, mark))
        && !numbers[first..total_index].iter().any(|n| {
            n.range.start >= total_clause && n.is_count() && n.unit_key() == total.unit_key()
        });
    // A list opening its sentence that makes exactly an earlier count of its unit in the paragraph, not the
    // nearest, is that count's ("共受理2720件……，办结2680件。其中，按办件性质分：求助类2252件……": 2720).
    let made_earlier = || {
        !para.right_after_count(mark)
            && opens_sentence
            && parts.len() >= 2
            && parts.iter().all(|n| n.unit_key() == total.unit_key())
            && {
                let sum: Decimal = parts.iter().map(|n| n.value).sum();
                sum != total.value
                    && numbers[..total_index].iter().any(|n| {
                        n.is_count()
                            && !n.approx
                            && n.unit_key() == total.unit_key()
                            && n.value == sum
                    })
            }
    };
    let list = List {
        explicit,
        adjacent,
        // (A division head, "按信息类别分，", says the list is the whole of its total divided.)
        claim: if names_each_part(text, total, mark, &parts)
            || (total_index == candidate && para.divides_by(mark))
        {
            Named
        } else {
            Loose
        },
        label: if text[mark..].starts_with("其中") {
            "“其中”"
        } else {
            "所列"
        },
    };
    this.list = list;
    let d = judge(text, total, &parts, mark, end, list).filter(|_| {
        !coordinated
            && !made_earlier()
            && !qualified(text, para, total, &parts)
            && !shortfall_stated(para, end, total, &parts)
            && !shortfall_in_other_unit(para, mark, end, total, &parts)
            && !open_before(text, total, mark, &parts)
            && !shares_account(para, total, &parts)
            && !flow::carry_in_accounts(cx, para, total, &parts)
            && !details_previous
    });
    Some((d.or(outer_again), this))
}

/// A 其中 right after a part of the previous list `p` breaks that part (`total`) down: the figures after the ones
/// that, with the previous list, make the previous total are that list's again ("全年发布信息500条，其中政策文件300条，
/// 其中规范性文件190条，工作动态200条": 300 + 200 = 500, the 190 of the 300 only). `parts` is cut to the detail.
///
/// When they do not make it, the first two or more that make the part exactly are its detail all the same, and the
/// outer list is judged with the figures after them, after a comma or after a semicolon to the sentence's end ("28条，
/// 按主动公开形式分，通过政府网站主动公开10条，其中，工作信息4条，……2条；政务微博公开5条，其他方式公开18条": 10 + 5 + 18
/// of 28): that finding is returned.
fn detail_of_a_part(
    text: &str,
    para: &Para,
    p: &Previous,
    total: &Number,
    parts: &mut Vec<usize>,
    end: usize,
) -> Option<Diagnostic> {
    let numbers = &para.numbers;
    let value = |ks: &[usize]| ks.iter().map(|&k| numbers[k].value).sum::<Decimal>();
    let (outer, made) = (numbers[p.total].value, value(&p.parts));
    if made >= outer {
        return None;
    }
    let judge_outer = |back: &[usize]| {
        let all: Vec<&Number> = p.parts.iter().chain(back).map(|&i| &numbers[i]).collect();
        judge(text, &numbers[p.total], &all, p.mark, end, p.list)
    };
    let detail =
        (2..parts.len()).find(|&k| value(&parts[..k]) == total.value && !total.value.is_zero());
    if let Some(k) = detail {
        // The outer list is right when the first or the last of the figures after the detail make its total, and the
        // ones left out say what some items are about (涉及, 关于, 内容): "……外地居民5件，涉及征地拆迁的22件，法人或
        // 其他组织申请10件" of 60, "……法人或其他组织申请10件，涉及企业信息的6件" of 30. A kind left out is the outer
        // list gone wrong.
        let rest = &parts[k..];
        let about = |ks: &[usize]| {
            ks.iter().all(|&i| {
                let from = numbers[i - 1].range.end;
                let lead = &text[from.min(numbers[i].range.start)..numbers[i].range.start];
                ["涉及", "关于", "内容"].iter().any(|w| lead.contains(w))
            })
        };
        let makes_outer = (0..rest.len()).any(|j| {
            (made + value(&rest[j..]) == outer && about(&rest[..j]))
                || (made + value(&rest[..=j]) == outer && about(&rest[j + 1..]))
        });
        let found = if makes_outer { None } else { judge_outer(rest) };
        parts.truncate(k);
        return found;
    }
    if let Some(k) = (1..parts.len()).find(|&k| made + value(&parts[k..]) == outer) {
        parts.truncate(k);
        return None;
    }
    if parts.len() >= 2 && value(parts) == total.value {
        let last = numbers[parts[parts.len() - 1]].range.end;
        let back = back_after_semicolon(text, para, last, &numbers[p.total]);
        if !back.is_empty() && made + value(&back) != outer {
            return judge_outer(&back);
        }
    }
    None
}

/// The counts of `total`'s unit after a semicolon that closes a list at `after` (its last part's end), to the
/// end of the sentence, when no other opener stands there ("……重点领域信息2条；政务微博公开5条，其他方式公开18条。").
fn back_after_semicolon(text: &str, para: &Para, after: usize, total: &Number) -> Vec<usize> {
    let from = para.numbers.partition_point(|n| n.range.start < after);
    let Some(next) = para.numbers.get(from) else {
        return Vec::new();
    };
    let gap = &text[after..next.range.start];
    let rest = &text[after..para.range.end];
    let stop = after + rest.find(['。', '！', '？']).unwrap_or(rest.len());
    if !gap.contains(['；', ';']) || next.range.start >= stop || text[after..stop].contains("其中")
    {
        return Vec::new();
    }
    // (A figure named as a total of its own, or larger than the outer total, ends them: "……；全年累计发布信息560条".)
    (from..para.numbers.len())
        .take_while(|&i| {
            let n = &para.numbers[i];
            let lead = &text[para.numbers[i - 1].range.end.min(n.range.start)..n.range.start];
            n.range.start < stop
                && n.value <= total.value
                && !TOTAL_WORDS.iter().any(|w| lead.contains(w))
        })
        .filter(|&i| {
            let n = &para.numbers[i];
            n.is_count() && !n.approx && n.unit_key() == total.unit_key()
        })
        .collect()
}

/// Whether a list sharing the previous list's total opens with the detail of a part of that list: the part
/// is the sum of three or more figures running from right after it into this list ("其中机构类信息22条，机构
/// 概况1条、其中领导成员13条、内设机构4条、直属单位4条；……": 1 + 13 + 4 + 4 = 22). The writer moved a 其中;
/// which figures are the total's is not said.
fn details_earlier_part(
    numbers: &[Number],
    previous: Option<&Previous>,
    total_index: usize,
    parts: &[usize],
) -> bool {
    let Some(p) = previous.filter(|p| p.total == total_index) else {
        return false;
    };
    let run: Vec<usize> = p.parts.iter().chain(parts).copied().collect();
    // (A run in the order of the text: the previous list's parts after the detailed one stand before this list.)
    let first = parts.first().copied().unwrap_or(usize::MAX);
    (0..p.parts.len()).any(|i| {
        // (Moved: a detail stands before the 其中, "机构概况1条、其中……"; a list right after its head is that head's own,
        // "……1641件（含上年度转结），其中予以公开……".)
        i + 1 < p.parts.len() && p.parts[i + 1..].iter().all(|&k| k < first) && {
            let head = numbers[run[i]].value;
            let mut acc = Decimal::ZERO;
            run[i + 1..].iter().enumerate().any(|(k, &j)| {
                acc += numbers[j].value;
                k >= 2 && i + 1 + k >= p.parts.len() && acc == head && !head.is_zero()
            })
        }
    })
}

/// Whether a figure counted with 个 names after it a thing the total does not ("组织实施项目69个。其中……覆盖14个乡镇
/// 33个村": villages, not projects).
/// (A part that names the total's thing after it is one: "30个专区，其中12个乡镇专区、21个部门专区", "项目69个……
/// 12个市级项目": it shares two characters running with what is written round the total.)
fn of_another_noun(text: &str, n: &Number, total: &Number) -> bool {
    let after = |n: &Number, most: usize| -> &str {
        let rest = &text[n.range.end..];
        let end = rest
            .char_indices()
            .take(most)
            .take_while(|&(_, c)| {
                ('\u{4e00}'..='\u{9fff}').contains(&c) && !"的和与及等".contains(c)
            })
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        &rest[..end]
    };
    if n.unit_key() != Some("个") {
        return false;
    }
    let noun = after(n, 6);
    if noun.is_empty() {
        return false;
    }
    let lead_from = text[..total.range.start]
        .char_indices()
        .rev()
        .nth(11)
        .map_or(0, |(i, _)| i);
    let (lead, named) = (&text[lead_from..total.range.start], after(total, 6));
    // (Each two characters running of the noun, as a slice of it.)
    let starts: Vec<usize> = noun.char_indices().map(|(i, _)| i).collect();
    let pairs = (0..starts.len().saturating_sub(1))
        .map(|k| &noun[starts[k]..starts.get(k + 2).copied().unwrap_or(noun.len())]);
    !pairs
        .into_iter()
        .any(|pair| lead.contains(pair) || named.contains(pair))
}

/// Whether the parts of `total` among `numbers[from..to]` are counted in 件 under a total in 条, with no 条
/// among them ("主动公开政府信息共42条。其中……年度报告1件，……政策文件类3件"): another word for the same documents.
/// (Only 件 under 条: under 件 of applications or proposals, 条 count what is in them, "受理申请15件，其中涉及
/// 征地拆迁信息28条"; 份 count contracts or attachments, "公开政府采购信息42条，其中涉及采购合同58份".)
fn parts_in_jian(numbers: &[Number], total: &Number) -> bool {
    total.unit_key() == Some("条")
        && numbers.iter().find_map(|n| n.unit_key()) == Some("件")
        && numbers.iter().all(|n| n.unit_key() != Some("条"))
}

/// The figures after an opener at `mark` up to `end` that are parts of `total`: of its unit (or bare),
/// not changes, not inside a bracket opened after the opener (the depth is followed once along the
/// scope); the list ends at another total, and at a semicolon once its parts make up the total.
fn collect_parts(text: &str, para: &Para, mark: usize, end: usize, total: &Number) -> Vec<usize> {
    let numbers: &[Number] = &para.numbers;
    let from = numbers.partition_point(|n| n.range.start <= mark);
    let to = para.ending_by(end).max(from);
    let switched = parts_in_jian(&numbers[from..to], total);
    let unit = if switched {
        Some("件")
    } else {
        total.unit_key()
    };
    let mut bracket = para.bracket_from(mark);
    let mut depth = para.depth_at(mark);
    let mut lowest = depth;
    let mut part_indices: Vec<usize> = Vec::new();
    for (k, n) in numbers.iter().enumerate().take(to).skip(from) {
        while bracket < para.brackets.len() && para.brackets[bracket].0 < n.range.start {
            depth = para.brackets[bracket].1;
            lowest = lowest.min(depth);
            bracket += 1;
        }
        let same_unit = match n.unit_key() {
            Some(u) => Some(u) == unit && !of_another_noun(text, n, total),
            None => bare_part(text, n),
        };
        // "…其中主动公开1883条，比去年增长599条": a change is no part.
        if depth == lowest && same_unit && !para.comparison_lead(k, mark) {
            part_indices.push(k);
        }
    }
    // (Parts in a unit the total is not written in are only read when they go over it, three or more of them,
    // none of what the total's items hold: "其中涉及……".)
    if switched
        && (part_indices.len() < 3
            || part_indices
                .iter()
                .map(|&i| numbers[i].value)
                .sum::<Decimal>()
                <= total.value
            || text[mark..numbers[part_indices[0]].range.start].contains("涉及"))
    {
        return Vec::new();
    }
    drop_unfinished(text, numbers, total, mark, &mut part_indices);
    let subtotals = sublists(text, numbers, &mut part_indices);
    // Another total ("…其中全文电子化率达100%，目前总计主动公开2739条") ends the list.
    let before: Vec<Decimal> = part_indices
        .iter()
        .scan(Decimal::ZERO, |sum, &i| {
            let so_far = *sum;
            *sum += numbers[i].value;
            Some(so_far)
        })
        .collect();
    // (Under a running total, parts said to be running too are its parts: "累计公开信息8775条……公告、新闻动态类信息累计
    // 5434条……其他信息累计1425条".)
    let running = clause_before(text, total.range.start, 90, ends_clause).contains("累计");
    if let Some(k) = part_indices.iter().enumerate().position(|(k, &i)| {
        if subtotals.contains(&i) {
            return false;
        }
        let previous_end = if i == 0 {
            mark
        } else {
            numbers[i - 1].range.end.max(mark)
        };
        let l = &text[previous_end.min(numbers[i].range.start)..numbers[i].range.start];
        [
            "总计", "累计", "目前", "截至", "截止", "历年",
        ]
        .iter()
        .any(|w| l.contains(w) && !(running && *w == "累计"))
            // "……下属单位200条，合计300条": the sum of the parts before, not one of them (a named part
            // may say 共计: "……等其他信息共计2004条").
            || {
                let l = after_above(l.trim_start_matches(['，', ',', '、', '；', ';', ' ']));
                ["合计", "共计", "小计"].iter().any(|w| l.starts_with(w))
            }
            // (Only after parts that make the total: "……信函申请3件，另通过传真申请2件" of 30 is the last part.)
            || said_besides(l) && before[k] == total.value
            // An average ("平均每场80人次", "月均接待10人次") or a difference of two parts ("工作动态比政策
            // 文件多44条") is said of the list, not in it.
            || {
                let clause = l.rsplit(['，', ',', '；', ';', '、']).next().unwrap_or("");
                ["平均", "月均", "日均", "年均", "周均", "人均"]
                    .iter()
                    .any(|w| clause.contains(w))
                    || clause.contains('比') && clause.trim_end().ends_with(['多', '少'])
            }
    }) {
        part_indices.truncate(k);
    }
    said_of_the_whole(text, numbers, mark, total, &mut part_indices);
    // A part's own group ("网上申请中予以公开30件") ends the list: what follows are that part's parts.
    let first = part_indices.first().copied().unwrap_or(0);
    if let Some(k) = part_indices
        .iter()
        .skip(1)
        .position(|&i| group_named(text, numbers, first, i).is_some())
    {
        part_indices.truncate(k + 1);
    }
    // A list opened by 包括/分别为/a colon ends once its parts make up its total when a stronger mark than
    // the ones between its parts follows: it is a part's own list inside a longer one ("其中主动公开100条，
    // 包括工作动态60条、通知公告40条，依申请公开20条"). Under the same marks, a part past the total is a slip
    // ("包括文字解读144篇，图片解读61篇，视频解读1篇" of 205).
    if !text[mark..].starts_with("其中") {
        let strength = |a: usize, b: usize| {
            let gap =
                &text[numbers[a].range.end.min(numbers[b].range.start)..numbers[b].range.start];
            if gap.contains(['；', ';']) {
                3
            } else if gap.contains(['，', ',']) {
                2
            } else {
                u8::from(gap.contains('、'))
            }
        };
        let mut sum = Decimal::ZERO;
        if let Some(k) = part_indices.iter().position(|&i| {
            sum += numbers[i].value;
            sum == total.value
        }) {
            let inner = part_indices[..=k]
                .windows(2)
                .map(|w| strength(w[0], w[1]))
                .max()
                .unwrap_or(0);
            if part_indices
                .get(k + 1)
                .is_some_and(|&next| strength(part_indices[k], next) > inner)
            {
                part_indices.truncate(k + 1);
            }
        }
    }
    ends_at_semicolon(text, numbers, mark, total, &mut part_indices);
    new_subject(text, numbers, mark, total, &mut part_indices);
    part_indices.retain(|&k| {
        !rate_of_total(text, numbers, k, total) && !electronic_copies(text, numbers, mark, k)
    });
    annual_report(text, numbers, mark, total, &mut part_indices);
    respective_rates(text, numbers, total, &mut part_indices);
    next_lists_total(text, numbers, end, total, &mut part_indices);
    part_indices
}

/// "其中主动公开信息数为304条,政府信息公开工作年度报告为1条,依申请公开信息数为0条": the annual report is
/// itself a document published of the organ's own motion, counted in the 主动公开 part beside it.
fn annual_report(
    text: &str,
    numbers: &[Number],
    mark: usize,
    total: &Number,
    part_indices: &mut Vec<usize>,
) {
    let clause = |k: usize| {
        let from = k
            .checked_sub(1)
            .map_or(mark, |i| numbers[i].range.end.max(mark));
        text[from.min(numbers[k].range.start)..numbers[k].range.start]
            .rsplit(['，', ',', '、', '；', ';'])
            .next()
            .unwrap_or("")
    };
    let report = |k: usize| ["年度报告", "年报"].iter().any(|w| clause(k).contains(w));
    let without: Decimal = part_indices
        .iter()
        .filter(|&&k| !report(k))
        .map(|&k| numbers[k].value)
        .sum();
    // (Only when the parts without it make up the total: a list that adds up with it counts it apart.)
    if without == total.value
        && part_indices.iter().any(|&k| report(k))
        && part_indices
            .iter()
            .any(|&k| !report(k) && clause(k).contains("主动公开"))
    {
        part_indices.retain(|&k| !report(k));
    }
}

/// A figure after the first part that is said of the whole, not a part of it, ends the list: the total
/// again as what was done with it, before the parts make it up ("收到申请12件，其中网上申请10件，答复12件"),
/// or what has been done ("其中有效信件3件，已办结3件"; "……12件均已按时答复").
fn said_of_the_whole(
    text: &str,
    numbers: &[Number],
    mark: usize,
    total: &Number,
    part_indices: &mut Vec<usize>,
) {
    let mut sum = Decimal::ZERO;
    // (After the carried-in part, what was done is said of the whole: "共办理申请20件，其中上年结转2件；
    // 办结19件，……结转下年1件".)
    let mut after_carried_in = false;
    let cut = part_indices.iter().enumerate().position(|(k, &i)| {
        let n = &numbers[i];
        let from = part_indices
            .get(k.wrapping_sub(1))
            .map_or(mark, |&j| numbers[j].range.end);
        let lead = &text[from.min(n.range.start)..n.range.start];
        let after = &text[n.range.end..];
        let done = [
            "已办结",
            "已答复",
            "已回复",
            "已受理",
            "已处理",
            "已按时",
            "均已",
            "全部办结",
            "全部答复",
        ];
        // (The total again under a category's name is a slip in the list: "其中当面申请3件、信函申请5件" of 5.)
        let acted = ["答复", "办结", "回复", "受理", "处理"]
            .iter()
            .any(|w| lead.contains(w));
        let whole = k > 0
            && sum < total.value
            && (n.value == total.value && acted
                || after_carried_in && ["办结", "答复", "回复"].iter().any(|w| lead.contains(w))
                || done
                    .iter()
                    .any(|w| lead.contains(w) || after.starts_with(w)));
        sum += n.value;
        // (The part's own words, since the figure before it, say it is carried in.)
        let own = &text[i
            .checked_sub(1)
            .map_or(mark, |j| numbers[j].range.end.max(mark))
            .min(n.range.start)..n.range.start];
        after_carried_in |=
            own.contains("结转") && ["上年", "上一年", "去年"].iter().any(|w| own.contains(w));
        whole
    });
    if let Some(k) = cut {
        part_indices.truncate(k);
    }
}

#[cfg(test)]
mod tests;
