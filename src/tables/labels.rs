//! The official text of every heading and table label, exactly as the national formats print it.
//!
//! Everything the reports print that the user does not type comes from here, so the PDF, the DOCX and
//! the messages of `check` can never disagree on a label.

/// The six part headings (level 1), identical in the 2019 and 2021 formats.
pub const PART_HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

// ---- Part 二 ----
pub const ITEM_1: &str = "第二十条第（一）项";
pub const ITEM_5: &str = "第二十条第（五）项";
pub const ITEM_6: &str = "第二十条第（六）项";
pub const ITEM_8: &str = "第二十条第（八）项";
pub const ITEM_9: &str = "第二十条第（九）项";
pub const CONTENT: &str = "信息内容";
pub const REGULATIONS: &str = "规章";
pub const NORMATIVE_2021: &str = "行政规范性文件";
pub const NORMATIVE_2019: &str = "规范性文件";
pub const LICENSING: &str = "行政许可";
pub const OTHER_SERVICES: &str = "其他对外管理服务事项";
pub const PUNISHMENT: &str = "行政处罚";
pub const COERCION: &str = "行政强制";
pub const FEES: &str = "行政事业性收费";
pub const PROCUREMENT: &str = "政府集中采购";
/// Column heads of 第二十条第（一）项, 2021.
pub const DOCS_COLUMNS_2021: [&str; 3] = ["本年制发件数", "本年废止件数", "现行有效件数"];
/// Column heads of 第二十条第（一）项, 2019.
pub const DOCS_COLUMNS_2019: [&str; 3] = ["本年新制作数量", "本年新公开数量", "对外公开总数量"];
pub const DECISIONS_2021: &str = "本年处理决定数量";
pub const FEE_AMOUNT_2021: &str = "本年收费金额（单位：万元）";
/// Column heads of （五）（六）项, 2019.
pub const ITEMS_COLUMNS_2019: [&str; 3] = ["上一年项目数量", "本年增/减", "处理决定数量"];
/// Column heads of （八）项, 2019.
pub const FEES_COLUMNS_2019: [&str; 2] = ["上一年项目数量", "本年增/减"];
/// Column heads of （九）项, 2019.
pub const PROCUREMENT_COLUMNS_2019: [&str; 2] = ["采购项目数量", "采购总金额"];

// ---- Part 三 ----
pub const P3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const APPLICANTS: &str = "申请人情况";
pub const LEGAL_PERSONS: &str = "法人或其他组织";
/// The seven value columns of part 三, in table order.
pub const P3_COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];
pub const P3_NEW: &str = "一、本年新收政府信息公开申请数量";
pub const P3_CARRIED_OVER: &str = "二、上年结转政府信息公开申请数量";
pub const P3_RESULTS: &str = "三、本年度办理结果";
pub const P3_GRANTED: &str = "（一）予以公开";
pub const P3_PARTLY: &str = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
/// （二） as messages and the prose name it, without the table's note.
pub const P3_PARTLY_SHORT: &str = "（二）部分公开";
pub const P3_DENIED: &str = "（三）不予公开";
pub const P3_DENIED_ITEMS: [&str; 8] = [
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
];
pub const P3_UNABLE: &str = "（四）无法提供";
pub const P3_UNABLE_ITEMS: [&str; 3] = [
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
];
pub const P3_NOT_PROCESSED: &str = "（五）不予处理";
pub const P3_NOT_PROCESSED_ITEMS: [&str; 5] = [
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
];
pub const P3_OTHER: &str = "（六）其他处理";
/// Sub-items of （六）其他处理; the 2019 format has none.
pub const P3_OTHER_ITEMS_2021: [&str; 3] = [
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
];
pub const P3_TOTAL: &str = "（七）总计";
pub const P3_CARRIED_FORWARD: &str = "四、结转下年度继续办理";

// ---- Part 四 ----
pub const REVIEW: &str = "行政复议";
pub const LITIGATION: &str = "行政诉讼";
pub const DIRECT_SUIT: &str = "未经复议直接起诉";
pub const SUIT_AFTER_REVIEW: &str = "复议后起诉";
/// The three groups of part 四, in table order.
pub const P4_GROUPS: [&str; 3] = [REVIEW, DIRECT_SUIT, SUIT_AFTER_REVIEW];
/// The five columns of each part 四 group.
pub const P4_COLUMNS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

// ---- Text around the tables ----
/// The default title: "{agency}{year}年政府信息公开工作年度报告".
pub fn default_title(agency: &str, year: u16) -> String {
    format!("{agency}{}", title_tail(year))
}

/// The part of every title after the agency: "{year}年政府信息公开工作年度报告".
pub fn title_tail(year: u16) -> String {
    format!("{year}年政府信息公开工作年度报告")
}

/// Chinese numeral for a 1-based section number, as used in "（一）": 一 … 十, 十一 … 九十九.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(30), "三十");
        assert_eq!(chinese_number(45), "四十五");
    }
}
