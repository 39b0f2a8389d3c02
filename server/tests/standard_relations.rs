//! For every standard table of every format: a valid table (every figure 0)
//! passes; changing any single figure cell to 1 produces exactly the
//! diagnostics of the relations that contain that cell (and no others), each
//! pointing at the changed cell. The expected set is computed from the
//! relation data, independently of the rule code.

use std::collections::BTreeSet;

use nianbao_core::check::{check_text, Config};
use nianbao_core::formats::{self, Op, ValueKind};
use nianbao_core::template::table_markup;

fn year_of(format: &formats::Format) -> i32 {
    format.years.from.max(2014) + 1
}

fn wrap(format: &formats::Format, table_text: &str) -> String {
    format!(
        "---\n年度: {}\n格式: {}\n机关: 测试县人民政府\n发布日期: {}-01-15\n---\n\n{table_text}",
        year_of(format),
        format
            .id
            .as_str()
            .trim_start_matches("gov")
            .trim_start_matches("stat"),
        year_of(format) + 1
    )
}

/// Relation-level findings: (code, primary range start) plus all ranges.
fn relation_findings(text: &str) -> Vec<(String, Vec<std::ops::Range<usize>>)> {
    check_text(text, &Config::default())
        .diagnostics
        .into_iter()
        .filter(|d| {
            matches!(
                d.code.as_str(),
                "table-sum" | "table-bound" | "table-total-blank"
            )
        })
        .map(|d| {
            let mut ranges = vec![d.range.clone()];
            ranges.extend(d.related.iter().map(|r| r.range.clone()));
            (d.code.to_string(), ranges)
        })
        .collect()
}

#[test]
fn single_cell_mutations_break_exactly_their_relations() {
    let mut checked_cells = 0;
    for format in formats::all() {
        for table in &format.tables {
            let base_table = table_markup(table, "0");
            let base = wrap(format, &base_table);
            assert!(
                relation_findings(&base).is_empty(),
                "{}:{} zero table is not clean: {:?}",
                format.id,
                table.id,
                relation_findings(&base)
            );
            let instances: Vec<(&formats::Relation, formats::RelationInstance)> = format
                .relations_for(&table.id)
                .filter(|r| !r.is_cross_year() && r.op != Op::Approx)
                .flat_map(|r| r.instances(table).into_iter().map(move |i| (r, i)))
                .collect();
            for row in table.rows.iter().filter(|r| !r.group) {
                for column in &table.columns {
                    let kind = table.cell_kind(&row.key, &column.key).unwrap();
                    if !kind.is_numeric() || kind == ValueKind::Text {
                        continue;
                    }
                    // Expected: relations containing this cell whose
                    // comparison fails once the cell goes from 0 to 1.
                    let expected: BTreeSet<String> = instances
                        .iter()
                        .filter_map(|(rel, inst)| {
                            let in_lhs = inst
                                .lhs
                                .iter()
                                .any(|t| t.row == row.key && t.column == column.key);
                            let in_rhs = inst
                                .rhs
                                .iter()
                                .any(|t| t.row == row.key && t.column == column.key);
                            let fails = match rel.op {
                                Op::Eq => in_lhs || in_rhs,
                                Op::Le => in_lhs,
                                Op::Ge => in_rhs,
                                Op::Approx => false,
                            };
                            fails.then(|| format!("{}@{}", rel.id, inst.along.unwrap_or("")))
                        })
                        .collect();
                    let line = crate_row_line(table, row, column, "1");
                    let original = nianbao_core::template::row_markup(table, row, "0");
                    let mutated_table = base_table.replacen(&original, &line, 1);
                    assert_ne!(mutated_table, base_table);
                    let text = wrap(format, &mutated_table);
                    let cell_start =
                        text.find(&line).unwrap() + cell_offset(&line, table, &column.key);
                    let found = relation_findings(&text);
                    assert_eq!(
                        found.len(),
                        expected.len(),
                        "{}:{} {}/{}: expected {expected:?}, found {found:?}",
                        format.id,
                        table.id,
                        row.key,
                        column.key
                    );
                    for (code, ranges) in &found {
                        assert!(
                            ranges.iter().any(|r| r.start == cell_start),
                            "{}:{} {}/{}: {code} does not point at the changed cell",
                            format.id,
                            table.id,
                            row.key,
                            column.key
                        );
                    }
                    checked_cells += 1;
                }
            }
        }
    }
    assert!(checked_cells > 400, "only {checked_cells} cells checked");
}

/// The row with one cell set to `value`, the others 0.
fn crate_row_line(
    table: &formats::Table,
    row: &formats::Row,
    column: &formats::Column,
    value: &str,
) -> String {
    let mut out = format!("| {} |", row.label);
    for c in &table.columns {
        let cell = if c.kind == ValueKind::Text {
            table.cell_unit(&row.key, &c.key).unwrap_or("").to_string()
        } else if c.key == column.key {
            value.to_string()
        } else {
            "0".to_string()
        };
        if cell.is_empty() {
            out.push_str(" |");
        } else {
            out.push_str(&format!(" {cell} |"));
        }
    }
    out.push('\n');
    out
}

/// Byte offset of a column's cell content within a row line.
fn cell_offset(line: &str, table: &formats::Table, key: &str) -> usize {
    let index = table.columns.iter().position(|c| c.key == key).unwrap() + 1;
    let pipe = line.match_indices('|').nth(index).unwrap().0;
    pipe + 2
}

#[test]
fn hand_checked_counts_for_table_three() {
    // 表三 2021, 自然人 column: (一)予以公开 is in T3-B (its row) and T3-C
    // (its column); 一、本年新收 is in T3-A and T3-B; (七)总计 in T3-A, T3-B, T3-C.
    let format = formats::format(formats::FormatId::Gov2021);
    let table = format.table("t3").unwrap();
    let base_table = table_markup(table, "0");
    for (row, n) in [("public", 2), ("new", 2), ("total", 3), ("carry_next", 2)] {
        let r = table.row(row).unwrap();
        let c = table.column("person").unwrap();
        let line = crate_row_line(table, r, c, "5");
        let text = wrap(
            format,
            &base_table.replacen(&nianbao_core::template::row_markup(table, r, "0"), &line, 1),
        );
        assert_eq!(relation_findings(&text).len(), n, "{row}");
    }
}
