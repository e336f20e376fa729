//! Writing a report as TOML: the skeleton of `init`, the area report of `sum`, generated test reports.
//!
//! Every key is followed by a comment naming its official row or column, so the file explains itself.

use std::fmt::Write as _;

use crate::input::parts::{DENIED_KEYS, NOT_PROCESSED_KEYS, OTHER_KEYS, PART4_KEYS, UNABLE_KEYS};
use crate::model::{Count, Date, Format, Part2, Part2v2019, Part2v2021, Part3, Part4, Row};
use crate::tables::labels as l;

/// Prose of a part as plain strings: paragraphs, then titled sections.
#[derive(Debug, Clone, Default)]
pub struct DraftBody {
    pub paragraphs: Vec<String>,
    pub sections: Vec<(String, Vec<String>)>,
}

/// A report to be written out as TOML.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Comment lines at the top of the file.
    pub header: Vec<String>,
    pub format: Format,
    pub year: u16,
    pub agency: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub signature: Option<String>,
    pub preamble: Vec<String>,
    pub part1: DraftBody,
    pub part2: Part2,
    pub part3: Part3,
    pub part4: Part4,
    pub part5: DraftBody,
    pub part6: DraftBody,
    /// Write commented-out examples of the optional keys and of the prose (for `init`).
    pub examples: bool,
}

impl Draft {
    /// A report with every number 0 and no prose.
    pub fn zero(year: u16, agency: &str, format: Format) -> Draft {
        let part2 = match format {
            Format::V2021 => Part2::V2021(Part2v2021::default()),
            Format::V2019 => Part2::V2019(Part2v2019::default()),
        };
        Draft {
            header: Vec::new(),
            format,
            year,
            agency: agency.to_string(),
            title: None,
            date: None,
            signature: None,
            preamble: Vec::new(),
            part1: DraftBody::default(),
            part2,
            part3: Part3 {
                other: vec![Row::default(); format.other_rows()],
                ..Part3::default()
            },
            part4: Part4::default(),
            part5: DraftBody::default(),
            part6: DraftBody::default(),
            examples: false,
        }
    }

    /// The report as TOML text that `input::parse` reads back to the same numbers and prose.
    pub fn to_toml(&self) -> String {
        let mut w = Writer(String::new());
        for line in &self.header {
            w.line(&format!("# {line}"));
        }
        if !self.header.is_empty() {
            w.line("");
        }
        let (fmt_name, fmt_doc) = match self.format {
            Format::V2021 => ("2021", "国办公开办函〔2021〕30号"),
            Format::V2019 => ("2019", "国办公开办函〔2019〕60号（试行）"),
        };
        let year = self.year;
        let agency = &self.agency;
        w.key("format", &quote(fmt_name), &format!("统一格式：{fmt_doc}"));
        w.key("year", &year.to_string(), "报告年度");
        w.key("agency", &quote(agency), "发布机关");
        let default_title = format!("{agency}{year}年政府信息公开工作年度报告");
        match &self.title {
            Some(t) => w.key("title", &quote(t), "标题"),
            None if self.examples => w.line(&format!(
                "# title = \"{default_title}\"    # 标题（可省略，默认如左；要分两行时在中间换行）"
            )),
            None => {}
        }
        match &self.signature {
            Some(s) => w.key("signature", &quote(s), "署名"),
            None if self.examples => w.line(&format!(
                "# signature = \"{agency}\"    # 署名（可选，印在文末）"
            )),
            None => {}
        }
        match self.date {
            Some(d) => w.key(
                "date",
                &format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
                "成文日期",
            ),
            None if self.examples => w.line(&format!(
                "# date = {}-01-20    # 成文日期（可选）",
                year + 1
            )),
            None => {}
        }
        if self.examples {
            w.line(&format!(
                "# previous = \"{}.toml\"    # 上年报告文件（可选，用于跨年核对）",
                year - 1
            ));
        }
        if !self.preamble.is_empty() {
            w.line("");
            w.line(&format!("preamble = {}", multiline(&self.preamble)));
        } else if self.examples {
            w.line("\n# 前言（可选）：");
            w.line(&format!(
                "# preamble = \"\"\"\n# 本报告由总体情况、主动公开政府信息情况……共六个部分组成。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n# \"\"\""
            ));
        }

        let example1 =
            format!("{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》……");
        self.body(&mut w, "part1", 0, &self.part1, &example1, true);
        self.part2_toml(&mut w);
        self.part3_toml(&mut w);
        self.part4_toml(&mut w);
        self.body(
            &mut w,
            "part5",
            4,
            &self.part5,
            "一是……。二是……。下一步，将……",
            true,
        );
        self.body(
            &mut w,
            "part6",
            5,
            &self.part6,
            "本年度未收取信息处理费。",
            false,
        );
        w.0
    }

    fn body(
        &self,
        w: &mut Writer,
        key: &str,
        index: usize,
        body: &DraftBody,
        example: &str,
        sections: bool,
    ) {
        w.line(&format!("\n[{key}]    # {}", l::PART_HEADINGS[index]));
        if body.paragraphs.is_empty() && body.sections.is_empty() {
            if self.examples {
                w.line("# 每一行是一个自然段，工具自动首行缩进两字。示例：");
                w.line(&format!("# text = \"\"\"\n# {example}\n# \"\"\""));
            }
            w.line("text = \"\"    # 请填写");
        } else if !body.paragraphs.is_empty() {
            w.line(&format!("text = {}", multiline(&body.paragraphs)));
        }
        if sections && self.examples && body.sections.is_empty() {
            w.line("# 带序号的小标题段落，（一）（二）……由工具编号，小标题与正文同段：");
            w.line(&format!(
                "# [[{key}.sections]]\n# title = \"主动公开情况。\""
            ));
            w.line("# text = \"\"\"\n# 全年主动公开政府信息……\n# \"\"\"");
            w.line("# 小标题单独成行（楷体）时加：standalone = true");
        }
        for (title, paragraphs) in &body.sections {
            w.line(&format!("\n[[{key}.sections]]"));
            w.line(&format!("title = {}", quote(title)));
            w.line(&format!("text = {}", multiline(paragraphs)));
        }
    }

    fn part2_toml(&self, w: &mut Writer) {
        w.line(&format!("\n[part2]    # {}", l::PART_HEADINGS[1]));
        // 第二十条第（一）项 has the same two rows in both formats, under other column heads.
        let (columns, normative_label) = match self.format {
            Format::V2021 => (l::DOCS_COLUMNS_2021, l::NORMATIVE_2021),
            Format::V2019 => (l::DOCS_COLUMNS_2019, l::NORMATIVE_2019),
        };
        let [regulations, normative] = self.part2.documents();
        w.line(&format!("# {}：{}", l::ITEM_1, columns.join("、")));
        w.key("regulations", &counts(regulations), l::REGULATIONS);
        w.key("normative_documents", &counts(normative), normative_label);
        match &self.part2 {
            Part2::V2021(p) => {
                let decisions = |label| format!("{label} {}", l::DECISIONS_2021);
                w.key(
                    "licensing",
                    &p.licensing.value.to_string(),
                    &format!("{} {}", l::ITEM_5, decisions(l::LICENSING)),
                );
                w.key(
                    "punishment",
                    &p.punishment.value.to_string(),
                    &format!("{} {}", l::ITEM_6, decisions(l::PUNISHMENT)),
                );
                w.key(
                    "coercion",
                    &p.coercion.value.to_string(),
                    &format!("{} {}", l::ITEM_6, decisions(l::COERCION)),
                );
                w.key(
                    "fees",
                    &p.fees.display(),
                    &format!(
                        "{} {} {}（可有小数，最多 4 位）",
                        l::ITEM_8,
                        l::FEES,
                        l::FEE_AMOUNT_2021
                    ),
                );
            }
            Part2::V2019(p) => {
                w.line(&format!(
                    "# {}、{}：{}（本年增/减 可为负数）",
                    l::ITEM_5,
                    l::ITEM_6,
                    l::ITEMS_COLUMNS_2019.join("、")
                ));
                let items = |i: &crate::model::Items2019| {
                    format!(
                        "[{}, {}, {}]",
                        i.previous.value, i.change.value, i.decisions.value
                    )
                };
                w.key("licensing", &items(&p.licensing), l::LICENSING);
                w.key(
                    "other_services",
                    &items(&p.other_services),
                    l::OTHER_SERVICES,
                );
                w.key("punishment", &items(&p.punishment), l::PUNISHMENT);
                w.key("coercion", &items(&p.coercion), l::COERCION);
                w.key(
                    "fees",
                    &format!("[{}, {}]", p.fees.0.value, p.fees.1.value),
                    &format!(
                        "{} {}：{}",
                        l::ITEM_8,
                        l::FEES,
                        l::FEES_COLUMNS_2019.join("、")
                    ),
                );
                w.key(
                    "procurement",
                    &format!("[{}, {}]", p.procurement.0.value, p.procurement.1.display()),
                    &format!(
                        "{} {}：{}（万元）",
                        l::ITEM_9,
                        l::PROCUREMENT,
                        l::PROCUREMENT_COLUMNS_2019.join("、")
                    ),
                );
            }
        }
        if self.examples {
            w.line("# 表格后的说明文字（可选）：text = \"\"\"……\"\"\"");
        }
    }

    fn part3_toml(&self, w: &mut Writer) {
        let p = &self.part3;
        w.line(&format!("\n[part3]    # {}", l::PART_HEADINGS[2]));
        w.line(&format!("# 每行 7 个数：{}", l::P3_COLUMNS.join("、")));
        w.line("# 最后的 总计 可省略（只写 6 个数），由工具计算。");
        w.line("# 勾稽关系：一 + 二 = 三（七）总计 + 四，每一列都要成立。");
        w.key("new", &row(&p.new), l::P3_NEW);
        w.key("carried_over", &row(&p.carried_over), l::P3_CARRIED_OVER);
        w.key(
            "granted",
            &row(&p.granted),
            &format!("三 {}", l::P3_GRANTED),
        );
        w.key(
            "partly_granted",
            &row(&p.partly_granted),
            &format!("三 {}", l::P3_PARTLY),
        );
        if self.format == Format::V2019 {
            w.key("other", &row(&p.other[0]), &format!("三 {}", l::P3_OTHER));
        }
        w.key(
            "total",
            &row(&p.total),
            &format!("三 {}（整行可省略，由工具计算）", l::P3_TOTAL),
        );
        w.key(
            "carried_forward",
            &row(&p.carried_forward),
            l::P3_CARRIED_FORWARD,
        );
        let groups: [RowGroup; 4] = [
            (
                "denied",
                l::P3_DENIED,
                &DENIED_KEYS,
                &l::P3_DENIED_ITEMS,
                &p.denied,
            ),
            (
                "unable",
                l::P3_UNABLE,
                &UNABLE_KEYS,
                &l::P3_UNABLE_ITEMS,
                &p.unable,
            ),
            (
                "not_processed",
                l::P3_NOT_PROCESSED,
                &NOT_PROCESSED_KEYS,
                &l::P3_NOT_PROCESSED_ITEMS,
                &p.not_processed,
            ),
            (
                "other",
                l::P3_OTHER,
                &OTHER_KEYS,
                &l::P3_OTHER_ITEMS_2021,
                &p.other,
            ),
        ];
        for (key, label, keys, labels, rows) in groups {
            if key == "other" && self.format == Format::V2019 {
                continue;
            }
            w.line(&format!("\n[part3.{key}]    # 三 {label}"));
            for ((k, lbl), r) in keys.iter().zip(labels.iter()).zip(rows) {
                w.key(k, &row(r), lbl);
            }
        }
    }

    fn part4_toml(&self, w: &mut Writer) {
        w.line(&format!("\n[part4]    # {}", l::PART_HEADINGS[3]));
        w.line(&format!(
            "# 每组 5 个数：{}（总计 可省略）",
            l::P4_COLUMNS.join("、")
        ));
        let labels = [
            l::REVIEW.to_string(),
            format!("{} {}", l::LITIGATION, l::DIRECT_SUIT),
            format!("{} {}", l::LITIGATION, l::SUIT_AFTER_REVIEW),
        ];
        for ((key, label), group) in PART4_KEYS.iter().zip(labels).zip(&self.part4.groups) {
            w.key(key, &counts(&group.0), &label);
        }
        if self.examples {
            w.line("# 表格后的说明文字（可选）：text = \"\"\"……\"\"\"");
        }
    }
}

/// A part 三 sub-table: key, category label, row keys, row labels, rows.
type RowGroup<'a> = (&'a str, &'a str, &'a [&'a str], &'a [&'a str], &'a [Row]);

struct Writer(String);

impl Writer {
    fn line(&mut self, s: &str) {
        let _ = writeln!(self.0, "{s}");
    }

    fn key(&mut self, key: &str, value: &str, comment: &str) {
        let _ = writeln!(self.0, "{key} = {value}    # {comment}");
    }
}

fn counts(cells: &[Count]) -> String {
    let v: Vec<String> = cells.iter().map(|c| c.value.to_string()).collect();
    format!("[{}]", v.join(", "))
}

fn row(r: &Row) -> String {
    counts(&r.0)
}

/// A one-line TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Paragraphs as a TOML multi-line basic string, one paragraph a line.
fn multiline(paragraphs: &[String]) -> String {
    let mut out = String::from("\"\"\"\n");
    for p in paragraphs {
        out.push_str(&p.replace('\\', "\\\\").replace('"', "\\\""));
        out.push('\n');
    }
    out.push_str("\"\"\"");
    out
}

/// The skeleton `nianbao init` writes: every number 0, commented examples of the prose.
pub fn skeleton(year: u16, agency: &str, format: Format) -> String {
    let mut d = Draft::zero(year, agency, format);
    d.header = vec![
        format!("{agency}{year}年政府信息公开工作年度报告"),
        "由 nianbao init 生成。填写数字和正文后运行：nianbao check 本文件".into(),
        "所有数字都必须填写，没有的填 0；标有“可省略”的总计由工具计算。".into(),
    ];
    d.examples = true;
    d.to_toml()
}
