//! What both front ends (CLI and language server) do with files on disk.

pub mod read;

pub use read::{read_report, MAX_BYTES};
