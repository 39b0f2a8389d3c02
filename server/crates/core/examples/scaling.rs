//! `cargo run --release -p nianbao-core --example scaling [DIMENSION]`: the
//! time to check each pathological input at ×1, ×2, ×4, ×8 and the time per
//! byte (quick figures; the criterion bench `scaling` measures properly).

#[path = "../benches/scaling_inputs.rs"]
mod scaling_inputs;

use nianbao_core::check::{check_text, Config};

fn main() {
    let only = std::env::args().nth(1);
    for (name, make) in scaling_inputs::DIMENSIONS {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        print!("{name}:");
        let mut first = None;
        for k in [1, 2, 4, 8] {
            let text = make(k);
            let started = std::time::Instant::now();
            let checked = check_text(&text, &Config::default());
            let t = started.elapsed();
            std::hint::black_box(checked);
            let per_byte = t.as_nanos() as f64 / text.len() as f64;
            let ratio = per_byte / *first.get_or_insert(per_byte);
            print!(
                "  ×{k} {} KB {:.3} s ({per_byte:.0} ns/B, ×{ratio:.2})",
                text.len() / 1024,
                t.as_secs_f64()
            );
            std::io::Write::flush(&mut std::io::stdout()).ok();
        }
        println!();
    }
}
