//! A guard in front of `tower-lsp-server`'s transport. Its reader stops for
//! good after the first message it cannot decode (a body that is not JSON,
//! JSON that is not JSON-RPC, a bad header): `tokio_util`'s `FramedRead`
//! ends the stream after a decoder error, and the server with it. So the
//! frames are read here first: well-formed messages go on to the server
//! unchanged, and a malformed one is answered here with the JSON-RPC error
//! (`-32700` parse error, `-32600` invalid request) and dropped. Answers are
//! written between the server's own messages, never inside one.
//!
//! ## Finding the next frame after damage
//!
//! A *header line* `Content-Length: <digits>` ending in a raw line feed can
//! never occur inside a valid JSON body (a raw line feed is not allowed in a
//! JSON string, and `Content-Length` is not a JSON token). So wherever such a
//! line appears, a frame starts there: after any damage — a `Content-Length`
//! that is not a number, one shorter or longer than the body, garbage between
//! frames, a body that is not JSON — the reader skips to the next such line
//! and goes on. Each damage is answered once, with one `-32700` (id `null`);
//! the bytes skipped after it are not answered again.
//!
//! A frame announcing more than [`MAX_FRAME`] bytes is answered with
//! `-32700` and its body is discarded as it arrives, never held in memory
//! (and if a frame header turns up inside it, the length was a lie and the
//! reader resynchronises there). Headers are limited to [`MAX_HEADER`] bytes.

use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// The largest frame body accepted (256 MiB). A document this large is
/// refused by the size limit anyway (see `nianbao_core::workspace::limit`);
/// larger frames are skipped without being stored.
pub const MAX_FRAME: usize = 256 << 20;

/// The largest header block (all header lines of one frame).
pub const MAX_HEADER: usize = 8 << 10;

/// Bytes kept at the end of an unscanned buffer, so that a header line
/// split between two reads is still found.
const MARKER_TAIL: usize = 64;

/// What `tower-lsp-server` accepts as a message (its own type is private).
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Message {
    Response(Response),
    Request(Request),
}

/// One step of reading frames.
#[derive(Debug, PartialEq)]
enum Frame {
    /// More bytes are needed.
    Incomplete,
    /// A whole message body.
    Body(Vec<u8>),
    /// Damage to be answered (once) with a parse error.
    Damaged(&'static str),
}

const NAME: &[u8] = b"content-length";

/// If a `Content-Length: <digits>` line starts at `at`, its length (`None`
/// for digits beyond `usize`) and the offset just after its line feed.
/// `Err(true)` when `buf` ends before the line could be decided.
fn marker_at(buf: &[u8], at: usize) -> Result<(Option<usize>, usize), bool> {
    let rest = &buf[at..];
    let n = NAME.len().min(rest.len());
    if !rest[..n].eq_ignore_ascii_case(&NAME[..n]) {
        return Err(false);
    }
    if rest.len() < NAME.len() {
        return Err(true);
    }
    let mut i = NAME.len();
    let skip_blank = |i: &mut usize| {
        while rest.get(*i).is_some_and(|b| *b == b' ' || *b == b'\t') {
            *i += 1;
        }
    };
    skip_blank(&mut i);
    match rest.get(i) {
        None => return Err(true),
        Some(b':') => i += 1,
        Some(_) => return Err(false),
    }
    skip_blank(&mut i);
    let digits = i;
    while rest.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        if i - digits > 30 {
            return Err(false);
        }
    }
    if i == digits {
        return if i == rest.len() {
            Err(true)
        } else {
            Err(false)
        };
    }
    let value = std::str::from_utf8(&rest[digits..i])
        .ok()
        .and_then(|s| s.parse::<usize>().ok());
    skip_blank(&mut i);
    if rest.get(i) == Some(&b'\r') {
        i += 1;
    }
    match rest.get(i) {
        None => Err(true),
        Some(b'\n') => Ok((value, at + i + 1)),
        Some(_) => Err(false),
    }
}

/// The first frame header line in `buf[from..]`: its start. `Err(p)`:
/// none, and `p` is where a header line split by the end of `buf` could
/// start (the caller keeps `buf[p..]`).
fn find_marker(buf: &[u8], from: usize) -> Result<usize, usize> {
    let mut at = from;
    while let Some(i) = memchr::memchr2(b'C', b'c', &buf[at..]) {
        let p = at + i;
        match marker_at(buf, p) {
            Ok(_) => return Ok(p),
            Err(true) => return Err(p),
            Err(false) => at = p + 1,
        }
    }
    Err(buf.len())
}

/// Whether `line` is a header line `Name: value`.
fn is_header_line(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    line.iter().position(|b| *b == b':').is_some_and(|colon| {
        colon > 0
            && line[..colon]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    })
}

/// Whether `bytes` may stand before a `Content-Length` line in a frame's
/// header block: blank space, then whole header lines (`Name: value`), and
/// with `partial`, the beginning of one more.
fn header_lines(bytes: &[u8], partial: bool) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let mut lines = bytes[start..].split(|b| *b == b'\n').peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_none() {
            return line.is_empty()
                || (partial
                    && (is_header_line(line)
                        || line.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')));
        }
        if !is_header_line(line) {
            return false;
        }
    }
    true
}

/// The blank line ending the header block that starts at `start`: where it
/// starts and where the body starts, if the block is complete.
fn header_end(buf: &[u8], start: usize) -> Option<(usize, usize)> {
    let mut at = start;
    loop {
        let nl = memchr::memchr(b'\n', &buf[at..])? + at;
        let line = &buf[at..nl];
        if line.is_empty() || line == b"\r" {
            return Some((at, nl + 1));
        }
        at = nl + 1;
    }
}

/// Reads frames off a byte stream, finding the next frame after damage.
#[derive(Default)]
struct Deframer {
    buf: Vec<u8>,
    /// Bytes still to discard of an oversized frame.
    skipping: usize,
    /// How far the body of an incomplete frame has been searched for a
    /// frame header (relative to the body start).
    scanned: usize,
    /// Damage has been answered and the bytes since are being skipped: do
    /// not answer again before the next frame.
    quiet: bool,
}

impl Deframer {
    fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    fn damaged(&mut self, why: &'static str) -> Frame {
        if std::mem::replace(&mut self.quiet, true) {
            Frame::Incomplete
        } else {
            Frame::Damaged(why)
        }
    }

    /// The next frame or damage; [`Frame::Incomplete`] when more bytes are
    /// needed (call until then to drain what has been pushed).
    fn next(&mut self) -> Frame {
        loop {
            match self.step() {
                Step::Frame(f) => return f,
                Step::Again => continue,
                Step::Wait => return Frame::Incomplete,
            }
        }
    }

    fn step(&mut self) -> Step {
        if self.skipping > 0 {
            // Discard an oversized body; a frame header inside it means the
            // announced length was false.
            match find_marker(&self.buf, 0) {
                Ok(p) if p < self.skipping => {
                    self.buf.drain(..p);
                    self.skipping = 0;
                    return Step::Again;
                }
                // A header line may start inside the skipped bytes and end
                // after them: keep it until it can be read.
                Err(p) if p < self.skipping && p < self.buf.len() => {
                    self.buf.drain(..p);
                    self.skipping -= p;
                    return Step::Wait;
                }
                _ => {}
            }
            if self.buf.len() >= self.skipping {
                self.buf.drain(..self.skipping);
                self.skipping = 0;
                return Step::Again;
            }
            let n = self.buf.len().saturating_sub(MARKER_TAIL);
            self.buf.drain(..n);
            self.skipping -= n;
            return Step::Wait;
        }
        let start = match find_marker(&self.buf, 0) {
            Ok(p) => p,
            Err(p) => {
                // No frame header yet: what stands before is garbage unless
                // it is blank or header lines still waiting for theirs.
                let keep_from = if header_lines(&self.buf, true) && self.buf.len() <= MAX_HEADER {
                    0
                } else {
                    p
                };
                if keep_from > 0 {
                    let garbage = !self.buf[..keep_from].iter().all(u8::is_ascii_whitespace);
                    self.buf.drain(..keep_from);
                    if garbage {
                        return self.damaged_step("garbage between frames");
                    }
                }
                return Step::Wait;
            }
        };
        if start > 0 {
            let prefix = &self.buf[..start];
            if !header_lines(prefix, false) || start > MAX_HEADER {
                self.buf.drain(..start);
                return self.damaged_step("garbage between frames");
            }
        }
        let Ok((length, line_end)) = marker_at(&self.buf, start) else {
            unreachable!("find_marker found a complete header line");
        };
        let Some((blank, body_start)) = header_end(&self.buf, start) else {
            if self.buf.len() - start > MAX_HEADER {
                self.buf.drain(..line_end);
                return self.damaged_step("header too long");
            }
            // A frame header line further on ends this one early.
            if let Ok(p) = find_marker(&self.buf, line_end) {
                self.buf.drain(..p);
                return self.damaged_step("header not ended");
            }
            return Step::Wait;
        };
        if !header_lines(&self.buf[line_end..blank], false) {
            self.buf.drain(..line_end);
            return self.damaged_step("bad header");
        }
        if let Ok(p) = find_marker(&self.buf[..blank], line_end) {
            // Two Content-Length lines: the frame is resumed at the second.
            self.buf.drain(..p);
            return self.damaged_step("repeated Content-Length");
        }
        let length = match length {
            Some(n) if n <= MAX_FRAME => n,
            other => {
                self.buf.drain(..body_start);
                self.skipping = other.unwrap_or(usize::MAX);
                self.scanned = 0;
                self.quiet = false;
                return self.damaged_step("frame too large, skipped");
            }
        };
        let available = self.buf.len() - body_start;
        let body_end = body_start + length;
        // A frame header line starting inside the body (it may end after
        // it): the length was wrong.
        let from = body_start + self.scanned.saturating_sub(MARKER_TAIL);
        match find_marker(&self.buf, from) {
            Ok(p) if p < body_end => {
                self.buf.drain(..p);
                self.scanned = 0;
                self.quiet = false;
                return self.damaged_step("Content-Length does not match the body");
            }
            Ok(_) => self.scanned = length,
            Err(p) if p < body_end => {
                // Not decided yet (more bytes needed).
                self.scanned = p - body_start;
                return Step::Wait;
            }
            Err(_) => self.scanned = length,
        }
        if available < length {
            return Step::Wait;
        }
        let body = self.buf[body_start..body_start + length].to_vec();
        self.buf.drain(..body_start + length);
        self.scanned = 0;
        self.quiet = false;
        Step::Frame(Frame::Body(body))
    }

    fn damaged_step(&mut self, why: &'static str) -> Step {
        match self.damaged(why) {
            Frame::Incomplete => Step::Again,
            f => Step::Frame(f),
        }
    }
}

enum Step {
    Frame(Frame),
    Again,
    Wait,
}

/// Splits a frame off the server's own output (always well formed).
fn split_frame(buf: &mut Vec<u8>) -> Option<Vec<u8>> {
    let (length, _) = marker_at(buf, 0).ok()?;
    let (_, body_start) = header_end(buf, 0)?;
    let length = length?;
    if buf.len() < body_start + length {
        return None;
    }
    let body = buf[body_start..body_start + length].to_vec();
    buf.drain(..body_start + length);
    Some(body)
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
    if serde_json::from_value::<Message>(value.clone()).is_ok() {
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

/// What [`filter_input`] makes of `input` fed in pieces of `step` bytes:
/// `Ok(body)` for each message passed to the server, `Err(answer)` for each
/// error answered. For the fuzzer and tests; no I/O.
#[doc(hidden)]
pub fn read_all(input: &[u8], step: usize) -> Vec<Result<Vec<u8>, Vec<u8>>> {
    let mut frames = Deframer::default();
    let mut out = Vec::new();
    for piece in input.chunks(step.max(1)) {
        frames.push(piece);
        loop {
            match frames.next() {
                Frame::Incomplete => break,
                Frame::Damaged(why) => out.push(Err(error_frame(
                    Value::Null,
                    -32700,
                    &format!("Parse error: {why}"),
                ))),
                Frame::Body(body) => match check(&body) {
                    Ok(()) => out.push(Ok(body)),
                    Err(answer) => {
                        frames.quiet = true;
                        out.push(Err(answer));
                    }
                },
            }
        }
        // Bounded memory: what is held is at most one frame (up to
        // MAX_FRAME) and its header.
        debug_assert!(frames.buf.len() <= MAX_FRAME + MAX_HEADER + step.max(1) + MARKER_TAIL);
    }
    out
}

/// Reads `input`, passes well-formed messages to `server`, sends answers to
/// malformed ones to `errors`. Ends at the end of `input`.
pub async fn filter_input<I, S>(mut input: I, mut server: S, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    S: AsyncWrite + Unpin,
{
    let mut frames = Deframer::default();
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        loop {
            match frames.next() {
                Frame::Incomplete => break,
                Frame::Damaged(why) => {
                    let _ = errors.send(error_frame(
                        Value::Null,
                        -32700,
                        &format!("Parse error: {why}"),
                    ));
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
                        // The bytes up to the next frame are part of this
                        // damage: no second answer for them.
                        frames.quiet = true;
                        let _ = errors.send(answer);
                    }
                },
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => frames.push(&chunk[..n]),
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
                while let Some(body) = split_frame(&mut buf) {
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

    /// Feeds `input` in pieces of `step` bytes; returns what came out.
    fn frames_of(input: &[u8], step: usize) -> Vec<Frame> {
        let mut d = Deframer::default();
        let mut out = Vec::new();
        for piece in input.chunks(step.max(1)) {
            d.push(piece);
            loop {
                match d.next() {
                    Frame::Incomplete => break,
                    Frame::Body(b) => {
                        if check(&b).is_err() {
                            d.quiet = true;
                        }
                        out.push(Frame::Body(b));
                    }
                    f => out.push(f),
                }
            }
        }
        out
    }

    fn good(id: u32) -> Vec<u8> {
        frame(format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"m"}}"#).as_bytes())
    }

    fn bodies(frames: &[Frame]) -> Vec<String> {
        frames
            .iter()
            .filter_map(|f| match f {
                Frame::Body(b) => Some(String::from_utf8_lossy(b).into_owned()),
                _ => None,
            })
            .filter(|b| check(b.as_bytes()).is_ok())
            .collect()
    }

    fn damage(frames: &[Frame]) -> usize {
        frames
            .iter()
            .filter(|f| match f {
                Frame::Damaged(_) => true,
                Frame::Body(b) => check(b).is_err(),
                Frame::Incomplete => false,
            })
            .count()
    }

    #[test]
    fn frames_are_split_and_headers_read() {
        let mut input = b"Content-Length: 2\r\n\r\n{}".to_vec();
        input.extend(b"content-length: 2\r\ncontent-type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[]");
        input.extend(b"Content-Type: x\r\nContent-Length:2\r\n\r\n{}");
        for step in [1, 3, 1000] {
            let f = frames_of(&input, step);
            assert_eq!(
                f,
                vec![
                    Frame::Body(b"{}".to_vec()),
                    Frame::Body(b"[]".to_vec()),
                    Frame::Body(b"{}".to_vec())
                ],
                "step {step}"
            );
        }
    }

    #[test]
    fn every_kind_of_damage_is_answered_once_and_the_next_frame_read() {
        let damaged: [&[u8]; 13] = [
            b"Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"m\"}",
            b"Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"m\"}",
            b"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"m\"}",
            b"Content-Length: 99999999999999999999999999\r\n\r\n{}",
            b"Content-Length: 18446744073709551615\r\n\r\n{}",
            b"Content-Length: -5\r\n\r\n{}",
            b"garbage \x00\xff between frames\r\n",
            b"Content-Length: 9\r\n\r\n{not json",
            b"Content-Length: 0\r\n\r\n",
            b"X-Nothing: 1\r\n\r\n{\"a\":1}",
            b"Content-Length: 5\r\nno header end ",
            b"\r\n\r\n\r\n{",
            // Found by the fuzzer: the next frame's header line starts
            // inside a body that is too short and ends after it.
            b"Content-Length: 58\r\n\r\nv{\"jsonrp0\",\"id\":1,\"method\":\"initialize\"}",
        ];
        for (i, bad) in damaged.iter().enumerate() {
            let mut input = good(1);
            input.extend_from_slice(bad);
            input.extend(good(2));
            input.extend(good(3));
            for step in [1, 7, 64, 100_000] {
                let f = frames_of(&input, step);
                let b = bodies(&f);
                assert_eq!(b.len(), 3, "case {i} step {step}: {f:?}");
                assert!(b[1].contains("\"id\":2") && b[2].contains("\"id\":3"));
                assert_eq!(damage(&f), 1, "case {i} step {step}: {f:?}");
            }
        }
    }

    #[test]
    fn an_oversized_frame_is_skipped_without_being_stored() {
        let mut d = Deframer::default();
        d.push(format!("Content-Length: {}\r\n\r\n", MAX_FRAME + 10).as_bytes());
        assert!(matches!(d.next(), Frame::Damaged(_)));
        let chunk = vec![b'x'; 1 << 20];
        let mut sent = 0;
        while sent + chunk.len() <= MAX_FRAME {
            d.push(&chunk);
            assert_eq!(d.next(), Frame::Incomplete);
            assert!(d.buf.len() <= MARKER_TAIL, "{}", d.buf.len());
            sent += chunk.len();
        }
        d.push(&vec![b'x'; MAX_FRAME + 10 - sent]);
        d.push(&good(5));
        assert_eq!(
            d.next(),
            Frame::Body(br#"{"jsonrpc":"2.0","id":5,"method":"m"}"#.to_vec())
        );
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
