//! `nianbao check`'s output written file by file (no baseline, not the HTML
//! page): every format byte for byte as [`super::review::report`] writes it
//! for all the files at once, fingerprints included, while nothing is kept
//! of a file once written but its row of the human summary.

use serde_json::{json, Value};

use super::check_args::{Deny, Format};
use super::output::{self, CheckedFile, SummaryRow};
use nianbao_core::diagnostic::Severity;
use nianbao_core::fingerprint::fingerprints;

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

    fn element(&mut self, value: &Value, out: &mut String) {
        if let Some(head) = self.head.take() {
            out.push_str(&head);
        }
        if !self.first {
            out.push_str(",\n");
            out.push_str(&self.indent);
        }
        self.first = false;
        let s = serde_json::to_string_pretty(value).expect("JSON values serialize");
        out.push_str(&s.replace('\n', &format!("\n{}", self.indent)));
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
    rows: Vec<SummaryRow>,
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
            rows: Vec::new(),
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
                let mut value = output::json_file(file);
                let prints = fingerprints(&file.text, &file.diagnostics);
                if let Some(ds) = value["diagnostics"].as_array_mut() {
                    for (d, fp) in ds.iter_mut().zip(&prints) {
                        d["fingerprint"] = json!(fp);
                    }
                }
                self.array
                    .as_mut()
                    .expect("set for JSON")
                    .element(&value, &mut out);
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

    /// What ends the output.
    pub fn finish(self) -> String {
        let mut out = String::new();
        match self.format {
            Format::Human => {
                let width = super::human::options().width;
                if self.files > 1 {
                    out.push_str(&output::summary_rows(&self.rows, width));
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
        out
    }
}
