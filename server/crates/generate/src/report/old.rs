//! 2007 条例: the contents of 第三十二条, with the statistical table from 2014.

use super::*;
use crate::names;
use crate::{DefectKind, FormatId};

impl Gen {
    pub(super) fn old_document(&mut self) {
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
        if self.kind != FormatId::Stat2014 {
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
