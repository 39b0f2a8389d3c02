//! The report's own lines that a page prints above its title or its first sentence, and that are not the
//! site's navigation: the report's 文号 just above its title ("泉港民〔2011〕80号"), and, on a page without a
//! title line, the organ and the date the report is signed with, printed at its top ("南京市秦淮区人民政府",
//! "2011年3月20日", then "引 言" and the first sentence). Also what is not the report's between its title and
//! its first sentence: the values of the page's information box printed without their labels.

use super::{is_organ_line, tidy};
use crate::words::ascii_digit;

/// The report's own lines above the title (or the first sentence): their indices in the page.
#[derive(Debug, Default, PartialEq)]
pub struct Header {
    /// The report's document number: kept as body.
    pub number: Option<usize>,
    /// The report's date at its top: its publication date (page information, for the front matter).
    pub date: Option<usize>,
    /// The organ named above that date: the report's 机关 when no title names it.
    pub organ: Option<usize>,
}

/// Reads the header from `above`, the page's kept lines above the title or, with no title, above the first
/// sentence (index and simplified text; page information left out). `year` is the title's year.
///
/// - 文号: the line right above, when it is only a document number ([`document_number`]) of the title's year
///   or the next (a report is numbered in the year it is issued);
/// - the date, without a title: a line that is only a date written with 年月日, right above the first
///   sentence or a preface heading ("引 言"), that opens the page or follows a line naming an organ. A
///   date under other lines of the page ("信息公开目录", "2023-01-12") is the page's listing: navigation.
/// - the date, under a title (`title`, simplified): the signature of the cover letter a report is sent
///   with, printed above it — the title's organ on a line, the date under it, right above the title or
///   above "（此件主动公开）" (福建省卫生健康委员会 2023: "省政府办公厅：", the letter, the organ, "2024年1月5日").
pub fn find(above: &[(usize, &str)], year: Option<i32>, title: Option<&str>) -> Header {
    let mut header = Header::default();
    if let Some(&(i, line)) = above.last() {
        let y = document_number(line);
        if y.is_some_and(|y| year.is_none_or(|r| y == r || y == r + 1)) {
            header.number = Some(i);
        }
    }
    if let Some(title) = title {
        let mut rest = above;
        if let [head @ .., (_, last)] = rest {
            if is_release_note(last) {
                rest = head;
            }
        }
        if let [.., (_, organ), (i, date)] = rest {
            let organ_text = ascii(organ);
            if is_organ_line(organ) && full_date(date) && ascii(title).starts_with(&organ_text) {
                header.date = Some(*i);
            }
        }
        return header;
    }
    let mut rest = above;
    while let [head @ .., (_, last)] = rest {
        if !is_preface_heading(last) {
            break;
        }
        rest = head;
    }
    if let [head @ .., (i, date)] = rest {
        let organ = head.last().filter(|(_, organ)| is_organ_line(organ));
        if (head.is_empty() || organ.is_some()) && full_date(date) {
            header.date = Some(*i);
            header.organ = organ.map(|o| o.0);
        }
    }
    header
}

/// Digits as ASCII (full-width ones read as ASCII), blanks left out.
fn ascii(simple: &str) -> String {
    tidy(simple)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| ascii_digit(c).unwrap_or(c))
        .collect()
}

/// `s` starts with `min..=max` ASCII digits: their value and the rest.
fn digits(s: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(min..=max).contains(&n) {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

/// A line that is only a document number — the issuer's short name, the year in brackets, the number, 号:
/// "泉港民〔2011〕80号", "京政办发[2012]5号", "某府（2013）12号" — and its year.
pub fn document_number(simple: &str) -> Option<i32> {
    let s = ascii(simple);
    let open = s.find(['〔', '[', '(', '（', '［', '【'])?;
    let issuer = &s[..open];
    let issuer_len = issuer.chars().count();
    if !(1..=12).contains(&issuer_len)
        || !issuer
            .chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    {
        return None;
    }
    let rest = &s[open..];
    let rest = &rest[rest.chars().next()?.len_utf8()..];
    let (year, rest) = digits(rest, 4, 4)?;
    let rest = rest.strip_prefix(['〕', ']', ')', '）', '］', '】'])?;
    let (_, rest) = digits(rest, 1, 5)?;
    (rest == "号" && (1990..2100).contains(&year)).then_some(year as i32)
}

/// A line that is only a date written with 年月日: "2011年3月20日", "2014 年 3 月 20 日".
pub fn full_date(simple: &str) -> bool {
    whole_date(simple, true)
}

/// A line that is only a date: with 年月日 (`words`), or in figures ("2012.02.15", "2012-2-15", "2012/02/15").
fn whole_date(simple: &str, words: bool) -> bool {
    let s = ascii(simple);
    let date = || {
        let (year, rest) = digits(&s, 4, 4)?;
        let sep = rest.chars().next()?;
        let (month_end, end) = if words { ('月', "日") } else { (sep, "") };
        if (sep == '年') != words || !words && !".-/".contains(sep) {
            return None;
        }
        let (month, rest) = digits(&rest[sep.len_utf8()..], 1, 2)?;
        let (day, rest) = digits(rest.strip_prefix(month_end)?, 1, 2)?;
        (rest == end
            && (1990..2100).contains(&year)
            && (1..=12).contains(&month)
            && (1..=31).contains(&day))
        .then_some(())
    };
    date().is_some()
}

/// A value of the page's information box printed without its label between the title and the body (青浦
/// 2011: "QA4425051-2012-001", "主动公开", "青浦教育", "2012.02.15"): an index number — letters and digits in
/// three or more groups, one of them a year — or a date written in figures alone. Page information: the date
/// goes to the front matter.
pub fn bare_info(simple: &str) -> bool {
    let s = ascii(simple);
    let groups: Vec<&str> = s.split(['-', '/', '_']).collect();
    let index = groups.len() >= 3
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_alphanumeric()))
        && groups.iter().any(|g| {
            g.len() == 4 && digits(g, 4, 4).is_some_and(|(y, _)| (1990..2100).contains(&y))
        })
        && s.bytes().filter(u8::is_ascii_digit).count() >= 8;
    index || whole_date(&s, false)
}

/// How a document says it is released, printed under its signature: "（此件主动公开）", "(此件公开发布)".
fn is_release_note(simple: &str) -> bool {
    let s = ascii(simple);
    let s = s.trim_matches(['(', ')', '（', '）']);
    s.starts_with("此件") && s.chars().count() <= 10
}

/// The heading of a report's preface: "引 言", "前言".
fn is_preface_heading(simple: &str) -> bool {
    matches!(ascii(simple).as_str(), "引言" | "前言" | "序言" | "导言")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers() {
        assert_eq!(document_number("泉港民〔2011〕80号"), Some(2011));
        assert_eq!(document_number("京政办发[2012]5号"), Some(2012));
        assert_eq!(document_number("某府（２０１３）１２号"), Some(2013));
        assert_eq!(document_number(" 某县民 〔2011〕 8号 "), Some(2011));
        // More than the number: a link to another document, a crumb, an info line.
        assert_eq!(
            document_number("关于印发政府信息公开指南的通知泉港民〔2011〕80号"),
            None
        );
        assert_eq!(document_number("首页>通知公告>泉港民〔2011〕80号"), None);
        assert_eq!(document_number("文号:泉港民〔2011〕80号"), None);
        assert_eq!(document_number("〔2011〕80号"), None);
        assert_eq!(document_number("泉港民〔11〕80号"), None);
        assert_eq!(document_number("泉港民〔2011〕号"), None);
    }

    #[test]
    fn values_of_an_information_box_without_labels() {
        for info in [
            "QA4425051-2012-001",
            "331121000000/2012-00039",
            "XM02100-0101-2019-00001",
            "2012.02.15",
            "2012-2-15",
            "２０１２/０２/１５",
        ] {
            assert!(bare_info(info), "{info}");
        }
        // A telephone number, a figure, a date with more on its line, a date in words: not page information.
        for text in [
            "0578-6821234",
            "021-6247-3891",
            "2012",
            "2012.02.15 星期三",
            "2012年2月15日",
            "2012.13.15",
            "主动公开",
        ] {
            assert!(!bare_info(text), "{text}");
        }
    }

    #[test]
    fn dates_written_in_full() {
        assert!(full_date("2011年3月20日"));
        assert!(full_date("2014 年 3 月 20 日"));
        assert!(full_date("２０１１年２月１４日"));
        assert!(!full_date("2023-01-12"));
        assert!(!full_date("2011年3月"));
        assert!(!full_date("2011年13月20日"));
        assert!(!full_date("发布日期：2011年3月20日"));
        assert!(!full_date("2011年3月20日起施行"));
    }

    fn lines<'a>(texts: &[&'a str]) -> Vec<(usize, &'a str)> {
        texts.iter().copied().enumerate().collect()
    }

    #[test]
    fn the_signed_date_at_the_top_of_a_page_without_title() {
        // 南京 2010: organ, date, preface heading; 南京 2013: the date opens the page.
        let signed = lines(&["南京市秦淮区人民政府", "2011年3月20日", "引 言"]);
        let header = find(&signed, None, None);
        assert_eq!((header.date, header.organ), (Some(1), Some(0)));
        assert_eq!(
            find(&lines(&["2014年3月20日", "引 言"]), None, None).date,
            Some(0)
        );
        assert_eq!(
            find(&lines(&["某区教育局", "2012年2月15日"]), None, None).date,
            Some(1)
        );
        // Under a title the lines between it and the body are body already: not looked for.
        assert_eq!(
            find(&signed, Some(2010), Some("2010年政府信息公开工作年度报告")),
            Header::default()
        );
    }

    #[test]
    fn the_signature_of_a_cover_letter_above_the_title() {
        let title = "福建省卫生健康委员会2023年政府信息公开工作年度报告";
        let letter = |tail: &[&'static str]| {
            let mut page = vec![
                "省政府办公厅：",
                "根据《条例》……现将我委2023年年度报告报送如下。",
            ];
            page.extend_from_slice(tail);
            page
        };
        for tail in [
            &["福建省卫生健康委员会", "2024年1月5日", "（此件主动公开）"][..],
            &["福建省卫生健康委员会", "2024年1月5日"][..],
        ] {
            assert_eq!(
                find(&lines(&letter(tail)), Some(2023), Some(title)).date,
                Some(3)
            );
        }
        // Another organ's date, or the date not right above: the page's, navigation.
        let other = letter(&["福建省人民政府", "2024年1月5日"]);
        assert_eq!(find(&lines(&other), Some(2023), Some(title)).date, None);
        let apart = letter(&["福建省卫生健康委员会", "2024年1月5日", "政务公开"]);
        assert_eq!(find(&lines(&apart), Some(2023), Some(title)).date, None);
    }

    #[test]
    fn dates_of_the_pages_navigation_are_not_the_reports() {
        // A listing's date under a menu item, in either writing.
        for date in ["2023-01-12", "2023年1月12日"] {
            let page = lines(&["首页 > 政务公开 > 政府信息公开年报", "信息公开目录", date]);
            assert_eq!(find(&page, None, None).date, None, "{date}");
        }
        // A date with more on its line, or not right above the body.
        let page = lines(&["某区人民政府", "2011年3月20日", "政务公开", "引 言"]);
        assert_eq!(find(&page, None, None).date, None);
        assert_eq!(
            find(&lines(&["2011年3月20日 星期日"]), None, None).date,
            None
        );
    }

    #[test]
    fn the_reports_number_above_its_title() {
        let page = lines(&["首页 > 政务公开", "泉港民〔2011〕80号"]);
        assert_eq!(find(&page, Some(2011), Some("")).number, Some(1));
        assert_eq!(find(&page, Some(2010), Some("")).number, Some(1));
        // Another year's document, or a number not right above the title: the page's links.
        assert_eq!(find(&page, Some(2013), Some("")).number, None);
        let page = lines(&["泉港民〔2011〕80号", "相关文件"]);
        assert_eq!(find(&page, Some(2011), Some("")).number, None);
    }
}
