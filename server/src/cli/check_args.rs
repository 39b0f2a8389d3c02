//! The output formats and failing levels of `nianbao check` (shared by
//! `check.rs` and `review.rs` without an import circle).

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    /// One row per diagnostic (UTF-8 with BOM, for spreadsheets).
    Csv,
    /// A standalone HTML page for people (`-o report.html`; docs/review.md).
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Fail on errors only (the default).
    Errors,
    /// Fail on warnings too.
    Warnings,
}
