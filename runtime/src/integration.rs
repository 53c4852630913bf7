//! What the axum layer and the actix-web middleware share, so the two behave identically: how a
//! request's id, format and `instance` are resolved, how an error response that apierror did
//! not make is read into an [`HttpError`], and what a caught panic becomes.
//!
//! Both frameworks' header types are reduced to lowercase names and byte values here, because
//! actix-web 4 uses `http` 0.2 and axum `http` 1.

use crate::context::Context;
use crate::format::Format;
use crate::framework::{FrameworkError, FrameworkErrorKind, message};
use crate::http_error::HttpError;
use crate::rejection::Reading;
use crate::request_id;
use http::{HeaderName, HeaderValue, StatusCode};
use std::any::Any;
use std::cell::RefCell;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;

/// How much of a foreign error body is read for its message. Framework rejections are one
/// short sentence; anything longer is cut here rather than buffered whole.
pub(crate) const FOREIGN_BODY_LIMIT: usize = 4096;

/// The request id a handler can extract: the id the axum layer or the actix-web middleware
/// resolved for the request being answered, the same id the request's and the response's
/// `x-request-id` and the error bodies carry. (Middleware inside the layer reads the request's
/// `x-request-id` header, which the layer sets to it.)
///
/// A handler that asks for it on a route without the layer (or middleware) fails with a 500:
/// a silently invented id would not match the one the error responses carry.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(String);

impl RequestId {
    /// The id: either the request's own `x-request-id` (when it is 1..=128 characters of
    /// `[A-Za-z0-9._-]`) or `req-` and a fresh UUID v4.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for RequestId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// The message of the 500 a [`RequestId`] extractor fails with; it reaches the log, not the
/// client.
pub(crate) const MISSING_LAYER: &str =
    "the RequestId extractor needs apierror's ErrorLayer (axum) or ErrorMiddleware (actix-web)";

/// The request's id and path as the framework holds them (the id's header value, the URI),
/// read only when a response needs them: an error body, a log record, a `RequestId`
/// extractor.
pub(crate) trait Sent {
    /// The resolved id's bytes (ASCII): the client's valid `x-request-id`, or a fresh one.
    /// `None` only if the framework refused the fresh id as a header value.
    fn id(&self) -> Option<&[u8]>;
    /// The path the client sent, for `instance`.
    fn path(&self) -> &str;
}

/// The bytes a request path may hold that a URI's path may not (RFC 3986 §3.3: a segment is
/// unreserved characters, percent-encodings, sub-delimiters, `:` and `@`), percent-encoded in
/// `instance` so it is the URI reference RFC 9457 §3.1.5 asks for: a space, `"`, `{`, `}`,
/// controls, non-ASCII (each UTF-8 byte: `/tâche` is `/t%C3%A2che`). `%` stays, so a path the
/// client encoded is not encoded twice.
const NOT_IN_A_PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `path` as a URI's path: the bytes [`NOT_IN_A_PATH`] names percent-encoded, and a `%` that
/// starts no percent-encoding (`/100%`, `/a%zz`) written `%25` (RFC 3986 §2.1, §2.4); borrowed
/// when it is one already.
fn uri_path(path: &str) -> std::borrow::Cow<'_, str> {
    let encoded: std::borrow::Cow<'_, str> =
        percent_encoding::utf8_percent_encode(path, NOT_IN_A_PATH).into();
    let bytes = encoded.as_bytes();
    let starts_encoding = |at: usize| {
        bytes.get(at + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(at + 2).is_some_and(u8::is_ascii_hexdigit)
    };
    let stray = |(at, &byte): (usize, &u8)| byte == b'%' && !starts_encoding(at);
    if !bytes.iter().enumerate().any(stray) {
        return encoded;
    }
    let mut fixed = String::with_capacity(encoded.len() + 4);
    for (at, &byte) in bytes.iter().enumerate() {
        if stray((at, &byte)) {
            fixed.push_str("%25");
        } else {
            // Every byte is ASCII: the non-ASCII ones were percent-encoded above.
            fixed.push(char::from(byte));
        }
    }
    std::borrow::Cow::Owned(fixed)
}

thread_local! {
    /// The context errors rendered on this thread reuse (see [`RequestScope::with_context`]):
    /// an error's context is made for it, then dropped, so its two strings would otherwise be
    /// allocated and freed for every error response.
    static KEPT: std::cell::RefCell<Context> = std::cell::RefCell::new(Context::default());
}

/// What one request tells its responses: its id and path as sent (see [`Sent`]), the envelope
/// `Accept` negotiated and the language `Accept-Language` negotiated. The [`Context`] an error
/// renders with is made from them when it renders (the success path copies no string).
pub(crate) struct RequestScope<S> {
    sent: S,
    format: Option<Format>,
    #[cfg(feature = "fluent")]
    locale: Option<crate::locale::Locale>,
}

impl<S: Sent> RequestScope<S> {
    /// The scope of a request whose id and path are `sent` and whose `Accept` values negotiate
    /// `format` (see [`negotiate`]).
    pub(crate) fn new(sent: S, format: Option<Format>) -> Self {
        Self {
            sent,
            format,
            #[cfg(feature = "fluent")]
            locale: None,
        }
    }

    /// The scope rendering in `locale` (see [`Languages::negotiate`]).
    #[cfg(feature = "fluent")]
    pub(crate) fn with_locale(mut self, locale: Option<crate::locale::Locale>) -> Self {
        self.locale = locale;
        self
    }

    /// The id and path as the framework holds them.
    pub(crate) fn sent(&self) -> &S {
        &self.sent
    }

    /// The envelope the request negotiated, if any.
    pub(crate) fn format(&self) -> Option<Format> {
        self.format
    }

    /// The context an error renders with: the id, the path as `instance`, the negotiated
    /// envelope and language (two strings copied). Made for each error that renders, which is
    /// one per request in almost every case, so nothing is kept (no lock, no `Once`).
    pub(crate) fn context(&self) -> Context {
        let mut context = Context::default();
        self.fill(&mut context);
        context
    }

    /// Makes `context` this request's, in place (see [`Context::refill`]).
    fn fill(&self, context: &mut Context) {
        context.refill(
            &uri_path(self.sent.path()),
            self.request_id_str(),
            self.format,
        );
        #[cfg(feature = "fluent")]
        context.set_locale(self.locale.clone());
    }

    /// `render` called with [`RequestScope::context`]: the thread's kept context refilled in
    /// place (its strings' buffers reused, so rendering allocates no context), or, when that one
    /// is in use (an error rendered while another renders) or gone (the thread is exiting), a
    /// context of its own.
    /// The kept context is emptied once `render` is done (see [`Context::empty`]; also when it
    /// unwinds), so this request's id and path do not stay on the thread until its next error.
    pub(crate) fn with_context<R>(&self, render: impl Fn(&Context) -> R) -> R {
        /// Empties the kept context when dropped.
        struct Emptied<'a>(std::cell::RefMut<'a, Context>);
        impl Drop for Emptied<'_> {
            fn drop(&mut self) {
                self.0.empty();
            }
        }
        KEPT.try_with(|kept| {
            let mut kept = Emptied(kept.try_borrow_mut().ok()?);
            self.fill(&mut kept.0);
            Some(render(&kept.0))
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| render(&self.context()))
    }

    /// The resolved id, for the `RequestId` extractors.
    pub(crate) fn request_id(&self) -> Option<RequestId> {
        self.request_id_str().map(|id| RequestId(id.to_owned()))
    }

    fn request_id_str(&self) -> Option<&str> {
        self.sent.id().and_then(|id| std::str::from_utf8(id).ok())
    }
}

impl<S> fmt::Debug for RequestScope<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestScope")
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

/// The scope of the request a thread is answering, set by the axum layer and the actix-web
/// middleware around the inner service's `call` and each poll of its future (as tokio's
/// task-locals are set: a spawned task does not see it), and read by the renders and
/// extractors inside. The scope moves in and out (see [`in_scope`]).
pub(crate) type Current<T> = std::thread::LocalKey<RefCell<Option<T>>>;

/// Runs `f` with `slot`'s scope as `key`'s current one, then puts it back into `slot` and
/// restores the one before (also when `f` unwinds). When the current scope cannot be set, `f`
/// runs with whatever is current: none when the thread is exiting; the scope a render is
/// reading when `f` is polled from inside that render (a nested layer's future driven to
/// completion within an error's render, which nothing in apierror does), where tokio's
/// task-local would panic.
pub(crate) fn in_scope<T: 'static, R>(
    key: &'static Current<T>,
    slot: &mut Option<T>,
    f: impl FnOnce() -> R,
) -> R {
    /// Swaps the scope back out when dropped.
    struct Restore<'a, T: 'static> {
        key: &'static Current<T>,
        slot: &'a mut Option<T>,
    }
    impl<T> Drop for Restore<'_, T> {
        fn drop(&mut self) {
            swap_current(self.key, self.slot);
        }
    }
    if !swap_current(key, slot) {
        return f();
    }
    let _restore = Restore { key, slot };
    f()
}

/// Swaps `slot` with `key`'s current scope; `false` when it cannot be reached.
fn swap_current<T: 'static>(key: &'static Current<T>, slot: &mut Option<T>) -> bool {
    key.try_with(|current| {
        current
            .try_borrow_mut()
            .map(|mut current| std::mem::swap(slot, &mut current))
            .is_ok()
    })
    .unwrap_or(false)
}

/// `f` of `key`'s current scope (`None` outside the layer).
pub(crate) fn with_current<T: 'static, R>(
    key: &'static Current<T>,
    f: impl Fn(Option<&T>) -> R,
) -> R {
    key.try_with(|current| match current.try_borrow() {
        Ok(current) => f(current.as_ref()),
        Err(_) => f(None),
    })
    .unwrap_or_else(|_| f(None))
}

pin_project_lite::pin_project! {
    /// `future`, each poll of it inside `scope` (see [`in_scope`]).
    pub(crate) struct InScope<T: 'static, F> {
        pub(crate) key: &'static Current<T>,
        pub(crate) scope: Option<T>,
        #[pin]
        pub(crate) future: F,
    }
}

impl<T: 'static, F: std::future::Future> std::future::Future for InScope<T, F> {
    type Output = F::Output;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        let this = self.project();
        let future = this.future;
        in_scope(this.key, this.scope, || future.poll(cx))
    }
}

/// `key`'s current scope, shared (`None` outside the layer), to be entered elsewhere.
pub(crate) fn current<T: Clone + 'static>(key: &'static Current<T>) -> Option<T> {
    key.try_with(|current| {
        current
            .try_borrow()
            .ok()
            .and_then(|current| current.clone())
    })
    .ok()
    .flatten()
}

/// `CurrentRequest` and `Scoped` of a framework module: the request its layer is answering,
/// captured on the thread that answers it and entered around a task the handler spawns (as
/// `tracing`'s `Span::current()` and `Instrument`), with `$shared` the pointer its scope is
/// held by (`Arc` or `Rc`), `$key` its thread-local, `$module` the module's path and `$spawn`
/// how the docs spawn a task.
macro_rules! current_request {
    ($layer:literal, $shared:ident, $key:ident, $module:literal, $spawn:literal, $send:literal) => {
        #[doc = concat!(
            "The request ", $layer, " is answering, captured to carry into a task the handler \
             spawns.\n\n\
             A handler's errors render with its request's context (its `x-request-id`, the \
             envelope `Accept` negotiated, `instance`) because the layer enters the request's \
             scope while it polls the handler; a task the handler spawns runs outside it, so an \
             error rendered there gets a fresh context: its body and log record carry another \
             id than the response's header. Capture the request with [`CurrentRequest::get`] \
             in the handler and enter it in the task, as `tracing`'s `Span::current()` and \
             `Instrument` carry a span (`", $spawn, "(request.scope(task))`):\n\n\
             ```\n\
             use ", $module, "::CurrentRequest;\n\n\
             let request = CurrentRequest::get(); // in a handler, inside the layer\n\
             assert!(!request.is_answering()); // here, outside any\n\
             let task = request.scope(async {\n    \
                 // errors rendered here carry the request's id and format\n\
             });\n\
             # drop(task);\n\
             ```\n\n\
             Simpler, where it fits: hand the error back to the handler and let it return it. ",
            $send,
        )]
        #[derive(Clone)]
        pub struct CurrentRequest {
            scope: Option<$shared<Scope>>,
        }

        impl CurrentRequest {
            #[doc = concat!(
                "The request being answered on this thread: inside ", $layer, "'s scope (a \
                 handler, an extractor, a middleware inside the layer), that request; \
                 elsewhere none, and what is entered with it renders with a fresh context, \
                 as outside the layer."
            )]
            #[must_use]
            pub fn get() -> Self {
                Self {
                    scope: crate::integration::current(&$key),
                }
            }

            /// Whether a request was being answered when [`get`](Self::get) was called.
            #[must_use]
            pub fn is_answering(&self) -> bool {
                self.scope.is_some()
            }

            /// `future`, each poll of it inside this request's scope: the errors it renders
            /// carry the request's id, negotiated envelope and `instance`, and their log
            /// records the same id.
            pub fn scope<F: ::std::future::Future>(self, future: F) -> Scoped<F> {
                Scoped {
                    inner: crate::integration::InScope {
                        key: &$key,
                        scope: self.scope,
                        future,
                    },
                }
            }

            /// Runs `f` inside this request's scope (a blocking task's closure): what
            /// [`scope`](Self::scope) does for each poll of a future.
            pub fn sync_scope<R>(&self, f: impl FnOnce() -> R) -> R {
                crate::integration::in_scope(&$key, &mut self.scope.clone(), f)
            }
        }

        impl ::std::fmt::Debug for CurrentRequest {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("CurrentRequest")
                    .field("answering", &self.is_answering())
                    .finish_non_exhaustive()
            }
        }

        ::pin_project_lite::pin_project! {
            /// A future polled inside a request's scope: [`CurrentRequest::scope`].
            #[must_use = "futures do nothing unless polled"]
            pub struct Scoped<F> {
                #[pin]
                inner: crate::integration::InScope<$shared<Scope>, F>,
            }
        }

        impl<F: ::std::future::Future> ::std::future::Future for Scoped<F> {
            type Output = F::Output;

            fn poll(
                self: ::std::pin::Pin<&mut Self>,
                cx: &mut ::std::task::Context<'_>,
            ) -> ::std::task::Poll<F::Output> {
                self.project().inner.poll(cx)
            }
        }

        impl<F> ::std::fmt::Debug for Scoped<F> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Scoped").finish_non_exhaustive()
            }
        }
    };
}
pub(crate) use current_request;

/// The request's id: the client's first `x-request-id` value (`first`) when it is valid, else
/// a fresh one (`req-` and a UUID v4) made by `fresh` from its 40 bytes, which are allocated
/// once and shared by every header value made from them (`Bytes::from_owner`: a clone counts
/// a reference, it copies nothing). Also says whether the request's header must be set to it:
/// when it was missing or invalid, or had more values than the first.
pub(crate) fn resolve_id<V: Clone>(
    first: Option<&V>,
    more: bool,
    bytes: impl Fn(&V) -> &[u8],
    fresh: impl FnOnce(bytes::Bytes) -> Option<V>,
) -> (Option<V>, bool) {
    match first {
        Some(value) if request_id::is_valid_id_bytes(bytes(value)) => (Some(value.clone()), more),
        _ => (
            fresh(bytes::Bytes::from_owner(request_id::generated())),
            true,
        ),
    }
}

/// The request's language from its `Accept-Language` values, when the layer has
/// translations: the context carries it, so responses are rendered in it.
#[cfg(feature = "fluent")]
#[derive(Debug, Clone, Default)]
pub(crate) struct Languages(Option<std::sync::Arc<crate::locale::Translations>>);

#[cfg(feature = "fluent")]
impl Languages {
    pub(crate) fn new(translations: std::sync::Arc<crate::locale::Translations>) -> Self {
        Self(Some(translations))
    }

    /// The language `accept_language` negotiates, if there are translations (the headers are
    /// not looked up otherwise).
    pub(crate) fn negotiate<'h, I: IntoIterator<Item = &'h [u8]>>(
        &self,
        accept_language: impl FnOnce() -> I,
    ) -> Option<crate::locale::Locale> {
        self.0
            .as_ref()
            .map(|translations| translations.negotiate_values(accept_language()))
    }
}

/// The format every `Accept` value together asks for. A request may split its media ranges over
/// several `Accept` headers; they mean the same as one comma-separated header.
pub(crate) fn negotiate<'h>(accept: impl IntoIterator<Item = &'h [u8]>) -> Option<Format> {
    let mut raw = accept.into_iter();
    let first = raw.next()?;
    let second = raw.next();
    // Most requests send one `Accept` naming no `problem+json` (`*/*`, a browser's list):
    // answered from its raw bytes, without UTF-8 validation.
    if second.is_none() && !crate::format::names_problem_json(first) {
        return None;
    }
    let mut values = [first]
        .into_iter()
        .chain(second)
        .chain(raw)
        .filter_map(|value| std::str::from_utf8(value).ok());
    let first = values.next()?;
    match values.next() {
        None => Format::from_accept(first),
        Some(second) => {
            let mut joined = format!("{first},{second}");
            for value in values {
                joined.push(',');
                joined.push_str(value);
            }
            Format::from_accept(&joined)
        }
    }
}

/// Whether a response must be put into the envelope: an error status, not made by apierror.
pub(crate) fn is_foreign_error(status: u16, made_by_apierror: bool) -> bool {
    is_error_status(status) && !made_by_apierror
}

/// Whether `status` is one the layer may rewrite (4xx or 5xx); any other response passes
/// through on this check alone.
pub(crate) fn is_error_status(status: u16) -> bool {
    (400..=599).contains(&status)
}

/// The first [`FOREIGN_BODY_LIMIT`] bytes of a foreign error response's body (and one more
/// when there are more, so the reader knows it was cut): its first chunk waited for (a proxied
/// upstream's body may lag its head), then only what the body has ready. A body that keeps
/// streaming after its first chunk (one that never ends, a slow upstream's) is answered with
/// the text it had ready then, never waited on to its end.
#[derive(Debug, Default)]
pub(crate) struct ReadyPrefix {
    prefix: Vec<u8>,
    /// Whether a first chunk came.
    started: bool,
}

impl ReadyPrefix {
    /// Reads the frames `next` has ready (`Ready(None)`: the body ended or failed): ready with
    /// the prefix once it is long enough, the body ended, or `next` would wait after the first
    /// chunk; `Pending` while the first chunk has not come (the body woke the task for it).
    pub(crate) fn read(
        &mut self,
        mut next: impl FnMut() -> Poll<Option<bytes::Bytes>>,
    ) -> Poll<Vec<u8>> {
        let wanted = FOREIGN_BODY_LIMIT + 1;
        while self.prefix.len() < wanted {
            match next() {
                Poll::Ready(Some(chunk)) => {
                    self.started = true;
                    let room = wanted - self.prefix.len();
                    self.prefix
                        .extend_from_slice(chunk.get(..room).unwrap_or(&chunk));
                }
                Poll::Ready(None) => break,
                Poll::Pending if self.started => break,
                Poll::Pending => return Poll::Pending,
            }
        }
        Poll::Ready(std::mem::take(&mut self.prefix))
    }
}

/// Notices an error rendered outside the layer (or middleware) while the process uses one: a
/// layer added before the routes, or middleware outside it, renders errors with a fresh
/// context. Warns once (feature `tracing`), naming the fix.
/// Whether a `Content-Encoding` value says the body is encoded (any coding but `identity`),
/// so that its text cannot be read.
fn is_encoded(coding: &[u8]) -> bool {
    !coding.eq_ignore_ascii_case(b"identity")
}

/// Notices too a foreign error response whose body is already encoded (a compression layer
/// inside the layer): its text cannot be read, so it is answered with its status's text. Warns
/// once, naming the fix.
#[derive(Debug)]
pub(crate) struct LayerWatch {
    in_use: AtomicBool,
    warned: AtomicBool,
    fix: &'static str,
    warned_encoded: AtomicBool,
    encoded_fix: &'static str,
}

impl LayerWatch {
    pub(crate) const fn new(fix: &'static str, encoded_fix: &'static str) -> Self {
        Self {
            in_use: AtomicBool::new(false),
            warned: AtomicBool::new(false),
            fix,
            warned_encoded: AtomicBool::new(false),
            encoded_fix,
        }
    }

    /// Whether a foreign error response whose `Content-Encoding` is `encoding` has a body the
    /// layer cannot read (any coding but `identity`); warns once when it has.
    pub(crate) fn encoded(&self, encoding: Option<&[u8]>) -> bool {
        let encoded = encoding.is_some_and(is_encoded);
        if encoded && !self.warned_encoded.swap(true, Ordering::Relaxed) {
            crate::log::encoded_error_body(self.encoded_fix);
        }
        encoded
    }

    /// A layer (or middleware) wraps a service in this process.
    pub(crate) fn in_use(&self) {
        self.in_use.store(true, Ordering::Relaxed);
    }

    /// An error rendered with no request context.
    pub(crate) fn rendered_without_layer(&self, code: &str) {
        if self.in_use.load(Ordering::Relaxed) && !self.warned.swap(true, Ordering::Relaxed) {
            crate::log::misplaced_layer(code, self.fix);
        }
    }
}

/// The error a foreign error response stands for, with its kind: [`foreign_error`], then, when
/// `read` recognises the response (given its `text/plain` text, if any) as a rejection, that
/// rejection's status, sentence and detail.
pub(crate) fn rewritten_error<'h>(
    status: u16,
    headers: impl IntoIterator<Item = (&'h str, &'h [u8])>,
    body: &[u8],
    read: impl FnOnce(Option<&str>) -> Option<Reading>,
) -> FrameworkError {
    let (err, text) = foreign_parts(status, headers, body);
    match read(text.as_deref()) {
        Some(reading) => {
            let status = StatusCode::from_u16(reading.status).unwrap_or(StatusCode::BAD_REQUEST);
            let mut err = err.reclassify(status).with_message(reading.message);
            if let Some(detail) = reading.detail {
                err = err.with_detail(detail);
            }
            FrameworkError::new(reading.kind, err)
        }
        None => {
            let kind = FrameworkErrorKind::of_status(status);
            let err = match kind {
                FrameworkErrorKind::PayloadTooLarge => err.with_message(message::PAYLOAD_TOO_LARGE),
                _ => err,
            };
            FrameworkError::new(kind, err)
        }
    }
}

/// The error a foreign error response stands for: its status, the status's code, its text as
/// the message (a `text/plain` body, as framework rejections are, or a 4xx JSON body's
/// message member, read up to [`FOREIGN_BODY_LIMIT`]), its `Retry-After` in whole seconds (read as a client reads it:
/// delay-seconds, a decimal number of seconds rounded up, or an HTTP date; a value that is none
/// of these is dropped), and its other headers (`Allow`, `WWW-Authenticate`, ...) except those
/// that describe the old body or the request id (a 416's `Content-Range`, which describes the
/// representation, is kept).
///
/// `headers` yields lowercase names, as both frameworks store them.
#[cfg(test)]
pub(crate) fn foreign_error<'h>(
    status: u16,
    headers: impl IntoIterator<Item = (&'h str, &'h [u8])>,
    body: &[u8],
) -> HttpError {
    foreign_parts(status, headers, body).0
}

/// [`foreign_error`], and the `text/plain` text it took its message from.
fn foreign_parts<'h>(
    status: u16,
    headers: impl IntoIterator<Item = (&'h str, &'h [u8])>,
    body: &[u8],
) -> (HttpError, Option<String>) {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut err = HttpError::new(status);
    let mut plain_text = false;
    let mut json = false;
    let mut encoded = false;
    for (name, value) in headers {
        match name {
            "content-type" => {
                plain_text = is_plain_text(value);
                json = is_json(value);
            }
            "content-encoding" => encoded = is_encoded(value),
            "retry-after" => {
                // Read as a client reads it; the response carries whole seconds, never fewer
                // than the foreign response asked for.
                if let Some(seconds) = std::str::from_utf8(value).ok().and_then(|value| {
                    crate::headers::retry_after_secs(value, std::time::SystemTime::now())
                }) {
                    err = err.with_retry_after(seconds);
                }
            }
            // A 416's `Content-Range` (`bytes */1234`) gives the representation's current
            // length, not the body's: RFC 9110 §15.5.17 asks for it, clients resume with it.
            "content-range" if status == StatusCode::RANGE_NOT_SATISFIABLE => {
                if let Ok(value) = HeaderValue::from_bytes(value) {
                    err = err.with_header(http::header::CONTENT_RANGE, value);
                }
            }
            // The body is replaced: headers that describe the old one (its length, encoding,
            // validators, ranges) would describe nothing.
            "content-length" | "transfer-encoding" | "x-request-id" | "etag" | "last-modified"
            | "accept-ranges" | "digest" => {}
            _ if name.starts_with("content-") => {}
            _ => {
                if let (Ok(name), Ok(value)) = (
                    HeaderName::from_bytes(name.as_bytes()),
                    HeaderValue::from_bytes(value),
                ) {
                    err = err.with_header(name, value);
                }
            }
        }
    }
    if plain_text
        && !encoded
        && let Some(message) = body_text(body)
    {
        err = err.with_message(message.clone());
        return (err, Some(message));
    }
    // A handler's own JSON 4xx keeps its text, read as the client reads a foreign error's. A
    // 5xx's is never read: its internals stay out of the body and the log alike.
    if json
        && !encoded
        && status.is_client_error()
        && let Some(message) = json_message(body)
    {
        err = err.with_message(message);
    }
    (err, None)
}

/// `application/json` or any `+json` type (`application/problem+json`, ...), with or without
/// parameters.
fn is_json(content_type: &[u8]) -> bool {
    let essence = essence(content_type);
    essence.eq_ignore_ascii_case(b"application/json")
        || essence
            .len()
            .checked_sub(5)
            .and_then(|start| essence.get(start..))
            .is_some_and(|suffix| suffix.eq_ignore_ascii_case(b"+json"))
}

/// The message of a JSON object body: the first of its top-level
/// [`FALLBACK_MESSAGE_MEMBERS`](crate::message::FALLBACK_MESSAGE_MEMBERS) that is a string and
/// not blank, as the client reads it. `None` for a body that is not a whole JSON object within
/// [`FOREIGN_BODY_LIMIT`] (a cut body is not read in part).
fn json_message(body: &[u8]) -> Option<String> {
    if body.len() > FOREIGN_BODY_LIMIT {
        return None;
    }
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(body).ok()?;
    crate::message::FALLBACK_MESSAGE_MEMBERS
        .into_iter()
        .find_map(|name| {
            object
                .get(name)?
                .as_str()
                .filter(|text| !text.trim().is_empty())
        })
        .map(str::to_owned)
}

/// `text/plain`, with or without parameters.
fn is_plain_text(content_type: &[u8]) -> bool {
    essence(content_type).eq_ignore_ascii_case(b"text/plain")
}

/// A media type without its parameters and surrounding whitespace (RFC 9110 §8.3.1).
fn essence(content_type: &[u8]) -> &[u8] {
    content_type
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii()
}

/// The body as trimmed text, at most [`FOREIGN_BODY_LIMIT`] bytes of it; `None` when empty.
/// Invalid UTF-8 becomes U+FFFD, but a character the limit cut in half is dropped.
fn body_text(body: &[u8]) -> Option<String> {
    let mut text = body.get(..FOREIGN_BODY_LIMIT).unwrap_or(body);
    if text.len() < body.len()
        && let Some(cut) = text.utf8_chunks().last().map(|chunk| chunk.invalid().len())
    {
        text = text.get(..text.len() - cut).unwrap_or(text);
    }
    let text = String::from_utf8_lossy(text);
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The 500 a panicking handler becomes. The panic's message goes into the error's `Display`
/// text, so the log has it; the client sees only the generic sentence.
pub(crate) fn panic_error(payload: &(dyn Any + Send)) -> FrameworkError {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a payload that is not a string");
    let err = HttpError::new(StatusCode::INTERNAL_SERVER_ERROR)
        .with_message(format!("the handler panicked: {message}"));
    FrameworkError::new(FrameworkErrorKind::Panic, err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApiError;

    /// An id and a path as a framework would hold them.
    struct Held {
        id: Option<Vec<u8>>,
        path: &'static str,
    }

    impl Sent for Held {
        fn id(&self) -> Option<&[u8]> {
            self.id.as_deref()
        }

        fn path(&self) -> &str {
            self.path
        }
    }

    /// `resolve_id` over plain byte vectors, as a framework calls it with its header values.
    fn resolve(first: Option<&[u8]>, more: bool) -> (Option<Vec<u8>>, bool) {
        let first = first.map(<[u8]>::to_vec);
        resolve_id(first.as_ref(), more, Vec::as_slice, |fresh| {
            Some(fresh.to_vec())
        })
    }

    #[test]
    fn request_ids_are_taken_when_valid_and_set_when_not_exactly_one_valid_value() {
        assert_eq!(
            resolve(Some(b"req-1"), false),
            (Some(b"req-1".to_vec()), false)
        );
        // A second value is dropped by setting the header to the first.
        assert_eq!(
            resolve(Some(b"req-1"), true),
            (Some(b"req-1".to_vec()), true)
        );
        let long = [b'a'; 128];
        assert_eq!(resolve(Some(&long), false), (Some(long.to_vec()), false));
        for invalid in [
            None,
            Some(&b"a\r\nb"[..]),
            Some(b""),
            Some(b"caf\xc3\xa9"),
            Some(b"\xff"),
            Some(&[b'a'; 129]),
        ] {
            let (id, set) = resolve(invalid, false);
            let id = String::from_utf8(id.unwrap()).unwrap();
            assert!(set, "{invalid:?}");
            let uuid = id.strip_prefix("req-").unwrap();
            let parsed = uuid::Uuid::parse_str(uuid).unwrap();
            assert_eq!(parsed.get_version_num(), 4);
            assert_eq!(uuid, parsed.hyphenated().to_string());
        }
        assert_ne!(resolve(None, false), resolve(None, false));
    }

    #[test]
    fn fresh_ids_share_one_allocation_between_header_values() {
        let (value, _) = resolve_id(
            None::<&http::HeaderValue>,
            false,
            http::HeaderValue::as_bytes,
            |fresh| http::HeaderValue::from_maybe_shared(fresh).ok(),
        );
        let value = value.unwrap();
        let clone = value.clone();
        // The same bytes, not a copy of them.
        assert_eq!(value.as_bytes().as_ptr(), clone.as_bytes().as_ptr());
        assert_eq!(value.as_bytes().len(), 40);
    }

    #[test]
    fn the_scope_makes_its_context_from_what_was_sent() {
        let scope = RequestScope::new(
            Held {
                id: Some(b"abc-1".to_vec()),
                path: "/tasks/1",
            },
            Some(Format::Problem),
        );
        assert_eq!(scope.format(), Some(Format::Problem));
        assert_eq!(scope.request_id().unwrap().as_str(), "abc-1");
        let context = scope.context();
        assert_eq!(context.request_id(), Some("abc-1"));
        assert_eq!(context.instance(), Some("/tasks/1"));
        assert_eq!(context.format(), Some(Format::Problem));
        assert_eq!(context, scope.context());
        assert_eq!(
            context,
            Context::default()
                .with_instance("/tasks/1")
                .with_request_id("abc-1")
                .with_format(Format::Problem)
                .negotiating()
        );

        let without = RequestScope::new(
            Held {
                id: None,
                path: "/",
            },
            None,
        );
        assert_eq!(without.request_id(), None);
        assert_eq!(without.context().request_id(), None);
        assert_eq!(without.context().format(), None);
    }

    #[test]
    fn the_kept_context_holds_nothing_of_a_request_after_its_render() {
        let scope = RequestScope::new(
            Held {
                id: Some(b"req-kept-1".to_vec()),
                path: "/tasks/secret",
            },
            Some(Format::Problem),
        );
        let seen = scope.with_context(|ctx| {
            (
                ctx.request_id().map(str::to_owned),
                ctx.instance().map(str::to_owned),
            )
        });
        assert_eq!(
            seen,
            (
                Some("req-kept-1".to_owned()),
                Some("/tasks/secret".to_owned())
            )
        );
        KEPT.with(|kept| {
            let kept = kept.borrow();
            assert_eq!(kept.request_id(), Some(""));
            assert_eq!(kept.instance(), Some(""));
            assert_eq!(kept.format(), None);
        });
        // Also when the render unwinds.
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            scope.with_context(|_| -> () { panic!("render failed") })
        }));
        assert!(unwound.is_err());
        KEPT.with(|kept| {
            let kept = kept.borrow();
            assert_eq!(kept.request_id(), Some(""));
            assert_eq!(kept.instance(), Some(""));
        });
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static [u8])> {
        pairs
            .iter()
            .map(|(name, value)| (*name, value.as_bytes()))
            .collect()
    }

    #[test]
    fn instance_is_the_path_percent_encoded_where_a_uri_may_not_hold_a_byte() {
        let cases = [
            ("/tasks/1", "/tasks/1"),
            (
                "/a%20b/~user/@x:y;z=1,2!$&'()*+",
                "/a%20b/~user/@x:y;z=1,2!$&'()*+",
            ),
            ("/t\u{e2}che", "/t%C3%A2che"),
            (
                "/a\"b{c}|d^e`f\\g[h]<i> j",
                "/a%22b%7Bc%7D%7Cd%5Ee%60f%5Cg%5Bh%5D%3Ci%3E%20j",
            ),
            ("/tab\there\u{7f}", "/tab%09here%7F"),
            ("/100%", "/100%25"),
            ("/a%zzb%2", "/a%25zzb%252"),
            ("/%E2%82%AC%", "/%E2%82%AC%25"),
        ];
        for (path, instance) in cases {
            let scope = RequestScope::new(Held { id: None, path }, None);
            assert_eq!(scope.context().instance(), Some(instance), "{path:?}");
        }
    }

    #[test]
    fn accept_values_are_negotiated_together() {
        assert_eq!(
            negotiate([&b"application/problem+json"[..]]),
            Some(Format::Problem)
        );
        assert_eq!(
            negotiate([&b"application/json;q=0.5"[..], b"application/problem+json"]),
            Some(Format::Problem)
        );
        assert_eq!(
            negotiate([&b"application/json"[..], b"application/problem+json;q=0.5"]),
            None
        );
        assert_eq!(negotiate([&b"\xff"[..]]), None);
        assert_eq!(negotiate([]), None);
    }

    #[test]
    fn only_foreign_error_statuses_are_rewritten() {
        assert!(is_foreign_error(400, false));
        assert!(is_foreign_error(599, false));
        assert!(!is_foreign_error(404, true));
        assert!(!is_foreign_error(200, false));
        assert!(!is_foreign_error(304, false));
        assert!(is_error_status(400) && is_error_status(599));
        assert!(!is_error_status(399) && !is_error_status(600) && !is_error_status(200));
    }

    #[test]
    fn json_4xx_bodies_keep_their_message_in_the_clients_order() {
        let json = |status, content_type, body: &[u8]| {
            foreign_error(status, headers(&[("content-type", content_type)]), body)
        };
        let read = |status, body: &str| json(status, "application/json", body.as_bytes());
        let message = |err: HttpError| Some(err.message().into_owned());
        assert_eq!(
            message(read(400, r#"{"message":"name is required"}"#)).as_deref(),
            Some("name is required")
        );
        assert_eq!(
            message(read(409, r#"{"error":"taken"}"#)).as_deref(),
            Some("taken")
        );
        // The order: message, detail, title, error; blank and non-string members skipped.
        assert_eq!(
            message(read(404, r#"{"error":"e","title":"t","detail":"d"}"#)).as_deref(),
            Some("d")
        );
        assert_eq!(
            message(read(
                400,
                r#"{"message":" ","detail":7,"title":"t","error":"e"}"#
            ))
            .as_deref(),
            Some("t")
        );
        assert_eq!(
            message(json(
                422,
                "application/problem+json; charset=utf-8",
                br#"{"detail":"bad"}"#
            ))
            .as_deref(),
            Some("bad")
        );
        // Nothing to read: the status's own message stays.
        let plain = message(HttpError::new(StatusCode::BAD_REQUEST));
        assert_eq!(message(read(400, r#"{"code":"X"}"#)), plain);
        assert_eq!(message(read(400, r#"["message"]"#)), plain);
        assert_eq!(message(read(400, r#"{"message":"cut"#)), plain);
        let long = format!(
            r#"{{"message":"m","pad":"{}"}}"#,
            "x".repeat(FOREIGN_BODY_LIMIT)
        );
        assert_eq!(message(read(400, &long)), plain);
        // A 5xx's text is never read.
        let server = message(HttpError::new(StatusCode::INTERNAL_SERVER_ERROR));
        assert_eq!(message(read(500, r#"{"message":"db password"}"#)), server);
        // Encoded bodies are not read.
        let gzip = foreign_error(
            400,
            headers(&[
                ("content-type", "application/json"),
                ("content-encoding", "gzip"),
            ]),
            br#"{"message":"m"}"#,
        );
        assert_eq!(message(gzip), plain);
    }

    #[test]
    fn plain_text_bodies_become_the_message() {
        let err = foreign_error(
            422,
            headers(&[("content-type", "text/plain; charset=utf-8")]),
            b"  Failed to deserialize the JSON body\n",
        );
        assert_eq!(err.code(), "UNPROCESSABLE_ENTITY");
        assert_eq!(err.message(), "Failed to deserialize the JSON body");

        let html = foreign_error(
            404,
            headers(&[("content-type", "text/html")]),
            b"<h1>x</h1>",
        );
        assert_eq!(html.message(), "Not Found");
        let untyped = foreign_error(404, [], b"gone");
        assert_eq!(untyped.message(), "Not Found");
        let gzip = foreign_error(
            400,
            headers(&[("content-type", "text/plain"), ("content-encoding", "gzip")]),
            b"\x1f\x8b",
        );
        assert_eq!(gzip.message(), "Bad Request");
        let blank = foreign_error(400, headers(&[("content-type", "text/plain")]), b" \n");
        assert_eq!(blank.message(), "Bad Request");
    }

    #[test]
    fn headers_of_the_replaced_body_are_dropped_others_kept() {
        let err = foreign_error(
            405,
            headers(&[
                ("allow", "GET, HEAD"),
                ("etag", "\"1\""),
                ("last-modified", "Sun, 06 Nov 1994 08:49:37 GMT"),
                ("content-language", "en"),
                ("content-disposition", "attachment"),
                ("cache-control", "no-store"),
            ]),
            b"",
        );
        let headers = err.headers();
        let kept: Vec<&str> = headers.keys().map(|name| name.as_str()).collect();
        assert_eq!(kept, ["allow", "cache-control"]);
    }

    #[test]
    fn a_416_keeps_its_content_range_other_statuses_do_not() {
        let sent = headers(&[
            ("content-range", "bytes */1234"),
            ("content-type", "text/plain"),
        ]);
        let unsatisfiable = foreign_error(416, sent.clone(), b"");
        let carried: Vec<_> = unsatisfiable
            .headers()
            .iter()
            .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap()))
            .collect();
        assert_eq!(carried, ["content-range: bytes */1234"]);
        assert!(foreign_error(400, sent, b"").headers().is_empty());
    }

    #[test]
    fn server_error_text_reaches_the_log_only() {
        let err = foreign_error(
            502,
            headers(&[("content-type", "text/plain")]),
            b"upstream 10.0.0.7 refused",
        );
        assert_eq!(err.code(), "BAD_GATEWAY");
        assert_eq!(
            err.message(),
            "The service is temporarily unavailable. Please try again later."
        );
        assert_eq!(
            err.to_string(),
            "502 BAD_GATEWAY: upstream 10.0.0.7 refused"
        );
    }

    #[test]
    fn headers_are_carried_except_body_and_id_headers() {
        let err = foreign_error(
            405,
            headers(&[
                ("allow", "GET,HEAD"),
                ("content-type", "text/plain"),
                ("content-length", "0"),
                ("transfer-encoding", "chunked"),
                ("x-request-id", "other"),
                ("retry-after", "7"),
                ("vary", "origin"),
            ]),
            b"",
        );
        assert_eq!(err.retry_after(), Some(7));

        let fractional = foreign_error(503, headers(&[("retry-after", "1.5")]), b"");
        assert_eq!(fractional.retry_after(), Some(2));
        let carried: Vec<_> = err
            .headers()
            .iter()
            .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap()))
            .collect();
        assert_eq!(carried, ["allow: GET,HEAD", "vary: origin"]);

        let unreadable = foreign_error(503, headers(&[("retry-after", "Fri, 07 Nov 2025")]), b"");
        assert_eq!(unreadable.retry_after(), None);
        let in_a_minute = httpdate::fmt_http_date(
            std::time::SystemTime::now() + std::time::Duration::from_secs(60),
        );
        let dated = foreign_error(503, [("retry-after", in_a_minute.as_bytes())], b"");
        assert!(
            matches!(dated.retry_after(), Some(59..=61)),
            "{:?}",
            dated.retry_after()
        );
    }

    #[test]
    fn long_bodies_are_cut_at_a_character() {
        let mut body = "a".repeat(FOREIGN_BODY_LIMIT - 1).into_bytes();
        body.extend_from_slice("é and more".as_bytes());
        let err = foreign_error(400, headers(&[("content-type", "text/plain")]), &body);
        assert_eq!(err.message(), "a".repeat(FOREIGN_BODY_LIMIT - 1));

        let invalid = foreign_error(400, headers(&[("content-type", "text/plain")]), b"a\xffb");
        assert_eq!(invalid.message(), "a\u{fffd}b");
    }

    #[test]
    fn panics_keep_their_message_for_the_log() {
        let err = panic_error(&"boom");
        assert_eq!(err.code(), "INTERNAL_SERVER_ERROR");
        assert_eq!(
            err.message(),
            "An unexpected error occurred. Please try again later."
        );
        assert_eq!(
            err.to_string(),
            "500 INTERNAL_SERVER_ERROR: the handler panicked: boom"
        );
        let owned = panic_error(&String::from("owned"));
        assert_eq!(
            owned.to_string(),
            "500 INTERNAL_SERVER_ERROR: the handler panicked: owned"
        );
        let other = panic_error(&7_u32);
        assert_eq!(
            other.to_string(),
            "500 INTERNAL_SERVER_ERROR: the handler panicked: a payload that is not a string"
        );
    }
}
