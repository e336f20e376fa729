//! DOCX → neutral form: body paragraphs (runs joined, fields as shown, tracked deletions dropped,
//! insertions kept, automatic numbering written out) and tables with gridSpan/vMerge resolved
//! (and gridBefore/gridAfter, the grid columns a row leaves out at its start or end);
//! text boxes are skipped with a note.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};

use super::{Block, Doc, Grid, GridCell, ImportError};
use crate::tables::labels::chinese_number;

/// Larger parts than this are not a report (a report's document.xml is well under 1 MB).
const MAX_PART: u64 = 64 << 20;

pub fn read(bytes: &[u8]) -> Result<Doc, ImportError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(damaged)?;
    let document = part(&mut zip, "word/document.xml")?.ok_or_else(|| {
        ImportError::unreadable(
            "DOCX 中缺少正文（word/document.xml）",
            "用 Word 或 WPS 打开后另存一份再导入",
        )
    })?;
    let numbering = part(&mut zip, "word/numbering.xml")?
        .map(|x| Numbering::parse(&x))
        .unwrap_or_default();
    body(&document, numbering)
}

fn damaged(e: impl std::fmt::Display) -> ImportError {
    ImportError::unreadable(
        format!("Word 文档已损坏或不完整（{e}）"),
        "重新下载或复制该文件；在 Word/WPS 中能打开的话，另存一份后再导入",
    )
}

pub(super) fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ImportError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(e)),
    };
    let mut text = String::new();
    file.take(MAX_PART)
        .read_to_string(&mut text)
        .map_err(damaged)?;
    Ok(Some(text))
}

/// A gridBefore/gridAfter's count of grid columns (at most 64, as gridSpan).
fn grid_skip(e: &BytesStart) -> usize {
    attr(e, "val")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0)
        .min(64)
}

pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        let local = key.rsplit(':').next().unwrap_or(key);
        (local == name).then(|| a.value.to_string())
    })
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix('x') {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Automatic numbering: each list's level formats, and the counters as paragraphs use them.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, ilvl) → (numFmt, lvlText, start).
    levels: HashMap<(String, u32), (String, String, u32)>,
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let (mut abs, mut num, mut lvl) = (String::new(), String::new(), None::<u32>);
        let mut cur = (String::from("decimal"), String::new(), 1u32);
        loop {
            let ev = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abs = attr(&e, "abstractNumId").unwrap_or_default(),
                    "num" => num = attr(&e, "numId").unwrap_or_default(),
                    "abstractNumId" => {
                        n.nums
                            .insert(num.clone(), attr(&e, "val").unwrap_or_default());
                    }
                    "lvl" => {
                        lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok());
                        cur = (String::from("decimal"), String::new(), 1);
                    }
                    "numFmt" if lvl.is_some() => cur.0 = attr(&e, "val").unwrap_or_default(),
                    "lvlText" if lvl.is_some() => cur.1 = attr(&e, "val").unwrap_or_default(),
                    "start" if lvl.is_some() => {
                        cur.2 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1)
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "lvl" => {
                    if let Some(l) = lvl.take() {
                        n.levels.insert((abs.clone(), l), cur.clone());
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// The text Word shows before a numbered paragraph ("一、", "（二）", "3."), counting on.
    fn label(&mut self, num_id: &str, ilvl: u32) -> String {
        let Some(abs) = self.nums.get(num_id).cloned() else {
            return String::new();
        };
        let counters = self.counters.entry(num_id.to_string()).or_default();
        let level = ilvl as usize;
        if counters.len() <= level {
            counters.resize(level + 1, 0);
        }
        counters[level] += 1;
        counters.truncate(level + 1);
        let counters = counters.clone();
        let Some((_, text, _)) = self.levels.get(&(abs.clone(), ilvl)).cloned() else {
            return String::new();
        };
        let mut out = text;
        for (l, count) in counters.iter().enumerate() {
            let (fmt, _, start) = self
                .levels
                .get(&(abs.clone(), l as u32))
                .cloned()
                .unwrap_or_default();
            let n = (*count + start.max(1) - 1) as usize;
            let shown = match fmt.as_str() {
                "chineseCounting"
                | "chineseCountingThousand"
                | "chineseLegalSimplified"
                | "ideographTraditional"
                | "japaneseCounting" => chinese_number(n),
                "none" | "bullet" => String::new(),
                _ => n.to_string(),
            };
            out = out.replace(&format!("%{}", l + 1), &shown);
        }
        out
    }
}

/// Where the reader is inside the body.
#[derive(Default)]
struct State {
    /// Open tables: rows so far, the current row's cells, the current cell's text, merge flags.
    tables: Vec<TableState>,
    para: String,
    in_para: bool,
    /// Inside w:t (text is taken only there).
    in_text: bool,
    /// Depth inside an ignored subtree (text boxes, deleted text, field instructions).
    skip: usize,
    num: Option<(String, u32)>,
}

#[derive(Default)]
struct TableState {
    grid: Grid,
    row: Vec<GridCell>,
    cell: String,
    continues: bool,
    /// The current cell's gridSpan and the grid column it starts at.
    span: usize,
    col: usize,
    /// Per grid column, the cell (row, index) a vMerge continuation extends downwards.
    anchors: HashMap<usize, (usize, usize)>,
    /// Grid columns the current row leaves out after its last cell (gridAfter).
    after: usize,
}

fn body(xml: &str, mut numbering: Numbering) -> Result<Doc, ImportError> {
    let mut doc = Doc::default();
    let mut st = State::default();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut text_boxes = 0;
    loop {
        let ev = reader.read_event().map_err(|e| {
            ImportError::unreadable(
                format!(
                    "Word 文档的正文不是完整的 XML（第 {} 字节附近：{e}）",
                    reader.error_position()
                ),
                "文件可能被截断；用 Word 或 WPS 打开后另存一份再导入",
            )
        })?;
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                if st.skip > 0 {
                    st.skip += 1;
                    continue;
                }
                match name.as_ref() {
                    "txbxContent" => {
                        text_boxes += 1;
                        st.skip = 1;
                    }
                    "del" | "instrText" | "delText" | "Fallback" => st.skip = 1,
                    "tbl" => st.tables.push(TableState::default()),
                    "tr" => {
                        if let Some(t) = st.tables.last_mut() {
                            t.col = 0;
                            t.after = 0;
                        }
                    }
                    "tc" => {
                        if let Some(t) = st.tables.last_mut() {
                            t.cell.clear();
                            t.continues = false;
                            t.span = 1;
                        }
                    }
                    "p" => {
                        st.in_para = true;
                        st.para.clear();
                        st.num = None;
                    }
                    "t" => st.in_text = true,
                    "numPr" => st.num = Some((String::new(), 0)),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if st.skip > 0 {
                    continue;
                }
                match e.local_name().as_ref() {
                    "tab" if st.in_para => st.para.push(' '),
                    "br" | "cr" if st.in_para => st.para.push('\n'),
                    "gridBefore" => {
                        if let Some(t) = st.tables.last_mut() {
                            let n = grid_skip(&e);
                            if n > 0 {
                                t.row.push(GridCell::spanning("", 1, n));
                                t.col += n;
                            }
                        }
                    }
                    // (It stands in the row's properties, before the cells: kept for the end.)
                    "gridAfter" => {
                        if let Some(t) = st.tables.last_mut() {
                            t.after = grid_skip(&e);
                        }
                    }
                    "gridSpan" => {
                        if let Some(t) = st.tables.last_mut() {
                            t.span = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    "vMerge" => {
                        let restart = attr(&e, "val").is_some_and(|v| v == "restart");
                        if let Some(t) = st.tables.last_mut() {
                            t.continues = !restart;
                        }
                    }
                    "ilvl" => {
                        if let Some(n) = &mut st.num {
                            n.1 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                        }
                    }
                    "numId" => {
                        if let Some(n) = &mut st.num {
                            n.0 = attr(&e, "val").unwrap_or_default();
                        }
                    }
                    "sym" => {
                        if let Some(c) = attr(&e, "char")
                            .and_then(|h| u32::from_str_radix(&h, 16).ok())
                            .and_then(char::from_u32)
                        {
                            st.para.push(c);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                if st.skip > 0 {
                    st.skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => st.in_text = false,
                    "p" => {
                        st.in_para = false;
                        let mut text = std::mem::take(&mut st.para);
                        if let Some((id, lvl)) = st.num.take()
                            && !id.is_empty()
                            && id != "0"
                        {
                            text.insert_str(0, &numbering.label(&id, lvl));
                        }
                        match st.tables.last_mut() {
                            Some(t) => {
                                if !t.cell.is_empty() {
                                    t.cell.push('\n');
                                }
                                t.cell.push_str(&text);
                            }
                            None if !text.trim().is_empty() => {
                                doc.blocks.push(Block::Paragraph(text.trim().to_string()))
                            }
                            None => {}
                        }
                    }
                    "tc" => {
                        if let Some(t) = st.tables.last_mut() {
                            let cell = std::mem::take(&mut t.cell);
                            let span = t.span.clamp(1, 64);
                            let above = t.anchors.get(&t.col).copied();
                            match above {
                                // A continuation: the cell above covers one more row.
                                Some((r, i)) if t.continues => t.grid.rows[r][i].rowspan += 1,
                                _ => {
                                    t.anchors.insert(t.col, (t.grid.rows.len(), t.row.len()));
                                    t.row.push(GridCell::spanning(cell.trim(), 1, span));
                                }
                            }
                            t.col += span;
                        }
                    }
                    "tr" => {
                        if let Some(t) = st.tables.last_mut() {
                            if t.after > 0 {
                                t.row.push(GridCell::spanning("", 1, t.after));
                            }
                            // Kept even when empty (all continuations): rowspans count it.
                            let row = std::mem::take(&mut t.row);
                            t.grid.rows.push(row);
                        }
                    }
                    "tbl" => {
                        if let Some(t) = st.tables.pop() {
                            match st.tables.last_mut() {
                                // A table inside a cell: its text joins the cell.
                                Some(outer) => {
                                    let inner: Vec<String> =
                                        t.grid.rows.into_iter().flatten().map(|c| c.text).collect();
                                    outer.cell.push_str(&inner.join("\n"));
                                }
                                None => doc.blocks.push(Block::Table(t.grid)),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if st.skip == 0 && st.in_text => {
                st.para.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if st.skip == 0 && st.in_text => {
                if let Some(c) = entity(&r.xml10_content()) {
                    st.para.push(c);
                }
            }
            _ => {}
        }
    }
    if text_boxes > 0 {
        doc.skipped.push(format!(
            "文档中有 {text_boxes} 个文本框，其中的文字未导入（报告正文不应放在文本框里）"
        ));
    }
    Ok(doc)
}
