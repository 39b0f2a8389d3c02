//! Tables from ruling lines: segments that touch make a grid.

use super::*;

// ---------------------------------------------------------------------------------------------------------
// Tables from rulings.

#[derive(Debug, Clone)]
pub(super) struct RuledTable {
    /// Column boundaries (x) and row boundaries (y, top-down).
    pub(super) xs: Vec<f64>,
    pub(super) ys: Vec<f64>,
    /// Cells: (row, col, rowspan, colspan).
    pub(super) cells: Vec<(usize, usize, usize, usize)>,
    pub(super) texts: Vec<String>,
}

pub(super) fn cluster(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((m, n)) if (x - *m / *n as f64).abs() <= tol => {
                *m += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(m, n)| m / n as f64).collect()
}

pub(super) fn covers(segs: &[Seg], horizontal: bool, at: f64, from: f64, to: f64) -> bool {
    let mid = (from + to) / 2.0;
    segs.iter().any(|s| {
        s.horizontal == horizontal
            && (s.at - at).abs() <= 3.5
            && s.a <= mid + 1.0
            && s.b >= mid - 1.0
    })
}

/// Groups of segments that touch each other: each group with enough lines is a table.
pub(super) fn ruled_tables(segs: &[Seg]) -> Vec<RuledTable> {
    let n = segs.len().min(20_000);
    let segs = &segs[..n];
    let mut parent: Vec<usize> = (0..n).collect();
    pub(super) fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let touch = |h: &Seg, v: &Seg| {
        v.at >= h.a - 2.0 && v.at <= h.b + 2.0 && h.at >= v.a - 2.0 && h.at <= v.b + 2.0
    };
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&segs[i], &segs[j]);
            let t = match (a.horizontal, b.horizontal) {
                (true, false) => touch(a, b),
                (false, true) => touch(b, a),
                _ => (a.at - b.at).abs() <= 1.0 && a.a <= b.b + 1.0 && b.a <= a.b + 1.0,
            };
            if t {
                let (ra, rb) = (root(&mut parent, i), root(&mut parent, j));
                parent[ra] = rb;
            }
        }
    }
    let mut groups: HashMap<usize, Vec<Seg>> = HashMap::new();
    for (i, seg) in segs.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(*seg);
    }
    let mut out = Vec::new();
    for (_, g) in groups {
        let xs = cluster(
            g.iter().filter(|s| !s.horizontal).map(|s| s.at).collect(),
            3.5,
        );
        let ys = cluster(
            g.iter().filter(|s| s.horizontal).map(|s| s.at).collect(),
            3.5,
        );
        if xs.len() < 2 || ys.len() < 2 || xs.len() > 80 || ys.len() > 400 {
            continue;
        }
        let (rows, cols) = (ys.len() - 1, xs.len() - 1);
        if rows * cols < 2 {
            continue;
        }
        // Union of elementary cells without a ruling between them.
        let idx = |r: usize, c: usize| r * cols + c;
        let mut p: Vec<usize> = (0..rows * cols).collect();
        for r in 0..rows {
            for c in 0..cols {
                if c + 1 < cols && !covers(&g, false, xs[c + 1], ys[r], ys[r + 1]) {
                    let (a, b) = (root(&mut p, idx(r, c)), root(&mut p, idx(r, c + 1)));
                    p[a] = b;
                }
                if r + 1 < rows && !covers(&g, true, ys[r + 1], xs[c], xs[c + 1]) {
                    let (a, b) = (root(&mut p, idx(r, c)), root(&mut p, idx(r + 1, c)));
                    p[a] = b;
                }
            }
        }
        let mut boxes: HashMap<usize, (usize, usize, usize, usize)> = HashMap::new();
        for r in 0..rows {
            for c in 0..cols {
                let k = root(&mut p, idx(r, c));
                let e = boxes.entry(k).or_insert((r, c, r, c));
                e.0 = e.0.min(r);
                e.1 = e.1.min(c);
                e.2 = e.2.max(r);
                e.3 = e.3.max(c);
            }
        }
        let mut cells: Vec<(usize, usize, usize, usize)> = boxes
            .values()
            .map(|&(r0, c0, r1, c1)| (r0, c0, r1 - r0 + 1, c1 - c0 + 1))
            .collect();
        cells.sort();
        // Overlapping boxes (non-rectangular merges) are kept as they are; the importer tolerates them.
        if cells.len() < 2 {
            continue;
        }
        let texts = vec![String::new(); cells.len()];
        out.push(RuledTable {
            xs,
            ys,
            cells,
            texts,
        });
    }
    out.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    out
}

impl RuledTable {
    /// Inside the table, or overflowing it sideways by less than a glyph (text too wide for its cell).
    pub(super) fn contains(&self, x: f64, y: f64, size: f64) -> bool {
        x >= self.xs[0] - size
            && x <= self.xs[self.xs.len() - 1] + size
            && y >= self.ys[0] - 1.0
            && y <= self.ys[self.ys.len() - 1] + 1.0
    }

    pub(super) fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let c = self
            .xs
            .iter()
            .rposition(|&v| v <= x)
            .unwrap_or(0)
            .min(self.xs.len() - 2);
        let r = self
            .ys
            .iter()
            .rposition(|&v| v <= y)
            .unwrap_or(0)
            .min(self.ys.len() - 2);
        self.cells
            .iter()
            .position(|&(r0, c0, rs, cs)| r >= r0 && r < r0 + rs && c >= c0 && c < c0 + cs)
    }

    pub(super) fn rows(&self) -> Vec<Vec<Cell>> {
        let nrows = self.ys.len() - 1;
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); nrows];
        for (i, &(r, _, rs, cs)) in self.cells.iter().enumerate() {
            let mut cell = Cell::new(self.texts[i].clone());
            cell.rowspan = rs;
            cell.colspan = cs;
            rows[r].push(cell);
        }
        rows
    }
}
