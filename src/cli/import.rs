//! `nianbao import`: last year's published report (DOCX, web page, or text copied from it) → a
//! TOML, then `check` on the result. `--into` replaces only the numbers of an existing report.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use nianbao::diag::{Code, Diagnostic};
use nianbao::import::{ImportError, Imported};
use nianbao::input::io_reason;
use nianbao::output::{write_atomic, write_new};
use nianbao::source::Source;

use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};

#[derive(clap::Args)]
pub struct Args {
    /// 上一年度的报告：Word 文档（.docx）、网页（.html）、从网页复制的全文（.txt），或统计表（.xlsx）
    pub file: PathBuf,
    /// 输出文件（默认与导入文件同名，扩展名为 .toml）
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// 覆盖已存在的输出文件
    #[arg(long)]
    pub force: bool,
    /// 只把表格中的数字写入这份已有的报告（正文不变）
    #[arg(long, value_name = "REPORT.toml")]
    pub into: Option<PathBuf>,
    /// 报告年度，文件中没有写明时使用（如只有统计表的电子表格）；写明时以此为准
    #[arg(long, value_name = "年度", conflicts_with = "into")]
    pub year: Option<u16>,
    /// 发布机关，文件中没有写明时使用；写明时以此为准
    #[arg(long, value_name = "机关名称", conflicts_with = "into")]
    pub agency: Option<String>,
}

pub fn run(args: Args) -> u8 {
    let bytes = match nianbao::source::read_limited(&args.file, nianbao::source::MAX_IMPORT_FILE) {
        Ok(b) => b,
        Err(e) => {
            err!("{}", nianbao::input::unreadable(&args.file, &e).render());
            return EXIT_USAGE;
        }
    };
    if let Some(into) = &args.into {
        return into_report(&args.file, &bytes, into);
    }
    let hints = nianbao::import::Hints {
        year: args.year,
        agency: args.agency.clone(),
        file_name: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned()),
    };
    let imported = match nianbao::import::import_with(&bytes, &hints) {
        Ok(i) => i,
        Err(e) => return refuse(&args.file, &e),
    };
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| args.file.with_extension("toml"));
    if out == args.file {
        let d = Diagnostic::error(Code::SameFile, "输出文件不能是导入的文件本身")
            .file(&out)
            .hint("用 -o 指定另一个 .toml 文件");
        err!("{}", d.render());
        return EXIT_USAGE;
    }
    let text = with_header(&imported, &args.file);
    show_unplaced(&args.file, &imported);
    let written = if args.force {
        write_atomic(&out, text.as_bytes())
    } else {
        write_new(&out, text.as_bytes())
    };
    if let Err(code) = report_write(&out, written) {
        return code;
    }
    outln!(
        "已从 {}（{}）导入 {}",
        args.file.display(),
        imported.kind.name(),
        out.display()
    );
    show_check(&out, &text);
    EXIT_OK
}

/// The imported TOML with a header saying where it came from.
pub fn with_header(imported: &Imported, from: &Path) -> String {
    let mut imported_draft = imported.draft.clone();
    imported_draft.header = vec![
        format!(
            "由 nianbao import 从 {} 导入（{}）。数字按原文保留，请核对标有“导入：”的注释。",
            from.display(),
            imported.kind.name()
        ),
        format!("运行 nianbao check {} 查看勾稽关系等问题。", "本文件"),
    ];
    nianbao::import::Imported {
        kind: imported.kind,
        draft: imported_draft,
        edits: imported.edits.clone(),
        unplaced: Vec::new(),
    }
    .to_toml()
}

pub fn refuse(file: &Path, e: &ImportError) -> u8 {
    let d = e.diagnostic(file);
    err!("{}", d.render());
    nianbao::diag::exit_code(&[d])
}

pub fn show_unplaced(file: &Path, imported: &Imported) {
    if imported.unplaced.is_empty() {
        return;
    }
    errln!("{} 中以下内容未能放入报告，请核对：", file.display());
    for u in &imported.unplaced {
        errln!("  - {u}");
    }
}

pub fn report_write(out: &Path, written: std::io::Result<()>) -> Result<(), u8> {
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            errln!(
                "错误：{} 已存在，未做改动\n  = 提示：换一个文件名（-o 新文件.toml），或加 --force 覆盖",
                out.display()
            );
            Err(EXIT_USAGE)
        }
        Err(e) => {
            errln!(
                "错误：无法写入 {}：{}\n  = 提示：检查文件夹是否存在、是否有写入权限",
                out.display(),
                io_reason(&e)
            );
            Err(EXIT_USAGE)
        }
    }
}

/// Runs `check` on the written report and shows its findings (the numbers stay as published).
pub fn show_check(path: &Path, text: &str) {
    match nianbao::input::parse(Arc::new(Source::new(path, text))) {
        Ok(report) => {
            let diags = nianbao::check::check(&report, None);
            if diags.is_empty() {
                outln!("检查通过：表格勾稽关系成立。");
            } else {
                err!("{}", nianbao::diag::render_all(&diags));
                errln!(
                    "（以上是对导入结果的检查：数字按原文保留，请核对原报告后在 {} 中改正）",
                    path.display()
                );
            }
        }
        Err(d) => err!("{}", nianbao::diag::render_all(&d)),
    }
}

/// `--into`: the numbers of the source replace those of an existing report; its prose stays.
fn into_report(file: &Path, bytes: &[u8], into: &Path) -> u8 {
    let old = match nianbao::input::load(into) {
        Ok(r) => r,
        Err(d) => {
            err!("{}", nianbao::diag::render_all(&d));
            return EXIT_USAGE;
        }
    };
    let imported = match nianbao::import::import_tables(bytes) {
        Ok(i) => i,
        Err(e) => return refuse(file, &e),
    };
    if imported.draft.format != old.format() {
        let d = Diagnostic::error(
            Code::BadFormat,
            format!(
                "{} 的表格是 {} 年统一格式，{} 是 {} 年格式",
                file.display(),
                imported.draft.format.as_str(),
                into.display(),
                old.format().as_str()
            ),
        )
        .file(file)
        .hint("导入同一格式的表格");
        err!("{}", d.render());
        return EXIT_ERRORS;
    }
    let text = match nianbao::import::replace_numbers(&old, &imported) {
        Ok(t) => t,
        Err(e) => return refuse(file, &e),
    };
    show_unplaced(file, &imported);
    if let Err(code) = report_write(into, write_atomic(into, text.as_bytes())) {
        return code;
    }
    outln!(
        "已把 {} 中的数字写入 {}（正文未改动）",
        file.display(),
        into.display()
    );
    show_check(into, &text);
    EXIT_OK
}
