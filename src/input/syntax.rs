//! TOML syntax errors, told in Chinese with a hint for the mistakes office staff actually make.

use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::source::Source;

/// Chinese wording and hint for the parser's messages (matched on the message's start).
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "invalid date",
        "日期无效",
        "按 年-月-日 填写真实存在的日期，例如 2025-01-20",
    ),
    (
        "duplicate key",
        "同一个键写了两次",
        "删除重复的一行，或检查是否把两个表头写成了同一个",
    ),
    (
        "string values must be quoted",
        "文字没有加引号",
        "文字要用英文双引号括起，例如 agency = \"某某区人民政府\"",
    ),
    (
        "missing comma between array elements",
        "数组的两个数之间缺少逗号",
        "用英文逗号分隔，例如 [0, 0, 0]",
    ),
    (
        "extra comma in array",
        "数组里多了一个逗号",
        "删除多余的逗号",
    ),
    ("unclosed array", "数组缺少右方括号 ]", "在数组末尾补上 ]"),
    (
        "unclosed table",
        "表头缺少右方括号 ]",
        "表头写成 [part2] 这样的形式",
    ),
    ("unclosed inline table", "行内表缺少右花括号 }", "补上 }"),
    (
        "invalid basic string",
        "文字缺少结尾的引号，或含有无效的转义",
        "检查这一行的引号是否成对；文字中的 \\ 要写成 \\\\",
    ),
    (
        "invalid multi-line basic string",
        "多行文字缺少结尾的 \"\"\"",
        "在文字末尾补上 \"\"\"",
    ),
    (
        "missing assignment between key-value pairs",
        "键后面缺少等号",
        "写成 键 = 值",
    ),
    (
        "missing value",
        "等号后面缺少值",
        "没有的数填 0，没有的文字填 \"\"",
    ),
    ("key with no value", "键后面缺少等号和值", "写成 键 = 值"),
    (
        "invalid unquoted key",
        "键名含有不允许的字符",
        "键名只用英文字母、数字、下划线；中文说明请写在 # 注释里",
    ),
    (
        "unexpected leading zero",
        "数字不能以 0 开头",
        "去掉前面的 0",
    ),
    (
        "invalid value",
        "无法识别的值",
        "数字直接写（如 12），文字加英文双引号（如 \"无。\"）",
    ),
    (
        "unexpected content",
        "这一行多出了内容",
        "每行只写一个 键 = 值；说明文字前加 #",
    ),
    (
        "unexpected key or value",
        "无法识别的内容",
        "检查这一行是否缺少 = 或引号",
    ),
    (
        "invalid comment character",
        "注释中有不允许的控制字符",
        "删除这个不可见字符",
    ),
    (
        "`_` may only go between digits",
        "数字中的下划线位置不对",
        "去掉下划线",
    ),
    (
        "unexpected sign",
        "这里不能有正负号",
        "件数填不小于 0 的整数",
    ),
];

/// Turns one parser error into a diagnostic at its span.
pub fn diagnostic(source: &Arc<Source>, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let bad = source.text().get(span.clone()).unwrap_or("");
    // "[0, 0 2]": the parser reads `0 2` as one unquoted value; the real mistake is the comma.
    let looks_numeric = bad.contains(char::is_whitespace)
        && bad
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || ".-+".contains(c));
    let message = if looks_numeric {
        "missing comma between array elements"
    } else {
        e.message()
    };
    let (text, hint) = KNOWN
        .iter()
        .find(|(en, _, _)| message.starts_with(en))
        .map(|(_, zh, hint)| (format!("TOML 语法错误：{zh}"), (*hint).to_string()))
        .unwrap_or_else(|| {
            (
                format!("TOML 语法错误（{}）", message.trim()),
                "对照 nianbao init 生成的模板检查这一行的写法".to_string(),
            )
        });
    Diagnostic::error("syntax", text)
        .at(source, span)
        .hint(hint)
}
