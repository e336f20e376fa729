//! HTML export benchmark: `cargo bench --bench html` (target: under 1 ms warm for xingan-2024).
//! The report is parsed once outside the measured loop; only rendering is timed.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::html::{HtmlOptions, render};

fn html(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan-2024.toml");
    let report = nianbao::input::load(&path).expect("the example parses");
    let mut group = c.benchmark_group("html");
    for (name, fragment) in [("xingan-2024", false), ("xingan-2024-fragment", true)] {
        let options = HtmlOptions { fragment };
        group.bench_function(name, |b| b.iter(|| render(black_box(&report), &options)));
    }
    group.finish();
}

criterion_group!(benches, html);
criterion_main!(benches);
