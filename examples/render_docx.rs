//! Renders a report's DOCX: `cargo run --example render_docx -- in.toml out.docx`.
//!
//! The creation date comes from the report's 成文日期, else from `SOURCE_DATE_EPOCH` when set.

use std::path::Path;
use std::process::ExitCode;

use nianbao::diag::render_all;
use nianbao::docx::{DocxOptions, render_with};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("用法：render_docx 报告.toml 输出.docx");
        return ExitCode::from(2);
    };
    let report = match nianbao::input::load(Path::new(input)) {
        Ok(r) => r,
        Err(diags) => {
            eprint!("{}", render_all(&diags));
            return ExitCode::from(1);
        }
    };
    let created = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => match v.trim().parse::<i64>() {
            Ok(s) => Some(s),
            Err(_) => {
                eprintln!("SOURCE_DATE_EPOCH 不是整数：{v}");
                return ExitCode::from(2);
            }
        },
        Err(_) => None,
    };
    let bytes = render_with(&report, &DocxOptions { created });
    if let Err(e) = nianbao::output::write_atomic(Path::new(output), &bytes) {
        eprintln!("无法写入 {output}：{}", nianbao::input::io_reason(&e));
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
