//! Command-line front end: one module per subcommand.

pub mod check;
pub mod check_args;
pub mod diff;
pub mod fmt;
pub mod html_report;
pub mod import;
pub mod output;
pub mod parse;
pub mod render;
pub mod review;
