//! axum integration (feature `axum`).
//!
//! Every derived type implements [`IntoResponse`], as do [`HttpError`], [`RemoteError`]
//! (feature `client`; a gateway returns an upstream's error as it came) and
//! `Box<dyn ApiError + Send + Sync>`, so handlers return `Result<T, TaskError>`. [`ErrorLayer`]
//! gives those responses their request's context and puts every other error response into the
//! same envelope:
//!
//! - **Request ids.** The request's `x-request-id` is used when it is 1..=128 characters of
//!   `[A-Za-z0-9._-]` (only the first value counts), else `req-` and a fresh UUID v4 replaces
//!   it. The request's header is set to that id (so inner layers and handlers see it), the
//!   [`RequestId`] extractor reads it, and every response carries it, successes included.
//! - **Negotiation.** `Accept: application/problem+json` (see [`Format::from_accept`]) renders
//!   errors as RFC 9457 problem details; otherwise a derived error uses its own envelope.
//! - **`instance`.** Problem bodies carry the path the client sent (without the query), also
//!   when the layer runs inside `Router::nest` or `nest_service`, which strip the prefix from the
//!   request's URI: the layer reads axum's [`OriginalUri`] when a router recorded one.
//! - **Foreign errors.** 4xx and 5xx responses that apierror did not render — axum's JSON, path
//!   and query rejections, the 404 of an unmatched route, 405 (its `Allow` kept), 413 from a
//!   body limit, 408 or 504 from a timeout layer — become a [`FrameworkError`] with the
//!   status's code (`BAD_REQUEST`, `NOT_FOUND`, `METHOD_NOT_ALLOWED`, `PAYLOAD_TOO_LARGE`,
//!   ...), a sentence of apierror's own as the message, one detail naming the offending field
//!   of a rejection (`items[0].qty`, location `body`; a path parameter's key from the matched
//!   route) and the response's other headers, rendered in the negotiated envelope, else the
//!   layer's [`with_format`](ErrorLayer::with_format) (`Flat` unless set) — or, through
//!   [`map_rewritten`](ErrorLayer::map_rewritten), as an error of the service's own type. Their
//!   codes are a catalog, [`FrameworkErrors`], to list in `catalog!`.
//! - **Panics.** A panicking handler becomes a 500 `INTERNAL_SERVER_ERROR` with the generic
//!   message; the panic's message reaches the log (feature `tracing`), never the client.
//!
//! Each error response is logged once, rewritten ones included. gRPC calls and responses
//! (`application/grpc`, to and from tonic services in the same router) pass through untouched:
//! give the tonic services `apierror::tonic::ErrorLayer` (feature `tonic`).
//!
//! ```no_run
//! use apierror::ApiError;
//! use apierror::axum::{ErrorLayer, RequestId};
//! use axum::{Router, extract::Path, routing::get};
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! enum TaskError {
//!     /// The requested task does not exist.
//!     #[status(404)]
//!     #[code("TASK_NOT_FOUND")]
//!     #[message("Task with ID {id} could not be found")]
//!     #[error("task {id} missing from store")]
//!     NotFound { id: u64 },
//! }
//!
//! async fn get_task(Path(id): Path<u64>, request_id: RequestId) -> Result<String, TaskError> {
//!     println!("{request_id}: looking for task {id}");
//!     Err(TaskError::NotFound { id })
//! }
//!
//! // Add the layer after the routes and the fallback, so it wraps them all.
//! let app: Router = Router::new()
//!     .route("/tasks/{id}", get(get_task))
//!     .layer(ErrorLayer::new());
//! ```
//!
//! It works with tower-http's request-id layers: a `SetRequestIdLayer` added after
//! `ErrorLayer` (so it runs first) makes the id this layer uses, and a
//! `PropagateRequestIdLayer` finds the id already on the response.

#[cfg(feature = "client")]
use crate::RemoteError;
use crate::framework::{FrameworkError, Hook};
use crate::integration::{self, InScope, LayerWatch, MISSING_LAYER, RequestScope, Sent};
use crate::request_id::HEADER as REQUEST_ID_HEADER;
use crate::{ApiError, AsApiError, Context, Format, HttpError};
use ::axum::BoxError;
use ::axum::body::{Body, Bytes, HttpBody};
use ::axum::extract::{FromRequestParts, OriginalUri, RawPathParams};
use ::axum::response::{IntoResponse, Response};
use futures_util::future::BoxFuture;
use futures_util::{FutureExt as _, StreamExt as _};
use http::header::ACCEPT;
use http::request::Parts;
use http::uri::PathAndQuery;
use http::{HeaderValue, Request, StatusCode, Uri};
use std::cell::RefCell;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::task::Poll;
use tower_layer::Layer;
use tower_service::Service;

pub use crate::integration::RequestId;
#[cfg(feature = "garde")]
pub use crate::validation::Garde;
#[cfg(feature = "validator")]
pub use crate::validation::Valid;

#[cfg(any(feature = "validator", feature = "garde"))]
mod validation;

crate::framework::framework_errors!("axum", "[`ErrorLayer`]");

/// Whether an [`ErrorLayer`] is in use, to notice errors rendered outside it.
static WATCH: LayerWatch = LayerWatch::new(
    "add ErrorLayer with Router::layer after every route, fallback and nested router, and add \
     authentication or other middleware that answers with errors before it (so that ErrorLayer, \
     added last, wraps them); if it is there, the error was rendered in a task the handler \
     spawned, which the layer's scope does not reach: return the error to the handler, or take \
     apierror::axum::CurrentRequest::get() in the handler and enter it in the task",
    "add CompressionLayer (or any layer that encodes bodies) after ErrorLayer, so that it wraps \
     ErrorLayer and compresses the bodies ErrorLayer writes",
);

integration::current_request!(
    "[`ErrorLayer`]",
    Arc,
    REQUEST_SCOPE,
    "apierror::axum",
    "tokio::spawn",
    "`CurrentRequest` is `Send`: `tokio::task::spawn_blocking(move || request.sync_scope(|| \
     ...))` works too."
);

thread_local! {
    /// The scope of the request being answered: `IntoResponse::into_response` sees no
    /// request, so [`ErrorService`] sets this around the inner service's `call` and each poll
    /// of its future (see [`integration::in_scope`]).
    static REQUEST_SCOPE: RefCell<Option<Arc<Scope>>> = const { RefCell::new(None) };
}

/// Runs `f` inside `slot`'s scope (see [`integration::in_scope`]).
fn in_scope<R>(slot: &mut Option<Arc<Scope>>, f: impl FnOnce() -> R) -> R {
    integration::in_scope(&REQUEST_SCOPE, slot, f)
}

/// `f` of the current scope (`None` outside the layer).
fn with_scope<R>(f: impl Fn(Option<&Scope>) -> R) -> R {
    integration::with_current(&REQUEST_SCOPE, |scope| f(scope.map(|scope| &**scope)))
}

/// What [`ErrorLayer`] knows of a request: its id and URI as axum holds them.
type Scope = RequestScope<SentParts>;

/// The request's resolved id, as the header value the request and the response carry (one
/// allocation for a fresh id, none for the client's), and the path the client sent (a clone of
/// the URI's path and query, which shares its bytes), read for `instance` only when an error
/// renders.
#[derive(Debug)]
struct SentParts {
    id: Option<HeaderValue>,
    path: SentPath,
}

impl Sent for SentParts {
    fn id(&self) -> Option<&[u8]> {
        self.id.as_ref().map(HeaderValue::as_bytes)
    }

    fn path(&self) -> &str {
        self.path.as_str()
    }
}

/// [`Uri::path`] of the URI the client sent, kept as the one part of it that holds the path:
/// one reference count, where a clone of the whole `Uri` clones its scheme and authority too.
/// `None` when the URI has no path (authority form), whose path is `""`.
#[derive(Debug)]
struct SentPath(Option<PathAndQuery>);

impl SentPath {
    fn of(uri: &Uri) -> Self {
        // `Uri::path` is `""` exactly when the URI has no path; otherwise it is its path and
        // query's path (`/` for an absolute URI without one).
        Self(if uri.path().is_empty() {
            None
        } else {
            uri.path_and_query().cloned()
        })
    }

    fn as_str(&self) -> &str {
        self.0.as_ref().map_or("", PathAndQuery::path)
    }
}

/// Renders `err` as an axum response, consuming it, as [`IntoResponse::into_response`] does:
/// [`response_for`] of the error.
///
/// Derived types' `IntoResponse` calls this. For an error you hold by reference, call
/// [`response_for`].
pub fn into_response<E: ApiError>(err: E) -> Response {
    response_for(&err)
}

/// Renders `err`, borrowed, as an axum response, with the context of the request
/// [`ErrorLayer`] is answering (its id, negotiated envelope and path), or a fresh context
/// outside the layer.
///
/// The response's `Content-Type` value is made from bytes of apierror's own, by which
/// [`ErrorLayer`] knows to leave it as it is.
///
/// ```
/// use apierror::HttpError;
/// use http::StatusCode;
///
/// let err = HttpError::new(StatusCode::NOT_FOUND);
/// let response = apierror::axum::response_for(&err);
/// assert_eq!(response.status(), StatusCode::NOT_FOUND);
/// // `err` is still here.
/// assert_eq!(err.status(), StatusCode::NOT_FOUND);
/// # use apierror::ApiError as _;
/// ```
///
/// Takes what [`to_response`](crate::to_response) takes: any `ApiError`, and a `Box<dyn
/// ApiError + Send + Sync>` or other trait object of one.
pub fn response_for<E: AsApiError + ?Sized>(err: &E) -> Response {
    respond(err.as_api_error())
}

/// [`response_for`] of a trait object.
fn respond(err: &dyn ApiError) -> Response {
    with_scope(|scope| match scope {
        Some(scope) => {
            let id = scope.sent().id.as_ref();
            scope.with_context(|ctx| render(err, ctx.format_for(err), ctx, id))
        }
        None => {
            WATCH.rendered_without_layer(err.code());
            render(err, err.format(), &Context::default(), None)
        }
    })
}

/// `err` rendered in `ctx`; `id` is the request's id as the scope holds it (checked when the
/// request came in, and `ctx`'s id: the scope made both), which the response carries as it is.
fn render(err: &dyn ApiError, format: Format, ctx: &Context, id: Option<&HeaderValue>) -> Response {
    let response = match (ctx.request_id(), id) {
        (Some(text), Some(value)) => {
            crate::render::to_response_with_id(err, format, ctx, text, value.clone())
        }
        _ => crate::to_response(err, format, ctx),
    };
    response.map(Body::from)
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        into_response(self)
    }
}

/// Inside [`ErrorLayer`] the layer renders it (in its format, through its
/// [`map_rewritten`](ErrorLayer::map_rewritten) hook); outside, it renders as any error.
impl IntoResponse for FrameworkError {
    fn into_response(self) -> Response {
        if with_scope(|scope| scope.is_some()) {
            let mut response = self.status().into_response();
            response.extensions_mut().insert(self);
            response
        } else {
            into_response(&self)
        }
    }
}

#[cfg(feature = "client")]
impl IntoResponse for RemoteError {
    fn into_response(self) -> Response {
        into_response(self)
    }
}

impl IntoResponse for Box<dyn ApiError + Send + Sync> {
    fn into_response(self) -> Response {
        response_for(&*self)
    }
}

/// Reads the request id [`ErrorLayer`] resolved. Without the layer it fails with a 500 (the
/// cause is logged), since an id of its own would not match the one error responses carry.
impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = HttpError;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, HttpError> {
        // The layer's context is there while the request is answered inside it.
        let found = with_scope(|scope| scope.and_then(Scope::request_id));
        found.ok_or_else(|| {
            HttpError::new(StatusCode::INTERNAL_SERVER_ERROR).with_message(MISSING_LAYER)
        })
    }
}

/// A tower layer that resolves each request's id, negotiates the envelope, fills
/// `instance`, and puts every error response into the envelope (see the
/// [module docs](self)).
///
/// Add it last (`Router::layer` after every route, the fallback, nested routers and any
/// middleware that may answer with an error), so that it is outermost: an error rendered
/// outside it gets a fresh context (a new request id, `Accept` ignored) and a rejection outside
/// it stays axum's `text/plain`; one warning is logged (feature `tracing`) when an error
/// renders with no layer around it while the process has one.
///
/// Or put it around the whole router, `ErrorLayer::new().layer(router)` served with
/// `axum::ServiceExt::<Request>::into_make_service`: the same answers without the boxed route
/// `Router::layer` clones per request, except that a path rejection whose text names no key (a
/// single `Path` value, a tuple) has no `field` (no route was matched before the layer ran).
///
/// ```
/// use apierror::Format;
/// use apierror::axum::ErrorLayer;
///
/// // Rejections, unmatched routes and panics as RFC 9457 problem details.
/// let layer = ErrorLayer::new().with_format(Format::Problem);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ErrorLayer {
    format: Format,
    hook: Hook,
    #[cfg(feature = "fluent")]
    languages: integration::Languages,
}

impl ErrorLayer {
    /// A layer that renders foreign errors as `Flat` unless the request negotiates `Problem`.
    pub fn new() -> Self {
        Self::default()
    }

    /// The envelope of errors apierror did not make (rejections, unmatched routes, panics) when
    /// the request does not negotiate one. Derived errors keep their own.
    #[must_use]
    pub fn with_format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Maps what a rewritten error would become (a rejection, an unmatched route, a panic: a
    /// [`FrameworkError`], with its kind, status and details) to an error of the service's own
    /// type, so its codes stay in the service's catalog. `None` keeps the framework's error.
    ///
    /// ```
    /// use apierror::framework::{FrameworkError, FrameworkErrorKind};
    /// use apierror::{ApiError, Detail};
    /// use apierror::axum::ErrorLayer;
    ///
    /// #[derive(Debug, thiserror::Error, ApiError)]
    /// enum ServiceError {
    ///     /// The request body failed validation.
    ///     #[status(422)]
    ///     #[code("VALIDATION_FAILED")]
    ///     #[message("The request body is invalid")]
    ///     #[error("validation failed")]
    ///     ValidationFailed {
    ///         #[details]
    ///         details: Vec<Detail>,
    ///     },
    /// }
    ///
    /// let layer = ErrorLayer::new().map_rewritten(|err: &FrameworkError| match err.kind() {
    ///     FrameworkErrorKind::InvalidBody => Some(ServiceError::ValidationFailed {
    ///         details: err.details().into_owned(),
    ///     }),
    ///     _ => None,
    /// });
    /// ```
    #[must_use]
    pub fn map_rewritten<E, F>(mut self, map: F) -> Self
    where
        E: ApiError + Send + Sync + 'static,
        F: Fn(&FrameworkError) -> Option<E> + Send + Sync + 'static,
    {
        self.hook = Hook::new(map);
        self
    }
}

#[cfg(feature = "fluent")]
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
impl ErrorLayer {
    /// Renders errors in the language each request's `Accept-Language` negotiates among
    /// `translations` (see [`Translations::negotiate`](crate::locale::Translations::negotiate)):
    /// error responses carry `Content-Language` (the language of the message) and
    /// `Vary: Accept-Language`.
    ///
    /// ```
    /// use apierror::axum::ErrorLayer;
    /// use apierror::locale::Translations;
    /// use apierror::Catalog;
    /// use std::sync::Arc;
    ///
    /// let translations = Translations::new("en", Catalog::EMPTY)?
    ///     .with_ftl("fr", "fr.ftl", "apierror-status-404 = Introuvable\n")?;
    /// let layer = ErrorLayer::new().with_translations(Arc::new(translations));
    /// # Ok::<(), apierror::locale::LoadError>(())
    /// ```
    #[must_use]
    pub fn with_translations(
        mut self,
        translations: std::sync::Arc<crate::locale::Translations>,
    ) -> Self {
        self.languages = integration::Languages::new(translations);
        self
    }
}

impl<S> Layer<S> for ErrorLayer {
    type Service = ErrorService<S>;

    fn layer(&self, inner: S) -> ErrorService<S> {
        WATCH.in_use();
        ErrorService {
            inner,
            format: self.format,
            hook: self.hook.clone(),
            #[cfg(feature = "fluent")]
            languages: self.languages.clone(),
        }
    }
}

/// The service [`ErrorLayer`] wraps around an inner service.
#[derive(Debug, Clone)]
pub struct ErrorService<S> {
    inner: S,
    format: Format,
    hook: Hook,
    #[cfg(feature = "fluent")]
    languages: integration::Languages,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for ErrorService<S>
where
    S: Service<Request<ReqBody>, Response = http::Response<ResBody>> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ResBody: HttpBody<Data = Bytes> + Send + 'static,
    ResBody::Error: Into<BoxError>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, S::Error>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let read = RequestHeaders::read(request.headers());
        if read.grpc {
            return self.pass_grpc(request);
        }
        let scope = Arc::new(self.scope(&mut request, read));
        let format = scope.format().unwrap_or(self.format);
        let (request, params) = path_params(request);
        // The instance `poll_ready` prepared is called here and now, so it need not be cloned
        // (the future is `'static` and does not borrow it). `call` itself may render an error
        // or panic before any future exists, so it runs inside the scope with its panics
        // caught, unless it is axum's `Route`'s.
        let called = if runs_no_handler::<S>() {
            Ok(self.inner.call(request))
        } else {
            let inner = &mut self.inner;
            in_scope(&mut Some(Arc::clone(&scope)), || {
                std::panic::catch_unwind(AssertUnwindSafe(|| inner.call(request)))
            })
        };
        let answered = Answered {
            scope,
            format,
            params,
            hook: self.hook.clone(),
        };
        let state = match called {
            Ok(future) => State::Call {
                future,
                answered: Some(answered),
            },
            Err(payload) => {
                let response = answered.panicked(&*payload);
                State::Slow {
                    future: Box::pin(std::future::ready(Ok(response))),
                }
            }
        };
        ResponseFuture { state }
    }
}

/// Whether `S::call` runs none of the application's code: `S` is axum's `Route`, the service
/// `Router::layer` and `MethodRouter::layer` wrap in the layer, or a `Router` (the layer around
/// the whole router). `Route::call` clones the route's boxed service and returns a future that
/// has not started (the handler, its extractors and any inner layer run when it is polled,
/// inside the scope); `Router::call` matches the path and returns the matched route's (or the
/// fallback's) future the same way. So the layer neither enters the scope nor catches panics
/// around it. A constant for each `S`.
fn runs_no_handler<S: 'static>() -> bool {
    let s = std::any::TypeId::of::<S>();
    s == std::any::TypeId::of::<::axum::routing::Route>()
        || s == std::any::TypeId::of::<::axum::Router>()
}

impl<S> ErrorService<S> {
    /// A gRPC call (a tonic service in the same router): its errors are statuses, which
    /// `apierror::tonic::ErrorLayer` answers; this layer stays out of the way. Kept out of
    /// `call`, whose code every HTTP request runs.
    #[inline(never)]
    fn pass_grpc<B>(&mut self, request: Request<B>) -> ResponseFuture<S::Future, S::Error>
    where
        S: Service<Request<B>>,
    {
        ResponseFuture {
            state: State::Grpc {
                future: self.inner.call(request),
            },
        }
    }

    /// The request's scope: its id (the client's `x-request-id` when valid, else a fresh one,
    /// which the request's header is set to), its URI, the envelope `Accept` negotiates and
    /// the language `Accept-Language` negotiates. Strings are not copied here: the context
    /// errors render with is made from the scope when one renders.
    fn scope<B>(&self, request: &mut Request<B>, read: RequestHeaders) -> Scope {
        let RequestHeaders {
            id: (id, set),
            format,
            ..
        } = read;
        #[cfg(feature = "fluent")]
        let locale = self.languages.negotiate(|| {
            let values = request.headers().get_all(http::header::ACCEPT_LANGUAGE);
            values.into_iter().map(HeaderValue::as_bytes)
        });
        let path = SentPath::of(sent_uri(request));
        if set && let Some(id) = &id {
            request.headers_mut().insert(REQUEST_ID_HEADER, id.clone());
        }
        let scope = RequestScope::new(SentParts { id, path }, format);
        #[cfg(feature = "fluent")]
        let scope = scope.with_locale(locale);
        scope
    }
}

/// What the layer reads of a request's headers: whether it is a gRPC call (see [`is_grpc`]),
/// its id (see [`integration::resolve_id`]: the id, and whether the request's header must be
/// set to it) and the envelope its `Accept` values negotiate.
struct RequestHeaders {
    grpc: bool,
    id: (Option<HeaderValue>, bool),
    format: Option<Format>,
}

/// Up to how many header values [`RequestHeaders::read`] finds its three headers in one pass
/// over them rather than by three lookups (each hashes its name; `x-request-id`'s is not a
/// standard one): the pass costs less for the few headers a client or a proxy sends.
const ONE_PASS: usize = 8;

impl RequestHeaders {
    fn read(headers: &http::HeaderMap) -> Self {
        if headers.len() > ONE_PASS {
            return Self::looked_up(headers);
        }
        let mut content_type = None;
        let (mut id, mut more_ids) = (None, false);
        let (mut accept, mut more_accepts) = (None, false);
        for (name, value) in headers {
            if *name == http::header::CONTENT_TYPE {
                content_type = content_type.or(Some(value));
            } else if *name == ACCEPT {
                more_accepts |= accept.is_some();
                accept = accept.or(Some(value));
            } else if *name == REQUEST_ID_HEADER {
                more_ids |= id.is_some();
                id = id.or(Some(value));
            }
        }
        if content_type.is_some_and(names_grpc) {
            return Self::GRPC;
        }
        if more_accepts {
            // Several `Accept` values are negotiated together: all of them, in order.
            return Self::looked_up(headers);
        }
        Self {
            grpc: false,
            id: resolved_id(id, more_ids),
            format: integration::negotiate(accept.map(HeaderValue::as_bytes)),
        }
    }

    /// A gRPC call's: the layer passes it on, so no id is made for it and nothing negotiated.
    const GRPC: Self = Self {
        grpc: true,
        id: (None, false),
        format: None,
    };

    /// The same, each header looked up by name.
    #[inline(never)]
    fn looked_up(headers: &http::HeaderMap) -> Self {
        if is_grpc(headers) {
            return Self::GRPC;
        }
        let mut ids = headers.get_all(REQUEST_ID_HEADER).iter();
        let first = ids.next();
        Self {
            grpc: false,
            id: resolved_id(first, ids.next().is_some()),
            format: integration::negotiate(
                headers.get_all(ACCEPT).iter().map(HeaderValue::as_bytes),
            ),
        }
    }
}

/// [`integration::resolve_id`] with axum's header values: the client's first `x-request-id`
/// (`first`; `more` when it sent others) when valid, else a fresh one.
fn resolved_id(first: Option<&HeaderValue>, more: bool) -> (Option<HeaderValue>, bool) {
    integration::resolve_id(first, more, HeaderValue::as_bytes, |fresh| {
        HeaderValue::from_maybe_shared(fresh).ok()
    })
}

pin_project_lite::pin_project! {
    /// The future of [`ErrorService`]: a named type, so the success path allocates no box (an
    /// error response that must be read and rewritten continues in a boxed future).
    pub struct ResponseFuture<F, E> {
        #[pin]
        state: State<F, E>,
    }
}

pin_project_lite::pin_project! {
    #[project = StateProj]
    enum State<F, E> {
        // A gRPC call, passed through.
        Grpc { #[pin] future: F },
        // The inner service's future, polled inside the request's scope, its panics caught.
        Call {
            #[pin]
            future: F,
            answered: Option<Answered>,
        },
        // An error response being rewritten, or a panic's answer.
        Slow { future: BoxFuture<'static, Result<Response, E>> },
    }
}

impl<F, E> std::fmt::Debug for ResponseFuture<F, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

impl<F, B, E> std::future::Future for ResponseFuture<F, E>
where
    F: std::future::Future<Output = Result<http::Response<B>, E>>,
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
    E: Send + 'static,
{
    type Output = Result<Response, E>;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<Self::Output> {
        let slow = match self.as_mut().project().state.project() {
            StateProj::Grpc { future } => {
                return future.poll(cx).map_ok(|response| response.map(Body::new));
            }
            StateProj::Slow { future } => return future.as_mut().poll(cx),
            StateProj::Call { future, answered } => {
                // Polled again after it finished: the contract of `Future` is broken already.
                let Some(Answered {
                    scope,
                    format,
                    params,
                    hook,
                }) = answered.take()
                else {
                    return Poll::Pending;
                };
                // The scope is entered for this poll only (what tokio's `TaskLocalFuture`
                // does; the scope moves in and back out), and a panic is caught here.
                let mut slot = Some(scope);
                let outcome = in_scope(&mut slot, || {
                    std::panic::catch_unwind(AssertUnwindSafe(|| future.poll(cx)))
                });
                let Some(scope) = slot else {
                    return Poll::Pending;
                };
                let taken = Answered {
                    scope,
                    format,
                    params,
                    hook,
                };
                let outcome = match outcome {
                    Ok(Poll::Pending) => {
                        *answered = Some(taken);
                        return Poll::Pending;
                    }
                    Ok(Poll::Ready(result)) => Ok(result),
                    Err(payload) => Err(payload),
                };
                let answered = taken;
                match outcome {
                    Ok(Ok(response)) if passes(&response) => {
                        return Poll::Ready(Ok(answered.with_id(response.map(Body::new))));
                    }
                    Ok(Ok(response)) => answered.rewrite(response),
                    Ok(Err(error)) => return Poll::Ready(Err(error)),
                    Err(payload) => return Poll::Ready(Ok(answered.panicked(&*payload))),
                }
            }
        };
        self.as_mut()
            .project()
            .state
            .set(State::Slow { future: slow });
        match self.project().state.project() {
            StateProj::Slow { future } => future.as_mut().poll(cx),
            // The state was set just above.
            _ => Poll::Pending,
        }
    }
}

/// What the layer keeps of a request to answer it once the inner service has.
struct Answered {
    scope: Arc<Scope>,
    format: Format,
    params: Option<RawPathParams>,
    hook: Hook,
}

impl Answered {
    /// The response with the request's id as its one `x-request-id` (one insert: a response
    /// apierror rendered carries it already, and gets it again, a reference count).
    fn with_id(&self, mut response: Response) -> Response {
        if let Some(value) = &self.scope.sent().id {
            response
                .headers_mut()
                .insert(REQUEST_ID_HEADER, value.clone());
        }
        response
    }

    /// The answer to a panicking handler, rendered in the request's context.
    #[cold]
    #[inline(never)]
    fn panicked(&self, payload: &(dyn std::any::Any + Send)) -> Response {
        let response = in_scope(&mut Some(Arc::clone(&self.scope)), || {
            answer(
                integration::panic_error(payload),
                self.format,
                &self.scope,
                &self.scope.context(),
                &self.hook,
            )
        });
        self.with_id(response)
    }

    /// An error response apierror did not render, read and rewritten in the request's context.
    #[inline(never)]
    fn rewrite<B, E>(self, response: http::Response<B>) -> BoxFuture<'static, Result<Response, E>>
    where
        B: HttpBody<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
        E: Send + 'static,
    {
        let scope = Some(Arc::clone(&self.scope));
        Box::pin(InScope {
            key: &REQUEST_SCOPE,
            scope,
            future: async move {
                let ctx = self.scope.context();
                let response = envelop(
                    response,
                    self.format,
                    &self.scope,
                    &ctx,
                    self.params.as_ref(),
                    &self.hook,
                )
                .await;
                Ok(self.with_id(response))
            },
        })
    }
}

/// Whether [`envelop`] passes a response through as it is: neither a [`FrameworkError`] to
/// render nor an error apierror did not render (gRPC responses pass). A response whose status
/// is not an error passes on that check alone: a `FrameworkError` always has a 4xx or 5xx
/// status.
fn passes<B>(response: &http::Response<B>) -> bool {
    let status = response.status().as_u16();
    if !integration::is_error_status(status) {
        return true;
    }
    if response.extensions().get::<FrameworkError>().is_some() {
        return false;
    }
    passes_as_made(status, response.headers())
}

/// Whether a response with `status` and `headers` that holds no [`FrameworkError`] passes: not
/// an error, or rendered by apierror (its `Content-Type` value is apierror's own bytes, see
/// [`crate::headers::is_rendered_content_type`]: a handler's own `application/json` is not), or
/// a gRPC one.
fn passes_as_made(status: u16, headers: &http::HeaderMap) -> bool {
    let content_type = headers.get(http::header::CONTENT_TYPE);
    let made_by_apierror = content_type
        .is_some_and(|value| crate::headers::is_rendered_content_type(value.as_bytes()));
    !integration::is_foreign_error(status, made_by_apierror) || content_type.is_some_and(names_grpc)
}

/// The URI the client sent. Inside `Router::nest` or `nest_service` the request's URI has lost
/// the prefix, but the outermost router recorded the whole one as [`OriginalUri`]; when no
/// router ran yet (the layer wraps the whole router as a service) the URI is as sent.
fn sent_uri<B>(request: &Request<B>) -> &Uri {
    request
        .extensions()
        .get::<OriginalUri>()
        .map_or_else(|| request.uri(), |original| &original.0)
}

/// The matched route's path parameters, in route order: there when a router ran before the
/// layer (`Router::layer` wraps each route), so a path rejection can name its key. Kept as
/// axum has them (shared strings); copied out only when a rejection is read. The extractor
/// reads the request's parts, which are taken apart and put back (no other request is made).
/// A router records the [`OriginalUri`] before the parameters (apierror turns on axum's
/// `original-uri`), so a request without one has none, and is not taken apart (the layer
/// around the whole router).
fn path_params<B>(request: Request<B>) -> (Request<B>, Option<RawPathParams>) {
    if request.extensions().get::<OriginalUri>().is_none() {
        return (request, None);
    }
    let (mut parts, body) = request.into_parts();
    let params = RawPathParams::from_request_parts(&mut parts, &())
        .now_or_never()
        .and_then(Result::ok);
    (Request::from_parts(parts, body), params)
}

/// A rewritten error's response: the service's own error when the hook gives one (in its own
/// format unless the request negotiated one), else the framework's, in `format`; `ctx` is made
/// from `scope`.
fn answer(
    err: FrameworkError,
    format: Format,
    scope: &Scope,
    ctx: &Context,
    hook: &Hook,
) -> Response {
    let id = scope.sent().id.as_ref();
    match hook.apply(&err) {
        Some(own) => render(&*own, ctx.format_for(&*own), ctx, id),
        None => render(&err, format, ctx, id),
    }
}

/// Passes a response through, unless it is an error apierror did not render: that one is read
/// into a [`FrameworkError`] (a rejection's text into its kind and detail) and answered.
async fn envelop<B>(
    response: http::Response<B>,
    format: Format,
    scope: &Scope,
    ctx: &Context,
    params: Option<&RawPathParams>,
    hook: &Hook,
) -> Response
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let (mut parts, body) = response.into_parts();
    if let Some(err) = parts.extensions.remove::<FrameworkError>() {
        let mut rewritten = answer(err, format, scope, ctx, hook);
        rewritten.extensions_mut().extend(parts.extensions);
        return rewritten;
    }
    if passes_as_made(parts.status.as_u16(), &parts.headers) {
        return Response::from_parts(parts, Body::new(body));
    }
    let encoding = parts.headers.get(http::header::CONTENT_ENCODING);
    let body = if WATCH.encoded(encoding.map(HeaderValue::as_bytes)) {
        Vec::new()
    } else {
        read_prefix(Body::new(body)).await
    };
    let status = parts.status.as_u16();
    let err = integration::rewritten_error(
        status,
        parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_bytes())),
        &body,
        |text| {
            let text = text?;
            let params: Vec<(String, String)> = params.map_or_else(Vec::new, |params| {
                let pairs = params.iter();
                pairs
                    .map(|(key, value)| (key.to_owned(), value.to_owned()))
                    .collect()
            });
            crate::rejection::axum_rejection(status, text, &params)
        },
    );
    let mut rewritten = answer(err, format, scope, ctx, hook);
    rewritten.extensions_mut().extend(parts.extensions);
    rewritten
}

/// Whether a request or response is a gRPC one (`application/grpc`, `application/grpc+proto`,
/// ...): in a router serving tonic next to axum routes, the layer leaves those alone.
fn is_grpc(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .is_some_and(names_grpc)
}

/// Whether a `Content-Type` value is a gRPC one.
fn names_grpc(content_type: &HeaderValue) -> bool {
    content_type.as_bytes().starts_with(b"application/grpc")
}

/// The body's first [`FOREIGN_BODY_LIMIT`](integration::FOREIGN_BODY_LIMIT) bytes, and one
/// more when there are more, so the reader knows it was cut: the first chunk waited for, then
/// what is ready ([`integration::ReadyPrefix`]). A body that fails ends the read.
async fn read_prefix(body: Body) -> Vec<u8> {
    let mut stream = body.into_data_stream();
    let mut prefix = integration::ReadyPrefix::default();
    std::future::poll_fn(|cx| {
        prefix.read(|| match stream.poll_next_unpin(cx) {
            Poll::Ready(Some(Ok(chunk))) => Poll::Ready(Some(chunk)),
            Poll::Ready(_) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map of `pairs`, in order (a name given twice has two values).
    fn map(pairs: &[(&str, &str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    #[test]
    fn one_pass_over_the_headers_reads_what_the_lookups_read() {
        let filler: Vec<(String, String)> = (0..ONE_PASS)
            .map(|i| (format!("x-filler-{i}"), "1".to_owned()))
            .collect();
        let cases: &[&[(&str, &str)]] = &[
            &[],
            &[("host", "a"), ("user-agent", "b"), ("accept", "*/*")],
            &[
                ("accept", "application/problem+json"),
                ("x-request-id", "abc-1"),
            ],
            &[("x-request-id", "abc-1"), ("x-request-id", "abc-2")],
            &[("x-request-id", "bad id"), ("accept", "application/json")],
            &[
                ("accept", "text/html"),
                ("accept", "application/problem+json"),
            ],
            &[
                ("accept", "application/problem+json;q=0"),
                ("accept", "application/problem+json"),
            ],
            &[
                ("content-type", "application/grpc+proto"),
                ("x-request-id", "abc-1"),
            ],
            &[
                ("content-type", "application/json"),
                ("content-type", "application/grpc"),
            ],
            &[
                ("content-type", "application/grpc"),
                ("content-type", "application/json"),
            ],
        ];
        for pairs in cases {
            // Each case as it is (one pass), and behind enough other headers to be looked up.
            let mut long: Vec<(&str, &str)> = filler
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str()))
                .collect();
            long.extend_from_slice(pairs);
            for headers in [map(pairs), map(&long)] {
                let read = RequestHeaders::read(&headers);
                let looked_up = RequestHeaders::looked_up(&headers);
                assert_eq!(read.grpc, looked_up.grpc, "{pairs:?}");
                assert_eq!(read.grpc, is_grpc(&headers), "{pairs:?}");
                assert_eq!(read.format, looked_up.format, "{pairs:?}");
                assert_eq!(read.id.1, looked_up.id.1, "{pairs:?}");
                if read.grpc {
                    // Passed on: no id made, nothing negotiated.
                    assert!(read.id.0.is_none() && looked_up.id.0.is_none(), "{pairs:?}");
                    assert_eq!(read.format, None, "{pairs:?}");
                    continue;
                }
                let (read_id, looked_up_id) = (read.id.0.unwrap(), looked_up.id.0.unwrap());
                match headers.get(REQUEST_ID_HEADER) {
                    // The client's valid id, as it sent it.
                    Some(sent) if read_id == sent => assert_eq!(looked_up_id, sent),
                    // A fresh one on both sides (each its own).
                    _ => {
                        assert!(read_id.as_bytes().starts_with(b"req-"), "{pairs:?}");
                        assert!(looked_up_id.as_bytes().starts_with(b"req-"), "{pairs:?}");
                    }
                }
            }
        }
        // The cases' expectations themselves.
        let read = RequestHeaders::read(&map(cases[2]));
        assert_eq!(
            (read.format, read.id.0.unwrap(), read.id.1),
            (
                Some(Format::Problem),
                HeaderValue::from_static("abc-1"),
                false
            )
        );
        assert!(RequestHeaders::read(&map(cases[3])).id.1);
        assert_eq!(
            RequestHeaders::read(&map(cases[5])).format,
            Some(Format::Problem)
        );
        assert!(RequestHeaders::read(&map(cases[7])).grpc);
        assert!(!RequestHeaders::read(&map(cases[8])).grpc);
        assert!(RequestHeaders::read(&map(cases[9])).grpc);
    }

    #[test]
    fn the_sent_path_is_the_uris_path_in_every_form() {
        for uri in [
            "/tasks/1?verbose=true",
            "/",
            "*",
            "http://example.com",
            "http://example.com/tasks/1?q=1",
            "https://example.com:8443/a%20b",
            "example.com:443",
        ] {
            let uri: Uri = uri.parse().unwrap();
            let path = SentPath::of(&uri);
            assert_eq!(path.as_str(), uri.path(), "{uri}");
        }
    }
}
