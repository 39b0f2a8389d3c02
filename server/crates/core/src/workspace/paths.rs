//! A list of paths that holds a few bytes per path in memory: the bytes of
//! the paths one after another, moved to an unnamed temporary file once they
//! pass [`IN_MEMORY`] bytes, and where each path ends (4 bytes a path). The
//! bulk check and `parse` hold the files they were given this way for the
//! whole run (a `Vec<PathBuf>` of 100,000 files is about 9 MB).

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The bytes of paths kept in memory before they are moved to disk.
pub const IN_MEMORY: usize = 256 * 1024;

/// Paths in a block: [`BLOCK`] paths of the longest a system allows (4 KiB)
/// count less than 4 GiB from the block's start.
const BLOCK: usize = 1024;

/// Paths in order, each read back as a `PathBuf` ([`Paths::get`]).
#[derive(Debug)]
pub struct Paths {
    /// The bytes not yet moved to disk (those after `on_disk`).
    tail: Vec<u8>,
    /// The first `on_disk` bytes, in an unnamed temporary file (deleted by
    /// the system when the process ends, however it ends).
    disk: Option<File>,
    on_disk: u64,
    /// Where each path ends, counted from the start of its block of
    /// [`BLOCK`] paths.
    ends: Vec<u32>,
    /// Where each block of [`BLOCK`] paths starts.
    blocks: Vec<u64>,
    /// How many bytes `tail` may hold before it is moved to disk.
    limit: usize,
}

impl Default for Paths {
    fn default() -> Self {
        Paths::with_limit(IN_MEMORY)
    }
}

impl Paths {
    /// An empty list that moves its bytes to disk past `limit` bytes
    /// (`usize::MAX`: never).
    pub fn with_limit(limit: usize) -> Self {
        Paths {
            tail: Vec::new(),
            disk: None,
            on_disk: 0,
            ends: Vec::new(),
            blocks: Vec::new(),
            limit,
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Appends a path. If the temporary file cannot be written (a full
    /// disk), the bytes stay in memory.
    pub fn push(&mut self, path: &Path) {
        let at = self.on_disk + self.tail.len() as u64;
        if self.ends.len().is_multiple_of(BLOCK) {
            self.blocks.push(at);
        }
        self.tail
            .extend_from_slice(path.as_os_str().as_encoded_bytes());
        let block = self.blocks.last().copied().unwrap_or(0);
        let end = self.on_disk + self.tail.len() as u64 - block;
        self.ends
            .push(u32::try_from(end).expect("a block of paths under 4 GiB"));
        if self.tail.len() > self.limit && self.spill().is_err() {
            self.limit = usize::MAX;
        }
    }

    fn spill(&mut self) -> io::Result<()> {
        let disk = match &mut self.disk {
            Some(disk) => disk,
            None => self.disk.insert(tempfile::tempfile()?),
        };
        disk.write_all(&self.tail)?;
        self.on_disk += self.tail.len() as u64;
        self.tail.clear();
        Ok(())
    }

    /// Path `i`. Panics if `i` is out of range. If the temporary file this
    /// process wrote cannot be read back (the disk failing under it), the
    /// path is a name that says so and that no file has: reading it fails,
    /// so the file is an error line of the output (exit code 2), not a crash.
    pub fn get(&self, i: usize) -> PathBuf {
        let block = self.blocks[i / BLOCK];
        let start = block
            + if i.is_multiple_of(BLOCK) {
                0
            } else {
                u64::from(self.ends[i - 1])
            };
        let end = block + u64::from(self.ends[i]);
        let bytes = if start >= self.on_disk {
            let from = (start - self.on_disk) as usize;
            self.tail[from..from + (end - start) as usize].to_vec()
        } else {
            let mut bytes = vec![0; (end - start) as usize];
            let read = match self.disk.as_ref() {
                Some(disk) => read_at(disk, &mut bytes, start),
                None => Err(io::ErrorKind::NotFound.into()),
            };
            if let Err(e) = read {
                return PathBuf::from(format!("<无法读回临时文件中的第 {} 个路径：{e}>", i + 1));
            }
            bytes
        };
        path_of(&bytes).to_path_buf()
    }

    /// The paths in order.
    pub fn iter(&self) -> impl Iterator<Item = PathBuf> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The bytes held in memory (not those on disk).
    pub fn heap_size(&self) -> usize {
        self.tail.capacity()
            + self.ends.capacity() * std::mem::size_of::<u32>()
            + self.blocks.capacity() * std::mem::size_of::<u64>()
    }

    /// Whether some of the paths are on disk.
    pub fn spilled(&self) -> bool {
        self.on_disk > 0
    }
}

impl<P: AsRef<Path>> FromIterator<P> for Paths {
    fn from_iter<I: IntoIterator<Item = P>>(iter: I) -> Self {
        let mut paths = Paths::default();
        for p in iter {
            paths.push(p.as_ref());
        }
        paths
    }
}

/// The path whose bytes `as_encoded_bytes` gave in this process (kept in
/// memory, or written to and read back from a file only this process holds).
pub(super) fn path_of(bytes: &[u8]) -> &Path {
    // SAFETY: bytes `as_encoded_bytes` gave in this process, unchanged.
    Path::new(unsafe { OsStr::from_encoded_bytes_unchecked(bytes) })
}

#[cfg(unix)]
pub(super) fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
pub(super) fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_come_back_as_they_were_from_memory_and_disk() {
        let names: Vec<PathBuf> = (0..500)
            .map(|i| PathBuf::from(format!("甲/乙 {i}/报告-{}.nianbao", "x".repeat(i % 7))))
            .chain([
                PathBuf::from(""),
                PathBuf::from("-"),
                PathBuf::from("/a//b/./c"),
            ])
            .collect();
        for limit in [0, 1, 100, usize::MAX] {
            let mut paths = Paths::with_limit(limit);
            for p in &names {
                paths.push(p);
            }
            assert_eq!(paths.len(), names.len());
            assert_eq!(paths.spilled(), limit != usize::MAX);
            let back: Vec<PathBuf> = paths.iter().collect();
            assert_eq!(back, names);
            assert_eq!(paths.get(250), names[250]);
        }
    }

    #[test]
    fn a_path_table_that_cannot_be_read_back_names_the_failure_and_does_not_panic() {
        let mut paths = Paths::with_limit(0);
        for i in 0..10 {
            paths.push(Path::new(&format!("报告{i}.nianbao")));
        }
        assert!(paths.spilled());
        // The disk under the run fails: the file read back is empty.
        paths.disk = Some(tempfile::tempfile().unwrap());
        let got = paths.get(3);
        assert!(
            got.to_string_lossy()
                .starts_with("<无法读回临时文件中的第 4 个路径"),
            "{got:?}"
        );
        assert!(!got.exists());
    }

    #[test]
    fn what_is_held_per_path_does_not_grow() {
        let per_path = |n: usize| {
            let paths: Paths = (0..n)
                .map(|i| format!("/tmp/语料/100000/{i:05}-gov2021-2022.nianbao"))
                .collect();
            paths.heap_size() as f64 / n as f64
        };
        let (small, large) = (per_path(20_000), per_path(200_000));
        // 4 bytes of end offset a path (with the vector's spare room) and
        // the bytes not yet moved to disk, the rest on disk.
        assert!(large < 10.0, "{large} bytes a path");
        assert!(large <= small, "{small} → {large} bytes a path");
    }
}
