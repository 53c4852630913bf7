#!/usr/bin/env bash
# Throughput and latency over sockets on 127.0.0.1, with and without apierror's layer: wrk
# (Debian's package `wrk`) against benches/load_server.rs (one server thread, so wrk has the
# other core). axum is also run with the layer around the whole router (`outer`). For each framework (axum, actix) and path (`/ok`: the success path; `/err/a`:
# a static error, derived through the layer against the hand-written response without it),
# ROUNDS paired runs of DURATION each, the two sides alternating and their order swapped each
# round. Prints every run, then a table of medians, min-max spread and the ratio of medians.
# Not run in CI; the machine's load average is printed at the start and the end.
#
# Usage: bash benches/load.sh       (ROUNDS=5 DURATION=5s CONNECTIONS=16 PATHS="/ok /err/a")
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-5s}"
CONNECTIONS="${CONNECTIONS:-16}"
PATHS="${PATHS:-/ok /err/a}"
FRAMEWORKS="${FRAMEWORKS:-axum actix}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
cargo bench -q -p apierror-workspace --bench load_server --no-run 2>/dev/null
bin=$(cargo bench -p apierror-workspace --bench load_server --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "load_server"][-1])')
runs=$(mktemp)
trap 'rm -f "$runs"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# One wrk run against a fresh server: prints "requests/s p50_ms p99_ms".
run() {
    local framework=$1 side=$2 path=$3 port pid out
    exec 3< <("$bin" "$framework" "$side")
    pid=$!
    read -r port <&3
    out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$port$path")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    exec 3<&-
    python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", out).group(1))
p99 = ms(re.search(r"\s99%\s+(\S+)", out).group(1))
print(f"{rps:.0f} {p50:.3f} {p99:.3f}")
PY
}

for framework in $FRAMEWORKS; do
    for path in $PATHS; do
        for (( round = 0; round < ROUNDS; round++ )); do
            sides=(bare layer)
            # axum also with the layer around the whole router (`outer`).
            [ "$framework" = axum ] && sides=(bare layer outer)
            (( round % 2 )) && sides=($(printf '%s\n' "${sides[@]}" | tac))
            for side in "${sides[@]}"; do
                read -r rps p50 p99 < <(run "$framework" "$side" "$path")
                echo "$framework $path $side round $round: $rps req/s, p50 $p50 ms, p99 $p99 ms" >&2
                echo "$framework $path $side $rps $p50 $p99" >>"$runs"
            done
        done
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$runs" "$ROUNDS" "$DURATION" "$CONNECTIONS" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
print(f"\n{sys.argv[2]} paired runs of {sys.argv[3]}, wrk -t1 -c{sys.argv[4]}: medians (min-max)\n")
print("| framework | path | side | requests/s | p50 (ms) | p99 (ms) |")
print("|---|---|---|---:|---:|---:|")
keys = []
for r in rows:
    if (r[0], r[1]) not in keys:
        keys.append((r[0], r[1]))
def cell(values, fmt):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"
for framework, path in keys:
    medians = {}
    names = {"bare": "without apierror", "layer": "with apierror",
             "outer": "with apierror around the router"}
    sides = [side for side in names if any(r[0] == framework and r[1] == path and r[2] == side for r in rows)]
    for side in sides:
        sel = [r for r in rows if r[0] == framework and r[1] == path and r[2] == side]
        rps = [float(r[3]) for r in sel]
        medians[side] = statistics.median(rps)
        print(f"| {framework} | `{path}` | {names[side]} | {cell(rps, '{:.0f}')} | "
              f"{cell([float(r[4]) for r in sel], '{:.3f}')} | {cell([float(r[5]) for r in sel], '{:.3f}')} |")
    for side in sides[1:]:
        pairs = [float(l[3]) / float(b[3]) for b, l in zip(
            [r for r in rows if r[0] == framework and r[1] == path and r[2] == "bare"],
            [r for r in rows if r[0] == framework and r[1] == path and r[2] == side])]
        label = {"layer": "with / without", "outer": "around the router / without"}[side]
        print(f"| {framework} | `{path}` | {label} | {medians[side] / medians['bare']:.3f} "
              f"(pairs {min(pairs):.3f}-{max(pairs):.3f}) | | |")
PY
