//! Tidy tables written row by row: CSV (UTF-8 with BOM, RFC 4180 quoting), JSON Lines and Parquet (snappy, one
//! row group per [`BATCH`] rows at most in memory). Each file is written under a `.part` name and renamed when
//! complete, so a reader never sees half a file under the final name.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Rows buffered before a Parquet record batch is written.
pub const BATCH: usize = 8192;

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Str,
    Int,
    /// An exact decimal: written as written in CSV, as a double in JSON and Parquet.
    Dec,
    Bool,
}

/// A column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub ty: Type,
}

pub const fn col(name: &'static str, ty: Type) -> Column {
    Column { name, ty }
}

/// One value of a row; `None` is null (an empty field in CSV).
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Str(Option<String>),
    Int(Option<i64>),
    Dec(Option<Decimal>),
    Bool(bool),
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Csv,
    Jsonl,
    Parquet,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
        }
    }

    /// Whether this build writes the format (Parquet is the cargo feature `parquet`, on by default).
    pub fn available(self) -> bool {
        self != Format::Parquet || cfg!(feature = "parquet")
    }
}

/// A table being written.
pub trait Sink {
    fn write(&mut self, row: Vec<Field>) -> io::Result<()>;
    /// Flushes and moves the file to its final name.
    fn finish(self: Box<Self>) -> io::Result<PathBuf>;
}

/// Opens `dir/name.ext` for writing in `format`.
pub fn open(
    dir: &Path,
    name: &str,
    format: Format,
    columns: &'static [Column],
) -> io::Result<Box<dyn Sink>> {
    let path = dir.join(format!("{name}.{}", format.extension()));
    let part = dir.join(format!("{name}.{}.part", format.extension()));
    let file = File::create(&part)?;
    Ok(match format {
        Format::Csv => Box::new(Csv::new(file, path, part, columns)?),
        Format::Jsonl => Box::new(Jsonl {
            out: BufWriter::new(file),
            path,
            part,
            columns,
        }),
        #[cfg(feature = "parquet")]
        Format::Parquet => Box::new(parquet_sink::Parquet::new(file, path, part, columns)?),
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => {
            drop(file);
            let _ = std::fs::remove_file(&part);
            return Err(io::Error::other(
                "此版本的 nianbao 编译时未包含 Parquet 支持（cargo 特性 parquet）",
            ));
        }
    })
}

struct Csv {
    out: BufWriter<File>,
    path: PathBuf,
    part: PathBuf,
}

impl Csv {
    fn new(file: File, path: PathBuf, part: PathBuf, columns: &[Column]) -> io::Result<Csv> {
        let mut out = BufWriter::new(file);
        // The BOM: spreadsheets then read UTF-8.
        out.write_all("\u{FEFF}".as_bytes())?;
        let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
        out.write_all(header.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
        Ok(Csv { out, path, part })
    }
}

/// A CSV field, quoted when it holds a comma, a quote, a line break or leading/trailing space.
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

impl Sink for Csv {
    fn write(&mut self, row: Vec<Field>) -> io::Result<()> {
        for (i, f) in row.iter().enumerate() {
            if i > 0 {
                self.out.write_all(b",")?;
            }
            match f {
                Field::Str(Some(s)) => self.out.write_all(csv_field(s).as_bytes())?,
                Field::Int(Some(n)) => write!(self.out, "{n}")?,
                Field::Dec(Some(d)) => write!(self.out, "{}", d.normalize())?,
                Field::Bool(b) => self.out.write_all(if *b { b"true" } else { b"false" })?,
                Field::Str(None) | Field::Int(None) | Field::Dec(None) => {}
            }
        }
        self.out.write_all(b"\r\n")
    }

    fn finish(mut self: Box<Self>) -> io::Result<PathBuf> {
        self.out.flush()?;
        std::fs::rename(&self.part, &self.path)?;
        Ok(self.path)
    }
}

struct Jsonl {
    out: BufWriter<File>,
    path: PathBuf,
    part: PathBuf,
    columns: &'static [Column],
}

impl Sink for Jsonl {
    fn write(&mut self, row: Vec<Field>) -> io::Result<()> {
        let mut map = serde_json::Map::new();
        for (c, f) in self.columns.iter().zip(row) {
            let v = match f {
                Field::Str(s) => s.map_or(serde_json::Value::Null, serde_json::Value::String),
                Field::Int(n) => n.map_or(serde_json::Value::Null, Into::into),
                Field::Dec(d) => d
                    .and_then(|d| d.to_f64())
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number),
                Field::Bool(b) => b.into(),
            };
            map.insert(c.name.to_string(), v);
        }
        serde_json::to_writer(&mut self.out, &map)?;
        self.out.write_all(b"\n")
    }

    fn finish(mut self: Box<Self>) -> io::Result<PathBuf> {
        self.out.flush()?;
        std::fs::rename(&self.part, &self.path)?;
        Ok(self.path)
    }
}

#[cfg(feature = "parquet")]
mod parquet_sink {
    use std::fs::File;
    use std::io;
    use std::path::PathBuf;
    use std::sync::Arc;

    use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field as ArrowField, Schema, SchemaRef};
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    use rust_decimal::prelude::ToPrimitive;

    use super::{Column, Field, Sink, Type, BATCH};

    enum Builder {
        Str(StringBuilder),
        Int(Int64Builder),
        Dec(Float64Builder),
        Bool(BooleanBuilder),
    }

    pub struct Parquet {
        writer: ArrowWriter<File>,
        schema: SchemaRef,
        builders: Vec<Builder>,
        rows: usize,
        path: PathBuf,
        part: PathBuf,
    }

    fn err(e: impl std::fmt::Display) -> io::Error {
        io::Error::other(format!("Parquet：{e}"))
    }

    fn builders(columns: &[Column]) -> Vec<Builder> {
        columns
            .iter()
            .map(|c| match c.ty {
                Type::Str => Builder::Str(StringBuilder::new()),
                Type::Int => Builder::Int(Int64Builder::new()),
                Type::Dec => Builder::Dec(Float64Builder::new()),
                Type::Bool => Builder::Bool(BooleanBuilder::new()),
            })
            .collect()
    }

    impl Parquet {
        pub fn new(
            file: File,
            path: PathBuf,
            part: PathBuf,
            columns: &'static [Column],
        ) -> io::Result<Parquet> {
            let schema: SchemaRef = Arc::new(Schema::new(
                columns
                    .iter()
                    .map(|c| {
                        let (ty, nullable) = match c.ty {
                            Type::Str => (DataType::Utf8, true),
                            Type::Int => (DataType::Int64, true),
                            Type::Dec => (DataType::Float64, true),
                            Type::Bool => (DataType::Boolean, false),
                        };
                        ArrowField::new(c.name, ty, nullable)
                    })
                    .collect::<Vec<_>>(),
            ));
            let props = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_max_row_group_row_count(Some(128 * 1024))
                .build();
            let writer = ArrowWriter::try_new(file, schema.clone(), Some(props)).map_err(err)?;
            Ok(Parquet {
                writer,
                schema,
                builders: builders(columns),
                rows: 0,
                path,
                part,
            })
        }

        fn flush_batch(&mut self) -> io::Result<()> {
            if self.rows == 0 {
                return Ok(());
            }
            let arrays: Vec<ArrayRef> = self
                .builders
                .iter_mut()
                .map(|b| -> ArrayRef {
                    match b {
                        Builder::Str(b) => Arc::new(b.finish()),
                        Builder::Int(b) => Arc::new(b.finish()),
                        Builder::Dec(b) => Arc::new(b.finish()),
                        Builder::Bool(b) => Arc::new(b.finish()),
                    }
                })
                .collect();
            let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(err)?;
            self.writer.write(&batch).map_err(err)?;
            self.rows = 0;
            Ok(())
        }
    }

    impl Sink for Parquet {
        fn write(&mut self, row: Vec<Field>) -> io::Result<()> {
            for (b, f) in self.builders.iter_mut().zip(row) {
                match (b, f) {
                    (Builder::Str(b), Field::Str(s)) => b.append_option(s),
                    (Builder::Int(b), Field::Int(n)) => b.append_option(n),
                    (Builder::Dec(b), Field::Dec(d)) => b.append_option(d.and_then(|d| d.to_f64())),
                    (Builder::Bool(b), Field::Bool(v)) => b.append_value(v),
                    _ => return Err(err("a field does not match its column")),
                }
            }
            self.rows += 1;
            if self.rows >= BATCH {
                self.flush_batch()?;
            }
            Ok(())
        }

        fn finish(mut self: Box<Self>) -> io::Result<PathBuf> {
            self.flush_batch()?;
            let Parquet {
                writer, path, part, ..
            } = *self;
            writer.close().map_err(err)?;
            std::fs::rename(&part, &path)?;
            Ok(path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("予以公开"), "予以公开");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }
}
