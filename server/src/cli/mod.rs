//! Command-line front end: one module per subcommand.

pub mod args;
pub mod check;
pub mod check_args;
pub mod diff;
pub mod documents;
pub mod error;
pub mod export;
pub mod fmt;
pub mod html_report;
pub mod human;
pub mod import;
pub mod output;
pub mod parse;
pub mod render;
pub mod review;
pub mod rules;
pub mod stats;
pub mod stream;

/// `--max-size` (here so that `args.rs` needs no other nianbao crate; `build.rs` has its own).
fn parse_size(text: &str) -> Result<u64, String> {
    nianbao_core::workspace::parse_size(text).map_err(|e| e.to_string())
}
