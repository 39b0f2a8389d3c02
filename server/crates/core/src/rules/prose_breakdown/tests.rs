use crate::check::{check_text, Config};

fn codes(text: &str) -> Vec<String> {
    let checked = check_text(text, &Config::default());
    checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "prose-breakdown")
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn total_in_the_previous_sentence() {
    let m = codes("共发布各类信息2471条。其中，领域信息1327条，通知公告类827条，专栏信息156条，互动交流37条。\n");
    assert_eq!(
        m,
        vec!["“其中”各项之和为 2347（1327+827+156+37），与总数 2471 不符（相差 124）"]
    );
}

#[test]
fn the_total_is_the_figure_before_qizhong_not_the_first() {
    let t = "累计主动公开政府信息数量达75646条，2011年度新增10759条，其中：概况信息113条、计划总结105条、法规公文376条、工作动态5436条、人事信息36条、财政信息21条、其他信息4672条。\n";
    assert!(codes(t).is_empty());
}

#[test]
fn bare_figure_before_a_comma_is_a_part() {
    let t = "共受理依申请公开政府信息27宗。其中:网上申请22宗,当面递交申请2,邮寄申请3宗,办结率达100%。\n";
    assert!(codes(t).is_empty());
}

#[test]
fn approximate_figures_never_fail() {
    assert!(codes(
        "主动公开各类政府信息7100余条,其中:通过目录公开5900余条,通过其他方式公开1100余条。\n"
    )
    .is_empty());
    assert!(codes("共约300件，其中A 100件，B 100件。\n").is_empty());
}

#[test]
fn bracketed_details_are_not_parts() {
    assert!(codes("共收到申请30件，其中网络申请20件（其中转办5件），信函申请10件。\n").is_empty());
}

#[test]
fn a_figure_in_brackets_is_not_the_total() {
    let t = "办结申请177件（含上年结转的3件），其中，予以公开60件，部分公开51件，不予公开4件，无法提供30件，不予处理3件，其他处理29件。\n";
    assert!(codes(t).is_empty());
    let t = "办结申请177件（含上年结转的3件），其中，予以公开60件，部分公开51件，不予公开4件，无法提供30件，不予处理3件，其他处理20件。\n";
    assert_eq!(codes(t).len(), 1);
}

#[test]
fn a_list_that_makes_up_its_total_ends_at_the_semicolon() {
    let t = "全年共收到政府信息公开申请27件，其中当面申请2件，网上申请22件，信函申请3件；办结27件，同意公开14件。\n";
    assert!(codes(t).is_empty());
}

#[test]
fn a_single_part_larger_than_the_total() {
    assert_eq!(codes("共收到申请30件，其中网络申请40件。\n").len(), 1);
    assert!(codes("共收到申请30件，其中网络申请20件。\n").is_empty());
}

#[test]
fn a_few_notable_subsets_are_not_a_breakdown() {
    assert!(codes("共发布信息2000条，其中政策解读50条，图解30条。\n").is_empty());
    // …but a list ending with 其他 is one…
    assert_eq!(
        codes("共发布信息90条，其中政策解读50条，其他信息30条。\n").len(),
        1
    );
    // …unless it covers less than half the total: the 其他 closes a narrower list.
    assert!(codes("共发布信息2000条，其中政策解读50条，其他信息30条。\n").is_empty());
}

#[test]
fn channels_may_overlap() {
    assert!(codes("共主动公开政府信息1500条，其中通过政府网站公开1200条，通过政务微博公开200条，通过政务微信公开300条。\n").is_empty());
    assert_eq!(
        codes("共发布信息100条，其中政策文件60条，工作动态50条。\n").len(),
        1
    );
}

#[test]
fn other_units_are_not_parts() {
    assert!(codes("共发布信息100条，其中图解20份，新闻100条。\n").is_empty());
}

#[test]
fn a_frame_binds_to_the_year_total_of_the_paragraph_before() {
    let t = "本局共主动公开政府信息320条，目前累计主动公开政府信息2410条。\n\n在主动公开的信息中，法规文件类40条，规划计划类12条，业务动态类275条。\n";
    assert_eq!(
        codes(t),
        vec!["所列各项之和为 327（40+12+275），与总数 320 不符（相差 7）"]
    );
    assert!(codes(&t.replace("275条", "268条")).is_empty());
    // A cumulative frame is another whole.
    assert!(codes(&t.replace("在主动公开", "在历年累计主动公开")).is_empty());
}

#[test]
fn a_run_of_named_counts_after_a_total_without_an_opener() {
    let t = "本年度累计公布信息58条，工作动态44条，行业管理8条，项目建设5条，安全生产2条，依申请公开事项办结2件，信箱回复3条。\n";
    assert_eq!(codes(t).len(), 1);
    // Short of the total without 其他: perhaps a selection.
    assert!(codes("全年共发布信息300条，政策文件20条，工作动态200条，通知公告50条。\n").is_empty());
    // Actions are not categories; a figure inside an opened list is no total.
    assert!(codes("全年共受理申请20件，办结18件，转办2件，答复19件。\n").is_empty());
    assert!(codes(
        "共公开信息500条，其中新闻300条，公共资源类25条，社会保障16条，劳动就业16条，其他143条。\n"
    )
    .is_empty());
}

#[test]
fn a_total_written_in_wan_that_is_the_sum_of_its_parts() {
    let t = "全市主动公开政府信息52418万条。市级主动公开21305条，县级主动公开31113条。\n";
    assert_eq!(codes(t).len(), 1);
    assert!(codes(&t.replace("52418万条", "5.2万条")).is_empty());
    assert!(codes(&t.replace("31113条", "31112条")).is_empty());
}

#[test]
fn a_list_over_the_paragraphs_after_its_opener() {
    let t = "全年共收到申请15件，其中：\n\n网上申请9件；\n\n当面申请4件；\n\n信函申请3件。\n";
    assert_eq!(codes(t).len(), 1);
    let t = "全年共收到申请15件，其中：\n\n网上申请9件；\n\n当面申请4件；\n\n信函申请2件。\n\n办结15件。\n";
    assert!(codes(t).is_empty());
}

#[test]
fn a_framed_list_with_shares_over_paragraphs() {
    let t = "在已经答复的12件申请中，同意公开的8件，占总数的66.7%。\n\n同意部分公开的2件，占总数的16.7%。\n\n信息不存在的3件，占总数的25%。\n";
    assert_eq!(codes(t).len(), 1);
    assert!(codes(&t.replace(
        "信息不存在的3件，占总数的25%",
        "信息不存在的2件，占总数的16.7%"
    ))
    .is_empty());
}

#[test]
fn a_frame_after_a_comma_binds_the_count_before_it() {
    let t = "2016年度共主动公开政府信息40条,在主动公开的信息中,工作动态信息12条,财政预决算信息25条,其他信息6条。\n";
    assert_eq!(
        codes(t),
        vec!["所列各项之和为 43（12+25+6），与总数 40 不符（相差 3）"]
    );
}

#[test]
fn a_list_in_brackets_after_its_total() {
    assert_eq!(
        codes("工作信息469条（政务动态465条、计划总结1条、通知公告6条）。\n"),
        vec!["括号内各项之和为 472（465+1+6），与总数 469 不符（相差 3）"]
    );
    assert_eq!(
        codes("财政管理39条（财政预决算1条，专项经费48条）。\n").len(),
        1
    );
    assert!(codes("工作信息469条（政务动态465条、计划总结1条、通知公告3条）。\n").is_empty());
    // a detail, not a breakdown: too few parts to claim the whole
    assert!(codes("主动公开市政府规章13件（含新制定5件，修改4件）。\n").is_empty());
}

#[test]
fn a_list_closed_by_its_sum() {
    assert_eq!(
        codes("全年依申请公开共收到群众网上申请105件，快递17件，合计132件。\n"),
        vec!["合计 132 与其前各项之和 122（105+17）不符（相差 10）"]
    );
    assert!(codes("全年依申请公开共收到群众网上申请105件，快递17件，合计122件。\n").is_empty());
    // a later stage, not the sum
    assert!(codes("新收到申请779件，上年结转37件，共计办结774件。\n").is_empty());
}

#[test]
fn openers_are_found_where_match_indices_finds_them() {
    let text = "其中其中：:包括分别为，分别是其中12件：其";
    let mut expected: Vec<(usize, &str)> = super::OPENERS
        .iter()
        .flat_map(|w| text.match_indices(w).map(move |(i, _)| (i, *w)))
        .collect();
    expected.sort_unstable();
    let found = super::opener_words(text);
    assert_eq!(found, expected);
    assert_eq!(found.len(), 9);
}
