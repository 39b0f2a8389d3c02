//! A part's own breakdown inside a list ("机构类信息20条，内有领导成员10条、机构职能4条……；工作类信息11条")
//! and subtotals closing a group of parts ("……其他3条，共发布102条；专题专栏包括……12条，共发布86条"): the
//! list of the total is the parts and the subtotals, not every figure.

use super::*;

/// Words after a part that open its own breakdown ("机构类信息20条，内有领导成员10条、机构职能4条……").
const SUB_OPENERS: &[&str] = &["内有", "内含", "含", "包含", "包括", "具体为"];
/// Words that open a subtotal closing the parts before it ("……其他3条，共发布102条；专题专栏……").
const SUBTOTAL_WORDS: &[&str] = &["合计", "共计", "小计", "共发布", "共公开", "共有"];

/// Takes the parts of a part's own breakdown out of the list: the parts after "内有/含/包括" that add up
/// exactly to the part before it, and the parts a subtotal ("共发布102条") adds up exactly, when more
/// parts follow it (a subtotal at the end of the list is dealt with as another total). Parts that do
/// not add up are left as they are. Returns the subtotals kept as parts.
pub(super) fn sublists(
    text: &str,
    numbers: &[Number],
    part_indices: &mut Vec<usize>,
) -> Vec<usize> {
    // The words before each part, since the part before it in the list as collected.
    let original = part_indices.clone();
    let lead = |k: usize| {
        let from = k
            .checked_sub(1)
            .map_or(0, |j| numbers[original[j]].range.end);
        text[from.min(numbers[original[k]].range.start)..numbers[original[k]].range.start]
            .trim_start_matches(['，', ',', '、', '；', ';', ' '])
    };
    let value = |k: usize| numbers[original[k]].value;
    // Positions in `original` kept after the sub-lists are taken out (each looked at once; a sub-list
    // is looked for over a bounded number of parts, so a list of thousands stays linear).
    let mut kept: Vec<usize> = Vec::with_capacity(original.len());
    let mut k = 0;
    while k < original.len() {
        kept.push(k);
        let opened =
            k + 2 < original.len() && SUB_OPENERS.iter().any(|w| lead(k + 1).starts_with(w));
        let mut sum = Decimal::ZERO;
        let end = opened
            .then(|| {
                (k + 1..original.len()).take(MAX_SUB_PARTS).find(|&j| {
                    sum += value(j);
                    sum >= value(k)
                })
            })
            .flatten()
            .filter(|&j| j >= k + 2 && sum == value(k));
        k = end.map_or(k + 1, |j| j + 1);
    }
    // Subtotals: a running sum of the group since the last one.
    let mut out: Vec<usize> = Vec::with_capacity(kept.len());
    let mut subtotals = Vec::new();
    let (mut start, mut sum) = (0usize, Decimal::ZERO);
    for (n, &k) in kept.iter().enumerate() {
        let closes = out.len() >= start + 2
            && sum == value(k)
            && SUBTOTAL_WORDS.iter().any(|w| lead(k).starts_with(w));
        if closes && n + 1 == kept.len() && start == 0 {
            // The subtotal of the whole list closes it: the parts stand, the sum is not a part.
            break;
        }
        if closes {
            out.truncate(start);
            subtotals.push(original[k]);
            out.push(k);
            start = out.len();
            sum = Decimal::ZERO;
        } else {
            out.push(k);
            sum += value(k);
        }
    }
    *part_indices = out.into_iter().map(|k| original[k]).collect();
    subtotals
}

/// How many parts after a part its own breakdown is looked for in.
const MAX_SUB_PARTS: usize = 64;

/// Under a total of what was finished ("已办结144件申请……其中，属于公开范围的55件……结转下年度继续办理7件"),
/// a part carried over is not one of them: it is dropped from the list.
pub(super) fn drop_unfinished(
    text: &str,
    numbers: &[Number],
    total: &Number,
    mark: usize,
    part_indices: &mut Vec<usize>,
) {
    let clause = clause_before(text, total.range.start, 30, |c| "，,；;。".contains(c));
    if !["办结", "办理完毕", "答复"]
        .iter()
        .any(|w| clause.contains(w))
    {
        return;
    }
    let mut previous_end = mark;
    part_indices.retain(|&i| {
        let n = &numbers[i];
        let lead = &text[previous_end.min(n.range.start)..n.range.start];
        previous_end = n.range.end;
        !["结转", "继续办理", "未办结", "尚未"]
            .iter()
            .any(|w| lead.contains(w))
    });
}
