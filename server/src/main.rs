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
        /// 已复核问题的基线文件（docs/review.md）：其中的问题不计入失败
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// 用当前的问题写入或更新基线（默认 nianbao-baseline.toml）
        #[arg(long)]
        write_baseline: bool,
        /// 输出写到文件（--format html 时常用）
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
    },
    /// 比较同一机关两个年度的报告：标准数字的变化、各节正文是否照抄上年
    Diff {
        /// 上一年度的报告
        old: PathBuf,
        /// 本年度的报告
        new: PathBuf,
        /// 输出格式
        #[arg(long, value_enum, default_value = "human")]
        format: nianbao::cli::diff::Format,
        /// 列出全部标准数字（默认只列出有变化的）
        #[arg(long)]
        all: bool,
        /// 输出写到文件
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
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
    #[cfg(feature = "generate")]
    /// 生成用于测试和基准的年度报告语料（给定种子则结果确定），附 defects.json 列出注入的缺陷
    Generate {
        /// 报告份数
        #[arg(long, default_value_t = 100)]
        count: usize,
        /// 随机种子
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// 输出目录
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
    },
    /// 启动语言服务器（通过标准输入输出通信）
    Lsp {
        /// 通过标准输入输出通信（默认即如此；编辑器插件常传此参数）
        #[arg(long)]
        stdio: bool,
    },
    /// 导入：把网站上复制或抓取的报告文字、保存的 HTML 页面转换为 .nianbao
    Import {
        /// 文本或 HTML 文件、目录（递归，取 .txt/.html/.htm 等）或 -（标准输入）
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// 输出目录（不给出时：单个文件写到标准输出，多个文件写在各自旁边）
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        /// 有正文数字未写入输出时以错误退出（退出码 1）
        #[arg(long)]
        strict: bool,
        /// 覆盖已存在的 .nianbao 文件
        #[arg(long)]
        force: bool,
        /// 列出识别的表格、所作的修复和丢弃的页面噪声
        #[arg(short, long)]
        verbose: bool,
    },
    /// 输出为官方版式的独立 HTML 页面（表二分块、表三合并表头与勾稽关系注、表四 15 列）
    Render {
        /// .nianbao 文件或 -（标准输入）
        file: PathBuf,
        /// 输出的 HTML 文件（不给出时写到标准输出）
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
    },
    /// 排版：按显示宽度对齐表格（只改动表格行内的空白）
    Fmt {
        /// .nianbao 文件、目录（递归）或 -（标准输入，结果写到标准输出）
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 只检查是否已排版，不改文件（有未排版的文件时退出码为 1）
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            paths,
            format,
            deny,
            baseline,
            write_baseline,
            out,
        } => nianbao::cli::check::run(
            &paths,
            format,
            deny,
            &nianbao::cli::review::Options {
                baseline,
                write_baseline,
                out,
            },
        ),
        Command::Diff {
            old,
            new,
            format,
            all,
            out,
        } => nianbao::cli::diff::run(&old, &new, format, all, out.as_deref()),
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
    }
}
