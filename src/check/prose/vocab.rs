//! The vocabulary of the prose check, as data: the phrasings real reports use for each table
//! figure, the words that may stand between such a phrase and its number, and the words that make a
//! figure mean something else. Extend the lists here; no other file holds a phrase.

use crate::tables::Matter;

/// Rows of part 三 a phrase can name; categories add up their sub-items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// 一、本年新收.
    New,
    /// 收到/受理: 本年新收, or (as some reports count) 本年新收 + 上年结转.
    Received,
    /// 二、上年结转.
    CarriedOver,
    /// 三（七）总计: the applications answered this year.
    Done,
    /// 四、结转下年度继续办理.
    CarriedForward,
    Granted,
    Partly,
    /// （一）予以公开 + （二）部分公开.
    GrantedAndPartly,
    Denied,
    Unable,
    NotProcessed,
    Other,
    /// One sub-item of （三）…（六）: category and index.
    Item(Category, usize),
}

/// The categories of part 三 with sub-items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Denied,
    Unable,
    NotProcessed,
    Other,
}

/// What a word contributes to a figure's meaning. A *head* names the quantity; the others refine
/// it (a column, an outcome, a document column) and may borrow the head of the figure before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    /// Head: part 三 rows (the 总计 column unless a column word refines it).
    Rows(Rows),
    /// Head: part 四 groups, added (行政诉讼 = 未经复议直接起诉 + 复议后起诉).
    Groups(&'static [usize]),
    /// Head: 第二十条第（一）项, row 0 规章 or 1 行政规范性文件; needs a [`Sense::DocColumn`].
    DocRow(usize),
    /// Head: 本年处理决定数量 of a matter.
    Decisions(Matter),
    /// Head: 行政事业性收费 本年收费金额.
    Fees,
    /// Part 三 applicant columns, added (法人或其他组织 = the five columns after 自然人).
    Columns(&'static [usize]),
    /// Part 四 outcome column: 结果维持, 结果纠正, 其他结果, 尚未审结.
    Outcome(usize),
    /// 第二十条第（一）项 column: 本年制发, 本年废止, 现行有效.
    DocColumn(usize),
}

/// Phrases and their senses. Where two phrases end at the same place the longer wins, so
/// “予以公开及部分公开” is a sum and not “部分公开”.
pub const WORDS: &[(&str, Sense)] = &[
    // 一、本年新收
    ("新收", Sense::Rows(Rows::New)),
    ("本年新收", Sense::Rows(Rows::New)),
    ("新接收", Sense::Rows(Rows::New)),
    ("新受理", Sense::Rows(Rows::New)),
    ("收到", Sense::Rows(Rows::Received)),
    ("共收到", Sense::Rows(Rows::Received)),
    ("接收", Sense::Rows(Rows::Received)),
    ("受理", Sense::Rows(Rows::Received)),
    ("共受理", Sense::Rows(Rows::Received)),
    ("收悉", Sense::Rows(Rows::Received)),
    // 二、上年结转
    ("上年结转", Sense::Rows(Rows::CarriedOver)),
    ("上年度结转", Sense::Rows(Rows::CarriedOver)),
    ("上一年度结转", Sense::Rows(Rows::CarriedOver)),
    ("上年转入", Sense::Rows(Rows::CarriedOver)),
    ("上年度转入", Sense::Rows(Rows::CarriedOver)),
    ("上年度延续办理", Sense::Rows(Rows::CarriedOver)),
    // 三（七）总计
    ("办结", Sense::Rows(Rows::Done)),
    ("已办结", Sense::Rows(Rows::Done)),
    ("答复", Sense::Rows(Rows::Done)),
    ("已答复", Sense::Rows(Rows::Done)),
    ("作出答复", Sense::Rows(Rows::Done)),
    ("办理完毕", Sense::Rows(Rows::Done)),
    ("处理完毕", Sense::Rows(Rows::Done)),
    ("办理答复", Sense::Rows(Rows::Done)),
    // 四、结转下年度继续办理
    ("结转下年度", Sense::Rows(Rows::CarriedForward)),
    ("结转下一年度", Sense::Rows(Rows::CarriedForward)),
    ("结转至下年度", Sense::Rows(Rows::CarriedForward)),
    ("结转下年", Sense::Rows(Rows::CarriedForward)),
    ("转下年度", Sense::Rows(Rows::CarriedForward)),
    ("转入下年度", Sense::Rows(Rows::CarriedForward)),
    ("顺延", Sense::Rows(Rows::CarriedForward)),
    ("顺延至下年度", Sense::Rows(Rows::CarriedForward)),
    // 三、本年度办理结果
    ("予以公开", Sense::Rows(Rows::Granted)),
    ("同意公开", Sense::Rows(Rows::Granted)),
    ("部分公开", Sense::Rows(Rows::Partly)),
    ("予以公开及部分公开", Sense::Rows(Rows::GrantedAndPartly)),
    ("予以公开和部分公开", Sense::Rows(Rows::GrantedAndPartly)),
    ("予以公开或部分公开", Sense::Rows(Rows::GrantedAndPartly)),
    ("公开和部分公开", Sense::Rows(Rows::GrantedAndPartly)),
    ("公开及部分公开", Sense::Rows(Rows::GrantedAndPartly)),
    ("全部或部分公开", Sense::Rows(Rows::GrantedAndPartly)),
    ("全部公开和部分公开", Sense::Rows(Rows::GrantedAndPartly)),
    ("不予公开", Sense::Rows(Rows::Denied)),
    ("无法提供", Sense::Rows(Rows::Unable)),
    ("不予处理", Sense::Rows(Rows::NotProcessed)),
    ("其他处理", Sense::Rows(Rows::Other)),
    ("作其他处理", Sense::Rows(Rows::Other)),
    // Sub-items, in the words of the labels and their usual short forms.
    ("属于国家秘密", Sense::Rows(Rows::Item(Category::Denied, 0))),
    ("国家秘密", Sense::Rows(Rows::Item(Category::Denied, 0))),
    (
        "其他法律行政法规禁止公开",
        Sense::Rows(Rows::Item(Category::Denied, 1)),
    ),
    (
        "危及“三安全一稳定”",
        Sense::Rows(Rows::Item(Category::Denied, 2)),
    ),
    (
        "保护第三方合法权益",
        Sense::Rows(Rows::Item(Category::Denied, 3)),
    ),
    (
        "第三方合法权益",
        Sense::Rows(Rows::Item(Category::Denied, 3)),
    ),
    (
        "三类内部事务信息",
        Sense::Rows(Rows::Item(Category::Denied, 4)),
    ),
    ("内部事务信息", Sense::Rows(Rows::Item(Category::Denied, 4))),
    (
        "四类过程性信息",
        Sense::Rows(Rows::Item(Category::Denied, 5)),
    ),
    ("过程性信息", Sense::Rows(Rows::Item(Category::Denied, 5))),
    ("行政执法案卷", Sense::Rows(Rows::Item(Category::Denied, 6))),
    ("行政查询事项", Sense::Rows(Rows::Item(Category::Denied, 7))),
    (
        "本机关不掌握相关政府信息",
        Sense::Rows(Rows::Item(Category::Unable, 0)),
    ),
    (
        "不掌握相关政府信息",
        Sense::Rows(Rows::Item(Category::Unable, 0)),
    ),
    ("本机关不掌握", Sense::Rows(Rows::Item(Category::Unable, 0))),
    (
        "没有现成信息需要另行制作",
        Sense::Rows(Rows::Item(Category::Unable, 1)),
    ),
    ("需要另行制作", Sense::Rows(Rows::Item(Category::Unable, 1))),
    (
        "补正后申请内容仍不明确",
        Sense::Rows(Rows::Item(Category::Unable, 2)),
    ),
    (
        "信访举报投诉类申请",
        Sense::Rows(Rows::Item(Category::NotProcessed, 0)),
    ),
    (
        "信访举报投诉类",
        Sense::Rows(Rows::Item(Category::NotProcessed, 0)),
    ),
    (
        "重复申请",
        Sense::Rows(Rows::Item(Category::NotProcessed, 1)),
    ),
    (
        "要求提供公开出版物",
        Sense::Rows(Rows::Item(Category::NotProcessed, 2)),
    ),
    (
        "无正当理由大量反复申请",
        Sense::Rows(Rows::Item(Category::NotProcessed, 3)),
    ),
    (
        "要求行政机关确认或重新出具已获取信息",
        Sense::Rows(Rows::Item(Category::NotProcessed, 4)),
    ),
    ("逾期不补正", Sense::Rows(Rows::Item(Category::Other, 0))),
    (
        "无正当理由逾期不补正",
        Sense::Rows(Rows::Item(Category::Other, 0)),
    ),
    (
        "逾期未按收费通知要求缴纳费用",
        Sense::Rows(Rows::Item(Category::Other, 1)),
    ),
    (
        "未按收费通知要求缴纳费用",
        Sense::Rows(Rows::Item(Category::Other, 1)),
    ),
    (
        "逾期未缴纳信息处理费",
        Sense::Rows(Rows::Item(Category::Other, 1)),
    ),
    ("逾期未缴费", Sense::Rows(Rows::Item(Category::Other, 1))),
    // Part 三 applicant columns.
    ("自然人", Sense::Columns(&[0])),
    ("公民", Sense::Columns(&[0])),
    ("商业企业", Sense::Columns(&[1])),
    ("企业", Sense::Columns(&[1])),
    ("科研机构", Sense::Columns(&[2])),
    ("社会公益组织", Sense::Columns(&[3])),
    ("法律服务机构", Sense::Columns(&[4])),
    ("法人或其他组织", Sense::Columns(&[1, 2, 3, 4, 5])),
    ("法人和其他组织", Sense::Columns(&[1, 2, 3, 4, 5])),
    ("法人及其他组织", Sense::Columns(&[1, 2, 3, 4, 5])),
    // Part 四.
    ("行政复议", Sense::Groups(&[0])),
    ("行政诉讼", Sense::Groups(&[1, 2])),
    ("直接起诉", Sense::Groups(&[1])),
    ("未经复议直接起诉", Sense::Groups(&[1])),
    ("直接提起行政诉讼", Sense::Groups(&[1])),
    ("复议后起诉", Sense::Groups(&[2])),
    ("经复议后起诉", Sense::Groups(&[2])),
    ("复议后提起行政诉讼", Sense::Groups(&[2])),
    ("结果维持", Sense::Outcome(0)),
    ("维持", Sense::Outcome(0)),
    ("被维持", Sense::Outcome(0)),
    ("予以维持", Sense::Outcome(0)),
    ("维持原行政行为", Sense::Outcome(0)),
    ("结果纠正", Sense::Outcome(1)),
    ("纠正", Sense::Outcome(1)),
    ("被纠正", Sense::Outcome(1)),
    ("予以纠正", Sense::Outcome(1)),
    ("其他结果", Sense::Outcome(2)),
    ("尚未审结", Sense::Outcome(3)),
    ("未审结", Sense::Outcome(3)),
    ("正在审理", Sense::Outcome(3)),
    ("尚在审理", Sense::Outcome(3)),
    ("审理中", Sense::Outcome(3)),
    // Part 二 (2021 format).
    ("规章", Sense::DocRow(0)),
    ("行政规范性文件", Sense::DocRow(1)),
    ("规范性文件", Sense::DocRow(1)),
    ("制发", Sense::DocColumn(0)),
    ("印发", Sense::DocColumn(0)),
    ("制定", Sense::DocColumn(0)),
    ("出台", Sense::DocColumn(0)),
    ("新制定", Sense::DocColumn(0)),
    ("制定出台", Sense::DocColumn(0)),
    ("本年制发", Sense::DocColumn(0)),
    ("废止", Sense::DocColumn(1)),
    ("本年废止", Sense::DocColumn(1)),
    ("宣布废止", Sense::DocColumn(1)),
    ("现行有效", Sense::DocColumn(2)),
    ("行政许可", Sense::Decisions(Matter::Licensing)),
    ("行政处罚", Sense::Decisions(Matter::Punishment)),
    ("行政强制", Sense::Decisions(Matter::Coercion)),
    ("行政事业性收费", Sense::Fees),
];

/// What kind of head a filler may stand beside (see [`FILLERS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum With {
    Any,
    /// Part 三 only: words about applications.
    Applications,
    /// Part 四 only.
    Cases,
    /// 本年处理决定数量 only.
    Decisions,
    /// 行政事业性收费 only.
    Fees,
}

/// Words that may stand between the phrase and its number (or before the phrase) without
/// changing what is counted: “新收**政府信息公开申请**78件”. Any other word in between means the
/// figure may count something else (备案, 办理, 审查 …), and it is not compared.
pub const FILLERS: &[(&str, With)] = &[
    ("共", With::Any),
    ("共计", With::Any),
    ("合计", With::Any),
    ("总计", With::Any),
    ("计", With::Any),
    ("为", With::Any),
    ("的", With::Any),
    ("达", With::Any),
    ("了", With::Any),
    ("已", With::Any),
    ("均", With::Any),
    ("有", With::Any),
    ("全年", With::Any),
    ("本年", With::Any),
    ("本年度", With::Any),
    ("年度", With::Any),
    ("当年", With::Any),
    ("其中", With::Any),
    ("另有", With::Any),
    ("和", With::Any),
    ("及", With::Any),
    ("以及", With::Any),
    ("与", With::Any),
    ("数", With::Any),
    ("件数", With::Any),
    ("数量", With::Any),
    ("总数", With::Any),
    ("总量", With::Any),
    ("申请", With::Applications),
    ("的申请", With::Applications),
    ("公开申请", With::Applications),
    ("信息公开申请", With::Applications),
    ("政府信息公开申请", With::Applications),
    ("依申请公开申请", With::Applications),
    ("依申请公开", With::Applications),
    ("依申请公开事项", With::Applications),
    ("依申请公开件", With::Applications),
    ("办理", With::Applications),
    ("继续办理", With::Applications),
    ("至", With::Applications),
    ("下一年度", With::Applications),
    ("下年度", With::Applications),
    ("人", With::Applications),
    ("提出", With::Applications),
    ("提交", With::Applications),
    ("案件", With::Cases),
    ("被", With::Cases),
    ("被申请", With::Cases),
    ("被提起", With::Cases),
    ("提起", With::Cases),
    ("决定", With::Decisions),
    ("处理决定", With::Decisions),
    ("作出", With::Decisions),
    ("收费", With::Fees),
    ("金额", With::Fees),
    ("收费金额", With::Fees),
    ("收取", With::Fees),
];

/// Part 三 words that also name other things (收到 a letter, 答复 an inquiry): their figures are
/// compared only when “申请” is in the same sentence.
pub const NEED_APPLICATION: &[&str] = &["收到", "接收", "受理", "答复", "办结", "收悉"];

/// Besides “申请”, a sentence using a word of [`NEED_APPLICATION`] must hold one of these (so
/// that the application is one for government information) and none of [`OTHER_SUBJECTS`].
pub const DISCLOSURE_WORDS: &[&str] = &["公开申请", "依申请", "信息公开", "政府信息"];

/// Other business a 收到/受理/办结/答复 may count (行政许可申请, 信访件, 建议提案 …).
pub const OTHER_SUBJECTS: &[&str] = &[
    "许可",
    "审批",
    "信访",
    "来信",
    "来访",
    "建议",
    "提案",
    "复议",
    "诉讼",
    "政务服务",
    "办件",
    "热线",
    "12345",
    "咨询",
    "投诉",
    "留言",
    "举报",
];

/// Words before a figure (outside its phrase) that make it another scope: another year, the
/// whole area (a 汇总 report), or a part of the whole (by channel, by subject).
pub const SCOPE_WORDS: &[&str] = &[
    "上年",
    "上一年",
    "去年",
    "前年",
    "历年",
    "累计",
    "以来",
    "同期",
    "备案",
    "全市",
    "全区",
    "全县",
    "全省",
    "全州",
    "全镇",
    "全系统",
    "各级",
    "各部门",
    "各单位",
    "各地",
    "本级",
    "汇总",
    "通过",
    "方式",
    "渠道",
    "途径",
    "类",
    "涉及",
    "关于",
    "有关",
    "网上",
    "网络",
    "在线",
    "信函",
    "当面",
    "现场",
    "邮寄",
    "传真",
    "邮件",
    "平台",
    "窗口",
    "领域",
    "方面",
    "每月",
    "月均",
    "平均",
];

/// Outside part 四's own text, a paragraph must hold one of these for 行政复议 / 行政诉讼 figures to
/// be the agency's own cases about information disclosure (a 司法局 also decides reviews).
pub const CASE_WORDS: &[&str] = &["信息公开", "被申请", "被提起", "被起诉", "被诉", "依申请"];

/// Written before a number: it is not exact (“近百件”, “约80件”) and is not compared.
pub const APPROXIMATE_BEFORE: &[&str] = &[
    "约", "近", "逾", "超过", "大约", "将近", "不足", "不到", "最多", "至少",
];

/// Written after a number (before or after the unit): it is not exact (“80余件”).
pub const APPROXIMATE_AFTER: &[&str] = &["余", "多", "以上", "左右", "以下", "以内", "上下"];

/// Units of counts, and which heads they may count.
pub const COUNT_UNITS: &[&str] = &["件", "个", "条", "次", "起", "宗", "部", "份", "项"];

/// A unit fits a head: applications and cases are 件/个/起/宗; documents 件/个/部/份/项;
/// decisions 件/个/次/起/项; fees 万元/元.
pub fn unit_fits(sense: Sense, unit: &str) -> bool {
    let ok: &[&str] = match sense {
        Sense::Rows(_) => &["件", "个"],
        Sense::Groups(_) => &["件", "个", "起", "宗"],
        Sense::DocRow(_) => &["件", "个", "部", "份", "项"],
        Sense::Decisions(_) => &["件", "个", "次", "起", "项"],
        Sense::Fees => &["万元", "元"],
        _ => &[],
    };
    ok.contains(&unit)
}

/// Claims that every case ended one way (“均获维持”): the outcome column all cases must be in.
pub const ALL_UPHELD: &[&str] = &[
    "均获维持",
    "均被维持",
    "均予以维持",
    "全部维持",
    "全部被维持",
    "均维持",
    "全部获得维持",
    "均为维持",
    "结果均为维持",
];

/// Claims that every answered application was granted.
pub const ALL_GRANTED: &[&str] = &[
    "全部予以公开",
    "均予以公开",
    "全部公开",
    "均已公开",
    "均予公开",
];

/// Words of a sentence that claims there were none of a kind (“未发生……行政复议”).
pub const NONE_WORDS: &[&str] = &[
    "未发生",
    "未出现",
    "未收到",
    "未被",
    "没有发生",
    "没有收到",
    "无",
];

/// Year-on-year words before a percentage or a count: (word, sign).
pub const CHANGE_WORDS: &[(&str, i8)] = &[
    ("增长", 1),
    ("增加", 1),
    ("上升", 1),
    ("提高", 1),
    ("多", 1),
    ("下降", -1),
    ("减少", -1),
    ("降低", -1),
    ("少", -1),
];

/// Words that make the number after them a change from last year.
pub const YEAR_ON_YEAR: &[&str] = &[
    "同比",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "与上年相比",
    "较上一年度",
    "较上年度",
    "比上年度",
    "与去年相比",
];

/// Words that make a percentage a share (“占33.9%”).
pub const SHARE_WORDS: &[&str] = &["占"];
