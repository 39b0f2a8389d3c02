//! `placeholder`: template blanks left unfilled (`达()万余人次`, `XX件`).

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::semantic::Context;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let message = |text: &str| format!("“{}”是未填写的占位符，请填入实际内容", text.trim());
    for p in cx.report.paragraphs.iter().flat_map(|p| &p.placeholders) {
        out.push(diag(
            Code::Placeholder,
            p.range.clone(),
            message(&cx.text[p.range.clone()]),
        ));
    }
    for table in &cx.report.tables {
        for row in std::iter::once(&table.header).chain(&table.rows) {
            for cell in row.cells.iter().filter(|c| c.placeholder) {
                out.push(diag(
                    Code::Placeholder,
                    cell.range.clone(),
                    message(&cell.text),
                ));
            }
        }
    }
}
