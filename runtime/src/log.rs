//! What rendering tells the logs (feature `tracing`): every 5xx once at error level with its
//! code, status, request id, support phrase and full source chain; a 4xx at debug level with
//! its code and status but no field values; and a body that could not be rendered.

use crate::api_error::ApiError;
use crate::render::Rendered;

#[cfg(feature = "tracing")]
pub(crate) fn error_response(err: &dyn ApiError, rendered: &Rendered<'_>) {
    let status = err.status();
    if let Some(failure) = &rendered.failure {
        tracing::error!(
            code = err.code(),
            status = status.as_u16(),
            sent = rendered.status.as_u16(),
            request_id = rendered.request_id,
            phrase = rendered.phrase.as_deref().unwrap_or_default(),
            cause = %failure,
            "apierror: the error body could not be rendered; sent the 500 fallback"
        );
        return;
    }
    if status.is_server_error() {
        let chain = with_causes(err);
        tracing::error!(
            code = err.code(),
            status = status.as_u16(),
            request_id = rendered.request_id,
            phrase = rendered.phrase.as_deref().unwrap_or_default(),
            error = %chain,
            "apierror: server error"
        );
    } else {
        tracing::debug!(
            code = err.code(),
            status = status.as_u16(),
            request_id = rendered.request_id,
            "apierror: client error"
        );
    }
}

/// An error and its chain of causes, `: `-separated.
#[cfg(any(feature = "tracing", feature = "reqwest"))]
pub(crate) fn with_causes(error: &dyn std::error::Error) -> String {
    use std::fmt::Write as _;

    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let _ = write!(text, ": {cause}");
        source = cause.source();
    }
    text
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn error_response(err: &dyn ApiError, rendered: &Rendered<'_>) {
    let _ = (
        err,
        rendered.request_id,
        &rendered.phrase,
        &rendered.failure,
    );
}
