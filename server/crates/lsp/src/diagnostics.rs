//! The engine's findings as LSP diagnostics: code, a link to the rule in
//! `docs/rules.md`, related information (the other cells of a failed
//! relation) and the fix in `data`, every byte range converted in the
//! negotiated encoding.
//!
//! `data` is `{ "version": N, "fix": { "title": …, "edits": [{ "range": LSP
//! range, "byteRange": [start, end], "newText": … }] } }`; code actions do
//! not depend on it (they recompute from the current text), but a client
//! can apply a fix straight from a diagnostic.

use std::sync::OnceLock;

use ls_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};
use serde_json::{json, Value};
use tower_lsp_server::ls_types;

use super::document::Document;
use super::open::{ClientSupport, Open};
use nianbao_core::diagnostic::{Diagnostic, Fix, Severity};
use nianbao_core::position::Encoding;
use nianbao_core::rules::Code;

/// Where the rules are documented; the same address SARIF output uses.
pub use nianbao_core::rules::RULES_DOC;

/// A `textDocument/publishDiagnostics` to send.
#[derive(Debug, Clone)]
pub struct Publish {
    pub uri: Uri,
    pub version: Option<i32>,
    pub diagnostics: Vec<ls_types::Diagnostic>,
}

pub fn publish(open: &Open, encoding: Encoding, support: &ClientSupport) -> Publish {
    Publish {
        uri: open.doc.uri.clone(),
        version: Some(open.doc.version),
        // Findings in the workspace baseline are published as hints (review.rs).
        diagnostics: super::review::demote(open)
            .iter()
            .map(|d| to_lsp(&open.doc, d, encoding, support))
            .collect(),
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The rule's entry in `docs/rules.md`, parsed once per rule (a diagnostic
/// of a 2 MB report is one of hundreds published on every keystroke).
pub fn rule_uri(code: Code) -> Option<Uri> {
    static URIS: OnceLock<Vec<Option<Uri>>> = OnceLock::new();
    URIS.get_or_init(|| {
        Code::ALL
            .iter()
            .map(|c| format!("{RULES_DOC}#{}", c.as_str()).parse().ok())
            .collect()
    })[code as usize]
        .clone()
}

pub fn fix_json(doc: &Document, fix: &Fix, encoding: Encoding) -> Value {
    json!({
        "title": fix.title,
        "edits": fix.edits.iter().map(|e| json!({
            "range": doc.range(&e.range, encoding),
            "byteRange": [e.range.start, e.range.end],
            "newText": e.new_text,
        })).collect::<Vec<_>>(),
    })
}

pub fn to_lsp(
    doc: &Document,
    d: &Diagnostic,
    encoding: Encoding,
    support: &ClientSupport,
) -> ls_types::Diagnostic {
    // Related information and code descriptions are sent even to clients
    // that do not announce them: unknown fields are ignored by the protocol,
    // and the tests compare them with the CLI.
    let _ = support;
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(doc.uri.clone(), doc.range(&r.range, encoding)),
            message: r.message.clone(),
        })
        .chain(d.elsewhere.iter().filter_map(|r| {
            let uri = Uri::from_file_path(&r.path)?;
            let at = |p: &nianbao_core::diagnostic::Place| {
                let (line, column) = p.in_encoding(encoding);
                ls_types::Position::new(line as u32, column as u32)
            };
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, ls_types::Range::new(at(&r.start), at(&r.end))),
                message: r.message.clone(),
            })
        }))
        .collect();
    let mut data = json!({ "version": doc.version });
    if let Some(fix) = &d.fix {
        data["fix"] = fix_json(doc, fix, encoding);
    }
    ls_types::Diagnostic {
        range: doc.range(&d.range, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: rule_uri(d.code).map(|href| CodeDescription { href }),
        source: Some("nianbao".to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(data),
    }
}
