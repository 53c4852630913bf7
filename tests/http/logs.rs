//! What both integrations tell the logs: each error response exactly once — a 5xx at ERROR
//! with its code, status, request id, support phrase and full source chain, a 4xx at DEBUG
//! with its code, status and request id but no field values — rewritten foreign errors and
//! panics included.
//!
//! A capturing layer is the global subscriber (the servers log from their own threads); each
//! request has its own id, and a test reads only the records that carry it.

use super::*;
use crate::log_capture::{capture_logs, record, records_of};

#[tokio::test]
async fn each_error_response_is_logged_once() {
    capture_logs();
    let servers = Servers::start(Format::Flat).await;
    for (framework, addr) in servers.each() {
        // A derived 5xx: ERROR, with the source chain and the phrase the body shows.
        let id = format!("req-log-500-{framework}");
        let reply = support::get(
            addr,
            "/errors/error_list/server_error",
            &[("x-request-id", &id)],
        )
        .await;
        let phrase = reply.json()["errors"][0]["phrase"]
            .as_str()
            .unwrap()
            .to_owned();
        let expected = record(
            tracing::Level::ERROR,
            &[
                ("message", "apierror: server error"),
                ("code", "SERVER_ERROR"),
                ("status", "500"),
                ("request_id", &id),
                ("phrase", &phrase),
                (
                    "error",
                    "database: connection refused: 10.0.0.7:5432 is down",
                ),
            ],
        );
        assert_eq!(records_of(&id), [expected], "{framework}");

        // A derived 4xx: DEBUG, and none of the error's field values (the id 456).
        let id = format!("req-log-404-{framework}");
        support::get(addr, "/errors/flat/not_found", &[("x-request-id", &id)]).await;
        let expected = record(
            tracing::Level::DEBUG,
            &[
                ("message", "apierror: client error"),
                ("code", "TASK_NOT_FOUND"),
                ("status", "404"),
                ("request_id", &id),
            ],
        );
        let records = records_of(&id);
        assert_eq!(records, [expected], "{framework}");
        assert!(
            !format!("{records:?}").contains("456"),
            "{framework}: {records:?}"
        );

        // A rewritten foreign 4xx.
        let id = format!("req-log-foreign-{framework}");
        support::get(addr, "/nowhere", &[("x-request-id", &id)]).await;
        let expected = record(
            tracing::Level::DEBUG,
            &[
                ("message", "apierror: client error"),
                ("code", "NOT_FOUND"),
                ("status", "404"),
                ("request_id", &id),
            ],
        );
        assert_eq!(records_of(&id), [expected], "{framework}");

        // A panic: the panic's message is in the log, not in the response.
        let id = format!("req-log-panic-{framework}");
        support::get(addr, "/panic", &[("x-request-id", &id)]).await;
        let records = records_of(&id);
        assert_eq!(records.len(), 1, "{framework}: {records:?}");
        let phrase = records[0].fields["phrase"].clone();
        let expected = record(
            tracing::Level::ERROR,
            &[
                ("message", "apierror: server error"),
                ("code", "INTERNAL_SERVER_ERROR"),
                ("status", "500"),
                ("request_id", &id),
                ("phrase", &phrase),
                (
                    "error",
                    "500 INTERNAL_SERVER_ERROR: the handler panicked: boom: the vault key is hunter2",
                ),
            ],
        );
        assert_eq!(records, [expected], "{framework}");
        assert_eq!(phrase.split(' ').count(), 5, "{framework}: {phrase}");
    }

    // actix-web: an inner middleware's `Err`, rewritten, and a derived error it returns.
    for (path, code, status) in [
        ("/guarded/foreign", "FORBIDDEN", "403"),
        ("/guarded/derived", "UNAUTHORIZED", "401"),
    ] {
        let id = format!("req-log{}", path.replace('/', "-"));
        support::get(servers.actix.addr, path, &[("x-request-id", &id)]).await;
        let expected = record(
            tracing::Level::DEBUG,
            &[
                ("message", "apierror: client error"),
                ("code", code),
                ("status", status),
                ("request_id", &id),
            ],
        );
        assert_eq!(records_of(&id), [expected], "{path}");
    }

    // A rewritten foreign 5xx: the timeout layer's 504.
    let id = "req-log-timeout";
    support::get(servers.axum, "/slow-upstream", &[("x-request-id", id)]).await;
    let records = records_of(id);
    assert_eq!(records.len(), 1, "{records:?}");
    let phrase = records[0].fields["phrase"].clone();
    let expected = record(
        tracing::Level::ERROR,
        &[
            ("message", "apierror: server error"),
            ("code", "GATEWAY_TIMEOUT"),
            ("status", "504"),
            ("request_id", id),
            ("phrase", &phrase),
            ("error", "504 GATEWAY_TIMEOUT"),
        ],
    );
    assert_eq!(records, [expected]);
}

/// 5xx errors whose `Display` shows their source the way thiserror writes it.
#[derive(Debug, thiserror::Error, ApiError)]
enum StoreError {
    /// The store failed; the cause is logged.
    #[status(500)]
    #[code("STORE_FAILED")]
    #[error("database: {0}")]
    Database(#[source] std::io::Error),

    /// A query failed; the cause is logged.
    #[status(503)]
    #[code("QUERY_FAILED")]
    #[error("query: {0}")]
    Query(#[from] QueryCause),
}

#[derive(Debug, thiserror::Error)]
enum QueryCause {
    #[error("replica {0}: {1}")]
    Replica(u8, #[source] std::io::Error),
    #[error("replica {0} unreachable")]
    Unreachable(u8, #[source] std::io::Error),
}

fn store_error(case: &str) -> StoreError {
    let disk_full = std::io::Error::other("disk full");
    match case {
        "source" => StoreError::Database(disk_full),
        "two-levels" => QueryCause::Replica(2, disk_full).into(),
        _ => QueryCause::Unreachable(3, std::io::Error::other("10.0.0.7 refused")).into(),
    }
}

#[tokio::test]
async fn the_server_error_log_says_each_cause_once() {
    capture_logs();
    let axum_addr = support::serve_axum(
        axum::Router::new()
            .route(
                "/store/{case}",
                axum::routing::get(|Path(case): Path<String>| async move {
                    Err::<(), _>(store_error(&case))
                }),
            )
            .layer(apierror::axum::ErrorLayer::new()),
    )
    .await;
    let actix = ActixServer::start(|listener| {
        Ok(actix_web::HttpServer::new(|| {
            actix_web::App::new()
                .wrap(apierror::actix::ErrorMiddleware::new())
                .route(
                    "/store/{case}",
                    actix_web::web::get().to(|case: actix_web::web::Path<String>| async move {
                        Err::<String, _>(store_error(&case))
                    }),
                )
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run())
    });
    let cases = [
        ("source", "database: disk full"),
        ("two-levels", "query: replica 2: disk full"),
        (
            "not-shown",
            "query: replica 3 unreachable: 10.0.0.7 refused",
        ),
    ];
    for (framework, addr) in [("axum", axum_addr), ("actix", actix.addr)] {
        for (case, error) in cases {
            let id = format!("req-log-causes-{case}-{framework}");
            support::get(addr, &format!("/store/{case}"), &[("x-request-id", &id)]).await;
            let records = records_of(&id);
            let errors: Vec<&str> = records
                .iter()
                .map(|record| record.fields["error"].as_str())
                .collect();
            assert_eq!(errors, [error], "{framework} {case}: {records:?}");
        }
    }
}

/// A body that could not be rendered (an extension whose `Serialize` fails) is logged with why:
/// the extension error's text and its cause, serde's message, which the 500 sent never shows.
#[test]
fn a_render_failure_is_logged_with_its_cause() {
    capture_logs();
    struct Refuses;
    impl serde::Serialize for Refuses {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("the ledger is sealed"))
        }
    }
    impl std::fmt::Debug for Refuses {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Refuses")
        }
    }
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Ledger {
        #[status(409)]
        #[message("The ledger is closed")]
        #[error("closed")]
        Closed {
            #[extension]
            state: Refuses,
        },
    }
    let id = "req-render-failure";
    let ctx = apierror::Context::default().with_request_id(id);
    let response = apierror::to_response(&Ledger::Closed { state: Refuses }, Format::Flat, &ctx);
    assert_eq!(response.status(), 500);
    assert!(!String::from_utf8_lossy(response.body()).contains("sealed"));
    let records = records_of(id);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(
        records[0].fields["cause"],
        "extension value failed to serialize: the ledger is sealed"
    );
}
