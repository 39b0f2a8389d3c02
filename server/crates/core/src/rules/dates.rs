//! `deadline`, `publish-date-missing`, `format-year`, `period-year`.

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::{Date, OrganKind};
use crate::semantic::{Context, FormatId};
use crate::tiaoli::{self, Organs};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(year) = cx.year else { return };
    deadline(cx, year, out);
    format_year(cx, year, out);
    period_year(cx, year, out);
}

fn deadline(cx: &Context, year: i32, out: &mut Vec<Diagnostic>) {
    let front = &cx.report.front;
    let Some(published) = front.published() else {
        if front.value("发布日期").is_none() {
            let range = front.range.clone().map_or(0..0, |r| r.start..r.start + 3);
            out.push(diag(
                Code::PublishDateMissing,
                range,
                "未填写“发布日期”，无法检查是否按期公布",
            ));
        }
        return;
    };
    let range = front
        .entry("发布日期")
        .map_or(0..0, |e| e.value_range.clone());
    // The deadline rules are data (server/crates/core/data/tiaoli/*.toml); an organ of
    // unknown kind gets the latest one, so nothing is wrongly reported late.
    let rules = &tiaoli::tiaoli(cx.edition).annual_report;
    let deadline = match cx.organ_kind() {
        Some(OrganKind::Department) => rules.deadline_for(Organs::Department),
        Some(OrganKind::Government) => rules.deadline_for(Organs::Government),
        _ => None,
    }
    .unwrap_or_else(|| rules.latest_deadline());
    let (y, m, d) = deadline.date_for(year);
    let limit = Date::new(y, m, d);
    let basis = format!(
        "{}年《条例》{}：{}",
        cx.edition.id(),
        deadline.reference,
        deadline.rule
    );
    let Some(limit) = limit else { return };
    if published > limit {
        out.push(diag(
            Code::Deadline,
            range,
            format!("发布日期 {published} 晚于法定期限 {limit}（{basis}）"),
        ));
    } else if published.year <= year {
        out.push(
            diag(
                Code::Deadline,
                range,
                format!("发布日期 {published} 早于{year}年度结束，年度报告应在年度结束后发布"),
            )
            .with_severity(crate::diagnostic::Severity::Warning),
        );
    }
}

fn format_year(cx: &Context, year: i32, out: &mut Vec<Diagnostic>) {
    let front = &cx.report.front;
    let expected = FormatId::for_year(year);
    if let Some(entry) = front.entry("格式") {
        if let Some(written) = entry.value.as_deref().and_then(FormatId::from_front_matter) {
            if written != expected {
                out.push(diag(
                    Code::FormatYear,
                    entry.value_range.clone(),
                    format!(
                        "{year}年度的报告应使用{}，而不是{}",
                        expected.describe(),
                        written.describe()
                    ),
                ));
            }
        }
    }
    if let Some(entry) = front.entry("条例") {
        let expected = tiaoli::edition_for_year(year).id();
        if let Some(written) = entry.value.as_deref().map(str::trim) {
            if matches!(written, "2007" | "2019") && written != expected {
                out.push(diag(
                    Code::FormatYear,
                    entry.value_range.clone(),
                    format!("{year}年度的报告适用{expected}年版《条例》，而不是{written}年版（2019年修订版自2019年5月15日起施行）"),
                ));
            }
        }
    }
}

const PERIOD_WORDS: &[&str] = &[
    "统计期限",
    "统计期间",
    "统计时限",
    "统计时间",
    "統計期限",
    "統計期間",
    "統計時限",
    "統計時間",
];

/// The statistical period stated in front matter or in the preface must be
/// the report's year.
fn period_year(cx: &Context, year: i32, out: &mut Vec<Diagnostic>) {
    let front = &cx.report.front;
    if let Some((from, to)) = front.period() {
        if from.year != year || to.year != year {
            let range = front
                .entry("统计期限")
                .map_or(0..0, |e| e.value_range.clone());
            out.push(diag(
                Code::PeriodYear,
                range,
                format!("统计期限 {from}至{to} 与年度 {year} 不符"),
            ));
        }
    }
    // Every word begins with 统 or 統: a paragraph without either (nearly
    // all of them) is passed over without a search per word.
    for p in &cx.report.paragraphs {
        let text = &cx.text[p.range.clone()];
        if !has_tong(text) {
            continue;
        }
        for finder in period_finders() {
            let Some(at) = finder.find(text.as_bytes()) else {
                continue;
            };
            let start = p.range.start + at;
            let end = text[at..]
                .find(['。', '；', ';'])
                .map_or(p.range.end, |i| p.range.start + at + i);
            for n in p
                .numbers
                .iter()
                .filter(|n| n.range.start >= start && n.range.end <= end)
            {
                let follows_year = cx.text[n.range.end..].starts_with('年');
                let four_digits =
                    n.written.scale() == 0 && (1990..=2100).contains(&n.written.mantissa());
                if follows_year && four_digits && n.written.mantissa() != i128::from(year) {
                    out.push(diag(
                        Code::PeriodYear,
                        n.range.clone(),
                        format!("统计期限中的年份 {} 与年度 {year} 不符", n.written),
                    ));
                }
            }
        }
    }
}

/// A substring searcher for each of [`PERIOD_WORDS`], in order, made once
/// (`str::find` sets one up for every paragraph and word); each finds the
/// first occurrence as `str::find` does.
fn period_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::LazyLock::new(|| {
            PERIOD_WORDS
                .iter()
                .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect()
        });
    &FINDERS
}

/// Whether `text` holds 统 or 統: their UTF-8 bytes searched for with
/// memchr's substring search (a character's bytes are never found inside
/// another's), not every character decoded and compared.
fn has_tong(text: &str) -> bool {
    use std::sync::LazyLock;
    static FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 2]> = LazyLock::new(|| {
        ["统", "統"].map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
    });
    FINDERS.iter().any(|f| f.find(text.as_bytes()).is_some())
}

#[cfg(test)]
mod tests {
    use super::{has_tong, period_finders, PERIOD_WORDS};

    /// Each finder finds its word where `str::find` does, in the paragraphs of the examples and fixtures and in
    /// texts with the words repeated and overlapping.
    #[test]
    fn period_finders_find_as_str_find() {
        assert_eq!(period_finders().len(), PERIOD_WORDS.len());
        let mut texts = vec![
            String::new(),
            "统计期限统计期限".to_string(),
            "统计统计期间，統計期間".to_string(),
            "本报告统计时间为2023年1月1日至12月31日。统计时限".to_string(),
        ];
        for path in crate::test_corpus("fixtures") {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            texts.extend(text.lines().map(String::from));
        }
        for text in &texts {
            for (finder, word) in period_finders().iter().zip(PERIOD_WORDS) {
                assert_eq!(
                    finder.find(text.as_bytes()),
                    text.find(word),
                    "{word} in {text}"
                );
            }
        }
    }

    /// [`has_tong`] is `contains(['统', '統'])`: on every character alone and between others, and on the texts of
    /// the examples and fixtures.
    #[test]
    fn tong_is_found_as_by_characters() {
        let by_chars = |s: &str| s.contains(['统', '統']);
        let planes = (0..0x3_0000u32).chain(0x10_FF00..0x11_0000);
        for c in planes.filter_map(char::from_u32) {
            for s in [
                c.to_string(),
                format!("统计{c}"),
                format!("{c}字\u{e9}a{c}"),
            ] {
                assert_eq!(has_tong(&s), by_chars(&s), "{s:?}");
            }
        }
        for path in crate::test_corpus("fixtures") {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for line in text.lines() {
                assert_eq!(has_tong(line), by_chars(line), "{line}");
            }
        }
    }

    /// `period_year` passes over a paragraph without 统 or 統.
    #[test]
    fn every_period_word_begins_with_tong() {
        assert!(PERIOD_WORDS.iter().all(|w| w.starts_with(['统', '統'])));
    }
}
