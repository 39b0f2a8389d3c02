//! Full-parse throughput and incremental reparse after a one-character edit
//! inside a table. Figures go to docs/performance.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use tree_sitter::{InputEdit, Point};

/// A report of at least `min_bytes`: prose with figures and article
/// references, and 表三-style tables, repeated with varying numbers.
fn big_report(min_bytes: usize) -> String {
    let mut text = String::from(
        "---\n标题: 某县2023年政府信息公开工作年度报告\n机关: 某县人民政府\n机关类型: 人民政府\n年度: 2023\n格式: 2021\n发布日期: 2024-01-20\n---\n\n",
    );
    let mut i = 0u64;
    while text.len() < min_bytes {
        i += 1;
        text.push_str(&format!(
            "# 一、总体情况（第{i}部分）\n\n## （一）主动公开方面\n\n2023年，共发布各类信息{}条。其中，领域信息{}条，通知公告{}余条，访问量达{}余万人次，办结率97%。依据《条例》第五十条第（四）项和第十六条第二款。\n\n",
            1000 + i, 600 + i, 400, i % 90
        ));
        text.push_str("| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for label in [
            "一、本年新收政府信息公开申请数量",
            "二、上年结转政府信息公开申请数量",
            "（一）予以公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "1.本机关不掌握相关政府信息",
            "（七）总计",
            "四、结转下年度继续办理",
        ] {
            let n = i % 50;
            text.push_str(&format!(
                "| {label} | {n} | 0 | 0 | 1 | 0 | — | {} |\n",
                n + 1
            ));
        }
        text.push('\n');
    }
    text
}

fn parse(c: &mut Criterion) {
    let text = big_report(2 * 1024 * 1024);
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function(BenchmarkId::new("full", text.len()), |b| {
        let mut parser = nianbao_core::syntax::parser();
        b.iter(|| parser.parse(&text, None).unwrap())
    });
    group.finish();

    // One character typed into a table cell in the middle of the document.
    let middle = (text.len() / 2..)
        .find(|&i| text.is_char_boundary(i))
        .unwrap();
    let cell = text[middle..].find("| 0 |").unwrap() + middle + 2;
    let mut edited = text.clone();
    edited.replace_range(cell..cell + 1, "7");
    let mut parser = nianbao_core::syntax::parser();
    let old = parser.parse(&text, None).unwrap();
    let point = |offset: usize| {
        let before = &text[..offset];
        let row = before.matches('\n').count();
        let column = offset - before.rfind('\n').map_or(0, |p| p + 1);
        Point { row, column }
    };
    let edit = InputEdit {
        start_byte: cell,
        old_end_byte: cell + 1,
        new_end_byte: cell + 1,
        start_position: point(cell),
        old_end_position: point(cell + 1),
        new_end_position: point(cell + 1),
    };
    let mut group = c.benchmark_group("reparse");
    group.bench_function(BenchmarkId::new("one-char-in-table", text.len()), |b| {
        b.iter(|| {
            let mut tree = old.clone();
            tree.edit(&edit);
            parser.parse(&edited, Some(&tree)).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
