use std::collections::HashSet;

use super::*;
use crate::tiaoli::ArticleRef;

mod lookup;

fn gov2021() -> &'static Format {
    format(FormatId::Gov2021)
}

fn gov2019() -> &'static Format {
    format(FormatId::Gov2019)
}

fn stat() -> &'static Table {
    format(FormatId::Stat2014).table("stat").unwrap()
}

/// Every article link of a format, with where it is.
fn article_links(f: &'static Format) -> Vec<(String, &'static ArticleRef)> {
    let mut links = Vec::new();
    let mut add = |place: String, list: &'static [ArticleLink]| {
        links.extend(list.iter().map(|l| (place.clone(), &l.reference)));
    };
    for s in &f.sections {
        add(format!("section {}", s.no), &s.articles);
        for sub in &s.subsections {
            add(format!("section {} {}", s.no, sub.no), &sub.articles);
        }
    }
    for t in &f.tables {
        add(format!("table {}", t.id), &t.articles);
        for r in &t.rows {
            add(format!("table {} row {}", t.id, r.key), &r.articles);
        }
    }
    links
}

#[test]
fn every_format_loads_with_its_years() {
    assert_eq!(all().len(), 3);
    for id in FormatId::NATIONAL {
        assert_eq!(format(id).id, id);
        assert_eq!(id.as_str().parse::<FormatId>(), Ok(id));
    }
    assert_eq!(format_by_name("2021").unwrap().id, FormatId::Gov2021);
    assert_eq!(format_by_name("2014").unwrap().id, FormatId::Stat2014);
    assert!(format_by_name("2007").is_none());

    assert!(format_for_year(2013).is_none());
    assert_eq!(format_for_year(2014).unwrap().id, FormatId::Stat2014);
    assert_eq!(format_for_year(2018).unwrap().id, FormatId::Stat2014);
    assert_eq!(format_for_year(2019).unwrap().id, FormatId::Gov2019);
    assert_eq!(format_for_year(2020).unwrap().id, FormatId::Gov2019);
    assert_eq!(format_for_year(2021).unwrap().id, FormatId::Gov2021);
    assert_eq!(format_for_year(2030).unwrap().id, FormatId::Gov2021);

    // The format's edition is the one its years are written under.
    for f in all() {
        assert_eq!(
            crate::tiaoli::edition_for_year(f.years.from),
            f.edition,
            "{}",
            f.id
        );
    }
}

#[test]
fn sections_and_tables_agree() {
    for f in all() {
        for s in &f.sections {
            for t in &s.tables {
                let table = f
                    .table(t)
                    .unwrap_or_else(|| panic!("{} section {}: no table {t}", f.id, s.no));
                assert_eq!(
                    table.section.as_deref(),
                    Some(s.no.as_str()),
                    "{} {t}",
                    f.id
                );
            }
        }
        for t in &f.tables {
            if let Some(no) = &t.section {
                assert!(
                    f.section(no).unwrap().tables.contains(&t.id),
                    "{} {}",
                    f.id,
                    t.id
                );
            }
        }
        let ids: HashSet<_> = f.tables.iter().map(|t| &t.id).collect();
        assert_eq!(ids.len(), f.tables.len(), "{}: duplicate table id", f.id);
    }
    let ids = |f: &Format| f.tables.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(gov2021()), ["t2-1", "t2-5", "t2-6", "t2-8", "t3", "t4"]);
    assert_eq!(
        ids(gov2019()),
        ["t2-1", "t2-5", "t2-6", "t2-8", "t2-9", "t3", "t4"]
    );
    assert_eq!(ids(format(FormatId::Stat2014)), ["stat"]);
}

#[test]
fn rows_and_columns_are_well_formed_and_unique_after_normalisation() {
    for f in all() {
        for t in &f.tables {
            let keys: HashSet<_> = t.rows.iter().map(|r| &r.key).collect();
            assert_eq!(
                keys.len(),
                t.rows.len(),
                "{} {}: duplicate row key",
                f.id,
                t.id
            );
            let keys: HashSet<_> = t.columns.iter().map(|c| &c.key).collect();
            assert_eq!(
                keys.len(),
                t.columns.len(),
                "{} {}: duplicate column key",
                f.id,
                t.id
            );

            // Column labels and variants: no form shared by two columns.
            let mut seen = std::collections::HashMap::new();
            for c in &t.columns {
                for form in c.names.forms() {
                    if let Some(other) = seen.insert(form.to_string(), &c.key) {
                        assert_eq!(
                            other, &c.key,
                            "{} {}: columns {other} and {} share {form}",
                            f.id, t.id, c.key
                        );
                    }
                }
            }
            // Row labels: unique under the same parent (the statistical table repeats 被依法纠错数 under 四 and 五).
            let mut seen = std::collections::HashMap::new();
            for (i, r) in t.rows.iter().enumerate() {
                for form in r.names.forms() {
                    let at = (r.parent.clone(), form.to_string());
                    if let Some(other) = seen.insert(at, &r.key) {
                        assert_eq!(
                            other, &r.key,
                            "{} {}: rows {other} and {} share {form}",
                            f.id, t.id, r.key
                        );
                    }
                }
                // Parents come first and are one level up.
                if let Some(p) = &r.parent {
                    let pi = t.rows.iter().position(|x| &x.key == p).unwrap_or_else(|| {
                        panic!("{} {} row {}: no parent {p}", f.id, t.id, r.key)
                    });
                    assert!(pi < i, "{} {} row {}", f.id, t.id, r.key);
                    assert_eq!(
                        t.rows[pi].level + 1,
                        r.level,
                        "{} {} row {}",
                        f.id,
                        t.id,
                        r.key
                    );
                } else {
                    assert_eq!(r.level, 0, "{} {} row {}", f.id, t.id, r.key);
                }
                assert!(
                    !(r.group && r.kind.is_some()),
                    "{} {} group row {} has a kind",
                    f.id,
                    t.id,
                    r.key
                );
                // Each row is found by its own label, exactly.
                let m = t.lookup_row(&r.label).unwrap();
                assert_eq!(t.rows[m.index].label, r.label, "{} {}", f.id, t.id);
                assert_eq!(m.kind, MatchKind::Exact);
            }
            for c in &t.columns {
                let m = t.lookup_column(&c.label).unwrap();
                assert_eq!(
                    (m.key, m.kind),
                    (c.key.as_str(), MatchKind::Exact),
                    "{} {}",
                    f.id,
                    t.id
                );
            }
        }
    }
}

#[test]
fn every_relation_names_existing_keys() {
    for f in all() {
        let ids: HashSet<_> = f.relations.iter().map(|r| &r.id).collect();
        assert_eq!(
            ids.len(),
            f.relations.len(),
            "{}: duplicate relation id",
            f.id
        );
        for rel in &f.relations {
            let t = f
                .table(&rel.table)
                .unwrap_or_else(|| panic!("{} {}: no table {}", f.id, rel.id, rel.table));
            let is_row = |k: &str| t.row(k).is_some_and(|r| !r.group);
            let is_col = |k: &str| t.column(k).is_some_and(|c| c.kind.is_numeric());
            for term in rel.lhs.iter().chain(&rel.rhs) {
                let ok = match rel.per {
                    Per::Column => is_row(&term.key),
                    Per::Row => is_col(&term.key),
                    Per::Cell => term
                        .key
                        .split_once('/')
                        .is_some_and(|(r, c)| is_row(r) && is_col(c)),
                };
                assert!(
                    ok,
                    "{} {}: term {:?} is not a data {:?} key of {}",
                    f.id, rel.id, term.key, rel.per, t.id
                );
            }
            for k in &rel.only {
                let ok = match rel.per {
                    Per::Column => is_col(k),
                    Per::Row => is_row(k),
                    Per::Cell => false,
                };
                assert!(ok, "{} {}: only {k:?}", f.id, rel.id);
            }
            assert!(
                !rel.lhs.is_empty() && !rel.rhs.is_empty(),
                "{} {}",
                f.id,
                rel.id
            );
            // Every instance names real cells.
            for inst in rel.instances(t) {
                for cell in inst.lhs.iter().chain(&inst.rhs) {
                    assert!(
                        t.cell_kind(cell.row, cell.column)
                            .is_some_and(|k| k.is_numeric()),
                        "{} {}",
                        f.id,
                        rel.id
                    );
                }
            }
        }
        for q in &f.quotes {
            for cell in &q.cells {
                let t = f
                    .table(&cell.table)
                    .unwrap_or_else(|| panic!("{} {}", f.id, q.id));
                assert!(
                    t.row(&cell.row).is_some_and(|r| !r.group),
                    "{} {}: {}",
                    f.id,
                    q.id,
                    cell.row
                );
                assert!(
                    t.column(&cell.column).is_some(),
                    "{} {}: {}",
                    f.id,
                    q.id,
                    cell.column
                );
            }
        }
    }
}

#[test]
fn relation_instances_expand_along_the_axis() {
    let t3 = gov2021().table("t3").unwrap();
    let a = gov2021().relation("T3-A").unwrap();
    let inst = a.instances(t3);
    assert_eq!(inst.len(), 7, "one per column");
    assert_eq!(inst[6].along, Some("total"));
    assert_eq!(
        inst[0].lhs[1],
        CellTerm {
            row: "carried",
            column: "person",
            negate: false,
            prev: false
        }
    );

    let b = gov2021().relation("T3-B").unwrap();
    assert_eq!(b.instances(t3).len(), 25, "one per data row");

    let t4 = gov2021().table("t4").unwrap();
    let inst = gov2021().relation("T4-B").unwrap().instances(t4);
    assert_eq!(inst.len(), 1);
    assert_eq!(inst[0].lhs[0].row, "suit.direct");
    assert_eq!(inst[0].rhs.len(), 4);

    let x2 = gov2021().relation("X-2").unwrap();
    assert!(x2.is_cross_year());
    assert_eq!(x2.op, Op::Approx);
    let t21 = gov2021().table("t2-1").unwrap();
    let inst = x2.instances(t21);
    assert_eq!(inst.len(), 2);
    assert!(inst[0].rhs[0].prev && inst[0].rhs[2].negate);

    let s4 = format(FormatId::Stat2014).relation("S-4").unwrap();
    let inst = s4.instances(stat());
    assert_eq!(inst.len(), 1);
    assert_eq!(inst[0].along, Some("value"));
}

#[test]
fn leaf_rows_sum_to_the_total() {
    // T3-C lists exactly the data rows under 三、本年度办理结果 except (七)总计.
    for f in [gov2021(), gov2019()] {
        let t3 = f.table("t3").unwrap();
        let c = f.relation("T3-C").unwrap();
        let mut under_results: Vec<&str> = t3
            .data_rows()
            .filter(|r| {
                let mut p = r.parent.as_deref();
                while let Some(k) = p {
                    if k == "results" {
                        return true;
                    }
                    p = t3.row(k).unwrap().parent.as_deref();
                }
                false
            })
            .map(|r| r.key.as_str())
            .filter(|k| *k != "total")
            .collect();
        let mut rhs: Vec<&str> = c.rhs.iter().map(|t| t.key.as_str()).collect();
        under_results.sort();
        rhs.sort();
        assert_eq!(rhs, under_results, "{}", f.id);
    }
    assert_eq!(gov2021().relation("T3-C").unwrap().rhs.len(), 21);
    assert_eq!(gov2019().relation("T3-C").unwrap().rhs.len(), 19);
    assert_eq!(gov2021().table("t3").unwrap().data_rows().count(), 25);
    assert_eq!(gov2019().table("t3").unwrap().data_rows().count(), 23);
}

#[test]
fn t3_and_t4_differ_between_2019_and_2021_only_in_other_processing() {
    let (a, b) = (
        gov2021().table("t3").unwrap(),
        gov2019().table("t3").unwrap(),
    );
    let keys = |t: &Table| t.rows.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
    let only_2021: Vec<_> = keys(a).into_iter().filter(|k| b.row(k).is_none()).collect();
    assert_eq!(
        only_2021,
        ["other.no_correction", "other.unpaid_fee", "other.misc"]
    );
    assert!(keys(b).iter().all(|k| a.row(k).is_some()));
    assert!(a.row("other").unwrap().group && !b.row("other").unwrap().group);
    for r in b.rows.iter().filter(|r| r.key != "other") {
        assert_eq!(r.label, a.row(&r.key).unwrap().label);
    }
    let (a, b) = (
        gov2021().table("t4").unwrap(),
        gov2019().table("t4").unwrap(),
    );
    assert_eq!(keys(a), keys(b));
}

#[test]
fn every_article_referenced_exists_in_the_edition() {
    for f in all() {
        let text = f.edition.text();
        for (place, reference) in article_links(f) {
            assert!(
                text.lookup(reference).is_ok(),
                "{} {place}: {reference} not in {}",
                f.id,
                f.edition
            );
        }
        // Sections cover keys of the edition's required contents, and every content is covered.
        let contents = &text.annual_report;
        for s in &f.sections {
            for key in &s.covers {
                assert!(
                    contents.content(key).is_some(),
                    "{} section {}: {key}",
                    f.id,
                    s.no
                );
            }
        }
        if !f.sections.is_empty() {
            for c in &contents.contents {
                assert!(
                    f.sections.iter().any(|s| s.covers.contains(&c.key)),
                    "{}: no section covers {} ({})",
                    f.id,
                    c.key,
                    c.reference
                );
            }
        }
    }
    // Spot checks of §1.7.
    let t3 = gov2021().table("t3").unwrap();
    let refs = |key: &str| {
        t3.row(key)
            .unwrap()
            .articles
            .iter()
            .map(|a| a.reference.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(refs("partial"), ["第三十七条"]);
    assert_eq!(refs("deny.internal"), ["第十六条第一款"]);
    assert_eq!(
        refs("unable.unclear"),
        ["第三十条", "第二十九条第二款第（二）项"]
    );
    assert_eq!(
        gov2021().section("三").unwrap().articles[0]
            .reference
            .to_string(),
        "第五十条第（二）项"
    );
}
