#!/usr/bin/env bash
# Benchmark: native file-format timings, then the app in headless Chromium against plain-JS
# baselines measured in the same run. Prints tables; asserts nothing about time.
# Usage: scripts/bench.sh [runs]   (default 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
ARCHIVE="$(mktemp -d "${TMPDIR:-/tmp}/sitrep-bench.XXXXXX")/archive.json"
trap 'rm -rf "$(dirname "$ARCHIVE")"' EXIT
SITREP_BENCH_FILE="$ARCHIVE" cargo bench --bench transfer
trunk build --release --public-url ./
node tests/bench/browser.mjs "$ARCHIVE" "${1:-3}"
