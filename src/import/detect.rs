//! Which kind of file an imported source is, decided by its content (not its extension).

use super::ImportError;

/// The source formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Html,
    Text,
    Xlsx,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Docx => "Word 文档（DOCX）",
            Kind::Html => "网页（HTML）",
            Kind::Text => "文本",
            Kind::Xlsx => "电子表格（XLSX）",
        }
    }
}

/// Looks at the bytes: a ZIP holding word/document.xml or xl/workbook.xml, markup, or text (not
/// empty).
pub fn detect(bytes: &[u8]) -> Result<Kind, ImportError> {
    if bytes.starts_with(b"PK") {
        let names = zip_names(bytes)?;
        if names.iter().any(|n| n == "word/document.xml") {
            return Ok(Kind::Docx);
        }
        if names.iter().any(|n| n == "xl/workbook.xml") {
            return Ok(Kind::Xlsx);
        }
        return Err(ImportError::unreadable(
            "这是一个压缩包（ZIP），但不是 Word 文档（DOCX）或电子表格（XLSX）",
            "导入上一年度报告的 .docx、网页 .html、复制的 .txt 文本或 .xlsx 表格",
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::unreadable(
            "这是旧版 Word/Excel 文件（.doc/.xls），无法直接读取",
            "用 Word 或 WPS 打开后“另存为” .docx（或 .xlsx），再导入",
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(ImportError::unreadable(
            "这是 PDF 文件，无法从中导入报告",
            "导入报告的 Word 版本（.docx）或网页版本；也可以从网页复制全文保存为 .txt 后导入",
        ));
    }
    // UTF-16 (a page saved as "Unicode" on Windows) is looked at as the text it is.
    let utf16 = encoding_rs::Encoding::for_bom(bytes)
        .filter(|(e, _)| *e != encoding_rs::UTF_8)
        .map(|(e, bom)| e.decode_without_bom_handling(&bytes[bom..]).0.into_owned());
    let bytes = utf16.as_deref().map_or(bytes, str::as_bytes);
    let head = &bytes[..bytes.len().min(4096)];
    let blank = |b: &u8| b.is_ascii_whitespace();
    if bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .all(blank)
    {
        return Err(ImportError::no_report(
            "文件是空的，没有可识别的政府信息公开工作年度报告",
            "导入上一年度报告的 .docx、网页 .html、复制的 .txt 文本或 .xlsx 表格",
        ));
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if contains(b"mime-version:") && contains(b"multipart/related") {
        return Err(ImportError::unreadable(
            "这是“单个文件网页”（.mht/.mhtml），无法直接读取",
            "在浏览器中打开后“另存为”网页（.html），或在 Word 中另存为 .docx，再导入",
        ));
    }
    // Markup: a page's opening tags, or a fragment of one (a report pasted from a site's editor:
    // its tags are closed somewhere, which text that merely mentions "<p>" is not).
    let tag = |name: &[u8]| contains(&[b"<", name].concat());
    let page = [&b"html"[..], b"!doctype html", b"body", b"head", b"meta"];
    let fragment = [&b"table"[..], b"div", b"p>", b"p "];
    if page.iter().any(|n| tag(n)) || fragment.iter().any(|n| tag(n)) && contains(b"</") {
        return Ok(Kind::Html);
    }
    if head.contains(&0) {
        return Err(ImportError::unreadable(
            "无法识别的文件格式（既不是 Word 文档、网页、文本，也不是电子表格）",
            "导入上一年度报告的 .docx、网页 .html、复制的 .txt 文本或 .xlsx 表格",
        ));
    }
    Ok(Kind::Text)
}

/// The names of a ZIP's entries; a damaged archive is an error.
fn zip_names(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        ImportError::unreadable(
            format!("文件已损坏或不完整，无法作为压缩包打开（{e}）"),
            "重新下载或从原处复制该文件；在 Word/WPS 中能打开的话，另存一份后再导入",
        )
    })?;
    Ok(archive
        .file_names()
        .flatten()
        .map(|n| n.to_string())
        .collect())
}
