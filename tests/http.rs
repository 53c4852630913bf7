//! The axum and actix-web integrations over real sockets: one table of errors both frameworks
//! must answer identically (status, headers, body, in every format), request ids, negotiation,
//! and 5xx redaction. Foreign errors, logs and the example service have modules of their own.

#[path = "http/foreign.rs"]
mod foreign;
#[path = "http/framework_errors.rs"]
mod framework_errors;
#[path = "http/layer_placement.rs"]
mod layer_placement;
#[path = "http/locale.rs"]
mod locale;
#[path = "support/log_capture.rs"]
mod log_capture;
#[path = "http/logs.rs"]
mod logs;
#[path = "http/request_context.rs"]
mod request_context;
#[path = "http/support.rs"]
mod support;
#[path = "http/tasks_api.rs"]
mod tasks_api;
#[path = "http/validation.rs"]
mod validation;

use apierror::{ApiError, Detail, Format, HttpError};
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use std::net::SocketAddr;
use support::{ActixServer, Reply, is_fresh_request_id, raw, raw_get};

/// Authentication errors, rendered by their own type through `#[transparent]`.
#[derive(Debug, thiserror::Error, ApiError)]
enum AuthError {
    /// Authentication is required.
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[message("Authentication is required to access this resource")]
    #[header("WWW-Authenticate", "Bearer realm=\"tasks\"")]
    #[error("no bearer token")]
    Unauthorized,
}

/// The errors both frameworks answer with: one of each shape, in the default format (flat).
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    docs_url = "https://api.example.com/errors#{code}",
    domain = "tasks.example.com"
)]
enum Shared {
    /// The requested task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task with ID {id} could not be found")]
    #[error("task {id} missing from store")]
    NotFound { id: u64 },

    /// A field value is invalid.
    #[status(400)]
    #[code("INVALID_FIELD")]
    #[message("The field `{field}` must be a valid email address")]
    #[detail(field = "{field}", reason = "Invalid format", location = "body")]
    #[error("bad email in {field}")]
    InvalidField { field: String },

    /// Too many requests.
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[message("Rate limit exceeded. Try again in {secs} seconds")]
    #[error("rate limited")]
    RateLimited {
        #[retry_after]
        secs: u64,
    },

    /// The sync token is missing or expired.
    #[status(412)]
    #[code("SYNC_TOKEN_INVALID")]
    #[error("stale sync token")]
    SyncExpired {
        #[extension("sync")]
        token: String,
    },

    /// Several fields failed validation.
    #[status(422)]
    #[error("validation failed")]
    Validation {
        #[details]
        problems: Vec<Detail>,
    },

    /// Unexpected failure; the cause is logged, never sent.
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[error("database: connection refused")]
    Database(#[source] std::io::Error),

    /// Authentication errors.
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
}

/// The Display text and source of `Shared::Database`: neither may reach a response.
const SECRETS: [&str; 3] = ["database", "connection refused", "10.0.0.7"];

/// The table's errors, by name.
fn shared(case: &str) -> Option<Shared> {
    Some(match case {
        "not_found" => Shared::NotFound { id: 456 },
        "invalid_field" => Shared::InvalidField {
            field: "contactEmail".into(),
        },
        "rate_limited" => Shared::RateLimited { secs: 30 },
        "sync_expired" => Shared::SyncExpired {
            token: "de4774f6915eae04714ca93bb2f5ee81".into(),
        },
        "validation" => Shared::Validation {
            problems: vec![
                Detail::new("lastName", "Is required").with_location("body"),
                Detail::new("email", "Is taken")
                    .with_resource("user")
                    .with_code("TAKEN"),
            ],
        },
        "server_error" => Shared::Database(std::io::Error::other("10.0.0.7:5432 is down")),
        "unauthorized" => Shared::Auth(AuthError::Unauthorized),
        _ => return None,
    })
}

/// `Shared` in each other format: a `#[transparent]` wrapper takes everything from the error
/// but the format, which is its own.
macro_rules! in_format {
    ($($name:ident = $format:literal;)*) => {$(
        #[derive(Debug, thiserror::Error, ApiError)]
        #[api_error(format = $format)]
        enum $name {
            #[transparent]
            #[error(transparent)]
            Shared(Shared),
        }
    )*};
}

in_format! {
    InNested = "nested";
    InErrorList = "error_list";
    InProblem = "problem";
    InGoogle = "google";
    InSimple = "simple";
}

/// The id every table request sends, so bodies are fixed.
const TABLE_ID: &str = "req-shared-table";

// ---------------------------------------------------------------------------------------------
// The two apps: the same routes, answering with the same errors.

mod axum_app {
    use super::*;
    use apierror::axum::{ErrorLayer, RequestId};
    use axum::Router;
    use axum::routing::{get, post};
    use std::time::Duration;
    use tower_http::limit::RequestBodyLimitLayer;
    use tower_http::timeout::TimeoutLayer;

    /// Every route the tests use, under `ErrorLayer` with `format` for foreign errors.
    pub fn app(format: Format) -> Router {
        routes().layer(ErrorLayer::new().with_format(format))
    }

    /// The routes without the layer.
    pub fn routes() -> Router {
        Router::new()
            .route("/errors/{format}/{case}", get(shared_error))
            .route("/boxed/{case}", get(boxed))
            .route("/http-error", get(http_error))
            .route("/own-json/{case}", get(own_json))
            .route("/ok", get(ok))
            .route("/json", post(json))
            .route("/items/{id}", get(item))
            .route("/search", get(search))
            .route(
                "/upload",
                post(upload).layer(RequestBodyLimitLayer::new(16)),
            )
            .route(
                "/slow",
                get(slow).layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    Duration::from_millis(50),
                )),
            )
            .route(
                "/slow-upstream",
                get(slow).layer(TimeoutLayer::with_status_code(
                    StatusCode::GATEWAY_TIMEOUT,
                    Duration::from_millis(50),
                )),
            )
            .route("/panic", get(panics))
    }

    async fn shared_error(Path((format, case)): Path<(String, String)>) -> Response {
        let Some(err) = shared(&case) else {
            return HttpError::new(StatusCode::NOT_FOUND).into_response();
        };
        match format.as_str() {
            "flat" => err.into_response(),
            "nested" => InNested::Shared(err).into_response(),
            "error_list" => InErrorList::Shared(err).into_response(),
            "problem" => InProblem::Shared(err).into_response(),
            "google" => InGoogle::Shared(err).into_response(),
            "simple" => InSimple::Shared(err).into_response(),
            _ => HttpError::new(StatusCode::NOT_FOUND).into_response(),
        }
    }

    async fn boxed(Path(case): Path<String>) -> Result<(), Box<dyn ApiError + Send + Sync>> {
        match shared(&case) {
            Some(err) => Err(Box::new(err)),
            None => Ok(()),
        }
    }

    async fn http_error() -> HttpError {
        super::unavailable()
    }

    async fn own_json(Path(case): Path<String>) -> Response {
        let (status, body) = super::own_json(&case);
        let status = StatusCode::from_u16(status).unwrap();
        (
            status,
            [(http::header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }

    async fn ok(request_id: RequestId) -> String {
        format!("hello {request_id}")
    }

    #[derive(serde::Deserialize)]
    pub struct NewTask {
        pub title: String,
    }

    async fn json(axum::Json(task): axum::Json<NewTask>) -> String {
        task.title
    }

    async fn item(Path(id): Path<u32>) -> String {
        id.to_string()
    }

    #[derive(serde::Deserialize)]
    pub struct Search {
        pub limit: u32,
    }

    async fn search(axum::extract::Query(search): axum::extract::Query<Search>) -> String {
        search.limit.to_string()
    }

    async fn upload(body: axum::body::Bytes) -> String {
        body.len().to_string()
    }

    async fn slow() -> &'static str {
        tokio::time::sleep(Duration::from_secs(10)).await;
        "too late"
    }

    async fn panics() -> &'static str {
        panic!("boom: the vault key is hunter2")
    }
}

mod actix_app {
    use super::*;
    use actix_web::{App, HttpResponse, HttpServer, web};
    use apierror::actix::{ErrorMiddleware, RequestId};

    /// Starts a server with every route the tests use, under `ErrorMiddleware` with `format`
    /// for foreign errors.
    pub fn start(format: Format) -> ActixServer {
        ActixServer::start(move |listener| {
            Ok(HttpServer::new(move || app(format))
                .workers(1)
                .disable_signals()
                .listen(listener)?
                .run())
        })
    }

    fn app(
        format: Format,
    ) -> App<
        impl actix_web::dev::ServiceFactory<
            actix_web::dev::ServiceRequest,
            Config = (),
            Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
            Error = actix_web::Error,
            InitError = (),
        >,
    > {
        App::new()
            .wrap(ErrorMiddleware::new().with_format(format))
            .route("/errors/{format}/{case}", web::get().to(shared_error))
            .route("/boxed/{case}", web::get().to(boxed))
            .route("/http-error", web::get().to(http_error))
            .route("/own-json/{case}", web::get().to(own_json))
            // A resource, not `App::route`: the latter guards the whole resource by method,
            // so another method would be a 404 instead of a 405.
            .service(web::resource("/ok").route(web::get().to(ok)))
            .route("/json", web::post().to(json))
            .route("/items/{id}", web::get().to(item))
            .route("/search", web::get().to(search))
            .service(
                web::resource("/upload")
                    .app_data(web::PayloadConfig::new(16))
                    .route(web::post().to(upload)),
            )
            .route("/panic", web::get().to(panics))
            .service(
                web::scope("/guarded")
                    .wrap(actix_web::middleware::from_fn(guard))
                    .route("/{what}", web::get().to(|| async { "let through" })),
            )
    }

    /// An inner middleware that fails some requests with an `Err` instead of a response.
    async fn guard(
        req: actix_web::dev::ServiceRequest,
        next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
    ) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error>
    {
        match req.path() {
            "/guarded/foreign" => Err(actix_web::error::ErrorForbidden("no entry")),
            "/guarded/derived" => Err(Shared::Auth(AuthError::Unauthorized).into()),
            _ => next.call(req).await,
        }
    }

    async fn shared_error(
        path: web::Path<(String, String)>,
    ) -> Result<HttpResponse, actix_web::Error> {
        let (format, case) = path.into_inner();
        let Some(err) = shared(&case) else {
            return Err(HttpError::new(StatusCode::NOT_FOUND).into());
        };
        Err(match format.as_str() {
            "flat" => err.into(),
            "nested" => InNested::Shared(err).into(),
            "error_list" => InErrorList::Shared(err).into(),
            "problem" => InProblem::Shared(err).into(),
            "google" => InGoogle::Shared(err).into(),
            "simple" => InSimple::Shared(err).into(),
            _ => HttpError::new(StatusCode::NOT_FOUND).into(),
        })
    }

    async fn boxed(
        case: web::Path<String>,
    ) -> Result<HttpResponse, Box<dyn ApiError + Send + Sync>> {
        match shared(&case) {
            Some(err) => Err(Box::new(err)),
            None => Ok(HttpResponse::Ok().finish()),
        }
    }

    async fn http_error() -> Result<HttpResponse, HttpError> {
        Err(super::unavailable())
    }

    async fn own_json(case: web::Path<String>) -> HttpResponse {
        let (status, body) = super::own_json(&case);
        HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap())
            .content_type("application/json")
            .body(body)
    }

    async fn ok(request_id: RequestId) -> String {
        format!("hello {request_id}")
    }

    async fn json(task: web::Json<super::axum_app::NewTask>) -> String {
        task.into_inner().title
    }

    async fn item(id: web::Path<u32>) -> String {
        id.to_string()
    }

    async fn search(search: web::Query<super::axum_app::Search>) -> String {
        search.limit.to_string()
    }

    async fn upload(body: web::Bytes) -> String {
        body.len().to_string()
    }

    async fn panics() -> &'static str {
        panic!("boom: the vault key is hunter2")
    }
}

/// A run-time error with a retry delay and an internal message that must not be sent.
/// A handler's own JSON error response, by case: its status and body.
fn own_json(case: &str) -> (u16, &'static str) {
    match case {
        "message" => (400, r#"{"message":"name is required"}"#),
        "error" => (409, r#"{"error":"the name is taken"}"#),
        "ordered" => (404, r#"{"error":"e","title":"t","detail":"no task 7"}"#),
        "server" => (500, r#"{"message":"db password is hunter2"}"#),
        _ => (400, r#"{"code":"NOTHING_TO_READ"}"#),
    }
}

fn unavailable() -> HttpError {
    HttpError::new(StatusCode::SERVICE_UNAVAILABLE)
        .with_message("pool exhausted on 10.0.0.7")
        .with_retry_after(5)
}

/// Both frameworks' servers, default (flat) format for foreign errors.
struct Servers {
    axum: SocketAddr,
    actix: ActixServer,
}

impl Servers {
    async fn start(format: Format) -> Self {
        Self {
            axum: support::serve_axum(axum_app::app(format)).await,
            actix: actix_app::start(format),
        }
    }

    fn each(&self) -> [(&'static str, SocketAddr); 2] {
        [("axum", self.axum), ("actix", self.actix.addr)]
    }
}

// ---------------------------------------------------------------------------------------------
// The shared table.

/// One request and the exact reply both frameworks must give.
struct Row {
    path: &'static str,
    accept: Option<&'static str>,
    status: u16,
    /// Every header but `date` and `content-length` (checked against the body), by name.
    headers: &'static [(&'static str, &'static str)],
    /// `{phrase}` stands for the support phrase of a 5xx in `ErrorList`, fresh every time.
    body: &'static str,
}

/// Every shape of error in every format (the type's own, through a wrapper), `Problem`
/// negotiated through `Accept`, a boxed `dyn ApiError`, an `HttpError`, and a success. Every
/// request sends `x-request-id: req-shared-table`.
const TABLE: &[Row] = &[
    Row {
        path: "/errors/flat/not_found",
        accept: None,
        status: 404,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"TASK_NOT_FOUND","message":"Task with ID 456 could not be found","requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/errors/flat/invalid_field",
        accept: None,
        status: 400,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"INVALID_FIELD","message":"The field `contactEmail` must be a valid email address","details":[{"field":"contactEmail","reason":"Invalid format","location":"body"}],"requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/errors/flat/rate_limited",
        accept: None,
        status: 429,
        headers: &[
            ("content-type", "application/json"),
            ("retry-after", "30"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded. Try again in 30 seconds","requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/errors/flat/sync_expired",
        accept: None,
        status: 412,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"SYNC_TOKEN_INVALID","message":"stale sync token","requestId":"req-shared-table","sync":"de4774f6915eae04714ca93bb2f5ee81"}"#,
    },
    Row {
        path: "/errors/flat/validation",
        accept: None,
        status: 422,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"VALIDATION","message":"validation failed","details":[{"field":"lastName","reason":"Is required","location":"body"},{"field":"email","reason":"Is taken"}],"requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/errors/flat/server_error",
        accept: None,
        status: 500,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"SERVER_ERROR","message":"An unexpected error occurred. Please try again later.","requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/errors/flat/unauthorized",
        accept: None,
        status: 401,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("www-authenticate", "Bearer realm=\"tasks\""),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"UNAUTHORIZED","message":"Authentication is required to access this resource","requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/errors/nested/not_found",
        accept: None,
        status: 404,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":"TASK_NOT_FOUND","message":"Task with ID 456 could not be found"}}"#,
    },
    Row {
        path: "/errors/nested/invalid_field",
        accept: None,
        status: 400,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":"INVALID_FIELD","message":"The field `contactEmail` must be a valid email address","details":{"fields":[{"field":"contactEmail","reason":"Invalid format","location":"body"}]}}}"#,
    },
    Row {
        path: "/errors/nested/rate_limited",
        accept: None,
        status: 429,
        headers: &[
            ("content-type", "application/json"),
            ("retry-after", "30"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded. Try again in 30 seconds"}}"#,
    },
    Row {
        path: "/errors/nested/sync_expired",
        accept: None,
        status: 412,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":"SYNC_TOKEN_INVALID","message":"stale sync token","details":{"sync":"de4774f6915eae04714ca93bb2f5ee81"}}}"#,
    },
    Row {
        path: "/errors/nested/validation",
        accept: None,
        status: 422,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":"VALIDATION","message":"validation failed","details":{"fields":[{"field":"lastName","reason":"Is required","location":"body"},{"field":"email","reason":"Is taken","resource":"user","code":"TAKEN"}]}}}"#,
    },
    Row {
        path: "/errors/nested/server_error",
        accept: None,
        status: 500,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":"SERVER_ERROR","message":"An unexpected error occurred. Please try again later."}}"#,
    },
    Row {
        path: "/errors/nested/unauthorized",
        accept: None,
        status: 401,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("www-authenticate", "Bearer realm=\"tasks\""),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":"UNAUTHORIZED","message":"Authentication is required to access this resource"}}"#,
    },
    Row {
        path: "/errors/error_list/not_found",
        accept: None,
        status: 404,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"errors":[{"message":"Task with ID 456 could not be found","help":"For more information on API status codes and how to handle them, read the docs on errors: https://api.example.com/errors#TASK_NOT_FOUND"}]}"#,
    },
    Row {
        path: "/errors/error_list/invalid_field",
        accept: None,
        status: 400,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"errors":[{"message":"contactEmail: Invalid format","help":"For more information on API status codes and how to handle them, read the docs on errors: https://api.example.com/errors#INVALID_FIELD"}]}"#,
    },
    Row {
        path: "/errors/error_list/rate_limited",
        accept: None,
        status: 429,
        headers: &[
            ("content-type", "application/json"),
            ("retry-after", "30"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"errors":[{"message":"Rate limit exceeded. Try again in 30 seconds","help":"For more information on API status codes and how to handle them, read the docs on errors: https://api.example.com/errors#RATE_LIMIT_EXCEEDED"}]}"#,
    },
    Row {
        path: "/errors/error_list/sync_expired",
        accept: None,
        status: 412,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"errors":[{"message":"stale sync token","help":"For more information on API status codes and how to handle them, read the docs on errors: https://api.example.com/errors#SYNC_TOKEN_INVALID"}],"sync":"de4774f6915eae04714ca93bb2f5ee81"}"#,
    },
    Row {
        path: "/errors/error_list/validation",
        accept: None,
        status: 422,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"errors":[{"message":"lastName: Is required","help":"For more information on API status codes and how to handle them, read the docs on errors: https://api.example.com/errors#VALIDATION"},{"message":"email: Is taken","help":"For more information on API status codes and how to handle them, read the docs on errors: https://api.example.com/errors#VALIDATION"}]}"#,
    },
    Row {
        path: "/errors/error_list/server_error",
        accept: None,
        status: 500,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"errors":[{"message":"An unexpected error occurred. Please try again later.","help":"For more information on API status codes and how to handle them, read the docs on errors: https://api.example.com/errors#SERVER_ERROR","phrase":"{phrase}"}]}"#,
    },
    Row {
        path: "/errors/error_list/unauthorized",
        accept: None,
        status: 401,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("www-authenticate", "Bearer realm=\"tasks\""),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"errors":[{"message":"Authentication is required to access this resource"}]}"#,
    },
    Row {
        path: "/errors/problem/not_found",
        accept: None,
        status: 404,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#TASK_NOT_FOUND","title":"Not Found","status":404,"detail":"Task with ID 456 could not be found","instance":"/errors/problem/not_found","code":"TASK_NOT_FOUND"}"#,
    },
    Row {
        path: "/errors/problem/invalid_field",
        accept: None,
        status: 400,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#INVALID_FIELD","title":"Bad Request","status":400,"detail":"The field `contactEmail` must be a valid email address","instance":"/errors/problem/invalid_field","code":"INVALID_FIELD","errors":[{"field":"contactEmail","reason":"Invalid format","location":"body"}]}"#,
    },
    Row {
        path: "/errors/problem/rate_limited",
        accept: None,
        status: 429,
        headers: &[
            ("content-type", "application/problem+json"),
            ("retry-after", "30"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#RATE_LIMIT_EXCEEDED","title":"Too Many Requests","status":429,"detail":"Rate limit exceeded. Try again in 30 seconds","instance":"/errors/problem/rate_limited","code":"RATE_LIMIT_EXCEEDED"}"#,
    },
    Row {
        path: "/errors/problem/sync_expired",
        accept: None,
        status: 412,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#SYNC_TOKEN_INVALID","title":"Precondition Failed","status":412,"detail":"stale sync token","instance":"/errors/problem/sync_expired","code":"SYNC_TOKEN_INVALID","sync":"de4774f6915eae04714ca93bb2f5ee81"}"#,
    },
    Row {
        path: "/errors/problem/validation",
        accept: None,
        status: 422,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#VALIDATION","title":"Unprocessable Entity","status":422,"detail":"validation failed","instance":"/errors/problem/validation","code":"VALIDATION","errors":[{"field":"lastName","reason":"Is required","location":"body"},{"field":"email","reason":"Is taken","resource":"user","code":"TAKEN"}]}"#,
    },
    Row {
        path: "/errors/problem/server_error",
        accept: None,
        status: 500,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#SERVER_ERROR","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred. Please try again later.","instance":"/errors/problem/server_error","code":"SERVER_ERROR"}"#,
    },
    Row {
        path: "/errors/problem/unauthorized",
        accept: None,
        status: 401,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("www-authenticate", "Bearer realm=\"tasks\""),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Authentication is required to access this resource","instance":"/errors/problem/unauthorized","code":"UNAUTHORIZED"}"#,
    },
    Row {
        path: "/errors/google/not_found",
        accept: None,
        status: 404,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":404,"message":"Task with ID 456 could not be found","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_NOT_FOUND","domain":"tasks.example.com","metadata":{"id":"456"}},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"TASK_NOT_FOUND","url":"https://api.example.com/errors#TASK_NOT_FOUND"}]}]}}"#,
    },
    Row {
        path: "/errors/google/invalid_field",
        accept: None,
        status: 400,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":400,"message":"The field `contactEmail` must be a valid email address","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_FIELD","domain":"tasks.example.com","metadata":{"field":"contactEmail"}},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"contactEmail","description":"Invalid format"}]},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"INVALID_FIELD","url":"https://api.example.com/errors#INVALID_FIELD"}]}]}}"#,
    },
    Row {
        path: "/errors/google/rate_limited",
        accept: None,
        status: 429,
        headers: &[
            ("content-type", "application/json"),
            ("retry-after", "30"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":429,"message":"Rate limit exceeded. Try again in 30 seconds","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"tasks.example.com","metadata":{"secs":"30"}},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"RATE_LIMIT_EXCEEDED","url":"https://api.example.com/errors#RATE_LIMIT_EXCEEDED"}]}]}}"#,
    },
    Row {
        path: "/errors/google/sync_expired",
        accept: None,
        status: 412,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":412,"message":"stale sync token","status":"FAILED_PRECONDITION","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SYNC_TOKEN_INVALID","domain":"tasks.example.com","metadata":{"sync":"de4774f6915eae04714ca93bb2f5ee81"}},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"SYNC_TOKEN_INVALID","url":"https://api.example.com/errors#SYNC_TOKEN_INVALID"}]}]}}"#,
    },
    Row {
        path: "/errors/google/validation",
        accept: None,
        status: 422,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":422,"message":"validation failed","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"VALIDATION","domain":"tasks.example.com"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"lastName","description":"Is required"},{"field":"email","description":"Is taken"}]},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"VALIDATION","url":"https://api.example.com/errors#VALIDATION"}]}]}}"#,
    },
    Row {
        path: "/errors/google/server_error",
        accept: None,
        status: 500,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":500,"message":"An unexpected error occurred. Please try again later.","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVER_ERROR","domain":"tasks.example.com"},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"SERVER_ERROR","url":"https://api.example.com/errors#SERVER_ERROR"}]}]}}"#,
    },
    Row {
        path: "/errors/google/unauthorized",
        accept: None,
        status: 401,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("www-authenticate", "Bearer realm=\"tasks\""),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"error":{"code":401,"message":"Authentication is required to access this resource","status":"UNAUTHENTICATED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"UNAUTHORIZED","domain":"tasks.example.com"}]}}"#,
    },
    Row {
        path: "/errors/simple/not_found",
        accept: None,
        status: 404,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":404,"message":"Task with ID 456 could not be found","cause":"TASK_NOT_FOUND"}"#,
    },
    Row {
        path: "/errors/simple/invalid_field",
        accept: None,
        status: 400,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":400,"message":"The field `contactEmail` must be a valid email address","cause":"INVALID_FIELD","errors":[{"field":"contactEmail","message":"Invalid format"}]}"#,
    },
    Row {
        path: "/errors/simple/rate_limited",
        accept: None,
        status: 429,
        headers: &[
            ("content-type", "application/json"),
            ("retry-after", "30"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":429,"message":"Rate limit exceeded. Try again in 30 seconds","cause":"RATE_LIMIT_EXCEEDED"}"#,
    },
    Row {
        path: "/errors/simple/sync_expired",
        accept: None,
        status: 412,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":412,"message":"stale sync token","cause":"SYNC_TOKEN_INVALID","sync":"de4774f6915eae04714ca93bb2f5ee81"}"#,
    },
    Row {
        path: "/errors/simple/validation",
        accept: None,
        status: 422,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":422,"message":"validation failed","cause":"VALIDATION","errors":[{"field":"lastName","message":"Is required"},{"resource":"user","field":"email","code":"TAKEN","message":"Is taken"}]}"#,
    },
    Row {
        path: "/errors/simple/server_error",
        accept: None,
        status: 500,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":500,"message":"An unexpected error occurred. Please try again later.","cause":"SERVER_ERROR"}"#,
    },
    Row {
        path: "/errors/simple/unauthorized",
        accept: None,
        status: 401,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("www-authenticate", "Bearer realm=\"tasks\""),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":401,"message":"Authentication is required to access this resource","cause":"UNAUTHORIZED"}"#,
    },
    Row {
        path: "/errors/flat/not_found",
        accept: Some("application/problem+json"),
        status: 404,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#TASK_NOT_FOUND","title":"Not Found","status":404,"detail":"Task with ID 456 could not be found","instance":"/errors/flat/not_found","code":"TASK_NOT_FOUND"}"#,
    },
    Row {
        path: "/errors/flat/invalid_field",
        accept: Some("application/problem+json"),
        status: 400,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#INVALID_FIELD","title":"Bad Request","status":400,"detail":"The field `contactEmail` must be a valid email address","instance":"/errors/flat/invalid_field","code":"INVALID_FIELD","errors":[{"field":"contactEmail","reason":"Invalid format","location":"body"}]}"#,
    },
    Row {
        path: "/errors/flat/rate_limited",
        accept: Some("application/problem+json"),
        status: 429,
        headers: &[
            ("content-type", "application/problem+json"),
            ("retry-after", "30"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#RATE_LIMIT_EXCEEDED","title":"Too Many Requests","status":429,"detail":"Rate limit exceeded. Try again in 30 seconds","instance":"/errors/flat/rate_limited","code":"RATE_LIMIT_EXCEEDED"}"#,
    },
    Row {
        path: "/errors/flat/sync_expired",
        accept: Some("application/problem+json"),
        status: 412,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#SYNC_TOKEN_INVALID","title":"Precondition Failed","status":412,"detail":"stale sync token","instance":"/errors/flat/sync_expired","code":"SYNC_TOKEN_INVALID","sync":"de4774f6915eae04714ca93bb2f5ee81"}"#,
    },
    Row {
        path: "/errors/flat/validation",
        accept: Some("application/problem+json"),
        status: 422,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#VALIDATION","title":"Unprocessable Entity","status":422,"detail":"validation failed","instance":"/errors/flat/validation","code":"VALIDATION","errors":[{"field":"lastName","reason":"Is required","location":"body"},{"field":"email","reason":"Is taken","resource":"user","code":"TAKEN"}]}"#,
    },
    Row {
        path: "/errors/flat/server_error",
        accept: Some("application/problem+json"),
        status: 500,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#SERVER_ERROR","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred. Please try again later.","instance":"/errors/flat/server_error","code":"SERVER_ERROR"}"#,
    },
    Row {
        path: "/errors/flat/unauthorized",
        accept: Some("application/problem+json"),
        status: 401,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("www-authenticate", "Bearer realm=\"tasks\""),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Authentication is required to access this resource","instance":"/errors/flat/unauthorized","code":"UNAUTHORIZED"}"#,
    },
    Row {
        path: "/errors/flat/not_found",
        accept: Some("application/json, application/problem+json;q=0.5"),
        status: 404,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"TASK_NOT_FOUND","message":"Task with ID 456 could not be found","requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/errors/nested/not_found",
        accept: Some("application/problem+json;q=0.9, */*;q=0.1"),
        status: 404,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#TASK_NOT_FOUND","title":"Not Found","status":404,"detail":"Task with ID 456 could not be found","instance":"/errors/nested/not_found","code":"TASK_NOT_FOUND"}"#,
    },
    Row {
        path: "/errors/problem/not_found",
        accept: Some("application/json"),
        status: 404,
        headers: &[
            ("content-type", "application/problem+json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"type":"https://api.example.com/errors#TASK_NOT_FOUND","title":"Not Found","status":404,"detail":"Task with ID 456 could not be found","instance":"/errors/problem/not_found","code":"TASK_NOT_FOUND"}"#,
    },
    Row {
        path: "/boxed/validation",
        accept: None,
        status: 422,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"VALIDATION","message":"validation failed","details":[{"field":"lastName","reason":"Is required","location":"body"},{"field":"email","reason":"Is taken"}],"requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/http-error",
        accept: None,
        status: 503,
        headers: &[
            ("content-type", "application/json"),
            ("retry-after", "5"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"SERVICE_UNAVAILABLE","message":"The service is temporarily unavailable. Please try again later.","requestId":"req-shared-table"}"#,
    },
    // A handler's own JSON 4xx keeps its text (DESIGN §7's order); a 5xx's never shows.
    Row {
        path: "/own-json/message",
        accept: None,
        status: 400,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"BAD_REQUEST","message":"name is required","requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/own-json/error",
        accept: None,
        status: 409,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"CONFLICT","message":"the name is taken","requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/own-json/ordered",
        accept: None,
        status: 404,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"NOT_FOUND","message":"no task 7","requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/own-json/server",
        accept: None,
        status: 500,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"INTERNAL_SERVER_ERROR","message":"An unexpected error occurred. Please try again later.","requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/own-json/none",
        accept: None,
        status: 400,
        headers: &[
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"{"code":"BAD_REQUEST","message":"Bad Request","requestId":"req-shared-table"}"#,
    },
    Row {
        path: "/ok",
        accept: None,
        status: 200,
        headers: &[
            ("content-type", "text/plain; charset=utf-8"),
            ("x-request-id", "req-shared-table"),
        ],
        body: r#"hello req-shared-table"#,
    },
];

#[tokio::test]
async fn both_frameworks_answer_the_table_identically() {
    let servers = Servers::start(Format::Flat).await;
    for row in TABLE {
        for (framework, addr) in servers.each() {
            let mut headers = vec![("x-request-id", TABLE_ID)];
            headers.extend(row.accept.map(|accept| ("accept", accept)));
            let reply = support::get(addr, row.path, &headers).await;
            let expected = Reply {
                status: row.status,
                headers: row
                    .headers
                    .iter()
                    .map(|(name, value)| (name.to_string(), value.to_string()))
                    .collect(),
                body: row.body.replace("{phrase}", &phrase_of(row.body, &reply)),
            };
            assert_eq!(
                reply, expected,
                "{framework}: GET {} with Accept {:?}",
                row.path, row.accept
            );
        }
    }
}

/// The support phrase `reply` carries when `expected` has a `{phrase}`, checked for its shape:
/// a number 1..=99 and four lowercase words.
fn phrase_of(expected: &str, reply: &Reply) -> String {
    if !expected.contains("{phrase}") {
        return String::new();
    }
    let phrase = reply.json()["errors"][0]["phrase"]
        .as_str()
        .unwrap()
        .to_owned();
    let words: Vec<&str> = phrase.split(' ').collect();
    assert_eq!(words.len(), 5, "{phrase}");
    assert!(
        (1..=99).contains(&words[0].parse::<u32>().unwrap()),
        "{phrase}"
    );
    for word in &words[1..] {
        assert!(word.chars().all(|c| c.is_ascii_lowercase()), "{phrase}");
    }
    phrase
}

#[tokio::test]
async fn server_errors_never_show_their_cause() {
    let servers = Servers::start(Format::Flat).await;
    let mut requests: Vec<(String, &[u8], &str)> = Vec::new();
    for format in Format::ALL {
        requests.push((
            format!("/errors/{format}/server_error"),
            b"",
            "HTTP/1.1 500 Internal Server Error",
        ));
    }
    requests.push((
        "/errors/flat/server_error".into(),
        b"Accept: application/problem+json\r\n",
        "HTTP/1.1 500 Internal Server Error",
    ));
    requests.push((
        "/boxed/server_error".into(),
        b"",
        "HTTP/1.1 500 Internal Server Error",
    ));
    requests.push((
        "/http-error".into(),
        b"",
        "HTTP/1.1 503 Service Unavailable",
    ));
    for (framework, addr) in servers.each() {
        for (path, extra, status_line) in &requests {
            let raw = raw(addr, &raw_get(path, extra)).await;
            assert_eq!(raw.status_line, *status_line, "{framework} {path}");
            // The generated request id is random hex: it may hold `5432` by chance.
            let id = raw.reply.header("x-request-id").to_ascii_lowercase();
            assert!(id.starts_with("req-"), "{framework} {path}: {id}");
            let everything = format!("{}\n{}\n{}", raw.status_line, raw.head, raw.reply.body)
                .to_ascii_lowercase()
                .replace(&id, "req-<id>");
            for secret in SECRETS.iter().chain(&["pool exhausted", "5432"]) {
                assert!(
                    !everything.contains(secret),
                    "{framework} {path} shows {secret:?}:\n{everything}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Request ids.

/// What a request id header should become.
enum Expect {
    /// Used as sent.
    Echo(String),
    /// Replaced by `req-` and a fresh UUID v4.
    Fresh,
}

#[tokio::test]
async fn request_ids_are_echoed_when_valid_and_replaced_otherwise() {
    let long_valid = format!("x-request-id: {}\r\n", "a".repeat(128));
    let long_invalid = format!("x-request-id: {}\r\n", "a".repeat(129));
    let ten_kb = format!("x-request-id: {}\r\n", "a".repeat(10 * 1024));
    let cases: Vec<(&[u8], Expect)> = vec![
        (
            b"x-request-id: req-abc.DEF_9\r\n",
            Expect::Echo("req-abc.DEF_9".into()),
        ),
        (long_valid.as_bytes(), Expect::Echo("a".repeat(128))),
        // CR LF ends the header: the id is `evil`, valid, and the rest is a request header
        // that must not reach the response.
        (
            b"x-request-id: evil\r\nSet-Cookie: stolen=1\r\n",
            Expect::Echo("evil".into()),
        ),
        (b"x-request-id: \r\n", Expect::Fresh),
        (long_invalid.as_bytes(), Expect::Fresh),
        (ten_kb.as_bytes(), Expect::Fresh),
        (b"x-request-id: caf\xc3\xa9\r\n", Expect::Fresh),
        (b"x-request-id: \xff\xfe\x80\r\n", Expect::Fresh),
        (b"x-request-id: a b\r\n", Expect::Fresh),
        (b"x-request-id: a%0D%0ASet-Cookie:x\r\n", Expect::Fresh),
        (b"x-request-id: a\"b\r\n", Expect::Fresh),
        (b"x-request-id: a\tb\r\n", Expect::Fresh),
        // Only the first value counts.
        (
            b"x-request-id: req-first\r\nx-request-id: req-second\r\n",
            Expect::Echo("req-first".into()),
        ),
        (
            b"x-request-id: bad id\r\nx-request-id: req-second\r\n",
            Expect::Fresh,
        ),
    ];
    let servers = Servers::start(Format::Flat).await;
    for (framework, addr) in servers.each() {
        for (lines, expect) in &cases {
            let shown = String::from_utf8_lossy(lines);
            let error = raw(addr, &raw_get("/errors/flat/not_found", lines)).await;
            let success = raw(addr, &raw_get("/ok", lines)).await;
            for raw in [&error, &success] {
                assert_eq!(
                    raw.head
                        .to_ascii_lowercase()
                        .matches("x-request-id:")
                        .count(),
                    1,
                    "{framework} {shown:?}: {}",
                    raw.head
                );
                assert!(
                    !raw.head.to_ascii_lowercase().contains("cookie"),
                    "{}",
                    raw.head
                );
            }
            let id = error.reply.header("x-request-id");
            match expect {
                Expect::Echo(sent) => assert_eq!(id, *sent, "{framework} {shown:?}"),
                Expect::Fresh => assert!(is_fresh_request_id(id), "{framework} {shown:?}: {id}"),
            }
            assert_eq!(
                error.reply.body,
                format!(
                    r#"{{"code":"TASK_NOT_FOUND","message":"Task with ID 456 could not be found","requestId":"{id}"}}"#
                ),
                "{framework} {shown:?}"
            );
            let id = success.reply.header("x-request-id");
            match expect {
                Expect::Echo(sent) => assert_eq!(id, *sent, "{framework} {shown:?}"),
                Expect::Fresh => assert!(is_fresh_request_id(id), "{framework} {shown:?}: {id}"),
            }
            assert_eq!(
                success.reply.body,
                format!("hello {id}"),
                "{framework} {shown:?}"
            );
        }
    }
}

#[tokio::test]
async fn requests_without_an_id_get_a_fresh_one_each() {
    let servers = Servers::start(Format::Flat).await;
    for (framework, addr) in servers.each() {
        let first = support::get(addr, "/errors/flat/not_found", &[]).await;
        let second = support::get(addr, "/errors/flat/not_found", &[]).await;
        let first_id = first.header("x-request-id");
        let second_id = second.header("x-request-id");
        assert!(is_fresh_request_id(first_id), "{framework}: {first_id}");
        assert!(is_fresh_request_id(second_id), "{framework}: {second_id}");
        assert_ne!(first_id, second_id, "{framework}");
        assert_eq!(first.json()["requestId"], first_id, "{framework}");

        let ok = support::get(addr, "/ok", &[]).await;
        let id = ok.header("x-request-id");
        assert!(is_fresh_request_id(id), "{framework}: {id}");
        assert_eq!(ok.body, format!("hello {id}"), "{framework}");
    }
}

#[tokio::test]
async fn without_the_layer_errors_render_with_a_fresh_context_and_the_extractor_fails() {
    let axum = support::serve_axum(axum_app::routes()).await;
    let actix = ActixServer::start(|listener| {
        Ok(actix_web::HttpServer::new(|| {
            actix_web::App::new()
                .route(
                    "/errors/{format}/{case}",
                    actix_web::web::get().to(bare_actix_error),
                )
                .route("/ok", actix_web::web::get().to(bare_actix_ok))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    });
    for (framework, addr) in [("axum", axum), ("actix", actix.addr)] {
        // No negotiation and no echo without the layer: the type's format and a fresh id.
        let reply = support::get(
            addr,
            "/errors/flat/not_found",
            &[
                ("x-request-id", "req-ignored"),
                ("accept", "application/problem+json"),
            ],
        )
        .await;
        let id = reply.header("x-request-id").to_owned();
        assert!(is_fresh_request_id(&id), "{framework}: {id}");
        assert_eq!(reply.status, 404, "{framework}");
        assert_eq!(
            reply.body,
            format!(
                r#"{{"code":"TASK_NOT_FOUND","message":"Task with ID 456 could not be found","requestId":"{id}"}}"#
            ),
            "{framework}"
        );

        let reply = support::get(addr, "/ok", &[]).await;
        let id = reply.header("x-request-id").to_owned();
        assert_eq!(reply.status, 500, "{framework}");
        assert_eq!(
            reply.body,
            format!(
                r#"{{"code":"INTERNAL_SERVER_ERROR","message":"An unexpected error occurred. Please try again later.","requestId":"{id}"}}"#
            ),
            "{framework}"
        );
    }
}

async fn bare_actix_error() -> Result<String, Shared> {
    Err(Shared::NotFound { id: 456 })
}

async fn bare_actix_ok(request_id: apierror::actix::RequestId) -> String {
    format!("hello {request_id}")
}

#[tokio::test]
async fn axum_layer_works_with_tower_http_request_id_layers() {
    use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

    // Outermost first: set an id when there is none, propagate it, then apierror's layer.
    let app = axum_app::app(Format::Flat)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    let addr = support::serve_axum(app).await;

    // tower-http made the id: a bare UUID, which apierror takes as it is.
    let reply = support::get(addr, "/ok", &[]).await;
    let id = reply.header("x-request-id").to_owned();
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
    assert_eq!(reply.body, format!("hello {id}"));
    let reply = support::get(addr, "/errors/flat/not_found", &[]).await;
    let id = reply.header("x-request-id").to_owned();
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
    assert_eq!(reply.json()["requestId"], id.as_str());

    // A valid incoming id passes through both.
    let reply = support::get(addr, "/ok", &[("x-request-id", "req-from-client")]).await;
    assert_eq!(reply.header("x-request-id"), "req-from-client");
    assert_eq!(reply.body, "hello req-from-client");

    // An invalid one survives tower-http (it only fills in a missing header), is replaced by
    // apierror, and the propagation layer keeps the replacement it finds on the response.
    let reply = support::get(addr, "/errors/flat/not_found", &[("x-request-id", "a b")]).await;
    let id = reply.header("x-request-id").to_owned();
    assert!(is_fresh_request_id(&id), "{id}");
    assert_eq!(reply.json()["requestId"], id.as_str());
}
