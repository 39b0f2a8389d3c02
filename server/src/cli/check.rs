//! `nianbao check`: check files and folders, print in the chosen format,
//! exit 0 (clean), 1 (findings at the failing level) or 2 (usage or I/O).
//!
//! Files are read (documents imported), checked on all cores and written one
//! at a time, in order, as soon as they and every file they are compared
//! with are done ([`workspace::check_files_with`]): memory does not grow with
//! their number. With a baseline or the HTML page, the results are gathered
//! first (the baseline is matched and the page laid out over all of them).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::documents::{self, Kind};
use super::output::{CheckedFile, Progress};
use super::stream::Emitter;
use nianbao_core::workspace::{self, Outcome};

pub use super::check_args::{Deny, Format};

/// `jobs`: worker threads (`None`: `NIANBAO_JOBS`, else the number of cores).
pub fn run(
    paths: &[PathBuf],
    format: Format,
    deny: Deny,
    save_imported: Option<&Path>,
    review: &super::review::Options,
    jobs: Option<usize>,
) -> ExitCode {
    // The kind only of the few files that are not markup.
    let (files, kind_of) = match documents::list(paths) {
        Ok(listed) => listed,
        Err(err) => {
            eprintln!("错误：{err}");
            return ExitCode::from(2);
        }
    };
    let jobs = jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(workspace::default_jobs);
    let load = |path: &Path| {
        let kind = kind_of.get(path).copied().unwrap_or(Kind::Markup);
        documents::load(path, kind, save_imported)
    };
    let streamed = review.baseline.is_none() && !review.write_baseline && format != Format::Html;
    let progress = Progress::new(files.len() as u64, "检查");
    let mut errors = 0usize;
    let mut skipped = Vec::new();
    let mut checked = 0usize;
    // Streamed: the emitter and where it writes; else every result, kept.
    let mut emitter = streamed.then(|| Emitter::new(format, deny));
    let mut sink: Box<dyn Write> = match (&review.out, streamed) {
        (Some(out), true) => match std::fs::File::create(out) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("错误：无法写入 {}：{e}", out.display());
                return ExitCode::from(2);
            }
        },
        _ => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut write_error: Option<String> = None;
    let mut results: Vec<CheckedFile> = Vec::new();
    let run = workspace::check_files_with(&files, jobs, &load, |_, path, outcome| {
        progress.set_message(path.display().to_string());
        match outcome {
            Outcome::Unreadable(err) => {
                progress.println(&format!("错误：{err}"));
                errors += 1;
            }
            Outcome::Skipped(why) => skipped.push(why),
            Outcome::Checked {
                text,
                diagnostics,
                imported,
                notes,
            } => {
                for note in &notes {
                    progress.println(note);
                    if note.starts_with("错误：") {
                        errors += 1;
                    }
                }
                checked += 1;
                let mut file = CheckedFile {
                    path: path.to_path_buf(),
                    text,
                    diagnostics,
                };
                if imported {
                    documents::annotate(&mut file);
                }
                match emitter.as_mut() {
                    Some(e) => {
                        let s = e.file(&file);
                        if write_error.is_none() {
                            if let Err(err) = sink.write_all(s.as_bytes()) {
                                write_error = Some(err.to_string());
                            }
                        }
                    }
                    None => results.push(file),
                }
            }
        }
        progress.inc();
    });
    progress.finish();
    if let Err(err) = run {
        eprintln!("错误：{err}");
        return ExitCode::from(2);
    }
    if !skipped.is_empty() {
        eprintln!("跳过了 {} 个文件：", skipped.len());
        for s in &skipped {
            eprintln!("  {s}");
        }
    }
    if checked == 0 {
        // Nothing to write (not even an empty summary).
        if errors == 0 {
            eprintln!("错误：{}", documents::nothing_found(paths));
        }
        return ExitCode::from(2);
    }
    let code = match emitter {
        Some(e) => {
            let fails = e.fails();
            if write_error.is_none() {
                if let Err(err) = e.finish(&mut sink).and_then(|()| sink.flush()) {
                    write_error = Some(err.to_string());
                }
            }
            if let Some(err) = write_error {
                eprintln!("错误：无法写出结果：{err}");
                return ExitCode::from(2);
            }
            if fails {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        None => {
            drop(sink);
            // Fingerprints, the baseline, the output and the exit code (review.rs).
            super::review::report(results, format, deny, review)
        }
    };
    if errors > 0 {
        ExitCode::from(2)
    } else {
        code
    }
}
