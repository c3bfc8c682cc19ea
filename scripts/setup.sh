#!/usr/bin/env bash
# Idempotent setup shared by scripts/serve.sh and scripts/test.sh (and CI via .ci/run).
# Installs only what is missing or at the wrong version:
#   - the Rust toolchain pinned in rust-toolchain.toml (+ wasm32 target, rustfmt, clippy)
#   - trunk 0.21.14 (cargo install --locked)
#   - wasm-bindgen-cli at the wasm-bindgen version recorded in Cargo.lock (cargo install, NOT --locked)
#   - npm devDependencies (binaryen for wasm-opt, playwright-core for end-to-end tests, @axe-core/playwright for accessibility checks)
#   - Debian chromium + chromium-driver (headless browser tests)
# Each step follows what is known to install on a machine that reaches only the package registries.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# --- Rust ------------------------------------------------------------------------------------------
if [ -d "$HOME/.cargo/bin" ]; then
  case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac
fi
command -v rustup >/dev/null 2>&1 || die "rustup not found on PATH (nor in ~/.cargo/bin). Install rustup first (https://rustup.rs), then re-run."
command -v cargo >/dev/null 2>&1 || die "cargo not found on PATH. Install Rust through rustup first, then re-run."

[ -f rust-toolchain.toml ] || die "rust-toolchain.toml is missing in $ROOT"
CHANNEL="$(sed -n 's/^[[:space:]]*channel[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' rust-toolchain.toml | head -n1)"
[ -n "$CHANNEL" ] || die "could not read channel from rust-toolchain.toml"

if rustup toolchain list | grep -q "^${CHANNEL}[-[:space:]]"; then
  say "rust toolchain $CHANNEL: present"
else
  say "rust toolchain $CHANNEL: installing"
  rustup toolchain install "$CHANNEL" --profile minimal
fi

if rustup target list --installed --toolchain "$CHANNEL" | grep -qx 'wasm32-unknown-unknown'; then
  say "target wasm32-unknown-unknown: present"
else
  say "target wasm32-unknown-unknown: installing"
  rustup target add wasm32-unknown-unknown --toolchain "$CHANNEL"
fi

for comp in rustfmt clippy; do
  if rustup component list --installed --toolchain "$CHANNEL" | grep -q "^${comp}"; then
    say "component $comp: present"
  else
    say "component $comp: installing"
    rustup component add "$comp" --toolchain "$CHANNEL"
  fi
done

# --- trunk -----------------------------------------------------------------------------------------
have_trunk="$(trunk --version 2>/dev/null || true)"
if [ "$have_trunk" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "trunk $TRUNK_VERSION: installing (found: ${have_trunk:-none}; takes ~8 min on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
  have_trunk="$(trunk --version 2>/dev/null || true)"
  [ "$have_trunk" = "trunk $TRUNK_VERSION" ] \
    || die "installed trunk $TRUNK_VERSION, but 'trunk --version' says '${have_trunk:-nothing}' ($(command -v trunk || echo 'not on PATH')): another trunk shadows ~/.cargo/bin"
fi

# --- wasm-bindgen-cli (must match Cargo.lock exactly) ----------------------------------------------
[ -f Cargo.lock ] || die "Cargo.lock is missing; cannot tell which wasm-bindgen-cli to install"
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WB_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
have_wb="$(wasm-bindgen --version 2>/dev/null || true)"
have_runner="$(command -v wasm-bindgen-test-runner || true)"
if [ "$have_wb" = "wasm-bindgen $WB_VERSION" ] && [ -n "$have_runner" ]; then
  say "wasm-bindgen-cli $WB_VERSION: present"
else
  say "wasm-bindgen-cli $WB_VERSION: installing (found: ${have_wb:-none}; takes ~3 min)"
  # Deliberately without --locked: its lock file wants a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
  have_wb="$(wasm-bindgen --version 2>/dev/null || true)"
  [ "$have_wb" = "wasm-bindgen $WB_VERSION" ] && command -v wasm-bindgen-test-runner >/dev/null 2>&1 \
    || die "installed wasm-bindgen-cli $WB_VERSION, but 'wasm-bindgen --version' says '${have_wb:-nothing}' ($(command -v wasm-bindgen || echo 'not on PATH'))"
fi

# --- npm devDependencies ---------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || die "node not found. Install Node.js 20+ (Debian: apt-get install nodejs npm)."
command -v npm >/dev/null 2>&1 || die "npm not found. Install npm (Debian: apt-get install npm)."
STAMP="node_modules/.sitrep-deps-stamp"
if [ -f package-lock.json ]; then
  want_stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
else
  want_stamp="$(sha256sum package.json | cut -d' ' -f1)"
fi
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want_stamp" ] \
   && [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/@axe-core/playwright ]; then
  say "npm devDependencies: up to date"
else
  if [ -f package-lock.json ]; then
    say "npm devDependencies: npm ci"
    npm ci --no-audit --no-fund
  else
    say "npm devDependencies: npm install (no package-lock.json)"
    npm install --no-audit --no-fund
    want_stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
  fi
  printf '%s\n' "$want_stamp" > "$STAMP"
fi

# --- Chromium + chromedriver -----------------------------------------------------------------------
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium + chromedriver: present"
else
  command -v apt-get >/dev/null 2>&1 || die "/usr/bin/chromium or /usr/bin/chromedriver missing and apt-get is unavailable"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install chromium chromium-driver"
    SUDO="sudo"
  fi
  say "chromium + chromedriver: installing with apt-get (~40 s)"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

say "done"
