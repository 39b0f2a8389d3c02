//! 2019 条例: the six sections of the 2019 and 2021 formats.

use rust_decimal::Decimal;

use super::*;
use crate::names;
use crate::{DefectKind, FormatId, Injected};

impl Gen {
    pub(super) fn gov_document(&mut self) {
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
            let text = if self.kind == FormatId::Gov2021 {
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

    pub(super) fn problems(&mut self) {
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
}
