#!/usr/bin/env bash
# Instructions the server runs per request over a socket on 127.0.0.1 (callgrind on
# benches/load_server.rs, wrk as the client), with and without apierror's layer: the
# load-independent twin of benches/load.sh. For each framework, side and path, the server runs
# under callgrind twice: with no request (start-up and shutdown) and while wrk (one connection,
# DURATION) sends requests; (instructions - instructions at rest) / requests answered. Needs
# valgrind and wrk. Not run in CI.
#
# Usage: bash benches/socket_instructions.sh   (DURATION=10s PATHS="/ok /err/a")
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10s}"
PATHS="${PATHS:-/ok /err/a}"
cargo bench -q -p apierror-workspace --bench load_server --no-run 2>/dev/null
bin=$(cargo bench -p apierror-workspace --bench load_server --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "load_server"][-1])')
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Instructions of one server run under callgrind, and the requests wrk completed ("0" for none).
serve() {
    local framework=$1 side=$2 path=$3 port pid requests=0
    exec 3< <(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$framework" "$side" 2>"$log")
    pid=$!
    read -r port <&3
    if [ -n "$path" ]; then
        requests=$(wrk -t1 -c1 -d"$DURATION" "http://127.0.0.1:$port$path" |
            awk '/requests in/ { print $1 }')
    else
        sleep 1
    fi
    # valgrind passes SIGINT to the server, whose runtime ends; callgrind then writes its totals.
    pkill -INT -P "$pid" 2>/dev/null || kill -INT "$pid"
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    exec 3<&-
    echo "$(awk '/Collected/ { print $4 }' "$log") $requests"
}

echo "| framework | path | without apierror | with apierror | with / without |"
echo "|---|---|---:|---:|---:|"
for framework in axum actix; do
    for path in $PATHS; do
        declare -A per
        for side in bare layer; do
            read -r idle _ < <(serve "$framework" "$side" "")
            read -r busy requests < <(serve "$framework" "$side" "$path")
            per[$side]=$(( (busy - idle) / requests ))
            echo "$framework $path $side: $requests requests, $busy instructions ($idle at rest)" >&2
        done
        printf '| %s | `%s` | %d | %d | %s |\n' "$framework" "$path" "${per[bare]}" "${per[layer]}" \
            "$(awk -v a="${per[layer]}" -v b="${per[bare]}" 'BEGIN { printf "%.3f", a / b }')"
    done
done
