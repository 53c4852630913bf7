//! What rendering tells the logs (feature `tracing`): every 5xx once at error level with its
//! code, status, request id, support phrase and full source chain; a 4xx at debug level with
//! its code and status but no field values; and a body that could not be rendered.

use crate::api_error::ApiError;
use crate::render::Rendered;

#[cfg(feature = "tracing")]
pub(crate) fn error_response(err: &dyn ApiError, rendered: &Rendered<'_>) {
    use std::fmt::Write as _;

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
        let error: &dyn std::error::Error = err;
        let mut chain = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            let _ = write!(chain, ": {cause}");
            source = cause.source();
        }
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

#[cfg(not(feature = "tracing"))]
pub(crate) fn error_response(err: &dyn ApiError, rendered: &Rendered<'_>) {
    let _ = (
        err,
        rendered.request_id,
        &rendered.phrase,
        &rendered.failure,
    );
}
