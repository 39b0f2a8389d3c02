//! The typed report: from the syntax tree to front matter, sections,
//! paragraphs with their inline figures, and tables of cells. Everything
//! keeps its byte range in the source so rules can point at it.
//!
//! Building the model walks the tree once; it never fails. Whatever cannot be
//! understood (a malformed date, a cell with text where a figure belongs) is
//! kept as it is and left for the rules to report.

mod build;
pub mod date;
pub mod front_matter;
pub mod inline;
pub mod shift;
pub mod table;

use std::ops::Range;

pub use build::build;
pub(crate) use build::build_nodes;
pub use date::Date;
pub use front_matter::{FrontMatter, OrganKind};
pub use inline::{ArticleRef, Number, Placeholder};
pub use table::{Cell, CellValue, Row, Table};

/// A report as the checker sees it.
#[derive(Debug, Clone)]
pub struct Report {
    pub front: FrontMatter,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub tables: Vec<Table>,
    pub comments: Vec<Comment>,
    /// Syntax errors (ERROR / MISSING nodes) by range.
    pub syntax_errors: Vec<Range<usize>>,
    /// Number of bytes of the text.
    pub len: usize,
}

/// A heading and what follows it up to the next heading of the same or a
/// higher level.
#[derive(Debug, Clone)]
pub struct Section {
    /// 1 for `#`, 2 for `##` …
    pub level: usize,
    /// The heading text, trimmed.
    pub title: String,
    pub heading_range: Range<usize>,
    /// Range of the heading's text (empty at the end of the marker when the
    /// heading has no text yet).
    pub title_range: Range<usize>,
    pub range: Range<usize>,
    /// Index of the enclosing section.
    pub parent: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub range: Range<usize>,
    /// Innermost enclosing section.
    pub section: Option<usize>,
    pub numbers: Vec<Number>,
    pub refs: Vec<ArticleRef>,
    pub placeholders: Vec<Placeholder>,
}

#[derive(Debug, Clone)]
pub struct Comment {
    pub range: Range<usize>,
    /// The text after `//`, trimmed.
    pub text: String,
}

impl Report {
    /// A report with nothing in it, of a text of `len` bytes.
    pub fn empty(len: usize) -> Report {
        Report {
            front: FrontMatter::default(),
            sections: Vec::new(),
            paragraphs: Vec::new(),
            tables: Vec::new(),
            comments: Vec::new(),
            syntax_errors: Vec::new(),
            len,
        }
    }

    /// The top-level (`#`) section that contains section `index`.
    pub fn top_section(&self, mut index: usize) -> usize {
        while let Some(parent) = self.sections[index].parent {
            index = parent;
        }
        index
    }

    /// Every article reference of the report, in prose and in table cells.
    pub fn article_refs(&self) -> impl Iterator<Item = &ArticleRef> {
        self.paragraphs
            .iter()
            .flat_map(|p| p.refs.iter())
            .chain(self.tables.iter().flat_map(|t| {
                t.rows
                    .iter()
                    .flat_map(|r| r.cells.iter().flat_map(|c| c.refs.iter()))
            }))
    }
}
