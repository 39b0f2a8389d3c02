//! Text repairs that published pages need: dates whose 年/月/日 were lost in scraping, document numbers that
//! lost "〕", thousands separators.

use super::is_blank_char;

/// Repairs dates whose 年/月/日 were lost in scraping, and document numbers that lost "〕"
/// ("国办发〔201619号"). Digits are never added or removed. Returns the text and a description of each repair.
pub fn repair_dates(text: &str, year_hint: Option<i32>) -> (String, Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut notes = Vec::new();
    let mut i = 0;
    let mut last_was_date = false;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_ascii_digit() || (i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.'))
        {
            out.push(c);
            if !matches!(c, '起' | '至' | '到' | '止' | '-' | '—' | '~' | '～') {
                last_was_date = false;
            }
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| !chars[j].is_ascii_digit())
            .unwrap_or(chars.len());
        let run: String = chars[i..end].iter().collect();
        let before = &chars[..i];
        let after = chars.get(end).copied();
        let before_str: String = before
            .iter()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // 〔201619号 → 〔2016〕19号
        if before.last() == Some(&'〔')
            && run.len() > 4
            && after == Some('号')
            && plausible_year(&run[..4], year_hint)
        {
            out.push_str(&run[..4]);
            out.push('〕');
            out.push_str(&run[4..]);
            notes.push(format!("“〔{run}号”→“〔{}〕{}号”", &run[..4], &run[4..]));
            i = end;
            continue;
        }
        let after_is_ri = after == Some('日');
        let context = after_is_ri
            || ["至", "到", "自", "从", "起", "于", "为", "止"]
                .iter()
                .any(|w| before_str.ends_with(w))
            || before
                .iter()
                .all(|c| is_blank_char(*c) || "(（".contains(*c))
                && chars[end..]
                    .iter()
                    .all(|c| is_blank_char(*c) || ")）".contains(*c))
            || matches!(after, Some('起' | '至' | '止' | '到'));
        if context && (5..=8).contains(&run.len()) && plausible_year(&run[..4], year_hint) {
            if let Some((m, d)) = unique_month_day(&run[4..]) {
                let text = format!("{}年{m}月{d}日", &run[..4]);
                notes.push(format!(
                    "“{run}{}”→“{text}”",
                    if after_is_ri { "日" } else { "" }
                ));
                out.push_str(&text);
                i = if after_is_ri { end + 1 } else { end };
                last_was_date = true;
                continue;
            }
        }
        // "2016年1月1日起1231" → "…起12月31日"
        if last_was_date && (2..=4).contains(&run.len()) {
            if let Some((m, d)) = unique_month_day(&run) {
                let text = format!("{m}月{d}日");
                notes.push(format!(
                    "“{run}{}”→“{text}”",
                    if after_is_ri { "日" } else { "" }
                ));
                out.push_str(&text);
                i = if after_is_ri { end + 1 } else { end };
                last_was_date = false;
                continue;
            }
        }
        out.push_str(&run);
        last_was_date = false;
        i = end;
    }
    (out, notes)
}

fn plausible_year(digits: &str, hint: Option<i32>) -> bool {
    let Ok(y) = digits.parse::<i32>() else {
        return false;
    };
    match hint {
        Some(h) => (h - 1..=h + 2).contains(&y),
        None => (2000..=2040).contains(&y),
    }
}

/// The only way to read digits as month and day, if there is exactly one.
fn unique_month_day(digits: &str) -> Option<(String, String)> {
    let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut found = None;
    for split in 1..digits.len() {
        let (m, d) = digits.split_at(split);
        if m.len() > 2 || d.len() > 2 {
            continue;
        }
        let (Ok(mn), Ok(dn)) = (m.parse::<usize>(), d.parse::<usize>()) else {
            continue;
        };
        if (1..=12).contains(&mn) && dn >= 1 && dn <= days[mn - 1] {
            if found.is_some() {
                return None;
            }
            found = Some((m.to_string(), d.to_string()));
        }
    }
    found
}

/// Thousands separators in prose, only where the line's own commas are full-width (so that an ASCII comma
/// between digit groups cannot be a Chinese comma): "21,820件" → "21820件".
pub fn drop_thousands_in_prose(text: &str) -> String {
    if !text.contains('，') || !text.contains(',') {
        return text.to_string();
    }
    drop_thousands(text)
}

/// Figures filled into the brackets of a template, "发布政务信息(1386)条，其中：概况类信息(22)条" → "1386条": a
/// bracket that holds only digits right before a unit of count. Digits are never added or removed.
pub fn unbracket_counts(text: &str) -> String {
    if !text.contains(['(', '（']) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '(' | '（') {
            let digits = chars[i + 1..]
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            let close = chars.get(i + 1 + digits).copied();
            let unit = chars.get(i + 2 + digits).copied();
            // (After words, not an item number opening a clause — "：(2)条例解读" —, and not a word that
            // starts with a unit: 条例, 项目, 个人, 次年.)
            let after_words = i > 0 && ('\u{4e00}'..='\u{9fff}').contains(&chars[i - 1]);
            let word = chars.get(i + 2 + digits..i + 4 + digits).is_some_and(|w| {
                matches!(w, ['条', '例'] | ['项', '目'] | ['个', '人'] | ['次', '年'])
            });
            if (1..=9).contains(&digits)
                && after_words
                && !word
                && matches!(close, Some(')' | '）'))
                && unit.is_some_and(|u| "条件项篇个次份人家期條項個".contains(u))
            {
                out.extend(&chars[i + 1..i + 1 + digits]);
                i += 2 + digits;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// "21,820" → "21820" where the groups after the first are of exactly three digits.
pub fn drop_thousands(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ',' && i > 0 && chars[i - 1].is_ascii_digit() {
            // The digit run before (1–3 digits, not itself after a comma group or a decimal point).
            let run_start = (0..i)
                .rev()
                .take_while(|&j| chars[j].is_ascii_digit())
                .last()
                .unwrap_or(i);
            let lead = i - run_start;
            let group = chars
                .get(i + 1..i + 4)
                .is_some_and(|g| g.iter().all(char::is_ascii_digit));
            let after = chars.get(i + 4);
            let clean_end = after.is_none_or(|a| !a.is_ascii_digit());
            let before_ok = run_start == 0
                || !(chars[run_start - 1].is_ascii_digit() || chars[run_start - 1] == '.');
            let prior_group = run_start > 0 && chars[run_start - 1] == ',';
            if group && clean_end && (1..=3).contains(&lead) && (before_ok || prior_group) {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Full-width digits ("２０１６年……２２３条") as ASCII, and a full-width point between digits as a decimal point, so
/// that every later repair and the figures' reading see one kind of digit. Returns the text and how many
/// characters changed (digits keep their value and their line).
pub fn half_width_digits(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    if !text.contains(|c: char| ('０'..='９').contains(&c)) {
        return (std::borrow::Cow::Borrowed(text), 0);
    }
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let mut out = String::with_capacity(text.len());
    let mut changed = 0;
    let mut chars = text.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        let ascii = match c {
            '０'..='９' => Some(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '．' if digit(previous) && digit(chars.peek().copied()) => Some('.'),
            _ => None,
        };
        changed += usize::from(ascii.is_some());
        out.push(ascii.unwrap_or(c));
        previous = Some(c);
    }
    (std::borrow::Cow::Owned(out), changed)
}

#[cfg(test)]
mod tests {
    use super::unbracket_counts;

    #[test]
    fn figures_filled_into_template_brackets() {
        assert_eq!(
            unbracket_counts("发布政务信息(1386)条,其中:概况类信息（22）条、主办(6)件"),
            "发布政务信息1386条,其中:概况类信息22条、主办6件"
        );
        // Not a figure of a count: a year, an item number, a bracket of words.
        for kept in [
            "(2022)年",
            "(3)市政府规章",
            "(含12)条",
            "(12)",
            "国务院令(第492号)",
            "其中：(1)政策文件30条；(2)条例解读信息10条",
            "全年共有(2)条例",
            "（1）项目建设",
        ] {
            assert_eq!(unbracket_counts(kept), kept);
        }
    }
}
