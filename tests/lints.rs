//! The derive's output passes clippy with `all`, `pedantic` and `nursery` denied, next to
//! rustc's warnings, for a wide spread of inputs: generic types with inline bounds and where
//! clauses, structs, and every attribute.
//!
//! Plain `cargo test` only compiles this file; `cargo clippy --all-targets -- -D warnings`
//! (as CI runs it) lints it, and fails when generated code trips a lint at a span of the
//! user's (clippy skips most lints in code that only the macro wrote). The generic types
//! implement `Display` by hand where `thiserror` would infer a bound of its own: its derive
//! repeats inline bounds in its where clause, which is not what is tested here.
#![deny(
    warnings,
    clippy::all,
    clippy::pedantic,
    clippy::nursery,
    unused_qualifications,
    rust_2018_idioms,
    single_use_lifetimes,
    trivial_casts
)]
#![allow(dead_code)]

use apierror::{ApiError, Detail};
use core::fmt::{Debug, Display};
use std::time::Duration;

/// `Display` and `Error` by hand, under the where clause the type declares (the test is of
/// the derive's impls, not of these).
macro_rules! error_by_hand {
    ([$($generics:tt)*] $ty:ty $(where $($where:tt)*)?) => {
        #[allow(single_use_lifetimes)]
        impl<$($generics)*> ::core::fmt::Display for $ty $(where $($where)*)? {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(stringify!($ty))
            }
        }
        #[allow(single_use_lifetimes)]
        impl<$($generics)*> ::std::error::Error for $ty
        where
            Self: ::core::fmt::Debug,
            $($($where)*)?
        {
        }
    };
}

/// Inline bounds that are exactly the ones the derive infers (the case of the report: six
/// `trait_duplication_in_bounds` errors at `Display`).
#[derive(Debug, ApiError)]
pub enum InlineBounds<T: Display + Debug> {
    #[status(400)]
    #[message("bad {0}")]
    Bad(T),
}
error_by_hand!([T: Display + Debug] InlineBounds<T>);

/// The same bounds in a where clause, the traits named by longer paths.
mod paths {
    use apierror::ApiError;
    use core::fmt::{self, Debug};

    #[derive(Debug, ApiError)]
    pub enum WhereBounds<T, U, V>
    where
        T: fmt::Display + Debug,
        U: std::fmt::Display + serde::Serialize + Debug,
        V: apierror::retry::RetryAfter + Debug,
    {
        #[status(400)]
        #[message("{0} and {1}")]
        Two(T, U),
        #[status(409)]
        #[message("{value}")]
        Extension {
            value: U,
            #[extension]
            extra: U,
        },
        #[status(429)]
        Later(#[retry_after] V),
    }
    error_by_hand!([T, U, V] WhereBounds<T, U, V>
        where
            T: fmt::Display + Debug,
            U: std::fmt::Display + serde::Serialize + Debug,
            V: apierror::retry::RetryAfter + Debug,
    );
}

/// A where clause that bounds a field type with something else: the derive's bounds join
/// that predicate instead of repeating the type.
#[derive(Debug, ApiError)]
pub enum WhereOtherBound<T>
where
    T: Clone + Debug,
    Vec<T>: Debug,
{
    #[status(422)]
    #[message("{0}, {1}")]
    Value(T, u8),
    #[status(422)]
    #[message("again {0}")]
    Again(T),
    #[status(400)]
    Listed(#[extension("items")] Vec<T>),
}
error_by_hand!([T] WhereOtherBound<T> where T: Clone + Debug, Vec<T>: Debug);

/// No bounds at all: every one is inferred, several for one parameter.
#[derive(Debug, ApiError)]
pub enum Inferred<T, D, R> {
    #[status(400)]
    #[message("{value}")]
    #[detail(field = "{value}", reason = "bad {value}")]
    #[header("X-Value", "{value}")]
    Everything {
        #[extension]
        value: T,
        #[details]
        details: D,
        #[retry_after]
        retry: R,
    },
}
error_by_hand!([T, D, R] Inferred<T, D, R>);

/// A transparent generic variant, next to a bound the user states for it.
#[derive(Debug, ApiError)]
pub enum Wrapping<E: ApiError> {
    #[transparent]
    Inner(E),
    #[status(500)]
    Other,
}
error_by_hand!([E: ApiError] Wrapping<E>);

/// An extension whose type names a const parameter (its schema is left out, as for a type
/// parameter: the schema is made where the parameter cannot be named).
#[derive(Debug, ApiError)]
pub enum ConstExtension<const N: usize> {
    #[status(400)]
    #[message("Too many items")]
    TooMany {
        #[extension]
        buffer: Buffer<N>,
    },
}
error_by_hand!([const N: usize] ConstExtension<N>);

/// A `Serialize` type with a const parameter.
#[derive(Debug, serde::Serialize)]
pub struct Buffer<const N: usize>(pub u8);

/// A deprecated error type: what the derive writes uses it without a warning, as thiserror's
/// and std's derives do.
#[deprecated(note = "use Everything")]
#[derive(Debug, thiserror::Error, ApiError)]
pub enum Deprecated {
    #[status(404)]
    #[error("gone")]
    Gone,
    #[transparent]
    #[error(transparent)]
    Other(Everything),
}

/// A generic struct with inline bounds, a lifetime and a const parameter.
#[derive(Debug, ApiError)]
#[status(400)]
#[message("{value} in {borrowed}")]
pub struct GenericStruct<'a, T: Display + Debug, const N: usize> {
    value: T,
    borrowed: &'a T,
    #[details]
    details: [Detail; N],
}
error_by_hand!(['a, T: Display + Debug, const N: usize] GenericStruct<'a, T, N>);

/// Every attribute on a non-generic enum.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    format = "problem",
    docs_url = "https://example.com/errors/{code}?status={status}",
    domain = "example.com"
)]
#[status(400)]
pub enum Everything {
    /// A static message.
    ///
    /// With a second paragraph.
    #[code("STATIC_MESSAGE")]
    #[message("Nothing to fill in")]
    #[error("static")]
    Static,
    /// Placeholders by name and position, braces and escapes.
    #[status(404)]
    #[message("Task {id} of {owner} is \"{{gone}}\"")]
    #[error("named")]
    Named { id: u64, owner: String },
    #[status(409)]
    #[message("{0} and {1} and {0}")]
    #[error("positional")]
    Positional(i32, &'static str),
    /// Details from attributes and a field.
    #[status(422)]
    #[detail(field = "name", reason = "Too long", location = "body")]
    #[detail(
        field = "{field}",
        reason = "Bad {field}",
        resource = "task",
        code = "BAD"
    )]
    #[error("details")]
    Details {
        field: String,
        #[details]
        more: Vec<Detail>,
    },
    #[status(422)]
    #[error("details array")]
    DetailsArray(#[details] [Detail; 1]),
    #[status(429)]
    #[error("integer")]
    RetryInteger(#[retry_after] u64),
    #[status(429)]
    #[error("duration")]
    RetryDuration(#[retry_after] Duration),
    #[status(503)]
    #[error("optional")]
    RetryOptional {
        #[retry_after]
        after: Option<Duration>,
    },
    #[status(401)]
    #[header("WWW-Authenticate", "Bearer")]
    #[header("X-Realm", "{realm}")]
    #[error("headers")]
    Headers { realm: String },
    #[status(409)]
    #[error("extensions")]
    Extensions {
        #[extension]
        sync: bool,
        #[extension("renamed")]
        other: Vec<u32>,
        #[extension]
        #[example("hint")]
        hint: Option<String>,
    },
    #[status(500)]
    #[error("internal")]
    Internal(std::io::Error),
    #[status(502)]
    #[error("unavailable")]
    Unavailable,
    #[status(400)]
    #[error("display text")]
    DisplayText,
    /// Docs the compiler expands, between doc comments.
    #[doc = include_str!("fixtures/doc_box.md")]
    #[doc = concat!("Built by ", "concat!")]
    #[error("expanded docs")]
    ExpandedDocs,
    #[transparent]
    #[error(transparent)]
    Wrapped(Single),
    #[transparent]
    #[error(transparent)]
    Boxed(Box<Single>),
}

/// A struct error.
#[derive(Debug, thiserror::Error, ApiError)]
#[status(404)]
#[code("SINGLE")]
#[message("Single {id}")]
#[error("single")]
pub struct Single {
    pub id: u32,
}

/// A unit struct.
#[derive(Debug, thiserror::Error, ApiError)]
#[status(500)]
#[error("unit")]
pub struct Unit;

/// A struct whose doc the compiler expands.
#[derive(Debug, thiserror::Error, ApiError)]
#[doc = concat!("Expanded ", "struct doc.")]
#[status(409)]
#[error("expanded")]
pub struct ExpandedStruct;

/// A transparent struct.
#[derive(Debug, thiserror::Error, ApiError)]
#[transparent]
#[error(transparent)]
pub struct Forward(Everything);

/// An enum without variants.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum Never {}

macro_rules! each_format {
    ($($name:ident = $format:literal),*) => {$(
        #[derive(Debug, thiserror::Error, ApiError)]
        #[api_error(format = $format, domain = "example.com")]
        #[status(400)]
        pub enum $name {
            #[message("In {value}")]
            #[error("e")]
            One { value: u8 },
        }
    )*};
}

each_format!(
    Flat = "flat",
    Nested = "nested",
    ErrorList = "error_list",
    Problem = "problem",
    Google = "google",
    Simple = "simple"
);

// A union and a route's list, with `IntoResponses` (the root package builds with `utoipa`).
apierror::responses!(
    /// Everything.
    pub Union = [Everything, Flat, apierror::axum::FrameworkErrors]
);
apierror::responses!(
    /// Some.
    pub Listed = [Everything::{Extensions, Headers}, Flat::{"ONE"}]
);

#[test]
fn the_linted_types_work() {
    assert_eq!(InlineBounds::Bad(3).message(), "bad 3");
    assert_eq!(
        paths::WhereBounds::<u8, u8, u64>::Two(1, 2).message(),
        "1 and 2"
    );
    assert_eq!(WhereOtherBound::Again(5).message(), "again 5");
    let details = [Detail::new("name", "Too long")];
    let value = GenericStruct {
        value: 1,
        borrowed: &2,
        details,
    };
    assert_eq!(value.message(), "1 in 2");
    assert_eq!(Everything::catalog().len(), 15);
    assert_eq!(Forward(Everything::Unavailable).status().as_u16(), 502);
}
