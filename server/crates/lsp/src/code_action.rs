//! Code actions: the fix of every diagnostic under the cursor as a quick fix
//! (a wrong figure → the computed one, a variant label → the standard one,
//! missing rows, tables and sections inserted); suppressing a rule for a
//! line or for the file; and, when asked for `source.fixAll`, every fix that
//! does not collide with another.
//!
//! Actions are computed from the current text and its current findings,
//! never from the (possibly older) diagnostics the client sends back, as
//! [`Action`]s that know nothing of the protocol ([`actions_at`], tested in
//! `code_action/tests.rs`); [`code_actions`] converts them.

use std::collections::HashMap;
use std::ops::Range;

use ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};
use tower_lsp_server::ls_types;

use super::analysis::Ctx;
use super::diagnostics::to_lsp;
use nianbao_core::diagnostic::{Diagnostic, Edit};

#[cfg(test)]
mod tests;

/// A code action before conversion to the protocol.
#[derive(Debug)]
pub enum Action<'a> {
    /// Edits to this document.
    Edit {
        title: String,
        kind: Kind,
        /// Byte ranges of the document's text.
        edits: Vec<Edit>,
        /// The finding it is about (none for “fix all”).
        diagnostic: Option<&'a Diagnostic>,
        preferred: bool,
    },
    /// “标记为已复核…” for this finding: it edits the workspace baseline,
    /// another file, so it is made at the edge (`review_action`).
    Review(&'a Diagnostic),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    QuickFix,
    FixAll,
}

impl Kind {
    /// The protocol's name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::QuickFix => "quickfix",
            Kind::FixAll => "source.fixAll.nianbao",
        }
    }
}

pub fn code_actions(cx: &Ctx, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let range = cx.doc().byte_range(&params.range, cx.encoding);
    let only: Option<Vec<&str>> = params
        .context
        .only
        .as_ref()
        .map(|list| list.iter().map(|k| k.as_str()).collect());
    actions_at(cx, range, only.as_deref())
        .into_iter()
        .flat_map(|a| match a {
            Action::Edit {
                title,
                kind,
                edits,
                diagnostic,
                preferred,
            } => vec![action(cx, &title, kind, &edits, diagnostic, preferred)],
            Action::Review(d) => super::review_action::actions(cx, d),
        })
        .collect()
}

/// The actions for the byte range `range` of the text; `only` holds the
/// kinds the client asked for (`None`: the quick fixes).
pub fn actions_at<'a>(cx: &Ctx<'a>, range: Range<usize>, only: Option<&[&str]>) -> Vec<Action<'a>> {
    let wanted = |kind: Kind| {
        let kind = kind.as_str();
        match only {
            None => kind.starts_with("quickfix"),
            Some(list) => list
                .iter()
                .any(|k| kind == *k || kind.starts_with(&format!("{k}."))),
        }
    };
    let mut out = Vec::new();
    if wanted(Kind::QuickFix) {
        let mut suppressed: Vec<(&str, usize)> = Vec::new();
        let here = cx
            .open
            .diagnostics
            .iter()
            .filter(|d| d.range.start <= range.end && range.start <= d.range.end);
        for d in here {
            if let Some(fix) = &d.fix {
                out.push(Action::Edit {
                    title: fix.title.clone(),
                    kind: Kind::QuickFix,
                    edits: fix.edits.clone(),
                    diagnostic: Some(d),
                    preferred: true,
                });
            }
            let line = cx.doc().index().line_of(d.range.start);
            if !suppressed.contains(&(d.code.as_str(), line)) {
                suppressed.push((d.code.as_str(), line));
                out.extend(suppress(cx, d));
                out.push(Action::Review(d));
            }
        }
    }
    if only.is_some() && wanted(Kind::FixAll) {
        let edits = all_fixes(&cx.open.diagnostics);
        if !edits.is_empty() {
            out.push(Action::Edit {
                title: "修正全部可自动修正的问题".to_string(),
                kind: Kind::FixAll,
                edits,
                diagnostic: None,
                preferred: false,
            });
        }
    }
    out
}

fn action(
    cx: &Ctx,
    title: &str,
    kind: Kind,
    edits: &[Edit],
    diagnostic: Option<&Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    let edits: Vec<TextEdit> = edits
        .iter()
        .map(|e| TextEdit {
            range: cx.range(&e.range),
            new_text: e.new_text.clone(),
        })
        .collect();
    let mut changes = HashMap::new();
    changes.insert(cx.doc().uri.clone(), edits);
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.to_string(),
        kind: Some(CodeActionKind::new(kind.as_str())),
        diagnostics: diagnostic.map(|d| vec![to_lsp(cx.doc(), d, cx.encoding, cx.support)]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// `// nianbao-disable-next-line CODE` above the diagnostic's line, and
/// `// nianbao-disable-file CODE` at the top (inside the front matter, whose
/// `---` must stay on the first line).
fn suppress<'a>(cx: &Ctx<'a>, d: &'a Diagnostic) -> Vec<Action<'a>> {
    let text = cx.text();
    let index = cx.doc().index();
    let eol = cx.doc().line_break();
    let mut out = Vec::new();
    let line = index.line_of(d.range.start);
    let line_range = index.line_range(text, line);
    let content = &text[line_range.clone()];
    let front = cx.report().front.range.clone();
    let opens_front_matter = line == 0 && front.as_ref().is_some_and(|r| r.start == 0);
    if !opens_front_matter {
        let indent: String = content
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let edit = Edit {
            range: line_range.start..line_range.start,
            new_text: format!("{indent}// nianbao-disable-next-line {}{eol}", d.code),
        };
        out.push(Action::Edit {
            title: format!("在此行禁用规则 {}", d.code),
            kind: Kind::QuickFix,
            edits: vec![edit],
            diagnostic: Some(d),
            preferred: false,
        });
    }
    let directive = format!("// nianbao-disable-file {}", d.code);
    let (at, new_text) = match &front {
        Some(r) if r.start == 0 => {
            let first = index.line_range(text, 0);
            let after = &text[first.end..];
            let br = if after.starts_with("\r\n") {
                2
            } else if after.starts_with(['\n', '\r']) {
                1
            } else {
                0
            };
            if br == 0 {
                (first.end, format!("{eol}{directive}"))
            } else {
                (first.end + br, format!("{directive}{eol}"))
            }
        }
        _ => (0, format!("{directive}{eol}")),
    };
    let edit = Edit {
        range: at..at,
        new_text,
    };
    out.push(Action::Edit {
        title: format!("在本文件中禁用规则 {}", d.code),
        kind: Kind::QuickFix,
        edits: vec![edit],
        diagnostic: Some(d),
        preferred: false,
    });
    out
}

/// Every fix's edits, skipping any that would overlap an earlier one
/// (insertions at the same point are kept, in order).
pub fn all_fixes(diagnostics: &[Diagnostic]) -> Vec<Edit> {
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut out = Vec::new();
    for d in diagnostics {
        let Some(fix) = &d.fix else { continue };
        let collides = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                let overlap = e.range.start < t.end && t.start < e.range.end;
                let inside = !t.is_empty()
                    && e.range.is_empty()
                    && t.start < e.range.start
                    && e.range.start < t.end;
                let around = t.is_empty()
                    && !e.range.is_empty()
                    && e.range.start < t.start
                    && t.start < e.range.end;
                overlap || inside || around
            })
        });
        if collides {
            continue;
        }
        for e in &fix.edits {
            taken.push(e.range.clone());
            out.push(e.clone());
        }
    }
    out
}
