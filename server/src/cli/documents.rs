//! `nianbao check` on published documents: text pages, saved HTML, Word (DOCX) and PDF files are imported in
//! memory and checked like markup. Each finding on such a document names the source file (the path stays the
//! document's, so JSON keeps its schema) and quotes where it is in the original — the sentence, or the table,
//! row and column labels — because line numbers of the imported markup mean nothing in a PDF.
//! `.nianbao` files (and standard input) are read exactly as before.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use nianbao_core::diagnostic::Diagnostic;
use nianbao_core::workspace::{self, Load};
use nianbao_import::{self as import, Options};

use super::error::CliError;
use super::output::CheckedFile;

/// Extensions of published documents: imported before checking.
const DOCUMENTS: [&str; 9] = [
    "txt", "text", "htm", "html", "shtml", "xhtml", "docx", "pdf", "doc",
];
/// Legacy WPS documents are refused with what to do, like `.doc`.
const LEGACY: [&str; 1] = ["wps"];

/// How a file named or found is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Markup, read as it is (`.nianbao`, standard input, any file named directly that is not a document).
    Markup,
    /// A published document, imported in memory; `in_folder` when found in a folder (then a page that
    /// does not look like a report is skipped).
    Document { in_folder: bool },
    /// A document next to a `.nianbao` of the same name (already imported): skipped.
    Imported,
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

fn is_document(path: &Path) -> bool {
    extension(path).is_some_and(|e| DOCUMENTS.contains(&e.as_str()) || LEGACY.contains(&e.as_str()))
}

/// Markup saved under a `.txt` name: it starts with the front matter.
fn is_markup(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    bytes.starts_with(b"---\n") || bytes.starts_with(b"---\r\n")
}

/// The files the paths given to `check` name, in order (folders sorted), held compactly
/// ([`workspace::Paths`]), and how each file that is not markup is read (of a path named twice, the kind
/// given last that is not markup). Files named directly are taken as they are: documents imported, anything else read as
/// markup. Folders give their `.nianbao` files and their documents, except a document next to a `.nianbao`
/// of the same name (already imported) and, in folders, documents that do not look like a report at all (a
/// README; found when imported).
pub fn list(paths: &[PathBuf]) -> Result<(workspace::Paths, HashMap<PathBuf, Kind>), CliError> {
    let mut out = workspace::Paths::default();
    let mut kinds = HashMap::new();
    let mut add = |path: PathBuf, kind: Kind| {
        out.push(&path);
        if kind != Kind::Markup {
            kinds.insert(path, kind);
        }
    };
    for path in paths {
        if path.is_dir() {
            let wanted = |p: &Path| workspace::is_report(p) || is_document(p);
            let walked = workspace::expand_with(
                std::slice::from_ref(path),
                &wanted,
                workspace::follow_symlinks(),
            )
            .map_err(|source| CliError::Folder {
                path: path.clone(),
                source,
            })?;
            for file in walked.files.iter() {
                let kind = if workspace::is_report(&file) {
                    Kind::Markup
                } else if file.with_extension("nianbao").exists() {
                    Kind::Imported
                } else {
                    Kind::Document { in_folder: true }
                };
                add(file, kind);
            }
        } else if path.as_os_str() != "-" && !path.exists() {
            return Err(CliError::NotFound(path.clone()));
        } else if path.as_os_str() != "-" && is_document(path) {
            add(path.clone(), Kind::Document { in_folder: false });
        } else {
            add(path.clone(), Kind::Markup);
        }
    }
    Ok((out, kinds))
}

/// Reads one file for the check (on a worker thread): markup as read, a document imported (`save` keeps
/// the imported markup). Messages for the user (lines for standard error, errors starting with `错误：`)
/// come back with the text.
pub fn load(path: &Path, kind: Kind, save: Option<&Path>) -> Load {
    match kind {
        Kind::Markup => workspace::load_markup(path),
        Kind::Imported => Load::Skipped(format!("{}（旁边已有同名 .nianbao）", path.display())),
        Kind::Document { in_folder } => document(path, save, in_folder),
    }
}

fn document(path: &Path, save: Option<&Path>, in_folder: bool) -> Load {
    let bytes = match super::import::read(path) {
        Ok(b) => b,
        Err(err) => return Load::Unreadable(err.to_string()),
    };
    if extension(path).as_deref() == Some("txt") && is_markup(&bytes) {
        return workspace::load_markup(path);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_string());
    let result = match import::import_document(
        &bytes,
        &Options {
            source_name: name,
            html: None,
        },
    ) {
        Ok(r) => r,
        Err(refusal) => return Load::Unreadable(format!("{}：{refusal}", path.display())),
    };
    if in_folder && !looks_like_report(&result) {
        return Load::Skipped(format!("{}（不像政府信息公开年度报告）", path.display()));
    }
    let mut notes = Vec::new();
    if !result.losses.is_empty() {
        notes.push(format!(
            "注意：{} 有 {} 个正文数字未能导入（用 nianbao import -v 查看）",
            path.display(),
            result.losses.len()
        ));
    }
    if let Some(dir) = save {
        let name = path
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("stdin"))
            .with_extension("nianbao");
        let out = dir.join(name);
        let written =
            std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&out, &result.markup));
        if let Err(e) = written {
            notes.push(format!("错误：无法写入 {}：{e}", out.display()));
        }
    }
    Load::Text {
        text: result.markup,
        imported: true,
        notes,
    }
}

/// A page of a folder is checked when it reads as an annual report: a standard table, the format, the words of
/// the title, or the report's own sections.
fn looks_like_report(result: &import::Imported) -> bool {
    let m = &result.markup;
    !result.tables.is_empty()
        || result.meta.format.is_some()
        || m.contains("信息公开") && (result.meta.year.is_some() || m.contains("年度报告"))
        || m.contains("主动公开") && m.contains("信息公开申请")
}

/// Why a folder gave nothing to check.
pub fn nothing_found(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    format!(
        "{} 中没有年度报告（.nianbao 标记，或 .txt、.html、.htm、.docx、.pdf 文档）",
        names.join("、")
    )
}

/// Adds to each finding on an imported document where it is in the original.
pub fn annotate(file: &mut CheckedFile) {
    for d in &mut file.diagnostics {
        if let Some(quote) = quote(&file.text, d) {
            d.message.push_str(&format!("［原文：{quote}］"));
        }
    }
}

/// The sentence around the finding, or the table, row and column it is in.
fn quote(markup: &str, d: &Diagnostic) -> Option<String> {
    let start = d.range.start.min(markup.len());
    let line_start = markup[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = markup[start..]
        .find('\n')
        .map_or(markup.len(), |i| start + i);
    let line = &markup[line_start..line_end];
    if line.trim_start().starts_with('|') {
        return Some(cell_labels(markup, line_start, start - line_start));
    }
    // The front matter is the importer's, not the document's: nothing to quote there.
    let body_start = markup.strip_prefix("---\n").map_or(0, |rest| {
        if rest.starts_with("---\n") {
            8
        } else {
            rest.find("\n---\n").map_or(0, |i| 4 + i + 5)
        }
    });
    if line_start < body_start || line.trim().is_empty() || line.trim_start().starts_with("//") {
        return None;
    }
    let text = line.trim_start_matches('#').trim();
    if text.is_empty() {
        return None;
    }
    let at = (start - line_start)
        .saturating_sub(line.len() - line.trim_start_matches('#').trim_start().len());
    Some(format!("“{}”", sentence(text, at.min(text.len()))))
}

/// The sentence of `text` holding byte `at`, shortened to about 80 characters around it.
fn sentence(text: &str, at: usize) -> String {
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let ends = ['。', '；', '！', '？'];
    let from = text[..at].rfind(ends).map_or(0, |i| i + '。'.len_utf8());
    let to = text[at..]
        .find(ends)
        .map_or(text.len(), |i| at + i + '。'.len_utf8());
    let s: Vec<char> = text[from..to].trim().chars().collect();
    if s.len() <= 80 {
        return s.into_iter().collect();
    }
    // Keep the part around the finding.
    let pos = text[from..at].chars().count();
    let lo = pos.saturating_sub(40);
    let hi = (lo + 80).min(s.len());
    let mut out: String = s[lo..hi].iter().collect();
    if lo > 0 {
        out.insert(0, '…');
    }
    if hi < s.len() {
        out.push('…');
    }
    out
}

fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_rule(line: &str) -> bool {
    cells(line)
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

fn is_figure(cell: &str) -> bool {
    !cell.is_empty()
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%' | '—' | '/'))
}

/// "表「申请人情况」（三、收到和处理政府信息公开申请情况），行“(三)不予公开 › 1.属于国家秘密”，列“自然人”".
fn cell_labels(markup: &str, line_start: usize, offset: usize) -> String {
    let lines: Vec<(usize, &str)> = {
        let mut at = 0;
        markup
            .split('\n')
            .map(|l| {
                let here = at;
                at += l.len() + 1;
                (here, l)
            })
            .collect()
    };
    let Some(k) = lines.iter().position(|(at, _)| *at == line_start) else {
        return "表格中".to_string();
    };
    let is_row = |l: &str| l.trim_start().starts_with('|');
    let mut first = k;
    while first > 0 && is_row(lines[first - 1].1) {
        first -= 1;
    }
    let header = cells(lines[first].1);
    let row_text = lines[k].1;
    let row = cells(row_text);
    let column = row_text[..offset.min(row_text.len())]
        .matches('|')
        .count()
        .saturating_sub(1);
    // The section the table stands in.
    let section = lines[..first]
        .iter()
        .rev()
        .map(|(_, l)| l.trim())
        .find(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim().to_string());
    let mut out = format!("表“{}”", header.first().cloned().unwrap_or_default());
    if let Some(s) = section {
        out.push_str(&format!("（{s}）"));
    }
    if k == first || is_rule(row_text) {
        if let Some(h) = header.get(column).filter(|h| !h.is_empty()) {
            out.push_str(&format!("，表头“{h}”"));
        }
        return out;
    }
    // The row label and the group it belongs to (the nearest row above whose figures are all blank).
    let label = row.first().cloned().unwrap_or_default();
    let group = lines[first + 1..k]
        .iter()
        .rev()
        .map(|(_, l)| cells(l))
        .find(|c| c.len() > 1 && !c[0].is_empty() && c[1..].iter().all(String::is_empty))
        .map(|c| c[0].clone())
        .filter(|g| label.starts_with(|c: char| c.is_ascii_digit()) && !is_figure(g));
    let mut path = String::new();
    if let Some(g) = group {
        path.push_str(&g);
        path.push_str(" › ");
    }
    path.push_str(&label);
    out.push_str(&format!("，行“{path}”"));
    if column > 0 {
        if let Some(h) = header.get(column).filter(|h| !h.is_empty()) {
            out.push_str(&format!("，列“{h}”"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::diagnostic::Severity;

    const MARKUP: &str = "---\n年度: 2023\n---\n\n# 一、总体情况\n\n全年共发布信息100条。其中政策文件30条，动态80条。再说一句。\n\n# 三、收到和处理政府信息公开申请情况\n\n| 申请人情况 | 自然人 | 总计 |\n| --- | ---: | ---: |\n| 一、本年新收政府信息公开申请数量 | 3 | 3 |\n| (三)不予公开 | | |\n| 1.属于国家秘密 | 0 | 1 |\n";

    fn at(needle: &str) -> Diagnostic {
        let start = MARKUP.find(needle).unwrap();
        Diagnostic::new(
            nianbao_core::rules::Code::TableSum,
            Severity::Error,
            start..start + needle.len(),
            "m",
        )
    }

    #[test]
    fn findings_quote_the_sentence_or_the_cell() {
        assert_eq!(
            quote(MARKUP, &at("80条")).unwrap(),
            "“其中政策文件30条，动态80条。”"
        );
        assert_eq!(
            quote(MARKUP, &at("0 | 1 |")).unwrap(),
            "表“申请人情况”（三、收到和处理政府信息公开申请情况），行“(三)不予公开 › 1.属于国家秘密”，列“自然人”"
        );
        assert_eq!(
            quote(MARKUP, &at("3 | 3")).unwrap(),
            "表“申请人情况”（三、收到和处理政府信息公开申请情况），行“一、本年新收政府信息公开申请数量”，列“自然人”"
        );
        assert_eq!(quote(MARKUP, &at("年度: 2023")), None);
        let empty = "---\n---\n正文。\n";
        let d = Diagnostic::new(
            nianbao_core::rules::Code::TableSum,
            Severity::Error,
            0..3,
            "m",
        );
        assert_eq!(quote(empty, &d), None);
    }
}
