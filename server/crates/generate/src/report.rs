//! Assembling one report: front matter, the sections of its format with their prose and tables, and the defects.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::names::{self, Place, PLACES};
use super::rng::Rng;
use super::tables::{self, Carry, Grid, Layout, Placed, Size, Val};
use super::{DefectKind, Defects, Generated, Injected, Kind, Options};
use nianbao_core::formats::{Format, MatchKind};

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
    kind: Kind,
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

/// Days in the months of `year`.
fn month_days(year: i32) -> [u32; 12] {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
}

/// The date `offset` days after 1 January of `year` (within that year).
fn date_from_offset(year: i32, mut offset: u32) -> (i32, u32, u32) {
    for (m, days) in month_days(year).iter().enumerate() {
        if offset < *days {
            return (year, m as u32 + 1, offset + 1);
        }
        offset -= days;
    }
    (year, 12, 31)
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
        (None, Some(y)) => (Kind::for_year(y), y),
        (k, None) => {
            let k = k.unwrap_or_else(|| Kind::ALL[rng.weighted(&[0.4, 0.15, 0.25, 0.2])]);
            let years = k.years();
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
        (Kind::Pre2014, true) => rng.log_range(0, 60),
        (Kind::Pre2014, false) => rng.log_range(0, 8),
        (Kind::Stat2014, true) => rng.log_range(0, 200),
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
        format: kind.format(),
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
        name: format!("{}-{}.nianbao", kind.id(), year),
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

    /// Figures, layouts and the defects that change them.
    fn plan(&mut self, prev: Option<&Carry>) {
        let rng = &mut self.rng;
        let groups = rng.chance(0.5);
        // Which row goes missing is decided first: its figures are then drawn as zero.
        let mut zero: Vec<String> = Vec::new();
        let mut missing: Option<(String, String)> = None;
        if let (true, Some(format)) = (has(&self.defects, DefectKind::RowMissing), self.format) {
            let (table, candidates): (&str, Vec<String>) = if self.kind == Kind::Stat2014 {
                let table = format.table("stat").expect("stat");
                let lhs: Vec<&str> = format
                    .relations
                    .iter()
                    .flat_map(|r| r.lhs.iter().map(|t| t.key.as_str()))
                    .collect();
                let rows = table
                    .data_rows()
                    .filter(|r| !lhs.contains(&r.key.as_str()) && r.key != "channels.gazette")
                    .map(|r| r.key.clone())
                    .collect();
                ("stat", rows)
            } else if rng.chance(0.8) {
                (
                    "t3",
                    tables::parts_of(format, "t3", "total")
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                )
            } else {
                (
                    "t4",
                    vec!["suit.direct".to_string(), "suit.after_review".to_string()],
                )
            };
            let row = rng.pick(&candidates).clone();
            zero.push(row.clone());
            missing = Some((table.to_string(), row));
        }
        self.custom_table = rng.chance(0.3);
        let gazette = rng.chance(0.8);
        if let Some(format) = self.format {
            let size = self.size;
            let mut r = rng.fork();
            self.grids = match self.kind {
                Kind::Gov2021 => {
                    let mut v = tables::fill_t2_2021(format, &mut r, &size, prev);
                    v.push(tables::fill_t3(format, &mut r, &size, &zero, prev));
                    v.push(tables::fill_t4(format, &mut r, &size, &zero));
                    v
                }
                Kind::Gov2019 => {
                    let mut v = tables::fill_t2_2019(format, &mut r, &size, prev);
                    v.push(tables::fill_t3(format, &mut r, &size, &zero, prev));
                    v.push(tables::fill_t4(format, &mut r, &size, &zero));
                    v
                }
                _ => vec![tables::fill_stat(format, &mut r, &size, &zero, gazette)],
            };
            let broken = tables::broken_relations(format, &self.grids);
            assert!(
                broken.is_empty(),
                "generator bug (seed {}): {broken:?}",
                self.seed
            );
            self.truth = self.grids.clone();
            for grid in &self.grids {
                let mut layout = Layout {
                    groups,
                    ..Layout::default()
                };
                if grid.table.id == "stat" && !gazette {
                    layout.omit_optional.push("channels.gazette".into());
                }
                self.layouts.insert(grid.table.id.clone(), layout);
            }
        }
        if let Some((table, row)) = missing {
            self.layouts.get_mut(&table).expect("layout").omit_row = Some(row.clone());
            let label = self
                .format
                .and_then(|f| f.table(&table))
                .and_then(|t| t.row(&row))
                .map(|r| r.label.clone());
            self.pending.push(Pending {
                kind: DefectKind::RowMissing,
                table,
                row: Some(row),
                column: None,
                what: format!("删去标准行“{}”（其数字均为0）", label.unwrap_or_default()),
            });
        }
        if self.has(DefectKind::TableSum) {
            self.wrong_total();
        }
        if self.has(DefectKind::TableTotalBlank) {
            if matches!(self.kind, Kind::Gov2021 | Kind::Gov2019) {
                self.blank_total();
            } else {
                self.custom_defect = Some(DefectKind::TableTotalBlank);
                self.custom_table = true;
            }
        }
        if self.has(DefectKind::TableSubtotal) {
            // One custom table carries one defect; a blank total takes precedence.
            if self.custom_defect.is_none() {
                self.custom_defect = Some(DefectKind::TableSubtotal);
            } else {
                self.defects.retain(|d| *d != DefectKind::TableSubtotal);
            }
            self.custom_table = true;
        }
        if self.has(DefectKind::LabelVariant) {
            self.label_variant();
        }
        if self.has(DefectKind::TableMissing) {
            let busy: Vec<&str> = self.pending.iter().map(|p| p.table.as_str()).collect();
            let table = match self.kind {
                // The statistical table is the only one: leave it out only if no other defect is in it.
                Kind::Stat2014 if busy.contains(&"stat") => String::new(),
                Kind::Stat2014 => "stat".to_string(),
                _ => {
                    let ids: Vec<String> = self.grids.iter().map(|g| g.table.id.clone()).collect();
                    // Leave out a table that has no other pending defect.
                    let free: Vec<String> = ids
                        .into_iter()
                        .filter(|i| !busy.contains(&i.as_str()))
                        .collect();
                    if free.is_empty() {
                        String::new()
                    } else {
                        self.rng.pick(&free).clone()
                    }
                }
            };
            if table.is_empty() {
                self.defects.retain(|d| *d != DefectKind::TableMissing);
            } else {
                self.omit_table = Some(table);
            }
        }
        if self.has(DefectKind::SectionMissing) {
            let section = if self.kind.edition_2019() {
                // The custom table (and its defect) lives in 六.
                if self.custom_defect.is_some() {
                    "五".to_string()
                } else {
                    self.rng.pick(&["五", "六"]).to_string()
                }
            } else {
                self.rng.pick(&["fees", "other"]).to_string()
            };
            self.omit_section = Some(section);
        }
        self.prose_breakdown = self.has(DefectKind::ProseBreakdown);
        self.placeholder = self.has(DefectKind::Placeholder);
    }

    /// `table-sum`: change a total (the single left-hand side of an equality) by a few units.
    fn wrong_total(&mut self) {
        let format = self.format.expect("a format");
        let mut candidates: Vec<(String, &str, &str)> = Vec::new();
        for grid in &self.grids {
            for (row, column) in tables::total_cells(format, grid.table) {
                // Leave the carried-over rows alone, so that the next year's report still follows on.
                if matches!(row, "carried" | "carry_next") {
                    continue;
                }
                candidates.push((grid.table.id.clone(), row, column));
            }
        }
        let busy: Vec<String> = self.pending.iter().map(|p| p.table.clone()).collect();
        candidates.retain(|c| !busy.contains(&c.0));
        if candidates.is_empty() {
            self.defects.retain(|d| *d != DefectKind::TableSum);
            return;
        }
        let (table, row, column) = self.rng.pick(&candidates).clone();
        let grid = self.grid(&table).expect("grid");
        let (t, old) = (grid.table, grid.get(row, column));
        let delta = self.rng.range(1, (old / 10).max(3));
        let new = if old > delta && self.rng.chance(0.5) {
            old - delta
        } else {
            old + delta
        };
        let what = format!(
            "{}“{}”行“{}”列由 {old} 改为 {new}",
            t.name,
            t.row(row).map_or(row, |r| r.label.as_str()),
            t.column(column).map_or(column, |c| c.label.as_str()),
        );
        self.grid_mut(&table).expect("grid").set(row, column, new);
        self.pending.push(Pending {
            kind: DefectKind::TableSum,
            table,
            row: Some(row.to_string()),
            column: Some(column.to_string()),
            what,
        });
    }

    /// `table-total-blank`: empty a 总计 cell of 表三 or 表四 whose parts are not all zero.
    fn blank_total(&mut self) {
        let busy: Vec<String> = self.pending.iter().map(|p| p.table.clone()).collect();
        let mut candidates: Vec<(String, String, String)> = Vec::new();
        for id in ["t3", "t4"] {
            if busy.iter().any(|b| b == id) {
                continue;
            }
            let Some(grid) = self.grid(id) else { continue };
            for row in grid.table.data_rows() {
                if grid.get(&row.key, "total") > 0 {
                    candidates.push((id.to_string(), row.key.clone(), "total".to_string()));
                }
            }
            if id == "t3" {
                for column in &grid.table.columns {
                    if column.key != "total" && grid.get("total", &column.key) > 0 {
                        candidates.push((id.to_string(), "total".to_string(), column.key.clone()));
                    }
                }
            }
        }
        candidates.retain(|(_, row, _)| !matches!(row.as_str(), "carried" | "carry_next"));
        if candidates.is_empty() {
            // Nothing to total: a report with no requests and no appeals. Use the custom table instead.
            self.custom_defect = Some(DefectKind::TableTotalBlank);
            self.custom_table = true;
            return;
        }
        let (table, row, column) = self.rng.pick(&candidates).clone();
        let grid = self.grid_mut(&table).expect("grid");
        grid.set_val(&row, &column, Val::Blank);
        let t = grid.table;
        let what = format!(
            "{}“{}”行“{}”列留空",
            t.name,
            t.row(&row).map_or(row.as_str(), |r| r.label.as_str()),
            t.column(&column)
                .map_or(column.as_str(), |c| c.label.as_str())
        );
        self.pending.push(Pending {
            kind: DefectKind::TableTotalBlank,
            table,
            row: Some(row),
            column: Some(column),
            what,
        });
    }

    /// `label-variant`: a known variant spelling (not a traditional-character one, not the label of another format).
    fn label_variant(&mut self) {
        let format = self.format.expect("a format");
        let others: Vec<&Format> = nianbao_core::formats::all()
            .iter()
            .filter(|f| f.id != format.id)
            .collect();
        let canonical_elsewhere = |table: &str, text: &str| {
            let n = nianbao_core::formats::normalize_label(text);
            others.iter().filter_map(|f| f.table(table)).any(|t| {
                t.rows
                    .iter()
                    .any(|r| nianbao_core::formats::normalize_label(&r.label) == n)
                    || t.columns
                        .iter()
                        .any(|c| nianbao_core::formats::normalize_label(&c.label) == n)
            })
        };
        // Traditional spellings are the same label after normalisation, not a variant to report.
        let traditional = |v: &str| {
            v.chars().any(|c| {
                let one = c.to_string();
                ('\u{4E00}'..='\u{9FFF}').contains(&c)
                    && nianbao_core::formats::normalize_label(&one) != one
            })
        };
        let busy: Vec<String> = self.pending.iter().map(|p| p.table.clone()).collect();
        // (table, is_row, key, variant)
        let mut candidates: Vec<(String, bool, String, String)> = Vec::new();
        for grid in &self.grids {
            let t = grid.table;
            if busy.contains(&t.id) {
                continue;
            }
            let omitted = self.layouts.get(&t.id).and_then(|l| l.omit_row.clone());
            for row in t
                .rows
                .iter()
                .filter(|r| !r.group && Some(&r.key) != omitted.as_ref())
            {
                for v in &row.variants {
                    let ok = t
                        .lookup_row(v)
                        .is_some_and(|m| m.key == row.key && m.kind == MatchKind::Variant);
                    if ok && !traditional(v) && !canonical_elsewhere(&t.id, v) {
                        candidates.push((t.id.clone(), true, row.key.clone(), v.clone()));
                    }
                }
            }
            for column in &t.columns {
                for v in &column.variants {
                    let ok = t
                        .lookup_column(v)
                        .is_some_and(|m| m.key == column.key && m.kind == MatchKind::Variant);
                    if ok && !traditional(v) && !canonical_elsewhere(&t.id, v) {
                        candidates.push((t.id.clone(), false, column.key.clone(), v.clone()));
                    }
                }
            }
        }
        if candidates.is_empty() {
            self.defects.retain(|d| *d != DefectKind::LabelVariant);
            return;
        }
        let (table, is_row, key, variant) = self.rng.pick(&candidates).clone();
        let t = self.grid(&table).expect("grid").table;
        let canonical = if is_row {
            t.row(&key).map(|r| r.label.clone())
        } else {
            t.column(&key).map(|c| c.label.clone())
        }
        .unwrap_or_default();
        let layout = self.layouts.get_mut(&table).expect("layout");
        if is_row {
            layout.row_label = Some((key.clone(), variant.clone()));
        } else {
            layout.column_label = Some((key.clone(), variant.clone()));
        }
        self.pending.push(Pending {
            kind: DefectKind::LabelVariant,
            table,
            row: is_row.then(|| key.clone()),
            column: (!is_row).then_some(key),
            what: format!("标签写作“{variant}”，规范写法为“{canonical}”"),
        });
    }

    /// What the next year's report takes over.
    fn carry(&self) -> Carry {
        let mut carry = Carry {
            year: self.year,
            ..Carry::default()
        };
        if let Some(t3) = self.truth("t3") {
            for column in &t3.table.columns {
                carry
                    .carry_next
                    .insert(column.key.clone(), t3.get("carry_next", &column.key));
            }
        }
        if let (Some(t2), Kind::Gov2021) = (self.truth("t2-1"), self.kind) {
            for row in ["rules", "normative"] {
                carry
                    .in_force
                    .insert(row.to_string(), t2.get(row, "in_force"));
            }
        }
        if self.kind == Kind::Gov2019 {
            for id in ["t2-5", "t2-6", "t2-8"] {
                if let Some(g) = self.truth(id) {
                    for row in &g.table.rows {
                        let next = g.get(&row.key, "prev_count") + g.get(&row.key, "change");
                        carry
                            .items
                            .insert((id.to_string(), row.key.clone()), next.max(0));
                    }
                }
            }
        }
        carry
    }

    // ---------------------------------------------------------------------------------------------------------
    // Writing
    // ---------------------------------------------------------------------------------------------------------

    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn para(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push_str("\n\n");
    }

    fn heading(&mut self, level: usize, title: &str) {
        self.out.push_str(&"#".repeat(level));
        self.out.push(' ');
        self.out.push_str(title);
        self.out.push_str("\n\n");
    }

    fn document(&mut self) {
        self.front_matter();
        if self.kind.edition_2019() {
            self.gov_document();
        } else {
            self.old_document();
        }
        // Missing sections and a missing statistical table: anywhere in the report.
        let end = self.out.len();
        for p in std::mem::take(&mut self.pending) {
            if matches!(
                p.kind,
                DefectKind::SectionMissing | DefectKind::TableMissing
            ) {
                self.injected.push(Injected {
                    kind: p.kind,
                    code: p.kind.code(),
                    range: 0..end,
                    table: (!p.table.is_empty()).then_some(p.table),
                    row: None,
                    column: None,
                    what: p.what,
                });
            } else {
                self.pending.push(p);
            }
        }
        assert!(
            self.pending.is_empty(),
            "generator bug (seed {}): unplaced defects {:?}",
            self.seed,
            self.pending
        );
    }

    fn front_matter(&mut self) {
        let rng = &mut self.rng;
        let colon = if rng.chance(0.1) { "：" } else { ": " };
        let y = self.year;
        let title = match (self.organ.government(), rng.below(3)) {
            (true, 0) => format!("{}{y}年政府信息公开工作年度报告", self.organ.place.name),
            (_, 1) if !self.kind.edition_2019() => {
                format!("{}{y}年度政府信息公开工作报告", self.organ_name)
            }
            _ => format!("{}{y}年政府信息公开工作年度报告", self.organ_name),
        };
        let organ_kind = if self.organ.government() {
            "人民政府"
        } else {
            "部门"
        };
        let write_format = rng.chance(0.9);
        let period = rng.chance(0.1);
        // The deadline: 2019 条例 第四十九条 (部门 1月31日, 本级人民政府 3月31日); 2007 条例 第三十一条 (3月31日).
        let limit = if self.kind.edition_2019() && !self.organ.government() {
            30
        } else {
            month_days(y + 1)[0] + month_days(y + 1)[1] + 30
        };
        let late = has(&self.defects, DefectKind::Deadline);
        let offset = if late {
            limit + rng.range(1, 200) as u32
        } else {
            let earliest = if limit == 30 { 4 } else { 9 };
            rng.range(i64::from(earliest), i64::from(limit)) as u32
        };
        let (py, pm, pd) = date_from_offset(y + 1, offset);
        let mut s = String::from("---\n");
        s += &format!(
            "标题{colon}{title}\n机关{colon}{}\n机关类型{colon}{organ_kind}\n年度{colon}{y}\n",
            self.organ_name
        );
        if write_format {
            s += &format!("格式{colon}{}\n", self.kind.front_matter());
        }
        s += &format!("发布日期{colon}");
        let date_start = s.len();
        s += &format!("{py:04}-{pm:02}-{pd:02}");
        let date_range = date_start..s.len();
        s += "\n";
        if period {
            s += &format!("统计期限{colon}{y}-01-01至{y}-12-31\n");
        }
        s += "---\n";
        s += &format!(
            "// 由 nianbao generate 生成的测试报告（种子 {}），机关、数字均为虚构。\n\n",
            self.seed
        );
        self.push(&s);
        if late {
            let (ly, lm, ld) = date_from_offset(y + 1, limit);
            self.injected.push(Injected {
                kind: DefectKind::Deadline,
                code: "deadline",
                range: date_range,
                table: None,
                row: None,
                column: None,
                what: format!(
                    "发布日期 {py:04}-{pm:02}-{pd:02} 晚于法定期限 {ly:04}-{lm:02}-{ld:02}"
                ),
            });
        }
    }

    /// Writes a standard table and places the defects waiting for it.
    fn table(&mut self, id: &str) {
        let Some(grid) = self.grid(id).cloned() else {
            return;
        };
        let layout = self.layouts.remove(id).unwrap_or_default();
        let placed = tables::render(&mut self.out, &grid, &layout);
        self.out.push('\n');
        self.place(id, &placed);
    }

    fn place(&mut self, id: &str, placed: &Placed) {
        let (mine, rest): (Vec<Pending>, Vec<Pending>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|p| p.table == id);
        self.pending = rest;
        for p in mine {
            let range = match p.kind {
                DefectKind::RowMissing => placed.range.clone(),
                DefectKind::LabelVariant => match (&p.row, &p.column) {
                    (Some(r), _) => placed.row_labels[r].clone(),
                    (_, Some(c)) => placed.column_labels[c].clone(),
                    _ => placed.range.clone(),
                },
                _ => {
                    let key = (
                        p.row.clone().unwrap_or_default(),
                        p.column.clone().unwrap_or_default(),
                    );
                    placed
                        .cells
                        .get(&key)
                        .cloned()
                        .unwrap_or_else(|| placed.range.clone())
                }
            };
            self.injected.push(Injected {
                kind: p.kind,
                code: p.kind.code(),
                range,
                table: Some(p.table),
                row: p.row,
                column: p.column,
                what: p.what,
            });
        }
    }

    /// Writes a standard table unless it is the one left out; returns whether it was left out.
    fn standard_table(&mut self, id: &str) -> bool {
        if self.omit_table.as_deref() == Some(id) {
            self.layouts.remove(id);
            let name = self
                .grid(id)
                .map(|g| g.table.name.clone())
                .unwrap_or_default();
            self.pending.push(Pending {
                kind: DefectKind::TableMissing,
                table: id.to_string(),
                row: None,
                column: None,
                what: format!("删去标准表“{name}”"),
            });
            return true;
        }
        self.table(id);
        false
    }

    /// "lead N unit，其中 a unit，b unit…tail。" — the parts add up unless the breakdown defect is due here.
    fn breakdown(&mut self, lead: &str, total: i64, unit: &str, parts: &[(&str, i64)], tail: &str) {
        let parts: Vec<(&str, i64)> = parts.iter().copied().filter(|p| p.1 > 0).collect();
        self.push(lead);
        let start = self.out.len();
        self.push(&format!("{total}{unit}"));
        if parts.is_empty() {
            self.push(tail);
            self.push("。");
            return;
        }
        let wrong = if self.prose_breakdown && parts.len() >= 2 {
            self.prose_breakdown = false;
            Some(self.rng.below(parts.len() as u64) as usize)
        } else {
            None
        };
        self.push("，其中");
        let mut shown = Vec::new();
        for (i, (label, n)) in parts.iter().enumerate() {
            let n = if wrong == Some(i) {
                n + self.rng.range(1, (n / 5).max(9))
            } else {
                *n
            };
            shown.push(n);
            if i > 0 {
                self.push("，");
            }
            self.push(&format!("{label}{n}{unit}"));
        }
        let end = self.out.len();
        self.push(tail);
        self.push("。");
        if wrong.is_some() {
            let sum: i64 = shown.iter().sum();
            self.injected.push(Injected {
                kind: DefectKind::ProseBreakdown,
                code: "prose-breakdown",
                range: start..end,
                table: None,
                row: None,
                column: None,
                what: format!(
                    "分项之和 {sum}（{}）与总数 {total} 不符",
                    shown
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join("+")
                ),
            });
        }
    }

    /// "…访问量达N万余人次。" or, with the placeholder defect, "达()万余人次".
    fn visits(&mut self, lead: &str) {
        self.push(lead);
        if self.placeholder {
            self.placeholder = false;
            let blank = *self.rng.pick(&["()", "（）", "（　）", "XX", "××"]);
            let start = self.out.len();
            self.push(blank);
            let end = self.out.len();
            self.push("万余人次。");
            self.injected.push(Injected {
                kind: DefectKind::Placeholder,
                code: "placeholder",
                range: start..end,
                table: None,
                row: None,
                column: None,
                what: format!("访问量写作“达{blank}万余人次”，未填数字"),
            });
        } else {
            let v = self.rng.log_range(1, 300);
            self.push(&format!("{v}万余人次。"));
        }
    }

    /// A table that matches no standard table, with a 合计 row (checked by `table-subtotal`).
    fn custom(&mut self, custom: Custom) {
        let mut totals = vec![0i64; custom.columns.len()];
        for (_, values) in &custom.rows {
            for (t, v) in totals.iter_mut().zip(values) {
                *t += v;
            }
        }
        let mut s = format!("| {} |", custom.corner);
        for c in &custom.columns {
            s += &format!(" {c} |");
        }
        s += "\n| --- |";
        for _ in &custom.columns {
            s += " ---: |";
        }
        s += "\n";
        for (label, values) in &custom.rows {
            s += &format!("| {label} |");
            for v in values {
                s += &format!(" {v} |");
            }
            s += "\n";
        }
        self.push(&s);
        let defect = self.custom_defect.take();
        let which = self.rng.below(custom.columns.len() as u64) as usize;
        self.push("| 合计 |");
        for (i, t) in totals.iter().enumerate() {
            self.push(" ");
            let cell_start = self.out.len();
            let text = match defect {
                Some(DefectKind::TableTotalBlank) if i == which => String::new(),
                Some(DefectKind::TableSubtotal) if i == which => {
                    let d = self.rng.range(1, (t / 10).max(5));
                    (t + d).to_string()
                }
                _ => t.to_string(),
            };
            self.push(&text);
            let cell_end = self.out.len();
            self.push(" |");
            if let (Some(kind), true) = (defect, i == which) {
                let range = if text.is_empty() {
                    cell_start - 1..cell_end + 1
                } else {
                    cell_start..cell_end
                };
                let what = match kind {
                    DefectKind::TableTotalBlank => {
                        format!("“{}”表“{}”列的合计留空", custom.corner, custom.columns[i])
                    }
                    _ => format!(
                        "“{}”表“{}”列的合计 {text} 与各项之和 {t} 不符",
                        custom.corner, custom.columns[i]
                    ),
                };
                self.injected.push(Injected {
                    kind,
                    code: kind.code(),
                    range,
                    table: Some("custom".to_string()),
                    row: Some("合计".to_string()),
                    column: Some(custom.columns[i].to_string()),
                    what,
                });
            }
        }
        self.push("\n\n");
    }

    /// Categories with figures that add up to `total`, each at least 1.
    fn categories(
        &mut self,
        pool: &[&'static str],
        total: i64,
        min: usize,
        max: usize,
    ) -> Vec<(&'static str, i64)> {
        let k = self.rng.range(min as i64, max as i64) as usize;
        let k = k.min(total.max(0) as usize).max(1);
        let mut labels = self.rng.choose(pool, k);
        // "其他…" comes last.
        labels.sort_by_key(|l| l.starts_with("其他") || l.starts_with("其它"));
        let weights: Vec<f64> = labels.iter().map(|_| 0.2 + self.rng.unit()).collect();
        let split = self.rng.split(total - k as i64, &weights);
        labels
            .into_iter()
            .zip(split)
            .map(|(l, n)| (l, n + 1))
            .collect()
    }

    fn preface(&mut self) {
        let y = self.year;
        let basis = if self.kind.edition_2019() {
            "第五十条"
        } else {
            "第三十一条、第三十二条"
        };
        let office = if self.organ.government() {
            format!("{}人民政府办公室", self.organ.place.name)
        } else {
            format!("{}办公室", self.organ_name)
        };
        let site = format!("http://www.{}.gov.cn/", self.organ.place.pinyin);
        let area = self.rng.range(310, 999);
        let phone = self.rng.range(2_000_000, 8_999_999);
        let text = match self.rng.below(2) {
            0 => format!(
                "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）{basis}规定，由{office}编制。本报告中所列数据的统计期限为{y}年1月1日至{y}年12月31日。本报告电子版可在{}门户网站（{site}）下载。如对本报告有疑问，请与{office}联系（电话：0{area}-{phone}）。",
                self.organ.place.name
            ),
            _ => format!(
                "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布{}{y}年政府信息公开工作年度报告。报告数据统计期限为{y}年1月1日至{y}年12月31日。",
                self.organ_name
            ),
        };
        self.para(&text);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2019 条例: the six sections of the 2019 and 2021 formats
    // ---------------------------------------------------------------------------------------------------------

    fn gov_document(&mut self) {
        let format = self.format.expect("a format");
        self.preface();
        for section in &format.sections {
            if self.omit_section.as_deref() == Some(section.no.as_str()) {
                self.pending.push(Pending {
                    kind: DefectKind::SectionMissing,
                    table: String::new(),
                    row: None,
                    column: None,
                    what: format!("删去第{}部分“{}”", section.no, section.title),
                });
                continue;
            }
            let start = self.out.len();
            self.heading(1, &format!("{}、{}", section.no, section.title));
            match section.no.as_str() {
                "一" => self.gov_overview(section),
                "二" => {
                    for id in &section.tables {
                        self.standard_table(id);
                    }
                }
                "三" => {
                    if self.omit_table.as_deref() != Some("t3") && self.rng.chance(0.4) {
                        let note = format
                            .table("t3")
                            .and_then(|t| t.corner_note.clone())
                            .unwrap_or_default();
                        self.para(&note);
                    }
                    self.standard_table("t3");
                }
                "四" => {
                    self.standard_table("t4");
                }
                "五" => self.problems(),
                _ => self.gov_other(),
            }
            self.section_end(start);
        }
    }

    /// A table left out of this section gets the section's range.
    fn section_end(&mut self, start: usize) {
        let end = self.out.len();
        let (mine, rest): (Vec<Pending>, Vec<Pending>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|p| p.kind == DefectKind::TableMissing && p.table != "stat");
        self.pending = rest;
        for p in mine {
            self.injected.push(Injected {
                kind: p.kind,
                code: p.kind.code(),
                range: start..end,
                table: Some(p.table),
                row: None,
                column: None,
                what: p.what,
            });
        }
    }

    fn subsection_title(&mut self, sub: &nianbao_core::formats::Subsection) -> String {
        let variants: Vec<&String> = sub
            .variants
            .iter()
            .filter(|v| v.starts_with(&sub.title))
            .collect();
        let title = if !variants.is_empty() && self.rng.chance(0.3) {
            self.rng.pick(&variants).to_string()
        } else {
            sub.title.clone()
        };
        format!("{}{}", sub.no, title)
    }

    fn gov_overview(&mut self, section: &nianbao_core::formats::Section) {
        let y = self.year;
        let opening = *self.rng.pick(names::OPENINGS);
        let who = if self.organ.government() {
            self.organ.place.name.to_string()
        } else {
            self.organ_name.clone()
        };
        self.para(&format!("{y}年，{who}{opening}，各项工作取得积极成效。"));
        for (i, sub) in section.subsections.iter().enumerate() {
            let title = self.subsection_title(sub);
            self.heading(2, &title);
            match i {
                0 => self.gov_active(),
                1 => self.gov_requests(),
                2 => self.gov_management(),
                3 => self.gov_platforms(),
                _ => self.gov_oversight(),
            }
        }
    }

    fn gov_active(&mut self) {
        let y = self.year;
        let total = if self.organ.government() {
            self.rng.log_range(800, 20_000)
        } else {
            self.rng.log_range(60, 3000)
        };
        let parts = self.categories(names::ACTIVE_CATEGORIES, total, 2, 5);
        let platforms = self.rng.choose(&names::PLATFORMS[..3], 2).join("、");
        let lead = format!(
            "{y}年，{}通过{platforms}等平台主动公开政府信息",
            self.organ.whole()
        );
        self.breakdown(&lead, total, "条", &parts, "");
        if self.rng.chance(0.7) {
            let n = self.rng.log_range(3, 200);
            let kinds = ["文字解读", "图片图表解读", "视频解读", "专家解读"];
            let parts = self.categories(&kinds, n, 2, 3);
            self.breakdown("全年发布政策解读", n, "篇", &parts, "");
        }
        if self.rng.chance(0.5) {
            let m = self.rng.range(1, 20);
            self.push(&format!("召开新闻发布会{m}场。"));
        }
        self.visits("政府门户网站全年访问量达");
        self.push("\n\n");
    }

    fn gov_requests(&mut self) {
        let Some(t3) = self.truth("t3").cloned() else {
            return;
        };
        let y = self.year;
        let whole = self.organ.whole();
        let sum = |prefix: &str| -> i64 {
            t3.table
                .data_rows()
                .filter(|r| r.key == prefix || r.key.starts_with(&format!("{prefix}.")))
                .map(|r| t3.get(&r.key, "total"))
                .sum()
        };
        // The prose quotes the true figures even when a total cell of the table is blanked or wrong.
        let person = t3.get("new", "person");
        let new: i64 = t3
            .table
            .columns
            .iter()
            .filter(|c| c.key != "total")
            .map(|c| t3.get("new", &c.key))
            .sum();
        let carried: i64 = t3
            .table
            .columns
            .iter()
            .filter(|c| c.key != "total")
            .map(|c| t3.get("carried", &c.key))
            .sum();
        let outcome: i64 = t3
            .table
            .columns
            .iter()
            .filter(|c| c.key != "total")
            .map(|c| t3.get("total", &c.key))
            .sum();
        let carry: i64 = t3
            .table
            .columns
            .iter()
            .filter(|c| c.key != "total")
            .map(|c| t3.get("carry_next", &c.key))
            .sum();
        if new == 0 {
            self.push(&format!("{y}年，{whole}未收到新的政府信息公开申请。"));
        } else if person == new {
            self.push(&format!(
                "{y}年，{whole}共新收政府信息公开申请{new}件，均为自然人申请。"
            ));
        } else {
            self.breakdown(
                &format!("{y}年，{whole}共新收政府信息公开申请"),
                new,
                "件",
                &[("自然人申请", person), ("法人或其他组织申请", new - person)],
                "",
            );
        }
        if carried > 0 {
            self.push(&format!("上年结转政府信息公开申请{carried}件。"));
        }
        let handled = new + carried;
        if handled > 0 {
            let rate =
                (Decimal::from(outcome) * Decimal::from(100) / Decimal::from(handled)).round();
            self.push(&format!(
                "全年共需办理政府信息公开申请{handled}件，办结{outcome}件，办结率{rate}%。"
            ));
            let parts: Vec<(&str, i64)> = vec![
                ("予以公开", t3.get("public", "total")),
                ("部分公开", t3.get("partial", "total")),
                ("不予公开", sum("deny")),
                ("无法提供", sum("unable")),
                ("不予处理", sum("decline")),
                ("其他处理", sum("other")),
            ];
            let nonzero: Vec<(&str, i64)> = parts.into_iter().filter(|p| p.1 > 0).collect();
            if nonzero.len() >= 2 {
                self.push("其中，");
                let text: Vec<String> = nonzero.iter().map(|(l, n)| format!("{l}{n}件")).collect();
                self.push(&text.join("，"));
                self.push("。");
            }
            if carry > 0 {
                self.push(&format!("结转下年度继续办理{carry}件。"));
            }
        }
        if let Some(t4) = self.truth("t4") {
            let review = t4.get("review", "upheld")
                + t4.get("review", "corrected")
                + t4.get("review", "other")
                + t4.get("review", "pending");
            let suits: i64 = ["suit.direct", "suit.after_review"]
                .iter()
                .map(|r| {
                    ["upheld", "corrected", "other", "pending"]
                        .iter()
                        .map(|c| t4.get(r, c))
                        .sum::<i64>()
                })
                .sum();
            if review + suits == 0 {
                self.push("全年未发生因政府信息公开引起的行政复议、行政诉讼案件。");
            } else {
                self.push(&format!(
                    "全年因政府信息公开被申请行政复议{review}件，被提起行政诉讼{suits}件。"
                ));
            }
        }
        self.push("\n\n");
    }

    fn gov_management(&mut self) {
        let sentence = *self.rng.pick(names::MANAGEMENT);
        if let Some(t2) = self.truth("t2-1").cloned() {
            let text = if self.kind == Kind::Gov2021 {
                format!(
                    "全年制发行政规范性文件{}件，废止{}件，现行有效{}件。",
                    t2.get("normative", "made"),
                    t2.get("normative", "repealed"),
                    t2.get("normative", "in_force")
                )
            } else {
                format!(
                    "全年新制作规范性文件{}件，新公开规范性文件{}件。",
                    t2.get("normative", "new_made"),
                    t2.get("normative", "new_published")
                )
            };
            self.para(&format!("{sentence}。{text}"));
        } else {
            self.para(&format!("{sentence}。"));
        }
    }

    fn gov_platforms(&mut self) {
        let sentence = *self.rng.pick(names::PLATFORM_WORK);
        self.push(&format!("{sentence}。"));
        if self.rng.chance(0.6) {
            let n = self
                .rng
                .log_range(2, if self.organ.government() { 120 } else { 6 });
            let kinds = ["微信公众号", "政务微博", "短视频账号", "移动客户端"];
            let parts = self.categories(&kinds, n, 1, 3);
            let lead = if self.organ.government() {
                format!(
                    "截至{}年底，{}政府系统共有政务新媒体账号",
                    self.year,
                    self.organ.whole()
                )
            } else {
                format!("截至{}年底，本机关共有政务新媒体账号", self.year)
            };
            self.breakdown(&lead, n, "个", &parts, "");
        }
        self.push("\n\n");
    }

    fn gov_oversight(&mut self) {
        let sentence = *self.rng.pick(names::OVERSIGHT);
        self.push(&format!("{sentence}。"));
        let k = self.rng.range(1, 8);
        let m = self.rng.log_range(k * 10, k * 200);
        self.push(&format!("全年组织政务公开业务培训{k}次，参训{m}人次。"));
        if self.organ.government() {
            let p = self.rng.range(90, 99);
            self.push(&format!(
                "将政务公开工作纳入年度绩效考核，考核结果在{}通报；开展政务公开社会评议，群众满意度达{p}%；全年未发生政府信息公开工作责任追究情况。",
                self.organ.whole()
            ));
        }
        self.push("\n\n");
    }

    fn problems(&mut self) {
        let y = self.year;
        let we = self.organ.we();
        // No 政务新媒体 before there were any.
        let modern = |s: &&str| y >= 2014 || !s.contains("新媒体");
        let problems: Vec<&str> = names::PROBLEMS.iter().copied().filter(modern).collect();
        let improvements: Vec<&str> = names::IMPROVEMENTS.iter().copied().filter(modern).collect();
        let p = self.rng.choose(&problems, 3);
        let i = self.rng.choose(&improvements, 3);
        self.para(&format!(
            "{y}年，{we}政府信息公开工作取得了一定成效，但仍存在一些不足：一是{}；二是{}；三是{}。",
            p[0], p[1], p[2]
        ));
        self.para(&format!(
            "{}年，{we}将重点做好以下工作：一是{}；二是{}；三是{}。",
            y + 1,
            i[0],
            i[1],
            i[2]
        ));
    }

    /// Proposals of deputies and members handled, with their custom table when there is one.
    fn proposals(&mut self) {
        let a = self.rng.log_range(1, 120);
        let b = self.rng.log_range(1, 150);
        let custom_table = self.custom_table;
        self.breakdown(
            "全年共承办人大代表建议和政协委员提案",
            a + b,
            "件",
            &[("人大代表建议", a), ("政协委员提案", b)],
            "，均已按期办复",
        );
        self.push("\n\n");
        if custom_table {
            let on_time_a = a - self.rng.range(0, a / 10);
            let on_time_b = b - self.rng.range(0, b / 10);
            self.custom(Custom {
                corner: "建议提案类别",
                columns: vec!["承办件数", "按期办复件数"],
                rows: vec![
                    ("人大代表建议".to_string(), vec![a, on_time_a]),
                    ("政协委员提案".to_string(), vec![b, on_time_b]),
                ],
            });
        }
    }

    fn gov_other(&mut self) {
        let y = self.year;
        let fee = if y >= 2021 {
            format!("依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{y}年{}未收取信息处理费。", self.organ.we())
        } else {
            format!("{y}年{}未收取政府信息公开相关费用。", self.organ.we())
        };
        self.para(&fee);
        if self.custom_table || self.rng.chance(0.5) {
            self.proposals();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2007 条例: the contents of 第三十二条, with the statistical table from 2014
    // ---------------------------------------------------------------------------------------------------------

    fn old_document(&mut self) {
        self.preface();
        let titles: [(&str, &[&str]); 7] = [
            ("overview", &["概述", "政府信息公开工作概述", "基本情况"]),
            (
                "active",
                &[
                    "主动公开政府信息情况",
                    "政府信息主动公开情况",
                    "主动公开政府信息的情况",
                ],
            ),
            (
                "requests",
                &[
                    "依申请公开政府信息情况",
                    "依申请公开政府信息办理情况",
                    "政府信息依申请公开情况",
                ],
            ),
            (
                "fees",
                &["政府信息公开的收费及减免情况", "政府信息公开收费及减免情况"],
            ),
            (
                "appeals",
                &[
                    "因政府信息公开申请行政复议、提起行政诉讼的情况",
                    "申请行政复议和提起行政诉讼情况",
                    "政府信息公开申请行政复议及行政诉讼情况",
                ],
            ),
            (
                "problems",
                &[
                    "政府信息公开工作存在的主要问题及改进情况",
                    "存在的主要问题及改进措施",
                    "存在问题及改进措施",
                ],
            ),
            ("other", &["其他需要报告的事项"]),
        ];
        let stat_in_active = self.rng.chance(0.5) || self.omit_section.as_deref() == Some("other");
        let mut no = 0;
        for (key, options) in titles {
            if self.omit_section.as_deref() == Some(key) {
                let title = options[0];
                self.pending.push(Pending {
                    kind: DefectKind::SectionMissing,
                    table: String::new(),
                    row: None,
                    column: None,
                    what: format!("删去第三十二条规定的内容“{title}”"),
                });
                continue;
            }
            let title = *self.rng.pick(options);
            self.heading(1, &format!("{}、{title}", NUMERALS[no]));
            no += 1;
            match key {
                "overview" => self.old_overview(),
                "active" => {
                    self.old_active();
                    if stat_in_active {
                        self.stat_table();
                    }
                }
                "requests" => self.old_requests(),
                "fees" => self.old_fees(),
                "appeals" => self.old_appeals(),
                "problems" => self.problems(),
                _ => {
                    self.old_other();
                    if !stat_in_active {
                        self.stat_table();
                    }
                }
            }
        }
    }

    fn stat_table(&mut self) {
        if self.kind != Kind::Stat2014 {
            return;
        }
        if self.omit_table.as_deref() == Some("stat") {
            self.standard_table("stat");
            return;
        }
        if self.rng.chance(0.5) {
            self.heading(4, "附：政府信息公开情况统计表");
        }
        self.standard_table("stat");
    }

    fn old_overview(&mut self) {
        let y = self.year;
        let opening = *self.rng.pick(names::OPENINGS);
        let who = if self.organ.government() {
            self.organ.place.name.to_string()
        } else {
            self.organ_name.clone()
        };
        self.para(&format!(
            "{y}年，{who}{opening}，政府信息公开工作有序开展。"
        ));
        let items = [
            "加强组织领导。成立政府信息公开工作领导小组，明确分管领导和具体工作人员，形成主要领导亲自抓、分管领导具体抓、工作人员抓落实的工作机制。",
            "完善制度建设。及时更新政府信息公开指南和政府信息公开目录，建立健全保密审查、依申请公开办理等制度。",
            "拓宽公开渠道。充分发挥政府门户网站第一平台作用，同时通过政务公开栏、查阅点等方式公开政府信息。",
        ];
        let mut items: Vec<String> = self
            .rng
            .choose(&items, 2)
            .into_iter()
            .map(str::to_string)
            .collect();
        if self.rng.chance(0.5) {
            let k = self.rng.range(1, 6);
            let m = self.rng.log_range(k * 10, k * 150);
            items.push(format!(
                "加强业务培训。全年开展政府信息公开业务培训{k}次，培训人员达到{m}人次。"
            ));
        }
        for (i, item) in items.iter().enumerate() {
            self.para(&format!("（{}）{item}", NUMERALS[i]));
        }
    }

    fn old_active(&mut self) {
        let y = self.year;
        let whole = self.organ.whole();
        let stat = self.truth("stat").cloned();
        let total = match &stat {
            Some(g) => g.get("active.items", "value"),
            None if self.organ.government() => self.rng.log_range(300, 12_000),
            None => self.rng.log_range(30, 1500),
        };
        let parts = self.categories(names::ACTIVE_CATEGORIES_2007, total, 2, 6);
        if stat.is_none() && self.rng.chance(0.5) {
            // The cumulative figure comes first; the 其中 refers to the year's figure (攀枝花市东区2011).
            let cumulative = total + self.rng.log_range(total, total * 8);
            let lead = format!("截至{y}年12月31日，{whole}累计主动公开政府信息{cumulative}条，{y}年度新增主动公开政府信息");
            self.breakdown(&lead, total, "条", &parts, "");
        } else {
            let lead = format!("{y}年，{whole}主动公开政府信息");
            self.breakdown(&lead, total, "条", &parts, "");
        }
        if let Some(g) = &stat {
            let normative = g.get("active.normative", "value");
            if normative > 0 {
                self.push(&format!("主动公开的信息中含规范性文件{normative}条。"));
            }
            let press = g.get("respond.press", "value");
            let explain = g.get("respond.explain", "value");
            self.push(&format!(
                "全年参加或举办新闻发布会{press}次，发布政策解读稿件{explain}篇。"
            ));
        }
        self.push("\n\n");
        self.visits("政府门户网站全年访问量达");
        if self.rng.chance(0.4) {
            // Approximate figures never make a breakdown error, even when they do not add up.
            let n = self.rng.log_range(100, 3000);
            let a = n * 2 / 3;
            let b = n / 2;
            self.push(&format!(
                "全年共接待公众查阅{n}余人次，其中现场查阅{a}余人次，电话咨询{b}余人次。"
            ));
        }
        self.push("\n\n");
        if self.custom_table && stat.is_none() {
            let rows = parts
                .iter()
                .map(|(l, n)| (l.to_string(), vec![*n]))
                .collect();
            self.custom(Custom {
                corner: "信息类别",
                columns: vec!["公开条数"],
                rows,
            });
        }
        if self.custom_table && stat.is_some() {
            let rows = vec![
                (
                    "公开预算和决算信息部门数".to_string(),
                    vec![self.rng.log_range(1, 200)],
                ),
                (
                    "公开随机抽查事项清单".to_string(),
                    vec![self.rng.log_range(0, 60)],
                ),
                (
                    "公开环保信息数".to_string(),
                    vec![self.rng.log_range(0, 80)],
                ),
                (
                    "公开扶贫信息数".to_string(),
                    vec![self.rng.log_range(0, 80)],
                ),
            ];
            self.custom(Custom {
                corner: "推进重点领域政府信息公开",
                columns: vec!["统计数"],
                rows,
            });
        }
    }

    fn old_requests(&mut self) {
        let y = self.year;
        let whole = self.organ.whole();
        if let Some(g) = self.truth("stat").cloned() {
            let v = |r: &str| g.get(r, "value");
            let received = v("apply.received");
            if received == 0 {
                self.push(&format!("{y}年，{whole}未收到政府信息公开申请。"));
            } else {
                self.breakdown(
                    &format!("{y}年，{whole}共收到政府信息公开申请"),
                    received,
                    "件",
                    &[
                        ("当面申请", v("apply.in_person")),
                        ("传真申请", v("apply.fax")),
                        ("网络申请", v("apply.online")),
                        ("信函申请", v("apply.letter")),
                    ],
                    "",
                );
            }
            let closed = v("apply.closed");
            if closed > 0 {
                self.breakdown(
                    "全年办结申请",
                    closed,
                    "件",
                    &[
                        ("按时办结", v("apply.on_time")),
                        ("延期办结", v("apply.extended")),
                    ],
                    "",
                );
                let replies = [
                    ("属于已主动公开范围的", "reply.already_public"),
                    ("同意公开的", "reply.granted"),
                    ("同意部分公开的", "reply.partial"),
                    ("不同意公开的", "reply.denied"),
                    ("不属于本行政机关公开的", "reply.not_ours"),
                    ("申请信息不存在的", "reply.not_exist"),
                    ("告知作出更改补充的", "reply.amend"),
                    ("告知通过其他途径办理的", "reply.other_channel"),
                ];
                let parts: Vec<String> = replies
                    .iter()
                    .filter(|(_, k)| v(k) > 0)
                    .map(|(l, k)| format!("{l}{}件", v(k)))
                    .collect();
                self.push(&format!(
                    "在作出答复的{}件申请中，{}。",
                    v("apply.replies"),
                    parts.join("，")
                ));
            }
        } else {
            let received = self.size.requests;
            if received == 0 {
                self.push(&format!("本年度{whole}未收到政府信息公开申请。"));
            } else if self.rng.chance(0.5) {
                let parts = self.categories(&["网上申请", "当面申请", "信函申请"], received, 1, 3);
                self.breakdown(
                    &format!("{y}年，{whole}共受理政府信息公开申请"),
                    received,
                    "件",
                    &parts,
                    "",
                );
                self.push("上述申请均已按时答复。");
            } else {
                let closed = received;
                self.push(&format!("{y}年，{whole}共受理政府信息公开申请{received}件，办结{closed}件，办结率100%。"));
            }
        }
        self.push("\n\n");
    }

    fn old_fees(&mut self) {
        let y = self.year;
        let fee = self
            .truth("stat")
            .and_then(|g| g.decimal("fees", "value"))
            .unwrap_or_default();
        if fee.is_zero() {
            self.para(&format!(
                "{y}年，{}在政府信息公开工作中未收取任何费用，也未发生减免情况。",
                self.organ.whole()
            ));
        } else {
            self.para(&format!("{y}年，依申请提供政府信息收取检索、复制、邮寄等成本费用共计{}万元，未发生减免情况。", fee.normalize()));
        }
    }

    fn old_appeals(&mut self) {
        let y = self.year;
        let (review, suit) = match self.truth("stat") {
            Some(g) => (g.get("review", "value"), g.get("suit", "value")),
            None => (0, 0),
        };
        if review + suit == 0 {
            self.para(&format!(
                "{y}年，{}未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
                self.organ.whole()
            ));
        } else {
            self.para(&format!(
                "{y}年，因政府信息公开申请行政复议{review}件，提起行政诉讼{suit}件。"
            ));
        }
    }

    fn old_other(&mut self) {
        if self.rng.chance(0.5) || self.custom_table {
            self.proposals_old();
        } else {
            self.para("无其他需要报告的事项。");
        }
    }

    fn proposals_old(&mut self) {
        let a = self.rng.log_range(1, 80);
        let b = self.rng.log_range(1, 100);
        self.breakdown(
            "全年共办理人大代表建议和政协委员提案",
            a + b,
            "件",
            &[("人大代表建议", a), ("政协委员提案", b)],
            "，办复率100%",
        );
        self.push("\n\n");
        // A custom table not yet written (the pre-2014 reports put theirs under 主动公开).
        if self.custom_defect.is_some() {
            self.custom(Custom {
                corner: "建议提案类别",
                columns: vec!["办理件数"],
                rows: vec![
                    ("人大代表建议".to_string(), vec![a]),
                    ("政协委员提案".to_string(), vec![b]),
                ],
            });
        }
    }
}
