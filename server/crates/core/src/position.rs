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
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            len: text.len(),
        }
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
        let before = &text[range.start..offset];
        let column = match encoding {
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
        let mut units = 0;
        for (i, c) in text[range.clone()].char_indices() {
            if units >= column {
                return range.start + i;
            }
            units += match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Chars => 1,
            };
            if units > column {
                return range.start + i;
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
