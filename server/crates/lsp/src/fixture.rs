//! Fixtures for the feature tests: a report with a `$0` cursor marker, opened
//! as the language server opens it (parsed, checked with the default
//! configuration) but without the protocol, so that a feature's LSP-free
//! result can be tested directly at the cursor. Its diagnostics are the
//! check's own (a fixture has no folder).

use crate::analysis::Ctx;
use crate::config::Settings;
use crate::document::Document;
use crate::open::{ClientSupport, Open};
use nianbao_core::check::{self, Config};
use nianbao_core::position::Encoding;

/// The cursor marker.
pub const CURSOR: &str = "$0";

pub struct Fixture {
    pub open: Open,
    /// Byte offset of the cursor in the text (the marker removed).
    pub offset: usize,
    pub support: ClientSupport,
    pub settings: Settings,
}

impl Fixture {
    /// `marked` must hold exactly one `$0`.
    pub fn new(marked: &str) -> Fixture {
        let offset = marked.find(CURSOR).expect("a $0 cursor marker");
        assert_eq!(marked.matches(CURSOR).count(), 1, "one $0 cursor marker");
        let text = marked.replacen(CURSOR, "", 1);
        let uri = "file:///nonexistent/fixture.nianbao"
            .parse()
            .expect("a URI");
        let doc = Document::new(uri, 1, text, &mut nianbao_core::syntax::parser());
        let config = Config::default();
        let checked = check::check_tree(doc.tree().clone(), doc.text(), &config);
        // What would be published: a fixture has no neighbours in a folder.
        let diagnostics = checked.diagnostics.clone();
        Fixture {
            open: Open {
                doc,
                checked,
                config,
                diagnostics,
                check_time: std::time::Duration::ZERO,
                stale_text: None,
            },
            offset,
            support: ClientSupport {
                snippets: true,
                markdown_hover: true,
                markdown_completion_docs: true,
                ..ClientSupport::default()
            },
            settings: Settings::default(),
        }
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            open: &self.open,
            encoding: Encoding::Utf16,
            support: &self.support,
            settings: &self.settings,
        }
    }

    pub fn text(&self) -> &str {
        self.open.doc.text()
    }

    /// Where `range` is, for a snapshot: `L{line}` (1-based) and the text
    /// it covers.
    pub fn place(&self, range: &std::ops::Range<usize>) -> String {
        let line = self.open.doc.index().line_of(range.start) + 1;
        format!("L{line} {:?}", &self.text()[range.clone()])
    }
}

/// A report of 2023 (2021 format) around `body`: front matter and nothing else.
pub fn report_2023(body: &str) -> String {
    format!(
        "---\n标题: 示例县2023年政府信息公开工作年度报告\n机关: 示例县人民政府\n机关类型: 人民政府\n年度: 2023\n格式: 2021\n发布日期: 2024-01-20\n---\n\n{body}"
    )
}

/// The same for 2016 (the 2007 条例 and the statistical table).
pub fn report_2016(body: &str) -> String {
    format!(
        "---\n标题: 示例县2016年政府信息公开工作年度报告\n机关: 示例县人民政府\n机关类型: 人民政府\n年度: 2016\n格式: 2014\n发布日期: 2017-03-20\n---\n\n{body}"
    )
}
