//! Word (DOCX) and PDF reports: [`nianbao_office`] turns them into simple HTML, which the HTML path imports;
//! the text the office reader left out on purpose (page numbers, running headers, hidden Word text …) joins
//! the import's own list of dropped lines, so that every figure of the body reaches the output or is listed
//! with its reason. Legacy `.doc`/`.wps`, encrypted files and PDFs without a text layer are refused with a
//! message saying what was found and what to do.

use nianbao_office::{Kind, OfficeError};

use super::clean::Reason;
use super::losses::Dropped;
use super::words::digit_runs;
use super::{import, Imported, Options};

/// What a file is, for the importer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Text or HTML (decided from the content by [`import`]).
    Page,
    Docx,
    Pdf,
    /// A file the office reader refuses (legacy `.doc`/`.wps`, encrypted Word); `import_document` says why.
    Refused,
}

impl DocumentKind {
    pub fn describe(self) -> &'static str {
        match self {
            DocumentKind::Page => "文字/HTML",
            DocumentKind::Docx => "Word（DOCX）",
            DocumentKind::Pdf => "PDF",
            DocumentKind::Refused => "无法读取的文档",
        }
    }
}

/// Tells what a file is from its bytes.
pub fn kind(bytes: &[u8]) -> DocumentKind {
    match nianbao_office::sniff(bytes) {
        Kind::Docx => DocumentKind::Docx,
        Kind::Pdf | Kind::EncryptedPdf => DocumentKind::Pdf,
        Kind::LegacyDoc | Kind::EncryptedOoxml => DocumentKind::Refused,
        // A zip that is no Word document is refused too: its bytes are no text.
        Kind::Other if bytes.starts_with(b"PK\x03\x04") => DocumentKind::Refused,
        Kind::Other => DocumentKind::Page,
    }
}

/// Imports any report: text, an HTML page, a DOCX or a PDF with a text layer. The error is the refusal, in
/// Chinese, for files that cannot be read reliably.
pub fn import_document(bytes: &[u8], options: &Options) -> Result<Imported, OfficeError> {
    let kind = kind(bytes);
    if kind == DocumentKind::Page {
        return Ok(import(bytes, options));
    }
    let converted = nianbao_office::to_html(bytes)?;
    let mut result = import(
        converted.html.as_bytes(),
        &Options {
            html: Some(true),
            ..options.clone()
        },
    );
    result.document = Some(kind);
    result.notes.insert(
        0,
        format!(
            "{}：已转换为 HTML 后导入（行号指转换后的段落）",
            kind.describe()
        ),
    );
    for d in converted.dropped {
        let figures: Vec<String> = digit_runs(&d.text).into_iter().map(|(r, _)| r).collect();
        // Lines without figures (a running header of words) are not worth listing; a page that could not be
        // read always is.
        if figures.is_empty() && !d.text.trim().is_empty() {
            continue;
        }
        result.dropped.push(Dropped {
            line: 0,
            reason: Reason::Chrome,
            figures,
            text: d.text.chars().take(60).collect(),
            page: d.page,
            detail: Some(d.reason),
        });
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_errors_and_pages_are_imported() {
        let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        doc.extend_from_slice(&[0; 600]);
        assert_eq!(kind(&doc), DocumentKind::Refused);
        let e = import_document(&doc, &Options::default()).unwrap_err();
        assert!(e.to_string().contains("另存为 .docx"));
        assert_eq!(kind(b"PK\x03\x04junk"), DocumentKind::Refused);
        assert!(import_document(b"PK\x03\x04junk", &Options::default()).is_err());
        let page = import_document("一、总体情况\n".as_bytes(), &Options::default()).unwrap();
        assert_eq!(page.document, None);
    }
}
