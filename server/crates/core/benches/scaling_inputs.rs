//! Pathological inputs, one dimension grown at a time (shared by the
//! `scaling` bench and the `scaling` example). Each generator takes a scale
//! factor `k` (1, 2, 4, 8) and grows only its own dimension.

const FRONT: &str = "---\n标题: 测试县2023年政府信息公开工作年度报告\n年度: 2023\n格式: 2021\n---\n\n# 一、总体情况\n\n";

/// A generator: the input at scale `k`.
pub type Make = fn(usize) -> String;

/// The dimensions, with their base sizes chosen so that ×8 stays a few
/// hundred KB to 1 MB.
pub const DIMENSIONS: &[(&str, Make)] = &[
    ("paragraph length (one sentence, no 。)", paragraph_length),
    ("sentences per paragraph", sentences_per_paragraph),
    ("numbers per sentence", numbers_per_sentence),
    ("table rows", table_rows),
    ("table columns", table_columns),
    ("line length", line_length),
    ("headings", headings),
    ("clauses of change", change_clauses),
    ("percent signs", percent_signs),
    ("parts with shares", parts_with_shares),
    ("enumeration with 、", enumeration),
    ("比上年 repeated", compared_with_last_year),
    ("parts with their own breakdown", sub_lists),
    ("shares after brackets", bracketed_shares),
];

/// One sentence of ever more percentages (占比N%，N%，…).
/// Parts each followed by a breakdown that never adds up to them ("类1 3条，含0条、0条，……"), closed by
/// subtotals: the sub-list and subtotal reading must stay linear.
pub fn sub_lists(k: usize) -> String {
    let mut s = FRONT.to_string();
    s.push_str("共发布信息1000条，其中");
    for i in 0..2000 * k {
        s.push_str(&format!("类{i} 3条，含0条、0条，小计{}条，", i % 7));
    }
    s.push_str("。\n");
    s
}

/// Shares after brackets holding figures ("类1 3条（其中2条），占1%，"): the part is read back before the bracket.
pub fn bracketed_shares(k: usize) -> String {
    let mut s = FRONT.to_string();
    s.push_str("共发布信息1000条，其中");
    for i in 0..2000 * k {
        s.push_str(&format!("类{i} 3条（其中{}条），占1%，", i % 3));
    }
    s.push_str("。\n");
    s
}

pub fn percent_signs(k: usize) -> String {
    let mut s = FRONT.to_string();
    s.push_str("占比");
    for i in 0..5000 * k {
        s.push_str(&format!("{}%，", i % 100));
    }
    s.push_str("。\n");
    s
}

/// One sentence: a total and ever more parts, each with its share (其中类N M件，占X%，).
pub fn parts_with_shares(k: usize) -> String {
    let mut s = FRONT.to_string();
    s.push_str("共收到申请1000件，");
    for i in 0..1250 * k {
        s.push_str(&format!("其中类{i} {}件，占{}%，", i % 50, i % 50));
    }
    s.push_str("。\n");
    s
}

/// One sentence: a total and an ever longer list of parts joined by 、.
pub fn enumeration(k: usize) -> String {
    let mut s = FRONT.to_string();
    s.push_str(&format!("共收到申请{}件，其中", 5000 * k));
    let parts: Vec<String> = (0..5000 * k).map(|i| format!("类{i}1件")).collect();
    s.push_str(&parts.join("、"));
    s.push_str("。\n");
    s
}

/// One sentence of ever more comparisons with last year.
pub fn compared_with_last_year(k: usize) -> String {
    let mut s = FRONT.to_string();
    for i in 0..2500 * k {
        s.push_str(&format!("比上年增加{}件，比上年减少{}件，", i % 9, i % 7));
    }
    s.push_str("。\n");
    s
}

/// One endless sentence of clauses (共收到申请N件，比上年增加M件，增长X%，) that each state a figure, its change on
/// last year and the rate (the shape every prose rule about a change reads);
/// most rates are wrong, so every clause is also a finding.
pub fn change_clauses(k: usize) -> String {
    let mut s = FRONT.to_string();
    for i in 0..1000 * k {
        s.push_str(&format!(
            "共收到申请{}件，比上年增加{}件，增长{}%，",
            100 + i % 97,
            1 + i % 13,
            i * 7 % 50
        ));
    }
    s.push_str("。\n");
    s
}

/// One paragraph, one endless sentence of clauses with 其中 and commas only.
pub fn paragraph_length(k: usize) -> String {
    let mut s = FRONT.to_string();
    for i in 0..1000 * k {
        s.push_str(&format!(
            "共收到申请{}件，其中网络申请20件，信函申请10件，较上年增加{}件，",
            30 + i % 7,
            i % 5
        ));
    }
    s.push_str("。\n");
    s
}

/// One paragraph of many short sentences with 其中 (the 800 KB case
/// at ×8).
pub fn sentences_per_paragraph(k: usize) -> String {
    let mut s = FRONT.to_string();
    for i in 0..2000 * k {
        s.push_str(&format!(
            "共收到申请{}件，其中网络申请20件，信函申请10件。",
            30 + i % 3
        ));
    }
    s.push('\n');
    s
}

/// One sentence: a total and ever more parts.
pub fn numbers_per_sentence(k: usize) -> String {
    let parts = 4000 * k;
    let mut s = FRONT.to_string();
    s.push_str(&format!("共发布信息{}条，其中", parts * 3 + 1));
    for i in 0..parts {
        s.push_str(&format!("类别{i}信息3条，"));
    }
    s.push_str("其他信息1条。\n");
    s
}

fn table(rows: usize, cols: usize) -> String {
    let mut s = String::from("| 项目");
    for c in 0..cols {
        s.push_str(&format!(" | 列{c}"));
    }
    s.push_str(" |\n| ---");
    for _ in 0..cols {
        s.push_str(" | ---:");
    }
    s.push_str(" |\n");
    for r in 0..rows {
        s.push_str(&format!("| 行{r}"));
        for c in 0..cols {
            s.push_str(&format!(" | {}", r * 7 + c));
        }
        s.push_str(" |\n");
    }
    s.push('\n');
    s
}

/// A section of the standard tables with a table of ever more rows.
pub fn table_rows(k: usize) -> String {
    format!(
        "{FRONT}# 二、主动公开政府信息情况\n\n{}",
        table(1500 * k, 4)
    )
}

/// A table of ever more columns.
pub fn table_columns(k: usize) -> String {
    format!(
        "{FRONT}# 二、主动公开政府信息情况\n\n{}",
        table(20, 250 * k)
    )
}

/// One very long line of prose with a figure now and then.
pub fn line_length(k: usize) -> String {
    let mut s = FRONT.to_string();
    for i in 0..2500 * k {
        s.push_str(&format!(
            "本机关认真贯彻条例要求，及时规范公开政府信息{}条，",
            i % 100
        ));
    }
    s.push('\n');
    s
}

/// Ever more headings, each with a short paragraph.
pub fn headings(k: usize) -> String {
    let mut s = FRONT.to_string();
    for i in 0..1500 * k {
        s.push_str(&format!(
            "## （{i}）工作情况\n\n共发布信息{}条，其中政策解读3条，其他信息{}条。\n\n",
            10 + i % 4,
            7 + i % 4
        ));
    }
    s
}
