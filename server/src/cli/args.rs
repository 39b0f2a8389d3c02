//! The command line: clap definitions (every help text in Chinese) and [`command`], the command tree
//! with Chinese headings and help flags, shared by `main`, completions, the man page and the tests.
//! `build.rs` compiles this file and `check_args.rs` too (it writes the completions and man pages at
//! build time), so they use only clap, clap_complete and `super::parse_size`.

use std::path::PathBuf;

use clap::{Arg, ArgAction, CommandFactory, Parser, Subcommand};

use super::check_args::{ColorChoice, Deny, DiffFormat, Format};

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告：检查、语言服务、排版"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// 遍历目录时跟随指向目录的符号链接（默认不跟随；循环链接会被发现并跳过）
    #[arg(long, global = true)]
    pub follow_symlinks: bool,
    /// 单个文件的大小上限，如 64M、500K（默认 64M；也可用环境变量 NIANBAO_MAX_SIZE）
    #[arg(long, global = true, value_name = "大小", value_parser = parse_max_size)]
    pub max_size: Option<u64>,
}

fn parse_max_size(text: &str) -> Result<u64, String> {
    super::parse_size(text)
}

#[derive(Subcommand)]
pub enum Command {
    /// 检查年度报告（.nianbao 标记，或发布的文字、HTML、Word、PDF 文档）：勾稽关系、结构、正文数字、发布期限
    Check {
        /// .nianbao 文件，发布的 .txt、.html/.htm、.docx、.pdf 文档（先在内存中导入），目录（递归）或 -（标准输入）
        #[arg(required = true, value_name = "路径")]
        paths: Vec<PathBuf>,
        /// 把从文档导入的标记保存到此目录（每个文档一个 .nianbao）
        #[arg(long = "save-imported", value_name = "目录")]
        save_imported: Option<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value = "human", value_name = "格式")]
        format: Format,
        /// 哪一级的问题使退出码为 1
        #[arg(long, value_enum, default_value = "errors", value_name = "级别")]
        deny: Deny,
        /// human 格式每行的最大显示宽度（默认为终端宽度，不是终端时为 100）
        #[arg(long, value_name = "列数", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// 何时着色（auto：输出到终端时，遵从 NO_COLOR 和 CLICOLOR_FORCE 环境变量）
        #[arg(long, value_enum, default_value = "auto", value_name = "何时")]
        color: ColorChoice,
        /// 已复核问题的基线文件（docs/review.md）：其中的问题不计入失败
        #[arg(long, value_name = "文件")]
        baseline: Option<PathBuf>,
        /// 用当前的问题写入或更新基线（默认 nianbao-baseline.toml）
        #[arg(long)]
        write_baseline: bool,
        /// 输出写到文件（--format html 时常用）
        #[arg(short = 'o', long = "out", value_name = "文件")]
        out: Option<PathBuf>,
        /// 并行检查的线程数（默认：环境变量 NIANBAO_JOBS，否则为 CPU 核数）
        #[arg(short = 'j', long = "jobs", value_name = "线程数", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
    },
    /// 比较同一机关两个年度的报告：标准数字的变化、各节正文是否照抄上年
    Diff {
        /// 上一年度的报告
        #[arg(value_name = "上年报告")]
        old: PathBuf,
        /// 本年度的报告
        #[arg(value_name = "本年报告")]
        new: PathBuf,
        /// 输出格式
        #[arg(long, value_enum, default_value = "human", value_name = "格式")]
        format: DiffFormat,
        /// 列出全部标准数字（默认只列出有变化的）
        #[arg(long)]
        all: bool,
        /// 输出写到文件
        #[arg(short = 'o', long = "out", value_name = "文件")]
        out: Option<PathBuf>,
    },
    /// 导出数据：每份报告标准表格的每一格和正文中关于标准行的数字（原文、类型、数值、文件、行、列），以及派生指标
    Export {
        /// .nianbao 文件或目录（递归）；直接给出的 .txt、.html、.docx、.pdf 文档先在内存中导入
        #[arg(required = true, value_name = "路径")]
        paths: Vec<PathBuf>,
        /// 输出目录：写入 cells.* 和 indicators.*
        #[arg(short = 'o', long = "out", value_name = "目录")]
        out: PathBuf,
        /// 输出格式（可写多个，用逗号分隔）
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            default_value = "csv,jsonl,parquet",
            value_name = "格式"
        )]
        format: Vec<super::check_args::ExportFormat>,
    },
    /// 同类比较：按年度、机关类型（及 --by 给出的键）分组，各指标的四分位数、排名、超出界限的机关（预警名单）和各机关的趋势
    Stats {
        /// .nianbao 文件或目录（递归）
        #[arg(required = true, value_name = "路径")]
        paths: Vec<PathBuf>,
        /// 另按文件头（或 nianbao.toml 的 [defaults]）中的这个键分组，如 地区、系统；可写多次
        #[arg(long = "by", value_name = "键")]
        by: Vec<String>,
        /// 输出格式
        #[arg(long, value_enum, default_value = "human", value_name = "格式")]
        format: super::check_args::StatsFormat,
        /// 输出写到文件（--format html 时常用）
        #[arg(short = 'o', long = "out", value_name = "文件")]
        out: Option<PathBuf>,
    },
    /// 列出全部检查规则：代码、默认级别、说明、适用的格式
    Rules,
    /// 说明一条规则（docs/rules.md 中该规则的一节，含示例）
    Explain {
        /// 规则代码，如 table-sum
        #[arg(value_name = "代码")]
        code: String,
    },
    /// 解析文件并打印语法树（有语法错误时退出码为 1）
    Parse {
        /// .nianbao 文件或目录
        #[arg(required = true, value_name = "路径")]
        paths: Vec<PathBuf>,
        /// 只报告语法错误，不打印语法树
        #[arg(long)]
        quiet: bool,
    },
    #[cfg(feature = "generate")]
    /// 生成用于测试和基准的年度报告语料（给定种子则结果确定），附 defects.json 列出注入的缺陷
    Generate {
        /// 报告份数
        #[arg(long, default_value_t = 100, value_name = "份数")]
        count: usize,
        /// 随机种子
        #[arg(long, default_value_t = 1, value_name = "种子")]
        seed: u64,
        /// 输出目录
        #[arg(short = 'o', long = "out", value_name = "目录")]
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
        #[arg(required = true, value_name = "输入")]
        inputs: Vec<PathBuf>,
        /// 输出目录（不给出时：单个文件写到标准输出，多个文件写在各自旁边）
        #[arg(short = 'o', long = "out", value_name = "目录")]
        out: Option<PathBuf>,
        /// 有正文数字未写入输出时以错误退出（退出码 1）
        #[arg(long)]
        strict: bool,
        /// 覆盖已存在的 .nianbao 文件
        #[arg(long)]
        force: bool,
        /// 另列出识别的表格和所作的修复（丢弃的页面噪声总是逐行列出）
        #[arg(short, long)]
        verbose: bool,
    },
    /// 输出为官方版式的独立 HTML 页面（表二分块、表三合并表头与勾稽关系注、表四 15 列）
    Render {
        /// .nianbao 文件或 -（标准输入）
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 输出的 HTML 文件（不给出时写到标准输出）
        #[arg(short = 'o', long = "out", value_name = "文件")]
        out: Option<PathBuf>,
    },
    /// 排版：按显示宽度对齐表格（只改动表格行内的空白）
    Fmt {
        /// .nianbao 文件、目录（递归）或 -（标准输入，结果写到标准输出）
        #[arg(required = true, value_name = "路径")]
        paths: Vec<PathBuf>,
        /// 只检查是否已排版，不改文件（有未排版的文件时退出码为 1）
        #[arg(long)]
        check: bool,
    },
    /// 输出命令行补全脚本（bash、zsh、fish、powershell），写到标准输出
    Completions {
        /// 为哪种命令行外壳（shell）生成
        #[arg(value_enum, value_name = "外壳")]
        shell: Shell,
    },
    /// 输出 man 手册页（roff 格式）：总页写到标准输出，或每个命令一页写到目录
    Man {
        /// 把每个命令的手册页（nianbao.1、nianbao-check.1……）写到此目录
        #[arg(short = 'o', long = "out", value_name = "目录")]
        out: Option<PathBuf>,
    },
}

/// The shells `nianbao completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    /// Bash（Linux 的默认外壳）
    Bash,
    /// Zsh（macOS 的默认外壳）
    Zsh,
    /// fish 外壳
    Fish,
    /// Windows 的 PowerShell
    Powershell,
}

impl Shell {
    pub fn generator(self) -> clap_complete::Shell {
        match self {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

/// The man page (roff) of `nianbao`; with `dir`, a page for every command is written there instead
/// (`nianbao.1`, `nianbao-check.1`, …) and nothing is returned.
pub fn man_pages(dir: Option<&std::path::Path>) -> std::io::Result<Vec<u8>> {
    let mut page = Vec::new();
    match dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            clap_mangen::generate_to(command(), dir)?;
        }
        None => clap_mangen::Man::new(command()).render(&mut page)?,
    }
    Ok(page)
}

/// The completion script for `shell` (what `nianbao completions SHELL` prints).
pub fn completions(shell: Shell, out: &mut dyn std::io::Write) {
    clap_complete::generate(shell.generator(), &mut command(), "nianbao", out);
}

/// The command tree with Chinese headings, usage line, value lists and help flags (clap's own are
/// English).
pub fn command() -> clap::Command {
    localize(Cli::command(), "nianbao")
}

fn localize(cmd: clap::Command, path: &str) -> clap::Command {
    let root = path == "nianbao";
    let mut cmd = cmd
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(describe_values)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("打印帮助"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("打印版本"),
        );
    }
    // The usage line and the headings, written here rather than by clap (its words are English).
    let mut usage = format!("{path} [选项]");
    let mut template = String::from("{about-with-newline}\n用法：{usage}\n");
    let has_subcommands = cmd.get_subcommands().next().is_some();
    let positionals: Vec<String> = cmd
        .get_positionals()
        .map(|arg| {
            let name = arg
                .get_value_names()
                .and_then(|names| names.first())
                .map_or_else(|| arg.get_id().to_string(), |n| n.to_string());
            let many = matches!(arg.get_action(), ArgAction::Append);
            let dots = if many { "..." } else { "" };
            if arg.is_required_set() {
                format!("<{name}>{dots}")
            } else {
                format!("[{name}]{dots}")
            }
        })
        .collect();
    for p in &positionals {
        usage.push(' ');
        usage.push_str(p);
    }
    if has_subcommands {
        usage.push_str(" <命令>");
        template.push_str("\n命令：\n{subcommands}\n");
    }
    if !positionals.is_empty() {
        template.push_str("\n参数：\n{positionals}\n");
    }
    template.push_str("\n选项：\n{options}{after-help}");
    cmd = cmd.override_usage(usage).help_template(template);
    let path = path.to_string();
    cmd.mut_subcommands(move |sub| {
        let sub_path = format!("{path} {}", sub.get_name());
        localize(sub, &sub_path)
    })
}

/// The values an argument takes and its default, in Chinese, in the help text itself.
fn describe_values(arg: Arg) -> Arg {
    let values = arg.get_possible_values();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let described = values.iter().any(|v| v.get_help().is_some());
    if !described && defaults.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let mut short = help.clone();
    let mut long = help;
    if described {
        long.push_str("\n\n可选值：");
        for v in &values {
            long.push_str(&format!(
                "\n- {}：{}",
                v.get_name(),
                v.get_help().map(|h| h.to_string()).unwrap_or_default()
            ));
        }
    }
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    match (described, defaults.is_empty()) {
        (true, false) => short.push_str(&format!(
            "（可选值：{}；默认：{}）",
            names.join("、"),
            defaults.join("、")
        )),
        (true, true) => short.push_str(&format!("（可选值：{}）", names.join("、"))),
        (false, _) => short.push_str(&format!("（默认：{}）", defaults.join("、"))),
    }
    if !defaults.is_empty() {
        let default = format!("（默认：{}）", defaults.join("、"));
        long.push_str(if described { "\n\n" } else { "" });
        long.push_str(&default);
    }
    let arg = arg.hide_default_value(true).help(short);
    if described {
        arg.hide_possible_values(true).long_help(long)
    } else {
        arg
    }
}

/// Parses the process arguments against [`command`].
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}
