//! What the server knows between messages: the negotiated encoding, what the
//! client supports, the settings, the open documents with their check
//! results, the `nianbao.toml` of each folder and the reports on disk next to
//! the open ones. Every handler runs with exclusive access to it, in the
//! order the messages arrive.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use ls_types::{MessageType, TextDocumentContentChangeEvent, Uri};
use serde_json::Value;
use tower_lsp_server::ls_types;
use tree_sitter::Parser;

use super::config::Settings;
use super::diagnostics::{self, Publish};
use super::document::Document;
pub use super::open::{ClientSupport, Open};
use nianbao_core::check::{self, Checked, Config};
use nianbao_core::diagnostic::Diagnostic;
use nianbao_core::position::Encoding;
use nianbao_core::workspace::{folder_pass_among, ConfigCache, DiskCache, Member, Neighbour, Plan};

/// A `didChange` for a document that is not open (logged as a warning).
#[derive(Debug)]
pub struct NotOpen(pub Uri);

impl std::fmt::Display for NotOpen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "收到未打开的文档的修改：{}", self.0.as_str())
    }
}

impl std::error::Error for NotOpen {}

/// What a change led to.
pub enum Changed {
    /// Checked at once; these are the diagnostics to publish.
    Now(Vec<Publish>),
    /// The check waits for typing to pause: run it (with [`State::snapshot`]
    /// and [`State::install`]) after `delay` if the version is still current.
    Later {
        uri: Uri,
        version: i32,
        delay: Duration,
    },
}

/// What a deferred check needs, taken while holding the state.
pub struct Snapshot {
    pub text: String,
    pub tree: tree_sitter::Tree,
    pub config: Config,
    /// The last check, for what the edits since did not touch.
    pub previous: Checked,
}

/// Reading the reports next to open ones, to be done in the background
/// ([`State::take_loads`]): the plan, the folder's configuration and the
/// shared cache to store the facts in ([`State::neighbours_loaded`] then).
pub struct Load {
    pub plan: Plan,
    pub config: Config,
    pub disk: Arc<Mutex<DiskCache>>,
}

impl Load {
    /// Reads and checks the neighbours (slow: run off the message loop) and
    /// stores their facts; returns the folder.
    pub fn run(self) -> PathBuf {
        // A report that makes the engine panic is left out, as one that
        // cannot be read is (and not read again until it changes).
        let plan = &self.plan;
        let facts =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| plan.read(&self.config)))
                .unwrap_or_else(|_| Vec::new());
        let dir = self.plan.dir.clone();
        disk(&self.disk).store(self.plan, facts);
        dir
    }
}

/// An open document over the size limit: kept as text only (edits are
/// applied, so that it is analysed again once it is small enough), never
/// parsed or checked.
pub struct Large {
    pub version: i32,
    pub rope: ropey::Rope,
}

pub struct State {
    pub encoding: Encoding,
    /// Open documents over the size limit
    /// ([`nianbao_core::workspace::max_bytes`]).
    pub large: HashMap<Uri, Large>,
    pub support: ClientSupport,
    pub settings: Settings,
    pub docs: HashMap<Uri, Open>,
    parser: Parser,
    /// `nianbao.toml` per folder (the default configuration where none).
    configs: ConfigCache,
    /// The facts of the reports on disk next to open ones; shared so that a
    /// folder is read on a blocking thread without holding the state ([`Load::run`]).
    disk: Arc<Mutex<DiskCache>>,
    /// Folders whose neighbours are being read in the background: the
    /// diagnostics of their open reports wait for them (requests do not).
    loading: HashSet<PathBuf>,
    /// Neighbour reads to start, taken by the server after each handler.
    loads: Vec<Load>,
    /// Open reports whose publication waits for their folder's neighbours.
    held: HashSet<Uri>,
    /// Messages for the user (`window/showMessage`), sent after the handler.
    pub messages: Vec<(MessageType, String)>,
    /// Hidden debugging methods are enabled (`initializationOptions.debug`).
    pub debug: bool,
    /// The initialization options carried settings (no need to pull them).
    pub settings_given: bool,
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

impl State {
    pub fn new() -> State {
        State {
            encoding: Encoding::Utf16,
            large: HashMap::new(),
            support: ClientSupport::default(),
            settings: Settings::default(),
            docs: HashMap::new(),
            parser: nianbao_core::syntax::parser(),
            configs: ConfigCache::default(),
            disk: Arc::default(),
            loading: HashSet::new(),
            loads: Vec::new(),
            held: HashSet::new(),
            messages: Vec::new(),
            debug: false,
            settings_given: false,
        }
    }

    /// Applies settings (from initialization options or a configuration
    /// change); problems go to the user.
    pub fn set_settings(&mut self, value: &Value) {
        let (settings, problems) = Settings::from_json(value);
        for p in problems {
            self.messages.push((MessageType::WARNING, p));
        }
        self.settings = settings;
    }

    /// The configuration for documents in `dir`.
    fn config(&mut self, dir: Option<&Path>) -> Config {
        let base = match dir {
            None => Config::default(),
            Some(dir) => self.configs.for_dir(dir).unwrap_or_else(|e| {
                self.messages.push((MessageType::ERROR, e.to_string()));
                Config::default()
            }),
        };
        self.settings.apply(base)
    }

    /// Checks `doc`; what an edit did not touch is taken from `previous`,
    /// the check of the text before the edit.
    fn check(&mut self, doc: &Document, previous: Option<Checked>) -> (Checked, Config, Duration) {
        let config = self.config(doc.path.as_deref().and_then(Path::parent));
        let started = Instant::now();
        let checked = check::check_edited(previous, doc.tree().clone(), doc.text(), &config);
        (checked, config, started.elapsed())
    }

    /// Checks an open document again, now.
    fn recheck(&mut self, uri: &Uri) {
        let Some(open) = self.docs.remove(uri) else {
            return;
        };
        let (checked, config, check_time) = self.check(&open.doc, Some(open.checked));
        self.docs.insert(
            uri.clone(),
            Open {
                checked,
                config,
                check_time,
                stale_text: None,
                ..open
            },
        );
    }

    /// The one diagnostic of a document over the size limit: why it is not
    /// analysed.
    fn too_large(&self, uri: &Uri, version: i32, len: usize) -> Publish {
        let limit = Self::limit(uri);
        let message = format!(
            "文档过大（{}），超过大小上限 {}，nianbao 不分析它（不检查、不提供补全和悬停），以免编辑器卡住。年度报告通常小于 1 MB；确需分析时，用 nianbao.toml 中的 max-size、环境变量 {} 或 `nianbao --max-size SIZE lsp` 提高上限。",
            nianbao_core::workspace::describe_size(len as u64),
            nianbao_core::workspace::describe_size(limit),
            nianbao_core::workspace::MAX_SIZE_ENV,
        );
        let zero = ls_types::Position::new(0, 0);
        Publish {
            uri: uri.clone(),
            version: Some(version),
            diagnostics: vec![ls_types::Diagnostic {
                range: ls_types::Range::new(zero, zero),
                severity: Some(ls_types::DiagnosticSeverity::WARNING),
                code: Some(ls_types::NumberOrString::String("too-large".to_string())),
                source: Some("nianbao".to_string()),
                message,
                ..Default::default()
            }],
        }
    }

    /// The size limit of a document: as for a file at its path (`--max-size`, `NIANBAO_MAX_SIZE`, then
    /// `max-size` in the nearest `nianbao.toml`), the default for one that is not a file.
    fn limit(uri: &Uri) -> u64 {
        match super::document::uri_path(uri) {
            Some(path) => nianbao_core::workspace::max_bytes_for(&path),
            None => nianbao_core::workspace::max_bytes(),
        }
    }

    fn over_limit(uri: &Uri, len: usize) -> bool {
        len as u64 > Self::limit(uri)
    }

    /// Keeps a document over the size limit as text only; returns its one
    /// diagnostic.
    fn open_large(&mut self, uri: Uri, version: i32, rope: ropey::Rope) -> Vec<Publish> {
        let publish = self.too_large(&uri, version, rope.len_bytes());
        self.docs.remove(&uri);
        self.large.insert(uri, Large { version, rope });
        vec![publish]
    }

    pub fn open(&mut self, uri: Uri, version: i32, text: String) -> Vec<Publish> {
        if Self::over_limit(&uri, text.len()) {
            return self.open_large(uri, version, ropey::Rope::from_str(&text));
        }
        self.large.remove(&uri);
        let doc = Document::new(uri.clone(), version, text, &mut self.parser);
        let (checked, config, check_time) = self.check(&doc, None);
        if let Some(path) = &doc.path {
            disk(&self.disk).forget(path);
        }
        self.docs.insert(
            uri.clone(),
            Open {
                doc,
                checked,
                config,
                diagnostics: Vec::new(),
                check_time,
                stale_text: None,
            },
        );
        self.refresh(&[uri])
    }

    /// Applies a `didChange`. A document that checks quickly is checked at
    /// once; a slow one only when typing pauses ([`Changed::Later`]) or when
    /// a request needs the results ([`State::ensure_checked`]).
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
    ) -> Result<Changed, NotOpen> {
        let encoding = self.encoding;
        if let Some(large) = self.large.get_mut(uri) {
            super::document::apply_to_rope(&mut large.rope, changes, encoding);
            large.version = version;
            let len = large.rope.len_bytes();
            if Self::over_limit(uri, len) {
                return Ok(Changed::Now(vec![self.too_large(uri, version, len)]));
            }
            // Small enough again: analysed as any document.
            let text = large.rope.to_string();
            self.large.remove(uri);
            return Ok(Changed::Now(self.open(uri.clone(), version, text)));
        }
        // An edit that may take the document over the limit is tried on a
        // copy of the text first, so that a huge paste is never parsed.
        if let Some(open) = self.docs.get(uri) {
            let inserted: usize = changes.iter().map(|c| c.text.len()).sum();
            if Self::over_limit(uri, open.doc.text().len() + inserted) {
                let mut rope = ropey::Rope::from_str(open.doc.text());
                super::document::apply_to_rope(&mut rope, changes, encoding);
                if Self::over_limit(uri, rope.len_bytes()) {
                    return Ok(Changed::Now(self.open_large(uri.clone(), version, rope)));
                }
            }
        }
        let Some(open) = self.docs.get_mut(uri) else {
            return Err(NotOpen(uri.clone()));
        };
        // Checks slower than the limit are not run on every keystroke: the
        // edit is applied at once, the check when typing pauses (or when a
        // request needs it). A typical report checks in 2–3 ms (release
        // build); a 2 MB one takes over a second.
        let defer = open.check_time > self.settings.sync_check_limit;
        if defer && open.stale_text.is_none() {
            open.stale_text = Some(open.doc.text().to_string());
        }
        open.doc
            .apply_changes(version, changes, encoding, &mut self.parser);
        if defer {
            return Ok(Changed::Later {
                uri: uri.clone(),
                version,
                delay: self.settings.check_delay,
            });
        }
        // The text and tree are consistent now; the engine runs on them.
        self.recheck(uri);
        Ok(Changed::Now(self.refresh(std::slice::from_ref(uri))))
    }

    /// What a deferred check of `uri` at `version` needs, if it is still due.
    pub fn snapshot(&mut self, uri: &Uri, version: i32) -> Option<Snapshot> {
        let open = self.docs.get(uri)?;
        if open.doc.version != version || !open.is_stale() {
            return None;
        }
        let (text, tree) = (open.doc.text().to_string(), open.doc.tree().clone());
        let dir = open
            .doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let previous = open.checked.clone();
        let config = self.config(dir.as_deref());
        Some(Snapshot {
            text,
            tree,
            config,
            previous,
        })
    }

    /// Installs the result of a deferred check if the document has not
    /// changed meanwhile; returns what to publish.
    pub fn install(
        &mut self,
        uri: &Uri,
        version: i32,
        checked: Checked,
        config: Config,
        check_time: Duration,
    ) -> Vec<Publish> {
        let Some(open) = self.docs.get_mut(uri) else {
            return Vec::new();
        };
        if open.doc.version != version || !open.is_stale() {
            return Vec::new();
        }
        open.checked = checked;
        open.config = config;
        open.check_time = check_time;
        open.stale_text = None;
        self.refresh(std::slice::from_ref(uri))
    }

    /// Makes the check results of `uri` current (a request needs them);
    /// returns what to publish if it had to check.
    pub fn ensure_checked(&mut self, uri: &Uri) -> Vec<Publish> {
        if !self.docs.get(uri).is_some_and(Open::is_stale) {
            return Vec::new();
        }
        self.recheck(uri);
        self.refresh(std::slice::from_ref(uri))
    }

    pub fn close(&mut self, uri: &Uri) -> Vec<Publish> {
        if self.large.remove(uri).is_some() {
            return vec![Publish {
                uri: uri.clone(),
                version: None,
                diagnostics: Vec::new(),
            }];
        }
        self.held.remove(uri);
        let Some(open) = self.docs.remove(uri) else {
            return Vec::new();
        };
        let mut out = vec![Publish {
            uri: uri.clone(),
            version: None,
            diagnostics: Vec::new(),
        }];
        // Its neighbours now see the file on disk.
        let neighbours: Vec<Uri> = self
            .docs
            .values()
            .filter(|o| same_dir(&o.doc, &open.doc))
            .map(|o| o.doc.uri.clone())
            .collect();
        out.extend(self.refresh_only_changed(&neighbours));
        out
    }

    /// Files changed on disk: forget what was read, recheck what depends on it.
    pub fn files_changed(&mut self, paths: &[PathBuf]) -> Vec<Publish> {
        if super::review::is_baseline(paths) {
            // Reviewed findings are shown as hints: publish everything again.
            return self
                .docs
                .values()
                .filter(|o| !o.is_stale())
                .map(|o| diagnostics::publish(o, self.encoding, &self.support))
                .collect();
        }
        let mut config_changed = false;
        for p in paths {
            disk(&self.disk).forget(p);
            if p.file_name()
                .is_some_and(|n| n == nianbao_core::check::config::FILE_NAME)
            {
                config_changed = true;
            }
        }
        if config_changed {
            self.configs.clear();
            nianbao_core::workspace::forget_configured_limits();
            return self.recheck_all();
        }
        let dirs: HashSet<&Path> = paths.iter().filter_map(|p| p.parent()).collect();
        let affected: Vec<Uri> = self
            .docs
            .values()
            .filter(|o| {
                o.doc
                    .path
                    .as_deref()
                    .and_then(Path::parent)
                    .is_some_and(|d| dirs.contains(d))
            })
            .map(|o| o.doc.uri.clone())
            .collect();
        self.refresh_only_changed(&affected)
    }

    /// Rechecks every open document (settings or `nianbao.toml` changed).
    pub fn recheck_all(&mut self) -> Vec<Publish> {
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in &uris {
            self.recheck(uri);
        }
        self.refresh_only_changed(&uris)
    }

    /// Cross-report rules for the folders of `uris`; publishes for `uris`
    /// always and for the other open reports of those folders when their
    /// findings changed.
    fn refresh(&mut self, uris: &[Uri]) -> Vec<Publish> {
        self.refresh_inner(uris, true)
    }

    fn refresh_only_changed(&mut self, uris: &[Uri]) -> Vec<Publish> {
        self.refresh_inner(uris, false)
    }

    fn refresh_inner(&mut self, uris: &[Uri], force: bool) -> Vec<Publish> {
        let mut out = Vec::new();
        let mut done: HashSet<Uri> = HashSet::new();
        for uri in uris {
            if done.contains(uri) {
                continue;
            }
            let Some(open) = self.docs.get(uri) else {
                continue;
            };
            let dir = open
                .doc
                .path
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_path_buf);
            // The open members of the folder (just this one without a folder).
            let members: Vec<Uri> = match &dir {
                Some(_) => self
                    .docs
                    .values()
                    .filter(|o| same_dir(&o.doc, &open.doc))
                    .map(|o| o.doc.uri.clone())
                    .collect(),
                None => vec![uri.clone()],
            };
            let results = self.folder(dir.as_deref(), &members);
            for (member, diagnostics) in results {
                done.insert(member.clone());
                let open = self.docs.get_mut(&member).expect("a member is open");
                if open.is_stale() {
                    // Published when its own check has caught up.
                    continue;
                }
                let requested = uris.contains(&member);
                if dir.as_ref().is_some_and(|d| self.loading.contains(d)) {
                    // Published when the neighbours have been read.
                    if force && requested {
                        self.held.insert(member);
                    }
                    continue;
                }
                if (force && requested) || open.diagnostics != diagnostics {
                    open.diagnostics = diagnostics;
                    out.push(diagnostics::publish(open, self.encoding, &self.support));
                }
            }
        }
        out
    }

    /// The findings of each open member of a folder: its own and those of
    /// the rules across the folder's reports (open buffers, else the files).
    fn folder(&mut self, dir: Option<&Path>, members: &[Uri]) -> Vec<(Uri, Vec<Diagnostic>)> {
        if let Some(dir) = dir {
            let skip: HashSet<PathBuf> = members
                .iter()
                .filter_map(|u| self.docs.get(u)?.doc.path.clone())
                .collect();
            if !self.loading.contains(dir) {
                // Neighbours that changed on disk (or were never read) are
                // read in the background; till then the facts known are used.
                let plan = disk(&self.disk).plan(dir, &skip);
                if plan.is_done() {
                    disk(&self.disk).store(plan, Vec::new());
                } else {
                    let config = self.config(Some(dir));
                    self.loading.insert(dir.to_path_buf());
                    self.loads.push(Load {
                        plan,
                        config,
                        disk: self.disk.clone(),
                    });
                }
            }
        }
        let mut members: Vec<(PathBuf, &Open)> = members
            .iter()
            .map(|uri| {
                let o = &self.docs[uri];
                let path = o
                    .doc
                    .path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(uri.as_str()));
                (path, o)
            })
            .collect();
        members.sort_by(|a, b| a.0.cmp(&b.0));
        let disk = disk(&self.disk);
        let neighbours: Vec<Neighbour> = match dir {
            Some(dir) => disk
                .in_dir(dir)
                .filter(|(path, _)| !members.iter().any(|(p, _)| p == *path))
                .map(|(path, disk)| Neighbour {
                    path,
                    facts: &disk.facts,
                })
                .collect(),
            None => Vec::new(),
        };
        let checked: Vec<Member> = members
            .iter()
            .map(|(path, o)| Member {
                path,
                text: o.checked_text(),
                checked: &o.checked,
                config: Some(&o.config),
            })
            .collect();
        let merged = folder_pass_among(&checked, &neighbours);
        members
            .iter()
            .zip(merged)
            .map(|((_, o), all)| (o.doc.uri.clone(), all))
            .collect()
    }

    /// The neighbour reads to start in the background ([`Load::run`]).
    pub fn take_loads(&mut self) -> Vec<Load> {
        std::mem::take(&mut self.loads)
    }

    /// The neighbours of `dir` have been read ([`Load::run`]): publishes the
    /// diagnostics held for them and those that changed.
    pub fn neighbours_loaded(&mut self, dir: &Path) -> Vec<Publish> {
        self.loading.remove(dir);
        let members: Vec<Uri> = self
            .docs
            .values()
            .filter(|o| o.doc.path.as_deref().and_then(Path::parent) == Some(dir))
            .map(|o| o.doc.uri.clone())
            .collect();
        let Some(first) = members.first() else {
            self.held.retain(|u| self.docs.contains_key(u));
            return Vec::new();
        };
        let held: Vec<Uri> = members
            .iter()
            .filter(|u| self.held.remove(*u))
            .cloned()
            .collect();
        if held.is_empty() {
            return self.refresh_only_changed(std::slice::from_ref(first));
        }
        self.refresh(&held)
    }

    /// An open document, or the error a request about another one gets.
    pub fn get(&self, uri: &Uri) -> Result<&Open, tower_lsp_server::jsonrpc::Error> {
        self.docs.get(uri).ok_or_else(|| {
            if let Some(large) = self.large.get(uri) {
                return tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                    "文档过大（{}），超过大小上限 {}，未分析：{}",
                    nianbao_core::workspace::describe_size(large.rope.len_bytes() as u64),
                    nianbao_core::workspace::describe_size(Self::limit(uri)),
                    uri.as_str()
                ));
            }
            tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "文档未打开：{}",
                uri.as_str()
            ))
        })
    }
}

fn disk(shared: &Mutex<DiskCache>) -> MutexGuard<'_, DiskCache> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

fn same_dir(a: &Document, b: &Document) -> bool {
    match (&a.path, &b.path) {
        (Some(x), Some(y)) => x.parent() == y.parent(),
        _ => a.uri == b.uri,
    }
}
