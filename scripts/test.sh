#!/usr/bin/env bash
# Full check, the same locally and in CI (.ci/run): setup, then every stage in order, stopping at the
# first failure. Ends with ONE summary line: "N passed, 0 failed" (tests of every layer summed), or the
# name of the stage that failed and a non-zero exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh

export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# wasm start-up in a browser on a loaded 2-core machine can be slow (runner default: 20 s); a hung test costs this much per test binary.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

LOGDIR="$(mktemp -d "${TMPDIR:-/tmp}/sitrep-test.XXXXXX")"
trap 'rm -rf "$LOGDIR"' EXIT

TOTAL_STAGES=7
STAGE_NO=0
PASSED=0
FAILED=0

# cargo test / wasm-bindgen-test-runner: "test result: ok. N passed; M failed; ..." (one per binary)
count_cargo() {
  local p f
  p="$(grep -Eo 'test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed' "$1" | awk '{s += $4} END {print s + 0}')"
  f="$(grep -Eo 'test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed' "$1" | awk '{s += $6} END {print s + 0}')"
  echo "$p $f"
}

# node --test (TAP reporter): "# pass N" / "# fail M"
count_node() {
  local p f
  p="$(grep -E '^# pass [0-9]+' "$1" | awk '{s += $3} END {print s + 0}')"
  f="$(grep -E '^# fail [0-9]+' "$1" | awk '{s += $3} END {print s + 0}')"
  echo "$p $f"
}

fail() {
  echo
  echo "FAILED at stage $STAGE_NO/$TOTAL_STAGES: $1 (tests passed before it: $PASSED)"
  exit 1
}

# stage NAME COUNTER -- COMMAND...   (COUNTER: none | cargo | node)
stage() {
  local name="$1" counter="$2"
  shift 3
  STAGE_NO=$((STAGE_NO + 1))
  local log="$LOGDIR/stage-$STAGE_NO.log" start=$SECONDS
  echo
  echo "==> [$STAGE_NO/$TOTAL_STAGES] $name"
  echo "    \$ $*"
  if ! "$@" 2>&1 | tee "$log"; then
    fail "$name"
  fi
  if [ "$counter" != none ]; then
    local p f
    read -r p f < <("count_$counter" "$log")
    if [ "$f" -ne 0 ]; then
      fail "$name ($f failed)"
    fi
    if [ "$counter" = node ] && [ "$p" -eq 0 ]; then
      fail "$name (no end-to-end tests ran)"
    fi
    PASSED=$((PASSED + p))
    echo "--- $name: $p passed, $f failed ($((SECONDS - start)) s)"
  else
    echo "--- $name: ok ($((SECONDS - start)) s)"
  fi
}

stage "rustfmt" none -- cargo fmt --all -- --check
stage "clippy (host)" none -- cargo clippy --all-targets -- -D warnings
stage "clippy (wasm32)" none -- cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
stage "cargo test (native)" cargo -- cargo test
# Browser tests live in tests/web_*.rs; the pure tests already ran natively above.
stage "cargo test (wasm32, headless Chromium)" cargo -- cargo test --target wasm32-unknown-unknown --test 'web_*'
stage "trunk build --release" none -- trunk build --release --public-url ./
stage "end-to-end (node --test, playwright-core, headless Chromium)" node -- \
  node --test --test-reporter=tap --test-concurrency=1 tests/e2e/

echo
echo "$PASSED passed, $FAILED failed"
