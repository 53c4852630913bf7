//! "The client side".

use apierror::ApiError;
use std::cell::Cell;
use std::time::Duration;

use super::tasks::TaskError;

thread_local! {
    /// What the README's `match` chose.
    static CHOSEN: Cell<&'static str> = const { Cell::new("") };
}

fn create_the_task() {
    CHOSEN.set("create");
}

fn sleep(duration: Duration) {
    CHOSEN.set(if duration == Duration::from_secs(30) { "sleep 30 s" } else { "sleep" });
}

fn show(message: &str) {
    CHOSEN.set(if message.is_empty() { "show nothing" } else { "show" });
}

/// The README's block on `response`; what its `match` chose.
fn read_back(response: &http::Response<Vec<u8>>) -> &'static str {
    use apierror::{ApiError, RemoteError};

    let err = match RemoteError::parse(response.status(), response.headers(), response.body()) {
        Ok(err) => err,
        Err(error) => {
            // Not an error body: a proxy's HTML page, a cut-off body, JSON of another shape.
            // "cannot read the error body of a 502 response: not JSON (expected value at line 1
            // column 1): starts with `<html><body>502 Bad Gateway</body></html>`"
            tracing::warn!("{error}");
            // Status-only: code BAD_GATEWAY, the body's text (at most 512 bytes; the status's
            // reason phrase when there is none) as the message.
            error.into_fallback()
        }
    };
    println!("{err} (request {:?})", err.request_id()); // 404 TASK_NOT_FOUND: Task with ID 7 could not be found

    // Match codes against the catalog the server was built from.
    match err.spec::<TaskError>().map(|spec| spec.code) {
        Some("TASK_NOT_FOUND") => create_the_task(),
        Some("RATE_LIMIT_EXCEEDED") => sleep(Duration::from_secs(err.retry_after().unwrap_or(1))),
        Some(_) => show(&err.message()),
        None => show(&err.message()), // a code the server's catalog does not have (yet)
    }
    CHOSEN.get()
}

#[test]
fn reading_an_error_back() {
    let ctx = apierror::Context::default();
    for format in apierror::Format::ALL {
        let response = apierror::to_response(&TaskError::NotFound { id: 7 }, format, &ctx);
        // ErrorList carries no code: the client sees the status's, `NOT_FOUND`, not in the catalog.
        let coded = format != apierror::Format::ErrorList;
        assert_eq!(read_back(&response), if coded { "create" } else { "show" }, "{format}");
        let response = apierror::to_response(&TaskError::RateLimited { secs: 30 }, format, &ctx);
        assert_eq!(read_back(&response), if coded { "sleep 30 s" } else { "show" }, "{format}");
    }
    let mut proxy = http::Response::new(b"<html><body>502 Bad Gateway</body></html>".to_vec());
    *proxy.status_mut() = http::StatusCode::BAD_GATEWAY;
    assert_eq!(read_back(&proxy), "show");
}

#[tokio::test]
async fn reqwest() {
    use apierror::RemoteError;

    type BoxError = Box<dyn std::error::Error + Send + Sync>;

    async fn get(client: &reqwest::Client, url: String) -> Result<String, BoxError> {
        let response = client.get(url).send().await?;
        if response.status().is_client_error() || response.status().is_server_error() {
            let err = RemoteError::from_reqwest(response)
                .await
                .unwrap_or_else(|error| error.into_fallback());
            return Err(err.into());
        }
        Ok(response.text().await?)
    }

    let app = axum::Router::new()
        .route("/tasks/{id}", axum::routing::get(|| async { TaskError::NotFound { id: 7 } }))
        .layer(apierror::axum::ErrorLayer::new());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let addr = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, app).await });

    let client = reqwest::Client::new();
    let error = get(&client, format!("http://{addr}/tasks/7")).await.expect_err("a 404");
    let err = error.downcast::<RemoteError>().expect("the API's error");
    assert_eq!(err.status(), 404);
    assert_eq!(err.code(), "TASK_NOT_FOUND");
    assert_eq!(err.message(), "Task with ID 7 could not be found");
}
