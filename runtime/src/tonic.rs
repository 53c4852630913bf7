//! gRPC through tonic (feature `tonic`): the same errors as a [`::tonic::Status`] with Google's
//! rich error model, and a tower layer for tonic servers.
//!
//! Every derived type implements `From<E> for ::tonic::Status` (opt out with
//! `#[api_error(skip(tonic))]`), as do [`HttpError`], [`RemoteError`] (feature `client`) and
//! `Box<dyn ApiError + Send + Sync>`, so a handler returns `Err(TaskError::NotFound { id }.into())`
//! or uses `?`. The status carries:
//!
//! - **code**: `#[grpc(code = "ALREADY_EXISTS")]` on the variant or the type, else the
//!   canonical gRPC code of the HTTP status, as the `Google` envelope pairs them (404
//!   `NOT_FOUND`, 409 `ABORTED`, 422 `INVALID_ARGUMENT`, other 4xx `FAILED_PRECONDITION`,
//!   other 5xx `INTERNAL`, ...);
//! - **message**: the public message, exactly as a body carries it (a 5xx without `#[message]`
//!   says the generic sentence; nothing of `Display` or the source chain). tonic
//!   percent-encodes it once in `grpc-message`, as the gRPC protocol says, and clients decode it;
//! - **details** (`grpc-status-details-bin`, a `google.rpc.Status`), in this order:
//!   `ErrorInfo` (reason = the code, the domain, metadata = the message's placeholder values
//!   keyed in lowerCamelCase, then the extension members as strings), `BadRequest` (one field
//!   violation per detail: field, description = reason), `RetryInfo` (the retry delay), `Help`
//!   (a link to the docs URL, described by the code), `LocalizedMessage` (only when
//!   the message was translated) and `RequestInfo` (the request id). A [`RemoteError`] read
//!   from a Google body (feature `client`) also passes on the body's `details` entries it does
//!   not read (`QuotaFailure`, `PreconditionFailure`, `ResourceInfo`, `RequestInfo`,
//!   `DebugInfo`, a `Help` other than the docs URL's, which then stands in for that one, its
//!   `LocalizedMessage`, ...), each as the `google.rpc` message tonic-types models, converted
//!   from its proto3 JSON (lowerCamelCase or proto names, `int64` as a string or a number,
//!   `Duration` as `"1.5s"`), in the body's order in the place of `LocalizedMessage`, before
//!   `RequestInfo`. An entry of a type tonic-types does not model, or whose JSON does not fit
//!   the message (an unknown member, a value of another kind), stays in `ErrorInfo.metadata`
//!   under `details`, a JSON array of such entries, which [`RemoteError::from_status`] reads
//!   back as entries;
//! - **metadata**: `x-request-id` and [`HTTP_STATUS_KEY`] (`x-http-code: 404`), the HTTP status
//!   the error has over HTTP, which [`RemoteError::from_status`] reads back exactly.
//!
//! The status's `source` stays unset: the cause goes to the log (feature `tracing`), in the
//! same record an HTTP response writes (5xx at error level with the source chain and a
//! support phrase, 4xx at debug level), once per conversion.
//!
//! **Size.** Clients refuse header blocks over 8 KiB (grpc-java's default) and the details
//! travel in a header. The status's headers are held to [`MAX_STATUS_HEADER_BYTES`]: when the
//! details do not fit, `BadRequest` keeps the violations that fit, in order, and a last one
//! saying how many were left out (`… 93 more details omitted`); should that not be enough,
//! details are dropped from the end (RequestInfo first), and ErrorInfo, last, is shortened
//! rather than dropped: its longest metadata values are cut first (at a character, with the
//! message's `… [truncated]` marker), then its metadata entries are dropped from the last, so
//! its reason (the code) and domain always travel. The message is cut (same marker) where it
//! would leave no room for them: it travels twice, in `grpc-message` and in the details. The
//! gRPC code and the message are always sent.
//!
//! **Request ids.** [`ErrorLayer`] resolves each call's id from its `x-request-id` metadata (used
//! when it is 1..=128 characters of `[A-Za-z0-9._-]`, else `req-` and a fresh UUID v4), sets it
//! on the request for the handler, and returns it in the response's metadata; statuses made
//! inside the layer carry it in `x-request-id` and `RequestInfo`. Outside the layer a status
//! gets a fresh id.
//!
//! ```
//! use apierror::ApiError;
//! use tonic_types::StatusExt as _;
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! #[api_error(domain = "tasks.example.com")]
//! enum TaskError {
//!     /// A task with this title exists already.
//!     #[status(409)]
//!     #[grpc(code = "ALREADY_EXISTS")]
//!     #[message("A task titled {title} exists already")]
//!     #[error("duplicate title {title}")]
//!     Duplicate { title: String },
//! }
//!
//! let status = ::tonic::Status::from(TaskError::Duplicate { title: "Write docs".into() });
//! assert_eq!(status.code(), ::tonic::Code::AlreadyExists);
//! assert_eq!(status.message(), "A task titled Write docs exists already");
//! assert_eq!(status.metadata().get("x-http-code").unwrap(), "409");
//! let info = status.get_details_error_info().unwrap();
//! assert_eq!(info.reason, "DUPLICATE");
//! assert_eq!(info.domain, "tasks.example.com");
//! assert_eq!(info.metadata["title"], "Write docs");
//! ```

mod guard;
mod layer;
mod status;

pub use guard::{GuardBody, GuardLayer, GuardService, status_from_headers};
pub use layer::{CallBody, ErrorLayer, ErrorService};
pub use status::{HTTP_STATUS_KEY, MAX_STATUS_HEADER_BYTES};

#[cfg(feature = "client")]
use crate::RemoteError;
use crate::context::Context;
use crate::request_id::ResolvedId;
use crate::{ApiError, AsApiError, HttpError};
use std::sync::Arc;

pub(crate) use status::name_of;

tokio::task_local! {
    /// The context of the call [`ErrorLayer`] is answering: `From<E> for Status` sees no
    /// request, so the layer sets this around the inner service.
    static CALL_CONTEXT: Arc<Context>;
}

/// The call [`ErrorLayer`] is answering, captured to carry into a task the handler spawns.
///
/// A handler's statuses carry its call's request id because the layer sets the call's context
/// around the handler; a task the handler spawns runs outside it, so a status made there gets
/// a fresh id. Capture the call with [`CurrentRequest::get`] in the handler and enter it in
/// the task, as `tracing`'s `Span::current()` and `Instrument` carry a span (or hand the error
/// back to the handler). It is `Send`: `spawn_blocking(move || request.sync_scope(|| ...))`
/// works too.
///
/// ```
/// use apierror::tonic::CurrentRequest;
///
/// let request = CurrentRequest::get(); // in a handler, inside the layer
/// assert!(!request.is_answering()); // here, outside any
/// let task = request.scope(async {
///     // statuses made here carry the call's request id
/// }); // tokio::spawn(task)
/// # drop(task);
/// ```
#[derive(Debug, Clone)]
pub struct CurrentRequest {
    ctx: Option<Arc<Context>>,
}

impl CurrentRequest {
    /// The call being answered by this task: inside [`ErrorLayer`] (a handler, a service
    /// inside the layer), that call; elsewhere none, and what is entered with it gets a fresh
    /// request id, as outside the layer.
    #[must_use]
    pub fn get() -> Self {
        Self {
            ctx: CALL_CONTEXT.try_with(Arc::clone).ok(),
        }
    }

    /// Whether a call was being answered when [`get`](Self::get) was called.
    #[must_use]
    pub fn is_answering(&self) -> bool {
        self.ctx.is_some()
    }

    /// `future`, run with this call's context: the statuses it makes carry the call's request
    /// id, and their log records the same id.
    pub fn scope<F: std::future::Future>(self, future: F) -> Scoped<F> {
        Scoped {
            inner: CALL_CONTEXT.scope(self.ctx.unwrap_or_default(), future),
        }
    }

    /// Runs `f` with this call's context (a blocking task's closure): what
    /// [`scope`](Self::scope) does for a future.
    pub fn sync_scope<R>(&self, f: impl FnOnce() -> R) -> R {
        CALL_CONTEXT.sync_scope(self.ctx.clone().unwrap_or_default(), f)
    }
}

pin_project_lite::pin_project! {
    /// A future run with a call's context: [`CurrentRequest::scope`].
    #[must_use = "futures do nothing unless polled"]
    pub struct Scoped<F> {
        #[pin]
        inner: tokio::task::futures::TaskLocalFuture<Arc<Context>, F>,
    }
}

impl<F: std::future::Future> std::future::Future for Scoped<F> {
    type Output = F::Output;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        self.project().inner.poll(cx)
    }
}

impl<F> std::fmt::Debug for Scoped<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scoped").finish_non_exhaustive()
    }
}

/// The status of `err`, borrowed, with the context of the call [`ErrorLayer`] is answering
/// (its request id), or a fresh request id outside the layer. Logs the error once (feature
/// `tracing`).
///
/// ```
/// use apierror::HttpError;
/// use http::StatusCode;
///
/// let status = apierror::tonic::status_for(&HttpError::new(StatusCode::NOT_FOUND));
/// assert_eq!(status.code(), ::tonic::Code::NotFound);
/// assert_eq!(status.message(), "Not Found");
/// ```
pub fn status_for<E: AsApiError + ?Sized>(err: &E) -> ::tonic::Status {
    build(err.as_api_error())
}

/// The status of `err` with the request id of `ctx` (a fresh one when it has none or an
/// invalid one) and its limits, logged once (feature `tracing`): what [`to_response`] is for
/// HTTP. Inside [`ErrorLayer`], [`status_for`] takes the call's context itself.
///
/// ```
/// use apierror::{Context, HttpError};
/// use http::StatusCode;
///
/// let ctx = Context::default().with_request_id("req-1");
/// let status = apierror::tonic::to_status(&HttpError::new(StatusCode::NOT_FOUND), &ctx);
/// assert_eq!(status.metadata().get("x-request-id").unwrap(), "req-1");
/// ```
///
/// [`to_response`]: crate::to_response
pub fn to_status<E: AsApiError + ?Sized>(err: &E, ctx: &Context) -> ::tonic::Status {
    build_in(err.as_api_error(), ctx)
}

/// The status of `err`, consuming it: [`status_for`]. Derived types' `From<E> for Status`
/// calls this.
pub fn into_status<E: ApiError>(err: E) -> ::tonic::Status {
    status_for(&err)
}

fn build(err: &dyn ApiError) -> ::tonic::Status {
    match CALL_CONTEXT.try_with(Arc::clone) {
        Ok(ctx) => build_in(err, &ctx),
        Err(_) => build_in(err, &Context::default()),
    }
}

fn build_in(err: &dyn ApiError, ctx: &Context) -> ::tonic::Status {
    let request_id = ResolvedId::resolve(ctx.request_id());
    let built = status::build(err, request_id.as_str(), ctx);
    if cfg!(feature = "tracing") {
        let phrase = built
            .http_status
            .is_server_error()
            .then(|| crate::phrase::choose(err.__phrase(), ctx.phrase()));
        crate::log::error_response(&crate::log::Record {
            status: err.status(),
            code: err.code(),
            sent: built.http_status,
            request_id: request_id.as_str(),
            phrase: phrase.as_deref(),
            error: err,
            failure: built.failure.as_ref().map(|failure| failure as _),
        });
    }
    built.status
}

impl From<HttpError> for ::tonic::Status {
    fn from(err: HttpError) -> Self {
        status_for(&err)
    }
}

impl From<Box<dyn ApiError + Send + Sync>> for ::tonic::Status {
    fn from(err: Box<dyn ApiError + Send + Sync>) -> Self {
        status_for(&*err)
    }
}

/// A gateway passes an upstream error on: the gRPC code it was read with (from a status) is
/// kept, as are its code, message and details.
#[cfg(feature = "client")]
impl From<RemoteError> for ::tonic::Status {
    fn from(err: RemoteError) -> Self {
        build(&err)
    }
}
