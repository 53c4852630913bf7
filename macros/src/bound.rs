//! Where-clause inference for generic types: a field whose type mentions a type parameter gets
//! a bound for the role it plays (`Display` in a template, `Serialize` as an extension, ...).
//!
//! The where clause is the type's own, with what is inferred added, and nothing said twice:
//! a bound the user's generics already state (inline or in their where clause) is left out,
//! and bounds on a type the user's where clause already constrains are added to that
//! predicate. Repeating either is what `clippy::trait_duplication_in_bounds` and
//! `clippy::type_repetition_in_bounds` report, at the user's own bound.

use crate::ast::{Field, Input};
use crate::symbol::PRIVATE;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use std::collections::BTreeSet;
use syn::spanned::Spanned;
use syn::{GenericParam, Generics, Path, TypeParamBound, WherePredicate};

/// A trait the derive may require of a field's type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// `ApiError: Error`, required of the type itself.
    Error,
    /// A field interpolated into a template.
    Display,
    /// An `#[extension]` field.
    Serialize,
    /// A `#[details]` field.
    DetailList,
    /// A `#[retry_after]` field.
    RetryAfter,
    /// A `#[transparent]` field.
    Transparent,
}

impl Role {
    fn tokens(self, private: &TokenStream) -> TokenStream {
        match self {
            Role::Error => quote!(::core::error::Error),
            Role::Display => quote!(::core::fmt::Display),
            Role::Serialize => quote!(#private::Serialize),
            Role::DetailList => quote!(#private::DetailList),
            Role::RetryAfter => quote!(#private::RetryAfter),
            Role::Transparent => quote!(#private::Transparent),
        }
    }

    /// The paths that name the trait, module by module: a bound written as any suffix of one
    /// (`Display`, `fmt::Display`, `std::fmt::Display`) is taken to be this trait. The
    /// compiler alone resolves names; a trait of the user's own named `Display` would be
    /// mistaken for `core`'s, and the missing bound reported where the field is used.
    fn paths(self, krate: &[String]) -> Vec<Vec<String>> {
        let words = |path: &[&str]| path.iter().map(|word| (*word).to_owned()).collect();
        let ours = |path: &[&str]| {
            let mut full = krate.to_vec();
            full.extend(path.iter().map(|word| (*word).to_owned()));
            full
        };
        match self {
            Role::Error => vec![
                words(&["core", "error", "Error"]),
                words(&["std", "error", "Error"]),
            ],
            Role::Display => vec![
                words(&["core", "fmt", "Display"]),
                words(&["std", "fmt", "Display"]),
                words(&["alloc", "fmt", "Display"]),
            ],
            Role::Serialize => vec![
                words(&["serde", "Serialize"]),
                words(&["serde", "ser", "Serialize"]),
                ours(&[PRIVATE.as_str(), "Serialize"]),
            ],
            Role::DetailList => vec![ours(&[PRIVATE.as_str(), "DetailList"])],
            Role::RetryAfter => vec![
                ours(&["retry", "RetryAfter"]),
                ours(&[PRIVATE.as_str(), "RetryAfter"]),
            ],
            Role::Transparent => vec![ours(&[PRIVATE.as_str(), "Transparent"])],
        }
    }

    /// Whether `bound` names this trait (plainly: no `?`, no generic arguments).
    fn is_named_by(self, bound: &TypeParamBound, krate: &[String]) -> bool {
        let TypeParamBound::Trait(bound) = bound else {
            return false;
        };
        if bound.maybe.is_some() || bound.modifiers.require_empty().is_err() {
            return false;
        }
        let Some(words) = plain_words(&bound.path) else {
            return false;
        };
        self.paths(krate).iter().any(|path| path.ends_with(&words))
    }
}

/// The types to bound, each with the traits to add to it, in the order first met.
pub struct Bounds {
    bounded: Vec<Bounded>,
    private: TokenStream,
}

struct Bounded {
    /// The type as written, for the predicate (spanned by the field's type).
    ty: TokenStream,
    /// Its tokens as text, to compare with the user's predicates.
    key: String,
    span: Span,
    roles: Vec<Role>,
}

impl Bounds {
    pub fn infer(input: &Input, private: &TokenStream) -> Self {
        let params: BTreeSet<String> = input
            .generics
            .type_params()
            .map(|param| param.ident.to_string())
            .collect();
        let mut bounds = Bounds {
            bounded: Vec::new(),
            private: private.clone(),
        };
        if params.is_empty() {
            return bounds;
        }
        let krate: Vec<String> = match &input.attrs.krate {
            Some(path) => path.segments.iter().map(|s| s.ident.to_string()).collect(),
            None => vec!["apierror".to_owned()],
        };
        // The user's bounds, by the text of the type they bound.
        let stated = stated_bounds(input.generics);
        let is_stated = |key: &str, role: Role| {
            stated
                .iter()
                .any(|(ty, bound)| ty == key && role.is_named_by(bound, &krate))
        };
        let mut add = |ty: TokenStream, span: Span, role: Role| {
            let key = ty.to_string();
            if is_stated(&key, role) {
                return;
            }
            match bounds.bounded.iter_mut().find(|bounded| bounded.key == key) {
                Some(bounded) if bounded.roles.contains(&role) => {}
                Some(bounded) => bounded.roles.push(role),
                None => bounds.bounded.push(Bounded {
                    ty,
                    key,
                    span,
                    roles: vec![role],
                }),
            }
        };
        // `ApiError: Error`; a generic type is an `Error` only under bounds its own impl
        // states, so the impl holds where the type is one (no `T: Debug` demanded up front).
        let ident = input.ident;
        let (_, ty_generics, _) = input.generics.split_for_impl();
        add(quote!(#ident #ty_generics), Span::call_site(), Role::Error);
        let mut field = |field: &Field, role: Role| {
            if mentions(field.ty.to_token_stream(), &params) {
                add(field.ty.to_token_stream(), field.ty.span(), role);
            }
        };
        for variant in &input.variants {
            if variant.is_transparent() {
                for each in &variant.fields {
                    field(each, Role::Transparent);
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
                    if let Some(each) = variant.field_for(piece) {
                        field(each, Role::Display);
                    }
                }
            }
            for each in &variant.fields {
                if !each.attrs.extensions.is_empty() {
                    field(each, Role::Serialize);
                }
                if each.attrs.details_field.is_some() {
                    field(each, Role::DetailList);
                }
                if each.attrs.retry_after.is_some() {
                    field(each, Role::RetryAfter);
                }
            }
        }
        bounds
    }

    /// The type's own where clause with the inferred bounds added: to the user's predicate
    /// for the same type where there is one, else as a predicate of their own.
    pub fn where_clause(&self, generics: &Generics) -> TokenStream {
        let private = &self.private;
        let mut merged = vec![false; self.bounded.len()];
        let mut all: Vec<TokenStream> = Vec::new();
        for predicate in generics
            .where_clause
            .iter()
            .flat_map(|clause| clause.predicates.iter())
        {
            let WherePredicate::Type(predicate) = predicate else {
                all.push(predicate.to_token_stream());
                continue;
            };
            let key = predicate.bounded_ty.to_token_stream().to_string();
            let found = self.bounded.iter().position(|bounded| bounded.key == key);
            match found {
                Some(index) if !merged[index] => {
                    merged[index] = true;
                    let mut predicate = predicate.clone();
                    for role in &self.bounded[index].roles {
                        let tokens = role.tokens(private);
                        predicate.bounds.push(syn::parse_quote!(#tokens));
                    }
                    all.push(predicate.to_token_stream());
                }
                _ => all.push(predicate.to_token_stream()),
            }
        }
        for (bounded, merged) in self.bounded.iter().zip(merged) {
            if merged {
                continue;
            }
            let ty = &bounded.ty;
            let roles = bounded.roles.iter().map(|role| role.tokens(private));
            all.push(quote_spanned!(bounded.span=> #ty: #(#roles)+*));
        }
        if all.is_empty() {
            TokenStream::new()
        } else {
            quote!(where #(#all),*)
        }
    }
}

/// Every bound the user's generics state, with the text of the type it bounds: the inline
/// bounds of the type parameters and the where clause's.
fn stated_bounds(generics: &Generics) -> Vec<(String, &TypeParamBound)> {
    let mut stated = Vec::new();
    for param in &generics.params {
        if let GenericParam::Type(param) = param {
            let key = param.ident.to_token_stream().to_string();
            stated.extend(param.bounds.iter().map(|bound| (key.clone(), bound)));
        }
    }
    for predicate in generics
        .where_clause
        .iter()
        .flat_map(|clause| clause.predicates.iter())
    {
        if let WherePredicate::Type(predicate) = predicate {
            let key = predicate.bounded_ty.to_token_stream().to_string();
            stated.extend(predicate.bounds.iter().map(|bound| (key.clone(), bound)));
        }
    }
    stated
}

/// The segments of a path without generic arguments, as words; `None` when one has some.
fn plain_words(path: &Path) -> Option<Vec<String>> {
    path.segments
        .iter()
        .map(|segment| {
            segment
                .arguments
                .is_none()
                .then(|| segment.ident.to_string())
        })
        .collect()
}

/// Whether the tokens of a type name one of the type parameters.
pub fn mentions(tokens: TokenStream, params: &BTreeSet<String>) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => params.contains(&ident.to_string()),
        TokenTree::Group(group) => mentions(group.stream(), params),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::Errors;

    /// The where clause the derive writes for `source`, as text.
    fn where_clause(source: &str) -> String {
        let node: syn::DeriveInput = syn::parse_str(source).unwrap();
        let mut errors = Errors::new();
        let input = Input::from_syn(&node, &mut errors).unwrap();
        let private = quote!(::apierror::__private);
        let clause = Bounds::infer(&input, &private).where_clause(input.generics);
        let clause: syn::WhereClause = syn::parse2(clause).unwrap();
        clause.to_token_stream().to_string()
    }

    fn expect(text: &str) -> String {
        let clause: syn::WhereClause = syn::parse_str(text).unwrap();
        clause.to_token_stream().to_string()
    }

    #[test]
    fn bounds_the_generics_state_are_not_repeated() {
        for source in [
            r#"enum E<T: Display + Debug> { #[status(400)] #[message("bad {0}")] Bad(T) }"#,
            r#"enum E<T: fmt::Display> { #[status(400)] #[message("bad {0}")] Bad(T) }"#,
            r#"enum E<T> where T: std::fmt::Display { #[status(400)] #[message("{0}")] Bad(T) }"#,
            r#"enum E<T: ::core::fmt::Display> { #[status(400)] #[message("{0} {0}")] Bad(T) }"#,
        ] {
            let own = syn::parse_str::<syn::DeriveInput>(source)
                .unwrap()
                .generics
                .where_clause
                .map(|clause| clause.predicates.to_token_stream().to_string() + ",")
                .unwrap_or_default();
            assert_eq!(
                where_clause(source),
                expect(&format!("where {own} E<T>: ::core::error::Error")),
                "{source}"
            );
        }
        // A bound with generic arguments or a modifier is another trait.
        let source =
            r#"enum E<T: ?Display + Display<X>> { #[status(400)] #[message("{0}")] V(T) }"#;
        assert_eq!(
            where_clause(source),
            expect("where E<T>: ::core::error::Error, T: ::core::fmt::Display")
        );
    }

    #[test]
    fn bounds_on_one_type_are_one_predicate() {
        let source = r#"enum E<T, D> {
            #[status(400)] #[message("{value}")]
            V { #[extension] value: T, #[details] details: D },
            #[status(400)] #[message("{0}")]
            W(T),
        }"#;
        assert_eq!(
            where_clause(source),
            expect(
                "where E<T, D>: ::core::error::Error, \
                 T: ::core::fmt::Display + ::apierror::__private::Serialize, \
                 D: ::apierror::__private::DetailList"
            )
        );
    }

    #[test]
    fn bounds_join_the_users_predicate_for_the_same_type() {
        let source = r#"enum E<T> where T: Clone, Vec<T>: Debug, {
            #[status(400)] #[message("{0}")]
            V(#[extension("items")] Vec<T>),
        }"#;
        assert_eq!(
            where_clause(source),
            expect(
                "where T: Clone, \
                 Vec<T>: Debug + ::core::fmt::Display + ::apierror::__private::Serialize, \
                 E<T>: ::core::error::Error"
            )
        );
    }
}
