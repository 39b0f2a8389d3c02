//! The checking engine: text → tree → report model → rules → diagnostics.
//! Both front ends (the CLI and the language server) call [`check_tree`] or
//! [`check_text`]; nothing here knows about LSP.

pub mod config;
pub mod suppress;

use tree_sitter::Tree;

use crate::diagnostic::Diagnostic;
use crate::model::{self, Report};
pub use config::{Config, Level};
use suppress::Suppressions;

/// Which national table format a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormatId {
    /// 国办公开办函〔2021〕30号, report years 2021 →.
    Gov2021,
    /// 国办公开办函〔2019〕60号 (试行), report years 2019–2020.
    Gov2019,
    /// 《政府信息公开情况统计表》 (国办发〔2014〕32号), report years 2014–2018.
    Stat2014,
    /// No national table (before 2014).
    None,
}

impl FormatId {
    pub fn for_year(year: i32) -> FormatId {
        match year {
            y if y >= 2021 => FormatId::Gov2021,
            2019 | 2020 => FormatId::Gov2019,
            2014..=2018 => FormatId::Stat2014,
            _ => FormatId::None,
        }
    }

    /// As written in front matter: `2021`, `2019`, `2014`, `无`.
    pub fn parse(s: &str) -> Option<FormatId> {
        Some(match s.trim() {
            "2021" | "2021年格式" | "gov2021" => FormatId::Gov2021,
            "2019" | "2019年格式" | "gov2019" => FormatId::Gov2019,
            "2014" | "统计表" | "stat2014" => FormatId::Stat2014,
            "无" | "none" => FormatId::None,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            FormatId::Gov2021 => "2021",
            FormatId::Gov2019 => "2019",
            FormatId::Stat2014 => "2014",
            FormatId::None => "无",
        }
    }

    /// The id of the format's data file (`server/data/formats/<id>.toml`).
    pub fn data_id(self) -> Option<&'static str> {
        match self {
            FormatId::Gov2021 => Some("gov2021"),
            FormatId::Gov2019 => Some("gov2019"),
            FormatId::Stat2014 => Some("stat2014"),
            FormatId::None => None,
        }
    }
}

/// Which edition of the 条例 applies: 2007 (国务院令第492号) for report years up
/// to 2018, 2019 (国务院令第711号, in force 2019-05-15) from 2019 on.
pub fn edition_for_year(year: i32) -> u16 {
    if year >= 2019 {
        2019
    } else {
        2007
    }
}

/// What the rules look at.
pub struct Context<'a> {
    pub text: &'a str,
    pub report: &'a Report,
    /// 年度, if known.
    pub year: Option<i32>,
    /// The format in force: as written in 格式 when valid, else from 年度.
    pub format: FormatId,
    /// 2007 or 2019.
    pub edition: u16,
}

impl Context<'_> {
    /// Whether table `index` is one of the standard tables of a format
    /// (those are checked by their own relations, not as generic totals).
    pub fn is_standard_table(&self, index: usize) -> bool {
        let corner: String = self.report.tables[index]
            .header
            .cells
            .first()
            .map(|c| c.text.chars().filter(|c| !c.is_whitespace()).collect())
            .unwrap_or_default();
        corner.starts_with("申请人情况")
            || corner.starts_with("复议诉讼")
            || corner.starts_with("统计指标")
            || corner.starts_with("第二十条")
    }
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, report: &'a Report) -> Context<'a> {
        let year = report.front.year();
        let format = report
            .front
            .format()
            .and_then(FormatId::parse)
            .or(year.map(FormatId::for_year))
            .unwrap_or(FormatId::Gov2021);
        let edition = match report.front.edition() {
            Some("2007") => 2007,
            Some("2019") => 2019,
            _ => year.map_or(2019, edition_for_year),
        };
        Context {
            text,
            report,
            year,
            format,
            edition,
        }
    }
}

/// The result of checking one document.
pub struct Checked {
    pub tree: Tree,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and checks `text`.
pub fn check_text(text: &str, config: &Config) -> Checked {
    check_tree(crate::syntax::parse(text), text, config)
}

/// Checks `text` whose tree is already parsed (the language server reparses
/// incrementally and hands the tree over).
pub fn check_tree(tree: Tree, text: &str, config: &Config) -> Checked {
    let mut report = model::build(&tree, text);
    report.front.defaults = config.defaults.clone();
    let mut diagnostics = Vec::new();
    let cx = Context::new(text, &report);
    crate::rules::run_all(&cx, &mut diagnostics);
    let diagnostics = finish(diagnostics, &report, text, config);
    Checked {
        tree,
        report,
        diagnostics,
    }
}

/// Applies configured levels and suppression comments, and sorts.
pub fn finish(
    diagnostics: Vec<Diagnostic>,
    report: &Report,
    text: &str,
    config: &Config,
) -> Vec<Diagnostic> {
    let suppressions = Suppressions::collect(report, text);
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut d| {
            match config.level(d.code) {
                Some(Level::Off) => return None,
                Some(Level::On(severity)) => d.severity = severity,
                None => {}
            }
            (!suppressions.suppresses(&d)).then_some(d)
        })
        .collect();
    kept.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    kept.dedup();
    kept
}
