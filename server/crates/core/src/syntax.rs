//! Parsing `.nianbao` text with the tree-sitter grammar in `grammar/`.

use tree_sitter::{Language, Node, Parser, Tree};

/// The tree-sitter language of `.nianbao`.
pub fn language() -> Language {
    tree_sitter_nianbao::LANGUAGE.into()
}

/// A parser set up for `.nianbao`.
pub fn parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&language())
        .expect("the bundled grammar matches the tree-sitter runtime");
    parser
}

thread_local! {
    // Creating a parser costs as much as parsing a small report; keep one
    // per thread.
    static PARSER: std::cell::RefCell<Parser> = std::cell::RefCell::new(parser());
}

/// Parse a whole document.
pub fn parse(text: &str) -> Tree {
    PARSER.with(|p| {
        p.borrow_mut()
            .parse(text, None)
            .expect("parsing without a timeout or cancellation flag always returns a tree")
    })
}

/// Every ERROR or MISSING node in the tree, in document order.
pub fn syntax_errors(tree: &Tree) -> Vec<Node<'_>> {
    let mut found = Vec::new();
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            found.push(node);
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return found;
            }
        }
    }
}

/// The tree as an indented outline: one node a line with its byte range and,
/// for leaves, the text. Used by `nianbao parse`.
pub fn outline(tree: &Tree, text: &str) -> String {
    let mut out = String::new();
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        if node.is_named() || node.is_error() || node.is_missing() {
            let field = cursor
                .field_name()
                .map(|f| format!("{f}: "))
                .unwrap_or_default();
            let kind = if node.is_missing() {
                format!("MISSING {}", node.kind())
            } else {
                node.kind().to_string()
            };
            out.push_str(&format!(
                "{:indent$}{field}{kind} [{}..{}]",
                "",
                node.start_byte(),
                node.end_byte(),
                indent = depth * 2
            ));
            if node.named_child_count() == 0 {
                let snippet = &text[node.start_byte()..node.end_byte()];
                out.push_str(&format!(" {:?}", snippet.trim_end()));
            }
            out.push('\n');
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
            depth -= 1;
        }
    }
}
