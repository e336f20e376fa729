//! The integration tests, as one test binary: every file of tests/ is a module here. One binary
//! links the library and the dev-dependencies once instead of once per file, which is most of what
//! a fresh-clone `cargo test --release` spends (README, "How long the tests take"). Run one file's
//! tests with a filter: `cargo test --release --test suite pdf::`.

mod common;
mod import_support;

mod batch_sum;
mod check_corpus;
mod docx;
mod fastmem;
mod hostile;
mod hostile_fuzz;
mod hostile_kill;
mod hostile_places;
mod hostile_toml;
mod html;
mod import;
mod import_html;
mod import_xlsx;
mod ofd;
mod pdf;
mod prose;
mod release;
mod render_cli;

/// Cargo builds only this file (`autotests = false`): a test file not declared above would
/// silently never run, so its absence fails here.
#[test]
fn every_test_file_is_a_module_of_the_suite() {
    let declared = include_str!("main.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir("tests").unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let is_module = if path.is_dir() {
            path.join("mod.rs").exists()
        } else {
            path.extension().is_some_and(|e| e == "rs") && stem != "main"
        };
        if is_module && !declared.contains(&format!("\nmod {stem};\n")) {
            missing.push(stem);
        }
    }
    assert!(
        missing.is_empty(),
        "tests/{missing:?} not in tests/main.rs: add `mod name;` there (and `use crate::common;` \
         instead of `mod common;` in the file)"
    );
}
