//! Language-server latency and memory, end to end over the protocol (the
//! in-process client of `nianbao_testkit`, real Content-Length
//! framing): keystroke → diagnostics on a typical report and on a 2 MB one,
//! completion and hover, and resident memory with 100 open reports. Besides
//! criterion's estimates it prints p50/p99 over many keystrokes and where a
//! keystroke's time goes. Figures go to docs/performance.md (## 语言服务器).
//!
//! `cargo bench -p nianbao --bench lsp`

use std::time::{Duration, Instant};

use criterion::Criterion;
use nianbao_core::position::Encoding;
use nianbao_lsp::document::Document;
use nianbao_testkit::TestClient;
use serde_json::{json, Value};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

// The allocator of the program (`main.rs`): the server is measured as it
// ships (the in-process client shares it).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const URI: &str = "file:///nonexistent/bench/report.nianbao";

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn typical() -> String {
    std::fs::read_to_string(root().join("examples/suizhong-2023.nianbao")).unwrap()
}

/// A 2 MB report: the typical one's front matter, then its body over and
/// over (every copy a full report body: sections, 表二 to 表四, prose).
fn big(min_bytes: usize) -> String {
    let text = typical();
    let body_start = text.find("\n# 一、").unwrap() + 1;
    let (head, body) = text.split_at(body_start);
    let mut out = head.to_string();
    while out.len() < min_bytes {
        out.push_str(body);
        out.push('\n');
    }
    out
}

fn vm_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time of this thread so far. The client and the server share the
/// thread (a current-thread runtime), so the difference over a keystroke is
/// the work it cost both, whatever else the machine runs; wall time waits
/// for the CPU too.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid pointer to a timespec, and a clock every Linux has.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn init_params() -> Value {
    let path = root().join("tests/fixtures/lsp/initialize-vscode.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A client with `text` open, ready for keystrokes. `sync`: every keystroke
/// is checked at once, however long the check takes (else the server's
/// default: slow documents are checked when typing pauses).
async fn opened(text: &str, sync: bool) -> TestClient {
    let mut c = TestClient::start();
    let mut params = init_params();
    if sync {
        params["initializationOptions"] = json!({ "diagnostics": { "syncLimitMs": 3_600_000 } });
    }
    c.initialize(params).await;
    c.open(URI, text).await;
    let _ = c.diagnostics(URI).await;
    c
}

/// Where a keystroke goes: after the `57` of 表三's first row, in the middle
/// copy for the big report (UTF-16 position).
fn keystroke_position(text: &str) -> Position {
    let needle = "| 一、本年新收政府信息公开申请数量 | 57";
    let hits: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
    let at = hits[hits.len() / 2] + needle.len();
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].encode_utf16().count();
    Position::new(line as u32, column as u32)
}

/// One keystroke: typing a digit, or deleting it again (so that the text
/// stays the same over pairs), and the wait for the diagnostics.
struct Typist {
    at: Position,
    version: i64,
}

impl Typist {
    fn change(&mut self) -> Value {
        self.version += 1;
        let typing = self.version % 2 == 0;
        let end = if typing {
            self.at
        } else {
            Position::new(self.at.line, self.at.character + 1)
        };
        json!({
            "textDocument": { "uri": URI, "version": self.version },
            "contentChanges": [{ "range": { "start": self.at, "end": end }, "text": if typing { "1" } else { "" } }],
        })
    }

    /// A keystroke on a document whose check waits for typing to pause: the
    /// time until the server has taken the edit (it answers a request sent
    /// right after it; requests are handled in order).
    async fn keystroke_taken(&mut self, c: &mut TestClient) -> Duration {
        let change = self.change();
        let started = Instant::now();
        c.notify("textDocument/didChange", change).await;
        let probe = json!({ "textDocument": { "uri": "file:///nonexistent/probe.nianbao" },
                            "position": { "line": 0, "character": 0 } });
        let _ = c.request("textDocument/hover", probe).await;
        started.elapsed()
    }

    async fn keystroke(&mut self, c: &mut TestClient) -> Duration {
        let change = self.change();
        let started = Instant::now();
        c.notify("textDocument/didChange", change).await;
        let d = c.diagnostics(URI).await;
        let elapsed = started.elapsed();
        assert_eq!(d["version"], self.version);
        elapsed
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn report_percentiles(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name}: n={} p50={} p95={} p99={} max={}",
        samples.len(),
        ms(percentile(&samples, 0.5)),
        ms(percentile(&samples, 0.95)),
        ms(percentile(&samples, 0.99)),
        ms(*samples.last().unwrap())
    );
}

/// The names given after `--` (criterion's filter): the measurements
/// outside criterion (percentiles, the breakdown) run only for a benchmark
/// whose id contains one of them, as criterion's own do.
fn filters() -> Vec<String> {
    // Criterion's options that take a value (the value is not a filter).
    const VALUED: &[&str] = &[
        "--save-baseline",
        "--baseline",
        "--baseline-lenient",
        "--load-baseline",
        "--sample-size",
        "--warm-up-time",
        "--measurement-time",
        "--nresamples",
        "--noise-threshold",
        "--confidence-level",
        "--significance-level",
        "--profile-time",
        "--plotting-backend",
        "--output-format",
        "--color",
        "--format",
    ];
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.iter()
        .enumerate()
        .filter(|(i, a)| {
            !a.starts_with('-') && (*i == 0 || !VALUED.contains(&args[i - 1].as_str()))
        })
        .map(|(_, a)| a.clone())
        .collect()
}

fn wanted(filters: &[String], id: &str) -> bool {
    filters.is_empty() || filters.iter().any(|f| id.contains(f.as_str()))
}

/// Where a keystroke's time goes on `text`, without the protocol.
fn phases(name: &str, text: &str) {
    let mut parser = nianbao_core::syntax::parser();
    let uri = URI.parse().unwrap();
    let mut doc = Document::new(uri, 1, text.to_string(), &mut parser);
    let at = keystroke_position(text);
    let config = nianbao_core::check::Config::default();
    let mut checked =
        nianbao_core::check::check_edited(None, doc.tree().clone(), doc.text(), &config);
    let (mut apply, mut check, mut folder, mut convert, mut serialise, mut parse) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let mut bytes = 0;
    let rounds = if text.len() > 1 << 20 { 100 } else { 400 };
    for i in 0..rounds {
        let typing = i % 2 == 0;
        let end = if typing {
            at
        } else {
            Position::new(at.line, at.character + 1)
        };
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(at, end)),
            range_length: None,
            text: if typing { "1".into() } else { String::new() },
        };
        let t = Instant::now();
        doc.apply_changes(i + 2, &[change], Encoding::Utf16, &mut parser);
        apply.push(t.elapsed());
        let t = Instant::now();
        checked = nianbao_core::check::check_edited(
            Some(checked),
            doc.tree().clone(),
            doc.text(),
            &config,
        );
        check.push(t.elapsed());
        // The server's steps after the check: the rules across the folder's
        // reports merged in, the findings as LSP diagnostics, the JSON sent;
        // then the client's parse of it.
        let t = Instant::now();
        let member = nianbao_core::workspace::Member {
            path: std::path::Path::new("/nonexistent/bench/report.nianbao"),
            text: doc.text(),
            checked: &checked,
            config: Some(&config),
        };
        let merged = nianbao_core::workspace::folder_pass_among(&[member], &[]);
        folder.push(t.elapsed());
        let t = Instant::now();
        let support = Default::default();
        let lsp: Vec<_> = merged[0]
            .iter()
            .map(|d| nianbao_lsp::diagnostics::to_lsp(&doc, d, Encoding::Utf16, &support))
            .collect();
        convert.push(t.elapsed());
        let t = Instant::now();
        let json = serde_json::to_string(&lsp).unwrap();
        serialise.push(t.elapsed());
        let t = Instant::now();
        let _: Value = serde_json::from_str(&json).unwrap();
        parse.push(t.elapsed());
        bytes = json.len();
    }
    // A check from scratch, and inside it: the model, binding the tables to
    // the standard ones (`Context::new`), the rules.
    let (mut full, mut build, mut bind, mut rules) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..10 {
        let t = Instant::now();
        let _ = nianbao_core::check::check_tree(doc.tree().clone(), doc.text(), &config);
        full.push(t.elapsed());
        let t = Instant::now();
        let report = nianbao_core::model::build(doc.tree(), doc.text());
        build.push(t.elapsed());
        let t = Instant::now();
        let cx = nianbao_core::semantic::Context::new(doc.text(), &report);
        bind.push(t.elapsed());
        let t = Instant::now();
        let mut out = Vec::new();
        nianbao_core::rules::run_all(&cx, &mut out);
        rules.push(t.elapsed());
    }
    for (what, mut v) in [
        ("rope + Tree::edit + reparse + line index", apply),
        ("engine, incremental (check_edited)", check),
        ("engine, from scratch (check_tree)", full),
        ("  of which model::build", build),
        ("  of which Context::new (binding tables)", bind),
        ("  of which rules::run_all", rules),
        ("folder pass (folder_pass_among)", folder),
        ("diagnostics → LSP (to_lsp)", convert),
        ("LSP diagnostics → JSON text", serialise),
        ("client: JSON text → Value", parse),
    ] {
        v.sort();
        println!(
            "phase {name}: {what}: p50={} p95={} p99={}",
            ms(percentile(&v, 0.5)),
            ms(percentile(&v, 0.95)),
            ms(percentile(&v, 0.99))
        );
    }
    println!("phase {name}: JSON of the diagnostics: {bytes} bytes");
}

fn main() {
    nianbao::use_mimalloc_in_tree_sitter();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let typical = typical();
    let big = big(2 * 1024 * 1024);
    let filters = filters();

    // Memory first, before anything else has grown the heap.
    let before = vm_rss_kib();
    if wanted(&filters, "lsp/memory") {
        memory(&rt, before);
    }
    let mut criterion = Criterion::default().configure_from_args();

    for (name, text, samples) in [("typical", &typical, 400usize), ("2mb", &big, 200)] {
        let id = |group: &str| format!("lsp/{group}/{name}");
        let groups = [
            "keystroke_to_diagnostics",
            "keystroke_taken_check_deferred",
            "completion",
            "completion_line_start",
            "hover_article",
            "hover_total",
        ];
        if !groups.iter().any(|g| wanted(&filters, &id(g))) {
            continue;
        }
        report(&rt, &mut criterion, &filters, name, text, samples);
    }
    criterion.final_summary();
}

/// Resident memory with 100 reports open (the five examples in turn).
fn memory(rt: &tokio::runtime::Runtime, before: Option<u64>) {
    let variants: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    rt.block_on(async {
        let mut c = TestClient::start();
        c.initialize(init_params()).await;
        for i in 0..100 {
            let uri = format!("file:///nonexistent/bench/memory/{i}.nianbao");
            c.open(&uri, &variants[i % variants.len()]).await;
            let _ = c.diagnostics(&uri).await;
        }
        if let (Some(a), Some(b)) = (before, vm_rss_kib()) {
            let total: usize = (0..100).map(|i| variants[i % variants.len()].len()).sum();
            println!(
                "memory: 100 open reports ({} KiB of text): VmRSS {} KiB → {} KiB (+{} KiB, {} KiB per report)",
                total / 1024,
                a,
                b,
                b.saturating_sub(a),
                b.saturating_sub(a) / 100
            );
        }
        assert!(c.shutdown().await);
    });
}

/// The measurements on one report: keystrokes (checked at once, and the
/// server's default for a slow report), completion and hover.
fn report(
    rt: &tokio::runtime::Runtime,
    criterion: &mut Criterion,
    filters: &[String],
    name: &str,
    text: &str,
    samples: usize,
) {
    let id = |group: &str| format!("lsp/{group}/{name}");
    println!("{name}: {} bytes", text.len());
    let mut c = rt.block_on(opened(text, true));
    let mut typist = Typist {
        at: keystroke_position(text),
        version: 1,
    };
    if wanted(filters, &id("keystroke_to_diagnostics")) {
        let mut group = criterion.benchmark_group("lsp/keystroke_to_diagnostics");
        if name == "2mb" {
            group
                .sample_size(10)
                .warm_up_time(Duration::from_secs(1))
                .measurement_time(Duration::from_secs(20));
        }
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        total += typist.keystroke(&mut c).await;
                    }
                    total
                })
            })
        });
        group.finish();
        let (times, cpu) = rt.block_on(async {
            let (mut v, mut cpu) = (Vec::new(), Vec::new());
            for _ in 0..samples {
                let before = thread_cpu();
                v.push(typist.keystroke(&mut c).await);
                cpu.push(thread_cpu().saturating_sub(before));
            }
            (v, cpu)
        });
        report_percentiles(&format!("keystroke→diagnostics {name}"), times);
        report_percentiles(&format!("keystroke→diagnostics {name}, CPU"), cpu);
        phases(name, text);
    }
    if name == "2mb" && wanted(filters, &id("keystroke_taken_check_deferred")) {
        // The server's default for such a document: the check waits for
        // typing to pause; what a keystroke costs meanwhile.
        let mut d = rt.block_on(opened(text, false));
        let mut typist = Typist {
            at: keystroke_position(text),
            version: 1,
        };
        let mut group = criterion.benchmark_group("lsp/keystroke_taken_check_deferred");
        group.sample_size(20);
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        total += typist.keystroke_taken(&mut d).await;
                    }
                    total
                })
            })
        });
        group.finish();
        let times = rt.block_on(async {
            let mut v = Vec::new();
            for _ in 0..200 {
                v.push(typist.keystroke_taken(&mut d).await);
            }
            v
        });
        report_percentiles(&format!("keystroke taken (check deferred) {name}"), times);
        let pause = rt.block_on(async {
            let started = Instant::now();
            let version = typist.version;
            loop {
                let p = d.diagnostics(URI).await;
                if p["version"] == version {
                    break started.elapsed();
                }
            }
        });
        println!(
            "deferred check after the last keystroke {name}: diagnostics after {}",
            ms(pause)
        );
        rt.block_on(async { assert!(d.shutdown().await) });
    }

    // Completion in 表三's first column and hover on an article
    // reference and on a total.
    let row = keystroke_position(text).line;
    let completion =
        json!({ "textDocument": { "uri": URI }, "position": { "line": row, "character": 2 } });
    let row_text = text.lines().nth(row as usize).unwrap();
    let total_at = row_text.trim_end().trim_end_matches('|').trim_end().len() - 1;
    let total_column = row_text[..total_at].encode_utf16().count();
    let hover_total = json!({ "textDocument": { "uri": URI }, "position": { "line": row, "character": total_column } });
    let article_line = text[..text.find("| 第二十条第(五)项").unwrap()]
        .matches('\n')
        .count();
    let hover_article = json!({ "textDocument": { "uri": URI }, "position": { "line": article_line, "character": 4 } });
    // A blank line under a heading: the missing headings and the whole
    // standard tables (each laid out by the formatter).
    let heading = "# 三、收到和处理政府信息公开申请情况\n";
    let hits: Vec<usize> = text.match_indices(heading).map(|(i, _)| i).collect();
    let blank_line = text[..hits[hits.len() / 2] + heading.len()]
        .matches('\n')
        .count();
    let completion_line_start = json!({ "textDocument": { "uri": URI }, "position": { "line": blank_line, "character": 0 } });
    for (what, method, params) in [
        ("completion", "textDocument/completion", &completion),
        (
            "completion_line_start",
            "textDocument/completion",
            &completion_line_start,
        ),
        ("hover_article", "textDocument/hover", &hover_article),
        ("hover_total", "textDocument/hover", &hover_total),
    ] {
        if !wanted(filters, &id(what)) {
            continue;
        }
        let mut group = criterion.benchmark_group(format!("lsp/{what}"));
        if name == "2mb" {
            group.sample_size(20);
        }
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let started = Instant::now();
                    for _ in 0..iters {
                        c.request(method, params.clone()).await.unwrap();
                    }
                    started.elapsed()
                })
            })
        });
        group.finish();
        let times = rt.block_on(async {
            let mut v = Vec::new();
            for _ in 0..200 {
                let t = Instant::now();
                c.request(method, params.clone()).await.unwrap();
                v.push(t.elapsed());
            }
            v
        });
        report_percentiles(&format!("{what} {name}"), times);
    }
    rt.block_on(async { assert!(c.shutdown().await) });
}
