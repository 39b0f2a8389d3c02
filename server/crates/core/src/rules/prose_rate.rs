//! `prose-rate`: "受理6220件，办结6037件，办结率97%" — the rate must be the
//! figure named by its verb (办结) over the figure before it.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::semantic::Context;

const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?', '；', ';'];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = cx.plain();
    for p in &cx.report.paragraphs {
        // The rates named before "分别为" still waiting for their percentages, and the next one's index.
        let mut respectively: Option<(Vec<&str>, usize)> = None;
        for (i, rate) in p.numbers.iter().enumerate() {
            if !rate.is_percent() {
                respectively = None;
                continue;
            }
            let prev_end = if i > 0 {
                p.numbers[i - 1].range.end
            } else {
                p.range.start
            };
            let lead = &text[prev_end..rate.range.start];
            let names = match lead.rfind('率') {
                Some(at) => {
                    let (names, together) = rate_names(lead, at);
                    respectively = None;
                    match together {
                        Together::Respectively if names.len() > 1 => {
                            respectively = Some((names.clone(), 1));
                            vec![names[0]]
                        }
                        Together::Same => names,
                        _ => vec![names[names.len() - 1]],
                    }
                }
                // ("……率、……率分别为97.5%、92.5%": the second percentage is of the second rate.)
                None => match respectively.take() {
                    Some((names, k)) if ["、", "，", ",", "和", "及"].contains(&lead.trim()) => {
                        let name = names[k];
                        if k + 1 < names.len() {
                            respectively = Some((names, k + 1));
                        }
                        vec![name]
                    }
                    _ => continue,
                },
            };
            if rate.approx {
                continue;
            }
            for name in names {
                check_one(cx, p, i, rate, name, out);
            }
        }
    }
}

/// How the rates named together before one percentage share it.
enum Together {
    /// One rate only.
    One,
    /// "……率、……率均为100%": all of them.
    Same,
    /// "……率、……率分别为97.5%、92.5%": one percentage each, in order.
    Respectively,
}

/// The names of the rates a percentage is said of, in the order of the text: the words before 率 back to
/// punctuation (提前办结率 → 提前办结), and the rates said together with it ("答复率、答复及时率均为100%":
/// 答复 and 答复及时).
fn rate_names(lead: &str, at: usize) -> (Vec<&str>, Together) {
    let name_before = |end: usize| {
        let start = lead[..end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| {
                !c.is_ascii_punctuation() && !"，、；：。（）".contains(*c) && !c.is_whitespace()
            })
            .last()
            .map_or(end, |(k, _)| k);
        (start, lead[start..end].trim_start_matches(['共', '的']))
    };
    let (mut start, name) = name_before(at);
    let mut names = vec![name];
    let together = if lead[at..].contains("分别") {
        Together::Respectively
    } else if ["均", "都"].iter().any(|w| lead[at..].contains(w)) {
        Together::Same
    } else {
        return (names, Together::One);
    };
    while let Some(prev) = ["率、", "率和", "率及", "率与"]
        .iter()
        .find_map(|j| lead[..start].strip_suffix(j))
    {
        let (s, n) = name_before(prev.len());
        if n.is_empty() {
            break;
        }
        names.push(n);
        start = s;
    }
    names.reverse();
    (names, together)
}

/// Checks one rate, said of `name`, against the counts before it.
fn check_one(
    cx: &Context,
    p: &crate::model::Paragraph,
    i: usize,
    rate: &crate::model::Number,
    name: &str,
    out: &mut Vec<Diagnostic>,
) {
    let text = cx.plain();
    let verb: String = {
        let chars: Vec<char> = name.chars().collect();
        chars[chars.len().saturating_sub(2)..].iter().collect()
    };
    // A rate of change (增长率, 增幅, 下降率) is over last year's figure, which the sentence
    // rarely states: not checked here.
    if ["增长", "增幅", "下降", "减少", "增加", "同比", "环比"]
        .iter()
        .any(|w| name.contains(w))
    {
        return;
    }
    if verb.chars().count() < 2 {
        return;
    }
    let sentence_start = text[p.range.start..rate.range.start]
        .rfind(SENTENCE_END)
        .map_or(p.range.start, |k| p.range.start + k);
    // A rate said in a sentence of its own right after its counts ("……已办结58条。办结率98.3%。")
    // is of the sentence before.
    let own_sentence = p.numbers[..i]
        .last()
        .is_none_or(|n| n.range.end <= sentence_start)
        && text[sentence_start..rate.range.start].chars().count() <= 12;
    let sentence_start = if own_sentence && sentence_start > p.range.start {
        text[p.range.start..sentence_start]
            .rfind(SENTENCE_END)
            .map_or(p.range.start, |k| p.range.start + k)
    } else {
        sentence_start
    };
    // A bare figure run on into the rate's name ("12345政务服务便民热线平台7817办结率100%": the page lost
    // the unit and the comma) is what the rate is of; its counts are not said.
    if i > 0 && {
        let n = &p.numbers[i - 1];
        n.unit.is_none()
            && !n.is_percent()
            && !text[n.range.end..rate.range.start]
                .contains(|c: char| c.is_ascii_punctuation() || "，。；：、（）".contains(c))
    } {
        return;
    }
    let before: Vec<_> = p.numbers[..i]
        .iter()
        .filter(|n| n.range.start >= sentence_start && n.is_count())
        .collect();
    let lead_of = |k: usize| -> &str {
        let from = if k == 0 {
            sentence_start
        } else {
            before[k - 1].range.end
        };
        &text[from..before[k].range.start]
    };
    // Numerator: the nearest count whose lead-in names the rate
    // (提前办结 for 提前办结率), not a detail after 其中. A rate named by its verb alone may be
    // named by a verb that says the same ("受理8件，办结8件，答复率100%").
    // A rate named by its base and its verb ("新收申请办结率"): the verb's counts over the count the
    // words before the verb name (the count said with 新收申请).
    let qualified = SAME_VERB.iter().find_map(|(v, same)| {
        let base = name.strip_suffix(v)?;
        (base.chars().count() >= 2 && (0..before.len()).any(|k| lead_of(k).contains(base)))
            .then_some((base, *same))
    });
    let synonyms: &[&str] = match SAME_VERB.iter().find(|(v, _)| *v == name) {
        Some((_, same)) => same,
        None => qualified.map_or(&[], |(_, same)| same),
    };
    // (The rate's own name first: "已办结276件，其中……直接答复工单46件，办结率100%" is over 276.)
    // (A detail after 其中 names the rate only when the rate's name says more than its verb:
    // "共受理36件，其中按期办结35件，按期办结率100%" is over 36, "办结276件，其中按时办结270件，办结率100%" over 276.)
    let named_by = |k: usize, words: &[&str]| {
        // (Words right after the figure before, up to a separator, are that figure's, written figure first: in
        // "其中40件已办结，2件正在办理", 已办结 names the 40, not the 2.)
        let l = match lead_of(k).split_once(['，', ',', '、', '；', ';']) {
            Some((own, rest)) if k > 0 && !own.trim().is_empty() => rest,
            _ => lead_of(k),
        };
        words.iter().any(|w| names_positively(l, w))
            && (!l.contains("其中") || (name.len() > verb.len() && l.contains(name)))
    };
    let Some(ni) = (0..before.len())
        .rev()
        .find(|&k| named_by(k, &[name]))
        .or_else(|| (0..before.len()).rev().find(|&k| named_by(k, synonyms)))
    else {
        let said = &text[sentence_start..rate.range.start];
        out.extend(
            said_of_all(said, name, &verb, rate)
                .or_else(|| fits_no_count(said, &before, name, rate)),
        );
        return;
    };
    let numerator = before[ni];
    // A 结转率 is of what goes on to next year: last year's carry-in is no numerator of it ("新收申请18件，
    // 上年结转2件，办结19件，结转率5%": 1 of 20, the one carried over left unsaid).
    let last_year = ["上年", "上一年", "去年", "以前年度"];
    if name.contains("结转") && last_year.iter().any(|w| lead_of(ni).contains(w)) {
        return;
    }
    // Counts joined in a list and named alike ("公开答复41条、电话答复70条，办结率100%") are the
    // parts of the count the rate is of: their sum is the numerator.
    let words: &[&str] = if lead_of(ni).contains(name) {
        &[name]
    } else {
        synonyms
    };
    let mut first = ni;
    while first > 0
        && lead_of(first).trim_start().starts_with(['、', '和', '及'])
        && before[first - 1].unit_key() == numerator.unit_key()
        && named_by(first - 1, words)
    {
        first -= 1;
    }
    let run = &before[first..=ni];
    let done: Decimal = run.iter().map(|n| n.value).sum();
    let ni = first;
    // Named by a synonym only, with a carry-over in the sentence ("办结8件，结转下年度2件，答复率100%"):
    // the rate may be over the cases due, not the received; the words do not say.
    let by_synonym = !lead_of(ni).contains(name);
    if by_synonym
        && ["结转"]
            .iter()
            .any(|w| text[sentence_start..rate.range.start].contains(w))
    {
        return;
    }
    // Denominator: the nearest earlier count of the same unit that is
    // not itself a count of the verb (受理 1200, not 按时办结 1150).
    // …nor the numerator of another rate ("直接纠错236件，纠错率24.2%，……结案170件，调解率17.4%").
    let has_own_rate = |k: usize| {
        let at = p
            .numbers
            .partition_point(|n| n.range.start <= before[k].range.start);
        p.numbers.get(at).is_some_and(|r| {
            r.is_percent()
                && text[before[k].range.end.min(r.range.start)..r.range.start]
                    .chars()
                    .take(13)
                    .any(|c| c == '率')
        })
    };
    let carried_in = |l: &str| l.contains("结转") && last_year.iter().any(|w| l.contains(w));
    // What the numerator's verb is done to, when its words say ("按时回复留言15条"): the base counts the
    // same things ("收到留言15条"), not the posts of a channel before them ("政务微信发布148条").
    let object = object_of(lead_of(ni), words);
    // (Named by the base the rate's name gives, when the numerator is named by the verb alone.)
    let base = qualified
        .map(|(base, _)| base)
        .filter(|_| !lead_of(ni).contains(name));
    // (The due ones are the base although named by the verb: "应答复申请50件，已答复48件，答复率98%".)
    let due = |l: &str| {
        std::iter::once(verb.as_str())
            .chain(synonyms.iter().copied())
            .any(|v| l.match_indices(v).any(|(at, _)| l[..at].ends_with('应')))
    };
    let Some(denominator) = (0..ni)
        .rev()
        .find(|&k| {
            let l = lead_of(k);
            before[k].unit_key() == numerator.unit_key()
                && (due(l)
                    || !l.contains(verb.as_str()) && !synonyms.iter().any(|v| l.contains(v)))
                && !has_own_rate(k)
                // (The carried in joins the received; it is not the base alone.)
                && !carried_in(l)
                // (What is carried over is a share of what came in, not of what was done.)
                && !(name.contains("结转") && ["办结", "答复", "办理完毕"].iter().any(|w| l.contains(w)))
                && base.is_none_or(|b| l.contains(b))
                && object.is_none_or(|o| l.contains(o))
                // (What was published of the office's own accord is no base of a rate of handling:
                // "主动公开286件，办结依申请公开38件，……答复率……均为100%".)
                && (!l.contains("主动公开") || name.contains("主动公开"))
        })
        .map(|k| before[k])
    else {
        return;
    };
    // More done than received ("收到申请7件，办理答复8件（其中1件为去年结转），答复率100%"): the base
    // is not the figure read (a carry-over joins it), so the rate cannot be checked.
    if run.iter().any(|n| n.approx)
        || denominator.approx
        || denominator.value.is_zero()
        || done > denominator.value
    {
        return;
    }
    let actual = done / denominator.value * Decimal::from(100);
    // (Rounded or truncated to the written places, as a share is: 227 of 229 is 99.1 %, not 100 %.)
    let fits = |n: Decimal, d: Decimal| {
        !d.is_zero() && n <= d && super::prose_share::agrees(n, d, rate.written)
    };
    if fits(done, denominator.value) {
        return;
    }
    // Other readings the words allow, any of which makes the rate right (precision first):
    let same_unit = |n: &&crate::model::Number| n.unit_key() == numerator.unit_key() && !n.approx;
    let count_of = |k: usize, words: &[&str]| {
        let l = lead_of(k);
        same_unit(&before[k]) && words.iter().any(|w| l.contains(w))
    };
    let after_run = (ni + run.len())..before.len();
    // - the parts of the count listed before it in a clause of their own or after 其中
    //   ("公开答复45条，电话答复15条，办结率100%"; "其中予以公开60件、部分公开21件，公开率30.8%");
    let mut listed = done;
    let mut k = ni;
    let mut alternatives = Vec::new();
    while k > 0
        && same_unit(&before[k - 1])
        && lead_of(k)
            .trim_start()
            .starts_with(['、', '和', '及', '，', ','])
        && words.iter().any(|w| names_positively(lead_of(k - 1), w))
    {
        k -= 1;
        // (Sums saturate: a figure near the largest decimal must not overflow.)
        listed = listed.saturating_add(before[k].value);
        alternatives.push((listed, denominator.value));
        // (…or one of them: "满意106人次，基本满意5人次，满意率95.5%".)
        alternatives.push((before[k].value, denominator.value));
    }
    // - withdrawn requests are closed too ("答复9件，撤回1件，办结率100%");
    // (said before the figure or after it: "另有2件申请人主动撤回")
    let withdrawn: Decimal = after_run
        .clone()
        .filter(|&k| {
            let n = before[k];
            let tail = &text[n.range.end..rate.range.start];
            let clause = &tail[..tail.find(['，', ',', '；', ';']).unwrap_or(tail.len())];
            same_unit(&n)
                && ["撤回", "撤销"]
                    .iter()
                    .any(|w| lead_of(k).contains(w) || clause.contains(w))
        })
        .map(|k| before[k].value)
        .fold(Decimal::ZERO, Decimal::saturating_add);
    alternatives.push((done.saturating_add(withdrawn), denominator.value));
    // - the base is what was to be done: the done and the carried over ("办结48件（含上年结转3件），
    //   办结率90.6%，结转下年5件" is over 53), or a count named as the due ones ("其中到期应办结36件");
    const CARRIED_OUT: &[&str] = &["结转下", "转下年", "结转至下", "转入下"];
    for k in after_run.clone() {
        if count_of(k, CARRIED_OUT) {
            alternatives.push((done, done.saturating_add(before[k].value)));
        }
    }
    let from = before
        .iter()
        .position(|n| std::ptr::eq(*n, denominator))
        .unwrap_or(0);
    alternatives.extend(
        (from..ni)
            .filter(|&k| count_of(k, &["应办结", "应答复", "到期"]))
            .map(|k| (done, before[k].value)),
    );
    // - another count of the sentence as the base: one in brackets ("答复263件（受理267件），……
    //   公开率30.80%" is over 263), the sum said after the rate ("按……合计467件计算"), or the
    //   received with the carried in ("办结946件（含上年结转22件），办结率97.2%" is over 951 + 22);
    //   (a count of pieces in another counter is one too: "共受理6253个诉求，其中……已答复6151件");
    let pieces = |n: &crate::model::Number| {
        [n, numerator]
            .iter()
            .all(|m| m.unit_key().is_some_and(|u| PIECES.contains(&u)))
    };
    for (k, n) in before.iter().enumerate() {
        if same_unit(n) && carried_in(lead_of(k)) {
            alternatives.push((done, denominator.value.saturating_add(n.value)));
        }
        if k < ni && (same_unit(n) || !n.approx && pieces(n)) {
            alternatives.push((done, n.value));
        }
    }
    // (The carried over, the carried in and the other counts may be said after the rate, in the
    // same sentence.)
    let sentence_end = text[rate.range.end..p.range.end]
        .find(SENTENCE_END)
        .map_or(p.range.end, |k| rate.range.end + k);
    let mut from_rate = rate.range.end;
    for n in p.numbers[i + 1..]
        .iter()
        .take_while(|n| n.range.end <= sentence_end)
    {
        let l = &text[from_rate.min(n.range.start)..n.range.start];
        from_rate = n.range.end;
        if !same_unit(&n) {
            continue;
        }
        if CARRIED_OUT.iter().any(|w| l.contains(w)) {
            alternatives.push((done, done.saturating_add(n.value)));
        }
        if n.is_count() {
            alternatives.push((done, n.value));
            if carried_in(l) {
                alternatives.push((done, denominator.value.saturating_add(n.value)));
            }
        }
    }
    // - the rest answered another way ("公开答复6件，其余3件电话回复，办复率100%"): all the counts
    //   from the numerator to the rate;
    // (An approximate rest too: "其余约17条为现场答复" may be exactly what is left, and this only silences.)
    let rest = after_run
        .clone()
        .filter(|&k| before[k].unit_key() == numerator.unit_key())
        .map(|k| before[k].value)
        .fold(Decimal::ZERO, Decimal::saturating_add);
    alternatives.push((done.saturating_add(rest), denominator.value));
    alternatives.push((listed.saturating_add(rest), denominator.value));
    // - one count of a run named alike ("满意186份，基本满意12份，……满意率93%" is of the first).
    for n in run {
        alternatives.push((n.value, denominator.value));
    }
    if alternatives.iter().any(|&(n, d)| fits(n, d)) {
        return;
    }
    // The message reads the listed parts together, when they fit under the base.
    let (done, first_start, actual) = if k < ni && listed <= denominator.value {
        let actual = listed / denominator.value * Decimal::from(100);
        (listed, before[k].range.start, actual)
    } else {
        (done, run[0].range.start, actual)
    };
    let shown = actual.round_dp(rate.written.scale().max(2));
    let fixed = actual.round_dp(rate.written.scale());
    let d = diag(
        Code::ProseRate,
        rate.digits_range.clone(),
        format!(
            "{name}率按 {}÷{} 计算为 {}%，正文写作 {}%",
            done.normalize(),
            denominator.value,
            shown.normalize(),
            rate.written
        ),
    )
    .related(
        first_start..numerator.range.end,
        format!("{verb} {}", done.normalize()),
    )
    .related(
        denominator.range.clone(),
        format!("总数 {}", denominator.value),
    );
    let d = if fixed.to_f64().is_some() {
        d.fix(
            format!("改为 {}%", fixed.normalize()),
            rate.digits_range.clone(),
            fixed.normalize().to_string(),
        )
    } else {
        d
    };
    out.push(d);
}

/// Counters of single pieces that reports write for one another (诉求 in 个, answered in 件).
const PIECES: &[&str] = &["件", "个", "条", "项", "宗", "起", "份"];

/// What the last of `verbs` in `lead` is done to, when the words after it end with one of [`OBJECTS`]
/// ("按时回复留言" → "留言"); `None` for a verb right before its count ("办结", "结转下年度").
fn object_of(lead: &str, verbs: &[&str]) -> Option<&'static str> {
    let (at, verb) = verbs
        .iter()
        .filter_map(|v| lead.rfind(v).map(|at| (at, *v)))
        .max_by_key(|&(at, _)| at)?;
    let after = lead[at + verb.len()..]
        .trim_end_matches(|c: char| c.is_whitespace() || "“”\"的".contains(c));
    OBJECTS.iter().copied().find(|o| after.ends_with(o))
}

/// The things a rate's verb is done to that reports name ("回复留言", "答复来信"): a base counting other
/// things (posts, documents) is not theirs.
const OBJECTS: &[&str] = &[
    "留言", "来信", "信件", "诉求", "工单", "咨询", "建议", "提案", "申请", "投诉", "举报",
];

/// Whether `lead` names `word` other than negated ("不合格55个" does not name 合格, "未办结" not 办结).
fn names_positively(lead: &str, word: &str) -> bool {
    !word.is_empty()
        && lead
            .match_indices(word)
            .any(|(at, _)| !lead[..at].ends_with(['不', '未', '非', '无', '無']))
}

/// Verbs that say the same of a request as the rate's verb.
const SAME_VERB: &[(&str, &[&str])] = &[
    ("办结", &["办结", "答复", "回复", "办理完毕"]),
    ("答复", &["答复", "回复", "办结"]),
    ("回复", &["回复", "答复"]),
    ("办复", &["办复", "办结", "答复", "回复"]),
];

/// How many items a rate of a few is tried over ([`fits_no_count`]): beyond this any percentage fits some count.
const FEW: u32 = 40;

/// The verbs of rates over the items counted before them (not 满意率, whose base may be the people asked).
const OF_THE_ITEMS: &[&str] = &[
    "办结", "答复", "回复", "办复", "公开", "处理", "办理", "解读",
];

/// "全年收到依申请公开信息3条，答复率90%": a rate whose counts the words do not name, in a sentence whose every
/// count is a few items (and no carry-over, which could add unsaid ones): over at most that many items a rate can
/// only be k of m (m ≤ the largest count), and none gives 90 %.
fn fits_no_count(
    said: &str,
    before: &[&crate::model::Number],
    name: &str,
    rate: &crate::model::Number,
) -> Option<crate::diagnostic::Diagnostic> {
    if !OF_THE_ITEMS.iter().any(|v| name.ends_with(v))
        || before.is_empty()
        || before
            .iter()
            .any(|n| n.approx || !n.value.fract().is_zero())
        || ["结转", "累计", "历年"].iter().any(|w| said.contains(w))
        || rate.written > Decimal::ONE_HUNDRED
    {
        return None;
    }
    // (All the counts together bound the base: "收到市级提案5件、市级建议1件、县级提案3件" may be over 9.)
    let most: Decimal = before.iter().map(|n| n.value).sum();
    let most = u32::try_from(most.trunc().mantissa())
        .ok()
        .filter(|&m| (1..=FEW).contains(&m))?;
    let fits = (1..=most).any(|m| {
        let whole = Decimal::from(m);
        // (The nearest k either side of the stated rate, and the ends.)
        let k = (rate.written * whole / Decimal::ONE_HUNDRED).floor();
        [k, k + Decimal::ONE]
            .iter()
            .filter(|k| **k >= Decimal::ZERO && **k <= whole)
            .any(|k| super::prose_share::agrees(*k, whole, rate.written))
    });
    if fits {
        return None;
    }
    let counts: Vec<String> = before
        .iter()
        .map(|n| n.value.normalize().to_string())
        .collect();
    Some(diag(
        Code::ProseRate,
        rate.digits_range.clone(),
        format!(
            "{name}率写作 {}%，但句中的计数合起来只有 {most}（{}）：不超过 {most} 件的任何件数都得不出这个率",
            rate.written,
            counts.join("+"),
        ),
    ))
}

/// "8件申请均按时办结，办结率达到90%": the sentence says all were done, so the rate is 100 %.
fn said_of_all(
    before: &str,
    name: &str,
    verb: &str,
    rate: &crate::model::Number,
) -> Option<crate::diagnostic::Diagnostic> {
    let verbs = SAME_VERB.iter().find(|(v, _)| *v == verb)?.1;
    let (at, all) = ["均", "全部", "全都", "一律"].iter().find_map(|w| {
        let at = before.rfind(w)?;
        // (Within twelve characters, or further on in its clause, up to twenty: "已全部按照程序依规、按时进行答复".)
        let rest = &before[at + w.len()..];
        let near: String = rest.chars().take(12).collect();
        let clause: String = rest
            .chars()
            .take_while(|c| !"，,；;。".contains(*c))
            .take(20)
            .collect();
        verbs
            .iter()
            .find(|v| near.contains(*v) || clause.contains(*v))
            .map(|v| (at, (*w, *v)))
    })?;
    // "其中25件均已办结": all of a part, not of the whole the rate is over.
    let near = before[..at]
        .char_indices()
        .rev()
        .nth(23)
        .map_or(0, |(i, _)| i);
    // (Nor "除结转下一年度的27件外，946件已全部办结": all but some.)
    // (Nor when another count follows the all: "上年结转的4件已全部办结，本年新收37件中办结35件，新收申请办结率
    // 94.6%" is of the 37.)
    if rate.written >= Decimal::ONE_HUNDRED
        || before[near..at].contains("其中")
        || before[at..].contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || before[..at].contains('除')
    {
        return None;
    }
    Some(
        diag(
            Code::ProseRate,
            rate.digits_range.clone(),
            format!(
                "{name}率写作 {}%，但同一句说“{}……{}”，即全部{}（应为 100%）",
                rate.written, all.0, all.1, all.1
            ),
        )
        .fix("改为 100%", rate.digits_range.clone(), "100".to_string()),
    )
}

#[cfg(test)]
mod tests {
    use crate::check::{check_text, Config};

    fn rates(text: &str) -> Vec<String> {
        check_text(text, &Config::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "prose-rate")
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn correct_rates_pass() {
        assert!(rates("网上受理业务量6220件,办结6037件,办结率97%。\n").is_empty());
        assert!(rates("共受理业务2209宗,办结2209宗,办结率100%。\n").is_empty());
        assert!(rates("实体办事大厅受理事项28860件,办结率达100%。\n").is_empty());
    }

    #[test]
    fn wrong_rate_is_reported_with_the_computed_value() {
        let m = rates("网上受理业务量6220件,办结6037件,办结率90%。\n");
        assert_eq!(m, vec!["办结率按 6037÷6220 计算为 97.06%，正文写作 90%"]);
    }
}
