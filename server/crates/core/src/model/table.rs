//! Pipe tables: rows of cells, each cell blank, not applicable, a figure or text.

use std::ops::Range;

use rust_decimal::Decimal;

use super::{ArticleRef, Number};

#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Nothing between the pipes.
    Blank,
    /// `—`, `/`, `-`: the cell does not apply.
    NotApplicable,
    /// A single figure and nothing else.
    Number(Number),
    /// Anything else: a label, or text where a figure belongs.
    Text,
}

#[derive(Debug, Clone)]
pub struct Cell {
    /// The content's range; for a blank cell, the whole gap between the pipes.
    pub range: Range<usize>,
    /// The content, trimmed.
    pub text: String,
    pub value: CellValue,
    pub refs: Vec<ArticleRef>,
    /// Placeholders in the cell (`XX`).
    pub placeholder: bool,
}

impl Cell {
    pub fn number(&self) -> Option<&Number> {
        match &self.value {
            CellValue::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn decimal(&self) -> Option<Decimal> {
        self.number().map(|n| n.value)
    }

    pub fn is_blank(&self) -> bool {
        self.value == CellValue::Blank
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub range: Range<usize>,
    pub cells: Vec<Cell>,
    /// The line has no closing `|`.
    pub open_end: bool,
}

impl Row {
    /// The first cell's text: the row label.
    pub fn label(&self) -> &str {
        self.cells.first().map_or("", |c| c.text.as_str())
    }

    /// Where a new cell would go at the end of the row.
    pub fn end_of_content(&self) -> usize {
        self.cells.last().map_or(self.range.start, |c| c.range.end)
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub range: Range<usize>,
    /// Innermost enclosing section.
    pub section: Option<usize>,
    /// The first row.
    pub header: Row,
    /// Whether the second row is an alignment row.
    pub has_delimiter: bool,
    /// Rows after the header and the alignment row.
    pub rows: Vec<Row>,
}

impl Table {
    /// Header labels after the corner cell.
    pub fn column_labels(&self) -> impl Iterator<Item = &Cell> {
        self.header.cells.iter().skip(1)
    }
}
