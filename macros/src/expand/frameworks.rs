//! The framework impls (axum, actix-web, utoipa, aide, tonic), for the derive's output and for
//! the stub `fallback` emits next to errors.

use crate::ast::Input;
use proc_macro2::TokenStream;
use quote::quote;

/// The framework impls, each through a runtime macro that expands to nothing unless the
/// runtime's feature for it is on, so the derive itself has no features.
pub fn frameworks(input: &Input, private: &TokenStream, where_clause: &TokenStream) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let args = quote!([#impl_generics] [#ident #ty_generics] [#where_clause]);
    let skip = &input.attrs.skip;
    let mut out = TokenStream::new();
    if !skip.axum {
        out.extend(quote!(#private::impl_axum! { #args }));
    }
    if !skip.actix {
        out.extend(quote!(#private::impl_actix! { #args }));
    }
    if !skip.utoipa {
        out.extend(quote!(#private::impl_utoipa! { #args }));
    }
    if !skip.aide {
        out.extend(quote!(#private::impl_aide! { #args }));
    }
    if !skip.tonic {
        out.extend(quote!(#private::impl_tonic! { #args }));
    }
    out
}
