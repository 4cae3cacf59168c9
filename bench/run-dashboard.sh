#!/usr/bin/env bash
# Dashboard render time: GET /dashboard over 100,000 listings and 50,000 matches against GET / (the landing page) of the
# same app in the same run, as medians over interleaved rounds. Target: at most 10x. Exit code 1 when over.
# The data is seeded straight into SQLite (ListingRows.Insert and the dashboard's triggers fill the aggregates as rows go in); the app runs
# from its Release build with Portal:Auth:Mode=AppService so the bench signs in by header.
# Usage: bench/run-dashboard.sh [--listings N] [--matches M] [--samples K]
set -euo pipefail
cd "$(dirname "$0")/.."
# One build at a time on the shared cores.
dotnet build -c Release functions/ResponsePortal/ResponsePortal.csproj -v q -nologo
dotnet build -c Release bench/ResponsePortal.Bench/ResponsePortal.Bench.csproj -v q -nologo
mkdir -p bench/out
dotnet bench/ResponsePortal.Bench/bin/Release/net10.0/ResponsePortal.Bench.dll dashboard \
  --app functions/ResponsePortal/bin/Release/net10.0/ResponsePortal.dll "$@"
