//! `cargo bench -p nianbao-core --bench scaling`: checking time as each
//! dimension of the input grows alone ×1, ×2, ×4, ×8 (paragraph length,
//! sentences per paragraph, numbers per sentence, table rows, table columns,
//! line length, headings, clauses of change, percent signs, parts with
//! shares, enumerations with 、, repeated 比上年), with the fingerprints of
//! the findings (every `check` computes them). Criterion reports the throughput (bytes per
//! second, the inverse of the time per byte): linear time shows as a flat
//! throughput across the four sizes. Figures in docs/reliability.md.

mod scaling_inputs;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nianbao_core::check::{check_text, Config};

fn scaling(c: &mut Criterion) {
    let config = Config::default();
    for (name, make) in scaling_inputs::DIMENSIONS {
        let mut group = c.benchmark_group(*name);
        group.sample_size(10);
        for k in [1usize, 2, 4, 8] {
            let text = make(k);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("x{k}")),
                &text,
                |b, t| {
                    b.iter(|| {
                        let checked = check_text(t, &config);
                        nianbao_core::fingerprint::fingerprints(t, &checked.diagnostics)
                    })
                },
            );
        }
        group.finish();
    }
}

criterion_group!(benches, scaling);
criterion_main!(benches);
