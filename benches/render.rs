//! Rendering speed: `apierror::to_json` in each of the six envelopes, and `apierror::to_response`,
//! each against what a service would write by hand in the same run: `format!` the message,
//! build a `#[derive(Serialize)]` struct of the same shape, `serde_json::to_vec` (and
//! `http::Response::builder()` for the response). Before any timing, setup asserts that both
//! sides produce the same bytes (and the same status and headers).
//!
//! Three errors:
//! - `a_static`: a unit variant with a static message;
//! - `b_interp`: a message that interpolates a `u64` and a `String`;
//! - `c_details`: a static message and ten details;
//!
//! plus, for `to_response` only, `d_retry`: a 429 with `Retry-After`.
//!
//! For `a_static` a third side, `floor`, is what no renderer can beat: a
//! `Vec::with_capacity` of the body's exact length and one `extend_from_slice` of its bytes
//! (one allocation, one copy, one free).
//!
//! `cargo bench --no-default-features --bench render`, then
//! `python3 benches/summary.py` prints the table of medians and ratios.

mod cases;

use apierror::Format;
use cases::{HandError, REQUEST_ID, TaskError, cases, context};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn render(c: &mut Criterion) {
    let ctx = context();
    let cases = cases();
    for format in Format::ALL {
        let mut group = c.benchmark_group(format.as_str());
        for (name, derived, hand) in &cases {
            let ours = apierror::to_json(derived, format, &ctx);
            let theirs = hand.render(format, REQUEST_ID);
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs),
                "{format} {name}: apierror and the hand-written body differ"
            );
            group.bench_function(BenchmarkId::new("apierror", name), |b| {
                b.iter(|| apierror::to_json(black_box(derived), black_box(format), &ctx));
            });
            group.bench_function(BenchmarkId::new("serde", name), |b| {
                b.iter(|| black_box(hand).render(black_box(format), black_box(REQUEST_ID)));
            });
            if *name == "a_static" {
                // The floor of a static body: one exact allocation and one copy of the same
                // bytes, returned and dropped like the other sides' bodies.
                let bytes: &[u8] = &ours;
                group.bench_function(BenchmarkId::new("floor", name), |b| {
                    b.iter(|| {
                        let bytes = black_box(bytes);
                        let mut body = Vec::with_capacity(bytes.len());
                        body.extend_from_slice(bytes);
                        body
                    });
                });
            }
        }
        group.finish();
    }
}

fn to_response(c: &mut Criterion) {
    let ctx = context();
    let mut cases = cases();
    cases.push((
        "d_retry",
        TaskError::RateLimited { secs: 30 },
        HandError::RateLimited { secs: 30 },
    ));
    let mut group = c.benchmark_group("to_response");
    for (name, derived, hand) in &cases {
        let ours = apierror::to_response(derived, Format::Flat, &ctx);
        let theirs = hand.response(REQUEST_ID);
        assert_eq!(ours.status(), theirs.status(), "{name}: status");
        assert_eq!(ours.headers(), theirs.headers(), "{name}: headers");
        assert_eq!(ours.body(), theirs.body(), "{name}: body");
        group.bench_function(BenchmarkId::new("apierror", name), |b| {
            b.iter(|| apierror::to_response(black_box(derived), Format::Flat, &ctx));
        });
        group.bench_function(BenchmarkId::new("hand_built", name), |b| {
            b.iter(|| black_box(hand).response(black_box(REQUEST_ID)));
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = render, to_response
}
criterion_main!(benches);
