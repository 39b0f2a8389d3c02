//! Stable fingerprints of findings: the rule code and the normalised content
//! the finding is about, never its line or byte offset, so that a finding
//! keeps its fingerprint when the report is edited elsewhere (a paragraph
//! inserted above, lines shifted, another table changed).
//!
//! What "the content it is about" is depends on where the finding points:
//!
//! | where | subject |
//! | --- | --- |
//! | a table cell or row | the table (nearest heading above it and its header labels), the row label, the column label |
//! | a paragraph | the sentence (up to 。！？；) with all whitespace removed, and the text the finding covers |
//! | a heading, a comment | the line without whitespace |
//! | the front matter | the line (`键: 值`) without whitespace |
//! | nothing specific (the `---` line, a blank line, the end of the file) | the message, digits masked |
//!
//! When several findings of the same code have the same subject, the second
//! and later get `#2`, `#3` … in their order in the file. The fingerprint is
//! 64-bit FNV-1a over `code`, the subject and that index, as 16 hex digits:
//! the same on every platform and in every version that keeps this scheme.

use crate::diagnostic::Diagnostic;

/// The fingerprints of a file's findings (same order).
pub fn fingerprints(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
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

/// The fingerprint of one finding when it is the only one of its code about its subject.
pub fn fingerprint(text: &str, d: &Diagnostic) -> String {
    fingerprints(text, std::slice::from_ref(d)).remove(0)
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
pub fn subject(text: &str, d: &Diagnostic) -> String {
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
        let column = pipes_before(line, pos - lines[li].start).saturating_sub(1);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_text, Config};

    const REPORT: &str = "---\n机关: 某县人民政府\n年度: 2023\n发布日期: 2024-06-01\n---\n\n# 一、总体情况\n\n本年共收到申请 12 件，其中自然人 5 件、法人 3 件。\n\n# 三、收到和处理政府信息公开申请情况\n\n| 申请人情况 | 自然人 | 总计 |\n| --- | --- | --- |\n| 一、本年新收政府信息公开申请数量 | 5 | 9 |\n";

    fn prints(text: &str) -> Vec<(String, &'static str, String)> {
        let c = check_text(text, &Config::default());
        let f = fingerprints(text, &c.diagnostics);
        c.diagnostics
            .iter()
            .zip(f)
            .map(|(d, f)| (f, d.code.as_str(), subject(text, d)))
            .collect()
    }

    #[test]
    fn a_paragraph_inserted_above_keeps_every_fingerprint() {
        let before = prints(REPORT);
        assert!(!before.is_empty());
        let edited = REPORT.replace(
            "# 一、总体情况\n\n",
            "# 一、总体情况\n\n新插入的一段文字，\n跨两行。\n\n",
        );
        let after = prints(&edited);
        let mut a: Vec<_> = before.iter().map(|(f, c, _)| (f.clone(), *c)).collect();
        let mut b: Vec<_> = after.iter().map(|(f, c, _)| (f.clone(), *c)).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{before:#?}\n{after:#?}");
        let unique: std::collections::HashSet<_> = a.iter().map(|(f, _)| f).collect();
        assert_eq!(unique.len(), a.len(), "fingerprints are unique in a file");
    }

    #[test]
    fn subjects_name_the_content() {
        let d = |start: usize, end: usize| {
            Diagnostic::new(
                crate::rules::Code::TableSum,
                crate::diagnostic::Severity::Error,
                start..end,
                "相差 3",
            )
        };
        let cell = REPORT.find("| 5 | 9").unwrap() + 6;
        assert_eq!(
            subject(REPORT, &d(cell, cell + 1)),
            "table:#三、收到和处理政府信息公开申请情况:申请人情况|自然人|总计:row::一、本年新收政府信息公开申请数量:column:总计"
        );
        let p = REPORT.find("12").unwrap();
        assert_eq!(
            subject(REPORT, &d(p, p + 2)),
            "sentence:本年共收到申请12件，其中自然人5件、法人3件。:12"
        );
        let f = REPORT.find("发布日期").unwrap();
        assert_eq!(subject(REPORT, &d(f, f + 4)), "front:发布日期:2024-06-01");
        assert_eq!(subject(REPORT, &d(0, 0)), "doc:相差#");
        assert_eq!(subject(REPORT, &d(REPORT.len(), REPORT.len())), "doc:相差#");
        // Whitespace and line breaks inside a sentence do not matter.
        let spaced = REPORT.replace("其中自然人 5 件", "其中自然人\n5  件");
        let p = spaced.find("12").unwrap();
        assert_eq!(
            subject(&spaced, &d(p, p + 2)),
            "sentence:本年共收到申请12件，其中自然人5件、法人3件。:12"
        );
    }

    #[test]
    fn the_hash_is_fixed() {
        assert_eq!(format!("{:016x}", fnv1a(b"")), "cbf29ce484222325");
        assert_eq!(format!("{:016x}", fnv1a(b"a")), "af63dc4c8601ec8c");
    }
}
