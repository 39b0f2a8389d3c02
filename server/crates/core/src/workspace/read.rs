//! Reading report files for `check` and `fmt`: size limit, UTF-8 check.

use std::io::Read;
use std::path::Path;

/// Files larger than this are refused with a message rather than risking
/// memory exhaustion (a real report is well under 1 MB).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a file (`-` = standard input) as UTF-8 text; errors are in Chinese
/// and say what to do.
pub fn read_report(path: &Path) -> Result<String, String> {
    let name = path.display();
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("无法读取标准输入：{e}"))?;
    } else {
        let meta = std::fs::metadata(path).map_err(|e| format!("无法读取 {name}：{e}"))?;
        if meta.len() > MAX_BYTES {
            return Err(too_large(&name.to_string(), meta.len()));
        }
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|e| format!("无法读取 {name}：{e}"))?;
    }
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(&name.to_string(), bytes.len() as u64));
    }
    decode(&name.to_string(), bytes)
}

fn too_large(name: &str, len: u64) -> String {
    format!(
        "{name} 过大（{:.1} MB），超过上限 {} MB；年度报告通常小于 1 MB，请检查是否选错了文件",
        len as f64 / 1_048_576.0,
        MAX_BYTES / 1_048_576
    )
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(format!(
            "{name} 是 UTF-16 编码的文本；nianbao 只读 UTF-8，请用 `nianbao import {name}` 转换"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "{name} 不是有效的 UTF-8 文本（第 {at} 字节处），可能是 GBK/GB18030 编码；请先用 `nianbao import {name}` 转换为 .nianbao"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_names_the_problem_and_the_fix() {
        let gbk = vec![0xC4, 0xEA, 0xB6, 0xC8]; // 年度 in GBK
        let err = decode("a.nianbao", gbk).unwrap_err();
        assert!(
            err.contains("UTF-8") && err.contains("nianbao import"),
            "{err}"
        );
        assert!(decode("b", vec![0xFF, 0xFE, 0x31, 0])
            .unwrap_err()
            .contains("UTF-16"));
        assert_eq!(decode("c", "年度".as_bytes().to_vec()).unwrap(), "年度");
    }
}
