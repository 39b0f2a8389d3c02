//! Reading report files for every entry point (check, parse, fmt, import,
//! render, the reports next to an open one): one size limit, UTF-8 check.
//!
//! The limit is [`DEFAULT_MAX_BYTES`] (64 MiB) unless set: by the front end
//! ([`set_max_bytes`]: `--max-size`, else `NIANBAO_MAX_SIZE`), else by
//! `max-size` in the nearest `nianbao.toml` above the file
//! ([`max_bytes_for`]). A file over it is refused before it is read, with a
//! message naming the limit and how to change it; standard input is read up
//! to the limit and no further.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The default size limit: a real report is well under 1 MB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Kept for callers of the old name: the default limit.
pub const MAX_BYTES: u64 = DEFAULT_MAX_BYTES;

/// The environment variable that sets the limit (same syntax as
/// `--max-size`).
pub const MAX_SIZE_ENV: &str = "NIANBAO_MAX_SIZE";

static LIMIT: AtomicU64 = AtomicU64::new(DEFAULT_MAX_BYTES);
/// Whether the front end set the limit (then `nianbao.toml` does not change it).
static EXPLICIT: AtomicBool = AtomicBool::new(false);

/// Sets the size limit for every later read, over any `nianbao.toml`
/// (`--max-size`, `NIANBAO_MAX_SIZE`; `0` is refused by [`parse_size`], not
/// here).
pub fn set_max_bytes(limit: u64) {
    LIMIT.store(limit, Ordering::Relaxed);
    EXPLICIT.store(true, Ordering::Relaxed);
}

/// The size limit set by the front end, or the default.
pub fn max_bytes() -> u64 {
    LIMIT.load(Ordering::Relaxed)
}

type LimitsByDir = std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, Option<u64>>>;
static BY_DIR: std::sync::OnceLock<LimitsByDir> = std::sync::OnceLock::new();

/// Forgets the limits read from `nianbao.toml` files (the language server,
/// when one changes).
pub fn forget_configured_limits() {
    if let Some(Ok(mut m)) = BY_DIR.get().map(|m| m.lock()) {
        m.clear();
    }
}

/// The size limit for the file at `path` (`-`: standard input, the current
/// folder): the front end's ([`set_max_bytes`]) if set, else `max-size` in
/// the nearest `nianbao.toml` above it, else the default. A `nianbao.toml`
/// that cannot be read or is invalid sets nothing here (the checker reports
/// it). Remembered per folder for the life of the process.
pub fn max_bytes_for(path: &Path) -> u64 {
    if EXPLICIT.load(Ordering::Relaxed) {
        return max_bytes();
    }
    let dir = if path.as_os_str() == "-" {
        std::env::current_dir().unwrap_or_default()
    } else if path.is_dir() {
        path.to_path_buf()
    } else {
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        }
    };
    let by_dir = BY_DIR.get_or_init(Default::default);
    let known = by_dir.lock().ok().and_then(|m| m.get(&dir).copied());
    let from_config = match known {
        Some(v) => v,
        None => {
            let v = crate::check::Config::find(&dir)
                .ok()
                .and_then(|c| c.max_size);
            if let Ok(mut m) = by_dir.lock() {
                m.insert(dir, v);
            }
            v
        }
    };
    from_config.unwrap_or_else(max_bytes)
}

/// Reads `NIANBAO_MAX_SIZE` if set; an error names the variable.
pub fn max_bytes_from_env() -> Result<Option<u64>, SizeError> {
    match std::env::var(MAX_SIZE_ENV) {
        Ok(v) => parse_size(&v)
            .map(Some)
            .map_err(|e| SizeError::Env(Box::new(e))),
        Err(_) => Ok(None),
    }
}

/// A size limit that cannot be used (from `--max-size`, the environment or `nianbao.toml`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SizeError {
    #[error("无法理解的大小“{0}”（例：64M、500K、1048576）")]
    Unreadable(String),
    #[error("大小上限不能为 0")]
    Zero,
    #[error("大小“{0}”过大")]
    Overflow(String),
    #[error("环境变量 {MAX_SIZE_ENV}：{0}")]
    Env(Box<SizeError>),
}

/// Parses a size: a number of bytes, or with a unit `K`, `M`, `G` (powers of
/// 1024; `KB`, `MiB` … are accepted too).
pub fn parse_size(text: &str) -> Result<u64, SizeError> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let unit = unit.trim().to_ascii_uppercase();
    let factor: u64 = match unit.as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return Err(SizeError::Unreadable(text.to_string())),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| SizeError::Unreadable(text.to_string()))?;
    match n.checked_mul(factor) {
        Some(0) => Err(SizeError::Zero),
        Some(v) => Ok(v),
        None => Err(SizeError::Overflow(text.to_string())),
    }
}

/// A size in words: `64 MB`, `500 KB`, `123 字节`.
pub fn describe_size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MB", bytes >> 20)
    } else if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KB", bytes >> 10)
    } else {
        format!("{bytes} 字节")
    }
}

/// [`ReadError::TooLarge`] when `len` bytes are over the limit; the message names
/// the file, its size, the limit and how to raise it.
pub fn check_size(name: &str, len: u64) -> Result<(), ReadError> {
    let limit = max_bytes_for(Path::new(name));
    if len > limit {
        return Err(ReadError::TooLarge {
            name: name.to_string(),
            len,
            limit,
        });
    }
    Ok(())
}

fn too_large(name: &str, len: u64, limit: u64) -> String {
    format!(
        "{name} 过大（{}），超过大小上限 {}；年度报告通常小于 1 MB，请检查是否选错了文件（上限可用 --max-size、环境变量 {MAX_SIZE_ENV} 或 nianbao.toml 中的 max-size 调整）",
        describe_size(len),
        describe_size(limit)
    )
}

/// Why a report could not be read. The messages (`Display`) are the Chinese the front ends show: they say what
/// to do.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("无法读取标准输入：{0}")]
    Stdin(std::io::Error),
    #[error("无法读取 {name}：{source}")]
    Io {
        name: String,
        source: std::io::Error,
    },
    #[error("{name} 是目录，不是文件")]
    Directory { name: String },
    #[error("{}", too_large(name, *len, *limit))]
    TooLarge { name: String, len: u64, limit: u64 },
    #[error(
        "标准输入过大（超过 {}）；年度报告通常小于 1 MB（上限可用 --max-size、环境变量 {MAX_SIZE_ENV} 或 nianbao.toml 中的 max-size 调整）",
        describe_size(*limit)
    )]
    StdinTooLarge { limit: u64 },
    #[error("{name} 是 UTF-16 编码的文本；nianbao 只读 UTF-8，请用 `nianbao import {name}` 转换")]
    Utf16 { name: String },
    #[error("{name} 不是有效的 UTF-8 文本（第 {at} 字节处），可能是 GBK/GB18030 编码；请先用 `nianbao import {name}` 转换为 .nianbao")]
    NotUtf8 { name: String, at: usize },
}

/// Reads a file (`-` = standard input) as bytes, within the size limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let limit = max_bytes_for(path);
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(ReadError::Stdin)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::StdinTooLarge { limit });
        }
        return Ok(bytes);
    }
    let name = path.display().to_string();
    let io = |source| ReadError::Io {
        name: name.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::Directory { name });
    }
    let over = |len: u64| ReadError::TooLarge {
        name: name.clone(),
        len,
        limit,
    };
    if meta.len() > limit {
        return Err(over(meta.len()));
    }
    std::fs::File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(io)?;
    // The file may have grown since it was measured.
    if bytes.len() as u64 > limit {
        return Err(over(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a file (`-` = standard input) as UTF-8 text within the size limit.
pub fn read_report(path: &Path) -> Result<String, ReadError> {
    let bytes = read_bytes(path)?;
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    decode(&name, bytes)
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::Utf16 {
            name: name.to_string(),
        });
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        name: name.to_string(),
        at: e.utf8_error().valid_up_to(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_names_the_problem_and_the_fix() {
        let gbk = vec![0xC4, 0xEA, 0xB6, 0xC8]; // 年度 in GBK
        let err = decode("a.nianbao", gbk).unwrap_err().to_string();
        assert!(
            err.contains("UTF-8") && err.contains("nianbao import"),
            "{err}"
        );
        assert!(decode("b", vec![0xFF, 0xFE, 0x31, 0])
            .unwrap_err()
            .to_string()
            .contains("UTF-16"));
        assert_eq!(decode("c", "年度".as_bytes().to_vec()).unwrap(), "年度");
    }

    #[test]
    fn sizes_are_parsed_and_described() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("500k"), Ok(500 << 10));
        assert_eq!(parse_size("2 GiB"), Ok(2 << 30));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999G").is_err());
        assert_eq!(describe_size(64 << 20), "64 MB");
        assert_eq!(describe_size(500 << 10), "500 KB");
        let e = too_large("a.nianbao", 2 << 20, 1 << 20);
        assert!(e.contains("1 MB") && e.contains("--max-size"), "{e}");
    }
}
