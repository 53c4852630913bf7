//! An error made at run time, for failures that have no error type of their own: framework
//! rejections, unmatched routes, the fallback when rendering fails.

use crate::api_error::{ApiError, error_status};
use crate::detail::Detail;
use crate::message;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use std::borrow::Cow;
use std::fmt;

/// An error built at run time from a status, with an optional code, message and headers.
///
/// ```
/// use apierror::{ApiError, HttpError};
/// use http::StatusCode;
///
/// let err = HttpError::new(StatusCode::METHOD_NOT_ALLOWED);
/// assert_eq!(err.code(), "METHOD_NOT_ALLOWED");
/// assert_eq!(err.message(), "Method Not Allowed");
///
/// let err = HttpError::new(StatusCode::BAD_GATEWAY).with_message("upstream said no");
/// assert_eq!(err.message(), "The service is temporarily unavailable. Please try again later.");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct HttpError(Box<fields::HttpError>);

/// What an [`HttpError`] holds, boxed so that the error is one pointer: a handler's
/// `Result<T, HttpError>` stays small (clippy's `result_large_err`). Named as the error it
/// makes up, so `{:?}` reads `HttpError { status: .. }`.
mod fields {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(super) struct HttpError {
        pub(super) status: StatusCode,
        pub(super) code: Cow<'static, str>,
        pub(super) message: Option<Cow<'static, str>>,
        pub(super) details: Vec<Detail>,
        pub(super) headers: HeaderMap,
        pub(super) retry_after: Option<u64>,
    }
}

impl HttpError {
    /// An error with `status`, the status's reason phrase in SCREAMING_SNAKE_CASE as its code
    /// (`NOT_FOUND`), and the reason phrase (or, for a 5xx, the generic sentence; for a 4xx without a
    /// phrase, `Client Error`: RFC 9110 §15.5) as its message.
    /// A status outside 400..=599 becomes 500.
    pub fn new(status: StatusCode) -> Self {
        let status = error_status(status);
        Self(Box::new(fields::HttpError {
            status,
            code: Cow::Owned(Self::code_for(status)),
            message: None,
            details: Vec::new(),
            headers: HeaderMap::new(),
            retry_after: None,
        }))
    }

    /// Gives the error another status, and that status's code.
    #[cfg(any(feature = "axum", feature = "actix"))]
    pub(crate) fn reclassify(mut self, status: StatusCode) -> Self {
        if status != self.0.status {
            let status = error_status(status);
            self.0.status = status;
            self.0.code = Cow::Owned(Self::code_for(status));
        }
        self
    }

    /// Replaces the code.
    #[must_use]
    pub fn with_code(mut self, code: impl Into<Cow<'static, str>>) -> Self {
        self.0.code = code.into();
        self
    }

    /// Sets the public message. Ignored for a 5xx, whose message is always the generic one.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.0.message = Some(message.into());
        self
    }

    /// Adds a field-level detail.
    #[must_use]
    pub fn with_detail(mut self, detail: Detail) -> Self {
        self.0.details.push(detail);
        self
    }

    /// Adds a response header (`Allow` on a 405, say).
    #[must_use]
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.0.headers.append(name, value);
        self
    }

    /// Sets `Retry-After`, in seconds.
    #[must_use]
    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.0.retry_after = Some(seconds);
        self
    }

    /// The reason phrase of `status` as a code: `Not Found` -> `NOT_FOUND`, words split at
    /// anything but letters and digits, an apostrophe dropped inside its word (`I'm a teapot`
    /// -> `IM_A_TEAPOT`, as `http::StatusCode` names it), and `STATUS_499` for a status without
    /// one. [`new`](Self::new) gives an error this code, and a client reading a
    /// body without a code ([`RemoteError`](crate::RemoteError)) uses it too.
    ///
    /// ```
    /// use apierror::HttpError;
    /// use http::StatusCode;
    ///
    /// assert_eq!(HttpError::code_for(StatusCode::PAYLOAD_TOO_LARGE), "PAYLOAD_TOO_LARGE");
    /// ```
    pub fn code_for(status: StatusCode) -> String {
        match status.canonical_reason() {
            Some(reason) => reason
                .replace('\'', "")
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|word| !word.is_empty())
                .map(str::to_ascii_uppercase)
                .collect::<Vec<_>>()
                .join("_"),
            None => format!("STATUS_{}", status.as_u16()),
        }
    }
}

impl fmt::Debug for HttpError {
    /// The fields, as `HttpError { status: 404, code: "NOT_FOUND", .. }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.message {
            Some(message) => write!(f, "{} {}: {message}", self.0.status.as_u16(), self.0.code),
            None => write!(f, "{} {}", self.0.status.as_u16(), self.0.code),
        }
    }
}

impl std::error::Error for HttpError {}

/// An `HttpError`'s code is made at run time (from its status, or set), so it documents none: a
/// `#[transparent]` variant wrapping one adds no entries to its type's catalog.
impl crate::catalog::check::HasCatalog for HttpError {
    const TREE: &'static crate::catalog::CatalogTree =
        &crate::catalog::CatalogTree::made_at_run_time("apierror::HttpError");
}

impl ApiError for HttpError {
    fn status(&self) -> StatusCode {
        self.0.status
    }

    fn code(&self) -> &str {
        &self.0.code
    }

    fn message(&self) -> Cow<'_, str> {
        if self.0.status.is_server_error() {
            return Cow::Borrowed(message::generic(self.0.status));
        }
        match &self.0.message {
            Some(message) => Cow::Borrowed(message),
            None => Cow::Borrowed(message::reason_or_class(self.0.status)),
        }
    }

    fn details(&self) -> Cow<'_, [Detail]> {
        Cow::Borrowed(&self.0.details)
    }

    fn retry_after(&self) -> Option<u64> {
        self.0.retry_after
    }

    fn headers(&self) -> HeaderMap {
        self.0.headers.clone()
    }

    /// Empty, named `apierror::HttpError`: its code is made at run time.
    fn catalog() -> crate::catalog::Catalog {
        crate::catalog::Catalog::of::<Self>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_from_reason_phrases() {
        let table = [
            (400, "BAD_REQUEST"),
            (404, "NOT_FOUND"),
            (405, "METHOD_NOT_ALLOWED"),
            (413, "PAYLOAD_TOO_LARGE"),
            (415, "UNSUPPORTED_MEDIA_TYPE"),
            (418, "IM_A_TEAPOT"),
            (422, "UNPROCESSABLE_ENTITY"),
            (429, "TOO_MANY_REQUESTS"),
            (499, "STATUS_499"),
            (500, "INTERNAL_SERVER_ERROR"),
            (504, "GATEWAY_TIMEOUT"),
        ];
        for (status, code) in table {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(HttpError::code_for(status), code);
        }
    }

    #[test]
    fn a_status_without_a_reason_phrase_says_its_class() {
        let status = StatusCode::from_u16(499).unwrap();
        assert_eq!(HttpError::new(status).message(), "Client Error");
        assert_eq!(
            message::reason_or_class(StatusCode::from_u16(599).unwrap()),
            "Server Error"
        );
        assert_eq!(message::reason_or_class(StatusCode::NOT_FOUND), "Not Found");
    }

    #[test]
    fn non_error_status_becomes_500() {
        assert_eq!(HttpError::new(StatusCode::OK).status(), 500);
    }
}
