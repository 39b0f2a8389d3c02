//! The formulas of the indicator dictionary: `+ - * /`, parentheses, decimal numbers and standard cells written
//! `[table:row/column]` (`[t3:new/total]`). Evaluated in exact decimals; a cell without a figure or a zero
//! denominator gives no value and says why ([`Null`]) — never a guessed 0.

use std::fmt;

use rust_decimal::Decimal;

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(Decimal),
    /// A standard cell: table id, row key, column key.
    Cell(CellKey),
    Neg(Box<Expr>),
    Binary(Box<Expr>, Op, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// A standard cell across tables, as the format data writes it: `t3:new/total`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellKey {
    pub table: String,
    pub row: String,
    pub column: String,
}

impl CellKey {
    pub fn new(table: &str, row: &str, column: &str) -> CellKey {
        CellKey {
            table: table.to_string(),
            row: row.to_string(),
            column: column.to_string(),
        }
    }

    pub fn parse(s: &str) -> Option<CellKey> {
        let (table, cell) = s.trim().split_once(':')?;
        let (row, column) = cell.split_once('/')?;
        let ok = |p: &str| !p.is_empty() && !p.contains(char::is_whitespace);
        (ok(table) && ok(row) && ok(column)).then(|| CellKey::new(table, row, column))
    }
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}/{}", self.table, self.row, self.column)
    }
}

/// Why a formula has no value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Null {
    /// The cell is written but empty.
    Blank(CellKey),
    /// The cell holds `/`, `—`, `-`: does not apply.
    NotApplicable(CellKey),
    /// The cell holds text where a figure belongs.
    Text(CellKey),
    /// The report has no such cell (table, row or column not written).
    Missing(CellKey),
    /// A denominator is 0.
    ZeroDenominator,
    /// A result beyond the range of exact decimals.
    Overflow,
}

impl Null {
    /// The status written in the export: `blank`, `not-applicable`, `text`, `missing`, `zero-denominator`,
    /// `overflow`.
    pub fn status(&self) -> &'static str {
        match self {
            Null::Blank(_) => "blank",
            Null::NotApplicable(_) => "not-applicable",
            Null::Text(_) => "text",
            Null::Missing(_) => "missing",
            Null::ZeroDenominator => "zero-denominator",
            Null::Overflow => "overflow",
        }
    }
}

/// What a cell holds, for evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    Value(Decimal),
    Blank,
    NotApplicable,
    Text,
    Missing,
}

impl Expr {
    /// Parses a formula; the error names the position (in characters) and what was expected.
    pub fn parse(src: &str) -> Result<Expr, String> {
        let chars: Vec<char> = src.chars().collect();
        let mut p = Parser { chars, at: 0 };
        let e = p.sum()?;
        p.skip_space();
        if p.at < p.chars.len() {
            return Err(format!("第 {} 个字符处多余的内容", p.at + 1));
        }
        Ok(e)
    }

    /// Every cell the formula reads, in order of appearance.
    pub fn cells(&self) -> Vec<&CellKey> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a CellKey>) {
        match self {
            Expr::Number(_) => {}
            Expr::Cell(c) => out.push(c),
            Expr::Neg(e) => e.collect(out),
            Expr::Binary(a, _, b) => {
                a.collect(out);
                b.collect(out);
            }
        }
    }

    /// The value, or why there is none: the first cell (left to right) without a figure, else a zero
    /// denominator.
    pub fn eval(&self, cell: &dyn Fn(&CellKey) -> Resolved) -> Result<Decimal, Null> {
        // Cells first, in order, so that a blank cell is reported as such even inside a denominator.
        for key in self.cells() {
            match cell(key) {
                Resolved::Value(_) => {}
                Resolved::Blank => return Err(Null::Blank(key.clone())),
                Resolved::NotApplicable => return Err(Null::NotApplicable(key.clone())),
                Resolved::Text => return Err(Null::Text(key.clone())),
                Resolved::Missing => return Err(Null::Missing(key.clone())),
            }
        }
        self.value(cell)
    }

    fn value(&self, cell: &dyn Fn(&CellKey) -> Resolved) -> Result<Decimal, Null> {
        match self {
            Expr::Number(n) => Ok(*n),
            Expr::Cell(key) => match cell(key) {
                Resolved::Value(v) => Ok(v),
                _ => Err(Null::Missing(key.clone())),
            },
            Expr::Neg(e) => Ok(-e.value(cell)?),
            Expr::Binary(a, op, b) => {
                let (a, b) = (a.value(cell)?, b.value(cell)?);
                match op {
                    Op::Add => a.checked_add(b),
                    Op::Sub => a.checked_sub(b),
                    Op::Mul => a.checked_mul(b),
                    Op::Div if b.is_zero() => return Err(Null::ZeroDenominator),
                    Op::Div => a.checked_div(b),
                }
                .ok_or(Null::Overflow)
            }
        }
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn skip_space(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.chars.get(self.at).copied()
    }

    fn sum(&mut self) -> Result<Expr, String> {
        let mut left = self.product()?;
        while let Some(c @ ('+' | '-')) = self.peek() {
            self.at += 1;
            let right = self.product()?;
            let op = if c == '+' { Op::Add } else { Op::Sub };
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        while let Some(c @ ('*' | '/')) = self.peek() {
            self.at += 1;
            let right = self.unary()?;
            let op = if c == '*' { Op::Mul } else { Op::Div };
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.peek() == Some('-') {
            self.at += 1;
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, String> {
        let start = self.at;
        match self.peek() {
            Some('(') => {
                self.at += 1;
                let e = self.sum()?;
                if self.peek() != Some(')') {
                    return Err(format!("第 {} 个字符处缺少“)”", self.at + 1));
                }
                self.at += 1;
                Ok(e)
            }
            Some('[') => {
                let from = self.at + 1;
                let len = self.chars[from..]
                    .iter()
                    .position(|&c| c == ']')
                    .ok_or_else(|| format!("第 {} 个字符处的“[”没有对应的“]”", from))?;
                let inner: String = self.chars[from..from + len].iter().collect();
                self.at = from + len + 1;
                CellKey::parse(&inner)
                    .map(Expr::Cell)
                    .ok_or_else(|| format!("“[{inner}]”不是 [表:行/列] 形式的单元格"))
            }
            Some(c) if c.is_ascii_digit() => {
                let from = self.at;
                while self
                    .chars
                    .get(self.at)
                    .is_some_and(|c| c.is_ascii_digit() || *c == '.')
                {
                    self.at += 1;
                }
                let digits: String = self.chars[from..self.at].iter().collect();
                digits
                    .parse::<Decimal>()
                    .map(Expr::Number)
                    .map_err(|_| format!("“{digits}”不是数字"))
            }
            Some(c) => Err(format!(
                "第 {} 个字符“{c}”处应为数字、单元格或“(”",
                start + 1
            )),
            None => Err("公式在应有数字、单元格或“(”处结束".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(key: &CellKey) -> Resolved {
        match (key.row.as_str(), key.column.as_str()) {
            ("a", _) => Resolved::Value(Decimal::from(3)),
            ("b", _) => Resolved::Value(Decimal::from(4)),
            ("zero", _) => Resolved::Value(Decimal::ZERO),
            ("blank", _) => Resolved::Blank,
            ("na", _) => Resolved::NotApplicable,
            _ => Resolved::Missing,
        }
    }

    fn eval(src: &str) -> Result<Decimal, Null> {
        Expr::parse(src).unwrap().eval(&cells)
    }

    #[test]
    fn arithmetic_with_precedence_and_parentheses() {
        assert_eq!(eval("[t:a/x] + [t:b/x] * 2"), Ok(Decimal::from(11)));
        assert_eq!(eval("([t:a/x] + [t:b/x]) * 2"), Ok(Decimal::from(14)));
        assert_eq!(eval("-[t:a/x] + 10 - 1"), Ok(Decimal::from(6)));
        assert_eq!(eval("[t:a/x] / [t:b/x] * 100"), Ok(Decimal::from(75)));
    }

    #[test]
    fn blank_and_not_applicable_are_never_zero() {
        let blank = CellKey::new("t", "blank", "x");
        assert_eq!(eval("[t:a/x] + [t:blank/x]"), Err(Null::Blank(blank)));
        assert_eq!(eval("[t:na/x] * 0").unwrap_err().status(), "not-applicable");
        assert_eq!(eval("[t:gone/x]").unwrap_err().status(), "missing");
        assert_eq!(eval("[t:a/x] / [t:zero/x]"), Err(Null::ZeroDenominator));
        // A blank denominator is reported as blank, not as a division by zero.
        assert_eq!(eval("[t:a/x] / [t:blank/x]").unwrap_err().status(), "blank");
    }

    #[test]
    fn malformed_formulas_are_refused() {
        for bad in ["", "[t3:new]", "1 +", "(1", "1 2", "[t3:new/total", "a"] {
            assert!(Expr::parse(bad).is_err(), "{bad:?}");
        }
    }
}
