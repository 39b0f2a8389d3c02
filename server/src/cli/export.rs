//! `nianbao export PATH… -o DIR`: every figure of every report as tidy data — `cells.{csv,jsonl,parquet}` (each
//! standard cell and each prose figure about a standard row, with its raw text, kind, value, file, line and
//! column) and `indicators.{csv,jsonl,parquet}` (the dictionary's indicators and their year-over-year changes).
//! One report at a time: [`load_one`] reads and extracts a report, the loop in [`run`] writes it and drops it.
//! (The streaming pipeline of the bulk check may replace the loop; `load_one` is the per-file step.)

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use nianbao_core::workspace::{self, ConfigCache};
use nianbao_export::extract::{self, Extracted};
use nianbao_export::sink::Format;
use nianbao_export::Exporter;

use super::output::Progress;

pub use super::check_args::ExportFormat as OutFormat;

impl OutFormat {
    fn sink(self) -> Format {
        match self {
            OutFormat::Csv => Format::Csv,
            OutFormat::Jsonl => Format::Jsonl,
            OutFormat::Parquet => Format::Parquet,
        }
    }
}

/// Extensions of published documents, imported in memory before extraction (as `check` does).
const DOCUMENTS: [&str; 8] = [
    "txt", "text", "htm", "html", "shtml", "xhtml", "docx", "pdf",
];

fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DOCUMENTS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The reports under the paths given: `.nianbao` files of folders (recursively, sorted); files named directly
/// as they are (markup, or a published document).
pub fn list(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            workspace::walk(path, &workspace::is_report, &mut files)
                .map_err(|e| format!("无法读取目录 {}：{e}", path.display()))?;
        } else if path.as_os_str() != "-" && !path.exists() {
            return Err(format!("找不到文件或目录：{}", path.display()));
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// [`list`] for a command: an error, or no report at all, is said on standard error and ends it (exit 2).
pub fn reports(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ExitCode> {
    match list(paths) {
        Ok(f) if f.is_empty() => {
            eprintln!("错误：给出的路径中没有 .nianbao 报告");
            Err(ExitCode::from(2))
        }
        Ok(f) => Ok(f),
        Err(e) => {
            eprintln!("错误：{e}");
            Err(ExitCode::from(2))
        }
    }
}

/// One report: read (markup as it is; a published document imported in memory — its lines are then those of
/// the imported markup), its `nianbao.toml` defaults applied, its figures extracted. `by`: front-matter keys
/// to keep for grouping.
pub fn load_one(
    path: &Path,
    configs: &mut ConfigCache,
    by: &[String],
) -> Result<Extracted, String> {
    let text = if path.as_os_str() != "-" && is_document(path) && !looks_like_markup(path) {
        let bytes = super::import::read(path).map_err(|e| e.to_string())?;
        let name = path.file_name().map(|n| n.to_string_lossy().to_string());
        nianbao_import::import_document(
            &bytes,
            &nianbao_import::Options {
                source_name: name,
                html: None,
            },
        )
        .map_err(|refusal| format!("{}：{refusal}", path.display()))?
        .markup
    } else {
        workspace::read_report(path).map_err(|e| e.to_string())?
    };
    let config = configs.for_file(path).map_err(|e| e.to_string())?;
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    Ok(extract::extract(&name, &text, &config.defaults, by))
}

/// Markup saved under a `.txt` name starts with its front matter.
fn looks_like_markup(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..n];
    let head = head.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(head);
    head.starts_with(b"---\n") || head.starts_with(b"---\r\n")
}

pub fn run(paths: &[PathBuf], out: &Path, formats: &[OutFormat]) -> ExitCode {
    let mut formats: Vec<OutFormat> = formats.to_vec();
    formats.sort();
    formats.dedup();
    if let Some(f) = formats.iter().find(|f| !f.sink().available()) {
        eprintln!(
            "错误：此版本的 nianbao 编译时未包含 {} 支持（cargo 特性 parquet）",
            f.sink().extension()
        );
        return ExitCode::from(2);
    }
    let files = match reports(paths) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let sinks: Vec<Format> = formats.iter().map(|f| f.sink()).collect();
    let mut exporter = match Exporter::create(out, &sinks) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("错误：无法在 {} 中写入：{e}", out.display());
            return ExitCode::from(2);
        }
    };
    let mut configs = ConfigCache::default();
    let progress = Progress::new(files.len() as u64, "导出");
    let mut errors = 0;
    for path in &files {
        progress.set_message(path.display().to_string());
        match load_one(path, &mut configs, &[]) {
            Ok(report) => {
                if let Err(e) = exporter.add(&report) {
                    progress.finish();
                    eprintln!("错误：写入失败：{e}");
                    return ExitCode::from(2);
                }
            }
            Err(e) => {
                eprintln!("错误：{e}");
                errors += 1;
            }
        }
        progress.inc();
    }
    progress.finish();
    match exporter.finish() {
        Ok(summary) => {
            eprintln!(
                "导出了 {} 份报告：{} 个表格单元格，{} 个正文数字，{} 个指标值",
                summary.reports, summary.cells, summary.prose, summary.indicators
            );
            for f in &summary.files {
                eprintln!("  {}", f.display());
            }
        }
        Err(e) => {
            eprintln!("错误：写入失败：{e}");
            return ExitCode::from(2);
        }
    }
    if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
