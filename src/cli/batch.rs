//! `nianbao batch`: many reports at once, with progress, a summary table and a JSON report.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use nianbao::batch::{self, FileResult, Options, Status};
use nianbao::diag::{Code, Diagnostic};
use nianbao::discover::find_reports;
use nianbao::output::{Guard, OutputError, write_output};

use super::render::{self, FontArgs, fail};
use super::{EXIT_ERRORS, EXIT_OK};

#[derive(clap::Args)]
pub struct Args {
    /// 报告文件或文件夹（递归查找 .toml）
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// 生成的文件放在这个文件夹
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// 输出格式：pdf、docx、html、ofd 或 all（默认 all）
    #[arg(long, default_value = "all", value_parser = ["pdf", "docx", "html", "ofd", "all"])]
    format: String,
    /// HTML 只输出报告正文片段（样式写在各元素上），用于粘贴到网站编辑器
    #[arg(long)]
    html_fragment: bool,
    /// 并行的任务数（默认为处理器核数）
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// 只检查，不生成文件
    #[arg(long)]
    check_only: bool,
    /// 把每份报告的检查结果写成 JSON 文件
    #[arg(long)]
    report: Option<PathBuf>,
    /// 用输入文件名（而不是“机关+年度”）命名输出文件
    #[arg(long)]
    name_from_file: bool,
    /// 生成 PDF/A-2b 归档格式
    #[arg(long)]
    pdfa: bool,
    /// 输出文件已存在且是只读文件或符号链接时，仍然替换它
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    fonts: FontArgs,
}

pub fn run(args: Args) -> u8 {
    let formats = render::formats(&args.format);
    if let Err(d) = render::html_fragment_needs_html(args.html_fragment, formats) {
        return fail(&[d]);
    }
    // --check-only renders nothing, so it needs no fonts.
    let renderer = if args.check_only {
        None
    } else {
        let made = args.fonts.setup().and_then(|(book, style)| {
            render::renderer(book, style, formats, args.pdfa).map_err(|d| vec![d])
        });
        match made {
            Ok(mut r) => {
                r.html.fragment = args.html_fragment;
                Some(r)
            }
            Err(d) => return fail(&d),
        }
    };
    let files = match find_reports(&args.paths) {
        Ok(f) => f,
        Err(d) => return fail(&d),
    };
    if files.is_empty() {
        return fail(&[no_reports()]);
    }
    let out_dir = match (&args.out_dir, args.check_only) {
        (Some(d), _) => d.clone(),
        (None, true) => PathBuf::from("."),
        (None, false) => {
            return fail(&[Diagnostic::error(Code::Args, "缺少 --out-dir").hint(
                "用 --out-dir 输出文件夹 指定生成的文件放在哪里；只检查不生成时用 --check-only",
            )]);
        }
    };
    if !args.check_only
        && let Err(e) = std::fs::create_dir_all(&out_dir)
    {
        return fail(&[Diagnostic::error(
            Code::Output,
            format!(
                "无法创建输出文件夹 {}：{}",
                out_dir.display(),
                nianbao::input::io_reason(&e)
            ),
        )
        .file(&out_dir)
        .hint("检查路径和写入权限")]);
    }
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let opts = Options {
        out_dir,
        jobs,
        check_only: args.check_only,
        name_from_file: args.name_from_file,
        guard: Guard {
            inputs: args.fonts.style.iter().cloned().collect(),
            force: args.force,
        },
    };

    let total = files.len() as u64;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 份  {msg}  剩余 {eta}")
                .expect("the template is valid"),
        );
        bar
    });
    let mut done = 0u64;
    let started = Instant::now();
    let progress = |r: &FileResult| {
        done += 1;
        match &bar {
            Some(b) => {
                b.set_position(done);
                let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-3);
                b.set_message(format!("{rate:.1} 份/秒"));
                if r.status == Status::Failed {
                    b.println(format!("失败：{}", r.path.display()));
                }
            }
            None => errln!("[{done}/{total}] {}", line(r)),
        }
    };
    // With --check-only there is no renderer, and batch::run never renders.
    let render_report = |report: &nianbao::model::Report| match &renderer {
        Some(rd) => rd.outputs(report),
        None => Ok(Vec::new()),
    };
    let results = batch::run(&files, &opts, render_report, progress);
    if let Some(b) = bar {
        b.finish_and_clear();
    }

    print_summary(&results, started.elapsed().as_secs_f64());
    if let Some(path) = &args.report {
        // Never over a report that was read (`--report a.toml`).
        let guard = Guard {
            inputs: files.clone(),
            force: args.force,
        };
        let json = batch::json_report(&results);
        if let Err(e) = write_output(path, json.as_bytes(), &guard) {
            return fail(&[OutputError::diagnostic(&e, path)]);
        }
        outln!("检查结果已写入 {}", path.display());
    }
    if results.iter().any(|r| r.status == Status::Failed) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// No report file among the paths given.
pub fn no_reports() -> Diagnostic {
    Diagnostic::error(Code::Args, "没有找到报告文件（.toml）")
        .hint("给出报告文件或包含报告的文件夹")
}

fn line(r: &FileResult) -> String {
    match &r.status {
        Status::Rendered(paths) => format!(
            "已生成 {} → {}",
            r.path.display(),
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("、")
        ),
        Status::Checked => format!("通过 {}", r.path.display()),
        Status::Failed => format!(
            "失败 {}：{}",
            r.path.display(),
            r.first_error().map_or(String::new(), |d| d.message.clone())
        ),
    }
}

fn print_summary(results: &[FileResult], seconds: f64) {
    let rendered = results
        .iter()
        .filter(|r| matches!(r.status, Status::Rendered(_)))
        .count();
    // A rendered report passed the check before it was rendered.
    let passed = results
        .iter()
        .filter(|r| r.status != Status::Failed)
        .count();
    let failed: Vec<&FileResult> = results
        .iter()
        .filter(|r| r.status == Status::Failed)
        .collect();
    let warnings: usize = results.iter().map(FileResult::warnings).sum();
    outln!(
        "共 {} 份：生成 {rendered} 份，检查通过 {passed} 份，失败 {} 份，警告 {warnings} 条（用时 {seconds:.1} 秒）",
        results.len(),
        failed.len()
    );
    if !failed.is_empty() {
        outln!("失败的报告（第一个错误）：");
        for r in failed {
            let first = r.first_error();
            let place = first
                .and_then(|d| d.location.as_ref())
                .map(|l| format!("{}：", l.display()))
                .unwrap_or_default();
            outln!(
                "  {}  {place}{}",
                r.path.display(),
                first.map_or(String::new(), |d| d.message.clone())
            );
        }
    }
}
