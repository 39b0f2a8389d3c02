//! Article references as reports write them: 第五十条, 第十六条第二款, 第五十条第（四）项, 第三十六条第(三)项,
//! 第五十条第四项, 第二十九条第二款第（二）项, 第36条 — and the same with 條/項.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Deserializer};

use super::numeral::{format_cn_number, is_numeral_char, parse_cn_number};

/// A reference to an article, optionally narrowed to a 款 (paragraph) and/or a 项 (enumerated item).
///
/// Reports usually cite an item without its 款 (第五十条第（四）项); the lookup then finds the 款 that
/// enumerates items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleRef {
    /// 条, 1-based.
    pub article: u32,
    /// 款, 1-based.
    pub clause: Option<u32>,
    /// 项, 1-based.
    pub item: Option<u32>,
}

impl ArticleRef {
    /// A reference to a whole article.
    pub fn article(article: u32) -> Self {
        ArticleRef {
            article,
            clause: None,
            item: None,
        }
    }
}

/// The canonical written form: 第五十条第（四）项, 第十六条第二款.
impl fmt::Display for ArticleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}条", format_cn_number(self.article))?;
        if let Some(clause) = self.clause {
            write!(f, "第{}款", format_cn_number(clause))?;
        }
        if let Some(item) = self.item {
            write!(f, "第（{}）项", format_cn_number(item))?;
        }
        Ok(())
    }
}

/// Data files write references as text; parsing them at load keeps the data readable and checked.
impl<'de> Deserialize<'de> for ArticleRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_reference(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not an article reference: {text:?}")))
    }
}

/// Parse a text that is exactly one article reference (surrounding whitespace allowed).
pub fn parse_reference(text: &str) -> Option<ArticleRef> {
    let text = text.trim();
    match parse_reference_prefix(text) {
        Some((reference, len)) if len == text.len() => Some(reference),
        _ => None,
    }
}

/// Parse an article reference at the start of `text`; returns it and the number of bytes it spans.
pub fn parse_reference_prefix(text: &str) -> Option<(ArticleRef, usize)> {
    let mut p = Cursor { text, pos: 0 };
    p.eat('第').then_some(())?;
    let article = p.numeral()?;
    p.eat_any(&['条', '條']).then_some(())?;
    let mut reference = ArticleRef::article(article);

    // 第N款 — only if what follows 第N is 款, not e.g. 第五十一条 in a list.
    let save = p.pos;
    if p.eat('第') {
        match p.numeral() {
            Some(n) if p.eat('款') => reference.clause = Some(n),
            _ => p.pos = save,
        }
    }

    // 项: 第（N）项, 第(N)项, （N）项, （N）, 第N项.
    let save = p.pos;
    let has_di = p.eat('第');
    if p.eat_any(&['（', '(']) {
        match p.numeral() {
            Some(n) if p.eat_any(&['）', ')']) => {
                p.eat_any(&['项', '項']);
                reference.item = Some(n);
            }
            _ => p.pos = save,
        }
    } else if has_di {
        match p.numeral() {
            Some(n) if p.eat_any(&['项', '項']) => reference.item = Some(n),
            _ => p.pos = save,
        }
    }
    Some((reference, p.pos))
}

/// Every article reference in a running text, with its byte range, in order.
pub fn find_references(text: &str) -> Vec<(Range<usize>, ArticleRef)> {
    let mut found = Vec::new();
    let mut start = 0;
    while let Some(offset) = text[start..].find('第') {
        let at = start + offset;
        match parse_reference_prefix(&text[at..]) {
            Some((reference, len)) => {
                found.push((at..at + len, reference));
                start = at + len;
            }
            None => start = at + '第'.len_utf8(),
        }
    }
    found
}

/// A byte cursor over a reference text.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        self.eat_any(&[c])
    }

    fn eat_any(&mut self, chars: &[char]) -> bool {
        match self.peek() {
            Some(c) if chars.contains(&c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    /// A run of numeral characters, parsed; leaves the cursor unchanged when there is none.
    fn numeral(&mut self) -> Option<u32> {
        let rest = &self.text[self.pos..];
        let len: usize = rest
            .chars()
            .take_while(|&c| is_numeral_char(c))
            .map(char::len_utf8)
            .sum();
        let n = parse_cn_number(&rest[..len]).filter(|&n| n > 0)?;
        self.pos += len;
        Some(n)
    }
}
