//! `nianbao import`: published reports — text as copied or scraped from a government site, or saved HTML
//! pages — to `.nianbao` markup.
//!
//! The pipeline, one module per concern:
//!
//! 1. [`decode`]: bytes → text (BOMs, UTF-8, GBK/GB18030, Big5);
//! 2. [`html`]: an HTML page → lines and table grids (spans resolved); plain text → one line per line, runs of
//!    pipe rows (`| 规章 | 0 | 0 | 0 |`) → table grids ([`pipes`]);
//! 3. [`clean`]: pinyin annotations removed ("根據(jù)"), the report body found between the page's navigation
//!    and its footer, spam and page chrome dropped, dates repaired where scraping lost 年/月/日;
//! 4. [`meta`]: 标题, 机关, 机关类型, 年度, 发布日期 and the format, for the front matter;
//! 5. [`tables`]: the standard tables rebuilt from HTML grids and from text where each cell became a line,
//!    other tables kept as they are;
//! 6. [`write`]: the markup — headings from the numbering, paragraphs, pipe tables;
//! 7. [`losses`]: every figure of the body either reaches the output or is listed with its line.
//!
//! Word and PDF documents go through [`document`]: `nianbao-office` converts them into HTML for step 2.
//!
//! Nothing here fails on text or HTML: whatever cannot be understood is kept as text. Only a document that
//! cannot be read reliably (legacy `.doc`/`.wps`, encrypted, a scan without a text layer) is refused.

pub mod clean;
pub mod decode;
pub mod document;
pub mod html;
pub mod losses;
pub mod meta;
pub mod pipes;
pub mod tables;
pub mod words;
pub mod write;

pub use document::{import_document, DocumentKind};
pub use losses::{Dropped, Loss};
pub use meta::Meta;
pub use nianbao_core::text::{is_wide, join_fragment};
pub use nianbao_office::OfficeError;

/// A line of text from the source: a line of a text file, or a block of an HTML page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// 1-based line in the source file (for HTML, where the text was found in the page source).
    pub line: usize,
}

/// A cell of an HTML table, at its top-left position.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: String,
    /// A `<th>`.
    pub header: bool,
}

/// An HTML data table: its cells in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub cells: Vec<GridCell>,
    /// Source line of the table.
    pub line: usize,
}

impl Grid {
    pub fn width(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.col + c.colspan)
            .max()
            .unwrap_or(0)
    }

    pub fn height(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.row + c.rowspan)
            .max()
            .unwrap_or(0)
    }
}

/// The page as blocks in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Line(Line),
    Table(Grid),
}

/// What to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The file name, written in a comment of the output and used in messages.
    pub source_name: Option<String>,
    /// Treat the input as HTML (`Some(true)`), as text (`Some(false)`), or decide from its content.
    pub html: Option<bool>,
}

/// The result of importing one file.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The `.nianbao` markup.
    pub markup: String,
    pub meta: Meta,
    /// How the bytes were decoded.
    pub encoding: &'static str,
    pub html: bool,
    /// Figures of the report body that did not reach the output (a bug or an unreadable structure).
    pub losses: Vec<Loss>,
    /// Lines dropped on purpose (navigation, footer, spam), with the figures they held.
    pub dropped: Vec<Dropped>,
    /// What was changed or recognised, for the report printed at the end.
    pub notes: Vec<String>,
    /// Standard tables recognised: "表三（2021年格式）" ….
    pub tables: Vec<String>,
    /// Figures of the body, and how many reached the output.
    pub figures: usize,
    /// The Word or PDF document the HTML was converted from ([`import_document`]); `None` for text and HTML.
    pub document: Option<DocumentKind>,
}

/// Imports one file's bytes.
pub fn import(bytes: &[u8], options: &Options) -> Imported {
    let decoded = decode::decode(bytes);
    let mut notes = Vec::new();
    if decoded.encoding != "UTF-8" || decoded.bom {
        notes.push(format!(
            "编码：{}{}",
            decoded.encoding,
            if decoded.bom { "（带 BOM）" } else { "" }
        ));
    }
    if decoded.errors > 0 {
        notes.push(format!(
            "有 {} 处字节无法按 {} 解码，已替换为 �",
            decoded.errors, decoded.encoding
        ));
    }
    let (text, widened) = clean::half_width_digits(&decoded.text);
    if widened > 0 {
        notes.push(format!("全角数字 {widened} 个已改为半角"));
    }
    let is_html = options.html.unwrap_or_else(|| html::looks_like_html(&text));
    let (blocks, page) = if is_html {
        html::parse(&text)
    } else {
        (pipes::tables(text_blocks(&text)), html::PageMeta::default())
    };
    let mut cleaned = clean::clean(blocks, &page);
    notes.extend(cleaned.notes.iter().cloned());
    let meta = meta::extract(&cleaned, &page);
    notes.extend(meta.notes.iter().cloned());
    if let Some(date) = &meta.republished {
        // The page information that gave the date did not give the front matter's.
        for s in &mut cleaned.sources {
            if s.status == clean::Status::Dropped(clean::Reason::PageInfo)
                && meta::dates(&s.text).contains(date)
            {
                s.status = clean::Status::Dropped(clean::Reason::Republished);
            }
        }
    }
    let format = meta.format_data();
    let extracted = tables::extract(&cleaned.body, format);
    notes.extend(extracted.notes.iter().cloned());
    let markup = write::write(&meta, &extracted.pieces, options.source_name.as_deref());
    let accounting = losses::account(&cleaned, &markup);
    Imported {
        markup,
        meta,
        encoding: decoded.encoding,
        html: is_html,
        losses: accounting.losses,
        dropped: accounting.dropped,
        notes,
        tables: extracted.recognised,
        figures: accounting.figures,
        document: None,
    }
}

/// Plain text: one block per line (blank lines left out). Text extracted from a PDF, where paragraphs were
/// broken at the page width, has its lines rejoined.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let lines: Vec<(usize, &str)> = text
        .trim_start_matches('\u{FEFF}')
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let width = wrap_width(&lines);
    let mut out: Vec<Block> = Vec::new();
    let mut open = false; // the last block is a line that continues on the next line
    for (n, l) in lines {
        let t = l.trim_matches(clean::is_blank_char);
        if t.is_empty() {
            open = false;
            continue;
        }
        // A line cut after an opening book-title mark or quote ("2011年,本局按照《" / "某市……实施意见》") goes on
        // in the next (not after 【 or （, which end the widgets of a page: "字号:【").
        if !t.starts_with(['|', '｜']) && !t.ends_with(['|', '｜']) {
            if let Some(Block::Line(last)) = out.last_mut() {
                let cut = last.text.trim_end_matches(clean::is_blank_char);
                if cut.ends_with(['《', '“']) && !cut.contains(['|', '｜']) {
                    join_fragment(&mut last.text, t);
                    continue;
                }
            }
        }
        // A sentence cut before its figure, the figure and its unit opening the next paragraph ("……共计发布信息"
        // / "7435 条,其中……"): a copy of a PDF that put a blank line at every break.
        if !open && counted_start(t) {
            if let Some(Block::Line(last)) = out.last_mut() {
                if cut_clause(&last.text) {
                    join_fragment(&mut last.text, t);
                    continue;
                }
            }
        }
        // A row of a pipe table (`| 规章 | 0 |`, `规章 | 0 | 0 |`) is never the end of a broken line.
        let pipe_row = t.starts_with(['|', '｜']) || t.ends_with(['|', '｜']);
        if open && !pipe_row && !starts_like_heading(t) && !tables::is_number(t) {
            if let Some(Block::Line(last)) = out.last_mut() {
                join_fragment(&mut last.text, t);
                open = width.is_some_and(|w| wraps(t, w));
                continue;
            }
        }
        // A figure alone on its line, its unit opening the next ("国务院令第" / "492" / "号，以下简称……",
        // "2011" / "年政府信息公开"): a page that prints every figure of its text in a span of its own.
        if let Some(Block::Line(last)) = out.last_mut() {
            if last.line + 1 == n && unit_first(t) && bare_figure(&last.text) {
                last.text = format!("{}{t}", last.text.trim_matches(clean::is_blank_char));
                open = false;
                continue;
            }
        }
        open = !pipe_row && width.is_some_and(|w| wraps(t, w));
        out.push(Block::Line(Line {
            text: l.to_string(),
            line: n,
        }));
    }
    out
}

/// A line that opens with a count and its unit: "7435 条,其中", "38 条,占公开总数的 0.51%;".
fn counted_start(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = t[digits..].trim_start_matches(' ');
    (1..=9).contains(&digits) && rest.starts_with(|c: char| "条件项篇次份".contains(c))
}

/// A line of prose that stops in the middle of a clause: it ends on a Chinese character, after a comma
/// earlier in it or after a verb of publishing, and is no heading, title or table label.
fn cut_clause(t: &str) -> bool {
    let t = t.trim_matches(clean::is_blank_char);
    let last = t.chars().next_back();
    last.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && (!starts_like_heading(t) || t.chars().count() > 24)
        && !t.contains(['|', '｜', '\t'])
        && t.chars().count() >= 4
        && !t.ends_with("报告")
}

/// A line that is one figure of at most nine digits and nothing else.
fn bare_figure(t: &str) -> bool {
    let t = t.trim_matches(clean::is_blank_char);
    (1..=9).contains(&t.chars().count())
        && t.chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// A line that opens with the unit or the date word of a figure before it ("号，以下简称", "年政府信息公开", "条。").
fn unit_first(t: &str) -> bool {
    t.starts_with(|c: char| "年月日号条件项次篇份期家%％".contains(c))
}

/// Width in columns: CJK characters take two (a PDF line is full at a width, not at a number of characters).
fn display_width(t: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(t)
}

/// Sentence-final punctuation: a line ending otherwise at the full width was broken by the page.
fn ends_sentence(t: &str) -> bool {
    t.ends_with([
        '。', '！', '？', '；', '：', ':', ';', '”', '」', '）', ')', '】',
    ])
}

/// A line of prose broken at the page width (a label of a table, without commas, is not). A semicolon at the
/// full width ends a clause, not the paragraph ("……占8.3%；" / "其它类信息207条，占58.1%。").
fn wraps(t: &str, width: usize) -> bool {
    display_width(t) * 100 >= width * 85
        && (!ends_sentence(t) || t.ends_with(['；', ';']))
        && !t.contains('\t')
        // (Nor a line of crumbs: "您现在所在的位置: 网站首页 > 政府信息公开 > …" is not continued by the title.)
        && !crumbs(t)
        // (A line at the very width needs no comma: "……和《上海" / "市政府信息公开规定》……".)
        && (t.contains(['，', ',', '、', '；', ';']) || display_width(t) * 100 >= width * 95)
}

/// A line of crumbs: two or more "›" or ">" between names, and no "<" that would make them brackets of a title.
fn crumbs(t: &str) -> bool {
    t.matches(['>', '＞', '›']).count() >= 2 && !t.contains(['<', '＜', '‹'])
}

fn starts_like_heading(t: &str) -> bool {
    let first: Vec<char> = t.chars().take(3).collect();
    match first.as_slice() {
        [a, b, ..] if "一二三四五六七八九十".contains(*a) && "、.．".contains(*b) => {
            true
        }
        [a, b, ..] if "(（".contains(*a) && "一二三四五六七八九十0123456789".contains(*b) => {
            true
        }
        // (Not a decimal opening a broken line: "7.7 %；政务动态类信息……".)
        [a, b, c, ..] if a.is_ascii_digit() && "、.．".contains(*b) => !c.is_ascii_digit(),
        [a, b] if a.is_ascii_digit() && "、.．".contains(*b) => true,
        _ => false,
    }
}

/// The page width of text broken into lines (from a PDF), if the text looks like that: most lines at the
/// longest length end without finishing a sentence.
fn wrap_width(lines: &[(usize, &str)]) -> Option<usize> {
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|(_, l)| display_width(l.trim_matches(clean::is_blank_char)))
        .filter(|&n| n >= 40)
        .collect();
    if lens.len() < 6 {
        return None;
    }
    lens.sort_unstable();
    let width = lens[lens.len() * 9 / 10];
    let full: Vec<&str> = lines
        .iter()
        .map(|(_, l)| l.trim_matches(clean::is_blank_char))
        .filter(|l| display_width(l) * 100 >= width * 85)
        .collect();
    let open = full.iter().filter(|l| !ends_sentence(l)).count();
    (full.len() >= 5 && open * 3 >= full.len() * 2).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        text_blocks(text)
            .into_iter()
            .map(|b| match b {
                Block::Line(l) => l.text,
                Block::Table(_) => unreachable!(),
            })
            .collect()
    }

    /// A report copied from a PDF: prose broken at the page width, headings on lines of their own.
    const BROKEN_AT_THE_WIDTH: &str = "一、总体情况\n\
        2022年，全县各部门认真贯彻落实政府信息公开条例，全年共发\n\
        布政府信息1500条，其中政策文件300条，工作动态1100条，\n\
        其他信息100条。\n\
        （一）主动公开\n\
        全年在政府门户网站主动公开各类政府信息共计一千五百余条，\n\
        其中包括规范性文件和政策解读材料，公开的及时性进一步提\n\
        高。\n\
        二、主动公开政府信息情况\n\
        全年制发行政规范性文件5件，废止2件，现行有效38件。全年\n\
        共办理行政许可事项三千余件，行政处罚四百余件，强制七件。\n\
        三、收到和处理政府信息公开申请情况\n";

    #[test]
    fn lines_broken_at_the_page_width_are_rejoined() {
        assert_eq!(
            texts(BROKEN_AT_THE_WIDTH),
            [
                "一、总体情况",
                "2022年，全县各部门认真贯彻落实政府信息公开条例，全年共发布政府信息1500条，其中政策文件300条，工作动态1100条，其他信息100条。",
                "（一）主动公开",
                "全年在政府门户网站主动公开各类政府信息共计一千五百余条，其中包括规范性文件和政策解读材料，公开的及时性进一步提高。",
                "二、主动公开政府信息情况",
                "全年制发行政规范性文件5件，废止2件，现行有效38件。全年共办理行政许可事项三千余件，行政处罚四百余件，强制七件。",
                "三、收到和处理政府信息公开申请情况",
            ]
        );
        // Text with a paragraph per line is left as it is.
        let web = "第一段很长很长很长很长很长很长很长很长很长很长很长。\n\n第二段\n";
        assert_eq!(
            texts(web),
            [
                "第一段很长很长很长很长很长很长很长很长很长很长很长。",
                "第二段"
            ]
        );
    }

    #[test]
    fn a_line_of_crumbs_is_not_continued_by_the_title() {
        // A page copied with its crumbs, then broken at the page width: the crumbs are as long as a full line
        // but are no prose, and the title under them stays a line of its own.
        let page = format!(
            "您现在的位置: 网站首页 > 政府信息公开 > 示例县政府 > 年报\n\
             示例县2022年政府信息公开工作年度报告\n{BROKEN_AT_THE_WIDTH}"
        );
        let lines = texts(&page);
        assert_eq!(
            &lines[..4],
            [
                "您现在的位置: 网站首页 > 政府信息公开 > 示例县政府 > 年报",
                "示例县2022年政府信息公开工作年度报告",
                "一、总体情况",
                "2022年，全县各部门认真贯彻落实政府信息公开条例，全年共发布政府信息1500条，其中政策文件300条，工作动态1100条，其他信息100条。",
            ]
        );
    }

    #[test]
    fn broken_lines_after_lists_semicolons_and_decimals_are_rejoined() {
        // Lines of 28 characters, as a PDF copy breaks them: one of a list joined by 、 only, one ending on a
        // semicolon, one opening with a decimal ("7.7%" is no heading "7."), one with no punctuation at all.
        let pdf = "一、总体情况\n\
            全年对622项行政权力进行梳理公示，其中，行政许可32项、行政\n\
            处罚495项、行政强制26项、行政确认2项、行政征收2项、行政检\n\
            查15项、行政奖励2项、其他权力48项。全年新增主动公开信\n\
            息312条，其中机构概况类信息5条，占1.6%；政策文件类信息24条，占\n\
            7.7%；政务动态类信息50条，占16%；重点业务类信息26条，占8.3%；\n\
            其它类信息207条，占66.4%。本报告根据《中华人民共和国政府信\n\
            息公开条例》和《上海市政府信息公开规定》的要求由本区政府编制\n\
            并在门户网站公布。\n\
            二、主动公开政府信息情况\n";
        assert_eq!(
            texts(pdf),
            [
                "一、总体情况",
                "全年对622项行政权力进行梳理公示，其中，行政许可32项、行政处罚495项、行政强制26项、行政确认2项、行政征收2项、行政检查15项、行政奖励2项、其他权力48项。全年新增主动公开信息312条，其中机构概况类信息5条，占1.6%；政策文件类信息24条，占7.7%；政务动态类信息50条，占16%；重点业务类信息26条，占8.3%；其它类信息207条，占66.4%。本报告根据《中华人民共和国政府信息公开条例》和《上海市政府信息公开规定》的要求由本区政府编制并在门户网站公布。",
                "二、主动公开政府信息情况",
            ]
        );
    }

    #[test]
    fn a_figure_alone_on_its_line_joins_its_unit() {
        // A page that prints each figure in a span of its own (兰考 2011).
        let page =
            "2011\n年政府信息公开\n年度报告\n依据《条例》(国务院令第\n492\n号,以下简称《条例》)\n";
        assert_eq!(
            texts(page),
            [
                "2011年政府信息公开",
                "年度报告",
                "依据《条例》(国务院令第",
                "492号,以下简称《条例》)"
            ]
        );
        // A table flattened to a cell a line keeps its cells; a figure after a blank line is not joined.
        let cells = "规章\n0\n规范性文件\n3\n\n2022\n\n年度报告\n";
        assert_eq!(
            texts(cells),
            ["规章", "0", "规范性文件", "3", "2022", "年度报告"]
        );
    }

    #[test]
    fn a_sentence_cut_before_its_figure_joins_the_next_paragraph() {
        // 成都 2018, a PDF copied with a blank line at every break.
        let page = "(一) 公开内容 通过门户网站及微博微信平台共计发布信息\n\n7435 条,其中行政规范性文件\n\n38 条,占公开总数的 0.51%;\n\n其它信息\n\n4157 条占公开总数的 55.91%.\n\n二、主动公开\n\n12 条信息\n";
        assert_eq!(
            texts(page),
            [
                "(一) 公开内容 通过门户网站及微博微信平台共计发布信息7435 条,其中行政规范性文件38 条,占公开总数的 0.51%;",
                "其它信息4157 条占公开总数的 55.91%.",
                "二、主动公开",
                "12 条信息"
            ]
        );
    }

    #[test]
    fn a_line_cut_after_an_opening_bracket_joins_the_next() {
        // 厦门城管 2011: the first sentence broken right after 《.
        let page = "概述\n2011年,本局按照《\n某市政府信息公开实施意见》，完善了工作机制。\n";
        assert_eq!(
            texts(page),
            [
                "概述",
                "2011年,本局按照《某市政府信息公开实施意见》，完善了工作机制。"
            ]
        );
    }
}
