#![no_main]
//! Fuzz target `analyze`: the body lives in `src/targets.rs`, shared with the
//! regression replay in `crates/forensics/tests/fuzz_regressions.rs`.

#[path = "../src/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(init: targets::init(), |data: &[u8]| targets::analyze(data));
