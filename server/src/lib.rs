//! The `nianbao` program: the command-line front end over the library crates
//! (`nianbao-core`, `nianbao-import`, `nianbao-render`, `nianbao-lsp`; see `docs/architecture.md`).

pub mod cli;
