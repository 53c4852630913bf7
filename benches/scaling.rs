//! How rendering cost grows: `apierror::to_json` (Flat) against the message's length (1 B to
//! 4 KiB), the number of details (0 to 100) and the size of an extension member (0 to 1,000
//! numbers). Instruction counts and the fitted linear constants: `bash benches/scaling.sh`.
//!
//! `cargo bench -p apierror-workspace --no-default-features --bench scaling`

mod cases;
mod scaling_cases;

use apierror::Format;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use scaling_cases::{DETAIL_COUNTS, EXTENSION_ITEMS, MESSAGE_LENGTHS};
use std::hint::black_box;
use std::time::Duration;

fn scaling(c: &mut Criterion) {
    let ctx = cases::context();
    for (kind, sizes) in [
        ("message", MESSAGE_LENGTHS),
        ("details", DETAIL_COUNTS),
        ("extension", EXTENSION_ITEMS),
    ] {
        let mut group = c.benchmark_group(format!("scaling_{kind}"));
        for size in sizes {
            let err = scaling_cases::of(kind, size);
            let body = apierror::to_json(&err, Format::Flat, &ctx);
            // The body is whole JSON with the member the parameter grows.
            let value: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
            match kind {
                "message" => assert_eq!(value["message"].as_str().map(str::len), Some(size)),
                "details" => assert_eq!(
                    value["details"].as_array().map_or(0, Vec::len),
                    size,
                    "{body:?}"
                ),
                _ => assert_eq!(value["items"].as_array().map(Vec::len), Some(size)),
            }
            group.throughput(Throughput::Elements(size as u64));
            group.bench_function(BenchmarkId::from_parameter(size), |b| {
                b.iter(|| apierror::to_json(black_box(&err), Format::Flat, &ctx));
            });
        }
        group.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = scaling
}
criterion_main!(benches);
