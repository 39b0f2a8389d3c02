//! The year's applications in one sentence: "全年共收到申请89件，上年结转3件，办结88件，结转下年度4件". What came
//! in is what went out: received (plus what was carried in, when it is stated apart from the received)
//! equals done plus carried to next year. The words name each figure's role; a figure the words do not
//! name, outside a 其中 list or a bracket, makes the sentence unsure and nothing is said.

use super::*;

/// What a figure is in the year's flow of applications.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Received,
    CarriedIn,
    Done,
    CarriedOut,
    /// A detail of another figure: in brackets, or "含…3件".
    Detail,
    /// Last year's carry-in said to be inside the figure before: "543件（含上年度结转6件）".
    Included,
    /// A figure the words give no role.
    Other,
    /// Withdrawn, ended, not accepted, still open …: an outcome that may account for a difference.
    Outcome,
}
use Role::*;

/// Characters that end the clause around a figure.
const CLAUSE_END: &[char] = &[
    '，', ',', '；', ';', '。', '！', '？', '!', '?', '：', ':', '（', '(', '）', ')', '、', '\n',
];

/// How far either side of a figure its clause is looked for (bytes): a clause is a few words.
const CLAUSE_WINDOW: usize = 90;

/// How many figures a flow spans at most (received, carried in, done, carried over and the parts of a
/// 其中 list between them are far fewer): the bound keeps an endless sentence of carry-overs linear.
const FLOW_FIGURES: usize = 48;

/// Words that the sentence is about applications.
const APPLICATION: &[&str] = &["申请"];
const RECEIVED: &[&str] = &[
    "收到", "受理", "接收", "新收", "共收", "年收", "收悉", "接到", "办理", "处理",
];
pub(super) const DONE: &[&str] = &[
    "办结",
    "答复",
    "答覆",
    "回复",
    "回覆",
    "办理完毕",
    "处理完毕",
];
/// A figure of these clauses is an outcome the flow does not name: it may account for a difference.
const OUTCOMES: &[&str] = &[
    "撤回",
    "撤销",
    "终止",
    "不予受理",
    "转办",
    "转交",
    "退回",
    "未办结",
    "尚未",
    "正在",
];

/// Every sentence of the paragraph (with the one before it) that states received, done and carried-over
/// applications whose flow does not balance.
pub(super) fn flows(cx: &Context, para: &Para, out: &mut Vec<Diagnostic>) {
    let (text, year) = (cx.plain(), cx.year);
    let body = &text[para.range.clone()];
    if !body.contains("结转") && !body.contains("转下") {
        return;
    }
    let numbers: &[Number] = &para.numbers;
    let roles: Vec<Role> = numbers.iter().map(|n| role(text, para, n, year)).collect();
    for (k, _) in roles.iter().enumerate().filter(|(_, r)| **r == CarriedOut) {
        if let Some(d) = flow_at(text, para, &roles, k) {
            let taken = out.iter().any(|o| {
                o.code == Code::ProseBreakdown
                    && o.range.start < para.range.end
                    && o.range.end > para.range.start
                    && d.related
                        .iter()
                        .any(|r| r.range.start < o.range.end && o.range.start < r.range.end)
            });
            if !taken {
                out.push(d);
            }
        }
    }
}

/// The flow around the carried-over figure `k`.
// (表三's carry-in would settle an unsaid one, but this family reads paragraphs only: `rules::Scope`.)
fn flow_at(text: &str, para: &Para, roles: &[Role], k: usize) -> Option<Diagnostic> {
    let numbers: &[Number] = &para.numbers;
    let carried = &numbers[k];
    let start = para.sentence_start(carried.range.start);
    let end = para
        .ends
        .get(para.ends.partition_point(|e| e.0 < carried.range.end))
        .map_or(para.range.end, |e| e.0);
    // The received figure: the last one before the carried-over figure, in its sentence or the one before.
    let earlier = match start {
        s if s > para.range.start => para.sentence_start(s - 1),
        s => s,
    };
    let received = (0..k)
        .rev()
        .take(FLOW_FIGURES)
        .take_while(|&i| numbers[i].range.start >= earlier)
        .find(|&i| roles[i] == Received)?;
    let sentence = &text[para.sentence_start(numbers[received].range.start)..end];
    if !APPLICATION.iter().any(|w| sentence.contains(w)) {
        return None;
    }
    let last = para.ending_by(end).min(received + FLOW_FIGURES);
    // A carry-in may be said before the received ("除去上年结转的8件，今年共收到783件"), in its sentence.
    let opening = para.sentence_start(numbers[received].range.start);
    let mut carried_in: Vec<usize> = (0..received)
        .rev()
        .take(FLOW_FIGURES)
        .take_while(|&i| numbers[i].range.start >= opening)
        .filter(|&i| roles[i] == CarriedIn)
        .collect();
    // "共受理申请543件（含上年度结转6件）": the received holds the carry-in, and nothing is left unsaid.
    let included = (received + 1..roles.len())
        .take(FLOW_FIGURES)
        .find(|&i| roles[i] != Detail)
        .filter(|&i| roles[i] == Included)
        .map(|i| &numbers[i]);
    let mut done = Vec::new();
    let mut in_list = false;
    for i in received + 1..last {
        let between = &text[numbers[i - 1].range.end..numbers[i].range.start];
        in_list |= between.contains("其中");
        // (Once done and carried over are read, a figure of another kind starts another matter:
        // "……结转下年度13件，因政府信息公开引起行政复议54件".)
        let complete = i > k && !done.is_empty();
        match roles[i] {
            Done => done.push(i),
            CarriedIn => carried_in.push(i),
            CarriedOut if i != k => return None,
            Received | Outcome => return None,
            Other if complete => break,
            Other if !in_list => return None,
            _ => {}
        }
        if matches!(roles[i], Done | CarriedIn | CarriedOut) {
            in_list = false;
        }
    }
    let ([d], [] | [_]) = (&done[..], &carried_in[..]) else {
        return None;
    };
    let (r, d) = (&numbers[received], &numbers[*d]);
    let c = carried_in.first().map(|&i| &numbers[i]);
    let figures = [Some(r), Some(d), Some(carried), c];
    if figures.iter().flatten().any(|n| n.approx) {
        return None;
    }
    let out_sum = d.value + carried.value;
    // The received may hold a carry-in said as its part ("共办理申请467件，其中上年结转3件") or when it
    // counts what was handled ("办理"); a carry-in said beside what was received is not in it.
    // (Said between the received and the done, with no 其中 that may turn back to the received alone; a
    // carry-in said after the done, "另办结上年结转申请2件", is handled apart.)
    let beside = c.is_some_and(|c| {
        let gap = &text[r.range.end.min(d.range.start)..d.range.start];
        let lead = clause_before(text, r.range.start, CLAUSE_WINDOW, |ch| {
            CLAUSE_END.contains(&ch)
        });
        r.range.end <= c.range.start
            && c.range.end <= d.range.start
            && !gap.contains("其中")
            && !["办理", "处理"].iter().any(|w| lead.contains(w))
    });
    // "共受理申请455件，其中4件来自上一年度结转": said as the first part of the received, the carry-in is in
    // it, and the received alone must be what went out.
    let part_of_received = c.is_some_and(|c| {
        r.range.end <= c.range.start && {
            let gap = &text[r.range.end..c.range.start];
            gap.trim_start_matches(['，', ',']).starts_with("其中")
                && !gap.contains(|ch: char| ch.is_ascii_digit())
        }
    });
    let balanced = (out_sum == r.value && !beside)
        || c.is_some_and(|c| out_sum == r.value + c.value && !part_of_received);
    // More done than received with nothing said of last year: the carry-in was left unsaid.
    if balanced || (c.is_none() && included.is_none() && out_sum > r.value) {
        return None;
    }
    // "按时办结54件" counts the applications done in time only: some may have been done late, so the
    // flow is wrong only when even these and the carried-over exceed what came in.
    let in_time = {
        let lead = clause_before(text, d.range.start, CLAUSE_WINDOW, |ch| {
            CLAUSE_END.contains(&ch)
        });
        ["按时", "按期", "及时", "如期", "限时", "期限内", "时限内"]
            .iter()
            .any(|w| lead.contains(w))
    };
    if in_time && out_sum < r.value + c.map_or(Decimal::ZERO, |c| c.value) {
        return None;
    }
    let message = match c {
        Some(c) if part_of_received => format!(
            "办结 {} 与结转下年 {} 之和为 {}，与收到的申请 {}（其中上年结转 {}）不符（相差 {}）",
            d.value,
            carried.value,
            out_sum,
            r.value,
            c.value,
            (r.value - out_sum).abs()
        ),
        None => format!(
            "办结 {} 与结转下年 {} 之和为 {}，与收到的申请 {}{} 不符（相差 {}）",
            d.value,
            carried.value,
            out_sum,
            r.value,
            included.map_or(String::new(), |n| format!("（已含上年结转 {}）", n.value)),
            (r.value - out_sum).abs()
        ),
        Some(c) => format!(
            "办结 {} 与结转下年 {} 之和为 {}，既不等于收到的申请 {}，也不等于加上年结转 {} 后的 {}",
            d.value,
            carried.value,
            out_sum,
            r.value,
            c.value,
            r.value + c.value
        ),
    };
    let mut diag = diag(Code::ProseBreakdown, r.range.clone(), message)
        .related(r.range.clone(), format!("收到 {}", r.value))
        .related(d.range.clone(), format!("办结 {}", d.value))
        .related(carried.range.clone(), format!("结转下年 {}", carried.value));
    if let Some(c) = c {
        diag = diag.related(c.range.clone(), format!("上年结转 {}", c.value));
    }
    Some(diag)
}

/// The role the words around `n` give it.
fn role(text: &str, para: &Para, n: &Number, year: Option<i32>) -> Role {
    // (Years, dates and rates in the sentence are no figures of the flow.)
    if !n.is_count() || matches!(n.unit_key(), Some("年" | "月" | "日" | "号" | "号文")) {
        return Detail;
    }
    if !matches!(
        n.unit_key(),
        Some("件" | "件次" | "条" | "个" | "项" | "宗" | "份")
    ) {
        return Other;
    }
    let before = clause_before(text, n.range.start, CLAUSE_WINDOW, |c| {
        CLAUSE_END.contains(&c)
    });
    let before = &before[before.len() - before.trim_start().len()..];
    let after = clause_after(text, n.range.end);
    let inside = ["含", "包含", "包括", "内含", "其中含"]
        .iter()
        .any(|w| before.starts_with(w));
    if inside && carry(before, year) == Some(CarriedIn) {
        return Included;
    }
    if inside || para.depth_at(n.range.start) > 0 {
        return Detail;
    }
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| before.contains(w) || after.contains(w))
    };
    match carry(before, year).or_else(|| carry(after, year)) {
        Some(role) => return role,
        None if has(&["结转"]) => return Other,
        None => {}
    }
    if has(OUTCOMES) {
        return Outcome;
    }
    if has(DONE) {
        return Done;
    }
    if has(RECEIVED) && !before.starts_with("其中") {
        return Received;
    }
    Other
}

/// The clause right after `at`, up to its end (at most [`CLAUSE_WINDOW`] bytes).
fn clause_after(text: &str, at: usize) -> &str {
    let mut to = (at + CLAUSE_WINDOW).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let rest = &text[at..to];
    rest.split(CLAUSE_END).next().unwrap_or(rest)
}

/// Whether `clause` says its figure was carried in from last year or is carried to next year.
fn carry(clause: &str, year: Option<i32>) -> Option<Role> {
    for w in ["转下", "转至下", "转到下", "转入下"] {
        if clause.contains(w) {
            return Some(CarriedOut);
        }
    }
    for w in ["未办结", "转至今年", "转入本年"] {
        if clause.contains(w)
            && ["上年", "上一年", "去年", "上年度"]
                .iter()
                .any(|p| clause.contains(p))
        {
            return Some(CarriedIn);
        }
    }
    let (at, word) = clause
        .match_indices("结转")
        .chain(clause.match_indices("转结"))
        .next()?;
    let head = &clause[..at];
    let tail = clause[at + word.len()..].trim_start_matches(['至', '到', '入', '为', ' ']);
    if tail.starts_with(['下', '次', '明']) {
        return Some(CarriedOut);
    }
    let last_year = ["上年", "上一年", "去年", "上年度", "前一年", "往年"];
    if last_year
        .iter()
        .any(|p| head.contains(p) || tail.starts_with(p))
    {
        return Some(CarriedIn);
    }
    // A year written out: before the report's year it is carried in, after it carried out.
    let year_in = |s: &str| -> Option<i32> {
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        (digits.len() == 4).then(|| digits.parse().ok()).flatten()
    };
    let written = year_in(tail).or_else(|| {
        let head = head.trim_end_matches(['年', '度']).trim_end_matches('年');
        let from = head.len().saturating_sub(4);
        head.is_char_boundary(from)
            .then(|| year_in(&head[from..]))
            .flatten()
    })?;
    let year = year?;
    match written.cmp(&year) {
        std::cmp::Ordering::Less => Some(CarriedIn),
        std::cmp::Ordering::Greater => Some(CarriedOut),
        std::cmp::Ordering::Equal => None,
    }
}

/// Whether a list with a carried-over part that goes over its total by a carry-in said in the total's
/// sentence, or by one left unsaid, is the flow out of received plus carried in ("除上年度结转的1件，共
/// 收到申请124件，其中办理122件，结转下年度3件": 122 + 3 = 124 + 1), not a breakdown of the received alone.
pub(super) fn carry_in_accounts(
    cx: &Context,
    para: &Para,
    total: &Number,
    parts: &[&Number],
) -> bool {
    let (text, year) = (cx.plain(), cx.year);
    let sum: Decimal = parts.iter().map(|n| n.value).sum();
    if sum <= total.value
        || !parts
            .iter()
            .any(|n| role(text, para, n, year) == CarriedOut)
    {
        return false;
    }
    let start = para.sentence_start(total.range.start);
    let end = parts.last().map_or(total.range.end, |n| n.range.end);
    let from = para.numbers.partition_point(|n| n.range.start < start);
    let to = para.ending_by(end);
    let carried_in: Vec<&Number> = para.numbers[from..to.max(from)]
        .iter()
        .take(FLOW_FIGURES)
        .filter(|n| {
            !parts.iter().any(|p| p.range == n.range)
                && matches!(role(text, para, n, year), CarriedIn | Included)
        })
        .collect();
    // (With no carry-in said, the excess may be one left unsaid, as the flow itself assumes.)
    carried_in.is_empty() || carried_in.iter().any(|n| sum - total.value == n.value)
}
