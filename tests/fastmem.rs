//! crates/fastmem (the musl build's memcpy, memmove, memset, memcmp and bcmp) against the standard
//! library's own copies, fills and comparisons: every length to 300 and some long ones, every
//! alignment of source and destination within 16 bytes, and overlapping moves both ways.
#![cfg(target_arch = "x86_64")]

/// Lengths around every branch of the routines (0–300 each, then the string instructions' range).
fn lengths() -> impl Iterator<Item = usize> {
    (0..=300).chain([511, 512, 1000, 2047, 2048, 2049, 4096, 5000, 70_001])
}

/// Bytes no two of which repeat within 251, so a byte copied from the wrong place shows.
fn pattern(n: usize, seed: usize) -> Vec<u8> {
    (0..n).map(|i| ((i + seed * 7) % 251) as u8).collect()
}

#[test]
fn copies_between_separate_buffers() {
    for n in lengths() {
        for (src_off, dst_off) in [(0, 0), (1, 0), (0, 3), (7, 9), (15, 1), (8, 8)] {
            let src = pattern(n + src_off, n);
            let mut dst = vec![0xEE_u8; n + dst_off + 16];
            unsafe { fastmem::copy(dst.as_mut_ptr().add(dst_off), src.as_ptr().add(src_off), n) };
            assert_eq!(
                &dst[dst_off..dst_off + n],
                &src[src_off..],
                "n={n} at {src_off}→{dst_off}"
            );
            assert!(
                dst[..dst_off].iter().all(|&b| b == 0xEE),
                "wrote before, n={n}"
            );
            assert!(
                dst[dst_off + n..].iter().all(|&b| b == 0xEE),
                "wrote after, n={n}"
            );
        }
    }
}

#[test]
fn moves_within_one_buffer_both_ways() {
    for n in lengths().filter(|&n| n <= 5000) {
        for shift in [1, 2, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 200] {
            for forward in [true, false] {
                let mut buf = pattern(n + shift + 8, n + shift);
                let (src, dst) = if forward { (shift, 0) } else { (0, shift) };
                let mut expected = buf.clone();
                expected.copy_within(src..src + n, dst);
                let p = buf.as_mut_ptr();
                unsafe { fastmem::copy(p.add(dst), p.add(src), n) };
                assert!(buf == expected, "n={n} shift={shift} forward={forward}");
            }
        }
    }
}

#[test]
fn fills() {
    for n in lengths() {
        for off in [0, 1, 5, 8, 13] {
            for byte in [0_u8, 0x5A, 0xFF] {
                let mut buf = vec![0xEE_u8; n + off + 16];
                unsafe { fastmem::fill(buf.as_mut_ptr().add(off), byte, n) };
                assert!(
                    buf[off..off + n].iter().all(|&b| b == byte),
                    "n={n} off={off}"
                );
                assert!(buf[..off].iter().all(|&b| b == 0xEE), "wrote before, n={n}");
                assert!(
                    buf[off + n..].iter().all(|&b| b == 0xEE),
                    "wrote after, n={n}"
                );
            }
        }
    }
}

#[test]
fn compares_like_slices() {
    for n in lengths().filter(|&n| n <= 2049) {
        let a = pattern(n, 3);
        assert_eq!(
            unsafe { fastmem::compare(a.as_ptr(), a.clone().as_ptr(), n) },
            0
        );
        // A difference at every place, each way round: the first differing byte decides, as
        // unsigned bytes (0x80 sorts after 0x7F).
        for at in (0..n).step_by(n / 40 + 1) {
            for (x, y) in [(0x7F_u8, 0x80_u8), (0x80, 0x7F), (0, 1), (0xFF, 0xFE)] {
                let mut a = pattern(n, 3);
                let mut b = a.clone();
                a[at] = x;
                b[at] = y;
                if at + 1 < n {
                    // A later byte that points the other way must not decide.
                    a[n - 1] = 0;
                    b[n - 1] = 0xFF;
                }
                let got = unsafe { fastmem::compare(a.as_ptr(), b.as_ptr(), n) };
                assert_eq!(
                    got.signum(),
                    a.cmp(&b) as i32,
                    "n={n} at={at} {x:#x} vs {y:#x}"
                );
            }
        }
    }
}
