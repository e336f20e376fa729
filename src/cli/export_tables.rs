//! `nianbao export-tables`: a report's three tables as a spreadsheet laid out like the official
//! ones, which `import` (and `import --into`) read back.

use std::path::PathBuf;

use nianbao::diag::{Code, Diagnostic};
use nianbao::output::{Guard, write_output};

use super::EXIT_OK;
use super::render::fail;

#[derive(clap::Args)]
pub struct Args {
    /// 报告文件（.toml）
    file: PathBuf,
    /// 输出的电子表格（.xlsx，默认与报告同名）
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// 输出文件已存在且是只读文件或符号链接时，仍然替换它
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> u8 {
    let report = match nianbao::input::load(&args.file) {
        Ok(r) => r,
        Err(d) => return fail(&d),
    };
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| args.file.with_extension("xlsx"));
    let guard = Guard {
        inputs: std::iter::once(args.file.clone())
            .chain(report.previous().map(|(p, _)| p.clone()))
            .collect(),
        force: args.force,
    };
    if let Err(e) = nianbao::output::check_target(&out, &guard) {
        return fail(&[e.diagnostic(&out)]);
    }
    let bytes = match nianbao::export_tables::render(&report) {
        Ok(b) => b,
        Err(e) => {
            return fail(&[Diagnostic::error(
                Code::Output,
                format!("无法生成电子表格 {}：{e}", out.display()),
            )
            .hint("这是 nianbao 的问题，请把报告文件发给维护者")]);
        }
    };
    if let Err(e) = write_output(&out, &bytes, &guard) {
        return fail(&[e.diagnostic(&out)]);
    }
    outln!("已生成 {}", out.display());
    EXIT_OK
}
