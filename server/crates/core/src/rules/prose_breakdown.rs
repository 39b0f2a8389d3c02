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

use rust_decimal::Decimal;

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::Number;
use crate::semantic::Context;

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
    "環比",
    "环比",
];

/// Words that name a figure as a total.
const TOTAL_WORDS: &[&str] = &["共", "合计", "总计", "总数", "全年", "全部", "累计", "總"];

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
    "網站",
    "電視",
    "廣播",
    "公眾號",
    "客戶端",
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (pi, p) in cx.report.paragraphs.iter().enumerate() {
        let text = &cx.text[p.range.clone()];
        let para = Para::new(cx.text, p.range.clone(), &p.numbers);
        let mut previous: Option<Previous> = None;
        let mut headed_calls = 0;
        for (i, opener) in openers(text) {
            let mark = p.range.start + i;
            if opener != "其中" && !para.right_after_count(mark) {
                if matches!(opener, "：" | ":") && headed_calls < MAX_FRAMES {
                    headed_calls += 1;
                    headed(cx, pi, &para, mark, opener.len(), out);
                }
                previous = None;
                continue;
            }
            let end = para.scope_end(mark, opener.len());
            let (d, this) = breakdown(cx, &para, mark, end, previous.as_ref());
            out.extend(d);
            // "……共收到申请12件，其中：" closing its paragraph: the parts head the paragraphs after.
            if let Some(t) = &this {
                let rest = &cx.text[mark + opener.len()..p.range.end];
                if t.parts.is_empty()
                    && rest
                        .chars()
                        .all(|c| c.is_whitespace() || "：:，,".contains(c))
                {
                    let total = &para.numbers[t.total];
                    let parts = continued_parts(cx, pi, total, false);
                    out.extend(judge(
                        cx.text,
                        total,
                        &parts,
                        mark,
                        end,
                        List {
                            explicit: false,
                            claim: Loose,
                            label: "所列",
                        },
                    ));
                }
            }
            previous = this;
        }
        framed(cx, pi, &para, out);
        unopened(cx, &para, out);
        wan_slip(&para, out);
    }
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
        let lead_comparison = (0..numbers.len())
            .map(|k| {
                let from = if k == 0 {
                    range.start
                } else {
                    numbers[k - 1].range.end
                };
                let start = numbers[k].range.start;
                let lead = &text[from.min(start)..start];
                COMPARISON.iter().any(|w| lead.contains(w))
            })
            .collect();
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

    /// The opener at `mark` follows a count at once ("3437条，包括").
    fn right_after_count(&self, mark: usize) -> bool {
        let k = self.ending_by(mark);
        k.checked_sub(1).is_some_and(|k| {
            let n = &self.numbers[k];
            let between = &self.text[n.range.end..mark];
            n.is_count()
                && between
                    .chars()
                    .all(|c| c.is_whitespace() || "，,".contains(c))
                && between.chars().count() <= 1
        })
    }

    /// Start of the sentence that contains `at`.
    fn sentence_start(&self, at: usize) -> usize {
        match self.ends.partition_point(|e| e.1 <= at) {
            0 => self.range.start,
            k => self.ends[k - 1].1,
        }
    }

    /// Where the breakdown opened by the opener at `mark` ends: the end of
    /// the sentence, the next 其中 at the same bracket depth, or the bracket
    /// that encloses this 其中 ("20件（其中转办5件）").
    fn scope_end(&self, mark: usize, opener_len: usize) -> usize {
        let start = mark + opener_len;
        let sentence_end = self
            .ends
            .get(self.ends.partition_point(|e| e.0 < start))
            .map_or(self.range.end, |e| e.0);
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
                COMPARISON.iter().any(|w| lead.contains(w))
            })
    }
}

/// Words that open a list of parts. Besides 其中, they open a breakdown only right after its total
/// ("共计3437条，包括：…", "共收到申请3件，分别为…").
const OPENERS: &[&str] = &["其中", "包括", "分别为", "分别是", "：", ":"];

/// The openers of a paragraph, in order; "包括：" is one opener.
fn openers(text: &str) -> Vec<(usize, &'static str)> {
    let mut found: Vec<(usize, &'static str)> = OPENERS
        .iter()
        .flat_map(|w| text.match_indices(w).map(move |(i, _)| (i, *w)))
        .collect();
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

/// The breakdown before the current 其中, in the same paragraph.
struct Previous {
    total: usize,
    parts: Vec<usize>,
    sentence_start: usize,
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
    let text = cx.text;
    let numbers: &[Number] = &para.numbers;
    let start = para.sentence_start(mark);
    let opens_sentence = text[start..mark]
        .chars()
        .all(|c| c.is_whitespace() || "，,：:、".contains(c));
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
    let candidate = (first..last).rev().take(MAX_TOTAL_CANDIDATES).find(|&k| {
        let n = &numbers[k];
        n.is_count()
            && !para.closes_bracket(n.range.end, mark)
            && !para.comparison_lead(k, search_from)
    })?;
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
    let mut part_indices = collect_parts(cx.text, para, mark, end, total);
    // "对其中24件予以公开": 其中 followed at once by a figure picks one part.
    let right_after = text[mark..]
        .strip_prefix("其中")
        .unwrap_or("")
        .trim_start_matches(['，', ',', '：', ':', ' ']);
    if right_after.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        part_indices.truncate(1);
    }
    let this = Previous {
        total: total_index,
        parts: part_indices.clone(),
        sentence_start: start,
    };
    let parts: Vec<&Number> = part_indices.iter().map(|&i| &numbers[i]).collect();
    // A total named as one ("共/合计/全年…N件") right before the list: the list is certainly its own.
    let explicit = para.right_after_count(mark) && {
        let prev_end = numbers[..total_index]
            .last()
            .map_or(search_from, |m| m.range.end)
            .max(search_from);
        let lead = &text[prev_end.min(total.range.start)..total.range.start];
        TOTAL_WORDS.iter().any(|w| lead.contains(w))
    };
    let d = judge(
        text,
        total,
        &parts,
        mark,
        end,
        List {
            explicit,
            claim: Loose,
            label: "“其中”",
        },
    )
    .filter(|_| !shortfall_stated(para, end, total, &parts));
    Some((d, this))
}

/// The figures after an opener at `mark` up to `end` that are parts of `total`: of its unit (or bare),
/// not changes, not inside a bracket opened after the opener (the depth is followed once along the
/// scope); the list ends at another total, and at a semicolon once its parts make up the total.
fn collect_parts(text: &str, para: &Para, mark: usize, end: usize, total: &Number) -> Vec<usize> {
    let numbers: &[Number] = &para.numbers;
    let unit = total.unit_key();
    let from = numbers.partition_point(|n| n.range.start <= mark);
    let to = para.ending_by(end).max(from);
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
            Some(u) => Some(u) == unit,
            None => bare_part(text, n),
        };
        // "…其中主动公开1883条，比去年增长599条": a change is no part.
        if depth == lowest && same_unit && !para.comparison_lead(k, mark) {
            part_indices.push(k);
        }
    }
    // Another total ("…其中全文电子化率达100%，目前总计主动公开2739条") ends the list.
    if let Some(k) = part_indices.iter().position(|&i| {
        let previous_end = if i == 0 {
            mark
        } else {
            numbers[i - 1].range.end.max(mark)
        };
        let l = &text[previous_end.min(numbers[i].range.start)..numbers[i].range.start];
        [
            "总计", "總計", "累计", "累計", "目前", "截至", "截止", "历年",
        ]
        .iter()
        .any(|w| l.contains(w))
    }) {
        part_indices.truncate(k);
    }
    // The parts before a semicolon that already make up the total end the list: what follows
    // is a new clause ("……信函申请3件；办结27件，同意公开15件").
    let mut running = Decimal::ZERO;
    for (k, &i) in part_indices.iter().enumerate() {
        running += numbers[i].value;
        let next = part_indices.get(k + 1).map(|&j| numbers[j].range.start);
        if let Some(next) = next {
            if running == total.value && text[numbers[i].range.end..next].contains(['；', ';']) {
                part_indices.truncate(k + 1);
                break;
            }
        }
    }
    part_indices
}

/// How sure the list is a claimed breakdown of its total.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// Opened by 其中/包括/：/a frame: short of the total, it is taken as complete when it covers most
    /// of the total with three parts or more, or ends with a catch-all.
    Loose,
    /// A run of named figures after a total without any opener: only parts that exceed the total, or a
    /// list closed by a catch-all, are certainly wrong (a few named figures may be a selection).
    Strict,
}
use Claim::{Loose, Strict};

/// What is known of a list besides its figures.
#[derive(Clone, Copy)]
struct List {
    /// The total is named as one (共/合计…) right before the list.
    explicit: bool,
    claim: Claim,
    /// How the message names the list ("“其中”", "所列").
    label: &'static str,
}

/// The verdict on a list of parts under its total (`mark`..`end` is the list's scope).
fn judge(
    text: &str,
    total: &Number,
    parts: &[&Number],
    mark: usize,
    end: usize,
    list: List,
) -> Option<Diagnostic> {
    let List {
        explicit,
        claim,
        label,
    } = list;
    if parts.is_empty() || total.approx || parts.iter().any(|n| n.approx) {
        return None;
    }
    if unfinished(text, parts[parts.len() - 1].range.end, end) {
        return None;
    }
    let sum: Decimal = parts.iter().map(|n| n.value).sum();
    if parts.len() == 1 {
        // One part: only "larger than the whole" is certainly wrong, and only of a named total
        // ("法制新闻12条，其中主站采用15条" counts something else).
        if sum <= total.value || !explicit {
            return None;
        }
        let d = diag(
            Code::ProseBreakdown,
            parts[0].range.clone(),
            format!("{label}的分项 {} 大于总数 {}", sum, total.value),
        )
        .related(total.range.clone(), format!("总数 {}", total.value));
        return Some(d);
    }
    if sum == total.value || nested(parts) {
        return None;
    }
    // The lead-in of each part: the text since the previous figure.
    let leads: Vec<&str> = parts
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let from = if i == 0 { mark } else { parts[i - 1].range.end };
            &text[from..n.range.start]
        })
        .collect();
    let catch_all = leads.last().is_some_and(|l| {
        ["其他", "其它", "其余", "其餘"]
            .iter()
            .any(|w| l.contains(w))
    });
    if sum < total.value {
        // "其中" often introduces a few notable subsets, not a full
        // breakdown. Take it as full when the parts cover most of the total
        // or end with a catch-all (其他…).
        // "其中A 260条、B 80条等": the text says the list is not complete.
        let last = parts[parts.len() - 1].range.end;
        let open_list = text[last..end.max(last)].trim_start().starts_with('等')
            || ["主要有", "主要包括", "主要是"]
                .iter()
                .any(|w| leads[0].contains(w));
        // Two named parts short of the total, without a catch-all, are as often two notable subsets
        // as a breakdown missing a part: the text does not say, so say nothing.
        // Without a catch-all, only a list of three or more that covers most of the total (a part
        // mistyped or dropped, not a selection) is taken as a claimed breakdown.
        let most = sum * Decimal::from(5) >= total.value * Decimal::from(4);
        if (!catch_all && (claim == Strict || !most || parts.len() < 3)) || open_list {
            return None;
        }
    }
    // A part larger than its named total is wrong whatever the parts are (channels overlap, but
    // none publishes more than all of them).
    if let Some(big) = parts.iter().find(|n| explicit && n.value > total.value) {
        let d = diag(
            Code::ProseBreakdown,
            big.range.clone(),
            format!("分项 {} 大于总数 {}", big.value, total.value),
        )
        .related(total.range.clone(), format!("总数 {}", total.value));
        return Some(d);
    }
    // A channel among categories ("…财政管理39条，政务微博公开42条") counts items again.
    let channel_parts = leads
        .iter()
        .filter(|l| CHANNELS.iter().any(|c| l.contains(c)))
        .count();
    if channel_parts > 0 && channel_parts < parts.len() {
        return None;
    }
    // A part larger than the total: the list belongs to another figure, unless the total is named
    // as one right before it.
    if !explicit && parts.iter().any(|n| n.value > total.value) {
        return None;
    }
    if sum > total.value && channel_parts >= 2 {
        // The same item published on several channels counts once in the
        // total (统计表: 不同渠道和方式公开相同信息计1条).
        return None;
    }
    let terms: Vec<String> = parts.iter().map(|n| n.value.to_string()).collect();
    let diff = total.value - sum;
    let mut d = diag(
        Code::ProseBreakdown,
        total.range.clone(),
        format!(
            "{label}各项之和为 {sum}（{}），与总数 {} 不符（相差 {}）",
            terms.join("+"),
            total.value,
            diff.abs()
        ),
    );
    for n in parts {
        d = d.related(n.range.clone(), format!("分项 {}", n.value));
    }
    Some(d)
}

/// Whether the list may go on past what was read of it: the last item has a figure without a unit
/// ("……其他信息3": the page lost the unit, the item is not read as a part), or the list is cut off at
/// the end of its paragraph (it ends on an open quote, bracket or separator, or the text ends without
/// a final punctuation mark).
fn unfinished(text: &str, last: usize, end: usize) -> bool {
    let tail = text[last.min(end)..end].trim_end();
    let stripped = tail.trim_end_matches(['，', ',', '；', ';', '、', ' ', '\u{3000}']);
    if stripped.ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return true;
    }
    let after = &text[end..];
    if after.starts_with(SENTENCE_END) || after.starts_with("其中") {
        return false;
    }
    if tail.ends_with(['“', '‘', '「', '『', '（', '(', '，', ',', '、', '：', ':']) {
        return true;
    }
    after.trim().is_empty() && !tail.ends_with(|c: char| "。！？!?；;”』」）)".contains(c))
}

/// Whether a part is the sum of all the parts after it, two or more: a nested breakdown closing the
/// list ("主动公开4条，依申请0条，机构设置类2条；…类1条；其他类1条" — the parts after the 4 break it
/// down), so parts of different levels are mixed and their sum means nothing. A run in the middle
/// of the list that happens to add up to an earlier part is no sign of nesting.
fn nested(parts: &[&Number]) -> bool {
    let mut rest = Decimal::ZERO;
    for (i, n) in parts.iter().enumerate().rev() {
        if parts.len() - i > 2 && n.value > Decimal::ZERO && n.value == rest {
            return true;
        }
        rest += n.value;
    }
    false
}

/// What a frame at the head of a sentence ("在主动公开的信息中，…") must name for its list to be
/// bound to a total stated before it: the same thing as the total's lead-in.
const FRAME_KEYS: &[&str] = &["主动公开", "依申请公开", "答复", "办结", "受理", "收到"];
/// Words that make a figure cumulative (a stock), not the year's total a frame speaks of.
const CUMULATIVE: &[&str] = &["累计", "总计", "目前", "历年", "截至", "截止"];
/// How many paragraphs back the total of a frame is looked for, and how many figures of each.
const FRAME_PARAGRAPHS: usize = 3;
/// Frames looked at in one paragraph (a paragraph of thousands of frames stays linear).
const MAX_FRAMES: usize = 16;

/// "在主动公开的信息中，法规文件类51条，规划计划类7条……": a list at the head of a sentence framed
/// by the thing it breaks down. Its total is the figure the frame holds ("在已经答复的9件申请中"), or
/// else the nearest count before it, in this paragraph or up to three before, whose lead-in names the
/// same thing and is not cumulative ("我委2011年共主动公开政府信息606条，……目前总计主动公开2739条"
/// → 606). The list runs to the end of the sentence.
fn framed(cx: &Context, pi: usize, para: &Para, out: &mut Vec<Diagnostic>) {
    let text = cx.text;
    let starts = std::iter::once(para.range.start).chain(para.ends.iter().map(|e| e.1));
    let mut frames = 0;
    for s in starts {
        if s >= para.range.end || frames >= MAX_FRAMES {
            break;
        }
        let head = text[s..para.range.end].trim_start();
        let Some(opened) = head.strip_prefix('在') else {
            continue;
        };
        // The frame closes within a few words: "在主动公开的信息中，".
        let window: usize = opened
            .char_indices()
            .nth(24)
            .map_or(opened.len(), |(i, _)| i);
        let Some(close) = ["中，", "中,"]
            .iter()
            .filter_map(|w| opened[..window].find(w))
            .min()
        else {
            continue;
        };
        frames += 1;
        let frame_start = opened.as_ptr() as usize - text.as_ptr() as usize;
        let mark = frame_start + close;
        let frame = crate::formats::to_simplified(&text[frame_start..mark]);
        if frame.ends_with('其') || CUMULATIVE.iter().any(|w| frame.contains(w)) {
            continue;
        }
        let Some(key) = FRAME_KEYS.iter().find(|k| frame.contains(*k)) else {
            continue;
        };
        let end = para.scope_end(mark, "中，".len());
        let numbers: &[Number] = &para.numbers;
        let inside = numbers.partition_point(|n| n.range.start < frame_start);
        let inside_end = numbers.partition_point(|n| n.range.start < mark);
        let first_part = numbers[inside_end..]
            .iter()
            .find(|n| n.range.start < end && n.is_count());
        let Some(first_part) = first_part else {
            continue;
        };
        let own = numbers[inside..inside_end]
            .iter()
            .rev()
            .find(|n| n.is_count());
        let total = match own {
            Some(n) => n,
            None => match frame_total(cx, pi, s, key, first_part) {
                Some(n) => n,
                None => continue,
            },
        };
        if total.unit_key() != first_part.unit_key() || total.magnitude.is_some() {
            continue;
        }
        let part_indices = collect_parts(text, para, mark, end, total);
        let mut parts: Vec<&Number> = part_indices.iter().map(|&i| &numbers[i]).collect();
        if loose_list(text, mark, &parts) {
            continue;
        }
        // "在已经答复的9件申请中，同意公开的7件，占总数的70%。" closing its paragraph, each part with
        // its share of the whole: the list goes on in the paragraphs after that open the same way
        // ("同意部分公开1件，占总数的10%……").
        let last_unit = numbers[inside_end..]
            .iter()
            .rev()
            .find(|n| n.unit_key() == total.unit_key());
        let closes = last_unit.is_some_and(|n| parts.last().is_some_and(|p| p.range == n.range));
        if closes && !parts.is_empty() && parts.iter().all(|p| shared(text, numbers, p)) {
            parts.extend(continued_parts(cx, pi, total, true));
        }
        out.extend(judge(
            text,
            total,
            &parts,
            mark,
            end,
            List {
                explicit: false,
                claim: Loose,
                label: "所列",
            },
        ));
    }
}

/// "（二）主动公开政府信息的主要类别情况：党政信息类147条，文件类47条，制度类4条。": a colon after
/// words that name what is broken down, with no figure of their own; the total is stated before, as
/// for a frame ("（一）主动公开政府信息的数量共192条。").
fn headed(
    cx: &Context,
    pi: usize,
    para: &Para,
    mark: usize,
    opener_len: usize,
    out: &mut Vec<Diagnostic>,
) {
    let text = cx.text;
    let s = para.sentence_start(mark);
    // A heading-like lead-in is short (40 characters at most): longer ones are not looked at.
    if mark - s > 160 {
        return;
    }
    let head = crate::formats::to_simplified(&text[s..mark]);
    if head.chars().count() > 40 || CUMULATIVE.iter().any(|w| head.contains(w)) {
        return;
    }
    let Some(key) = FRAME_KEYS.iter().find(|k| head.contains(*k)) else {
        return;
    };
    let numbers: &[Number] = &para.numbers;
    let from = numbers.partition_point(|n| n.range.start < s);
    let at = numbers.partition_point(|n| n.range.start < mark);
    if numbers[from..at].iter().any(Number::is_count) {
        return;
    }
    let end = para.scope_end(mark, opener_len);
    let Some(first_part) = numbers[at..]
        .iter()
        .find(|n| n.range.start < end && n.is_count())
    else {
        return;
    };
    let Some(total) = frame_total(cx, pi, s, key, first_part) else {
        return;
    };
    if total.magnitude.is_some() {
        return;
    }
    let part_indices = collect_parts(text, para, mark, end, total);
    let parts: Vec<&Number> = part_indices.iter().map(|&i| &numbers[i]).collect();
    if loose_list(text, mark, &parts) {
        return;
    }
    out.extend(judge(
        text,
        total,
        &parts,
        mark,
        end,
        List {
            explicit: false,
            claim: Loose,
            label: "所列",
        },
    ));
}

/// Whether a list bound to a total stated elsewhere reads as something else: a part named as a total
/// of its own or as a stage of handling ("共收到申请12件，办结10件"), or named after a channel (channels
/// overlap and need not be all listed). Such lists are left alone.
fn loose_list(text: &str, mark: usize, parts: &[&Number]) -> bool {
    let mut from = mark;
    parts.iter().any(|n| {
        let lead = crate::formats::to_simplified(&text[from.min(n.range.start)..n.range.start])
            .replace("公共", "");
        from = n.range.end;
        UNOPENED_TOTAL.iter().any(|w| lead.contains(w))
            || ["全年", "收到", "受理", "办结", "结转"]
                .iter()
                .any(|w| lead.contains(w))
            || CHANNELS.iter().any(|w| lead.contains(w))
    })
}

/// The total a frame without a figure speaks of: the nearest exact count of the part's unit before
/// the sentence at `s` (in this paragraph, then up to [`FRAME_PARAGRAPHS`] before) whose lead-in in
/// its sentence names `key` and no stock or change.
fn frame_total<'r>(
    cx: &'r Context,
    pi: usize,
    s: usize,
    key: &str,
    part: &Number,
) -> Option<&'r Number> {
    let paragraphs = &cx.report.paragraphs;
    for qi in (0..=pi).rev().take(FRAME_PARAGRAPHS + 1) {
        let q = &paragraphs[qi];
        let upto = if qi == pi {
            q.numbers.partition_point(|n| n.range.start < s)
        } else {
            q.numbers.len()
        };
        // Whether figure k of q is a count of the part's unit whose lead-in names the key.
        let keyed = |k: usize| {
            let n = &q.numbers[k];
            if !n.is_count() || n.approx || n.unit_key() != part.unit_key() {
                return false;
            }
            let from = k
                .checked_sub(1)
                .map_or(q.range.start, |j| q.numbers[j].range.end);
            let sentence = sentence_start(cx.text, q.range.start, n.range.start);
            let lead = crate::formats::to_simplified(&cx.text[from.max(sentence)..n.range.start]);
            lead.contains(key)
                && !CUMULATIVE.iter().any(|w| lead.contains(w))
                && !COMPARISON.iter().any(|w| lead.contains(w))
        };
        let Some(k) = (0..upto)
            .rev()
            .take(MAX_TOTAL_CANDIDATES)
            .find(|&k| keyed(k))
        else {
            continue;
        };
        // Two such counts in one sentence ("市政府主动公开2367条，市直部门主动公开3666条"): which
        // one the list breaks down is not said.
        let n = &q.numbers[k];
        let sentence = sentence_start(cx.text, q.range.start, n.range.start);
        let first = q.numbers.partition_point(|m| m.range.start < sentence);
        let ambiguous = (first..q.numbers.len())
            .filter(|&j| j != k)
            .take_while(|&j| {
                !cx.text[n.range.end.min(q.numbers[j].range.start)..q.numbers[j].range.start]
                    .contains(SENTENCE_END)
            })
            .take(MAX_TOTAL_CANDIDATES)
            .any(keyed);
        return (!ambiguous).then_some(n);
    }
    None
}

/// Whether what the parts of a list fall short of their total is stated as a count of the total's
/// unit in the sentence after the list ("……对外管理服务信息29条。今年……转发疫情动态信息、政策解读45条。"
/// with 3121+412+30+29 = 3637−45): the list goes on there, so it is not short.
fn shortfall_stated(para: &Para, end: usize, total: &Number, parts: &[&Number]) -> bool {
    let sum: Decimal = parts.iter().map(|n| n.value).sum();
    if sum >= total.value {
        return false;
    }
    let diff = total.value - sum;
    // To the end of the sentence after the one the list ends in.
    let k = para.ends.partition_point(|e| e.0 < end);
    let limit = para
        .ends
        .get(k + 1)
        .map_or(para.range.end, |e| e.0)
        .min(para.range.end);
    let from = para.numbers.partition_point(|n| n.range.start < end);
    para.numbers[from..]
        .iter()
        .take_while(|n| n.range.start < limit)
        .take(MAX_TOTAL_CANDIDATES)
        .any(|n| n.value == diff && n.unit_key() == total.unit_key() && !n.approx)
}

/// Whether the part `p` is followed at once by its share ("7件，占总数的70%").
fn shared(text: &str, numbers: &[Number], p: &Number) -> bool {
    let k = numbers.partition_point(|n| n.range.start <= p.range.start);
    numbers.get(k).is_some_and(|n| {
        let between = &text[p.range.end..n.range.start];
        n.is_percent() && between.chars().count() <= 8 && between.contains(['占', '佔'])
    })
}

/// Paragraphs after the one at `pi` (in its section) that each open with a part of `total`: a short
/// name ("同意部分公开", "“不予公开”的", "2.网上申请") and a count of the total's unit, and, when
/// `with_share`, its share of the whole right after it. The first count of each is the part; the
/// list ends at the first paragraph that opens otherwise.
fn continued_parts<'r>(
    cx: &'r Context,
    pi: usize,
    total: &Number,
    with_share: bool,
) -> Vec<&'r Number> {
    let paragraphs = &cx.report.paragraphs;
    let section = paragraphs[pi].section;
    let mut parts = Vec::new();
    let mut sum = Decimal::ZERO;
    for q in paragraphs[pi + 1..].iter().take(MAX_TOTAL_CANDIDATES) {
        let Some(n) = q.numbers.first() else {
            break;
        };
        let name = cx.text[q.range.start..n.range.start]
            .trim_start()
            .trim_start_matches(|c: char| {
                c.is_ascii_digit()
                    || "0123456789０１２３４５６７８９一二三四五六七八九十（）()、.．".contains(c)
            });
        let chars = name.chars().count();
        if q.section != section
            || n.unit_key() != total.unit_key()
            || n.approx
            || n.magnitude.is_some()
            || chars == 0
            || chars > 16
            || name.contains(|c: char| "，,。；;：:".contains(c) || SENTENCE_END.contains(&c))
            || TOTAL_WORDS.iter().any(|w| name.contains(w))
            || CUMULATIVE.iter().any(|w| name.contains(w))
            || ["收到", "受理", "办结", "结转", "辦結", "結轉"]
                .iter()
                .any(|w| name.contains(w))
            || COMPARISON.iter().any(|w| name.contains(w))
            || (with_share && !shared(cx.text, &q.numbers, n))
        {
            break;
        }
        parts.push(n);
        sum += n.value;
        // Without a share tying each paragraph to the whole, a list that makes up its total ends
        // there: what follows is the next topic ("办结12件……").
        if !with_share && sum == total.value {
            break;
        }
    }
    parts
}

/// Words in the name of a part that make it an action or a channel, not a category of the total
/// ("办结1件", "回复5条", "报送政务信息5条").
const ACTIONS: &[&str] = &[
    "办结", "办理", "答复", "回复", "受理", "收到", "处理", "转办", "公开", "发布", "刊发", "报送",
    "上报", "采用", "录用", "召开", "举办", "开展", "接待", "接听", "印发", "制定", "更新", "新增",
    "废止", "辦結", "辦理", "答覆", "回覆", "受理", "處理", "公開", "發布", "發佈", "報送",
];

/// Words that name a figure as a total when no opener follows it (not 全年 or 總, which name a period
/// or stand in 總結).
const UNOPENED_TOTAL: &[&str] = &["共", "合计", "总计", "累计", "合計", "總計", "累計"];

/// "累计公布信息69条，工作动态61条，运输管理5条，建设管理3条，航务管理1条，依申请…": a total named as
/// one (共/累计/合计…), then at once, without 其中 or a colon, a run of three or more short category
/// names each with a figure of the total's unit. The run stops at the first figure of another unit or
/// a name that is an action, a channel or another total. Such a list may be a selection, so only
/// parts that add up to more than the total, or a list closed by 其他, are reported.
fn unopened(cx: &Context, para: &Para, out: &mut Vec<Diagnostic>) {
    let text = cx.text;
    let numbers: &[Number] = &para.numbers;
    let opened_at: Vec<usize> = openers(&text[para.range.clone()])
        .into_iter()
        .map(|(i, _)| para.range.start + i)
        .collect();
    let mut k = 0;
    while k < numbers.len() {
        let n = &numbers[k];
        k += 1;
        if !n.is_count()
            || n.approx
            || n.magnitude.is_some()
            || !text[n.range.end..].starts_with(['，', ','])
        {
            continue;
        }
        let sentence = para.sentence_start(n.range.start);
        let from = match k - 1 {
            0 => para.range.start,
            j => numbers[j - 1].range.end,
        }
        .max(sentence);
        let lead = text[from.min(n.range.start)..n.range.start].replace("公共", "");
        // A figure inside a list already opened ("其中…公共资源类25条，…") is no total of its own.
        if !UNOPENED_TOTAL.iter().any(|w| lead.contains(w))
            || opened_at[opened_at.partition_point(|&i| i < sentence)..]
                .first()
                .is_some_and(|&i| i < n.range.start)
            || ["目前", "截至", "截止", "历年", "歷年"]
                .iter()
                .any(|w| lead.contains(w))
            || COMPARISON.iter().any(|w| lead.contains(w))
            || item_of_a_list(text, sentence, n.range.start)
        {
            continue;
        }
        let mark = n.range.end;
        let end = para.scope_end(mark, "，".len());
        let mut parts: Vec<&Number> = Vec::new();
        let mut previous_end = mark;
        for m in numbers[k..].iter().take(MAX_TOTAL_CANDIDATES) {
            if m.range.start >= end
                || m.unit_key() != n.unit_key()
                || m.approx
                || m.magnitude.is_some()
            {
                break;
            }
            let name_lead = &text[previous_end..m.range.start];
            let Some(name) = name_lead.strip_prefix(['，', ',', '、', '；', ';']) else {
                break;
            };
            let chars = name.chars().count();
            if chars == 0
                || chars > 10
                || name.contains(|c: char| "，,。；;（）()".contains(c))
                || ACTIONS.iter().any(|w| name.contains(w))
                || CHANNELS.iter().any(|w| name.contains(w))
                || TOTAL_WORDS.iter().any(|w| name.contains(w))
                || COMPARISON.iter().any(|w| name.contains(w))
            {
                break;
            }
            parts.push(m);
            previous_end = m.range.end;
        }
        // An opener after the total ("……，其中：") makes it a list of the usual kind.
        if parts.len() < 3 || OPENERS.iter().any(|w| text[mark..previous_end].contains(w)) {
            continue;
        }
        out.extend(judge(
            text,
            n,
            &parts,
            mark,
            end,
            List {
                explicit: true,
                claim: Strict,
                label: "总数后所列",
            },
        ));
    }
}

/// Whether the 共-figure at `at` is itself one item of a list: its sentence opens with a frame
/// ("在主动公开的信息中，“财政预算”栏目共发布2条，工作动态20条、…": the figures after it are its
/// peers under the frame), or its clause is named by a quoted category.
fn item_of_a_list(text: &str, sentence: usize, at: usize) -> bool {
    let before = text[sentence.min(at)..at].trim_start();
    let clause_from = before
        .rfind(['，', ',', '；', ';', '：', ':'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &before[clause_from..];
    let framed = before.starts_with('在')
        && before[..clause_from]
            .trim_end_matches(['，', ','])
            .ends_with('中');
    framed || (clause.contains('“') && clause.contains('”'))
}

/// "主动公开政府信息173769万条。市级主动公开75656条，县级主动公开98113条。": a count written in 万
/// whose digits are exactly the sum of two or more counts of the same unit after it in the paragraph
/// (written without 万) — the 万 makes the total ten thousand times its parts.
fn wan_slip(para: &Para, out: &mut Vec<Diagnostic>) {
    let numbers: &[Number] = &para.numbers;
    for (k, n) in numbers.iter().enumerate() {
        if !matches!(n.magnitude.as_deref(), Some("万" | "萬"))
            || !n.is_count()
            || n.approx
            || n.written.fract() != Decimal::ZERO
            || n.written < Decimal::from(100)
        {
            continue;
        }
        let mut sum = Decimal::ZERO;
        let mut parts: Vec<&Number> = Vec::new();
        for (j, m) in numbers.iter().enumerate().skip(k + 1).take(16) {
            if m.unit_key() != n.unit_key()
                || m.magnitude.is_some()
                || m.approx
                || para.comparison_lead(j, n.range.end)
            {
                continue;
            }
            sum += m.value;
            parts.push(m);
            if sum >= n.written {
                break;
            }
        }
        if parts.len() < 2 || sum != n.written {
            continue;
        }
        let terms: Vec<String> = parts.iter().map(|m| m.value.to_string()).collect();
        let unit = n.unit.as_deref().unwrap_or("");
        let mut d = diag(
            Code::ProseBreakdown,
            n.range.clone(),
            format!(
                "总数写作 {}万{unit}，是其后各项之和 {sum}{unit}（{}）的一万倍：“万”字多余？",
                n.written,
                terms.join("+")
            ),
        );
        for m in &parts {
            d = d.related(m.range.clone(), format!("分项 {}", m.value));
        }
        out.push(d);
    }
}

/// A figure without unit counts as a part when it stands before a comma or
/// the end of the clause ("当面递交申请2,"), not when it is an ordinal
/// ("1、") or part of a date ("2017年").
fn bare_part(text: &str, n: &Number) -> bool {
    let after = text[n.range.end..].chars().next();
    matches!(after, Some('，' | ',' | '；' | ';' | '。') | None) && n.value.scale() == 0
}

#[cfg(test)]
mod tests {
    use crate::check::{check_text, Config};

    fn codes(text: &str) -> Vec<String> {
        let checked = check_text(text, &Config::default());
        checked
            .diagnostics
            .iter()
            .filter(|d| d.code == "prose-breakdown")
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn total_in_the_previous_sentence() {
        let m = codes("共发布各类信息2471条。其中，领域信息1327条，通知公告类827条，专栏信息156条，互动交流37条。\n");
        assert_eq!(
            m,
            vec!["“其中”各项之和为 2347（1327+827+156+37），与总数 2471 不符（相差 124）"]
        );
    }

    #[test]
    fn the_total_is_the_figure_before_qizhong_not_the_first() {
        let t = "累计主动公开政府信息数量达75646条，2011年度新增10759条，其中：概况信息113条、计划总结105条、法规公文376条、工作动态5436条、人事信息36条、财政信息21条、其他信息4672条。\n";
        assert!(codes(t).is_empty());
    }

    #[test]
    fn bare_figure_before_a_comma_is_a_part() {
        let t = "共受理依申请公开政府信息27宗。其中:网上申请22宗,当面递交申请2,邮寄申请3宗,办结率达100%。\n";
        assert!(codes(t).is_empty());
    }

    #[test]
    fn approximate_figures_never_fail() {
        assert!(codes(
            "主动公开各类政府信息7100余条,其中:通过目录公开5900余条,通过其他方式公开1100余条。\n"
        )
        .is_empty());
        assert!(codes("共约300件，其中A 100件，B 100件。\n").is_empty());
    }

    #[test]
    fn bracketed_details_are_not_parts() {
        assert!(
            codes("共收到申请30件，其中网络申请20件（其中转办5件），信函申请10件。\n").is_empty()
        );
    }

    #[test]
    fn a_figure_in_brackets_is_not_the_total() {
        let t = "办结申请177件（含上年结转的3件），其中，予以公开60件，部分公开51件，不予公开4件，无法提供30件，不予处理3件，其他处理29件。\n";
        assert!(codes(t).is_empty());
        let t = "办结申请177件（含上年结转的3件），其中，予以公开60件，部分公开51件，不予公开4件，无法提供30件，不予处理3件，其他处理20件。\n";
        assert_eq!(codes(t).len(), 1);
    }

    #[test]
    fn a_list_that_makes_up_its_total_ends_at_the_semicolon() {
        let t = "全年共收到政府信息公开申请27件，其中当面申请2件，网上申请22件，信函申请3件；办结27件，同意公开14件。\n";
        assert!(codes(t).is_empty());
    }

    #[test]
    fn a_single_part_larger_than_the_total() {
        assert_eq!(codes("共收到申请30件，其中网络申请40件。\n").len(), 1);
        assert!(codes("共收到申请30件，其中网络申请20件。\n").is_empty());
    }

    #[test]
    fn a_few_notable_subsets_are_not_a_breakdown() {
        assert!(codes("共发布信息2000条，其中政策解读50条，图解30条。\n").is_empty());
        // …but a list ending with 其他 is one.
        assert_eq!(
            codes("共发布信息2000条，其中政策解读50条，其他信息30条。\n").len(),
            1
        );
    }

    #[test]
    fn channels_may_overlap() {
        assert!(codes("共主动公开政府信息1500条，其中通过政府网站公开1200条，通过政务微博公开200条，通过政务微信公开300条。\n").is_empty());
        assert_eq!(
            codes("共发布信息100条，其中政策文件60条，工作动态50条。\n").len(),
            1
        );
    }

    #[test]
    fn other_units_are_not_parts() {
        assert!(codes("共发布信息100条，其中图解20份，新闻100条。\n").is_empty());
    }

    #[test]
    fn a_frame_binds_to_the_year_total_of_the_paragraph_before() {
        let t = "本局共主动公开政府信息320条，目前累计主动公开政府信息2410条。\n\n在主动公开的信息中，法规文件类40条，规划计划类12条，业务动态类275条。\n";
        assert_eq!(
            codes(t),
            vec!["所列各项之和为 327（40+12+275），与总数 320 不符（相差 7）"]
        );
        assert!(codes(&t.replace("275条", "268条")).is_empty());
        // A cumulative frame is another whole.
        assert!(codes(&t.replace("在主动公开", "在历年累计主动公开")).is_empty());
    }

    #[test]
    fn a_run_of_named_counts_after_a_total_without_an_opener() {
        let t = "本年度累计公布信息58条，工作动态44条，行业管理8条，项目建设5条，安全生产2条，依申请公开事项办结2件，信箱回复3条。\n";
        assert_eq!(codes(t).len(), 1);
        // Short of the total without 其他: perhaps a selection.
        assert!(
            codes("全年共发布信息300条，政策文件20条，工作动态200条，通知公告50条。\n").is_empty()
        );
        // Actions are not categories; a figure inside an opened list is no total.
        assert!(codes("全年共受理申请20件，办结18件，转办2件，答复19件。\n").is_empty());
        assert!(codes("共公开信息500条，其中新闻300条，公共资源类25条，社会保障16条，劳动就业16条，其他143条。\n").is_empty());
    }

    #[test]
    fn a_total_written_in_wan_that_is_the_sum_of_its_parts() {
        let t = "全市主动公开政府信息52418万条。市级主动公开21305条，县级主动公开31113条。\n";
        assert_eq!(codes(t).len(), 1);
        assert!(codes(&t.replace("52418万条", "5.2万条")).is_empty());
        assert!(codes(&t.replace("31113条", "31112条")).is_empty());
    }

    #[test]
    fn a_list_over_the_paragraphs_after_its_opener() {
        let t = "全年共收到申请15件，其中：\n\n网上申请9件；\n\n当面申请4件；\n\n信函申请3件。\n";
        assert_eq!(codes(t).len(), 1);
        let t = "全年共收到申请15件，其中：\n\n网上申请9件；\n\n当面申请4件；\n\n信函申请2件。\n\n办结15件。\n";
        assert!(codes(t).is_empty());
    }

    #[test]
    fn a_framed_list_with_shares_over_paragraphs() {
        let t = "在已经答复的12件申请中，同意公开的8件，占总数的66.7%。\n\n同意部分公开的2件，占总数的16.7%。\n\n信息不存在的3件，占总数的25%。\n";
        assert_eq!(codes(t).len(), 1);
        assert!(codes(&t.replace(
            "信息不存在的3件，占总数的25%",
            "信息不存在的2件，占总数的16.7%"
        ))
        .is_empty());
    }
}
