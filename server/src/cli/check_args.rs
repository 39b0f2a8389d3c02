//! The output formats and failing levels of `nianbao check` (shared by
//! `check.rs` and `review.rs` without an import circle).

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
