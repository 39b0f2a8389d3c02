//! `section-ordinal`: the ordinals of the top-level headings (一、 to 六、 in
//! the 2019 and 2021 formats, 一、二、… in reports of earlier years) run in
//! order, and nothing stands before them.

use super::{diag, Code};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::semantic::sections::{chinese_numeral, heading_ordinal};
use crate::semantic::{Context, FormatId};

/// One numbered heading.
struct Numbered {
    section: usize,
    /// Byte range of the numeral in the text.
    numeral: std::ops::Range<usize>,
    written: u32,
    /// What it should be: the format's number of the section it is, else one
    /// more than what the previous heading should be (the first heading's
    /// own number for the first).
    expected: u32,
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let report = cx.report;
    let ordinals: Vec<_> = report
        .sections
        .iter()
        .map(|s| heading_ordinal(&s.title))
        .collect();
    // Stray characters before an ordinal, at any level.
    for (s, o) in report.sections.iter().zip(&ordinals) {
        let Some(o) = o else { continue };
        if o.noise.is_empty() {
            continue;
        }
        let start = s.title_range.start;
        let noise = &s.title[o.noise.clone()];
        let numeral = &s.title[o.numeral.clone()];
        out.push(
            diag(
                Code::SectionOrdinal,
                start + o.noise.start..start + o.noise.end,
                format!("标题序号“{numeral}、”前有多余的字符“{noise}”（多半是粘贴或识别带入的）"),
            )
            .fix(
                format!("删除“{noise}”"),
                start + o.noise.start..start + o.numeral.start,
                "",
            ),
        );
    }
    // The sequence: the shallowest level numbered 一、二、…, per parent.
    let Some(level) = report
        .sections
        .iter()
        .zip(&ordinals)
        .filter(|(_, o)| o.is_some())
        .map(|(s, _)| s.level)
        .min()
    else {
        return;
    };
    // The format's numbers only when the format is known (年度 or 格式
    // written), not the default a report without front matter falls back to.
    let known = cx.year.is_some() || cx.report.front.format().is_some();
    // The format's number of each section that is one of its sections (the
    // first match of a heading, looked up by index: a search per heading
    // would be quadratic in a long text of many reports).
    let mut by_format: Vec<Option<u32>> = vec![None; report.sections.len()];
    if matches!(cx.format, FormatId::Gov2021 | FormatId::Gov2019) && level == 1 && known {
        for (k, sec) in cx.matched_sections().iter().rev() {
            by_format[*k] = crate::semantic::sections::chinese_value(&sec.no);
        }
    }
    let mut parents: Vec<Option<usize>> = Vec::new();
    for (s, o) in report.sections.iter().zip(&ordinals) {
        if s.level == level && o.is_some() && !parents.contains(&s.parent) {
            parents.push(s.parent);
        }
    }
    for parent in parents {
        let mut run: Vec<Numbered> = Vec::new();
        for (i, (s, o)) in report.sections.iter().zip(&ordinals).enumerate() {
            let Some(o) = o else { continue };
            if s.level != level || s.parent != parent {
                continue;
            }
            let by_format = by_format[i];
            // The first heading anchors the count unless the format says
            // which section it is (an excerpt may begin at 二).
            let expected = by_format.unwrap_or(run.last().map_or(o.value, |p| p.expected + 1));
            let start = s.title_range.start;
            run.push(Numbered {
                section: i,
                numeral: start + o.numeral.start..start + o.numeral.end,
                written: o.value,
                expected,
            });
        }
        sequence(cx, &run, out);
    }
}

/// Report each run of headings numbered off by the same amount, when the run
/// begins where the written numbering itself breaks (a gap, a repeat, a step
/// back): a report that adds a section of its own and numbers on is not
/// misnumbered.
fn sequence(cx: &Context, run: &[Numbered], out: &mut Vec<Diagnostic>) {
    let delta = |h: &Numbered| i64::from(h.written) - i64::from(h.expected);
    let mut i = 0;
    while i < run.len() {
        let d = delta(&run[i]);
        if d == 0 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < run.len() && delta(&run[j]) == d {
            j += 1;
        }
        let breaks = match i {
            0 => true,
            _ => run[i].written != run[i - 1].written + 1,
        };
        if breaks {
            out.push(finding(cx, &run[..i], &run[i..j]));
        }
        i = j;
    }
}

fn finding(cx: &Context, before: &[Numbered], wrong: &[Numbered]) -> Diagnostic {
    let first = &wrong[0];
    let title = |h: &Numbered| cx.report.sections[h.section].title.as_str();
    let written = chinese_numeral(first.written);
    let expected = chinese_numeral(first.expected);
    let why = match before.last() {
        None => "第一个标题".to_string(),
        Some(p) if p.written == first.written => {
            format!("与上一个标题“{}”重复", title(p))
        }
        Some(p) => format!("上一个标题是“{}”", title(p)),
    };
    let message = if wrong.len() == 1 {
        format!(
            "标题“{}”的序号应为“{expected}”，而不是“{written}”（{why}）",
            title(first)
        )
    } else {
        let last = wrong.last().unwrap();
        format!(
            "从“{}”起的 {} 个标题序号都{}了{}：应依次为{}至{}，写的是{}至{}（{why}）",
            title(first),
            wrong.len(),
            if first.written > first.expected {
                "多"
            } else {
                "少"
            },
            first.written.abs_diff(first.expected),
            expected,
            chinese_numeral(last.expected),
            written,
            chinese_numeral(last.written)
        )
    };
    let mut d = diag(Code::SectionOrdinal, first.numeral.clone(), message);
    for h in &wrong[1..] {
        d = d.related(
            h.numeral.clone(),
            format!("“{}”应为“{}”", title(h), chinese_numeral(h.expected)),
        );
    }
    let edits = wrong
        .iter()
        .map(|h| Edit {
            range: h.numeral.clone(),
            new_text: chinese_numeral(h.expected),
        })
        .collect();
    let fix_title = if wrong.len() == 1 {
        format!("改为“{expected}”")
    } else {
        format!(
            "依次改为{}至{}",
            expected,
            chinese_numeral(wrong.last().unwrap().expected)
        )
    };
    d.fix = Some(Fix {
        title: fix_title,
        edits,
    });
    d
}
