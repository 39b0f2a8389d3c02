//! The values the command line takes (output formats, failing levels,
//! colour): shared by `check.rs`, `review.rs`, `diff.rs` and `human.rs`
//! without an import circle, and, with `args.rs`, compiled into the build
//! script that writes the completions and man pages (so nothing here may
//! use another nianbao crate).

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 供人阅读：带源码摘录，按终端宽度排版
    Human,
    /// JSON（模式见 docs/rules.md）
    Json,
    /// SARIF 2.1.0（代码扫描平台）
    Sarif,
    /// GitHub Actions 工作流注释
    Github,
    /// 每条问题一行（UTF-8 带 BOM，供电子表格使用）
    Csv,
    /// 给人看的独立 HTML 页面（配合 -o report.html；见 docs/review.md）
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// 只有错误使检查失败（默认）
    Errors,
    /// 警告也使检查失败
    Warnings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
/// `nianbao diff --format`.
pub enum DiffFormat {
    /// 供人阅读的文字
    Human,
    /// JSON（供程序读取）
    Json,
    /// 独立 HTML 页面
    Html,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// 输出到终端时着色（遵从 NO_COLOR、CLICOLOR_FORCE）
    #[default]
    Auto,
    /// 总是着色
    Always,
    /// 从不着色
    Never,
}

impl ColorChoice {
    /// Whether to colour standard output: `always`/`never` as said; `auto` colours a terminal unless
    /// `NO_COLOR` is set (non-empty), or anything when `CLICOLOR_FORCE` is set (non-empty, not `0`).
    pub fn resolve(self) -> bool {
        use std::io::IsTerminal;
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if var("NO_COLOR").is_some() {
                    false
                } else if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                    true
                } else {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                }
            }
        }
    }
}

/// The formats `export --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ValueEnum)]
pub enum ExportFormat {
    /// 带 BOM 的 UTF-8 CSV（电子表格可直接打开）
    Csv,
    /// JSON Lines：每行一个 JSON 对象
    Jsonl,
    /// Parquet（snappy 压缩），DuckDB、Spark、pandas 可直接读
    Parquet,
}

/// The formats `stats --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// 给人看的文字
    Human,
    /// JSON（分组、四分位数、排名、预警名单、趋势）
    Json,
    /// 独立的 HTML 页面（内嵌 SVG 箱线图和趋势线，不引用外部资源）
    Html,
}
