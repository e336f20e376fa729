//! Render-time benchmarks, one criterion group per output: `cargo bench --bench render`.
//! Reports are parsed once outside the measured loop; only rendering is timed.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn example(name: &str) -> nianbao::model::Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    nianbao::input::load(&path).expect("the example parses")
}

/// `docx::render` of the main example (target: under 5 ms warm).
fn docx(c: &mut Criterion) {
    let report = example("examples/xingan-2024.toml");
    let mut group = c.benchmark_group("docx");
    group.bench_function("xingan-2024", |b| {
        b.iter(|| nianbao::docx::render(black_box(&report)))
    });
    group.finish();
}

criterion_group!(benches, docx);
criterion_main!(benches);
