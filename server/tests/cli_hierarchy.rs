//! End to end through the binary: `nianbao check 文件夹` with a county's
//! aggregate report and its subordinates' reports — one subordinate's report
//! missing, one with a changed figure — reports both on the aggregate, and
//! nothing of the kind on the subordinates or on a consistent folder.

mod support;

use serde_json::Value;

fn check_json(dir: &str) -> Value {
    let out = support::nianbao(&["check", "--format", "json", dir]);
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// (file name, code, line) of the hierarchy findings.
fn hierarchy(v: &Value) -> Vec<(String, String, u64)> {
    let mut out = Vec::new();
    for f in v["files"].as_array().unwrap() {
        let name = f["path"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        for d in f["diagnostics"].as_array().unwrap() {
            let code = d["code"].as_str().unwrap();
            if code.starts_with("hierarchy-") {
                let line = d["range"]["start"]["line"].as_u64().unwrap();
                out.push((name.clone(), code.to_string(), line));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_missing_subordinate_and_a_changed_figure_are_reported_on_the_aggregate() {
    let v = check_json("tests/fixtures/rules/hierarchy-sum/county");
    let found = hierarchy(&v);
    let names: Vec<(&str, &str)> = found
        .iter()
        .map(|(f, c, _)| (f.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("trigger-aggregate.nianbao", "hierarchy-missing"),
            ("trigger-aggregate.nianbao", "hierarchy-sum"),
        ],
        "{v:#}"
    );
    let text = std::fs::read_to_string(
        support::root().join("tests/fixtures/rules/hierarchy-sum/county/trigger-aggregate.nianbao"),
    )
    .unwrap();
    // Lines are 1-based in the JSON output.
    let line_of =
        |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() as u64 + 1;
    assert_eq!(found[0].2, line_of("下级:"));
    assert_eq!(found[1].2, line_of("| 行政复议 |"));
    let sum = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .find(|d| d["code"] == "hierarchy-sum")
        .unwrap();
    let message = sum["message"].as_str().unwrap();
    assert!(message.contains("已有的下级之和 3"), "{message}");
    assert!(message.contains("yizhen.nianbao）2"), "{message}");
    // Each subordinate's cell is a related location in its own file (JSON; SARIF the same).
    let related = sum["related"].as_array().unwrap();
    let jiazhen = related
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("jiazhen.nianbao"))
        .expect("the subordinate's cell is related");
    let sub = std::fs::read_to_string(
        support::root().join("tests/fixtures/rules/hierarchy-sum/county/jiazhen.nianbao"),
    )
    .unwrap();
    let row = sub.find("| 行政复议 |").unwrap();
    let line = sub[..row].matches('\n').count() as u64 + 1;
    assert_eq!(jiazhen["range"]["start"]["line"], line, "{jiazhen:#}");
    let start = jiazhen["range"]["byte_start"].as_u64().unwrap() as usize;
    assert_eq!(&sub[start..start + 1], "1", "{jiazhen:#}");
    assert!(jiazhen["message"].as_str().unwrap().contains("甲镇"));
    let out = support::nianbao(&[
        "check",
        "--format",
        "sarif",
        "tests/fixtures/rules/hierarchy-sum/county",
    ]);
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "hierarchy-sum")
        .unwrap();
    let uris: Vec<&str> = result["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.iter().any(|u| u.ends_with("jiazhen.nianbao")),
        "{uris:?}"
    );
}

#[test]
fn a_consistent_folder_has_no_hierarchy_finding() {
    let v = check_json("tests/fixtures/rules/hierarchy-sum/consistent");
    assert!(hierarchy(&v).is_empty(), "{v:#}");
    assert_eq!(v["files"].as_array().unwrap().len(), 8);
}
