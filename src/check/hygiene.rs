//! Text hygiene: a line of a text that looks like TOML (`# …`, `[part2]`, `[[part1.sections]]`,
//! `key = …`) is almost always a missing closing `"""`: the file's next lines were swallowed into
//! the text and would be printed.

use crate::diag::{Code, Diagnostic};
use crate::model::Report;

use super::prose::{locate, paragraphs};

/// Whether a paragraph (a trimmed line of a text) looks like a line of TOML: a comment, or a
/// line the TOML parser reads as a table header or a key with its value.
pub fn looks_like_toml(line: &str) -> bool {
    line.starts_with('#')
        || ((line.starts_with('[') || line.contains('='))
            && toml::de::DeTable::parse(line)
                .is_ok_and(|t| !t.get_ref().is_empty() || line.starts_with('[')))
}

pub fn toml_in_text(report: &Report, out: &mut Vec<Diagnostic>) {
    let paras = paragraphs(report);
    let mut done_spans = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if !looks_like_toml(&p.text.text) || done_spans.contains(&p.text.span) {
            continue;
        }
        done_spans.push(p.text.span.clone());
        let more = paras[i + 1..]
            .iter()
            .filter(|q| q.text.span == p.text.span && looks_like_toml(&q.text.text))
            .count();
        let also = if more > 0 {
            format!("（其后还有 {more} 行）")
        } else {
            String::new()
        };
        let mut d = Diagnostic::error(
            Code::TomlInText,
            format!("正文中有一行像是 TOML 而不是文字：“{}”{also}", p.text.text),
        )
        .hint("上方的多行文字可能缺少结尾的 \"\"\"，使文件后面的内容被当成了正文（会印进报告）；在正文结束处补上 \"\"\"，或删去这一行");
        if let Some(span) = locate(report, p.text, 0..p.text.text.len()) {
            d = d.at(report.source(), span);
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::looks_like_toml;

    #[test]
    fn toml_lines_and_prose() {
        for l in [
            "# [[part1.sections]]",
            "# title = \"主动公开情况。\"",
            "[part2]",
            "[[part1.sections]]",
            "[part3.denied]    # （三）不予公开",
            "title = \"依申请公开情况。\"",
            "normative_documents = [4, 2, 14]",
        ] {
            assert!(looks_like_toml(l), "{l}");
        }
        for l in [
            "全年新收政府信息公开申请78件。",
            "[2024]12号文件已公开。",
            "（一）主动公开情况。",
            "PM2.5 = 35微克/立方米的天数为300天。",
            "a = b 是正文里的公式。",
        ] {
            assert!(!looks_like_toml(l), "{l}");
        }
    }
}
