//! Names and phrases: organs, platforms, categories of information, and the stock sentences of the reports.

/// A place with its level and the pinyin used in its web address.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub name: &'static str,
    pub pinyin: &'static str,
}

impl Place {
    /// 县, 市, 区, 旗 — the last character, which the reports use for "我县", "全市" ….
    pub fn suffix(&self) -> &'static str {
        let last = self.name.char_indices().last().map_or(0, |(i, _)| i);
        &self.name[last..]
    }
}

macro_rules! places {
    ($($name:literal $pinyin:literal),* $(,)?) => {
        &[$(Place { name: $name, pinyin: $pinyin }),*]
    };
}

/// Counties, county-level cities, districts and prefecture-level cities.
pub const PLACES: &[Place] = places![
    "绥中县" "suizhong", "遂溪县" "suixi", "眉县" "meixian", "东宁市" "dongning", "兴城市" "xingcheng",
    "建昌县" "jianchang", "彰武县" "zhangwu", "新民市" "xinmin", "海城市" "haicheng", "凤城市" "fengcheng",
    "桦甸市" "huadian", "敦化市" "dunhua", "通榆县" "tongyu", "肇东市" "zhaodong", "宁安市" "ningan",
    "虎林市" "hulin", "讷河市" "nehe", "巴彦县" "bayan", "武安市" "wuan", "正定县" "zhengding",
    "迁安市" "qianan", "涿州市" "zhuozhou", "平遥县" "pingyao", "介休市" "jiexiu", "五台县" "wutai",
    "准格尔旗" "zhungeer", "清河县" "qinghe", "曲阜市" "qufu", "寿光市" "shouguang", "莱阳市" "laiyang",
    "邹城市" "zoucheng", "沭阳县" "shuyang", "昆山市" "kunshan", "江阴市" "jiangyin", "如皋市" "rugao",
    "海宁市" "haining", "义乌市" "yiwu", "临海市" "linhai", "安吉县" "anji", "桐庐县" "tonglu",
    "歙县" "shexian", "宁国市" "ningguo", "婺源县" "wuyuan", "瑞金市" "ruijin", "南丰县" "nanfeng",
    "晋江市" "jinjiang", "福清市" "fuqing", "武夷山市" "wuyishan", "长汀县" "changting", "巩义市" "gongyi",
    "林州市" "linzhou", "禹州市" "yuzhou", "固始县" "gushi", "汉川市" "hanchuan", "宜都市" "yidu",
    "麻城市" "macheng", "浏阳市" "liuyang", "醴陵市" "liling", "凤凰县" "fenghuang", "台山市" "taishan",
    "博罗县" "boluo", "阳春市" "yangchun", "英德市" "yingde", "北流市" "beiliu", "平果市" "pingguo",
    "琼海市" "qionghai", "荣昌区" "rongchang", "彭州市" "pengzhou", "仁寿县" "renshou", "江油市" "jiangyou",
    "仁怀市" "renhuai", "盘州市" "panzhou", "安宁市" "anning", "弥勒市" "mile", "神木市" "shenmu",
    "富平县" "fuping", "敦煌市" "dunhuang", "玉门市" "yumen", "格尔木市" "geermu", "青铜峡市" "qingtongxia",
    "库尔勒市" "kuerle", "伊宁市" "yining", "攀枝花市东区" "dongqu", "金水区" "jinshui", "天心区" "tianxin",
    "江北区" "jiangbei", "鼓楼区" "gulou", "思明区" "siming", "秦淮区" "qinhuai", "历下区" "lixia",
    "葫芦岛市" "huludao", "牡丹江市" "mudanjiang", "湛江市" "zhanjiang", "宝鸡市" "baoji", "遵义市" "zunyi",
    "赣州市" "ganzhou", "绵阳市" "mianyang", "常德市" "changde", "潍坊市" "weifang", "盐城市" "yancheng",
    "兴平市" "xingping", "华阴市" "huayin", "韩城市" "hancheng", "高平市" "gaoping", "孝义市" "xiaoyi",
    "霍州市" "huozhou", "辛集市" "xinji", "定州市" "dingzhou", "霸州市" "bazhou", "滕州市" "tengzhou",
    "诸城市" "zhucheng", "平度市" "pingdu", "新沂市" "xinyi", "丹阳市" "danyang", "泰兴市" "taixing",
    "东阳市" "dongyang", "永康市" "yongkang", "嵊州市" "shengzhou", "天长市" "tianchang", "桐城市" "tongcheng",
    "贵溪市" "guixi", "樟树市" "zhangshu", "石狮市" "shishi", "永安市" "yongan", "新郑市" "xinzheng",
    "登封市" "dengfeng", "钟祥市" "zhongxiang", "枣阳市" "zaoyang", "韶山市" "shaoshan", "耒阳市" "leiyang",
    "开平市" "kaiping", "四会市" "sihui", "桂平市" "guiping", "万宁市" "wanning", "都江堰市" "dujiangyan",
    "阆中市" "langzhong", "清镇市" "qingzhen", "大理市" "dali", "腾冲市" "tengchong", "临夏市" "linxia",
    "哈密市" "hami", "满洲里市" "manzhouli", "珲春市" "hunchun", "五常市" "wuchang",
];

/// Departments of a government: (name before the 2018 institutional reform, name after it). An organ keeps its
/// index across the reform, so each name stands for one organ only.
pub const DEPARTMENTS: &[(&str, &str)] = &[
    ("发展和改革局", "发展和改革局"),
    ("教育局", "教育局"),
    ("科学技术局", "科学技术局"),
    ("经济和信息化局", "工业和信息化局"),
    ("公安局", "公安局"),
    ("民政局", "民政局"),
    ("司法局", "司法局"),
    ("财政局", "财政局"),
    ("人力资源和社会保障局", "人力资源和社会保障局"),
    ("国土资源局", "自然资源局"),
    ("环境保护局", "生态环境局"),
    ("住房和城乡建设局", "住房和城乡建设局"),
    ("交通运输局", "交通运输局"),
    ("水务局", "水利局"),
    ("农业局", "农业农村局"),
    ("商务局", "商务局"),
    ("文化广电新闻出版局", "文化和旅游局"),
    ("卫生局", "卫生健康局"),
    ("安全生产监督管理局", "应急管理局"),
    ("审计局", "审计局"),
    ("工商行政管理局", "市场监督管理局"),
    ("统计局", "统计局"),
    ("林业局", "林业局"),
    ("人民防空办公室", "人民防空办公室"),
    ("行政服务中心管理办公室", "行政审批局"),
    ("信访局", "信访局"),
    ("城市管理行政执法局", "城市管理综合执法局"),
];

/// Categories of proactively published information.
pub const ACTIVE_CATEGORIES: &[&str] = &[
    "政策文件",
    "工作动态",
    "通知公告",
    "人事信息",
    "财政预决算信息",
    "重点领域信息",
    "政策解读",
    "规划计划",
    "机构职能信息",
    "行政执法信息",
    "公共服务信息",
    "民生实事信息",
    "应急管理信息",
];

/// Categories written before 2014 (攀枝花市东区2011 style).
pub const ACTIVE_CATEGORIES_2007: &[&str] = &[
    "概况信息",
    "计划总结信息",
    "法规公文信息",
    "工作动态信息",
    "人事信息",
    "财政信息",
    "其他信息",
    "业务信息",
    "行政许可信息",
    "公共服务信息",
];

/// Platforms for proactive publication.
pub const PLATFORMS: &[&str] = &[
    "政府门户网站",
    "政府信息公开专栏",
    "政务新媒体",
    "政府公报",
    "政务服务中心电子屏",
    "政务公开栏",
];

/// "一是…" sentences on problems.
pub const PROBLEMS: &[&str] = &[
    "部分单位对政府信息公开工作重视程度不够，信息发布不够及时",
    "政策解读形式较为单一，图解、视频等多样化解读方式运用不多",
    "基层政务公开标准化规范化工作推进不平衡，公开目录更新滞后",
    "信息公开工作人员多为兼职，人员变动较频繁，业务能力有待提升",
    "依申请公开答复的规范性有待进一步加强",
    "政府网站部分栏目内容更新不及时，互动回应功能有待完善",
    "主动公开的内容与公众需求还有差距，公共服务类信息公开数量相对较少",
    "政务新媒体管理还需加强，个别账号更新频率不高",
];

/// "一是…" sentences on improvements.
pub const IMPROVEMENTS: &[&str] = &[
    "加强组织领导，压实各单位政府信息公开工作责任",
    "丰富政策解读形式，提高解读材料的针对性和可读性",
    "加强业务培训，提升信息公开工作人员的业务能力",
    "规范依申请公开办理流程，严格按照法定时限和格式答复",
    "加强政府网站和政务新媒体日常监管，确保信息及时准确发布",
    "全面推进基层政务公开标准化规范化建设，及时动态更新公开目录",
    "完善公众参与机制，畅通政民互动渠道",
    "强化监督考核，将政务公开工作纳入年度绩效考核",
];

/// Sentences on the work in general, for the opening of 一、总体情况 / 一、概述.
pub const OPENINGS: &[&str] = &[
    "认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开",
    "紧紧围绕中心工作，进一步完善政府信息公开制度，扎实推进重点领域信息公开，着力提升政务公开标准化规范化水平",
    "按照上级政务公开工作统一部署，加强组织领导，健全工作机制，及时、准确、规范公开政府信息",
    "以政府门户网站为第一平台，积极拓宽公开渠道，切实保障人民群众的知情权、参与权、表达权和监督权",
];

/// Sentences on the management of government information.
pub const MANAGEMENT: &[&str] = &[
    "严格落实公文公开属性源头认定制度，在拟制公文时明确主动公开、依申请公开或不予公开等属性",
    "严格执行“先审查、后公开”和“一事一审”制度，防止泄露国家秘密和敏感信息",
    "定期对本机关制发的行政规范性文件进行清理，并及时向社会公布清理结果",
    "动态调整政府信息公开目录，及时更新政府信息公开指南",
];

/// Sentences on the platforms.
pub const PLATFORM_WORK: &[&str] = &[
    "持续优化政府门户网站政府信息公开专栏，按照统一规范设置法定主动公开内容栏目",
    "加强政务新媒体日常管理，建立政务新媒体台账，落实常态化监管机制",
    "在政务服务中心设置政府信息公开查阅点，方便群众现场查阅和申请",
    "推进政府网站集约化建设，网站安全防护能力显著提升",
];

/// Sentences on oversight.
pub const OVERSIGHT: &[&str] = &[
    "将政务公开工作纳入年度绩效考核，定期开展督查检查",
    "主动接受社会监督，畅通意见建议反馈渠道",
    "建立政务公开工作通报制度，对发现的问题及时督促整改",
];
