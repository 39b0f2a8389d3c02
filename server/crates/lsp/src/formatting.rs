//! Document formatting: the tables aligned by display width, by the same
//! code as `nianbao fmt` ([`nianbao_core::fmt`]), one edit per changed row.

use ls_types::TextEdit;
use tower_lsp_server::ls_types;

use super::analysis::Ctx;

pub fn formatting(cx: &Ctx) -> Vec<TextEdit> {
    nianbao_core::fmt::edits(cx.doc().tree(), cx.text())
        .into_iter()
        .map(|e| TextEdit {
            range: cx.range(&e.range),
            new_text: e.new_text,
        })
        .collect()
}
