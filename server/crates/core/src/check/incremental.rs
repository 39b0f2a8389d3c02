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

use super::{finish, Checked, Config};
use crate::diagnostic::Diagnostic;
use crate::model::shift::Shift;
use crate::model::{self, Report};
use crate::rules::{Scope, FAMILIES};
use crate::semantic::bind::Binding;
use crate::semantic::Context;

/// What an incremental check keeps of a text for the next one.
#[derive(Debug, Clone)]
pub(crate) struct Blocks {
    /// The text checked (what an edit left as it was is found by comparing).
    text: String,
    /// The configuration's defaults for the front matter.
    defaults: Vec<(String, String)>,
    blocks: Vec<Block>,
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

    fn sum<'b>(blocks: impl IntoIterator<Item = &'b Block>) -> Counts {
        let mut c = Counts::default();
        for b in blocks {
            c.sections += b.counts.sections;
            c.paragraphs += b.counts.paragraphs;
            c.tables += b.counts.tables;
            c.comments += b.counts.comments;
            c.syntax_errors += b.counts.syntax_errors;
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
        let at = self.range.start;
        self.nodes
            .iter()
            .map(|n| (n.start_byte() - at..n.end_byte() - at, n.kind_id()))
            .collect()
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
            Some(c) => model::build_nodes(c.nodes.iter().copied(), text).front,
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
    old_blocks.truncate(same_start);
    let mut blocks = old_blocks;
    for c in &cuts[same_start..cuts.len() - same_end] {
        let (part, part_bindings, block) = check_block(c, text, &report.front);
        let shift = Shift {
            delta: 0,
            sections: report.sections.len() as isize,
        };
        append(&mut report, &mut bindings, part, part_bindings, shift);
        blocks.push(block);
    }
    let shift = Shift {
        delta,
        sections: report.sections.len() as isize - (kept.sections + removed.sections) as isize,
    };
    append(&mut report, &mut bindings, tail, tail_bindings, shift);
    blocks.extend(after.into_iter().map(|mut b| {
        shift.range(&mut b.range);
        for d in b.found.iter_mut().flatten() {
            shift_diagnostic(d, &shift);
        }
        b
    }));
    finish_check(tree, text, config, report, bindings, blocks)
}

impl Default for Blocks {
    fn default() -> Self {
        Blocks {
            text: String::new(),
            defaults: Vec::new(),
            blocks: Vec::new(),
        }
    }
}

/// How many blocks at the start and at the end of the text are as they were.
fn unchanged(old: &Blocks, cuts: &[Cut], text: &str) -> (usize, usize) {
    let same = |b: &Block, c: &Cut| {
        b.range.len() == c.range.len()
            && old.text.as_bytes()[b.range.clone()] == text.as_bytes()[c.range.clone()]
            && b.nodes == c.shape()
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
    cut: &Cut,
    text: &str,
    front: &model::FrontMatter,
) -> (Report, Vec<Option<Binding>>, Block) {
    let mut part = model::build_nodes(cut.nodes.iter().copied(), text);
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

/// A finding after the text before it moved by `shift.delta` bytes.
fn shift_diagnostic(d: &mut Diagnostic, shift: &Shift) {
    shift.range(&mut d.range);
    for r in &mut d.related {
        shift.range(&mut r.range);
    }
    if let Some(fix) = &mut d.fix {
        for e in &mut fix.edits {
            shift.range(&mut e.range);
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
) -> Checked {
    let cx = Context::with_bindings(text, &report, bindings);
    let mut raw = Vec::new();
    for (family, (_, scope, run)) in FAMILIES.iter().enumerate() {
        match scope {
            Scope::Whole => run(&cx, &mut raw),
            Scope::Block => {
                for b in &blocks {
                    raw.extend(b.found[family].iter().cloned());
                }
            }
        }
    }
    let (format, edition, bindings) = (cx.format, cx.edition, cx.bindings);
    let diagnostics = finish(raw, &report, text, config);
    Checked {
        tree,
        report,
        diagnostics,
        format,
        edition,
        bindings,
        blocks: Some(Box::new(Blocks {
            text: text.to_string(),
            defaults: config.defaults.clone(),
            blocks,
        })),
    }
}
