//! The `nianbao` program: the command-line front end over the library crates
//! (`nianbao-core`, `nianbao-import`, `nianbao-render`, `nianbao-lsp`; see `docs/architecture.md`).

pub mod cli;

/// tree-sitter's C library (the parser, the syntax trees) allocates through
/// mimalloc, the global allocator of the program (`main.rs`) and of the
/// language-server benchmark, which measures the server as it ships.
pub fn use_mimalloc_in_tree_sitter() {
    use libmimalloc_sys::{mi_calloc, mi_free, mi_malloc, mi_realloc};
    // SAFETY: one allocator family, which never returns null for a non-zero
    // size except when out of memory (as libc's), with malloc's alignment;
    // set before any other tree-sitter call, on the main thread, once.
    unsafe {
        tree_sitter::set_allocator(Some(tree_sitter::Allocator {
            malloc: mi_malloc,
            calloc: mi_calloc,
            realloc: mi_realloc,
            free: mi_free,
        }));
    }
}
