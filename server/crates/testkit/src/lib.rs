//! An in-process client for tests and benchmarks: it runs the server on one
//! end of an in-memory pipe and speaks real JSON-RPC with Content-Length
//! framing on the other, answering the server's own requests
//! (`workspace/configuration`, `client/registerCapability` …) the way an
//! editor does. Not part of the public API.

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};
use tokio::task::JoinHandle;

/// How long to wait for the server before failing a test.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct TestClient {
    reader: BufReader<ReadHalf<DuplexStream>>,
    writer: WriteHalf<DuplexStream>,
    next_id: i64,
    /// Notifications received and not yet looked at.
    pub notifications: VecDeque<Value>,
    /// Requests the server sent to the client.
    pub server_requests: Vec<Value>,
    /// Settings to answer `workspace/configuration` with.
    pub settings: Value,
    server: Option<JoinHandle<bool>>,
}

impl TestClient {
    /// Starts a server (inside the current tokio runtime).
    pub fn start() -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(nianbao_lsp::serve(server_read, server_write));
        let (read, writer) = tokio::io::split(client_end);
        TestClient {
            reader: BufReader::new(read),
            writer,
            next_id: 1,
            notifications: VecDeque::new(),
            server_requests: Vec::new(),
            settings: Value::Null,
            server: Some(server),
        }
    }

    /// Writes raw bytes (for malformed-message tests).
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer
            .write_all(bytes)
            .await
            .expect("server pipe open");
        self.writer.flush().await.expect("server pipe open");
    }

    pub async fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("JSON");
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend(body);
        self.send_raw(&framed).await;
    }

    /// Reads one framed message; `None` when the server closed the pipe.
    pub async fn read_message(&mut self) -> Option<Value> {
        let mut length = None;
        loop {
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).await.ok()?;
            if n == 0 {
                return None;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                }
            }
        }
        let mut body = vec![0; length?];
        self.reader.read_exact(&mut body).await.ok()?;
        serde_json::from_slice(&body).ok()
    }

    /// The next message that is not a request from the server (those are
    /// answered here).
    async fn next(&mut self) -> Option<Value> {
        loop {
            let message = tokio::time::timeout(TIMEOUT, self.read_message())
                .await
                .expect("the server answers in time")?;
            let is_request = message.get("id").is_some() && message.get("method").is_some();
            if !is_request {
                return Some(message);
            }
            let result = match message["method"].as_str() {
                Some("workspace/configuration") => {
                    let n = message["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![self.settings.clone(); n])
                }
                _ => Value::Null,
            };
            let reply = json!({ "jsonrpc": "2.0", "id": message["id"].clone(), "result": result });
            self.server_requests.push(message);
            self.send(&reply).await;
        }
    }

    /// Sends a request and waits for its response: `Ok(result)` or
    /// `Err(error)`. Notifications that arrive meanwhile are kept.
    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        self.response(&json!(id)).await
    }

    /// Waits for the response with this id.
    pub async fn response(&mut self, id: &Value) -> Result<Value, Value> {
        loop {
            let message = self.next().await.expect("the server is running");
            if message.get("id") == Some(id) && message.get("method").is_none() {
                return match message.get("error") {
                    Some(e) => Err(e.clone()),
                    None => Ok(message.get("result").cloned().unwrap_or(Value::Null)),
                };
            }
            if message.get("method").is_some() {
                self.notifications.push_back(message);
            } else {
                // A response to some other request (an error for a
                // malformed message has id null): keep it visible.
                self.notifications.push_back(message);
            }
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// `initialize` + `initialized`; returns the initialize result.
    pub async fn initialize(&mut self, params: Value) -> Value {
        let result = self
            .request("initialize", params)
            .await
            .expect("initialize succeeds");
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "nianbao", "version": 1, "text": text } }),
        )
        .await;
    }

    /// Waits for the next `publishDiagnostics` for `uri` (looking first at
    /// what has arrived) and returns its params.
    pub async fn diagnostics(&mut self, uri: &str) -> Value {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| is_diagnostics_for(n, uri))
        {
            // Taken, not cloned: a 2 MB report's hundreds of diagnostics
            // would cost the benchmarks a copy per keystroke.
            return self.notifications.remove(i).expect("found")["params"].take();
        }
        loop {
            let mut message = self.next().await.expect("the server is running");
            if is_diagnostics_for(&message, uri) {
                return message["params"].take();
            }
            self.notifications.push_back(message);
        }
    }

    /// Waits for the next message of any kind (after what is queued).
    pub async fn next_notification(&mut self) -> Option<Value> {
        if let Some(n) = self.notifications.pop_front() {
            return Some(n);
        }
        self.next().await
    }

    /// `shutdown` + `exit`; returns whether the server ended cleanly.
    pub async fn shutdown(&mut self) -> bool {
        let _ = self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
        match self.server.take() {
            Some(handle) => tokio::time::timeout(TIMEOUT, handle)
                .await
                .ok()
                .and_then(Result::ok)
                .unwrap_or(false),
            None => false,
        }
    }

    /// Whether the server task has ended.
    pub fn server_finished(&self) -> bool {
        self.server.as_ref().is_none_or(JoinHandle::is_finished)
    }
}

fn is_diagnostics_for(message: &Value, uri: &str) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
}
