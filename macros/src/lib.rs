//! The derive macro of the [`apierror`](https://docs.rs/apierror) crate.
//!
//! Depend on `apierror`, which re-exports this derive; the attributes are documented there.
//!
//! The macro works in four steps, one module each: `attr` parses attributes, `ast` builds
//! the model of the input, `valid` checks it (collecting every mistake), and `expand`
//! generates code, or `fallback` a stub impl next to the errors.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod ast;
mod attr;
mod bound;
mod doc_links;
mod doc_table;
mod errors;
mod escape;
mod expand;
mod fallback;
mod locales;
mod parse;
mod responses;
#[cfg(test)]
mod robustness;
mod source;
mod symbol;
mod template;
mod ty;
mod valid;

use proc_macro::TokenStream;

/// Derives `apierror::ApiError`. See the `apierror` crate for the attributes.
#[proc_macro_derive(
    ApiError,
    attributes(
        api_error,
        status,
        code,
        message,
        detail,
        details,
        retry_after,
        extension,
        transparent,
        header,
        example,
        grpc
    )
)]
// Not inlined into the proc-macro bridge when optimized, so that profilers (and
// `benches/compile_time.sh`) find the derive's instructions under its name.
#[inline(never)]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    expand::derive(input.into()).into()
}

/// Embeds and checks the translations of a catalog: `apierror::locales!`, documented there.
#[proc_macro]
pub fn locales(input: TokenStream) -> TokenStream {
    locales::expand(input.into()).into()
}

/// The checks of `apierror::responses!`, each spanned by the listed token it checks. Not
/// public API: the runtime's `responses!` forwards to it through `__private`.
#[doc(hidden)]
#[proc_macro]
pub fn responses_checks(input: TokenStream) -> TokenStream {
    responses::expand(input.into()).into()
}
