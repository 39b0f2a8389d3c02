//! One open document: its text as a rope (edits arrive as LSP ranges, which
//! the rope turns into byte offsets in O(log n) even in the middle of a batch
//! of changes), the same text as a `String` for the engine, the line index of
//! the current text, and the syntax tree, kept up to date with `Tree::edit`
//! and an incremental reparse.
//!
//! Line semantics are LSP's: LF, CRLF and a lone CR end a line, U+2028 and
//! U+2029 do not (ropey is built with `cr_lines` and without
//! `unicode_lines`). Positions out of range are clamped, a column inside a
//! character goes to the character's start, exactly as
//! [`LineIndex::offset`] does (tested against it).

use std::ops::Range;
use std::path::PathBuf;

use ls_types::{Position, TextDocumentContentChangeEvent, Uri};
use ropey::Rope;
use tower_lsp_server::ls_types;
use tree_sitter::{InputEdit, Parser, Point, Tree};

use nianbao_core::position::{Encoding, LineIndex};

pub struct Document {
    pub uri: Uri,
    /// The file, for `file:` URIs.
    pub path: Option<PathBuf>,
    pub version: i32,
    rope: Rope,
    text: String,
    index: LineIndex,
    tree: Tree,
}

/// The file path of a `file:` URI.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

impl Document {
    pub fn new(uri: Uri, version: i32, text: String, parser: &mut Parser) -> Document {
        let tree = parse(parser, &text, None);
        Document {
            path: uri_path(&uri),
            uri,
            version,
            rope: Rope::from_str(&text),
            index: LineIndex::new(&text),
            text,
            tree,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// Applies the changes of one `didChange`, in order, then reparses.
    pub fn apply_changes(
        &mut self,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
        parser: &mut Parser,
    ) {
        let mut whole = false;
        for change in changes {
            match change.range {
                None => {
                    self.text = change.text.clone();
                    self.rope = Rope::from_str(&self.text);
                    whole = true;
                }
                Some(range) => {
                    let mut start = rope_offset(&self.rope, range.start, encoding);
                    let mut end = rope_offset(&self.rope, range.end, encoding);
                    if end < start {
                        std::mem::swap(&mut start, &mut end);
                    }
                    let edit = input_edit(&self.text, start..end, &change.text);
                    let (start_char, end_char) =
                        (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
                    self.rope.remove(start_char..end_char);
                    self.rope.insert(start_char, &change.text);
                    self.text.replace_range(start..end, &change.text);
                    if !whole {
                        self.tree.edit(&edit);
                    }
                }
            }
        }
        self.version = version;
        self.index = LineIndex::new(&self.text);
        self.tree = if whole {
            parse(parser, &self.text, None)
        } else {
            parse(parser, &self.text, Some(&self.tree))
        };
    }

    /// Byte offset of an LSP position (clamped).
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        self.index.offset(
            &self.text,
            position.line as usize,
            position.character as usize,
            encoding,
        )
    }

    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let (line, character) = self.index.position(&self.text, offset, encoding);
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, range: &Range<usize>, encoding: Encoding) -> ls_types::Range {
        ls_types::Range::new(
            self.position(range.start, encoding),
            self.position(range.end, encoding),
        )
    }

    pub fn byte_range(&self, range: &ls_types::Range, encoding: Encoding) -> Range<usize> {
        let (a, b) = (
            self.offset(range.start, encoding),
            self.offset(range.end, encoding),
        );
        a.min(b)..a.max(b)
    }

    /// The dominant line break of the text, for inserted lines.
    pub fn line_break(&self) -> &'static str {
        match self.text.find('\n') {
            Some(i) if i > 0 && self.text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }
}

fn parse(parser: &mut Parser, text: &str, old: Option<&Tree>) -> Tree {
    parser
        .parse(text, old)
        .expect("parsing without a timeout or cancellation flag always returns a tree")
}

/// Applies the changes of one `didChange` to a bare rope (a document too
/// large to be parsed and checked is kept only as text).
pub fn apply_to_rope(
    rope: &mut Rope,
    changes: &[TextDocumentContentChangeEvent],
    encoding: Encoding,
) {
    for change in changes {
        match change.range {
            None => *rope = Rope::from_str(&change.text),
            Some(range) => {
                let mut start = rope_offset(rope, range.start, encoding);
                let mut end = rope_offset(rope, range.end, encoding);
                if end < start {
                    std::mem::swap(&mut start, &mut end);
                }
                let (start_char, end_char) = (rope.byte_to_char(start), rope.byte_to_char(end));
                rope.remove(start_char..end_char);
                rope.insert(start_char, &change.text);
            }
        }
    }
}

/// Byte offset of an LSP position in the rope: the same answer as
/// [`LineIndex::offset`] on the rope's text.
pub fn rope_offset(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    let column = position.character as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let mut content_bytes = slice.len_bytes();
    let n = slice.len_chars();
    if n > 0 && slice.char(n - 1) == '\n' {
        content_bytes -= 1;
        if n > 1 && slice.char(n - 2) == '\r' {
            content_bytes -= 1;
        }
    } else if n > 0 && slice.char(n - 1) == '\r' {
        content_bytes -= 1;
    }
    let end = start + content_bytes;
    match encoding {
        Encoding::Utf8 => {
            let target = (start + column).min(end);
            // Back to the start of the character the offset falls in.
            rope.char_to_byte(rope.byte_to_char(target))
        }
        Encoding::Utf16 => {
            let start_char = rope.byte_to_char(start);
            let start_cu = rope.char_to_utf16_cu(start_char);
            let end_cu = rope.char_to_utf16_cu(rope.byte_to_char(end));
            let target = (start_cu + column).min(end_cu);
            rope.char_to_byte(rope.utf16_cu_to_char(target))
        }
        Encoding::Chars => {
            let start_char = rope.byte_to_char(start);
            let end_char = rope.byte_to_char(end);
            rope.char_to_byte((start_char + column).min(end_char))
        }
    }
}

/// Tree-sitter's position of a byte: rows counted by LF only, columns in bytes.
fn point_at(text: &str, byte: usize) -> Point {
    let before = &text.as_bytes()[..byte];
    let row = memchr::memchr_iter(b'\n', before).count();
    let column = match memchr::memrchr(b'\n', before) {
        Some(i) => byte - i - 1,
        None => byte,
    };
    Point::new(row, column)
}

/// The tree edit replacing `range` of `text` with `new`.
fn input_edit(text: &str, range: Range<usize>, new: &str) -> InputEdit {
    let start_position = point_at(text, range.start);
    let old_end_position = point_at(text, range.end);
    let rows = memchr::memchr_iter(b'\n', new.as_bytes()).count();
    let new_end_position = match memchr::memrchr(b'\n', new.as_bytes()) {
        Some(i) => Point::new(start_position.row + rows, new.len() - i - 1),
        None => Point::new(start_position.row, start_position.column + new.len()),
    };
    InputEdit {
        start_byte: range.start,
        old_end_byte: range.end,
        new_end_byte: range.start + new.len(),
        start_position,
        old_end_position,
        new_end_position,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: &[&str] = &[
        "年度: 2023\r\n𠮷野家😀共3条\r\n\u{2028}第二行\rx",
        "",
        "\n\n\r\r\n",
        "| 规章 | 0 |\n| 行政规范性文件 | 1 |",
        "a\u{2029}b\u{85}c\u{b}d\u{c}e\r\n",
    ];

    #[test]
    fn rope_positions_agree_with_the_line_index() {
        for text in SAMPLES {
            let rope = Rope::from_str(text);
            let index = LineIndex::new(text);
            assert_eq!(rope.len_lines(), index.line_count(), "{text:?}");
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
                for line in 0..index.line_count() + 2 {
                    for column in 0..40 {
                        let p = Position::new(line as u32, column);
                        assert_eq!(
                            rope_offset(&rope, p, enc),
                            index.offset(text, line, column as usize, enc),
                            "{text:?} {enc:?} {line}:{column}"
                        );
                    }
                }
                // Every offset round-trips through a position.
                for (offset, _) in text.char_indices() {
                    if matches!(text.as_bytes()[offset], b'\r' | b'\n') {
                        continue;
                    }
                    let (l, c) = index.position(text, offset, enc);
                    let p = Position::new(l as u32, c as u32);
                    assert_eq!(rope_offset(&rope, p, enc), offset, "{text:?} {enc:?}");
                }
            }
        }
    }

    /// Random batches of edits, applied incrementally, give the tree of a
    /// fresh parse after every batch.
    #[test]
    fn incremental_reparse_matches_a_fresh_parse() {
        use nianbao_generate::rng::Rng;
        const INSERTS: &[&str] = &[
            "",
            "𠮷",
            "😀",
            "\r\n",
            "\n",
            "\r",
            "\u{2028}",
            "| 0 |",
            "| 规章 | 1 |\n",
            "# 二、",
            "第五十条第（四）项",
            "12件",
            "---\n",
            "《条例》",
            "共3条，其中1条。",
            "|",
            "#",
            "// x\n",
            "年度: 2023\n",
        ];
        let seeds = [
            "---\n年度: 2023\n---\n\n# 一、总体情况\n\n| a | 1 |\n| b | 2 |\n",
            "",
        ];
        for (n, start) in seeds.iter().enumerate() {
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let mut rng = Rng::new(n as u64 * 31 + 7);
                let mut parser = nianbao_core::syntax::parser();
                let uri: Uri = "file:///t.nianbao".parse().unwrap();
                let mut doc = Document::new(uri, 0, start.to_string(), &mut parser);
                let mut reference = start.to_string();
                for step in 0..400 {
                    let mut changes = Vec::new();
                    for _ in 0..1 + rng.below(3) as usize {
                        let index = LineIndex::new(&reference);
                        let line = rng.below(index.line_count() as u64 + 1) as usize;
                        let column = rng.below(12) as usize;
                        let a = index.offset(&reference, line, column, encoding);
                        let mut b = (a + rng.below(8) as usize).min(reference.len());
                        while !reference.is_char_boundary(b) {
                            b += 1;
                        }
                        let (bl, bc) = index.position(&reference, b, encoding);
                        // Positions cannot point between CR and LF.
                        let b = index.offset(&reference, bl, bc, encoding).max(a);
                        let text = *rng.pick(INSERTS);
                        reference.replace_range(a..b, text);
                        changes.push(TextDocumentContentChangeEvent {
                            range: Some(ls_types::Range::new(
                                Position::new(line as u32, column as u32),
                                Position::new(bl as u32, bc as u32),
                            )),
                            range_length: None,
                            text: text.to_string(),
                        });
                    }
                    doc.apply_changes(step + 1, &changes, encoding, &mut parser);
                    assert_eq!(doc.text(), reference, "{encoding:?} step {step}");
                    assert_eq!(
                        doc.tree().root_node().to_sexp(),
                        nianbao_core::syntax::parse(&reference)
                            .root_node()
                            .to_sexp(),
                        "{encoding:?} step {step}"
                    );
                    assert_eq!(doc.rope.to_string(), reference);
                }
            }
        }
    }

    #[test]
    fn points_count_lf_only() {
        let text = "ab\r\ncd\ref\ng";
        assert_eq!(point_at(text, 0), Point::new(0, 0));
        assert_eq!(point_at(text, 4), Point::new(1, 0));
        assert_eq!(point_at(text, 8), Point::new(1, 4));
        assert_eq!(point_at(text, 10), Point::new(2, 0));
    }
}
