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
    if items.is_empty() || list.iter().any(|it| it.approx) {
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
