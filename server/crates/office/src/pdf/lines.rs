//! Glyphs → lines, words and chunks; page chrome (page numbers, running headers and footers).

use super::*;

// ---------------------------------------------------------------------------------------------------------
// Lines.

#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) page: u32,
    pub(super) y: f64,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) size: f64,
    /// Chunks separated by wide gaps: (x0, x1, text).
    pub(super) chunks: Vec<(f64, f64, String)>,
}

impl Line {
    pub(super) fn text(&self) -> String {
        let mut out = String::new();
        for (_, _, t) in &self.chunks {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        }
        out
    }
}

pub(super) fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{303F}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FFFF}'
        | '“' | '”' | '‘' | '’' | '—' | '…')
}

pub(super) fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Glyphs → lines (by baseline), chunks (by wide gaps) and words (by small gaps).
pub(super) fn lines_of(page: u32, glyphs: &[&Glyph]) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match rows.last_mut() {
            Some(row) if (row[0].y - g.y).abs() <= row[0].size.min(g.size) * 0.35 => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        // Overprinted duplicates (fake bold): same glyph at (almost) the same place.
        row.dedup_by(|b, a| a.text == b.text && (a.x - b.x).abs() < a.size * 0.2);
        let size = median(row.iter().map(|g| g.size).collect());
        let mut chunks: Vec<(f64, f64, String)> = Vec::new();
        let mut last_end = f64::NEG_INFINITY;
        let mut last_char: Option<char> = None;
        for g in &row {
            let gap = g.x - last_end;
            if chunks.is_empty() || gap > size * 1.6 {
                chunks.push((g.x, g.x + g.w, g.text.clone()));
            } else if let Some(chunk) = chunks.last_mut() {
                let first = g.text.chars().next();
                let wide = last_char.is_some_and(is_wide) || first.is_some_and(is_wide);
                if gap > size * 0.22 && !wide {
                    chunk.2.push(' ');
                }
                chunk.2.push_str(&g.text);
                chunk.1 = g.x + g.w;
            }
            last_end = g.x + g.w;
            last_char = g.text.chars().last();
        }
        let y = median(row.iter().map(|g| g.y).collect());
        out.push(Line {
            page,
            y,
            x0: chunks.first().map(|c| c.0).unwrap_or(0.0),
            x1: chunks.last().map(|c| c.1).unwrap_or(0.0),
            size,
            chunks,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------------------
// Page chrome.

/// A page number as printed: “第 3 页”, “第3页 共6页”, “- 3 -”, “— 3 —”, “3 / 6”, “3”, “Page 3 of 6”.
pub(crate) fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() || t.chars().count() > 16 {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let strip = t.trim_matches(|c: char| "-—–－·•()（）[]【】".contains(c));
    if digits(strip) {
        return true;
    }
    if let Some((a, b)) = strip.split_once(['/', '／']) {
        if digits(a) && digits(b) {
            return true;
        }
    }
    let cjk = strip
        .replace("共", " ")
        .replace(['第', '页', '，', ','], " ");
    let parts: Vec<&str> = cjk.split_whitespace().collect();
    if t.contains('页') && !parts.is_empty() && parts.iter().all(|p| digits(p)) {
        return true;
    }
    let lower = strip.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        return rest.split("of").all(digits);
    }
    false
}

pub(super) fn chrome_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Removes page numbers and running headers/footers; lists them.
pub(super) fn remove_chrome(pages: &mut [(u32, f64, Vec<Line>)], dropped: &mut Vec<Dropped>) {
    let total = pages.len();
    let margin = |h: f64, y: f64| y < h * 0.1 || y > h * 0.9;
    // Running text: same key at about the same y on at least half of the pages (and at least 2).
    let mut seen: HashMap<(String, i64), usize> = HashMap::new();
    for (_, h, lines) in pages.iter() {
        let mut here = std::collections::HashSet::new();
        for l in lines.iter().filter(|l| margin(*h, l.y)) {
            here.insert((chrome_key(&l.text()), (l.y / 4.0).round() as i64));
        }
        for k in here {
            *seen.entry(k).or_default() += 1;
        }
    }
    let running = |key: &(String, i64)| {
        let n: usize = (-1..=1)
            .map(|d| seen.get(&(key.0.clone(), key.1 + d)).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        total >= 2 && n >= 2 && n * 2 >= total
    };
    for (number, h, lines) in pages.iter_mut() {
        let h = *h;
        let n = *number;
        // A running header on a document too short for it to repeat: the top line says again what a line
        // below it on the page says (the title, in one line or two).
        let below: Vec<(f64, String)> =
            lines.iter().map(|l| (l.y, chrome_key(&l.text()))).collect();
        let repeated_below = |y: f64, key: &str| {
            key.chars().count() >= 6
                && below.iter().enumerate().any(|(i, (by, k))| {
                    *by > y + 1.0
                        && (k == key
                            || below
                                .get(i + 1)
                                .is_some_and(|(_, next)| format!("{k}{next}") == key))
                })
        };
        lines.retain(|l| {
            if !margin(h, l.y) {
                return true;
            }
            let text = l.text();
            let top = l.y < h * 0.5;
            let reason = if is_page_number(&text) {
                "页码"
            } else if top && l.y < h * 0.1 && repeated_below(l.y, &chrome_key(&text)) {
                "页眉（重复下面的标题）"
            } else if running(&(chrome_key(&text), (l.y / 4.0).round() as i64)) {
                if top {
                    "页眉（每页重复）"
                } else {
                    "页脚（每页重复）"
                }
            } else {
                return true;
            };
            dropped.push(Dropped {
                text,
                reason: reason.into(),
                page: Some(n),
            });
            false
        });
    }
}
