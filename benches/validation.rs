//! A validation failure with 10 violations (a real validator 0.21 report): apierror's
//! conversion (`Violations::from`, `ValidationFailed`) and `apierror::to_json` in the Flat
//! envelope, against what a service writes by hand in the same run: walk the report (sorted,
//! nested and indexed paths, a reason from the message or from the rule's code and params),
//! build a `#[derive(Serialize)]` body, `serde_json::to_vec`. Setup asserts both give the same
//! bytes before anything is timed.
//!
//! `cargo bench -p apierror-workspace --no-default-features --features apierror/validator --bench validation`

use apierror::validation::{ValidationFailed, Violations};
use apierror::{Context, Format};
use criterion::{Criterion, criterion_group, criterion_main};
use serde::Serialize;
use std::hint::black_box;
use std::time::Duration;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

#[derive(Validate)]
struct Order {
    #[validate(length(min = 3))]
    name: String,
    #[validate(email)]
    email: String,
    #[validate(range(min = 18))]
    age: u32,
    #[validate(length(min = 1))]
    tags: Vec<String>,
    #[validate(nested)]
    items: Vec<Item>,
}

#[derive(Validate)]
struct Item {
    #[validate(length(min = 1, message = "Name the item"))]
    name: String,
    #[validate(range(min = 1))]
    qty: u32,
}

fn report() -> ValidationErrors {
    let items = (0..3)
        .map(|_| Item {
            name: String::new(),
            qty: 0,
        })
        .collect();
    let order = Order {
        name: "al".into(),
        email: "nope".into(),
        age: 7,
        tags: vec![],
        items,
    };
    order.validate().unwrap_err()
}

const REQUEST_ID: &str = "req-f8d31a62-e789-4856-9452-5efa50223c7a";

fn apierror_body(errors: &ValidationErrors, ctx: &Context) -> Vec<u8> {
    let err = ValidationFailed::from(Violations::from(errors).with_location("body"));
    apierror::to_json(&err, Format::Flat, ctx)
}

// ---- the hand-written conversion -------------------------------------------------------------

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
    details: Vec<HandDetail>,
    request_id: &'a str,
}

#[derive(Serialize)]
struct HandDetail {
    field: String,
    reason: String,
    location: &'static str,
}

fn walk(errors: &ValidationErrors, prefix: &str, out: &mut Vec<HandDetail>) {
    let mut keys: Vec<_> = errors.errors().keys().collect();
    keys.sort();
    for key in keys {
        let path = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        match &errors.errors()[key] {
            ValidationErrorsKind::Field(list) => {
                for error in list {
                    let reason = match &error.message {
                        Some(message) => message.to_string(),
                        None => {
                            let param = |name: &str| error.params.get(name).map(|v| v.to_string());
                            match (error.code.as_ref(), param("min")) {
                                ("length", Some(min)) => {
                                    let list = matches!(
                                        error.params.get("value"),
                                        Some(serde_json::Value::Array(_))
                                    );
                                    let unit = match (list, min == "1") {
                                        (true, true) => "item",
                                        (true, false) => "items",
                                        (false, true) => "character",
                                        (false, false) => "characters",
                                    };
                                    format!("Must be at least {min} {unit}")
                                }
                                ("range", Some(min)) => format!("Must be at least {min}"),
                                ("email", _) => "Must be a valid email address".to_owned(),
                                _ => "Is invalid".to_owned(),
                            }
                        }
                    };
                    out.push(HandDetail {
                        field: path.clone(),
                        reason,
                        location: "body",
                    });
                }
            }
            ValidationErrorsKind::Struct(inner) => walk(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    walk(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}

fn hand_body(errors: &ValidationErrors) -> Vec<u8> {
    let mut details = Vec::new();
    walk(errors, "", &mut details);
    serde_json::to_vec(&Body {
        code: "VALIDATION_FAILED",
        message: "The request failed validation.",
        details,
        request_id: REQUEST_ID,
    })
    .unwrap()
}

fn validation(c: &mut Criterion) {
    let errors = report();
    let ctx = Context::default().with_request_id(REQUEST_ID);
    let ours = apierror_body(&errors, &ctx);
    let theirs = hand_body(&errors);
    assert_eq!(
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&theirs),
        "apierror and the hand-written body differ"
    );
    assert_eq!(Violations::from(&errors).len(), 10);
    let mut group = c.benchmark_group("validation");
    group.bench_function("apierror/ten_violations", |b| {
        b.iter(|| apierror_body(black_box(&errors), &ctx));
    });
    group.bench_function("serde/ten_violations", |b| {
        b.iter(|| hand_body(black_box(&errors)));
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = validation
}
criterion_main!(benches);
