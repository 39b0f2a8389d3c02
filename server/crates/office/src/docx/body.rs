//! The body: paragraphs, tables, footnotes and endnotes → blocks.

use super::*;

// ---------------------------------------------------------------------------------------------------------
// The body.

#[derive(Debug, Clone, Copy)]
pub(super) enum NoteKind {
    Foot,
    End,
}

#[derive(Default)]
pub(super) struct DocReader {
    pub(super) styles: Styles,
    pub(super) numbering: Numbering,
    pub(super) footnotes: HashMap<String, El>,
    pub(super) endnotes: HashMap<String, El>,
    /// Notes referenced, in order: (kind, id, label).
    pub(super) note_refs: Vec<(NoteKind, String, String)>,
    pub(super) dropped: Vec<Dropped>,
}

/// Text of a paragraph being read, and the text boxes found in it (emitted after it).
#[derive(Default)]
pub(super) struct ParaText {
    pub(super) text: String,
    pub(super) boxes: Vec<Block>,
    pub(super) hidden: String,
    pub(super) deleted: String,
}

impl DocReader {
    /// Block-level content: paragraphs, tables, content controls, and containers of those.
    pub(super) fn blocks(&mut self, el: &El, out: &mut Vec<Block>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in el.elements() {
            match child.name.as_str() {
                "p" => self.paragraph(child, out, depth),
                "tbl" => self.table(child, out, depth),
                "sectPr" | "tblPr" | "tblGrid" | "pPr" | "bookmarkStart" | "bookmarkEnd" => {}
                // sdt/sdtContent, customXml, ins, moveTo, smartTag, and unknown wrappers.
                "del" | "moveFrom" => {}
                _ => self.blocks(child, out, depth + 1),
            }
        }
    }

    pub(super) fn paragraph(&mut self, p: &El, out: &mut Vec<Block>, depth: usize) {
        let mut t = ParaText::default();
        self.inline(p, &mut t, false, depth);
        if !t.hidden.trim().is_empty() {
            self.drop(&t.hidden, "隐藏文字（Word 中设置为隐藏，不会打印）");
        }
        if !t.deleted.trim().is_empty() {
            self.drop(&t.deleted, "修订中已删除的文字");
        }
        let ppr = p.child("pPr");
        let style = ppr
            .and_then(|p| p.val("pStyle"))
            .map(str::to_string)
            .or_else(|| self.styles.default_paragraph.clone());
        // The list label Word draws.
        let num = ppr.and_then(num_pr).or_else(|| {
            style
                .as_deref()
                .and_then(|s| self.styles.resolve(s, |st| st.num.clone()))
        });
        let mut text = t.text.trim_end().to_string();
        let trimmed_start = text.trim_start().to_string();
        if let Some((id, level)) = num {
            if !trimmed_start.is_empty() {
                if let Some(label) = self.numbering.next(&id, level) {
                    text = format!("{label}{trimmed_start}");
                }
            }
        }
        let outline = ppr
            .and_then(|p| p.val("outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|&l| l < 9)
            .or_else(|| {
                style
                    .as_deref()
                    .and_then(|s| self.styles.resolve(s, |st| st.outline))
            });
        let heading = style
            .as_deref()
            .and_then(|s| self.styles.resolve(s, |st| st.heading));
        let level = outline
            .map(|l| l + 1)
            .or(heading)
            .or_else(|| html::numbered_level(&text));
        if !text.trim().is_empty() {
            let single_line = !text.contains('\n') && text.chars().count() <= 60;
            match level {
                Some(l) if single_line => {
                    out.push(Block::Heading(l.min(3), text.trim().to_string()))
                }
                _ => out.push(Block::Para(text.trim().to_string())),
            }
        }
        out.append(&mut t.boxes);
    }

    pub(super) fn drop(&mut self, text: &str, reason: &str) {
        self.dropped.push(Dropped {
            text: text.trim().to_string(),
            reason: reason.to_string(),
            page: None,
        });
    }

    /// Inline content of a paragraph.
    pub(super) fn inline(&mut self, el: &El, t: &mut ParaText, hidden: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in el.elements() {
            match child.name.as_str() {
                "pPr" | "rPr" | "bookmarkStart" | "bookmarkEnd" | "proofErr"
                | "commentRangeStart" | "commentRangeEnd" | "commentReference" | "instrText"
                | "delInstrText" => {}
                "r" => {
                    let vanish = child.child("rPr").is_some_and(|r| r.toggle("vanish"));
                    self.inline(child, t, hidden || vanish, depth + 1);
                }
                "t" => {
                    let s = child.text();
                    if hidden {
                        t.hidden.push_str(&s);
                    } else {
                        t.text.push_str(&s);
                    }
                }
                "delText" => t.deleted.push_str(&child.text()),
                "tab" | "ptab" => t.text.push('\t'),
                "br" | "cr" => {
                    if child.attr("type") != Some("page") && child.attr("type") != Some("column") {
                        t.text.push('\n');
                    }
                }
                "noBreakHyphen" => t.text.push('-'),
                "softHyphen" => {}
                "sym" => {
                    if let Some(c) = child
                        .attr("char")
                        .and_then(|c| u32::from_str_radix(c, 16).ok())
                        .map(|c| if c >= 0xF000 { c - 0xF000 } else { c })
                        .and_then(char::from_u32)
                        .filter(|c| !c.is_control())
                    {
                        t.text.push(c);
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    let kind = if child.name == "footnoteReference" {
                        NoteKind::Foot
                    } else {
                        NoteKind::End
                    };
                    if let Some(id) = child.attr("id") {
                        let label = (self.note_refs.len() + 1).to_string();
                        t.text.push_str(&format!("[注{label}]"));
                        self.note_refs.push((kind, id.to_string(), label));
                    }
                }
                "AlternateContent" => {
                    // One branch only: the Choice (DrawingML) if there is one, else the Fallback (VML).
                    let branch = child.child("Choice").or_else(|| child.child("Fallback"));
                    if let Some(b) = branch {
                        self.inline(b, t, hidden, depth + 1);
                    }
                }
                "txbxContent" => {
                    let mut inner = Vec::new();
                    self.blocks(child, &mut inner, depth + 1);
                    // A heading inside a text box is no heading of the report.
                    for b in inner {
                        match b {
                            Block::Heading(_, s) => t.boxes.push(Block::Para(s)),
                            b => t.boxes.push(b),
                        }
                    }
                }
                "del" | "moveFrom" => {
                    let mut d = ParaText::default();
                    self.inline(child, &mut d, true, depth + 1);
                    t.deleted.push_str(&d.hidden);
                    t.deleted.push_str(&d.deleted);
                }
                // Pictures, charts, embedded objects: only their text boxes (found by recursion) are text.
                "drawing" | "pict" | "object" | "graphic" | "graphicData" | "anchor" | "inline" => {
                    self.inline(child, t, hidden, depth + 1)
                }
                "tbl" => {
                    // A table inside a paragraph's content (text box): read as its own blocks.
                    self.table(child, &mut t.boxes, depth + 1);
                }
                "p" => {
                    // A paragraph where inline content was expected (text box in VML): a block of its own.
                    self.paragraph(child, &mut t.boxes, depth + 1);
                }
                // hyperlink, smartTag, fldSimple, ins, moveTo, sdt, sdtContent, customXml, Choice …
                _ => self.inline(child, t, hidden, depth + 1),
            }
        }
    }

    pub(super) fn table(&mut self, tbl: &El, out: &mut Vec<Block>, depth: usize) {
        struct Slot {
            col: usize,
            span: usize,
            merge: Merge,
            text: String,
        }
        #[derive(PartialEq)]
        enum Merge {
            None,
            Restart,
            Continue,
        }
        let mut rows: Vec<Vec<Slot>> = Vec::new();
        let mut extra: Vec<Block> = Vec::new();
        for tr in table_rows(tbl) {
            let trpr = tr.child("trPr");
            let before: usize = trpr
                .and_then(|p| p.val("gridBefore"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
                .min(64);
            let mut col = 0;
            let mut row = Vec::new();
            if before > 0 {
                row.push(Slot {
                    col,
                    span: before,
                    merge: Merge::None,
                    text: String::new(),
                });
                col += before;
            }
            for tc in row_cells(tr) {
                let tcpr = tc.child("tcPr");
                let span: usize = tcpr
                    .and_then(|p| p.val("gridSpan"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let merge = match tcpr.and_then(|p| p.child("vMerge")) {
                    None => Merge::None,
                    Some(m) => match m.attr("val") {
                        Some("restart") => Merge::Restart,
                        _ => Merge::Continue,
                    },
                };
                // Legacy horizontal merge: a continuation widens the previous cell.
                if tcpr
                    .and_then(|p| p.child("hMerge"))
                    .is_some_and(|h| h.attr("val") != Some("restart"))
                {
                    if let Some(last) = row.last_mut() {
                        let s: &mut Slot = last;
                        s.span += span;
                        col += span;
                        continue;
                    }
                }
                let mut blocks = Vec::new();
                self.blocks(tc, &mut blocks, depth + 1);
                let mut text = String::new();
                for b in blocks {
                    match b {
                        Block::Para(s) | Block::Heading(_, s) => {
                            if !text.is_empty() {
                                text.push('\n');
                            }
                            text.push_str(&s);
                        }
                        // A table nested in a cell: its own table after this one.
                        t @ Block::Table(_) => extra.push(t),
                    }
                }
                row.push(Slot {
                    col,
                    span,
                    merge,
                    text,
                });
                col += span;
            }
            rows.push(row);
        }
        let mut out_rows: Vec<Vec<Cell>> = Vec::new();
        for r in 0..rows.len() {
            let mut cells = Vec::new();
            for slot in &rows[r] {
                if slot.merge == Merge::Continue {
                    // Covered by a cell above, if one started there; otherwise keep it as a cell.
                    let covered = (0..r).rev().any(|above| {
                        rows[above]
                            .iter()
                            .any(|s| s.col == slot.col && s.merge == Merge::Restart)
                    });
                    if covered {
                        if !slot.text.trim().is_empty() {
                            // Word ignores text in a continued cell; keep it visible rather than lose it.
                            cells.push(Cell::new(slot.text.clone()));
                        }
                        continue;
                    }
                }
                let mut cell = Cell::new(slot.text.clone());
                cell.colspan = slot.span;
                if slot.merge == Merge::Restart {
                    let mut n = 1;
                    for below in rows.iter().skip(r + 1) {
                        if below
                            .iter()
                            .any(|s| s.col == slot.col && s.merge == Merge::Continue)
                        {
                            n += 1;
                        } else {
                            break;
                        }
                    }
                    cell.rowspan = n;
                }
                cells.push(cell);
            }
            out_rows.push(cells);
        }
        if out_rows.iter().any(|r| !r.is_empty()) {
            out.push(Block::Table(out_rows));
        }
        out.extend(extra);
    }
}

pub(super) fn table_rows(tbl: &El) -> Vec<&El> {
    let mut out = Vec::new();
    for c in tbl.elements() {
        match c.name.as_str() {
            "tr" => out.push(c),
            "sdt" | "sdtContent" | "customXml" | "ins" => out.extend(table_rows(c)),
            _ => {}
        }
    }
    out
}

pub(super) fn row_cells(tr: &El) -> Vec<&El> {
    let mut out = Vec::new();
    for c in tr.elements() {
        match c.name.as_str() {
            "tc" => out.push(c),
            "sdt" | "sdtContent" | "customXml" | "ins" => out.extend(row_cells(c)),
            _ => {}
        }
    }
    out
}
