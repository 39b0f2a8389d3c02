//! Standard tables: a token stream matched against a standard table's labels and read as rows of figures
//! (表四's single row written transposed).

use nianbao_core::formats::{
    self, normalize_label, split_ordinal, Format, LabelMatch, MatchKind, Table, ValueKind,
};

use super::tokens::{Kind, Tok};
use super::MTable;
use crate::clean::drop_thousands;
use crate::join_fragment;

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

pub(super) struct Parsed {
    /// Token index after the table.
    pub(super) end: usize,
    /// Paragraphs to write before the table (表三's printed note).
    pub(super) before: Vec<String>,
    pub(super) table: MTable,
    pub(super) score: f32,
    pub(super) name: String,
    pub(super) notes: Vec<String>,
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
pub(super) fn standard_at(
    toks: &[Tok],
    i: usize,
    preferred: Option<&'static Format>,
) -> Option<Parsed> {
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
    cut_headers(table, &mut header);
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

/// Header cells cut short by the page (“本年新 | 本年新 | 对外公开总数量”, the second line of each label lost):
/// in a table whose header is in the official order, an unmatched cell with which the column at its place
/// begins is that column — unless the column is matched elsewhere. The cell is written as it was.
fn cut_headers(table: &Table, header: &mut [(String, Option<usize>)]) {
    if table.columns.iter().any(|c| c.group.is_some()) || header.len() > table.columns.len() {
        return;
    }
    for p in 0..header.len() {
        let n = normalize_label(&header[p].0);
        if header[p].1.is_some()
            || n.chars().count() < 2
            || header.iter().any(|(_, c)| *c == Some(p))
        {
            continue;
        }
        let column = &table.columns[p];
        let begins = std::iter::once(&column.label)
            .chain(&column.variants)
            .map(|l| normalize_label(l))
            .any(|l| l.len() > n.len() && l.starts_with(&n));
        if begins {
            header[p].1 = Some(p);
        }
    }
}

/// The figures after a label: values, units and blanks, at most `max`.
pub(super) fn take_values(toks: &[Tok], from: usize, max: usize) -> Vec<Tok> {
    toks[from.min(toks.len())..]
        .iter()
        .take(max)
        .take_while(|t| matches!(t.kind, Kind::Value | Kind::Unit | Kind::Blank))
        .cloned()
        .collect()
}

/// Places a row's values in its columns. A full row goes in order. A short row of a table with a 单位 column
/// puts units there and figures in the others, right-aligned; otherwise it stays as written (ragged).
pub(super) fn place(values: &[Tok], ncols: usize, text_cols: &[bool]) -> Vec<String> {
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
