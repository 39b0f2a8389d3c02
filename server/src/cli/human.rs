//! The human format: each finding as an annotated source excerpt (rendered by `annotate-snippets`, the
//! renderer of rustc, cargo and ruff) that fits the terminal width.
//!
//! The renderer cuts a long line around its annotations (with "…" at each cut) and measures CJK by
//! display width. What it cannot do is fit annotations that are further apart than the width — the total
//! of a breakdown at the start of a 300-character paragraph and its parts at the end. So the annotations
//! of a finding are grouped here into *windows*, each narrow enough for the terminal, and every window is
//! its own excerpt of the same line: the sentence around the total, then the sentence around the parts.
//! Messages are wrapped to the width as well, so no line of the output is wider than the terminal.

use std::ops::Range;
use std::sync::OnceLock;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use nianbao_core::diagnostic::{Diagnostic, Severity};

/// The width used when standard output is not a terminal.
pub const DEFAULT_WIDTH: usize = 100;
/// Narrower than this, excerpts cannot be laid out sensibly; the renderer is given at least this.
pub const MIN_WIDTH: usize = 40;

/// How the human format is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanOptions {
    /// Display columns available for every line.
    pub width: usize,
    /// ANSI colours and styles.
    pub color: bool,
}

pub use super::check_args::ColorChoice;

/// The width of the terminal on standard output, or [`DEFAULT_WIDTH`] when it is not one.
pub fn detect_width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .filter(|&w| w > 0)
        .unwrap_or(DEFAULT_WIDTH)
}

static OPTIONS: OnceLock<HumanOptions> = OnceLock::new();

/// Sets the layout of the human format for this process (from the command line); the first call wins.
pub fn set_options(options: HumanOptions) {
    let _ = OPTIONS.set(options);
}

/// The layout set by [`set_options`], or the detected one.
pub fn options() -> HumanOptions {
    *OPTIONS.get_or_init(|| HumanOptions {
        width: detect_width(),
        color: ColorChoice::Auto.resolve(),
    })
}

/// One file to render: its path as shown, its text and its findings.
pub struct FileFindings<'a> {
    pub path: String,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// Every finding of every file, in order.
pub fn render(files: &[FileFindings<'_>], options: &HumanOptions) -> String {
    let width = options.width.max(MIN_WIDTH);
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Unicode)
    // One column less: a double-width character at a cut may otherwise reach one column too far.
    .term_width(width - 1);
    let mut out = String::new();
    for file in files {
        let lines = LineStarts::new(file.text);
        for d in file.diagnostics {
            out.push_str(&render_one(
                &renderer, width, &file.path, file.text, &lines, d,
            ));
            out.push_str("\n\n");
        }
    }
    out
}

/// Byte offsets of line starts, and checkpoints for columns on long lines.
struct LineStarts(Vec<usize>, Vec<Checkpoint>);

/// Every `CHECKPOINT` bytes of a line: the characters and display columns before that byte, so that the
/// column of any offset is found without reading its line from the start (a 1 MB line with thousands of
/// findings would otherwise be read once per finding).
#[derive(Clone, Copy)]
struct Checkpoint {
    byte: usize,
    line_start: usize,
    chars: usize,
    width: usize,
}

const CHECKPOINT: usize = 4096;

/// The most an excerpt shows before the first and after the last annotation of a window on a line too
/// long to show (in bytes; cut at the sentence end within it, else with "…").
const MAX_CONTEXT: usize = 2048;

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut checkpoints = Vec::new();
        let mut at = Checkpoint {
            byte: 0,
            line_start: 0,
            chars: 0,
            width: 0,
        };
        let mut last = 0;
        for (i, c) in text.char_indices() {
            if i - last >= CHECKPOINT {
                checkpoints.push(Checkpoint { byte: i, ..at });
                last = i;
            }
            if c == '\n' {
                at = Checkpoint {
                    byte: 0,
                    line_start: i + 1,
                    chars: 0,
                    width: 0,
                };
                last = i + 1;
            } else {
                at.chars += 1;
                at.width += c.width().unwrap_or(0);
            }
        }
        LineStarts(starts, checkpoints)
    }

    /// Characters and display columns of `text[line_start..offset]` (`offset` on the line starting at
    /// `line_start`, a character boundary).
    fn columns(&self, text: &str, line_start: usize, offset: usize) -> (usize, usize) {
        let (mut from, mut chars, mut width) = (line_start, 0, 0);
        let k = self.1.partition_point(|c| c.byte <= offset);
        if let Some(c) = k.checked_sub(1).map(|k| self.1[k]) {
            if c.line_start == line_start && c.byte >= line_start {
                (from, chars, width) = (c.byte, c.chars, c.width);
            }
        }
        for c in text[from..offset].chars() {
            chars += 1;
            width += c.width().unwrap_or(0);
        }
        (chars, width)
    }

    /// The 0-based line holding byte `offset`.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Bytes of line `line` without its line break.
    fn range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.0[line];
        let end = self.0.get(line + 1).map_or(text.len(), |&next| next - 1);
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }
}

/// One annotation, placed on its line.
struct Placed<'a> {
    range: Range<usize>,
    label: Option<&'a str>,
    /// `[n]` shown instead of a label too wide for the terminal (the label is then listed below).
    marker: Option<String>,
    primary: bool,
    first_line: usize,
    last_line: usize,
    /// Whether its line is wider than the excerpt, so that the renderer cuts it.
    cut: bool,
    /// Display columns of the start and end on the line (only for single-line annotations).
    start_col: usize,
    end_col: usize,
}

impl Placed<'_> {
    /// The columns this annotation and its label need: the label may sit right of the span.
    fn right(&self) -> usize {
        let label = match (&self.marker, self.label) {
            (Some(m), _) => m.width() + 1,
            (None, Some(l)) => l.width() + 1,
            (None, None) => 0,
        };
        self.end_col.max(self.start_col + 1) + label
    }
}

fn clamp_to_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn place<'a>(
    text: &str,
    lines: &LineStarts,
    range: &Range<usize>,
    label: Option<&'a str>,
    primary: bool,
) -> Placed<'a> {
    let start = clamp_to_char(text, range.start);
    let end = clamp_to_char(text, range.end.max(start));
    let first_line = lines.line(start);
    let last_line = if end > start {
        lines.line(end - 1)
    } else {
        first_line
    };
    let line_start = lines.0[first_line];
    let start_col = lines.columns(text, line_start, start).1;
    let end_col = if last_line == first_line {
        lines.columns(text, line_start, end).1
    } else {
        start_col
    };
    Placed {
        range: start..end,
        label,
        marker: None,
        cut: false,
        primary,
        first_line,
        last_line,
        start_col,
        end_col,
    }
}

fn render_one(
    renderer: &Renderer,
    width: usize,
    path: &str,
    text: &str,
    lines: &LineStarts,
    d: &Diagnostic,
) -> String {
    let mut placed: Vec<Placed<'_>> = vec![place(text, lines, &d.range, None, true)];
    for r in &d.related {
        placed.push(place(
            text,
            lines,
            &r.range,
            Some(r.message.as_str()),
            false,
        ));
    }
    let max_line = placed.iter().map(|p| p.last_line).max().unwrap_or(0) + 1;
    let gutter = max_line.to_string().len() + 3;
    // Two cut markers ("… " and " …") and a column of slack.
    let avail = width.saturating_sub(gutter + 7).max(10);
    for p in placed.iter_mut() {
        let line = lines.range(text, p.first_line);
        p.cut = gutter + lines.columns(text, line.start, line.end).1 > width - 1;
    }
    // A span on a cut line wider than the excerpt can show is underlined from its start only.
    for p in placed.iter_mut() {
        if p.cut && p.first_line == p.last_line && p.end_col - p.start_col > avail * 2 / 3 {
            let line_end = lines.range(text, p.first_line).end;
            let mut end = p.range.start;
            let mut w = 0;
            for c in text[p.range.start..p.range.end.min(line_end)].chars() {
                let cw = c.width().unwrap_or(0);
                if w + cw > avail * 2 / 3 {
                    break;
                }
                w += cw;
                end += c.len_utf8();
            }
            p.range = p.range.start..end;
            p.end_col = p.start_col + w;
        }
    }
    // A label that would reach past the width becomes a marker under its figure, listed below.
    let mut listed = Vec::new();
    for p in placed.iter_mut() {
        let Some(label) = p.label else { continue };
        let cut = p.cut;
        let too_wide = if cut {
            p.right() - p.start_col > avail
        } else {
            gutter + p.right() > width - 1
        };
        if too_wide {
            let marker = format!("[{}]", listed.len() + 1);
            listed.push(format!("{marker} {label}"));
            p.marker = Some(marker);
        }
    }
    // A marker after a span that ends near the width would itself reach past it: its line is then cut
    // like a line too long to show.
    let overflowing: Vec<usize> = placed
        .iter()
        .filter(|p| !p.cut && p.marker.is_some() && gutter + p.right() > width - 1)
        .map(|p| p.first_line)
        .collect();
    for p in placed.iter_mut() {
        if overflowing.contains(&p.first_line) && p.first_line == p.last_line {
            p.cut = true;
        }
    }
    let windows = windows(&placed, avail);

    let (level, name) = level(d.severity);
    let prefix = format!("{name}[{}]: ", d.code);
    let title = wrap(&d.message, width.saturating_sub(prefix.width()).max(10));
    let mut group = Group::with_title(level.primary_title(title).id(d.code.as_str()));
    // (line, column) of the finding when the first excerpt does not start at its line's start.
    let mut origin: Option<(usize, usize)> = None;
    for (i, window) in windows.iter().enumerate() {
        let first = window
            .iter()
            .map(|&k| placed[k].first_line)
            .min()
            .unwrap_or(0);
        let last = window
            .iter()
            .map(|&k| placed[k].last_line)
            .max()
            .unwrap_or(0);
        let mut base = lines.0[first];
        let mut end = lines.range(text, last).end;
        // On a line too long to show, only the sentences that hold the annotations (a later excerpt may
        // start at its sentence; the first keeps the start of the line, so that its column is right).
        let (mut before, mut after) = ("", "");
        if first == last && window.iter().any(|&k| placed[k].cut) {
            let from = window
                .iter()
                .map(|&k| placed[k].range.start)
                .min()
                .unwrap_or(base);
            let to = window
                .iter()
                .map(|&k| placed[k].range.end)
                .max()
                .unwrap_or(end);
            // Far from the line's start, even the first excerpt starts near its annotations; its
            // location is then given explicitly (the renderer would count it from the excerpt).
            let far = from - base > MAX_CONTEXT;
            if i > 0 || far {
                let near = clamp_to_char(text, from.saturating_sub(MAX_CONTEXT).max(base));
                match sentence_end_before(&text[near..from]) {
                    Some(stop) => base = near + stop,
                    None => base = near,
                }
                if base > lines.0[first] {
                    before = "…";
                }
            }
            let near = clamp_to_char(text, to.saturating_add(MAX_CONTEXT).min(end));
            match sentence_end_after(&text[to..near]) {
                Some(stop) if to + stop < end => {
                    end = to + stop;
                    after = "…";
                }
                Some(_) => {}
                None if near < end => {
                    end = near;
                    after = "…";
                }
                None => {}
            }
            // The context around the annotations must still fit the width (the renderer's own cut of a
            // long line can overshoot by the width of its marker): half the room left before, the
            // rest after.
            let line_start = lines.0[first];
            let col = |at: usize| lines.columns(text, line_start, at).1;
            let room = width.saturating_sub(gutter + 5);
            // (labels reach past the spans they stand under, and past the end of the text too)
            let right = window
                .iter()
                .map(|&k| placed[k].right())
                .max()
                .unwrap_or(0)
                .max(col(to));
            if col(end).max(right) - col(base) > room {
                let spare = room.saturating_sub(right.saturating_sub(col(from)));
                let mut lead = 0;
                let mut start = from;
                for c in text[base..from].chars().rev() {
                    let w = c.width().unwrap_or(0);
                    if lead + w > spare / 2 {
                        break;
                    }
                    lead += w;
                    start -= c.len_utf8();
                }
                if start > base {
                    base = start;
                    before = "…";
                }
                let mut trail = 0;
                let mut stop = to;
                for c in text[to..end].chars() {
                    let w = c.width().unwrap_or(0);
                    if lead + trail + w > spare {
                        break;
                    }
                    trail += w;
                    stop += c.len_utf8();
                }
                if stop < end {
                    end = stop;
                    after = "…";
                }
            }
            if i == 0 && (far || base > line_start) {
                let primary = placed[0].range.start;
                let (chars, _) = lines.columns(text, lines.0[first], primary);
                origin = Some((first + 1, chars + 1));
            }
        }
        let source = format!("{before}{}{after}", &text[base..end]);
        let shift = before.len();
        let mut snippet: Snippet<'_, Annotation<'_>> =
            Snippet::source(source).line_start(first + 1);
        if i == 0 && origin.is_none() {
            snippet = snippet.path(path.to_string());
        }
        for &k in window {
            let p = &placed[k];
            let range = (p.range.start - base).min(end - base) + shift
                ..(p.range.end - base).min(end - base) + shift;
            let kind = if p.primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let mut annotation = kind.span(range);
            if let Some(marker) = &p.marker {
                annotation = annotation.label(marker.clone());
            } else if let Some(label) = p.label {
                annotation = annotation.label(cells(label));
            }
            snippet = snippet.annotation(annotation);
        }
        if i == 0 {
            if let Some((line, column)) = origin {
                group = group.element(
                    Origin::path(path.to_string())
                        .line(line)
                        .char_column(column),
                );
            }
        }
        group = group.element(snippet);
    }
    for item in &listed {
        // "├ " before each; continuation lines under the text after the marker.
        let marker_width = item.find(' ').map_or(0, |i| item[..i].width() + 1);
        let wrapped = wrap(item, width.saturating_sub(gutter + 2).max(10));
        let mut lines = wrapped.lines();
        let mut text = lines.next().unwrap_or_default().to_string();
        let rest: String = lines.collect::<Vec<_>>().join("");
        if !rest.is_empty() {
            let inner = wrap(
                &rest,
                width.saturating_sub(gutter + 2 + marker_width).max(10),
            );
            for line in inner.lines() {
                text.push('\n');
                text.push_str(&" ".repeat(marker_width));
                text.push_str(line);
            }
        }
        group = group.element(Level::NOTE.no_name().message(text));
    }
    if let Some(fix) = &d.fix {
        // "╰ " before the note.
        let note = format!("修正：{}", fix.title);
        group = group.element(
            Level::HELP
                .no_name()
                .message(wrap(&note, width.saturating_sub(gutter + 2).max(10))),
        );
    }
    let report: &[Group<'_>] = &[group];
    renderer.render(report).replace(CELL, "")
}

/// A zero-width space, put after each double-width character of a label and removed after rendering.
const CELL: char = '\u{200B}';

/// The renderer lays labels out on a grid of characters, so a second label on the same row as a label
/// with CJK characters lands as many columns too far right as the first has double-width characters.
/// Giving each double-width character a second (zero-width) cell makes characters and columns agree;
/// the zero-width spaces are removed from the rendered text.
fn cells(label: &str) -> String {
    let mut out = String::with_capacity(label.len() * 2);
    for c in label.chars() {
        out.push(c);
        if c.width() == Some(2) {
            out.push(CELL);
        }
    }
    out
}

/// What ends a sentence.
const SENTENCE_ENDS: [char; 3] = ['。', '！', '？'];

/// The byte offset just after the last sentence end in `text`.
fn sentence_end_before(text: &str) -> Option<usize> {
    text.char_indices()
        .rev()
        .find(|(_, c)| SENTENCE_ENDS.contains(c))
        .map(|(i, c)| i + c.len_utf8())
}

/// The byte offset just after the first sentence end in `text`.
fn sentence_end_after(text: &str) -> Option<usize> {
    text.char_indices()
        .find(|(_, c)| SENTENCE_ENDS.contains(c))
        .map(|(i, c)| i + c.len_utf8())
}

/// The severity as the renderer's level, and its name (the names of docs/rules.md).
fn level(severity: Severity) -> (Level<'static>, &'static str) {
    match severity {
        Severity::Error => (Level::ERROR, "error"),
        Severity::Warning => (Level::WARNING, "warning"),
        Severity::Info => (Level::INFO, "info"),
        Severity::Hint => (Level::HELP.with_name("hint"), "hint"),
    }
}

/// Groups the annotations into windows each at most `avail` columns wide (from the leftmost start to the
/// rightmost end of a label), in order of column; the window with the primary annotation comes first.
/// Returned as indices into `placed`. An annotation over several lines keeps everything in one window.
fn windows(placed: &[Placed<'_>], avail: usize) -> Vec<Vec<usize>> {
    if placed.iter().any(|p| p.first_line != p.last_line) {
        return vec![(0..placed.len()).collect()];
    }
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by_key(|&k| (placed[k].start_col, placed[k].first_line));
    let mut windows: Vec<Vec<usize>> = Vec::new();
    let mut left = 0;
    let mut right = 0;
    for k in order {
        let p = &placed[k];
        match windows.last_mut() {
            // Annotations on different lines share an excerpt only when neither line is cut.
            Some(w)
                if p.right().max(right) - left <= avail
                    && w.iter().all(|&j| {
                        placed[j].first_line == p.first_line || !(placed[j].cut || p.cut)
                    }) =>
            {
                w.push(k);
                right = right.max(p.right());
            }
            _ => {
                windows.push(vec![k]);
                left = p.start_col;
                right = p.right();
            }
        }
    }
    if let Some(i) = windows
        .iter()
        .position(|w| w.iter().any(|&k| placed[k].primary))
    {
        let primary = windows.remove(i);
        windows.insert(0, primary);
    }
    windows
}

/// Wraps `text` into lines of at most `width` display columns, breaking between CJK characters or at
/// spaces, never inside a run of ASCII letters and digits, and never before closing punctuation.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for (n, paragraph) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        wrap_line(paragraph, width, &mut out);
    }
    out
}

fn wrap_line(text: &str, width: usize, out: &mut String) {
    // Tokens: a run of ASCII non-space characters, a run of spaces, or one other character.
    let mut tokens: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_graphic() {
            rest.find(|c: char| !c.is_ascii_graphic())
                .unwrap_or(rest.len())
        } else if c == ' ' {
            rest.find(|c: char| c != ' ').unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        tokens.push(&rest[..len]);
        rest = &rest[len..];
    }
    let closing = |t: &str| {
        t.chars()
            .next()
            .is_some_and(|c| "，。、；：？！）》」』”’〕】…,.;:?!)]}%".contains(c))
    };
    let opening = |t: &str| {
        t.chars()
            .next()
            .is_some_and(|c| "（《「『“‘〔【(".contains(c))
    };
    let mut line = String::new();
    let mut line_width = 0;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let w = token.width();
        if line_width + w <= width || line.is_empty() {
            if w > width && line.is_empty() {
                // A token wider than the line (a long number or path): break it by character.
                for c in token.chars() {
                    let cw = c.width().unwrap_or(0);
                    if line_width + cw > width && !line.is_empty() {
                        out.push_str(line.trim_end());
                        out.push('\n');
                        line.clear();
                        line_width = 0;
                    }
                    line.push(c);
                    line_width += cw;
                }
            } else {
                line.push_str(token);
                line_width += w;
            }
            i += 1;
            continue;
        }
        // Break before `token`; a closing mark takes the previous token with it, and an opening mark at
        // the end of the line moves down to what it opens.
        let mut carried = String::new();
        let mut k = i;
        while k > 0 {
            let prev = tokens[k - 1];
            let takes = (k == i && closing(token) && !prev.starts_with(' ')) || opening(prev);
            if !takes || line.len() <= prev.len() || !line.ends_with(prev) {
                break;
            }
            line.truncate(line.len() - prev.len());
            carried.insert_str(0, prev);
            k -= 1;
        }
        out.push_str(line.trim_end());
        out.push('\n');
        line = carried.trim_start().to_string();
        line_width = line.width();
        if token.starts_with(' ') {
            i += 1;
        }
    }
    out.push_str(line.trim_end());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_fits_and_keeps_every_character() {
        let text = "发布日期 2024-02-18 晚于法定期限 2024-01-31（2019年《条例》第四十九条第一款：县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交上一年度年度报告并向社会公布）";
        for width in [10, 20, 37, 60] {
            let wrapped = wrap(text, width);
            for line in wrapped.lines() {
                assert!(line.width() <= width, "{width}: {line}");
                assert!(!line.starts_with(['，', '。', '）']), "{line}");
            }
            let joined: String = wrapped.split('\n').collect::<Vec<_>>().join("");
            assert_eq!(
                joined.replace(' ', ""),
                text.replace(' ', ""),
                "width {width}"
            );
        }
    }

    /// A finding far into a long line: the excerpt is the text around it (never the whole line), the
    /// location is still its line and character column, and no output line is wider than the terminal.
    #[test]
    fn a_finding_far_into_a_long_line_is_shown_near_its_place() {
        let clause = "共收到申请128件，比上年增加11件，增长43%，";
        let text = clause.repeat(3000);
        let at = text.len() - clause.len() + clause.find("43%").unwrap();
        let d = Diagnostic::new(
            nianbao_core::rules::Code::ProseChange,
            Severity::Warning,
            at..at + 3,
            "增长率不符",
        );
        let options = HumanOptions {
            width: 80,
            color: false,
        };
        let out = render(
            &[FileFindings {
                path: "a.nianbao".into(),
                text: &text,
                diagnostics: std::slice::from_ref(&d),
            }],
            &options,
        );
        let column = text[..at].chars().count() + 1;
        assert!(out.contains(&format!("a.nianbao:1:{column}")), "{out}");
        assert!(out.contains("增长43%"), "{out}");
        assert!(out.len() < 4 * 1024, "{}", out.len());
        for line in out.lines() {
            assert!(line.width() <= 80, "{line}");
        }
    }
}
