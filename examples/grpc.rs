//! The tasks service's errors over gRPC: the same `TaskError` as the HTTP service
//! (`examples/tasks_api.rs`), answered as `tonic::Status` with Google's error details
//! (`ErrorInfo`, `BadRequest`, `RetryInfo`, `Help`, `RequestInfo`), behind
//! `apierror::tonic::ErrorLayer`.
//!
//! Run with `cargo run -p apierror-example-service --example grpc`; it listens on
//! 127.0.0.1:50051 (`PORT` changes the port).
//! The messages are written with prost's derive and the service by hand (what tonic-build would
//! generate for this .proto), so nothing needs `protoc`:
//!
//! ```proto
//! package tasks;
//! service Tasks {
//!   rpc GetTask(GetTaskRequest) returns (Task);        // NOT_FOUND: TASK_NOT_FOUND
//!   rpc CreateTask(CreateTaskRequest) returns (Task);  // INVALID_ARGUMENT: VALIDATION_FAILED,
//!                                                      // ALREADY_EXISTS: DUPLICATE_TITLE,
//!                                                      // RESOURCE_EXHAUSTED: RATE_LIMIT_EXCEEDED
//!   rpc DeleteTask(GetTaskRequest) returns (Task);     // UNAUTHENTICATED without
//!                                                      // `authorization: Bearer demo-token`
//! }
//! message GetTaskRequest { uint64 id = 1; }
//! message CreateTaskRequest { string title = 1; uint32 priority = 2; }
//! message Task { uint64 id = 1; string title = 2; uint32 priority = 3; }
//! ```
//!
//! With grpcurl and the .proto above: `grpcurl -plaintext -proto tasks.proto -d '{"id": 9}'
//! 127.0.0.1:50051 tasks.Tasks/GetTask` answers `NotFound` with the details.

#[allow(dead_code)] // the HTTP service's handlers and `main` are not used here
#[path = "tasks_api.rs"]
mod tasks_api;

use apierror::Detail;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tasks_api::{AuthError, StoreError, TaskError};
use tonic::Status;
use tonic::body::Body;
use tonic::server::{NamedService, UnaryService};
use tonic_prost::ProstCodec;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// `tasks.GetTaskRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GetTaskRequest {
    #[prost(uint64, tag = "1")]
    pub id: u64,
}

/// `tasks.CreateTaskRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct CreateTaskRequest {
    #[prost(string, tag = "1")]
    pub title: String,
    #[prost(uint32, tag = "2")]
    pub priority: u32,
}

/// `tasks.Task`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Task {
    #[prost(uint64, tag = "1")]
    pub id: u64,
    #[prost(string, tag = "2")]
    pub title: String,
    #[prost(uint32, tag = "3")]
    pub priority: u32,
}

/// The tasks and the next id.
#[derive(Debug, Default)]
struct Store {
    tasks: BTreeMap<u64, Task>,
    next_id: u64,
    creates: u32,
}

/// How many tasks may be created before `RATE_LIMIT_EXCEEDED` (a small number, to try it).
const CREATES_ALLOWED: u32 = 20;

/// The `tasks.Tasks` service.
#[derive(Debug, Clone, Default)]
struct Tasks {
    store: Arc<Mutex<Store>>,
}

impl Tasks {
    fn store(&self) -> Result<std::sync::MutexGuard<'_, Store>, TaskError> {
        self.store.lock().map_err(|_| TaskError::Store(StoreError))
    }

    fn get_task(&self, request: &GetTaskRequest) -> Result<Task, TaskError> {
        let store = self.store()?;
        store
            .tasks
            .get(&request.id)
            .cloned()
            .ok_or(TaskError::NotFound { id: request.id })
    }

    fn create_task(&self, request: &CreateTaskRequest) -> Result<Task, TaskError> {
        let mut problems = Vec::new();
        let title = request.title.trim();
        if title.is_empty() {
            problems.push(Detail::new("title", "Must not be empty"));
        }
        if !(1..=5).contains(&request.priority) {
            problems.push(Detail::new("priority", "Must be between 1 and 5"));
        }
        if !problems.is_empty() {
            return Err(TaskError::Validation { problems });
        }
        let mut store = self.store()?;
        if let Some(existing) = store.tasks.values().find(|task| task.title == title) {
            return Err(TaskError::DuplicateTitle {
                title: title.to_owned(),
                existing: existing.id,
            });
        }
        if store.creates >= CREATES_ALLOWED {
            return Err(TaskError::RateLimited { secs: 60 });
        }
        store.creates += 1;
        store.next_id += 1;
        let task = Task {
            id: store.next_id,
            title: title.to_owned(),
            priority: request.priority,
        };
        store.tasks.insert(task.id, task.clone());
        Ok(task)
    }

    fn delete_task(
        &self,
        metadata: &tonic::metadata::MetadataMap,
        request: &GetTaskRequest,
    ) -> Result<Task, TaskError> {
        let token = metadata
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or(TaskError::Auth(AuthError::Unauthorized))?;
        if token != "demo-token" {
            return Err(TaskError::Auth(AuthError::InvalidToken));
        }
        let mut store = self.store()?;
        store
            .tasks
            .remove(&request.id)
            .ok_or(TaskError::NotFound { id: request.id })
    }
}

impl NamedService for Tasks {
    const NAME: &'static str = "tasks.Tasks";
}

/// One method: the request message `Req`, answered by `handle`.
struct Method<Req> {
    tasks: Tasks,
    handle: fn(&Tasks, &tonic::metadata::MetadataMap, &Req) -> Result<Task, TaskError>,
}

impl<Req: Send + 'static> UnaryService<Req> for Method<Req> {
    type Response = Task;
    type Future = BoxFuture<'static, Result<tonic::Response<Task>, Status>>;

    fn call(&mut self, request: tonic::Request<Req>) -> Self::Future {
        // `?` and `.into()` turn a `TaskError` into a `Status` with its details.
        let answer = (self.handle)(&self.tasks, request.metadata(), request.get_ref());
        Box::pin(async move { Ok(tonic::Response::new(answer?)) })
    }
}

impl tower::Service<http::Request<Body>> for Tasks {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<http::Response<Body>, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        let tasks = self.clone();
        Box::pin(async move {
            let response = match request.uri().path() {
                "/tasks.Tasks/GetTask" => {
                    let method = Method::<GetTaskRequest> {
                        tasks,
                        handle: |tasks, _, request| tasks.get_task(request),
                    };
                    let mut grpc = tonic::server::Grpc::new(ProstCodec::default());
                    grpc.unary(method, request).await
                }
                "/tasks.Tasks/CreateTask" => {
                    let method = Method::<CreateTaskRequest> {
                        tasks,
                        handle: |tasks, _, request| tasks.create_task(request),
                    };
                    let mut grpc = tonic::server::Grpc::new(ProstCodec::default());
                    grpc.unary(method, request).await
                }
                "/tasks.Tasks/DeleteTask" => {
                    let method = Method::<GetTaskRequest> {
                        tasks,
                        handle: Tasks::delete_task,
                    };
                    let mut grpc = tonic::server::Grpc::new(ProstCodec::default());
                    grpc.unary(method, request).await
                }
                _ => Status::unimplemented("no such method").into_http(),
            };
            Ok(response)
        })
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt().init();
    let port: u16 = match std::env::var("PORT") {
        Ok(port) => port
            .parse()
            .map_err(|_| format!("PORT must be a port number, not {port:?}"))?,
        Err(_) => 50051,
    };
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    tracing::info!("tasks gRPC service on {addr}");
    tonic::transport::Server::builder()
        .layer(apierror::tonic::ErrorLayer::new())
        .add_service(Tasks::default())
        .serve(addr)
        .await?;
    Ok(())
}
