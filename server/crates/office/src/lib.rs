//! Word (DOCX) and PDF reports → simple HTML that `nianbao import` reads like a published page.
//!
//! Report authors write in Word or WPS and publish a DOCX or PDF beside (or instead of) the HTML page. This
//! crate turns such a file into HTML the HTML importer already handles: `<h1>`–`<h3>` for headings, `<p>`
//! for paragraphs, `<table>` with `colspan`/`rowspan` for tables with merged cells. Everything the importer
//! needs beyond that (the standard tables, the front matter, the accounting of figures) stays in the importer:
//!
//! ```no_run
//! let bytes = std::fs::read("报告.docx").unwrap();
//! match nianbao_office::to_html(&bytes) {
//!     Ok(converted) => {
//!         // feed converted.html to the HTML importer; report converted.dropped beside its own list
//!     }
//!     Err(refusal) => eprintln!("{refusal}"), // a clear Chinese message: what was found, what to do
//! }
//! ```
//!
//! * [`sniff`] tells what a file is from its bytes (not its name: downloads are often misnamed);
//! * [`to_html`] converts a DOCX or a PDF with a text layer, and refuses the rest with an [`OfficeError`];
//! * [`Converted::dropped`] lists the text left out on purpose (PDF page headers, footers and page numbers,
//!   hidden or deleted Word text, pages that could not be read), each with its reason and page, so that the
//!   importer's guarantee holds: every figure of the body reaches the output or is listed with its reason.
//!
//! Nothing here panics on any input: malformed files give [`OfficeError::Corrupt`], and the PDF reader (a
//! third-party crate that may panic on unusual PDFs) runs each page under `catch_unwind`.

mod docx;
mod html;
mod pdf;

/// What a file is, from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Office Open XML word-processing document (Word, WPS, LibreOffice "Word 2007–365"): a zip holding
    /// `word/document.xml`.
    Docx,
    /// A PDF (`%PDF-`) without encryption.
    Pdf,
    /// A PDF with an `/Encrypt` dictionary (it may still open with the empty user password).
    EncryptedPdf,
    /// A legacy binary Word or WPS document (`.doc`/`.wps`, OLE2 compound file `D0 CF 11 E0`).
    LegacyDoc,
    /// An encrypted Office Open XML document: an OLE2 compound file holding `EncryptionInfo`.
    EncryptedOoxml,
    /// Anything else (a zip that is no Word document, text, HTML, images …).
    Other,
}

/// Text left out of the HTML on purpose.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    pub text: String,
    /// Why, in Chinese for the import report: "页眉", "页脚", "页码", "隐藏文字", "修订删除的文字", ….
    pub reason: String,
    /// 1-based page (PDF only).
    pub page: Option<u32>,
}

/// A converted document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Converted {
    /// A complete HTML page (`<!DOCTYPE html>`, UTF-8).
    pub html: String,
    /// Text left out, with its reason.
    pub dropped: Vec<Dropped>,
}

/// Why a file is refused.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum OfficeError {
    #[error("这是旧版 Word/WPS 二进制文件（.doc/.wps），请在 Word 或 WPS 中另存为 .docx 后再导入")]
    LegacyBinary,
    #[error("这是加密的 Word 文档（需要密码才能打开），请在 Word 或 WPS 中取消密码、另存为 .docx 后再导入")]
    EncryptedDocx,
    #[error("这是加密的 PDF（需要密码才能打开），请取消密码后再导入，或使用原始 DOCX")]
    EncryptedPdf,
    #[error("PDF 没有文本层（可能是扫描件），请使用带文本层的 PDF 或原始 DOCX")]
    NoTextLayer,
    #[error("文件已损坏，无法读取（{0}），请重新下载或在 Word/WPS 中重新保存")]
    Corrupt(String),
    #[error("不是 Word（.docx）或 PDF 文件")]
    Unsupported,
}

const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells what a file is from its bytes.
pub fn sniff(bytes: &[u8]) -> Kind {
    if bytes.starts_with(OLE2) || bytes.starts_with(&OLE2[..4]) {
        // The directory of an encrypted OOXML package names its streams in UTF-16LE.
        let name: Vec<u8> = "EncryptionInfo"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        return if find(bytes, &name).is_some() {
            Kind::EncryptedOoxml
        } else {
            Kind::LegacyDoc
        };
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return if docx::is_docx(bytes) {
            Kind::Docx
        } else {
            Kind::Other
        };
    }
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return if find(bytes, b"/Encrypt").is_some() {
            Kind::EncryptedPdf
        } else {
            Kind::Pdf
        };
    }
    Kind::Other
}

/// Converts a DOCX, or a PDF with a text layer, into simple HTML; refuses everything else with a message
/// saying what was found and what to do.
pub fn to_html(bytes: &[u8]) -> Result<Converted, OfficeError> {
    match sniff(bytes) {
        Kind::Docx => docx::convert(bytes),
        Kind::Pdf => pdf::convert(bytes, false),
        Kind::EncryptedPdf => pdf::convert(bytes, true),
        Kind::LegacyDoc => Err(OfficeError::LegacyBinary),
        Kind::EncryptedOoxml => Err(OfficeError::EncryptedDocx),
        Kind::Other => Err(OfficeError::Unsupported),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n1 0 obj"), Kind::Pdf);
        assert_eq!(
            sniff(b"%PDF-1.4\n trailer << /Encrypt 5 0 R >>"),
            Kind::EncryptedPdf
        );
        let mut doc = OLE2.to_vec();
        doc.extend_from_slice(&[0; 600]);
        assert_eq!(sniff(&doc), Kind::LegacyDoc);
        let mut enc = doc.clone();
        enc.extend(
            "EncryptionInfo"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert_eq!(sniff(&enc), Kind::EncryptedOoxml);
        assert_eq!(sniff(b"<html>"), Kind::Other);
        assert_eq!(sniff(b""), Kind::Other);
        assert_eq!(sniff(b"PK\x03\x04garbage"), Kind::Other);
    }

    #[test]
    fn refusals_say_what_to_do() {
        let mut doc = OLE2.to_vec();
        doc.extend_from_slice(&[0; 600]);
        let e = to_html(&doc).unwrap_err();
        assert_eq!(e, OfficeError::LegacyBinary);
        assert!(e.to_string().contains("另存为 .docx"));
        assert_eq!(to_html(b"hello").unwrap_err(), OfficeError::Unsupported);
    }
}
