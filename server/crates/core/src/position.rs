//! Byte offsets ↔ lines and columns. Everything inside nianbao works on byte
//! offsets; this is the one place that converts them, for the CLI (1-based
//! line and character column) and the language server (0-based line and
//! UTF-8 or UTF-16 column).
//!
//! Line breaks are LF, CRLF and lone CR, as LSP defines them; U+2028 and
//! U+2029 are not line breaks.

/// Column units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    /// Unicode scalar values (what the CLI and SARIF report).
    Chars,
}

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    len: usize,
    /// On lines longer than [`CHECKPOINT`] bytes, every [`CHECKPOINT`] bytes:
    /// the UTF-16 units and characters before that byte on its line, so that
    /// a column is found without reading the line from its start (a 1 MB line
    /// with thousands of tokens or findings would otherwise be read once per
    /// token).
    checkpoints: Vec<Checkpoint>,
}

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    byte: usize,
    utf16: usize,
    chars: usize,
}

impl Checkpoint {
    fn units(&self, line_start: usize, encoding: Encoding) -> usize {
        match encoding {
            Encoding::Utf8 => self.byte - line_start,
            Encoding::Utf16 => self.utf16,
            Encoding::Chars => self.chars,
        }
    }
}

const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // Line breaks found with memchr (the language server rebuilds the
        // index of a 2 MB text on every keystroke).
        let mut i = 0;
        while let Some(k) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + k;
            i = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(i);
        }
        let mut checkpoints = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            if end - start <= CHECKPOINT {
                continue;
            }
            // A checkpoint at the first character that starts CHECKPOINT
            // bytes or more after the last one; the characters before it
            // counted by their bytes (a character starts at every byte that
            // is no continuation byte, and takes two UTF-16 units when it
            // has four bytes), not decoded one by one.
            let (mut utf16, mut chars, mut last) = (0, 0, start);
            loop {
                let mut at = last + CHECKPOINT;
                while at < end && !text.is_char_boundary(at) {
                    at += 1;
                }
                if at >= end {
                    break;
                }
                let between = &bytes[last..at];
                let starts_here = between.iter().filter(|&&b| b & 0xC0 != 0x80).count();
                chars += starts_here;
                utf16 += starts_here + between.iter().filter(|&&b| b >= 0xF0).count();
                checkpoints.push(Checkpoint {
                    byte: at,
                    utf16,
                    chars,
                });
                last = at;
            }
        }
        LineIndex {
            starts,
            len: text.len(),
            checkpoints,
        }
    }

    /// The checkpoints on the line `range` (bytes of one line).
    fn checkpoints_in(&self, range: &std::ops::Range<usize>) -> &[Checkpoint] {
        let lo = self.checkpoints.partition_point(|c| c.byte < range.start);
        let hi = self.checkpoints.partition_point(|c| c.byte <= range.end);
        &self.checkpoints[lo..hi]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line of a byte offset (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of line `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line.min(self.starts.len() - 1)];
        let end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        start..start + content.len()
    }

    /// 0-based (line, column) of a byte offset; an offset inside a character
    /// or a line break is moved back to the character's start.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> (usize, usize) {
        let mut offset = offset.min(self.len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let range = self.line_range(text, line);
        let offset = offset.min(range.end);
        let on_line = self.checkpoints_in(&range);
        let (from, base) = match on_line.partition_point(|c| c.byte <= offset) {
            0 => (range.start, 0),
            k => (
                on_line[k - 1].byte,
                on_line[k - 1].units(range.start, encoding),
            ),
        };
        let before = &text[from..offset];
        let column = base
            + match encoding {
                Encoding::Utf8 => before.len(),
                Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
                Encoding::Chars => before.chars().count(),
            };
        (line, column)
    }

    /// Byte offset of a 0-based (line, column); out-of-range lines and
    /// columns are clamped, a column inside a character goes to its start.
    pub fn offset(&self, text: &str, line: usize, column: usize, encoding: Encoding) -> usize {
        if line >= self.starts.len() {
            return self.len;
        }
        let range = self.line_range(text, line);
        let on_line = self.checkpoints_in(&range);
        let (from, mut units) =
            match on_line.partition_point(|c| c.units(range.start, encoding) <= column) {
                0 => (range.start, 0),
                k => (
                    on_line[k - 1].byte,
                    on_line[k - 1].units(range.start, encoding),
                ),
            };
        for (i, c) in text[from..range.end].char_indices() {
            if units >= column {
                return from + i;
            }
            units += match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Chars => 1,
            };
            if units > column {
                return from + i;
            }
        }
        range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_cjk_ext_b_emoji_and_crlf() {
        let text = "年度: 2023\r\n𠮷野家😀共3条\r\n\u{2028}第二行\rx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let at = text.find('共').unwrap();
        assert_eq!(index.position(text, at, Encoding::Utf16), (1, 6));
        assert_eq!(index.position(text, at, Encoding::Utf8), (1, 14));
        assert_eq!(index.position(text, at, Encoding::Chars), (1, 4));
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
            for (offset, _) in text.char_indices() {
                if matches!(text.as_bytes()[offset], b'\r' | b'\n') {
                    continue;
                }
                let (l, c) = index.position(text, offset, enc);
                assert_eq!(index.offset(text, l, c, enc), offset, "{enc:?} {offset}");
            }
        }
        // U+2028 is not a line break.
        assert_eq!(index.line_of(text.find('第').unwrap()), 2);
    }

    /// Line starts as LSP counts them (LF, CRLF and a lone CR end a line),
    /// for every arrangement of breaks: CR then LF in one break, CR CR, LF
    /// CR, breaks first and last.
    #[test]
    fn line_starts_for_every_arrangement_of_breaks() {
        let naive = |text: &str| {
            let b = text.as_bytes();
            let mut starts = vec![0];
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                if matches!(b[i], b'\r' | b'\n') {
                    starts.push(i + 1);
                }
                i += 1;
            }
            starts
        };
        let pieces = ["\r", "\n", "a", "年"];
        // Every text of up to five pieces.
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        assert!(texts.len() > 1000);
        for text in &texts {
            assert_eq!(LineIndex::new(text).starts, naive(text), "{text:?}");
        }
    }

    /// The checkpoints counted by bytes are those of reading each long line a character at a time: lines of
    /// characters of every UTF-8 length, of lengths around the checkpoint distance, after every kind of line
    /// break, and the examples and fixtures.
    #[test]
    fn checkpoints_are_those_read_a_character_at_a_time() {
        let by_chars = |text: &str| -> Vec<(usize, usize, usize)> {
            let starts = LineIndex::new(text).starts;
            let mut out = Vec::new();
            for (k, &start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).copied().unwrap_or(text.len());
                if end - start <= CHECKPOINT {
                    continue;
                }
                let (mut utf16, mut chars, mut last) = (0, 0, start);
                for (i, c) in text[start..end].char_indices() {
                    let at = start + i;
                    if at - last >= CHECKPOINT {
                        out.push((at, utf16, chars));
                        last = at;
                    }
                    utf16 += c.len_utf16();
                    chars += 1;
                }
            }
            out
        };
        let mut texts = Vec::new();
        for piece in ["a", "\u{e9}", "字", "😀", "共收到申请128件，𠮷😀ab"] {
            for n in [300, 1000, 1023, 1024, 1025, 2047, 2048, 5000] {
                let line: String = piece.repeat(n / piece.len() + 1).chars().take(n).collect();
                for brk in ["\n", "\r\n", "\r"] {
                    texts.push(format!("{line}{brk}{line}x{brk}短{brk}{line}"));
                }
            }
        }
        for path in crate::test_corpus("fixtures") {
            texts.extend(std::fs::read_to_string(&path).ok());
        }
        let mut found = 0;
        for text in &texts {
            let index = LineIndex::new(text);
            let got: Vec<_> = index
                .checkpoints
                .iter()
                .map(|c| (c.byte, c.utf16, c.chars))
                .collect();
            assert_eq!(got, by_chars(text));
            found += got.len();
        }
        assert!(found > 100, "{found}");
    }

    /// Long lines (checkpoints) give the positions and offsets of reading each line from its start.
    #[test]
    fn long_lines_agree_with_reading_from_the_start() {
        let line = "共收到申请128件，𠮷😀比上年增加11件，增长43%，ab".repeat(300);
        let text = format!("{line}\n{}\r\n短行\n{line}", "x".repeat(5000));
        let index = LineIndex::new(&text);
        assert!(!index.checkpoints.is_empty());
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
            for (offset, _) in text.char_indices().step_by(7) {
                let line = index.line_of(offset);
                let range = index.line_range(&text, line);
                let before = &text[range.start..offset.min(range.end)];
                let expected = match enc {
                    Encoding::Utf8 => before.len(),
                    Encoding::Utf16 => before.encode_utf16().count(),
                    Encoding::Chars => before.chars().count(),
                };
                assert_eq!(
                    index.position(&text, offset, enc),
                    (line, expected),
                    "{enc:?} {offset}"
                );
                if offset < range.end {
                    assert_eq!(
                        index.offset(&text, line, expected, enc),
                        offset,
                        "{enc:?} {offset}"
                    );
                    // One unit on: the next character, or this one's start when inside it (a
                    // surrogate pair, a UTF-8 sequence).
                    let c = text[offset..].chars().next().unwrap();
                    let next = index.offset(&text, line, expected + 1, enc);
                    let inside = match enc {
                        Encoding::Utf8 => c.len_utf8() > 1,
                        Encoding::Utf16 => c.len_utf16() > 1,
                        Encoding::Chars => false,
                    };
                    let want = if inside {
                        offset
                    } else {
                        offset + c.len_utf8()
                    };
                    assert_eq!(next, want.min(range.end), "{enc:?} {offset}");
                }
            }
            assert_eq!(
                index.offset(&text, 0, usize::MAX, enc),
                index.line_range(&text, 0).end
            );
        }
    }

    #[test]
    fn clamps_out_of_range_positions() {
        let text = "ab\n𠮷";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, 9, 0, Encoding::Utf16), text.len());
        assert_eq!(index.offset(text, 0, 99, Encoding::Utf16), 2);
        // Inside the surrogate pair of 𠮷: the character's start.
        assert_eq!(index.offset(text, 1, 1, Encoding::Utf16), 3);
        assert_eq!(index.position(text, 4, Encoding::Utf8), (1, 0));
    }
}
