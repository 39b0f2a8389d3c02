//! `nianbao import FILE… [-o DIR]`: published report text, saved HTML pages, Word (DOCX) and PDF documents →
//! `.nianbao`. Legacy `.doc`/`.wps` files found in folders are taken too, so that they are reported (refused
//! with what to do) rather than skipped silently.
//!
//! One file without `-o` is written to standard output; otherwise each output goes into `DIR` (keeping the
//! layout of folders given on the command line) or, without `-o`, next to its input. A report on standard
//! error ends with every figure of a report body that did not reach the output, with its line; `--strict` makes
//! that an error (exit 1). Exit 2 on I/O errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use nianbao_core::workspace::ReadError;
use nianbao_import::{self as import, Imported, Options};

use super::error::CliError;
use super::output::Progress;

/// Extensions of the files taken from folders.
pub(crate) const EXTENSIONS: [&str; 11] = [
    "txt", "text", "htm", "html", "shtml", "xhtml", "xml", "docx", "pdf", "doc", "wps",
];

pub struct Args {
    pub inputs: Vec<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub strict: bool,
    pub force: bool,
    pub verbose: bool,
}

/// An input file and where its output goes (`None`: standard output).
struct Job {
    input: PathBuf,
    output: Option<PathBuf>,
}

fn jobs(args: &Args) -> Result<Vec<Job>, CliError> {
    let mut jobs = Vec::new();
    let single = args.inputs.len() == 1 && !args.inputs[0].is_dir();
    let follow = nianbao_core::workspace::follow_symlinks();
    // The same file named twice (or reached through a link) is imported once.
    let mut seen = std::collections::HashSet::new();
    let mut once = |path: &Path| seen.insert(std::fs::canonicalize(path).unwrap_or(path.into()));
    for input in &args.inputs {
        if input.as_os_str() == "-" {
            jobs.push(Job {
                input: input.clone(),
                output: args.out_dir.as_ref().map(|d| d.join("stdin.nianbao")),
            });
            continue;
        }
        if input.is_dir() {
            let walked = nianbao_core::workspace::expand_with(
                std::slice::from_ref(input),
                &importable,
                follow,
            )
            .map_err(|source| CliError::Folder {
                path: input.clone(),
                source,
            })?;
            for note in &walked.notes {
                eprintln!("注意：{note}");
            }
            for file in walked.files.iter() {
                if !once(&file) {
                    continue;
                }
                let rel = file.strip_prefix(input).unwrap_or(&file).to_path_buf();
                let output = match &args.out_dir {
                    Some(dir) => dir.join(rel).with_extension("nianbao"),
                    None => file.with_extension("nianbao"),
                };
                jobs.push(Job {
                    input: file,
                    output: Some(output),
                });
            }
        } else if input.exists() {
            if !once(input) {
                continue;
            }
            let output = match &args.out_dir {
                Some(dir) => Some(
                    dir.join(input.file_name().unwrap_or(input.as_os_str()))
                        .with_extension("nianbao"),
                ),
                None if single => None,
                None => Some(input.with_extension("nianbao")),
            };
            jobs.push(Job {
                input: input.clone(),
                output,
            });
        } else {
            return Err(CliError::NotFound(input.clone()));
        }
    }
    refuse_collisions(&jobs)?;
    Ok(jobs)
}

/// Two inputs whose outputs would be the same file: refused before anything
/// is written, naming both, so that no report silently replaces another.
fn refuse_collisions(jobs: &[Job]) -> Result<(), CliError> {
    let mut by_output: std::collections::HashMap<String, (&Path, &Path)> = Default::default();
    for job in jobs {
        let Some(output) = &job.output else { continue };
        // The same file whatever the spelling (`OUT/x`, `OUT/./x`), and whatever the case: on a file
        // system that ignores case (macOS, Windows) `A.nianbao` and `a.nianbao` are one file.
        let key: PathBuf = output.components().collect();
        let key = key.to_string_lossy().to_lowercase();
        if let Some((first, first_output)) = by_output.insert(key, (&job.input, output)) {
            let names = if first_output == output.as_path() {
                output.display().to_string()
            } else {
                format!(
                    "{} 和 {}（只有大小写不同，在不区分大小写的文件系统上是同一个文件）",
                    first_output.display(),
                    output.display()
                )
            };
            return Err(CliError::SameOutput {
                first: display(first),
                second: display(&job.input),
                output: names,
            });
        }
    }
    Ok(())
}

/// Whether a file is something `import` reads (by its extension).
fn importable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

pub(crate) fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    nianbao_core::workspace::read_bytes(path)
}

fn display(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// One line about a file: what was found and where it went.
fn summary(job: &Job, result: &Imported) -> String {
    let dest = job
        .output
        .as_deref()
        .map_or("标准输出".to_string(), |p| p.display().to_string());
    let mut what = Vec::new();
    if let Some(kind) = result.document {
        what.push(kind.describe().to_string());
    }
    what.push(match result.meta.year {
        Some(y) => format!("{y}年度"),
        None => "年度不明".to_string(),
    });
    if let Some(f) = result.meta.format {
        what.push(f.describe().to_string());
    }
    what.push(if result.tables.is_empty() {
        "未识别出标准表格".to_string()
    } else {
        format!("标准表格 {} 张", result.tables.len())
    });
    let lost = result.losses.len();
    what.push(if lost == 0 {
        format!("正文数字 {} 个全部写入", result.figures)
    } else {
        format!("正文数字 {} 个，其中 {lost} 个未写入", result.figures)
    });
    let noise: usize = result.dropped.iter().map(|d| d.figures.len()).sum();
    if noise > 0 {
        what.push(format!("页面噪声中的数字 {noise} 个已丢弃"));
    }
    let unread = result
        .dropped
        .iter()
        .filter(|d| d.figures.is_empty() && d.page.is_some())
        .count();
    if unread > 0 {
        what.push(format!("{unread} 页未能读取（见 -v）"));
    }
    format!("{} → {dest}：{}", display(&job.input), what.join("，"))
}

fn details(result: &Imported) -> String {
    let mut out = String::new();
    if !result.tables.is_empty() {
        out.push_str(&format!("  表格：{}\n", result.tables.join("、")));
    }
    for note in &result.notes {
        out.push_str(&format!("  {note}\n"));
    }
    out.push_str(&dropped(result));
    out
}

/// Every line dropped as page chrome, with its figures and why: shown without `-v` too, so that a reviewer
/// sees at a glance which figures did not reach the markup.
fn dropped(result: &Imported) -> String {
    let mut out = String::new();
    for d in &result.dropped {
        out.push_str(&format!(
            "  {}，{}：{}（{}）\n",
            d.place(),
            d.describe(),
            d.figures.join(" "),
            d.text
        ));
    }
    out
}

pub fn run(args: &Args) -> ExitCode {
    let jobs = match jobs(args) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    if jobs.is_empty() {
        eprintln!("错误：没有可导入的文件（目录中只取 .txt、.html、.htm、.docx、.pdf 等文件）");
        return ExitCode::from(2);
    }
    let progress = Progress::new(jobs.len() as u64, "导入");
    let mut io_error = false;
    let mut losses: Vec<(String, import::Loss)> = Vec::new();
    let mut written = 0usize;
    // Read and convert on all cores (`NIANBAO_JOBS`); write in order, one file at a time, as soon as it and
    // every file before it are converted.
    let convert = |i: usize| -> Result<Imported, CliError> {
        let job = &jobs[i];
        let bytes = read(&job.input)?;
        let name = job
            .input
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .filter(|_| job.input.as_os_str() != "-");
        import::import_document(
            &bytes,
            &Options {
                source_name: name,
                html: None,
            },
        )
        .map_err(|source| CliError::Import {
            input: display(&job.input),
            source,
        })
    };
    let write = |job: &Job, result: &Imported| -> Result<(), CliError> {
        match &job.output {
            None => {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(result.markup.as_bytes())
                    .map_err(CliError::Stdout)?;
            }
            Some(path) => {
                if path.exists() && !args.force {
                    return Err(CliError::Exists(path.clone()));
                }
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|source| CliError::CreateDir {
                        path: parent.to_path_buf(),
                        source,
                    })?;
                }
                nianbao_core::workspace::write_atomic(path, result.markup.as_bytes()).map_err(
                    |source| CliError::Write {
                        path: path.clone(),
                        source,
                    },
                )?;
            }
        }
        Ok(())
    };
    let threads = nianbao_core::workspace::default_jobs();
    nianbao_core::workspace::for_each_ordered(jobs.len(), threads, convert, |i, result| {
        let job = &jobs[i];
        progress.set_message(display(&job.input));
        match result.and_then(|r| write(job, &r).map(|()| r)) {
            Ok(result) => {
                written += 1;
                let mut text = summary(job, &result);
                text.push('\n');
                if args.verbose {
                    text.push_str(&details(&result));
                } else {
                    text.push_str(&dropped(&result));
                }
                progress.println(text.trim_end());
                losses.extend(result.losses.into_iter().map(|l| (display(&job.input), l)));
            }
            Err(e) => {
                progress.println(&format!("错误：{e}"));
                io_error = true;
            }
        }
        progress.inc();
    });
    progress.finish();
    let files_with_losses = {
        let mut names: Vec<&String> = losses.iter().map(|(p, _)| p).collect();
        names.dedup();
        names.len()
    };
    if jobs.len() > 1 {
        eprintln!(
            "导入了 {written} 个文件（共 {} 个）{}",
            jobs.len(),
            if losses.is_empty() {
                "，正文中的数字全部写入".to_string()
            } else {
                format!(
                    "，{files_with_losses} 个文件共有 {} 个数字未写入",
                    losses.len()
                )
            }
        );
    }
    if !losses.is_empty() {
        eprintln!("未写入输出的正文数字：");
        for (path, l) in &losses {
            eprintln!("{path}:{}: {}（{}）", l.line, l.figure, l.context);
        }
    }
    if io_error {
        ExitCode::from(2)
    } else if args.strict && !losses.is_empty() {
        eprintln!("错误：--strict：有正文数字未写入输出");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
