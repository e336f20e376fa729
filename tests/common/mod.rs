//! Running the `nianbao` binary from the integration tests, with the compiled-in fonts and no
//! SOURCE_DATE_EPOCH from the environment, so results do not depend on the machine.

use std::path::Path;
use std::process::Command;

pub mod snapshot;
pub mod xml;

/// Runs `nianbao` in `dir`; returns the exit code, stdout and stderr.
pub fn nianbao_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .env_remove("NIANBAO_FONT_DIR")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the nianbao binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `nianbao` in the crate's folder (paths relative to it).
pub fn nianbao(args: &[&str]) -> (i32, String, String) {
    nianbao_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}
