//! nianbao-core — the checker's core for 政府信息公开工作年度报告 written in the
//! `.nianbao` markup: syntax, the report model, the format and 条例 data,
//! the rules and the check that runs them. No LSP, no terminal, no async
//! (see `docs/architecture.md`).

pub mod baseline;
pub mod check;
pub mod diagnostic;
pub mod fingerprint;
pub mod fmt;
pub mod formats;
pub mod model;
pub mod position;
pub mod rules;
pub mod semantic;
pub mod severity;
pub mod syntax;
pub mod template;
pub mod text;
pub mod tiaoli;
pub mod workspace;
pub mod yoy;
