//! Rendering check results: human (annotated snippets), JSON (versioned
//! schema, see docs/rules.md), SARIF 2.1.0 and GitHub workflow annotations.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use serde_json::{json, Value};

use nianbao_core::diagnostic::{Diagnostic, RelatedElsewhere, Severity};
use nianbao_core::position::{Encoding, LineIndex};
use nianbao_core::rules::Code;

/// Version of the JSON output schema; bump on incompatible changes.
pub const JSON_SCHEMA_VERSION: u32 = 1;

pub struct CheckedFile {
    pub path: PathBuf,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn display_path(path: &std::path::Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Counts by severity over all files.
pub fn counts(files: &[CheckedFile]) -> [usize; 4] {
    let mut c = [0; 4];
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        c[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
            Severity::Hint => 3,
        }] += 1;
    }
    c
}

/// The human format, laid out as set for this process (`--width`, `--color`; see [`super::human`]).
pub fn human(files: &[CheckedFile]) -> String {
    human_with(files, &super::human::options())
}

/// The human format: every finding as an excerpt that fits `options.width`, then the summary.
pub fn human_with(files: &[CheckedFile], options: &super::human::HumanOptions) -> String {
    let findings: Vec<super::human::FileFindings<'_>> = files
        .iter()
        .map(|f| super::human::FileFindings {
            path: display_path(&f.path),
            text: &f.text,
            diagnostics: &f.diagnostics,
        })
        .collect();
    let mut out = super::human::render(&findings, options);
    if files.len() > 1 {
        out.push_str(&summary_with_width(files, options.width));
    }
    let [e, w, i, h] = counts(files);
    out.push_str(&format!(
        "检查了 {} 个文件：{e} 个错误，{w} 个警告，{i} 个提示，{h} 个建议\n",
        files.len()
    ));
    out
}

/// Per file: counts by severity and by rule; then the counts by rule over all files (laid out for the
/// width of the human format).
pub fn summary(files: &[CheckedFile]) -> String {
    summary_with_width(files, super::human::options().width)
}

/// Words joined by spaces, wrapped to `width` columns; continuation lines start with `indent` spaces.
fn wrap_words(words: &[String], first: usize, width: usize, indent: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    let mut column = first;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            if column + 1 + word.width() > width {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                column = indent;
            } else {
                out.push(' ');
                column += 1;
            }
        }
        out.push_str(word);
        column += word.width();
    }
    out
}

/// What the summary that ends the human output shows of one file.
pub struct SummaryRow {
    pub name: String,
    pub counts: [usize; 4],
    pub by_rule: BTreeMap<&'static str, usize>,
}

impl SummaryRow {
    pub fn of(file: &CheckedFile) -> SummaryRow {
        let mut by_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
        for d in &file.diagnostics {
            *by_rule.entry(d.code.as_str()).or_default() += 1;
        }
        SummaryRow {
            name: display_path(&file.path),
            counts: counts(std::slice::from_ref(file)),
            by_rule,
        }
    }
}

/// [`summary`] for a given width: the rules of a file wrap under their column, "按规则" under itself.
pub fn summary_with_width(files: &[CheckedFile], width: usize) -> String {
    let rows: Vec<SummaryRow> = files.iter().map(SummaryRow::of).collect();
    summary_rows(&rows, width)
}

/// [`summary_with_width`] of the files' summary rows.
pub fn summary_rows(rows: &[SummaryRow], width: usize) -> String {
    let mut table = SummaryTable::new(rows.iter().map(SummaryRow::name_width), width);
    let mut out = table.head();
    for row in rows {
        out.push_str(&table.row(row));
    }
    out.push_str(&table.tail());
    out
}

/// The summary table written row by row (the rows need not all be held):
/// laid out for the widest name, given first.
pub struct SummaryTable {
    name_width: usize,
    width: usize,
    /// Where the rules column starts.
    rules_column: usize,
    indent: usize,
    /// Findings by rule over the rows so far.
    all: BTreeMap<&'static str, usize>,
}

impl SummaryRow {
    pub fn name_width(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
        self.name.width()
    }
}

impl SummaryTable {
    /// `names`: the display width of every row's name.
    pub fn new(names: impl Iterator<Item = usize>, width: usize) -> SummaryTable {
        let name_width = names.chain(std::iter::once(4)).max().unwrap_or(4);
        // Where the rules column starts; when that leaves too little room, rules wrap to a narrow indent.
        let rules_column = name_width + 26;
        let indent = if width.saturating_sub(rules_column) >= 20 {
            rules_column
        } else {
            4
        };
        SummaryTable {
            name_width,
            width,
            rules_column,
            indent,
            all: BTreeMap::new(),
        }
    }

    fn pad(&self, s: &str) -> String {
        use unicode_width::UnicodeWidthStr;
        format!("{s}{}", " ".repeat(self.name_width - s.width()))
    }

    pub fn head(&self) -> String {
        format!(
            "\n汇总：\n{}  错误  警告  提示  建议  规则\n",
            self.pad("文件")
        )
    }

    pub fn row(&mut self, row: &SummaryRow) -> String {
        let (width, indent, rules_column) = (self.width, self.indent, self.rules_column);
        let [e, w, i, h] = row.counts;
        for (code, n) in &row.by_rule {
            *self.all.entry(code).or_default() += n;
        }
        let words: Vec<String> = if row.by_rule.is_empty() {
            vec!["—".to_string()]
        } else {
            row.by_rule
                .iter()
                .map(|(code, n)| format!("{code}×{n}"))
                .collect()
        };
        let line = format!("{}  {e:>4}  {w:>4}  {i:>4}  {h:>4}  ", self.pad(&row.name));
        let rules = if indent == rules_column {
            wrap_words(&words, rules_column, width, indent)
        } else {
            format!("\n    {}", wrap_words(&words, indent, width, indent))
        };
        let mut out = String::new();
        out.push_str(if rules.starts_with('\n') {
            line.trim_end()
        } else {
            &line
        });
        out.push_str(&rules);
        out.push('\n');
        out
    }

    /// The findings by rule over all rows.
    pub fn tail(&self) -> String {
        use unicode_width::UnicodeWidthStr;
        let mut out = String::new();
        if !self.all.is_empty() {
            let words: Vec<String> = self
                .all
                .iter()
                .map(|(code, n)| format!("{code}×{n}"))
                .collect();
            let head = "按规则：";
            out.push_str(head);
            out.push_str(&wrap_words(&words, head.width(), self.width, head.width()));
            out.push('\n');
        }
        out
    }
}

/// A CSV field, quoted when it holds a comma, a quote, a line break or surrounding spaces.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per diagnostic, RFC 4180, with a header row; UTF-8 with a byte-order mark so that spreadsheet
/// programs read the Chinese messages correctly.
pub fn csv(files: &[CheckedFile]) -> String {
    let mut out = String::from(CSV_HEADER);
    for f in files {
        csv_rows(f, &mut out);
    }
    out
}

/// The header row of the CSV output.
pub const CSV_HEADER: &str =
    "\u{FEFF}path,line,column,end_line,end_column,severity,code,message,fix\r\n";

/// The CSV rows of one file.
pub fn csv_rows(f: &CheckedFile, out: &mut String) {
    {
        let index = LineIndex::new(&f.text);
        let path = display_path(&f.path);
        for d in &f.diagnostics {
            let (sl, sc) = index.position(&f.text, d.range.start, Encoding::Chars);
            let (el, ec) = index.position(&f.text, d.range.end, Encoding::Chars);
            let row = [
                field(&path),
                (sl + 1).to_string(),
                (sc + 1).to_string(),
                (el + 1).to_string(),
                (ec + 1).to_string(),
                d.severity.as_str().to_string(),
                field(d.code.as_str()),
                field(&d.message),
                field(d.fix.as_ref().map_or("", |f| f.title.as_str())),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
}

/// A place in a file, as the JSON output writes it. The fields of these
/// structs are in the order of their names: the order in which the output
/// has always had them (it was built as `serde_json::Value` maps, which sort
/// their keys), so a file is written straight to text without building one.
#[derive(Serialize)]
pub struct Location {
    byte_end: usize,
    byte_start: usize,
    end: Position,
    start: Position,
}

#[derive(Serialize)]
struct Position {
    column: u64,
    line: u64,
}

fn location(index: &LineIndex, text: &str, range: &std::ops::Range<usize>) -> Location {
    let (sl, sc) = index.position(text, range.start, Encoding::Chars);
    let (el, ec) = index.position(text, range.end, Encoding::Chars);
    Location {
        byte_end: range.end,
        byte_start: range.start,
        end: Position {
            column: ec as u64 + 1,
            line: el as u64 + 1,
        },
        start: Position {
            column: sc as u64 + 1,
            line: sl as u64 + 1,
        },
    }
}

/// A place in another file, as [`location`] writes one in this file.
fn location_elsewhere(r: &RelatedElsewhere) -> Location {
    Location {
        byte_end: r.range.end,
        byte_start: r.range.start,
        end: Position {
            column: u64::from(r.end.chars) + 1,
            line: u64::from(r.end.line) + 1,
        },
        start: Position {
            column: u64::from(r.start.chars) + 1,
            line: u64::from(r.start.line) + 1,
        },
    }
}

#[derive(Serialize)]
struct RelatedJson<'a> {
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    range: Location,
}

#[derive(Serialize)]
struct EditJson<'a> {
    new_text: &'a str,
    range: Location,
}

#[derive(Serialize)]
struct FixJson<'a> {
    edits: Vec<EditJson<'a>>,
    title: &'a str,
}

/// One diagnostic in the JSON schema.
#[derive(Serialize)]
pub struct DiagnosticJson<'a> {
    code: Code,
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint: Option<&'a str>,
    fix: Option<FixJson<'a>>,
    message: &'a str,
    path: &'a str,
    range: Location,
    related: Vec<RelatedJson<'a>>,
    severity: &'static str,
}

impl<'a> DiagnosticJson<'a> {
    pub fn new(path: &'a str, text: &str, index: &LineIndex, d: &'a Diagnostic) -> Self {
        let related = d.related.iter().map(|r| RelatedJson {
            message: &r.message,
            path: None,
            range: location(index, text, &r.range),
        });
        let elsewhere = d.elsewhere.iter().map(|r| RelatedJson {
            message: &r.message,
            path: Some(display_path(&r.path)),
            range: location_elsewhere(r),
        });
        DiagnosticJson {
            code: d.code,
            fingerprint: None,
            fix: d.fix.as_ref().map(|f| FixJson {
                edits: f
                    .edits
                    .iter()
                    .map(|e| EditJson {
                        new_text: &e.new_text,
                        range: location(index, text, &e.range),
                    })
                    .collect(),
                title: &f.title,
            }),
            message: &d.message,
            path,
            range: location(index, text, &d.range),
            related: related.chain(elsewhere).collect(),
            severity: d.severity.as_str(),
        }
    }
}

/// One diagnostic in the JSON schema (shared with the language-server tests).
pub fn diagnostic_json(path: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> Value {
    serde_json::to_value(DiagnosticJson::new(path, text, index, d)).expect("JSON serializes")
}

/// One file in the JSON output: its diagnostics with their `fingerprints`
/// when given (same order).
#[derive(Serialize)]
pub struct FileJson<'a> {
    diagnostics: Vec<DiagnosticJson<'a>>,
    path: &'a str,
}

impl<'a> FileJson<'a> {
    /// `path` is the file's [`display_path`].
    pub fn new(f: &'a CheckedFile, path: &'a str, fingerprints: &'a [String]) -> Self {
        let index = LineIndex::new(&f.text);
        let mut prints = fingerprints.iter().map(|p| Some(p.as_str()));
        FileJson {
            diagnostics: f
                .diagnostics
                .iter()
                .map(|d| DiagnosticJson {
                    fingerprint: prints.next().flatten(),
                    ..DiagnosticJson::new(path, &f.text, &index, d)
                })
                .collect(),
            path,
        }
    }
}

/// One file in the JSON output.
pub fn json_file(f: &CheckedFile) -> Value {
    let path = display_path(&f.path);
    serde_json::to_value(FileJson::new(f, &path, &[])).expect("JSON serializes")
}

/// The JSON document around the files (`counts` by severity over `count` files).
pub fn json_doc(files: Value, counts: [usize; 4], count: usize) -> Value {
    let [e, w, i, h] = counts;
    json!({
        "version": JSON_SCHEMA_VERSION,
        "tool": { "name": "nianbao", "version": env!("CARGO_PKG_VERSION") },
        "files": files,
        "summary": { "files": count, "error": e, "warning": w, "info": i, "hint": h },
    })
}

pub fn json(files: &[CheckedFile]) -> String {
    let files_json: Vec<Value> = files.iter().map(json_file).collect();
    let doc = json_doc(Value::Array(files_json), counts(files), files.len());
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialize");
    s.push('\n');
    s
}

pub fn sarif(files: &[CheckedFile]) -> String {
    let results: Vec<Value> = files.iter().flat_map(sarif_results).collect();
    let doc = sarif_doc(Value::Array(results));
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialize");
    s.push('\n');
    s
}

/// The SARIF document around the results.
pub fn sarif_doc(results: Value) -> Value {
    let rules: Vec<Value> = nianbao_core::rules::RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "shortDescription": { "text": r.title },
                "helpUri": nianbao_core::rules::doc_url(r.code),
                "defaultConfiguration": { "level": sarif_level(r.severity) },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "nianbao",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/nianbao/nianbao",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The SARIF results of one file.
pub fn sarif_results(f: &CheckedFile) -> Vec<Value> {
    let mut results = Vec::new();
    {
        let uri = display_path(&f.path);
        let index = LineIndex::new(&f.text);
        let region = |range: &std::ops::Range<usize>| {
            let (sl, sc) = index.position(&f.text, range.start, Encoding::Chars);
            let (el, ec) = index.position(&f.text, range.end, Encoding::Chars);
            json!({
                "startLine": sl + 1, "startColumn": sc + 1,
                "endLine": el + 1, "endColumn": ec + 1,
                "byteOffset": range.start, "byteLength": range.end - range.start,
            })
        };
        for d in &f.diagnostics {
            let mut result = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": { "text": d.message },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": region(&d.range),
                }}],
            });
            if !d.related.is_empty() || !d.elsewhere.is_empty() {
                let here = d.related.iter().map(|r| {
                    json!({
                        "message": { "text": r.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri },
                            "region": region(&r.range),
                        },
                    })
                });
                let there = d.elsewhere.iter().map(|r| {
                    json!({
                        "message": { "text": r.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": display_path(&r.path) },
                            "region": {
                                "startLine": r.start.line + 1, "startColumn": r.start.chars + 1,
                                "endLine": r.end.line + 1, "endColumn": r.end.chars + 1,
                                "byteOffset": r.range.start, "byteLength": r.range.end - r.range.start,
                            },
                        },
                    })
                });
                result["relatedLocations"] = here
                    .chain(there)
                    .enumerate()
                    .map(|(i, mut r)| {
                        r["id"] = json!(i);
                        r
                    })
                    .collect();
            }
            if let Some(fix) = &d.fix {
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": { "byteOffset": e.range.start, "byteLength": e.range.end - e.range.start },
                            "insertedContent": { "text": e.new_text },
                        })).collect::<Vec<_>>(),
                    }],
                }]);
            }
            results.push(result);
        }
    }
    results
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// GitHub Actions workflow commands (`::error file=…,line=…::message`).
pub fn github(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for f in files {
        github_file(f, &mut out);
    }
    out
}

/// The workflow commands of one file.
pub fn github_file(f: &CheckedFile, out: &mut String) {
    fn escape_data(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn escape_property(s: &str) -> String {
        escape_data(s).replace(':', "%3A").replace(',', "%2C")
    }
    {
        let index = LineIndex::new(&f.text);
        let path = display_path(&f.path);
        for d in &f.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let (sl, sc) = index.position(&f.text, d.range.start, Encoding::Chars);
            let (el, ec) = index.position(&f.text, d.range.end, Encoding::Chars);
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&path),
                sl + 1,
                sc + 1,
                el + 1,
                ec + 1,
                escape_property(d.code.as_str()),
                escape_data(&d.message)
            ));
        }
    }
}

/// A progress bar on standard error for work over many files; nothing at all when standard output or
/// standard error is not a terminal (piped, redirected, CI), or for a single file.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub fn new(len: u64, what: &str) -> Progress {
        use std::io::IsTerminal;
        let shown = len > 1 && std::io::stderr().is_terminal() && std::io::stdout().is_terminal();
        let bar = shown.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(len),
                indicatif::ProgressDrawTarget::stderr(),
            );
            let style = indicatif::ProgressStyle::with_template(&format!(
                "{what} {{bar:30}} {{pos}}/{{len}} {{elapsed_precise}} 剩余 {{eta}} {{wide_msg}}"
            ))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress { bar }
    }

    pub fn set_message(&self, message: String) {
        if let Some(bar) = &self.bar {
            bar.set_message(message);
        }
    }

    pub fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// A line on standard error above the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(field("table-sum"), "table-sum");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("说“是\"否"), "\"说“是\"\"否\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
