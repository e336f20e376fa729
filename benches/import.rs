//! Importing a report (the example rendered by nianbao): its DOCX (unzip, read, recognise, place),
//! and its web page, as UTF-8 and as GBK (decode, parse with html5ever, find the report, recognise,
//! place); its spreadsheet from export-tables (read with calamine, place by row and column
//! labels), and export-tables itself.

use criterion::{Criterion, criterion_group, criterion_main};

fn import(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/linjiang-2024.toml");
    let report = nianbao::input::load(std::path::Path::new(path)).expect("example");
    let docx = nianbao::docx::render(&report);
    c.bench_function("import linjiang-2024.docx", |b| {
        b.iter(|| nianbao::import::import(&docx).expect("imports").to_toml())
    });
    let html = nianbao::html::render(&report, &nianbao::html::HtmlOptions::default());
    c.bench_function("import linjiang-2024.html", |b| {
        b.iter(|| nianbao::import::import(&html).expect("imports").to_toml())
    });
    let page = String::from_utf8(html).expect("UTF-8").replace(
        "<meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">",
    );
    let gbk = encoding_rs::GBK.encode(&page).0.into_owned();
    c.bench_function("import linjiang-2024.html in GBK", |b| {
        b.iter(|| nianbao::import::import(&gbk).expect("imports").to_toml())
    });
    c.bench_function("export-tables linjiang-2024.xlsx", |b| {
        b.iter(|| nianbao::export_tables::render(&report).expect("exports"))
    });
    let xlsx = nianbao::export_tables::render(&report).expect("exports");
    c.bench_function("import linjiang-2024.xlsx", |b| {
        b.iter(|| nianbao::import::import(&xlsx).expect("imports").to_toml())
    });
}

criterion_group!(benches, import);
criterion_main!(benches);
