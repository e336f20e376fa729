//! Argument definitions and dispatch, help and argument errors in Chinese, and printing that ends
//! quietly when the reader of stdout goes away. Exit codes: 0 success (warnings allowed), 1 errors
//! in a report, 2 unreadable file or bad arguments ([`nianbao::diag::exit`]). `nianbao 报告.toml`
//! (a file dropped onto the program) is `nianbao render 报告.toml`.

/// `print!` to stdout; a closed pipe (`nianbao check … | head -1`) ends the program quietly with
/// exit code 0, as ripgrep does.
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::print_out(format_args!($($t)*)) };
}
/// `println!` to stdout, see [`out!`].
macro_rules! outln {
    ($($t:tt)*) => { $crate::cli::print_out(format_args!("{}\n", format_args!($($t)*))) };
}
/// `eprint!` that never panics: a closed stderr is ignored (the exit code still tells).
macro_rules! err {
    ($($t:tt)*) => { $crate::cli::print_err(format_args!($($t)*)) };
}
/// `eprintln!`, see [`err!`].
macro_rules! errln {
    ($($t:tt)*) => { $crate::cli::print_err(format_args!("{}\n", format_args!($($t)*))) };
}

mod args;
mod batch;
mod check;
pub mod console;
mod export_tables;
mod import;
mod init;
mod render;
mod sum;

use std::io::Write as _;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use args::parse_from;
pub use nianbao::diag::exit::{ERRORS as EXIT_ERRORS, OK as EXIT_OK, USAGE as EXIT_USAGE};

pub fn print_out(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush())
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(i32::from(EXIT_OK));
    }
}

pub fn print_err(args: std::fmt::Arguments) {
    let _ = std::io::stderr().lock().write_fmt(args);
}

/// 政府信息公开工作年度报告：从 TOML 生成公文格式的 PDF 和 Word 文件。
#[derive(Parser)]
#[command(name = "nianbao", version, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查报告：表格勾稽关系、跨年数据、格式错误（退出码 0 通过，1 有错误，2 文件无法读取）
    Check {
        /// 报告文件（.toml），可以有多个
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 把警告（如正文数字与表格不符）也当作错误
        #[arg(long)]
        strict: bool,
        /// 与 render 相同的字体选项：检查每个字都有字体
        #[command(flatten)]
        fonts: render::FontArgs,
    },
    /// 生成 PDF、Word、网页（HTML）和 OFD 文件（默认四种都生成，放在报告文件旁边；--format 选一种）；先检查，有错误时不生成
    Render(render::Args),
    /// 批量检查和生成：给出多个报告文件或文件夹，并行处理
    Batch(batch::Args),
    /// 显示每种用途（标题、正文、各级标题、页码、表格）使用的字体文件，以及需要替代字体的字
    Fonts {
        /// 报告文件（可选；给出时还检查其中每个字是否有字体）
        file: Option<PathBuf>,
        #[command(flatten)]
        fonts: render::FontArgs,
    },
    /// 生成一份完整的报告模板，所有数字为 0；或用 --from 从上一年度的报告开始
    Init {
        /// 报告年度，例如 2025（用 --from 时默认为上年 + 1）
        #[arg(long)]
        year: Option<u16>,
        /// 发布机关，例如 "某某区人民政府"（用 --from 时沿用上年）
        #[arg(long, required_unless_present = "from")]
        agency: Option<String>,
        /// 统一格式版本：2021（默认）或 2019（用于 2019、2020 年度的报告）
        #[arg(long, default_value = "2021", value_parser = ["2021", "2019"])]
        format: String,
        /// 上一年度的报告（.toml，或 import 能读的 .docx、.txt）：沿用机关、正文，填好上年结转
        #[arg(long, value_name = "LAST")]
        from: Option<PathBuf>,
        /// 输出文件（默认 报告年度.toml，如 2025.toml）
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 覆盖已存在的文件
        #[arg(long)]
        force: bool,
    },
    /// 从上一年度已发布的报告（Word 文档或从网页复制的全文）导入，生成本工具的报告文件
    Import(import::Args),
    /// 把报告的三张统计表导出为电子表格（.xlsx），格式与统一格式相同；填好后可用 import --into 读回
    ExportTables(export_tables::Args),
    /// 汇总多份报告的统计表，生成本地区的汇总报告（正文留空待填写）
    Sum {
        /// 报告文件或文件夹（递归查找 .toml）
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 汇总报告的输出文件
        #[arg(short, long)]
        output: PathBuf,
        /// 汇总报告的发布机关，例如 "某某市人民政府"
        #[arg(long)]
        agency: Option<String>,
        /// 覆盖已存在的输出文件
        #[arg(long)]
        force: bool,
        /// 有重复的报告（同一机关、同一年度）时不汇总
        #[arg(long)]
        strict: bool,
    },
}

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Render(args) => render::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Import(args) => import::run(args),
        Command::ExportTables(args) => export_tables::run(args),
        Command::Fonts { file, fonts } => render::fonts(file.as_deref(), &fonts),
        Command::Check {
            files,
            strict,
            fonts,
        } => check::run(&files, strict, &fonts),
        Command::Init {
            year,
            from: Some(last),
            output,
            force,
            ..
        } => init::from(&last, year, output, force),
        Command::Init {
            year,
            agency,
            format,
            from: None,
            output,
            force,
        } => match year {
            Some(year) => init::run(
                year,
                agency.as_deref().unwrap_or(""),
                &format,
                output,
                force,
            ),
            None => {
                eprintln!(
                    "错误：缺少 --year\n  = 提示：例如 nianbao init --year 2025 --agency \"某某区人民政府\"，或用 --from 上年报告"
                );
                EXIT_USAGE
            }
        },
        Command::Sum {
            paths,
            output,
            agency,
            force,
            strict,
        } => sum::run(&paths, &output, agency.as_deref(), force, strict),
    }
}
