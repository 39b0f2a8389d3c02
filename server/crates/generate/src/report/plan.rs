//! The plan of a report: its figures and layouts, the defects that change them, and what the next year's
//! report takes over.

use super::*;
use crate::tables::{self, Carry, Layout};
use crate::{DefectKind, FormatId};

impl Gen {
    /// Figures, layouts and the defects that change them.
    pub(super) fn plan(&mut self, prev: Option<&Carry>) {
        let rng = &mut self.rng;
        let groups = rng.chance(0.5);
        // Which row goes missing is decided first: its figures are then drawn as zero.
        let mut zero: Vec<String> = Vec::new();
        let mut missing: Option<(String, String)> = None;
        if let (true, Some(format)) = (has(&self.defects, DefectKind::RowMissing), self.format) {
            let (table, candidates): (&str, Vec<String>) = if self.kind == FormatId::Stat2014 {
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
                FormatId::Gov2021 => {
                    let mut v = tables::fill_t2_2021(format, &mut r, &size, prev);
                    v.push(tables::fill_t3(format, &mut r, &size, &zero, prev));
                    v.push(tables::fill_t4(format, &mut r, &size, &zero));
                    v
                }
                FormatId::Gov2019 => {
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
            if matches!(self.kind, FormatId::Gov2021 | FormatId::Gov2019) {
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
                FormatId::Stat2014 if busy.contains(&"stat") => String::new(),
                FormatId::Stat2014 => "stat".to_string(),
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
            let section = if crate::edition_2019(self.kind) {
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

    /// What the next year's report takes over.
    pub(super) fn carry(&self) -> Carry {
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
        if let (Some(t2), FormatId::Gov2021) = (self.truth("t2-1"), self.kind) {
            for row in ["rules", "normative"] {
                carry
                    .in_force
                    .insert(row.to_string(), t2.get(row, "in_force"));
            }
        }
        if self.kind == FormatId::Gov2019 {
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
}
