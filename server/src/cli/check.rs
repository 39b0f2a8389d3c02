//! `nianbao check`: check files and folders, print in the chosen format,
//! exit 0 (clean), 1 (findings at the failing level) or 2 (usage or I/O).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::output::{self, CheckedFile};
use nianbao_core::check::{self, Config};
use nianbao_core::diagnostic::Severity;
use nianbao_core::rules::{check_folder, FolderReport};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    /// One row per diagnostic (UTF-8 with BOM, for spreadsheets).
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Fail on errors only (the default).
    Errors,
    /// Fail on warnings too.
    Warnings,
}

pub fn run(paths: &[PathBuf], format: Format, deny: Deny) -> ExitCode {
    let files = match super::files::expand(paths) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("错误：{err}");
            return ExitCode::from(2);
        }
    };
    let mut texts = Vec::new();
    let mut configs: HashMap<PathBuf, Config> = HashMap::new();
    let mut io_error = false;
    for path in &files {
        match nianbao_core::workspace::read_report(path) {
            Ok(text) => texts.push((path.clone(), text)),
            Err(err) => {
                eprintln!("错误：{err}");
                io_error = true;
            }
        }
    }
    if io_error {
        return ExitCode::from(2);
    }
    let progress = output::Progress::new(texts.len() as u64, "检查");
    let mut checked = Vec::new();
    for (path, text) in &texts {
        progress.set_message(path.display().to_string());
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let config = match configs.get(&dir) {
            Some(c) => c.clone(),
            None => match Config::find(if path.as_os_str() == "-" {
                Path::new(".")
            } else {
                path
            }) {
                Ok(c) => {
                    configs.insert(dir, c.clone());
                    c
                }
                Err(err) => {
                    progress.finish();
                    eprintln!("错误：{err}");
                    return ExitCode::from(2);
                }
            },
        };
        let result = check::check_text(text, &config);
        checked.push((result, config));
        progress.inc();
    }
    progress.finish();
    // Rules across the reports of the same folder.
    let folder: Vec<FolderReport> = texts
        .iter()
        .zip(&checked)
        .map(|((path, text), (c, _))| FolderReport {
            path,
            text,
            checked: c,
        })
        .collect();
    let extra = check_folder(&folder);
    let results: Vec<CheckedFile> = texts
        .iter()
        .zip(checked.iter())
        .zip(extra)
        .map(|(((path, text), (c, config)), extra)| {
            let diagnostics = check::with_folder_diagnostics(c, extra, text, config);
            CheckedFile {
                path: path.clone(),
                text: text.clone(),
                diagnostics,
            }
        })
        .collect();
    let rendered = match format {
        Format::Human => output::human(&results),
        Format::Json => output::json(&results),
        Format::Sarif => output::sarif(&results),
        Format::Github => output::github(&results),
        Format::Csv => output::csv(&results),
    };
    print!("{rendered}");
    let failing = match deny {
        Deny::Errors => Severity::Error,
        Deny::Warnings => Severity::Warning,
    };
    let fails = results
        .iter()
        .flat_map(|f| &f.diagnostics)
        .any(|d| d.severity >= failing);
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
