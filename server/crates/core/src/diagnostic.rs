//! What the checker reports: a rule code, a severity, a Chinese message, the
//! exact byte range, related ranges and an optional fix. No LSP types here;
//! the CLI and the language server convert from this.

use std::ops::Range;

use serde::Serialize;

use crate::rules::registry::Code;
pub use crate::severity::Severity;

/// Another place that takes part in the finding (the other cells of a sum).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

/// A place in another file that a finding refers to (`hierarchy-sum`: the
/// subordinate's cell), with its positions computed where that file's text
/// was at hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedElsewhere {
    pub path: std::path::PathBuf,
    pub range: Range<usize>,
    pub start: Place,
    pub end: Place,
    pub message: String,
}

/// A position as a line (0-based) and its column in each encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Place {
    pub line: u32,
    pub utf8: u32,
    pub utf16: u32,
    pub chars: u32,
}

impl Place {
    /// The position of byte `offset` of `text`.
    pub fn of(index: &crate::position::LineIndex, text: &str, offset: usize) -> Place {
        use crate::position::Encoding;
        let (line, utf8) = index.position(text, offset, Encoding::Utf8);
        let (_, utf16) = index.position(text, offset, Encoding::Utf16);
        let (_, chars) = index.position(text, offset, Encoding::Chars);
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Place {
            line: n(line),
            utf8: n(utf8),
            utf16: n(utf16),
            chars: n(chars),
        }
    }

    /// The (line, column) in `encoding`.
    pub fn in_encoding(&self, encoding: crate::position::Encoding) -> (usize, usize) {
        use crate::position::Encoding;
        let column = match encoding {
            Encoding::Utf8 => self.utf8,
            Encoding::Utf16 => self.utf16,
            Encoding::Chars => self.chars,
        };
        (self.line as usize, column as usize)
    }
}

/// A text replacement; ranges are byte offsets into the checked text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub range: Range<usize>,
    pub related: Vec<Related>,
    /// Related places in other files (the rules across reports).
    pub elsewhere: Vec<RelatedElsewhere>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(
        code: Code,
        severity: Severity,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            range,
            related: Vec::new(),
            elsewhere: Vec::new(),
            fix: None,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn related(mut self, range: Range<usize>, message: impl Into<String>) -> Self {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }

    pub fn fix(
        mut self,
        title: impl Into<String>,
        range: Range<usize>,
        new_text: impl Into<String>,
    ) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            edits: vec![Edit {
                range,
                new_text: new_text.into(),
            }],
        });
        self
    }
}
