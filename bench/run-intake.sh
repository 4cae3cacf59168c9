#!/usr/bin/env bash
# Intake throughput: requests/s of POST /api/offers divided by requests/s of GET /healthz,
# both measured with identical wrk settings against the same running portal in the same run.
#
# Why a ratio: the machine has 2 cores shared with other engineers' builds and benchmarks, so absolute
# requests/s swing with whatever else runs. /healthz does (almost) no work of its own, so it measures what
# the host, Kestrel and wrk cost right now; the ratio says what share of that the durable write path keeps.
#
# Usage: bench/run-intake.sh            (from anywhere; the repository is found from this file's location)
# Knobs (environment): INTAKE_THREADS (2), INTAKE_CONNECTIONS (64), INTAKE_DURATION (6s),
#                      INTAKE_WARMUP (5s: one warm-up slice; slices repeat until the JIT is done, at most
#                      INTAKE_WARMUP_SLICES = 12 per endpoint), INTAKE_ROUNDS (5: pairs of healthz+POST runs in this one start),
#                      INTAKE_SKIP_BUILD=1 (reuse bench/out from an earlier run).
# Exit status: 0 when every measured request got its expected status and every 201 is stored;
#              1 otherwise (a run with errors is a failed benchmark, whatever its numbers).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
intake="$repo/bench/intake"
out="$repo/bench/out"

threads="${INTAKE_THREADS:-2}"
connections="${INTAKE_CONNECTIONS:-64}"
# Five pairs of 6 s rather than three of 10 s: the same minute of measuring, but each pair's two runs lie closer in
# time (less of the neighbours' drift between them) and the median of five moves less with one disturbed pair.
duration="${INTAKE_DURATION:-6s}"
warmup="${INTAKE_WARMUP:-5s}"
warmup_slices="${INTAKE_WARMUP_SLICES:-12}"
rounds="${INTAKE_ROUNDS:-5}"
target_ratio="0.25"

log() { printf '[intake] %s\n' "$*" >&2; }
fail() { printf '[intake] FAILED: %s\n' "$*" >&2; exit 1; }

# --- Tools ---------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "wrk is missing; installing it from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
for tool in curl jq python3 dotnet; do
  command -v "$tool" >/dev/null || fail "$tool is required"
done

# --- Build ---------------------------------------------------------------------------------------------
# Release, published into bench/out (git-ignored): a Debug build would measure the JIT's debug code.
if [[ "${INTAKE_SKIP_BUILD:-0}" != 1 || ! -f "$out/ResponsePortal.dll" ]]; then
  log "publishing the portal (Release) to bench/out"
  dotnet publish "$repo/functions/ResponsePortal" -c Release -o "$out" --nologo -v quiet >/dev/null
fi

# --- Start the portal ----------------------------------------------------------------------------------
# A fresh data directory per run: the POST count is checked against the stored total, and an old database
# would also make runs incomparable (bigger indexes, a long WAL).
data_dir="$(mktemp -d -t intake-data.XXXXXX)"
app_log="$data_dir/portal.log"
app_pid=""
cleanup() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir"
}
trap cleanup EXIT INT TERM

# Ask the kernel for a free port (bind to 0) rather than guessing one another engineer may be using.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"

log "starting the portal on $base with data directory $data_dir"
# Production environment and the app's own logging defaults: the benchmark measures the app as deployed.
ASPNETCORE_ENVIRONMENT=Production \
Portal__DataDirectory="$data_dir" \
  dotnet "$out/ResponsePortal.dll" --urls "$base" >"$app_log" 2>&1 &
app_pid=$!

for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then break; fi
  kill -0 "$app_pid" 2>/dev/null || { cat "$app_log" >&2; fail "the portal exited during start"; }
  sleep 0.2
done
curl -fsS -o /dev/null "$base/healthz" || { cat "$app_log" >&2; fail "the portal did not answer /healthz within 20 s"; }

# --- Load generation -----------------------------------------------------------------------------------
# Dates relative to today (UTC, like the portal's validator): availability starts in 10 days, ends in 70.
export INTAKE_AVAILABLE_FROM="$(date -u -d '+10 days' +%F)"
export INTAKE_EXPIRES_AT="$(date -u -d '+70 days' +%F)"

# Prints the "INTAKE key value" lines of one wrk run; $1 = script, $2 = duration.
run_wrk() {
  wrk -t"$threads" -c"$connections" -d"$2" --latency -s "$intake/$1" "$base" | grep '^INTAKE ' | cut -d' ' -f2-
}
value() { awk -v key="$1" '$1 == key { print $2 }' <<<"$2"; }
offers_total() { curl -fsS "$base/api/offers?pageSize=1" | jq -er '.total'; }

# Checks one run's answers; $1 = label, $2 = its INTAKE lines. Prints nothing when all is well.
check_answers() {
  local unexpected errors
  unexpected="$(value unexpected "$2")"; errors="$(value socket_errors "$2")"
  if (( unexpected > 0 || errors > 0 )); then
    log "$1: $unexpected unexpected statuses, $errors socket errors:"
    grep '^status_' <<<"$2" >&2 || true
    return 1
  fi
}

# CPU time (clock ticks) the runtime's tiered-compilation thread has used so far; 0 when there is none.
# .NET compiles a method quickly first and again, optimised with the profile it gathered, once it is hot.
# Under load on two cores that second compilation of the POST path takes 15-20 s and a third of a core
# (measured 2026-11-22): a round measured meanwhile measures the JIT, not the portal.
jit_ticks() {
  local total=0 task stat fields
  for task in /proc/"$app_pid"/task/*; do
    [[ "$(cat "$task/comm" 2>/dev/null)" == ".NET Tiered Com"* ]] || continue
    stat="$(cat "$task/stat" 2>/dev/null)" || continue
    read -r -a fields <<<"${stat##*) }"      # the fields after "(comm)": state is [0], utime [11], stime [12]
    total=$(( total + fields[11] + fields[12] ))
  done
  echo "$total"
}

# Warms one endpoint up in slices of $warmup until a slice passes with the tiered compiler (nearly) idle:
# under 10 ticks, 0.1 s of CPU. The thread exits when it has nothing to do, so a slice whose count went
# down (the thread left and maybe came back) does not count as quiet. $1 = label, $2 = wrk script.
warm_up() {
  local slice before after lines
  for slice in $(seq 1 "$warmup_slices"); do
    before="$(jit_ticks)"
    lines="$(run_wrk "$2" "$warmup")"
    after="$(jit_ticks)"
    check_answers "warm-up $1" "$lines" || return 1
    if (( after >= before && after - before < 10 )); then
      log "warm-up $1: the JIT went quiet in slice $slice ($warmup each)"
      return 0
    fi
  done
  log "warm-up $1: the JIT was still compiling after $warmup_slices slices of $warmup; measuring anyway"
}

# Warm-up: the JIT (see jit_ticks), connection pools, SQLite page cache and the WAL file all reach steady
# state before anything is measured. Its POSTs are stored too, which is why the stored total is read
# again right before each measured POST run.
log "warming up both endpoints until the JIT is done (slices of $warmup)"
warm_up /healthz get-healthz.lua || fail "warm-up of /healthz had errors"
warm_up POST post-offer.lua || { tail -n 40 "$app_log" >&2; fail "warm-up POSTs had errors"; }

status=0
ratios=()
for round in $(seq 1 "$rounds"); do
  log "round $round/$rounds: wrk -t$threads -c$connections -d$duration against GET /healthz and POST /api/offers"
  # Neighbours' load drifts over a run; alternating which endpoint goes first spreads that drift over both.
  if (( round % 2 == 1 )); then health="$(run_wrk get-healthz.lua "$duration")"; fi
  before="$(offers_total)"
  post="$(run_wrk post-offer.lua "$duration")"
  # wrk stops at the deadline with one request per connection still on the wire. The portal may still
  # commit those (nobody reads the 201), so give it a moment to finish them before counting.
  sleep 1
  after="$(offers_total)"
  if (( round % 2 == 0 )); then health="$(run_wrk get-healthz.lua "$duration")"; fi

  check_answers "GET /healthz" "$health" || status=1
  check_answers "POST /api/offers" "$post" || status=1

  health_rps="$(value rps "$health")"
  post_rps="$(value rps "$post")"
  created="$(value expected "$post")"
  in_flight=$(( $(value sent "$post") - $(value answered "$post") ))
  stored=$(( after - before ))
  # Durability check: every 201 must be in the store. The only rows allowed beyond the 201s are those of
  # requests wrk abandoned at the deadline (in flight, answer never read): at most one per connection.
  extra=$(( stored - created ))
  if (( extra < 0 )); then
    log "POST /api/offers: $created answered 201 but only $stored were stored"; status=1
  elif (( extra > in_flight )); then
    log "POST /api/offers: $stored stored but only $created answered 201 and $in_flight were in flight"; status=1
  fi

  ratio="$(awk -v p="$post_rps" -v h="$health_rps" 'BEGIN { printf "%.3f", p / h }')"
  ratios+=("$ratio")
  printf 'round %d: GET /healthz %10.1f req/s | POST /api/offers %10.1f req/s | ratio POST/healthz %s\n' \
    "$round" "$health_rps" "$post_rps" "$ratio"
  printf '         POST: %d answered 201, %d stored (%d more from %d requests in flight at the deadline)\n' \
    "$created" "$stored" "$extra" "$in_flight"
done

if (( status != 0 )); then
  tail -n 40 "$app_log" >&2
  fail "the benchmark had errors; its numbers do not count"
fi

# With several rounds the median is the figure to quote: one noisy neighbour spike does not move it.
median="$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
verdict="$(awk -v r="$median" -v t="$target_ratio" 'BEGIN { print (r >= t) ? "meets" : "is below" }')"
range="$(printf '%s\n' "${ratios[@]}" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo " to " hi }')"
printf 'ratio POST/healthz (median of %d, rounds %s): %s, which %s the target of %s\n' "$rounds" "$range" "$median" "$verdict" "$target_ratio"
