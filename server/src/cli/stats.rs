//! `nianbao stats PATH…`: peer benchmarks of the dictionary's indicators — per group (年度 × 机关类型, and the
//! front-matter keys given with `--by`) the quartiles, each body's rank and the bodies outside the fences (the
//! early-warning list); per body, the trend over the years. Human, JSON or a standalone HTML page.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use nianbao_core::workspace::ConfigCache;
use nianbao_export::stats::{self, Collector};

use super::export::{load_one, reports};
use super::output::Progress;

pub use super::check_args::StatsFormat as Format;

pub fn run(paths: &[PathBuf], by: &[String], format: Format, out: Option<&Path>) -> ExitCode {
    let files = match reports(paths) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let mut configs = ConfigCache::default();
    let mut collector = Collector::default();
    let progress = Progress::new(files.len() as u64, "统计");
    let mut errors = 0;
    for path in &files {
        progress.set_message(path.display().to_string());
        match load_one(path, &mut configs, by) {
            Ok(report) => collector.add(&report),
            Err(e) => {
                eprintln!("错误：{e}");
                errors += 1;
            }
        }
        progress.inc();
    }
    progress.finish();
    let stats = collector.finish();
    let text = match format {
        Format::Human => stats::human(&stats),
        Format::Json => serde_json::to_string_pretty(&stats).expect("plain data serializes") + "\n",
        Format::Html => nianbao_export::stats_html::html(&stats),
    };
    let written = match out {
        Some(path) => nianbao_core::workspace::write_atomic(path, text.as_bytes())
            .map_err(|e| format!("无法写入 {}：{e}", path.display())),
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(text.as_bytes());
            Ok(())
        }
    };
    if let Err(e) = written {
        eprintln!("错误：{e}");
        return ExitCode::from(2);
    }
    if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
