#!/usr/bin/env python3
"""Prints the medians of the last `cargo bench -p apierror-workspace --bench render` run as a
Markdown table.

Usage: python3 benches/summary.py [CRITERION_DIR]

CRITERION_DIR defaults to $CARGO_TARGET_DIR/criterion, else target/criterion. Each row pairs
apierror with its hand-written baseline (serde_json, or a hand-built response) and gives
their ratio; the targets are those of BENCHMARKS.md. For `a_static` a second table gives the
floor (one exact allocation and one copy of the same bytes) against both sides.
"""

import json
import os
import sys

FORMATS = ["flat", "nested", "error_list", "problem", "google", "simple"]
CASES = ["a_static", "b_interp", "c_details"]
TARGETS = {"a_static": 0.5, "b_interp": 0.8, "c_details": 1.0}
RESPONSE_CASES = ["a_static", "b_interp", "c_details", "d_retry"]
RESPONSE_TARGET = 1.1


def median_ns(root, group, function, case):
    path = os.path.join(root, group, function, case, "new", "estimates.json")
    with open(path) as file:
        return json.load(file)["median"]["point_estimate"]


def has(root, group, function, case):
    return os.path.exists(os.path.join(root, group, function, case, "new", "estimates.json"))


def main():
    default = os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "criterion")
    root = sys.argv[1] if len(sys.argv) > 1 else default
    print("| format | case | apierror (ns) | serde_json (ns) | ratio | target | met |")
    print("|---|---|---:|---:|---:|---:|---|")
    for group in FORMATS:
        for case in CASES:
            ours = median_ns(root, group, "apierror", case)
            theirs = median_ns(root, group, "serde", case)
            ratio = ours / theirs
            target = TARGETS[case]
            met = "yes" if ratio <= target else "NO"
            print(f"| {group} | {case} | {ours:.1f} | {theirs:.1f} | {ratio:.2f} | {target} | {met} |")
    print()
    print("| format | a_static: floor (ns) | apierror (ns) | serde_json (ns) | apierror / floor | floor / serde_json |")
    print("|---|---:|---:|---:|---:|---:|")
    for group in FORMATS:
        if not has(root, group, "floor", "a_static"):
            continue
        floor = median_ns(root, group, "floor", "a_static")
        ours = median_ns(root, group, "apierror", "a_static")
        theirs = median_ns(root, group, "serde", "a_static")
        print(f"| {group} | {floor:.1f} | {ours:.1f} | {theirs:.1f} | {ours / floor:.2f} | {floor / theirs:.2f} |")
    print()
    print("| to_response (Flat) | apierror (ns) | hand-built (ns) | ratio | target | met |")
    print("|---|---:|---:|---:|---:|---|")
    for case in RESPONSE_CASES:
        ours = median_ns(root, "to_response", "apierror", case)
        theirs = median_ns(root, "to_response", "hand_built", case)
        ratio = ours / theirs
        met = "yes" if ratio <= RESPONSE_TARGET else "NO"
        print(f"| {case} | {ours:.1f} | {theirs:.1f} | {ratio:.2f} | {RESPONSE_TARGET} | {met} |")


if __name__ == "__main__":
    main()
