//! `nianbao diff OLD NEW`: two reports of the same 机关 compared year over
//! year ([`nianbao_core::yoy`]): every standard figure with its change and
//! ratio, large swings flagged; every section copied, nearly copied, changed,
//! added or removed. Human, JSON or a standalone HTML page.

use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use nianbao_core::check::{self, Checked};
use nianbao_core::workspace::{self, ConfigCache};
use nianbao_core::yoy::{self, Decimal, Figure, SectionDiff, SectionStatus};
use nianbao_render::escape;

use super::error::CliError;

pub use super::check_args::DiffFormat as Format;

struct Side {
    name: String,
    text: String,
    checked: Checked,
}

fn load(path: &Path, configs: &mut ConfigCache) -> Result<Side, CliError> {
    let text = workspace::read_report(path)?;
    let config = configs.for_file(path)?;
    let checked = check::check_text(&text, &config);
    Ok(Side {
        name: path.display().to_string(),
        text,
        checked,
    })
}

struct Comparison {
    figures: Vec<Figure>,
    sections: Vec<SectionDiff>,
}

fn compare(old: &Side, new: &Side) -> Comparison {
    Comparison {
        figures: yoy::compare_figures(
            (&old.checked.report, &old.checked.bindings),
            (&new.checked.report, &new.checked.bindings),
        ),
        sections: yoy::compare_sections(
            (&old.text, &old.checked.report),
            (&new.text, &new.checked.report),
        ),
    }
}

pub fn run(old: &Path, new: &Path, format: Format, all: bool, out: Option<&Path>) -> ExitCode {
    let mut configs = ConfigCache::default();
    let (old, new) = match (load(old, &mut configs), load(new, &mut configs)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let c = compare(&old, &new);
    let rendered = match format {
        Format::Human => human(&old, &new, &c, all),
        Format::Json => json(&old, &new, &c),
        Format::Html => html(&old, &new, &c),
    };
    match out {
        Some(out) => {
            if let Err(e) = std::fs::write(out, rendered) {
                eprintln!("错误：无法写入 {}：{e}", out.display());
                return ExitCode::from(2);
            }
        }
        None => print!("{rendered}"),
    }
    ExitCode::SUCCESS
}

fn heading(side: &Side) -> String {
    let front = &side.checked.report.front;
    format!(
        "{}（{}{}）",
        side.name,
        front.organ().unwrap_or("机关未知"),
        front.year().map_or(String::new(), |y| format!("，{y}年度")),
    )
}

fn opt(v: Option<Decimal>) -> String {
    v.map_or("—".to_string(), |v| v.normalize().to_string())
}

fn ratio(f: &Figure) -> String {
    f.ratio().map_or("—".to_string(), |r| format!("{r:.2}"))
}

fn change(f: &Figure) -> String {
    f.change().map_or("—".to_string(), |c| {
        let c = c.normalize();
        if c > Decimal::ZERO {
            format!("+{c}")
        } else {
            c.to_string()
        }
    })
}

fn similarity(s: &SectionDiff) -> String {
    s.similarity
        .map_or("—".to_string(), |v| format!("{:.0}%", v * 100.0))
}

fn changed(f: &Figure) -> bool {
    f.old != f.new
}

fn human(old: &Side, new: &Side, c: &Comparison, all: bool) -> String {
    let mut out = format!("上年：{}\n本年：{}\n\n", heading(old), heading(new));
    let n_changed = c.figures.iter().filter(|f| changed(f)).count();
    let swings = c.figures.iter().filter(|f| f.swing().is_some()).count();
    out.push_str(&format!(
        "标准数字 {} 项：有变化 {n_changed} 项，大幅变化 {swings} 项（增至10倍以上、降至十分之一以下或降为0）\n",
        c.figures.len()
    ));
    for f in c.figures.iter().filter(|f| all || changed(f)) {
        out.push_str(&format!(
            "  {}{} › {} › {}：{} → {}（{}，比率 {}）{}\n",
            if f.swing().is_some() { "!! " } else { "" },
            f.table_name,
            f.row,
            f.column,
            opt(f.old),
            opt(f.new),
            change(f),
            ratio(f),
            f.swing()
                .map_or(String::new(), |s| format!("　{}", s.label())),
        ));
    }
    out.push_str("\n各节正文：\n");
    for s in &c.sections {
        if s.old_chars == 0 && s.new_chars == 0 {
            out.push_str(&format!(
                "  {}{}：无正文（只有下级节或表格）\n",
                "  ".repeat(s.level.saturating_sub(1)),
                s.title
            ));
            continue;
        }
        out.push_str(&format!(
            "  {}{}：{}（相似度 {}，{} → {} 字）\n",
            "  ".repeat(s.level.saturating_sub(1)),
            s.title,
            s.status.label(),
            similarity(s),
            s.old_chars,
            s.new_chars
        ));
    }
    let copied = c
        .sections
        .iter()
        .filter(|s| {
            matches!(s.status, SectionStatus::Unchanged | SectionStatus::Copied)
                && s.new_chars >= yoy::MIN_CHARS
        })
        .count();
    out.push_str(&format!(
        "\n照抄或几乎照抄上年的节（相似度 ≥ {:.0}%，至少 {} 字）：{copied}\n",
        yoy::COPIED * 100.0,
        yoy::MIN_CHARS
    ));
    out
}

fn side_json(s: &Side) -> serde_json::Value {
    json!({
        "path": s.name,
        "organ": s.checked.report.front.organ(),
        "year": s.checked.report.front.year(),
    })
}

fn json(old: &Side, new: &Side, c: &Comparison) -> String {
    let num = |v: Option<Decimal>| v.map(|v| json!(v.normalize().to_string()));
    let doc = json!({
        "version": 1,
        "old": side_json(old),
        "new": side_json(new),
        "thresholds": { "copied": yoy::COPIED, "min_chars": yoy::MIN_CHARS, "swing": "x10, /10, non-zero to zero" },
        "figures": c.figures.iter().map(|f| json!({
            "table": f.table,
            "table_name": f.table_name,
            "row": f.row,
            "column": f.column,
            "old": num(f.old),
            "new": num(f.new),
            "change": num(f.change()),
            "ratio": f.ratio(),
            "swing": f.swing().map(|s| s.as_str()),
        })).collect::<Vec<_>>(),
        "sections": c.sections.iter().map(|s| json!({
            "title": s.title,
            "level": s.level,
            "status": s.status.as_str(),
            "similarity": s.similarity,
            "old_chars": s.old_chars,
            "new_chars": s.new_chars,
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialize");
    s.push('\n');
    s
}

fn html(old: &Side, new: &Side, c: &Comparison) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>年度报告比较</title>\n<style>\nbody { font-family: \"Noto Sans CJK SC\", \"Microsoft YaHei\", sans-serif; margin: 2em; }\ntable { border-collapse: collapse; font-size: 0.9em; } th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; }\nth { background: #f0f0f0; } td.num { text-align: right; } tr.swing td { background: #fde8e8; } .copied { color: #b00020; font-weight: bold; } .same { color: #b00020; font-weight: bold; }\n</style>\n</head>\n<body>\n");
    out.push_str(&format!(
        "<h1>年度报告比较</h1>\n<p>上年：{}<br>本年：{}</p>\n",
        escape(&heading(old)),
        escape(&heading(new))
    ));
    out.push_str("<h2>各节正文</h2>\n<table id=\"sections\"><thead><tr><th>节</th><th>情况</th><th>相似度</th><th>上年字数</th><th>本年字数</th></tr></thead><tbody>\n");
    for s in &c.sections {
        let class = match s.status {
            SectionStatus::Unchanged => "same",
            SectionStatus::Copied => "copied",
            _ => "",
        };
        out.push_str(&format!(
            "<tr><td>{}{}</td><td class=\"{class}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            "　".repeat(s.level.saturating_sub(1)),
            escape(&s.title),
            s.status.label(),
            similarity(s),
            s.old_chars,
            s.new_chars
        ));
    }
    out.push_str("</tbody></table>\n<h2>标准数字</h2>\n<p>标红的行：增至10倍以上、降至十分之一以下或降为0。</p>\n<table id=\"figures\"><thead><tr><th>表</th><th>行</th><th>列</th><th>上年</th><th>本年</th><th>变化</th><th>比率</th></tr></thead><tbody>\n");
    for f in &c.figures {
        out.push_str(&format!(
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            if f.swing().is_some() { " class=\"swing\"" } else { "" },
            escape(f.table_name),
            escape(f.row),
            escape(f.column),
            opt(f.old),
            opt(f.new),
            change(f),
            ratio(f),
        ));
    }
    out.push_str("</tbody></table>\n</body>\n</html>\n");
    out
}
