//! actix-web integration (feature `actix`).
//!
//! Every derived type implements [`ResponseError`], as do [`HttpError`], [`RemoteError`]
//! (feature `client`) and `Box<dyn ApiError + Send + Sync>`, with the same status, headers and
//! body as everywhere else. [`ErrorMiddleware`] does what the axum layer does:
//!
//! - **Request ids.** The request's `x-request-id` is used when it is 1..=128 characters of
//!   `[A-Za-z0-9._-]` (only the first value counts), else `req-` and a fresh UUID v4 replaces
//!   it. The request's header is set to that id, the [`RequestId`] extractor reads it, and
//!   every response carries it, successes included.
//! - **Negotiation.** `Accept: application/problem+json` (see [`Format::from_accept`]) renders
//!   errors as RFC 9457 problem details; otherwise a derived error uses its own envelope.
//! - **`instance`.** Problem bodies carry the path the client sent (without the query), also
//!   when the middleware wraps a `web::scope`: actix-web matches scopes without changing the
//!   request's URI.
//! - **Foreign errors.** 4xx and 5xx responses that apierror did not render — the 404 of an
//!   unmatched route, 405 (its `Allow` kept), the JSON, path and query extractors' errors, 413
//!   from a payload limit, an inner middleware's `Err` — become a [`FrameworkError`] with the
//!   status's code and the statuses axum's get (a wrong content type 415, a body of the wrong
//!   shape 422, a path that does not parse 400), a sentence of apierror's own as the message,
//!   one detail naming the offending field when the error says it (a missing field; a path
//!   parameter's key from `match_info`; any path with this module's [`Json`] and [`Query`]) and
//!   the response's other headers, rendered in the negotiated envelope, else the middleware's
//!   [`with_format`](ErrorMiddleware::with_format) (`Flat` unless set) — or, through
//!   [`map_rewritten`](ErrorMiddleware::map_rewritten), as an error of the service's own type.
//!   Their codes are a catalog, [`FrameworkErrors`], to list in `catalog!`.
//! - **Panics.** A panicking handler becomes a 500 `INTERNAL_SERVER_ERROR` with the generic
//!   message; the panic's message reaches the log (feature `tracing`), never the client.
//!
//! Each error response is logged once, rewritten ones included.
//!
//! ```no_run
//! use apierror::ApiError;
//! use apierror::actix::{ErrorMiddleware, RequestId};
//! use actix_web::{App, web};
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
//! async fn get_task(id: web::Path<u64>, request_id: RequestId) -> Result<String, TaskError> {
//!     println!("{request_id}: looking for task {id}");
//!     Err(TaskError::NotFound { id: *id })
//! }
//!
//! // `web::resource` (not `App::route`): a method the resource does not serve is then a 405
//! // with `Allow`, not a 404. The middleware is the last `.wrap`, so it runs first.
//! let app = App::new()
//!     .service(web::resource("/tasks/{id}").route(web::get().to(get_task)))
//!     .wrap(ErrorMiddleware::new());
//! ```
//!
//! actix-web 4 uses `http` 0.2, apierror `http` 1: statuses and headers are converted by value.
//!
//! A handler runs inside the middleware's future on the worker's thread, so the request's
//! context reaches [`error_response`] through a thread-local the middleware sets for each poll
//! of that future. A panic is caught after
//! the request was handed to the inner service, so the middleware answers it with an `Err`
//! whose response is already rendered (actix-web sends an `Err`'s response as it is); an inner
//! middleware's `Err` is rendered the same way, inside the request's context.

#[cfg(feature = "client")]
use crate::RemoteError;
use crate::framework::{FrameworkError, FrameworkErrorKind, Hook};
use crate::integration::{self, InScope, LayerWatch, MISSING_LAYER, RequestScope, Sent};
use crate::rejection::{self, Reading};
use crate::{ApiError, AsApiError, Context, Format, HttpError};
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::InternalError;
use actix_web::http::StatusCode;
use actix_web::http::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue, VARY};
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError};
use futures_util::future::LocalBoxFuture;
use std::cell::RefCell;
use std::future::{Ready, ready};
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::task::Poll;

pub use crate::integration::RequestId;
#[cfg(feature = "garde")]
pub use crate::validation::Garde;
#[cfg(feature = "validator")]
pub use crate::validation::Valid;

#[cfg(any(feature = "validator", feature = "garde"))]
mod validation;

crate::framework::framework_errors!("actix", "[`ErrorMiddleware`]");

/// Whether an [`ErrorMiddleware`] is in use, to notice errors rendered outside it.
static WATCH: LayerWatch = LayerWatch::new(
    "wrap the App (or the scope) in ErrorMiddleware with the last .wrap() call, so that it \
     runs first and wraps authentication and other middleware that answers with errors; if it \
     is there, the error was rendered in a task the handler spawned, which the middleware's \
     scope does not reach: return the error to the handler, or take \
     apierror::actix::CurrentRequest::get() in the handler and enter it in the task",
    "wrap Compress (or any middleware that encodes bodies) after ErrorMiddleware, so that it \
     wraps ErrorMiddleware and compresses the bodies ErrorMiddleware writes",
);

integration::current_request!(
    "[`ErrorMiddleware`]",
    Rc,
    REQUEST_SCOPE,
    "apierror::actix",
    "actix_web::rt::spawn",
    "actix-web answers a request on one thread and holds its scope in an `Rc`, so \
     `CurrentRequest` is not `Send`: enter it in tasks spawned on the same thread \
     (`actix_web::rt::spawn`); in `web::block`'s closure, which runs on another thread, \
     return the error to the handler instead."
);

thread_local! {
    /// The scope of the request being answered: `ResponseError::error_response` sees no
    /// request, so [`ErrorMiddlewareService`] sets this around the inner service's `call` and
    /// each poll of its future (see [`integration::in_scope`]).
    static REQUEST_SCOPE: RefCell<Option<Rc<Scope>>> = const { RefCell::new(None) };
}

/// Runs `f` inside `scope` (see [`integration::in_scope`]).
fn in_scope<R>(scope: Rc<Scope>, f: impl FnOnce() -> R) -> R {
    integration::in_scope(&REQUEST_SCOPE, &mut Some(scope), f)
}

/// `f` of the current scope (`None` outside the middleware).
fn with_scope<R>(f: impl Fn(Option<&Scope>) -> R) -> R {
    integration::with_current(&REQUEST_SCOPE, |scope| f(scope.map(|scope| &**scope)))
}

/// What [`ErrorMiddleware`] knows of a request: its id and path.
type Scope = RequestScope<SentParts>;

/// The request's resolved id, as the header value the request and the response carry (one
/// allocation for a fresh id, none for the client's), and the path the client sent, read for
/// `instance` only when an error renders.
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
        match &self.path {
            SentPath::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|path| std::str::from_utf8(path).ok())
                .unwrap_or_default(),
            SentPath::Long(path) => path,
        }
    }
}

/// The longest path [`SentPath`] keeps inline.
const INLINE_PATH: usize = 62;

/// The path the client sent, copied: inline up to [`INLINE_PATH`] bytes (into the scope's own
/// allocation), else a `String`. (actix-web parses a request's URI from a copy of its text, so
/// a clone of the `Uri` would allocate too: the first clone of its bytes shares them.)
#[derive(Debug)]
enum SentPath {
    Inline { len: u8, bytes: [u8; INLINE_PATH] },
    Long(String),
}

impl SentPath {
    fn new(path: &str) -> Self {
        let mut bytes = [0; INLINE_PATH];
        match (bytes.get_mut(..path.len()), u8::try_from(path.len())) {
            (Some(inline), Ok(len)) => {
                inline.copy_from_slice(path.as_bytes());
                SentPath::Inline { len, bytes }
            }
            _ => SentPath::Long(path.to_owned()),
        }
    }
}

/// `x-request-id` in actix-web's `http` 0.2 types.
const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static(crate::request_id::HEADER_NAME);

/// The status of `err` in actix-web's `http` 0.2 types. Takes any `ApiError`, and a `Box<dyn
/// ApiError + Send + Sync>` or other trait object of one.
pub fn status_code<E: AsApiError + ?Sized>(err: &E) -> StatusCode {
    let err = err.as_api_error();
    convert_status(crate::api_error::sent_status(err, err.__static_parts()))
}

/// Renders `err` as an actix-web response, with the context of the request [`ErrorMiddleware`]
/// is answering (its id, negotiated envelope and path), or a fresh context outside it.
///
/// Derived types' `ResponseError` calls this. The response's `Content-Type` value is made from
/// bytes of apierror's own, by which [`ErrorMiddleware`] knows to leave it as it is. Takes
/// what [`to_response`](crate::to_response) takes: any `ApiError`, and a `Box<dyn ApiError +
/// Send + Sync>` or other trait object of one.
pub fn error_response<E: AsApiError + ?Sized>(err: &E) -> HttpResponse {
    respond(err.as_api_error())
}

/// [`error_response`] of a trait object.
fn respond(err: &dyn ApiError) -> HttpResponse {
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

/// `err` rendered in `ctx`; `id` is the request's id as the scope holds it, if any (checked
/// when the request came in, and `ctx`'s id: the scope made both). The rendered response holds
/// a stand-in for it, which [`fill`] replaces with a clone of `id` (no copy, no check again).
fn render(
    err: &dyn ApiError,
    format: Format,
    ctx: &Context,
    id: Option<&HeaderValue>,
) -> HttpResponse {
    let blank = HttpResponse::with_body(StatusCode::INTERNAL_SERVER_ERROR, ());
    let rendered = match (ctx.request_id(), id) {
        (Some(text), Some(_)) => {
            let stand_in = http::HeaderValue::from_static("");
            crate::render::to_response_with_id(err, format, ctx, text, stand_in)
        }
        _ => crate::to_response(err, format, ctx),
    };
    fill(blank, rendered, id)
}

/// Makes `target` the rendered response: its status, headers and body. Whatever else `target`
/// holds — the error actix-web logs, extensions — stays. `id` is the request's id, which the
/// scope holds in actix-web's type already, and for which the rendered `x-request-id` stands
/// (rendered in the request's scope: the same id, or an empty stand-in): that header becomes a
/// clone of `id` (a reference count), not a copy validated again.
fn fill(
    mut target: HttpResponse<()>,
    rendered: http::Response<Vec<u8>>,
    id: Option<&HeaderValue>,
) -> HttpResponse {
    let (parts, body) = rendered.into_parts();
    *target.status_mut() = convert_status(parts.status);
    let headers = target.headers_mut();
    headers.clear();
    for (name, value) in &parts.headers {
        if let Some((name, value)) = convert_header(name, value, id) {
            headers.append(name, value);
        }
    }
    target.set_body(BoxBody::new(body))
}

/// A rendered header in actix-web's `http` 0.2 types. The request id's name and the envelopes'
/// content types are constants there too, so only other headers (`Retry-After`, an error's
/// own) are copied. apierror's own `Content-Type` bytes stay its own (the same static, see
/// [`crate::headers::is_rendered_content_type`]): the mark the middleware knows its responses
/// by. The rendered `x-request-id` becomes `id`, when given (see [`fill`]).
fn convert_header(
    name: &http::HeaderName,
    value: &http::HeaderValue,
    id: Option<&HeaderValue>,
) -> Option<(HeaderName, HeaderValue)> {
    if *name == http::header::CONTENT_TYPE
        && let Some(content_type) = crate::headers::as_rendered_content_type(value.as_bytes())
    {
        return Some((CONTENT_TYPE, HeaderValue::from_static(content_type)));
    }
    if *name == http::header::VARY
        && let Some(vary) = crate::headers::as_static_vary(value.as_bytes())
    {
        return Some((VARY, HeaderValue::from_static(vary)));
    }
    let name = if *name == crate::request_id::HEADER {
        // The stand-in is empty, which no id is; a rendered id is the request's own.
        if let Some(id) = id.filter(|id| value.is_empty() || id.as_bytes() == value.as_bytes()) {
            return Some((REQUEST_ID_HEADER, id.clone()));
        }
        REQUEST_ID_HEADER
    } else {
        HeaderName::from_bytes(name.as_str().as_bytes()).ok()?
    };
    Some((name, HeaderValue::from_bytes(value.as_bytes()).ok()?))
}

fn convert_status(status: http::StatusCode) -> StatusCode {
    StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl ResponseError for HttpError {
    fn status_code(&self) -> StatusCode {
        status_code(self)
    }

    fn error_response(&self) -> HttpResponse {
        error_response(self)
    }
}

/// Inside [`ErrorMiddleware`] the middleware renders it (in its format, through its
/// [`map_rewritten`](ErrorMiddleware::map_rewritten) hook); outside, it renders as any error.
impl ResponseError for FrameworkError {
    fn status_code(&self) -> StatusCode {
        status_code(self)
    }

    fn error_response(&self) -> HttpResponse {
        if with_scope(|scope| scope.is_some()) {
            HttpResponse::new(status_code(self))
        } else {
            error_response(self)
        }
    }
}

#[cfg(feature = "client")]
impl ResponseError for RemoteError {
    fn status_code(&self) -> StatusCode {
        status_code(self)
    }

    fn error_response(&self) -> HttpResponse {
        error_response(self)
    }
}

impl ResponseError for Box<dyn ApiError + Send + Sync> {
    fn status_code(&self) -> StatusCode {
        status_code(&**self)
    }

    fn error_response(&self) -> HttpResponse {
        error_response(&**self)
    }
}

/// Reads the request id [`ErrorMiddleware`] resolved. Without the middleware it fails with a
/// 500 (the cause is logged), since an id of its own would not match the one error responses
/// carry.
impl FromRequest for RequestId {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, actix_web::Error>>;

    fn from_request(_req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        // The middleware's context is there while the request is answered inside it.
        let found = with_scope(|scope| scope.and_then(Scope::request_id));
        ready(found.ok_or_else(|| {
            HttpError::new(http::StatusCode::INTERNAL_SERVER_ERROR)
                .with_message(MISSING_LAYER)
                .into()
        }))
    }
}

/// An actix-web middleware that resolves each request's id, negotiates the envelope, fills
/// `instance`, and puts every error response into the envelope (see the [module docs](self)).
///
/// Make it the last `.wrap()` of the `App` (actix-web runs the last-wrapped middleware first),
/// so that it is outermost: an error rendered outside it gets a fresh context (a new request
/// id, `Accept` ignored); one warning is logged (feature `tracing`) when an error renders
/// with no middleware around it while the process has one.
///
/// ```
/// use apierror::Format;
/// use apierror::actix::ErrorMiddleware;
///
/// // Extractor errors, unmatched routes and panics as RFC 9457 problem details.
/// let middleware = ErrorMiddleware::new().with_format(Format::Problem);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ErrorMiddleware {
    format: Format,
    hook: Hook,
    #[cfg(feature = "fluent")]
    languages: integration::Languages,
}

impl ErrorMiddleware {
    /// A middleware that renders foreign errors as `Flat` unless the request negotiates
    /// `Problem`.
    pub fn new() -> Self {
        Self::default()
    }

    /// The envelope of errors apierror did not make (extractor errors, unmatched routes,
    /// panics) when the request does not negotiate one. Derived errors keep their own.
    #[must_use]
    pub fn with_format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Maps what a rewritten error would become (an extractor's error, an unmatched route, a
    /// panic: a [`FrameworkError`], with its kind, status and details) to an error of the
    /// service's own type, so its codes stay in the service's catalog. `None` keeps the
    /// framework's error. See [`ErrorLayer::map_rewritten`](crate::axum::ErrorLayer::map_rewritten)
    /// for an example; the closure is the same.
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
impl ErrorMiddleware {
    /// Renders errors in the language each request's `Accept-Language` negotiates among
    /// `translations`, as
    /// [`ErrorLayer::with_translations`](crate::axum::ErrorLayer::with_translations) does.
    #[must_use]
    pub fn with_translations(
        mut self,
        translations: std::sync::Arc<crate::locale::Translations>,
    ) -> Self {
        self.languages = integration::Languages::new(translations);
        self
    }
}

impl<S, B> Transform<S, ServiceRequest> for ErrorMiddleware
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = ErrorMiddlewareService<S>;
    type InitError = ();
    type Future = Ready<Result<ErrorMiddlewareService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        WATCH.in_use();
        ready(Ok(ErrorMiddlewareService {
            service,
            format: self.format,
            hook: self.hook.clone(),
            #[cfg(feature = "fluent")]
            languages: self.languages.clone(),
        }))
    }
}

/// The service [`ErrorMiddleware`] wraps around an inner service.
#[derive(Debug)]
pub struct ErrorMiddlewareService<S> {
    service: S,
    format: Format,
    hook: Hook,
    #[cfg(feature = "fluent")]
    languages: integration::Languages,
}

impl<S, B> Service<ServiceRequest> for ErrorMiddlewareService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = MiddlewareFuture<S::Future, B>;

    fn poll_ready(&self, cx: &mut std::task::Context<'_>) -> Poll<Result<(), actix_web::Error>> {
        self.service.poll_ready(cx)
    }

    fn call(&self, mut req: ServiceRequest) -> Self::Future {
        let scope = Rc::new(self.scope(&mut req));
        let format = scope.format().unwrap_or(self.format);
        // `call` itself may render an error or panic before any future exists.
        let called = in_scope(Rc::clone(&scope), || {
            std::panic::catch_unwind(AssertUnwindSafe(|| self.service.call(req)))
        });
        let answered = Answered {
            scope,
            format,
            hook: self.hook.clone(),
        };
        let state = match called {
            Ok(future) => State::Call {
                future,
                answered: Some(answered),
            },
            Err(payload) => {
                let answer = Err(answered.panicked(&*payload));
                State::Slow {
                    future: Box::pin(ready(answer)),
                }
            }
        };
        MiddlewareFuture { state }
    }
}

impl<S> ErrorMiddlewareService<S> {
    /// The request's scope: its id (the client's `x-request-id` when valid, else a fresh one,
    /// which the request's header is set to), its path, the envelope `Accept` negotiates and
    /// the language `Accept-Language` negotiates. The context errors render with is made from
    /// the scope when one renders.
    fn scope(&self, req: &mut ServiceRequest) -> Scope {
        let headers = req.headers();
        let mut sent_id = headers.get_all(REQUEST_ID_HEADER);
        let first = sent_id.next();
        let missing = first.is_none();
        let (id, set) = integration::resolve_id(
            first,
            sent_id.next().is_some(),
            HeaderValue::as_bytes,
            |fresh| HeaderValue::from_maybe_shared(fresh).ok(),
        );
        let format = integration::negotiate(headers.get_all(ACCEPT).map(HeaderValue::as_bytes));
        #[cfg(feature = "fluent")]
        let locale = self.languages.negotiate(|| {
            let values = headers.get_all(actix_web::http::header::ACCEPT_LANGUAGE);
            values.map(HeaderValue::as_bytes)
        });
        let path = SentPath::new(req.path());
        if set && let Some(id) = &id {
            // Without a value to replace, appended (no removed values to hand back and drop).
            if missing {
                req.headers_mut().append(REQUEST_ID_HEADER, id.clone());
            } else {
                req.headers_mut().insert(REQUEST_ID_HEADER, id.clone());
            }
        }
        let scope = RequestScope::new(SentParts { id, path }, format);
        #[cfg(feature = "fluent")]
        let scope = scope.with_locale(locale);
        scope
    }
}

pin_project_lite::pin_project! {
    /// The future of [`ErrorMiddlewareService`]: a named type, so the success path allocates
    /// no box (an error that must be rendered or rewritten continues in a boxed future).
    pub struct MiddlewareFuture<F, B> {
        #[pin]
        state: State<F, B>,
    }
}

/// What the middleware's future resolves to.
type Answer<B> = Result<ServiceResponse<EitherBody<B>>, actix_web::Error>;

pin_project_lite::pin_project! {
    #[project = StateProj]
    enum State<F, B> {
        // The inner service's future, polled inside the request's scope, its panics caught.
        Call {
            #[pin]
            future: F,
            answered: Option<Answered>,
        },
        // An error being rendered or rewritten, or a panic's answer.
        Slow { future: LocalBoxFuture<'static, Answer<B>> },
    }
}

impl<F, B> std::fmt::Debug for MiddlewareFuture<F, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MiddlewareFuture").finish_non_exhaustive()
    }
}

impl<F, B> std::future::Future for MiddlewareFuture<F, B>
where
    F: std::future::Future<Output = Result<ServiceResponse<B>, actix_web::Error>>,
    B: MessageBody + 'static,
{
    type Output = Answer<B>;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<Self::Output> {
        let slow = match self.as_mut().project().state.project() {
            StateProj::Slow { future } => return future.as_mut().poll(cx),
            StateProj::Call { future, answered } => {
                // Polled again after it finished: the contract of `Future` is broken already.
                let Some(scope) = answered.as_ref().map(|answered| Rc::clone(&answered.scope))
                else {
                    return Poll::Pending;
                };
                // The scope (a reference count) is entered for this poll only (what tokio's
                // `TaskLocalFuture` does), and a panic is caught here.
                let outcome = in_scope(scope, || {
                    std::panic::catch_unwind(AssertUnwindSafe(|| future.poll(cx)))
                });
                let outcome = match outcome {
                    Ok(Poll::Pending) => return Poll::Pending,
                    Ok(Poll::Ready(result)) => Ok(result),
                    Err(payload) => Err(payload),
                };
                let Some(answered) = answered.take() else {
                    return Poll::Pending;
                };
                match outcome {
                    Ok(Ok(response)) if passes(&response) => {
                        let mut response = response.map_into_left_body();
                        let error = integration::is_error_status(response.status().as_u16());
                        answered.set_id_unless_carried(error, response.headers_mut());
                        return Poll::Ready(Ok(response));
                    }
                    Ok(result) => answered.rewrite(result),
                    Err(payload) => return Poll::Ready(Err(answered.panicked(&*payload))),
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
            StateProj::Call { .. } => Poll::Pending,
        }
    }
}

/// What the middleware keeps of a request to answer it once the inner service has.
struct Answered {
    scope: Rc<Scope>,
    format: Format,
    hook: Hook,
}

impl Answered {
    /// Sets the response's `x-request-id` to the request's id.
    fn set_id(&self, headers: &mut actix_web::http::header::HeaderMap) {
        if let Some(value) = &self.scope.sent().id {
            headers.insert(REQUEST_ID_HEADER, value.clone());
        }
    }

    /// [`Answered::set_id`] of a response that passes, unless it is an `error` (apierror's, as it
    /// passes) whose `x-request-id` is the request's id already, as apierror renders it in the
    /// request's scope: one look-up then, not an insert that replaces the value with its equal.
    /// A success is not looked at (it rarely carries the id, and would pay for both).
    fn set_id_unless_carried(&self, error: bool, headers: &mut actix_web::http::header::HeaderMap) {
        if let Some(value) = &self.scope.sent().id
            && error
            && headers.get(REQUEST_ID_HEADER) == Some(value)
        {
            return;
        }
        self.set_id(headers);
    }

    /// The answer to a panicking handler, rendered in the request's context: an `Err` whose
    /// response is rendered already (actix-web sends it as it is).
    #[cold]
    #[inline(never)]
    fn panicked(&self, payload: &(dyn std::any::Any + Send)) -> actix_web::Error {
        let err = integration::panic_error(payload);
        let blank = HttpResponse::with_body(StatusCode::INTERNAL_SERVER_ERROR, ());
        let rendered = answer(err.clone(), self.format, &self.scope.context(), &self.hook);
        // The rendered response carries the request's id already.
        let response = fill(blank, rendered, self.scope.sent().id.as_ref());
        InternalError::from_response(err, response).into()
    }

    /// The inner service's error, or a response that is an error apierror did not render,
    /// rendered or rewritten in the request's context.
    #[inline(never)]
    fn rewrite<B: MessageBody + 'static>(
        self,
        result: Result<ServiceResponse<B>, actix_web::Error>,
    ) -> LocalBoxFuture<'static, Answer<B>> {
        let scope = Some(Rc::clone(&self.scope));
        Box::pin(InScope {
            key: &REQUEST_SCOPE,
            scope,
            future: async move {
                let ctx = &self.scope.context();
                match result {
                    Ok(response) => {
                        let mut response = envelop(response, self.format, ctx, &self.hook).await;
                        self.set_id(response.headers_mut());
                        Ok(response)
                    }
                    Err(error) => {
                        // Rendered here, inside the request's context, rather than by actix-web
                        // after the middleware is done.
                        let (head, body) = error.error_response().into_parts();
                        let made_by_apierror = made_by_apierror(head.headers());
                        let mut response = if integration::is_foreign_error(
                            head.status().as_u16(),
                            made_by_apierror,
                        ) {
                            rewrite(head, body, Some(&error), &[], self.format, ctx, &self.hook)
                                .await
                        } else {
                            head.set_body(body)
                        };
                        self.set_id(response.headers_mut());
                        Err(InternalError::from_response(error, response).into())
                    }
                }
            },
        })
    }
}

/// Whether [`envelop`] passes a response through as it is: not an error apierror did not
/// render. A response whose status is not an error passes on that check alone.
fn passes<B>(response: &ServiceResponse<B>) -> bool {
    let status = response.status().as_u16();
    if !integration::is_error_status(status) {
        return true;
    }
    !integration::is_foreign_error(status, made_by_apierror(response.headers()))
}

/// Whether apierror rendered a response with `headers`: its `Content-Type` value is apierror's
/// own bytes (see [`crate::headers::is_rendered_content_type`]; a handler's own
/// `application/json` is not).
fn made_by_apierror(headers: &actix_web::http::header::HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .is_some_and(|value| crate::headers::is_rendered_content_type(value.as_bytes()))
}

/// A rewritten error's body: the service's own error when the hook gives one (in its own
/// format unless the request negotiated one), else the framework's, in `format`.
fn answer(
    err: FrameworkError,
    format: Format,
    ctx: &Context,
    hook: &Hook,
) -> http::Response<Vec<u8>> {
    match hook.apply(&err) {
        Some(own) => crate::to_response(&*own, ctx.format_for(&*own), ctx),
        None => crate::to_response(&err, format, ctx),
    }
}

/// Passes a response through, unless it is an error apierror did not render: that one is read
/// into a [`FrameworkError`] (an extractor's error by its type) and answered.
async fn envelop<B: MessageBody>(
    response: ServiceResponse<B>,
    format: Format,
    ctx: &Context,
    hook: &Hook,
) -> ServiceResponse<EitherBody<B>> {
    if !integration::is_foreign_error(
        response.status().as_u16(),
        made_by_apierror(response.headers()),
    ) {
        return response.map_into_left_body();
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let match_info: Vec<(String, String)> = request
        .match_info()
        .iter()
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect();
    let rewritten = rewrite(head, body, None, &match_info, format, ctx, hook).await;
    ServiceResponse::new(request, rewritten).map_into_right_body()
}

/// The foreign error response `head` with `body`, answered. The error behind it — `error`, else
/// the one actix-web kept on the response — is read by its type; `match_info` names a path
/// parameter's key.
async fn rewrite<B: MessageBody>(
    head: HttpResponse<()>,
    body: B,
    error: Option<&actix_web::Error>,
    match_info: &[(String, String)],
    format: Format,
    ctx: &Context,
    hook: &Hook,
) -> HttpResponse {
    let (own, reading) = match error.or_else(|| head.error()) {
        Some(error) => match error.as_error::<FrameworkError>() {
            Some(err) => (Some(err.clone()), None),
            None => (None, rejection::actix_error(error, match_info)),
        },
        None => (None, None),
    };
    let err = match own {
        Some(err) => err,
        None => {
            let encoding = head
                .headers()
                .get(actix_web::http::header::CONTENT_ENCODING);
            let body = if WATCH.encoded(encoding.map(|value| value.as_bytes())) {
                Vec::new()
            } else {
                read_prefix(body).await
            };
            integration::rewritten_error(
                head.status().as_u16(),
                head.headers()
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.as_bytes())),
                &body,
                |_| reading,
            )
        }
    };
    fill(head, answer(err, format, ctx, hook), None)
}

/// A JSON body, like `actix_web::web::Json`, whose errors name the offending field exactly
/// (`items[0].qty`, location `body`), as serde_path_to_error reads it.
///
/// The body is read as actix-web's `Json` reads it (its `JsonConfig`: limit, content type),
/// then deserialized: a body that is not JSON is a 400 `BAD_REQUEST`, a wrong content type a
/// 415 `UNSUPPORTED_MEDIA_TYPE`, a body of the wrong shape a 422 `UNPROCESSABLE_ENTITY`, each
/// a [`FrameworkError`] with one detail.
///
/// ```no_run
/// use apierror::actix::{ErrorMiddleware, Json};
/// use actix_web::{App, web};
///
/// #[derive(serde::Deserialize)]
/// struct NewTask {
///     title: String,
/// }
///
/// async fn create(Json(task): Json<NewTask>) -> String {
///     task.title
/// }
///
/// let app = App::new()
///     .wrap(ErrorMiddleware::new())
///     .route("/tasks", web::post().to(create));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

/// A query string, like `actix_web::web::Query`, whose errors name the offending parameter
/// (location `query`): a 400 `BAD_REQUEST` [`FrameworkError`] with one detail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

macro_rules! wrapper {
    ($name:ident) => {
        impl<T> $name<T> {
            /// The value.
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T> std::ops::Deref for $name<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> std::ops::DerefMut for $name<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }
    };
}

wrapper!(Json);
wrapper!(Query);

impl<T: serde::de::DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // actix-web's own `Json` checks the content type, the size limit and the syntax; the
        // text is kept as it came (`RawValue`), so `T` is read from the document itself: a key
        // given twice is an error, and the first mistake in document order is the one named,
        // as axum's `Json` does (a `serde_json::Value` would sort the keys and keep the last
        // of two).
        let raw =
            actix_web::web::Json::<Box<serde_json::value::RawValue>>::from_request(req, payload);
        Box::pin(async move {
            let raw = match raw.await {
                Ok(raw) => raw.into_inner(),
                Err(err) => {
                    return Err(match rejection::actix_error(&err, &[]) {
                        Some(reading) => reading.into_error().into(),
                        None => err,
                    });
                }
            };
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(raw.get()))
                .map(Json)
                .map_err(|err| {
                    let detail = rejection::path_to_error_detail(&err, "body");
                    // What serde_json calls syntax (a number out of range, a lone surrogate:
                    // the raw document held them) is a malformed body, as axum's `Json` and
                    // actix-web's `web::Json` answer it; the rest is the document's shape.
                    let kind = match err.inner().classify() {
                        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                            FrameworkErrorKind::MalformedBody
                        }
                        _ => FrameworkErrorKind::InvalidBody,
                    };
                    Reading::new(kind, Some(detail)).into_error().into()
                })
        })
    }
}

impl<T: serde::de::DeserializeOwned> FromRequest for Query<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let query = form_urlencoded::parse(req.query_string().as_bytes());
        let parsed = serde_path_to_error::deserialize(serde_urlencoded::Deserializer::new(query))
            .map(Query)
            .map_err(|err| {
                let detail = rejection::path_to_error_detail(&err, "query");
                Reading::new(FrameworkErrorKind::InvalidQuery, Some(detail))
                    .into_error()
                    .into()
            });
        ready(parsed)
    }
}

/// The body's first [`FOREIGN_BODY_LIMIT`](integration::FOREIGN_BODY_LIMIT) bytes, and one
/// more when there are more, so the reader knows it was cut: the first chunk waited for, then
/// what is ready ([`integration::ReadyPrefix`]). A body that fails ends the read.
async fn read_prefix<B: MessageBody>(body: B) -> Vec<u8> {
    let mut body = std::pin::pin!(body);
    let mut prefix = integration::ReadyPrefix::default();
    std::future::poll_fn(|cx| {
        prefix.read(|| match body.as_mut().poll_next(cx) {
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

    #[test]
    fn rendered_headers_keep_their_names_and_values_in_actix_types() {
        let cases = [
            (http::header::CONTENT_TYPE, "application/json"),
            (http::header::CONTENT_TYPE, "application/problem+json"),
            (http::header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (crate::request_id::HEADER, "req-1"),
            (http::header::RETRY_AFTER, "30"),
            (http::HeaderName::from_static("x-custom"), "yes"),
        ];
        for (name, value) in cases {
            let (converted_name, converted_value) =
                convert_header(&name, &http::HeaderValue::from_static(value), None).unwrap();
            assert_eq!(converted_name.as_str(), name.as_str());
            assert_eq!(converted_value.as_bytes(), value.as_bytes());
        }
    }

    #[test]
    fn a_rendered_request_id_equal_to_the_scopes_is_the_scopes_value() {
        let id = HeaderValue::from_maybe_shared(bytes::Bytes::from_static(b"req-1")).unwrap();
        let rendered = http::HeaderValue::from_static("req-1");
        let (name, value) =
            convert_header(&crate::request_id::HEADER, &rendered, Some(&id)).unwrap();
        assert_eq!(name, REQUEST_ID_HEADER);
        assert_eq!(value, id);
        // The same bytes, not a copy of them.
        assert_eq!(value.as_bytes().as_ptr(), id.as_bytes().as_ptr());
        // Another id (a response rendered for another request) is converted as it is.
        let other = http::HeaderValue::from_static("req-2");
        let (_, value) = convert_header(&crate::request_id::HEADER, &other, Some(&id)).unwrap();
        assert_eq!(value.as_bytes(), b"req-2");
        // The empty stand-in `render` leaves in its place is the scope's value too.
        let stand_in = http::HeaderValue::from_static("");
        let (_, value) = convert_header(&crate::request_id::HEADER, &stand_in, Some(&id)).unwrap();
        assert_eq!(value.as_bytes().as_ptr(), id.as_bytes().as_ptr());
    }

    #[test]
    fn apierrors_content_types_keep_their_mark_in_actix_types_and_others_do_not_get_it() {
        for format in Format::ALL {
            let ours = crate::headers::rendered_content_type(format);
            let (_, value) = convert_header(
                &http::header::CONTENT_TYPE,
                &http::HeaderValue::from_static(ours),
                None,
            )
            .unwrap();
            assert_eq!(value.as_bytes(), format.content_type().as_bytes());
            assert!(crate::headers::is_rendered_content_type(value.as_bytes()));
            let theirs = http::HeaderValue::from_static("application/json");
            let (_, value) = convert_header(&http::header::CONTENT_TYPE, &theirs, None).unwrap();
            assert!(!crate::headers::is_rendered_content_type(value.as_bytes()));
        }
    }
}
