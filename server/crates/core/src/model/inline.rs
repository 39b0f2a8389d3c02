//! Figures, article references and placeholders found in prose and cells.

use std::ops::Range;

use rust_decimal::Decimal;

/// A figure such as `2471条`, `7100余条`, `40余万人次`, `0.5万元`, `97%`.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub range: Range<usize>,
    /// Range of the digits alone.
    pub digits_range: Range<usize>,
    /// The value with its magnitude applied (`0.5万` → 5000).
    pub value: Decimal,
    /// The digits as written, as a decimal (`0.5万` → 0.5).
    pub written: Decimal,
    /// 余, 多, 约, 近, 逾, 超过, 左右 …: the figure is not exact.
    pub approx: bool,
    /// 万, 亿, 千 as written.
    pub magnitude: Option<String>,
    /// 条, 件, 人次, %, 元 … as written (without the magnitude).
    pub unit: Option<String>,
    /// Written with a sign (`+1036`, `-4`): only in cells.
    pub signed: bool,
}

impl Number {
    /// A count of things (件, 条 …), not a percentage or an amount of money.
    pub fn is_count(&self) -> bool {
        // By the one character of most units (a string match compares with
        // each word of its length in turn).
        match self.unit_key() {
            None => false,
            Some(unit) => match one_char(unit) {
                Some(c) => !matches!(c, '%' | '％' | '元' | '天'),
                None => !matches!(unit, "小时" | "分钟" | "个工作日"),
            },
        }
    }

    /// The unit in simplified characters (`條` → `条`), for comparisons.
    pub fn unit_key(&self) -> Option<&str> {
        self.unit.as_deref().map(simplified_unit)
    }

    pub fn is_percent(&self) -> bool {
        matches!(self.unit.as_deref(), Some("%" | "％"))
    }
}

/// `第五十条第（四）项` and the like, before resolution against an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRef {
    pub range: Range<usize>,
    pub text: String,
    /// The title written immediately before it (`《保密法》第九条`), if any.
    pub preceding_title: Option<String>,
}

impl ArticleRef {
    /// Whether this refers to the 条例 (not to another law named just before it).
    pub fn is_tiaoli(&self) -> bool {
        match &self.preceding_title {
            None => true,
            Some(t) => {
                let t = t.trim_start_matches('《').trim_end_matches('》');
                t == "条例"
                    || t == "條例"
                    || t.contains("政府信息公开条例")
                    || t.contains("政府信息公開條例")
            }
        }
    }
}

/// An unfilled template blank: `()`, `XX`, `＿＿`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub range: Range<usize>,
}

/// Converts full-width digits and the full-width decimal point to ASCII.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '＋' => '+',
            '－' => '-',
            c => c,
        })
        .collect()
}

/// The multiplier of a magnitude character.
pub fn magnitude_factor(m: &str) -> Decimal {
    match m {
        "万" | "萬" => Decimal::from(10_000),
        "亿" | "億" => Decimal::from(100_000_000),
        "千" => Decimal::from(1_000),
        _ => Decimal::ONE,
    }
}

/// The character of a text of one character.
fn one_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    chars.next().filter(|_| chars.as_str().is_empty())
}

/// Traditional spellings of units, as converted pages write them.
pub fn simplified_unit(unit: &str) -> &str {
    // Most units are one character: matched as a character, not by
    // comparing the string with each word of its length in turn.
    if let Some(c) = one_char(unit) {
        return match c {
            '條' => "条",
            '宗' | '份' | '例' => "件",
            '個' => "个",
            '項' => "项",
            '場' => "场",
            '戶' => "户",
            '張' => "张",
            '塊' => "块",
            '處' => "处",
            '冊' => "册",
            '臺' => "台",
            '頁' => "页",
            _ => unit,
        };
    }
    simplified_unit_by_words(unit)
}

/// [`simplified_unit`] by comparing the whole string (the reference the
/// character match is tested against).
fn simplified_unit_by_words(unit: &str) -> &str {
    match unit {
        "條" => "条",
        // 宗, 份 and 例 count applications and cases as 件 does ("受理申请10件，其中当面申请1宗", "收到8份申请",
        // "共受理申请29例，其中通过网络收到申请25件").
        "宗" | "份" | "例" => "件",
        "個" => "个",
        "項" => "项",
        "場" => "场",
        "戶" => "户",
        "張" => "张",
        "塊" => "块",
        "處" => "处",
        "冊" => "册",
        "臺" => "台",
        "頁" => "页",
        "條次" => "条次",
        "個工作日" => "个工作日",
        "小時" => "小时",
        "分鐘" => "分钟",
        u => u,
    }
}

/// Words before a figure that make it approximate.
pub const APPROX_BEFORE: &[&str] = &["约", "近", "逾", "超过", "将近", "接近", "大约"];
/// Words after a figure that make it approximate.
pub const APPROX_AFTER: &[&str] = &["左右", "上下", "以上"];

#[cfg(test)]
mod tests {
    use super::*;

    /// The units the grammar reads, each alone, doubled, with 次 and with 工作日 after it, traditional spellings,
    /// and some other texts.
    fn units() -> Vec<String> {
        // The figure words of the grammar (`model::build::text::FIGURE_WORDS`).
        let words = "余多餘万亿千萬億条件次人个名篇份项家场期户批类部台套本册张幅块处所元%％天工作日小时分钟位页封起宗例條個項場戶張塊處冊臺頁時鐘";
        let mut units: Vec<String> = [
            "",
            "条次",
            "條次",
            "个工作日",
            "個工作日",
            "工作日",
            "小时",
            "小時",
            "分钟",
            "分鐘",
            "人次",
            "%",
            "％",
            "元",
            "天",
            "a",
            "ab",
            "\u{20000}",
            "宗宗",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        for c in words
            .chars()
            .chain("條宗份例個項場戶張塊處冊臺頁条件个项".chars())
        {
            units.push(c.to_string());
            units.push(format!("{c}{c}"));
            units.push(format!("{c}次"));
            units.push(format!("{c}工作日"));
        }
        units
    }

    /// The character match gives what the string match gives.
    #[test]
    fn simplified_unit_is_by_words() {
        for unit in units() {
            assert_eq!(
                simplified_unit(&unit),
                simplified_unit_by_words(&unit),
                "{unit}"
            );
        }
    }

    /// [`Number::is_count`] is the string match on the simplified unit.
    #[test]
    fn is_count_is_by_words() {
        let number = |unit: Option<String>| Number {
            range: 0..1,
            digits_range: 0..1,
            value: Decimal::ONE,
            written: Decimal::ONE,
            approx: false,
            magnitude: None,
            unit,
            signed: false,
        };
        for unit in units().into_iter().map(Some).chain([None]) {
            let by_words = !matches!(
                unit.as_deref().map(simplified_unit_by_words),
                None | Some("%" | "％" | "元" | "天" | "小时" | "分钟" | "个工作日")
            );
            assert_eq!(number(unit.clone()).is_count(), by_words, "{unit:?}");
        }
    }
}
