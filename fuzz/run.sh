#!/usr/bin/env bash
# Fuzz the given targets one after another on ONE core, SECONDS each
# (default: all five targets, 600 s each), at the lowest CPU priority.
# Needs a nightly toolchain and `cargo install cargo-fuzz`. Crashes,
# timeouts (over 10 s) and out-of-memory (over 2 GiB) land in
# fuzz/artifacts/<target>/; copy each into fuzz/regressions/<target>/ once
# fixed (replayed by `cargo test -p forensics --test fuzz_regressions`).
# Each run appends one line to fuzz/runs.tsv (date, target, seconds,
# executions, coverage, features, corpus size, outcome); the full libFuzzer
# output goes to fuzz/logs/ (not committed).
#
#   fuzz/run.sh                      # everything, 10 minutes each
#   SECONDS_EACH=300 fuzz/run.sh jsonl warc
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/fuzz/target}
SECS=${SECONDS_EACH:-600}
python3 fuzz/seed.py
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse_text jsonl analyze html warc)
# Build once, then run the binaries: a tree that others are editing may not
# build a minute later, and `cargo fuzz run` would rebuild before each target.
[ -n "${NO_BUILD:-}" ] || nice -n 19 cargo +nightly fuzz build -s none -a --target-dir "$TARGET_DIR" || echo "== build failed: fuzzing the last build"
BIN="$TARGET_DIR/x86_64-unknown-linux-gnu/release"
mkdir -p fuzz/logs
[ -f fuzz/runs.tsv ] || printf 'date\ttarget\tseconds\texecutions\tcov\tft\tcorpus\toutcome\n' > fuzz/runs.tsv
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log="fuzz/logs/$t-$(date -u +%Y%m%dT%H%M%S).log"
  echo "== $t: ${SECS}s (log $log)"
  start=$(date +%s)
  # -s none: safe Rust needs no AddressSanitizer, and it runs several times
  # faster; -a keeps overflow checks and debug assertions on. One process,
  # one rayon thread: one core.
  outcome=clean
  RAYON_NUM_THREADS=1 nice -n 19 "$BIN/$t" "fuzz/corpus/$t" -artifact_prefix="fuzz/artifacts/$t/" \
    -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || outcome=finding
  secs=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  [ -n "$execs" ] || execs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$last")
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
  corp=$(grep -oE 'corp: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
  [ "$outcome" = clean ] || outcome="finding: $(grep -oE 'ERROR: libFuzzer: [a-z-]+|panicked at [^ ]+' "$log" | head -1) $(grep -oE 'fuzz/artifacts/[^ ]+' "$log" | tail -1)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$secs" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$outcome" >> fuzz/runs.tsv
  tail -1 fuzz/runs.tsv
done
