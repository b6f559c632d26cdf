#!/usr/bin/env bash
# Expands every InferenceX master config with InferenceX's own generator and with bench, for both
# scenario types, and prints per file and scenario "identical", "rejected by both" or the first row
# that differs (rows are compared as a multiset: order does not matter, every key and value does).
#
#   scripts/conformance-inferencex.sh DIR [BENCH]
#
# DIR: an InferenceX checkout or snapshot holding configs/ and utils/matrix_logic/.
# BENCH: the bench executable (default: .build/debug/bench, built if missing).
# The generator's few requirements (pydantic, PyYAML) go into a throwaway venv from PyPI.
# Exit status: 0 when every file conforms, 1 otherwise.
set -euo pipefail
ix=${1:?usage: scripts/conformance-inferencex.sh INFERENCEX_DIR [BENCH]}
cd "$(dirname "$0")/.."
bench=${2:-.build/debug/bench}
[ -x "$bench" ] || swift build --product bench >&2
generator="$ix/utils/matrix_logic/generate_sweep_configs.py"
runners="$ix/configs/runners.yaml"
[ -f "$generator" ] || { echo "no $generator: DIR must be an InferenceX checkout" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q pydantic pyyaml >&2
py="$work/venv/bin/python"

commit=${INFERENCEX_COMMIT:-$(git -C "$ix" rev-parse HEAD 2>/dev/null || echo "(commit unknown: set INFERENCEX_COMMIT)")}
echo "InferenceX $commit; bench $("$bench" --version 2>/dev/null || echo "?")"
status=0
for file in "$ix"/configs/*master*.yaml "$ix"/configs/deprecated/*.yaml; do
  name=${file#"$ix"/}
  for scenario in fixed-seq-len agentic-coding; do
    ixrc=0; benchrc=0
    (cd "$ix" && "$py" utils/matrix_logic/generate_sweep_configs.py full-sweep --no-evals --config-files "$file" \
        --runner-config "$runners" --scenario-type "$scenario") >"$work/ix.json" 2>"$work/ix.err" || ixrc=$?
    "$bench" matrix expand "$file" --format github-actions --scenario "$scenario" --runner-config "$runners" \
        >"$work/bench.json" 2>"$work/bench.err" || benchrc=$?
    verdict=$("$py" - "$work" "$ixrc" "$benchrc" <<'PY'
import json, sys, collections
work, ixrc, benchrc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def last_error(path):
    # bench prints `file:line:col: error: ...` first; InferenceX's traceback ends with pydantic's reason.
    lines = [l.strip() for l in open(path) if l.strip() and not l.strip().startswith("For further information")]
    positioned = [l for l in lines if ": error: " in l]
    errors = [l for l in lines if "error" in l.lower()]
    return (positioned[:1] or errors[-1:] or lines[-1:] or ["?"])[0][:240]
if ixrc and benchrc:
    print(f"rejected by both\n    InferenceX: {last_error(work + '/ix.err')}\n    bench:      {last_error(work + '/bench.err')}")
elif ixrc or benchrc:
    who, err = ("InferenceX", "/ix.err") if ixrc else ("bench", "/bench.err")
    print(f"DIFFERENT: rejected by {who} only: {last_error(work + err)}")
else:
    canon = lambda rows: collections.Counter(json.dumps(r, sort_keys=True) for r in rows)
    ours, theirs = canon(json.load(open(work + "/bench.json"))), canon(json.load(open(work + "/ix.json")))
    if ours == theirs:
        print(f"identical ({sum(theirs.values())} rows)")
    else:
        missing, extra = theirs - ours, ours - theirs
        print(f"DIFFERENT: {sum(missing.values())} InferenceX rows missing, {sum(extra.values())} extra rows from bench")
        if missing: print("    first InferenceX row bench lacks: " + next(iter(missing)))
        if extra: print("    first bench row InferenceX lacks: " + next(iter(extra)))
PY
)
    case "$verdict" in DIFFERENT*) status=1 ;; esac
    printf '%-58s %-15s %s\n' "$name" "$scenario" "$verdict"
  done
done
exit $status
