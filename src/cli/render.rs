//! `nianbao render` and `nianbao fonts`: one report to PDF/DOCX/OFD beside it, and the font report.

use std::path::{Path, PathBuf};

use nianbao::check::check_file;
use nianbao::diag::{Diagnostic, Severity, render_all};
use nianbao::docx::DocxOptions;
use nianbao::fonts::{FontBook, FontOptions};
use nianbao::input::io_reason;
use nianbao::model::FontChoices;
use nianbao::ofd::OfdOptions;
use nianbao::output::write_atomic;
use nianbao::pdf::PdfOptions;
pub use nianbao::render::{Formats, Renderer};

use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};

/// Where fonts are looked for: shared by `render`, `batch` and `fonts`.
#[derive(clap::Args)]
pub struct FontArgs {
    /// 另外查找字体的文件夹（可多次给出）
    #[arg(long = "font-dir")]
    pub font_dirs: Vec<PathBuf>,
    /// 不使用系统字体，只用自带字体（各台电脑输出一致）
    #[arg(long)]
    pub no_system_fonts: bool,
    /// 样式文件：含 [fonts] 表的 TOML，为本单位电脑上的字体指定各用途的字体（见 templates/）；报告自己的 [fonts] 优先
    #[arg(long)]
    pub style: Option<PathBuf>,
}

impl FontArgs {
    /// The font book and the style file's choices; on a bad style file, the exit code.
    pub fn setup(&self) -> Result<(FontBook, FontChoices), u8> {
        let style = match &self.style {
            Some(path) => nianbao::input::load_style(path).map_err(|d| {
                eprint!("{}", render_all(&d));
                if d.iter().any(|d| matches!(d.code, "io" | "encoding")) {
                    EXIT_USAGE
                } else {
                    EXIT_ERRORS
                }
            })?,
            None => FontChoices::default(),
        };
        let book = FontBook::new(FontOptions {
            font_dirs: self.font_dirs.clone(),
            bundled_dir: None,
            system_fonts: !self.no_system_fonts,
        });
        Ok((book, style))
    }
}

/// `--format pdf|docx|ofd|all` as flags.
pub fn formats(name: &str) -> Formats {
    match name {
        "pdf" | "docx" | "ofd" => Formats {
            pdf: name == "pdf",
            docx: name == "docx",
            ofd: name == "ofd",
        },
        _ => Formats::ALL,
    }
}

pub fn renderer(fonts: FontBook, style: FontChoices, formats: Formats, pdfa: bool) -> Renderer {
    let timestamp = nianbao::render::source_date_epoch();
    Renderer {
        fonts,
        formats,
        pdf: PdfOptions {
            pdfa,
            timestamp,
            ..PdfOptions::default()
        },
        docx: DocxOptions { created: timestamp },
        ofd: OfdOptions { timestamp },
        style,
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// 报告文件（.toml）
    file: PathBuf,
    /// 输出文件，按扩展名（.pdf、.docx 或 .ofd）决定格式
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// 输出格式：pdf、docx、ofd 或 all（默认 all）
    #[arg(long, value_parser = ["pdf", "docx", "ofd", "all"])]
    format: Option<String>,
    /// 报告有错误时仍然生成（错误作为警告显示），用于出样稿
    #[arg(long)]
    allow_errors: bool,
    /// 生成 PDF/A-2b 归档格式
    #[arg(long)]
    pdfa: bool,
    #[command(flatten)]
    fonts: FontArgs,
}

pub fn run(args: Args) -> u8 {
    // -o picks the format by its extension; --format picks it otherwise (default: both).
    let (formats, targets) = match targets(&args) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_USAGE;
        }
    };
    let checked = check_file(&args.file);
    let unreadable = checked
        .diagnostics
        .iter()
        .any(|d| matches!(d.code, "io" | "encoding"));
    let Some(report) = checked.report else {
        eprint!("{}", render_all(&checked.diagnostics));
        return if unreadable { EXIT_USAGE } else { EXIT_ERRORS };
    };
    let mut diagnostics = checked.diagnostics;
    if diagnostics.iter().any(Diagnostic::is_error) {
        if !args.allow_errors {
            eprint!("{}", render_all(&diagnostics));
            eprintln!("报告有错误，未生成文件。修正后重试；确需先出样稿的，加 --allow-errors。");
            return EXIT_ERRORS;
        }
        for d in &mut diagnostics {
            d.severity = Severity::Warning;
        }
    }
    eprint!("{}", render_all(&diagnostics));

    let (book, style) = match args.fonts.setup() {
        Ok(f) => f,
        Err(code) => return code,
    };
    let r = renderer(book, style, formats, args.pdfa);
    let outputs = match r.outputs(&report) {
        Ok(o) => o,
        Err(d) => {
            eprint!("{}", render_all(&d));
            return EXIT_ERRORS;
        }
    };
    for (ext, bytes) in outputs {
        let target = targets
            .iter()
            .find(|t| t.extension().is_some_and(|e| e == ext));
        let Some(target) = target else { continue };
        if let Err(e) = write_atomic(target, &bytes) {
            eprintln!(
                "错误：无法写入 {}：{}\n  = 提示：检查文件夹是否存在、是否有写入权限；文件在 Word/WPS 中打开时请先关闭",
                target.display(),
                io_reason(&e)
            );
            return EXIT_USAGE;
        }
        println!("已生成 {}", target.display());
    }
    EXIT_OK
}

fn targets(args: &Args) -> Result<(Formats, Vec<PathBuf>), String> {
    if let Some(out) = &args.output {
        let ext = out
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let formats = match ext.as_deref() {
            Some("pdf") => formats("pdf"),
            Some("docx") => formats("docx"),
            Some("ofd") => formats("ofd"),
            _ => {
                return Err(format!(
                    "错误：-o {} 的扩展名应为 .pdf、.docx 或 .ofd\n  = 提示：例如 -o 年报.pdf；要同时生成几种文件时不用 -o，加 --format all",
                    out.display()
                ));
            }
        };
        if let Some(f) = &args.format
            && formats != self::formats(f)
        {
            return Err(format!(
                "错误：-o {} 与 --format {f} 不一致\n  = 提示：去掉 --format，输出格式由 -o 的扩展名决定",
                out.display()
            ));
        }
        return Ok((formats, vec![out.clone()]));
    }
    let formats = formats(args.format.as_deref().unwrap_or("all"));
    let beside = |ext: &str| args.file.with_extension(ext);
    let mut targets = Vec::new();
    if formats.pdf {
        targets.push(beside("pdf"));
    }
    if formats.docx {
        targets.push(beside("docx"));
    }
    if formats.ofd {
        targets.push(beside("ofd"));
    }
    Ok((formats, targets))
}

/// `nianbao fonts [report.toml]`: which file serves each role, and which characters fall back.
pub fn fonts(file: Option<&Path>, args: &FontArgs) -> u8 {
    let (book, style) = match args.setup() {
        Ok(f) => f,
        Err(code) => return code,
    };
    let report = match file {
        Some(f) => match nianbao::input::load(f) {
            Ok(mut r) => {
                r.fonts = r.fonts.or(&style);
                Some(r)
            }
            Err(d) => {
                eprint!("{}", render_all(&d));
                return EXIT_ERRORS;
            }
        },
        None => None,
    };
    let font_report = book.report(report.as_ref());
    print!("{}", font_report.render());
    eprint!("{}", render_all(&font_report.problems));
    if font_report.problems.iter().any(Diagnostic::is_error) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}
