//! `nianbao import` on arbitrary bytes: as text, as HTML, and as the same
//! bytes read as GBK and Big5 would be by a browser (the importer decodes
//! them itself). It never panics, and what it writes is markup the checker
//! reads (every diagnostic range a valid slice).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_import::{import, Options};

fn checks(markup: &str) {
    let checked = nianbao_core::check::check_text(markup, &nianbao_core::check::Config::default());
    for d in &checked.diagnostics {
        assert!(d.range.start <= d.range.end && d.range.end <= markup.len());
        assert!(markup.is_char_boundary(d.range.start) && markup.is_char_boundary(d.range.end));
    }
}

fuzz_target!(|data: &[u8]| {
    for html in [None, Some(false), Some(true)] {
        let out = import(
            data,
            &Options {
                source_name: Some("fuzz.txt".into()),
                html,
            },
        );
        checks(&out.markup);
    }
    // Text that is valid UTF-8, encoded as GBK and as Big5.
    let text = String::from_utf8_lossy(data);
    for encoding in [encoding_rs::GBK, encoding_rs::BIG5] {
        let (bytes, _, _) = encoding.encode(&text);
        let out = import(&bytes, &Options { source_name: None, html: None });
        checks(&out.markup);
    }
});
