//! Shared by every test that runs the `nianbao` binary (`mod support;`; the
//! `lsp_*` tests get it through `lsp_support`): the repository root, the
//! binary run there with a clean environment, its output as text, and
//! scratch folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (the parent of `server/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The binary, to run at the repository root, with none of the variables
/// that change its behaviour inherited from the test's environment (the
/// size limit, colour): a test sets those itself.
pub fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    cmd.current_dir(root())
        .env_remove("NIANBAO_MAX_SIZE")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// `nianbao ARGS…` at the repository root.
pub fn nianbao(args: &[&str]) -> Output {
    nianbao_env(args, &[])
}

/// The same with environment variables set.
pub fn nianbao_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = command();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

/// `nianbao ARGS…` in `dir` (paths in the output relative to it).
pub fn nianbao_in(dir: &Path, args: &[&str]) -> Output {
    command()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A new, empty folder for this test binary and `name` (removed first if a
/// previous run left it), under cargo's temporary directory for tests.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{}-{name}-{}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
