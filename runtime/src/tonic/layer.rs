//! [`ErrorLayer`] for tonic servers: what the axum layer does for HTTP, for gRPC calls.

use super::CALL_CONTEXT;
use crate::context::Context;
use crate::request_id::{HEADER as REQUEST_ID_HEADER, ResolvedId};
use futures_util::FutureExt as _;
use futures_util::future::BoxFuture;
use http::{HeaderMap, HeaderValue, Request, Response, StatusCode};
use std::fmt;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::task::Poll;
use tower_layer::Layer;
use tower_service::Service;

/// A tower layer for tonic servers (`Server::builder().layer(ErrorLayer::new())`):
///
/// - resolves each call's request id from its `x-request-id` metadata (the first value, used
///   when it is 1..=128 characters of `[A-Za-z0-9._-]`, else `req-` and a fresh UUID v4), sets
///   the request's `x-request-id` to it (a handler reads it from `request.metadata()`), and
///   returns it in the response's `x-request-id` metadata, successes included;
/// - makes it the id of every status built from an error inside the call (`x-request-id`
///   and `RequestInfo`);
/// - logs every error once (feature `tracing`): statuses made by apierror are logged when they
///   are made; any other error status the call answers with (tonic's `UNIMPLEMENTED`, a
///   handler's hand-made `Status`) is logged here with its code and message, in the same
///   record;
/// - answers a panicking handler with `INTERNAL` and the generic message; the panic's message
///   goes to the log only; an HTTP error (400..=599 without `grpc-status`) a layer inside
///   answers to a gRPC call (`application/grpc`) is answered as the status of its HTTP status,
///   likewise (other requests and statuses pass as they are);
/// - with [`with_translations`](Self::with_translations) (feature `fluent`), negotiates the
///   call's language from its `accept-language` metadata, so statuses add a
///   `google.rpc.LocalizedMessage`.
///
/// A streaming response's body is polled inside the call's scope too ([`CallBody`]): a status
/// a stream yields after messages were sent (in the trailers) has the call's id and language,
/// and one apierror did not make is logged when its trailers pass.
///
/// ```no_run
/// # async fn run<S>(service: S) -> Result<(), Box<dyn std::error::Error>>
/// # where
/// #     S: tower_service::Service<http::Request<tonic::body::Body>, Response = http::Response<tonic::body::Body>, Error = std::convert::Infallible>
/// #         + tonic::server::NamedService + Clone + Send + Sync + 'static,
/// #     S::Future: Send + 'static,
/// # {
/// tonic::transport::Server::builder()
///     .layer(apierror::tonic::ErrorLayer::new())
///     .add_service(service)
///     .serve("127.0.0.1:50051".parse()?)
///     .await?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct ErrorLayer {
    #[cfg(feature = "fluent")]
    translations: Option<Arc<crate::locale::Translations>>,
}

impl ErrorLayer {
    /// The layer.
    pub fn new() -> Self {
        Self::default()
    }
}

#[cfg(feature = "fluent")]
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
impl ErrorLayer {
    /// Negotiates each call's language among `translations` from its `accept-language`
    /// metadata (RFC 9110 section 12.5.4, with the bounds of
    /// [`Translations::negotiate_values`](crate::locale::Translations::negotiate_values); a
    /// malformed value is the default language) and puts it in the call's
    /// [`Context`]: a status built inside the call keeps its `message` in the default language
    /// and adds `google.rpc.LocalizedMessage` (`locale`, `message`) when the error's message
    /// has a translation in that language.
    ///
    /// ```
    /// use apierror::tonic::ErrorLayer;
    /// use apierror::locale::Translations;
    /// use apierror::Catalog;
    /// use std::sync::Arc;
    ///
    /// let translations = Translations::new("en", Catalog::EMPTY)?
    ///     .with_ftl("fr", "fr.ftl", "apierror-status-404 = Introuvable\n")?;
    /// let layer = ErrorLayer::new().with_translations(Arc::new(translations));
    /// # Ok::<(), apierror::locale::LoadError>(())
    /// ```
    #[must_use]
    pub fn with_translations(mut self, translations: Arc<crate::locale::Translations>) -> Self {
        self.translations = Some(translations);
        self
    }
}

impl<S> Layer<S> for ErrorLayer {
    type Service = ErrorService<S>;

    fn layer(&self, inner: S) -> ErrorService<S> {
        ErrorService {
            inner,
            #[cfg(feature = "fluent")]
            translations: self.translations.clone(),
        }
    }
}

/// The service [`ErrorLayer`] wraps around an inner service.
#[derive(Debug, Clone)]
pub struct ErrorService<S> {
    inner: S,
    #[cfg(feature = "fluent")]
    translations: Option<Arc<crate::locale::Translations>>,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for ErrorService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ResBody: Default + Send + 'static,
{
    type Response = Response<CallBody<ResBody>>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response<CallBody<ResBody>>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let grpc = is_grpc(request.headers());
        let supplied = request
            .headers()
            .get(REQUEST_ID_HEADER)
            .and_then(|value| value.to_str().ok());
        let request_id = ResolvedId::resolve(supplied).as_str().to_owned();
        let value = HeaderValue::from_str(&request_id).ok();
        if let Some(value) = &value {
            request
                .headers_mut()
                .insert(REQUEST_ID_HEADER, value.clone());
        }
        #[allow(unused_mut)]
        let mut ctx = Context::default().with_request_id(&request_id);
        #[cfg(feature = "fluent")]
        if let Some(translations) = &self.translations {
            let accept_language = request.headers().get_all(http::header::ACCEPT_LANGUAGE);
            ctx = ctx.with_locale(
                translations.negotiate_values(accept_language.iter().map(HeaderValue::as_bytes)),
            );
        }
        let ctx = Arc::new(ctx);
        let body_ctx = Arc::clone(&ctx);

        // Call the instance `poll_ready` prepared; leave a clone for the next request.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let called = CALL_CONTEXT.sync_scope(Arc::clone(&ctx), || {
            std::panic::catch_unwind(AssertUnwindSafe(|| inner.call(request)))
        });
        Box::pin(CALL_CONTEXT.scope(ctx, async move {
            let outcome = match called {
                Ok(future) => AssertUnwindSafe(future).catch_unwind().await,
                Err(payload) => Err(payload),
            };
            let mut response = match outcome {
                // An HTTP error a layer inside made for a gRPC call (tower-http's
                // `CatchPanicLayer`'s plain-text 500, a 408): no gRPC status, which a client
                // reads as a protocol error. It is answered as the status of its HTTP status
                // (DESIGN.md §4's mapping), logged. Other requests (gRPC-Web, plain HTTP routes
                // served beside) and other statuses pass as they are.
                Ok(Ok(response))
                    if grpc
                        && (400..=599).contains(&response.status().as_u16())
                        && !response.headers().contains_key("grpc-status") =>
                {
                    super::status_for(&crate::HttpError::new(response.status())).into_http()
                }
                Ok(Ok(response)) => {
                    log_foreign(response.headers(), &request_id);
                    response
                }
                Ok(Err(error)) => return Err(error),
                Err(payload) => super::status_for(&panic_error(&*payload)).into_http(),
            };
            if let Some(value) = value {
                response.headers_mut().insert(REQUEST_ID_HEADER, value);
            }
            Ok(response.map(|inner| CallBody {
                inner,
                ctx: Some(body_ctx),
            }))
        }))
    }
}

pin_project_lite::pin_project! {
    /// The body of a response [`ErrorService`] answers with: the inner body's frames, each
    /// polled inside the call's scope, so a status a streaming handler's stream makes from an
    /// error after messages were sent has the call's request id and language (as one the
    /// handler returns has), and a status in the trailers that apierror did not make is
    /// logged once (feature `tracing`).
    #[derive(Debug)]
    pub struct CallBody<B> {
        #[pin]
        inner: B,
        ctx: Option<Arc<Context>>,
    }
}

impl<B> CallBody<B> {
    /// The inner body.
    pub fn into_inner(self) -> B {
        self.inner
    }
}

impl<B: Default> Default for CallBody<B> {
    /// An empty inner body, outside any call.
    fn default() -> Self {
        Self {
            inner: B::default(),
            ctx: None,
        }
    }
}

impl<B: http_body::Body> http_body::Body for CallBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<B::Data>, B::Error>>> {
        let this = self.project();
        let Some(ctx) = this.ctx else {
            return this.inner.poll_frame(cx);
        };
        let inner = this.inner;
        let polled = CALL_CONTEXT.sync_scope(Arc::clone(ctx), || inner.poll_frame(cx));
        if let Poll::Ready(Some(Ok(frame))) = &polled
            && let Some(trailers) = frame.trailers_ref()
        {
            log_foreign(trailers, ctx.request_id().unwrap_or_default());
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Whether a request is a gRPC call over HTTP/2 (`application/grpc`, `application/grpc+proto`,
/// `application/grpc;...`), not gRPC-Web (`application/grpc-web`) nor plain HTTP.
fn is_grpc(headers: &HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .map(HeaderValue::as_bytes)
        .and_then(|value| value.strip_prefix(b"application/grpc"))
        .is_some_and(|rest| matches!(rest.first(), None | Some(b'+' | b';')))
}

/// Logs an error status in the response's headers (a trailers-only response) that apierror
/// did not make (it has no [`HTTP_STATUS_KEY`](super::HTTP_STATUS_KEY)): the status apierror
/// makes is logged when it is made.
fn log_foreign(headers: &HeaderMap, request_id: &str) {
    if !cfg!(feature = "tracing") {
        return;
    }
    let Some(code) = headers.get("grpc-status") else {
        return;
    };
    let code = ::tonic::Code::from_bytes(code.as_bytes());
    if code == ::tonic::Code::Ok || headers.contains_key(super::HTTP_STATUS_KEY) {
        return;
    }
    let message = headers
        .get("grpc-message")
        .map(|value| {
            percent_encoding::percent_decode(value.as_bytes())
                .decode_utf8_lossy()
                .into_owned()
        })
        .unwrap_or_default();
    let name = super::name_of(code);
    let status = usize::try_from(code as i32)
        .ok()
        .and_then(|index| crate::envelope::GRPC_CODES.get(index))
        .and_then(|(_, status)| StatusCode::from_u16(*status).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let error = Foreign {
        code: name,
        message,
    };
    let phrase = status.is_server_error().then(crate::phrase::new);
    crate::log::error_response(&crate::log::Record {
        status,
        code: name,
        sent: status,
        request_id,
        phrase: phrase.as_deref(),
        error: &error,
        failure: None,
    });
}

/// An error status apierror did not make, for its log record.
#[derive(Debug)]
struct Foreign {
    code: &'static str,
    message: String,
}

impl fmt::Display for Foreign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "gRPC status {}: {}", self.code, self.message)
    }
}

impl std::error::Error for Foreign {}

/// The 500 a panicking handler becomes, as over HTTP: the panic's message is in its `Display`
/// (the log), the client gets the generic sentence.
fn panic_error(payload: &(dyn std::any::Any + Send)) -> crate::HttpError {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a payload that is not a string");
    crate::HttpError::new(StatusCode::INTERNAL_SERVER_ERROR)
        .with_message(format!("the handler panicked: {message}"))
}
