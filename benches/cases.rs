//! The errors the benchmarks render and their hand-written twins: the same data, and per format
//! the `#[derive(Serialize)]` structs and `serde_json::to_vec` a service would write by hand.
//! Shared by `benches/render.rs` and `tests/allocations.rs` (through `#[path]`).

#![allow(dead_code)] // each user takes what it needs

use apierror::{ApiError, Context, Detail, Format};
use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{Response, StatusCode};
use serde::Serialize;
use std::borrow::Cow;

pub const REQUEST_ID: &str = "req-f8d31a62-e789-4856-9452-5efa50223c7a";
pub const INSTANCE: &str = "/tasks/456";
pub const DOMAIN: &str = "tasks.example.com";

/// The derived error.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    docs_url = "https://api.example.com/errors#{code}",
    domain = "tasks.example.com"
)]
pub enum TaskError {
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

    /// Too many requests.
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[message("Rate limit exceeded. Try again in {secs} seconds")]
    #[error("rate limited")]
    RateLimited {
        #[retry_after]
        secs: u64,
    },
}

/// The same errors as a hand-written service would keep them.
pub enum HandError {
    NotFound,
    Locked { id: u64, owner: String },
    Validation { problems: Vec<Detail> },
    RateLimited { secs: u64 },
}

impl HandError {
    pub fn status(&self) -> StatusCode {
        match self {
            HandError::NotFound => StatusCode::NOT_FOUND,
            HandError::Locked { .. } => StatusCode::CONFLICT,
            HandError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            HandError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            HandError::NotFound => "TASK_NOT_FOUND",
            HandError::Locked { .. } => "TASK_LOCKED",
            HandError::Validation { .. } => "VALIDATION_FAILED",
            HandError::RateLimited { .. } => "RATE_LIMIT_EXCEEDED",
        }
    }

    pub fn message(&self) -> Cow<'static, str> {
        match self {
            HandError::NotFound => Cow::Borrowed("The requested task could not be found"),
            HandError::Locked { id, owner } => {
                Cow::Owned(format!("Task {id} is locked by {owner}"))
            }
            HandError::Validation { .. } => Cow::Borrowed("The request body failed validation"),
            HandError::RateLimited { secs } => {
                Cow::Owned(format!("Rate limit exceeded. Try again in {secs} seconds"))
            }
        }
    }

    pub fn details(&self) -> &[Detail] {
        match self {
            HandError::Validation { problems } => problems,
            _ => &[],
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            HandError::RateLimited { secs } => Some(*secs),
            _ => None,
        }
    }

    fn docs_url(&self) -> String {
        format!("https://api.example.com/errors#{}", self.code())
    }

    fn grpc_status(&self) -> &'static str {
        match self.status().as_u16() {
            404 => "NOT_FOUND",
            409 => "ABORTED",
            422 => "INVALID_ARGUMENT",
            429 => "RESOURCE_EXHAUSTED",
            _ => "FAILED_PRECONDITION",
        }
    }

    pub fn render(&self, format: Format, request_id: &str) -> Vec<u8> {
        match format {
            Format::Flat => self.flat(request_id),
            Format::Nested => self.nested(),
            Format::ErrorList => self.error_list(),
            Format::Problem => self.problem(INSTANCE),
            Format::Google => self.google(),
            Format::Simple => self.simple(),
            _ => unreachable!("a seventh format"),
        }
    }

    fn flat(&self, request_id: &str) -> Vec<u8> {
        let message = self.message();
        let body = FlatBody {
            code: self.code(),
            message: &message,
            details: self
                .details()
                .iter()
                .map(|detail| FlatDetail {
                    field: detail.field.as_deref(),
                    reason: &detail.reason,
                    location: detail.location.as_deref(),
                })
                .collect(),
            request_id,
        };
        serde_json::to_vec(&body).unwrap()
    }

    fn nested(&self) -> Vec<u8> {
        let message = self.message();
        let details = self.details();
        let body = NestedBody {
            error: NestedError {
                code: self.code(),
                message: &message,
                details: (!details.is_empty()).then(|| NestedDetails {
                    fields: details.iter().map(FullDetail::of).collect(),
                }),
            },
        };
        serde_json::to_vec(&body).unwrap()
    }

    fn error_list(&self) -> Vec<u8> {
        let help = format!(
            "For more information on API status codes and how to handle them, read the docs on errors: {}",
            self.docs_url()
        );
        let details = self.details();
        let errors = if details.is_empty() {
            vec![ListEntry {
                message: self.message(),
                help: &help,
            }]
        } else {
            details
                .iter()
                .map(|detail| ListEntry {
                    message: match &detail.field {
                        Some(field) => Cow::Owned(format!("{field}: {}", detail.reason)),
                        None => Cow::Borrowed(&*detail.reason),
                    },
                    help: &help,
                })
                .collect()
        };
        serde_json::to_vec(&ListBody { errors }).unwrap()
    }

    fn problem(&self, instance: &str) -> Vec<u8> {
        let status = self.status();
        let message = self.message();
        let docs_url = self.docs_url();
        let body = ProblemBody {
            type_: &docs_url,
            title: status.canonical_reason(),
            status: status.as_u16(),
            detail: &message,
            instance: Some(instance),
            code: self.code(),
            errors: self.details().iter().map(FullDetail::of).collect(),
        };
        serde_json::to_vec(&body).unwrap()
    }

    fn google(&self) -> Vec<u8> {
        let message = self.message();
        // ErrorInfo's metadata: the placeholders' values, as the message shows them.
        let mut metadata = Vec::new();
        let id;
        if let HandError::Locked { id: task, owner } = self {
            id = task.to_string();
            metadata.push(("id", id.as_str()));
            metadata.push(("owner", owner.as_str()));
        }
        let mut details = vec![GoogleDetail::ErrorInfo {
            type_: "type.googleapis.com/google.rpc.ErrorInfo",
            reason: self.code(),
            domain: DOMAIN,
            metadata: GoogleMetadata(metadata),
        }];
        if !self.details().is_empty() {
            details.push(GoogleDetail::BadRequest {
                type_: "type.googleapis.com/google.rpc.BadRequest",
                field_violations: self
                    .details()
                    .iter()
                    .map(|detail| FieldViolation {
                        field: detail.field.as_deref(),
                        description: &detail.reason,
                    })
                    .collect(),
            });
        }
        let docs_url = self.docs_url();
        details.push(GoogleDetail::Help {
            type_: "type.googleapis.com/google.rpc.Help",
            links: vec![HelpLink {
                description: self.code(),
                url: &docs_url,
            }],
        });
        let body = GoogleBody {
            error: GoogleError {
                code: self.status().as_u16(),
                message: &message,
                status: self.grpc_status(),
                details,
            },
        };
        serde_json::to_vec(&body).unwrap()
    }

    fn simple(&self) -> Vec<u8> {
        let message = self.message();
        let body = SimpleBody {
            code: self.status().as_u16(),
            message: &message,
            cause: self.code(),
            errors: self
                .details()
                .iter()
                .map(|detail| SimpleDetail {
                    resource: detail.resource.as_deref(),
                    field: detail.field.as_deref(),
                    code: detail.code.as_deref(),
                    message: &detail.reason,
                })
                .collect(),
        };
        serde_json::to_vec(&body).unwrap()
    }

    /// The response a hand-written service builds: body, status, content type, retry,
    /// request id.
    pub fn response(&self, request_id: &str) -> Response<Vec<u8>> {
        let body = self.flat(request_id);
        let mut builder = Response::builder()
            .status(self.status())
            .header(CONTENT_TYPE, "application/json");
        if let Some(secs) = self.retry_after() {
            builder = builder.header(RETRY_AFTER, secs);
        }
        builder
            .header("x-request-id", request_id)
            .body(body)
            .unwrap()
    }
}

#[derive(Serialize)]
struct FlatBody<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    details: Vec<FlatDetail<'a>>,
    #[serde(rename = "requestId")]
    request_id: &'a str,
}

#[derive(Serialize)]
struct FlatDetail<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
}

#[derive(Serialize)]
pub struct FullDetail<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
}

impl<'a> FullDetail<'a> {
    pub fn of(detail: &'a Detail) -> Self {
        FullDetail {
            field: detail.field.as_deref(),
            reason: &detail.reason,
            location: detail.location.as_deref(),
            resource: detail.resource.as_deref(),
            code: detail.code.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct NestedBody<'a> {
    error: NestedError<'a>,
}

#[derive(Serialize)]
struct NestedError<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<NestedDetails<'a>>,
}

#[derive(Serialize)]
struct NestedDetails<'a> {
    fields: Vec<FullDetail<'a>>,
}

#[derive(Serialize)]
struct ListBody<'a> {
    errors: Vec<ListEntry<'a>>,
}

#[derive(Serialize)]
struct ListEntry<'a> {
    message: Cow<'a, str>,
    help: &'a str,
}

#[derive(Serialize)]
struct ProblemBody<'a> {
    #[serde(rename = "type")]
    type_: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance: Option<&'a str>,
    code: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FullDetail<'a>>,
}

#[derive(Serialize)]
struct GoogleBody<'a> {
    error: GoogleError<'a>,
}

#[derive(Serialize)]
struct GoogleError<'a> {
    code: u16,
    message: &'a str,
    status: &'a str,
    details: Vec<GoogleDetail<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum GoogleDetail<'a> {
    ErrorInfo {
        #[serde(rename = "@type")]
        type_: &'static str,
        reason: &'a str,
        domain: &'a str,
        #[serde(skip_serializing_if = "GoogleMetadata::is_empty")]
        metadata: GoogleMetadata<'a>,
    },
    BadRequest {
        #[serde(rename = "@type")]
        type_: &'static str,
        #[serde(rename = "fieldViolations")]
        field_violations: Vec<FieldViolation<'a>>,
    },
    Help {
        #[serde(rename = "@type")]
        type_: &'static str,
        links: Vec<HelpLink<'a>>,
    },
}

/// `ErrorInfo.metadata` in its order (a map serialized from pairs).
struct GoogleMetadata<'a>(Vec<(&'a str, &'a str)>);

impl GoogleMetadata<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for GoogleMetadata<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct HelpLink<'a> {
    description: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct FieldViolation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    description: &'a str,
}

#[derive(Serialize)]
struct SimpleBody<'a> {
    code: u16,
    message: &'a str,
    cause: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<SimpleDetail<'a>>,
}

#[derive(Serialize)]
struct SimpleDetail<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    message: &'a str,
}

pub fn ten_details() -> Vec<Detail> {
    (0..10)
        .map(|index| {
            Detail::new(format!("items[{index}].name"), "Is required")
                .with_location("body")
                .with_code("missing_field")
        })
        .collect()
}

/// The derived error and its hand-written twin for each case.
pub fn cases() -> Vec<(&'static str, TaskError, HandError)> {
    let owner = "alice@example.com";
    vec![
        ("a_static", TaskError::NotFound, HandError::NotFound),
        (
            "b_interp",
            TaskError::Locked {
                id: 456,
                owner: owner.to_owned(),
            },
            HandError::Locked {
                id: 456,
                owner: owner.to_owned(),
            },
        ),
        (
            "c_details",
            TaskError::Validation {
                problems: ten_details(),
            },
            HandError::Validation {
                problems: ten_details(),
            },
        ),
    ]
}

pub fn context() -> Context {
    Context::default()
        .with_request_id(REQUEST_ID)
        .with_instance(INSTANCE)
        .with_phrase("6 sad squid snuggle softly")
}
