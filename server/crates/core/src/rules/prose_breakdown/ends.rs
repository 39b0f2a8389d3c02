//! Where a list of parts ends before its scope does: a figure said besides (另), a clause of another kind
//! (且), a new subject after a semicolon.

use super::*;

/// Whether the lead of a figure says it is no part of the list before: a figure said besides ("……法人或
/// 其他组织申请61件，另上年结转申请22件" — but "另2件""另有2件" are the other ones), or a clause of another
/// kind joined by 且 ("5件属于网络平台申请，且1件申请信息不属于……": the clause right before the figure).
pub(super) fn said_besides(lead: &str) -> bool {
    const SEPARATORS: [char; 5] = ['，', ',', '、', '；', ';'];
    let first = lead.trim_start_matches(SEPARATORS).trim_start();
    let besides = first.starts_with('另')
        && !first.starts_with("另有")
        && !first.starts_with("另外")
        && first.chars().count() > 2;
    let clause = lead.trim_end_matches(SEPARATORS).trim_end();
    let last = clause.rsplit(SEPARATORS).next().unwrap_or("").trim_start();
    besides || last.starts_with('且') || last.starts_with("并且")
}

/// A part larger than the total after a semicolon starts a new subject ("服务市重大项目13个，其中省重大
/// 项目3个；召开了7次……审核开通法人空间90个"; "解读信息55条，其中……；收到留言515条"): the list ended at the
/// semicolon before it.
pub(super) fn new_subject(
    text: &str,
    numbers: &[Number],
    mark: usize,
    total: &Number,
    part_indices: &mut Vec<usize>,
) {
    let Some(&big) = part_indices
        .iter()
        .find(|&&i| numbers[i].value > total.value)
    else {
        return;
    };
    let at = numbers[big].range.start;
    if let Some(semicolon) = text[mark.min(at)..at].rfind(['；', ';']) {
        let cut = mark.min(at) + semicolon;
        part_indices.retain(|&i| numbers[i].range.end <= cut);
    }
}
