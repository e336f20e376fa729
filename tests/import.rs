//! `nianbao import`: the reference web text gives the example's numbers and paragraphs; every
//! example and generated report survives render → DOCX → import; hand-built DOCX files standing in
//! for Word and WPS; bad inputs are refused without writing anything.

use crate::common;
use crate::import_support;

use std::path::Path;

use common::nianbao_in;
use import_support::{assert_same, assert_signed_alike, document, docx, example, import, p, parse};
use nianbao::tables::{Content, Table, TableId, ValueRef, Values};

const XINGAN_TXT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/reference/xingan-2024.txt"
);

fn xingan_text() -> Vec<u8> {
    std::fs::read(XINGAN_TXT)
        .or_else(|_| {
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/xingan-2024.txt"
            ))
        })
        .expect("the reference text")
}

#[test]
fn reference_text_gives_every_number_and_paragraph_of_the_example() {
    let (got, imported) = import(&xingan_text());
    let want = example("xingan-2024.toml");
    assert_same(&got, &want, "xingan-2024.txt");
    assert!(imported.unplaced.is_empty(), "{:?}", imported.unplaced);
    // Not every number is 0: the three that are not are where they belong.
    let v = |r: ValueRef| got.value_text(r);
    assert_eq!(
        v(ValueRef::Decisions(nianbao::tables::Matter::Licensing)),
        "282"
    );
    assert_eq!(
        v(ValueRef::Decisions(nianbao::tables::Matter::Punishment)),
        "15"
    );
    assert_eq!(v(ValueRef::Documents { row: 1, col: 2 }), "2");
}

#[test]
fn renamed_and_perturbed_text_is_placed_by_label_not_position() {
    // Distinct numbers in every cell, typed the ways real reports type them.
    let mut text = String::from_utf8(xingan_text()).unwrap();
    text = text
        .replace("\n282 |", "\n1,282件 |")
        .replace("1.属于国家秘密 |", "1、属于 国家秘密 |");
    text = text.replace("行政事业性收费 |\n0 |\n", "行政事业性收费 |\n251000元 |\n");
    let (got, imported) = import(text.as_bytes());
    let v = |r: ValueRef| got.value_text(r);
    assert_eq!(
        v(ValueRef::Decisions(nianbao::tables::Matter::Licensing)),
        "1282"
    );
    assert_eq!(v(ValueRef::Fees), "25.1000", "exact to the 元");
    let toml = imported.to_toml();
    assert!(
        toml.contains("251000元"),
        "the conversion is noted:\n{toml}"
    );
}

#[test]
fn numbers_with_units_read_exactly_and_the_unreadable_are_reported() {
    use nianbao::tables::Matter;
    let text = String::from_utf8(xingan_text()).unwrap();
    let typed = text
        .replace("行政许可 |\n282 |", "行政许可 |\n２８２件 |")
        .replace("行政处罚 |\n15 |", "行政处罚 |\n1.2万件 |")
        .replace("规章 |\n0 |", "规章 |\n1，234 |")
        .replace("行政事业性收费 |\n0 |", "行政事业性收费 |\n８３６２０元 |");
    let (got, imported) = import(typed.as_bytes());
    let v = |r: ValueRef| got.value_text(r);
    assert_eq!(v(ValueRef::Decisions(Matter::Licensing)), "282");
    assert_eq!(v(ValueRef::Decisions(Matter::Punishment)), "12000");
    assert_eq!(v(ValueRef::Documents { row: 0, col: 0 }), "1234");
    // Exact to the 元: four places, not 8.362.
    assert_eq!(v(ValueRef::Fees), "8.3620");
    assert!(imported.unplaced.is_empty(), "{:?}", imported.unplaced);

    // What cannot be read exactly is reported at its place and imported as 0, never guessed.
    let unreadable = text
        .replace("行政强制 |\n0 |", "行政强制 |\n1,23 |")
        .replace("行政规范性文件 |\n0 |", "行政规范性文件 |\n5元 |")
        .replace("行政事业性收费 |\n0 |", "行政事业性收费 |\n83620.5元 |");
    let (got, imported) = import(unreadable.as_bytes());
    for (r, cell, why) in [
        (ValueRef::Decisions(Matter::Coercion), "1,23", "不是数字"),
        (
            ValueRef::Documents { row: 1, col: 0 },
            "5元",
            "是金额，不是件数",
        ),
        (ValueRef::Fees, "83620.5元", "不能精确到万元的四位小数"),
    ] {
        assert_eq!(got.value_text(r), "0", "{r:?}");
        assert!(
            imported
                .unplaced
                .iter()
                .any(|u| u.contains("表格") && u.contains(&format!("“{cell}”{why}"))),
            "{cell}: {:?}",
            imported.unplaced
        );
    }
}

#[test]
fn every_example_survives_docx_and_import() {
    for name in [
        "xingan-2024.toml",
        "linjiang-2023.toml",
        "linjiang-2024.toml",
        "qinghe-2020.toml",
    ] {
        let want = example(name);
        let bytes = nianbao::docx::render(&want);
        let (got, imported) = import(&bytes);
        assert_same(&got, &want, name);
        assert!(
            imported.unplaced.is_empty(),
            "{name}: {:?}",
            imported.unplaced
        );
        assert_signed_alike(&got, &want, name);
    }
}

#[test]
fn generated_reports_survive_docx_and_import() {
    for seed in 0..12 {
        let text = nianbao::generate::report(seed, 3 + (seed % 5) as u32).to_toml();
        let want = parse("gen.toml", &text);
        let (got, _) = import(&nianbao::docx::render(&want));
        assert_same(&got, &want, &format!("seed {seed}"));
        assert_eq!(got.agency().text, want.agency().text, "seed {seed}");
    }
}

/// Body XML of a table drawn without merges ("plain merged cells": every covered slot is an empty
/// cell of its own), labels from the description, and a distinct number in every value cell.
fn plain_table(
    id: TableId,
    format: nianbao::model::Format,
    n: &mut u64,
    want: &mut Vec<(ValueRef, String)>,
) -> String {
    drawn_table(id, format, n, want, false)
}

/// As [`plain_table`]; with `grid_edges`, the covered slots at a row's start and end are left out
/// as Word does with `w:gridBefore`/`w:gridAfter` instead of being drawn as empty cells.
fn drawn_table(
    id: TableId,
    format: nianbao::model::Format,
    n: &mut u64,
    want: &mut Vec<(ValueRef, String)>,
    grid_edges: bool,
) -> String {
    let t = Table::new(id, format);
    let mut xml = String::from("<w:tbl>");
    let ncols = t.columns.len();
    let covered =
        |row: usize, col: usize| matches!(t.slot(row, col), nianbao::tables::Slot::Merged { .. });
    for row in 0..t.rows {
        let (mut first, mut last) = (0, ncols);
        if grid_edges {
            while first < ncols && covered(row, first) {
                first += 1;
            }
            while last > first && covered(row, last - 1) {
                last -= 1;
            }
        }
        xml.push_str("<w:tr>");
        if first > 0 || last < ncols {
            xml.push_str("<w:trPr>");
            if first > 0 {
                xml.push_str(&format!(r#"<w:gridBefore w:val="{first}"/>"#));
            }
            if last < ncols {
                xml.push_str(&format!(r#"<w:gridAfter w:val="{}"/>"#, ncols - last));
            }
            xml.push_str("</w:trPr>");
        }
        for col in first..last {
            let text = match t.slot(row, col) {
                nianbao::tables::Slot::Cell(i) => match t.cells[i].content {
                    // Numbering typed as 1、 and labels with their filling notes dropped.
                    Content::Label(s) => s
                        .replace("1.", "1、")
                        .replace("（区分处理的，只计这一情形，不计其他情形）", ""),
                    Content::Value(v) => {
                        *n += 1;
                        let text = match v {
                            ValueRef::Fees => format!("{}.5", *n),
                            _ => n.to_string(),
                        };
                        want.push((v, text.clone()));
                        text
                    }
                },
                nianbao::tables::Slot::Merged { .. } => String::new(),
            };
            xml.push_str(&format!(
                "<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"
            ));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

#[test]
fn word_rows_that_skip_grid_columns_keep_their_columns() {
    use nianbao::model::Format;
    for format in [Format::V2021, Format::V2019] {
        let (mut n, mut want) = (0, Vec::new());
        let mut body = p(&["云溪县教育局2023年政府信息公开工作年度报告"]);
        let mut skipped = 0;
        for (heading, id) in [
            ("二、主动公开政府信息情况", TableId::Part2),
            ("三、收到和处理政府信息公开申请情况", TableId::Part3),
            ("四、政府信息公开行政复议、行政诉讼情况", TableId::Part4),
        ] {
            body += &p(&[heading]);
            let table = drawn_table(id, format, &mut n, &mut want, true);
            skipped += table.matches("w:gridBefore").count() + table.matches("w:gridAfter").count();
            body += &table;
        }
        // The tables do skip columns at rows' starts and ends (part 三's vertical label column).
        assert!(skipped > 20, "{format:?}: {skipped}");
        let (got, imported) = import(&docx(&document(&body), None));
        assert_eq!(got.format(), format);
        for (v, text) in &want {
            assert_eq!(&got.value_text(*v), text, "{format:?} {v:?}");
        }
        assert!(
            !imported.unplaced.iter().any(|u| u.contains("表格")),
            "{format:?}: {:?}",
            imported.unplaced
        );
    }
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#;

fn numbered(text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

#[test]
fn word_and_wps_documents_split_runs_numbering_plain_merges() {
    use nianbao::model::Format;
    let mut n = 0;
    let mut want = Vec::new();
    let headings = [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ];
    let mut body = String::new();
    // The title split mid-word across runs, as Word does after edits.
    body += &p(&["云溪县教", "育局2023年政府信", "息公开工作年度报告"]);
    body += &p(&["本报告根据《中华人民共和国政府信息公开条例》编", "制。"]);
    body += &numbered(headings[0]);
    body += &p(&["2023年，我局", "认真落实条例。"]);
    body += &p(&["（一）主动公开情况。", "全年主动公开", "信息120条。"]);
    // A tracked deletion is dropped, an insertion kept; a text box is skipped.
    body += r#"<w:p><w:r><w:t>（二）依申请公开情况。</w:t></w:r><w:del><w:r><w:delText>删去的字</w:delText></w:r></w:del><w:ins><w:r><w:t>按时答复。</w:t></w:r></w:ins><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>"#;
    body += &numbered(headings[1]);
    body += &plain_table(TableId::Part2, Format::V2021, &mut n, &mut want);
    body += &numbered(headings[2]);
    body += &plain_table(TableId::Part3, Format::V2021, &mut n, &mut want);
    body += &numbered(headings[3]);
    body += &plain_table(TableId::Part4, Format::V2021, &mut n, &mut want);
    body += &p(&["本年度未发生行政复议和行政诉讼。"]);
    body += &numbered(headings[4]);
    body += &p(&["（一）下一步工作"]);
    body += &p(&["加强培训。"]);
    body += &numbered(headings[5]);
    body += &p(&["无。"]);
    body += &p(&["云溪县教育局"]);
    body += &p(&["2024年1月", "20日"]);
    let (got, imported) = import(&docx(&document(&body), Some(NUMBERING)));
    assert_eq!(got.year(), 2023);
    assert_eq!(got.agency().text, "云溪县教育局");
    assert_eq!(
        got.title_lines().concat(),
        "云溪县教育局2023年政府信息公开工作年度报告"
    );
    assert_eq!(
        got.preamble()[0].text,
        "本报告根据《中华人民共和国政府信息公开条例》编制。"
    );
    assert_eq!(got.part1().paragraphs[0].text, "2023年，我局认真落实条例。");
    assert_eq!(got.part1().sections[0].title.text, "主动公开情况。");
    assert_eq!(
        got.part1().sections[0].paragraphs[0].text,
        "全年主动公开信息120条。"
    );
    assert_eq!(got.part1().sections[1].title.text, "依申请公开情况。");
    assert_eq!(got.part1().sections[1].paragraphs[0].text, "按时答复。");
    assert_eq!(
        got.part4_text().paragraphs[0].text,
        "本年度未发生行政复议和行政诉讼。"
    );
    assert!(got.part5().sections[0].standalone);
    assert_eq!(got.part5().sections[0].title.text, "下一步工作");
    assert_eq!(got.part5().sections[0].paragraphs[0].text, "加强培训。");
    assert_eq!(got.part6().paragraphs.len(), 1);
    assert_eq!(got.signature().unwrap().text, "云溪县教育局");
    assert_eq!(got.date().unwrap().chinese(), "2024年1月20日");
    assert_eq!(want.len(), 6 + 4 + 7 * 25 + 15);
    for (v, text) in &want {
        assert_eq!(&got.value_text(*v), text, "{v:?}");
    }
    assert!(
        imported.unplaced.iter().any(|u| u.contains("文本框")),
        "{:?}",
        imported.unplaced
    );
}

#[test]
fn bad_inputs_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let example = nianbao::docx::render(&example("linjiang-2024.toml"));
    let mut missing_row = String::from_utf8(xingan_text()).unwrap();
    let at = missing_row.find("2.重复申请 |").unwrap();
    let end = at + missing_row[at..].match_indices('\n').nth(8).unwrap().0 + 1;
    missing_row.replace_range(at..end, "");
    let not_docx = {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"hello").unwrap();
        z.finish().unwrap();
        buf.into_inner()
    };
    let cases: [(&str, Vec<u8>, i32, &str); 6] = [
        ("empty.docx", docx(&document(""), None), 1, "没有可识别"),
        (
            "letter.docx",
            docx(
                &document(
                    &(p(&["关于召开2024年工作会议的通知"]) + &p(&["各科室：定于下周召开会议。"])),
                ),
                None,
            ),
            1,
            "没有可识别",
        ),
        ("archive.docx", not_docx, 2, "不是 Word 文档"),
        (
            "truncated.docx",
            example[..example.len() / 2].to_vec(),
            2,
            "损坏",
        ),
        ("garbage.docx", b"PK\x03\x04garbage".to_vec(), 2, "损坏"),
        ("missing-row.txt", missing_row.into_bytes(), 1, "重复申请"),
    ];
    for (name, bytes, code, message) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let (got, _, err) = nianbao_in(dir.path(), &["import", name, "-o", "out.toml"]);
        assert_eq!(got, code, "{name}: {err}");
        assert!(
            err.contains("错误") && err.contains(message),
            "{name}: {err}"
        );
        assert!(!dir.path().join("out.toml").exists(), "{name} wrote a file");
    }
}

#[test]
fn cli_writes_once_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2024.txt"), xingan_text()).unwrap();
    let (code, out, _) = nianbao_in(dir.path(), &["import", "2024.txt"]);
    assert_eq!(code, 0);
    assert!(out.contains("检查通过"), "{out}");
    let written = std::fs::read_to_string(dir.path().join("2024.toml")).unwrap();
    assert_same(
        &parse("2024.toml", &written),
        &example("xingan-2024.toml"),
        "cli",
    );
    let (code, _, err) = nianbao_in(dir.path(), &["import", "2024.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("已存在"), "{err}");
    let (code, _, _) = nianbao_in(dir.path(), &["import", "2024.txt", "--force"]);
    assert_eq!(code, 0);
}

#[test]
fn init_from_carries_last_year_over() {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for name in ["linjiang-2023.toml", "linjiang-2024.toml"] {
        std::fs::copy(examples.join(name), dir.path().join(name)).unwrap();
    }
    let (code, _, err) = nianbao_in(
        dir.path(),
        &["init", "--from", "linjiang-2024.toml", "-o", "next.toml"],
    );
    assert_eq!(code, 0, "{err}");
    let last = example("linjiang-2024.toml");
    let next = nianbao::input::load(&dir.path().join("next.toml")).unwrap();
    assert_eq!(next.year(), 2025);
    assert_eq!(next.agency().text, last.agency().text);
    assert!(next.previous().unwrap().0.ends_with("linjiang-2024.toml"));
    let row = |r: &nianbao::model::Report, id| {
        r.part3()
            .row(id)
            .unwrap()
            .cells()
            .iter()
            .map(|c| c.value())
            .collect::<Vec<_>>()
    };
    use nianbao::model::RowId;
    assert_eq!(
        row(&next, RowId::CarriedOver),
        row(&last, RowId::CarriedForward)
    );
    assert!(row(&last, RowId::CarriedForward).iter().any(|v| *v > 0));
    assert!(row(&next, RowId::New).iter().all(|v| *v == 0));
    assert_eq!(next.part1().paragraphs.len(), last.part1().paragraphs.len());
    assert_eq!(next.part1().sections.len(), last.part1().sections.len());
    assert_eq!(
        next.part5().sections[0].standalone,
        last.part5().sections[0].standalone
    );
    let text = std::fs::read_to_string(dir.path().join("next.toml")).unwrap();
    assert!(text.contains("请按本年情况改写"), "{text}");
    // Not TOML: imported beside it first, then next year's file names it.
    std::fs::write(dir.path().join("2024.txt"), xingan_text()).unwrap();
    let (code, _, err) = nianbao_in(dir.path(), &["init", "--from", "2024.txt"]);
    assert_eq!(code, 0, "{err}");
    let next = nianbao::input::load(&dir.path().join("2025.toml")).unwrap();
    assert!(next.previous().unwrap().0.ends_with("2024.toml"));
    assert!(dir.path().join("2024.toml").exists());
    let (code, _, err) = nianbao_in(dir.path(), &["init", "--from", "2024.txt"]);
    assert_eq!(code, 2, "refuses to overwrite: {err}");
}

#[test]
fn an_agency_missing_from_the_title_is_found_as_a_reader_finds_it() {
    // nianbao's own DOCX and web page of a report whose custom title names no agency and which
    // has no signature: the opening sentence "兴安区根据《…条例》…" names it.
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan-2024.toml"),
    )
    .unwrap();
    assert!(!source.contains("signature"));
    let custom = source.replace(
        "title = \"兴安区2024年政府信息公开工作年度报告\"",
        "title = \"2024年度政府信息公开工作年度报告\"",
    );
    let want = parse("custom.toml", &custom);
    let html = nianbao::html::render(&want, &nianbao::html::HtmlOptions { fragment: false });
    for (what, bytes) in [("docx", nianbao::docx::render(&want)), ("html", html)] {
        let (got, imported) = import(&bytes);
        assert_eq!(got.agency().text, "兴安区", "{what}");
        assert_eq!(
            got.title_lines().concat(),
            "2024年度政府信息公开工作年度报告"
        );
        assert!(
            imported
                .unplaced
                .iter()
                .any(|u| u.contains("按第一段取“兴安区”") && u.contains("--agency")),
            "{what}: {:?}",
            imported.unplaced
        );
    }

    // Hand-made documents: "本报告由…编制", a title "…关于2023年…", and none at all.
    let doc = |title: &str, opening: &str| {
        let mut body = p(&[title]);
        body += &p(&[opening]);
        body += &p(&["一、总体情况"]);
        body += &p(&["2023年，认真落实条例。"]);
        let (mut n, mut numbers) = (0, Vec::new());
        for (heading, id) in [
            ("二、主动公开政府信息情况", TableId::Part2),
            ("三、收到和处理政府信息公开申请情况", TableId::Part3),
            ("四、政府信息公开行政复议、行政诉讼情况", TableId::Part4),
        ] {
            body += &p(&[heading]);
            body += &plain_table(id, nianbao::model::Format::V2021, &mut n, &mut numbers);
        }
        docx(&document(&body), None)
    };
    let agency = |title: &str, opening: &str| {
        let imported = nianbao::import::import(&doc(title, opening)).unwrap();
        (imported.draft.agency.clone(), imported.unplaced)
    };
    let cases = [
        (
            "2023年政府信息公开工作年度报告",
            "本报告由云溪县教育局根据《中华人民共和国政府信息公开条例》编制。",
            "云溪县教育局",
        ),
        (
            "2023年政府信息公开工作年度报告",
            "云溪县教育局根据《中华人民共和国政府信息公开条例》要求，编制本报告。",
            "云溪县教育局",
        ),
        (
            "云溪县教育局关于2023年政府信息公开工作的报告",
            "本报告根据《中华人民共和国政府信息公开条例》编制。",
            "云溪县教育局",
        ),
    ];
    for (title, opening, want) in cases {
        assert_eq!(agency(title, opening).0, want, "{title} / {opening}");
    }
    // Nowhere to be found: said, with how to give it, never guessed.
    let (got, unplaced) = agency(
        "2023年政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》编制。",
    );
    assert_eq!(got, "（请填写发布机关）");
    assert!(
        unplaced
            .iter()
            .any(|u| u.contains("找不到发布机关") && u.contains("--agency")),
        "{unplaced:?}"
    );
    // The user's --agency wins.
    let hints = nianbao::import::Hints {
        agency: Some("云溪县人民政府".into()),
        ..Default::default()
    };
    let imported = nianbao::import::import_with(
        &doc("2023年政府信息公开工作年度报告", "本报告根据《条例》编制。"),
        &hints,
    )
    .unwrap();
    assert_eq!(imported.draft.agency, "云溪县人民政府");
}
