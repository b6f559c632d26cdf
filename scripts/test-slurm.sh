#!/usr/bin/env bash
# bench submit --slurm against a real single-node Slurm cluster on localhost (run by .ci/run):
# starts the cluster, submits a Llama-70B sweep (virtual clock, small points) as a 3-task job array, waits,
# merges, and checks the merged run has exactly the points of an unsharded sweep, once each;
# a second ingest of the same shards adds nothing. Needs root (apt, munged, slurmd); without it it fails
# unless BENCH_ALLOW_SKIP names slurm.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
source scripts/skip-or-fail.sh
[ "$(id -u)" = 0 ] || cannot_run slurm "it needs root to install and start Slurm"
work=$(mktemp -d /tmp/bench-slurm.XXXXXX)
trap 'scripts/slurm-local-cluster.sh stop "$work/cluster" || true' EXIT
scripts/slurm-local-cluster.sh start "$work/cluster"
export SLURM_CONF="$work/cluster/slurm.conf"
swift build --product bench >&2
bench=$(swift build --show-bin-path)/bench

# Small points (conc ≤ 8, 2 × conc requests) keep the simulated work to seconds.
sweep=(--matrix matrices/llama70b.yaml --virtual --seq-lens 1k1k --max-conc 8)
"$bench" submit --slurm --shards 3 "${sweep[@]}" --run-arg=--num-prompts-per-conc --run-arg=2 \
  --dir "$work/array" --db "$work/merged.sqlite" --wait --wait-timeout 5m
"$bench" run "${sweep[@]}" --num-prompts-per-conc 2 --db "$work/whole.sqlite" --no-dashboard >/dev/null 2>&1
# Idempotent: merging the same shards again adds nothing.
"$bench" ingest "$work"/array/shard-*.sqlite --db "$work/merged.sqlite" >&2

# Tasks that fail (here: an option bench run refuses) are named, with their logs, and exit 2.
set +e
failed=$("$bench" submit --slurm --shards 2 "${sweep[@]}" --run-arg=--repeats --run-arg=0 --dir "$work/failing" \
  --db "$work/failing.sqlite" --wait --wait-timeout 5m 2>&1)
status=$?
set -e
if [ "$status" != 2 ] || ! grep -q "task 1 exited 64" <<<"$failed"; then
  echo "test-slurm: FAILED: a failing array should exit 2 naming its tasks; got $status: $failed" >&2
  exit 1
fi

python3 - "$work" <<'PY'
import sqlite3, sys
work = sys.argv[1]
def keys(path):
    db = sqlite3.connect(path)
    rows = db.execute("""SELECT d.natural_key, p.isl, p.osl, p.conc, p.repeat_index, p.status FROM point p
                         JOIN deployment d ON d.id = p.deployment_id""").fetchall()
    runs = db.execute("SELECT uid, status FROM run").fetchall()
    return rows, runs
merged, merged_runs = keys(f"{work}/merged.sqlite")
whole, _ = keys(f"{work}/whole.sqlite")
assert len(merged_runs) == 1 and merged_runs[0][0].startswith("slurm-") and merged_runs[0][1] == "finished", merged_runs
assert len(merged) == len(set(merged)), "duplicates after merging twice"
assert sorted(merged) == sorted(whole), f"merged {len(merged)} points, unsharded {len(whole)}"
tasks = {}
for shard in range(3):
    db = sqlite3.connect(f"{work}/array/shard-{shard}.sqlite")
    for (key,) in db.execute("SELECT DISTINCT d.natural_key FROM point p JOIN deployment d ON d.id = p.deployment_id"):
        assert key not in tasks, f"deployment {key} ran on tasks {tasks[key]} and {shard}"
        tasks[key] = shard
print(f"test-slurm: ok: {len(merged)} points over {len(set(tasks.values()))} tasks merged into one run, none twice, none missing")
PY
