//! Lists that fall short of their total without being wrong: what is missing is counted in another unit,
//! the words around the total say the list names only some kinds, or the page was cut where the list would
//! go on.

use super::*;

/// Whether what the parts fall short of is a figure of the list counted in another unit ("……人事信息45条、
/// 征集调查16期、其他类信息1141条" under 2698条), or written without one: that part belongs to the list too.
pub(super) fn shortfall_in_other_unit(
    para: &Para,
    mark: usize,
    end: usize,
    total: &Number,
    parts: &[&Number],
) -> bool {
    let sum: Decimal = parts.iter().map(|n| n.value).sum();
    if sum >= total.value {
        return false;
    }
    let from = para.numbers.partition_point(|n| n.range.start < mark);
    let to = para.ending_by(end).max(from);
    let gap = total.value - sum;
    let others = para.numbers[from..to]
        .iter()
        .filter(|n| n.is_count() && n.unit_key() != total.unit_key());
    // One such figure, or some of them together ("……规范性文件5件、政策解读16件、其他文件35件……要闻384条……",
    // "……解读信息共90条，征集调查11期，在线访谈2期，以及……其他信息2027条" under 2130条); together, only
    // counts written for one another, not measures ("访问量176万余次", "50人次").
    let together: Vec<Decimal> = others
        .clone()
        .filter(|n| !n.approx && !matches!(n.unit_key(), Some("次" | "人次" | "人")))
        .map(|n| n.value)
        .take(OTHER_UNIT_PARTS)
        .collect();
    // …or a figure that lost its unit on the page ("公示公告56政务信息工作情况21条": 56 is the part).
    let unit_lost = |n: &&Number| n.unit.is_none() && n.magnitude.is_none() && n.value.scale() == 0;
    others.clone().any(|n| n.value == gap)
        || para.numbers[from..to]
            .iter()
            .filter(unit_lost)
            .any(|n| n.value == gap)
        || (1u32..1 << together.len()).any(|mask| {
            let mut picked = together
                .iter()
                .enumerate()
                .filter(|(k, _)| mask & (1 << k) != 0);
            picked.try_fold(Decimal::ZERO, |s, (_, v)| Some(s + v).filter(|s| *s <= gap))
                == Some(gap)
        })
}

/// At most this many figures in another unit are tried together (2^8 sums).
const OTHER_UNIT_PARTS: usize = 8;

/// Whether the words between the total and the opener say the list that follows names only some kinds
/// ("发布信息15248条，主要包括工作动态、政策文件……等方面信息。其中…"): a list short of the total is then
/// a selection.
/// So does a total that names its kinds itself ("主动公开机构职能、规章文件、行政许可、便民服务、公告公示、
/// 工作动态等信息474条，其中，政策法规40条……": the list gives some of them).
pub(super) fn open_before(text: &str, total: &Number, mark: usize, parts: &[&Number]) -> bool {
    let sum: Decimal = parts.iter().map(|n| n.value).sum();
    let between = near(text, total.range.end, mark, 600);
    // (The total's own clause.)
    let lead = clause_before(text, total.range.start, 240, |c| {
        ends_clause(c) || matches!(c, '：' | ':')
    });
    // (Not the channels it went through — "通过网站、融媒体中心等平台" — nor when the list ends with a
    // catch-all, which says it is complete.)
    let last_lead = parts.len().checked_sub(2).map_or(&text[mark..mark], |k| {
        &text[parts[k].range.end.min(parts[k + 1].range.start)..parts[k + 1].range.start]
    });
    let closed = CATCH_ALL.iter().any(|w| last_lead.contains(w));
    let named_kinds = lead
        .rfind('、')
        .is_some_and(|at| lead[at..].contains('等') && lead.matches('、').count() >= 2)
        && !lead.contains("通过")
        && !closed;
    // "共主动公开政府信息16项65条，其中包括……" with fewer than 16 kinds listed.
    // (Spaced or in full-width digits alike: "16 项 65 条", "１６项６５条".)
    let kinds_counted = text[..total.range.start]
        .trim_end()
        .strip_suffix(['项', '类', '類', '項'])
        .map(|s| {
            let s = crate::model::inline::ascii_digits(s.trim_end());
            let digits = s.len() - s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            s[s.len() - digits..].parse::<usize>().unwrap_or(0)
        })
        .is_some_and(|kinds| kinds > parts.len());
    sum < total.value
        && (named_kinds
            || kinds_counted
            || ["主要包括", "主要有", "主要涉及", "主要为", "等方面", "等类"]
                .iter()
                .any(|w| between.contains(w)))
}

/// Whether the total's own clause names two or more kinds ("共承办市人大代表建议、政协委员提案40件") and
/// the parts are those kinds, one each ("其中，市人大代表建议13件，市政协提案17件"): the list then claims
/// to be the whole breakdown. A kind is known by its last two characters (the noun: 建议, 提案); a part names
/// it when its name ends with that noun and begins with words of the kind ("市政协提案" for "政协委员提案"), not
/// with words that pick some ("重点提案", "主办人大代表建议", "按时办复建议", "人大代表建议已办结").
pub(super) fn names_each_part(text: &str, total: &Number, mark: usize, parts: &[&Number]) -> bool {
    if parts.len() < 2 {
        return false;
    }
    let lead = clause_before(text, total.range.start, 240, |c| {
        ends_clause(c) || matches!(c, '：' | ':' | '\n')
    });
    if lead.contains('等') {
        return false;
    }
    // (The kinds follow the verb: "县文化和旅游局承办县人大代表建议和县政协委员提案共12件" — the 和 of the
    // body's own name divides no kinds.)
    let after_verb = KIND_VERBS
        .iter()
        .filter_map(|v| lead.rfind(v).map(|i| i + v.len()))
        .max();
    let kinds_text = after_verb.map_or(lead, |i| &lead[i..]);
    let kinds: Vec<&str> = kinds_text
        .split(['、', '和', '及', '与'])
        .map(|kind| kind.trim_end_matches(['共', '计', '合', '总', '累', ' ']))
        .collect();
    if kinds.len() != parts.len() {
        return false;
    }
    let heads: Vec<String> = kinds
        .iter()
        .map(|kind| {
            let chars: Vec<char> = kind.chars().collect();
            chars[chars.len().saturating_sub(2)..].iter().collect()
        })
        .collect();
    let cjk = |h: &String| h.chars().count() == 2 && h.chars().all(|c| c > '\u{2e80}');
    if named_by_prefix(text, &kinds, mark, parts) {
        return true;
    }
    if !heads.iter().all(cjk) {
        return false;
    }
    // Each part's name (without a place, "市") names exactly one kind, and no two parts the same one.
    one_each(text, mark, parts, heads.len(), |name, k| {
        let name = name.trim_start_matches(['市', '县', '区', '省', '镇', '乡']);
        let opening: String = name.chars().take(2).collect();
        name.ends_with(heads[k].as_str())
            && opening.chars().count() == 2
            && kinds[k].contains(opening.as_str())
    })
}

/// The verbs after which a total's clause names the kinds it counts ("承办人大代表建议和政协委员提案").
const KIND_VERBS: &[&str] = &[
    "承办", "办理", "收到", "受理", "接到", "主办", "协办", "办复", "答复",
];

/// Whether each part's name (the last clause of its lead, without 其中) is named by exactly one of
/// `kinds` kinds according to `names`, and no two parts by the same one.
fn one_each(
    text: &str,
    mark: usize,
    parts: &[&Number],
    kinds: usize,
    names: impl Fn(&str, usize) -> bool,
) -> bool {
    let mut seen = vec![false; kinds];
    parts.iter().enumerate().all(|(i, n)| {
        let from = if i == 0 { mark } else { parts[i - 1].range.end };
        let name = text[from.min(n.range.start)..n.range.start]
            .rsplit(['，', ',', '、', '；', ';', '：', ':', '。'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_start_matches("其中");
        let hits: Vec<usize> = (0..kinds).filter(|&k| names(name, k)).collect();
        match hits[..] {
            [k] if !seen[k] => {
                seen[k] = true;
                true
            }
            _ => false,
        }
    })
}

/// Whether each part begins with the name of one of the places the total is said of, one each ("通过省政府
/// 网站信息公开专栏和厅网站主动公开各类信息15329条，其中，省政府网站信息公开专栏信息更新4288条，厅网站公开……
/// 11040条"): the kinds are then the places themselves, named by at least their first three characters.
fn named_by_prefix(text: &str, kinds: &[&str], mark: usize, parts: &[&Number]) -> bool {
    // The places: what follows 通过/在 in the first kind, and each kind up to its verb.
    let places: Vec<&str> = kinds
        .iter()
        .enumerate()
        .map(|(k, kind)| {
            let kind = if k == 0 {
                ["通过", "在"]
                    .iter()
                    .filter_map(|w| kind.find(w).map(|i| &kind[i + w.len()..]))
                    .next()
                    .unwrap_or("")
            } else {
                kind
            };
            PLACE_VERBS
                .iter()
                .filter_map(|v| kind.find(v))
                .min()
                .map_or(kind, |i| &kind[..i])
        })
        .collect();
    if places
        .iter()
        .any(|p| p.chars().count() < 3 || !p.chars().all(|c| c > '\u{2e80}'))
    {
        return false;
    }
    one_each(text, mark, parts, places.len(), |name, k| {
        let common = name
            .chars()
            .zip(places[k].chars())
            .take_while(|(a, b)| a == b)
            .count();
        common >= 3 && common * 2 >= places[k].chars().count()
    })
}

/// The verbs that end the name of a place in the total's clause ("厅网站主动公开各类信息").
const PLACE_VERBS: &[&str] = &["主动公开", "公开", "发布", "推送", "更新", "刊登", "共"];

/// Whether every part of a list short of its total carries its share of that total, right to its
/// precision ("总计130条，其中领导信息7条，占5.38%；……地名普查信息3条，占2.31%": the shares add to
/// 98.46 = 128/130): the report has counted what its list leaves out and says so. (A share said to be
/// approximate, "约占总量的26%" for 24 of 95, need only be roughly right.)
pub(super) fn shares_account(para: &Para, total: &Number, parts: &[&Number]) -> bool {
    let sum: Decimal = parts.iter().map(|n| n.value).sum();
    if sum >= total.value || parts.len() < 3 || total.value <= Decimal::ZERO {
        return false;
    }
    let numbers: &[Number] = &para.numbers;
    parts.iter().all(|p| {
        let k = numbers.partition_point(|n| n.range.start <= p.range.start);
        let Some(share) = numbers.get(k).filter(|_| shared(para.text, numbers, p)) else {
            return false;
        };
        is_rate_of(p, total, share) || approximately_rate_of(para.text, p, total, share)
    })
}

/// Whether `share`, said to be approximate ("约占", "占……左右"), is `part` over `total` as roughly as an
/// approximate share must be ([`prose_share::roughly`](crate::rules::prose_share::roughly)).
fn approximately_rate_of(text: &str, part: &Number, total: &Number, share: &Number) -> bool {
    use crate::rules::prose_share::{roughly, said_approximately};
    let between = &text[part.range.end.min(share.range.start)..share.range.start];
    let after = text[share.range.end..].trim_start_matches(['%', '％']);
    said_approximately(between, after) && roughly(part.value, total.value, share.written)
}

/// Whether the sentence before the total, or its own, says the items span more kinds than the list has
/// ("内容涉及机构职能、行政执法公示、计划总结、决策部署落实情况、财政信息、政策文件等多方面的工作，……。全年主动公开信息
/// 2926条，其中通知公告32条、部门动态44条、行政许可2473条、行政处罚233条": six kinds and more, four listed): the list is a
/// selection.
pub(super) fn more_kinds_named(text: &str, total: &Number, parts: usize) -> bool {
    let own_start = text[..total.range.start].rfind(SENTENCE_END).unwrap_or(0);
    let from = text[..own_start].rfind(SENTENCE_END).unwrap_or(0);
    // (Within the paragraph.)
    let before = text[from..total.range.start]
        .rsplit(['\n', '\r'])
        .next()
        .unwrap_or("");
    ["涉及", "涵盖", "包括", "包含"].iter().any(|w| {
        before.match_indices(w).any(|(at, _)| {
            let run = &before[at + w.len()..];
            let Some(etc) = run.find('等') else {
                return false;
            };
            let run = &run[..etc];
            !run.contains(['，', ',', '。', '；', ';', '：', ':'])
                && run.matches('、').count() + 1 >= parts + 2
        })
    })
}

/// Whether the text ends, after the sentence that holds a list's last part, in one more sentence of the
/// same paragraph that has no figure and is cut off (no closing punctuation): the page was cut there.
pub(super) fn cut_in_next_sentence(text: &str, last: usize) -> bool {
    let after = &text[last..];
    let Some(stop) = after.find(SENTENCE_END) else {
        return false;
    };
    let rest = after[stop..].trim_start_matches(SENTENCE_END).trim_end();
    !rest.trim_start().is_empty()
        && !rest.contains(['\n', '\r'])
        && !rest.contains(SENTENCE_END)
        && !rest.contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !rest.ends_with(|c: char| "”』」）)".contains(c))
}
