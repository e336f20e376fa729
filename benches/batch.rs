//! Batch throughput, peak memory and long-report scaling (issue 5): `cargo bench --bench batch`.
//!
//! A plain timing program, not criterion: one run takes seconds. It generates reports with
//! `generate::report(seed, 3 + seed % 10)` into a temporary folder, then times `batch::run` (check,
//! PDF + DOCX, files written) with one shared `Renderer` (bundled fonts only, `--name-from-file`):
//! 1,000 reports with 1 and 2 jobs, then 10,000 reports with 2 jobs (about 90 s on two cores;
//! `NIANBAO_BENCH_10K=0` leaves it out). Then single reports of 10, 50 and 200 pages.
//!
//! Peak memory is the process's VmHWM, reset before each run (`/proc/self/clear_refs`), so each
//! line shows the peak of that run alone. `NIANBAO_BENCH_N` changes the 1,000.

use std::path::{Path, PathBuf};
use std::time::Instant;

use nianbao::batch::{self, Options, Status};
use nianbao::docx::DocxOptions;
use nianbao::fonts::{FontBook, FontOptions};
use nianbao::generate;
use nianbao::pdf::PdfOptions;
use nianbao::render::{Formats, Renderer};

fn main() {
    let n: u64 = env_number("NIANBAO_BENCH_N").unwrap_or(1_000);
    let big = std::env::var("NIANBAO_BENCH_10K").map_or(true, |v| v != "0");
    println!(
        "machine: {} × {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        cpu_model()
    );
    let renderer = renderer();
    renderer.fonts.preload_bundled().expect("bundled fonts");
    println!("fonts loaded: {}", peak_memory());

    let dir = tempfile::tempdir().expect("temp dir");
    let inputs = generate_reports(&dir.path().join("in"), if big { n.max(10_000) } else { n });

    println!("\nbatch (check + PDF + DOCX, files written):");
    for jobs in [1, 2] {
        batch_run(&renderer, &inputs[..n as usize], dir.path(), jobs);
    }
    if big {
        batch_run(&renderer, &inputs[..10_000], dir.path(), 2);
    } else {
        println!("  (10,000 reports left out: NIANBAO_BENCH_10K=0)");
    }

    println!("\nsingle long reports (parsed; PDF + DOCX in memory):");
    for pages in [10, 50, 200] {
        long_report(&renderer, pages);
    }
}

fn renderer() -> Renderer {
    Renderer {
        fonts: FontBook::new(FontOptions::bundled_only()),
        // Without the OFD, as the figures in the README were measured.
        formats: Formats {
            ofd: false,
            ..Formats::ALL
        },
        timestamp: None,
        pdf: PdfOptions::default(),
        docx: DocxOptions::default(),
        html: Default::default(),
        ofd: Default::default(),
        style: Default::default(),
    }
}

/// Writes `count` generated reports; returns their paths.
fn generate_reports(dir: &Path, count: u64) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("input dir");
    let started = Instant::now();
    let paths: Vec<PathBuf> = (0..count)
        .map(|seed| {
            let path = dir.join(format!("r{seed:05}.toml"));
            let text = generate::report(seed, 3 + (seed % 10) as u32).to_toml();
            std::fs::write(&path, text).expect("write input");
            path
        })
        .collect();
    println!(
        "generated {count} reports in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    paths
}

fn batch_run(renderer: &Renderer, files: &[PathBuf], dir: &Path, jobs: usize) {
    let out_dir = dir.join(format!("out-{}-{jobs}", files.len()));
    std::fs::create_dir_all(&out_dir).expect("output dir");
    let opts = Options {
        out_dir: out_dir.clone(),
        jobs,
        check_only: false,
        name_from_file: true,
        guard: Default::default(),
    };
    reset_peak_memory();
    let started = Instant::now();
    let results = batch::run(files, &opts, |r| renderer.outputs(r), |_| {});
    let seconds = started.elapsed().as_secs_f64();
    let failed = results
        .iter()
        .filter(|r| !matches!(r.status, Status::Rendered(_)))
        .count();
    assert_eq!(failed, 0, "every generated report renders");
    println!(
        "  {:>6} reports, {jobs} job{}: {seconds:6.2} s  {:7.1} reports/s  {:5.2} ms/report  peak {}",
        files.len(),
        if jobs == 1 { " " } else { "s" },
        files.len() as f64 / seconds,
        seconds * 1000.0 / files.len() as f64,
        peak_memory()
    );
    // Free the disk space before the next run.
    let _ = std::fs::remove_dir_all(&out_dir);
}

fn long_report(renderer: &Renderer, pages: u32) {
    let text = generate::report(7, pages).to_toml();
    let source = std::sync::Arc::new(nianbao::source::Source::new("long.toml", text));
    let report = nianbao::input::parse(source).expect("generated report parses");
    let layout = nianbao::layout::layout_report(&report, &renderer.fonts).expect("lays out");
    let printed = layout.pages.len();
    // Warm up once, then take the best of a few runs.
    let runs = if pages >= 100 { 3 } else { 5 };
    let mut best = (f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..=runs {
        let t = Instant::now();
        let layout = nianbao::layout::layout_report(&report, &renderer.fonts).expect("lays out");
        let t_layout = t.elapsed().as_secs_f64();
        std::hint::black_box(layout);
        let t = Instant::now();
        let out = renderer.outputs(&report).expect("renders");
        let t_all = t.elapsed().as_secs_f64();
        std::hint::black_box(out);
        let t = Instant::now();
        let pdf = nianbao::pdf::render(&report, &renderer.fonts, &renderer.pdf).expect("renders");
        let t_pdf = t.elapsed().as_secs_f64();
        std::hint::black_box(pdf);
        best = (best.0.min(t_layout), best.1.min(t_pdf), best.2.min(t_all));
    }
    println!(
        "  {pages:>3} pages asked, {printed:>3} printed: PDF + DOCX {:7.1} ms ({:5.2} ms/page)  PDF {:7.1} ms  layout {:6.1} ms ({:5.3} ms/page)",
        best.2 * 1e3,
        best.2 * 1e3 / printed as f64,
        best.1 * 1e3,
        best.0 * 1e3,
        best.0 * 1e3 / printed as f64,
    );
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok()
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

/// Resets the process's peak resident set size (Linux ≥ 4.0), so that the next reading is the
/// peak since now.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// VmHWM (peak resident set size) from /proc/self/status.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or_else(|| "n/a".into(), |kb| format!("{} MB", kb / 1024))
}
