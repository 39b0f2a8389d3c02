//! Lists of shares that go on over the following paragraphs, one item a paragraph (pages that put each
//! item on its own line): "在已经答复的9件申请中，“同意公开”的7件，占总数的70%。" then "“不予公开”的1件，
//! 占总数的10%。" …

use super::*;
use crate::rules::prose_breakdown::is_ordinal;

/// How many paragraphs a list is followed into.
const MAX_PARAGRAPHS: usize = 64;

/// The items of the paragraphs after `pi` (in its section) that each open with a short name, a count of
/// the whole's unit and its share right after it ("“不予公开”的1件，占总数的10%"); the list ends at the
/// first paragraph that opens otherwise. Each is checked against `whole`, and the shares of the whole
/// list must not add to more than 100 % (or, complete, to less). Returns whether the list went on.
pub(super) fn continued(
    cx: &Context,
    pi: usize,
    whole: &Number,
    list: &[&Item],
    out: &mut Vec<Diagnostic>,
) -> bool {
    let paragraphs = &cx.report.paragraphs;
    let nums = &paragraphs[pi].numbers;
    let section = paragraphs[pi].section;
    let mut items: Vec<(&Number, &Number, &str)> = Vec::new();
    for q in paragraphs[pi + 1..].iter().take(MAX_PARAGRAPHS) {
        if q.section != section {
            break;
        }
        let mut figures = q
            .numbers
            .iter()
            .skip_while(|n| is_ordinal(cx.text, q.range.start, n));
        let (Some(part), Some(share)) = (figures.next(), figures.next()) else {
            break;
        };
        let name = cx.text[q.range.start..part.range.start].trim();
        let between = text_between(cx.text, part, share);
        if name.chars().count() > 16
            || name.contains(|c: char| "，,。；;：:".contains(c))
            || !part.is_count()
            || part.approx
            || part.unit_key() != whole.unit_key()
            || part.value > whole.value
            || !share.is_percent()
            || share.approx
            || between.chars().count() > 8
            || !between.contains(['占', '佔'])
        {
            break;
        }
        items.push((part, share, name));
    }
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
    let total: Decimal = shares.iter().map(|s| s.written).sum();
    let units: Decimal = shares
        .iter()
        .map(|s| Decimal::new(1, s.written.scale()))
        .sum();
    let hundred = Decimal::ONE_HUNDRED;
    let over = total > hundred + units / Decimal::TWO;
    let under = total < hundred - units;
    if over || complete && under {
        out.push(sum_finding(Some(whole), &shares));
    }
    true
}
