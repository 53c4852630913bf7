//! gRPC (feature `tonic`): a real tonic server on 127.0.0.1 (port 0) behind
//! `apierror::tonic::ErrorLayer`, called by a real tonic client; the details read back with
//! tonic-types and with `RemoteError::from_status`.

#[path = "grpc/locale.rs"]
mod locale;
#[path = "support/log_capture.rs"]
mod log_capture;
#[path = "grpc/logs.rs"]
mod logs;
#[path = "grpc/passed_on.rs"]
mod passed_on;
#[path = "grpc/service.rs"]
mod service;

use apierror::tonic::{ErrorLayer, HTTP_STATUS_KEY, MAX_STATUS_HEADER_BYTES};
use apierror::{ApiError, RemoteError};
use base64::Engine as _;
use http::StatusCode;
use prost::Message as _;
use service::{TaskError, TasksServer};
use std::net::SocketAddr;
use tonic::transport::{Channel, Server};
use tonic::{Code, Status};
use tonic_types::{ErrorDetail, StatusExt as _};

/// Starts the service behind the layer and connects a client to it.
async fn start() -> Channel {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    tokio::spawn(
        Server::builder()
            .layer(ErrorLayer::new())
            .add_service(TasksServer)
            .serve_with_incoming(incoming),
    );
    connect(addr).await
}

async fn connect(addr: SocketAddr) -> Channel {
    tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap()
}

async fn error(channel: &Channel, scenario: &str, request_id: Option<&str>) -> Status {
    service::get(channel.clone(), scenario, request_id)
        .await
        .expect_err(scenario)
}

fn metadata<'a>(status: &'a Status, key: &str) -> &'a str {
    status.metadata().get(key).unwrap().to_str().unwrap()
}

#[tokio::test]
async fn a_derived_error_is_a_status_with_googles_details_in_order() {
    let channel = start().await;
    let status = error(&channel, "not_found", Some("req-abc")).await;
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(status.message(), "Task 7 could not be found");
    assert_eq!(metadata(&status, "x-request-id"), "req-abc");
    assert_eq!(metadata(&status, HTTP_STATUS_KEY), "404");
    assert!(std::error::Error::source(&status).is_none());

    let details = status.check_error_details_vec().unwrap();
    let [
        ErrorDetail::ErrorInfo(info),
        ErrorDetail::Help(help),
        ErrorDetail::RequestInfo(request),
    ] = details.as_slice()
    else {
        panic!("{details:?}");
    };
    assert_eq!(info.reason, "TASK_NOT_FOUND");
    assert_eq!(info.domain, "tasks.example.com");
    assert_eq!(
        info.metadata.clone().into_iter().collect::<Vec<_>>(),
        [("taskId".to_owned(), "7".to_owned())]
    );
    assert_eq!(help.links.len(), 1);
    assert_eq!(help.links[0].description, "TASK_NOT_FOUND");
    assert_eq!(
        help.links[0].url,
        "https://api.example.com/errors#TASK_NOT_FOUND"
    );
    assert_eq!(request.request_id, "req-abc");
    assert_eq!(request.serving_data, "");

    let remote = RemoteError::from_status(&status).unwrap();
    assert_eq!(remote.status(), StatusCode::NOT_FOUND);
    assert_eq!(remote.code(), "TASK_NOT_FOUND");
    assert_eq!(remote.message(), "Task 7 could not be found");
    assert_eq!(remote.grpc_code(), Some("NOT_FOUND"));
    assert_eq!(remote.request_id(), Some("req-abc"));
    assert_eq!(remote.domain(), Some("tasks.example.com"));
    assert_eq!(
        remote.docs_url().as_deref(),
        Some("https://api.example.com/errors#TASK_NOT_FOUND")
    );
    assert_eq!(remote.extension("taskId"), Some(&serde_json::json!("7")));
    assert_eq!(
        remote.spec::<TaskError>().unwrap().title,
        "The requested task does not exist."
    );
}

/// The exact bytes of the details: deterministic (ErrorInfo's metadata in its order), and
/// what tonic-types itself encodes for the same details (ErrorInfo with one entry).
#[test]
fn the_details_bytes_are_those_tonic_types_writes() {
    let status = Status::from(TaskError::NotFound { task_id: 7 });
    let request_id = metadata(&status, "x-request-id").to_owned();
    let expected = Status::with_error_details_vec(
        Code::NotFound,
        "Task 7 could not be found",
        [
            ErrorDetail::ErrorInfo(tonic_types::ErrorInfo::new(
                "TASK_NOT_FOUND",
                "tasks.example.com",
                [("taskId".to_owned(), "7".to_owned())],
            )),
            ErrorDetail::Help(tonic_types::Help::with_link(
                "TASK_NOT_FOUND",
                "https://api.example.com/errors#TASK_NOT_FOUND",
            )),
            ErrorDetail::RequestInfo(tonic_types::RequestInfo::new(request_id, "")),
        ],
    );
    assert_eq!(status.details(), expected.details());

    // BadRequest, written from the details' strings: prost's bytes.
    let status = Status::from(TaskError::Invalid {
        details: service::violations(2),
    });
    let request_id = metadata(&status, "x-request-id").to_owned();
    let violations = service::violations(2)
        .into_iter()
        .map(|detail| tonic_types::FieldViolation::new(detail.field.unwrap(), detail.reason))
        .collect::<Vec<_>>();
    let expected = Status::with_error_details_vec(
        Code::InvalidArgument,
        "The task is invalid",
        [
            ErrorDetail::ErrorInfo(tonic_types::ErrorInfo::new(
                "VALIDATION_FAILED",
                "tasks.example.com",
                std::collections::HashMap::new(),
            )),
            ErrorDetail::BadRequest(tonic_types::BadRequest::new(violations)),
            ErrorDetail::Help(tonic_types::Help::with_link(
                "VALIDATION_FAILED",
                "https://api.example.com/errors#VALIDATION_FAILED",
            )),
            ErrorDetail::RequestInfo(tonic_types::RequestInfo::new(request_id, "")),
        ],
    );
    assert_eq!(status.details(), expected.details());
}

#[tokio::test]
async fn grpc_code_overrides_and_extensions_come_through() {
    let channel = start().await;
    let status = error(&channel, "duplicate", None).await;
    assert_eq!(status.code(), Code::AlreadyExists);
    assert_eq!(status.message(), "A task titled Write docs exists already");
    assert_eq!(metadata(&status, HTTP_STATUS_KEY), "409");
    let info = status.get_details_error_info().unwrap();
    let mut entries: Vec<_> = info.metadata.into_iter().collect();
    entries.sort();
    assert_eq!(
        entries,
        [
            ("existing_id".to_owned(), "12".to_owned()),
            ("title".to_owned(), "Write docs".to_owned())
        ]
    );
    // The placeholder's value comes before the extension member on the wire.
    let raw = tonic_types::pb::Status::decode(status.details()).unwrap();
    let info = &raw.details[0].value;
    let title = info.windows(5).position(|w| w == b"title").unwrap();
    let existing = info.windows(11).position(|w| w == b"existing_id").unwrap();
    assert!(title < existing);

    let remote = RemoteError::from_status(&status).unwrap();
    assert_eq!(remote.status(), StatusCode::CONFLICT);
    assert_eq!(remote.grpc_code(), Some("ALREADY_EXISTS"));
    assert_eq!(remote.code(), "TASK_EXISTS");
    assert_eq!(
        remote.extension("existing_id"),
        Some(&serde_json::json!("12"))
    );
    // Passed on, the upstream's gRPC code is kept (its HTTP status alone would say ABORTED).
    let again = Status::from(remote);
    assert_eq!(again.code(), Code::AlreadyExists);
    assert_eq!(metadata(&again, HTTP_STATUS_KEY), "409");

    // The Google JSON envelope says the same status.
    let body = apierror::to_json(
        &TaskError::Duplicate {
            title: "x".into(),
            existing_id: 1,
        },
        apierror::Format::Google,
        &apierror::Context::default(),
    );
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["error"]["status"], "ALREADY_EXISTS");
    assert_eq!(body["error"]["code"], 409);
}

#[tokio::test]
async fn field_violations_and_retry_info() {
    let channel = start().await;
    let status = error(&channel, "invalid", None).await;
    assert_eq!(status.code(), Code::InvalidArgument);
    let bad = status.get_details_bad_request().unwrap();
    let fields: Vec<(&str, &str)> = bad
        .field_violations
        .iter()
        .map(|v| (v.field.as_str(), v.description.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            (
                "items[0].name",
                "Item 0 needs a name of at most 64 characters"
            ),
            (
                "items[1].name",
                "Item 1 needs a name of at most 64 characters"
            )
        ]
    );
    let remote = RemoteError::from_status(&status).unwrap();
    assert_eq!(remote.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(remote.details().len(), 2);
    assert_eq!(remote.details()[1].field.as_deref(), Some("items[1].name"));

    let status = error(&channel, "rate_limited", None).await;
    assert_eq!(status.code(), Code::ResourceExhausted);
    let retry = status.get_details_retry_info().unwrap();
    assert_eq!(retry.retry_delay, Some(std::time::Duration::from_secs(30)));
    let order: Vec<&str> = status
        .get_error_details_vec()
        .iter()
        .map(|detail| match detail {
            ErrorDetail::ErrorInfo(_) => "ErrorInfo",
            ErrorDetail::RetryInfo(_) => "RetryInfo",
            ErrorDetail::Help(_) => "Help",
            ErrorDetail::RequestInfo(_) => "RequestInfo",
            _ => "other",
        })
        .collect();
    assert_eq!(order, ["ErrorInfo", "RetryInfo", "Help", "RequestInfo"]);
    assert_eq!(
        RemoteError::from_status(&status).unwrap().retry_after(),
        Some(30)
    );
}

/// The header block a client receives for `status` (tonic hands the other headers over as
/// metadata, `content-type` and hyper's `date` included), counted as HTTP/2 counts it.
fn header_bytes(status: &Status) -> usize {
    let details = base64::engine::general_purpose::STANDARD_NO_PAD
        .encode(status.details())
        .len();
    let message = status.clone().into_http::<()>();
    let grpc_message = message
        .headers()
        .get("grpc-message")
        .map_or(0, |value| value.len());
    let cost = |name: &str, len: usize| name.len() + len + 32;
    cost("grpc-status", 2)
        + cost("grpc-message", grpc_message)
        + cost("grpc-status-details-bin", details)
        + status
            .metadata()
            .clone()
            .into_headers()
            .iter()
            .map(|(name, value)| cost(name.as_str(), value.len()))
            .sum::<usize>()
}

#[tokio::test]
async fn many_violations_are_trimmed_to_fit_the_headers_in_order() {
    let channel = start().await;
    let status = error(&channel, "many", None).await;
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(status.message(), "The task is invalid");
    // The whole block fits in grpc-java's 8 KiB; apierror's own headers (all but the server's
    // `date`) in `MAX_STATUS_HEADER_BYTES`.
    let block = header_bytes(&status);
    let date = status.metadata().get("date").unwrap().len() + "date".len() + 32;
    assert!(block <= 8 * 1024, "{block}");
    assert!(block - date <= MAX_STATUS_HEADER_BYTES, "{block}");

    let details = status.check_error_details_vec().unwrap();
    let kinds: Vec<&str> = details
        .iter()
        .map(|detail| match detail {
            ErrorDetail::ErrorInfo(_) => "ErrorInfo",
            ErrorDetail::BadRequest(_) => "BadRequest",
            ErrorDetail::Help(_) => "Help",
            ErrorDetail::RequestInfo(_) => "RequestInfo",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["ErrorInfo", "BadRequest", "Help", "RequestInfo"]);
    let violations = &status.get_details_bad_request().unwrap().field_violations;
    let (marker, kept) = violations.split_last().unwrap();
    assert!(kept.len() > 10, "{}", kept.len());
    for (index, violation) in kept.iter().enumerate() {
        assert_eq!(violation.field, format!("items[{index}].name"));
    }
    assert_eq!(marker.field, "");
    assert_eq!(
        marker.description,
        format!("… {} more details omitted", 500 - kept.len())
    );
    // One more violation would not have fitted.
    let next = kept.len();
    let mut grown = kept.to_vec();
    grown.push(tonic_types::FieldViolation::new(
        format!("items[{next}].name"),
        format!("Item {next} needs a name of at most 64 characters"),
    ));
    grown.push(tonic_types::FieldViolation::new(
        "",
        format!("… {} more details omitted", 500 - next - 1),
    ));
    let details: Vec<ErrorDetail> = status
        .get_error_details_vec()
        .into_iter()
        .map(|detail| match detail {
            ErrorDetail::BadRequest(_) => {
                ErrorDetail::BadRequest(tonic_types::BadRequest::new(grown.clone()))
            }
            other => other,
        })
        .collect();
    let bigger = Status::with_error_details_vec(status.code(), status.message(), details);
    let b64 = |len: usize| (len * 4).div_ceil(3);
    let grown_bytes = block - date - b64(status.details().len()) + b64(bigger.details().len());
    assert!(grown_bytes > MAX_STATUS_HEADER_BYTES, "{grown_bytes}");
}

#[tokio::test]
async fn a_non_ascii_message_is_percent_encoded_exactly_once() {
    let channel = start().await;
    let status = error(&channel, "bad_title", None).await;
    assert_eq!(
        status.message(),
        "Der Titel „Café“ ist ungültig: 100% sicher"
    );
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.metadata["title"], "Café");
    // The header itself: each byte encoded once (`%` as `%25`, not `%2525`).
    let response = Status::from(TaskError::BadTitle {
        title: "Café".into(),
    })
    .into_http::<()>();
    assert_eq!(
        response.headers()["grpc-message"],
        "Der%20Titel%20%E2%80%9ECaf%C3%A9%E2%80%9C%20ist%20ung%C3%BCltig:%20100%25%20sicher"
    );
}

#[tokio::test]
async fn request_ids_are_validated_and_generated() {
    let channel = start().await;
    let status = error(&channel, "not_found", Some("bad id\twith tab")).await;
    let id = metadata(&status, "x-request-id").to_owned();
    assert!(id.starts_with("req-") && id.len() == 40, "{id}");
    assert_eq!(status.get_details_request_info().unwrap().request_id, id);

    let ok = service::get(channel.clone(), "ok", Some("req-ok-1"))
        .await
        .unwrap();
    assert_eq!(ok.metadata().get("x-request-id").unwrap(), "req-ok-1");
    assert_eq!(ok.get_ref().title, "Write docs");

    // A status the service made by hand passes as it is, with the call's id.
    let status = error(&channel, "foreign", Some("req-foreign")).await;
    assert_eq!(status.code(), Code::PermissionDenied);
    assert_eq!(status.message(), "made by hand");
    assert_eq!(metadata(&status, "x-request-id"), "req-foreign");
    let remote = RemoteError::from_status(&status).unwrap();
    assert_eq!(
        (remote.status(), remote.code()),
        (StatusCode::FORBIDDEN, "FORBIDDEN")
    );
    assert_eq!(remote.grpc_code(), Some("PERMISSION_DENIED"));
    assert_eq!(remote.request_id(), Some("req-foreign"));

    let unknown = service::call(channel.clone(), "/tasks.Tasks/Nope", "ok", None)
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Code::Unimplemented);
    assert!(unknown.metadata().get("x-request-id").is_some());
}

/// A retry delay longer than `google.protobuf.Duration` holds (10,000 years) is sent as that
/// longest one in `RetryInfo`, in the JSON body and the status alike, so Google's readers accept
/// both and they agree; `Retry-After` keeps the seconds as they are.
#[test]
fn retry_info_beyond_the_duration_range_is_the_longest_duration() {
    const MAX_DURATION_SECS: i64 = 315_576_000_000;
    for seconds in [315_576_000_000, 315_576_000_001, u64::MAX] {
        let err = TaskError::RateLimited { seconds };
        let body = apierror::to_json(
            &err,
            apierror::Format::Google,
            &apierror::Context::default(),
        );
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            body["error"]["details"][1]["retryDelay"],
            format!("{MAX_DURATION_SECS}s")
        );
        let status = Status::from(TaskError::RateLimited { seconds });
        let delay = status
            .get_details_retry_info()
            .unwrap()
            .retry_delay
            .unwrap();
        assert_eq!(delay.as_secs(), MAX_DURATION_SECS as u64);
        let response = apierror::to_response(
            &err,
            apierror::Format::Google,
            &apierror::Context::default(),
        );
        assert_eq!(
            response.headers()["retry-after"],
            seconds.to_string().as_str()
        );
    }
}

/// An upstream's violation translations (`FieldViolation.localizedMessage`) are passed on in
/// the gRPC status as in the Google body (AIP-193), read from JSON or from a status: the JSON
/// body and the status of one error carry the same information.
#[test]
fn a_passed_on_violation_keeps_its_translation_in_the_status() {
    let body = r#"{"error":{"code":400,"message":"Invalid name","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_NAME","domain":"storage.example.com"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"name","description":"Must start with projects/","localizedMessage":{"locale":"fr","message":"Doit commencer par « projects/ »"}},{"field":"size","description":"Too big"}]}]}}"#;
    let upstream = RemoteError::parse(
        StatusCode::BAD_REQUEST,
        &http::HeaderMap::new(),
        body.as_bytes(),
    )
    .unwrap();
    let translated = |status: &Status| {
        status
            .get_details_bad_request()
            .unwrap()
            .field_violations
            .into_iter()
            .map(|violation| violation.localized_message.map(|m| (m.locale, m.message)))
            .collect::<Vec<_>>()
    };
    let expected = vec![
        Some((
            "fr".to_owned(),
            "Doit commencer par « projects/ »".to_owned(),
        )),
        None,
    ];
    let status = Status::from(upstream);
    assert_eq!(translated(&status), expected);
    // Read back from the status and passed on again: still there, in the status and the body.
    let again = RemoteError::from_status(&status).unwrap();
    let json = apierror::to_json(
        &again,
        apierror::Format::Google,
        &apierror::Context::default(),
    );
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        json["error"]["details"][1]["fieldViolations"][0]["localizedMessage"],
        serde_json::json!({"locale": "fr", "message": "Doit commencer par « projects/ »"})
    );
    assert_eq!(translated(&Status::from(again)), expected);
}

/// A status whose `ErrorInfo.metadata` holds very many entries (a hostile upstream's) is read
/// whole: every entry becomes an extension. (That each key is looked up once rather than
/// compared with every earlier entry is not asserted: it shows only in time, which tests do not
/// measure.)
#[test]
fn a_status_with_many_metadata_entries_is_read_whole() {
    let metadata: std::collections::HashMap<String, String> = (0..50_000)
        .map(|index| (format!("key{index}"), index.to_string()))
        .collect();
    let status = Status::with_error_details_vec(
        Code::InvalidArgument,
        "bad",
        vec![tonic_types::ErrorInfo::new("BAD", "example.com", metadata).into()],
    );
    let remote = RemoteError::from_status(&status).unwrap();
    let mut count = 0;
    remote.extensions(&mut |_, _| count += 1);
    assert_eq!(count, 50_000);
    assert_eq!(remote.code(), "BAD");
}

/// A status made in a task the handler spawns carries the call's request id when the call is
/// carried into the task with `CurrentRequest` (in `RequestInfo`, as the handler's own would),
/// and a fresh one when it is not; the response's metadata has the call's id either way.
#[tokio::test]
async fn a_status_made_in_a_spawned_task_carries_the_calls_id_when_entered() {
    let channel = start().await;
    let status = error(&channel, "spawned", Some("req-spawned")).await;
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(metadata(&status, "x-request-id"), "req-spawned");
    assert_eq!(
        status.get_details_request_info().unwrap().request_id,
        "req-spawned"
    );
    let status = error(&channel, "spawned_alone", Some("req-alone")).await;
    assert_eq!(status.code(), Code::NotFound);
    let id = status.get_details_request_info().unwrap().request_id;
    assert!(id.starts_with("req-") && id != "req-alone", "{id}");
    // Outside the layer there is no call to capture.
    assert!(!apierror::tonic::CurrentRequest::get().is_answering());
    let status = apierror::tonic::CurrentRequest::get().sync_scope(|| {
        apierror::tonic::status_for(&apierror::HttpError::new(StatusCode::NOT_FOUND))
    });
    assert!(metadata(&status, "x-request-id").starts_with("req-"));
}

/// Nothing of `Display`, the source chain or a panic reaches the client: message, details and
/// metadata (the gRPC counterpart of tests/security.rs).
#[tokio::test]
async fn nothing_internal_leaks_over_grpc() {
    let channel = start().await;
    for scenario in ["database", "panic", "duplicate"] {
        let status = error(&channel, scenario, None).await;
        let mut seen = status.message().to_owned();
        seen.push_str(&String::from_utf8_lossy(status.details()));
        for (key, value) in status.metadata().clone().into_headers().iter() {
            seen.push_str(key.as_str());
            seen.push_str(&String::from_utf8_lossy(value.as_bytes()));
        }
        for secret in [
            "10.0.0.7", "hunter2", "password", "row 12", "shard", "panicked",
        ] {
            assert!(!seen.contains(secret), "{scenario}: {secret} in {seen:?}");
        }
    }
    let status = error(&channel, "database", None).await;
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(status.message(), apierror::message::INTERNAL);
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "DATABASE");
    assert!(info.metadata.is_empty());
    let panicked = error(&channel, "panic", None).await;
    assert_eq!(panicked.code(), Code::Internal);
    assert_eq!(panicked.message(), apierror::message::INTERNAL);
    // The source stays unset on the server side too.
    let made = Status::from(TaskError::Database(std::io::Error::other("x")));
    assert!(std::error::Error::source(&made).is_none());
}

/// Every one of the 16 codes `#[grpc(code)]` accepts is the `tonic::Code` of that name.
#[test]
fn every_grpc_code_name_is_its_tonic_code() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[status(400)]
    #[error("e")]
    enum Codes {
        #[grpc(code = "CANCELLED")]
        A1,
        #[grpc(code = "UNKNOWN")]
        A2,
        #[grpc(code = "INVALID_ARGUMENT")]
        A3,
        #[grpc(code = "DEADLINE_EXCEEDED")]
        A4,
        #[grpc(code = "NOT_FOUND")]
        A5,
        #[grpc(code = "ALREADY_EXISTS")]
        A6,
        #[grpc(code = "PERMISSION_DENIED")]
        A7,
        #[grpc(code = "RESOURCE_EXHAUSTED")]
        A8,
        #[grpc(code = "FAILED_PRECONDITION")]
        A9,
        #[grpc(code = "ABORTED")]
        A10,
        #[grpc(code = "OUT_OF_RANGE")]
        A11,
        #[grpc(code = "UNIMPLEMENTED")]
        A12,
        #[grpc(code = "INTERNAL")]
        A13,
        #[grpc(code = "UNAVAILABLE")]
        A14,
        #[grpc(code = "DATA_LOSS")]
        A15,
        #[grpc(code = "UNAUTHENTICATED")]
        A16,
    }
    use Codes::*;
    let all = [
        A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15, A16,
    ];
    for (number, err) in (1..).zip(all) {
        let spec = Codes::catalog().find(err.code()).unwrap();
        let status = Status::from(err);
        assert_eq!(status.code(), Code::from_i32(number));
        assert_eq!(
            RemoteError::from_status(&status).unwrap().grpc_code(),
            spec.grpc_code
        );
    }
}

#[test]
fn http_errors_boxed_errors_and_remote_errors_convert_too() {
    let err = apierror::HttpError::new(StatusCode::SERVICE_UNAVAILABLE).with_retry_after(5);
    let status = Status::from(err);
    assert_eq!(status.code(), Code::Unavailable);
    assert_eq!(status.message(), apierror::message::UNAVAILABLE);
    assert_eq!(
        status.get_details_retry_info().unwrap().retry_delay,
        Some(std::time::Duration::from_secs(5))
    );
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(TaskError::NotFound { task_id: 3 });
    let status = Status::from(boxed);
    assert_eq!(status.message(), "Task 3 could not be found");
    let remote = RemoteError::parse(
        StatusCode::UNPROCESSABLE_ENTITY,
        &http::HeaderMap::new(),
        br#"{"code":"BAD","message":"Bad input","requestId":"req-up"}"#,
    )
    .unwrap();
    let status = Status::from(remote);
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(status.get_details_error_info().unwrap().reason, "BAD");
}

#[test]
fn details_that_contradict_the_status_are_ignored() {
    let made = Status::from(TaskError::NotFound { task_id: 7 });
    // Another code: the status wins, its details are ignored.
    let other = Status::with_details_and_metadata(
        Code::Unavailable,
        made.message(),
        made.details().to_vec().into(),
        tonic::metadata::MetadataMap::new(),
    );
    let remote = RemoteError::from_status(&other).unwrap();
    assert_eq!(remote.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(remote.code(), "SERVICE_UNAVAILABLE");
    assert_eq!(remote.docs_url(), None);
    // Another message: the same.
    let other = Status::with_details(
        Code::NotFound,
        "something else",
        made.details().to_vec().into(),
    );
    let remote = RemoteError::from_status(&other).unwrap();
    assert_eq!(remote.code(), "NOT_FOUND");
    assert_eq!(remote.message(), "something else");
    // An OK status is not an error.
    let ok = RemoteError::from_status(&Status::ok("")).unwrap_err();
    assert_eq!(
        ok.kind(),
        &apierror::client::ParseErrorKind::NotAnError {
            status: StatusCode::OK
        }
    );
}

/// R3: a status without `ErrorInfo` has no code of its own: the code is the reason phrase of
/// its HTTP status (DESIGN.md §7, as for a body without a code), and `grpc_code` keeps the
/// gRPC name, which converting the error back into a status sends again.
#[test]
fn a_status_without_error_info_takes_the_reason_phrase_as_its_code() {
    for (status, http_code, code, grpc) in [
        (Status::not_found("gone"), None, "NOT_FOUND", Code::NotFound),
        (
            Status::already_exists("dup"),
            None,
            "CONFLICT",
            Code::AlreadyExists,
        ),
        (Status::aborted("retry"), None, "CONFLICT", Code::Aborted),
        (
            Status::unavailable("down"),
            None,
            "SERVICE_UNAVAILABLE",
            Code::Unavailable,
        ),
        (
            Status::invalid_argument("bad"),
            Some("422"),
            "UNPROCESSABLE_ENTITY",
            Code::InvalidArgument,
        ),
    ] {
        let mut status = status;
        if let Some(http_code) = http_code {
            status
                .metadata_mut()
                .insert(HTTP_STATUS_KEY, http_code.parse().unwrap());
        }
        let remote = RemoteError::from_status(&status).unwrap();
        assert_eq!(remote.code(), code, "{status:?}");
        assert_eq!(remote.grpc_code(), Some(apierror_name(grpc)));
        assert_eq!(Status::from(remote).code(), grpc);
    }
}

fn apierror_name(code: Code) -> &'static str {
    match code {
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::Aborted => "ABORTED",
        Code::Unavailable => "UNAVAILABLE",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        _ => unreachable!(),
    }
}

/// An error whose placeholders and extensions are not in key order.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "order.example.com")]
enum Ordered {
    #[status(409)]
    #[code("OUT_OF_ORDER")]
    #[message("{zeta} before {alpha}")]
    #[error("out of order")]
    Pair {
        zeta: String,
        alpha: String,
        #[extension]
        omega: u64,
        #[extension]
        beta: bool,
    },
}

/// `from_status` reads `ErrorInfo.metadata` as the JSON Google reader reads `metadata`: every
/// entry an extension (a string), in the order sent, not sorted; placeholder values and
/// extension members cannot be told apart on the wire, so both readers give both.
#[test]
fn metadata_is_read_in_the_order_sent_as_the_json_reader_reads_it() {
    let err = Ordered::Pair {
        zeta: "z".into(),
        alpha: "a".into(),
        omega: 9,
        beta: true,
    };
    let expected: Vec<(String, serde_json::Value)> = [
        ("zeta", "z"),
        ("alpha", "a"),
        ("omega", "9"),
        ("beta", "true"),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), serde_json::Value::String(value.to_owned())))
    .collect();
    let members = |err: &dyn ApiError| {
        let mut members = Vec::new();
        err.extensions(&mut |name, value| {
            members.push((name.to_owned(), value.to_json_value().unwrap()));
        });
        members
    };
    let from_status = RemoteError::from_status(&Status::from(err)).unwrap();
    assert_eq!(members(&from_status), expected);
    let err = Ordered::Pair {
        zeta: "z".into(),
        alpha: "a".into(),
        omega: 9,
        beta: true,
    };
    let body = apierror::to_json(
        &err,
        apierror::Format::Google,
        &apierror::Context::default(),
    );
    let from_json =
        RemoteError::parse(StatusCode::CONFLICT, &http::HeaderMap::new(), &body).unwrap();
    assert_eq!(members(&from_json), expected);
    // Passed on as Google again, both write the same metadata, in the same order.
    let ctx = apierror::Context::default().with_request_id("req-1");
    assert_eq!(
        apierror::to_json(&from_status, apierror::Format::Google, &ctx),
        apierror::to_json(&from_json, apierror::Format::Google, &ctx)
    );
}

/// Where the message is cut at the message limit, `ErrorInfo.metadata` still holds each
/// value itself (DESIGN.md section 4), cut on its own at the same limit with the same marker:
/// not the message's cut of it nor an empty value for one after the cut (`alpha`, 4 bytes,
/// whole). The JSON
/// body and the gRPC status carry the same entries.
#[test]
fn metadata_holds_the_values_themselves_where_the_message_is_cut() {
    let err = || Ordered::Pair {
        zeta: "zzzzzzzzzz".into(),
        alpha: "a\"é".into(),
        omega: 1,
        beta: false,
    };
    let ctx = apierror::Context::default()
        .with_request_id("req-1")
        .with_limits(apierror::Limits::default().with_max_message_len(4));
    let body = apierror::to_json(&err(), apierror::Format::Google, &ctx);
    let body = String::from_utf8(body).unwrap();
    assert!(
        body.contains(
            r#""message":"zzzz… [truncated]","status":"ABORTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"OUT_OF_ORDER","domain":"order.example.com","metadata":{"zeta":"zzzz… [truncated]","alpha":"a\"é","omega":"1","beta":"false"}}"#
        ),
        "{body}"
    );
    let status = apierror::tonic::to_status(&err(), &ctx);
    assert_eq!(status.message(), "zzzz… [truncated]");
    let info = ErrorInfoInOrder::decode(
        tonic_types::pb::Status::decode(status.details())
            .unwrap()
            .details[0]
            .value
            .as_slice(),
    )
    .unwrap();
    assert_eq!(
        info.metadata
            .iter()
            .map(|entry| (entry.key.as_str(), entry.value.as_str()))
            .collect::<Vec<_>>(),
        [
            ("zeta", "zzzz… [truncated]"),
            ("alpha", "a\"é"),
            ("omega", "1"),
            ("beta", "false")
        ]
    );
    // A value longer than the limit on its own is cut at a character boundary: `é` is two
    // bytes, so a limit of 2 keeps `a"` (`"` is one byte before escaping).
    let ctx = ctx.with_limits(apierror::Limits::default().with_max_message_len(2));
    let err = Ordered::Pair {
        zeta: String::new(),
        alpha: "a\"é".into(),
        omega: 1,
        beta: false,
    };
    let body = String::from_utf8(apierror::to_json(&err, apierror::Format::Google, &ctx)).unwrap();
    assert!(
        body.contains(r#""message":" b… [truncated]""#)
            && body.contains(r#""metadata":{"zeta":"","alpha":"a\"… [truncated]","omega""#),
        "{body}"
    );
}

/// `ErrorInfo` with its metadata as the repeated entries they are on the wire (prost's
/// `HashMap` would lose their order).
#[derive(Clone, PartialEq, prost::Message)]
struct ErrorInfoInOrder {
    #[prost(string, tag = "1")]
    reason: String,
    #[prost(string, tag = "2")]
    domain: String,
    #[prost(message, repeated, tag = "3")]
    metadata: Vec<MetadataEntry>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct MetadataEntry {
    #[prost(string, tag = "1")]
    key: String,
    #[prost(string, tag = "2")]
    value: String,
}

/// A server that answers every call with an error status whose `grpc-status-details-bin` is
/// not base64 (a broken proxy, or a hostile server): in a trailers-only response's headers, or
/// in the trailers after its response headers (where tonic reads the status of every response
/// that is not trailers-only).
#[derive(Debug, Clone, Copy)]
struct Hostile {
    in_trailers: bool,
}

impl tonic::server::NamedService for Hostile {
    const NAME: &'static str = "tasks.Tasks";
}

impl tower::Service<http::Request<tonic::body::Body>> for Hostile {
    type Response = http::Response<tonic::body::Body>;
    type Error = std::convert::Infallible;
    type Future = std::future::Ready<Result<Self::Response, Self::Error>>;

    fn poll_ready(
        &mut self,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, _request: http::Request<tonic::body::Body>) -> Self::Future {
        let mut status = http::HeaderMap::new();
        status.insert("grpc-status", http::HeaderValue::from_static("5"));
        status.insert(
            "grpc-message",
            http::HeaderValue::from_static("no%20such%20task"),
        );
        status.insert(
            "grpc-status-details-bin",
            http::HeaderValue::from_static("not base64!"),
        );
        let mut response = http::Response::new(if self.in_trailers {
            tonic::body::Body::new(TrailersOnly(Some(std::mem::take(&mut status))))
        } else {
            tonic::body::Body::empty()
        });
        let headers = response.headers_mut();
        headers.extend(status);
        headers.insert(
            "content-type",
            http::HeaderValue::from_static("application/grpc"),
        );
        headers.insert(
            "x-request-id",
            http::HeaderValue::from_static("req-hostile"),
        );
        std::future::ready(Ok(response))
    }
}

/// A body of no messages and then trailers: a server's error status sent after its response
/// headers.
struct TrailersOnly(Option<http::HeaderMap>);

impl http_body::Body for TrailersOnly {
    type Data = bytes::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, Self::Error>>> {
        std::task::Poll::Ready(
            self.0
                .take()
                .map(|trailers| Ok(http_body::Frame::trailers(trailers))),
        )
    }
}

/// A channel to `server`, served on 127.0.0.1.
async fn hostile_channel(server: Hostile) -> Channel {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    tokio::spawn(
        Server::builder()
            .add_service(server)
            .serve_with_incoming(incoming),
    );
    connect(addr).await
}

/// One `GetTask` call on `channel` (a macro: the guarded and the plain channel are different
/// types).
macro_rules! get_task {
    ($channel:expr) => {
        async move {
            let mut client = tonic::client::Grpc::new($channel);
            client.ready().await.unwrap();
            client
                .unary(
                    tonic::Request::new(service::GetTask::default()),
                    http::uri::PathAndQuery::from_static(service::GET),
                    tonic_prost::ProstCodec::<service::GetTask, service::Task>::default(),
                )
                .await
        }
    };
}

/// tonic's client panics reading a trailers-only response whose `grpc-status-details-bin` is
/// not base64 (`Status::from_header_map` `expect`s it). Through `GuardLayer` the same call
/// gives the status the server named, without details, and `from_status` reads it.
#[tokio::test]
async fn undecodable_details_from_a_server_are_dropped_not_a_panic() {
    use tower::Layer as _;
    let channel = hostile_channel(Hostile { in_trailers: false }).await;
    let guarded = apierror::tonic::GuardLayer::new().layer(channel.clone());
    let status = get_task!(guarded).await.unwrap_err();
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(status.message(), "no such task");
    assert!(status.details().is_empty());
    let remote = RemoteError::from_status(&status).unwrap();
    assert_eq!(
        (remote.status(), remote.code(), remote.request_id()),
        (StatusCode::NOT_FOUND, "NOT_FOUND", Some("req-hostile"))
    );

    // Without the layer, tonic 0.14's client panics on this response: should tonic stop
    // panicking, this fails, and the layer is no longer needed.
    let unguarded = tokio::spawn(get_task!(channel)).await;
    assert!(unguarded.is_err_and(|error| error.is_panic()));
}

/// The same undecodable details in the trailers of a response whose headers came first:
/// through `GuardLayer` (its `GuardBody`) the call gives the status the server named; without
/// it, tonic 0.14's client panics.
#[tokio::test]
async fn undecodable_details_in_trailers_are_dropped_not_a_panic() {
    use tower::Layer as _;
    let channel = hostile_channel(Hostile { in_trailers: true }).await;
    let guarded = apierror::tonic::GuardLayer::new().layer(channel.clone());
    let status = get_task!(guarded).await.unwrap_err();
    assert_eq!(
        (status.code(), status.message(), status.details().is_empty()),
        (Code::NotFound, "no such task", true)
    );
    let unguarded = tokio::spawn(get_task!(channel)).await;
    assert!(unguarded.is_err_and(|error| error.is_panic()));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any bytes in `grpc-status-details-bin`: never a panic; the status's code and
        /// message always win.
        #[test]
        fn undecodable_details_are_ignored(code in 1..=16i32, bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let status = Status::with_details(Code::from_i32(code), "upstream", bytes.into());
            let remote = RemoteError::from_status(&status).unwrap();
            prop_assert_eq!(remote.message(), "upstream");
            prop_assert!(remote.status().is_client_error() || remote.status().is_server_error());
        }

        /// Details that agree with the status but hold arbitrary bytes in each detail.
        #[test]
        fn undecodable_detail_values_are_skipped(
            values in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..6),
        ) {
            let urls = [
                "type.googleapis.com/google.rpc.ErrorInfo",
                "type.googleapis.com/google.rpc.BadRequest",
                "type.googleapis.com/google.rpc.RetryInfo",
                "type.googleapis.com/google.rpc.Help",
                "type.googleapis.com/google.rpc.RequestInfo",
                "type.googleapis.com/google.rpc.LocalizedMessage",
            ];
            let details = tonic_types::pb::Status {
                code: Code::NotFound as i32,
                message: "gone".into(),
                details: values
                    .into_iter()
                    .zip(urls)
                    .map(|(value, url)| prost_types_any(url, value))
                    .collect(),
            };
            let status = Status::with_details(Code::NotFound, "gone", details.encode_to_vec().into());
            let remote = RemoteError::from_status(&status).unwrap();
            prop_assert_eq!(remote.status(), StatusCode::NOT_FOUND);
            prop_assert_eq!(remote.message(), "gone");
        }
    }

    /// An error whose message repeats two placeholders and which has two extensions.
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(
        domain = "budget.example.com",
        docs_url = "https://budget.example.com/{code}"
    )]
    enum Budget {
        #[status(409)]
        #[code("BUDGET")]
        #[message("Title {title} clashes with {other}")]
        #[error("budget")]
        Clash {
            title: String,
            other: String,
            #[extension]
            note: String,
            #[extension]
            count: u64,
            #[retry_after]
            seconds: u64,
        },
    }

    /// Text of any Unicode scalar values, from empty to well over the header budget.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![Just(0usize), 0..40usize, 0..3000usize, 2000..7000usize]
            .prop_flat_map(|len| proptest::collection::vec(any::<char>(), len))
            .prop_map(String::from_iter)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// For any message, placeholder and extension lengths and any Unicode, the status's
        /// headers fit in `MAX_STATUS_HEADER_BYTES` (counted as HTTP/2 counts them, as tonic
        /// writes them), and ErrorInfo always travels with its reason and domain; each
        /// metadata value is the value itself or its prefix and the truncation marker.
        #[test]
        fn the_status_fits_the_budget_and_keeps_the_reason(
            title in text(),
            other in text(),
            note in text(),
            count in any::<u64>(),
            limit in prop_oneof![Just(apierror::Limits::DEFAULT_MAX_MESSAGE_LEN), Just(100_000usize), 0usize..64],
        ) {
            let err = Budget::Clash {
                title: title.clone(),
                other: other.clone(),
                note: note.clone(),
                count,
                seconds: 30,
            };
            let ctx = apierror::Context::default()
                .with_request_id("req-budget")
                .with_limits(apierror::Limits::default().with_max_message_len(limit));
            let status = apierror::tonic::to_status(&err, &ctx);
            let response = status.clone().into_http::<()>();
            let block: usize = response
                .headers()
                .iter()
                .map(|(name, value)| name.as_str().len() + value.len() + 32)
                .sum();
            prop_assert!(block <= MAX_STATUS_HEADER_BYTES, "{}", block);
            let info = status.get_details_error_info();
            prop_assert!(info.is_some(), "ErrorInfo dropped");
            let info = info.unwrap();
            prop_assert_eq!(info.reason.as_str(), "BUDGET");
            prop_assert_eq!(info.domain.as_str(), "budget.example.com");
            let remote = RemoteError::from_status(&status).unwrap();
            prop_assert_eq!(remote.code(), "BUDGET");
            let count = count.to_string();
            for (key, value) in &info.metadata {
                let whole = match key.as_str() {
                    "title" => &title,
                    "other" => &other,
                    "note" => &note,
                    "count" => &count,
                    _ => return Err(TestCaseError::fail(format!("key {key}"))),
                };
                let shortened = value
                    .strip_suffix("… [truncated]")
                    .is_some_and(|kept| whole.starts_with(kept));
                prop_assert!(value == whole || shortened, "{}", key);
            }
        }
    }

    /// A value cut on its own at `limit` bytes, at a character boundary, with the marker.
    fn cut(value: &str, limit: usize) -> String {
        if value.len() <= limit {
            return value.to_owned();
        }
        let mut end = limit;
        while !value.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}… [truncated]", &value[..end])
    }

    proptest! {
        /// For any values (any Unicode, quotes and controls) and any message limit, the JSON
        /// body's and the gRPC status's `ErrorInfo.metadata` are the same entries in the same
        /// order, and each placeholder's is the value itself cut on its own at the limit
        /// (whatever the message shows of it); the body is valid JSON.
        #[test]
        fn json_and_grpc_metadata_agree_at_any_limit(
            title in "\\PC{0,40}|[\"\\\\\u{0}-\u{1f}a-z]{0,40}",
            other in "\\PC{0,40}",
            note in "\\PC{0,10}",
            limit in 0usize..80,
        ) {
            let err = || Budget::Clash {
                title: title.clone(),
                other: other.clone(),
                note: note.clone(),
                count: 3,
                seconds: 0,
            };
            let ctx = apierror::Context::default()
                .with_request_id("req-1")
                .with_limits(apierror::Limits::default().with_max_message_len(limit));
            let bytes = apierror::to_json(&err(), apierror::Format::Google, &ctx);
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            // In the order written (serde_json's map sorts): the reader keeps it.
            let read = RemoteError::parse(StatusCode::CONFLICT, &http::HeaderMap::new(), &bytes).unwrap();
            let mut json: Vec<(String, String)> = Vec::new();
            read.extensions(&mut |name, value| {
                let value = value.to_json_value().unwrap();
                json.push((name.to_owned(), value.as_str().unwrap().to_owned()));
            });
            prop_assert_eq!(
                json.len(),
                body["error"]["details"][0]["metadata"].as_object().map_or(0, |m| m.len())
            );
            let status = apierror::tonic::to_status(&err(), &ctx);
            prop_assert_eq!(status.message(), body["error"]["message"].as_str().unwrap());
            let info = super::ErrorInfoInOrder::decode(
                tonic_types::pb::Status::decode(status.details()).unwrap().details[0]
                    .value
                    .as_slice(),
            )
            .unwrap();
            let grpc: Vec<(String, String)> = info
                .metadata
                .into_iter()
                .map(|entry| (entry.key, entry.value))
                .collect();
            prop_assert_eq!(&json, &grpc);
            let expected = [
                ("title".to_owned(), cut(&title, limit)),
                ("other".to_owned(), cut(&other, limit)),
                ("note".to_owned(), note.clone()),
                ("count".to_owned(), "3".to_owned()),
            ];
            prop_assert_eq!(json.as_slice(), &expected[..]);
        }
    }

    /// tonic's base64 for `grpc-status-details-bin`: the standard alphabet, padding optional.
    const TONIC_BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Any header value in `grpc-status-details-bin`: `status_from_headers` never panics,
        /// keeps the code and message, and keeps the details exactly when tonic's base64
        /// decodes them (the guard is neither looser, which would panic, nor stricter).
        #[test]
        fn status_from_headers_never_panics(
            value in "[A-Za-z0-9+/=]{0,12}|[ -~]{0,12}",
            bytes in proptest::collection::vec(any::<u8>(), 0..24),
            padded in any::<bool>(),
        ) {
            let encoded = if padded {
                base64::engine::general_purpose::STANDARD.encode(&bytes)
            } else {
                base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes)
            };
            for value in [value, encoded] {
                let mut headers = http::HeaderMap::new();
                headers.insert("grpc-status", http::HeaderValue::from_static("5"));
                headers.insert("grpc-message", http::HeaderValue::from_static("gone"));
                headers.insert("grpc-status-details-bin", value.parse().unwrap());
                let status = apierror::tonic::status_from_headers(&headers).unwrap();
                prop_assert_eq!(status.code(), Code::NotFound);
                prop_assert_eq!(status.message(), "gone");
                match TONIC_BASE64.decode(&value) {
                    Ok(decoded) => prop_assert_eq!(status.details(), decoded.as_slice(), "{}", value),
                    Err(_) => prop_assert!(status.details().is_empty(), "{}", value),
                }
            }
        }
    }

    fn prost_types_any(url: &str, value: Vec<u8>) -> prost_types::Any {
        prost_types::Any {
            type_url: url.to_owned(),
            value,
        }
    }
}

/// One router serving axum routes and the tonic service: axum's `ErrorLayer` envelopes the
/// JSON route's errors and leaves gRPC calls and their statuses alone (a panicking gRPC
/// handler is answered by the tonic layer as a status, not as a JSON 500).
#[tokio::test]
async fn axum_and_tonic_in_one_router() {
    use axum::extract::Path;

    let grpc = tonic::service::Routes::new(TasksServer)
        .into_axum_router()
        .layer(ErrorLayer::new());
    let app = axum::Router::new()
        .route(
            "/tasks/{id}",
            axum::routing::get(|Path(id): Path<u64>| async move {
                Err::<(), _>(TaskError::NotFound { task_id: id })
            }),
        )
        .merge(grpc)
        .layer(apierror::axum::ErrorLayer::new());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(
        Server::builder()
            .accept_http1(true)
            .add_routes(tonic::service::Routes::from(app))
            .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener)),
    );
    let channel = connect(addr).await;

    let status = error(&channel, "not_found", Some("req-mixed")).await;
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(status.message(), "Task 7 could not be found");
    assert_eq!(metadata(&status, "x-request-id"), "req-mixed");
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "TASK_NOT_FOUND"
    );
    let panicked = error(&channel, "panic", None).await;
    assert_eq!(panicked.code(), Code::Internal);
    assert_eq!(panicked.message(), apierror::message::INTERNAL);
    let unknown = service::call(channel.clone(), "/tasks.Tasks/Nope", "ok", None)
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Code::Unimplemented);

    // The JSON route, over HTTP/1.1 on the same port: the envelope, as always.
    let response = reqwest::get(format!("http://{addr}/tasks/9"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body: serde_json::Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["error"]["message"], "Task 9 could not be found");
    assert_eq!(body["error"]["status"], "NOT_FOUND");
}

/// `#[api_error(skip(tonic))]`: the derive emits no `From<E> for Status`, so the type's own
/// impl (for another tonic version, or with other metadata) compiles next to it.
#[test]
fn skip_tonic_leaves_the_impl_to_the_user() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(skip(tonic))]
    #[status(404)]
    #[error("gone")]
    struct Gone;

    impl From<Gone> for Status {
        fn from(err: Gone) -> Self {
            let mut status = apierror::tonic::into_status(err);
            status.metadata_mut().insert("x-mine", "1".parse().unwrap());
            status
        }
    }

    let status = Status::from(Gone);
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(metadata(&status, "x-mine"), "1");
}

/// Every placeholder's value is in `ErrorInfo.metadata`, in the JSON body and in the gRPC
/// status alike (DESIGN.md §4, Google), also with more than eight placeholders (the values'
/// places are kept inline up to eight).
#[test]
fn errorinfo_metadata_holds_every_placeholders_value() {
    #[derive(Debug, Clone, thiserror::Error, ApiError)]
    #[api_error(format = "google", domain = "tasks.example.com")]
    enum Placeholders {
        /// Ten values.
        #[status(400)]
        #[code("TEN_VALUES")]
        #[message("{one} {two} {three} {four} {five} {six} {seven} {eight} {nine} {ten_th}")]
        #[error("ten values")]
        Ten {
            one: u8,
            two: u8,
            three: u8,
            four: u8,
            five: u8,
            six: u8,
            seven: u8,
            eight: u8,
            nine: u8,
            ten_th: String,
        },
        /// Eight values, the most kept inline.
        #[status(404)]
        #[code("EIGHT_VALUES")]
        #[message("{one}{two}{three}{four}{five}{six}{seven}{eight_th}")]
        #[error("eight values")]
        Eight {
            one: u8,
            two: u8,
            three: u8,
            four: u8,
            five: u8,
            six: u8,
            seven: u8,
            eight_th: u64,
        },
    }

    let ten = Placeholders::Ten {
        one: 1,
        two: 2,
        three: 3,
        four: 4,
        five: 5,
        six: 6,
        seven: 7,
        eight: 8,
        nine: 9,
        ten_th: "x\"y".into(),
    };
    let eight = Placeholders::Eight {
        one: 1,
        two: 2,
        three: 3,
        four: 4,
        five: 5,
        six: 6,
        seven: 7,
        eight_th: 8,
    };
    let expected_ten: Vec<(String, String)> = [
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("tenTh", "x\"y"),
    ]
    .map(|(key, value)| (key.to_owned(), value.to_owned()))
    .into();
    let mut expected_eight = expected_ten.clone();
    expected_eight.truncate(7);
    expected_eight.push(("eightTh".to_owned(), "8".to_owned()));
    for (err, expected) in [(&eight, &expected_eight), (&ten, &expected_ten)] {
        let body = apierror::to_json(err, apierror::Format::Google, &apierror::Context::default());
        let members: Vec<String> = expected
            .iter()
            .map(|(key, value)| format!("{}:{}", serde_json::json!(key), serde_json::json!(value)))
            .collect();
        let metadata = format!("\"metadata\":{{{}}}}}", members.join(","));
        let body = String::from_utf8(body).unwrap();
        assert!(
            body.contains(&metadata),
            "the JSON body of {}: {body} lacks {metadata}",
            err.code()
        );

        let info = Status::from(err.clone()).get_details_error_info().unwrap();
        let mut grpc: Vec<(String, String)> = info.metadata.into_iter().collect();
        let mut sorted = expected.clone();
        grpc.sort();
        sorted.sort();
        assert_eq!(grpc, sorted, "the gRPC status of {}", err.code());
    }
}

/// The status's `ErrorInfo.metadata`, sorted by key (tonic-types holds it in a `HashMap`).
fn sorted_metadata(status: &Status) -> Vec<(String, String)> {
    let mut metadata: Vec<(String, String)> = status
        .get_details_error_info()
        .unwrap()
        .metadata
        .into_iter()
        .collect();
    metadata.sort();
    metadata
}

fn owned_pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

/// A template with literal braces (`{{`, `}}`) and text JSON escapes, which the derived code
/// writes itself, names each value in `ErrorInfo.metadata` by the placeholder it filled, not
/// by the braces' text: in the JSON body and the gRPC status alike.
#[test]
fn errorinfo_metadata_names_values_beside_literal_braces() {
    #[derive(Debug, Clone, thiserror::Error, ApiError)]
    #[api_error(format = "google", domain = "tasks.example.com")]
    enum Braces {
        /// Literal braces before, between and after the placeholders.
        #[status(400)]
        #[code("LITERAL_BRACES")]
        #[message("Write {{name}} for {id}, not \"{owner_name}\" {{}}")]
        #[error("braces")]
        Literal { id: u64, owner_name: String },
    }

    let err = Braces::Literal {
        id: 7,
        owner_name: "a\"b".into(),
    };
    let body = apierror::to_json(
        &err,
        apierror::Format::Google,
        &apierror::Context::default(),
    );
    assert_eq!(
        String::from_utf8(body).unwrap(),
        r#"{"error":{"code":400,"message":"Write {name} for 7, not \"a\"b\" {}","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"LITERAL_BRACES","domain":"tasks.example.com","metadata":{"id":"7","ownerName":"a\"b"}}]}}"#
    );
    let status = Status::from(err);
    assert_eq!(status.message(), "Write {name} for 7, not \"a\"b\" {}");
    assert_eq!(
        sorted_metadata(&status),
        owned_pairs(&[("id", "7"), ("ownerName", "a\"b")])
    );

    // For any values, braces, quotes and controls among them, each key holds its own value.
    proptest::proptest!(|(id: u64, owner_name in "[{}\"\\\\a-z\\n]{0,12}")| {
        let err = Braces::Literal { id, owner_name: owner_name.clone() };
        let body = apierror::to_json(&err, apierror::Format::Google, &apierror::Context::default());
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let metadata = &body["error"]["details"][0]["metadata"];
        proptest::prop_assert_eq!(&metadata["id"], &serde_json::json!(id.to_string()));
        proptest::prop_assert_eq!(&metadata["ownerName"], &serde_json::json!(owner_name));
        proptest::prop_assert_eq!(metadata.as_object().unwrap().len(), 2);
        let info = Status::from(err).get_details_error_info().unwrap();
        proptest::prop_assert_eq!(info.metadata.get("ownerName"), Some(&owner_name));
    });
}

/// A field name that is not snake_case still makes a lowerCamelCase metadata key, as serde's
/// `rename_all = "camelCase"` writes it (the first letter lower-cased), so a type rendered as
/// Google sends keys AIP-193 allows (`[a-z][a-zA-Z0-9-_]+`): in the JSON body and the status.
#[test]
fn errorinfo_metadata_keys_start_lowercase_whatever_the_field_name() {
    #[allow(non_snake_case)]
    #[derive(Debug, Clone, thiserror::Error, ApiError)]
    enum Shouting {
        #[status(409)]
        #[code("TAKEN")]
        #[message("{ABC_def} and {Owner} are taken")]
        #[error("taken")]
        Taken { ABC_def: u32, Owner: String },
    }

    let err = Shouting::Taken {
        ABC_def: 1,
        Owner: "o".into(),
    };
    let body = apierror::to_json(
        &err,
        apierror::Format::Google,
        &apierror::Context::default(),
    );
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        body["error"]["details"][0]["metadata"],
        serde_json::json!({"aBCDef": "1", "owner": "o"})
    );
    assert_eq!(
        sorted_metadata(&Status::from(err)),
        owned_pairs(&[("aBCDef", "1"), ("owner", "o")])
    );
}

/// tonic percent-encodes `grpc-message`, so a message of non-ASCII text takes three times its
/// length there: one that would not fit in `MAX_STATUS_HEADER_BYTES` is cut (at a character,
/// with the truncation marker) so that the status's headers do; an ASCII message at the
/// message limit is sent whole.
#[test]
fn a_long_non_ascii_message_is_cut_to_fit_the_headers() {
    #[derive(Debug, Clone, thiserror::Error, ApiError)]
    enum Long {
        #[status(400)]
        #[code("LONG")]
        #[message("{text}")]
        #[error("long")]
        Text { text: String },
    }

    for text in ["é".repeat(1500), "é".repeat(2048), "\u{1F600}".repeat(1024)] {
        let status = Status::from(Long::Text { text: text.clone() });
        assert!(
            header_bytes(&status) <= MAX_STATUS_HEADER_BYTES,
            "{}",
            header_bytes(&status)
        );
        let kept = status.message().strip_suffix("… [truncated]").unwrap();
        assert!(!kept.is_empty() && text.starts_with(kept));
    }
    // An ASCII message at the 4 KiB message limit travels twice (grpc-message, and the
    // details' base64 `google.rpc.Status`): it is cut where ErrorInfo (the code) would not fit
    // next to it, and the metadata value is shortened, not the whole ErrorInfo dropped.
    let ascii = "a".repeat(4096);
    let status = Status::from(Long::Text {
        text: ascii.clone(),
    });
    let kept = status.message().strip_suffix("… [truncated]").unwrap();
    assert!(
        kept.len() > 2000 && ascii.starts_with(kept),
        "{}",
        kept.len()
    );
    assert!(header_bytes(&status) <= MAX_STATUS_HEADER_BYTES);
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "LONG");
    assert_eq!(RemoteError::from_status(&status).unwrap().code(), "LONG");
    assert!(
        info.metadata
            .get("text")
            .is_none_or(|text| text.ends_with("… [truncated]")),
        "{:?}",
        info.metadata
    );
}

/// The issue's case: a 2,000-byte placeholder value fits in the message, but travels twice
/// more in the details (the message again, and ErrorInfo's metadata). The details after
/// ErrorInfo are dropped first (RequestInfo, then Help), then the metadata value is
/// shortened (at a character, with the message's truncation marker) to the longest that
/// fits: ErrorInfo, its reason and domain stay. It was dropped whole, and the code with it.
#[test]
fn a_long_placeholder_value_is_shortened_in_metadata_not_dropped_with_error_info() {
    #[derive(Debug, Clone, thiserror::Error, ApiError)]
    #[api_error(
        domain = "long.example.com",
        docs_url = "https://long.example.com/{code}"
    )]
    enum Long {
        #[status(400)]
        #[code("LONG")]
        #[message("{text}")]
        #[error("long")]
        Text {
            text: String,
            #[extension]
            note: String,
        },
    }
    for text in ["a".repeat(2000), "é".repeat(700)] {
        let err = Long::Text {
            text: text.clone(),
            note: "n".repeat(300),
        };
        let status = apierror::tonic::to_status(
            &err,
            &apierror::Context::default().with_request_id("req-1"),
        );
        assert_eq!(status.message(), text, "the message fits whole");
        let block = header_bytes(&status);
        assert!(block <= MAX_STATUS_HEADER_BYTES, "{block}");
        let details = tonic_types::pb::Status::decode(status.details())
            .unwrap()
            .details;
        assert_eq!(details.len(), 1, "only ErrorInfo");
        let info = status.get_details_error_info().unwrap();
        assert_eq!(
            (info.reason.as_str(), info.domain.as_str()),
            ("LONG", "long.example.com")
        );
        let (text_value, note) = (&info.metadata["text"], &info.metadata["note"]);
        let kept = text_value.strip_suffix("… [truncated]").unwrap();
        // The longest value is shortened first: with room for 300 bytes and more, `note`
        // stays whole; else both are cut to the same length (at a character: `é` is 2 bytes).
        match note.strip_suffix("… [truncated]") {
            None => assert_eq!(note, &"n".repeat(300)),
            Some(note) => assert!(note.len().abs_diff(kept.len()) <= 1, "{note} {kept}"),
        }
        if text.is_ascii() {
            assert_eq!(note, &"n".repeat(300));
        }
        assert!(text.starts_with(kept) && kept.len() > 100, "{}", kept.len());
        // One more character of it would not have fitted.
        let next = text[kept.len()..].chars().next().unwrap();
        let mut grown = tonic_types::pb::ErrorInfo::decode(details[0].value.as_slice()).unwrap();
        grown
            .metadata
            .insert("text".into(), format!("{kept}{next}… [truncated]"));
        let bigger = Status::with_error_details(
            status.code(),
            status.message(),
            tonic_types::ErrorDetails::with_error_info(grown.reason, grown.domain, grown.metadata),
        );
        let b64 = |len: usize| (len * 4).div_ceil(3);
        // `header_bytes` leaves out `content-type`, which the budget counts.
        let content_type = "content-type".len() + "application/grpc".len() + 32;
        let grown_bytes =
            block + content_type - b64(status.details().len()) + b64(bigger.details().len());
        assert!(grown_bytes > MAX_STATUS_HEADER_BYTES, "{grown_bytes}");
    }
}

/// `FieldViolation.reason` (field 3) is the detail's code in `from_status`, as the JSON reader
/// reads `fieldViolations[].reason`: the same violation gives the same detail either way.
#[test]
fn a_field_violations_reason_is_its_code_as_in_json() {
    let violation = tonic_types::FieldViolation {
        field: "email".into(),
        description: "Invalid email".into(),
        reason: "INVALID_EMAIL".into(),
        localized_message: None,
    };
    let details = tonic_types::ErrorDetails::with_bad_request(vec![violation]);
    let status = Status::with_error_details(Code::InvalidArgument, "Bad email", details);
    let expected = vec![apierror::Detail::new("email", "Invalid email").with_code("INVALID_EMAIL")];
    let remote = RemoteError::from_status(&status).unwrap();
    assert_eq!(remote.details().into_owned(), expected);

    let body = br#"{"error":{"code":400,"message":"Bad email","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"email","description":"Invalid email","reason":"INVALID_EMAIL"}]}]}}"#;
    let json = RemoteError::parse(StatusCode::BAD_REQUEST, &http::HeaderMap::new(), body).unwrap();
    assert_eq!(json.details().into_owned(), expected);
}

/// The gRPC name an upstream answered with has one home, `RemoteError::grpc_code`, whichever
/// way it was read: a Google body's `status` and a status's code agree, and both are sent
/// again as a Google body and as a status (not the name the HTTP status maps to).
#[test]
fn a_google_body_and_a_status_keep_the_same_grpc_name() {
    let from_json = RemoteError::parse(
        StatusCode::CONFLICT,
        &http::HeaderMap::new(),
        br#"{"error":{"code":409,"message":"dup","status":"ALREADY_EXISTS"}}"#,
    )
    .unwrap();
    let from_status = RemoteError::from_status(&Status::already_exists("dup")).unwrap();
    for remote in [from_json, from_status] {
        assert_eq!(remote.grpc_code(), Some("ALREADY_EXISTS"));
        assert_eq!(remote.status(), StatusCode::CONFLICT);
        let ctx = apierror::Context::default().with_request_id("req-1");
        let body = apierror::to_json(&remote, apierror::Format::Google, &ctx);
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"error":{"code":409,"message":"dup","status":"ALREADY_EXISTS","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"CONFLICT"}]}}"#
        );
        assert_eq!(
            apierror::tonic::to_status(&remote, &ctx).code(),
            Code::AlreadyExists
        );
        assert_eq!(Status::from(remote).code(), Code::AlreadyExists);
    }
}

/// An error wrapped by a `#[transparent]` variant of a type with a domain of its own keeps the
/// wrapped error's `#[grpc(code)]`, in Google's `status` and in the `tonic::Status` alike; the
/// outer type's own variants keep theirs.
#[test]
fn a_wrapped_grpc_code_survives_an_outer_domain() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(domain = "inner.example.com")]
    enum Inner {
        /// The task exists already.
        #[status(409)]
        #[grpc(code = "ALREADY_EXISTS")]
        #[error("duplicate")]
        Duplicate,
    }
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(domain = "outer.example.com")]
    enum Outer {
        /// Inner errors.
        #[transparent]
        #[error(transparent)]
        Inner(Inner),
        /// Out of range.
        #[status(400)]
        #[grpc(code = "OUT_OF_RANGE")]
        #[error("range")]
        Range,
        /// A plain conflict.
        #[status(409)]
        #[error("conflict")]
        Conflict,
    }
    let ctx = apierror::Context::default().with_request_id("req-1");
    for (err, name, code) in [
        (
            Outer::Inner(Inner::Duplicate),
            "ALREADY_EXISTS",
            Code::AlreadyExists,
        ),
        (Outer::Range, "OUT_OF_RANGE", Code::OutOfRange),
        (Outer::Conflict, "ABORTED", Code::Aborted),
    ] {
        let body = apierror::to_json(&err, apierror::Format::Google, &ctx);
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"]["status"], name, "{err:?}");
        assert_eq!(
            apierror::tonic::to_status(&err, &ctx).code(),
            code,
            "{err:?}"
        );
    }
}

/// A plain HTTP error a layer inside the gRPC layer answers (tower-http's `CatchPanicLayer`:
/// `500 text/plain`) has no `grpc-status`, which a client reads as a protocol error: the layer
/// answers it as the status of its HTTP status, with the call's id, as it answers a panic.
#[tokio::test]
async fn an_http_error_from_a_layer_inside_becomes_a_status() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    tokio::spawn(
        Server::builder()
            .layer(
                tower::ServiceBuilder::new()
                    .layer(ErrorLayer::new())
                    .layer(tower_http::catch_panic::CatchPanicLayer::new()),
            )
            .add_service(TasksServer)
            .serve_with_incoming(incoming),
    );
    let channel = connect(addr).await;
    let status = error(&channel, "panic", Some("req-caught")).await;
    assert_eq!(status.code(), Code::Internal, "{status:?}");
    assert_eq!(
        status.message(),
        "An unexpected error occurred. Please try again later."
    );
    assert_eq!(metadata(&status, "x-request-id"), "req-caught");
    assert_eq!(metadata(&status, HTTP_STATUS_KEY), "500");
    // The handler's panic text (a secret) is nowhere in what the client gets.
    assert!(!format!("{status:?}").contains("10.0.0.7"));
}

/// A streaming handler's stream that fails after sending messages makes its status when the
/// body is polled, after the handler returned: the layer polls the body in the call's scope,
/// so the status (in the trailers) has the call's id, as a unary error has.
#[tokio::test]
async fn a_status_a_stream_ends_with_has_the_calls_id() {
    let channel = start().await;
    let (tasks, status) = service::list(channel, "", "req-stream-1").await;
    assert_eq!(tasks.len(), 2);
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(metadata(&status, "x-request-id"), "req-stream-1");
    let info = status.get_details_request_info().unwrap();
    assert_eq!(info.request_id, "req-stream-1");
}

/// The layer answers an HTTP error as a status only for a gRPC call (`application/grpc`): a
/// plain HTTP request (a REST route beside the services, a health check) and gRPC-Web keep
/// their response, and a success other than 200 passes too.
#[tokio::test]
async fn only_a_grpc_calls_http_error_becomes_a_status() {
    use tower::{Layer as _, ServiceExt as _};
    let inner = tower::service_fn(|request: http::Request<String>| async move {
        let status = match request.uri().path() {
            "/created" => 201,
            "/moved" => 301,
            _ => 400,
        };
        Ok::<_, std::convert::Infallible>(
            http::Response::builder()
                .status(status)
                .header("retry-after", "3")
                .body(String::from("plain"))
                .unwrap(),
        )
    });
    let call = |path: &'static str, content_type: &'static str| {
        let service = ErrorLayer::new().layer(inner);
        async move {
            let request = http::Request::builder()
                .uri(path)
                .header("content-type", content_type)
                .body(String::new())
                .unwrap();
            service.oneshot(request).await.unwrap()
        }
    };
    for content_type in [
        "application/json",
        "application/grpc-web+proto",
        "text/plain",
    ] {
        for (path, status) in [("/created", 201), ("/moved", 301), ("/bad", 400)] {
            let response = call(path, content_type).await;
            assert_eq!(response.status(), status, "{content_type} {path}");
            assert!(response.headers().get("grpc-status").is_none());
            assert_eq!(response.headers()["retry-after"], "3");
        }
    }
    for content_type in ["application/grpc", "application/grpc+proto"] {
        assert_eq!(call("/created", content_type).await.status(), 201);
        let response = call("/bad", content_type).await;
        assert_eq!(response.status(), 200, "{content_type}");
        assert_eq!(response.headers()["grpc-status"], "3");
    }
}
