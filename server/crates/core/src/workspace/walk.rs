//! Expanding paths into the files they name: folders walked recursively,
//! in sorted order so that output is stable.

use std::io;
use std::path::{Path, PathBuf};

/// Whether a path names a report in the markup (`*.nianbao`).
pub fn is_report(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "nianbao")
}

/// Files named directly are taken as they are (`-` is standard input);
/// folders are walked recursively for `*.nianbao`.
pub fn expand(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &is_report, &mut files)?;
        } else if path.exists() || path.as_os_str() == "-" {
            files.push(path.clone());
        } else {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("找不到文件或目录：{}", path.display()),
            ));
        }
    }
    Ok(files)
}

/// The files under `dir` (recursively, sorted) that `wanted` accepts.
pub fn walk(
    dir: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    files: &mut Vec<PathBuf>,
) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, wanted, files)?;
        } else if wanted(&path) {
            files.push(path);
        }
    }
    Ok(())
}
