//! `nianbao init`: writes a report skeleton, refusing to overwrite without `--force`.

use std::path::PathBuf;

use nianbao::input::io_reason;
use nianbao::model::Format;
use nianbao::output::{write_atomic, write_new};

use super::{EXIT_OK, EXIT_USAGE};

pub fn run(year: u16, agency: &str, format: &str, output: Option<PathBuf>, force: bool) -> u8 {
    if !(2008..=2100).contains(&year) {
        eprintln!(
            "错误：--year {year} 不是合理的报告年度\n  = 提示：填写报告所统计的年份，例如 --year 2025"
        );
        return EXIT_USAGE;
    }
    if agency.trim().is_empty() || agency.chars().any(char::is_control) {
        eprintln!(
            "错误：--agency 不能为空，也不能含控制字符\n  = 提示：例如 --agency \"某某区人民政府\""
        );
        return EXIT_USAGE;
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
            println!(
                "已生成 {}。填写后运行：nianbao check {}",
                path.display(),
                path.display()
            );
            EXIT_OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "错误：{} 已存在，未做改动\n  = 提示：换一个文件名（-o 新文件.toml），或加 --force 覆盖",
                path.display()
            );
            EXIT_USAGE
        }
        Err(e) => {
            eprintln!(
                "错误：无法写入 {}：{}\n  = 提示：检查文件夹是否存在、是否有写入权限",
                path.display(),
                io_reason(&e)
            );
            EXIT_USAGE
        }
    }
}
