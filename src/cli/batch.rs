//! `nianbao batch`: many reports at once, with progress, a summary table and a JSON report.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use nianbao::batch::{self, FileResult, Options, Status};
use nianbao::diag::render_all;
use nianbao::discover::find_reports;
use nianbao::output::write_atomic;

use super::render::Renderer;
use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};

pub struct Args {
    pub paths: Vec<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub jobs: Option<usize>,
    pub check_only: bool,
    pub report: Option<PathBuf>,
    pub name_from_file: bool,
}

pub fn run(args: Args, renderer: Option<Renderer>) -> u8 {
    let files = match find_reports(&args.paths) {
        Ok(f) => f,
        Err(d) => {
            eprint!("{}", render_all(&d));
            return EXIT_USAGE;
        }
    };
    if files.is_empty() {
        eprintln!("错误：没有找到报告文件（.toml）\n  = 提示：给出报告文件或包含报告的文件夹");
        return EXIT_USAGE;
    }
    let out_dir = match (&args.out_dir, args.check_only) {
        (Some(d), _) => d.clone(),
        (None, true) => PathBuf::from("."),
        (None, false) => {
            eprintln!(
                "错误：缺少 --out-dir\n  = 提示：用 --out-dir 输出文件夹 指定生成的文件放在哪里；只检查不生成时用 --check-only"
            );
            return EXIT_USAGE;
        }
    };
    if !args.check_only
        && let Err(e) = std::fs::create_dir_all(&out_dir)
    {
        eprintln!(
            "错误：无法创建输出文件夹 {}：{}\n  = 提示：检查路径和写入权限",
            out_dir.display(),
            nianbao::input::io_reason(&e)
        );
        return EXIT_USAGE;
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let opts = Options {
        out_dir,
        jobs,
        check_only: args.check_only,
        name_from_file: args.name_from_file,
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
            None => eprintln!("[{done}/{total}] {}", line(r)),
        }
    };
    // With --check-only there is no renderer, and batch::run never renders.
    let render = |report: &nianbao::model::Report| match &renderer {
        Some(rd) => rd.outputs(report),
        None => Ok(Vec::new()),
    };
    let results = batch::run(&files, &opts, render, progress);
    if let Some(b) = bar {
        b.finish_and_clear();
    }

    print_summary(&results, started.elapsed().as_secs_f64());
    if let Some(path) = &args.report {
        if let Err(e) = write_atomic(path, batch::json_report(&results).as_bytes()) {
            eprintln!(
                "错误：无法写入 {}：{}",
                path.display(),
                nianbao::input::io_reason(&e)
            );
            return EXIT_USAGE;
        }
        println!("检查结果已写入 {}", path.display());
    }
    if results.iter().any(|r| r.status == Status::Failed) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
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
    let passed = results
        .iter()
        .filter(|r| r.status == Status::Checked)
        .count();
    let failed: Vec<&FileResult> = results
        .iter()
        .filter(|r| r.status == Status::Failed)
        .collect();
    let warnings: usize = results.iter().map(FileResult::warnings).sum();
    println!(
        "共 {} 份：生成 {rendered} 份，检查通过 {passed} 份，失败 {} 份，警告 {warnings} 条（用时 {seconds:.1} 秒）",
        results.len(),
        failed.len()
    );
    if !failed.is_empty() {
        println!("失败的报告（第一个错误）：");
        for r in failed {
            let first = r.first_error();
            let place = first
                .and_then(|d| d.location.as_ref())
                .map(|l| format!("{}：", l.display()))
                .unwrap_or_default();
            println!(
                "  {}  {place}{}",
                r.path.display(),
                first.map_or(String::new(), |d| d.message.clone())
            );
        }
    }
}
