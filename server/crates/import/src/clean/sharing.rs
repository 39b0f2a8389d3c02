//! The notes a document-sharing site prints above a copy of the report (book118 and its clones: "- 1、本文档共7页",
//! "- 4、如文档侵犯商业秘密……请点击“版权申诉”……举报电话:400-050-0827", "- 6、成为VIP后,下载本文档将扣除1次
//! 下载权益", "查看更多"). They are long sentences with commas, so they read like report text; their figures
//! (the site's telephone, its hours, a number of downloads) are not the report's.

/// What only a site selling documents says beside 文档 (a report says 上传, 下载, 本站 of its own documents).
const SITE_WORDS: [&str; 8] = [
    "vip",
    "付费",
    "退款",
    "版权申诉",
    "下载权益",
    "本文档共",
    "网友上传",
    "文档贡献者",
];

/// A note of a document-sharing site: it speaks of the document (文档) and of selling it; or the site's
/// "查看更多" link.
pub fn is_site_note(simple: &str) -> bool {
    let s = simple.trim().to_lowercase();
    s == "查看更多" || s.contains("文档") && SITE_WORDS.iter().any(|w| s.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_of_a_document_sharing_site() {
        for note in [
            "- 1、本文档共7页,可阅读全部内容。",
            "- 3、本站所有内容均由合作方或网友上传,本站不对文档的完整性、权威性及其观点立场正确性做任何保证或承诺!",
            "- 4、如文档侵犯商业秘密、侵犯著作权、侵犯人身权等,请点击“版权申诉”(推荐),也可以打举报电话:400-050-0827(电话支持时间:9:00-18:30)。",
            "- 6、成为VIP后,下载本文档将扣除1次下载权益。下载后,不支持退款、换文档。",
            "查看更多",
        ] {
            assert!(is_site_note(note), "{note}");
        }
        // A report's own sentences about its documents and downloads.
        for text in [
            "全年公开规范性文件12件,公众可在网站下载报告全文。",
            "本年度共制发文件36件,其中规范性文档3件。",
            "市政府网站全市政府信息公开统一平台和本单位互联网站上可下载本报告的电子版。",
            "查看更多信息请登录区政府网站",
            "年度报告的电子文档已上传至本站,供公众免费下载。",
        ] {
            assert!(!is_site_note(text), "{text}");
        }
    }
}
