//! Rendering an error into a body and a response: resolving the request's id and phrase,
//! choosing between the static and the general body of the error's envelope (see
//! [`envelope`]), the fallback when an error's own body fails, and the
//! response's headers.

use crate::api_error::{ApiError, AsApiError, sent_status};
use crate::context::Context;
use crate::envelope::{self, Envelope, Parts, Request};
use crate::extension::ExtensionError;
use crate::format::Format;
use crate::headers::{is_managed, rendered_content_type};
use crate::http_error::HttpError;
use crate::log;
use crate::parts::StaticParts;
use crate::phrase;
use crate::request_id::{self, ResolvedId};
use http::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use http::{Response, StatusCode};
use std::borrow::Cow;

/// Renders `err` as a JSON body in `format` (compact UTF-8 JSON, the envelope's member order;
/// see [`Format`] for each shape).
///
/// `format` is used as given: `ctx`'s own format ([`Context::with_format`]) is not consulted;
/// pass [`ctx.format_for(&err)`](Context::format_for) to honour it. The message is cut at
/// `ctx`'s [`Limits`](crate::Limits). A request id is generated when `ctx` has none (or an
/// invalid one) and written where the envelope has a place for it (Flat's `requestId`); it is
/// not returned, so a caller that also sends an `x-request-id` header should set the id in
/// `ctx` first ([`request_id::new`](crate::request_id::new) makes one), or use
/// [`to_response`], which puts the same id in both. Nothing is logged. When an extension value
/// fails to serialize, the body is the fallback: a 500 `SERVER_ERROR` with the generic message
/// in the same envelope.
///
/// ```
/// use apierror::{ApiError, Context, Format};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("task {id} missing")]
/// #[status(404)]
/// #[code("TASK_NOT_FOUND")]
/// #[message("Task with ID {id} could not be found")]
/// struct NotFound { id: u64 }
///
/// let body = apierror::to_json(&NotFound { id: 7 }, Format::Flat, &Context::default().with_request_id("req-1"));
/// assert_eq!(
///     body,
///     br#"{"code":"TASK_NOT_FOUND","message":"Task with ID 7 could not be found","requestId":"req-1"}"#
/// );
/// ```
#[inline]
pub fn to_json<E: AsApiError + ?Sized>(err: &E, format: Format, ctx: &Context) -> Vec<u8> {
    json_of(format)(err.as_api_error(), ctx)
}

/// [`to_json`] of a trait object, a copy for each format: `json_of` picks the copy of
/// `format` (`json_in` with the format a constant), where the envelope's static joiner is
/// called directly and inlined, so a static body is joined in the first frame under
/// `to_json` (see BENCHMARKS.md, "issue #24, session 9").
macro_rules! json_in_each_format {
    ($($copy:ident => $format:path),+ $(,)?) => {
        /// [`to_json`] of a trait object in `format`: the copy of the renderer for `format`,
        /// each one for every error type (a look-up in a table of six).
        #[inline(always)]
        fn json_of(format: Format) -> fn(&dyn ApiError, &Context) -> Vec<u8> {
            match format {
                $($format => $copy,)+
            }
        }

        $(
            #[doc = concat!("[`json_in`] for `", stringify!($format), "`.")]
            #[inline(never)]
            fn $copy(err: &dyn ApiError, ctx: &Context) -> Vec<u8> {
                json_in(err, $format, ctx)
            }
        )+
    };
}

json_in_each_format!(
    json_in_flat => Format::Flat,
    json_in_nested => Format::Nested,
    json_in_error_list => Format::ErrorList,
    json_in_problem => Format::Problem,
    json_in_google => Format::Google,
    json_in_simple => Format::Simple,
);

/// [`to_json`] of a trait object in `format` (a constant in each copy): the static body, then
/// the templated body, joined by the envelope from the `StaticParts` and the context as they
/// arrive; a body that shows the request id starts in [`json_with_id`], and what these
/// decline goes on in [`json_rest`], both out of line.
#[inline(always)]
fn json_in(err: &dyn ApiError, format: Format, ctx: &Context) -> Vec<u8> {
    let envelope = envelope::of(format);
    if envelope.shows_request_id {
        return json_with_id(err, format, ctx);
    }
    let known = err.__static_parts();
    if let Some(known) = known
        && in_default_language(ctx)
    {
        let body = static_body(known, envelope, ctx, "");
        if !body.is_empty() {
            return body;
        }
        // The short path of a body whose only run-time part is its message.
        let body = templated_body(err, known, format, ctx, "");
        if !body.is_empty() {
            return body;
        }
    }
    json_rest(err, known, format, ctx, "")
}

/// [`json_in`] of a body that shows the request id: the id resolved first.
#[inline(never)]
fn json_with_id(err: &dyn ApiError, format: Format, ctx: &Context) -> Vec<u8> {
    let request_id = ResolvedId::resolve(ctx.request_id());
    let request_id = request_id.as_str();
    let known = err.__static_parts();
    if let Some(known) = known
        && in_default_language(ctx)
    {
        let body = static_body(known, envelope::of(format), ctx, request_id);
        if !body.is_empty() {
            return body;
        }
        let body = templated_body(err, known, format, ctx, request_id);
        if !body.is_empty() {
            return body;
        }
    }
    json_rest(err, known, format, ctx, request_id)
}

/// Whether `ctx` asks for the default language (always, without the `fluent` feature).
#[inline(always)]
fn in_default_language(ctx: &Context) -> bool {
    #[cfg(feature = "fluent")]
    if ctx.locale().is_some_and(|locale| !locale.is_default()) {
        return false;
    }
    let _ = ctx;
    true
}

/// [`json_of`] past its static and templated bodies: another language, or the body written the
/// general way. Out of line, so that `json_of`'s frame is what its fast paths need.
#[inline(never)]
fn json_rest(
    err: &dyn ApiError,
    known: Option<&'static StaticParts>,
    format: Format,
    ctx: &Context,
    request_id: &str,
) -> Vec<u8> {
    #[cfg(feature = "fluent")]
    if let Some(locale) = ctx.locale().filter(|locale| !locale.is_default()) {
        return render_localized(err, known, format, ctx, request_id, false, locale).body;
    }
    // Not tried again: a static or templated body declined above (a 5xx whose body shows a
    // support phrase, a context value to escape) is written the general way, to the same
    // bytes.
    render_default(err, known, format, ctx, request_id, false, false).body
}

/// The body of `err` in the default language in `envelope` when it is all static text (see
/// `StaticBody`) and needs nothing drawn for it (no support phrase to show). Empty (no
/// allocation): render it the general way.
#[inline(always)]
fn static_body(
    known: &'static StaticParts,
    envelope: &Envelope,
    ctx: &Context,
    request_id: &str,
) -> Vec<u8> {
    if !known.all_static || (envelope.shows_phrase && known.status().is_server_error()) {
        return Vec::new();
    }
    envelope.static_in_context(known, ctx, request_id)
}

/// The body of `err` in the default language in `format` when its only run-time part is its
/// message (see `Envelope::templated_body`) and it needs nothing drawn for it. Empty (no
/// allocation): render it the general way (which asks the error for its values again).
#[inline(always)]
fn templated_body(
    err: &dyn ApiError,
    known: &'static StaticParts,
    format: Format,
    ctx: &Context,
    request_id: &str,
) -> Vec<u8> {
    let envelope = envelope::of(format);
    if !known.message_only
        || !envelope.joins_templates()
        || (envelope.shows_phrase && known.status().is_server_error())
    {
        return Vec::new();
    }
    envelope.templated_body(err, known, ctx, request_id)
}

/// Renders `err` as a complete HTTP response: status, `Content-Type`, `Retry-After`, the
/// error's own headers, `x-request-id`, and the body in `format`.
///
/// `Content-Type` is exactly `application/json`, or `application/problem+json` for
/// [`Format::Problem`] (no charset). `Retry-After` (RFC 9110 §10.2.3) is whole seconds, sent
/// when the error has a `#[retry_after]` value. `x-request-id` is `ctx`'s id when valid, else a
/// fresh `req-` + UUID v4, the same one as in the body. As with [`to_json`], `format` is used
/// as given and an extension that fails to serialize turns the response into the 500 fallback.
///
/// 5xx errors are logged (feature `tracing`) with their code, request id, support phrase and
/// source chain; the response carries none of that but the id and, in `ErrorList`, the phrase.
///
/// ```
/// use apierror::{ApiError, Context, Format};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum TaskError {
///     #[status(429)]
///     #[code("RATE_LIMITED")]
///     #[message("Too many requests")]
///     #[error("rate limited")]
///     RateLimited {
///         #[retry_after]
///         secs: u64,
///     },
/// }
///
/// let ctx = Context::default().with_request_id("req-1");
/// let response = apierror::to_response(&TaskError::RateLimited { secs: 30 }, Format::Problem, &ctx);
/// assert_eq!(response.status(), 429);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// assert_eq!(response.headers()["retry-after"], "30");
/// assert_eq!(response.headers()["x-request-id"], "req-1");
/// // Problem's body has no request id member: the header carries it.
/// assert_eq!(
///     std::str::from_utf8(response.body())?,
///     r#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Too many requests","code":"RATE_LIMITED"}"#
/// );
/// # Ok::<(), std::str::Utf8Error>(())
/// ```
#[inline]
pub fn to_response<E: AsApiError + ?Sized>(
    err: &E,
    format: Format,
    ctx: &Context,
) -> Response<Vec<u8>> {
    response_of(err.as_api_error(), format, ctx)
}

/// [`to_response`] of a trait object.
fn response_of(err: &dyn ApiError, format: Format, ctx: &Context) -> Response<Vec<u8>> {
    let request_id = ResolvedId::resolve(ctx.request_id());
    let value = HeaderValue::from_str(request_id.as_str()).ok();
    respond(err, format, ctx, request_id.as_str(), value)
}

/// [`to_response`] of an error rendered inside the axum layer or the actix-web middleware,
/// whose request id the integration resolved already, so it is not checked or copied again:
/// `id` is its text, an id [`request_id::is_valid`] accepts (the client's, checked once when
/// the request came in, or a fresh one), and `value` the response's `x-request-id` value, in
/// its place among the headers: `id`'s own header value (a clone of the request's, a reference
/// count), or a stand-in the caller replaces (actix-web, which holds the id in its own header
/// type). The body carries `id`; `ctx`'s own id is not consulted.
#[cfg(any(feature = "axum", feature = "actix"))]
pub(crate) fn to_response_with_id(
    err: &dyn ApiError,
    format: Format,
    ctx: &Context,
    id: &str,
    value: HeaderValue,
) -> Response<Vec<u8>> {
    respond(err, format, ctx, id, Some(value))
}

/// [`to_response`] with the request id resolved: `request_id` its text, `id_value` its header
/// value (`None` when it could not be one).
#[inline(always)]
fn respond(
    err: &dyn ApiError,
    format: Format,
    ctx: &Context,
    request_id: &str,
    id_value: Option<HeaderValue>,
) -> Response<Vec<u8>> {
    // A 5xx draws a phrase for its log record only when there is a log to take it.
    let logged = cfg!(feature = "tracing");
    let rendered = render(err, err.__static_parts(), format, ctx, request_id, logged);
    if logged {
        log::error_response(&log::Record {
            status: err.status(),
            code: err.code(),
            sent: rendered.status,
            request_id: rendered.request_id,
            phrase: rendered.phrase.as_deref(),
            error: err,
            failure: rendered.failure.as_ref().map(|failure| failure as _),
        });
    }

    // The map's first insert makes room for six headers (a map made `with_capacity` costs
    // more, measured): enough for these and the layer's look-up of the id, which reserves a
    // slot before it looks.
    let mut response = Response::new(rendered.body);
    *response.status_mut() = rendered.status;
    let headers = response.headers_mut();
    // apierror's own static bytes: the mark the integrations recognise their responses by.
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(rendered_content_type(format)),
    );
    // Whether the error's own headers hold a `Vary` (a rewritten foreign error's, kept), which
    // the negotiated ones below must not repeat; looked up only then.
    let mut own_vary = false;
    if rendered.failure.is_none() {
        // The derive says statically whether a variant has a retry delay or headers.
        let known = rendered.known;
        if known.is_none_or(|parts| parts.spec.retry_after)
            && let Some(seconds) = err.retry_after()
        {
            headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        if known.is_none_or(|parts| !parts.spec.headers.is_empty()) {
            for (name, value) in &err.headers() {
                if !is_managed(name) {
                    own_vary |= name == http::header::VARY;
                    headers.append(name, value.clone());
                }
            }
        }
    }
    if let Some(value) = id_value {
        headers.insert(request_id::HEADER, value);
    }
    #[cfg(feature = "fluent")]
    if let Some(locale) = ctx.locale() {
        // The language of the message; the body's language varies with the request's
        // `Accept-Language`.
        let language = if rendered.translated {
            locale.tag()
        } else {
            locale.translations().default_locale()
        };
        if let Ok(value) = HeaderValue::from_str(language) {
            headers.insert(http::header::CONTENT_LANGUAGE, value);
        }
        crate::headers::add_vary(headers, crate::headers::VARY_ACCEPT_LANGUAGE, own_vary);
    }
    // The request's `Accept` chose the envelope (sent whichever it chose, and for an envelope
    // that is Problem either way, as a compression layer sends `Vary: Accept-Encoding` for a
    // body it did not compress). After `Accept-Language`, a field line of its own: the first
    // `Vary` stays the language's.
    if ctx.negotiated() {
        crate::headers::add_vary(headers, crate::headers::VARY_ACCEPT, own_vary);
    }
    response
}

/// The support phrase of a response with `status` ([`phrase::choose`]: an upstream error's
/// passed on, `passed_on` asked only here, else the context's fixed one, else fresh); only
/// for a 5xx, and only when something uses it (a body that shows it, or the log).
fn phrase_for<'c, 'e>(
    ctx: &'c Context,
    status: StatusCode,
    envelope: &Envelope,
    logged: bool,
    passed_on: impl FnOnce() -> Option<&'e str>,
) -> Option<Cow<'c, str>> {
    if !status.is_server_error() || !(logged || envelope.shows_phrase) {
        return None;
    }
    Some(phrase::choose(passed_on(), ctx.phrase()))
}

/// The phrase `err` passes on ([`ApiError::__phrase`]); only an error without static parts
/// (a `RemoteError`, or a wrapper of one) can have one.
fn passed_on<'e>(
    err: &'e dyn ApiError,
    known: Option<&'static StaticParts>,
) -> impl FnOnce() -> Option<&'e str> {
    move || known.is_none().then(|| err.__phrase()).flatten()
}

/// A rendered body and what the log needs to know about it.
pub(crate) struct Rendered<'c> {
    pub(crate) status: StatusCode,
    pub(crate) body: Vec<u8>,
    pub(crate) request_id: &'c str,
    pub(crate) phrase: Option<Cow<'c, str>>,
    /// What the derive said about the error (`None` for the fallback).
    pub(crate) known: Option<&'static StaticParts>,
    /// Why the error's own body could not be rendered, if the fallback was used.
    pub(crate) failure: Option<ExtensionError>,
    /// Whether the message is in the context's language rather than the default one.
    #[cfg(feature = "fluent")]
    pub(crate) translated: bool,
}

impl<'c> Rendered<'c> {
    /// The error's own body, rendered.
    #[inline(always)]
    fn own(
        status: StatusCode,
        body: Vec<u8>,
        request_id: &'c str,
        phrase: Option<Cow<'c, str>>,
        known: Option<&'static StaticParts>,
    ) -> Self {
        Rendered {
            status,
            body,
            request_id,
            phrase,
            known,
            failure: None,
            #[cfg(feature = "fluent")]
            translated: false,
        }
    }
}

/// Renders `err`, whose static parts are `known` (`err.__static_parts()`), or the fallback
/// when its extensions fail. `logged` says whether the caller logs the error (so a 5xx needs
/// a phrase even when the body has no place for it).
#[inline(always)]
pub(crate) fn render<'c>(
    err: &dyn ApiError,
    known: Option<&'static StaticParts>,
    format: Format,
    ctx: &'c Context,
    request_id: &'c str,
    logged: bool,
) -> Rendered<'c> {
    #[cfg(feature = "fluent")]
    if let Some(locale) = ctx.locale().filter(|locale| !locale.is_default()) {
        return render_localized(err, known, format, ctx, request_id, logged, locale);
    }
    render_default(err, known, format, ctx, request_id, logged, true)
}

/// [`render`] in the default language; `try_static`: whether to try the static body first
/// (`false` when the caller has).
#[inline(always)]
fn render_default<'c>(
    err: &dyn ApiError,
    known: Option<&'static StaticParts>,
    format: Format,
    ctx: &'c Context,
    request_id: &'c str,
    logged: bool,
    try_static: bool,
) -> Rendered<'c> {
    let envelope = envelope::of(format);
    let status = sent_status(err, known);
    let phrase = phrase_for(ctx, status, envelope, logged, passed_on(err, known));
    let request = Request::of(ctx, request_id, phrase.as_deref());
    if try_static && let Some(known) = known {
        let body = envelope.static_body(known, &request);
        if !body.is_empty() {
            return Rendered::own(status, body, request_id, phrase, Some(known));
        }
    }
    let docs_url;
    let parts = match known {
        Some(known) => Parts::known(known),
        None => {
            docs_url = envelope.shows_docs_url.then(|| err.docs_url()).flatten();
            Parts::asked(err, status, envelope, docs_url.as_deref())
        }
    };
    match envelope.write(err, &parts, &request) {
        Ok(body) => Rendered::own(status, body, request_id, phrase, known),
        Err(failure) => render_fallback(envelope, ctx, request_id, logged, phrase, failure),
    }
}

/// Renders `err` in a language other than the default: the texts translated first, then the
/// general writer (a static body is in the default language by definition).
#[cfg(feature = "fluent")]
#[inline(never)]
fn render_localized<'c>(
    err: &dyn ApiError,
    known: Option<&'static StaticParts>,
    format: Format,
    ctx: &'c Context,
    request_id: &'c str,
    logged: bool,
    locale: &'c crate::locale::Locale,
) -> Rendered<'c> {
    let envelope = envelope::of(format);
    let status = sent_status(err, known);
    let phrase = phrase_for(ctx, status, envelope, logged, passed_on(err, known));
    let request = Request::of(ctx, request_id, phrase.as_deref());
    let localized = locale.localize(
        err,
        known.or_else(|| err.__message_parts()),
        status,
        envelope::localizes_in_place(format),
        format == Format::Problem,
    );
    let docs_url;
    let parts = match known {
        Some(known) => Parts::known(known),
        None => {
            docs_url = envelope.shows_docs_url.then(|| err.docs_url()).flatten();
            Parts::asked(err, status, envelope, docs_url.as_deref())
        }
    };
    let parts = parts.with_localized(&localized);
    match envelope.write(err, &parts, &request) {
        Ok(body) => Rendered {
            translated: localized.in_place && localized.message.is_some(),
            ..Rendered::own(status, body, request_id, phrase, known)
        },
        Err(failure) => render_fallback(envelope, ctx, request_id, logged, phrase, failure),
    }
}

/// The fallback's body, when `err`'s own failed with `failure`.
#[cold]
#[inline(never)]
fn render_fallback<'c>(
    envelope: &Envelope,
    ctx: &'c Context,
    request_id: &'c str,
    logged: bool,
    phrase: Option<Cow<'c, str>>,
    failure: ExtensionError,
) -> Rendered<'c> {
    let fallback = fallback();
    let phrase = phrase.or_else(|| phrase_for(ctx, fallback.status(), envelope, logged, || None));
    let request = Request::of(ctx, request_id, phrase.as_deref());
    // The fallback has no extensions, so it cannot fail; an empty object is the last resort
    // all the same.
    let parts = Parts::asked(&fallback, fallback.status(), envelope, None);
    let body = envelope
        .write(&fallback, &parts, &request)
        .unwrap_or_else(|_| b"{}".to_vec());
    Rendered {
        status: fallback.status(),
        body,
        request_id,
        phrase,
        known: None,
        failure: Some(failure),
        #[cfg(feature = "fluent")]
        translated: false,
    }
}

/// The error rendered when an error's own body cannot be.
pub(crate) fn fallback() -> HttpError {
    HttpError::new(StatusCode::INTERNAL_SERVER_ERROR).with_code("SERVER_ERROR")
}
