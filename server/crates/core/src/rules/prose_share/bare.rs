//! Shares written without their parts: "从类别看，政策法规类占35%，工作动态类占50%，其他类占20%".

use super::*;

/// How many shares of a paragraph are looked at (a paragraph of thousands stays linear).
const MAX_SHARES: usize = 256;

/// A run of three or more percentages, each after a short name and 占 ("政策法规类占35%") with no count of
/// its own, adding to well over 100 % — or, when the last is a catch-all (其他, 其余), to well under or
/// over: they split one whole, whatever it is. Channels may overlap and are left alone.
pub(super) fn bare_share_sum(text: &str, para_start: usize, nums: &[Number]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut run: Vec<(&Number, &str)> = Vec::new();
    let mut flush = |run: &mut Vec<(&Number, &str)>| {
        out.extend(judge_run(run));
        run.clear();
    };
    for (i, n) in nums.iter().enumerate().take(MAX_SHARES) {
        let previous_end = i.checked_sub(1).map_or(para_start, |j| nums[j].range.end);
        let sentence = sentence_start(text, para_start, n.range.start);
        let from = previous_end.max(sentence).min(n.range.start);
        let lead = &text[from..n.range.start];
        // A count in the same clause makes it the share of that count ("5条，占10%"), another rule's —
        // not after 其中, which makes the count the whole ("共办理1527件，其中予以公开占58.5%").
        let of_a_count = i > 0
            && nums[i - 1].is_count()
            && !lead.contains("其中")
            && previous_end >= sentence
            && !lead.trim_start_matches(['，', ',']).contains(['，', ',']);
        let bare = n.is_percent()
            && !n.approx
            && !of_a_count
            && lead.chars().count() <= 20
            && lead.contains(['占', '佔'])
            && !NOT_SHARE.iter().any(|w| lead.contains(w))
            && !["约", "近", "超过", "以上", "左右"].iter().any(|w| lead.contains(w))
            // a run goes on only from share to share, in one sentence
            && (run.is_empty() || i > 0 && nums[i - 1].is_percent() && previous_end >= sentence);
        if bare {
            run.push((n, lead));
        } else {
            flush(&mut run);
        }
    }
    flush(&mut run);
    out
}

fn judge_run(run: &[(&Number, &str)]) -> Option<Diagnostic> {
    if run.len() < 3 || run.iter().any(|(_, lead)| names_channel(lead)) {
        return None;
    }
    let complete = CATCH_ALL.iter().any(|w| run[run.len() - 1].1.contains(w));
    let shares: Vec<&Number> = run.iter().map(|(n, _)| *n).collect();
    if !off_hundred(&shares, complete) {
        return None;
    }
    Some(sum_finding(None, &shares))
}
