//! `nianbao check`'s output written file by file (no baseline, not the HTML
//! page): every format byte for byte as [`super::review::report`] writes it
//! for all the files at once, fingerprints included, while nothing is kept
//! of a file once written but its row of the human summary.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};

use serde_json::{json, Value};

use super::check_args::{Deny, Format};
use super::output::{self, CheckedFile, SummaryRow, SummaryTable};
use nianbao_core::diagnostic::Severity;
use nianbao_core::fingerprint::fingerprints;
use nianbao_core::rules::Code;

/// A pretty-printed JSON document with one array written element by element:
/// the same bytes as `serde_json::to_string_pretty` of the whole document.
struct StreamedArray {
    /// Everything before the first element (up to its indentation).
    head: Option<String>,
    /// The indentation of the elements.
    indent: String,
    first: bool,
}

/// Stands for the streamed array's elements in a document serialized whole.
const SLOT: &str = "\u{0}nianbao-slot";

impl StreamedArray {
    /// `doc` holds the array as `[SLOT]`.
    fn new(doc: &Value) -> StreamedArray {
        let s = serde_json::to_string_pretty(doc).expect("JSON values serialize");
        let (head, indent) = Self::split(&s).0;
        StreamedArray {
            head: Some(head),
            indent,
            first: true,
        }
    }

    /// (head up to the slot, the slot's indentation), the rest after the slot.
    fn split(s: &str) -> ((String, String), String) {
        let slot = serde_json::to_string(SLOT).expect("strings serialize");
        let at = s.find(&slot).expect("the slot is in the document");
        let line_start = s[..at].rfind('\n').map_or(0, |i| i + 1);
        (
            (s[..at].to_string(), s[line_start..at].to_string()),
            s[at + slot.len()..].to_string(),
        )
    }

    fn element(&mut self, value: &impl serde::Serialize, out: &mut String) {
        if let Some(head) = self.head.take() {
            out.push_str(&head);
        }
        if !self.first {
            out.push_str(",\n");
            out.push_str(&self.indent);
        }
        self.first = false;
        let s = serde_json::to_string_pretty(value).expect("JSON values serialize");
        // Line breaks inside strings are escaped: these are the layout's.
        for (i, line) in s.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
                out.push_str(&self.indent);
            }
            out.push_str(line);
        }
    }

    /// The rest of the document: `slotted` holds `[SLOT]`, `empty` an empty array.
    fn finish(self, slotted: &Value, empty: &Value, out: &mut String) {
        if self.first {
            out.push_str(&serde_json::to_string_pretty(empty).expect("JSON values serialize"));
        } else {
            let s = serde_json::to_string_pretty(slotted).expect("JSON values serialize");
            out.push_str(&Self::split(&s).1);
        }
        out.push('\n');
    }
}

/// The JSON document as `review::json` writes it without a baseline.
fn json_doc(files: Value, totals: [usize; 4], count: usize) -> Value {
    let mut doc = output::json_doc(files, totals, count);
    doc["summary"]["reviewed"] = json!(0);
    doc["summary"]["stale"] = json!(0);
    doc["reviewed"] = Value::Array(Vec::new());
    doc["stale"] = Value::Array(Vec::new());
    doc
}

/// Writes the results of a check file by file, in any of the streamed
/// formats: what is written for a file is final.
pub struct Emitter {
    format: Format,
    failing: Severity,
    fails: bool,
    files: usize,
    totals: [usize; 4],
    /// Human: the summary rows.
    rows: Rows,
    array: Option<StreamedArray>,
}

impl Emitter {
    pub fn new(format: Format, deny: Deny) -> Emitter {
        let array = match format {
            Format::Json => Some(StreamedArray::new(&json_doc(json!([SLOT]), [0; 4], 0))),
            Format::Sarif => Some(StreamedArray::new(&output::sarif_doc(json!([SLOT])))),
            _ => None,
        };
        Emitter {
            format,
            failing: match deny {
                Deny::Errors => Severity::Error,
                Deny::Warnings => Severity::Warning,
            },
            fails: false,
            files: 0,
            totals: [0; 4],
            rows: Rows::default(),
            array,
        }
    }

    /// The output for one more file.
    pub fn file(&mut self, file: &CheckedFile) -> String {
        let mut out = String::new();
        self.files += 1;
        let counts = output::counts(std::slice::from_ref(file));
        for (t, c) in self.totals.iter_mut().zip(counts) {
            *t += c;
        }
        self.fails |= file.diagnostics.iter().any(|d| d.severity >= self.failing);
        match self.format {
            Format::Human => {
                let options = super::human::options();
                out.push_str(&super::human::render(
                    &[super::human::FileFindings {
                        path: output::display_path(&file.path),
                        text: &file.text,
                        diagnostics: &file.diagnostics,
                    }],
                    &options,
                ));
                self.rows.push(SummaryRow::of(file));
            }
            Format::Json => {
                let prints = fingerprints(&file.text, &file.diagnostics);
                let path = output::display_path(&file.path);
                self.array
                    .as_mut()
                    .expect("set for JSON")
                    .element(&output::FileJson::new(file, &path, &prints), &mut out);
            }
            Format::Sarif => {
                let array = self.array.as_mut().expect("set for SARIF");
                let prints = fingerprints(&file.text, &file.diagnostics);
                for (mut result, fp) in output::sarif_results(file).into_iter().zip(&prints) {
                    result["partialFingerprints"] = json!({ "nianbao/v1": fp });
                    array.element(&result, &mut out);
                }
            }
            Format::Github => output::github_file(file, &mut out),
            Format::Csv => {
                if self.files == 1 {
                    out.push_str(output::CSV_HEADER);
                }
                output::csv_rows(file, &mut out);
            }
            Format::Html => unreachable!("the HTML page is not streamed"),
        }
        out
    }

    /// Whether a finding at the failing level was written.
    pub fn fails(&self) -> bool {
        self.fails
    }

    /// Writes what ends the output.
    pub fn finish(self, sink: &mut dyn Write) -> io::Result<()> {
        let mut out = String::new();
        match self.format {
            Format::Human => {
                let width = super::human::options().width;
                if self.files > 1 {
                    self.rows.write_table(width, sink)?;
                }
                let [e, w, i, h] = self.totals;
                out.push_str(&format!(
                    "检查了 {} 个文件：{e} 个错误，{w} 个警告，{i} 个提示，{h} 个建议\n",
                    self.files
                ));
            }
            Format::Json => {
                let slotted = json_doc(json!([SLOT]), self.totals, self.files);
                let empty = json_doc(json!([]), self.totals, self.files);
                self.array
                    .expect("set for JSON")
                    .finish(&slotted, &empty, &mut out);
            }
            Format::Sarif => {
                let (slotted, empty) = (
                    output::sarif_doc(json!([SLOT])),
                    output::sarif_doc(json!([])),
                );
                self.array
                    .expect("set for SARIF")
                    .finish(&slotted, &empty, &mut out);
            }
            Format::Github => {}
            Format::Csv => {
                if self.files == 0 {
                    out.push_str(output::CSV_HEADER);
                }
            }
            Format::Html => {}
        }
        sink.write_all(out.as_bytes())
    }
}

/// The human summary's rows while the files are written: each a line of
/// JSON in a temporary file without a name (the system removes it when the
/// run ends), only the widest name in memory; in memory if no temporary
/// file can be made.
#[derive(Default)]
struct Rows {
    file: Option<BufWriter<File>>,
    /// Whether making the file was tried.
    tried: bool,
    memory: Vec<SummaryRow>,
    name_width: usize,
    error: Option<io::Error>,
}

impl Rows {
    fn push(&mut self, row: SummaryRow) {
        self.name_width = self.name_width.max(row.name_width());
        if !std::mem::replace(&mut self.tried, true) {
            self.file = tempfile::tempfile().ok().map(BufWriter::new);
        }
        let Some(file) = self.file.as_mut() else {
            self.memory.push(row);
            return;
        };
        let line = (
            &row.name,
            row.counts,
            row.by_rule.iter().collect::<Vec<_>>(),
        );
        let written = serde_json::to_writer(&mut *file, &line)
            .map_err(io::Error::from)
            .and_then(|()| file.write_all(b"\n"));
        if let Err(e) = written {
            self.error.get_or_insert(e);
        }
    }

    /// The summary table of every row, in order.
    fn write_table(self, width: usize, sink: &mut dyn Write) -> io::Result<()> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let mut table = SummaryTable::new(std::iter::once(self.name_width), width);
        sink.write_all(table.head().as_bytes())?;
        if let Some(file) = self.file {
            let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.rewind()?;
            for line in BufReader::new(file).lines() {
                let row = Self::row(&line?)?;
                sink.write_all(table.row(&row).as_bytes())?;
            }
        }
        for row in &self.memory {
            sink.write_all(table.row(row).as_bytes())?;
        }
        sink.write_all(table.tail().as_bytes())
    }

    fn row(line: &str) -> io::Result<SummaryRow> {
        let (name, counts, by_rule): (String, [usize; 4], Vec<(String, usize)>) =
            serde_json::from_str(line)?;
        let by_rule = by_rule
            .into_iter()
            .map(|(code, n)| {
                let code = Code::lookup(&code).ok_or(io::ErrorKind::InvalidData)?;
                Ok((code.as_str(), n))
            })
            .collect::<io::Result<BTreeMap<_, _>>>()?;
        Ok(SummaryRow {
            name,
            counts,
            by_rule,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The summary of the human output, its rows waiting in a temporary
    /// file, is the table of the same rows held in memory.
    #[test]
    fn the_human_summary_from_disk_is_the_one_in_memory() {
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples");
        let mut files = Vec::new();
        for (i, name) in ["suizhong-2023", "dongning-2016", "meixian-2020"]
            .iter()
            .enumerate()
        {
            let text = std::fs::read_to_string(format!("{examples}/{name}.nianbao")).unwrap();
            let checked =
                nianbao_core::check::check_text(&text, &nianbao_core::check::Config::default());
            // Names wide, with a tab or a line break, and a file without findings.
            let path = ["宽字符目录/a.nianbao", "b\tc.nianbao", "d\ne.nianbao"][i];
            let diagnostics = if i == 2 {
                Vec::new()
            } else {
                checked.diagnostics
            };
            files.push(CheckedFile {
                path: path.into(),
                text,
                diagnostics,
            });
        }
        assert!(files[0].diagnostics.len() > 1);
        let mut emitter = Emitter::new(Format::Human, Deny::Errors);
        for file in &files {
            emitter.file(file);
        }
        assert!(emitter.rows.file.is_some() && emitter.rows.memory.is_empty());
        let mut out = Vec::new();
        emitter.finish(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let rows: Vec<SummaryRow> = files.iter().map(SummaryRow::of).collect();
        let table = output::summary_rows(&rows, super::super::human::options().width);
        assert!(out.starts_with(&table), "{out}\n---\n{table}");
        assert!(table.contains("b\tc.nianbao") && table.contains("按规则："));
    }
}
