//! The errors the axum layer and the actix-web middleware write themselves: what a rewritten
//! error is ([`FrameworkError`], [`FrameworkErrorKind`]), the catalog of their codes that both
//! frameworks share (`apierror::axum::FrameworkErrors`, `apierror::actix::FrameworkErrors`),
//! and the hook that maps them to a user's own error type.

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogNode, DetailDoc, ErrorSpec};
use crate::detail::Detail;
use crate::http_error::HttpError;
use http::{HeaderMap, StatusCode};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// What kind of failure a rewritten error is. The same mistake is the same kind, status and
/// code on axum and on actix-web (the README's "Rewritten errors" table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FrameworkErrorKind {
    /// The body is not well-formed: JSON that does not parse, a body cut short. 400
    /// `BAD_REQUEST`, one detail (location `body`).
    MalformedBody,
    /// The body's `Content-Type` is not the one the extractor reads. 415
    /// `UNSUPPORTED_MEDIA_TYPE`, one detail (field `content-type`, location `header`).
    UnsupportedMediaType,
    /// The body is well-formed but not of the expected shape: a missing field, a value of the
    /// wrong type, an unknown field or variant. 422 `UNPROCESSABLE_ENTITY`, one detail naming
    /// the field (location `body`).
    InvalidBody,
    /// The query string does not deserialize. 400 `BAD_REQUEST`, one detail (location `query`).
    InvalidQuery,
    /// A path parameter does not parse. 400 `BAD_REQUEST`, one detail naming the route's key
    /// (location `path`).
    InvalidPath,
    /// The body is larger than the limit. 413 `PAYLOAD_TOO_LARGE`.
    PayloadTooLarge,
    /// No route matches the path. 404 `NOT_FOUND`.
    NotFound,
    /// The route does not take the method. 405 `METHOD_NOT_ALLOWED`, its `Allow` kept.
    MethodNotAllowed,
    /// The handler panicked. 500 `INTERNAL_SERVER_ERROR`, the generic message.
    Panic,
    /// Any other error response apierror did not make (a timeout layer's 408 or 504, an
    /// upstream's 503, a guard's 403): its status's code, its text as the message.
    Other,
}

impl FrameworkErrorKind {
    /// The kind of a rewritten response no rejection reading recognised, from its status.
    pub(crate) fn of_status(status: u16) -> Self {
        match status {
            404 => Self::NotFound,
            405 => Self::MethodNotAllowed,
            413 => Self::PayloadTooLarge,
            415 => Self::UnsupportedMediaType,
            _ => Self::Other,
        }
    }
}

/// The sentence a rewritten error of each kind sends as its message; serde's or the
/// framework's text goes into the detail's `reason`.
pub(crate) mod message {
    pub(crate) const MALFORMED_BODY: &str = "The request body is not valid JSON.";
    pub(crate) const UNSUPPORTED_MEDIA_TYPE: &str =
        "The request body's content type is not supported.";
    pub(crate) const INVALID_BODY: &str = "The request body is invalid.";
    pub(crate) const INVALID_QUERY: &str = "The query string is invalid.";
    pub(crate) const INVALID_PATH: &str = "The request path is invalid.";
    pub(crate) const PAYLOAD_TOO_LARGE: &str = "The request body is too large.";
}

/// An error response the axum layer or the actix-web middleware wrote in place of one apierror
/// did not make (a rejection, an unmatched route, a panic): its [kind](Self::kind), and the
/// status, code, message, details and headers it is sent with.
///
/// [`ErrorLayer::map_rewritten`](crate::axum::ErrorLayer::map_rewritten) and
/// [`ErrorMiddleware::map_rewritten`](crate::actix::ErrorMiddleware::map_rewritten) hand it to
/// a closure that may answer with an error of the service's own type instead.
#[derive(Debug, Clone)]
pub struct FrameworkError {
    kind: FrameworkErrorKind,
    error: HttpError,
}

impl FrameworkError {
    pub(crate) fn new(kind: FrameworkErrorKind, error: HttpError) -> Self {
        Self { kind, error }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> FrameworkErrorKind {
        self.kind
    }

    /// The error as it is sent when no hook replaces it.
    pub fn into_http_error(self) -> HttpError {
        self.error
    }
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl std::error::Error for FrameworkError {}

impl ApiError for FrameworkError {
    fn status(&self) -> StatusCode {
        self.error.status()
    }

    fn code(&self) -> &str {
        self.error.code()
    }

    fn message(&self) -> Cow<'_, str> {
        self.error.message()
    }

    fn details(&self) -> Cow<'_, [Detail]> {
        self.error.details()
    }

    fn retry_after(&self) -> Option<u64> {
        self.error.retry_after()
    }

    fn headers(&self) -> HeaderMap {
        self.error.headers()
    }

    fn catalog() -> Catalog {
        Catalog::EMPTY
    }
}

/// A hook from a rewritten error to the service's own error, kept by the layer or middleware.
type HookFn = dyn Fn(&FrameworkError) -> Option<Box<dyn ApiError + Send + Sync>> + Send + Sync;

/// The optional `map_rewritten` hook.
#[derive(Clone, Default)]
pub(crate) struct Hook(Option<Arc<HookFn>>);

impl Hook {
    pub(crate) fn new<E, F>(map: F) -> Self
    where
        E: ApiError + Send + Sync + 'static,
        F: Fn(&FrameworkError) -> Option<E> + Send + Sync + 'static,
    {
        Self(Some(Arc::new(move |err: &FrameworkError| {
            map(err).map(|own| Box::new(own) as Box<dyn ApiError + Send + Sync>)
        })))
    }

    /// The service's own error for `err`, when the hook gives one.
    pub(crate) fn apply(&self, err: &FrameworkError) -> Option<Box<dyn ApiError + Send + Sync>> {
        self.0.as_ref().and_then(|map| map(err))
    }
}

impl fmt::Debug for Hook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "Some(..)" } else { "None" })
    }
}

/// The details the catalog's examples show, one per code whose body names a field: what the
/// layer and the middleware write for a query string `?limit=abc` (400), a body sent as
/// `text/plain` (415) and a body without its `name` (422). A test holds each to what the
/// rejection readers make of the framework's text, so that examples are real bodies.
pub(crate) const EXAMPLE_DETAILS: [(&str, [DetailDoc; 1]); 3] = [
    (
        "BAD_REQUEST",
        [DetailDoc::new("invalid digit found in string")
            .with_field("limit")
            .with_location("query")],
    ),
    (
        "UNSUPPORTED_MEDIA_TYPE",
        [DetailDoc::new("expected `application/json`")
            .with_field("content-type")
            .with_location("header")
            .with_code("unsupported_media_type")],
    ),
    (
        "UNPROCESSABLE_ENTITY",
        [DetailDoc::new("missing field `name`")
            .with_field("name")
            .with_location("body")
            .with_code("missing_field")],
    ),
];

/// The entries of a framework's catalog, defined in `defined_in` (the framework's
/// `FrameworkErrors`): every code the layer or middleware writes itself.
pub(crate) const fn nodes(defined_in: &'static str) -> [CatalogNode; 11] {
    const fn spec(
        code: &'static str,
        status: u16,
        variant: &'static str,
        title: &'static str,
        description: &'static str,
        defined_in: &'static str,
    ) -> ErrorSpec {
        ErrorSpec::new(code, status)
            .with_title(title)
            .with_description(description)
            .with_variant(variant)
            .with_defined_in(defined_in)
    }
    [
        CatalogNode::Spec(
            spec(
                "BAD_REQUEST",
                400,
                "BadRequest",
                "The request could not be read",
                "The request could not be read: the body is not valid JSON, the query string \
                 does not deserialize, or a path parameter does not parse. One detail names \
                 the field, with location `body`, `query` or `path`, and serde's text as its \
                 reason.",
                defined_in,
            )
            // A 400 says one of three sentences; the example is the query string's.
            .with_example_message(message::INVALID_QUERY)
            .with_details(true)
            .with_static_details(&EXAMPLE_DETAILS[0].1),
        ),
        CatalogNode::Spec(
            spec(
                "NOT_FOUND",
                404,
                "NotFound",
                "No route matches the path",
                "No route matches the request's path.",
                defined_in,
            )
            .with_message_template("Not Found"),
        ),
        CatalogNode::Spec(
            spec(
                "METHOD_NOT_ALLOWED",
                405,
                "MethodNotAllowed",
                "The route does not take the method",
                "The route exists but does not take the request's method; `Allow` lists those it \
             takes.",
                defined_in,
            )
            .with_message_template("Method Not Allowed")
            // RFC 9110 §15.5.6: a 405 carries `Allow`, which the layer keeps.
            .with_headers(&["Allow"]),
        ),
        CatalogNode::Spec(
            spec(
                "REQUEST_TIMEOUT",
                408,
                "RequestTimeout",
                "The request took too long",
                "A timeout layer gave up on the request.",
                defined_in,
            )
            .with_message_template("Request Timeout"),
        ),
        CatalogNode::Spec(
            spec(
                "PAYLOAD_TOO_LARGE",
                413,
                "PayloadTooLarge",
                "The request body is too large",
                "The request body is larger than the service's limit.",
                defined_in,
            )
            .with_message_template(message::PAYLOAD_TOO_LARGE),
        ),
        CatalogNode::Spec(
            spec(
                "UNSUPPORTED_MEDIA_TYPE",
                415,
                "UnsupportedMediaType",
                "The request body's content type is not supported",
                "The request body's `Content-Type` is not the one the endpoint reads \
                 (`application/json`, or `application/x-www-form-urlencoded` for forms). One \
                 detail names the header.",
                defined_in,
            )
            .with_message_template(message::UNSUPPORTED_MEDIA_TYPE)
            .with_details(true)
            .with_static_details(&EXAMPLE_DETAILS[1].1),
        ),
        CatalogNode::Spec(
            spec(
                "UNPROCESSABLE_ENTITY",
                422,
                "UnprocessableEntity",
                "The request body is invalid",
                "The request body is well-formed but not of the expected shape: a missing \
                 field, a value of the wrong type, an unknown field. One detail names the field \
                 (`items[0].name`), with location `body`.",
                defined_in,
            )
            .with_message_template(message::INVALID_BODY)
            .with_details(true)
            .with_static_details(&EXAMPLE_DETAILS[2].1),
        ),
        CatalogNode::Spec(
            spec(
                "INTERNAL_SERVER_ERROR",
                500,
                "InternalServerError",
                "Unexpected failure",
                "The handler failed unexpectedly (it panicked); the cause is logged, never sent.",
                defined_in,
            )
            .with_message_template(crate::message::INTERNAL),
        ),
        CatalogNode::Spec(
            spec(
                "BAD_GATEWAY",
                502,
                "BadGateway",
                "An upstream failed",
                "An upstream service answered with an error.",
                defined_in,
            )
            .with_message_template(crate::message::UNAVAILABLE),
        ),
        CatalogNode::Spec(
            spec(
                "SERVICE_UNAVAILABLE",
                503,
                "ServiceUnavailable",
                "The service is unavailable",
                "The service is overloaded or down for maintenance; `Retry-After` says when to \
                 try again, when known.",
                defined_in,
            )
            .with_message_template(crate::message::UNAVAILABLE)
            .with_retry_after(true),
        ),
        CatalogNode::Spec(
            spec(
                "GATEWAY_TIMEOUT",
                504,
                "GatewayTimeout",
                "An upstream took too long",
                "A timeout layer gave up waiting for the response.",
                defined_in,
            )
            .with_message_template(crate::message::UNAVAILABLE),
        ),
    ]
}

/// Declares a framework's `FrameworkErrors` type and its catalog.
macro_rules! framework_errors {
    ($framework:literal, $layer:literal) => {
        #[doc = concat!(
            "The codes ", $layer, " writes itself — rejections, unmatched routes, 405, 413, \
             timeouts, panics — as a catalog, to list beside the service's own types:\n\n\
             ```\n\
             #[derive(Debug, thiserror::Error, apierror::ApiError)]\n\
             enum TaskError {\n    \
                 #[status(404)]\n    \
                 #[error(\"missing\")]\n    \
                 TaskNotFound,\n\
             }\n\n\
             apierror::catalog!(pub SERVICE_ERRORS = [TaskError, apierror::", $framework,
            "::FrameworkErrors]);\n\
             assert!(SERVICE_ERRORS.find(\"UNPROCESSABLE_ENTITY\").is_some());\n\
             ```\n\n\
             A code the service's own types also define with the same status is listed once, \
             as the service defines it; with another status the build fails:\n\n\
             ```compile_fail\n\
             #[derive(Debug, thiserror::Error, apierror::ApiError)]\n\
             enum TaskError {\n    \
                 #[status(422)]\n    \
                 #[code(\"BAD_REQUEST\")]\n    \
                 #[error(\"bad task\")]\n    \
                 BadTask,\n\
             }\n\n\
             // error code `BAD_REQUEST` has two statuses: 422 in `TaskError` and 400 in ...\n\
             apierror::catalog!(pub SERVICE_ERRORS = [TaskError, apierror::", $framework,
            "::FrameworkErrors]);\n\
             ```"
        )]
        #[derive(Debug, Clone, Copy, Default)]
        pub struct FrameworkErrors;

        impl FrameworkErrors {
            /// The catalog on its own.
            pub const CATALOG: $crate::Catalog = $crate::Catalog::of::<FrameworkErrors>();
        }

        impl $crate::__private::HasCatalog for FrameworkErrors {
            const TREE: &'static $crate::__private::CatalogTree = {
                const NAME: &str = concat!("apierror::", $framework, "::FrameworkErrors");
                const NODES: [$crate::__private::CatalogNode; 11] =
                    $crate::framework::nodes(NAME);
                &$crate::__private::CatalogTree::yielding(NAME, &NODES)
            };
        }

        $crate::__private::impl_utoipa_set! { FrameworkErrors }
        $crate::__private::impl_aide_set! { FrameworkErrors }
    };
}

pub(crate) use framework_errors;

#[cfg(test)]
mod tests {
    use super::*;

    const NODES: [CatalogNode; 11] = nodes("x::FrameworkErrors");

    #[test]
    fn every_code_is_its_statuss_code() {
        for node in &NODES {
            let CatalogNode::Spec(spec) = node else {
                panic!("nested")
            };
            assert_eq!(
                crate::HttpError::code_for(spec.status_code()),
                spec.code,
                "{spec:?}"
            );
            assert!(!spec.title.is_empty() && !spec.description.is_empty());
        }
    }
}
