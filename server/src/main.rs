use std::process::ExitCode;

use nianbao::cli::args::{self, Command};

// mimalloc rather than the system allocator: a check allocates and frees many
// small strings and vectors per report (docs/performance.md, 批量检查).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    nianbao::use_mimalloc_in_tree_sitter();
    let cli = args::parse();
    nianbao_core::workspace::set_follow_symlinks(cli.follow_symlinks);
    match nianbao_core::workspace::max_bytes_from_env() {
        Ok(Some(limit)) => nianbao_core::workspace::set_max_bytes(limit),
        Ok(None) => {}
        Err(err) => {
            eprintln!("错误：{err}");
            return ExitCode::from(2);
        }
    }
    if let Some(limit) = cli.max_size {
        nianbao_core::workspace::set_max_bytes(limit);
    }
    match cli.command {
        Command::Check {
            paths,
            format,
            deny,
            width,
            color,
            save_imported,
            baseline,
            write_baseline,
            out,
            jobs,
        } => {
            nianbao::cli::human::set_options(nianbao::cli::human::HumanOptions {
                width: width.map_or_else(nianbao::cli::human::detect_width, usize::from),
                color: color.resolve(),
            });
            nianbao::cli::check::run(
                &paths,
                format,
                deny,
                save_imported.as_deref(),
                &nianbao::cli::review::Options {
                    baseline,
                    write_baseline,
                    out,
                },
                jobs.map(usize::from),
            )
        }
        Command::Diff {
            old,
            new,
            format,
            all,
            out,
        } => nianbao::cli::diff::run(&old, &new, format, all, out.as_deref()),
        Command::Export { paths, out, format } => nianbao::cli::export::run(&paths, &out, &format),
        Command::Stats {
            paths,
            by,
            format,
            out,
        } => nianbao::cli::stats::run(&paths, &by, format, out.as_deref()),
        Command::Rules => nianbao::cli::rules::list(),
        Command::Explain { code } => nianbao::cli::rules::explain(&code),
        Command::Parse { paths, quiet } => nianbao::cli::parse::run(&paths, quiet),
        Command::Lsp { stdio: _ } => nianbao_lsp::run(),
        Command::Fmt { paths, check } => nianbao::cli::fmt::run(&paths, check),
        Command::Render { file, out } => nianbao::cli::render::run(&file, out.as_ref()),
        Command::Import {
            inputs,
            out,
            strict,
            force,
            verbose,
        } => nianbao::cli::import::run(&nianbao::cli::import::Args {
            inputs,
            out_dir: out,
            strict,
            force,
            verbose,
        }),
        #[cfg(feature = "generate")]
        Command::Generate { count, seed, out } => nianbao_generate::run(count, seed, &out),
        Command::Completions { shell } => {
            args::completions(shell, &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man { out } => match nianbao::cli::rules::man_pages(out.as_deref()) {
            Ok(page) => {
                use std::io::Write;
                let _ = std::io::stdout().write_all(&page);
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("错误：{err}");
                ExitCode::from(2)
            }
        },
    }
}
