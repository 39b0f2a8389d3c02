//! `nianbao render FILE [-o OUT.html]`: a report as a standalone HTML page in the official layout; to
//! standard output without `-o`. Exit 2 on I/O errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(path: &Path, out: Option<&PathBuf>) -> ExitCode {
    let text = match nianbao_core::workspace::read_report(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let html = nianbao_render::render(&text);
    let written = match out {
        Some(p) if p.as_os_str() != "-" => {
            nianbao_core::workspace::write_atomic(p, html.as_bytes())
                .map_err(|e| format!("无法写入 {}：{e}", p.display()))
        }
        _ => std::io::stdout()
            .lock()
            .write_all(html.as_bytes())
            .map_err(|e| format!("无法写出：{e}")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}
