//! The files found under a root, put in path order with memory that does not
//! grow with their number: they are gathered a chunk at a time; a full chunk
//! is sorted and written to an unnamed temporary file as a run, and the runs
//! are merged at the end (an external merge sort). A walk that fits in one
//! chunk never touches the disk.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::FileId;
use crate::workspace::paths::{path_of as path, read_at};

/// The bytes of paths gathered before a chunk is sorted and written out.
const CHUNK: usize = 256 * 1024;
/// The bytes read from a run at a time while merging.
const READ: usize = 16 * 1024;

/// Paths (after the root) with the identity of their file, in any order.
pub(super) struct Runs {
    bytes: Vec<u8>,
    ends: Vec<u32>,
    ids: Vec<FileId>,
    disk: Option<File>,
    /// Where each run written ends in `disk`.
    runs: Vec<u64>,
    chunk: usize,
}

impl Runs {
    pub(super) fn new() -> Runs {
        Runs::with_chunk(CHUNK)
    }

    /// Chunks of `chunk` bytes of paths (small in tests, to write runs).
    pub(super) fn with_chunk(chunk: usize) -> Runs {
        Runs {
            bytes: Vec::new(),
            ends: Vec::new(),
            ids: Vec::new(),
            disk: None,
            runs: Vec::new(),
            chunk,
        }
    }

    pub(super) fn push(&mut self, rel: &Path, id: FileId) {
        self.bytes
            .extend_from_slice(rel.as_os_str().as_encoded_bytes());
        self.ends.push(self.bytes.len() as u32);
        self.ids.push(id);
        // A disk that cannot be written to: the chunk grows in memory.
        if self.bytes.len() >= self.chunk && self.write_run().is_err() {
            self.chunk = usize::MAX;
        }
    }

    fn rel(&self, i: usize) -> &Path {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        path(&self.bytes[start..self.ends[i] as usize])
    }

    /// The chunk's indices in path order (paths compared component by
    /// component: the order of a walk sorted by name in every folder).
    fn sorted(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.ends.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.rel(a as usize).cmp(self.rel(b as usize)));
        order
    }

    fn write_run(&mut self) -> io::Result<()> {
        let order = self.sorted();
        if self.disk.is_none() {
            self.disk = Some(tempfile::tempfile()?);
        }
        let disk = self.disk.as_ref().expect("just made");
        let mut out = BufWriter::new(disk);
        let mut written = 0u64;
        for &i in &order {
            let i = i as usize;
            for part in [
                self.rel(i).as_os_str().as_encoded_bytes(),
                &self.ids[i].to_bytes(),
            ] {
                out.write_all(&(part.len() as u32).to_le_bytes())?;
                out.write_all(part)?;
                written += 4 + part.len() as u64;
            }
        }
        out.flush()?;
        drop(out);
        self.runs
            .push(self.runs.last().copied().unwrap_or(0) + written);
        self.bytes.clear();
        self.ends.clear();
        self.ids.clear();
        Ok(())
    }

    /// Every path in order, with its file's identity, handed to `each`.
    pub(super) fn finish(mut self, mut each: impl FnMut(&Path, &FileId)) -> io::Result<()> {
        if self.runs.is_empty() {
            for i in self.sorted() {
                each(self.rel(i as usize), &self.ids[i as usize]);
            }
            return Ok(());
        }
        if !self.ends.is_empty() {
            self.write_run()?;
        }
        let disk = self.disk.take().expect("runs were written");
        let mut readers: Vec<Reader> = Vec::with_capacity(self.runs.len());
        let mut start = 0;
        for &end in &self.runs {
            readers.push(Reader {
                file: &disk,
                pos: start,
                end,
                buf: Vec::new(),
                at: 0,
            });
            start = end;
        }
        // The head of every run; equal paths (none in one walk) by run.
        let mut heads = BinaryHeap::new();
        for (k, r) in readers.iter_mut().enumerate() {
            if let Some((rel, id)) = r.next()? {
                heads.push(Reverse((rel, k, id)));
            }
        }
        while let Some(Reverse((rel, k, id))) = heads.pop() {
            each(&rel, &id);
            if let Some((rel, id)) = readers[k].next()? {
                heads.push(Reverse((rel, k, id)));
            }
        }
        Ok(())
    }
}

/// One run, read a few kilobytes at a time.
struct Reader<'a> {
    file: &'a File,
    pos: u64,
    end: u64,
    buf: Vec<u8>,
    at: usize,
}

impl Reader<'_> {
    /// The next `n` bytes of the run.
    fn take(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.buf.len() - self.at < n {
            self.buf.drain(..self.at);
            self.at = 0;
            let more = (n - self.buf.len())
                .max(READ)
                .min((self.end - self.pos) as usize);
            let old = self.buf.len();
            self.buf.resize(old + more, 0);
            read_at(self.file, &mut self.buf[old..], self.pos)?;
            self.pos += more as u64;
            if self.buf.len() < n {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
        self.at += n;
        Ok(&self.buf[self.at - n..self.at])
    }

    fn part(&mut self) -> io::Result<Vec<u8>> {
        let len = u32::from_le_bytes(self.take(4)?.try_into().expect("four bytes"));
        Ok(self.take(len as usize)?.to_vec())
    }

    fn next(&mut self) -> io::Result<Option<(PathBuf, FileId)>> {
        if self.at == self.buf.len() && self.pos == self.end {
            return Ok(None);
        }
        let rel = path(&self.part()?).to_path_buf();
        let id = FileId::from_bytes(&self.part()?);
        Ok(Some((rel, id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_into_the_order_of_one_sort() {
        let names: Vec<PathBuf> = (0..3000u32)
            .map(|i| {
                // Each name once, out of order.
                let i = i * 7 % 3000;
                PathBuf::from(match i % 4 {
                    0 => format!("a/{i}.nianbao"),
                    1 => format!("a-{i}.nianbao"),
                    2 => format!("甲/{}/{i}", i % 7),
                    _ => format!("{i:05}-gov2021-2022.nianbao"),
                })
            })
            .collect();
        let id = |i: usize| FileId::for_test(i as u64);
        let mut expected: Vec<(PathBuf, FileId)> = names
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), id(i)))
            .collect();
        expected.sort();
        for chunk in [CHUNK, 1000, 1] {
            let mut runs = Runs::with_chunk(chunk);
            for (i, p) in names.iter().enumerate() {
                runs.push(p, id(i));
            }
            assert_eq!(runs.runs.is_empty(), chunk == CHUNK);
            let mut got = Vec::new();
            runs.finish(|p, id| got.push((p.to_path_buf(), id.clone())))
                .unwrap();
            assert_eq!(got, expected, "chunk {chunk}");
        }
    }
}
