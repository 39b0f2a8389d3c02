//! Editor settings: from `initializationOptions` and
//! `workspace/didChangeConfiguration` (or pulled with `workspace/configuration`,
//! section `nianbao`). The same shape everywhere, optionally under a
//! `nianbao` key:
//!
//! ```json
//! { "rules": { "prose-breakdown": "off", "table-sum": "warning" },
//!   "completion": { "pinyin": true },
//!   "inlayHints": true,
//!   "diagnostics": { "syncLimitMs": 50, "delayMs": 300 } }
//! ```
//!
//! `diagnostics`: a document whose last check took longer than `syncLimitMs`
//! is checked when typing pauses for `delayMs` (or when a request needs the
//! results) instead of on every keystroke.
//!
//! Rule levels given here override those of `nianbao.toml`: they are what
//! the user asked for in this editor.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;

use nianbao_core::check::{Config, Level};
use nianbao_core::rules::Code;

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub rules: BTreeMap<Code, Level>,
    /// Match completion labels on the initials of their pinyin (`yygk` →
    /// 予以公开) as well as on the characters typed.
    pub pinyin: bool,
    /// Show the computed value beside a figure that fails its relation.
    pub inlay_hints: bool,
    /// Documents that took longer to check are checked when typing pauses.
    pub sync_check_limit: Duration,
    /// The pause.
    pub check_delay: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rules: BTreeMap::new(),
            pinyin: false,
            inlay_hints: true,
            sync_check_limit: Duration::from_millis(50),
            check_delay: Duration::from_millis(300),
        }
    }
}

impl Settings {
    /// Reads settings; unknown rule codes and levels are skipped and
    /// described in the returned messages (Chinese, for `showMessage`).
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        let value = value.get("nianbao").unwrap_or(value);
        if let Some(rules) = value.get("rules").and_then(Value::as_object) {
            for (code, level) in rules {
                let code: Code = match code.parse() {
                    Ok(code) => code,
                    Err(unknown) => {
                        problems.push(format!("设置中的{unknown}"));
                        continue;
                    }
                };
                match level.as_str().and_then(Level::parse) {
                    Some(level) => {
                        settings.rules.insert(code, level);
                    }
                    None => problems.push(format!(
                        "规则“{code}”的级别 {level} 无效，应为 error、warning、info、hint 或 off"
                    )),
                }
            }
        }
        let pinyin = value
            .pointer("/completion/pinyin")
            .or_else(|| value.get("pinyin"));
        if let Some(b) = pinyin.and_then(Value::as_bool) {
            settings.pinyin = b;
        }
        if let Some(b) = value.get("inlayHints").and_then(Value::as_bool) {
            settings.inlay_hints = b;
        }
        if let Some(ms) = value
            .pointer("/diagnostics/syncLimitMs")
            .and_then(Value::as_u64)
        {
            settings.sync_check_limit = Duration::from_millis(ms);
        }
        if let Some(ms) = value
            .pointer("/diagnostics/delayMs")
            .and_then(Value::as_u64)
        {
            settings.check_delay = Duration::from_millis(ms);
        }
        (settings, problems)
    }

    /// Whether `value` carries any nianbao setting at all (a
    /// `didChangeConfiguration` with `null` settings asks us to pull).
    pub fn present(value: &Value) -> bool {
        let value = value.get("nianbao").unwrap_or(value);
        ["rules", "completion", "pinyin", "inlayHints", "diagnostics"]
            .iter()
            .any(|k| value.get(k).is_some())
    }

    /// The engine configuration for a document: its `nianbao.toml`, with the
    /// editor's rule levels on top.
    pub fn apply(&self, mut config: Config) -> Config {
        for (code, level) in &self.rules {
            config.rules.insert(*code, *level);
        }
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::diagnostic::Severity;
    use serde_json::json;

    #[test]
    fn reads_both_shapes_and_reports_bad_entries() {
        let (s, problems) = Settings::from_json(&json!({
            "nianbao": { "rules": { "table-sum": "warning", "prose-breakdown": "off",
                                    "no-such": "off", "deadline": "loud" },
                         "completion": { "pinyin": true }, "inlayHints": false }
        }));
        assert_eq!(s.rules[&Code::TableSum], Level::On(Severity::Warning));
        assert_eq!(s.rules[&Code::ProseBreakdown], Level::Off);
        assert!(s.pinyin && !s.inlay_hints);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems
                .contains(&"设置中的规则代码“no-such”不存在，最接近的是“row-missing”".to_string())
                || problems
                    .iter()
                    .any(|p| p.starts_with("设置中的规则代码“no-such”不存在，最接近的是“")),
            "{problems:?}"
        );
        let (flat, _) = Settings::from_json(&json!({ "pinyin": true }));
        assert!(flat.pinyin);
        assert!(!Settings::present(&Value::Null));
        assert_eq!(Settings::from_json(&Value::Null).0, Settings::default());
    }
}
