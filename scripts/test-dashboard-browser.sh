#!/usr/bin/env bash
# The dashboard in a real headless Chromium: builds a site from a virtual-clock sweep of the
# quickstart plus a config whose key is markup, then runs test-dashboard-browser.py against it.
# .ci/run installs Chromium first; without Chromium or Playwright this fails, unless BENCH_ALLOW_SKIP
# names dashboard-browser.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/skip-or-fail.sh
venv=.peers/browser
work=$(mktemp -d /tmp/bench-dashboard.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ ! -x /usr/bin/chromium ]; then
    cannot_run dashboard-browser "/usr/bin/chromium is missing (apt-get install chromium)"
fi
if ! "$venv/bin/python" -c "import playwright" 2>/dev/null; then
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q playwright; } >"$work/pip.log" 2>&1; then
        cannot_run dashboard-browser "pip could not install playwright: $(tail -2 "$work/pip.log" | tr '\n' ' ')"
    fi
fi

swift build --product bench >&2
bench=$(swift build --show-bin-path)/bench
# A second model whose name is markup (config keys may not hold it: the matrix refuses them): it must show as
# text. "zz" sorts it after the quickstart model, whose view comes first.
cat >"$work/hostile.yaml" <<'YAML'
hostile-gptoss-fp4-h200-vllm:
  image: img
  model: "zz <img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>"
  model-prefix: gptoss
  runner: h200
  precision: fp4
  framework: vllm
  multinode: false
  scenarios:
    fixed-seq-len:
    - isl: 1024
      osl: 128
      search-space:
      - { tp: 1, conc-list: [4, 16] }
YAML
"$bench" run --matrix matrices/quickstart.yaml "$work/hostile.yaml" --virtual --db "$work/bench.sqlite" --no-dashboard >/dev/null
# Run 2 repeats the quickstart twice: the page first shows this newest run (10 points), 15 with all runs.
"$bench" run --matrix matrices/quickstart.yaml --virtual --repeats 2 --db "$work/bench.sqlite" --dashboard "$work/site" >/dev/null
# The frontier as bench pareto (the Analysis target) computes it, for the browser's to match.
frontier=$("$bench" pareto --db "$work/bench.sqlite" --filter 'model=deepseek* run=2' --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
# The two-run comparison as bench compare computes it (B200 over H200, newest run), for the browser's to match.
export BENCH_COMPARE_MEDIAN=$("$bench" compare --db "$work/bench.sqlite" --a 'model=deepseek* hardware=b200 run=2' --b 'model=deepseek* hardware=h200 run=2' --json \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['median'])")
# A history for the regression marks: four runs, then two with every GPU 15% slower, and an
# annotation whose text is markup (it must show as text).
for efficiency in 1 1 1 1 0.85 0.85; do
  "$bench" run --matrix matrices/quickstart.yaml --virtual --sim-efficiency "$efficiency" --db "$work/history.sqlite" --no-dashboard >/dev/null 2>&1
done
"$bench" annotate 1 '<b id="annotation-markup">driver 575</b>' --db "$work/history.sqlite" 2>/dev/null
"$bench" regressions --db "$work/history.sqlite" >/dev/null
"$bench" dashboard --db "$work/history.sqlite" --out "$work/marks-site" 2>/dev/null
# 30 series in one view: 6 GPUs (two vendors) x 5 frameworks, two concurrencies each.
for gpu in h100 h200 b200 gb200 mi300x mi355x; do
  for framework in sglang vllm trt atom dynamo-sglang; do
    cat >>"$work/many.yaml" <<YAML
gptoss-fp4-$gpu-$framework:
  image: img
  model: openai/gpt-oss-120b
  model-prefix: gptoss
  runner: $gpu
  precision: fp4
  framework: $framework
  multinode: false
  scenarios:
    fixed-seq-len:
    - isl: 1024
      osl: 128
      search-space:
      - { tp: 1, conc-list: [4, 16] }
YAML
  done
done
"$bench" run --matrix "$work/many.yaml" --virtual --db "$work/many.sqlite" --dashboard "$work/many-site" >/dev/null
# Repeats on the virtual clock are identical; two real-time repeats of two points (2 requests per slot) differ, for the
# band. A quarter of the requests fail by injection (kept ok up to 90%), for the drill-down's failures.
"$bench" run --matrix matrices/quickstart.yaml --filter config=dsr1-fp8-h200-sglang-quickstart --filter conc=4,8 --repeats 2 \
  --num-prompts-per-conc 2 --num-warmups-per-conc 0 --sim-arg=--fail-rate=0.25 --max-failure-rate 0.9 \
  --db "$work/live.sqlite" --dashboard "$work/live-site" >/dev/null
# A measured series beside the simulated engine: serve-sim in real time at 0.8 of the catalog's
# efficiencies (an engine running slow), Llama-70B TP8 on H200, 256/32 at conc 4 and 8, as
# SimResidualsCommandTests measures it (about -15% each), drawn with a +-10% band: both points anomalies.
cat >"$work/residuals.yaml" <<'YAML'
slow-llama-h200-vllm:
  image: img
  model: meta-llama/Llama-3.3-70B-Instruct
  model-prefix: llama70b
  runner: h200
  precision: fp8
  framework: vllm
  multinode: false
  scenarios:
    fixed-seq-len:
    - isl: 256
      osl: 32
      search-space:
      - { tp: 8, conc-list: [4, 8] }
YAML
"$bench" run --matrix "$work/residuals.yaml" --num-prompts-per-conc 5 --num-warmups-per-conc 1 --sim-arg=--efficiency-scale --sim-arg=0.8 \
  --db "$work/residuals.sqlite" --no-dashboard >/dev/null 2>&1
"$bench" dashboard --db "$work/residuals.sqlite" --out "$work/residuals-site" --sim-band 0.1 2>/dev/null
# Agentic coding: synthetic traces replayed for two virtual minutes at two concurrencies, for the agentic view.
cat >"$work/agentic.yaml" <<'YAML'
gptoss-fp4-h200-vllm-agentic:
  image: img
  model: openai/gpt-oss-120b
  model-prefix: gptoss
  runner: cluster:h200-cw
  precision: fp4
  framework: vllm
  multinode: false
  scenarios:
    agentic-coding:
    - search-space:
      - { tp: 8, kv-offloading: none, conc-list: [2, 4] }
YAML
"$bench" traces synth --out "$work/traces.jsonl" --traces 4 >/dev/null 2>&1
"$bench" run --matrix "$work/agentic.yaml" --scenario agentic-coding --duration 120s --traces "$work/traces.jsonl" --virtual \
  --db "$work/agentic.sqlite" --dashboard "$work/agentic-site" >/dev/null
mkdir -p results
# The default view is the first model alphabetically (deepseek-ai/…).
"$venv/bin/python" scripts/test-dashboard-browser.py "$work/site" 10 "$frontier" 15 results/dashboard-screenshot.png "$work/marks-site" "$work/many-site" "$work/live-site" "$work/residuals-site" "$work/agentic-site"
