//! Fast `memcpy`, `memmove`, `memset`, `memcmp` and `bcmp` for nianbao's static musl build on x86-64.
//!
//! Why: Rust calls these for every copy whose length is not a constant — a cold PDF export makes
//! about 235,000 `memcpy` calls, nine in ten of them under 8 bytes (subset font programs are
//! written a few bytes at a time). musl's x86-64 `memcpy` starts `rep movsq` even for those and
//! finishes byte by byte with `movsb`, and its `memcmp` compares a byte at a time: a third of a
//! cold PDF export went to `memcpy` alone. glibc picks fast routines at start-up, but its static
//! start-up asks the processor about its caches with 68 `cpuid`s, each a VM exit on a
//! virtual machine (0.7 ms more than musl's start-up on the project's machine, a third of a
//! cold `check`), which musl does not do.
//!
//! The routines here: up to 64 bytes with a few overlapping unaligned loads and stores (no loop);
//! longer copies in 32-byte blocks, and from 2 KiB on with `rep movsb`/`rep stosb`, which every
//! x86-64 processor of the last decade runs at cache speed. The functions are exported under the C
//! names only in the musl build (`target_env = "musl"`), where the linker then takes them instead
//! of musl's; elsewhere they are ordinary functions, so the tests run them on any x86-64 host.
//!
//! `no_builtins` keeps LLVM from recognizing the block loops below as a copy and compiling them
//! into a call to `memcpy` — which would be this function calling itself.

#![no_builtins]
#![no_std]
#![cfg(target_arch = "x86_64")]

use core::arch::asm;
use core::ffi::c_int;
use core::ptr::{read_unaligned as load, write_unaligned as store};

/// From this length on, copies and fills use the processor's string instructions.
const REP_THRESHOLD: usize = 2048;

/// Copies `n` bytes from `src` to `dst`; the ranges may overlap in any way.
///
/// # Safety
/// `src` must be valid for reading and `dst` for writing `n` bytes.
#[inline(always)]
pub unsafe fn copy(dst: *mut u8, src: *const u8, n: usize) {
    unsafe {
        if n <= 64 {
            copy_short(dst, src, n);
        } else if (dst as usize).wrapping_sub(src as usize) >= n {
            // `dst` is below `src`, or the ranges do not overlap: copying forwards is safe.
            copy_forward(dst, src, n);
        } else {
            copy_backward(dst, src, n);
        }
    }
}

/// Up to 64 bytes: every load before any store, so overlapping ranges are copied right too.
#[inline(always)]
unsafe fn copy_short(dst: *mut u8, src: *const u8, n: usize) {
    unsafe {
        if n >= 32 {
            let a: u128 = load(src.cast());
            let b: u128 = load(src.add(16).cast());
            let c: u128 = load(src.add(n - 32).cast());
            let d: u128 = load(src.add(n - 16).cast());
            store(dst.cast(), a);
            store(dst.add(16).cast(), b);
            store(dst.add(n - 32).cast(), c);
            store(dst.add(n - 16).cast(), d);
        } else if n >= 16 {
            copy_ends::<u128>(dst, src, n);
        } else if n >= 8 {
            copy_ends::<u64>(dst, src, n);
        } else if n >= 4 {
            copy_ends::<u32>(dst, src, n);
        } else if n > 0 {
            let a = *src;
            let b = *src.add(n / 2);
            let c = *src.add(n - 1);
            *dst = a;
            *dst.add(n / 2) = b;
            *dst.add(n - 1) = c;
        }
    }
}

/// `size_of::<T>() <= n <= 2 * size_of::<T>()` bytes as two words of type `T`, one from each end
/// (overlapping in the middle), both loaded before either is stored.
#[inline(always)]
unsafe fn copy_ends<T: Copy>(dst: *mut u8, src: *const u8, n: usize) {
    unsafe {
        let last = n - size_of::<T>();
        let a: T = load(src.cast());
        let b: T = load(src.add(last).cast());
        store(dst.cast(), a);
        store(dst.add(last).cast(), b);
    }
}

/// More than 64 bytes, `dst` not inside `src..src + n`.
unsafe fn copy_forward(dst: *mut u8, src: *const u8, n: usize) {
    unsafe {
        if n >= REP_THRESHOLD {
            // Architecturally a byte-by-byte forward copy, so also right when `dst` < `src`.
            asm!(
                "rep movsb",
                inout("rcx") n => _,
                inout("rsi") src => _,
                inout("rdi") dst => _,
                options(nostack, preserves_flags)
            );
            return;
        }
        // The last 32 bytes are read first (the blocks may overwrite them when the ranges
        // overlap) and written last, over the end of the last whole block.
        let t0: u128 = load(src.add(n - 32).cast());
        let t1: u128 = load(src.add(n - 16).cast());
        let mut i = 0;
        while i + 32 < n {
            let a: u128 = load(src.add(i).cast());
            let b: u128 = load(src.add(i + 16).cast());
            store(dst.add(i).cast(), a);
            store(dst.add(i + 16).cast(), b);
            i += 32;
        }
        store(dst.add(n - 32).cast(), t0);
        store(dst.add(n - 16).cast(), t1);
    }
}

/// More than 64 bytes, `dst` inside `src + 1..src + n`: from the end, the first 32 bytes last.
unsafe fn copy_backward(dst: *mut u8, src: *const u8, n: usize) {
    unsafe {
        let h0: u128 = load(src.cast());
        let h1: u128 = load(src.add(16).cast());
        let mut end = n;
        while end > 32 {
            let a: u128 = load(src.add(end - 32).cast());
            let b: u128 = load(src.add(end - 16).cast());
            store(dst.add(end - 32).cast(), a);
            store(dst.add(end - 16).cast(), b);
            end -= 32;
        }
        store(dst.cast(), h0);
        store(dst.add(16).cast(), h1);
    }
}

/// Sets `n` bytes at `dst` to `byte`.
///
/// # Safety
/// `dst` must be valid for writing `n` bytes.
#[inline(always)]
pub unsafe fn fill(dst: *mut u8, byte: u8, n: usize) {
    unsafe {
        let v8 = u64::from(byte) * 0x0101_0101_0101_0101;
        let v16 = u128::from(v8) | (u128::from(v8) << 64);
        if n >= REP_THRESHOLD {
            asm!(
                "rep stosb",
                inout("rcx") n => _,
                inout("rdi") dst => _,
                in("al") byte,
                options(nostack, preserves_flags)
            );
        } else if n > 32 {
            let mut i = 0;
            while i + 32 < n {
                store(dst.add(i).cast(), v16);
                store(dst.add(i + 16).cast(), v16);
                i += 32;
            }
            store(dst.add(n - 32).cast(), v16);
            store(dst.add(n - 16).cast(), v16);
        } else if n >= 16 {
            fill_ends(dst, v16, n);
        } else if n >= 8 {
            fill_ends(dst, v8, n);
        } else if n >= 4 {
            fill_ends(dst, v8 as u32, n);
        } else if n > 0 {
            *dst = byte;
            *dst.add(n / 2) = byte;
            *dst.add(n - 1) = byte;
        }
    }
}

/// `size_of::<T>() <= n <= 2 * size_of::<T>()` bytes set with two words `v`, one at each end.
#[inline(always)]
unsafe fn fill_ends<T: Copy>(dst: *mut u8, v: T, n: usize) {
    unsafe {
        store(dst.cast(), v);
        store(dst.add(n - size_of::<T>()).cast(), v);
    }
}

/// Compares `n` bytes as unsigned bytes: negative, zero or positive as `a` sorts before, equal to
/// or after `b` (C's `memcmp`).
///
/// # Safety
/// `a` and `b` must be valid for reading `n` bytes.
#[inline(always)]
pub unsafe fn compare(a: *const u8, b: *const u8, n: usize) -> c_int {
    unsafe {
        let mut i = 0;
        while i + 8 <= n {
            let x: u64 = load(a.add(i).cast());
            let y: u64 = load(b.add(i).cast());
            if x != y {
                // Big-endian, the first differing byte decides.
                return if x.swap_bytes() < y.swap_bytes() {
                    -1
                } else {
                    1
                };
            }
            i += 8;
        }
        while i < n {
            let (x, y) = (*a.add(i), *b.add(i));
            if x != y {
                return c_int::from(x) - c_int::from(y);
            }
            i += 1;
        }
        0
    }
}

#[cfg(target_env = "musl")]
mod exports {
    //! The C names, taken by the linker instead of musl's (defined before libc is searched).
    use core::ffi::{c_int, c_void};

    #[unsafe(no_mangle)]
    unsafe extern "C" fn memcpy(dst: *mut c_void, src: *const c_void, n: usize) -> *mut c_void {
        unsafe { super::copy(dst.cast(), src.cast(), n) };
        dst
    }

    #[unsafe(no_mangle)]
    unsafe extern "C" fn memmove(dst: *mut c_void, src: *const c_void, n: usize) -> *mut c_void {
        unsafe { super::copy(dst.cast(), src.cast(), n) };
        dst
    }

    #[unsafe(no_mangle)]
    unsafe extern "C" fn memset(dst: *mut c_void, c: c_int, n: usize) -> *mut c_void {
        unsafe { super::fill(dst.cast(), c as u8, n) };
        dst
    }

    #[unsafe(no_mangle)]
    unsafe extern "C" fn memcmp(a: *const c_void, b: *const c_void, n: usize) -> c_int {
        unsafe { super::compare(a.cast(), b.cast(), n) }
    }

    #[unsafe(no_mangle)]
    unsafe extern "C" fn bcmp(a: *const c_void, b: *const c_void, n: usize) -> c_int {
        unsafe { super::compare(a.cast(), b.cast(), n) }
    }
}
