//! `nianbao export` and `nianbao stats` end to end on reports written here: every standard cell and prose
//! figure exported with its kind, value and position (each value's line contains its raw text), blank and "/"
//! never turned into 0, indicators as computed by hand (null with the reason where a cell is blank or a
//! denominator is 0), year-over-year changes, and an outlier among peers on the early-warning list.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn nianbao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run nianbao")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    dir
}

/// 表三 rows as written (label, six applicant columns); the 总计 column and the (七)总计 row are added up here.
/// `None` is a blank cell, `Some("/")` not applicable.
const T3: &[(&str, [&str; 6])] = &[
    (
        "一、本年新收政府信息公开申请数量",
        ["40", "5", "0", "0", "1", "2"],
    ),
    (
        "二、上年结转政府信息公开申请数量",
        ["2", "0", "/", "0", "0", "0"],
    ),
    ("（一）予以公开", ["20", "3", "0", "0", "0", "1"]),
    (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ["5", "0", "0", "0", "0", "0"],
    ),
    ("1.属于国家秘密", ["1", "0", "0", "0", "0", "0"]),
    ("2.其他法律行政法规禁止公开", ["0", "0", "0", "0", "0", "0"]),
    ("3.危及“三安全一稳定”", ["0", "0", "0", "0", "0", "0"]),
    ("4.保护第三方合法权益", ["2", "0", "0", "0", "0", "0"]),
    ("5.属于三类内部事务信息", ["0", "0", "0", "0", "0", "0"]),
    ("6.属于四类过程性信息", ["0", "0", "0", "0", "0", "0"]),
    ("7.属于行政执法案卷", ["0", "0", "0", "0", "0", "0"]),
    ("8.属于行政查询事项", ["0", "0", "0", "0", "0", "0"]),
    ("1.本机关不掌握相关政府信息", ["6", "1", "0", "0", "1", "0"]),
    ("2.没有现成信息需要另行制作", ["0", "0", "0", "0", "0", "0"]),
    ("3.补正后申请内容仍不明确", ["0", "0", "0", "0", "0", "0"]),
    ("1.信访举报投诉类申请", ["3", "0", "0", "0", "0", "1"]),
    ("2.重复申请", ["0", "0", "0", "0", "0", "0"]),
    ("3.要求提供公开出版物", ["0", "0", "0", "0", "0", "0"]),
    ("4.无正当理由大量反复申请", ["0", "0", "0", "0", "0", "0"]),
    (
        "5.要求行政机关确认或重新出具已获取信息",
        ["0", "0", "0", "0", "0", "0"],
    ),
    (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ["1", "0", "0", "0", "0", "0"],
    ),
    (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ["0", "0", "0", "0", "0", "0"],
    ),
    ("3.其他", ["0", "0", "0", "0", "0", "0"]),
];

fn num(s: &str) -> i64 {
    s.parse().unwrap_or(0)
}

/// A 2021-format report of `body` for `year`, every 表三 figure multiplied by `scale`. The 总计 cell of
/// "8.属于行政查询事项" is left blank, 行政许可 is "/", 行政处罚 blank.
fn report(body: &str, kind: &str, year: i32, scale: i64) -> String {
    let scaled = |s: &str| -> String {
        if s == "/" || s.is_empty() {
            s.to_string()
        } else {
            (num(s) * scale).to_string()
        }
    };
    let mut t3 = String::from(
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut results = [0i64; 6];
    let mut first_two = [0i64; 6];
    for (i, (label, cells)) in T3.iter().enumerate() {
        let total: i64 = cells.iter().map(|c| num(c) * scale).sum();
        let written: Vec<String> = cells.iter().map(|c| scaled(c)).collect();
        for (k, c) in cells.iter().enumerate() {
            if i < 2 {
                first_two[k] += num(c) * scale;
            } else {
                results[k] += num(c) * scale;
            }
        }
        let total_cell = if label.starts_with("8.") {
            String::new()
        } else {
            total.to_string()
        };
        t3.push_str(&format!(
            "| {label} | {} | {total_cell} |\n",
            written.join(" | ")
        ));
    }
    let sum: i64 = results.iter().sum();
    let row = |v: [i64; 6], s: i64| {
        format!(
            "{} | {s}",
            v.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    t3.push_str(&format!("| （七）总计 | {} |\n", row(results, sum)));
    let carry: Vec<i64> = (0..6).map(|k| first_two[k] - results[k]).collect();
    let carry_total: i64 = carry.iter().sum();
    t3.push_str(&format!(
        "| 四、结转下年度继续办理 | {} | {carry_total} |\n",
        carry
            .iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    let new_total = (40 + 5 + 1 + 2) * scale;
    format!(
        "---\n标题: {body}{year}年政府信息公开工作年度报告\n机关: {body}\n机关类型: {kind}\n年度: {year}\n格式: 2021\n发布日期: {}-01-20\n---\n\n\
# 一、总体情况\n\n{year}年共收到政府信息公开申请{new_total}件，予以公开{}件。全年因政府信息公开引起的行政复议2件。\n\n\
# 二、主动公开政府信息情况\n\n\
| 第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | ---: | ---: | ---: |\n| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 3 | 1 | 27 |\n\n\
| 第二十条第（五）项 | 本年处理决定数量 |\n| --- | ---: |\n| 行政许可 | / |\n\n\
| 第二十条第（六）项 | 本年处理决定数量 |\n| --- | ---: |\n| 行政处罚 |  |\n| 行政强制 | 0 |\n\n\
| 第二十条第（八）项 | 本年收费金额（单位：万元） |\n| --- | ---: |\n| 行政事业性收费 | 0.5 |\n\n\
# 三、收到和处理政府信息公开申请情况\n\n{t3}\n\
# 四、政府信息公开行政复议、行政诉讼情况\n\n\
| 复议诉讼情况 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| --- | ---: | ---: | ---: | ---: | ---: |\n\
| 行政复议 | 1 | 1 | 0 | 0 | 2 |\n| 行政诉讼（未经复议直接起诉） | 0 | 0 | 0 | 0 | 0 |\n| 行政诉讼（复议后起诉） | 0 | 0 | 0 | 0 | 0 |\n\n\
# 五、存在的主要问题及改进情况\n\n无。\n\n# 六、其他需要报告的事项\n\n无。\n",
        year + 1,
        24 * scale,
    )
}

fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn export(dir: &Path) -> (Vec<Value>, Vec<Value>) {
    let out = nianbao(dir, &["export", "reports", "-o", "out"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        jsonl(&dir.join("out/cells.jsonl")),
        jsonl(&dir.join("out/indicators.jsonl")),
    )
}

fn cell<'a>(cells: &'a [Value], table: &str, row: &str, column: &str) -> &'a Value {
    cells
        .iter()
        .find(|c| {
            c["source"] == "table"
                && c["table"] == table
                && c["row"] == row
                && c["column"] == column
        })
        .unwrap_or_else(|| panic!("no cell {table}:{row}/{column}"))
}

fn indicator<'a>(rows: &'a [Value], file_part: &str, key: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["indicator"] == key && r["file"].as_str().unwrap().contains(file_part))
        .unwrap_or_else(|| panic!("no indicator {key} for {file_part}"))
}

#[test]
fn every_cell_is_exported_with_its_kind_value_and_line() {
    let dir = scratch("cells");
    let text = report("甲县交通运输局", "部门", 2023, 1);
    std::fs::write(dir.join("reports/a-2023.nianbao"), &text).unwrap();
    let (cells, _) = export(&dir);
    // 表三 (25 data rows × 7) + 表四 (3 × 5) + 表二 (2×3 + 1 + 2 + 1) cells, and the prose figures.
    let table_cells = cells.iter().filter(|c| c["source"] == "table").count();
    assert_eq!(table_cells, 25 * 7 + 3 * 5 + 6 + 1 + 2 + 1);
    // Blank, "/" and 0 stay distinct; none of the first two has a value.
    let na = cell(&cells, "t3", "carried", "research");
    assert_eq!(
        (na["kind"].as_str(), na["raw"].as_str()),
        (Some("not-applicable"), Some("/"))
    );
    assert!(na["value"].is_null());
    let blank = cell(&cells, "t3", "deny.query", "total");
    assert_eq!(
        (blank["kind"].as_str(), blank["raw"].as_str()),
        (Some("blank"), Some(""))
    );
    assert!(blank["value"].is_null());
    let zero = cell(&cells, "t3", "deny.query", "person");
    assert_eq!(
        (zero["kind"].as_str(), zero["value"].as_f64()),
        (Some("zero"), Some(0.0))
    );
    let n = cell(&cells, "t3", "new", "total");
    assert_eq!(
        (n["kind"].as_str(), n["value"].as_f64()),
        (Some("number"), Some(48.0))
    );
    assert_eq!(n["row_label"], "一、本年新收政府信息公开申请数量");
    assert_eq!(n["column_label"], "总计");
    assert_eq!(n["body"], "甲县交通运输局");
    assert_eq!(n["level"], "部门");
    assert_eq!(n["year"], 2023);
    assert_eq!(n["format"], "gov2021");
    let fee = cell(&cells, "t2-8", "fees", "amount");
    assert_eq!(
        (fee["value"].as_f64(), fee["unit"].as_str()),
        (Some(0.5), Some("万元"))
    );
    assert_eq!(
        cell(&cells, "t2-5", "license", "decisions")["kind"],
        "not-applicable"
    );
    assert_eq!(
        cell(&cells, "t2-6", "penalty", "decisions")["kind"],
        "blank"
    );
    // Each figure's line, from its column (1-based, in characters), starts with its raw text.
    let lines: Vec<&str> = text.lines().collect();
    for c in &cells {
        let raw = c["raw"].as_str().unwrap();
        let line = lines[c["line"].as_u64().unwrap() as usize - 1];
        let from: String = line
            .chars()
            .skip(c["char_col"].as_u64().unwrap() as usize - 1)
            .collect();
        assert!(
            from.starts_with(raw),
            "{raw:?} not at its place in {line:?}"
        );
        let bytes =
            c["byte_start"].as_u64().unwrap() as usize..c["byte_end"].as_u64().unwrap() as usize;
        if !raw.is_empty() {
            assert_eq!(&text[bytes], raw);
        }
    }
    // The cells reproduce each column's (七)总计 (blank adds nothing, "/" is not 0 but not a figure either).
    let leaves: Vec<&Value> = cells
        .iter()
        .filter(|c| c["table"] == "t3" && c["source"] == "table")
        .collect();
    for column in [
        "person", "business", "research", "charity", "legal", "other", "total",
    ] {
        let sum: f64 = leaves
            .iter()
            .filter(|c| c["column"] == column)
            .filter(|c| {
                let r = c["row"].as_str().unwrap_or("");
                !matches!(r, "new" | "carried" | "total" | "carry_next")
            })
            .filter_map(|c| c["value"].as_f64())
            .sum();
        assert_eq!(
            Some(sum),
            cell(&cells, "t3", "total", column)["value"].as_f64(),
            "{column}"
        );
    }
    // The prose figures about standard rows, with the quote they stand for.
    let prose: Vec<(&str, &str, &str)> = cells
        .iter()
        .filter(|c| c["source"] == "prose")
        .map(|c| {
            (
                c["row"].as_str().unwrap(),
                c["raw"].as_str().unwrap(),
                c["quote"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        prose,
        vec![
            ("new", "48件", "N-2.new"),
            ("public", "24件", "N-2.public"),
            ("review", "2件", "N-2.review")
        ]
    );
    // The CSV: a BOM, the same rows.
    let csv = std::fs::read_to_string(dir.join("out/cells.csv")).unwrap();
    assert!(csv.starts_with("\u{FEFF}file,body,level,year,format,source,"));
    assert_eq!(csv.lines().count(), cells.len() + 1);
    let parquet = std::fs::read(dir.join("out/cells.parquet")).unwrap();
    assert!(parquet.starts_with(b"PAR1") && parquet.ends_with(b"PAR1"));
}

#[test]
fn indicators_follow_the_dictionary_and_never_guess_zero() {
    let dir = scratch("indicators");
    std::fs::write(
        dir.join("reports/a-2022.nianbao"),
        report("甲县交通运输局", "部门", 2022, 2),
    )
    .unwrap();
    std::fs::write(
        dir.join("reports/a-2023.nianbao"),
        report("甲县交通运输局", "部门", 2023, 1),
    )
    .unwrap();
    let (_, rows) = export(&dir);
    let value = |file: &str, key: &str| indicator(&rows, file, key)["value"].as_f64();
    let status = |file: &str, key: &str| {
        indicator(&rows, file, key)["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // By hand: 办结 (七)总计 = 24+5+1+2+8+4+1 = 45; 新收 48, 上年结转 2.
    assert_eq!(value("2023", "requests_new"), Some(48.0));
    assert_eq!(value("2023", "requests_handled"), Some(45.0));
    assert_eq!(value("2023", "completion_rate"), Some(90.0)); // 45 / 50
    assert_eq!(value("2023", "disclosure_rate"), Some(64.4444)); // 29 / 45
    assert_eq!(value("2023", "review_correction_rate"), Some(50.0)); // 1 / (1+1+0)
    assert_eq!(value("2023", "normative_made"), Some(3.0));
    // A blank 总计 cell among 不予公开's: no rate, and the reason names the cell.
    assert_eq!(status("2023", "denial_rate"), "blank");
    assert!(value("2023", "denial_rate").is_none());
    let reason = indicator(&rows, "2023", "denial_rate")["reason"]
        .as_str()
        .unwrap();
    assert!(reason.contains("行政查询事项"), "{reason}");
    // No concluded suit: no correction rate (not 0).
    assert_eq!(status("2023", "suit_correction_rate"), "zero-denominator");
    assert_eq!(status("2023", "license_decisions"), "not-applicable");
    assert_eq!(status("2023", "penalty_decisions"), "blank");
    // Year over year against the same body's 2022 report (figures ×2 there).
    assert_eq!(value("2023", "requests_new.change"), Some(-48.0));
    assert_eq!(value("2023", "requests_new.change_pct"), Some(-50.0));
    assert_eq!(status("2022", "requests_new.change"), "no-previous-year");
    let inputs = indicator(&rows, "2023", "completion_rate")["inputs"]
        .as_str()
        .unwrap();
    assert_eq!(
        inputs,
        "t3:total/total=45; t3:new/total=48; t3:carried/total=2"
    );
}

#[test]
fn an_outlier_among_peers_is_on_the_early_warning_list() {
    let dir = scratch("stats");
    for i in 0..8 {
        // Peers: the same figures, scaled 1…3; the outlier: ×40.
        let scale = [1, 2, 1, 3, 2, 1, 2, 40][i];
        let body = format!("乙市第{}局", i + 1);
        std::fs::write(
            dir.join(format!("reports/{i}.nianbao")),
            report(&body, "部门", 2023, scale),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("reports/1-2022.nianbao"),
        report("乙市第2局", "部门", 2022, 1),
    )
    .unwrap();
    let out = nianbao(&dir, &["stats", "reports", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    let warned: Vec<(&str, &str, &str)> = stats["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["body"].as_str().unwrap(),
                w["indicator"].as_str().unwrap(),
                w["side"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        warned.contains(&("乙市第8局", "requests_new", "high")),
        "{warned:?}"
    );
    assert!(
        warned.iter().all(|(b, _, _)| *b == "乙市第8局"),
        "{warned:?}"
    );
    let group = stats["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"]["year"] == 2023)
        .unwrap();
    assert_eq!(group["reports"], 8);
    let new = group["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "requests_new")
        .unwrap();
    // 48 × [1,1,1,2,2,2,3,40]: P25 = 48, P50 = 96, P75 = 108.
    assert_eq!(
        (
            new["p25"].as_f64(),
            new["p50"].as_f64(),
            new["p75"].as_f64()
        ),
        (Some(48.0), Some(96.0), Some(108.0))
    );
    assert_eq!(new["members"][0]["body"], "乙市第8局");
    assert_eq!(new["members"][0]["rank"], 1);
    // The trend of the body with two years.
    let trend = stats["trends"].as_array().unwrap();
    assert_eq!(trend.len(), 1);
    assert_eq!(trend[0]["body"], "乙市第2局");
    // The HTML page: one box plot per indicator with values, per group; no external resources.
    let html_out = nianbao(
        &dir,
        &["stats", "reports", "--format", "html", "-o", "stats.html"],
    );
    assert!(html_out.status.success());
    let page = std::fs::read_to_string(dir.join("stats.html")).unwrap();
    let with_values: usize = stats["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            g["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["n"].as_u64() > Some(0))
                .count()
        })
        .sum();
    assert_eq!(page.matches("<svg class=\"boxplot\"").count(), with_values);
    assert!(page.matches("<polyline class=\"trend-line\"").count() >= 1);
    assert!(
        !page.contains("http://") && !page.contains("https://") && !page.contains("<script src")
    );
    // Human output names the outlier too.
    let human = nianbao(&dir, &["stats", "reports"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("乙市第8局"));
    // A further grouping from nianbao.toml's [defaults] (地区 is not a front-matter key of the language).
    std::fs::write(
        dir.join("reports/nianbao.toml"),
        "[defaults]\n\"地区\" = \"乙市\"\n",
    )
    .unwrap();
    let by = nianbao(
        &dir,
        &["stats", "reports", "--by", "地区", "--format", "json"],
    );
    assert!(
        by.status.success(),
        "{}",
        String::from_utf8_lossy(&by.stderr)
    );
    let by: Value = serde_json::from_slice(&by.stdout).unwrap();
    let labels: Vec<&str> = by["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        vec!["2022年 · 部门 · 地区=乙市", "2023年 · 部门 · 地区=乙市"]
    );
}
