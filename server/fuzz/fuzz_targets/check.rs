//! Arbitrary bytes through the parser, the model and every rule. Invalid
//! UTF-8 is made valid the way an editor would show it, so that the bytes
//! still reach the checker.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let checked = nianbao_core::check::check_text(&text, &nianbao_core::check::Config::default());
    for d in &checked.diagnostics {
        // Every range must be a valid slice of the text.
        assert!(d.range.start <= d.range.end && d.range.end <= text.len());
        assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
        for r in &d.related {
            assert!(text.is_char_boundary(r.range.start) && text.is_char_boundary(r.range.end));
        }
    }
});
