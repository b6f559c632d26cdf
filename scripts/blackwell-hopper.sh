#!/usr/bin/env bash
# The Blackwell/Hopper check: DeepSeek-R1 on SGLang, B200 and GB200 against H100 and H200, across
# the whole Pareto frontier at 1k/1k, 1k/8k and 8k/1k, on the simulated engine's virtual clock,
# read with `bench compare` (min / median / max of the tok/s/GPU ratio over the interactivity
# range both frontiers cover). Prints a markdown table; docs/simulator.md holds its output.
# Usage: scripts/blackwell-hopper.sh [BENCH] (default: .build/release/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${1:-.build/release/bench}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bench" run --virtual --matrix matrices/dsr1-fp8.yaml --matrix matrices/dsr1-fp4.yaml \
  --filter hardware=h100,h200,b200,gb200 --db "$work/bh.sqlite" --logs "$work/logs" --no-dashboard >/dev/null 2>&1

echo "| ISL/OSL | a | b | range (tok/s/user) | min | median | max |"
echo "|---|---|---|---|---|---|---|"
for seq in "1024 1024" "1024 8192" "8192 1024"; do
  set -- $seq
  for a in "b200 fp4" "b200 fp8" "gb200 fp4" "gb200 fp8"; do
    for b in "h200 fp8" "h100 fp8"; do
      read -r ah ap <<<"$a"; read -r bh bp <<<"$b"
      "$bench" compare --db "$work/bh.sqlite" --json \
        --a "hardware=$ah precision=$ap isl=$1 osl=$2" --b "hardware=$bh precision=$bp isl=$1 osl=$2" |
        python3 -c '
import json, sys
r = json.load(sys.stdin)
label = sys.argv[1]
if r.get("overlap") is None:
    print(f"| {label} | no shared interactivity range | | | |")
else:
    lo, hi = r["overlap"]
    low, middle, high = r["min"], r["median"], r["max"]
    print(f"| {label} | {lo:.0f}–{hi:.0f} | {low:.2f}× | {middle:.2f}× | {high:.2f}× |")
' "$1/$2 | $ah ${ap^^} | $bh ${bp^^}"
    done
  done
done
