//! Pinyin annotations that traditional-character converters leave after characters ("根據(jù)").

use pinyin::ToPinyinMulti;

pub(super) fn count_annotations(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| matches!(annotation_at(&chars, i), Some((_, true))))
        .count()
}

/// Removes pinyin annotations after characters; returns the text and how many were removed.
pub fn strip_pinyin(text: &str, loose: bool) -> (String, usize) {
    if !text.contains(['(', '（']) {
        return (text.to_string(), 0);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut i = 0;
    while i < chars.len() {
        if let Some((len, confirmed)) = annotation_at(&chars, i) {
            if confirmed || loose {
                removed += 1;
                i += len;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, removed)
}

/// At `i`: "(syllable)" right after a Han character? Returns its length and whether the syllable is a reading
/// of that character (or only looks like pinyin with a tone mark).
fn annotation_at(chars: &[char], i: usize) -> Option<(usize, bool)> {
    let open = chars[i];
    if !(open == '(' || open == '（') || i == 0 {
        return None;
    }
    let han = chars[i - 1];
    if !('\u{3400}'..='\u{9FFF}').contains(&han) && !('\u{F900}'..='\u{FAFF}').contains(&han) {
        return None;
    }
    let letters: String = chars[i + 1..]
        .iter()
        .take(7)
        .take_while(|c| is_pinyin_letter(**c))
        .collect();
    let n = letters.chars().count();
    if n == 0 || n > 6 {
        return None;
    }
    let close = *chars.get(i + 1 + n)?;
    if !(close == ')' || close == '）') {
        return None;
    }
    let plain = toneless(&letters);
    let confirmed = han
        .to_pinyin_multi()
        .is_some_and(|m| m.into_iter().any(|p| toneless(p.plain()) == plain));
    let toned = letters.chars().any(|c| !c.is_ascii_lowercase());
    (confirmed || toned && is_syllable(&plain)).then_some((n + 2, confirmed))
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê".contains(c)
}

fn toneless(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' | 'ê' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ü' | 'v' => 'v',
            c => c,
        })
        .collect()
}

/// A plausible Mandarin syllable: an initial (or none) and a final.
fn is_syllable(s: &str) -> bool {
    const INITIALS: [&str; 23] = [
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "r", "z", "c", "s", "y", "w",
    ];
    const FINALS: [&str; 36] = [
        "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong",
        "er", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui",
        "uan", "un", "uang", "ueng", "ve", "van", "vn",
    ];
    let rest = INITIALS.iter().find_map(|i| s.strip_prefix(i)).unwrap_or(s);
    FINALS.contains(&rest)
}
