//! Command-line front end: one module per subcommand.

pub mod check;
pub mod documents;
pub mod fmt;
pub mod import;
pub mod output;
pub mod parse;
pub mod render;
