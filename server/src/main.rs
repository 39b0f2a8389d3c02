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
    /// 遍历目录时跟随指向目录的符号链接（默认不跟随；循环链接会被发现并跳过）
    #[arg(long, global = true)]
    follow_symlinks: bool,
    /// 单个文件的大小上限，如 64M、500K（默认 64M；也可用环境变量 NIANBAO_MAX_SIZE）
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_max_size)]
    max_size: Option<u64>,
}

fn parse_max_size(text: &str) -> Result<u64, String> {
    nianbao_core::workspace::parse_size(text)
}

#[derive(Subcommand)]
enum Command {
    /// 检查年度报告（.nianbao 标记，或发布的文字、HTML、Word、PDF 文档）：勾稽关系、结构、正文数字、发布期限
    Check {
        /// .nianbao 文件，发布的 .txt、.html/.htm、.docx、.pdf 文档（先在内存中导入），目录（递归）或 -（标准输入）
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 把从文档导入的标记保存到此目录（每个文档一个 .nianbao）
        #[arg(long = "save-imported", value_name = "DIR")]
        save_imported: Option<PathBuf>,
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
    /// 导入：把网站上复制或抓取的报告文字、保存的 HTML 页面、Word（DOCX）或 PDF 文件转换为 .nianbao
    Import {
        /// 文本、HTML、Word（.docx）或 PDF 文件，目录（递归，取 .txt/.html/.htm/.docx/.pdf 等）或 -（标准输入）
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
            save_imported,
        } => nianbao::cli::check::run(&paths, format, deny, save_imported.as_deref()),
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
