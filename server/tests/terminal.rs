//! What a user sees in a terminal: findings laid out for 80 and 120 columns (snapshots of a breakdown, a
//! share, a table cell and a front-matter finding), no line wider than the width, colour only when asked
//! or on a terminal, `nianbao rules` / `nianbao explain` against docs/rules.md, completions, the man
//! page, and every help text of the command tree in Chinese.

mod support;

use std::process::Output;

use unicode_width::UnicodeWidthStr;

use support::{nianbao, nianbao_env, root, stdout};

/// The findings of `code` in the human output of `file` at `width` columns.
fn findings(file: &str, code: &str, width: usize) -> String {
    let o = nianbao(&["check", "--width", &width.to_string(), file]);
    let out = stdout(&o);
    let head = format!("[{code}]: ");
    out.split("\n\n")
        .filter(|block| block.lines().next().is_some_and(|l| l.contains(&head)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

const BREAKDOWN: &str = "examples/suizhong-2023.nianbao";
const SHARE: &str = "tests/fixtures/rules/prose-share/trigger-share-list.nianbao";
const CELL: &str = "tests/fixtures/rules/table-sum/trigger-t4.nianbao";
const FRONT_MATTER: &str = "tests/fixtures/rules/front-matter-invalid/trigger-bad-values.nianbao";

#[test]
fn breakdown_at_80_and_120() {
    insta::assert_snapshot!("breakdown_80", findings(BREAKDOWN, "prose-breakdown", 80));
    insta::assert_snapshot!("breakdown_120", findings(BREAKDOWN, "prose-breakdown", 120));
}

#[test]
fn share_at_80_and_120() {
    insta::assert_snapshot!("share_80", findings(SHARE, "prose-share", 80));
    insta::assert_snapshot!("share_120", findings(SHARE, "prose-share", 120));
}

#[test]
fn table_cell_at_80_and_120() {
    insta::assert_snapshot!("table_cell_80", findings(CELL, "table-sum", 80));
    insta::assert_snapshot!("table_cell_120", findings(CELL, "table-sum", 120));
}

#[test]
fn front_matter_at_80_and_120() {
    let at = |w| findings(FRONT_MATTER, "front-matter-invalid", w);
    insta::assert_snapshot!("front_matter_80", at(80));
    insta::assert_snapshot!("front_matter_120", at(120));
}

/// Display column of `needle` on `line`.
fn column(line: &str, needle: &str) -> usize {
    line[..line.find(needle).unwrap()].width()
}

#[test]
fn labels_sit_under_their_figures() {
    // Each "分项 N" label starts in the column of the span of N on the source line above.
    for width in [80, 120] {
        let out = findings(BREAKDOWN, "prose-breakdown", width);
        let lines: Vec<&str> = out.lines().collect();
        let source = lines
            .iter()
            .rposition(|l| l.contains("1327条"))
            .expect("the parts are shown");
        for part in ["1327", "827", "156", "37"] {
            let label = format!("分项 {part}");
            let under = lines[source + 1..]
                .iter()
                .find(|l| l.contains(&label))
                .unwrap_or_else(|| panic!("{label} at {width}:\n{out}"));
            let figure = column(lines[source], &format!("{part}条"));
            let label_column = column(under, &label);
            // Under the figure, or right of its underline when it is the last one.
            let marks = lines[source + 1];
            let underline = marks[..].chars().collect::<String>();
            assert!(
                label_column == figure || column(under, "──") + 5 <= label_column,
                "{label} at column {label_column}, figure at {figure} ({width}):\n{out}\n{underline}"
            );
        }
    }
}

#[test]
fn no_line_is_wider_than_the_width() {
    // Relative paths, as a user types them; a path itself is never cut, so lines naming one are not
    // measured (the origin line and the summary rows).
    let mut files: Vec<String> = vec!["examples/".into()];
    for entry in std::fs::read_dir(root().join("tests/fixtures/rules")).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        let name = entry.file_name();
        files.push(format!("tests/fixtures/rules/{}", name.to_string_lossy()));
    }
    for width in [80, 120] {
        let mut args = vec!["check".to_string(), "--width".into(), width.to_string()];
        args.extend(files.iter().cloned());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = stdout(&nianbao(&args));
        assert!(out.contains("检查了"), "{out}");
        for line in out
            .lines()
            .filter(|l| !l.contains(".nianbao") && !l.starts_with("文件 "))
        {
            assert!(
                line.width() <= width,
                "{} columns at width {width}:\n{line}",
                line.width()
            );
        }
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let esc = |o: &Output| o.stdout.contains(&0x1b);
    // Piped: no escape codes, whatever the environment says but CLICOLOR_FORCE.
    assert!(!esc(&nianbao(&["check", BREAKDOWN])));
    assert!(!esc(&nianbao(&["check", "--color", "never", BREAKDOWN])));
    assert!(!esc(&nianbao_env(
        &["check", BREAKDOWN],
        &[("NO_COLOR", "1")]
    )));
    assert!(esc(&nianbao(&["check", "--color", "always", BREAKDOWN])));
    assert!(esc(&nianbao_env(
        &["check", BREAKDOWN],
        &[("CLICOLOR_FORCE", "1")]
    )));
    assert!(!esc(&nianbao_env(
        &["check", BREAKDOWN],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    )));
    assert!(!esc(&nianbao_env(
        &["check", "--color", "never", BREAKDOWN],
        &[("CLICOLOR_FORCE", "1")]
    )));
    // The same text once the escape codes are gone.
    let plain = stdout(&nianbao(&["check", BREAKDOWN]));
    let coloured = stdout(&nianbao(&["check", "--color", "always", BREAKDOWN]));
    let mut stripped = String::new();
    let mut chars = coloured.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            stripped.push(c);
        }
    }
    assert_eq!(stripped, plain);
}

#[test]
fn explain_prints_the_doc_entry_of_every_rule() {
    let doc = std::fs::read_to_string(root().join("docs/rules.md")).unwrap();
    assert_eq!(
        nianbao::cli::rules::RULES_DOC,
        doc,
        "the binary has the current docs/rules.md"
    );
    for rule in nianbao_core::rules::RULES {
        let o = nianbao(&["explain", rule.code]);
        assert_eq!(o.status.code(), Some(0), "{}", rule.code);
        let text = stdout(&o);
        let heading = format!("## {}\n", rule.code);
        assert!(text.starts_with(&heading), "{}:\n{text}", rule.code);
        // Exactly the section of docs/rules.md: from the heading to the next one.
        let start = doc.find(&heading).unwrap();
        let section = nianbao::cli::rules::section(rule.code).unwrap();
        assert!(doc[start..].starts_with(section), "{}", rule.code);
        let next = doc[start + heading.len()..]
            .find("\n## ")
            .map_or(doc.len(), |i| start + heading.len() + i);
        assert_eq!(
            doc[start..next]
                .trim_end()
                .trim_end_matches("---")
                .trim_end(),
            section,
            "{}",
            rule.code
        );
        assert!(text.contains(section));
        assert!(section.contains("**示例**"), "{} has an example", rule.code);
        let level = format!("**默认级别**：{}", rule.severity.as_str());
        assert!(section.contains(&level), "{}: {level}", rule.code);
        assert!(
            nianbao::cli::rules::formats(rule.code).is_some(),
            "{} has a **适用格式** line",
            rule.code
        );
    }
}

#[test]
fn explain_suggests_the_closest_code() {
    let o = nianbao(&["explain", "tabel-sum"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("table-sum"), "{err}");
    assert_eq!(
        nianbao::cli::rules::closest("prose-brekdown"),
        Some("prose-breakdown")
    );
}

#[test]
fn rules_lists_every_rule() {
    let o = nianbao(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for rule in nianbao_core::rules::RULES {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.code))
            .unwrap_or_else(|| panic!("{} listed", rule.code));
        assert!(line.contains(rule.severity.as_str()), "{line}");
        assert!(line.contains(rule.title), "{line}");
        assert!(
            line.contains(nianbao::cli::rules::formats(rule.code).unwrap()),
            "{line}"
        );
    }
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = nianbao(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let text = stdout(&o);
        assert!(
            text.contains("explain") && text.contains("format"),
            "{shell}"
        );
    }
    let o = nianbao(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(page.contains(".TH nianbao"), "{page}");
    assert!(page.contains("检查年度报告"));
    let dir = support::scratch("man");
    let o = nianbao(&["man", "-o", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let check = std::fs::read_to_string(dir.join("nianbao-check.1")).unwrap();
    assert!(
        check.contains("\\-\\-width") && check.contains("human 格式每行的最大显示宽度"),
        "{check}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn has_chinese(s: &str) -> bool {
    !s.is_ascii()
}

/// Every command, argument and value description of the tree: present, and not ASCII only.
#[test]
fn every_help_text_is_chinese() {
    fn walk(cmd: &clap::Command, path: &str, bad: &mut Vec<String>) {
        let here = format!("{path} {}", cmd.get_name());
        match cmd.get_about() {
            Some(about) if has_chinese(&about.to_string()) => {}
            other => bad.push(format!("{here}: about {other:?}")),
        }
        for arg in cmd.get_arguments() {
            let name = format!("{here} {}", arg.get_id());
            match arg.get_help() {
                Some(help) if has_chinese(&help.to_string()) => {}
                other => bad.push(format!("{name}: help {other:?}")),
            }
            if let Some(long) = arg.get_long_help() {
                if !has_chinese(&long.to_string()) {
                    bad.push(format!("{name}: long help {long}"));
                }
            }
            let takes_values = arg.get_action().takes_values();
            for value_name in arg
                .get_value_names()
                .unwrap_or_default()
                .iter()
                .filter(|_| takes_values)
            {
                if !has_chinese(value_name) {
                    bad.push(format!("{name}: value name {value_name}"));
                }
            }
            if let Some(heading) = arg.get_help_heading() {
                if !has_chinese(heading) {
                    bad.push(format!("{name}: heading {heading}"));
                }
            }
            for value in arg.get_possible_values() {
                if let Some(help) = value.get_help() {
                    if !has_chinese(&help.to_string()) {
                        bad.push(format!("{name}={}: {help}", value.get_name()));
                    }
                } else {
                    bad.push(format!("{name}={}: no help", value.get_name()));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &here, bad);
        }
    }
    let mut cmd = nianbao::cli::args::command();
    cmd.build();
    let mut bad = Vec::new();
    walk(&cmd, "", &mut bad);
    assert!(
        bad.is_empty(),
        "help texts not in Chinese:\n{}",
        bad.join("\n")
    );
    // What --help prints: Chinese headings.
    let help = stdout(&nianbao(&["check", "--help"]));
    assert!(
        help.contains("用法：") && help.contains("选项") && help.contains("打印帮助"),
        "{help}"
    );
    assert!(
        !help.contains("Usage:") && !help.contains("Options:") && !help.contains("Print help"),
        "{help}"
    );
}
