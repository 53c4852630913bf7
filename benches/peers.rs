//! apierror against the peer crates that render one of its envelopes and build with this
//! workspace's dependencies: `http-api-problem` and `problem_details`, both RFC 9457 problem
//! details (BENCHMARKS.md, "Peers", says which crates were left out and why).
//!
//! Each case of `benches/cases.rs` (a static message, a templated one, ten details) is rendered
//! as a Problem body by `apierror::to_json`, by each peer from the service's error (the
//! conversion a service writes, then the crate's serialization), and by the hand-written serde
//! baseline, all in one criterion group. Setup asserts that every side gives the same JSON value
//! (the peers order members differently) before anything is timed.
//!
//! `cargo bench -p apierror-workspace --no-default-features --bench peers`; instruction counts:
//! `bash benches/peer_instructions.sh`.

mod cases;
mod peer_cases;

use apierror::Format;
use cases::context;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use peer_cases::{assert_same_value, hand_serde, http_api_problem, peer_cases, problem_details};
use std::hint::black_box;
use std::time::Duration;

fn peers(c: &mut Criterion) {
    let ctx = context();
    let mut group = c.benchmark_group("peers_problem");
    for (name, derived, hand) in &peer_cases() {
        let ours = apierror::to_json(derived, Format::Problem, &ctx);
        assert_same_value(name, &ours, "http-api-problem", &http_api_problem(hand));
        assert_same_value(name, &ours, "problem_details", &problem_details(hand));
        assert_same_value(name, &ours, "hand-written serde", &hand_serde(hand));
        group.bench_function(BenchmarkId::new("apierror", name), |b| {
            b.iter(|| apierror::to_json(black_box(derived), black_box(Format::Problem), &ctx));
        });
        group.bench_function(BenchmarkId::new("http_api_problem", name), |b| {
            b.iter(|| http_api_problem(black_box(hand)));
        });
        group.bench_function(BenchmarkId::new("problem_details", name), |b| {
            b.iter(|| problem_details(black_box(hand)));
        });
        group.bench_function(BenchmarkId::new("serde", name), |b| {
            b.iter(|| hand_serde(black_box(hand)));
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
    targets = peers
}
criterion_main!(benches);
