//! Lists of shares that go on over the following paragraphs, one item a paragraph (pages that put each
//! item on its own line): "在已经答复的9件申请中，“同意公开”的7件，占总数的70%。" then "“不予公开”的1件，
//! 占总数的10%。" …

use super::*;
use crate::rules::prose_breakdown::continued_items;

/// The items of the paragraphs after `pi` (in its section) that each open with a short name, a count of
/// the whole's unit and its share right after it ("“不予公开”的1件，占总数的10%") — the paragraphs
/// `prose-breakdown` reads as the list going on; the list ends at the first paragraph that opens
/// otherwise. Each is checked against `whole`, and the shares of the whole list must not add to more
/// than 100 % (or, complete, to less). Returns whether the list went on.
pub(super) fn continued(
    cx: &Context,
    pi: usize,
    whole: &Number,
    list: &[&Item],
    out: &mut Vec<Diagnostic>,
) -> bool {
    let paragraphs = &cx.report.paragraphs;
    let nums = &paragraphs[pi].numbers;
    let items: Vec<(&Number, &Number, &str)> = continued_items(cx, pi, whole, true)
        .into_iter()
        .map_while(|c| Some((c.part, c.share?, c.name)))
        .take_while(|(part, _, _)| part.value <= whole.value)
        .collect();
    if items.is_empty() || list.iter().any(|it| it.approx) || whole.value.is_zero() {
        return false;
    }
    // Bases another share of the list may be of: the figures of this paragraph and the ones before.
    let earlier: Vec<&Number> = paragraphs[pi.saturating_sub(EARLIER_PARAGRAPHS)..=pi]
        .iter()
        .flat_map(|q| &q.numbers)
        .collect();
    for &(part, share, _) in &items {
        out.extend(share_mismatch(part, share, whole, earlier.iter().copied()));
    }
    let shares: Vec<&Number> = list
        .iter()
        .map(|it| &nums[it.share])
        .chain(items.iter().map(|i| i.1))
        .collect();
    let parts: Decimal = list
        .iter()
        .map(|it| nums[it.part].value)
        .chain(items.iter().map(|i| i.0.value))
        .sum();
    let last_name = items[items.len() - 1].2;
    let complete = parts == whole.value || CATCH_ALL.iter().any(|w| last_name.contains(w));
    if off_hundred(&shares, complete) {
        out.push(sum_finding(Some(whole), &shares));
    }
    true
}

/// A paragraph that ends by opening a list ("已到答复期的3件申请全部按期答复，其中：") whose items are the
/// paragraphs after it, one a paragraph ("同意公开1件，占总数的33.3%"): the whole is the last count
/// before the opener, in its sentence. Returns whether such a list was read.
pub(super) fn opened_before(cx: &Context, pi: usize, out: &mut Vec<Diagnostic>) -> bool {
    let p = &cx.report.paragraphs[pi];
    let text = cx.plain()[p.range.clone()].trim_end();
    let Some(head) = [
        "其中：",
        "其中:",
        "其中，",
        "其中,",
        "如下：",
        "如下:",
        "分别为：",
        "分别为:",
    ]
    .iter()
    .find_map(|w| text.strip_suffix(w)) else {
        return false;
    };
    let mark = p.range.start + head.len();
    let sentence = sentence_start(cx.plain(), p.range.start, mark);
    let Some(k) = p
        .numbers
        .iter()
        .rposition(|n| n.range.end <= mark && n.range.start >= sentence && n.is_count())
    else {
        return false;
    };
    let whole = &p.numbers[k];
    let from = k
        .checked_sub(1)
        .map_or(sentence, |j| p.numbers[j].range.end.max(sentence));
    if whole.approx || compares(&cx.plain()[from..whole.range.start]) {
        return false;
    }
    continued(cx, pi, whole, &[], out)
}
