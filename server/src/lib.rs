//! nianbao — checker, language server and layout tools for
//! 政府信息公开工作年度报告 written in the `.nianbao` markup.
//!
//! Layers (see `docs/architecture.md`): [`syntax`] parses text into a
//! tree-sitter tree.

pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod fmt;
pub mod formats;
pub mod generate;
pub mod import;
pub mod lsp;
pub mod model;
pub mod position;
pub mod render;
pub mod rules;
pub mod syntax;
pub mod template;
pub mod tiaoli;
