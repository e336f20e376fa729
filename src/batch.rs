//! `nianbao batch`: checks and renders many reports in parallel. One bad report never stops the
//! others; a failed report leaves no output file; output names are settled before anything is written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::check::check_file;
use crate::diag::{Code, Diagnostic, Location};
use crate::discover::sanitize_file_name;
use crate::model::Report;
use crate::output::{Guard, write_output};

/// The rendered files of one report: (extension, bytes).
pub type Outputs = Vec<(&'static str, Vec<u8>)>;

#[derive(Debug, Clone)]
pub struct Options {
    pub out_dir: PathBuf,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Check only, write nothing.
    pub check_only: bool,
    /// Name outputs after the input file's stem instead of "{agency}{year}年政府信息公开工作年度报告".
    pub name_from_file: bool,
    /// What outputs may replace: the style file among the inputs, and `--force`. Each report's own
    /// file and its `previous` are added per report.
    pub guard: Guard,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Rendered; the files written.
    Rendered(Vec<PathBuf>),
    /// Checked without errors (`--check-only`).
    Checked,
    /// Not rendered: errors in the report, a name clash, or a rendering or writing failure.
    Failed,
}

/// What happened to one input file.
#[derive(Debug, Clone)]
pub struct FileResult {
    pub path: PathBuf,
    pub status: Status,
    /// Every diagnostic of the file, warnings included.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileResult {
    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_error()).count()
    }

    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.is_error())
    }
}

/// The file stem a report is published under.
pub fn output_stem(report: &Report, path: &Path, name_from_file: bool) -> String {
    if name_from_file {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        return sanitize_file_name(&stem);
    }
    sanitize_file_name(&crate::tables::labels::default_title(
        &report.agency().text,
        report.year(),
    ))
}

/// Runs the batch: checks every file, settles the names, then renders (unless `check_only`).
/// `render` turns a checked report into its outputs; `progress` is told of each finished file.
pub fn run<R, P>(files: &[PathBuf], opts: &Options, render: R, progress: P) -> Vec<FileResult>
where
    R: Fn(&Report) -> Result<Outputs, Vec<Diagnostic>> + Sync,
    P: FnMut(&FileResult),
{
    let mut progress = progress;
    let jobs = opts.jobs.max(1);
    // Phase 1: check everything and work out the names. Reports are dropped again so that memory
    // stays flat however many files there are; parsing twice is cheap next to rendering.
    let checked: Vec<(FileResult, Option<Name>)> = par_map(
        files,
        jobs,
        |path| {
            let c = check_file(path);
            let failed = c.has_errors();
            let name = c.report.as_ref().map(|r| Name {
                stem: output_stem(r, path, opts.name_from_file),
                agency_at: r.agency().span.clone(),
            });
            let status = if failed {
                Status::Failed
            } else {
                Status::Checked
            };
            let result = FileResult {
                path: path.clone(),
                status,
                diagnostics: c.diagnostics,
            };
            (result, if failed { None } else { name })
        },
        |_, _| {},
    );
    let mut planned = mark_name_clashes(checked);

    if opts.check_only {
        for (r, _) in &planned {
            progress(r);
        }
        return planned.into_iter().map(|(r, _)| r).collect();
    }
    for (r, _) in planned.iter().filter(|(r, _)| r.status == Status::Failed) {
        progress(r);
    }
    // Phase 2: render. Workers get their own copy of the paths and names, so that the results can
    // be filed (and progress shown) as each one lands.
    let todo: Vec<(usize, PathBuf, String)> = planned
        .iter()
        .enumerate()
        .filter(|(_, (r, _))| r.status != Status::Failed)
        .map(|(i, (r, name))| {
            let stem = name.as_ref().map(|n| n.stem.clone()).unwrap_or_default();
            (i, r.path.clone(), stem)
        })
        .collect();
    par_for_each(
        &todo,
        jobs,
        |(_, path, stem)| render_one(path, stem, opts, &render),
        |k, outcome| {
            let r = &mut planned[todo[k].0].0;
            // Copies made here, on this thread, and the worker's values dropped: results kept
            // for the whole batch must not sit among the workers' short-lived buffers, or the
            // allocator can never give those pages back and memory grows with the batch.
            match outcome {
                Ok(paths) => r.status = Status::Rendered(paths.to_vec()),
                Err(d) => {
                    r.status = Status::Failed;
                    r.diagnostics.extend(d.iter().cloned());
                }
            }
            progress(r);
        },
    );
    planned.into_iter().map(|(r, _)| r).collect()
}

/// Fails every report whose output name another report also gets, before anything is written.
fn mark_name_clashes(checked: Vec<(FileResult, Option<Name>)>) -> Vec<(FileResult, Option<Name>)> {
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (_, name)) in checked.iter().enumerate() {
        if let Some(n) = name {
            by_name.entry(n.stem.to_lowercase()).or_default().push(i);
        }
    }
    let mut out = checked;
    for indices in by_name.values().filter(|v| v.len() > 1) {
        let others: Vec<String> = indices
            .iter()
            .map(|&i| out[i].0.path.display().to_string())
            .collect();
        for &i in indices {
            let Some(name) = out[i].1.take() else {
                continue;
            };
            // Where the name comes from: the agency line. Only its span was kept (no file's whole
            // source is held for the rest of the batch); the file is read again for the few that
            // clash, so that the message and the JSON have its line:column.
            let location = name.agency_at.and_then(|span| {
                let source = crate::input::read_source(&out[i].0.path).ok()?;
                Some(Location::new(&std::sync::Arc::new(source), span))
            });
            let at = location
                .as_ref()
                .map(|l| format!("（agency 在 {}）", l.display()))
                .unwrap_or_default();
            let (r, _) = &mut out[i];
            r.status = Status::Failed;
            let mut clash = Diagnostic::error(
                Code::NameClash,
                format!(
                    "输出文件名“{}”重复：{} 都会生成这个文件名{at}",
                    name.stem,
                    others.join("、")
                ),
            )
            .hint("检查这些报告的 agency 和 year 是否填错；或用 --name-from-file 按输入文件名命名");
            clash.location = location;
            r.diagnostics.push(clash);
        }
    }
    out
}

/// The output name a checked report will get, and where its agency is written.
struct Name {
    stem: String,
    agency_at: Option<crate::source::Span>,
}

/// Parses, renders and writes one report; on any failure nothing of it stays on disk.
fn render_one<R>(
    path: &Path,
    stem: &str,
    opts: &Options,
    render: &R,
) -> Result<Vec<PathBuf>, Vec<Diagnostic>>
where
    R: Fn(&Report) -> Result<Outputs, Vec<Diagnostic>>,
{
    let report = crate::input::load(path)?;
    let outputs = render(&report)?;
    let mut guard = opts.guard.clone();
    guard.inputs.push(path.to_path_buf());
    guard
        .inputs
        .extend(report.previous().iter().map(|(p, _)| p.clone()));
    let mut written = Vec::new();
    for (ext, bytes) in outputs {
        let target = opts.out_dir.join(format!("{stem}.{ext}"));
        if let Err(e) = write_output(&target, &bytes, &guard) {
            for w in &written {
                let _ = std::fs::remove_file(w);
            }
            return Err(vec![e.diagnostic(&target)]);
        }
        written.push(target);
    }
    Ok(written)
}

/// Maps `f` over `items` on `jobs` threads, keeping the order; `done` sees each result (with its
/// index) as it lands, on the calling thread.
fn par_map<T, U, F, D>(items: &[T], jobs: usize, f: F, mut done: D) -> Vec<U>
where
    T: Sync,
    U: Send,
    F: Fn(&T) -> U + Sync,
    D: FnMut(usize, &U),
{
    let mut slots: Vec<Option<U>> = (0..items.len()).map(|_| None).collect();
    par_for_each(items, jobs, f, |i, u| {
        done(i, &u);
        slots[i] = Some(u);
    });
    slots
        .into_iter()
        .map(|s| s.expect("every item was mapped"))
        .collect()
}

/// Runs `f` over `items` on `jobs` threads; `done` gets each result (with its index) as it lands,
/// on the calling thread, and keeps or drops it.
fn par_for_each<T, U, F, D>(items: &[T], jobs: usize, f: F, mut done: D)
where
    T: Sync,
    U: Send,
    F: Fn(&T) -> U + Sync,
    D: FnMut(usize, U),
{
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..jobs.min(items.len().max(1)) {
            let tx = tx.clone();
            let (next, f) = (&next, &f);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if tx.send((i, f(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, u) in rx {
            done(i, u);
        }
    });
}

/// The machine-readable report of `--report results.json`: every diagnostic of every file.
pub fn json_report(results: &[FileResult]) -> String {
    let files: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            let diagnostics: Vec<serde_json::Value> = r
                .diagnostics
                .iter()
                .map(|d| {
                    let (line, column) = match &d.location {
                        Some(loc) => {
                            let (line, col) = loc.source.line_col(loc.span.start);
                            (Some(line), Some(col))
                        }
                        None => (None, None),
                    };
                    let file = d.path().map(|p| p.display().to_string());
                    serde_json::json!({
                        "severity": if d.is_error() { "error" } else { "warning" },
                        "code": d.code.as_str(),
                        "message": d.message,
                        "hint": d.hint,
                        "file": file,
                        "line": line,
                        "column": column,
                    })
                })
                .collect();
            let (status, outputs) = match &r.status {
                Status::Rendered(p) => (
                    "rendered",
                    p.iter().map(|p| p.display().to_string()).collect(),
                ),
                Status::Checked => ("passed", Vec::new()),
                Status::Failed => ("failed", Vec::new()),
            };
            serde_json::json!({
                "file": r.path.display().to_string(),
                "status": status,
                "outputs": outputs,
                "errors": r.diagnostics.iter().filter(|d| d.is_error()).count(),
                "warnings": r.warnings(),
                "diagnostics": diagnostics,
            })
        })
        .collect();
    let failed = results
        .iter()
        .filter(|r| r.status == Status::Failed)
        .count();
    let doc = serde_json::json!({
        "files": results.len(),
        "failed": failed,
        "results": files,
    });
    serde_json::to_string_pretty(&doc).expect("JSON values always serialize")
}
