//! Reading a status out of untrusted headers without tonic's panic: tonic 0.14's
//! `Status::from_header_map` `expect`s `grpc-status-details-bin` to be base64, so a server (or
//! a proxy) that sends anything else there panics the client that reads it: tonic's own
//! client does, reading a trailers-only response's headers or the trailers of any other
//! response. [`GuardLayer`] removes such a header from the headers and the trailers a tonic
//! client reads; [`status_from_headers`] reads a status from headers the caller holds.

use ::tonic::Status;
use base64::Engine as _;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use http::{HeaderMap, Request, Response};
use std::task::{Context, Poll};

/// The header tonic reads the details from.
const DETAILS: &str = "grpc-status-details-bin";

/// A tower layer for a tonic **client** (`tonic::transport::Channel` or any other
/// `GrpcService`): removes a `grpc-status-details-bin` header that is not base64 from each
/// response's headers and from the trailers at the end of its body ([`GuardBody`]) before
/// tonic reads them, so an error status from a hostile or broken server, trailers-only or
/// after the response's headers and messages, is the status it names (its code and message,
/// without details) instead of a panic in tonic's `Status::from_header_map`. Valid details
/// pass untouched.
///
/// With tonic: `tonic::client::Grpc::new(GuardLayer::new().layer(channel))`, or a generated
/// client's `new` over the layered channel (`tests/grpc.rs` calls a real server). Here, a
/// service standing in for the channel answers with details that are not base64:
///
/// ```
/// use std::convert::Infallible;
/// use std::future::{Ready, ready};
/// use std::task::{Context, Poll};
/// use tower_layer::Layer as _;
/// use tower_service::Service as _;
///
/// struct Broken;
///
/// impl tower_service::Service<http::Request<()>> for Broken {
///     type Response = http::Response<()>;
///     type Error = Infallible;
///     type Future = Ready<Result<http::Response<()>, Infallible>>;
///     fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
///         Poll::Ready(Ok(()))
///     }
///     fn call(&mut self, _: http::Request<()>) -> Self::Future {
///         let response = http::Response::builder()
///             .header("grpc-status", "5")
///             .header("grpc-message", "gone")
///             .header("grpc-status-details-bin", "not base64!")
///             .body(())
///             .unwrap();
///         ready(Ok(response))
///     }
/// }
///
/// let mut guarded = apierror::tonic::GuardLayer::new().layer(Broken);
/// let call = guarded.call(http::Request::new(()));
/// let response = futures_util::FutureExt::now_or_never(call).unwrap().unwrap();
/// let response = response.map(apierror::tonic::GuardBody::into_inner);
/// assert!(response.headers().get("grpc-status-details-bin").is_none());
/// let status = tonic::Status::from_header_map(response.headers()).unwrap();
/// assert_eq!((status.code(), status.message()), (tonic::Code::NotFound, "gone"));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct GuardLayer {
    _private: (),
}

impl GuardLayer {
    /// The layer.
    pub const fn new() -> Self {
        Self { _private: () }
    }
}

impl<S> tower_layer::Layer<S> for GuardLayer {
    type Service = GuardService<S>;

    fn layer(&self, inner: S) -> GuardService<S> {
        GuardService { inner }
    }
}

/// The service [`GuardLayer`] makes.
#[derive(Debug, Clone)]
pub struct GuardService<S> {
    inner: S,
}

impl<S, ReqBody, ResBody> tower_service::Service<Request<ReqBody>> for GuardService<S>
where
    S: tower_service::Service<Request<ReqBody>, Response = Response<ResBody>>,
{
    type Response = Response<GuardBody<ResBody>>;
    type Error = S::Error;
    type Future = futures_util::future::MapOk<
        S::Future,
        fn(Response<ResBody>) -> Response<GuardBody<ResBody>>,
    >;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        use futures_util::TryFutureExt as _;
        self.inner.call(request).map_ok(|mut response| {
            drop_invalid_details(response.headers_mut());
            response.map(|inner| GuardBody { inner })
        })
    }
}

pin_project_lite::pin_project! {
    /// The body of a response [`GuardService`] passes on: the inner body's frames as they
    /// come, with a `grpc-status-details-bin` that is not base64 removed from its trailers
    /// (where tonic reads the status of any response that is not trailers-only).
    #[derive(Debug)]
    pub struct GuardBody<B> {
        #[pin]
        inner: B,
    }
}

impl<B> GuardBody<B> {
    /// The inner body.
    pub fn into_inner(self) -> B {
        self.inner
    }
}

impl<B: http_body::Body> http_body::Body for GuardBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<B::Data>, B::Error>>> {
        match self.project().inner.poll_frame(cx) {
            Poll::Ready(Some(Ok(mut frame))) => {
                if let Some(trailers) = frame.trailers_mut() {
                    drop_invalid_details(trailers);
                }
                Poll::Ready(Some(Ok(frame)))
            }
            other => other,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// The status in `headers` (a trailers-only response's headers, or trailers), as
/// `tonic::Status::from_header_map` reads it (`None` without `grpc-status`), but never a
/// panic: details that are not base64 are left out (the code and message stay), as
/// [`RemoteError::from_status`](crate::RemoteError::from_status) ignores details that do not
/// decode.
///
/// ```
/// let mut headers = http::HeaderMap::new();
/// headers.insert("grpc-status", "5".parse().unwrap());
/// headers.insert("grpc-message", "no%20such%20task".parse().unwrap());
/// headers.insert("grpc-status-details-bin", "not base64!".parse().unwrap());
/// let status = apierror::tonic::status_from_headers(&headers).unwrap();
/// assert_eq!(status.code(), tonic::Code::NotFound);
/// assert_eq!(status.message(), "no such task");
/// assert!(status.details().is_empty());
/// ```
pub fn status_from_headers(headers: &HeaderMap) -> Option<Status> {
    match headers.get(DETAILS) {
        Some(details) if !is_base64(details.as_bytes()) => {
            let mut headers = headers.clone();
            headers.remove(DETAILS);
            Status::from_header_map(&headers)
        }
        _ => Status::from_header_map(headers),
    }
}

/// Removes every `grpc-status-details-bin` value from `headers` when the one tonic reads (the
/// first) is not base64.
fn drop_invalid_details(headers: &mut HeaderMap) {
    if headers
        .get(DETAILS)
        .is_some_and(|details| !is_base64(details.as_bytes()))
    {
        headers.remove(DETAILS);
    }
}

/// tonic's own base64 engine for `grpc-status-details-bin` (tonic 0.14's `util::base64`):
/// RFC 4648's standard alphabet, `=` padding optional (whole or partial, `AQ=`).
const TONIC_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Whether `text` is base64 as tonic decodes it: decoded by the same engine, so every input
/// tonic's `expect` would refuse is refused here (`tests/grpc.rs` holds the two equal).
fn is_base64(text: &[u8]) -> bool {
    TONIC_BASE64.decode(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_tonic_decodes_it() {
        for valid in [
            "",
            "AA",
            "AA==",
            "AAA",
            "AAA=",
            "AAAA",
            "QUJD",
            "QUI",
            "QUI=",
            "+/8",
            "CAUSBG5vcGU",
        ] {
            assert!(is_base64(valid.as_bytes()), "{valid}");
        }
        for invalid in [
            "A", "A===", "AB", "AAB", "AAA==", "AAAA=", "AA=A", "=", "==", "!!!!", "QUJD=",
            "AA== ", "AAAAA",
        ] {
            assert!(!is_base64(invalid.as_bytes()), "{invalid}");
        }
    }
}
