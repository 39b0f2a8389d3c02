use super::*;

fn model(text: &str) -> Report {
    build(&crate::syntax::parse(text), text)
}

#[test]
fn the_kinds_and_fields_compared_are_the_grammar_s() {
    let ids = &*IDS;
    let language = crate::syntax::language();
    assert_eq!(
        language.node_kind_for_id(ids.table_cell),
        Some("table_cell")
    );
    assert_eq!(language.field_name_for_id(ids.unit.get()), Some("unit"));
    // Every aliased section and heading level is the one kind.
    let r = model("# 一\n\n## 二\n\n### 三\n\n#### 四\n\n正文。\n");
    assert_eq!(r.sections.len(), 4);
    assert_eq!(r.sections[2].level, 3);
    // A level 4 heading has no children: the paragraph is the level 3 section's.
    assert_eq!(r.paragraphs[0].section, Some(2));
}

#[test]
fn front_matter_values_and_defaults() {
    let r = model("---\n机关：某县人民政府\n年度: 2023\n发布日期: 2024-02-18\n格式:\n---\n");
    assert_eq!(r.front.organ(), Some("某县人民政府"));
    assert_eq!(r.front.year(), Some(2023));
    assert_eq!(r.front.published().unwrap().to_string(), "2024-02-18");
    assert_eq!(r.front.format(), None);
    assert_eq!(r.front.entry("格式").unwrap().value.as_deref(), Some(""));
    // A key without a colon has no value; a wide colon is a colon; a comment
    // and an erroneous line among the entries.
    let text = "---\n机关\n年度：\n// 注\n发布日期: 2024-02-18 \n---\n";
    let r = model(text);
    let entries: Vec<_> = r
        .front
        .entries
        .iter()
        .map(|e| {
            (
                e.key.as_str(),
                e.value.as_deref(),
                &text[e.value_range.clone()],
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("机关", None, ""),
            ("年度", Some(""), ""),
            ("发布日期", Some("2024-02-18"), "2024-02-18")
        ]
    );
    assert!(r.front.closed && r.comments.len() == 1);
    assert!(!model("---\n机关: a\n").front.closed);
}

#[test]
fn cells_keep_blank_zero_and_not_applicable_apart() {
    let text = "| 行 | 0 | | — | 57 | 文字 | +4\n";
    let r = model(text);
    let row = &r.tables[0].header;
    let values: Vec<_> = row.cells.iter().map(|c| c.value.clone()).collect();
    assert!(matches!(values[1], CellValue::Number(ref n) if n.value.is_zero()));
    assert_eq!(values[2], CellValue::Blank);
    assert_eq!(&text[row.cells[2].range.clone()], " ");
    assert_eq!(values[3], CellValue::NotApplicable);
    assert_eq!(row.cells[4].decimal(), Some(Decimal::from(57)));
    assert_eq!(values[5], CellValue::Text);
    assert_eq!(row.cells[6].decimal(), Some(Decimal::from(4)));
    assert!(row.open_end);
    assert_eq!(row.cells.len(), 7);
}

/// Calls `f` with a builder of `text` and each node of `kind` in its tree.
fn each_node(text: &str, kind: u16, mut f: impl for<'t> FnMut(&Builder<'t>, Node<'t>)) {
    let tree = crate::syntax::parse(text);
    let builder = Builder {
        text,
        ids: &IDS,
        walk: RefCell::new(tree.walk()),
        leaf: RefCell::new(tree.walk()),
        report: Report::empty(text.len()),
    };
    let mut nodes = vec![tree.root_node()];
    while let Some(node) = nodes.pop() {
        nodes.extend(node.children(&mut node.walk()));
        if node.kind_id() == kind {
            f(&builder, node);
        }
    }
}

/// Every row of `text` the text path reads, read the same by the tree.
fn rows_read_alike(text: &str) -> usize {
    let mut by_text = 0;
    each_node(text, IDS.table_row, |builder, node| {
        let end = builder.line_content_end(node);
        if let Some(fast) = builder.cells_by_text(node, end) {
            let slow = builder.cells_by_tree(node, end);
            assert_eq!(fast.open_end, slow.open_end, "{}", &text[node.byte_range()]);
            assert_eq!(
                format!("{:?}", fast.cells),
                format!("{:?}", slow.cells),
                "{}",
                &text[node.byte_range()]
            );
            by_text += 1;
        }
    });
    by_text
}

#[test]
fn rows_read_from_the_text_are_the_rows_of_the_tree() {
    let rows = "| 行 | 0 | | — | 57 | 文字 | +4 | 12.5 | 1.2.3 | 1. | ０７ | 99999999999999999999999999999999 |\n\
                |　7\u{a0}| 3件 | 约5 | 5左右 | XX | 第五条 | 1 2 |\t|\n\
                | a | 1 | 2\n|\n| 1 |\r\n|| 3 ||\n\
                | 其中 申请\u{2003}| \u{2003} | 一、总体 | 无 |\u{ff5c}a|\n";
    assert_eq!(rows_read_alike(rows), 7);
    // Text among figures, marks and brackets; a lone mark; and the cells
    // that must be read from the tree (placeholders, 第, signed figures).
    let rows = "| （一）予以公开 | 1.属于国家秘密 | 本年增/减 | —— | 5件 | 3 个工作日 | 二 |\n\
                | ( ) | （\u{3000}） | X | XX | ×Ｘ | a○○ | ○b | __ | _a | ＿＿ | 第五条 | 第一 |\n\
                | +4 | ＋4万 | -3 | － | 1.2万余件 | 余 | 件次 | 多少 | （a | a） | (3)项 | 2022年 |\n\
                | 1.5 | 1. 5 | ０７件 | ——a | a—— | 个\u{2003}人 | X光 | 共XX件 |\n";
    assert_eq!(rows_read_alike(rows), 4);
    for (content, value) in [
        ("（一）予以公开", Some(CellValue::Text)),
        ("本年增/减", Some(CellValue::Text)),
        ("——", Some(CellValue::NotApplicable)),
        ("2022年", Some(CellValue::Text)),
        ("3 个工作日", None),
        ("余", Some(CellValue::Text)),
        ("( )", None),
        ("第一", None),
        ("＋4万", None),
        ("共XX件", None),
    ] {
        assert_eq!(plain_value(content), value, "{content}");
    }
    // A row with a 《title》 is read from the tree.
    assert_eq!(rows_read_alike("| 《a|b》 | 1 |\n| 2 | 3 |\n"), 1);
    // The examples and every rule's fixtures (rows with errors among them).
    let read: usize = corpus().iter().map(|t| rows_read_alike(t)).sum();
    assert!(read > 1000, "{read} rows read from the text");
    eprintln!("{read} rows read alike");
}

/// The examples, every rule's fixture and the reports in any other folders
/// named in NIANBAO_MODEL_CORPUS (separated by `:`; imported real reports, a
/// generated corpus).
fn corpus() -> Vec<String> {
    crate::test_corpus("fixtures/rules")
        .into_iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect()
}

/// Every figure of `text` read from its node's text, read the same from
/// the node's children; how many.
fn figures_read_alike(text: &str) -> usize {
    let mut read = 0;
    each_node(text, IDS.number, |builder, node| {
        if node.has_error() {
            return;
        }
        let (fast, slow) = (builder.number(node), builder.number_by_tree(node));
        let at = &text[node.byte_range()];
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{at}");
        assert!(figure_parts(at).is_some(), "{at}");
        read += 1;
    });
    read
}

#[test]
fn figures_read_from_the_text_are_the_figures_of_the_tree() {
    let text = "共7100余条，达40余万人次，0.5万元，约300件，100人左右，97%，１２．５万余元，\
                5 万\u{3000}件，3.件，1..2，5余多件，2万 余 个工作日，7亿，8千余，0９次，1.5.6。\n\
                | +4 | －3万件 | ＋0.5 | - 2 | 3 件 次 | 12万余元 |\n";
    assert_eq!(figures_read_alike(text), 24);
    let read: usize = corpus().iter().map(|t| figures_read_alike(t)).sum();
    assert!(read > 10_000, "{read} figures read from the text");
    eprintln!("{read} figures read alike");
}

/// The words that may follow a figure in its node, as the grammar has them.
#[test]
fn the_figure_words_are_the_grammar_s() {
    let grammar = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../grammar/grammar.js"),
    )
    .unwrap();
    let mut words = String::new();
    for rule in ["approx", "magnitude", "unit"] {
        let start = grammar.find(&format!("    {rule}: _ => token(")).unwrap();
        let body = &grammar[start..start + grammar[start..].find(")),").unwrap()];
        for word in body.split('\'').skip(1).step_by(2) {
            words.push_str(word);
        }
    }
    assert!(
        words.contains("个工作日") && words.contains("余"),
        "{words}"
    );
    for c in words.chars() {
        assert!(
            text::FIGURE_WORDS.contains(c),
            "{c} is missing from FIGURE_WORDS"
        );
    }
    for c in text::FIGURE_WORDS.chars().filter(|c| !c.is_whitespace()) {
        assert!(words.contains(c), "{c} is in no figure word of the grammar");
    }
}

/// Reading a plain figure by bytes is reading it by splitting at the point: every text of up to four characters
/// from digits, points and a few others.
#[test]
fn plain_figures_by_bytes_are_by_split() {
    let alphabet = ['0', '7', '.', '．', 'a', ' ', '９', '-'];
    let mut texts = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
            .collect();
        texts.extend(longer);
    }
    texts.sort();
    texts.dedup();
    for t in texts
        .iter()
        .map(String::as_str)
        .chain(["1234567890", "12.50", "1.2.3", ".5", "5."])
    {
        assert_eq!(
            text::is_plain_figure(t),
            text::is_plain_figure_by_split(t),
            "{t:?}"
        );
    }
}

/// The binary search of the figure words finds what a search of the string finds, for every character.
#[test]
fn figure_words_are_found_as_in_the_string() {
    let planes = (0..0x3_0000u32).chain(0x10_FF00..0x11_0000);
    for c in planes.filter_map(char::from_u32) {
        assert_eq!(
            text::is_figure_word(c),
            text::FIGURE_WORDS.contains(c),
            "{c:?}"
        );
    }
}

#[test]
fn numbers_carry_units_magnitudes_and_approximations() {
    let r = model("共7100余条，达40余万人次，0.5万元，约300件，100人左右，97%。\n");
    let n = &r.paragraphs[0].numbers;
    assert_eq!(n.len(), 6);
    assert!(n[0].approx && n[0].unit.as_deref() == Some("条"));
    assert_eq!(n[1].value, Decimal::from(400_000));
    assert_eq!(n[2].value, Decimal::from(5000));
    assert!(n[3].approx, "约 before the figure");
    assert!(n[4].approx, "左右 after the figure");
    assert!(!n[5].approx && n[5].is_percent());
}

#[test]
fn sections_nest_and_blocks_know_their_section() {
    let r = model("# 一、总体情况\n\n## （一）主动公开\n\n正文1条。\n\n# 二、主动公开政府信息情况\n\n| a | 1 |\n");
    assert_eq!(r.sections.len(), 3);
    assert_eq!(r.sections[1].parent, Some(0));
    assert_eq!(r.paragraphs[0].section, Some(1));
    assert_eq!(r.tables[0].section, Some(2));
    assert_eq!(r.sections[2].title, "二、主动公开政府信息情况");
}

#[test]
fn article_refs_know_which_law() {
    let r = model("依据《条例》第三十六条和《保密法》第九条及第五十条第（四）项。\n");
    let refs = &r.paragraphs[0].refs;
    assert_eq!(refs.len(), 3);
    assert!(refs[0].is_tiaoli());
    assert!(!refs[1].is_tiaoli());
    assert!(refs[2].is_tiaoli());
}
