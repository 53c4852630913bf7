//! Rendering an error into a body and a response.
//!
//! Bodies are written into one buffer sized up front: keys and punctuation are static bytes,
//! the message arrives pre-escaped from the derive where it can, and only run-time values are
//! escaped. Each envelope is a module of its own.

mod error_list;

pub(crate) use error_list::HELP_PREFIX;
mod flat;
mod google;
mod nested;
mod pieces;
mod problem;
mod simple;

use crate::api_error::ApiError;
use crate::context::{Context, Limits};
use crate::detail::Detail;
use crate::extension::ExtensionError;
use crate::format::Format;
use crate::http_error::HttpError;
use crate::json::{self, MessageWriter};
use crate::parts::StaticParts;
use crate::phrase::new_phrase;
use crate::request_id::RequestId;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use http::{HeaderName, Response, StatusCode};
use std::borrow::Cow;

/// The `x-request-id` header.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Renders `err` as a JSON body in `format`.
///
/// A request id is generated when `ctx` has none (or an invalid one). When an extension value
/// fails to serialize, the body is the fallback: a 500 `SERVER_ERROR` with the generic message
/// in the same format.
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
pub fn to_json(err: &dyn ApiError, format: Format, ctx: &Context) -> Vec<u8> {
    // Only `Flat` bodies show the request id: the others need not resolve one.
    let request_id = (format == Format::Flat).then(|| RequestId::resolve(ctx.request_id()));
    let request_id = request_id.as_ref().map_or("", RequestId::as_str);
    render(err, format, ctx, request_id, false).body
}

/// Renders `err` as a complete HTTP response: status, `Content-Type`, `Retry-After`, the
/// error's own headers, `x-request-id`, and the body in `format`.
///
/// 5xx errors are logged (feature `tracing`) with their code, request id, support phrase and
/// source chain; the response carries none of that but the id and, in `ErrorList`, the phrase.
pub fn to_response(err: &dyn ApiError, format: Format, ctx: &Context) -> Response<Vec<u8>> {
    let request_id = RequestId::resolve(ctx.request_id());
    // A 5xx draws a phrase for its log record only when there is a log to take it.
    let logged = cfg!(feature = "tracing");
    let rendered = render(err, format, ctx, request_id.as_str(), logged);
    crate::log::error_response(err, &rendered);

    let mut response = Response::new(rendered.body);
    *response.status_mut() = rendered.status;
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
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
                    headers.append(name, value.clone());
                }
            }
        }
    }
    if let Ok(value) = HeaderValue::from_str(request_id.as_str()) {
        headers.insert(REQUEST_ID_HEADER, value);
    }
    response
}

/// Headers apierror sets itself; an error's `headers()` cannot override them.
fn is_managed(name: &HeaderName) -> bool {
    name == CONTENT_TYPE
        || name == CONTENT_LENGTH
        || name == RETRY_AFTER
        || name == REQUEST_ID_HEADER
}

/// The support phrase of a response with `status`: fixed by the context, else fresh; only
/// for a 5xx, and only when something uses it (an `ErrorList` body, or the log).
fn phrase_for<'c>(
    ctx: &'c Context,
    status: StatusCode,
    format: Format,
    logged: bool,
) -> Option<Cow<'c, str>> {
    if !status.is_server_error() || !(logged || format == Format::ErrorList) {
        return None;
    }
    Some(match ctx.phrase() {
        Some(phrase) => Cow::Borrowed(phrase),
        None => Cow::Owned(new_phrase()),
    })
}

/// What one response knows about its request, resolved once.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    /// Resolved by [`RequestId`]: valid, so it never needs escaping (empty when the body
    /// does not show it).
    pub(crate) request_id: &'a str,
    pub(crate) instance: Option<&'a str>,
    pub(crate) phrase: Option<&'a str>,
    pub(crate) limits: Limits,
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
        }
    }
}

/// Renders `err`, or the fallback when its extensions fail. `logged` says whether the caller
/// logs the error (so a 5xx needs a phrase even when the body has no place for it).
#[inline(always)]
pub(crate) fn render<'c>(
    err: &dyn ApiError,
    format: Format,
    ctx: &'c Context,
    request_id: &'c str,
    logged: bool,
) -> Rendered<'c> {
    let known = err.__static_parts();
    let status = known.map_or_else(|| err.status(), StaticParts::status);
    let phrase = phrase_for(ctx, status, format, logged);
    let request = Request {
        request_id,
        instance: ctx.instance(),
        phrase: phrase.as_deref(),
        limits: ctx.limits(),
    };
    if let Some(body) = known.and_then(|known| pieces::static_body(known, format, &request)) {
        return Rendered::own(status, body, request_id, phrase, known);
    }
    let docs_url;
    let parts = match known {
        Some(known) => Parts::known(known),
        None => {
            docs_url = shows_docs_url(format).then(|| err.docs_url()).flatten();
            Parts::asked(err, status, format, docs_url.as_deref())
        }
    };
    match body(err, &parts, format, &request) {
        Ok(body) => Rendered::own(status, body, request_id, phrase, known),
        Err(failure) => render_fallback(format, ctx, request_id, logged, phrase, failure),
    }
}

/// The fallback's body, when `err`'s own failed with `failure`.
#[cold]
#[inline(never)]
fn render_fallback<'c>(
    format: Format,
    ctx: &'c Context,
    request_id: &'c str,
    logged: bool,
    phrase: Option<Cow<'c, str>>,
    failure: ExtensionError,
) -> Rendered<'c> {
    let fallback = fallback();
    let phrase = phrase.or_else(|| phrase_for(ctx, fallback.status(), format, logged));
    let request = Request {
        request_id,
        instance: ctx.instance(),
        phrase: phrase.as_deref(),
        limits: ctx.limits(),
    };
    // The fallback has no extensions, so it cannot fail; an empty object is the last resort
    // all the same.
    let parts = Parts::asked(&fallback, fallback.status(), format, None);
    let body = body(&fallback, &parts, format, &request).unwrap_or_else(|_| b"{}".to_vec());
    Rendered {
        status: fallback.status(),
        body,
        request_id,
        phrase,
        known: None,
        failure: Some(failure),
    }
}

/// The error rendered when an error's own body cannot be.
pub(crate) fn fallback() -> HttpError {
    HttpError::new(StatusCode::INTERNAL_SERVER_ERROR).with_code("SERVER_ERROR")
}

/// What the body writers read about an error, resolved once: from the derive's
/// [`StaticParts`] where it has them, else from the trait's methods (only those the format
/// shows), with every "may have" flag set.
#[derive(Clone, Copy)]
struct Parts<'a> {
    status: StatusCode,
    /// Whether `code`, `docs_url` and `domain` need no JSON escaping.
    plain: bool,
    code: &'a str,
    /// The message, when it is static and needs no JSON escaping.
    message: Option<&'a str>,
    /// About how long the message is, for the capacity.
    message_len: usize,
    docs_url: Option<&'a str>,
    domain: Option<&'a str>,
    /// Whether `details()` may return any.
    details: bool,
    /// Whether `extensions()` may visit any.
    extensions: bool,
    /// Whether `retry_after()` may return a delay.
    retry_after: bool,
}

impl<'a> Parts<'a> {
    /// The parts the derive described.
    fn known(parts: &'static StaticParts) -> Parts<'static> {
        let spec = parts.spec;
        Parts {
            status: parts.status,
            plain: parts.plain,
            code: spec.code,
            message: parts.message.filter(|_| parts.plain_message),
            message_len: parts.message_len(),
            docs_url: spec.docs_url,
            domain: spec.domain,
            details: spec.has_details,
            extensions: !spec.extensions.is_empty(),
            retry_after: spec.retry_after,
        }
    }

    /// The parts of an error without static parts: asked from its methods. `docs_url` is the
    /// error's docs URL where the format shows it.
    fn asked(
        err: &'a dyn ApiError,
        status: StatusCode,
        format: Format,
        docs_url: Option<&'a str>,
    ) -> Self {
        Parts {
            status,
            plain: false,
            code: err.code(),
            message: None,
            message_len: err.__message_json_len(),
            docs_url,
            domain: if format == Format::Google {
                err.domain()
            } else {
                None
            },
            details: true,
            extensions: true,
            retry_after: true,
        }
    }
}

/// Whether `format` shows the docs URL.
fn shows_docs_url(format: Format) -> bool {
    matches!(format, Format::ErrorList | Format::Problem)
}

// Not inlined: keeps the callers' frames small for the static path.
#[inline(never)]
fn body(
    err: &dyn ApiError,
    parts: &Parts<'_>,
    format: Format,
    request: &Request<'_>,
) -> Result<Vec<u8>, ExtensionError> {
    let details = if parts.details {
        bounded(err.details(), request.limits.max_details())
    } else {
        Cow::Borrowed(&[][..])
    };
    let mut out = Vec::with_capacity(capacity(parts, format, &details, request));
    let mut body = Body {
        out: &mut out,
        err,
        parts,
        details: &details,
        request,
    };
    match format {
        Format::Flat => flat::write(&mut body),
        Format::Nested => nested::write(&mut body),
        Format::ErrorList => error_list::write(&mut body),
        Format::Problem => problem::write(&mut body),
        Format::Google => google::write(&mut body),
        Format::Simple => simple::write(&mut body),
    }?;
    Ok(out)
}

/// At most `max` details, then one that says how many were left out.
fn bounded(details: Cow<'_, [Detail]>, max: usize) -> Cow<'_, [Detail]> {
    if details.len() <= max {
        return details;
    }
    let omitted = details.len() - max;
    let mut kept: Vec<Detail> = details.iter().take(max).cloned().collect();
    kept.push(Detail::reason_only(format!(
        "… {omitted} more details omitted"
    )));
    Cow::Owned(kept)
}

/// A close overestimate of the body's length, so the buffer is allocated once: the format's
/// keys and punctuation, the code, the message, the request id, the docs URL, the details.
/// Extension members are not counted.
#[inline]
fn capacity(parts: &Parts<'_>, format: Format, details: &[Detail], request: &Request<'_>) -> usize {
    let detail_len: usize = details
        .iter()
        .map(|detail| {
            64 + detail.reason.len()
                + [
                    &detail.field,
                    &detail.location,
                    &detail.resource,
                    &detail.code,
                ]
                .into_iter()
                .flatten()
                .map(|text| text.len() + 16)
                .sum::<usize>()
        })
        .sum();
    let message = parts.message_len;
    let docs_url = parts.docs_url.map_or(0, str::len);
    let phrase = request.phrase.map_or(0, str::len);
    let envelope = match format {
        Format::Flat => 64 + request.request_id.len(),
        Format::Nested | Format::Simple => 64,
        // `help` and `phrase` on every entry.
        Format::ErrorList => {
            let entries = details.len().max(1);
            32 + entries * (32 + error_list::HELP_PREFIX.len() + docs_url + phrase)
        }
        // The longest reason phrase is 31 bytes.
        Format::Problem => 128 + docs_url + request.instance.map_or(0, str::len),
        // `ErrorInfo`, `BadRequest` and `RetryInfo` with their type URLs.
        Format::Google => 256 + parts.domain.map_or(0, str::len),
    };
    envelope + parts.code.len() + message + detail_len
}

/// One body being written: the buffer and everything the envelope writers read.
pub(crate) struct Body<'b> {
    out: &'b mut Vec<u8>,
    err: &'b dyn ApiError,
    parts: &'b Parts<'b>,
    details: &'b [Detail],
    request: &'b Request<'b>,
}

impl Body<'_> {
    /// Static JSON text: keys and punctuation.
    #[inline]
    fn raw(&mut self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }

    /// A JSON string.
    #[inline]
    fn string(&mut self, text: &str) {
        json::push_string(self.out, text);
    }

    /// A JSON string of text that needs no escaping (the resolved request id).
    #[inline]
    fn plain_string(&mut self, text: &str) {
        debug_assert!(json::needs_no_escaping(text), "{text:?} needs escaping");
        json::push_escaped_string(self.out, text);
    }

    #[inline]
    fn number(&mut self, value: u64) {
        json::push_u64(self.out, value);
    }

    /// The HTTP status as a JSON number.
    #[inline]
    fn status(&mut self) {
        let status = self.parts.status;
        self.raw(status.as_str());
    }

    /// A JSON string of one of the parts: plain text, or escaped here.
    #[inline]
    fn text(&mut self, text: &str) {
        if self.parts.plain {
            json::push_escaped_string(self.out, text);
        } else {
            json::push_string(self.out, text);
        }
    }

    /// The code as a JSON string.
    #[inline]
    fn code(&mut self) {
        let code = self.parts.code;
        self.text(code);
    }

    /// `,"key":"value"` when there is a value.
    fn optional_text(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.out.push(b',');
            json::push_key(self.out, key);
            self.text(value);
        }
    }

    /// The public message as a JSON string.
    #[inline]
    fn message(&mut self) {
        let limit = self.request.limits.max_message_len();
        match self.parts.message {
            Some(message) if message.len() <= limit => {
                json::push_escaped_string(self.out, message);
            }
            _ => self.message_from_error(limit),
        }
    }

    /// The message the error writes, cut at `limit`.
    #[inline(never)]
    fn message_from_error(&mut self, limit: usize) {
        self.out.push(b'"');
        let mut writer = MessageWriter::new(self.out, limit);
        self.err.__message_json(&mut writer);
        writer.finish();
        self.out.push(b'"');
    }

    /// `,"key":"value"` when there is a value.
    fn optional(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.out.push(b',');
            json::push_key(self.out, key);
            self.string(value);
        }
    }

    /// Each extension member as `,"name":value`, in field order. `first` says whether the
    /// first member opens an object (no leading comma); returns whether any was written.
    #[inline]
    fn extensions(&mut self, first: bool) -> Result<bool, ExtensionError> {
        if !self.parts.extensions {
            return Ok(false);
        }
        self.visit_extensions(first)
    }

    #[inline(never)]
    fn visit_extensions(&mut self, mut first: bool) -> Result<bool, ExtensionError> {
        let out = &mut *self.out;
        let mut result = Ok(());
        let mut any = false;
        self.err.extensions(&mut |name, value| {
            if result.is_err() {
                return;
            }
            let mark = out.len();
            if !first {
                out.push(b',');
            }
            json::push_string(out, name);
            out.push(b':');
            let value_at = out.len();
            result = value.write_json(out);
            // A member with no value (`None`, `()`) is omitted, as every member is.
            if result.is_ok() && out.get(value_at..) == Some(b"null".as_slice()) {
                out.truncate(mark);
                return;
            }
            first = false;
            any = true;
        });
        result.map(|()| any)
    }

    /// A detail as an object with the members a format lists, absent ones omitted.
    /// `members` pairs each JSON key with the detail part it shows. Inlined into each
    /// format's writer, where `members` is a constant and the keys become static bytes.
    #[inline(always)]
    fn detail(&mut self, detail: &Detail, members: &[(&str, DetailPart)]) {
        self.out.push(b'{');
        let mut first = true;
        for (key, part) in members {
            let Some(value) = part.of(detail) else {
                continue;
            };
            if !first {
                self.out.push(b',');
            }
            first = false;
            json::push_key(self.out, key);
            self.string(value);
        }
        self.out.push(b'}');
    }

    /// `,"key":[detail,...]` when there are details.
    #[inline]
    fn detail_array(&mut self, key: &str, members: &[(&str, DetailPart)]) {
        if !self.details.is_empty() {
            self.write_detail_array(key, members);
        }
    }

    #[inline(always)]
    fn write_detail_array(&mut self, key: &str, members: &[(&str, DetailPart)]) {
        self.out.push(b',');
        json::push_key(self.out, key);
        self.detail_list(members);
    }

    /// The details as a JSON array of [`detail`](Self::detail) objects.
    #[inline(always)]
    fn detail_list(&mut self, members: &[(&str, DetailPart)]) {
        let details = self.details;
        self.out.push(b'[');
        for (index, detail) in details.iter().enumerate() {
            if index > 0 {
                self.out.push(b',');
            }
            self.detail(detail, members);
        }
        self.out.push(b']');
    }
}

/// Which part of a [`Detail`] a JSON member shows.
#[derive(Clone, Copy)]
pub(crate) enum DetailPart {
    Field,
    Reason,
    Location,
    Resource,
    Code,
}

impl DetailPart {
    fn of(self, detail: &Detail) -> Option<&str> {
        match self {
            DetailPart::Field => detail.field.as_deref(),
            DetailPart::Reason => Some(&detail.reason),
            DetailPart::Location => detail.location.as_deref(),
            DetailPart::Resource => detail.resource.as_deref(),
            DetailPart::Code => detail.code.as_deref(),
        }
    }
}

/// Details as `Nested`'s `fields` and `Problem`'s `errors` list them.
pub(crate) const ALL_DETAIL_PARTS: [(&str, DetailPart); 5] = [
    ("field", DetailPart::Field),
    ("reason", DetailPart::Reason),
    ("location", DetailPart::Location),
    ("resource", DetailPart::Resource),
    ("code", DetailPart::Code),
];
