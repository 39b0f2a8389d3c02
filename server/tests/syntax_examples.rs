//! Every example and every grammar corpus input parses into a tree that
//! covers all of its bytes; the examples have no ERROR or MISSING node.

use std::path::{Path, PathBuf};

use nianbao_core::syntax;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// Bytes the grammar treats as extras (blanks, CR, BOM) may lie outside the
/// leaves; every other byte must belong to exactly one leaf token.
fn assert_leaves_cover(text: &str, name: &str) {
    let tree = syntax::parse(text);
    let root = tree.root_node();
    let mut covered = vec![false; text.len()];
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        if node.child_count() == 0 {
            for flag in &mut covered[node.start_byte()..node.end_byte()] {
                *flag = true;
            }
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    for (offset, ch) in text.char_indices() {
        let extra = matches!(
            ch,
            ' ' | '\t' | '\r' | '\n' | '\u{3000}' | '\u{a0}' | '\u{feff}'
        );
        assert!(
            extra || covered[offset],
            "{name}: byte {offset} ({ch:?}) is in no leaf of the tree"
        );
    }
    let trailing = &text[root.end_byte()..];
    assert!(
        trailing.chars().all(char::is_whitespace),
        "{name}: the tree ends at byte {} of {}",
        root.end_byte(),
        text.len()
    );
}

#[test]
fn examples_parse_without_errors_and_are_fully_covered() {
    let files = files_with_extension(&workspace().join("examples"), "nianbao");
    assert!(
        files.len() >= 5,
        "expected the five published reports in examples/"
    );
    for file in files {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let tree = syntax::parse(&text);
        let errors: Vec<String> = syntax::syntax_errors(&tree)
            .iter()
            .map(|n| format!("{} at {:?}", n.kind(), n.start_position()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert_leaves_cover(&text, &name);
    }
}

/// Splits a tree-sitter corpus file into (title, input) pairs.
fn corpus_inputs(text: &str) -> Vec<(String, String)> {
    let mut cases = Vec::new();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_rule = |l: &str, c: char| {
        let l = l.trim_end();
        l.len() >= 3 && l.chars().all(|x| x == c)
    };
    let mut i = 0;
    while i < lines.len() {
        if is_rule(lines[i], '=') && i + 2 < lines.len() && is_rule(lines[i + 2], '=') {
            let title = lines[i + 1].trim().to_string();
            let mut input = String::new();
            i += 3;
            while i < lines.len() && !is_rule(lines[i], '-') {
                input.push_str(lines[i]);
                i += 1;
            }
            // The corpus format puts one newline between input and separator.
            if input.ends_with('\n') {
                input.pop();
            }
            cases.push((title, input));
        }
        i += 1;
    }
    cases
}

#[test]
fn corpus_inputs_are_fully_covered() {
    let dir = workspace().join("grammar/test/corpus");
    let mut count = 0;
    for file in files_with_extension(&dir, "txt") {
        let text = std::fs::read_to_string(&file).unwrap();
        for (title, input) in corpus_inputs(&text) {
            assert_leaves_cover(&input, &format!("{}: {title}", file.display()));
            count += 1;
        }
    }
    assert!(count >= 30, "only {count} corpus cases found");
}

#[test]
fn incomplete_input_keeps_useful_nodes() {
    // A row being typed is still a row with its cells.
    let tree = syntax::parse("| 一、本年新收 | 5");
    let row = tree.root_node().child(0).unwrap().child(0).unwrap();
    assert_eq!(row.kind(), "table_row");
    assert_eq!(row.named_child_count(), 2);
    // A key being typed in the front matter is an entry.
    let tree = syntax::parse("---\n机\n");
    let entry = tree.root_node().child(0).unwrap().named_child(0).unwrap();
    assert_eq!(entry.kind(), "front_matter_entry");
}
