//! The code action “标记为已复核…” (docs/review.md): appends a finding's entry
//! to the workspace baseline (the first `nianbao-baseline.toml` from the
//! report's folder upwards, created next to the report when there is none).
//! Publishing reviewed findings as hints is in `review`.

use std::path::Path;

use ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, Range, ResourceOp, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};
use tower_lsp_server::ls_types;

use super::analysis::Ctx;
use super::diagnostics::to_lsp;
use super::review::baseline_for;
use nianbao_core::baseline::{self, Baseline, Entry, Status};
use nianbao_core::diagnostic::Diagnostic;
use nianbao_core::fingerprint::fingerprints;
use nianbao_core::position::Encoding;

fn file_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path).or_else(|| {
        let mut s = String::from("file://");
        for c in path.to_string_lossy().chars() {
            match c {
                ' ' => s.push_str("%20"),
                '#' => s.push_str("%23"),
                '?' => s.push_str("%3F"),
                '%' => s.push_str("%25"),
                c => s.push(c),
            }
        }
        s.parse().ok()
    })
}

/// Where text appended to `text` goes, and the line break it needs first.
fn end_of(text: &str, encoding: Encoding) -> (Position, &'static str) {
    let lines = text.split('\n').count() as u32 - 1;
    let last = text.rsplit('\n').next().unwrap_or("");
    let width = match encoding {
        Encoding::Utf8 => last.len(),
        Encoding::Utf16 => last.encode_utf16().count(),
        _ => last.chars().count(),
    } as u32;
    let lead = if text.is_empty() || text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    (Position::new(lines, width), lead)
}

/// “标记为已复核…” for a finding not yet in the baseline: confirmed or dismissed.
pub fn actions(cx: &Ctx, d: &Diagnostic) -> Vec<CodeActionOrCommand> {
    let Some(path) = cx.doc().path.as_deref() else {
        return Vec::new();
    };
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let file =
        baseline_for(path).unwrap_or_else(|| baseline::absolute(dir).join(baseline::FILE_NAME));
    let existing = std::fs::read_to_string(&file).ok();
    let b = existing
        .as_deref()
        .and_then(|t| Baseline::parse(t).ok())
        .unwrap_or_default();
    let Some(i) = cx.open.diagnostics.iter().position(|x| x == d) else {
        return Vec::new();
    };
    let fingerprint = fingerprints(cx.text(), &cx.open.diagnostics).swap_remove(i);
    let name = baseline::entry_path(&file, path);
    if b.find(&name, d.code.as_str(), &fingerprint).is_some() {
        return Vec::new();
    }
    let Some(uri) = file_uri(&file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (status, what) in [
        (Status::Confirmed, "确认是问题（confirmed）"),
        (Status::Dismissed, "不是问题（dismissed）"),
    ] {
        let entry = Entry {
            path: name.clone(),
            code: d.code.to_string(),
            fingerprint: fingerprint.clone(),
            status,
            reason: None,
            reviewer: None,
            message: Some(d.message.clone()),
        };
        let (at, text) = match &existing {
            Some(t) => {
                let (at, lead) = end_of(t, cx.encoding);
                (at, format!("{lead}{}", baseline::entry_toml(&entry)))
            }
            None => (
                Position::new(0, 0),
                Baseline {
                    entries: vec![entry],
                }
                .to_toml(),
            ),
        };
        let mut ops = Vec::new();
        if existing.is_none() {
            ops.push(DocumentChangeOperation::Op(ResourceOp::Create(
                CreateFile {
                    uri: uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: None,
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                },
            )));
        }
        ops.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version: None,
            },
            edits: vec![OneOf::Left(TextEdit {
                range: Range::new(at, at),
                new_text: text,
            })],
        }));
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("标记为已复核…：{what}，记入 {}", baseline::FILE_NAME),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![to_lsp(cx.doc(), d, cx.encoding, cx.support)]),
            edit: Some(WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(ops)),
                ..WorkspaceEdit::default()
            }),
            ..CodeAction::default()
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appending_position() {
        assert_eq!(end_of("", Encoding::Utf16), (Position::new(0, 0), ""));
        assert_eq!(
            end_of("a\nb\n", Encoding::Utf16),
            (Position::new(2, 0), "\n")
        );
        assert_eq!(
            end_of("a\n版本", Encoding::Utf16),
            (Position::new(1, 2), "\n\n")
        );
        assert_eq!(
            end_of("a\n版本", Encoding::Utf8),
            (Position::new(1, 6), "\n\n")
        );
    }
}
