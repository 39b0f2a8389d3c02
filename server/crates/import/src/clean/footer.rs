//! The site footer: copyright, registration numbers, sponsors, contact lines.

use super::start::is_report_opening;
use super::{is_chrome, is_spam, tidy};

/// Lines of the site footer (never the report's opening sentence, whatever address and post code it gives).
pub fn is_footer(simple: &str) -> bool {
    // Markers no report sentence carries…
    const STRONG: [&str; 10] = [
        "版权所有",
        "copyright",
        "©",
        "icp备",
        "icp证",
        "公网安备",
        "网安备",
        "网站标识码",
        "主办单位",
        "承办单位",
    ];
    // …and markers that also name things a report talks about ("完成政府门户网站无障碍及适老化改造").
    const WEAK: [&str; 24] = [
        "版权声明",
        "主办:",
        "主办：",
        "承办:",
        "承办：",
        "技术支持",
        "网站地图",
        "联系我们",
        "关于我们",
        "浏览器",
        "分辨率",
        "上一篇",
        "下一篇",
        "相关链接",
        "相关文章",
        "相关稿件",
        "点击下载",
        "附件下载",
        "链接:",
        "链接：",
        "我要纠错",
        "网站纠错",
        "适老化",
        "邮编",
    ];
    let s = tidy(simple).to_lowercase();
    if s.chars().count() > 200 || is_report_opening(&s) {
        return false;
    }
    // A sentence of the report (several clauses) is a footer only by a strong marker.
    if s.matches(['，', ',']).count() >= 2 && s.chars().count() > 40 {
        return STRONG.iter().any(|m| s.contains(m)) || is_spam(&s);
    }
    STRONG.iter().chain(&WEAK).any(|m| s.contains(m)) || is_chrome(&s) || is_spam(&s)
}

#[cfg(test)]
mod tests {
    use super::is_footer;

    #[test]
    fn a_report_sentence_about_the_website_is_no_footer() {
        // (二)平台建设 of a 2023 report: 适老化 and 网站 are what the sentence is about.
        assert!(!is_footer(
            "一是规范网站功能建设，完成13个政府门户网站IPv6改造，完成政府门户网站无障碍及适老化改造，完善政府信息在线申请平台。"
        ));
        // A footer written as clauses is still one by its strong markers…
        assert!(is_footer(
            "主办单位：示例县人民政府办公室，承办单位：示例县大数据中心，网站标识码：1234000001，ICP备12345678号"
        ));
        // …and a short line by any marker.
        assert!(is_footer("无障碍 | 适老化 | 网站地图"));
    }
}
