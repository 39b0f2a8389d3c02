//! Rebuilding tables: the standard tables of the 2021, 2019 and pre-2019 formats from HTML grids and from text
//! where each cell became its own line (or a row became one line of tab- or space-separated cells), and other
//! tables as they are.
//!
//! Both kinds of input become a stream of *tokens* — one per HTML cell in document order, or one per cell-like
//! line of text — which is exactly how a table flattens when it is scraped. A standard table is recognised by
//! its corner (第二十条第（一）项, 信息内容, 申请人情况, the printed 勾稽关系 note, 统计指标, 行政复议 … 行政诉讼)
//! and read against the standard table's data: header labels (merging labels split across lines — 商业 / 企业
//! — and dropping spanning headers such as 法人或其他组织), then rows (a label matched through variants,
//! width, traditional characters and ordinals, followed by its figures). 表四's official single row of 15
//! figures is written transposed, as the markup wants it. Labels are written as the report wrote them, so the
//! checker still sees a non-standard label.
//!
//! Tokens that no table takes are given back as text: nothing is dropped here.

use nianbao_core::formats::Format;

use super::clean::tidy;
use super::{Block, Grid, Line};

mod generic;
mod standard;
mod tokens;

use generic::{generic_at, plain_grid};
use standard::{standard_at, Parsed};
pub use tokens::is_number;
use tokens::{classify, line_tokens, Kind, Tok};

/// A table in markup terms: a header row, data rows, which columns hold figures.
#[derive(Debug, Clone, PartialEq)]
pub struct MTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Per column (the corner included): right-aligned figures.
    pub numeric: Vec<bool>,
    /// Source line of the table.
    pub line: usize,
}

/// A piece of the body in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A line of text: a heading or a paragraph (the writer decides).
    Text(Line),
    Table(MTable),
}

#[derive(Debug, Default)]
pub struct Extracted {
    pub pieces: Vec<Piece>,
    pub notes: Vec<String>,
    /// Standard tables recognised, for the summary.
    pub recognised: Vec<String>,
}

/// Recognises the tables of the body. `format` is the format of the report's year: preferred when a table fits
/// two formats equally well.
pub fn extract(body: &[Block], format: Option<&'static Format>) -> Extracted {
    let mut out = Extracted::default();
    let mut run: Vec<&Line> = Vec::new();
    for block in body {
        match block {
            Block::Line(l) => run.push(l),
            Block::Table(g) => {
                text_run(&run, format, &mut out);
                run.clear();
                grid(g, format, &mut out);
            }
        }
    }
    text_run(&run, format, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------------------------------------------

enum Seg {
    Table(Parsed, usize),
    Token(usize),
}

fn scan(toks: &[Tok], preferred: Option<&'static Format>, generic: bool) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(p) = standard_at(toks, i, preferred).filter(|p| p.end > i) {
            let end = p.end;
            segs.push(Seg::Table(p, i));
            i = end;
            continue;
        }
        if generic && (i == 0 || toks[i - 1].kind != Kind::Label) {
            if let Some(p) = generic_at(toks, i).filter(|p| p.end > i) {
                // A standard table starting inside the span takes precedence.
                let inner = (i + 1..p.end).find(|&j| standard_at(toks, j, preferred).is_some());
                if inner.is_none() {
                    let end = p.end;
                    segs.push(Seg::Table(p, i));
                    i = end;
                    continue;
                }
            }
        }
        segs.push(Seg::Token(i));
        i += 1;
    }
    segs
}

fn push_table(p: Parsed, out: &mut Extracted) {
    for b in &p.before {
        out.pieces.push(Piece::Text(Line {
            text: b.clone(),
            line: p.table.line,
        }));
    }
    if !p.name.is_empty() {
        out.recognised.push(p.name.clone());
    }
    out.notes.extend(p.notes);
    out.pieces.push(Piece::Table(p.table));
}

/// Lines of text: tables made of cell-per-line text are rebuilt; other lines pass through unchanged.
fn text_run(lines: &[&Line], preferred: Option<&'static Format>, out: &mut Extracted) {
    if lines.is_empty() {
        return;
    }
    let toks: Vec<Tok> = lines
        .iter()
        .enumerate()
        .flat_map(|(u, l)| line_tokens(l, u))
        .collect();
    let segs = scan(&toks, preferred, true);
    let mut consumed = vec![false; lines.len()];
    let mut partly = vec![false; lines.len()];
    for s in &segs {
        if let Seg::Table(p, start) = s {
            for t in &toks[*start..p.end] {
                partly[t.unit] = true;
            }
        }
    }
    for (u, c) in consumed.iter_mut().enumerate() {
        *c = partly[u]
            && !segs
                .iter()
                .any(|s| matches!(s, Seg::Token(i) if toks[*i].unit == u));
    }
    let mut emitted = vec![false; lines.len()];
    for s in segs {
        match s {
            Seg::Table(p, _) => push_table(p, out),
            Seg::Token(i) => {
                let u = toks[i].unit;
                if emitted[u] || consumed[u] {
                    continue;
                }
                emitted[u] = true;
                let text = if partly[u] {
                    // The rest of a line partly taken by a table.
                    let rest: Vec<&str> = toks
                        .iter()
                        .enumerate()
                        .filter(|(j, t)| t.unit == u && *j >= i)
                        .map(|(_, t)| t.text.as_str())
                        .collect();
                    rest.join(" ")
                } else {
                    lines[u].text.clone()
                };
                out.pieces.push(Piece::Text(Line {
                    text,
                    line: lines[u].line,
                }));
            }
        }
    }
}

/// An HTML table: standard tables read from its cells in document order; otherwise the grid as it is.
fn grid(g: &Grid, preferred: Option<&'static Format>, out: &mut Extracted) {
    let toks: Vec<Tok> = g
        .cells
        .iter()
        .enumerate()
        .map(|(u, c)| {
            let text = tidy(&c.text);
            Tok {
                kind: classify(&text),
                text,
                unit: u,
                line: g.line,
            }
        })
        .collect();
    let segs = scan(&toks, preferred, false);
    if !segs.iter().any(|s| matches!(s, Seg::Table(..))) {
        if let Some(t) = plain_grid(g) {
            out.pieces.push(Piece::Table(t));
        }
        return;
    }
    // Leftover cells, one line per grid row.
    let mut pending: Vec<(usize, String)> = Vec::new();
    let flush = |pending: &mut Vec<(usize, String)>, out: &mut Extracted| {
        if pending.is_empty() {
            return;
        }
        let text = pending
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        out.pieces.push(Piece::Text(Line { text, line: g.line }));
        pending.clear();
    };
    for s in segs {
        match s {
            Seg::Table(p, _) => {
                flush(&mut pending, out);
                push_table(p, out);
            }
            Seg::Token(i) => {
                let t = &toks[i];
                if t.kind == Kind::Blank {
                    continue;
                }
                let row = g.cells[t.unit].row;
                if pending.last().is_some_and(|(r, _)| *r != row) {
                    flush(&mut pending, out);
                }
                pending.push((row, t.text.clone()));
            }
        }
    }
    flush(&mut pending, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Block> {
        super::super::text_blocks(text)
    }

    fn tables(text: &str) -> Vec<MTable> {
        extract(&lines(text), None)
            .pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn numbers() {
        for yes in [
            "0",
            "21820",
            "12.5",
            "+1036",
            "-4",
            "251000元",
            "0.5万元",
            "100%",
            "21,820",
            "１２３",
            "7100余",
        ] {
            assert!(is_number(yes), "{yes}");
        }
        for no in ["2023年", "第1", "0759-7763434", "12.", "1,2", "一"] {
            assert!(!is_number(no), "{no}");
        }
    }

    #[test]
    fn cell_per_line_block_of_table_two() {
        let t = tables("第二十条第(一)项\n\n信息内容\n\n本年发件\n\n本年废止件数\n\n现行有效件\n\n规章\n\n0\n\n0\n\n0\n\n行政规范性文件\n\n1\n\n12\n\n27\n\n三、收到和处理政府信息公开申请情况\n");
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].header,
            ["第二十条第(一)项", "本年发件", "本年废止件数", "现行有效件"]
        );
        assert_eq!(
            t[0].rows,
            [["规章", "0", "0", "0"], ["行政规范性文件", "1", "12", "27"]]
        );
    }

    #[test]
    fn rows_on_one_line_and_split_labels() {
        let t = tables(
            "行政复议\n行政诉讼\n结果维持\n结果\n纠正\n其他\n结果\n尚未\n审结\n总计\n未经复议直接起诉\n复议后起诉\n\
             结果维持 结果纠正 其他结果 尚未审结 总计\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n\
             0 1 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n",
        );
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(
            t[0].header,
            [
                "复议诉讼情况",
                "结果维持",
                "结果纠正",
                "其他结果",
                "尚未审结",
                "总计"
            ]
        );
        assert_eq!(t[0].rows[0], ["行政复议", "0", "1", "0", "0", "1"]);
        assert_eq!(t[0].rows[2][0], "行政诉讼（复议后起诉）");
    }

    #[test]
    fn rows_copied_with_spaces() {
        let t = tables(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n\
             自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n\
             一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n\
             （七）总计 5 0 0 0 0 0 5\n四、结转下年度继续办理 0 0 0 0 0 0 0\n",
        );
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].header.len(), 8);
        assert_eq!(t[0].header[7], "总计");
        assert_eq!(
            t[0].rows[0],
            [
                "一、本年新收政府信息公开申请数量",
                "5",
                "0",
                "0",
                "0",
                "0",
                "0",
                "5"
            ]
        );
    }

    #[test]
    fn generic_table_from_lines() {
        let t = tables("推进重点领域政府信息公开\n单位\n统计数\n(一)财政资金信息公开情况\n1.公开预算信息部门数\n个\n172\n(二)公开医疗卫生信息数\n28\n三、依申请公开情况\n本年度受理申请5件。\n");
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].header, ["推进重点领域政府信息公开", "单位", "统计数"]);
        assert_eq!(
            t[0].rows.last().unwrap(),
            &["(二)公开医疗卫生信息数", "", "28"]
        );
    }

    #[test]
    fn headers_cut_short_and_changes_written_in_words() {
        let t = tables(
            "第二十条第(一)项\n信息内容\n本年新\n本年新\n对外公开总数量\n规章\n0\n0\n0\n规范性文件\n6\n5\n41\n\
             第二十条第(五)项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n行政许可\n33\n增4\n260\n\
             其他对外管理服务事项\n8\n1/2\n17\n四、存在的主要问题及改进情况\n",
        );
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(
            t[0].header,
            ["第二十条第(一)项", "本年新", "本年新", "对外公开总数量"]
        );
        assert_eq!(t[0].rows[1], ["规范性文件", "6", "5", "41"]);
        assert_eq!(t[1].rows[0], ["行政许可", "33", "增4", "260"]);
        assert_eq!(t[1].rows[1], ["其他对外管理服务事项", "8", "1/2", "17"]);
        // Cut headers that begin a column of another place are not taken for it.
        let t = tables("第二十条第(一)项\n信息内容\n对外\n对外\n本年新\n规章\n0\n0\n0\n");
        assert!(t.is_empty(), "{t:?}");
    }
}
