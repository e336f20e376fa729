//! The DOCX writer (issue 4): the package is opened with the zip crate and its parts read back as
//! XML trees, then compared with the report, the shared table descriptions and the GB/T 9704
//! numbers. No program outside Rust is needed.

use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;

use nianbao::docx::{DocxOptions, render, render_with};
use nianbao::model::{Format, Report};
use nianbao::source::Source;
use nianbao::style::{FontRole, Mm};
use nianbao::tables::{CellKind, Slot, Table, TableId};
use quick_xml::events::Event;

// ---- a minimal XML tree ----

#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    El(El),
    Text(String),
}

impl El {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Direct children with this name.
    fn kids<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> {
        self.elements().filter(move |e| e.name == name)
    }

    fn kid(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// Descendants with this name, in document order.
    fn all<'a>(&'a self, name: &str) -> Vec<&'a El> {
        let mut out = Vec::new();
        self.collect(name, &mut out);
        out
    }

    fn collect<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.collect(name, out);
        }
    }

    /// The text of the element: every `w:t` below it, concatenated.
    fn text(&self) -> String {
        self.all("w:t")
            .iter()
            .map(|t| t.own_text())
            .collect::<Vec<_>>()
            .concat()
    }

    fn own_text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::El(_) => None,
            })
            .collect()
    }

    /// `w:val` of the first descendant path `a/b/...`.
    fn path(&self, path: &str) -> Option<&El> {
        let mut cur = self;
        for step in path.split('/') {
            cur = cur.kid(step)?;
        }
        Some(cur)
    }

    fn val(&self, path: &str) -> Option<&str> {
        self.path(path).and_then(|e| e.attr("w:val"))
    }
}

fn parse(xml: &str) -> El {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(Node::El(el));
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(Node::El(el));
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let c = match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                push_text(&mut stack, c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop().unwrap();
    match root.children.pop() {
        Some(Node::El(e)) => e,
        _ => panic!("no root element"),
    }
}

fn push_text(stack: &mut [El], text: &str) {
    let el = stack.last_mut().unwrap();
    if let Some(Node::Text(t)) = el.children.last_mut() {
        t.push_str(text);
    } else {
        el.children.push(Node::Text(text.to_string()));
    }
}

fn element(e: &quick_xml::events::BytesStart) -> El {
    El {
        name: e.name().as_ref().to_string(),
        attrs: crate::common::xml::attributes(e),
        children: Vec::new(),
    }
}

// ---- the package ----

struct Docx {
    bytes: Vec<u8>,
}

impl Docx {
    fn names(&self) -> Vec<String> {
        let zip = zip::ZipArchive::new(Cursor::new(&self.bytes)).unwrap();
        zip.file_names().map(|n| n.unwrap().to_string()).collect()
    }

    fn raw(&self, name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(&self.bytes)).unwrap();
        let mut s = String::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("no part {name}"))
            .read_to_string(&mut s)
            .unwrap();
        s
    }

    fn part(&self, name: &str) -> El {
        parse(&self.raw(name))
    }

    /// The part a relationship of the main document points at.
    fn document_target(&self, id: &str) -> String {
        let rels = self.part("word/_rels/document.xml.rels");
        let rel = rels
            .kids("Relationship")
            .find(|r| r.attr("Id") == Some(id))
            .unwrap_or_else(|| panic!("no relationship {id}"));
        format!("word/{}", rel.attr("Target").unwrap())
    }
}

fn load(path: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    nianbao::input::load(&path).unwrap_or_else(|d| panic!("{}", nianbao::diag::render_all(&d)))
}

fn xingan() -> Report {
    load("examples/xingan-2024.toml")
}

fn v2019() -> Report {
    load("tests/fixtures/v2019.toml")
}

fn skeleton_2019() -> Report {
    let text = nianbao::write::skeleton(2020, "某某区人民政府", Format::V2019);
    nianbao::input::parse(Arc::new(Source::new("skeleton-2019.toml", text)))
        .unwrap_or_else(|d| panic!("{}", nianbao::diag::render_all(&d)))
}

fn docx(report: &Report) -> Docx {
    Docx {
        bytes: render(report),
    }
}

/// `w:body` of the main document.
fn body(d: &Docx) -> El {
    let doc = d.part("word/document.xml");
    doc.children
        .into_iter()
        .find_map(|n| match n {
            Node::El(e) if e.name == "w:body" => Some(e),
            _ => None,
        })
        .expect("w:body")
}

// ---- tables ----

/// Compares a `w:tbl` with the shared description, cell by cell: every anchor, gridSpan and vMerge,
/// every label and number, widths, borders, header rows and unsplittable rows.
fn assert_table(report: &Report, tbl: &El, t: &Table) {
    let id = t.id;
    let grid: Vec<i32> = tbl
        .path("w:tblGrid")
        .unwrap()
        .kids("w:gridCol")
        .map(|c| c.attr("w:w").unwrap().parse().unwrap())
        .collect();
    assert_eq!(grid.len(), t.columns.len(), "{id:?}: columns");
    for (w, mm) in grid.iter().zip(&t.columns) {
        assert!(
            (w - Mm(*mm).to_twips()).abs() <= 1,
            "{id:?}: width {w} vs {mm} mm"
        );
    }
    assert_eq!(grid.iter().sum::<i32>(), Mm(156.0).to_twips());
    let props = tbl.kid("w:tblPr").unwrap();
    assert_eq!(
        props.path("w:tblLayout").unwrap().attr("w:type"),
        Some("fixed")
    );
    let borders = props.kid("w:tblBorders").unwrap();
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        assert_eq!(borders.val(side), Some("single"), "{id:?}: border {side}");
    }

    let rows: Vec<&El> = tbl.kids("w:tr").collect();
    assert_eq!(rows.len(), t.rows, "{id:?}: rows");
    for (r, tr) in rows.iter().enumerate() {
        let tr_pr = tr.kid("w:trPr").unwrap();
        assert!(
            tr_pr.kid("w:cantSplit").is_some(),
            "{id:?} row {r} may split"
        );
        assert_eq!(
            tr_pr.kid("w:tblHeader").is_some(),
            r < t.header_rows,
            "{id:?} row {r}: header repeat"
        );
        let mut col = 0;
        for tc in tr.kids("w:tc") {
            let pr = tc.kid("w:tcPr").unwrap();
            let span: usize = pr.val("w:gridSpan").map_or(1, |s| s.parse().unwrap());
            let vmerge = pr
                .kid("w:vMerge")
                .map(|m| m.attr("w:val").unwrap_or("continue"));
            let width: i32 = pr
                .path("w:tcW")
                .unwrap()
                .attr("w:w")
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(width, grid[col..col + span].iter().sum::<i32>());
            let at = format!("{id:?} row {r} col {col}");
            match t.slot(r, col) {
                Slot::Cell(i) => {
                    let cell = &t.cells[i];
                    assert_eq!(span, cell.colspan, "{at}: gridSpan");
                    let expected = (cell.rowspan > 1).then_some("restart");
                    assert_eq!(vmerge, expected, "{at}: vMerge");
                    assert_eq!(tc.text(), t.cell_text(report, cell), "{at}: text");
                    let jc = tc.val("w:p/w:pPr/w:jc");
                    match cell.kind {
                        CellKind::Label if !cell.vertical => assert_eq!(jc, Some("left"), "{at}"),
                        _ => assert_eq!(jc, None, "{at}: centred by the style"),
                    }
                    if cell.vertical {
                        let breaks = tc.all("w:br").len();
                        assert_eq!(breaks + 1, cell_chars(report, t, i), "{at}: one per line");
                    }
                }
                Slot::Merged { parent } => {
                    let cell = &t.cells[parent];
                    assert!(cell.row < r && cell.col == col, "{at}: stray cell");
                    assert_eq!(span, cell.colspan, "{at}: continuation gridSpan");
                    assert_eq!(vmerge, Some("continue"), "{at}: vMerge");
                    assert_eq!(tc.text(), "", "{at}: continuation is empty");
                }
            }
            col += span;
        }
        assert_eq!(col, t.columns.len(), "{id:?} row {r}: cells cover the grid");
    }
}

fn cell_chars(report: &Report, t: &Table, i: usize) -> usize {
    t.cell_text(report, &t.cells[i]).chars().count()
}

fn assert_tables(report: &Report) {
    let d = docx(report);
    let body = body(&d);
    let tables: Vec<&El> = body.kids("w:tbl").collect();
    assert_eq!(tables.len(), 3);
    for (tbl, id) in tables
        .iter()
        .zip([TableId::Part2, TableId::Part3, TableId::Part4])
    {
        assert_table(report, tbl, &Table::new(id, report.format()));
    }
}

/// The texts of the cells of the row holding a cell that reads `label`, from that cell on (cells
/// before it are continuations of row heads above).
fn row_texts(body: &El, label: &str) -> Vec<String> {
    body.all("w:tr")
        .into_iter()
        .map(|tr| tr.kids("w:tc").map(El::text).collect::<Vec<_>>())
        .find_map(|texts| {
            let i = texts.iter().position(|t| t == label)?;
            Some(texts[i..].to_vec())
        })
        .unwrap_or_else(|| panic!("no row {label}"))
}

#[test]
fn xingan_tables_match_the_descriptions() {
    assert_tables(&xingan());
}

#[test]
fn xingan_numbers_in_their_cells() {
    let body = body(&docx(&xingan()));
    assert_eq!(row_texts(&body, "行政许可"), ["行政许可", "282"]);
    assert_eq!(row_texts(&body, "行政处罚"), ["行政处罚", "15"]);
    assert_eq!(
        row_texts(&body, "行政规范性文件"),
        ["行政规范性文件", "0", "0", "2"]
    );
    assert_eq!(row_texts(&body, "行政事业性收费"), ["行政事业性收费", "0"]);
    let labels: Vec<String> = body.all("w:tc").iter().map(|c| c.text()).collect();
    for label in [
        "第二十条第（一）项",
        "本年收费金额（单位：万元）",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "三、本年度办理结果",
        "3.危及“三安全一稳定”",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "未经复议直接起诉",
    ] {
        assert!(labels.iter().any(|l| l == label), "missing label {label}");
    }
}

#[test]
fn v2019_tables_and_numbers() {
    let report = v2019();
    assert_tables(&report);
    let body = body(&docx(&report));
    assert_eq!(
        row_texts(&body, "其他对外管理服务事项"),
        ["其他对外管理服务事项", "10", "11", "12"]
    );
    assert_eq!(
        row_texts(&body, "行政事业性收费"),
        ["行政事业性收费", "19", "-20"]
    );
    assert_eq!(
        row_texts(&body, "政府集中采购"),
        ["政府集中采购", "21", "22.5"]
    );
    // 2019: （六）其他处理 is one row spanning columns B–C.
    let other = row_texts(&body, "（六）其他处理");
    assert_eq!(other.len(), 8);
    assert_eq!(
        &other[1..],
        ["109", "110", "111", "112", "113", "114", "669"]
    );
    // Part 四's single row of values, totals computed by the model.
    let values: Vec<String> = body
        .kids("w:tbl")
        .nth(2)
        .unwrap()
        .kids("w:tr")
        .nth(3)
        .unwrap()
        .kids("w:tc")
        .map(El::text)
        .collect();
    assert_eq!(
        values,
        [
            "1", "2", "3", "4", "10", "5", "6", "7", "8", "26", "9", "10", "11", "12", "42"
        ]
    );
}

#[test]
fn skeleton_2019_tables() {
    assert_tables(&skeleton_2019());
}

// ---- the tables against the spec, stated independently of the code's table descriptions ----

/// The spec's drawings (../shared/spec/report-format.md §2.3–2.5, §3) typed in, one string a
/// DOCX row, cells separated by " ¦ ". A cell is its text, "n" for a number, or "^" for the
/// continuation of a cell above; "|c" gives its gridSpan, "/r" starts a vertical merge of r rows.
const PART2_2021: [&str; 14] = [
    "第二十条第（一）项|4",
    "信息内容 ¦ 本年制发件数 ¦ 本年废止件数 ¦ 现行有效件数",
    "规章 ¦ n ¦ n ¦ n",
    "行政规范性文件 ¦ n ¦ n ¦ n",
    "第二十条第（五）项|4",
    "信息内容 ¦ 本年处理决定数量|3",
    "行政许可 ¦ n|3",
    "第二十条第（六）项|4",
    "信息内容 ¦ 本年处理决定数量|3",
    "行政处罚 ¦ n|3",
    "行政强制 ¦ n|3",
    "第二十条第（八）项|4",
    "信息内容 ¦ 本年收费金额（单位：万元）|3",
    "行政事业性收费 ¦ n|3",
];

const PART2_2019: [&str; 18] = [
    "第二十条第（一）项|4",
    "信息内容 ¦ 本年新制作数量 ¦ 本年新公开数量 ¦ 对外公开总数量",
    "规章 ¦ n ¦ n ¦ n",
    "规范性文件 ¦ n ¦ n ¦ n",
    "第二十条第（五）项|4",
    "信息内容 ¦ 上一年项目数量 ¦ 本年增/减 ¦ 处理决定数量",
    "行政许可 ¦ n ¦ n ¦ n",
    "其他对外管理服务事项 ¦ n ¦ n ¦ n",
    "第二十条第（六）项|4",
    "信息内容 ¦ 上一年项目数量 ¦ 本年增/减 ¦ 处理决定数量",
    "行政处罚 ¦ n ¦ n ¦ n",
    "行政强制 ¦ n ¦ n ¦ n",
    "第二十条第（八）项|4",
    "信息内容 ¦ 上一年项目数量 ¦ 本年增/减|2",
    "行政事业性收费 ¦ n ¦ n|2",
    "第二十条第（九）项|4",
    "信息内容 ¦ 采购项目数量 ¦ 采购总金额|2",
    "政府集中采购 ¦ n ¦ n|2",
];

/// Part 三's head and its rows above the results, the same in both formats.
const PART3_HEAD: [&str; 5] = [
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|3/3 ¦ 申请人情况|7",
    "^|3 ¦ 自然人/2 ¦ 法人或其他组织|5 ¦ 总计/2",
    "^|3 ¦ ^ ¦ 商业企业 ¦ 科研机构 ¦ 社会公益组织 ¦ 法律服务机构 ¦ 其他 ¦ ^",
    "一、本年新收政府信息公开申请数量|3 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "二、上年结转政府信息公开申请数量|3 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
];

/// Part 三's rows from （一） to （五）; `{results}` is the rowspan of 三、本年度办理结果.
const PART3_RESULTS: [&str; 18] = [
    "三、本年度办理结果/{results} ¦ （一）予以公开|2 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ （二）部分公开（区分处理的，只计这一情形，不计其他情形）|2 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ （三）不予公开/8 ¦ 1.属于国家秘密 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 2.其他法律行政法规禁止公开 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 3.危及“三安全一稳定” ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 4.保护第三方合法权益 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 5.属于三类内部事务信息 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 6.属于四类过程性信息 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 7.属于行政执法案卷 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 8.属于行政查询事项 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ （四）无法提供/3 ¦ 1.本机关不掌握相关政府信息 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 2.没有现成信息需要另行制作 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 3.补正后申请内容仍不明确 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ （五）不予处理/5 ¦ 1.信访举报投诉类申请 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 2.重复申请 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 3.要求提供公开出版物 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 4.无正当理由大量反复申请 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 5.要求行政机关确认或重新出具已获取信息 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
];

const PART3_OTHER_2021: [&str; 3] = [
    "^ ¦ （六）其他处理/3 ¦ 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "^ ¦ ^ ¦ 3.其他 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
];

/// 2019: （六）其他处理 is one row without sub-items.
const PART3_OTHER_2019: [&str; 1] = ["^ ¦ （六）其他处理|2 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n"];

const PART3_TAIL: [&str; 2] = [
    "^ ¦ （七）总计|2 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
    "四、结转下年度继续办理|3 ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
];

const PART4: [&str; 4] = [
    "行政复议|5 ¦ 行政诉讼|10",
    "结果维持/2 ¦ 结果纠正/2 ¦ 其他结果/2 ¦ 尚未审结/2 ¦ 总计/2 ¦ 未经复议直接起诉|5 ¦ 复议后起诉|5",
    "^ ¦ ^ ¦ ^ ¦ ^ ¦ ^ ¦ 结果维持 ¦ 结果纠正 ¦ 其他结果 ¦ 尚未审结 ¦ 总计 ¦ 结果维持 ¦ 结果纠正 ¦ 其他结果 ¦ 尚未审结 ¦ 总计",
    "n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n ¦ n",
];

/// The spec's rows of the three tables in a format.
fn spec_tables(format: Format) -> [Vec<String>; 3] {
    let owned = |rows: &[&str]| rows.iter().map(|r| r.to_string()).collect::<Vec<_>>();
    let (part2, other, results) = match format {
        Format::V2021 => (owned(&PART2_2021), owned(&PART3_OTHER_2021), 22),
        Format::V2019 => (owned(&PART2_2019), owned(&PART3_OTHER_2019), 20),
    };
    let mut part3 = owned(&PART3_HEAD);
    part3.extend(
        PART3_RESULTS
            .iter()
            .map(|r| r.replace("{results}", &results.to_string())),
    );
    part3.extend(other);
    part3.extend(owned(&PART3_TAIL));
    [part2, part3, owned(&PART4)]
}

/// A spec cell: its text ("n", "^" or a label), gridSpan and vertical merge.
fn spec_cell(token: &str) -> (&str, usize, Option<&'static str>) {
    let (rest, rows) = match token.rsplit_once('/') {
        Some((rest, rows)) if rows.parse::<usize>().is_ok() => (rest, true),
        _ => (token, false),
    };
    let (text, span) = match rest.split_once('|') {
        Some((text, span)) => (text, span.parse().unwrap()),
        None => (rest, 1),
    };
    let merge = match (text, rows) {
        ("^", _) => Some("continue"),
        (_, true) => Some("restart"),
        _ => None,
    };
    (text, span, merge)
}

/// Every `w:tbl` of the report's DOCX against the spec: row count, and per cell its text (numbers
/// as numbers), gridSpan and vMerge.
fn assert_tables_match_the_spec(report: &Report) {
    let d = docx(report);
    let body = body(&d);
    let tables: Vec<&El> = body.kids("w:tbl").collect();
    assert_eq!(tables.len(), 3);
    let is_number = |s: &str| {
        let s = s.strip_prefix('-').unwrap_or(s);
        !s.is_empty()
            && s.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    for (t, (tbl, spec)) in tables.iter().zip(spec_tables(report.format())).enumerate() {
        let rows: Vec<&El> = tbl.kids("w:tr").collect();
        assert_eq!(rows.len(), spec.len(), "table {t}: rows");
        for (r, (tr, line)) in rows.iter().zip(&spec).enumerate() {
            let cells: Vec<&El> = tr.kids("w:tc").collect();
            let expected: Vec<&str> = line.split(" ¦ ").collect();
            assert_eq!(cells.len(), expected.len(), "table {t} row {r}: cells");
            for (tc, token) in cells.iter().zip(expected) {
                let (text, span, merge) = spec_cell(token);
                let at = format!("table {t} row {r} cell {token}");
                let pr = tc.kid("w:tcPr").unwrap();
                let got_span: usize = pr.val("w:gridSpan").map_or(1, |s| s.parse().unwrap());
                let got_merge = pr
                    .kid("w:vMerge")
                    .map(|m| m.attr("w:val").unwrap_or("continue"));
                assert_eq!(got_span, span, "{at}: gridSpan");
                assert_eq!(got_merge, merge, "{at}: vMerge");
                match text {
                    "^" => assert_eq!(tc.text(), "", "{at}"),
                    "n" => assert!(is_number(&tc.text()), "{at}: {:?}", tc.text()),
                    label => assert_eq!(tc.text(), label, "{at}"),
                }
            }
        }
    }
}

#[test]
fn tables_match_the_spec_in_both_formats() {
    assert_tables_match_the_spec(&xingan());
    assert_tables_match_the_spec(&v2019());
    assert_tables_match_the_spec(&skeleton_2019());
    let text = nianbao::write::skeleton(2024, "某某区人民政府", Format::V2021);
    let skeleton_2021 = nianbao::input::parse(Arc::new(Source::new("s.toml", text))).unwrap();
    assert_tables_match_the_spec(&skeleton_2021);
}

// ---- styles, fonts, paragraphs ----

fn style<'a>(styles: &'a El, id: &str) -> &'a El {
    styles
        .kids("w:style")
        .find(|s| s.attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}

fn east_asia(props: &El) -> Option<&str> {
    props
        .path("w:rPr/w:rFonts")
        .and_then(|f| f.attr("w:eastAsia"))
}

#[test]
fn styles_name_their_fonts_and_levels() {
    let styles = docx(&xingan()).part("word/styles.xml");
    let expected = [
        ("Normal", "Normal", FontRole::Body),
        ("Title", "Title", FontRole::Title),
        ("Heading1", "heading 1", FontRole::Heading1),
        ("Heading2", "heading 2", FontRole::Heading2),
        ("Heading3", "heading 3", FontRole::Body),
        ("Heading4", "heading 4", FontRole::Body),
        ("Signature", "署名", FontRole::Body),
        ("TableText", "表格文字", FontRole::Table),
        ("Footer", "footer", FontRole::PageNumber),
    ];
    for (id, name, role) in expected {
        let s = style(&styles, id);
        assert_eq!(s.val("w:name"), Some(name));
        // Styles without their own font inherit 正文's through w:basedOn.
        let font = east_asia(s).or_else(|| east_asia(style(&styles, "Normal")));
        assert_eq!(font, Some(role.word_name()), "style {id}");
    }
    assert_eq!(east_asia(style(&styles, "Heading1")), Some("黑体"));
    assert_eq!(east_asia(style(&styles, "Heading2")), Some("楷体_GB2312"));
    for (level, id) in ["Heading1", "Heading2", "Heading3", "Heading4"]
        .iter()
        .enumerate()
    {
        let s = style(&styles, id);
        assert_eq!(
            s.val("w:pPr/w:outlineLvl"),
            Some(level.to_string().as_str())
        );
        assert!(s.path("w:pPr/w:keepNext").is_some(), "{id} keeps with next");
    }
    // Every style that sets a font sets every script's, and no theme font anywhere.
    for f in styles.all("w:rFonts") {
        for a in ["w:ascii", "w:hAnsi", "w:eastAsia"] {
            assert!(f.attr(a).is_some(), "{a} missing");
        }
    }
    let defaults = styles.path("w:docDefaults/w:rPrDefault").unwrap();
    assert_eq!(east_asia(defaults), Some("仿宋_GB2312"));
    assert_eq!(
        defaults.path("w:rPr/w:lang").unwrap().attr("w:eastAsia"),
        Some("zh-CN")
    );

    let normal = style(&styles, "Normal");
    let ind = normal.path("w:pPr/w:ind").unwrap();
    assert_eq!(ind.attr("w:firstLineChars"), Some("200"));
    assert_eq!(ind.attr("w:firstLine"), Some("640"));
    assert_eq!(normal.val("w:pPr/w:jc"), Some("both"));
    let spacing = normal.path("w:pPr/w:spacing").unwrap();
    assert_eq!(spacing.attr("w:line"), Some("579"));
    assert_eq!(spacing.attr("w:lineRule"), Some("exact"));
    assert_eq!(normal.val("w:rPr/w:sz"), Some("32"));

    let title = style(&styles, "Title");
    assert_eq!(title.val("w:rPr/w:sz"), Some("44"));
    assert_eq!(title.val("w:pPr/w:jc"), Some("center"));
    // 空二行 after the title: two grid lines.
    assert_eq!(
        title.path("w:pPr/w:spacing").unwrap().attr("w:after"),
        Some("1158")
    );
    let table = style(&styles, "TableText");
    assert_eq!(table.val("w:pPr/w:snapToGrid"), Some("0"));
    assert_eq!(table.val("w:rPr/w:sz"), Some("21"));
}

#[test]
fn every_run_names_its_fonts_and_no_theme_is_used() {
    for report in [xingan(), v2019()] {
        let d = docx(&report);
        assert!(!d.names().iter().any(|n| n.contains("theme")));
        let mut parts = vec!["word/document.xml", "word/footer1.xml", "word/footer2.xml"];
        parts.push("word/styles.xml");
        for part in parts {
            let raw = d.raw(part);
            assert!(!raw.contains("Theme"), "{part} names a theme font");
            for run in parse(&raw).all("w:r") {
                let fonts = run
                    .path("w:rPr/w:rFonts")
                    .expect("every run names its font");
                for a in ["w:ascii", "w:hAnsi", "w:eastAsia"] {
                    assert!(fonts.attr(a).is_some(), "{part}: run without {a}");
                }
            }
        }
    }
}

#[test]
fn flow_headings_leads_title_and_signature() {
    let report = v2019();
    let body = body(&docx(&report));
    let paragraphs: Vec<&El> = body.kids("w:p").collect();
    let with_style = |id: &str| -> Vec<String> {
        paragraphs
            .iter()
            .filter(|p| p.val("w:pPr/w:pStyle") == Some(id))
            .map(|p| p.text())
            .collect()
    };
    assert_eq!(
        with_style("Heading1"),
        nianbao::tables::labels::PART_HEADINGS
    );
    assert_eq!(with_style("Heading2"), ["（二）依申请公开情况"]);
    // Two title lines in one paragraph, broken with w:br.
    let title = paragraphs[0];
    assert_eq!(title.val("w:pPr/w:pStyle"), Some("Title"));
    assert_eq!(title.all("w:br").len(), 1);
    assert_eq!(title.text(), "某某区人民政府2020年政府信息公开工作年度报告");
    // The title's font was given as a file (PDF only): the DOCX keeps the Word name.
    assert_eq!(east_asia(title.kid("w:r").unwrap()), Some("方正小标宋简体"));
    // A run-in head: a 楷体 run, then the body run in the user's body font.
    let lead = paragraphs
        .iter()
        .find(|p| p.text().starts_with("（一）主动公开情况。"))
        .unwrap();
    let runs: Vec<&El> = lead.kids("w:r").collect();
    assert_eq!(runs[0].text(), "（一）主动公开情况。");
    assert_eq!(east_asia(runs[0]), Some("楷体_GB2312"));
    assert_eq!(east_asia(runs[1]), Some("方正仿宋_GBK"));
    // Escaped and read back unchanged.
    assert!(
        paragraphs
            .iter()
            .any(|p| p.text() == "第二段：依法依规办理 & 按时答复 <无遗漏>。")
    );
    // 署名 with 右空二字 and the date two characters further right (half characters: 4 and 7).
    let signature: Vec<&&El> = paragraphs
        .iter()
        .filter(|p| p.val("w:pPr/w:pStyle") == Some("Signature"))
        .collect();
    let texts: Vec<String> = signature.iter().map(|p| p.text()).collect();
    assert_eq!(texts, ["某某区人民政府办公室", "2021年1月20日"]);
    let right = |p: &El| {
        p.path("w:pPr/w:ind")
            .unwrap()
            .attr("w:rightChars")
            .unwrap()
            .to_string()
    };
    assert_eq!(
        (right(signature[0]), right(signature[1])),
        ("200".into(), "350".into())
    );
}

// ---- page setup, footers, settings ----

#[test]
fn page_setup() {
    let body = body(&docx(&xingan()));
    let sect = body.kid("w:sectPr").unwrap();
    let size = sect.kid("w:pgSz").unwrap();
    assert_eq!(
        (size.attr("w:w"), size.attr("w:h")),
        (Some("11906"), Some("16838"))
    );
    let m = sect.kid("w:pgMar").unwrap();
    for (side, mm) in [
        ("w:top", 37.0),
        ("w:bottom", 35.0),
        ("w:left", 28.0),
        ("w:right", 26.0),
    ] {
        assert_eq!(
            m.attr(side),
            Some(Mm(mm).to_twips().to_string().as_str()),
            "{side}"
        );
    }
    assert_eq!(m.attr("w:top"), Some("2098"));
    // The dash 7 mm below the 版心: 35 − 7 − 7 pt (half the 14 pt footer line) ≈ 25.5 mm.
    let footer: i32 = m.attr("w:footer").unwrap().parse().unwrap();
    assert!(
        (footer - Mm(25.53).to_twips()).abs() <= 2,
        "footer {footer}"
    );
    let grid = sect.kid("w:docGrid").unwrap();
    assert_eq!(grid.attr("w:linePitch"), Some("579"));
    assert_eq!(grid.attr("w:type"), Some("lines"));
}

#[test]
fn footers_page_field_odd_right_even_left() {
    let d = docx(&xingan());
    let settings = d.part("word/settings.xml");
    assert!(settings.kid("w:evenAndOddHeaders").is_some());
    assert_eq!(
        settings.val("w:characterSpacingControl"),
        Some("compressPunctuation")
    );
    let body = body(&d);
    let sect = body.kid("w:sectPr").unwrap();
    for (kind, align, side) in [("default", "right", "w:right"), ("even", "left", "w:left")] {
        let reference = sect
            .kids("w:footerReference")
            .find(|r| r.attr("w:type") == Some(kind))
            .unwrap_or_else(|| panic!("no {kind} footer"));
        let footer = d.part(&d.document_target(reference.attr("r:id").unwrap()));
        let p = footer.kid("w:p").unwrap();
        assert_eq!(p.val("w:pPr/w:jc"), Some(align), "{kind} footer");
        // One 4号 character (14 pt) in from the outer edge.
        assert_eq!(p.path("w:pPr/w:ind").unwrap().attr(side), Some("280"));
        let instr: String = p.all("w:instrText").iter().map(|i| i.own_text()).collect();
        assert_eq!(instr.trim(), "PAGE");
        let chars: Vec<&str> = p
            .all("w:fldChar")
            .iter()
            .map(|f| f.attr("w:fldCharType").unwrap())
            .collect();
        assert_eq!(chars, ["begin", "separate", "end"]);
        let text = p.text();
        assert!(
            text.starts_with("\u{2014} ") && text.ends_with(" \u{2014}"),
            "{text}"
        );
        for run in p.kids("w:r") {
            assert_eq!(east_asia(run), Some("宋体"));
        }
    }
}

// ---- properties and reproducibility ----

#[test]
fn core_properties() {
    let report = xingan();
    let core = docx(&report).part("docProps/core.xml");
    assert_eq!(
        core.kid("dc:title").unwrap().own_text(),
        "兴安区2024年政府信息公开工作年度报告"
    );
    assert_eq!(core.kid("dc:creator").unwrap().own_text(), "兴安区人民政府");
    // No 成文日期 and no timestamp given: no date, rather than the clock's.
    assert!(core.kid("dcterms:created").is_none());

    let stamped = render_with(
        &report,
        &DocxOptions {
            created: Some(1_700_000_000),
        },
    );
    let core = parse(&Docx { bytes: stamped }.raw("docProps/core.xml"));
    for name in ["dcterms:created", "dcterms:modified"] {
        let e = core.kid(name).unwrap();
        assert_eq!(e.own_text(), "2023-11-14T22:13:20Z");
        assert_eq!(e.attr("xsi:type"), Some("dcterms:W3CDTF"));
    }

    // The 成文日期 wins over the caller's timestamp.
    let with_date = render_with(
        &v2019(),
        &DocxOptions {
            created: Some(1_700_000_000),
        },
    );
    let core = parse(&Docx { bytes: with_date }.raw("docProps/core.xml"));
    assert_eq!(
        core.kid("dcterms:created").unwrap().own_text(),
        "2021-01-20T00:00:00Z"
    );
    assert_eq!(core.kid("dc:creator").unwrap().own_text(), "某某区人民政府");
}

#[test]
fn byte_identical_output() {
    let report = xingan();
    assert_eq!(render(&report), render(&report));
    let options = DocxOptions {
        created: Some(1_700_000_000),
    };
    assert_eq!(
        render_with(&report, &options),
        render_with(&report, &options)
    );
    // A re-parsed report gives the same bytes too: nothing depends on addresses or hash order.
    assert_eq!(render(&v2019()), render(&v2019()));
}

#[test]
fn package_parts() {
    let names = docx(&xingan()).names();
    assert_eq!(names[0], "[Content_Types].xml");
    for part in [
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    ] {
        assert!(names.iter().any(|n| n == part), "missing {part}");
    }
}

// ---- the CI's schema check ----

/// The schema check runs in CI unconditionally, from the repository's own copy of the validator,
/// and fails (exit 2, with a reason) when it cannot run — here, with no Node.js on the PATH — instead
/// of being skipped with exit 0.
#[test]
fn the_ci_schema_check_never_skips() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ci = std::fs::read_to_string(root.join("scripts/ci-extra.sh")).unwrap();
    let call = ci
        .lines()
        .find(|l| l.contains("validate-docx.sh") && !l.trim_start().starts_with('#'))
        .expect("ci-extra.sh runs validate-docx.sh");
    assert_eq!(
        call.trim(),
        "sh scripts/validate-docx.sh",
        "run without a condition"
    );
    assert!(!ci.contains("skipped"), "{ci}");
    let script = std::fs::read_to_string(root.join("scripts/validate-docx.sh")).unwrap();
    let mut code = script.lines().filter(|l| !l.trim_start().starts_with('#'));
    assert!(
        code.all(|l| !l.contains("../shared")),
        "the validator comes from the repository"
    );
    for file in ["package.json", "package-lock.json", "validate.mjs"] {
        assert!(root.join("scripts/ooxml").join(file).is_file(), "{file}");
    }

    // A PATH with only the tools the script needs before it looks for Node.js.
    let bin = tempfile::tempdir().unwrap();
    for tool in ["dirname", "id"] {
        let found = ["/usr/bin", "/bin"]
            .iter()
            .map(|d| Path::new(d).join(tool))
            .find(|p| p.exists())
            .unwrap();
        std::os::unix::fs::symlink(found, bin.path().join(tool)).unwrap();
    }
    let out = std::process::Command::new("/bin/sh")
        .arg(root.join("scripts/validate-docx.sh"))
        .env("PATH", bin.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("Node.js"), "{stderr}");
}
