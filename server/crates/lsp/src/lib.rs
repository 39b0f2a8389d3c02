//! `nianbao lsp`: the language server, over stdio, on `tower-lsp-server`.
//!
//! This module only wires the protocol to the features, one module each:
//! [`document`] (rope + incremental tree-sitter), `diagnostics`,
//! `completion`, `hover`, `code_action`, `symbols`, `folding`, `formatting`
//! (the layout itself is [`nianbao_core::fmt`], shared with `nianbao fmt`),
//! `semantic_tokens`, `inlay_hints`, [`config`] (editor settings) and
//! [`capabilities`] (what is advertised). The checking is the engine's
//! ([`nianbao_core::check`]), the same as the CLI's.
//!
//! Messages are handled one at a time, in the order they arrive
//! (`concurrency_level(1)`), so a request never sees a range from a text the
//! server has not caught up with. Every handler body runs inside
//! `catch_unwind`: a panic is logged, answered with an internal error, and
//! the server keeps serving.

pub mod analysis;
pub mod capabilities;
mod code_action;
mod completion;
pub mod config;
pub mod diagnostics;
pub mod document;
#[cfg(test)]
mod fixture;
mod folding;
mod formatting;
mod hover;
mod inlay_hints;
pub mod open;
mod review;
mod review_action;
mod semantic_tokens;
pub mod state;
mod symbols;
#[doc(hidden)]
pub mod transport;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use ls_types::*;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::{ls_types, Client, ClientSocket, LanguageServer, LspService, Server};

use analysis::Ctx;
use config::Settings;
use diagnostics::Publish;
use state::{Changed, ClientSupport, State};

/// The language server.
pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    shut_down: Arc<AtomicBool>,
}

/// Runs the server on standard input and output until `exit`; the exit code
/// is 0 after a `shutdown` request, 1 otherwise (as the protocol asks).
pub fn run() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("错误：无法启动语言服务器：{e}");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Do not wait for a deferred check still running in the background.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Serves one client over a byte stream (Content-Length framing); returns
/// whether the client asked for `shutdown` before the stream ended.
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket, shut_down) = service();
    // The server reads and writes through in-memory pipes; the transport
    // guard between them and the real streams answers malformed messages.
    let (to_server, server_input) = tokio::io::duplex(1 << 20);
    let (server_output, from_server) = tokio::io::duplex(1 << 20);
    let (errors, error_frames) = tokio::sync::mpsc::unbounded_channel();
    let serving = async move {
        let server = Server::new(server_input, server_output, socket)
            .concurrency_level(1)
            .serve(service);
        let reading = transport::filter_input(input, to_server, errors);
        tokio::pin!(server, reading);
        let mut input_done = false;
        loop {
            tokio::select! {
                _ = &mut server => break,
                _ = &mut reading, if !input_done => input_done = true,
            }
        }
    };
    tokio::join!(
        serving,
        transport::merge_output(from_server, error_frames, output)
    );
    shut_down.load(Ordering::SeqCst)
}

/// The service without a transport (for tests and benchmarks that drive it
/// directly), with the flag `shutdown` sets.
pub fn service() -> (LspService<Backend>, ClientSocket, Arc<AtomicBool>) {
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let (service, socket) = LspService::build(move |client| Backend {
        client,
        state: Arc::new(Mutex::new(State::new())),
        shut_down: flag,
    })
    .custom_method("nianbao/debugDocument", Backend::debug_document)
    .custom_method("nianbao/debugPanic", Backend::debug_panic)
    .finish();
    (service, socket, shut_down)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知的 panic".to_string())
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A handler that panicked while holding the lock leaves the state as it
    // was at the panic; serving on is better than refusing every request.
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Backend {
    /// Runs a handler body with the state, catching panics.
    async fn guard<T>(
        &self,
        method: &str,
        body: impl FnOnce(&mut State) -> Result<T>,
    ) -> Result<T> {
        let outcome = catch_unwind(AssertUnwindSafe(|| body(&mut lock(&self.state))));
        start_loads(&self.client, &self.state);
        self.show_messages().await;
        match outcome {
            Ok(result) => result,
            Err(payload) => {
                let message = format!(
                    "nianbao 处理 {method} 时出现内部错误：{}",
                    panic_message(payload.as_ref())
                );
                self.client.log_message(MessageType::ERROR, &message).await;
                Err(Error {
                    code: ErrorCode::InternalError,
                    message: message.into(),
                    data: None,
                })
            }
        }
    }

    /// A notification handler: runs the body and publishes what it produced.
    async fn notify(&self, method: &str, body: impl FnOnce(&mut State) -> Vec<Publish>) {
        if let Ok(publishes) = self.guard(method, |s| Ok(body(s))).await {
            publish_all(&self.client, publishes).await;
        }
    }

    /// A request about one open document.
    async fn read<T>(&self, method: &str, uri: &Uri, body: impl FnOnce(&Ctx) -> T) -> Result<T> {
        self.guard(method, |s| {
            let cx = Ctx::new(s, s.get(uri)?);
            Ok(body(&cx))
        })
        .await
    }

    /// A request about one open document that needs its check results
    /// (completion, hover, code actions, symbols, inlay hints): a check
    /// deferred while typing is run first.
    async fn read_checked<T>(
        &self,
        method: &str,
        uri: &Uri,
        body: impl FnOnce(&Ctx) -> T,
    ) -> Result<T> {
        let (result, publishes) = self
            .guard(method, |s| {
                let publishes = s.ensure_checked(uri);
                let cx = Ctx::new(s, s.get(uri)?);
                Ok((body(&cx), publishes))
            })
            .await?;
        publish_all(&self.client, publishes).await;
        Ok(result)
    }

    /// Checks a slow document once typing has paused: after `delay`, if the
    /// version is still current, on a blocking thread (so that the messages
    /// keep flowing meanwhile); the result is used only if no edit came in.
    fn check_later(&self, uri: Uri, version: i32, delay: std::time::Duration) {
        let client = self.client.clone();
        let state = self.state.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let Some(snapshot) = lock(&state).snapshot(&uri, version) else {
                return;
            };
            let checked = tokio::task::spawn_blocking(move || {
                let started = std::time::Instant::now();
                let state::Snapshot {
                    text,
                    tree,
                    config,
                    previous,
                } = snapshot;
                let checked = catch_unwind(AssertUnwindSafe(|| {
                    nianbao_core::check::check_edited(Some(previous), tree, &text, &config)
                }));
                (checked, config, started.elapsed())
            })
            .await;
            let Ok((Ok(checked), config, time)) = checked else {
                client
                    .log_message(MessageType::ERROR, "nianbao 在后台检查时出现内部错误")
                    .await;
                return;
            };
            let publishes = lock(&state).install(&uri, version, checked, config, time);
            start_loads(&client, &state);
            publish_all(&client, publishes).await;
        });
    }

    async fn show_messages(&self) {
        let messages = std::mem::take(&mut lock(&self.state).messages);
        for (kind, text) in messages {
            self.client.show_message(kind, text).await;
        }
    }

    /// Hidden: the document as the server holds it (text, tree), for tests
    /// and for reporting bugs.
    async fn debug_document(&self, params: TextDocumentIdentifier) -> Result<Value> {
        self.guard("nianbao/debugDocument", |s| {
            let open = s.get(&params.uri)?;
            Ok(json!({
                "version": open.doc.version,
                "text": open.doc.text(),
                "sexp": open.doc.tree().root_node().to_sexp(),
            }))
        })
        .await
    }

    /// Hidden: panics inside a handler, to test that the server survives.
    /// Only with `initializationOptions.debug = true`.
    async fn debug_panic(&self) -> Result<Value> {
        self.guard("nianbao/debugPanic", |s| {
            if !s.debug {
                return Err(Error::method_not_found());
            }
            panic!("nianbao/debugPanic：按要求触发的 panic");
        })
        .await
    }

    /// Asks the client for the `nianbao` section of its settings, without
    /// holding up the messages behind (a client may be slow to answer).
    fn pull_settings(&self) {
        let client = self.client.clone();
        let state = self.state.clone();
        tokio::spawn(async move {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("nianbao".to_string()),
            };
            let Ok(values) = client.configuration(vec![item]).await else {
                return;
            };
            let value = values.into_iter().next().unwrap_or(Value::Null);
            let (publishes, support) = {
                let mut s = lock(&state);
                s.set_settings(&value);
                (s.recheck_all(), s.support.clone())
            };
            start_loads(&client, &state);
            publish_all(&client, publishes).await;
            refresh_views(&client, &support);
        });
    }
}

/// Starts in the background the reading of the reports next to open ones
/// that the last handler asked for; each, once done, publishes the
/// diagnostics that waited for it (and starts what that asked for in turn).
/// Requests are answered meanwhile: they never wait for neighbours.
fn start_loads(client: &Client, state: &Arc<Mutex<State>>) {
    let loads = lock(state).take_loads();
    for load in loads {
        let client = client.clone();
        let state = state.clone();
        tokio::spawn(async move {
            let dir = load.plan.dir.clone();
            let loaded = tokio::task::spawn_blocking(move || {
                catch_unwind(AssertUnwindSafe(|| load.run())).is_ok()
            })
            .await;
            if !matches!(loaded, Ok(true)) {
                client
                    .log_message(
                        MessageType::ERROR,
                        "nianbao 在后台读取同一文件夹的报告时出现内部错误",
                    )
                    .await;
            }
            let publishes = catch_unwind(AssertUnwindSafe(|| lock(&state).neighbours_loaded(&dir)))
                .unwrap_or_default();
            start_loads(&client, &state);
            publish_all(&client, publishes).await;
        });
    }
}

async fn publish_all(client: &Client, publishes: Vec<Publish>) {
    for p in publishes {
        client
            .publish_diagnostics(p.uri, p.diagnostics, p.version)
            .await;
    }
}

/// Asks the client to ask again for inlay hints and semantic tokens (after
/// the settings changed), without waiting for its answer.
fn refresh_views(client: &Client, support: &ClientSupport) {
    if support.inlay_hint_refresh {
        let c = client.clone();
        tokio::spawn(async move {
            let _ = c.inlay_hint_refresh().await;
        });
    }
    if support.semantic_tokens_refresh {
        let c = client.clone();
        tokio::spawn(async move {
            let _ = c.semantic_tokens_refresh().await;
        });
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        self.guard("initialize", |s| {
            s.encoding = capabilities::negotiate_encoding(&params);
            let caps = serde_json::to_value(&params.capabilities).unwrap_or(Value::Null);
            s.support = ClientSupport::from_capabilities(&caps);
            if let Some(options) = &params.initialization_options {
                s.settings_given = Settings::present(options);
                s.set_settings(options);
                s.debug = options.get("debug").and_then(Value::as_bool) == Some(true);
            }
            Ok(InitializeResult {
                capabilities: capabilities::server_capabilities(s.encoding),
                server_info: Some(ServerInfo {
                    name: "nianbao".to_string(),
                    version: Some(env!("CARGO_PKG_VERSION").to_string()),
                }),
                offset_encoding: None,
            })
        })
        .await
    }

    async fn initialized(&self, _: InitializedParams) {
        let (support, has_settings) = {
            let s = lock(&self.state);
            (s.support.clone(), s.settings_given)
        };
        if support.watched_files_dynamic {
            let client = self.client.clone();
            tokio::spawn(async move {
                let watchers = [
                    "**/*.nianbao",
                    "**/nianbao.toml",
                    "**/nianbao-baseline.toml",
                ]
                .iter()
                .map(|g| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(g.to_string()),
                    kind: None,
                })
                .collect();
                let options = DidChangeWatchedFilesRegistrationOptions { watchers };
                let _ = client
                    .register_capability(vec![Registration {
                        id: "nianbao-watched-files".to_string(),
                        method: "workspace/didChangeWatchedFiles".to_string(),
                        register_options: serde_json::to_value(options).ok(),
                    }])
                    .await;
            });
        }
        if support.configuration_pull && !has_settings {
            self.pull_settings();
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let d = params.text_document;
        // The reports next to it are read and checked in the background
        // ([`start_loads`]); its diagnostics are published once they are.
        self.notify("textDocument/didOpen", |s| s.open(d.uri, d.version, d.text))
            .await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let mut outcome = None;
        self.notify("textDocument/didChange", |s| {
            match s.change(&uri, version, &params.content_changes) {
                Ok(Changed::Now(p)) => p,
                Ok(later) => {
                    outcome = Some(Ok(later));
                    Vec::new()
                }
                Err(e) => {
                    outcome = Some(Err(e));
                    Vec::new()
                }
            }
        })
        .await;
        match outcome {
            Some(Ok(Changed::Later {
                uri,
                version,
                delay,
            })) => self.check_later(uri, version, delay),
            Some(Err(e)) => self.client.log_message(MessageType::WARNING, e).await,
            _ => {}
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // The saved file is read by its neighbours' cross-report rules only
        // while it is closed; nothing to do for the open buffer itself.
        let _ = params;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.notify("textDocument/didClose", |s| {
            s.close(&params.text_document.uri)
        })
        .await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if !Settings::present(&params.settings) {
            let pull = lock(&self.state).support.configuration_pull;
            if pull {
                self.pull_settings();
                return;
            }
        }
        let mut support = None;
        self.notify("workspace/didChangeConfiguration", |s| {
            s.set_settings(&params.settings);
            support = Some(s.support.clone());
            s.recheck_all()
        })
        .await;
        if let Some(support) = support {
            refresh_views(&self.client, &support);
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let paths: Vec<std::path::PathBuf> = params
            .changes
            .iter()
            .filter_map(|c| document::uri_path(&c.uri))
            .collect();
        self.notify("workspace/didChangeWatchedFiles", |s| {
            s.files_changed(&paths)
        })
        .await;
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri.clone();
        self.read_checked("textDocument/completion", &uri, |cx| {
            completion::completion(cx, &params)
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        self.read_checked("textDocument/hover", &p.text_document.uri, |cx| {
            hover::hover(cx, p.position)
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.read_checked("textDocument/codeAction", &uri, |cx| {
            Some(code_action::code_actions(cx, &params))
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.read_checked(
            "textDocument/documentSymbol",
            &params.text_document.uri,
            |cx| Some(symbols::document_symbols(cx)),
        )
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.read(
            "textDocument/foldingRange",
            &params.text_document.uri,
            |cx| Some(folding::folding_ranges(cx)),
        )
        .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.read("textDocument/formatting", &params.text_document.uri, |cx| {
            Some(formatting::formatting(cx))
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.read(
            "textDocument/semanticTokens/full",
            &params.text_document.uri,
            |cx| {
                Some(SemanticTokensResult::Tokens(
                    semantic_tokens::semantic_tokens(cx),
                ))
            },
        )
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.read_checked("textDocument/inlayHint", &params.text_document.uri, |cx| {
            Some(inlay_hints::inlay_hints(cx, params.range))
        })
        .await
    }
}
