//! gRPC speed: `apierror::tonic::to_status` of a derived error beside a `tonic::Status` built by
//! hand with tonic-types (`Status::with_error_details_vec_and_metadata`) carrying the same
//! details (ErrorInfo with the placeholder values, BadRequest, Help, RequestInfo) and the same
//! metadata (`x-request-id`, `x-http-code`), in one run. Before any timing, setup checks that
//! both statuses say the same: code, message, metadata and every detail, decoded.
//!
//! The errors are those of `benches/cases.rs` (`a_static`, `b_interp`, `c_details`).
//!
//! `cargo bench -p apierror-workspace --no-default-features --features apierror/tonic --bench grpc`,
//! BENCHMARKS.md ("gRPC") has the one-liner that prints the medians and their ratios.

mod cases;

use cases::{DOMAIN, HandError, REQUEST_ID, cases, context};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use prost::Message as _;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;
use tonic::metadata::{MetadataMap, MetadataValue};
use tonic::{Code, Status};
use tonic_types::pb;
use tonic_types::{
    BadRequest, ErrorDetail, ErrorInfo, FieldViolation, Help, RequestInfo, StatusExt as _,
};

const DOCS: &str = "https://api.example.com/errors#";

/// What a service writes by hand for each error: the same details with tonic-types.
fn by_hand(err: &HandError) -> Status {
    let (code, status, reason, message, metadata, violations): (
        Code,
        u16,
        &str,
        String,
        HashMap<String, String>,
        Vec<FieldViolation>,
    ) = match err {
        HandError::NotFound => (
            Code::NotFound,
            404,
            "TASK_NOT_FOUND",
            "The requested task could not be found".to_owned(),
            HashMap::new(),
            Vec::new(),
        ),
        HandError::Locked { id, owner } => (
            Code::Aborted,
            409,
            "TASK_LOCKED",
            format!("Task {id} is locked by {owner}"),
            HashMap::from([
                ("id".to_owned(), id.to_string()),
                ("owner".to_owned(), owner.clone()),
            ]),
            Vec::new(),
        ),
        HandError::Validation { problems } => (
            Code::InvalidArgument,
            422,
            "VALIDATION_FAILED",
            "The request body failed validation".to_owned(),
            HashMap::new(),
            problems
                .iter()
                .map(|detail| {
                    FieldViolation::new(
                        detail.field.as_deref().unwrap_or_default(),
                        detail.reason.as_ref(),
                    )
                })
                .collect(),
        ),
        HandError::RateLimited { .. } => unreachable!("not a case here"),
    };
    let mut details = vec![ErrorDetail::ErrorInfo(ErrorInfo::new(
        reason, DOMAIN, metadata,
    ))];
    if !violations.is_empty() {
        details.push(ErrorDetail::BadRequest(BadRequest::new(violations)));
    }
    details.push(ErrorDetail::Help(Help::with_link(
        reason,
        format!("{DOCS}{reason}"),
    )));
    details.push(ErrorDetail::RequestInfo(RequestInfo::new(REQUEST_ID, "")));
    let mut map = MetadataMap::new();
    map.insert("x-request-id", MetadataValue::from_static(REQUEST_ID));
    map.insert("x-http-code", MetadataValue::from(status));
    Status::with_error_details_vec_and_metadata(code, message, details, map)
}

/// What a status says, decoded: code, message, metadata, each detail (ErrorInfo's metadata as
/// a map, since tonic-types writes a `HashMap` in no fixed order).
fn said(status: &Status) -> String {
    let decoded = pb::Status::decode(status.details()).unwrap();
    let details: Vec<String> = decoded
        .details
        .iter()
        .map(|any| match any.type_url.as_str() {
            "type.googleapis.com/google.rpc.ErrorInfo" => {
                let info = pb::ErrorInfo::decode(any.value.as_slice()).unwrap();
                let metadata: std::collections::BTreeMap<_, _> =
                    info.metadata.into_iter().collect();
                format!("ErrorInfo {} {} {metadata:?}", info.reason, info.domain)
            }
            other => format!("{other} {:?}", any.value),
        })
        .collect();
    let metadata: Vec<String> = status
        .metadata()
        .clone()
        .into_headers()
        .iter()
        .map(|(name, value)| format!("{name}: {value:?}"))
        .collect();
    format!(
        "{:?} {:?} {metadata:?} {} {:?} {details:#?}",
        status.code(),
        status.message(),
        decoded.code,
        decoded.message
    )
}

fn to_status(c: &mut Criterion) {
    let ctx = context();
    let mut group = c.benchmark_group("grpc");
    for (name, derived, hand) in &cases() {
        let ours = apierror::tonic::to_status(derived, &ctx);
        let theirs = by_hand(hand);
        assert_eq!(said(&ours), said(&theirs), "{name}");
        group.bench_function(BenchmarkId::new("apierror", name), |b| {
            b.iter(|| apierror::tonic::to_status(black_box(derived), &ctx));
        });
        group.bench_function(BenchmarkId::new("tonic-types", name), |b| {
            b.iter(|| by_hand(black_box(hand)));
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3));
    targets = to_status
}
criterion_main!(benches);
