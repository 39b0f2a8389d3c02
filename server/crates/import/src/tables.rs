//! Rebuilding tables: the standard tables of the 2021, 2019 and pre-2019 formats from HTML grids and from text
//! where each cell became its own line (or a row became one line of tab- or space-separated cells), and other
//! tables as they are.
//!
//! Both kinds of input become a stream of *tokens* — one per HTML cell in document order, or one per cell-like
//! line of text — which is exactly how a table flattens when it is scraped. A standard table is recognised by
//! its corner (第二十条第（一）项, 信息内容, 申请人情况, the printed 勾稽关系 note, 统计指标, 行政复议 … 行政诉讼)
//! and read against the standard table's data: header labels (merging labels split across lines — 商业 / 企业
//! — and dropping spanning headers such as 法人或其他组织), then rows (a label matched through variants,
//! width, traditional characters and ordinals, followed by its figures). 表四's official single row of 15
//! figures is written transposed, as the markup wants it. Labels are written as the report wrote them, so the
//! checker still sees a non-standard label.
//!
//! Tokens that no table takes are given back as text: nothing is dropped here.

use nianbao_core::formats::{
    self, normalize_label, split_ordinal, Format, LabelMatch, MatchKind, Table, ValueKind,
};

use super::clean::{drop_thousands, tidy};
use super::{join_fragment, Block, Grid, Line};

/// A table in markup terms: a header row, data rows, which columns hold figures.
#[derive(Debug, Clone, PartialEq)]
pub struct MTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Per column (the corner included): right-aligned figures.
    pub numeric: Vec<bool>,
    /// Source line of the table.
    pub line: usize,
}

/// A piece of the body in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A line of text: a heading or a paragraph (the writer decides).
    Text(Line),
    Table(MTable),
}

#[derive(Debug, Default)]
pub struct Extracted {
    pub pieces: Vec<Piece>,
    pub notes: Vec<String>,
    /// Standard tables recognised, for the summary.
    pub recognised: Vec<String>,
}

/// Recognises the tables of the body. `format` is the format of the report's year: preferred when a table fits
/// two formats equally well.
pub fn extract(body: &[Block], format: Option<&'static Format>) -> Extracted {
    let mut out = Extracted::default();
    let mut run: Vec<&Line> = Vec::new();
    for block in body {
        match block {
            Block::Line(l) => run.push(l),
            Block::Table(g) => {
                text_run(&run, format, &mut out);
                run.clear();
                grid(g, format, &mut out);
            }
        }
    }
    text_run(&run, format, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A figure or a not-applicable mark.
    Value,
    /// A unit alone (the 单位 column of the statistical table): 件, 条, 万元 ….
    Unit,
    /// An empty HTML cell.
    Blank,
    /// A short text: a label or header.
    Label,
    /// A sentence: never part of a table.
    Prose,
}

#[derive(Debug, Clone)]
struct Tok {
    text: String,
    kind: Kind,
    /// Index of the line (text) or cell (grid) the token comes from.
    unit: usize,
    line: usize,
}

const UNITS: [&str; 58] = [
    "个工作日",
    "万人次",
    "人次",
    "件次",
    "条次",
    "万元",
    "亿元",
    "千元",
    "小时",
    "分钟",
    "条",
    "件",
    "次",
    "个",
    "人",
    "名",
    "篇",
    "份",
    "项",
    "家",
    "场",
    "期",
    "户",
    "批",
    "类",
    "部",
    "台",
    "套",
    "本",
    "册",
    "张",
    "幅",
    "块",
    "处",
    "所",
    "元",
    "%",
    "％",
    "天",
    "位",
    "页",
    "封",
    "起",
    "宗",
    "條",
    "個",
    "項",
    "場",
    "戶",
    "張",
    "塊",
    "處",
    "冊",
    "臺",
    "頁",
    "萬元",
    "億元",
    "人/次",
];

fn is_unit(text: &str) -> bool {
    UNITS.contains(&text)
}

/// A not-applicable mark or a placeholder word in a figure's place.
fn is_na(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (!t.is_empty() && t.chars().count() <= 6 && t.chars().all(|c| "—-－–―─/／\\、".contains(c)))
        || matches!(t.as_str(), "无" | "無" | "空" | "/" | "—" | "——")
}

/// A cell that is one figure: sign, digits (full-width too, thousands separators allowed), decimals, 余/多,
/// 万/亿, a unit.
pub fn is_number(text: &str) -> bool {
    let t: String = text
        .trim()
        .chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                match c {
                    '．' => '.',
                    '，' => ',',
                    '＋' => '+',
                    '－' => '-',
                    c => c,
                }
            }
        })
        .collect();
    let mut rest = t.as_str();
    rest = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    let digits = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .count();
    if digits == 0 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let (num, mut tail) = rest.split_at(digits);
    if num.contains(',') && drop_thousands(num).contains(',') {
        return false;
    }
    if let Some(t) = tail.strip_prefix('.') {
        let d = t.chars().take_while(char::is_ascii_digit).count();
        if d == 0 {
            return false;
        }
        tail = &t[d..];
    }
    for part in [
        &["余", "多", "餘"][..],
        &["万", "亿", "千", "萬", "億"],
        &["余", "多", "餘"],
    ] {
        if let Some(p) = part.iter().find(|p| tail.starts_with(*p)) {
            tail = &tail[p.len()..];
        }
    }
    tail.is_empty() || is_unit(tail)
}

fn classify(text: &str) -> Kind {
    let t = text.trim_matches(super::clean::is_blank_char);
    if t.is_empty() {
        Kind::Blank
    } else if is_number(t) || is_na(t) {
        Kind::Value
    } else if is_unit(t) {
        Kind::Unit
    } else if t.chars().count() > 80 || t.contains(['。', '！', '？', '；']) {
        Kind::Prose
    } else {
        Kind::Label
    }
}

/// Normalised header words of every standard table (column labels and their variants, spanning headers,
/// corners), for splitting a header row that was copied with spaces between its cells.
static HEADER_WORDS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        let mut words = std::collections::HashSet::new();
        for format in formats::all() {
            for table in &format.tables {
                words.insert(normalize_label(&table.corner));
                words.extend(table.corner_variants.iter().map(|v| normalize_label(v)));
                for c in &table.columns {
                    words.insert(normalize_label(&c.label));
                    words.extend(c.variants.iter().map(|v| normalize_label(v)));
                    words.extend(c.group.iter().map(|g| normalize_label(g)));
                }
                for r in &table.rows {
                    words.extend(r.header_path.iter().map(|h| normalize_label(h)));
                }
            }
        }
        words.insert(normalize_label("信息内容"));
        words
    });

/// "结果维持 结果纠正 其他结果" → its cells, when every word is a standard header.
fn split_header_line(text: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    (words.len() >= 2
        && words
            .iter()
            .all(|w| HEADER_WORDS.contains(&normalize_label(w))))
    .then_some(words)
}

/// The tokens of a line of text: tab-separated cells, or a label followed by space-separated figures.
fn line_tokens(line: &Line, unit: usize) -> Vec<Tok> {
    let tok = |text: &str, kind| Tok {
        text: text.to_string(),
        kind,
        unit,
        line: line.line,
    };
    let raw = line.text.trim_matches(|c: char| c == '\r' || c == '\n');
    if raw.contains('\t') {
        let parts: Vec<String> = raw.split('\t').map(tidy).collect();
        let first = parts.iter().position(|p| !p.is_empty());
        let last = parts.iter().rposition(|p| !p.is_empty());
        if let (Some(a), Some(b)) = (first, last) {
            if b > a {
                return parts[a..=b].iter().map(|p| tok(p, classify(p))).collect();
            }
        }
    }
    let text = tidy(raw);
    let kind = classify(&text);
    if kind == Kind::Label {
        if let Some(words) = split_header_line(&text) {
            return words.into_iter().map(|w| tok(w, Kind::Label)).collect();
        }
    }
    if kind == Kind::Label || kind == Kind::Value {
        let words: Vec<&str> = text.split(' ').collect();
        let values = words
            .iter()
            .rev()
            .take_while(|w| matches!(classify(w), Kind::Value))
            .count();
        if values >= 1 && words.len() > 1 {
            let head = words[..words.len() - values].join(" ");
            let mut out = Vec::new();
            if !head.is_empty() {
                let k = classify(&head);
                if k != Kind::Label {
                    return vec![tok(&text, kind)];
                }
                out.push(tok(&head, Kind::Label));
            }
            out.extend(
                words[words.len() - values..]
                    .iter()
                    .map(|w| tok(w, Kind::Value)),
            );
            return out;
        }
    }
    vec![tok(&text, kind)]
}

// ---------------------------------------------------------------------------------------------------------------
// Matching against a standard table
// ---------------------------------------------------------------------------------------------------------------

/// The normalised forms of a standard table's labels, for recognising a label split across tokens.
struct Targets {
    columns: Vec<String>,
    rows: Vec<String>,
}

impl Targets {
    fn of(table: &Table) -> Targets {
        let forms = |label: &str, variants: &[String]| -> Vec<String> {
            let mut v: Vec<String> = std::iter::once(label)
                .chain(variants.iter().map(String::as_str))
                .map(normalize_label)
                .collect();
            let bodies: Vec<String> = v.iter().map(|n| split_ordinal(n).1.to_string()).collect();
            v.extend(bodies);
            v
        };
        let mut columns: Vec<String> = table
            .columns
            .iter()
            .flat_map(|c| forms(&c.label, &c.variants))
            .collect();
        columns.extend(
            table
                .columns
                .iter()
                .filter_map(|c| c.group.as_deref())
                .map(normalize_label),
        );
        columns.push(normalize_label("信息内容"));
        columns.push(normalize_label(&table.corner));
        columns.extend(table.corner_variants.iter().map(|v| normalize_label(v)));
        for row in &table.rows {
            columns.extend(row.header_path.iter().map(|h| normalize_label(h)));
        }
        let rows = table
            .rows
            .iter()
            .flat_map(|r| forms(&r.label, &r.variants))
            .collect();
        Targets { columns, rows }
    }

    /// Whether `text` (normalised, with or without its ordinal) begins one of the labels.
    fn is_prefix(list: &[String], text: &str) -> bool {
        let n = normalize_label(text);
        let body = split_ordinal(&n).1.to_string();
        list.iter().any(|t| {
            t.len() > n.len() && t.starts_with(&n)
                || !body.is_empty() && t.len() > body.len() && t.starts_with(&body)
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    None,
    Weak,
    Strong,
}

fn strength(m: Option<&LabelMatch>) -> Strength {
    match m {
        Some(m) if m.kind != MatchKind::Fuzzy || m.similarity >= 0.85 => Strength::Strong,
        Some(m) if m.similarity >= 0.6 => Strength::Weak,
        _ => Strength::None,
    }
}

fn row_strength(table: &'static Table, text: &str) -> (Strength, Option<LabelMatch<'static>>) {
    let m = table.lookup_row(text);
    (strength(m.as_ref()), m)
}

fn column_match(table: &'static Table, text: &str) -> Option<LabelMatch<'static>> {
    table
        .lookup_column(text)
        .filter(|m| m.kind != MatchKind::Fuzzy || m.similarity >= 0.75)
}

fn is_group_header(table: &Table, text: &str) -> bool {
    let n = normalize_label(text);
    table
        .columns
        .iter()
        .filter_map(|c| c.group.as_deref())
        .any(|g| normalize_label(g) == n)
        || table
            .rows
            .iter()
            .flat_map(|r| r.header_path.iter())
            .any(|h| normalize_label(h) == n)
}

/// Merges tokens `i..` while they spell the beginning of a label in `list`; returns the merged text and how
/// many tokens it took, preferring the longest merge that `full` accepts.
fn merge(toks: &[Tok], i: usize, list: &[String], full: impl Fn(&str) -> bool) -> (String, usize) {
    let first = toks[i].text.clone();
    if full(&first) {
        return (first, 1);
    }
    let mut acc = first.clone();
    let mut best = (first, 1);
    let mut k = 1;
    while k < 5 && i + k < toks.len() && toks[i + k].kind == Kind::Label {
        if !Targets::is_prefix(list, &acc) {
            break;
        }
        join_fragment(&mut acc, &toks[i + k].text);
        k += 1;
        if full(&acc) {
            best = (acc.clone(), k);
            break;
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing one table from a token stream
// ---------------------------------------------------------------------------------------------------------------

struct Parsed {
    /// Token index after the table.
    end: usize,
    /// Paragraphs to write before the table (表三's printed note).
    before: Vec<String>,
    table: MTable,
    score: f32,
    name: String,
    notes: Vec<String>,
}

fn table_name(format: &Format, table: &Table) -> String {
    let what = match table.id.as_str() {
        "t3" => "表三".to_string(),
        "t4" => "表四".to_string(),
        "stat" => "政府信息公开情况统计表".to_string(),
        _ => format!("表二{}", table.name),
    };
    format!("{what}（{}）", format.short)
}

/// Tries every standard table that could start at token `i`; the best parse, if any.
fn standard_at(toks: &[Tok], i: usize, preferred: Option<&'static Format>) -> Option<Parsed> {
    if toks[i].kind != Kind::Label {
        return None;
    }
    let text = &toks[i].text;
    let mut two = text.clone();
    if let Some(next) = toks.get(i + 1).filter(|t| t.kind == Kind::Label) {
        join_fragment(&mut two, &next.text);
    }
    let norm = normalize_label(text);
    let note = norm.contains("勾稽关系");
    let mut best: Option<Parsed> = None;
    for format in formats::all() {
        for table in &format.tables {
            let parsed = if table.id == "t4" && is_t4_start(toks, i) {
                parse_t4(toks, i, format, table)
            } else if note && table.id == "t3" {
                parse_rows_table(toks, i, format, table, 1, Some(text.clone()))
            } else if table.is_corner(text) {
                parse_rows_table(toks, i, format, table, 1, None)
            } else if table.is_corner(&two) {
                parse_rows_table(toks, i, format, table, 2, None)
            } else {
                None
            };
            let Some(mut p) = parsed else { continue };
            if preferred.is_some_and(|f| f.id == format.id) {
                p.score += 0.5;
            }
            if best.as_ref().is_none_or(|b| p.score > b.score) {
                best = Some(p);
            }
        }
    }
    best
}

fn is_t4_start(toks: &[Tok], i: usize) -> bool {
    let n = normalize_label(&toks[i].text);
    let review = normalize_label("行政复议");
    let suit = normalize_label("行政诉讼");
    (n == review || n == normalize_label("行政復議"))
        && toks[i + 1..]
            .iter()
            .take(3)
            .any(|t| t.kind == Kind::Label && normalize_label(&t.text) == suit)
}

/// A table read row by row: 表二's blocks, 表三, the statistical table.
fn parse_rows_table(
    toks: &[Tok],
    start: usize,
    format: &'static Format,
    table: &'static Table,
    corner_len: usize,
    note: Option<String>,
) -> Option<Parsed> {
    let targets = Targets::of(table);
    let n = toks.len();
    let mut i = start;
    let mut before = Vec::new();
    let mut corner = None;
    if let Some(note) = note {
        before.push(note);
        i += 1;
        while i < n && toks[i].kind == Kind::Blank {
            i += 1;
        }
        if i < n && toks[i].kind == Kind::Label && table.is_corner(&toks[i].text) {
            corner = Some(toks[i].text.clone());
            i += 1;
        }
    } else {
        let mut text = String::new();
        for t in &toks[i..i + corner_len] {
            join_fragment(&mut text, &t.text);
        }
        corner = Some(text);
        i += corner_len;
    }
    // Header cells.
    let mut header: Vec<(String, Option<usize>)> = Vec::new();
    let mut strong_header = 0.0f32;
    let limit = table.columns.len() + 3;
    while i < n {
        let t = &toks[i];
        if t.kind == Kind::Blank {
            i += 1;
            continue;
        }
        if t.kind != Kind::Label {
            break;
        }
        let is_column =
            |s: &str| column_match(table, s).is_some_and(|m| m.kind != MatchKind::Fuzzy);
        if !is_column(&t.text) && row_strength(table, &t.text).0 == Strength::Strong {
            break;
        }
        let (text, k) = merge(toks, i, &targets.columns, |s| {
            is_column(s) || is_group_header(table, s) || table.is_corner(s)
        });
        if table.is_corner(&text) {
            // 信息内容, or the corner repeated.
            if corner.is_none() {
                corner = Some(text);
            }
            i += k;
            continue;
        }
        if is_group_header(table, &text) {
            i += k;
            continue;
        }
        let col = column_match(table, &text).map(|m| m.index);
        if col.is_none() {
            // An unknown label right before figures is a row label, not a header.
            let next = toks.get(i + k).map(|t| t.kind);
            if matches!(next, Some(Kind::Value | Kind::Unit)) || header.len() >= limit {
                break;
            }
            if row_strength(table, &text).0 >= Strength::Weak {
                break;
            }
        } else {
            strong_header += 1.0;
        }
        header.push((text, col));
        i += k;
        if header.len() > limit {
            return None;
        }
    }
    let matched: Vec<usize> = header.iter().filter_map(|(_, c)| *c).collect();
    let mut notes = Vec::new();
    if header.is_empty() {
        header = table
            .columns
            .iter()
            .enumerate()
            .map(|(k, c)| (c.label.clone(), Some(k)))
            .collect();
        notes.push(format!("{}：表头缺失，按标准表补写了列名", table.name));
    } else if matched.is_empty() || matched.len() * 2 < header.len() {
        return None;
    }
    // Spanning layouts (表三) list the header in another order than the figures; the figures follow the
    // official column order.
    let distinct = {
        let mut m = matched.clone();
        m.sort_unstable();
        m.dedup();
        m.len() == matched.len()
    };
    let spanning = table.columns.iter().any(|c| c.group.is_some());
    if spanning && distinct && matched.len() == header.len() {
        header.sort_by_key(|(_, c)| *c);
    }
    let ncols = header.len();
    let text_cols: Vec<bool> = header
        .iter()
        .map(|(_, c)| c.is_some_and(|c| table.columns[c].kind == ValueKind::Text))
        .collect();

    // Rows.
    struct Row {
        label: String,
        values: Vec<Tok>,
        key: Option<usize>,
        strong: bool,
        /// Token index where the row starts.
        start: usize,
    }
    let mut rows: Vec<Row> = Vec::new();
    while i < n {
        let t = &toks[i];
        match t.kind {
            Kind::Blank => {
                // An empty label cell followed by figures.
                let vals = take_values(toks, i + 1, ncols);
                if vals.is_empty() {
                    i += 1;
                    continue;
                }
                if vals.len() < ncols || vals.iter().all(|v| v.kind == Kind::Blank) {
                    break;
                }
                rows.push(Row {
                    label: String::new(),
                    values: vals.clone(),
                    key: None,
                    strong: false,
                    start: i,
                });
                i += 1 + vals.len();
                continue;
            }
            Kind::Label => {}
            _ => break,
        }
        let (alone, _) = row_strength(table, &t.text);
        // A label continued after its figures: "(一)主动公开政府信息数" 7123 "(不同渠道…计1条)".
        if alone < Strength::Strong {
            if let Some(last) = rows.last_mut().filter(|r| !r.values.is_empty()) {
                let mut joined = last.label.clone();
                join_fragment(&mut joined, &t.text);
                let (s, m) = row_strength(table, &joined);
                if s == Strength::Strong && m.is_some_and(|m| m.kind != MatchKind::Fuzzy) {
                    last.label = joined;
                    last.key = m.map(|m| m.index);
                    i += 1;
                    continue;
                }
            }
        }
        let (label, k) = merge(toks, i, &targets.rows, |s| {
            table
                .lookup_row(s)
                .is_some_and(|m| m.kind != MatchKind::Fuzzy)
        });
        let (s, m) = row_strength(table, &label);
        let values = take_values(toks, i + k, ncols);
        let filled = values.iter().filter(|v| v.kind != Kind::Blank).count();
        let accept = match s {
            Strength::Strong => true,
            Strength::Weak => !values.is_empty(),
            Strength::None => values.len() == ncols && filled > 0,
        };
        if !accept {
            break;
        }
        rows.push(Row {
            label,
            values,
            key: m.filter(|_| s >= Strength::Weak).map(|m| m.index),
            strong: s == Strength::Strong,
            start: i,
        });
        i += k + rows.last().map_or(0, |r| r.values.len());
    }
    // A table does not end on header rows without figures.
    while rows.last().is_some_and(|r| {
        r.values.iter().all(|v| v.kind == Kind::Blank) && r.key.is_none_or(|k| table.rows[k].group)
    }) {
        // Give the tokens back.
        i = rows.pop().expect("checked").start;
    }
    let with_figures = rows
        .iter()
        .filter(|r| r.values.iter().any(|v| v.kind != Kind::Blank))
        .count();
    let strong_rows = rows.iter().filter(|r| r.strong).count();
    if with_figures == 0 || strong_rows == 0 {
        return None;
    }
    // Standard group rows that the source left out (merged header cells lost in scraping).
    let mut out_rows: Vec<Vec<String>> = Vec::new();
    let mut present: Vec<usize> = rows.iter().filter_map(|r| r.key).collect();
    for r in &rows {
        if let Some(k) = r.key {
            if let Some(parent) = table.rows[k].parent.as_deref() {
                if let Some(pi) = table.rows.iter().position(|x| x.key == parent && x.group) {
                    if !present.contains(&pi) {
                        present.push(pi);
                        let mut row = vec![table.rows[pi].label.clone()];
                        row.extend(std::iter::repeat_n(String::new(), ncols));
                        out_rows.push(row);
                    }
                }
            }
        }
        let mut row = vec![r.label.clone()];
        row.extend(place(&r.values, ncols, &text_cols));
        if r.values.len() < ncols && !r.values.is_empty() && !text_cols.iter().any(|&t| t) {
            notes.push(format!(
                "第 {} 行：“{}”只有 {} 个数，表头有 {} 列；缺的格按空白写在行末，请核对原文",
                r.values[0].line,
                r.label,
                r.values.len(),
                ncols
            ));
        }
        out_rows.push(row);
    }
    let mut numeric = vec![false];
    numeric.extend(text_cols.iter().map(|t| !t));
    let mut header_row = vec![corner.unwrap_or_else(|| table.corner.clone())];
    header_row.extend(header.into_iter().map(|(t, _)| t));
    let values: usize = rows.iter().map(|r| r.values.len()).sum();
    Some(Parsed {
        end: i,
        before,
        table: MTable {
            header: header_row,
            rows: out_rows,
            numeric,
            line: toks[start].line,
        },
        score: strong_header + 2.0 * strong_rows as f32 + values as f32 / 10.0,
        name: table_name(format, table),
        notes,
    })
}

/// The figures after a label: values, units and blanks, at most `max`.
fn take_values(toks: &[Tok], from: usize, max: usize) -> Vec<Tok> {
    toks[from.min(toks.len())..]
        .iter()
        .take(max)
        .take_while(|t| matches!(t.kind, Kind::Value | Kind::Unit | Kind::Blank))
        .cloned()
        .collect()
}

/// Places a row's values in its columns. A full row goes in order. A short row of a table with a 单位 column
/// puts units there and figures in the others, right-aligned; otherwise it stays as written (ragged).
fn place(values: &[Tok], ncols: usize, text_cols: &[bool]) -> Vec<String> {
    let cell = |t: &Tok| {
        if t.kind == Kind::Value {
            drop_thousands(&t.text)
        } else {
            t.text.clone()
        }
    };
    if values.is_empty() {
        return vec![String::new(); ncols];
    }
    if values.len() >= ncols {
        return values.iter().map(cell).collect();
    }
    if !text_cols.iter().any(|&t| t) {
        // Text lost the blank cells: the figures stay in order, the missing cells are written blank at the
        // end (a blank 总计 is the common case) and reported by the checker.
        let mut out: Vec<String> = values.iter().map(cell).collect();
        out.resize(ncols, String::new());
        return out;
    }
    let mut out = vec![String::new(); ncols];
    let units: Vec<&Tok> = values.iter().filter(|v| v.kind == Kind::Unit).collect();
    let figures: Vec<&Tok> = values.iter().filter(|v| v.kind != Kind::Unit).collect();
    let text_slots: Vec<usize> = (0..ncols).filter(|&c| text_cols[c]).collect();
    let figure_slots: Vec<usize> = (0..ncols).filter(|&c| !text_cols[c]).collect();
    for (slot, u) in text_slots.iter().zip(&units) {
        out[*slot] = cell(u);
    }
    let skip = figure_slots.len().saturating_sub(figures.len());
    for (slot, f) in figure_slots.iter().skip(skip).zip(&figures) {
        out[*slot] = cell(f);
    }
    // Anything that found no slot keeps its place at the end rather than being lost.
    let placed = text_slots.len().min(units.len()) + figure_slots.len().min(figures.len());
    if placed < values.len() {
        return values.iter().map(cell).collect();
    }
    out
}

/// 表四 in the official layout: headers 行政复议 / 行政诉讼 › 未经复议直接起诉 / 复议后起诉 › five columns each,
/// then one row of 15 figures. Written transposed: three rows of five.
fn parse_t4(
    toks: &[Tok],
    start: usize,
    format: &'static Format,
    table: &'static Table,
) -> Option<Parsed> {
    let targets = Targets::of(table);
    let n = toks.len();
    let mut i = start;
    let mut labels: Vec<String> = Vec::new();
    while i < n && matches!(toks[i].kind, Kind::Label | Kind::Blank) {
        if toks[i].kind == Kind::Blank {
            i += 1;
            continue;
        }
        let (text, k) = merge(toks, i, &targets.columns, |s| {
            column_match(table, s).is_some_and(|m| m.kind != MatchKind::Fuzzy)
                || is_group_header(table, s)
        });
        labels.push(text);
        i += k;
        if labels.len() > 24 {
            return None;
        }
    }
    let norm: Vec<String> = labels.iter().map(|l| normalize_label(l)).collect();
    let find = |w: &str| norm.iter().position(|n| *n == normalize_label(w));
    let (Some(review_at), Some(_)) = (
        find("行政复议").or(find("行政復議")),
        find("行政诉讼").or(find("行政訴訟")),
    ) else {
        return None;
    };
    let columns: Vec<(usize, &String)> = labels
        .iter()
        .filter_map(|l| column_match(table, l).map(|m| (m.index, l)))
        .collect();
    if columns.len() < 5 {
        return None;
    }
    // The first five column labels, as written.
    let mut header = vec![table.corner.clone()];
    header.extend(columns.iter().take(5).map(|(_, l)| (*l).clone()));
    let sub = |w: &str, fallback: &str| -> String {
        norm.iter()
            .position(|n| *n == normalize_label(w))
            .map_or(fallback.to_string(), |k| labels[k].clone())
    };
    let suit = sub("行政诉讼", "行政诉讼");
    let direct = sub("未经复议直接起诉", "未经复议直接起诉");
    let after = sub("复议后起诉", "复议后起诉");
    let row_labels = [
        labels[review_at].clone(),
        format!("{suit}（{direct}）"),
        format!("{suit}（{after}）"),
    ];
    let values = take_values(toks, i, 15);
    if values.len() < 5 || values.iter().all(|v| v.kind == Kind::Blank) {
        return None;
    }
    let mut rows = Vec::new();
    for (r, label) in row_labels.iter().enumerate() {
        let chunk: Vec<String> = values
            .iter()
            .skip(r * 5)
            .take(5)
            .map(|t| drop_thousands(&t.text))
            .collect();
        if chunk.is_empty() {
            break;
        }
        let mut row = vec![label.clone()];
        row.extend(chunk);
        rows.push(row);
    }
    let mut notes = Vec::new();
    if values.len() != 15 {
        notes.push(format!(
            "第 {} 行：表四应有 15 个数，只找到 {} 个，按顺序填入",
            toks[start].line,
            values.len()
        ));
    }
    let end = i + values.len();
    Some(Parsed {
        end,
        before: Vec::new(),
        table: MTable {
            header,
            rows,
            numeric: vec![false, true, true, true, true, true],
            line: toks[start].line,
        },
        score: 10.0 + values.len() as f32 / 10.0,
        name: table_name(format, table),
        notes,
    })
}

/// A table that is no standard table, from text tokens: a header of `w` labels, then rows of a label and up
/// to `w − 1` values. The width is the one most rows fit.
fn generic_at(toks: &[Tok], start: usize) -> Option<Parsed> {
    let labels = toks[start..]
        .iter()
        .take_while(|t| t.kind == Kind::Label)
        .count();
    let mut best: Option<(usize, usize, Vec<Vec<String>>, usize)> = None; // (w, full rows, rows, end)
    for w in 2..=labels.min(10) {
        let mut i = start + w;
        if toks.get(i).is_none_or(|t| t.kind != Kind::Label) {
            continue;
        }
        let mut rows: Vec<(Vec<String>, usize)> = Vec::new(); // (cells, values)
        let mut full = 0;
        let mut ok = true;
        while i < toks.len() && toks[i].kind == Kind::Label && toks[i].text.chars().count() <= 60 {
            let values = take_values(toks, i + 1, w - 1);
            if let Some(next) = toks.get(i + 1 + values.len()) {
                if values.len() == w - 1 && matches!(next.kind, Kind::Value | Kind::Unit) {
                    ok = false;
                    break;
                }
            }
            if values.len() == w - 1 {
                full += 1;
            }
            let mut cells = vec![toks[i].text.clone()];
            let skip = (w - 1) - values.len();
            cells.extend(std::iter::repeat_n(String::new(), skip));
            cells.extend(values.iter().map(|t| drop_thousands(&t.text)));
            rows.push((cells, values.len()));
            i += 1 + values.len();
        }
        while rows.last().is_some_and(|(_, v)| *v == 0) {
            rows.pop();
        }
        if !ok {
            continue;
        }
        let with_values = rows.iter().filter(|(_, v)| *v > 0).count();
        if with_values < 2 || full * 2 < with_values {
            continue;
        }
        let end = start + w + rows.iter().map(|(_, v)| 1 + v).sum::<usize>();
        if best.as_ref().is_none_or(|b| full > b.1) {
            best = Some((w, full, rows.into_iter().map(|(c, _)| c).collect(), end));
        }
    }
    let (w, _, rows, end) = best?;
    let header: Vec<String> = toks[start..start + w]
        .iter()
        .map(|t| t.text.clone())
        .collect();
    let mut numeric = vec![false];
    for c in 1..w {
        let figures = rows
            .iter()
            .filter(|r| r.get(c).is_some_and(|v| is_number(v) || is_na(v)))
            .count();
        let filled = rows
            .iter()
            .filter(|r| r.get(c).is_some_and(|v| !v.is_empty()))
            .count();
        numeric.push(filled > 0 && figures * 2 >= filled);
    }
    Some(Parsed {
        end,
        before: Vec::new(),
        table: MTable {
            header,
            rows,
            numeric,
            line: toks[start].line,
        },
        score: 0.0,
        name: String::new(),
        notes: Vec::new(),
    })
}

// ---------------------------------------------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------------------------------------------

enum Seg {
    Table(Parsed, usize),
    Token(usize),
}

fn scan(toks: &[Tok], preferred: Option<&'static Format>, generic: bool) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(p) = standard_at(toks, i, preferred).filter(|p| p.end > i) {
            let end = p.end;
            segs.push(Seg::Table(p, i));
            i = end;
            continue;
        }
        if generic && (i == 0 || toks[i - 1].kind != Kind::Label) {
            if let Some(p) = generic_at(toks, i).filter(|p| p.end > i) {
                // A standard table starting inside the span takes precedence.
                let inner = (i + 1..p.end).find(|&j| standard_at(toks, j, preferred).is_some());
                if inner.is_none() {
                    let end = p.end;
                    segs.push(Seg::Table(p, i));
                    i = end;
                    continue;
                }
            }
        }
        segs.push(Seg::Token(i));
        i += 1;
    }
    segs
}

fn push_table(p: Parsed, out: &mut Extracted) {
    for b in &p.before {
        out.pieces.push(Piece::Text(Line {
            text: b.clone(),
            line: p.table.line,
        }));
    }
    if !p.name.is_empty() {
        out.recognised.push(p.name.clone());
    }
    out.notes.extend(p.notes);
    out.pieces.push(Piece::Table(p.table));
}

/// Lines of text: tables made of cell-per-line text are rebuilt; other lines pass through unchanged.
fn text_run(lines: &[&Line], preferred: Option<&'static Format>, out: &mut Extracted) {
    if lines.is_empty() {
        return;
    }
    let toks: Vec<Tok> = lines
        .iter()
        .enumerate()
        .flat_map(|(u, l)| line_tokens(l, u))
        .collect();
    let segs = scan(&toks, preferred, true);
    let mut consumed = vec![false; lines.len()];
    let mut partly = vec![false; lines.len()];
    for s in &segs {
        if let Seg::Table(p, start) = s {
            for t in &toks[*start..p.end] {
                partly[t.unit] = true;
            }
        }
    }
    for (u, c) in consumed.iter_mut().enumerate() {
        *c = partly[u]
            && !segs
                .iter()
                .any(|s| matches!(s, Seg::Token(i) if toks[*i].unit == u));
    }
    let mut emitted = vec![false; lines.len()];
    for s in segs {
        match s {
            Seg::Table(p, _) => push_table(p, out),
            Seg::Token(i) => {
                let u = toks[i].unit;
                if emitted[u] || consumed[u] {
                    continue;
                }
                emitted[u] = true;
                let text = if partly[u] {
                    // The rest of a line partly taken by a table.
                    let rest: Vec<&str> = toks
                        .iter()
                        .enumerate()
                        .filter(|(j, t)| t.unit == u && *j >= i)
                        .map(|(_, t)| t.text.as_str())
                        .collect();
                    rest.join(" ")
                } else {
                    lines[u].text.clone()
                };
                out.pieces.push(Piece::Text(Line {
                    text,
                    line: lines[u].line,
                }));
            }
        }
    }
}

/// An HTML table: standard tables read from its cells in document order; otherwise the grid as it is.
fn grid(g: &Grid, preferred: Option<&'static Format>, out: &mut Extracted) {
    let toks: Vec<Tok> = g
        .cells
        .iter()
        .enumerate()
        .map(|(u, c)| {
            let text = tidy(&c.text);
            Tok {
                kind: classify(&text),
                text,
                unit: u,
                line: g.line,
            }
        })
        .collect();
    let segs = scan(&toks, preferred, false);
    if !segs.iter().any(|s| matches!(s, Seg::Table(..))) {
        if let Some(t) = plain_grid(g) {
            out.pieces.push(Piece::Table(t));
        }
        return;
    }
    // Leftover cells, one line per grid row.
    let mut pending: Vec<(usize, String)> = Vec::new();
    let flush = |pending: &mut Vec<(usize, String)>, out: &mut Extracted| {
        if pending.is_empty() {
            return;
        }
        let text = pending
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        out.pieces.push(Piece::Text(Line { text, line: g.line }));
        pending.clear();
    };
    for s in segs {
        match s {
            Seg::Table(p, _) => {
                flush(&mut pending, out);
                push_table(p, out);
            }
            Seg::Token(i) => {
                let t = &toks[i];
                if t.kind == Kind::Blank {
                    continue;
                }
                let row = g.cells[t.unit].row;
                if pending.last().is_some_and(|(r, _)| *r != row) {
                    flush(&mut pending, out);
                }
                pending.push((row, t.text.clone()));
            }
        }
    }
    flush(&mut pending, out);
}

/// A grid written as it is: the first row is the header; a merged cell's text stands in its first position
/// (and, down the first column, in every row it spans).
fn plain_grid(g: &Grid) -> Option<MTable> {
    let (w, h) = (g.width(), g.height());
    if w == 0 || h == 0 {
        return None;
    }
    let mut cells = vec![vec![String::new(); w]; h];
    for c in &g.cells {
        let text = tidy(&c.text);
        let text = if is_number(&text) {
            drop_thousands(&text)
        } else {
            text
        };
        cells[c.row][c.col] = text.clone();
        if c.col == 0 {
            for row in cells.iter_mut().take(c.row + c.rowspan).skip(c.row + 1) {
                row[0] = text.clone();
            }
        }
    }
    // Drop rows and columns that are entirely empty.
    cells.retain(|r| r.iter().any(|c| !c.is_empty()));
    let keep: Vec<bool> = (0..w)
        .map(|c| cells.iter().any(|r| !r[c].is_empty()))
        .collect();
    let cells: Vec<Vec<String>> = cells
        .into_iter()
        .map(|r| {
            r.into_iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c)
                .collect()
        })
        .collect();
    let mut it = cells.into_iter();
    let header = it.next()?;
    let rows: Vec<Vec<String>> = it.collect();
    let width = header.len();
    let numeric = (0..width)
        .map(|c| {
            let filled = rows.iter().filter(|r| !r[c].is_empty()).count();
            let figures = rows
                .iter()
                .filter(|r| is_number(&r[c]) || is_na(&r[c]))
                .count();
            c > 0 && filled > 0 && figures * 2 >= filled
        })
        .collect();
    Some(MTable {
        header,
        rows,
        numeric,
        line: g.line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Block> {
        super::super::text_blocks(text)
    }

    fn tables(text: &str) -> Vec<MTable> {
        extract(&lines(text), None)
            .pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn numbers() {
        for yes in [
            "0",
            "21820",
            "12.5",
            "+1036",
            "-4",
            "251000元",
            "0.5万元",
            "100%",
            "21,820",
            "１２３",
            "7100余",
        ] {
            assert!(is_number(yes), "{yes}");
        }
        for no in ["2023年", "第1", "0759-7763434", "12.", "1,2", "一"] {
            assert!(!is_number(no), "{no}");
        }
    }

    #[test]
    fn cell_per_line_block_of_table_two() {
        let t = tables("第二十条第(一)项\n\n信息内容\n\n本年发件\n\n本年废止件数\n\n现行有效件\n\n规章\n\n0\n\n0\n\n0\n\n行政规范性文件\n\n1\n\n12\n\n27\n\n三、收到和处理政府信息公开申请情况\n");
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].header,
            ["第二十条第(一)项", "本年发件", "本年废止件数", "现行有效件"]
        );
        assert_eq!(
            t[0].rows,
            [["规章", "0", "0", "0"], ["行政规范性文件", "1", "12", "27"]]
        );
    }

    #[test]
    fn rows_on_one_line_and_split_labels() {
        let t = tables(
            "行政复议\n行政诉讼\n结果维持\n结果\n纠正\n其他\n结果\n尚未\n审结\n总计\n未经复议直接起诉\n复议后起诉\n\
             结果维持 结果纠正 其他结果 尚未审结 总计\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n\
             0 1 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n",
        );
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(
            t[0].header,
            [
                "复议诉讼情况",
                "结果维持",
                "结果纠正",
                "其他结果",
                "尚未审结",
                "总计"
            ]
        );
        assert_eq!(t[0].rows[0], ["行政复议", "0", "1", "0", "0", "1"]);
        assert_eq!(t[0].rows[2][0], "行政诉讼（复议后起诉）");
    }

    #[test]
    fn rows_copied_with_spaces() {
        let t = tables(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n\
             自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n\
             一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n\
             （七）总计 5 0 0 0 0 0 5\n四、结转下年度继续办理 0 0 0 0 0 0 0\n",
        );
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].header.len(), 8);
        assert_eq!(t[0].header[7], "总计");
        assert_eq!(
            t[0].rows[0],
            [
                "一、本年新收政府信息公开申请数量",
                "5",
                "0",
                "0",
                "0",
                "0",
                "0",
                "5"
            ]
        );
    }

    #[test]
    fn generic_table_from_lines() {
        let t = tables("推进重点领域政府信息公开\n单位\n统计数\n(一)财政资金信息公开情况\n1.公开预算信息部门数\n个\n172\n(二)公开医疗卫生信息数\n28\n三、依申请公开情况\n本年度受理申请5件。\n");
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].header, ["推进重点领域政府信息公开", "单位", "统计数"]);
        assert_eq!(
            t[0].rows.last().unwrap(),
            &["(二)公开医疗卫生信息数", "", "28"]
        );
    }
}
