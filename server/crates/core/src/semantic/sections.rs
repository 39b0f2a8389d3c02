//! Which top-level heading of a report is which section of its format, and
//! how a heading is numbered.

use std::ops::Range;

use crate::formats::{Format, Section};
use crate::model::Report;

/// The top-level sections matched to the format's sections: (index into
/// `report.sections`, the format's section). Paste noise before the ordinal
/// ("l五、", "•三、") is ignored, and so is the ordinal itself: a section
/// written under a wrong ordinal is still that section. Used by the
/// `section-missing`, `table-missing` and `section-ordinal` rules and by
/// heading completion.
pub fn matched_sections<'f>(report: &Report, format: &'f Format) -> Vec<(usize, &'f Section)> {
    report
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.level == 1)
        .filter_map(|(i, s)| {
            let title = match heading_ordinal(&s.title) {
                Some(o) if !o.noise.is_empty() => &s.title[o.noise.end..],
                _ => s.title.as_str(),
            };
            let m = format.match_section(title)?;
            m.is_plausible().then_some((i, m.section))
        })
        .collect()
}

/// The Chinese ordinal that numbers a heading ("三、" in "三、收到和处理……").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingOrdinal {
    /// Characters before the ordinal that belong to no numbering: OCR and
    /// paste noise such as "l" in "l五、", "1" in "1一、", "•" in "•三、"
    /// (byte range within the title; empty when there is none).
    pub noise: Range<usize>,
    /// The numeral (byte range within the title).
    pub numeral: Range<usize>,
    /// Its value: 一 → 1, 十二 → 12.
    pub value: u32,
}

/// Characters taken for paste noise in front of an ordinal.
fn is_noise(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '•' | '·'
                | '●'
                | '○'
                | '◆'
                | '◇'
                | '■'
                | '□'
                | '▪'
                | '▲'
                | '★'
                | '☆'
                | '*'
                | '-'
                | '—'
                | '>'
                | '|'
                | '＊'
                | '－'
                | '｜'
                | '．'
                | '.'
                | '、'
                | 'Ｉ'
                | 'ｌ'
                | '１'
        )
        || ('０'..='９').contains(&c)
        || ('Ａ'..='ｚ').contains(&c)
}

/// The separator after a heading ordinal.
fn is_separator(c: char) -> bool {
    matches!(c, '、' | '．' | '.' | '，' | ',')
}

/// The value of a Chinese numeral up to 99 (一, 十, 十二, 二十三).
pub fn chinese_value(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// The Chinese numeral of a value up to 99.
pub fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// One of 一 … 十 (a match, not a search of the string for each character).
fn is_ordinal_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The Chinese ordinal of a heading title, with any noise before it; `None`
/// when the title is not numbered that way ("前言", "1、概述", "第一部分").
pub fn heading_ordinal(title: &str) -> Option<HeadingOrdinal> {
    let mut noise_end = 0;
    let mut noise_chars = 0;
    for (i, c) in title.char_indices() {
        if is_ordinal_digit(c) {
            break;
        }
        if !(is_noise(c) || c.is_whitespace()) || noise_chars >= 3 {
            return None;
        }
        noise_chars += usize::from(!c.is_whitespace());
        noise_end = i + c.len_utf8();
    }
    let rest = &title[noise_end..];
    let len: usize = rest
        .chars()
        .take_while(|&c| is_ordinal_digit(c))
        .map(char::len_utf8)
        .sum();
    if len == 0 || !rest[len..].starts_with(is_separator) {
        return None;
    }
    let value = chinese_value(&rest[..len])?;
    // Whitespace alone before the ordinal is no noise.
    let noise = if title[..noise_end].trim().is_empty() {
        noise_end..noise_end
    } else {
        0..noise_end
    };
    Some(HeadingOrdinal {
        noise,
        numeral: noise_end..noise_end + len,
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The match is the search of the string, for every character.
    #[test]
    fn ordinal_digits_are_the_string_s() {
        let planes = (0..0x3_0000u32).chain(0x10_FF00..0x11_0000);
        for c in planes.filter_map(char::from_u32) {
            assert_eq!(
                is_ordinal_digit(c),
                "一二三四五六七八九十".contains(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn ordinals_and_noise() {
        let o = heading_ordinal("三、收到和处理政府信息公开申请情况").unwrap();
        assert_eq!((o.noise.clone(), o.value), (0..0, 3));
        let o = heading_ordinal("l五、存在的主要问题及改进情况").unwrap();
        assert_eq!((o.noise, o.value), (0..1, 5));
        let o = heading_ordinal("1一、总体情况").unwrap();
        assert_eq!((o.noise, o.value), (0..1, 1));
        let o = heading_ordinal("•三、收到").unwrap();
        assert_eq!((o.noise, o.value), (0.."•".len(), 3));
        assert_eq!(heading_ordinal("十二、其他").unwrap().value, 12);
        assert!(heading_ordinal("1、概述").is_none());
        assert!(heading_ordinal("前言").is_none());
        assert!(heading_ordinal("一是加强").is_none());
        assert!(heading_ordinal("2023年工作").is_none());
        assert_eq!(chinese_numeral(4), "四");
        assert_eq!(chinese_numeral(12), "十二");
    }
}
