//! TOML syntax errors, told in Chinese with a hint for the mistakes office staff actually make.

use std::sync::Arc;

use crate::diag::{Code, Diagnostic};
use crate::source::Source;

/// Every description the TOML parser (toml_parser, toml, toml_datetime) gives, in Chinese, with a
/// hint for the mistakes office staff actually make. Matched whole, on the part of the parser's
/// message before “, expected …”; the “expected” part is translated by [`EXPECTED`].
const DESCRIPTIONS: &[(&str, &str, &str)] = &[
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
        "missing comma between key-value pairs",
        "行内表的两项之间缺少逗号",
        "用英文逗号分隔，例如 { text = \"无。\", standalone = true }",
    ),
    (
        "extra comma in array",
        "数组里多了一个逗号",
        "删除多余的逗号",
    ),
    (
        "extra comma in inline table",
        "行内表里多了一个逗号",
        "删除多余的逗号",
    ),
    ("unclosed array", "数组缺少右方括号 ]", "在数组末尾补上 ]"),
    (
        "unclosed array table",
        "数组表头缺少右方括号 ]]",
        "表头写成 [[part1.sections]] 这样的形式",
    ),
    (
        "unclosed table",
        "表头缺少右方括号 ]",
        "表头写成 [part2] 这样的形式",
    ),
    ("unclosed inline table", "行内表缺少右花括号 }", "补上 }"),
    (
        "missing array opening",
        "数组缺少左方括号 [",
        "数组写成 [0, 0, 0] 这样的形式",
    ),
    (
        "missing inline table opening",
        "行内表缺少左花括号 {",
        "行内表写成 { text = \"无。\" } 这样的形式",
    ),
    (
        "missing table open",
        "表头缺少左方括号 [",
        "表头写成 [part2] 这样的形式",
    ),
    (
        "missing opening quote",
        "文字缺少开头的引号",
        "文字要用英文双引号括起",
    ),
    (
        "invalid string",
        "文字缺少结尾的引号，或含有无效的转义",
        "检查这一行的引号是否成对；文字中的 \\ 要写成 \\\\",
    ),
    (
        "invalid basic string",
        "文字缺少结尾的引号，或含有无效的转义",
        "检查这一行的引号是否成对；文字中的 \\ 要写成 \\\\",
    ),
    (
        "invalid literal string",
        "单引号文字缺少结尾的单引号，或含有不允许的字符",
        "检查这一行的单引号是否成对；或改用英文双引号",
    ),
    (
        "invalid multi-line basic string",
        "多行文字缺少结尾的 \"\"\"，或含有无效的转义",
        "在文字末尾补上 \"\"\"；文字中的 \\ 要写成 \\\\",
    ),
    (
        "invalid multi-line literal string",
        "多行文字缺少结尾的 \'\'\'，或含有不允许的字符",
        "在文字末尾补上 \'\'\'",
    ),
    (
        "missing escaped value",
        "反斜杠 \\ 后面缺少转义字符",
        "文字中的 \\ 要写成 \\\\",
    ),
    (
        "too few unicode value digits",
        "\\u 转义的十六进制位数不够",
        "写成 \\u 加四位十六进制数，或直接写出这个字",
    ),
    (
        "missing assignment between key-value pairs",
        "键后面缺少等号",
        "写成 键 = 值",
    ),
    (
        "extra assignment between key-value pairs",
        "多了一个等号",
        "每行只写一个 键 = 值",
    ),
    ("extra `=`", "多了一个等号", "删除多余的 ="),
    (
        "unexpected `=` in array",
        "数组中不能有等号",
        "数组里只写值，例如 [0, 0, 0]",
    ),
    (
        "missing value",
        "等号后面缺少值",
        "没有的数填 0，没有的文字填 \"\"",
    ),
    (
        "missing value for key",
        "等号后面缺少值",
        "没有的数填 0，没有的文字填 \"\"",
    ),
    ("key with no value", "键后面缺少等号和值", "写成 键 = 值"),
    (
        "missing key for inline table element",
        "行内表中缺少键名",
        "行内表写成 { 键 = 值, 键 = 值 }",
    ),
    (
        "invalid inline table element",
        "行内表中有无法识别的内容",
        "行内表写成 { 键 = 值, 键 = 值 }",
    ),
    (
        "invalid key-value pair",
        "无法识别的 键 = 值",
        "写成 键 = 值；说明文字前加 #",
    ),
    ("invalid key", "键名无效", "键名只用英文字母、数字、下划线"),
    ("invalid table", "表头无效", "表头写成 [part2] 这样的形式"),
    (
        "invalid unquoted key",
        "键名含有不允许的字符",
        "键名只用英文字母、数字、下划线；中文说明请写在 # 注释里",
    ),
    (
        "unquoted keys cannot be empty",
        "键名是空的",
        "在等号前写上键名",
    ),
    (
        "keys cannot be multi-line basic strings",
        "键名不能用三引号",
        "键名只用英文字母、数字、下划线",
    ),
    (
        "keys cannot be multi-line literal strings",
        "键名不能用三引号",
        "键名只用英文字母、数字、下划线",
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
        "unexpected content between comment and newline",
        "注释后面有不允许的字符",
        "删除这个不可见字符",
    ),
    (
        "unexpected key or value",
        "无法识别的内容",
        "检查这一行是否缺少 = 或引号",
    ),
    ("missing comment start", "缺少注释符号 #", "说明文字前加 #"),
    (
        "invalid comment character",
        "注释中有不允许的控制字符",
        "删除这个不可见字符",
    ),
    (
        "carriage return must be followed by newline",
        "回车符后面缺少换行符（文件的换行方式有误）",
        "用记事本或 WPS 打开后“另存为”，或删除这个不可见字符",
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
    (
        "redundant numeric sign",
        "多写了一个正负号",
        "只留一个正负号",
    ),
    (
        "redundant integer number prefix",
        "数字前缀写了两次",
        "去掉多余的前缀",
    ),
    (
        "integers with a radix cannot be signed",
        "十六进制、八进制、二进制数前不能有正负号",
        "件数直接写十进制整数，例如 12",
    ),
    (
        "radix must be lowercase",
        "数字前缀要用小写",
        "件数直接写十进制整数，例如 12",
    ),
    (
        "invalid integer number",
        "整数无效",
        "件数直接写整数，例如 12",
    ),
    (
        "invalid hexadecimal number",
        "十六进制数无效",
        "件数直接写十进制整数，例如 12",
    ),
    (
        "invalid octal number",
        "八进制数无效",
        "件数直接写十进制整数，例如 12",
    ),
    (
        "invalid binary number",
        "二进制数无效",
        "件数直接写十进制整数，例如 12",
    ),
    ("invalid float", "小数无效", "金额写成 12.5 这样的形式"),
    ("invalid mantissa", "小数无效", "金额写成 12.5 这样的形式"),
    (
        "invalid fraction",
        "小数的小数部分无效",
        "金额写成 12.5 这样的形式",
    ),
    (
        "invalid exponent",
        "小数的指数部分无效",
        "金额写成 12.5 这样的形式",
    ),
    (
        "invalid boolean",
        "逻辑值无效",
        "只能写 true 或 false（小写）",
    ),
    (
        "invalid date-time",
        "日期或时间无效",
        "按 年-月-日 填写，例如 2025-01-20",
    ),
    (
        "invalid date",
        "日期无效",
        "按 年-月-日 填写真实存在的日期，例如 2025-01-20",
    ),
    (
        "invalid time",
        "时间无效",
        "成文日期只写 年-月-日，例如 2025-01-20",
    ),
    (
        "invalid offset",
        "时区无效",
        "成文日期只写 年-月-日，例如 2025-01-20",
    ),
    (
        "invalid datetime",
        "日期或时间无效",
        "按 年-月-日 填写，例如 2025-01-20",
    ),
    (
        "cannot recurse further; max recursion depth met",
        "数组或表嵌套的层数太多",
        "报告中不需要多层嵌套；检查方括号、花括号是否成对",
    ),
    (
        "recursion limit",
        "数组或表嵌套的层数太多",
        "报告中不需要多层嵌套；检查方括号、花括号是否成对",
    ),
];

/// What the parser expected instead, in Chinese (literals are shown as themselves). Kinds of
/// string are left out on purpose: “expected a literal string” where a quote is missing misleads.
const EXPECTED: &[(&str, &str)] = &[
    ("newline", "换行"),
    ("`,`", "逗号 ,"),
    ("`]`", "右方括号 ]"),
    ("`]]`", "右方括号 ]]"),
    ("`[`", "左方括号 ["),
    ("`{`", "左花括号 {"),
    ("`}`", "右花括号 }"),
    ("`=`", "等号 ="),
    ("`#`", "注释符号 #"),
    ("`'`", "单引号 '"),
    ("`\\`", "反斜杠 \\"),
    ("`-`", "减号 -"),
    ("`_`", "下划线 _"),
    ("key", "键名"),
    ("value", "值"),
    ("numbers", "数字"),
    ("digits", "数字"),
    ("letters", "字母"),
    ("unicode hexadecimal value", "十六进制数"),
    ("printable characters", "可显示的字符"),
    ("characters", "字符"),
    (
        "non-single-quote visible characters",
        "单引号以外的可见字符",
    ),
    ("non-single-quote characters", "单引号以外的字符"),
    (
        "non-double-quote visible characters",
        "双引号以外的可见字符",
    ),
    ("`-` (MM-DD)", "减号 -（月-日）"),
    ("`-` (YYYY-MM) or `:` (HH:MM)", "减号 -（年-月）"),
    ("`:` (HH:MM)", "冒号 :（时:分）"),
    ("`T` between date and time", "日期与时间之间的 T"),
    ("`Z`, +OFFSET, -OFFSET", "时区"),
    ("a four-digit year (YYYY)", "四位数的年份"),
    ("a two-digit day (DD)", "两位数的日"),
    ("a two-digit hour (HH)", "两位数的小时"),
    ("a two-digit minute (MM)", "两位数的分钟"),
    ("a two-digit month (MM)", "两位数的月份"),
    ("a two-digit second (SS)", "两位数的秒"),
    ("day", "日"),
    ("hour between 00 and 23", "00 到 23 之间的小时"),
    ("hours between 00 and 23", "00 到 23 之间的小时"),
    ("hour", "小时"),
    ("minute between 00 and 59", "00 到 59 之间的分钟"),
    ("minutes between 00 and 59", "00 到 59 之间的分钟"),
    ("minute", "分钟"),
    ("month between 01 and 12", "01 到 12 之间的月份"),
    ("month", "月份"),
    ("nanosecond", "秒的小数部分"),
    ("nanoseconds overflowed", "位数较少的秒的小数部分"),
    ("second between 00 and 60", "00 到 60 之间的秒"),
    ("second", "秒"),
    ("year or hour", "年份"),
];

/// The parser's message in Chinese with a hint: (message, hint). A message the tables do not know
/// (a newer parser's) is still told in Chinese, without the English.
pub fn translate(message: &str) -> (String, &'static str) {
    let (description, expected) = match message.split_once(", expected ") {
        Some((d, e)) => (d, Some(e)),
        None => (message, None),
    };
    let Some((_, zh, hint)) = DESCRIPTIONS
        .iter()
        .find(|(en, _, _)| *en == description.trim())
    else {
        return (
            "TOML 语法错误：这里的写法无法识别".to_string(),
            "对照 nianbao init 生成的模板检查这一行的写法",
        );
    };
    let mut text = format!("TOML 语法错误：{zh}");
    // “expected a, b, c”: said only when every item is known.
    let items: Option<Vec<&str>> = expected
        .map(|e| {
            e.split(", ")
                .map(|item| {
                    EXPECTED
                        .iter()
                        .find(|(en, _)| *en == item.trim())
                        .map(|(_, zh)| *zh)
                        .or_else(|| single_literal(item))
                })
                .collect::<Option<Vec<&str>>>()
        })
        .unwrap_or_else(|| Some(Vec::new()));
    // Said only when it adds something (“缺少右方括号 ]” needs no “应为右方括号 ]”).
    if let Some(items) = items.filter(|i| !i.is_empty() && !i.iter().all(|x| zh.contains(x))) {
        text.push_str(&format!("（这里应为{}）", items.join("、")));
    }
    (text, hint)
}

/// A one-character literal such as `` `x` `` (an escape letter) shown as itself.
fn single_literal(item: &str) -> Option<&str> {
    let inner = item.strip_prefix('`')?.strip_suffix('`')?;
    (inner.chars().count() <= 2).then_some(inner)
}

/// Turns one parser error into a diagnostic at its span.
pub fn diagnostic(source: &Arc<Source>, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let bad = source.text().get(span.clone()).unwrap_or("");
    // "[0, 0 2]": the parser reads `0 2` as one unquoted value; the real mistake is the comma.
    let looks_numeric = bad.contains(char::is_whitespace)
        && bad.contains(|c: char| c.is_ascii_digit())
        && bad
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || ".-+".contains(c));
    let message = if looks_numeric {
        "missing comma between array elements"
    } else {
        e.message()
    };
    let (text, hint) = translate(message);
    Diagnostic::error(Code::Syntax, text)
        .at(source, span)
        .hint(hint)
}
