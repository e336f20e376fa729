//! Renders a report to PDF with the library API — for developers and CI until `nianbao render`
//! exists: `cargo run --release --example render_pdf -- in.toml out.pdf [--pdfa] [--dump out.txt]`.
//! Uses system fonts unless `--bundled-only`; honours SOURCE_DATE_EPOCH for the creation date.

use std::path::PathBuf;
use std::process::ExitCode;

use nianbao::diag::render_all;
use nianbao::fonts::{FontBook, FontOptions};
use nianbao::pdf::{PdfOptions, render};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut files = Vec::new();
    let mut options = PdfOptions::default();
    let mut font_options = FontOptions::default();
    let mut dump = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--pdfa" => options.pdfa = true,
            "--bundled-only" => font_options.system_fonts = false,
            "--dump" => dump = args.next().map(PathBuf::from),
            "--font-dir" => font_options
                .font_dirs
                .extend(args.next().map(PathBuf::from)),
            _ => files.push(PathBuf::from(arg)),
        }
    }
    let [input, output] = files.as_slice() else {
        eprintln!(
            "用法：render_pdf 报告.toml 输出.pdf [--pdfa] [--bundled-only] [--font-dir 文件夹] [--dump 布局.txt]"
        );
        return ExitCode::from(2);
    };
    options.timestamp = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok());
    let report = match nianbao::input::load(input) {
        Ok(r) => r,
        Err(diags) => {
            eprint!("{}", render_all(&diags));
            return ExitCode::from(1);
        }
    };
    let book = FontBook::new(font_options);
    if let Some(path) = dump {
        match nianbao::layout::layout_report(&report, &book) {
            Ok(layout) => {
                if let Err(e) = std::fs::write(&path, nianbao::layout::dump(&layout)) {
                    eprintln!("无法写入 {}：{e}", path.display());
                    return ExitCode::from(2);
                }
            }
            Err(diags) => {
                eprint!("{}", render_all(&diags));
                return ExitCode::from(1);
            }
        }
    }
    match render(&report, &book, &options) {
        Ok(bytes) => match nianbao::output::write_atomic(output, &bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("无法写入 {}：{e}", output.display());
                ExitCode::from(2)
            }
        },
        Err(diags) => {
            eprint!("{}", render_all(&diags));
            ExitCode::from(1)
        }
    }
}
