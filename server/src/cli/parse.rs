//! `nianbao parse`: print the syntax tree, report syntax errors.

use std::path::PathBuf;
use std::process::ExitCode;

use nianbao_core::syntax;

pub fn run(paths: &[PathBuf], quiet: bool) -> ExitCode {
    let walked = nianbao_core::workspace::expand_with(
        paths,
        &nianbao_core::workspace::is_report,
        nianbao_core::workspace::follow_symlinks(),
    );
    let files = match walked {
        Ok(walked) => {
            for note in &walked.notes {
                eprintln!("注意：{note}");
            }
            walked.files
        }
        Err(err) => {
            eprintln!("错误：{err}");
            return ExitCode::from(2);
        }
    };
    let mut had_errors = false;
    for file in files.iter() {
        let text = match nianbao_core::workspace::read_report(&file) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("错误：{err}");
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
