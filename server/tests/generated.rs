//! The completions and man pages written by `build.rs` exist and are what the subcommands print.

use std::path::Path;
use std::process::Command;

fn generated() -> &'static Path {
    Path::new(env!("NIANBAO_GENERATED_DIR"))
}

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("run nianbao");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn completions_from_the_build_match_the_subcommand() {
    for (shell, file) in [
        ("bash", "nianbao.bash"),
        ("zsh", "_nianbao"),
        ("fish", "nianbao.fish"),
        ("powershell", "_nianbao.ps1"),
    ] {
        let built = std::fs::read(generated().join("completions").join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(built.len() > 1000, "{file} is {} bytes", built.len());
        assert!(String::from_utf8_lossy(&built).contains("check"), "{file}");
        assert_eq!(built, run(&["completions", shell]), "{shell}");
    }
}

#[test]
fn man_pages_from_the_build_match_the_subcommand() {
    let man = generated().join("man");
    let page = std::fs::read(man.join("nianbao.1")).expect("nianbao.1");
    assert_eq!(page, run(&["man"]));
    let dir = std::env::temp_dir().join(format!("nianbao-man-{}", std::process::id()));
    run(&["man", "-o", dir.to_str().expect("utf-8 path")]);
    let names = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let built = names(&man);
    assert!(built.contains(&"nianbao-check.1".to_string()), "{built:?}");
    assert_eq!(built, names(&dir));
    for name in &built {
        assert_eq!(
            std::fs::read(man.join(name)).expect("built page"),
            std::fs::read(dir.join(name)).expect("written page"),
            "{name}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
