//! Validation reports as details (README "Validation"): the real validator 0.21 and garde 0.23
//! derives, their reports converted into `Violations`, and the bodies they render.

use apierror::validation::{GardeExt as _, ValidationFailed, ValidatorExt as _, Violations};
use apierror::{ApiError, Context, Detail, Format, Limits};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// `(field, reason, code)` of every detail, in order.
fn rows(violations: &[Detail]) -> Vec<(Option<&str>, &str, Option<&str>)> {
    violations
        .iter()
        .map(|detail| {
            (
                detail.field.as_deref(),
                detail.reason.as_ref(),
                detail.code.as_deref(),
            )
        })
        .collect()
}

fn ctx() -> Context {
    Context::default()
        .with_request_id("req-1")
        .with_instance("/signup")
}

// ---------------------------------------------------------------------------------------------
// validator

mod v {
    use super::*;
    use validator::{Validate, ValidationError};

    #[derive(Debug, Validate)]
    #[validate(schema(function = "name_is_not_password", skip_on_field_errors = false))]
    pub struct Signup {
        #[validate(length(min = 3, max = 20))]
        pub name: String,
        #[validate(email)]
        pub email: String,
        #[validate(range(min = 18, max = 130, message = "Adults only"))]
        pub age: u32,
        #[validate(length(min = 8), must_match(other = "password2"))]
        pub password: String,
        pub password2: String,
        #[validate(nested)]
        pub size: Size,
        #[validate(nested)]
        pub items: Vec<Item>,
        #[validate(length(min = 1))]
        pub tags: Vec<String>,
        #[validate(nested)]
        pub labels: HashMap<String, Label>,
        #[validate(custom(function = "not_reserved"))]
        pub r#type: String,
    }

    #[derive(Debug, Validate)]
    #[validate(schema(function = "square_enough", skip_on_field_errors = false))]
    pub struct Size {
        #[validate(range(max = 100))]
        pub width: u32,
        pub height: u32,
    }

    #[derive(Debug, Validate)]
    pub struct Item {
        #[validate(length(min = 1))]
        pub name: String,
        #[validate(range(exclusive_min = 0))]
        pub qty: i64,
    }

    #[derive(Debug, Validate)]
    pub struct Label {
        #[validate(contains(pattern = "-"))]
        pub value: String,
    }

    fn name_is_not_password(signup: &Signup) -> Result<(), ValidationError> {
        if signup.name == signup.password {
            return Err(ValidationError::new("name_is_password"));
        }
        Ok(())
    }

    fn square_enough(size: &Size) -> Result<(), ValidationError> {
        if size.width > 2 * size.height {
            return Err(ValidationError::new("too_wide")
                .with_message("Width must be at most twice the height".into()));
        }
        Ok(())
    }

    fn not_reserved(kind: &str) -> Result<(), ValidationError> {
        if kind == "admin" {
            return Err(ValidationError::new("reserved"));
        }
        Ok(())
    }

    pub fn bad() -> Signup {
        Signup {
            name: "hunter2-SECRET-too-long".into(),
            email: "not-an-email".into(),
            age: 7,
            password: "hunter2-SECRET-too-long".into(),
            password2: "hunter3-SECRET".into(),
            size: Size {
                width: 500,
                height: 10,
            },
            items: vec![
                Item {
                    name: "ok".into(),
                    qty: 1,
                },
                Item {
                    name: String::new(),
                    qty: 0,
                },
            ],
            tags: vec![],
            labels: HashMap::from([("env.prod".to_owned(), Label { value: "x".into() })]),
            r#type: "admin".into(),
        }
    }

    #[derive(Debug, Validate)]
    pub struct Small {
        #[validate(length(min = 3))]
        pub name: String,
        #[validate(range(min = 18, message = "Adults only"))]
        pub age: u32,
    }

    #[derive(Debug, Validate)]
    pub struct Many {
        #[validate(nested)]
        pub items: Vec<Item>,
    }
}

#[test]
fn validator_reports_become_sorted_details_with_codes_and_default_reasons() {
    let violations = Violations::from(validator::Validate::validate(&v::bad()).unwrap_err());
    assert_eq!(
        rows(&violations),
        [
            (None, "Is invalid", Some("name_is_password")),
            (Some("age"), "Adults only", Some("range")),
            (
                Some("email"),
                "Must be a valid email address",
                Some("email")
            ),
            (
                Some("items[1].name"),
                "Must be at least 1 character",
                Some("length")
            ),
            (
                Some("items[1].qty"),
                "Must be greater than 0",
                Some("range")
            ),
            // validator indexes map entries by iteration order: the key is lost.
            (
                Some("labels[0].value"),
                "Must contain `-`",
                Some("contains")
            ),
            (
                Some("name"),
                "Must be between 3 and 20 characters",
                Some("length")
            ),
            (
                Some("password"),
                "Must match the other field",
                Some("must_match")
            ),
            (
                Some("size"),
                "Width must be at most twice the height",
                Some("too_wide")
            ),
            (Some("size.width"), "Must be at most 100", Some("range")),
            (Some("tags"), "Must be at least 1 item", Some("length")),
            (Some("type"), "Is invalid", Some("reserved")),
        ]
    );
    assert!(violations.iter().all(|detail| detail.location.is_none()));
}

#[test]
fn validator_order_is_stable_across_hash_seeds() {
    // validator keeps each level in a HashMap, whose order changes from one map to the next.
    let first = Violations::from(validator::Validate::validate(&v::bad()).unwrap_err());
    for _ in 0..20 {
        let again = Violations::from(validator::Validate::validate(&v::bad()).unwrap_err());
        assert_eq!(again, first);
    }
}

#[test]
fn validator_rule_order_within_a_field_is_the_derives() {
    let mut signup = v::bad();
    signup.password = "short".into();
    let violations = Violations::from(validator::Validate::validate(&signup).unwrap_err());
    let password: Vec<_> = rows(&violations)
        .into_iter()
        .filter(|(field, ..)| *field == Some("password"))
        .collect();
    assert_eq!(
        password,
        [
            (
                Some("password"),
                "Must be at least 8 characters",
                Some("length")
            ),
            (
                Some("password"),
                "Must match the other field",
                Some("must_match")
            ),
        ]
    );
}

#[test]
fn validator_messages_set_by_hand_and_codes_overridden() {
    let mut errors = validator::ValidationErrors::new();
    errors.add(
        "nickname",
        validator::ValidationError::new("taken").with_message("Is taken".into()),
    );
    let mut custom = validator::ValidationError::new("length");
    custom.add_param(Cow::Borrowed("min"), &5);
    custom.add_param(Cow::Borrowed("value"), &"abc");
    errors.add("code", custom);
    let violations = Violations::from(errors);
    assert_eq!(
        rows(&violations),
        [
            (
                Some("code"),
                "Must be at least 5 characters",
                Some("length")
            ),
            (Some("nickname"), "Is taken", Some("taken")),
        ]
    );
}

#[test]
fn flat_and_problem_bodies_of_a_validator_report() {
    let small = v::Small {
        name: "ab".into(),
        age: 3,
    };
    let err = ValidationFailed::from(small.validate_report());
    assert_eq!(
        String::from_utf8(apierror::to_json(&err, Format::Flat, &ctx())).unwrap(),
        r#"{"code":"VALIDATION_FAILED","message":"The request failed validation.","details":[{"field":"age","reason":"Adults only"},{"field":"name","reason":"Must be at least 3 characters"}],"requestId":"req-1"}"#
    );
    assert_eq!(
        String::from_utf8(apierror::to_json(&err, Format::Problem, &ctx())).unwrap(),
        r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"The request failed validation.","instance":"/signup","code":"VALIDATION_FAILED","errors":[{"field":"age","reason":"Adults only","code":"range"},{"field":"name","reason":"Must be at least 3 characters","code":"length"}]}"#
    );
    // With a location, as the extractors set it.
    let located =
        ValidationFailed::from(Violations::from(small.validate_report()).with_location("body"));
    assert_eq!(
        String::from_utf8(apierror::to_json(&located, Format::Flat, &ctx())).unwrap(),
        r#"{"code":"VALIDATION_FAILED","message":"The request failed validation.","details":[{"field":"age","reason":"Adults only","location":"body"},{"field":"name","reason":"Must be at least 3 characters","location":"body"}],"requestId":"req-1"}"#
    );
}

trait Report {
    fn validate_report(&self) -> validator::ValidationErrors;
}

impl<T: validator::Validate> Report for T {
    fn validate_report(&self) -> validator::ValidationErrors {
        self.validate().unwrap_err()
    }
}

// A service's own error: a variant holding the converted details, with thiserror's `#[from]`.
#[derive(Debug, thiserror::Error, ApiError)]
enum SignupError {
    /// The signup form is invalid.
    #[status(422)]
    #[code("INVALID_SIGNUP")]
    #[message("The signup form is invalid.")]
    #[error("invalid signup: {0}")]
    Invalid(
        #[from]
        #[details]
        Violations,
    ),
    /// The name is taken.
    #[status(409)]
    #[error("name taken")]
    NameTaken,
}

fn signup_with_validator(form: &v::Small) -> Result<(), SignupError> {
    form.check()?;
    Err(SignupError::NameTaken)
}

#[test]
fn a_question_mark_reaches_the_services_own_error() {
    let err = signup_with_validator(&v::Small {
        name: "ab".into(),
        age: 3,
    })
    .unwrap_err();
    assert_eq!(err.code(), "INVALID_SIGNUP");
    assert_eq!(
        rows(&err.details()),
        [
            (Some("age"), "Adults only", Some("range")),
            (
                Some("name"),
                "Must be at least 3 characters",
                Some("length")
            ),
        ]
    );
    let ok = signup_with_validator(&v::Small {
        name: "abc".into(),
        age: 30,
    });
    assert!(matches!(ok, Err(SignupError::NameTaken)));
}

// ---------------------------------------------------------------------------------------------
// garde

mod g {
    use super::*;
    use garde::Validate;

    #[derive(Debug, Validate)]
    pub struct Signup {
        #[garde(length(min = 3, max = 20))]
        pub name: String,
        #[garde(email)]
        pub email: String,
        #[garde(range(min = 18))]
        pub age: u32,
        #[garde(length(min = 8), matches(password2))]
        pub password: String,
        #[garde(skip)]
        pub password2: String,
        #[garde(dive)]
        pub size: Size,
        #[garde(dive)]
        pub items: Vec<Item>,
        #[garde(length(min = 1))]
        pub tags: Vec<String>,
        #[garde(dive)]
        pub labels: BTreeMap<String, Label>,
        #[garde(custom(not_reserved))]
        pub r#type: String,
        #[garde(inner(length(min = 2)))]
        pub nickname: Option<String>,
    }

    #[derive(Debug, Validate)]
    pub struct Size {
        #[garde(range(max = 100))]
        pub width: u32,
    }

    #[derive(Debug, Validate)]
    pub struct Item {
        #[garde(length(min = 1))]
        pub name: String,
    }

    #[derive(Debug, Validate)]
    pub struct Label {
        #[garde(contains("-"))]
        pub value: String,
    }

    fn not_reserved(kind: &str, _: &()) -> garde::Result {
        if kind == "admin" {
            return Err(garde::Error::new("is reserved"));
        }
        Ok(())
    }

    pub fn bad() -> Signup {
        Signup {
            name: "hunter2-SECRET-too-long".into(),
            email: "not-an-email".into(),
            age: 7,
            password: "hunter2-SECRET-too-long".into(),
            password2: "hunter3-SECRET".into(),
            size: Size { width: 500 },
            items: vec![
                Item { name: "ok".into() },
                Item {
                    name: String::new(),
                },
            ],
            tags: vec![],
            labels: BTreeMap::from([
                ("env.prod".to_owned(), Label { value: "x".into() }),
                ("say \"hi\"\n".to_owned(), Label { value: "y".into() }),
            ]),
            r#type: "admin".into(),
            nickname: Some("x".into()),
        }
    }

    #[derive(Debug, Validate)]
    pub struct Hashed {
        #[garde(dive)]
        pub labels: HashMap<String, Label>,
    }

    #[derive(Debug, Validate)]
    pub struct Many {
        #[garde(dive)]
        pub items: Vec<Item>,
    }
}

#[test]
fn garde_reports_become_details_sorted_by_path_without_codes() {
    let report = garde::Validate::validate(&g::bad()).unwrap_err();
    let violations = Violations::from(report);
    assert_eq!(
        rows(&violations),
        [
            (Some("age"), "lower than 18", None),
            (
                Some("email"),
                "not a valid email: value is missing `@`",
                None
            ),
            (Some("items[1].name"), "length is lower than 1", None),
            // garde keeps map keys; an odd one is bracketed and escaped.
            (
                Some(r#"labels["env.prod"].value"#),
                "does not contain \"-\"",
                None
            ),
            (
                Some(r#"labels["say \"hi\"\n"].value"#),
                "does not contain \"-\"",
                None
            ),
            (Some("name"), "length is greater than 20", None),
            (Some("nickname"), "length is lower than 2", None),
            (Some("password"), "does not match password2 field", None),
            (Some("size.width"), "greater than 100", None),
            (Some("tags"), "length is lower than 1", None),
            (Some("type"), "is reserved", None),
        ]
    );
}

#[test]
fn garde_map_entries_sort_by_key_and_rules_keep_their_order() {
    let mut signup = g::bad();
    signup.password = "short".into();
    let mut labels = HashMap::new();
    for key in ["b", "a", "c", "d", "e"] {
        labels.insert(key.to_owned(), g::Label { value: "x".into() });
    }
    let hashed = g::Hashed { labels };
    let fields: Vec<_> = Violations::from(garde::Validate::validate(&hashed).unwrap_err())
        .into_iter()
        .map(|detail| detail.field.unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "labels.a.value",
            "labels.b.value",
            "labels.c.value",
            "labels.d.value",
            "labels.e.value"
        ]
    );
    let violations = Violations::from(garde::Validate::validate(&signup).unwrap_err());
    let password: Vec<_> = rows(&violations)
        .into_iter()
        .filter(|(field, ..)| *field == Some("password"))
        .collect();
    assert_eq!(
        password,
        [
            (Some("password"), "length is lower than 8", None),
            (Some("password"), "does not match password2 field", None),
        ]
    );
}

/// The hidden `Path::__iter()` the runtime reads gives the components garde's public serde
/// form gives, for every path of a report.
#[test]
fn garde_paths_read_as_the_serde_form_says() {
    let report = garde::Validate::validate(&g::bad()).unwrap_err();
    let mut read: Vec<_> = Violations::from(&report)
        .into_iter()
        .map(|detail| detail.field.unwrap())
        .collect();
    let mut serde_form = Vec::new();
    for (path, _) in report.iter() {
        let Value::Array(components) = serde_json::to_value(path).unwrap() else {
            panic!("a path serializes as an array")
        };
        let mut expected = String::new();
        for component in components {
            let (kind, name) = (
                component[0].as_str().unwrap(),
                component[1].as_str().unwrap(),
            );
            let name = name.strip_prefix("r#").unwrap_or(name);
            match kind {
                "index" => expected.push_str(&format!("[{name}]")),
                "key" if name.chars().any(|c| ".[]\" \n".contains(c)) => {
                    expected.push_str(&format!("[{}]", serde_json::to_string(name).unwrap()));
                }
                "key" if expected.is_empty() => expected.push_str(name),
                "key" => expected.push_str(&format!(".{name}")),
                _ => {}
            }
        }
        serde_form.push(expected);
    }
    read.sort();
    serde_form.sort();
    assert_eq!(read, serde_form);
}

fn signup_with_garde(form: &g::Signup) -> Result<(), SignupError> {
    form.check()?;
    Err(SignupError::NameTaken)
}

#[test]
fn garde_through_a_question_mark_and_its_bodies() {
    let err = signup_with_garde(&g::bad()).unwrap_err();
    assert_eq!(err.code(), "INVALID_SIGNUP");
    assert_eq!(err.details().len(), 11);

    let small = g::Item {
        name: String::new(),
    };
    let err = ValidationFailed::from(garde::Validate::validate(&small).unwrap_err());
    assert_eq!(
        String::from_utf8(apierror::to_json(&err, Format::Flat, &ctx())).unwrap(),
        r#"{"code":"VALIDATION_FAILED","message":"The request failed validation.","details":[{"field":"name","reason":"length is lower than 1"}],"requestId":"req-1"}"#
    );
    assert_eq!(
        String::from_utf8(apierror::to_json(&err, Format::Problem, &ctx())).unwrap(),
        r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"The request failed validation.","instance":"/signup","code":"VALIDATION_FAILED","errors":[{"field":"name","reason":"length is lower than 1"}]}"#
    );
}

// ---------------------------------------------------------------------------------------------
// bad input

#[test]
fn ten_thousand_violations_are_bounded_with_the_marker() {
    let items = || {
        (0..10_000)
            .map(|_| v::Item {
                name: String::new(),
                qty: 1,
            })
            .collect::<Vec<_>>()
    };
    let from_validator = ValidationFailed::from(
        validator::Validate::validate(&v::Many { items: items() }).unwrap_err(),
    );
    let from_garde = ValidationFailed::from(
        garde::Validate::validate(&g::Many {
            items: (0..10_000)
                .map(|_| g::Item {
                    name: String::new(),
                })
                .collect(),
        })
        .unwrap_err(),
    );
    for err in [&from_validator, &from_garde] {
        assert_eq!(err.violations().len(), 10_000);
        let body: Value =
            serde_json::from_slice(&apierror::to_json(err, Format::Flat, &ctx())).unwrap();
        let details = body["details"].as_array().unwrap();
        assert_eq!(details.len(), Limits::DEFAULT_MAX_DETAILS + 1);
        assert_eq!(details[0]["field"], "items[0].name");
        assert_eq!(details[99]["field"], "items[99].name");
        assert_eq!(details[100]["reason"], "… 9900 more details omitted");
    }
    // validator's list indices sort as numbers, not text.
    let fields: Vec<_> = from_validator
        .violations()
        .iter()
        .take(12)
        .map(|detail| detail.field.clone().unwrap())
        .collect();
    assert_eq!(fields[10], "items[10].name");
}

#[test]
fn quotes_and_control_characters_are_escaped_like_any_string() {
    let mut errors = validator::ValidationErrors::new();
    errors.add(
        "note",
        validator::ValidationError::new("odd\"code").with_message("say \"hi\"\n\u{1}\\".into()),
    );
    let garde_report = garde::Validate::validate(&g::bad()).unwrap_err();
    let mut details = Violations::from(errors).into_vec();
    details.extend(Violations::from(garde_report));
    let err = ValidationFailed::from(Violations::from(details.clone()));
    for format in Format::ALL {
        let body = apierror::to_json(&err, format, &ctx());
        let text = String::from_utf8(body.clone()).unwrap();
        let parsed: Value =
            serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{format}: {e}: {text}"));
        assert!(
            !text.contains('\n') && !text.contains('\u{1}'),
            "{format}: {text}"
        );
        let _ = parsed;
    }
    let body: Value =
        serde_json::from_slice(&apierror::to_json(&err, Format::Problem, &ctx())).unwrap();
    assert_eq!(body["errors"][0]["reason"], "say \"hi\"\n\u{1}\\");
    assert_eq!(body["errors"][0]["code"], "odd\"code");
    assert!(
        body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|detail| detail["field"] == "labels[\"say \\\"hi\\\"\\n\"].value"),
        "{body}"
    );
    let raw = String::from_utf8(apierror::to_json(&err, Format::Problem, &ctx())).unwrap();
    assert!(raw.contains(r#""reason":"say \"hi\"\n\u0001\\""#), "{raw}");
}

/// Collects every tracing event's fields as text.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<String>>>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Logs {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        struct Text(String);
        impl tracing::field::Visit for Text {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                self.0.push_str(&format!(" {}={value:?}", field.name()));
            }
        }
        let mut text = Text(String::new());
        event.record(&mut text);
        self.0.lock().unwrap().push(text.0);
    }
}

#[test]
fn a_rejected_password_leaves_no_trace() {
    use tracing_subscriber::layer::SubscriberExt as _;
    let logs = Logs::default();
    let subscriber = tracing_subscriber::registry().with(logs.clone());
    let errors: Vec<Box<dyn ApiError>> = vec![
        Box::new(ValidationFailed::from(
            validator::Validate::validate(&v::bad()).unwrap_err(),
        )),
        Box::new(ValidationFailed::from(
            garde::Validate::validate(&g::bad()).unwrap_err(),
        )),
        Box::new(
            signup_with_validator(&v::Small {
                name: "hunter2-SECRET".into(),
                age: 1,
            })
            .unwrap_err(),
        ),
    ];
    tracing::subscriber::with_default(subscriber, || {
        for err in &errors {
            for format in Format::ALL {
                let response = apierror::to_response(&**err, format, &ctx());
                let body = String::from_utf8(response.body().clone()).unwrap();
                assert!(!body.contains("SECRET"), "{format}: {body}");
                for (name, value) in response.headers() {
                    assert!(!value.to_str().unwrap().contains("SECRET"), "{name}");
                }
            }
            assert!(!err.to_string().contains("SECRET"), "{err}");
            assert!(!format!("{err:?}").contains("SECRET"), "{err:?}");
        }
    });
    let logs = logs.0.lock().unwrap();
    assert!(!logs.is_empty(), "the responses were logged");
    assert!(logs.iter().all(|line| !line.contains("SECRET")), "{logs:?}");
}

// ---------------------------------------------------------------------------------------------
// the catalog

apierror::catalog!(pub SERVICE_ERRORS = [SignupError, ValidationFailed]);

#[test]
fn validation_failed_is_a_catalog_entry() {
    let spec = SERVICE_ERRORS.find("VALIDATION_FAILED").unwrap();
    assert_eq!(spec.status, 422);
    assert_eq!(spec.title, "The input did not pass validation.");
    assert!(spec.has_details);
    assert_eq!(ValidationFailed::catalog().len(), 1);

    use utoipa::IntoResponses as _;
    let responses = ValidationFailed::responses();
    assert!(responses.contains_key("422"), "{:?}", responses.keys());
}
