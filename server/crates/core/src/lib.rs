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

/// The `.nianbao` files the tests that compare two readings run on, in file-name order: the examples,
/// `tests/<fixtures>` and the folders named in NIANBAO_MODEL_CORPUS (`:`-separated: imported real
/// reports, a generated corpus).
#[cfg(test)]
pub(crate) fn test_corpus(fixtures: &str) -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let extra = std::env::var("NIANBAO_MODEL_CORPUS").unwrap_or_default();
    let dirs = [root.join("examples"), root.join("tests").join(fixtures)]
        .into_iter()
        .chain(extra.split(':').filter(|d| !d.is_empty()).map(Into::into));
    dirs.flat_map(|dir| walkdir::WalkDir::new(dir).sort_by_file_name())
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "nianbao"))
        .collect()
}
