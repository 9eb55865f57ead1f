//! The `forensics` binary: argument handling and output only; every
//! judgement lives in the library crates.

// The binary, not a library, picks the allocator. mimalloc: a dedup run
// makes millions of short-lived per-document buffers from two threads, and
// glibc malloc cost about a fifth of the run (`cargo xtask bench`, 100k:
// 6.27 s → 4.74 s wall with it); xtask uses it too, so the bench measures
// what the binary runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    forensics_cli::main()
}
