//! Writes the shell completions and man pages at build time, from the same clap tree as the program
//! (`src/cli/args.rs` and `src/cli/check_args.rs` are compiled into this script too):
//!
//! - `$OUT_DIR/completions/`: `nianbao.bash`, `_nianbao` (zsh), `nianbao.fish`, `_nianbao.ps1`;
//! - `$OUT_DIR/man/`: `nianbao.1` and a page per command (`nianbao-check.1`, …).
//!
//! The program knows where (`NIANBAO_GENERATED_DIR`, used by the tests that compare them with
//! `nianbao completions` and `nianbao man`). With `NIANBAO_GEN_DIR=DIR` set at build time they are
//! also copied to `DIR/completions/` and `DIR/man/` (for packagers).

use std::path::{Path, PathBuf};

#[path = "src/cli/args.rs"]
#[allow(dead_code)]
mod args;
#[path = "src/cli/check_args.rs"]
#[allow(dead_code)]
mod check_args;

/// `--max-size`'s parser, never run here (the tree is only described).
fn parse_size(_: &str) -> Result<u64, String> {
    Err(String::new())
}

/// The file each shell's completion script is written to.
const COMPLETIONS: &[(args::Shell, &str)] = &[
    (args::Shell::Bash, "nianbao.bash"),
    (args::Shell::Zsh, "_nianbao"),
    (args::Shell::Fish, "nianbao.fish"),
    (args::Shell::Powershell, "_nianbao.ps1"),
];

fn write_all(dir: &Path) -> std::io::Result<()> {
    let completions = dir.join("completions");
    std::fs::create_dir_all(&completions)?;
    for (shell, name) in COMPLETIONS {
        let mut script = Vec::new();
        args::completions(*shell, &mut script);
        std::fs::write(completions.join(name), script)?;
    }
    args::man_pages(Some(&dir.join("man")))?;
    Ok(())
}

fn main() {
    for file in ["build.rs", "src/cli/args.rs", "src/cli/check_args.rs"] {
        println!("cargo:rerun-if-changed={file}");
    }
    println!("cargo:rerun-if-env-changed=NIANBAO_GEN_DIR");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_all(&out).expect("writing completions and man pages into OUT_DIR");
    println!("cargo:rustc-env=NIANBAO_GENERATED_DIR={}", out.display());
    if let Some(dir) = std::env::var_os("NIANBAO_GEN_DIR") {
        write_all(Path::new(&dir)).expect("writing completions and man pages into NIANBAO_GEN_DIR");
    }
}
