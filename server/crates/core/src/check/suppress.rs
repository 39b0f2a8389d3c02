//! Suppression comments:
//! `// nianbao-disable-next-line CODE[, CODE…] [-- 理由]` and
//! `// nianbao-disable-file CODE[, CODE…]`. No code means every rule.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::model::Report;

#[derive(Debug, Default)]
pub struct Suppressions {
    /// (the suppressed line's byte range, codes; empty = all)
    lines: Vec<(Range<usize>, Vec<String>)>,
    /// Codes suppressed for the whole file; `Some(empty)` = all.
    file: Option<Vec<String>>,
}

fn codes(rest: &str) -> Vec<String> {
    let rest = rest.split("--").next().unwrap_or("");
    rest.split([',', '，', ' ', '\t'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

impl Suppressions {
    pub fn collect(report: &Report, text: &str) -> Suppressions {
        let mut s = Suppressions::default();
        for comment in &report.comments {
            if let Some(rest) = comment.text.strip_prefix("nianbao-disable-next-line") {
                // The next line that is not a comment line.
                let mut start = comment.range.end;
                loop {
                    start = match text[start..].find('\n') {
                        Some(i) => start + i + 1,
                        None => text.len(),
                    };
                    if !text[start..]
                        .trim_start_matches([' ', '\t'])
                        .starts_with("//")
                    {
                        break;
                    }
                }
                let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                s.lines.push((start..end, codes(rest)));
            } else if let Some(rest) = comment.text.strip_prefix("nianbao-disable-file") {
                let new = codes(rest);
                s.file = Some(match s.file.take() {
                    Some(old) if old.is_empty() || new.is_empty() => Vec::new(),
                    Some(mut old) => {
                        old.extend(new);
                        old
                    }
                    None => new,
                });
            }
        }
        s
    }

    pub fn suppresses(&self, d: &Diagnostic) -> bool {
        let matches =
            |codes: &Vec<String>| codes.is_empty() || codes.iter().any(|c| c == d.code.as_str());
        if self.file.as_ref().is_some_and(matches) {
            return true;
        }
        self.lines.iter().any(|(range, codes)| {
            range.start <= d.range.start && d.range.start <= range.end && matches(codes)
        })
    }
}
