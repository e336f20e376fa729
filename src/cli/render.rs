//! `nianbao render` and `nianbao fonts`: one report to PDF/DOCX/HTML/OFD beside it, and the font report.

use std::path::{Path, PathBuf};

use nianbao::check::check_file;
use nianbao::diag::{Code, Diagnostic, Severity, exit_code, render_all};
use nianbao::docx::DocxOptions;
use nianbao::fonts::{FontBook, FontOptions};
use nianbao::model::FontChoices;
use nianbao::ofd::OfdOptions;
use nianbao::output::{Guard, write_output};
use nianbao::pdf::PdfOptions;
pub use nianbao::render::{Formats, Renderer};

use super::{EXIT_ERRORS, EXIT_OK};

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
    /// The font book and the style file's choices (warnings about font files are printed); on a
    /// bad style file or font folder, the errors.
    pub fn setup(&self) -> Result<(FontBook, FontChoices), Vec<Diagnostic>> {
        let style = match &self.style {
            Some(path) => nianbao::input::load_style(path)?,
            None => FontChoices::default(),
        };
        let (book, problems) = FontBook::load(FontOptions {
            font_dirs: self.font_dirs.clone(),
            bundled_dir: None,
            system_fonts: !self.no_system_fonts,
        });
        if problems.iter().any(Diagnostic::is_error) {
            return Err(problems);
        }
        err!("{}", render_all(&problems));
        Ok((book, style))
    }
}

/// `--format pdf|docx|html|ofd|all` as flags.
pub fn formats(name: &str) -> Formats {
    match name {
        "pdf" | "docx" | "html" | "ofd" => Formats {
            pdf: name == "pdf",
            docx: name == "docx",
            html: name == "html",
            ofd: name == "ofd",
        },
        _ => Formats::ALL,
    }
}

/// The renderer; an error for a bad `SOURCE_DATE_EPOCH`.
pub fn renderer(
    fonts: FontBook,
    style: FontChoices,
    formats: Formats,
    pdfa: bool,
) -> Result<Renderer, Diagnostic> {
    let timestamp = nianbao::render::source_date_epoch()?;
    Ok(Renderer {
        fonts,
        formats,
        timestamp,
        pdf: PdfOptions {
            pdfa,
            timestamp,
            ..PdfOptions::default()
        },
        docx: DocxOptions { created: timestamp },
        html: Default::default(),
        ofd: OfdOptions { timestamp },
        style,
    })
}

#[derive(clap::Args)]
pub struct Args {
    /// 报告文件（.toml）
    file: PathBuf,
    /// 输出文件，按扩展名（.pdf、.docx、.html 或 .ofd）决定格式
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// 输出格式：pdf、docx、html、ofd 或 all（默认 all）
    #[arg(long, value_parser = ["pdf", "docx", "html", "ofd", "all"])]
    format: Option<String>,
    /// HTML 只输出报告正文片段（样式写在各元素上，不含 html、head、style），用于粘贴到网站编辑器
    #[arg(long)]
    html_fragment: bool,
    /// 报告有错误时仍然生成（错误作为警告显示），用于出样稿
    #[arg(long)]
    allow_errors: bool,
    /// 生成 PDF/A-2b 归档格式
    #[arg(long)]
    pdfa: bool,
    /// 输出文件已存在且是只读文件或符号链接时，仍然替换它
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    fonts: FontArgs,
}

/// Prints diagnostics and returns their exit code.
pub fn fail(diags: &[Diagnostic]) -> u8 {
    err!("{}", render_all(diags));
    exit_code(diags)
}

pub fn run(args: Args) -> u8 {
    // -o picks the format by its extension; --format picks it otherwise (default: both).
    let (formats, targets) = match targets(&args) {
        Ok(t) => t,
        Err(d) => return fail(&[d]),
    };
    let checked = check_file(&args.file);
    let Some(report) = checked.report else {
        return fail(&checked.diagnostics);
    };
    let mut diagnostics = checked.diagnostics;
    if diagnostics.iter().any(Diagnostic::is_error) {
        if !args.allow_errors {
            err!("{}", render_all(&diagnostics));
            errln!("报告有错误，未生成文件。修正后重试；确需先出样稿的，加 --allow-errors。");
            return EXIT_ERRORS;
        }
        for d in &mut diagnostics {
            d.severity = Severity::Warning;
        }
    }
    err!("{}", render_all(&diagnostics));

    let (book, style) = match args.fonts.setup() {
        Ok(f) => f,
        Err(d) => return fail(&d),
    };
    // Never written over: the report, last year's report, the style file.
    let guard = Guard {
        inputs: std::iter::once(args.file.clone())
            .chain(report.previous().iter().map(|(p, _)| p.clone()))
            .chain(args.fonts.style.clone())
            .collect(),
        force: args.force,
    };
    // Settled before rendering, so that a refused output costs no work.
    if let Some(d) = targets.iter().find_map(|t| {
        nianbao::output::check_target(t, &guard)
            .err()
            .map(|e| e.diagnostic(t))
    }) {
        return fail(&[d]);
    }
    let mut r = match renderer(book, style, formats, args.pdfa) {
        Ok(r) => r,
        Err(d) => return fail(&[d]),
    };
    r.html.fragment = args.html_fragment;
    let outputs = match r.outputs(&report) {
        Ok(o) => o,
        Err(d) => return fail(&d),
    };
    for (ext, bytes) in outputs {
        let target = targets
            .iter()
            .find(|t| t.extension().is_some_and(|e| e == ext));
        let Some(target) = target else { continue };
        if let Err(e) = write_output(target, &bytes, &guard) {
            return fail(&[e.diagnostic(target)]);
        }
        outln!("已生成 {}", target.display());
    }
    EXIT_OK
}

fn targets(args: &Args) -> Result<(Formats, Vec<PathBuf>), Diagnostic> {
    if let Some(out) = &args.output {
        let ext = out
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let formats = match ext.as_deref() {
            Some("pdf") => formats("pdf"),
            Some("docx") => formats("docx"),
            Some("html") => formats("html"),
            Some("ofd") => formats("ofd"),
            _ => {
                return Err(Diagnostic::error(
                    Code::Args,
                    format!(
                        "-o {} 的扩展名应为 .pdf、.docx、.html 或 .ofd",
                        out.display()
                    ),
                )
                .hint("例如 -o 年报.pdf；要同时生成各种文件时不用 -o，加 --format all"));
            }
        };
        if let Some(f) = &args.format
            && formats != self::formats(f)
        {
            return Err(Diagnostic::error(
                Code::Args,
                format!("-o {} 与 --format {f} 不一致", out.display()),
            )
            .hint("去掉 --format，输出格式由 -o 的扩展名决定"));
        }
        html_fragment_needs_html(args.html_fragment, formats)?;
        return Ok((formats, vec![out.clone()]));
    }
    let formats = formats(args.format.as_deref().unwrap_or("all"));
    html_fragment_needs_html(args.html_fragment, formats)?;
    let beside = |ext: &str| args.file.with_extension(ext);
    let mut targets = Vec::new();
    if formats.pdf {
        targets.push(beside("pdf"));
    }
    if formats.docx {
        targets.push(beside("docx"));
    }
    if formats.html {
        targets.push(beside("html"));
    }
    if formats.ofd {
        targets.push(beside("ofd"));
    }
    Ok((formats, targets))
}

/// `--html-fragment` changes the HTML output, so it needs one.
pub fn html_fragment_needs_html(fragment: bool, formats: Formats) -> Result<(), Diagnostic> {
    if fragment && !formats.html {
        return Err(Diagnostic::error(
            Code::Args,
            "--html-fragment 只用于 HTML 输出，但这次不生成 HTML",
        )
        .hint("加 --format html（或 all），或用 -o 文件名.html"));
    }
    Ok(())
}

/// `nianbao fonts [report.toml]`: which file serves each role, and which characters fall back.
pub fn fonts(file: Option<&Path>, args: &FontArgs) -> u8 {
    let (book, style) = match args.setup() {
        Ok(f) => f,
        Err(d) => return fail(&d),
    };
    let report = match file {
        Some(f) => match nianbao::input::load(f) {
            Ok(r) => Some(r.with_fonts(r.fonts().or(&style))),
            Err(d) => return fail(&d),
        },
        None => None,
    };
    let font_report = book.report(report.as_ref());
    out!("{}", font_report.render());
    err!("{}", render_all(&font_report.problems));
    if font_report.problems.iter().any(Diagnostic::is_error) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}
