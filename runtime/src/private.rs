//! What generated code names. Not public API: no stability promise.

pub use crate::catalog::check::{Conflict, HasCatalog, check_node, check_tree, find_conflict};
pub use crate::catalog::google::check_google_wrapped;
pub use crate::catalog::locales::{Translated, check_coverage, check_translation};
pub use crate::catalog::{
    Catalog, CatalogNode, CatalogTree, DetailDoc, EmbeddedFile, EmbeddedLocales, ErrorSpec,
    FieldDoc, FieldSchema, Pick, Probe, ProbeAny, ProbeSchemars, ProbeUtoipa, SchemaKind,
    Selection, check_codes, check_variants, select, select_with_formats,
};
pub use crate::detail::Detail;
pub use crate::extension::Extension;
pub use crate::format::Format;
pub use crate::message::{Arg, INTERNAL, MessageWriter, UNAVAILABLE};
pub use crate::parts::StaticParts;
pub use crate::retry::RetryAfter;
/// The checks of `responses!`, spanned by the listed tokens.
pub use apierror_derive::responses_checks;
pub use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
pub use serde::Serialize;
pub use std::borrow::Cow;
pub use std::string::String;
pub use std::vec::Vec;

use crate::ApiError;
use core::fmt::{self, Write as _};

/// The format of the first tree that is not a framework's (`catalog!`'s format).
#[allow(clippy::indexing_slicing)] // evaluated at compile time, index checked
pub const fn first_format(trees: &[&CatalogTree]) -> Format {
    let mut i = 0;
    while i < trees.len() {
        if !trees[i].yields {
            return trees[i].format;
        }
        i += 1;
    }
    Format::Flat
}

/// A status the derive has already checked to be in 400..=599.
pub const fn status_code(status: u16) -> StatusCode {
    match StatusCode::from_u16(status) {
        Ok(status) => status,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The description of an error whose doc attributes the compiler expands
/// (`#[doc = include_str!("..")]`): the doc text with the whitespace at both ends cut off, as
/// the derive does with doc comments it reads itself.
pub const fn doc_text(doc: &'static str) -> &'static str {
    let bytes = doc.as_bytes();
    let mut start = 0;
    while start < bytes.len() && whitespace_at(bytes, start) > 0 {
        start += whitespace_at(bytes, start);
    }
    let mut end = bytes.len();
    while end > start && whitespace_before(bytes, end) > 0 {
        end -= whitespace_before(bytes, end);
    }
    // Cut at character boundaries, so always `Ok`.
    match core::str::from_utf8(bytes.split_at(end).0.split_at(start).1) {
        Ok(text) => text,
        Err(_) => doc,
    }
}

/// The length of [`doc_title_bytes`]: the title's buffer is an array of exactly this size.
pub const fn doc_title_len(doc: &str) -> usize {
    first_paragraph(doc, &mut [])
}

/// The first paragraph of `doc` (a [`doc_text`]) on one line: every run of whitespace one
/// space, as the derive makes the title of a doc comment it reads itself.
pub const fn doc_title_bytes<const N: usize>(doc: &str) -> [u8; N] {
    let mut out = [0; N];
    first_paragraph(doc, &mut out);
    out
}

/// The title from [`doc_title_bytes`], else (an empty doc) `fallback`, the name in words.
pub const fn doc_title(bytes: &'static [u8], fallback: &'static str) -> &'static str {
    match core::str::from_utf8(bytes) {
        Ok(title) if !title.is_empty() => title,
        _ => fallback,
    }
}

/// Writes the first paragraph of `doc` on one line into `out`, as far as `out` reaches, and
/// returns its whole length. The paragraph ends at the first line that is blank.
#[allow(clippy::indexing_slicing)] // evaluated at compile time, indices checked
const fn first_paragraph(doc: &str, out: &mut [u8]) -> usize {
    let bytes = doc.as_bytes();
    let mut i = 0;
    let mut len = 0;
    let mut space = false;
    let mut blank_line = true;
    while i < bytes.len() {
        let whitespace = whitespace_at(bytes, i);
        if whitespace > 0 {
            if bytes[i] == b'\n' {
                if blank_line && len > 0 {
                    break;
                }
                blank_line = true;
            }
            space = len > 0;
            i += whitespace;
            continue;
        }
        if space {
            if len < out.len() {
                out[len] = b' ';
            }
            len += 1;
            space = false;
        }
        blank_line = false;
        if len < out.len() {
            out[len] = bytes[i];
        }
        len += 1;
        i += 1;
    }
    len
}

/// The length in bytes of the whitespace character (`char::is_whitespace`) at `i`, else 0.
const fn whitespace_at(bytes: &[u8], i: usize) -> usize {
    match (byte(bytes, i), byte(bytes, i + 1), byte(bytes, i + 2)) {
        (b'\t'..=b'\r' | b' ', _, _) => 1,
        // U+0085, U+00A0
        (0xc2, 0x85 | 0xa0, _) => 2,
        // U+1680
        (0xe1, 0x9a, 0x80) => 3,
        // U+2000..=U+200A, U+2028, U+2029, U+202F
        (0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) => 3,
        // U+205F
        (0xe2, 0x81, 0x9f) => 3,
        // U+3000
        (0xe3, 0x80, 0x80) => 3,
        _ => 0,
    }
}

/// The byte at `i`, or 0 past the end.
#[allow(clippy::indexing_slicing)] // evaluated at compile time, index checked
const fn byte(bytes: &[u8], i: usize) -> u8 {
    if i < bytes.len() { bytes[i] } else { 0 }
}

/// The length in bytes of the whitespace character that ends at `end`, else 0.
const fn whitespace_before(bytes: &[u8], end: usize) -> usize {
    let mut length = 1;
    while length <= 3 && length <= end {
        if whitespace_at(bytes, end - length) == length {
            return length;
        }
        length += 1;
    }
    0
}

/// The type of a `#[transparent]` field: an error with a catalog of its own, which the derive
/// implements this for (and `HttpError`, `RemoteError`, a reference, `Box` or `Arc` of one).
/// The wrapper reaches the field only through it (its catalog tree, the field as an
/// `ApiError`), so a field of another type is one error at the field's type, not one per trait.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be `#[transparent]`: it is not an error type that derives `ApiError`",
    label = "a `#[transparent]` field must itself derive `ApiError` (or be a `RemoteError`, `HttpError`)",
    note = "a library's error (`std::io::Error`, a database error) is a source, not a wrapped API error: drop `#[transparent]`, give the variant its own `#[status(..)]` and keep the field as its source (`#[from]`; thiserror's `#[error(transparent)]` keeps its text for the log)"
)]
pub trait Transparent {
    /// The field's catalog tree (its `HasCatalog::TREE`), a node of the wrapper's.
    const NESTED: &'static CatalogTree;

    /// The field, to forward the wrapper's methods to.
    fn __wrapped(&self) -> &dyn ApiError;
}

/// Implements [`Transparent`] for a type that is an `ApiError` with a catalog.
macro_rules! transparent {
    ($($ty:ty),*) => {$(
        impl Transparent for $ty {
            const NESTED: &'static CatalogTree = <Self as HasCatalog>::TREE;
            #[inline]
            fn __wrapped(&self) -> &dyn ApiError {
                self
            }
        }
    )*};
}

transparent!(crate::HttpError);
#[cfg(feature = "client")]
transparent!(crate::RemoteError);

/// Implements [`Transparent`] for a pointer to a type that has it, as the field it points to.
macro_rules! transparent_through {
    ($($pointer:ty),*) => {$(
        impl<T: Transparent> Transparent for $pointer {
            const NESTED: &'static CatalogTree = T::NESTED;
            #[inline]
            fn __wrapped(&self) -> &dyn ApiError {
                (**self).__wrapped()
            }
        }
    )*};
}

transparent_through!(&T, Box<T>, std::sync::Arc<T>);

/// The static parts of variant `index` in a derived type's table.
#[inline]
pub fn parts_at(
    table: &'static [Option<StaticParts>],
    index: usize,
) -> Option<&'static StaticParts> {
    table.get(index).and_then(Option::as_ref)
}

/// The static parts a `#[transparent]` variant of a type with a domain of its own hands on:
/// the wrapped error's when they carry a domain (the wrapped type's domain applies, so they
/// are right as they are); `None` otherwise, so the renderer asks the wrapper's methods, whose
/// `domain()` falls back to the wrapper's.
#[inline]
pub fn parts_with_domain(parts: Option<&'static StaticParts>) -> Option<&'static StaticParts> {
    parts.filter(|parts| parts.spec.domain.is_some())
}

/// The static parts of a variant the derive described (always `Some` for those).
#[inline]
pub fn known(parts: Option<&'static StaticParts>) -> &'static StaticParts {
    parts.unwrap_or(&StaticParts::UNKNOWN)
}

/// The message of a derived error: its static text, else what its `__message_json` writes,
/// without escaping.
pub fn message_of<T: ApiError + ?Sized>(err: &T) -> Cow<'_, str> {
    let parts = known(err.__static_parts());
    if let Some(message) = parts.message() {
        return Cow::Borrowed(message);
    }
    let mut text = Vec::new();
    let mut writer = MessageWriter::plain(&mut text).with_template(parts.template());
    err.__message_json(&mut writer);
    writer.finish();
    // Every piece written is a `str`, so this never takes the lossy path.
    Cow::Owned(
        String::from_utf8(text)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()),
    )
}

/// What the derived `__message_json` writes for every variant but those it writes itself:
/// the template of the variant's catalog entry filled with `args` (the values of its
/// placeholders, in order; none for a static message), else the error's `Display` text (a
/// 4xx without `#[message]`) or, should a 5xx ever get here, its generic sentence.
///
/// The template comes with the writer when its caller (the renderer, `message_of`) already
/// read the variant's `StaticParts`; only a writer without one asks the error for them.
pub fn message_json<T: ApiError + ?Sized>(err: &T, out: &mut MessageWriter<'_>, args: &[Arg<'_>]) {
    if out.fill_template(args) {
        return;
    }
    let parts = known(err.__static_parts());
    match parts.template() {
        Some(template) => {
            #[cfg(feature = "fluent")]
            if out.capture_template(&template, args) {
                return;
            }
            out.push_template(template.text, template.places, template.plain, args);
        }
        None if parts.status().is_server_error() => {
            out.push_str(crate::message::generic(parts.status()));
        }
        None => out.push_display(err),
    }
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

/// An interpolated value. Generated code calls `Interp(value).__apierror_arg()`: method
/// resolution picks [`InterpFast`] when the value is an integer or a string (by-value receiver)
/// and falls back to [`InterpDisplay`] (autoref) for anything else that is `Display`. Only
/// that fallback borrows the `Interp`: every borrowed temporary costs compile time (the
/// compiler asks whether it could be promoted to a constant).
pub struct Interp<'a, T: ?Sized>(pub &'a T);

impl<T: ?Sized> fmt::Debug for Interp<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Interp")
    }
}

/// Integers and strings, written without going through `fmt`.
pub trait InterpFast<'a> {
    fn __apierror_arg(self) -> Arg<'a>;
}

/// Any other value, which must be [`Placeholder`] (`Display`). Implemented for every
/// `&Interp`, with the bound on the method, so a value that is not `Display` is one error
/// naming `Placeholder`'s message at the field, not a method that "exists but its trait bounds
/// were not satisfied".
pub trait InterpDisplay<'a, T> {
    fn __apierror_arg(self) -> Arg<'a>
    where
        T: Placeholder;
}

impl<'a, T> InterpDisplay<'a, T> for &Interp<'a, T> {
    #[inline]
    fn __apierror_arg(self) -> Arg<'a>
    where
        T: Placeholder,
    {
        Arg::Display(self.0)
    }
}

/// A value a template's placeholder can hold: one that is `Display` (the integers and strings
/// take a faster path, [`InterpFast`]).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a placeholder of a template: it does not implement `std::fmt::Display`",
    label = "a `#[message]`, `#[detail]` or `#[header]` template names this field",
    note = "implement `std::fmt::Display` for `{Self}`, or name another field in the template (an `Option` is not `Display`: make the field the inner type, or leave it out of the template)"
)]
pub trait Placeholder: fmt::Display {}

impl<T: fmt::Display + ?Sized> Placeholder for T {}

macro_rules! interp_integer {
    ($variant:ident as $wide:ty: $($ty:ty)*) => {$(
        impl<'a> InterpFast<'a> for Interp<'a, $ty> {
            #[inline]
            fn __apierror_arg(self) -> Arg<'a> {
                Arg::$variant(<$wide>::from(*self.0))
            }
        }
    )*};
}

interp_integer!(U64 as u64: u8 u16 u32 u64);
interp_integer!(I64 as i64: i8 i16 i32 i64);
interp_integer!(U128 as u128: u128);
interp_integer!(I128 as i128: i128);

impl<'a> InterpFast<'a> for Interp<'a, usize> {
    #[inline]
    fn __apierror_arg(self) -> Arg<'a> {
        Arg::U128(*self.0 as u128)
    }
}

impl<'a> InterpFast<'a> for Interp<'a, isize> {
    #[inline]
    fn __apierror_arg(self) -> Arg<'a> {
        Arg::I128(*self.0 as i128)
    }
}

macro_rules! interp_string {
    ($($ty:ty)*) => {$(
        impl<'a> InterpFast<'a> for Interp<'a, $ty> {
            #[inline]
            fn __apierror_arg(self) -> Arg<'a> {
                Arg::Str(self.0)
            }
        }
    )*};
}

interp_string!(str String &str Cow<'_, str>);

/// What pads the generated arrays of message values to one length; never written (a template
/// takes as many values as it has placeholders).
pub const NO_ARG: Arg<'static> = Arg::Str("");

/// Appends an interpolated value to a header value or a detail being built.
pub fn push_arg(out: &mut String, arg: Arg<'_>) {
    match arg {
        Arg::U64(value) => out.push_str(itoa::Buffer::new().format(value)),
        Arg::I64(value) => out.push_str(itoa::Buffer::new().format(value)),
        Arg::U128(value) => out.push_str(itoa::Buffer::new().format(value)),
        Arg::I128(value) => out.push_str(itoa::Buffer::new().format(value)),
        Arg::Str(value) => out.push_str(value),
        Arg::Display(value) => push_display(out, value),
    }
}

#[cfg(feature = "tonic")]
pub use ::tonic;
#[cfg(feature = "actix")]
pub use actix_web;
#[cfg(feature = "aide")]
pub use aide;
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
        #[allow(deprecated, single_use_lifetimes)]
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $($ty)* $($where)* {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::axum::response_for(&self)
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
        #[allow(deprecated, single_use_lifetimes)]
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
        #[allow(deprecated, single_use_lifetimes)]
        impl $($generics)* $crate::__private::utoipa::IntoResponses for $($ty)* $($where)* {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<$crate::__private::utoipa::openapi::response::Response>,
            > {
                $crate::openapi::responses_of::<Self>()
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

/// Emits `From<T> for tonic::Status` for a derived type when the `tonic` feature is on.
#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_tonic {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated, single_use_lifetimes)]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::tonic::Status $($where)* {
            fn from(err: $($ty)*) -> Self {
                $crate::tonic::into_status(err)
            }
        }
    };
}

#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_tonic {
    ($($tokens:tt)*) => {};
}

pub use crate::{
    __apierror_field_schema as field_schema, __apierror_impl_utoipa_set as impl_utoipa_set,
};
pub use crate::{__apierror_impl_aide as impl_aide, __apierror_impl_aide_set as impl_aide_set};

/// Emits `aide::OperationOutput` for a derived type when the `aide` feature is on: one
/// response per status of its catalog.
#[cfg(feature = "aide")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_aide {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated, single_use_lifetimes)]
        impl $($generics)* $crate::__private::aide::OperationOutput for $($ty)* $($where)* {
            type Inner = Self;
            fn inferred_responses(
                _: &mut $crate::__private::aide::generate::GenContext,
                _: &mut $crate::__private::aide::openapi::Operation,
            ) -> $crate::__private::Vec<(
                ::core::option::Option<::core::primitive::u16>,
                $crate::__private::aide::openapi::Response,
            )> {
                $crate::aide::inferred::<Self>()
            }
        }
    };
}

#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_aide {
    ($($tokens:tt)*) => {};
}

/// Emits `aide::OperationOutput` for a type `responses!` declares (and the framework
/// catalogs) when the `aide` feature is on.
#[cfg(feature = "aide")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_aide_set {
    ($name:ident) => {
        $crate::__private::impl_aide! { [] [$name] [] }
    };
}

#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_aide_set {
    ($($tokens:tt)*) => {};
}
pub use crate::{
    __apierror_impl_actix as impl_actix, __apierror_impl_axum as impl_axum,
    __apierror_impl_tonic as impl_tonic, __apierror_impl_utoipa as impl_utoipa,
};

/// Emits `IntoResponses` for a type `responses!` declares when the `utoipa` feature is on.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_utoipa_set {
    ($name:ident) => {
        #[automatically_derived]
        impl $crate::__private::utoipa::IntoResponses for $name {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::response::Response,
                >,
            > {
                $crate::openapi::responses_of::<$name>()
            }
        }
    };
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_impl_utoipa_set {
    ($($tokens:tt)*) => {};
}
