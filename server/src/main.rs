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
    /// 检查年度报告：勾稽关系、结构、正文数字、发布期限
    Check {
        /// .nianbao 文件、目录（递归）或 -（标准输入）
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value = "human")]
        format: nianbao::cli::check::Format,
        /// 哪一级的问题使退出码为 1
        #[arg(long, value_enum, default_value = "errors")]
        deny: nianbao::cli::check::Deny,
    },
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
        Command::Check {
            paths,
            format,
            deny,
        } => nianbao::cli::check::run(&paths, format, deny),
        Command::Parse { paths, quiet } => nianbao::cli::parse::run(&paths, quiet),
    }
}
