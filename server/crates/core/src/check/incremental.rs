//! The incremental check (the language server, on every keystroke): the
//! same findings as [`check_tree`](super::check_tree) on the same text, with
//! the work of the parts an edit did not touch kept from the previous check.
//!
//! The text is cut into top-level blocks: the front matter, each `#`
//! section, and each run of other top-level nodes (paragraphs, tables before
//! the first heading). A block keeps its part of the model and the findings
//! of the rule families of [`Scope::Block`](crate::rules::Scope) about it.
//! After an edit, the blocks at the start and at the end whose bytes and
//! top-level nodes are as they were are reused (those after the edit moved
//! along the text); the blocks between are built and checked again; the
//! families of the whole report run on the whole model. An edit to the front
//! matter, or other defaults from the configuration, check everything again.

use std::ops::Range;

use tree_sitter::{Node, Tree};

use super::{Checked, Config};
use crate::diagnostic::Diagnostic;
use crate::model::shift::Shift;
use crate::model::{self, Report};
use crate::rules::{Scope, FAMILIES, LOOKBACK};
use crate::semantic::bind::Binding;
use crate::semantic::Context;

/// What an incremental check keeps of a text for the next one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Blocks {
    /// The text checked (what an edit left as it was is found by comparing).
    text: String,
    /// The configuration's defaults for the front matter.
    defaults: Vec<(String, String)>,
    blocks: Vec<Block>,
    /// The tables the [`Scope::Tables`] families read besides a block's own
    /// ([`anchors`]).
    anchors: Option<Vec<usize>>,
}

#[derive(Debug, Clone)]
struct Block {
    /// From the block's first byte to the next block's (the first block from
    /// 0, the last to the end of the text).
    range: Range<usize>,
    /// Each top-level node: its range relative to the block's start, its kind.
    nodes: Vec<(Range<usize>, u16)>,
    front: bool,
    /// How many of each item of the model it holds.
    counts: Counts,
    /// The findings of each family about it (empty for the families of the whole report).
    found: Vec<Vec<Diagnostic>>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    sections: usize,
    paragraphs: usize,
    tables: usize,
    comments: usize,
    syntax_errors: usize,
}

impl Counts {
    fn of(report: &Report) -> Counts {
        Counts {
            sections: report.sections.len(),
            paragraphs: report.paragraphs.len(),
            tables: report.tables.len(),
            comments: report.comments.len(),
            syntax_errors: report.syntax_errors.len(),
        }
    }

    fn add(&mut self, other: &Counts) {
        self.sections += other.sections;
        self.paragraphs += other.paragraphs;
        self.tables += other.tables;
        self.comments += other.comments;
        self.syntax_errors += other.syntax_errors;
    }

    fn sum<'b>(blocks: impl IntoIterator<Item = &'b Block>) -> Counts {
        let mut c = Counts::default();
        for b in blocks {
            c.add(&b.counts);
        }
        c
    }
}

/// A block of the new tree.
struct Cut<'t> {
    range: Range<usize>,
    nodes: Vec<Node<'t>>,
    front: bool,
}

impl Cut<'_> {
    fn shape(&self) -> Vec<(Range<usize>, u16)> {
        self.nodes.iter().map(|n| self.node_shape(n)).collect()
    }

    fn node_shape(&self, n: &Node) -> (Range<usize>, u16) {
        let at = self.range.start;
        (n.start_byte() - at..n.end_byte() - at, n.kind_id())
    }

    /// Whether `shape` is [`Cut::shape`] (without building it: every block
    /// of the text is compared on every keystroke).
    fn has_shape(&self, shape: &[(Range<usize>, u16)]) -> bool {
        shape.len() == self.nodes.len()
            && self
                .nodes
                .iter()
                .zip(shape)
                .all(|(n, s)| self.node_shape(n) == *s)
    }
}

/// The top-level blocks of `tree`.
fn cut(tree: &Tree, len: usize) -> Vec<Cut<'_>> {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let mut out: Vec<Cut> = Vec::new();
    let mut alone_last = true;
    for node in root.children(&mut cursor) {
        let alone = matches!(node.kind(), "section" | "front_matter");
        match out.last_mut() {
            Some(last) if !alone && !alone_last => last.nodes.push(node),
            _ => out.push(Cut {
                range: node.start_byte()..node.start_byte(),
                nodes: vec![node],
                front: node.kind() == "front_matter",
            }),
        }
        alone_last = alone;
    }
    let starts: Vec<usize> = out.iter().map(|c| c.range.start).collect();
    for (i, c) in out.iter_mut().enumerate() {
        let start = if i == 0 { 0 } else { starts[i] };
        let end = starts.get(i + 1).copied().unwrap_or(len);
        c.range = start..end;
    }
    out
}

/// Checks `text` (parsed into `tree`) after an edit to the text `previous`
/// was checked on (`None`: the first check of a document). The findings,
/// model and bindings are those [`check_tree`](super::check_tree) gives.
pub fn check_edited(previous: Option<Checked>, tree: Tree, text: &str, config: &Config) -> Checked {
    let cuts = cut(&tree, text.len());
    let previous = previous.and_then(|p| {
        let blocks = p.blocks?;
        (blocks.defaults == config.defaults).then_some((p.report, p.bindings, *blocks))
    });
    let (mut report, mut bindings, old) = match previous {
        Some((report, bindings, old)) => (report, bindings, old),
        None => (Report::empty(text.len()), Vec::new(), Blocks::default()),
    };
    let (mut same_start, mut same_end) = unchanged(&old, &cuts, text);
    let mut old_blocks = old.blocks;
    let front_touched = old_blocks[same_start..old_blocks.len() - same_end]
        .iter()
        .any(|b| b.front)
        || cuts[same_start..cuts.len() - same_end]
            .iter()
            .any(|c| c.front);
    if front_touched || old_blocks.is_empty() {
        // Everything again, the front matter first (every block is checked with it).
        (same_start, same_end) = (0, 0);
        old_blocks.clear();
        report = Report::empty(text.len());
        bindings.clear();
        report.front = match cuts.first().filter(|c| c.front) {
            Some(c) => model::build_nodes(&tree, c.nodes.iter().copied(), text).front,
            None => Default::default(),
        };
        report.front.defaults = config.defaults.clone();
    }
    let kept = Counts::sum(&old_blocks[..same_start]);
    let removed = Counts::sum(&old_blocks[same_start..old_blocks.len() - same_end]);
    let delta = text.len() as isize - old.text.len() as isize;
    // The model: the blocks before the edit stay, those after move along.
    let tail = Report {
        sections: report.sections.split_off(kept.sections + removed.sections),
        paragraphs: report
            .paragraphs
            .split_off(kept.paragraphs + removed.paragraphs),
        tables: report.tables.split_off(kept.tables + removed.tables),
        comments: report.comments.split_off(kept.comments + removed.comments),
        syntax_errors: report
            .syntax_errors
            .split_off(kept.syntax_errors + removed.syntax_errors),
        ..Report::empty(text.len())
    };
    let tail_bindings = bindings.split_off(kept.tables + removed.tables);
    report.sections.truncate(kept.sections);
    report.paragraphs.truncate(kept.paragraphs);
    report.tables.truncate(kept.tables);
    report.comments.truncate(kept.comments);
    report.syntax_errors.truncate(kept.syntax_errors);
    bindings.truncate(kept.tables);
    report.len = text.len();
    let after: Vec<Block> = old_blocks.split_off(old_blocks.len() - same_end);
    // Where the edit ended in the old text: what was after it moves by `delta`.
    let edit_end = after.first().map_or(old.text.len(), |b| b.range.start);
    old_blocks.truncate(same_start);
    let mut blocks = old_blocks;
    for c in &cuts[same_start..cuts.len() - same_end] {
        let (part, part_bindings, block) = check_block(&tree, c, text, &report.front);
        let shift = Shift {
            delta: 0,
            sections: report.sections.len() as isize,
        };
        append(&mut report, &mut bindings, part, part_bindings, shift);
        blocks.push(block);
    }
    let added = Counts::sum(&blocks[same_start..]);
    let shift = Shift {
        delta,
        sections: added.sections as isize - removed.sections as isize,
    };
    append(&mut report, &mut bindings, tail, tail_bindings, shift);
    blocks.extend(after.into_iter().map(|mut b| {
        shift.range(&mut b.range);
        b
    }));
    // What the kept findings point at after the edit moved along (a finding of
    // a block may point into another one: the table a sentence quotes).
    let fresh = same_start..cuts.len() - same_end;
    for (i, b) in blocks.iter_mut().enumerate() {
        if !fresh.contains(&i) {
            for d in b.found.iter_mut().flatten() {
                shift_diagnostic(d, edit_end, delta);
            }
        }
    }
    // The families that read the standard tables: again on every block when
    // those tables are not the same ones as before.
    let anchors = anchors(&report, &bindings);
    let mapped = old.anchors.as_ref().and_then(|a| {
        a.iter()
            .map(|&t| {
                if t < kept.tables {
                    Some(t)
                } else if t >= kept.tables + removed.tables {
                    Some(t - removed.tables + added.tables)
                } else {
                    None
                }
            })
            .collect::<Option<Vec<usize>>>()
    });
    let all = mapped != anchors;
    if let Some(anchors) = &anchors {
        let mut at = Counts::default();
        for (i, b) in blocks.iter_mut().enumerate() {
            if all || fresh.contains(&i) {
                tables_findings(b, at, &report, &bindings, anchors, text);
            }
            at.add(&b.counts);
        }
    }
    // The families that read a few paragraphs back: again on the blocks an
    // edit touched and on those that start less than LOOKBACK paragraphs
    // after them.
    let fresh_end = kept.paragraphs + added.paragraphs;
    let mut at = Counts::default();
    for (i, b) in blocks.iter_mut().enumerate() {
        if fresh.contains(&i) || (i >= fresh.end && at.paragraphs < fresh_end + LOOKBACK) {
            paragraphs_findings(b, at, &report, text);
        }
        at.add(&b.counts);
    }
    finish_check(tree, text, config, report, bindings, blocks, anchors)
}

/// The findings of the [`Scope::Paragraphs`] families about block `b`, whose
/// items start at `at` in `report`: what they find on the block's paragraphs
/// after the [`LOOKBACK`] paragraphs before it, less what they find on those
/// alone (the same, as these families read no paragraph after a section).
fn paragraphs_findings(b: &mut Block, at: Counts, report: &Report, text: &str) {
    let from = at.paragraphs.saturating_sub(LOOKBACK);
    let part = |to: usize| Report {
        front: report.front.clone(),
        paragraphs: report.paragraphs[from..to].to_vec(),
        ..Report::empty(text.len())
    };
    let with = part(at.paragraphs + b.counts.paragraphs);
    let before = part(at.paragraphs);
    let (with, before) = (
        Context::with_bindings(text, &with, Vec::new()),
        Context::with_bindings(text, &before, Vec::new()),
    );
    for (family, (_, scope, run)) in FAMILIES.iter().enumerate() {
        if *scope != Scope::Paragraphs {
            continue;
        }
        let found = &mut b.found[family];
        found.clear();
        run(&with, found);
        if from < at.paragraphs {
            let mut theirs = Vec::new();
            run(&before, &mut theirs);
            for d in theirs {
                if let Some(k) = found.iter().position(|f| *f == d) {
                    found.remove(k);
                }
            }
        }
    }
}

/// How many blocks at the start and at the end of the text are as they were.
fn unchanged(old: &Blocks, cuts: &[Cut], text: &str) -> (usize, usize) {
    let same = |b: &Block, c: &Cut| {
        b.range.len() == c.range.len()
            && c.has_shape(&b.nodes)
            && old.text.as_bytes()[b.range.clone()] == text.as_bytes()[c.range.clone()]
    };
    let n = old.blocks.len().min(cuts.len());
    let start = (0..n)
        .take_while(|&i| same(&old.blocks[i], &cuts[i]))
        .count();
    let end = (0..n - start)
        .take_while(|&j| {
            same(
                &old.blocks[old.blocks.len() - 1 - j],
                &cuts[cuts.len() - 1 - j],
            )
        })
        .count();
    (start, end)
}

/// The model of one block and the findings of the block families about it.
fn check_block(
    tree: &Tree,
    cut: &Cut,
    text: &str,
    front: &model::FrontMatter,
) -> (Report, Vec<Option<Binding>>, Block) {
    let mut part = model::build_nodes(tree, cut.nodes.iter().copied(), text);
    let own_front = std::mem::replace(&mut part.front, front.clone());
    let cx = Context::new(text, &part);
    let found = FAMILIES
        .iter()
        .map(|(_, scope, run)| {
            let mut out = Vec::new();
            if *scope == Scope::Block {
                run(&cx, &mut out);
            }
            out
        })
        .collect();
    let bindings = cx.bindings;
    part.front = own_front;
    let block = Block {
        range: cut.range.clone(),
        nodes: cut.shape(),
        front: cut.front,
        counts: Counts::of(&part),
        found,
    };
    (part, bindings, block)
}

/// Appends `part` (and its tables' bindings) to `report`, moved by `shift`.
fn append(
    report: &mut Report,
    bindings: &mut Vec<Option<Binding>>,
    part: Report,
    part_bindings: Vec<Option<Binding>>,
    shift: Shift,
) {
    let moved = shift != Shift::NONE;
    report
        .sections
        .extend(part.sections.into_iter().map(|mut s| {
            if moved {
                shift.section_item(&mut s);
            }
            s
        }));
    report
        .paragraphs
        .extend(part.paragraphs.into_iter().map(|mut p| {
            if moved {
                shift.paragraph(&mut p);
            }
            p
        }));
    report.tables.extend(part.tables.into_iter().map(|mut t| {
        if moved {
            shift.table(&mut t);
        }
        t
    }));
    report
        .comments
        .extend(part.comments.into_iter().map(|mut c| {
            shift.comment(&mut c);
            c
        }));
    report
        .syntax_errors
        .extend(part.syntax_errors.into_iter().map(|mut r| {
            shift.range(&mut r);
            r
        }));
    bindings.extend(part_bindings);
}

/// A finding kept from the previous check: what it points at after `edit_end`
/// (in the old text) moved by `delta` bytes.
fn shift_diagnostic(d: &mut Diagnostic, edit_end: usize, delta: isize) {
    let shift = |r: &mut Range<usize>| {
        if r.start >= edit_end {
            r.start = r.start.wrapping_add_signed(delta);
            r.end = r.end.wrapping_add_signed(delta);
        }
    };
    shift(&mut d.range);
    for r in &mut d.related {
        shift(&mut r.range);
    }
    if let Some(fix) = &mut d.fix {
        for e in &mut fix.edits {
            shift(&mut e.range);
        }
    }
}

/// The tables the [`Scope::Tables`] families may read besides a block's own
/// (they find a standard table's cell in the first table bound to it that
/// has the cell): for each standard table, the tables bound to it from the
/// first up to the first that has every cell. `None` when there are more
/// than [`MAX_ANCHORS`] (those families then run on the whole report).
fn anchors(report: &Report, bindings: &[Option<Binding>]) -> Option<Vec<usize>> {
    let mut complete: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (i, (t, b)) in report.tables.iter().zip(bindings).enumerate() {
        let Some(b) = b else { continue };
        let id = b.table.id.as_str();
        if complete.contains(&id) {
            continue;
        }
        out.push(i);
        if out.len() > MAX_ANCHORS {
            return None;
        }
        let every_cell = b.table.rows.iter().all(|r| {
            b.table
                .columns
                .iter()
                .all(|c| b.cell(t, &r.key, &c.key).is_some())
        });
        if every_cell {
            complete.push(id);
        }
    }
    Some(out)
}

/// More tables than this read by the families of [`Scope::Tables`] (a text
/// of standard tables none of which is whole): they run on the whole report.
const MAX_ANCHORS: usize = 24;

/// The findings of the [`Scope::Tables`] families about block `b`, whose
/// items start at `at` in `report`: they run on a report of the block's
/// paragraphs and tables after the `anchors`.
fn tables_findings(
    b: &mut Block,
    at: Counts,
    report: &Report,
    bindings: &[Option<Binding>],
    anchors: &[usize],
    text: &str,
) {
    let own = at.tables..at.tables + b.counts.tables;
    let mut tables: Vec<usize> = anchors
        .iter()
        .copied()
        .filter(|t| !own.contains(t))
        .collect();
    tables.extend(own);
    tables.sort_unstable();
    let part = Report {
        front: report.front.clone(),
        paragraphs: report.paragraphs[at.paragraphs..at.paragraphs + b.counts.paragraphs].to_vec(),
        tables: tables.iter().map(|&t| report.tables[t].clone()).collect(),
        ..Report::empty(text.len())
    };
    let part_bindings = tables.iter().map(|&t| bindings[t].clone()).collect();
    let cx = Context::with_bindings(text, &part, part_bindings);
    for (family, (_, scope, run)) in FAMILIES.iter().enumerate() {
        if *scope == Scope::Tables {
            b.found[family].clear();
            run(&cx, &mut b.found[family]);
        }
    }
}

fn finish_check(
    tree: Tree,
    text: &str,
    config: &Config,
    report: Report,
    bindings: Vec<Option<Binding>>,
    blocks: Vec<Block>,
    anchors: Option<Vec<usize>>,
) -> Checked {
    let cx = Context::with_bindings(text, &report, bindings);
    let mut raw = Vec::new();
    for (family, (_, scope, run)) in FAMILIES.iter().enumerate() {
        let whole = match scope {
            Scope::Whole => true,
            Scope::Tables => anchors.is_none(),
            Scope::Block | Scope::Paragraphs => false,
        };
        if whole {
            run(&cx, &mut raw);
        } else {
            for b in &blocks {
                raw.extend(b.found[family].iter().cloned());
            }
        }
    }
    let decided = (cx.format, cx.edition, cx.bindings);
    let blocks = Blocks {
        text: text.to_string(),
        defaults: config.defaults.clone(),
        blocks,
        anchors,
    };
    Checked::new(
        tree,
        report,
        raw,
        decided,
        text,
        config,
        Some(Box::new(blocks)),
    )
}
