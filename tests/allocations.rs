//! Heap allocations per render, counted by dhat's global allocator (no timing here).
//!
//! One test, so nothing else allocates while it counts. The errors and their hand-written
//! serde twins are those of the benchmarks (`benches/cases.rs`). The table of counts is
//! printed: `cargo test -p apierror-workspace --no-default-features --test allocations --
//! --nocapture`.

#[path = "../benches/cases.rs"]
mod cases;

use apierror::{Context, Format};
use std::hint::black_box;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Allocations (a `realloc` counts as one) made by `f`, and what it returned.
fn count<R>(f: impl FnOnce() -> R) -> (u64, R) {
    let before = dhat::HeapStats::get().total_blocks;
    let result = black_box(f());
    let after = dhat::HeapStats::get().total_blocks;
    (after - before, result)
}

#[test]
fn allocations_per_render() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let ctx = cases::context();
    let cases = cases::cases();
    let mut rows = Vec::new();

    // Warm up what is initialized once per thread or process (the UUID generator's RNG).
    let _ = apierror::to_response(&cases[0].1, Format::Flat, &Context::default());

    for format in Format::ALL {
        for (name, derived, hand) in &cases {
            let (ours, body) = count(|| apierror::to_json(derived, format, &ctx));
            drop(body);
            let (theirs, body) = count(|| hand.render(format, cases::REQUEST_ID));
            drop(body);
            rows.push((format.as_str().to_owned(), *name, ours, theirs));
        }
    }
    for (name, derived, hand) in &cases {
        let (ours, response) = count(|| apierror::to_response(derived, Format::Flat, &ctx));
        drop(response);
        let (theirs, response) = count(|| hand.response(cases::REQUEST_ID));
        drop(response);
        rows.push(("to_response (flat)".to_owned(), *name, ours, theirs));
    }
    let fresh = Context::default();
    let (fresh_id, body) = count(|| apierror::to_json(&cases[0].1, Format::Flat, &fresh));
    drop(body);
    let static_flat = {
        let (_, derived, _) = &cases[0];
        count(|| apierror::to_json(derived, Format::Flat, &ctx)).0
    };

    println!("| format | case | apierror | hand-written serde |");
    println!("|---|---|---:|---:|");
    for (format, name, ours, theirs) in &rows {
        println!("| {format} | {name} | {ours} | {theirs} |");
    }
    println!("| flat, generated request id | a_static | {fresh_id} | - |");

    // The contract of the design: a static-message error renders with one allocation, its
    // output buffer.
    assert_eq!(
        static_flat, 1,
        "a static Flat body allocates only its buffer"
    );
    // And every body, interpolated or with details, is written into one buffer sized up
    // front (README: "one allocation per body").
    for (format, name, ours, _) in &rows {
        if !format.starts_with("to_response") {
            assert_eq!(*ours, 1, "{format} {name}: one allocation, the body");
        }
    }
    assert_eq!(
        fresh_id, 1,
        "a generated request id lives inline, not on the heap"
    );
}
