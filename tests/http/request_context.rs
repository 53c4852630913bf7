//! What the layer and the middleware read from a request — its path for `instance`, its
//! `Accept` headers, its `x-request-id` — is the request as the client sent it, however the app
//! is nested: axum's `nest` and `nest_service` hand the inner service a URI without the prefix,
//! and the layer may sit on the outer router, the nested one, both, or wrap the whole router as
//! a tower service; actix-web's scopes keep the URI, with the middleware on the `App` or a scope.

use super::*;
use apierror::actix::ErrorMiddleware;
use apierror::axum::{ErrorLayer, RequestId};
use axum::Router;
use axum::routing::get;
use tower::Layer as _;

/// The error every nested route answers with.
#[derive(Debug, thiserror::Error, ApiError)]
enum ShelfError {
    /// The requested shelf does not exist.
    #[status(404)]
    #[code("SHELF_NOT_FOUND")]
    #[message("Shelf {id} could not be found")]
    #[error("shelf {id} missing")]
    NotFound { id: u32 },
}

/// The app mounted at `/api/v1`: a derived error, a path rejection, the request id.
fn axum_api() -> Router {
    async fn shelf(Path(id): Path<u32>) -> Result<String, ShelfError> {
        Err(ShelfError::NotFound { id })
    }
    async fn whoami(request_id: RequestId) -> String {
        request_id.to_string()
    }
    Router::new()
        .route("/shelves/{id}", get(shelf))
        .route("/whoami", get(whoami))
}

/// Every way of mounting the layer and the app, each served on its own port.
async fn axum_setups() -> Vec<(&'static str, SocketAddr)> {
    // `ErrorLayer` is `Clone` (it may hold a `map_rewritten` hook), not `Copy`.
    let layer = ErrorLayer::new;
    let routers = [
        (
            "axum: layer on the outer router",
            Router::new().nest("/api/v1", axum_api()).layer(layer()),
        ),
        (
            "axum: layer on the nested router",
            Router::new().nest("/api/v1", axum_api().layer(layer())),
        ),
        (
            "axum: layer on both routers",
            Router::new()
                .nest("/api/v1", axum_api().layer(layer()))
                .layer(layer()),
        ),
        (
            "axum: layer two nestings deep",
            Router::new().nest("/api", Router::new().nest("/v1", axum_api().layer(layer()))),
        ),
        (
            "axum: nest_service of a layered router",
            Router::new().nest_service("/api/v1", axum_api().layer(layer())),
        ),
        (
            "axum: nest_service of the layer's service",
            Router::new().nest_service("/api/v1", layer().layer(axum_api())),
        ),
    ];
    let mut setups = Vec::new();
    for (name, router) in routers {
        setups.push((name, support::serve_axum(router).await));
    }
    // The layer outside every router: no router has recorded an original URI yet.
    let service = tower::ServiceBuilder::new()
        .layer(layer())
        .service(Router::new().nest("/api/v1", axum_api()));
    let addr = support::serve_axum_service(service).await;
    setups.push(("axum: the whole router wrapped as a tower service", addr));
    setups
}

/// The actix-web app's routes, configured into a scope.
fn actix_api(config: &mut actix_web::web::ServiceConfig) {
    async fn shelf(id: actix_web::web::Path<u32>) -> Result<String, ShelfError> {
        Err(ShelfError::NotFound { id: *id })
    }
    async fn whoami(request_id: apierror::actix::RequestId) -> String {
        request_id.to_string()
    }
    config
        .route("/shelves/{id}", actix_web::web::get().to(shelf))
        .route("/whoami", actix_web::web::get().to(whoami));
}

/// Starts an actix-web server whose `App` the expression makes.
macro_rules! actix_server {
    ($app:expr) => {
        ActixServer::start(|listener| {
            Ok(actix_web::HttpServer::new(|| $app)
                .workers(1)
                .disable_signals()
                .listen(listener)?
                .run())
        })
    };
}

/// Every way of mounting the middleware and the app.
fn actix_setups() -> Vec<(&'static str, ActixServer)> {
    use actix_web::{App, web};
    vec![
        (
            "actix: middleware on the App",
            actix_server!(
                App::new()
                    .wrap(ErrorMiddleware::new())
                    .service(web::scope("/api/v1").configure(actix_api))
            ),
        ),
        (
            "actix: middleware on the scope",
            actix_server!(
                App::new().service(
                    web::scope("/api/v1")
                        .wrap(ErrorMiddleware::new())
                        .configure(actix_api)
                )
            ),
        ),
        (
            "actix: middleware on the App and the scope",
            actix_server!(
                App::new().wrap(ErrorMiddleware::new()).service(
                    web::scope("/api/v1")
                        .wrap(ErrorMiddleware::new())
                        .configure(actix_api)
                )
            ),
        ),
        (
            "actix: middleware two scopes deep",
            actix_server!(
                App::new().service(
                    web::scope("/api").service(
                        web::scope("/v1")
                            .wrap(ErrorMiddleware::new())
                            .configure(actix_api)
                    )
                )
            ),
        ),
    ]
}

/// An error reply: the layer's errors vary with `Accept`.
fn reply(status: u16, content_type: &str, id: &str, body: &str) -> Reply {
    Reply {
        status,
        headers: vec![
            ("content-type".into(), content_type.into()),
            ("vary".into(), "Accept".into()),
            ("x-request-id".into(), id.into()),
        ],
        body: body.into(),
    }
}

/// A handler's success: no `Vary` of apierror's.
fn success(id: &str, body: &str) -> Reply {
    Reply {
        status: 200,
        headers: vec![
            ("content-type".into(), "text/plain; charset=utf-8".into()),
            ("x-request-id".into(), id.into()),
        ],
        body: body.into(),
    }
}

/// The same requests to every setup: `instance` is the full path the client sent (without its
/// query), `Accept` split over two headers is read as one, and the handler, the body and the
/// response header carry the client's request id — or one fresh id when the client's is
/// invalid, however many layers saw the request.
#[tokio::test]
async fn request_context_is_what_the_client_sent() {
    let axum = axum_setups().await;
    let actix = actix_setups();
    let setups = axum
        .iter()
        .map(|(name, addr)| (*name, *addr))
        .chain(actix.iter().map(|(name, server)| (*name, server.addr)));
    for (setup, addr) in setups {
        let problem = [
            ("x-request-id", "req-ctx"),
            ("accept", "application/problem+json"),
        ];
        let derived = support::get(addr, "/api/v1/shelves/42?sort=title", &problem).await;
        assert_eq!(
            derived,
            reply(
                404,
                "application/problem+json",
                "req-ctx",
                r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Shelf 42 could not be found","instance":"/api/v1/shelves/42","code":"SHELF_NOT_FOUND"}"#
            ),
            "{setup}"
        );

        let split_accept = [
            ("x-request-id", "req-ctx"),
            ("accept", "application/json;q=0.5"),
            ("accept", "application/problem+json"),
        ];
        let rejected = support::get(addr, "/api/v1/shelves/abc", &split_accept).await;
        // The key comes from the matched route: a layer that runs before any router (around
        // the whole router as a service, or `nest_service` of its service) sees no route, so
        // axum's single-value `Path` error names no key there.
        let routed = !setup.ends_with("tower service") && !setup.ends_with("the layer's service");
        let field = if routed { r#""field":"id","# } else { "" };
        let reason = if setup.starts_with("axum") {
            "Cannot parse `abc` to a `u32`"
        } else {
            r#"can not parse \"abc\" to a u32"#
        };
        let expected = reply(
            400,
            "application/problem+json",
            "req-ctx",
            &format!(
                r#"{{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request path is invalid.","instance":"/api/v1/shelves/abc","code":"BAD_REQUEST","errors":[{{{field}"reason":"{reason}","location":"path","code":"invalid_value"}}]}}"#
            ),
        );
        assert_eq!(rejected, expected, "{setup}");

        let flat = support::get(addr, "/api/v1/shelves/7", &[("x-request-id", "req-ctx")]).await;
        assert_eq!(
            flat,
            reply(
                404,
                "application/json",
                "req-ctx",
                r#"{"code":"SHELF_NOT_FOUND","message":"Shelf 7 could not be found","requestId":"req-ctx"}"#
            ),
            "{setup}"
        );

        let whoami = support::get(addr, "/api/v1/whoami", &[("x-request-id", "req-ctx")]).await;
        assert_eq!(whoami, success("req-ctx", "req-ctx"), "{setup}");
        let replaced = support::get(addr, "/api/v1/whoami", &[("x-request-id", "bad id")]).await;
        assert!(is_fresh_request_id(&replaced.body), "{setup}: {replaced:?}");
        assert_eq!(replaced, success(&replaced.body, &replaced.body), "{setup}");
    }
}

/// An error rendered outside the request's scope (in a task the handler spawns) has a fresh id
/// in its body, but its `x-request-id` header is still the client's valid one: the layer sets
/// the request's id on every response (DESIGN.md §4, §6), whoever rendered it.
#[tokio::test]
async fn an_error_rendered_in_a_spawned_task_keeps_the_clients_id_in_its_header() {
    async fn spawned() -> Response {
        tokio::spawn(async { ShelfError::NotFound { id: 7 }.into_response() })
            .await
            .unwrap()
    }
    let app = Router::new()
        .route("/spawned", get(spawned))
        .layer(ErrorLayer::new());
    let addr = support::serve_axum(app).await;
    let reply = support::get(addr, "/spawned", &[("x-request-id", "client-7")]).await;
    assert_eq!(reply.header("x-request-id"), "client-7");
    assert_eq!(reply.json()["code"], "SHELF_NOT_FOUND");
}

/// The request captured with `CurrentRequest::get` and entered in the spawned task (a future's
/// polls, or a blocking closure) renders the task's error in the request's context: the
/// client's id in the body as in the header, the envelope `Accept` negotiated, `instance`.
#[tokio::test]
async fn an_error_rendered_in_a_spawned_task_entered_in_the_request_has_its_context() {
    use apierror::axum::CurrentRequest;
    async fn spawned() -> Response {
        let request = CurrentRequest::get();
        assert!(request.is_answering());
        tokio::spawn(request.scope(async { ShelfError::NotFound { id: 7 }.into_response() }))
            .await
            .unwrap()
    }
    async fn blocking() -> Response {
        let request = CurrentRequest::get();
        tokio::task::spawn_blocking(move || {
            request.sync_scope(|| ShelfError::NotFound { id: 8 }.into_response())
        })
        .await
        .unwrap()
    }
    let app = Router::new()
        .route("/spawned", get(spawned))
        .route("/blocking", get(blocking))
        .layer(ErrorLayer::new());
    let addr = support::serve_axum(app).await;
    let reply = support::get(addr, "/spawned", &[("x-request-id", "client-7")]).await;
    assert_eq!(reply.header("x-request-id"), "client-7");
    assert_eq!(
        reply.body,
        r#"{"code":"SHELF_NOT_FOUND","message":"Shelf 7 could not be found","requestId":"client-7"}"#
    );
    let problem = [
        ("x-request-id", "client-8"),
        ("accept", "application/problem+json"),
    ];
    let reply = support::get(addr, "/blocking", &problem).await;
    assert_eq!(reply.header("content-type"), "application/problem+json");
    assert_eq!(
        reply.body,
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Shelf 8 could not be found","instance":"/blocking","code":"SHELF_NOT_FOUND"}"#
    );
    // Outside the layer there is no request to capture: a fresh context, as before.
    assert!(!CurrentRequest::get().is_answering());
    let response =
        CurrentRequest::get().sync_scope(|| ShelfError::NotFound { id: 9 }.into_response());
    assert!(support::is_fresh_request_id(
        response.headers()["x-request-id"].to_str().unwrap()
    ));
}

/// actix-web: the request entered in a task spawned on the worker's thread.
#[tokio::test]
async fn actix_an_error_rendered_in_a_spawned_task_entered_in_the_request_has_its_context() {
    use apierror::actix::CurrentRequest;
    async fn spawned() -> actix_web::HttpResponse {
        let request = CurrentRequest::get();
        actix_web::rt::spawn(request.scope(async {
            actix_web::ResponseError::error_response(&ShelfError::NotFound { id: 7 })
        }))
        .await
        .unwrap()
    }
    let server = actix_server!(
        actix_web::App::new()
            .wrap(ErrorMiddleware::new())
            .route("/spawned", actix_web::web::get().to(spawned))
    );
    let reply = support::get(server.addr, "/spawned", &[("x-request-id", "client-7")]).await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("x-request-id"), "client-7");
    assert_eq!(
        reply.body,
        r#"{"code":"SHELF_NOT_FOUND","message":"Shelf 7 could not be found","requestId":"client-7"}"#
    );
}

/// A response that carries `x-request-id` values of its own (a handler's, or several) leaves
/// the layer with one: the request's id.
#[tokio::test]
async fn a_response_leaves_the_layer_with_the_requests_id_as_its_only_one() {
    async fn own_ids() -> Response {
        let mut response = "ok".into_response();
        let headers = response.headers_mut();
        headers.append("x-request-id", http::HeaderValue::from_static("client-7"));
        headers.append("x-request-id", http::HeaderValue::from_static("handler-1"));
        response
    }
    async fn other_id() -> Response {
        ([("x-request-id", "handler-2")], "ok").into_response()
    }
    let app = Router::new()
        .route("/own-ids", get(own_ids))
        .route("/other-id", get(other_id))
        .layer(ErrorLayer::new());
    let addr = support::serve_axum(app).await;
    for path in ["/own-ids", "/other-id"] {
        let reply = support::get(addr, path, &[("x-request-id", "client-7")]).await;
        // `header` fails unless there is exactly one value.
        assert_eq!(reply.header("x-request-id"), "client-7", "{path}");
        assert_eq!(reply.body, "ok");
    }
}

/// `instance` is a URI reference (RFC 9457 §3.1.5) whatever bytes the request line held: a
/// `"`, braces or non-ASCII in the path come back percent-encoded, the client's own
/// percent-encodings as sent. actix-web refuses a request line with raw UTF-8 itself, so that
/// case is axum's only.
#[tokio::test]
async fn instance_is_a_uri_reference_whatever_the_request_line_held() {
    let axum = axum_setups().await;
    let actix = actix_setups();
    let setups = axum.iter().map(|(name, addr)| (*name, *addr, true)).chain(
        actix
            .iter()
            .map(|(name, server)| (*name, server.addr, false)),
    );
    for (setup, addr, raw_utf8) in setups {
        // The shelf id does not parse: the path rejection, rewritten with the request's path.
        let mut cases: Vec<(&[u8], &str)> = vec![(
            b"/api/v1/shelves/a\"b{c}%20d",
            "/api/v1/shelves/a%22b%7Bc%7D%20d",
        )];
        if raw_utf8 {
            cases.push((
                "/api/v1/shelves/tâche".as_bytes(),
                "/api/v1/shelves/t%C3%A2che",
            ));
        }
        for (path, instance) in cases {
            let mut request = b"GET ".to_vec();
            request.extend_from_slice(path);
            request.extend_from_slice(
                b" HTTP/1.1\r\nhost: x\r\naccept: application/problem+json\r\n\
                  x-request-id: req-uri\r\nconnection: close\r\n\r\n",
            );
            let reply = support::raw(addr, &request).await.reply;
            assert_eq!(reply.status, 400, "{setup}: {reply:?}");
            let body: serde_json::Value =
                serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("{setup}: {reply:?}"));
            assert_eq!(body["instance"], instance, "{setup}");
        }
    }
}
