#!/usr/bin/env bash
# Instructions per render, apierror vs the hand-written serde baseline of benches/cases.rs, in
# every envelope and case: steady figures for comparing two commits on a busy machine, where
# criterion's times (benches/render.rs) move with the load. Needs valgrind.
#
# Usage: bash benches/render_instructions.sh        (prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -q -p apierror-workspace --no-default-features --bench icount --no-run 2>/dev/null
bin=$(cargo bench -p apierror-workspace --no-default-features --bench icount --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "icount"][-1])')
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 | awk '/Collected/ { print $4 }'; }
per_render() { echo $(( ($(count "$1" "$2" "$3" 2000) - $(count "$1" "$2" "$3" 0)) / 2000 )); }
formats=(flat nested error_list problem google simple)
names=(a_static b_interp c_details)
echo "| envelope | case | apierror (instructions) | serde_json (instructions) | ratio |"
echo "|---|---|---:|---:|---:|"
for f in 0 1 2 3 4 5; do
    for c in 0 1 2; do
        ours=$(per_render $f $c ours)
        hand=$(per_render $f $c hand)
        printf '| %s | %s | %d | %d | %.2f |\n' "${formats[$f]}" "${names[$c]}" "$ours" "$hand" "$(awk -v a="$ours" -v b="$hand" 'BEGIN { print a / b }')"
    done
done
