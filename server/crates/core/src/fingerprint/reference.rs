//! The fingerprints as first written (quadratic on a long sentence with many
//! findings: each finding squeezed its whole sentence), kept for the test
//! that the linear implementation gives the same fingerprints.

use crate::diagnostic::Diagnostic;

/// The fingerprints of a file's findings (same order).
pub(super) fn fingerprints(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: std::collections::HashMap<(&str, String), usize> =
        std::collections::HashMap::new();
    let lines = lines(text);
    diagnostics
        .iter()
        .map(|d| {
            let subject = subject_in(text, &lines, d);
            let n = seen.entry((d.code.as_str(), subject.clone())).or_insert(0);
            *n += 1;
            let key = if *n == 1 {
                format!("{}\u{0}{subject}", d.code)
            } else {
                format!("{}\u{0}{subject}\u{0}#{n}", d.code)
            };
            format!("{:016x}", fnv1a(key.as_bytes()))
        })
        .collect()
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Whitespace (ASCII, full-width space, no-break space, BOM) removed.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{FEFF}' && *c != '\u{A0}')
        .collect()
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte ranges of the lines of `text` (without their line breaks).
fn lines(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            out.push(start..end);
            start = i + 1;
        }
    }
    out.push(start..text.len());
    out
}

fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || c == '\u{FEFF}' || c == '\u{A0}')
}

fn is_table_line(s: &str) -> bool {
    s.trim_start().starts_with('|')
}

fn is_block_marker(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with('#') || t.starts_with('|') || t.starts_with("//")
}

/// The cells of a table line, split at unescaped `|` (content trimmed).
fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    split_pipes(t).into_iter().map(|c| squeeze(&c)).collect()
}

fn split_pipes(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            out.last_mut().expect("one").push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
            out.last_mut().expect("one").push(c);
        } else if c == '|' {
            out.push(String::new());
        } else {
            out.last_mut().expect("one").push(c);
        }
    }
    out
}

/// How many unescaped `|` precede byte `at` of `line`.
fn pipes_before(line: &str, at: usize) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if i >= at {
            break;
        }
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            n += 1;
        }
    }
    n
}

/// The message with ASCII digits masked (figures change, the finding does not).
fn masked(message: &str) -> String {
    squeeze(
        &message
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>(),
    )
}

/// The normalised content a finding is about (see the module documentation).
pub(super) fn subject(text: &str, d: &Diagnostic) -> String {
    subject_in(text, &lines(text), d)
}

fn subject_in(text: &str, lines: &[std::ops::Range<usize>], d: &Diagnostic) -> String {
    let pos = floor_boundary(text, d.range.start);
    let li = lines.partition_point(|r| r.end < pos).min(lines.len() - 1);
    let line = &text[lines[li].clone()];
    let general = || format!("doc:{}", masked(&d.message));

    // Front matter: `---` on the first line up to the closing `---`.
    let opens = |s: &str| s.trim_start_matches('\u{FEFF}').trim() == "---";
    if opens(&text[lines[0].clone()]) {
        let close = lines
            .iter()
            .skip(1)
            .position(|r| text[r.clone()].trim() == "---")
            .map(|i| i + 1);
        if li == 0 || Some(li) == close {
            return general();
        }
        if close.is_none_or(|c| li < c) {
            if is_blank(line) {
                return general();
            }
            return format!("front:{}", squeeze(line));
        }
    }
    if is_blank(line) {
        return general();
    }
    let trimmed = line.trim_start();
    if is_table_line(line) {
        let mut first = li;
        while first > 0 && is_table_line(&text[lines[first - 1].clone()]) {
            first -= 1;
        }
        let header = cells(&text[lines[first].clone()]);
        let heading = lines[..first]
            .iter()
            .rev()
            .map(|r| &text[r.clone()])
            .find(|l| l.trim_start().starts_with('#'))
            .map(squeeze)
            .unwrap_or_default();
        let row = cells(line);
        let column = pipes_before(line, pos.wrapping_sub(lines[li].start)).saturating_sub(1);
        let row_label = row.first().cloned().unwrap_or_default();
        let column_label = if column == 0 {
            String::new()
        } else {
            header
                .get(column)
                .cloned()
                .unwrap_or_else(|| format!("#{column}"))
        };
        return format!(
            "table:{heading}:{}:row:{}:{row_label}:column:{column_label}",
            header.join("|"),
            if li == first { "header" } else { "" },
        );
    }
    if trimmed.starts_with('#') {
        return format!("heading:{}", squeeze(line));
    }
    if trimmed.starts_with("//") {
        return format!("comment:{}", squeeze(line));
    }
    // A paragraph: consecutive non-blank lines that are no other block.
    let mut first = li;
    while first > 0 {
        let prev = &text[lines[first - 1].clone()];
        if is_blank(prev) || is_block_marker(prev) || (first - 1 == 0 && opens(prev)) {
            break;
        }
        first -= 1;
    }
    let mut last = li;
    while last + 1 < lines.len() {
        let next = &text[lines[last + 1].clone()];
        if is_blank(next) || is_block_marker(next) {
            break;
        }
        last += 1;
    }
    let para = lines[first].start..lines[last].end;
    let end = floor_boundary(text, d.range.end.clamp(pos, para.end));
    let is_stop = |c: char| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';');
    let sentence_start = text[para.start..pos]
        .char_indices()
        .rfind(|(_, c)| is_stop(*c))
        .map_or(para.start, |(i, c)| para.start + i + c.len_utf8());
    let sentence_end = text[end..para.end]
        .char_indices()
        .find(|(_, c)| is_stop(*c))
        .map_or(para.end, |(i, c)| end + i + c.len_utf8());
    let sentence = squeeze(&text[sentence_start..sentence_end.max(sentence_start)]);
    let covered = squeeze(&text[pos..end]);
    format!("sentence:{sentence}:{covered}")
}
