# Shared by the headless-Chromium page tests (html-report.sh, stats-html.sh); sourced, not run.
# Sets root, out (screenshots), NIANBAO_BIN (default: debug/nianbao in cargo's target directory, built if
# missing), CHROMIUM (default: chromium), a scratch folder `work` removed on exit, and `browser ARGS…`.
# $1: the calling test's name, for the error message.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$root/tests/e2e/out
mkdir -p "$out"
if [ -z "${NIANBAO_BIN:-}" ]; then
  target=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
  NIANBAO_BIN=$target/debug/nianbao
  [ -x "$NIANBAO_BIN" ] || cargo build -p nianbao --manifest-path "$root/Cargo.toml"
fi
CHROMIUM=${CHROMIUM:-chromium}
command -v "$CHROMIUM" >/dev/null || { echo "$1: no $CHROMIUM (apt-get install chromium)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

browser() {
  timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" "$@" 2>/dev/null
}
