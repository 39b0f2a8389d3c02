//! Render, then import: every example rendered to the official HTML layout and imported back gives a report
//! on which `check` finds the same defects (same rule codes and figures). This exercises the importer on the
//! official table layouts with every merged cell, and the renderer on every table of the examples.

use std::collections::BTreeMap;
use std::path::Path;

use nianbao_core::check::{check_text, Config};

fn findings(text: &str) -> BTreeMap<(String, Vec<String>), usize> {
    let mut out = BTreeMap::new();
    for d in check_text(text, &Config::default()).diagnostics {
        let figures: Vec<String> = d
            .message
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        *out.entry((d.code.to_string(), figures)).or_default() += 1;
    }
    out
}

#[test]
fn examples_survive_render_and_import() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "nianbao"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let html = nianbao_render::render(&text);
        let back = nianbao_import::import(html.as_bytes(), &Default::default());
        assert!(back.html);
        assert!(
            back.losses.is_empty(),
            "{}: {:?}",
            path.display(),
            back.losses
        );
        assert_eq!(
            findings(&text),
            findings(&back.markup),
            "{}\n{}",
            path.display(),
            back.markup
        );
    }
}
