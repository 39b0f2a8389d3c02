//! `nianbao.toml`: rule levels and front-matter defaults, found by walking
//! up from the checked file.
//!
//! ```toml
//! [rules]
//! prose-breakdown = "off"      # error | warning | info | hint | off
//! table-sum = "warning"
//!
//! [defaults]
//! "机关类型" = "部门"          # TOML: non-ASCII keys are quoted
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;

pub const FILE_NAME: &str = "nianbao.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" | "allow" | "none" => Some(Level::Off),
            s => Severity::parse(s).map(Level::On),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub rules: BTreeMap<String, Level>,
    pub defaults: Vec<(String, String)>,
    /// Where it was read from.
    pub path: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    defaults: BTreeMap<String, toml::Value>,
}

impl Config {
    /// Parses the text of a `nianbao.toml`; errors are in Chinese.
    pub fn parse(text: &str) -> Result<Config, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| format!("配置文件格式错误：{e}"))?;
        let mut rules = BTreeMap::new();
        for (code, level) in raw.rules {
            if crate::rules::info(&code).is_none() {
                return Err(format!("配置文件中的规则代码“{code}”不存在"));
            }
            let level = Level::parse(&level).ok_or_else(|| {
                format!("规则“{code}”的级别“{level}”无效，应为 error、warning、info、hint 或 off")
            })?;
            rules.insert(code, level);
        }
        let defaults = raw
            .defaults
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    toml::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, v)
            })
            .collect();
        Ok(Config {
            rules,
            defaults,
            path: None,
        })
    }

    /// The nearest `nianbao.toml` in `start`'s folder or above it.
    pub fn find(start: &Path) -> Result<Config, String> {
        let start = if start.is_dir() {
            start.to_path_buf()
        } else {
            start.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let start = std::fs::canonicalize(&start).unwrap_or(start);
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                let text = std::fs::read_to_string(&candidate)
                    .map_err(|e| format!("无法读取 {}：{e}", candidate.display()))?;
                let mut config =
                    Config::parse(&text).map_err(|e| format!("{}：{e}", candidate.display()))?;
                config.path = Some(candidate);
                return Ok(config);
            }
        }
        Ok(Config::default())
    }

    pub fn level(&self, code: &str) -> Option<Level> {
        self.rules.get(code).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_levels_and_defaults() {
        let c = Config::parse("[rules]\nprose-breakdown = \"off\"\ntable-sum = \"warning\"\n[defaults]\n\"机关类型\" = \"部门\"\n\"年度\" = 2023\n").unwrap();
        assert_eq!(c.level("prose-breakdown"), Some(Level::Off));
        assert_eq!(c.level("table-sum"), Some(Level::On(Severity::Warning)));
        assert!(c.defaults.contains(&("年度".into(), "2023".into())));
    }

    #[test]
    fn rejects_unknown_codes_and_levels() {
        assert!(Config::parse("[rules]\nno-such-rule = \"off\"\n")
            .unwrap_err()
            .contains("no-such-rule"));
        assert!(Config::parse("[rules]\ntable-sum = \"loud\"\n")
            .unwrap_err()
            .contains("loud"));
        assert!(Config::parse("[rulez]\n").is_err());
    }
}
