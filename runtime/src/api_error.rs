//! The `ApiError` trait: what a response needs to know about an error.

use crate::catalog::Catalog;
use crate::detail::Detail;
use crate::extension::Extension;
use crate::format::Format;
use crate::message::MessageWriter;
use crate::parts::StaticParts;
use http::{HeaderMap, StatusCode};
use std::borrow::Cow;
use std::sync::Arc;

/// An error that knows how to present itself to an API client.
///
/// Usually derived (`#[derive(ApiError)]`, see the crate docs); a hand-written impl needs only
/// [`status`](Self::status), [`code`](Self::code) and [`message`](Self::message). The trait is
/// object safe but for [`catalog`](Self::catalog), so a `&dyn ApiError` renders.
///
/// ```
/// use apierror::ApiError;
/// use http::StatusCode;
/// use std::borrow::Cow;
///
/// #[derive(Debug)]
/// struct Teapot;
///
/// impl std::fmt::Display for Teapot {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         f.write_str("short and stout")
///     }
/// }
///
/// impl std::error::Error for Teapot {}
///
/// impl ApiError for Teapot {
///     fn status(&self) -> StatusCode {
///         StatusCode::IM_A_TEAPOT
///     }
///     fn code(&self) -> &str {
///         "TEAPOT"
///     }
///     fn message(&self) -> Cow<'_, str> {
///         Cow::Borrowed("I'm a teapot")
///     }
/// }
///
/// assert!(Teapot::catalog().is_empty());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an API error",
    label = "this type does not implement `ApiError`",
    note = "derive it with `#[derive(apierror::ApiError)]`, or implement `apierror::ApiError` by hand"
)]
pub trait ApiError: std::error::Error {
    /// The HTTP status, 400..=599 (RFC 9110 §15.5, §15.6). A status outside that range (an
    /// implementation by hand returning `200 OK`; the derive refuses one at compile time) is
    /// sent as 500 Internal Server Error, in the body too, with the error's code and message,
    /// and logged at error level (feature `tracing`), as [`HttpError::new`](crate::HttpError::new)
    /// makes a 500 of it.
    fn status(&self) -> StatusCode;

    /// The machine-readable code (`TASK_NOT_FOUND`).
    fn code(&self) -> &str;

    /// The public message. For a 5xx error this never contains its `Display` text.
    fn message(&self) -> Cow<'_, str>;

    /// Field-level details.
    fn details(&self) -> Cow<'_, [Detail]> {
        Cow::Borrowed(&[])
    }

    /// Seconds the client should wait before retrying, sent as `Retry-After`.
    fn retry_after(&self) -> Option<u64> {
        None
    }

    /// Extra response headers (`WWW-Authenticate`, `Allow`), in order.
    fn headers(&self) -> HeaderMap {
        HeaderMap::new()
    }

    /// Where the error is documented.
    fn docs_url(&self) -> Option<Cow<'_, str>> {
        None
    }

    /// The format naming the envelope the error is rendered in, unless the request asks for
    /// another.
    fn format(&self) -> Format {
        Format::Flat
    }

    /// The service's domain, for Google's `ErrorInfo`.
    fn domain(&self) -> Option<&str> {
        None
    }

    /// Calls `visit` with each extension member, in field order.
    fn extensions(&self, visit: &mut dyn FnMut(&str, &dyn Extension)) {
        let _ = visit;
    }

    /// Every error this type can return. The derive lists its variants; the default is
    /// [`Catalog::EMPTY`], for a hand-written impl that documents no codes.
    fn catalog() -> Catalog
    where
        Self: Sized,
    {
        Catalog::EMPTY
    }

    /// Writes the message, escaped, into a JSON string. The derive writes static parts
    /// pre-escaped; the default escapes [`message`](Self::message).
    #[doc(hidden)]
    fn __message_json(&self, out: &mut MessageWriter<'_>) {
        out.push_str(&self.message());
    }

    /// How many bytes [`__message_json`](Self::__message_json) is likely to write, so the body
    /// is allocated once.
    #[doc(hidden)]
    fn __message_json_len(&self) -> usize {
        0
    }

    /// What the derive knows about this error at compile time (status, code, static message,
    /// docs URL, domain, and whether there are details, extensions, a retry delay, headers),
    /// so rendering asks for nothing else. `None`: ask the methods above.
    ///
    /// Whatever it returns must agree with the other methods; only the derive implements it.
    #[doc(hidden)]
    fn __static_parts(&self) -> Option<&'static StaticParts> {
        None
    }

    /// The static parts that describe this error's code and message, whatever its domain: what
    /// fills the message's placeholders (and records them for Google's `ErrorInfo.metadata`) and
    /// finds its translation. [`__static_parts`](Self::__static_parts), except for a
    /// `#[transparent]` variant of a derived type with a domain of its own wrapping an error
    /// without one: its static parts are `None` (the domain is the wrapper's, which the
    /// wrapped error's parts do not say), its message parts the wrapped error's.
    #[doc(hidden)]
    fn __message_parts(&self) -> Option<&'static StaticParts> {
        self.__static_parts()
    }

    /// The gRPC code name (`ALREADY_EXISTS`) this error is sent with, in place of its HTTP
    /// status's (DESIGN.md §4): `#[grpc(code)]` for a derived error, the name an upstream
    /// answered with for a `RemoteError`. `Google`'s `status` and a `tonic::Status` use it.
    #[doc(hidden)]
    fn __grpc_code(&self) -> Option<&'static str> {
        self.__static_parts().and_then(|parts| parts.spec.grpc_code)
    }

    /// `details` entries of a Google body to write after the error's own (`,{"@type":...}`
    /// each, compact JSON): for a `RemoteError` read from a Google body or a gRPC status, the
    /// entries its other members do not say again (a `LocalizedMessage`, types apierror does
    /// not read, a `Help` other than the docs URL's), so the error passed on as Google keeps
    /// them (DESIGN.md §7); `apierror::tonic` sends those tonic-types models as its messages. They then stand in for the
    /// `details` extension those types are also kept in, which is not written to
    /// `ErrorInfo.metadata`. `None` for every other error (a derived type asks the field of its
    /// `#[transparent]` variant).
    #[doc(hidden)]
    fn __google_details(&self) -> Option<&str> {
        None
    }

    /// Whether [`__google_details`](Self::__google_details) holds, as sent, the `Help` the docs
    /// URL was read from (a `RemoteError` whose upstream described its link otherwise than by
    /// the code, or sent several links): the error's own `Help` is then not written, so the
    /// entry passed on stays the same (DESIGN.md §7). `false` for every other error (a derived
    /// type asks the field of its `#[transparent]` variant).
    #[doc(hidden)]
    fn __google_help_passed_on(&self) -> bool {
        false
    }

    /// The translations of [`details`](Self::details)' reasons a Google body passed on writes
    /// as each `FieldViolation`'s `localizedMessage` (locale, message; by detail index): a
    /// `RemoteError`'s, as an upstream Google body or gRPC status sent them (AIP-193). Empty
    /// for every other error (a derived type asks the field of its `#[transparent]` variant),
    /// whose translations come from `apierror::locale`.
    #[doc(hidden)]
    fn __localized_reasons(&self) -> &[Option<(String, String)>] {
        &[]
    }

    /// The support phrase an upstream `ErrorList` 5xx was sent with (a `RemoteError`'s
    /// [`phrase`](crate::RemoteError::phrase)): the error passed on says it again, in its body
    /// and its log record, so support finds it in both services' logs (DESIGN.md §4, §7).
    /// `None` for every other error (a derived type asks the field of its `#[transparent]`
    /// variant), which is given the context's phrase or a fresh one.
    #[doc(hidden)]
    fn __phrase(&self) -> Option<&str> {
        None
    }
}

/// `status` when it is an error status (400..=599), else 500 Internal Server Error.
pub(crate) fn error_status(status: StatusCode) -> StatusCode {
    if status.is_client_error() || status.is_server_error() {
        status
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

/// The status `err` is sent with: its static parts' (`known`, checked by the derive at compile
/// time), else its own by [`error_status`].
pub(crate) fn sent_status(err: &dyn ApiError, known: Option<&StaticParts>) -> StatusCode {
    known.map_or_else(|| error_status(err.status()), StaticParts::status)
}

macro_rules! forward {
    () => {
        fn status(&self) -> StatusCode {
            (**self).status()
        }
        fn code(&self) -> &str {
            (**self).code()
        }
        fn message(&self) -> Cow<'_, str> {
            (**self).message()
        }
        fn details(&self) -> Cow<'_, [Detail]> {
            (**self).details()
        }
        fn retry_after(&self) -> Option<u64> {
            (**self).retry_after()
        }
        fn headers(&self) -> HeaderMap {
            (**self).headers()
        }
        fn docs_url(&self) -> Option<Cow<'_, str>> {
            (**self).docs_url()
        }
        fn format(&self) -> Format {
            (**self).format()
        }
        fn domain(&self) -> Option<&str> {
            (**self).domain()
        }
        fn extensions(&self, visit: &mut dyn FnMut(&str, &dyn Extension)) {
            (**self).extensions(visit)
        }
        fn catalog() -> Catalog {
            T::catalog()
        }
        fn __message_json(&self, out: &mut MessageWriter<'_>) {
            (**self).__message_json(out)
        }
        fn __message_json_len(&self) -> usize {
            (**self).__message_json_len()
        }
        fn __static_parts(&self) -> Option<&'static StaticParts> {
            (**self).__static_parts()
        }
        fn __message_parts(&self) -> Option<&'static StaticParts> {
            (**self).__message_parts()
        }
        fn __grpc_code(&self) -> Option<&'static str> {
            (**self).__grpc_code()
        }
        fn __google_details(&self) -> Option<&str> {
            (**self).__google_details()
        }
        fn __google_help_passed_on(&self) -> bool {
            (**self).__google_help_passed_on()
        }
        fn __localized_reasons(&self) -> &[Option<(String, String)>] {
            (**self).__localized_reasons()
        }
        fn __phrase(&self) -> Option<&str> {
            (**self).__phrase()
        }
    };
}

impl<T: ApiError> ApiError for &T {
    forward!();
}

impl<T: ApiError> ApiError for Box<T> {
    forward!();
}

impl<T: ApiError> ApiError for Arc<T> {
    forward!();
}

/// What [`to_json`](crate::to_json) and [`to_response`](crate::to_response) render: any
/// [`ApiError`], and the trait objects a service keeps errors in: `dyn ApiError` (also `+ Send`,
/// `+ Send + Sync`) and a `Box` or `Arc` of each (DESIGN.md §3: "`Box<dyn ApiError + Send +
/// Sync>` renders"), so `to_json(&boxed, ..)` works as `to_json(&err, ..)` does. A `Box<dyn
/// ApiError>` is no `ApiError` itself: the trait requires [`std::error::Error`], which the
/// standard library implements for `Box<T>` of sized `T` only; nor is a `&dyn ApiError`, whose
/// forwarding impl would need the sized type's `catalog()`.
///
/// Sealed: it only widens what the two functions take, and is implemented here for every type
/// it covers.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be rendered as an API error",
    label = "not an `ApiError`",
    note = "derive `ApiError` for the type (`#[derive(Debug, thiserror::Error, apierror::ApiError)]`), or pass a `Box<dyn ApiError + Send + Sync>` or `&dyn ApiError`"
)]
pub trait AsApiError: sealed::Sealed {
    /// The error as a trait object.
    fn as_api_error(&self) -> &dyn ApiError;
}

mod sealed {
    /// Keeps [`AsApiError`](super::AsApiError) to the types this module implements it for.
    pub trait Sealed {}
}

impl<T: ApiError> sealed::Sealed for T {}

impl<T: ApiError> AsApiError for T {
    #[inline]
    fn as_api_error(&self) -> &dyn ApiError {
        self
    }
}

/// Implements [`AsApiError`] for a trait object of `ApiError` (of any lifetime) and for a
/// reference, `Box` and `Arc` of it (`for err in &errors { to_json(err, ..) }` over a
/// `Vec<&dyn ApiError>` passes a `&&dyn ApiError`).
macro_rules! as_api_error_for_objects {
    ($($object:ty),* $(,)?) => {$(
        impl<'a> sealed::Sealed for $object {}
        impl<'a> AsApiError for $object {
            #[inline]
            fn as_api_error(&self) -> &dyn ApiError {
                self
            }
        }
        impl<'a, 'b> sealed::Sealed for &'b $object {}
        impl<'a, 'b> AsApiError for &'b $object {
            #[inline]
            fn as_api_error(&self) -> &dyn ApiError {
                *self
            }
        }
        impl<'a> sealed::Sealed for Box<$object> {}
        impl<'a> AsApiError for Box<$object> {
            #[inline]
            fn as_api_error(&self) -> &dyn ApiError {
                &**self
            }
        }
        impl<'a> sealed::Sealed for Arc<$object> {}
        impl<'a> AsApiError for Arc<$object> {
            #[inline]
            fn as_api_error(&self) -> &dyn ApiError {
                &**self
            }
        }
    )*};
}

as_api_error_for_objects!(
    dyn ApiError + 'a,
    dyn ApiError + Send + 'a,
    dyn ApiError + Send + Sync + 'a,
    dyn ApiError + Sync + 'a,
);

/// `?` into a boxed error: a handler returning `Result<T, Box<dyn ApiError + Send + Sync>>`
/// (one error type per module, one handler signature) takes each module's error as
/// `Box<dyn Error + Send + Sync>` takes any `Error`, without a `.map_err`.
///
/// ```
/// use apierror::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[status(404)]
/// #[error("no such task")]
/// struct TaskNotFound;
///
/// fn find(found: bool) -> Result<u32, TaskNotFound> {
///     if found { Ok(7) } else { Err(TaskNotFound) }
/// }
///
/// fn handler() -> Result<u32, Box<dyn ApiError + Send + Sync>> {
///     Ok(find(false)?)
/// }
///
/// assert_eq!(handler().unwrap_err().code(), "TASK_NOT_FOUND");
/// ```
macro_rules! box_from_api_error {
    ($($object:ty => $($bound:path),*);* $(;)?) => {$(
        impl<'a, E: ApiError $(+ $bound)* + 'a> From<E> for Box<$object> {
            #[inline]
            fn from(err: E) -> Self {
                Box::new(err)
            }
        }
    )*};
}

box_from_api_error!(
    dyn ApiError + 'a => ;
    dyn ApiError + Send + 'a => Send;
    dyn ApiError + Send + Sync + 'a => Send, Sync;
    dyn ApiError + Sync + 'a => Sync;
);

/// The derive's output compiles against this crate in whatever features it is built with (the
/// root package's `tests/features.rs` checks the server-only and bare builds): generated code
/// names only what every build has.
#[cfg(test)]
mod derived {
    use crate::{ApiError, Context, Detail, Format};
    use std::fmt;
    use std::time::Duration;

    #[derive(Debug, crate::ApiError)]
    #[api_error(
        crate = "crate",
        format = "problem",
        docs_url = "https://e.com/#{code}"
    )]
    enum E {
        /// Not there.
        #[status(404)]
        #[message("Task {id} not found")]
        #[header("X-Task", "{id}")]
        NotFound {
            id: u64,
            #[extension("sync")]
            token: String,
        },
        #[status(422)]
        #[detail(field = "name", reason = "required")]
        Invalid(#[details] Vec<Detail>),
        #[status(429)]
        Later(#[retry_after] Duration),
        #[status(500)]
        Internal,
    }

    impl fmt::Display for E {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("e")
        }
    }

    impl std::error::Error for E {}

    #[test]
    fn derived_types_render_in_every_build() {
        let err = E::NotFound {
            id: 7,
            token: "t".into(),
        };
        assert_eq!(err.code(), "NOT_FOUND");
        assert_eq!(err.message(), "Task 7 not found");
        let body = crate::to_json(&err, Format::Flat, &Context::new().with_request_id("r"));
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"code":"NOT_FOUND","message":"Task 7 not found","requestId":"r","sync":"t"}"#
        );
        assert_eq!(E::Invalid(Vec::new()).details().len(), 1);
        assert_eq!(E::Later(Duration::from_secs(3)).retry_after(), Some(3));
        assert_eq!(
            E::Internal.status(),
            http::StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(E::catalog().len(), 4);
    }
}
