//! `deadline`, `publish-date-missing`, `format-year`, `period-year`.

use super::diag;
use crate::check::{edition_for_year, Context, FormatId};
use crate::diagnostic::Diagnostic;
use crate::model::{Date, OrganKind};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(year) = cx.year else { return };
    deadline(cx, year, out);
    format_year(cx, year, out);
    period_year(cx, year, out);
}

/// Who publishes, when not written: a name ending in 人民政府 is a government.
fn organ_kind(cx: &Context) -> Option<OrganKind> {
    cx.report.front.organ_kind().or_else(|| {
        let organ = cx.report.front.organ()?;
        if organ.ends_with("人民政府") || organ.ends_with("政府") {
            Some(OrganKind::Government)
        } else {
            None
        }
    })
}

fn deadline(cx: &Context, year: i32, out: &mut Vec<Diagnostic>) {
    let front = &cx.report.front;
    let Some(published) = front.published() else {
        if front.value("发布日期").is_none() {
            let range = front.range.clone().map_or(0..0, |r| r.start..r.start + 3);
            out.push(diag(
                "publish-date-missing",
                range,
                "未填写“发布日期”，无法检查是否按期公布",
            ));
        }
        return;
    };
    let range = front
        .entry("发布日期")
        .map_or(0..0, |e| e.value_range.clone());
    let (limit, basis) = if cx.edition == 2019 {
        match organ_kind(cx) {
            Some(OrganKind::Department) => (
                Date::new(year + 1, 1, 31),
                "2019年《条例》第四十九条：县级以上人民政府部门应当在每年1月31日前公布本部门上一年度年度报告",
            ),
            _ => (
                Date::new(year + 1, 3, 31),
                "2019年《条例》第四十九条：县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前公布本级政府上一年度年度报告",
            ),
        }
    } else {
        (
            Date::new(year + 1, 3, 31),
            "2007年《条例》第三十一条：各级行政机关应当在每年3月31日前公布本行政机关的政府信息公开工作年度报告",
        )
    };
    let Some(limit) = limit else { return };
    if published > limit {
        out.push(diag(
            "deadline",
            range,
            format!("发布日期 {published} 晚于法定期限 {limit}（{basis}）"),
        ));
    } else if published.year <= year {
        out.push(
            diag(
                "deadline",
                range,
                format!("发布日期 {published} 早于{year}年度结束，年度报告应在年度结束后发布"),
            )
            .with_severity(crate::diagnostic::Severity::Warning),
        );
    }
}

fn format_year(cx: &Context, year: i32, out: &mut Vec<Diagnostic>) {
    let front = &cx.report.front;
    let expected = FormatId::for_year(year);
    if let Some(entry) = front.entry("格式") {
        if let Some(written) = entry.value.as_deref().and_then(FormatId::parse) {
            if written != expected {
                out.push(diag(
                    "format-year",
                    entry.value_range.clone(),
                    format!(
                        "{year}年度的报告应使用{}，而不是{}",
                        describe(expected),
                        describe(written)
                    ),
                ));
            }
        }
    }
    if let Some(entry) = front.entry("条例") {
        let expected = edition_for_year(year);
        if let Some(written) = entry
            .value
            .as_deref()
            .and_then(|v| v.trim().parse::<u16>().ok())
        {
            if matches!(written, 2007 | 2019) && written != expected {
                out.push(diag(
                    "format-year",
                    entry.value_range.clone(),
                    format!("{year}年度的报告适用{expected}年版《条例》，而不是{written}年版（2019年修订版自2019年5月15日起施行）"),
                ));
            }
        }
    }
}

fn describe(f: FormatId) -> &'static str {
    match f {
        FormatId::Gov2021 => "2021年格式（国办公开办函〔2021〕30号）",
        FormatId::Gov2019 => "2019年格式（国办公开办函〔2019〕60号）",
        FormatId::Stat2014 => "政府信息公开情况统计表（国办发〔2014〕32号）",
        FormatId::None => "无统一表格的格式",
    }
}

const PERIOD_WORDS: &[&str] = &[
    "统计期限",
    "统计期间",
    "统计时限",
    "统计时间",
    "統計期限",
    "統計期間",
];

/// The statistical period stated in front matter or in the preface must be
/// the report's year.
fn period_year(cx: &Context, year: i32, out: &mut Vec<Diagnostic>) {
    let front = &cx.report.front;
    if let Some((from, to)) = front.period() {
        if from.year != year || to.year != year {
            let range = front
                .entry("统计期限")
                .map_or(0..0, |e| e.value_range.clone());
            out.push(diag(
                "period-year",
                range,
                format!("统计期限 {from}至{to} 与年度 {year} 不符"),
            ));
        }
    }
    for p in &cx.report.paragraphs {
        let text = &cx.text[p.range.clone()];
        for word in PERIOD_WORDS {
            let Some(at) = text.find(word) else { continue };
            let start = p.range.start + at;
            let end = text[at..]
                .find(['。', '；', ';'])
                .map_or(p.range.end, |i| p.range.start + at + i);
            for n in p
                .numbers
                .iter()
                .filter(|n| n.range.start >= start && n.range.end <= end)
            {
                let follows_year = cx.text[n.range.end..].starts_with('年');
                let four_digits =
                    n.written.scale() == 0 && (1990..=2100).contains(&n.written.mantissa());
                if follows_year && four_digits && n.written.mantissa() != i128::from(year) {
                    out.push(diag(
                        "period-year",
                        n.range.clone(),
                        format!("统计期限中的年份 {} 与年度 {year} 不符", n.written),
                    ));
                }
            }
        }
    }
}
