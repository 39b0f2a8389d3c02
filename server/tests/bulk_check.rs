//! The streaming bulk check (`workspace::check_files`, behind `nianbao check`):
//! the same diagnostics as checking every report and running the folder
//! pass over all of them at once, whatever the number of threads and
//! whatever the order of the files; files handed back in order; memory that
//! does not grow with the number of reports (nor with the number of files
//! listed); the walk's order and choice of files as a walk sorted in every
//! folder gives them.

use std::path::{Path, PathBuf};

use nianbao_core::check::check_text;
use nianbao_core::diagnostic::Diagnostic;
use nianbao_core::workspace::{self, folder_pass, Member, Outcome, Paths, Retained};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-bulk-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Everything at once, as `nianbao check` did before it streamed.
fn all_at_once(files: &[PathBuf]) -> Vec<Option<Vec<Diagnostic>>> {
    let mut configs = workspace::ConfigCache::default();
    let mut read = Vec::new();
    for path in files {
        if let Ok(text) = workspace::read_report(path) {
            let config = configs.for_file(path).expect("valid nianbao.toml");
            let checked = check_text(&text, &config);
            read.push((path, text, checked, config));
        }
    }
    let members: Vec<Member> = read
        .iter()
        .map(|(path, text, checked, config)| Member {
            path,
            text,
            checked,
            config: Some(config),
        })
        .collect();
    let mut merged = folder_pass(&members).into_iter();
    files
        .iter()
        .map(|path| {
            if read.iter().any(|(p, ..)| *p == path) {
                merged.next().expect("one per member")
            } else {
                None
            }
        })
        .collect()
}

fn streamed(files: &[PathBuf], jobs: usize) -> (Vec<Option<Vec<Diagnostic>>>, Retained) {
    // The paths on disk after the first 64 bytes, as with many files.
    let mut table = Paths::with_limit(64);
    for path in files {
        table.push(path);
    }
    assert!(table.spilled());
    let mut out = Vec::new();
    let retained = workspace::check_files(&table, jobs, |i, path, outcome| {
        assert_eq!(i, out.len(), "handed back in order");
        assert_eq!(path, files[i]);
        out.push(match outcome {
            Outcome::Checked { diagnostics, .. } => Some(diagnostics),
            Outcome::Unreadable(_) | Outcome::Skipped(_) => None,
        });
    })
    .expect("valid configuration");
    (out, retained)
}

fn write_corpus(dir: &Path, seed: u64, count: usize, reversed: bool) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("mkdir");
    let reports: Vec<_> = nianbao_generate::corpus(seed, count).collect();
    for (i, r) in reports.iter().enumerate() {
        // Reversed: a report's previous year comes after it in path order.
        let name = if reversed {
            format!("{:05}-{}", count - i, r.name)
        } else {
            r.name.clone()
        };
        std::fs::write(dir.join(name), &r.text).expect("write");
    }
    workspace::expand(&[dir.to_path_buf()]).expect("walk")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixtures") {
        let path = entry.expect("entry").path();
        let dest = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_tree(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy");
        }
    }
}

#[test]
fn streaming_equals_all_at_once_in_any_order_and_thread_count() {
    let dir = temp_dir("equal");
    let a = write_corpus(&dir.join("a"), 7, 120, false);
    write_corpus(&dir.join("b"), 8, 120, true);
    // The cross-year fixtures, in their own folders.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/rules");
    for family in [
        "carry-over",
        "in-force-continuity",
        "narrative-copied",
        "hierarchy-sum",
        "hierarchy-missing",
    ] {
        copy_tree(&fixtures.join(family), &dir.join(family));
    }
    // An aggregate first in its folder, its subordinates after it; one of
    // them unforeseen (a byte-order mark) and one far behind.
    let county = fixtures.join("hierarchy-sum/county");
    let far = dir.join("far");
    std::fs::create_dir_all(&far).unwrap();
    for (i, entry) in std::fs::read_dir(&county).unwrap().enumerate() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (prefix, text) = if text.contains("下级") {
            ("000".to_string(), text)
        } else if i % 3 == 0 {
            ("500".to_string(), format!("\u{feff}{text}"))
        } else {
            (format!("{:03}", 900 + i), text)
        };
        std::fs::write(far.join(format!("{prefix}-{name}")), text).unwrap();
    }
    for i in 1..200 {
        std::fs::write(
            far.join(format!("{:03}-x.nianbao", i)),
            format!("---\n机关: 其他{i}镇\n年度: 2023\n---\n\n# 一、总体情况\n\n正文。\n"),
        )
        .unwrap();
    }
    // A front matter the read-ahead cannot be sure of (a byte-order mark) and
    // a file that is not UTF-8.
    let first = std::fs::read_to_string(&a[0]).unwrap();
    std::fs::write(dir.join("b/00000-bom.nianbao"), format!("\u{feff}{first}")).unwrap();
    std::fs::write(dir.join("b/99999-bom.nianbao"), format!("\u{feff}{first}")).unwrap();
    std::fs::write(dir.join("b/00000-gbk.nianbao"), [0xC4, 0xEA, 0xB6, 0xC8]).unwrap();
    // The same 机关 and 年度 twice in a folder: only the first is compared with.
    for path in a.iter().take(40) {
        let name = path.file_name().unwrap().to_string_lossy();
        std::fs::copy(path, dir.join(format!("a/zz-{name}"))).unwrap();
    }
    for path in a.iter().skip(50).take(10) {
        let name = path.file_name().unwrap().to_string_lossy();
        std::fs::copy(path, dir.join(format!("a/0-{name}"))).unwrap();
    }
    // Windows line ends, in a folder of their own.
    std::fs::create_dir_all(dir.join("crlf")).unwrap();
    for (i, path) in a.iter().enumerate().take(30) {
        let text = std::fs::read_to_string(path).unwrap().replace('\n', "\r\n");
        std::fs::write(dir.join(format!("crlf/{:03}.nianbao", 30 - i)), text).unwrap();
    }
    let files = workspace::expand(std::slice::from_ref(&dir)).unwrap();
    let expected = all_at_once(&files);
    let cross = expected
        .iter()
        .flatten()
        .flatten()
        .filter(|d| d.code == "carry-over" || d.code == "in-force-continuity")
        .count();
    assert!(cross > 0, "the test compares some reports across years");
    for code in ["hierarchy-sum", "hierarchy-missing", "narrative-copied"] {
        assert!(
            expected.iter().flatten().flatten().any(|d| d.code == code),
            "the test finds {code}"
        );
    }
    assert!(
        expected.iter().any(Option::is_none),
        "one file is unreadable"
    );
    for jobs in [1, 2, 3] {
        let (got, _) = streamed(&files, jobs);
        assert_eq!(got.len(), expected.len());
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            assert_eq!(g, e, "{} with {jobs} threads", files[i].display());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// What a bulk check keeps does not grow with the number of reports: the
/// files waiting to be handed back stay within the window, the facts kept
/// for the rules across reports stay few and small.
#[test]
fn memory_does_not_grow_with_the_number_of_reports() {
    let mut seen = Vec::new();
    for count in [100, 800] {
        let dir = temp_dir(&format!("flat-{count}"));
        let files = write_corpus(&dir, 5, count, false);
        let (got, retained) = streamed(&files, 2);
        assert_eq!(got.len(), count);
        eprintln!("{count} reports: {retained:?}");
        seen.push(retained);
        let _ = std::fs::remove_dir_all(&dir);
    }
    let (small, large) = (seen[0], seen[1]);
    // 16 files per thread may wait to be handed back.
    assert!(large.most_held <= 32, "{large:?}");
    assert!(large.most_facts <= 64, "{large:?}");
    assert!(
        large.most_facts <= small.most_facts + 32,
        "{small:?} {large:?}"
    );
    // The facts of one report: a few dozen figures and the bigrams of its
    // sections, not its text or tree.
    assert!(large.largest_facts <= 64 * 1024, "{large:?}");

    // Every 机关 and 年度 twice, the second copy far behind the first: the
    // files waiting to be handed back still stay within the window (only
    // the first of a key is ever compared with, so nothing waits for the
    // copies). The facts of the first copies are needed until their next
    // year's copies are handed back: they wait on disk, so the facts in
    // memory stay as few as with each key once.
    let dir = temp_dir("twice");
    let half = write_corpus(&dir, 5, 400, false);
    for path in &half {
        let name = path.file_name().unwrap().to_string_lossy();
        std::fs::copy(path, dir.join(format!("~{name}"))).unwrap();
    }
    let files = workspace::expand(std::slice::from_ref(&dir)).unwrap();
    let expected = all_at_once(&files);
    for jobs in [1, 2, 3] {
        let (got, retained) = streamed(&files, jobs);
        assert_eq!(got.len(), 800);
        eprintln!("800 reports, each key twice, {jobs} threads: {retained:?}");
        assert!(retained.most_held <= 16 * jobs, "{retained:?}");
        assert!(retained.spilled >= 100, "{retained:?}");
        assert!(retained.most_facts <= small.most_facts + 32, "{retained:?}");
        assert_eq!(got, expected);
    }
    let _ = std::fs::remove_dir_all(&dir);

    // Every report's previous year far behind it: the same reports again,
    // one 年度 earlier, after all of them. A report waits only for the one
    // it is compared with (checked out of turn), not for all in between;
    // the facts of those checked out of turn wait on disk for their turn.
    let dir = temp_dir("behind");
    let half = write_corpus(&dir, 5, 400, false);
    for path in &half {
        let name = path.file_name().unwrap().to_string_lossy();
        let text = std::fs::read_to_string(path).unwrap();
        let Some(line) = text.lines().find(|l| l.starts_with("年度")) else {
            continue;
        };
        let digits: String = line.chars().filter(char::is_ascii_digit).collect();
        let Ok(year) = digits.parse::<i32>() else {
            continue;
        };
        let earlier = text.replacen(line, &line.replace(&digits, &(year - 1).to_string()), 1);
        std::fs::write(dir.join(format!("~{name}")), earlier).unwrap();
    }
    let files = workspace::expand(std::slice::from_ref(&dir)).unwrap();
    let expected = all_at_once(&files);
    for jobs in [1, 2, 3] {
        let (got, retained) = streamed(&files, jobs);
        eprintln!("800 reports, previous years behind, {jobs} threads: {retained:?}");
        // A report waits for one checked within two windows of it in turn,
        // holding the files in between (the pipeline's HOLD_WINDOWS): how
        // many that is depends on how the threads are scheduled, not on the
        // number of reports.
        assert!(retained.most_held <= 2 * 16 * jobs + 1, "{retained:?}");
        assert!(retained.spilled >= 100, "{retained:?}");
        // …and the facts of those held, and of the files they wait for.
        assert!(
            retained.most_facts <= small.most_facts + 2 * 16 * jobs,
            "{retained:?}"
        );
        assert_eq!(got, expected);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The first report's previous year is the last file, far past the files
/// read ahead, and the reports in between are tiny (all done before the
/// first is looked at): the run must not wait forever.
#[test]
fn a_previous_year_past_the_window_is_fetched() {
    let dir = temp_dir("fetch");
    let report = |year: i32, organ: &str| {
        format!("---\n机关: {organ}\n年度: {year}\n---\n\n# 一、总体情况\n\n正文。\n")
    };
    std::fs::write(dir.join("000.nianbao"), report(2023, "甲县人民政府")).unwrap();
    for i in 1..99 {
        std::fs::write(
            dir.join(format!("{i:03}.nianbao")),
            report(2023, &format!("乙{i}县人民政府")),
        )
        .unwrap();
    }
    std::fs::write(dir.join("099.nianbao"), report(2022, "甲县人民政府")).unwrap();
    let files = workspace::expand(std::slice::from_ref(&dir)).unwrap();
    for jobs in [1, 2] {
        let (tx, rx) = std::sync::mpsc::channel();
        let files2 = files.clone();
        std::thread::spawn(move || {
            let _ = tx.send(streamed(&files2, jobs));
        });
        let (got, retained) = rx
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the bulk check finishes");
        assert_eq!(got.len(), 100);
        // A report waits for one checked within two windows of it in turn,
        // holding the files in between (the pipeline's HOLD_WINDOWS): how
        // many that is depends on how the threads are scheduled, not on the
        // number of reports.
        assert!(retained.most_held <= 2 * 16 * jobs + 1, "{retained:?}");
        assert_eq!(got, all_at_once(&files));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The walk sorted at the end gives what a walk sorted in every folder
/// gave: the same files in the same order (names that sort differently
/// as whole paths than name by name, nested folders), each file once (the
/// first of two hard links, a link to a file already taken), links to
/// folders followed only when asked, loops skipped with a note.
#[cfg(unix)]
#[test]
fn the_walk_orders_and_takes_files_as_a_sorted_walk() {
    let dir = temp_dir("walk");
    let write = |rel: &str| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "---\n---\n").unwrap();
    };
    for rel in [
        "a/x.nianbao",
        "a-b.nianbao",
        "a.nianbao",
        "a/b/c.nianbao",
        "a/b.nianbao",
        "B.nianbao",
        "b/a.nianbao",
        "甲/乙.nianbao",
        "z/y/x.nianbao",
        "readme.txt",
    ] {
        write(rel);
    }
    std::fs::hard_link(dir.join("z/y/x.nianbao"), dir.join("0-link.nianbao")).unwrap();
    std::os::unix::fs::symlink(dir.join("a/x.nianbao"), dir.join("b/z.nianbao")).unwrap();
    std::os::unix::fs::symlink(dir.join("a"), dir.join("c")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("a/b/up")).unwrap();
    let walk = |follow: bool| {
        workspace::expand_with(std::slice::from_ref(&dir), &workspace::is_report, follow).unwrap()
    };
    let names = |w: &workspace::Walked| -> Vec<String> {
        w.files
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
            .collect()
    };
    let plain = walk(false);
    assert_eq!(
        names(&plain),
        [
            "0-link.nianbao",
            "B.nianbao",
            "a/b/c.nianbao",
            "a/b.nianbao",
            "a/x.nianbao",
            "a-b.nianbao",
            "a.nianbao",
            "b/a.nianbao",
            "甲/乙.nianbao",
        ]
    );
    assert!(plain.notes.is_empty(), "{:?}", plain.notes);
    // Followed, the link `c` to `a` gives nothing new (each file once) and
    // the link back up is a loop, met twice (through `a` and through `c`),
    // noted in the order of the walk.
    let followed = walk(true);
    assert_eq!(names(&followed), names(&plain));
    let notes = &followed.notes;
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes.iter().all(|n| n.contains("循环")), "{notes:?}");
    assert!(
        notes[0].contains("a/b/up") && notes[1].contains("c/b/up"),
        "{notes:?}"
    );
    // Named twice, and a file inside it named again: each file once, in
    // the order named.
    let again = workspace::expand_with(
        &[dir.join("b"), dir.clone(), dir.join("a/x.nianbao")],
        &workspace::is_report,
        false,
    )
    .unwrap();
    let again = names(&again);
    assert_eq!(again[..2], ["b/a.nianbao", "b/z.nianbao"]);
    assert_eq!(again.len(), 9);
    assert!(!again.contains(&"a/x.nianbao".to_string()));
    let _ = std::fs::remove_dir_all(&dir);
}

/// What the walk hands over holds a few bytes a file, not the paths: the
/// list of 50,000 files holds no more a file than that of 5,000 (both
/// past the bytes kept in memory; the walk sorts 50,000 in runs on disk).
#[test]
fn the_files_listed_take_a_few_bytes_each() {
    let mut per_file = Vec::new();
    for count in [5_000, 50_000] {
        let dir = temp_dir(&format!("listed-{count}"));
        for i in 0..count {
            std::fs::write(dir.join(format!("{i:05}-gov2021-2022.nianbao")), "").unwrap();
        }
        let walked =
            workspace::expand_with(std::slice::from_ref(&dir), &workspace::is_report, false)
                .unwrap();
        assert_eq!(walked.files.len(), count);
        assert!(walked.files.spilled());
        assert_eq!(
            walked.files.get(count - 1),
            dir.join(format!("{:05}-gov2021-2022.nianbao", count - 1))
        );
        per_file.push(walked.files.heap_size() as f64 / count as f64);
        let _ = std::fs::remove_dir_all(&dir);
    }
    // The end of each path (4 bytes, with spare room) and the bytes not yet
    // moved to disk, not a `PathBuf` of some 90 bytes each.
    assert!(per_file[1] < 16.0, "{per_file:?}");
    assert!(per_file[1] <= per_file[0], "{per_file:?}");
}
