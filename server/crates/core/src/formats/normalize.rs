//! Label normalisation: the comparison key under which two spellings of a table label, heading or header count
//! as the same. Published reports split labels across lines ("商业\n企业"), mix full- and half-width punctuation,
//! come out of traditional-character converters (眉县2020: 總計, 行政復(fù)議) and write ordinals every which way.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NormalizeData {
    traditional: String,
    simplified: String,
    replace: Vec<Replacement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Replacement {
    from: String,
    to: String,
}

struct Tables {
    /// Looked up for every character of much of a report's text: a fast hasher.
    chars: FxHashMap<char, char>,
    /// One bit per character of the basic plane: whether `chars` has it (the
    /// text's characters are nearly all of the plane and nearly all not in
    /// the map: a bit test instead of a hash lookup).
    mapped: Box<[u64]>,
    replace: Vec<(String, String)>,
    /// Whether every character of the map has a simplified form of its own
    /// UTF-8 length (then [`to_simplified`] and [`to_simplified_in_place`]
    /// agree on every text).
    keeps_lengths: bool,
}

/// The bit of `c` in [`Tables::mapped`], if it is in the basic plane.
fn plane_bit(c: char) -> Option<(usize, u64)> {
    let c = u32::from(c);
    (c < 0x1_0000).then(|| ((c / 64) as usize, 1 << (c % 64)))
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let data: NormalizeData = toml::from_str(include_str!("../../data/formats/normalize.toml"))
        .unwrap_or_else(|e| panic!("bundled normalize.toml is invalid: {e}"));
    let chars: FxHashMap<char, char> = data
        .traditional
        .chars()
        .zip(data.simplified.chars())
        .collect();
    assert_eq!(
        data.traditional.chars().count(),
        data.simplified.chars().count(),
        "normalize.toml: traditional and simplified differ in length"
    );
    let mut mapped = vec![0u64; 0x1_0000 / 64].into_boxed_slice();
    for (word, bit) in chars.keys().filter_map(|&c| plane_bit(c)) {
        mapped[word] |= bit;
    }
    Tables {
        keeps_lengths: chars.iter().all(|(t, s)| t.len_utf8() == s.len_utf8()),
        chars,
        mapped,
        replace: data.replace.into_iter().map(|r| (r.from, r.to)).collect(),
    }
});

/// The traditional → simplified character map of the label vocabulary.
pub(crate) fn simplified_char(c: char) -> char {
    let tables = &*TABLES;
    if let Some((word, bit)) = plane_bit(c) {
        if tables.mapped[word] & bit == 0 {
            return c;
        }
    }
    tables.chars.get(&c).copied().unwrap_or(c)
}

/// Whether `c` is a CJK ideograph (the unified blocks used in labels).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Latin letters of a pinyin reading, with tone marks.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ".contains(c)
}

/// Numerals that can open an ordinal marker: 一、 （二） 3. （4）.
fn is_ordinal_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十百零〇两".contains(c)
}

/// Remove markup and converter debris before character mapping: HTML tags (`本年新<br />制作数量`) and the pinyin
/// some sites print after a character (`行政復(fù)議`, `發(fā)布`).
fn strip_debris(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // <br>, <br />, </td> …: '<' then a letter or '/', up to '>'.
        if c == '<'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/')
        {
            if let Some(len) = chars[i..].iter().position(|&c| c == '>') {
                i += len + 1;
                continue;
            }
        }
        // (pinyin) right after a Han character.
        if (c == '(' || c == '（') && i > 0 && is_han(chars[i - 1]) {
            let letters = chars[i + 1..]
                .iter()
                .take_while(|&&c| is_pinyin_letter(c))
                .count();
            let close = chars.get(i + 1 + letters);
            if letters > 0 && matches!(close, Some(')') | Some('）')) {
                i += letters + 2;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Map one character to its comparison form; `None` drops it.
fn map_char(c: char) -> Option<char> {
    if c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}') {
        return None;
    }
    let c = match c {
        // Full-width ASCII (（ ） ： ， ． ／ １ …) → ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    Some(match c {
        '[' | '【' | '〔' | '〖' => '(',
        ']' | '】' | '〕' | '〗' => ')',
        // Enumeration commas and commas are used interchangeably in the long labels.
        '、' | '﹐' | '﹑' => ',',
        '︰' => ':',
        '“' | '”' | '„' | '‘' | '’' | '「' | '」' | '『' | '』' | '\'' => '"',
        '—' | '–' | '―' | '─' | '‐' | '‑' => '-',
        '。' | '｡' => '.',
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => simplified_char(c),
    })
}

/// Normalise a label for comparison.
///
/// All whitespace is removed (labels get split: "商业 企业"); full- and half-width punctuation and brackets are
/// unified; 、，, become one comma; traditional characters become simplified; known synonyms (其它 → 其他) are
/// replaced; trailing punctuation is dropped; and the separator after a leading ordinal is unified
/// ("一、" "1．" "1、" → "一." "1."). The result is a key, not display text.
pub fn normalize_label(text: &str) -> String {
    // The same few hundred labels (the standard tables' rows and columns,
    // the format's headings) come back in every report: each thread keeps
    // what it has normalised (emptied when it holds `MEMO_SIZE` labels).
    const MEMO_SIZE: usize = 4096;
    thread_local! {
        static MEMO: std::cell::RefCell<FxHashMap<Box<str>, String>> =
            std::cell::RefCell::new(FxHashMap::default());
    }
    MEMO.with(|memo| {
        if let Some(known) = memo.borrow().get(text) {
            return known.clone();
        }
        let out = normalize_label_anew(text);
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_SIZE {
            memo.clear();
        }
        memo.insert(text.into(), out.clone());
        out
    })
}

/// [`normalize_label`], worked out.
fn normalize_label_anew(text: &str) -> String {
    let mut out: String = strip_debris(text).chars().filter_map(map_char).collect();
    for (from, to) in &TABLES.replace {
        if out.contains(from.as_str()) {
            out = out.replace(from.as_str(), to);
        }
    }
    while out.ends_with(['.', ',', ';', ':']) {
        out.pop();
    }
    // Leading ordinal "一," / "1," / "1:" → "一." / "1.".
    let numeral_len: usize = out
        .chars()
        .take_while(|&c| is_ordinal_numeral(c))
        .map(char::len_utf8)
        .sum();
    if numeral_len > 0 && out[numeral_len..].starts_with([',', ':']) {
        out.replace_range(numeral_len..numeral_len + 1, ".");
    }
    out
}

/// Split a *normalised* label into its leading ordinal and the rest: "(一)予以公开" → (Some("一"), "予以公开"),
/// "1.属于国家秘密" → (Some("1"), "属于国家秘密"). A leading "其中:" is dropped from the rest as well, since the
/// statistical table writes it on some sub-rows and not on others.
pub fn split_ordinal(normalized: &str) -> (Option<&str>, &str) {
    let numeral_end = |s: &str| -> usize {
        s.chars()
            .take_while(|&c| is_ordinal_numeral(c))
            .map(char::len_utf8)
            .sum()
    };
    let mut ordinal = None;
    let mut rest = normalized;
    if let Some(inner) = rest.strip_prefix('(') {
        let n = numeral_end(inner);
        if n > 0 && inner[n..].starts_with(')') {
            ordinal = Some(&inner[..n]);
            rest = inner[n + 1..].trim_start_matches(['.', ',']);
        }
    } else {
        let n = numeral_end(rest);
        if n > 0 && rest[n..].starts_with('.') {
            ordinal = Some(&rest[..n]);
            rest = &rest[n + 1..];
        }
    }
    let rest = rest
        .strip_prefix("其中:")
        .or_else(|| rest.strip_prefix("其中,"))
        .unwrap_or(rest);
    (ordinal, rest)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    edit_distance_chars(&a, &b)
}

/// Levenshtein distance over decoded characters.
pub(crate) fn edit_distance_chars(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Similarity in [0, 1] from the edit distance: 1 − distance / longer length.
pub(crate) fn similarity(a: &str, b: &str, distance: usize) -> f32 {
    let longest = a.chars().count().max(b.chars().count());
    if longest == 0 {
        1.0
    } else {
        1.0 - distance as f32 / longest as f32
    }
}

/// Traditional characters to simplified, character for character (the
/// characters of the labels and the phrases the rules look for), keeping
/// length-independent positions meaningless: use for matching, not slicing.
pub fn to_simplified(text: &str) -> String {
    text.chars().map(simplified_char).collect()
}

/// Whether [`to_simplified`] and [`to_simplified_in_place`] give the same text
/// for every text (no character of the map changes its UTF-8 length).
pub(crate) fn simplified_keeps_lengths() -> bool {
    TABLES.keeps_lengths
}

/// [`to_simplified`] keeping every byte offset: a character whose simplified form is of another UTF-8 length
/// stays as written (none of the map is). Borrows when nothing changes.
pub fn to_simplified_in_place(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = first_changed(text) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    out.extend(text[first..].chars().map(same_length_simplified));
    std::borrow::Cow::Owned(out)
}

/// [`simplified_char`] where that is of the same UTF-8 length, else `c`.
fn same_length_simplified(c: char) -> char {
    let s = simplified_char(c);
    if s.len_utf8() == c.len_utf8() {
        s
    } else {
        c
    }
}

/// The byte offset of the first character that [`to_simplified_in_place`]
/// changes. Reads the UTF-8 bytes: a character of the basic plane is a bit
/// test in [`Tables::mapped`] (for three bytes, the word is the first two
/// bytes' bits and the bit the third's), with no decoding and no hash lookup
/// unless the bit is set (a report is nearly all characters of the plane
/// not in the map). The bytes are taken apart by slice patterns (no bounds
/// checks), three-byte characters first (most of a report).
fn first_changed(text: &str) -> Option<usize> {
    let mapped: &[u64; 1024] = TABLES
        .mapped
        .as_ref()
        .try_into()
        .expect("a bit for every character of the basic plane");
    // No ASCII character is in the map (so far): then a run of ASCII is
    // skipped at once (the tables between the paragraphs are mostly ASCII).
    let ascii_mapped = mapped[0] != 0 || mapped[1] != 0;
    let bytes = text.as_bytes();
    let mut rest = bytes;
    loop {
        let (width, hit) = match rest {
            [b0 @ 0xE0..=0xEF, b1, b2, ..] => {
                let word = (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F);
                (3, mapped[word] & (1 << (b2 & 0x3F)) != 0)
            }
            [0..=0x7F, ..] if !ascii_mapped => {
                let run = rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len());
                (run, false)
            }
            [b @ 0..=0x7F, ..] => (1, mapped[usize::from(b >> 6)] & (1 << (b & 0x3F)) != 0),
            [b0 @ 0xC0..=0xDF, b1, ..] => {
                // The character is (b0 & 0x1F) << 6 | (b1 & 0x3F).
                (2, mapped[usize::from(b0 & 0x1F)] & (1 << (b1 & 0x3F)) != 0)
            }
            // Beyond the basic plane: the map itself.
            [_, ..] => (4, true),
            [] => return None,
        };
        if hit {
            let at = bytes.len() - rest.len();
            let c = text[at..].chars().next().unwrap_or_default();
            if same_length_simplified(c) != c {
                return Some(at);
            }
        }
        rest = &rest[width..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A label normalised again (from the thread's memo) is the label
    /// normalised anew, also after the memo was emptied.
    #[test]
    fn normalized_labels_are_remembered_as_they_were() {
        let labels = [
            "（一）予以公开",
            " 其中：政府 信息 ",
            "商业 企业",
            "1、属于国家秘密",
            "政府資訊公開",
            "本年新<br />制作数量",
            "行政復(fù)議",
            "",
            "其它",
        ];
        for round in 0..3 {
            for label in labels {
                assert_eq!(
                    normalize_label(label),
                    normalize_label_anew(label),
                    "{label}"
                );
            }
            if round == 1 {
                for i in 0..5000 {
                    let label = format!("标签{i}");
                    assert_eq!(normalize_label(&label), normalize_label_anew(&label));
                }
            }
        }
    }

    /// [`to_simplified_in_place`] reading bytes gives what converting each
    /// character gives, for every character of the basic plane (alone and
    /// among others of every UTF-8 length) and some beyond it.
    #[test]
    fn in_place_is_each_character() {
        let by_char = |text: &str| -> String { text.chars().map(same_length_simplified).collect() };
        let planes = (0..0x1_0000u32)
            .chain(0x2_0000..0x2_0100)
            .chain(0x10_FF00..0x11_0000);
        for c in planes.filter_map(char::from_u32) {
            for text in [
                c.to_string(),
                format!("a\u{e9}字{c}\u{20000}b"),
                format!("{c}總"),
            ] {
                let expected = by_char(&text);
                let got = to_simplified_in_place(&text);
                assert_eq!(got, expected, "{c:?}");
                assert_eq!(
                    matches!(got, std::borrow::Cow::Borrowed(_)),
                    expected == text,
                    "{c:?}"
                );
            }
        }
        for text in [
            "",
            "總數",
            "本機關全年主動公開政府信息1234條",
            "无变化的简体文字",
        ] {
            assert_eq!(to_simplified_in_place(text), by_char(text));
        }
    }

    /// The bit test gives what the map gives, for every character of the
    /// basic plane and some beyond it.
    #[test]
    fn simplified_char_is_the_map() {
        assert_eq!(simplified_char('總'), '总');
        assert_eq!(simplified_char('无'), '无');
        let planes = (0..0x1_0000u32).chain(0x2_0000..0x2_0100);
        for c in planes.filter_map(char::from_u32) {
            assert_eq!(
                simplified_char(c),
                TABLES.chars.get(&c).copied().unwrap_or(c),
                "{c}"
            );
        }
    }
}
