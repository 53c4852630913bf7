//! The client side: reading another service's error response back into an error.
//!
//! [`RemoteError::parse`] finds which of the six envelopes a body is in (the content type first,
//! then the shape, in [`DETECTION_ORDER`]), has that envelope's reader (in [`envelope`]) read
//! what the envelope carries, and fills in the rest from the status and headers. A body that is
//! none of them is a [`ParseError`] that says what was found.
//!
//! This module owns [`RemoteError`], the detection order, the response head (status, request
//! id, `Retry-After`, headers passed on) and the fallbacks. Its children are what the readers
//! share without depending on this file: the order-keeping JSON tree ([`ordered`]), the
//! take-or-keep rule for members ([`members`]) and what a reader hands back ([`found`]);
//! besides them, [`ParseError`] (`parse_error.rs`) and the `reqwest` glue.

pub(crate) mod found;
#[cfg(feature = "tonic")]
mod grpc;
pub(crate) mod members;
pub(crate) mod ordered;
mod parse_error;
#[cfg(feature = "tonic")]
pub(crate) mod proto_json;
#[cfg(feature = "reqwest")]
mod reqwest;

pub use parse_error::{JsonType, ParseError, ParseErrorKind};

use crate::api_error::ApiError;
use crate::catalog::{Catalog, ErrorSpec};
use crate::detail::Detail;
use crate::envelope;
use crate::extension::Extension;
use crate::format::Format;
use crate::headers::{self, retry_after_secs};
use crate::http_error::HttpError;
use found::Found;
use http::header::{ALLOW, CONTENT_TYPE, PROXY_AUTHENTICATE, RETRY_AFTER, WWW_AUTHENTICATE};
use http::{HeaderMap, HeaderName, StatusCode};
use ordered::Value;
use std::borrow::Cow;
use std::fmt;
use std::time::SystemTime;

/// An error read from another service's response: status, code, message, details and
/// everything else the body's envelope carries.
///
/// It implements [`ApiError`], so a gateway can pass an upstream error on unchanged (in the
/// same envelope or another), and [`spec`](Self::spec) finds its code in the catalog of the type
/// the server was built from.
///
/// ```
/// use apierror::{ApiError, Format, RemoteError};
/// use http::{HeaderMap, StatusCode};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("content-type", "application/json".parse().unwrap());
/// headers.insert("retry-after", "30".parse().unwrap());
/// let body = br#"{"code":"RATE_LIMIT_EXCEEDED","message":"Slow down","requestId":"req-1"}"#;
///
/// let err = RemoteError::parse(StatusCode::TOO_MANY_REQUESTS, &headers, body).unwrap();
/// assert_eq!(err.format(), Format::Flat);
/// assert_eq!(err.code(), "RATE_LIMIT_EXCEEDED");
/// assert_eq!(err.message(), "Slow down");
/// assert_eq!(err.request_id(), Some("req-1"));
/// assert_eq!(err.retry_after(), Some(30));
/// assert_eq!(err.to_string(), "429 RATE_LIMIT_EXCEEDED: Slow down");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RemoteError(Box<fields::RemoteError>);

/// What a [`RemoteError`] holds, boxed so that the error is one pointer: a
/// `Result<T, RemoteError>` stays small (clippy's `result_large_err`, and the moves of every
/// `?`). Named as the error it makes up, so `{:?}` reads `RemoteError { status: .. }`.
mod fields {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(super) struct RemoteError {
        pub(super) status: StatusCode,
        pub(super) format: Format,
        pub(super) code: String,
        pub(super) message: String,
        pub(super) details: Vec<Detail>,
        pub(super) request_id: Option<String>,
        pub(super) retry_after: Option<u64>,
        pub(super) docs_url: Option<String>,
        pub(super) phrase: Option<String>,
        pub(super) domain: Option<String>,
        pub(super) extensions: Vec<(String, ordered::Kept)>,
        pub(super) headers: HeaderMap,
        /// The response's `Content-Language` (its first tag).
        pub(super) content_language: Option<String>,
        /// Google's `LocalizedMessage`: locale and message.
        pub(super) localized: Option<(String, String)>,
        /// Google's `FieldViolation.localizedMessage`s: locale and message, by detail index.
        pub(super) localized_reasons: Vec<Option<(String, String)>>,
        /// The gRPC code name the upstream answered with: a Google body's `status`, a gRPC
        /// status's code.
        pub(super) grpc_code: Option<&'static str>,
        /// A Google body's `details` entries its other members do not say again, as sent.
        pub(super) google_details: Option<String>,
        /// Whether `google_details` holds the `Help` the docs URL was read from, as sent.
        pub(super) google_help: bool,
    }
}

/// Upstream headers a `RemoteError` keeps and passes on: they tell the client what to do next.
const PASSED_ON_HEADERS: [HeaderName; 3] = [WWW_AUTHENTICATE, ALLOW, PROXY_AUTHENTICATE];

impl RemoteError {
    /// The largest body [`parse`](Self::parse) reads: 1 MiB. A longer one is refused before
    /// any parsing.
    pub const MAX_BODY_LEN: usize = 1024 * 1024;

    /// Reads an error response: its status, its headers and its body, in any of the six
    /// envelopes.
    ///
    /// The format is `Problem` when the content type is `application/problem+json`; otherwise
    /// the body's shape decides: an `error` object with a numeric `code` and a `status` is
    /// Google, any other `error` object with a `message` Nested; a numeric `code` with a
    /// `message` is Simple; one of RFC 9457's `type`, `title`, `status` or `detail` is
    /// Problem; a string `code` with a `message` is Flat; an `errors` array of objects with a
    /// `message` is ErrorList.
    ///
    /// What is read is what each envelope carries (the README's table). Besides:
    /// - The status is the response's when it is 4xx or 5xx. A response with another status
    ///   (1xx, 2xx, 3xx) is an error only when its body names a 4xx or 5xx status (Problem's
    ///   `status`, Simple's and Google's numeric `code`), which is then the status; otherwise
    ///   it is a [`ParseErrorKind::NotAnError`], whatever the body. So a `RemoteError` is
    ///   always an error status, and passing it on never answers 200.
    /// - Without a code (ErrorList, or a body that leaves it out) the code is the status's
    ///   reason phrase in SCREAMING_SNAKE_CASE (`NOT_FOUND`).
    /// - The message is the envelope's own member; when that is missing or blank, the first
    ///   top-level `message`, `detail`, `title` or `error` string that is not blank; else the
    ///   status's reason phrase (`Service Unavailable`; empty only for a status without one).
    /// - Details are read from an array only when every entry is a detail object (`field` or
    ///   a JSON Pointer `pointer`, which becomes a dotted path such as `profile.color`; the
    ///   reason from `reason`, `message`, `detail` or `description`; `location`, `resource`,
    ///   `code`) with nothing else in it. A member the reader claims but cannot map that way —
    ///   an array with another entry, a `requestId` that is not a string — is kept verbatim as
    ///   an extension, as is every member the envelope does not know.
    /// - The request id is the body's (Flat's `requestId`), else the first value of the first
    ///   of these headers present: [`REQUEST_ID_HEADERS`](Self::REQUEST_ID_HEADERS).
    /// - `retry_after` is the `Retry-After` header, as seconds, as a decimal number of seconds
    ///   rounded up (`1.5` is 2), or as an HTTP date (the seconds left until it, 0 once
    ///   passed); for Google without the header, `RetryInfo`'s `retryDelay`, rounded up to
    ///   whole seconds.
    /// - `WWW-Authenticate`, `Allow` and `Proxy-Authenticate` are kept for
    ///   [`headers`](ApiError::headers).
    ///
    /// Bodies over [`MAX_BODY_LEN`](Self::MAX_BODY_LEN) bytes, empty ones, and ones that are
    /// not JSON or not an error object in a known envelope give a [`ParseError`], whose
    /// [`fallback`](ParseError::fallback) still makes an error of the status; so does a
    /// response that is not an error ([`ParseErrorKind::NotAnError`]). Never panics;
    /// nesting 128 levels deep (serde_json's limit) is an error, not a stack overflow.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] for a body over [`MAX_BODY_LEN`](Self::MAX_BODY_LEN), empty, not
    /// JSON or in no known envelope, or for a response that is not an error; its
    /// [`fallback`](ParseError::fallback) is the error of the status.
    pub fn parse(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<RemoteError, ParseError> {
        let upstream = RemoteError::from_head(status, headers);
        let read = read_body(headers, body);
        if !is_error(&status) {
            let named = read.as_ref().ok().and_then(|(_, found)| found.status);
            return match (named.filter(is_error), read) {
                (Some(named), Ok((format, found))) => {
                    let mut upstream = upstream;
                    upstream.0.status = named;
                    Ok(upstream.with_body(format, found))
                }
                _ => Err(ParseError::not_an_error(upstream)),
            };
        }
        match read {
            Ok((format, found)) => Ok(upstream.with_body(format, found)),
            Err(kind) => Err(ParseError::new(kind, status, upstream.with_text(body))),
        }
    }

    /// The headers a request id is read from when the body has none, in order: the first of
    /// them present with a value that is text and not blank counts (its first value).
    /// `x-request-id` is this crate's own; `request-id` (Azure, Stripe), `x-correlation-id`
    /// and `x-amzn-requestid` (AWS) are common alternatives.
    pub const REQUEST_ID_HEADERS: [&'static str; 4] = headers::REQUEST_ID_HEADERS;

    /// The request id: the body's where the envelope has one (Flat's `requestId`), else the
    /// first of the [`REQUEST_ID_HEADERS`](Self::REQUEST_ID_HEADERS) present.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// The language of the message as the response's `Content-Language` names it (its first
    /// tag: `fr`), if it has one. apierror sends it when the request chose a language.
    pub fn content_language(&self) -> Option<&str> {
        self.0.content_language.as_deref()
    }

    /// A Google body's or gRPC status's `google.rpc.LocalizedMessage`: its BCP 47 `locale` and its `message`,
    /// the message in the client's language (the body's `message` stays in the server's
    /// default language).
    pub fn localized_message(&self) -> Option<(&str, &str)> {
        self.0
            .localized
            .as_ref()
            .map(|(locale, message)| (locale.as_str(), message.as_str()))
    }

    /// The gRPC code name (`ALREADY_EXISTS`) the upstream answered with: a Google body's
    /// `status` when it is one of the 16 error codes of google.rpc.Code, or the code of a
    /// status read with `from_status` (feature `tonic`); `None` for any other body. An error
    /// passed on as a Google body or a gRPC status sends this name again, not the one its
    /// HTTP status maps to (`ALREADY_EXISTS` stays `ALREADY_EXISTS`, not `ABORTED`).
    ///
    /// ```
    /// use apierror::{ApiError, Format, RemoteError};
    /// use http::{HeaderMap, StatusCode};
    ///
    /// let body = br#"{"error":{"code":409,"message":"Exists","status":"ALREADY_EXISTS"}}"#;
    /// let err = RemoteError::parse(StatusCode::CONFLICT, &HeaderMap::new(), body).unwrap();
    /// assert_eq!(err.grpc_code(), Some("ALREADY_EXISTS"));
    /// let again = apierror::to_json(&err, Format::Google, &Default::default());
    /// assert!(String::from_utf8(again).unwrap().contains(r#""status":"ALREADY_EXISTS""#));
    /// ```
    pub fn grpc_code(&self) -> Option<&'static str> {
        self.0.grpc_code
    }

    /// The translation of the reason of [`details`](ApiError::details)`()[index]`, as a Google
    /// body's or gRPC status's `FieldViolation.localizedMessage` carries it (AIP-193): its BCP
    /// 47 `locale` and its `message`. The detail's reason itself is the violation's
    /// `description`, in the server's default language, so the error passed on as Google keeps
    /// it. `None` for a detail without one (both parts non-empty), and in every other format,
    /// whose body has the translated reason in place.
    pub fn localized_reason(&self, index: usize) -> Option<(&str, &str)> {
        let (locale, message) = self.0.localized_reasons.get(index)?.as_ref()?;
        Some((locale.as_str(), message.as_str()))
    }

    /// The support phrase of an `ErrorList` body (Asana's `6 sad squid snuggle softly`). The
    /// error passed on with a 5xx status is sent and logged with this phrase, not a fresh one.
    pub fn phrase(&self) -> Option<&str> {
        self.0.phrase.as_deref()
    }

    /// The extension member `name` (the first, should two share it): a member the reader did
    /// not map — a top-level member that is not the envelope's own, or one of the envelope's own
    /// whose shape it does not know (kept verbatim) — a member of Nested's `details` other
    /// than `fields` or of its `error` other than `code`, `message` and `details`, an entry of
    /// Google's `ErrorInfo.metadata`, the members of Google's `error` it does not read, and
    /// Google's `details` entries it does not read, with a `Help` other than the one of the
    /// docs URL alone (as one array, `details`; from a gRPC status, in proto3 JSON).
    pub fn extension(&self, name: &str) -> Option<&serde_json::Value> {
        self.0
            .extensions
            .iter()
            .find(|(member, _)| member == name)
            .map(|(_, value)| value.as_serde())
    }

    /// The catalog entry of this error's code in `T`'s catalog: the error as the server's own
    /// type defines it.
    ///
    /// ```
    /// use apierror::{ApiError, RemoteError};
    /// use http::{HeaderMap, StatusCode};
    ///
    /// #[derive(Debug, thiserror::Error, ApiError)]
    /// enum TaskError {
    ///     /// The requested task does not exist.
    ///     #[status(404)]
    ///     #[code("TASK_NOT_FOUND")]
    ///     #[error("task {id} missing")]
    ///     NotFound { id: u64 },
    /// }
    ///
    /// let body = br#"{"code":"TASK_NOT_FOUND","message":"Task 7 is gone","requestId":"r"}"#;
    /// let err = RemoteError::parse(StatusCode::NOT_FOUND, &HeaderMap::new(), body).unwrap();
    /// let spec = err.spec::<TaskError>().unwrap();
    /// assert_eq!(spec.title, "The requested task does not exist.");
    /// ```
    pub fn spec<T: ApiError>(&self) -> Option<&'static ErrorSpec> {
        T::catalog().find(&self.0.code)
    }

    /// What the head of the response says, before the body is read: the status (and its
    /// code), the request id, `Retry-After` and the headers passed on.
    fn from_head(status: StatusCode, headers: &HeaderMap) -> Self {
        let mut passed_on = HeaderMap::new();
        for name in PASSED_ON_HEADERS {
            for value in headers.get_all(&name) {
                passed_on.append(name.clone(), value.clone());
            }
        }
        RemoteError(Box::new(fields::RemoteError {
            status,
            format: Format::default(),
            code: HttpError::code_for(status),
            message: String::new(),
            details: Vec::new(),
            request_id: Self::REQUEST_ID_HEADERS.into_iter().find_map(|name| {
                headers
                    .get(name)
                    .and_then(|value| value.to_str().ok())
                    .filter(|value| !value.trim().is_empty())
                    .map(str::to_owned)
            }),
            retry_after: headers
                .get(RETRY_AFTER)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| retry_after_secs(value, SystemTime::now())),
            docs_url: None,
            phrase: None,
            domain: None,
            extensions: Vec::new(),
            headers: passed_on,
            content_language: headers
                .get(http::header::CONTENT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.split(',').next())
                .map(str::trim)
                .filter(|tag| !tag.is_empty())
                .map(str::to_owned),
            localized: None,
            localized_reasons: Vec::new(),
            grpc_code: None,
            google_details: None,
            google_help: false,
        }))
    }

    /// Adds what the envelope's reader found in the body (the status is settled already).
    fn with_body(mut self, format: Format, found: Found) -> Self {
        self.0.format = format;
        self.0.code = found
            .code
            .unwrap_or_else(|| HttpError::code_for(self.0.status));
        self.0.message = found
            .message
            .unwrap_or_else(|| reason_phrase(self.0.status).to_owned());
        self.0.details = found.details;
        self.0.request_id = found.request_id.or(self.0.request_id);
        self.0.retry_after = self.0.retry_after.or(found.retry_after);
        self.0.docs_url = found.docs_url;
        self.0.phrase = found.phrase;
        self.0.domain = found.domain;
        self.0.extensions = found.extensions;
        self.0.localized = found.localized;
        self.0.grpc_code = found.grpc_code;
        self.0.google_details = found.google_details;
        self.0.google_help = found.google_help;
        self.0.localized_reasons = found.localized_reasons;
        self
    }

    /// The status-only error of a body that could not be read: its message is the body's
    /// text, lossy UTF-8, clipped to [`ParseError::FALLBACK_MESSAGE_LEN`] bytes, or the
    /// status's reason phrase when the text is blank. A status that is not 4xx or 5xx becomes
    /// 502 Bad Gateway.
    fn with_text(mut self, body: &[u8]) -> Self {
        if !is_error(&self.0.status) {
            self.0.status = StatusCode::BAD_GATEWAY;
            self.0.code = HttpError::code_for(self.0.status);
        }
        // A character that starts before the limit ends at most three bytes after it.
        let head = body
            .get(..ParseError::FALLBACK_MESSAGE_LEN + 3)
            .unwrap_or(body);
        let text = String::from_utf8_lossy(head);
        let text = clip(&text, ParseError::FALLBACK_MESSAGE_LEN);
        self.0.message = if text.trim().is_empty() {
            reason_phrase(self.0.status).to_owned()
        } else {
            text.to_owned()
        };
        self
    }

    /// The fallback of a response that is not an error: 502 Bad Gateway, saying what the
    /// upstream answered.
    fn not_an_error(mut self) -> Self {
        let answered = self.0.status;
        self.0.status = StatusCode::BAD_GATEWAY;
        self.0.code = HttpError::code_for(self.0.status);
        self.0.message = format!(
            "The upstream service answered {}, which is not an error",
            status_text(answered)
        );
        self
    }
}

fn is_error(status: &StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

/// The status's reason phrase (`Not Found`), or empty for a status without one.
fn reason_phrase(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or_default()
}

/// `304 Not Modified`, or just `299` for a status without a reason phrase.
fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

/// The formats tried, in order, on a body whose content type does not say its format; the
/// first whose envelope reads it decides. Google comes before Nested (both wrap an `error`
/// object), Simple and Problem before Flat (Simple's `code` is a number, Problem bodies have a
/// string `code` too), ErrorList last (Problem and Simple bodies have an `errors` array too).
const DETECTION_ORDER: [Format; 6] = [
    Format::Google,
    Format::Nested,
    Format::Simple,
    Format::Problem,
    Format::Flat,
    Format::ErrorList,
];

/// Checks the body, parses it, and reads it in the format it is in.
fn read_body(headers: &HeaderMap, body: &[u8]) -> Result<(Format, Found), ParseErrorKind> {
    if body.len() > RemoteError::MAX_BODY_LEN {
        return Err(ParseErrorKind::TooLarge { len: body.len() });
    }
    if body
        .iter()
        .all(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return Err(ParseErrorKind::Empty);
    }
    let text = std::str::from_utf8(body).map_err(|error| ParseErrorKind::NotUtf8 {
        valid_up_to: error.valid_up_to(),
    })?;
    // RFC 8259 lets a parser ignore a byte order mark; serde_json does not.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value =
        serde_json::from_str(text).map_err(|error| ParseErrorKind::from_json(&error, text))?;
    let Value::Object(object) = value else {
        return Err(ParseErrorKind::NotAnObject {
            found: JsonType::of(&value),
        });
    };
    let read = |format: Format, typed: bool| {
        envelope::of(format)
            .read(&object, typed)
            .map(|found| (format, found))
    };
    match typed_format(headers) {
        Some(format) => read(format, true),
        None => DETECTION_ORDER
            .into_iter()
            .find_map(|format| read(format, false)),
    }
    .ok_or_else(|| ParseErrorKind::unknown_shape(&object))
}

/// The format the (first) content type names, parameters aside: one whose envelope has a
/// content type of its own (`application/problem+json`), not plain `application/json`.
fn typed_format(headers: &HeaderMap) -> Option<Format> {
    let media = headers
        .get(CONTENT_TYPE)?
        .to_str()
        .ok()?
        .split(';')
        .next()?
        .trim();
    Format::ALL
        .into_iter()
        .find(|&format| envelope::of(format).is_typed_by(media))
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn clip(text: &str, max: usize) -> &str {
    let end = (0..=max.min(text.len()))
        .rev()
        .find(|&end| text.is_char_boundary(end))
        .unwrap_or(0);
    text.get(..end).unwrap_or_default()
}

impl fmt::Debug for RemoteError {
    /// The fields, as `RemoteError { status: 404, format: Flat, code: "NOT_FOUND", .. }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for RemoteError {
    /// `404 TASK_NOT_FOUND: Task with ID 1 could not be found`, or `599 STATUS_599` without
    /// a message: the text never ends in `": "`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0.status.as_u16(), self.0.code)?;
        if self.0.message.is_empty() {
            Ok(())
        } else {
            write!(f, ": {}", self.0.message)
        }
    }
}

impl std::error::Error for RemoteError {}

/// An upstream's codes are known only at run time, so a `RemoteError` documents none: a
/// `#[transparent]` variant wrapping one (a gateway's `Upstream(RemoteError)`) adds no entries
/// to its type's catalog, and renders the upstream error as `RemoteError` itself does.
impl crate::catalog::check::HasCatalog for RemoteError {
    const TREE: &'static crate::catalog::CatalogTree =
        &crate::catalog::CatalogTree::made_at_run_time("apierror::RemoteError");
}

impl ApiError for RemoteError {
    fn status(&self) -> StatusCode {
        self.0.status
    }

    fn code(&self) -> &str {
        &self.0.code
    }

    /// The upstream's message as received, for a 5xx too: the upstream chose what to say when
    /// it rendered the error, so a gateway passes it on unchanged. (A [`ParseError`]'s
    /// fallback is different: its message is whatever the body held.)
    fn message(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0.message)
    }

    fn details(&self) -> Cow<'_, [Detail]> {
        Cow::Borrowed(&self.0.details)
    }

    fn retry_after(&self) -> Option<u64> {
        self.0.retry_after
    }

    /// The upstream's `WWW-Authenticate`, `Allow` and `Proxy-Authenticate` headers.
    fn headers(&self) -> HeaderMap {
        self.0.headers.clone()
    }

    /// Problem's `type` (unless `about:blank`), or the URL in ErrorList's `help`.
    fn docs_url(&self) -> Option<Cow<'_, str>> {
        self.0.docs_url.as_deref().map(Cow::Borrowed)
    }

    /// The envelope the body was in (`Flat` for a [`ParseError`]'s fallback).
    fn format(&self) -> Format {
        self.0.format
    }

    /// Google's `ErrorInfo.domain`.
    fn domain(&self) -> Option<&str> {
        self.0.domain.as_deref()
    }

    fn extensions(&self, visit: &mut dyn FnMut(&str, &dyn Extension)) {
        for (name, value) in &self.0.extensions {
            visit(name, value);
        }
    }

    /// The gRPC code name the upstream answered with ([`RemoteError::grpc_code`]).
    fn __grpc_code(&self) -> Option<&'static str> {
        self.0.grpc_code
    }

    /// The support phrase the upstream sent ([`RemoteError::phrase`]), said again.
    fn __phrase(&self) -> Option<&str> {
        self.0.phrase.as_deref()
    }

    /// A Google body's (or gRPC status's) `LocalizedMessage`, the entries of types apierror
    /// does not read and a `Help` other than the docs URL's, as sent (a status's in proto3
    /// JSON), for the error passed on as Google or gRPC.
    fn __google_details(&self) -> Option<&str> {
        self.0.google_details.as_deref()
    }

    /// Whether the upstream's `Help` is passed on as sent (its link described otherwise than
    /// by the code, or several links), in place of one written from the docs URL.
    fn __google_help_passed_on(&self) -> bool {
        self.0.google_help
    }

    /// The violations' translations an upstream Google body or gRPC status carried
    /// ([`RemoteError::localized_reason`]).
    fn __localized_reasons(&self) -> &[Option<(String, String)>] {
        &self.0.localized_reasons
    }

    /// Empty, named `apierror::RemoteError`: a remote error's codes are in the catalog of the
    /// server's type; see [`RemoteError::spec`].
    fn catalog() -> Catalog {
        Catalog::of::<Self>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_keeps_whole_characters() {
        assert_eq!(clip("hello", 10), "hello");
        assert_eq!(clip("hello", 5), "hello");
        assert_eq!(clip("hello", 2), "he");
        assert_eq!(clip("hello", 0), "");
        assert_eq!(clip("", 3), "");
        // `é` is two bytes, `🦀` four.
        assert_eq!(clip("aé", 2), "a");
        assert_eq!(clip("aé", 3), "aé");
        assert_eq!(clip("🦀🦀", 7), "🦀");
        assert_eq!(clip("🦀", 3), "");
    }

    #[test]
    fn fallback_text_is_clipped_lossy_utf8() {
        let head = |body: &[u8]| {
            RemoteError::from_head(StatusCode::BAD_GATEWAY, &HeaderMap::new())
                .with_text(body)
                .0
                .message
        };
        let limit = ParseError::FALLBACK_MESSAGE_LEN;
        assert_eq!(head(b"<html>502</html>"), "<html>502</html>");
        assert_eq!(head(&vec![b'a'; 10_000]), "a".repeat(limit));
        // A crab across the limit is left out whole, not cut into a replacement character.
        let mut body = vec![b'a'; limit - 2];
        body.extend_from_slice("🦀tail".as_bytes());
        assert_eq!(head(&body), "a".repeat(limit - 2));
        // Invalid bytes become U+FFFD, which is three bytes long.
        assert_eq!(head(b"ok\xff"), "ok\u{fffd}");
        let text = head(&vec![0xff; 1000]);
        assert_eq!(text, "\u{fffd}".repeat(limit / 3));
    }

    #[test]
    fn problem_content_type_with_parameters() {
        let mut headers = HeaderMap::new();
        for (value, expected) in [
            ("application/problem+json", true),
            ("Application/Problem+JSON; charset=utf-8", true),
            ("application/json", false),
            ("application/problem+jsonx", false),
        ] {
            headers.insert(CONTENT_TYPE, value.parse().unwrap());
            let problem = typed_format(&headers) == Some(Format::Problem);
            assert_eq!(problem, expected, "{value}");
        }
        assert_eq!(typed_format(&HeaderMap::new()), None);
    }
}
