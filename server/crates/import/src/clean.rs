//! Finding the report in a page: the title, the body between the site's navigation and its footer, and what
//! to drop inside it (spam, share/print widgets). Also the text repairs that published pages need: pinyin
//! annotations from traditional-character converters ("根據(jù)"), dates whose 年/月/日 were lost in scraping
//! ("202311日至20231231日"), thousands separators.
//!
//! Every line and table cell of the page is recorded in [`Cleaned::sources`] with what became of it, so that
//! [`super::losses`] can account for every figure.

use super::html::PageMeta;
use super::{Block, Line};
pub use nianbao_core::text::is_blank_char;

mod annotations;
mod footer;
mod header;
mod repair;
mod sharing;
mod start;

use annotations::count_annotations;
pub use annotations::strip_pinyin;
pub use footer::is_footer;
pub use repair::{
    drop_thousands, drop_thousands_in_prose, half_width_digits, repair_dates, unbracket_counts,
};
use sharing::is_site_note;
use start::{bracketed_year, is_list_item, is_report_opening, is_title_tail};

/// Why a line was left out of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Site navigation and whatever comes before the report's title.
    Navigation,
    /// The report's title: written to the front matter as 标题.
    Title,
    /// The title printed again above it (in the page's header, a crumb, an attachment's caption), with no
    /// figure but the year of the title written to the front matter.
    RepeatedTitle,
    /// 来源 / 发布时间 / 点击数 …: dates go to the front matter.
    PageInfo,
    /// Page information whose date is that of a page republishing the report (years later, or on another
    /// site): not written.
    Republished,
    /// Print, share, font-size widgets and lines of bare symbols.
    Chrome,
    /// The site footer: copyright, ICP number, address, links.
    Footer,
    /// Link spam injected into the page.
    Spam,
}

impl Reason {
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Navigation => "页面导航（标题之前）",
            Reason::Title => "标题（已写入文件头）",
            Reason::RepeatedTitle => "标题的重复（数字只有年度，已写入文件头）",
            Reason::PageInfo => "页面信息（来源、发布时间等；日期已写入文件头）",
            Reason::Republished => "页面信息（转载页面的日期，没有用作文件头的发布日期）",
            Reason::Chrome => "页面控件（打印、分享等）",
            Reason::Footer => "页脚（版权、备案号、地址等）",
            Reason::Spam => "垃圾链接",
        }
    }
}

/// What became of a line or cell of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Kept,
    Dropped(Reason),
}

/// A line, or a table cell, of the source as read (before repairs).
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub line: usize,
    pub status: Status,
}

/// The page after cleaning.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// The report's title as found on the page (repaired: pinyin removed).
    pub title: Option<String>,
    /// Lines with page information (来源, 发布时间 …), wherever they were.
    pub info: Vec<String>,
    /// The report body, repaired.
    pub body: Vec<Block>,
    /// Every line and cell of the page, with its fate.
    pub sources: Vec<Source>,
    /// Lines at the start of the body that are numbered items above its first sentence, on a page that
    /// starts inside a report: not where the report names itself or its year.
    pub leading_items: usize,
    /// The organ named above the report's date at the top of a page without a title ([`header`]).
    pub organ: Option<String>,
    pub notes: Vec<String>,
}

/// Trims and collapses runs of blanks to one space.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if is_blank_char(c) {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Traditional → simplified, for recognising words (the output keeps the page's own characters).
pub fn simplified(text: &str) -> String {
    fast2s::convert(text)
}

/// Cleans a page: see the module documentation.
pub fn clean(blocks: Vec<Block>, page: &PageMeta) -> Cleaned {
    let mut out = Cleaned::default();
    // Pinyin annotations: confirmed ones (the reading of the character before) are always removed; bare
    // tone-marked syllables only on pages that evidently carry a converter's annotations.
    let confirmed: usize = blocks
        .iter()
        .map(|b| match b {
            Block::Line(l) => count_annotations(&l.text),
            Block::Table(g) => g.cells.iter().map(|c| count_annotations(&c.text)).sum(),
        })
        .sum();
    let loose = confirmed >= 3;
    let mut removed = 0usize;
    let mut strip = |text: &str| -> String {
        let (t, n) = strip_pinyin(text, loose);
        removed += n;
        t
    };

    // Classify lines on their simplified text.
    struct Item {
        block: Block,
        simple: String,
        status: Status,
    }
    let mut items: Vec<Item> = blocks
        .into_iter()
        .map(|block| {
            let block = match block {
                Block::Line(l) => Block::Line(Line {
                    text: strip(&l.text),
                    line: l.line,
                }),
                Block::Table(mut g) => {
                    for c in &mut g.cells {
                        c.text = strip(&c.text);
                    }
                    Block::Table(g)
                }
            };
            let simple = match &block {
                Block::Line(l) => simplified(&tidy(&l.text)),
                Block::Table(g) => simplified(
                    &g.cells
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            };
            Item {
                block,
                simple,
                status: Status::Kept,
            }
        })
        .collect();
    if removed > 0 {
        out.notes.push(format!(
            "去掉了 {removed} 处繁简转换器附加的拼音注音（如“根據(jù)”）"
        ));
    }

    for item in &mut items {
        if is_spam(&item.simple) {
            item.status = Status::Dropped(Reason::Spam);
        } else if matches!(item.block, Block::Table(_)) && is_info_table(&item.simple) {
            item.status = Status::Dropped(Reason::PageInfo);
            out.info.push(item.simple.clone());
        }
    }

    let is_line = |i: &Item| matches!(i.block, Block::Line(_));
    let kept = |i: &Item| i.status == Status::Kept;
    let page_title = page
        .get(&["articletitle", "og:title", "title"])
        .map(tidy)
        .or_else(|| page.title.as_deref().map(tidy));

    // The title and the start of the body.
    let mut titles: Vec<usize> = (0..items.len())
        .filter(|&i| kept(&items[i]) && is_line(&items[i]))
        .filter(|&i| {
            is_title(&items[i].simple, page_title.as_deref())
                || i > 0
                    && kept(&items[i - 1])
                    && is_line(&items[i - 1])
                    && is_title_tail(&items[i - 1].simple, &items[i].simple)
        })
        .collect();
    if titles.is_empty() {
        titles = (0..items.len())
            .filter(|&i| kept(&items[i]) && is_line(&items[i]) && is_plain_title(&items[i].simple))
            .take(1)
            .collect();
    }
    let body_like = |i: usize, items: &[Item]| -> bool {
        let item = &items[i];
        if !kept(item) {
            return false;
        }
        match &item.block {
            Block::Table(_) => true,
            Block::Line(_) => is_body_line(&item.simple),
        }
    };
    let search_from = titles.first().map_or(0, |&t| t + 1);
    let start = (search_from..items.len())
        .find(|&i| body_like(i, &items))
        .or_else(|| (0..items.len()).find(|&i| body_like(i, &items)));
    let title = start.and_then(|s| titles.iter().rev().find(|&&t| t < s).copied());
    let start = start.unwrap_or(items.len());
    let body_from = match title {
        Some(t) => t + 1,
        None => start,
    };

    if let Some(t) = title {
        let Block::Line(line) = &items[t].block else {
            unreachable!("titles are lines")
        };
        let mut text = without_tag(without_empty_cells(&tidy(&line.text))).to_string();
        items[t].status = Status::Dropped(Reason::Title);
        // A title printed on two lines: the organ, then "2020年政府信息公开工作年度报告"; or the organ and
        // the year, then "政府信息公开工作年度报告" (the line found is the tail).
        if t > 0
            && (starts_with_year(&text) || !has_year(&text) || bracketed_year(&text))
            && kept(&items[t - 1])
        {
            if let Block::Line(prev) = &items[t - 1].block {
                if is_organ_line(&items[t - 1].simple)
                    || is_title_tail(&items[t - 1].simple, &items[t].simple)
                {
                    text = format!("{}{}", tidy(&prev.text), text);
                    items[t - 1].status = Status::Dropped(Reason::Title);
                }
            }
        }
        out.title = Some(text);
    } else if let Some(t) = page_title {
        out.title = Some(strip_site_suffix(&t));
    }

    // Without a title, a page that starts inside a report (its second page) starts with the numbered items
    // just above the first sentence: they are body.
    let mut list_from = start;
    if title.is_none() && start < items.len() {
        while list_from > 0
            && kept(&items[list_from - 1])
            && is_line(&items[list_from - 1])
            && is_list_item(&items[list_from - 1].simple)
        {
            list_from -= 1;
        }
        // …and so is a statistical table flattened one cell a line just above it (平度 2010: "分 类", "数量(条)",
        // "86", "7293", …, "比例(%)", "0.51", …, then the note under the table).
        let lines: Vec<Option<&str>> = items[..list_from]
            .iter()
            .map(|i| {
                (kept(i) && is_line(i) && !is_page_info(&i.simple, 1)).then_some(i.simple.as_str())
            })
            .collect();
        let table_from = start::flattened_table_above(&lines);
        list_from = table_from.unwrap_or(list_from);
    } else if title.is_none() {
        // (A page of nothing but such a table: it ends the page.)
        let lines: Vec<Option<&str>> = items
            .iter()
            .map(|i| {
                (kept(i) && is_line(i) && !is_page_info(&i.simple, 1)).then_some(i.simple.as_str())
            })
            .collect();
        list_from = start::flattened_table_above(&lines).unwrap_or(list_from);
    }

    // Before the body: navigation, except page information (harvested), the report's opening paragraph
    // printed above the title, the numbered items above, and lines between the title and the body that are
    // not chrome (the issuing office and date printed under the title) or the info box's values without their
    // labels. The title printed again is said so. The report's own 文号 above its title, and its date at the
    // top of a page without a title (header.rs).
    let year_hint = out
        .title
        .as_deref()
        .and_then(|t| super::words::year_in_title(&simplified(t)));
    let title_year = year_hint.map(|y| y.to_string());
    let above: Vec<(usize, &str)> = (0..title.unwrap_or(list_from))
        .filter(|&i| kept(&items[i]) && is_line(&items[i]) && !is_page_info(&items[i].simple, 1))
        .map(|i| (i, items[i].simple.as_str()))
        .collect();
    let own = header::find(&above, year_hint, title.map(|t| items[t].simple.as_str()));
    out.organ = own.organ.map(|i| tidy(&items[i].simple));
    for (i, item) in items.iter_mut().enumerate().take(start) {
        if !kept(item) {
            continue;
        }
        let info = i >= body_from && header::bare_info(&item.simple);
        if is_page_info(&item.simple, 1) || own.date == Some(i) || info {
            item.status = Status::Dropped(Reason::PageInfo);
            out.info.push(item.simple.clone());
        } else if i < body_from
            && i < list_from
            && !is_report_opening(&item.simple)
            && own.number != Some(i)
        {
            let only_year = |y: &String| {
                let runs = super::words::digit_runs(&item.simple);
                !runs.is_empty() && runs.iter().all(|(r, _)| r == y)
            };
            let repeated = titles.contains(&i) && title_year.as_ref().is_some_and(only_year);
            item.status = Status::Dropped(if repeated {
                Reason::RepeatedTitle
            } else {
                Reason::Navigation
            });
        } else if is_chrome(&item.simple) || is_site_note(&item.simple) {
            item.status = Status::Dropped(Reason::Chrome);
        }
    }
    out.leading_items = items[list_from..start].iter().filter(|i| kept(i)).count();

    // The footer: from the first footer line after which nothing looks like report text.
    let mut footer = items.len();
    for i in (start..items.len()).rev() {
        let item = &items[i];
        if !kept(item) {
            continue;
        }
        let content = match &item.block {
            Block::Table(_) => true,
            Block::Line(_) => {
                is_body_line(&item.simple)
                    || is_heading_like(&item.simple)
                    || is_numbered_item(&item.simple)
            }
        };
        // A lone "|" separates the cells of a table flattened to one cell a line (金口河 2016: "规章", "|",
        // "0", "|", "0"): it is chrome, but does not start the footer, so the figures after it stay.
        if is_footer(&item.simple) && !is_cell_separator(&item.simple) {
            footer = i;
        } else if content {
            break;
        }
    }
    for item in items.iter_mut().skip(footer) {
        if kept(item) {
            item.status = Status::Dropped(Reason::Footer);
        }
    }

    // Inside the body: widgets and page information.
    for item in items.iter_mut().take(footer).skip(start) {
        if !kept(item) || !is_line(item) {
            continue;
        }
        if is_chrome(&item.simple) || is_site_note(&item.simple) {
            item.status = Status::Dropped(Reason::Chrome);
        } else if is_page_info(&item.simple, 2) {
            item.status = Status::Dropped(Reason::PageInfo);
            out.info.push(item.simple.clone());
        }
    }

    // Sources for the accounting, and the body.
    let mut repairs = Vec::new();
    for item in items {
        match item.block {
            Block::Line(line) => {
                out.sources.push(Source {
                    text: line.text.clone(),
                    line: line.line,
                    status: item.status,
                });
                if item.status == Status::Kept {
                    // Tabs separate the cells of a table row copied from a browser: kept for the tables.
                    let text = line
                        .text
                        .split('\t')
                        .map(tidy)
                        .collect::<Vec<_>>()
                        .join("\t");
                    let text = text.trim_matches('\t').to_string();
                    let (text, fixed) = repair_dates(&text, year_hint);
                    for f in fixed {
                        repairs.push(format!("第 {} 行：{f}", line.line));
                    }
                    let text = unbracket_counts(&drop_thousands_in_prose(&text));
                    out.body.push(Block::Line(Line {
                        text,
                        line: line.line,
                    }));
                }
            }
            Block::Table(grid) => {
                for c in &grid.cells {
                    out.sources.push(Source {
                        text: c.text.clone(),
                        line: grid.line,
                        status: item.status,
                    });
                }
                if item.status == Status::Kept {
                    out.body.push(Block::Table(grid));
                }
            }
        }
    }
    if !repairs.is_empty() {
        out.notes
            .push("抓取时丢失的日期文字已按上下文恢复（数字未增删）：".to_string());
        out.notes
            .extend(repairs.into_iter().map(|r| format!("  {r}")));
    }
    out
}

/// Link spam appended to hacked pages: runs of pornographic or gambling keywords.
pub fn is_spam(simple: &str) -> bool {
    const WORDS: [&str; 28] = [
        "亚洲",
        "欧美",
        "日韩",
        "无码",
        "有码",
        "久久",
        "婷婷",
        "成人",
        "人妻",
        "少妇",
        "熟女",
        "麻豆",
        "偷拍",
        "自拍",
        "伊人",
        "蜜芽",
        "一本道",
        "色综合",
        "狠狠",
        "丁香",
        "激情",
        "五月天",
        "av",
        "中文字幕",
        "乱码",
        "博彩",
        "娱乐城",
        "彩票",
    ];
    if simple.contains("蜘蛛池") {
        return true;
    }
    let lower = simple.to_lowercase();
    WORDS.iter().filter(|w| lower.contains(*w)).count() >= 3
}

/// Whether a line reads like the report's title.
fn is_title(simple: &str, page_title: Option<&str>) -> bool {
    let s = without_empty_cells(&tidy(simple)).to_string();
    let s = without_tag(&s).to_string();
    let len = s.chars().count();
    if len == 0 || len > 80 || s.contains('。') {
        return false;
    }
    // The preface's last sentence ("现将我委2022年度政府信息公开工作报告如下：") names the report too, and so
    // does an info box's line that holds the page's date as well ("名 称: ……年度报告 发布日期: 2024年01月17日"):
    // neither is the title (a line "标题: ……年度报告" alone is).
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    // A sentence that introduces its abbreviations or cites what it was drawn up under is the preface,
    // even cut short at a page's width ("2012年度报告根据《……条例》(以下简称《条例》)……的要求，由……").
    if s.starts_with("现将")
        || s.contains("如下")
        || (s.contains("以下简称") || s.contains("下称"))
            && ["根据", "依据", "按照", "《"].iter().any(|w| s.contains(w))
        || s.ends_with([':', '：', ';', '；'])
        || item_number(&s)
        || compact.contains("发布日期")
        || compact.contains("发布时间")
    {
        return false;
    }
    if let Some(p) = page_title {
        let p = simplified(p);
        if !p.is_empty() && (s == p || strip_site_suffix(&p) == s) && has_year(&s) {
            return true;
        }
    }
    has_year(&s)
        && (s.contains("报告")
            || s.contains("年报")
            // (A report card, quoted or not: "……2014年度政府信息公开“成绩单”".)
            || s.trim_end_matches(['”', '"', '」', '』']).ends_with("成绩单"))
        && (s.contains("公开") || s.contains("年报"))
        && !s.contains("链接")
        && !s.starts_with(['•', '·', '>', '【'])
}

/// Whether a line opens with an item's number ("3.按照要求发布2024年政府信息公开年报;"): an item of a list in
/// the body, never the title (which may open with its year, "2024年……").
fn item_number(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits) && s[digits..].starts_with(['.', '、', '．'])
}

/// A title that does not say 报告 ("外交部2014年政府信息公开工作情况"): the title only of a page with no other
/// (one that has both prints the report's name above this line of the year's work).
fn is_plain_title(simple: &str) -> bool {
    let s = tidy(simple);
    s.chars().count() <= 40
        && has_year(&s)
        && s.ends_with("信息公开工作情况")
        && !s.starts_with(|c: char| "一二三四五六七八九十(（".contains(c))
}

/// A title without a tag of the page's kind before it ("【图文】", "【图解版】"); a link list's "【相关链接】…"
/// keeps its tag.
fn without_tag(title: &str) -> &str {
    match title.strip_prefix('【').and_then(|t| t.split_once('】')) {
        Some((tag, rest)) if tag.chars().count() <= 3 && !rest.trim().is_empty() => {
            rest.trim_start()
        }
        _ => title,
    }
}

/// A line without the empty cells of the page's layout table after it ("……年度報告 | |||||").
fn without_empty_cells(line: &str) -> &str {
    line.trim_end_matches(|c: char| c == '|' || c.is_whitespace())
}

/// "标题 - 某某县人民政府网" → "标题".
fn strip_site_suffix(title: &str) -> String {
    for sep in [" - ", "_", " | ", "--", "—"] {
        if let Some((head, _)) = title.split_once(sep) {
            if has_year(head) && (head.contains("报告") || head.contains("報告")) {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

fn has_year(s: &str) -> bool {
    super::words::title_years(s).next().is_some()
}

fn starts_with_year(s: &str) -> bool {
    let digits: String = s.chars().take(4).collect();
    digits.chars().count() == 4
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// A short line naming an organ: "眉县人民政府", "某市财政局".
fn is_organ_line(simple: &str) -> bool {
    let s = tidy(simple);
    let len = s.chars().count();
    (2..=25).contains(&len)
        && !s.contains(|c: char| c.is_ascii_digit() || "，。,:：".contains(c))
        && super::words::ORGAN_SUFFIXES.iter().any(|x| s.ends_with(x))
}

/// A line of report text: a first section heading, or a sentence.
fn is_body_line(simple: &str) -> bool {
    let s = tidy(simple);
    if is_chrome(&s) || is_page_info(&s, 1) || is_footer(&s) {
        return false;
    }
    let len = s.chars().count();
    if is_first_heading(&s) {
        return true;
    }
    len >= 25 && (s.contains('。') || (len >= 40 && s.contains(['，', ','])))
        || counted_sentence(&s)
}

/// A short sentence that states a count: "全市2013年共发生依申请公开政府信息6例。" — a page that starts inside
/// a report starts with one; navigation does not end with a full stop after a figure and its unit.
fn counted_sentence(s: &str) -> bool {
    let Some(body) = s.strip_suffix('。') else {
        return false;
    };
    let chars: Vec<char> = body.chars().collect();
    chars.len() >= 8
        && chars.windows(2).any(|w| {
            (w[0].is_ascii_digit() || ('０'..='９').contains(&w[0]))
                && "条件例项篇人次个份家".contains(w[1])
        })
}

fn is_first_heading(s: &str) -> bool {
    let s = s.trim_start();
    (s.starts_with("一、")
        || s.starts_with("一.")
        || s.starts_with("一．")
        || s.starts_with("第一部分"))
        && s.chars().count() <= 40
        && !s.contains('。')
}

/// A short line numbered with an arabic ordinal and words: "2.其他法律行政法规禁止公开", the label of a
/// table row flattened to one cell a line, or an item of a numbered list — report text, not a footer.
fn is_numbered_item(s: &str) -> bool {
    numbered(&tidy(s), ".．、")
}

/// At most 40 characters: an arabic ordinal of one or two digits, one of `marks`, then a Chinese character.
fn numbered(s: &str, marks: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let mut rest = s.chars().skip(digits);
    (1..=2).contains(&digits)
        && s.chars().count() <= 40
        && rest.next().is_some_and(|c| marks.contains(c))
        && rest
            .next()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A line that is only cell separators ("|", "｜", "|||") of a flattened table.
fn is_cell_separator(s: &str) -> bool {
    let s = tidy(s);
    let s = s.trim();
    !s.is_empty() && s.chars().all(|c| matches!(c, '|' | '｜' | ' '))
}

/// A short line numbered like a heading: "六、其他需要报告的事项".
fn is_heading_like(s: &str) -> bool {
    let s = tidy(s);
    let first: Vec<char> = s.chars().take(4).collect();
    s.chars().count() <= 40
        && first.len() >= 2
        && ("一二三四五六七八九十".contains(first[0]) && "、.．".contains(first[1])
            || "(（".contains(first[0]) && "一二三四五六七八九十".contains(first[1]))
}

/// Lines with page information: 来源, 发布时间, 点击数 …; `need` markers must be present.
pub fn is_page_info(simple: &str, need: usize) -> bool {
    const MARKERS: [&str; 24] = [
        "来源:",
        "来源：",
        "发布时间",
        "发布日期",
        "发文日期",
        "时间:",
        "时间：",
        "日期:",
        "日期：",
        "作者:",
        "作者：",
        "点击数",
        "点击量",
        "点击率",
        "浏览次数",
        "浏览量",
        "阅读次数",
        "阅读量",
        "访问次数",
        "字号",
        "索引号",
        "发布机构",
        "信息来源",
        "生成日期",
    ];
    let s = tidy(simple);
    if s.chars().count() > 150 || s.contains('。') {
        return false;
    }
    let n = MARKERS.iter().filter(|m| s.contains(*m)).count();
    n >= need
}

/// The 政府信息公开 info box (索引号, 发布机构, 生成日期 …) laid out as a table.
fn is_info_table(simple: &str) -> bool {
    const MARKERS: [&str; 10] = [
        "索引号",
        "发布机构",
        "生成日期",
        "发布日期",
        "文号",
        "主题分类",
        "信息分类",
        "关键词",
        "有效性",
        "公开方式",
    ];
    MARKERS.iter().filter(|m| simple.contains(*m)).count() >= 3
}

/// Print / share / font-size widgets and lines without any letter, digit or character.
pub fn is_chrome(simple: &str) -> bool {
    const MARKERS: [&str; 22] = [
        "【打印",
        "打印本页",
        "打印正文",
        "打印此页",
        "关闭窗口",
        "关闭本页",
        "【关闭",
        "分享到",
        "分享至",
        "字号:",
        "字号：",
        "【大 中 小】",
        "[大 中 小]",
        "扫一扫",
        "责任编辑",
        "返回顶部",
        "打开无障碍",
        "无障碍阅读",
        "您的位置",
        "当前位置",
        "您现在的位置",
        "选择阅读字号",
    ];
    let s = tidy(simple);
    if s.is_empty() || !s.chars().any(|c| c.is_alphanumeric()) {
        return true;
    }
    if is_page_number(&s) {
        return true;
    }
    let len = s.chars().count();
    if len <= 60 && MARKERS.iter().any(|m| s.contains(m)) {
        return true;
    }
    matches!(
        s.as_str(),
        "TOP" | "top" | "Top" | "返回" | "打印" | "关闭" | "收藏" | "分享"
    )
}

/// Page numbers of text extracted from a PDF: "- 3 -", "— 3 —", "第 3 页 共 9 页".
fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let dash = |c: char| "-—–－".contains(c);
    let inner = t.trim_matches(dash);
    (t.starts_with(dash)
        && t.ends_with(dash)
        && !inner.is_empty()
        && inner.len() <= 4
        && inner.chars().all(|c| c.is_ascii_digit()))
        || (t.starts_with('第') && t.contains('页') && t.chars().count() <= 12 && !t.contains('条'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_annotations_are_removed() {
        let (t, n) = strip_pinyin(
            "根據(jù)《條例》(以下簡稱《條例》)及有關(guān)規定,發(fā)布",
            false,
        );
        assert_eq!(t, "根據《條例》(以下簡稱《條例》)及有關規定,發布");
        assert_eq!(n, 3);
        // Not a reading of the character before: kept.
        assert_eq!(strip_pinyin("客户端(app)下载", true).0, "客户端(app)下载");
        assert_eq!(strip_pinyin("網站(www)", true).0, "網站(www)");
    }

    #[test]
    fn full_width_digits_become_ascii() {
        let (t, n) = half_width_digits("２０１６年主动公开２２３条，占１３．５９％。第３．条");
        assert_eq!(t, "2016年主动公开223条，占13.59％。第3．条");
        assert_eq!(n, 13);
        assert!(matches!(
            half_width_digits("共21条").0,
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_title_followed_by_empty_layout_cells() {
        let line = format!(
            "杭州市某某办公室2021年政府信息公开工作年度报告 | {}",
            "|".repeat(60)
        );
        assert!(is_title(&line, None));
        assert!(!is_title(&format!("首页 | {}", "|".repeat(60)), None));
    }

    #[test]
    fn the_prefaces_last_sentence_is_not_a_title() {
        assert!(!is_title("现将我委2022年度政府信息公开工作报告如下:", None));
        assert!(!is_title(
            "现将本局2021年政府信息公开年度报告公布如下",
            None
        ));
        assert!(is_title("某县2022年度政府信息公开工作年度报告", None));
        assert!(!is_title(
            "名 称: 某市生态环境局2023年度政府信息公开工作报告 发布日期: 2024年01月17日",
            None
        ));
    }

    #[test]
    fn an_item_of_a_list_in_the_body_is_not_a_title() {
        assert!(!is_title("3.按照要求发布2024年政府信息公开年报;", None));
        assert!(!is_title("12、及时发布2023年度政府信息公开工作报告", None));
        assert!(is_title("2023年度某县政府信息公开工作年度报告", None));
    }

    #[test]
    fn a_title_of_the_years_work_without_report() {
        assert!(is_plain_title("某部2014年政府信息公开工作情况"));
        assert!(!is_plain_title("一、2014年政府信息公开工作情况"));
        assert!(!is_plain_title("2014年政府信息公开工作情况。"));
        assert!(!is_title("某部2014年政府信息公开工作情况", None));
    }

    #[test]
    fn a_tag_before_the_title() {
        assert!(is_title(
            "【图文】某市市场监督管理局2022年度政府信息公开工作年度报告",
            None
        ));
        assert!(!is_title(
            "【相关链接】某市2021年度政府信息公开工作年度报告",
            None
        ));
    }

    #[test]
    fn dates_that_lost_their_characters() {
        let fix = |s: &str, y| repair_dates(s, Some(y)).0;
        assert_eq!(
            fix("统计期限为202311日至20231231日。", 2023),
            "统计期限为2023年1月1日至2023年12月31日。"
        );
        assert_eq!(
            fix("统计期限从201611日起1231。", 2016),
            "统计期限从2016年1月1日起12月31日。"
        );
        assert_eq!(fix("截至20161231,通过", 2016), "截至2016年12月31日,通过");
        assert_eq!(fix("201732", 2016), "2017年3月2日");
        assert_eq!(fix("(国办发〔201619号)", 2016), "(国办发〔2016〕19号)");
        // Figures are left alone.
        assert_eq!(fix("共受理202311件", 2023), "共受理202311件");
        assert_eq!(fix("办结率20161", 2016), "办结率20161");
        // Ambiguous: 1月12日 or 11月2日.
        assert_eq!(fix("至2016112日", 2016), "至2016112日");
    }

    #[test]
    fn cell_separators_do_not_start_the_footer() {
        assert!(is_cell_separator("|"));
        assert!(is_cell_separator(" ｜ "));
        assert!(!is_cell_separator("首页 | 联系我们"));
    }

    #[test]
    fn numbered_row_labels_are_not_footers() {
        assert!(is_numbered_item("2.其他法律行政法规禁止公开"));
        assert!(is_numbered_item("8.属于行政查询事项"));
        assert!(!is_numbered_item("2023.01.18"));
        assert!(!is_numbered_item("12345"));
        assert!(!is_numbered_item("/"));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(drop_thousands("21,820"), "21820");
        assert_eq!(drop_thousands("1,234,567件"), "1234567件");
        assert_eq!(drop_thousands("5,10件"), "5,10件");
        assert_eq!(drop_thousands("0.5,100"), "0.5,100");
        assert_eq!(drop_thousands_in_prose("共1,200条,其中"), "共1,200条,其中");
        assert_eq!(drop_thousands_in_prose("共1,200条，其中"), "共1200条，其中");
    }

    #[test]
    fn spam_chrome_and_footer() {
        assert!(is_spam("主站蜘蛛池模板: 亚洲综合色婷婷在线观看"));
        assert!(!is_spam("开展综合执法，在线访谈，视频解读"));
        assert!(is_chrome("【打印正文】"));
        assert!(is_chrome("  • |"));
        assert!(is_chrome("- 3 -") && is_chrome("— 12 —") && is_chrome("第 3 页 共 9 页"));
        assert!(!is_chrome("-1") && !is_chrome("+6"));
        assert!(!is_chrome("一、总体情况"));
        assert!(is_footer(
            "眉县人民政府网站版权所有:眉县人民政府 主办:眉县人民政府办公室"
        ));
        assert!(is_page_info(
            "作者:县人民政府 | 来源:县人民政府 | 时间:2018-02-28 10:53:29 点击数:-",
            2
        ));
    }
}
