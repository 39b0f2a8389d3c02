//! Reading the shares of a paragraph: a percentage whose lead-in says it is a part of a whole, and the
//! count it is the share of.

use super::*;

/// Percentages written as the share of the count just before them, or, after 分别 ("主动公开1150条，
/// 依申请公开50条，分别占95.8%和4.2%"), of the counts before them in order.
pub(super) fn items(text: &str, nums: &[Number]) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, n) in nums.iter().enumerate() {
        if !n.is_percent() || i == 0 {
            continue;
        }
        // "子站信息3357条（机关信息633条、直属单位信息2724条），占15.52%": the share is of the count the
        // bracket explains, not of the last figure inside it.
        let Some(p) = explained(text, nums, i) else {
            continue;
        };
        let part = &nums[p];
        if !part.is_count() || part.approx || n.approx {
            continue;
        }
        // (Words in a bracket are a note on the part: "1条（新增机构职能信息为领导简介），占11.67%"; "2815条
        // （其中目录专栏信息280条），占13.02%".)
        let between = unbracketed(&text[part.range.end..n.range.start]);
        let between = between.as_str();
        // "占总体比例约为47.30%": an approximate share, whatever its digits.
        let approx = said_approximately(between, &text[n.range.end..]);
        // "工作信息20条，财务管理2条，共占24.72%": the share of several parts together; "共办理1527件，其中
        // 予以公开或部分公开占58.5%": a share of the count before, whose part is not written.
        if ["共占", "合计占", "一共占", "共计占", "其中"]
            .iter()
            .any(|w| between.contains(w))
        {
            continue;
        }
        // (“……满意率和……满意率分别达到99.8%和98.5%”: rates, each over the whole, not shares of it.)
        if ["分别", "依次", "各占"].iter().any(|w| between.contains(w)) {
            if !NOT_SHARE.iter().any(|w| between.contains(w)) {
                items.extend(respective(text, nums, i));
            }
            continue;
        }
        // "分别为41条、70条，占36.9%、63.1%": a run of shares after a run of counts pairs them in order.
        if nums
            .get(i + 1)
            .is_some_and(|m| m.is_percent() && joined(text, n, m))
            && !NOT_SHARE.iter().any(|w| between.contains(w))
        {
            let paired = respective(text, nums, i);
            // (The counts written as tightly: "同意公开的788件，……的共158件，分别占已办结946件的83.30%和
            // 16.70%" names its base between.)
            if !paired.is_empty()
                && paired
                    .windows(2)
                    .all(|w| joined(text, &nums[w[0].part], &nums[w[1].part]))
            {
                items.extend(paired);
                continue;
            }
        }
        // Last year's figure and its share ("（上年为56件，占70%）"), and a share of a base the words name
        // that is not the whole ("占政策文件的30%", "占全市网上申请总数的3.2%").
        // (The lead since the figure before, or the start of its clause for the paragraph's first.)
        let part_lead = match p {
            0 => text[..part.range.start]
                .rsplit(['，', ',', '；', ';', '。', '\n'])
                .next()
                .unwrap_or(""),
            // (Within the part's own sentence: "……1245件，均予以答复（包括上一年度数量）。其中，予以公开
            // 307件，占比25%" is this year's.)
            _ => text[nums[p - 1].range.end..part.range.start]
                .rsplit(['。', '！', '？', '!', '?', '；', ';'])
                .next()
                .unwrap_or(""),
        };
        if ["上年", "去年", "上一年", "同期"]
            .iter()
            .any(|w| part_lead.contains(w))
            || other_base(between)
        {
            continue;
        }
        // "咨询类16件（11.5%）": a percentage alone in a bracket right after a count is its share.
        let bare_bracket = matches!(text[part.range.end..n.range.start].trim(), "（" | "(")
            && text[n.range.end..].starts_with(['）', ')']);
        // "6条，占42.9%", "6条（占比42.9%）", "6条，占全部信息的42.9%": short, one clause.
        // A longer lead-in ("16条，主要为……等，占总体的比例为2.8%") when it holds 占 and no figure.
        if !bare_bracket
            && (between.chars().count() > 40
                || (between.chars().count() > 14 && !between.contains(['占', '佔']))
                || between.contains(SENTENCE_END)
                || between.contains(['；', ';'])
                || !SHARE_WORDS.iter().any(|w| between.contains(w))
                || NOT_SHARE.iter().any(|w| between.contains(w)))
        {
            continue;
        }
        items.push(Item {
            part: p,
            share: i,
            approx,
        });
    }
    items
}

/// Whether the words between 占 and the share name a base other than the whole: another area's total, or
/// a kind of the items ("占政策文件的30%") — not 总数, 全部, 总量, 比例, 公开信息, 申请.
fn other_base(between: &str) -> bool {
    let Some(at) = between.find(['占', '佔']) else {
        return false;
    };
    let rest = &between[at + '占'.len_utf8()..];
    let Some(of) = rest.find('的') else {
        return false;
    };
    let base = &rest[..of];
    ["全市", "全省", "全国", "全区", "全县", "全州"]
        .iter()
        .any(|w| base.contains(w))
        || !base.trim().is_empty()
            && ![
                "总", "全", "所有", "比", "本", "信息", "申请", "公开", "数", "量",
            ]
            .iter()
            .any(|w| base.contains(w))
}

/// The figure a share at `i` is of: the one just before it, or, when a bracket closes between them, the
/// figure written right before that bracket opened. None when the bracket explains no figure.
fn explained(text: &str, nums: &[Number], i: usize) -> Option<usize> {
    let last = i - 1;
    let between = &text[nums[last].range.end..nums[i].range.start];
    if !between.contains(['）', ')']) {
        return Some(last);
    }
    // Back from the share to the bracket that is still open at the last figure.
    let mut depth = 0i32;
    let close = text[..nums[i].range.start]
        .char_indices()
        .rev()
        .take(200)
        .find_map(|(at, c)| {
            match c {
                '）' | ')' => depth += 1,
                '（' | '(' => depth -= 1,
                _ => {}
            }
            (depth == 0 && (c == '（' || c == '(')).then_some(at)
        })?;
    let k = nums[..i].iter().rposition(|n| n.range.end <= close)?;
    // (A share inside the bracket has its own part: the one after the bracket is not read back past it.)
    (text[nums[k].range.end..close].trim().is_empty()
        && !nums[k + 1..i].iter().any(Number::is_percent))
    .then_some(k)
}

/// `text` without what stands in brackets.
pub(super) fn unbracketed(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| {
            match c {
                '（' | '(' => depth += 1,
                '）' | ')' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// "A 1150条，B 50条，分别占95.8%和4.2%": the run of percentages from `first` on, joined by 、/和/及,
/// paired in order with as many counts of one unit right before `first`. Nothing when the counts
/// are fewer than the percentages, or the run is not a plain list.
/// Whether two figures are written one after the other in a list ("36.9%、63.1%", "112件和9件").
fn joined(text: &str, a: &Number, b: &Number) -> bool {
    let gap = text_between(text, a, b);
    gap.chars().count() <= 2
        && gap
            .chars()
            .all(|c| c.is_whitespace() || "、和及与，,".contains(c))
}

fn respective(text: &str, nums: &[Number], first: usize) -> Vec<Item> {
    let mut last = first;
    while last + 1 < nums.len()
        && nums[last + 1].is_percent()
        && joined(text, &nums[last], &nums[last + 1])
    {
        last += 1;
    }
    let count = last + 1 - first;
    if nums[first..=last].iter().any(|n| n.approx) || count > first {
        return Vec::new();
    }
    let unit = nums[first - 1].unit_key();
    let parts = first - count..first;
    let plain = nums[parts.clone()]
        .iter()
        .all(|n| n.is_count() && !n.approx && n.unit_key() == unit)
        && nums[parts.clone()].windows(2).all(|w| {
            let gap = text_between(text, &w[0], &w[1]);
            gap.chars().count() <= 24 && !gap.contains(SENTENCE_END) && !gap.contains(['；', ';'])
        });
    if !plain {
        return Vec::new();
    }
    parts
        .zip(first..=last)
        .map(|(part, share)| Item {
            part,
            share,
            approx: false,
        })
        .collect()
}

/// Whether a share is said to be approximate: a word before it ("占总体比例约为47.30%", "将近") in `between`
/// (the words from its part to it), or 左右 right after it in `after`.
pub(crate) fn said_approximately(between: &str, after: &str) -> bool {
    ["约", "大概", "将近", "接近", "近"]
        .iter()
        .any(|w| between.contains(w))
        || after.trim_start().starts_with("左右")
}
