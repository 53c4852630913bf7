//! Heap allocations per render, counted by dhat's global allocator (no timing here).
//!
//! dhat counts every thread's allocations, so this runs without libtest's harness
//! (`harness = false` in Cargo.toml): one thread, the main one, and nothing else in the process
//! that could allocate while it counts (under libtest a rare run counted four blocks more in a
//! random row). The errors and their hand-written
//! serde twins are those of the benchmarks (`benches/cases.rs`). The table of counts is
//! printed: `cargo test -p apierror-workspace --no-default-features --test allocations`.

#[path = "../benches/cases.rs"]
mod cases;
#[path = "../benches/scaling_cases.rs"]
mod scaling_cases;

use apierror::{ApiError, Context, Format};
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

fn main() {
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

    templated_bodies_are_one_allocation_at_any_value_length(&ctx);
}

/// Templates whose text the runtime copies (`{text}`, `Task {id} is locked by {owner}`) and
/// one the derive writes itself (text JSON escapes), with a `Display` value.
#[derive(Debug, thiserror::Error, ApiError)]
enum Templated {
    #[status(409)]
    #[code("NAME_TAKEN")]
    #[message("The name \"{name}\" is taken by {owner}")]
    #[error("name taken")]
    Escaped { name: String, owner: Owner },
}

#[derive(Debug)]
struct Owner(String);

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "user {}", self.0)
    }
}

/// README: "one allocation per body", whatever the length of a templated message's values
/// (up to the limit, and past it, where the message is cut): a value of up to 24 bytes
/// whatever it escapes, a longer one when its escapes add at most a quarter to it.
fn templated_bodies_are_one_allocation_at_any_value_length(ctx: &Context) {
    for len in [16, 64, 256, 4096] {
        let text: String = "value ".chars().cycle().take(len).collect();
        // Escapes: the worst case (`\u0001`, six bytes for one) in a short value; quotes in
        // a longer one (the buffer leaves a quarter of a long value's length for escapes).
        let escapes: String = if len <= 16 {
            "\u{1}".repeat(len)
        } else {
            "He said \"hi\". é\n".chars().cycle().take(len).collect()
        };
        let errors: Vec<(&str, Box<dyn ApiError>)> = vec![
            ("{text}", Box::new(scaling_cases::message(len))),
            (
                "Task {id} is locked by {owner}",
                Box::new(cases::TaskError::Locked {
                    id: u64::MAX,
                    owner: text.clone(),
                }),
            ),
            (
                "escapes in the value",
                Box::new(cases::TaskError::Locked {
                    id: 7,
                    owner: escapes.clone(),
                }),
            ),
            (
                "escapes in the template, a Display value",
                Box::new(Templated::Escaped {
                    name: text.clone(),
                    owner: Owner(escapes.clone()),
                }),
            ),
        ];
        let limits = [
            ctx.clone(),
            ctx.clone()
                .with_limits(apierror::Limits::default().with_max_message_len(len / 2)),
        ];
        for ctx in &limits {
            for format in Format::ALL {
                for (name, err) in &errors {
                    let (allocations, body) =
                        count(|| apierror::to_json(err.as_ref(), format, ctx));
                    assert_eq!(
                        allocations,
                        1,
                        "{format} {name}, {len}-byte values, limit {}: one allocation, the body",
                        ctx.limits().max_message_len(),
                    );
                    drop(body);
                }
            }
        }
    }
}
