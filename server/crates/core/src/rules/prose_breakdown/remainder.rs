//! “剩余”: "共办理申请74件，办结71件，剩余3件结转下一年度处理" — the remainder of a total after a part is what
//! the words say it is, whatever else the year brought (a carry-over from last year is inside the total
//! the remainder is taken from), so the three figures must agree: 74 − 71 = 3.

use super::*;

/// Words that make a figure what is left of the figure two before it after the one just before.
const REMAINDER: &[&str] = &["剩余", "剩下", "余下"];

/// Every "T…，A…，剩余R…" of the paragraph (T, A, R counts of one unit, T named as a total with 共/合计…
/// or as what was received or handled, A in the same sentence or opening the next one) with T − A ≠ R.
pub(super) fn remainders(text: &str, para: &Para, out: &mut Vec<Diagnostic>) {
    let numbers: &[Number] = &para.numbers;
    for k in 2..numbers.len() {
        let (total, done, rest) = (&numbers[k - 2], &numbers[k - 1], &numbers[k]);
        let lead = &text[done.range.end..rest.range.start];
        // "剩余" right after the part's clause: "，剩余3件", "；剩余的3件".
        let Some(at) = lead.rfind(['，', ',', '；', ';']) else {
            continue;
        };
        let clause = &lead[at..];
        if !REMAINDER.iter().any(|w| clause.contains(w)) || clause.chars().count() > 6 {
            continue;
        }
        let unit = total.unit_key();
        if [done, rest].iter().any(|n| n.unit_key() != unit)
            || !total.is_count()
            || [total, done, rest].iter().any(|n| n.approx)
        {
            continue;
        }
        // The part is in the total's sentence, or opens the next one.
        let between = &text[total.range.end..done.range.start];
        let ends = between.matches(SENTENCE_END).count();
        let total_lead = &text[para.sentence_start(total.range.start)..total.range.start];
        let named = TOTAL_WORDS.iter().any(|w| total_lead.contains(w))
            || ["收到", "受理", "办理", "处理"]
                .iter()
                .any(|w| total_lead.contains(w));
        let opens_next = ends == 1
            && text[para.sentence_start(done.range.start)..done.range.start]
                .chars()
                .count()
                <= 12;
        // A figure inside a clause that says what the total holds ("共办理申请69件，含上年结转的3件，办结68件，
        // 剩余1件") is part of it, not the total; nor is a figure smaller than the part.
        let clause = total_lead
            .rsplit(['，', ',', '；', ';'])
            .next()
            .unwrap_or(total_lead)
            .trim_start();
        let subset = ["含", "其中", "包括", "包含", "内有"]
            .iter()
            .any(|w| clause.starts_with(w));
        if ends > 1
            || (ends == 1 && !opens_next)
            || !named
            || subset
            || total.value < done.value
            || compares(between)
            || compares(total_lead)
        {
            continue;
        }
        if total.value - done.value == rest.value {
            continue;
        }
        out.push(
            diag(
                Code::ProseBreakdown,
                rest.range.clone(),
                format!(
                    "剩余 {} 与 {} − {} = {} 不符",
                    rest.value,
                    total.value,
                    done.value,
                    total.value - done.value
                ),
            )
            .related(total.range.clone(), format!("总数 {}", total.value))
            .related(done.range.clone(), format!("分项 {}", done.value)),
        );
    }
}
