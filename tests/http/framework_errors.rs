//! Framework errors as one contract on both frameworks, over real sockets: with only
//! `ErrorLayer` (axum's own `Json`, `Query`, `Path`) or `ErrorMiddleware` (apierror's `Json`
//! and `Query`, actix-web's `Path`, and actix-web's own `Json` and `Query`), the same mistake
//! gets the same status, code, message and detail (field, location). Every text form of axum
//! the layer reads is sent through the real extractor here, so an axum upgrade that rewords
//! one fails this test. Also: the `map_rewritten` hook, escaping of odd keys, huge bodies.

use super::*;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Order {
    labels: Option<HashMap<String, u32>>,
    email: String,
    size: Size,
    items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Size {
    width: u32,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Item {
    name: String,
    qty: u32,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Page {
    limit: u32,
}

/// The service's own error, which the hook answers a body of the wrong shape with.
#[derive(Debug, thiserror::Error, ApiError)]
enum ServiceError {
    /// The request body failed validation.
    #[status(422)]
    #[code("VALIDATION_FAILED")]
    #[message("The request body is invalid")]
    #[error("validation failed")]
    ValidationFailed {
        #[details]
        details: Vec<Detail>,
    },
}

fn hook(err: &apierror::framework::FrameworkError) -> Option<ServiceError> {
    match err.kind() {
        apierror::framework::FrameworkErrorKind::InvalidBody => {
            Some(ServiceError::ValidationFailed {
                details: err.details().into_owned(),
            })
        }
        _ => None,
    }
}

async fn axum_server(with_hook: bool) -> SocketAddr {
    use axum::extract::{Json, Path, Query};
    use axum::routing::{get, post};

    async fn order(Json(_): Json<Order>) -> &'static str {
        "ok"
    }
    async fn page(Query(_): Query<Page>) -> &'static str {
        "ok"
    }
    async fn one(Path(_): Path<u32>) -> &'static str {
        "ok"
    }
    async fn two(Path(_): Path<(String, u32)>) -> &'static str {
        "ok"
    }
    let routes = axum::Router::new()
        .route("/orders", post(order))
        .route("/plain/orders", post(order))
        .route("/page", get(page))
        .route("/plain/page", get(page))
        .route("/orders/{id}", get(one))
        .route("/shelves/{shelf}/{pos}", get(two));
    let layer = apierror::axum::ErrorLayer::new();
    let layer = if with_hook {
        layer.map_rewritten(hook)
    } else {
        layer
    };
    support::serve_axum(axum::Router::new().nest("/v1", routes).layer(layer)).await
}

fn actix_server(with_hook: bool) -> ActixServer {
    use actix_web::web;
    use apierror::actix::{Json, Query};

    async fn order(Json(_): Json<Order>) -> &'static str {
        "ok"
    }
    async fn plain_order(_: web::Json<Order>) -> &'static str {
        "ok"
    }
    async fn page(Query(_): Query<Page>) -> &'static str {
        "ok"
    }
    async fn plain_page(_: web::Query<Page>) -> &'static str {
        "ok"
    }
    async fn one(_: web::Path<u32>) -> &'static str {
        "ok"
    }
    async fn two(_: web::Path<(String, u32)>) -> &'static str {
        "ok"
    }
    ActixServer::start(move |listener| {
        Ok(actix_web::HttpServer::new(move || {
            let middleware = apierror::actix::ErrorMiddleware::new();
            let middleware = if with_hook {
                middleware.map_rewritten(hook)
            } else {
                middleware
            };
            actix_web::App::new().wrap(middleware).service(
                web::scope("/v1")
                    .route("/orders", web::post().to(order))
                    .route("/plain/orders", web::post().to(plain_order))
                    .route("/page", web::get().to(page))
                    .route("/plain/page", web::get().to(plain_page))
                    .route("/orders/{id}", web::get().to(one))
                    .route("/shelves/{shelf}/{pos}", web::get().to(two)),
            )
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    })
}

/// One mistake and what both frameworks answer it with.
struct Case {
    method: &'static str,
    path: &'static str,
    content_type: &'static str,
    body: &'static str,
    status: u16,
    code: &'static str,
    message: &'static str,
    /// The detail's field (`None`: not checked) and location.
    field: Option<&'static str>,
    location: &'static str,
}

const VALID_REST: &str = r#""size":{"width":1},"items":[]"#;

fn cases() -> Vec<Case> {
    let body = |method, path, content_type, body, status, code, message, field, location| Case {
        method,
        path,
        content_type,
        body,
        status,
        code,
        message,
        field,
        location,
    };
    let mut cases = Vec::new();
    for orders in ["/v1/orders", "/v1/plain/orders"] {
        let shape = "The request body is invalid.";
        cases.extend([
            body(
                "POST",
                orders,
                "application/json",
                r#"{"size":{"width":1},"items":[]}"#,
                422,
                "UNPROCESSABLE_ENTITY",
                shape,
                Some("email"),
                "body",
            ),
            body(
                "POST",
                orders,
                "application/json",
                "not json",
                400,
                "BAD_REQUEST",
                "The request body is not valid JSON.",
                None,
                "body",
            ),
            body(
                "POST",
                orders,
                "text/plain",
                "{}",
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "The request body's content type is not supported.",
                Some("content-type"),
                "header",
            ),
        ]);
    }
    // Nested paths: exact with axum's `Json` and apierror's actix `Json`; actix-web's own
    // `Json` carries no path (see the README).
    for (field, json) in [
        (
            "items[0].qty",
            r#"{"email":"a@b","size":{"width":1},"items":[{"name":"x"}]}"#,
        ),
        ("email", r#"{"email":5,"size":{"width":1},"items":[]}"#),
        (
            "size.width",
            r#"{"email":"a","size":{"width":"w"},"items":[]}"#,
        ),
        (
            "items[1].qty",
            r#"{"email":"a","size":{"width":1},"items":[{"name":"x","qty":1},{"name":"y","qty":-1}]}"#,
        ),
        // The first mistake in the document's order is the one named (`items`, not `email`).
        ("items", r#"{"items":"x","email":5,"size":{"width":1}}"#),
    ] {
        cases.push(body(
            "POST",
            "/v1/orders",
            "application/json",
            json,
            422,
            "UNPROCESSABLE_ENTITY",
            "The request body is invalid.",
            Some(field),
            "body",
        ));
    }
    // A key given twice is a mistake on both (serde's `duplicate field`), not the last value.
    cases.push(body(
        "POST",
        "/v1/orders",
        "application/json",
        r#"{"email":"a","email":"b","size":{"width":1},"items":[]}"#,
        422,
        "UNPROCESSABLE_ENTITY",
        "The request body is invalid.",
        None,
        "body",
    ));
    for page in ["/v1/page?limit=many", "/v1/page", "/v1/plain/page"] {
        cases.push(body(
            "GET",
            page,
            "",
            "",
            400,
            "BAD_REQUEST",
            "The query string is invalid.",
            Some("limit"),
            "query",
        ));
    }
    cases.extend([
        body(
            "GET",
            "/v1/orders/abc",
            "",
            "",
            400,
            "BAD_REQUEST",
            "The request path is invalid.",
            Some("id"),
            "path",
        ),
        body(
            "GET",
            "/v1/shelves/top/abc",
            "",
            "",
            400,
            "BAD_REQUEST",
            "The request path is invalid.",
            Some("pos"),
            "path",
        ),
    ]);
    cases
}

async fn send(addr: SocketAddr, case: &Case, request_id: &str) -> Reply {
    let mut request = support::client()
        .request(
            case.method.parse().unwrap(),
            format!("http://{addr}{}", case.path),
        )
        .header("x-request-id", request_id)
        .body(case.body);
    if !case.content_type.is_empty() {
        request = request.header("content-type", case.content_type);
    }
    support::send(request).await
}

#[tokio::test]
async fn the_same_mistake_is_the_same_error_on_both_frameworks_and_names_the_field() {
    let axum_addr = axum_server(false).await;
    let actix = actix_server(false);
    for case in cases() {
        for (framework, addr) in [("axum", axum_addr), ("actix", actix.addr)] {
            let what = format!("{framework}: {} {} {}", case.method, case.path, case.body);
            let reply = send(addr, &case, "req-fw").await;
            assert_eq!(reply.status, case.status, "{what}: {}", reply.body);
            assert_eq!(reply.header("content-type"), "application/json", "{what}");
            assert_eq!(reply.header("x-request-id"), "req-fw", "{what}");
            let body = reply.json();
            assert_eq!(body["code"], case.code, "{what}: {body}");
            assert_eq!(body["message"], case.message, "{what}: {body}");
            assert_eq!(body["requestId"], "req-fw", "{what}");
            let details = body["details"].as_array().expect("details");
            assert_eq!(details.len(), 1, "{what}: {body}");
            let detail = &details[0];
            assert_eq!(detail["location"], case.location, "{what}: {body}");
            let reason = detail["reason"].as_str().unwrap();
            assert!(!reason.contains(" at line "), "{what}: {reason}");
            // `None`: the field is not part of the contract (a syntax error may name one).
            if let Some(field) = case.field {
                assert_eq!(detail["field"], field, "{what}: {body}");
            }
        }
    }
}

#[tokio::test]
async fn reasons_are_serdes_text_without_its_position() {
    let axum_addr = axum_server(false).await;
    let actix = actix_server(false);
    let case = &cases()[0];
    for addr in [axum_addr, actix.addr] {
        let reply = support::send(
            support::client()
                .post(format!("http://{addr}{}", case.path))
                .header("content-type", case.content_type)
                .header("accept", "application/problem+json")
                .body(case.body),
        )
        .await;
        let body = reply.json();
        assert_eq!(
            body["errors"][0],
            serde_json::json!({
                "field": "email",
                "reason": "missing field `email`",
                "location": "body",
                "code": "missing_field",
            }),
            "{body}"
        );
    }
}

#[tokio::test]
async fn map_keys_with_quotes_control_characters_and_line_separators_read_back_exactly() {
    let axum_addr = axum_server(false).await;
    let actix = actix_server(false);
    // axum's text does not escape keys: a key with whitespace (U+2028 is) cannot be told from
    // the reason, so axum is sent one without; apierror's actix `Json` reads any key exactly.
    let cases = [
        (axum_addr, "a\"b\u{1}\\", r#"labels["a\"b\u0001\\"]"#),
        (
            actix.addr,
            "a\"b\u{1}\u{2028}.[",
            "labels[\"a\\\"b\\u0001\u{2028}.[\"]",
        ),
    ];
    for (addr, key, field) in cases {
        let labels = serde_json::json!({ key: "x" });
        let json = format!(r#"{{"labels":{labels},"email":"a",{VALID_REST}}}"#);
        let reply = support::send(
            support::client()
                .post(format!("http://{addr}/v1/orders"))
                .header("content-type", "application/json")
                .body(json),
        )
        .await;
        assert_eq!(reply.status, 422, "{}", reply.body);
        let body = reply.json();
        assert_eq!(body["details"][0]["field"], field, "{body}");
    }
}

#[tokio::test]
async fn ten_thousand_bad_members_make_one_bounded_detail() {
    let axum_addr = axum_server(false).await;
    let actix = actix_server(false);
    let items = vec![r#"{"name":1,"qty":"x"}"#; 10_000].join(",");
    let key = "k".repeat(10_000);
    let bodies = [
        format!(r#"{{"email":"a","size":{{"width":1}},"items":[{items}]}}"#),
        format!(r#"{{"labels":{{"{key}":"x"}},"email":"a",{VALID_REST}}}"#),
    ];
    for addr in [axum_addr, actix.addr] {
        for json in &bodies {
            let reply = support::send(
                support::client()
                    .post(format!("http://{addr}/v1/orders"))
                    .header("content-type", "application/json")
                    .body(json.clone()),
            )
            .await;
            assert_eq!(
                reply.status,
                422,
                "{}",
                &reply.body[..200.min(reply.body.len())]
            );
            let body = reply.json();
            assert_eq!(body["code"], "UNPROCESSABLE_ENTITY");
            assert_eq!(body["details"].as_array().unwrap().len(), 1);
            assert!(reply.body.len() < 40_000, "{}", reply.body.len());
        }
    }
}

#[tokio::test]
async fn the_hook_answers_a_body_of_the_wrong_shape_with_the_services_own_error() {
    let axum_addr = axum_server(true).await;
    let actix = actix_server(true);
    for (framework, addr) in [("axum", axum_addr), ("actix", actix.addr)] {
        let wrong_shape = cases()
            .into_iter()
            .find(|case| case.field == Some("items[0].qty"));
        let wrong_shape = wrong_shape.unwrap();
        let reply = send(addr, &wrong_shape, "req-hook").await;
        assert_eq!(reply.status, 422, "{framework}");
        assert_eq!(
            reply.body,
            r#"{"code":"VALIDATION_FAILED","message":"The request body is invalid","details":[{"field":"items[0].qty","reason":"missing field `qty`","location":"body"}],"requestId":"req-hook"}"#,
            "{framework}"
        );
        // Negotiated problem+json reaches the service's error too, with the detail's code
        // (flat has no place for it).
        let reply = support::send(
            support::client()
                .post(format!("http://{addr}/v1/orders"))
                .header("content-type", "application/json")
                .header("accept", "application/problem+json")
                .body(wrong_shape.body),
        )
        .await;
        assert_eq!(reply.header("content-type"), "application/problem+json");
        assert_eq!(reply.json()["code"], "VALIDATION_FAILED", "{framework}");
        assert_eq!(reply.json()["instance"], "/v1/orders", "{framework}");
        assert_eq!(
            reply.json()["errors"][0]["code"],
            "missing_field",
            "{framework}"
        );
        // What the hook leaves alone stays the framework's.
        let reply = support::get(addr, "/v1/orders/abc", &[]).await;
        assert_eq!(reply.json()["code"], "BAD_REQUEST", "{framework}");
        let reply = support::get(addr, "/v1/nowhere", &[]).await;
        assert_eq!(reply.json()["code"], "NOT_FOUND", "{framework}");
    }
}

/// `ErrorLayer` wraps any tower service, also one that is not `Clone` (the layer calls the
/// instance `poll_ready` prepared and never clones it), and puts its foreign error responses
/// into the envelope.
#[tokio::test]
async fn the_layer_wraps_a_service_that_is_not_clone() {
    use std::convert::Infallible;
    use std::future::{Ready, ready};
    use tower::{Layer as _, Service, ServiceExt as _};

    /// Answers every request with an empty 404, and cannot be cloned.
    struct NotClone;

    impl Service<http::Request<axum::body::Body>> for NotClone {
        type Response = http::Response<axum::body::Body>;
        type Error = Infallible;
        type Future = Ready<Result<Self::Response, Infallible>>;

        fn poll_ready(
            &mut self,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Result<(), Infallible>> {
            std::task::Poll::Ready(Ok(()))
        }

        fn call(&mut self, _: http::Request<axum::body::Body>) -> Self::Future {
            let mut response = http::Response::new(axum::body::Body::empty());
            *response.status_mut() = http::StatusCode::NOT_FOUND;
            ready(Ok(response))
        }
    }

    let service = apierror::axum::ErrorLayer::new().layer(NotClone);
    let request = http::Request::get("/nowhere")
        .header("x-request-id", "req-1")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = service.oneshot(request).await.unwrap();
    assert_eq!(response.status(), 404);
    let body = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    assert_eq!(
        &body[..],
        br#"{"code":"NOT_FOUND","message":"Not Found","requestId":"req-1"}"#
    );
}

/// A body that ends before its `Content-Length`, and a chunked body whose chunk size is no
/// number, are the same malformed body on both frameworks, through each framework's own `Json`
/// and apierror's: the sentence of the README's table and a detail at `body` whose reason is the
/// framework's own text (hyper's on axum; on actix-web its `PayloadError`'s, not the `Json`
/// error's whole chain with its `Debug` `None`).
#[tokio::test]
async fn a_body_cut_short_is_a_malformed_body_on_both_frameworks() {
    let axum_addr = axum_server(false).await;
    let actix = actix_server(false);
    let bodies: [(&str, &[u8]); 2] = [
        ("content-length: 40\r\n\r\n", br#"{"id":"a1","size""#),
        (
            "transfer-encoding: chunked\r\n\r\n",
            b"zz\r\n{}\r\n0\r\n\r\n",
        ),
    ];
    let targets = [
        ("axum", axum_addr, "/v1/orders"),
        ("actix-web, apierror's Json", actix.addr, "/v1/orders"),
        ("actix-web, its own Json", actix.addr, "/v1/plain/orders"),
    ];
    for (framing, body) in bodies {
        for (framework, addr, path) in targets {
            let mut request = format!(
                "POST {path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n\
                 x-request-id: req-cut\r\nconnection: close\r\n{framing}"
            )
            .into_bytes();
            request.extend_from_slice(body);
            let reply = support::raw_half_closed(addr, &request).await.reply;
            let what = format!("{framework}, {framing:?}: {}", reply.body);
            assert_eq!(reply.status, 400, "{what}");
            let json = reply.json();
            assert_eq!(json["code"], "BAD_REQUEST", "{what}");
            assert_eq!(
                json["message"], "The request body is not valid JSON.",
                "{what}"
            );
            assert_eq!(json["requestId"], "req-cut", "{what}");
            let details = json["details"].as_array().expect(&what);
            assert_eq!(details.len(), 1, "{what}");
            assert_eq!(details[0]["location"], "body", "{what}");
            let reason = match framework {
                "axum" => "error reading a body from connection",
                _ => "payload reached EOF before completing",
            };
            assert_eq!(details[0]["reason"], reason, "{what}");
        }
    }
}

/// A JSON body that stops arriving, under tower-http's `RequestBodyTimeoutLayer`: axum's `Json`
/// fails to buffer it ("Failed to buffer the request body: data was not received within the
/// designated timeout", a 400), which the layer answers as the 408 `REQUEST_TIMEOUT` a
/// `TimeoutLayer` gives, in the envelope, not with axum's text.
#[tokio::test]
async fn a_body_that_stops_arriving_is_a_request_timeout() {
    use axum::extract::Json;
    use axum::routing::post;
    use std::time::Duration;
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    async fn order(Json(_): Json<Order>) -> &'static str {
        "ok"
    }
    let app = axum::Router::new()
        .route("/orders", post(order))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            Duration::from_millis(50),
        ))
        .layer(apierror::axum::ErrorLayer::new());
    let addr = support::serve_axum(app).await;
    // Ten bytes announced, two sent, then nothing: the connection stays open until the server
    // answers.
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(
                b"POST /orders HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n\
                  content-length: 10\r\nx-request-id: req-slow\r\nconnection: close\r\n\r\n{\"",
            )
            .await
            .unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).await.unwrap();
        String::from_utf8(bytes).unwrap()
    };
    let reply = tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .expect("the server answered");
    assert!(
        reply.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
        "{reply}"
    );
    assert!(
        reply.ends_with(
            r#"{"code":"REQUEST_TIMEOUT","message":"Request Timeout","requestId":"req-slow"}"#
        ),
        "{reply}"
    );
}
