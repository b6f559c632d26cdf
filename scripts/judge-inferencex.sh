#!/usr/bin/env bash
# The simulated engine judged on InferenceX's published DeepSeek-R1 frontier points (never used to
# fit it): simulate the DeepSeek-R1 deployments InferenceX runs (its master configs, kept as test
# fixtures: the current ones for 8k/1k and the 1k/1k ones it deprecated in July 2026, which hold the
# deployments behind its published 1k/1k points) on the virtual clock, then compare each published
# point with the best simulated series of its GPU and precision at its interactivity
# (scripts/judge-inferencex.py).
# Usage: scripts/judge-inferencex.sh [BENCH] (default: .build/release/bench). Needs python3 with PyYAML.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${1:-.build/release/bench}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixtures=Tests/OrchestratorTests/Fixtures/inferencex

"$bench" run --virtual --matrix "$fixtures/nvidia-master.yaml" --matrix "$fixtures/amd-master.yaml" --runner-config "$fixtures/runners.yaml" \
  --filter model-prefix=dsr1 --db "$work/judge.sqlite" --logs "$work/logs" --no-dashboard >/dev/null 2>&1 || true
"$bench" run --virtual --matrix "$fixtures/nvidia-1k1k-master.yaml" --matrix "$fixtures/amd-1k1k-master.yaml" --runner-config "$fixtures/runners.yaml" \
  --filter model-prefix=dsr1 --db "$work/judge.sqlite" --logs "$work/logs" --no-dashboard >/dev/null 2>&1 || true
"$bench" pareto --db "$work/judge.sqlite" --y tput-per-gpu --json > "$work/pareto.json"
python3 scripts/judge-inferencex.py "$work/pareto.json" docs/sources/figures-inferencex.yaml
