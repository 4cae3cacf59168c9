#!/usr/bin/env bash
# Allocation benchmark: our `allocate` process against LEMON's NetworkSimplex on the same feasible pairs.
# Builds everything in Release, installs liblemon-dev if missing, compiles the harness, generates the scenarios
# into bench/out/ (gitignored) and prints the table. Usage: bench/run-allocation.sh [sizes, default 20000,100000]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1:-20000,100000}"

if [ ! -f /usr/include/lemon/network_simplex.h ]; then
  apt-get update -qq && apt-get install -y -qq liblemon-dev
fi

mkdir -p bench/lemon/build bench/out
g++ -O3 -march=native -DNDEBUG -std=c++17 -o bench/lemon/build/lemon_transport bench/lemon/lemon_transport.cpp

# One build at a time: the app (for the real `allocate` process) and the bench driver.
dotnet build -c Release functions/ResponsePortal/ResponsePortal.csproj -v q -nologo
dotnet build -c Release bench/ResponsePortal.Bench/ResponsePortal.Bench.csproj -v q -nologo

IFS=',' read -ra each <<< "$sizes"
for n in "${each[@]}"; do
  [ -f "bench/out/scenario-$n.json" ] || dotnet bench/ResponsePortal.Bench/bin/Release/net10.0/ResponsePortal.Bench.dll \
      generate --offers "$n" --requests "$n" --seed 42 --out "bench/out/scenario-$n.json"
done

dotnet bench/ResponsePortal.Bench/bin/Release/net10.0/ResponsePortal.Bench.dll alloc --sizes "$sizes" \
  --out-dir bench/out --lemon bench/lemon/build/lemon_transport \
  --app functions/ResponsePortal/bin/Release/net10.0/ResponsePortal.dll
