//! Heap allocations per request through the server, end to end without sockets, counted by
//! dhat's global allocator (no timing here): the routers and apps of
//! `benches/server_cases.rs` (axum through tower's `oneshot`, actix-web's test service), with
//! and without apierror's layer, the response's body read whole. BENCHMARKS.md, "Allocations
//! per request", has the table this prints:
//! `cargo test -p apierror-workspace --test layer_allocations -- --nocapture`.
//!
//! One test, so nothing else allocates while it counts.

#[path = "../benches/cases.rs"]
mod cases;
#[path = "../benches/server_cases.rs"]
mod server_cases;

use server_cases::{actix_app, axum_app, axum_call};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Allocations (a `realloc` counts as one) made by `f`.
fn count<R>(f: impl FnOnce() -> R) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    let result = std::hint::black_box(f());
    let after = dhat::HeapStats::get().total_blocks;
    drop(result);
    after - before
}

#[test]
fn allocations_per_request_through_the_layer() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let system = actix_web::rt::System::new();
    let axum_bare = axum_app::bare();
    let axum_layer = axum_app::layered();
    let axum_outer = axum_app::outer();
    let actix_bare = system.block_on(actix_web::test::init_service(actix_app::bare()));
    let actix_layer = system.block_on(actix_web::test::init_service(actix_app::layered()));

    let mut rows = Vec::new();
    for path in ["/ok", "/err/a", "/err/b", "/err/c"] {
        // Warm up what is set up once per thread (the UUID generator's RNG, tokio's context).
        for _ in 0..2 {
            rt.block_on(axum_call(&axum_bare, path));
            rt.block_on(axum_call(&axum_layer, path));
            rt.block_on(axum_call(&axum_outer, path));
            system.block_on(actix_app::call(&actix_bare, path));
            system.block_on(actix_app::call(&actix_layer, path));
        }
        let axum = (
            count(|| rt.block_on(axum_call(&axum_bare, path))),
            count(|| rt.block_on(axum_call(&axum_layer, path))),
        );
        let actix = (
            count(|| system.block_on(actix_app::call(&actix_bare, path))),
            count(|| system.block_on(actix_app::call(&actix_layer, path))),
        );
        let outer = count(|| rt.block_on(axum_call(&axum_outer, path)));
        rows.push((path, axum, actix, outer));
    }

    println!(
        "| path | axum without | axum with ErrorLayer | axum with ErrorLayer around the router | actix without | actix with ErrorMiddleware |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (path, (axum_bare, axum_layer), (actix_bare, actix_layer), outer) in &rows {
        println!(
            "| `{path}` | {axum_bare} | {axum_layer} | {outer} | {actix_bare} | {actix_layer} |"
        );
    }

    // Bounds on what the layer adds, as measured when this test was written (BENCHMARKS.md,
    // "#24 The layer's success path"): a change that makes the layer allocate more per request
    // fails here and must say why. Success path, axum: the per-request clone of the route
    // `Router::layer` boxes (the layer and the inner `Route`'s boxed service; any layer added
    // with `Router::layer` pays these two), the fresh id's bytes (shared by the request's and
    // the response's header values and the scope), the scope's `Arc`. actix-web: the id's
    // bytes, the scope's `Rc`, the request's header map growing to take `x-request-id`.
    let (ok_axum, ok_actix, ok_outer) = (rows[0].1, rows[0].2, rows[0].3);
    assert!(
        ok_axum.1 <= ok_axum.0 + 4,
        "axum /ok: {ok_axum:?} allocations without and with ErrorLayer"
    );
    assert!(
        ok_actix.1 <= ok_actix.0 + 3,
        "actix /ok: {ok_actix:?} allocations without and with ErrorMiddleware"
    );
    // Around the whole router (`ErrorLayer::new().layer(router)`) no route is boxed again: the
    // id's bytes and the scope's `Arc` only.
    assert!(
        ok_outer <= ok_axum.0 + 2,
        "axum /ok: {} allocations without, {ok_outer} with ErrorLayer around the router",
        ok_axum.0
    );
    // Error path: through the layer against the hand-written response without it (which
    // serializes with serde_json and makes its own request id, a `String` and a copy into its
    // header): axum at least seven fewer, actix-web at least eleven fewer (since session 8: no
    // response extension marks apierror's responses, and the rendered `x-request-id` is the
    // scope's value, not a copy).
    for (path, (axum_bare, axum_layer), (actix_bare, actix_layer), outer) in &rows[1..] {
        assert!(
            axum_layer + 7 <= *axum_bare,
            "axum {path}: {axum_layer} allocations through ErrorLayer, {axum_bare} hand-written"
        );
        assert!(
            outer + 9 <= *axum_bare,
            "axum {path}: {outer} allocations through ErrorLayer around the router, {axum_bare} hand-written"
        );
        assert!(
            actix_layer + 11 <= *actix_bare,
            "actix {path}: {actix_layer} allocations through ErrorMiddleware, {actix_bare} hand-written"
        );
    }
}
