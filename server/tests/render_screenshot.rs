//! The rendered page in a real browser: headless Chromium takes a screenshot of the official layout of a
//! 2021-format report. The PNG is saved under the target directory and its path printed, for a person to
//! look at. Chromium is required: without it the test fails and says how to install it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const CHROMIUM: [&str; 3] = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
];

fn chromium() -> PathBuf {
    if let Ok(p) = std::env::var("CHROMIUM") {
        return PathBuf::from(p);
    }
    CHROMIUM
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .unwrap_or_else(|| {
            panic!(
                "Chromium is needed for the render screenshot test and was not found at {CHROMIUM:?}.\n\
                 Install it with: apt-get install -y chromium fonts-wqy-microhei\n\
                 (or set CHROMIUM to the browser's path)"
            )
        })
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

#[test]
fn screenshot_of_the_official_layout() {
    let browser = chromium();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("render");
    std::fs::create_dir_all(&out).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/suizhong-2023.nianbao");
    let text = std::fs::read_to_string(&source).unwrap();
    // The part with the tables, so that they are in the picture.
    let start = text.find("# 二、主动公开政府信息情况").unwrap();
    let end = text.find("# 五、").unwrap();
    let front_end = text.find("\n---\n").unwrap() + 5;
    let excerpt = format!("{}{}", &text[..front_end], &text[start..end]);
    let started = Instant::now();
    let html = nianbao_render::render(&excerpt);
    let render_time = started.elapsed();
    let page = out.join("suizhong-2023-tables.html");
    std::fs::write(&page, &html).unwrap();
    let png = out.join("suizhong-2023-tables.png");
    let _ = std::fs::remove_file(&png);
    let profile = out.join(format!("chromium-profile-{}", std::process::id()));
    let started = Instant::now();
    let status = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1200,2000")
        .arg(format!("file://{}", page.canonicalize().unwrap().display()))
        .output()
        .expect("chromium runs");
    let browser_time = started.elapsed();
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        png.exists(),
        "no screenshot; chromium said:\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(png_size(&bytes), (1200, 2000));
    // A blank page compresses to a few kilobytes; tables with text do not.
    assert!(
        bytes.len() > 40_000,
        "suspiciously small screenshot: {} bytes",
        bytes.len()
    );
    eprintln!(
        "screenshot: {} ({} bytes); render {:?}, chromium {:?}",
        png.display(),
        bytes.len(),
        render_time,
        browser_time
    );
}
