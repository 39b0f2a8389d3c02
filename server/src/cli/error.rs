//! What a command cannot get past, as one type: the library errors it meets
//! (`workspace::ReadError`, `check::ConfigError`) and those of the command
//! line itself. `Display` is the Chinese sentence printed after `错误：`.

use std::fmt;
use std::io;
use std::path::PathBuf;

use nianbao_core::check::ConfigError;
use nianbao_core::workspace::ReadError;
use nianbao_import::OfficeError;

#[derive(Debug)]
pub enum CliError {
    /// A path named on the command line that does not exist.
    NotFound(PathBuf),
    /// A folder named on the command line that could not be walked.
    Folder { path: PathBuf, source: io::Error },
    /// A report that could not be read.
    Read(ReadError),
    /// A `nianbao.toml` that could not be read or parsed.
    Config(ConfigError),
    /// Two inputs of `import` that would be written to the same file.
    SameOutput {
        first: String,
        second: String,
        /// The output file (both names when they differ only in case).
        output: String,
    },
    /// A document `import` cannot read (legacy, encrypted, scanned…), named as given.
    Import { input: String, source: OfficeError },
    /// An output file of `import` that is there already (without `--force`).
    Exists(PathBuf),
    /// A folder for the output that could not be created.
    CreateDir { path: PathBuf, source: io::Error },
    /// An output file that could not be written.
    Write { path: PathBuf, source: io::Error },
    /// Standard output that could not be written.
    Stdout(io::Error),
    /// `explain` with a code no rule has, and the closest code if any.
    UnknownRule {
        code: String,
        near: Option<&'static str>,
    },
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::NotFound(path) => write!(f, "找不到文件或目录：{}", path.display()),
            CliError::Folder { path, source } => {
                write!(f, "无法读取目录 {}：{source}", path.display())
            }
            CliError::Read(e) => e.fmt(f),
            CliError::Config(e) => e.fmt(f),
            CliError::SameOutput {
                first,
                second,
                output,
            } => write!(
                f,
                "{first} 和 {second} 都会导入为 {output}，后者会覆盖前者；未导入任何文件。请把它们分别导入不同的输出目录，或改名后再导入（给出它们的上级目录则保留各自的子目录）"
            ),
            CliError::Import { input, source } => write!(f, "{input}：{source}"),
            CliError::Exists(path) => write!(
                f,
                "{} 已存在，未覆盖（用 --force 覆盖，或用 -o 指定输出目录）",
                path.display()
            ),
            CliError::CreateDir { path, source } => {
                write!(f, "无法创建目录 {}：{source}", path.display())
            }
            CliError::Write { path, source } => write!(f, "无法写入 {}：{source}", path.display()),
            CliError::Stdout(e) => write!(f, "无法写出：{e}"),
            CliError::UnknownRule { code, near } => {
                write!(f, "没有代码为“{code}”的规则")?;
                if let Some(near) = near {
                    write!(f, "；是否要找 {near}？")?;
                }
                write!(f, "（nianbao rules 列出全部规则）")
            }
        }
    }
}

impl std::error::Error for CliError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CliError::Folder { source, .. }
            | CliError::CreateDir { source, .. }
            | CliError::Write { source, .. }
            | CliError::Stdout(source) => Some(source),
            CliError::Import { source, .. } => Some(source),
            CliError::Read(e) => Some(e),
            CliError::Config(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ReadError> for CliError {
    fn from(e: ReadError) -> Self {
        CliError::Read(e)
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> Self {
        CliError::Config(e)
    }
}
