//! The transport survives damage: generated streams mixing well-formed
//! requests with malformed frames (a `Content-Length` that is not a number,
//! shorter or longer than the body, absurdly large, garbage between frames,
//! bodies that are not JSON or not JSON-RPC, headers that never end) and
//! requests whose handler panics, sent in random pieces to the real server.
//! Every well-formed request after the damage gets its answer, each damage
//! is answered at most once (id `null`), and the server shuts down cleanly.

mod lsp_support;

use lsp_support::*;
use nianbao_generate::rng::Rng;
use serde_json::{json, Value};

fn framed(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// One piece of damage (never a well-formed message).
fn damage(rng: &mut Rng) -> Vec<u8> {
    let request =
        br#"{"jsonrpc":"2.0","id":"lost","method":"textDocument/foldingRange","params":{}}"#;
    match rng.index(13) {
        0 => [b"Content-Length: abc\r\n\r\n".as_slice(), request].concat(),
        1 => [
            format!(
                "Content-Length: {}\r\n\r\n",
                1 + rng.index(request.len() - 1)
            )
            .as_bytes(),
            request,
        ]
        .concat(),
        2 => [
            format!(
                "Content-Length: {}\r\n\r\n",
                request.len() + 1 + rng.index(5000)
            )
            .as_bytes(),
            request,
        ]
        .concat(),
        3 => [
            b"Content-Length: 99999999999999\r\n\r\n".as_slice(),
            request,
        ]
        .concat(),
        4 => b"Content-Length: 123456789012345678901234567890\r\n\r\n{}".to_vec(),
        5 => (0..1 + rng.index(300))
            .map(|_| rng.index(256) as u8)
            .filter(|b| *b != b'C' && *b != b'c')
            .collect(),
        6 => framed(b"{not json"),
        7 => framed(b""),
        8 => framed(&[0xff, 0xfe, 0x7b]),
        9 => framed(br#"{"hello":"world"}"#),
        10 => b"Content-Length: 40\r\nX-Broken header line\r\n\r\n".to_vec(),
        11 => b"Content-Length: 12\r\n".to_vec(),
        _ => b"\r\n\r\nContent-Length:\r\n\r\n".to_vec(),
    }
}

#[test]
fn every_well_formed_request_after_damage_is_answered() {
    runtime().block_on(async {
        for seed in 0..24u64 {
            let mut rng = Rng::new(seed);
            let mut c = start("vscode", Some(json!({ "debug": true }))).await;
            // A folder of its own: the reports of /tmp would be read as neighbours on every start.
            let u = "file:///tmp/nianbao-transport-test/transport.nianbao";
            c.open(u, "---\n年度: 2023\n---\n\n# 一、总体情况\n\n正文。\n")
                .await;
            let _ = c.diagnostics(u).await;

            let mut stream = Vec::new();
            let mut expected = Vec::new(); // (id, panics)
            let mut damages = 0;
            for k in 0..40 {
                let id = 1000 + k;
                if k > 0 && rng.index(2) == 0 {
                    stream.extend(damage(&mut rng));
                    damages += 1;
                }
                let panics = rng.index(6) == 0;
                let body = if panics {
                    json!({ "jsonrpc": "2.0", "id": id, "method": "nianbao/debugPanic" })
                } else {
                    json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/foldingRange",
                            "params": { "textDocument": { "uri": u } } })
                };
                stream.extend(framed(body.to_string().as_bytes()));
                expected.push((id, panics));
            }
            // In random pieces, so that frames and damage straddle reads.
            let mut at = 0;
            while at < stream.len() {
                let n = (1 + rng.index(700)).min(stream.len() - at);
                c.send_raw(&stream[at..at + n]).await;
                at += n;
            }
            for (id, panics) in expected {
                let answer = c.response(&json!(id)).await;
                if panics {
                    assert_eq!(answer.unwrap_err()["code"], -32603, "seed {seed} id {id}");
                } else {
                    assert!(answer.unwrap().is_array(), "seed {seed} id {id}");
                }
            }
            let null_answers = c
                .notifications
                .iter()
                .filter(|m| m.get("method").is_none() && m["id"] == Value::Null)
                .count();
            assert!(
                null_answers <= damages,
                "seed {seed}: {null_answers} error answers for {damages} damages"
            );
            assert!(
                !c.notifications.iter().any(|m| m["id"] == "lost"),
                "seed {seed}: a damaged frame was dispatched"
            );
            assert!(c.shutdown().await, "seed {seed}");
        }
    });
}
