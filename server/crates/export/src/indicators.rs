//! Derived indicators, from the dictionary `data/indicators.toml` (data, not code): each indicator's formula
//! per format, evaluated on one report's standard cells; and their year-over-year changes, per 机关, once the
//! reports of every year have been seen ([`YearOverYear`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;

use nianbao_core::formats::{self, FormatId};

use crate::expr::{CellKey, Expr, Null};
use crate::extract::{Extracted, Meta};

/// The dictionary as shipped.
pub const DICTIONARY: &str = include_str!("../data/indicators.toml");

/// Decimal places of a rate.
pub const RATE_DECIMALS: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorKind {
    Rate,
    Count,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDictionary {
    indicator: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    key: String,
    name: String,
    unit: String,
    kind: IndicatorKind,
    definition: String,
    formula: BTreeMap<String, String>,
    if_blank: String,
    if_zero: Option<String>,
    #[serde(default)]
    yoy: bool,
    #[serde(default)]
    caveats: Vec<String>,
}

/// An indicator of the dictionary.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub kind: IndicatorKind,
    pub definition: String,
    /// The formula of each format it applies to (as written, and parsed).
    pub formulas: Vec<(FormatId, String, Expr)>,
    pub if_blank: String,
    pub if_zero: Option<String>,
    pub yoy: bool,
    pub caveats: Vec<String>,
}

impl Indicator {
    pub fn formula(&self, format: FormatId) -> Option<&Expr> {
        self.formulas
            .iter()
            .find(|(f, _, _)| *f == format)
            .map(|(_, _, e)| e)
    }
}

/// Parses and validates a dictionary: every formula parses and names cells that exist in its format.
pub fn parse_dictionary(text: &str) -> Result<Vec<Indicator>, String> {
    let raw: RawDictionary = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out: Vec<Indicator> = Vec::new();
    for r in raw.indicator {
        if out.iter().any(|i| i.key == r.key) {
            return Err(format!("指标“{}”重复", r.key));
        }
        if r.kind == IndicatorKind::Rate && r.if_zero.is_none() {
            return Err(format!("比率指标“{}”没有写 if_zero", r.key));
        }
        let mut formulas = Vec::new();
        for (format, src) in &r.formula {
            let id: FormatId = format
                .parse()
                .map_err(|e| format!("指标“{}”：{e}", r.key))?;
            let expr = Expr::parse(src).map_err(|e| format!("指标“{}”的公式：{e}", r.key))?;
            for cell in expr.cells() {
                if describe_cell(id, cell).is_none() {
                    return Err(format!(
                        "指标“{}”的 {format} 公式中的单元格 {cell} 不是该格式的标准单元格",
                        r.key
                    ));
                }
            }
            formulas.push((id, src.clone(), expr));
        }
        // Newest format first, as everywhere.
        formulas.sort_by_key(|(f, _, _)| *f);
        out.push(Indicator {
            key: r.key,
            name: r.name,
            unit: r.unit,
            kind: r.kind,
            definition: r.definition,
            formulas,
            if_blank: r.if_blank,
            if_zero: r.if_zero,
            yoy: r.yoy,
            caveats: r.caveats,
        });
    }
    Ok(out)
}

/// The shipped dictionary (validated by a unit test).
pub fn dictionary() -> &'static [Indicator] {
    static DICT: LazyLock<Vec<Indicator>> =
        LazyLock::new(|| parse_dictionary(DICTIONARY).expect("data/indicators.toml is valid"));
    &DICT
}

/// A standard cell in words: 表三 予以公开 · 总计.
pub fn describe_cell(format: FormatId, key: &CellKey) -> Option<String> {
    let table = format.data()?.table(&key.table)?;
    let row = table.rows.iter().find(|r| r.key == key.row)?;
    let column = table.columns.iter().find(|c| c.key == key.column)?;
    Some(format!(
        "{}「{}」{}",
        table_short(table),
        row.display_name(),
        column.label
    ))
}

fn table_short(table: &formats::Table) -> String {
    match table.id.as_str() {
        "t3" => "表三".to_string(),
        "t4" => "表四".to_string(),
        "stat" => "统计表".to_string(),
        _ => format!("表二{}", table.name),
    }
}

/// An indicator's value for one report, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// The indicator key (`completion_rate`, `requests_new.change` …).
    pub key: String,
    pub value: Option<Decimal>,
    /// ok, blank, not-applicable, text, missing, zero-denominator, overflow, format, no-previous-year.
    pub status: &'static str,
    /// Why there is no value, in Chinese (empty when there is one).
    pub reason: String,
    /// The cells read, `key=raw value` joined by `; ` (blank cells as `blank`, `/` as `n/a`).
    pub inputs: String,
}

/// Every indicator of the dictionary for one report (in dictionary order).
pub fn evaluate(report: &Extracted) -> Vec<Value> {
    dictionary()
        .iter()
        .map(|ind| evaluate_one(ind, report))
        .collect()
}

fn evaluate_one(ind: &Indicator, report: &Extracted) -> Value {
    let Some(expr) = ind.formula(report.format) else {
        return Value {
            key: ind.key.clone(),
            value: None,
            status: "format",
            reason: format!("本指标不适用于{}", report.format.describe()),
            inputs: String::new(),
        };
    };
    let resolve = |k: &CellKey| report.resolve(k);
    let mut cells = expr.cells();
    // Each cell once, in order of first appearance (a numerator's cell is often in the denominator too).
    let mut seen = std::collections::HashSet::new();
    cells.retain(|k| seen.insert(*k));
    let inputs: Vec<String> = cells
        .iter()
        .map(|k| {
            let v = match report.resolve(k) {
                crate::expr::Resolved::Value(v) => v.normalize().to_string(),
                crate::expr::Resolved::Blank => "blank".to_string(),
                crate::expr::Resolved::NotApplicable => "n/a".to_string(),
                crate::expr::Resolved::Text => "text".to_string(),
                crate::expr::Resolved::Missing => "missing".to_string(),
            };
            format!("{k}={v}")
        })
        .collect();
    let inputs = inputs.join("; ");
    match expr.eval(&resolve) {
        Ok(v) => Value {
            key: ind.key.clone(),
            value: Some(round(ind.kind, v)),
            status: "ok",
            reason: String::new(),
            inputs,
        },
        Err(null) => Value {
            key: ind.key.clone(),
            value: None,
            status: null.status(),
            reason: reason(report.format, &null),
            inputs,
        },
    }
}

fn round(kind: IndicatorKind, v: Decimal) -> Decimal {
    match kind {
        IndicatorKind::Rate => {
            v.round_dp_with_strategy(RATE_DECIMALS, RoundingStrategy::MidpointAwayFromZero)
        }
        IndicatorKind::Count => v,
    }
    .normalize()
}

fn reason(format: FormatId, null: &Null) -> String {
    let cell = |k: &CellKey| describe_cell(format, k).unwrap_or_else(|| k.to_string());
    match null {
        Null::Blank(k) => format!("{}空白（未填），不以 0 代替", cell(k)),
        Null::NotApplicable(k) => format!("{}填的是不适用标记", cell(k)),
        Null::Text(k) => format!("{}填的是文字而不是数字", cell(k)),
        Null::Missing(k) => format!("报告中没有{}", cell(k)),
        Null::ZeroDenominator => "分母为 0".to_string(),
        Null::Overflow => "数值超出范围".to_string(),
    }
}

/// The year-over-year indicators: for each indicator with `yoy = true`, `<key>.change` and
/// `<key>.change_pct`, in dictionary order.
pub fn yoy_keys() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for ind in dictionary().iter().filter(|i| i.yoy) {
        out.push((
            format!("{}.change", ind.key),
            format!("{}同比增减", ind.name),
            ind.unit.clone(),
        ));
        out.push((
            format!("{}.change_pct", ind.key),
            format!("{}同比增减率", ind.name),
            "%".to_string(),
        ));
    }
    out
}

/// Every indicator key with its name and unit: the dictionary's, then the year-over-year ones.
pub fn all_keys() -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = dictionary()
        .iter()
        .map(|i| (i.key.clone(), i.name.clone(), i.unit.clone()))
        .collect();
    out.extend(yoy_keys());
    out
}

/// The values of the year-over-year indicators seen so far, per 机关 and year: a few numbers per report, so
/// that the reports themselves are dropped as soon as they are written.
#[derive(Default)]
pub struct YearOverYear {
    /// Each report seen: its identity and the values of the `yoy` indicators (dictionary order).
    reports: Vec<(Meta, Vec<Option<Decimal>>)>,
}

impl YearOverYear {
    pub fn observe(&mut self, meta: &Meta, values: &[Value]) {
        let by_key: HashMap<&str, Option<Decimal>> =
            values.iter().map(|v| (v.key.as_str(), v.value)).collect();
        let kept = dictionary()
            .iter()
            .filter(|i| i.yoy)
            .map(|i| by_key.get(i.key.as_str()).copied().flatten())
            .collect();
        self.reports.push((meta.clone(), kept));
    }

    /// For each report (in the order seen), its year-over-year values: against the report of the same 机关 for
    /// the year before.
    pub fn finish(self) -> Vec<(Meta, Vec<Value>)> {
        let mut index: HashMap<(&str, i32), usize> = HashMap::new();
        for (i, (meta, _)) in self.reports.iter().enumerate() {
            if let (Some(body), Some(year)) = (meta.body.as_deref(), meta.year) {
                index.entry((body, year)).or_insert(i);
            }
        }
        let yoy: Vec<&Indicator> = dictionary().iter().filter(|i| i.yoy).collect();
        let mut out = Vec::new();
        for (meta, values) in &self.reports {
            let previous = match (meta.body.as_deref(), meta.year) {
                (Some(body), Some(year)) => index.get(&(body, year - 1)).map(|&i| &self.reports[i]),
                _ => None,
            };
            let mut row = Vec::new();
            for (k, ind) in yoy.iter().enumerate() {
                let now = values[k];
                let before = previous.and_then(|(_, v)| v[k]);
                let (change, pct, status, reason) = match (previous, now, before) {
                    (None, _, _) => (
                        None,
                        None,
                        "no-previous-year",
                        if meta.body.is_none() || meta.year.is_none() {
                            "报告没有写明机关或年度".to_string()
                        } else {
                            "没有同一机关上一年度的报告".to_string()
                        },
                    ),
                    (Some(_), None, _) => (None, None, "missing", "本年度的值缺失".to_string()),
                    (Some(_), Some(_), None) => {
                        (None, None, "missing", "上一年度的值缺失".to_string())
                    }
                    (Some(_), Some(n), Some(b)) => {
                        let change = n - b;
                        let pct = (!b.is_zero()).then(|| {
                            (change * Decimal::from(100) / b)
                                .round_dp_with_strategy(
                                    RATE_DECIMALS,
                                    RoundingStrategy::MidpointAwayFromZero,
                                )
                                .normalize()
                        });
                        (Some(change.normalize()), pct, "ok", String::new())
                    }
                };
                let inputs = match (now, before) {
                    (Some(n), Some(b)) => format!(
                        "{}={}; prev:{}={}",
                        ind.key,
                        n.normalize(),
                        ind.key,
                        b.normalize()
                    ),
                    _ => String::new(),
                };
                row.push(Value {
                    key: format!("{}.change", ind.key),
                    value: change,
                    status,
                    reason: reason.clone(),
                    inputs: inputs.clone(),
                });
                let (pct_status, pct_reason) = match (status, pct) {
                    ("ok", None) => (
                        "zero-denominator",
                        "上一年度为 0，无法计算增减率".to_string(),
                    ),
                    _ => (status, reason),
                };
                row.push(Value {
                    key: format!("{}.change_pct", ind.key),
                    value: pct,
                    status: pct_status,
                    reason: pct_reason,
                    inputs,
                });
            }
            out.push((meta.clone(), row));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dictionary_is_valid_and_covers_what_evaluators_ask_for() {
        let dict = dictionary();
        let keys: Vec<&str> = dict.iter().map(|i| i.key.as_str()).collect();
        for wanted in [
            "completion_rate",
            "disclosure_rate",
            "denial_rate",
            "review_correction_rate",
            "suit_correction_rate",
            "normative_made",
        ] {
            assert!(keys.contains(&wanted), "{wanted}");
        }
        for ind in dict {
            assert!(!ind.formulas.is_empty(), "{}", ind.key);
            assert!(!ind.if_blank.is_empty(), "{}", ind.key);
        }
        assert!(dict.iter().filter(|i| i.yoy).count() >= 5);
    }

    #[test]
    fn a_formula_naming_a_cell_the_format_lacks_is_refused() {
        let bad = r#"
[[indicator]]
key = "x"
name = "x"
unit = "件"
kind = "count"
definition = "x"
formula.gov2021 = "[t3:nonexistent/total]"
if_blank = "null"
"#;
        let err = parse_dictionary(bad).unwrap_err();
        assert!(err.contains("t3:nonexistent/total"), "{err}");
    }
}
