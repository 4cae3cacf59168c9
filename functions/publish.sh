#!/usr/bin/env bash
# Builds the deployable Functions app folder: the published ResponsePortal executable (the custom handler) with
# host.json and one folder per function beside it. Zip the folder's contents for deployment (docs/deploy.md).
#   functions/publish.sh [OUTPUT_DIR]      default: publish/ at the repository root
#   SELF_CONTAINED=true functions/publish.sh   bundles the .NET runtime (needs the linux-x64 runtime pack)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/publish}"
self_contained="${SELF_CONTAINED:-false}"

rm -rf "$out"
dotnet publish "$root/functions/ResponsePortal" -c Release -r linux-x64 --self-contained "$self_contained" -o "$out" --nologo

cp "$root/functions/host.json" "$out/"
for function_json in "$root"/functions/*/function.json; do
  name="$(basename "$(dirname "$function_json")")"
  mkdir -p "$out/$name"
  cp "$function_json" "$out/$name/"
done

# The host starts defaultExecutablePath "ResponsePortal" from host.json: it must exist and be executable.
test -x "$out/ResponsePortal" || { echo "publish.sh: $out/ResponsePortal is missing or not executable" >&2; exit 1; }
echo "Deployable folder: $out"
echo "Zip it with: (cd \"$out\" && zip -qr ../responseportal.zip .)"
