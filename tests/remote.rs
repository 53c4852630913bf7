//! The client side: `RemoteError::parse` reads every format back (exactly what the README's
//! table says each carries), reads the seed references' bodies as printed, refuses what is not
//! an error body with a `ParseError` that says what it found, never panics, passes errors on
//! through a gateway, and reads a real server's response through reqwest.

use apierror::client::{JsonType, ParseErrorKind};
use apierror::{ApiError, Context, Detail, Format, ParseError, RemoteError};
use http::{HeaderMap, HeaderValue, StatusCode};
use proptest::prelude::*;
use regex::Regex;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::sync::LazyLock;

const REQUEST_ID: &str = "req-f8d31a62-e789-4856-9452-5efa50223c7a";
const PHRASE: &str = "6 sad squid snuggle softly";

fn context() -> Context {
    Context::default()
        .with_request_id(REQUEST_ID)
        .with_instance("/tasks/456")
        .with_phrase(PHRASE)
}

/// Renders `err` in `format` and reads the response back.
fn round_trip(err: &dyn ApiError, format: Format, ctx: &Context) -> RemoteError {
    let response = apierror::to_response(err, format, ctx);
    RemoteError::parse(response.status(), response.headers(), response.body()).unwrap_or_else(
        |error| {
            panic!(
                "{format}: {error}: {}",
                String::from_utf8_lossy(response.body())
            )
        },
    )
}

fn json_headers(content_type: &'static str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static(content_type));
    headers
}

fn parse(status: u16, body: &[u8]) -> Result<RemoteError, ParseError> {
    let status = StatusCode::from_u16(status).unwrap();
    RemoteError::parse(status, &json_headers("application/json"), body)
}

/// Every extension member, in the order `extensions` visits them.
fn extensions(err: &dyn ApiError) -> Vec<(String, Value)> {
    let mut members = Vec::new();
    err.extensions(&mut |name, value| {
        members.push((name.to_owned(), value.to_json_value().unwrap()));
    });
    members
}

// ----- every format reads back what it carries --------------------------------------------------

/// Errors with arbitrary strings in every place a body has one.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    docs_url = "https://api.example.com/errors#{code}",
    domain = "tasks.example.com"
)]
enum Generated {
    /// A request the server refused.
    #[status(422)]
    #[code("REQUEST_REFUSED")]
    #[message("{text}")]
    #[error("refused")]
    Refused {
        text: String,
        #[details]
        details: Vec<Detail>,
        #[retry_after]
        retry: Option<u64>,
        #[extension("note")]
        note: String,
        #[extension("tags")]
        tags: Vec<String>,
    },

    /// Authentication is required.
    #[status(401)]
    #[code("UNAUTHENTICATED")]
    #[message("{text}")]
    #[header("WWW-Authenticate", "Bearer realm=\"tasks\"")]
    #[error("unauthenticated")]
    Unauthenticated {
        text: String,
        #[details]
        details: Vec<Detail>,
        #[retry_after]
        retry: Option<u64>,
        #[extension("note")]
        note: String,
        #[extension("tags")]
        tags: Vec<String>,
    },

    /// An upstream service is down.
    #[status(503)]
    #[code("UPSTREAM_DOWN")]
    #[message("{text}")]
    #[error("upstream down")]
    UpstreamDown {
        text: String,
        #[details]
        details: Vec<Detail>,
        #[retry_after]
        retry: Option<u64>,
        #[extension("note")]
        note: String,
        #[extension("tags")]
        tags: Vec<String>,
    },
}

#[path = "support/strategies.rs"]
mod strategies;

use strategies::{detail, tricky};

/// Which optional parts of a detail a format carries (field and reason it always does).
#[derive(Clone, Copy)]
struct Carried {
    location: bool,
    resource: bool,
    code: bool,
}

/// `detail` with only the parts `carried` names.
fn carried(detail: &Detail, carried: Carried) -> Detail {
    let mut kept = match &detail.field {
        Some(field) => Detail::new(field.clone(), detail.reason.clone()),
        None => Detail::reason_only(detail.reason.clone()),
    };
    if let (true, Some(location)) = (carried.location, &detail.location) {
        kept = kept.with_location(location.clone());
    }
    if let (true, Some(resource)) = (carried.resource, &detail.resource) {
        kept = kept.with_resource(resource.clone());
    }
    if let (true, Some(code)) = (carried.code, &detail.code) {
        kept = kept.with_code(code.clone());
    }
    kept
}

/// ErrorList's text of a detail, `"field: reason"` (just the reason without a field; an empty
/// field is a field).
fn error_list_text(detail: &Detail) -> String {
    match detail.field.as_deref() {
        Some(field) => format!("{field}: {}", detail.reason),
        None => detail.reason.to_string(),
    }
}

/// A whole field path as DESIGN.md's "Field paths" writes one: plain names (no `.`, `[`, `]`,
/// `"` or whitespace) joined by `.`, and bracketed indices or JSON-string keys anywhere.
static FIELD_PATH: LazyLock<Regex> = LazyLock::new(|| {
    let plain = r#"[^.\[\]"\s]+"#;
    let bracketed = r#"\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\]"#;
    Regex::new(&format!(
        r"(?s)\A(?:{plain}|{bracketed})(?:\.{plain}|{bracketed})*\z"
    ))
    .unwrap()
});

/// How ErrorList's text reads back as a detail: the format cannot tell a field that holds
/// `": "` or whitespace from a reason that does, so the field is the text before the first
/// `": "` that follows a whole field path (whose bracketed keys may hold both) or nothing
/// (an empty field), else before the first `": "` when that text has no whitespace.
fn error_list_detail(text: &str) -> Detail {
    let separators = || text.match_indices(": ").map(|(at, _)| at);
    let at = separators()
        .find(|&at| at == 0 || FIELD_PATH.is_match(&text[..at]))
        .or_else(|| {
            separators()
                .next()
                .filter(|&at| !text[..at].contains(char::is_whitespace))
        });
    match at {
        Some(at) => Detail::new(text[..at].to_owned(), text[at + 2..].to_owned()),
        None => Detail::reason_only(text.to_owned()),
    }
}

/// How a body's only ErrorList entry reads back: also as a detail when it splits as one whose
/// field is empty or starts like a field name (lowercase, `_` or `[`), not like a sentence.
fn error_list_lone_detail(text: &str) -> Option<Detail> {
    let detail = error_list_detail(text);
    let field = detail.field.as_deref()?;
    (field.is_empty()
        || field.starts_with(|c: char| c.is_ascii_lowercase() || c == '_' || c == '['))
    .then_some(detail)
}

/// What the README's table ("What each format carries") says `format` carries of `err`, read back.
struct Expected {
    code: String,
    message: String,
    details: Vec<Detail>,
    docs_url: Option<String>,
    phrase: Option<&'static str>,
    domain: Option<&'static str>,
    extensions: Vec<(String, Value)>,
}

fn expected(err: &Generated, format: Format) -> Expected {
    let details = err.details();
    let with = |location, resource, code| {
        let parts = Carried {
            location,
            resource,
            code,
        };
        details
            .iter()
            .map(|detail| carried(detail, parts))
            .collect()
    };
    let docs_url = err.docs_url().map(Cow::into_owned);
    let mut expected = Expected {
        code: err.code().to_owned(),
        message: err.message().into_owned(),
        details: Vec::new(),
        docs_url: None,
        phrase: None,
        domain: None,
        extensions: extensions(err),
    };
    match format {
        Format::Flat => expected.details = with(true, false, false),
        Format::Nested => expected.details = with(true, true, true),
        Format::Problem => {
            expected.details = with(true, true, true);
            expected.docs_url = docs_url;
        }
        Format::Simple => expected.details = with(false, true, true),
        Format::Google => {
            expected.details = with(false, false, false);
            expected.domain = err.domain().map(|_| "tasks.example.com");
            // Help's link.
            expected.docs_url = docs_url;
            // ErrorInfo's metadata starts with the placeholder `{text}`'s value as the message
            // shows it (cut at the limit, without the marker).
            let limit = apierror::Limits::default().max_message_len();
            let message = err.message();
            let mut end = message.len().min(limit);
            while !message.is_char_boundary(end) {
                end -= 1;
            }
            let shown = Value::String(message[..end].to_owned());
            expected.extensions.insert(0, ("text".to_owned(), shown));
            // Metadata is a map of strings: other values as their compact JSON text.
            for (_, value) in &mut expected.extensions {
                if !value.is_string() {
                    *value = Value::String(value.to_string());
                }
            }
        }
        Format::ErrorList => {
            expected.code = apierror::HttpError::code_for(err.status());
            let mut texts: Vec<String> = details.iter().map(error_list_text).collect();
            if let Some(first) = texts.first() {
                // The first entry's text stands for the message.
                expected.message = first.clone();
            } else {
                texts.push(expected.message.clone());
            }
            // Several entries are the details; one (a lone detail's, or the message) is also a
            // detail when it names a field that starts lowercase.
            expected.details = match texts.as_slice() {
                [text] => error_list_lone_detail(text).into_iter().collect(),
                texts => texts.iter().map(|text| error_list_detail(text)).collect(),
            };
            expected.docs_url = docs_url;
            expected.phrase = err.status().is_server_error().then_some(PHRASE);
        }
        other => panic!("unknown format {other}"),
    }
    // A blank message reads back as the status's reason phrase (Problem's `title` is that
    // phrase too).
    if expected.message.trim().is_empty() {
        expected.message = err.status().canonical_reason().unwrap().to_owned();
    }
    expected
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        0..3usize,
        tricky(),
        proptest::collection::vec(detail(), 0..4),
        proptest::option::of(any::<u64>()),
        tricky(),
        proptest::collection::vec(tricky(), 0..3),
    )
        .prop_map(
            |(variant, text, details, retry, note, tags)| match variant {
                0 => Generated::Refused {
                    text,
                    details,
                    retry,
                    note,
                    tags,
                },
                1 => Generated::Unauthenticated {
                    text,
                    details,
                    retry,
                    note,
                    tags,
                },
                _ => Generated::UpstreamDown {
                    text,
                    details,
                    retry,
                    note,
                    tags,
                },
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_format_reads_back_what_it_carries(err in generated()) {
        for format in Format::ALL {
            let remote = round_trip(&err, format, &context());
            let expected = expected(&err, format);
            prop_assert_eq!(remote.format(), format);
            prop_assert_eq!(remote.status(), err.status(), "{}", format);
            prop_assert_eq!(remote.code(), expected.code.as_str(), "{}", format);
            prop_assert_eq!(remote.message(), expected.message.as_str(), "{}", format);
            prop_assert_eq!(remote.details().into_owned(), expected.details, "{}", format);
            prop_assert_eq!(remote.request_id(), Some(REQUEST_ID), "{}", format);
            prop_assert_eq!(remote.retry_after(), err.retry_after(), "{}", format);
            prop_assert_eq!(remote.docs_url().map(Cow::into_owned), expected.docs_url, "{}", format);
            prop_assert_eq!(remote.phrase(), expected.phrase, "{}", format);
            prop_assert_eq!(remote.domain(), expected.domain, "{}", format);
            prop_assert_eq!(extensions(&remote), expected.extensions.clone(), "{}", format);
            for (name, value) in &expected.extensions {
                prop_assert_eq!(remote.extension(name), Some(value), "{}", format);
            }
            prop_assert_eq!(remote.headers(), err.headers(), "{}", format);
        }
    }

    /// Whatever the bytes, `parse` answers; nothing panics or overflows the stack.
    #[test]
    fn parse_never_panics_on_any_bytes(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = parse(400, &body);
        let _ = RemoteError::parse(StatusCode::OK, &json_headers("application/problem+json"), &body);
    }

    /// JSON-looking text, and real bodies cut or corrupted anywhere, parse or fail cleanly.
    #[test]
    fn parse_never_panics_on_damaged_bodies(
        text in r#"[\[\]{}":,0-9a-z\\ .eE+-]{0,64}"#,
        format_index in 0..6usize,
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let _ = parse(500, text.as_bytes());
        let err = Generated::Refused {
            text: "x".into(),
            details: vec![Detail::new("a", "b")],
            retry: Some(1),
            note: "n".into(),
            tags: vec!["t".into()],
        };
        let format = Format::ALL[format_index];
        let response = apierror::to_response(&err, format, &context());
        let body = response.body();
        let cut_body = &body[..cut.index(body.len())];
        let _ = RemoteError::parse(response.status(), response.headers(), cut_body);
        let mut flipped = body.clone();
        flipped[flip.index(body.len())] = byte;
        let _ = RemoteError::parse(response.status(), response.headers(), &flipped);
    }
}

// ----- the golden responses read back and render again byte for byte ----------------------------

/// One response of a golden file: status, headers, body.
struct Printed {
    title: String,
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

fn golden(format: Format) -> Vec<Printed> {
    let path = format!("{}/tests/golden/{format}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    text.split("### ")
        .skip(1)
        .map(|section| {
            let mut lines = section.lines();
            let title = lines.next().unwrap().to_owned();
            let status = lines.next().unwrap().strip_prefix("HTTP ").unwrap();
            let mut headers = HeaderMap::new();
            let mut body = String::new();
            for line in lines.filter(|line| !line.is_empty()) {
                match line.split_once(": ") {
                    Some((name, value)) if !line.starts_with('{') => {
                        headers.append(
                            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                            HeaderValue::from_str(value).unwrap(),
                        );
                    }
                    _ => body = line.to_owned(),
                }
            }
            Printed {
                title,
                status: status.parse().unwrap(),
                headers,
                body,
            }
        })
        .collect()
}

fn response_text(response: &http::Response<Vec<u8>>) -> String {
    let mut text = format!("HTTP {}\n", response.status().as_u16());
    for (name, value) in response.headers() {
        text.push_str(&format!("{name}: {}\n", value.to_str().unwrap()));
    }
    text.push_str(std::str::from_utf8(response.body()).unwrap());
    text
}

#[test]
fn golden_responses_read_back_and_render_again_unchanged() {
    for format in Format::ALL {
        let printed = golden(format);
        assert_eq!(printed.len(), 9, "{format}");
        for response in printed {
            let remote =
                RemoteError::parse(response.status, &response.headers, response.body.as_bytes())
                    .unwrap_or_else(|error| panic!("{format} {}: {error}", response.title));
            assert_eq!(remote.format(), format, "{}", response.title);
            assert_eq!(remote.request_id(), Some(REQUEST_ID));
            // A gateway passing the error on, with the same request context, sends what the
            // upstream sent.
            let ctx = match remote.phrase() {
                Some(phrase) => context().with_phrase(phrase),
                None => context(),
            };
            let again = apierror::to_response(&remote, format, &ctx);
            let mut original = format!("HTTP {}\n", response.status.as_u16());
            for (name, value) in &response.headers {
                original.push_str(&format!("{name}: {}\n", value.to_str().unwrap()));
            }
            original.push_str(&response.body);
            assert_eq!(
                response_text(&again),
                original,
                "{format} {}",
                response.title
            );
        }
    }
}

#[test]
fn golden_422_reads_exactly_in_every_format() {
    let read = |format: Format| {
        let response = golden(format)
            .into_iter()
            .find(|response| response.status == 422)
            .unwrap();
        RemoteError::parse(response.status, &response.headers, response.body.as_bytes()).unwrap()
    };
    let all_parts = vec![
        Detail::new("lastName", "Is required").with_location("body"),
        Detail::new("title", "Too long")
            .with_location("body")
            .with_resource("Issue")
            .with_code("too_long"),
        Detail::reason_only("At most 10 labels"),
    ];
    let members = vec![
        ("count".to_owned(), json!(3)),
        ("limits".to_owned(), json!({"labels": 10, "strict": true})),
    ];

    let flat = read(Format::Flat);
    assert_eq!(flat.code(), "VALIDATION_FAILED");
    assert_eq!(flat.message(), "3 fields failed validation");
    assert_eq!(
        flat.details().into_owned(),
        vec![
            Detail::new("lastName", "Is required").with_location("body"),
            Detail::new("title", "Too long").with_location("body"),
            Detail::reason_only("At most 10 labels"),
        ]
    );
    assert_eq!(extensions(&flat), members);
    assert_eq!(flat.extension("count"), Some(&json!(3)));
    assert_eq!(flat.extension("missing"), None);

    for format in [Format::Nested, Format::Problem] {
        let remote = read(format);
        assert_eq!(remote.code(), "VALIDATION_FAILED");
        assert_eq!(remote.details().into_owned(), all_parts, "{format}");
        assert_eq!(extensions(&remote), members, "{format}");
    }
    assert_eq!(
        read(Format::Problem).docs_url().as_deref(),
        Some("https://api.example.com/errors#VALIDATION_FAILED")
    );

    let simple = read(Format::Simple);
    assert_eq!(simple.code(), "VALIDATION_FAILED");
    assert_eq!(
        simple.details().into_owned(),
        vec![
            Detail::new("lastName", "Is required"),
            Detail::new("title", "Too long")
                .with_resource("Issue")
                .with_code("too_long"),
            Detail::reason_only("At most 10 labels"),
        ]
    );

    let google = read(Format::Google);
    assert_eq!(google.code(), "VALIDATION_FAILED");
    assert_eq!(google.domain(), Some("tasks.example.com"));
    assert_eq!(
        google.details().into_owned(),
        vec![
            Detail::new("lastName", "Is required"),
            Detail::new("title", "Too long"),
            Detail::reason_only("At most 10 labels"),
        ]
    );
    assert_eq!(
        extensions(&google),
        vec![
            ("count".to_owned(), json!("3")),
            ("limits".to_owned(), json!(r#"{"labels":10,"strict":true}"#)),
        ]
    );

    let list = read(Format::ErrorList);
    assert_eq!(list.code(), "UNPROCESSABLE_ENTITY");
    assert_eq!(list.message(), "lastName: Is required");
    assert_eq!(
        list.details().into_owned(),
        vec![
            Detail::new("lastName", "Is required"),
            Detail::new("title", "Too long"),
            Detail::reason_only("At most 10 labels"),
        ]
    );
    assert_eq!(
        list.docs_url().as_deref(),
        Some("https://api.example.com/errors#VALIDATION_FAILED")
    );
    assert_eq!(list.phrase(), None);
    assert_eq!(extensions(&list), members);
}

#[test]
fn golden_retry_after_and_headers_read_back() {
    for format in Format::ALL {
        for response in golden(format) {
            let remote =
                RemoteError::parse(response.status, &response.headers, response.body.as_bytes())
                    .unwrap();
            let expected_retry = match response.status.as_u16() {
                429 => Some(30),
                503 => Some(120),
                _ => None,
            };
            assert_eq!(
                remote.retry_after(),
                expected_retry,
                "{format} {}",
                response.title
            );
            let www_authenticate = remote.headers().get("www-authenticate").cloned();
            assert_eq!(
                www_authenticate,
                (response.status == 401)
                    .then(|| HeaderValue::from_static("Bearer realm=\"tasks\"")),
                "{format}"
            );
        }
    }
}

#[test]
fn google_retry_info_stands_in_for_a_missing_header() {
    let body = br#"{"error":{"code":429,"message":"Slow down","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}"#;
    let remote = parse(429, body).unwrap();
    assert_eq!(remote.retry_after(), Some(2));
    // Without an ErrorInfo the body has no code of its own: the status's reason phrase, as
    // for every format (DESIGN.md §7), not the gRPC name.
    assert_eq!(remote.code(), "TOO_MANY_REQUESTS");

    let mut headers = json_headers("application/json");
    headers.insert("retry-after", HeaderValue::from_static("7"));
    let remote = RemoteError::parse(StatusCode::TOO_MANY_REQUESTS, &headers, body).unwrap();
    assert_eq!(remote.retry_after(), Some(7), "the header wins");
}

#[test]
fn a_fractional_retry_after_rounds_up_to_whole_seconds() {
    let body = br#"{"code":"BUSY","message":"Busy","requestId":"r"}"#;
    let mut headers = json_headers("application/json");
    for (value, expected) in [("1.5", 2), ("0.25", 1), ("3.0", 3), ("7", 7)] {
        headers.insert("retry-after", HeaderValue::from_static(value));
        let remote = RemoteError::parse(StatusCode::SERVICE_UNAVAILABLE, &headers, body).unwrap();
        assert_eq!(remote.retry_after(), Some(expected), "{value}");
        let response = apierror::to_response(&remote, Format::Flat, &context());
        assert_eq!(
            response.headers()["retry-after"],
            expected.to_string().as_str(),
            "{value} is passed on as whole seconds"
        );
    }
}

#[test]
fn retry_after_as_an_http_date() {
    // 2100-01-01T00:00:00Z, in seconds since the epoch.
    const NEW_YEAR_2100: u64 = 4_102_444_800;
    let mut headers = json_headers("application/json");
    headers.insert(
        "retry-after",
        HeaderValue::from_static("Fri, 01 Jan 2100 00:00:00 GMT"),
    );
    let body = br#"{"code":"BUSY","message":"Busy","requestId":"r"}"#;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let remote = RemoteError::parse(StatusCode::SERVICE_UNAVAILABLE, &headers, body).unwrap();
    let seconds = remote.retry_after().unwrap();
    let left = NEW_YEAR_2100 - now;
    assert!((left - 2..=left).contains(&seconds), "{seconds} of {left}");

    headers.insert(
        "retry-after",
        HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
    );
    let remote = RemoteError::parse(StatusCode::SERVICE_UNAVAILABLE, &headers, body).unwrap();
    assert_eq!(
        remote.retry_after(),
        Some(0),
        "a date in the past: retry now"
    );
}

// ----- the seed references' bodies, as printed --------------------------------------------------

#[allow(dead_code)] // not every test file uses every helper
#[path = "support/seeds.rs"]
mod seed_files;

use seed_files::{json_blocks, seed};

#[test]
fn seed_000_asana_error_lists() {
    let document = seed("000_5a4d604a24accb52.txt");
    let blocks = json_blocks(&document);
    let codes = [
        (400, "BAD_REQUEST"),
        (401, "UNAUTHORIZED"),
        (402, "PAYMENT_REQUIRED"),
        (403, "FORBIDDEN"),
        (404, "NOT_FOUND"),
        (412, "PRECONDITION_FAILED"),
        (424, "FAILED_DEPENDENCY"),
        (500, "INTERNAL_SERVER_ERROR"),
        (501, "NOT_IMPLEMENTED"),
        (503, "SERVICE_UNAVAILABLE"),
        (504, "GATEWAY_TIMEOUT"),
    ];
    assert_eq!(blocks.len(), codes.len());
    for ((heading, body), (status, code)) in blocks.iter().zip(codes) {
        assert_eq!(heading, &status.to_string());
        let remote = parse(status, body.as_bytes()).unwrap();
        assert_eq!(remote.format(), Format::ErrorList);
        assert_eq!(remote.status(), status);
        assert_eq!(remote.code(), code);
        // One entry is the message, and a detail when it names a field (Asana's
        // `project: Missing input`).
        let lone: Vec<Detail> = match remote.message().split_once(": ") {
            Some(("project", reason)) => vec![Detail::new("project", reason.to_owned())],
            _ => Vec::new(),
        };
        assert_eq!(remote.details(), lone.as_slice());
        assert_eq!(remote.request_id(), None);
        assert_eq!(remote.retry_after(), None);
        if status == 412 {
            assert_eq!(
                remote.message(),
                "Sync token invalid or too old. If you are attempting to keep resources in sync, you must fetch the full dataset for this query now and use the new sync token for the next sync."
            );
            assert_eq!(remote.docs_url(), None);
            assert_eq!(remote.phrase(), None);
            assert_eq!(
                extensions(&remote),
                vec![("sync".to_owned(), json!("de4774f6915eae04714ca93bb2f5ee81"))]
            );
        } else {
            assert_eq!(remote.message(), "project: Missing input");
            // The reference's URL ends in a stray quote; it is read as printed.
            assert_eq!(
                remote.docs_url().as_deref(),
                Some("https://asana.github.io/developer-docs/#errors'")
            );
            // The reference copies the phrase into every status; it is read wherever it is.
            assert_eq!(remote.phrase(), Some(PHRASE));
            assert_eq!(extensions(&remote), vec![]);
        }
    }
}

#[test]
fn seed_001_asana_guide_error_lists() {
    let document = seed("001_418dc095e31f2eae.txt");
    let responses: Vec<(u16, &str)> = document
        .split("```http\nHTTP/1.1 ")
        .skip(1)
        .map(|block| {
            let status = block[..3].parse().unwrap();
            (
                status,
                &block[block.find('{').unwrap()..block.find("```").unwrap()],
            )
        })
        .collect();
    // The 400's one entry names the field it is about: a detail too.
    let expected = [
        (401, "UNAUTHORIZED", "Not Authorized", None, vec![]),
        (
            400,
            "BAD_REQUEST",
            "workspace: Missing input",
            None,
            vec![Detail::new("workspace", "Missing input")],
        ),
        (
            500,
            "INTERNAL_SERVER_ERROR",
            "Server Error",
            Some(PHRASE),
            vec![],
        ),
    ];
    assert_eq!(responses.len(), expected.len());
    for ((status, body), (want_status, code, message, phrase, details)) in
        responses.into_iter().zip(expected)
    {
        assert_eq!(status, want_status);
        let remote = parse(status, body.as_bytes()).unwrap();
        assert_eq!(remote.format(), Format::ErrorList);
        assert_eq!(remote.code(), code);
        assert_eq!(remote.message(), message);
        assert_eq!(remote.phrase(), phrase);
        assert_eq!(remote.docs_url(), None);
        assert_eq!(remote.details(), details.as_slice());
        assert_eq!(remote.to_string(), format!("{status} {code}: {message}"));
    }
}

#[test]
fn seed_002_flat_bodies() {
    let document = seed("002_40b3a7caee937fd8.txt");
    let blocks = json_blocks(&document);
    let detail = |field: &'static str, reason: &'static str| {
        vec![Detail::new(field, reason).with_location("body")]
    };
    // The first block shows the format and names no status; its detail is a validation
    // error's, which the reference lists under 400. The rate limit example is sent with the
    // `Retry-After: 30` the reference's header table shows.
    let expected: Vec<(&str, u16, &str, &str, Vec<Detail>)> = vec![
        (
            "Error response format",
            400,
            "ERROR_CODE",
            "Human-readable error message",
            detail("fieldName", "specific reason"),
        ),
        (
            "Invalid email format",
            400,
            "INVALID_FIELD",
            "The field `contactEmail` must be a valid email address",
            detail("contactEmail", "Invalid format"),
        ),
        (
            "Missing required field",
            400,
            "MISSING_REQUIRED_FIELD",
            "The `lastName` field is required",
            detail("lastName", "Is required"),
        ),
        (
            "Invalid task status",
            400,
            "INVALID_STATUS",
            "The `taskStatus` value 'DONE' is not valid",
            detail("taskStatus", "Invalid value"),
        ),
        (
            "Resource not found",
            404,
            "RESOURCE_NOT_FOUND",
            "User with ID 123 could not be found",
            vec![],
        ),
        (
            "Authentication required",
            401,
            "UNAUTHORIZED",
            "Authentication is required to access this resource",
            vec![],
        ),
        (
            "Rate limit exceeded",
            429,
            "RATE_LIMIT_EXCEEDED",
            "Rate limit exceeded. Try again in 30 seconds",
            vec![],
        ),
    ];
    assert_eq!(blocks.len(), expected.len());
    for ((heading, body), (title, status, code, message, details)) in blocks.iter().zip(expected) {
        assert_eq!(heading, title);
        let mut headers = json_headers("application/json");
        if status == 429 {
            headers.insert("retry-after", HeaderValue::from_static("30"));
        }
        let remote = RemoteError::parse(
            StatusCode::from_u16(status).unwrap(),
            &headers,
            body.as_bytes(),
        )
        .unwrap();
        assert_eq!(remote.format(), Format::Flat, "{title}");
        assert_eq!(remote.status(), status, "{title}");
        assert_eq!(remote.code(), code, "{title}");
        assert_eq!(remote.message(), message, "{title}");
        assert_eq!(remote.details().into_owned(), details, "{title}");
        assert_eq!(remote.request_id(), Some(REQUEST_ID), "{title}");
        assert_eq!(
            remote.retry_after(),
            (status == 429).then_some(30),
            "{title}"
        );
        assert_eq!(extensions(&remote), vec![], "{title}");
    }
}

#[test]
fn seed_003_fragments_are_not_json_and_fall_back_to_the_status() {
    let document = seed("003_ea3cb46d4fd41a16.txt");
    let after = |marker: &str| document.split_once(marker).unwrap().1.trim_start();
    let baseline = after("Error Responses - Example 1 (Baseline)")
        .split_once("\n\n")
        .unwrap()
        .0;
    let complex = after("Error Responses - Example 2 (More Complex)");
    assert_eq!(
        baseline,
        "\"code\": 429,\n\"message\": \"You have exceeded your number of requests. Please try again later\""
    );
    assert!(complex.starts_with("\"code\": 422,\n\"message\": \"Unprocessable entity\""));

    let error = parse(429, baseline.as_bytes()).unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::NotJson {
            reason: "trailing characters at line 1 column 7".into(),
            start: "\"code\": 429, \"message\": \"You have exceeded your …".into(),
        }
    );
    assert_eq!(error.status(), 429);
    assert_eq!(
        error.to_string(),
        "cannot read the error body of a 429 response: not JSON (trailing characters at line 1 \
         column 7): starts with `\"code\": 429, \"message\": \"You have exceeded your …`"
    );
    let fallback = error.fallback();
    assert_eq!(fallback.status(), 429);
    assert_eq!(fallback.code(), "TOO_MANY_REQUESTS");
    assert_eq!(fallback.message(), baseline);
    assert_eq!(fallback.details().len(), 0);
    assert_eq!(fallback.request_id(), None);
    assert_eq!(fallback.format(), Format::Flat);

    let error = parse(422, complex.as_bytes()).unwrap_err();
    assert!(
        matches!(error.kind(), ParseErrorKind::NotJson { reason, .. } if reason == "trailing characters at line 1 column 7"),
        "{error}"
    );
    let fallback = error.fallback();
    assert_eq!(fallback.code(), "UNPROCESSABLE_ENTITY");
    assert_eq!(fallback.message(), complex);

    // Wrapped in the braces the reference leaves out, the baseline is a Simple body.
    let wrapped = format!("{{{baseline}}}");
    let remote = parse(429, wrapped.as_bytes()).unwrap();
    assert_eq!(remote.format(), Format::Simple);
    assert_eq!(remote.code(), "TOO_MANY_REQUESTS");
    assert_eq!(
        remote.message(),
        "You have exceeded your number of requests. Please try again later"
    );
}

/// The JSON objects of a plain-text document as printed: each `{` alone on a line up to its
/// matching `}`.
fn json_objects(document: &str) -> Vec<String> {
    let mut objects = Vec::new();
    let mut lines = document.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "{" {
            continue;
        }
        let mut depth = 1;
        let mut text = line.to_owned();
        for line in lines.by_ref() {
            depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            text.push('\n');
            text.push_str(line);
            if depth == 0 {
                break;
            }
        }
        objects.push(text);
    }
    objects
}

#[test]
fn seed_004_nested_bodies() {
    let document = seed("004_d34427d61813f196.txt");
    let objects = json_objects(&document);
    // The custom business error names no status; 402 is what such an error is sent with.
    let expected = [
        (
            400,
            "INVALID_REQUEST",
            "Missing required 'user_id' parameter.",
        ),
        (
            401,
            "UNAUTHENTICATED",
            "Authentication credentials not provided or invalid.",
        ),
        (
            403,
            "PERMISSION_DENIED",
            "You do not have permission to perform this action.",
        ),
        (
            404,
            "RESOURCE_NOT_FOUND",
            "The requested resource could not be found.",
        ),
        (
            429,
            "RATE_LIMIT_EXCEEDED",
            "You have exceeded your allowed request rate. Please try again later.",
        ),
        (
            500,
            "INTERNAL_SERVER_ERROR",
            "An unexpected error occurred. Please try again later or contact support if the problem persists.",
        ),
        (
            503,
            "SERVICE_UNAVAILABLE",
            "The service is temporarily unavailable. Please try again later.",
        ),
        (
            402,
            "INSUFFICIENT_BALANCE",
            "Your account balance is insufficient to complete this transaction.",
        ),
    ];
    assert_eq!(objects.len(), expected.len());
    for (body, (status, code, message)) in objects.iter().zip(expected) {
        let remote = parse(status, body.as_bytes()).unwrap();
        assert_eq!(remote.format(), Format::Nested);
        assert_eq!(remote.status(), status);
        assert_eq!(remote.code(), code);
        assert_eq!(remote.message(), message);
        assert_eq!(remote.details().len(), 0);
        let members = if code == "INSUFFICIENT_BALANCE" {
            vec![
                ("required".to_owned(), json!("100.00")),
                ("available".to_owned(), json!("50.50")),
            ]
        } else {
            vec![]
        };
        assert_eq!(extensions(&remote), members, "{code}");
    }
}

// ----- what is not an error body ----------------------------------------------------------------

fn nested_arrays(depth: usize, closed: bool) -> Vec<u8> {
    let mut body = vec![b'['; depth];
    if closed {
        body.extend(std::iter::repeat_n(b']', depth));
    }
    body
}

#[test]
fn malformed_bodies_say_what_they_are() {
    let member = |name: &str, json_type| (name.to_owned(), json_type);
    let shape = |members: Vec<(String, JsonType)>| ParseErrorKind::UnknownShape {
        total: members.len(),
        members,
    };
    let not_json = |reason: &str, start: &str| ParseErrorKind::NotJson {
        reason: reason.into(),
        start: start.into(),
    };
    let too_large = vec![b' '; RemoteError::MAX_BODY_LEN + 1];
    let table: Vec<(&str, Vec<u8>, ParseErrorKind)> = vec![
        ("empty", b"".to_vec(), ParseErrorKind::Empty),
        ("whitespace", b" \r\n\t ".to_vec(), ParseErrorKind::Empty),
        (
            "HTML from a proxy",
            b"<html><body>502 Bad Gateway</body></html>".to_vec(),
            not_json(
                "expected value at line 1 column 1",
                "<html><body>502 Bad Gateway</body></html>",
            ),
        ),
        (
            "a long HTML page",
            b"<!DOCTYPE html>\n<html>\n  <head><title>503 Service Temporarily Unavailable</title></head>\n</html>".to_vec(),
            not_json(
                "expected value at line 1 column 1",
                "<!DOCTYPE html> <html> <head><title>503 Servic…",
            ),
        ),
        (
            "plain text",
            b"upstream connect error or disconnect/reset before headers".to_vec(),
            not_json(
                "expected value at line 1 column 1",
                "upstream connect error or disconnect/reset befor…",
            ),
        ),
        (
            "truncated JSON",
            br#"{"code":"TASK_NOT_FOUND","message":"Task wi"#.to_vec(),
            ParseErrorKind::Truncated {
                end: r#"{"code":"TASK_NOT_FOUND","message":"Task wi"#.into(),
            },
        ),
        (
            "truncated after a comma",
            br#"{"code":"X","#.to_vec(),
            ParseErrorKind::Truncated {
                end: r#"{"code":"X","#.into(),
            },
        ),
        (
            "trailing text",
            br#"{"code":"X","message":"m"} and more"#.to_vec(),
            not_json(
                "trailing characters at line 1 column 28",
                r#"{"code":"X","message":"m"} and more"#,
            ),
        ),
        (
            "a control character in a string",
            b"{\"code\":\"X\",\"message\":\"a\x1bb\"}".to_vec(),
            not_json(
                "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 25",
                "{\"code\":\"X\",\"message\":\"a\\u{1b}b\"}",
            ),
        ),
        (
            "a number out of range",
            br#"{"code":1e999,"message":"m"}"#.to_vec(),
            not_json(
                "number out of range at line 1 column 13",
                r#"{"code":1e999,"message":"m"}"#,
            ),
        ),
        (
            "null",
            b"null".to_vec(),
            ParseErrorKind::NotAnObject {
                found: JsonType::Null,
            },
        ),
        (
            "an empty array",
            b"[]".to_vec(),
            ParseErrorKind::NotAnObject {
                found: JsonType::Array,
            },
        ),
        (
            "an array of errors",
            br#"[{"code":"X","message":"m"}]"#.to_vec(),
            ParseErrorKind::NotAnObject {
                found: JsonType::Array,
            },
        ),
        (
            "a number",
            b"42".to_vec(),
            ParseErrorKind::NotAnObject {
                found: JsonType::Number,
            },
        ),
        (
            "a string",
            br#""str""#.to_vec(),
            ParseErrorKind::NotAnObject {
                found: JsonType::Str,
            },
        ),
        (
            "a boolean",
            b"true".to_vec(),
            ParseErrorKind::NotAnObject {
                found: JsonType::Bool,
            },
        ),
        ("an empty object", b"{}".to_vec(), shape(vec![])),
        (
            "an unknown member",
            br#"{"foo":1}"#.to_vec(),
            shape(vec![member("foo", JsonType::Number)]),
        ),
        (
            "a code that is an object",
            br#"{"code":{"id":1},"message":"m"}"#.to_vec(),
            shape(vec![
                member("code", JsonType::Object),
                member("message", JsonType::Str),
            ]),
        ),
        (
            "a code without a message",
            br#"{"code":"X"}"#.to_vec(),
            shape(vec![member("code", JsonType::Str)]),
        ),
        (
            "an error that is a string",
            br#"{"error":"Not Found"}"#.to_vec(),
            shape(vec![member("error", JsonType::Str)]),
        ),
        (
            "an error object without a message",
            br#"{"error":{"code":"X"}}"#.to_vec(),
            shape(vec![member("error", JsonType::Object)]),
        ),
        (
            "an empty error list",
            br#"{"errors":[]}"#.to_vec(),
            shape(vec![member("errors", JsonType::Array)]),
        ),
        (
            "an error list without messages",
            br#"{"errors":[1,"x",{"msg":"y"}],"data":null}"#.to_vec(),
            shape(vec![
                member("errors", JsonType::Array),
                member("data", JsonType::Null),
            ]),
        ),
        (
            "invalid UTF-8",
            b"{\"code\":\"\xff\",\"message\":\"m\"}".to_vec(),
            ParseErrorKind::NotUtf8 { valid_up_to: 9 },
        ),
        (
            "UTF-16",
            b"\xff\xfe{\x00}\x00".to_vec(),
            ParseErrorKind::NotUtf8 { valid_up_to: 0 },
        ),
        (
            "1 MiB and one byte",
            too_large.clone(),
            ParseErrorKind::TooLarge {
                len: RemoteError::MAX_BODY_LEN + 1,
            },
        ),
        (
            "100,000 open arrays",
            nested_arrays(100_000, false),
            not_json(
                "recursion limit exceeded at line 1 column 128",
                &format!("{}…", "[".repeat(48)),
            ),
        ),
        (
            "100,000 closed arrays",
            nested_arrays(100_000, true),
            not_json(
                "recursion limit exceeded at line 1 column 128",
                &format!("{}…", "[".repeat(48)),
            ),
        ),
        (
            "deep objects",
            r#"{"a":"#.repeat(50_000).into_bytes(),
            not_json(
                "recursion limit exceeded at line 1 column 636",
                &format!("{}{{\"a…", r#"{"a":"#.repeat(9)),
            ),
        ),
        (
            "128 closed arrays",
            nested_arrays(128, true),
            not_json(
                "recursion limit exceeded at line 1 column 128",
                &format!("{}…", "[".repeat(48)),
            ),
        ),
        (
            "127 closed arrays: as deep as serde_json goes",
            nested_arrays(127, true),
            ParseErrorKind::NotAnObject {
                found: JsonType::Array,
            },
        ),
        (
            "127 open arrays",
            nested_arrays(127, false),
            ParseErrorKind::Truncated {
                end: format!("…{}", "[".repeat(48)),
            },
        ),
    ];
    for (name, body, kind) in table {
        let error = parse(502, &body).expect_err(name);
        assert_eq!(error.kind(), &kind, "{name}");
        assert_eq!(error.status(), 502, "{name}");
        let fallback = error.fallback();
        assert_eq!(fallback.status(), 502, "{name}");
        assert_eq!(fallback.code(), "BAD_GATEWAY", "{name}");
        let text = String::from_utf8_lossy(&body);
        let clipped = (0..=text.len().min(ParseError::FALLBACK_MESSAGE_LEN))
            .rev()
            .find(|&end| text.is_char_boundary(end))
            .unwrap();
        // A blank body leaves the message to the status's reason phrase.
        let message = match text[..clipped].trim() {
            "" => "Bad Gateway",
            _ => &text[..clipped],
        };
        assert_eq!(fallback.message(), message, "{name}");
    }
}

#[test]
fn an_unknown_shape_lists_a_bounded_number_of_members() {
    let members: Vec<String> = (0..50_000).map(|i| format!("\"m{i}\":{i}")).collect();
    let body = format!("{{{}}}", members.join(","));
    assert!(body.len() < RemoteError::MAX_BODY_LEN);
    let error = parse(400, body.as_bytes()).unwrap_err();
    let ParseErrorKind::UnknownShape { members, total } = error.kind() else {
        panic!("{error}");
    };
    assert_eq!(*total, 50_000);
    assert_eq!(members.len(), ParseErrorKind::MEMBERS_LISTED);
    assert_eq!(members[15], ("m15".to_owned(), JsonType::Number));
    assert!(
        error.to_string().ends_with("`m15` (number) and 49984 more"),
        "{error}"
    );
}

#[test]
fn lenient_where_a_body_is_still_an_error() {
    // Exactly the limit is read.
    let padding = RemoteError::MAX_BODY_LEN - r#"{"code":"X","message":""}"#.len();
    let body = format!(r#"{{"code":"X","message":"{}"}}"#, "m".repeat(padding));
    assert_eq!(body.len(), RemoteError::MAX_BODY_LEN);
    assert_eq!(
        parse(400, body.as_bytes()).unwrap().message().len(),
        padding
    );

    // A byte order mark, whitespace around; `null` members are absent.
    let remote = parse(
        400,
        "\u{feff}\n {\"code\":\"X\",\"message\":\"m\",\"details\":[{\"reason\":\"r\",\"location\":null}],\"requestId\":null} \n".as_bytes(),
    )
    .unwrap();
    assert_eq!(remote.format(), Format::Flat);
    assert_eq!(
        remote.details().into_owned(),
        vec![Detail::reason_only("r")]
    );
    assert_eq!(remote.request_id(), None);
    assert_eq!(extensions(&remote), vec![]);
    // Unknown members too, at the top and inside an envelope's own object, and in an
    // ErrorList entry, which still has the format's own shape.
    for (body, format) in [
        (&br#"{"code":"X","message":"m","details":null,"x":null}"#[..], Format::Flat),
        (br#"{"error":{"code":"X","message":"m","type":null,"details":{"a":null,"fields":null}}}"#, Format::Nested),
        (br#"{"type":"about:blank","title":"T","status":400,"x":null}"#, Format::Problem),
        (br#"{"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT","x":null},"y":null}"#, Format::Google),
        (br#"{"code":400,"message":"m","cause":"X","x":null}"#, Format::Simple),
    ] {
        let remote = RemoteError::parse(StatusCode::BAD_REQUEST, &json_headers("application/json"), body).unwrap();
        assert_eq!(remote.format(), format, "{}", String::from_utf8_lossy(body));
        assert_eq!(extensions(&remote), vec![], "{}", String::from_utf8_lossy(body));
        assert_eq!(remote.extension("x"), None);
    }
    let remote = parse(
        400,
        br#"{"errors":[{"message":"a: b","help":null,"x":null},{"message":"c: d"}],"x":null}"#,
    )
    .unwrap();
    assert_eq!(remote.format(), Format::ErrorList);
    assert_eq!(
        remote.details().into_owned(),
        vec![Detail::new("a", "b"), Detail::new("c", "d")]
    );
    assert_eq!(extensions(&remote), vec![]);
    // A violation's `"localizedMessage": null` too: the violation is read, untranslated.
    let remote = parse(
        400,
        br#"{"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"a","description":"d","localizedMessage":null}]}]}}"#,
    )
    .unwrap();
    assert_eq!(remote.details().into_owned(), vec![Detail::new("a", "d")]);
    assert_eq!(
        (remote.localized_reason(0), remote.extension("details")),
        (None, None)
    );

    // A repeated member: the last value counts, as in serde_json.
    let remote = parse(400, br#"{"code":"A","message":"m","code":"B"}"#).unwrap();
    assert_eq!(remote.code(), "B");

    // `details` that is not an array is no details, and kept as it came.
    let remote = parse(400, br#"{"code":"X","message":"m","details":"none"}"#).unwrap();
    assert_eq!(remote.details().len(), 0);
    assert_eq!(remote.extension("details"), Some(&json!("none")));

    // Any object served as a problem is a problem.
    let problem = json_headers("application/problem+json; charset=utf-8");
    let remote = RemoteError::parse(StatusCode::CONFLICT, &problem, b"{}").unwrap();
    assert_eq!(remote.format(), Format::Problem);
    assert_eq!(remote.code(), "CONFLICT");
    assert_eq!(remote.message(), "Conflict");
    let remote = RemoteError::parse(
        StatusCode::CONFLICT,
        &problem,
        br#"{"type":"about:blank","title":"Conflict","status":409}"#,
    )
    .unwrap();
    assert_eq!(
        remote.message(),
        "Conflict",
        "the title stands in for a missing detail"
    );
    assert_eq!(remote.docs_url(), None);

    // A Nested error without a code gets the status's; a Simple one without `cause` too.
    let remote = parse(404, br#"{"error":{"message":"No such task"}}"#).unwrap();
    assert_eq!(
        (remote.format(), remote.code()),
        (Format::Nested, "NOT_FOUND")
    );
    let remote = parse(404, br#"{"code":404,"message":"No such task"}"#).unwrap();
    assert_eq!(
        (remote.format(), remote.code()),
        (Format::Simple, "NOT_FOUND")
    );

    // An error body under a success status takes the status the body names.
    let remote = parse(
        200,
        br#"{"code":404,"message":"No such task","cause":"GONE"}"#,
    )
    .unwrap();
    assert_eq!(
        (remote.status(), remote.code()),
        (StatusCode::NOT_FOUND, "GONE")
    );
    // The response's error status wins over the body's.
    let remote = parse(503, br#"{"type":"about:blank","status":500}"#).unwrap();
    assert_eq!(remote.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[test]
fn the_request_id_comes_from_the_body_else_the_first_header() {
    let mut headers = json_headers("application/json");
    headers.append("x-request-id", HeaderValue::from_static("req-header-1"));
    headers.append("x-request-id", HeaderValue::from_static("req-header-2"));
    let flat = br#"{"code":"X","message":"m","requestId":"req-body"}"#;
    let remote = RemoteError::parse(StatusCode::BAD_REQUEST, &headers, flat).unwrap();
    assert_eq!(remote.request_id(), Some("req-body"));
    let simple = br#"{"code":400,"message":"m"}"#;
    let remote = RemoteError::parse(StatusCode::BAD_REQUEST, &headers, simple).unwrap();
    assert_eq!(remote.request_id(), Some("req-header-1"));
    let error = RemoteError::parse(StatusCode::BAD_GATEWAY, &headers, b"oops").unwrap_err();
    assert_eq!(error.fallback().request_id(), Some("req-header-1"));
}

#[test]
fn only_headers_that_tell_the_client_what_to_do_are_kept() {
    let mut headers = json_headers("application/json");
    headers.insert("allow", HeaderValue::from_static("GET, HEAD"));
    headers.insert("proxy-authenticate", HeaderValue::from_static("Basic"));
    headers.append("www-authenticate", HeaderValue::from_static("Bearer"));
    headers.append(
        "www-authenticate",
        HeaderValue::from_static("Basic realm=\"x\""),
    );
    headers.insert("set-cookie", HeaderValue::from_static("session=secret"));
    headers.insert("server", HeaderValue::from_static("nginx"));
    let remote = RemoteError::parse(
        StatusCode::METHOD_NOT_ALLOWED,
        &headers,
        br#"{"code":"X","message":"m"}"#,
    )
    .unwrap();
    let kept = remote.headers();
    let kept: Vec<(&str, &str)> = kept
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap()))
        .collect();
    assert_eq!(
        kept,
        [
            ("www-authenticate", "Bearer"),
            ("www-authenticate", "Basic realm=\"x\""),
            ("allow", "GET, HEAD"),
            ("proxy-authenticate", "Basic"),
        ]
    );
}

#[test]
fn remote_errors_and_parse_errors_are_ordinary_errors() {
    fn assert_error<T: std::error::Error + Clone + Send + Sync + 'static>() {}
    assert_error::<RemoteError>();
    assert_error::<ParseError>();
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(
        parse(
            404,
            br#"{"code":"TASK_NOT_FOUND","message":"Task with ID 1 could not be found"}"#,
        )
        .unwrap(),
    );
    assert_eq!(
        boxed.to_string(),
        "404 TASK_NOT_FOUND: Task with ID 1 could not be found"
    );
    let error = parse(400, b"").unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot read the error body of a 400 response: empty body"
    );
    assert_eq!(error.fallback().to_string(), "400 BAD_REQUEST: Bad Request");
}

#[test]
fn a_reader_keeps_what_it_cannot_map() {
    let problem = json_headers("application/problem+json");
    let read = |status: StatusCode, body: &[u8]| {
        RemoteError::parse(status, &problem, body).unwrap_or_else(|error| panic!("{error}"))
    };
    // RFC 9457's own validation example: reasons from `detail`, fields from the JSON Pointers.
    let rfc = br##"{"type":"https://example.net/validation-error","title":"Your request is not valid.","errors":[{"detail":"must be a positive integer","pointer":"#/age"},{"detail":"must be 'green', 'red' or 'blue'","pointer":"#/profile/color"}]}"##;
    let remote = read(StatusCode::UNPROCESSABLE_ENTITY, rfc);
    assert_eq!(
        remote.details().into_owned(),
        vec![
            Detail::new("age", "must be a positive integer"),
            Detail::new("profile.color", "must be 'green', 'red' or 'blue'"),
        ]
    );
    assert_eq!(remote.message(), "Your request is not valid.");
    assert_eq!(
        remote.docs_url().as_deref(),
        Some("https://example.net/validation-error")
    );
    assert_eq!(extensions(&remote), vec![]);

    // Pointers into arrays and to keys that are not identifiers, in both of RFC 6901's forms.
    let body = br##"{"title":"t","errors":[{"detail":"a","pointer":"/items/0/name"},{"detail":"b","pointer":"#/labels/env.prod"},{"detail":"c","pointer":"#/a~1b/x%20y"},{"detail":"d","pointer":""}]}"##;
    assert_eq!(
        read(StatusCode::BAD_REQUEST, body).details().into_owned(),
        vec![
            Detail::new("items[0].name", "a"),
            Detail::new(r#"labels["env.prod"]"#, "b"),
            Detail::new(r#"a/b["x y"]"#, "c"),
            Detail::reason_only("d"),
        ]
    );

    // An `errors` array with an entry the reader cannot map, in whole or in part, comes back
    // unchanged as an extension, never as empty details.
    for errors in [
        json!([{"detail": "a", "pointer": "#/age"}, {"name": "age", "reason": "r"}]),
        json!([{"detail": "a", "pointer": "age"}]),
        json!([{"field": "a", "reason": "r", "expected": "int"}]),
        json!([{"location": "body"}]),
        json!(["a: b"]),
        json!({"age": "must be a positive integer"}),
        json!("none"),
    ] {
        let body = json!({"title": "t", "errors": errors}).to_string();
        let remote = read(StatusCode::BAD_REQUEST, body.as_bytes());
        assert_eq!(remote.details().into_owned(), vec![], "{errors}");
        assert_eq!(
            extensions(&remote),
            vec![("errors".to_owned(), errors.clone())],
            "{errors}"
        );
    }

    // The same rule in every reader.
    let flat = br#"{"code":"X","message":"m","details":[{"field":"a","reason":"r","hint":"h"}],"requestId":7}"#;
    let remote = parse(400, flat).unwrap();
    assert_eq!(remote.details().into_owned(), vec![]);
    assert_eq!(
        extensions(&remote),
        vec![
            (
                "details".to_owned(),
                json!([{"field": "a", "reason": "r", "hint": "h"}])
            ),
            ("requestId".to_owned(), json!(7)),
        ]
    );
    let simple = br#"{"code":400,"message":"m","errors":[{"field":"a","message":"r"},2]}"#;
    let remote = parse(400, simple).unwrap();
    assert_eq!(remote.details().into_owned(), vec![]);
    assert_eq!(
        extensions(&remote),
        vec![(
            "errors".to_owned(),
            json!([{"field": "a", "message": "r"}, 2])
        )]
    );

    // Nested: unknown members of `error` (Stripe's) are extensions too, after `details`'.
    let stripe = br#"{"error":{"type":"card_error","code":"card_declined","message":"Your card was declined.","param":"number","doc_url":"https://stripe.com/docs/error-codes/card-declined","details":{"fields":[{"field":"number","reason":"declined"}],"decline":"generic"}},"livemode":false}"#;
    let remote = parse(402, stripe).unwrap();
    assert_eq!(remote.format(), Format::Nested);
    assert_eq!(remote.code(), "card_declined");
    assert_eq!(
        remote.details().into_owned(),
        vec![Detail::new("number", "declined")]
    );
    assert_eq!(
        extensions(&remote),
        vec![
            ("decline".to_owned(), json!("generic")),
            ("type".to_owned(), json!("card_error")),
            ("param".to_owned(), json!("number")),
            (
                "doc_url".to_owned(),
                json!("https://stripe.com/docs/error-codes/card-declined")
            ),
            ("livemode".to_owned(), json!(false)),
        ]
    );

    // Google: the legacy `error.errors[]`, and `details` entries it does not read.
    let legacy = br#"{"error":{"code":401,"message":"Login Required.","status":"UNAUTHENTICATED","errors":[{"message":"Login Required.","domain":"global","reason":"required","location":"Authorization","locationType":"header"}],"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"CREDENTIALS_MISSING","domain":"googleapis.com","metadata":{"service":"x.googleapis.com"}},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"url":"https://example.com"},{"url":"https://example.org"}]}]}}"#;
    let remote = parse(401, legacy).unwrap();
    assert_eq!(remote.format(), Format::Google);
    assert_eq!(remote.code(), "CREDENTIALS_MISSING");
    assert_eq!(remote.domain(), Some("googleapis.com"));
    assert_eq!(
        extensions(&remote),
        vec![
            ("service".to_owned(), json!("x.googleapis.com")),
            (
                "errors".to_owned(),
                json!([{"message": "Login Required.", "domain": "global", "reason": "required", "location": "Authorization", "locationType": "header"}])
            ),
            (
                "details".to_owned(),
                json!([{"@type": "type.googleapis.com/google.rpc.Help", "links": [{"url": "https://example.com"}, {"url": "https://example.org"}]}])
            ),
        ]
    );
    // The docs URL is the first link's; the Help stays whole in `details` (the docs URL alone
    // would lose the second link).
    assert_eq!(remote.docs_url().as_deref(), Some("https://example.com"));
    // A Help with one link described by the code (ErrorInfo's reason) is the docs URL alone.
    let help = br#"{"error":{"code":404,"message":"Gone","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_GONE"},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"TASK_GONE","url":"https://example.com/errors#TASK_GONE"}]}]}}"#;
    let remote = parse(404, help).unwrap();
    assert_eq!(
        remote.docs_url().as_deref(),
        Some("https://example.com/errors#TASK_GONE")
    );
    assert!(extensions(&remote).is_empty());
    // Without ErrorInfo the code is `NOT_FOUND`, which does not describe the link: the docs URL,
    // and the Help whole.
    let help = br#"{"error":{"code":404,"message":"Gone","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"TASK_GONE","url":"https://example.com/errors#TASK_GONE"}]}]}}"#;
    let remote = parse(404, help).unwrap();
    assert_eq!(
        remote.docs_url().as_deref(),
        Some("https://example.com/errors#TASK_GONE")
    );
    assert_eq!(
        extensions(&remote),
        vec![(
            "details".to_owned(),
            json!([{"@type": "type.googleapis.com/google.rpc.Help", "links": [{"description": "TASK_GONE", "url": "https://example.com/errors#TASK_GONE"}]}])
        )]
    );

    // ErrorList: entries of another shape keep the whole array.
    let list = br#"{"errors":[{"message":"a: b"},{"message":"c: d","code":"E1"}]}"#;
    let remote = parse(400, list).unwrap();
    assert_eq!(remote.message(), "a: b");
    assert_eq!(remote.details().into_owned(), vec![]);
    assert_eq!(
        extensions(&remote),
        vec![(
            "errors".to_owned(),
            json!([{"message": "a: b"}, {"message": "c: d", "code": "E1"}])
        )]
    );
}

#[test]
fn the_request_id_falls_back_to_common_headers_in_order() {
    let body = br#"{"code":400,"message":"m"}"#;
    let with = |names: &[(&'static str, &'static str)]| {
        let mut headers = json_headers("application/json");
        for (name, value) in names {
            headers.append(*name, HeaderValue::from_static(value));
        }
        RemoteError::parse(StatusCode::BAD_REQUEST, &headers, body)
            .unwrap()
            .request_id()
            .map(str::to_owned)
    };
    assert_eq!(
        RemoteError::REQUEST_ID_HEADERS,
        [
            "x-request-id",
            "request-id",
            "x-correlation-id",
            "x-amzn-requestid"
        ]
    );
    assert_eq!(with(&[("request-id", "a")]).as_deref(), Some("a"));
    assert_eq!(with(&[("x-correlation-id", "b")]).as_deref(), Some("b"));
    assert_eq!(with(&[("x-amzn-requestid", "c")]).as_deref(), Some("c"));
    assert_eq!(
        with(&[
            ("x-correlation-id", "b"),
            ("request-id", "a"),
            ("x-request-id", "r")
        ])
        .as_deref(),
        Some("r")
    );
    assert_eq!(
        with(&[("x-correlation-id", "b"), ("request-id", "a")]).as_deref(),
        Some("a")
    );
    assert_eq!(
        with(&[("x-request-id", " "), ("x-correlation-id", "b")]).as_deref(),
        Some("b"),
        "a blank value is no id"
    );
    assert_eq!(with(&[("x-trace-id", "t")]), None);
    // The body's own id still comes first.
    let mut headers = json_headers("application/json");
    headers.insert("request-id", HeaderValue::from_static("a"));
    let flat = br#"{"code":"X","message":"m","requestId":"req-body"}"#;
    let remote = RemoteError::parse(StatusCode::BAD_REQUEST, &headers, flat).unwrap();
    assert_eq!(remote.request_id(), Some("req-body"));
}

#[test]
fn a_message_is_never_empty_when_the_response_had_one() {
    let problem = json_headers("application/problem+json");
    let remote = RemoteError::parse(
        StatusCode::SERVICE_UNAVAILABLE,
        &problem,
        br#"{"type":"about:blank","status":503}"#,
    )
    .unwrap();
    assert_eq!(remote.message(), "Service Unavailable");
    assert_eq!(
        remote.to_string(),
        "503 SERVICE_UNAVAILABLE: Service Unavailable"
    );

    // The format's member, then a top-level `message`, `detail`, `title`, `error` string,
    // then the reason phrase; blank strings do not count. The member used is no extension.
    type Case = (u16, &'static [u8], &'static str, Vec<(String, Value)>);
    let table: [Case; 9] = [
        (
            404,
            br#"{"status":404,"error":"Not Found","message":"No task 7","path":"/tasks/7"}"#,
            "No task 7",
            vec![
                ("error".to_owned(), json!("Not Found")),
                ("path".to_owned(), json!("/tasks/7")),
            ],
        ),
        (
            404,
            br#"{"status":404,"error":"Not Found","path":"/tasks/7"}"#,
            "Not Found",
            vec![("path".to_owned(), json!("/tasks/7"))],
        ),
        (
            409,
            br#"{"status":409,"title":"Task conflict","detail":" "}"#,
            "Task conflict",
            vec![],
        ),
        (409, br#"{"status":409,"title":""}"#, "Conflict", vec![]),
        (
            400,
            br#"{"code":"X","message":"","error":"bad input"}"#,
            "bad input",
            vec![],
        ),
        (
            400,
            br#"{"code":"X","message":"  "}"#,
            "Bad Request",
            vec![],
        ),
        (
            429,
            br#"{"code":429,"message":"","error":"slow down"}"#,
            "slow down",
            vec![],
        ),
        (
            500,
            br#"{"error":{"code":"X","message":""},"message":"upstream failed"}"#,
            "upstream failed",
            vec![],
        ),
        (
            503,
            br#"{"error":{"code":503,"message":"","status":"UNAVAILABLE"}}"#,
            "Service Unavailable",
            vec![],
        ),
    ];
    for (status, body, message, rest) in table {
        let remote = parse(status, body).unwrap();
        assert_eq!(
            remote.message(),
            message,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(
            extensions(&remote),
            rest,
            "{}",
            String::from_utf8_lossy(body)
        );
    }

    // A status without a reason phrase and a body without a message: no dangling colon.
    let remote = parse(599, br#"{"code":"X","message":""}"#).unwrap();
    assert_eq!(remote.message(), "");
    assert_eq!(remote.to_string(), "599 X");
    // A fallback without body text says the status's reason phrase.
    let fallback = parse(503, b" \n").unwrap_err().fallback();
    assert_eq!(
        fallback.to_string(),
        "503 SERVICE_UNAVAILABLE: Service Unavailable"
    );
    let fallback = parse(599, b"").unwrap_err().fallback();
    assert_eq!(fallback.to_string(), "599 STATUS_599");
}

#[test]
fn non_error_statuses_are_not_errors() {
    let cases: [(u16, &[u8], &str); 6] = [
        (304, b"", "304 Not Modified"),
        (200, br#"{"code":"X","message":"m"}"#, "200 OK"),
        (204, b"", "204 No Content"),
        (302, b"<html>moved</html>", "302 Found"),
        (
            200,
            br#"{"type":"about:blank","status":200,"detail":"fine"}"#,
            "200 OK",
        ),
        (299, br#"{"code":299,"message":"m"}"#, "299"),
    ];
    for (status, body, status_text) in cases {
        let error = parse(status, body).unwrap_err();
        assert_eq!(
            error.kind(),
            &ParseErrorKind::NotAnError {
                status: StatusCode::from_u16(status).unwrap()
            }
        );
        assert_eq!(error.status(), status);
        let text = format!(
            "a {status_text} response is not an error: neither its status nor its body names a 4xx or 5xx status"
        );
        assert_eq!(error.to_string(), text);
        // What `.unwrap()` prints.
        assert_eq!(format!("{error:?}"), text);
        // The fallback is still an error: what a gateway answers for an unexpected reply.
        let fallback = error.fallback();
        assert_eq!(
            fallback.to_string(),
            format!(
                "502 BAD_GATEWAY: The upstream service answered {status_text}, which is not an error"
            )
        );
    }

    // A body that names a 4xx or 5xx status is an error whatever the response's status.
    for (status, body, named) in [
        (
            200,
            &br#"{"code":404,"message":"No such task","cause":"GONE"}"#[..],
            404,
        ),
        (200, br#"{"type":"about:blank","status":503}"#, 503),
        (
            302,
            br#"{"error":{"code":429,"message":"m","status":"RESOURCE_EXHAUSTED"}}"#,
            429,
        ),
    ] {
        let remote = parse(status, body).unwrap();
        assert_eq!(remote.status(), named);
    }

    // A body that cannot be read under an error status is still reported as such.
    let error = parse(502, b"").unwrap_err();
    assert_eq!(error.kind(), &ParseErrorKind::Empty);
    assert_eq!(
        format!("{error:?}"),
        "cannot read the error body of a 502 response: empty body"
    );
    assert!(format!("{error:#?}").starts_with("ParseError {\n    kind: Empty,\n    status: 502,"));
}

// ----- a gateway passes an upstream error on ----------------------------------------------------

/// Errors of the tasks API, as the server defines them.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs_url = "https://api.example.com/errors#{code}")]
pub enum TaskError {
    /// The requested task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task with ID {id} could not be found")]
    #[error("task {id} missing from store")]
    NotFound { id: u64 },

    /// Several fields failed validation.
    #[status(422)]
    #[code("VALIDATION_FAILED")]
    #[message("{count} fields failed validation")]
    #[error("validation failed")]
    Validation {
        count: usize,
        #[details]
        problems: Vec<Detail>,
    },

    /// Unexpected failure; the cause is logged, never sent.
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[error("database: {0}")]
    Database(#[source] std::io::Error),
}

fn validation() -> TaskError {
    TaskError::Validation {
        count: 2,
        problems: vec![
            Detail::new("title", "Too long")
                .with_location("body")
                .with_resource("Task")
                .with_code("too_long"),
            Detail::new("dueDate", "Not a date").with_location("query"),
        ],
    }
}

#[test]
fn a_gateway_passes_an_upstream_error_on_in_another_format() {
    let upstream = round_trip(&validation(), Format::Problem, &context());
    // Formats that carry the code and all five detail parts hand them on unchanged.
    for format in [Format::Problem, Format::Nested] {
        let passed_on = round_trip(&upstream, format, &Context::default());
        assert_eq!(passed_on.status(), 422);
        assert_eq!(passed_on.code(), "VALIDATION_FAILED");
        assert_eq!(passed_on.message(), "2 fields failed validation");
        assert_eq!(passed_on.details(), validation().details(), "{format}");
    }
    // The others keep what they carry.
    let flat = round_trip(&upstream, Format::Flat, &Context::default());
    assert_eq!(
        (flat.code(), flat.message().as_ref()),
        ("VALIDATION_FAILED", "2 fields failed validation")
    );
    assert_eq!(
        flat.details().into_owned(),
        vec![
            Detail::new("title", "Too long").with_location("body"),
            Detail::new("dueDate", "Not a date").with_location("query"),
        ]
    );
    let simple = round_trip(&upstream, Format::Simple, &Context::default());
    assert_eq!(simple.code(), "VALIDATION_FAILED");
    assert_eq!(
        simple.details().into_owned(),
        vec![
            Detail::new("title", "Too long")
                .with_resource("Task")
                .with_code("too_long"),
            Detail::new("dueDate", "Not a date"),
        ]
    );
    let google = round_trip(&upstream, Format::Google, &Context::default());
    assert_eq!(google.code(), "VALIDATION_FAILED");
    assert_eq!(
        google.details().into_owned(),
        vec![
            Detail::new("title", "Too long"),
            Detail::new("dueDate", "Not a date"),
        ]
    );
    // A Flat error passed on as Problem keeps its code and message; its request id is the
    // gateway's, from the gateway's context.
    let flat_upstream = round_trip(&TaskError::NotFound { id: 1 }, Format::Flat, &context());
    let ctx = Context::default().with_request_id("gateway-1");
    let response = apierror::to_response(&flat_upstream, Format::Problem, &ctx);
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Task with ID 1 could not be found","code":"TASK_NOT_FOUND"}"#
    );
    assert_eq!(response.headers()["x-request-id"], "gateway-1");
}

#[test]
fn a_5xx_passes_on_as_the_upstream_worded_it() {
    let upstream = round_trip(
        &TaskError::Database(std::io::Error::other("password=hunter2")),
        Format::Flat,
        &context(),
    );
    assert_eq!(
        upstream.message(),
        "An unexpected error occurred. Please try again later."
    );
    let body = apierror::to_json(&upstream, Format::Simple, &context());
    assert_eq!(
        std::str::from_utf8(&body).unwrap(),
        r#"{"code":500,"message":"An unexpected error occurred. Please try again later.","cause":"SERVER_ERROR"}"#
    );
}

#[test]
fn spec_finds_the_code_in_the_servers_catalog() {
    let remote = round_trip(&TaskError::NotFound { id: 7 }, Format::Google, &context());
    let spec = remote.spec::<TaskError>().unwrap();
    assert_eq!(spec.code, "TASK_NOT_FOUND");
    assert_eq!(spec.status, 404);
    assert_eq!(spec.title, "The requested task does not exist.");
    assert_eq!(
        spec.message_template,
        Some("Task with ID {id} could not be found")
    );
    assert_eq!(RemoteError::catalog().len(), 0);

    // ErrorList has no code; the status's (`NOT_FOUND`) is not one of the server's.
    let remote = round_trip(
        &TaskError::NotFound { id: 7 },
        Format::ErrorList,
        &context(),
    );
    assert_eq!(remote.spec::<TaskError>(), None);
    let remote = parse(404, br#"{"code":"USER_NOT_FOUND","message":"m"}"#).unwrap();
    assert_eq!(remote.spec::<TaskError>(), None);
}

// ----- reqwest against a real server ------------------------------------------------------------

async fn serve(app: axum::Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

fn axum_response(err: &dyn ApiError, format: Format) -> axum::response::Response {
    apierror::to_response(err, format, &context()).map(axum::body::Body::from)
}

#[tokio::test]
async fn reqwest_reads_a_real_servers_errors() {
    use axum::extract::Path;
    use axum::routing::get;

    let app = axum::Router::new()
        .route(
            "/tasks/{id}",
            get(|Path(id): Path<u64>| async move {
                axum_response(&TaskError::NotFound { id }, Format::Problem)
            }),
        )
        .route(
            "/validate/{format}",
            get(|Path(format): Path<String>| async move {
                axum_response(&validation(), format.parse().unwrap())
            }),
        )
        .route(
            "/proxy",
            get(|| async {
                (
                    StatusCode::BAD_GATEWAY,
                    [("x-request-id", "edge-1")],
                    "<html><body>502 Bad Gateway</body></html>",
                )
            }),
        )
        .route(
            "/huge",
            get(|| async {
                (
                    StatusCode::BAD_GATEWAY,
                    vec![b'x'; 3 * RemoteError::MAX_BODY_LEN],
                )
            }),
        );
    let address = serve(app).await;
    let client = reqwest::Client::new();
    let get = |path: &str| client.get(format!("http://{address}{path}")).send();

    // The future is `Send`, so it runs on any executor thread.
    fn assert_send<T: Send>(value: T) -> T {
        value
    }
    let err = assert_send(RemoteError::from_reqwest(get("/tasks/7").await.unwrap()))
        .await
        .unwrap();
    assert_eq!(err.format(), Format::Problem);
    assert_eq!(err.status(), 404);
    assert_eq!(err.code(), "TASK_NOT_FOUND");
    assert_eq!(err.message(), "Task with ID 7 could not be found");
    assert_eq!(err.request_id(), Some(REQUEST_ID));
    assert_eq!(
        err.docs_url().as_deref(),
        Some("https://api.example.com/errors#TASK_NOT_FOUND")
    );

    for format in Format::ALL {
        let err = RemoteError::from_reqwest(get(&format!("/validate/{format}")).await.unwrap())
            .await
            .unwrap();
        assert_eq!(err.format(), format);
        assert_eq!(err.status(), 422);
        assert_eq!(
            err,
            round_trip(&validation(), format, &context()),
            "{format}"
        );
    }

    let error = RemoteError::from_reqwest(get("/proxy").await.unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ParseErrorKind::NotJson { .. }),
        "{error}"
    );
    let fallback = error.fallback();
    assert_eq!(fallback.code(), "BAD_GATEWAY");
    assert_eq!(
        fallback.message(),
        "<html><body>502 Bad Gateway</body></html>"
    );
    assert_eq!(fallback.request_id(), Some("edge-1"));

    let error = RemoteError::from_reqwest(get("/huge").await.unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::TooLarge {
            len: RemoteError::MAX_BODY_LEN + 1
        }
    );
    assert_eq!(
        error.fallback().message(),
        "x".repeat(ParseError::FALLBACK_MESSAGE_LEN)
    );
}

/// A server that reads one request, writes a response head by hand, then `body` bytes, then
/// either closes the connection or keeps writing until the client hangs up. Returns the
/// address and a handle that yields how many body bytes were written.
async fn raw_server(
    head: &'static str,
    body: &'static [u8],
    endless: bool,
) -> (std::net::SocketAddr, tokio::task::JoinHandle<usize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let handle = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        // Read the request first: closing a socket with unread input resets the connection.
        let mut request = Vec::new();
        while !request.ends_with(b"\r\n\r\n") {
            stream.readable().await.unwrap();
            let mut buffer = [0; 1024];
            match stream.try_read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => request.extend_from_slice(&buffer[..n]),
                Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => continue,
                Err(error) => panic!("{error}"),
            }
        }
        let mut pending: Vec<u8> = [head.as_bytes(), body].concat();
        let mut written = 0;
        let chunk = vec![b'x'; 64 * 1024];
        loop {
            if pending.is_empty() {
                if !endless {
                    break;
                }
                pending.clone_from(&chunk);
            }
            if stream.writable().await.is_err() {
                break;
            }
            match stream.try_write(&pending) {
                Ok(n) => {
                    written += n;
                    pending.drain(..n);
                }
                Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => continue,
                Err(_) => break,
            }
        }
        written.saturating_sub(head.len())
    });
    (address, handle)
}

#[tokio::test]
async fn reqwest_stops_reading_an_endless_body_at_the_limit() {
    let (address, server) = raw_server(
        "HTTP/1.1 502 Bad Gateway\r\ncontent-length: 1099511627776\r\nx-request-id: edge-2\r\n\r\n",
        b"",
        true,
    )
    .await;
    let response = reqwest::get(format!("http://{address}/")).await.unwrap();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        RemoteError::from_reqwest(response),
    )
    .await
    .expect("reading stops at the limit");
    let error = read.unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::TooLarge {
            len: RemoteError::MAX_BODY_LEN + 1
        }
    );
    assert_eq!(error.fallback().request_id(), Some("edge-2"));
    // The client hung up after about a mebibyte; the server stops when its writes fail.
    let written = tokio::time::timeout(std::time::Duration::from_secs(30), server)
        .await
        .unwrap()
        .unwrap();
    assert!(written < 64 * RemoteError::MAX_BODY_LEN, "{written}");
}

#[tokio::test]
async fn reqwest_reports_a_body_cut_off_midway() {
    let (address, server) = raw_server(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 1000\r\nretry-after: 5\r\n\r\n",
        br#"{"code":"DOWN","mess"#,
        false,
    )
    .await;
    let response = reqwest::get(format!("http://{address}/")).await.unwrap();
    server.await.unwrap();
    let error = RemoteError::from_reqwest(response).await.unwrap_err();
    let ParseErrorKind::Interrupted { reason } = error.kind() else {
        panic!("{error}");
    };
    assert!(
        reason.starts_with("error decoding response body"),
        "{reason}"
    );
    // The transport's error is kept as the source, for its type (`is_body`, `is_timeout`).
    let source = std::error::Error::source(&error).expect("the transport error");
    let transport = source
        .downcast_ref::<reqwest::Error>()
        .expect("a reqwest::Error");
    assert!(
        transport.is_body() || transport.is_decode(),
        "{transport:?}"
    );
    // The text does not repeat the source a chain printer shows (C-GOOD-ERR).
    assert_eq!(
        error.to_string(),
        "cannot read the error body of a 503 response: the body could not be read to its end"
    );
    assert_eq!(format!("{error:?}"), format!("{error}: {reason}"));
    assert_eq!(error.clone(), error);
    let fallback = error.into_fallback();
    assert_eq!(fallback.status(), 503);
    assert_eq!(fallback.code(), "SERVICE_UNAVAILABLE");
    assert_eq!(fallback.message(), r#"{"code":"DOWN","mess"#);
    assert_eq!(fallback.retry_after(), Some(5));
}

/// A gateway's handler returns the upstream's error: `RemoteError` is an axum response.
#[tokio::test]
async fn a_gateway_handler_returns_the_upstream_error_as_it_came() {
    use axum::routing::get;
    let upstream = br#"{"code":"TASK_NOT_FOUND","message":"Task with ID 7 could not be found","requestId":"req-up"}"#;
    let remote = RemoteError::parse(
        StatusCode::NOT_FOUND,
        &json_headers("application/json"),
        upstream,
    )
    .unwrap();
    let app = axum::Router::new().route(
        "/proxied",
        get(move || {
            let remote = remote.clone();
            async move { Err::<(), RemoteError>(remote) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let response = reqwest::Client::new()
        .get(format!("http://{addr}/proxied"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.bytes().await.unwrap();
    assert_eq!(
        std::str::from_utf8(&body).unwrap(),
        format!(
            r#"{{"code":"TASK_NOT_FOUND","message":"Task with ID 7 could not be found","requestId":"{id}"}}"#
        )
    );
}

#[test]
fn the_documented_limits_are_the_ones_applied() {
    // README ("Limits") states these numbers; the other tests use the constants.
    assert_eq!(RemoteError::MAX_BODY_LEN, 1024 * 1024);
    assert_eq!(ParseError::FALLBACK_MESSAGE_LEN, 512);
    let page = "x".repeat(600);
    let fallback = parse(502, page.as_bytes()).unwrap_err().fallback();
    assert_eq!(fallback.message().len(), 512);
    let too_large = vec![b'x'; 1024 * 1024 + 1];
    assert!(matches!(
        parse(502, &too_large).unwrap_err().kind(),
        ParseErrorKind::TooLarge { .. }
    ));
}

/// Seed 003's Simple body ("Example 2", with the braces the reference leaves out): its `errors`
/// entries have no `message` (DESIGN.md §4, Simple: "each omitted when absent"), so each reads
/// as a detail with the parts it has and an empty reason; the same in every reader.
#[test]
fn seed_003_simple_errors_without_a_message_are_details() {
    let body = br#"{"code":422,"message":"Unprocessable entity","cause":"Validation failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}]}"#;
    let remote = parse(422, body).unwrap();
    assert_eq!(remote.format(), Format::Simple);
    assert_eq!(remote.status(), 422);
    assert_eq!(remote.code(), "Validation failed");
    assert_eq!(remote.message(), "Unprocessable entity");
    let missing = Detail::new("title", "")
        .with_resource("Issue")
        .with_code("missing_field");
    assert_eq!(remote.details().into_owned(), vec![missing.clone()]);
    assert_eq!(extensions(&remote), vec![]);

    let problem = br##"{"type":"about:blank","status":422,"errors":[{"resource":"Issue","field":"title","code":"missing_field"},{"pointer":"#/age","code":"too_small"}]}"##;
    let remote = RemoteError::parse(
        StatusCode::UNPROCESSABLE_ENTITY,
        &json_headers("application/problem+json"),
        problem,
    )
    .unwrap();
    assert_eq!(
        remote.details().into_owned(),
        vec![missing, Detail::new("age", "").with_code("too_small")]
    );
}

/// A member a reader takes for the status but that names no error status (Twilio's own `code`
/// 20404, a `status` of 999 or 200 on an error response) is kept verbatim as an extension
/// (DESIGN.md §7: a member the reader claims but cannot map is kept).
#[test]
fn a_status_member_that_names_no_error_status_is_kept() {
    let twilio = br#"{"code":20404,"message":"The requested resource /Calls/CA1 was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}"#;
    let remote = parse(404, twilio).unwrap();
    assert_eq!(remote.format(), Format::Simple);
    assert_eq!(remote.status(), 404);
    assert_eq!(remote.code(), "NOT_FOUND");
    assert_eq!(
        extensions(&remote),
        vec![
            ("code".to_owned(), json!(20404)),
            (
                "more_info".to_owned(),
                json!("https://www.twilio.com/docs/errors/20404")
            ),
            ("status".to_owned(), json!(404)),
        ]
    );
    let problem = json_headers("application/problem+json");
    for status in [json!(999), json!(200), json!(404.5), json!(-1)] {
        let body = json!({"type": "about:blank", "status": status, "detail": "d"}).to_string();
        let remote =
            RemoteError::parse(StatusCode::BAD_REQUEST, &problem, body.as_bytes()).unwrap();
        assert_eq!(remote.status(), 400, "{body}");
        assert_eq!(
            extensions(&remote),
            vec![("status".to_owned(), status)],
            "{body}"
        );
    }
    // A status the body names is still taken, and decides a non-error response.
    let remote = parse(200, br#"{"code":404,"message":"m"}"#).unwrap();
    assert_eq!(remote.status(), 404);
    assert_eq!(extensions(&remote), vec![]);
}

/// A Google body without a `message` is still a Google body (an `error` object with a numeric
/// `code` and a `status`); the message falls back to the status's reason phrase.
#[test]
fn a_google_body_without_a_message_reads() {
    let remote = parse(404, br#"{"error":{"code":404,"status":"NOT_FOUND"}}"#).unwrap();
    assert_eq!(remote.format(), Format::Google);
    assert_eq!(remote.code(), "NOT_FOUND");
    assert_eq!(remote.message(), "Not Found");
    assert_eq!(extensions(&remote), vec![]);

    // Google's current `FieldViolation` has a `reason` beside its `description`: the code.
    let violations = br#"{"error":{"code":400,"message":"Bad email","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"email","description":"Invalid email","reason":"INVALID_EMAIL"}]}]}}"#;
    let remote = parse(400, violations).unwrap();
    assert_eq!(
        remote.details().into_owned(),
        vec![Detail::new("email", "Invalid email").with_code("INVALID_EMAIL")]
    );
    assert_eq!(extensions(&remote), vec![]);
}

/// R3: a Google body without `ErrorInfo` (or with an empty `reason`) has no code of its own;
/// the code is the SCREAMING_SNAKE reason phrase of the HTTP status, as for ErrorList (DESIGN.md
/// §7), not the gRPC `status` name, which differs from it for most statuses.
#[test]
fn a_google_body_without_error_info_takes_the_reason_phrase_as_its_code() {
    for (status, name, code) in [
        (404, "NOT_FOUND", "NOT_FOUND"),
        (409, "ABORTED", "CONFLICT"),
        (409, "ALREADY_EXISTS", "CONFLICT"),
        (422, "INVALID_ARGUMENT", "UNPROCESSABLE_ENTITY"),
        (400, "FAILED_PRECONDITION", "BAD_REQUEST"),
        (503, "UNAVAILABLE", "SERVICE_UNAVAILABLE"),
    ] {
        let body = format!(r#"{{"error":{{"code":{status},"message":"m","status":"{name}"}}}}"#);
        let remote = parse(status, body.as_bytes()).unwrap();
        assert_eq!(remote.format(), Format::Google);
        assert_eq!(remote.code(), code, "{body}");
        let empty = format!(
            r#"{{"error":{{"code":{status},"message":"m","status":"{name}","details":[{{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":""}}]}}}}"#
        );
        assert_eq!(
            parse(status, empty.as_bytes()).unwrap().code(),
            code,
            "{empty}"
        );
    }
    // With an ErrorInfo, its reason.
    let body = br#"{"error":{"code":409,"message":"m","status":"ABORTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_EXISTS"}]}}"#;
    assert_eq!(parse(409, body).unwrap().code(), "TASK_EXISTS");
}

/// Checks, while parsing, that no JSON object has a key twice.
struct UniqueKeys;

impl<'de> serde::Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = UniqueKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<UniqueKeys, A::Error> {
                let mut seen = std::collections::HashSet::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !seen.insert(key.clone()) {
                        return Err(serde::de::Error::custom(format!("the key {key:?} twice")));
                    }
                    map.next_value::<UniqueKeys>()?;
                }
                Ok(UniqueKeys)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<UniqueKeys, A::Error> {
                while seq.next_element::<UniqueKeys>()?.is_some() {}
                Ok(UniqueKeys)
            }
            fn visit_str<E>(self, _: &str) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_bool<E>(self, _: bool) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_u64<E>(self, _: u64) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_i64<E>(self, _: i64) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_f64<E>(self, _: f64) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_unit<E>(self) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// An error read from a body whose members clash with another envelope's own (Stripe's
/// `type`, Twilio's `status`, a Google v1 body's `errors`, a Problem's `message` and
/// `requestId`), passed on in every envelope, writes each key once: the envelope's own member
/// wins, and the others are still there.
#[test]
fn a_passed_on_error_writes_each_key_once() {
    let bodies: [(u16, &[u8]); 4] = [
        (402, br#"{"error":{"type":"card_error","code":"card_declined","message":"Your card was declined.","param":"number"}}"#),
        (404, br#"{"code":20404,"message":"Not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}"#),
        (404, br#"{"error":{"code":404,"message":"Not found","status":"NOT_FOUND","errors":[{"domain":"global","reason":"notFound","message":"Not found"}]}}"#),
        (400, br#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"D","message":"M","requestId":"rr","instance":"/i","code":"X","details":{"fields":[]}}"#),
    ];
    for (status, body) in bodies {
        let remote = parse(status, body).unwrap();
        for format in Format::ALL {
            let json = apierror::to_json(&remote, format, &context());
            let text = String::from_utf8_lossy(&json).into_owned();
            if let Err(error) = serde_json::from_slice::<UniqueKeys>(&json) {
                panic!("{format}: {error}: {text}");
            }
        }
        // An extension that clashes with no member of the envelope is kept.
        let flat = apierror::to_json(&remote, Format::Flat, &context());
        let flat: Value = serde_json::from_slice(&flat).unwrap();
        for (name, value) in extensions(&remote) {
            if !["code", "message", "details", "requestId"].contains(&name.as_str()) {
                assert_eq!(flat[&name], value, "{name}");
            }
        }
    }
    // The Problem body's own `message` and `requestId` are extensions; passed on as Flat, the
    // envelope writes its own.
    let remote = parse(400, bodies[3].1).unwrap();
    let flat = apierror::to_json(&remote, Format::Flat, &context());
    let flat: Value = serde_json::from_slice(&flat).unwrap();
    assert_eq!(flat["message"], "D");
    assert_eq!(flat["requestId"], REQUEST_ID);
}

/// A Google body's `status` name is kept whatever `ErrorInfo` says (or whether there is one):
/// passed on as Google the error says the same name, not the one its HTTP status maps to.
/// A name that is no gRPC error code (`OK`, a made-up one) is the envelope's mark only.
#[test]
fn a_google_body_keeps_its_status_name_when_passed_on() {
    let info = r#","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_EXISTS"}]"#;
    for (status, name, details, kept, written) in [
        (
            409,
            "ALREADY_EXISTS",
            "",
            Some("ALREADY_EXISTS"),
            "ALREADY_EXISTS",
        ),
        (
            409,
            "ALREADY_EXISTS",
            info,
            Some("ALREADY_EXISTS"),
            "ALREADY_EXISTS",
        ),
        (409, "ABORTED", info, Some("ABORTED"), "ABORTED"),
        (
            400,
            "OUT_OF_RANGE",
            "",
            Some("OUT_OF_RANGE"),
            "OUT_OF_RANGE",
        ),
        (500, "DATA_LOSS", info, Some("DATA_LOSS"), "DATA_LOSS"),
        (404, "NOT_FOUND", "", Some("NOT_FOUND"), "NOT_FOUND"),
        (409, "OK", "", None, "ABORTED"),
        (409, "SOMETHING_ELSE", info, None, "ABORTED"),
    ] {
        let body = format!(
            r#"{{"error":{{"code":{status},"message":"Exists","status":"{name}"{details}}}}}"#
        );
        let remote = parse(status, body.as_bytes()).unwrap();
        assert_eq!(remote.grpc_code(), kept, "{body}");
        let again = apierror::to_json(&remote, Format::Google, &context());
        let reason = if details.is_empty() {
            apierror::HttpError::code_for(StatusCode::from_u16(status).unwrap())
        } else {
            "TASK_EXISTS".to_owned()
        };
        let expected = format!(
            r#"{{"error":{{"code":{status},"message":"Exists","status":"{written}","details":[{{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"{reason}"}}]}}}}"#
        );
        assert_eq!(String::from_utf8(again).unwrap(), expected, "{body}");
    }
    // Another envelope names no gRPC code.
    let flat = parse(409, br#"{"code":"TASK_EXISTS","message":"Exists"}"#).unwrap();
    assert_eq!(flat.grpc_code(), None);
    let again = apierror::to_json(&flat, Format::Google, &context());
    assert!(
        String::from_utf8(again)
            .unwrap()
            .contains(r#""status":"ABORTED""#)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A gateway passes an upstream error on unchanged (DESIGN.md §7): whatever the error, a
    /// response rendered in any of the six formats, read back and rendered again in the same
    /// format with the same request context, is the same response byte for byte. (A blank
    /// message is the exception DESIGN.md §7 makes: it reads back as the reason phrase; so is
    /// a detail without a field and with a blank reason, a blank message in
    /// ErrorList, whose entries' messages are the details'.)
    #[test]
    fn every_format_renders_again_what_it_read(err in generated()) {
        prop_assume!(!err.message().trim().is_empty());
        prop_assume!(err
            .details()
            .iter()
            .all(|detail| detail.field.is_some() || !detail.reason.trim().is_empty()));
        for format in Format::ALL {
            let ctx = context();
            let first = apierror::to_response(&err, format, &ctx);
            let remote = RemoteError::parse(first.status(), first.headers(), first.body())
                .map_err(|error| TestCaseError::fail(format!("{format}: {error}")))?;
            let again = apierror::to_response(&remote, format, &ctx);
            prop_assert_eq!(response_text(&again), response_text(&first), "{}", format);
        }
    }
}

/// DESIGN.md §7's amended rules, one by one, on foreign bodies as their services print them.
#[test]
fn foreign_bodies_follow_the_amended_rules() {
    let read = |status: u16, content_type: &'static str, body: &[u8]| {
        RemoteError::parse(
            StatusCode::from_u16(status).unwrap(),
            &json_headers(content_type),
            body,
        )
    };
    // Stripe: Nested; a member the reader does not map is kept verbatim as an extension.
    let stripe = read(402, "application/json", br#"{"error":{"type":"card_error","code":"card_declined","message":"Your card was declined.","param":"number"}}"#).unwrap();
    assert_eq!(
        (stripe.format(), stripe.code(), &*stripe.message()),
        (Format::Nested, "card_declined", "Your card was declined.")
    );
    assert_eq!(
        extensions(&stripe),
        vec![
            ("type".to_owned(), json!("card_error")),
            ("param".to_owned(), json!("number"))
        ]
    );
    // RFC 9457 with `errors` of JSON Pointers: dotted paths; no `detail`, so the message falls
    // back to `title`; no `code`, so the code is the status's reason phrase.
    let problem = read(400, "application/problem+json", br##"{"type":"https://example.net/validation-error","title":"Your request is not valid.","errors":[{"detail":"must be a positive integer","pointer":"#/age"},{"detail":"must be 'green', 'red' or 'blue'","pointer":"#/profile/color"}]}"##).unwrap();
    assert_eq!(
        (problem.format(), problem.code(), &*problem.message()),
        (Format::Problem, "BAD_REQUEST", "Your request is not valid.")
    );
    assert_eq!(
        problem.details().into_owned(),
        vec![
            Detail::new("age", "must be a positive integer"),
            Detail::new("profile.color", "must be 'green', 'red' or 'blue'"),
        ]
    );
    assert_eq!(
        problem.docs_url().as_deref(),
        Some("https://example.net/validation-error")
    );
    // Asana's ErrorList: the phrase of a 5xx, the docs URL of `help`.
    let asana = read(500, "application/json", br#"{"errors":[{"message":"Server Error","help":"For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors","phrase":"6 sad squid snuggle softly"}]}"#).unwrap();
    assert_eq!(
        (asana.format(), asana.code(), &*asana.message()),
        (Format::ErrorList, "INTERNAL_SERVER_ERROR", "Server Error")
    );
    assert_eq!(asana.phrase(), Some(PHRASE));
    assert_eq!(
        asana.docs_url().as_deref(),
        Some("https://developers.asana.com/docs/errors")
    );
    // Google with a detail type it does not read: kept verbatim (as `details`), after
    // ErrorInfo's metadata; the `status` name kept.
    let google = read(429, "application/json", br#"{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"project:1","description":"limit"}]},{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"service":"x"}}]}}"#).unwrap();
    assert_eq!(
        (google.code(), google.domain(), google.grpc_code()),
        (
            "RATE_LIMIT_EXCEEDED",
            Some("googleapis.com"),
            Some("RESOURCE_EXHAUSTED")
        )
    );
    assert_eq!(
        extensions(&google),
        vec![
            ("service".to_owned(), json!("x")),
            (
                "details".to_owned(),
                json!([{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"project:1","description":"limit"}]}])
            ),
        ]
    );
    // A 200 whose body names 404 is that error, in each format that has a status in its body.
    for (content_type, body, format) in [
        (
            "application/json",
            &br#"{"code":404,"message":"gone"}"#[..],
            Format::Simple,
        ),
        (
            "application/problem+json",
            br#"{"title":"Not Found","status":404,"detail":"gone"}"#,
            Format::Problem,
        ),
        (
            "application/json",
            br#"{"error":{"code":404,"message":"gone","status":"NOT_FOUND"}}"#,
            Format::Google,
        ),
    ] {
        let named = read(200, content_type, body).unwrap();
        assert_eq!(
            (
                named.status(),
                named.format(),
                named.code(),
                &*named.message()
            ),
            (StatusCode::NOT_FOUND, format, "NOT_FOUND", "gone")
        );
    }
    // A 3xx with an error-looking body that names no status, or with a page: not an error, a
    // 502 fallback naming the real status.
    for (content_type, body) in [
        (
            "application/json",
            &br#"{"code":"MOVED","message":"moved"}"#[..],
        ),
        ("text/html", b"<html>moved</html>"),
    ] {
        let error = read(302, content_type, body).unwrap_err();
        assert_eq!(
            error.kind(),
            &ParseErrorKind::NotAnError {
                status: StatusCode::FOUND
            }
        );
        let fallback = error.fallback();
        assert_eq!(
            (fallback.status(), fallback.code(), &*fallback.message()),
            (
                StatusCode::BAD_GATEWAY,
                "BAD_GATEWAY",
                "The upstream service answered 302 Found, which is not an error"
            )
        );
    }
    // Not UTF-8: where; the fallback's message is the text, lossy.
    let error = read(
        400,
        "application/json",
        b"{\"code\":\"X\",\"message\":\"caf\xe9\"}",
    )
    .unwrap_err();
    assert_eq!(error.kind(), &ParseErrorKind::NotUtf8 { valid_up_to: 26 });
    assert_eq!(
        error.fallback().message(),
        "{\"code\":\"X\",\"message\":\"caf\u{fffd}\"}"
    );
    // A byte order mark is skipped.
    let bom = read(
        400,
        "application/json",
        "\u{feff}{\"code\":\"X\",\"message\":\"bom\"}".as_bytes(),
    )
    .unwrap();
    assert_eq!((bom.code(), &*bom.message()), ("X", "bom"));
    // 1 MiB reads; 1 MiB + 1 is refused before parsing, its fallback clipped to 512 bytes.
    let mut body = br#"{"code":"X","message":""#.to_vec();
    body.resize(RemoteError::MAX_BODY_LEN - 2, b'a');
    body.extend_from_slice(br#""}"#);
    assert_eq!(read(400, "application/json", &body).unwrap().code(), "X");
    body.insert(body.len() - 2, b'a');
    let error = read(400, "application/json", &body).unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::TooLarge {
            len: RemoteError::MAX_BODY_LEN + 1
        }
    );
    assert_eq!(
        error.fallback().message(),
        String::from_utf8_lossy(&body[..512])
    );
    // No known envelope: GitHub's (its `errors` entries have no `message`), OAuth's
    // `{"error":"invalid_grant"}`, a lone `message`. A ParseError naming what was found, whose
    // fallback's message is the body's text (DESIGN.md §7), status and code from the head.
    for (body, members) in [
        (
            &br#"{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}],"documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue"}"#[..],
            vec![("message", JsonType::Str), ("errors", JsonType::Array), ("documentation_url", JsonType::Str)],
        ),
        (br#"{"error":"invalid_grant"}"#, vec![("error", JsonType::Str)]),
        (
            br#"{"error":"invalid_grant","error_description":"Bad code"}"#,
            vec![("error", JsonType::Str), ("error_description", JsonType::Str)],
        ),
        (br#"{"message":"Only a message"}"#, vec![("message", JsonType::Str)]),
    ] {
        let error = read(422, "application/json", body).unwrap_err();
        let total = members.len();
        let members = members.into_iter().map(|(name, kind)| (name.to_owned(), kind)).collect();
        assert_eq!(error.kind(), &ParseErrorKind::UnknownShape { members, total });
        let fallback = error.fallback();
        assert_eq!(
            (fallback.status(), fallback.code(), &*fallback.message()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "UNPROCESSABLE_ENTITY",
                std::str::from_utf8(body).unwrap()
            )
        );
    }
}

/// A Google `Help` the writer would not make of the docs URL alone (AIP-193's `SERVICE_DISABLED`
/// example, whose link is described by what it is; several links; a link without a
/// description) is passed on as sent, in place of one described by the code: the body stays the
/// same bytes. Its first URL is still the docs URL (Problem's `type`), and every other format
/// keeps the `Help` whole in `details`.
#[test]
fn a_google_help_not_described_by_the_code_passes_on_unchanged() {
    let bodies = [
        concat!(
            r#"{"error":{"code":403,"message":"Cloud Pub/Sub API has not been used in project 123 before or it is disabled.","status":"PERMISSION_DENIED","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED","domain":"googleapis.com","metadata":{"service":"pubsub.googleapis.com","consumer":"projects/123"}},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"Cloud Pub/Sub API has not been used in project 123 before or it is disabled."},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Google developers console API activation","url":"https://console.developers.google.com/apis/api/pubsub.googleapis.com/overview?project=123"}]}"#,
            r#"]}}"#
        ),
        concat!(
            r#"{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Request a higher quota limit.","url":"https://cloud.google.com/docs/quotas#requesting_higher_quota"},{"description":"RATE_LIMIT_EXCEEDED","url":"https://cloud.google.com/docs/quotas"}]}"#,
            r#"]}}"#
        ),
        concat!(
            r#"{"error":{"code":404,"message":"Gone","status":"NOT_FOUND","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_GONE"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"url":"https://example.com/errors#TASK_GONE"}]}"#,
            r#"]}}"#
        ),
    ];
    let first_urls = [
        "https://console.developers.google.com/apis/api/pubsub.googleapis.com/overview?project=123",
        "https://cloud.google.com/docs/quotas#requesting_higher_quota",
        "https://example.com/errors#TASK_GONE",
    ];
    for (sent, url) in bodies.into_iter().zip(first_urls) {
        let value: Value = serde_json::from_str(sent).unwrap();
        let status = StatusCode::from_u16(value["error"]["code"].as_u64().unwrap() as u16).unwrap();
        let remote = RemoteError::parse(status, &HeaderMap::new(), sent.as_bytes()).unwrap();
        assert_eq!(remote.docs_url().as_deref(), Some(url));
        let again = apierror::to_json(&remote, Format::Google, &Context::default());
        assert_eq!(String::from_utf8(again).unwrap(), sent);
        let help = value["error"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["@type"] == "type.googleapis.com/google.rpc.Help")
            .unwrap();
        assert_eq!(remote.extension("details"), Some(&json!([help])));
        let problem = apierror::to_json(&remote, Format::Problem, &Context::default());
        let problem: Value = serde_json::from_slice(&problem).unwrap();
        assert_eq!(problem["type"], url);
    }
}

/// Google bodies from Google's own APIs (AIP-193's examples: a `LocalizedMessage`, a
/// `QuotaFailure` apierror does not read, metadata in the order sent) passed on as Google are
/// the same bytes: the entries the error's members do not say again are written back as
/// they were, after its own, and not as `ErrorInfo.metadata`. The unread types are still an
/// extension (`details`) for every other format (DESIGN.md §7).
#[test]
fn google_bodies_of_other_apis_pass_on_unchanged() {
    let bodies = [
        (
            400,
            r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"translate.googleapis.com"}},{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"API key not valid. Please pass a valid API key."}]}}"#,
        ),
        (
            429,
            r#"{"error":{"code":429,"message":"Quota exceeded for quota metric 'Read requests'.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"service":"sheets.googleapis.com","quota_limit":"ReadRequestsPerMinutePerUser","consumer":"projects/123"}},{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"project:123","description":"Read requests per minute \u003c= 60"}]}]}}"#,
        ),
    ];
    for (status, sent) in bodies {
        let status = StatusCode::from_u16(status).unwrap();
        let remote = RemoteError::parse(status, &HeaderMap::new(), sent.as_bytes()).unwrap();
        let again = apierror::to_json(&remote, Format::Google, &Context::default());
        let again = String::from_utf8(again).unwrap();
        // serde_json writes `<` literally, as DESIGN.md §4 asks; the rest is as sent.
        assert_eq!(again, sent.replace("\\u003c", "<"), "{status}");
    }
    let quota = RemoteError::parse(
        StatusCode::TOO_MANY_REQUESTS,
        &HeaderMap::new(),
        bodies[1].1.as_bytes(),
    )
    .unwrap();
    assert_eq!(
        quota.extension("details"),
        Some(&serde_json::json!([{
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            "violations": [{"subject": "project:123", "description": "Read requests per minute <= 60"}]
        }]))
    );
}

/// An extension's objects pass on with their members in the order they were sent (DESIGN.md
/// §7: a member the reader cannot map is kept verbatim), not sorted as a `serde_json::Value`
/// holds them: the error's own `Serialize` order, and a foreign body's.
#[test]
fn extension_objects_pass_on_with_their_members_in_the_order_sent() {
    #[derive(Debug, serde::Serialize)]
    struct Charge {
        id: &'static str,
        amount: u64,
        outcome: Outcome,
    }
    #[derive(Debug, serde::Serialize)]
    struct Outcome {
        zeta: bool,
        alpha: &'static str,
    }
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(domain = "payments.example.com")]
    enum PaymentError {
        #[status(402)]
        #[code("CARD_DECLINED")]
        #[message("The card was declined")]
        #[error("declined")]
        Declined {
            #[extension("charge")]
            charge: Charge,
        },
    }
    let err = PaymentError::Declined {
        charge: Charge {
            id: "ch_1",
            amount: 2000,
            outcome: Outcome {
                zeta: true,
                alpha: "issuer_declined",
            },
        },
    };
    for format in Format::ALL {
        let sent = apierror::to_json(&err, format, &context());
        // Google's metadata holds the object as its JSON text (escaped), in the same order.
        let written = String::from_utf8_lossy(&sent).replace(r#"\""#, "\"");
        assert!(
            written.contains(
                r#"{"id":"ch_1","amount":2000,"outcome":{"zeta":true,"alpha":"issuer_declined"}}"#
            ),
            "{format}: {}",
            String::from_utf8_lossy(&sent)
        );
        let remote = round_trip(&err, format, &context());
        assert_eq!(
            String::from_utf8_lossy(&apierror::to_json(&remote, format, &context())),
            String::from_utf8_lossy(&sent),
            "{format}"
        );
        // The accessor lends the same value.
        let charge = match format {
            // Google's metadata holds an object as its JSON text.
            Format::Google => {
                serde_json::from_str(remote.extension("charge").unwrap().as_str().unwrap()).unwrap()
            }
            _ => remote.extension("charge").unwrap().clone(),
        };
        assert_eq!(
            charge,
            json!({"id": "ch_1", "amount": 2000, "outcome": {"zeta": true, "alpha": "issuer_declined"}}),
            "{format}"
        );
    }
    let foreign = br#"{"error":{"code":"E","message":"m","details":{"ctx":{"zeta":1,"alpha":[{"y":2,"b":3}]}}}}"#;
    let remote = RemoteError::parse(
        StatusCode::BAD_REQUEST,
        &json_headers("application/json"),
        foreign,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&apierror::to_json(&remote, Format::Nested, &context())),
        String::from_utf8_lossy(foreign)
    );
}

/// An ErrorList 5xx passed on keeps the support phrase it was sent with, in a service's own
/// context (a request id, no fixed phrase): the body read back and rendered again is the body
/// sent, so support finds the phrase in both services' logs. Other errors still get a fresh
/// phrase each time.
#[test]
fn an_upstream_error_list_phrase_is_passed_on() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(format = "error_list")]
    enum Upstream {
        #[status(500)]
        #[error("database down")]
        DatabaseDown,
    }
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Gateway {
        #[transparent]
        #[error(transparent)]
        Upstream(RemoteError),
    }

    let ctx = Context::default().with_request_id("req-7");
    let sent = apierror::to_response(&Upstream::DatabaseDown, Format::ErrorList, &ctx);
    let read = || RemoteError::parse(sent.status(), sent.headers(), sent.body()).unwrap();
    let phrase = read().phrase().unwrap().to_owned();
    assert_eq!(read().format(), Format::ErrorList);
    for again in [
        apierror::to_json(&read(), Format::ErrorList, &ctx),
        apierror::to_json(&Gateway::Upstream(read()), Format::ErrorList, &ctx),
        apierror::to_response(&read(), Format::ErrorList, &ctx).into_body(),
    ] {
        assert_eq!(
            String::from_utf8(again).unwrap(),
            String::from_utf8_lossy(sent.body())
        );
    }
    // A fixed phrase in the context does not replace the upstream's.
    let fixed = ctx.clone().with_phrase("1 calm cat naps quietly");
    let again: Value =
        serde_json::from_slice(&apierror::to_json(&read(), Format::ErrorList, &fixed)).unwrap();
    assert_eq!(again["errors"][0]["phrase"], phrase.as_str());
    // The service's own 5xx gets a fresh phrase each time (two equal in a row would be a
    // 1-in-millions coincidence; ten in a row, none).
    let phrases: std::collections::HashSet<String> = (0..10)
        .map(|_| {
            let body = apierror::to_json(&Upstream::DatabaseDown, Format::ErrorList, &ctx);
            let body: Value = serde_json::from_slice(&body).unwrap();
            body["errors"][0]["phrase"].as_str().unwrap().to_owned()
        })
        .collect();
    assert!(phrases.len() > 1, "{phrases:?}");
    // An upstream "phrase" of another shape is not written again (the body keeps its schema's
    // pattern): the context's, else a fresh one.
    let odd =
        br#"{"errors":[{"message":"Server error","phrase":"ref: ABC-123\nsee status page"}]}"#;
    let odd = RemoteError::parse(
        http::StatusCode::INTERNAL_SERVER_ERROR,
        &HeaderMap::new(),
        odd,
    )
    .unwrap();
    assert_eq!(odd.phrase(), Some("ref: ABC-123\nsee status page"));
    let again: Value =
        serde_json::from_slice(&apierror::to_json(&odd, Format::ErrorList, &fixed)).unwrap();
    assert_eq!(again["errors"][0]["phrase"], "1 calm cat naps quietly");
    let again: Value =
        serde_json::from_slice(&apierror::to_json(&odd, Format::ErrorList, &ctx)).unwrap();
    let schema = Format::ErrorList.json_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&again), "{again}");
}

/// A gateway's own error type wrapping the upstream error (`#[transparent]`) passes it on as
/// `RemoteError` itself does: a Google body's entries its members do not say again (a
/// `LocalizedMessage`, a type apierror does not read, a `Help` described otherwise than by
/// the code) and its violations' `localizedMessage`s come out the same bytes through the
/// wrapper (DESIGN.md §7), in a type with a domain of its own and in one without.
#[test]
fn a_transparent_wrapper_of_an_upstream_error_passes_it_on_unchanged() {
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Gateway {
        #[transparent]
        #[error(transparent)]
        Upstream(RemoteError),
        #[status(503)]
        #[error("no upstream")]
        NoUpstream,
    }

    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(format = "google", domain = "gateway.example.com")]
    enum OwnDomain {
        #[transparent]
        #[error(transparent)]
        Upstream(RemoteError),
        #[status(503)]
        #[code("NO_UPSTREAM")]
        #[error("no upstream")]
        NoUpstream,
    }

    let bodies = [
        r#"{"error":{"code":403,"message":"Cloud Pub/Sub API has not been used in project 123 before or it is disabled.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED","domain":"googleapis.com","metadata":{"service":"pubsub.googleapis.com","consumer":"projects/123"}},{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"Cloud Pub/Sub API has not been used in project 123 before or it is disabled."},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Google developers console API activation","url":"https://console.developers.google.com/apis/api/pubsub.googleapis.com/overview?project=123"}]}]}}"#,
        r#"{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"service":"sheets.googleapis.com"}},{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"project:123","description":"Read requests per minute"}]}]}}"#,
        r#"{"error":{"code":400,"message":"Invalid title","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_TITLE","domain":"tasks.example.com"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"title","description":"Must not be empty","localizedMessage":{"locale":"fr","message":"Le titre ne doit pas être vide"}}]}]}}"#,
        // A gRPC code other than the status's own (409's is ABORTED).
        r#"{"error":{"code":409,"message":"Task exists","status":"ALREADY_EXISTS","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_EXISTS","domain":"tasks.example.com"}]}}"#,
    ];
    for sent in bodies {
        let value: Value = serde_json::from_str(sent).unwrap();
        let status = StatusCode::from_u16(value["error"]["code"].as_u64().unwrap() as u16).unwrap();
        let read = || RemoteError::parse(status, &HeaderMap::new(), sent.as_bytes()).unwrap();
        let ctx = Context::default();
        let direct = String::from_utf8(apierror::to_json(&read(), Format::Google, &ctx)).unwrap();
        assert_eq!(direct, sent);
        let wrapped = apierror::to_json(&Gateway::Upstream(read()), Format::Google, &ctx);
        assert_eq!(String::from_utf8(wrapped).unwrap(), sent);
        let own = apierror::to_json(&OwnDomain::Upstream(read()), Format::Google, &ctx);
        assert_eq!(String::from_utf8(own).unwrap(), sent);
    }
    // The types' own variants are unchanged, and their catalogs hold only them: an upstream's
    // codes are not known at compile time.
    assert_eq!(
        String::from_utf8(apierror::to_json(
            &Gateway::NoUpstream,
            Format::Google,
            &Context::default().with_request_id("req-1")
        ))
        .unwrap(),
        r#"{"error":{"code":503,"message":"The service is temporarily unavailable. Please try again later.","status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"NO_UPSTREAM"}]}}"#
    );
    let own = apierror::to_json(&OwnDomain::NoUpstream, Format::Google, &Context::default());
    let own: Value = serde_json::from_slice(&own).unwrap();
    assert_eq!(own["error"]["details"][0]["domain"], "gateway.example.com");
    let codes =
        |catalog: apierror::Catalog| catalog.iter().map(|spec| spec.code).collect::<Vec<_>>();
    assert_eq!(codes(Gateway::catalog()), ["NO_UPSTREAM"]);
    assert_eq!(codes(OwnDomain::catalog()), ["NO_UPSTREAM"]);
    // Listed in a service's catalog, `RemoteError` and `HttpError` add no codes and no format:
    // the documents take the next type's.
    apierror::catalog!(UPSTREAM_FIRST = [RemoteError, apierror::HttpError, OwnDomain]);
    assert_eq!(codes(UPSTREAM_FIRST), ["NO_UPSTREAM"]);
    assert_eq!(UPSTREAM_FIRST.format(), Format::Google);
    assert_eq!(RemoteError::catalog().name(), "apierror::RemoteError");
    assert!(apierror::HttpError::catalog().is_empty());
}

/// A `RemoteError` (and an `HttpError`) is one pointer, so a `Result<T, RemoteError>` a client function returns
/// stays small (clippy's `result_large_err`, which `-D warnings` turns into an error for
/// every such function, fires above 128 bytes) and a gateway's enum wrapping one does not
/// grow (clippy's `large_enum_variant`).
#[test]
fn a_remote_error_is_one_pointer() {
    fn fetch(status: StatusCode, body: &[u8]) -> Result<(), RemoteError> {
        Err(RemoteError::parse(status, &HeaderMap::new(), body)
            .unwrap_or_else(ParseError::into_fallback))
    }
    assert_eq!(
        std::mem::size_of::<RemoteError>(),
        std::mem::size_of::<usize>()
    );
    assert_eq!(
        std::mem::size_of::<Result<(), RemoteError>>(),
        std::mem::size_of::<usize>()
    );
    // clippy's `result_large_err` threshold.
    assert!(std::mem::size_of::<Result<RemoteError, ParseError>>() <= 128);
    // So is a handler's `HttpError`.
    assert_eq!(
        std::mem::size_of::<Result<(), apierror::HttpError>>(),
        std::mem::size_of::<usize>()
    );
    let teapot = apierror::HttpError::new(StatusCode::IM_A_TEAPOT).with_message("Short and stout");
    assert!(
        format!("{teapot:?}").starts_with("HttpError { status: 418, code: \"IM_A_TEAPOT\""),
        "{teapot:?}"
    );
    let err = fetch(
        StatusCode::NOT_FOUND,
        br#"{"code":"NOT_FOUND","message":"No task 3"}"#,
    )
    .unwrap_err();
    assert_eq!((err.code(), &*err.message()), ("NOT_FOUND", "No task 3"));
    assert!(
        format!("{err:?}")
            .starts_with("RemoteError { status: 404, format: Flat, code: \"NOT_FOUND\""),
        "{err:?}"
    );
}
