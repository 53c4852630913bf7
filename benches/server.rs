//! What apierror costs inside the server, without sockets: a request through an axum `Router`
//! (tower's `oneshot` on a clone) and through actix-web's test service, the response's body
//! read whole, with and without apierror's layer, in the same criterion group:
//!
//! - success path: `GET /ok` (a handler returning 200 `ok`), the bare router against the same
//!   router with `ErrorLayer` / `ErrorMiddleware` (and, for axum, behind tower-http's
//!   request-id layers, which make and echo an id without an error envelope; and with
//!   `ErrorLayer` around the whole router, `error_layer_outside`);
//! - error path: each error of `benches/cases.rs`, the derived error through the layer against
//!   a hand-written `IntoResponse` / `ResponseError` that serializes the same Flat body with
//!   serde_json and makes (UUID v4) and echoes a request id, without the layer
//!   (`benches/server_cases.rs`).
//!
//! Requests carry no `x-request-id`, so every side generates one. Setup asserts the same status,
//! headers and body (request ids aside) on both sides before anything is timed.
//!
//! `cargo bench -p apierror-workspace --bench server`; instruction counts:
//! `bash benches/server_instructions.sh`; under load over sockets: `bash benches/load.sh`.

mod cases;
mod server_cases;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use server_cases::{CASES, actix_app, axum_app, axum_call, without_request_id};
use std::time::Duration;

fn axum_paths(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let bare = axum_app::bare();
    let layered = axum_app::layered();
    let (status, _, body) = rt.block_on(axum_call(&bare, "/ok"));
    assert_eq!((status, &body[..]), (200, &b"ok"[..]));
    let (status, headers, body) = rt.block_on(axum_call(&layered, "/ok"));
    assert_eq!((status, &body[..]), (200, &b"ok"[..]));
    assert!(headers.contains_key("x-request-id"));
    // The layer around the whole router (`ErrorLayer::new().layer(router)`) rather than each
    // route (`Router::layer`).
    let outer = axum_app::outer();
    let (status, headers, body) = rt.block_on(axum_call(&outer, "/ok"));
    assert_eq!((status, &body[..]), (200, &b"ok"[..]));
    assert!(headers.contains_key("x-request-id"));

    // Context: the same routes behind tower-http's request-id layers (make and echo an id, no
    // error envelope), added with `Router::layer` as `ErrorLayer` is.
    let ids = axum_app::request_ids();
    let (status, headers, body) = rt.block_on(axum_call(&ids, "/ok"));
    assert_eq!((status, &body[..]), (200, &b"ok"[..]));
    assert!(headers.contains_key("x-request-id"));

    let mut group = c.benchmark_group("axum_success");
    group.bench_function("bare_router", |b| {
        b.iter(|| rt.block_on(axum_call(&bare, "/ok")));
    });
    group.bench_function("error_layer", |b| {
        b.iter(|| rt.block_on(axum_call(&layered, "/ok")));
    });
    group.bench_function("error_layer_outside", |b| {
        b.iter(|| rt.block_on(axum_call(&outer, "/ok")));
    });
    group.bench_function("tower_http_request_ids", |b| {
        b.iter(|| rt.block_on(axum_call(&ids, "/ok")));
    });
    group.finish();

    let mut group = c.benchmark_group("axum_error");
    for (name, _) in CASES {
        let path = format!("/err/{name}");
        let shown = |(status, headers, body): (u16, http::HeaderMap, axum::body::Bytes)| {
            without_request_id(
                status,
                headers.iter().map(|(n, v)| (n.as_str(), v.as_bytes())),
                &body,
            )
        };
        let ours = shown(rt.block_on(axum_call(&layered, &path)));
        let theirs = shown(rt.block_on(axum_call(&bare, &path)));
        assert_eq!(
            ours, theirs,
            "axum {path}: the layer and the hand-written response differ"
        );
        let outside = shown(rt.block_on(axum_call(&outer, &path)));
        assert_eq!(
            outside, theirs,
            "axum {path}: the layer around the router and the hand-written response differ"
        );
        group.bench_function(BenchmarkId::new("hand_written", name), |b| {
            b.iter(|| rt.block_on(axum_call(&bare, &path)));
        });
        group.bench_function(BenchmarkId::new("error_layer", name), |b| {
            b.iter(|| rt.block_on(axum_call(&layered, &path)));
        });
        group.bench_function(BenchmarkId::new("error_layer_outside", name), |b| {
            b.iter(|| rt.block_on(axum_call(&outer, &path)));
        });
    }
    group.finish();
}

fn actix_paths(c: &mut Criterion) {
    let system = actix_web::rt::System::new();
    let bare = system.block_on(actix_web::test::init_service(actix_app::bare()));
    let layered = system.block_on(actix_web::test::init_service(actix_app::layered()));
    let (status, _, body) = system.block_on(actix_app::call(&bare, "/ok"));
    assert_eq!((status, &body[..]), (200, &b"ok"[..]));
    let (status, headers, body) = system.block_on(actix_app::call(&layered, "/ok"));
    assert_eq!((status, &body[..]), (200, &b"ok"[..]));
    assert!(headers.contains_key("x-request-id"));

    let mut group = c.benchmark_group("actix_success");
    group.bench_function("bare_app", |b| {
        b.iter(|| system.block_on(actix_app::call(&bare, "/ok")));
    });
    group.bench_function("error_middleware", |b| {
        b.iter(|| system.block_on(actix_app::call(&layered, "/ok")));
    });
    group.finish();

    let mut group = c.benchmark_group("actix_error");
    for (name, _) in CASES {
        let path = format!("/err/{name}");
        let shown = |(status, headers, body): (
            u16,
            actix_web::http::header::HeaderMap,
            actix_web::web::Bytes,
        )| {
            without_request_id(
                status,
                headers.iter().map(|(n, v)| (n.as_str(), v.as_bytes())),
                &body,
            )
        };
        let ours = shown(system.block_on(actix_app::call(&layered, &path)));
        let theirs = shown(system.block_on(actix_app::call(&bare, &path)));
        assert_eq!(
            ours, theirs,
            "actix {path}: the middleware and the hand-written response differ"
        );
        group.bench_function(BenchmarkId::new("hand_written", name), |b| {
            b.iter(|| system.block_on(actix_app::call(&bare, &path)));
        });
        group.bench_function(BenchmarkId::new("error_middleware", name), |b| {
            b.iter(|| system.block_on(actix_app::call(&layered, &path)));
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
    targets = axum_paths, actix_paths
}
criterion_main!(benches);
