//! A seeded mutation test over the reader, the checks, the message renderer and the DOCX writer:
//! thousands of broken variants of the examples and the broken-input corpus. None may panic, and
//! the printed messages stay bounded however many problems a file has. The seed and the count
//! are fixed, so a failure is reproducible (set NIANBAO_FUZZ_ITERATIONS to run longer).

use std::sync::Arc;

use nianbao::diag::{MAX_SHOWN, render_all};
use nianbao::source::Source;

/// Fragments that TOML and our reader treat specially.
const TOKENS: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    "=",
    ",",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "\r",
    "\n",
    "\r\n",
    "#",
    "\\",
    "\\u",
    "0",
    "-1",
    "+1",
    "1.5",
    "1e9",
    "0x1F",
    "99999999999999999999",
    "1_000",
    "nan",
    "inf",
    "true",
    "2025-02-30",
    "\u{FFFE}",
    "\u{7}",
    "\u{0}",
    "年",
    "　",
    "[[part1.sections]]",
    "[part3]",
    "[fonts]\nbody = \"x.ttf\"\n",
    "previous = \"2023.toml\"\n",
    "format = \"2019\"\n",
    "year = 2019\n",
    "total = [",
    "other = [[",
    "text = ",
    "k0 = 1, ",
];

/// xorshift64*: a fixed, dependency-free sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                // Duplicate a stretch (lines, keys, tables).
                let end = (at + rng.below(400)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, t.iter().copied());
            }
        }
    }
    bytes
}

fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in ["examples", "tests/broken"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        out.extend(paths.iter().map(|p| std::fs::read(p).unwrap()));
    }
    out
}

#[test]
fn mutated_reports_never_panic_and_messages_stay_bounded() {
    let iterations: usize = std::env::var("NIANBAO_FUZZ_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let seeds = seeds();
    let mut rng = Rng(0x6E69_616E_6261_6F21);
    let (mut parsed, mut refused) = (0, 0);
    for i in 0..iterations {
        let seed = &seeds[rng.below(seeds.len())];
        let bytes = mutate(&mut rng, seed.clone());
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let source = Arc::new(Source::new(format!("fuzz-{i}.toml"), text));
        let diags = match nianbao::input::parse(Arc::clone(&source)) {
            Ok(report) => {
                parsed += 1;
                let diags = nianbao::check::check(&report, None);
                if !diags.iter().any(|d| d.is_error()) && i % 8 == 0 {
                    let docx = nianbao::docx::render(&report);
                    assert!(docx.starts_with(b"PK"), "case {i}");
                }
                diags
            }
            Err(d) => {
                refused += 1;
                d
            }
        };
        let shown = render_all(&diags);
        // At most MAX_SHOWN messages of at most a few windowed lines each.
        let bound = MAX_SHOWN.min(diags.len()) * 2_000 + 200;
        assert!(
            shown.len() <= bound,
            "case {i}: {} bytes for {} diagnostics",
            shown.len(),
            diags.len()
        );
        for d in &diags {
            if let Some(loc) = &d.location {
                let (line, col) = loc.source.line_col(loc.span.start);
                assert!(line >= 1 && col >= 1, "case {i}: {}", d.message);
            }
        }
    }
    // The mutations reach both sides: reports that still parse and files that do not.
    assert!(parsed > iterations / 20, "only {parsed} parsed");
    assert!(refused > iterations / 20, "only {refused} refused");
}
