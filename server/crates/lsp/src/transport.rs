//! A guard in front of `tower-lsp-server`'s transport. Its reader stops for
//! good after the first message it cannot decode (a body that is not JSON,
//! JSON that is not JSON-RPC, a bad header): `tokio_util`'s `FramedRead`
//! ends the stream after a decoder error, and the server with it. So the
//! frames are read here first: well-formed messages go on to the server
//! unchanged, and a malformed one is answered here with the JSON-RPC error
//! (`-32700` parse error, `-32600` invalid request) and dropped. Answers are
//! written between the server's own messages, never inside one.

use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// What `tower-lsp-server` accepts as a message (its own type is private).
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Message {
    Response(Response),
    Request(Request),
}

/// One step of reading frames from a buffer.
#[derive(Debug, PartialEq)]
enum Frame {
    /// More bytes are needed.
    Incomplete,
    /// A whole message body.
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length` (skipped).
    BadHeader,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// Takes the next frame off the front of `buf`.
fn next_frame(buf: &mut Vec<u8>) -> Frame {
    let Some(end) = find(buf, b"\r\n\r\n") else {
        // Garbage without a header end: keep only from the last possible
        // start of a header.
        if buf.len() > 1 << 16 {
            let keep = memchr::memmem::rfind(buf, b"Content-Length").unwrap_or(buf.len());
            buf.drain(..keep);
            return Frame::BadHeader;
        }
        return Frame::Incomplete;
    };
    let headers = String::from_utf8_lossy(&buf[..end]).into_owned();
    let length = headers.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())
            .flatten()
    });
    let Some(length) = length else {
        buf.drain(..end + 4);
        return Frame::BadHeader;
    };
    if buf.len() < end + 4 + length {
        return Frame::Incomplete;
    }
    let body = buf[end + 4..end + 4 + length].to_vec();
    buf.drain(..end + 4 + length);
    Frame::Body(body)
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_frame(id: Value, code: i64, message: &str) -> Vec<u8> {
    let body = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } });
    frame(body.to_string().as_bytes())
}

/// Checks a body: `Ok` to pass it on, `Err(frame)` with the error answer.
fn check(body: &[u8]) -> Result<(), Vec<u8>> {
    if body.is_empty() {
        return Err(error_frame(
            Value::Null,
            -32700,
            "Parse error: empty message",
        ));
    }
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(error_frame(Value::Null, -32700, "Parse error: not UTF-8"));
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Err(error_frame(
                Value::Null,
                -32700,
                &format!("Parse error: {e}"),
            ))
        }
    };
    if serde_json::from_str::<Message>(text).is_ok() {
        return Ok(());
    }
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    Err(error_frame(
        id,
        -32600,
        "Invalid request: not a JSON-RPC 2.0 message",
    ))
}

/// Reads `input`, passes well-formed messages to `server`, sends answers to
/// malformed ones to `errors`. Ends at the end of `input`.
pub async fn filter_input<I, S>(mut input: I, mut server: S, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    S: AsyncWrite + Unpin,
{
    let mut buf = Vec::with_capacity(1 << 16);
    loop {
        loop {
            match next_frame(&mut buf) {
                Frame::Incomplete => break,
                Frame::BadHeader => {
                    let _ =
                        errors.send(error_frame(Value::Null, -32700, "Parse error: bad header"));
                }
                Frame::Body(body) => match check(&body) {
                    Ok(()) => {
                        if server.write_all(&frame(&body)).await.is_err()
                            || server.flush().await.is_err()
                        {
                            return;
                        }
                    }
                    Err(answer) => {
                        let _ = errors.send(answer);
                    }
                },
            }
        }
        match input.read_buf(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Copies the server's messages to `output`, putting the answers to
/// malformed messages between them. Ends when the server's output ends.
pub async fn merge_output<S, O>(
    mut server: S,
    mut errors: mpsc::UnboundedReceiver<Vec<u8>>,
    output: O,
) where
    S: AsyncRead + Unpin,
    O: AsyncWrite,
{
    tokio::pin!(output);
    let mut buf = Vec::with_capacity(1 << 16);
    let mut errors_open = true;
    loop {
        tokio::select! {
            read = server.read_buf(&mut buf) => {
                let done = !matches!(read, Ok(n) if n > 0);
                while let Frame::Body(body) = next_frame(&mut buf) {
                    if output.write_all(&frame(&body)).await.is_err() {
                        return;
                    }
                }
                if done {
                    while let Ok(e) = errors.try_recv() {
                        let _ = output.write_all(&e).await;
                    }
                    let _ = output.flush().await;
                    return;
                }
                let _ = output.flush().await;
            }
            answer = errors.recv(), if errors_open => {
                match answer {
                    Some(e) => {
                        if output.write_all(&e).await.is_err() {
                            return;
                        }
                        let _ = output.flush().await;
                    }
                    None => errors_open = false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_split_and_bad_headers_skipped() {
        let mut buf = b"Content-Length: 2\r\n\r\n{}Content-Length: 5\r\n\r\n{\"a\"".to_vec();
        assert_eq!(next_frame(&mut buf), Frame::Body(b"{}".to_vec()));
        assert_eq!(next_frame(&mut buf), Frame::Incomplete);
        buf.extend_from_slice(b"}X-Other: 1\r\n\r\n");
        assert_eq!(next_frame(&mut buf), Frame::Body(b"{\"a\"}".to_vec()));
        assert_eq!(next_frame(&mut buf), Frame::BadHeader);
        assert!(buf.is_empty());
        let mut lower = b"content-length: 2\r\ncontent-type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[]".to_vec();
        assert_eq!(next_frame(&mut lower), Frame::Body(b"[]".to_vec()));
    }

    #[test]
    fn bodies_are_checked_like_the_server_does() {
        assert!(check(br#"{"jsonrpc":"2.0","method":"exit"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_ok());
        let parse = String::from_utf8(check(b"{not json").unwrap_err()).unwrap();
        assert!(
            parse.contains("-32700") && parse.contains("\"id\":null"),
            "{parse}"
        );
        let invalid = String::from_utf8(check(br#"{"id":7,"hello":1}"#).unwrap_err()).unwrap();
        assert!(
            invalid.contains("-32600") && invalid.contains("\"id\":7"),
            "{invalid}"
        );
        assert!(check(br#"{"jsonrpc":"1.0","method":"x"}"#).is_err());
    }
}
