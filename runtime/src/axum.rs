//! axum integration (feature `axum`). (Being written.)

use crate::ApiError;

/// Renders `err` for axum.
pub fn into_response(err: &dyn ApiError) -> ::axum::response::Response {
    let response = crate::to_response(err, err.format(), &crate::Context::default());
    response.map(::axum::body::Body::from)
}
