//! The derive's input as syn's [`DeriveInput`], parsed with less work than syn's own parser.
//!
//! The derive runs unoptimized (Cargo builds proc macros at `opt-level = 0` in the dev profile),
//! and parsing its input was half of its compile-time cost: syn parses every attribute of
//! every variant into a [`Meta`], and a `#[doc = "..."]` literal twice (a peek, then the
//! parse), unescaping it each time. Here the attributes of the common shapes (`#[name]`,
//! `#[name(...)]`, `#[name = literal]` with a one-identifier path) are read straight off the
//! token cursor, once each, into the same [`Attribute`] syn would build; everything else
//! (visibility, generics, where clauses, field types) goes through syn's parsers. Anything
//! unusual (another attribute shape, a discriminant, a union) falls back to syn's parser for
//! the attribute or the whole input, so the result is what syn gives (but for doc literals,
//! left unparsed): the tests below compare the two.

use crate::symbol::DOC;
use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use syn::buffer::Cursor;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::token::{Brace, Bracket, Paren};
use syn::{
    AttrStyle, Attribute, Data, DataEnum, DataStruct, DeriveInput, Expr, ExprLit, Field,
    FieldModifiers, Fields, FieldsNamed, FieldsUnnamed, Generics, Ident, Lit, MacroDelimiter, Meta,
    MetaList, MetaNameValue, Path, Token, Type, Variant, Visibility, WhereClause, braced,
    parenthesized,
};

/// `tokens` parsed as syn's `parse2::<DeriveInput>` would, with the same result and errors,
/// except that the literal of a `#[doc = "..."]` is left as [`Lit::Verbatim`] (`attr::doc`
/// reads it).
pub fn derive_input(tokens: TokenStream) -> syn::Result<DeriveInput> {
    match fast.parse2(tokens.clone()) {
        Ok(Some(node)) => Ok(node),
        // A shape this parser leaves to syn, or a mistake syn words best.
        Ok(None) | Err(_) => syn::parse2::<DeriveInput>(tokens),
    }
}

/// An enum, or a struct with named, unnamed or no fields; `None` for anything else.
fn fast(input: ParseStream) -> syn::Result<Option<DeriveInput>> {
    let attrs = outer_attrs(input)?;
    let vis: Visibility = input.parse()?;
    if input.peek(Token![enum]) {
        let enum_token: Token![enum] = input.parse()?;
        let ident: Ident = input.parse()?;
        let mut generics: Generics = input.parse()?;
        generics.where_clause = input.parse()?;
        let content;
        let brace_token = braced!(content in input);
        let mut variants = Punctuated::new();
        while !content.is_empty() {
            let Some(variant) = variant(&content)? else {
                skip_rest(&content)?;
                skip_rest(input)?;
                return Ok(None);
            };
            variants.push_value(variant);
            if content.is_empty() {
                break;
            }
            variants.push_punct(content.parse::<Token![,]>()?);
        }
        return Ok(Some(DeriveInput {
            attrs,
            vis,
            ident,
            generics,
            data: Data::Enum(DataEnum {
                enum_token,
                brace_token,
                variants,
            }),
        }));
    }
    if input.peek(Token![struct]) {
        let struct_token: Token![struct] = input.parse()?;
        let ident: Ident = input.parse()?;
        let mut generics: Generics = input.parse()?;
        let (where_clause, fields, semi_token) = data_struct(input)?;
        generics.where_clause = where_clause;
        return Ok(Some(DeriveInput {
            attrs,
            vis,
            ident,
            generics,
            data: Data::Struct(DataStruct {
                struct_token,
                fields,
                semi_token,
            }),
        }));
    }
    skip_rest(input)?;
    Ok(None)
}

/// Consumes what is left of `input`, for a shape left to syn.
fn skip_rest(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((_, next)) = rest.token_tree() {
            rest = next;
        }
        Ok(((), rest))
    })
}

/// syn's `data_struct`: `{ .. }`, `( .. );` or `;`, with a where clause where Rust allows it.
fn data_struct(
    input: ParseStream,
) -> syn::Result<(Option<WhereClause>, Fields, Option<Token![;]>)> {
    let mut where_clause: Option<WhereClause> = input.parse()?;
    if where_clause.is_none() && input.peek(Paren) {
        let fields = unnamed_fields(input)?;
        where_clause = input.parse()?;
        let semi: Token![;] = input.parse()?;
        Ok((where_clause, Fields::Unnamed(fields), Some(semi)))
    } else if input.peek(Brace) {
        Ok((where_clause, Fields::Named(named_fields(input)?), None))
    } else {
        let semi: Token![;] = input.parse()?;
        Ok((where_clause, Fields::Unit, Some(semi)))
    }
}

/// One variant; `None` for one with a discriminant (left to syn).
fn variant(input: ParseStream) -> syn::Result<Option<Variant>> {
    let attrs = outer_attrs(input)?;
    let _visibility: Visibility = input.parse()?;
    let ident: Ident = input.parse()?;
    let fields = if input.peek(Brace) {
        Fields::Named(named_fields(input)?)
    } else if input.peek(Paren) {
        Fields::Unnamed(unnamed_fields(input)?)
    } else {
        Fields::Unit
    };
    if input.peek(Token![=]) {
        return Ok(None);
    }
    Ok(Some(Variant {
        attrs,
        ident,
        fields,
        discriminant: None,
    }))
}

fn named_fields(input: ParseStream) -> syn::Result<FieldsNamed> {
    let content;
    let brace_token = braced!(content in input);
    let mut named = Punctuated::new();
    while !content.is_empty() {
        let attrs = outer_attrs(&content)?;
        let vis: Visibility = content.parse()?;
        let ident: Ident = content.parse()?;
        let colon_token: Token![:] = content.parse()?;
        let ty: Type = content.parse()?;
        named.push_value(Field {
            attrs,
            vis,
            modifiers: FieldModifiers::default(),
            ident: Some(ident),
            colon_token: Some(colon_token),
            ty,
            default: None,
        });
        if content.is_empty() {
            break;
        }
        named.push_punct(content.parse::<Token![,]>()?);
    }
    Ok(FieldsNamed { brace_token, named })
}

fn unnamed_fields(input: ParseStream) -> syn::Result<FieldsUnnamed> {
    let content;
    let paren_token = parenthesized!(content in input);
    let mut unnamed = Punctuated::new();
    while !content.is_empty() {
        unnamed.push_value(Field {
            attrs: outer_attrs(&content)?,
            vis: content.parse()?,
            modifiers: FieldModifiers::default(),
            ident: None,
            colon_token: None,
            ty: content.parse()?,
            default: None,
        });
        if content.is_empty() {
            break;
        }
        unnamed.push_punct(content.parse::<Token![,]>()?);
    }
    Ok(FieldsUnnamed {
        paren_token,
        unnamed,
    })
}

/// The outer attributes at the cursor: the common shapes read here, the first other one and
/// all after it by syn.
fn outer_attrs(input: ParseStream) -> syn::Result<Vec<Attribute>> {
    let mut attrs = Vec::new();
    while let Some(attr) =
        input.step(|cursor| Ok(simple_attr(*cursor).unwrap_or((None, *cursor))))?
    {
        attrs.push(attr);
    }
    if input.peek(Token![#]) {
        attrs.extend(input.call(Attribute::parse_outer)?);
    }
    Ok(attrs)
}

/// `#[name]`, `#[name(..)]` (any delimiter) or `#[name = literal]` at `cursor`, as syn's
/// `Attribute::parse_outer` builds it, and the cursor after it.
fn simple_attr(cursor: Cursor) -> Option<(Option<Attribute>, Cursor)> {
    let (pound, rest) = cursor.punct()?;
    if pound.as_char() != '#' {
        return None;
    }
    let (inside, bracket, after) = rest.group(Delimiter::Bracket)?;
    let (name, rest) = inside.ident()?;
    let path = Path::from(name);
    let meta = if rest.eof() {
        Meta::Path(path)
    } else if let Some((TokenTree::Group(group), end)) = rest.token_tree() {
        if !end.eof() {
            return None;
        }
        let span = group.delim_span();
        let delimiter = match group.delimiter() {
            Delimiter::Parenthesis => MacroDelimiter::Paren(Paren { span }),
            Delimiter::Bracket => MacroDelimiter::Bracket(Bracket { span }),
            Delimiter::Brace => MacroDelimiter::Brace(Brace { span }),
            Delimiter::None => return None,
        };
        Meta::List(MetaList {
            path,
            delimiter,
            tokens: group.stream(),
        })
    } else {
        let (eq, rest) = rest.punct()?;
        if eq.as_char() != '=' || eq.spacing() != Spacing::Alone {
            return None;
        }
        let (literal, end) = rest.literal()?;
        if !end.eof() {
            return None;
        }
        // A doc comment's text is read by `attr::doc`, without syn's unescaping when it has no
        // escape (most have none); syn would parse it twice.
        let lit = if path.is_ident(DOC.as_str()) {
            Lit::Verbatim(literal)
        } else {
            Lit::new(literal)
        };
        Meta::NameValue(MetaNameValue {
            path,
            eq_token: Token![=](eq.span()),
            value: Expr::Lit(ExprLit {
                attrs: Vec::new(),
                lit,
            }),
        })
    };
    Some((
        Some(Attribute {
            pound_token: Token![#](pound.span()),
            style: AttrStyle::Outer,
            bracket_token: Bracket { span: bracket },
            meta,
        }),
        after,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// The fast parser and syn agree, on the shapes it reads and those it leaves to syn.
    #[test]
    fn agrees_with_syn() {
        let inputs = [
            quote! {
                /// The errors.
                #[derive(Debug)]
                #[api_error(format = "flat", docs_url = "https://x/{code}", skip(axum))]
                pub enum E {
                    /// One.
                    #[status(404)] #[code("A")] #[message("a {id}")] #[error("a")]
                    A { id: u64, #[retry_after] secs: u64, pub(crate) r#type: Option<String> },
                    #[error("b")] B(#[source] std::io::Error, Vec<(u8, u16)>),
                    C,
                    #[doc = include_str!("lib.rs")] D { #[extension("n")] n: std::collections::HashMap<String, u32>, },
                    #[cfg_attr(test, doc = "x")] #[a::b] #[c = -1] #[d[1]] #[e{2}] #[f = 'c'] #[g = 1u8] F,
                    #[doc = r"raw"] #[doc = "esc\"aped\n"] #[h] #[i = "x"] #[j::k = "y"] G(#[a] pub u8,),
                }
            },
            quote!(
                enum Empty {}
            ),
            quote!(
                enum Disc {
                    A = 1,
                    B,
                }
            ),
            quote!(
                #[x]
                pub(crate) enum G<'a, T: Clone>
                where
                    T: Copy,
                {
                    A(&'a T),
                    B { t: fn(T) -> T },
                }
            ),
            quote!(
                #[status(500)]
                struct S {
                    #[details]
                    d: Vec<u8>,
                }
            ),
            quote!(
                struct T(u8, #[source] String);
            ),
            quote!(
                struct W<T>(T)
                where
                    T: Clone;
            ),
            quote!(
                struct U;
            ),
            quote!(
                struct V<T>
                where
                    T: Copy,
                {
                    t: T,
                }
            ),
            quote!(union X { a: u8 }),
        ];
        for (index, tokens) in inputs.into_iter().enumerate() {
            // Only the discriminant and the union are left to syn as a whole.
            let read_here = fast.parse2(tokens.clone()).unwrap().is_some();
            assert_eq!(read_here, ![2, 9].contains(&index), "{tokens}");
            let mut ours = derive_input(tokens.clone()).unwrap();
            syn_docs(&mut ours);
            let theirs = syn::parse2::<DeriveInput>(tokens.clone()).unwrap();
            assert_eq!(ours, theirs, "{tokens}");
        }
    }

    /// `node` with its doc literals parsed as syn parses them.
    fn syn_docs(node: &mut DeriveInput) {
        fn fix(attrs: &mut [Attribute]) {
            for attr in attrs {
                if let Meta::NameValue(MetaNameValue {
                    value: Expr::Lit(ExprLit { lit, .. }),
                    ..
                }) = &mut attr.meta
                    && let Lit::Verbatim(literal) = lit
                {
                    *lit = Lit::new(literal.clone());
                }
            }
        }
        fix(&mut node.attrs);
        let fields =
            |fields: &mut Fields| fields.iter_mut().for_each(|field| fix(&mut field.attrs));
        match &mut node.data {
            Data::Enum(data) => {
                for variant in &mut data.variants {
                    fix(&mut variant.attrs);
                    fields(&mut variant.fields);
                }
            }
            Data::Struct(data) => fields(&mut data.fields),
            Data::Union(_) => {}
        }
    }

    #[test]
    fn errors_are_syn_errors() {
        for tokens in [
            quote!(
                fn f() {}
            ),
            quote!(enum E { A B }),
            quote!(struct),
            quote!(#![inner] enum I { A }),
        ] {
            let ours = derive_input(tokens.clone()).unwrap_err().to_string();
            let theirs = syn::parse2::<DeriveInput>(tokens).unwrap_err().to_string();
            assert_eq!(ours, theirs);
        }
    }
}
