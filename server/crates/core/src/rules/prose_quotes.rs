//! `prose-table-mismatch`: a figure quoted in the text ("收到政府信息公开申请
//! 57件", "行政复议1件") that differs from the table cell it quotes. Which
//! phrases quote which cells is data (`[[quotes]]` in the format files).
//!
//! A phrase only counts when it stands just before the figure, within the
//! same clause, and the sentence is about 政府信息公开 requests (for 表三)
//! or mentions 信息公开 (for 表四): "12345热线办结2209件" is not a quote of
//! 表三.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rust_decimal::Decimal;

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::CellValue;
use crate::rules::prose_breakdown::{COMPARISON, SENTENCE_END};
use crate::semantic::Context;

/// Words that put a figure in last year.
const PREVIOUS_YEAR: &[&str] = &["上年", "去年", "上一年", "上年度"];

fn sentence_start_of(text: &str, para_start: usize, at: usize) -> usize {
    text[para_start..at]
        .rfind(SENTENCE_END)
        .map_or(para_start, |k| para_start + k)
}

/// A figure naming a year other than 年度 ("2022年收到申请48件"): the
/// figures after it in its sentence are about that year.
fn is_other_year(cx: &Context, m: &crate::model::Number) -> bool {
    m.unit.is_none()
        && cx.plain()[m.range.end..].starts_with('年')
        && m.written.scale() == 0
        && (1990..=2100).contains(&m.written.mantissa())
        && Some(m.written.mantissa() as i32) != cx.year
}

/// What a sentence has said up to a figure.
#[derive(Default)]
struct Said {
    /// Where the sentence starts.
    sentence: Option<usize>,
    /// The quotes already made in it.
    quoted: Vec<&'static str>,
    /// Its subject is something other than 政府信息公开 (a hotline, 行政许可) since the last clause about it.
    foreign: bool,
    /// The clause is about a group of the requests ("其中涉及房屋征收的申请20件，予以公开18件"): its figures
    /// are the group's, up to a semicolon.
    group: bool,
}

/// Words of a clause about something other than 政府信息公开: its figures quote no cell.
const FOREIGN: &[&str] = &[
    "热线",
    "诉求",
    "行政许可",
    "办件",
    "政务服务",
    "信访",
    "咨询",
    "投诉",
    "留言",
    "复议机关",
    "各县区",
    "各乡镇",
    "各部门",
    "各单位",
];

/// Words right before a phrase that pick some of its figure ("按期办结55件", "延期办结2件").
const QUALIFIERS: &[&str] = &[
    "按期", "按时", "延期", "提前", "当场", "当日", "限时", "逾期",
];

/// Words that make a count one of all years, not of 年度.
const CUMULATIVE: &[&str] = &["历年", "以来", "截至目前", "截止目前"];

/// The words a lead is looked into for, by group: each lead is scanned once for all of them (rather
/// than a search per word per figure).
const WORD_GROUPS: [&[&str]; 5] = [
    FOREIGN,
    &["政府信息公开", "信息公开申请", "依申请公开"],
    CUMULATIVE,
    COMPARISON,
    PREVIOUS_YEAR,
];
const FOREIGN_WORDS: u8 = 1 << 0;
const ABOUT_DISCLOSURE: u8 = 1 << 1;
const CUMULATIVE_WORDS: u8 = 1 << 2;
const COMPARISON_WORDS: u8 = 1 << 3;
const PREVIOUS_YEAR_WORDS: u8 = 1 << 4;

/// The groups of [`WORD_GROUPS`] whose words `lead` holds, as bits.
fn word_groups(lead: &str) -> u8 {
    static FINDER: LazyLock<(AhoCorasick, Vec<u8>)> = LazyLock::new(|| {
        let mut words: Vec<&str> = Vec::new();
        let mut groups: Vec<u8> = Vec::new();
        for (g, list) in WORD_GROUPS.iter().enumerate() {
            for w in *list {
                match words.iter().position(|x| x == w) {
                    Some(k) => groups[k] |= 1 << g,
                    None => {
                        words.push(w);
                        groups.push(1 << g);
                    }
                }
            }
        }
        let finder = AhoCorasick::new(&words).expect("the quote rule's words build");
        (finder, groups)
    });
    let (finder, groups) = &*FINDER;
    finder
        .find_overlapping_iter(lead)
        .fold(0, |bits, m| bits | groups[m.pattern().as_usize()])
}

/// What a sentence must mention for a quote of 表三 and of 表四.
const ABOUT: [&str; 2] = ["申请", "信息公开"];

/// At most this many characters between the phrase and the figure.
const MAX_GAP: usize = 10;

/// Every phrase of a format's quotes, found in one pass over a lead (rather
/// than a search per phrase): for each (quote, phrase) pair in the order of
/// the data, where it last starts, as `rfind` would give.
struct Phrases {
    format: crate::formats::FormatId,
    pairs: Vec<(&'static crate::formats::Quote, &'static str)>,
    automaton: AhoCorasick,
    /// For each pattern of the automaton, the pairs whose phrase it is.
    pairs_of: Vec<Vec<usize>>,
}

impl Phrases {
    fn new(format: &'static crate::formats::Format) -> Phrases {
        let pairs: Vec<_> = format
            .quotes
            .iter()
            .flat_map(|q| q.phrases.iter().map(move |ph| (q, ph.as_str())))
            .collect();
        let (mut patterns, mut pairs_of) = (Vec::new(), Vec::<Vec<usize>>::new());
        let mut pattern_of: HashMap<&str, usize> = HashMap::new();
        for (k, &(_, ph)) in pairs.iter().enumerate() {
            if ph.is_empty() {
                continue;
            }
            let id = *pattern_of.entry(ph).or_insert_with(|| {
                patterns.push(ph);
                pairs_of.push(Vec::new());
                patterns.len() - 1
            });
            pairs_of[id].push(k);
        }
        let automaton =
            AhoCorasick::new(&patterns).expect("the quote phrases of the format data build");
        Phrases {
            format: format.id,
            pairs,
            automaton,
            pairs_of,
        }
    }

    /// Where each pair's phrase last starts in `lead`, into `last` (one entry a pair).
    fn last_starts(&self, lead: &str, last: &mut Vec<Option<usize>>) {
        last.clear();
        last.extend(
            self.pairs
                .iter()
                .map(|(_, ph)| ph.is_empty().then_some(lead.len())),
        );
        for m in self.automaton.find_overlapping_iter(lead) {
            for &k in &self.pairs_of[m.pattern().as_usize()] {
                last[k] = last[k].max(Some(m.start()));
            }
        }
    }
}

/// [`Phrases`] of each format with quotes, built once.
static PHRASES: LazyLock<Vec<Phrases>> = LazyLock::new(|| {
    [
        crate::formats::FormatId::Gov2021,
        crate::formats::FormatId::Gov2019,
        crate::formats::FormatId::Stat2014,
    ]
    .into_iter()
    .filter_map(|f| f.data())
    .map(Phrases::new)
    .collect()
});

/// A figure the prose states about standard cells: the number and the quote (the phrase's entry in the
/// format data, naming the cells it should equal). What `prose-table-mismatch` compares with the tables, and
/// what `nianbao export` writes as the prose's figures.
#[derive(Debug, Clone, Copy)]
pub struct ProseQuote<'a> {
    pub number: &'a crate::model::Number,
    pub quote: &'static crate::formats::Quote,
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for ProseQuote { number: n, quote } in quoted_figures(cx) {
        compare(cx, n, quote, out);
    }
}

/// Every figure of the prose that quotes standard cells, in the order of the text.
pub fn quoted_figures<'a>(cx: &Context<'a>) -> Vec<ProseQuote<'a>> {
    let mut found = Vec::new();
    let Some(format) = cx.format.data() else {
        return found;
    };
    if format.quotes.is_empty() {
        return found;
    }
    let Some(phrases) = PHRASES.iter().find(|p| p.format == format.id) else {
        return found;
    };
    let mut last = Vec::new();
    let text = cx.plain();
    for p in &cx.report.paragraphs {
        // Computed once per paragraph, so that its cost stays linear: the
        // sentence ends, the last figure naming another year before each
        // figure, the sentence in simplified characters.
        let ends: Vec<usize> = text[p.range.clone()]
            .match_indices(SENTENCE_END)
            .map(|(k, _)| p.range.start + k)
            .collect();
        let in_order = p
            .numbers
            .windows(2)
            .all(|w| w[0].range.start <= w[1].range.start);
        let mut last_other_year: Option<usize> = None;
        let mut simplified: Option<(usize, usize, [bool; 2])> = None;
        // What the sentence so far has said.
        let mut said = Said::default();
        for (i, n) in p.numbers.iter().enumerate() {
            if i > 0 && is_other_year(cx, &p.numbers[i - 1]) {
                last_other_year = Some(i - 1);
            }
            // (A count of people or times, or a fraction — "平均每月4.75件" — quotes no cell.)
            if !n.is_count()
                || n.approx
                || !n.value.fract().is_zero()
                || matches!(n.unit_key(), Some("人次" | "人" | "次"))
            {
                continue;
            }
            let prev_end = if i > 0 {
                p.numbers[i - 1].range.end
            } else {
                p.range.start
            };
            // Matched in simplified characters (converted pages are traditional).
            // …and never across the end of a sentence ("未收到申请。全年办结3件").
            // The last sentence end before the figure (its offset), as
            // `rfind` over the paragraph up to the figure would give.
            let sentence_from = match ends.partition_point(|&e| e < n.range.start) {
                0 => p.range.start,
                k => {
                    let e = ends[k - 1];
                    let len = text[e..].chars().next().map_or(1, char::len_utf8);
                    if e + len <= n.range.start {
                        e
                    } else {
                        // A sentence end the figure starts inside of cannot be: keep
                        // the rule's own definition.
                        sentence_start_of(text, p.range.start, n.range.start)
                    }
                }
            };
            let from = prev_end.max(sentence_from);
            let lead = &text[from..n.range.start];
            if said.sentence != Some(sentence_from) {
                said = Said {
                    sentence: Some(sentence_from),
                    ..Said::default()
                };
            }
            if lead.contains(['；', ';']) {
                said.group = false;
            }
            // "12345热线共受理群众诉求2209件，办结2209件；收到政府信息公开申请57件": the figures of another
            // subject, up to a clause about 政府信息公开 again.
            let words = word_groups(lead);
            if words & FOREIGN_WORDS != 0 {
                said.foreign = true;
            } else if words & ABOUT_DISCLOSURE != 0 {
                said.foreign = false;
            }
            // A cumulative count of all years ("截至目前，累计收到……300件", "历年累计……412件").
            if said.foreign || words & CUMULATIVE_WORDS != 0 {
                continue;
            }
            // A comparison with last year, or last year's figure, is no quote
            // of this year's cell.
            if words & COMPARISON_WORDS != 0 {
                continue;
            }
            // A year other than 年度 earlier in the sentence ("2022年收到申请
            // 48件"): the figures are about that year.
            let other_year = if in_order {
                last_other_year.is_some_and(|j| p.numbers[j].range.start >= sentence_from)
            } else {
                p.numbers[..i]
                    .iter()
                    .any(|m| m.range.start >= sentence_from && is_other_year(cx, m))
            };
            if other_year {
                continue;
            }
            let sentence_start = sentence_from;
            let sentence_end = ends
                .get(ends.partition_point(|&e| e < n.range.end))
                .copied()
                .unwrap_or(p.range.end);
            // What the sentence is about, once per sentence.
            if simplified
                .as_ref()
                .is_none_or(|(a, b, _)| (*a, *b) != (sentence_start, sentence_end))
            {
                let sentence = &text[sentence_start..sentence_end];
                let about = ABOUT.map(|a| sentence.contains(a));
                simplified = Some((sentence_start, sentence_end, about));
            }
            let sentence_about = simplified.as_ref().map_or([false; 2], |(_, _, a)| *a);
            // The phrase ending closest to the figure.
            phrases.last_starts(lead, &mut last);
            let Some((quote, _gap, phrase_at)) = phrases
                .pairs
                .iter()
                .zip(&last)
                .filter_map(|(&(q, ph), &at)| {
                    let at = at?;
                    let between = &lead[at + ph.len()..];
                    let gap = between.chars().count();
                    let clause_break = between.contains(['，', ',', '；', ';', '、', '：', ':']);
                    (gap <= MAX_GAP && !clause_break).then_some((q, gap, at))
                })
                // the closest phrase; of two ending as close, the longer ("上年结转" over "结转")
                .min_by_key(|(_, gap, at)| (*gap, *at))
            else {
                // "其中行政执法类申请20件": a group of the requests begins.
                said.group |= lead.contains("其中") && lead.contains("申请");
                continue;
            };
            // Last year's figure is no quote of this year's cell, unless the phrase itself names
            // last year's carry-over ("上年结转3件").
            let phrase_names_last_year = quote.phrases.iter().any(|ph| {
                PREVIOUS_YEAR.iter().any(|w| ph.contains(w))
                    && lead[phrase_at..].starts_with(ph.as_str())
            });
            if !phrase_names_last_year && words & PREVIOUS_YEAR_WORDS != 0 {
                continue;
            }
            // 表三 quotes must be about requests, 表四 ones about 信息公开;
            // the statistical table's phrases are specific enough.
            let about = match quote.cells[0].table.as_str() {
                "t3" => Some("申请"),
                "t4" => Some("信息公开"),
                _ => None,
            };
            if about.is_some_and(|a| !sentence_about[usize::from(a == ABOUT[1])]) {
                continue;
            }
            // The same cell quoted again in the sentence is a part or another scope of the first
            // ("收到申请57件，其中通过网络收到申请40件"; "办结57件，其中在15个工作日内办结40件"), and so
            // is a figure in a group of the requests, or one its phrase qualifies ("其中按期办结55件").
            let qualified = QUALIFIERS.iter().any(|w| lead[..phrase_at].ends_with(w));
            if said.quoted.contains(&quote.id.as_str()) || said.group || qualified {
                said.group |= lead.contains("其中");
                continue;
            }
            said.quoted.push(quote.id.as_str());
            found.push(ProseQuote { number: n, quote });
        }
    }
    found
}

/// A quoted figure against the cells it quotes.
fn compare(
    cx: &Context,
    n: &crate::model::Number,
    quote: &crate::formats::Quote,
    out: &mut Vec<Diagnostic>,
) {
    // The quoted cells, all bound and exact.
    let mut sum = Decimal::ZERO;
    let mut ranges = Vec::new();
    let mut usable = true;
    for cell_ref in &quote.cells {
        let found = cx
            .report
            .tables
            .iter()
            .zip(&cx.bindings)
            .find_map(|(t, b)| {
                let b = b.as_ref().filter(|b| b.table.id == cell_ref.table)?;
                b.cell(t, &cell_ref.row, &cell_ref.column)
            });
        match found.map(|c| (&c.value, c.range.clone())) {
            Some((CellValue::Number(v), range)) if !v.approx => {
                sum += v.value;
                ranges.push(range);
            }
            _ => usable = false,
        }
    }
    if !usable || sum == n.value {
        return;
    }
    let table = match quote.cells[0].table.as_str() {
        "t3" => "表三",
        "t4" => "表四",
        _ => "统计表",
    };
    let mut d = diag(
        Code::ProseTableMismatch,
        n.range.clone(),
        format!(
            "正文中的 {}{} 与{table}的对应数字 {sum} 不符（相差 {}）",
            n.value,
            n.unit.as_deref().unwrap_or(""),
            (n.value - sum).abs()
        ),
    )
    .fix(
        format!("改为表格中的 {sum}"),
        n.digits_range.clone(),
        sum.to_string(),
    );
    if quote.severity == crate::diagnostic::Severity::Info {
        d.severity = crate::diagnostic::Severity::Info;
    }
    for r in ranges {
        d = d.related(r, format!("{table}中的数字"));
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use crate::check::{check_text, Config};
    use crate::formats::{self, FormatId};
    use crate::template::table_markup;

    #[test]
    fn phrases_start_where_rfind_finds_them() {
        for phrases in super::PHRASES.iter() {
            // Every phrase, twice, overlapping its neighbours, in one lead.
            let all: String = phrases.pairs.iter().map(|(_, ph)| *ph).collect();
            let lead = format!("{all}共{all}上年结转");
            let mut last = Vec::new();
            phrases.last_starts(&lead, &mut last);
            assert_eq!(last.len(), phrases.pairs.len());
            for (&(_, ph), at) in phrases.pairs.iter().zip(&last) {
                assert_eq!(*at, lead.rfind(ph), "{ph}");
            }
            phrases.last_starts("无关的话", &mut last);
            assert!(last.iter().all(Option::is_none));
        }
        assert_eq!(super::PHRASES.len(), 3);
    }

    fn report(prose: &str) -> String {
        let f = formats::format(FormatId::Gov2021);
        let t3 = table_markup(f.table("t3").unwrap(), "0")
            .replace(
                "| 一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
                "| 一、本年新收政府信息公开申请数量 | 57 | 0 | 0 | 0 | 0 | 0 | 57 |",
            )
            .replace(
                "| （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
                "| （一）予以公开 | 57 | 0 | 0 | 0 | 0 | 0 | 57 |",
            )
            .replace(
                "| （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
                "| （七）总计 | 57 | 0 | 0 | 0 | 0 | 0 | 57 |",
            );
        format!("---\n年度: 2023\n---\n\n{prose}\n\n{t3}")
    }

    fn found(prose: &str) -> Vec<String> {
        check_text(&report(prose), &Config::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "prose-table-mismatch")
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn quoted_figures_must_match_the_table() {
        assert!(found("全年共收到政府信息公开申请57件，予以公开57件。").is_empty());
        assert_eq!(
            found("全年共收到政府信息公开申请58件，予以公开57件。"),
            vec!["正文中的 58件 与表三的对应数字 57 不符（相差 1）"]
        );
        assert_eq!(
            found("全年共收到政府信息公开申请57件，对其中56件予以公开。").len(),
            0,
            "phrase after the figure"
        );
    }

    #[test]
    fn the_extraction_gives_each_quoted_figure_with_its_quote() {
        // What `nianbao export` writes as the prose's figures: the same extraction the rule compares.
        let text = report("全年共收到政府信息公开申请58件，予以公开57件。12345热线办结2209件。");
        let tree = crate::syntax::parse(&text);
        let model = crate::model::build(&tree, &text);
        let cx = crate::semantic::Context::new(&text, &model);
        let found: Vec<(&str, &str)> = super::quoted_figures(&cx)
            .iter()
            .map(|q| (&text[q.number.range.clone()], q.quote.id.as_str()))
            .collect();
        assert_eq!(found, vec![("58件", "N-2.new"), ("57件", "N-2.public")]);
    }

    #[test]
    fn unrelated_sentences_are_not_quotes() {
        assert!(found("12345热线共受理业务2209件，办结2209件。").is_empty());
        assert!(
            found("全年予以公开政府文件120件。").is_empty(),
            "not about 申请"
        );
    }
}
