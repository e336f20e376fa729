//! Web pages as government sites publish them → neutral form. The page is decoded from the charset
//! its BOM or `<meta>` declares, parsed as a browser parses it (html5ever, through scraper), and the
//! report found in it: the smallest element holding its title, part headings and statistics
//! tables; navigation, header, footer and "打印本页" furniture around it are left out (and counted).
//! Table cells are anchored at their top-left slot, as the DOCX reader gives them.

use std::collections::HashSet;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, GB18030, UTF_8};
use scraper::node::Element;
use scraper::{Html, Node};

use super::normalize::section_number;
use super::place::classify;
use super::recognise::{date_line, heading, is_title_line, year_in};
use super::{Block, Doc, Grid, GridCell, ImportError};

/// Elements that never hold a report's text: not walked.
const SKIPPED: [&str; 19] = [
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "select", "button", "input", "textarea", "audio", "video", "map", "del",
];

/// Elements that end a paragraph; every other element is inline (`<span>`, `<font>`, `<strong>`).
const BLOCKS: [&str; 44] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements of page furniture: left out unless they hold part of the report.
const FURNITURE_TAGS: [&str; 5] = ["nav", "aside", "menu", "header", "footer"];
/// Class or id words (at either end of a class name) of page furniture, as site templates name it.
const FURNITURE_WORDS: [&str; 10] = [
    "nav",
    "menu",
    "crumb",
    "footer",
    "share",
    "sidebar",
    "toolbar",
    "location",
    "copyright",
    "bottom",
];
/// Whole class names or ids of page furniture.
const FURNITURE_NAMES: [&str; 6] = ["head", "header", "foot", "top", "side", "links"];

/// A line made only of these (and spaces) is page furniture: "【打印本页】【关闭窗口】", "字号：大 中 小".
const FURNITURE_LINE_WORDS: [&str; 23] = [
    "打印本页",
    "打印此页",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "返回顶部",
    "返回",
    "收藏本页",
    "收藏",
    "保存",
    "字号",
    "默认",
    "大",
    "中",
    "小",
    "分享",
    "【",
    "】",
    "[",
    "]",
    "：",
    ":",
];
/// Lines starting with these are page furniture: breadcrumbs, links to other articles.
const FURNITURE_STARTS: [&str; 12] = [
    "当前位置",
    "您的位置",
    "您现在的位置",
    "您当前的位置",
    "所在位置",
    "上一篇",
    "下一篇",
    "分享到",
    "扫一扫",
    "相关链接",
    "相关阅读",
    "相关文章",
];

/// Deeper nesting than this is no web page (real ones stay under 100): html5ever's time grows with
/// the square of the depth (20 000 levels take seconds), so such input is refused before parsing.
const MAX_DEPTH: usize = 5000;

/// Elements whose end tag may be left out, or that have none: not counted for the depth.
const UNCOUNTED: [&str; 39] = [
    "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body", "br", "img", "meta",
    "link", "input", "hr", "col", "area", "base", "embed", "param", "source", "track", "wbr",
    "frame", "basefont", "bgsound", "keygen",
];

/// What only a site's footer says.
const FOOTER_MARKS: [&str; 10] = [
    "版权所有",
    "ICP备",
    "ICP证",
    "网站标识码",
    "公网安备",
    "技术支持：",
    "主办单位：",
    "承办单位：",
    "本网站由",
    "Copyright",
];

pub fn read(bytes: &[u8]) -> Result<Doc, ImportError> {
    let text = decode(bytes);
    if let Some(at) = too_deep(&text) {
        let line = text[..at].lines().count().max(1);
        let column = text[..at].lines().last().map_or(0, |l| l.chars().count()) + 1;
        return Err(ImportError::unreadable(
            format!(
                "网页的标签嵌套超过 {MAX_DEPTH} 层（第 {line} 行第 {column} 列），不是正常的网页"
            ),
            "在浏览器中打开该网页后“另存为”网页（.html）再导入，或复制全文保存为 .txt 后导入",
        ));
    }
    let page = Html::parse_document(&text);
    let pieces = Walker::new(&page).walk(&page);
    let mut doc = article(pieces, head_title(&page));
    if let Some(note) = truncated(&text) {
        // First: it explains whatever else is missing.
        doc.skipped.insert(0, note);
    }
    Ok(doc)
}

/// The page's text: a byte-order mark's encoding, else UTF-8 when the bytes are UTF-8 (a page saved
/// again as UTF-8 keeps its old `charset=gbk`; GBK text is practically never valid UTF-8), else the
/// charset its `<meta>` declares, else GB18030 (a superset of GBK and GB2312).
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let encoding = declared(bytes).filter(|e| *e != UTF_8).unwrap_or(GB18030);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset of a `<meta charset=…>` or `<meta http-equiv=… content="…; charset=…">` in the
/// page's first 4 KB (as the HTML standard's prescan; UTF-16 there means UTF-8).
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"<meta") {
        let start = from + at + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = tag[c + 7..].trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let label: Vec<u8> = rest
                    .trim_ascii_start()
                    .iter()
                    .skip_while(|&&b| b == b'"' || b == b'\'')
                    .take_while(|&&b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
                    .copied()
                    .collect();
                if let Some(e) = Encoding::for_label(&label) {
                    return Some(if e.is_ascii_compatible() { e } else { UTF_8 });
                }
            }
        }
        from = end;
    }
    None
}

/// Where the tags opened and not closed first exceed [`MAX_DEPTH`] (an upper bound of the tree's
/// depth, counted in one pass; the text of comments, scripts and styles is not looked at).
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let lower = |i: usize| b.get(i).map(u8::to_ascii_lowercase);
    let name_at = |i: usize| {
        let n = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b':' || **c == b'-')
            .count();
        text[i..i + n].to_ascii_lowercase()
    };
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(|&c| c == b'<') {
        i += at + 1;
        if b[i..].starts_with(b"!--") {
            i = find(&b[i..], b"-->").map_or(b.len(), |e| i + e + 3);
        } else if lower(i) == Some(b'/') {
            let name = name_at(i + 1);
            if !name.is_empty() && !UNCOUNTED.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if lower(i).is_some_and(|c| c.is_ascii_alphabetic()) {
            let name = name_at(i);
            let end = b[i..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(b.len(), |e| i + e);
            if matches!(
                name.as_str(),
                "script" | "style" | "textarea" | "title" | "xmp"
            ) {
                let close = format!("</{name}");
                let rest = text[end..].to_ascii_lowercase();
                i = rest.find(&close).map_or(b.len(), |e| end + e + close.len());
                continue;
            }
            if !UNCOUNTED.contains(&name.as_str()) && !b[..end].ends_with(b"/") {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i - 1);
                }
            }
            i = end;
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A page that opens `<html>` or `<body>` and closes neither was cut off: say where it ends.
fn truncated(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let opens = lower.contains("<html") || lower.contains("<body");
    let closes = lower.contains("</html") || lower.contains("</body");
    (opens && !closes).then(|| {
        let line = text.lines().count().max(1);
        let column = text.lines().last().map_or(0, |l| l.chars().count()) + 1;
        format!(
            "网页不完整：文件在第 {line} 行第 {column} 列结束，没有 </html>，可能没有下载或保存完整；请重新保存完整的网页后导入"
        )
    })
}

/// The page's `<title>` (in `<head>`, which the walk skips).
fn head_title(page: &Html) -> Option<String> {
    page.tree
        .root()
        .descendants()
        .find_map(|n| match n.value() {
            Node::Element(e) if e.name() == "title" => Some(
                n.descendants()
                    .filter_map(|t| t.value().as_text().map(|t| t.to_string()))
                    .collect(),
            ),
            _ => None,
        })
}

/// What the walk found: a paragraph (a table's caption is one) or a table, with where it lies.
struct Piece {
    content: Content,
    /// Serial numbers of the elements it lies in, outermost first.
    path: Vec<u32>,
    /// The furniture elements among them.
    furniture: Vec<u32>,
    /// All its text is inside links (a menu, a list of other articles).
    links_only: bool,
}

enum Content {
    Paragraph(String),
    Table(Grid),
}

impl Piece {
    fn text(&self) -> Option<&str> {
        match &self.content {
            Content::Paragraph(t) => Some(t),
            Content::Table(_) => None,
        }
    }

    /// A part heading or a statistics table: what marks the report in a page.
    fn is_key(&self) -> bool {
        match &self.content {
            Content::Paragraph(t) => heading(t, None).is_some(),
            Content::Table(g) => classify(g).is_some(),
        }
    }

    fn is_title(&self) -> bool {
        let Content::Paragraph(t) = &self.content else {
            return false;
        };
        let flat: String = t.lines().collect();
        !self.links_only
            && is_title_line(&flat)
            && year_in(&flat).is_some()
            && (flat.contains("报告") || flat.contains("年报"))
    }
}

/// A leaf table being read (one holding other tables is page layout: its cells are walked as
/// blocks).
struct TableState {
    node: NodeId,
    path: Vec<u32>,
    furniture: Vec<u32>,
    rows: Vec<Vec<GridCell>>,
    row: Vec<GridCell>,
    /// The text of the open cell or caption.
    cell: Option<String>,
    /// The open cell's rowspan and colspan.
    spans: (usize, usize),
    in_caption: bool,
    caption: Option<String>,
}

/// The paragraph being gathered.
#[derive(Default)]
struct Para {
    text: String,
    chars: usize,
    link_chars: usize,
    path: Vec<u32>,
    furniture: Vec<u32>,
}

struct Walker {
    /// Tables that hold other tables.
    layout: HashSet<NodeId>,
    path: Vec<u32>,
    serial: u32,
    furniture: Vec<u32>,
    /// The element whose subtree is being skipped.
    skip: Option<NodeId>,
    links: usize,
    pre: usize,
    /// A bold element that opened the paragraph (a run-in heading, maybe).
    lead: Option<NodeId>,
    para: Para,
    table: Option<TableState>,
    pieces: Vec<Piece>,
}

impl Walker {
    fn new(page: &Html) -> Walker {
        let mut layout = HashSet::new();
        let mut open: Vec<NodeId> = Vec::new();
        for edge in page.tree.root().traverse() {
            match edge {
                Edge::Open(n) if is(n.value(), "table") => {
                    if let Some(&outer) = open.last() {
                        layout.insert(outer);
                    }
                    open.push(n.id());
                }
                Edge::Close(n) if is(n.value(), "table") => {
                    open.pop();
                }
                _ => {}
            }
        }
        Walker {
            layout,
            path: Vec::new(),
            serial: 0,
            furniture: Vec::new(),
            skip: None,
            links: 0,
            pre: 0,
            lead: None,
            para: Para::default(),
            table: None,
            pieces: Vec::new(),
        }
    }

    /// Walks the tree without recursion (a page nested thousands deep cannot overflow the stack).
    fn walk(mut self, page: &Html) -> Vec<Piece> {
        for edge in page.tree.root().traverse() {
            match edge {
                Edge::Open(n) => {
                    if self.skip.is_some() {
                        continue;
                    }
                    match n.value() {
                        Node::Element(e) => self.open(n.id(), e),
                        Node::Text(t) => self.text(t),
                        _ => {}
                    }
                }
                Edge::Close(n) => {
                    if let Some(skip) = self.skip {
                        if skip == n.id() {
                            self.skip = None;
                        }
                        continue;
                    }
                    if let Node::Element(e) = n.value() {
                        self.close(n.id(), e);
                    }
                }
            }
        }
        self.flush();
        self.pieces
    }

    fn open(&mut self, id: NodeId, e: &Element) {
        let name = e.name();
        if SKIPPED.contains(&name) || hidden(e) {
            self.skip = Some(id);
            return;
        }
        self.serial += 1;
        self.path.push(self.serial);
        if is_furniture(e) {
            self.furniture.push(self.serial);
        }
        match name {
            "a" => self.links += 1,
            "pre" => self.pre += 1,
            _ => {}
        }
        if let Some(t) = &mut self.table {
            match name {
                "td" | "th" => {
                    t.cell = Some(String::new());
                    t.spans = (span(e, "rowspan"), span(e, "colspan"));
                }
                "caption" => {
                    t.in_caption = true;
                    t.cell = Some(String::new());
                }
                "br" => newline(t.cell.as_mut()),
                _ if BLOCKS.contains(&name) => newline(t.cell.as_mut()),
                _ => {}
            }
            return;
        }
        match name {
            "br" if !self.para.text.is_empty() => self.para.text.push('\n'),
            "table" if !self.layout.contains(&id) => {
                self.flush();
                self.table = Some(TableState {
                    node: id,
                    path: self.path.clone(),
                    furniture: self.furniture.clone(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    cell: None,
                    spans: (1, 1),
                    in_caption: false,
                    caption: None,
                });
            }
            _ if BLOCKS.contains(&name) => self.flush(),
            _ if self.lead.is_none() && bold(e) && self.para.text.trim().is_empty() => {
                self.lead = Some(id)
            }
            _ => {}
        }
    }

    fn close(&mut self, id: NodeId, e: &Element) {
        let name = e.name();
        if let Some(serial) = self.path.pop()
            && self.furniture.last() == Some(&serial)
        {
            self.furniture.pop();
        }
        match name {
            "a" => self.links = self.links.saturating_sub(1),
            "pre" => self.pre = self.pre.saturating_sub(1),
            _ => {}
        }
        if let Some(t) = &mut self.table {
            match name {
                "td" | "th" if !t.in_caption => {
                    if let Some(cell) = t.cell.take() {
                        let (rows, cols) = t.spans;
                        t.row.push(GridCell::spanning(cell_text(&cell), rows, cols));
                    }
                }
                // Kept even when empty (all its slots covered from above): rowspans count it.
                "tr" => t.rows.push(std::mem::take(&mut t.row)),
                "caption" => {
                    t.in_caption = false;
                    t.caption = t.cell.take().map(|c| cell_text(&c));
                }
                "table" if t.node == id => {
                    let t = self.table.take().expect("the open table");
                    self.push_table(t);
                }
                _ if BLOCKS.contains(&name) => newline(t.cell.as_mut()),
                _ => {}
            }
            return;
        }
        if self.lead == Some(id) {
            self.lead = None;
            // "<strong>（一）主动公开情况</strong>全年……": a run-in heading without its full stop
            // stands as its own line, or the recogniser would run the title into the sentence.
            let lead = self.para.text.trim();
            let numbered = section_number(lead).is_some() || heading(lead, None).is_some();
            if numbered && !lead.ends_with(['。', '：', ':', '.', '．', '！', '？', '；']) {
                self.flush();
            }
        }
        if BLOCKS.contains(&name) {
            self.flush();
        }
    }

    fn text(&mut self, text: &str) {
        let pre = self.pre > 0;
        if let Some(t) = &mut self.table {
            if let Some(cell) = &mut t.cell {
                push_collapsed(cell, text, pre);
            }
            return;
        }
        let n = push_collapsed(&mut self.para.text, text, pre);
        if self.para.chars == 0 && n > 0 {
            // Where its first visible character is (not the `&nbsp;` indent before it).
            self.para.path = self.path.clone();
            self.para.furniture = self.furniture.clone();
        }
        self.para.chars += n;
        if self.links > 0 {
            self.para.link_chars += n;
        }
    }

    /// Ends the paragraph being gathered.
    fn flush(&mut self) {
        let para = std::mem::take(&mut self.para);
        let text = para
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            content: Content::Paragraph(text),
            path: para.path,
            furniture: para.furniture,
            links_only: para.link_chars == para.chars,
        });
    }

    fn push_table(&mut self, t: TableState) {
        if let Some(caption) = t.caption.filter(|c| !c.is_empty()) {
            self.pieces.push(Piece {
                content: Content::Paragraph(caption),
                path: t.path.clone(),
                furniture: t.furniture.clone(),
                links_only: false,
            });
        }
        self.pieces.push(Piece {
            content: Content::Table(grid(t.rows)),
            path: t.path,
            furniture: t.furniture,
            links_only: false,
        });
    }
}

/// The table as the recogniser reads it: rows of the cells anchored in them with their spans, each
/// merged cell once in its top row — which is what HTML's source order already is.
fn grid(rows: Vec<Vec<GridCell>>) -> Grid {
    Grid { rows, origin: None }
}

/// A `rowspan`/`colspan` as browsers read it ("2", " 2 ", "2px"), within what a report's table can
/// have (as the DOCX reader's limit; 0 and garbage are 1).
fn span(e: &Element, name: &str) -> usize {
    let digits: String = e
        .attr(name)
        .unwrap_or("")
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(4)
        .collect();
    digits.parse().unwrap_or(1).clamp(1, 64)
}

fn is(node: &Node, name: &str) -> bool {
    matches!(node, Node::Element(e) if e.name() == name)
}

/// `hidden`, or an inline style that hides it: not shown, so not the report's.
fn hidden(e: &Element) -> bool {
    let style: String = e
        .attr("style")
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    e.attr("hidden").is_some()
        || style.contains("display:none")
        || style.contains("visibility:hidden")
}

fn bold(e: &Element) -> bool {
    let style = e.attr("style").unwrap_or("").to_ascii_lowercase();
    matches!(e.name(), "strong" | "b")
        || style.contains("font-weight") && (style.contains("bold") || style.contains("700"))
}

fn is_furniture(e: &Element) -> bool {
    if FURNITURE_TAGS.contains(&e.name()) {
        return true;
    }
    let class = e.attr("class").unwrap_or("");
    class
        .split_ascii_whitespace()
        .chain(e.attr("id"))
        .map(str::to_ascii_lowercase)
        .any(|n| {
            FURNITURE_NAMES.contains(&n.as_str())
                || FURNITURE_WORDS
                    .iter()
                    .any(|w| n.starts_with(w) || n.ends_with(w))
        })
}

/// Appends text as a browser shows it: runs of spaces, tabs and newlines as one space (`&nbsp;`
/// stays); inside `<pre>` as it is. Returns the number of visible characters added.
fn push_collapsed(buf: &mut String, text: &str, pre: bool) -> usize {
    let mut n = 0;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            if pre && c == '\n' {
                buf.push('\n');
            } else if !buf.is_empty() && !buf.ends_with([' ', '\n']) {
                buf.push(' ');
            }
        } else {
            buf.push(c);
            if !c.is_whitespace() {
                n += 1;
            }
        }
    }
    n
}

fn newline(cell: Option<&mut String>) {
    if let Some(c) = cell
        && !c.is_empty()
        && !c.ends_with('\n')
    {
        c.push('\n');
    }
}

/// A cell's text: its lines trimmed, empty lines dropped.
fn cell_text(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A site footer's line: "版权所有", "ICP备…", "网站标识码", "本网站由…主办".
fn footer_line(text: &str) -> bool {
    text.chars().count() <= 120 && FOOTER_MARKS.iter().any(|m| text.contains(m))
}

/// Whether a paragraph is page furniture: a breadcrumb, "【打印本页】【关闭窗口】", "字号：大 中 小".
fn furniture_line(text: &str) -> bool {
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if FURNITURE_STARTS.iter().any(|s| flat.starts_with(s)) {
        return true;
    }
    let mut rest = flat;
    for w in FURNITURE_LINE_WORDS {
        rest = rest.replace(w, "");
    }
    rest.is_empty()
}

/// The report in the page: the pieces inside the smallest element holding its title, headings and
/// tables, less page furniture, up to the date that ends part 六.
fn article(pieces: Vec<Piece>, head_title: Option<String>) -> Doc {
    let mut doc = Doc::default();
    let Some(first) = pieces.iter().position(Piece::is_key) else {
        // Nothing of a report: everything, so that the recogniser says what is missing.
        doc.blocks = pieces.into_iter().map(block).collect();
        return doc;
    };
    let title = pieces[..first].iter().rposition(Piece::is_title);
    let keys: Vec<&Piece> = pieces
        .iter()
        .enumerate()
        .filter(|(i, p)| p.is_key() || Some(*i) == title)
        .map(|(_, p)| p)
        .collect();
    let mut root: &[u32] = &keys[0].path;
    for k in &keys[1..] {
        let common = root.iter().zip(&k.path).take_while(|(a, b)| a == b).count();
        root = &root[..common];
    }
    if keys.iter().any(|k| k.path.len() == root.len()) {
        // One key is the root itself (a lone table): its parent holds the report.
        root = &root[..root.len().saturating_sub(1)];
    }
    let root = root.to_vec();
    let keyed: HashSet<u32> = keys.iter().flat_map(|k| k.path.iter().copied()).collect();
    // The report ends under part 六 with its date, or where the site's footer starts.
    let six = pieces
        .iter()
        .position(|p| p.text().is_some_and(|t| heading(t, Some(4)).is_some()));
    let end = six
        .and_then(|s| {
            pieces[s..]
                .iter()
                .enumerate()
                .find_map(|(k, p)| match p.text() {
                    Some(t) if date_line(t).is_some() => Some(s + k + 1),
                    Some(t) if footer_line(t) => Some(s + k),
                    _ => None,
                })
        })
        .unwrap_or(pieces.len());
    let mut dropped: Vec<String> = Vec::new();
    if title.is_none()
        && let Some(t) = head_title.as_deref().and_then(title_in_head)
    {
        doc.blocks.push(Block::Paragraph(t));
    }
    for (i, p) in pieces.into_iter().enumerate() {
        let key = p.is_key() || Some(i) == title;
        let keep = i < end
            && p.path.starts_with(&root)
            && p.furniture.iter().all(|f| keyed.contains(f))
            && (key || !p.links_only && !p.text().is_some_and(furniture_line));
        if !keep {
            if let Some(t) = p.text() {
                dropped.push(t.lines().next().unwrap_or("").to_string());
            }
            continue;
        }
        doc.blocks.push(block(p));
    }
    if !dropped.is_empty() {
        let shown: Vec<String> = dropped
            .iter()
            .take(3)
            .map(|t| format!("“{}”", t.chars().take(16).collect::<String>()))
            .collect();
        doc.skipped.push(format!(
            "网页中报告以外的 {} 段内容（导航、页眉页脚、“打印本页”等，如{}）未导入",
            dropped.len(),
            shown.join("")
        ));
    }
    doc
}

fn block(p: Piece) -> Block {
    match p.content {
        Content::Paragraph(t) => Block::Paragraph(t),
        Content::Table(g) => Block::Table(g),
    }
}

/// The report's title from a `<title>` such as "某某局2024年政府信息公开工作年度报告_某某市人民政府".
fn title_in_head(title: &str) -> Option<String> {
    title
        .split(['_', '|', '｜', '-', '—', '–'])
        .map(str::trim)
        .find(|t| is_title_line(t) && year_in(t).is_some() && t.contains("报告"))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<String> {
        read(html.as_bytes())
            .unwrap()
            .blocks
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(t) => t,
                // "text(rowspan×colspan) | …" a row, rows joined by " / ".
                Block::Table(g) => g
                    .rows
                    .iter()
                    .map(|r| {
                        let cells: Vec<String> = r
                            .iter()
                            .map(|c| format!("{}({}×{})", c.text, c.rowspan, c.colspan))
                            .collect();
                        cells.join(" | ")
                    })
                    .collect::<Vec<_>>()
                    .join(" / "),
            })
            .collect()
    }

    #[test]
    fn charset_from_bom_meta_or_content() {
        let text = "临江市2024年政府信息公开工作年度报告";
        let gbk = |head: &str| {
            let page = format!("<html><head>{head}</head><body><p>{text}</p></body></html>");
            encoding_rs::GBK.encode(&page).0.into_owned()
        };
        for head in [
            "<meta charset=\"gbk\">",
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GB2312\">",
            "<meta http-equiv=Content-Type content='text/html;charset=gb18030'>",
            // Undeclared, or declared wrongly as UTF-8: GB18030, as Chinese sites mean.
            "",
            "<meta charset=\"utf-8\">",
        ] {
            assert!(decode(&gbk(head)).contains(text), "{head}");
        }
        // A page saved again as UTF-8 that kept its old declaration.
        let resaved = format!("<meta charset=\"gbk\"><p>{text}</p>");
        assert!(decode(resaved.as_bytes()).contains(text));
        // UTF-16 with its byte-order mark ("Unicode" in Windows' save dialogs).
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(resaved.encode_utf16().flat_map(u16::to_le_bytes));
        assert!(decode(&utf16).contains(text));
        // A declaration is what tells GB18030 from other encodings (Big5 here).
        let big5 = encoding_rs::BIG5
            .encode("<meta charset=big5><p>政府資訊公開</p>")
            .0;
        assert!(decode(&big5).contains("政府資訊公開"));
        assert_eq!(declared(b"<meta charset=big5>"), Some(encoding_rs::BIG5));
        assert_eq!(declared(b"<meta charset=\"utf-16\">"), Some(UTF_8));
        assert_eq!(declared(b"<meta name=\"author\" content=\"x\">"), None);
    }

    #[test]
    fn paragraphs_cells_and_run_in_headings() {
        let got = blocks(
            "<div>（一）主动公开情况。全年主动公开<span style=\"color:red\">信息</span>120条。</div>\
             <p><strong>（二）依申请公开情况</strong>全年新收申请&nbsp;3&nbsp;件。</p>\
             <p><b>（三）平台建设情况。</b>完成改版。<br>第二段。</p>\
             <p style=\"display:none\">隐藏</p><script>document.write('脚本')</script>\
             <table><caption>表</caption><tr><td rowspan=\" 2 \">结果<br>维持</td><td colspan=0>&nbsp;</td></tr><tr><td><p>1,234</p></td></tr></table>",
        );
        assert_eq!(
            got,
            [
                "（一）主动公开情况。全年主动公开信息120条。",
                // A bold run-in heading without its full stop stands alone.
                "（二）依申请公开情况",
                "全年新收申请\u{a0}3\u{a0}件。",
                "（三）平台建设情况。完成改版。\n第二段。",
                "表",
                "结果\n维持(2×1) | (1×1) / 1,234(1×1)",
            ]
        );
    }

    #[test]
    fn layout_tables_are_walked_as_blocks() {
        let got = blocks(
            "<table><tr><td>一、总体情况</td></tr><tr><td><p>正文。</p>\
             <table><tr><td>行政许可</td><td>5</td></tr></table></td></tr>\
             <tr><td>二、主动公开政府信息情况</td></tr></table>",
        );
        assert_eq!(
            got,
            [
                "一、总体情况",
                "正文。",
                "行政许可(1×1) | 5(1×1)",
                "二、主动公开政府信息情况"
            ]
        );
    }

    #[test]
    fn the_report_is_found_in_the_page_and_its_furniture_left_out() {
        let doc = read(
            "<html><head><title>某某局2024年政府信息公开工作年度报告_某某市人民政府</title></head>\
             <body><ul class=\"menu\"><li><a href=\"/\">首页</a></li></ul>\
             <div id=\"article\"><p>一、总体情况</p><p>正文。</p>\
             <div class=\"share-box\">分享：<span>微信</span><span>微博</span></div>\
             <p><a href=\"/other.html\">相关新闻标题</a></p>\
             <p>二、主动公开政府信息情况</p><p>六、其他需要报告的事项</p><p>无。</p>\
             <p>2025年1月20日</p><p>浏览次数：123</p></div>\
             <div class=\"footer\">版权所有</div></body></html>"
                .as_bytes(),
        )
        .unwrap();
        let texts: Vec<&str> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(t) => t.as_str(),
                Block::Table(_) => "表格",
            })
            .collect();
        assert_eq!(
            texts,
            [
                // No title in the body: the page's <title>, less the site's name.
                "某某局2024年政府信息公开工作年度报告",
                "一、总体情况",
                "正文。",
                "二、主动公开政府信息情况",
                "六、其他需要报告的事项",
                "无。",
                "2025年1月20日",
            ]
        );
        assert_eq!(doc.skipped.len(), 1);
        for left_out in ["5 段", "首页", "分享：微信微博"] {
            assert!(doc.skipped[0].contains(left_out), "{}", doc.skipped[0]);
        }
    }

    #[test]
    fn furniture_lines_are_recognised() {
        for line in [
            "【打印本页】【关闭窗口】",
            "[打印] [关闭]",
            "字号：大 中 小",
            "当前位置：首页 > 政务公开",
            "上一篇：某某局2023年政府信息公开工作年度报告",
        ] {
            assert!(furniture_line(line), "{line}");
        }
        for line in ["无。", "本年度未收取信息处理费。", "2025年1月20日"] {
            assert!(!furniture_line(line), "{line}");
        }
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion_or_refused() {
        let nested = |depth: usize, tag: &str| {
            format!(
                "<style>p {{}}</style><!-- <div><div> -->{}<p>一、总体情况</p>{}",
                format!("<{tag}>").repeat(depth),
                format!("</{tag}>").repeat(depth)
            )
        };
        assert_eq!(blocks(&nested(MAX_DEPTH, "div")), ["一、总体情况"]);
        // Unclosed <p>, <td>, <li> and void elements do not count.
        assert_eq!(too_deep(&"<p><li><td><br>".repeat(MAX_DEPTH)), None);
        let refused = read(nested(MAX_DEPTH + 1, "span").as_bytes()).unwrap_err();
        assert!(refused.unreadable);
        assert!(
            refused.message.contains("第 1 行第 30039 列"),
            "{}",
            refused.message
        );
    }

    #[test]
    fn a_cut_off_page_is_noted_with_its_end() {
        let note = truncated("<html><body>\n<p>一、总体情况</p>\n<table><tr><td>行政");
        assert_eq!(
            note.as_deref(),
            Some(
                "网页不完整：文件在第 3 行第 18 列结束，没有 </html>，可能没有下载或保存完整；请重新保存完整的网页后导入"
            )
        );
        assert_eq!(truncated("<div><p>片段</p></div>"), None);
        assert_eq!(truncated("<html><body></body></html>"), None);
    }
}
