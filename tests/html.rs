//! The HTML export (issue 13), read back with an HTML5 parser (html5ever, through scraper): every
//! example's tables compared cell by cell with the DOCX (read back as XML) and the PDF's layout,
//! and with the shapes of spec/report-format.md written out here; every paragraph compared with
//! the input; equal bytes for equal input; the fragment without page furniture.

use crate::common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;

use nianbao::fonts::{FontBook, FontOptions};
use nianbao::html::{HtmlOptions, render};
use nianbao::layout::{ElementKind, Item, Node, Tag};
use nianbao::model::Report;
use nianbao::source::Source;
use quick_xml::events::Event;
use scraper::{ElementRef, Html, Selector};

// ---- inputs ----

const EXAMPLES: [&str; 5] = [
    "examples/xingan-2024.toml",
    "examples/linjiang-2023.toml",
    "examples/linjiang-2024.toml",
    "examples/qinghe-2020.toml",
    "tests/fixtures/v2019.toml",
];

fn load(path: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    nianbao::input::load(&path).unwrap_or_else(|d| panic!("{}", nianbao::diag::render_all(&d)))
}

fn page_text(report: &Report) -> String {
    String::from_utf8(render(report, &HtmlOptions::default())).unwrap()
}

fn fragment_text(report: &Report) -> String {
    String::from_utf8(render(report, &HtmlOptions { fragment: true })).unwrap()
}

/// Parses a whole page; html5ever's parse errors fail the test.
fn parse_page(html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    doc
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect()
}

// ---- tables as grids ----

/// A table as its grid: every slot names the top-left slot of the cell covering it, and every
/// cell (by its top-left slot) has its text and spans.
#[derive(Debug, Default, PartialEq)]
struct Grid {
    slots: Vec<Vec<(usize, usize)>>,
    cells: BTreeMap<(usize, usize), Cell>,
}

#[derive(Debug, Clone, PartialEq)]
struct Cell {
    text: String,
    rowspan: usize,
    colspan: usize,
}

impl Grid {
    /// Places a cell in row `r` at the first free slot, as the HTML table model does.
    fn place(&mut self, r: usize, cell: Cell) {
        while self.slots.len() < r + cell.rowspan {
            self.slots.push(Vec::new());
        }
        let mut c = 0;
        while self.slots[r].get(c).is_some_and(|s| *s != FREE) {
            c += 1;
        }
        for row in r..r + cell.rowspan {
            let slots = &mut self.slots[row];
            if slots.len() < c + cell.colspan {
                slots.resize(c + cell.colspan, FREE);
            }
            for slot in &mut slots[c..c + cell.colspan] {
                assert_eq!(*slot, FREE, "cells overlap at row {row}");
                *slot = (r, c);
            }
        }
        self.cells.insert((r, c), cell);
    }

    /// Anchors in reading order with their cells.
    fn rows(&self) -> Vec<Vec<&Cell>> {
        (0..self.slots.len())
            .map(|r| {
                self.cells
                    .range((r, 0)..(r + 1, 0))
                    .map(|(_, c)| c)
                    .collect()
            })
            .collect()
    }
}

const FREE: (usize, usize) = (usize::MAX, usize::MAX);

fn span(e: ElementRef, name: &str) -> usize {
    e.value().attr(name).map_or(1, |v| v.parse().unwrap())
}

/// The grids of the page's tables, by the HTML table model.
fn html_grids(doc: &Html) -> Vec<Grid> {
    doc.select(&sel("table"))
        .map(|table| {
            let mut grid = Grid::default();
            for (r, tr) in table.select(&sel("tr")).enumerate() {
                for cell in tr.select(&sel("th, td")) {
                    grid.place(
                        r,
                        Cell {
                            text: text(cell),
                            rowspan: span(cell, "rowspan"),
                            colspan: span(cell, "colspan"),
                        },
                    );
                }
            }
            grid
        })
        .collect()
}

/// The grids of the DOCX's tables: `w:gridSpan` is the colspan, and a `w:vMerge` continuation
/// cell extends the cell above it by one row.
fn docx_grids(report: &Report) -> Vec<Grid> {
    let bytes = nianbao::docx::render(report);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut grids = Vec::new();
    let (mut grid, mut row, mut col) = (Grid::default(), 0, 0);
    let (mut colspan, mut merge, mut cell_text, mut in_text) =
        (1, None::<String>, String::new(), false);
    loop {
        let event = reader.read_event().unwrap();
        let (name, attrs) = match &event {
            Event::Start(e) | Event::Empty(e) => (
                e.name().as_ref().to_string(),
                common::xml::attributes::<Vec<_>>(e),
            ),
            _ => (String::new(), Vec::new()),
        };
        let val = || {
            attrs
                .iter()
                .find(|(k, _)| k == "w:val")
                .map(|(_, v)| v.clone())
        };
        match &event {
            Event::Start(_) | Event::Empty(_) => match name.as_str() {
                "w:tbl" => (grid, row) = (Grid::default(), 0),
                "w:tr" => col = 0,
                "w:tc" => (colspan, merge, cell_text) = (1, None, String::new()),
                "w:gridSpan" => colspan = val().unwrap().parse().unwrap(),
                "w:vMerge" => merge = Some(val().unwrap_or("continue".into())),
                "w:t" => in_text = matches!(event, Event::Start(_)),
                _ => {}
            },
            Event::Text(t) if in_text => cell_text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                cell_text.push_str(match r.xml10_content().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                })
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:tc" => {
                    if merge.as_deref() == Some("continue") {
                        let anchor = grid.slots[row - 1][col];
                        grid.cells.get_mut(&anchor).unwrap().rowspan += 1;
                        if grid.slots.len() <= row {
                            grid.slots.push(Vec::new());
                        }
                        let slots = &mut grid.slots[row];
                        slots.resize(col + colspan, FREE);
                        slots[col..].fill(anchor);
                    } else {
                        if grid.slots.len() <= row {
                            grid.slots.push(Vec::new());
                        }
                        grid.slots[row].resize(col, FREE);
                        grid.place(
                            row,
                            Cell {
                                text: std::mem::take(&mut cell_text),
                                rowspan: 1,
                                colspan,
                            },
                        );
                    }
                    col += colspan;
                }
                "w:tr" => row += 1,
                "w:tbl" => grids.push(std::mem::take(&mut grid)),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    grids
}

/// The grids of the PDF's tables, from the layout's logical structure (Table › TR › TH/TD with
/// their spans) and the text of the glyph runs each cell's content ids point at.
fn pdf_grids(report: &Report) -> Vec<Grid> {
    // The bundled fonts: a report's own font choices change no cell or span.
    let report = report.with_fonts(Default::default());
    let book = FontBook::new(FontOptions::bundled_only());
    let layout = nianbao::layout::layout_report(&report, &book).unwrap();
    let mut runs: HashMap<usize, String> = HashMap::new();
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text(run) = item
                && let Tag::Content(id) = run.tag
            {
                runs.entry(id).or_default().push_str(&run.text);
            }
        }
    }
    let children = |e: &nianbao::layout::Element| -> Vec<nianbao::layout::Element> {
        e.children
            .iter()
            .filter_map(|n| match n {
                Node::Element(e) => Some(e.clone()),
                Node::Content(_) => None,
            })
            .collect()
    };
    layout
        .structure
        .iter()
        .filter(|e| e.kind == ElementKind::Table)
        .map(|table| {
            let mut grid = Grid::default();
            for (r, tr) in children(table).iter().enumerate() {
                for cell in children(tr) {
                    let (rowspan, colspan) = match cell.kind {
                        ElementKind::TH {
                            rowspan, colspan, ..
                        }
                        | ElementKind::TD { rowspan, colspan } => (rowspan, colspan),
                        other => panic!("{other:?} in a table row"),
                    };
                    let text = cell
                        .children
                        .iter()
                        .filter_map(|n| match n {
                            Node::Content(id) => runs.get(id).map(String::as_str),
                            Node::Element(_) => None,
                        })
                        .collect();
                    grid.place(
                        r,
                        Cell {
                            text,
                            rowspan: rowspan as usize,
                            colspan: colspan as usize,
                        },
                    );
                }
            }
            grid
        })
        .collect()
}

#[test]
fn every_example_has_the_docx_and_pdf_tables() {
    for path in EXAMPLES {
        let report = load(path);
        let doc = parse_page(&page_text(&report));
        let html = html_grids(&doc);
        assert_eq!(html.len(), 3, "{path}: three tables");
        assert_eq!(html, docx_grids(&report), "{path}: HTML vs DOCX");
        assert_eq!(html, pdf_grids(&report), "{path}: HTML vs PDF");
    }
}

// ---- the shapes as spec/report-format.md §2.3–2.5 draws them (2021 format) ----

/// One expected cell: its text ("#" for any number) and spans.
type Spec = (&'static str, usize, usize);

const N: Spec = ("#", 1, 1);

fn spec_part2() -> Vec<Vec<Spec>> {
    let section = |item| vec![(item, 1, 4)];
    let mut rows = vec![
        section("第二十条第（一）项"),
        vec![
            ("信息内容", 1, 1),
            ("本年制发件数", 1, 1),
            ("本年废止件数", 1, 1),
            ("现行有效件数", 1, 1),
        ],
        vec![("规章", 1, 1), N, N, N],
        vec![("行政规范性文件", 1, 1), N, N, N],
    ];
    for (item, head, labels) in [
        ("第二十条第（五）项", "本年处理决定数量", &["行政许可"][..]),
        (
            "第二十条第（六）项",
            "本年处理决定数量",
            &["行政处罚", "行政强制"][..],
        ),
        (
            "第二十条第（八）项",
            "本年收费金额（单位：万元）",
            &["行政事业性收费"][..],
        ),
    ] {
        rows.push(section(item));
        rows.push(vec![("信息内容", 1, 1), (head, 1, 3)]);
        for label in labels {
            rows.push(vec![(label, 1, 1), ("#", 1, 3)]);
        }
    }
    rows
}

fn spec_part3() -> Vec<Vec<Spec>> {
    let with_values = |mut heads: Vec<Spec>| {
        heads.extend([N; 7]);
        heads
    };
    let mut rows = vec![
        vec![
            (
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                3,
                3,
            ),
            ("申请人情况", 1, 7),
        ],
        vec![("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .map(|h| (h, 1, 1))
        .to_vec(),
        with_values(vec![("一、本年新收政府信息公开申请数量", 1, 3)]),
        with_values(vec![("二、上年结转政府信息公开申请数量", 1, 3)]),
        with_values(vec![
            ("三、本年度办理结果", 22, 1),
            ("（一）予以公开", 1, 2),
        ]),
        with_values(vec![(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            1,
            2,
        )]),
    ];
    let groups: [(&str, &[&str]); 4] = [
        (
            "（三）不予公开",
            &[
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息",
                "6.属于四类过程性信息",
                "7.属于行政执法案卷",
                "8.属于行政查询事项",
            ],
        ),
        (
            "（四）无法提供",
            &[
                "1.本机关不掌握相关政府信息",
                "2.没有现成信息需要另行制作",
                "3.补正后申请内容仍不明确",
            ],
        ),
        (
            "（五）不予处理",
            &[
                "1.信访举报投诉类申请",
                "2.重复申请",
                "3.要求提供公开出版物",
                "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息",
            ],
        ),
        (
            "（六）其他处理",
            &[
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "3.其他",
            ],
        ),
    ];
    for (group, items) in groups {
        for (i, item) in items.iter().enumerate() {
            let mut heads = Vec::new();
            if i == 0 {
                heads.push((group, items.len(), 1));
            }
            heads.push((*item, 1, 1));
            rows.push(with_values(heads));
        }
    }
    rows.push(with_values(vec![("（七）总计", 1, 2)]));
    rows.push(with_values(vec![("四、结转下年度继续办理", 1, 3)]));
    rows
}

fn spec_part4() -> Vec<Vec<Spec>> {
    let columns = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut row1: Vec<Spec> = columns.map(|c| (c, 2, 1)).to_vec();
    row1.extend([("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]);
    let mut row2: Vec<Spec> = columns.map(|c| (c, 1, 1)).to_vec();
    row2.extend(columns.map(|c| (c, 1, 1)));
    vec![
        vec![("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        row1,
        row2,
        vec![N; 15],
    ]
}

fn is_number(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    !s.is_empty()
        && s.split('.').count() <= 2
        && s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn assert_shape(path: &str, grid: &Grid, spec: &[Vec<Spec>]) {
    let rows = grid.rows();
    assert_eq!(rows.len(), spec.len(), "{path}: rows");
    for (r, (got, want)) in rows.iter().zip(spec).enumerate() {
        let got: Vec<(String, usize, usize)> = got
            .iter()
            .map(|c| {
                let t = if is_number(&c.text) {
                    "#".to_string()
                } else {
                    c.text.clone()
                };
                (t, c.rowspan, c.colspan)
            })
            .collect();
        let want: Vec<(String, usize, usize)> = want
            .iter()
            .map(|(t, r, c)| (t.to_string(), *r, *c))
            .collect();
        assert_eq!(got, want, "{path} row {r}");
    }
}

#[test]
fn tables_have_the_spec_shapes() {
    for path in EXAMPLES {
        let report = load(path);
        if report.format() != nianbao::model::Format::V2021 {
            continue;
        }
        let grids = html_grids(&parse_page(&page_text(&report)));
        assert_shape(path, &grids[0], &spec_part2());
        assert_shape(path, &grids[1], &spec_part3());
        assert_shape(path, &grids[2], &spec_part4());
    }
}

#[test]
fn the_2019_format_has_twenty_rows_under_results() {
    // §3: （六）其他处理 has no sub-items in 2019: one row spanning columns B–C.
    let report = load("tests/fixtures/v2019.toml");
    let grids = html_grids(&parse_page(&page_text(&report)));
    let results = grids[1]
        .cells
        .values()
        .find(|c| c.text == "三、本年度办理结果")
        .unwrap();
    assert_eq!(results.rowspan, 20);
    let other = grids[1]
        .cells
        .values()
        .find(|c| c.text == "（六）其他处理")
        .unwrap();
    assert_eq!((other.rowspan, other.colspan), (1, 2));
}

// ---- table semantics for screen readers ----

#[test]
fn every_number_is_read_with_its_row_and_column_heads() {
    let report = load("examples/xingan-2024.toml");
    let doc = parse_page(&page_text(&report));
    for table in doc.select(&sel("table")) {
        let caption = table.select(&sel("caption")).next().expect("caption");
        let id = caption.value().attr("id").unwrap();
        // The scroll box is focusable and named by the caption.
        let scroll = ElementRef::wrap(table.parent().unwrap()).unwrap();
        assert_eq!(scroll.value().attr("tabindex"), Some("0"));
        assert_eq!(scroll.value().attr("role"), Some("region"));
        assert_eq!(scroll.value().attr("aria-labelledby"), Some(id));

        let heads: HashMap<&str, String> = table
            .select(&sel("th"))
            .map(|th| (th.value().attr("id").expect("every th has an id"), text(th)))
            .collect();
        assert_eq!(heads.len(), table.select(&sel("th")).count(), "ids unique");
        for td in table.select(&sel("td")) {
            let list = td
                .value()
                .attr("headers")
                .expect("every td lists its heads");
            for h in list.split(' ') {
                assert!(
                    heads.contains_key(h),
                    "headers refers to {h}, not a th of this table"
                );
            }
        }
    }
    // Table 三: the number of 商业企业 under 1.属于国家秘密 is read with all six heads.
    let row = doc
        .select(&sel("tr"))
        .find(|tr| tr.select(&sel("th")).any(|th| text(th) == "1.属于国家秘密"))
        .unwrap();
    let td = row.select(&sel("td")).nth(1).unwrap();
    let names: Vec<String> = td
        .value()
        .attr("headers")
        .unwrap()
        .split(' ')
        .map(|id| text(doc.select(&sel(&format!("#{id}"))).next().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            "申请人情况",
            "法人或其他组织",
            "商业企业",
            "三、本年度办理结果",
            "（三）不予公开",
            "1.属于国家秘密"
        ]
    );
    // Table 二's second section: 行政许可's number under its own section head only.
    let row = doc
        .select(&sel("tr"))
        .find(|tr| tr.select(&sel("th")).any(|th| text(th) == "行政许可"))
        .unwrap();
    let td = row.select(&sel("td")).next().unwrap();
    let names: Vec<String> = td
        .value()
        .attr("headers")
        .unwrap()
        .split(' ')
        .map(|id| text(doc.select(&sel(&format!("#{id}"))).next().unwrap()))
        .collect();
    assert_eq!(
        names,
        ["第二十条第（五）项", "本年处理决定数量", "行政许可"]
    );
    // Heads of one column or row carry scope; head rows of 三 and 四 are in thead.
    let scoped: HashSet<(&str, &str)> = doc
        .select(&sel("th[scope]"))
        .map(|th| {
            (
                th.value().attr("scope").unwrap(),
                th.text().next().unwrap_or(""),
            )
        })
        .collect();
    assert!(scoped.contains(&("col", "商业企业")));
    assert!(scoped.contains(&("row", "1.属于国家秘密")));
    assert!(
        !scoped.iter().any(|(_, t)| *t == "申请人情况"),
        "a spanning head has no scope"
    );
    assert_eq!(doc.select(&sel("thead")).count(), 2);
    assert_eq!(doc.select(&sel("thead tr")).count(), 6);
}

// ---- the page around the tables ----

/// The paragraphs the input asks for, in order: (run-in head, text).
fn expected_paragraphs(report: &Report) -> Vec<(Option<String>, String)> {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut out: Vec<(Option<String>, String)> = report
        .preamble()
        .iter()
        .map(|p| (None, p.text.clone()))
        .collect();
    for body in report.bodies() {
        out.extend(body.paragraphs.iter().map(|p| (None, p.text.clone())));
        for (i, s) in body.sections.iter().enumerate() {
            let head = format!("（{}）{}", NUMERALS[i], s.title.text);
            let mut paragraphs = s.paragraphs.iter().map(|p| p.text.clone());
            if !s.standalone {
                out.push((Some(head), paragraphs.next().unwrap_or_default()));
            }
            out.extend(paragraphs.map(|t| (None, t)));
        }
    }
    out
}

#[test]
fn headings_paragraphs_title_and_signature_follow_the_input() {
    for path in EXAMPLES {
        let report = load(path);
        let html = page_text(&report);
        let doc = parse_page(&html);
        assert_eq!(
            doc.root_element().value().attr("lang"),
            Some("zh-CN"),
            "{path}"
        );
        let lines = nianbao::realize::realize(&report, None).title_lines;
        let title = doc.select(&sel("title")).next().unwrap();
        assert_eq!(text(title), lines.concat());
        let h1 = doc.select(&sel("h1")).next().unwrap();
        assert_eq!(h1.select(&sel("br")).count(), lines.len() - 1);
        let h1_lines: Vec<String> = h1.text().map(String::from).collect();
        assert_eq!(h1_lines, lines, "{path}: title lines");

        let h2: Vec<String> = doc.select(&sel("h2")).map(text).collect();
        assert_eq!(
            h2,
            [
                "一、总体情况",
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项",
            ],
            "{path}"
        );

        let got: Vec<(Option<String>, String)> = doc
            .select(&sel("main > p"))
            .map(|p| {
                let lead = p.select(&sel("span")).next().map(text);
                let all = text(p);
                let rest = match &lead {
                    Some(l) => all.strip_prefix(l.as_str()).unwrap().to_string(),
                    None => all,
                };
                (lead, rest)
            })
            .collect();
        assert_eq!(got, expected_paragraphs(&report), "{path}: paragraphs");
        let standalone: Vec<String> = doc.select(&sel("h3")).map(text).collect();
        let expected: Vec<String> = report
            .bodies()
            .iter()
            .flat_map(|b| b.sections.iter().enumerate())
            .filter(|(_, s)| s.standalone)
            .map(|(i, s)| {
                format!(
                    "（{}）{}",
                    nianbao::tables::labels::chinese_number(i + 1),
                    s.title.text
                )
            })
            .collect();
        assert_eq!(standalone, expected, "{path}: standalone section heads");
    }
    // The signature block, right-aligned: 署名 then 成文日期, at the realized insets (half
    // characters), as the PDF and the DOCX set them.
    let report = load("examples/linjiang-2024.toml");
    let doc = parse_page(&page_text(&report));
    let lines: Vec<(String, String)> = doc
        .select(&sel("main > div.nb-sig > p"))
        .map(|p| (text(p), p.value().attr("style").unwrap().to_string()))
        .collect();
    let sig = nianbao::realize::realize(&report, None).signature.unwrap();
    let em = |half: u32| format!("margin-right:{}em", f64::from(half) / 2.0);
    assert_eq!(
        lines,
        [
            ("临江市自然资源和规划局".to_string(), em(sig.agency_right)),
            ("2025年1月20日".to_string(), em(sig.date_right.unwrap())),
        ]
    );
    // 署名 11 characters (22 halves), date 3 characters and 7 digits (13): the date starts two
    // characters right of the 署名.
    assert_eq!((sig.agency_right, sig.date_right), (4, Some(22 - 13)));
}

#[test]
fn self_contained_one_style_no_scripts() {
    for path in EXAMPLES {
        let html = page_text(&load(path));
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"),
            "{path}"
        );
        let doc = parse_page(&html);
        assert_eq!(doc.select(&sel("style")).count(), 1, "{path}");
        assert_eq!(doc.select(&sel("meta[charset=utf-8]")).count(), 1);
        for tag in ["script", "link", "img", "iframe", "object", "embed"] {
            assert_eq!(doc.select(&sel(tag)).count(), 0, "{path}: {tag}");
        }
        assert_eq!(
            doc.select(&sel("[src], [href], [on_load]")).count(),
            0,
            "{path}"
        );
        let style = text(doc.select(&sel("style")).next().unwrap());
        assert!(
            !style.contains("url("),
            "{path}: no external resources in CSS"
        );
        assert!(!style.contains("@import"));
        // The report's body font, then the office fonts; a sideways scroll box; an A4 print page.
        let body = match &load(path).fonts().body {
            Some(f) => format!(".nb{{font-family:\"{}\",\"仿宋_GB2312\",", f.text),
            None => ".nb{font-family:\"仿宋_GB2312\",".to_string(),
        };
        assert!(style.contains(&body), "{path}: {body}");
        assert!(style.contains(".nb-scroll{overflow-x:auto"));
        assert!(style.contains("@page{size:A4;"));
        assert!(style.contains("@media print{"));
    }
}

#[test]
fn same_input_same_bytes() {
    for path in EXAMPLES {
        let a = render(&load(path), &HtmlOptions::default());
        let b = render(&load(path), &HtmlOptions::default());
        assert_eq!(a, b, "{path}");
        let f = render(&load(path), &HtmlOptions { fragment: true });
        assert_eq!(
            f,
            render(&load(path), &HtmlOptions { fragment: true }),
            "{path}"
        );
    }
}

#[test]
fn fragment_is_markup_with_inline_styles_only() {
    for path in EXAMPLES {
        let report = load(path);
        let html = fragment_text(&report);
        for furniture in [
            "<!DOCTYPE",
            "<html",
            "<head",
            "<body",
            "<style",
            "<title",
            "<meta",
            "<main",
        ] {
            assert!(!html.contains(furniture), "{path}: {furniture}");
        }
        let doc = Html::parse_fragment(&html);
        assert!(doc.errors.is_empty(), "{path}: {:?}", doc.errors);
        assert_eq!(
            doc.select(&sel("[class]")).count(),
            0,
            "{path}: classes need a style sheet"
        );
        for styled in ["div", "h1", "h2", "p", "table", "caption", "th", "td"] {
            for e in doc.select(&sel(styled)) {
                assert!(
                    e.value().attr("style").is_some(),
                    "{path}: <{styled}> without style"
                );
            }
        }
        let root = doc.select(&sel("div")).next().unwrap();
        assert_eq!(root.value().attr("lang"), Some("zh-CN"));
        assert!(
            root.value()
                .attr("style")
                .unwrap()
                .contains("\"仿宋_GB2312\",\"FangSong_GB2312\"")
        );
        // The same tables and text as the page.
        let page = parse_page(&page_text(&report));
        assert_eq!(html_grids(&doc), html_grids(&page), "{path}");
        let texts =
            |d: &Html, css: &str| -> Vec<String> { d.select(&sel(css)).map(text).collect() };
        assert_eq!(
            texts(&doc, "h1, h2, h3, p"),
            texts(&page, "h1, h2, h3, p"),
            "{path}"
        );
    }
}

#[test]
fn user_text_is_escaped() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan-2024.toml");
    let toml = std::fs::read_to_string(path).unwrap();
    let report = load("examples/xingan-2024.toml");
    let original = &report.part6().paragraphs[0].text;
    let hostile = r#"<script>alert(\"x\")</script> & 1<2 “引号” <b>粗</b>"#;
    let toml = toml.replacen(original.as_str(), hostile, 1);
    let report = nianbao::input::parse(Arc::new(Source::new("hostile.toml", toml)))
        .unwrap_or_else(|d| panic!("{}", nianbao::diag::render_all(&d)));
    for html in [page_text(&report), fragment_text(&report)] {
        let doc = Html::parse_document(&html);
        assert_eq!(doc.select(&sel("script, b")).count(), 0);
        let last = doc.select(&sel("p")).map(text).next_back().unwrap();
        assert_eq!(
            last,
            r#"<script>alert("x")</script> & 1<2 “引号” <b>粗</b>"#
        );
    }
}

// ---- the command line ----

#[test]
fn cli_writes_html_beside_with_o_in_all_and_in_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan-2024.toml");
    std::fs::copy(&src, tmp.path().join("r.toml")).unwrap();
    let run = |args: &[&str]| common::nianbao_in(tmp.path(), args);
    let report = load("examples/xingan-2024.toml");

    let (code, out, err) = run(&["render", "r.toml", "--format", "html"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        std::fs::read(tmp.path().join("r.html")).unwrap(),
        render(&report, &HtmlOptions::default())
    );
    assert!(!tmp.path().join("r.pdf").exists());

    let (code, out, err) = run(&["render", "r.toml", "-o", "frag.html", "--html-fragment"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        std::fs::read(tmp.path().join("frag.html")).unwrap(),
        render(&report, &HtmlOptions { fragment: true })
    );

    let (code, _, err) = run(&["render", "r.toml", "--format", "pdf", "--html-fragment"]);
    assert_eq!(code, 2);
    assert!(err.contains("--html-fragment 只用于 HTML 输出"), "{err}");

    let (code, out, err) = run(&["render", "r.toml", "--no-system-fonts"]);
    assert_eq!(code, 0, "{out}{err}");
    for ext in ["pdf", "docx", "html"] {
        assert!(
            tmp.path().join(format!("r.{ext}")).exists(),
            "all writes .{ext}"
        );
    }

    let (code, out, err) = run(&["batch", "r.toml", "--format", "html", "--out-dir", "out"]);
    assert_eq!(code, 0, "{out}{err}");
    let files: Vec<String> = std::fs::read_dir(tmp.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["兴安区人民政府2024年政府信息公开工作年度报告.html"]);
}
