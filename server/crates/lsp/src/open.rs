//! An open document with its check results, and what the client supports:
//! what every feature and the publication of diagnostics read.

use std::time::Duration;

use serde_json::Value;

use super::document::Document;
use nianbao_core::check::{Checked, Config};
use nianbao_core::diagnostic::Diagnostic;

/// What the client can do, read once from `initialize`.
#[derive(Debug, Clone, Default)]
pub struct ClientSupport {
    pub snippets: bool,
    pub markdown_hover: bool,
    pub markdown_completion_docs: bool,
    pub related_information: bool,
    pub code_description: bool,
    pub watched_files_dynamic: bool,
    pub configuration_pull: bool,
    pub inlay_hint_refresh: bool,
    pub semantic_tokens_refresh: bool,
    pub hierarchical_symbols: bool,
    pub folding_line_only: bool,
}

impl ClientSupport {
    pub fn from_capabilities(caps: &Value) -> ClientSupport {
        let flag = |p: &str| caps.pointer(p).and_then(Value::as_bool).unwrap_or(false);
        let has_markdown = |p: &str| {
            caps.pointer(p)
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|v| v == "markdown"))
        };
        ClientSupport {
            snippets: flag("/textDocument/completion/completionItem/snippetSupport"),
            markdown_hover: has_markdown("/textDocument/hover/contentFormat"),
            markdown_completion_docs: has_markdown(
                "/textDocument/completion/completionItem/documentationFormat",
            ),
            related_information: flag("/textDocument/publishDiagnostics/relatedInformation"),
            code_description: flag("/textDocument/publishDiagnostics/codeDescriptionSupport"),
            watched_files_dynamic: flag("/workspace/didChangeWatchedFiles/dynamicRegistration"),
            configuration_pull: flag("/workspace/configuration"),
            inlay_hint_refresh: flag("/workspace/inlayHint/refreshSupport"),
            semantic_tokens_refresh: flag("/workspace/semanticTokens/refreshSupport"),
            hierarchical_symbols: flag(
                "/textDocument/documentSymbol/hierarchicalDocumentSymbolSupport",
            ),
            folding_line_only: flag("/textDocument/foldingRange/lineFoldingOnly"),
        }
    }
}

/// An open document with what the engine made of it.
pub struct Open {
    pub doc: Document,
    /// The engine's result for the current text (its tree is the document's).
    pub checked: Checked,
    /// The configuration it was checked with.
    pub config: Config,
    /// What was last published: the engine's findings and the cross-report
    /// ones, in the CLI's order.
    pub diagnostics: Vec<Diagnostic>,
    /// How long the last check took.
    pub check_time: Duration,
    /// The text `checked` was computed from, while it is not the document's
    /// text any more (a check deferred while typing, see `State::change`).
    pub stale_text: Option<String>,
}

impl Open {
    /// The text the check results belong to.
    pub fn checked_text(&self) -> &str {
        self.stale_text.as_deref().unwrap_or(self.doc.text())
    }

    pub fn is_stale(&self) -> bool {
        self.stale_text.is_some()
    }
}
