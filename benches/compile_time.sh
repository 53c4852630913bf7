#!/usr/bin/env bash
# Compile cost of the derive, against the hand-written equivalent.
#
# 1. Generates (in a temporary directory) two crates with the same 500-variant error enum:
#    `derived` derives ApiError (status, code, message templates with fields, retry_after,
#    doc comments, docs_url and domain on the type); `handwritten` implements ApiError by hand
#    the way a service would: status/code/message/retry_after match arms, docs_url and domain
#    in one line each, and `catalog()` returning `Catalog::EMPTY` (no catalog, no documents).
#    Both derive thiserror::Error and depend on this repository's runtime by path.
#    After one warm-up build of the dependencies, `touch src/lib.rs` and time `cargo check` of
#    each crate CHECK_RUNS times (alternating the two crates), then the same with `cargo build`
#    (debug), which adds code generation; the medians are reported. A run takes a quarter of a
#    second, so single runs move the ratio by 0.1 or more: hence many.
# 2. Builds apierror-derive and thiserror-impl from clean, each in a fresh target directory with
#    `cargo build --timings`, RUNS times, and reports the median wall time of the whole build
#    and the median time of the macro crate itself (from cargo's timing report).
#
# 3. With INSTRUCTIONS=1 (needs valgrind): counts the instructions rustc runs for one
#    `cargo check` of each crate after `touch`, as timed in 1 (incremental), under callgrind, and
#    how many of them run inside each derive macro. Steadier than the timings.
#
# 4. With SIZES="50 500 2000": only `cargo check` after `touch` (and, with INSTRUCTIONS=1, its
#    instruction count) of the three crates at each size, in one table; no clean builds.
#
# All parts also measure a third crate, the same enum with thiserror alone (no ApiError).
#
# 5. With PROC_MACRO_OPT=all: the generated workspaces build every proc macro (and build script)
#    with `opt-level = 3` (`[profile.dev.build-override]`; thiserror's derive too, in all three
#    crates); with PROC_MACRO_OPT=derive, apierror-derive alone
#    (`[profile.dev.package.apierror-derive]`, as sqlx recommends for sqlx-macros; its
#    dependencies syn, quote and proc-macro2 stay unoptimized). Cargo's default (nothing set)
#    builds proc macros unoptimized in the dev profile.
#
# Usage: bash benches/compile_time.sh
#        (CHECK_RUNS=21 and RUNS=5 by default; KEEP=1 keeps the directory; INSTRUCTIONS=1;
#        SIZES="50 500 2000"; PROC_MACRO_OPT=all|derive)
set -euo pipefail

RUNS="${RUNS:-5}"
CHECK_RUNS="${CHECK_RUNS:-21}"
VARIANTS="${VARIANTS:-500}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/apierror-compile-time.XXXXXX")"
if [ -z "${KEEP:-}" ]; then
    trap 'rm -rf "$WORK"' EXIT
fi
unset CARGO_TARGET_DIR RUSTFLAGS CARGO_BUILD_RUSTFLAGS

now() { date +%s.%N; }

macro_profile="${PROC_MACRO_OPT:-unoptimized, as Cargo builds them by default}"
case "${PROC_MACRO_OPT:-}" in
    all) macro_profile="all optimized, [profile.dev.build-override] opt-level = 3" ;;
    derive) macro_profile="apierror-derive optimized, [profile.dev.package.apierror-derive] opt-level = 3" ;;
esac

# The profile section PROC_MACRO_OPT asks for (nothing by default); $1 is "thiserror" for the
# manifest that builds thiserror-impl alone.
profile_override() {
    case "${PROC_MACRO_OPT:-}" in
        "") ;;
        all) printf '\n[profile.dev.build-override]\nopt-level = 3\n' ;;
        derive) [ "${1:-}" = thiserror ] || printf '\n[profile.dev.package.apierror-derive]\nopt-level = 3\n' ;;
        *) echo "PROC_MACRO_OPT is all or derive" >&2; exit 1 ;;
    esac
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

status_name() {
    case "$1" in
        400) echo BAD_REQUEST ;; 403) echo FORBIDDEN ;; 404) echo NOT_FOUND ;;
        409) echo CONFLICT ;; 422) echo UNPROCESSABLE_ENTITY ;; 429) echo TOO_MANY_REQUESTS ;;
        500) echo INTERNAL_SERVER_ERROR ;;
    esac
}

# One variant of the enum: its shape, attributes and hand-written arms.
# Sets: ATTRS (derive attributes), DECL (variant declaration), PAT (match pattern),
# STATUS, CODE, MESSAGE_ARM (hand-written message expression), RETRY (retry pattern or empty).
variant() {
    local i=$1 statuses=(400 403 404 409 422)
    CODE=$(printf 'ERR_%04d' "$i")
    RETRY=""
    if (( i % 25 == 24 )); then
        STATUS=500
        ATTRS="#[status(500)] #[code(\"$CODE\")] #[error(\"database: {0}\")]"
        DECL="V$i(#[source] std::io::Error)"
        PAT="Self::V$i(_)"
        MESSAGE_ARM="Cow::Borrowed(apierror::message::INTERNAL)"
        return
    fi
    STATUS=${statuses[$(( i % 5 ))]}
    case $(( i % 5 )) in
        0)
            ATTRS="#[message(\"The requested resource $i could not be found\")]"
            DECL="V$i"
            PAT="Self::V$i"
            MESSAGE_ARM="Cow::Borrowed(\"The requested resource $i could not be found\")"
            ;;
        1)
            ATTRS="#[message(\"Task with ID {id} could not be found in list $i\")]"
            DECL="V$i { id: u64 }"
            PAT="Self::V$i { id }"
            MESSAGE_ARM="Cow::Owned(format!(\"Task with ID {id} could not be found in list $i\"))"
            ;;
        2)
            ATTRS="#[message(\"The field \`{field}\` must be between {min} and {max} characters\")]"
            DECL="V$i { field: String, min: u32, max: u32 }"
            PAT="Self::V$i { field, min, max }"
            MESSAGE_ARM="Cow::Owned(format!(\"The field \`{field}\` must be between {min} and {max} characters\"))"
            ;;
        3)
            ATTRS="#[message(\"User with ID {0} could not be found\")]"
            DECL="V$i(u64)"
            PAT="Self::V$i(user)"
            MESSAGE_ARM="Cow::Owned(format!(\"User with ID {user} could not be found\"))"
            ;;
        4)
            STATUS=429
            ATTRS="#[message(\"Rate limit $i exceeded. Try again in {secs} seconds\")]"
            DECL="V$i { #[retry_after] secs: u64 }"
            PAT="Self::V$i { secs }"
            MESSAGE_ARM="Cow::Owned(format!(\"Rate limit $i exceeded. Try again in {secs} seconds\"))"
            RETRY="Self::V$i { secs } => Some(*secs),"
            ;;
    esac
    ATTRS="#[status($STATUS)] #[code(\"$CODE\")] $ATTRS #[error(\"error $i\")]"
}

generate() {
    local derived="$WORK/derived/src/lib.rs" hand="$WORK/handwritten/src/lib.rs" i
    local plain="$WORK/plain/src/lib.rs"
    local status="" code="" message="" retry=""
    {
        echo "//! Generated: a $VARIANTS-variant error enum deriving ApiError."
        echo 'use apierror::ApiError;'
        echo '/// The errors of a large service.'
        echo '#[derive(Debug, thiserror::Error, ApiError)]'
        echo '#[api_error(format = "flat", docs_url = "https://api.example.com/errors#{code}", domain = "api.example.com")]'
        echo 'pub enum BigError {'
    } >"$derived"
    {
        echo '//! Generated: the same enum with a hand-written ApiError impl.'
        echo 'use apierror::{ApiError, Catalog};'
        echo 'use http::StatusCode;'
        echo 'use std::borrow::Cow;'
        echo '/// The errors of a large service.'
        echo '#[derive(Debug, thiserror::Error)]'
        echo 'pub enum BigError {'
    } >"$hand"
    for (( i = 0; i < VARIANTS; i++ )); do
        variant "$i"
        printf '    /// Error number %d: what went wrong, for the documentation.\n    %s\n    %s,\n' \
            "$i" "$ATTRS" "$DECL" >>"$derived"
        # thiserror's attributes only, and no retry_after marker, for the hand-written enum.
        local plain_attrs plain_decl
        plain_attrs=$(sed -E 's/#\[(status|code|message)\([^]]*\)\] ?//g' <<<"$ATTRS")
        plain_decl=${DECL//#\[retry_after\] /}
        printf '    /// Error number %d: what went wrong, for the documentation.\n    %s\n    %s,\n' \
            "$i" "$plain_attrs" "$plain_decl" >>"$hand"
        local wild
        wild=$(sed -E 's/\{ .* \}/{ .. }/; s/\(([a-z_]+)\)/(_)/' <<<"$PAT")
        status+="            $wild => StatusCode::$(status_name "$STATUS"),"$'\n'
        code+="            $wild => \"$CODE\","$'\n'
        message+="            $PAT => $MESSAGE_ARM,"$'\n'
        if [ -n "$RETRY" ]; then
            retry+="            $RETRY"$'\n'
        fi
    done
    echo '}' >>"$derived"
    # thiserror alone: the hand-written crate's enum, without any ApiError impl.
    { cat "$hand"; echo '}'; } | sed 's/^\/\/! Generated: the same enum with a hand-written ApiError impl./\/\/! Generated: the same enum with thiserror alone./; /^use apierror::/d; /^use http::/d; /^use std::borrow::Cow;/d' >"$plain"
    cat >>"$hand" <<EOF
}

impl ApiError for BigError {
    fn status(&self) -> StatusCode {
        match self {
$status        }
    }

    fn code(&self) -> &str {
        match self {
$code        }
    }

    fn message(&self) -> Cow<'_, str> {
        match self {
$message        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
$retry            _ => None,
        }
    }

    fn docs_url(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Owned(format!("https://api.example.com/errors#{}", self.code())))
    }

    fn domain(&self) -> Option<&str> {
        Some("api.example.com")
    }

    fn catalog() -> Catalog {
        Catalog::EMPTY
    }
}
EOF
}

manifest() {
    cat <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$2
EOF
}

# --- 1. cargo check of the 500-variant enum, derived vs hand-written -----------------------
mkdir -p "$WORK/derived/src" "$WORK/handwritten/src" "$WORK/plain/src"
cat >"$WORK/Cargo.toml" <<'EOF'
[workspace]
members = ["derived", "handwritten", "plain"]
resolver = "3"
EOF
profile_override >>"$WORK/Cargo.toml"
cp "$REPO/Cargo.lock" "$WORK/Cargo.lock"
deps="apierror = { path = \"$REPO/runtime\" }
thiserror = \"2\"
http = \"1\""
manifest derived "$deps" >"$WORK/derived/Cargo.toml"
manifest handwritten "$deps" >"$WORK/handwritten/Cargo.toml"
manifest plain 'thiserror = "2"' >"$WORK/plain/Cargo.toml"
generate

echo "Warming up: building the dependencies of the generated crates..." >&2
(cd "$WORK" && cargo check --quiet -p derived -p handwritten -p plain && cargo build --quiet -p derived -p handwritten -p plain)

# Seconds of one `cargo $1` of crate $2 after touching its source.
timed() {
    local start end
    touch "$WORK/$2/src/lib.rs"
    start=$(now)
    (cd "$WORK" && cargo "$1" --quiet -p "$2")
    end=$(now)
    echo "$end - $start" | bc
}

# Median seconds of CHECK_RUNS runs of `cargo $1` for each crate, interleaved so machine noise hits
# all alike. Sets DERIVED, HAND and PLAIN (thiserror alone).
measure() {
    local derived_times=() hand_times=() plain_times=() round
    for (( round = 0; round < CHECK_RUNS; round++ )); do
        derived_times+=("$(timed "$1" derived)")
        hand_times+=("$(timed "$1" handwritten)")
        plain_times+=("$(timed "$1" plain)")
    done
    DERIVED=$(printf '%s\n' "${derived_times[@]}" | median)
    HAND=$(printf '%s\n' "${hand_times[@]}" | median)
    PLAIN=$(printf '%s\n' "${plain_times[@]}" | median)
}

ratio() { echo "scale=2; $1 / $2" | bc; }

# Instruction counting (INSTRUCTIONS=1, and the SIZES mode): rustc under callgrind.
wrapper="$WORK/callgrind-rustc.sh"
cat >"$wrapper" <<'WRAPPER'
#!/usr/bin/env bash
# RUSTC_WRAPPER: runs rustc under callgrind for the crate named $COUNT_CRATE only.
rustc="$1"
shift
previous=""
for arg in "$@"; do
    if [ "$previous" = "--crate-name" ] && [ "$arg" = "$COUNT_CRATE" ]; then
        exec valgrind --tool=callgrind --callgrind-out-file="$COUNT_OUT" "$rustc" "$@" 2>"$COUNT_OUT.log"
    fi
    previous="$arg"
done
exec "$rustc" "$@"
WRAPPER
chmod +x "$wrapper"

# Instructions inside the function named $2 (inclusive) in callgrind output $1, or 0.
inside() {
    callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
        awk -v name="$2" 'index($0, name) { gsub(",", "", $1); print $1; found = 1; exit }
                          END { if (!found) print 0 }'
}

# Prints "<instructions> <inside apierror-derive> <inside thiserror-impl>" for one `cargo check`
# of crate $1 after `touch`, with its incremental cache fresh.
count() {
    local out="$WORK/$1.callgrind"
    touch "$WORK/$1/src/lib.rs"
    (cd "$WORK" && cargo check --quiet -p "$1")
    touch "$WORK/$1/src/lib.rs"
    (cd "$WORK" && COUNT_CRATE="$1" COUNT_OUT="$out" RUSTC_WRAPPER="$wrapper" cargo check --quiet -p "$1")
    echo "$(grep -o 'Collected : [0-9]*' "$out.log" | awk '{ print $3 }')" \
        "$(inside "$out" 'apierror_derive::derive_api_error ')" \
        "$(inside "$out" 'thiserror_impl::derive_error ')"
}

giga() { printf '%.2f' "$(echo "scale=4; $1 / 1000000000" | bc)"; }

# --- SIZES="50 500 2000": how the cost grows with the number of variants -----------------------
# For each size: `cargo check` after `touch` of the three crates (CHECK_RUNS runs, medians) and,
# with INSTRUCTIONS=1, the instructions rustc runs for it. No clean builds.
if [ -n "${SIZES:-}" ]; then
    rows=""
    for VARIANTS in $SIZES; do
        echo "$VARIANTS variants..." >&2
        generate
        (cd "$WORK" && cargo check --quiet -p derived -p handwritten -p plain)
        measure check
        row="| $VARIANTS | $(printf '%.2f' "$DERIVED") | $(printf '%.2f' "$HAND") | $(printf '%.2f' "$PLAIN") | $(ratio "$DERIVED" "$HAND") | $(ratio "$DERIVED" "$PLAIN")"
        if [ -n "${INSTRUCTIONS:-}" ]; then
            read -r d_total _ _ < <(count derived)
            read -r h_total _ _ < <(count handwritten)
            read -r p_total _ _ < <(count plain)
            row="$row | $(giga "$d_total") | $(giga "$h_total") | $(giga "$p_total") | $(ratio "$d_total" "$h_total") | $(ratio "$d_total" "$p_total")"
        else
            row="$row | | | | |"
        fi
        rows+="$row |"$'\n'
    done
    cat <<EOF

\`cargo check\` after \`touch src/lib.rs\`: medians of $CHECK_RUNS runs (s), and the instructions rustc
runs for one (G, callgrind, with INSTRUCTIONS=1) ($(nproc) CPUs, $(rustc --version); proc macros: $macro_profile).

| variants | derive (s) | hand-written (s) | thiserror alone (s) | derive / hand | derive / thiserror | derive (G) | hand-written (G) | thiserror alone (G) | derive / hand (instr.) | derive / thiserror (instr.) |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$rows
EOF
    exit 0
fi

echo "Timing cargo check, $CHECK_RUNS runs each..." >&2
measure check
derived_check=$DERIVED
hand_check=$HAND
plain_check=$PLAIN
echo "Timing cargo build, $CHECK_RUNS runs each..." >&2
measure build
derived_build=$DERIVED
hand_build=$HAND
plain_build=$PLAIN

# --- 2. clean build of the macro crates ------------------------------------------------------
mkdir -p "$WORK/macro-derive/src" "$WORK/macro-thiserror/src"
for crate in macro-derive macro-thiserror; do
    touch "$WORK/$crate/src/lib.rs"
    cp "$REPO/Cargo.lock" "$WORK/$crate/Cargo.lock"
done
manifest macro-derive "apierror-derive = { path = \"$REPO/macros\" }" >"$WORK/macro-derive/Cargo.toml"
manifest macro-thiserror 'thiserror-impl = "2"' >"$WORK/macro-thiserror/Cargo.toml"
echo '[workspace]' >>"$WORK/macro-derive/Cargo.toml"
echo '[workspace]' >>"$WORK/macro-thiserror/Cargo.toml"
profile_override >>"$WORK/macro-derive/Cargo.toml"
profile_override thiserror >>"$WORK/macro-thiserror/Cargo.toml"

# Prints "<wall seconds> <seconds of the unit named $2>" for one clean build of crate $1.
clean_build() {
    local crate=$1 unit=$2 start end
    rm -rf "$WORK/$crate/target"
    start=$(now)
    (cd "$WORK/$crate" && cargo build --quiet --timings -p "$unit" 2>/dev/null)
    end=$(now)
    local unit_time
    unit_time=$(python3 - "$WORK/$crate/target/cargo-timings/cargo-timing.html" "$unit" <<'PY'
import json, sys
html = open(sys.argv[1]).read()
start = html.index("const UNIT_DATA = ") + len("const UNIT_DATA = ")
units, _ = json.JSONDecoder().raw_decode(html[start:])
print(sum(u["duration"] for u in units if u["name"] == sys.argv[2]))
PY
)
    echo "$(echo "$end - $start" | bc) $unit_time"
}

derive_walls=(); derive_units=(); thiserror_walls=(); thiserror_units=()
echo "Clean builds of apierror-derive and thiserror-impl, $RUNS runs each..." >&2
for (( round = 0; round < RUNS; round++ )); do
    read -r wall unit < <(clean_build macro-derive apierror-derive)
    derive_walls+=("$wall"); derive_units+=("$unit")
    read -r wall unit < <(clean_build macro-thiserror thiserror-impl)
    thiserror_walls+=("$wall"); thiserror_units+=("$unit")
done

d_wall=$(printf '%s\n' "${derive_walls[@]}" | median)
d_unit=$(printf '%s\n' "${derive_units[@]}" | median)
t_wall=$(printf '%s\n' "${thiserror_walls[@]}" | median)
t_unit=$(printf '%s\n' "${thiserror_units[@]}" | median)

cat <<EOF

Medians of $CHECK_RUNS runs after \`touch\`, $RUNS clean builds ($(nproc) CPUs, $(rustc --version)); proc macros: $macro_profile.

| a $VARIANTS-variant enum, after \`touch src/lib.rs\` | \`cargo check\` (s) | \`cargo build\` (s) |
|---|---:|---:|
| \`#[derive(ApiError)]\` | $(printf '%.2f' "$derived_check") | $(printf '%.2f' "$derived_build") |
| hand-written \`impl ApiError\` | $(printf '%.2f' "$hand_check") | $(printf '%.2f' "$hand_build") |
| thiserror alone (no ApiError) | $(printf '%.2f' "$plain_check") | $(printf '%.2f' "$plain_build") |
| derived / hand-written | $(ratio "$derived_check" "$hand_check") | $(ratio "$derived_build" "$hand_build") |
| derived / thiserror alone | $(ratio "$derived_check" "$plain_check") | $(ratio "$derived_build" "$plain_build") |

| clean \`cargo build\` (debug, fresh target directory) | whole build (s) | the macro crate alone (s) |
|---|---:|---:|
| apierror-derive (proc-macro2, quote, syn, heck) | $(printf '%.2f' "$d_wall") | $(printf '%.2f' "$d_unit") |
| thiserror-impl (proc-macro2, quote, syn) | $(printf '%.2f' "$t_wall") | $(printf '%.2f' "$t_unit") |
EOF

# --- 3. instruction counts (optional) ----------------------------------------------------------
if [ -z "${INSTRUCTIONS:-}" ]; then
    exit 0
fi
echo "Counting instructions under callgrind..." >&2
read -r d_total d_derive d_thiserror < <(count derived)
read -r h_total h_derive h_thiserror < <(count handwritten)
read -r p_total p_derive p_thiserror < <(count plain)
cat <<EOF

Instructions rustc runs for one \`cargo check\` after \`touch\` (callgrind; incremental, as timed).

| a $VARIANTS-variant enum | all (G) | in apierror-derive (G) | in thiserror-impl (G) |
|---|---:|---:|---:|
| \`#[derive(ApiError)]\` | $(giga "$d_total") | $(giga "$d_derive") | $(giga "$d_thiserror") |
| hand-written \`impl ApiError\` | $(giga "$h_total") | $(giga "$h_derive") | $(giga "$h_thiserror") |
| thiserror alone | $(giga "$p_total") | $(giga "$p_derive") | $(giga "$p_thiserror") |
| derived / hand-written | $(ratio "$d_total" "$h_total") | | |
| derived / thiserror alone | $(ratio "$d_total" "$p_total") | | |
EOF
