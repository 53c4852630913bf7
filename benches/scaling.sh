#!/usr/bin/env bash
# How rendering cost grows, in instructions (callgrind, load-independent): `to_json` in Flat of
# the errors of benches/scaling_cases.rs at each size, and the least-squares line through them
# (instructions = fixed + per_unit * size). The twin of `cargo bench --bench scaling`. Needs
# valgrind.
#
# Usage: bash benches/scaling.sh        (FORMAT_INDEX=0, Flat; an index into Format::ALL)
set -euo pipefail
cd "$(dirname "$0")/.."
format="${FORMAT_INDEX:-0}"
cargo bench -q -p apierror-workspace --no-default-features --bench icount --no-run 2>/dev/null
bin=$(cargo bench -p apierror-workspace --no-default-features --bench icount --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "icount"][-1])')
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 | awk '/Collected/ { print $4 }'; }
per_render() { echo $(( ($(count "$format" "$2" "scale_$1" 1000) - $(count "$format" "$2" "scale_$1" 0)) / 1000 )); }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for spec in "message 1 16 64 256 1024 4096" "details 0 1 10 25 50 100" "extension 0 1 10 100 500 1000"; do
    read -r name sizes <<<"$spec"
    for size in $sizes; do
        echo "$name $size $(per_render "$name" "$size")" >>"$out"
    done
done
python3 - "$out" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
units = {"message": "byte", "details": "detail", "extension": "number"}
print("| parameter | size | instructions per render |")
print("|---|---:|---:|")
for kind, size, ins in rows:
    print(f"| {kind} | {size} | {ins} |")
print()
print("| parameter | fixed (instructions) | per unit (instructions) | largest residual (instructions) |")
print("|---|---:|---:|---:|")
for kind in units:
    pts = [(float(s), float(i)) for k, s, i in rows if k == kind]
    n = len(pts)
    mx = sum(x for x, _ in pts) / n
    my = sum(y for _, y in pts) / n
    slope = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
    fixed = my - slope * mx
    worst = max(abs(y - (fixed + slope * x)) for x, y in pts)
    print(f"| {kind} | {fixed:.0f} | {slope:.2f} per {units[kind]} | {worst:.0f} |")
PY
