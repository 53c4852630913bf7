//! Golden tests of the six envelopes: the full response (status, headers, body) for nine
//! statuses in every format, byte for byte. `APIERROR_UPDATE_GOLDEN=1` rewrites the files;
//! review the diff before committing it.

use apierror::{ApiError, Context, Detail, Format};
use std::fmt::Write as _;
use std::path::Path;

/// Errors covering the statuses of the golden files, with and without details, extensions,
/// retry and headers.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    docs_url = "https://api.example.com/errors#{code}",
    domain = "tasks.example.com"
)]
enum Golden {
    /// A field value is invalid.
    #[status(400)]
    #[code("INVALID_FIELD")]
    #[message("The field `{field}` must be a valid email address")]
    #[detail(field = "{field}", reason = "Invalid format", location = "body")]
    #[error("bad email in {field}")]
    InvalidField { field: String },

    /// Authentication is required.
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[message("Authentication is required to access this resource")]
    #[header("WWW-Authenticate", "Bearer realm=\"tasks\"")]
    #[error("no token")]
    Unauthorized,

    /// Write operation not permitted.
    #[status(403)]
    #[code("READ_ONLY_ACCESS")]
    #[message("You have read-only access to this resource")]
    #[error("read only")]
    ReadOnly,

    /// Task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task with ID {id} could not be found")]
    #[error("task {id} missing")]
    TaskNotFound { id: u64 },

    /// The sync token is invalid or too old.
    #[status(412)]
    #[code("SYNC_TOKEN_INVALID")]
    #[message("Sync token invalid or too old")]
    #[error("stale sync token")]
    SyncTokenInvalid {
        #[extension("sync")]
        token: String,
    },

    /// Several fields failed validation.
    #[status(422)]
    #[code("VALIDATION_FAILED")]
    #[message("{count} fields failed validation")]
    #[error("validation failed")]
    Validation {
        #[details]
        problems: Vec<Detail>,
        #[extension]
        count: u32,
        #[extension("limits")]
        limits: serde_json::Value,
    },

    /// Too many requests.
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[message("Rate limit exceeded. Try again in {secs} seconds")]
    #[error("rate limited")]
    RateLimited {
        #[retry_after]
        secs: u64,
    },

    /// Unexpected server error.
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[error("database: {0}")]
    Database(#[source] std::io::Error),

    /// Service temporarily unavailable.
    #[status(503)]
    #[code("SERVICE_UNAVAILABLE")]
    #[error("maintenance until {until}")]
    Maintenance {
        until: String,
        #[retry_after]
        retry: u64,
    },
}

fn golden_errors() -> Vec<(&'static str, Golden)> {
    vec![
        (
            "400 with a templated detail",
            Golden::InvalidField {
                field: "contactEmail".into(),
            },
        ),
        ("401 with a header", Golden::Unauthorized),
        ("403 plain", Golden::ReadOnly),
        ("404 interpolated", Golden::TaskNotFound { id: 456 }),
        (
            "412 with an extension",
            Golden::SyncTokenInvalid {
                token: "de4774f6915eae04714ca93bb2f5ee81".into(),
            },
        ),
        (
            "422 with details and extensions",
            Golden::Validation {
                problems: vec![
                    Detail::new("lastName", "Is required").with_location("body"),
                    Detail::new("title", "Too long")
                        .with_location("body")
                        .with_resource("Issue")
                        .with_code("too_long"),
                    Detail::reason_only("At most 10 labels"),
                ],
                count: 3,
                limits: serde_json::json!({"labels": 10, "strict": true}),
            },
        ),
        ("429 with retry", Golden::RateLimited { secs: 30 }),
        (
            "500 whose cause never leaks",
            Golden::Database(std::io::Error::other("password=hunter2 rejected")),
        ),
        (
            "503 with retry",
            Golden::Maintenance {
                until: "secret window".into(),
                retry: 120,
            },
        ),
    ]
}

fn context() -> Context {
    Context::default()
        .with_request_id("req-f8d31a62-e789-4856-9452-5efa50223c7a")
        .with_instance("/tasks/456")
        .with_phrase("6 sad squid snuggle softly")
}

fn render_response(err: &dyn ApiError, format: Format, ctx: &Context) -> String {
    let response = apierror::to_response(err, format, ctx);
    let mut text = format!("HTTP {}\n", response.status().as_u16());
    for (name, value) in response.headers() {
        writeln!(text, "{name}: {}", value.to_str().unwrap()).unwrap();
    }
    text.push_str(std::str::from_utf8(response.body()).unwrap());
    text.push('\n');
    text
}

fn check_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("APIERROR_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with APIERROR_UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        for (line, (want, got)) in expected.lines().zip(actual.lines()).enumerate() {
            if want != got {
                panic!(
                    "{name} differs at line {}:\n  expected: {want}\n  actual:   {got}",
                    line + 1
                );
            }
        }
        panic!("{name} differs in length: expected\n{expected}\nactual\n{actual}");
    }
}

#[test]
fn golden_responses_in_every_format() {
    for format in Format::ALL {
        let mut text = String::new();
        for (title, err) in golden_errors() {
            writeln!(text, "### {title}").unwrap();
            text.push_str(&render_response(&err, format, &context()));
            text.push('\n');
        }
        check_golden(&format!("{format}.txt"), &text);
    }
}

#[test]
fn every_golden_body_is_valid_json_and_hides_5xx_internals() {
    for format in Format::ALL {
        for (_, err) in golden_errors() {
            let response = apierror::to_response(&err, format, &context());
            let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
            assert!(body.is_object());
            let text = String::from_utf8_lossy(response.body());
            for secret in ["hunter2", "database", "secret window", "maintenance"] {
                assert!(!text.contains(secret), "{format}: {text}");
            }
        }
    }
}

#[test]
fn to_json_equals_the_response_body() {
    for format in Format::ALL {
        for (_, err) in golden_errors() {
            assert_eq!(
                apierror::to_json(&err, format, &context()),
                apierror::to_response(&err, format, &context()).into_body()
            );
        }
    }
}

#[test]
fn content_types() {
    for format in Format::ALL {
        let response = apierror::to_response(&Golden::ReadOnly, format, &context());
        let expected = if format == Format::Problem {
            "application/problem+json"
        } else {
            "application/json"
        };
        assert_eq!(response.headers()["content-type"], expected);
        assert_eq!(format.content_type(), expected);
    }
}

// ----- request ids ------------------------------------------------------------------------------

#[test]
fn a_request_id_is_generated_once_and_shared_by_header_and_body() {
    let response = apierror::to_response(&Golden::ReadOnly, Format::Flat, &Context::default());
    let header = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["requestId"], header.as_str());
    let uuid = header.strip_prefix("req-").unwrap();
    assert_eq!(uuid::Uuid::parse_str(uuid).unwrap().get_version_num(), 4);
    assert_eq!(uuid, uuid.to_lowercase());
}

#[test]
fn invalid_supplied_request_ids_are_replaced_never_echoed() {
    let hostile = [
        "abc\r\nSet-Cookie: x=1".to_owned(),
        "a\0b".to_owned(),
        "x".repeat(10 * 1024),
        "ïd".to_owned(),
        String::new(),
        "has space".to_owned(),
    ];
    for id in hostile {
        let ctx = Context::default().with_request_id(id.clone());
        let response = apierror::to_response(&Golden::ReadOnly, Format::Flat, &ctx);
        let header = response.headers()["x-request-id"].to_str().unwrap();
        assert!(header.starts_with("req-") && header.len() == 40, "{header}");
        let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(body["requestId"], header);
    }
    let ctx = Context::default().with_request_id("client-Id_1.2");
    let response = apierror::to_response(&Golden::ReadOnly, Format::Flat, &ctx);
    assert_eq!(response.headers()["x-request-id"], "client-Id_1.2");
}

// ----- phrases ----------------------------------------------------------------------------------

#[test]
fn phrases_only_on_5xx_error_list_bodies() {
    let ctx = Context::default().with_request_id("r");
    let body: serde_json::Value = serde_json::from_slice(&apierror::to_json(
        &Golden::Database(std::io::Error::other("x")),
        Format::ErrorList,
        &ctx,
    ))
    .unwrap();
    let phrase = body["errors"][0]["phrase"].as_str().unwrap();
    let words: Vec<&str> = phrase.split(' ').collect();
    assert_eq!(words.len(), 5, "{phrase}");
    assert!((1..=99).contains(&words[0].parse::<u32>().unwrap()));

    let body: serde_json::Value = serde_json::from_slice(&apierror::to_json(
        &Golden::ReadOnly,
        Format::ErrorList,
        &ctx,
    ))
    .unwrap();
    assert!(body["errors"][0].get("phrase").is_none());
}

// ----- the fallback -----------------------------------------------------------------------------

struct FailingValue;

impl serde::Serialize for FailingValue {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("refused to serialize"))
    }
}

impl std::fmt::Debug for FailingValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FailingValue")
    }
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs_url = "https://api.example.com/errors#{code}")]
enum Broken {
    #[status(409)]
    #[message("conflict")]
    #[header("WWW-Authenticate", "Bearer")]
    #[error("broken")]
    Failing {
        #[extension]
        value: FailingValue,
        #[retry_after]
        retry: u64,
    },
    #[status(409)]
    #[error("deep")]
    Deep {
        #[extension]
        value: serde_json::Value,
    },
}

fn deeply_nested(depth: usize) -> serde_json::Value {
    // Built without recursion; dropping it recursively is fine at this depth.
    let mut value = serde_json::Value::Null;
    for _ in 0..depth {
        value = serde_json::Value::Array(vec![value]);
    }
    value
}

#[test]
fn a_failing_extension_yields_the_fallback_in_the_same_format() {
    let ctx = context();
    let err = Broken::Failing {
        value: FailingValue,
        retry: 5,
    };
    let expected = [
        (
            Format::Flat,
            r#"{"code":"SERVER_ERROR","message":"An unexpected error occurred. Please try again later.","requestId":"req-f8d31a62-e789-4856-9452-5efa50223c7a"}"#,
        ),
        (
            Format::Nested,
            r#"{"error":{"code":"SERVER_ERROR","message":"An unexpected error occurred. Please try again later."}}"#,
        ),
        (
            Format::ErrorList,
            r#"{"errors":[{"message":"An unexpected error occurred. Please try again later.","phrase":"6 sad squid snuggle softly"}]}"#,
        ),
        (
            Format::Problem,
            r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred. Please try again later.","instance":"/tasks/456","code":"SERVER_ERROR"}"#,
        ),
        (
            Format::Google,
            r#"{"error":{"code":500,"message":"An unexpected error occurred. Please try again later.","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVER_ERROR"}]}}"#,
        ),
        (
            Format::Simple,
            r#"{"code":500,"message":"An unexpected error occurred. Please try again later.","cause":"SERVER_ERROR"}"#,
        ),
    ];
    for (format, body) in expected {
        let response = apierror::to_response(&err, format, &ctx);
        assert_eq!(response.status(), 500, "{format}");
        assert_eq!(
            std::str::from_utf8(response.body()).unwrap(),
            body,
            "{format}"
        );
        assert_eq!(
            response.headers()["x-request-id"],
            "req-f8d31a62-e789-4856-9452-5efa50223c7a"
        );
        assert!(response.headers().get("retry-after").is_none());
        assert!(response.headers().get("www-authenticate").is_none());
        assert_eq!(apierror::to_json(&err, format, &ctx), body.as_bytes());
    }
}

/// An extension may nest `MAX_DEPTH` (124) levels: every envelope's body then stays within the
/// 127 levels serde_json reads, so apierror's client reads it back; deeper is the fallback.
#[test]
fn nesting_beyond_124_levels_yields_the_fallback_without_overflowing() {
    assert_eq!(apierror::extension::MAX_DEPTH, 124);
    let ok = Broken::Deep {
        value: deeply_nested(124),
    };
    for format in Format::ALL {
        let response = apierror::to_response(&ok, format, &context());
        assert_eq!(response.status(), 409, "{format}");
        let read =
            apierror::RemoteError::parse(response.status(), response.headers(), response.body());
        assert!(read.is_ok(), "{format}: {read:?}");
    }

    for depth in [125, 10_000] {
        let err = Broken::Deep {
            value: deeply_nested(depth),
        };
        for format in Format::ALL {
            let response = apierror::to_response(&err, format, &context());
            assert_eq!(response.status(), 500, "{format} at depth {depth}");
            let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
            assert!(
                body.to_string().contains("An unexpected error occurred"),
                "{format}: {body}"
            );
        }
    }
}

// ----- review follow-ups --------------------------------------------------------------------

#[derive(Debug, thiserror::Error, ApiError)]
enum Optional {
    #[status(409)]
    #[message("conflict")]
    #[error("conflict")]
    Conflict {
        #[extension]
        hint: Option<String>,
        #[extension]
        unit: (),
        #[extension]
        kept: u8,
    },
    #[status(500)]
    #[error("several")]
    Several {
        #[details]
        details: Vec<Detail>,
    },
}

#[test]
fn extension_members_without_a_value_are_omitted_in_every_format() {
    let err = Optional::Conflict {
        hint: None,
        unit: (),
        kept: 1,
    };
    for format in Format::ALL {
        let body = String::from_utf8(apierror::to_json(&err, format, &context())).unwrap();
        assert!(
            !body.contains("hint") && !body.contains("unit"),
            "{format}: {body}"
        );
        assert!(body.contains("\"kept\""), "{format}: {body}");
    }
    let only_none = Optional::Conflict {
        hint: None,
        unit: (),
        kept: 1,
    };
    let nested = apierror::to_json(&only_none, Format::Nested, &context());
    assert_eq!(
        std::str::from_utf8(&nested).unwrap(),
        r#"{"error":{"code":"CONFLICT","message":"conflict","details":{"kept":1}}}"#
    );
}

#[test]
fn every_error_list_entry_of_a_5xx_carries_the_phrase() {
    let err = Optional::Several {
        details: vec![Detail::new("a", "x"), Detail::reason_only("y")],
    };
    assert_eq!(
        std::str::from_utf8(&apierror::to_json(&err, Format::ErrorList, &context())).unwrap(),
        r#"{"errors":[{"message":"a: x","phrase":"6 sad squid snuggle softly"},{"message":"y","phrase":"6 sad squid snuggle softly"}]}"#
    );
}

#[test]
fn google_status_names_for_every_status() {
    let table = [
        (400, "INVALID_ARGUMENT"),
        (401, "UNAUTHENTICATED"),
        (403, "PERMISSION_DENIED"),
        (404, "NOT_FOUND"),
        (405, "FAILED_PRECONDITION"),
        (409, "ABORTED"),
        (410, "FAILED_PRECONDITION"),
        (412, "FAILED_PRECONDITION"),
        (422, "INVALID_ARGUMENT"),
        (429, "RESOURCE_EXHAUSTED"),
        (499, "CANCELLED"),
        (500, "INTERNAL"),
        (501, "UNIMPLEMENTED"),
        (502, "INTERNAL"),
        (503, "UNAVAILABLE"),
        (504, "DEADLINE_EXCEEDED"),
        (507, "INTERNAL"),
    ];
    for (status, name) in table {
        let err = apierror::HttpError::new(http::StatusCode::from_u16(status).unwrap());
        let body: serde_json::Value =
            serde_json::from_slice(&apierror::to_json(&err, Format::Google, &context())).unwrap();
        assert_eq!(body["error"]["status"], name, "{status}");
        assert_eq!(body["error"]["code"], status);
    }
}

/// Every golden `google` body is what Google's `google.rpc` protos (vendored in
/// `tests/fixtures/proto`, compiled by protox) give under protobuf's JSON mapping: `error`
/// without its `status` member reads as a `google.rpc.Status` (unknown members refused, each
/// `details` entry as the message its `@type` names) and writes back as the same JSON; `status`
/// is a `google.rpc.Code` name; `code` is the HTTP status; the first detail is `ErrorInfo`
/// (AIP-193).
#[test]
fn google_bodies_are_google_rpc_status_messages() {
    use prost_reflect::{DescriptorPool, DynamicMessage};

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let protos = root.join("tests/fixtures/proto");
    let files = protox::compile(
        [
            "google/rpc/status.proto",
            "google/rpc/error_details.proto",
            "google/rpc/code.proto",
        ],
        [&protos],
    )
    .unwrap();
    let pool = DescriptorPool::from_file_descriptor_set(files).unwrap();
    let status_message = pool.get_message_by_name("google.rpc.Status").unwrap();
    let codes = pool.get_enum_by_name("google.rpc.Code").unwrap();

    let golden = std::fs::read_to_string(root.join("tests/golden/google.txt")).unwrap();
    let mut http_status = None;
    let mut checked = 0;
    for line in golden.lines() {
        if let Some(rest) = line.strip_prefix("HTTP ") {
            http_status = rest
                .split(' ')
                .next()
                .and_then(|code| code.parse::<u64>().ok());
            continue;
        }
        if !line.starts_with('{') {
            continue;
        }
        let body: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut error = body["error"].clone();
        assert_eq!(error["code"].as_u64(), http_status, "{line}");
        let status = error
            .as_object_mut()
            .and_then(|error| error.remove("status"))
            .unwrap();
        let status = status.as_str().unwrap();
        assert!(
            codes.get_value_by_name(status).is_some(),
            "{status} is no google.rpc.Code"
        );
        assert_eq!(
            error["details"][0]["@type"], "type.googleapis.com/google.rpc.ErrorInfo",
            "{line}"
        );
        let message = DynamicMessage::deserialize(status_message.clone(), &error)
            .unwrap_or_else(|err| panic!("not a google.rpc.Status: {err}\n{line}"));
        let written = serde_json::to_value(&message).unwrap();
        assert_eq!(
            written, error,
            "protobuf's JSON mapping writes it otherwise"
        );
        checked += 1;
    }
    assert_eq!(checked, 9);

    // The check refuses what Google's protos do not have.
    let refused = |error: serde_json::Value| {
        DynamicMessage::deserialize(status_message.clone(), &error).is_err()
    };
    let info = |members: serde_json::Value| {
        let mut detail = serde_json::json!({"@type": "type.googleapis.com/google.rpc.ErrorInfo"});
        detail
            .as_object_mut()
            .unwrap()
            .extend(members.as_object().unwrap().clone());
        serde_json::json!({"code": 404, "message": "m", "details": [detail]})
    };
    assert!(!refused(info(
        serde_json::json!({"reason": "R", "domain": "d"})
    )));
    assert!(refused(info(
        serde_json::json!({"reason": "R", "cause": "c"})
    )));
    assert!(refused(info(serde_json::json!({"metadata": {"k": 1}}))));
    assert!(refused(
        serde_json::json!({"code": 404, "details": [{"@type": "type.googleapis.com/google.rpc.Nothing"}]})
    ));
}

/// ErrorList writes a detail as `"{field}: {reason}"`, just the reason when it has no field
/// (DESIGN.md §4); an empty field is still a field, as Flat keeps it (`"field":""`: empty
/// strings are kept), so it is written as `": reason"`.
#[test]
fn an_error_list_entry_of_a_detail_with_an_empty_field_keeps_the_separator() {
    let err = apierror::HttpError::new(http::StatusCode::BAD_REQUEST)
        .with_detail(Detail::new("", "Is required"))
        .with_detail(Detail::new("name", "Is required"))
        .with_detail(Detail::reason_only("Is required"));
    let body = apierror::to_json(&err, Format::ErrorList, &context());
    assert_eq!(
        String::from_utf8(body).unwrap(),
        r#"{"errors":[{"message":": Is required"},{"message":"name: Is required"},{"message":"Is required"}]}"#
    );
}
