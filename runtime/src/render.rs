//! Rendering an error into a body and a response.
//!
//! Bodies are written into one buffer sized up front: keys and punctuation are static bytes,
//! the message arrives pre-escaped from the derive where it can, and only run-time values are
//! escaped. Each envelope is a module of its own.

mod error_list;
mod flat;
mod google;
mod nested;
mod problem;
mod simple;

use crate::api_error::ApiError;
use crate::context::{Context, Limits};
use crate::detail::Detail;
use crate::extension::ExtensionError;
use crate::format::Format;
use crate::http_error::HttpError;
use crate::json::{self, MessageWriter};
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
    let request_id = RequestId::resolve(ctx.request_id());
    render(err, format, ctx, request_id.as_str(), false).body
}

/// Renders `err` as a complete HTTP response: status, `Content-Type`, `Retry-After`, the
/// error's own headers, `x-request-id`, and the body in `format`.
///
/// 5xx errors are logged (feature `tracing`) with their code, request id, support phrase and
/// source chain; the response carries none of that but the id and, in `ErrorList`, the phrase.
pub fn to_response(err: &dyn ApiError, format: Format, ctx: &Context) -> Response<Vec<u8>> {
    let request_id = RequestId::resolve(ctx.request_id());
    let rendered = render(err, format, ctx, request_id.as_str(), true);
    crate::log::error_response(err, &rendered, rendered.failure.as_ref());

    let mut response = Response::new(rendered.body);
    *response.status_mut() = rendered.status;
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if rendered.failure.is_none() {
        if let Some(seconds) = err.retry_after() {
            headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        for (name, value) in &err.headers() {
            if !is_managed(name) {
                headers.append(name, value.clone());
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
    /// Why the error's own body could not be rendered, if the fallback was used.
    pub(crate) failure: Option<ExtensionError>,
}

/// Renders `err`, or the fallback when its extensions fail. `logged` says whether the caller
/// logs the error (so a 5xx needs a phrase even when the body has no place for it).
pub(crate) fn render<'c>(
    err: &dyn ApiError,
    format: Format,
    ctx: &'c Context,
    request_id: &'c str,
    logged: bool,
) -> Rendered<'c> {
    let status = err.status();
    let phrase = phrase_for(ctx, status, format, logged);
    let request = Request {
        request_id,
        instance: ctx.instance(),
        phrase: phrase.as_deref(),
        limits: ctx.limits(),
    };
    let result = body(err, format, &request);
    let failure = match result {
        Ok(body) => {
            return Rendered {
                status,
                body,
                request_id,
                phrase,
                failure: None,
            };
        }
        Err(failure) => failure,
    };
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
    let body = body(&fallback, format, &request).unwrap_or_else(|_| b"{}".to_vec());
    Rendered {
        status: fallback.status(),
        body,
        request_id,
        phrase,
        failure: Some(failure),
    }
}

/// The error rendered when an error's own body cannot be.
pub(crate) fn fallback() -> HttpError {
    HttpError::new(StatusCode::INTERNAL_SERVER_ERROR).with_code("SERVER_ERROR")
}

fn body(
    err: &dyn ApiError,
    format: Format,
    request: &Request<'_>,
) -> Result<Vec<u8>, ExtensionError> {
    let details = bounded(err.details(), request.limits.max_details());
    let mut out = Vec::with_capacity(capacity(err, &details, request));
    let mut body = Body {
        out: &mut out,
        err,
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

/// A close estimate of the body's length, so the buffer is allocated once: envelope keys and
/// punctuation, the code, the message, the request id, the details.
fn capacity(err: &dyn ApiError, details: &[Detail], request: &Request<'_>) -> usize {
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
    96 + err.code().len()
        + err.__message_json_len()
        + request.request_id.len()
        + request.instance.map_or(0, str::len)
        + request.phrase.map_or(0, str::len)
        + detail_len
}

/// One body being written: the buffer and everything the envelope writers read.
pub(crate) struct Body<'b> {
    out: &'b mut Vec<u8>,
    err: &'b dyn ApiError,
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

    #[inline]
    fn number(&mut self, value: u64) {
        json::push_u64(self.out, value);
    }

    /// The public message as a JSON string.
    fn message(&mut self) {
        self.out.push(b'"');
        let mut writer = MessageWriter::new(self.out, self.request.limits.max_message_len());
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
    fn extensions(&mut self, mut first: bool) -> Result<bool, ExtensionError> {
        let out = &mut *self.out;
        let mut result = Ok(());
        let mut any = false;
        self.err.extensions(&mut |name, value| {
            if result.is_err() {
                return;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            any = true;
            json::push_string(out, name);
            out.push(b':');
            result = value.write_json(out);
        });
        result.map(|()| any)
    }

    /// A detail as an object with the members a format lists, absent ones omitted.
    /// `members` pairs each JSON key with the detail part it shows.
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
    fn detail_array(&mut self, key: &str, members: &[(&str, DetailPart)]) {
        let details = self.details;
        if details.is_empty() {
            return;
        }
        self.out.push(b',');
        json::push_key(self.out, key);
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
