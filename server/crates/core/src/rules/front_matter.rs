//! `front-matter-missing`, `front-matter-invalid`, `front-matter-unknown-key`.

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::model::front_matter::KEYS;
use crate::model::{Date, OrganKind};
use crate::semantic::{Context, FormatId};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let front = &cx.report.front;
    let start = front.range.clone().map_or(0..0, |r| r.start..r.start + 3);
    if front.entry("年度").is_none() && front.value("年度").is_none() {
        out.push(diag(
            Code::FrontMatterMissing,
            start,
            "缺少“年度”：无法确定适用的《条例》版本和表格格式（在文件开头的元数据中写“年度: 2023”）",
        ));
    }
    if let Some(range) = &front.range {
        if !front.closed {
            out.push(diag(
                Code::FrontMatterInvalid,
                range.start..range.start + 3,
                "元数据没有结束：在最后一个“键: 值”行之后加一行 ---",
            ));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for entry in &front.entries {
        let key = entry.key.as_str();
        if seen.contains(&key) {
            out.push(diag(
                Code::FrontMatterInvalid,
                entry.key_range.clone(),
                format!("元数据“{key}”重复，只有第一处有效"),
            ));
            continue;
        }
        seen.push(key);
        // "发布日期 2024-01-20": a known key, a space instead of the colon.
        if let Some((known, _)) = KEYS.iter().find(|(k, _)| {
            key.strip_prefix(k)
                .is_some_and(|rest| rest.starts_with(char::is_whitespace))
        }) {
            out.push(diag(
                Code::FrontMatterInvalid,
                entry.key_range.clone(),
                format!("“{known}”后缺少冒号，应写作“{known}: 值”"),
            ));
            continue;
        }
        if !KEYS.iter().any(|(k, _)| *k == key) {
            let known: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
            out.push(diag(
                Code::FrontMatterUnknownKey,
                entry.key_range.clone(),
                format!("未知的元数据键“{key}”，可用的键：{}", known.join("、")),
            ));
            continue;
        }
        let Some(value) = entry.value.as_deref().map(str::trim) else {
            out.push(diag(
                Code::FrontMatterInvalid,
                entry.key_range.clone(),
                format!("元数据“{key}”缺少冒号和值，应写作“{key}: 值”"),
            ));
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let problem = match key {
            "年度" if front.year().is_none() => {
                Some(format!("年度“{value}”无效，应为四位数年份，如 2023"))
            }
            "机关类型" if OrganKind::parse(value).is_none() => Some(format!(
                "机关类型“{value}”无效，应为 人民政府、部门 或 其他"
            )),
            "格式" if FormatId::from_front_matter(value).is_none() => {
                Some(format!("格式“{value}”无效，应为 2021、2019、2014 或 无"))
            }
            "条例" if !matches!(value, "2007" | "2019") => {
                Some(format!("《条例》版本“{value}”无效，应为 2007 或 2019"))
            }
            "发布日期" if Date::parse(value).is_none() => {
                Some(format!("发布日期“{value}”不是有效日期，应写作 YYYY-MM-DD"))
            }
            "统计期限" if front.period().is_none() => Some(format!(
                "统计期限“{value}”无效，应写作“2023-01-01至2023-12-31”"
            )),
            _ => None,
        };
        if let Some(message) = problem {
            out.push(diag(
                Code::FrontMatterInvalid,
                entry.value_range.clone(),
                message,
            ));
        }
    }
}
