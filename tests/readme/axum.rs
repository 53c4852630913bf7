//! "axum": the layer, mapping framework errors, where the layer goes, tower-http's ids.

use apierror::ApiError;
use axum::body::Body;
use http::{Request, Response, StatusCode};
use tower::ServiceExt as _;

use super::tasks::TaskError;

async fn send(app: axum::Router, request: Request<Body>) -> (Response<Body>, serde_json::Value) {
    let response = app.oneshot(request).await.expect("infallible");
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20).await.expect("the body");
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (Response::from_parts(parts, Body::empty()), json)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("a request")
}

#[tokio::test]
async fn the_layer() {
    use apierror::axum::{ErrorLayer, RequestId};
    use axum::{Router, extract::Path, routing::get};

    async fn get_task(Path(id): Path<u64>, request_id: RequestId) -> Result<String, TaskError> {
        tracing::info!(%request_id, id, "looking up a task");
        Err(TaskError::NotFound { id })
    }

    let app = Router::new()
        .route("/tasks/{id}", get(get_task))
        .layer(ErrorLayer::new()); // after the routes and the fallback, so it wraps them all

    let request = Request::get("/tasks/7").header("x-request-id", "req-7").body(Body::empty());
    let (response, body) = send(app.clone(), request.expect("a request")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        serde_json::json!({
            "code": "TASK_NOT_FOUND",
            "message": "Task with ID 7 could not be found",
            "requestId": "req-7",
        })
    );
    let (response, body) = send(app, self::get("/nowhere")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "NOT_FOUND");
}

#[tokio::test]
async fn mapping_framework_errors_to_your_own() {
    use apierror::axum::ErrorLayer;
    use axum::{Json, Router, routing::post};

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Order {
        email: String,
        items: Vec<Item>,
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        qty: u32,
    }

    use apierror::framework::{FrameworkError, FrameworkErrorKind};
    use apierror::{ApiError, Detail};

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

    let layer = ErrorLayer::new().map_rewritten(|err: &FrameworkError| match err.kind() {
        FrameworkErrorKind::InvalidBody => Some(ServiceError::ValidationFailed {
            details: err.details().into_owned(),
        }),
        _ => None,
    });
    // `{"email":"a@b","items":[{"name":"x"}]}` without `qty`:
    // {"code":"VALIDATION_FAILED","message":"The request body is invalid",
    //  "details":[{"field":"items[0].qty","reason":"missing field `qty`","location":"body"}],...}

    let app = Router::new()
        .route("/orders", post(|Json(_): Json<Order>| async { "created" }))
        .layer(layer);
    let request = Request::post("/orders")
        .header("content-type", "application/json")
        .header("x-request-id", "req-1")
        .body(Body::from(r#"{"email":"a@b","items":[{"name":"x"}]}"#));
    let (response, body) = send(app, request.expect("a request")).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body,
        serde_json::json!({
            "code": "VALIDATION_FAILED",
            "message": "The request body is invalid",
            "details": [{"field": "items[0].qty", "reason": "missing field `qty`", "location": "body"}],
            "requestId": "req-1",
        })
    );
}

#[tokio::test]
async fn where_the_layer_goes() {
    use apierror::axum::ErrorLayer;
    use axum::extract::Request;
    use axum::middleware::{Next, from_fn};
    use axum::response::{IntoResponse, Response};
    use axum::{Router, routing::get};

    #[derive(Debug, thiserror::Error, ApiError)]
    enum AuthError {
        /// No bearer token.
        #[status(401)]
        #[code("UNAUTHORIZED")]
        #[error("no bearer token")]
        Unauthorized,
    }

    async fn require_auth(request: Request, next: Next) -> Response {
        if request.headers().contains_key("authorization") {
            next.run(request).await
        } else {
            AuthError::Unauthorized.into_response()
        }
    }

    async fn not_found() -> TaskError {
        TaskError::NotFound { id: 0 }
    }

    let api_routes = Router::new().route("/tasks", get(|| async { "[]" }));

    let app = Router::new()
        .nest("/api/v1", api_routes)          // nested routers first
        .fallback(not_found)
        .layer(from_fn(require_auth))         // auth inside ErrorLayer: its errors get the context
        .layer(ErrorLayer::new());            // last, so it is outermost

    let request = Request::get("/api/v1/tasks").header("x-request-id", "req-2").body(Body::empty());
    let (response, body) = send(app.clone(), request.expect("a request")).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(body["requestId"], "req-2");
    let request = Request::get("/api/v1/tasks").header("authorization", "Bearer t").body(Body::empty());
    let (response, _) = send(app, request.expect("a request")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["x-request-id"].to_str().expect("ASCII").starts_with("req-"));
}

#[tokio::test]
async fn with_tower_http_request_ids() {
    use apierror::axum::ErrorLayer;
    use axum::{Router, routing::get};

    let routes: Router = Router::new().route("/tasks/{id}", get(|| async { TaskError::NotFound { id: 1 } }));

    use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

    let app = routes
        .layer(ErrorLayer::new())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));

    let (response, body) = send(app, self::get("/tasks/1")).await;
    let id = response.headers()["x-request-id"].to_str().expect("ASCII").to_owned();
    // tower-http's id (a bare UUID) is the one apierror uses.
    assert_eq!(id.len(), 36, "{id}");
    assert_eq!(body["requestId"], id.as_str());
}

#[tokio::test]
async fn errors_rendered_in_a_spawned_task() {
    use apierror::axum::ErrorLayer;
    use axum::{Router, extract::Path, response::{IntoResponse, Response}, routing::get};

    use apierror::axum::CurrentRequest;

    async fn report(Path(id): Path<u64>) -> Response {
        let request = CurrentRequest::get();                 // in the handler, inside the layer
        tokio::spawn(request.scope(async move {              // each poll inside the request's scope
            TaskError::NotFound { id }.into_response()       // the request's id, envelope, instance
        }))
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
    }

    let app = Router::new().route("/tasks/{id}/report", get(report)).layer(ErrorLayer::new());
    let request = Request::get("/tasks/7/report").header("x-request-id", "req-7").body(Body::empty());
    let (response, body) = send(app, request.expect("a request")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()["x-request-id"], "req-7");
    assert_eq!(body["requestId"], "req-7");
}

#[tokio::test]
async fn around_the_whole_router() {
    use apierror::axum::ErrorLayer;
    use axum::{Router, extract::Path, routing::get};

    async fn get_task(Path(id): Path<u64>) -> Result<String, TaskError> {
        Err(TaskError::NotFound { id })
    }
    let routes = Router::new().route("/tasks/{id}", get(get_task)).route("/ok", get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let addr = listener.local_addr().expect("an address");
    tokio::spawn(async move {
        use axum::extract::Request;
        use tower::Layer as _; // `ErrorLayer::layer`

        let app = ErrorLayer::new().layer(routes);     // around the router, not each route
        axum::serve(listener, axum::ServiceExt::<Request>::into_make_service(app)).await?;
        Ok::<(), std::io::Error>(())
    });

    let client = reqwest::Client::new();
    let ok = client.get(format!("http://{addr}/ok")).send().await.expect("a reply");
    assert_eq!(ok.status(), 200);
    assert!(ok.headers()["x-request-id"].to_str().expect("ASCII").starts_with("req-"));
    let reply = client.get(format!("http://{addr}/tasks/7")).header("x-request-id", "req-9").send().await.expect("a reply");
    assert_eq!(reply.status(), 404);
    let body: serde_json::Value = serde_json::from_slice(&reply.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(body["code"], "TASK_NOT_FOUND");
    assert_eq!(body["requestId"], "req-9");
    // The router's own 404 is rewritten too.
    let missing = client.get(format!("http://{addr}/nowhere")).send().await.expect("a reply");
    let body: serde_json::Value = serde_json::from_slice(&missing.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(body["code"], "NOT_FOUND");
    // A single `Path` value's rejection names no key: no router had matched a route yet.
    let rejected = client.get(format!("http://{addr}/tasks/abc")).send().await.expect("a reply");
    let body: serde_json::Value = serde_json::from_slice(&rejected.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(body["code"], "BAD_REQUEST");
    assert_eq!(body["details"][0]["location"], "path");
    assert!(body["details"][0].get("field").is_none(), "{body}");
}
