//! Other tables: a header of labels and rows of figures from text tokens, or an HTML grid as it is.

use super::standard::{take_values, Parsed};
use super::tokens::{is_na, is_number, Kind, Tok};
use super::MTable;
use crate::clean::{drop_thousands, tidy};
use crate::Grid;

/// A table that is no standard table, from text tokens: a header of `w` labels, then rows of a label and up
/// to `w − 1` values. The width is the one most rows fit.
pub(super) fn generic_at(toks: &[Tok], start: usize) -> Option<Parsed> {
    let labels = toks[start..]
        .iter()
        .take_while(|t| t.kind == Kind::Label)
        .count();
    let mut best: Option<(usize, usize, Vec<Vec<String>>, usize)> = None; // (w, full rows, rows, end)
    for w in 2..=labels.min(10) {
        let mut i = start + w;
        if toks.get(i).is_none_or(|t| t.kind != Kind::Label) {
            continue;
        }
        let mut rows: Vec<(Vec<String>, usize)> = Vec::new(); // (cells, values)
        let mut full = 0;
        let mut ok = true;
        while i < toks.len() && toks[i].kind == Kind::Label && toks[i].text.chars().count() <= 60 {
            let values = take_values(toks, i + 1, w - 1);
            if let Some(next) = toks.get(i + 1 + values.len()) {
                if values.len() == w - 1 && matches!(next.kind, Kind::Value | Kind::Unit) {
                    ok = false;
                    break;
                }
            }
            if values.len() == w - 1 {
                full += 1;
            }
            let mut cells = vec![toks[i].text.clone()];
            let skip = (w - 1) - values.len();
            cells.extend(std::iter::repeat_n(String::new(), skip));
            cells.extend(values.iter().map(|t| drop_thousands(&t.text)));
            rows.push((cells, values.len()));
            i += 1 + values.len();
        }
        while rows.last().is_some_and(|(_, v)| *v == 0) {
            rows.pop();
        }
        if !ok {
            continue;
        }
        let with_values = rows.iter().filter(|(_, v)| *v > 0).count();
        if with_values < 2 || full * 2 < with_values {
            continue;
        }
        let end = start + w + rows.iter().map(|(_, v)| 1 + v).sum::<usize>();
        if best.as_ref().is_none_or(|b| full > b.1) {
            best = Some((w, full, rows.into_iter().map(|(c, _)| c).collect(), end));
        }
    }
    let (w, _, rows, end) = best?;
    let header: Vec<String> = toks[start..start + w]
        .iter()
        .map(|t| t.text.clone())
        .collect();
    let mut numeric = vec![false];
    for c in 1..w {
        let figures = rows
            .iter()
            .filter(|r| r.get(c).is_some_and(|v| is_number(v) || is_na(v)))
            .count();
        let filled = rows
            .iter()
            .filter(|r| r.get(c).is_some_and(|v| !v.is_empty()))
            .count();
        numeric.push(filled > 0 && figures * 2 >= filled);
    }
    Some(Parsed {
        end,
        before: Vec::new(),
        table: MTable {
            header,
            rows,
            numeric,
            line: toks[start].line,
        },
        score: 0.0,
        name: String::new(),
        notes: Vec::new(),
    })
}

/// A grid written as it is: the first row is the header; a merged cell's text stands in its first position
/// (and, down the first column, in every row it spans).
pub(super) fn plain_grid(g: &Grid) -> Option<MTable> {
    let (w, h) = (g.width(), g.height());
    if w == 0 || h == 0 {
        return None;
    }
    let mut cells = vec![vec![String::new(); w]; h];
    for c in &g.cells {
        let text = tidy(&c.text);
        let text = if is_number(&text) {
            drop_thousands(&text)
        } else {
            text
        };
        cells[c.row][c.col] = text.clone();
        if c.col == 0 {
            for row in cells.iter_mut().take(c.row + c.rowspan).skip(c.row + 1) {
                row[0] = text.clone();
            }
        }
    }
    // Drop rows and columns that are entirely empty.
    cells.retain(|r| r.iter().any(|c| !c.is_empty()));
    let keep: Vec<bool> = (0..w)
        .map(|c| cells.iter().any(|r| !r[c].is_empty()))
        .collect();
    let cells: Vec<Vec<String>> = cells
        .into_iter()
        .map(|r| {
            r.into_iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c)
                .collect()
        })
        .collect();
    let mut it = cells.into_iter();
    let header = it.next()?;
    let rows: Vec<Vec<String>> = it.collect();
    let width = header.len();
    let numeric = (0..width)
        .map(|c| {
            let filled = rows.iter().filter(|r| !r[c].is_empty()).count();
            let figures = rows
                .iter()
                .filter(|r| is_number(&r[c]) || is_na(&r[c]))
                .count();
            c > 0 && filled > 0 && figures * 2 >= filled
        })
        .collect();
    Some(MTable {
        header,
        rows,
        numeric,
        line: g.line,
    })
}
