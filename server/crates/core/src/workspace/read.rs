//! Reading report files for `check` and `fmt`: size limit, UTF-8 check.

use std::io::Read;
use std::path::Path;

/// Files larger than this are refused with a message rather than risking
/// memory exhaustion (a real report is well under 1 MB).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

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
    #[error(
        "{name} 过大（{:.1} MB），超过上限 {} MB；年度报告通常小于 1 MB，请检查是否选错了文件",
        *len as f64 / 1_048_576.0,
        MAX_BYTES / 1_048_576
    )]
    TooLarge { name: String, len: u64 },
    #[error("{name} 是 UTF-16 编码的文本；nianbao 只读 UTF-8，请用 `nianbao import {name}` 转换")]
    Utf16 { name: String },
    #[error("{name} 不是有效的 UTF-8 文本（第 {at} 字节处），可能是 GBK/GB18030 编码；请先用 `nianbao import {name}` 转换为 .nianbao")]
    NotUtf8 { name: String, at: usize },
}

/// Reads a file (`-` = standard input) as UTF-8 text.
pub fn read_report(path: &Path) -> Result<String, ReadError> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Stdin)?;
    } else {
        let io = |source| ReadError::Io {
            name: name.clone(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.len() > MAX_BYTES {
            return Err(ReadError::TooLarge {
                name,
                len: meta.len(),
            });
        }
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
            .map_err(io)?;
    }
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ReadError::TooLarge {
            name,
            len: bytes.len() as u64,
        });
    }
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
}
