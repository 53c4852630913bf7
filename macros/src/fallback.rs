//! What the derive emits next to its errors: a stub impl, so that code using the type does
//! not fail with unrelated "trait not implemented" errors.

use crate::ast::Input;
use crate::expand::frameworks::frameworks;
use crate::symbol::{FAILED_TREE, NESTED, PRIVATE, TRANSPARENT_TRAIT, TREE, WRAPPED};
use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn expand(node: &DeriveInput, krate: &TokenStream, input: Option<&Input>) -> TokenStream {
    let private = quote!(#krate::#PRIVATE);
    let ident = &node.ident;
    let (impl_generics, ty_generics, where_clause) = node.generics.split_for_impl();
    let frameworks = input
        .map(|input| frameworks(input, &private, &quote!(#where_clause)))
        .unwrap_or_default();
    quote! {
        #[automatically_derived]
        #[allow(deprecated, single_use_lifetimes)]
        impl #impl_generics #krate::ApiError for #ident #ty_generics #where_clause {
            fn status(&self) -> #private::StatusCode {
                ::core::unreachable!()
            }
            fn code(&self) -> &::core::primitive::str {
                ::core::unreachable!()
            }
            fn message(&self) -> #private::Cow<'_, ::core::primitive::str> {
                ::core::unreachable!()
            }
            fn catalog() -> #private::Catalog {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        #[allow(deprecated, single_use_lifetimes)]
        impl #impl_generics #private::HasCatalog for #ident #ty_generics #where_clause {
            const #TREE: &'static #private::CatalogTree = &#private::CatalogTree::#FAILED_TREE;
        }

        #[automatically_derived]
        #[allow(deprecated, single_use_lifetimes)]
        impl #impl_generics #private::#TRANSPARENT_TRAIT for #ident #ty_generics #where_clause {
            const #NESTED: &'static #private::CatalogTree = &#private::CatalogTree::#FAILED_TREE;
            fn #WRAPPED(&self) -> &dyn #krate::ApiError {
                ::core::unreachable!()
            }
        }

        #frameworks
    }
}
