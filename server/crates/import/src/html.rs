//! Saved HTML pages → lines of text and table grids, in document order.
//!
//! The page is parsed with `scraper` (html5ever, the browsers' parsing algorithm, so broken markup is repaired
//! the way a browser repairs it). Scripts, styles, forms and hidden elements are skipped; block elements and
//! `<br>` end a line. A `<table>` is a *data* table when its cells hold short texts; a table used for page
//! layout (nested tables, a few cells holding whole paragraphs) is read as ordinary blocks. Data tables become
//! [`Grid`]s with every `rowspan`/`colspan` resolved.

use scraper::{ElementRef, Html, Node};

use super::{Block, Grid, GridCell, Line};

/// What a page gives besides its text: `<title>` and `<meta>` (the 政府网站 `ArticleTitle`, `PubDate`,
/// `ContentSource` …).
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    pub title: Option<String>,
    /// (lower-case name or property, content).
    pub meta: Vec<(String, String)>,
}

impl PageMeta {
    pub fn get(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|n| {
            self.meta
                .iter()
                .find(|(k, v)| k == n && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
        })
    }
}

/// Whether a text looks like an HTML page rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || (head.starts_with('<')
            && [
                "<head", "<body", "<meta", "<div", "<p>", "<p ", "<table", "<title",
            ]
            .iter()
            .any(|t| head.contains(t)))
}

/// Parses a page into blocks (line numbers are filled in later, see [`locate_lines`]).
pub fn parse(source: &str) -> (Vec<Block>, PageMeta) {
    let document = Html::parse_document(source);
    let mut meta = PageMeta::default();
    let mut walker = Walker::default();
    for node in document.tree.root().children() {
        walker.node(node, &mut meta);
    }
    walker.flush();
    let mut blocks = walker.blocks;
    locate_lines(source, &mut blocks);
    (blocks, meta)
}

/// Elements whose content is never report text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "select", "option", "textarea", "button", "iframe",
    "object", "embed", "svg", "math", "canvas", "audio", "video", "map", "input", "link", "meta",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "section",
    "summary",
    "ul",
    "xmp",
    "caption",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "table",
    "title",
];

/// A marker for whitespace that contained a line break: dropped next to a CJK character (a line wrapped in
/// the HTML source of Chinese text), a space elsewhere.
const SOFT: char = '\u{1}';

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    current: String,
    pre: usize,
}

impl Walker {
    fn node(&mut self, node: ego_tree::NodeRef<'_, Node>, meta: &mut PageMeta) {
        match node.value() {
            Node::Text(text) => self.text(text),
            Node::Element(element) => {
                let Some(el) = ElementRef::wrap(node) else {
                    return;
                };
                let name = element.name();
                if name == "head" {
                    read_head(el, meta);
                    return;
                }
                if name == "title" {
                    // A <title> outside <head> (broken pages).
                    if meta.title.is_none() {
                        meta.title = Some(collapse(&el.text().collect::<String>()));
                    }
                    return;
                }
                if SKIPPED.contains(&name) || hidden(element) {
                    return;
                }
                if name == "br" {
                    self.flush();
                    return;
                }
                if name == "table" && is_data_table(el) {
                    self.flush();
                    let grid = grid(el);
                    if !grid.cells.is_empty() {
                        self.blocks.push(Block::Table(grid));
                    }
                    return;
                }
                if name == "img" {
                    return;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    self.flush();
                }
                let pre = matches!(name, "pre" | "xmp" | "listing" | "plaintext");
                if pre {
                    self.pre += 1;
                }
                for child in node.children() {
                    self.node(child, meta);
                }
                if pre {
                    self.pre -= 1;
                }
                if block {
                    self.flush();
                }
            }
            Node::Document | Node::Fragment => {
                for child in node.children() {
                    self.node(child, meta);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            for (i, part) in text.split('\n').enumerate() {
                if i > 0 {
                    self.flush();
                }
                self.current.push_str(part);
            }
        } else {
            push_collapsed(&mut self.current, text);
        }
    }

    fn flush(&mut self) {
        let text = finish_soft(&self.current);
        self.current.clear();
        let text = text.trim_matches(is_space).to_string();
        if !text.is_empty() {
            self.blocks.push(Block::Line(Line { text, line: 0 }));
        }
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == SOFT
}

/// Appends text with HTML whitespace collapsing; runs with a line break become [`SOFT`].
fn push_collapsed(out: &mut String, text: &str) {
    let mut run: Option<bool> = None; // Some(has_newline) while in a whitespace run
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{C}') {
            let nl = matches!(c, '\n' | '\r');
            run = Some(run.unwrap_or(false) || nl);
        } else {
            if let Some(nl) = run.take() {
                push_space(out, nl);
            }
            out.push(c);
        }
    }
    if let Some(nl) = run {
        push_space(out, nl);
    }
}

fn push_space(out: &mut String, newline: bool) {
    match out.chars().last() {
        None => {}
        Some(' ') if newline => {
            out.pop();
            out.push(SOFT);
        }
        Some(' ') | Some(SOFT) => {}
        _ => out.push(if newline { SOFT } else { ' ' }),
    }
}

/// Resolves [`SOFT`] markers.
fn finish_soft(text: &str) -> String {
    if !text.contains(SOFT) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == SOFT {
            let before = chars[..i].iter().rev().find(|&&c| c != SOFT);
            let after = chars[i + 1..].iter().find(|&&c| c != SOFT);
            let wide = |c: Option<&char>| c.is_some_and(|&c| super::is_wide(c));
            if !(wide(before) || wide(after) || out.ends_with(' ')) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn collapse(text: &str) -> String {
    let mut s = String::new();
    push_collapsed(&mut s, text);
    finish_soft(&s).trim().to_string()
}

fn hidden(element: &scraper::node::Element) -> bool {
    if element.attr("hidden").is_some() {
        return true;
    }
    if let Some(style) = element.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

fn read_head(head: ElementRef<'_>, meta: &mut PageMeta) {
    for node in head.descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        match el.value().name() {
            "title" if meta.title.is_none() => {
                let t = collapse(&el.text().collect::<String>());
                if !t.is_empty() {
                    meta.title = Some(t);
                }
            }
            "meta" => {
                let key = el
                    .value()
                    .attr("name")
                    .or_else(|| el.value().attr("property"))
                    .or_else(|| el.value().attr("itemprop"));
                if let (Some(key), Some(content)) = (key, el.value().attr("content")) {
                    meta.meta
                        .push((key.trim().to_ascii_lowercase(), collapse(content)));
                }
            }
            _ => {}
        }
    }
}

/// The rows of a table (not of tables nested in it).
fn rows(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut out = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => out.extend(
                child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|e| e.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    out
}

fn cells(row: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    row.children()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "td" | "th"))
}

/// A table whose cells hold figures and short labels, not a layout table holding the page.
fn is_data_table(table: ElementRef<'_>) -> bool {
    let nested = table
        .descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "table");
    if nested {
        return false;
    }
    let mut count = 0;
    for row in rows(table) {
        for cell in cells(row) {
            count += 1;
            let len = cell_text(cell).chars().count();
            if len > 300 {
                return false;
            }
        }
    }
    count >= 2
}

/// The text of a cell on one line: its own lines joined (without a space between CJK characters).
fn cell_text(cell: ElementRef<'_>) -> String {
    let mut walker = Walker::default();
    let mut meta = PageMeta::default();
    for child in cell.children() {
        walker.node(child, &mut meta);
    }
    walker.flush();
    let mut out = String::new();
    for block in walker.blocks {
        let text = match block {
            Block::Line(l) => l.text,
            Block::Table(g) => g
                .cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        };
        super::join_fragment(&mut out, &text);
    }
    out
}

fn span(el: ElementRef<'_>, name: &str, max: usize) -> usize {
    el.value()
        .attr(name)
        .and_then(|v| {
            let digits: String = v.trim().chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        })
        .unwrap_or(1)
        .clamp(1, max)
}

/// Resolves `rowspan`/`colspan` into positions (the HTML table model, simplified: `rowspan="0"` counts as 1).
fn grid(table: ElementRef<'_>) -> Grid {
    let rows = rows(table);
    let height = rows.len();
    let mut occupied: Vec<Vec<bool>> = vec![Vec::new(); height];
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for cell in cells(*row) {
            while occupied[r].get(c).copied().unwrap_or(false) {
                c += 1;
            }
            let rowspan = span(cell, "rowspan", height - r);
            let colspan = span(cell, "colspan", 256);
            for line in occupied.iter_mut().skip(r).take(rowspan) {
                if line.len() < c + colspan {
                    line.resize(c + colspan, false);
                }
                for slot in &mut line[c..c + colspan] {
                    *slot = true;
                }
            }
            out.push(GridCell {
                row: r,
                col: c,
                rowspan,
                colspan,
                text: cell_text(cell),
                header: cell.value().name() == "th",
            });
            c += colspan;
        }
    }
    Grid {
        cells: out,
        line: 0,
    }
}

/// Best-effort source line numbers: each block's first run of CJK characters (or digits) is searched in the
/// page source after the previous block's position.
fn locate_lines(source: &str, blocks: &mut [Block]) {
    let mut cursor = 0usize;
    let mut line_at = LineCounter::new(source);
    for block in blocks {
        let (text, slot) = match block {
            Block::Line(l) => (l.text.clone(), &mut l.line),
            Block::Table(g) => (
                g.cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .find(|t| !t.trim().is_empty())
                    .unwrap_or("")
                    .to_string(),
                &mut g.line,
            ),
        };
        let needle = needle(&text);
        let found = if needle.is_empty() {
            None
        } else {
            source[cursor..].find(&needle).map(|at| cursor + at)
        };
        if let Some(at) = found {
            cursor = at;
        }
        *slot = line_at.line(cursor);
    }
}

fn needle(text: &str) -> String {
    let mut best = String::new();
    let mut cur = String::new();
    for c in text.chars() {
        if super::is_wide(c) && !c.is_whitespace() || c.is_ascii_digit() {
            cur.push(c);
            if cur.chars().count() >= 6 {
                return cur;
            }
        } else {
            if cur.chars().count() > best.chars().count() {
                best = std::mem::take(&mut cur);
            }
            cur.clear();
        }
    }
    if cur.chars().count() > best.chars().count() {
        best = cur;
    }
    best
}

/// Line numbers (1-based) of byte offsets, for increasing offsets.
struct LineCounter<'a> {
    source: &'a str,
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(source: &'a str) -> Self {
        LineCounter {
            source,
            at: 0,
            line: 1,
        }
    }

    fn line(&mut self, offset: usize) -> usize {
        if offset >= self.at {
            self.line += self.source[self.at..offset]
                .bytes()
                .filter(|&b| b == b'\n')
                .count();
            self.at = offset;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn blocks_breaks_and_hidden_text() {
        let page = "<html><head><title>某县2023年报</title><meta name=\"PubDate\" content=\"2024-01-20 09:00\"></head>\
            <body><div class=nav>首页 &gt; 政务公开</div><script>var x=1;</script>\
            <p>一、总体<b>情况</b></p><p>共发布信息\n  2471条。<br>第二行</p>\
            <div style=\"display: none\">隐藏的垃圾链接</div></body></html>";
        let (blocks, meta) = parse(page);
        assert_eq!(
            lines(&blocks),
            [
                "首页 > 政务公开",
                "一、总体情况",
                "共发布信息2471条。",
                "第二行"
            ]
        );
        assert_eq!(meta.title.as_deref(), Some("某县2023年报"));
        assert_eq!(meta.get(&["pubdate"]), Some("2024-01-20 09:00"));
    }

    #[test]
    fn spans_resolve_to_positions() {
        let page = "<table><tr><td rowspan=2 colspan=2>角</td><td colspan=2>申请人情况</td></tr>\
            <tr><td>自然人</td><td>总计</td></tr><tr><td colspan=\"2\">一、本年新收</td><td>5</td><td>5</td></tr></table>";
        let (blocks, _) = parse(page);
        let Block::Table(g) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        let pos: Vec<(usize, usize, &str)> = g
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.text.as_str()))
            .collect();
        assert_eq!(
            pos,
            [
                (0, 0, "角"),
                (0, 2, "申请人情况"),
                (1, 2, "自然人"),
                (1, 3, "总计"),
                (2, 0, "一、本年新收"),
                (2, 2, "5"),
                (2, 3, "5")
            ]
        );
    }

    #[test]
    fn layout_tables_are_read_as_text() {
        let long = "根据条例规定编制本报告。".repeat(30);
        let page = format!(
            "<table><tr><td>{long}</td></tr><tr><td><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>"
        );
        let (blocks, _) = parse(&page);
        assert!(matches!(&blocks[0], Block::Line(l) if l.text == long));
        assert!(matches!(&blocks[1], Block::Table(_)));
    }

    #[test]
    fn cell_lines_join_without_spaces_between_cjk() {
        let page = "<table><tr><td>本年新<br />制作数量</td><td>Total <br>count</td></tr></table>";
        let (blocks, _) = parse(page);
        let Block::Table(g) = &blocks[0] else {
            panic!()
        };
        assert_eq!(g.cells[0].text, "本年新制作数量");
        assert_eq!(g.cells[1].text, "Total count");
        assert!(looks_like_html(page));
        assert!(!looks_like_html("一、总体情况\n<p>"));
    }
}
