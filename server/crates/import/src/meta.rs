//! The front matter of an imported report: 标题, 机关, 机关类型, 年度, 发布日期 and 格式, read from the page
//! (its title, the 来源/发布时间 line, the 政府网站 `<meta>` tags).

use super::clean::{simplified, tidy, Cleaned};
use super::html::PageMeta;
use super::words::{close_date_gaps, find_years, title_years, year_in_title};
use nianbao_core::semantic::FormatId;

/// What the front matter will say; `None` where the page does not tell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub organ: Option<String>,
    /// 人民政府 / 部门 / 其他.
    pub organ_kind: Option<&'static str>,
    pub year: Option<i32>,
    /// YYYY-MM-DD.
    pub published: Option<String>,
    pub format: Option<FormatId>,
    /// Where the year came from when the title did not say, and the page date left out: for the summary.
    pub notes: Vec<String>,
    /// The page's date when it was left out as that of a page republishing the report.
    pub republished: Option<String>,
}

impl Meta {
    /// The format's data, for preferring its tables when a table fits two formats.
    pub fn format_data(&self) -> Option<&'static nianbao_core::formats::Format> {
        self.format.and_then(FormatId::data)
    }
}

/// Reads the front matter from the cleaned page.
///
/// The year, by trust: the title's; the report naming itself in its opening lines ("编制了2021年政府信息公开
/// 年度报告", "现公布……2023年政府信息公开工作年度报告", a title run into the text of a page without line
/// breaks); the statistical period ("统计期限为2023年1月1日至……"); a sentence of the opening lines that starts
/// with the year ("2024年,我县认真贯彻落实……"); the year the body writes most; the year before the page's date.
/// Traditional characters are read as simplified, blanks inside dates of a PDF copy closed. A page date more
/// than a year past the latest deadline of the report's year, or of a line naming another site, is the date of
/// a page that republished it, not of the report: it is left out (and said so).
pub fn extract(cleaned: &Cleaned, page: &PageMeta) -> Meta {
    let title = cleaned.title.as_deref().map(tidy);
    let simple_title = title.as_deref().map(simplified);
    let mut notes = Vec::new();
    let opening: Vec<String> = cleaned
        .body
        .iter()
        .filter_map(|b| match b {
            super::Block::Line(l) => Some(close_date_gaps(&simplified(&l.text))),
            _ => None,
        })
        .skip(cleaned.leading_items)
        .take(OPENING)
        .collect();
    let year = simple_title.as_deref().and_then(year_in_title).or_else(|| {
        let (y, how) = year_named(&opening)
            .map(|y| (y, "正文中报告的名称".to_string()))
            .or_else(|| year_from_period(&opening).map(|y| (y, "统计期限".into())))
            .or_else(|| year_opening(&opening).map(|y| (y, "正文开头的句子".into())))
            .or_else(|| {
                let (y, n) = year_most_written(&cleaned.body)?;
                Some((y, format!("正文中最常写的年份，写了{n}次")))
            })?;
        notes.push(format!("年度：标题没有写，取自{how}（{y}年）"));
        Some(y)
    });
    let organ =
        (simple_title.as_deref().and_then(organ_in_title)).or_else(|| cleaned.organ.clone());
    let organ_kind = organ.as_deref().and_then(organ_kind);
    let Dated {
        mut published,
        elsewhere,
    } = published(cleaned, page);
    let mut republished = None;
    if let (None, Some((date, site))) = (&published, elsewhere) {
        notes.push(format!(
            "发布日期：页面上的日期 {date} 是转载报告的网站（{site}）的日期，不是报告的发布日期，未写入文件头"
        ));
        republished = Some(date);
    }
    if let (Some(y), Some(date)) = (year, published.as_deref()) {
        if let Some(limit) = republished_after(y).filter(|l| date > l.as_str()) {
            notes.push(format!(
                "发布日期：页面上的日期 {date} 晚于{y}年度报告的公布期限一年以上（{limit} 之后），是转载或重新发布的页面的日期，未写入文件头"
            ));
            republished = published.take();
        }
    }
    let year = year.or_else(|| {
        published
            .as_deref()
            .and_then(|d| d[..4].parse::<i32>().ok())
            .map(|y| y - 1)
    });
    Meta {
        title,
        organ,
        organ_kind,
        year,
        published,
        format: year.map(FormatId::for_year),
        notes,
        republished,
    }
}

/// How many lines of the body open the report (where its name, period and first sentence are), after the
/// numbered items a page that starts inside a report begins with ([`Cleaned::leading_items`]).
const OPENING: usize = 12;

/// One year after the latest deadline for a report on `year` (YYYY-MM-DD): a page dated later republished it.
fn republished_after(year: i32) -> Option<String> {
    use nianbao_core::tiaoli;
    let rules = &tiaoli::tiaoli(tiaoli::edition_for_year(year)).annual_report;
    let (y, m, d) = rules.latest_deadline().date_for(year);
    Some(format!("{:04}-{m:02}-{d:02}", y + 1))
}

/// The year of the report as it names itself in its preface (the lines before 一、, or the text before it on a
/// page without line breaks — later a report may name last year's report it published): a year followed,
/// within a few words and no sentence end, by 信息公开 or 政务公开 and then 报告 ("编制了2021年政府信息公开
/// 年度报告", "2016年广州市某局 政府信息公开年度报告").
fn year_named(lines: &[String]) -> Option<i32> {
    let first_part = |s: &str| {
        ["一、", "一 ", "一．", "一."]
            .iter()
            .any(|h| s.starts_with(h))
    };
    let preface = lines.iter().take_while(|s| !first_part(s)).map(|s| {
        let end = s.find("一、").unwrap_or(s.len());
        &s[..end]
    });
    preface.into_iter().find_map(|s| {
        find_years(s).find_map(|(y, _, nian)| {
            let after: String = s[nian..].chars().take(32).collect();
            let after = after.split(['。', '；', '!', '！', '?', '？']).next()?;
            let report = after.find("报告")?;
            let named = ["信息公开", "政务公开"]
                .iter()
                .any(|w| after[..report].contains(w));
            named.then_some(y)
        })
    })
}

/// The year of the statistical period stated in the preface: "统计期限为2023年1月1日至2023年12月31日", or the
/// end of the year counted to: "截止2023年12月31日我局……" (a page without its title).
fn year_from_period(lines: &[String]) -> Option<i32> {
    lines
        .iter()
        .find_map(|s| {
            let at = s.find("1月1日")?;
            find_years(&s[..at]).last().map(|(y, ..)| y)
        })
        .or_else(|| {
            lines.iter().find_map(|s| {
                let at = s.find("年12月31日")?;
                let before = &s[..at + "年".len()];
                let from = ["截至", "截止"]
                    .iter()
                    .filter_map(|w| before.rfind(w))
                    .max()?;
                find_years(&before[from..]).last().map(|(y, ..)| y)
            })
        })
        .or_else(|| {
            // "截至2012年底,我镇信息公开工作运行良好".
            lines.iter().find_map(|s| {
                find_years(s).find_map(|(y, at, nian)| {
                    let to = ["截至", "截止", "截至到", "截止到"]
                        .iter()
                        .any(|w| s[..at].ends_with(w));
                    let end = ["年底", "年末"].iter().any(|e| s[nian..].starts_with(e));
                    (to && end).then_some(y)
                })
            })
        })
}

/// The year the body writes most, when no other is written nearly as often: at least twice, and more than
/// twice as often as the next ("2012年按照……部署……截至2012年底"). A date's year ("2012年3月") is not counted:
/// a page writes dates of other years (a meeting, a rule in force).
fn year_most_written(body: &[super::Block]) -> Option<(i32, usize)> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for b in body {
        let super::Block::Line(l) = b else { continue };
        let s = close_date_gaps(&l.text);
        for (y, _, nian) in find_years(&s) {
            if s[nian + "年".len()..]
                .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| *c == y) {
                Some((_, n)) => *n += 1,
                None => counts.push((y, 1)),
            }
        }
    }
    counts.sort_by_key(|&(y, n)| (std::cmp::Reverse(n), y));
    let (y, n) = *counts.first()?;
    let next = counts.get(1).map_or(0, |&(_, n)| n);
    (n >= 2 && n > 2 * next).then_some((y, n))
}

/// The year a sentence of the opening starts with: "2024年,我县……", "2019年度我局共收到……", "2019年我局政府信息
/// 公开工作运行良好" (the organ its subject), also after a
/// heading on the same line ("一、概述 2017年,我街道……").
fn year_opening(lines: &[String]) -> Option<i32> {
    lines.iter().find_map(|s| {
        find_years(s).find_map(|(y, at, nian)| {
            let starts = s[..at]
                .chars()
                .next_back()
                .is_none_or(|c| "。；！？:： \u{3000}".contains(c));
            let rest = &s[nian + "年".len()..];
            let opens = rest.starts_with("度")
                || rest.starts_with([',', '，', '我', '本'])
                || rest.starts_with("以来");
            (starts && opens).then_some(y)
        })
    })
}

/// Where the name of the report starts in a title ("某市财政局|政府信息公开工作年度报告").
fn report_name_at(title: &str) -> Option<usize> {
    [
        "政府信息公开",
        "政务公开",
        "信息公开",
        "年度报告",
        "工作报告",
    ]
    .iter()
    .filter_map(|w| title.find(w))
    .min()
}

/// The organ named in a title, in its full form: "绥中县2023年…" → "绥中县人民政府".
pub fn organ_in_title(simple: &str) -> Option<String> {
    let (_, at, nian) = title_years(simple).next()?;
    let mut before = simple[..at].trim();
    // "某区科技局政府信息公开工作年度报告(2011年度)": the year in brackets after the whole title.
    if let Some(title) = before.strip_suffix(['(', '（']) {
        before = report_name_at(title).map_or(title, |e| &title[..e]).trim();
    }
    let mut organ = if before.chars().count() >= 2 {
        before.to_string()
    } else {
        // "2023年度某市财政局政府信息公开工作年度报告"
        let after = simple[nian..].trim_start_matches([' ', '\u{3000}']);
        let after = after
            .strip_prefix("年度")
            .or_else(|| after.strip_prefix('年'))
            .unwrap_or(after);
        after[..report_name_at(after)?].to_string()
    };
    for junk in ["关于", "的"] {
        if let Some(s) = organ.strip_suffix(junk) {
            organ = s.to_string();
        }
    }
    let organ: String = organ
        .trim_matches(|c: char| c.is_whitespace() || "《》“”\"'·•:：".contains(c))
        .to_string();
    if organ.chars().count() < 2 || organ.chars().count() > 40 {
        return None;
    }
    if organ.ends_with("政府") && !organ.ends_with("人民政府") {
        let stem = organ.trim_end_matches("政府");
        if ["县", "市", "区", "旗", "州", "盟", "省", "镇", "乡"]
            .iter()
            .any(|d| stem.ends_with(d))
        {
            return Some(format!("{stem}人民政府"));
        }
        return Some(organ);
    }
    let division = [
        "县",
        "市",
        "区",
        "旗",
        "州",
        "盟",
        "省",
        "自治区",
        "镇",
        "乡",
    ]
    .iter()
    .any(|d| organ.ends_with(d));
    if division {
        return Some(format!("{organ}人民政府"));
    }
    Some(organ)
}

/// 人民政府 / 部门 / 其他 from the organ's name; `None` when the name does not say.
pub fn organ_kind(organ: &str) -> Option<&'static str> {
    if organ.ends_with("人民政府") {
        return Some("人民政府");
    }
    if ["街道办事处", "管理委员会", "管委会", "办事处"]
        .iter()
        .any(|s| organ.ends_with(s))
    {
        return Some("其他");
    }
    if ["局", "委员会", "委", "厅", "办公室", "办公厅", "办", "署"]
        .iter()
        .any(|s| organ.ends_with(s))
    {
        return Some("部门");
    }
    None
}

/// The page's dates: the report's publication date, and a date left out as that of another site that copied
/// the report (with the site).
struct Dated {
    published: Option<String>,
    elsewhere: Option<(String, String)>,
}

/// The publication date: a `<meta>` tag, else the page information line ("发布时间: 2021-01-31 17:45:13").
/// A line that names another site — a news site's banner ("2012年04月18日17:36 | 中国发展门户网
/// www.chinagate.cn | 给编辑写信"), a newspaper ("来源:某某日报") — gives the date that site copied the report on,
/// not the report's.
fn published(cleaned: &Cleaned, page: &PageMeta) -> Dated {
    if let Some(d) = page
        .get(&[
            "pubdate",
            "publishdate",
            "article:published_time",
            "firstpublishedtime",
            "dc.date",
            "dcterms.issued",
        ])
        .and_then(|v| dates(v).into_iter().next())
    {
        return Dated {
            published: Some(d),
            elsewhere: None,
        };
    }
    let (own, copies): (Vec<_>, Vec<_>) = cleaned
        .info
        .iter()
        .map(|l| (l, other_site(l)))
        .partition(|(_, site)| site.is_none());
    let elsewhere = copies
        .into_iter()
        .find_map(|(l, site)| Some((dates(l).into_iter().next()?, site?)));
    let own: Vec<&String> = own.into_iter().map(|(l, _)| l).collect();
    // Labelled dates, best label first.
    const LABELS: [&[&str]; 3] = [
        &[
            "发布时间",
            "发布日期",
            "发文日期",
            "发稿时间",
            "公开日期",
            "公布日期",
        ],
        &["时间", "日期"],
        &["生成日期", "成文日期"],
    ];
    let labelled = LABELS.iter().find_map(|labels| {
        own.iter().find_map(|line| {
            labels.iter().find_map(|label| {
                let at = line.find(label)?;
                dates(&line[at..]).into_iter().next()
            })
        })
    });
    // An info line with a single date and nothing else that looks like a date.
    let published = labelled.or_else(|| {
        own.iter().find_map(|l| {
            let ds = dates(l);
            (ds.len() == 1).then(|| ds[0].clone())
        })
    });
    Dated {
        published,
        elsewhere,
    }
}

/// The other site a line of page information names, when it names one: a site whose name ends in 网 (not a
/// government's: 政府网, 本网; 网站 is a government site naming itself), a newspaper, a news site's "给编辑写信",
/// a web address outside gov.cn beside the date.
fn other_site(line: &str) -> Option<String> {
    let words = line.split(|c: char| c.is_whitespace() || "|｜:：()（）【】[]".contains(c));
    let address = |w: &&&str| {
        (w.starts_with("www.") || w.starts_with("http") || w.starts_with("//"))
            && w.contains('.')
            && !w.contains("gov.cn")
    };
    let news = |w: &&&str| {
        let name = w.trim_start_matches(['-', '·', '•']);
        let site = name.ends_with('网')
            && name.chars().count() >= 2
            && !["政府", "本网", "政务", "公开"]
                .iter()
                .any(|g| name.contains(g));
        let paper = ["日报", "晚报", "早报", "时报", "商报", "都市报"]
            .iter()
            .any(|p| name.ends_with(p));
        site || paper || name.contains("给编辑写信")
    };
    let words: Vec<&str> = words.collect();
    words
        .iter()
        .find(news)
        // The address beside a date, not a date in the address's path (a copy keeps the original's path).
        .or_else(|| {
            words
                .iter()
                .filter(address)
                .find(|w| !dates(&line.replace(**w, "")).is_empty())
        })
        .map(|w| w.to_string())
}

/// Dates in a text, as YYYY-MM-DD: 2024-02-18, 2024/2/18, 2024.02.18, 2024年2月18日.
pub fn dates(text: &str) -> Vec<String> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    let num = |from: usize, max: usize| -> (usize, Option<u32>) {
        let n = chars[from..]
            .iter()
            .take(max + 1)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if n == 0 || n > max {
            return (from, None);
        }
        let s: String = chars[from..from + n].iter().collect();
        (from + n, s.parse().ok())
    };
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (j, y) = num(i, 4);
        let sep1 = chars.get(j).copied();
        if let (Some(y), Some(s1)) = (y, sep1) {
            if j - i == 4 && matches!(s1, '-' | '/' | '.' | '年') {
                let (k, m) = num(j + 1, 2);
                let sep2 = chars.get(k).copied();
                let expect = if s1 == '年' { '月' } else { s1 };
                if let (Some(m), Some(s2)) = (m, sep2) {
                    if s2 == expect {
                        let (l, d) = num(k + 1, 2);
                        if let Some(d) = d {
                            if (1..=12).contains(&m)
                                && (1..=31).contains(&d)
                                && (1990..2100).contains(&y)
                            {
                                out.push(format!("{y:04}-{m:02}-{d:02}"));
                                i = l;
                                continue;
                            }
                        }
                    }
                }
            }
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organs_from_titles() {
        let o = |t: &str| organ_in_title(t);
        assert_eq!(
            o("绥中县2023年政府信息公开工作年度报告").as_deref(),
            Some("绥中县人民政府")
        );
        assert_eq!(
            o("东宁市政府2016年度信息公开工作报告").as_deref(),
            Some("东宁市人民政府")
        );
        assert_eq!(
            o("攀枝花市东区2011年政府信息公开工作年度报告").as_deref(),
            Some("攀枝花市东区人民政府")
        );
        assert_eq!(
            o("眉县人民政府2020年政府信息公开工作年度报告").as_deref(),
            Some("眉县人民政府")
        );
        assert_eq!(
            o("2023年度北京市财政局政府信息公开工作年度报告").as_deref(),
            Some("北京市财政局")
        );
        assert_eq!(
            o("某市生态环境局关于2022年政府信息公开工作年度报告").as_deref(),
            Some("某市生态环境局")
        );
        // A title without 年 after its year (青田 2011), the organ before or after it.
        assert_eq!(
            o("某县公路运输管理所2011政府信息公开工作年度报告").as_deref(),
            Some("某县公路运输管理所")
        );
        assert_eq!(
            o("2012某县交通运输局政府信息公开工作年度报告").as_deref(),
            Some("某县交通运输局")
        );
        assert_eq!(
            o("某区科技局政府信息公开工作年度报告(2011年度)").as_deref(),
            Some("某区科技局")
        );
        assert_eq!(organ_kind("北京市财政局"), Some("部门"));
        assert_eq!(organ_kind("眉县人民政府"), Some("人民政府"));
        assert_eq!(organ_kind("某某街道办事处"), Some("其他"));
    }

    #[test]
    fn year_of_a_page_without_its_title() {
        let body = [
            "一、总体情况".to_string(),
            "截止2023年12月31日我局通过官方网站发布政务类信息34条。".to_string(),
        ];
        assert_eq!(year_from_period(&body), Some(2023));
        let body = ["2022年12月31日召开会议。".to_string()];
        assert_eq!(year_from_period(&body), None);
        let body = ["截至2019年底,我镇信息公开工作运行良好。".to_string()];
        assert_eq!(year_from_period(&body), Some(2019));
        let body = ["2019年底召开会议。".to_string()];
        assert_eq!(year_from_period(&body), None);
    }

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|t| simplified(t)).collect()
    }

    #[test]
    fn year_of_the_report_naming_itself_in_its_preface() {
        let body = lines(&[
            "依据有关规定,现就某县水利局2022年度政府信息公开工作报告如下。统计期限为2021年1月1日至2021年12月31日。",
            "一、总体情况",
            "2022年,我局……",
        ]);
        // The name beats a period copied from last year's report.
        assert_eq!(year_named(&body), Some(2022));
        assert_eq!(year_from_period(&body), Some(2021));
        // Traditional characters, and a page without line breaks (the name runs into the text).
        let body = lines(&["某鎮人民政府認真編制了2017年度政府信息公開年度報告。"]);
        assert_eq!(year_named(&body), Some(2017));
        let body = lines(&["某区民政局2020年政府信息公开工作年度报告某区民政局2020年政府信息公开工作年度报告2020年,我局……一、总体情况发布了2019年度信息公开工作报告。"]);
        assert_eq!(year_named(&body), Some(2020));
        // Last year's report named inside a part is not the report's own name.
        let body = lines(&[
            "一、总体情况",
            "公开了预决算信息及2022年度信息公开工作报告。",
        ]);
        assert_eq!(year_named(&body), None);
        // Nor is a year far from 报告 or past the end of the sentence.
        let body = lines(&["2021年共开展政务公开培训3次。年度报告按期公布。"]);
        assert_eq!(year_named(&body), None);
    }

    #[test]
    fn year_a_sentence_of_the_opening_starts_with() {
        assert_eq!(
            year_opening(&lines(&[
                "一、总体情况",
                "2024年,我区认真贯彻落实《条例》……"
            ])),
            Some(2024)
        );
        assert_eq!(
            year_opening(&lines(&["相关渠道已公示。2019年度我局共收到申请9件。"])),
            Some(2019)
        );
        assert_eq!(
            year_opening(&lines(&["一、概述 2016年，我街道……"])),
            Some(2016)
        );
        assert_eq!(
            year_opening(&lines(&[
                "一、总体情况",
                "2018年我局政府信息公开工作运行良好。"
            ])),
            Some(2018)
        );
        // A year inside a sentence, or a date, is not the report's year.
        assert_eq!(
            year_opening(&lines(&["比2018年增长5%。", "2020年3月起施行新办法。"])),
            None
        );
    }

    #[test]
    fn a_page_date_years_after_the_deadline_is_left_out() {
        let page =
            |date: &str, first: &str| page_of(&[&format!("发布时间：{date}"), first, "一、概述"]);
        let named = "本报告由某区城管局编制的2016年度政府信息公开年度报告。";
        // Published late, but within a year of the deadline: kept (the checker reports it late).
        let m = page("2017-09-30", named);
        assert_eq!(
            (m.year, m.published.as_deref()),
            (Some(2016), Some("2017-09-30"))
        );
        // Reposted three years later: the date is the page's, not the report's.
        let m = page("2020-11-05", named);
        assert_eq!((m.year, m.published), (Some(2016), None));
        assert_eq!(m.republished.as_deref(), Some("2020-11-05"));
        // With no year in the text, the page date still gives the year before it.
        let m = page("2020-11-05", "本报告由某区城管局编制。");
        assert_eq!(
            (m.year, m.published.as_deref()),
            (Some(2019), Some("2020-11-05"))
        );
    }

    fn page_of(text: &[&str]) -> Meta {
        use super::super::{clean, Block, Line};
        let blocks = text
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Block::Line(Line {
                    text: t.to_string(),
                    line: i + 1,
                })
            })
            .collect();
        extract(
            &clean::clean(blocks, &PageMeta::default()),
            &PageMeta::default(),
        )
    }

    #[test]
    fn year_only_in_the_body() {
        let cases: [(&[&str], Option<i32>); 4] = [
            // A page without its title whose body opens with the year and counts to its end.
            (
                &[
                    "一、基本工作情况",
                    "2015年按照县政府信息公开工作的部署,我乡完善了领导小组,配备2名兼职人员。截至2015年底,工作运行良好。",
                ],
                Some(2015),
            ),
            // A PDF copy: blanks around the figures, the name of the report broken across lines.
            (
                &[
                    "本报告是由某市统计局编制的 2014 年度政府信息公开工",
                    "作年度报告。本报告中所列数据的统计期限自 2014 年 1 月 1 日起,至",
                    "2014年12月31日止。",
                ],
                Some(2014),
            ),
            // Written most in the body, far more than any other year.
            (
                &[
                    "根据《条例》要求,我局继续开展政府信息公开工作。",
                    "我局2016年共主动公开政府信息75条,比2015年增加3条。",
                    "本局2016年度未收到政府信息公开申请,2016年我局未收取费用。",
                ],
                Some(2016),
            ),
            // Two years as often as each other, or a date's year, do not decide.
            (
                &[
                    "我局2016年受理申请5件,2017年受理申请6件。",
                    "2016年、2017年均未收费。2018年3月1日起施行新制度,2018年3月起公开。",
                ],
                None,
            ),
        ];
        for (text, year) in cases {
            let m = page_of(&[text, &["一、概述"]].concat());
            assert_eq!(m.year, year, "{text:?}");
        }
        let m = page_of(cases[2].0);
        assert!(
            m.notes.iter().any(|n| n.contains("最常写的年份")),
            "{:?}",
            m.notes
        );
    }

    #[test]
    fn a_date_of_another_site_is_not_the_publication_date() {
        let named = "本报告由某省人民政府办公厅编制的2013年度政府信息公开年度报告。";
        // A news site's banner over its copy.
        let m = page_of(&[
            "某省2013年度政府信息公开工作报告",
            "2014年05月06日09:12 | 某某新闻网 www.example-news.com | 给编辑写信 字号:T|T",
            named,
            "一、概述",
        ]);
        assert_eq!((m.year, m.published.as_deref()), (Some(2013), None));
        assert_eq!(m.republished.as_deref(), Some("2014-05-06"));
        assert!(
            m.notes.iter().any(|n| n.contains("某某新闻网")),
            "{:?}",
            m.notes
        );
        // A newspaper named as the source.
        let m = page_of(&["发布时间:2014-04-02 来源:某某日报", named, "一、概述"]);
        assert_eq!(m.published, None);
        // The government's own site keeps its date.
        for info in [
            "来源:某县人民政府门户网站 时间:2014-02-11 10:51",
            "发布日期:2014-02-11 来源:本网 浏览次数:",
            "来源：http://www.example.gov.cn/art/2014/2/11/art_1.html 发布时间:2014-02-11",
        ] {
            let m = page_of(&[info, named, "一、概述"]);
            assert_eq!(m.published.as_deref(), Some("2014-02-11"), "{info}");
        }
    }

    #[test]
    fn years_and_dates() {
        assert_eq!(
            year_in_title("东宁市政府2016年度信息公开工作报告"),
            Some(2016)
        );
        assert_eq!(
            year_in_title("２０２２年政府信息公开工作年度报告"),
            Some(2022)
        );
        assert_eq!(
            dates("作者:县人民政府 | 时间:2018-02-28 10:53:29"),
            ["2018-02-28"]
        );
        assert_eq!(dates("发布时间：2024年2月8日"), ["2024-02-08"]);
        assert_eq!(
            dates("2024/2/8 与 2024.12.31"),
            ["2024-02-08", "2024-12-31"]
        );
        assert!(dates("电话0759-7763434").is_empty());
    }
}
