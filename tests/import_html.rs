//! `nianbao import` of web pages: every example and generated report survives render → HTML →
//! import (page and fragment); pages as government sites publish them, built here from an
//! example's numbers and prose (GBK, navigation around the article, layout tables, spans, `<br>` in
//! cells, a misplaced header colspan, units and separators typed in cells, blank cells) give every
//! number and paragraph of the example; the DOCX LibreOffice made from an HTML report (committed
//! fixture) too; bad pages are refused without writing anything.

use crate::common::nianbao_in;
use crate::import_support::{assert_same, assert_signed_alike, example, import, parse};
use nianbao::html::HtmlOptions;
use nianbao::model::Report;
use nianbao::model::flow::Block;
use nianbao::tables::{CellKind, Content, Slot, Table, TableId, ValueRef, Values};

const EXAMPLES: [&str; 4] = [
    "xingan-2024.toml",
    "linjiang-2023.toml",
    "linjiang-2024.toml",
    "qinghe-2020.toml",
];

#[test]
fn every_example_survives_html_and_import() {
    for name in EXAMPLES {
        let want = example(name);
        for fragment in [false, true] {
            let what = format!("{name} (fragment: {fragment})");
            let bytes = nianbao::html::render(&want, &HtmlOptions { fragment });
            let (got, imported) = import(&bytes);
            assert_eq!(imported.kind, nianbao::import::Kind::Html, "{what}");
            assert_same(&got, &want, &what);
            assert_signed_alike(&got, &want, &what);
            assert!(
                imported.unplaced.is_empty(),
                "{what}: {:?}",
                imported.unplaced
            );
        }
    }
}

#[test]
fn generated_reports_survive_html_and_import() {
    for seed in 0..12 {
        let text = nianbao::generate::report(seed, 3 + (seed % 5) as u32).to_toml();
        let want = parse("gen.toml", &text);
        let fragment = seed % 3 == 0;
        let (got, imported) = import(&nianbao::html::render(&want, &HtmlOptions { fragment }));
        let what = format!("seed {seed}");
        assert_same(&got, &want, &what);
        assert_eq!(got.agency().text, want.agency().text, "{what}");
        assert_signed_alike(&got, &want, &what);
        assert!(
            imported.unplaced.is_empty(),
            "{what}: {:?}",
            imported.unplaced
        );
    }
}

/// How a site's template draws the page around the report.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Site {
    /// `<div>`s with class names, `<meta http-equiv … charset=gbk>`, `<p>` paragraphs.
    Modern,
    /// One page-wide layout table (the report's tables nested in it), upper-case tags, unclosed
    /// `<td>`s, `<div>` paragraphs, `<meta charset=gb2312>`, Word's `MsoNormal` spans in cells, the
    /// site's line right under the report's date in the same cell.
    Layout,
}

/// "abcd" → "ab<br>cd": a label broken where the site's editor broke it.
fn broken(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 8 {
        return text.to_string();
    }
    let (a, b) = chars.split_at(chars.len() / 2);
    format!(
        "{}<br>{}",
        a.iter().collect::<String>(),
        b.iter().collect::<String>()
    )
}

/// A prose paragraph as a site's editor stores it: indented with `&nbsp;`, its text split across
/// styled spans in the middle of a word.
fn styled(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (a, b) = chars.split_at(chars.len() / 3);
    format!(
        "&nbsp;&nbsp;&nbsp;&nbsp;<span style=\"font-family:仿宋_GB2312;font-size:16pt\">{}</span><font face=\"仿宋\">{}</font>",
        a.iter().collect::<String>(),
        b.iter().collect::<String>()
    )
}

/// A value cell as sites type it: thousands separators, the fee in 元 with its unit, `&nbsp;`
/// around numbers, the zeros of table 三's 其他 column left blank, and a blank 总计 of
/// 未经复议直接起诉 (the importer computes it).
fn value_cell(report: &Report, v: ValueRef) -> String {
    let text = report.value_text(v);
    match v {
        ValueRef::Fees => {
            let wan: f64 = text.parse().unwrap();
            format!("{}元", (wan * 10_000.0).round() as u64)
        }
        ValueRef::Part4 { group: 1, col: 4 } => "&nbsp;".into(),
        ValueRef::Part3 { col: 5, .. } if text == "0" => "&nbsp;".into(),
        _ => match text.parse::<u64>() {
            Ok(n) if n >= 1000 => format!("{},{:03}", n / 1000, n % 1000),
            _ => format!("&nbsp;{text}&nbsp;"),
        },
    }
}

/// A label as sites type it: 1、 or full-width １． for 1., half-width brackets, a filling note,
/// broken across lines.
fn label_cell(label: &str, site: Site) -> String {
    let label = match site {
        Site::Modern => label.replacen("1.", "1、", 1).replacen("2.", "２．", 1),
        Site::Layout => label
            .replacen('（', "(", 1)
            .replacen('）', ")", 1)
            .replace("申请数量", "申请数量（单位：件）"),
    };
    broken(&label)
}

/// One of the three tables, as the site draws it from the official description.
fn site_table(report: &Report, id: TableId, site: Site) -> String {
    let t = Table::new(id, report.format());
    let mut out = match site {
        Site::Modern => String::from(
            "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse;width:100%;font-size:14px\"><tbody>\n",
        ),
        Site::Layout => String::from("<TABLE class=MsoNormalTable border=1 cellSpacing=0>\n"),
    };
    for row in 0..t.rows {
        out.push_str(if site == Site::Modern {
            "<tr style=\"height:24px\">"
        } else {
            "<TR>"
        });
        for col in 0..t.columns.len() {
            let Slot::Cell(i) = t.slot(row, col) else {
                continue;
            };
            let cell = &t.cells[i];
            let mut colspan = cell.colspan;
            // Table 三's first header row with its colspan on another column than the data rows:
            // the corner cell one column narrower, 申请人情况 one wider.
            if id == TableId::Part3 && row == 0 && cell.kind == CellKind::Header {
                colspan = if col == 0 { colspan - 1 } else { colspan + 1 };
            }
            let text = match cell.content {
                Content::Label(s) => label_cell(s, site),
                Content::Value(v) => value_cell(report, v),
            };
            let spans = format!(
                "{}{}",
                if cell.rowspan > 1 {
                    format!(" rowspan=\"{}\"", cell.rowspan)
                } else {
                    String::new()
                },
                if colspan > 1 {
                    format!(" colspan=\"{colspan}\"")
                } else {
                    String::new()
                }
            );
            match site {
                Site::Modern => out.push_str(&format!(
                    "<td{spans} style=\"border:1px solid #000;text-align:center;vertical-align:middle\"><p style=\"margin:0\"><span style=\"font-size:12px\">{text}</span></p></td>"
                )),
                // Unclosed cells, as old editors leave them.
                Site::Layout => out.push_str(&format!(
                    "<TD{spans} width=60><P class=MsoNormal align=center><SPAN lang=EN-US>{text}<o:p></o:p></SPAN>"
                )),
            }
        }
        out.push_str(if site == Site::Modern {
            "</tr>\n"
        } else {
            "\n"
        });
    }
    out.push_str(if site == Site::Modern {
        "</tbody></table>\n"
    } else {
        "</TABLE>\n"
    });
    out
}

/// The report's own markup inside the page, block by block from the report's reading order.
fn article(report: &Report, site: Site) -> String {
    let mut out = String::new();
    let para = |inner: &str| match site {
        Site::Modern => {
            format!("<p style=\"text-indent:2em;line-height:28px;margin:0\">{inner}</p>\n")
        }
        Site::Layout => format!("<DIV style=\"TEXT-INDENT: 2em\">{inner}</DIV>\n"),
    };
    for block in report.flow() {
        match block {
            Block::Title(lines) => out.push_str(&match site {
                Site::Modern => format!(
                    "<h1 class=\"article-title\" style=\"text-align:center;font-size:22px\">{}</h1>\n<div class=\"info\">发布时间：{}-01-20&nbsp;&nbsp;来源：{}&nbsp;&nbsp;字号：[<a href=\"#\">大</a> <a href=\"#\">中</a> <a href=\"#\">小</a>]</div>\n<div class=\"content\" id=\"zoom\">\n",
                    lines.join("<br>"),
                    report.year() + 1,
                    report.agency().text
                ),
                Site::Layout => format!(
                    "<TR><TD class=title align=center><FONT size=5><B>{}</B></FONT>\n<TR><TD class=content>\n",
                    lines.join("<BR>")
                ),
            }),
            Block::Heading1(text) => out.push_str(&para(&format!(
                "<strong><span style=\"font-family:黑体\">{text}</span></strong>"
            ))),
            Block::Heading2 { text, .. } => out.push_str(&para(&format!("<b>{text}</b>"))),
            Block::Paragraph { lead, text, .. } => {
                let lead = lead.map_or(String::new(), |l| format!("<strong>{l}</strong>"));
                out.push_str(&para(&format!("{lead}{}", styled(&text))));
            }
            Block::Table(id) => out.push_str(&site_table(report, id, site)),
            Block::Signature { agency, date } => {
                for line in std::iter::once(agency).chain(date) {
                    out.push_str(&format!(
                        "<p style=\"text-align:right;margin-right:4em\">{line}</p>\n"
                    ));
                }
            }
        }
    }
    out
}

/// A government site's page around the report: scripts, header, menu, breadcrumb, a sidebar of
/// other years' reports, hidden text, "打印本页/关闭窗口", links to other articles, the footer.
fn site_page(report: &Report, site: Site) -> Vec<u8> {
    let agency = &report.agency().text;
    let last = report.year() - 1;
    let html = match site {
        Site::Modern => format!(
            r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>{agency}{year}年政府信息公开工作年度报告_临江市人民政府</title>
<script type="text/javascript">var title = "一、总体情况"; document.write("<p>二、主动公开政府信息情况</p>");</script>
<style>.content p {{ font-family: 仿宋_GB2312; }}</style>
</head>
<body>
<div class="header"><div class="logo">临江市人民政府</div><div class="search">站内搜索</div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="main">
<div class="sidebar"><h3>政府信息公开年报</h3><ul><li><a href="/nb/{last}.html">{agency}{last}年政府信息公开工作年度报告</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="article">
<div style="display:none">一、总体情况 隐藏的文字</div>
{article}</div></div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="prev-next"><p>上一篇：<a href="/nb/{last}.html">{agency}{last}年政府信息公开工作年度报告</a></p></div>
</div>
<div class="footer"><p>主办单位：临江市人民政府办公室 网站标识码：4210000001</p><p>鄂ICP备12345678号</p></div>
<script>var _hmt = _hmt || [];</script>
</body>
</html>
"#,
            year = report.year(),
            article = article(report, site)
        ),
        Site::Layout => format!(
            r#"<HTML><HEAD><META charset="gb2312"><TITLE>{agency}</TITLE>
<SCRIPT language=javascript>function printit(){{window.print();}}</SCRIPT></HEAD>
<BODY>
<TABLE width=1000 align=center>
<TR><TD class=top>临江市人民政府 | <A href="/">首页</A> | <A href="/zwgk/">政务公开</A>
<TR><TD>您现在的位置：<A href="/">首页</A> &gt;&gt; 政府信息公开年报
<TR><TD>
<TABLE width="100%">
{article}<DIV align=center>本网站由临江市人民政府办公室主办 联系电话：0710-3456789</DIV>
</TABLE>
<TR><TD align=center>[<A href="javascript:printit()">打印</A>] [<A href="javascript:window.close()">关闭</A>]
<TR><TD class=bottom>版权所有：临江市人民政府 技术支持：某某网络公司
</TABLE>
</BODY></HTML>
"#,
            article = article(report, site)
        ),
    };
    let encoding = match site {
        Site::Modern => encoding_rs::GBK,
        Site::Layout => encoding_rs::GB18030,
    };
    let (bytes, _, _) = encoding.encode(&html);
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
    bytes.into_owned()
}

#[test]
fn government_site_pages_in_gbk_give_every_number_and_paragraph() {
    for name in ["linjiang-2024.toml", "qinghe-2020.toml"] {
        for site in [Site::Modern, Site::Layout] {
            let what = format!("{name} on a {site:?} site");
            let want = example(name);
            let (got, imported) = import(&site_page(&want, site));
            // Every paragraph, title, section and every number of the example.
            // The fee typed in 元 (83620元) comes back exactly as the example's 8.3620 万元.
            assert_same(&got, &want, &what);
            assert_signed_alike(&got, &want, &what);
            if want.signature().is_some() {
                // (Without one, an agency that differs from the title's is printed nowhere.)
                assert_eq!(got.agency().text, want.agency().text, "{what}");
            }
            // What was left out is the page's, and said so.
            for u in &imported.unplaced {
                assert!(u.contains("网页"), "{what}: {u}");
            }
            let said = imported.unplaced.join("\n");
            assert!(said.contains("未导入"), "{what}: {said}");
            let toml = imported.to_toml();
            for furniture in [
                "当前位置",
                "打印",
                "关闭",
                "主办单位",
                "版权所有",
                "隐藏",
                "首页",
            ] {
                assert!(!toml.contains(furniture), "{what}: {furniture} in\n{toml}");
            }
            // The typed-in unit is converted and noted; blank cells are noted.
            if want.format() == nianbao::model::Format::V2021 {
                let yuan =
                    (want.value_text(ValueRef::Fees).parse::<f64>().unwrap() * 10_000.0).round();
                assert!(toml.contains(&format!("{yuan}元")), "{what}:\n{toml}");
            }
            assert!(toml.contains("原表空白，按 0 填入"), "{what}:\n{toml}");
            assert!(toml.contains("总计 空白"), "{what}:\n{toml}");
        }
    }
}

#[test]
fn docx_made_by_libreoffice_from_an_html_report_gives_every_number_and_paragraph() {
    for name in ["linjiang-2024", "qinghe-2020"] {
        let path = format!(
            "{}/tests/fixtures/import/{name}-libreoffice.docx",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).unwrap();
        // Made by LibreOffice (scripts/make-import-fixtures.sh), not by nianbao's DOCX writer.
        let app = {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("docProps/app.xml").unwrap(), &mut text)
                .unwrap();
            text
        };
        assert!(app.contains("LibreOffice"), "{path}: {app}");
        let want = example(&format!("{name}.toml"));
        let (got, imported) = import(&bytes);
        assert_eq!(imported.kind, nianbao::import::Kind::Docx);
        assert_same(&got, &want, &path);
        assert_signed_alike(&got, &want, &path);
        assert!(
            imported.unplaced.is_empty(),
            "{path}: {:?}",
            imported.unplaced
        );
    }
}

/// A page of the Modern site with `edit` applied to its text before it is encoded in GBK.
fn edited_page(name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let page = site_page(&example(name), Site::Modern);
    let (text, _, _) = encoding_rs::GBK.decode(&page);
    encoding_rs::GBK.encode(&edit(&text)).0.into_owned()
}

#[test]
fn bad_pages_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let news = "<!DOCTYPE html><html><head><meta charset=\"gbk\"><title>通知</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div><h1>关于召开2024年工作会议的通知</h1><p>各科室：定于下周召开会议。</p></body></html>";
    let truncated = edited_page("linjiang-2024.toml", |t| {
        let at = t.find("三方合法权益").unwrap();
        t[..at].to_string()
    });
    let missing_row = edited_page("linjiang-2024.toml", |t| {
        // The row of 2.重复申请 (as the site typed it: ２．重复申请) taken out of table 三.
        let label = t.find("２．重复申请").unwrap();
        let start = t[..label].rfind("<tr").unwrap();
        let end = label + t[label..].find("</tr>").unwrap() + "</tr>".len();
        format!("{}{}", &t[..start], &t[end..])
    });
    let cases: [(&str, Vec<u8>, i32, &[&str]); 5] = [
        (
            "news.html",
            encoding_rs::GBK.encode(news).0.into_owned(),
            1,
            &["没有可识别"],
        ),
        ("empty.html", Vec::new(), 1, &["空"]),
        ("blank.htm", b" \n\t\n".to_vec(), 1, &["空"]),
        (
            "truncated.html",
            truncated,
            1,
            &["不完整", "保护第三方合法权益", "网页不完整：文件在第"],
        ),
        ("missing-row.html", missing_row, 1, &["缺少", "重复申请"]),
    ];
    for (name, bytes, code, messages) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let (got, _, err) = nianbao_in(dir.path(), &["import", name, "-o", "out.toml"]);
        assert_eq!(got, code, "{name}: {err}");
        assert!(err.contains("错误"), "{name}: {err}");
        for m in messages {
            assert!(err.contains(m), "{name}: no “{m}” in {err}");
        }
        assert!(!dir.path().join("out.toml").exists(), "{name} wrote a file");
    }
}

#[test]
fn a_page_is_recognised_by_its_content_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let page = site_page(&example("linjiang-2024.toml"), Site::Layout);
    std::fs::write(dir.path().join("report.txt"), &page).unwrap();
    let (code, out, err) = nianbao_in(dir.path(), &["import", "report.txt", "-o", "r.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("网页（HTML）"), "{out}");
    assert!(out.contains("检查通过"), "{out}");
    let written = std::fs::read_to_string(dir.path().join("r.toml")).unwrap();
    assert_same(
        &parse("r.toml", &written),
        &example("linjiang-2024.toml"),
        "report.txt",
    );
}
