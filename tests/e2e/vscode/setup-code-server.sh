#!/usr/bin/env bash
# Completes the offline install of code-server from npm, as its postinstall
# script would but without downloads: `npm ci --ignore-scripts` has put
# code-server in tests/e2e/node_modules; here the native modules are built
# from source (node headers from the local Node.js, libkrb5-dev for
# kerberos), Debian's ripgrep takes the place of @vscode/ripgrep's download,
# and the symlinks of the postinstall are made. Idempotent: a marker file
# records a finished setup.
set -euo pipefail
cd "$(dirname "$0")/.."
e2e=$PWD
cs=$e2e/node_modules/code-server
marker=$cs/.nianbao-setup-done
version=$(node -p 'require("./node_modules/code-server/package.json").version')
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$version" ]; then
  exit 0
fi

# Node headers for node-gyp: the local Node.js's, never a download.
nodedir=${npm_config_nodedir:-}
if [ -z "$nodedir" ] && [ -f "$(dirname "$(command -v node)")/../include/node/node.h" ]; then
  nodedir=$(cd "$(dirname "$(command -v node)")/.." && pwd)
fi
nodegyp=$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js
[ -f "$nodegyp" ] || nodegyp=$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js
log=$(mktemp)
trap 'rm -f "$log"' EXIT
quiet() { "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "setup-code-server: failed: $*" >&2; return 1; }; }
gyp() { (cd "$1" && quiet node "$nodegyp" rebuild --release ${nodedir:+--nodedir="$nodedir"}); }

echo "code-server $version: native modules and VS Code dependencies (offline)"
# code-server's own dependency with a native part (password hashing).
(cd "$e2e" && npm_config_nodedir=$nodedir quiet npm rebuild argon2 --foreground-scripts)
node -e 'require(process.argv[1])' "$e2e/node_modules/argon2" \
  || { echo "setup-code-server: argon2 did not build" >&2; exit 1; }

cd "$cs/lib/vscode"
quiet npm install --omit=dev --ignore-scripts --no-audit --no-fund
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
for m in @vscode/spdlog node-pty native-watchdog kerberos @vscode/deviceid; do
  gyp "node_modules/$m"
done
# What code-server's postinstall.sh does after installing.
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && rm -f code-server && ln -s code-linux.sh code-server)
(cd bin/helpers && rm -f browser.sh && ln -s browser-linux.sh browser.sh)
(cd extensions && quiet npm install --omit=dev --ignore-scripts --no-audit --no-fund && quiet node ./postinstall.mjs)

echo "$version" >"$marker"
