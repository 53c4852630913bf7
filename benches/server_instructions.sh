#!/usr/bin/env bash
# Instructions per request inside the server (no sockets), with and without apierror's layer:
# the load-independent twin of `cargo bench --bench server` (benches/icount_server.rs). Needs
# valgrind.
#
# With CACHE=1 it prints callgrind's cycle estimate instead: instructions + 10 x first-level
# cache misses + 100 x last-level misses (valgrind's simulated caches), which counts what
# instructions do not: a path that runs more distinct code misses the instruction cache more.
#
# Usage: bash benches/server_instructions.sh        (prints four Markdown tables: every path with
#        and without the layer, `/ok` behind a layer that does nothing (the floor), axum's
#        `/ok` behind tower-http's request-id layers, and axum with the layer around the whole
#        router instead of `Router::layer`)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -q -p apierror-workspace --bench icount_server --no-run 2>/dev/null
bin=$(cargo bench -p apierror-workspace --bench icount_server --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "icount_server"][-1])')
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [ -n "${CACHE:-}" ]; then
    # events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
    count() {
        valgrind --tool=callgrind --cache-sim=yes --callgrind-out-file="$out" "$bin" "$@" >/dev/null 2>&1
        awk '/^summary:/ { print $2 + 10 * ($5 + $6 + $7) + 100 * ($8 + $9 + $10) }' "$out"
    }
else
    count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 | awk '/Collected/ { print $4 }'; }
fi
per_request() { echo $(( ($(count "$1" "$2" "$3" 2000) - $(count "$1" "$2" "$3" 0)) / 2000 )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "| framework | path | without apierror | with apierror | with / without |"
echo "|---|---|---:|---:|---:|"
for framework in axum actix; do
    for path in /ok /err/a /err/b /err/c; do
        bare=$(per_request "$framework" bare "$path")
        layer=$(per_request "$framework" layer "$path")
        printf '| %s | `%s` | %d | %d | %s |\n' "$framework" "$path" "$bare" "$layer" "$(ratio "$layer" "$bare")"
    done
done
# The floor: the bare routes behind a layer that does nothing, added as apierror's is.
echo
echo "| framework | \`/ok\` without apierror | behind a pass-through layer | pass / without | with apierror / pass |"
echo "|---|---:|---:|---:|---:|"
for framework in axum actix; do
    bare=$(per_request "$framework" bare /ok)
    pass=$(per_request "$framework" pass /ok)
    layer=$(per_request "$framework" layer /ok)
    printf '| %s | %d | %d | %s | %s |\n' "$framework" "$bare" "$pass" "$(ratio "$pass" "$bare")" "$(ratio "$layer" "$pass")"
done
# What request ids cost without apierror: axum's bare routes behind tower-http's
# SetRequestIdLayer (MakeRequestUuid) and PropagateRequestIdLayer, added as apierror's layer is.
echo
echo "| framework | \`/ok\` without apierror | behind tower-http's request-id layers | ids / without | with apierror / ids |"
echo "|---|---:|---:|---:|---:|"
bare=$(per_request axum bare /ok)
ids=$(per_request axum ids /ok)
layer=$(per_request axum layer /ok)
printf '| axum | %d | %d | %s | %s |\n' "$bare" "$ids" "$(ratio "$ids" "$bare")" "$(ratio "$layer" "$ids")"
# The layer around the whole router (`ErrorLayer::new().layer(router)`), not each route.
echo
echo "| framework | path | without apierror | \`Router::layer\` | around the router | around / without |"
echo "|---|---|---:|---:|---:|---:|"
for path in /ok /err/a /err/b /err/c; do
    bare=$(per_request axum bare "$path")
    layer=$(per_request axum layer "$path")
    outer=$(per_request axum outer "$path")
    printf '| axum | `%s` | %d | %d | %d | %s |\n' "$path" "$bare" "$layer" "$outer" "$(ratio "$outer" "$bare")"
done
