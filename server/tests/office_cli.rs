//! Word and PDF through the binary: `import` reads them (refusals exit 2 with what to do), `check` reads
//! published documents directly and says where each finding is in the original.

mod support;

use support::{nianbao, root, scratch, stderr, stdout};

fn fixture(name: &str) -> String {
    let path = root().join("tests/fixtures/office").join(name);
    path.to_string_lossy().into_owned()
}

#[test]
fn import_reads_docx_and_pdf_and_lists_the_page_chrome() {
    let html = nianbao(&["import", &fixture("suizhong-2023.html")]);
    for doc in ["suizhong-2023.docx", "suizhong-2023.pdf"] {
        let o = nianbao(&["import", "-v", "--strict", &fixture(doc)]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{doc}: {err}");
        assert!(
            err.contains("标准表格 6 张") && err.contains("全部写入"),
            "{err}"
        );
        // The same tables as the HTML page they were made from.
        let tables = |s: &str| -> Vec<String> {
            s.lines()
                .filter(|l| l.starts_with('|') && !l.starts_with("| -"))
                .map(|l| l.split_whitespace().collect::<String>())
                .collect()
        };
        assert_eq!(tables(&stdout(&o)), tables(&stdout(&html)), "{doc}");
    }
    let o = nianbao(&["import", "-v", &fixture("suizhong-2023.pdf")]);
    let err = stderr(&o);
    assert!(err.contains("PDF，2023年度"), "{err}");
    assert!(err.contains("第 2 页，页码：2"), "{err}");
    assert!(err.contains("页眉（每页重复）"), "{err}");
}

#[test]
fn refusals_exit_2_with_what_to_do() {
    for (file, says) in [
        ("legacy.doc", "另存为 .docx"),
        ("encrypted.docx", "加密的 Word 文档"),
        ("encrypted.pdf", "加密的 PDF"),
        ("scanned.pdf", "没有文本层"),
    ] {
        let o = nianbao(&["import", &fixture(file)]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let err = stderr(&o);
        assert!(
            err.contains(says) && !err.contains("panicked"),
            "{file}: {err}"
        );
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn folders_report_legacy_documents_instead_of_skipping_them() {
    let dir = scratch("office-import-folder");
    for f in ["legacy.doc", "suizhong-2023.docx"] {
        std::fs::copy(fixture(f), dir.join(f)).unwrap();
    }
    let out = dir.join("out");
    let o = nianbao(&["import", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("legacy.doc：这是旧版 Word/WPS"), "{err}");
    assert!(out.join("suizhong-2023.nianbao").exists(), "{err}");
}

#[test]
fn check_reads_published_documents_and_quotes_the_original() {
    let dir = scratch("office-check");
    for f in ["suizhong-2023.docx", "suizhong-2023.pdf"] {
        std::fs::copy(fixture(f), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("README.txt"), "下载说明\n").unwrap();
    let saved = dir.join("saved");
    let o = nianbao(&[
        "check",
        "--format",
        "json",
        "--save-imported",
        saved.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("README.txt（不像政府信息公开年度报告）"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["version"], 1);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    for f in files {
        let path = f["path"].as_str().unwrap();
        assert!(path.ends_with(".docx") || path.ends_with(".pdf"), "{path}");
        let messages: Vec<&str> = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        // The sentence of a prose finding, the table and column of a label finding.
        assert!(
            messages
                .iter()
                .any(|m| m.contains("［原文：“") && m.contains("2471条")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("［原文：表“第二十条第(一)项”") && m.contains("表头“本年发件”")),
            "{messages:?}"
        );
    }
    assert!(saved.join("suizhong-2023.nianbao").exists());
    // The markup kept is what was checked.
    let o = nianbao(&[
        "check",
        saved.join("suizhong-2023.nianbao").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn check_on_a_page_text_finds_the_report_defects() {
    // A downloaded page: no front matter, tables as pipe rows. Prose says 2 applications, 表三 counts 3.
    let dir = scratch("office-check-text");
    let text =
        std::fs::read_to_string(root().join("tests/real/2023-changchun-tuiyijunren.txt")).unwrap();
    let page = dir.join("page.txt");
    std::fs::write(&page, text.split_once('\n').unwrap().1).unwrap();
    // wide enough that the message is not wrapped
    let o = nianbao(&["check", "--width", "400", page.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.contains("warning[prose-table-mismatch]"), "{out}");
    assert!(
        out.contains("［原文：“本年度,共受理政府信息公开申请2件"),
        "{out}"
    );
}

#[test]
fn a_folder_without_any_report_is_an_error() {
    let dir = scratch("office-check-empty");
    std::fs::write(dir.join("notes.md"), "# 笔记\n").unwrap();
    let o = nianbao(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有年度报告"), "{}", stderr(&o));
    // A refused document among others: reported, the rest checked, exit 2.
    std::fs::copy(fixture("legacy.doc"), dir.join("legacy.doc")).unwrap();
    std::fs::copy(fixture("suizhong-2023.docx"), dir.join("a.docx")).unwrap();
    let o = nianbao(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("legacy.doc：这是旧版"));
    assert!(stdout(&o).contains("检查了 1 个文件"), "{}", stdout(&o));
}
