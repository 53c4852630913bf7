//! axum's extractor traits for [`Valid`] and [`Garde`] over axum's `Json` and `Query` (features
//! `axum` with `validator` or `garde`).
//!
//! Deserialization is axum's own: its rejection is returned as it is, and
//! [`ErrorLayer`](super::ErrorLayer) rewrites it as it rewrites every rejection (naming the
//! field it reads from the rejection).

use crate::api_error::ApiError;
#[cfg(feature = "garde")]
use crate::validation::{Garde, GardeExt as _};
#[cfg(feature = "validator")]
use crate::validation::{Valid, ValidatorExt as _};
use crate::validation::{Violations, rejection};
use ::axum::Json;
use ::axum::extract::{FromRequest, FromRequestParts, Query, Request};
use ::axum::response::{IntoResponse, Response};
use http::request::Parts;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// The response of a failed validation: `R`, rendered in the request's context.
fn reject<R: From<Violations> + ApiError>(
    violations: Violations,
    location: &'static str,
) -> Response {
    super::into_response(rejection::<R>(violations, location))
}

/// Implements `FromRequest` (`Json`) and `FromRequestParts` (`Query`) for a wrapper, given how
/// it validates a value.
macro_rules! extractors {
    ($wrapper:ident, [$($bound:tt)*], $check:ident) => {
        impl<S, T, R> FromRequest<S> for $wrapper<Json<T>, R>
        where
            S: Send + Sync,
            T: DeserializeOwned + $($bound)*,
            R: From<Violations> + ApiError + Send,
        {
            type Rejection = Response;

            async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
                let Json(value) = Json::<T>::from_request(request, state)
                    .await
                    .map_err(IntoResponse::into_response)?;
                match value.$check() {
                    Ok(()) => Ok($wrapper(Json(value), PhantomData)),
                    Err(violations) => Err(reject::<R>(violations, "body")),
                }
            }
        }

        impl<S, T, R> FromRequestParts<S> for $wrapper<Query<T>, R>
        where
            S: Send + Sync,
            T: DeserializeOwned + $($bound)*,
            R: From<Violations> + ApiError + Send,
        {
            type Rejection = Response;

            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
                let Query(value) = Query::<T>::from_request_parts(parts, state)
                    .await
                    .map_err(IntoResponse::into_response)?;
                match value.$check() {
                    Ok(()) => Ok($wrapper(Query(value), PhantomData)),
                    Err(violations) => Err(reject::<R>(violations, "query")),
                }
            }
        }
    };
}

#[cfg(feature = "validator")]
extractors!(Valid, [::validator::Validate], check);

#[cfg(feature = "garde")]
extractors!(Garde, [::garde::Validate<Context: Default>], check);
