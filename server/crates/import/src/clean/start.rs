//! What before the first heading is report text, not the site's navigation. Many pages print no title
//! line, or print the title after the report's first sentence: the text above the first heading is
//! navigation only when it looks like it, never when it reads as the report's own words.

use super::{is_heading_like, is_numbered_item, tidy};

/// The report speaking of itself, as its opening paragraph does: "本报告是根据《条例》…编制的",
/// "根据《条例》…，编制本年度报告", "本报告所列数据的统计期限…如对本报告有任何疑问，请与…联系（地址…，邮编…）".
/// A sentence (a full stop, or a long clause with commas) that says 本报告, or names the report (报告, 年报)
/// with what it was drawn up under (根据, 依据, 按照, 编制). Never a footer, even with an address, a post
/// code or "联系我们" in it; kept before a title. A sidebar's text about something else that cites the 条例
/// ("意见箱是根据《…条例》的要求设立的") names no report and stays navigation.
pub fn is_report_opening(simple: &str) -> bool {
    let s = tidy(simple);
    let len = s.chars().count();
    let sentence = len >= 25 && (s.contains('。') || (len >= 40 && s.contains(['，', ','])));
    let names_report = s.contains("报告") || s.contains("年报");
    let drawn_up = ["根据", "依据", "依照", "按照", "编制"]
        .iter()
        .any(|w| s.contains(w));
    sentence && (s.contains("本报告") || s.contains("本年度报告") || names_report && drawn_up)
}

/// An item of a numbered list or a numbered heading: "(3)市政府行政规章及规范性文件", "2、公开形式",
/// "二、依申请公开情况". A page that starts in the middle of a report (the second page of a long article)
/// starts with such items: when no title is on the page, the run of them just above the first sentence
/// belongs to the body.
pub fn is_list_item(simple: &str) -> bool {
    let s = tidy(simple);
    if is_numbered_item(&s) || is_heading_like(&s) {
        return true;
    }
    let rest = match s.strip_prefix(['(', '（']) {
        Some(rest) => rest,
        None => return false,
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let mut after = rest.chars().skip(digits);
    (1..=2).contains(&digits)
        && s.chars().count() <= 40
        && after.next().is_some_and(|c| ")）".contains(c))
        && after
            .next()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::super::{is_body_line, is_footer};
    use super::*;

    #[test]
    fn the_reports_opening_paragraph_is_report_text() {
        // The opener with the office's address and post code (铜鼓 2017, 大冶 2023): not a footer.
        let opener = "根据《中华人民共和国政府信息公开条例》及有关规定,我所编制了2019年度政府信息公开工作年度报告。\
            本报告中所列数据的统计期限自2019年1月1日起,至2019年12月31日止。如对报告有任何疑问,\
            请与本所办公室联系(地址:某县某镇和平路18号,邮编:330100,电话:6612345)。";
        assert!(is_report_opening(opener));
        assert!(!is_footer(opener));
        assert!(is_body_line(opener));
        // "联系我们" among the site's columns the report lists (海口 2021).
        let columns = "根据《条例》,我局公开的范围涉及预算、决算报告等。门户网站将主动公开的信息分为以下7个类别:\
            领导简介、主要职责、机构设置、联系我们、公开指南、公开目录、年度报告。";
        assert!(is_report_opening(columns) && is_body_line(columns));
        // Traditional characters, simplified before the test (海淀 2013).
        assert!(is_report_opening(&crate::clean::simplified(
            "本報告是根據《中華人民共和國政府信息公開條例》要求,以2015年度各工作機構的年度報告為基礎編制而成。"
        )));
        // The second sentence of the opener on its own line.
        assert!(is_report_opening(
            "本报告所列数据的统计期限自2016年1月1日起至12月31日止。如对本报告有任何疑问,请与区政府办公室联系(邮编:100001)。"
        ));
    }

    #[test]
    fn navigation_and_footers_are_not_openings() {
        // A sidebar's blurb that cites the 条例 but is about something else (莆田 2011).
        assert!(!is_report_opening(
            "政府信息公开意见箱是根据《国务院办公厅关于做好施行<中华人民共和国政府信息公开条例>准备工作的通知》\
             (国办发[2007]54号)的要求设立的,目的是听取公民、法人和其他组织的意见和建议。"
        ));
        // Titles, crumbs and footers.
        assert!(!is_report_opening("某县审计局2021年政府信息公开工作年度报告"));
        assert!(!is_report_opening(
            "首页 > 政务公开 > 政府信息公开年报 > 2021 > 年度报告"
        ));
        let footer = "版权所有:某县人民政府 地址:某县人民路1号 邮编:330100 电话:6612345 备案号:赣ICP备12345678号";
        assert!(!is_report_opening(footer) && is_footer(footer));
    }

    #[test]
    fn numbered_items() {
        assert!(is_list_item("(3)市政府行政规章及规范性文件"));
        assert!(is_list_item("（12）市政府人事任免"));
        assert!(is_list_item("2、公开形式"));
        assert!(is_list_item("二、依申请公开情况"));
        assert!(!is_list_item("(2023)年度报告"));
        assert!(!is_list_item("(2)"));
        assert!(!is_list_item("信息公开目录"));
        assert!(!is_list_item("2013/3/1"));
    }
}
