#!/usr/bin/env bash
# Ingests a folder of vLLM-style result files with bench and checks, file by file, that what bench
# stored is what the file says: tput_per_gpu = (total_input_tokens + total_output_tokens) / duration /
# GPUs, and the file's own median TTFT, TPOT and E2EL (whichever unit its keys use).
#
#   scripts/check-ingest-results.sh DIR GPUS [bench ingest flags, e.g. --hardware h200]
#
# Used on InferenceX's experimental/token_position_decode_slo/glm-5/results (docs/ingest.md).
set -euo pipefail
dir=${1:?usage: scripts/check-ingest-results.sh DIR GPUS [ingest flags]}
gpus=${2:?usage: scripts/check-ingest-results.sh DIR GPUS [ingest flags]}
shift 2
cd "$(dirname "$0")/.."
bench=${BENCH:-.build/debug/bench}
[ -x "$bench" ] || swift build --product bench >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bench" ingest "$dir" --db "$work/check.sqlite" "$@" > "$work/ingest.log"
"$bench" export --csv "$work/points.csv" --db "$work/check.sqlite" 2>/dev/null
python3 - "$dir" "$gpus" "$work/points.csv" <<'PY'
import csv, glob, json, os, sys
folder, gpus, table = sys.argv[1], int(sys.argv[2]), sys.argv[3]
stored = {}
for row in csv.DictReader(open(table)):
    path = row["engine_command"].split(" from ", 1)[1]
    stored[os.path.basename(path)] = row
def median(result, metric):
    if f"median_{metric}_ms" in result: return result[f"median_{metric}_ms"] / 1000
    return result.get(f"median_{metric}")
def close(a, b): return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(b))
bad = 0
files = sorted(glob.glob(os.path.join(folder, "*.json")))
for path in files:
    name, result = os.path.basename(path), json.load(open(path))
    row = stored.get(name)
    expected = (result["total_input_tokens"] + result["total_output_tokens"]) / result["duration"] / gpus
    checks = {"tput_per_gpu": close(float(row["tput_per_gpu"]), expected) if row else False}
    for metric in ("ttft", "tpot", "e2el"):
        value = median(result, metric)
        checks[f"median_{metric}"] = row is not None and (value is None or close(float(row[f"median_{metric}"]), value))
    ok = all(checks.values())
    bad += not ok
    print(f"{name:52s} tput_per_gpu {float(row['tput_per_gpu']) if row else float('nan'):10.3f} = {expected:10.3f}  "
          f"TTFT {row['median_ttft'] if row else '?':>8.8s} s  TPOT {row['median_tpot'] if row else '?':>8.8s} s  "
          f"E2EL {row['median_e2el'] if row else '?':>8.8s} s  {'ok' if ok else 'MISMATCH ' + ','.join(k for k, v in checks.items() if not v)}")
print(f"{len(files) - bad} of {len(files)} files: bench's stored figures equal the file's")
sys.exit(1 if bad else 0)
PY
