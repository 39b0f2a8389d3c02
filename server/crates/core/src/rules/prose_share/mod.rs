//! `prose-share` and `prose-share-sum`: "全年新增信息312条，其中A类5条，占1.6%；B类24条，占7.7%……".
//!
//! A share is a percentage whose lead-in says it is a part of a whole (占, 占比, 比例, 比重), written right
//! after a count (the part: "5条，占1.6%", "5条（占比1.6%）"). Its whole is the count that opens the list
//! of parts: the last count of the same unit before the first part of the list, in the same sentence or in
//! the sentence the list continues ("共发布信息312条。其中…"). The share is checked at the precision it is
//! written with, accepting rounding and truncation, and only when no other count of the same unit earlier
//! in the paragraph gives the stated share (a share of 办结 rather than of 收到 is a different base, not an
//! error). Shares of one complete list (the parts add up to the whole, or the last is a catch-all 其他) must
//! add to 100 % within the rounding of their count and precision.

use std::ops::Range;

use rust_decimal::{Decimal, RoundingStrategy};

use super::prose_breakdown::{
    compares, counts_applications, group_named, names_channel, previous_paragraph_total,
    sentence_start, SENTENCE_END,
};
use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::Number;
use crate::semantic::Context;

mod bare;
mod complete;
mod continued;
mod items;
pub(crate) use items::said_approximately;
mod unstated;
use bare::bare_share_sum;
use complete::{evened, miscounted, summed_whole};
use continued::{continued, opened_before};
use items::items;
use unstated::unstated_whole;

/// Words in a share's lead-in that make it a part of a whole.
const SHARE_WORDS: &[&str] = &["占", "比例为", "比例是", "比重为", "比重"];
/// Words that make a percentage something else: a change, a rate.
const NOT_SHARE: &[&str] = &[
    "率", "增", "降", "减", "减少", "上升", "同比", "环比", "较", "提高",
];
/// The last part of a complete list is often a catch-all.
const CATCH_ALL: &[&str] = &["其他", "其它", "其余", "剩余"];

/// A part with its stated share.
struct Item {
    part: usize,
    share: usize,
    /// Written as approximate ("占总体比例约为19.2%"): checked only for a gross slip.
    approx: bool,
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (pi, p) in cx.report.paragraphs.iter().enumerate() {
        let nums = &p.numbers;
        let items = items(cx.plain(), nums);
        // Lists: runs of items with the same whole.
        let mut lists: Vec<(&Number, Vec<&Item>)> = Vec::new();
        // Items whose whole the words do not give, in a run of one unit.
        let mut orphans: Vec<&Item> = Vec::new();
        for item in &items {
            let whole = whole_of(cx.plain(), p.range.clone(), nums, item)
                .map(|k| &nums[k])
                .or_else(|| framed_whole(cx, pi, item))
                .or_else(|| opening_qizhong_whole(cx, pi, item));
            // "予以公开的有6件，占50%；无法提供的有6件，占50%": the next item of the same list, without an
            // opener of its own, right after the previous item's share in the sentence.
            let whole = whole.or_else(|| {
                let (w, list) = lists.last()?;
                let previous = list.last()?;
                // (A part read back before its bracket may stand before the previous share.)
                if item.part != previous.share + 1 {
                    return None;
                }
                let gap = &cx.plain()[nums[previous.share].range.end..nums[item.part].range.start];
                // Across a sentence end when both name their whole alike ("……114条，占总数的37.9%。重点领域
                // 公开政府信息数61条，占总数的17.2%").
                let alike = || {
                    let lead = text_between(cx.plain(), &nums[item.part], &nums[item.share]);
                    lead.contains('总')
                        && lead
                            == text_between(cx.plain(), &nums[previous.part], &nums[previous.share])
                };
                // The previous share named a whole of its own ("占自然人申请的66.7%"): the next, said without it,
                // is of another ("法人或其他组织申请5件，占10%" of all the applications).
                let own_base = || {
                    let said =
                        text_between(cx.plain(), &nums[previous.part], &nums[previous.share]);
                    names_own_base(said)
                        && said != text_between(cx.plain(), &nums[item.part], &nums[item.share])
                };
                // A label in brackets ("（C类）") adds no distance.
                (item.part == previous.share + 1
                    && !own_base()
                    && items::unbracketed(gap).chars().count() <= 24
                    && (!gap.contains(SENTENCE_END) || alike())
                    && nums[item.part].unit_key() == w.unit_key()
                    // A part larger than the whole is a slip in the list ("业务动态类信息213条，占总体
                    // 的比例为97.6%" of 208), unless its words name another whole.
                    && (nums[item.part].value <= w.value
                        || !["共", "合计", "总", "全", "累计"].iter().any(|t| gap.contains(t))))
                .then_some(*w)
            });
            let Some(whole) = whole else {
                if orphans
                    .last()
                    .is_some_and(|o| nums[o.part].unit_key() != nums[item.part].unit_key())
                {
                    adopt(cx, pi, &mut orphans, &mut lists, out);
                }
                orphans.push(item);
                continue;
            };
            adopt(cx, pi, &mut orphans, &mut lists, out);
            match lists.last_mut() {
                Some((w, list)) if w.range == whole.range => list.push(item),
                _ => lists.push((whole, vec![item])),
            }
        }
        adopt(cx, pi, &mut orphans, &mut lists, out);
        let breakdowns = std::cell::OnceCell::new();
        for (whole, list) in &lists {
            // Two parts or more larger than the whole: the whole is another figure ("共公开信息35条，更新1条，
            // 其中，机构概况类1条，占3%；工作信息类19条，占53%……"; "90292条（含重点领域信息17231条），……其中，
            // 工作动态信息41951条……"): the one the shares agree on, or none.
            let larger = list
                .iter()
                .filter(|it| nums[it.part].value > whole.value)
                .count();
            let whole: &Number = match larger {
                0 | 1 => whole,
                _ => match consensus_whole(cx, pi, list) {
                    Some(w) => w,
                    None => continue,
                },
            };
            let view = view(cx.plain(), p.range.start, nums, whole, list);
            let miscount = miscounted(cx, pi, whole, list, &view, &breakdowns);
            let evened = evened(nums, whole, list, &view);
            for item in list {
                // The count slipped, not the share: the breakdown finding says so.
                if miscount.as_ref().and_then(|m| m.slipped) == Some(item.part) {
                    continue;
                }
                let Some(mut d) = share_diag(nums, whole, item, list, p.range.start) else {
                    continue;
                };
                if evened(item) {
                    evened_note(&mut d);
                }
                // "占总数的70%" names its base: it may be a total stated in an earlier paragraph.
                let (part, share) = (&nums[item.part], &nums[item.share]);
                let names_base = text_between(cx.plain(), part, share).contains("的");
                let earlier = cx.report.paragraphs[..pi]
                    .iter()
                    .rev()
                    .take(EARLIER_PARAGRAPHS)
                    .flat_map(|q| &q.numbers);
                if names_base && earlier.clone().any(|n| gives(part, n, share)) {
                    continue;
                }
                if joint(cx.plain(), nums, whole, item) {
                    continue;
                }
                if of_the_hosts_whole(cx.plain(), nums, &items, whole, item) {
                    continue;
                }
                out.push(d);
            }
            // The list goes on in the paragraphs after, one item each ("“不予公开”的1件，占总数的10%。").
            let closes_paragraph = list
                .last()
                .is_some_and(|it| !nums[it.share + 1..].iter().any(|n| n.is_count()));
            out.extend(miscount.map(|m| m.finding));
            if closes_paragraph && continued(cx, pi, whole, list, out) {
                continue;
            }
            // (Shares said of different wholes, one named as its own, "占自然人申请的66.7%", make no 100 %.)
            let leads: Vec<&str> = list
                .iter()
                .map(|it| text_between(cx.plain(), &nums[it.part], &nums[it.share]))
                .collect();
            if leads
                .iter()
                .any(|l| names_own_base(l) && leads.iter().any(|m| m != l))
            {
                continue;
            }
            out.extend(sum_diag(nums, whole, list, &view));
        }
        if items.is_empty() {
            opened_before(cx, pi, out);
        }
        out.extend(bare_share_sum(cx.plain(), p.range.start, nums));
    }
}

/// Whether the words between a part and its share name a whole of their own ("，占自然人申请的"), not the
/// whole of all ("占总数的", "占全部申请的").
fn names_own_base(said: &str) -> bool {
    said.contains('的') && !["总", "全", "所有"].iter().any(|w| said.contains(w))
}

/// Marks a share moved by one unit of its last place so that its list makes exactly 100 %: a way of writing
/// shares some readers accept and others do not — a note, not a warning.
fn evened_note(d: &mut Diagnostic) {
    d.severity = crate::diagnostic::Severity::Info;
    d.message
        .push_str("（各项占比之和正好为 100%，这一项像是为凑满 100% 调整了末位）");
}

/// "业务动态类信息49条，占总体的比例为98%（其中批复文件36条，占总体的72%；……）": a share in the bracket after a
/// part that has a share of the whole of everything (总体, 总数, 总量) itself, and names that whole too, is of that
/// whole, not of the part before the bracket — which one the words do not settle here, so say nothing.
fn of_the_hosts_whole(
    text: &str,
    nums: &[Number],
    items: &[Item],
    whole: &Number,
    item: &Item,
) -> bool {
    let Some(host) = items.iter().find(|it| nums[it.part].range == whole.range) else {
        return false;
    };
    let opened = &text
        [nums[host.share].range.end..nums[item.part].range.start.max(nums[host.share].range.end)];
    let names_all = |it: &Item| text_between(text, &nums[it.part], &nums[it.share]).contains('总');
    opened.contains(['（', '(']) && names_all(host) && names_all(item)
}

/// "法规类的信息4条，规范性文件5条，占总体比例为0.17%": one share after two counts may be of both together
/// ((4 + 5) ÷ 5145 = 0.175 %) when the count before the part has no share of its own.
fn joint(text: &str, nums: &[Number], whole: &Number, item: &Item) -> bool {
    let part = &nums[item.part];
    let Some(before) = item.part.checked_sub(1).map(|k| &nums[k]) else {
        return false;
    };
    let gap = text_between(text, before, part);
    before.is_count()
        && !before.approx
        && before.unit_key() == part.unit_key()
        && before.range.start > whole.range.end
        && gap.chars().count() <= 24
        && !gap.contains(SENTENCE_END)
        && !gap.contains(['；', ';'])
        && agrees(
            before.value + part.value,
            whole.value,
            nums[item.share].written,
        )
}

/// How many paragraphs back a whole named in a frame or in "占总数的" is looked for.
pub(super) const EARLIER_PARAGRAPHS: usize = 3;

/// Words that make a figure cumulative, not the year's whole.
const CUMULATIVE: &[&str] = &["累计", "总计", "目前", "历年", "截至", "截止"];

/// "在主动公开的信息中，机构职能类信息9条，占3.83%……" opening a paragraph: the frame names its whole
/// without a figure, and the figure is the last count of the paragraphs before whose lead-in names the
/// same thing ("本局共主动公开政府信息235条").
fn framed_whole<'r>(cx: &'r Context, pi: usize, item: &Item) -> Option<&'r Number> {
    let p = &cx.report.paragraphs[pi];
    let part = &p.numbers[item.part];
    let raw = &cx.plain()[p.range.start..part.range.start];
    let opened = raw.trim_start().strip_prefix('在')?;
    let end = opened.find("中，").or_else(|| opened.find("中,"))?;
    let frame_end = p.range.start + (raw.len() - opened.len()) + end;
    // The frame holds no figure of its own ("在本年度主动公开的14条信息中" is bound in the sentence).
    if p.numbers
        .iter()
        .any(|n| n.range.start < frame_end && n.is_count())
    {
        return None;
    }
    let frame = &opened[..end];
    let key = ["主动公开", "依申请公开", "答复", "办结", "受理", "收到"]
        .into_iter()
        .find(|k| frame.contains(k))?;
    cx.report.paragraphs[..pi]
        .iter()
        .rev()
        .take(EARLIER_PARAGRAPHS)
        .find_map(|q| {
            q.numbers.iter().enumerate().rev().find_map(|(k, n)| {
                let from = k
                    .checked_sub(1)
                    .map_or(q.range.start, |j| q.numbers[j].range.end);
                let sentence = sentence_start(cx.plain(), q.range.start, n.range.start);
                let lead = &cx.plain()[from.max(sentence)..n.range.start];
                (n.is_count()
                    && !n.approx
                    && n.unit_key() == part.unit_key()
                    && n.value >= part.value
                    && lead.contains(key)
                    && !CUMULATIVE.iter().any(|w| lead.contains(w))
                    && !compares(lead))
                .then_some(n)
            })
        })
}

/// "我委共收到政府信息公开申请9件，同上年相比，增加3件。" then a paragraph "其中，信函申请6件，占总数的66.7%……":
/// a 其中 opening the paragraph refers to the last count of the paragraph before (not a change).
fn opening_qizhong_whole<'r>(cx: &'r Context, pi: usize, item: &Item) -> Option<&'r Number> {
    let p = &cx.report.paragraphs[pi];
    let part = &p.numbers[item.part];
    let head = cx.plain()[p.range.start..part.range.start].trim_start();
    if pi == 0 || !head.starts_with("其中") || head.contains(SENTENCE_END) {
        return None;
    }
    previous_paragraph_total(cx, pi, part)
}

/// A run of items without a whole joins the lists when its shares agree on one.
fn adopt<'r, 'i>(
    cx: &'r Context,
    pi: usize,
    orphans: &mut Vec<&'i Item>,
    lists: &mut Vec<(&'r Number, Vec<&'i Item>)>,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(whole) = consensus_whole(cx, pi, orphans).or_else(|| summed_whole(cx, pi, orphans))
    {
        lists.push((whole, std::mem::take(orphans)));
    } else {
        let nums = &cx.report.paragraphs[pi].numbers;
        out.extend(unstated_whole(cx.plain(), nums, orphans));
    }
    orphans.clear();
}

/// The whole of a run of three or more shares that the words do not bind ("累计主动公开政府信息5条" read
/// as a stock, a frame whose total is not found): the count before the run, in its paragraph or up to
/// [`EARLIER_PARAGRAPHS`] before, that gives at least two thirds of the stated shares (and two or more)
/// — the shares themselves say what they are shares of, items written alike counted once. Two different
/// counts doing as well: none. Of a pair of shares, both written to a decimal place or more, the one count
/// that gives either ("累计公开政府信息962条。" … "政府网站公开信息349条，占比36.28%；政务新媒体公开信息
/// 607条、占比63.1%").
fn consensus_whole<'r>(cx: &'r Context, pi: usize, run: &[&Item]) -> Option<&'r Number> {
    let paragraphs = &cx.report.paragraphs;
    let nums = &paragraphs[pi].numbers;
    // (An item written twice alike, "5条,占15.7%" for two kinds, is one piece of evidence, not two.)
    let mut distinct: Vec<&Item> = Vec::with_capacity(run.len());
    for it in run {
        let key = |i: &Item| (nums[i.part].value, nums[i.share].written);
        if !distinct.iter().any(|d| key(d) == key(it)) {
            distinct.push(it);
        }
    }
    let run = &distinct[..];
    if run.len() < 2 {
        return None;
    }
    let pair = run.len() == 2;
    let largest = run.iter().map(|it| nums[it.part].value).max()?;
    let unit = nums[run[0].part].unit_key();
    // (candidate, shares it gives), in the order met.
    let scored: Vec<(&Number, usize)> = figures_before(cx, pi, run[0].part)
        // Any count unit: 件 and 条 are written for one another ("印发公文155件，其中…信息33条，占21.3%"),
        // and the agreement of the shares is what binds.
        // (Within 256 figures back: a walk to the first 64 that qualify could cross the whole paragraph
        // for every run, quadratic in a paragraph of many runs.)
        .take(256)
        .filter(|n| n.is_count() && !n.approx && n.value >= largest)
        .take(64)
        .map(|n| {
            let agreeing = run
                .iter()
                .filter(|it| {
                    let (part, share) = (nums[it.part].value, nums[it.share].written);
                    if it.approx {
                        roughly(part, n.value, share)
                    } else {
                        agrees(part, n.value, share)
                    }
                })
                .count();
            (n, agreeing)
        })
        .collect();
    let most = scored.iter().map(|s| s.1).max()?;
    // A pair: one share to a decimal place that one count gives is enough, and only one count may give it.
    let precise = run.iter().all(|it| nums[it.share].written.scale() >= 1);
    if pair && !(most >= 1 && precise && scored.iter().filter(|s| s.1 == most).count() == 1) {
        return None;
    }
    if !pair && (most < 2 || most * 3 < run.len() * 2) {
        return None;
    }
    let best: Vec<&Number> = scored.iter().filter(|s| s.1 == most).map(|s| s.0).collect();
    // Of several as good, the one value they share, or else the one of the parts' unit.
    let one = |of: &[&'r Number]| {
        let first = *of.first()?;
        of.iter().all(|n| n.value == first.value).then_some(first)
    };
    one(&best).or_else(|| {
        let same: Vec<&Number> = best
            .iter()
            .copied()
            .filter(|n| n.unit_key() == unit)
            .collect();
        one(&same)
    })
}

/// The figures before figure `k` of paragraph `pi`, nearest first: back through its paragraph, then
/// through the [`EARLIER_PARAGRAPHS`] before it.
fn figures_before<'r>(cx: &'r Context, pi: usize, k: usize) -> impl Iterator<Item = &'r Number> {
    let paragraphs = &cx.report.paragraphs;
    let here = paragraphs[pi].numbers[..k].iter().rev();
    let before = paragraphs[pi.saturating_sub(EARLIER_PARAGRAPHS)..pi]
        .iter()
        .rev()
        .flat_map(|q| q.numbers.iter().rev());
    here.chain(before)
}

/// What opens a list of parts: the whole is the last count before it.
const OPENERS: &[&str] = &["其中", "：", ":", "包括", "分别为", "分别是", "中，", "中,"];

/// The whole an item's part belongs to: the last count of the same unit before the words that open its
/// list ("其中", "：", "包括", "在…14条信息中，"), in the same sentence, or in the previous sentence when
/// the list opens a sentence with 其中. Without an opener, the count just before the first part.
fn whole_of(text: &str, para: Range<usize>, nums: &[Number], item: &Item) -> Option<usize> {
    let part = &nums[item.part];
    let unit = part.unit_key()?;
    // "网上申请中予以公开30件，占75%": of the group named, an earlier part.
    if let Some(j) = group_named(text, nums, 0, item.part) {
        let group = &nums[j];
        return (group.unit_key() == Some(unit) && !group.approx && group.value >= part.value)
            .then_some(j);
    }
    let sentence = sentence_start(text, para.start, part.range.start);
    let before = &text[sentence..part.range.start];
    let opener = OPENERS
        .iter()
        .filter_map(|w| before.rfind(w).map(|i| sentence + i))
        .filter(|&at| !(text[at..].starts_with('中') && text[..at].ends_with('其')))
        .max();
    let (limit, from) = match opener {
        Some(at) => {
            let opens_sentence = text[sentence..at]
                .chars()
                .all(|c| c.is_whitespace() || "，,：:、".contains(c));
            if opens_sentence && text[at..].starts_with("其中") && sentence > para.start {
                let prev_end = sentence
                    - text[..sentence]
                        .chars()
                        .next_back()
                        .map_or(1, char::len_utf8);
                (at, sentence_start(text, para.start, prev_end))
            } else {
                (at, sentence)
            }
        }
        None => (part.range.start, sentence),
    };
    // Back from the part, no further than `from`.
    let k = (0..item.part)
        .rev()
        .take_while(|&k| nums[k].range.start >= from)
        .find(|&k| nums[k].range.end <= limit && nums[k].is_count())?;
    let n = &nums[k];
    if opener.is_none() && k + 1 != item.part {
        return None;
    }
    if n.unit_key() != Some(unit) || n.approx || n.value < part.value {
        return None;
    }
    let lead = &text[nums
        .get(k.wrapping_sub(1))
        .map_or(from, |m| m.range.end.max(from))..n.range.start];
    if compares(lead) {
        return None;
    }
    // A 其中 whose parts made its whole before a semicolon the part comes after ("政务新媒体公开信息547条,
    // 占比68.6%,其中开设政务微信1个,公开信息547条;通过……传统公开载体公开信息200条,占比25.1%"): the
    // part is the next item of the list that 其中 was inside of, not of its whole.
    if let Some(semi) = text[limit..part.range.start]
        .rfind(['；', ';'])
        .map(|i| limit + i)
    {
        let made: Decimal = nums[k + 1..item.part]
            .iter()
            .filter(|m| m.range.end <= semi && m.unit_key() == Some(unit))
            .map(|m| m.value)
            .sum();
        if made == n.value {
            return None;
        }
    }
    Some(k)
}

/// Does `part / whole` give `stated` at the precision it is written with (rounded or truncated)?
pub(crate) fn agrees(part: Decimal, whole: Decimal, stated: Decimal) -> bool {
    if whole.is_zero() {
        return false;
    }
    let exact = part / whole * Decimal::ONE_HUNDRED;
    let places = stated.scale();
    let ulp = Decimal::new(1, places);
    let rounded = exact.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let truncated = exact.round_dp_with_strategy(places, RoundingStrategy::ToZero);
    // Rounded twice, from a figure already rounded to one or two more places (12.3497 → 12.35 → 12.4).
    let twice = (1..=2).any(|more| {
        exact
            .round_dp_with_strategy(places + more, RoundingStrategy::MidpointAwayFromZero)
            .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
            == stated.round_dp(places)
    });
    rounded == stated.normalize().round_dp(places)
        || truncated == stated.round_dp(places)
        || twice
        || (exact - stated).abs() <= ulp / Decimal::TWO
}

/// `base` is a count of the part's unit, at least the part, that gives the stated share.
fn gives(part: &Number, base: &Number, share: &Number) -> bool {
    base.unit_key() == part.unit_key()
        && !base.approx
        && base.value >= part.value
        && agrees(part.value, base.value, share.written)
}

fn text_between<'t>(text: &'t str, a: &Number, b: &Number) -> &'t str {
    &text[a.range.end..b.range.start.max(a.range.end)]
}

fn share_diag(
    nums: &[Number],
    whole: &Number,
    item: &Item,
    list: &[&Item],
    para_start: usize,
) -> Option<Diagnostic> {
    // Another base earlier in the paragraph (办结 rather than 收到, a sub-group) that gives the
    // stated share: the association is not certain, say nothing. The other parts of the same list
    // are not bases ("业务动态类21393条，占65%；……其他类6154条，占28.7%": 6154 ÷ 21393 is 28.77 %).
    // (The nearest few hundred figures: a real paragraph has far fewer, and the bound keeps the rule
    // linear on a paragraph of thousands of wrong shares.)
    let earlier = nums[..item.part]
        .iter()
        .enumerate()
        .rev()
        .take(256)
        .filter(|(k, n)| n.range.start >= para_start && !list.iter().any(|it| it.part == *k))
        .map(|(_, n)| n);
    if item.approx {
        let (part, share) = (&nums[item.part], &nums[item.share]);
        return (!roughly(part.value, whole.value, share.written))
            .then(|| share_mismatch(part, share, whole, earlier))
            .flatten();
    }
    share_mismatch(&nums[item.part], &nums[item.share], whole, earlier)
}

/// An approximate share ("约为19.2%") off by no more than a point, or a tenth of itself — or, written as a
/// round number ("约占比20%", "约40%"), by half the step it is rounded to (74 of 325 is 22.8 %, "约20%").
pub(crate) fn roughly(part: Decimal, whole: Decimal, stated: Decimal) -> bool {
    if whole.is_zero() {
        return false;
    }
    let exact = part / whole * Decimal::ONE_HUNDRED;
    let step = [Decimal::TEN, Decimal::from(5)]
        .into_iter()
        .find(|s| !stated.is_zero() && (stated % s).is_zero())
        .unwrap_or(Decimal::ZERO);
    (exact - stated).abs()
        <= Decimal::ONE
            .max(stated / Decimal::TEN)
            .max(step / Decimal::TWO)
}

/// Counts written rounded in 万 or 亿 ("4.5万条" of "12.4万条") stand for anything within half a unit of their last
/// place: the stated share is right when some pair of such counts gives it (4.45–4.55 ÷ 12.35–12.45 is 35.7–36.8 %).
fn within_rounded_counts(part: &Number, whole: &Number, stated: Decimal) -> bool {
    if part.magnitude.is_none() && whole.magnitude.is_none() {
        return false;
    }
    // Half a unit of the last place written, in the count's own scale (value / written is the magnitude).
    let half = |n: &Number| {
        if n.magnitude.is_none() || n.written.is_zero() || n.written.scale() >= 28 {
            return Some(Decimal::ZERO);
        }
        Decimal::new(5, n.written.scale() + 1).checked_mul(n.value.checked_div(n.written)?)
    };
    // (Checked arithmetic: a figure near the largest decimal reads as not within.)
    let within = || {
        let (p, w) = (half(part)?, half(whole)?);
        if whole.value <= w {
            return None;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let low = (part.value - p)
            .max(Decimal::ZERO)
            .checked_div(whole.value.checked_add(w)?)?
            .checked_mul(hundred)?;
        let high = part
            .value
            .checked_add(p)?
            .checked_div(whole.value - w)?
            .checked_mul(hundred)?;
        let half_ulp = Decimal::new(5, stated.scale().min(27) + 1);
        Some(low - half_ulp <= stated && stated <= high + half_ulp)
    };
    within().unwrap_or(false)
}

/// A share that `part / whole` does not give, unless one of the `others` gives it.
fn share_mismatch<'a>(
    part: &Number,
    share: &Number,
    whole: &Number,
    mut others: impl Iterator<Item = &'a Number>,
) -> Option<Diagnostic> {
    // (A share of an empty whole — "申请0件，其中当面申请0件，占总数的0%" — says nothing to check.)
    if whole.value.is_zero()
        || agrees(part.value, whole.value, share.written)
        || within_rounded_counts(part, whole, share.written)
        || others.any(|n| gives(part, n, share))
    {
        return None;
    }
    let places = share.written.scale();
    let exact = part.value / whole.value * Decimal::ONE_HUNDRED;
    let computed = exact.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    Some(
        diag(
            Code::ProseShare,
            share.range.clone(),
            format!(
                "占比 {}% 与 {} ÷ {} = {}% 不符",
                share.written,
                part.value,
                whole.value,
                exact
                    .round_dp(if places >= 2 { places + 2 } else { 2 })
                    .normalize()
            ),
        )
        .related(part.range.clone(), format!("分项 {}", part.value))
        .related(whole.range.clone(), format!("总数 {}", whole.value))
        .fix(
            format!("改为 {computed}%"),
            share.digits_range.clone(),
            computed.to_string(),
        ),
    )
}

/// What is known of a list of shares besides its shares.
pub(super) struct ListView<'n> {
    /// Every count of the list's unit between the whole and the last share, outside brackets: parts
    /// without a share ("行政执法类信息0条") belong to the list too.
    members: Vec<&'n Number>,
    /// A part of the list stated without its share: the shares cannot add to 100 %.
    unshared: bool,
    /// A part named by a channel: channels may overlap, categories may not.
    channels: bool,
    /// The parts add up to the whole, or the last is a catch-all.
    complete: bool,
}

fn view<'n>(
    text: &str,
    para_start: usize,
    nums: &'n [Number],
    whole: &Number,
    list: &[&Item],
) -> ListView<'n> {
    let last_share = list[list.len() - 1].share;
    let unit = whole.unit_key();
    // The bracket depth is followed once along the list, from the whole (or the paragraph start when
    // the whole stands in an earlier paragraph).
    let first = nums.partition_point(|n| n.range.start <= whole.range.end);
    let mut members: Vec<&Number> = Vec::new();
    let mut at = whole.range.end.max(para_start);
    let mut open = 0;
    // Counts in the sentences between the whole and the list are said of other things ("共受理2720件，……，
    // 办结2680件。其中，按办件性质分：求助类2252件，占82.8%……"), not parts of the list.
    let first_part = nums[list[0].part].range.start;
    let list_sentence = text[at.min(first_part)..first_part]
        .rfind(SENTENCE_END)
        .map_or(0, |i| at + i);
    for n in &nums[first..last_share] {
        open += depth_change(&text[at.min(n.range.start)..n.range.start], open);
        at = n.range.end;
        if open == 0 && n.unit_key() == unit && n.range.start >= list_sentence {
            members.push(n);
        }
    }
    let parts: Decimal = members.iter().map(|n| n.value).sum();
    let unshared = members
        .iter()
        .any(|m| !m.value.is_zero() && !list.iter().any(|it| nums[it.part].range == m.range));

    let last_lead = {
        let last = list[list.len() - 1];
        // Since the share before it, or the part before it when the shares follow all the parts
        // ("…分别占95.8%和4.2%").
        let from = list
            .get(list.len().wrapping_sub(2))
            .map_or(whole.range.end, |it| {
                let share_end = nums[it.share].range.end;
                if share_end <= nums[last.part].range.start {
                    share_end
                } else {
                    nums[it.part].range.end
                }
            });
        &text[from.min(nums[last.part].range.start)..nums[last.part].range.start]
    };
    let channels = !counts_applications(text, whole)
        && list.iter().any(|it| {
            let from = nums[it.part].range.start.saturating_sub(24);
            let from = (0..=from)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            names_channel(&text[from..nums[it.part].range.start])
        });
    // "……不予处理158件，占19.6%；其他处理0件。": a catch-all without a share right after the last share, in
    // its sentence, closes the list as surely as one with a share.
    let closed_after = || {
        let after = nums.get(last_share + 1).filter(|n| n.unit_key() == unit)?;
        let lead = &text[nums[last_share].range.end.min(after.range.start)..after.range.start];
        let lead = lead.strip_prefix(['；', ';', '，', ','])?;
        (lead.chars().count() <= 12
            && !lead.contains(|c: char| SENTENCE_END.contains(&c) || "，,；;".contains(c))
            && CATCH_ALL.iter().any(|w| lead.starts_with(w)))
        .then_some(())
    };
    let complete = parts == whole.value
        || CATCH_ALL.iter().any(|w| last_lead.contains(w))
        || closed_after().is_some();
    ListView {
        members,
        unshared,
        channels,
        complete,
    }
}

fn sum_diag(
    nums: &[Number],
    whole: &Number,
    list: &[&Item],
    view: &ListView,
) -> Option<Diagnostic> {
    // Approximate shares need not add up exactly; shares of an empty whole ("申请0件……0%是……") cannot.
    if list.len() < 2 || list.iter().any(|it| it.approx) || whole.value.is_zero() {
        return None;
    }
    let shares: Vec<&Number> = list.iter().map(|it| &nums[it.share]).collect();
    // An incomplete list (or one with a part stated without its share) can only fail by exceeding the
    // whole; channels may overlap, categories may not.
    let full = view.complete && !view.unshared;
    (off_hundred(&shares, full) && (full || !view.channels))
        .then(|| sum_finding(Some(whole), &shares))
}

/// Whether shares add to more than 100 % — or, when `full` (they split the whole), to less — beyond what
/// their rounding allows: each is off by up to one unit of its own last place (truncated) or half of
/// it (rounded).
fn off_hundred(shares: &[&Number], full: bool) -> bool {
    let hundred = Decimal::ONE_HUNDRED;
    let total: Decimal = shares.iter().map(|s| s.written).sum();
    let units: Decimal = shares
        .iter()
        .map(|s| Decimal::new(1, s.written.scale()))
        .sum();
    let off = total > hundred + units / Decimal::TWO || full && total < hundred - units;
    off && !two_breakdowns(shares)
}

/// Whether the shares are two breakdowns of one whole, each adding to 100 % ("从申请方式看，网上申请48件，
/// 占80%，当面申请12件，占20%。从申请主体看，自然人申请54件，占90%，……占10%").
pub(super) fn two_breakdowns(shares: &[&Number]) -> bool {
    let hundred = Decimal::ONE_HUNDRED;
    let hundredish = |part: &[&Number]| {
        let total: Decimal = part.iter().map(|s| s.written).sum();
        let units: Decimal = part
            .iter()
            .map(|s| Decimal::new(1, s.written.scale()))
            .sum();
        total <= hundred + units / Decimal::TWO && total >= hundred - units
    };
    (2..shares.len().saturating_sub(1))
        .any(|k| hundredish(&shares[..k]) && hundredish(&shares[k..]))
}

/// The finding on shares that do not add to 100 % (of `whole`, when it is known).
fn sum_finding(whole: Option<&Number>, shares: &[&Number]) -> Diagnostic {
    let hundred = Decimal::ONE_HUNDRED;
    let total: Decimal = shares.iter().map(|s| s.written).sum();
    let terms: Vec<String> = shares.iter().map(|s| s.written.to_string()).collect();
    let of = whole.map_or(String::new(), |w| format!("同一总数 {} 的", w.value));
    let mut d = diag(
        Code::ProseShareSum,
        shares[0].range.start..shares[shares.len() - 1].range.end,
        format!(
            "{of}各项占比之和为 {}%（{}），{}",
            total.normalize(),
            terms.join("+"),
            if total < hundred {
                format!("少于 100%（相差 {}）", (hundred - total).normalize())
            } else {
                format!("超过 100%（相差 {}）", (total - hundred).normalize())
            }
        ),
    );
    if let Some(w) = whole {
        d = d.related(w.range.clone(), format!("总数 {}", w.value));
    }
    for s in shares {
        d = d.related(s.range.clone(), format!("{}%", s.written));
    }
    d
}

/// How the number of open brackets changes over `between`, starting from `open` (never below 0).
fn depth_change(between: &str, open: i32) -> i32 {
    let end = between.chars().fold(open, |d, c| match c {
        '（' | '(' => d + 1,
        '）' | ')' => (d - 1).max(0),
        _ => d,
    });
    end - open
}

#[cfg(test)]
mod tests {
    use crate::check::{check_text, Config};

    fn findings(text: &str, code: &str) -> Vec<String> {
        check_text(text, &Config::default())
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn a_share_far_from_its_part_over_the_whole() {
        let t = "全年新增主动公开信息312条，其中机构概况类5条，占1.6%；政策文件类24条，占7.7%；其它类207条，占58.1%。\n";
        let m = findings(t, "prose-share");
        assert_eq!(m, vec!["占比 58.1% 与 207 ÷ 312 = 66.35% 不符"]);
    }

    #[test]
    fn shares_at_their_precision_rounded_or_truncated() {
        let t = "在本年度主动公开的14条政府信息中，机构职能类信息6条，占42.9%；政策法规类信息3条，占21.4%；安全生产类信息5条，占35.7%。\n";
        assert!(findings(t, "prose-share").is_empty());
        assert!(findings(t, "prose-share-sum").is_empty());
        // 2/3 = 66.66…: 66.6 (truncated) and 66.7 (rounded) both hold; 67 at integer precision too.
        let t =
            "共受理申请3件，其中网上申请2件，占66.6%。共受理申请3件，其中网上申请2件，占67%。\n";
        assert!(findings(t, "prose-share").is_empty());
    }

    #[test]
    fn another_base_in_the_paragraph_is_not_an_error() {
        let t = "共收到申请40件，办结30件，其中予以公开15件，占收到申请总数的37.5%。\n";
        assert!(findings(t, "prose-share").is_empty());
    }

    #[test]
    fn a_named_base_may_stand_in_an_earlier_paragraph() {
        let t = "全年共受理申请10件。\n\n在已经答复的9件申请中，同意公开的7件，占总数的70%。\n";
        assert!(findings(t, "prose-share").is_empty());
        let t = "全年共受理申请10件。\n\n在已经答复的9件申请中，同意公开的7件，占70%。\n";
        assert_eq!(findings(t, "prose-share").len(), 1);
    }

    #[test]
    fn growth_and_rates_are_not_shares() {
        let t = "共发布信息300条，比上年增加30条，增长11.1%；办结率100%。\n";
        assert!(findings(t, "prose-share").is_empty());
    }

    #[test]
    fn complete_shares_add_to_a_hundred() {
        let t = "共发布信息100条，其中政策文件40条，占40%；工作动态50条，占45%；其他信息10条，占10%。\n";
        // 50 of 100 is 50 %, not 45 %, and the shares of the complete list add to 95 %.
        assert_eq!(findings(t, "prose-share").len(), 1);
        assert_eq!(
            findings(t, "prose-share-sum"),
            vec!["同一总数 100 的各项占比之和为 95%（40+45+10），少于 100%（相差 5）"]
        );
    }

    #[test]
    fn parts_without_a_share_belong_to_the_list() {
        let t = "2008年度共新增主动公开政府信息312条。其中,机构概况类信息5条,占1.6%;政策文件类信息24条,占7.7 %;政务动态类信息50条,占16 %;行政执法类信息0条;重点业务类信息26条,占8.3%;其它类信息207条,占58.1%。\n";
        assert_eq!(
            findings(t, "prose-share"),
            vec!["占比 58.1% 与 207 ÷ 312 = 66.35% 不符"]
        );
    }

    #[test]
    fn complete_shares_far_from_a_hundred() {
        let t =
            "共受理申请40件，其中网上申请20件，占50%；信函申请10件，占25%；当面申请10件，占20%。\n";
        assert_eq!(findings(t, "prose-share").len(), 1);
        let t = "共受理申请40件，其中网上申请20件，占50.0%；信函申请10件，占25.0%；其他10件，占25.0%。\n";
        assert!(findings(t, "prose-share-sum").is_empty());
        // shares only of named parts: no counts, a catch-all ends it
        let t =
            "全年公开信息1000条，其中政策类300条，占30%；动态类500条，占50%；其他200条，占10%。\n";
        assert_eq!(findings(t, "prose-share").len(), 1);
    }

    #[test]
    fn a_fix_with_the_computed_share() {
        let t = "共受理申请48件，其中网上申请35件，占61.4%。\n";
        let c = check_text(t, &Config::default());
        let d = c
            .diagnostics
            .iter()
            .find(|d| d.code == "prose-share")
            .unwrap();
        assert_eq!(d.fix.as_ref().unwrap().edits[0].new_text, "72.9");
    }
}
