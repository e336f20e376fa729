//! The `nianbao` command line: a thin layer over the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::parse() {
        Ok(args) => ExitCode::from(cli::run(args)),
        Err(code) => ExitCode::from(code),
    }
}
