use super::*;

fn r(article: u32, clause: Option<u32>, item: Option<u32>) -> ArticleRef {
    ArticleRef {
        article,
        clause,
        item,
    }
}

#[test]
fn cn_numbers_parse() {
    let cases = [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("十九", 19),
        ("二十", 20),
        ("三十六", 36),
        ("五十", 50),
        ("五十六", 56),
        ("九十九", 99),
        ("百", 100),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两百", 200),
        ("兩百", 200),
        ("一千零一", 1001),
        ("零", 0),
        ("二〇一九", 2019),
        ("36", 36),
        ("３６", 36),
    ];
    for (text, value) in cases {
        assert_eq!(parse_cn_number(text), Some(value), "{text}");
    }
    for bad in ["", "十百", "三三十", "五x", "第五"] {
        assert_eq!(parse_cn_number(bad), None, "{bad}");
    }
}

#[test]
fn cn_numbers_round_trip() {
    for n in 1..=1200 {
        let text = format_cn_number(n);
        assert_eq!(parse_cn_number(&text), Some(n), "{n} → {text}");
    }
    assert_eq!(format_cn_number(15), "十五");
    assert_eq!(format_cn_number(50), "五十");
    assert_eq!(format_cn_number(105), "一百零五");
    assert_eq!(format_cn_number(110), "一百一十");
}

#[test]
fn references_parse() {
    let cases = [
        ("第五十条", r(50, None, None)),
        ("第五十条第（四）项", r(50, None, Some(4))),
        ("第五十条第(四)项", r(50, None, Some(4))),
        ("第五十条第四项", r(50, None, Some(4))),
        ("第五十条（四）", r(50, None, Some(4))),
        ("第十六条第二款", r(16, Some(2), None)),
        ("第三十六条第(三)项", r(36, None, Some(3))),
        ("第二十九条第二款第（二）项", r(29, Some(2), Some(2))),
        ("第36条", r(36, None, None)),
        ("第五十條第（四）項", r(50, None, Some(4))),
        ("  第二十条第（一）项 ", r(20, None, Some(1))),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_reference(text), Some(expected), "{text}");
    }
    for bad in [
        "五十条",
        "第条",
        "第五十",
        "第五十条第",
        "第零条",
        "第五十条之一",
    ] {
        assert_eq!(parse_reference(bad), None, "{bad}");
    }
}

#[test]
fn reference_prefix_stops_before_the_next_article() {
    // "第十四条、第十五条" is two references; "第十六条第十七条" must not read 第十七 as a 款 or 项.
    assert_eq!(
        parse_reference_prefix("第十六条第十七条"),
        Some((r(16, None, None), "第十六条".len()))
    );
    let text = "依据《条例》第十四条、第十五条和第五十条第（四）项规定";
    let found: Vec<_> = find_references(text)
        .into_iter()
        .map(|(range, x)| (&text[range], x))
        .collect();
    assert_eq!(
        found,
        [
            ("第十四条", r(14, None, None)),
            ("第十五条", r(15, None, None)),
            ("第五十条第（四）项", r(50, None, Some(4))),
        ]
    );
}

#[test]
fn references_display_canonically() {
    assert_eq!(r(50, None, Some(4)).to_string(), "第五十条第（四）项");
    assert_eq!(r(16, Some(2), None).to_string(), "第十六条第二款");
    assert_eq!(
        r(29, Some(2), Some(2)).to_string(),
        "第二十九条第二款第（二）项"
    );
}

#[test]
fn editions_by_year() {
    assert_eq!(edition_for_year(2008), Edition::E2007);
    assert_eq!(edition_for_year(2018), Edition::E2007);
    assert_eq!(edition_for_year(2019), Edition::E2019);
    assert_eq!(edition_for_year(2024), Edition::E2019);
}

#[test]
fn editions_load_with_metadata() {
    let t2019 = Edition::E2019.text();
    assert_eq!(t2019.edition, Edition::E2019);
    assert_eq!(t2019.promulgation, "国务院令第711号");
    assert_eq!(t2019.effective, "2019-05-15");
    assert_eq!(t2019.articles.len(), 56);
    let t2007 = Edition::E2007.text();
    assert_eq!(t2007.edition, Edition::E2007);
    assert_eq!(t2007.promulgation, "国务院令第492号");
    assert_eq!(t2007.effective, "2008-05-01");
    assert_eq!(t2007.superseded.as_deref(), Some("2019-05-15"));
    assert_eq!(t2007.articles.len(), 38);
}

#[test]
fn editions_are_well_formed() {
    for edition in Edition::ALL {
        let t = edition.text();
        // Articles numbered 1..=n in order, so `article()` can index.
        for (i, a) in t.articles.iter().enumerate() {
            assert_eq!(a.number as usize, i + 1, "{edition}");
            assert!(!a.clauses.is_empty(), "{edition} {}", a.label());
            for c in &a.clauses {
                for (m, item) in c.items.iter().enumerate() {
                    let marker = format!("（{}）", format_cn_number(m as u32 + 1));
                    assert!(
                        item.starts_with(&marker),
                        "{edition} {} item {item}",
                        a.label()
                    );
                }
            }
        }
        // Chapters tile the articles.
        let mut next = 1;
        for (i, c) in t.chapters.iter().enumerate() {
            assert_eq!(c.number as usize, i + 1);
            assert_eq!(c.first, next, "{edition} {}", c.heading());
            assert!(c.last >= c.first);
            next = c.last + 1;
        }
        assert_eq!(next as usize, t.articles.len() + 1, "{edition}");
        // The last article gives the date in force.
        let (y, m, d) = {
            let mut parts = t.effective.split('-').map(|p| p.parse::<u32>().unwrap());
            (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            )
        };
        let last = t.articles.last().unwrap().text();
        assert!(
            last.contains(&format!("{y}年{m}月{d}日起施行")),
            "{edition}: {last}"
        );
        // Every reference of the annual-report rules resolves.
        let ar = &t.annual_report;
        assert!(t.article(ar.contents_article).is_some());
        assert!(t.article(ar.deadline_article).is_some());
        for c in &ar.contents {
            assert!(t.lookup(&c.reference).is_ok(), "{edition} {}", c.reference);
            assert_eq!(c.reference.article, ar.contents_article);
        }
        for d in &ar.deadlines {
            let passage = t.lookup(&d.reference).unwrap();
            assert!(
                passage
                    .text()
                    .contains(&format!("{}月{}日前", d.month, d.day)),
                "{}",
                passage.text()
            );
        }
    }
}

#[test]
fn every_item_of_the_contents_article_is_required() {
    for edition in Edition::ALL {
        let t = edition.text();
        let ar = &t.annual_report;
        let article = t.article(ar.contents_article).unwrap();
        let items = article.clauses.iter().map(|c| c.items.len()).sum::<usize>();
        for m in 1..=items as u32 {
            assert!(
                ar.contents.iter().any(|c| c.reference.item == Some(m)),
                "{edition}: item {m} of {} has no content entry",
                article.label()
            );
        }
    }
    assert_eq!(Edition::E2019.text().annual_report.contents.len(), 6);
    assert_eq!(Edition::E2007.text().annual_report.contents.len(), 6);
}

#[test]
fn article_lookup_returns_the_official_text() {
    let t = Edition::E2019.text();
    assert_eq!(t.article_by_text("五十").unwrap().number, 50);
    assert_eq!(t.article_by_text("50").unwrap().number, 50);
    assert_eq!(t.article_by_text("第五十条").unwrap().number, 50);
    assert!(t.article_by_text("五十七").is_none());

    let p = t
        .lookup(&parse_reference("第五十条第（四）项").unwrap())
        .unwrap();
    assert_eq!(
        p.text(),
        "（四）政府信息公开工作存在的主要问题及改进情况，各级人民政府的政府信息公开工作年度报告还应当包括工作考核、社会评议和责任追究结果情况；"
    );
    assert_eq!((p.clause, p.item), (Some(0), Some(3)));
    // The range highlights inside the whole article text.
    assert!(p
        .article
        .text()
        .starts_with("政府信息公开工作年度报告应当包括下列内容：\n（一）"));
    assert_eq!(&p.article.text()[p.range.clone()], p.text());

    let p = t
        .lookup(&parse_reference("第十六条第二款").unwrap())
        .unwrap();
    assert!(p
        .text()
        .starts_with("行政机关在履行行政管理职能过程中形成的讨论记录"));

    let p = t.lookup(&parse_reference("第四十九条").unwrap()).unwrap();
    assert_eq!(p.text(), p.article.text());
    assert!(p.text().contains("每年1月31日前") && p.text().contains("每年3月31日前"));

    let p = t
        .lookup(&parse_reference("第二十九条第二款第（二）项").unwrap())
        .unwrap();
    assert!(p.text().contains("特征性描述"));

    let p = Edition::E2007
        .text()
        .lookup(&parse_reference("第三十一条").unwrap())
        .unwrap();
    assert_eq!(
        p.text(),
        "各级行政机关应当在每年3月31日前公布本行政机关的政府信息公开工作年度报告。"
    );
}

#[test]
fn lookup_errors() {
    let t = Edition::E2019.text();
    let err = t.lookup(&r(60, None, None)).unwrap_err();
    assert_eq!(err.to_string(), "2019年《条例》没有第六十条");
    assert!(matches!(
        t.lookup(&r(16, Some(3), None)),
        Err(LookupError::NoClause { .. })
    ));
    assert!(matches!(
        t.lookup(&r(50, None, Some(6))),
        Err(LookupError::NoItem { .. })
    ));
    assert!(matches!(
        t.lookup(&r(14, None, Some(1))),
        Err(LookupError::NoItem { .. })
    ));
    assert!(matches!(
        t.lookup(&r(50, Some(2), Some(1))),
        Err(LookupError::NoItem { .. })
    ));
}

#[test]
fn deadlines() {
    let ar = &Edition::E2019.text().annual_report;
    let dept = ar.deadline_for(Organs::Department).unwrap();
    assert_eq!((dept.month, dept.day), (1, 31));
    assert_eq!(dept.date_for(2023), (2024, 1, 31));
    let gov = ar.deadline_for(Organs::Government).unwrap();
    assert_eq!((gov.month, gov.day), (3, 31));
    assert!(ar.deadline_for(Organs::All).is_none());
    assert_eq!(
        (ar.latest_deadline().month, ar.latest_deadline().day),
        (3, 31)
    );
    // Departments need not report 工作考核、社会评议和责任追究结果.
    assert_eq!(ar.contents_for(Organs::Department).count(), 5);
    assert_eq!(ar.contents_for(Organs::Government).count(), 6);

    let ar = &Edition::E2007.text().annual_report;
    for kind in [Organs::All, Organs::Government, Organs::Department] {
        let d = ar.deadline_for(kind).unwrap();
        assert_eq!((d.month, d.day), (3, 31));
    }
}

#[test]
fn chapters() {
    let t = Edition::E2019.text();
    assert_eq!(t.chapter_of(50).unwrap().heading(), "第五章 监督和保障");
    assert_eq!(
        Edition::E2007.text().chapter_of(20).unwrap().heading(),
        "第三章 公开的方式和程序"
    );
}
