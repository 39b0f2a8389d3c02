//! Which top-level heading of a report is which section of its format.

use crate::formats::{Format, Section};
use crate::model::Report;

/// The top-level sections matched to the format's sections: (index into
/// `report.sections`, the format's section). Used by the
/// `section-missing` and `table-missing` rules and by heading completion.
pub fn matched_sections<'f>(report: &Report, format: &'f Format) -> Vec<(usize, &'f Section)> {
    report
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.level == 1)
        .filter_map(|(i, s)| {
            let m = format.match_section(&s.title)?;
            m.is_plausible().then_some((i, m.section))
        })
        .collect()
}
