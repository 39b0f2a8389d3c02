//! Styles and numbering: heading levels from styles, list numbers as Word prints them.

use super::*;

// ---------------------------------------------------------------------------------------------------------
// Styles and numbering.

#[derive(Debug, Default, Clone)]
pub(super) struct Style {
    pub(super) outline: Option<u8>,
    pub(super) heading: Option<u8>,
    pub(super) based_on: Option<String>,
    pub(super) num: Option<(String, usize)>,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    pub(super) styles: HashMap<String, Style>,
    pub(super) default_paragraph: Option<String>,
}

impl Styles {
    pub(super) fn read(root: &El) -> Styles {
        let mut out = Styles::default();
        let Some(styles) = root.find("styles") else {
            return out;
        };
        for s in styles.elements().filter(|e| e.name == "style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            if s.attr("type") != Some("paragraph") && s.attr("type").is_some() {
                continue;
            }
            if s.toggle("default") || matches!(s.attr("default"), Some("1" | "true")) {
                out.default_paragraph = Some(id.to_string());
            }
            let name = s.val("name").unwrap_or("").to_lowercase();
            let heading =
                heading_level_of_name(&name).or_else(|| heading_level_of_name(&id.to_lowercase()));
            let ppr = s.child("pPr");
            let outline = ppr
                .and_then(|p| p.val("outlineLvl"))
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|&l| l < 9);
            let num = ppr.and_then(num_pr);
            out.styles.insert(
                id.to_string(),
                Style {
                    outline,
                    heading,
                    based_on: s.val("basedOn").map(str::to_string),
                    num,
                },
            );
        }
        out
    }

    /// Follows `basedOn` (at most a few steps, cycles ignored).
    pub(super) fn resolve<T>(&self, id: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut id = id.to_string();
        for _ in 0..16 {
            let s = self.styles.get(&id)?;
            if let Some(v) = get(s) {
                return Some(v);
            }
            id = s.based_on.clone()?;
        }
        None
    }
}

pub(super) fn heading_level_of_name(name: &str) -> Option<u8> {
    if name == "title" || name == "标题" {
        return Some(1);
    }
    for prefix in ["heading", "标题", "heading "] {
        if let Some(rest) = name.strip_prefix(prefix) {
            if let Ok(n) = rest.trim().parse::<u8>() {
                if (1..=9).contains(&n) {
                    return Some(n);
                }
            }
        }
    }
    None
}

pub(super) fn num_pr(ppr: &El) -> Option<(String, usize)> {
    let n = ppr.child("numPr")?;
    let id = n.val("numId")?.to_string();
    let level = n
        .val("ilvl")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0usize)
        .min(8);
    Some((id, level))
}

#[derive(Debug, Clone, Default)]
pub(super) struct Level {
    pub(super) format: String,
    pub(super) text: String,
    pub(super) start: usize,
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// numId → (abstractNumId, level overrides of start).
    pub(super) nums: HashMap<String, (String, HashMap<usize, usize>)>,
    pub(super) abstracts: HashMap<String, Vec<Level>>,
    /// Counters per abstract list (Word counts per numId, but lists sharing an abstract usually continue).
    pub(super) counters: HashMap<String, [usize; 9]>,
}

impl Numbering {
    pub(super) fn read(root: &El) -> Numbering {
        let mut out = Numbering::default();
        let Some(n) = root.find("numbering") else {
            return out;
        };
        for a in n.elements().filter(|e| e.name == "abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); 9];
            for l in a.elements().filter(|e| e.name == "lvl") {
                let i: usize = l.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                if i < 9 {
                    levels[i] = Level {
                        format: l.val("numFmt").unwrap_or("decimal").to_string(),
                        text: l.val("lvlText").unwrap_or("").to_string(),
                        start: l.val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                    };
                }
            }
            out.abstracts.insert(id.to_string(), levels);
        }
        for num in n.elements().filter(|e| e.name == "num") {
            let (Some(id), Some(a)) = (num.attr("numId"), num.val("abstractNumId")) else {
                continue;
            };
            let mut starts = HashMap::new();
            for o in num.elements().filter(|e| e.name == "lvlOverride") {
                let i: usize = o.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                if let Some(s) = o.val("startOverride").and_then(|v| v.parse().ok()) {
                    starts.insert(i, s);
                }
            }
            out.nums.insert(id.to_string(), (a.to_string(), starts));
        }
        out
    }

    /// The label of the next paragraph of list `num_id` at `level` (“一、”, “（二）”, “3.”), advancing it.
    pub(super) fn next(&mut self, num_id: &str, level: usize) -> Option<String> {
        if num_id == "0" {
            return None;
        }
        let (abs, starts) = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abs)?.clone();
        let counters = self.counters.entry(abs).or_insert([0; 9]);
        let level = level.min(8);
        let start_of = |i: usize| starts.get(&i).copied().unwrap_or(levels[i].start);
        counters[level] = if counters[level] == 0 {
            start_of(level)
        } else {
            counters[level] + 1
        };
        for c in counters.iter_mut().skip(level + 1) {
            *c = 0;
        }
        for (i, c) in counters.iter_mut().enumerate().take(level) {
            if *c == 0 {
                *c = start_of(i);
            }
        }
        let lvl = &levels[level];
        if lvl.format == "none" || lvl.format == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let i = (d as usize).saturating_sub(1).min(8);
                    out.push_str(&format_number(counters[i], &levels[i].format));
                    continue;
                }
            }
            out.push(c);
        }
        Some(out)
    }
}

pub(super) fn format_number(n: usize, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "chineseLegalSimplified"
        | "ideographLegalTraditional" => chinese(n),
        "lowerLetter" => letter(n, b'a'),
        "upperLetter" => letter(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

pub(super) fn chinese(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n.is_multiple_of(10) { "" } else { D[n % 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

pub(super) fn letter(n: usize, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let c = (base + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(c, (n - 1) / 26 + 1).collect()
}

pub(super) fn roman(mut n: usize) -> String {
    const R: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Footnotes or endnotes by id (separators left out).
pub(super) fn notes(root: &El, name: &str) -> HashMap<String, El> {
    let mut out = HashMap::new();
    let Some(list) = root.elements().next() else {
        return out;
    };
    for n in list.elements().filter(|e| e.name == name) {
        if matches!(
            n.attr("type"),
            Some("separator" | "continuationSeparator" | "continuationNotice")
        ) {
            continue;
        }
        if let Some(id) = n.attr("id") {
            out.insert(id.to_string(), n.clone());
        }
    }
    out
}
