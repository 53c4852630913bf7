//! A small tasks service on axum. Its handlers return `Result<_, TaskError>`; `ErrorLayer`
//! gives every error the request's id, negotiates `application/problem+json`, and puts axum's
//! own rejections, unmatched routes and timeouts into the same envelope, naming the offending
//! field; their codes are in the service's catalog (`apierror::axum::FrameworkErrors`).
//!
//! Run with `cargo run -p apierror-example-service --example tasks_api`; it listens on
//! 127.0.0.1:3000 (`PORT` changes the port). `DELETE` needs `Authorization: Bearer demo-token` (`TASKS_TOKEN` changes the token).
//!
//! | route | answers |
//! |---|---|
//! | `GET /tasks?limit=N` | the first N tasks (1..=100, default 20) |
//! | `POST /tasks` | creates a task from `{"title": "...", "priority": 1..=5}` |
//! | `GET /tasks/{id}` | one task, with its version as `ETag` |
//! | `PUT /tasks/{id}` | replaces a task; `If-Match: "<version>"` guards against lost updates |
//! | `DELETE /tasks/{id}` | deletes a task (bearer token required) |
//! | `GET /openapi.json` | the OpenAPI 3.1 document, every error response included |
//!
//! Errors speak English (the `#[message]` texts) and French (`examples/service/locales/fr.ftl`),
//! as the request's `Accept-Language` prefers.

use apierror::axum::{ErrorLayer, RequestId};
use apierror::locale::Translations;
use apierror::{ApiError, Detail};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};
use tower_http::timeout::TimeoutLayer;

/// Authentication errors, shared by several services.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum AuthError {
    /// Authentication is required.
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[message("Authentication is required to access this resource")]
    #[header("WWW-Authenticate", "Bearer realm=\"tasks\"")]
    #[error("no bearer token")]
    Unauthorized,

    /// The bearer token is not one this service issued.
    #[status(401)]
    #[code("INVALID_TOKEN")]
    #[message("The bearer token is not valid")]
    #[header("WWW-Authenticate", "Bearer realm=\"tasks\", error=\"invalid_token\"")]
    #[error("unknown bearer token")]
    InvalidToken,
}

/// Errors of the tasks API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    format = "flat",
    docs_url = "https://api.example.com/errors#{code}",
    domain = "tasks.example.com"
)]
pub enum TaskError {
    /// A query parameter is out of range.
    #[status(400)]
    #[code("INVALID_PARAMETER")]
    #[message("The parameter `{name}` must be between 1 and {max}")]
    #[detail(field = "{name}", reason = "Out of range", location = "query")]
    #[error("query parameter {name} out of range")]
    InvalidParameter {
        #[example("limit")]
        name: &'static str,
        #[example(100)]
        max: u32,
    },

    /// The requested task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task with ID {id} could not be found")]
    #[error("task {id} missing from store")]
    NotFound { id: u64 },

    /// Another task already has this title.
    #[status(409)]
    #[code("DUPLICATE_TITLE")]
    #[message("A task titled `{title}` already exists")]
    #[error("duplicate title")]
    DuplicateTitle {
        #[example("Write the docs")]
        title: String,
        #[extension("existingId")]
        existing: u64,
    },

    /// The task changed since the client read it: `If-Match` names another version.
    #[status(412)]
    #[code("VERSION_MISMATCH")]
    #[message("The task has changed; its current version is {current}")]
    #[error("If-Match does not name version {current}")]
    VersionMismatch {
        #[extension("currentVersion")]
        current: u64,
    },

    /// The task failed validation; each problem is a detail.
    #[status(422)]
    #[code("VALIDATION_FAILED")]
    #[message("The task is not valid")]
    #[error("validation failed")]
    Validation {
        #[details]
        problems: Vec<Detail>,
    },

    /// Too many tasks created in a short time.
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[message("Rate limit exceeded. Try again in {secs} seconds")]
    #[error("rate limited")]
    RateLimited {
        #[retry_after]
        secs: u64,
    },

    /// Unexpected failure; the cause is logged, never sent.
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[error("task store unavailable")]
    Store(#[source] StoreError),

    /// Authentication errors, documented and rendered by `AuthError` itself.
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
}

/// The store's lock was poisoned: a handler panicked while writing, so its contents may be
/// half-updated and are not served.
#[derive(Debug, thiserror::Error)]
#[error("the task store's lock was poisoned by a panic during a write")]
pub struct StoreError;

apierror::catalog!(
    /// Every error the service can return — its own, and those `ErrorLayer` writes for axum's
    /// rejections, unmatched routes and timeouts: checked at compile time, documented by
    /// `cargo run -p apierror-example-service --example catalog`, and held against
    /// `errors.lock.json` by the tests.
    pub SERVICE_ERRORS = [TaskError, AuthError, apierror::axum::FrameworkErrors]
);

// Each route's error responses: exactly the errors it can return, its own and those the layer
// writes for axum's rejections (checked at compile time: a name that is no variant, or a code
// the catalog does not have, fails the build). Routes that read a JSON body can meet every
// body rejection, the body limit (413) and the timeout (408: the client is slow to send the
// body); the others answer from their first poll, without waiting on anything, so the timeout
// layer, which checks its timer before running the route, cannot cut them short (short of a
// runtime stalled for the whole 10 seconds before the request is first polled).
apierror::responses!(
    /// What `GET /tasks` can return.
    pub ListTasksErrors = [
        TaskError::{InvalidParameter, Store},
        apierror::axum::FrameworkErrors::{"BAD_REQUEST"},
    ]
);

apierror::responses!(
    /// What `POST /tasks` can return.
    pub CreateTaskErrors = [
        TaskError::{RateLimited, Validation, DuplicateTitle, Store},
        apierror::axum::FrameworkErrors::{
            "BAD_REQUEST",
            "UNSUPPORTED_MEDIA_TYPE",
            "UNPROCESSABLE_ENTITY",
            "PAYLOAD_TOO_LARGE",
            "REQUEST_TIMEOUT",
        },
    ]
);

apierror::responses!(
    /// What `GET /tasks/{id}` can return.
    pub GetTaskErrors = [
        TaskError::{NotFound, Store},
        apierror::axum::FrameworkErrors::{"BAD_REQUEST"},
    ]
);

apierror::responses!(
    /// What `PUT /tasks/{id}` can return.
    pub ReplaceTaskErrors = [
        TaskError::{Validation, NotFound, VersionMismatch, Store},
        apierror::axum::FrameworkErrors::{
            "BAD_REQUEST",
            "UNSUPPORTED_MEDIA_TYPE",
            "UNPROCESSABLE_ENTITY",
            "PAYLOAD_TOO_LARGE",
            "REQUEST_TIMEOUT",
        },
    ]
);

apierror::responses!(
    /// What `DELETE /tasks/{id}` can return: `TaskError::Auth` wraps `AuthError`, listed whole.
    pub DeleteTaskErrors = [
        TaskError::{NotFound, Store},
        AuthError,
        apierror::axum::FrameworkErrors::{"BAD_REQUEST"},
    ]
);

/// The OpenAPI document: each operation documents the errors its route can return.
#[derive(Debug, utoipa::OpenApi)]
#[openapi(
    info(title = "Tasks API", version = "1.0.0"),
    paths(list_tasks, create_task, get_task, replace_task, delete_task)
)]
pub struct ApiDoc;

/// A task.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Task {
    pub id: u64,
    pub title: String,
    pub priority: u8,
    pub done: bool,
    /// Bumped by every change; sent as the `ETag`, checked against `If-Match`.
    pub version: u64,
}

/// The body of `POST /tasks` and `PUT /tasks/{id}`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TaskInput {
    pub title: String,
    #[serde(default = "default_priority")]
    pub priority: u8,
    #[serde(default)]
    pub done: bool,
}

fn default_priority() -> u8 {
    3
}

const MAX_TITLE_CHARS: usize = 100;
const MAX_LIMIT: u32 = 100;
const DEFAULT_LIMIT: u32 = 20;
const RATE_WINDOW: Duration = Duration::from_secs(60);

impl TaskInput {
    /// Every problem with the input at once, so the client can fix them in one go.
    fn validate(&self) -> Result<(), TaskError> {
        let mut problems = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            problems.push(detail("title", "Must not be empty", "empty"));
        } else if title.chars().count() > MAX_TITLE_CHARS {
            problems.push(detail(
                "title",
                "Must be at most 100 characters",
                "too_long",
            ));
        }
        if !(1..=5).contains(&self.priority) {
            problems.push(detail(
                "priority",
                "Must be between 1 and 5",
                "out_of_range",
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(TaskError::Validation { problems })
        }
    }
}

/// A problem with a field of the body; `code` names the rule, which the translations key the
/// reason by.
fn detail(field: &'static str, reason: &'static str, code: &'static str) -> Detail {
    Detail::new(field, reason)
        .with_location("body")
        .with_code(code)
}

apierror::locales!(
    /// The service's messages in French beside the English of the `#[message]`s: embedded
    /// when the service compiles, and checked then against the catalog of the listed types
    /// (a mistake in `fr.ftl` is a compile error naming its line; `complete`: every code has
    /// a French message).
    pub LOCALES = [TaskError, AuthError, apierror::axum::FrameworkErrors],
    "service/locales",
    default = "en",
    complete
);

/// The translations of [`LOCALES`], loaded.
pub fn translations() -> Arc<Translations> {
    // Checked at compile time; loading them again cannot fail but for a bug.
    let french = Translations::from_embedded(&LOCALES).unwrap_or_else(|err| panic!("{err}"));
    Arc::new(french)
}

/// How the service is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The bearer token `DELETE` requires.
    pub token: String,
    /// How many `POST /tasks` a minute the service accepts.
    pub creates_per_minute: u32,
    /// How long a request may take (10 seconds in `main`); a slower one is answered 408.
    pub timeout: Duration,
}

/// The tasks, by id, and the next id to give out.
#[derive(Debug, Default)]
pub struct Store {
    pub tasks: BTreeMap<u64, Task>,
    next_id: u64,
}

/// A fixed one-minute window of `POST /tasks` requests.
#[derive(Debug)]
struct RateWindow {
    started: Instant,
    used: u32,
}

/// What the handlers share.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The tasks. A panic during a write poisons it, and every request after that is a 500.
    pub store: Arc<RwLock<Store>>,
    config: Arc<Config>,
    creates: Arc<Mutex<RateWindow>>,
}

impl AppState {
    pub fn new(config: Config) -> Self {
        Self {
            store: Arc::default(),
            config: Arc::new(config),
            creates: Arc::new(Mutex::new(RateWindow {
                started: Instant::now(),
                used: 0,
            })),
        }
    }

    fn read(&self) -> Result<RwLockReadGuard<'_, Store>, TaskError> {
        self.store.read().map_err(|_| TaskError::Store(StoreError))
    }

    fn write(&self) -> Result<RwLockWriteGuard<'_, Store>, TaskError> {
        self.store.write().map_err(|_| TaskError::Store(StoreError))
    }

    /// Counts one create against the window, or says how long until the next is allowed.
    fn admit_create(&self) -> Result<(), TaskError> {
        // The window holds no invariant a panic could break, so a poisoned lock is still usable.
        let mut window = self
            .creates
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let elapsed = window.started.elapsed();
        if elapsed >= RATE_WINDOW {
            window.started = Instant::now();
            window.used = 0;
        }
        if window.used >= self.config.creates_per_minute {
            let left = RATE_WINDOW.saturating_sub(elapsed);
            let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            return Err(TaskError::RateLimited { secs });
        }
        window.used += 1;
        Ok(())
    }

    fn authorize(&self, headers: &HeaderMap) -> Result<(), TaskError> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or(TaskError::Auth(AuthError::Unauthorized))?;
        if token == self.config.token {
            Ok(())
        } else {
            Err(TaskError::Auth(AuthError::InvalidToken))
        }
    }
}

/// The service: its routes, a 16 KiB body limit, the configured timeout, and `ErrorLayer`
/// outermost so it sees every response.
pub fn router(state: AppState) -> Router {
    let timeout = state.config.timeout;
    Router::new()
        .route("/tasks", get(list_tasks).post(create_task))
        .route(
            "/tasks/{id}",
            get(get_task).put(replace_task).delete(delete_task),
        )
        .route("/openapi.json", get(openapi))
        .with_state(state)
        .layer(DefaultBodyLimit::max(16 * 1024))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(ErrorLayer::new().with_translations(translations()))
}

#[derive(Debug, Deserialize)]
struct ListParams {
    limit: Option<u32>,
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi_document())
}

/// The OpenAPI document `/openapi.json` serves: [`ApiDoc`], each error example in English with
/// its French message listed in its description.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi as _;
    let mut document = ApiDoc::openapi();
    apierror::openapi::list_translations(&mut document, &translations());
    document
}

/// Lists tasks.
#[utoipa::path(
    get,
    path = "/tasks",
    params(("limit" = Option<u32>, Query, description = "How many tasks, 1..=100 (default 20)")),
    responses((status = 200, description = "The tasks", body = [Task]), ListTasksErrors)
)]
async fn list_tasks(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Json<Vec<Task>>, TaskError> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(TaskError::InvalidParameter {
            name: "limit",
            max: MAX_LIMIT,
        });
    }
    let store = state.read()?;
    let take = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok(Json(store.tasks.values().take(take).cloned().collect()))
}

/// Creates a task.
#[utoipa::path(
    post,
    path = "/tasks",
    request_body = TaskInput,
    responses((status = 201, description = "The new task", body = Task), CreateTaskErrors)
)]
async fn create_task(
    State(state): State<AppState>,
    request_id: RequestId,
    Json(input): Json<TaskInput>,
) -> Result<impl IntoResponse, TaskError> {
    state.admit_create()?;
    input.validate()?;
    let mut store = state.write()?;
    let title = input.title.trim().to_owned();
    if let Some(existing) = store.tasks.values().find(|task| task.title == title) {
        return Err(TaskError::DuplicateTitle {
            title,
            existing: existing.id,
        });
    }
    store.next_id += 1;
    let task = Task {
        id: store.next_id,
        title,
        priority: input.priority,
        done: input.done,
        version: 1,
    };
    store.tasks.insert(task.id, task.clone());
    tracing::info!(%request_id, id = task.id, "task created");
    Ok((
        StatusCode::CREATED,
        [
            (header::LOCATION, format!("/tasks/{}", task.id)),
            (header::ETAG, etag(task.version)),
        ],
        Json(task),
    ))
}

/// Reads a task.
#[utoipa::path(
    get,
    path = "/tasks/{id}",
    params(("id" = u64, Path, description = "The task's id")),
    responses((status = 200, description = "The task", body = Task), GetTaskErrors)
)]
async fn get_task(
    State(state): State<AppState>,
    Path(id): Path<u64>,
) -> Result<impl IntoResponse, TaskError> {
    let store = state.read()?;
    let task = store.tasks.get(&id).ok_or(TaskError::NotFound { id })?;
    Ok(([(header::ETAG, etag(task.version))], Json(task.clone())))
}

/// Replaces a task.
#[utoipa::path(
    put,
    path = "/tasks/{id}",
    params(("id" = u64, Path, description = "The task's id")),
    request_body = TaskInput,
    responses((status = 200, description = "The task", body = Task), ReplaceTaskErrors)
)]
async fn replace_task(
    State(state): State<AppState>,
    Path(id): Path<u64>,
    headers: HeaderMap,
    Json(input): Json<TaskInput>,
) -> Result<impl IntoResponse, TaskError> {
    input.validate()?;
    let mut store = state.write()?;
    let task = store.tasks.get_mut(&id).ok_or(TaskError::NotFound { id })?;
    if !if_match_allows(&headers, task.version) {
        return Err(TaskError::VersionMismatch {
            current: task.version,
        });
    }
    task.title = input.title.trim().to_owned();
    task.priority = input.priority;
    task.done = input.done;
    task.version += 1;
    Ok(([(header::ETAG, etag(task.version))], Json(task.clone())))
}

/// Deletes a task.
#[utoipa::path(
    delete,
    path = "/tasks/{id}",
    params(("id" = u64, Path, description = "The task's id")),
    responses((status = 204, description = "Deleted"), DeleteTaskErrors)
)]
async fn delete_task(
    State(state): State<AppState>,
    Path(id): Path<u64>,
    headers: HeaderMap,
) -> Result<StatusCode, TaskError> {
    state.authorize(&headers)?;
    let mut store = state.write()?;
    store.tasks.remove(&id).ok_or(TaskError::NotFound { id })?;
    Ok(StatusCode::NO_CONTENT)
}

/// A task's version as a strong entity tag: `"3"`.
fn etag(version: u64) -> String {
    format!("\"{version}\"")
}

/// Whether `If-Match` lets a change to a task at `version` through: no header, `*`, or a list
/// of tags that names this version.
fn if_match_allows(headers: &HeaderMap, version: u64) -> bool {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return true;
    };
    let current = etag(version);
    value.to_str().is_ok_and(|tags| {
        tags.split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag == current)
    })
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt().init();
    let port = match std::env::var("PORT") {
        Ok(port) => port.parse().map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("PORT must be a port number, not {port:?}"),
            )
        })?,
        Err(_) => 3000,
    };
    let config = Config {
        token: std::env::var("TASKS_TOKEN").unwrap_or_else(|_| "demo-token".to_owned()),
        creates_per_minute: 10,
        timeout: Duration::from_secs(10),
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("tasks API listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router(AppState::new(config))).await
}
