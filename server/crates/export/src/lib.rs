//! nianbao-export — the figures of the reports as data: every cell of every standard table and every figure the
//! prose states about a standard row, traceable to its file, line and column ([`extract`]); derived indicators
//! from a data dictionary ([`indicators`], `data/indicators.toml`); tidy tables in CSV, JSON Lines and Parquet
//! ([`sink`], [`Exporter`]); peer benchmarks — percentiles, ranks, interquartile fences, trends ([`stats`]).
//!
//! One report at a time: [`extract::extract`] reads one report's text, the [`Exporter`] writes its rows, and the
//! report is dropped; only the few year-over-year figures of each report are kept until the end
//! (docs/export.md).

pub mod expr;
pub mod extract;
pub mod indicators;
pub mod indicators_doc;
pub mod sink;
pub mod stats;
pub mod stats_html;

use std::io;
use std::path::{Path, PathBuf};

use extract::{Extracted, Meta, Record};
use indicators::{Value, YearOverYear};
use sink::{col, Column, Field, Format, Sink, Type};

/// The columns of `cells.*`: one row per standard cell and per prose figure.
pub const CELL_COLUMNS: &[Column] = &[
    col("file", Type::Str),
    col("body", Type::Str),
    col("level", Type::Str),
    col("year", Type::Int),
    col("format", Type::Str),
    col("source", Type::Str),
    col("table_no", Type::Int),
    col("table", Type::Str),
    col("table_name", Type::Str),
    col("row", Type::Str),
    col("row_label", Type::Str),
    col("column", Type::Str),
    col("column_label", Type::Str),
    col("written_row", Type::Str),
    col("written_column", Type::Str),
    col("raw", Type::Str),
    col("kind", Type::Str),
    col("value", Type::Dec),
    col("unit", Type::Str),
    col("approx", Type::Bool),
    col("quote", Type::Str),
    col("line", Type::Int),
    col("char_col", Type::Int),
    col("byte_start", Type::Int),
    col("byte_end", Type::Int),
];

/// The columns of `indicators.*`: one row per report and indicator.
pub const INDICATOR_COLUMNS: &[Column] = &[
    col("file", Type::Str),
    col("body", Type::Str),
    col("level", Type::Str),
    col("year", Type::Int),
    col("format", Type::Str),
    col("indicator", Type::Str),
    col("name", Type::Str),
    col("unit", Type::Str),
    col("value", Type::Dec),
    col("status", Type::Str),
    col("reason", Type::Str),
    col("inputs", Type::Str),
];

fn s(v: &str) -> Field {
    Field::Str(Some(v.to_string()))
}

fn opt(v: Option<&str>) -> Field {
    Field::Str(v.map(str::to_string))
}

fn meta_fields(m: &Meta) -> Vec<Field> {
    vec![
        s(&m.file),
        opt(m.body.as_deref()),
        opt(m.level),
        Field::Int(m.year.map(i64::from)),
        s(&m.format),
    ]
}

fn cell_row(m: &Meta, r: &Record) -> Vec<Field> {
    let mut row = meta_fields(m);
    row.extend([
        s(r.source.as_str()),
        Field::Int(Some(r.table_no as i64)),
        s(r.table),
        s(r.table_name),
        opt(r.row.as_deref()),
        opt(r.row_label.as_deref()),
        opt(r.column),
        opt(r.column_label),
        s(&r.written_row),
        s(&r.written_column),
        s(&r.raw),
        s(r.kind.as_str()),
        Field::Dec(r.value),
        opt(r.unit.as_deref()),
        Field::Bool(r.approx),
        opt(r.quote),
        Field::Int(Some(r.line as i64)),
        Field::Int(Some(r.column_no as i64)),
        Field::Int(Some(r.bytes.start as i64)),
        Field::Int(Some(r.bytes.end as i64)),
    ]);
    row
}

fn indicator_row(m: &Meta, v: &Value, names: &[(String, String, String)]) -> Vec<Field> {
    let (name, unit) = names
        .iter()
        .find(|(k, _, _)| *k == v.key)
        .map_or(("", ""), |(_, n, u)| (n.as_str(), u.as_str()));
    let mut row = meta_fields(m);
    row.extend([
        s(&v.key),
        s(name),
        s(unit),
        Field::Dec(v.value),
        s(v.status),
        opt((!v.reason.is_empty()).then_some(v.reason.as_str())),
        opt((!v.inputs.is_empty()).then_some(v.inputs.as_str())),
    ]);
    row
}

/// What an export wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub reports: usize,
    pub cells: usize,
    pub prose: usize,
    pub indicators: usize,
    pub files: Vec<PathBuf>,
}

/// Writes `cells.<ext>` and `indicators.<ext>` in each format into a directory, one report at a time.
pub struct Exporter {
    cells: Vec<Box<dyn Sink>>,
    indicators: Vec<Box<dyn Sink>>,
    yoy: YearOverYear,
    names: Vec<(String, String, String)>,
    summary: Summary,
}

impl Exporter {
    pub fn create(dir: &Path, formats: &[Format]) -> io::Result<Exporter> {
        std::fs::create_dir_all(dir)?;
        let mut cells = Vec::new();
        let mut indicators = Vec::new();
        for &f in formats {
            cells.push(sink::open(dir, "cells", f, CELL_COLUMNS)?);
            indicators.push(sink::open(dir, "indicators", f, INDICATOR_COLUMNS)?);
        }
        Ok(Exporter {
            cells,
            indicators,
            yoy: YearOverYear::default(),
            names: indicators::all_keys(),
            summary: Summary::default(),
        })
    }

    /// Writes one report's rows: its figures and its indicators (the year-over-year ones come at the end).
    pub fn add(&mut self, report: &Extracted) -> io::Result<()> {
        for r in &report.records {
            let row = cell_row(&report.meta, r);
            for sink in &mut self.cells {
                sink.write(row.clone())?;
            }
            match r.source {
                extract::Source::Table => self.summary.cells += 1,
                extract::Source::Prose => self.summary.prose += 1,
            }
        }
        let values = indicators::evaluate(report);
        self.write_indicators(&report.meta, &values)?;
        self.yoy.observe(&report.meta, &values);
        self.summary.reports += 1;
        Ok(())
    }

    fn write_indicators(&mut self, meta: &Meta, values: &[Value]) -> io::Result<()> {
        for v in values {
            let row = indicator_row(meta, v, &self.names);
            for sink in &mut self.indicators {
                sink.write(row.clone())?;
            }
            self.summary.indicators += 1;
        }
        Ok(())
    }

    /// Writes the year-over-year indicators and closes the files.
    pub fn finish(mut self) -> io::Result<Summary> {
        let yoy = std::mem::take(&mut self.yoy).finish();
        for (meta, values) in &yoy {
            self.write_indicators(meta, values)?;
        }
        for sink in self.cells.into_iter().chain(self.indicators) {
            self.summary.files.push(sink.finish()?);
        }
        Ok(self.summary)
    }
}
