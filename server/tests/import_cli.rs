//! The `import` and `render` subcommands and the bulk side of `check` (folders, summary, CSV), through the
//! binary.

mod support;

use support::{nianbao, scratch, stderr, stdout};

#[test]
fn one_file_goes_to_stdout_with_a_report_on_stderr() {
    let o = nianbao(&["import", "tests/fixtures/import/gov2021-qinghe-2022.html"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("---\n标题: 清河县2022年政府信息公开工作年度报告\n"));
    let err = stderr(&o);
    assert!(
        err.contains("标准表格 6 张") && err.contains("全部写入"),
        "{err}"
    );
    // No progress bar or terminal codes when not on a terminal.
    assert!(!err.contains('\u{1b}') && !err.contains('\r'), "{err:?}");
    // --verbose lists what was dropped, with lines.
    let o = nianbao(&[
        "import",
        "-v",
        "--strict",
        "tests/fixtures/import/gov2021-qinghe-2022.html",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("页脚（版权、备案号、地址等）"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn folders_are_imported_into_an_output_folder_and_then_checked() {
    let out = scratch("import-folder");
    let out_s = out.to_str().unwrap();
    let o = nianbao(&["import", "tests/fixtures/import", "-o", out_s]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "gov2019-yongan-2019-gbk.nianbao",
            "gov2021-baihe-sthj-2021.nianbao",
            "gov2021-qinghe-2022.nianbao",
            "stat2014-nanxi-caizheng-2016.nianbao"
        ]
    );
    assert!(
        stderr(&o).contains("导入了 4 个文件（共 4 个），正文中的数字全部写入"),
        "{}",
        stderr(&o)
    );
    // Existing outputs are not overwritten without --force.
    let o = nianbao(&["import", "tests/fixtures/import", "-o", out_s]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("已存在"));
    assert_eq!(
        nianbao(&["import", "--force", "tests/fixtures/import", "-o", out_s])
            .status
            .code(),
        Some(0)
    );
    // The imported folder checked in bulk: a summary per file, and CSV.
    let o = nianbao(&["check", out_s]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let summary = &text[text.find("汇总：").expect("a summary")..];
    assert!(summary.contains("gov2021-qinghe-2022.nianbao"), "{summary}");
    assert!(
        summary.contains("cell-blank×1 prose-breakdown×1"),
        "{summary}"
    );
    assert!(summary.contains("按规则："), "{summary}");
    assert!(
        summary.ends_with("检查了 4 个文件：2 个错误，2 个警告，0 个提示，0 个建议\n"),
        "{summary}"
    );
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn check_writes_csv_for_spreadsheets() {
    let o = nianbao(&["check", "--format", "csv", "examples"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let text = text
        .strip_prefix('\u{FEFF}')
        .expect("a byte-order mark for spreadsheets");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "path,line,column,end_line,end_column,severity,code,message,fix"
    );
    let json = stdout(&nianbao(&["check", "--format", "json", "examples"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let total: usize = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["diagnostics"].as_array().unwrap().len())
        .sum();
    assert_eq!(lines.len() - 1, total);
    let deadline = lines.iter().find(|l| l.contains(",deadline,")).unwrap();
    assert!(
        deadline.starts_with("examples/panzhihua-dongqu-2011.nianbao,7,"),
        "{deadline}"
    );
    // Every row has the nine fields (messages are quoted where they hold a comma or a quote).
    let breakdown = lines
        .iter()
        .find(|l| l.contains(",prose-breakdown,"))
        .unwrap();
    assert!(breakdown.contains("2471"), "{breakdown}");
    // A single file: no summary, human output as before.
    let o = nianbao(&["check", "examples/suizhong-2023.nianbao"]);
    assert!(!stdout(&o).contains("汇总："));
}

#[test]
fn render_to_a_file_or_stdout() {
    let out = scratch("render-cli");
    let page = out.join("report.html");
    let o = nianbao(&[
        "render",
        "examples/suizhong-2023.nianbao",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    let o = nianbao(&["render", "examples/dongning-2016.nianbao"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("<table border=\"1\" class=\"official stat\">"));
    assert_eq!(
        nianbao(&["render", "no/such.nianbao"]).status.code(),
        Some(2)
    );
    std::fs::remove_dir_all(&out).ok();
}

/// A page as a scraper saves it: the report reposted years later under a banner with the page's date, no
/// title, the year only in sentences, table two's rows written with pipes but without the leading one.
#[test]
fn a_reposted_page_without_title_and_with_bare_pipe_rows() {
    let dir = scratch("import-reposted");
    let page = dir.join("reposted.txt");
    std::fs::write(
        &page,
        "点击量: 来源: 日期:2023-06-08 15:20\n\
         根据《中华人民共和国政府信息公开条例》规定,现公布某县林业局2020年度政府信息公开工作年度报告。\n\
         一、总体情况\n\
         2020年,我局主动公开政府信息64条。\n\
         二、主动公开政府信息情况\n\
         第二十条第(五)项 | ||||\n\
         信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |\n\
         行政许可 | 11 | 增2 | 205 | |\n\
         其他对外管理服务事项 | 4 | 0 | 19 | |\n",
    )
    .unwrap();
    let o = nianbao(&["import", page.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let markup = stdout(&o);
    // The year from the report's own words; the page's date is not the report's.
    assert!(markup.contains("年度: 2020\n"), "{markup}");
    assert!(!markup.contains("发布日期"), "{markup}");
    let err = stderr(&o);
    assert!(
        err.contains("第 1 行，页面信息（转载页面的日期，没有用作文件头的发布日期）"),
        "{err}"
    );
    // The pipe rows are table two's block, cells in place.
    assert!(err.contains("标准表格 1 张"), "{err}");
    let row = |label: &str| {
        markup.lines().find_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells.get(1) == Some(&label)).then(|| cells[2..cells.len() - 1].join(" "))
        })
    };
    assert_eq!(row("行政许可").as_deref(), Some("11 增2 205"), "{markup}");
    assert_eq!(
        row("其他对外管理服务事项").as_deref(),
        Some("4 0 19"),
        "{markup}"
    );
}
