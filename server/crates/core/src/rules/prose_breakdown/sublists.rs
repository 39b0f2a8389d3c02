//! A part's own breakdown inside a list ("机构类信息20条，内有领导成员10条、机构职能4条……；工作类信息11条")
//! and subtotals closing a group of parts ("……其他3条，共发布102条；专题专栏包括……12条，共发布86条"): the
//! list of the total is the parts and the subtotals, not every figure.

use super::*;

/// Words after a part that open its own breakdown ("机构类信息20条，内有领导成员10条、机构职能4条……").
const SUB_OPENERS: &[&str] = &["内有", "内含", "含", "包含", "包括"];
/// Words that open a subtotal closing the parts before it ("……其他3条，共发布102条；专题专栏……").
const SUBTOTAL_WORDS: &[&str] = &[
    "合计",
    "合計",
    "共计",
    "共計",
    "小计",
    "小計",
    "共发布",
    "共發布",
    "共公开",
    "共公開",
    "共有",
];

/// Takes the parts of a part's own breakdown out of the list: the parts after "内有/含/包括" that add up
/// exactly to the part before it, and the parts a subtotal ("共发布102条") adds up exactly, when more
/// parts follow it (a subtotal at the end of the list is dealt with as another total). Parts that do
/// not add up are left as they are. Returns the subtotals kept as parts.
pub(super) fn sublists(
    text: &str,
    numbers: &[Number],
    part_indices: &mut Vec<usize>,
) -> Vec<usize> {
    let lead_of = |k: usize, parts: &[usize]| {
        let from = k.checked_sub(1).map_or(0, |j| numbers[parts[j]].range.end);
        text[from.min(numbers[parts[k]].range.start)..numbers[parts[k]].range.start]
            .trim_start_matches(['，', ',', '、', '；', ';', ' '])
    };
    let mut k = 0;
    while k + 2 < part_indices.len() {
        let head = &numbers[part_indices[k]];
        let opened = SUB_OPENERS
            .iter()
            .any(|w| lead_of(k + 1, part_indices).starts_with(w));
        let mut sum = Decimal::ZERO;
        let end = opened
            .then(|| {
                (k + 1..part_indices.len()).find(|&j| {
                    sum += numbers[part_indices[j]].value;
                    sum >= head.value
                })
            })
            .flatten()
            .filter(|&j| j >= k + 2 && sum == head.value);
        match end {
            Some(j) => {
                part_indices.drain(k + 1..=j);
            }
            None => k += 1,
        }
    }
    let mut subtotals = Vec::new();
    let (mut start, mut k) = (0, 0);
    while k < part_indices.len() {
        let value = numbers[part_indices[k]].value;
        let before: Decimal = part_indices[start..k]
            .iter()
            .map(|&i| numbers[i].value)
            .sum();
        if k >= start + 2
            && before == value
            && SUBTOTAL_WORDS
                .iter()
                .any(|w| lead_of(k, part_indices).starts_with(w))
        {
            if k + 1 == part_indices.len() && start == 0 {
                // The subtotal of the whole list closes it: the parts stand, the sum is not a part.
                part_indices.pop();
                break;
            }
            subtotals.push(part_indices[k]);
            part_indices.drain(start..k);
            start += 1;
            k = start;
        } else {
            k += 1;
        }
    }
    subtotals
}

/// Under a total of what was finished ("已办结144件申请……其中，属于公开范围的55件……结转下年度继续办理7件"),
/// a part carried over is not one of them: it is dropped from the list.
pub(super) fn drop_unfinished(
    text: &str,
    numbers: &[Number],
    total: &Number,
    mark: usize,
    part_indices: &mut Vec<usize>,
) {
    let from = total.range.start.saturating_sub(30);
    let from = (from..total.range.start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(total.range.start);
    let clause = text[from..total.range.start]
        .rsplit(['，', ',', '；', ';', '。'])
        .next()
        .unwrap_or("");
    if !["办结", "辦結", "办理完毕", "答复", "答復"]
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
        !["结转", "結轉", "继续办理", "繼續辦理", "未办结", "尚未"]
            .iter()
            .any(|w| lead.contains(w))
    });
}
