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

/// The fingerprints of a file's findings (same order). Linear in the text
/// plus the findings: what several findings share (a sentence, a table's
/// header, a paragraph's bounds) is computed once.
pub fn fingerprints(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let mut subjects = Subjects::new(text);
    // (code, shared part, own part) → how many so far.
    let mut seen: std::collections::HashMap<(&str, usize, String), usize> =
        std::collections::HashMap::new();
    // (code, shared part) → the hash state after `code \0 shared`.
    let mut states: std::collections::HashMap<(&str, usize), u64> =
        std::collections::HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let (shared, own) = subjects.subject(d);
            let n = seen
                .entry((d.code.as_str(), shared, own.clone()))
                .or_insert(0);
            *n += 1;
            let state = *states.entry((d.code.as_str(), shared)).or_insert_with(|| {
                let h = fnv1a_from(FNV_OFFSET, d.code.as_str().as_bytes());
                let h = fnv1a_from(h, b"\0");
                fnv1a_from(h, subjects.shared[shared].as_bytes())
            });
            let mut h = fnv1a_from(state, own.as_bytes());
            if *n > 1 {
                h = fnv1a_from(h, format!("\u{0}#{n}").as_bytes());
            }
            format!("{h:016x}")
        })
        .collect()
}

/// The fingerprint of one finding when it is the only one of its code about its subject.
pub fn fingerprint(text: &str, d: &Diagnostic) -> String {
    fingerprints(text, std::slice::from_ref(d)).remove(0)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a_from(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(FNV_OFFSET, bytes)
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
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
            i - 1
        } else {
            i
        };
        out.push(start..end);
        start = i + 1;
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
    let mut subjects = Subjects::new(text);
    let (shared, own) = subjects.subject(d);
    format!("{}{own}", subjects.shared[shared])
}

/// The characters that end a sentence.
const STOP_CHARS: [char; 7] = ['。', '！', '？', '；', '!', '?', ';'];

/// The sentence stops found in one pass over the bytes (UTF-8 cannot match
/// a character's encoding inside another character).
static STOPS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(STOP_CHARS.map(String::from)).expect("seven stops")
});

/// The sentence stops inside `range` of `text` (a stop is one character, so
/// these are the stops of the whole text that lie in the range).
fn stops_in(text: &str, range: std::ops::Range<usize>) -> Vec<(usize, usize)> {
    STOPS
        .find_iter(&text[range.clone()])
        .map(|m| (range.start + m.start(), range.start + m.end()))
        .collect()
}

/// What the findings of one text share, computed once: the lines, the end of
/// the front matter, the paragraph and table each line belongs to, the
/// sentence stops, and the shared leading parts of subjects (a sentence, a
/// table's heading and header), interned so that each is hashed once.
struct Subjects<'t> {
    text: &'t str,
    lines: Vec<std::ops::Range<usize>>,
    /// The front matter's opening line is the first line.
    opens: bool,
    /// The line of the closing `---`.
    close: Option<usize>,
    /// For each line, the first line of the paragraph run it would belong to.
    para_first: Vec<usize>,
    /// For each line, the last line of that run.
    para_last: Vec<usize>,
    /// For each line, the first line of the table lines it follows.
    table_first: Vec<usize>,
    /// For each line, the last heading line before it.
    heading_before: Vec<Option<usize>>,
    /// The first line of a paragraph → byte offsets (start, end) of the
    /// sentence stops inside it, in order: found when a finding is in it
    /// (most findings are in tables; a scan of the whole text would cost as
    /// much as the rest of the fingerprints).
    stops: std::collections::HashMap<usize, Vec<(usize, usize)>>,
    /// Shared leading parts of subjects, interned.
    shared: Vec<String>,
    ids: std::collections::HashMap<String, usize>,
    /// (sentence start, sentence end) → shared id.
    sentences: std::collections::HashMap<(usize, usize), usize>,
    /// The first line of a table → shared id of `table:heading:header:row:` and the header's cells.
    tables: std::collections::HashMap<usize, (usize, Vec<String>)>,
    /// A table line → its row label and the positions of its unescaped pipes.
    rows: std::collections::HashMap<usize, (String, Vec<usize>)>,
}

impl<'t> Subjects<'t> {
    fn new(text: &'t str) -> Self {
        let lines = lines(text);
        let n = lines.len();
        let line = |i: usize| &text[lines[i].clone()];
        let opens_line = |s: &str| s.trim_start_matches('\u{FEFF}').trim() == "---";
        let opens = opens_line(line(0));
        let close = if opens {
            (1..n).find(|&i| line(i).trim() == "---")
        } else {
            None
        };
        // Each line's start after its whitespace, read once: whether it is
        // blank, a block marker, a table line, a heading.
        let mut blank_or_block = Vec::with_capacity(n);
        let mut table_line = Vec::with_capacity(n);
        let mut heading_line = Vec::with_capacity(n);
        for i in 0..n {
            let lead = line(i).trim_start();
            // The whitespace trimmed is blank: so is the line when the rest is.
            let blank = lead.is_empty() || (lead.starts_with('\u{FEFF}') && is_blank(lead));
            let (table, heading) = (lead.starts_with('|'), lead.starts_with('#'));
            blank_or_block.push(blank || table || heading || lead.starts_with("//"));
            table_line.push(table);
            heading_line.push(heading);
        }
        let mut para_first = vec![0; n];
        for i in 0..n {
            let prev_joins =
                i > 0 && !blank_or_block[i - 1] && !(i - 1 == 0 && opens_line(line(0)));
            para_first[i] = if prev_joins { para_first[i - 1] } else { i };
        }
        let mut para_last = vec![0; n];
        for i in (0..n).rev() {
            let next_joins = i + 1 < n && !blank_or_block[i + 1];
            para_last[i] = if next_joins { para_last[i + 1] } else { i };
        }
        let mut table_first = vec![0; n];
        for i in 0..n {
            let prev_table = i > 0 && table_line[i - 1];
            table_first[i] = if prev_table { table_first[i - 1] } else { i };
        }
        let mut heading_before = vec![None; n];
        for i in 1..n {
            heading_before[i] = if heading_line[i - 1] {
                Some(i - 1)
            } else {
                heading_before[i - 1]
            };
        }
        Subjects {
            text,
            lines,
            opens,
            close,
            para_first,
            para_last,
            table_first,
            heading_before,
            stops: std::collections::HashMap::new(),
            shared: Vec::new(),
            ids: std::collections::HashMap::new(),
            sentences: std::collections::HashMap::new(),
            tables: std::collections::HashMap::new(),
            rows: std::collections::HashMap::new(),
        }
    }

    fn intern(&mut self, s: String) -> usize {
        if let Some(&id) = self.ids.get(&s) {
            return id;
        }
        let id = self.shared.len();
        self.shared.push(s.clone());
        self.ids.insert(s, id);
        id
    }

    /// The subject of `d` as a shared leading part (an id) and its own rest.
    fn subject(&mut self, d: &Diagnostic) -> (usize, String) {
        let text = self.text;
        let pos = floor_boundary(text, d.range.start);
        let li = self
            .lines
            .partition_point(|r| r.end < pos)
            .min(self.lines.len() - 1);
        let line = &text[self.lines[li].clone()];
        let general = |me: &mut Self| {
            (
                me.intern(String::new()),
                format!("doc:{}", masked(&d.message)),
            )
        };

        // Front matter: `---` on the first line up to the closing `---`.
        if self.opens {
            if li == 0 || Some(li) == self.close {
                return general(self);
            }
            if self.close.is_none_or(|c| li < c) {
                if is_blank(line) {
                    return general(self);
                }
                return (
                    self.intern(String::new()),
                    format!("front:{}", squeeze(line)),
                );
            }
        }
        if is_blank(line) {
            return general(self);
        }
        let trimmed = line.trim_start();
        if is_table_line(line) {
            let first = self.table_first[li];
            if !self.tables.contains_key(&first) {
                let header = cells(&text[self.lines[first].clone()]);
                let heading = self.heading_before[first]
                    .map(|h| squeeze(&text[self.lines[h].clone()]))
                    .unwrap_or_default();
                let id = self.intern(format!("table:{heading}:{}:row:", header.join("|")));
                self.tables.insert(first, (id, header));
            }
            self.rows.entry(li).or_insert_with(|| {
                let label = cells(line).into_iter().next().unwrap_or_default();
                (label, pipes(line))
            });
            let (id, header) = &self.tables[&first];
            let (row_label, pipes) = &self.rows[&li];
            // A finding on the line break before a table line (CRLF) counts every pipe, as the release
            // build of the first implementation did.
            let at = pos.checked_sub(self.lines[li].start).unwrap_or(usize::MAX);
            let column = pipes.partition_point(|&p| p < at).saturating_sub(1);
            let column_label = if column == 0 {
                String::new()
            } else {
                header
                    .get(column)
                    .cloned()
                    .unwrap_or_else(|| format!("#{column}"))
            };
            let own = format!(
                "{}:{row_label}:column:{column_label}",
                if li == first { "header" } else { "" },
            );
            return (*id, own);
        }
        if trimmed.starts_with('#') {
            return (
                self.intern(String::new()),
                format!("heading:{}", squeeze(line)),
            );
        }
        if trimmed.starts_with("//") {
            return (
                self.intern(String::new()),
                format!("comment:{}", squeeze(line)),
            );
        }
        // A paragraph: consecutive non-blank lines that are no other block.
        let para = self.lines[self.para_first[li]].start..self.lines[self.para_last[li]].end;
        let end = floor_boundary(text, d.range.end.clamp(pos, para.end));
        // The last stop that ends by `pos` inside the paragraph; the first that starts at `end` or later.
        let stops = self
            .stops
            .entry(self.para_first[li])
            .or_insert_with(|| stops_in(text, para.clone()));
        let before = stops.partition_point(|&(_, e)| e <= pos);
        let sentence_start = match before.checked_sub(1).map(|i| stops[i]) {
            Some((_, e)) => e,
            None => para.start,
        };
        let after = stops.partition_point(|&(s, _)| s < end);
        let sentence_end = match stops.get(after) {
            Some(&(_, e)) => e,
            None => para.end,
        };
        let key = (sentence_start, sentence_end.max(sentence_start));
        let id = match self.sentences.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.intern(format!("sentence:{}:", squeeze(&text[key.0..key.1])));
                self.sentences.insert(key, id);
                id
            }
        };
        (id, squeeze(&text[pos..end]))
    }
}

/// Byte offsets of the unescaped `|` of a table line.
fn pipes(line: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod reference;

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
    fn stops_are_found_where_the_characters_are() {
        let text = "一。二！三？四；5!6?7;八\u{3002}ｘ。";
        let by_chars: Vec<_> = text
            .char_indices()
            .filter(|(_, c)| STOP_CHARS.contains(c))
            .map(|(i, c)| (i, i + c.len_utf8()))
            .collect();
        assert_eq!(by_chars.len(), 9);
        assert_eq!(stops_in(text, 0..text.len()), by_chars);
        let (second, last) = (by_chars[1].0, by_chars[8].0);
        assert_eq!(stops_in(text, second..last), by_chars[1..8]);
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

    /// The linear implementation gives the fingerprints (and subjects) of the
    /// first one on every example, fixture and real report, and on edits of
    /// them that move findings into tables, headings and the front matter.
    #[test]
    fn the_same_fingerprints_as_the_first_implementation() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
        let mut texts = Vec::new();
        let mut dirs: Vec<_> = [
            "examples",
            "tests/fixtures/rules",
            "tests/fixtures/cli",
            "grammar/test/corpus",
        ]
        .iter()
        .map(|d| root.join(d))
        .collect();
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = e.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(t) = std::fs::read_to_string(&path) {
                    texts.push(t);
                }
            }
        }
        texts.push(REPORT.to_string());
        texts.push(REPORT.replace("---\n机关", "---\n\n机关"));
        texts.push(REPORT.replace("\n---\n\n#", "\n\n#"));
        texts.push(
            REPORT
                .replace("\n\n本年", "\n本年")
                .replace("。\n\n#", "\n#"),
        );
        texts.push(format!(
            "{REPORT}| a \\| b | c |\n| 1 | 2 |\n|3|\n本年共12件；其中5件！"
        ));
        texts.push("\u{FEFF}---\n年度: 2023\n".to_string());
        texts.push(
            "本年共收到申请12件，其中自然人5件。本年共收到申请12件，其中自然人5件。".to_string(),
        );
        assert!(texts.len() > 100, "{}", texts.len());
        for text in &texts {
            let c = check_text(text, &Config::default());
            let mut ds = c.diagnostics.clone();
            // Findings everywhere: one on every 7th character boundary, some spanning a stop.
            // (Not on a line break: the first implementation panicked on one
            // before a line of CRLF text; `on_line_breaks` below.)
            for (k, (i, _)) in text
                .char_indices()
                .enumerate()
                .filter(|(k, (_, c))| k % 7 == 0 && *c != '\r' && *c != '\n')
            {
                let end = text[i..]
                    .char_indices()
                    .nth(k % 5)
                    .map_or(text.len(), |(j, _)| i + j);
                ds.push(Diagnostic::new(
                    if k % 2 == 0 {
                        crate::rules::Code::TableSum
                    } else {
                        crate::rules::Code::ProseBreakdown
                    },
                    crate::diagnostic::Severity::Error,
                    i..end,
                    "相差 3",
                ));
            }
            assert_eq!(fingerprints(text, &ds), reference::fingerprints(text, &ds));
            for d in ds.iter().step_by(11) {
                assert_eq!(subject(text, d), reference::subject(text, d));
            }
        }
    }

    #[test]
    fn on_line_breaks() {
        let text = "---\r\n年度: 2023\r\n---\r\n\r\n# 一\r\n\r\n共12件，\r\n其中5件。\r\n| a | b |\r\n| 1 | 2 |\r\n";
        let ds: Vec<_> = text
            .char_indices()
            .filter(|(_, c)| *c == '\r' || *c == '\n')
            .map(|(i, _)| {
                Diagnostic::new(
                    crate::rules::Code::TableSum,
                    crate::diagnostic::Severity::Error,
                    i..i + 1,
                    "m",
                )
            })
            .collect();
        let prints = fingerprints(text, &ds);
        assert_eq!(prints.len(), ds.len());
    }

    #[test]
    fn the_hash_is_fixed() {
        assert_eq!(format!("{:016x}", fnv1a(b"")), "cbf29ce484222325");
        assert_eq!(format!("{:016x}", fnv1a(b"a")), "af63dc4c8601ec8c");
    }
}
