//! Accounting for figures: every digit sequence of the report body must reach the output. A sequence counts as
//! reached when the output has it (each occurrence used once), or has it split into consecutive runs — a date
//! whose 年/月/日 were restored ("202311" → "2023年1月1日"). Lines dropped on purpose are listed with the
//! figures they held, and do not count as losses.

use std::collections::HashMap;

use super::clean::{drop_thousands, Cleaned, Reason, Status};

/// A figure of the body that is not in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    pub line: usize,
    pub figure: String,
    /// The source text around it.
    pub context: String,
}

/// A line dropped on purpose, with its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// 1-based source line (0 for text the DOCX/PDF reader left out: see `page`).
    pub line: usize,
    pub reason: Reason,
    pub figures: Vec<String>,
    pub text: String,
    /// The PDF page of text the office reader left out.
    pub page: Option<u32>,
    /// The office reader's own reason ("页码", "页眉（每页重复）", "隐藏文字" …), said instead of `reason`.
    pub detail: Option<String>,
}

impl Dropped {
    /// Why, in Chinese.
    pub fn describe(&self) -> &str {
        self.detail.as_deref().unwrap_or(self.reason.describe())
    }

    /// Where: "第 12 行", "第 3 页", or "文档中" for Word text without a page.
    pub fn place(&self) -> String {
        match (self.page, self.line) {
            (Some(p), _) => format!("第 {p} 页"),
            (None, 0) => "文档中".to_string(),
            (None, l) => format!("第 {l} 行"),
        }
    }
}

pub struct Accounting {
    pub losses: Vec<Loss>,
    pub dropped: Vec<Dropped>,
    /// Digit sequences in the kept body.
    pub figures: usize,
}

/// Digit sequences (full-width digits read as ASCII), with their character offsets.
pub fn digit_runs(text: &str) -> Vec<(String, usize)> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    for (i, c) in text.chars().enumerate() {
        let d = if ('０'..='９').contains(&c) {
            char::from_u32(c as u32 - 0xFEE0)
        } else if c.is_ascii_digit() {
            Some(c)
        } else {
            None
        };
        match d {
            Some(d) => {
                if cur.is_empty() {
                    start = i;
                }
                cur.push(d);
            }
            None if !cur.is_empty() => runs.push((std::mem::take(&mut cur), start)),
            None => {}
        }
    }
    if !cur.is_empty() {
        runs.push((cur, start));
    }
    runs
}

/// The output's digit runs: the body (after the front matter), comment lines left out.
fn output_runs(markup: &str) -> Vec<String> {
    let body = markup
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n").map(|(_, body)| body))
        .unwrap_or(markup);
    body.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .flat_map(|l| digit_runs(l).into_iter().map(|(r, _)| r))
        .collect()
}

/// Pairs (source index, output index) of a longest common subsequence of equal runs. The body keeps its
/// order through the import, so a figure is matched where it belongs, not to an equal figure elsewhere.
fn align(source: &[String], output: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (source.len(), output.len());
    let mut dp = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[at(i, j)] = if source[i] == output[j] {
                dp[at(i + 1, j + 1)] + 1
            } else {
                dp[at(i + 1, j)].max(dp[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::new();
    while i < n && j < m {
        if source[i] == output[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if dp[at(i + 1, j)] >= dp[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// `needle` equals the concatenation of two or more consecutive runs.
fn concatenated(needle: &str, runs: &[String]) -> bool {
    (0..runs.len()).any(|start| {
        let mut acc = String::new();
        for (k, run) in runs[start..].iter().enumerate() {
            acc.push_str(run);
            if acc == needle {
                return k > 0;
            }
            if !needle.starts_with(acc.as_str()) {
                return false;
            }
        }
        false
    })
}

fn context(text: &str, at: usize, len: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let from = at.saturating_sub(12);
    let to = (at + len + 12).min(chars.len());
    let mut s: String = chars[from..to].iter().collect();
    s = super::clean::tidy(&s);
    if from > 0 {
        s.insert(0, '…');
    }
    if to < chars.len() {
        s.push('…');
    }
    s
}

pub fn account(cleaned: &Cleaned, markup: &str) -> Accounting {
    let out = output_runs(markup);
    let mut kept: Vec<(usize, String, usize)> = Vec::new(); // (source index, run, offset)
    let mut dropped = Vec::new();
    for (k, source) in cleaned.sources.iter().enumerate() {
        let text = drop_thousands(&source.text);
        let runs = digit_runs(&text);
        match source.status {
            Status::Kept => kept.extend(runs.into_iter().map(|(r, at)| (k, r, at))),
            Status::Dropped(reason) => {
                if !runs.is_empty() {
                    dropped.push(Dropped {
                        line: source.line,
                        reason,
                        figures: runs.into_iter().map(|(r, _)| r).collect(),
                        text: super::clean::tidy(&source.text).chars().take(60).collect(),
                        page: None,
                        detail: None,
                    });
                }
            }
        }
    }
    let runs: Vec<String> = kept.iter().map(|(_, r, _)| r.clone()).collect();
    let unmatched: Vec<usize> = if runs.len().saturating_mul(out.len()) <= 25_000_000 {
        let pairs = align(&runs, &out);
        let mut matched = vec![false; runs.len()];
        let mut used = vec![false; out.len()];
        for &(i, j) in &pairs {
            matched[i] = true;
            used[j] = true;
        }
        // An unmatched run may be written split (a repaired date) or moved a little (a label continued
        // after its figure): look around where it belongs.
        const SLACK: usize = 12;
        let mut lost = Vec::new();
        for i in (0..runs.len()).filter(|&i| !matched[i]) {
            let before = pairs
                .iter()
                .rev()
                .find(|(s, _)| *s < i)
                .map_or(0, |(_, o)| o + 1);
            let after = pairs
                .iter()
                .find(|(s, _)| *s > i)
                .map_or(out.len(), |(_, o)| *o);
            let from = before.saturating_sub(SLACK);
            let to = (after.max(before) + SLACK).min(out.len());
            if let Some(j) = (from..to).find(|&j| !used[j] && out[j] == runs[i]) {
                used[j] = true;
            } else if !concatenated(&runs[i], &out[from..to]) {
                lost.push(i);
            }
        }
        lost
    } else {
        // Very long inputs: each occurrence matched anywhere.
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for r in &out {
            *counts.entry(r.as_str()).or_default() += 1;
        }
        (0..runs.len())
            .filter(|&i| match counts.get_mut(runs[i].as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => !concatenated(&runs[i], &out),
            })
            .collect()
    };
    let losses = unmatched
        .into_iter()
        .map(|i| {
            let (k, run, at) = &kept[i];
            let source = &cleaned.sources[*k];
            Loss {
                line: source.line,
                context: context(&drop_thousands(&source.text), *at, run.chars().count()),
                figure: run.clone(),
            }
        })
        .collect();
    Accounting {
        losses,
        dropped,
        figures: runs.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::Source;

    fn cleaned(lines: &[(&str, Status)]) -> Cleaned {
        Cleaned {
            sources: lines
                .iter()
                .enumerate()
                .map(|(i, (t, s))| Source {
                    text: t.to_string(),
                    line: i + 1,
                    status: *s,
                })
                .collect(),
            ..Cleaned::default()
        }
    }

    #[test]
    fn figures_are_accounted_for() {
        let c = cleaned(&[
            (
                "时间:2018-02-28 10:53:29",
                Status::Dropped(Reason::PageInfo),
            ),
            ("统计期限为202311日至20231231日，共21,820件", Status::Kept),
            ("办结57件，57件", Status::Kept),
        ]);
        let markup = "---\n年度: 2023\n---\n// 2018\n统计期限为2023年1月1日至2023年12月31日，共21820件\n办结57件\n";
        let a = account(&c, markup);
        assert_eq!(a.figures, 5);
        assert_eq!(
            a.losses,
            [Loss {
                line: 3,
                figure: "57".into(),
                context: "办结57件，57件".into()
            }]
        );
        assert_eq!(a.dropped.len(), 1);
        assert_eq!(a.dropped[0].figures, ["2018", "02", "28", "10", "53", "29"]);
        // A figure that only has an equal twin elsewhere in the output is still lost.
        let c = cleaned(&[("共1件", Status::Kept), ("规章 1 0", Status::Kept)]);
        let a = account(&c, "---\n---\n共1件\n\n| 规章 | 0 |\n");
        assert_eq!(a.losses.len(), 1);
        assert_eq!((a.losses[0].line, a.losses[0].figure.as_str()), (2, "1"));
    }
}
