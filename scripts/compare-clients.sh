#!/usr/bin/env bash
# Runs one streaming workload with `bench load` and with the Python peers (AIPerf, guidellm) against
# `bench serve-sim --emit-timestamps --truth-log`, at each concurrency, and prints each tool's
# reported mean TTFT and TPOT beside the server's ground truth, and its CPU seconds per million
# output tokens. The peers go into throwaway virtualenvs under $PEERS_DIR (default .peers/).
#
#   scripts/compare-clients.sh                     # concurrency 64 256 1024, ISL 128, OSL 256
#   CONCURRENCIES="64" TOOLS="bench aiperf" scripts/compare-clients.sh
#   TOOLS=bench LOAD_ARGS="--loops 1" scripts/compare-clients.sh   # extra `bench load` arguments
#
# vLLM's benchmark_serving is not run: it ships only inside the vllm package, whose CPU build is
# 3.4 GB and whose client needs the same tokenizer workaround; add it with TOOLS when you have it.
set -uo pipefail
cd "$(dirname "$0")/.."

CONCURRENCIES=${CONCURRENCIES:-"64 256 1024"}
TOOLS=${TOOLS:-"bench aiperf guidellm"}
ISL=${ISL:-128}
OSL=${OSL:-256}
ROUNDS=${ROUNDS:-2}
PEERS_DIR=${PEERS_DIR:-.peers}
LOAD_ARGS=${LOAD_ARGS:-}
# Llama-3.3-70B FP8 on 8 × B200: ~12k token events/s at 64 streams and ~32k at 1,024, well under
# what serve-sim can write on this kind of machine (~73k/s), so the server never becomes the
# bottleneck that a client's numbers would then mostly measure.
MODEL=${MODEL:-llama70b}
DEPLOYMENT=${DEPLOYMENT:-"--hardware b200 --model $MODEL --precision fp8 --tp 8"}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
export PATH="/opt/swift/usr/bin:$PATH"

swift build -c release --product bench >&2 || { echo "compare-clients: the release build failed" >&2; exit 1; }
BENCH=.build/release/bench

# One virtualenv per peer; a peer that cannot be installed is reported and skipped.
declare -A SKIPPED
install_peer() {  # name, pip packages...
  local name=$1; shift
  [ -x "$PEERS_DIR/$name/bin/python" ] && "$PEERS_DIR/$name/bin/python" -c "import $name" 2>/dev/null && return 0
  echo "compare-clients: installing $name into $PEERS_DIR/$name (first run only)" >&2
  python3 -m venv "$PEERS_DIR/$name" && "$PEERS_DIR/$name/bin/pip" install -q "$@" >"$WORK/pip-$name.log" 2>&1 \
    || { SKIPPED[$name]="pip install failed: $(tail -1 "$WORK/pip-$name.log")"; return 1; }
}
for tool in $TOOLS; do
  case $tool in
    aiperf) install_peer aiperf aiperf transformers tokenizers ;;
    guidellm) install_peer guidellm guidellm ;;
  esac
done
TOKENIZER="$PEERS_DIR/tokenizer"
if [ ! -f "$TOKENIZER/tokenizer.json" ]; then
  for venv in aiperf guidellm; do
    [ -x "$PEERS_DIR/$venv/bin/python" ] && "$PEERS_DIR/$venv/bin/python" scripts/make-tokenizer.py "$TOKENIZER" >/dev/null 2>&1 && break
  done
fi

start_server() {  # truth-log path; sets PORT and SERVER
  # shellcheck disable=SC2086
  "$BENCH" serve-sim $DEPLOYMENT --port 0 --emit-timestamps \
    --truth-log "$1" --max-running-requests 4096 >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER=$!
  for _ in $(seq 200); do
    PORT=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$WORK/server.out")
    [ -n "$PORT" ] && return 0
    sleep 0.05
  done
  echo "compare-clients: serve-sim did not start: $(cat "$WORK/server.err")" >&2
  exit 1
}

run_tool() {  # tool, concurrency, result path
  local tool=$1 c=$2 out=$3 n=$(( $2 * ROUNDS )) url="http://127.0.0.1:$PORT"
  case $tool in
    bench)
      "$BENCH" load --url "$url" --model $MODEL --isl "$ISL" --osl "$OSL" --max-concurrency "$c" --num-prompts "$n" \
        --save-result "$out" --timeout 600s $LOAD_ARGS ;;  # unquoted: several words
    aiperf)
      "$PEERS_DIR/aiperf/bin/aiperf" profile --model $MODEL --tokenizer "$TOKENIZER" --endpoint-type completions --streaming \
        --url "$url" --concurrency "$c" --request-count "$n" --isl "$ISL" --isl-stddev 0 --osl "$OSL" --osl-stddev 0 \
        --extra-inputs ignore_eos:true --ui none --random-seed 0 --artifact-dir "$out" ;;
    guidellm)
      "$PEERS_DIR/guidellm/bin/guidellm" run --backend "kind=openai_http,target=$url,model=$MODEL,request_format=/v1/completions" \
        --profile "kind=concurrent,streams=$c" --constraint "kind=max_requests,count=$n" \
        --tokenizer "kind=huggingface_auto,model=$TOKENIZER" \
        --data "kind=synthetic_text,prompt_tokens=$ISL,output_tokens=$OSL" --disable-progress --output "kind=json,path=$out/benchmarks.json" ;;
  esac
}

printf '%-9s %5s %9s %9s %9s %8s %9s %9s %8s %9s %9s %8s %10s\n' tool conc "TTFT*" TTFT error "TPOT*" TPOT error "ITL*" ITL error CPU-s "CPU-s/1M"
printf '%s\n' "(ms; * = the server's ground truth from --truth-log: means over requests, ITL per token pooled over requests; error = reported − truth)"
for c in $CONCURRENCIES; do
  for tool in $TOOLS; do
    if [ -n "${SKIPPED[$tool]:-}" ]; then echo "$tool: skipped (${SKIPPED[$tool]})"; continue; fi
    truth="$WORK/truth-$tool-$c.jsonl" out="$WORK/result-$tool-$c"
    [ "$tool" = bench ] && out="$out.json"
    start_server "$truth"
    if /usr/bin/time -f "%U %S" -o "$WORK/cpu" bash -c "$(declare -f run_tool); BENCH=$BENCH PORT=$PORT PEERS_DIR=$PEERS_DIR TOKENIZER=$TOKENIZER ISL=$ISL OSL=$OSL ROUNDS=$ROUNDS MODEL=$MODEL LOAD_ARGS='$LOAD_ARGS' run_tool $tool $c $out" \
        >"$WORK/$tool-$c.log" 2>&1; then
      kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null
      cpu=$(awk '{print $1 + $2}' "$WORK/cpu")
      python3 scripts/compare-clients-report.py "$tool" "$c" "$out" "$truth" "$cpu" \
        || echo "$tool $c: could not read its result ($(ls "$out" 2>/dev/null | head -3 | tr '\n' ' '))"
    else
      kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null
      echo "$tool $c: failed: $(tail -2 "$WORK/$tool-$c.log" | tr '\n' ' ')"
    fi
  done
done
