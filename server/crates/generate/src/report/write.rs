//! Writing: the front matter, headings, paragraphs and tables common to every format.

use super::*;
use crate::tables::{self, Placed};
use crate::{DefectKind, Injected};
use nianbao_core::model::date::{date_from_offset, month_days};

impl Gen {
    pub(super) fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    pub(super) fn para(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push_str("\n\n");
    }

    pub(super) fn heading(&mut self, level: usize, title: &str) {
        self.out.push_str(&"#".repeat(level));
        self.out.push(' ');
        self.out.push_str(title);
        self.out.push_str("\n\n");
    }

    pub(super) fn document(&mut self) {
        self.front_matter();
        if crate::edition_2019(self.kind) {
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
            (_, 1) if !crate::edition_2019(self.kind) => {
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
        let limit = if crate::edition_2019(self.kind) && !self.organ.government() {
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
            s += &format!("格式{colon}{}\n", self.kind.name());
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
    pub(super) fn table(&mut self, id: &str) {
        let Some(grid) = self.grid(id).cloned() else {
            return;
        };
        let layout = self.layouts.remove(id).unwrap_or_default();
        let placed = tables::render(&mut self.out, &grid, &layout);
        self.out.push('\n');
        self.place(id, &placed);
    }

    pub(super) fn place(&mut self, id: &str, placed: &Placed) {
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
    pub(super) fn standard_table(&mut self, id: &str) -> bool {
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
    pub(super) fn breakdown(
        &mut self,
        lead: &str,
        total: i64,
        unit: &str,
        parts: &[(&str, i64)],
        tail: &str,
    ) {
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
    pub(super) fn visits(&mut self, lead: &str) {
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
    pub(super) fn custom(&mut self, custom: Custom) {
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
    pub(super) fn categories(
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

    pub(super) fn preface(&mut self) {
        let y = self.year;
        let basis = if crate::edition_2019(self.kind) {
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
}
