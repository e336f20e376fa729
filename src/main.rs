//! The `nianbao` command line: a thin layer over the library.

#![deny(unsafe_code)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let (args, dropped) = cli::console::dropped(std::env::args_os().collect());
    let own_window = cli::console::own_window();
    if own_window && args.len() == 1 {
        cli::console::explain_double_click();
        cli::console::wait_for_enter();
        return ExitCode::from(cli::EXIT_USAGE);
    }
    let code = match cli::parse_from(args) {
        Ok(args) => cli::run(args),
        Err(code) => code,
    };
    if dropped && own_window {
        cli::console::wait_for_enter();
    }
    ExitCode::from(code)
}
