//! `cargo run --release -p nianbao-core --example scaling [--rules] [DIMENSION]`: the
//! time to check each pathological input at ×1, ×2, ×4, ×8 and the time per
//! byte (quick figures; the criterion bench `scaling` measures properly).
//! The time includes the fingerprints of the findings (every `check` computes them).
//! `--rules` also prints, at each scale, the rule families that took more
//! than a tenth of the time (to find which one a slow input hits).

#[path = "../benches/scaling_inputs.rs"]
mod scaling_inputs;

use nianbao_core::check::{check_text, Config};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let by_rule = args.iter().any(|a| a == "--rules");
    let only = args.iter().find(|a| !a.starts_with("--"));
    let scales: Vec<usize> = std::env::var("SCALES")
        .ok()
        .map(|s| s.split(',').filter_map(|k| k.parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 2, 4, 8]);
    for (name, make) in scaling_inputs::DIMENSIONS {
        if only.is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        print!("{name}:");
        let mut first = None;
        for &k in &scales {
            let text = make(k);
            let started = std::time::Instant::now();
            let checked = check_text(&text, &Config::default());
            let prints = nianbao_core::fingerprint::fingerprints(&text, &checked.diagnostics);
            let t = started.elapsed();
            std::hint::black_box(prints);
            std::hint::black_box(checked);
            let per_byte = t.as_nanos() as f64 / text.len() as f64;
            let ratio = per_byte / *first.get_or_insert(per_byte);
            print!(
                "  ×{k} {} KB {:.3} s ({per_byte:.0} ns/B, ×{ratio:.2})",
                text.len() / 1024,
                t.as_secs_f64()
            );
            if by_rule {
                let tree = nianbao_core::syntax::parse(&text);
                let report = nianbao_core::model::build(&tree, &text);
                let cx = nianbao_core::semantic::Context::new(&text, &report);
                let mut out = Vec::new();
                let times = nianbao_core::rules::run_all_timed(&cx, &mut out);
                let total: f64 = times.iter().map(|(_, t)| t.as_secs_f64()).sum();
                let slow: Vec<String> = times
                    .iter()
                    .filter(|(_, t)| t.as_secs_f64() > total / 10.0)
                    .map(|(n, t)| format!("{n} {:.3} s", t.as_secs_f64()))
                    .collect();
                print!(" [{}]", slow.join(", "));
            }
            std::io::Write::flush(&mut std::io::stdout()).ok();
        }
        println!();
    }
}
