//! `RemoteError::from_status` (feature `tonic`) on a `tonic::Status` made of an arbitrary code,
//! message, `grpc-status-details-bin` bytes (raw, or a `google.rpc.Status` of arbitrary
//! details) and arbitrary metadata; also `apierror::tonic::status_from_headers` on arbitrary
//! header bytes. Never panics; an `OK` status is a `ParseError`; an error reads into a 4xx/5xx
//! with a non-empty code; the error renders in every envelope as valid JSON and converts back
//! into a `Status` whose headers fit `MAX_STATUS_HEADER_BYTES` and which reads back to the same
//! HTTP status and code.
#![no_main]

use apierror::{ApiError, Context, Format, RemoteError};
use arbitrary::Arbitrary;
use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use prost::Message as _;
use tonic::metadata::{MetadataKey, MetadataMap, MetadataValue};
use tonic_types::pb;

const TYPES: [&str; 11] = [
    "type.googleapis.com/google.rpc.ErrorInfo",
    "type.googleapis.com/google.rpc.BadRequest",
    "type.googleapis.com/google.rpc.RetryInfo",
    "type.googleapis.com/google.rpc.Help",
    "type.googleapis.com/google.rpc.LocalizedMessage",
    "type.googleapis.com/google.rpc.RequestInfo",
    "type.googleapis.com/google.rpc.QuotaFailure",
    "type.googleapis.com/google.rpc.DebugInfo",
    "type.googleapis.com/google.rpc.PreconditionFailure",
    "type.googleapis.com/google.rpc.ResourceInfo",
    "type.googleapis.com/acme.v1.Custom",
];

#[derive(Arbitrary, Debug)]
enum Value {
    Raw(Vec<u8>),
    ErrorInfo { reason: String, domain: String, metadata: Vec<(String, String)> },
    BadRequest(Vec<(String, String, String, Option<(String, String)>)>),
    RetryInfo(Option<(i64, i32)>),
    Help(Vec<(String, String)>),
    LocalizedMessage(String, String),
    RequestInfo(String, String),
    QuotaFailure(Vec<(String, String)>),
    DebugInfo(Vec<String>, String),
    PreconditionFailure(Vec<(String, String, String)>),
    ResourceInfo(String, String, String, String),
}

#[derive(Arbitrary, Debug)]
enum TypeUrl {
    /// The type the value encodes.
    Own,
    Known(u8),
    Other(String),
}

#[derive(Arbitrary, Debug)]
struct Entry {
    type_url: TypeUrl,
    value: Value,
}

#[derive(Arbitrary, Debug)]
enum Details {
    None,
    Raw(Vec<u8>),
    Status {
        /// `None`: the status's own code (as a server writes it).
        code: Option<i32>,
        /// `None`: the status's own message.
        message: Option<String>,
        entries: Vec<Entry>,
    },
}

#[derive(Arbitrary, Debug)]
struct StatusInput {
    code: i32,
    message: String,
    details: Details,
    request_id: Option<Vec<u8>>,
    http_code: Option<HttpCode>,
    ascii: Vec<(String, Vec<u8>)>,
    binary: Vec<(String, Vec<u8>)>,
}

#[derive(Arbitrary, Debug)]
enum HttpCode {
    Number(u16),
    Bytes(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
enum Input {
    Status(StatusInput),
    /// `status_from_headers` on raw header bytes.
    Headers {
        grpc_status: Vec<u8>,
        grpc_message: Option<Vec<u8>>,
        details: Option<Vec<u8>>,
        /// base64 of `details` instead of `details` itself.
        encode: bool,
        others: Vec<(String, Vec<u8>)>,
    },
}

fn encode(value: &Value) -> (usize, Vec<u8>) {
    match value {
        Value::Raw(bytes) => (10, bytes.clone()),
        Value::ErrorInfo { reason, domain, metadata } => (
            0,
            pb::ErrorInfo {
                reason: reason.clone(),
                domain: domain.clone(),
                metadata: metadata.iter().cloned().collect(),
            }
            .encode_to_vec(),
        ),
        Value::BadRequest(violations) => (
            1,
            pb::BadRequest {
                field_violations: violations
                    .iter()
                    .map(|(field, description, reason, localized)| {
                        pb::bad_request::FieldViolation {
                            field: field.clone(),
                            description: description.clone(),
                            reason: reason.clone(),
                            localized_message: localized.as_ref().map(|(locale, message)| {
                                pb::LocalizedMessage {
                                    locale: locale.clone(),
                                    message: message.clone(),
                                }
                            }),
                        }
                    })
                    .collect(),
            }
            .encode_to_vec(),
        ),
        Value::RetryInfo(delay) => (
            2,
            pb::RetryInfo {
                retry_delay: delay.map(|(seconds, nanos)| prost_types::Duration { seconds, nanos }),
            }
            .encode_to_vec(),
        ),
        Value::Help(links) => (
            3,
            pb::Help {
                links: links
                    .iter()
                    .map(|(description, url)| pb::help::Link {
                        description: description.clone(),
                        url: url.clone(),
                    })
                    .collect(),
            }
            .encode_to_vec(),
        ),
        Value::LocalizedMessage(locale, message) => (
            4,
            pb::LocalizedMessage { locale: locale.clone(), message: message.clone() }
                .encode_to_vec(),
        ),
        Value::RequestInfo(request_id, serving_data) => (
            5,
            pb::RequestInfo { request_id: request_id.clone(), serving_data: serving_data.clone() }
                .encode_to_vec(),
        ),
        Value::QuotaFailure(violations) => (
            6,
            pb::QuotaFailure {
                violations: violations
                    .iter()
                    .map(|(subject, description)| pb::quota_failure::Violation {
                        subject: subject.clone(),
                        description: description.clone(),
                        ..Default::default()
                    })
                    .collect(),
            }
            .encode_to_vec(),
        ),
        Value::DebugInfo(stack_entries, detail) => (
            7,
            pb::DebugInfo { stack_entries: stack_entries.clone(), detail: detail.clone() }
                .encode_to_vec(),
        ),
        Value::PreconditionFailure(violations) => (
            8,
            pb::PreconditionFailure {
                violations: violations
                    .iter()
                    .map(|(r#type, subject, description)| pb::precondition_failure::Violation {
                        r#type: r#type.clone(),
                        subject: subject.clone(),
                        description: description.clone(),
                    })
                    .collect(),
            }
            .encode_to_vec(),
        ),
        Value::ResourceInfo(resource_type, resource_name, owner, description) => (
            9,
            pb::ResourceInfo {
                resource_type: resource_type.clone(),
                resource_name: resource_name.clone(),
                owner: owner.clone(),
                description: description.clone(),
            }
            .encode_to_vec(),
        ),
    }
}

fn status_of(input: &StatusInput) -> tonic::Status {
    let code = tonic::Code::from_i32(input.code);
    let details = match &input.details {
        Details::None => Bytes::new(),
        Details::Raw(bytes) => Bytes::from(bytes.clone()),
        Details::Status { code: details_code, message, entries } => {
            let details = entries
                .iter()
                .take(16)
                .map(|entry| {
                    let (own, value) = encode(&entry.value);
                    let type_url = match &entry.type_url {
                        TypeUrl::Own => TYPES[own].to_owned(),
                        TypeUrl::Known(index) => TYPES[usize::from(*index) % TYPES.len()].to_owned(),
                        TypeUrl::Other(url) => url.clone(),
                    };
                    prost_types::Any { type_url, value }
                })
                .collect();
            pb::Status {
                code: details_code.unwrap_or(code as i32),
                message: message.clone().unwrap_or_else(|| input.message.clone()),
                details,
            }
            .encode_to_vec()
            .into()
        }
    };
    let mut metadata = MetadataMap::new();
    if let Some(id) = &input.request_id
        && let Ok(value) = MetadataValue::try_from(id.as_slice())
    {
        metadata.insert("x-request-id", value);
    }
    match &input.http_code {
        Some(HttpCode::Number(n)) => {
            metadata.insert("x-http-code", MetadataValue::from(*n));
        }
        Some(HttpCode::Bytes(bytes)) => {
            if let Ok(value) = MetadataValue::try_from(bytes.as_slice()) {
                metadata.insert("x-http-code", value);
            }
        }
        None => {}
    }
    for (key, value) in input.ascii.iter().take(8) {
        if let (Ok(key), Ok(value)) = (
            MetadataKey::from_bytes(key.as_bytes()),
            MetadataValue::try_from(value.as_slice()),
        ) {
            metadata.append(key, value);
        }
    }
    for (key, value) in input.binary.iter().take(8) {
        if let Ok(key) = MetadataKey::from_bytes(format!("{key}-bin").as_bytes()) {
            metadata.append_bin(key, MetadataValue::from_bytes(value));
        }
    }
    tonic::Status::with_details_and_metadata(code, input.message.clone(), details, metadata)
}

/// What HTTP/2 counts for a header list: name + value + 32 per entry.
fn header_cost(status: &tonic::Status) -> usize {
    let response = status.clone().into_http::<()>();
    let mut cost = 0;
    for (name, value) in response.headers() {
        cost += name.as_str().len() + value.len() + 32;
    }
    cost
}

fn check(status: &tonic::Status) {
    let read = RemoteError::from_status(status);
    if status.code() == tonic::Code::Ok {
        let err = read.expect_err("an OK status is not an error");
        let fallback = err.into_fallback();
        assert!(fallback.status().is_client_error() || fallback.status().is_server_error());
        return;
    }
    let remote = read.expect("a status other than OK reads");
    let http = remote.status();
    assert!(
        http.is_client_error() || http.is_server_error(),
        "status {http} is no error"
    );
    assert!(!remote.code().is_empty(), "empty code");
    if !status.message().is_empty() {
        assert!(!remote.message().is_empty(), "the message was lost");
    }
    let ctx = Context::default();
    for format in Format::ALL {
        let response = apierror::to_response(&remote, format, &ctx);
        let body: serde_json::Value =
            serde_json::from_slice(response.body()).expect("every body is JSON");
        let _ = body;
    }
    // Passed on as a status: within the budget, and read back the same.
    let again = apierror::tonic::to_status(&remote, &ctx);
    let cost = header_cost(&again);
    let code_len = remote.code().len() + remote.domain().map_or(0, str::len);
    if code_len < 1024 {
        assert!(
            cost <= apierror::tonic::MAX_STATUS_HEADER_BYTES,
            "status headers take {cost} bytes"
        );
    }
    let back = RemoteError::from_status(&again).expect("reads back");
    assert_eq!(back.status(), http, "the HTTP status changed on the way back");
    assert_eq!(back.code(), remote.code(), "the code changed on the way back");
}

fuzz_target!(|input: Input| {
    match input {
        Input::Status(input) => check(&status_of(&input)),
        Input::Headers { grpc_status, grpc_message, details, encode, others } => {
            use base64::Engine as _;
            let mut headers = http::HeaderMap::new();
            let Ok(value) = http::HeaderValue::from_bytes(&grpc_status) else {
                return;
            };
            headers.insert("grpc-status", value);
            if let Some(message) = grpc_message
                && let Ok(value) = http::HeaderValue::from_bytes(&message)
            {
                headers.insert("grpc-message", value);
            }
            if let Some(details) = details {
                let bytes = if encode {
                    base64::engine::general_purpose::STANDARD_NO_PAD
                        .encode(&details)
                        .into_bytes()
                } else {
                    details
                };
                if let Ok(value) = http::HeaderValue::from_bytes(&bytes) {
                    headers.insert("grpc-status-details-bin", value);
                }
            }
            for (name, value) in others.iter().take(8) {
                if let (Ok(name), Ok(value)) = (
                    http::HeaderName::from_bytes(name.as_bytes()),
                    http::HeaderValue::from_bytes(value),
                ) {
                    headers.append(name, value);
                }
            }
            if let Some(status) = apierror::tonic::status_from_headers(&headers) {
                check(&status);
            }
        }
    }
});
