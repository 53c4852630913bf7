//! The servers of `benches/server.rs`, `benches/icount_server.rs` and `benches/load_server.rs`:
//! the same routes in axum and actix-web, with apierror's `ErrorLayer` / `ErrorMiddleware` and
//! without them.
//!
//! - `GET /ok`: a handler returning 200 `ok` (the success path);
//! - `GET /err/{a,b,c}`: the errors of `benches/cases.rs` (a static message, a templated one,
//!   ten details). With apierror, the derived `TaskError` through the layer. Without, the
//!   hand-written baseline: a handler that reads `x-request-id` (used when it is 1..=128
//!   characters of `[A-Za-z0-9._-]`, else `req-` and a fresh UUID v4, as apierror does) and an
//!   error type whose `IntoResponse` / `ResponseError` serializes the same Flat body with
//!   serde_json (`HandError::response` of `cases.rs`) and echoes the id in `x-request-id`.
//!
//! Each handler makes its error as `cases::cases()` does (case c: ten details built on each
//! request, on both sides).

#![allow(dead_code)] // each user takes what it needs

use crate::cases::{HandError, TaskError, ten_details};
use std::fmt;

/// The headers of every request, as a client such as wrk sends them (no `x-request-id`, so
/// every side makes one).
pub const CLIENT_HEADERS: [(&str, &str); 3] = [
    ("host", "127.0.0.1"),
    ("user-agent", "bench"),
    ("accept", "*/*"),
];

/// The cases' path segments and indices into `cases()`.
pub const CASES: [(&str, usize); 3] = [("a", 0), ("b", 1), ("c", 2)];

/// The request id a hand-written service resolves: the client's when valid, else a fresh one.
pub fn hand_request_id(sent: Option<&[u8]>) -> String {
    match sent {
        Some(id)
            if (1..=128).contains(&id.len())
                && id
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')) =>
        {
            String::from_utf8_lossy(id).into_owned()
        }
        _ => format!("req-{}", uuid::Uuid::new_v4()),
    }
}

/// The derived error of case `index`, made as a handler makes it (only that one).
fn derived(index: usize) -> TaskError {
    match index {
        0 => TaskError::NotFound,
        1 => TaskError::Locked {
            id: 456,
            owner: OWNER.to_owned(),
        },
        _ => TaskError::Validation {
            problems: ten_details(),
        },
    }
}

/// The hand-written error of case `index`.
fn hand(index: usize) -> HandError {
    match index {
        0 => HandError::NotFound,
        1 => HandError::Locked {
            id: 456,
            owner: OWNER.to_owned(),
        },
        _ => HandError::Validation {
            problems: ten_details(),
        },
    }
}

const OWNER: &str = "alice@example.com";

/// A hand-written error response: the error and the request id it echoes.
pub struct HandResponse {
    pub err: HandError,
    pub request_id: String,
}

impl fmt::Debug for HandResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.err.code())
    }
}

impl HandResponse {
    /// The response a hand-written service sends: [`HandError::response`] with `Vary: Accept`,
    /// which the layer sends because it negotiates the envelope, so both sides send the same
    /// headers (asserted before timing).
    fn response(&self) -> http::Response<Vec<u8>> {
        let mut response = self.err.response(&self.request_id);
        response
            .headers_mut()
            .append(http::header::VARY, http::HeaderValue::from_static("Accept"));
        response
    }
}

impl fmt::Display for HandResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.err.code())
    }
}

pub mod axum_app {
    use super::{CASES, HandResponse, derived, hand, hand_request_id};
    use apierror::axum::{ErrorLayer, ErrorService};
    use axum::Router;
    use axum::body::Body;
    use axum::http::{HeaderMap, Request};
    use axum::response::{IntoResponse, Response};
    use axum::routing::get;
    use tower::Layer as _;

    impl IntoResponse for HandResponse {
        fn into_response(self) -> Response {
            self.response().map(Body::from)
        }
    }

    async fn ok() -> &'static str {
        "ok"
    }

    /// No layer: `/ok`, and the hand-written errors.
    ///
    /// Both routers are returned `with_state(())`, as `axum::serve` turns a router into its
    /// service: that makes each route's service once, where a router used as a service
    /// directly would make it again on every request.
    pub fn bare() -> Router {
        let mut router = Router::new().route("/ok", get(ok));
        for (name, index) in CASES {
            router = router.route(
                &format!("/err/{name}"),
                get(move |headers: HeaderMap| async move {
                    let request_id =
                        hand_request_id(headers.get("x-request-id").map(|v| v.as_bytes()));
                    Err::<String, _>(HandResponse {
                        err: hand(index),
                        request_id,
                    })
                }),
            );
        }
        router.with_state(())
    }

    /// The bare router with a layer that does nothing (tower's `Identity`) added as
    /// `ErrorLayer` is, with `Router::layer`: what any layer added that way costs (axum wraps
    /// each route in another boxed, cloned-per-request `Route`), the floor under `ErrorLayer`.
    pub fn pass_through() -> Router {
        bare().layer(tower::layer::util::Identity::new())
    }

    /// The bare router with tower-http's request-id layers (`SetRequestIdLayer` with
    /// `MakeRequestUuid`, then `PropagateRequestIdLayer`), added with `Router::layer` as
    /// `ErrorLayer` is: what a service that makes and echoes request ids without apierror pays
    /// (a plain UUID v4, where apierror writes `req-` and one).
    pub fn request_ids() -> Router {
        use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
        bare().layer(
            tower::ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(PropagateRequestIdLayer::x_request_id()),
        )
    }

    /// `/ok`, and the derived errors, without a layer.
    fn derived_routes() -> Router {
        let mut router = Router::new().route("/ok", get(ok));
        for (name, index) in CASES {
            router = router.route(
                &format!("/err/{name}"),
                get(move || async move { Err::<String, _>(derived(index)) }),
            );
        }
        router
    }

    /// `ErrorLayer`: `/ok`, and the derived errors, the layer added with `Router::layer`.
    pub fn layered() -> Router {
        derived_routes().layer(ErrorLayer::new()).with_state(())
    }

    /// `ErrorLayer` around the whole router (`ErrorLayer::new().layer(router)`, served with
    /// `axum::ServiceExt::into_make_service`, axum's way for middleware that runs before
    /// routing): the router's routes are not wrapped one by one.
    pub fn outer() -> ErrorService<Router> {
        ErrorLayer::new().layer(derived_routes().with_state(()))
    }

    /// `GET path` with the headers a client sends (`host`, `user-agent`, `accept`), no
    /// `x-request-id`.
    pub fn request(path: &str) -> Request<Body> {
        let mut request = Request::get(path);
        for (name, value) in super::CLIENT_HEADERS {
            request = request.header(name, value);
        }
        request.body(Body::empty()).expect("a request")
    }
}

pub mod actix_app {
    use super::{CASES, HandResponse, derived, hand, hand_request_id};
    use actix_web::body::BoxBody;
    use actix_web::dev::{Service, ServiceResponse};
    use actix_web::http::StatusCode;
    use actix_web::test::TestRequest;
    use actix_web::{App, HttpRequest, HttpResponse, ResponseError, web};
    use apierror::actix::ErrorMiddleware;

    impl ResponseError for HandResponse {
        fn status_code(&self) -> StatusCode {
            StatusCode::from_u16(self.err.status().as_u16()).expect("a status")
        }

        fn error_response(&self) -> HttpResponse<BoxBody> {
            let (parts, body) = self.response().into_parts();
            let mut response = HttpResponse::build(self.status_code());
            for (name, value) in &parts.headers {
                response.insert_header((name.as_str(), value.as_bytes()));
            }
            response.body(body)
        }
    }

    async fn ok() -> &'static str {
        "ok"
    }

    /// Registers `/ok` and the errors, derived (`layered`) or hand-written.
    pub fn routes(config: &mut web::ServiceConfig, layered: bool) {
        config.route("/ok", web::get().to(ok));
        for (name, index) in CASES {
            let path = format!("/err/{name}");
            if layered {
                config.route(
                    &path,
                    web::get().to(move || async move { Err::<String, _>(derived(index)) }),
                );
            } else {
                config.route(
                    &path,
                    web::get().to(move |request: HttpRequest| async move {
                        let request_id = hand_request_id(
                            request.headers().get("x-request-id").map(|v| v.as_bytes()),
                        );
                        Err::<String, _>(HandResponse {
                            err: hand(index),
                            request_id,
                        })
                    }),
                );
            }
        }
    }

    /// The app with `ErrorMiddleware` and the derived errors.
    pub fn layered() -> App<
        impl actix_web::dev::ServiceFactory<
            actix_web::dev::ServiceRequest,
            Config = (),
            Response = ServiceResponse<impl actix_web::body::MessageBody>,
            Error = actix_web::Error,
            InitError = (),
        >,
    > {
        App::new()
            .wrap(ErrorMiddleware::new())
            .configure(|config| routes(config, true))
    }

    /// The app without apierror, wrapped in actix-web's no-op middleware (`Identity`), as
    /// `ErrorMiddleware` is: what wrapping the app costs, the floor under `ErrorMiddleware`.
    pub fn pass_through() -> App<
        impl actix_web::dev::ServiceFactory<
            actix_web::dev::ServiceRequest,
            Config = (),
            Response = ServiceResponse<impl actix_web::body::MessageBody>,
            Error = actix_web::Error,
            InitError = (),
        >,
    > {
        App::new()
            .wrap(actix_web::middleware::Identity::default())
            .configure(|config| routes(config, false))
    }

    /// The app without middleware, with the hand-written errors.
    pub fn bare() -> App<
        impl actix_web::dev::ServiceFactory<
            actix_web::dev::ServiceRequest,
            Config = (),
            Response = ServiceResponse<impl actix_web::body::MessageBody>,
            Error = actix_web::Error,
            InitError = (),
        >,
    > {
        App::new().configure(|config| routes(config, false))
    }

    /// One request through `service`: status, headers and the whole body.
    pub async fn call<S, B>(
        service: &S,
        path: &str,
    ) -> (
        u16,
        actix_web::http::header::HeaderMap,
        actix_web::web::Bytes,
    )
    where
        S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
        B: actix_web::body::MessageBody,
    {
        let mut request = TestRequest::get().uri(path);
        for header in super::CLIENT_HEADERS {
            request = request.insert_header(header);
        }
        let response = actix_web::test::call_service(service, request.to_request()).await;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        (status, headers, actix_web::test::read_body(response).await)
    }
}

/// One request through an axum router, or the layer around one (a clone, as axum serves each
/// request): status, headers and the whole body.
pub async fn axum_call<S>(service: &S, path: &str) -> (u16, http::HeaderMap, axum::body::Bytes)
where
    S: tower::Service<
            http::Request<axum::body::Body>,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        > + Clone,
{
    use tower::ServiceExt as _;
    let response = service
        .clone()
        .oneshot(axum_app::request(path))
        .await
        .expect("axum routers are infallible");
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .expect("the body reads");
    (parts.status.as_u16(), parts.headers, body)
}

/// A response with its request id taken out: the headers as `name: value` lines without
/// `x-request-id`, and the body with that id replaced by `<id>`. Two sides that generate their
/// ids are compared this way.
pub fn without_request_id<'a>(
    status: u16,
    headers: impl Iterator<Item = (&'a str, &'a [u8])>,
    body: &[u8],
) -> String {
    let mut id = None;
    let mut lines = Vec::new();
    for (name, value) in headers {
        let value = String::from_utf8_lossy(value).into_owned();
        if name == "x-request-id" {
            id = Some(value);
        } else {
            lines.push(format!("{name}: {value}"));
        }
    }
    lines.sort();
    let id = id.expect("the response carries x-request-id");
    assert!(
        id.starts_with("req-") && id.len() == 40,
        "a generated id: {id}"
    );
    let body = String::from_utf8_lossy(body).replace(&id, "<id>");
    format!("{status}\n{}\n{body}", lines.join("\n"))
}
