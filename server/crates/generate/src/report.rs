//! Assembling one report: front matter, the sections of its format with their prose and tables, and the defects.

use std::collections::HashMap;

use super::names::{self, Place, PLACES};
use super::rng::Rng;
use super::tables::{Carry, Grid, Layout, Size};
use super::{DefectKind, Defects, FormatId, Generated, Injected, Options};
use nianbao_core::formats::Format;

mod defects;
mod gov;
mod old;
mod plan;
mod write;

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The prefecture-level cities of [`PLACES`] (they make 规章).
const PREFECTURES: &[&str] = &[
    "葫芦岛市",
    "牡丹江市",
    "湛江市",
    "宝鸡市",
    "遵义市",
    "赣州市",
    "绵阳市",
    "常德市",
    "潍坊市",
    "盐城市",
];

/// Who publishes the report.
#[derive(Debug, Clone)]
pub struct Organ {
    pub place: Place,
    /// 0: the government of the place; n: its n-th department.
    pub department: usize,
}

impl Organ {
    pub(super) fn pool_size() -> usize {
        PLACES.len() * (1 + names::DEPARTMENTS.len())
    }

    pub(super) fn from_slot(slot: usize) -> Organ {
        Organ {
            place: PLACES[slot % PLACES.len()],
            department: slot / PLACES.len(),
        }
    }

    fn random(rng: &mut Rng) -> Organ {
        let place = *rng.pick(PLACES);
        let department = if rng.chance(0.45) {
            0
        } else {
            rng.range(1, names::DEPARTMENTS.len() as i64) as usize
        };
        Organ { place, department }
    }

    pub fn government(&self) -> bool {
        self.department == 0
    }

    fn city(&self) -> bool {
        PREFECTURES.contains(&self.place.name)
    }

    /// The department's name as of `year` (names changed with the 2013 and 2018 reforms).
    fn department_name(&self, year: i32) -> &'static str {
        let (before, after) = names::DEPARTMENTS[(self.department - 1) % names::DEPARTMENTS.len()];
        match (year, before) {
            (2019.., _) => after,
            (2014..=2018, "卫生局") => "卫生和计划生育局",
            _ => before,
        }
    }

    /// The full name as of `year`.
    pub fn name(&self, year: i32) -> String {
        if self.government() {
            format!("{}人民政府", self.place.name)
        } else {
            format!("{}{}", self.place.name, self.department_name(year))
        }
    }

    /// "我县", "我市", "我局".
    fn we(&self) -> String {
        if self.government() {
            format!("我{}", self.place.suffix())
        } else {
            "我局".to_string()
        }
    }

    /// "全县", "全市", "全局".
    fn whole(&self) -> String {
        if self.government() {
            format!("全{}", self.place.suffix())
        } else {
            "全局".to_string()
        }
    }
}

/// A defect waiting for its table or section to be written, when its range becomes known.
#[derive(Debug, Clone)]
struct Pending {
    kind: DefectKind,
    table: String,
    row: Option<String>,
    column: Option<String>,
    what: String,
}

/// A small table that matches no standard table, with a 合计 row.
struct Custom {
    corner: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<(String, Vec<i64>)>,
}

struct Gen {
    rng: Rng,
    seed: u64,
    kind: FormatId,
    format: Option<&'static Format>,
    year: i32,
    organ: Organ,
    organ_name: String,
    size: Size,
    defects: Vec<DefectKind>,
    injected: Vec<Injected>,
    pending: Vec<Pending>,
    out: String,
    grids: Vec<Grid>,
    truth: Vec<Grid>,
    layouts: HashMap<String, Layout>,
    omit_table: Option<String>,
    omit_section: Option<String>,
    /// The custom table gets a wrong (true) or blank (false) 合计.
    custom_defect: Option<DefectKind>,
    custom_table: bool,
    prose_breakdown: bool,
    placeholder: bool,
}

fn has(defects: &[DefectKind], d: DefectKind) -> bool {
    defects.contains(&d)
}

/// Builds one report; also returns what the next year's report of the organ takes over.
pub(super) fn build(
    seed: u64,
    options: &Options,
    organ: Option<Organ>,
    prev: Option<&Carry>,
) -> (Generated, Carry) {
    let mut rng = Rng::new(seed);
    let (kind, year) = match (options.kind, options.year) {
        (Some(k), Some(y)) => (k, y),
        (None, Some(y)) => (FormatId::for_year(y), y),
        (k, None) => {
            let k = k.unwrap_or_else(|| FormatId::ALL[rng.weighted(&[0.4, 0.15, 0.25, 0.2])]);
            let years = crate::years(k);
            (
                k,
                rng.range(i64::from(*years.start()), i64::from(*years.end())) as i32,
            )
        }
    };
    let organ = organ.unwrap_or_else(|| Organ::random(&mut rng));
    let prev = prev.filter(|p| p.year + 1 == year);
    let government = organ.government();
    let requests = match (kind, government) {
        (FormatId::None, true) => rng.log_range(0, 60),
        (FormatId::None, false) => rng.log_range(0, 8),
        (FormatId::Stat2014, true) => rng.log_range(0, 200),
        (_, true) if organ.city() => rng.log_range(20, 1500),
        (_, true) => rng.log_range(3, 400),
        (_, false) if rng.chance(0.25) => 0,
        (_, false) => rng.log_range(1, 60),
    };
    let size = Size {
        government,
        city: organ.city(),
        requests,
    };
    let mut defects: Vec<DefectKind> = match &options.defects {
        Defects::None => Vec::new(),
        Defects::Random { rate } => {
            if rng.chance(*rate) {
                let applicable: Vec<DefectKind> = DefectKind::ALL
                    .iter()
                    .copied()
                    .filter(|d| d.applies_to(kind))
                    .collect();
                let n = if rng.chance(0.3) { 2 } else { 1 };
                rng.choose(&applicable, n)
            } else {
                Vec::new()
            }
        }
        Defects::These(list) => list
            .iter()
            .copied()
            .filter(|d| d.applies_to(kind))
            .collect(),
    };
    defects.sort();
    defects.dedup();
    let mut g = Gen {
        rng: rng.fork(),
        seed,
        kind,
        format: kind.data(),
        year,
        organ_name: organ.name(year),
        organ,
        size,
        defects,
        injected: Vec::new(),
        pending: Vec::new(),
        out: String::new(),
        grids: Vec::new(),
        truth: Vec::new(),
        layouts: HashMap::new(),
        omit_table: None,
        omit_section: None,
        custom_defect: None,
        custom_table: false,
        prose_breakdown: false,
        placeholder: false,
    };
    g.plan(prev);
    g.document();
    let carry = g.carry();
    let mut injected = std::mem::take(&mut g.injected);
    injected.sort_by_key(|d| (d.range.start, d.code));
    let generated = Generated {
        name: format!("{}-{}.nianbao", kind.as_str(), year),
        kind,
        year,
        organ: g.organ_name.clone(),
        text: std::mem::take(&mut g.out),
        defects: injected,
    };
    (generated, carry)
}

impl Gen {
    fn has(&self, d: DefectKind) -> bool {
        has(&self.defects, d)
    }

    fn grid(&self, id: &str) -> Option<&Grid> {
        self.grids.iter().find(|g| g.table.id == id)
    }

    /// The figures before any defect changed them: what the prose quotes and the next year takes over.
    fn truth(&self, id: &str) -> Option<&Grid> {
        self.truth.iter().find(|g| g.table.id == id)
    }

    fn grid_mut(&mut self, id: &str) -> Option<&mut Grid> {
        self.grids.iter_mut().find(|g| g.table.id == id)
    }
}
