//! In the front matter: the keys not yet written, and the values of a key (格式 editions, 机关类型, the year,
//! the deadline as 发布日期 …).

use std::ops::Range;

use super::*;
use crate::analysis::Ctx;
use nianbao_core::model::date::today;
use nianbao_core::model::front_matter::KEYS;
use nianbao_core::model::OrganKind;
use nianbao_core::semantic::FormatId;
use nianbao_core::tiaoli::{self, Organs};

pub(super) fn front_matter(cx: &Ctx, offset: usize) -> Option<Vec<Item>> {
    let range = cx.report().front.range.clone()?;
    let text = cx.text();
    let line = cx.line(offset);
    // The line after the closing fence starts where the front matter ends.
    if line.start < range.start || line.start >= range.end {
        return None;
    }
    let content = &text[line.clone()];
    if content.trim() == "---" || content.trim_start().starts_with("//") {
        return Some(Vec::new());
    }
    let before = &text[line.start..offset];
    let colon = before.find([':', '：']);
    Some(match colon {
        None => {
            let indent = before.len() - before.trim_start().len();
            let typed = line.start + indent..offset;
            keys(cx, typed, &line)
        }
        Some(c) => {
            let key = before[..c].trim();
            let after = line.start + c + before[c..].chars().next().map_or(1, char::len_utf8);
            let gap = &text[after..offset];
            let typed = after + (gap.len() - gap.trim_start().len())..offset;
            values(cx, key, typed)
        }
    })
}

pub(super) fn keys(cx: &Ctx, typed: Range<usize>, line: &Range<usize>) -> Vec<Item> {
    let t = &cx.text()[typed.clone()];
    let front = &cx.report().front;
    let year = default_year(cx);
    KEYS.iter()
        .enumerate()
        .filter(|(_, (key, _))| {
            !front
                .entries
                .iter()
                .any(|e| e.key == *key && e.line_range.start != line.start)
        })
        .filter(|(_, (key, _))| keep(cx, t, key))
        .map(|(i, (key, what))| {
            let value = match *key {
                "格式" => "${1|2021,2019,2014,无|}".to_string(),
                "条例" => "${1|2019,2007|}".to_string(),
                "机关类型" => "${1|人民政府,部门,其他|}".to_string(),
                "年度" => format!("${{1:{year}}}"),
                "发布日期" => "${1:YYYY-MM-DD}".to_string(),
                "统计期限" => format!("${{1:{year}-01-01至{year}-12-31}}"),
                _ => "$1".to_string(),
            };
            let mut item = Item::new(*key, What::Key, typed.clone(), t);
            item.insert = format!("{key}: {value}");
            item.snippet = true;
            item.doc = Some(what.to_string());
            item.order = i;
            item
        })
        .collect()
}

/// The report year, or failing that last year.
pub(super) fn default_year(cx: &Ctx) -> i32 {
    cx.report().front.year().unwrap_or_else(|| today().0 - 1)
}

pub(super) fn values(cx: &Ctx, key: &str, typed: Range<usize>) -> Vec<Item> {
    let t = cx.text()[typed.clone()].to_string();
    let front = &cx.report().front;
    let year = front.year();
    let mut out: Vec<(String, Option<String>, Option<String>, bool)> = Vec::new();
    match key {
        "格式" => {
            let expected = year.map(FormatId::for_year);
            for (id, name) in [
                (FormatId::Gov2021, "2021"),
                (FormatId::Gov2019, "2019"),
                (FormatId::Stat2014, "2014"),
                (FormatId::None, "无"),
            ] {
                let doc = match id.data() {
                    Some(f) => format!(
                        "**{}**（{}）\n\n适用于{}年度{}",
                        f.name,
                        f.doc_no,
                        f.years.from,
                        f.years
                            .to
                            .map_or("起".to_string(), |to| format!("至{to}年度"))
                    ),
                    None => "2014年度以前：没有全国统一的表格".to_string(),
                };
                out.push((
                    name.into(),
                    Some(id.describe().into()),
                    Some(doc),
                    expected == Some(id),
                ));
            }
        }
        "条例" => {
            let expected = year.map(tiaoli::edition_for_year);
            for edition in tiaoli::Edition::ALL.iter().rev() {
                let law = edition.text();
                let doc = format!(
                    "《{}》（{}，{}起施行）",
                    law.title, law.promulgation, law.effective
                );
                out.push((
                    edition.id().into(),
                    Some(law.promulgation.clone()),
                    Some(doc),
                    expected == Some(*edition),
                ));
            }
        }
        "机关类型" => {
            let law = cx.edition().text();
            for (value, organs) in [
                ("人民政府", Organs::Government),
                ("部门", Organs::Department),
                ("其他", Organs::All),
            ] {
                let deadline = law
                    .annual_report
                    .deadline_for(organs)
                    .unwrap_or_else(|| law.annual_report.latest_deadline());
                let doc = format!(
                    "发布期限：次年{}月{}日（{}年《条例》{}：{}）",
                    deadline.month,
                    deadline.day,
                    law.edition.id(),
                    deadline.reference,
                    deadline.rule
                );
                out.push((value.into(), None, Some(doc), false));
            }
        }
        "年度" => {
            let mut years = Vec::new();
            if let Some(title) = front.title() {
                years.extend(four_digit_years(title));
            }
            if let Some(p) = front.published() {
                years.push(p.year - 1);
            }
            years.push(today().0 - 1);
            years.dedup();
            let mut seen = Vec::new();
            for y in years {
                if !seen.contains(&y) {
                    seen.push(y);
                    out.push((y.to_string(), None, None, seen.len() == 1));
                }
            }
        }
        "发布日期" => {
            if let Some(y) = year {
                let law = cx.edition().text();
                let kind = match front.organ_kind() {
                    Some(OrganKind::Government) => Organs::Government,
                    Some(OrganKind::Department) => Organs::Department,
                    _ => Organs::All,
                };
                let deadline = law
                    .annual_report
                    .deadline_for(kind)
                    .unwrap_or_else(|| law.annual_report.latest_deadline());
                let (dy, dm, dd) = deadline.date_for(y);
                out.push((
                    format!("{dy:04}-{dm:02}-{dd:02}"),
                    Some("法定期限".into()),
                    Some(format!(
                        "{}年《条例》{}：{}",
                        law.edition.id(),
                        deadline.reference,
                        deadline.rule
                    )),
                    false,
                ));
            }
            let (ty, tm, td) = today();
            out.push((
                format!("{ty:04}-{tm:02}-{td:02}"),
                Some("今天".into()),
                None,
                false,
            ));
        }
        "统计期限" => {
            if let Some(y) = year {
                out.push((
                    format!("{y}-01-01至{y}-12-31"),
                    Some("年度全年".into()),
                    None,
                    true,
                ));
            }
        }
        "标题" => {
            if let (Some(organ), Some(y)) = (front.organ(), year) {
                out.push((
                    format!("{organ}{y}年政府信息公开工作年度报告"),
                    None,
                    None,
                    true,
                ));
            }
        }
        "机关" => {
            if let Some(title) = front.title() {
                if let Some(i) = title.find(|c: char| c.is_ascii_digit()) {
                    let organ = title[..i].trim();
                    if !organ.is_empty() {
                        out.push((organ.to_string(), None, None, true));
                    }
                }
            }
        }
        _ => {}
    }
    out.into_iter()
        .enumerate()
        .filter(|(_, (label, ..))| keep(cx, &t, label))
        .map(|(i, (label, detail, doc, preselect))| {
            let mut item = Item::new(label, What::Value, typed.clone(), &t);
            item.detail = detail;
            item.doc = doc;
            item.order = i;
            item.preselect = preselect;
            item
        })
        .collect()
}

fn four_digit_years(s: &str) -> Vec<i32> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            if let Ok(y) = s[i..i + 4].parse::<i32>() {
                if (1990..=2100).contains(&y) {
                    out.push(y);
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_titles() {
        assert_eq!(
            four_digit_years("绥中县2023年政府信息公开工作年度报告"),
            vec![2023]
        );
        assert!(four_digit_years("12345").is_empty());
    }
}
