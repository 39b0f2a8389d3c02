//! `prose-change`: "共产生信息1916条，比去年增长694条，增长率47.1%" — a rate of change stated with
//! both of its figures. Last year's figure is this year's minus the increase (plus the decrease), or is
//! written out ("较上年的1222条增长…", "比上年的36件增加9件，增长20%", "同比下降12.5%（2014年为32件）");
//! the rate is the change over it, at the precision it is written with (rounded or truncated). Without
//! both figures ("同比增长7.5%") there is nothing to check here: the cross-report rules compare with last
//! year's report.

use std::ops::Range;

use rust_decimal::{Decimal, RoundingStrategy};

use super::prose_breakdown::sentence_start;
use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::Number;
use crate::semantic::Context;

/// Words that compare with last year (traditional forms too: pages converted by a site's 繁简 switch).
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
/// Words that make a figure named with last year one carried over into this year ("46件(含上年度结转1件)"),
/// not last year's own.
const CARRIED: &[&str] = &["结转", "结余", "转入"];
/// Words in a bracket after a rate that give last year's figure ("（2014年为32件）", "（上年为32件）").
const LAST_YEAR_IN_BRACKET: &[&str] = &["上年", "去年", "上一年", "年为", "同期"];

/// A rate of change being read: the figures of its paragraph, its index among them, where its sentence
/// starts and which way it says the figure moved.
struct At<'a> {
    text: &'a str,
    nums: &'a [Number],
    i: usize,
    sentence: usize,
    up: bool,
}

impl<'a> At<'a> {
    fn parts(&self) -> (&'a str, &'a [Number], usize, usize, bool) {
        (self.text, self.nums, self.i, self.sentence, self.up)
    }
}

/// A rate with the figures it is computed from.
struct Reading<'a> {
    current: &'a Number,
    last: Decimal,
    change: Decimal,
    /// How last year's figure or the change was found, for the message.
    how: String,
    /// The other figure the rate rests on, with its label.
    other: (Range<usize>, String),
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = cx.plain();
    for p in &cx.report.paragraphs {
        let nums = &p.numbers;
        for (i, rate) in nums.iter().enumerate() {
            if !rate.is_percent() || rate.approx || i < 1 {
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
            let at = At {
                text,
                nums,
                i,
                sentence,
                up,
            };
            let reading = change_written(&at)
                .or_else(|| last_year_and_change(&at))
                .or_else(|| last_year_before_rate(&at))
                .or_else(|| from_last_to_this(&at))
                .or_else(|| last_year_in_bracket(&at, p.range.end))
                .or_else(|| last_year_bracketed_before(&at));
            let Some(r) = reading else {
                continue;
            };
            // (A change of nothing is read: any rate but 0 % is then wrong.)
            if r.last <= Decimal::ZERO || r.change < Decimal::ZERO {
                continue;
            }
            let exact = r.change / r.last * Decimal::ONE_HUNDRED;
            if agrees(exact, rate.written) {
                continue;
            }
            let places = rate.written.scale();
            let computed =
                exact.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
            out.push(
                diag(
                    Code::ProseChange,
                    rate.range.clone(),
                    format!(
                        "{}率 {}% 与 {} ÷ 上年 {} = {}% 不符（{}）",
                        if up { "增长" } else { "下降" },
                        rate.written,
                        r.change,
                        r.last,
                        exact.round_dp(2).normalize(),
                        r.how
                    ),
                )
                .related(r.current.range.clone(), format!("本年 {}", r.current.value))
                .related(r.other.0, r.other.1)
                .fix(
                    format!("改为 {computed}%"),
                    rate.digits_range.clone(),
                    computed.to_string(),
                ),
            );
        }
    }
}

/// Whether `n` is an exact count of `unit` that starts in the sentence.
fn usable(n: &Number, sentence: usize, unit: Option<&str>) -> bool {
    n.is_count() && !n.approx && n.range.start >= sentence && n.unit_key() == unit
}

/// The direction a lead-in says a figure moved: Some(true) up, Some(false) down, None neither or both.
fn direction(lead: &str) -> Option<bool> {
    let up = UP.iter().any(|w| lead.contains(w));
    let down = DOWN.iter().any(|w| lead.contains(w));
    (up != down).then_some(up)
}

/// "本年度共产生政府信息1916条，比去年增长694条，增长率47.1%" (the change written, compared with last
/// year), or "较上年的1310条增长16.3%" (last year's figure written where the change would be).
fn change_written<'a>(at: &At<'a>) -> Option<Reading<'a>> {
    let (text, nums, i, sentence, up) = at.parts();
    let change = &nums[i - 1];
    let mut current = figure_before(text, nums, i - 1)?;
    if !usable(change, sentence, change.unit_key()) || !usable(current, sentence, change.unit_key())
    {
        return None;
    }
    let change_lead = &text[current.range.end..change.range.start];
    if !names_last_year(change_lead) {
        return None;
    }
    // "全省收到申请1192件，上年为854件，比上年多338件，增长39.6%" (also "（上年30件）", "上一年度31起",
    // "（2022年为31起）"): the figure before the change is last year's own, the base of the rate.
    if last_years_own(text, current, sentence) {
        return (direction(change_lead) == Some(up)).then(|| Reading {
            current,
            last: current.value,
            change: change.value,
            how: format!("上年写作 {}", current.value),
            other: (change.range.clone(), format!("变化 {}", change.value)),
        });
    }
    // "全省收到申请1192件，其中网上申请677件，申请总量比上年增加338件": the change of the total, the
    // sentence's first count of the unit, not of the part before it.
    if ["总量", "总数", "申请量", "总计"]
        .iter()
        .any(|w| change_lead.contains(w))
    {
        current = nums[..i - 1]
            .iter()
            .find(|n| usable(n, sentence, change.unit_key()))?;
    }
    match direction(change_lead) {
        Some(d) if d == up => {
            let last = if up {
                current.value - change.value
            } else {
                current.value + change.value
            };
            Some(Reading {
                current,
                last,
                change: change.value,
                how: format!(
                    "上年 = {} {} {}",
                    current.value,
                    if up { "−" } else { "+" },
                    change.value
                ),
                other: (change.range.clone(), format!("变化 {}", change.value)),
            })
        }
        Some(_) => None,
        // "较上年的1310条增长16.3%": the figure is last year's own, not the change.
        None => written_out(current, change, up),
    }
}

/// The figure before figure `k`, over the years and dates written between ("比2022年的64件": the year is a
/// figure of its own).
fn figure_before<'a>(text: &str, nums: &'a [Number], k: usize) -> Option<&'a Number> {
    nums[..k].iter().rev().find(|n| {
        !(matches!(n.unit_key(), Some("年" | "月" | "日"))
            || n.unit.is_none() && text[n.range.end..].starts_with(['年', '月', '日']))
    })
}

/// Whether the words between this year's figure and the next say the next is last year's own ("，上年为",
/// "（去年同期", "，2022年为"), not a change of it.
fn says_last_year(between: &str) -> bool {
    let words = between.trim_start_matches(['，', ',', '（', '(', ' ']);
    ["上年", "去年", "上一年", "同期"]
        .iter()
        .any(|w| words.contains(w))
        && direction(words).is_none()
        && !CARRIED.iter().any(|w| words.contains(w))
        || starts_with_year(words) && words.ends_with('为')
}

/// Whether `s` opens with a year written in four digits ("2022年…").
fn starts_with_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && s[4..].starts_with('年')
}

/// Whether a lead-in compares with last year: a [`LAST_YEAR`] word, or a year after 比/较/与 ("比2022年的64件").
fn names_last_year(lead: &str) -> bool {
    LAST_YEAR.iter().any(|w| lead.contains(w))
        || ["比", "较", "与"].iter().any(|w| {
            lead.match_indices(w)
                .any(|(at, _)| starts_with_year(&lead[at + w.len()..]))
        })
}

/// The two counts before the rate (over the years between them), of one unit, both in its sentence.
fn two_before<'a>(at: &At<'a>) -> Option<(&'a Number, &'a Number)> {
    let (text, nums, i, sentence, _) = at.parts();
    let later = &nums[i - 1];
    let earlier = figure_before(text, nums, i - 1)?;
    let unit = later.unit_key();
    (usable(later, sentence, unit) && usable(earlier, sentence, unit)).then_some((earlier, later))
}

/// "2023年主动公开信息512条，2022年为468条，增长9.4%": last year's own figure right before the rate, this
/// year's the count before it.
fn last_year_before_rate<'a>(at: &At<'a>) -> Option<Reading<'a>> {
    let (text, nums, i, _, up) = at.parts();
    let (current, last) = two_before(at)?;
    let between = &text[current.range.end..last.range.start];
    // (The clause right after this year's figure; not rates said of several pairs in turn, "……2件（上年5件）
    // 和……7件（上年8件），同比分别下降60%和12.5%".)
    if between.chars().count() > 12
        || !says_last_year(between)
        || text[last.range.end..nums[i].range.start].contains("分别")
    {
        return None;
    }
    written_out(current, last, up)
}

/// "申请量由上年的215件下降到今年的172件，降幅20%", "由31件增加到45件，增长45.2%": from last year's figure
/// to this year's, then the rate.
fn from_last_to_this<'a>(at: &At<'a>) -> Option<Reading<'a>> {
    let (text, _, _, sentence, up) = at.parts();
    let (last, current) = two_before(at)?;
    let from = text[sentence.min(last.range.start)..last.range.start]
        .rsplit(['，', ',', '；', ';'])
        .next()
        .unwrap_or("");
    let to = &text[last.range.end..current.range.start];
    let from_ok = from.contains('由') || from.contains("从");
    let to_ok = to.chars().count() <= 10
        && ["到", "至"].iter().any(|w| to.contains(w))
        && !to.contains(['，', ',', '；', ';']);
    (from_ok && to_ok).then(|| written_out(current, last, up))?
}

/// Whether the words right before `n` (in its clause) say it is last year's: "上年为854件",
/// "（上年30件）", "上一年度31起", "去年同期1284条", "（2022年为31起）".
fn last_years_own(text: &str, n: &Number, sentence: usize) -> bool {
    // (From the sentence's start: a year may be a figure of its own.)
    let clause = text[sentence.min(n.range.start)..n.range.start]
        .rsplit(['，', ',', '；', ';', '（', '('])
        .next()
        .unwrap_or("");
    // (Not what was carried over from last year into this one: "46件(含上年度结转1件)".)
    ["上年", "去年", "上一年", "同期"]
        .iter()
        .any(|w| clause.contains(w))
        && !LAST_YEAR.iter().any(|w| clause.contains(w))
        && !CARRIED.iter().any(|w| clause.contains(w))
        || starts_with_year(clause) && clause.ends_with('为')
}

/// This year's and last year's figures both written: the change is their difference, in the direction
/// the rate says (growth written for a fall is not read as this shape).
fn written_out<'a>(current: &'a Number, last: &Number, up: bool) -> Option<Reading<'a>> {
    let moved = if up {
        current.value - last.value
    } else {
        last.value - current.value
    };
    // (No move at all is read too: "信访8073起，同比2016年的8073起上升27%" says a change the figures do not.)
    (moved >= Decimal::ZERO).then(|| Reading {
        current,
        last: last.value,
        change: moved,
        how: format!(
            "变化 = {}",
            if up {
                format!("{} − {}", current.value, last.value)
            } else {
                format!("{} − {}", last.value, current.value)
            }
        ),
        other: (last.range.clone(), format!("上年 {}", last.value)),
    })
}

/// "共收到申请45件，比上年的36件增加9件，增长20%": last year's figure and the change both written; the
/// rate is the change over last year's figure.
fn last_year_and_change<'a>(at: &At<'a>) -> Option<Reading<'a>> {
    let (text, nums, i, sentence, up) = at.parts();
    let change = &nums[i - 1];
    let k = i.checked_sub(2)?;
    let last = nums.get(k)?;
    let current = figure_before(text, nums, k)?;
    let unit = change.unit_key();
    if !usable(change, sentence, unit)
        || !usable(last, sentence, unit)
        || !usable(current, sentence, unit)
    {
        return None;
    }
    let last_lead = &text[current.range.end..last.range.start];
    let change_lead = &text[last.range.end..change.range.start];
    if !(names_last_year(last_lead) || says_last_year(last_lead))
        || direction(last_lead).is_some()
        || direction(change_lead) != Some(up)
        || change_lead.chars().count() > 6
    {
        return None;
    }
    Some(Reading {
        current,
        last: last.value,
        change: change.value,
        how: format!("上年写作 {}", last.value),
        other: (last.range.clone(), format!("上年 {}", last.value)),
    })
}

/// "共收到申请28件，同比下降12.5%（2014年为32件）": last year's figure in a bracket right after the rate,
/// this year's the count before the rate.
fn last_year_in_bracket<'a>(at: &At<'a>, para_end: usize) -> Option<Reading<'a>> {
    let (text, nums, i, sentence, up) = at.parts();
    let current = &nums[i - 1];
    let rate = &nums[i];
    if !usable(current, sentence, current.unit_key()) {
        return None;
    }
    let after = &text[rate.range.end..para_end];
    let inside = after.strip_prefix(['（', '('])?;
    let close = inside.find(['）', ')'])?;
    let bracket_end = rate.range.end + (after.len() - inside.len()) + close;
    let last = nums[i + 1..]
        .iter()
        .take_while(|n| n.range.start < bracket_end)
        .find(|n| n.is_count() && n.unit_key() == current.unit_key() && !n.approx)?;
    let lead = &text[rate.range.end..last.range.start];
    if !LAST_YEAR_IN_BRACKET.iter().any(|w| lead.contains(w)) {
        return None;
    }
    written_out(current, last, up)
}

/// "共收到政府信息公开申请44件（2015年为30件），同比增长46.7%": last year's figure in a bracket right after
/// this year's (or after the words it counts: "受理36件政府信息公开申请（2022年为31件）"), the rate after it.
fn last_year_bracketed_before<'a>(at: &At<'a>) -> Option<Reading<'a>> {
    let (text, nums, i, sentence, up) = at.parts();
    let last = &nums[i - 1];
    let unit = last.unit_key();
    // (A year in the bracket may be a figure of its own: the count before it of the same unit.)
    let current = nums[..i - 1].iter().rev().find(|n| n.unit_key() == unit)?;
    if !usable(last, sentence, unit) || !usable(current, sentence, unit) {
        return None;
    }
    let (before, _) = text[current.range.end..last.range.start].split_once(['（', '('])?;
    if before.contains(['，', ',', '；', ';', '、', '：', ':']) || before.chars().count() > 12 {
        return None;
    }
    // (Not rates said of several pairs in turn: "……2件（上年5件）和……7件（上年8件），同比分别下降60%和12.5%".)
    let after = &text[last.range.end..nums[i].range.start];
    let closes = after.trim_start().starts_with(['）', ')']) && !after.contains("分别");
    (closes && last_years_own(text, last, sentence)).then(|| written_out(current, last, up))?
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
    fn findings(text: &str) -> Vec<String> {
        crate::rules::messages(text, "prose-change")
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
        // Traditional characters (a site's 繁简 switch): 60 − 12 = 48, 12 ÷ 48 = 25 %.
        assert_eq!(
            findings("全年收到政府信息公开申請60件，比上年增加12件，增長20%。\n").len(),
            1
        );
        assert!(findings("全年收到政府信息公开申請60件，比上年增加12件，增長25%。\n").is_empty());
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
