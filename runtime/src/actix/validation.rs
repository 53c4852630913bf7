//! actix-web's `FromRequest` for [`Valid`] and [`Garde`] over apierror's own
//! [`Json`](super::Json) and [`Query`](super::Query) (a body that does not deserialize names
//! its field) and over actix-web's `web::Json` and `web::Query` (features `actix` with
//! `validator` or `garde`).
//!
//! Deserialization is the inner extractor's: its error is returned as it is, and
//! [`ErrorMiddleware`](super::ErrorMiddleware) renders or rewrites it as it does any
//! extractor's.

use crate::api_error::ApiError;
#[cfg(feature = "garde")]
use crate::validation::{Garde, GardeExt as _};
#[cfg(feature = "validator")]
use crate::validation::{Valid, ValidatorExt as _};
use crate::validation::{Violations, rejection};
use ::actix_web::dev::Payload;
use ::actix_web::error::InternalError;
use ::actix_web::{FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// The error of a failed validation: `R`, rendered in the request's context (the extractor
/// runs inside [`ErrorMiddleware`](super::ErrorMiddleware)'s scope) and carried as
/// actix-web's error.
fn reject<R>(violations: Violations, location: &'static str) -> actix_web::Error
where
    R: From<Violations> + ApiError + 'static,
{
    let err = rejection::<R>(violations, location);
    let response = super::error_response(&err);
    InternalError::from_response(err, response).into()
}

/// Implements `FromRequest` for a wrapper over one inner extractor, given how it validates a
/// value and where a violation is located (`body` or `query`).
macro_rules! extractor {
    ($wrapper:ident, [$($bound:tt)*], $check:ident, $inner:ident, $location:literal) => {
        impl<T, R> FromRequest for $wrapper<$inner<T>, R>
        where
            T: DeserializeOwned + $($bound)* + 'static,
            R: From<Violations> + ApiError + 'static,
        {
            type Error = actix_web::Error;
            type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

            fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let inner = $inner::<T>::from_request(request, payload);
                Box::pin(async move {
                    let value = inner.await?.into_inner();
                    match value.$check() {
                        Ok(()) => Ok($wrapper($inner(value), PhantomData)),
                        Err(violations) => Err(reject::<R>(violations, $location)),
                    }
                })
            }
        }
    };
}

/// The wrapper over a JSON body and over a query string.
macro_rules! extractors {
    ($wrapper:ident, [$($bound:tt)*], $check:ident, $json:ident, $query:ident) => {
        extractor!($wrapper, [$($bound)*], $check, $json, "body");
        extractor!($wrapper, [$($bound)*], $check, $query, "query");
    };
}

use super::{Json, Query};
use ::actix_web::web::{Json as WebJson, Query as WebQuery};

#[cfg(feature = "validator")]
extractors!(Valid, [::validator::Validate], check, Json, Query);
#[cfg(feature = "validator")]
extractors!(Valid, [::validator::Validate], check, WebJson, WebQuery);

#[cfg(feature = "garde")]
extractors!(
    Garde,
    [::garde::Validate<Context: Default>],
    check,
    Json,
    Query
);
#[cfg(feature = "garde")]
extractors!(
    Garde,
    [::garde::Validate<Context: Default>],
    check,
    WebJson,
    WebQuery
);
