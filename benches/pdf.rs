//! PDF render time of the main example (issue 3 targets: < 10 ms warm; issue 14: the OFD within
//! 1.5× of the PDF; see the README section
//! "Measuring" for the cold-process time and peak memory).
//!
//! `cargo bench --bench pdf`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::fonts::{FontBook, FontOptions};
use nianbao::ofd::{self, OfdOptions};
use nianbao::pdf::{PdfOptions, render};

fn report() -> nianbao::model::Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan-2024.toml");
    nianbao::input::load(&path).expect("example parses")
}

fn bench(c: &mut Criterion) {
    let report = report();
    let options = PdfOptions::default();
    let book = FontBook::new(FontOptions::bundled_only());
    book.preload_bundled().expect("bundled fonts");

    c.bench_function("pdf xingan-2024 (fonts loaded)", |b| {
        b.iter(|| render(black_box(&report), &book, &options).expect("renders"))
    });
    // Issue 14: the OFD of the same report within 1.5× of the PDF's time.
    let ofd_options = OfdOptions::default();
    c.bench_function("ofd xingan-2024 (fonts loaded)", |b| {
        b.iter(|| ofd::render(black_box(&report), &book, &ofd_options).expect("renders"))
    });
    c.bench_function("layout xingan-2024 (fonts loaded)", |b| {
        b.iter(|| nianbao::layout::layout_report(black_box(&report), &book).expect("lays out"))
    });
    c.bench_function("pdf xingan-2024 including FontBook creation", |b| {
        b.iter(|| {
            let book = FontBook::new(FontOptions::bundled_only());
            render(black_box(&report), &book, &options).expect("renders")
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
