//! A generator of realistic reports in the `.nianbao` markup, for tests, fuzzing seeds and benchmarks.
//!
//! Deterministic: the same seed gives the same bytes on every machine (the generator carries its own PRNG).
//! Reports follow the three national formats — 2021 (国办公开办函〔2021〕30号), 2019 (试行) and the 2014–2018
//! 《政府信息公开情况统计表》 — and the pre-2014 reports without a national table. The standard tables are built
//! from [`nianbao_core::formats`] (labels, layout, relations) with figures that satisfy every relation of the format;
//! the prose quotes the tables, breaks totals down with "共…其中…" sentences that add up and states rates that
//! are right; the publication date is within the legal deadline.
//!
//! On request the generator injects defects and records each with the rule code expected to report it and the
//! byte range (and table cell) where it is: a wrong total, a blank total, a non-standard label, a missing row,
//! table or section, a breakdown that does not add up, an unfilled placeholder, late publication.
//!
//! ```
//! use nianbao_generate::{report, DefectKind, FormatId, Options};
//! let clean = report(42, &Options::clean());
//! assert!(clean.defects.is_empty());
//! let bad = report(42, &Options::with(&[DefectKind::TableSum]).kind(FormatId::Gov2021));
//! assert_eq!(bad.defects[0].code, "table-sum");
//! let cell = &bad.text[bad.defects[0].range.clone()];
//! assert!(cell.parse::<u64>().is_ok());
//! ```

mod names;
mod report;
pub mod rng;
mod tables;

use std::ops::{Range, RangeInclusive};
use std::path::Path;

use serde::Serialize;

/// The format of a generated report (the one format identifier of every crate, re-exported for [`Options::kind`]).
pub use nianbao_core::formats::FormatId;
pub use report::Organ;
use rng::{mix, Rng};

/// The last report year the generator writes.
pub const LAST_YEAR: i32 = 2024;
/// The first report year (the 2007 条例 came into force on 2008-05-01).
pub const FIRST_YEAR: i32 = 2008;

/// The report years the generator writes for a format.
pub fn years(kind: FormatId) -> RangeInclusive<i32> {
    match kind {
        FormatId::Gov2021 => 2021..=LAST_YEAR,
        FormatId::Gov2019 => 2019..=2020,
        FormatId::Stat2014 => 2014..=2018,
        FormatId::None => FIRST_YEAR..=2013,
    }
}

/// Whether the 2019 条例 applies to reports of a format (else the 2007 one).
fn edition_2019(kind: FormatId) -> bool {
    matches!(kind, FormatId::Gov2021 | FormatId::Gov2019)
}

/// The defects the generator can inject, each with the rule code expected to find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DefectKind {
    /// A total cell of a standard table changed: `table-sum`.
    TableSum,
    /// A 总计 / 合计 cell left empty: `table-total-blank`.
    TableTotalBlank,
    /// The 合计 of a table that matches no standard table changed: `table-subtotal`.
    TableSubtotal,
    /// A known non-standard spelling of a row or column label: `label-variant`.
    LabelVariant,
    /// A standard row left out (its figures are zero, so every sum still holds): `row-missing`.
    RowMissing,
    /// A table the format requires left out: `table-missing`.
    TableMissing,
    /// A content the 条例 requires left out: `section-missing`.
    SectionMissing,
    /// A "共…其中…" breakdown whose parts do not add up: `prose-breakdown`.
    ProseBreakdown,
    /// An unfilled blank such as `达()万余人次`: `placeholder`.
    Placeholder,
    /// Published after the legal deadline: `deadline`.
    Deadline,
}

impl DefectKind {
    pub const ALL: [DefectKind; 10] = [
        DefectKind::TableSum,
        DefectKind::TableTotalBlank,
        DefectKind::TableSubtotal,
        DefectKind::LabelVariant,
        DefectKind::RowMissing,
        DefectKind::TableMissing,
        DefectKind::SectionMissing,
        DefectKind::ProseBreakdown,
        DefectKind::Placeholder,
        DefectKind::Deadline,
    ];

    /// The rule code expected to report it.
    pub fn code(self) -> &'static str {
        match self {
            DefectKind::TableSum => "table-sum",
            DefectKind::TableTotalBlank => "table-total-blank",
            DefectKind::TableSubtotal => "table-subtotal",
            DefectKind::LabelVariant => "label-variant",
            DefectKind::RowMissing => "row-missing",
            DefectKind::TableMissing => "table-missing",
            DefectKind::SectionMissing => "section-missing",
            DefectKind::ProseBreakdown => "prose-breakdown",
            DefectKind::Placeholder => "placeholder",
            DefectKind::Deadline => "deadline",
        }
    }

    /// Whether a report of `kind` can carry this defect (the table defects need a national table; the
    /// statistical table's rows varied by province, so a missing one is no defect the checker reports).
    pub fn applies_to(self, kind: FormatId) -> bool {
        match self {
            DefectKind::RowMissing => !matches!(kind, FormatId::None | FormatId::Stat2014),
            DefectKind::TableSum | DefectKind::LabelVariant | DefectKind::TableMissing => {
                kind != FormatId::None
            }
            _ => true,
        }
    }
}

/// Which defects to inject.
#[derive(Debug, Clone, PartialEq)]
pub enum Defects {
    /// A clean report.
    None,
    /// With probability `rate`, one or two defects drawn among those that apply.
    Random { rate: f64 },
    /// Exactly these (those that do not apply to the report's kind are skipped).
    These(Vec<DefectKind>),
}

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The kind of report; drawn (weighted toward recent formats) when `None`.
    pub kind: Option<FormatId>,
    /// The report year; drawn within the kind's years when `None` (a year decides the kind when `kind` is `None`).
    pub year: Option<i32>,
    pub defects: Defects,
}

impl Options {
    /// A clean report of any kind.
    pub fn clean() -> Options {
        Options {
            kind: None,
            year: None,
            defects: Defects::None,
        }
    }

    /// As in [`corpus`]: half the reports carry one or two defects.
    pub fn corpus() -> Options {
        Options {
            kind: None,
            year: None,
            defects: Defects::Random { rate: 0.5 },
        }
    }

    /// A report with these defects.
    pub fn with(defects: &[DefectKind]) -> Options {
        Options {
            kind: None,
            year: None,
            defects: Defects::These(defects.to_vec()),
        }
    }

    pub fn kind(mut self, kind: FormatId) -> Options {
        self.kind = Some(kind);
        self
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::corpus()
    }
}

/// An injected defect: the code expected to report it and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Injected {
    pub kind: DefectKind,
    pub code: &'static str,
    /// Byte range in the text. For a wrong or blank cell, the cell; for a label, the label; for a missing row,
    /// the table; for a missing table, the section it belongs in; for a missing section (or a missing statistical
    /// table, which has no fixed section), the whole text; for a breakdown, from the total to the last part.
    pub range: Range<usize>,
    /// The standard table (id in the format data, or "custom"), row and column keys, where it is a cell or row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// What was done, in Chinese.
    pub what: String,
}

/// A generated report.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    /// A file name: `00042-gov2021-2023.nianbao` in a corpus, `gov2021-2023.nianbao` alone.
    pub name: String,
    pub kind: FormatId,
    pub year: i32,
    pub organ: String,
    #[serde(skip)]
    pub text: String,
    pub defects: Vec<Injected>,
}

/// One report from `seed`.
pub fn report(seed: u64, options: &Options) -> Generated {
    report::build(seed, options, None, None).0
}

/// `count` reports from `seed`, as in the corpus written by `nianbao generate`: all kinds mixed (about 40 %
/// 2021 format, 15 % 2019, 25 % statistical table, 20 % before 2014), half of them with one or two defects.
///
/// Reports come in series: consecutive years of one organ, whose 上年结转 equals the previous report's
/// 结转下年度 and whose 现行有效件数 follow on, so that checking the corpus as a folder finds nothing across
/// reports either. An organ's name is not reused across series while the pool of names lasts (about 4,100
/// organs; the 10,000 reports of `nianbao generate --count 10000` take some 3,300).
pub fn corpus(seed: u64, count: usize) -> impl Iterator<Item = Generated> {
    Corpus::new(seed, count)
}

struct Corpus {
    seed: u64,
    count: usize,
    index: usize,
    rng: Rng,
    organs: Vec<usize>,
    next_organ: usize,
    /// The current series: organ, next year, last year, what the previous report hands on.
    series: Option<(Organ, i32, i32, Option<tables::Carry>)>,
}

impl Corpus {
    fn new(seed: u64, count: usize) -> Corpus {
        let mut rng = Rng::new(mix(seed, 0xC0));
        let mut organs: Vec<usize> = (0..Organ::pool_size()).collect();
        rng.shuffle(&mut organs);
        Corpus {
            seed,
            count,
            index: 0,
            rng,
            organs,
            next_organ: 0,
            series: None,
        }
    }
}

impl Iterator for Corpus {
    type Item = Generated;

    fn next(&mut self) -> Option<Generated> {
        if self.index >= self.count {
            return None;
        }
        if self.series.as_ref().is_none_or(|s| s.1 > s.2) {
            let slot = self.organs[self.next_organ % self.organs.len()];
            self.next_organ += 1;
            // Start years weighted so that the kinds come out in the proportions documented above.
            let years: Vec<i32> = (FIRST_YEAR..=LAST_YEAR).collect();
            let weights: Vec<f64> = years
                .iter()
                .map(|&y| match FormatId::for_year(y) {
                    FormatId::Gov2021 => 8.0,
                    FormatId::Gov2019 => 5.5,
                    FormatId::Stat2014 => 4.0,
                    FormatId::None => 3.6,
                })
                .collect();
            let start = years[self.rng.weighted(&weights)];
            let len = self.rng.range(1, 5) as i32;
            let last = (start + len - 1).min(LAST_YEAR);
            self.series = Some((Organ::from_slot(slot), start, last, None));
        }
        let (organ, year, _, carry) = self.series.as_mut().expect("a series");
        let options = Options {
            year: Some(*year),
            ..Options::corpus()
        };
        let seed = mix(self.seed, self.index as u64 + 1);
        let (mut generated, next_carry) =
            report::build(seed, &options, Some(organ.clone()), carry.as_ref());
        generated.name = format!("{:05}-{}", self.index + 1, generated.name);
        *carry = Some(next_carry);
        *year += 1;
        self.index += 1;
        Some(generated)
    }
}

/// The manifest written next to a corpus.
#[derive(Debug, Serialize)]
pub struct Manifest<'a> {
    pub version: u32,
    pub seed: u64,
    pub count: usize,
    pub bytes: usize,
    pub reports: Vec<ManifestEntry<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ManifestEntry<'a> {
    pub file: &'a str,
    pub kind: FormatId,
    pub year: i32,
    pub organ: &'a str,
    pub bytes: usize,
    pub defects: &'a [Injected],
}

/// Writes `count` reports from `seed` into `dir` (created if needed) with `defects.json` listing every
/// injected defect; returns the number of bytes of reports written.
pub fn write_corpus(dir: &Path, seed: u64, count: usize) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let reports: Vec<Generated> = corpus(seed, count).collect();
    let mut bytes = 0;
    for r in &reports {
        std::fs::write(dir.join(&r.name), &r.text)?;
        bytes += r.text.len();
    }
    let manifest = Manifest {
        version: 1,
        seed,
        count,
        bytes,
        reports: reports
            .iter()
            .map(|r| ManifestEntry {
                file: &r.name,
                kind: r.kind,
                year: r.year,
                organ: &r.organ,
                bytes: r.text.len(),
                defects: &r.defects,
            })
            .collect(),
    };
    let json = serde_json::to_string_pretty(&manifest).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("defects.json"), json + "\n")?;
    Ok(bytes)
}

/// `nianbao generate`.
pub fn run(count: usize, seed: u64, dir: &Path) -> std::process::ExitCode {
    match write_corpus(dir, seed, count) {
        Ok(bytes) => {
            eprintln!(
                "已生成 {count} 份报告（{:.1} MB）和 defects.json，写入 {}",
                bytes as f64 / 1e6,
                dir.display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：无法写入 {}：{e}", dir.display());
            std::process::ExitCode::from(2)
        }
    }
}
