#!/usr/bin/env bash
# Issue 21's scaling check for a machine with more cores: builds a self-contained bench (static
# Swift runtime, stripped; copy it to a bare machine with `scp scale-check/bench`), then runs
# `bench perf client` (against an in-process serve-sim and against the cheap sse-server) and
# `bench perf sim-server` at 1, 2, 4, 8 and 15 loops. Figures go to
# scale-check/*.txt and stdout; record them in docs/performance.md ("Several loops").
# Targets on a 16-core machine: ≥ 85% of linear scaling to 8 loops, ≥ 700k events/s received
# at 15 loops, client-share p99 ≤ 2 ms.
#   LOOPS=1,2,4,8,15 STREAMS=1024,4096 SECONDS_EACH=10 SERVER_LOOPS=8 scripts/scale-check.sh
#   BENCH=/path/to/bench scripts/scale-check.sh   # skip the build (a binary built here earlier)
set -euo pipefail
cd "$(dirname "$0")/.."
LOOPS="${LOOPS:-1,2,4,8,15}"
STREAMS="${STREAMS:-1024,4096}"
SECONDS_EACH="${SECONDS_EACH:-10}"
SERVER_LOOPS="${SERVER_LOOPS:-8}"
OUT=scale-check
mkdir -p "$OUT"
if [[ -z "${BENCH:-}" ]]; then
    swift build -c release --product bench --static-swift-stdlib
    cp .build/release/bench "$OUT/bench"
    strip "$OUT/bench"
    BENCH="$OUT/bench"
fi
echo "machine: $(nproc) cores, $(uname -srm)" | tee "$OUT/machine.txt"
# The client at each loop count against one in-process server with SERVER_LOOPS writer loops.
"$BENCH" perf client --loops "$LOOPS" --streams "$STREAMS" --seconds "$SECONDS_EACH" --server-loops "$SERVER_LOOPS" \
    | tee "$OUT/client.txt" || true  # targets not met exit 1; the figures are the point
# The client at each loop count against bench perf sse-server in another process (one core,
# 32 one-token events per send), so the client, not the server, is what runs out of CPU.
"$BENCH" perf client --server cheap --server-events-per-write 32 --loops "$LOOPS" --streams "$STREAMS" --seconds "$SECONDS_EACH" \
    | tee "$OUT/client-cheap.txt" || true
# The server at each loop count, loaded by a client with as many loops as the cores left.
for streams in ${STREAMS//,/ }; do
    "$BENCH" perf sim-server --loops "$LOOPS" --streams "$streams" --seconds "$SECONDS_EACH" --client-loops "$SERVER_LOOPS" \
        | tee -a "$OUT/sim-server.txt"
done
