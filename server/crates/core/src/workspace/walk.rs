//! Expanding paths into the files they name: one walker (`walkdir`) for
//! every command (check, parse, fmt, import, the language server).
//!
//! - Each file is taken once, whatever the links: files are identified by
//!   device and inode (on other systems by their canonical path), so two
//!   links to one report, a folder reached twice or a root named twice give
//!   the file once.
//! - Symbolic links to folders are not followed unless asked
//!   ([`set_follow_symlinks`], `--follow-symlinks`); when they are, loops are
//!   detected and skipped with a note. Links to files are taken (once).
//! - Files come in the order of a walk sorted by name in every folder, so
//!   that output is stable; the walk itself is unsorted and the files are
//!   sorted at the end (a sorted walk holds a whole folder's entries), then
//!   held compactly ([`Paths`]).
//!
//! Writers ([`super::write_atomic`]) must also stay inside the roots the
//! user named: [`Walked::inside_roots`] says whether a file's real location
//! is under one of them.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rustc_hash::FxHashSet;

use super::paths::Paths;
use runs::Runs;

mod runs;

static FOLLOW: AtomicBool = AtomicBool::new(false);

/// Whether walks follow symbolic links to folders (`--follow-symlinks`);
/// off by default. Set once by the front end.
pub fn set_follow_symlinks(on: bool) {
    FOLLOW.store(on, Ordering::Relaxed);
}

pub fn follow_symlinks() -> bool {
    FOLLOW.load(Ordering::Relaxed)
}

/// Whether a path names a report in the markup (`*.nianbao`).
pub fn is_report(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "nianbao")
}

/// The files a list of paths names.
#[derive(Debug, Default)]
pub struct Walked {
    /// Each file once, in the order found (`-` is standard input), held
    /// compactly (a few bytes a file in memory, see [`Paths`]).
    pub files: Paths,
    /// What was skipped and why (loops, broken links, unreadable folders),
    /// in Chinese, for the front end to show.
    pub notes: Vec<String>,
    /// The roots as named, with their real locations.
    roots: Vec<(PathBuf, Option<PathBuf>)>,
}

impl Walked {
    /// Whether `file`'s real location (links resolved) is one of the files
    /// named directly or lies under one of the folders named: what a writer
    /// may touch.
    pub fn inside_roots(&self, file: &Path) -> bool {
        let Ok(real) = std::fs::canonicalize(file) else {
            return false;
        };
        self.roots.iter().any(|(named, canonical)| {
            named == file || canonical.as_ref().is_some_and(|c| real.starts_with(c))
        })
    }
}

/// What identifies a file whatever the path to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

fn file_id(path: &Path, meta: &std::fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        let _ = path;
        use std::os::unix::fs::MetadataExt;
        FileId::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        FileId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

impl FileId {
    fn to_bytes(&self) -> Vec<u8> {
        match self {
            #[cfg(unix)]
            FileId::Inode(dev, ino) => [dev.to_le_bytes(), ino.to_le_bytes()].concat(),
            #[cfg(not(unix))]
            FileId::Path(p) => p.as_os_str().as_encoded_bytes().to_vec(),
        }
    }

    /// What [`FileId::to_bytes`] gave, in this process.
    fn from_bytes(bytes: &[u8]) -> FileId {
        #[cfg(unix)]
        {
            let word = |k: usize| u64::from_le_bytes(bytes[k..k + 8].try_into().expect("8 bytes"));
            FileId::Inode(word(0), word(8))
        }
        #[cfg(not(unix))]
        {
            // SAFETY: bytes `as_encoded_bytes` gave in this process.
            FileId::Path(PathBuf::from(unsafe {
                std::ffi::OsStr::from_encoded_bytes_unchecked(bytes)
            }))
        }
    }

    #[cfg(test)]
    fn for_test(n: u64) -> FileId {
        #[cfg(unix)]
        {
            FileId::Inode(n % 3, n)
        }
        #[cfg(not(unix))]
        {
            FileId::Path(PathBuf::from(n.to_string()))
        }
    }
}

/// The files taken so far: the inode numbers of those on the device of the
/// first (8 bytes a file), the identities of the others whole.
#[derive(Default)]
struct Seen {
    dev: Option<u64>,
    inodes: FxHashSet<u64>,
    others: HashSet<FileId>,
}

impl Seen {
    /// Whether `id` is new (and now taken).
    fn insert(&mut self, id: &FileId) -> bool {
        match id {
            #[cfg(unix)]
            FileId::Inode(dev, ino) if *self.dev.get_or_insert(*dev) == *dev => {
                self.inodes.insert(*ino)
            }
            _ => self.others.insert(id.clone()),
        }
    }
}

/// Files named directly are taken as they are (`-` is standard input);
/// folders are walked recursively for `*.nianbao`. Each file once.
pub fn expand(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    Ok(expand_with(paths, &is_report, follow_symlinks())?
        .files
        .iter()
        .collect())
}

/// [`expand`] with the files `wanted` accepts in folders, saying what was
/// skipped. A path that does not exist is an error.
pub fn expand_with(
    paths: &[PathBuf],
    wanted: &dyn Fn(&Path) -> bool,
    follow: bool,
) -> io::Result<Walked> {
    let mut walked = Walked::default();
    let mut seen = Seen::default();
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !std::mem::replace(&mut stdin, true) {
                walked.files.push(path);
            }
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("找不到文件或目录：{}", path.display()),
                )
            } else {
                io::Error::new(e.kind(), format!("无法读取 {}：{e}", path.display()))
            }
        })?;
        walked
            .roots
            .push((path.clone(), std::fs::canonicalize(path).ok()));
        if meta.is_dir() {
            walk_into(path, wanted, follow, &mut seen, &mut walked)?;
        } else if seen.insert(&file_id(path, &meta)) {
            walked.files.push(path);
        }
    }
    Ok(walked)
}

/// Walks `root` unsorted (the walker then holds only the folders open
/// along the way, not a sorted folder's entries), then puts the files in the
/// order a walk sorted by name in every folder gives — the paths compared
/// component by component — and takes each file the first time that order
/// meets it (not at all if in `seen`). Held in memory: a chunk of paths
/// ([`runs`]) and 8 bytes a file taken ([`Seen`]).
fn walk_into(
    root: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    follow: bool,
    seen: &mut Seen,
    walked: &mut Walked,
) -> io::Result<()> {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(follow)
        .follow_root_links(true);
    let mut found = Runs::new();
    let mut notes: Vec<(PathBuf, String)> = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e.path().unwrap_or(root);
                let note = if e.loop_ancestor().is_some() {
                    format!("跳过 {}：符号链接构成循环（指回上级目录）", at.display())
                } else if e.depth() == 0 {
                    return Err(io::Error::other(format!(
                        "无法读取目录 {}：{e}",
                        at.display()
                    )));
                } else {
                    format!("跳过 {}：{}", at.display(), why(e.path(), e.io_error()))
                };
                notes.push((at.to_path_buf(), note));
                continue;
            }
        };
        if entry.file_type().is_dir() || !wanted(entry.path()) {
            continue;
        }
        // A link (not followed by the walker) is taken when it leads to a
        // file; a link to a folder is not followed.
        let meta = match std::fs::metadata(entry.path()) {
            Ok(meta) => meta,
            Err(e) => {
                let note = format!(
                    "跳过 {}：{}",
                    entry.path().display(),
                    why(Some(entry.path()), Some(&e))
                );
                notes.push((entry.into_path(), note));
                continue;
            }
        };
        if !meta.is_file() {
            continue;
        }
        // The walker joins every name onto the root.
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        found.push(rel, file_id(entry.path(), &meta));
    }
    found.finish(|rel, id| {
        if seen.insert(id) {
            walked.files.push(&root.join(rel));
        }
    })?;
    // Notes about one path keep the order they were met in.
    notes.sort_by(|a, b| a.0.cmp(&b.0));
    walked.notes.extend(notes.into_iter().map(|(_, note)| note));
    Ok(())
}

/// The files directly in `dir` that `wanted` accepts (sorted, each once,
/// links to files taken, links to folders not), leaving out those that are
/// the same file as one of `exclude` (an open report reached through a link
/// is not its own neighbour).
pub fn list_dir(dir: &Path, wanted: &dyn Fn(&Path) -> bool, exclude: &[&Path]) -> Vec<PathBuf> {
    let mut seen: HashSet<FileId> = exclude
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok().map(|m| file_id(p, &m)))
        .collect();
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    let mut files = Vec::new();
    for entry in walker.into_iter().filter_map(Result::ok) {
        if entry.file_type().is_dir() || !wanted(entry.path()) {
            continue;
        }
        let Ok(meta) = std::fs::metadata(entry.path()) else {
            continue;
        };
        if meta.is_file() && seen.insert(file_id(entry.path(), &meta)) {
            files.push(entry.into_path());
        }
    }
    files
}

/// The files under `dir` (recursively, sorted, each once) that `wanted`
/// accepts, appended to `files`.
pub fn walk(
    dir: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    files: &mut Vec<PathBuf>,
) -> io::Result<()> {
    let walked = expand_with(&[dir.to_path_buf()], wanted, follow_symlinks())?;
    files.extend(walked.files.iter());
    Ok(())
}

/// Why an entry could not be taken, in Chinese: a broken link, no permission, or the system's words.
fn why(path: Option<&Path>, e: Option<&io::Error>) -> String {
    let is_link = path
        .and_then(|p| std::fs::symlink_metadata(p).ok())
        .is_some_and(|m| m.file_type().is_symlink());
    match e.map(io::Error::kind) {
        Some(io::ErrorKind::NotFound) if is_link => "符号链接断开（指向的文件不存在）".to_string(),
        Some(io::ErrorKind::NotFound) => "文件不存在".to_string(),
        Some(io::ErrorKind::PermissionDenied) => "没有读取权限".to_string(),
        _ => match e {
            Some(e) => format!("无法读取（{e}）"),
            None => "无法读取".to_string(),
        },
    }
}
