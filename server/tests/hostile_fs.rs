//! Hostile file systems and inputs, through the binary: links that loop,
//! lead out of the folder named or name one file twice; outputs that would
//! replace one another; atomic writes that keep permissions; one size limit
//! for every command. See docs/reliability.md.

mod support;

use support::{command, nianbao, nianbao_env, root, scratch, stderr, stdout};

fn example() -> String {
    std::fs::read_to_string(root().join("examples/suizhong-2023.nianbao")).unwrap()
}

/// The example with its tables out of alignment (`fmt` changes it).
fn unformatted() -> String {
    example()
        .lines()
        .map(|l| {
            if l.starts_with('|') {
                l.replacen("| ", "|    ", 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The files `nianbao parse` went through (it prints each one's path).
fn parsed(args: &[&str]) -> Vec<String> {
    let o = nianbao(&[&["parse"], args].concat());
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .filter(|l| l.ends_with(".nianbao"))
        .map(str::to_string)
        .collect()
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_folder_linking_to_itself_is_walked_once() {
        let dir = scratch("self-loop");
        std::fs::write(dir.join("a.nianbao"), example()).unwrap();
        symlink(".", dir.join("loop")).unwrap();
        symlink(&dir, dir.join("abs-loop")).unwrap();
        let d = dir.to_str().unwrap();
        assert_eq!(parsed(&[d]).len(), 1);
        // Followed on request: the loop is found, the file still once.
        let o = nianbao(&["parse", "--follow-symlinks", d]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let files = stdout(&o)
            .lines()
            .filter(|l| l.ends_with(".nianbao"))
            .count();
        assert_eq!(files, 1);
        assert!(stderr(&o).contains("循环"), "{}", stderr(&o));
        let o = nianbao(&["check", "--follow-symlinks", "--format", "json", d]);
        assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
        assert!(stdout(&o).contains("\"files\": 1,"), "{}", stdout(&o));
    }

    #[test]
    fn two_links_to_one_file_give_it_once() {
        let dir = scratch("two-links");
        std::fs::write(dir.join("a.nianbao"), example()).unwrap();
        symlink("a.nianbao", dir.join("b.nianbao")).unwrap();
        std::fs::hard_link(dir.join("a.nianbao"), dir.join("c.nianbao")).unwrap();
        std::fs::create_dir(dir.join("sub")).unwrap();
        symlink("../a.nianbao", dir.join("sub/d.nianbao")).unwrap();
        let d = dir.to_str().unwrap();
        assert_eq!(parsed(&[d]), vec![format!("{d}/a.nianbao")]);
        // The same file named twice, and inside a folder named too.
        let a = format!("{d}/a.nianbao");
        assert_eq!(parsed(&[&a, &a, d]).len(), 1);
    }

    #[test]
    fn fmt_never_writes_outside_the_folder_named() {
        let base = scratch("escape");
        let root = base.join("root");
        let outside = base.join("outside");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("x.nianbao"), unformatted()).unwrap();
        symlink(outside.join("x.nianbao"), root.join("link.nianbao")).unwrap();
        symlink(&outside, root.join("dir")).unwrap();
        std::fs::write(root.join("own.nianbao"), unformatted()).unwrap();
        for follow in [false, true] {
            let mut args = vec!["fmt", root.to_str().unwrap()];
            if follow {
                args.push("--follow-symlinks");
            }
            let o = nianbao(&args);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            assert_eq!(
                std::fs::read_to_string(outside.join("x.nianbao")).unwrap(),
                unformatted(),
                "follow {follow}: a file outside the root was rewritten"
            );
            assert!(stderr(&o).contains("跳过"), "{}", stderr(&o));
        }
        assert_ne!(
            std::fs::read_to_string(root.join("own.nianbao")).unwrap(),
            unformatted()
        );
        // The links are still links.
        assert!(std::fs::symlink_metadata(root.join("link.nianbao"))
            .unwrap()
            .file_type()
            .is_symlink());
        // Named directly, the link's file is the user's choice.
        let o = nianbao(&["fmt", root.join("link.nianbao").to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_ne!(
            std::fs::read_to_string(outside.join("x.nianbao")).unwrap(),
            unformatted()
        );
    }

    #[test]
    fn writes_are_atomic_and_keep_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("perms");
        let file = dir.join("a.nianbao");
        std::fs::write(&file, unformatted()).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let o = nianbao(&["fmt", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o640
        );
        let html = dir.join("a.html");
        std::fs::write(&html, "old").unwrap();
        std::fs::set_permissions(&html, std::fs::Permissions::from_mode(0o600)).unwrap();
        let o = nianbao(&[
            "render",
            file.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(std::fs::read_to_string(&html).unwrap().contains("<html"));
        assert_eq!(
            std::fs::metadata(&html).unwrap().permissions().mode() & 0o777,
            0o600
        );
        // No temporary file left behind.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
    }
}

#[test]
fn import_refuses_two_inputs_with_one_output() {
    let dir = scratch("same-name");
    for d in ["a", "b"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
        std::fs::write(
            dir.join(d).join("same.txt"),
            format!("{d} 县2023年政府信息公开工作年度报告\n一、总体情况\n"),
        )
        .unwrap();
    }
    let out = dir.join("OUT");
    let (a, b) = (dir.join("a/same.txt"), dir.join("b/same.txt"));
    for force in [false, true] {
        let mut args = vec![
            "import",
            "-o",
            out.to_str().unwrap(),
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        let o = nianbao(&args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(a.to_str().unwrap()) && err.contains(b.to_str().unwrap()),
            "{err}"
        );
        assert!(!out.join("same.nianbao").exists());
    }
    // Next to their inputs (no -o): a.txt and a.html would both be a.nianbao.
    std::fs::write(dir.join("a/same.html"), "<p>x</p>").unwrap();
    let o = nianbao(&[
        "import",
        dir.join("a/same.txt").to_str().unwrap(),
        dir.join("a/same.html").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!dir.join("a/same.nianbao").exists());
    // The same input named twice is imported once, not refused.
    let o = nianbao(&[
        "import",
        "-o",
        out.to_str().unwrap(),
        a.to_str().unwrap(),
        a.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("same.nianbao").exists());
    // Names that differ only in case are one file on macOS and Windows: refused too.
    std::fs::write(
        dir.join("b/SAME.TXT"),
        "b 县2023年政府信息公开工作年度报告\n",
    )
    .unwrap();
    let case_out = dir.join("CASE");
    let o = nianbao(&[
        "import",
        "-o",
        case_out.to_str().unwrap(),
        a.to_str().unwrap(),
        dir.join("b/SAME.TXT").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("大小写"), "{}", stderr(&o));
    assert!(!case_out.exists() || std::fs::read_dir(&case_out).unwrap().count() == 0);
}

/// fmt and import --force never replace a read-only file (an atomic rename would bypass its permissions).
#[test]
fn read_only_files_are_not_replaced() {
    let dir = scratch("read-only");
    let path = dir.join("r.nianbao");
    let text = format!("{}\n| a | b |\n|---|---|\n| 1 | 22222 |\n", example());
    std::fs::write(&path, &text).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let o = nianbao(&["fmt", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("只读"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let txt = dir.join("r.txt");
    std::fs::write(&txt, "某县2023年政府信息公开工作年度报告\n一、总体情况\n").unwrap();
    let o = nianbao(&[
        "import",
        "--force",
        "-o",
        dir.to_str().unwrap(),
        txt.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn one_size_limit_for_every_command() {
    let dir = scratch("limit");
    let big = dir.join("big.nianbao");
    std::fs::write(&big, example()).unwrap();
    let txt = dir.join("big.txt");
    std::fs::write(&txt, example()).unwrap();
    let len = example().len();
    assert!(len > 4096);
    let b = big.to_str().unwrap();
    let out = dir.join("out");
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", b],
        vec!["parse", b],
        vec!["fmt", b],
        vec!["fmt", "--check", b],
        vec!["render", b],
        vec!["import", "-o", out.to_str().unwrap(), txt.to_str().unwrap()],
    ];
    for command in &commands {
        let o = nianbao(&[&["--max-size", "4K"], command.as_slice()].concat());
        assert_eq!(o.status.code(), Some(2), "{command:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("大小上限 4 KB"),
            "{command:?}: {}",
            stderr(&o)
        );
        let o = nianbao_env(command, &[("NIANBAO_MAX_SIZE", "4K")]);
        assert_eq!(o.status.code(), Some(2), "{command:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("大小上限 4 KB"),
            "{command:?}: {}",
            stderr(&o)
        );
        // The default limit lets a real report through.
        let o = nianbao(command);
        assert!(
            o.status.code().is_some_and(|c| c < 2),
            "{command:?}: {}",
            stderr(&o)
        );
    }
    // Standard input too.
    let mut child = command()
        .args(["--max-size", "4K", "check", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let _ = child.stdin.take().unwrap().write_all(example().as_bytes());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("4 KB"), "{}", stderr(&o));
    // A limit that cannot be read is an error, naming where it came from.
    let o = nianbao_env(&["check", b], &[("NIANBAO_MAX_SIZE", "lots")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("NIANBAO_MAX_SIZE"), "{}", stderr(&o));
    let o = nianbao(&["--max-size", "0", "check", b]);
    assert_eq!(o.status.code(), Some(2));
}

/// `max-size` in `nianbao.toml` limits the reports of its folder and below for every command; `--max-size`
/// and `NIANBAO_MAX_SIZE` take precedence over it.
#[test]
fn the_size_limit_can_be_set_in_nianbao_toml() {
    let dir = scratch("limit-toml");
    std::fs::write(dir.join("nianbao.toml"), "max-size = \"4K\"\n").unwrap();
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    let big = sub.join("big.nianbao");
    std::fs::write(&big, example()).unwrap();
    let txt = sub.join("big.txt");
    std::fs::write(&txt, example()).unwrap();
    let html = sub.join("big.html");
    std::fs::write(
        &html,
        format!("<html><body><pre>{}</pre></body></html>", example()),
    )
    .unwrap();
    let b = big.to_str().unwrap();
    let out = dir.join("out");
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", b],
        vec!["check", sub.to_str().unwrap()],
        vec!["check", txt.to_str().unwrap()],
        vec!["parse", b],
        vec!["fmt", b],
        vec!["fmt", "--check", b],
        vec!["render", b],
        vec![
            "import",
            "--force",
            "-o",
            out.to_str().unwrap(),
            txt.to_str().unwrap(),
        ],
        vec![
            "import",
            "--force",
            "-o",
            out.to_str().unwrap(),
            html.to_str().unwrap(),
        ],
    ];
    for command in &commands {
        let o = nianbao(command);
        assert_eq!(o.status.code(), Some(2), "{command:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("大小上限 4 KB") && stderr(&o).contains("nianbao.toml"),
            "{command:?}: {}",
            stderr(&o)
        );
        let o = nianbao(&[&["--max-size", "1M"], command.as_slice()].concat());
        assert!(
            o.status.code().is_some_and(|c| c < 2),
            "{command:?}: {}",
            stderr(&o)
        );
        let o = nianbao_env(command, &[("NIANBAO_MAX_SIZE", "1M")]);
        assert!(
            o.status.code().is_some_and(|c| c < 2),
            "{command:?}: {}",
            stderr(&o)
        );
    }
    // A value that cannot be read is reported by check as an error of the configuration.
    std::fs::write(dir.join("nianbao.toml"), "max-size = \"lots\"\n").unwrap();
    let o = nianbao(&["check", b]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("max-size"), "{}", stderr(&o));
}
