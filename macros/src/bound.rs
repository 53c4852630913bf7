//! Where-clause inference for generic types: a field whose type mentions a type parameter gets
//! a bound for the role it plays (`Display` in a template, `Serialize` as an extension, ...).

use crate::ast::{Field, Input};
use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use std::collections::BTreeSet;
use syn::Generics;
use syn::spanned::Spanned;

pub struct Bounds {
    predicates: Vec<TokenStream>,
}

impl Bounds {
    pub fn infer(input: &Input, private: &TokenStream) -> Self {
        let params: BTreeSet<String> = input
            .generics
            .type_params()
            .map(|param| param.ident.to_string())
            .collect();
        let mut bounds = Bounds {
            predicates: Vec::new(),
        };
        if params.is_empty() {
            return bounds;
        }
        // `ApiError: Error`; a generic type is an `Error` only under bounds its own impl
        // states, so the impl holds where the type is one (no `T: Debug` demanded up front).
        let ident = input.ident;
        let (_, ty_generics, _) = input.generics.split_for_impl();
        bounds
            .predicates
            .push(quote!(#ident #ty_generics: ::core::error::Error));
        let mut seen = BTreeSet::new();
        let mut add = |field: &Field, bound: TokenStream| {
            if !mentions(field.ty.to_token_stream(), &params) {
                return;
            }
            let ty = field.ty;
            let predicate = quote_spanned!(ty.span()=> #ty: #bound);
            if seen.insert(predicate.to_string()) {
                bounds.predicates.push(predicate);
            }
        };
        for variant in &input.variants {
            if variant.is_transparent() {
                for field in &variant.fields {
                    add(field, quote!(#private::Transparent));
                }
                continue;
            }
            let templates = variant
                .attrs
                .message
                .iter()
                .chain(
                    variant
                        .attrs
                        .details
                        .iter()
                        .flat_map(|detail| detail.templates()),
                )
                .chain(variant.attrs.headers.iter().map(|header| &header.value));
            for template in templates {
                for piece in &template.pieces {
                    if let Some(field) = variant.field_for(piece) {
                        add(field, quote!(::core::fmt::Display));
                    }
                }
            }
            for field in &variant.fields {
                if !field.attrs.extensions.is_empty() {
                    add(field, quote!(#private::Serialize));
                }
                if field.attrs.details_field.is_some() {
                    add(field, quote!(#private::DetailList));
                }
                if field.attrs.retry_after.is_some() {
                    add(field, quote!(#private::RetryAfter));
                }
            }
        }
        bounds
    }

    /// The type's own where clause with the inferred predicates added.
    pub fn where_clause(&self, generics: &Generics) -> TokenStream {
        let own = generics
            .where_clause
            .iter()
            .flat_map(|clause| clause.predicates.iter())
            .map(ToTokens::to_token_stream);
        let all: Vec<TokenStream> = own.chain(self.predicates.iter().cloned()).collect();
        if all.is_empty() {
            TokenStream::new()
        } else {
            quote!(where #(#all),*)
        }
    }
}

/// Whether the tokens of a type name one of the type parameters.
fn mentions(tokens: TokenStream, params: &BTreeSet<String>) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => params.contains(&ident.to_string()),
        TokenTree::Group(group) => mentions(group.stream(), params),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}
