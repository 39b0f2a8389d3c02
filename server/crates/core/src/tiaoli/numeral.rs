//! Chinese numerals as they occur in article numbers and ordinals (第五十条, （十一）, 二〇一九).

/// Value of a single digit character (Chinese, traditional, Arabic or full-width Arabic).
fn digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '0' | '０' => 0,
        '一' | '壹' | '1' | '１' => 1,
        '二' | '两' | '兩' | '贰' | '貳' | '2' | '２' => 2,
        '三' | '叁' | '參' | '3' | '３' => 3,
        '四' | '肆' | '4' | '４' => 4,
        '五' | '伍' | '5' | '５' => 5,
        '六' | '陆' | '陸' | '6' | '６' => 6,
        '七' | '柒' | '7' | '７' => 7,
        '八' | '捌' | '8' | '８' => 8,
        '九' | '玖' | '9' | '９' => 9,
        _ => return None,
    })
}

/// Value of a unit character.
fn unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Whether `c` can be part of a numeral accepted by [`parse_cn_number`].
pub fn is_numeral_char(c: char) -> bool {
    digit(c).is_some() || unit(c).is_some()
}

/// Parse a Chinese numeral below 10000: `"三十六"` → 36, `"十"` → 10, `"一百零五"` → 105, `"两百"` → 200.
///
/// Also accepts Arabic digits (`"36"`, full-width `"３６"`) and digit-by-digit readings without units
/// (`"二〇一九"` → 2019), because reports write article numbers and years all three ways.
/// Returns `None` for an empty string, stray characters, or units out of order (`"十百"`).
pub fn parse_cn_number(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().all(|c| digit(c).is_some()) {
        // Positional reading: "36", "二〇一九".
        return text
            .chars()
            .try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total = 0u32;
    let mut pending: Option<u32> = None; // a digit waiting for its unit
    let mut last_unit = u32::MAX; // units must strictly decrease: 一百二十, never 十百
    for c in text.chars() {
        if let Some(d) = digit(c) {
            if d == 0 {
                // 零 only marks a skipped place (一百零五); it must not sit between a digit and its unit.
                if pending.is_some() {
                    return None;
                }
                continue;
            }
            if pending.is_some() {
                return None; // two digits in a row inside a numeral with units
            }
            pending = Some(d);
        } else if let Some(u) = unit(c) {
            if u >= last_unit {
                return None;
            }
            // A bare leading 十 means 一十; a bare 百/千 (as in "百") likewise.
            total += pending.take().unwrap_or(1) * u;
            last_unit = u;
        } else {
            return None;
        }
    }
    Some(total + pending.unwrap_or(0))
}

/// Write `n` (1 ≤ n < 10000) as an article number is written: 10 → 十, 15 → 十五, 50 → 五十, 105 → 一百零五.
pub fn format_cn_number(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "零".to_string();
    }
    let places = [(1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n % 10000;
    let mut zero_pending = false;
    for (value, name) in places {
        let d = rest / value;
        rest %= value;
        if d == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        // 十五, not 一十五, when 十 leads.
        if !(value == 10 && d == 1 && out.is_empty()) {
            out.push(DIGITS[d as usize]);
        }
        out.push(name);
    }
    if rest > 0 {
        if zero_pending {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}
