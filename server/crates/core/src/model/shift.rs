//! Moving a piece of the model along the text: an edit before it moved its
//! bytes by `delta` and the sections before it changed in number by
//! `sections` (the incremental check reuses the model of the top-level
//! blocks an edit did not touch, `check::incremental`).

use std::ops::Range;

use super::{ArticleRef, Cell, Comment, Number, Paragraph, Placeholder, Row, Section, Table};

/// How far a reused piece moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    /// Bytes.
    pub delta: isize,
    /// Section indices.
    pub sections: isize,
}

impl Shift {
    /// Not moved at all.
    pub const NONE: Shift = Shift {
        delta: 0,
        sections: 0,
    };

    pub fn range(&self, r: &mut Range<usize>) {
        r.start = r.start.wrapping_add_signed(self.delta);
        r.end = r.end.wrapping_add_signed(self.delta);
    }

    fn section(&self, s: &mut Option<usize>) {
        if let Some(i) = s {
            *i = i.wrapping_add_signed(self.sections);
        }
    }

    pub fn section_item(&self, s: &mut Section) {
        self.range(&mut s.heading_range);
        self.range(&mut s.title_range);
        self.range(&mut s.range);
        self.section(&mut s.parent);
    }

    pub fn paragraph(&self, p: &mut Paragraph) {
        self.range(&mut p.range);
        self.section(&mut p.section);
        p.numbers.iter_mut().for_each(|n| self.number(n));
        p.refs.iter_mut().for_each(|r| self.article_ref(r));
        p.placeholders.iter_mut().for_each(|x| self.placeholder(x));
    }

    pub fn table(&self, t: &mut Table) {
        self.range(&mut t.range);
        self.section(&mut t.section);
        self.row(&mut t.header);
        t.rows.iter_mut().for_each(|r| self.row(r));
    }

    pub fn comment(&self, c: &mut Comment) {
        self.range(&mut c.range);
    }

    fn row(&self, r: &mut Row) {
        self.range(&mut r.range);
        r.cells.iter_mut().for_each(|c| self.cell(c));
    }

    fn cell(&self, c: &mut Cell) {
        self.range(&mut c.range);
        if let super::CellValue::Number(n) = &mut c.value {
            self.number(n);
        }
        c.refs.iter_mut().for_each(|r| self.article_ref(r));
    }

    fn number(&self, n: &mut Number) {
        self.range(&mut n.range);
        self.range(&mut n.digits_range);
    }

    fn article_ref(&self, r: &mut ArticleRef) {
        self.range(&mut r.range);
    }

    fn placeholder(&self, p: &mut Placeholder) {
        self.range(&mut p.range);
    }
}
