//! What both front ends (the CLI and the language server) do with files on
//! disk: reading a report (size limit, UTF-8), walking folders, the
//! per-folder `nianbao.toml`, the reports next to an open one, and the folder
//! pass (rules across the reports of a folder merged into each report's own
//! diagnostics). No terminal, no LSP: errors are returned, the front ends
//! show them.

mod configs;
mod disk;
mod folder;
mod paths;
mod pipeline;
mod read;
mod walk;
mod write;

pub use configs::ConfigCache;
pub use disk::{DiskCache, DiskReport, Plan};
pub use folder::{folder_pass, folder_pass_among, Member, Neighbour};
pub use paths::Paths;
pub use pipeline::{
    check_files, check_files_with, default_jobs, for_each_ordered, load_markup, parallel_map, Load,
    Outcome, Retained,
};
pub use read::{
    check_size, describe_size, forget_configured_limits, max_bytes, max_bytes_for,
    max_bytes_from_env, parse_size, read_bytes, read_report, set_max_bytes, ReadError, SizeError,
    DEFAULT_MAX_BYTES, MAX_BYTES, MAX_SIZE_ENV,
};
pub use walk::{
    expand, expand_with, follow_symlinks, is_report, list_dir, set_follow_symlinks, walk, Walked,
};
pub use write::write_atomic;
