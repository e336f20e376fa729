//! What a clerk meets on Windows: a report dropped onto nianbao.exe is rendered beside itself, and
//! a console window Explorer opened for us stays open until Enter is pressed.

use std::ffi::OsString;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

/// The arguments to run: a single `.toml` file and no subcommand (what Explorer passes when a
/// file is dropped onto the program) means `render` that file. `true` if that was the case.
pub fn dropped(mut args: Vec<OsString>) -> (Vec<OsString>, bool) {
    let is_report = args.len() == 2
        && Path::new(&args[1])
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        && Path::new(&args[1]).is_file();
    if is_report {
        args.insert(1, "render".into());
    }
    (args, is_report)
}

/// Whether the console window is ours alone: Explorer opened it for this program (a double click
/// or a dropped file), so it closes the moment we exit.
#[cfg(windows)]
#[allow(unsafe_code)]
pub fn own_window() -> bool {
    use windows_sys::Win32::System::Console::GetConsoleProcessList;
    let mut ids = [0u32; 2];
    // SAFETY: the buffer holds `ids.len()` process ids, as the call is told.
    let attached = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    attached == 1
}

/// Elsewhere a terminal outlives the program.
#[cfg(not(windows))]
pub fn own_window() -> bool {
    false
}

/// Keeps the window open until Enter, so the result can be read (only on an interactive console).
pub fn wait_for_enter() {
    if !std::io::stdin().is_terminal() {
        return;
    }
    eprint!("\n按回车键关闭窗口……");
    let _ = std::io::stderr().flush();
    let _ = std::io::stdin().lock().read_line(&mut String::new());
}

/// Double-clicked with nothing to do: say how to use the program instead of a flash of help text.
pub fn explain_double_click() {
    eprintln!(
        "nianbao（年报）是命令行程序：把报告文件（.toml）拖到 nianbao.exe 上，即在报告旁生成 PDF 和 Word 文件。\n\
         也可以在命令提示符或 PowerShell 中运行，例如：\n  nianbao.exe render 报告.toml\n  nianbao.exe --help"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn a_single_existing_toml_file_is_rendered() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("年报 2024.TOML");
        std::fs::write(&file, "").unwrap();
        let name = file.to_str().unwrap();
        let (args, was_dropped) = dropped(os(&["nianbao", name]));
        assert!(was_dropped);
        assert_eq!(args, os(&["nianbao", "render", name]));
        // Anything else is left to the argument parser.
        for other in [
            os(&["nianbao", "check"]),
            os(&["nianbao", "render", name]),
            os(&["nianbao", &dir.path().join("无.toml").to_string_lossy()]),
            os(&["nianbao"]),
        ] {
            assert_eq!(dropped(other.clone()), (other, false));
        }
    }
}
