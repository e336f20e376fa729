//! Importing a report's DOCX (the example rendered by nianbao): unzip, read, recognise, place.

use criterion::{Criterion, criterion_group, criterion_main};

fn import(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/linjiang-2024.toml");
    let report = nianbao::input::load(std::path::Path::new(path)).expect("example");
    let docx = nianbao::docx::render(&report);
    c.bench_function("import linjiang-2024.docx", |b| {
        b.iter(|| nianbao::import::import(&docx).expect("imports").to_toml())
    });
}

criterion_group!(benches, import);
criterion_main!(benches);
