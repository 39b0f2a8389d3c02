//! Bytes → text: byte-order marks, UTF-8, and the GBK/GB18030 (or Big5) pages that many government sites
//! still serve. Detection order: BOM, then valid UTF-8, then a charset declared in the page (`<meta charset>`,
//! `Content-Type`), then whichever legacy encoding decodes the bytes with the fewest errors and the most
//! common Chinese characters.

use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text and how it was read.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name as reported to the user: "UTF-8", "GB18030", "Big5", "UTF-16LE" ….
    pub encoding: &'static str,
    /// Whether a byte-order mark was found (and removed).
    pub bom: bool,
    /// Bytes that could not be decoded (each became U+FFFD).
    pub errors: usize,
}

/// Decodes a report file. Never fails: undecodable bytes become U+FFFD and are counted.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, errors) = decode_with(encoding, &bytes[bom_len..]);
        return Decoded {
            text,
            encoding: name(encoding),
            bom: true,
            errors,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
            bom: false,
            errors: 0,
        };
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, errors) = decode_with(encoding, bytes);
        return Decoded {
            text,
            encoding: name(encoding),
            bom: false,
            errors,
        };
    }
    let declared = declared_charset(bytes).filter(|e| *e != UTF_8);
    let mut candidates: Vec<&'static Encoding> = Vec::new();
    if let Some(e) = declared {
        candidates.push(e);
    }
    for e in [GB18030, BIG5, UTF_8] {
        if !candidates.contains(&e) {
            candidates.push(e);
        }
    }
    let mut best: Option<(f64, &'static Encoding, String, usize)> = None;
    for (i, encoding) in candidates.into_iter().enumerate() {
        let (text, errors) = decode_with(encoding, bytes);
        // A declared charset gets a head start; otherwise GB18030 wins ties (mainland sites).
        let bonus = if i == 0 && declared.is_some() {
            0.05
        } else {
            0.0
        };
        let score = plausibility(&text, errors) + bonus;
        if best.as_ref().is_none_or(|(s, ..)| score > *s) {
            best = Some((score, encoding, text, errors));
        }
    }
    let (_, encoding, text, errors) = best.expect("there are candidates");
    Decoded {
        text,
        encoding: name(encoding),
        bom: false,
        errors,
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let errors = text.chars().filter(|&c| c == '\u{FFFD}').count();
    (text.into_owned(), errors)
}

fn name(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "gb18030" | "GB18030" => "GB18030",
        "GBK" | "gbk" => "GBK",
        "Big5" | "big5" => "Big5",
        other => other,
    }
}

/// UTF-16 without a BOM: many zero bytes on one side of each pair (ASCII markup, line ends).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 16 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let even_zero = sample.chunks(2).filter(|p| p[0] == 0).count();
    let odd_zero = sample.chunks(2).filter(|p| p[1] == 0).count();
    if odd_zero * 3 > pairs && even_zero * 20 < pairs {
        Some(UTF_16LE)
    } else if even_zero * 3 > pairs && odd_zero * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A charset declared near the top of an HTML or XML page: `charset=gb2312`, `encoding="GBK"`.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(at) = find(&lower[from..], key) {
            let mut i = from + at + key.len();
            while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'' | b':') {
                i += 1;
            }
            let start = i;
            while i < lower.len() && (lower[i].is_ascii_alphanumeric() || b"-_".contains(&lower[i]))
            {
                i += 1;
            }
            if i > start {
                if let Some(e) = Encoding::for_label(&lower[start..i]) {
                    // gb2312 / gbk labels: decode with the GB18030 decoder, a superset.
                    return Some(if e.name() == "GBK" { GB18030 } else { e });
                }
            }
            from = i.max(from + at + 1);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// How much a decoding looks like Chinese text: share of very common characters, minus errors.
fn plausibility(text: &str, errors: usize) -> f64 {
    const COMMON: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府史世真想完果传据书";
    let mut han = 0usize;
    let mut common = 0usize;
    let mut odd = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            han += 1;
            if COMMON.contains(c) {
                common += 1;
            }
        } else if ('\u{E000}'..='\u{F8FF}').contains(&c)
            || ('\u{3400}'..='\u{4DBF}').contains(&c)
            || ('\u{20000}'..='\u{2FFFF}').contains(&c)
        {
            // Private use and rare ideographs: typical of a wrong legacy decoding.
            odd += 1;
        }
    }
    if total == 0 {
        return 0.0;
    }
    let common_share = if han == 0 {
        0.0
    } else {
        common as f64 / han as f64
    };
    common_share - (errors as f64 * 20.0 + odd as f64 * 5.0) / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_utf8() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("年度报告".as_bytes());
        let d = decode(&bytes);
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            ("年度报告", "UTF-8", true)
        );
        let d = decode("年度报告".as_bytes());
        assert_eq!((d.text.as_str(), d.bom), ("年度报告", false));
        let (utf16, _, _) = UTF_16LE.encode("年度"); // encode() falls back to UTF-8 for UTF-16
        assert_eq!(utf16.as_ref(), "年度".as_bytes());
        let mut le = vec![0xFF, 0xFE];
        for u in "年度 report".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le);
        assert_eq!((d.text.as_str(), d.encoding), ("年度 report", "UTF-16LE"));
    }

    #[test]
    fn gbk_is_detected_without_a_declaration() {
        let text = "绥中县2023年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》规定编制本报告。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes);
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.errors, 0);
    }

    #[test]
    fn declared_charset_is_read() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>政府信息公开</body></html>";
        let (bytes, _, _) = GB18030.encode(page);
        let d = decode(&bytes);
        assert_eq!(d.text, page);
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding=\"big5\"?>"),
            Some(BIG5)
        );
    }

    #[test]
    fn big5_pages_are_read() {
        let text = "政府資訊公開工作年度報告，依據條例規定編製。";
        let (bytes, _, _) = BIG5.encode(text);
        let d = decode(&bytes);
        assert_eq!(d.text, text, "{}", d.encoding);
    }
}
