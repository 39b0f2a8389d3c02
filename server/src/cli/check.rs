//! `nianbao check`: check files and folders, print in the chosen format,
//! exit 0 (clean), 1 (findings at the failing level) or 2 (usage or I/O).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::documents;
use super::output::{self, CheckedFile};
use nianbao_core::check;
use nianbao_core::workspace::{self, ConfigCache, Member};

pub use super::check_args::{Deny, Format};

pub fn run(
    paths: &[PathBuf],
    format: Format,
    deny: Deny,
    save_imported: Option<&Path>,
    review: &super::review::Options,
) -> ExitCode {
    // Markup as read; published documents (.txt, .html, .docx, .pdf) imported in memory.
    let loaded = match documents::load(paths, save_imported) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("错误：{err}");
            return ExitCode::from(2);
        }
    };
    if loaded.texts.is_empty() && loaded.errors == 0 {
        eprintln!("错误：{}", documents::nothing_found(paths));
        return ExitCode::from(2);
    }
    if loaded.errors > 0 && loaded.documents.is_empty() {
        return ExitCode::from(2);
    }
    let texts = loaded.texts;
    let mut configs = ConfigCache::default();
    let progress = output::Progress::new(texts.len() as u64, "检查");
    let mut checked = Vec::new();
    for (path, text) in &texts {
        progress.set_message(path.display().to_string());
        let config = match configs.for_file(path) {
            Ok(c) => c,
            Err(err) => {
                progress.finish();
                eprintln!("错误：{err}");
                return ExitCode::from(2);
            }
        };
        let result = check::check_text(text, &config);
        checked.push((result, config));
        progress.inc();
    }
    progress.finish();
    // Rules across the reports of the same folder.
    let members: Vec<Member> = texts
        .iter()
        .zip(&checked)
        .map(|((path, text), (c, config))| Member {
            path,
            text,
            checked: c,
            config: Some(config),
        })
        .collect();
    let merged = workspace::folder_pass(&members);
    let mut results: Vec<CheckedFile> = texts
        .iter()
        .zip(merged)
        .map(|((path, text), diagnostics)| CheckedFile {
            path: path.clone(),
            text: text.clone(),
            diagnostics: diagnostics.expect("every file has its configuration"),
        })
        .collect();
    documents::annotate(&mut results, &loaded.documents);
    // Fingerprints, the baseline, the output and the exit code (review.rs).
    let code = super::review::report(results, format, deny, review);
    if loaded.errors > 0 {
        ExitCode::from(2)
    } else {
        code
    }
}
