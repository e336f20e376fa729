//! `nianbao init`: writes a report skeleton, or with `--from` next year's report started from last
//! year's; never overwrites without `--force`.

use std::path::{Path, PathBuf};

use nianbao::diag::{Code, Diagnostic};
use nianbao::model::Format;
use nianbao::output::{OutputError, write_atomic, write_new};

use super::render::fail;
use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};

pub fn run(year: u16, agency: &str, format: &str, output: Option<PathBuf>, force: bool) -> u8 {
    if !nianbao::model::YEARS.contains(&year) {
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

/// `init --from LAST`: LAST is a report TOML or anything `import` reads (then imported beside it).
pub fn from(last: &Path, year: Option<u16>, output: Option<PathBuf>, force: bool) -> u8 {
    let is_toml = last
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let last_toml = if is_toml {
        last.to_path_buf()
    } else {
        let bytes = match nianbao::source::read_limited(last, nianbao::source::MAX_IMPORT_FILE) {
            Ok(b) => b,
            Err(e) => {
                err!("{}", nianbao::input::unreadable(last, &e).render());
                return EXIT_USAGE;
            }
        };
        let imported = match nianbao::import::import(&bytes) {
            Ok(i) => i,
            Err(e) => return super::import::refuse(last, &e),
        };
        let path = last.with_extension("toml");
        let text = super::import::with_header(&imported, last);
        super::import::show_unplaced(last, &imported);
        let written = if force {
            write_atomic(&path, text.as_bytes())
        } else {
            write_new(&path, text.as_bytes())
        };
        if let Err(code) = super::import::report_write(&path, written) {
            return code;
        }
        outln!("已从 {} 导入上年报告 {}", last.display(), path.display());
        path
    };
    let report = match nianbao::input::load(&last_toml) {
        Ok(r) => r,
        Err(d) => {
            err!("{}", nianbao::diag::render_all(&d));
            return EXIT_ERRORS;
        }
    };
    let year = year.unwrap_or(report.year() + 1);
    if year <= report.year() || !nianbao::model::YEARS.contains(&year) {
        errln!(
            "错误：--year {year} 应当晚于上年报告的年度 {}\n  = 提示：省略 --year 即为 {}",
            report.year(),
            report.year() + 1
        );
        return EXIT_USAGE;
    }
    let out = output.unwrap_or_else(|| {
        last_toml
            .parent()
            .unwrap_or(Path::new(""))
            .join(format!("{year}.toml"))
    });
    let previous = relative(&last_toml, &out);
    let text = nianbao::import::next_year(&report, year, &previous);
    let written = if force {
        write_atomic(&out, text.as_bytes())
    } else {
        write_new(&out, text.as_bytes())
    };
    if let Err(code) = super::import::report_write(&out, written) {
        return code;
    }
    outln!(
        "已生成 {}（{year} 年，上年报告 {}）。改写正文、填写数字后运行：nianbao check {}",
        out.display(),
        last_toml.display(),
        out.display()
    );
    EXIT_OK
}

/// How the new file names last year's: its file name when both are in one folder.
fn relative(last: &Path, out: &Path) -> String {
    let dir = |p: &Path| {
        let d = p.parent().unwrap_or(Path::new(""));
        std::fs::canonicalize(if d.as_os_str().is_empty() {
            Path::new(".")
        } else {
            d
        })
        .ok()
    };
    match (dir(last), dir(out), last.file_name()) {
        (Some(a), Some(b), Some(name)) if a == b => name.to_string_lossy().into_owned(),
        _ => std::fs::canonicalize(last)
            .unwrap_or_else(|_| last.to_path_buf())
            .display()
            .to_string(),
    }
}
