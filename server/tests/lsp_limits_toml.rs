//! `max-size` in `nianbao.toml` limits the documents of its folder in the language server too (its own
//! test binary: `--max-size`, which would take precedence, is process-wide and not set here).

mod lsp_support;

use lsp_support::*;

#[test]
fn the_limit_in_nianbao_toml_applies_to_open_documents() {
    let dir = std::env::temp_dir().join(format!("nianbao-lsp-limit-{}", std::process::id()));
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(dir.join("nianbao.toml"), "max-size = \"4K\"\n").unwrap();
    let other = std::env::temp_dir().join(format!("nianbao-lsp-nolimit-{}", std::process::id()));
    std::fs::create_dir_all(&other).unwrap();
    let big = "---\n年度: 2023\n---\n\n# 一、总体情况\n\n".to_string()
        + &"本机关共主动公开政府信息 100 条，其中 50 条。\n".repeat(200);
    assert!(big.len() > 4096);
    runtime().block_on(async {
        let mut c = start("vscode", None).await;
        let u = format!("file://{}", sub.join("big.nianbao").display());
        c.open(&u, &big).await;
        let d = c.diagnostics(&u).await;
        let list = d["diagnostics"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{d}");
        assert_eq!(list[0]["code"], "too-large", "{d}");
        let message = list[0]["message"].as_str().unwrap();
        assert!(
            message.contains("大小上限 4 KB") && message.contains("nianbao.toml"),
            "{message}"
        );
        // The same text in a folder without the limit is analysed.
        let v = format!("file://{}", other.join("big.nianbao").display());
        c.open(&v, &big).await;
        let d = c.diagnostics(&v).await;
        assert!(
            d["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .all(|x| x["code"] != "too-large"),
            "{d}"
        );
        assert!(c.shutdown().await);
    });
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&other).ok();
}
