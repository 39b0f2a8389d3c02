//! Walks the syntax tree once and builds the [`Report`].

use std::cell::RefCell;
use std::ops::Range;
use std::str::FromStr;
use std::sync::LazyLock;

use rust_decimal::Decimal;
use tree_sitter::{Node, Tree, TreeCursor};

/// A field of the grammar (`tree_sitter` does not export its alias).
type FieldId = std::num::NonZeroU16;

use super::front_matter::Entry;
use super::inline::{ascii_digits, magnitude_factor, APPROX_AFTER, APPROX_BEFORE};
use super::*;
use text::{figure_parts, is_plain_figure, plain_figure, plain_value};

/// The node kinds and fields the walk tells apart, as ids: `Node::kind` and
/// `TreeCursor::field_name` read and check a C string at every call.
struct Ids {
    front_matter: u16,
    section: u16,
    paragraph: u16,
    table: u16,
    comment: u16,
    heading: u16,
    number: u16,
    article_ref: u16,
    placeholder: u16,
    title: u16,
    table_row: u16,
    table_delimiter_row: u16,
    table_cell: u16,
    not_applicable: u16,
    front_matter_entry: u16,
    /// The two colons of a front matter entry.
    colon: u16,
    wide_colon: u16,
    key: FieldId,
    close: FieldId,
    value: FieldId,
    magnitude: FieldId,
    unit: FieldId,
    approx: FieldId,
}

static IDS: LazyLock<Ids> = LazyLock::new(|| {
    let language = crate::syntax::language();
    let kind = |name: &str| {
        let id = language.id_for_node_kind(name, true);
        assert_ne!(id, 0, "the grammar has a node kind {name}");
        id
    };
    let token = |name: &str| {
        let id = language.id_for_node_kind(name, false);
        assert_ne!(id, 0, "the grammar has a token {name}");
        id
    };
    let field = |name: &str| {
        language
            .field_id_for_name(name)
            .unwrap_or_else(|| panic!("the grammar has a field {name}"))
    };
    Ids {
        front_matter: kind("front_matter"),
        section: kind("section"),
        paragraph: kind("paragraph"),
        table: kind("table"),
        comment: kind("comment"),
        heading: kind("heading"),
        number: kind("number"),
        article_ref: kind("article_ref"),
        placeholder: kind("placeholder"),
        title: kind("title"),
        table_row: kind("table_row"),
        table_delimiter_row: kind("table_delimiter_row"),
        table_cell: kind("table_cell"),
        not_applicable: kind("not_applicable"),
        front_matter_entry: kind("front_matter_entry"),
        colon: token(":"),
        wide_colon: token("："),
        key: field("key"),
        close: field("close"),
        value: field("value"),
        magnitude: field("magnitude"),
        unit: field("unit"),
        approx: field("approx"),
    }
});

/// Builds the report model of `text` from its syntax tree.
pub fn build(tree: &Tree, text: &str) -> Report {
    let mut cursor = tree.root_node().walk();
    build_nodes(tree, tree.root_node().children(&mut cursor), text)
}

/// The model of some top-level nodes of `tree`, as [`build`] makes it of
/// them (section indices counted from 0): `build` is this on every
/// top-level node, `check::incremental` on the blocks an edit touched.
pub(crate) fn build_nodes<'t>(
    tree: &'t Tree,
    nodes: impl IntoIterator<Item = Node<'t>>,
    text: &'t str,
) -> Report {
    let mut builder = Builder {
        text,
        ids: &IDS,
        walk: RefCell::new(tree.walk()),
        leaf: RefCell::new(tree.walk()),
        report: Report::empty(text.len()),
    };
    for node in nodes {
        builder.visit(node, None);
    }
    builder.report
}

/// The blanks the grammar skips between tokens (its `extras`).
const EXTRAS: [char; 6] = [' ', '\t', '\u{3000}', '\u{a0}', '\r', '\u{feff}'];

/// A gap between two pipes with nothing in it.
fn blank(gap: Range<usize>) -> Cell {
    Cell {
        range: gap,
        text: String::new(),
        value: CellValue::Blank,
        refs: Vec::new(),
        placeholder: false,
    }
}

/// A row's cells, and whether it has no closing `|`.
struct RowCells {
    cells: Vec<Cell>,
    open_end: bool,
}

struct Builder<'t> {
    text: &'t str,
    ids: &'static Ids,
    /// Cursors reused for the children of paragraphs, rows and cells, and for
    /// the parts of a figure (a new cursor allocates).
    walk: RefCell<TreeCursor<'t>>,
    leaf: RefCell<TreeCursor<'t>>,
    report: Report,
}

impl<'t> Builder<'t> {
    fn slice(&self, node: Node) -> &'t str {
        &self.text[node.byte_range()]
    }

    fn visit_children(&mut self, node: Node<'t>, section: Option<usize>) {
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            self.visit(child, section);
        }
    }

    fn visit(&mut self, node: Node<'t>, section: Option<usize>) {
        if node.is_error() || node.is_missing() {
            self.report.syntax_errors.push(node.byte_range());
        }
        let (kind, ids) = (node.kind_id(), self.ids);
        if kind == ids.front_matter {
            self.front_matter(node);
        } else if kind == ids.section {
            self.section(node, section);
        } else if kind == ids.paragraph {
            self.paragraph(node, section);
        } else if kind == ids.table {
            self.table(node, section);
        } else if kind == ids.comment {
            self.comment(node);
        } else if kind == ids.heading {
            // A level 4–6 heading: counted as a section without children.
            self.push_section(node, section, node.byte_range());
        } else if node.is_error() {
            self.visit_children(node, section);
        }
    }

    fn front_matter(&mut self, node: Node<'t>) {
        self.report.front.range = Some(node.byte_range());
        let ids = self.ids;
        // One walk over the children, kinds and fields by id (`kind`,
        // `child_by_field_name` compare strings, a new cursor allocates).
        let mut children = Vec::new();
        let mut cursor = self.walk.borrow_mut();
        cursor.reset(node);
        if cursor.goto_first_child() {
            loop {
                if cursor.field_id() == Some(ids.close) {
                    self.report.front.closed = true;
                }
                let child = cursor.node();
                if child.is_named() {
                    children.push(child);
                }
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        drop(cursor);
        for child in children {
            let kind = child.kind_id();
            if kind == ids.front_matter_entry {
                let entry = self.front_matter_entry(child);
                self.report.front.entries.push(entry);
            } else if kind == ids.comment {
                self.comment(child);
            }
            if child.is_error() {
                self.report.syntax_errors.push(child.byte_range());
            }
        }
    }

    fn front_matter_entry(&self, node: Node<'t>) -> Entry {
        let ids = self.ids;
        let (mut key, mut value, mut has_colon) = (None, None, false);
        self.each_child(node, |field, child| {
            match field {
                Some(f) if f == ids.key => _ = key.get_or_insert(child),
                Some(f) if f == ids.value => _ = value.get_or_insert(child),
                _ => {}
            }
            has_colon |= matches!(child.kind_id(), k if k == ids.colon || k == ids.wide_colon);
        });
        let key = key.unwrap_or(node);
        let line_end = self.line_content_end(node);
        Entry {
            key: self.slice(key).trim().to_string(),
            key_range: key.byte_range(),
            value: match value {
                Some(v) => Some(self.slice(v).trim().to_string()),
                None if has_colon => Some(String::new()),
                None => None,
            },
            value_range: value.map_or(line_end..line_end, |v| {
                v.start_byte()..v.start_byte() + self.slice(v).trim_end().len()
            }),
            line_range: node.byte_range(),
        }
    }

    /// Calls `f` with the field and node of each child of `node`, in one
    /// pass of the reused leaf cursor (field lookups walk the children
    /// each time, a new cursor allocates).
    fn each_child(&self, node: Node<'t>, mut f: impl FnMut(Option<FieldId>, Node<'t>)) {
        let mut cursor = self.leaf.borrow_mut();
        cursor.reset(node);
        if cursor.goto_first_child() {
            loop {
                f(cursor.field_id(), cursor.node());
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
        }
    }

    /// End of a line's content, before its newline.
    fn line_content_end(&self, node: Node) -> usize {
        let s = self.slice(node);
        node.start_byte() + s.trim_end_matches(['\n', '\r']).trim_end().len()
    }

    fn push_section(&mut self, heading: Node, parent: Option<usize>, range: Range<usize>) -> usize {
        let marker = heading.child_by_field_name("marker");
        let level = marker.map_or(1, |m| self.slice(m).trim().chars().count());
        let content = heading.child_by_field_name("content");
        let title_range = match content {
            Some(c) => c.start_byte()..c.start_byte() + self.slice(c).trim_end().len(),
            None => {
                let end = marker.map_or(heading.start_byte(), |m| m.end_byte());
                end..end
            }
        };
        self.report.sections.push(Section {
            level,
            title: self.text[title_range.clone()].to_string(),
            heading_range: heading.start_byte()..self.line_content_end(heading),
            title_range,
            range,
            parent,
        });
        self.report.sections.len() - 1
    }

    fn section(&mut self, node: Node<'t>, parent: Option<usize>) {
        let Some(heading) = node.child_by_field_name("heading") else {
            return;
        };
        let index = self.push_section(heading, parent, node.byte_range());
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if child.id() != heading.id() {
                self.visit(child, Some(index));
            }
        }
    }

    fn comment(&mut self, node: Node) {
        let raw = self.slice(node).trim_end();
        self.report.comments.push(Comment {
            range: node.start_byte()..node.start_byte() + raw.len(),
            text: raw.trim_start_matches('/').trim().to_string(),
        });
    }

    fn paragraph(&mut self, node: Node<'t>, section: Option<usize>) {
        let mut paragraph = Paragraph {
            range: node.start_byte()..self.line_content_end(node),
            section,
            numbers: Vec::new(),
            refs: Vec::new(),
            placeholders: Vec::new(),
        };
        let mut cursor = self.walk.borrow_mut();
        let mut previous: Option<Node> = None;
        for child in node.named_children(&mut cursor) {
            self.inline(
                child,
                previous,
                &mut paragraph.numbers,
                &mut paragraph.refs,
                &mut paragraph.placeholders,
            );
            previous = Some(child);
        }
        drop(cursor);
        self.report.paragraphs.push(paragraph);
    }

    fn inline(
        &self,
        node: Node<'t>,
        previous: Option<Node>,
        numbers: &mut Vec<Number>,
        refs: &mut Vec<ArticleRef>,
        placeholders: &mut Vec<Placeholder>,
    ) {
        let (kind, ids) = (node.kind_id(), self.ids);
        if kind == ids.number {
            if let Some(n) = self.number(node) {
                numbers.push(n);
            }
        } else if kind == ids.article_ref {
            refs.push(ArticleRef {
                range: node.byte_range(),
                text: self.slice(node).to_string(),
                preceding_title: previous
                    .filter(|p| {
                        p.kind_id() == ids.title
                            && self.text[p.end_byte()..node.start_byte()].trim().is_empty()
                    })
                    .map(|p| self.slice(p).to_string()),
            });
        } else if kind == ids.placeholder {
            placeholders.push(Placeholder {
                range: node.byte_range(),
            });
        }
    }

    fn number(&self, node: Node<'t>) -> Option<Number> {
        let range = node.byte_range();
        if !node.has_error() {
            if let Some((digits, magnitude, unit, approx)) = figure_parts(&self.text[range.clone()])
            {
                let at = range.start;
                return self.figure(
                    &self.text[at..at + digits],
                    range,
                    at..at + digits,
                    magnitude.map(str::to_string),
                    unit.map(str::to_string),
                    approx,
                );
            }
        }
        self.number_by_tree(node)
    }

    /// [`Builder::number`] from the node's children.
    fn number_by_tree(&self, node: Node<'t>) -> Option<Number> {
        // One pass over the children (field lookups walk them each time).
        let (mut digits, mut magnitude, mut unit, mut approx) = (None, None, None, false);
        let ids = self.ids;
        self.each_child(node, |field, child| match field {
            Some(f) if f == ids.value => digits = Some(child),
            Some(f) if f == ids.magnitude => magnitude = Some(self.slice(child).to_string()),
            Some(f) if f == ids.unit => unit = Some(self.slice(child).to_string()),
            Some(f) if f == ids.approx => approx = true,
            _ => {}
        });
        let digits = digits?;
        self.figure(
            self.slice(digits),
            node.byte_range(),
            digits.byte_range(),
            magnitude,
            unit,
            approx,
        )
    }

    /// The figure at `range` written with `digits` (at `digits_range`); `None`
    /// when they are no decimal.
    fn figure(
        &self,
        digits: &str,
        range: Range<usize>,
        digits_range: Range<usize>,
        magnitude: Option<String>,
        unit: Option<String>,
        approx: bool,
    ) -> Option<Number> {
        // ASCII digits are as `ascii_digits` would give them: no copy.
        let converted;
        let raw = if digits.is_ascii() {
            digits
        } else {
            converted = ascii_digits(digits);
            converted.as_str()
        };
        let signed = raw.starts_with(['+', '-']);
        let written = Decimal::from_str(raw.trim_start_matches('+')).ok()?;
        let factor = magnitude.as_deref().map_or(Decimal::ONE, magnitude_factor);
        let value = written.checked_mul(factor).unwrap_or(written);
        let before = &self.text[..range.start];
        let after = &self.text[range.end..];
        let approx = approx
            || APPROX_BEFORE.iter().any(|w| before.ends_with(w))
            || APPROX_AFTER.iter().any(|w| after.starts_with(w));
        Some(Number {
            range,
            digits_range,
            value,
            written,
            approx,
            magnitude,
            unit,
            signed,
        })
    }

    fn table(&mut self, node: Node<'t>, section: Option<usize>) {
        let mut header: Option<Row> = None;
        let mut has_delimiter = false;
        let mut rows = Vec::new();
        let mut cursor = node.walk();
        let mut seen_rows = 0;
        let ids = self.ids;
        for child in node.named_children(&mut cursor) {
            let kind = child.kind_id();
            if kind == ids.table_row {
                let row = self.row(child);
                if seen_rows == 0 {
                    header = Some(row);
                } else {
                    rows.push(row);
                }
                seen_rows += 1;
            } else if kind == ids.table_delimiter_row {
                has_delimiter |= seen_rows == 1;
                seen_rows += 1;
            } else if kind == ids.comment {
                self.comment(child);
            }
        }
        let header = header.unwrap_or(Row {
            range: node.start_byte()..node.start_byte(),
            cells: Vec::new(),
            open_end: false,
        });
        self.report.tables.push(Table {
            range: node.start_byte()..self.line_content_end(node),
            section,
            header,
            has_delimiter,
            rows,
        });
    }

    fn row(&self, node: Node<'t>) -> Row {
        let content_end = self.line_content_end(node);
        let cells = self
            .cells_by_text(node, content_end)
            .unwrap_or_else(|| self.cells_by_tree(node, content_end));
        let open_end = cells.open_end;
        Row {
            range: node.start_byte()..content_end,
            cells: cells.cells,
            open_end,
        }
    }

    /// The cells of a row without errors and without a 《title》 (the only
    /// place a cell can hold a `|`): every `|` of the line separates cells,
    /// a gap of blanks is a blank cell and a gap of ASCII digits is a figure
    /// (the grammar can read them no other way); only the other cells' nodes
    /// are looked up, by their first byte. Stepping through the row's
    /// children crosses the grammar's hidden repeat nodes, several hundred
    /// instructions a step. `None` where the row is not so plain.
    fn cells_by_text(&self, node: Node<'t>, content_end: usize) -> Option<RowCells> {
        let line = &self.text[node.start_byte()..content_end];
        if node.has_error() {
            return None;
        }
        // A row is short: one pass over its bytes finds the pipes and a 《
        // (`E3 80 8A`; `E3` only leads a character), into room for the usual
        // number of cells (a memchr call per pipe, and a search for 《 that
        // stops at every `8A` of other characters, cost more).
        let start = node.start_byte();
        let bytes = line.as_bytes();
        let mut pipes: Vec<usize> = Vec::with_capacity(16);
        for (p, &b) in bytes.iter().enumerate() {
            if b == b'|' {
                pipes.push(start + p);
            } else if b == 0x8A && p >= 2 && bytes[p - 2] == 0xE3 && bytes[p - 1] == 0x80 {
                return None;
            }
        }
        let (open_end, bounds) = self.gaps(&pipes, content_end);
        let mut cells = Vec::with_capacity(bounds.len());
        for gap in bounds {
            let in_gap = &self.text[gap.clone()];
            let start = gap.end - in_gap.trim_start_matches(EXTRAS).len();
            let content = self.text[start..gap.end].trim_end_matches(EXTRAS);
            let range = start..start + content.len();
            cells.push(if content.is_empty() {
                blank(gap)
            } else if is_plain_figure(content) {
                let value =
                    plain_figure(content, range.clone()).map_or(CellValue::Text, CellValue::Number);
                Cell {
                    text: content.to_string(),
                    range,
                    value,
                    refs: Vec::new(),
                    placeholder: false,
                }
            } else if let Some(value) = plain_value(content) {
                // As `cell` reads it.
                let range = start..start + content.trim_end().len();
                Cell {
                    text: self.text[range.clone()].trim().to_string(),
                    range,
                    value,
                    refs: Vec::new(),
                    placeholder: false,
                }
            } else {
                let mut cursor = self.walk.borrow_mut();
                cursor.reset(node);
                cursor.goto_first_child_for_byte(start)?;
                let cell = cursor.node();
                drop(cursor);
                if cell.kind_id() != self.ids.table_cell
                    || cell.start_byte() != start
                    || cell.end_byte() > gap.end
                {
                    return None;
                }
                self.cell(cell)
            });
        }
        Some(RowCells { cells, open_end })
    }

    /// The cells of any row, from the row's children.
    fn cells_by_tree(&self, node: Node<'t>, content_end: usize) -> RowCells {
        let cell_kind = self.ids.table_cell;
        let cells_nodes: Vec<Node> = node
            .named_children(&mut self.walk.borrow_mut())
            .filter(|c| c.kind_id() == cell_kind)
            .collect();
        // Pipes are the `|` bytes outside cells (a cell cannot hold a `|`
        // except inside a 《title》, which is inside the cell's range).
        let mut pipes = Vec::new();
        let mut cell_iter = cells_nodes.iter().peekable();
        let bytes = self.text.as_bytes();
        let mut offset = node.start_byte();
        while offset < content_end {
            if let Some(cell) = cell_iter.peek() {
                if offset >= cell.start_byte() {
                    offset = cell.end_byte();
                    cell_iter.next();
                    continue;
                }
            }
            if bytes[offset] == b'|' {
                pipes.push(offset);
            }
            offset += 1;
        }
        let (open_end, bounds) = self.gaps(&pipes, content_end);
        // Cells and gaps are both in order: one pass (a search per gap would
        // make a row of n cells cost n²).
        let mut next_cell = 0;
        let cells = bounds
            .into_iter()
            .map(|gap| {
                while next_cell < cells_nodes.len()
                    && cells_nodes[next_cell].start_byte() < gap.start
                {
                    next_cell += 1;
                }
                let cell_node = cells_nodes
                    .get(next_cell)
                    .filter(|c| c.end_byte() <= gap.end);
                match cell_node {
                    Some(&c) => self.cell(c),
                    None => blank(gap),
                }
            })
            .collect();
        RowCells { cells, open_end }
    }

    /// Whether the row is open at the end, and the gaps between its pipes
    /// (with the text after the last one when the row is open).
    fn gaps(&self, pipes: &[usize], content_end: usize) -> (bool, Vec<Range<usize>>) {
        let open_end = pipes
            .last()
            .is_none_or(|&p| !self.text[p + 1..content_end].trim().is_empty());
        let mut bounds: Vec<Range<usize>> = pipes.windows(2).map(|w| w[0] + 1..w[1]).collect();
        if open_end {
            if let Some(&last) = pipes.last() {
                bounds.push(last + 1..content_end);
            }
        }
        (open_end, bounds)
    }

    fn cell(&self, node: Node<'t>) -> Cell {
        let raw = self.slice(node);
        let range = node.start_byte()..node.start_byte() + raw.trim_end().len();
        let mut numbers = Vec::new();
        let mut refs = Vec::new();
        let mut placeholders = Vec::new();
        let mut cursor = self.walk.borrow_mut();
        let (mut children, mut previous) = (0, None);
        for child in node.named_children(&mut cursor) {
            self.inline(child, previous, &mut numbers, &mut refs, &mut placeholders);
            previous = Some(child);
            children += 1;
        }
        drop(cursor);
        // The one child's kind, when there is one.
        let only = previous.filter(|_| children == 1).map(|c| c.kind_id());
        let value = match only {
            Some(k) if k == self.ids.not_applicable => CellValue::NotApplicable,
            Some(k) if k == self.ids.number && numbers.len() == 1 => {
                CellValue::Number(numbers.pop().expect("one number"))
            }
            _ => CellValue::Text,
        };
        Cell {
            text: self.text[range.clone()].trim().to_string(),
            range,
            value,
            refs,
            placeholder: !placeholders.is_empty(),
        }
    }
}

mod text;

#[cfg(test)]
mod tests;
