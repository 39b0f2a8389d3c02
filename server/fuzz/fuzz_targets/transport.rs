//! The language server's transport guard (`nianbao_lsp::transport`) on
//! arbitrary bytes, fed in pieces of arbitrary size: it never panics, and a
//! well-formed request sent after whatever came before is always read (the
//! reader finds the next frame after any damage).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (step, garbage) = match data.split_first() {
        Some((s, rest)) => (usize::from(*s) + 1, rest),
        None => (1, data),
    };
    let body = br#"{"jsonrpc":"2.0","id":424242,"method":"shutdown"}"#;
    let mut stream = garbage.to_vec();
    stream.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    stream.extend_from_slice(body);
    let out = nianbao_lsp::transport::read_all(&stream, step);
    let last = out.iter().rev().find_map(|r| r.as_ref().ok());
    assert_eq!(
        last.map(Vec::as_slice),
        Some(body.as_slice()),
        "the request after the damage was not read"
    );
    // Every error answer is a parse error or an invalid request, with an id
    // that is null (or the message's own).
    for e in out.iter().filter_map(|r| r.as_ref().err()) {
        let text = String::from_utf8_lossy(e);
        assert!(text.contains("-32700") || text.contains("-32600"), "{text}");
    }
});
