//! Expanding command-line paths into the `.nianbao` files they name.

use std::io;
use std::path::{Path, PathBuf};

/// Files named directly are taken as they are; folders are walked
/// recursively for `*.nianbao`, in sorted order so that output is stable.
pub fn expand(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files)?;
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

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "nianbao") {
            files.push(path);
        }
    }
    Ok(())
}
