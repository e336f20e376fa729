//! The `nianbao` command line: a thin layer over the library.

#![deny(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let (args, dropped) = cli::console::dropped(std::env::args_os().collect());
    let own_window = cli::console::own_window();
    if own_window && args.len() == 1 {
        cli::console::explain_double_click();
        cli::console::wait_for_enter();
        return ExitCode::from(cli::EXIT_USAGE);
    }
    let code = cli::run(cli::Cli::parse_from(args));
    if dropped && own_window {
        cli::console::wait_for_enter();
    }
    ExitCode::from(code)
}
