//! Totals without an opener (“累计公布信息69条，工作动态61条，…”) and totals written in 万 by slip.

use super::*;

/// Words in the name of a part that make it an action or a channel, not a category of the total
/// ("办结1件", "回复5条", "报送政务信息5条").
pub(super) const ACTIONS: &[&str] = &[
    "办结", "办理", "答复", "回复", "受理", "收到", "处理", "转办", "公开", "发布", "刊发", "报送",
    "上报", "采用", "录用", "召开", "举办", "开展", "接待", "接听", "印发", "制定", "更新", "新增",
    "废止", "答覆", "回覆", "结转",
];

/// Words that name a figure as a total when no opener follows it (not 全年 or 總, which name a period
/// or stand in 總結).
pub(super) const UNOPENED_TOTAL: &[&str] = &["共", "合计", "总计", "累计"];

/// "累计公布信息69条，工作动态61条，运输管理5条，建设管理3条，航务管理1条，依申请…": a total named as
/// one (共/累计/合计…), then at once, without 其中 or a colon, a run of three or more short category
/// names each with a figure of the total's unit. The run stops at the first figure of another unit or
/// a name that is an action, a channel or another total. Such a list may be a selection, so only
/// parts that add up to more than the total, or a list closed by 其他, are reported.
/// `opened_at` are where the paragraph's openers stand ([`opened_at`]), found once for all its checks.
pub(super) fn unopened(cx: &Context, para: &Para, opened_at: &[usize], out: &mut Vec<Diagnostic>) {
    let text = cx.plain();
    let numbers: &[Number] = &para.numbers;
    let mut k = 0;
    while k < numbers.len() {
        let n = &numbers[k];
        k += 1;
        if !n.is_count()
            || n.approx
            || n.magnitude.is_some()
            || !text[n.range.end..].starts_with(['，', ','])
        {
            continue;
        }
        let sentence = para.sentence_start(n.range.start);
        let lead = lead_of(text, para, k - 1).replace("公共", "");
        if !UNOPENED_TOTAL.iter().any(|w| lead.contains(w))
            || opened_before(opened_at, sentence, n.range.start)
            || ["目前", "截至", "截止", "历年"]
                .iter()
                .any(|w| lead.contains(w))
            || compares(&lead)
            || item_of_a_list(text, sentence, n.range.start)
        {
            continue;
        }
        let mark = n.range.end;
        let end = para.scope_end(mark, "，".len());
        let mut parts: Vec<&Number> = Vec::new();
        let mut previous_end = mark;
        for m in numbers[k..].iter().take(MAX_TOTAL_CANDIDATES) {
            if m.range.start >= end
                || m.unit_key() != n.unit_key()
                || m.approx
                || m.magnitude.is_some()
            {
                break;
            }
            let name_lead = &text[previous_end..m.range.start];
            let Some(name) = name_lead.strip_prefix(['，', ',', '、', '；', ';']) else {
                break;
            };
            // (Parts that make the total, then a semicolon: what follows is another matter, "……其他情形5件；
            // 行政诉讼6件，……".)
            if name_lead.starts_with(['；', ';'])
                && parts.iter().map(|p| p.value).sum::<Decimal>() == n.value
            {
                break;
            }
            // (Spaces round a count, "主要经济指标完成情况 10 篇", are no part of the name.)
            let chars = name.trim().chars().count();
            if chars == 0
                || chars > 10
                || name.contains(|c: char| "，,。；;（）()".contains(c))
                || ACTIONS.iter().any(|w| name.contains(w))
                || names_channel(name)
                || TOTAL_WORDS.iter().any(|w| name.contains(w))
                || compares(name)
            {
                break;
            }
            parts.push(m);
            previous_end = m.range.end;
        }
        // An opener after the total ("……，其中：") makes it a list of the usual kind.
        if parts.len() < 3 || OPENERS.iter().any(|w| text[mark..previous_end].contains(w)) {
            continue;
        }
        // Two parts or more larger than the figure: it is the first item of the list, and 共 says the
        // list is the whole ("我办共主动公开机构概况2件,规划计划3件、财政信息2件、政策文件13件……").
        if parts.iter().filter(|m| m.value > n.value).count() >= 2 {
            continue;
        }
        // A total named as one kind and a first part of another kind with the same head noun are peers
        // ("共公开区政府文件17件,区政府办文件12件,区级政策类解读文件7件": 17 is the first item, not the whole).
        let names: Vec<&str> = parts
            .iter()
            .scan(mark, |from, m| {
                let name =
                    text[*from..m.range.start].trim_start_matches(['，', ',', '、', '；', ';']);
                *from = m.range.end;
                Some(name)
            })
            .collect();
        if peer_of_first_part(&lead, &names) {
            continue;
        }
        // …as it is when the figures after it go past it by more than a tenth, and by more than ten: a
        // slip in a list of its parts is a part mistyped, not a run of peers ("共撰写政务信息80篇,统计分析
        // 34篇,统计专报31篇,统计宣传18篇,……10篇": 93 of 80; but 29 of 26 is a slip).
        let excess = parts.iter().map(|m| m.value).sum::<Decimal>() - n.value;
        if excess * Decimal::TEN > n.value && excess > Decimal::TEN {
            continue;
        }
        out.extend(judge(
            text,
            n,
            &parts,
            mark,
            end,
            List {
                explicit: true,
                adjacent: false,
                claim: Strict,
                label: "总数后所列",
            },
        ));
    }
}

/// Verbs before the name of what a total counts ("共公开区政府文件": the name is 区政府文件).
const COUNTING_VERBS: &[&str] = &["公布", "制发", "出台", "编发", "推送", "上传", "编制"];

/// Qualifiers that leave a name generic or make it a group of kinds: "政府信息" is the whole of 信息, "重点领域
/// 信息" holds 财政领域信息.
const GENERIC: &[&str] = &[
    "政府", "政务", "各类", "各项", "全部", "所有", "相关", "有关", "主动", "重点",
];

/// Whether the total named by `lead` and the first of the parts named `names` are two kinds of one head noun: their
/// names end alike, the total's name qualifies that head with words of its own that are not generic (two
/// characters or more when the names share only their last), and the part does not repeat them (规范性文件
/// under 文件 is a part; 区政府办文件 beside 区政府文件, 政策吹风会 beside 新闻发布会 are peers). A list
/// closed by 其他 is whole whatever its names.
fn peer_of_first_part(lead: &str, names: &[&str]) -> bool {
    if names
        .iter()
        .any(|n| CATCH_ALL.iter().any(|w| n.starts_with(w)))
    {
        return false;
    }
    let Some(part) = names.first().map(|n| n.trim()) else {
        return false;
    };
    // The total's name: after the word that makes it a total and the verb after that.
    let Some(name) = UNOPENED_TOTAL
        .iter()
        .filter_map(|w| lead.rfind(w).map(|i| &lead[i + w.len()..]))
        .min_by_key(|rest| rest.len())
    else {
        return false;
    };
    let name = ACTIONS
        .iter()
        .chain(COUNTING_VERBS)
        .find_map(|v| name.strip_prefix(v))
        .unwrap_or(name)
        .trim();
    let common = name
        .chars()
        .rev()
        .zip(part.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let cut = |s: &'_ str| -> usize {
        s.char_indices()
            .rev()
            .nth(common.saturating_sub(1))
            .map_or(s.len(), |(i, _)| i)
    };
    if common == 0 {
        return false;
    }
    let qualifier = &name[..cut(name)];
    let part_stem = &part[..cut(part)];
    qualifier.chars().count() >= if common == 1 { 2 } else { 1 }
        && !part_stem.is_empty()
        && !GENERIC
            .iter()
            .any(|g| qualifier == *g || qualifier.starts_with(g) && !["政府", "政务"].contains(g))
        && !part_stem.ends_with(qualifier)
}

/// Where the paragraph's openers stand in the text.
pub(super) fn opened_at(para: &Para, openers: &[(usize, &str)]) -> Vec<usize> {
    openers.iter().map(|&(i, _)| para.range.start + i).collect()
}

/// Whether an opener stands in the sentence starting at `sentence` before `at`: a figure there is inside
/// a list already opened ("其中…公共资源类25条，…"), no total of its own.
fn opened_before(opened_at: &[usize], sentence: usize, at: usize) -> bool {
    opened_at[opened_at.partition_point(|&i| i < sentence)..]
        .first()
        .is_some_and(|&i| i < at)
}

/// The words before the `k`th figure of the paragraph, since the figure before it or the sentence start.
fn lead_of<'t>(text: &'t str, para: &Para, k: usize) -> &'t str {
    let n = &para.numbers[k];
    let from = match k {
        0 => para.range.start,
        j => para.numbers[j - 1].range.end,
    }
    .max(para.sentence_start(n.range.start));
    &text[from.min(n.range.start)..n.range.start]
}

/// Ways an application arrives, as the table counts them (当面, 传真, 网络, 信函 …).
const ARRIVALS: &[&str] = &[
    "当面",
    "现场",
    "网络",
    "网上",
    "在线",
    "信函",
    "邮寄",
    "传真",
    "电子邮件",
    "邮件",
    "电话",
];

/// "2018年收到申请数3件，当面申请数1件，网络申请数1件，信函申请数3件": a count of applications received, then
/// at once, without 其中, the applications by the way they arrived. An application arrives one way only, so
/// the ways cannot add to more than the count; they may leave one out, so only an excess is reported.
pub(super) fn arrivals(cx: &Context, para: &Para, opened_at: &[usize], out: &mut Vec<Diagnostic>) {
    let text = cx.plain();
    let numbers: &[Number] = &para.numbers;
    for (k, n) in numbers.iter().enumerate() {
        if !n.is_count() || n.approx || !text[n.range.end..].starts_with(['，', ',']) {
            continue;
        }
        let lead = lead_of(text, para, k);
        let clause = lead.rsplit(['，', ',', '；', ';']).next().unwrap_or(lead);
        if !["收到", "受理", "新收"].iter().any(|w| clause.contains(w))
            || !clause.contains("申请")
            || ARRIVALS.iter().any(|w| clause.contains(w))
            || opened_before(opened_at, para.sentence_start(n.range.start), n.range.start)
            || ["累计", "截至", "截止", "历年", "上年", "结转"]
                .iter()
                .any(|w| clause.contains(w))
            || compares(clause)
        {
            continue;
        }
        let mut parts: Vec<&Number> = Vec::new();
        let mut previous_end = n.range.end;
        for m in &numbers[k + 1..] {
            let Some(name) =
                text[previous_end..m.range.start].strip_prefix(['，', ',', '、', '；', ';'])
            else {
                break;
            };
            // (Parts that make the count already: what follows is another matter — last year's, another
            // office's, a way counted within another, "另有……咨询".)
            // (Not a count of none: "共收到申请0件，网络申请0件，信函申请3件" still goes past it.)
            let made = !n.value.is_zero()
                && !parts.is_empty()
                && parts.iter().map(|p| p.value).sum::<Decimal>() == n.value;
            if made
                || m.unit_key() != n.unit_key()
                || m.approx
                || name.chars().count() > 10
                || !name.contains("申请")
                || !ARRIVALS.iter().any(|w| name.contains(w))
                || OPENERS.iter().any(|w| name.contains(w))
                || compares(name)
                || [
                    "另", "此外", "还有", "累计", "历年", "截至", "截止", "去年", "上年", "同期",
                ]
                .iter()
                .any(|w| name.contains(w))
            {
                break;
            }
            parts.push(m);
            previous_end = m.range.end;
        }
        let sum: Decimal = parts.iter().map(|m| m.value).sum();
        if parts.len() < 2 || sum <= n.value {
            continue;
        }
        let mark = n.range.end;
        out.extend(judge(
            text,
            n,
            &parts,
            mark,
            previous_end,
            List {
                explicit: true,
                adjacent: false,
                claim: Strict,
                label: "总数后所列",
            },
        ));
    }
}

/// Whether the 共-figure at `at` is itself one item of a list: its sentence opens with a frame
/// ("在主动公开的信息中，“财政预算”栏目共发布2条，工作动态20条、…": the figures after it are its
/// peers under the frame), or its clause is named by a quoted category.
pub(super) fn item_of_a_list(text: &str, sentence: usize, at: usize) -> bool {
    let before = text[sentence.min(at)..at].trim_start();
    let clause_from = before
        .rfind(['，', ',', '；', ';', '：', ':'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &before[clause_from..];
    let framed = before.starts_with('在')
        && before[..clause_from]
            .trim_end_matches(['，', ','])
            .ends_with('中');
    framed || (clause.contains('“') && clause.contains('”'))
}

/// "主动公开政府信息173769万条。市级主动公开75656条，县级主动公开98113条。": a count written in 万
/// whose digits are exactly the sum of two or more counts of the same unit after it in the paragraph
/// (written without 万) — the 万 makes the total ten thousand times its parts.
pub(super) fn wan_slip(para: &Para, out: &mut Vec<Diagnostic>) {
    let numbers: &[Number] = &para.numbers;
    for (k, n) in numbers.iter().enumerate() {
        if !matches!(n.magnitude.as_deref(), Some("万" | "萬"))
            || !n.is_count()
            || n.approx
            || n.written.fract() != Decimal::ZERO
            || n.written < Decimal::from(100)
        {
            continue;
        }
        let mut sum = Decimal::ZERO;
        let mut parts: Vec<&Number> = Vec::new();
        for (j, m) in numbers.iter().enumerate().skip(k + 1).take(16) {
            if m.unit_key() != n.unit_key()
                || m.magnitude.is_some()
                || m.approx
                || para.comparison_lead(j, n.range.end)
            {
                continue;
            }
            sum += m.value;
            parts.push(m);
            if sum >= n.written {
                break;
            }
        }
        if parts.len() < 2 || sum != n.written {
            continue;
        }
        let terms: Vec<String> = parts.iter().map(|m| m.value.to_string()).collect();
        let unit = n.unit.as_deref().unwrap_or("");
        let mut d = diag(
            Code::ProseBreakdown,
            n.range.clone(),
            format!(
                "总数写作 {}万{unit}，是其后各项之和 {sum}{unit}（{}）的一万倍：“万”字多余？",
                n.written,
                terms.join("+")
            ),
        );
        for m in &parts {
            d = d.related(m.range.clone(), format!("分项 {}", m.value));
        }
        out.push(d);
    }
}

/// A figure without unit counts as a part when it stands before a comma or
/// the end of the clause ("当面递交申请2,"), not when it is an ordinal
/// ("1、") or part of a date ("2017年").
pub(super) fn bare_part(text: &str, n: &Number) -> bool {
    let after = text[n.range.end..].chars().next();
    matches!(after, Some('，' | ',' | '；' | ';' | '。') | None) && n.value.scale() == 0
}

/// A count written the way the 统计表 names its rows, without a unit ("重点领域公开政府信息数20。其中，……
/// 信息数6；……"): a bare whole number right after 数, ending its clause. Its parts are bare figures too.
pub(super) fn bare_count(text: &str, n: &Number) -> bool {
    n.unit.is_none() && text[..n.range.start].ends_with('数') && bare_part(text, n)
}
