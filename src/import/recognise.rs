//! The one recogniser: a [`Doc`] of paragraphs and tables → the report's draft. Title → year and
//! agency, preamble, the six parts by their headings, sections （一）（二）… of parts 一 and 五, the
//! prose after the tables, signature and date; the tables go to [`super::place`].

use super::edits::Edit;
use super::normalize::{prose, section_number};
use super::place::{self, Placed};
use super::{Block, Doc, Grid, Hints, ImportError, Imported, Kind};
use crate::model::{Date, Format};
use crate::tables::TableId;
use crate::tables::labels::PART_HEADINGS;
use crate::write::{Draft, DraftBody};

/// Words one of which a part heading must contain (the 2019 and 2021 wordings differ).
const HEADING_WORDS: [&[&str]; 6] = [
    &["总体情况"],
    &["主动公开"],
    &["申请"],
    &["复议", "诉讼"],
    &["问题", "改进"],
    &["其他", "其它"],
];

/// Lines of a web page around the article: publication data, tools.
const PAGE_WORDS: [&str; 8] = [
    "发布时间",
    "发布日期",
    "来源：",
    "来源:",
    "浏览次数",
    "字号",
    "打印",
    "分享到",
];

/// Which part heading a paragraph is, when it is one (parts must come in order).
pub(super) fn heading(text: &str, after: Option<usize>) -> Option<usize> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.chars().count() > 40 {
        return None;
    }
    let first = after.map_or(0, |p| p + 1);
    (first..6).find(|&i| {
        let numeral = PART_HEADINGS[i].split('、').next().unwrap_or("");
        let rest = t
            .strip_prefix(numeral)
            .and_then(|r| r.strip_prefix(['、', '.', '．', ',', '，']));
        rest.is_some_and(|r| HEADING_WORDS[i].iter().any(|w| r.contains(w)))
    })
}

/// The year in a title: the first "20XX年" (or 19XX).
pub(super) fn year_in(text: &str) -> Option<(usize, u16)> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(4)).find_map(|i| {
        let digits = &b[i..i + 4];
        let before_digit = i > 0 && b[i - 1].is_ascii_digit();
        (digits.iter().all(u8::is_ascii_digit)
            && !before_digit
            && text[i + 4..].starts_with('年')
            && (digits.starts_with(b"20") || digits.starts_with(b"19")))
        .then(|| (i, text[i..i + 4].parse().ok()))
        .and_then(|(i, y)| Some((i, y?)))
    })
}

/// A 成文日期 line: "2025年1月20日".
pub(super) fn date_line(text: &str) -> Option<Date> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A line that stands outside the tables in a spreadsheet: a part heading or a report's title.
pub fn is_heading_or_title(text: &str) -> bool {
    heading(text, None).is_some()
        || is_title_line(text)
            && year_in(text).is_some()
            && ["报告", "年报", "统计表"].iter().any(|w| text.contains(w))
}

pub(super) fn is_title_line(text: &str) -> bool {
    let n = text.chars().count();
    n <= 60 && !text.ends_with(['。', '；', '，', '：'])
}

/// The agency in the part of a title before its year: "某某局", not "某某局关于".
fn title_agency(before_year: &str) -> String {
    let t = before_year.trim();
    t.strip_suffix("关于").unwrap_or(t).trim().to_string()
}

/// The agency an opening sentence names: "某某局根据《…条例》…" or "本报告由某某局（根据《…》）编制".
fn agency_in_opening(text: &str) -> Option<String> {
    let first = text.split('。').next().unwrap_or(text);
    let name = |s: &str| {
        let s = s.trim().trim_end_matches(['，', ',']);
        let n = s.chars().count();
        let plain = s
            .chars()
            .all(|c| super::normalize::is_cjk(c) && !"，。；：、《》“”".contains(c));
        ((2..=30).contains(&n)
            && plain
            && !s.starts_with(['本', '现', '为'])
            && !s.contains("报告"))
        .then(|| s.to_string())
    };
    if let Some(rest) = first.split_once('由').map(|(_, r)| r) {
        let end = ["根据", "依据", "按照", "编制", "负责", "发布", "制作"]
            .iter()
            .filter_map(|w| rest.find(w))
            .min()?;
        return name(&rest[..end]);
    }
    let at = ["根据《", "依据《", "按照《"]
        .iter()
        .filter_map(|w| first.find(w))
        .min()?;
    name(&first[..at])
}

/// A part's prose as it is read: paragraphs, then sections.
#[derive(Default)]
struct Part {
    body: DraftBody,
    standalone: Vec<usize>,
}

/// Recognises a whole report.
pub fn report(kind: Kind, doc: &Doc, hints: &Hints) -> Result<Imported, ImportError> {
    let mut unplaced: Vec<String> = doc.skipped.clone();
    let mut edits = Vec::new();
    // Paragraphs (numbered from 1) and tables (numbered from 1), with the part they stand in.
    let mut paras: Vec<(usize, String, Option<usize>)> = Vec::new();
    let mut tables: Vec<(usize, &Grid, Option<usize>)> = Vec::new();
    let mut part: Option<usize> = None;
    let mut headings = 0;
    let mut heading_at = [None; 6];
    for block in &doc.blocks {
        match block {
            Block::Paragraph(text) => {
                let n = paras.len() + 1;
                if let Some(p) = heading(text, part) {
                    part = Some(p);
                    headings += 1;
                    heading_at[p] = Some(n);
                    paras.push((n, String::new(), Some(p)));
                    continue;
                }
                // The heading again, as a table's caption (web pages, documents made from them).
                if part.is_some() && heading(text, part.and_then(|p| p.checked_sub(1))) == part {
                    paras.push((n, String::new(), part));
                    continue;
                }
                paras.push((n, text.clone(), part));
            }
            Block::Table(grid) => tables.push((tables.len() + 1, grid, part)),
        }
    }
    let classified: Vec<(usize, &Grid, Option<TableId>)> = tables
        .iter()
        .map(|(n, g, _)| (*n, *g, place::classify(g)))
        .collect();
    if headings < 2 && classified.iter().all(|(_, _, id)| id.is_none()) {
        return Err(ImportError::no_report(
            "文件中没有可识别的政府信息公开工作年度报告：既没有“一、总体情况”等六部分标题，也没有统一格式的统计表",
            "确认导入的是上一年度的政府信息公开工作年度报告（Word 文档、网页或从网页复制的全文）",
        ));
    }

    // Title: the last title-like line before the first heading that names the year and a report.
    let first_heading = heading_at
        .iter()
        .flatten()
        .min()
        .copied()
        .unwrap_or(usize::MAX);
    let front: Vec<&(usize, String, Option<usize>)> = paras
        .iter()
        .filter(|(n, t, _)| *n < first_heading && !t.is_empty())
        .collect();
    let title_at = front.iter().rposition(|(_, t, _)| {
        let flat: String = t.lines().collect();
        is_title_line(&flat)
            && year_in(&flat).is_some()
            && (flat.contains("报告") || flat.contains("年报"))
    });
    let mut title_lines: Vec<String> = Vec::new();
    let mut preamble_from = 0;
    if let Some(at) = title_at {
        let t = &front[at].1;
        title_lines = t.lines().map(prose).filter(|l| !l.is_empty()).collect();
        // An agency line of its own above "2024年…报告".
        if title_lines.len() == 1
            && year_in(&title_lines[0]).is_some_and(|(i, _)| i == 0)
            && at > 0
            && front[at - 1].1.chars().count() <= 30
            && is_title_line(&front[at - 1].1)
        {
            title_lines.insert(0, prose(&front[at - 1].1));
            for (n, t, _) in &front[..at - 1] {
                unplaced.push(format!("第 {n} 段：标题之前的内容“{}”，未导入", short(t)));
            }
        } else {
            for (n, t, _) in &front[..at] {
                unplaced.push(format!("第 {n} 段：标题之前的内容“{}”，未导入", short(t)));
            }
        }
        preamble_from = at + 1;
    }
    let joined: String = title_lines.concat();
    let year_found = year_in(&joined).or_else(|| paras.iter().find_map(|(_, t, _)| year_in(t)));
    // The file's name, when it says the year ("兴安区2024年统计表.xlsx"): what precedes it is
    // the agency.
    let stem = hints.file_name.as_deref().map(|n| {
        std::path::Path::new(n)
            .file_stem()
            .map_or(n.to_string(), |s| s.to_string_lossy().into_owned())
    });
    let from_name = stem.as_deref().and_then(|n| {
        let (at, year) = year_in(n)?;
        Some((year, n[..at].trim().to_string()))
    });
    let year = match (hints.year, year_found, &from_name) {
        (Some(y), _, _) => y,
        (None, Some((_, y)), _) => y,
        (None, None, Some((y, _))) => {
            unplaced.push(format!(
                "文件中没有年度，按文件名“{}”取 {y} 年，请核对（或导入时加 --year 年度）",
                hints.file_name.as_deref().unwrap_or_default()
            ));
            *y
        }
        (None, None, None) => {
            return Err(ImportError::no_report(
                "找不到报告年度：标题和正文中都没有“20XX年”",
                "导入时用 --year 2024 指明年度（--agency 指明发布机关），或在文件名中写明，如“2024年统计表.xlsx”；报告的标题形如“某某区2024年政府信息公开工作年度报告”",
            ));
        }
    };
    let mut agency = match year_found {
        Some((year_pos, _)) if title_at.is_some() => title_agency(&joined[..year_pos]),
        _ => String::new(),
    };

    let mut preamble = Vec::new();
    for (n, t, _) in &front[preamble_from..] {
        if t.chars().count() < 80 && PAGE_WORDS.iter().any(|w| t.contains(w)) {
            unplaced.push(format!("第 {n} 段：网页信息“{}”，未导入", short(t)));
            continue;
        }
        preamble.extend(split_prose(t));
    }

    // The parts' prose.
    let mut parts: Vec<Part> = (0..6).map(|_| Part::default()).collect();
    // The title again above a later table (each sheet of `export-tables` carries it) is no prose.
    let title_text = title_at.map(|at| front[at].1.as_str());
    for (_, text, p) in &paras {
        let Some(p) = *p else { continue };
        if text.is_empty() || Some(text.as_str()) == title_text {
            continue;
        }
        let part = &mut parts[p];
        let sectioned = p == 0 || p == 4;
        match section_number(&prose(text)) {
            Some((k, rest)) if sectioned && k == part.body.sections.len() + 1 => {
                let rest = rest.to_string();
                let stop = rest.find(['。', '：', '！', '？']);
                match stop {
                    None if rest.chars().count() <= 40 => {
                        part.standalone.push(part.body.sections.len());
                        part.body.sections.push((rest, Vec::new()));
                    }
                    Some(at) => {
                        let end = at + rest[at..].chars().next().map_or(0, char::len_utf8);
                        let title = rest[..end].to_string();
                        let body = split_prose(&rest[end..]);
                        part.body.sections.push((title, body));
                    }
                    None => part.body.sections.push((rest, Vec::new())),
                }
            }
            _ => {
                let lines = split_prose(text);
                match part.body.sections.last_mut() {
                    Some((_, ps)) => ps.extend(lines),
                    None => part.body.paragraphs.extend(lines),
                }
            }
        }
    }

    // Signature and date: the last lines of part 六.
    let mut signature = None;
    let mut date = None;
    {
        let last = &mut parts[5].body.paragraphs;
        if let Some(d) = last.last().and_then(|t| date_line(t)) {
            date = Some(d);
            last.pop();
            if last.len() > 1
                && last
                    .last()
                    .is_some_and(|t| t.chars().count() <= 30 && is_title_line(t))
            {
                signature = last.pop();
            }
        } else if last.len() > 1 && last.last().is_some_and(|t| *t == agency) {
            signature = last.pop();
        }
    }
    // The agency as a reader finds it: said by the user, the title, the signature, the opening
    // sentence ("某某局根据《条例》……", "本报告由某某局编制"), the file's name; else asked for.
    let opening = preamble
        .first()
        .or_else(|| parts[0].body.paragraphs.first())
        .and_then(|p| agency_in_opening(p));
    let named = from_name.map(|(_, a)| a).filter(|a| !a.is_empty());
    if let Some(a) = &hints.agency {
        agency = a.trim().to_string();
    } else if agency.is_empty() {
        match (&signature, opening, named) {
            (Some(s), _, _) => agency = s.clone(),
            (None, Some(a), _) => {
                unplaced.push(format!(
                    "标题和落款中没有发布机关，按第一段取“{a}”，请核对 agency（或导入时加 --agency 机关名称）"
                ));
                agency = a;
            }
            (None, None, Some(a)) => {
                unplaced.push(format!(
                    "文件中没有发布机关，按文件名取“{a}”，请核对 agency（或导入时加 --agency 机关名称）"
                ));
                agency = a;
            }
            (None, None, None) => {
                agency = "（请填写发布机关）".into();
                unplaced.push(
                    "标题、第一段和落款中都找不到发布机关：agency 需要手工填写（或导入时加 --agency 机关名称）"
                        .into(),
                );
            }
        }
    }

    // Tables: format from part 二's labels, else from the year.
    let part2: Vec<&Grid> = classified
        .iter()
        .filter(|(_, _, id)| *id == Some(TableId::Part2))
        .map(|(_, g, _)| *g)
        .collect();
    let format = place::format_of(&part2).unwrap_or(if year < 2021 {
        Format::V2019
    } else {
        Format::V2021
    });
    let mut draft = Draft::zero(year, &agency, format);
    let placed = place_tables(&mut draft, &classified)?;
    unplaced.extend(placed.unplaced);
    edits.extend(placed.edits);

    // The title as the user wrote it: one line when the source's breaks are the ones the
    // renderers make anyway, left out when it is the default.
    let default_title = format!("{agency}{year}年政府信息公开工作年度报告");
    let automatic = crate::realize::title::break_title(&[joined.as_str()], year);
    let one_line = title_lines.len() <= 1 || title_lines == automatic;
    draft.title = match title_lines.len() {
        0 => None,
        _ if one_line && joined == default_title => None,
        _ if one_line => Some(joined.clone()),
        _ => Some(title_lines.join("\n")),
    };
    draft.signature = signature;
    draft.date = date;
    draft.preamble = preamble;
    for (p, key) in [(0, "part1"), (4, "part5")] {
        for &k in &parts[p].standalone {
            edits.push(Edit::After {
                table: format!("{key}.sections"),
                nth: k,
                key: "title".into(),
                line: "standalone = true".into(),
            });
        }
    }
    for (p, key) in [(1, "part2"), (2, "part3"), (3, "part4")] {
        let body = &parts[p].body;
        let mut ps = body.paragraphs.clone();
        for (t, rest) in &body.sections {
            ps.push(t.clone());
            ps.extend(rest.iter().cloned());
        }
        if !ps.is_empty() {
            edits.push(Edit::Append {
                table: key.into(),
                lines: vec![format!("text = {}", crate::write::multiline(&ps))],
            });
        }
    }
    let mut parts = parts.into_iter();
    draft.part1 = parts.next().map(|p| p.body).unwrap_or_default();
    let mut rest: Vec<Part> = parts.skip(3).collect();
    draft.part6 = rest.pop().map(|p| p.body).unwrap_or_default();
    draft.part5 = rest.pop().map(|p| p.body).unwrap_or_default();
    let prose_found = paras
        .iter()
        .any(|(_, t, p)| p.is_some() && !t.is_empty() && Some(t.as_str()) != title_text);
    if kind == Kind::Xlsx && !prose_found {
        // A spreadsheet of the tables alone: one note, not one per missing part.
        unplaced.push("电子表格中只有统计表：各部分正文为空，请补写（或用 import --into 只把数字写入已有的报告）".into());
    }
    for (i, h) in heading_at.iter().enumerate() {
        if h.is_none() && (kind != Kind::Xlsx || prose_found) {
            unplaced.push(format!(
                "没有找到标题“{}”，这一部分的正文为空",
                PART_HEADINGS[i]
            ));
        }
    }
    Ok(Imported {
        kind,
        draft,
        edits,
        unplaced,
    })
}

/// Only the tables of a source (for `--into`, and spreadsheets that hold nothing else).
pub fn tables_only(kind: Kind, doc: &Doc) -> Result<Imported, ImportError> {
    let classified: Vec<(usize, &Grid, Option<TableId>)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(g) => Some(g),
            Block::Paragraph(_) => None,
        })
        .enumerate()
        .map(|(n, g)| (n + 1, g, place::classify(g)))
        .collect();
    if classified.iter().all(|(_, _, id)| id.is_none()) {
        return Err(ImportError::no_report(
            "文件中没有统一格式的统计表（第二十条、申请人情况、行政复议行政诉讼三张表）",
            "确认表格的栏目名称与国家统一格式一致，可以先用 nianbao export-tables 导出一份作为模板",
        ));
    }
    let part2: Vec<&Grid> = classified
        .iter()
        .filter(|(_, _, id)| *id == Some(TableId::Part2))
        .map(|(_, g, _)| *g)
        .collect();
    let format = place::format_of(&part2).unwrap_or_default();
    let mut draft = Draft::zero(2000, "", format);
    let placed = place_tables(&mut draft, &classified)?;
    Ok(Imported {
        kind,
        draft,
        edits: placed.edits,
        unplaced: doc.skipped.iter().cloned().chain(placed.unplaced).collect(),
    })
}

fn place_tables(
    draft: &mut Draft,
    classified: &[(usize, &Grid, Option<TableId>)],
) -> Result<Placed, ImportError> {
    let mut placed = Placed::default();
    for (n, g, id) in classified {
        if id.is_none() {
            let first = g.texts().find(|c| !c.trim().is_empty());
            placed.unplaced.push(format!(
                "表格 {n}（“{}”）不是统一格式的统计表，未导入",
                first.unwrap_or("")
            ));
        }
    }
    for id in [TableId::Part2, TableId::Part3, TableId::Part4] {
        let sources: Vec<(usize, &Grid)> = classified
            .iter()
            .filter(|(_, _, t)| *t == Some(id))
            .map(|(n, g, _)| (*n, *g))
            .collect();
        if sources.is_empty() {
            let i = match id {
                TableId::Part2 => 1,
                TableId::Part3 => 2,
                TableId::Part4 => 3,
            };
            placed
                .missing
                .push(format!("{}：没有找到这张统计表", PART_HEADINGS[i]));
            continue;
        }
        place::place(draft, id, &sources, &mut placed);
    }
    if !placed.missing.is_empty() {
        return Err(ImportError::no_report(
            format!(
                "统计表不完整，无法导入：\n  {}",
                placed.missing.join("\n  ")
            ),
            "导入的表格要有统一格式的全部行；缺行的表格请先在原文件中补齐，或用 nianbao init 新建后手工填写",
        ));
    }
    Ok(placed)
}

/// A source paragraph as model paragraphs (a line break inside it starts a new one).
fn split_prose(text: &str) -> Vec<String> {
    text.lines().map(prose).filter(|p| !p.is_empty()).collect()
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        format!("{t}……")
    } else {
        t
    }
}
