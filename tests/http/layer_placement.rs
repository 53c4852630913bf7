//! `ErrorLayer` around the whole router (`ErrorLayer::new().layer(router)`, served with
//! `axum::ServiceExt::into_make_service`, axum's way for middleware that runs before routing)
//! against `Router::layer`: the same requests to both give the same responses (status, every
//! header, body), successes, derived errors, rejections, the router's own 404 and 405, panics,
//! ids and `instance` alike, except one thing: a path rejection whose text does not name its
//! parameter (a single `Path<u32>`, a tuple) names no `field`, since the layer runs before the
//! router has matched a route.

use super::*;
use apierror::axum::{ErrorLayer, RequestId};
use axum::Router;
use axum::extract::Json;
use axum::routing::{get, post};
use tower::Layer as _;

/// The routes both installs serve.
fn routes() -> Router {
    #[derive(serde::Deserialize)]
    struct Order {
        #[allow(dead_code)]
        qty: u32,
    }
    #[derive(serde::Deserialize)]
    struct Named {
        #[allow(dead_code)]
        id: u32,
    }
    async fn ok() -> &'static str {
        "ok"
    }
    async fn whoami(request_id: RequestId) -> String {
        request_id.to_string()
    }
    async fn task(Path(id): Path<u64>) -> Result<String, Shared> {
        Err(Shared::NotFound { id })
    }
    async fn order(Json(_): Json<Order>) -> &'static str {
        "ok"
    }
    async fn one(Path(_): Path<u32>) -> &'static str {
        "ok"
    }
    async fn two(Path(_): Path<(String, u32)>) -> &'static str {
        "ok"
    }
    async fn named(Path(_): Path<Named>) -> &'static str {
        "ok"
    }
    async fn boom() -> &'static str {
        panic!("the handler failed")
    }
    Router::new()
        .route("/ok", get(ok))
        .route("/whoami", get(whoami))
        .route("/tasks/{id}", get(task))
        .route("/orders", post(order))
        .route("/orders/{id}", get(one))
        .route("/shelves/{shelf}/{pos}", get(two))
        .route("/named/{id}", get(named))
        .route("/boom", get(boom))
        .nest("/api/v1", Router::new().route("/tasks/{id}", get(task)))
}

/// The routes with `ErrorLayer` added by `Router::layer`, and around the whole router.
async fn both() -> (SocketAddr, SocketAddr) {
    let layered = support::serve_axum(routes().layer(ErrorLayer::new())).await;
    let outer = support::serve_axum_service(ErrorLayer::new().layer(routes())).await;
    (layered, outer)
}

/// A request as the tests list it: method, path and query, headers, body.
type Sent<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], &'a str);

async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let mut request = support::client()
        .request(method.parse().unwrap(), format!("http://{addr}{path}"))
        .body(body.to_owned());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    support::send(request).await
}

#[tokio::test]
async fn the_layer_around_the_router_answers_as_router_layer_does() {
    let (layered, outer) = both().await;
    let id = ("x-request-id", "req-place");
    let problem = ("accept", "application/problem+json");
    let json = ("content-type", "application/json");
    let requests: &[Sent] = &[
        ("GET", "/ok", &[id], ""),
        ("GET", "/whoami", &[id], ""),
        ("GET", "/tasks/7", &[id], ""),
        ("GET", "/tasks/7?x=1", &[id, problem], ""),
        ("GET", "/api/v1/tasks/7?x=1", &[id, problem], ""),
        ("POST", "/orders", &[id, json], r#"{"qty":"many"}"#),
        ("POST", "/orders", &[id, json], "not json"),
        ("POST", "/orders", &[id], "{}"),
        ("GET", "/named/abc", &[id], ""),
        ("GET", "/nowhere", &[id], ""),
        ("GET", "/nowhere", &[id, problem], ""),
        ("DELETE", "/orders", &[id], ""),
        ("GET", "/boom", &[id], ""),
    ];
    for &(method, path, headers, body) in requests {
        let expected = send(layered, method, path, headers, body).await;
        let reply = send(outer, method, path, headers, body).await;
        assert_eq!(reply, expected, "{method} {path}");
        assert_eq!(reply.header("x-request-id"), "req-place", "{method} {path}");
    }
    // What the two answer, for the record: the router's 405 keeps its `Allow`, a panic is a 500.
    let not_allowed = send(outer, "DELETE", "/orders", &[id], "").await;
    assert_eq!(not_allowed.status, 405);
    assert_eq!(not_allowed.header("allow"), "POST");
    assert_eq!(not_allowed.json()["code"], "METHOD_NOT_ALLOWED");
    let not_found = send(outer, "GET", "/nowhere", &[id], "").await;
    assert_eq!(
        not_found.body,
        r#"{"code":"NOT_FOUND","message":"Not Found","requestId":"req-place"}"#
    );
    let panicked = send(outer, "GET", "/boom", &[id], "").await;
    assert_eq!(panicked.status, 500);
    assert_eq!(panicked.json()["code"], "INTERNAL_SERVER_ERROR");
    let nested = send(outer, "GET", "/api/v1/tasks/7?x=1", &[id, problem], "").await;
    assert_eq!(nested.json()["instance"], "/api/v1/tasks/7");

    // A fresh id: the same on the request (the handler's `RequestId`) and the response.
    let fresh = send(outer, "GET", "/whoami", &[("x-request-id", "bad id")], "").await;
    assert!(is_fresh_request_id(&fresh.body), "{fresh:?}");
    assert_eq!(fresh.header("x-request-id"), fresh.body);
}

/// The trade: a path rejection's key comes from the matched route's parameters, which only a
/// router that ran before the layer has recorded. Around the whole router, a rejection whose
/// text names no key (a single value, a tuple) has a detail without `field`; one whose text
/// names it (a struct, as `/named/{id}` above) is the same either way.
#[tokio::test]
async fn around_the_router_a_path_rejection_names_its_key_only_when_axums_text_does() {
    let (layered, outer) = both().await;
    let id = [("x-request-id", "req-place")];
    for (path, field) in [("/orders/abc", "id"), ("/shelves/top/abc", "pos")] {
        let expected = send(layered, "GET", path, &id, "").await;
        let reply = send(outer, "GET", path, &id, "").await;
        assert_eq!(reply.status, 400, "{path}");
        assert_eq!(expected.json()["details"][0]["field"], field, "{path}");
        let keyed = format!(r#""field":"{field}","#);
        assert!(expected.body.contains(&keyed), "{}", expected.body);
        let without_key = Reply {
            body: expected.body.replace(&keyed, ""),
            ..expected
        };
        assert_eq!(reply, without_key, "{path}");
    }
    let named = send(outer, "GET", "/named/abc", &id, "").await;
    assert_eq!(named.json()["details"][0]["field"], "id");
}

/// README, "Among other middleware": the layer outside a path normalizer reports the path the
/// client sent as `instance` (inside it, the rewritten one); a handler's panic skips the
/// headers of the layers inside `ErrorLayer`, unless `CatchPanicLayer` inside them makes it a
/// response they pass through, which the layer rewrites all the same.
#[tokio::test]
async fn instance_and_panic_headers_follow_the_documented_placement() {
    use tower_http::catch_panic::CatchPanicLayer;
    use tower_http::normalize_path::NormalizePathLayer;
    use tower_http::set_header::SetResponseHeaderLayer;

    let problem = [
        ("x-request-id", "req-place"),
        ("accept", "application/problem+json"),
    ];
    let outside = support::serve_axum_service(
        ErrorLayer::new().layer(NormalizePathLayer::trim_trailing_slash().layer(routes())),
    )
    .await;
    let inside = support::serve_axum_service(
        NormalizePathLayer::trim_trailing_slash().layer(routes().layer(ErrorLayer::new())),
    )
    .await;
    let sent = send(outside, "GET", "/tasks/7/", &problem, "").await;
    assert_eq!(sent.status, 404);
    assert_eq!(sent.json()["instance"], "/tasks/7/");
    let rewritten = send(inside, "GET", "/tasks/7/", &problem, "").await;
    assert_eq!(rewritten.json()["instance"], "/tasks/7");

    let frame = || {
        SetResponseHeaderLayer::overriding(
            http::header::X_FRAME_OPTIONS,
            http::HeaderValue::from_static("DENY"),
        )
    };
    let unwound = support::serve_axum(routes().layer(frame()).layer(ErrorLayer::new())).await;
    let caught = support::serve_axum(
        routes()
            .layer(CatchPanicLayer::new())
            .layer(frame())
            .layer(ErrorLayer::new()),
    )
    .await;
    let id = [("x-request-id", "req-place")];
    let without = send(unwound, "GET", "/boom", &id, "").await;
    let with = send(caught, "GET", "/boom", &id, "").await;
    assert_eq!(
        without
            .headers
            .iter()
            .find(|(name, _)| name == "x-frame-options"),
        None
    );
    assert_eq!(with.header("x-frame-options"), "DENY");
    // The same envelope either way.
    assert_eq!((with.status, &with.body), (without.status, &without.body));
    assert_eq!(with.json()["code"], "INTERNAL_SERVER_ERROR");
}
