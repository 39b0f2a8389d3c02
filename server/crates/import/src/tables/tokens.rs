//! Tokens: HTML cells and cell-like lines of text, classified (figure, unit, blank, label, prose).

use nianbao_core::formats::{self, normalize_label};

use crate::clean::{drop_thousands, tidy};
use crate::Line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A figure or a not-applicable mark.
    Value,
    /// A unit alone (the 单位 column of the statistical table): 件, 条, 万元 ….
    Unit,
    /// An empty HTML cell.
    Blank,
    /// A short text: a label or header.
    Label,
    /// A sentence: never part of a table.
    Prose,
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) text: String,
    pub(super) kind: Kind,
    /// Index of the line (text) or cell (grid) the token comes from.
    pub(super) unit: usize,
    pub(super) line: usize,
}

const UNITS: [&str; 59] = [
    "个工作日",
    "万人次",
    "人次",
    "件次",
    "条次",
    "万元",
    "亿元",
    "千元",
    "小时",
    "分钟",
    "条",
    "件",
    "次",
    "个",
    "人",
    "名",
    "篇",
    "份",
    "项",
    "家",
    "场",
    "期",
    "户",
    "批",
    "类",
    "部",
    "台",
    "套",
    "本",
    "册",
    "张",
    "幅",
    "块",
    "处",
    "所",
    "元",
    "%",
    "％",
    "天",
    "位",
    "页",
    "封",
    "起",
    "宗",
    "例",
    "條",
    "個",
    "項",
    "場",
    "戶",
    "張",
    "塊",
    "處",
    "冊",
    "臺",
    "頁",
    "萬元",
    "億元",
    "人/次",
];

fn is_unit(text: &str) -> bool {
    UNITS.contains(&text)
}

/// A not-applicable mark or a placeholder word in a figure's place.
pub(super) fn is_na(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (!t.is_empty() && t.chars().count() <= 6 && t.chars().all(|c| "—-－–―─/／\\、".contains(c)))
        || matches!(t.as_str(), "无" | "無" | "空" | "/" | "—" | "——")
}

/// A cell that is one figure: sign, digits (full-width too, thousands separators allowed), decimals, 余/多,
/// 万/亿, a unit.
pub fn is_number(text: &str) -> bool {
    let t: String = text
        .trim()
        .chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                match c {
                    '．' => '.',
                    '，' => ',',
                    '＋' => '+',
                    '－' => '-',
                    c => c,
                }
            }
        })
        .collect();
    let mut rest = t.as_str();
    rest = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    let digits = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .count();
    if digits == 0 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let (num, mut tail) = rest.split_at(digits);
    if num.contains(',') && drop_thousands(num).contains(',') {
        return false;
    }
    if let Some(t) = tail.strip_prefix('.') {
        let d = t.chars().take_while(char::is_ascii_digit).count();
        if d == 0 {
            return false;
        }
        tail = &t[d..];
    }
    for part in [
        &["余", "多", "餘"][..],
        &["万", "亿", "千", "萬", "億"],
        &["余", "多", "餘"],
    ] {
        if let Some(p) = part.iter().find(|p| tail.starts_with(*p)) {
            tail = &tail[p.len()..];
        }
    }
    tail.is_empty() || is_unit(tail)
}

/// A figure cell written with words: the change of a 本年增/减 column as “增98”, “减3” or “增” alone, or an
/// increase and a decrease together, “2/0”. Kept in its cell as written (the checker says it is not a number)
/// rather than ending the row.
fn is_worded_change(t: &str) -> bool {
    if let Some(rest) = t.strip_prefix(['增', '减', '減']) {
        return rest.is_empty() || is_number(rest);
    }
    let mut parts = t.split(['/', '／']);
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(a), Some(b), None) if [a, b].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    )
}

pub(super) fn classify(text: &str) -> Kind {
    let t = text.trim_matches(crate::clean::is_blank_char);
    if t.is_empty() {
        Kind::Blank
    } else if is_number(t) || is_na(t) || is_worded_change(t) {
        Kind::Value
    } else if is_unit(t) {
        Kind::Unit
    } else if t.chars().count() > 80 || t.contains(['。', '！', '？', '；']) {
        Kind::Prose
    } else {
        Kind::Label
    }
}

/// Normalised header words of every standard table (column labels and their variants, spanning headers,
/// corners), for splitting a header row that was copied with spaces between its cells.
static HEADER_WORDS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        let mut words = std::collections::HashSet::new();
        for format in formats::all() {
            for table in &format.tables {
                words.insert(normalize_label(&table.corner));
                words.extend(table.corner_variants.iter().map(|v| normalize_label(v)));
                for c in &table.columns {
                    words.insert(normalize_label(&c.label));
                    words.extend(c.variants.iter().map(|v| normalize_label(v)));
                    words.extend(c.group.iter().map(|g| normalize_label(g)));
                }
                for r in &table.rows {
                    words.extend(r.header_path.iter().map(|h| normalize_label(h)));
                }
            }
        }
        words.insert(normalize_label("信息内容"));
        words
    });

/// "结果维持 结果纠正 其他结果" → its cells, when every word is a standard header.
fn split_header_line(text: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    (words.len() >= 2
        && words
            .iter()
            .all(|w| HEADER_WORDS.contains(&normalize_label(w))))
    .then_some(words)
}

/// The tokens of a line of text: tab-separated cells, or a label followed by space-separated figures.
pub(super) fn line_tokens(line: &Line, unit: usize) -> Vec<Tok> {
    let tok = |text: &str, kind| Tok {
        text: text.to_string(),
        kind,
        unit,
        line: line.line,
    };
    let raw = line.text.trim_matches(|c: char| c == '\r' || c == '\n');
    if raw.contains('\t') {
        let parts: Vec<String> = raw.split('\t').map(tidy).collect();
        let first = parts.iter().position(|p| !p.is_empty());
        let last = parts.iter().rposition(|p| !p.is_empty());
        if let (Some(a), Some(b)) = (first, last) {
            if b > a {
                return parts[a..=b].iter().map(|p| tok(p, classify(p))).collect();
            }
        }
    }
    let text = tidy(raw);
    let kind = classify(&text);
    if kind == Kind::Label {
        if let Some(words) = split_header_line(&text) {
            return words.into_iter().map(|w| tok(w, Kind::Label)).collect();
        }
    }
    if kind == Kind::Label || kind == Kind::Value {
        let words: Vec<&str> = text.split(' ').collect();
        let values = words
            .iter()
            .rev()
            .take_while(|w| matches!(classify(w), Kind::Value))
            .count();
        if values >= 1 && words.len() > 1 {
            let head = words[..words.len() - values].join(" ");
            let mut out = Vec::new();
            if !head.is_empty() {
                let k = classify(&head);
                if k != Kind::Label {
                    return vec![tok(&text, kind)];
                }
                out.push(tok(&head, Kind::Label));
            }
            out.extend(
                words[words.len() - values..]
                    .iter()
                    .map(|w| tok(w, Kind::Value)),
            );
            return out;
        }
    }
    vec![tok(&text, kind)]
}
