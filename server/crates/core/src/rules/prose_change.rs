//! `prose-change`: "共产生信息1916条，比去年增长694条，增长率47.1%" — a rate of change stated with
//! both of its figures in the same sentence. Last year's figure is this year's minus the increase
//! (plus the decrease), or is written out ("较上年的1222条增长…"); the rate is the change over it, at
//! the precision it is written with (rounded or truncated). Without both figures in the sentence
//! ("同比增长7.5%") there is nothing to check here: the cross-report rules compare with last year's report.

use rust_decimal::{Decimal, RoundingStrategy};

use super::prose_breakdown::sentence_start;
use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::Number;
use crate::semantic::Context;

/// Words that compare with last year.
const LAST_YEAR: &[&str] = &[
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "同比",
    "比上一年",
    "较上一年",
    "同上年相比",
    "与上年相比",
];
const UP: &[&str] = &["增加", "增长", "多", "上升", "提高"];
const DOWN: &[&str] = &["减少", "下降", "降低", "少"];
/// Words before a percentage that make it a rate of change.
const RATE_UP: &[&str] = &["增长", "增幅", "上升", "提高", "增加"];
const RATE_DOWN: &[&str] = &["下降", "降幅", "减少", "降低"];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = cx.text;
    for p in &cx.report.paragraphs {
        let nums = &p.numbers;
        for (i, rate) in nums.iter().enumerate() {
            if !rate.is_percent() || rate.approx || i < 2 {
                continue;
            }
            let sentence = sentence_start(text, p.range.start, rate.range.start);
            let lead = &text[nums[i - 1].range.end..rate.range.start];
            if lead.contains(['；', ';']) || lead.contains('占') || lead.chars().count() > 12 {
                continue;
            }
            let up = RATE_UP.iter().any(|w| lead.contains(w));
            let down = RATE_DOWN.iter().any(|w| lead.contains(w));
            if up == down {
                continue;
            }
            // The change: the count just before the rate, compared with last year.
            let change = &nums[i - 1];
            if !change.is_count() || change.approx || change.range.start < sentence {
                continue;
            }
            let change_lead = &text[nums[i - 2].range.end..change.range.start];
            if !LAST_YEAR.iter().any(|w| change_lead.contains(w)) {
                continue;
            }
            let change_up = UP.iter().any(|w| change_lead.contains(w));
            let change_down = DOWN.iter().any(|w| change_lead.contains(w));
            // "较上年的1310条增长16.3%": the figure is last year's own, not the change.
            let written_out = !change_up && !change_down;
            if !written_out && (change_up == change_down || change_up != up) {
                continue;
            }
            // This year's figure: the count before, of the same unit, in the same sentence.
            let current = &nums[i - 2];
            if current.range.start < sentence
                || current.approx
                || current.unit_key() != change.unit_key()
                || !current.is_count()
            {
                continue;
            }
            let (last, change) = if written_out {
                let last = change;
                let moved = if up {
                    current.value - last.value
                } else {
                    last.value - current.value
                };
                // Growth written for a fall (or the reverse) is not read as this shape.
                if moved <= Decimal::ZERO {
                    continue;
                }
                (last.value, Change::Derived(moved, last))
            } else if up {
                (current.value - change.value, Change::Written(change))
            } else {
                (current.value + change.value, Change::Written(change))
            };
            if last <= Decimal::ZERO {
                continue;
            }
            let exact = change.value() / last * Decimal::ONE_HUNDRED;
            if agrees(exact, rate.written) {
                continue;
            }
            let places = rate.written.scale();
            let computed =
                exact.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
            let (how, related) = match change {
                Change::Written(n) => (
                    format!(
                        "上年 = {} {} {}",
                        current.value,
                        if up { "−" } else { "+" },
                        n.value
                    ),
                    (n.range.clone(), format!("变化 {}", n.value)),
                ),
                Change::Derived(_, n) => (
                    format!(
                        "变化 = {}",
                        if up {
                            format!("{} − {}", current.value, n.value)
                        } else {
                            format!("{} − {}", n.value, current.value)
                        }
                    ),
                    (n.range.clone(), format!("上年 {}", n.value)),
                ),
            };
            out.push(
                diag(
                    Code::ProseChange,
                    rate.range.clone(),
                    format!(
                        "{}率 {}% 与 {} ÷ 上年 {} = {}% 不符（{how}）",
                        if up { "增长" } else { "下降" },
                        rate.written,
                        change.value(),
                        last,
                        exact.round_dp(2).normalize(),
                    ),
                )
                .related(current.range.clone(), format!("本年 {}", current.value))
                .related(related.0, related.1)
                .fix(
                    format!("改为 {computed}%"),
                    rate.digits_range.clone(),
                    computed.to_string(),
                ),
            );
        }
    }
}

/// The change a rate is computed from: written in the sentence ("增加213条"), or derived from last
/// year's figure written out ("较上年的1310条").
enum Change<'a> {
    Written(&'a Number),
    Derived(Decimal, &'a Number),
}

impl Change<'_> {
    fn value(&self) -> Decimal {
        match self {
            Change::Written(n) => n.value,
            Change::Derived(moved, _) => *moved,
        }
    }
}

/// `exact` written as `stated`, rounded or truncated at its precision.
fn agrees(exact: Decimal, stated: Decimal) -> bool {
    let places = stated.scale();
    let ulp = Decimal::new(1, places);
    exact.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero) == stated
        || exact.round_dp_with_strategy(places, RoundingStrategy::ToZero) == stated
        || (exact - stated).abs() <= ulp / Decimal::TWO
}

#[cfg(test)]
mod tests {
    use crate::check::{check_text, Config};

    fn findings(text: &str) -> Vec<String> {
        check_text(text, &Config::default())
            .diagnostics
            .iter()
            .filter(|d| d.code == "prose-change")
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn a_growth_rate_over_the_current_total_instead_of_last_year() {
        let t = "本年度共产生政府信息1916条，比去年增长694条，增长率47.1%。\n";
        assert_eq!(
            findings(t),
            vec!["增长率 47.1% 与 694 ÷ 上年 1222 = 56.79% 不符（上年 = 1916 − 694）"]
        );
    }

    #[test]
    fn rates_that_hold_and_rates_with_nothing_to_check() {
        assert!(findings("其中主动公开信息1883条，比去年增长599条，增长率46.7%。\n").is_empty());
        assert!(findings("全年收到申请90件，比上年减少10件，下降10%。\n").is_empty());
        assert!(findings("全年公开政府信息995845条，较上年增长7.5%。\n").is_empty());
        assert!(findings("全年收到申请130件，申请量同比增长103%。\n").is_empty());
        // a share is no rate of change
        assert!(findings("共受理申请48件，比上年增加8件，其中网上申请24件，占50%。\n").is_empty());
    }

    #[test]
    fn a_decrease() {
        assert_eq!(
            findings("全年收到申请90件，比上年减少10件，下降11%。\n").len(),
            1
        );
    }
}
