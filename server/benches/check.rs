//! `check` over a generated corpus of 10,000 reports, against bare tree-sitter parsing of the same bytes.
//!
//! The corpus is generated once, in memory, outside the timed part (`nianbao_generate::corpus(1, 10_000)`, the
//! corpus `nianbao generate --count 10000 --seed 1` writes). Each timed iteration goes over the whole corpus, so
//! criterion runs a few flat samples; the throughput it reports is bytes per second. After criterion, a summary
//! prints reports/s, MB/s, the check/parse ratio and where the check's time goes (parse, model, rules, finish),
//! each the best of three passes. Figures go to docs/performance.md (## 检查引擎).
//!
//! `NIANBAO_BENCH_REPORTS=N` changes the corpus size (for a quick run or a profile).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use nianbao_core::check::{check_text, Config};
use nianbao_core::semantic::Context;

fn corpus() -> Vec<String> {
    let n = std::env::var("NIANBAO_BENCH_REPORTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    nianbao_generate::corpus(1, n).map(|g| g.text).collect()
}

fn parse_all(corpus: &[String]) -> Duration {
    let mut parser = nianbao_core::syntax::parser();
    let start = Instant::now();
    for text in corpus {
        black_box(parser.parse(text, None));
    }
    start.elapsed()
}

fn check_all(corpus: &[String], config: &Config) -> Duration {
    let start = Instant::now();
    for text in corpus {
        black_box(check_text(text, config));
    }
    start.elapsed()
}

/// The check's phases, as `check_tree` runs them: (parse, model, binding tables to the standard tables, rules,
/// finish).
fn phases(corpus: &[String], config: &Config) -> [Duration; 5] {
    let mut t = [Duration::ZERO; 5];
    for text in corpus {
        let t0 = Instant::now();
        let tree = nianbao_core::syntax::parse(text);
        let t1 = Instant::now();
        let report = nianbao_core::model::build(&tree, text);
        let t2 = Instant::now();
        let cx = Context::new(text, &report);
        let t3 = Instant::now();
        let mut diagnostics = Vec::new();
        nianbao_core::rules::run_all(&cx, &mut diagnostics);
        let t4 = Instant::now();
        black_box(nianbao_core::check::finish(
            diagnostics,
            &report,
            text,
            config,
        ));
        let t5 = Instant::now();
        for (i, d) in [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4]
            .into_iter()
            .enumerate()
        {
            t[i] += d;
        }
    }
    t
}

fn best_of<T: Copy + PartialOrd>(n: usize, mut f: impl FnMut() -> T) -> T {
    let mut best = f();
    for _ in 1..n {
        let x = f();
        if x < best {
            best = x;
        }
    }
    best
}

fn bench(c: &mut Criterion) {
    let started = Instant::now();
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(String::len).sum();
    eprintln!(
        "corpus: {} reports, {:.1} MB, generated in {:.1} s",
        corpus.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let config = Config::default();

    let mut group = c.benchmark_group("corpus");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| parse_all(&corpus)).sum())
    });
    group.bench_function("check", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| check_all(&corpus, &config)).sum())
    });
    group.finish();

    let parse = best_of(3, || parse_all(&corpus)).as_secs_f64();
    let check = best_of(3, || check_all(&corpus, &config)).as_secs_f64();
    let phase = best_of(3, || phases(&corpus, &config)).map(|d| d.as_secs_f64());
    let n = corpus.len() as f64;
    let mb = bytes as f64 / 1e6;
    println!();
    println!(
        "summary ({} reports, {mb:.1} MB; best of 3 passes)",
        corpus.len()
    );
    println!(
        "  parse (tree-sitter)  {:>9.0} reports/s  {:>7.2} MB/s  {:>7.3} s",
        n / parse,
        mb / parse,
        parse
    );
    println!(
        "  check_text           {:>9.0} reports/s  {:>7.2} MB/s  {:>7.3} s",
        n / check,
        mb / check,
        check
    );
    println!("  check / parse        {:>9.2}×", check / parse);
    let total: f64 = phase.iter().sum();
    println!("  phases of check:");
    let names = [
        "parse (a new parser each report)",
        "model::build",
        "Context::new (bind tables)",
        "rules::run_all",
        "finish (levels, suppressions)",
    ];
    for (name, t) in names.iter().zip(phase) {
        println!(
            "    {name:34} {:>7.3} s  {:>5.1} %  {:>7.1} µs/report",
            t,
            100.0 * t / total,
            1e6 * t / n
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
