//! `nianbao check`: check files and folders, print in the chosen format,
//! exit 0 (clean), 1 (findings at the failing level) or 2 (usage or I/O).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::documents;
use super::output::{self, CheckedFile};
use nianbao_core::check;
use nianbao_core::diagnostic::Severity;
use nianbao_core::workspace::{self, ConfigCache, Member};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 供人阅读：带源码摘录，按终端宽度排版
    Human,
    /// JSON（模式见 docs/rules.md）
    Json,
    /// SARIF 2.1.0（代码扫描平台）
    Sarif,
    /// GitHub Actions 工作流注释
    Github,
    /// 每条问题一行（UTF-8 带 BOM，供电子表格使用）
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// 只有错误使检查失败（默认）
    Errors,
    /// 警告也使检查失败
    Warnings,
}

pub fn run(
    paths: &[PathBuf],
    format: Format,
    deny: Deny,
    save_imported: Option<&Path>,
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
    if loaded.errors > 0 {
        ExitCode::from(2)
    } else if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
