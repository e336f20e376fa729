//! `nianbao init`: a complete report skeleton, every number 0, every key commented with its label.

use std::fmt::Write as _;

use crate::input::parts::{DENIED_KEYS, NOT_PROCESSED_KEYS, OTHER_KEYS, PART4_KEYS, UNABLE_KEYS};
use crate::model::Format;
use crate::tables::labels as l;

const ZEROS7: &str = "[0, 0, 0, 0, 0, 0, 0]";

fn part_text(out: &mut String, key: &str, heading: &str, example: &str, sections: bool) {
    let _ = writeln!(out, "\n[{key}]    # {heading}");
    let _ = writeln!(out, "# 每一行是一个自然段，工具自动首行缩进两字。示例：");
    let _ = writeln!(out, "# text = \"\"\"\n# {example}\n# \"\"\"");
    let _ = writeln!(out, "text = \"\"");
    if sections {
        let _ = writeln!(
            out,
            "# 带序号的小标题段落，（一）（二）……由工具编号，小标题与正文同段："
        );
        let _ = writeln!(out, "# [[{key}.sections]]\n# title = \"主动公开情况。\"");
        let _ = writeln!(out, "# text = \"\"\"\n# 全年主动公开政府信息……\n# \"\"\"");
        let _ = writeln!(out, "# 小标题单独成行（楷体）时加：standalone = true");
    }
}

fn after_table(out: &mut String) {
    let _ = writeln!(out, "# 表格后的说明文字（可选）：text = \"\"\"……\"\"\"");
}

/// The skeleton for a new report, as TOML text.
pub fn skeleton(year: u16, agency: &str, format: Format) -> String {
    let mut out = String::new();
    let agency = agency.replace('\\', "\\\\").replace('"', "\\\"");
    let (fmt_name, fmt_doc) = match format {
        Format::V2021 => ("2021", "国办公开办函〔2021〕30号"),
        Format::V2019 => ("2019", "国办公开办函〔2019〕60号（试行）"),
    };
    let _ = writeln!(out, "# {agency}{year}年政府信息公开工作年度报告");
    let _ = writeln!(
        out,
        "# 由 nianbao init 生成。填写数字和正文后运行：nianbao check 本文件"
    );
    let _ = writeln!(
        out,
        "# 所有数字都必须填写，没有的填 0；标有“可省略”的总计由工具计算。\n"
    );
    let _ = writeln!(out, "format = \"{fmt_name}\"    # 统一格式：{fmt_doc}");
    let _ = writeln!(out, "year = {year}    # 报告年度");
    let _ = writeln!(out, "agency = \"{agency}\"    # 发布机关");
    let _ = writeln!(
        out,
        "# title = \"{agency}{year}年政府信息公开工作年度报告\"    # 标题（可省略，默认如左）"
    );
    let _ = writeln!(
        out,
        "# signature = \"{agency}\"    # 署名（可选，印在文末）"
    );
    let _ = writeln!(out, "# date = {}-01-20    # 成文日期（可选）", year + 1);
    let _ = writeln!(
        out,
        "# previous = \"{}.toml\"    # 上年报告文件（可选，用于跨年核对）",
        year - 1
    );
    let _ = writeln!(out, "\n# 前言（可选）：");
    let _ = writeln!(
        out,
        "# preamble = \"\"\"\n# 本报告由总体情况、主动公开政府信息情况……共六个部分组成。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n# \"\"\""
    );

    part_text(
        &mut out,
        "part1",
        l::PART_HEADINGS[0],
        &format!("{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》……"),
        true,
    );

    let _ = writeln!(out, "\n[part2]    # {}", l::PART_HEADINGS[1]);
    match format {
        Format::V2021 => {
            let _ = writeln!(out, "# {}：{}", l::ITEM_1, l::DOCS_COLUMNS_2021.join("、"));
            let _ = writeln!(out, "regulations = [0, 0, 0]    # {}", l::REGULATIONS);
            let _ = writeln!(
                out,
                "normative_documents = [0, 0, 0]    # {}",
                l::NORMATIVE_2021
            );
            let _ = writeln!(
                out,
                "licensing = 0    # {} {} {}",
                l::ITEM_5,
                l::LICENSING,
                l::DECISIONS_2021
            );
            let _ = writeln!(
                out,
                "punishment = 0    # {} {} {}",
                l::ITEM_6,
                l::PUNISHMENT,
                l::DECISIONS_2021
            );
            let _ = writeln!(
                out,
                "coercion = 0    # {} {} {}",
                l::ITEM_6,
                l::COERCION,
                l::DECISIONS_2021
            );
            let _ = writeln!(
                out,
                "fees = 0    # {} {} {}（可有小数，最多 4 位）",
                l::ITEM_8,
                l::FEES,
                l::FEE_AMOUNT_2021
            );
        }
        Format::V2019 => {
            let _ = writeln!(out, "# {}：{}", l::ITEM_1, l::DOCS_COLUMNS_2019.join("、"));
            let _ = writeln!(out, "regulations = [0, 0, 0]    # {}", l::REGULATIONS);
            let _ = writeln!(
                out,
                "normative_documents = [0, 0, 0]    # {}",
                l::NORMATIVE_2019
            );
            let _ = writeln!(
                out,
                "# {}、{}：{}（本年增/减 可为负数）",
                l::ITEM_5,
                l::ITEM_6,
                l::ITEMS_COLUMNS_2019.join("、")
            );
            let _ = writeln!(out, "licensing = [0, 0, 0]    # {}", l::LICENSING);
            let _ = writeln!(out, "other_services = [0, 0, 0]    # {}", l::OTHER_SERVICES);
            let _ = writeln!(out, "punishment = [0, 0, 0]    # {}", l::PUNISHMENT);
            let _ = writeln!(out, "coercion = [0, 0, 0]    # {}", l::COERCION);
            let _ = writeln!(
                out,
                "fees = [0, 0]    # {} {}：{}",
                l::ITEM_8,
                l::FEES,
                l::FEES_COLUMNS_2019.join("、")
            );
            let _ = writeln!(
                out,
                "procurement = [0, 0]    # {} {}：{}（万元）",
                l::ITEM_9,
                l::PROCUREMENT,
                l::PROCUREMENT_COLUMNS_2019.join("、")
            );
        }
    }
    after_table(&mut out);

    let _ = writeln!(out, "\n[part3]    # {}", l::PART_HEADINGS[2]);
    let _ = writeln!(out, "# 每行 7 个数：{}", l::P3_COLUMNS.join("、"));
    let _ = writeln!(out, "# 最后的 总计 可省略（只写 6 个数），由工具计算。");
    let _ = writeln!(
        out,
        "# 勾稽关系：一 + 二 = 三（七）总计 + 四，每一列都要成立。"
    );
    let rows = [
        ("new", l::P3_NEW.to_string()),
        ("carried_over", l::P3_CARRIED_OVER.to_string()),
        ("granted", format!("三 {}", l::P3_GRANTED)),
        ("partly_granted", format!("三 {}", l::P3_PARTLY)),
        (
            "total",
            format!("三 {}（整行可省略，由工具计算）", l::P3_TOTAL),
        ),
        ("carried_forward", l::P3_CARRIED_FORWARD.to_string()),
    ];
    for (key, label) in rows {
        let _ = writeln!(out, "{key} = {ZEROS7}    # {label}");
    }
    if format == Format::V2019 {
        let _ = writeln!(out, "other = {ZEROS7}    # 三 {}", l::P3_OTHER);
    }
    let groups: [(&str, &str, &[&str], &[&str]); 4] = [
        ("denied", l::P3_DENIED, &DENIED_KEYS, &l::P3_DENIED_ITEMS),
        ("unable", l::P3_UNABLE, &UNABLE_KEYS, &l::P3_UNABLE_ITEMS),
        (
            "not_processed",
            l::P3_NOT_PROCESSED,
            &NOT_PROCESSED_KEYS,
            &l::P3_NOT_PROCESSED_ITEMS,
        ),
        ("other", l::P3_OTHER, &OTHER_KEYS, &l::P3_OTHER_ITEMS_2021),
    ];
    for (key, label, keys, labels) in groups {
        if key == "other" && format == Format::V2019 {
            continue;
        }
        let _ = writeln!(out, "\n[part3.{key}]    # 三 {label}");
        for (k, lbl) in keys.iter().zip(labels.iter()) {
            let _ = writeln!(out, "{k} = {ZEROS7}    # {lbl}");
        }
    }

    let _ = writeln!(out, "\n[part4]    # {}", l::PART_HEADINGS[3]);
    let _ = writeln!(
        out,
        "# 每组 5 个数：{}（总计 可省略）",
        l::P4_COLUMNS.join("、")
    );
    let groups = [
        l::REVIEW.to_string(),
        format!("{} {}", l::LITIGATION, l::DIRECT_SUIT),
        format!("{} {}", l::LITIGATION, l::SUIT_AFTER_REVIEW),
    ];
    for (key, label) in PART4_KEYS.iter().zip(groups) {
        let _ = writeln!(out, "{key} = [0, 0, 0, 0, 0]    # {label}");
    }
    after_table(&mut out);

    part_text(
        &mut out,
        "part5",
        l::PART_HEADINGS[4],
        "一是……。二是……。下一步，将……",
        true,
    );
    part_text(
        &mut out,
        "part6",
        l::PART_HEADINGS[5],
        "本年度未收取信息处理费。",
        false,
    );
    out
}
