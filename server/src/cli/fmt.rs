//! `nianbao fmt`: align the tables of report files in place, or with
//! `--check` only say which files are not formatted (exit 1 if any).
//! `-` reads standard input and writes the formatted text to standard output.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use nianbao_core::workspace;

pub fn run(paths: &[PathBuf], check: bool) -> ExitCode {
    let walked =
        match workspace::expand_with(paths, &workspace::is_report, workspace::follow_symlinks()) {
            Ok(walked) => walked,
            Err(err) => {
                eprintln!("错误：{err}");
                return ExitCode::from(2);
            }
        };
    for note in &walked.notes {
        eprintln!("注意：{note}");
    }
    let files = &walked.files;
    let mut unformatted = 0usize;
    let mut changed = 0usize;
    for path in files.iter() {
        let path = path.as_path();
        let text = match workspace::read_report(path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("错误：{err}");
                return ExitCode::from(2);
            }
        };
        let formatted = nianbao_core::fmt::format(&text);
        let stdin = path.as_os_str() == "-";
        if check {
            if formatted != text {
                unformatted += 1;
                println!(
                    "需要排版：{}",
                    if stdin {
                        "<stdin>".into()
                    } else {
                        path.display().to_string()
                    }
                );
            }
        } else if stdin {
            if std::io::stdout().write_all(formatted.as_bytes()).is_err() {
                return ExitCode::from(2);
            }
        } else if formatted != text {
            // Never write outside the files and folders named: a link
            // inside a folder that leads out of it is left alone.
            if !walked.inside_roots(path) {
                eprintln!(
                    "注意：跳过 {}：它是指向所给目录之外的符号链接，fmt 不改动所给目录之外的文件",
                    path.display()
                );
                continue;
            }
            if let Err(err) = workspace::write_atomic(path, formatted.as_bytes()) {
                eprintln!("错误：无法写入 {}：{err}", path.display());
                return ExitCode::from(2);
            }
            changed += 1;
        }
    }
    if check {
        if unformatted > 0 {
            eprintln!("{unformatted} 个文件需要排版（运行 nianbao fmt 排版）");
            return ExitCode::from(1);
        }
    } else if !files.iter().any(|p| p.as_os_str() == "-") {
        eprintln!("排版了 {changed} 个文件（共 {} 个）", files.len());
    }
    ExitCode::SUCCESS
}
