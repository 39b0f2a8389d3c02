//! Inlay hints: beside a figure that fails its relation, the value the
//! relation computes for it (the fix of the diagnostic), e.g. `57 应为 60`.
//! [`hints_in`] finds them without the protocol (tested in
//! `inlay_hints/tests.rs`); [`inlay_hints`] converts them.

use std::ops::Range;
use std::str::FromStr;

use ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip, TextEdit};
use rust_decimal::Decimal;
use tower_lsp_server::ls_types;

use super::analysis::Ctx;
use nianbao_core::diagnostic::{Diagnostic, Edit};
use nianbao_core::model::inline::ascii_digits;

#[cfg(test)]
mod tests;

/// An inlay hint before conversion to the protocol: shown at the end of the
/// figure `edit` replaces, applying `edit` when double-clicked.
#[derive(Debug)]
pub struct Hint<'a> {
    /// `应为 60`.
    pub label: String,
    pub edit: &'a Edit,
    /// The finding whose fix it is (its message is the tooltip).
    pub diagnostic: &'a Diagnostic,
}

pub fn inlay_hints(cx: &Ctx, range: ls_types::Range) -> Vec<InlayHint> {
    let wanted = cx.doc().byte_range(&range, cx.encoding);
    hints_in(cx, wanted)
        .into_iter()
        .map(|h| InlayHint {
            position: cx.doc().position(h.edit.range.end, cx.encoding),
            label: InlayHintLabel::String(h.label),
            kind: None,
            text_edits: Some(vec![TextEdit {
                range: cx.range(&h.edit.range),
                new_text: h.edit.new_text.clone(),
            }]),
            tooltip: Some(InlayHintTooltip::String(format!(
                "{}（{}）",
                h.diagnostic.message, h.diagnostic.code
            ))),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}

/// The hints whose figure touches the byte range `wanted` (none when the
/// setting turns them off): a fix that replaces one written number with
/// another.
pub fn hints_in<'a>(cx: &Ctx<'a>, wanted: Range<usize>) -> Vec<Hint<'a>> {
    if !cx.settings.inlay_hints {
        return Vec::new();
    }
    let text = cx.text();
    cx.open
        .diagnostics
        .iter()
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let [edit] = fix.edits.as_slice() else {
                return None;
            };
            if edit.range.is_empty()
                || edit.range.end < wanted.start
                || edit.range.start > wanted.end
            {
                return None;
            }
            let written = ascii_digits(text.get(edit.range.clone())?.trim());
            Decimal::from_str(written.trim_start_matches('+')).ok()?;
            let computed = Decimal::from_str(edit.new_text.trim()).ok()?;
            Some(Hint {
                label: format!("应为 {computed}"),
                edit,
                diagnostic: d,
            })
        })
        .collect()
}
