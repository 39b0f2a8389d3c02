//! Inlay hints: beside a figure that fails its relation, the value the
//! relation computes for it (the fix of the diagnostic), e.g. `57 应为 60`.

use std::str::FromStr;

use ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip, Range, TextEdit};
use rust_decimal::Decimal;
use tower_lsp_server::ls_types;

use super::analysis::Ctx;
use nianbao_core::model::inline::ascii_digits;

pub fn inlay_hints(cx: &Ctx, range: Range) -> Vec<InlayHint> {
    if !cx.settings.inlay_hints {
        return Vec::new();
    }
    let wanted = cx.doc().byte_range(&range, cx.encoding);
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
            Some(InlayHint {
                position: cx.doc().position(edit.range.end, cx.encoding),
                label: InlayHintLabel::String(format!("应为 {computed}")),
                kind: None,
                // Double-clicking the hint applies the fix.
                text_edits: Some(vec![TextEdit {
                    range: cx.range(&edit.range),
                    new_text: edit.new_text.clone(),
                }]),
                tooltip: Some(InlayHintTooltip::String(format!(
                    "{}（{}）",
                    d.message, d.code
                ))),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}
