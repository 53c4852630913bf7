#!/usr/bin/env bash
# Instructions per Problem body: apierror against the peer crates (http-api-problem,
# problem_details) and the hand-written serde baseline, in each case of benches/peers.rs. The
# load-independent twin of `cargo bench --bench peers`. Needs valgrind.
#
# Usage: bash benches/peer_instructions.sh        (prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -q -p apierror-workspace --no-default-features --bench icount --no-run 2>/dev/null
bin=$(cargo bench -p apierror-workspace --no-default-features --bench icount --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "icount"][-1])')
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 | awk '/Collected/ { print $4 }'; }
per_render() { echo $(( ($(count 3 "$1" "$2" 2000) - $(count 3 "$1" "$2" 0)) / 2000 )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
names=(a_static b_interp c_details)
echo "| case | apierror | http-api-problem | problem_details | hand serde | apierror / best peer | apierror / serde |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for c in 0 1 2; do
    ours=$(per_render $c peer_ours)
    hap=$(per_render $c http_api_problem)
    pd=$(per_render $c problem_details)
    hand=$(per_render $c peer_hand)
    best=$(( hap < pd ? hap : pd ))
    printf '| %s | %d | %d | %d | %d | %s | %s |\n' "${names[$c]}" "$ours" "$hap" "$pd" "$hand" "$(ratio "$ours" "$best")" "$(ratio "$ours" "$hand")"
done
