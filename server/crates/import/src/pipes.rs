//! Tables written as pipe rows in plain text: page texts saved by scrapers (and by hand) often carry an HTML
//! table as markdown-like rows, one row a line:
//!
//! ```text
//! | (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||
//! | 自然人 | 法人或其他组织 | 总计 | |||||||
//! | 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||
//! ```
//!
//! A run of such lines becomes one [`Grid`] — the same grid an HTML table gives — so that the standard tables
//! are rebuilt by the same code (`tables`). The spans of the page are lost in such text: the empty cells a
//! row ends with are what its merged cells left behind, and are dropped; empty cells between figures are kept
//! (a blank cell of the table). A markdown separator row (`| --- | ---: |`) is left out.

use super::{Block, Grid, GridCell, Line};

/// The cells of a pipe row, or `None` when the line is none: it starts with `|` and holds at least one cell
/// with text.
fn row_cells(text: &str) -> Option<Vec<String>> {
    let t = text.trim_matches(super::clean::is_blank_char);
    let rest = t.strip_prefix('|').or_else(|| t.strip_prefix('｜'))?;
    let rest = rest.strip_suffix('|').unwrap_or(rest);
    let mut cells: Vec<String> = rest
        .split(['|', '｜'])
        .map(|c| c.trim_matches(super::clean::is_blank_char).to_string())
        .collect();
    while cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    if cells.is_empty() {
        return None;
    }
    Some(cells)
}

fn is_separator(cells: &[String]) -> bool {
    cells.iter().all(|c| {
        !c.is_empty() && c.contains('-') && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
    })
}

/// A table flattened to one cell a line, each cell closed by a pipe (`规章 |`, `0 |`, and `|||` for the
/// empty cells a merged header left): the pipes go, so that the cells are read as the other flattened
/// tables are (one cell a line); a line of pipes alone holds no text and is left out.
fn unpipe_cells(blocks: Vec<Block>) -> Vec<Block> {
    let closed = |t: &str| {
        let t = t.trim_matches(super::clean::is_blank_char);
        t.len() > 1
            && (t.ends_with('|') || t.ends_with('｜'))
            && !t.starts_with(['|', '｜'])
            && t.matches(['|', '｜']).count() == 1
    };
    let only_pipes = |t: &str| {
        let t = t.trim_matches(super::clean::is_blank_char);
        !t.is_empty() && t.chars().all(|c| c == '|' || c == '｜')
    };
    // Only where such cells come in a run: a sentence ending with a stray pipe stays as it is.
    let runs = blocks
        .iter()
        .filter(|b| matches!(b, Block::Line(l) if closed(&l.text)))
        .count();
    if runs < 4 {
        return blocks;
    }
    blocks
        .into_iter()
        .filter(|b| !matches!(b, Block::Line(l) if only_pipes(&l.text)))
        .map(|b| match b {
            Block::Line(mut l) if closed(&l.text) => {
                let t = l.text.trim_end_matches(super::clean::is_blank_char);
                let t = t.trim_end_matches(['|', '｜']).trim_end().to_string();
                l.text = t;
                Block::Line(l)
            }
            other => other,
        })
        .collect()
}

/// Replaces each run of pipe rows (at least two, one of them with two cells or more) by a table grid.
pub fn tables(blocks: Vec<Block>) -> Vec<Block> {
    let blocks = unpipe_cells(blocks);
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut run: Vec<(Line, Vec<String>)> = Vec::new();
    let flush = |run: &mut Vec<(Line, Vec<String>)>, out: &mut Vec<Block>| {
        let wide = run.iter().filter(|(_, c)| c.len() >= 2).count();
        if run.len() >= 2 && wide >= 1 {
            let line = run[0].0.line;
            let mut cells = Vec::new();
            for (row, (_, cs)) in run.iter().filter(|(_, c)| !is_separator(c)).enumerate() {
                for (col, text) in cs.iter().enumerate() {
                    cells.push(GridCell {
                        row,
                        col,
                        rowspan: 1,
                        colspan: 1,
                        text: text.clone(),
                        header: false,
                    });
                }
            }
            out.push(Block::Table(Grid { cells, line }));
        } else {
            out.extend(run.drain(..).map(|(l, _)| Block::Line(l)));
        }
        run.clear();
    };
    for block in blocks {
        match block {
            Block::Line(l) => match row_cells(&l.text) {
                Some(cells) => run.push((l, cells)),
                None => {
                    flush(&mut run, &mut out);
                    out.push(Block::Line(l));
                }
            },
            other => {
                flush(&mut run, &mut out);
                out.push(other);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, n: usize) -> Block {
        Block::Line(Line {
            text: text.into(),
            line: n,
        })
    }

    #[test]
    fn pipe_rows_become_a_grid() {
        let blocks = vec![
            line("二、主动公开政府信息情况", 1),
            line("| 第二十条  第(一)项 | |||", 2),
            line(
                "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | ",
                3,
            ),
            line("| --- | ---: | ---: | ---: |", 4),
            line("| 规章 | 0 | | 0 | ", 5),
            line("三、收到和处理政府信息公开申请情况", 6),
            line("| 只有一行 | 1 |", 7),
            line("|", 8),
        ];
        let out = tables(blocks);
        assert_eq!(out.len(), 5);
        let Block::Table(g) = &out[1] else {
            panic!("{out:?}")
        };
        assert_eq!(g.line, 2);
        assert_eq!((g.width(), g.height()), (4, 3));
        let texts: Vec<&str> = g.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "第二十条  第(一)项",
                "信息内容",
                "本年制发件数",
                "本年废止件数",
                "现行有效件数",
                "规章",
                "0",
                "",
                "0"
            ]
        );
        // A lone pipe row and a bare pipe stay lines.
        assert!(matches!(&out[3], Block::Line(l) if l.line == 7));
        assert!(matches!(&out[4], Block::Line(l) if l.line == 8));
    }
}
