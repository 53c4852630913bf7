//! The validating extractors' types, shared by both frameworks: `apierror::axum::{Valid,
//! Garde}` and `apierror::actix::{Valid, Garde}` are these, each framework implementing its
//! extractor trait for them (`axum/validation.rs`, `actix/validation.rs`).

use super::ValidationFailed;
#[cfg(any(feature = "axum", feature = "actix"))]
use super::Violations;
#[cfg(any(feature = "axum", feature = "actix"))]
use crate::api_error::ApiError;
use std::marker::PhantomData;

/// Generates a wrapper type.
macro_rules! wrapper {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        pub struct $name<T, R = ValidationFailed>(pub T, pub PhantomData<R>);

        // By hand, bounded on `T` only: `R` is a marker (derives would ask `R: Copy`,
        // `R: Default`, which `ValidationFailed` is not, so they would never apply).
        impl<T: std::fmt::Debug, R> std::fmt::Debug for $name<T, R> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        impl<T: Clone, R> Clone for $name<T, R> {
            fn clone(&self) -> Self {
                Self(self.0.clone(), PhantomData)
            }
        }

        impl<T: Copy, R> Copy for $name<T, R> {}

        impl<T: Default, R> Default for $name<T, R> {
            fn default() -> Self {
                Self(T::default(), PhantomData)
            }
        }

        impl<T, R> $name<T, R> {
            /// The extractor, validated.
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T, R> std::ops::Deref for $name<T, R> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T, R> std::ops::DerefMut for $name<T, R> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }
    };
}

#[cfg(feature = "validator")]
wrapper!(
    /// An extractor — axum's `Json<T>` or `Query<T>`; on actix-web `apierror::actix::Json<T>`
    /// or `Query<T>`, or `web::Json<T>` or `web::Query<T>` — whose value is validated with
    /// validator (`T: validator::Validate`) once it deserialized.
    ///
    /// - A body or query that does not deserialize is the inner extractor's error, unchanged
    ///   (the layer or middleware answers it as it answers any).
    /// - A value that fails validation answers with `R` (default [`ValidationFailed`]: 422
    ///   `VALIDATION_FAILED`) made from its [`Violations`], each with location `body` (`Json`)
    ///   or `query` (`Query`), rendered in the request's context: its request id, the
    ///   negotiated envelope.
    ///
    /// The second field only carries `R`; match it with `_`: `Valid(Json(body), _)`. To answer
    /// with an error of your own, name it: `Valid<Json<Signup>, InvalidInput>`, where
    /// `InvalidInput: From<Violations> + ApiError` (a derived type with a `#[details]` field
    /// and a `From` impl; list it in your catalog instead of [`ValidationFailed`]).
    Valid
);

#[cfg(feature = "garde")]
wrapper!(
    /// An extractor (the same as [`Valid`](crate::validation::Valid) wraps) whose value is
    /// validated with garde (`T: garde::Validate`, its `Context: Default`) once it deserialized.
    ///
    /// It answers as [`Valid`](crate::validation::Valid) does (which see), with garde's
    /// messages as the reasons and no codes. Match it as `Garde(Json(body), _)`; answer with
    /// your own error as `Garde<Json<Signup>, InvalidInput>`.
    Garde
);

/// The error a failed validation answers with: `R` made from the violations, each located.
#[cfg(any(feature = "axum", feature = "actix"))]
pub(crate) fn rejection<R: From<Violations> + ApiError>(
    violations: Violations,
    location: &'static str,
) -> R {
    R::from(violations.with_location(location))
}
