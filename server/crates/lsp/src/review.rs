//! The baseline of reviewed findings in the editor (docs/review.md): findings
//! recorded in the workspace's `nianbao-baseline.toml` (the first one from the
//! report's folder upwards) are published as hints marked 已复核. The code
//! action that adds a finding to the baseline is in `review_action`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::open::Open;
use nianbao_core::baseline::{self, Baseline};
use nianbao_core::diagnostic::{Diagnostic, Severity};
use nianbao_core::fingerprint::fingerprints;

/// Whether one of the changed files is a baseline file.
pub fn is_baseline(paths: &[PathBuf]) -> bool {
    paths
        .iter()
        .any(|p| p.file_name().is_some_and(|n| n == baseline::FILE_NAME))
}

/// The baseline file that applies to a report, if any.
pub fn baseline_for(path: &Path) -> Option<PathBuf> {
    baseline::locate(path.parent()?)
}

/// The findings to publish: those in the baseline become hints marked 已复核
/// (without a baseline, the findings themselves, not a copy).
pub fn demote(open: &Open) -> Cow<'_, [Diagnostic]> {
    let out = Cow::Borrowed(open.diagnostics.as_slice());
    let Some(path) = open.doc.path.as_deref() else {
        return out;
    };
    let Some(file) = baseline_for(path) else {
        return out;
    };
    let Ok(b) = Baseline::load(&file) else {
        return out;
    };
    if b.entries.is_empty() {
        return out;
    }
    let mut out = out.into_owned();
    let name = baseline::entry_path(&file, path);
    let prints = fingerprints(open.checked_text(), &open.diagnostics);
    for (d, fp) in out.iter_mut().zip(prints) {
        if let Some(e) = b.find(&name, d.code.as_str(), &fp) {
            d.severity = Severity::Hint;
            let mut note = format!("［已复核：{}］", e.status.label());
            if let Some(reason) = &e.reason {
                note.push_str(&format!("（{reason}）"));
            }
            d.message = format!("{note}{}", d.message);
        }
    }
    Cow::Owned(out)
}
