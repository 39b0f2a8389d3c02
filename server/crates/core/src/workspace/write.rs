//! Writing files atomically: the new content goes to a temporary file in
//! the same folder, is flushed to disk, takes the permissions of the file it
//! replaces, and is then renamed over it. A crash, a full disk or a killed
//! process leaves either the old file or the new one, never half of one.
//! A symbolic link is written through (its target is replaced, the link
//! stays a link). A file that could not be written in place — read-only
//! (no write permission for anyone), or not writable by this user — is not
//! replaced either (renaming over it would bypass its permissions).

use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically (see the module documentation).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let old = std::fs::metadata(&target).ok();
    if let Some(old) = &old {
        let read_only = || {
            io::Error::new(
                io::ErrorKind::PermissionDenied,
                "文件是只读的，未改动（nianbao 不替换没有写权限的文件）",
            )
        };
        if old.permissions().readonly() {
            return Err(read_only());
        }
        if let Err(e) = std::fs::OpenOptions::new().write(true).open(&target) {
            if e.kind() == io::ErrorKind::PermissionDenied {
                return Err(read_only());
            }
        }
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nianbao-").suffix(".tmp");
    #[cfg(unix)]
    let new_file_mode = {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets the usual 0666 less the umask, like `fs::write`.
        std::fs::Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    if old.is_none() {
        builder.permissions(new_file_mode);
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Some(old) = &old {
        tmp.as_file().set_permissions(old.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.nianbao");
        write_atomic(&path, b"one").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            write_atomic(&path, b"two").unwrap();
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
            // Through a link: the link stays, its target changes.
            let link = dir.path().join("link.nianbao");
            std::os::unix::fs::symlink(&path, &link).unwrap();
            write_atomic(&link, b"three").unwrap();
            assert!(std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(std::fs::read(&path).unwrap(), b"three");
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_read_only_file_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.nianbao");
        std::fs::write(&path, b"one").unwrap();
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).unwrap();
        let err = write_atomic(&path, b"two").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        assert!(err.to_string().contains("只读"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
