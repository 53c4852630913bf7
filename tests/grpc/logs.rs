//! What the tonic side tells the logs: each error once, in the record an HTTP response writes
//! (tests/http/logs.rs): a 5xx at ERROR with its source chain and a support phrase, a 4xx at
//! DEBUG without field values, statuses made by hand and panics included; a success nothing.

use super::*;
use crate::log_capture::{capture_logs, record, records_of};

#[tokio::test]
async fn each_error_is_logged_once_in_the_http_record() {
    capture_logs();
    let channel = start().await;

    let id = "req-grpc-log-500";
    let status = error(&channel, "database", Some(id)).await;
    assert_eq!(status.code(), Code::Internal);
    let records = records_of(id);
    assert_eq!(records.len(), 1, "{records:?}");
    let phrase = records[0].fields["phrase"].clone();
    assert_eq!(phrase.split(' ').count(), 5, "{phrase}");
    let expected = record(
        tracing::Level::ERROR,
        &[
            ("message", "apierror: server error"),
            ("code", "DATABASE"),
            ("status", "500"),
            ("request_id", id),
            ("phrase", &phrase),
            ("error", "database at 10.0.0.7 refused: password=hunter2"),
        ],
    );
    assert_eq!(records, [expected]);

    let id = "req-grpc-log-404";
    error(&channel, "not_found", Some(id)).await;
    let expected = record(
        tracing::Level::DEBUG,
        &[
            ("message", "apierror: client error"),
            ("code", "TASK_NOT_FOUND"),
            ("status", "404"),
            ("request_id", id),
        ],
    );
    assert_eq!(records_of(id), [expected]);

    // A status made by hand: logged by the layer, with the gRPC code's name and its status.
    let id = "req-grpc-log-foreign";
    error(&channel, "foreign", Some(id)).await;
    let expected = record(
        tracing::Level::DEBUG,
        &[
            ("message", "apierror: client error"),
            ("code", "PERMISSION_DENIED"),
            ("status", "403"),
            ("request_id", id),
        ],
    );
    assert_eq!(records_of(id), [expected]);

    // A panic: its message in the log, not in the status.
    let id = "req-grpc-log-panic";
    error(&channel, "panic", Some(id)).await;
    let records = records_of(id);
    assert_eq!(records.len(), 1, "{records:?}");
    let phrase = records[0].fields["phrase"].clone();
    let expected = record(
        tracing::Level::ERROR,
        &[
            ("message", "apierror: server error"),
            ("code", "INTERNAL_SERVER_ERROR"),
            ("status", "500"),
            ("request_id", id),
            ("phrase", &phrase),
            (
                "error",
                "500 INTERNAL_SERVER_ERROR: the handler panicked: the handler broke with secret 10.0.0.7",
            ),
        ],
    );
    assert_eq!(records, [expected]);

    let id = "req-grpc-log-ok";
    service::get(channel.clone(), "ok", Some(id)).await.unwrap();
    assert_eq!(records_of(id), []);

    // Statuses a stream ends with, after its messages (in the trailers): apierror's, logged
    // once when made, with the call's id; one made by hand, logged when its trailers pass.
    let id = "req-grpc-log-stream";
    service::list(channel.clone(), "", id).await;
    let expected = record(
        tracing::Level::DEBUG,
        &[
            ("message", "apierror: client error"),
            ("code", "TASK_NOT_FOUND"),
            ("status", "404"),
            ("request_id", id),
        ],
    );
    assert_eq!(records_of(id), [expected]);
    let id = "req-grpc-log-stream-foreign";
    service::list(channel.clone(), "foreign", id).await;
    let expected = record(
        tracing::Level::DEBUG,
        &[
            ("message", "apierror: client error"),
            ("code", "PERMISSION_DENIED"),
            ("status", "403"),
            ("request_id", id),
        ],
    );
    assert_eq!(records_of(id), [expected]);
}
