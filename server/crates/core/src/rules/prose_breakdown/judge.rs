//! The verdict on a list of parts under its total: how sure the list is a claimed breakdown, and when a
//! sum that differs is a defect and not a selection, a list read only in part, or two levels mixed.

use super::*;

/// How sure the list is a claimed breakdown of its total.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Claim {
    /// Opened by 其中/包括/：/a frame: short of the total, it is taken as complete when it covers most
    /// of the total with three parts or more, or ends with a catch-all.
    Loose,
    /// A run of named figures after a total without any opener: only parts that exceed the total, or a
    /// list closed by a catch-all, are certainly wrong (a few named figures may be a selection).
    Strict,
    /// The total names its kinds and the parts are those kinds one by one ("共承办人大代表建议、政协
    /// 委员提案40件。其中，人大代表建议13件，政协提案17件"): the list is complete whatever its length.
    Named,
}
pub(super) use Claim::{Loose, Named, Strict};

/// What is known of a list besides its figures.
#[derive(Clone, Copy)]
pub(super) struct List {
    /// The total is named as one (共/合计…) right before the list.
    pub(super) explicit: bool,
    /// 其中 follows right after the total's count ("主动公开信息19条，其中……"): a part larger than it is
    /// wrong as surely as under a total named as one.
    pub(super) adjacent: bool,
    pub(super) claim: Claim,
    /// How the message names the list ("“其中”", "所列").
    pub(super) label: &'static str,
}

/// A list bound to a total stated elsewhere (a frame, a heading, the paragraphs before).
pub(super) const ELSEWHERE: List = List {
    explicit: false,
    adjacent: false,
    claim: Loose,
    label: "所列",
};

/// The verdict on a list of parts under its total (`mark`..`end` is the list's scope).
pub(super) fn judge(
    text: &str,
    total: &Number,
    parts: &[&Number],
    mark: usize,
    end: usize,
    list: List,
) -> Option<Diagnostic> {
    // (Up to three cuts of one total in one sentence: by applicant, by channel, by outcome.)
    judge_cut(text, total, parts, mark, end, list, 2)
}

/// [`judge`], looking for a further cut of the total only while `cuts` are left.
fn judge_cut(
    text: &str,
    total: &Number,
    parts: &[&Number],
    mark: usize,
    end: usize,
    list: List,
    cuts: u8,
) -> Option<Diagnostic> {
    let List {
        explicit,
        claim,
        label,
        ..
    } = list;
    if parts.is_empty() || total.approx || parts.iter().any(|n| n.approx || each(text, n)) {
        return None;
    }
    if spelled_part(text, total, mark, end) {
        return None;
    }
    let sum: Decimal = parts.iter().map(|n| n.value).sum();
    // A list cut off can only gain parts: it is judged when its parts already exceed the total, each with
    // its unit, and no first ones make up the total (the rest may be a second cut of it, cut off).
    // (One part already over a total its list follows at once, naming a kind, is as certain: "公布网上服务事项
    // 108项，其中行政许可191项、行政处……".)
    // One thing ("新增政务公开专栏1个，其中设置子栏目6个", "公开招标项目1个，其中包含标段5个"): a part larger than
    // it counts its pieces, not kinds of it — and so does a part named as a lower level under a total in 个
    // ("专栏5个，其中设置子栏目32个", "专栏3个，其中一级栏目3个，二级栏目18个").
    if total.unit_key() == Some("个")
        && parts.iter().enumerate().any(|(i, n)| {
            let from = if i == 0 { mark } else { parts[i - 1].range.end };
            let lead = &text[from.min(n.range.start)..n.range.start];
            n.value > total.value
                && (total.value == Decimal::ONE
                    || ["子", "二级", "三级", "下设", "设置", "包含"]
                        .iter()
                        .any(|w| lead.contains(w)))
        })
    {
        return None;
    }
    let kind_over_adjacent = || {
        parts.len() == 1
            && (list.adjacent || explicit)
            && sum > total.value
            && names_a_kind(&text[mark.min(parts[0].range.start)..parts[0].range.start])
    };
    if unfinished(text, parts[parts.len() - 1].range.end, end)
        && !kind_over_adjacent()
        && !(parts.len() >= 2
            && sum > total.value
            && parts.iter().all(|n| n.unit.is_some())
            && !parts
                .iter()
                .scan(Decimal::ZERO, |acc, n| {
                    *acc += n.value;
                    Some(*acc)
                })
                .any(|acc| acc == total.value))
    {
        return None;
    }
    if parts.len() == 1 {
        // One part: only "larger than the whole" is certainly wrong, and only of a named total
        // ("法制新闻12条，其中主站采用15条" counts something else) — or of a total the list follows at once
        // when the part names a kind of it, not an action or a channel.
        if !kind_over_adjacent() {
            return None;
        }
        let d = diag(
            Code::ProseBreakdown,
            parts[0].range.clone(),
            format!("{label}的分项 {} 大于总数 {}", sum, total.value),
        )
        .related(total.range.clone(), format!("总数 {}", total.value));
        return Some(d);
    }
    if sum == total.value
        || within_rounding(total, parts, sum)
        || nested(
            parts,
            total.value,
            counts_applications(text, total)
                && OUTCOME_WORDS
                    .iter()
                    .any(|w| text[mark..end.max(mark)].contains(w)),
        )
        || details_make_total(text, parts, total.value)
        || two_levels(text, parts).is_some_and(|heads| {
            // (Heads that do not make a total said in an earlier sentence may make another count of
            // it: "共接收建议、提案31件（其中承办27件，协办4件）……。其中，承办……11件，已经解决11件；承办……16件……")
            heads == total.value
                || text[total.range.end..mark.max(total.range.end)].contains(SENTENCE_END)
        })
    {
        return None;
    }
    // Parts that all exceed the total, said to (“多于”), are each platform's own count ("同步发布微博1467条
    // （部分平台条数多于其他平台，其中腾讯为1475条，新浪为1495条）").
    if parts.len() >= 2
        && parts.iter().all(|n| n.value > total.value)
        && ["多于", "超过", "多过"]
            .iter()
            .any(|w| near(text, total.range.end, parts[0].range.start, 160).contains(w))
    {
        return None;
    }
    // Parts that make up the total, then a figure of another measure ("……1647条，其中，局长信箱268条、
    // 咨询交流1379条，公开答复数量1061条"; "共接待咨询720人次，其中电话咨询430人次，现场咨询290人次，专栏访问量1406人次").
    if let [.., before, last] = parts {
        let head: Decimal = parts[..parts.len() - 1].iter().map(|n| n.value).sum();
        let lead = text[before.range.end.min(last.range.start)..last.range.start]
            .rsplit(['%', '％', '，', ',', '；', ';', '。', '\n'])
            .next()
            .unwrap_or("");
        if parts.len() >= 3
            && head == total.value
            && OTHER_MEASURES.iter().any(|w| lead.contains(w))
        {
            return None;
        }
    }
    // Two cuts of one total ("共收到35件，其中自然人34件，企业1件，办结32件，结转下年办理3件"): the parts
    // up to one that makes up the total are the first cut; the rest, when it covers most of the total
    // again, is the second, judged on its own (a few parts past the total are the first cut gone wrong).
    let mut cut = Decimal::ZERO;
    // (The second cut may be one figure: "……共公开99条，其中区本级67条，管委会21条，湄洲镇11条，通过市“两馆”公开
    // 99条" says the whole again on another channel.)
    let second = (1..parts.len()).find(|&k| {
        cut += parts[k - 1].value;
        k >= 2
            && cut == total.value
            && (sum - cut) * Decimal::from(5) >= total.value * Decimal::from(4)
    });
    // The first parts make up the total and the rest, less than it, is what was done with it: a subset
    // said of the whole ("共收到来信15件，其中不属于受理范围的5件，受理10件，办结10件"; more parts of the same
    // cut are the cut gone wrong, "自然人34件，企业1件，个体户2件" of 35).
    let prefix_cut = (1..parts.len())
        .find(|&k| parts[..k].iter().map(|n| n.value).sum::<Decimal>() == total.value);
    // (A zero says nothing of what was done: "信访件0件，12345服务热线转办件和市长信箱转办件2件".)
    let done_with = |k: usize| {
        parts[k..].iter().filter(|n| !n.value.is_zero()).all(|n| {
            let from = parts
                .iter()
                .rev()
                .find(|m| m.range.end <= n.range.start)
                .map_or(mark, |m| m.range.end);
            let lead = &text[from.min(n.range.start)..n.range.start];
            [
                "办结", "答复", "回复", "受理", "处理", "办理", "转办", "结转",
            ]
            .iter()
            .any(|w| lead.contains(w))
                // An outcome after parts of another cut ("收到申请12件，其中：线上12件、线下0件，驳回7件").
                || (counts_applications(text, total)
                    && OUTCOME_WORDS.iter().any(|w| lead.contains(w))
                    && !OUTCOME_WORDS
                        .iter()
                        .any(|w| text[mark..parts[k - 1].range.end.max(mark)].contains(w)))
        })
    };
    // …or another cut of it, or other matters, when two or more figures follow parts that made a total of a
    // hundred or more exactly — no chance with figures that large ("共发布信息4034条，其中政务信息2657条，县直及各乡镇
    // 1377条，政策解读24条，人事和招聘信息92条，……专栏745条"); one more part after them is the cut gone wrong, and a
    // small total is made by chance ("9件申请中，同意公开7件，……1件，……1件，……1件，……1件，……1件") — unless
    // the figures after it name a channel the kinds before did not ("共公开政务信息40条，其中文件类6条，……行政执法类
    // 30条，单位公示栏上公开财务公开15条，政务公开6条").
    // The lead-in of each part: the text since the previous figure.
    let leads: Vec<&str> = parts
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let from = if i == 0 { mark } else { parts[i - 1].range.end };
            &text[from..n.range.start]
        })
        .collect();
    // The name of each part: the last clause of its lead.
    let part_names: Vec<&str> = leads
        .iter()
        .map(|l| {
            l.rsplit(['，', ',', '、', '；', ';'])
                .next()
                .unwrap_or("")
                .trim_start()
        })
        .collect();
    // (A board of the office, "公示栏", is a place of publication here; not among [`CHANNELS`], where
    // "信息公开栏" is as often a column of the website.)
    let names_a_place =
        |l: &str| names_channel(l) || ["公示栏", "公开栏", "宣传栏"].iter().any(|w| l.contains(w));
    let another_cut = |k: usize| {
        parts[k..].iter().filter(|n| !n.value.is_zero()).count() >= 2
            && (total.value >= Decimal::ONE_HUNDRED
                || names_a_place(leads[k]) && !leads[..k].iter().any(|l| names_a_place(l)))
    };
    // …or another thing done, when the part after them opens with a publishing verb no part before used
    // ("全年公开政府信息200条，其中发布工作动态192条、通知(公告)8条，公开财政信息81条").
    let another_verb = |k: usize| {
        k >= 2
            && PUBLISHING
                .iter()
                .any(|v| part_names[k].starts_with(v) && !leads[..k].iter().any(|l| l.contains(v)))
    };
    // …or a count of its own, said to be one ("……概况类信息44条，……同时……发布解读类信息共计42条" under 8433条).
    let own_count = |k: usize| {
        k >= 2
            && ["共计", "合计", "总计", "累计", "同时", "此外", "另外"]
                .iter()
                .any(|w| leads[k].contains(w))
    };
    // …or the first part alone is the total, named as the whole again, and the rest are details of it ("共发布政府
    // 信息公开28条。其中法定主动公开信息28条，财政信息3条，……").
    let restated = |k: usize| {
        k == 1
            && ["法定", "全部", "各类"]
                .iter()
                .any(|w| part_names[0].contains(w))
    };
    // A first part that says when some were answered, the rest making the total: it is said of some of them, not
    // a kind of its own ("收到申请15件，均按时答复，其中依法延期1件，予以公开10件，……3件，……2件").
    // (So is a first part carried in from last year: "共受理申请20件，其中上年结转1件，予以公开12件，……5件".)
    if parts.len() >= 3
        && parts[1..].iter().map(|n| n.value).sum::<Decimal>() == total.value
        && [
            "延期",
            "延长",
            "逾期",
            "超期",
            "上年结转",
            "上年度结转",
            "上一年度结转",
            "去年结转",
        ]
        .iter()
        .any(|w| part_names[0].contains(w))
    {
        return None;
    }
    // …or only topic columns follow, which list again items of the kinds ("……政策解读200条、专题专栏60条" after parts
    // that made 2000).
    let columns_after = |k: usize| {
        part_names[k..]
            .iter()
            .all(|n| n.contains("专题") || n.contains("专栏"))
    };
    if second.is_none()
        && prefix_cut.is_some_and(|k| {
            parts[k..].iter().map(|n| n.value).sum::<Decimal>() < total.value
                && (done_with(k)
                    || another_cut(k)
                    || another_verb(k)
                    || own_count(k)
                    || restated(k)
                    || columns_after(k))
        })
    {
        return None;
    }
    if let Some(k) = second.filter(|_| cuts > 0) {
        let from = parts[k - 1].range.end;
        return judge_cut(text, total, &parts[k..], from, end, list, cuts - 1);
    }
    // 规范性文件 are a form of document, the other parts kinds of subject: a list that goes over its total by exactly
    // its 规范性文件 counted them in their subject as well ("共主动公开信息447条，其中规范性文件2条，工作动态类信息146条，
    // ……其他各类信息199条": 449).
    // (Only one such part, among parts of other names: "……行政规范性文件18件，其中市政府……规范性文件5件、市直各部门
    // 行政规范性文件10件……" are all of the form.)
    let forms: Vec<&Number> = part_names
        .iter()
        .zip(parts)
        .filter(|(name, _)| name.contains("规范性文件"))
        .map(|(_, p)| *p)
        .collect();
    // (Not when the figure is common in the list: "规章及规范性文件4条、机关简介4条、……规划计划4条、……重大民生信息4条、
    // ……建议提案信息4条" over its total by 4 tells nothing of which 4.)
    if sum > total.value
        && parts.len() >= 3
        && forms.len() == 1
        && sum - forms[0].value == total.value
        && parts.iter().filter(|n| n.value == forms[0].value).count() <= 2
    {
        return None;
    }
    // (A part among the later ones named first of all as the rest says as much as one closing the list:
    // "……其他文件4条，政务动态信息0条，年度报告1条" — but not a name that only holds the word,
    // "行政许可、行政处罚和其他权力40条".)
    // The names of the parts after the first.
    let names = &part_names[1..];
    // (其他文件, 其他政策文件 are the kind beside 规范性文件, not the rest of the list.)
    // (…nor 其他政府文件 beside 政策文件.)
    let other_documents = leads
        .iter()
        .any(|l| l.contains("规范性文件") || l.contains("政策文件"))
        && names
            .iter()
            .any(|n| n.starts_with('其') && n.ends_with("文件"));
    // (A catch-all names at most a short noun after 其他, the others one by one ("其他广播、报纸、电视公开政府信息数237条"),
    // or another kind joined to it by 及: "其他部门转办申请20件",
    // "与其他部门会办的提案30件", "其他领导出席5场" name kinds of their own.)
    let catch_all = claim == Named
        || (leads.last().is_some_and(|l| {
            rest_of(l).is_some_and(|r| {
                r.chars().count() <= 2 || r.starts_with(['及', '和', '与']) || r.contains('、')
            })
        }) || names.iter().any(|n| closes_list(n)))
            && !other_documents;
    // "……通过微信平台公开304条。其中主要包括……72条，……286条……": a list of the main kinds that goes
    // over a count not named as a total lists kinds of something larger (the year's 1469 items).
    if sum > total.value
        && !explicit
        && ["主要有", "主要包括", "主要是"]
            .iter()
            .any(|w| leads[0].contains(w))
    {
        return None;
    }
    // The total's own clause ("通过县政府网站主动公开4042条").
    let own = clause_before(text, total.range.start, 90, ends_clause);
    if sum < total.value {
        // A running total broken down by this year's figures ("截至2024年底，累计公开政府信息3000条，其中本年度公开……"):
        // the year's parts make the year's count, not the total.
        let running = ["累计", "截至", "截止"].iter().any(|w| own.contains(w));
        if running
            && ["本年", "今年", "当年", "年内"]
                .iter()
                .any(|w| leads[0].contains(w))
        {
            return None;
        }
        // "其中" often introduces a few notable subsets, not a full
        // breakdown. Take it as full when the parts cover most of the total
        // or end with a catch-all (其他…).
        // "其中A 260条、B 80条等": the text says the list is not complete.
        let last = parts[parts.len() - 1].range.end;
        // (…or picks the main ones, "其中较为集中的是……"; or says there is more without a figure, "……，其余为工作动态和
        // 通知公告"; or lists what applications were about, "其中涉及征地拆迁的32件……": subjects are no closed set.)
        let after_list = {
            let rest = near(text, last, end.max(last), 120);
            &rest[..rest.find(SENTENCE_END).unwrap_or(rest.len())]
        };
        let open_list = text[last..end.max(last)].trim_start().starts_with('等')
            || [
                "主要有",
                "主要包括",
                "主要是",
                "主要为",
                "主要涉及",
                "主要集中",
                "较为集中",
                "集中在",
            ]
            .iter()
            .any(|w| leads[0].contains(w))
            || ["其余", "其他"].iter().any(|w| {
                after_list
                    .find(w)
                    .is_some_and(|at| !after_list[at..].contains(|c: char| c.is_ascii_digit()))
            })
            || leads.iter().all(|l| l.contains("涉及"));
        // Two named parts short of the total, without a catch-all, are as often two notable subsets
        // as a breakdown missing a part: the text does not say, so say nothing.
        // Without a catch-all, only a list of three or more that covers most of the total (a part
        // mistyped or dropped, not a selection) is taken as a claimed breakdown.
        // (Named parts are as often the main kinds as all of them: they must cover seventeen twentieths, five
        // parts or more as well — "共计161712条，其中，重点领域……74242条，……38184条" is five kinds picked out at 81 %.
        // "共受理……申请128件次……。其中，电子邮箱受理27件次，信函邮寄受理80件次，当面受理1件次" leaves out the fax the
        // report named before: 84 %.)
        let most = sum * Decimal::from(20) >= total.value * Decimal::from(17);
        // (Two classes, each named a 类, that fall short by a twentieth or less are a classification with a
        // slip: a class scheme covers its whole, and two notable subsets do not come that close. "其中工作动态类
        // 信息6248条，政务公开类信息2212条" of 8516.)
        // (Not the main ones picked out: "其中主要为……", "数量较多的为……", "主要涉及……".)
        let picked = ["主要", "较多", "最多", "为主", "重点"].iter().any(|w| {
            text[total.range.end.min(parts[0].range.start)..parts[0].range.start].contains(w)
        });
        // (Short by a twentieth at most.)
        let close = sum * Decimal::from(20) >= total.value * Decimal::from(19);
        let two_classes =
            parts.len() == 2 && !picked && close && part_names.iter().all(|n| n.contains('类'));
        // (Every application has a state: two states written figure first, "受理……申请21件，其中18件依法依规办理
        // 答复，2件按序时进度办理", that fall short by a twentieth or less, leave some unaccounted for.)
        // (One state done, the other still going, "……答复", "……按序时进度办理": "18件当场答复，2件延期答复" are two ways
        // of answering, and those answered in the usual time are left out.)
        let state = |n: &Number| {
            text[n.range.end..]
                .split(['，', ',', '；', ';', '。'])
                .next()
                .unwrap_or("")
        };
        let figure_first = || {
            parts.iter().all(|n| {
                let lead = text[mark.min(n.range.start)..n.range.start].trim_end();
                lead.ends_with(['，', ',', '、', '；', ';', '：', ':']) || lead.ends_with("其中")
            })
        };
        let going = |s: &str| {
            [
                "正在",
                "序时",
                "结转",
                "尚未",
                "在办",
                "办理中",
                "继续办理",
                "延期办理",
            ]
            .iter()
            .any(|w| s.contains(w))
        };
        let done = |s: &str| !going(s) && flow::DONE.iter().any(|w| s.contains(w));
        let two_states = parts.len() == 2
            && !picked
            && close
            && counts_applications(text, total)
            && figure_first()
            && (done(state(parts[0])) && going(state(parts[1]))
                || going(state(parts[0])) && done(state(parts[1])));
        if (!catch_all
            && (claim == Strict || !most || parts.len() < 3 && !two_classes && !two_states))
            || open_list
        {
            return None;
        }
        if places_of_more(text, total, names, leads[0])
            || more_kinds_named(text, total, parts.len())
        {
            return None;
        }
        // A list a tenth or more short, whose paragraph goes on with one more sentence cut off by the end
        // of the page ("……其他信息4条。《重庆日报》《万盛日报"), may go on in what was lost.
        if (total.value - sum) * Decimal::TEN >= total.value
            && cut_in_next_sentence(text, parts[parts.len() - 1].range.end)
        {
            return None;
        }
        // A catch-all closing a list that covers less than half of its total closes a list of a
        // narrower kind ("其中：主动公开财政预算决算信息数3条；……其他信息数216条" — the key areas of
        // 2713 items), not a breakdown of the total with a part dropped.
        // (Between a third and a half, only a last part that is nothing but the rest — "其他信息", "政府文件及其他
        // 信息" — closes the list: "……其他部门转办20件", "……其他政府文件80条" beside 政策文件 name kinds of their own.)
        if claim != Named
            && (sum * Decimal::from(3) < total.value
                || sum * Decimal::TWO < total.value
                    && (other_documents || !leads.last().is_some_and(|l| rest_only(l))))
        {
            return None;
        }
    }
    // A part larger than its total that names an action the total does not is another measure run on
    // into the list ("通过网站公开发布信息共1791条，其中……回应公众关注热点26条，办理留言数量2444条"). Any other
    // part larger than its named total is wrong whatever the parts are (channels overlap, but none
    // publishes more than all of them).
    // (Handling verbs only, "不予公开文件数65件" of "制作政府信息总数60件" is still a part; and only under a
    // count of what was published: of what came in, "不予处理……175条" or "答复处理34件" is an outcome.)
    let published = ["公开", "发布", "推送", "更新", "刊发"]
        .iter()
        .any(|w| own.contains(w))
        && !["申请", "收到", "受理", "来信", "留言"]
            .iter()
            .any(|w| own.contains(w));
    // (…or under a count that names no action at all: "行政许可共11个事项，其中林木采伐许可证共办理466件，征占用草原
    // 许可共办理64个" counts matters, the parts cases.)
    let no_action = !published
        && !HANDLING.iter().any(|w| own.contains(w))
        && !["公开", "发布", "申请", "来信", "留言"]
            .iter()
            .any(|w| own.contains(w));
    let another_measure = |i: usize| {
        (published || no_action)
            && HANDLING
                .iter()
                .any(|w| part_names[i].contains(w) && !own.contains(w))
    };
    if let Some(i) = (0..parts.len()).find(|&i| parts[i].value > total.value && another_measure(i))
    {
        // (The list ends before it.)
        if i == 0 {
            return None;
        }
        let end = parts[i].range.start;
        return judge_cut(text, total, &parts[..i], mark, end, list, cuts);
    }
    // The channels the total's own clause names ("通过县政府网站主动公开4042条").
    let own_channels: Vec<&str> = CHANNELS
        .iter()
        .copied()
        .filter(|c| own.contains(c))
        .collect();
    // A part counted beside a figure of another unit ("“庆阳外事”微信订阅号发布信息54期97条") is that
    // channel's own output, per issue, not items of the total; a part larger than a total said of one
    // channel that names another ("通过区政府门户网站发布各类信息45条，其中……，通过古雄微在线公众号发布信息834条")
    // is not in that total: the list ends before either.
    // (…or, under a total said of no channel, a part on one after kinds that named none and already made the total:
    // "共发布政府信息公开28条。其中法定主动公开信息28条，……年度报告1条，通过“钦北长滩发布”微信公众号发布信息305条";
    // kinds short of it leave the channel's part wrong, "共发布各类信息52条，其中……9条、……7条，通过……公众号发布信息615条".)
    let other_channel = |i: usize| {
        (own_channels.len() == 1
            && (CHANNELS
                .iter()
                .any(|c| part_names[i].contains(c) && !own_channels[0].contains(c))
                || other_site(own, part_names[i], own_channels[0])))
            || (own_channels.is_empty()
                && part_names[i].contains("通过")
                && names_channel(part_names[i])
                && !leads[..i].iter().any(|l| names_channel(l))
                && parts[..i].iter().map(|n| n.value).sum::<Decimal>() >= total.value)
    };
    if let Some(i) = (1..parts.len()).find(|&i| {
        parts[i].value > total.value
            && (after_other_count(text, parts[i], total) || other_channel(i))
    }) {
        let end = parts[i].range.start;
        return judge_cut(text, total, &parts[..i], mark, end, list, cuts);
    }
    if let Some(big) = parts
        .iter()
        .find(|n| (explicit || list.adjacent) && n.value > total.value)
    {
        let d = diag(
            Code::ProseBreakdown,
            big.range.clone(),
            format!("分项 {} 大于总数 {}", big.value, total.value),
        )
        .related(total.range.clone(), format!("总数 {}", total.value));
        return Some(d);
    }
    // A channel among categories ("…财政管理39条，政务微博公开42条") counts items again — but an
    // application arrives one way only ("共受理申请212件，其中网站申请195件、当面申请4件、信函申请13件").
    let applications = counts_applications(text, total) || leads.iter().all(|l| l.contains("申请"));
    // A part on the one channel the total is said of ("通过县政府网站主动公开4042条，其中县政府门户网站……1495条")
    // is a column of that channel, not another channel.
    let channel_parts = leads
        .iter()
        .filter(|l| {
            !applications
                && names_channel(l)
                && !(own_channels.len() == 1
                    && CHANNELS
                        .iter()
                        .filter(|c| l.contains(*c))
                        .all(|c| *c == own_channels[0]))
        })
        .count();
    // (Unless the channels are the total divided, closed by the rest: "28条。按主动公开形式分，通过政府网站主动公开
    // 10条，……政务微博公开5条，其他方式公开18条".)
    let divided_by_channel = claim == Named
        && leads
            .last()
            .is_some_and(|l| l.contains("其他") || l.contains("其它"));
    if channel_parts > 0 && channel_parts < parts.len() && !divided_by_channel {
        return None;
    }
    // A part larger than the total: the list belongs to another figure, unless the total is named
    // as one right before it.
    if !explicit && parts.iter().any(|n| n.value > total.value) {
        return None;
    }
    // "回应公众关注热点或重大舆情数5（不同方式回应同一热点或舆情计1次），其中：……": the total counts
    // once what the parts count once per way.
    let counted_once = ["计1", "计一", "算1", "算一"]
        .iter()
        .any(|w| near(text, total.range.end, mark, 120).contains(w));
    // (…or the text says some were sent twice: "有3件申请人以网上和信函两种方式重复提交了同一申请"; or that some
    // are counted in two parts: "部分留言同时涉及咨询与投诉", "其中部分信息同时归入两类", "去重后合计", or that
    // they are the same items again: "其他栏目同步发布150条".)
    // (Not 重复申请, an outcome of its own.)
    let repeated = || {
        // (To the end of the sentence: the words may follow another 其中, "……转载类2292条，其中40条转载信息……同时
        // 计入原创类".)
        let to = end.max(mark);
        let rest = near(text, to, text.len(), 300);
        let scope = &text[mark..to + rest.find(SENTENCE_END).unwrap_or(rest.len())];
        [
            "重复提交",
            "重复计",
            "重复统计",
            "同时涉及",
            "同时计入",
            "同时归入",
            "同时属于",
            "去重",
            "同步发布",
            "同步推送",
            "同步转发",
        ]
        .iter()
        .any(|w| scope.contains(w))
    };
    // (…or a part is a topic's column, which lists again items of the kinds: "……村(居)务公开信息214条、全面推进
    // 基层政务公开标准化规范化工作专题中公开信息257条" over 835.)
    // (Only when the parts without the columns fit in the total: "……政务公开86条，健康专栏12条" over 197 by 74 is wrong.)
    let column_part = || {
        let columns: Decimal = part_names
            .iter()
            .zip(parts)
            .filter(|(n, _)| n.contains("专题") || n.contains("专栏"))
            .map(|(_, p)| p.value)
            .sum();
        // (…and go over by at least half a column and a twentieth of the total: a column counted again goes over by
        // much, a slip by a little, "……‘专题专栏’栏目发布信息5条" over 195 by 3.)
        let over = sum - total.value;
        !columns.is_zero()
            && sum - columns <= total.value
            && over * Decimal::TWO >= columns
            && over * Decimal::from(20) >= total.value
    };
    // Policies interpreted in several forms ("解读政策文件17篇，其中文字解读、简明问答16篇，主要负责人解读3篇，
    // 专家解读2篇，……图文、视频7篇"): a document is read in more than one form, as it goes out on more than one
    // channel — by much: a slip goes over by a little ("共解读文件23个。其中图片解读文件16个，动漫解读文件10个" is 3
    // over 23; 38 over 17 is readings counted per form). (Not when the rest closes the list, "……图解6篇，其他解读
    // 4篇": then it divides them.)
    // (Only a count of the documents read, "解读政策文件17篇": a count of the readings themselves, "发布政策解读205篇，
    // 其中文字解读144篇，图片解读61篇，视频解读1篇", is divided by form.)
    let interpretation_forms = own
        .rfind("解读")
        .is_some_and(|i| ["文件", "政策"].iter().any(|w| own[i..].contains(w)))
        && (sum - total.value) * Decimal::from(4) > total.value
        && !part_names
            .last()
            .is_some_and(|n| n.contains("其他") || n.contains("其它"))
        && part_names
            .iter()
            .filter(|n| INTERPRETATION_FORMS.iter().any(|w| n.contains(w)))
            .count()
            >= 2;
    if sum > total.value
        && (channel_parts >= 2 && !divided_by_channel
            || interpretation_forms
            || counted_once
            || repeated()
            || column_part())
    {
        // The same item published on several channels counts once in the
        // total (统计表: 不同渠道和方式公开相同信息计1条).
        return None;
    }
    // (Normalised: "808700", not "808700.00" for 80.87万.)
    let terms: Vec<String> = parts
        .iter()
        .map(|n| n.value.normalize().to_string())
        .collect();
    let (sum, diff) = (sum.normalize(), (total.value - sum).normalize());
    let mut d = diag(
        Code::ProseBreakdown,
        total.range.clone(),
        format!(
            "{label}各项之和为 {sum}（{}），与总数 {} 不符（相差 {}）",
            terms.join("+"),
            total.value.normalize(),
            diff.abs()
        ),
    );
    for n in parts {
        d = d.related(n.range.clone(), format!("分项 {}", n.value.normalize()));
    }
    Some(d)
}

/// Whether `name` and the total's clause `own` name two sites of one kind of channel, told apart by what
/// stands before it ("在政务公开网站共发布信息129条" and "在市数据资源局门户网站发布信息647条"): the names before the
/// channel share no two characters running, or start with two levels ("县政府……", "市政府……"). ("县政府网站" and
/// "县政府门户网站" are one site.)
fn other_site(own: &str, name: &str, channel: &str) -> bool {
    let before = |s: &str| -> Option<Vec<char>> {
        let at = s.rfind(channel)?;
        let head = s[..at]
            .rsplit(['在', '于', '，', ',', '、', '；', ';'])
            .next()?;
        let head = head.strip_prefix("通过").unwrap_or(head);
        let chars: Vec<char> = head.chars().collect();
        Some(chars[chars.len().saturating_sub(6)..].to_vec())
    };
    let (Some(a), Some(b)) = (before(own), before(name)) else {
        return false;
    };
    // (Sites of two levels, "县政府门户网站" and "市政府门户网站", are two sites too.)
    let level = |s: &[char]| s.first().copied().filter(|c| "省市县区镇乡".contains(*c));
    let levels_differ = matches!((level(&a), level(&b)), (Some(x), Some(y)) if x != y);
    levels_differ
        || a.len() >= 2 && b.len() >= 2 && !a.windows(2).any(|w| b.windows(2).any(|v| v == w))
}

/// Forms a policy is interpreted in; one document may be read in several.
const INTERPRETATION_FORMS: &[&str] = &[
    "解读",
    "图解",
    "问答",
    "视频",
    "动漫",
    "图文",
    "H5",
    "发布会",
    "访谈",
];

/// What became of applications, said after parts of another cut of them (by how they arrived, who
/// applied), is said of some of them.
const OUTCOME_WORDS: &[&str] = &[
    "驳回",
    "不予受理",
    "撤回",
    "终止",
    "予以公开",
    "不予公开",
    "部分公开",
    "无法提供",
];

/// Words that name a measure of its own (an amount, a number of visits), not a kind of the total.
const OTHER_MEASURES: &[&str] = &[
    "数量",
    "总数",
    "总量",
    "访问量",
    "浏览量",
    "点击量",
    "阅读量",
    "播放量",
    "下载量",
];

/// Verbs of publishing that may open a part's name.
const PUBLISHING: &[&str] = &[
    "公开", "发布", "推送", "更新", "刊发", "报送", "上传", "制发", "印发",
];

/// Whether a part's name closes the list with the rest of the total ("其他信息", "其它类", "其余"): the
/// catch-all word and at most a generic noun — not a named kind that starts with it ("其他管理对外服务事项",
/// a kind of the 双公示 beside 行政许可 and 行政处罚).
fn closes_list(name: &str) -> bool {
    let Some(rest) = CATCH_ALL.iter().find_map(|w| name.strip_prefix(w)) else {
        return false;
    };
    let mut rest = rest.trim();
    for w in [
        "各类", "方面", "政府", "政务", "信息", "内容", "事项", "工作", "文件", "栏目", "类别",
        "类", "的", "数",
    ] {
        rest = rest.trim_start_matches(w).trim_end_matches(w);
    }
    rest.chars().count() <= 2
}

/// Whether the lead of the last part names nothing but the rest of the total: 其他 opening its name or joined to
/// the name before by 及, 和, 与 or 、, and at most generic words after it ("其他信息", "政府文件及其他信息"; not
/// "县直其他部门", "其他部门转办").
fn rest_only(lead: &str) -> bool {
    let name = last_clause(lead);
    let Some(at) = CATCH_ALL.iter().filter_map(|w| name.rfind(w)).max() else {
        return false;
    };
    let before = &name[..at];
    (before.is_empty() || before.ends_with(['及', '和', '与', '、'])) && rest_of(lead) == Some("")
}

fn last_clause(lead: &str) -> &str {
    lead.rsplit(['，', ',', '；', ';'])
        .next()
        .unwrap_or(lead)
        .trim()
}

/// What the last part's name says after its last 其他 (其它, 其余), without the generic words round it; `None`
/// without one.
fn rest_of(lead: &str) -> Option<&str> {
    let name = last_clause(lead);
    let (at, word) = CATCH_ALL
        .iter()
        .filter_map(|w| name.rfind(w).map(|i| (i, *w)))
        .max()?;
    let mut rest = name[at + word.len()..].trim();
    // ("其他类信息分别为19条", "其它方式61条": the rest, said of its kind or of its ways.)
    const GENERIC_WORDS: &[&str] = &[
        "各类",
        "政府",
        "政务",
        "信息",
        "内容",
        "事项",
        "类别",
        "类",
        "的",
        "数",
        "方面",
        "方式",
        "渠道",
        "形式",
        "途径",
        "分别为",
        "分别",
        "共计",
        "合计",
        "共",
        "为",
    ];
    loop {
        let before = rest;
        for w in GENERIC_WORDS {
            rest = rest.trim_start_matches(w).trim_end_matches(w);
        }
        if rest == before {
            break;
        }
    }
    Some(rest)
}

/// Whether figures written with a magnitude and decimals ("808.06万件，其中，投诉166.70万件、举报32.63万件、咨询
/// 608.74万件") differ by no more than their rounding: half a unit of the last written place of each.
fn within_rounding(total: &Number, parts: &[&Number], sum: Decimal) -> bool {
    let figures = || std::iter::once(total).chain(parts.iter().copied());
    if !figures().any(|n| n.magnitude.is_some() && n.written.scale() > 0) {
        return false;
    }
    let half_units: Decimal = figures()
        .filter(|n| n.magnitude.is_some() && !n.written.is_zero())
        .map(|n| Decimal::new(1, n.written.scale()) * (n.value / n.written) / Decimal::TWO)
        .sum();
    (total.value - sum).abs() <= half_units
}

/// Whether the list may go on past what was read of it: the last item has a figure without a unit
/// ("……其他信息3": the page lost the unit, the item is not read as a part), or the list is cut off at
/// the end of its paragraph (it ends on an open quote, bracket or separator, or the text ends without
/// a final punctuation mark).
fn unfinished(text: &str, last: usize, end: usize) -> bool {
    let tail = text[last.min(end)..end].trim_end();
    let stripped = tail.trim_end_matches(['，', ',', '；', ';', '、', ' ', '\u{3000}']);
    if stripped.ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return true;
    }
    let after = &text[end..];
    if after.starts_with(SENTENCE_END) || after.starts_with("其中") {
        return false;
    }
    if tail.ends_with(['“', '‘', '「', '『', '（', '(', '，', ',', '、', '：', ':']) {
        return true;
    }
    // At the end of the text, only a sentence end closes the list: a page cut off after "……1%；" has
    // lost the parts after it.
    after.trim().is_empty() && !tail.ends_with(|c: char| "。！？!?”』」）)".contains(c))
}

/// A part written in Chinese numerals among the parts ("当面申请两件"): it is no figure of the text, so the
/// sum of the figures leaves it out.
fn spelled_part(text: &str, total: &Number, from: usize, to: usize) -> bool {
    let Some(unit) = total.unit_key() else {
        return false;
    };
    let span = &text[from.min(to)..to];
    span.match_indices(unit).any(|(at, _)| {
        let mut before = span[..at].chars().rev();
        before
            .next()
            .is_some_and(|c| "一二两三四五六七八九十".contains(c))
            && before.next().is_none_or(|c| !"每第这那之".contains(c))
    })
}

/// A figure said of each of several parts ("网络和信函申请各3件"): it stands for more than one part, how
/// many the names before it tell only roughly ("各乡镇、街道" is all of them), so the sum is not known.
fn each(text: &str, n: &Number) -> bool {
    let lead = text[..n.range.start].trim_end();
    ["各", "各为", "各有"].iter().any(|w| lead.ends_with(w))
}

/// "县市区和市直部门……主动公开信息61836条，其中衡阳县7627条，……衡南县3438条": a total said of places and of
/// departments together, whose parts all name places, leaves the departments out: a subset.
fn places_of_more(text: &str, total: &Number, names: &[&str], first: &str) -> bool {
    let clause = clause_before(text, total.range.start, 240, |c| SENTENCE_END.contains(&c));
    let places = [
        "县市区",
        "县区",
        "区县",
        "县（市、区）",
        "县(市、区)",
        "乡镇",
        "街道",
        "镇街",
    ];
    let departments = ["部门", "单位", "市直", "县直", "区直"];
    let place = |name: &str| {
        let name = name.trim_end();
        ["县", "区", "市", "镇", "乡", "街道", "旗"]
            .iter()
            .any(|w| name.ends_with(w))
    };
    places.iter().any(|w| clause.contains(w))
        && departments.iter().any(|w| clause.contains(w))
        && place(
            first
                .rsplit(['，', ',', '：', ':', '、'])
                .next()
                .unwrap_or(""),
        )
        && names.iter().all(|n| place(n))
}

/// Whether the first part is the sum of the parts after it (three or more, from the second or the
/// third part on): a nested breakdown closing the list ("主动公开4条，依申请0条，机构设置类2条；…类1条；
/// 其他类1条" — the categories after break the 4 down), so parts of different levels are mixed and
/// their sum means nothing. Only the first part is looked at: small parts further on add up to one
/// another by chance ("同意公开18件，部分公开3件，不予公开2件，信息不存在1件": 3 = 2 + 1), and a small first part
/// is made by chance as well, so one under ten must make the total with the parts before its details ("共发布
/// 信息13条，其中业务动态8条，政策法规2条，规划计划2条，通知公告4条": 2 + 2 + 4 = 8, but 8 is not 13) — but not
/// under a count of applications cut by channel and then by outcome in one sentence ("共受理申请8件，其中网上申请5件，
/// 予以公开2件，部分公开1件，不予公开2件": the outcomes may be the five's).
fn nested(parts: &[&Number], total: Decimal, applications: bool) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return false;
    };
    if first.value <= Decimal::ZERO {
        return false;
    }
    let sum = |tail: &[&Number]| tail.iter().map(|n| n.value).sum::<Decimal>();
    (0..2).any(|skip| {
        let tail = rest.get(skip..).unwrap_or_default();
        tail.len() >= 3
            && sum(tail) == first.value
            && (first.value >= Decimal::TEN
                || applications
                || first.value + sum(&rest[..skip]) == total)
    })
    // With a detail of one of them in between, no larger than the part it follows ("其中有效信件698件，
    // 344件已转有关部门办理，已办结328件，354件……已指引……": 344 + 354 = 698, 328 of the 344). In between
    // only: leaving out the last part makes chance sums ("工作动态46条，财政11条，执法35条，民生28条").
    || (rest.len() >= 3
        && (1..rest.len() - 1).any(|j| {
            rest[j].value <= rest[j - 1].value && sum(rest) - rest[j].value == first.value
        }))
}

/// Whether the parts are heads that make up the total exactly, with details of some of them after them:
/// runs of two or more figures right after heads that make them ("其中申请人为自然人7件，办理结果6件为予以公开，1件
/// 不掌握，申请人为法人或其他组织的6件": 7 + 6 = 13, 6 + 1 = 7; "行政复议6件，结果维持4件，结果纠正2件，行政诉讼5件，
/// 结果维持3件，尚未审结2件"), or, in groups parted by semicolons,
/// after each group's first figure one no larger than it (named alike in every group) or several that make it
/// ("其中，市政府……126件，进入行政复议……的5件；各县（市、区）共222件，进入……的1件；市直部门共71件，进入……的21件":
/// 126 + 222 + 71 = 419). Two sums coming out exactly, with the names alike, are no chance. (The groups are a looser
/// [`two_levels`]: that one also gives the heads' sum when it is not the total, for a total said before.)
fn details_make_total(text: &str, parts: &[&Number], total: Decimal) -> bool {
    if chain(total, parts) {
        return true;
    }
    // The name of part `i`: the last clause before it.
    let name = |i: usize| -> &str {
        let start = parts[i].range.start;
        let lead = match i {
            0 => clause_before(text, start, 60, ends_clause),
            _ => &text[parts[i - 1].range.end.min(start)..start],
        };
        lead.rsplit(['，', ',', '、', '；', ';', '：', ':'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_start_matches("其中")
    };
    // (The heads are named alike — two characters running in every name, "申请人为自然人……申请人为法人……", "网上申请……
    // 当面申请……" — or the heads split are ten or more: small figures make sums by chance, "日常工作动态信息158条，通知公告
    // 公示9条，会议信息3条，总结计划2条，年度报告1条" has 2 + 1 = 3.)
    let alike = |heads: &[usize]| {
        let first: Vec<char> = name(heads[0]).chars().collect();
        first.windows(2).any(|pair| {
            let pair: String = pair.iter().collect();
            heads.iter().all(|&i| name(i).contains(pair.as_str()))
        })
    };
    // Heads in order, each followed by the run of two or more figures that makes it, if any (each detail some of
    // its head, not none or all of it).
    let (mut heads, mut split) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < parts.len() {
        let head = parts[i].value;
        let mut acc = Decimal::ZERO;
        let run = (i + 1..parts.len())
            .take_while(|&k| !parts[k].value.is_zero() && parts[k].value < head)
            .find(|&k| {
                acc += parts[k].value;
                k >= i + 2 && acc == head
            });
        heads.push(i);
        match run {
            Some(k) => {
                split.push(i);
                i = k + 1;
            }
            None => i += 1,
        }
    }
    if !split.is_empty()
        && heads.len() >= 2
        && heads.iter().map(|&i| parts[i].value).sum::<Decimal>() == total
        && (alike(&heads) || split.iter().all(|&i| parts[i].value >= Decimal::TEN))
    {
        return true;
    }
    // (Groups at semicolons: each starts at a part a semicolon comes before.)
    let starts: Vec<usize> = (0..parts.len())
        .filter(|&i| {
            i == 0 || text[parts[i - 1].range.end..parts[i].range.start].contains(['；', ';'])
        })
        .collect();
    starts.len() >= 2
        && starts.len() < parts.len()
        && starts.iter().map(|&i| parts[i].value).sum::<Decimal>() == total
        && {
            // (One figure after each head is a subset of it, named alike in every group, "进入行政复议或行政诉讼
            // 程序的5件"; two or more are its breakdown and make it: "其中人大建议33件，主办10件，会办13件；……" is
            // still wrong.)
            let mut singles: Vec<usize> = Vec::new();
            starts.iter().enumerate().all(|(g, &i)| {
                let end = starts.get(g + 1).copied().unwrap_or(parts.len());
                match &parts[i + 1..end] {
                    [] => true,
                    [one] => {
                        singles.push(i + 1);
                        one.value <= parts[i].value
                    }
                    more => chain(parts[i].value, more),
                }
            }) && (singles.len() < 2 || alike(&singles))
        }
}

/// Whether `details` make `head`, or are a subset of it followed by what makes that subset, as far down as the
/// list goes: "复议申请40件，其中受理40件，办结36件，维持具体行政行为25件，纠错2件，其它情况9件" (25 + 2 + 9 = 36 of
/// the 40 accepted of 40); "……受理政府信息公开申请527件，对申请答复525件，同意公开211件，……其他情况291件" (211 + … + 291
/// = 525). The chain must end in an exact sum: a run of ever smaller figures alone proves nothing.
fn chain(head: Decimal, details: &[&Number]) -> bool {
    let (mut head, mut rest) = (head, details);
    let mut sum: Decimal = rest.iter().map(|n| n.value).sum();
    // (A few levels at most: received, accepted, answered, and how. Below the first, the sum is made of figures of
    // ten or more: "其他处理7件：……4件，……1件，其他3件" has 1 + 3 = 4 by chance.)
    for level in 0..4 {
        if rest.len() >= 2 && sum == head && (level == 0 || head >= Decimal::TEN) {
            return true;
        }
        if rest.len() < 3 || rest[0].value > head {
            return false;
        }
        head = rest[0].value;
        sum -= head;
        rest = &rest[1..];
    }
    false
}

/// Whether the parts read as two levels whose heads make up the total, each head followed by the parts
/// that make it up or by none, the groups parted by semicolons ("争议11件，其中，行政复议7件，结果维持6件，
/// 尚未审结1件；行政诉讼4件，结果维持2件，尚未审结2件": 7 + 4 = 11; "……行政复议2件，结果维持1件、纠错1件；
/// 行政诉讼1件，尚未审结"). At least one head is split: small parts add up to one another by chance. Gives the
/// sum of the heads.
fn two_levels(text: &str, parts: &[&Number]) -> Option<Decimal> {
    let mut heads = Decimal::ZERO;
    let (mut count, mut split) = (0, false);
    let mut i = 0;
    while i < parts.len() {
        if i > 0 && !text[parts[i - 1].range.end..parts[i].range.start].contains(['；', ';']) {
            return None;
        }
        let head = parts[i].value;
        heads += head;
        count += 1;
        let mut acc = Decimal::ZERO;
        let mut j = i + 1;
        // (A group ends at a semicolon.)
        while j < parts.len()
            && acc < head
            && !text[parts[j - 1].range.end..parts[j].range.start].contains(['；', ';'])
        {
            acc += parts[j].value;
            j += 1;
        }
        if j >= i + 2 && acc == head && head > Decimal::ZERO {
            split = true;
            i = j;
        } else if j == i + 1 {
            i += 1;
        } else {
            return None;
        }
    }
    (split && count >= 2).then_some(heads)
}

/// How far into a bracket after a part its closing bracket is looked for.
const BRACKET_WORDS: usize = 40;
/// Words in a bracket after a part that correct its figure.
const CORRECTIONS: &[&str] = &[
    "撤销", "撤回", "删除", "作废", "重复", "不计", "未计", "扣除", "刪除",
];

/// Whether the list is not read with certainty: a part is qualified by a figure of its unit in a bracket
/// right after it ("形势分析类20条（同时撤销2条）": 18 count), or parts in 件 stand among parts in 条 (or
/// the other way: "会议信息220条，政策文件3302件，…其他信息72514条" — the two are written for one another).
pub(super) fn qualified(text: &str, para: &Para, total: &Number, parts: &[&Number]) -> bool {
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return false;
    };
    // The figures of the paragraph that start in `range` (they are in text order).
    let starting_in = |range: Range<usize>| {
        let from = para
            .numbers
            .partition_point(|n| n.range.start < range.start);
        let to = para.numbers.partition_point(|n| n.range.start < range.end);
        &para.numbers[from..to.max(from)]
    };
    let interchangeable = ["件", "条"];
    // (Parts of the total's own unit that already exceed it are wrong whatever the others count:
    // "共主动公开565条，其中：……421条；……规范性文件11件；……143条" with 574 in 条.)
    let within = parts.iter().map(|n| n.value).sum::<Decimal>() <= total.value;
    let mixed = within
        && interchangeable.contains(&total.unit_key().unwrap_or_default())
        && starting_in(first.range.start + 1..last.range.end)
            .iter()
            .any(|n| {
                n.unit_key() != total.unit_key()
                    && n.unit_key().is_some_and(|u| interchangeable.contains(&u))
            });
    // (…or the list goes on with items of another count: "解读政策信息64条，其中：视频解读42条、图文解读9条、动漫解读
    // 3条、文字解读4条、新闻发布会5次……" — what the 条 leave over is in the 次.)
    let sentence_end = para
        .ends
        .iter()
        .find(|e| e.0 >= last.range.end)
        .map_or(para.range.end, |e| e.0);
    let after = &para.numbers[para.ending_by(last.range.end)..para.ending_by(sentence_end)];
    let goes_on = within
        && after
            .iter()
            .scan(last.range.end, |previous_end, n| {
                let lead = &text[(*previous_end).min(n.range.start)..n.range.start];
                *previous_end = n.range.end;
                Some((lead, n))
            })
            .take_while(|(lead, _)| {
                lead.starts_with(['、', '，', ',']) && lead.chars().count() <= 16
            })
            .filter(|(_, n)| n.is_count() && n.unit_key() != total.unit_key())
            .map(|(_, n)| n.value)
            .sum::<Decimal>()
            // (…when they can hold it: "……文字解读4条、新闻发布会5次、在线访谈1次" short of 64 by 8 is still short.)
            >= total.value - parts.iter().map(|n| n.value).sum::<Decimal>();
    let bracketed = parts.iter().any(|p| {
        let after = &text[p.range.end..];
        let Some(open) = after.strip_prefix(['（', '(']) else {
            return false;
        };
        // A correction is a few words: a bracket not closed within them is not looked into (a
        // paragraph of unclosed brackets stays linear).
        let window = open
            .char_indices()
            .nth(BRACKET_WORDS)
            .map_or(open.len(), |(i, _)| i);
        let Some(close) = open[..window].find(['）', ')']) else {
            return false;
        };
        let from = p.range.end + (after.len() - open.len());
        // A detail ("省政府工作报告2条（中英文各1条）") leaves the part as it is; a correction does not.
        CORRECTIONS.iter().any(|w| open[..close].contains(w))
            && starting_in(from..from + close)
                .iter()
                .any(|n| n.range.end <= from + close && n.unit_key() == total.unit_key())
    });
    mixed || goes_on || bracketed
}

/// Whether the words before a lone part (after 其中) name a kind of the total: no action ("采用", "办结"), no
/// channel, no comparison, and short.
fn names_a_kind(lead: &str) -> bool {
    let name = lead
        .trim_start_matches("其中")
        .trim_matches(|c: char| c.is_whitespace() || "，,：:".contains(c));
    let chars = name.chars().count();
    (2..=12).contains(&chars)
        && !name.contains(|c: char| c.is_ascii_digit() || "，,。；;（）()“”".contains(c))
        && !super::unopened::ACTIONS.iter().any(|w| name.contains(w))
        && !names_channel(name)
        && !compares(name)
}

/// Verbs of handling something that comes in (留言, 来信, 申请), not of making or publishing an item: a count
/// named by one of them that its total does not name is another measure.
const HANDLING: &[&str] = &[
    "办理", "办结", "答复", "回复", "受理", "收到", "处理", "转办", "接待", "接听", "召开", "举办",
    "开展",
];
