//! Pages that write their figures in full-width digits ("２０１６年……２２３条") import to the same markup as the
//! same page in ASCII digits: every figure reaches the output and every rule reads it.

use std::path::Path;

use nianbao_import::{import, Options};

const REAL_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/real");

fn widen(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap(),
            c => c,
        })
        .collect()
}

#[test]
fn full_width_digits_import_like_ascii_ones() {
    // A 2007-format page with a 累计 frame, a 2019 page with its tables, a 2021 page with bracketed counts.
    for id in [
        "2016-jiangpozhen",
        "2019-beijing-fengtaiqu",
        "2022-haikou-gaoxinqu",
    ] {
        let path = Path::new(REAL_DIR).join(format!("{id}.txt"));
        let text = std::fs::read_to_string(&path).unwrap();
        let body = text.split_once('\n').unwrap().1;
        let options = Options::default();
        let ascii = import(body.as_bytes(), &options);
        let wide = import(widen(body).as_bytes(), &options);
        assert_eq!(wide.markup, ascii.markup, "{id}");
        assert_eq!(wide.figures, ascii.figures, "{id}");
        assert!(wide.losses.is_empty(), "{id}: {:?}", wide.losses);
        assert!(
            wide.notes.iter().any(|n| n.starts_with("全角数字")),
            "{id}: {:?}",
            wide.notes
        );
    }
}
