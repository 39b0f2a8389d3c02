//! What both front ends (the CLI and the language server) do with files on
//! disk: reading a report (size limit, UTF-8), walking folders, the
//! per-folder `nianbao.toml`, the reports next to an open one, and the folder
//! pass (rules across the reports of a folder merged into each report's own
//! diagnostics). No terminal, no LSP: errors are returned, the front ends
//! show them.

mod configs;
mod disk;
mod folder;
mod read;
mod walk;

pub use configs::ConfigCache;
pub use disk::{DiskCache, DiskReport};
pub use folder::{folder_pass, Member};
pub use read::{read_report, ReadError, MAX_BYTES};
pub use walk::{expand, is_report, walk};
