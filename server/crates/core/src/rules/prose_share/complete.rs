//! A list whose shares say it is the whole ("在主动公开的信息中，A类8条，占28.6%；B类4条，占14.3%；……
//! C类8条，占17.8%。", the shares adding to 100 %) whose parts do not add up to the whole: a breakdown
//! that fails, found through the shares even when the words bind the list to no total ("累计主动公开
//! 政府信息28条" read as a stock, a part larger than a total not named as one).
//!
//! The shares bind the list only when all of them but one agree with the whole; the one that does not
//! then tells which figure slipped: when its share of the whole gives exactly what the other parts leave
//! of it, the count is wrong (and the quick fix is the count), not the share.

use std::cell::OnceCell;

use super::*;
use crate::rules::prose_breakdown;

/// The verdict on one list: the finding, and the item whose count (not its share) slipped.
pub(super) struct Miscount {
    pub(super) finding: Diagnostic,
    pub(super) slipped: Option<usize>,
}

/// The breakdown finding for `list` under `whole` (see the module comment), or none.
/// `breakdowns` holds `prose-breakdown`'s findings on paragraph `pi`, worked out at most once a
/// paragraph and only when a list of it fails (a paragraph of many lists stays linear).
pub(super) fn miscounted(
    cx: &Context,
    pi: usize,
    whole: &Number,
    list: &[&Item],
    view: &ListView,
    breakdowns: &OnceCell<Vec<Diagnostic>>,
) -> Option<Miscount> {
    let nums = &cx.report.paragraphs[pi].numbers;
    if list.len() < 2
        || list.iter().any(|it| it.approx)
        || view.unshared
        || view.channels
        || whole.approx
        || view.members.len() != list.len()
    {
        return None;
    }
    let shares: Vec<&Number> = list.iter().map(|it| &nums[it.share]).collect();
    // The shares must make the list the whole: within their rounding of 100 %, both ways.
    if off_hundred(&shares, true) || two_breakdowns(&shares) {
        return None;
    }
    let parts: Vec<&Number> = list.iter().map(|it| &nums[it.part]).collect();
    let sum: Decimal = parts.iter().map(|n| n.value).sum();
    if sum == whole.value {
        return None;
    }
    let odd: Vec<usize> = (0..list.len())
        .filter(|&i| !agrees(parts[i].value, whole.value, shares[i].written))
        .collect();
    if odd.len() > 1 {
        return None;
    }
    // prose-breakdown may have bound the same list by its words: one finding is enough.
    let span = parts[0].range.start..parts[parts.len() - 1].range.end;
    let theirs = breakdowns.get_or_init(|| {
        let mut found = Vec::new();
        prose_breakdown::check_paragraph(cx, pi, &mut found);
        found
    });
    if theirs.iter().any(|d| {
        d.code == Code::ProseBreakdown
            && (d.range == whole.range || (d.range.start < span.end && span.start < d.range.end))
    }) {
        return None;
    }
    let terms: Vec<String> = parts.iter().map(|n| n.value.to_string()).collect();
    let mut message = format!(
        "各项占比之和为 100%，所列应是总数的全部，但各项之和为 {sum}（{}），与总数 {} 不符（相差 {}）",
        terms.join("+"),
        whole.value,
        (whole.value - sum).abs()
    );
    // The odd item's share of the whole gives what the others leave: its count slipped.
    let rest = whole.value - (sum - odd.first().map_or(Decimal::ZERO, |&i| parts[i].value));
    let slipped = odd
        .first()
        .copied()
        .filter(|&i| rest > Decimal::ZERO && agrees(rest, whole.value, shares[i].written));
    let mut d = diag(Code::ProseBreakdown, span, String::new());
    if let Some(i) = slipped {
        message.push_str(&format!(
            "；按占比 {}%，分项 {} 应为 {rest}",
            shares[i].written, parts[i].value
        ));
        d = d.fix(
            format!("改为 {rest}"),
            parts[i].digits_range.clone(),
            rest.to_string(),
        );
    }
    d.message = message;
    d = d.related(whole.range.clone(), format!("总数 {}", whole.value));
    for (n, s) in parts.iter().zip(&shares) {
        d = d.related(
            n.range.clone(),
            format!("分项 {}，占 {}%", n.value, s.written),
        );
    }
    Some(Miscount {
        finding: d,
        slipped: slipped.map(|i| list[i].part),
    })
}

/// The shares of a complete list written to add to exactly 100 %, one of them moved by up to one unit of
/// its last place to get there ("82.4%、16.3%、1.3%" for 13 of 1046, 1.24 %): a common way of writing
/// shares, not a slip. Says which items are so moved.
pub(super) fn evened<'a>(
    nums: &'a [Number],
    whole: &'a Number,
    list: &[&Item],
    view: &ListView,
) -> impl Fn(&Item) -> bool + 'a {
    let total: Decimal = list.iter().map(|it| nums[it.share].written).sum();
    let even = view.complete
        && !view.unshared
        && list.len() >= 2
        && total == Decimal::ONE_HUNDRED
        && !whole.value.is_zero();
    move |item: &Item| {
        if !even {
            return false;
        }
        let (part, share) = (&nums[item.part], &nums[item.share]);
        let exact = part.value / whole.value * Decimal::ONE_HUNDRED;
        // (One unit of the last place from the share, or from the share rounded at the written places: 48 of
        // 257 is 18.68 %, rounded 18.7, written 18.8 so that 18.8 + 80.5 + 0.7 makes 100.)
        let scale = share.written.scale();
        let unit = Decimal::new(1, scale);
        let rounded = exact
            .round_dp_with_strategy(scale, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        (exact - share.written).abs() <= unit || (rounded - share.written).abs() <= unit
    }
}

/// The whole of a run of two or more shares the words do not bind, told by its parts: the count before
/// the run (in its paragraph or up to [`EARLIER_PARAGRAPHS`] before) that the parts add up to exactly,
/// when at least half of the shares agree with it ("共主动公开政府信息122条……在主动公开的政府信息中主要
/// 分为法规文件、工作动态等类别。法规文件类99条，占总数的81%；工作动态类23条，占总数的19%").
pub(super) fn summed_whole<'r>(cx: &'r Context, pi: usize, run: &[&Item]) -> Option<&'r Number> {
    if run.len() < 2 || run.iter().any(|it| it.approx) {
        return None;
    }
    let nums = &cx.report.paragraphs[pi].numbers;
    let unit = nums[run[0].part].unit_key();
    let sum: Decimal = run.iter().map(|it| nums[it.part].value).sum();
    let whole = figures_before(cx, pi, run[0].part)
        .take(64)
        .find(|n| n.is_count() && !n.approx && n.unit_key() == unit && n.value == sum)?;
    let agreeing = run
        .iter()
        .filter(|it| agrees(nums[it.part].value, sum, nums[it.share].written))
        .count();
    (agreeing * 2 >= run.len()).then_some(whole)
}
