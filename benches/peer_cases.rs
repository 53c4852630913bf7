//! The peer crates' side of `benches/peers.rs`: the same errors as `benches/cases.rs`, rendered
//! as RFC 9457 problem details by the two peers that build with this workspace's dependencies,
//! `http-api-problem` and `problem_details`, each used the way its documentation shows (the
//! service converts its error into the crate's problem type, then serializes it).
//!
//! `problem_details` keeps `type` as an `http::Uri`, which drops a `#fragment`, so these cases
//! use a docs URL without one (`https://api.example.com/errors/{code}`) on every side: the
//! derived [`PeerError`] here is `cases::TaskError` with that URL.

#![allow(dead_code)] // each user takes what it needs

use crate::cases::{FullDetail, HandError, INSTANCE};
use apierror::{ApiError, Detail};
use http::Uri;
use serde::Serialize;

/// `cases::TaskError` with a docs URL that has no fragment.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    docs_url = "https://api.example.com/errors/{code}",
    domain = "tasks.example.com"
)]
pub enum PeerError {
    /// The requested task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("The requested task could not be found")]
    #[error("task missing")]
    NotFound,

    /// Someone else holds the task.
    #[status(409)]
    #[code("TASK_LOCKED")]
    #[message("Task {id} is locked by {owner}")]
    #[error("task {id} locked by {owner}")]
    Locked { id: u64, owner: String },

    /// The request body failed validation.
    #[status(422)]
    #[code("VALIDATION_FAILED")]
    #[message("The request body failed validation")]
    #[error("validation failed")]
    Validation {
        #[details]
        problems: Vec<Detail>,
    },
}

/// The fragment-free docs URL of a code, as a service builds it for either peer.
fn docs_url(code: &str) -> String {
    format!("https://api.example.com/errors/{code}")
}

/// `http-api-problem`: the builder, `code` and `errors` as additional members (a
/// `HashMap<String, serde_json::Value>`), then `json_bytes` (`serde_json::to_vec`).
pub fn http_api_problem(err: &HandError) -> Vec<u8> {
    let mut problem = http_api_problem::HttpApiProblem::with_title(err.status())
        .type_url(docs_url(err.code()))
        .detail(err.message())
        .instance(INSTANCE)
        .value("code", &err.code());
    let details = err.details();
    if !details.is_empty() {
        let errors: Vec<FullDetail<'_>> = details.iter().map(FullDetail::of).collect();
        problem.set_value("errors", &errors);
    }
    problem.json_bytes()
}

/// The extension members of a problem, for `problem_details` (flattened into the body).
#[derive(Serialize)]
struct Extensions<'a> {
    code: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FullDetail<'a>>,
}

/// `problem_details`: `ProblemDetails::from_status_code` (status and title), the type and
/// instance as `Uri`s, the extension members as a borrowed struct, then `serde_json::to_vec`.
pub fn problem_details(err: &HandError) -> Vec<u8> {
    let problem = problem_details::ProblemDetails::from_status_code(err.status())
        .with_type(Uri::try_from(docs_url(err.code())).expect("a valid URI"))
        .with_detail(err.message())
        .with_instance(Uri::from_static(INSTANCE))
        .with_extensions(Extensions {
            code: err.code(),
            errors: err.details().iter().map(FullDetail::of).collect(),
        });
    serde_json::to_vec(&problem).expect("a problem serializes")
}

/// The hand-written baseline of `cases.rs` with the fragment-free docs URL.
pub fn hand_serde(err: &HandError) -> Vec<u8> {
    #[derive(Serialize)]
    struct Body<'a> {
        #[serde(rename = "type")]
        type_: &'a str,
        title: Option<&'a str>,
        status: u16,
        detail: &'a str,
        instance: &'a str,
        code: &'a str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        errors: Vec<FullDetail<'a>>,
    }
    let status = err.status();
    let message = err.message();
    let type_ = format!("https://api.example.com/errors/{}", err.code());
    serde_json::to_vec(&Body {
        type_: &type_,
        title: status.canonical_reason(),
        status: status.as_u16(),
        detail: &message,
        instance: INSTANCE,
        code: err.code(),
        errors: err.details().iter().map(FullDetail::of).collect(),
    })
    .expect("serializes")
}

/// The derived error and the hand-written error the peers convert, for each case of
/// `cases::cases()` (without `Retry-After`: the peers render a body, not a response).
pub fn peer_cases() -> Vec<(&'static str, PeerError, HandError)> {
    crate::cases::cases()
        .into_iter()
        .map(|(name, _, hand)| {
            let derived = match &hand {
                HandError::NotFound => PeerError::NotFound,
                HandError::Locked { id, owner } => PeerError::Locked {
                    id: *id,
                    owner: owner.clone(),
                },
                HandError::Validation { problems } => PeerError::Validation {
                    problems: problems.clone(),
                },
                HandError::RateLimited { .. } => unreachable!("not among cases()"),
            };
            (name, derived, hand)
        })
        .collect()
}

/// Asserts that apierror's Problem body and each peer's are the same JSON value (the peers
/// order the members differently: `status` before `title`, extension members last or in hash
/// order).
pub fn assert_same_value(name: &str, ours: &[u8], peer: &str, theirs: &[u8]) {
    let ours: serde_json::Value = serde_json::from_slice(ours).expect("apierror's body is JSON");
    let theirs: serde_json::Value =
        serde_json::from_slice(theirs).expect("the peer's body is JSON");
    assert_eq!(ours, theirs, "{name}: apierror and {peer} differ");
}
