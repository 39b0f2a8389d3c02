//! The reviewer's workflow end to end (docs/review.md): adopt a folder of
//! real reports with `--write-baseline`, edit one report (a paragraph
//! inserted above a reviewed finding) and add one new defect, rerun: exactly
//! one new failure, the reviewed findings still recognised, exit code 1.
//! Also: fingerprints in JSON and SARIF, stale entries, `nianbao diff`, the
//! HTML report.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use support::nianbao_in as nianbao;

fn examples() -> PathBuf {
    support::root().join("examples")
}

/// A fresh copy of the examples in a folder of its own.
fn workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-review-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    for e in std::fs::read_dir(examples()).unwrap() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "nianbao") {
            std::fs::copy(e.path(), dir.join("reports").join(e.file_name())).unwrap();
        }
    }
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn errors(doc: &Value) -> Vec<(String, String, String)> {
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["fingerprint"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn adopt_edit_rerun() {
    let dir = workspace("adopt");
    // Without a baseline the published reports fail (their real defects).
    let before = nianbao(&dir, &["check", "reports", "--format", "json"]);
    assert_eq!(before.status.code(), Some(1));
    let reviewed_errors = errors(&json(&before));
    assert!(reviewed_errors.len() >= 2, "{reviewed_errors:?}");

    // Adopt: every current failure goes into the baseline; the check passes.
    let adopt = nianbao(&dir, &["check", "reports", "--write-baseline"]);
    assert_eq!(
        adopt.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&adopt.stderr)
    );
    let baseline = std::fs::read_to_string(dir.join("nianbao-baseline.toml")).unwrap();
    assert_eq!(
        baseline.matches("[[finding]]").count(),
        reviewed_errors.len(),
        "{baseline}"
    );
    assert!(baseline.contains("path = \"reports/panzhihua-dongqu-2011.nianbao\""));
    assert!(!dir.read_dir().unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".tmp")));

    // Edit: a paragraph inserted above a reviewed finding (the missing
    // tables under 二、 in 眉县2020), one new defect (绥中2023 published late).
    edit(
        &dir.join("reports/meixian-2020.nianbao"),
        "# 二、主動公開政府信息情況",
        "本年度还组织了两次政务公开业务培训，\n覆盖全县各部门。\n\n# 二、主動公開政府信息情況",
    );
    edit(
        &dir.join("reports/suizhong-2023.nianbao"),
        "发布日期: 2024-02-18",
        "发布日期: 2024-05-20",
    );
    let after = nianbao(
        &dir,
        &[
            "check",
            "reports",
            "--baseline",
            "nianbao-baseline.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(after.status.code(), Some(1), "a new failure fails");
    let doc = json(&after);
    let new = errors(&doc);
    assert_eq!(new.len(), 1, "exactly one new failure: {new:?}");
    assert_eq!(new[0].1, "deadline");
    assert!(new[0].0.ends_with("suizhong-2023.nianbao"));
    assert_eq!(doc["summary"]["reviewed"], reviewed_errors.len());
    assert_eq!(doc["summary"]["stale"], 0);
    let reviewed: Vec<&str> = doc["reviewed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["fingerprint"].as_str().unwrap())
        .collect();
    for (_, _, fp) in &reviewed_errors {
        assert!(reviewed.contains(&fp.as_str()), "{fp} still recognised");
    }

    // Human output: the reviewed findings in a section of their own.
    let human = nianbao(
        &dir,
        &["check", "reports", "--baseline", "nianbao-baseline.toml"],
    );
    assert_eq!(human.status.code(), Some(1));
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("已复核（基线 nianbao-baseline.toml）"),
        "{text}"
    );

    // Fix the new defect: back to exit code 0.
    edit(
        &dir.join("reports/suizhong-2023.nianbao"),
        "发布日期: 2024-05-20",
        "发布日期: 2024-02-18",
    );
    let fixed = nianbao(
        &dir,
        &["check", "reports", "--baseline", "nianbao-baseline.toml"],
    );
    assert_eq!(fixed.status.code(), Some(0));

    // A reviewed defect corrected: its entry is stale (reported, not failing).
    edit(
        &dir.join("reports/panzhihua-dongqu-2011.nianbao"),
        "发布日期: 2012-10-22",
        "发布日期: 2012-03-20",
    );
    let stale = nianbao(
        &dir,
        &[
            "check",
            "reports",
            "--baseline",
            "nianbao-baseline.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(stale.status.code(), Some(0));
    let doc = json(&stale);
    assert_eq!(doc["summary"]["stale"], 1);
    assert_eq!(doc["stale"][0]["code"], "deadline");

    // --write-baseline drops it, keeping the verdicts of the others.
    let text = std::fs::read_to_string(dir.join("nianbao-baseline.toml")).unwrap();
    let text = text.replacen(
        "status = \"confirmed\"",
        "status = \"dismissed\"\nreason = \"原件如此\"",
        1,
    );
    std::fs::write(dir.join("nianbao-baseline.toml"), text).unwrap();
    let update = nianbao(&dir, &["check", "reports", "--write-baseline"]);
    assert_eq!(update.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.join("nianbao-baseline.toml")).unwrap();
    assert_eq!(
        text.matches("[[finding]]").count(),
        reviewed_errors.len() - 1
    );
    assert!(text.contains("reason = \"原件如此\""), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sarif_has_partial_fingerprints_and_suppressions() {
    let dir = workspace("sarif");
    let adopt = nianbao(&dir, &["check", "reports", "--write-baseline"]);
    assert_eq!(adopt.status.code(), Some(0));
    let out = nianbao(
        &dir,
        &[
            "check",
            "reports",
            "--baseline",
            "nianbao-baseline.toml",
            "--format",
            "sarif",
        ],
    );
    let doc = json(&out);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results
        .iter()
        .all(|r| r["partialFingerprints"]["nianbao/v1"].is_string()));
    let suppressed = results
        .iter()
        .filter(|r| r["suppressions"][0]["status"] == "accepted")
        .count();
    assert!(suppressed >= 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn html_report_is_standalone() {
    let dir = workspace("html");
    let out = nianbao(
        &dir,
        &["check", "reports", "--format", "html", "-o", "report.html"],
    );
    assert_eq!(out.status.code(), Some(1));
    let page = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("src=\"http") && !page.contains("<link"));
    assert_eq!(page.matches("<tr data-i=").count(), 5);
    assert!(page.contains("class=\"bar\" data-rule=\"deadline\""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_two_years() {
    let dir = workspace("diff");
    let old = "reports/suizhong-2023.nianbao";
    let new_path = dir.join("reports/suizhong-2024.nianbao");
    let text = std::fs::read_to_string(dir.join(old)).unwrap();
    std::fs::write(&new_path, text.replace("年度: 2023", "年度: 2024")).unwrap();
    let out = nianbao(
        &dir,
        &[
            "diff",
            old,
            "reports/suizhong-2024.nianbao",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    assert!(!doc["figures"].as_array().unwrap().is_empty());
    assert!(doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["status"] == "unchanged"));
    let human = nianbao(&dir, &["diff", old, "reports/suizhong-2024.nianbao"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("与上年完全相同"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// On every example: a paragraph inserted before the first heading leaves
/// every finding's fingerprint as it was (and the fingerprints of a file are distinct).
#[test]
fn fingerprints_survive_a_paragraph_inserted_above() {
    use nianbao_core::check::{check_text, Config};
    use nianbao_core::fingerprint::fingerprints;
    for e in std::fs::read_dir(examples()).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "nianbao") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let at = text.find("\n# ").expect("a heading") + 1;
        let edited = format!(
            "{}本段是插入的文字，\n用来检验指纹不随行号改变。\n\n{}",
            &text[..at],
            &text[at..]
        );
        let prints = |t: &str| {
            let c = check_text(t, &Config::default());
            let mut v: Vec<(String, &'static str)> = fingerprints(t, &c.diagnostics)
                .into_iter()
                .zip(c.diagnostics.iter().map(|d| d.code.as_str()))
                .collect();
            v.sort();
            v
        };
        let (before, after) = (prints(&text), prints(&edited));
        assert_eq!(before, after, "{}", path.display());
        let mut distinct: Vec<&String> = before.iter().map(|(f, _)| f).collect();
        distinct.dedup();
        assert_eq!(distinct.len(), before.len(), "{}", path.display());
    }
}
