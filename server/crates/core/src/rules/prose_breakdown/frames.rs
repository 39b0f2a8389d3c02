//! Lists whose total is stated elsewhere: framed (“在主动公开的信息中，…”), headed by a colon, or
//! continued over the following paragraphs.

use super::*;

/// What a frame at the head of a sentence ("在主动公开的信息中，…") must name for its list to be
/// bound to a total stated before it: the same thing as the total's lead-in.
pub(super) const FRAME_KEYS: &[&str] = &["主动公开", "依申请公开", "答复", "办结", "受理", "收到"];
/// Words that make a figure cumulative (a stock), not the year's total a frame speaks of.
pub(super) const CUMULATIVE: &[&str] = &["累计", "总计", "目前", "历年", "截至", "截止"];
/// How many paragraphs back the total of a frame is looked for, and how many figures of each.
pub(crate) const FRAME_PARAGRAPHS: usize = 3;
/// Frames looked at in one paragraph (a paragraph of thousands of frames stays linear).
pub(super) const MAX_FRAMES: usize = 16;

/// "在主动公开的信息中，法规文件类51条，规划计划类7条……": a list at the head of a sentence framed
/// by the thing it breaks down. Its total is the figure the frame holds ("在已经答复的9件申请中"), or
/// else the nearest count before it, in this paragraph or up to three before, whose lead-in names the
/// same thing and is not cumulative ("我委2011年共主动公开政府信息606条，……目前总计主动公开2739条"
/// → 606). The list runs to the end of the sentence.
pub(super) fn framed(cx: &Context, pi: usize, para: &Para, out: &mut Vec<Diagnostic>) {
    let text = cx.plain();
    // Sentence starts, and clauses that open with 在 ("共主动公开政府信息25条，在主动公开的信息中，…").
    let body = &text[para.range.clone()];
    let mut starts: Vec<usize> = std::iter::once(para.range.start)
        .chain(para.ends.iter().map(|e| e.1))
        .chain(
            body.match_indices(['，', ','])
                .map(|(i, c)| para.range.start + i + c.len())
                .filter(|&at| text[at..].starts_with('在'))
                .take(MAX_FRAMES),
        )
        .collect();
    starts.sort_unstable();
    let mut frames = 0;
    for s in starts {
        if s >= para.range.end || frames >= MAX_FRAMES {
            break;
        }
        let head = text[s..para.range.end].trim_start();
        // The frame closes within a few words: "在主动公开的信息中，", or, without 在, "答复中，" — or further, when
        // it holds its own count after 的 ("2025年度主动公开的47条政府信息中，", checked below).
        let with_zai = head.starts_with('在');
        let (opened, reach) = match head.strip_prefix('在') {
            Some(opened) => (opened, 24),
            None => (head, 24),
        };
        let window: usize = opened
            .char_indices()
            .nth(reach)
            .map_or(opened.len(), |(i, _)| i);
        let Some((close, close_len)) = ["中，", "中,"]
            .iter()
            .filter_map(|w| opened[..window].find(w).map(|i| (i, w.len())))
            .min()
        else {
            continue;
        };
        let frame_start = opened.as_ptr() as usize - text.as_ptr() as usize;
        let mark = frame_start + close;
        let frame = &text[frame_start..mark];
        // (Without 在, a frame longer than a few words is one only with its own count: "……的47条政府信息中".)
        if !with_zai
            && frame.chars().count() > 10
            && !frame.split_once('的').is_some_and(|(_, after)| {
                after.starts_with(|c: char| c.is_ascii_digit()) && after.contains(['条', '件'])
            })
        {
            continue;
        }
        frames += 1;
        if frame.ends_with('其')
            || frame.contains("过程")
            || CUMULATIVE.iter().any(|w| frame.contains(w))
        {
            continue;
        }
        let numbers: &[Number] = &para.numbers;
        let inside = numbers.partition_point(|n| n.range.start < frame_start);
        let inside_end = numbers.partition_point(|n| n.range.start < mark);
        // A frame that holds its own count of items ("在2010年公开的35条信息中") names its whole without a key.
        let counted = numbers[inside..inside_end]
            .iter()
            .any(|n| n.is_count() && !n.approx && matches!(n.unit_key(), Some("条" | "件")));
        let Some(key) = FRAME_KEYS
            .iter()
            .find(|k| frame.contains(*k))
            .or(counted.then_some(&""))
        else {
            continue;
        };
        let end = para.scope_end(mark, close_len);
        let first_part = numbers[inside_end..]
            .iter()
            .find(|n| n.range.start < end && n.is_count());
        let Some(first_part) = first_part else {
            continue;
        };
        let own = numbers[inside..inside_end]
            .iter()
            .rev()
            .find(|n| n.is_count());
        let total = match own {
            Some(n) => n,
            None => match frame_total(cx, pi, s, key, first_part) {
                Some(n) => n,
                None => continue,
            },
        };
        if total.unit_key() != first_part.unit_key() || total.magnitude.is_some() {
            continue;
        }
        let part_indices = collect_parts(text, para, mark, end, total);
        let mut parts: Vec<&Number> = part_indices.iter().map(|&i| &numbers[i]).collect();
        if loose_list(text, mark, &parts) {
            continue;
        }
        // "在已经答复的9件申请中，同意公开的7件，占总数的70%。" closing its paragraph, each part with
        // its share of the whole: the list goes on in the paragraphs after that open the same way
        // ("同意部分公开1件，占总数的10%……").
        let last_unit = numbers[inside_end..]
            .iter()
            .rev()
            .find(|n| n.unit_key() == total.unit_key());
        let closes = last_unit.is_some_and(|n| parts.last().is_some_and(|p| p.range == n.range));
        if closes && !parts.is_empty() && parts.iter().all(|p| shared(text, numbers, p)) {
            parts.extend(continued_parts(cx, pi, total, true));
        }
        out.extend(judge(text, total, &parts, mark, end, ELSEWHERE));
    }
}

/// "（二）主动公开政府信息的主要类别情况：党政信息类147条，文件类47条，制度类4条。": a colon after
/// words that name what is broken down, with no figure of their own; the total is stated before, as
/// for a frame ("（一）主动公开政府信息的数量共192条。").
pub(super) fn headed(
    cx: &Context,
    pi: usize,
    para: &Para,
    mark: usize,
    opener_len: usize,
    out: &mut Vec<Diagnostic>,
) {
    let text = cx.plain();
    let s = para.sentence_start(mark);
    // A heading-like lead-in is short (40 characters at most): longer ones are not looked at.
    if mark - s > 160 {
        return;
    }
    let head = &text[s..mark];
    if head.chars().count() > 40 || CUMULATIVE.iter().any(|w| head.contains(w)) {
        return;
    }
    let Some(key) = FRAME_KEYS.iter().find(|k| head.contains(*k)) else {
        return;
    };
    let numbers: &[Number] = &para.numbers;
    let from = numbers.partition_point(|n| n.range.start < s);
    let at = numbers.partition_point(|n| n.range.start < mark);
    if numbers[from..at].iter().any(Number::is_count) {
        return;
    }
    let end = para.scope_end(mark, opener_len);
    let Some(first_part) = numbers[at..]
        .iter()
        .find(|n| n.range.start < end && n.is_count())
    else {
        return;
    };
    let Some(total) = frame_total(cx, pi, s, key, first_part) else {
        return;
    };
    if total.magnitude.is_some() {
        return;
    }
    let part_indices = collect_parts(text, para, mark, end, total);
    let parts: Vec<&Number> = part_indices.iter().map(|&i| &numbers[i]).collect();
    if loose_list(text, mark, &parts) {
        return;
    }
    // A heading of the main kinds ("（二）主动公开政府信息的主要类别情况：") lists a selection: wrong only when
    // its kinds come to more than the whole.
    if head.contains("主要") && parts.iter().map(|n| n.value).sum::<Decimal>() <= total.value {
        return;
    }
    out.extend(judge(text, total, &parts, mark, end, ELSEWHERE));
}

/// Whether a list bound to a total stated elsewhere reads as something else: a part named as a total
/// of its own or as a stage of handling ("共收到申请12件，办结10件"), or named after a channel (channels
/// overlap and need not be all listed). Such lists are left alone.
pub(super) fn loose_list(text: &str, mark: usize, parts: &[&Number]) -> bool {
    let mut from = mark;
    parts.iter().any(|n| {
        // (After the share of the part before, if any: "占全年公开信息总数比例为9%" is said of that part.)
        let raw = &text[from.min(n.range.start)..n.range.start];
        let raw = raw.rsplit(['%', '％']).next().unwrap_or(raw);
        let lead = raw.replace("公共", "");
        from = n.range.end;
        UNOPENED_TOTAL.iter().any(|w| lead.contains(w))
            || ["全年", "收到", "受理", "办结", "结转"]
                .iter()
                .any(|w| lead.contains(w))
            || names_channel(&lead)
    })
}

/// The total a frame without a figure speaks of: the nearest exact count of the part's unit before
/// the sentence at `s` (in this paragraph, then up to [`FRAME_PARAGRAPHS`] before) whose lead-in in
/// its sentence names `key` and no stock or change.
pub(super) fn frame_total<'r>(
    cx: &'r Context,
    pi: usize,
    s: usize,
    key: &str,
    part: &Number,
) -> Option<&'r Number> {
    let paragraphs = &cx.report.paragraphs;
    for qi in (0..=pi).rev().take(FRAME_PARAGRAPHS + 1) {
        let q = &paragraphs[qi];
        let upto = if qi == pi {
            q.numbers.partition_point(|n| n.range.start < s)
        } else {
            q.numbers.len()
        };
        // Whether figure k of q is a count of the part's unit whose lead-in names the key.
        let keyed = |k: usize| {
            let n = &q.numbers[k];
            if !n.is_count() || n.approx || n.unit_key() != part.unit_key() {
                return false;
            }
            let from = k
                .checked_sub(1)
                .map_or(q.range.start, |j| q.numbers[j].range.end);
            let sentence = sentence_start(cx.plain(), q.range.start, n.range.start);
            let lead = &cx.plain()[from.max(sentence)..n.range.start];
            let whole = &cx.plain()[sentence..n.range.start];
            lead.contains(key) && !stock(cx, lead, whole) && !compares(lead)
        };
        let Some(k) = (0..upto)
            .rev()
            .take(MAX_TOTAL_CANDIDATES)
            .find(|&k| keyed(k))
        else {
            continue;
        };
        // Two such counts in one sentence ("市政府主动公开2367条，市直部门主动公开3666条"): which
        // one the list breaks down is not said.
        let n = &q.numbers[k];
        let sentence = sentence_start(cx.plain(), q.range.start, n.range.start);
        let first = q.numbers.partition_point(|m| m.range.start < sentence);
        // (Counts of the frame's own sentence after the frame are the list, not rivals.)
        let ambiguous = (first..upto)
            .filter(|&j| j != k)
            .take_while(|&j| {
                !cx.plain()[n.range.end.min(q.numbers[j].range.start)..q.numbers[j].range.start]
                    .contains(SENTENCE_END)
            })
            .take(MAX_TOTAL_CANDIDATES)
            .any(keyed);
        return (!ambiguous).then_some(n);
    }
    None
}

/// Whether what the parts of a list fall short of their total is stated as a count of the total's
/// unit in the sentence after the list ("……对外管理服务信息29条。今年……转发疫情动态信息、政策解读45条。"
/// with 3121+412+30+29 = 3637−45): the list goes on there, so it is not short.
pub(super) fn shortfall_stated(para: &Para, end: usize, total: &Number, parts: &[&Number]) -> bool {
    let sum: Decimal = parts.iter().map(|n| n.value).sum();
    if sum >= total.value {
        return false;
    }
    let diff = total.value - sum;
    // To the end of the sentence after the one the list ends in.
    let k = para.ends.partition_point(|e| e.0 < end);
    let limit = para
        .ends
        .get(k + 1)
        .map_or(para.range.end, |e| e.0)
        .min(para.range.end);
    let from = para.numbers.partition_point(|n| n.range.start < end);
    // (Or a count written for one another: "……23条。……全年发布了1篇热点回应信息".)
    let alike = |n: &Number| {
        (n.unit_key() == total.unit_key()
            || [n.unit_key(), total.unit_key()]
                .iter()
                .all(|u| matches!(u, Some("件" | "条" | "篇"))))
            && !n.approx
    };
    if para.numbers[from..]
        .iter()
        .take_while(|n| n.range.start < limit)
        .take(MAX_TOTAL_CANDIDATES)
        .any(|n| n.value == diff && alike(n))
    {
        return true;
    }
    // …or the first two or three counts after the list, to the end of the second sentence after it, make it
    // together ("……其他概况类信息更新量494条。……共发布政策解读2篇。积极回应公众关注热点5条。" under 3257条).
    let limit = para
        .ends
        .get(k + 2)
        .map_or(para.range.end, |e| e.0)
        .min(para.range.end);
    let mut acc = Decimal::ZERO;
    para.numbers[from..]
        .iter()
        .take_while(|n| n.range.start < limit && alike(n))
        .take(3)
        .enumerate()
        .any(|(i, n)| {
            acc += n.value;
            i >= 1 && acc == diff
        })
}

/// Whether the part `p` is followed at once by its share ("7件，占总数的70%").
pub(super) fn shared(text: &str, numbers: &[Number], p: &Number) -> bool {
    let k = numbers.partition_point(|n| n.range.start <= p.range.start);
    numbers.get(k).is_some_and(|n| {
        let between = &text[p.range.end..n.range.start];
        n.is_percent() && between.chars().count() <= 8 && between.contains(['占', '佔'])
    })
}

/// Paragraphs after the one at `pi` (in its section) that each open with a part of `total`: a short
/// name ("同意部分公开", "“不予公开”的", "2.网上申请") and a count of the total's unit, and, when
/// `with_share`, its share of the whole right after it. The first count of each is the part; the
/// list ends at the first paragraph that opens otherwise.
pub(super) fn continued_parts<'r>(
    cx: &'r Context,
    pi: usize,
    total: &Number,
    with_share: bool,
) -> Vec<&'r Number> {
    continued_items(cx, pi, total, with_share)
        .into_iter()
        .map(|c| c.part)
        .collect()
}

/// A part of a list that goes on in a paragraph of its own: the part, its share when the list gives
/// shares, and the name before it.
pub(crate) struct Continued<'r> {
    pub part: &'r Number,
    pub share: Option<&'r Number>,
    pub name: &'r str,
}

/// The parts of [`continued_parts`] with their shares and names (what `prose-share` checks of a list of
/// shares that goes on one item a paragraph).
pub(crate) fn continued_items<'r>(
    cx: &'r Context,
    pi: usize,
    total: &Number,
    with_share: bool,
) -> Vec<Continued<'r>> {
    let paragraphs = &cx.report.paragraphs;
    let section = paragraphs[pi].section;
    let mut items = Vec::new();
    let mut sum = Decimal::ZERO;
    for q in paragraphs[pi + 1..].iter().take(MAX_TOTAL_CANDIDATES) {
        let Some(k) = q
            .numbers
            .iter()
            .position(|n| !is_ordinal(cx.plain(), q.range.start, n))
        else {
            break;
        };
        let n = &q.numbers[k];
        let name = cx.plain()[q.range.start..n.range.start]
            .trim_start()
            .trim_start_matches(|c: char| {
                c.is_ascii_digit()
                    || "0123456789０１２３４５６７８９一二三四五六七八九十（）()、.．".contains(c)
            });
        let chars = name.chars().count();
        if q.section != section
            || n.unit_key() != total.unit_key()
            || n.approx
            || n.magnitude.is_some()
            || chars == 0
            || chars > 16
            || name.contains(|c: char| "，,。；;：:".contains(c) || SENTENCE_END.contains(&c))
            || TOTAL_WORDS.iter().any(|w| name.contains(w))
            || CUMULATIVE.iter().any(|w| name.contains(w))
            || ["收到", "受理", "办结", "结转"]
                .iter()
                .any(|w| name.contains(w))
            || compares(name)
            || (with_share && !shared(cx.plain(), &q.numbers, n))
        {
            break;
        }
        items.push(Continued {
            part: n,
            share: if with_share {
                q.numbers.get(k + 1)
            } else {
                None
            },
            name,
        });
        sum += n.value;
        // Without a share tying each paragraph to the whole, a list that makes up its total ends
        // there: what follows is the next topic ("办结12件……").
        if !with_share && sum == total.value {
            break;
        }
    }
    items
}

/// Whether `n` is the ordinal of a numbered item at the head of its paragraph ("1.", "2、", "（3）"):
/// a label, not a figure.
pub(super) fn is_ordinal(text: &str, para_start: usize, n: &Number) -> bool {
    n.unit.is_none()
        && text[para_start..n.range.start]
            .trim_start()
            .trim_start_matches(['（', '('])
            .is_empty()
        && text[n.range.end..].starts_with(['.', '．', '、', '）', ')'])
}

/// The total a 其中 opening paragraph `pi` refers to ("……共收到申请9件，同上年相比，增加3件。" then "其中，信函申请
/// 6件……"): the last count of the paragraph before, in the same section, of the part's unit and at least
/// the part, that is not a change.
pub(crate) fn previous_paragraph_total<'r>(
    cx: &'r Context,
    pi: usize,
    part: &Number,
) -> Option<&'r Number> {
    let paragraphs = &cx.report.paragraphs;
    let q = paragraphs.get(pi.checked_sub(1)?)?;
    if q.section != paragraphs[pi].section {
        return None;
    }
    let n = q
        .numbers
        .iter()
        .rev()
        .take(MAX_TOTAL_CANDIDATES)
        .find(|n| {
            n.is_count() && !n.approx && n.unit_key() == part.unit_key() && {
                let lead = &cx.plain()
                    [sentence_start(cx.plain(), q.range.start, n.range.start)..n.range.start];
                let clause = lead.rsplit(['，', ',']).next().unwrap_or(lead);
                !compares(clause)
            }
        })?;
    (n.value >= part.value).then_some(n)
}

/// Whether a lead-in makes its figure a stock (累计, 历年, 目前…, or 截至 a date), not the year's count. "截至
/// 2016年12月31日，我乡主动公开政府信息93条" in the report of 2016 is the year's count: the date is the end of
/// the year reported on, and nothing says 累计; nor is "2016年，我镇累计主动公开……" (累计 said of the year).
/// (`sentence` is the sentence up to the figure, where the year may be named: "2016年，……累计".)
pub(super) fn stock(cx: &Context, lead: &str, sentence: &str) -> bool {
    let dated = ["截至", "截止"].iter().any(|w| lead.contains(w));
    let undated = CUMULATIVE
        .iter()
        .filter(|w| !["截至", "截止"].contains(w))
        .any(|w| lead.contains(w));
    // "2016年，江坡镇累计主动公开政府信息223条": 累计 said of the year reported on adds up that year.
    let of_the_year = || {
        let only_summed = CUMULATIVE
            .iter()
            .filter(|w| sentence.contains(*w))
            .all(|w| ["累计", "总计"].contains(w));
        let year_named = cx
            .year
            .is_some_and(|y| sentence.contains(&format!("{y}年")))
            || ["全年", "本年", "今年", "年内"]
                .iter()
                .any(|w| sentence.contains(w));
        only_summed && year_named && !sentence.contains("以来")
    };
    if undated && !dated && of_the_year() {
        return false;
    }
    if undated || !dated {
        return undated;
    }
    let Some(year) = cx.year else {
        return true;
    };
    !["年12月31日", "年底", "年末"]
        .iter()
        .any(|end| lead.contains(&format!("{year}{end}")))
}
