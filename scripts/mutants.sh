#!/usr/bin/env bash
# Mutation testing of the pure core (src/domain, src/transfer, src/store.rs) with cargo-mutants:
# each mutant is a small deliberate bug; a strong suite fails on it ("caught").
# Not part of CI: a full run takes long on two cores. Prints caught / missed / timed out per module.
#
# Usage:
#   scripts/mutants.sh                      every mutant of the core
#   scripts/mutants.sh -f src/domain/incident.rs   one file (a change can be checked in minutes)
#   scripts/mutants.sh --shard 1/8          one eighth of the mutants
#   SITREP_MUTANTS_TESTS="--lib --test domain_merge" scripts/mutants.sh -f src/domain/event.rs
#   SITREP_MUTANTS_TIMEOUT=30 scripts/mutants.sh -f src/transfer/scan.rs   (its loop mutants hang;
#     a hang counts as caught, so a short timeout only makes the run faster)
# Extra arguments go to cargo mutants. Results land in mutants.out/ (see outcomes.json there).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
export PATH="$HOME/.cargo/bin:$PATH"
MUTANTS_VERSION="27.1.0"
if [ "$(cargo mutants --version 2>/dev/null || true)" != "cargo-mutants $MUTANTS_VERSION" ]; then
  echo "[mutants] installing cargo-mutants $MUTANTS_VERSION (a few minutes, once)"
  cargo install cargo-mutants --version "$MUTANTS_VERSION" --locked
fi

args=("$@")
has_file=false
for a in "${args[@]}"; do
  case "$a" in -f|--file|-f*|--file=*) has_file=true ;; esac
done
if [ "$has_file" = false ]; then
  args+=(-f 'src/domain/**/*.rs' -f 'src/transfer/**/*.rs' -f src/store.rs)
fi

# Only the native tests judge the pure core; the browser stages are not needed for it.
# SITREP_MUTANTS_TESTS narrows them for a quick look, e.g. "--lib --test domain_merge".
read -r -a test_args <<< "${SITREP_MUTANTS_TESTS:---lib --tests}"
cargo mutants --no-shuffle --test-tool cargo -j 1 --timeout "${SITREP_MUTANTS_TIMEOUT:-120}" "${args[@]}" -- "${test_args[@]}" || true

python3 - <<'PY'
import json, collections, os
path = os.path.join("mutants.out", "outcomes.json")
data = json.load(open(path))
per = collections.defaultdict(collections.Counter)
for o in data.get("outcomes", []):
    scenario = o.get("scenario")
    if not isinstance(scenario, dict) or "Mutant" not in scenario:
        continue
    file = scenario["Mutant"]["file"]
    module = "/".join(file.split("/")[:2]) if file.startswith("src/") and file.count("/") > 1 else file
    per[module][o.get("summary", "?")] += 1
print()
print(f"| {'module':<22} | caught | missed | timeout | unviable | score |")
print(f"|{'-'*24}|--------|--------|---------|----------|-------|")
total = collections.Counter()
for module in sorted(per):
    c = per[module]
    total.update(c)
    caught, missed, timeout = c["CaughtMutant"], c["MissedMutant"], c["Timeout"]
    judged = caught + missed + timeout
    score = f"{100 * (caught + timeout) / judged:.0f}%" if judged else "—"
    print(f"| {module:<22} | {caught:>6} | {missed:>6} | {timeout:>7} | {c['Unviable']:>8} | {score:>5} |")
caught, missed, timeout = total["CaughtMutant"], total["MissedMutant"], total["Timeout"]
judged = caught + missed + timeout
if judged:
    print(f"| {'all':<22} | {caught:>6} | {missed:>6} | {timeout:>7} | {total['Unviable']:>8} | {100 * (caught + timeout) / judged:.0f}% |")
missed_list = os.path.join("mutants.out", "missed.txt")
if os.path.exists(missed_list) and os.path.getsize(missed_list):
    print("\nMissed (each needs a test, or a line in tests/MUTANTS.md saying why it cannot change behaviour):")
    print(open(missed_list).read().rstrip())
PY
