//! Defects injected into the figures once they are planned.

use super::*;
use crate::tables::{self, Val};
use crate::DefectKind;
use nianbao_core::formats::{Format, MatchKind};

impl Gen {
    /// `table-sum`: change a total (the single left-hand side of an equality) by a few units.
    pub(super) fn wrong_total(&mut self) {
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
    pub(super) fn blank_total(&mut self) {
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
    pub(super) fn label_variant(&mut self) {
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
}
