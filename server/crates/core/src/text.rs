//! Text helpers shared by import (cleaning published text) and render
//! (joining label fragments): which characters are blank, which are wide.

/// Whitespace as it appears in scraped pages: spaces, NBSP, ideographic space, zero-width characters.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' | '\u{1}'
        )
}

/// CJK ideographs, CJK punctuation and full-width forms: characters between which a line break or space is
/// not a word boundary.
pub fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{303F}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{2FFFF}'
        | '“' | '”' | '‘' | '’' | '—' | '…'
    )
}

/// Appends a fragment of a label that was split across lines: without a space between CJK characters, with
/// one otherwise.
pub fn join_fragment(out: &mut String, fragment: &str) {
    let fragment = fragment.trim_matches(is_blank_char);
    if fragment.is_empty() {
        return;
    }
    if let (Some(a), Some(b)) = (out.chars().last(), fragment.chars().next()) {
        if !(is_wide(a) || is_wide(b)) {
            out.push(' ');
        }
    }
    out.push_str(fragment);
}
