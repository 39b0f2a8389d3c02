//! Words of published titles that both cleaning and metadata look for: the
//! endings of organ names and years written with 年; and the digit runs that cleaning and the accounting of
//! figures read.

/// Endings of organ names.
pub const ORGAN_SUFFIXES: [&str; 20] = [
    "人民政府",
    "政府",
    "办公室",
    "办公厅",
    "委员会",
    "局",
    "厅",
    "委",
    "署",
    "中心",
    "办事处",
    "管委会",
    "县",
    "市",
    "区",
    "旗",
    "州",
    "镇",
    "乡",
    "院",
];

/// Four-digit years (1990–2099, ASCII or full-width digits) followed by 年, with the byte offsets of the year
/// and of its 年.
pub fn find_years(s: &str) -> impl Iterator<Item = (i32, usize, usize)> + '_ {
    four_digit_years(s).filter(move |&(_, _, end)| s[end..].starts_with('年'))
}

/// What a title writes right after its year when it leaves out 年: "某所2011政府信息公开工作年度报告".
const AFTER_BARE_YEAR: [&str; 6] = [
    "政府信息",
    "政务信息",
    "政务公开",
    "信息公开",
    "学年",
    "學年",
];

/// The years of a title: followed by 年 (or 学年: "2020-2021学年度信息公开工作年度报告" of a college), or directly by the name of the report ("某所2011政府信息公开工作年度报告",
/// "2012政务公开年报"), or opening the line before the organ's name ("2012上海市农业委员会政府信息公开工作年度报告"),
/// with the byte offsets of the year and of what follows it.
pub fn title_years(s: &str) -> impl Iterator<Item = (i32, usize, usize)> + '_ {
    four_digit_years(s).filter(move |&(_, start, end)| {
        let after = &s[end..];
        // (A year printed with spaces round it: "长春市人民防空办公室 2008 年政府信息公开年度报告".)
        after.starts_with('年')
            || after
                .trim_start_matches([' ', '\u{3000}'])
                .starts_with('年')
            || AFTER_BARE_YEAR.iter().any(|w| after.starts_with(w))
            || start == 0
                && after.trim_start().chars().next().is_some_and(|c| {
                    ('\u{4e00}'..='\u{9fff}').contains(&c) && !"月日号至到".contains(c)
                })
    })
}

/// Runs of exactly four digits (ASCII or full-width) read as a year of 1990–2099, with the byte offsets of the
/// year and of the character after it.
fn four_digit_years(s: &str) -> impl Iterator<Item = (i32, usize, usize)> + '_ {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let full = |c: char| -> Option<u32> {
        if ('０'..='９').contains(&c) {
            Some(c as u32 - '０' as u32)
        } else {
            c.to_digit(10).filter(|_| c.is_ascii_digit())
        }
    };
    (0..chars.len()).filter_map(move |i| {
        if i > 0 && full(chars[i - 1].1).is_some() {
            return None;
        }
        let ds: Vec<u32> = chars[i..]
            .iter()
            .take(5)
            .map_while(|&(_, c)| full(c))
            .collect();
        if ds.len() != 4 {
            return None;
        }
        let end = chars.get(i + 4).map_or(s.len(), |c| c.0);
        let y = ds.iter().fold(0, |a, d| a * 10 + *d as i32);
        (1990..2100).contains(&y).then_some((y, chars[i].0, end))
    })
}

/// A date with the blanks a PDF copy puts around its figures closed up: "2012 年 1 月 1 日" → "2012年1月1日",
/// "编制的 2012 年度" → "编制的 2012年度" (a blank between words is kept).
pub fn close_date_gaps(s: &str) -> String {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' || c == '\u{3000}' || c == '\t' {
            let before = chars[..i]
                .iter()
                .rev()
                .find(|c| !" \u{3000}\t".contains(**c));
            let after = chars[i + 1..].iter().find(|c| !" \u{3000}\t".contains(**c));
            if let (Some(&b), Some(&a)) = (before, after) {
                if digit(b) && "年月日".contains(a) || "年月".contains(b) && digit(a) {
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// The report's year in its title: the year before "年度"/"年…报告"; the first year otherwise (a year without
/// 年 only before the report's name: [`title_years`]).
pub fn year_in_title(simple: &str) -> Option<i32> {
    let years: Vec<(i32, usize, usize)> = title_years(simple).collect();
    years
        .iter()
        .find(|(_, _, nian)| {
            simple[*nian..]
                .trim_start_matches([' ', '\u{3000}'])
                .starts_with("年度")
        })
        .or_else(|| years.first())
        .map(|(y, ..)| *y)
}

/// A digit, ASCII or full-width, as ASCII.
pub fn ascii_digit(c: char) -> Option<char> {
    if ('０'..='９').contains(&c) {
        char::from_u32(c as u32 - 0xFEE0)
    } else {
        Some(c).filter(char::is_ascii_digit)
    }
}

/// Digit sequences (full-width digits read as ASCII), with their character offsets.
pub fn digit_runs(text: &str) -> Vec<(String, usize)> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    for (i, c) in text.chars().enumerate() {
        match ascii_digit(c) {
            Some(d) => {
                if cur.is_empty() {
                    start = i;
                }
                cur.push(d);
            }
            None if !cur.is_empty() => runs.push((std::mem::take(&mut cur), start)),
            None => {}
        }
    }
    if !cur.is_empty() {
        runs.push((cur, start));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_titles_without_nian() {
        let years = |s| title_years(s).map(|(y, ..)| y).collect::<Vec<_>>();
        assert_eq!(
            years("青田县公路运输管理所2011政府信息公开工作年度报告"),
            [2011]
        );
        assert_eq!(years("某镇2012政务公开年报"), [2012]);
        // A year printed with spaces round it, as page layouts do.
        assert_eq!(
            years("长春市人民防空办公室 2008 年政府信息公开年度报告"),
            [2008]
        );
        assert_eq!(years("某市某局　2014　年度政府信息公开工作报告"), [2014]);
        assert_eq!(
            year_in_title("某市某局 2014 年度政府信息公开工作报告"),
            Some(2014)
        );
        assert_eq!(years("某局2013年度政府信息公开工作报告"), [2013]);
        // A figure, a telephone number or an index number is not a year of the title.
        assert!(years("受理申请2011件,电话0578-2011234").is_empty());
        assert!(years("索引号:331121000000/2012-00039").is_empty());
        // In the body a year needs its 年.
        assert_eq!(find_years("某所2011政府信息公开工作年度报告").count(), 0);
        assert_eq!(
            year_in_title("青田县公路运输管理所2011政府信息公开工作年度报告"),
            Some(2011)
        );
    }

    #[test]
    fn blanks_inside_dates_are_closed() {
        assert_eq!(
            close_date_gaps("统计期限自 2016 年 1 月 1 日起,至2016年12月31日止"),
            "统计期限自 2016年1月1日起,至2016年12月31日止"
        );
        assert_eq!(
            close_date_gaps("编制的 2015 年度政府信息"),
            "编制的 2015年度政府信息"
        );
        // Blanks between words, and after a heading, stay.
        assert_eq!(
            close_date_gaps("一、概述 2017年,我街道"),
            "一、概述 2017年,我街道"
        );
        assert_eq!(close_date_gaps("共 12 件"), "共 12 件");
    }
}
