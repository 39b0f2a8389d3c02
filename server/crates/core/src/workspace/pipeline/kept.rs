//! The facts a bulk check keeps, in memory while they are read soon and on
//! disk while they wait long: a report whose facts a report far behind it
//! will read (the first of a 机关 and 年度, and that 机关's next year's reports
//! much later in the folder) has them written to a temporary file and only
//! their place held in memory; they are read back, exactly as they were, for
//! the report that compares with them, and dropped again once it is handed
//! back. The file has no name: the system removes it when the run ends,
//! however it ends.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;

use rust_decimal::Decimal;

use crate::diagnostic::Place;
use crate::rules::{
    AggregateCell, AggregateTable, CellFact, Facts, SectionPrint, SummedCell, SummedTable,
    TableFacts,
};
use crate::semantic::FormatId;

/// The facts of the files of a run, by index.
#[derive(Default)]
pub(super) struct Kept {
    /// In memory: what the plan reads.
    pub(super) memory: HashMap<usize, Facts>,
    /// On disk: where in `file` (offset, length).
    disk: HashMap<usize, (u64, usize)>,
    /// Read back from disk for the file being handed back.
    loaded: Vec<usize>,
    file: Option<File>,
    end: u64,
    statics: Statics,
    /// Files whose facts were written to disk.
    pub(super) spilled: usize,
    /// The most facts in memory at any one time.
    pub(super) most_in_memory: usize,
}

impl Kept {
    pub(super) fn insert(&mut self, i: usize, facts: Facts) {
        self.disk.remove(&i);
        self.memory.insert(i, facts);
        self.most_in_memory = self.most_in_memory.max(self.memory.len());
    }

    pub(super) fn remove(&mut self, i: usize) {
        self.memory.remove(&i);
        self.disk.remove(&i);
    }

    /// [`Kept::spill`] for every file in memory that `far` says is.
    pub(super) fn spill_where(&mut self, far: impl Fn(usize) -> bool) {
        let mut spill: Vec<usize> = self.memory.keys().copied().filter(|&j| far(j)).collect();
        spill.sort_unstable();
        for j in spill {
            self.spill(j);
        }
    }

    /// Moves the facts of `i` to disk. On an error writing they stay in
    /// memory (the run goes on, only larger).
    pub(super) fn spill(&mut self, i: usize) {
        if self.disk.contains_key(&i) {
            self.memory.remove(&i);
            return;
        }
        let Some(facts) = self.memory.get(&i) else {
            return;
        };
        let mut bytes = Vec::new();
        self.statics.encode(facts, &mut bytes);
        if self.append(&bytes).is_ok() {
            self.disk.insert(i, (self.end, bytes.len()));
            self.end += bytes.len() as u64;
            self.memory.remove(&i);
            self.spilled += 1;
        }
    }

    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.file.is_none() {
            self.file = Some(tempfile::tempfile()?);
        }
        let file = self.file.as_mut().expect("created above");
        file.seek(SeekFrom::Start(self.end))?;
        file.write_all(bytes)
    }

    /// Brings the facts of `files` on disk back into memory (until [`Kept::unload`]).
    pub(super) fn load(&mut self, files: &[usize]) -> Result<(), String> {
        for &j in files {
            if self.memory.contains_key(&j) {
                continue;
            }
            let Some(&(at, len)) = self.disk.get(&j) else {
                continue;
            };
            let facts = self.read(at, len).map_err(|e| {
                format!("无法读回批量检查写到临时文件里的跨报告数据（{e}），检查中止")
            })?;
            self.memory.insert(j, facts);
            self.loaded.push(j);
        }
        self.most_in_memory = self.most_in_memory.max(self.memory.len());
        Ok(())
    }

    fn read(&mut self, at: u64, len: usize) -> io::Result<Facts> {
        let file = self.file.as_mut().ok_or(io::ErrorKind::NotFound)?;
        file.seek(SeekFrom::Start(at))?;
        let mut bytes = vec![0; len];
        file.read_exact(&mut bytes)?;
        self.statics
            .decode(&bytes)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "内容不完整"))
    }

    /// Drops what [`Kept::load`] brought back (it stays on disk).
    pub(super) fn unload(&mut self) {
        for j in std::mem::take(&mut self.loaded) {
            if self.disk.contains_key(&j) {
                self.memory.remove(&j);
            }
        }
    }
}

/// The format data facts point into, numbered as it is met (a few thousand
/// names and tables at most), so that facts on disk name them by number.
#[derive(Default)]
struct Statics {
    strs: Interner<str>,
    formats: Interner<crate::formats::Format>,
    tables: Interner<crate::formats::Table>,
}

struct Interner<T: ?Sized + 'static> {
    items: Vec<&'static T>,
    /// By address and size.
    ids: HashMap<(usize, usize), u64>,
}

impl<T: ?Sized> Default for Interner<T> {
    fn default() -> Self {
        Interner {
            items: Vec::new(),
            ids: HashMap::new(),
        }
    }
}

impl<T: ?Sized> Interner<T> {
    fn id(&mut self, t: &'static T) -> u64 {
        let key = (
            std::ptr::from_ref(t).cast::<u8>().addr(),
            std::mem::size_of_val(t),
        );
        let items = &mut self.items;
        *self.ids.entry(key).or_insert_with(|| {
            items.push(t);
            items.len() as u64 - 1
        })
    }

    fn get(&self, id: u64) -> Option<&'static T> {
        self.items.get(usize::try_from(id).ok()?).copied()
    }
}

/// Little-endian base-128 numbers.
struct Writer<'w>(&'w mut Vec<u8>);

impl Writer<'_> {
    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn usize(&mut self, v: usize) {
        self.uint(v as u64);
    }
    fn str(&mut self, s: &str) {
        self.usize(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn range(&mut self, r: &Range<usize>) {
        self.usize(r.start);
        self.usize(r.end);
    }
    fn decimal(&mut self, d: &Decimal) {
        self.0.extend_from_slice(&d.serialize());
    }
    fn place(&mut self, p: &Place) {
        for v in [p.line, p.utf8, p.utf16, p.chars] {
            self.uint(u64::from(v));
        }
    }
}

struct Reader<'r>(&'r [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn uint(&mut self) -> Option<u64> {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F).checked_shl(shift)?;
            if b < 0x80 {
                return Some(v);
            }
            shift += 7;
        }
    }
    fn int(&mut self) -> Option<i64> {
        let v = self.uint()?;
        Some(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?).ok()
    }
    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn string(&mut self) -> Option<String> {
        let n = self.usize()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn range(&mut self) -> Option<Range<usize>> {
        Some(self.usize()?..self.usize()?)
    }
    fn decimal(&mut self) -> Option<Decimal> {
        Some(Decimal::deserialize(self.take(16)?.try_into().ok()?))
    }
    fn place(&mut self) -> Option<Place> {
        Some(Place {
            line: self.u32()?,
            utf8: self.u32()?,
            utf16: self.u32()?,
            chars: self.u32()?,
        })
    }
    /// `n` items, then `item` for each.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.usize()?;
        let mut out = Vec::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }
}

impl Statics {
    fn encode(&mut self, f: &Facts, out: &mut Vec<u8>) {
        let mut w = Writer(out);
        match &f.organ {
            Some(o) => {
                w.uint(1);
                w.str(o);
            }
            None => w.uint(0),
        }
        match f.year {
            Some(y) => {
                w.uint(1);
                w.int(i64::from(y));
            }
            None => w.uint(0),
        }
        w.usize(f.format.map_or(0, |id| {
            1 + FormatId::ALL
                .iter()
                .position(|&a| a == id)
                .expect("every format is listed")
        }));
        w.usize(f.subordinates.len());
        for (name, range) in &f.subordinates {
            w.str(name);
            w.range(range);
        }
        w.usize(f.tables.len());
        for t in &f.tables {
            w.uint(self.formats.id(t.format));
            w.uint(self.tables.id(t.table));
            w.usize(t.cells.len());
            for c in &t.cells {
                w.uint(self.strs.id(c.row));
                w.uint(self.strs.id(c.column));
                w.decimal(&c.value);
                w.range(&c.range);
            }
        }
        w.usize(f.aggregate.len());
        for t in &f.aggregate {
            w.uint(self.strs.id(t.id));
            w.usize(t.cells.len());
            for c in &t.cells {
                for s in [c.row, c.column, c.row_name, c.column_label] {
                    w.uint(self.strs.id(s));
                }
                w.decimal(&c.value);
                w.range(&c.range);
            }
        }
        w.usize(f.summed.len());
        for t in &f.summed {
            w.uint(self.strs.id(t.id));
            w.usize(t.cells.len());
            for c in &t.cells {
                w.uint(self.strs.id(c.row));
                w.uint(self.strs.id(c.column));
                match &c.value {
                    Some(v) => {
                        w.uint(1);
                        w.decimal(v);
                    }
                    None => w.uint(0),
                }
                w.range(&c.range);
                w.place(&c.start);
                w.place(&c.end);
            }
        }
        w.usize(f.sections.len());
        for s in &f.sections {
            w.usize(s.level);
            w.str(&s.title);
            w.str(&s.key);
            w.range(&s.heading);
            w.usize(s.chars);
            w.str(&s.text);
        }
    }

    fn decode(&self, bytes: &[u8]) -> Option<Facts> {
        let mut r = Reader(bytes);
        let organ = match r.uint()? {
            0 => None,
            _ => Some(r.string()?),
        };
        let year = match r.uint()? {
            0 => None,
            _ => Some(i32::try_from(r.int()?).ok()?),
        };
        let format = match r.usize()? {
            0 => None,
            n => Some(*FormatId::ALL.get(n - 1)?),
        };
        let subordinates = r.list(|r| Some((r.string()?, r.range()?)))?;
        let tables = r.list(|r| {
            Some(TableFacts {
                format: self.formats.get(r.uint()?)?,
                table: self.tables.get(r.uint()?)?,
                cells: r.list(|r| {
                    Some(CellFact {
                        row: self.strs.get(r.uint()?)?,
                        column: self.strs.get(r.uint()?)?,
                        value: r.decimal()?,
                        range: r.range()?,
                    })
                })?,
            })
        })?;
        let aggregate = r.list(|r| {
            Some(AggregateTable {
                id: self.strs.get(r.uint()?)?,
                cells: r.list(|r| {
                    Some(AggregateCell {
                        row: self.strs.get(r.uint()?)?,
                        column: self.strs.get(r.uint()?)?,
                        row_name: self.strs.get(r.uint()?)?,
                        column_label: self.strs.get(r.uint()?)?,
                        value: r.decimal()?,
                        range: r.range()?,
                    })
                })?,
            })
        })?;
        let summed = r.list(|r| {
            Some(SummedTable {
                id: self.strs.get(r.uint()?)?,
                cells: r.list(|r| {
                    Some(SummedCell {
                        row: self.strs.get(r.uint()?)?,
                        column: self.strs.get(r.uint()?)?,
                        value: match r.uint()? {
                            0 => None,
                            _ => Some(r.decimal()?),
                        },
                        range: r.range()?,
                        start: r.place()?,
                        end: r.place()?,
                    })
                })?,
            })
        })?;
        let sections = r.list(|r| {
            Some(SectionPrint {
                level: r.usize()?,
                title: r.string()?,
                key: r.string()?,
                heading: r.range()?,
                chars: r.usize()?,
                text: r.string()?.into_boxed_str(),
            })
        })?;
        r.0.is_empty().then_some(Facts {
            organ,
            year,
            format,
            subordinates,
            tables,
            aggregate,
            summed,
            sections,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_text, Config};
    use crate::rules::Needs;

    /// Facts come back from disk exactly as they were: every field, the
    /// format data they point into the same.
    #[test]
    fn facts_come_back_as_they_were() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../tests/fixtures/rules");
        let mut kept = Kept::default();
        let mut all = Vec::new();
        for entry in walkdir::WalkDir::new(fixtures).sort_by_file_name() {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "nianbao") {
                let text = std::fs::read_to_string(&path).unwrap();
                let facts = check_text(&text, &Config::default()).facts_for(&text, Needs::ALL);
                all.push(facts);
            }
        }
        // Characters outside the basic plane (their bigrams are kept apart).
        let text = "---\n机关: 某县\n年度: 2023\n---\n\n# 一、总体情况\n\n𠀀𠀁本机关全年主动公开政府信息𠀀条。\n";
        all.push(check_text(text, &Config::default()).facts_for(text, Needs::ALL));
        let has = |f: fn(&Facts) -> bool| all.iter().any(f);
        assert!(has(
            |f| !f.aggregate.is_empty() && !f.subordinates.is_empty()
        ));
        assert!(has(|f| f
            .summed
            .iter()
            .any(|t| t.cells.iter().any(|c| c.value.is_none()))));
        assert!(has(|f| !f.tables.is_empty() && f.format.is_some()));
        assert!(has(|f| f
            .sections
            .iter()
            .any(|s| s.text.chars().any(|c| c > '\u{ffff}'))));
        for (i, facts) in all.iter().enumerate() {
            kept.insert(i, facts.clone());
            kept.spill(i);
            assert!(!kept.memory.contains_key(&i));
        }
        assert_eq!(kept.spilled, all.len());
        for (i, facts) in all.iter().enumerate().rev() {
            kept.load(&[i]).unwrap();
            let back = &kept.memory[&i];
            assert_eq!(format!("{back:?}"), format!("{facts:?}"));
            for (a, b) in back.tables.iter().zip(&facts.tables) {
                assert!(std::ptr::eq(a.table, b.table) && std::ptr::eq(a.format, b.format));
            }
            kept.unload();
            assert!(kept.memory.is_empty());
        }
    }

    #[test]
    fn numbers_round_trip() {
        let mut bytes = Vec::new();
        let mut w = Writer(&mut bytes);
        let ints = [
            0,
            1,
            -1,
            i64::from(i32::MIN),
            i64::from(i32::MAX),
            i64::MIN,
            i64::MAX,
        ];
        for v in ints {
            w.int(v);
        }
        w.uint(u64::MAX);
        let mut r = Reader(&bytes);
        for v in ints {
            assert_eq!(r.int(), Some(v));
        }
        assert_eq!(r.uint(), Some(u64::MAX));
        assert_eq!(r.byte(), None);
        // Cut short: not a number.
        assert_eq!(Reader(&[0x80]).uint(), None);
    }
}
