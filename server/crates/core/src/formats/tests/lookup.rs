//! Label normalisation and lookup, format detection from a table's header and rows, section matching.

use super::*;

#[test]
fn normalisation() {
    let n = normalize_label;
    assert_eq!(n("商业 企业"), n("商业企业"));
    assert_eq!(n("商业\n企业"), "商业企业");
    assert_eq!(n("结果\u{3000}纠正"), "结果纠正");
    assert_eq!(
        n("本年收费金额(单位:万元)"),
        n("本年收费金额（单位：万元）")
    );
    assert_eq!(n("（一）予以公开"), "(一)予以公开");
    assert_eq!(
        n("一、本年新收政府信息公开申请数量"),
        "一.本年新收政府信息公开申请数量"
    );
    assert_eq!(n("1、属于国家秘密"), n("1.属于国家秘密"));
    assert_eq!(n("1．属于国家秘密"), n("1.属于国家秘密"));
    assert_eq!(
        n("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"),
        n("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    );
    assert_eq!(n("3.危及“三安全一稳定”"), n("3.危及\"三安全一稳定\""));
    assert_eq!(n("本年新<br />制作数量"), "本年新制作数量");
    assert_eq!(n("行政復(fù)議"), "行政复议");
    assert_eq!(n("其它结果"), "其他结果");
    assert_eq!(n("现行有效件数。"), "现行有效件数");
    // Traditional spellings seen in 眉县's converted pages.
    for (trad, simp) in [
        ("總計", "总计"),
        ("自然人", "自然人"),
        ("商業企業", "商业企业"),
        ("科研機構", "科研机构"),
        ("社會公益組織", "社会公益组织"),
        ("法律服務機構", "法律服务机构"),
        ("其他", "其他"),
        ("行政復議", "行政复议"),
        ("行政複議", "行政复议"),
        ("行政訴訟", "行政诉讼"),
        ("結果維持", "结果维持"),
        ("結果糾正", "结果纠正"),
        ("尚未審結", "尚未审结"),
        (
            "政府信息公開行政復議、行政訴訟情況",
            "政府信息公开行政复议,行政诉讼情况",
        ),
    ] {
        assert_eq!(n(trad), simp, "{trad}");
    }
    assert_eq!(split_ordinal("(一)予以公开"), (Some("一"), "予以公开"));
    assert_eq!(split_ordinal("1.属于国家秘密"), (Some("1"), "属于国家秘密"));
    assert_eq!(split_ordinal("其中:涉及国家秘密"), (None, "涉及国家秘密"));
    assert_eq!(split_ordinal("三安全一稳定"), (None, "三安全一稳定"));
}

#[test]
fn traditional_variants_normalise_to_their_labels() {
    // A variant spelt like its label but with characters that no canonical label uses is a traditional spelling;
    // the character table must carry those characters, or the variant list would be the only thing matching it.
    let canonical_chars: HashSet<char> = all()
        .iter()
        .flat_map(|f| &f.tables)
        .flat_map(|t| {
            t.columns
                .iter()
                .map(|c| &c.label)
                .chain(t.rows.iter().map(|r| &r.label))
        })
        .flat_map(|l| l.chars())
        .collect();
    let mut checked = 0;
    for f in all() {
        for t in &f.tables {
            let labelled = t
                .columns
                .iter()
                .map(|c| (&c.label, &c.variants))
                .chain(t.rows.iter().map(|r| (&r.label, &r.variants)));
            for (label, variants) in labelled {
                for v in variants {
                    // Same length as the label, and a differing character that no label uses.
                    let traditional = v.chars().count() == label.chars().count()
                        && v.chars()
                            .zip(label.chars())
                            .any(|(a, b)| a != b && !canonical_chars.contains(&a));
                    if traditional {
                        checked += 1;
                        assert!(
                            normalize_label(v)
                                .chars()
                                .all(|c| c <= '\u{3400}' || canonical_chars.contains(&c)),
                            "{} {}: {v} has a character the table does not map",
                            f.id,
                            t.id
                        );
                    }
                }
            }
        }
    }
    assert!(checked > 20, "{checked}");
}

#[test]
fn label_lookup() {
    let t3 = gov2021().table("t3").unwrap();
    let m = t3.lookup_row("（一）予以公开").unwrap();
    assert_eq!((m.key, m.kind), ("public", MatchKind::Exact));
    let m = t3.lookup_row("(一)予以公开").unwrap();
    assert_eq!((m.key, m.kind), ("public", MatchKind::Normalized));
    let m = t3.lookup_row("予以公开").unwrap();
    assert_eq!((m.key, m.kind), ("public", MatchKind::Ordinal));
    let m = t3.lookup_row("（二）部分公开").unwrap();
    assert_eq!((m.key, m.kind), ("partial", MatchKind::Variant));
    let m = t3
        .lookup_row("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请")
        .unwrap();
    assert_eq!(
        (m.key, m.kind),
        ("other.no_correction", MatchKind::Normalized)
    );
    // Misspelt: closest row, with its distance.
    let m = t3.lookup_row("1.属于国家秘蜜").unwrap();
    assert_eq!(
        (m.key, m.kind, m.distance),
        ("deny.secret", MatchKind::Fuzzy, 1)
    );
    assert!(m.is_plausible());
    assert_eq!(m.label, "1.属于国家秘密");
    let m = t3.lookup_row("今天天气很好").unwrap();
    assert_eq!(m.kind, MatchKind::Fuzzy);
    assert!(!m.is_plausible());
    assert!(t3.lookup_row("  ").is_none());

    let m = t3.lookup_column("商業\n企業").unwrap();
    assert_eq!((m.key, m.kind), ("business", MatchKind::Normalized));
    let m = t3.lookup_column("社会公益组织").unwrap();
    assert_eq!(m.key, "charity");
    let t4 = gov2021().table("t4").unwrap();
    assert_eq!(
        t4.lookup_row("行政訴訟（復議後起訴）").unwrap().key,
        "suit.after_review"
    );
    assert_eq!(
        t4.lookup_row("行政诉讼(未经复议直接起诉)").unwrap().key,
        "suit.direct"
    );
    assert_eq!(t4.lookup_column("結果\n糾正").unwrap().key, "corrected");
    assert_eq!(t4.lookup_column("其它结果").unwrap().key, "other");
    let t28 = gov2021().table("t2-8").unwrap();
    assert_eq!(
        t28.lookup_column("本年收费金额(单位:万元)").unwrap().kind,
        MatchKind::Normalized
    );
}

#[test]
fn repeated_labels_resolve_in_order() {
    let t = stat();
    let labels = [
        "四、行政复议数量",
        "（一）维持具体行政行为数",
        "（二）被依法纠错数",
        "（三）其他情形数",
        "五、行政诉讼数量",
        "（一）维持具体行政行为或者驳回原告诉讼请求数",
        "（二）被依法纠错数",
        "（三）其他情形数",
    ];
    let keys: Vec<_> = t
        .match_rows(&labels)
        .into_iter()
        .map(|m| m.unwrap().key)
        .collect();
    assert_eq!(
        keys,
        [
            "review",
            "review.upheld",
            "review.corrected",
            "review.other",
            "suit",
            "suit.upheld",
            "suit.corrected",
            "suit.other"
        ]
    );
    // Sub-rows with or without 其中： and numbering.
    assert_eq!(
        t.lookup_row("涉及国家秘密").unwrap().key,
        "deny.state_secret"
    );
    assert_eq!(
        t.lookup_row("1.政府网站公开政府信息数").unwrap().key,
        "channels.website"
    );
}

#[test]
fn cell_kinds_and_units() {
    let t3 = gov2021().table("t3").unwrap();
    assert_eq!(t3.cell_kind("public", "total"), Some(ValueKind::Count));
    assert_eq!(t3.cell_unit("public", "total"), Some("件"));
    let t28 = gov2021().table("t2-8").unwrap();
    assert_eq!(t28.cell_kind("fees", "amount"), Some(ValueKind::Amount));
    assert_eq!(t28.cell_unit("fees", "amount"), Some("万元"));
    let t25 = gov2019().table("t2-5").unwrap();
    assert_eq!(t25.cell_kind("license", "change"), Some(ValueKind::Signed));
    let s = stat();
    assert_eq!(s.cell_kind("fees", "value"), Some(ValueKind::Amount));
    assert_eq!(s.cell_unit("fees", "value"), Some("万元"));
    assert_eq!(s.cell_unit("training.trainees", "value"), Some("人次"));
    assert_eq!(s.cell_kind("fees", "unit"), Some(ValueKind::Text));
    assert_eq!(s.cell_kind("nope", "value"), None);
}

const T3_COLUMNS: [&str; 8] = [
    "申请人情况",
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

fn t3_rows(f: &'static Format) -> Vec<&'static str> {
    f.table("t3")
        .unwrap()
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .collect()
}

fn best(header: &[&str], rows: &[&str]) -> (FormatId, String, f32) {
    let found = detect_table(header, rows);
    let m = found.first().expect("some table fits");
    (m.format.id, m.table.id.clone(), m.score)
}

#[test]
fn detection_with_canonical_headers() {
    // Every table of every format is recognised from its own canonical header and labels. 表四 is the same in
    // 2019 and 2021, so the format's own table need only tie with the best.
    for f in all() {
        for t in &f.tables {
            let mut header = vec![t.corner.as_str()];
            header.extend(t.columns.iter().map(|c| c.label.as_str()));
            let rows: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
            let found = detect_table(&header, &rows);
            let top = found[0].score;
            assert!(top > 0.95, "{} {}: {top}", f.id, t.id);
            assert!(
                found
                    .iter()
                    .any(|m| m.score == top && m.format.id == f.id && m.table.id == t.id),
                "{} {}: best is {} {} ({top})",
                f.id,
                t.id,
                found[0].format.id,
                found[0].table.id
            );
            let own = f.detect_table(&header, &rows).unwrap();
            assert_eq!(own.table.id, t.id);
        }
    }
}

#[test]
fn detection_with_variant_and_traditional_headers() {
    // 绥中2023's 表二 block with its variant column labels.
    let (f, t, _) = best(
        &["第二十条第(一)项", "本年发件", "本年废止件数", "现行有效件"],
        &["规章", "行政规范性文件"],
    );
    assert_eq!((f, t.as_str()), (FormatId::Gov2021, "t2-1"));
    // The same block in the 2019 format.
    let (f, t, _) = best(
        &[
            "信息内容",
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
        ],
        &["规章", "规范性文件"],
    );
    assert_eq!((f, t.as_str()), (FormatId::Gov2019, "t2-1"));
    // Blocks with the same column, told apart by corner and rows.
    let (f, t, _) = best(
        &["第二十条第（六）项", "本年处理决定数量"],
        &["行政处罚", "行政强制"],
    );
    assert_eq!((f, t.as_str()), (FormatId::Gov2021, "t2-6"));
    let (_, t, _) = best(&["信息内容", "本年处理决定数量"], &["行政许可"]);
    assert_eq!(t, "t2-5");

    // 表三 in traditional characters, labels split by spaces, corner note as the corner.
    let header = [
        "（本列數據的勾稽關系為：第一項加第二項之和，等於第三項加第四項之和）",
        "自然人",
        "商業 企業",
        "科研機構",
        "社會公益組織",
        "法律服務機構",
        "其他",
        "總計",
    ];
    let rows = [
        "一、本年新收政府信息公開申請數量",
        "二、上年結轉政府信息公開申請數量",
        "（一）予以公開",
        "（七）總計",
    ];
    let (_, t, score) = best(&header, &rows);
    assert_eq!(t, "t3");
    assert!(score > 0.5, "{score}");

    // 表三: the row list decides between the 2021 and 2019 formats.
    let rows21 = t3_rows(gov2021());
    let (f, t, _) = best(&T3_COLUMNS, &rows21);
    assert_eq!((f, t.as_str()), (FormatId::Gov2021, "t3"));
    let rows19 = t3_rows(gov2019());
    let (f, t, _) = best(&T3_COLUMNS, &rows19);
    assert_eq!((f, t.as_str()), (FormatId::Gov2019, "t3"));

    // 表四, transposed, traditional.
    let (_, t, _) = best(
        &[
            "復議訴訟情況",
            "結果維持",
            "結果糾正",
            "其他結果",
            "尚未審結",
            "總計",
        ],
        &[
            "行政復議",
            "行政訴訟（未經復議直接起訴）",
            "行政訴訟（復議後起訴）",
        ],
    );
    assert_eq!(t, "t4");

    // The statistical table, from 东宁2016's opening rows.
    let (f, t, _) = best(
        &["统 计 指 标", "单位", "统计数"],
        &[
            "一、主动公开情况",
            "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
            "其中：主动公开规范性文件数",
            "制发规范性文件总数",
            "1.政府网站公开政府信息数",
            "2.政务微博公开政府信息数",
        ],
    );
    assert_eq!((f, t.as_str()), (FormatId::Stat2014, "stat"));

    // A table that is none of them.
    let found = detect_table(&["项目", "数量"], &["会议", "培训"]);
    assert!(
        found.first().is_none_or(|m| m.score < 0.3),
        "{:?}",
        found.first().map(|m| m.score)
    );
}

#[test]
fn section_matching() {
    let f = gov2021();
    let m = f.match_section("一、总体情况").unwrap();
    assert_eq!((m.section.no.as_str(), m.kind), ("一", MatchKind::Exact));
    assert!(m.ordinal_matches());
    let m = f
        .match_section("五、政府信息公开工作存在的主要问题及改进情况")
        .unwrap();
    assert_eq!((m.section.no.as_str(), m.kind), ("五", MatchKind::Variant));
    let m = f
        .match_section("四、政府信息公开行政復議、行政訴訟情況")
        .unwrap();
    assert_eq!((m.section.no.as_str(), m.kind), ("四", MatchKind::Exact));
    let m = f.match_section("三、收到和处理政府信息公开申请").unwrap();
    assert_eq!((m.section.no.as_str(), m.kind), ("三", MatchKind::Variant));
    let m = f.match_section("六、其它需要报告的事项").unwrap();
    assert_eq!(m.section.no, "六");
    let m = f.match_section("二、其他需要报告的事项").unwrap();
    assert_eq!(m.section.no, "六");
    assert!(!m.ordinal_matches());

    let one = f.section("一").unwrap();
    let m = one.match_subsection("（四）政府信息平台建设方面").unwrap();
    assert_eq!(
        (m.subsection.no.as_str(), m.kind),
        ("（四）", MatchKind::Variant)
    );
    let m = one.match_subsection("(一)主动公开方面").unwrap();
    assert_eq!(m.subsection.title, "主动公开");
    assert!(format(FormatId::Stat2014)
        .match_section("一、概述")
        .is_none());
}

#[test]
fn detection_is_fast_enough_for_typing() {
    // The server detects tables on every edit; a full 表三 against every table of every format should take
    // well under the time of a keystroke even in a debug build.
    let rows = t3_rows(gov2021());
    let start = std::time::Instant::now();
    for _ in 0..10 {
        let found = detect_table(&T3_COLUMNS, &rows);
        assert_eq!(found[0].table.id, "t3");
    }
    let each = start.elapsed() / 10;
    assert!(each < std::time::Duration::from_millis(200), "{each:?}");
}
