//! Lines and tables → blocks: paragraphs, headings, tables joined across pages, tables without rulings.

use super::*;

// ---------------------------------------------------------------------------------------------------------
// Layout.

#[derive(Debug)]
pub(super) enum Item {
    Line(Line),
    /// A table, with its column boundaries (to join a table broken across pages) and its page.
    Table {
        rows: Vec<Vec<Cell>>,
        xs: Vec<f64>,
    },
}

pub(super) fn layout(pages: &[Page], dropped: &mut Vec<Dropped>) -> Vec<Block> {
    // Lines per page, chrome removed first (only lines outside tables can be chrome).
    let mut per_page: Vec<(u32, f64, Vec<Line>)> = Vec::new();
    let mut tables_per_page: Vec<Vec<RuledTable>> = Vec::new();
    for page in pages {
        let mut tables = ruled_tables(&page.segs);
        // Tables need text: a ruled box around nothing (a page border) is no table.
        let mut outside: Vec<&Glyph> = Vec::new();
        let mut inside: Vec<Vec<Vec<&Glyph>>> = tables
            .iter()
            .map(|t| vec![Vec::new(); t.cells.len()])
            .collect();
        for g in &page.glyphs {
            let cx = g.x + g.w / 2.0;
            let cy = g.y - g.size * 0.35;
            let hit = tables.iter().enumerate().find_map(|(ti, t)| {
                if t.contains(cx, cy, g.size) {
                    t.cell_at(cx, cy).map(|ci| (ti, ci))
                } else {
                    None
                }
            });
            match hit {
                Some((ti, ci)) => inside[ti][ci].push(g),
                None => outside.push(g),
            }
        }
        let mut keep = Vec::new();
        for (ti, mut t) in tables.drain(..).enumerate() {
            let filled = inside[ti].iter().filter(|c| !c.is_empty()).count();
            if filled < 2 {
                // Not a table: its glyphs are ordinary text.
                outside.extend(inside[ti].iter().flatten().copied());
                continue;
            }
            for (ci, glyphs) in inside[ti].iter().enumerate() {
                let mut text = String::new();
                for l in lines_of(page.number, glyphs) {
                    join_fragment(&mut text, &l.text());
                }
                t.texts[ci] = text;
            }
            keep.push(t);
        }
        tables_per_page.push(keep);
        per_page.push((page.number, page.height, lines_of(page.number, &outside)));
    }
    remove_chrome(&mut per_page, dropped);

    // Items in reading order, page after page; a table continuing on the next page is joined.
    let mut items: Vec<Item> = Vec::new();
    for ((_, _, lines), tables) in per_page.into_iter().zip(tables_per_page) {
        let mut page_items: Vec<(f64, Item)> = Vec::new();
        for l in lines {
            page_items.push((l.y, Item::Line(l)));
        }
        for t in tables {
            page_items.push((
                t.ys[0],
                Item::Table {
                    rows: t.rows(),
                    xs: t.xs.clone(),
                },
            ));
        }
        page_items.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut first = true;
        for (_, item) in page_items {
            if first {
                first = false;
                if let (
                    Item::Table { rows, xs },
                    Some(Item::Table {
                        rows: prev,
                        xs: pxs,
                    }),
                ) = (&item, items.last_mut())
                {
                    let on = |x: f64, edges: &[f64]| edges.iter().any(|e| (x - e).abs() <= 3.5);
                    let matched = xs.iter().filter(|&&x| on(x, pxs)).count();
                    let aligned = matched * 10 >= xs.len().max(pxs.len()) * 8;
                    // A header cut off at the foot of the page has fewer rulings (its cells are merged):
                    // every one of its column edges is one of the continuation's.
                    let header_cut =
                        prev.len() <= 3 && pxs.len() >= 2 && pxs.iter().all(|&x| on(x, xs));
                    if (!xs.is_empty() && aligned) || header_cut {
                        // Header rows repeated on the new page (Word's “repeat as header row”) are left out.
                        // Compared by their texts: the spans of a repeated header differ when the
                        // continuation has a label column more (a label cut by the break).
                        let texts = |row: &Vec<Cell>| -> Vec<String> {
                            row.iter().map(|c| c.text.trim().to_string()).collect()
                        };
                        let repeated = rows
                            .iter()
                            .zip(prev.iter())
                            .take_while(|(a, b)| texts(a) == texts(b))
                            .count();
                        if header_cut && !aligned {
                            regrid(prev, pxs, xs);
                            *pxs = xs.clone();
                        }
                        join_broken(prev, rows.iter().skip(repeated).cloned().collect());
                        continue;
                    }
                }
            }
            items.push(item);
        }
    }
    let items = borderless_tables(items);
    paragraphs(items)
}

/// Gives the cells of a table with column edges `from` the spans they have on the finer edges `to` (each
/// edge of `from` is one of `to`): a header cut off at the foot of a page, whose merged cells hide the
/// inner rulings, set on the columns of its continuation.
fn regrid(rows: &mut [Vec<Cell>], from: &[f64], to: &[f64]) {
    let nearest = |x: f64| {
        (0..to.len())
            .min_by(|&a, &b| (to[a] - x).abs().total_cmp(&(to[b] - x).abs()))
            .unwrap_or(0)
    };
    let grid = positions(rows);
    for (row, places) in rows.iter_mut().zip(grid) {
        for (cell, (_, c)) in row.iter_mut().zip(places) {
            let (left, right) = (
                c.min(from.len() - 1),
                (c + cell.colspan.max(1)).min(from.len() - 1),
            );
            cell.colspan = nearest(from[right])
                .saturating_sub(nearest(from[left]))
                .max(1);
        }
    }
}

/// (row, col) of each cell under the HTML table model.
pub(super) fn positions(rows: &[Vec<Cell>]) -> Vec<Vec<(usize, usize)>> {
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        let mut here = Vec::new();
        for cell in row {
            while taken[r].get(c).copied().unwrap_or(false) {
                c += 1;
            }
            for line in taken.iter_mut().skip(r).take(cell.rowspan.max(1)) {
                if line.len() < c + cell.colspan {
                    line.resize(c + cell.colspan, false);
                }
                for slot in &mut line[c..c + cell.colspan] {
                    *slot = true;
                }
            }
            here.push((r, c));
            c += cell.colspan;
        }
        out.push(here);
    }
    out
}

/// Appends the rows of a table's continuation on the next page. A label cell cut by the page break
/// (an empty cell, or a vertically merged label, on top of the continuation under a cell reaching the bottom of
/// the previous part) goes on the cell above: its rowspan grows and its text is completed.
pub(super) fn join_broken(prev: &mut Vec<Vec<Cell>>, mut next: Vec<Vec<Cell>>) {
    if next.is_empty() {
        return;
    }
    let height = prev.len();
    let before = positions(prev);
    let after = positions(&next);
    // The cell of the previous part, reaching its bottom, above column `col` with the same width.
    let above = |prev: &Vec<Vec<Cell>>, col: usize, colspan: usize| {
        before.iter().enumerate().find_map(|(r, row)| {
            row.iter().enumerate().find_map(|(j, &(_, c))| {
                let p = &prev[r][j];
                (c == col && p.colspan == colspan && r + p.rowspan.max(1) == height)
                    .then_some((r, j))
            })
        })
    };
    // A row cut by the break: the rest of its labels on top of the next page, without figures
    // ("信息公开申请" under "1.申请人无正当理由……不再处理其政府"). Each cell goes on the cell above and the
    // row disappears. A new row of labels (a group header "（四）无法提供") starts with its numbering.
    // A row broken by the page, its rest empty: nothing to keep.
    if next[0]
        .iter()
        .all(|c| c.text.trim().is_empty() && c.rowspan <= 1)
    {
        next.remove(0);
        return join_broken(prev, next);
    }
    let first = &next[0];
    let cut_row = first.iter().any(|c| !c.text.trim().is_empty())
        && first.iter().all(|c| {
            let t = c.text.trim();
            !t.chars().any(|ch| ch.is_ascii_digit()) && (t.is_empty() || !starts_numbered(t))
        })
        && first
            .iter()
            .enumerate()
            .all(|(i, c)| above(prev, after[0][i].1, c.colspan).is_some());
    if cut_row {
        let row = next.remove(0);
        let targets: Vec<_> = row
            .iter()
            .enumerate()
            .map(|(i, c)| above(prev, after[0][i].1, c.colspan))
            .collect();
        for (cell, target) in row.into_iter().zip(targets) {
            if let Some((r, j)) = target {
                let p = &mut prev[r][j];
                p.rowspan = p.rowspan.max(1) + cell.rowspan.max(1) - 1;
                join_fragment(&mut p.text, &cell.text);
            }
        }
        prev.append(&mut next);
        return;
    }
    let mut remove = Vec::new();
    for (i, cell) in next[0].iter().enumerate() {
        let col = after[0][i].1;
        let label = !cell.text.chars().any(|c| c.is_ascii_digit());
        let Some((r, j)) = above(prev, col, cell.colspan) else {
            continue;
        };
        let p = &prev[r][j];
        if cell.text.trim().is_empty() && !p.text.trim().is_empty()
            || label
                && !cell.text.trim().is_empty()
                && !starts_numbered(cell.text.trim())
                && (cell.rowspan > 1 || p.rowspan > 1)
        {
            let text = cell.text.clone();
            let span = cell.rowspan.max(1);
            let p = &mut prev[r][j];
            p.rowspan = p.rowspan.max(1) + span;
            join_fragment(&mut p.text, &text);
            remove.push((i, r, j));
        }
    }
    for &(i, _, _) in remove.iter().rev() {
        next[0].remove(i);
    }
    // What is left of the first row is empty: the row only carried the rest of cut labels, so it goes, and
    // the cells that took them span one row less.
    if !remove.is_empty()
        && next[0]
            .iter()
            .all(|c| c.text.trim().is_empty() && c.rowspan <= 1)
    {
        next.remove(0);
        for (_, r, j) in remove {
            let p = &mut prev[r][j];
            p.rowspan = p.rowspan.saturating_sub(1).max(1);
        }
    }
    prev.append(&mut next);
}

/// A label starting with its numbering: “一、”, “（四）”, “(1)”, “3.”, “其中”.
pub(super) fn starts_numbered(t: &str) -> bool {
    let chars: Vec<char> = t.chars().take(3).collect();
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    match chars.as_slice() {
        [a, b, ..] if numeral(*a) && "、.．".contains(*b) => true,
        ['（' | '(', b, ..] if numeral(*b) => true,
        _ => t.starts_with("其中"),
    }
}

/// Appends a line of a cell or paragraph: no space between CJK characters.
pub(super) fn join_fragment(out: &mut String, fragment: &str) {
    let fragment = fragment.trim();
    if fragment.is_empty() {
        return;
    }
    if let (Some(a), Some(b)) = (out.chars().last(), fragment.chars().next()) {
        if !(is_wide(a) || is_wide(b)) {
            out.push(' ');
        }
    }
    out.push_str(fragment);
}

/// Three or more consecutive lines of the same page split into aligned columns by wide gaps, with figures:
/// a table drawn without rulings.
pub(super) fn borderless_tables(items: Vec<Item>) -> Vec<Item> {
    let mut out = Vec::new();
    let mut run: Vec<Line> = Vec::new();
    let flush = |run: &mut Vec<Line>, out: &mut Vec<Item>| {
        let figures = run
            .iter()
            .filter(|l| {
                l.chunks
                    .iter()
                    .any(|c| c.2.chars().any(|ch| ch.is_ascii_digit()))
            })
            .count();
        if run.len() >= 3 && figures >= 2 {
            let starts = cluster(
                run.iter()
                    .flat_map(|l| l.chunks.iter().map(|c| c.0))
                    .collect(),
                run[0].size * 1.5,
            );
            let ncols = starts.len().clamp(1, 64);
            let rows = run
                .iter()
                .map(|l| {
                    let mut cells: Vec<Cell> =
                        (0..ncols).map(|_| Cell::new(String::new())).collect();
                    for (x, _, t) in &l.chunks {
                        let col = starts
                            .iter()
                            .enumerate()
                            .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
                            .map(|(i, _)| i)
                            .unwrap_or(0)
                            .min(ncols - 1);
                        join_fragment(&mut cells[col].text, t);
                    }
                    cells
                })
                .collect();
            out.push(Item::Table {
                rows,
                xs: Vec::new(),
            });
        } else {
            out.extend(run.drain(..).map(Item::Line));
        }
        run.clear();
    };
    for item in items {
        match item {
            Item::Line(l)
                if l.chunks.len() >= 2
                    && run
                        .last()
                        .is_none_or(|p| p.page == l.page && l.y - p.y < l.size * 3.0) =>
            {
                run.push(l)
            }
            other => {
                flush(&mut run, &mut out);
                if let Item::Line(l) = other {
                    if l.chunks.len() >= 2 {
                        run.push(l);
                        continue;
                    }
                    out.push(Item::Line(l));
                } else {
                    out.push(other);
                }
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A closing bracket or quote ends a sentence only after a full stop (“……改革。”): a line ending with
/// “(国办公开办函〔2021〕30号)” goes on.
pub(super) fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(['”', '」', '）', ')', '】', '’', '》']);
    t.ends_with(['。', '！', '？', '；', '：', ':', ';'])
}

/// Lines → paragraphs and headings.
pub(super) fn paragraphs(items: Vec<Item>) -> Vec<Block> {
    // The text column: the common left edge and the right edge of full lines.
    let lines: Vec<&Line> = items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    let left = median(lines.iter().map(|l| l.x0).collect());
    let right = lines.iter().map(|l| l.x1).fold(0.0_f64, f64::max);
    let body = median(lines.iter().map(|l| l.size).collect()).max(1.0);

    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<(String, Line)> = None;
    let close = |open: &mut Option<(String, Line)>, out: &mut Vec<Block>| {
        if let Some((text, first)) = open.take() {
            let level = html::numbered_level(&text)
                .or_else(|| (first.size > body * 1.25 && text.chars().count() <= 60).then_some(1));
            match level {
                Some(l) => out.push(Block::Heading(l, text)),
                None => out.push(Block::Para(text)),
            }
        }
    };
    for item in items {
        match item {
            Item::Table { rows, .. } => {
                close(&mut open, &mut out);
                out.push(Block::Table(rows));
            }
            Item::Line(l) => {
                let text = l.text();
                let continues = match &open {
                    Some((prev_text, prev)) => {
                        let prev_full = prev.x1 >= right - body * 2.5;
                        let gap_ok = if prev.page == l.page {
                            l.y - prev.y <= prev.size.max(l.size) * 2.0
                        } else {
                            true
                        };
                        let indented = l.x0 > left + body * 1.2;
                        // A title set large and wrapped ("……2023年政府信息公开工作年度报" / "告"), centred: its
                        // lines neither reach the margin nor start at it.
                        let title = prev.page == l.page && prev.size > body * 1.15;
                        (prev_full && !indented || title)
                            && gap_ok
                            && !ends_sentence(prev_text)
                            && (l.size - prev.size).abs() < 1.0
                            && html::numbered_level(&text).is_none()
                            && html::numbered_level(prev_text).is_none()
                    }
                    None => false,
                };
                if continues {
                    if let Some((t, last)) = open.as_mut() {
                        join_fragment(t, &text);
                        *last = Line { ..l };
                    }
                } else {
                    close(&mut open, &mut out);
                    open = Some((text, l));
                }
            }
        }
    }
    close(&mut open, &mut out);
    out
}
