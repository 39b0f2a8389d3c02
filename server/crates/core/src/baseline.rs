//! The baseline of reviewed findings (`nianbao-baseline.toml`, see
//! `docs/review.md`): each entry names a report (path relative to the
//! baseline file's folder, `/`-separated), a rule code and a finding's
//! [fingerprint](crate::fingerprint), with the reviewer's verdict. The CLI
//! (`nianbao check --baseline`) and the language server (hints, the
//! “标记为已复核” code action) read and write it through this module.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

/// The name the language server looks for (upwards from a report's folder)
/// and that `--write-baseline` uses when no file is given.
pub const FILE_NAME: &str = "nianbao-baseline.toml";

/// The reviewer's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A real defect, known (published reports are not edited).
    Confirmed,
    /// Not a defect (a false positive, or accepted as written).
    Dismissed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Dismissed => "dismissed",
        }
    }

    /// The Chinese word shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Status::Confirmed => "确认",
            Status::Dismissed => "不是问题",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The report, relative to the baseline file's folder, `/`-separated.
    pub path: String,
    pub code: String,
    pub fingerprint: String,
    pub status: Status,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub reviewer: Option<String>,
    /// The finding's message when it was recorded (for people; not matched).
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: Option<u32>,
    #[serde(default)]
    finding: Vec<Entry>,
}

/// The baseline file's format version.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Default)]
pub struct Baseline {
    pub entries: Vec<Entry>,
}

/// Why a baseline could not be read or written (messages for the user, in Chinese).
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{0}")]
    Syntax(#[from] toml::de::Error),
    #[error("不支持的版本 {0}（本程序支持 {VERSION}）")]
    Version(u32),
    #[error("{}：{source}", path.display())]
    In {
        path: std::path::PathBuf,
        source: Box<BaselineError>,
    },
    #[error("无法读取 {}：{source}", path.display())]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("无法写入 {}：{source}", path.display())]
    Write {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

impl Baseline {
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        let file: File = toml::from_str(text)?;
        if let Some(v) = file.version.filter(|v| *v > VERSION) {
            return Err(BaselineError::Version(v));
        }
        Ok(Baseline {
            entries: file.finding,
        })
    }

    /// Reads a baseline; a file that does not exist is an empty baseline.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Baseline::parse(&text).map_err(|e| BaselineError::In {
                path: path.to_path_buf(),
                source: Box::new(e),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Baseline::default()),
            Err(source) => Err(BaselineError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// The file's text: a header comment, `version`, one `[[finding]]` per entry.
    pub fn to_toml(&self) -> String {
        let mut out = format!(
            "# nianbao 已复核的问题（docs/review.md）。status: confirmed = 确认是问题，dismissed = 不是问题。\n\
             # 由 nianbao check --write-baseline 或编辑器的“标记为已复核”写入；reason、reviewer 可手工填写。\n\
             version = {VERSION}\n"
        );
        for e in &self.entries {
            out.push('\n');
            out.push_str(&entry_toml(e));
        }
        out
    }

    /// Writes the baseline atomically (a temporary file next to it, then a rename; the file's permissions
    /// kept, a read-only one refused), as every file nianbao writes.
    pub fn save(&self, path: &Path) -> Result<(), BaselineError> {
        crate::workspace::write_atomic(path, self.to_toml().as_bytes()).map_err(|source| {
            BaselineError::Write {
                path: path.to_path_buf(),
                source,
            }
        })
    }

    /// (path, code, fingerprint) → entry index.
    pub fn index(&self) -> HashMap<(&str, &str, &str), usize> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                (
                    (e.path.as_str(), e.code.as_str(), e.fingerprint.as_str()),
                    i,
                )
            })
            .collect()
    }

    /// The entry for a finding, if reviewed.
    pub fn find(&self, path: &str, code: &str, fingerprint: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.path == path && e.code == code && e.fingerprint == fingerprint)
    }
}

/// One `[[finding]]` table.
pub fn entry_toml(e: &Entry) -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = format!(
        "[[finding]]\npath = {}\ncode = {}\nfingerprint = {}\nstatus = {}\n",
        q(&e.path),
        q(&e.code),
        q(&e.fingerprint),
        q(e.status.as_str())
    );
    for (key, value) in [
        ("reason", &e.reason),
        ("reviewer", &e.reviewer),
        ("message", &e.message),
    ] {
        if let Some(v) = value {
            out.push_str(&format!("{key} = {}\n", q(v)));
        }
    }
    out
}

/// `path` made absolute (against the current folder) and lexically normalised.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// How a baseline file at `baseline` names the report at `report`: relative
/// to the baseline's folder when the report is inside it, `/`-separated.
pub fn entry_path(baseline: &Path, report: &Path) -> String {
    let report = absolute(report);
    let base = absolute(baseline);
    let dir = base.parent().unwrap_or(Path::new("/"));
    match report.strip_prefix(dir) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => report.to_string_lossy().replace('\\', "/"),
    }
}

/// The baseline file for a report in `dir`: the first `nianbao-baseline.toml`
/// from `dir` upwards.
pub fn locate(dir: &Path) -> Option<PathBuf> {
    let mut dir = Some(absolute(dir));
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent().map(Path::to_path_buf);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let b = Baseline {
            entries: vec![Entry {
                path: "d/2023.nianbao".into(),
                code: "table-sum".into(),
                fingerprint: "0123456789abcdef".into(),
                status: Status::Dismissed,
                reason: Some("原表如此，\"已核实\"".into()),
                reviewer: None,
                message: Some("多行\n消息".into()),
            }],
        };
        let text = b.to_toml();
        let back = Baseline::parse(&text).unwrap();
        assert_eq!(back.entries, b.entries);
        assert!(back
            .find("d/2023.nianbao", "table-sum", "0123456789abcdef")
            .is_some());
        assert!(Baseline::parse("version = 9\n").is_err());
        assert!(Baseline::parse("[[finding]]\npath = \"a\"\n").is_err());
    }

    #[test]
    fn paths_are_relative_to_the_baseline() {
        assert_eq!(
            entry_path(
                Path::new("/w/nianbao-baseline.toml"),
                Path::new("/w/a/./b.nianbao")
            ),
            "a/b.nianbao"
        );
        assert_eq!(
            entry_path(
                Path::new("/w/x/nianbao-baseline.toml"),
                Path::new("/w/x/../b.nianbao")
            ),
            "/w/b.nianbao"
        );
    }
}
