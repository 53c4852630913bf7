//! Localized error responses over sockets: `ErrorLayer::with_translations` and
//! `ErrorMiddleware::with_translations` negotiate `Accept-Language` the same way and answer
//! with the same bytes, `Content-Language` and `Vary: Accept-Language`; framework errors and
//! malformed headers included.

use super::support::{ActixServer, Reply, get, raw, raw_get, serve_axum};
use apierror::ApiError;
use apierror::locale::Translations;
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(Debug, thiserror::Error, ApiError)]
enum LocaleError {
    /// The task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task {id} could not be found")]
    #[error("task {id} missing")]
    NotFound { id: u64 },

    /// Unexpected failure.
    #[status(500)]
    #[error("database down")]
    Database,
}

apierror::catalog!(EVERYTHING = [LocaleError, apierror::axum::FrameworkErrors]);

const FR: &str = "\
TASK_NOT_FOUND = La tâche { $id } est introuvable
apierror-internal = Une erreur inattendue s'est produite. Veuillez réessayer plus tard.
apierror-status-404 = Introuvable
apierror-malformed-body = Le corps de la requête n'est pas du JSON valide.
";

fn translations() -> Arc<Translations> {
    Arc::new(
        Translations::new("en", EVERYTHING)
            .unwrap()
            .with_ftl("fr", "fr.ftl", FR)
            .unwrap(),
    )
}

fn task(id: u64) -> Result<&'static str, LocaleError> {
    if id == 0 {
        Err(LocaleError::Database)
    } else {
        Err(LocaleError::NotFound { id })
    }
}

async fn axum_server() -> SocketAddr {
    use axum::routing::{get, post};
    let router = axum::Router::new()
        .route(
            "/tasks/{id}",
            get(|axum::extract::Path(id): axum::extract::Path<u64>| async move { task(id) }),
        )
        .route(
            "/tasks",
            post(|_: axum::Json<serde_json::Value>| async { "created" }),
        )
        .layer(apierror::axum::ErrorLayer::new().with_translations(translations()));
    serve_axum(router).await
}

fn actix_server() -> ActixServer {
    use actix_web::{App, HttpServer, web};
    ActixServer::start(|listener| {
        Ok(HttpServer::new(|| {
            App::new()
                .wrap(apierror::actix::ErrorMiddleware::new().with_translations(translations()))
                .route(
                    "/tasks/{id}",
                    web::get().to(|id: web::Path<u64>| async move { task(*id) }),
                )
                .route(
                    "/tasks",
                    web::post()
                        .to(|_: apierror::actix::Json<serde_json::Value>| async { "created" }),
                )
        })
        .workers(1)
        .listen(listener)?
        .run())
    })
}

/// The reply without its request id header (the tests send `req-1`).
fn without_id(mut reply: Reply) -> Reply {
    reply.headers.retain(|(name, _)| name != "x-request-id");
    reply
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

async fn both(path: &str, request_headers: &[(&str, &str)]) -> Reply {
    let mut request_headers = request_headers.to_vec();
    request_headers.push(("x-request-id", "req-1"));
    let request_headers = request_headers.as_slice();
    let axum = axum_server().await;
    let actix = actix_server();
    let from_axum = without_id(get(axum, path, request_headers).await);
    let from_actix = without_id(get(actix.addr, path, request_headers).await);
    assert_eq!(from_axum, from_actix, "{path} {request_headers:?}");
    from_axum
}

#[tokio::test]
async fn both_frameworks_answer_in_the_negotiated_language() {
    let reply = both(
        "/tasks/7",
        &[("accept-language", "de, fr-CA;q=0.9, en;q=0.5")],
    )
    .await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.headers,
        headers(&[
            ("content-language", "fr"),
            ("content-type", "application/json"),
            ("vary", "Accept"),
            ("vary", "Accept-Language"),
        ])
    );
    let body = reply.json();
    assert_eq!(body["message"], "La tâche 7 est introuvable");

    // The default language when nothing matches, still with both headers.
    let reply = both("/tasks/7", &[("accept-language", "de")]).await;
    assert_eq!(reply.json()["message"], "Task 7 could not be found");
    assert_eq!(reply.header("content-language"), "en");
    let vary: Vec<&str> = reply
        .headers
        .iter()
        .filter(|(name, _)| name == "vary")
        .map(|(_, value)| value.as_str())
        .collect();
    assert_eq!(vary, ["Accept", "Accept-Language"]);

    // A 5xx's generic sentence.
    let reply = both("/tasks/0", &[("accept-language", "fr")]).await;
    assert_eq!(
        reply.json()["message"],
        "Une erreur inattendue s'est produite. Veuillez réessayer plus tard."
    );
}

/// On the wire, the language's `Vary` comes first and the envelope's (`Accept`: the layer
/// negotiates Problem) on a field line of its own after it, so a client reading one `vary`
/// value still reads `Accept-Language`; both frameworks alike.
#[tokio::test]
async fn vary_names_the_language_first_then_the_envelope() {
    let axum = axum_server().await;
    let actix = actix_server();
    for addr in [axum, actix.addr] {
        let response = super::support::client()
            .get(format!("http://{addr}/tasks/7"))
            .header("accept-language", "fr")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404);
        let vary: Vec<_> = response.headers().get_all("vary").iter().collect();
        assert_eq!(vary, ["Accept-Language", "Accept"], "{addr}");
    }
}

#[tokio::test]
async fn framework_errors_are_translated_too() {
    // An unmatched route: the reason phrase.
    let reply = both("/nowhere", &[("accept-language", "fr")]).await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["message"], "Introuvable");
    assert_eq!(reply.header("content-language"), "fr");

    // A body that is not JSON, on both frameworks.
    let axum = axum_server().await;
    let actix = actix_server();
    for addr in [axum, actix.addr] {
        let reply = super::support::send(
            super::support::client()
                .post(format!("http://{addr}/tasks"))
                .header("content-type", "application/json")
                .header("accept-language", "fr")
                .body("{not json"),
        )
        .await;
        assert_eq!(reply.status, 400);
        assert_eq!(
            reply.json()["message"],
            "Le corps de la requête n'est pas du JSON valide."
        );
        assert_eq!(reply.header("content-language"), "fr");
    }
}

#[tokio::test]
async fn malformed_accept_language_gets_the_default() {
    let long = format!("fr, {}", "x".repeat(10 * 1024));
    let many = vec!["fr"; 1_000].join(",");
    let axum = axum_server().await;
    let actix = actix_server();
    for addr in [axum, actix.addr] {
        for header in [long.as_str(), many.as_str()] {
            let reply = get(addr, "/tasks/7", &[("accept-language", header)]).await;
            assert_eq!(reply.json()["message"], "Task 7 could not be found");
            assert_eq!(reply.header("content-language"), "en");
        }
        // Bytes that are not ASCII, which no HTTP client sends (control characters do not get
        // past the servers' parsers; the negotiation's own tests send them).
        let reply = raw(
            addr,
            &raw_get("/tasks/7", b"Accept-Language: fr\t\xc3\xa9\xff\r\n"),
        )
        .await
        .reply;
        assert_eq!(reply.json()["message"], "Task 7 could not be found");
        assert_eq!(reply.header("content-language"), "en");
    }
}
