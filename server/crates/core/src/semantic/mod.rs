//! The semantic layer, between the report model and the rules: what a report
//! means beyond what is written — the format in force ([`FormatId`]), the
//! edition of the 条例, which standard table each pipe table is
//! ([`bind`]), which heading is which section of the format ([`sections`]).
//! The rules, the checker and the editor features all read it; it knows
//! nothing of rules or of checking.

pub mod bind;
pub mod sections;

use crate::formats;
use crate::model::{self, Report};
use crate::tiaoli::{self, Edition};

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

    /// The format's data (`server/crates/core/data/formats/`), `None` for 无.
    pub fn data(self) -> Option<&'static formats::Format> {
        Some(formats::format(match self {
            FormatId::Gov2021 => formats::FormatId::Gov2021,
            FormatId::Gov2019 => formats::FormatId::Gov2019,
            FormatId::Stat2014 => formats::FormatId::Stat2014,
            FormatId::None => return None,
        }))
    }

    pub fn from_data(id: formats::FormatId) -> FormatId {
        match id {
            formats::FormatId::Gov2021 => FormatId::Gov2021,
            formats::FormatId::Gov2019 => FormatId::Gov2019,
            formats::FormatId::Stat2014 => FormatId::Stat2014,
        }
    }

    /// How the format is named in messages.
    pub fn describe(self) -> &'static str {
        match self {
            FormatId::Gov2021 => "2021年格式（国办公开办函〔2021〕30号）",
            FormatId::Gov2019 => "2019年格式（国办公开办函〔2019〕60号）",
            FormatId::Stat2014 => "政府信息公开情况统计表（国办发〔2014〕32号）",
            FormatId::None => "无统一表格的格式",
        }
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
    /// The edition of the 条例 that applies.
    pub edition: Edition,
    /// For each table of the report, the standard table it is bound to.
    pub bindings: Vec<Option<bind::Binding>>,
}

impl Context<'_> {
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
            Some("2007") => Edition::E2007,
            Some("2019") => Edition::E2019,
            _ => year.map_or(Edition::E2019, tiaoli::edition_for_year),
        };
        let bindings = bind::bind_all(report, format);
        Context {
            text,
            report,
            year,
            format,
            edition,
            bindings,
        }
    }
}
