//! The fonts compiled into the executable, listed once: adding a font to `fonts/` and one line here
//! bundles it.

/// Every bundled font file: its name in `fonts/` and its bytes. The bytes stay where the executable
/// has them (`&'static`, never copied), so the OS reads in only the pages a report touches.
macro_rules! bundled {
    ($($file:literal),* $(,)?) => {
        &[$(($file, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/", $file)) as &[u8])),*]
    };
}

pub static BUNDLED: &[(&str, &[u8])] = bundled![
    "FandolSong-Regular.otf",
    "FandolFang-Regular.otf",
    "FandolHei-Regular.otf",
    "FandolKai-Regular.otf",
    "NotoSerifSC-Bold-subset.otf",
    "NotoSerifSC-Regular-subset.otf",
    "LiberationSerif-Regular.ttf",
];

/// The position of a bundled file in [`BUNDLED`].
pub fn position(file: &str) -> Option<usize> {
    BUNDLED.iter().position(|(name, _)| *name == file)
}
