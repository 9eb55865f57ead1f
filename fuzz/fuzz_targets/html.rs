#![no_main]
//! Fuzz target `html`: the body lives in `src/targets.rs`, shared with the
//! regression replay in `crates/forensics/tests/fuzz_regressions.rs`.

#[path = "../src/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::html(data));
