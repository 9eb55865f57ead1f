#!/usr/bin/env bash
# Fuzz the given targets one after another on ONE core, SECONDS each
# (default: all five targets, 600 s each). Needs a nightly toolchain and
# `cargo install cargo-fuzz`. Crashes land in fuzz/artifacts/<target>/;
# copy each into fuzz/regressions/<target>/ once fixed (replayed by
# `cargo test -p forensics --test fuzz_regressions`).
#
#   fuzz/run.sh                      # everything, 10 minutes each
#   SECONDS_EACH=300 fuzz/run.sh jsonl warc
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/fuzz/target}
SECS=${SECONDS_EACH:-600}
[ -d fuzz/corpus ] || python3 fuzz/seed.py
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse_text jsonl analyze html warc)
# Build once, then run the binaries: a tree that others are editing may not
# build a minute later, and `cargo fuzz run` would rebuild before each target.
cargo +nightly fuzz build -s none -a --target-dir "$TARGET_DIR" || echo "== build failed: fuzzing the last build"
BIN="$TARGET_DIR/x86_64-unknown-linux-gnu/release"
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  echo "== $t: ${SECS}s"
  # -s none: safe Rust needs no AddressSanitizer, and it runs several times
  # faster; -a keeps overflow checks and debug assertions on. One process,
  # one rayon thread: one core.
  RAYON_NUM_THREADS=1 "$BIN/$t" "fuzz/corpus/$t" -artifact_prefix="fuzz/artifacts/$t/" \
    -max_total_time="$SECS" -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 || echo "== $t: stopped with a finding (see fuzz/artifacts/$t)"
done
