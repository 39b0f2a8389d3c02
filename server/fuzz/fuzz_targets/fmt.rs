//! `nianbao fmt` on arbitrary text: it never panics, it is idempotent
//! (formatting formatted text changes nothing), it only changes blank space
//! (the text without blanks is the same), and the output parses with no
//! more syntax errors than the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_core::{fmt, syntax};

fn without_blanks(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = fmt::format(&text);
    let twice = fmt::format(&once);
    assert_eq!(once, twice, "fmt is not idempotent");
    assert_eq!(without_blanks(&text), without_blanks(&once), "fmt changed more than blanks");
    let before = syntax::syntax_errors(&syntax::parse(&text)).len();
    let after = syntax::syntax_errors(&syntax::parse(&once)).len();
    assert!(after <= before, "fmt added syntax errors: {before} → {after}");
});
