"""Reads one compare-clients run (a tool's own result file, the server's truth log and the
tool's CPU seconds) and prints one table row: reported TTFT and TPOT against the simulated
engine's ground truth (TTFT, TPOT and per-token ITL, each as the tool names it), and CPU seconds
per million output tokens.

Usage: python compare-clients-report.py TOOL CONCURRENCY RESULT_PATH TRUTH_LOG CPU_SECONDS
"""
import glob
import json
import statistics
import sys

tool, concurrency, result_path, truth_path, cpu = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])

# Ground truth, per request: first event written - request head read (the server's parsing and
# admission count, as they do for every client), and (last event written - first) / (N - 1).
# Written, not scheduled, times: a perfect client sees the server's own lag too.
ttfts, tpots, tokens = [], [], 0
spans, intervals = 0, 0
for line in open(truth_path):
    r = json.loads(line)
    times = r["tokenTimes"]
    if not times or "firstWritten" not in r:
        continue
    tokens += len(times)
    ttfts.append((r["firstWritten"] - r["received"]) / 1e6)
    if len(times) > 1:
        tpots.append((r["lastWritten"] - r["firstWritten"]) / (len(times) - 1) / 1e6)
        spans += r["lastWritten"] - r["firstWritten"]
        intervals += len(times) - 1
# ITL per token as docs/metrics.md defines it, pooled over requests: every event's gap spread over
# the tokens it carries, which sums to the time from first to last event over N - 1 tokens.
truth = {"ttft": statistics.mean(ttfts), "tpot": statistics.mean(tpots), "itl": spans / intervals / 1e6}


def find(obj, *paths):
    """The first path (tuple of keys) that exists in a nested dict."""
    for path in paths:
        node = obj
        for key in path:
            if not isinstance(node, dict) or key not in node:
                break
            node = node[key]
        else:
            return node
    return None


reported = {}
if tool == "bench":
    data = json.load(open(result_path))
    reported = {"ttft": data["mean_ttft_ms"], "tpot": data["mean_tpot_ms"], "itl": data["mean_itl_ms"]}
elif tool == "aiperf":
    files = glob.glob(result_path + "/**/profile_export_aiperf.json", recursive=True)
    data = json.load(open(files[0]))
    # What each tool calls ITL: AIPerf's inter_token_latency is (E2EL - TTFT) / (N - 1) per
    # request, so its TPOT and ITL columns are the same figure.
    for metric, key in (("ttft", "time_to_first_token"), ("tpot", "inter_token_latency"), ("itl", "inter_token_latency")):
        value = find(data, (key, "avg"), ("records", key, "avg"), ("metrics", key, "avg"))
        reported[metric] = value
elif tool == "guidellm":
    files = glob.glob(result_path + "/**/*.json", recursive=True)
    data = json.load(open(files[0]))
    bench = data["benchmarks"][0]
    metrics = bench["metrics"]
    # guidellm's time_per_output_token_ms divides the whole latency by N; its inter-token latency
    # is (E2EL - TTFT) / (N - 1), which is TPOT as docs/metrics.md (and vLLM, and AIPerf) define it.
    # Likewise guidellm's ITL is its per-request figure.
    for metric, key in (("ttft", "time_to_first_token_ms"), ("tpot", "inter_token_latency_ms"), ("itl", "inter_token_latency_ms")):
        reported[metric] = find(metrics, (key, "successful", "mean"), (key, "total", "mean"))
elif tool == "vllm":
    data = json.load(open(result_path))
    reported = {"ttft": data["mean_ttft_ms"], "tpot": data["mean_tpot_ms"], "itl": data["mean_itl_ms"]}


def cell(metric):
    value = reported.get(metric)
    if value is None:
        return f"{'n/a':>9} {'':>9}"
    return f"{value:9.2f} {value - truth[metric]:+9.2f}"


print(f"{tool:<9} {concurrency:>5} {truth['ttft']:9.2f} {cell('ttft')} {truth['tpot']:8.3f} {cell('tpot')} "
      f"{truth['itl']:8.3f} {cell('itl')} {cpu:8.2f} {cpu / tokens * 1e6 if tokens else float('nan'):10.2f}")
