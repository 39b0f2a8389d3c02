//! `nianbao rules`, `nianbao explain CODE` and `nianbao man`.
//!
//! Both rule commands read `docs/rules.md`, compiled into the binary, so what the command line says of a
//! rule is the documentation itself: `explain` prints the `## code` section, `rules` takes the level and
//! the line in Chinese from the registry (`nianbao_core::rules::RULES`) and the formats from the
//! section's `**适用格式**` line. `server/tests/rules_cli.rs` checks every registered code against the doc.

use std::process::ExitCode;

use nianbao_core::rules::{self, RULES};
use unicode_width::UnicodeWidthStr;

use super::error::CliError;

/// `docs/rules.md` as built into this binary.
pub const RULES_DOC: &str = include_str!("../../../docs/rules.md");

/// The `## code` section of docs/rules.md: from its heading up to the next `## ` heading (outside code
/// blocks) or a `---` rule, trimmed.
pub fn section(code: &str) -> Option<&'static str> {
    let heading = format!("## {code}");
    let mut offset = 0;
    let mut start = None;
    let mut fenced = false;
    for line in RULES_DOC.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare.starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            if let Some(s) = start {
                if bare.starts_with("## ") || bare.starts_with("# ") || bare == "---" {
                    return Some(RULES_DOC[s..offset].trim_end());
                }
            } else if bare == heading {
                start = Some(offset);
            }
        }
        offset += line.len();
    }
    start.map(|s| RULES_DOC[s..].trim_end())
}

/// The formats a rule applies to, from the `**适用格式**：…。` line of its section.
pub fn formats(code: &str) -> Option<&'static str> {
    let section = section(code)?;
    let line = section
        .lines()
        .find_map(|l| l.trim().strip_prefix("**适用格式**："))?;
    Some(line.trim_end_matches('。').trim())
}

/// The registered code closest to `code` (by Jaro–Winkler similarity), if any is close enough.
pub fn closest(code: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|r| (strsim::jaro_winkler(code, r.code), r.code))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, code)| code)
}

/// The table printed by `nianbao rules`.
pub fn list_text() -> String {
    let code_width = RULES.iter().map(|r| r.code.len()).max().unwrap_or(4).max(4);
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
    let mut out = format!(
        "{}  {}  说明\n",
        pad("代码", code_width),
        pad("默认级别", 8)
    );
    for r in RULES {
        out.push_str(&format!(
            "{}  {}  {}（适用格式：{}）\n",
            pad(r.code, code_width),
            pad(r.severity.as_str(), 8),
            r.title,
            formats(r.code).unwrap_or("—")
        ));
    }
    out.push_str(&format!(
        "\n共 {} 条规则。`nianbao explain 代码` 显示一条规则的说明和示例；级别的配置见 docs/rules.md。\n",
        RULES.len()
    ));
    out
}

/// `nianbao rules`.
pub fn list() -> ExitCode {
    print!("{}", list_text());
    ExitCode::SUCCESS
}

/// What `nianbao explain CODE` prints, or the error for an unknown code.
pub fn explain_text(code: &str) -> Result<String, CliError> {
    match rules::info(code).and_then(|r| section(r.code)) {
        Some(text) => Ok(format!("{text}\n\n文档：{}\n", rules::doc_url(code))),
        None => Err(CliError::UnknownRule {
            code: code.to_string(),
            near: closest(code),
        }),
    }
}

/// `nianbao explain CODE`: exit 2 for an unknown code.
pub fn explain(code: &str) -> ExitCode {
    match explain_text(code) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}

pub use super::args::man_pages;
