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

/// Implements `FromRequest` for a wrapper over `Json` and `Query`, given how it validates a
/// value.
macro_rules! extractors {
    ($wrapper:ident, [$($bound:tt)*], $check:ident, $json:ident, $query:ident) => {
        impl<T, R> FromRequest for $wrapper<$json<T>, R>
        where
            T: DeserializeOwned + $($bound)* + 'static,
            R: From<Violations> + ApiError + 'static,
        {
            type Error = actix_web::Error;
            type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

            fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let json = $json::<T>::from_request(request, payload);
                Box::pin(async move {
                    let value = json.await?.into_inner();
                    match value.$check() {
                        Ok(()) => Ok($wrapper($json(value), PhantomData)),
                        Err(violations) => Err(reject::<R>(violations, "body")),
                    }
                })
            }
        }

        impl<T, R> FromRequest for $wrapper<$query<T>, R>
        where
            T: DeserializeOwned + $($bound)* + 'static,
            R: From<Violations> + ApiError + 'static,
        {
            type Error = actix_web::Error;
            type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

            fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let query = $query::<T>::from_request(request, payload);
                Box::pin(async move {
                    let value = query.await?.into_inner();
                    match value.$check() {
                        Ok(()) => Ok($wrapper($query(value), PhantomData)),
                        Err(violations) => Err(reject::<R>(violations, "query")),
                    }
                })
            }
        }
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
