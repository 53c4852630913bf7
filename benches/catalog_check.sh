#!/usr/bin/env bash
# Compile cost of `catalog!`'s checks at 5,000 codes (DESIGN.md §2: "under two seconds of
# compile time").
#
# Generates (in a temporary directory) one crate with two binaries over the same ten enums of
# 500 codes each (derived with this repository's runtime by path): `with_catalog` lists all ten
# in one `apierror::catalog!` and prints its `len()`; `without` does not. Each is checked with
# `cargo check` (CARGO_INCREMENTAL=0, after `touch`) RUNS times, alternating, and the median
# user CPU time of each and their difference are printed. With INSTRUCTIONS=1 (needs valgrind)
# the instructions rustc runs for each binary are counted once (callgrind), which do not move
# with the machine's load.
#
# Usage: bash benches/catalog_check.sh   (RUNS=5, CODES_PER_TYPE=500, TYPES=10, INSTRUCTIONS=1)
set -euo pipefail

RUNS="${RUNS:-5}"
PER="${CODES_PER_TYPE:-500}"
TYPES="${TYPES:-10}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/apierror-catalog-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
unset CARGO_TARGET_DIR RUSTFLAGS CARGO_BUILD_RUSTFLAGS
export CARGO_INCREMENTAL=0

mkdir -p "$WORK/src/bin"
cat > "$WORK/Cargo.toml" <<TOML
[package]
name = "catalog-check"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
apierror = { path = "$REPO/runtime" }
thiserror = "2"

[workspace]
TOML
cp "$REPO/Cargo.lock" "$WORK/Cargo.lock"

{
    echo 'use apierror::ApiError;'
    for t in $(seq 0 $((TYPES - 1))); do
        echo "#[derive(Debug, thiserror::Error, ApiError)]"
        echo "#[status(400)]"
        echo "pub enum T$t {"
        for v in $(seq 0 $((PER - 1))); do
            echo "    /// Code $v of type $t."
            echo "    #[code(\"${PREFIX:-}TYPE_${t}_ERROR_$v\")] #[error(\"e\")] V$v,"
        done
        echo "}"
    done
} > "$WORK/types.rs"
list=$(seq -s ', ' -f 'T%g' 0 $((TYPES - 1)))
{
    cat "$WORK/types.rs"
    echo "apierror::catalog!(pub CATALOG = [$list]);"
    echo 'fn main() { println!("{}", CATALOG.len()); }'
} > "$WORK/src/bin/with_catalog.rs"
{
    cat "$WORK/types.rs"
    echo 'fn main() {}'
} > "$WORK/src/bin/without.rs"

cd "$WORK"
cargo check -q --bins
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
user_time() {
    touch "src/bin/$1.rs"
    /usr/bin/time -f '%U' cargo check -q --bin "$1" 2>&1 >/dev/null | tail -1
}
: > with.txt
: > without.txt
for _ in $(seq "$RUNS"); do
    user_time without >> without.txt
    user_time with_catalog >> with.txt
done
w=$(median < with.txt)
wo=$(median < without.txt)
echo "$((TYPES * PER)) codes in $TYPES types; medians of $RUNS \`cargo check\` runs (user CPU, s)"
echo "| binary | user CPU (s) |"
echo "|---|---:|"
echo "| with \`catalog!\` | $w |"
echo "| without | $wo |"
echo "| \`catalog!\`'s cost | $(echo "$w - $wo" | bc -l) |"

if [ -n "${INSTRUCTIONS:-}" ]; then
    count() {
        touch "src/bin/$1.rs"
        local cmd
        cmd=$(cargo check -v --bin "$1" 2>&1 | grep 'Running `' | tail -1 | sed 's/^ *Running `//; s/`$//')
        eval "valgrind --tool=callgrind --callgrind-out-file=$WORK/cg.$1 $cmd" >/dev/null 2>&1
        grep '^summary:' "$WORK/cg.$1" | awk '{ print $2 }'
    }
    a=$(count with_catalog)
    b=$(count without)
    echo
    echo "| binary | instructions (G) |"
    echo "|---|---:|"
    echo "| with \`catalog!\` | $(echo "scale=2; $a / 1000000000" | bc -l) |"
    echo "| without | $(echo "scale=2; $b / 1000000000" | bc -l) |"
    echo "| \`catalog!\`'s cost | $(echo "scale=2; ($a - $b) / 1000000000" | bc -l) |"
fi
