//! Writing the markup: front matter, headings recognised from the report's numbering (一、 / （一） / 1.),
//! paragraphs, pipe tables aligned by display width.

use unicode_width::UnicodeWidthStr;

use super::meta::Meta;
use super::tables::{MTable, Piece};

/// The whole `.nianbao` text.
pub fn write(meta: &Meta, pieces: &[Piece], source: Option<&str>) -> String {
    let mut out = String::from("---\n");
    let mut entry = |key: &str, value: Option<String>| {
        if let Some(v) = value.map(|v| one_line(&v)).filter(|v| !v.is_empty()) {
            out.push_str(&format!("{key}: {v}\n"));
        }
    };
    entry("标题", meta.title.clone());
    entry("机关", meta.organ.clone());
    entry("机关类型", meta.organ_kind.map(str::to_string));
    entry("年度", meta.year.map(|y| y.to_string()));
    entry("格式", meta.format.map(|f| f.name().to_string()));
    entry("发布日期", meta.published.clone());
    out.push_str("---\n");
    if let Some(source) = source {
        out.push_str(&format!("// 来源：{}\n", one_line(source)));
    }
    out.push_str("// 由 nianbao import 从发布的页面导入：已去掉页面导航、页脚等；表格按标准表重建，栏目名照录原文。\n");

    let mut headings = Headings::default();
    for piece in pieces {
        out.push('\n');
        match piece {
            Piece::Text(line) => {
                let text = escape_line_start(&super::clean::tidy(&line.text));
                match headings.level(&text) {
                    Some(level) => {
                        out.push_str(&"#".repeat(level));
                        out.push(' ');
                        out.push_str(&text);
                    }
                    None => out.push_str(&text),
                }
                out.push('\n');
            }
            Piece::Table(table) => out.push_str(&table_markup(table)),
        }
    }
    out
}

fn one_line(s: &str) -> String {
    super::clean::tidy(s)
}

/// Block markers at the start of a line of text are written full-width so that the line stays a paragraph.
fn escape_line_start(text: &str) -> String {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix('#') {
        format!("＃{rest}")
    } else if let Some(rest) = t.strip_prefix('|') {
        format!("｜{rest}")
    } else if let Some(rest) = t.strip_prefix("//") {
        format!("／／{rest}")
    } else {
        t.to_string()
    }
}

/// Which lines are headings: "一、" numbered in sequence (level 1), "（一）" (level 2), "1." (level 3) — short
/// lines without a full stop, after the first level-1 heading.
#[derive(Default)]
struct Headings {
    /// The last level-1 number.
    top: u32,
}

impl Headings {
    fn level(&mut self, text: &str) -> Option<usize> {
        let len = text.chars().count();
        if len > 50 || text.contains(['。', '！', '？', '；', ';']) {
            return None;
        }
        // A row of figures that no table took is not a heading.
        let figures = text
            .split(' ')
            .filter(|w| super::tables::is_number(w))
            .count();
        if figures >= 2 {
            return None;
        }
        if let Some((n, rest)) = top_ordinal(text) {
            let next = n == self.top + 1 || (self.top > 0 && n == self.top + 2);
            if next && !rest.trim().is_empty() {
                self.top = n;
                return Some(1);
            }
            return None;
        }
        if self.top == 0 {
            return None;
        }
        if second_ordinal(text) {
            return Some(2);
        }
        if third_ordinal(text) && len <= 40 {
            return Some(3);
        }
        None
    }
}

/// The value of a Chinese numeral 1–99.
fn numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c).filter(|&d| d > 0),
        ['十', c] => digit(*c).map(|d| 10 + d),
        [c, '十'] => digit(*c).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// "一、总体情况" → (1, "总体情况"); "第二部分 …" too.
fn top_ordinal(text: &str) -> Option<(u32, &str)> {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix('第') {
        let end = rest.find("部分")?;
        let n = numeral(&rest[..end])?;
        return Some((n, &rest[end + "部分".len()..]));
    }
    let end = t
        .char_indices()
        .find(|(_, c)| !"〇一二三四五六七八九十".contains(*c))
        .map(|(i, _)| i)?;
    let n = numeral(&t[..end])?;
    let rest = &t[end..];
    let sep = rest.chars().next()?;
    if !"、.．,，".contains(sep) {
        return None;
    }
    Some((n, &rest[sep.len_utf8()..]))
}

fn second_ordinal(text: &str) -> bool {
    let t = text.trim_start();
    let Some(rest) = t.strip_prefix(['（', '(']) else {
        return false;
    };
    let end = rest
        .char_indices()
        .find(|(_, c)| !"〇一二三四五六七八九十".contains(*c))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    end > 0
        && numeral(&rest[..end]).is_some()
        && rest[end..].starts_with(['）', ')'])
        && rest[end..].chars().nth(1).is_some()
}

fn third_ordinal(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let rest = &t[digits..];
    let Some(sep) = rest.chars().next() else {
        return false;
    };
    let after = rest[sep.len_utf8()..].chars().next();
    ".．、".contains(sep)
        && after.is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace() || c == ' ')
        && !rest[sep.len_utf8()..].trim().is_empty()
}

/// A cell's text without the spaces that typesetting put between CJK characters ("统 计 指 标", "商业 企业").
fn compact(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' '
            && i > 0
            && super::is_wide(chars[i - 1])
            && chars.get(i + 1).is_some_and(|&n| super::is_wide(n))
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// A table as aligned pipe rows.
pub fn table_markup(table: &MTable) -> String {
    let clean = |s: &str| -> String { compact(&super::clean::tidy(s)).replace('|', "｜") };
    let header: Vec<String> = table.header.iter().map(|c| clean(c)).collect();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| clean(c)).collect())
        .collect();
    let ncols = rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(header.len()))
        .max()
        .unwrap_or(0);
    let mut widths = vec![3usize; ncols];
    for row in rows.iter().chain(std::iter::once(&header)) {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.width());
        }
    }
    let numeric = |i: usize| table.numeric.get(i).copied().unwrap_or(false);
    let line = |cells: &[String]| -> String {
        let mut s = String::from("|");
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.width());
            if numeric(i) {
                s.push_str(&format!(" {}{c} |", " ".repeat(pad)));
            } else {
                s.push_str(&format!(" {c}{} |", " ".repeat(pad)));
            }
        }
        s.push('\n');
        s
    };
    let mut out = line(&header);
    out.push('|');
    for (i, w) in widths.iter().enumerate().take(header.len()) {
        if numeric(i) {
            out.push_str(&format!(" {}: |", "-".repeat(w.saturating_sub(1).max(3))));
        } else {
            out.push_str(&format!(" {} |", "-".repeat((*w).max(3))));
        }
    }
    out.push('\n');
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_follow_the_numbering() {
        let mut h = Headings::default();
        assert_eq!(h.level("（一）之前不是标题"), None);
        assert_eq!(h.level("一、总体情况"), Some(1));
        assert_eq!(h.level("（一）主动公开方面"), Some(2));
        assert_eq!(h.level("(一)主动公开情况。2020年，我们"), None);
        assert_eq!(h.level("1.政府网站"), Some(3));
        assert_eq!(h.level("1.5万人次参加"), None);
        assert_eq!(h.level("一、又是一"), None);
        assert_eq!(h.level("二、主动公开政府信息情况"), Some(1));
        assert_eq!(h.level("四、跳过了三"), Some(1));
        assert_eq!(h.level("十、太远"), None);
        assert_eq!(numeral("十二"), Some(12));
        assert_eq!(numeral("二十一"), Some(21));
    }

    #[test]
    fn tables_are_aligned() {
        let t = MTable {
            header: vec!["第二十条第（五）项".into(), "本年处理决定数量".into()],
            rows: vec![vec!["行政许可".into(), "21820".into()]],
            numeric: vec![false, true],
            line: 1,
        };
        let m = table_markup(&t);
        assert!(m.starts_with("| 第二十条第（五）项 | 本年处理决定数量 |\n| ------------------ | ---------------: |\n"), "{m}");
        assert!(
            m.contains("| 行政许可           |            21820 |"),
            "{m}"
        );
    }
}
