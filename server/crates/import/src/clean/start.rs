//! What before the first heading is report text, not the site's navigation. Many pages print no title
//! line, or print the title after the report's first sentence: the text above the first heading is
//! navigation only when it looks like it, never when it reads as the report's own words. Also the second
//! half of a title printed on two lines with the year on the first.

use super::{has_year, is_heading_like, is_numbered_item, is_title, numbered, tidy};

/// The report speaking of itself, as its opening paragraph does: "本报告是根据《条例》…编制的",
/// "根据《条例》…，编制本年度报告", "本报告所列数据的统计期限…如对本报告有任何疑问，请与…联系（地址…，邮编…）".
/// A sentence (a full stop, or a long clause with commas) that says 本报告, or names the report (报告, 年报)
/// with what it was drawn up under (根据, 依据, 按照, 编制). Never a footer, even with an address, a post
/// code or "联系我们" in it; kept before a title. A sidebar's text about something else that cites the 条例
/// ("意见箱是根据《…条例》的要求设立的") names no report and stays navigation. The line announcing the report
/// below it ("现将……工作情况报告如下:") is the report's own.
pub fn is_report_opening(simple: &str) -> bool {
    let s = tidy(simple);
    let len = s.chars().count();
    let sentence = len >= 25 && (s.contains('。') || (len >= 40 && s.contains(['，', ','])));
    let names_report = s.contains("报告") || s.contains("年报");
    let drawn_up = ["根据", "依据", "依照", "按照", "编制"]
        .iter()
        .any(|w| s.contains(w));
    // ("现将某局2025年政府信息公开工作开展情况报告如下:", "……现将2024年政府信息公开工作情况汇报如下:", the
    // opening line of a page without a title.)
    let reports_below = len >= 12 && (s.contains("报告如下") || s.contains("汇报如下"));
    reports_below
        || sentence
            && (s.contains("本报告") || s.contains("本年度报告") || names_report && drawn_up)
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
    s.strip_prefix(['(', '（'])
        .is_some_and(|rest| numbered(rest, ")）"))
}

/// Where a statistical table flattened one cell a line ends `items`: the first line of the run of short cells
/// (labels and bare figures) at the end, when it holds at least three bare figures and a table's heading word
/// (数量, 比例, 统计, 分类, 合计, 申请); `None` otherwise. Used without a title, above the first sentence.
/// (`lines`: each line's simplified text, `None` for what cannot be body: dropped, a table block, page info.)
pub(super) fn flattened_table_above(lines: &[Option<&str>]) -> Option<usize> {
    let mut from = lines.len();
    let (mut figures, mut heading) = (0, false);
    while from > 0 {
        let Some(line) = lines[from - 1] else {
            break;
        };
        let s = tidy(line);
        // (A site's menu above the table is not one of its cells.)
        const MENU: &[&str] = &[
            "首页",
            "网站首页",
            "政务公开",
            "信息公开",
            "政府信息公开",
            "办事服务",
            "政务服务",
            "互动交流",
            "公众参与",
            "新闻中心",
            "专题专栏",
            "登录",
            "注册",
            "无障碍",
        ];
        if s.chars().count() > 16
            || s.contains(['>', '|', '｜', '»'])
            || MENU.contains(&s.as_str())
            || s.starts_with("走进")
        {
            break;
        }
        if crate::tables::is_number(&s) {
            figures += 1;
        }
        heading |= ["数量", "比例", "统计", "分类", "分 类", "合计", "申请"]
            .iter()
            .any(|w| s.contains(w));
        from -= 1;
    }
    (figures >= 3 && heading).then_some(from)
}

/// The second line of a title printed on two lines with the year on the first: "宁波市某局2020年" then
/// "政府信息公开工作年度报告", "某县文广新局2013年度信息公开工作" then "年度报告". The first line is short and
/// plain (not a crumb or a list item), the second has no figure, and the two read as a title together.
pub fn is_title_tail(first: &str, second: &str) -> bool {
    let (a, b) = (tidy(first), tidy(second));
    // "某区科技局政府信息公开工作年度报告" then "(2011年度)": the year under a title without it.
    if bracketed_year(&b) && !has_year(&a) && a.chars().count() <= 60 {
        return is_title(&format!("{a}{b}"), None);
    }
    let plain = |s: &str| !s.contains(['>', '|', '｜', ':', '：', '。', '，', ',']);
    a.chars().count() <= 40
        && b.chars().count() <= 30
        && has_year(&a)
        && plain(&a)
        && plain(&b)
        && !a.starts_with(['•', '·', '-', '【'])
        && !b.contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && (b.contains("报告") || b.contains("年报"))
        && is_title(&format!("{a}{b}"), None)
}

/// A line that is only a year in brackets: "(2011年度)", "（2012年）".
pub fn bracketed_year(s: &str) -> bool {
    let s = tidy(s);
    let Some(inner) = s
        .strip_prefix(['(', '（'])
        .and_then(|r| r.strip_suffix([')', '）']))
    else {
        return false;
    };
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    digits == 4 && matches!(&inner[4..], "年" | "年度")
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
        // The line announcing the report, on a page without a title (鄠邑 2025).
        assert!(is_report_opening(
            "现将区数据和行政审批服务局2025年政府信息公开工作开展情况报告如下:"
        ));
        assert!(is_report_opening(
            "根据通知要求,现将2024年政府信息公开工作情况汇报如下:"
        ));
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
        assert!(!is_report_opening(
            "某县审计局2021年政府信息公开工作年度报告"
        ));
        assert!(!is_report_opening(
            "首页 > 政务公开 > 政府信息公开年报 > 2021 > 年度报告"
        ));
        let footer = "版权所有:某县人民政府 地址:某县人民路1号 邮编:330100 电话:6612345 备案号:赣ICP备12345678号";
        assert!(!is_report_opening(footer) && is_footer(footer));
    }

    /// The page imported as text: the markup, and each dropped line's number and reason.
    fn import(page: &str) -> (String, Vec<(usize, &'static str)>) {
        let imported = crate::import(page.as_bytes(), &crate::Options::default());
        let dropped = imported
            .dropped
            .iter()
            .map(|d| (d.line, d.reason.describe()))
            .collect();
        (imported.markup, dropped)
    }

    #[test]
    fn a_page_without_title_keeps_the_statistical_table_above_its_first_sentence() {
        // 平度 2010: the page starts with the 统计表, one cell a line, and no title.
        let mut page = String::from("政府/部门\n某市人民政府\n联系人\n张某\n主动公开信息\n分 类\n机构\n公文\n其 他\n数量(条)\n");
        for n in ["86", "7293", "660", "比例(%)", "1.07", "91.40", "8.27"] {
            page.push_str(n);
            page.push('\n');
        }
        page.push_str(
            "截至2010年底累计主动公开政府信息共28894条，其中本年度新增主动公开政府信息共7979条。\n",
        );
        let (markup, dropped) = import(&page);
        assert!(dropped.is_empty(), "{dropped:?}");
        for n in ["7293", "91.40", "某市人民政府"] {
            assert!(markup.contains(n), "{n}: {markup}");
        }
        // Three figures are a table too; a page of nothing but the table keeps it; the site's menu above stays out.
        let (markup, dropped) = import(
            "申请情况\n数量\n自然人\n38\n法人或其他组织\n22\n总计\n60\n2024年，共收到申请60件。\n",
        );
        assert!(dropped.is_empty() && markup.contains("38"), "{dropped:?}");
        let (markup, dropped) =
            import("首页\n政务公开\n申请\n数量\n当面申请\n5\n网络申请\n30\n合计\n35\n");
        assert_eq!(dropped.len(), 0, "{dropped:?}");
        assert!(
            markup.contains("30") && !markup.contains("首页"),
            "{markup}"
        );
        // A menu of short lines with no figures above the first sentence is still navigation.
        let (_, dropped) = import("首页\n政务公开\n信息公开年报\n2010\n本市主动公开政府信息共28894条，其中本年度新增7979条。\n");
        assert!(!dropped.is_empty());
    }

    #[test]
    fn a_page_without_title_keeps_its_opening_paragraph() {
        // 铜鼓 2017: no title line; the opener gives the office's address and post code.
        let page = "根据《中华人民共和国政府信息公开条例》及相关要求,我站编制了2018年度政府信息公开工作年度报告。\
            本报告中所列数据的统计期限自2018年1月1日起,至2018年12月31日止。如对报告有任何疑问,\
            请与本站办公室联系(地址:某县城关镇解放路36号,邮编:330200,电话:7712345)。\n\
            一、主动公开政府信息的情况\n\
            我站主动公开政府信息27条。\n";
        let (markup, dropped) = import(page);
        assert!(markup.contains("邮编:330200"), "{markup}");
        assert!(dropped.is_empty(), "{dropped:?}");
    }

    #[test]
    fn an_opening_printed_above_the_title_is_kept_and_a_sidebar_is_not() {
        // 海淀 2013: the opener, then the title in an info box. 莆田 2011: a sidebar blurb citing the
        // 条例, then the title printed twice.
        let page = "政府信息公开意见箱是根据《国务院办公厅关于做好施行<中华人民共和国政府信息公开条例>准备工作的通知》\
            (国办发[2007]54号)的要求设立的,目的是听取公民、法人和其他组织的意见和建议。\n\
            本报告是根据《中华人民共和国政府信息公开条例》要求,以2016年度各工作机构的年度报告为基础编制而成。\n\
            某区教育局2016年政府信息公开工作年度报告\n\
            基本情况\n\
            某区教育局2016年政府信息公开工作年度报告\n\
            一、概述\n\
            全年主动公开政府信息318条,受理政府信息公开申请12件。\n";
        let (markup, dropped) = import(page);
        assert!(
            markup.contains("以2016年度各工作机构的年度报告为基础编制而成"),
            "{markup}"
        );
        assert!(!markup.contains("意见箱"), "{markup}");
        assert_eq!(
            dropped,
            [
                (1, "页面导航（标题之前）"),
                (3, "标题的重复（数字只有年度，已写入文件头）"),
                (5, "标题（已写入文件头）"),
            ]
        );
    }

    #[test]
    fn a_page_starting_inside_a_report_keeps_its_numbered_items() {
        // 兰州 2011, the second page of the article: the list goes on from the first page.
        let page = "(2)市级部门及其主要职责\n\
            (3)市政府行政规章及规范性文件\n\
            3、公开形式\n\
            (1)政府网站。本年度通过门户网站主动公开政府信息4120条,较上年增加316条。\n\
            2019年,全市共受理政府信息公开申请85件。\n";
        let (markup, dropped) = import(page);
        for item in ["(2)市级部门", "(3)市政府行政规章", "3、公开形式"] {
            assert!(markup.contains(item), "{item}: {markup}");
        }
        assert!(dropped.is_empty(), "{dropped:?}");
        // The year is still read from the first sentences, past the items.
        assert!(markup.contains("年度: 2019"), "{markup}");
    }

    #[test]
    fn navigation_above_a_page_without_title_is_dropped() {
        let page = "首页 > 政务公开 > 政府信息公开年报 > 2022\n\
            信息公开目录\n\
            2023-01-12\n\
            一、总体情况\n\
            2022年,我局主动公开政府信息156条,其中政策文件12条。\n";
        let (markup, dropped) = import(page);
        assert!(
            !markup.contains("首页") && !markup.contains("信息公开目录"),
            "{markup}"
        );
        assert_eq!(
            dropped,
            [(1, "页面导航（标题之前）"), (3, "页面导航（标题之前）")]
        );
    }

    #[test]
    fn a_title_printed_on_two_lines_with_the_year_on_the_first() {
        // 宁波 2020: "…分局2020年" then "政府信息公开工作年度报告", after the page's crumbs.
        let page = ">信息公开>政府信息公开年报>2021\n\
            某市某局某区分局2021年\n\
            政府信息公开工作年度报告\n\
            一、总体情况\n\
            2021年,我分局主动公开政府信息86条,其中政策文件9条。\n";
        let (markup, dropped) = import(page);
        assert!(
            markup.contains("标题: 某市某局某区分局2021年政府信息公开工作年度报告"),
            "{markup}"
        );
        assert_eq!(
            dropped,
            [(1, "页面导航（标题之前）"), (2, "标题（已写入文件头）")]
        );
        // A crumb ending in a year, then a menu item, is not a title.
        let (markup, _) = import(
            "> 政府信息公开年报 > 2021年\n年度报告\n一、总体情况\n2021年,我局主动公开政府信息86条。\n",
        );
        assert!(!markup.contains("标题:"), "{markup}");
    }

    #[test]
    fn the_organ_and_date_above_the_preface_give_the_publication_date() {
        // 南京、上海 2008–2013: no title line; the organ and the date the report is signed with, then 引 言.
        let page = "某市某区人民政府\n\
            2011年3月20日\n\
            引 言\n\
            本年报是根据《中华人民共和国政府信息公开条例》要求,由某市某区人民政府编制的2010年度政府信息公开年度报告。\n\
            一、概述\n\
            2010年,我区主动公开政府信息1520条。\n";
        let (markup, dropped) = import(page);
        assert!(markup.contains("发布日期: 2011-03-20"), "{markup}");
        assert!(
            markup.contains("机关: 某市某区人民政府\n机关类型: 人民政府\n"),
            "{markup}"
        );
        assert_eq!(
            dropped,
            [(2, "页面信息（来源、发布时间等；日期已写入文件头）")]
        );
        // The date alone at the top of the page.
        let (markup, _) = import(&page["某市某区人民政府\n".len()..]);
        assert!(markup.contains("发布日期: 2011-03-20"), "{markup}");
        assert!(!markup.contains("机关"), "{markup}");
    }

    #[test]
    fn a_date_in_the_navigation_stays_navigation() {
        // Above a title: the listing's date.
        let page = "首页 > 政务公开 > 年度报告\n\
            2012年2月15日\n\
            某区教育局2011年政府信息公开工作年度报告\n\
            一、概述\n\
            2011年,我局主动公开政府信息86条。\n";
        let (markup, dropped) = import(page);
        assert!(!markup.contains("发布日期"), "{markup}");
        assert_eq!(
            dropped,
            [(2, "页面导航（标题之前）"), (3, "标题（已写入文件头）")]
        );
        // Without a title, under a menu item that is not an organ.
        let page = "首页 > 政务公开 > 年度报告\n信息公开目录\n2012年2月15日\n引 言\n\
            本报告是根据《中华人民共和国政府信息公开条例》要求编制的2011年度政府信息公开年度报告。\n";
        let (markup, dropped) = import(page);
        assert!(!markup.contains("发布日期"), "{markup}");
        assert_eq!(dropped, [(3, "页面导航（标题之前）")]);
    }

    #[test]
    fn the_reports_number_above_its_title_is_kept() {
        let page = "首页 > 政务公开 > 年度报告\n\
            某县民〔2012〕15号\n\
            某县民政局2011年度政府信息公开工作年度报告\n\
            一、概述\n\
            2011年,我局主动公开政府信息5条。\n";
        let (markup, dropped) = import(page);
        assert!(markup.contains("\n某县民〔2012〕15号\n"), "{markup}");
        assert_eq!(dropped, [(3, "标题（已写入文件头）")]);
        // Another year's document, or one with its title in a list of links: the page's links.
        for link in [
            "某县民〔2009〕15号",
            "关于印发某县政务公开要点的通知 某县民〔2011〕3号",
        ] {
            let (markup, dropped) = import(&page.replace("某县民〔2012〕15号", link));
            assert!(!markup.contains("某县民〔"), "{markup}");
            assert_eq!(
                dropped,
                [(2, "页面导航（标题之前）"), (3, "标题（已写入文件头）")]
            );
        }
    }

    #[test]
    fn a_title_without_nian_after_its_year() {
        // 青田 2011: "…所2011政府信息公开工作年度报告", in the page's header and again above the body.
        let page = ">政务公开 >年度报告 >2011年政府信息公开年度报告\n\
            某县公路运输管理所2011政府信息公开工作年度报告\n\
            索引号: 331121000000/2012-00039 发布机构: 某县公路运输管理所 发布时间: 2012-02-28 10:48:30\n\
            某县公路运输管理所2011政府信息公开工作年度报告\n\
            2011年我所政府信息公开工作始终坚持以服务人民群众为宗旨,各项工作取得了一定成效,现将工作汇报如下:\n\
            一、完善工作机制\n\
            全年主动公开政府信息65条。\n";
        let (markup, dropped) = import(page);
        assert!(
            markup.contains(
                "标题: 某县公路运输管理所2011政府信息公开工作年度报告\n机关: 某县公路运输管理所\n"
            ),
            "{markup}"
        );
        assert!(markup.contains("年度: 2011"), "{markup}");
        assert_eq!(
            dropped.iter().map(|d| d.0).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        assert_eq!(dropped[1].1, "标题的重复（数字只有年度，已写入文件头）");
        assert_eq!(dropped[3].1, "标题（已写入文件头）");
        // A bare year before anything else is not a title's.
        let (markup, _) =
            import("首页 > 统计数据 > 2011公报\n一、总体情况\n2011年,我局主动公开政府信息65条。\n");
        assert!(!markup.contains("标题:"), "{markup}");
    }

    #[test]
    fn an_info_box_without_labels_under_the_title_is_page_information() {
        // 青浦 2011: the box's values printed as lines between the title and the report's own header.
        let page = "2011年某区教育局政府信息公开工作年度报告\n\
            QA4425051-2012-001\n\
            主动公开\n\
            2012.02.15\n\
            某区教育局\n\
            2012年2月15日\n\
            引 言\n\
            本年度报告根据《中华人民共和国政府信息公开条例》要求,由某区教育局编制。\n\
            一、概述\n\
            本局专门配备了2名兼职工作人员。\n";
        let (markup, dropped) = import(page);
        let info = "页面信息（来源、发布时间等；日期已写入文件头）";
        assert_eq!(dropped, [(1, "标题（已写入文件头）"), (2, info), (4, info)]);
        assert!(markup.contains("发布日期: 2012-02-15"), "{markup}");
        // The report's own organ and date under the title stay, as they did.
        assert!(
            markup.contains("\n某区教育局\n\n2012年2月15日\n"),
            "{markup}"
        );
        // A telephone number under the title is not the box's.
        let (markup, _) = import(&page.replace("QA4425051-2012-001", "021-69721234"));
        assert!(markup.contains("021-69721234"), "{markup}");
    }

    #[test]
    fn the_notes_of_a_document_sharing_site_are_chrome() {
        // A book118 clone: the site's numbered notes, read as sentences, then the report's cover.
        let page = "- 1、本文档共7页,可阅读全部内容。\n\
            - 4、如文档侵犯商业秘密、侵犯著作权、侵犯人身权等,请点击“版权申诉”(推荐),也可以打举报电话:400-050-0827(电话支持时间:9:00-18:30)。\n\
            - 6、成为VIP后,下载本文档将扣除1次下载权益。下载后,不支持退款、换文档。如有疑问请联系我们。\n\
            查看更多\n\
            2010年某区城市管理局政府信息公开年度报告\n\
            一、概述\n\
            本局2010年主动公开政府信息120条,并将年度报告的电子文档上传至区政府网站供公众下载。\n";
        let (markup, dropped) = import(page);
        assert!(!markup.contains("400-050-0827"), "{markup}");
        assert!(markup.contains("主动公开政府信息120条"), "{markup}");
        assert_eq!(
            dropped.iter().map(|d| d.0).collect::<Vec<_>>(),
            [1, 2, 3, 5]
        );
        // Below the first sentence they are dropped as chrome, not written.
        let later = "一、概述\n本局2010年主动公开政府信息120条,受理申请3件,均已按时办结并答复申请人。\n\
            - 4、如文档侵犯商业秘密、侵犯著作权、侵犯人身权等,请点击“版权申诉”(推荐),也可以打举报电话:400-050-0827(电话支持时间:9:00-18:30)。\n\
            二、依申请公开情况\n本年度受理申请3件。\n";
        let (markup, dropped) = import(later);
        assert!(!markup.contains("400-050-0827"), "{markup}");
        assert_eq!(dropped, [(3, "页面控件（打印、分享等）")]);
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

    #[test]
    fn titles_without_nian_or_report_and_a_page_that_starts_with_a_count() {
        // 上海 2012: the year opens the title without 年; 秦皇岛 2014: a title that ends in 成绩单 (山西 2014:
        // in quotes).
        for (title, year) in [
            ("2012某市农业委员会政府信息公开工作年度报告", "2012"),
            ("某市人口计生委2014年度政府信息公开工作成绩单", "2014"),
            ("某省统计局2014年度政府信息公开“成绩单”", "2014"),
        ] {
            let page = format!(
                "首页 > 政务公开\n{title}\n一、概述\n全年主动公开政府信息318条，受理申请12件。\n"
            );
            let imported = crate::import(page.as_bytes(), &crate::Options::default());
            assert!(
                imported.markup.contains(&format!("标题: {title}")),
                "{}",
                imported.markup
            );
            assert!(
                imported.markup.contains(&format!("年度: {year}")),
                "{}",
                imported.markup
            );
        }
        // 巴彦淖尔 2013: the stored page starts inside the report, with a short sentence and its figure.
        let page = "全市2013年共发生依申请公开政府信息6例。\n二、依申请公开情况\n办结6例。\n";
        let (markup, dropped) = import(page);
        assert!(markup.contains("依申请公开政府信息6例"), "{markup}");
        assert!(dropped.is_empty(), "{dropped:?}");
        // A crumb with a year and no sentence stays navigation.
        let page = "首页 > 2013年 > 年报\n某市2013年政府信息公开工作年度报告\n一、概述\n全年主动公开政府信息318条，受理申请12件。\n";
        let (markup, dropped) = import(page);
        assert!(!markup.contains("首页"), "{markup}");
        assert_eq!(dropped.first().map(|d| d.0), Some(1));
    }

    #[test]
    fn a_year_in_brackets_under_the_title() {
        // 温州鹿城 2011: "……年度报告" then "(2011年度)".
        let page = "朗读\n某区科技局政府信息公开工作年度报告\n(2011年度)\n根据《中华人民共和国政府信息公开条例》规定，我局对2011年度政府信息公开工作情况进行了全面回顾和系统总结。\n一、概况\n全年主动公开信息35条。\n";
        let imported = crate::import(page.as_bytes(), &crate::Options::default());
        assert!(
            imported
                .markup
                .contains("标题: 某区科技局政府信息公开工作年度报告(2011年度)"),
            "{}",
            imported.markup
        );
        assert!(
            bracketed_year("（2012年）")
                && !bracketed_year("(2011)")
                && !bracketed_year("(第2011号)")
        );
    }

    #[test]
    fn a_table_cut_at_the_page_end_keeps_its_cells() {
        // 安居 2022: a table flattened to a cell a line, separators alone or run together ("|||"), cut off.
        let page = "一、总体情况\n本年度主动公开政府信息20条，其中政策文件3条，工作动态17条。\n二、主动公开政府信息情况\n\
            | 第二十条第(一)项\n|\n|||\n| 信息内容\n|\n本年制发件数\n|\n| 规章\n|\n7\n|\n8\n|\n9\n|\n| 行政规范性文件\n";
        let (markup, dropped) = import(page);
        for cell in ["7", "8", "9"] {
            assert!(markup.lines().any(|l| l.trim() == cell), "{markup}");
        }
        assert!(
            dropped
                .iter()
                .all(|d| d.1 != "页脚（版权、备案号、地址等）"),
            "{dropped:?}"
        );
    }
}
