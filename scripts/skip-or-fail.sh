# Sourced by the script tests (test-vllm-recipe.sh, test-slurm.sh, test-dashboard-browser.sh).
# A script test that cannot run is a failure: a CI run that skipped it would otherwise be green.
# Where a prerequisite is knowingly missing (a laptop without root, say), the caller may allow
# the skip by name: BENCH_ALLOW_SKIP=slurm (a comma-separated list; .ci/run never sets it).
cannot_run() { # NAME, why
    local name=$1 why=$2 bar="!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    if [[ ",${BENCH_ALLOW_SKIP:-}," == *",$name,"* ]]; then
        printf '\n%s\n!! NOT TESTED (skip allowed by BENCH_ALLOW_SKIP=%s): %s\n%s\n\n' "$bar" "$BENCH_ALLOW_SKIP" "$why" "$bar" >&2
        exit 0
    fi
    printf '\n%s\n!! FAILED: cannot run the %s test: %s\n!! (to skip it knowingly: BENCH_ALLOW_SKIP=%s)\n%s\n\n' \
        "$bar" "$name" "$why" "$name" "$bar" >&2
    exit 1
}
