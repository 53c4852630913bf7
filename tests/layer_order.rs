//! A misplaced layer is not silent: when an error renders outside `ErrorLayer` (axum) or
//! `ErrorMiddleware` (actix-web) while the process uses one, one `tracing` warning names the
//! fix, once per framework. Its own test binary, since the warning is said once per process.

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

#[tokio::test]
async fn an_error_rendered_outside_the_layer_warns_once_naming_the_fix() {
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(Capture)).unwrap();
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
    assert!(
        WARNINGS.lock().unwrap()[0]
            .contains("fresh request id and ignores the negotiated format; add ErrorLayer")
    );
    // The other cause of the symptom, with the layer in place.
    assert!(WARNINGS.lock().unwrap()[0].contains("a task the handler spawned"));

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
