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
//!
//! A top-level `max-size = "8M"` (or a number of bytes) sets the size limit
//! for the reports of the folder and below it (`--max-size` and
//! `NIANBAO_MAX_SIZE` take precedence; see `workspace::max_bytes_for`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::{Code, UnknownCode};

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

/// What can be wrong with a `nianbao.toml`. The messages (`Display`) are the Chinese the front ends show.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("配置文件格式错误：{0}")]
    Syntax(#[from] toml::de::Error),
    #[error("配置文件中的{0}")]
    UnknownCode(#[from] UnknownCode),
    #[error("max-size：{0}")]
    MaxSize(String),
    #[error("规则“{code}”的级别“{level}”无效，应为 error、warning、info、hint 或 off")]
    Level { code: Code, level: String },
    #[error("无法读取 {}：{source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An error in the file at `path`.
    #[error("{}：{source}", path.display())]
    In {
        path: PathBuf,
        source: Box<ConfigError>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub rules: BTreeMap<Code, Level>,
    pub defaults: Vec<(String, String)>,
    /// `max-size`: the size limit of the reports under this file's folder.
    pub max_size: Option<u64>,
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
    #[serde(default, rename = "max-size")]
    max_size: Option<toml::Value>,
}

impl Config {
    /// Parses the text of a `nianbao.toml`; errors are in Chinese.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let raw: Raw = toml::from_str(text)?;
        let mut rules = BTreeMap::new();
        for (code, level) in raw.rules {
            let code: Code = code.parse()?;
            let level = Level::parse(&level).ok_or(ConfigError::Level { code, level })?;
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
        let max_size = match raw.max_size {
            None => None,
            Some(toml::Value::String(s)) => Some(
                crate::workspace::parse_size(&s)
                    .map_err(|e| ConfigError::MaxSize(e.to_string()))?,
            ),
            Some(toml::Value::Integer(n)) if n > 0 => Some(n as u64),
            Some(other) => {
                return Err(ConfigError::MaxSize(format!(
                    "应为大小（如 \"8M\"、\"500K\"）或正的字节数，而不是 {other}"
                )))
            }
        };
        Ok(Config {
            rules,
            defaults,
            max_size,
            path: None,
        })
    }

    /// The nearest `nianbao.toml` in `start`'s folder or above it.
    pub fn find(start: &Path) -> Result<Config, ConfigError> {
        let start = if start.is_dir() {
            start.to_path_buf()
        } else {
            start.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let start = std::fs::canonicalize(&start).unwrap_or(start);
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                let text =
                    std::fs::read_to_string(&candidate).map_err(|source| ConfigError::Read {
                        path: candidate.clone(),
                        source,
                    })?;
                let mut config = Config::parse(&text).map_err(|e| ConfigError::In {
                    path: candidate.clone(),
                    source: Box::new(e),
                })?;
                config.path = Some(candidate);
                return Ok(config);
            }
        }
        Ok(Config::default())
    }

    /// The level set for a rule code, if any (an unregistered code has none).
    pub fn level(&self, code: Code) -> Option<Level> {
        self.rules.get(&code).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_levels_and_defaults() {
        let c = Config::parse("[rules]\nprose-breakdown = \"off\"\ntable-sum = \"warning\"\n[defaults]\n\"机关类型\" = \"部门\"\n\"年度\" = 2023\n").unwrap();
        assert_eq!(c.level(Code::ProseBreakdown), Some(Level::Off));
        assert_eq!(c.level(Code::TableSum), Some(Level::On(Severity::Warning)));
        assert!(c.defaults.contains(&("年度".into(), "2023".into())));
    }

    #[test]
    fn reads_the_size_limit() {
        assert_eq!(
            Config::parse("max-size = \"8M\"\n").unwrap().max_size,
            Some(8 << 20)
        );
        assert_eq!(
            Config::parse("max-size = 4096\n[rules]\n")
                .unwrap()
                .max_size,
            Some(4096)
        );
        assert_eq!(Config::parse("").unwrap().max_size, None);
        for bad in [
            "max-size = \"8Q\"",
            "max-size = 0",
            "max-size = \"0\"",
            "max-size = true",
        ] {
            let err = Config::parse(bad).unwrap_err().to_string();
            assert!(err.starts_with("max-size："), "{bad}: {err}");
        }
    }

    #[test]
    fn rejects_unknown_codes_and_levels() {
        let err = Config::parse("[rules]\ntable-summ = \"off\"\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "配置文件中的规则代码“table-summ”不存在，最接近的是“table-sum”"
        );
        assert!(Config::parse("[rules]\ntable-sum = \"loud\"\n")
            .unwrap_err()
            .to_string()
            .contains("loud"));
        assert!(Config::parse("[rulez]\n").is_err());
    }
}
