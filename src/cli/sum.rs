//! `nianbao sum`: adds up many reports' tables into an area report TOML.

use std::path::PathBuf;

use nianbao::check::check_file;
use nianbao::diag::{Diagnostic, Severity, render_all};
use nianbao::discover::find_reports;
use nianbao::output::{write_atomic, write_new};

use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};

pub fn run(
    paths: &[PathBuf],
    output: &PathBuf,
    agency: Option<&str>,
    force: bool,
    strict: bool,
) -> u8 {
    let files = match find_reports(paths) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            eprintln!("错误：没有找到报告文件（.toml）\n  = 提示：给出报告文件或包含报告的文件夹");
            return EXIT_USAGE;
        }
        Err(d) => {
            eprint!("{}", render_all(&d));
            return EXIT_USAGE;
        }
    };
    // Only reports without errors are summed: a wrong number would spread into the area's totals.
    let mut reports = Vec::new();
    let mut bad = Vec::new();
    for f in &files {
        if f == output {
            continue;
        }
        let c = check_file(f);
        if c.has_errors() {
            bad.push(f.clone());
            eprint!("{}", render_all(&c.diagnostics));
        } else if let Some(r) = c.report {
            reports.push(r);
        }
    }
    if !bad.is_empty() {
        eprintln!(
            "错误：{} 份报告有错误，未汇总：{}\n  = 提示：先修正这些报告（nianbao check），再汇总",
            bad.len(),
            bad.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("、")
        );
        return EXIT_ERRORS;
    }
    // The same agency and year twice would be counted twice.
    let mut twice = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(first) = reports[..i]
            .iter()
            .find(|p| p.year == r.year && p.agency.text == r.agency.text)
        {
            let mut d = Diagnostic::warning(
                "sum-duplicate",
                format!(
                    "{} {} 年度的报告给出了两次：{} 和 {}，汇总时会重复计算",
                    r.agency.text,
                    r.year,
                    first.source.path().display(),
                    r.source.path().display()
                ),
            )
            .hint("去掉其中一份（如旧版本或副本）；若确是两个机关，改正其中一份的 agency");
            if let Some(span) = &r.agency.span {
                d = d.at(&r.source, span.clone());
            }
            if strict {
                d.severity = Severity::Error;
            }
            twice.push(d);
        }
    }
    if !twice.is_empty() {
        eprint!("{}", render_all(&twice));
        if strict {
            eprintln!("错误：有重复的报告，未汇总（--strict）");
            return EXIT_ERRORS;
        }
    }
    let agency = agency.unwrap_or("（请填写汇总机关）");
    let draft = match nianbao::sum::sum(&reports, agency) {
        Ok(d) => d,
        Err(d) => {
            eprint!("{}", render_all(&d));
            return EXIT_ERRORS;
        }
    };
    let text = draft.to_toml();
    let written = if force {
        write_atomic(output, text.as_bytes())
    } else {
        write_new(output, text.as_bytes())
    };
    match written {
        Ok(()) => {
            println!(
                "已汇总 {} 份报告到 {}。请填写正文后运行：nianbao check {}",
                reports.len(),
                output.display(),
                output.display()
            );
            EXIT_OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "错误：{} 已存在，未做改动（其中可能已写了正文）\n  = 提示：换一个文件名，或加 --force 覆盖",
                output.display()
            );
            EXIT_USAGE
        }
        Err(e) => {
            eprintln!(
                "错误：无法写入 {}：{}\n  = 提示：检查文件夹是否存在、是否有写入权限",
                output.display(),
                nianbao::input::io_reason(&e)
            );
            EXIT_USAGE
        }
    }
}
