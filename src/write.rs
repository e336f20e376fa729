//! Writing a report as TOML: the skeleton of `init`, the area report of `sum`, generated test reports.
//!
//! Every key is followed by a comment naming its official row or column, so the file explains itself.

use std::fmt::Write as _;

use crate::model::{Date, Format, Part2, Part3, Part4, Value, ValueMut, values};
use crate::tables::labels as l;
use crate::tables::schema::{Kind, Number, ValueRef, numbers};

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
            part2: Part2::new(format),
            part3: Part3::new(format),
            part4: Part4::default(),
            part5: DraftBody::default(),
            part6: DraftBody::default(),
            examples: false,
        }
    }

    /// A number of the tables by its cell ([`crate::model::Report::get`] for a draft).
    pub fn get(&self, v: ValueRef) -> Option<Value<'_>> {
        values::get(&self.part2, &self.part3, &self.part4, v)
    }

    pub fn get_mut(&mut self, v: ValueRef) -> Option<ValueMut<'_>> {
        values::get_mut(&mut self.part2, &mut self.part3, &mut self.part4, v)
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
        let default_title = l::default_title(agency, year);
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
                year.saturating_add(1)
            )),
            None => {}
        }
        if self.examples {
            w.line(&format!(
                "# previous = \"{}.toml\"    # 上年报告文件（可选，用于跨年核对）",
                year.saturating_sub(1)
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
        self.numbers_toml(w, "part2", false);
        if self.examples {
            w.line("# 表格后的说明文字（可选）：text = \"\"\"……\"\"\"");
        }
    }

    fn part3_toml(&self, w: &mut Writer) {
        w.line(&format!("\n[part3]    # {}", l::PART_HEADINGS[2]));
        w.line(&format!("# 每行 7 个数：{}", l::P3_COLUMNS.join("、")));
        w.line("# 最后的 总计 可省略（只写 6 个数），由工具计算。");
        w.line(&format!(
            "# 勾稽关系：一 + 二 = 三{} + 四，每一列都要成立。",
            l::P3_TOTAL
        ));
        self.numbers_toml(w, "part3", true);
    }

    fn part4_toml(&self, w: &mut Writer) {
        w.line(&format!("\n[part4]    # {}", l::PART_HEADINGS[3]));
        w.line(&format!(
            "# 每组 5 个数：{}（总计 可省略）",
            l::P4_COLUMNS.join("、")
        ));
        self.numbers_toml(w, "part4", true);
        if self.examples {
            w.line("# 表格后的说明文字（可选）：text = \"\"\"……\"\"\"");
        }
    }

    /// The numbers of a part table and its sub-tables, as the description orders and names them.
    /// `intro`: the part's own comment names the columns; otherwise a comment line names the
    /// section and the columns whenever they change.
    fn numbers_toml(&self, w: &mut Writer, part: &str, intro: bool) {
        let all = numbers(self.format);
        let prefix = format!("{part}.");
        let mut tables: Vec<&str> = vec![part];
        for n in &all {
            if n.key.table.starts_with(&prefix) && !tables.contains(&n.key.table) {
                tables.push(n.key.table);
            }
        }
        let mut shown: (Option<&str>, Vec<&str>) = (None, Vec::new());
        for table in tables {
            let mine: Vec<&Number> = all.iter().filter(|n| n.key.table == table).collect();
            let mut header = None;
            if table != part
                && let Some(first) = mine.first()
            {
                header = first.group;
                let label = first.group.unwrap_or(first.row);
                w.line(&format!("\n[{table}]    # {label}"));
            }
            let mut keys: Vec<&str> = Vec::new();
            for n in &mine {
                if !keys.contains(&n.key.key) {
                    keys.push(n.key.key);
                }
            }
            for key in keys {
                let cells: Vec<&Number> =
                    mine.iter().copied().filter(|n| n.key.key == key).collect();
                if !intro {
                    self.columns_line(w, &cells, &mut shown);
                    header = cells.first().and_then(|n| n.group);
                }
                self.key_toml(w, &cells, header);
            }
        }
    }

    /// "# {section}：{columns}" before an array whose section or columns differ from the last.
    fn columns_line<'a>(
        &self,
        w: &mut Writer,
        cells: &[&'a Number],
        shown: &mut (Option<&'a str>, Vec<&'a str>),
    ) {
        let Some(first) = cells.first().filter(|n| n.key.index.is_some()) else {
            return;
        };
        let now = (first.group, cells.iter().map(|n| n.column).collect());
        if now == *shown {
            return;
        }
        let notes: String = cells
            .iter()
            .map(|n| kind_note(n.kind, Some(n.column)))
            .collect();
        let group = first.group.map(|g| format!("{g}：")).unwrap_or_default();
        w.line(&format!("# {group}{}{notes}", now.1.join("、")));
        *shown = now;
    }

    /// One key: `key = value` or `key = [values]`, with its labels as the comment (the section
    /// too, unless `named` already named it).
    fn key_toml(&self, w: &mut Writer, cells: &[&Number], named: Option<&str>) {
        let Some(first) = cells.first() else { return };
        let text = |n: &Number| self.get(n.cell).map(|v| v.text()).unwrap_or_default();
        if first.key.index.is_none() {
            let group = first.group.map(|g| format!("{g} ")).unwrap_or_default();
            let note = kind_note(first.kind, None);
            let comment = format!("{group}{} {}{note}", first.row, first.column);
            w.key(first.key.key, &text(first), &comment);
            return;
        }
        let group = match first.group {
            Some(g) if first.group != named => format!("{g} "),
            _ => String::new(),
        };
        let values: Vec<String> = cells.iter().map(|n| text(n)).collect();
        let note = if cells.iter().all(|n| n.computed) {
            "（整行可省略，由工具计算）"
        } else {
            ""
        };
        let comment = format!("{group}{}{note}", first.row);
        w.key(first.key.key, &format!("[{}]", values.join(", ")), &comment);
    }
}

/// What a kind of number allows, for the comment of its key (`column`: within an array).
fn kind_note(kind: Kind, column: Option<&str>) -> String {
    let column = column.map(|c| format!("{c} ")).unwrap_or_default();
    match kind {
        Kind::Count => String::new(),
        Kind::Signed => format!("（{column}可为负数）"),
        Kind::Amount if column.is_empty() => "（可有小数，最多 4 位）".to_string(),
        Kind::Amount => format!("（{column}以万元计，可有小数，最多 4 位）"),
    }
}

struct Writer(String);

impl Writer {
    fn line(&mut self, s: &str) {
        let _ = writeln!(self.0, "{s}");
    }

    fn key(&mut self, key: &str, value: &str, comment: &str) {
        let _ = writeln!(self.0, "{key} = {value}    # {comment}");
    }
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
pub(crate) fn multiline(paragraphs: &[String]) -> String {
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
        l::default_title(agency, year),
        "由 nianbao init 生成。填写数字和正文后运行：nianbao check 本文件".into(),
        "所有数字都必须填写，没有的填 0；标有“可省略”的总计由工具计算。".into(),
    ];
    d.examples = true;
    d.to_toml()
}
