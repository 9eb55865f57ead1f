#![no_main]
//! Fuzz target `parse_text`: the body lives in `src/targets.rs`, shared with the
//! regression replay in `crates/forensics/tests/fuzz_regressions.rs`.

#[path = "../src/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::parse_text(data));
