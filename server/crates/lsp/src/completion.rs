//! Completion, by where the cursor is:
//!
//! - in the front matter: the keys not yet written, and the values of a key
//!   (格式 editions, 机关类型, the year, the deadline as 发布日期 …);
//! - after `第`: article references of the edition that applies;
//! - in a table's first column: the standard labels of the matched table
//!   still missing, in table order, with the rest of the row (zeros) as a
//!   snippet; in the header, the standard column names; in the corner of a
//!   new table, the whole standard table;
//! - at the start of a line: the standard section headings the report lacks
//!   and whole standard tables of the report's format, filled with zeros.
//!
//! Chinese is typed through an input method, so matching is on the text as
//! typed (see [`super::analysis::matches`]), optionally on pinyin initials;
//! lists are marked incomplete so that the client asks again as typing
//! goes on.

use std::ops::Range;

use ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    CompletionTextEdit, Documentation, InsertTextFormat, MarkupContent, MarkupKind, TextEdit,
};
use tower_lsp_server::ls_types;

use super::analysis::{display_name, matches, Ctx, RowAt, TablePosition};
use nianbao_core::formats::{self, ValueKind};
use nianbao_core::model::front_matter::KEYS;
use nianbao_core::model::OrganKind;
use nianbao_core::semantic::FormatId;
use nianbao_core::tiaoli::{self, format_cn_number, ArticleRef, Organs};

pub fn completion(cx: &Ctx, params: &CompletionParams) -> Option<CompletionResponse> {
    let offset = cx.offset(params.text_document_position.position);
    let items = items(cx, offset)
        .into_iter()
        .map(|item| item.build(cx))
        .collect();
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: true,
        items,
    }))
}

/// A completion before conversion to the protocol.
struct Item {
    label: String,
    kind: CompletionItemKind,
    detail: Option<String>,
    doc: Option<String>,
    /// What replaces `range`; a snippet when `snippet` is set.
    insert: String,
    snippet: bool,
    range: Range<usize>,
    /// What was typed (for the filter text).
    typed: String,
    order: usize,
    preselect: bool,
}

impl Item {
    fn new(
        label: impl Into<String>,
        kind: CompletionItemKind,
        range: Range<usize>,
        typed: &str,
    ) -> Item {
        let label = label.into();
        Item {
            insert: label.clone(),
            label,
            kind,
            detail: None,
            doc: None,
            snippet: false,
            range,
            typed: typed.to_string(),
            order: 0,
            preselect: false,
        }
    }

    fn build(self, cx: &Ctx) -> CompletionItem {
        let documentation = self.doc.map(|d| {
            if cx.support.markdown_completion_docs {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: d,
                })
            } else {
                Documentation::String(d.replace("**", ""))
            }
        });
        // Clients filter on the text from the start of the edit to the
        // cursor: leading with what was typed keeps the item whatever the
        // client's matcher thinks of Chinese (the server has filtered).
        let filter = if self.typed.trim().is_empty() {
            self.label.clone()
        } else {
            format!("{}{}", self.typed, self.label)
        };
        let (insert, format) = if self.snippet && !cx.support.snippets {
            (strip_snippet(&self.insert), InsertTextFormat::PLAIN_TEXT)
        } else if self.snippet {
            (self.insert, InsertTextFormat::SNIPPET)
        } else {
            (self.insert, InsertTextFormat::PLAIN_TEXT)
        };
        CompletionItem {
            label: self.label,
            kind: Some(self.kind),
            detail: self.detail,
            documentation,
            sort_text: Some(format!("{:05}", self.order)),
            filter_text: Some(filter),
            insert_text_format: Some(format),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: cx.range(&self.range),
                new_text: insert,
            })),
            preselect: self.preselect.then_some(true),
            ..CompletionItem::default()
        }
    }
}

/// Escapes text for a snippet.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}

/// The plain text of a snippet: placeholders replaced by their defaults
/// (`${1:0}` → `0`, `${1|a,b|}` → `a`, `$1` → ``), escapes undone.
fn strip_snippet(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '$' if chars.get(i + 1) == Some(&'{') => {
                let close = chars[i..].iter().position(|&c| c == '}').map(|p| i + p);
                let Some(close) = close else {
                    out.push('$');
                    i += 1;
                    continue;
                };
                let inner: String = chars[i + 2..close].iter().collect();
                let body = inner.trim_start_matches(|c: char| c.is_ascii_digit());
                if let Some(default) = body.strip_prefix(':') {
                    out.push_str(default);
                } else if let Some(choices) = body.strip_prefix('|') {
                    out.push_str(
                        choices
                            .trim_end_matches('|')
                            .split(',')
                            .next()
                            .unwrap_or(""),
                    );
                }
                i = close + 1;
            }
            '$' if chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn items(cx: &Ctx, offset: usize) -> Vec<Item> {
    if let Some(items) = front_matter(cx, offset) {
        return items;
    }
    let line = cx.line(offset);
    let before = &cx.text()[line.start..offset.max(line.start)];
    if before.trim_start().starts_with("//") {
        return Vec::new();
    }
    if let Some(items) = articles(cx, offset, before) {
        return items;
    }
    if let Some(pos) = cx.table_position(offset) {
        return table(cx, &pos);
    }
    line_start(cx, offset, line.start)
}

fn keep(cx: &Ctx, typed: &str, label: &str) -> bool {
    matches(typed, label, cx.settings.pinyin)
}

// ---------------------------------------------------------------------------
// Front matter

fn front_matter(cx: &Ctx, offset: usize) -> Option<Vec<Item>> {
    let range = cx.report().front.range.clone()?;
    let text = cx.text();
    let line = cx.line(offset);
    // The line after the closing fence starts where the front matter ends.
    if line.start < range.start || line.start >= range.end {
        return None;
    }
    let content = &text[line.clone()];
    if content.trim() == "---" || content.trim_start().starts_with("//") {
        return Some(Vec::new());
    }
    let before = &text[line.start..offset];
    let colon = before.find([':', '：']);
    Some(match colon {
        None => {
            let indent = before.len() - before.trim_start().len();
            let typed = line.start + indent..offset;
            keys(cx, typed, &line)
        }
        Some(c) => {
            let key = before[..c].trim();
            let after = line.start + c + before[c..].chars().next().map_or(1, char::len_utf8);
            let gap = &text[after..offset];
            let typed = after + (gap.len() - gap.trim_start().len())..offset;
            values(cx, key, typed)
        }
    })
}

fn keys(cx: &Ctx, typed: Range<usize>, line: &Range<usize>) -> Vec<Item> {
    let t = &cx.text()[typed.clone()];
    let front = &cx.report().front;
    let year = default_year(cx);
    KEYS.iter()
        .enumerate()
        .filter(|(_, (key, _))| {
            !front
                .entries
                .iter()
                .any(|e| e.key == *key && e.line_range.start != line.start)
        })
        .filter(|(_, (key, _))| keep(cx, t, key))
        .map(|(i, (key, what))| {
            let value = match *key {
                "格式" => "${1|2021,2019,2014,无|}".to_string(),
                "条例" => "${1|2019,2007|}".to_string(),
                "机关类型" => "${1|人民政府,部门,其他|}".to_string(),
                "年度" => format!("${{1:{year}}}"),
                "发布日期" => "${1:YYYY-MM-DD}".to_string(),
                "统计期限" => format!("${{1:{year}-01-01至{year}-12-31}}"),
                _ => "$1".to_string(),
            };
            let mut item = Item::new(*key, CompletionItemKind::PROPERTY, typed.clone(), t);
            item.insert = format!("{key}: {value}");
            item.snippet = true;
            item.doc = Some(what.to_string());
            item.order = i;
            item
        })
        .collect()
}

/// The report year, or failing that last year.
fn default_year(cx: &Ctx) -> i32 {
    cx.report().front.year().unwrap_or_else(|| today().0 - 1)
}

fn values(cx: &Ctx, key: &str, typed: Range<usize>) -> Vec<Item> {
    let t = cx.text()[typed.clone()].to_string();
    let front = &cx.report().front;
    let year = front.year();
    let mut out: Vec<(String, Option<String>, Option<String>, bool)> = Vec::new();
    match key {
        "格式" => {
            let expected = year.map(FormatId::for_year);
            for (id, name) in [
                (FormatId::Gov2021, "2021"),
                (FormatId::Gov2019, "2019"),
                (FormatId::Stat2014, "2014"),
                (FormatId::None, "无"),
            ] {
                let doc = match id.data() {
                    Some(f) => format!(
                        "**{}**（{}）\n\n适用于{}年度{}",
                        f.name,
                        f.doc_no,
                        f.years.from,
                        f.years
                            .to
                            .map_or("起".to_string(), |to| format!("至{to}年度"))
                    ),
                    None => "2014年度以前：没有全国统一的表格".to_string(),
                };
                out.push((
                    name.into(),
                    Some(id.describe().into()),
                    Some(doc),
                    expected == Some(id),
                ));
            }
        }
        "条例" => {
            let expected = year.map(tiaoli::edition_for_year);
            for edition in tiaoli::Edition::ALL.iter().rev() {
                let law = edition.text();
                let doc = format!(
                    "《{}》（{}，{}起施行）",
                    law.title, law.promulgation, law.effective
                );
                out.push((
                    edition.id().into(),
                    Some(law.promulgation.clone()),
                    Some(doc),
                    expected == Some(*edition),
                ));
            }
        }
        "机关类型" => {
            let law = cx.edition().text();
            for (value, organs) in [
                ("人民政府", Organs::Government),
                ("部门", Organs::Department),
                ("其他", Organs::All),
            ] {
                let deadline = law
                    .annual_report
                    .deadline_for(organs)
                    .unwrap_or_else(|| law.annual_report.latest_deadline());
                let doc = format!(
                    "发布期限：次年{}月{}日（{}年《条例》{}：{}）",
                    deadline.month,
                    deadline.day,
                    law.edition.id(),
                    deadline.reference,
                    deadline.rule
                );
                out.push((value.into(), None, Some(doc), false));
            }
        }
        "年度" => {
            let mut years = Vec::new();
            if let Some(title) = front.title() {
                years.extend(four_digit_years(title));
            }
            if let Some(p) = front.published() {
                years.push(p.year - 1);
            }
            years.push(today().0 - 1);
            years.dedup();
            let mut seen = Vec::new();
            for y in years {
                if !seen.contains(&y) {
                    seen.push(y);
                    out.push((y.to_string(), None, None, seen.len() == 1));
                }
            }
        }
        "发布日期" => {
            if let Some(y) = year {
                let law = cx.edition().text();
                let kind = match front.organ_kind() {
                    Some(OrganKind::Government) => Organs::Government,
                    Some(OrganKind::Department) => Organs::Department,
                    _ => Organs::All,
                };
                let deadline = law
                    .annual_report
                    .deadline_for(kind)
                    .unwrap_or_else(|| law.annual_report.latest_deadline());
                let (dy, dm, dd) = deadline.date_for(y);
                out.push((
                    format!("{dy:04}-{dm:02}-{dd:02}"),
                    Some("法定期限".into()),
                    Some(format!(
                        "{}年《条例》{}：{}",
                        law.edition.id(),
                        deadline.reference,
                        deadline.rule
                    )),
                    false,
                ));
            }
            let (ty, tm, td) = today();
            out.push((
                format!("{ty:04}-{tm:02}-{td:02}"),
                Some("今天".into()),
                None,
                false,
            ));
        }
        "统计期限" => {
            if let Some(y) = year {
                out.push((
                    format!("{y}-01-01至{y}-12-31"),
                    Some("年度全年".into()),
                    None,
                    true,
                ));
            }
        }
        "标题" => {
            if let (Some(organ), Some(y)) = (front.organ(), year) {
                out.push((
                    format!("{organ}{y}年政府信息公开工作年度报告"),
                    None,
                    None,
                    true,
                ));
            }
        }
        "机关" => {
            if let Some(title) = front.title() {
                if let Some(i) = title.find(|c: char| c.is_ascii_digit()) {
                    let organ = title[..i].trim();
                    if !organ.is_empty() {
                        out.push((organ.to_string(), None, None, true));
                    }
                }
            }
        }
        _ => {}
    }
    out.into_iter()
        .enumerate()
        .filter(|(_, (label, ..))| keep(cx, &t, label))
        .map(|(i, (label, detail, doc, preselect))| {
            let mut item = Item::new(label, CompletionItemKind::VALUE, typed.clone(), &t);
            item.detail = detail;
            item.doc = doc;
            item.order = i;
            item.preselect = preselect;
            item
        })
        .collect()
}

fn four_digit_years(s: &str) -> Vec<i32> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            if let Ok(y) = s[i..i + 4].parse::<i32>() {
                if (1990..=2100).contains(&y) {
                    out.push(y);
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// Today's civil date (UTC), for 发布日期 and the default year.
fn today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

// ---------------------------------------------------------------------------
// Article references

/// Characters an article reference is typed with after `第`.
fn in_reference(c: char) -> bool {
    c.is_ascii_digit()
        || nianbao_core::tiaoli::parse_cn_number(&c.to_string()).is_some()
        || "零〇两（）()条款项目第".contains(c)
}

fn articles(cx: &Ctx, offset: usize, before: &str) -> Option<Vec<Item>> {
    let tail_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| in_reference(*c))
        .last()
        .map(|(i, _)| i)?;
    let tail = &before[tail_start..];
    let first = tail.find('第')?;
    let typed = &tail[first..];
    let start = offset - typed.len();
    let range = start..offset;
    let law = cx.edition().text();
    let digits: String = typed
        .trim_start_matches('第')
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let written_article = typed.contains('条');
    let mut out = Vec::new();
    let mut order = 0;
    for article in &law.articles {
        let label = article.label();
        let chapter = law
            .chapter_of(article.number)
            .map(|c| c.heading())
            .unwrap_or_default();
        let number_typed = !digits.is_empty()
            && typed.trim_start_matches('第').len() == digits.len()
            && article.number.to_string().starts_with(&digits);
        if !written_article {
            if label.starts_with(typed) || number_typed {
                let mut item = Item::new(
                    label.clone(),
                    CompletionItemKind::REFERENCE,
                    range.clone(),
                    typed,
                );
                item.detail = Some(format!("{}年《条例》{chapter}", law.edition.id()));
                item.doc = Some(article_doc(&label, article.text()));
                item.order = order;
                out.push(item);
            }
            order += 1;
            continue;
        }
        // 第五十条… typed: this article's 款 and 项.
        let parsed = nianbao_core::tiaoli::parse_reference_prefix(typed).map(|(r, _)| r.article);
        if parsed != Some(article.number) {
            continue;
        }
        let mut refs = vec![ArticleRef::article(article.number)];
        let enumerating = article
            .clauses
            .iter()
            .filter(|c| !c.items.is_empty())
            .count();
        for (k, clause) in article.clauses.iter().enumerate() {
            if article.clauses.len() > 1 {
                refs.push(ArticleRef {
                    article: article.number,
                    clause: Some(k as u32 + 1),
                    item: None,
                });
            }
            for m in 0..clause.items.len() {
                refs.push(ArticleRef {
                    article: article.number,
                    clause: (enumerating > 1).then_some(k as u32 + 1),
                    item: Some(m as u32 + 1),
                });
            }
        }
        for r in refs {
            let label = r.to_string();
            if !label.starts_with(typed) && !keep(cx, typed, &label) {
                continue;
            }
            let Ok(passage) = law.lookup(&r) else {
                continue;
            };
            let mut item = Item::new(
                label.clone(),
                CompletionItemKind::REFERENCE,
                range.clone(),
                typed,
            );
            item.detail = Some(format!("{}年《条例》", law.edition.id()));
            item.doc = Some(article_doc(&label, passage.text()));
            item.order = order;
            order += 1;
            out.push(item);
        }
    }
    Some(out)
}

fn article_doc(label: &str, text: &str) -> String {
    format!("**{label}**\n\n{}", text.replace('\n', "\n\n"))
}

// ---------------------------------------------------------------------------
// Tables

fn table(cx: &Ctx, pos: &TablePosition) -> Vec<Item> {
    let text = cx.text();
    let typed = &text[pos.typed.clone()];
    // The cell's current content after the cursor, up to the next pipe, is
    // replaced too (completing a label in a row that has figures already).
    let cell_end = match pos.next_pipe {
        Some(p) => {
            let content = &text[pos.typed.end..p];
            pos.typed.end + content.trim_end().len()
        }
        None => pos.line.end,
    };
    let range = pos.typed.start..cell_end;
    let std = pos.table.and_then(|t| cx.standard(t));
    match (pos.row, pos.cell) {
        (RowAt::Header, 0) => {
            let bare = pos
                .table
                .is_none_or(|t| cx.report().tables[t].rows.is_empty());
            corners(cx, typed, range, bare && pos.rest_is_empty)
        }
        (RowAt::Header, c) => {
            let Some(std) = std else { return Vec::new() };
            let present: Vec<&str> = std
                .columns
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != c)
                .filter_map(|(_, k)| *k)
                .collect();
            std.table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, col)| !present.contains(&col.key.as_str()))
                .filter(|(_, col)| keep(cx, typed, &col.label))
                .map(|(i, col)| {
                    let mut item = Item::new(
                        col.label.clone(),
                        CompletionItemKind::FIELD,
                        range.clone(),
                        typed,
                    );
                    if pos.rest_is_empty {
                        item.insert = format!("{} |", col.label);
                    }
                    item.detail = Some(std.display_name());
                    item.doc = column_doc(col);
                    item.order = i;
                    item
                })
                .collect()
        }
        (RowAt::Data(_) | RowAt::Other, 0) => {
            let Some(std) = std else { return Vec::new() };
            let current = match pos.row {
                RowAt::Data(i) => Some(i),
                _ => None,
            };
            let present: Vec<&str> = std
                .rows
                .iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != current)
                .filter_map(|(_, k)| *k)
                .collect();
            let table = pos.table.map(|t| &cx.report().tables[t]);
            // The figure columns as written (else the standard ones).
            let columns: Vec<Option<&formats::Column>> = match table {
                Some(t) if t.header.cells.len() > 1 => (1..t.header.cells.len())
                    .map(|i| {
                        std.columns
                            .get(i)
                            .copied()
                            .flatten()
                            .and_then(|k| std.table.column(k))
                    })
                    .collect(),
                _ => std.table.columns.iter().map(Some).collect(),
            };
            std.table
                .rows
                .iter()
                .enumerate()
                .filter(|(_, row)| !present.contains(&row.key.as_str()))
                .filter(|(_, row)| keep(cx, typed, &row.label))
                .map(|(i, row)| {
                    let mut item = Item::new(
                        row.label.clone(),
                        CompletionItemKind::ENUM_MEMBER,
                        range.clone(),
                        typed,
                    );
                    if pos.rest_is_empty {
                        item.insert = row_snippet(std.table, row, &columns);
                        item.snippet = true;
                    }
                    item.detail = Some(if row.group {
                        format!("{}（分组行）", std.display_name())
                    } else {
                        std.display_name()
                    });
                    item.doc = row_doc(row);
                    item.order = i;
                    item
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// `label | ${1:0} | ${2:0} |`: the rest of a standard row, zeros to fill.
fn row_snippet(
    table: &formats::Table,
    row: &formats::Row,
    columns: &[Option<&formats::Column>],
) -> String {
    let mut s = esc(&row.label);
    s.push_str(" |");
    let mut stop = 1;
    for col in columns {
        if row.group {
            s.push_str(" |");
            continue;
        }
        let fill = match col {
            Some(c) if c.kind == ValueKind::Text => {
                table.cell_unit(&row.key, &c.key).unwrap_or("").to_string()
            }
            _ => "0".to_string(),
        };
        s.push_str(&format!(" ${{{stop}:{}}} |", esc(&fill)));
        stop += 1;
    }
    s
}

fn row_doc(row: &formats::Row) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(c) = &row.counts {
        parts.push(format!("统计：{c}"));
    }
    if let Some(n) = &row.note {
        parts.push(format!("说明：{n}"));
    }
    let refs: Vec<String> = row
        .articles
        .iter()
        .map(|a| a.reference.to_string())
        .collect();
    if !refs.is_empty() {
        parts.push(format!("对应《条例》{}", refs.join("、")));
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

fn column_doc(col: &formats::Column) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(g) = &col.group {
        parts.push(format!("属于“{g}”"));
    }
    if let Some(c) = &col.counts {
        parts.push(format!("统计：{c}"));
    }
    if let Some(u) = &col.unit {
        parts.push(format!("单位：{u}"));
    }
    if let Some(n) = &col.note {
        parts.push(format!("说明：{n}"));
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// A standard table as markup, aligned, without its final line break.
fn table_text(table: &formats::Table) -> String {
    let markup = nianbao_core::template::table_markup(table, "0");
    nianbao_core::fmt::format(&markup).trim_end().to_string()
}

/// The tables already in the report (by standard id).
fn present_tables(cx: &Ctx) -> Vec<&'static str> {
    cx.checked()
        .bindings
        .iter()
        .flatten()
        .map(|b| b.table.id.as_str())
        .collect()
}

fn corners(cx: &Ctx, typed: &str, range: Range<usize>, whole: bool) -> Vec<Item> {
    let Some(format) = cx.format() else {
        return Vec::new();
    };
    let present = present_tables(cx);
    format
        .tables
        .iter()
        .enumerate()
        .filter(|(_, t)| keep(cx, typed, &t.corner) || keep(cx, typed, &t.name))
        .map(|(i, t)| {
            let mut item = Item::new(
                t.corner.clone(),
                CompletionItemKind::SNIPPET,
                range.clone(),
                typed,
            );
            if whole {
                // The line already starts with the pipe.
                let body = table_text(t);
                item.insert = body.trim_start_matches('|').trim_start().to_string();
                item.detail = Some(format!("插入整张{}（数字为 0）", display_name(t)));
            } else {
                item.detail = Some(display_name(t));
            }
            item.order = i + if present.contains(&t.id.as_str()) {
                100
            } else {
                0
            };
            item
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Line starts: headings and whole tables

fn line_start(cx: &Ctx, offset: usize, line_start: usize) -> Vec<Item> {
    let text = cx.text();
    let line = cx.line(offset);
    let before = &text[line_start..offset];
    let indent = before.len() - before.trim_start().len();
    let typed = before.trim_start();
    let rest_empty = text[offset..line.end].trim().is_empty();
    let heading_typed = typed.starts_with('#');
    // Plain words at a line start may be the first words of a paragraph:
    // offer headings for a few characters at most.
    if !rest_empty || (!heading_typed && typed.chars().count() > 8) {
        return Vec::new();
    }
    let range = line_start + indent..offset;
    let words = typed.trim_start_matches('#').trim_start();
    let report = cx.report();
    let mut out = Vec::new();

    // The section the cursor is in (top level), matched to the format.
    let here = report
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.range.start <= offset && offset <= s.range.end)
        .map(|(i, _)| report.top_section(i))
        .next();
    let format = cx
        .format()
        .filter(|_| cx.checked().format != FormatId::Stat2014);
    let matched = format.map_or_else(Vec::new, |f| {
        nianbao_core::semantic::sections::matched_sections(report, f)
    });
    let here_section = here.and_then(|h| matched.iter().find(|(i, _)| *i == h).map(|(_, s)| *s));

    if let Some(f) = format {
        for (k, section) in f.sections.iter().enumerate() {
            if matched.iter().any(|(_, s)| s.no == section.no) {
                continue;
            }
            let heading = format!("# {}、{}", section.no, section.title);
            if !keep(cx, words, &heading) {
                continue;
            }
            let mut item = Item::new(
                heading.clone(),
                CompletionItemKind::MODULE,
                range.clone(),
                typed,
            );
            item.detail = Some(format!("{}规定的章节", f.short));
            item.doc = section_doc(cx, section);
            item.order = k;
            out.push(item);
        }
        if let Some(section) = here_section {
            let subs: Vec<&str> = report
                .sections
                .iter()
                .filter(|s| {
                    s.level == 2
                        && s.range.start >= report.sections[here.expect("matched")].range.start
                        && s.range.end <= report.sections[here.expect("matched")].range.end
                })
                .map(|s| s.title.as_str())
                .collect();
            for (k, sub) in section.subsections.iter().enumerate() {
                let written = subs.iter().any(|s| {
                    section
                        .match_subsection(s)
                        .is_some_and(|m| m.subsection.no == sub.no && m.is_plausible())
                });
                if written {
                    continue;
                }
                let heading = format!("## {}{}", sub.no, sub.title);
                if !keep(cx, words, &heading) {
                    continue;
                }
                let mut item = Item::new(heading, CompletionItemKind::MODULE, range.clone(), typed);
                item.detail = Some(format!("“{}、{}”下的小节", section.no, section.title));
                item.order = 20 + k;
                out.push(item);
            }
        }
    } else if cx.checked().format == FormatId::Stat2014 || cx.checked().format == FormatId::None {
        // 2007 条例: six contents, no prescribed headings.
        let law = cx.edition().text();
        let headings: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
        for (k, item) in law.annual_report.contents_for(Organs::All).enumerate() {
            let present = item
                .keywords
                .iter()
                .any(|kw| headings.iter().any(|h| h.contains(kw.as_str())));
            if present {
                continue;
            }
            let heading = format!("# {}、{}", format_cn_number(k as u32 + 1), item.title);
            if !keep(cx, words, &heading) {
                continue;
            }
            let mut c = Item::new(heading, CompletionItemKind::MODULE, range.clone(), typed);
            c.detail = Some(format!("{}年《条例》{}", law.edition.id(), item.reference));
            c.order = k;
            out.push(c);
        }
    }

    // Whole standard tables, those of the current section first.
    if !heading_typed {
        if let Some(f) = cx.format() {
            let present = present_tables(cx);
            for (k, t) in f.tables.iter().enumerate() {
                let name = display_name(t);
                if !keep(cx, words, &name) && !keep(cx, words, &t.corner) {
                    continue;
                }
                let in_here = here_section.is_some_and(|s| s.tables.contains(&t.id));
                let mut item = Item::new(
                    format!("{name}（整表）"),
                    CompletionItemKind::SNIPPET,
                    range.clone(),
                    typed,
                );
                item.insert = table_text(t);
                item.detail = Some(format!("{}，数字为 0", f.short));
                item.doc = Some(format!("```\n{}\n```", item.insert));
                item.order = 40
                    + k
                    + if in_here { 0 } else { 20 }
                    + if present.contains(&t.id.as_str()) {
                        40
                    } else {
                        0
                    };
                out.push(item);
            }
        }
    }

    // A front matter for a report that has none.
    if report.front.range.is_none() && line_start == 0 && !heading_typed {
        let year = default_year(cx);
        let mut item = Item::new(
            "---（文件头）",
            CompletionItemKind::SNIPPET,
            range.clone(),
            typed,
        );
        item.insert = format!(
            "---\n标题: ${{1:某县{year}年政府信息公开工作年度报告}}\n机关: ${{2:某县人民政府}}\n机关类型: ${{3|人民政府,部门,其他|}}\n年度: ${{4:{year}}}\n发布日期: ${{5:YYYY-MM-DD}}\n---\n"
        );
        item.snippet = true;
        item.order = 0;
        out.push(item);
    }
    out
}

fn section_doc(cx: &Ctx, section: &formats::Section) -> Option<String> {
    let mut parts = Vec::new();
    for a in &section.articles {
        let text = tiaoli::lookup(cx.edition(), &a.reference)
            .map(|p| p.text().to_string())
            .unwrap_or_default();
        parts.push(format!(
            "{}年《条例》**{}**：{}",
            cx.edition().id(),
            a.reference,
            text
        ));
    }
    if !section.tables.is_empty() {
        let names: Vec<String> = section
            .tables
            .iter()
            .filter_map(|id| cx.format()?.table(id))
            .map(display_name)
            .collect();
        parts.push(format!("本节的标准表：{}", names.join("、")));
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_degrade_to_plain_text() {
        assert_eq!(strip_snippet("a | ${1:0} | ${2:条} |"), "a | 0 | 条 |");
        assert_eq!(strip_snippet("格式: ${1|2021,2019|}"), "格式: 2021");
        assert_eq!(strip_snippet("x: $1"), "x: ");
        assert_eq!(strip_snippet(&esc("a$b}")), "a$b}");
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_772), (2024, 2, 19));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn years_in_titles() {
        assert_eq!(
            four_digit_years("绥中县2023年政府信息公开工作年度报告"),
            vec![2023]
        );
        assert!(four_digit_years("12345").is_empty());
    }
}
