//! `nianbao init`: writes a report skeleton, refusing to overwrite without `--force`.

use std::path::PathBuf;

use nianbao::diag::{Code, Diagnostic};
use nianbao::model::Format;
use nianbao::output::{OutputError, write_atomic, write_new};

use super::EXIT_OK;
use super::render::fail;

pub fn run(year: u16, agency: &str, format: &str, output: Option<PathBuf>, force: bool) -> u8 {
    if !(2008..=2100).contains(&year) {
        return fail(&[
            Diagnostic::error(Code::Args, format!("--year {year} 不是合理的报告年度"))
                .hint("填写报告所统计的年份，例如 --year 2025"),
        ]);
    }
    if agency.trim().is_empty() || agency.chars().any(char::is_control) {
        return fail(&[
            Diagnostic::error(Code::Args, "--agency 不能为空，也不能含控制字符")
                .hint("例如 --agency \"某某区人民政府\""),
        ]);
    }
    let format = if format == "2019" {
        Format::V2019
    } else {
        Format::V2021
    };
    let path = output.unwrap_or_else(|| PathBuf::from(format!("{year}.toml")));
    let text = nianbao::write::skeleton(year, agency.trim(), format);
    let written = if force {
        write_atomic(&path, text.as_bytes())
    } else {
        write_new(&path, text.as_bytes())
    };
    match written {
        Ok(()) => {
            outln!(
                "已生成 {}。填写后运行：nianbao check {}",
                path.display(),
                path.display()
            );
            EXIT_OK
        }
        Err(e) => fail(&[OutputError::Io(e).diagnostic(&path)]),
    }
}
