//! A gateway passing an upstream error on between Google JSON and gRPC: the details apierror does
//! not read travel as the same `google.rpc` messages, both ways (DESIGN.md §7), through a real
//! tonic server behind the layer and a real client, read back with tonic-types.

use super::{error, start};
use apierror::{ApiError, Context, Format, RemoteError};
use prost::Message as _;
use prost_types::Any;
use std::collections::HashMap;
use tonic::Code;
use tonic_types::{ErrorDetail, StatusExt as _, pb};

/// An upstream's Google body (AIP-193's quota example, with every other detail type tonic-types
/// models, a type it does not, and a `QuotaFailure` with a member its message does not have).
const UPSTREAM: &str = concat!(
    r#"{"error":{"code":429,"message":"Quota exceeded for quota metric 'Read requests'.","status":"RESOURCE_EXHAUSTED","details":["#,
    r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"service":"sheets.googleapis.com","consumer":"projects/123"}},"#,
    r#"{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"project:123","description":"Read requests per minute <= 60","quotaMetric":"sheets.googleapis.com/read_requests","quotaDimensions":{"region":"us-east1"},"quotaValue":"60"}]},"#,
    r#"{"@type":"type.googleapis.com/google.rpc.PreconditionFailure","violations":[{"type":"TOS","subject":"google.com/cloud","description":"Terms of service not accepted"}]},"#,
    r#"{"@type":"type.googleapis.com/google.rpc.ResourceInfo","resourceType":"sql table","resourceName":"projects/123/tables/t","owner":"user:a@example.com","description":"Read-only"},"#,
    r#"{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"upstream-1","servingData":"shard 4"},"#,
    r#"{"@type":"type.googleapis.com/google.rpc.DebugInfo","stackEntries":["a.go:1","b.go:2"],"detail":"boom"},"#,
    r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.500s"},"#,
    r#"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Request a higher quota limit.","url":"https://cloud.google.com/docs/quotas"}]},"#,
    r#"{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"fr","message":"Quota dépassé."},"#,
    r#"{"@type":"type.googleapis.com/acme.v1.Custom","note":"kept","after":"a member sorted before note"},"#,
    r#"{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"s","unknownMember":"x"}]}"#,
    r#"]}}"#
);

/// The entries of `UPSTREAM` no tonic-types message holds, as `ErrorInfo.metadata` carries them.
const NOT_MODELLED: &str = r#"[{"@type":"type.googleapis.com/acme.v1.Custom","note":"kept","after":"a member sorted before note"},{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"s","unknownMember":"x"}]}]"#;

/// The `google.rpc.Status` details of `status`, as sent.
fn details(status: &tonic::Status) -> Vec<Any> {
    pb::Status::decode(status.details()).unwrap().details
}

fn decoded<M: prost::Message + Default>(any: &Any, type_url: &str) -> M {
    assert_eq!(any.type_url, type_url);
    M::decode(any.value.as_slice()).unwrap()
}

fn type_url(name: &str) -> String {
    format!("type.googleapis.com/google.rpc.{name}")
}

fn map(entries: &[(&str, &str)]) -> HashMap<String, String> {
    entries
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

/// JSON -> gRPC: every detail tonic-types models is that message in `grpc-status-details-bin`
/// (after the error's own, before the call's `RequestInfo`), the upstream's `Help` in place of
/// one made of the docs URL; only what no message holds stays in `ErrorInfo.metadata`.
#[tokio::test]
async fn a_google_body_passed_on_over_grpc_keeps_its_details_as_messages() {
    let channel = start().await;
    let scenario = format!("google:{UPSTREAM}");
    let status = error(&channel, &scenario, Some("req-gw")).await;
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert_eq!(
        status.message(),
        "Quota exceeded for quota metric 'Read requests'."
    );
    let kinds: Vec<&str> = status
        .get_error_details_vec()
        .iter()
        .map(|detail| match detail {
            ErrorDetail::ErrorInfo(_) => "ErrorInfo",
            ErrorDetail::RetryInfo(_) => "RetryInfo",
            ErrorDetail::QuotaFailure(_) => "QuotaFailure",
            ErrorDetail::PreconditionFailure(_) => "PreconditionFailure",
            ErrorDetail::ResourceInfo(_) => "ResourceInfo",
            ErrorDetail::RequestInfo(_) => "RequestInfo",
            ErrorDetail::DebugInfo(_) => "DebugInfo",
            ErrorDetail::Help(_) => "Help",
            ErrorDetail::LocalizedMessage(_) => "LocalizedMessage",
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "ErrorInfo",
            "RetryInfo",
            "QuotaFailure",
            "PreconditionFailure",
            "ResourceInfo",
            "RequestInfo",
            "DebugInfo",
            "Help",
            "LocalizedMessage",
            "RequestInfo",
        ]
    );
    let details = details(&status);
    let info: pb::ErrorInfo = decoded(&details[0], &type_url("ErrorInfo"));
    assert_eq!(info.reason, "RATE_LIMIT_EXCEEDED");
    assert_eq!(info.domain, "googleapis.com");
    assert_eq!(
        info.metadata,
        map(&[
            ("service", "sheets.googleapis.com"),
            ("consumer", "projects/123"),
            ("details", NOT_MODELLED),
        ])
    );
    let retry: pb::RetryInfo = decoded(&details[1], &type_url("RetryInfo"));
    assert_eq!(retry.retry_delay.unwrap().seconds, 2);
    let quota: pb::QuotaFailure = decoded(&details[2], &type_url("QuotaFailure"));
    assert_eq!(
        quota,
        pb::QuotaFailure {
            violations: vec![pb::quota_failure::Violation {
                subject: "project:123".into(),
                description: "Read requests per minute <= 60".into(),
                quota_metric: "sheets.googleapis.com/read_requests".into(),
                quota_dimensions: map(&[("region", "us-east1")]),
                quota_value: 60,
                ..Default::default()
            }],
        }
    );
    let precondition: pb::PreconditionFailure =
        decoded(&details[3], &type_url("PreconditionFailure"));
    assert_eq!(
        precondition.violations,
        [pb::precondition_failure::Violation {
            r#type: "TOS".into(),
            subject: "google.com/cloud".into(),
            description: "Terms of service not accepted".into(),
        }]
    );
    let resource: pb::ResourceInfo = decoded(&details[4], &type_url("ResourceInfo"));
    assert_eq!(
        resource,
        pb::ResourceInfo {
            resource_type: "sql table".into(),
            resource_name: "projects/123/tables/t".into(),
            owner: "user:a@example.com".into(),
            description: "Read-only".into(),
        }
    );
    let upstream: pb::RequestInfo = decoded(&details[5], &type_url("RequestInfo"));
    assert_eq!(
        (upstream.request_id.as_str(), upstream.serving_data.as_str()),
        ("upstream-1", "shard 4")
    );
    let debug: pb::DebugInfo = decoded(&details[6], &type_url("DebugInfo"));
    assert_eq!(debug.stack_entries, ["a.go:1", "b.go:2"]);
    assert_eq!(debug.detail, "boom");
    let help: pb::Help = decoded(&details[7], &type_url("Help"));
    assert_eq!(
        help.links,
        [pb::help::Link {
            description: "Request a higher quota limit.".into(),
            url: "https://cloud.google.com/docs/quotas".into(),
        }]
    );
    let localized: pb::LocalizedMessage = decoded(&details[8], &type_url("LocalizedMessage"));
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("fr", "Quota dépassé.")
    );
    let own: pb::RequestInfo = decoded(&details[9], &type_url("RequestInfo"));
    assert_eq!(own.request_id, "req-gw");

    // Read back and passed on as Google again: the same entries, the metadata's as entries.
    let remote = RemoteError::from_status(&status).unwrap();
    assert_eq!(
        remote.docs_url().as_deref(),
        Some("https://cloud.google.com/docs/quotas")
    );
    let body = apierror::to_json(&remote, Format::Google, &Context::default());
    let expected = concat!(
        r#"{"error":{"code":429,"message":"Quota exceeded for quota metric 'Read requests'.","status":"RESOURCE_EXHAUSTED","details":["#,
        r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"service":"sheets.googleapis.com","consumer":"projects/123"}},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2s"},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"project:123","description":"Read requests per minute <= 60","quotaMetric":"sheets.googleapis.com/read_requests","quotaDimensions":{"region":"us-east1"},"quotaValue":"60"}]},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.PreconditionFailure","violations":[{"type":"TOS","subject":"google.com/cloud","description":"Terms of service not accepted"}]},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.ResourceInfo","resourceType":"sql table","resourceName":"projects/123/tables/t","owner":"user:a@example.com","description":"Read-only"},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.DebugInfo","stackEntries":["a.go:1","b.go:2"],"detail":"boom"},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Request a higher quota limit.","url":"https://cloud.google.com/docs/quotas"}]},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"fr","message":"Quota dépassé."},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-gw"},"#,
        r#"{"@type":"type.googleapis.com/acme.v1.Custom","note":"kept","after":"a member sorted before note"},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"s","unknownMember":"x"}]}"#,
        r#"]}}"#
    );
    assert_eq!(String::from_utf8(body).unwrap(), expected);
}

/// gRPC -> JSON: another server's status with every detail type tonic-types models, read back
/// and passed on as a Google body, writes the details apierror does not read as their proto3
/// JSON (they were dropped); converted back into a status, they are the same bytes again.
#[tokio::test]
async fn a_status_passed_on_as_google_json_keeps_its_details() {
    let channel = start().await;
    let status = error(&channel, "foreign_details", None).await;
    let remote = RemoteError::from_status(&status).unwrap();
    assert_eq!(remote.request_id(), Some("upstream-1"));
    assert_eq!(
        remote.docs_url().as_deref(),
        Some("https://cloud.google.com/quotas")
    );
    let ctx = Context::default().with_request_id("req-gw");
    let body = apierror::to_json(&remote, Format::Google, &ctx);
    let expected = concat!(
        r#"{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED","details":["#,
        r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"service":"sheets.googleapis.com"}},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2s"},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"subject":"project:123","description":"Read requests per minute <= 60"}]},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.PreconditionFailure","violations":[{"type":"TOS","subject":"google.com/cloud","description":"Terms of service not accepted"}]},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.ResourceInfo","resourceType":"sql table","resourceName":"projects/123/tables/t","owner":"user:a@example.com","description":"Read-only"},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.DebugInfo","stackEntries":["a.go:1","b.go:2"],"detail":"boom"},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Request a higher quota limit.","url":"https://cloud.google.com/quotas"},{"description":"Pricing","url":"https://cloud.google.com/pricing"}]},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"fr","message":"Quota dépassé."},"#,
        r#"{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"upstream-2"}"#,
        r#"]}}"#
    );
    assert_eq!(String::from_utf8(body).unwrap(), expected);
    // Every other format has the unread ones (and the `Help`, of which the docs URL is the
    // first link only) as the extension `details`.
    let unread = remote.extension("details").unwrap().as_array().unwrap();
    let types: Vec<&str> = unread
        .iter()
        .map(|entry| entry["@type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            type_url("QuotaFailure"),
            type_url("PreconditionFailure"),
            type_url("ResourceInfo"),
            type_url("DebugInfo"),
            type_url("Help"),
            type_url("RequestInfo"),
        ]
    );

    // Back into a status: each passed-on detail is the bytes the upstream sent.
    let again = apierror::tonic::to_status(&remote, &ctx);
    let sent = details(&status);
    let again = details(&again);
    let by_type = |details: &[Any], index: usize| details[index].clone();
    // The upstream's: ErrorInfo, RetryInfo, QuotaFailure, PreconditionFailure, ResourceInfo,
    // RequestInfo, DebugInfo, Help, LocalizedMessage, RequestInfo. Passed on: ErrorInfo,
    // RetryInfo, then the others in order but the first RequestInfo (the request id), then
    // the call's RequestInfo.
    assert_eq!(again.len(), 10);
    for (sent_at, again_at) in [(2, 2), (3, 3), (4, 4), (6, 5), (7, 6), (8, 7), (9, 8)] {
        assert_eq!(
            by_type(&again, again_at),
            by_type(&sent, sent_at),
            "{sent_at}"
        );
    }
    let info: pb::ErrorInfo = decoded(&again[0], &type_url("ErrorInfo"));
    assert_eq!(info.metadata, map(&[("service", "sheets.googleapis.com")]));
    let own: pb::RequestInfo = decoded(&again[9], &type_url("RequestInfo"));
    assert_eq!(own.request_id, "req-gw");
}

/// A Google body without `ErrorInfo` keeps its `status` name, whatever its HTTP status maps
/// to: passed on as Google, and as a status through the layer (and read back from it).
#[tokio::test]
async fn a_google_body_without_error_info_keeps_its_status_name_everywhere() {
    let channel = start().await;
    for (code, name, grpc) in [
        (400, "OUT_OF_RANGE", Code::OutOfRange),
        (400, "FAILED_PRECONDITION", Code::FailedPrecondition),
        (409, "ALREADY_EXISTS", Code::AlreadyExists),
        (409, "ABORTED", Code::Aborted),
        (500, "DATA_LOSS", Code::DataLoss),
        (500, "UNKNOWN", Code::Unknown),
        (499, "CANCELLED", Code::Cancelled),
        (504, "DEADLINE_EXCEEDED", Code::DeadlineExceeded),
        (403, "PERMISSION_DENIED", Code::PermissionDenied),
    ] {
        let body = format!(r#"{{"error":{{"code":{code},"message":"m","status":"{name}"}}}}"#);
        let remote = super::service::passed_on(&body);
        assert_eq!(remote.grpc_code(), Some(name));
        let again = apierror::to_json(&remote, Format::Google, &Context::default());
        let again: serde_json::Value = serde_json::from_slice(&again).unwrap();
        assert_eq!(again["error"]["status"], name, "{body}");
        assert_eq!(again["error"]["code"], code, "{body}");
        let status = apierror::tonic::to_status(&remote, &Context::default());
        assert_eq!(status.code(), grpc, "{body}");
        let served = error(&channel, &format!("google:{body}"), None).await;
        assert_eq!(served.code(), grpc, "{body}");
        let read = RemoteError::from_status(&served).unwrap();
        assert_eq!(read.grpc_code(), Some(name));
        assert_eq!(read.status().as_u16(), code, "{body}");
        let again = apierror::to_json(&read, Format::Google, &Context::default());
        let again: serde_json::Value = serde_json::from_slice(&again).unwrap();
        assert_eq!(again["error"]["status"], name, "{body}");
    }
}

/// Passed-on details count in the 7 KiB like every detail: too many bytes, and they are
/// dropped from the end (the call's `RequestInfo` first, then the last passed on), the error's
/// own stay.
#[tokio::test]
async fn passed_on_details_are_dropped_from_the_end_to_fit() {
    let channel = start().await;
    let long = "x".repeat(6000);
    let body = format!(
        r#"{{"error":{{"code":503,"message":"down","status":"UNAVAILABLE","details":[{{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"DOWN"}},{{"@type":"type.googleapis.com/google.rpc.ResourceInfo","resourceName":"r"}},{{"@type":"type.googleapis.com/google.rpc.DebugInfo","detail":"{long}"}}]}}}}"#
    );
    let status = error(&channel, &format!("google:{body}"), Some("req-gw")).await;
    assert!(super::header_bytes(&status) <= apierror::tonic::MAX_STATUS_HEADER_BYTES);
    let types: Vec<String> = details(&status)
        .into_iter()
        .map(|any| any.type_url)
        .collect();
    assert_eq!(types, [type_url("ErrorInfo"), type_url("ResourceInfo")]);
    // Without the long one, all travel.
    let body = body.replace(&long, "short");
    let status = error(&channel, &format!("google:{body}"), Some("req-gw")).await;
    let types: Vec<String> = details(&status)
        .into_iter()
        .map(|any| any.type_url)
        .collect();
    assert_eq!(
        types,
        [
            type_url("ErrorInfo"),
            type_url("ResourceInfo"),
            type_url("DebugInfo"),
            type_url("RequestInfo"),
        ]
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text with what JSON escapes and what UTF-8 spans several bytes.
    fn text() -> impl Strategy<Value = String> {
        "[a-z\"\\\\\n\u{1}é🦀 <>]{0,12}"
    }

    /// A detail of a type apierror does not read, any values: each as tonic-types encodes it.
    fn unread_detail() -> impl Strategy<Value = Any> {
        let quota = (
            text(),
            text(),
            text(),
            proptest::option::of((text(), text())),
            any::<i64>(),
            proptest::option::of(any::<i64>()),
        )
            .prop_map(
                |(subject, description, quota_id, dimension, value, future)| {
                    let violation = pb::quota_failure::Violation {
                        subject,
                        description,
                        quota_id,
                        quota_dimensions: dimension.into_iter().collect(),
                        quota_value: value,
                        future_quota_value: future,
                        ..Default::default()
                    };
                    encode(
                        "QuotaFailure",
                        &pb::QuotaFailure {
                            violations: vec![violation],
                        },
                    )
                },
            );
        let precondition =
            proptest::collection::vec((text(), text(), text()), 0..3).prop_map(|violations| {
                let violations = violations
                    .into_iter()
                    .map(
                        |(r#type, subject, description)| pb::precondition_failure::Violation {
                            r#type,
                            subject,
                            description,
                        },
                    )
                    .collect();
                encode(
                    "PreconditionFailure",
                    &pb::PreconditionFailure { violations },
                )
            });
        let resource = (text(), text(), text(), text()).prop_map(|(a, b, c, d)| {
            encode(
                "ResourceInfo",
                &pb::ResourceInfo {
                    resource_type: a,
                    resource_name: b,
                    owner: c,
                    description: d,
                },
            )
        });
        let debug = (proptest::collection::vec(text(), 0..3), text()).prop_map(
            |(stack_entries, detail)| {
                encode(
                    "DebugInfo",
                    &pb::DebugInfo {
                        stack_entries,
                        detail,
                    },
                )
            },
        );
        // A second `RetryInfo` (the first is read): any duration in range, signs agreeing.
        let retry = (-315_576_000_000i64..=315_576_000_000, 0..1_000_000_000i32).prop_map(
            |(seconds, nanos)| {
                let nanos = if seconds < 0 { -nanos } else { nanos };
                encode(
                    "RetryInfo",
                    &pb::RetryInfo {
                        retry_delay: Some(prost_types::Duration { seconds, nanos }),
                    },
                )
            },
        );
        prop_oneof![quota, precondition, resource, debug, retry]
    }

    fn encode(name: &str, message: &impl prost::Message) -> Any {
        Any {
            type_url: type_url(name),
            value: message.encode_to_vec(),
        }
    }

    proptest! {
        /// Any details of the types apierror does not read pass on byte for byte: from a status
        /// to a status, and from a status through a Google body read back to a status.
        #[test]
        fn unread_details_pass_on_byte_for_byte(passed in proptest::collection::vec(unread_detail(), 0..5)) {
            let mut sent = vec![
                encode("ErrorInfo", &pb::ErrorInfo { reason: "R".into(), ..Default::default() }),
                encode("RetryInfo", &pb::RetryInfo { retry_delay: Some(prost_types::Duration { seconds: 3, nanos: 0 }) }),
            ];
            sent.extend(passed.iter().cloned());
            let status = pb::Status { code: Code::Unavailable as i32, message: "down".into(), details: sent };
            let status = tonic::Status::with_details(Code::Unavailable, "down", status.encode_to_vec().into());
            let ctx = Context::default().with_request_id("req-1");
            let remote = RemoteError::from_status(&status).unwrap();
            let again = details(&apierror::tonic::to_status(&remote, &ctx));
            // ErrorInfo, RetryInfo, the passed-on ones, RequestInfo.
            prop_assert_eq!(&again[2..again.len() - 1], passed.as_slice());

            let body = apierror::to_json(&remote, Format::Google, &ctx);
            let read = RemoteError::parse(remote.status(), &http::HeaderMap::new(), &body).unwrap();
            let again = details(&apierror::tonic::to_status(&read, &ctx));
            prop_assert_eq!(&again[2..again.len() - 1], passed.as_slice());
            // Nothing of them stays in the metadata.
            let info: pb::ErrorInfo = decoded(&again[0], &type_url("ErrorInfo"));
            prop_assert!(info.metadata.is_empty());
        }

        /// Any bytes under any type URL tonic-types models: read back, passed on as Google (a
        /// JSON body) and as a status, without a panic.
        #[test]
        fn any_bytes_of_any_type_pass_on_or_are_dropped(
            values in proptest::collection::vec((0..10usize, proptest::collection::vec(any::<u8>(), 0..48)), 0..6),
        ) {
            let names = [
                "ErrorInfo", "RetryInfo", "DebugInfo", "QuotaFailure", "PreconditionFailure",
                "BadRequest", "RequestInfo", "ResourceInfo", "Help", "LocalizedMessage",
            ];
            let details = values
                .into_iter()
                .map(|(name, value)| Any { type_url: type_url(names[name]), value })
                .collect();
            let status = pb::Status { code: Code::NotFound as i32, message: "gone".into(), details };
            let status = tonic::Status::with_details(Code::NotFound, "gone", status.encode_to_vec().into());
            let remote = RemoteError::from_status(&status).unwrap();
            let body = apierror::to_json(&remote, Format::Google, &Context::default());
            prop_assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok());
            let read = RemoteError::parse(remote.status(), &http::HeaderMap::new(), &body).unwrap();
            prop_assert_eq!(read.code(), remote.code());
            let _ = apierror::tonic::to_status(&remote, &Context::default());
        }
    }
}
