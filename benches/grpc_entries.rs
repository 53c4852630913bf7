//! Instructions of `apierror::tonic::to_status` for an upstream error passed on with `N`
//! metadata entries (a Flat body's extension members `key0`..`keyN-1`, each becoming an
//! `ErrorInfo.metadata` entry): how the cost grows with the entries, for callgrind.
//!
//! ```text
//! cargo bench -p apierror-workspace --no-default-features --features apierror/tonic,apierror/client --bench grpc_entries --no-run
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/deps/grpc_entries-* ENTRIES RUNS
//! ```
//!
//! Per status: (the count with `RUNS` = 200 minus the count with 0) / 200; BENCHMARKS.md ("Google
//! pass-through over gRPC") has the figures.

use apierror::{Context, RemoteError};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut number = || -> usize {
        args.next()
            .and_then(|arg| arg.parse().ok())
            .expect("usage: grpc_entries ENTRIES RUNS")
    };
    let (entries, runs) = (number(), number());
    let mut body = String::from(r#"{"code":"C","message":"m""#);
    for index in 0..entries {
        body.push_str(&format!(r#","key{index}":"v{index}""#));
    }
    body.push('}');
    let remote = RemoteError::parse(
        http::StatusCode::CONFLICT,
        &http::HeaderMap::new(),
        body.as_bytes(),
    )
    .expect("a Flat body");
    let ctx = Context::default().with_request_id("req-1");
    for _ in 0..runs {
        black_box(apierror::tonic::to_status(black_box(&remote), &ctx));
    }
}
