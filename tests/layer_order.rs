//! A misplaced layer is not silent: when an error renders outside `ErrorLayer` (axum) or
//! `ErrorMiddleware` (actix-web) while the process uses one, one `tracing` warning names the
//! fix, once per framework; nor is a compression layer inside the error layer, whose encoded
//! error bodies the layer cannot read. Its own test binary, since each warning is said once per
//! process.

use apierror::ApiError;
use std::sync::Mutex;
use tracing_subscriber::layer::{Context, SubscriberExt as _};

#[allow(dead_code)]
#[path = "http/support.rs"]
mod support;

#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    /// The requested task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[error("task missing")]
    NotFound,
}

/// Each WARN record's message.
static WARNINGS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, _ctx: Context<'_, S>) {
        struct Message(String);
        impl tracing::field::Visit for Message {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                if field.name() == "message" {
                    self.0 = format!("{value:?}");
                }
            }
        }
        if *event.metadata().level() == tracing::Level::WARN {
            let mut message = Message(String::new());
            event.record(&mut message);
            WARNINGS.lock().unwrap().push(message.0);
        }
    }
}

fn warnings_naming(fix: &str) -> usize {
    let warnings = WARNINGS.lock().unwrap();
    warnings
        .iter()
        .filter(|message| message.contains(fix))
        .count()
}

/// The capturing subscriber, installed once for the binary's tests.
fn capture() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(Capture))
            .unwrap();
    });
}

#[tokio::test]
async fn an_error_rendered_outside_the_layer_warns_once_naming_the_fix() {
    capture();
    use axum::routing::get;
    async fn fails() -> Result<(), TaskError> {
        Err(TaskError::NotFound)
    }

    // axum: the layer added before the route wraps only what came before it.
    let misplaced = axum::Router::new()
        .route("/wrapped", get(fails))
        .layer(apierror::axum::ErrorLayer::new())
        .route("/outside", get(fails));
    let addr = support::serve_axum(misplaced).await;
    let reply = support::get(addr, "/wrapped", &[("x-request-id", "req-in")]).await;
    assert_eq!(reply.json()["requestId"], "req-in");
    assert_eq!(warnings_naming("Router::layer"), 0);
    for _ in 0..3 {
        let reply = support::get(addr, "/outside", &[("x-request-id", "req-out")]).await;
        // The symptom the warning is about: a fresh request id.
        assert_ne!(reply.json()["requestId"], "req-out");
    }
    assert_eq!(
        warnings_naming("Router::layer"),
        1,
        "{:?}",
        WARNINGS.lock().unwrap()
    );
    // (The binary's other test warns too, so the warning is looked for among all.)
    assert_eq!(
        warnings_naming("fresh request id and ignores the negotiated format; add ErrorLayer"),
        1
    );
    // The other cause of the symptom, with the layer in place.
    assert_eq!(
        warnings_naming(
            "Router::layer after every route, fallback and nested router, and add authentication or other middleware that answers with errors before it (so that ErrorLayer, added last, wraps them); if it is there, the error was rendered in a task the handler spawned"
        ),
        1
    );

    // actix-web: an error rendered by middleware outside ErrorMiddleware.
    let server = support::ActixServer::start(|listener| {
        Ok(actix_web::HttpServer::new(|| {
            // The middleware registered first is the inner one: `wrap_fn` runs outside it.
            actix_web::App::new()
                .wrap(apierror::actix::ErrorMiddleware::new())
                .wrap_fn(|request, service| {
                    use actix_web::dev::Service as _;
                    let outside = request.path() == "/outside";
                    let call = service.call(request);
                    async move {
                        if outside {
                            return Err(TaskError::NotFound.into());
                        }
                        call.await
                    }
                })
                .route("/ok", actix_web::web::get().to(|| async { "ok" }))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    });
    assert_eq!(support::get(server.addr, "/ok", &[]).await.body, "ok");
    for _ in 0..3 {
        let reply = support::get(server.addr, "/outside", &[("x-request-id", "req-out")]).await;
        assert_eq!(reply.status, 404);
    }
    assert_eq!(
        warnings_naming("last .wrap()"),
        1,
        "{:?}",
        WARNINGS.lock().unwrap()
    );
}

/// A compression layer inside the error layer encodes a rejection's body before the layer can
/// read it: the answer has the status's text only (never the encoded bytes as text), and one
/// warning names the fix. Outside, as the README places it, the compressed envelope keeps the
/// rejection's message and detail.
#[tokio::test]
async fn compression_inside_the_layer_warns_once_and_outside_keeps_the_details() {
    use axum::routing::post;
    use tower_http::compression::CompressionLayer;
    capture();
    #[derive(serde::Deserialize)]
    struct Order {
        #[allow(dead_code)]
        name: String,
    }
    async fn order(axum::Json(_): axum::Json<Order>) -> &'static str {
        "ok"
    }
    let routes = || axum::Router::new().route("/orders", post(order));
    let inside = support::serve_axum(
        routes()
            .layer(CompressionLayer::new())
            .layer(apierror::axum::ErrorLayer::new()),
    )
    .await;
    let outside = support::serve_axum(
        routes()
            .layer(apierror::axum::ErrorLayer::new())
            .layer(CompressionLayer::new()),
    )
    .await;
    let send = |addr: std::net::SocketAddr| async move {
        support::client()
            .post(format!("http://{addr}/orders"))
            .header("content-type", "application/json")
            .header("accept-encoding", "gzip")
            .header("x-request-id", "req-gzip")
            .body(r#"{"nme":"x"}"#)
            .send()
            .await
            .unwrap()
    };
    for _ in 0..2 {
        let response = send(inside).await;
        assert_eq!(response.status(), 422);
        assert!(response.headers().get("content-encoding").is_none());
        assert_eq!(
            response.text().await.unwrap(),
            r#"{"code":"UNPROCESSABLE_ENTITY","message":"Unprocessable Entity","requestId":"req-gzip"}"#
        );
    }
    assert_eq!(
        warnings_naming("add CompressionLayer (or any layer that encodes bodies) after ErrorLayer"),
        1,
        "{:?}",
        WARNINGS.lock().unwrap()
    );

    let response = send(outside).await;
    assert_eq!(response.status(), 422);
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let compressed = response.bytes().await.unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(compressed.as_ref()),
        &mut body,
    )
    .unwrap();
    assert_eq!(
        body,
        r#"{"code":"UNPROCESSABLE_ENTITY","message":"The request body is invalid.","details":[{"field":"name","reason":"missing field `name`","location":"body"}],"requestId":"req-gzip"}"#
    );

    // actix-web: `Compress` inside `ErrorMiddleware` (wrapped first) encodes a handler's
    // plain-text 4xx; the one warning of actix-web names its own fix.
    let server = support::ActixServer::start(|listener| {
        Ok(actix_web::HttpServer::new(|| {
            actix_web::App::new()
                .wrap(actix_web::middleware::Compress::default())
                .wrap(apierror::actix::ErrorMiddleware::new())
                .route(
                    "/plain",
                    actix_web::web::get().to(|| async {
                        actix_web::HttpResponse::BadRequest()
                            .content_type("text/plain")
                            .body("a plain text long enough for actix-web to compress it".repeat(4))
                    }),
                )
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    });
    for _ in 0..2 {
        let response = support::client()
            .get(format!("http://{}/plain", server.addr))
            .header("accept-encoding", "gzip")
            .header("x-request-id", "req-gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        assert_eq!(
            response.text().await.unwrap(),
            r#"{"code":"BAD_REQUEST","message":"Bad Request","requestId":"req-gzip"}"#
        );
    }
    assert_eq!(
        warnings_naming(
            "wrap Compress (or any middleware that encodes bodies) after ErrorMiddleware"
        ),
        1,
        "{:?}",
        WARNINGS.lock().unwrap()
    );
}
