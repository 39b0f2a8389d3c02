#!/usr/bin/env bash
# Packages the extension, offline, into nianbao-VERSION.vsix with the
# `nianbao` server binary inside (server/nianbao).
#
#   bash editors/vscode/scripts/package.sh            # builds nianbao (release) where cargo puts it
#                                                     # (cargo metadata: target_directory, honours CARGO_TARGET_DIR)
#   NIANBAO_BIN=path/to/nianbao bash …/package.sh     # packages that binary instead
#   VSIX=out.vsix bash …/package.sh                   # where to write the package
#
# Prints the path of the .vsix on its last line.
set -euo pipefail
start=$PWD
cd "$(dirname "$0")/.."
ext=$PWD
root=$(cd ../.. && pwd)

bin=${NIANBAO_BIN:-}
case $bin in "" | /*) ;; *) bin=$start/$bin ;; esac
if [ -z "$bin" ]; then
  (cd "$root" && cargo build --release -p nianbao >&2)
  bin=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/nianbao
fi
[ -x "$bin" ] || { echo "package.sh: no executable at $bin" >&2; exit 1; }

mkdir -p server
rm -f server/nianbao
if command -v strip >/dev/null; then strip -o server/nianbao "$bin"; else cp "$bin" server/nianbao; fi
chmod 755 server/nianbao

if [ ! -x node_modules/.bin/vsce ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund >&2
fi

version=$(node -p 'require("./package.json").version')
vsix=${VSIX:-$ext/nianbao-$version.vsix}
case $vsix in /*) ;; *) vsix=$start/$vsix ;; esac
# `vscode:prepublish` bundles src/ into dist/extension.js with esbuild.
npx --no-install vsce package --no-dependencies --out "$vsix" >&2
echo "$vsix"
