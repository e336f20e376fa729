//! krilla's errors in Chinese, naming the font file where the fault is a font's; and the error
//! for a font krilla cannot read at all (its text would otherwise be missing from the PDF).

use std::path::Path;
use std::sync::Arc;

use krilla::configure::ValidationError;
use krilla::error::KrillaError;
use krilla::text::Font;

use crate::diag::{Code, Diagnostic};
use crate::fonts::Face;

const FONT_HINT: &str = "在报告的 [fonts] 中换用其他字体，或删除、替换这个字体文件";

/// A face whose text the PDF needs but that krilla cannot read.
pub fn unembeddable(path: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::Pdf,
        format!(
            "字体文件 {} 无法嵌入 PDF（文件已损坏或格式不受支持）",
            path.display()
        ),
    )
    .file(path)
    .hint(FONT_HINT)
}

/// A krilla export error as a diagnostic; `faces` name the font files.
pub fn from_krilla(e: &KrillaError, faces: &[Arc<Face>]) -> Diagnostic {
    let face = |font: &Font| faces.iter().find(|f| f.pdf_font() == Some(font));
    let name = |font: &Font| {
        face(font).map_or_else(
            || "（未知）".to_string(),
            |f| f.path().display().to_string(),
        )
    };
    match e {
        KrillaError::Font(font, _) => {
            let d = Diagnostic::error(
                Code::Pdf,
                format!(
                    "无法把字体 {} 嵌入 PDF（字体文件已损坏或格式不受支持）",
                    name(font)
                ),
            )
            .hint(FONT_HINT);
            match face(font) {
                Some(f) => d.file(f.path()),
                None => d,
            }
        }
        KrillaError::Validation(errors) => {
            let mut reasons: Vec<String> = errors
                .iter()
                .map(|(v, _)| validation_reason(v, &name))
                .collect();
            reasons.dedup();
            let hint = if errors
                .iter()
                .any(|(v, _)| matches!(v, ValidationError::RestrictedLicense(_)))
            {
                FONT_HINT
            } else {
                "不加 --pdfa 可以生成普通 PDF；或按上面的原因修改报告"
            };
            Diagnostic::error(
                Code::Pdf,
                format!("生成的 PDF 不符合 PDF/A-2b 的要求：{}", reasons.join("；")),
            )
            .hint(hint)
        }
        KrillaError::Limit(_) => Diagnostic::error(
            Code::Pdf,
            "报告超出了 PDF 格式的限制（某段文字或某个表格过长）",
        )
        .hint("把过长的段落分成几段"),
        _ => internal("PDF 结构有误"),
    }
}

/// A fault of nianbao itself (never the user's input).
pub fn internal(reason: &str) -> Diagnostic {
    Diagnostic::error(Code::Pdf, format!("无法生成 PDF：{reason}"))
        .hint("这是 nianbao 的问题，请把报告文件和这条信息发给开发者")
}

fn validation_reason(v: &ValidationError, name: &dyn Fn(&Font) -> String) -> String {
    use ValidationError as V;
    match v {
        V::TooLongString
        | V::TooLongName
        | V::TooLongArray
        | V::TooLongDictionary
        | V::TooLargeFloat
        | V::TooManyIndirectObjects
        | V::TooHighQNestingLevel => "超出了 PDF/A 的大小限制".into(),
        V::ContainsNotDefGlyph(font, _, text) => {
            format!("字体 {} 缺少“{text}”的字形", name(font))
        }
        V::NoCodepointMapping(font, ..) | V::InvalidCodepointMapping(font, ..) => {
            format!("字体 {} 有字形无法对应到文字", name(font))
        }
        V::UnicodePrivateArea(font, _, c, _) => {
            format!(
                "字体 {} 中的字符 U+{:04X} 属于私用区",
                name(font),
                *c as u32
            )
        }
        V::RestrictedLicense(font) => format!("字体 {} 的授权不允许嵌入", name(font)),
        V::NoDocumentLanguage => "缺少文档语言".into(),
        V::NoDocumentTitle => "缺少文档标题".into(),
        V::MissingDocumentDate => "缺少创建日期".into(),
        _ => "含有 PDF/A 不允许的内容".into(),
    }
}
