//! The two editions of 《中华人民共和国政府信息公开条例》: the 2007 text (国务院令第492号) and the 2019 revision
//! (国务院令第711号), article by article, with what each requires of an annual report and when it is due.
//!
//! The text lives in `data/tiaoli/*.toml`, compiled in and parsed once. Lookups go by [`ArticleRef`]
//! (条 / 款 / 项) and return a [`Passage`] that knows where the cited part sits in the article's text, so hover
//! can show the whole article with the cited clause highlighted.

mod numeral;
mod reference;
#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

pub use numeral::{format_cn_number, parse_cn_number};
pub use reference::{find_references, parse_reference, parse_reference_prefix, ArticleRef};

/// An edition of the 条例.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Edition {
    /// 国务院令第492号, in force 2008-05-01 – 2019-05-14.
    #[serde(rename = "2007")]
    E2007,
    /// 国务院令第711号, in force since 2019-05-15.
    #[serde(rename = "2019")]
    E2019,
}

impl Edition {
    /// Both editions, oldest first.
    pub const ALL: [Edition; 2] = [Edition::E2007, Edition::E2019];

    /// The year that names the edition, as the data files write it.
    pub fn id(self) -> &'static str {
        match self {
            Edition::E2007 => "2007",
            Edition::E2019 => "2019",
        }
    }

    /// The text and metadata of this edition.
    pub fn text(self) -> &'static Tiaoli {
        match self {
            Edition::E2007 => &TIAOLI_2007,
            Edition::E2019 => &TIAOLI_2019,
        }
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年《条例》", self.id())
    }
}

/// The edition a report on `year` is written under. The 2019 revision took effect on 2019-05-15, and reports on
/// 2019 (published in early 2020) are written and judged under it; every earlier report year falls under 2007.
pub fn edition_for_year(year: i32) -> Edition {
    if year >= 2019 {
        Edition::E2019
    } else {
        Edition::E2007
    }
}

/// One edition of the 条例.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tiaoli {
    /// 中华人民共和国政府信息公开条例
    pub title: String,
    pub edition: Edition,
    /// 国务院令第N号
    pub promulgation: String,
    /// Date adopted by the State Council executive meeting, when known (ISO 8601).
    pub adopted: Option<String>,
    /// Date promulgated (ISO 8601).
    pub promulgated: String,
    /// Date in force (ISO 8601).
    pub effective: String,
    /// Date the next edition replaced this one (ISO 8601).
    pub superseded: Option<String>,
    /// Where the text was taken from.
    pub source: String,
    pub chapters: Vec<Chapter>,
    pub annual_report: AnnualReport,
    pub articles: Vec<Article>,
}

/// A 章.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub number: u32,
    pub title: String,
    /// First and last article of the chapter.
    pub first: u32,
    pub last: u32,
}

impl Chapter {
    /// 第一章 总则
    pub fn heading(&self) -> String {
        format!("第{}章 {}", format_cn_number(self.number), self.title)
    }
}

/// An article (条).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub number: u32,
    /// The 款, in order.
    pub clauses: Vec<Clause>,
    /// The whole article as one text: each 款 and each 项 on its own line.
    #[serde(skip)]
    text: String,
    /// Byte range of each 款 (with its 项) in `text`.
    #[serde(skip)]
    clause_ranges: Vec<Range<usize>>,
    /// Byte range of each 项 in `text`, per 款.
    #[serde(skip)]
    item_ranges: Vec<Vec<Range<usize>>>,
}

/// A 款 and the 项 it enumerates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// The paragraph's text; for an enumerating 款 the lead-in ("…包括下列内容：").
    pub text: String,
    /// The 项, each with its "（一）" marker, exactly as in the official text.
    #[serde(default)]
    pub items: Vec<String>,
}

impl Article {
    /// 第五十条
    pub fn label(&self) -> String {
        format!("第{}条", format_cn_number(self.number))
    }

    /// The whole article, each 款 and 项 on its own line (without the 第N条 label).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Lay out the text once, so that lookups hand out ranges into it.
    fn build_text(&mut self) {
        let mut text = String::new();
        for clause in &self.clauses {
            if !text.is_empty() {
                text.push('\n');
            }
            let start = text.len();
            text.push_str(&clause.text);
            let mut items = Vec::with_capacity(clause.items.len());
            for item in &clause.items {
                text.push('\n');
                let item_start = text.len();
                text.push_str(item);
                items.push(item_start..text.len());
            }
            self.clause_ranges.push(start..text.len());
            self.item_ranges.push(items);
        }
        self.text = text;
    }
}

/// What the edition requires of the annual report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualReport {
    /// The article listing the required contents (2019: 50, 2007: 32).
    pub contents_article: u32,
    /// The article setting the deadline (2019: 49, 2007: 31).
    pub deadline_article: u32,
    pub contents: Vec<ContentItem>,
    pub deadlines: Vec<Deadline>,
}

/// Which organs a rule addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Organs {
    /// Every administrative organ.
    All,
    /// 各级人民政府 (for the deadline: the report of 本级政府, published by its 主管部门).
    Government,
    /// 县级以上人民政府部门.
    Department,
}

impl Organs {
    /// Whether a rule addressed to `self` applies to an organ of kind `kind`.
    pub fn includes(self, kind: Organs) -> bool {
        self == Organs::All || self == kind
    }
}

/// One required content of the report (one 项 of 第五十条 / 第三十二条, or part of one).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentItem {
    /// Stable key, referenced by the formats' sections (`covers`).
    pub key: String,
    #[serde(rename = "ref")]
    pub reference: ArticleRef,
    pub title: String,
    pub organs: Organs,
    /// Words whose presence in a heading or the text shows the content is there.
    pub keywords: Vec<String>,
    pub note: Option<String>,
}

/// A publication deadline.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub organs: Organs,
    /// Month and day in the year after the report year.
    pub month: u32,
    pub day: u32,
    #[serde(rename = "ref")]
    pub reference: ArticleRef,
    /// The rule in words, for messages.
    pub rule: String,
    pub note: Option<String>,
}

impl Deadline {
    /// The last day of publication for a report on `report_year`, as (year, month, day).
    pub fn date_for(&self, report_year: i32) -> (i32, u32, u32) {
        (report_year + 1, self.month, self.day)
    }
}

impl AnnualReport {
    /// The deadline for an organ of kind `kind` (`Government` or `Department`; `All` when the kind is unknown,
    /// which only finds a rule addressed to every organ).
    pub fn deadline_for(&self, kind: Organs) -> Option<&Deadline> {
        self.deadlines.iter().find(|d| d.organs.includes(kind))
    }

    /// The latest deadline of the edition: the safe one to apply when the organ's kind is unknown.
    pub fn latest_deadline(&self) -> &Deadline {
        self.deadlines
            .iter()
            .max_by_key(|d| (d.month, d.day))
            .expect("every edition sets a deadline")
    }

    /// The required contents that apply to an organ of kind `kind`.
    pub fn contents_for(&self, kind: Organs) -> impl Iterator<Item = &ContentItem> {
        self.contents
            .iter()
            .filter(move |c| c.organs.includes(kind))
    }

    /// A required content by key.
    pub fn content(&self, key: &str) -> Option<&ContentItem> {
        self.contents.iter().find(|c| c.key == key)
    }
}

/// A cited part of an article.
#[derive(Debug, Clone)]
pub struct Passage<'a> {
    pub article: &'a Article,
    /// 0-based 款 index, when the reference narrowed to one (or an item implied it).
    pub clause: Option<usize>,
    /// 0-based 项 index within the 款.
    pub item: Option<usize>,
    /// Byte range of the cited part in [`Article::text`]; the whole text for a whole article.
    pub range: Range<usize>,
}

impl Passage<'_> {
    /// The cited part's text.
    pub fn text(&self) -> &str {
        &self.article.text()[self.range.clone()]
    }
}

/// Why a reference does not resolve in an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    NoArticle {
        edition: Edition,
        article: u32,
    },
    NoClause {
        edition: Edition,
        article: u32,
        clause: u32,
    },
    NoItem {
        edition: Edition,
        reference: ArticleRef,
    },
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::NoArticle { edition, article } => {
                write!(f, "{edition}没有第{}条", format_cn_number(*article))
            }
            LookupError::NoClause {
                edition,
                article,
                clause,
            } => write!(
                f,
                "{edition}第{}条没有第{}款",
                format_cn_number(*article),
                format_cn_number(*clause)
            ),
            LookupError::NoItem { edition, reference } => write!(f, "{edition}没有{reference}"),
        }
    }
}

impl std::error::Error for LookupError {}

impl Tiaoli {
    /// Article `number`.
    pub fn article(&self, number: u32) -> Option<&Article> {
        // Articles are stored in order from 1 (checked by the tests), so index directly.
        let article = self
            .articles
            .get(usize::try_from(number).ok()?.checked_sub(1)?)?;
        (article.number == number).then_some(article)
    }

    /// Article by its written number: "五十", "50", "第五十条".
    pub fn article_by_text(&self, text: &str) -> Option<&Article> {
        let text = text.trim();
        if let Some(reference) = parse_reference(text) {
            return self.article(reference.article);
        }
        self.article(parse_cn_number(text)?)
    }

    /// The chapter an article belongs to.
    pub fn chapter_of(&self, article: u32) -> Option<&Chapter> {
        self.chapters
            .iter()
            .find(|c| (c.first..=c.last).contains(&article))
    }

    /// Resolve a reference to the cited passage. An item cited without its 款 is looked for in the 款 that
    /// enumerate items (no article of either edition has two such 款).
    pub fn lookup(&self, reference: &ArticleRef) -> Result<Passage<'_>, LookupError> {
        let edition = self.edition;
        let article = self
            .article(reference.article)
            .ok_or(LookupError::NoArticle {
                edition,
                article: reference.article,
            })?;
        let clause = match reference.clause {
            Some(k) => {
                let index = (k as usize)
                    .checked_sub(1)
                    .filter(|&i| i < article.clauses.len());
                Some(index.ok_or(LookupError::NoClause {
                    edition,
                    article: reference.article,
                    clause: k,
                })?)
            }
            None => None,
        };
        let Some(item) = reference.item else {
            let range = match clause {
                Some(k) => article.clause_ranges[k].clone(),
                None => 0..article.text.len(),
            };
            return Ok(Passage {
                article,
                clause,
                item: None,
                range,
            });
        };
        let no_item = LookupError::NoItem {
            edition,
            reference: *reference,
        };
        let m = (item as usize).checked_sub(1).ok_or(no_item.clone())?;
        let clause = match clause {
            Some(k) => k,
            None => article
                .clauses
                .iter()
                .position(|c| c.items.len() > m)
                .ok_or(no_item.clone())?,
        };
        let range = article.item_ranges[clause].get(m).ok_or(no_item)?.clone();
        Ok(Passage {
            article,
            clause: Some(clause),
            item: Some(m),
            range,
        })
    }

    /// Lay out every article's text after parsing.
    fn prepare(mut self) -> Self {
        for article in &mut self.articles {
            article.build_text();
        }
        self
    }
}

/// Parse an edition's data file; the files are compiled in, so a failure is a bug caught by the tests.
fn load(source: &str) -> Tiaoli {
    toml::from_str::<Tiaoli>(source)
        .unwrap_or_else(|e| panic!("bundled 条例 data is invalid: {e}"))
        .prepare()
}

static TIAOLI_2007: LazyLock<Tiaoli> =
    LazyLock::new(|| load(include_str!("../../data/tiaoli/2007.toml")));
static TIAOLI_2019: LazyLock<Tiaoli> =
    LazyLock::new(|| load(include_str!("../../data/tiaoli/2019.toml")));

/// The text of an edition; same as [`Edition::text`].
pub fn tiaoli(edition: Edition) -> &'static Tiaoli {
    edition.text()
}

/// Resolve a reference in an edition.
pub fn lookup(edition: Edition, reference: &ArticleRef) -> Result<Passage<'static>, LookupError> {
    edition.text().lookup(reference)
}
