#!/usr/bin/env bash
# Development server: setup (idempotent), then `trunk serve` on http://127.0.0.1:8080/ with live reload.
# Extra arguments go to trunk serve (e.g. scripts/serve.sh --release).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh

# node_modules/.bin provides wasm-opt (binaryen 132) for release builds; ~/.cargo/bin has trunk + wasm-bindgen.
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "[serve] Sitrep will be at http://127.0.0.1:8080/ (Ctrl-C to stop)"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
