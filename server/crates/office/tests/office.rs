//! Round trips on documents made here (see `tests/fixtures/office/make.py`): `nianbao render` → HTML →
//! LibreOffice → DOCX (tables with Word's borders, a header and a “第 N 页” footer) → PDF.

use std::collections::HashMap;
use std::path::PathBuf;

use nianbao_office::{sniff, to_html, Kind, OfficeError};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/office")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of an HTML page: scripts and styles out, tags out, the usual entities decoded.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        let lower = rest[i..].to_ascii_lowercase();
        let skip_to = ["script", "style", "title"]
            .iter()
            .find(|t| lower.starts_with(&format!("<{t}")))
            .and_then(|t| lower.find(&format!("</{t}>")).map(|e| e + t.len() + 3));
        rest = match skip_to {
            Some(e) => &rest[i + e..],
            None => match rest[i..].find('>') {
                Some(e) => &rest[i + e + 1..],
                None => "",
            },
        };
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Figures: maximal runs of ASCII digits, counted.
fn figures(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    let mut cur = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty() {
            *out.entry(std::mem::take(&mut cur)).or_default() += 1;
        }
    }
    out
}

/// Every figure of the source reaches the output or `dropped` (as often as in the source); returns the
/// figures listed as dropped.
fn assert_figures_kept(source: &str, converted: &nianbao_office::Converted) -> usize {
    let want = figures(&text_of(source));
    let got = figures(&text_of(&converted.html));
    let dropped_text: String = converted
        .dropped
        .iter()
        .map(|d| format!("{} ", d.text))
        .collect();
    let dropped = figures(&dropped_text);
    let mut missing = Vec::new();
    for (n, count) in &want {
        let have = got.get(n).copied().unwrap_or(0) + dropped.get(n).copied().unwrap_or(0);
        if have < *count {
            missing.push(format!("{n} ×{}", count - have));
        }
    }
    assert!(
        missing.is_empty(),
        "figures lost: {missing:?}\n{}",
        converted.html
    );
    dropped.values().sum()
}

fn source() -> String {
    String::from_utf8(fixture("suizhong-2023.html")).unwrap()
}

#[test]
fn docx_keeps_every_figure_and_the_merged_header_of_table_three() {
    let bytes = fixture("suizhong-2023.docx");
    assert_eq!(sniff(&bytes), Kind::Docx);
    let c = to_html(&bytes).unwrap();
    assert_figures_kept(&source(), &c);
    // 表三's header as Word writes it (gridSpan + vMerge restart/continue).
    assert!(
        c.html
            .contains("<td colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为"),
        "{}",
        c.html
    );
    assert!(c.html.contains("<td colspan=\"7\">申请人情况</td>"));
    assert!(c.html.contains("<td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td>"));
    assert!(c
        .html
        .contains("<td rowspan=\"22\">三、本年度办理结果</td>"));
    assert!(c.html.contains("<h2>一、总体情况</h2>"));
    // The page header and footer of a DOCX are not read.
    assert!(c.dropped.is_empty(), "{:?}", c.dropped);
}

#[test]
fn pdf_keeps_every_figure_drops_page_chrome_and_joins_the_broken_table() {
    let bytes = fixture("suizhong-2023.pdf");
    assert_eq!(sniff(&bytes), Kind::Pdf);
    let c = to_html(&bytes).unwrap();
    assert_figures_kept(&source(), &c);
    // Three tables: 表二, 表三 (broken across pages 2 and 3, its repeated header left out), 表四.
    assert_eq!(c.html.matches("<table").count(), 3, "{}", c.html);
    assert_eq!(c.html.matches("申请人情况").count(), 1);
    assert!(c
        .html
        .contains("<td colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为"));
    assert!(c.html.contains("<td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td>"));
    assert!(c
        .html
        .contains("<td colspan=\"2\">(七)总计</td><td>57</td>"));
    // Labels cut by the page break are whole again.
    assert!(
        c.html
            .contains("<td rowspan=\"22\">三、本年度办理结果</td>"),
        "{}",
        c.html
    );
    assert!(c.html.contains("<td rowspan=\"5\">(五)不予处理</td>"));
    // Page numbers and the running header are dropped, with their page.
    let numbers: Vec<_> = c.dropped.iter().filter(|d| d.reason == "页码").collect();
    assert_eq!(numbers.len(), 5, "{:?}", c.dropped);
    assert_eq!(numbers[2].text, "第3页");
    assert_eq!(numbers[2].page, Some(3));
    assert!(c
        .dropped
        .iter()
        .any(|d| d.reason.starts_with("页眉") && d.page == Some(2)));
    assert!(c.html.contains("<h2>一、总体情况</h2>"));
}

#[test]
fn refusals_name_what_was_found_and_what_to_do() {
    let e = to_html(&fixture("legacy.doc")).unwrap_err();
    assert_eq!(e, OfficeError::LegacyBinary);
    assert_eq!(
        e.to_string(),
        "这是旧版 Word/WPS 二进制文件（.doc/.wps），请在 Word 或 WPS 中另存为 .docx 后再导入"
    );
    assert_eq!(
        to_html(&fixture("encrypted.docx")).unwrap_err(),
        OfficeError::EncryptedDocx
    );
    assert_eq!(sniff(&fixture("encrypted.pdf")), Kind::EncryptedPdf);
    assert_eq!(
        to_html(&fixture("encrypted.pdf")).unwrap_err(),
        OfficeError::EncryptedPdf
    );
    let e = to_html(&fixture("scanned.pdf")).unwrap_err();
    assert_eq!(e, OfficeError::NoTextLayer);
    assert_eq!(
        e.to_string(),
        "PDF 没有文本层（可能是扫描件），请使用带文本层的 PDF 或原始 DOCX"
    );
    assert_eq!(
        to_html(&source().into_bytes()).unwrap_err(),
        OfficeError::Unsupported
    );
}

/// xorshift: deterministic “random” bytes without a dependency.
fn noise(seed: &mut u64, n: usize) -> Vec<u8> {
    (0..n)
        .map(|_| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            (*seed >> 24) as u8
        })
        .collect()
}

#[test]
fn never_panics_on_truncated_or_damaged_files() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for name in [
        "suizhong-2023.docx",
        "suizhong-2023.pdf",
        "scanned.pdf",
        "encrypted.pdf",
        "legacy.doc",
    ] {
        let bytes = fixture(name);
        // Truncations.
        for k in 0..24 {
            let cut = bytes.len() * k / 24;
            let _ = to_html(&bytes[..cut]);
        }
        // Bytes overwritten with noise.
        for _ in 0..24 {
            let mut b = bytes.clone();
            let at = (noise(&mut seed, 4)
                .iter()
                .fold(0usize, |a, &x| a * 256 + x as usize))
                % b.len().max(1);
            let n = 1 + (seed as usize % 64);
            let junk = noise(&mut seed, n);
            for (i, x) in junk.into_iter().enumerate() {
                if let Some(slot) = b.get_mut(at + i) {
                    *slot = x;
                }
            }
            let _ = to_html(&b);
        }
    }
    for n in [0, 1, 4, 8, 100, 5000] {
        for prefix in [
            &b""[..],
            b"%PDF-1.7\n",
            b"PK\x03\x04",
            &[0xD0, 0xCF, 0x11, 0xE0],
        ] {
            let mut b = prefix.to_vec();
            b.extend(noise(&mut seed, n));
            let _ = to_html(&b);
        }
    }
}

/// A DOCX written by hand: the parts Word writes for text boxes, footnotes, hidden and deleted text.
fn docx(document: &str, footnotes: &str) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, body) in [
            ("word/document.xml", document),
            ("word/footnotes.xml", footnotes),
        ] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="x" xmlns:v="y""#;

#[test]
fn docx_text_boxes_once_footnotes_hidden_and_deleted_text() {
    let document = format!(
        r#"<w:document {W}><w:body>
        <w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>某县2023年报告</w:t></w:r></w:p>
        <w:p><w:r><w:t>共发布信息2471条</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r>
          <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的99条</w:t></w:r>
          <w:del><w:r><w:delText>旧数字88</w:delText></w:r></w:del>
          <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
            <w:p><w:r><w:t>文本框里的57件</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框里的57件</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>
          </mc:AlternateContent></w:r></w:p>
        <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>角</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>总计</w:t></w:r></w:p></w:tc></w:tr>
          <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        </w:body></w:document>"#
    );
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
        <w:footnote w:id="2"><w:p><w:r><w:t>其中政策文件300条。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let c = to_html(&docx(&document, &footnotes)).unwrap();
    assert!(c.html.contains("<h1>某县2023年报告</h1>"), "{}", c.html);
    assert!(
        c.html.contains("<p>共发布信息2471条[注1]</p>"),
        "{}",
        c.html
    );
    assert_eq!(c.html.matches("文本框里的57件").count(), 1, "{}", c.html);
    assert!(c.html.contains("<p>注1：其中政策文件300条。</p>"));
    assert!(
        c.html
            .contains("<td colspan=\"2\" rowspan=\"2\">角</td><td>总计</td></tr>\n<tr><td>5</td>"),
        "{}",
        c.html
    );
    let reasons: Vec<(&str, &str)> = c
        .dropped
        .iter()
        .map(|d| (d.text.as_str(), d.reason.as_str()))
        .collect();
    assert!(
        reasons
            .iter()
            .any(|(t, r)| *t == "隐藏的99条" && r.starts_with("隐藏文字")),
        "{reasons:?}"
    );
    assert!(reasons
        .iter()
        .any(|(t, r)| *t == "旧数字88" && r.starts_with("修订")));
}

/// 表三's header cut by a page break (a real report laid out by LibreOffice, `tests/fixtures/office/
/// header-across-pages.pdf`): the merged corner cell and “申请人情况” end page 1, the rest of the header and
/// the rows start page 2. The part at the foot has fewer rulings (its cells are merged), so it is set on the
/// columns of its continuation and the two make one table, its header whole.
#[test]
fn pdf_joins_a_table_whose_header_a_page_break_cuts() {
    let c = to_html(&fixture("header-across-pages.pdf")).unwrap();
    let tables: Vec<&str> = c.html.split("<table").skip(1).collect();
    let third: Vec<&&str> = tables
        .iter()
        .filter(|t| t.contains("申请人情况") || t.contains("本年新收"))
        .collect();
    assert_eq!(third.len(), 1, "{}", c.html);
    let t = third[0];
    for label in [
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "总计",
        "一、本年新收政府信息公开申请数量",
    ] {
        assert!(t.contains(label), "{label} not in 表三: {t}");
    }
    // The corner cell's text, cut in two by the page, reads as one.
    assert!(
        c.html.contains("第一项加第二项之和"),
        "the corner note is not whole: {}",
        c.html
    );
}

/// A blank last page (nothing on it: no text, no image, no line) holds nothing to lose: it is not reported
/// as a page that could not be read, as a scanned page is.
#[test]
fn pdf_blank_page_is_not_a_scanned_page() {
    let c = to_html(&fixture("blank-last-page.pdf")).unwrap();
    assert!(
        !c.dropped.iter().any(|d| d.reason.contains("扫描")),
        "{:?}",
        c.dropped
    );
    assert!(c.html.contains("本年新收"));
}

/// A title set large and wrapped onto a second centred line (“……年度报” / “告”) in a PDF without a Title in
/// its metadata reads as one line: the importer finds the title, its year and its organ in it.
#[test]
fn pdf_wrapped_title_reads_as_one() {
    let c = to_html(&fixture("wrapped-title.pdf")).unwrap();
    assert!(
        c.html
            .contains("广州市海珠区官洲街道办事处2023年政府信息公开工作年度报告"),
        "{}",
        &c.html[..c.html.len().min(600)]
    );
}
