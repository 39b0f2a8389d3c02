//! Command-line front end: one module per subcommand.

pub mod check;
pub mod files;
pub mod input;
pub mod output;
pub mod parse;
