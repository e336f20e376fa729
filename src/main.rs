//! The `nianbao` command line: a thin layer over the library.

#![deny(unsafe_code)]

mod cli;

use std::process::ExitCode;

// The static Linux x86-64 release build (musl): mimalloc as the allocator and crates/fastmem's
// memcpy & co. instead of musl's (see the why-comments in Cargo.toml).
#[cfg(target_env = "musl")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
#[cfg(all(target_env = "musl", target_arch = "x86_64"))]
extern crate fastmem;

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
