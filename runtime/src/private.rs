//! What generated code names. Not public API: no stability promise.

pub use crate::api_error::{INTERNAL_MESSAGE, UNAVAILABLE_MESSAGE};
pub use crate::catalog::{Catalog, CatalogNode, CatalogTree, ErrorSpec, HasCatalog, check_tree};
pub use crate::detail::Detail;
pub use crate::extension::Extension;
pub use crate::format::Format;
pub use crate::json::MessageWriter;
pub use crate::render::StaticParts;
pub use crate::retry::RetryAfter;
pub use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
pub use serde::Serialize;
pub use std::borrow::Cow;
pub use std::string::String;
pub use std::vec::Vec;

use crate::ApiError;
use core::fmt::{self, Write as _};

/// The format of the first tree (`catalog!`'s format).
pub const fn first_format(trees: &[&CatalogTree]) -> Format {
    match trees.first() {
        Some(tree) => tree.format,
        None => Format::Flat,
    }
}

/// A status the derive has already checked to be in 400..=599.
pub const fn status_code(status: u16) -> StatusCode {
    match StatusCode::from_u16(status) {
        Ok(status) => status,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The type of a `#[transparent]` field: an error with a catalog of its own.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be `#[transparent]`: it is not an error type that derives `ApiError`",
    label = "a `#[transparent]` field must itself derive `ApiError`"
)]
pub trait Transparent: ApiError + HasCatalog {}

impl<T: ApiError + HasCatalog + ?Sized> Transparent for T {}

/// The static parts of variant `index` in a derived type's table.
#[inline]
pub fn parts_at(
    table: &'static [Option<StaticParts>],
    index: usize,
) -> Option<&'static StaticParts> {
    table.get(index).and_then(Option::as_ref)
}

/// The static parts of a variant the derive described (always `Some` for those).
#[inline]
pub fn known(parts: Option<&'static StaticParts>) -> &'static StaticParts {
    parts.unwrap_or(&StaticParts::UNKNOWN)
}

/// The message of a derived error whose message is its static text or its template: the
/// text, or the template filled in by the error's `__message_json` (without escaping).
pub fn message_of<T: ApiError + ?Sized>(err: &T) -> Cow<'_, str> {
    if let Some(message) = known(err.__static_parts()).message() {
        return Cow::Borrowed(message);
    }
    let mut text = Vec::new();
    let mut writer = MessageWriter::plain(&mut text);
    err.__message_json(&mut writer);
    writer.finish();
    // Every piece written is a `str`, so this never takes the lossy path.
    Cow::Owned(
        String::from_utf8(text)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()),
    )
}

/// The `Display` text of `value`; empty when its `Display` impl fails.
pub fn display_string<T: fmt::Display + ?Sized>(value: &T) -> String {
    let mut text = String::new();
    if write!(text, "{value}").is_err() {
        text.clear();
    }
    text
}

/// Appends the `Display` text of `value`; a failing `Display` leaves nothing behind.
pub fn push_display<T: fmt::Display + ?Sized>(out: &mut String, value: &T) {
    let mark = out.len();
    if write!(out, "{value}").is_err() {
        out.truncate(mark);
    }
}

/// The type of a `#[details]` field: anything that lends a `[Detail]` slice.
#[diagnostic::on_unimplemented(
    message = "`#[details]` needs a list of `apierror::Detail`; `{Self}` is not one",
    label = "expected `Vec<Detail>`, `[Detail; N]`, `&[Detail]` or another `AsRef<[Detail]>`"
)]
pub trait DetailList {
    fn detail_slice(&self) -> &[Detail];
}

impl<T: AsRef<[Detail]> + ?Sized> DetailList for T {
    #[inline]
    fn detail_slice(&self) -> &[Detail] {
        self.as_ref()
    }
}

/// The details a `#[details]` field supplies.
#[inline]
pub fn details_of<T: DetailList + ?Sized>(field: &T) -> &[Detail] {
    field.detail_slice()
}

/// The seconds a `#[retry_after]` field holds.
#[inline]
pub fn retry_after_of<T: RetryAfter + ?Sized>(field: &T) -> Option<u64> {
    field.retry_after_secs()
}

/// Appends a header whose value was built from a template. A value that is not visible ASCII,
/// spaces and tabs (a field holding CR, LF or non-ASCII text, say) is dropped, never sent: the
/// same rule the derive applies to the static parts.
pub fn append_header(headers: &mut HeaderMap, name: HeaderName, value: String) {
    let visible = value
        .bytes()
        .all(|b| b == b'\t' || (0x20..0x7f).contains(&b));
    if let (true, Ok(value)) = (visible, HeaderValue::try_from(value)) {
        headers.append(name, value);
    }
}

/// An interpolated value. Generated code calls `(&Interp(value)).__apierror_write(..)`: method
/// resolution picks [`InterpFast`] when the value is an integer or a string (by-value receiver)
/// and falls back to [`InterpDisplay`] (autoref) for anything else that is `Display`.
pub struct Interp<'a, T: ?Sized>(pub &'a T);

impl<T: ?Sized> fmt::Debug for Interp<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Interp")
    }
}

/// Integers and strings, written without going through `fmt`.
pub trait InterpFast {
    fn __apierror_write(&self, out: &mut MessageWriter<'_>);
    fn __apierror_push(&self, out: &mut String);
}

/// Any other `Display` value.
pub trait InterpDisplay {
    fn __apierror_write(&self, out: &mut MessageWriter<'_>);
    fn __apierror_push(&self, out: &mut String);
}

impl<T: fmt::Display + ?Sized> InterpDisplay for &Interp<'_, T> {
    #[inline]
    fn __apierror_write(&self, out: &mut MessageWriter<'_>) {
        out.push_display(self.0);
    }

    #[inline]
    fn __apierror_push(&self, out: &mut String) {
        push_display(out, self.0);
    }
}

macro_rules! interp_integer {
    ($method:ident as $wide:ty: $($ty:ty)*) => {$(
        impl InterpFast for Interp<'_, $ty> {
            #[inline]
            fn __apierror_write(&self, out: &mut MessageWriter<'_>) {
                out.$method(<$wide>::from(*self.0));
            }

            #[inline]
            fn __apierror_push(&self, out: &mut String) {
                out.push_str(itoa::Buffer::new().format(*self.0));
            }
        }
    )*};
}

interp_integer!(push_u64 as u64: u8 u16 u32 u64);
interp_integer!(push_i64 as i64: i8 i16 i32 i64);
interp_integer!(push_u128 as u128: u128);
interp_integer!(push_i128 as i128: i128);

impl InterpFast for Interp<'_, usize> {
    #[inline]
    fn __apierror_write(&self, out: &mut MessageWriter<'_>) {
        out.push_u128(*self.0 as u128);
    }

    #[inline]
    fn __apierror_push(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self.0));
    }
}

impl InterpFast for Interp<'_, isize> {
    #[inline]
    fn __apierror_write(&self, out: &mut MessageWriter<'_>) {
        out.push_i128(*self.0 as i128);
    }

    #[inline]
    fn __apierror_push(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self.0));
    }
}

macro_rules! interp_string {
    ($($ty:ty)*) => {$(
        impl InterpFast for Interp<'_, $ty> {
            #[inline]
            fn __apierror_write(&self, out: &mut MessageWriter<'_>) {
                out.push_str(self.0);
            }

            #[inline]
            fn __apierror_push(&self, out: &mut String) {
                out.push_str(self.0);
            }
        }
    )*};
}

interp_string!(str String &str Cow<'_, str>);

#[cfg(feature = "actix")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum;
#[cfg(feature = "utoipa")]
pub use utoipa;

/// Emits `IntoResponse` for a derived type when the `axum` feature is on.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_axum {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $($ty)* $($where)* {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::axum::into_response(&self)
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_axum {
    ($($tokens:tt)*) => {};
}

/// Emits `ResponseError` for a derived type when the `actix` feature is on.
#[cfg(feature = "actix")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_actix {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)* $($where)* {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::actix::status_code(self)
            }
            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::actix::error_response(self)
            }
        }
    };
}

#[cfg(not(feature = "actix"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_actix {
    ($($tokens:tt)*) => {};
}

/// Emits `IntoResponses` for a derived type when the `utoipa` feature is on.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_utoipa {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::utoipa::IntoResponses for $($ty)* $($where)* {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<$crate::__private::utoipa::openapi::response::Response>,
            > {
                $crate::openapi::responses(
                    $crate::Catalog::of::<Self>(),
                )
            }
        }
    };
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_utoipa {
    ($($tokens:tt)*) => {};
}

pub use crate::{
    __apierror_impl_actix as impl_actix, __apierror_impl_axum as impl_axum,
    __apierror_impl_utoipa as impl_utoipa,
};
