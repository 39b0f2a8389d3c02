//! Shares of a whole the report never states ("在主动公开的信息中，行政职责类信息14条，占总体的比例为60.9%；
//! 业务动态类信息9条，占总体的比例为43.1%"): when every share but one agrees with its part over the sum of
//! the parts, that sum is the whole the shares were computed from, and the one that does not is a slip.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{agrees, evened_note, Item, SENTENCE_END};
use crate::diagnostic::Diagnostic;
use crate::model::Number;
use crate::rules::{diag, Code};

/// Checks a run of shares no stated count is the whole of, against the sum of their parts.
pub(super) fn unstated_whole(text: &str, nums: &[Number], run: &[&Item]) -> Option<Diagnostic> {
    if run.len() < 2 || run.iter().any(|it| it.approx || nums[it.part].approx) {
        return None;
    }
    // (One sentence: shares said in different sentences may be of different wholes.)
    let (first, last) = (&nums[run[0].part], &nums[run[run.len() - 1].share]);
    if text[first.range.start..last.range.start].contains(SENTENCE_END) {
        return None;
    }
    let sum = run
        .iter()
        .try_fold(Decimal::ZERO, |s, it| s.checked_add(nums[it.part].value))?;
    if sum.is_zero() {
        return None;
    }
    let (agreeing, wrong): (Vec<&&Item>, Vec<&&Item>) = run
        .iter()
        .partition(|it| agrees(nums[it.part].value, sum, nums[it.share].written));
    // The sum is the whole when the agreeing shares pin it down: one at least written so precisely that
    // a whole 1 % larger or smaller would not give it (60.9 % does; 0.1 % or 27 % do not), and two at
    // least unless the run is a pair.
    let precise = |it: &&&Item| {
        let share = nums[it.share].written;
        Decimal::new(1, share.scale()) * Decimal::ONE_HUNDRED <= share
    };
    let sure = agreeing.iter().any(precise) && (agreeing.len() >= 2 || run.len() == 2);
    let [slip] = wrong[..] else {
        return None;
    };
    if !sure {
        return None;
    }
    let (part, share) = (&nums[slip.part], &nums[slip.share]);
    let places = share.written.scale();
    let exact = part.value / sum * Decimal::ONE_HUNDRED;
    let computed = exact.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    // (Figures as written: "813.93万 ÷ 842.13万", not in units.)
    let magnitude = nums[run[0].part].magnitude.as_deref();
    let alike = run
        .iter()
        .all(|it| nums[it.part].magnitude.as_deref() == magnitude);
    let shown = |n: &Number| match (&n.magnitude, alike) {
        (Some(m), true) => format!("{}{m}", n.written),
        _ => n.value.normalize().to_string(),
    };
    let whole = match (magnitude, alike) {
        (Some(m), true) => {
            let written: Decimal = run.iter().map(|it| nums[it.part].written).sum();
            format!("{written}{m}")
        }
        _ => sum.normalize().to_string(),
    };
    let parts: Vec<String> = run.iter().map(|it| shown(&nums[it.part])).collect();
    let mut d = diag(
        Code::ProseShare,
        share.range.clone(),
        format!(
            "占比 {}% 与 {} ÷ {} = {}% 不符（未写总数；按各项之和 {} = {} 计算，其余各项的占比都与之相符）",
            share.written,
            shown(part),
            whole,
            exact
                .round_dp(if places >= 2 { places + 2 } else { 2 })
                .normalize(),
            parts.join("+"),
            whole,
        ),
    )
    .related(part.range.clone(), format!("分项 {}", shown(part)))
    .fix(
        format!("改为 {computed}%"),
        share.digits_range.clone(),
        computed.to_string(),
    );
    // Moved by one unit of its last place so that the shares make exactly 100 %: a note, as for a stated
    // whole.
    let shares: Decimal = run.iter().map(|it| nums[it.share].written).sum();
    if shares == Decimal::ONE_HUNDRED && (exact - share.written).abs() <= Decimal::new(1, places) {
        evened_note(&mut d);
    }
    Some(d)
}
