//! The test service: messages written with prost's derive and a tonic service written by hand
//! (what tonic-build would generate for one unary method), so the tests build no .proto
//! compiler. `tasks.Tasks/Get` answers each `scenario` with one error of [`TaskError`].

use apierror::{ApiError, Detail};
use http::uri::PathAndQuery;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tonic::Status;
use tonic::body::Body;
use tonic::server::{NamedService, ServerStreamingService, UnaryService};
use tonic_prost::ProstCodec;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// `tasks.GetTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GetTask {
    #[prost(uint64, tag = "1")]
    pub id: u64,
    #[prost(string, tag = "2")]
    pub scenario: String,
}

/// `tasks.Task`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Task {
    #[prost(uint64, tag = "1")]
    pub id: u64,
    #[prost(string, tag = "2")]
    pub title: String,
}

/// The errors the service answers with.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    format = "google",
    domain = "tasks.example.com",
    docs_url = "https://api.example.com/errors#{code}"
)]
pub enum TaskError {
    /// The requested task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task {task_id} could not be found")]
    #[error("task {task_id} missing from store")]
    NotFound { task_id: u64 },

    /// A task with this title exists already.
    #[status(409)]
    #[grpc(code = "ALREADY_EXISTS")]
    #[code("TASK_EXISTS")]
    #[message("A task titled {title} exists already")]
    #[error("duplicate title {title} (row 12, shard eu-3)")]
    Duplicate {
        title: String,
        #[extension]
        existing_id: u64,
    },

    /// The task failed validation.
    #[status(422)]
    #[code("VALIDATION_FAILED")]
    #[message("The task is invalid")]
    #[error("validation failed")]
    Invalid {
        #[details]
        details: Vec<Detail>,
    },

    /// Too many requests.
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Too many requests")]
    #[error("rate limited")]
    RateLimited {
        #[retry_after]
        seconds: u64,
    },

    /// The title is not acceptable.
    #[status(400)]
    #[code("BAD_TITLE")]
    #[message("Der Titel „{title}“ ist ungültig: 100% sicher")]
    #[error("bad title")]
    BadTitle { title: String },

    /// Unexpected failure; the cause is logged, never sent.
    #[status(500)]
    #[code("DATABASE")]
    #[error("database at 10.0.0.7 refused: {0}")]
    Database(#[source] std::io::Error),
}

/// `n` field violations.
pub fn violations(n: usize) -> Vec<Detail> {
    (0..n)
        .map(|index| {
            Detail::new(
                format!("items[{index}].name"),
                format!("Item {index} needs a name of at most 64 characters"),
            )
        })
        .collect()
}

/// What the handler answers `scenario` with.
pub fn answer(request: &GetTask) -> Result<Task, Status> {
    let id = request.id;
    // A gateway: the upstream's Google body (`google:{body}`) read and passed on.
    if let Some(body) = request.scenario.strip_prefix("google:") {
        return Err(passed_on(body).into());
    }
    // Another server's status with every detail tonic-types models.
    if request.scenario == "foreign_details" {
        return Err(foreign_status());
    }
    let err = match request.scenario.as_str() {
        "ok" => {
            return Ok(Task {
                id,
                title: "Write docs".to_owned(),
            });
        }
        "not_found" => TaskError::NotFound { task_id: id },
        "duplicate" => TaskError::Duplicate {
            title: "Write docs".to_owned(),
            existing_id: 12,
        },
        "invalid" => TaskError::Invalid {
            details: violations(2),
        },
        "many" => TaskError::Invalid {
            details: violations(500),
        },
        "rate_limited" => TaskError::RateLimited { seconds: 30 },
        "bad_title" => TaskError::BadTitle {
            title: "Café".to_owned(),
        },
        "database" => TaskError::Database(std::io::Error::other("password=hunter2")),
        "foreign" => return Err(Status::permission_denied("made by hand")),
        "panic" => panic!("the handler broke with secret 10.0.0.7"),
        _ => return Err(Status::invalid_argument("unknown scenario")),
    };
    Err(err.into())
}

/// An upstream's Google body read back, its status the body's `code`.
pub fn passed_on(body: &str) -> apierror::RemoteError {
    let value: serde_json::Value = serde_json::from_str(body).unwrap();
    let code = u16::try_from(value["error"]["code"].as_u64().unwrap()).unwrap();
    let status = http::StatusCode::from_u16(code).unwrap();
    apierror::RemoteError::parse(status, &http::HeaderMap::new(), body.as_bytes()).unwrap()
}

/// Another server's status (made with tonic-types, not apierror) with every detail type
/// tonic-types models, in an order of its own: two `RequestInfo`s, a `Help` of two links.
/// Maps have one entry each (tonic-types holds them in a `HashMap`, whose order varies).
pub fn foreign_status() -> Status {
    use tonic_types::{
        DebugInfo, ErrorInfo, Help, HelpLink, LocalizedMessage, PreconditionFailure,
        PreconditionViolation, QuotaFailure, QuotaViolation, RequestInfo, ResourceInfo, RetryInfo,
        StatusExt as _,
    };
    let details = vec![
        ErrorInfo::new(
            "RATE_LIMIT_EXCEEDED",
            "googleapis.com",
            [("service".to_owned(), "sheets.googleapis.com".to_owned())],
        )
        .into(),
        RetryInfo::new(Some(std::time::Duration::from_millis(1500))).into(),
        QuotaFailure::new(vec![QuotaViolation::new(
            "project:123",
            "Read requests per minute <= 60",
        )])
        .into(),
        PreconditionFailure::new(vec![PreconditionViolation::new(
            "TOS",
            "google.com/cloud",
            "Terms of service not accepted",
        )])
        .into(),
        ResourceInfo::new(
            "sql table",
            "projects/123/tables/t",
            "user:a@example.com",
            "Read-only",
        )
        .into(),
        RequestInfo::new("upstream-1", "shard 4").into(),
        DebugInfo::new(vec!["a.go:1".to_owned(), "b.go:2".to_owned()], "boom").into(),
        Help::new(vec![
            HelpLink::new(
                "Request a higher quota limit.",
                "https://cloud.google.com/quotas",
            ),
            HelpLink::new("Pricing", "https://cloud.google.com/pricing"),
        ])
        .into(),
        LocalizedMessage::new("fr", "Quota dépassé.").into(),
        RequestInfo::new("upstream-2", "").into(),
    ];
    Status::with_error_details_vec(tonic::Code::ResourceExhausted, "Quota exceeded.", details)
}

/// The `tasks.Tasks` service.
#[derive(Debug, Clone, Default)]
pub struct TasksServer;

impl NamedService for TasksServer {
    const NAME: &'static str = "tasks.Tasks";
}

/// `tasks.Tasks/Get`.
pub const GET: &str = "/tasks.Tasks/Get";

struct Get;

impl UnaryService<GetTask> for Get {
    type Response = Task;
    type Future = BoxFuture<'static, Result<tonic::Response<Task>, Status>>;

    fn call(&mut self, request: tonic::Request<GetTask>) -> Self::Future {
        Box::pin(async move {
            let carried = match request.get_ref().scenario.as_str() {
                "spawned" => Some(true),
                "spawned_alone" => Some(false),
                _ => None,
            };
            let answered = match carried {
                // The status made in a task the handler spawns, the call carried into it with
                // `CurrentRequest`, or not.
                Some(carried) => {
                    let task = async move {
                        answer(&GetTask {
                            scenario: "not_found".to_owned(),
                            ..request.into_inner()
                        })
                    };
                    let call = apierror::tonic::CurrentRequest::get();
                    assert!(call.is_answering());
                    let spawned = if carried {
                        tokio::spawn(call.scope(task))
                    } else {
                        tokio::spawn(task)
                    };
                    spawned.await.expect("the task")
                }
                None => answer(request.get_ref()),
            };
            answered.map(tonic::Response::new)
        })
    }
}

/// `tasks.Tasks/List`: streams the task twice, then fails with `TaskError::NotFound` (the
/// scenario `foreign`: a `PERMISSION_DENIED` made by hand), the status made when the stream
/// reaches it (after the messages went out: in the trailers).
pub const LIST: &str = "/tasks.Tasks/List";

struct List;

type Tasks = Pin<Box<dyn futures_util::Stream<Item = Result<Task, Status>> + Send>>;

impl ServerStreamingService<GetTask> for List {
    type Response = Task;
    type ResponseStream = Tasks;
    type Future = BoxFuture<'static, Result<tonic::Response<Tasks>, Status>>;

    fn call(&mut self, request: tonic::Request<GetTask>) -> Self::Future {
        let id = request.get_ref().id;
        let foreign = request.get_ref().scenario == "foreign";
        Box::pin(async move {
            let stream = futures_util::stream::unfold(0, move |sent| async move {
                match sent {
                    0 | 1 => Some((
                        Ok(Task {
                            id,
                            title: "Write the report".to_owned(),
                        }),
                        sent + 1,
                    )),
                    2 if foreign => Some((Err(Status::permission_denied("not yours")), 3)),
                    2 => Some((Err(TaskError::NotFound { task_id: id }.into()), 3)),
                    _ => None,
                }
            });
            Ok(tonic::Response::new(Box::pin(stream) as Tasks))
        })
    }
}

impl tower::Service<http::Request<Body>> for TasksServer {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<http::Response<Body>, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        Box::pin(async move {
            if request.uri().path() == GET {
                let mut grpc = tonic::server::Grpc::new(ProstCodec::<Task, GetTask>::default());
                Ok(grpc.unary(Get, request).await)
            } else if request.uri().path() == LIST {
                let mut grpc = tonic::server::Grpc::new(ProstCodec::<Task, GetTask>::default());
                Ok(grpc.server_streaming(List, request).await)
            } else {
                Ok(Status::unimplemented("no such method").into_http())
            }
        })
    }
}

/// A client of `tasks.Tasks` over `channel`.
pub async fn get(
    channel: tonic::transport::Channel,
    scenario: &str,
    request_id: Option<&str>,
) -> Result<tonic::Response<Task>, Status> {
    call(channel, GET, scenario, request_id).await
}

/// Calls `path` with a `GetTask`.
pub async fn call(
    channel: tonic::transport::Channel,
    path: &'static str,
    scenario: &str,
    request_id: Option<&str>,
) -> Result<tonic::Response<Task>, Status> {
    let mut client = tonic::client::Grpc::new(channel);
    client
        .ready()
        .await
        .map_err(|error| Status::unavailable(error.to_string()))?;
    let mut request = tonic::Request::new(GetTask {
        id: 7,
        scenario: scenario.to_owned(),
    });
    if let Some(id) = request_id {
        request
            .metadata_mut()
            .insert("x-request-id", id.parse().unwrap());
    }
    client
        .unary(
            request,
            PathAndQuery::from_static(path),
            ProstCodec::<GetTask, Task>::default(),
        )
        .await
}

/// Calls `tasks.Tasks/List`: the tasks streamed before the status that ended the stream.
pub async fn list(
    channel: tonic::transport::Channel,
    scenario: &str,
    request_id: &str,
) -> (Vec<Task>, Status) {
    let mut client = tonic::client::Grpc::new(channel);
    client.ready().await.unwrap();
    let mut request = tonic::Request::new(GetTask {
        id: 7,
        scenario: scenario.to_owned(),
    });
    request
        .metadata_mut()
        .insert("x-request-id", request_id.parse().unwrap());
    let response = client
        .server_streaming(
            request,
            PathAndQuery::from_static(LIST),
            ProstCodec::<GetTask, Task>::default(),
        )
        .await
        .unwrap();
    let mut stream = response.into_inner();
    let mut tasks = Vec::new();
    loop {
        match stream.message().await {
            Ok(Some(task)) => tasks.push(task),
            Ok(None) => panic!("the stream ended without its status"),
            Err(status) => return (tasks, status),
        }
    }
}
