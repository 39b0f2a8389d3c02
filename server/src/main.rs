use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告：检查、语言服务、排版"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 解析文件并打印语法树（有语法错误时退出码为 1）
    Parse {
        /// .nianbao 文件或目录
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 只报告语法错误，不打印语法树
        #[arg(long)]
        quiet: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse { paths, quiet } => nianbao::cli::parse::run(&paths, quiet),
    }
}
