#!/usr/bin/env bash
# Match-and-notify pipeline benchmark (embedded mode), in one run:
#  1. latency from submission to both e-mails written: the real app (Release) as a child process on a fresh data
#     directory, an open-loop stream of PIPELINE_RATE submissions per second (default 100: 50 matching offer/request
#     pairs per second) for PIPELINE_SECONDS; p50/p90/p99/max after a warm-up; target p99 <= 200 ms;
#  2. work-queue throughput (enqueue + lease + complete, durable) against a raw one-INSERT-per-transaction loop with
#     the same durability (WAL, synchronous=FULL), as a ratio (absolute numbers swing with the shared disk and CPUs).
# Usage: bench/run-pipeline.sh   Knobs: PIPELINE_RATE (100), PIPELINE_SECONDS (25), PIPELINE_WARMUP (3),
#        PIPELINE_QUEUE_SECONDS (6), PIPELINE_DIR (data on the disk you deploy to; default the system temp dir),
#        PIPELINE_SKIP_BUILD=1.
# Exit status 0 when every submission was acknowledged, every pair matched with its own partner and both mails arrived.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$repo/bench/ResponsePortal.Bench"
app="$repo/functions/ResponsePortal/bin/Release/net10.0/ResponsePortal.dll"
bench_dll="$bench/bin/Release/net10.0/ResponsePortal.Bench.dll"

if [[ "${PIPELINE_SKIP_BUILD:-0}" != 1 || ! -f "$bench_dll" || ! -f "$app" ]]; then
  echo "[pipeline] building the app and the bench (Release)" >&2
  dotnet build -c Release "$bench/ResponsePortal.Bench.csproj" --nologo -v quiet >/dev/null
fi

echo "[pipeline] $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
args=(pipeline --app "$app"
  --rate "${PIPELINE_RATE:-100}" --seconds "${PIPELINE_SECONDS:-25}" --warmup "${PIPELINE_WARMUP:-3}"
  --queue-seconds "${PIPELINE_QUEUE_SECONDS:-6}")
if [[ -n "${PIPELINE_DIR:-}" ]]; then
  args+=(--dir "$PIPELINE_DIR")
fi
exec dotnet "$bench_dll" "${args[@]}"
