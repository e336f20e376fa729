//! Part 二 (主动公开政府信息情况): the numbers of 条例 第二十条, in the 2021 or 2019 shape.

use super::numbers::{Amount, Count, Signed};

/// The part 二 table; its shape depends on the format version.
#[derive(Debug, Clone)]
// One per report: the size difference between the variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Part2 {
    V2021(Part2v2021),
    V2019(Part2v2019),
}

/// 国办公开办函〔2021〕30号.
#[derive(Debug, Clone, Default)]
pub struct Part2v2021 {
    /// 规章: 本年制发件数, 本年废止件数, 现行有效件数.
    pub regulations: [Count; 3],
    /// 行政规范性文件: same columns.
    pub normative_documents: [Count; 3],
    /// 行政许可 本年处理决定数量.
    pub licensing: Count,
    /// 行政处罚 本年处理决定数量.
    pub punishment: Count,
    /// 行政强制 本年处理决定数量.
    pub coercion: Count,
    /// 行政事业性收费 本年收费金额（万元）.
    pub fees: Amount,
}

/// 国办公开办函〔2019〕60号 (试行), used for the 2019 and 2020 reports.
#[derive(Debug, Clone, Default)]
pub struct Part2v2019 {
    /// 规章: 本年新制作数量, 本年新公开数量, 对外公开总数量.
    pub regulations: [Count; 3],
    /// 规范性文件: same columns.
    pub normative_documents: [Count; 3],
    /// 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制: 上一年项目数量, 本年增/减, 处理决定数量.
    pub licensing: Items2019,
    pub other_services: Items2019,
    pub punishment: Items2019,
    pub coercion: Items2019,
    /// 行政事业性收费: 上一年项目数量, 本年增/减.
    pub fees: (Count, Signed),
    /// 政府集中采购: 采购项目数量, 采购总金额（万元）.
    pub procurement: (Count, Amount),
}

/// One row of the 2019 第二十条第（五）（六）项 sections.
#[derive(Debug, Clone, Default)]
pub struct Items2019 {
    pub previous: Count,
    pub change: Signed,
    pub decisions: Count,
}

impl Part2 {
    /// A table of zeros in a format.
    pub fn new(format: crate::tables::schema::Format) -> Part2 {
        match format {
            crate::tables::schema::Format::V2021 => Part2::V2021(Part2v2021::default()),
            crate::tables::schema::Format::V2019 => Part2::V2019(Part2v2019::default()),
        }
    }

    /// 第二十条第（一）项's two rows (规章, (行政)规范性文件), the same in both formats.
    pub fn documents(&self) -> [&[Count; 3]; 2] {
        match self {
            Part2::V2021(p) => [&p.regulations, &p.normative_documents],
            Part2::V2019(p) => [&p.regulations, &p.normative_documents],
        }
    }
}
