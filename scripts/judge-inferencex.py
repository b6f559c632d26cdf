"""Judge the simulated engine against InferenceX's published frontier points.

Reads `bench pareto --json --y tput-per-gpu` (simulated runs of the deployments InferenceX runs)
and docs/sources/figures-inferencex.yaml (the published points, each at a stated interactivity).
The collected entries say "output-tok-s-per-gpu", but InferenceX's tok/s/GPU is its `tput_per_gpu`
(input plus output over all GPUs): the MI300X 8k/1k point at 23 tok/s/user and concurrency ~30
(725 tok/s/GPU) is 690 output tok/s in all, which only an 8-GPU node gives as total per GPU
(690 × 9 / 8 ≈ 776), not as output per GPU (which would need under one GPU). For each published point whose model, GPU, weight precision and ISL/OSL are known,
the simulated value is the best of every simulated series of that GPU, precision and ISL/OSL at
that interactivity (log-log interpolation between frontier points, never extrapolated), as
InferenceX's own pages take each GPU's best config. Prints a markdown table and the median and
90th-percentile |error|. Used by scripts/judge-inferencex.sh.
"""
import json
import math
import sys

import yaml


def interpolate(frontier, x):
    """y at x on one frontier (points sorted by x), or None outside it."""
    for (x0, y0), (x1, y1) in zip(frontier, frontier[1:]):
        if x0 <= x <= x1:
            if x1 == x0:
                return max(y0, y1)
            t = (math.log(x) - math.log(x0)) / (math.log(x1) - math.log(x0))
            return math.exp(math.log(y0) + t * (math.log(y1) - math.log(y0)))
    if frontier and frontier[0][0] == x:
        return frontier[0][1]
    return None


def main(pareto_path, figures_path):
    series = {}
    for row in json.load(open(pareto_path)):
        key = (row["hardware"], row["precision"], row["isl"], row["osl"], row["framework"], row["spec_decoding"], row["disagg"])
        series.setdefault(key, []).append((row["x"], row["y"]))
    errors = []
    print("| figure | GPU | precision | ISL/OSL | interactivity | published | simulated (best series) | error |")
    print("|---|---|---|---|---|---|---|---|")
    for figure in yaml.safe_load(open(figures_path)):
        if figure.get("metric") != "output-tok-s-per-gpu" or figure.get("interactivity") is None:
            continue
        wanted = (figure.get("model"), figure.get("hardware"), str(figure.get("weights")).replace("mxfp4", "fp4"), figure.get("isl"), figure.get("osl"))
        if wanted[0] != "dsr1" or None in wanted:
            continue
        best = None
        for key, points in series.items():
            if (key[0], key[1], key[2], key[3]) != wanted[1:]:
                continue
            value = interpolate(sorted(points), figure["interactivity"])
            if value is not None and (best is None or value > best[0]):
                best = (value, f"{key[4]}{' ' + key[5] if key[5] not in ('none', None) else ''}{' disagg' if key[6] else ''}")
        label = f"| {figure['id']} | {wanted[1]} | {wanted[2]} | {wanted[3]}/{wanted[4]} | {figure['interactivity']} | {figure['value']:.0f} |"
        if best is None:
            print(f"{label} outside every simulated frontier | |")
            continue
        error = best[0] / figure["value"] - 1
        errors.append(error)
        print(f"{label} {best[0]:.0f} ({best[1]}) | {error:+.0%} |")
    magnitudes = sorted(abs(e) for e in errors)
    if magnitudes:
        def quantile(q):
            return magnitudes[min(len(magnitudes) - 1, round(q * (len(magnitudes) - 1)))]
        print(f"\n{len(errors)} published points judged: median |error| {quantile(0.5):.0%}, p90 {quantile(0.9):.0%}, "
              f"mean error {sum(errors) / len(errors):+.0%}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
