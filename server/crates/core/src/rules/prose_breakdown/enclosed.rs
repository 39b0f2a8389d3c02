//! Lists without an opener word whose bounds the punctuation gives: a list in brackets right after its
//! total ("工作信息469条（政务动态465条、计划总结1条、通知公告3条）") and a list closed by its own sum
//! ("网上申请105件，快递17件，合计122件").

use super::*;

/// "工作信息469条（政务动态465条、计划总结1条、通知公告3条）": a bracket opened right after a count, whose
/// figures of the count's unit at its own depth (two or more, none a change, a sum or a share) are the
/// parts of the count. A bracket opened by 其中 is left to the 其中 rule.
pub(super) fn bracketed(cx: &Context, para: &Para, out: &mut Vec<Diagnostic>) {
    let text = cx.plain();
    let numbers: &[Number] = &para.numbers;
    let mut seen = 0;
    for (k, total) in numbers.iter().enumerate() {
        if seen >= MAX_FRAMES {
            break;
        }
        let after = &text[total.range.end..para.range.end];
        let Some(inside) = after.strip_prefix(['（', '(']) else {
            continue;
        };
        if !total.is_count() || total.approx || total.magnitude.is_some() {
            continue;
        }
        seen += 1;
        let open = total.range.end;
        let inner_start = para.range.end - inside.len();
        let head = inside.trim_start();
        if head.starts_with("其中") || labelled_apart(head) {
            continue;
        }
        let Some(close) = para.drop_after(inner_start) else {
            continue;
        };
        let depth = para.depth_at(inner_start);
        let mut parts: Vec<&Number> = Vec::new();
        let mut from = inner_start;
        let mut clean = true;
        for n in numbers[k + 1..]
            .iter()
            .take_while(|n| n.range.start < close)
        {
            if para.depth_at(n.range.start) != depth {
                continue;
            }
            let lead = &text[from.min(n.range.start)..n.range.start];
            from = n.range.end;
            if n.is_percent() {
                continue;
            }
            if n.unit_key() != total.unit_key()
                || n.approx
                || compares(lead)
                // last year's figures ("行政诉讼案件7件（上年分别为5件和8件）")
                || ["上年", "去年", "上一年"].iter().any(|w| lead.contains(w))
                // a sum of its own ("小计"), not a name that says 累计 ("业务公开累计296条")
                || ["合计", "总计", "共计", "小计"].iter().any(|w| lead.contains(w))
            {
                clean = false;
                break;
            }
            parts.push(n);
        }
        if !clean || parts.len() < 2 {
            continue;
        }
        // A bracket names a count's main kinds as often as all of them ("总局政务1214条（通知公告213条、总局动态
        // 103条、信息发布664条）", 81 %): short of its count by more than a tenth, without a catch-all, it is
        // taken as a selection.
        let sum: Decimal = parts.iter().map(|n| n.value).sum();
        let last_lead = &text[parts[parts.len() - 2].range.end..parts[parts.len() - 1].range.start];
        if sum < total.value
            && sum * Decimal::TEN < total.value * Decimal::from(9)
            && !CATCH_ALL.iter().any(|w| last_lead.contains(w))
        {
            continue;
        }
        // The bracket right after the count binds the list to it for certain.
        let list = List {
            explicit: true,
            adjacent: false,
            label: "括号内",
            ..ELSEWHERE
        };
        out.extend(judge(text, total, &parts, open, close, list));
    }
}

/// "全年共收到群众网上申请105件，快递17件，合计132件": a count named as the sum of what comes before it
/// (合计/共计/总计/一共 opening its clause), and the counts of its unit before it in the sentence, each in its
/// own clause, back to the start of the sentence or a colon. Two or more such parts that do not add up to
/// it are wrong whatever they are: the sentence says they are all.
pub(super) fn closing_sum(cx: &Context, para: &Para, out: &mut Vec<Diagnostic>) {
    let text = cx.plain();
    let numbers: &[Number] = &para.numbers;
    let mut seen = 0;
    for (k, total) in numbers.iter().enumerate() {
        if k < 2 || seen >= MAX_FRAMES || !total.is_count() || total.approx {
            continue;
        }
        let lead = &text[numbers[k - 1].range.end..total.range.start];
        // (Every sum word has 计 or 共 in it: most figures are passed over here.)
        if !lead.contains(['计', '共']) {
            continue;
        }
        let (clause, named) = items_named(after_above(
            lead.trim_start_matches(['，', ',', '、', '；', ';', ' ']),
        ));
        if clause.len() == lead.len()
            || !["合计", "共计", "总计", "一共"]
                .iter()
                .any(|w| clause.starts_with(w))
            || clause.chars().count() > 8
            // "……上年结转37件，共计办结774件": a later stage of handling, not the sum.
            || ["办结", "答复", "答覆", "结转", "受理", "收到", "处理", "回复"]
                .iter()
                .any(|w| clause.contains(w))
        {
            continue;
        }
        seen += 1;
        let sentence = para.sentence_start(total.range.start);
        let mut parts: Vec<&Number> = Vec::new();
        let mut end = total.range.start;
        for n in numbers[..k].iter().rev() {
            if n.range.start < sentence {
                break;
            }
            let gap = &text[n.range.end..end];
            // (Parts joined by a comma or by 与/和/及: "上年结转5件与本年新收28件，合计35件".)
            if n.unit_key() != total.unit_key()
                || n.approx
                || !(gap.trim_start().starts_with(['，', ',', '、', '；', ';'])
                    || end < total.range.start && gap.starts_with(['与', '和', '及']))
                || gap.contains(['（', '(', '）', ')'])
            {
                break;
            }
            let from = numbers[..k]
                .iter()
                .rposition(|m| m.range.end <= n.range.start)
                .map_or(sentence, |j| numbers[j].range.end.max(sentence));
            let name = &text[from..n.range.start];
            parts.push(n);
            end = n.range.start;
            // The first part of the list: its clause opens the sentence or follows a colon.
            if name.contains(['：', ':'])
                || name.contains("其中")
                || compares(name)
                || TOTAL_WORDS.iter().any(|w| name.contains(w))
            {
                break;
            }
        }
        // (As many as the words count: "……已答复119件，属于同意公开的60件，部分公开13件，两项合计73件".)
        if let Some(n) = named {
            if parts.len() < n {
                continue;
            }
            parts.truncate(n);
        }
        parts.reverse();
        if parts.len() < 2
            || parts.iter().any(|p| {
                let before = &text[sentence..p.range.start];
                COMPARISON.iter().any(|w| before.ends_with(w))
            })
        {
            continue;
        }
        let sum: Decimal = parts.iter().map(|n| n.value).sum();
        if sum == total.value || host_reading_adds_up(text, numbers, sentence, &parts, total) {
            continue;
        }
        let terms: Vec<String> = parts.iter().map(|n| n.value.to_string()).collect();
        let mut d = diag(
            Code::ProseBreakdown,
            total.range.clone(),
            format!(
                "合计 {} 与其前各项之和 {}（{}）不符（相差 {}）",
                total.value,
                sum,
                terms.join("+"),
                (total.value - sum).abs()
            ),
        );
        for n in parts {
            d = d.related(n.range.clone(), format!("分项 {}", n.value));
        }
        out.push(d);
    }
}

/// "全年通过政府网站发布信息80条，其中工作动态60条，通过微信公众号发布40条，合计120条": the first part read
/// back is a detail after 其中; the sum may be of the figure it details (its host, the last count of the unit
/// before 其中 in the sentence) and the parts after it.
fn host_reading_adds_up(
    text: &str,
    numbers: &[Number],
    sentence: usize,
    parts: &[&Number],
    total: &Number,
) -> bool {
    let first = parts[0];
    let Some(qizhong) = text[sentence.min(first.range.start)..first.range.start].rfind("其中")
    else {
        return false;
    };
    let qizhong = sentence + qizhong;
    let host = numbers
        .iter()
        .rev()
        .skip_while(|n| n.range.end > qizhong)
        .take_while(|n| n.range.start >= sentence)
        .find(|n| n.unit_key() == total.unit_key() && !n.approx);
    host.is_some_and(|h| {
        h.value + parts[1..].iter().map(|n| n.value).sum::<Decimal>() == total.value
    })
}

/// The words after a closing sum's "以上" that count its items ("两项合计36件", "这三类共计", "二者合计"): the
/// clause from the sum word on, and how many items they count.
fn items_named(clause: &str) -> (&str, Option<usize>) {
    const DIGITS: &str = "一二三四五六七八九十";
    let rest = clause.trim_start_matches(['这', '此']);
    let mut chars = rest.chars();
    let n = match chars.next() {
        Some('两') => 2,
        Some(c) => DIGITS.chars().position(|d| d == c).map_or(0, |k| k + 1),
        None => 0,
    };
    if n < 2 {
        return (clause, None);
    }
    let counted = chars.as_str();
    ["项", "类", "者", "种"]
        .iter()
        .find_map(|w| counted.strip_prefix(w))
        .map_or((clause, None), |c| (c, Some(n)))
}

/// Whether a bracket opens with a label of its own before a colon ("（各业务线数据:环境保护14条、……）"): figures
/// of another matter set beside the count, not its kinds — unless the label says they are ("含：", "按类别分：").
fn labelled_apart(head: &str) -> bool {
    let before_figure = &head[..head
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(head.len())];
    let Some(colon) = before_figure.find([':', '：']) else {
        return false;
    };
    let label = &before_figure[..colon];
    !label.is_empty()
        && ![
            "含", "包括", "包含", "其中", "分别", "按", "分为", "类别", "分类",
        ]
        .iter()
        .any(|w| label.contains(w))
}
