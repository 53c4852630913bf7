//! Code generation, one file per thing generated: `methods` the `ApiError` impl, `message`
//! the message and other templated text, `catalog` the catalog tree, `HasCatalog`, the const
//! check of transparent codes and the rustdoc table, `frameworks` the framework impls (also
//! for `fallback`). This file is the entry point and what the others share: the `match` over
//! the variants, and forwarding to a transparent variant's field.

mod catalog;
pub mod frameworks;
mod message;
mod methods;

use crate::ast::{Field, Input, Variant};
use crate::bound::Bounds;
use crate::errors::Errors;
use crate::source::Source;
use crate::symbol::{PRIVATE, STATIC_PARTS, TRANSPARENT_TRAIT, WRAPPED};
use crate::template::Piece;
use crate::{fallback, valid};
use proc_macro2::{Delimiter, Group, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

/// The derive's entry point on `proc_macro2` tokens, so tests and fuzzers can call it.
pub fn derive(tokens: TokenStream) -> TokenStream {
    let node = match crate::parse::derive_input(tokens) {
        Ok(node) => node,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::new();
    let input = Input::from_syn(&node, &mut errors);
    if let Some(input) = &input {
        valid::validate(input, &mut errors);
    }
    let krate = input
        .as_ref()
        .and_then(|input| input.attrs.krate.as_ref())
        .map_or_else(|| quote!(::apierror), ToTokens::to_token_stream);
    match (errors.finish(), &input) {
        (Ok(()), Some(input)) => Expander::new(input, krate).expand(),
        (Err(error), _) => {
            let mut out = error.to_compile_error();
            out.extend(fallback::expand(&node, &krate, input.as_ref()));
            out
        }
        (Ok(()), None) => TokenStream::new(),
    }
}

struct Expander<'a> {
    input: &'a Input<'a>,
    krate: TokenStream,
    private: TokenStream,
}

impl<'a> Expander<'a> {
    fn new(input: &'a Input<'a>, krate: TokenStream) -> Self {
        let private = quote!(#krate::#PRIVATE);
        Self {
            input,
            krate,
            private,
        }
    }

    fn has_transparent(&self) -> bool {
        self.input.variants.iter().any(Variant::is_transparent)
    }

    /// Everything the derive generates, in this order: the `ApiError` impl, the catalog block
    /// with `HasCatalog`, the check of a non-generic type with transparent variants, the
    /// rustdoc table, the framework impls.
    fn expand(&self) -> TokenStream {
        let input = self.input;
        let bounds = Bounds::infer(input, &self.private);
        let where_clause = bounds.where_clause(input.generics);
        let api_error = self.api_error_impl(&where_clause);
        let catalog = self.catalog(&where_clause);
        let frameworks = frameworks::frameworks(input, &self.private, &where_clause);
        quote! {
            #api_error
            #catalog
            #frameworks
        }
    }

    /// `match self` with an arm for each variant `arm` gives one, and `_ => rest` for the
    /// others; just `rest` when no variant has an arm of its own, and `match *self {}` for an
    /// enum without variants. Variants that behave alike share the one `_` arm, which keeps
    /// the generated code, and so the compile time, small.
    ///
    /// Patterns, and bodies given as text, are written as source text ([`Source`]); a body
    /// given as tokens keeps its spans.
    fn match_some<F>(&self, mut arm: F, rest: TokenStream) -> TokenStream
    where
        F: FnMut(&'a Variant<'a>) -> Option<Arm<'a>>,
    {
        if self.input.variants.is_empty() {
            return quote!(match *self {});
        }
        let mut arms = TokenStream::new();
        let mut source = Source::new();
        let mut any = false;
        let mut all = true;
        for variant in &self.input.variants {
            let Some(Arm { fields, body }) = arm(variant) else {
                all = false;
                continue;
            };
            any = true;
            match body {
                // Batched with the text arms around it: lexing text costs one call per batch.
                Body::Text(text) => {
                    write_pattern(&mut source, self.input.is_enum, variant, &fields);
                    // An expression and a comma: a block would be one more group to lex and lower.
                    source.push(&text).push(",");
                }
                // Written as tokens, the pattern too: a batch of text of its own would cost
                // more than its few tokens.
                Body::Tokens(tokens) => {
                    arms.extend(source.take_tokens());
                    let ident = variant.ident;
                    let path = if self.input.is_enum {
                        quote!(Self::#ident)
                    } else {
                        quote!(Self)
                    };
                    let bindings = fields.iter().map(|field| {
                        let member = &field.member;
                        let binding = &field.binding;
                        quote!(#member: #binding)
                    });
                    arms.extend(quote!(#path { #(#bindings,)* .. } => { #tokens }));
                }
            }
        }
        arms.extend(source.take_tokens());
        if !any {
            return rest;
        }
        if !all {
            arms.extend(quote!(_ => { #rest }));
        }
        // A group made here: `quote!` would copy `arms` token by token.
        let arms = Group::new(Delimiter::Brace, arms);
        quote!(match self #arms)
    }

    /// The derive's [`StaticParts`] of `self`'s variant (in the `_` arms of the methods, which
    /// never see a transparent variant).
    fn parts(&self) -> TokenStream {
        let krate = &self.krate;
        let private = &self.private;
        quote!(#private::known(<Self as #krate::ApiError>::#STATIC_PARTS(self)))
    }

    fn transparent_field(variant: &'a Variant<'a>) -> Option<&'a Field<'a>> {
        if variant.is_transparent() {
            variant.fields.first()
        } else {
            None
        }
    }

    /// An arm that forwards to the transparent field, or `None` for a normal variant.
    ///
    /// `call` gets the trait to call through, `ApiError`, and the field as one:
    /// `<FieldType as __private::Transparent>::__wrapped(field)`, the one way the wrapper
    /// reaches its field (the catalog's node is the same trait's), so that a wrapped type that
    /// is none is one error, at the field's type.
    fn forward(
        &self,
        variant: &'a Variant<'a>,
        call: impl FnOnce(&TokenStream, &TokenStream) -> TokenStream,
    ) -> Option<Arm<'a>> {
        let field = Self::transparent_field(variant)?;
        let krate = &self.krate;
        let through = quote!(#krate::ApiError);
        Some(Arm::new(vec![field], call(&through, &self.wrapped(field))))
    }

    /// A transparent `field` as `&dyn ApiError`:
    /// `<FieldType as __private::Transparent>::__wrapped(field)`.
    fn wrapped(&self, field: &Field<'_>) -> TokenStream {
        let private = &self.private;
        let ty = field.ty;
        let binding = &field.binding;
        quote!(<#ty as #private::#TRANSPARENT_TRAIT>::#WRAPPED(#binding))
    }

    fn field_of(&self, variant: &'a Variant<'a>, piece: &Piece) -> &'a Field<'a> {
        // Validation has checked every placeholder names a field.
        variant.field_for(piece).unwrap_or_else(|| {
            variant
                .fields
                .first()
                .unwrap_or_else(|| unreachable!("placeholder validated"))
        })
    }
}

/// One `match` arm: the fields it binds and its body.
struct Arm<'a> {
    fields: Vec<&'a Field<'a>>,
    body: Body,
}

impl<'a> Arm<'a> {
    fn new(fields: Vec<&'a Field<'a>>, body: TokenStream) -> Self {
        Self {
            fields,
            body: Body::Tokens(body),
        }
    }

    fn body(body: TokenStream) -> Self {
        Self::new(Vec::new(), body)
    }

    /// An arm whose body is source text (see [`Source`]).
    fn text(fields: Vec<&'a Field<'a>>, body: String) -> Self {
        Self {
            fields,
            body: Body::Text(body),
        }
    }
}

/// The body of an arm: tokens, or Rust source text (see [`Source`]).
enum Body {
    Tokens(TokenStream),
    Text(String),
}

/// `Self::Variant { member: binding, .. } =>` (`Self { .. }` for a struct) as source text.
fn write_pattern(source: &mut Source, is_enum: bool, variant: &Variant, fields: &[&Field]) {
    source.push("Self");
    if is_enum {
        source.push("::").push(&variant.ident_text);
    }
    source.push("{");
    for field in fields {
        source
            .push(&field.member_text)
            .push(":")
            .push(&field.binding_text)
            .push(",");
    }
    source.push("..}=>");
}

/// A string literal of `text`. The compiler's `proc_macro` escapes it, in the optimized
/// standard library, where a lexer or a loop here would run unoptimized (proc macros are
/// built without optimizations).
fn str_lit(text: &str) -> Literal {
    Literal::string(text)
}

/// The fields without repeats. All come from one variant, so the same field is the same
/// reference (comparing addresses is cheap in the unoptimized macro; names are not).
fn dedup<'a>(mut fields: Vec<&'a Field<'a>>) -> Vec<&'a Field<'a>> {
    let mut seen: Vec<*const Field<'a>> = Vec::new();
    fields.retain(|field| {
        let key: *const Field<'a> = *field;
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    fields
}

fn ty_span(ty: &syn::Type) -> Span {
    syn::spanned::Spanned::span(ty)
}

#[cfg(test)]
mod tests;
