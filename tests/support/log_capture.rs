//! Captures tracing events for the log tests of tests/http.rs and tests/grpc.rs: a capturing
//! layer is the global subscriber (the servers log from their own threads); each request has
//! its own id, and a test reads only the records that carry it.

use std::collections::BTreeMap;
use std::sync::{Mutex, Once};
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt as _};

/// One event: its level and every field, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub level: tracing::Level,
    pub fields: BTreeMap<String, String>,
}

static RECORDS: Mutex<Vec<Record>> = Mutex::new(Vec::new());

/// Keeps every event in [`RECORDS`].
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

pub fn capture_logs() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let subscriber = tracing_subscriber::registry().with(Capture);
        tracing::subscriber::set_global_default(subscriber).unwrap();
    });
}

/// Every record of the request with `id`.
pub fn records_of(id: &str) -> Vec<Record> {
    RECORDS
        .lock()
        .unwrap()
        .iter()
        .filter(|record| record.fields.get("request_id").map(String::as_str) == Some(id))
        .cloned()
        .collect()
}

pub fn record(level: tracing::Level, fields: &[(&str, &str)]) -> Record {
    Record {
        level,
        fields: fields
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
    }
}
