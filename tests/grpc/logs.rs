//! What the tonic side tells the logs: each error once, in the record an HTTP response writes
//! (tests/http/logs.rs): a 5xx at ERROR with its source chain and a support phrase, a 4xx at
//! DEBUG without field values, statuses made by hand and panics included; a success nothing.

use super::*;
use std::collections::BTreeMap;
use std::sync::{Mutex, Once};
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt as _};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    level: tracing::Level,
    fields: BTreeMap<String, String>,
}

static RECORDS: Mutex<Vec<Record>> = Mutex::new(Vec::new());

struct Capture;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, _ctx: Context<'_, S>) {
        let mut fields = FieldText::default();
        event.record(&mut fields);
        RECORDS.lock().unwrap().push(Record {
            level: *event.metadata().level(),
            fields: fields.0,
        });
    }
}

#[derive(Default)]
struct FieldText(BTreeMap<String, String>);

impl Visit for FieldText {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

fn capture_logs() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let subscriber = tracing_subscriber::registry().with(Capture);
        tracing::subscriber::set_global_default(subscriber).unwrap();
    });
}

fn records_of(id: &str) -> Vec<Record> {
    RECORDS
        .lock()
        .unwrap()
        .iter()
        .filter(|record| record.fields.get("request_id").map(String::as_str) == Some(id))
        .cloned()
        .collect()
}

fn record(level: tracing::Level, fields: &[(&str, &str)]) -> Record {
    Record {
        level,
        fields: fields
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
    }
}

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
}
