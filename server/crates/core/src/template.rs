//! Standard tables and sections written out as markup, for fixes that insert
//! them and for editor snippets.

use crate::formats::{self, ValueKind};

/// A whole standard table in the canonical layout of docs/language.md, every
/// figure cell filled with `fill` (group rows stay empty).
pub fn table_markup(table: &formats::Table, fill: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("| {} |", table.corner));
    for c in &table.columns {
        out.push_str(&format!(" {} |", c.label));
    }
    out.push_str("\n| --- |");
    for c in &table.columns {
        out.push_str(if c.kind == ValueKind::Text {
            " --- |"
        } else {
            " ---: |"
        });
    }
    out.push('\n');
    for row in &table.rows {
        out.push_str(&row_markup(table, row, fill));
    }
    out
}

/// One row of a standard table.
pub fn row_markup(table: &formats::Table, row: &formats::Row, fill: &str) -> String {
    let mut out = format!("| {} |", row.label);
    for c in &table.columns {
        let cell = if row.group {
            String::new()
        } else if c.kind == ValueKind::Text {
            table.cell_unit(&row.key, &c.key).unwrap_or("").to_string()
        } else {
            fill.to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_standard_table_round_trips_through_the_parser_and_detection() {
        for format in formats::all() {
            for table in &format.tables {
                let text = table_markup(table, "0");
                let tree = crate::syntax::parse(&text);
                assert!(
                    !tree.root_node().has_error(),
                    "{}:{}\n{text}",
                    format.id,
                    table.id
                );
                let report = crate::model::build(&tree, &text);
                let header: Vec<&str> = report.tables[0]
                    .header
                    .cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect();
                let first: Vec<&str> = report.tables[0].rows.iter().map(|r| r.label()).collect();
                let best = &formats::detect_table(&header, &first)[0];
                assert_eq!(best.table.id, table.id, "{}:{}", format.id, table.id);
            }
        }
    }
}
