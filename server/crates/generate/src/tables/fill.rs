//! Filling the standard tables: figures for 表二, 表三, 表四 and the statistical table that satisfy every relation
//! of the format and carry over from the previous year.

use rust_decimal::Decimal;

use super::*;
use crate::rng::Rng;
use nianbao_core::formats::Format;

fn decimal_amount(rng: &mut Rng, lo_cents: i64, hi_cents: i64) -> Decimal {
    let cents = rng.log_range(lo_cents, hi_cents);
    // Most amounts are written with one decimal or none.
    match rng.below(3) {
        0 => Decimal::new(cents, 2),
        1 => Decimal::new(cents / 10, 1),
        _ => Decimal::from(cents / 100),
    }
}

/// 表三: per applicant column, new and carried requests, their outcomes and what is carried on.
pub fn fill_t3(
    format: &'static Format,
    rng: &mut Rng,
    size: &Size,
    zero_rows: &[String],
    prev: Option<&Carry>,
) -> Grid {
    let table = format.table("t3").expect("t3");
    let mut g = Grid::new(table);
    let a = format.relation("T3-A").expect("T3-A");
    let b = format.relation("T3-B").expect("T3-B");
    let c = format.relation("T3-C").expect("T3-C");
    let (new, carried) = (a.lhs[0].key.as_str(), a.lhs[1].key.as_str());
    let carry_next = a.rhs[1].key.as_str();
    let total_row = c.lhs[0].key.as_str();
    let total_col = b.lhs[0].key.as_str();
    let applicants: Vec<&str> = b.rhs.iter().map(|t| t.key.as_str()).collect();
    let leaves: Vec<&str> = c.rhs.iter().map(|t| t.key.as_str()).collect();

    let applicant_weights: Vec<f64> = applicants
        .iter()
        .map(|k| match *k {
            "person" => 0.6 + 0.35 * rng.unit(),
            "business" if rng.chance(0.6) => 0.12,
            "legal" if rng.chance(0.35) => 0.05,
            "other" if rng.chance(0.35) => 0.05,
            "research" if rng.chance(0.08) => 0.01,
            "charity" if rng.chance(0.08) => 0.01,
            _ => 0.0,
        })
        .collect();
    let new_by = rng.split(size.requests, &applicant_weights);
    let carried_by: Vec<i64> = match prev {
        Some(p) => applicants
            .iter()
            .map(|k| p.carry_next.get(*k).copied().unwrap_or(0))
            .collect(),
        None if rng.chance(0.4) => {
            let n = rng.range(0, size.requests / 6 + 1);
            rng.split(n, &applicant_weights)
        }
        None => vec![0; applicants.len()],
    };
    let leaf_weights: Vec<f64> = leaves
        .iter()
        .map(|k| {
            if zero_rows.iter().any(|z| z == k) {
                return 0.0;
            }
            let (w, p) = match *k {
                "public" => (0.45, 1.0),
                "partial" => (0.05, 0.5),
                "unable.not_held" => (0.2, 0.9),
                "deny.third_party" | "deny.internal" | "deny.process" => (0.03, 0.3),
                "deny.secret" | "deny.law" | "deny.safety" | "deny.enforcement" => (0.01, 0.15),
                "deny.query" => (0.03, 0.3),
                "unable.to_create" | "unable.unclear" => (0.04, 0.4),
                "decline.petition" | "decline.repeat" => (0.04, 0.4),
                "decline.publication" | "decline.mass" => (0.01, 0.1),
                "decline.confirm" => (0.01, 0.15),
                "other" => (0.06, 0.5),
                "other.no_correction" | "other.misc" => (0.04, 0.4),
                "other.unpaid_fee" => (0.01, 0.05),
                _ => (0.02, 0.2),
            };
            if rng.chance(p) {
                w
            } else {
                0.0
            }
        })
        .collect();
    let leaf_weights = if leaf_weights.iter().all(|w| *w == 0.0) {
        // Keep at least one outcome possible.
        let mut w = vec![0.0; leaves.len()];
        if let Some(i) = leaves
            .iter()
            .position(|k| !zero_rows.iter().any(|z| z == k))
        {
            w[i] = 1.0;
        }
        w
    } else {
        leaf_weights
    };
    for (i, col) in applicants.iter().enumerate() {
        let handled = new_by[i] + carried_by[i];
        let carry = if handled > 0 && rng.chance(0.35) {
            rng.range(0, handled / 5 + 1).min(handled)
        } else {
            0
        };
        let outcome = handled - carry;
        let parts = rng.split(outcome, &leaf_weights);
        g.set(new, col, new_by[i]);
        g.set(carried, col, carried_by[i]);
        g.set(carry_next, col, carry);
        g.set(total_row, col, outcome);
        for (leaf, v) in leaves.iter().zip(parts) {
            g.set(leaf, col, v);
        }
    }
    for row in table.data_rows() {
        let sum: i64 = applicants.iter().map(|c| g.get(&row.key, c)).sum();
        g.set(&row.key, total_col, sum);
    }
    g
}

/// 表四: each row's four outcomes and their total.
pub fn fill_t4(format: &'static Format, rng: &mut Rng, size: &Size, zero_rows: &[String]) -> Grid {
    let table = format.table("t4").expect("t4");
    let mut g = Grid::new(table);
    for relation in format.relations_for("t4") {
        if relation.is_cross_year() {
            continue;
        }
        for row in &relation.only {
            let p = match (row.as_str(), size.government) {
                ("review", true) => 0.45,
                ("review", false) => 0.2,
                (_, true) => 0.25,
                _ => 0.1,
            };
            let n = if zero_rows.contains(row) || !rng.chance(p) {
                0
            } else {
                rng.log_range(1, if size.government { 12 } else { 4 })
            };
            let parts = rng.split(n, &[0.6, 0.15, 0.15, 0.1]);
            let mut sum = 0;
            for (t, v) in relation.rhs.iter().zip(parts) {
                g.set(row, &t.key, v);
                sum += v;
            }
            g.set(row, &relation.lhs[0].key, sum);
        }
    }
    g
}

/// 表二, 2021 format: four blocks.
pub fn fill_t2_2021(
    format: &'static Format,
    rng: &mut Rng,
    size: &Size,
    prev: Option<&Carry>,
) -> Vec<Grid> {
    let mut blocks = Vec::new();
    let mut t = Grid::new(format.table("t2-1").expect("t2-1"));
    for row in ["rules", "normative"] {
        let (made, repealed) = if row == "rules" {
            if size.city && rng.chance(0.5) {
                let m = rng.range(0, 4);
                (m, rng.range(0, 2))
            } else {
                (0, 0)
            }
        } else {
            let m = rng.log_range(0, if size.government { 40 } else { 12 });
            (m, rng.log_range(0, m + 8))
        };
        let base = prev.and_then(|p| p.in_force.get(row).copied());
        let in_force = match base {
            Some(b) => (b + made - repealed).max(made),
            None if row == "rules" && made == 0 && !size.city => 0,
            None => made + rng.log_range(0, if size.government { 260 } else { 60 }),
        };
        t.set(row, "made", made);
        t.set(row, "repealed", repealed);
        t.set(row, "in_force", in_force);
    }
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-5").expect("t2-5"));
    t.set(
        "license",
        "decisions",
        rng.log_range(
            if size.government { 200 } else { 0 },
            if size.government { 60_000 } else { 8000 },
        ),
    );
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-6").expect("t2-6"));
    t.set(
        "penalty",
        "decisions",
        rng.log_range(0, if size.government { 6000 } else { 1500 }),
    );
    t.set("coercion", "decisions", rng.log_range(0, 300));
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-8").expect("t2-8"));
    let amount = if rng.chance(0.15) {
        Decimal::ZERO
    } else {
        decimal_amount(rng, 100, if size.government { 3_000_000 } else { 300_000 })
    };
    t.set_decimal("fees", "amount", amount);
    blocks.push(t);
    blocks
}

/// 表二, 2019 format: five blocks.
pub fn fill_t2_2019(
    format: &'static Format,
    rng: &mut Rng,
    size: &Size,
    prev: Option<&Carry>,
) -> Vec<Grid> {
    let mut blocks = Vec::new();
    let mut t = Grid::new(format.table("t2-1").expect("t2-1"));
    for row in ["rules", "normative"] {
        let made = if row == "rules" {
            if size.city && rng.chance(0.5) {
                rng.range(0, 4)
            } else {
                0
            }
        } else {
            rng.log_range(0, if size.government { 40 } else { 12 })
        };
        let published = rng.range(made * 4 / 5, made);
        let total = if made == 0 && row == "rules" && !size.city {
            0
        } else {
            published + rng.log_range(0, if size.government { 300 } else { 60 })
        };
        t.set(row, "new_made", made);
        t.set(row, "new_published", published);
        t.set(row, "published_total", total);
    }
    blocks.push(t);
    let items = |rng: &mut Rng, t: &mut Grid, row: &str, hi: i64, decisions: Option<i64>| {
        let base = prev
            .and_then(|p| p.items.get(&(t.table.id.clone(), row.to_string())).copied())
            .unwrap_or_else(|| rng.log_range(0, hi));
        let change = if rng.chance(0.5) {
            0
        } else {
            rng.range(-(base / 10), base / 5 + 3)
        };
        t.set(row, "prev_count", base);
        t.set(row, "change", change);
        if let Some(d) = decisions {
            t.set(row, "decisions", d);
        }
    };
    let mut t = Grid::new(format.table("t2-5").expect("t2-5"));
    let d = rng.log_range(0, if size.government { 50_000 } else { 6000 });
    items(
        rng,
        &mut t,
        "license",
        if size.government { 1500 } else { 200 },
        Some(d),
    );
    let d = rng.log_range(0, 3000);
    items(rng, &mut t, "other_services", 300, Some(d));
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-6").expect("t2-6"));
    let d = rng.log_range(0, 5000);
    items(rng, &mut t, "penalty", 2000, Some(d));
    let d = rng.log_range(0, 200);
    items(rng, &mut t, "coercion", 60, Some(d));
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-8").expect("t2-8"));
    items(rng, &mut t, "fees", 80, None);
    blocks.push(t);
    let mut t = Grid::new(format.table("t2-9").expect("t2-9"));
    let n = rng.log_range(0, if size.government { 800 } else { 80 });
    t.set("procurement", "items", n);
    let amount = if n == 0 {
        Decimal::ZERO
    } else {
        decimal_amount(rng, 1000, 5_000_000)
    };
    t.set_decimal("procurement", "amount", amount);
    blocks.push(t);
    blocks
}

/// The statistical table of 2014–2018.
pub fn fill_stat(
    format: &'static Format,
    rng: &mut Rng,
    size: &Size,
    zero_rows: &[String],
    gazette: bool,
) -> Grid {
    let table = format.table("stat").expect("stat");
    let mut g = Grid::new(table);
    let v = "value";
    let set = |g: &mut Grid, row: &str, value: i64| {
        let value = if zero_rows.iter().any(|z| z == row) {
            0
        } else {
            value
        };
        g.set(row, v, value);
    };
    let gov = size.government;
    // 一、主动公开: channels, then the count of distinct items (an item published on several channels counts once).
    let website = rng.log_range(if gov { 500 } else { 50 }, if gov { 20_000 } else { 3000 });
    set(
        &mut g,
        "channels.gazette",
        if gazette { rng.log_range(0, 120) } else { 0 },
    );
    set(&mut g, "channels.website", website);
    set(
        &mut g,
        "channels.weibo",
        if rng.chance(0.6) {
            rng.log_range(0, website)
        } else {
            0
        },
    );
    set(
        &mut g,
        "channels.weixin",
        if rng.chance(0.7) {
            rng.log_range(0, website)
        } else {
            0
        },
    );
    set(&mut g, "channels.other", rng.log_range(0, website / 2 + 1));
    let channels = g.sum(
        &[
            "channels.gazette",
            "channels.website",
            "channels.weibo",
            "channels.weixin",
            "channels.other",
        ],
        v,
    );
    let items = channels - rng.range(0, channels / 4);
    set(&mut g, "active.items", items);
    let normative = rng.log_range(0, (items / 20).min(80));
    set(&mut g, "active.normative", normative);
    set(
        &mut g,
        "active.normative_made",
        rng.range(normative * 2 / 3, normative + 5),
    );
    // 二、回应解读.
    set(&mut g, "respond.hotspots", rng.log_range(0, 60));
    set(&mut g, "respond.press", rng.log_range(0, 24));
    let press = g.get("respond.press", v);
    set(&mut g, "respond.press_leader", rng.range(0, press));
    set(&mut g, "respond.interview", rng.log_range(0, 12));
    let interview = g.get("respond.interview", v);
    set(&mut g, "respond.interview_leader", rng.range(0, interview));
    set(&mut g, "respond.explain", rng.log_range(0, 120));
    set(&mut g, "respond.weibo_weixin", rng.log_range(0, 200));
    set(&mut g, "respond.other", rng.log_range(0, 50));
    // 三、依申请公开.
    let received = size.requests;
    let by_channel = rng.split(received, &[0.3, 0.02, 0.5, 0.18]);
    for (row, n) in [
        "apply.in_person",
        "apply.fax",
        "apply.online",
        "apply.letter",
    ]
    .iter()
    .zip(by_channel)
    {
        set(&mut g, row, n);
    }
    let received = g.sum(
        &[
            "apply.in_person",
            "apply.fax",
            "apply.online",
            "apply.letter",
        ],
        v,
    );
    set(&mut g, "apply.received", received);
    // Without a carried-over row, 办结 may exceed 收到 (requests of the previous December).
    let closed = (received - rng.range(0, received / 10) + rng.range(0, 3)).max(0);
    let extended = rng.range(0, closed / 8);
    set(&mut g, "apply.on_time", closed - extended);
    set(&mut g, "apply.extended", extended);
    let closed = g.sum(&["apply.on_time", "apply.extended"], v);
    set(&mut g, "apply.closed", closed);
    let replies = [
        "reply.already_public",
        "reply.granted",
        "reply.partial",
        "reply.denied",
        "reply.not_ours",
        "reply.not_exist",
        "reply.amend",
        "reply.other_channel",
    ];
    let weights: Vec<f64> = replies
        .iter()
        .map(|r| {
            if zero_rows.iter().any(|z| z == r) {
                0.0
            } else {
                1.0
            }
        })
        .zip([0.2, 0.45, 0.05, 0.06, 0.1, 0.08, 0.03, 0.03])
        .map(|(z, w)| z * w)
        .collect();
    let split = rng.split(closed, &weights);
    for (row, n) in replies.iter().zip(split) {
        set(&mut g, row, n);
    }
    let reasons = [
        "deny.state_secret",
        "deny.trade_secret",
        "deny.privacy",
        "deny.safety",
        "deny.not_gov_info",
        "deny.other",
    ];
    let weights: Vec<f64> = reasons
        .iter()
        .map(|r| {
            if zero_rows.iter().any(|z| z == r) {
                0.0
            } else {
                1.0
            }
        })
        .zip([0.1, 0.15, 0.25, 0.05, 0.3, 0.15])
        .map(|(z, w)| z * w)
        .collect();
    let weights = if weights.iter().all(|w| *w == 0.0) {
        vec![1.0; reasons.len()]
    } else {
        weights
    };
    let split = rng.split(g.get("reply.denied", v), &weights);
    for (row, n) in reasons.iter().zip(split) {
        g.set(row, v, n);
    }
    let denied = g.sum(&reasons, v);
    g.set("reply.denied", v, denied);
    let replied = g.sum(&replies, v);
    g.set("apply.replies", v, replied);
    // 四、五: appeals.
    for (total, parts) in [
        (
            "review",
            ["review.upheld", "review.corrected", "review.other"],
        ),
        ("suit", ["suit.upheld", "suit.corrected", "suit.other"]),
    ] {
        let n = if rng.chance(if gov { 0.4 } else { 0.15 }) {
            rng.log_range(1, 8)
        } else {
            0
        };
        let split = rng.split(n, &[0.7, 0.15, 0.15]);
        for (row, x) in parts.iter().zip(split) {
            set(&mut g, row, x);
        }
        let sum = g.sum(&parts, v);
        g.set(total, v, sum);
    }
    set(
        &mut g,
        "complaints",
        if rng.chance(0.2) { rng.range(1, 5) } else { 0 },
    );
    let fees = if rng.chance(0.85) {
        Decimal::ZERO
    } else {
        Decimal::new(rng.range(1, 300), 2)
    };
    g.set_decimal("fees", v, fees);
    // 八、机构和经费.
    set(&mut g, "org.units", rng.range(1, 3));
    set(
        &mut g,
        "org.reading_points",
        rng.log_range(1, if gov { 40 } else { 3 }),
    );
    let full = rng.range(1, if gov { 8 } else { 2 });
    set(&mut g, "org.full_time", full);
    set(
        &mut g,
        "org.part_time",
        rng.log_range(0, if gov { 120 } else { 6 }),
    );
    let staff = g.sum(&["org.full_time", "org.part_time"], v);
    g.set("org.staff", v, staff);
    let budget = if rng.chance(0.4) {
        Decimal::ZERO
    } else {
        Decimal::new(rng.log_range(5, 800), 1)
    };
    g.set_decimal("org.budget", v, budget);
    // 九、会议和培训.
    set(&mut g, "training.meetings", rng.range(0, 8));
    let classes = rng.range(0, 6);
    set(&mut g, "training.classes", classes);
    set(
        &mut g,
        "training.trainees",
        if classes == 0 {
            0
        } else {
            rng.log_range(10, 800)
        },
    );
    g
}
