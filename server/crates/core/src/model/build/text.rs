//! What [`super::Builder`] reads from the text without asking the tree:
//! cells and parts of figures that the grammar can read only one way.
//! Stepping through a node's children crosses the grammar's hidden repeat
//! nodes, several hundred instructions a step; the tests in `tests.rs`
//! compare every such reading with the tree's.

use std::ops::Range;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::EXTRAS;
use crate::model::{CellValue, Number};

/// A cell's content that the grammar can only read as one figure (its
/// `digits`, ASCII): `[0-9]+(\.[0-9]+)?`.
pub(super) fn is_plain_figure(content: &str) -> bool {
    // Bytes, not a search for the point (most cells are one of these).
    let bytes = content.as_bytes();
    let whole = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    match bytes.get(whole) {
        _ if whole == 0 => false,
        None => true,
        Some(b'.') => {
            let fraction = &bytes[whole + 1..];
            !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit)
        }
        Some(_) => false,
    }
}

/// [`is_plain_figure`] as first written: the reference it is tested against.
#[cfg(test)]
pub(super) fn is_plain_figure_by_split(content: &str) -> bool {
    let (whole, fraction) = content.split_once('.').unwrap_or((content, "1"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// The figure of a cell that [`is_plain_figure`], as [`Builder::figure`]
/// reads it: ASCII digits need no conversion, and a figure between pipes
/// has no word of approximation next to it (the blanks or the pipe are).
pub(super) fn plain_figure(digits: &str, range: Range<usize>) -> Option<Number> {
    let written = Decimal::from_str(digits).ok()?;
    Some(Number {
        digits_range: range.clone(),
        range,
        value: written.checked_mul(Decimal::ONE).unwrap_or(written),
        written,
        approx: false,
        magnitude: None,
        unit: None,
        signed: false,
    })
}

/// A cell's content that the grammar can only read as text: no character
/// that may start another node of a cell (the grammar's `STARTERS`, the marks
/// of `not_applicable`) and no control character.
fn is_plain_text(content: &str) -> bool {
    !content
        .chars()
        .any(|c| c < ' ' || is_digit(c) || matches!(c, '第' | '《') || is_mark_or_bracket(c))
}

/// A character that may start a placeholder or a not-applicable mark (the
/// grammar's other `STARTERS` than digits, 第 and 《, and the marks).
fn is_mark_or_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | '（' | 'X' | '×' | 'Ｘ' | '_' | '＿' | '○' | '—' | '-' | '－' | '/' | '／'
    )
}

/// The characters of the grammar's `approx`, `magnitude` and `unit` tokens,
/// the words that may follow a figure in its node (a test reads them from
/// grammar.js).
pub(super) const FIGURE_WORDS: &str =
    "余多餘万亿千萬億条件次人个名篇份项家场期户批类部台套本册张幅块处所\
                            元%％天工作日小时分钟位页封起宗例條個項場戶張塊處冊臺頁時鐘";

/// A character that can only be in a text node of a cell without a 《title》
/// or 第 and without a placeholder: none of a figure (digits, their point,
/// the words after them, the signs of a signed figure), a not-applicable mark
/// or a placeholder, and no blank.
fn only_text_holds(c: char) -> bool {
    !(is_digit(c)
        || EXTRAS.contains(&c)
        || is_figure_word(c)
        || matches!(c, '.' | '．' | '+' | '＋' | ')' | '）')
        || is_mark_or_bracket(c))
}

/// Whether `c` is one of [`FIGURE_WORDS`]: a binary search in its sorted
/// characters (a search of the string for each character of a cell cost more).
pub(super) fn is_figure_word(c: char) -> bool {
    static SORTED: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let mut chars: Vec<char> = FIGURE_WORDS.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    });
    SORTED.binary_search(&c).is_ok()
}

/// Whether a placeholder can start at the character `c` followed by `rest`:
/// `[(（][ \t\u3000]*[)）]`, `[X×Ｘ][X×Ｘ]+`, `[_＿][_＿]+`, `○○+`.
fn starts_placeholder(c: char, rest: &str) -> bool {
    let next = rest.chars().next();
    let twice = |set: &[char]| set.contains(&c) && next.is_some_and(|n| set.contains(&n));
    if matches!(c, '(' | '（') {
        let after = rest.trim_start_matches([' ', '\t', '\u{3000}']);
        return after.starts_with([')', '）']);
    }
    twice(&['X', '×', 'Ｘ']) || twice(&['_', '＿']) || twice(&['○'])
}

/// The value of a cell's content that needs no node of the tree: text
/// ([`is_plain_text`], or text among figures, marks and brackets — no 《,
/// 第, signed figure or placeholder, and a character only a text node can
/// hold, so the cell is not one figure or one mark: its value is text and it
/// has no reference or placeholder), or not applicable (one `—+` mark).
/// `None`: read the cell from the tree.
pub(super) fn plain_value(content: &str) -> Option<CellValue> {
    if is_plain_text(content) {
        return Some(CellValue::Text);
    }
    if content.chars().all(|c| c == '—') {
        return Some(CellValue::NotApplicable);
    }
    let mut some_text = false;
    for (i, c) in content.char_indices() {
        if c < ' ' || matches!(c, '《' | '第' | '+' | '＋') {
            return None;
        }
        if matches!(c, '(' | '（' | 'X' | '×' | 'Ｘ' | '_' | '＿' | '○')
            && starts_placeholder(c, &content[i + c.len_utf8()..])
        {
            return None;
        }
        some_text = some_text || only_text_holds(c);
    }
    some_text.then_some(CellValue::Text)
}

/// Whether `c` is a digit of the grammar's `digits`.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The parts of a figure read from the text of its node (one without
/// errors): the length of its digits (with the sign of a signed figure in a
/// cell) and what follows them in the node — `approx`, `magnitude`, `approx`,
/// `unit`, each at most once, blanks between — as (digits length, magnitude,
/// unit, approx). The grammar's `digits` is `[0-9０-９]+([.．][0-9０-９]+)?`,
/// the longest match; the words after them are the node's other children
/// (their characters are disjoint sets, so their order decides which is
/// which). `None` when the text is not so: read the node's children.
pub(super) fn figure_parts(t: &str) -> Option<(usize, Option<&str>, Option<&str>, bool)> {
    let sign = t
        .chars()
        .next()
        .filter(|c| matches!(c, '+' | '-' | '＋' | '－'));
    let from = sign.map_or(0, char::len_utf8);
    let run = |from: usize| {
        t[from..]
            .char_indices()
            .find(|&(_, c)| !is_digit(c))
            .map_or(t.len(), |(i, _)| from + i)
    };
    let mut end = run(from);
    if end == from {
        return None;
    }
    if let Some(point) = t[end..].chars().next().filter(|c| matches!(c, '.' | '．')) {
        let after = end + point.len_utf8();
        let fraction = run(after);
        if fraction > after {
            end = fraction;
        }
    }
    let mut rest = &t[end..];
    let mut word = |set: &[char]| {
        rest = rest.trim_start_matches(EXTRAS);
        let c = rest.chars().next().filter(|c| set.contains(c))?;
        let (w, r) = rest.split_at(c.len_utf8());
        rest = r;
        Some(w)
    };
    const APPROX: [char; 3] = ['余', '多', '餘'];
    let mut approx = word(&APPROX).is_some();
    let magnitude = word(&['万', '亿', '千', '萬', '億']);
    approx |= word(&APPROX).is_some();
    let unit = rest.trim_start_matches(EXTRAS);
    // A unit is one token: no blank inside, no other figure word.
    if unit.contains(EXTRAS) || unit.starts_with(APPROX) {
        return None;
    }
    Some((end, magnitude, (!unit.is_empty()).then_some(unit), approx))
}
