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
//!
//! Rows are also written without the leading pipe (`规章 | 0 | 0 | 0 | |`): such a line ends with a pipe, and
//! a run of them is a table only where two of its rows hold figures. A table flattened one cell a line with
//! each cell closed by a pipe (`规章 |`, `167 | |`) loses its pipes and is read as the other flattened tables.

use super::{Block, Grid, GridCell, Line};

fn is_pipe(c: char) -> bool {
    c == '|' || c == '｜'
}

/// What a line holding pipes is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// No pipe (or a pipe inside a sentence): plain text.
    Text,
    /// Pipes alone (`|||`): the empty cells of a merged header, nothing else.
    Pipes,
    /// One cell closed by a pipe, then perhaps the empty cells its row ends with: `规章 |`, `167 | |`,
    /// `第二十条第(一)项 | ||||` — a cell of a table flattened one cell a line, or a row of one cell.
    Cell,
    /// A row of cells: `| 规章 | 0 | 0 | 0 |`, or the same without the leading pipe as long as it ends with
    /// one (`规章 | 0 | 0 | 0 | |`).
    Row,
}

fn shape(text: &str) -> Shape {
    let t = text.trim_matches(super::clean::is_blank_char);
    if !t.contains(is_pipe) {
        return Shape::Text;
    }
    if t.chars()
        .all(|c| is_pipe(c) || super::clean::is_blank_char(c))
    {
        return Shape::Pipes;
    }
    if t.starts_with(is_pipe) {
        return Shape::Row;
    }
    let first = t.find(is_pipe).unwrap_or(t.len());
    let rest = &t[first..];
    if rest
        .chars()
        .all(|c| is_pipe(c) || super::clean::is_blank_char(c))
    {
        return Shape::Cell;
    }
    // Without the leading pipe, only a line that ends as a row does and holds no sentence is a row.
    if t.ends_with(is_pipe) && !t.contains(['。', '！', '？', '；']) {
        return Shape::Row;
    }
    Shape::Text
}

/// The cells of a pipe row (a [`Shape::Row`] or [`Shape::Cell`] line), or `None` when it holds no text.
fn row_cells(text: &str) -> Option<Vec<String>> {
    let t = text.trim_matches(super::clean::is_blank_char);
    let rest = t.strip_prefix(is_pipe).unwrap_or(t);
    let rest = rest.strip_suffix(is_pipe).unwrap_or(rest);
    let mut cells: Vec<String> = rest
        .split(is_pipe)
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

/// A table flattened to one cell a line, each cell closed by a pipe (`规章 |`, `0 |`; the last cell of a row
/// often followed by the empty cells the row ends with, `167 | |`; `|||` alone for the empty cells a merged
/// header left): the pipes go, so that the cells are read as the other flattened tables are (one cell a
/// line), and a line of pipes alone, holding no text, is left out. A run of lines with pipes is such a table
/// when its one-cell lines outnumber its rows of several cells; otherwise it is a table of rows, whose
/// one-cell lines (`第二十条第(一)项 | |||`) are rows too.
fn unpipe_cells(blocks: Vec<Block>) -> Vec<Block> {
    let shapes: Vec<Shape> = blocks
        .iter()
        .map(|b| match b {
            Block::Line(l) => shape(&l.text),
            Block::Table(_) => Shape::Text,
        })
        .collect();
    // Only where such cells come in numbers: a sentence ending with a stray pipe stays as it is.
    if shapes.iter().filter(|s| **s == Shape::Cell).count() < 4 {
        return blocks;
    }
    // Runs of lines with pipes, and whether each is a flattened table.
    let mut flattened = vec![false; blocks.len()];
    let mut i = 0;
    while i < shapes.len() {
        if shapes[i] == Shape::Text {
            i += 1;
            continue;
        }
        let end = (i..shapes.len())
            .find(|&j| shapes[j] == Shape::Text)
            .unwrap_or(shapes.len());
        let count = |s: Shape| shapes[i..end].iter().filter(|x| **x == s).count();
        let flat = count(Shape::Cell) > count(Shape::Row);
        flattened[i..end].iter_mut().for_each(|f| *f = flat);
        i = end;
    }
    blocks
        .into_iter()
        .zip(shapes)
        .zip(flattened)
        .filter(|((_, s), flat)| !(*flat && *s == Shape::Pipes))
        .map(|((b, s), flat)| match b {
            Block::Line(mut l) if flat && s == Shape::Cell => {
                let t = l.text.trim_matches(super::clean::is_blank_char);
                let cell = &t[..t.find(is_pipe).unwrap_or(t.len())];
                l.text = cell
                    .trim_end_matches(super::clean::is_blank_char)
                    .to_string();
                Block::Line(l)
            }
            _ => b,
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
        // Rows written without the leading pipe are a table's only where figures show it: page information
        // written the same way (`索引号: | 2015-26440 | 公开方式: | 主动公开 |`) is not.
        let bare = run.iter().any(|(l, _)| {
            !l.text
                .trim_start_matches(super::clean::is_blank_char)
                .starts_with(is_pipe)
        });
        let with_figures = run
            .iter()
            .filter(|(_, c)| c.iter().any(|c| super::tables::is_number(c)))
            .count();
        if run.len() >= 2 && wide >= 1 && (!bare || with_figures >= 2) {
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
            Block::Line(l) => match matches!(shape(&l.text), Shape::Row | Shape::Cell)
                .then(|| row_cells(&l.text))
                .flatten()
            {
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

    /// The lines through [`tables`], a grid written `<cell,cell,…>`.
    fn through(rows: &[&str]) -> Vec<String> {
        let blocks = rows
            .iter()
            .enumerate()
            .map(|(n, t)| line(t, n + 1))
            .collect();
        tables(blocks)
            .iter()
            .map(|b| match b {
                Block::Line(l) => l.text.clone(),
                Block::Table(g) => format!(
                    "<{}>",
                    g.cells
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            })
            .collect()
    }

    #[test]
    fn rows_without_the_leading_pipe_ending_with_empty_cells() {
        let rows = [
            "二、主动公开政府信息情况",
            "第二十条第(五)项 | |||",
            "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |",
            "行政许可 | 7 | 2 | 31 | |",
            "行政事业性收费 | 3 | 0 |",
            "据统计,全年收费 | 合计 3 项。",
            "三、收到和处理政府信息公开申请情况",
        ];
        assert_eq!(
            through(&rows),
            [
                "二、主动公开政府信息情况",
                "<第二十条第(五)项,信息内容,上一年项目数量,本年增/减,处理决定数量,行政许可,7,2,31,行政事业性收费,3,0>",
                "据统计,全年收费 | 合计 3 项。",
                "三、收到和处理政府信息公开申请情况",
            ]
        );
    }

    #[test]
    fn page_information_written_as_bare_rows_stays_text() {
        let rows = [
            "索引号: | /2016-31377 | 公开方式: | 主动公开 |",
            "文号: | 公开日期: | 2016-04-12 09:30 | |",
            "发布单位: | 某某镇 |",
            "某某镇2015年政府信息公开工作年报 |",
        ];
        assert_eq!(through(&rows), rows);
    }

    #[test]
    fn cells_closed_by_pipes_and_empty_cells_lose_their_pipes() {
        let rows = [
            "第二十条第(六)项 | ||||",
            "信息内容 |",
            "上一年项目数量 |",
            "处理决定数量 | |",
            "行政处罚 |",
            "12 |",
            "340 | |",
            "||||",
            "行政强制 |",
            "1 |",
            "9 | |",
        ];
        assert_eq!(
            through(&rows),
            [
                "第二十条第(六)项",
                "信息内容",
                "上一年项目数量",
                "处理决定数量",
                "行政处罚",
                "12",
                "340",
                "行政强制",
                "1",
                "9"
            ]
        );
        // Three such lines are not enough to call a page a flattened table.
        let few = ["规章 |", "说明 | |", "0 |"];
        assert_eq!(through(&few), few);
    }
}
