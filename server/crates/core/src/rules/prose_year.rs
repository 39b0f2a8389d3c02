//! `prose-year`: a sentence that reports the year's work names an earlier
//! year as its period — "2022年，共受理政府信息公开申请30件" or "截至2022年底"
//! in a 2023 report, a sentence left from last year's report. The 统计期限
//! sentences are `period-year`'s.

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::Paragraph;
use crate::rules::prose_breakdown::SENTENCE_END;
use crate::semantic::Context;

/// A sentence with any of these looks back over several years or speaks of
/// last year's applications carried over: its year is meant. (Comparisons
/// need no list: "比2022年增长" never puts the year where the period stands.)
const EXCUSED: &[&str] = &[
    "以来",
    "至今",
    "历年",
    "连续",
    "先后",
    "结转",
    "转结",
    "统计期限",
    "统计期间",
    "统计时限",
    "统计时间",
    "年度报告",
    "年报",
];

/// Verbs of the year's work in the sentence.
const WORK: &[&str] = &[
    "受理", "收到", "新收", "收件", "公开", "发布", "办理", "答复", "办结", "制发", "印发", "召开",
    "开展", "接待",
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(year) = cx.year else { return };
    for p in &cx.report.paragraphs {
        let para = &cx.plain()[p.range.clone()];
        let mut start = 0;
        let pieces: Vec<&str> = para.split_inclusive(SENTENCE_END).collect();
        for (k, piece) in pieces.iter().enumerate() {
            let from = p.range.start + start;
            start += piece.len();
            if let Some((at, len, y, kind)) = stale_period(piece, year) {
                let sentence = *piece;
                let organ_speaks = kind == PERIOD && organ_subject(cx, &piece[at + len..]);
                // A year heading a later clause, after figures of the
                // sentence ("今年受理48件，2022年共受理42件"), is a comparison.
                let figures_before = p
                    .numbers
                    .iter()
                    .any(|n| n.range.start >= from && n.range.end <= from + at && n.is_count());
                if figures_before
                    || EXCUSED.iter().any(|w| sentence.contains(w))
                    || sentence.contains(&format!("{year}年"))
                    // "2022年共受理30件。2023年共受理45件。": a comparison in two sentences.
                    || pieces.get(k + 1).is_some_and(|next| opens_with_year(next, year))
                    // "2008年5月1日起我局开始……。2008年我局开展清理工作……。……。2009年，我局……":
                    // a history from its start to the report's year, not a sentence left from
                    // last year (that one opens its paragraph, or follows the report's own year).
                    || pieces[..k].iter().any(|prev| names_year_by(prev, y))
                        && pieces[k + 1..].iter().any(|next| opens_with_year(next, year))
                    || !(organ_speaks || reports_work(cx, p, from..from + piece.len(), sentence))
                {
                    continue;
                }
                let range = from + at..from + at + len;
                out.push(diag(
                    Code::ProseYear,
                    range.clone(),
                    format!(
                        "这句话{kind}是{y}年，本报告是{year}年度的报告（多半是上一年报告留下的句子）"
                    ),
                ));
            }
        }
    }
}

const PERIOD: &str = "报告的期间";

/// Whether a sentence starts with the report's year as its period: "2009年，我局……". ("截至2009年底" is not
/// enough: the template "2008年，我局……。截至2009年底，……运行正常" is exactly how a sentence is left over.)
fn opens_with_year(sentence: &str, year: i32) -> bool {
    sentence.trim_start().starts_with(&format!("{year}年"))
}

/// Whether a sentence names a year no later than `y` ("2008年5月1日起我局开始开展……").
fn names_year_by(sentence: &str, y: i32) -> bool {
    sentence.match_indices('年').any(|(i, _)| {
        i.checked_sub(4)
            .and_then(|from| sentence.get(from..i))
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|d| d.parse::<i32>().ok())
            .is_some_and(|d| (1990..=y).contains(&d))
    })
}

/// Whether what follows "2022年，" is the reporting organ: 我局, 本机关, or
/// the organ's name ("上海市坚持……" in the report of 上海市人民政府).
fn organ_subject(cx: &Context, after_year: &str) -> bool {
    let rest = after_year
        .trim_start_matches('度')
        .trim_start_matches('年')
        .trim_start_matches(['，', ',', '、', ' ']);
    if rest.starts_with(['我', '本']) {
        return true;
    }
    let Some(organ) = cx.report.front.organ() else {
        return false;
    };
    let head: String = organ.chars().take(2).collect();
    head.chars().count() == 2 && rest.starts_with(&head)
}

/// Whether the sentence reports figures of work: a count, and a verb of
/// work or a stock at the end of the period (截至……现行有效58件).
fn reports_work(
    cx: &Context,
    p: &Paragraph,
    range: std::ops::Range<usize>,
    sentence: &str,
) -> bool {
    (WORK.iter().any(|w| sentence.contains(w)) || sentence.contains("截"))
        && p.numbers.iter().any(|n| {
            n.range.start >= range.start
                && n.range.end <= range.end
                && n.is_count()
                && !cx.plain()[n.range.end..].starts_with('年')
        })
}

/// An earlier year written as the period of the sentence: at its start
/// ("2022年，", "2022年度，", "2022年全年") or as the end of the period
/// ("截至2022年底", "截止2022年12月31日"). (byte offset, length of the year
/// digits, the year, how it is used).
fn stale_period(sentence: &str, year: i32) -> Option<(usize, usize, i32, &'static str)> {
    let lead = sentence.len() - sentence.trim_start().len();
    let digits = |s: &str| -> Option<i32> {
        let d = s.get(..4)?;
        (d.bytes().all(|b| b.is_ascii_digit()) && !s[4..].starts_with(|c: char| c.is_ascii_digit()))
            .then(|| d.parse().ok())
            .flatten()
    };
    // At the start of the sentence, or of a clause ("完善依申请公开制度，
    // 2022年共受理……"; the caller makes sure no figure comes before it).
    let clause_starts = std::iter::once(lead).chain(
        sentence
            .match_indices(['，', ',', '；', ';'])
            .map(|(i, c)| i + c.len())
            .map(|i| i + (sentence[i..].len() - sentence[i..].trim_start().len())),
    );
    for start in clause_starts {
        let Some(y) = digits(&sentence[start..]) else {
            continue;
        };
        let rest = &sentence[start + 4..];
        let rest = rest
            .strip_prefix("年度")
            .or_else(|| rest.strip_prefix('年'))
            .unwrap_or("");
        // Not "2021年、2022年" (a list of years) nor "2022年结转".
        let period = rest.starts_with(['，', ','])
            || rest.starts_with('全')
            || rest.starts_with("1-12月")
            || rest.starts_with("1至12月")
            || rest.starts_with("共")
            || rest.starts_with("我")
            || rest.starts_with("本");
        if period && y < year && y >= 1990 {
            return Some((start, 4, y, PERIOD));
        }
    }
    // 截至2022年底 as the end of the period (each word starts with 截: a
    // sentence without it is not searched for each).
    if !sentence.contains('截') {
        return None;
    }
    for word in ["截至", "截止", "截止到", "截至到"] {
        for (at, _) in sentence.match_indices(word) {
            let after = &sentence[at + word.len()..];
            let Some(y) = digits(after) else { continue };
            let rest = &after[4..];
            let year_end = ["年底", "年末", "年12月31日", "年12月底", "年年底"]
                .iter()
                .any(|e| rest.starts_with(e));
            if year_end && y < year && y >= 1990 {
                return Some((at + word.len(), 4, y, "截至的时间"));
            }
        }
    }
    None
}
