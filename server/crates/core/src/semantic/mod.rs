//! The semantic layer, between the report model and the rules: what a report
//! means beyond what is written — the format in force ([`FormatId`]), the
//! edition of the 条例, which standard table each pipe table is
//! ([`bind`]), which heading is which section of the format ([`sections`]).
//! The rules, the checker and the editor features all read it; it knows
//! nothing of rules or of checking.

pub mod bind;
pub mod sections;

use crate::formats::Section;
use crate::model::{self, Report};
use crate::tiaoli::{self, Edition};

pub use crate::formats::FormatId;

/// What the rules look at.
pub struct Context<'a> {
    pub text: &'a str,
    pub report: &'a Report,
    /// 年度, if known.
    pub year: Option<i32>,
    /// The format in force: as written in 格式 when valid, else from 年度.
    pub format: FormatId,
    /// The edition of the 条例 that applies.
    pub edition: Edition,
    /// For each table of the report, the standard table it is bound to.
    pub bindings: Vec<Option<bind::Binding>>,
    /// [`Context::matched_sections`], found once for the rules that read it.
    matched: std::cell::OnceCell<Vec<(usize, &'static Section)>>,
    /// [`Context::plain`], made once for the rules that read it.
    plain: std::cell::OnceCell<std::borrow::Cow<'a, str>>,
}

impl Context<'_> {
    /// The text in simplified characters at the same byte offsets ("主動公開……多於" reads as "主动公开……多于"):
    /// what the prose rules look for their words in, so a traditional-character mirror reads like its original.
    ///
    /// Only the stretch of the report's own paragraphs is converted (the editor checks a block of a long
    /// document with a report of that block alone: converting the whole text for it would cost a scan of
    /// every byte on every keystroke); outside it the text is as written.
    pub fn plain(&self) -> &str {
        self.plain.get_or_init(|| {
            let Some(span) = self.plain_span() else {
                return std::borrow::Cow::Borrowed(self.text);
            };
            match crate::formats::to_simplified_in_place(&self.text[span.clone()]) {
                std::borrow::Cow::Borrowed(_) => std::borrow::Cow::Borrowed(self.text),
                std::borrow::Cow::Owned(plain) => std::borrow::Cow::Owned(
                    [&self.text[..span.start], &plain, &self.text[span.end..]].concat(),
                ),
            }
        })
    }

    /// The stretch [`Context::plain`] converts: from the first paragraph to the last.
    fn plain_span(&self) -> Option<std::ops::Range<usize>> {
        let paragraphs = &self.report.paragraphs;
        let (first, last) = (paragraphs.first()?, paragraphs.last()?);
        Some(first.range.start..last.range.end.max(first.range.start))
    }

    /// [`crate::formats::to_simplified`] of `text[range]`: the same stretch of [`Context::plain`] (made once for
    /// the report) where that is the same text — the range lies in the stretch `plain` converts and no character
    /// of the map changes its UTF-8 length — else converted anew.
    pub fn simplified(&self, range: std::ops::Range<usize>) -> std::borrow::Cow<'_, str> {
        let within = self
            .plain_span()
            .is_some_and(|span| span.start <= range.start && range.end <= span.end);
        if within && crate::formats::simplified_keeps_lengths() {
            std::borrow::Cow::Borrowed(&self.plain()[range])
        } else {
            std::borrow::Cow::Owned(crate::formats::to_simplified(&self.text[range]))
        }
    }

    /// Who publishes: as written in 机关类型, else a 机关 ending in 人民政府
    /// is a government; `None` when unknown.
    pub fn organ_kind(&self) -> Option<model::OrganKind> {
        self.report.front.organ_kind().or_else(|| {
            let organ = self.report.front.organ()?;
            (organ.ends_with("人民政府") || organ.ends_with("政府"))
                .then_some(model::OrganKind::Government)
        })
    }

    /// Whether table `index` is one of the standard tables of a format
    /// (those are checked by their own relations, not as generic totals).
    pub fn is_standard_table(&self, index: usize) -> bool {
        self.bindings[index].is_some()
    }

    /// The top-level sections matched to the sections of the format in force
    /// ([`sections::matched_sections`]; empty without a format), found once
    /// per context: `structure`, `narrative` and `section-ordinal` all read
    /// them, and matching every heading of a long text is not free.
    pub fn matched_sections(&self) -> &[(usize, &'static Section)] {
        self.matched.get_or_init(|| match self.format.data() {
            Some(format) => sections::matched_sections(self.report, format),
            None => Vec::new(),
        })
    }
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, report: &'a Report) -> Context<'a> {
        let format = Self::format_of(report);
        Self::with_bindings(text, report, bind::bind_all(report, format))
    }

    /// The format in force: as written in 格式 when valid, else from 年度.
    fn format_of(report: &Report) -> FormatId {
        report
            .front
            .format()
            .and_then(FormatId::from_front_matter)
            .or(report.front.year().map(FormatId::for_year))
            .unwrap_or(FormatId::Gov2021)
    }

    /// The context of a report whose tables are bound already (`bindings`,
    /// one per table, as [`bind::bind_all`] binds them).
    pub fn with_bindings(
        text: &'a str,
        report: &'a Report,
        bindings: Vec<Option<bind::Binding>>,
    ) -> Context<'a> {
        let year = report.front.year();
        let format = Self::format_of(report);
        let edition = match report.front.edition() {
            Some("2007") => Edition::E2007,
            Some("2019") => Edition::E2019,
            _ => year.map_or(Edition::E2019, tiaoli::edition_for_year),
        };
        Context {
            text,
            report,
            year,
            format,
            edition,
            bindings,
            matched: Default::default(),
            plain: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Context::simplified`] is [`crate::formats::to_simplified`] of the same text: every paragraph, section
    /// title, table and line, and ranges across and outside the paragraphs' stretch, of the examples, the
    /// fixtures and the folders in NIANBAO_MODEL_CORPUS; and of a traditional text.
    #[test]
    fn simplified_is_to_simplified() {
        let mut texts: Vec<String> = crate::test_corpus("fixtures")
            .iter()
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .collect();
        texts.push("# 一、總體情況\n\n本機關全年主動公開政府資訊1234條。\n\n| 項目 | 數量 |\n| --- | --- |\n| 總數 | 3 |\n\n結轉下年度繼續辦理。\n".to_string());
        let mut compared = 0;
        for text in &texts {
            let report = model::build(&crate::syntax::parse(text), text);
            let cx = Context::new(text, &report);
            let lines = text.split_inclusive('\n').scan(0, |at, line| {
                let range = *at..*at + line.len();
                *at += line.len();
                Some(range)
            });
            let ranges = report
                .paragraphs
                .iter()
                .map(|p| p.range.clone())
                .chain(report.sections.iter().map(|s| s.title_range.clone()))
                .chain(report.tables.iter().map(|t| t.range.clone()))
                .chain(lines)
                .chain([0..text.len(), 0..0, text.len()..text.len()]);
            for range in ranges {
                assert_eq!(
                    cx.simplified(range.clone()),
                    crate::formats::to_simplified(&text[range.clone()]),
                    "{range:?}"
                );
                compared += 1;
            }
        }
        assert!(compared > 1000, "{compared}");
    }
}
