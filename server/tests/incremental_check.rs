//! The incremental check (`check::check_edited`, what the language server
//! runs on every keystroke) against a fresh check of the same text, over
//! seeded random edit scripts on every example and on a 2 MB report: after
//! each edit the findings, the model and the bindings are the same.
//! Edits insert, delete and replace text with CJK, figures, table pipes,
//! line breaks, headings, front matter and suppression comments.

use nianbao_core::check::{check_edited, check_text, Checked, Config};
use nianbao_generate::rng::Rng;
use tree_sitter::{InputEdit, Point, Tree};

const PIECES: &[&str] = &[
    "",
    "\n",
    "\n\n",
    "|",
    " | ",
    "| 0 |",
    "| 规章 | 1 | 2 |\n",
    "| 一、本年新收政府信息公开申请数量 | 57 | 1 | 0 | 0 | 0 | 0 | 58 |\n",
    "# 二、主动公开政府信息情况\n",
    "# 五、存在的主要问题及改进情况\n\n无。\n",
    "## （一）主动公开\n",
    "#",
    "# ",
    "12件",
    "共3条，其中1条、2条。",
    "共收到申请30件，其中：\n",
    "占比60%，同比增长20%。",
    "7100余条",
    "约",
    "2022年",
    "第五十条第（四）项",
    "《条例》第二十条",
    "XX",
    "——",
    "　",
    "年度申请公开办结",
    "---\n",
    "年度: 2022\n",
    "// nianbao-disable-next-line\n",
    "// nianbao-disable-file table-sum\n",
    "𠮷😀",
    "0123456789",
];

/// A random character boundary of `text`, often at a line start.
fn boundary(rng: &mut Rng, text: &str) -> usize {
    let mut at = rng.index(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if rng.chance(0.3) {
        at = text[..at].rfind('\n').map_or(0, |i| i + 1);
    }
    at
}

/// One random edit: (range replaced, new text).
fn edit(rng: &mut Rng, text: &str) -> (std::ops::Range<usize>, String) {
    let start = boundary(rng, text);
    let end = match rng.index(4) {
        0 => start,
        1 => text[start..]
            .char_indices()
            .nth(1 + rng.index(3))
            .map_or(text.len(), |(i, _)| start + i),
        2 => text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1),
        _ => {
            let mut end = (start + rng.index(400)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            end
        }
    };
    let mut new = String::new();
    for _ in 0..rng.index(3) {
        new.push_str(PIECES[rng.index(PIECES.len())]);
    }
    if end > start && rng.chance(0.2) {
        // Retyping a digit of a figure, the common keystroke.
        new = rng.index(10).to_string();
    }
    (start..end, new)
}

fn point(text: &str, offset: usize) -> Point {
    let before = &text[..offset];
    let row = before.matches('\n').count();
    let column = offset - before.rfind('\n').map_or(0, |i| i + 1);
    Point::new(row, column)
}

/// Applies the edit to the text and the tree, as the language server does.
fn apply(text: &mut String, tree: &mut Tree, range: std::ops::Range<usize>, new: &str) {
    let start_position = point(text, range.start);
    let old_end_position = point(text, range.end);
    text.replace_range(range.clone(), new);
    tree.edit(&InputEdit {
        start_byte: range.start,
        old_end_byte: range.end,
        new_end_byte: range.start + new.len(),
        start_position,
        old_end_position,
        new_end_position: point(text, range.start + new.len()),
    });
}

fn assert_same(incremental: &Checked, fresh: &Checked, what: &str, full: bool) {
    assert_eq!(
        incremental.diagnostics, fresh.diagnostics,
        "{what}: findings"
    );
    assert_eq!(incremental.format, fresh.format, "{what}: format");
    if full {
        assert_eq!(
            format!("{:?}", incremental.report),
            format!("{:?}", fresh.report),
            "{what}: model"
        );
        assert_eq!(
            format!("{:?}", incremental.bindings),
            format!("{:?}", fresh.bindings),
            "{what}: bindings"
        );
    }
}

/// `steps` random edits of `text`, each checked incrementally and fresh.
fn script(name: &str, text: &str, seed: u64, steps: usize, full: bool) {
    let config = Config::default();
    let mut rng = Rng::new(seed);
    let mut parser = nianbao_core::syntax::parser();
    let mut text = text.to_string();
    let mut tree = parser.parse(&text, None).unwrap();
    let mut checked = check_edited(None, tree.clone(), &text, &config);
    assert_same(&checked, &check_text(&text, &config), name, full);
    for step in 0..steps {
        let (range, new) = edit(&mut rng, &text);
        apply(&mut text, &mut tree, range.clone(), &new);
        tree = parser.parse(&text, Some(&tree)).unwrap();
        checked = check_edited(Some(checked), tree.clone(), &text, &config);
        let what = format!("{name}, seed {seed}, step {step}: {range:?} → {new:?}");
        assert_same(&checked, &check_text(&text, &config), &what, full);
    }
}

fn examples() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "nianbao"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 5);
    out
}

#[test]
fn random_edits_of_the_examples_check_as_fresh() {
    for (name, text) in examples() {
        for seed in 0..4 {
            script(&name, &text, seed, 40, true);
        }
    }
}

/// A typical report's front matter, then its body over and over until the
/// text has `min_bytes` (at least one copy).
fn copies(min_bytes: usize) -> String {
    let (_, typical) = examples()
        .into_iter()
        .find(|(n, _)| n == "suizhong-2023.nianbao")
        .unwrap();
    let body = typical.find("\n# 一、").unwrap() + 1;
    let mut text = typical[..body].to_string();
    loop {
        text.push_str(&typical[body..]);
        text.push('\n');
        if text.len() >= min_bytes {
            return text;
        }
    }
}

#[test]
fn typing_in_a_2mb_report_checks_as_fresh() {
    script("2 MB", &copies(2 * 1024 * 1024), 7, 5, false);
}

/// Every report of the rule fixtures (each made to trip one rule), checked
/// block by block and then edited: the families kept with a block find what
/// they find on the whole report.
#[test]
fn the_rule_fixtures_check_as_fresh_block_by_block() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
    let mut files: Vec<std::path::PathBuf> = walk(std::path::Path::new(root));
    files.sort();
    assert!(files.len() > 200, "{} fixtures", files.len());
    for (k, path) in files.iter().enumerate() {
        // (Some are not UTF-8 on purpose: the CLI refuses them before any check.)
        if let Ok(text) = std::fs::read_to_string(path) {
            script(&path.display().to_string(), &text, k as u64, 4, true);
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "nianbao") {
            out.push(path);
        }
    }
    out
}

/// A share whose whole is stated in the paragraph before, across a heading
/// (another top-level block): the finding follows an edit of that whole.
#[test]
fn a_whole_read_across_a_heading_follows_its_edits() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/rules/prose-share/trigger-framed-list-next-paragraph.nianbao"
    );
    let mut text = std::fs::read_to_string(path).unwrap().replace(
        "\n\n在主动公开的信息中，",
        "\n\n# 三、分类情况\n\n在主动公开的信息中，",
    );
    let config = Config::default();
    let mut parser = nianbao_core::syntax::parser();
    let mut tree = parser.parse(&text, None).unwrap();
    let checked = check_edited(None, tree.clone(), &text, &config);
    let shares = |c: &Checked| -> Vec<String> {
        c.diagnostics
            .iter()
            .filter(|d| d.code == nianbao_core::rules::Code::ProseShare)
            .map(|d| d.message.clone())
            .collect()
    };
    let before = shares(&checked);
    assert_eq!(before.len(), 1, "{before:?}");
    assert_same(
        &checked,
        &check_text(&text, &config),
        "across a heading",
        true,
    );
    // 420 → 4200, in the block before the heading.
    let at = text.find("420条").unwrap() + 3;
    apply(&mut text, &mut tree, at..at, "0");
    tree = parser.parse(&text, Some(&tree)).unwrap();
    let checked = check_edited(Some(checked), tree.clone(), &text, &config);
    assert_same(&checked, &check_text(&text, &config), "whole edited", true);
    assert_ne!(shares(&checked), before);
}

/// Headings of a text of several reports (the sections matched to the
/// format once per check, looked up by heading): renumbering a heading of
/// the middle copy is found there, as a fresh check finds it, and undoing
/// the edit takes the finding away.
#[test]
fn a_heading_renumbered_in_a_long_text_follows_its_edits() {
    // Three copies of the body.
    let one = copies(0).len();
    let mut text = copies(one * 2 + 1);
    assert_eq!(text.matches("\n# 一、").count(), 3);
    let config = Config::default();
    let mut parser = nianbao_core::syntax::parser();
    let mut tree = parser.parse(&text, None).unwrap();
    let mut checked = check_edited(None, tree.clone(), &text, &config);
    let ordinals = |c: &Checked| -> Vec<std::ops::Range<usize>> {
        c.diagnostics
            .iter()
            .filter(|d| d.code == nianbao_core::rules::Code::SectionOrdinal)
            .map(|d| d.range.clone())
            .collect()
    };
    let before = ordinals(&checked);
    let heading = "# 三、收到和处理政府信息公开申请情况";
    let middle = text.match_indices(heading).nth(1).unwrap().0 + "# ".len();
    for (range, new) in [(middle..middle + 3, "四"), (middle..middle + 3, "三")] {
        apply(&mut text, &mut tree, range, new);
        tree = parser.parse(&text, Some(&tree)).unwrap();
        checked = check_edited(Some(checked), tree.clone(), &text, &config);
        assert_same(&checked, &check_text(&text, &config), new, true);
        let found = ordinals(&checked);
        if new == "四" {
            assert!(found.contains(&(middle..middle + 3)), "{found:?}");
        } else {
            assert_eq!(found, before);
        }
    }
}
