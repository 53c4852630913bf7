//! actix-web integration (feature `actix`). (Being written.)

use crate::ApiError;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;

/// The status of `err` in actix-web's `http` 0.2 types.
pub fn status_code(err: &dyn ApiError) -> StatusCode {
    StatusCode::from_u16(err.status().as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// Renders `err` for actix-web.
pub fn error_response(err: &dyn ApiError) -> HttpResponse {
    let response = crate::to_response(err, err.format(), &crate::Context::default());
    let mut builder = HttpResponse::build(status_code(err));
    for (name, value) in response.headers() {
        builder.append_header((name.as_str(), value.as_bytes()));
    }
    builder.body(response.into_body())
}
