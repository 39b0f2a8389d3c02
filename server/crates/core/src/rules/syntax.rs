//! `syntax-error`: text the grammar cannot read.

use super::{diag, Code};
use crate::diagnostic::Diagnostic;
use crate::semantic::Context;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for range in &cx.report.syntax_errors {
        let snippet: String = cx.text[range.clone()].chars().take(20).collect();
        let message = if range.is_empty() {
            "此处缺少内容，无法解析".to_string()
        } else {
            format!(
                "无法解析“{}”，请检查表格竖线、标题符号和元数据格式",
                snippet.trim()
            )
        };
        out.push(diag(Code::SyntaxError, range.clone(), message));
    }
}
