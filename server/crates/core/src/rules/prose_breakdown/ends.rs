//! Where a list of parts ends before its scope does: a figure said besides (另), a clause of another kind
//! (且), a semicolon before a new subject, the total of the next list; and figures among the parts that
//! are outcomes of the whole (a count with its rate over the total), or counted within a figure of another
//! unit ("54期97条").

use super::*;

/// Whether the lead of a figure may say it is no part of the list before: a figure said besides (另, 此外:
/// "……法人或其他组织申请61件，另上年结转申请22件"), or a clause of another kind joined by 且 ("5件属于网络平台
/// 申请，且1件申请信息不属于……": the clause right before the figure). The caller ends the list there only when
/// the parts before make the total: "……信函申请3件，另通过传真申请2件" of 30 is the last part, and "另有3件不予
/// 公开" after 8 of 10 the other ones.
pub(super) fn said_besides(lead: &str) -> bool {
    const SEPARATORS: [char; 5] = ['，', ',', '、', '；', ';'];
    let first = lead.trim_start_matches(SEPARATORS).trim_start();
    let clause = lead.trim_end_matches(SEPARATORS).trim_end();
    let last = clause.rsplit(SEPARATORS).next().unwrap_or("").trim_start();
    ["另", "此外", "且", "并且"]
        .iter()
        .any(|w| first.starts_with(w) || last.starts_with(w))
}

/// A part larger than the total after a semicolon starts a new subject ("服务市重大项目13个，其中省重大
/// 项目3个；召开了7次……审核开通法人空间90个"; "解读信息55条，其中……；收到留言515条"): the list ended at the
/// semicolon before it.
pub(super) fn new_subject(
    text: &str,
    numbers: &[Number],
    mark: usize,
    total: &Number,
    part_indices: &mut Vec<usize>,
) {
    let Some(&big) = part_indices
        .iter()
        .find(|&&i| numbers[i].value > total.value)
    else {
        return;
    };
    let at = numbers[big].range.start;
    if let Some(semicolon) = text[mark.min(at)..at].rfind(['；', ';']) {
        let cut = mark.min(at) + semicolon;
        part_indices.retain(|&i| numbers[i].range.end <= cut);
    }
}

/// Where a list ends at a semicolon: after parts that make up the total ("……信函申请3件；办结27件，同意公开15件"),
/// before parts that name channels after categories, or before a clause of another measure when the parts go over.
pub(super) fn ends_at_semicolon(
    text: &str,
    numbers: &[Number],
    mark: usize,
    total: &Number,
    part_indices: &mut Vec<usize>,
) {
    // The parts before a semicolon that already make up the total end the list: what follows
    // is a new clause ("……信函申请3件；办结27件，同意公开15件").
    // So do categories before a semicolon after which the parts name channels ("……涉及管理的信息4条；
    // 通过政府网站公开信息数389条，通过微信…58条"): the same items counted again by where they went.
    let all: Decimal = part_indices.iter().map(|&i| numbers[i].value).sum();
    let mut running = Decimal::ZERO;
    let mut channels_before = false;
    for (k, &i) in part_indices.iter().enumerate() {
        running += numbers[i].value;
        let from = if k == 0 {
            mark
        } else {
            numbers[part_indices[k - 1]].range.end
        };
        let lead = &text[from.min(numbers[i].range.start)..numbers[i].range.start];
        channels_before |= names_channel(lead);
        let Some(&j) = part_indices.get(k + 1) else {
            break;
        };
        let gap = &text[numbers[i].range.end..numbers[j].range.start];
        let semicolon = gap.contains(['；', ';']);
        let channel_next = gap.contains("通过") || names_channel(gap);
        // …and so do parts that make up the total followed by figures of other measures ("……概况类信息
        // 61条，组织在线访谈24场，征求公众意见2次，发布解读信息2条"): the sentence has moved on.
        let other = |n: &Number| {
            // (件, 条 and 篇 are written for one another: "……421条；制定并发布规范性文件11件；……".)
            let alike = [n.unit_key(), total.unit_key()]
                .iter()
                .all(|u| matches!(u, Some("件" | "条" | "篇")));
            n.is_count() && n.unit_key() != total.unit_key() && !alike
        };
        let other_measures =
            j > i + 1 && !gap.contains(['（', '(']) && numbers[i + 1..j].iter().any(other);
        // (After a semicolon, a figure of another measure in a clause of its own says the same when the
        // parts go over the total: "……省重大项目3个；召开了7次……会议，对11个项目进行了专题预审" — but not
        // one that qualifies the next part, "；公开全县18个部门的预决算信息45条", nor in a list that adds up.)
        let own_clause = numbers[i + 1..j]
            .iter()
            .rev()
            .find(|n| other(n))
            .is_some_and(|n| {
                text[n.range.end..numbers[j].range.start].contains(['，', ',', '；', ';'])
            });
        let made = running == total.value;
        if semicolon
            && (made
                || other_measures && own_clause && all > total.value
                || k >= 1 && !channels_before && channel_next)
            || other_measures && k >= 1 && made
        {
            part_indices.truncate(k + 1);
            break;
        }
    }
}

/// "……17件，其中……8件、……9件，区政府办公室处理……13件，其中……": a last figure right before the next 其中
/// (at `end`) is the total of that list when the parts before it make up the total, when it is counted
/// in the words the total is ("……处理政府信息公开申请"), or when it is what was done, after a semicolon.
pub(super) fn next_lists_total(
    text: &str,
    numbers: &[Number],
    end: usize,
    total: &Number,
    part_indices: &mut Vec<usize>,
) {
    let [head @ .., last] = &part_indices[..] else {
        return;
    };
    let last = *last;
    let gap = text[numbers[last].range.end.min(end)..end].trim_matches(['，', ',', ' ']);
    if gap.is_empty()
        && text[end..].starts_with("其中")
        && (head.iter().map(|&k| numbers[k].value).sum::<Decimal>() == total.value
            || counted_alike(text, numbers, last, total)
            // (…or says what was done with the total, in a clause of its own after a semicolon: "其中网上申请
            // 16件，占80%；办结18件，其中……" — not "……；工作类信息11条，其中", the next part with its own list.)
            || last.checked_sub(1).is_some_and(|j| {
                let lead = &text[numbers[j].range.end..numbers[last].range.start];
                lead.contains(['；', ';'])
                    && ["办结", "答复", "回复", "受理", "处理", "办理"]
                        .iter()
                        .any(|w| lead.contains(w))
            }))
    {
        part_indices.pop();
    }
}

/// "共提交提案187件，其中会后17件，经审查立案175件，立案率93.6%": whether figure `k` is followed by a rate
/// (…率 N%) that is it over `total`, to the rate's precision.
pub(super) fn rate_of_total(text: &str, numbers: &[Number], k: usize, total: &Number) -> bool {
    let Some(rate) = numbers.get(k + 1).filter(|r| r.is_percent() && !r.approx) else {
        return false;
    };
    let between = &text[numbers[k].range.end.min(rate.range.start)..rate.range.start];
    between.contains('率') && between.chars().count() <= 12 && is_rate_of(&numbers[k], total, rate)
}

/// "其中对办理工作满意的526件，对办理结果满意的有519件，……满意率和……满意率分别达到99.8%和98.5%": the last
/// parts, each followed in order by a rate over the total (after 分别), are outcomes of the whole: dropped.
pub(super) fn respective_rates(
    text: &str,
    numbers: &[Number],
    total: &Number,
    parts: &mut Vec<usize>,
) {
    let Some(&last) = parts.last() else {
        return;
    };
    let first = last + 1;
    let Some(rate) = numbers.get(first).filter(|r| r.is_percent()) else {
        return;
    };
    let lead = &text[numbers[last].range.end.min(rate.range.start)..rate.range.start];
    if !lead.contains('率') || !lead.contains("分别") || lead.chars().count() > 40 {
        return;
    }
    let mut end = first + 1;
    while end < numbers.len()
        && numbers[end].is_percent()
        && text[numbers[end - 1].range.end..numbers[end].range.start]
            .chars()
            .all(|c| c.is_whitespace() || "、和及与，,".contains(c))
    {
        end += 1;
    }
    let rates = &numbers[first..end];
    if rates.len() > parts.len() {
        return;
    }
    let tail = &parts[parts.len() - rates.len()..];
    if tail
        .iter()
        .zip(rates)
        .all(|(&k, rate)| !rate.approx && is_rate_of(&numbers[k], total, rate))
    {
        parts.truncate(parts.len() - rates.len());
    }
}

/// Whether `rate` (a rate or a share) is `part` over `total`, to its precision: rounded (within half a
/// unit of the last place) or truncated.
pub(super) fn is_rate_of(part: &Number, total: &Number, rate: &Number) -> bool {
    if total.value.is_zero() {
        return false;
    }
    let exact = part.value * Decimal::ONE_HUNDRED / total.value;
    let off = exact - rate.written;
    let unit = Decimal::new(1, rate.written.scale());
    off.abs() * Decimal::TWO <= unit || (off >= Decimal::ZERO && off < unit)
}

/// Whether the words right before figure `k` end as those right before `total` do, four characters at
/// least ("区政府办公室处理政府信息公开申请13件" beside "区政府处理政府信息公开申请17件").
fn counted_alike(text: &str, numbers: &[Number], k: usize, total: &Number) -> bool {
    let lead_of = |n: &Number| {
        let k = numbers.partition_point(|m| m.range.start < n.range.start);
        let from = k.checked_sub(1).map_or(0, |j| numbers[j].range.end);
        text[from.min(n.range.start)..n.range.start]
            .rsplit(['，', ',', '；', ';', '。', '、', '：', ':'])
            .next()
            .unwrap_or("")
    };
    let (a, b) = (lead_of(&numbers[k]), lead_of(total));
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
        >= 4
}

/// "其中主动公开文件753条，全文电子化主动公开753条，……依申请公开文件518条": a part whose own clause says how
/// many of the items are in full electronic text counts the part before it again, by a property, not a kind.
pub(super) fn electronic_copies(text: &str, numbers: &[Number], mark: usize, k: usize) -> bool {
    let from = if k == 0 {
        mark
    } else {
        numbers[k - 1].range.end.max(mark)
    };
    let lead = &text[from.min(numbers[k].range.start)..numbers[k].range.start];
    let clause = lead
        .trim_end()
        .rsplit(['，', ',', '、', '；', ';', '。'])
        .next()
        .unwrap_or("");
    ["电子化"].iter().any(|w| clause.contains(w))
}

/// Whether a part is written right after a count of another unit ("54期97条"): its figure counts within
/// that one ("97 items in 54 issues").
pub(super) fn after_other_count(text: &str, part: &Number, total: &Number) -> bool {
    // (Spaces may stand around the figures: "54 期 97 条".)
    let mut before = text[..part.range.start]
        .chars()
        .rev()
        .filter(|c| !c.is_whitespace());
    let Some(unit) = before.next() else {
        return false;
    };
    !unit.is_ascii_digit()
        && !"，,、；;。：:（）()“”".contains(unit)
        && total.unit_key().is_none_or(|u| !u.contains(unit))
        && before.next().is_some_and(|c| c.is_ascii_digit())
}
