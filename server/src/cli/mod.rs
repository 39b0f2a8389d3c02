//! Command-line front end: one module per subcommand.

pub mod args;
pub mod check;
pub mod check_args;
pub mod diff;
pub mod documents;
pub mod fmt;
pub mod html_report;
pub mod human;
pub mod import;
pub mod output;
pub mod parse;
pub mod render;
pub mod review;
pub mod rules;
pub mod stream;
