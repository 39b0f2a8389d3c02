//! `docs/indicators.md`, generated from the dictionary (`data/indicators.toml`). The test below fails when the
//! file in `docs/` is not what the dictionary gives; `NIANBAO_BLESS=1 cargo test -p nianbao-export` rewrites it.

use std::fmt::Write;

use nianbao_core::formats::FormatId;

use crate::indicators::{describe_cell, dictionary, IndicatorKind, RATE_DECIMALS};

/// The page.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str("<!-- 由 server/crates/export/data/indicators.toml 生成，请勿手改：改词典后运行 NIANBAO_BLESS=1 cargo test -p nianbao-export -->\n\n");
    out.push_str("# 派生指标 / Derived indicators\n\n");
    out.push_str(
        "`nianbao export` 在 `indicators.*` 中为每份报告写出下列指标，`nianbao stats` 据此做同类比较（见 [`export.md`](export.md)）。\
指标由词典 `server/crates/export/data/indicators.toml` 定义：每个指标对每种格式写一个公式，公式中的 `[表:行/列]` \
是格式数据（`server/crates/core/data/formats/`）中标准单元格的键，与勾稽关系所用的相同。\n\n",
    );
    out.push_str("## 取值规则\n\n");
    let _ = writeln!(
        out,
        "- 用精确的十进制数计算；比率乘以 100（单位 %），四舍五入到 {RATE_DECIMALS} 位小数；件数不取舍。"
    );
    out.push_str(
        "- **从不以 0 代替没有的数字**：公式读到的任一单元格空白、填不适用标记（“/”“—”“-”）、填文字或报告中没有，\
指标就没有值（null），`status` 说明原因，`reason` 用中文指出是哪一格；分母为 0 时同样没有值。\n\
- `status` 的取值：`ok`（有值）、`blank`（单元格空白）、`not-applicable`（不适用标记）、`text`（文字）、\
`missing`（报告中没有这一格：表、行或列没写）、`zero-denominator`（分母为 0）、`overflow`（超出范围）、\
`format`（该指标不适用于报告的格式）、`no-previous-year`（同比：没有同一机关上一年度的报告）。\n\
- `inputs` 列出公式读到的每一格及其值（`t3:new/total=57; …`），可以手工复算。\n\
- 标有“同比”的指标另有两项：`键.change`（本年减上年，同一机关，按“机关”名称匹配）和 `键.change_pct`（增减占上年的百分比；上年为 0 时没有值）。\n\n",
    );
    out.push_str(
        "## 一览\n\n| 键 | 名称 | 单位 | 适用格式 | 同比 |\n| --- | --- | --- | --- | --- |\n",
    );
    for ind in dictionary() {
        let formats: Vec<&str> = ind.formulas.iter().map(|(f, _, _)| f.as_str()).collect();
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} | {} |",
            ind.key,
            ind.key.replace('_', "-"),
            ind.name,
            ind.unit,
            formats.join("、"),
            if ind.yoy { "是" } else { "—" }
        );
    }
    for ind in dictionary() {
        let _ = writeln!(out, "\n## {}\n", ind.key.replace('_', "-"));
        let _ = writeln!(
            out,
            "**{}**（`{}`，{}，单位：{}）\n\n{}\n",
            ind.name,
            ind.key,
            match ind.kind {
                IndicatorKind::Rate => "比率",
                IndicatorKind::Count => "件数",
            },
            ind.unit,
            ind.definition
        );
        out.push_str("| 格式 | 公式 | 公式中的单元格 |\n| --- | --- | --- |\n");
        for (format, src, expr) in &ind.formulas {
            let cells: Vec<String> = expr
                .cells()
                .iter()
                .map(|k| format!("`{k}` {}", describe_cell(*format, k).unwrap_or_default()))
                .collect();
            let _ = writeln!(
                out,
                "| {} | `{}` | {} |",
                format_name(*format),
                src.replace('|', "\\|"),
                cells.join("；")
            );
        }
        let _ = writeln!(out, "\n- 单元格无数字时：{}", ind.if_blank);
        if let Some(z) = &ind.if_zero {
            let _ = writeln!(out, "- 分母为 0 时：{z}");
        }
        if ind.yoy {
            let _ = writeln!(
                out,
                "- 同比：`{k}.change`（本年减上年）、`{k}.change_pct`（%）",
                k = ind.key
            );
        }
        for c in &ind.caveats {
            let _ = writeln!(out, "- 注意：{c}");
        }
    }
    out
}

fn format_name(f: FormatId) -> &'static str {
    match f {
        FormatId::Gov2021 => "2021年格式（gov2021）",
        FormatId::Gov2019 => "2019年格式（gov2019）",
        FormatId::Stat2014 => "统计表（stat2014）",
        FormatId::None => "无",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn docs_indicators_md_is_generated_from_the_dictionary() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../docs/indicators.md");
        let want = super::markdown();
        if std::env::var_os("NIANBAO_BLESS").is_some() {
            std::fs::write(&path, &want).unwrap();
            return;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/indicators.md is stale: run NIANBAO_BLESS=1 cargo test -p nianbao-export"
        );
    }
}
