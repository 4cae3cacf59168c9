#!/usr/bin/env bash
# Runs every test tier of ResponsePortal and installs what the tests need if it is missing:
# Debian's chromium for the browser tests, npm packages for the emulators in tests/emulators.
set -euo pipefail

cd "$(dirname "$0")"

log() { printf '\n==> %s\n' "$*"; }

# Browser tests drive Debian's chromium; Playwright's own browser download is never used.
if [[ ! -x /usr/bin/chromium ]]; then
  log "Installing Debian chromium for the browser tests"
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update
    apt-get install -y chromium
  else
    sudo apt-get update
    sudo apt-get install -y chromium
  fi
fi

# Local stand-ins for Azure services (Cosmos DB, blobs, SMTP), when the emulator tier exists.
if [[ -f tests/emulators/package.json ]]; then
  log "Installing emulator packages in tests/emulators"
  if [[ -f tests/emulators/package-lock.json ]]; then
    (cd tests/emulators && npm ci --no-audit --no-fund)
  else
    (cd tests/emulators && npm install --no-audit --no-fund)
  fi
fi

log "Building ResponsePortal.sln"
dotnet build ResponsePortal.sln --nologo

results_dir="$(pwd)/TestResults"
rm -rf "$results_dir"

log "Running all test tiers"
status=0
dotnet test ResponsePortal.sln --no-build --nologo \
  --logger "console;verbosity=normal" \
  --logger trx \
  --results-directory "$results_dir" || status=$?

log "Summary"
# One line per test project: passed/failed counts from the trx files.
shopt -s nullglob
all_passed=0
all_failed=0
for trx in "$results_dir"/*.trx "$results_dir"/*/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  printf '  %-50s total %s, passed %s, failed %s\n' "$(basename "$trx")" "${total:-?}" "${passed:-?}" "${failed:-?}"
  all_passed=$((all_passed + ${passed:-0}))
  all_failed=$((all_failed + ${failed:-0}))
done

if [[ $status -ne 0 ]]; then
  echo "FAILED: at least one test failed (exit code $status)."
else
  echo "OK: all tests passed."
fi
# The plain closing line that CI reads, last.
echo "Tests: ${all_passed} passed, ${all_failed} failed"
exit "$status"
