#!/usr/bin/env bash
# Bulk check benchmark: whole-process wall time, CPU time and peak RSS
# (`/usr/bin/time -v`) of `nianbao check --format json` with 1 thread and
# with all cores, and of `nianbao parse --quiet`, on generated corpora.
#
#   server/benches/bulk.sh                 # 1,000 and 10,000 reports
#   server/benches/bulk.sh 1000 10000 100000
#   NIANBAO_BIN=/path/to/nianbao server/benches/bulk.sh 4000
#
# Corpora are written once to ${BULK_DIR:-/tmp/nianbao-bulk}/N (seed 3) and
# reused. Prints a Markdown table (the one in docs/performance.md), with the
# machine's load average (1 minute) as each run starts: on a shared machine
# wall time follows the load; CPU time and peak RSS are comparable.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
if [[ -z "${NIANBAO_BIN:-}" ]]; then
  (cd "$root" && cargo build --release -p nianbao >&2)
  target=$(cd "$root" && cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
  NIANBAO_BIN="$target/release/nianbao"
fi
dir=${BULK_DIR:-/tmp/nianbao-bulk}
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(1000 10000)
cores=$(nproc)

# Runs a command under /usr/bin/time -v; prints "wall_s cpu_s rss_mb cpu_pct".
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
  python3 - "$log" <<'EOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8", errors="replace").read()
def get(name):
    return re.search(re.escape(name) + r": (.*)", t).group(1).strip()
wall = get("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(p) for p in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
cpu = float(get("User time (seconds)")) + float(get("System time (seconds)"))
rss = int(get("Maximum resident set size (kbytes)")) / 1024
print(f"{secs:.2f} {cpu:.2f} {rss:.0f} {get('Percent of CPU this job got')}")
EOF
  rm -f "$log"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $NIANBAO_BIN"
echo
echo "| reports | MB | command | wall s | CPU s | peak RSS MB | CPU % | load |"
echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for n in "${counts[@]}"; do
  corpus="$dir/$n"
  if [[ ! -f "$corpus/defects.json" ]]; then
    "$NIANBAO_BIN" generate --count "$n" --seed 3 -o "$corpus" >&2
  fi
  mb=$(du -sm --apparent-size --exclude=defects.json "$corpus" | cut -f1)
  for run in "parse --quiet" "check --format json -j 1" "check --format json -j $cores"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    # shellcheck disable=SC2086
    read -r wall cpu rss pct < <(measure "$NIANBAO_BIN" $run "$corpus")
    echo "| $n | $mb | \`$run\` | $wall | $cpu | $rss | $pct | $load |"
  done
done
