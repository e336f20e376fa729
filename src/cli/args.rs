//! The command line parsed with clap, with its help and its argument errors in Chinese: clap's
//! own words (headings, the help and version flags, error sentences) are replaced, the values
//! and names from the command line kept.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory as _, FromArgMatches as _};

use super::{Cli, EXIT_OK, EXIT_USAGE};

const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// Parses the arguments; on help or version the text is printed and `Err` holds the exit code, as
/// it does for an argument error (printed in Chinese).
pub fn parse_from<I, T>(args: I) -> Result<Cli, u8>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cmd = localize(Cli::command(), true);
    let matches = cmd.try_get_matches_from(args);
    match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => Ok(cli),
        Err(e) => Err(report(&e)),
    }
}

/// Chinese headings and flags for a command and all its subcommands.
fn localize(cmd: Command, root: bool) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            // The documentation of each argument already names its values and default.
            let a = a
                .help_heading(heading)
                .hide_possible_values(true)
                .hide_default_value(true);
            match a.get_id().as_str() {
                "file" | "report" | "style" | "output" => a.value_name("文件"),
                "files" => a.value_name("文件"),
                "paths" => a.value_name("文件或文件夹"),
                "out_dir" | "font_dirs" => a.value_name("文件夹"),
                "format" => a.value_name("格式"),
                "jobs" => a.value_name("数量"),
                "year" => a.value_name("年度"),
                "agency" => a.value_name("机关"),
                _ => a,
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号")
                .help_heading("选项"),
        );
    }
    // A subcommand is localized when clap builds it: only the one given on the command line is.
    cmd.mut_subcommands(|sub| sub.defer(localize_subcommand))
}

fn localize_subcommand(cmd: Command) -> Command {
    localize(cmd, false)
}

/// Prints a clap outcome (help, version, or an error in Chinese) and returns the exit code.
fn report(e: &clap::Error) -> u8 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            out!("{}", chinese(&e.render().to_string()));
            EXIT_OK
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            err!("{}", chinese(&e.render().to_string()));
            EXIT_USAGE
        }
        _ => {
            err!("{}", message(e));
            EXIT_USAGE
        }
    }
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The one English word clap writes into a usage line itself.
fn chinese(text: &str) -> String {
    text.replace("[OPTIONS]", "[选项]")
}

/// A clap error as “错误：…”, with the usage line and a hint, in Chinese.
fn message(e: &clap::Error) -> String {
    let arg = text(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(e, ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            if value.is_empty() {
                format!("参数 {arg} 缺少值")
            } else {
                format!("参数 {arg} 的值“{value}”无效")
            }
        }
        ErrorKind::UnknownArgument => format!("无法识别的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            let sub = text(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("没有“{sub}”这个命令")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 的值要用 = 连接"),
        ErrorKind::TooManyValues => format!("参数 {arg} 给出的值太多（“{value}”）"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::ArgumentConflict => {
            let prior = text(e, ContextKind::PriorArg).unwrap_or_default();
            format!("参数 {arg} 不能与 {prior} 同时使用")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidUtf8 => "参数中有无法解码的字符（不是 UTF-8）".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    let mut out = format!("错误：{what}\n");
    if let Some(valid) = text(e, ContextKind::ValidValue) {
        out.push_str(&format!("  = 可选的值：{valid}\n"));
    }
    let suggested = text(e, ContextKind::SuggestedArg)
        .or_else(|| text(e, ContextKind::SuggestedSubcommand))
        .or_else(|| text(e, ContextKind::SuggestedValue));
    if let Some(s) = suggested {
        out.push_str(&format!("  = 提示：是不是要写 {s}？\n"));
    }
    if let Some(usage) = text(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&format!("\n用法：{}\n", chinese(usage)));
    }
    out.push_str("\n加 --help 查看全部命令和参数的说明\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every clap message a user can meet, rendered: none holds an English word of clap's.
    #[test]
    fn help_and_errors_are_chinese() {
        let cases: &[&[&str]] = &[
            &["nianbao", "--help"],
            &["nianbao", "render", "--help"],
            &["nianbao", "batch", "--help"],
            &["nianbao", "--bogus"],
            &["nianbao", "rendr"],
            &["nianbao", "render", "a.toml", "--format", "odt"],
            &["nianbao", "batch", "a", "-j", "x"],
            &["nianbao", "check"],
            &["nianbao", "init", "--year", "2024"],
            &["nianbao"],
        ];
        let cmd = localize(Cli::command(), true);
        cmd.clone().debug_assert();
        for args in cases {
            let e = cmd.clone().try_get_matches_from(*args).unwrap_err();
            let shown = match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    chinese(&e.render().to_string())
                }
                _ => message(&e),
            };
            for word in [
                "Usage",
                "Options",
                "OPTIONS",
                "Arguments",
                "Commands",
                "Print",
                "error:",
                "invalid",
                "unexpected",
                "required",
                "possible",
                "default",
                "tip:",
                "information",
                "FILE",
                "PATHS",
                "FORMAT",
            ] {
                assert!(!shown.contains(word), "{args:?} shows “{word}”:\n{shown}");
            }
            assert!(
                shown.contains("用法") || shown.starts_with("错误："),
                "{args:?}:\n{shown}"
            );
        }
    }
}
