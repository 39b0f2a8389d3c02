//! At the start of a line: the standard section headings the report lacks and whole standard tables of the
//! report's format.

use super::front_matter::default_year;
use super::tables::{present_tables, table_text};
use super::*;
use crate::analysis::{display_name, Ctx};
use nianbao_core::formats;
use nianbao_core::semantic::FormatId;
use nianbao_core::tiaoli::{self, format_cn_number, Organs};

pub(super) fn line_start(cx: &Ctx, offset: usize, line_start: usize) -> Vec<Item> {
    let text = cx.text();
    let line = cx.line(offset);
    let before = &text[line_start..offset];
    let indent = before.len() - before.trim_start().len();
    let typed = before.trim_start();
    let rest_empty = text[offset..line.end].trim().is_empty();
    let heading_typed = typed.starts_with('#');
    // Plain words at a line start may be the first words of a paragraph:
    // offer headings for a few characters at most.
    if !rest_empty || (!heading_typed && typed.chars().count() > 8) {
        return Vec::new();
    }
    let range = line_start + indent..offset;
    let words = typed.trim_start_matches('#').trim_start();
    let report = cx.report();
    let mut out = Vec::new();

    // The section the cursor is in (top level), matched to the format.
    let here = report
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.range.start <= offset && offset <= s.range.end)
        .map(|(i, _)| report.top_section(i))
        .next();
    let format = cx
        .format()
        .filter(|_| cx.checked().format != FormatId::Stat2014);
    let matched = format.map_or_else(Vec::new, |f| {
        nianbao_core::semantic::sections::matched_sections(report, f)
    });
    let here_section = here.and_then(|h| matched.iter().find(|(i, _)| *i == h).map(|(_, s)| *s));

    if let Some(f) = format {
        for (k, section) in f.sections.iter().enumerate() {
            if matched.iter().any(|(_, s)| s.no == section.no) {
                continue;
            }
            let heading = format!("# {}、{}", section.no, section.title);
            if !keep(cx, words, &heading) {
                continue;
            }
            let mut item = Item::new(heading.clone(), What::Heading, range.clone(), typed);
            item.detail = Some(format!("{}规定的章节", f.short));
            item.doc = section_doc(cx, section);
            item.order = k;
            out.push(item);
        }
        if let Some(section) = here_section {
            let subs: Vec<&str> = report
                .sections
                .iter()
                .filter(|s| {
                    s.level == 2
                        && s.range.start >= report.sections[here.expect("matched")].range.start
                        && s.range.end <= report.sections[here.expect("matched")].range.end
                })
                .map(|s| s.title.as_str())
                .collect();
            // Each written subsection matched once (not once per subsection of the format).
            let written: Vec<_> = subs
                .iter()
                .filter_map(|s| section.match_subsection(s))
                .filter(|m| m.is_plausible())
                .map(|m| m.subsection.no.clone())
                .collect();
            for (k, sub) in section.subsections.iter().enumerate() {
                if written.contains(&sub.no) {
                    continue;
                }
                let heading = format!("## {}{}", sub.no, sub.title);
                if !keep(cx, words, &heading) {
                    continue;
                }
                let mut item = Item::new(heading, What::Heading, range.clone(), typed);
                item.detail = Some(format!("“{}、{}”下的小节", section.no, section.title));
                item.order = 20 + k;
                out.push(item);
            }
        }
    } else if cx.checked().format == FormatId::Stat2014 || cx.checked().format == FormatId::None {
        // 2007 条例: six contents, no prescribed headings.
        let law = cx.edition().text();
        let headings: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
        for (k, item) in law.annual_report.contents_for(Organs::All).enumerate() {
            let present = item
                .keywords
                .iter()
                .any(|kw| headings.iter().any(|h| h.contains(kw.as_str())));
            if present {
                continue;
            }
            let heading = format!("# {}、{}", format_cn_number(k as u32 + 1), item.title);
            if !keep(cx, words, &heading) {
                continue;
            }
            let mut c = Item::new(heading, What::Heading, range.clone(), typed);
            c.detail = Some(format!("{}年《条例》{}", law.edition.id(), item.reference));
            c.order = k;
            out.push(c);
        }
    }

    // Whole standard tables, those of the current section first.
    if !heading_typed {
        if let Some(f) = cx.format() {
            let present = present_tables(cx);
            for (k, t) in f.tables.iter().enumerate() {
                let name = display_name(t);
                if !keep(cx, words, &name) && !keep(cx, words, &t.corner) {
                    continue;
                }
                let in_here = here_section.is_some_and(|s| s.tables.contains(&t.id));
                let mut item =
                    Item::new(format!("{name}（整表）"), What::Whole, range.clone(), typed);
                item.insert = table_text(t);
                item.detail = Some(format!("{}，数字为 0", f.short));
                item.doc = Some(format!("```\n{}\n```", item.insert));
                item.order = 40
                    + k
                    + if in_here { 0 } else { 20 }
                    + if present.contains(&t.id.as_str()) {
                        40
                    } else {
                        0
                    };
                out.push(item);
            }
        }
    }

    // A front matter for a report that has none.
    if report.front.range.is_none() && line_start == 0 && !heading_typed {
        let year = default_year(cx);
        let mut item = Item::new("---（文件头）", What::Whole, range.clone(), typed);
        item.insert = format!(
            "---\n标题: ${{1:某县{year}年政府信息公开工作年度报告}}\n机关: ${{2:某县人民政府}}\n机关类型: ${{3|人民政府,部门,其他|}}\n年度: ${{4:{year}}}\n发布日期: ${{5:YYYY-MM-DD}}\n---\n"
        );
        item.snippet = true;
        item.order = 0;
        out.push(item);
    }
    out
}

fn section_doc(cx: &Ctx, section: &formats::Section) -> Option<String> {
    let mut parts = Vec::new();
    for a in &section.articles {
        let text = tiaoli::lookup(cx.edition(), &a.reference)
            .map(|p| p.text().to_string())
            .unwrap_or_default();
        parts.push(format!(
            "{}年《条例》**{}**：{}",
            cx.edition().id(),
            a.reference,
            text
        ));
    }
    if !section.tables.is_empty() {
        let names: Vec<String> = section
            .tables
            .iter()
            .filter_map(|id| cx.format()?.table(id))
            .map(display_name)
            .collect();
        parts.push(format!("本节的标准表：{}", names.join("、")));
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}
