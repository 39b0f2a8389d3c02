//! Accounting for figures: every digit sequence of the report body must reach the output. A sequence counts as
//! reached when the output has it (each occurrence used once), or has it split into consecutive runs — a date
//! whose 年/月/日 were restored ("202311" → "2023年1月1日"). Lines dropped on purpose are listed with the
//! figures they held, and do not count as losses.

use std::collections::HashMap;

use super::clean::{drop_thousands, Cleaned, Reason, Status};
use super::words::digit_runs;

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

/// Up to this many cells (source runs × output runs), runs are aligned by a longest common subsequence
/// (exact; every real report is well under it). Larger inputs are first cut at anchors.
const EXACT_CELLS: usize = 4_000_000;
/// The size of a stretch between anchors aligned exactly.
const GAP_CELLS: usize = 250_000;

/// Pairs (source index, output index) of equal runs, in order on both sides. The body keeps its order
/// through the import, so a figure is matched where it belongs, not to an equal figure elsewhere.
///
/// Up to [`EXACT_CELLS`] a longest common subsequence. Beyond, in linear time: runs equal at both ends
/// are paired, runs that occur once on each side are anchors (the longest chain of them in order, as in
/// patience diff), and the stretches between anchors are aligned the same way — exactly when small
/// ([`GAP_CELLS`]), by [`lookahead`] when they have no anchor. Each stretch aligned exactly costs at
/// most √[`GAP_CELLS`] per run, so the whole is O(n + m) (n log n for the chains).
fn align(source: &[String], output: &[String]) -> Vec<(usize, usize)> {
    if source.len().saturating_mul(output.len()) <= EXACT_CELLS {
        return lcs(source, output, 0, 0);
    }
    enum Work {
        Stretch(usize, usize, usize, usize),
        Pair(usize, usize),
    }
    let mut pairs = Vec::new();
    let mut work = vec![Work::Stretch(0, source.len(), 0, output.len())];
    while let Some(w) = work.pop() {
        let (mut s0, mut s1, mut o0, mut o1) = match w {
            Work::Pair(i, j) => {
                pairs.push((i, j));
                continue;
            }
            Work::Stretch(s0, s1, o0, o1) => (s0, s1, o0, o1),
        };
        while s0 < s1 && o0 < o1 && source[s0] == output[o0] {
            pairs.push((s0, o0));
            s0 += 1;
            o0 += 1;
        }
        let mut tail = Vec::new();
        while s0 < s1 && o0 < o1 && source[s1 - 1] == output[o1 - 1] {
            s1 -= 1;
            o1 -= 1;
            tail.push(Work::Pair(s1, o1));
        }
        // Later work first on the stack: the tail pairs go after the middle.
        work.extend(tail);
        if s0 == s1 || o0 == o1 {
            continue;
        }
        if (s1 - s0).saturating_mul(o1 - o0) <= GAP_CELLS {
            pairs.extend(lcs(&source[s0..s1], &output[o0..o1], s0, o0));
            continue;
        }
        let anchors = unique_chain(&source[s0..s1], &output[o0..o1]);
        if anchors.is_empty() {
            pairs.extend(lookahead(&source[s0..s1], &output[o0..o1], s0, o0));
            continue;
        }
        // Stretches between anchors, pushed in reverse so that they come out in order.
        let mut bounds = vec![(s0, o0)];
        let mut middle = Vec::new();
        for &(i, j) in &anchors {
            let (ps, po) = *bounds.last().expect("starts with one");
            middle.push(Work::Stretch(ps, s0 + i, po, o0 + j));
            middle.push(Work::Pair(s0 + i, o0 + j));
            bounds.push((s0 + i + 1, o0 + j + 1));
        }
        let (ps, po) = *bounds.last().expect("starts with one");
        middle.push(Work::Stretch(ps, s1, po, o1));
        work.extend(middle.into_iter().rev());
    }
    pairs
}

/// A longest common subsequence by the n×m table (callers keep n×m bounded), with offsets added.
fn lcs(source: &[String], output: &[String], s0: usize, o0: usize) -> Vec<(usize, usize)> {
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
            pairs.push((s0 + i, o0 + j));
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

/// Runs that occur exactly once on each side, paired: the longest chain of them in order on both
/// sides (patience sorting, n log n).
fn unique_chain(source: &[String], output: &[String]) -> Vec<(usize, usize)> {
    // value → (count in source, index, count in output, index)
    let mut seen: HashMap<&str, (u32, usize, u32, usize)> = HashMap::new();
    for (i, r) in source.iter().enumerate() {
        let e = seen.entry(r.as_str()).or_insert((0, i, 0, 0));
        e.0 += 1;
    }
    for (j, r) in output.iter().enumerate() {
        if let Some(e) = seen.get_mut(r.as_str()) {
            e.2 += 1;
            e.3 = j;
        }
    }
    let mut candidates: Vec<(usize, usize)> = seen
        .values()
        .filter(|e| e.0 == 1 && e.2 == 1)
        .map(|e| (e.1, e.3))
        .collect();
    candidates.sort_unstable();
    // Longest increasing subsequence of the output indices.
    let mut tops: Vec<usize> = Vec::new(); // candidate index ending a chain of each length
    let mut back: Vec<Option<usize>> = vec![None; candidates.len()];
    for (k, &(_, j)) in candidates.iter().enumerate() {
        let len = tops.partition_point(|&t| candidates[t].1 < j);
        back[k] = len.checked_sub(1).map(|l| tops[l]);
        if len == tops.len() {
            tops.push(k);
        } else {
            tops[len] = k;
        }
    }
    let mut chain = Vec::new();
    let mut k = tops.last().copied();
    while let Some(c) = k {
        chain.push(candidates[c]);
        k = back[c];
    }
    chain.reverse();
    chain
}

/// How far [`lookahead`] looks for the next occurrence of a run.
const LOOKAHEAD: usize = 64;

/// Where each value occurs, in order, for "the next occurrence at or after".
struct Occurrences<'a> {
    at: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Occurrences<'a> {
    fn new(runs: &'a [String]) -> Self {
        let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, r) in runs.iter().enumerate() {
            at.entry(r.as_str()).or_default().push(i);
        }
        Occurrences { at }
    }

    /// The distance from `from` to the next occurrence of `value`, if within [`LOOKAHEAD`].
    fn distance(&self, value: &str, from: usize) -> Option<usize> {
        let list = self.at.get(value)?;
        let k = list.partition_point(|&p| p < from);
        list.get(k).map(|&p| p - from).filter(|&d| d <= LOOKAHEAD)
    }
}

/// A stretch without anchors (the same few values over and over): a diff with bounded look-ahead,
/// O((n + m) log n). At a difference, the side whose next match is nearer is skipped; when neither is
/// near, both runs are passed over.
fn lookahead(source: &[String], output: &[String], s0: usize, o0: usize) -> Vec<(usize, usize)> {
    let in_source = Occurrences::new(source);
    let in_output = Occurrences::new(output);
    let (n, m) = (source.len(), output.len());
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::new();
    while i < n && j < m {
        if source[i] == output[j] {
            pairs.push((s0 + i, o0 + j));
            i += 1;
            j += 1;
            continue;
        }
        let skip_output = in_output.distance(&source[i], j);
        let skip_source = in_source.distance(&output[j], i);
        match (skip_output, skip_source) {
            (Some(a), Some(b)) if a <= b => j += a,
            (Some(a), None) => j += a,
            (_, Some(b)) => i += b,
            (None, None) => {
                i += 1;
                j += 1;
            }
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

fn context(chars: &[char], at: usize, len: usize) -> String {
    let from = at.saturating_sub(12).min(chars.len());
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
    let pairs = align(&runs, &out);
    let mut matched = vec![false; runs.len()];
    let mut used = vec![false; out.len()];
    for &(i, j) in &pairs {
        matched[i] = true;
        used[j] = true;
    }
    // An unmatched run may be written split (a repaired date) or moved a little (a label continued
    // after its figure): look around where it belongs, between the pairs before and after it (at most
    // WINDOW runs of the output, so that a long unmatched stretch costs linear time).
    const SLACK: usize = 12;
    const WINDOW: usize = 256;
    let mut lost = Vec::new();
    let mut next_pair = 0; // the first pair with source index > i
    for i in (0..runs.len()).filter(|&i| !matched[i]) {
        while next_pair < pairs.len() && pairs[next_pair].0 <= i {
            next_pair += 1;
        }
        let before = next_pair.checked_sub(1).map_or(0, |k| pairs[k].1 + 1);
        let after = pairs.get(next_pair).map_or(out.len(), |p| p.1);
        let from = before.saturating_sub(SLACK);
        let to = (after.max(before).min(before + WINDOW) + SLACK).min(out.len());
        if let Some(j) = (from..to).find(|&j| !used[j] && out[j] == runs[i]) {
            used[j] = true;
        } else if !concatenated(&runs[i], &out[from..to]) {
            lost.push(i);
        }
    }
    // The characters of each source line with losses, once.
    let mut chars: HashMap<usize, Vec<char>> = HashMap::new();
    let losses = lost
        .into_iter()
        .map(|i| {
            let (k, run, at) = &kept[i];
            let source = &cleaned.sources[*k];
            let chars = chars
                .entry(*k)
                .or_insert_with(|| drop_thousands(&source.text).chars().collect());
            Loss {
                line: source.line,
                context: context(chars, *at, run.chars().count()),
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

    /// The linear path (anchors, exact stretches, look-ahead) pairs what the table does on a body
    /// with restored dates, a dropped figure and repeated small figures, at a size beyond the table.
    #[test]
    fn long_bodies_align_like_the_table() {
        let mut source = Vec::new();
        let mut output = Vec::new();
        for k in 0..1000 {
            let unique = (10_000 + k).to_string();
            source.extend([unique.clone(), "1".to_string(), "202311".to_string()]);
            output.extend([
                unique,
                "1".to_string(),
                "2023".to_string(),
                "1".to_string(),
                "1".to_string(),
            ]);
            if k % 7 == 0 {
                source.push("57".to_string());
            }
        }
        assert!(source.len() * output.len() > EXACT_CELLS);
        let fast = align(&source, &output);
        let exact = lcs(&source, &output, 0, 0);
        assert_eq!(fast.len(), exact.len());
        assert!(fast.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        assert!(fast.iter().all(|&(i, j)| source[i] == output[j]));
        // Nothing in common at all, and all equal: no table, no time.
        let zeros = vec!["0".to_string(); 200_000];
        let ones = vec!["1".to_string(); 200_000];
        assert!(align(&zeros, &ones).is_empty());
        assert_eq!(align(&zeros, &zeros).len(), zeros.len());
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
