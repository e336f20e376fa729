//! `nianbao sum`: adds up many reports' tables into an area report TOML.

use std::path::PathBuf;

use nianbao::check::check_file;
use nianbao::diag::{Code, Diagnostic, Severity, render_all};
use nianbao::discover::find_reports;
use nianbao::output::{OutputError, write_atomic, write_new};

use super::EXIT_OK;
use super::batch::no_reports;
use super::render::fail;

pub fn run(
    paths: &[PathBuf],
    output: &PathBuf,
    agency: Option<&str>,
    force: bool,
    strict: bool,
) -> u8 {
    let files = match find_reports(paths) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => return fail(&[no_reports()]),
        Err(d) => return fail(&d),
    };
    // Only reports without errors are summed: a wrong number would spread into the area's totals.
    let mut reports = Vec::new();
    let mut bad = Vec::new();
    for f in &files {
        if f == output || nianbao::output::same_file(f, output) {
            continue;
        }
        let c = check_file(f);
        if c.has_errors() {
            bad.push(f.clone());
            err!("{}", render_all(&c.diagnostics));
        } else if let Some(r) = c.report {
            reports.push(r);
        }
    }
    if !bad.is_empty() {
        let list = bad
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("、");
        return fail(&[Diagnostic::error(
            Code::SumErrors,
            format!("{} 份报告有错误，未汇总：{list}", bad.len()),
        )
        .hint("先修正这些报告（nianbao check），再汇总")]);
    }
    // The same agency and year twice would be counted twice.
    let mut twice = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        if let Some(first) = reports[..i]
            .iter()
            .find(|p| p.year() == r.year() && p.agency().text == r.agency().text)
        {
            let mut d = Diagnostic::warning(
                Code::SumDuplicate,
                format!(
                    "{} {} 年度的报告给出了两次：{} 和 {}，汇总时会重复计算",
                    r.agency().text,
                    r.year(),
                    first.source().path().display(),
                    r.source().path().display()
                ),
            )
            .hint("去掉其中一份（如旧版本或副本）；若确是两个机关，改正其中一份的 agency");
            if let Some(span) = &r.agency().span {
                d = d.at(r.source(), span.clone());
            }
            if strict {
                d.severity = Severity::Error;
            }
            twice.push(d);
        }
    }
    if strict && !twice.is_empty() {
        // --strict: the duplicates are errors, and nothing is written.
        return fail(&twice);
    }
    err!("{}", render_all(&twice));
    let agency = agency.unwrap_or("（请填写汇总机关）");
    let draft = match nianbao::sum::sum(&reports, agency) {
        Ok(d) => d,
        Err(d) => return fail(&d),
    };
    let text = draft.to_toml();
    let written = if force {
        write_atomic(output, text.as_bytes())
    } else {
        write_new(output, text.as_bytes())
    };
    match written {
        Ok(()) => {
            outln!(
                "已汇总 {} 份报告到 {}。请填写正文后运行：nianbao check {}",
                reports.len(),
                output.display(),
                output.display()
            );
            EXIT_OK
        }
        Err(e) => fail(&[OutputError::Io(e).diagnostic(output)]),
    }
}
