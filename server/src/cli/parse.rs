//! `nianbao parse`: print the syntax tree, report syntax errors.

use std::path::PathBuf;
use std::process::ExitCode;

use nianbao_core::syntax;

pub fn run(paths: &[PathBuf], quiet: bool) -> ExitCode {
    let files = match nianbao_core::workspace::expand(paths) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("错误：{err}");
            return ExitCode::from(2);
        }
    };
    let mut had_errors = false;
    for file in files {
        let text = match std::fs::read(&file).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                eprintln!(
                    "错误：{} 不是 UTF-8 编码的文本；请先用 `nianbao import` 转换",
                    file.display()
                );
                return ExitCode::from(2);
            }
            Err(err) => {
                eprintln!("错误：无法读取 {}：{err}", file.display());
                return ExitCode::from(2);
            }
        };
        let tree = syntax::parse(&text);
        if !quiet {
            println!("{}", file.display());
            print!("{}", syntax::outline(&tree, &text));
        }
        for node in syntax::syntax_errors(&tree) {
            had_errors = true;
            let p = node.start_position();
            let what = if node.is_missing() {
                "缺少"
            } else {
                "语法错误"
            };
            eprintln!(
                "{}:{}:{}: {what} {}",
                file.display(),
                p.row + 1,
                p.column + 1,
                node.kind()
            );
        }
    }
    if had_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
