//! The checks of `apierror::responses!` that const evaluation makes, each emitted as its own
//! constant spanned by the user's token (a listed variant, a listed code, a listed type), so
//! the compiler reports a failed check there rather than at the whole macro call. The
//! `macro_rules!` in the runtime parses the list and forwards each part here.
//!
//! Input, from the runtime's `__apierror_responses!` only:
//! - `variants [Type::Path] A, B` — a check per variant: it exists (a `match`), and it has an
//!   entry of its own (`check_variants`);
//! - `codes [Type::Path] "A", "B"` — a check per code: the type's catalog has it (`check_codes`);
//! - `union Name [Type] [Type::Path] ...` — one code with two statuses across the listed types,
//!   reported at the later listed type it comes in through (`check_node`).

use crate::symbol::{FOUND, HAS_CATALOG, LOCALES_TREE, PRIVATE, TREE};
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::LitStr;

/// Expands one forwarded part; a malformed input (not written by the runtime's macro) is a
/// compile error at it.
pub fn expand(input: TokenStream) -> TokenStream {
    let mut tokens = input.into_iter();
    let kind = match tokens.next() {
        Some(TokenTree::Ident(kind)) => kind,
        _ => return malformed(Span::call_site()),
    };
    let rest: Vec<TokenTree> = tokens.collect();
    match kind.to_string().as_str() {
        "variants" => picks(&rest, kind.span(), variant_check),
        "codes" => picks(&rest, kind.span(), code_check),
        "union" => union(&rest, kind.span()),
        _ => malformed(kind.span()),
    }
}

fn malformed(span: Span) -> TokenStream {
    quote_spanned!(span=> ::core::compile_error!("apierror: internal input of `responses!`; write `apierror::responses!(Name = [Type, ...])`");)
}

/// `::apierror::__private`, every token spanned by `span`.
fn private(span: Span) -> TokenStream {
    quote_spanned!(span=> ::apierror::#PRIVATE)
}

/// `[Type::Path] pick, pick`: one check per pick (commas skipped).
fn picks(
    rest: &[TokenTree],
    span: Span,
    check: fn(&TokenStream, &TokenTree) -> TokenStream,
) -> TokenStream {
    let Some((TokenTree::Group(ty), picks)) = rest.split_first() else {
        return malformed(span);
    };
    if ty.delimiter() != Delimiter::Bracket {
        return malformed(span);
    }
    let ty = ty.stream();
    picks
        .iter()
        .filter(|token| !matches!(token, TokenTree::Punct(punct) if punct.as_char() == ','))
        .map(|pick| check(&ty, pick))
        .collect()
}

/// A listed variant: the `match` fails first when it is no variant (and then the check after
/// it is not evaluated); `check_variants` fails when it is `#[transparent]`.
fn variant_check(ty: &TokenStream, pick: &TokenTree) -> TokenStream {
    let span = pick.span();
    let private = private(span);
    let name = LitStr::new(&pick.to_string(), span);
    let tree = TREE.spanned(span);
    let has_catalog = HAS_CATALOG.spanned(span);
    quote_spanned! {span=>
        const _: () = {
            #[allow(clippy::all)]
            let _ = |error: &#ty| match *error {
                #ty::#pick { .. } => {}
                #[allow(unreachable_patterns)]
                _ => {}
            };
            #private::check_variants(<#ty as #private::#has_catalog>::#tree, &[#name]);
        };
    }
}

/// A listed code: `check_codes` fails when the type's catalog lacks it.
fn code_check(ty: &TokenStream, pick: &TokenTree) -> TokenStream {
    let span = first_span(pick);
    let private = private(span);
    let tree = TREE.spanned(span);
    let has_catalog = HAS_CATALOG.spanned(span);
    quote_spanned! {span=>
        const _: () = #private::check_codes(<#ty as #private::#has_catalog>::#tree, &[#pick]);
    }
}

/// `Name [Type] [Type] ...`: the union's tree is `Name::__APIERROR_TREE`, a node per listed
/// type in this order; a conflict is reported by the statement of the node it came in through
/// (the later of the two), spanned by that type's first token.
fn union(rest: &[TokenTree], span: Span) -> TokenStream {
    let Some((TokenTree::Ident(name), entries)) = rest.split_first() else {
        return malformed(span);
    };
    let root = quote!(::apierror::#PRIVATE);
    let found = FOUND.spanned(Span::call_site());
    let union_tree = LOCALES_TREE;
    let mut statements = TokenStream::new();
    for (index, entry) in entries.iter().enumerate() {
        let TokenTree::Group(entry) = entry else {
            return malformed(span);
        };
        let span = entry
            .stream()
            .into_iter()
            .next()
            .map_or_else(|| entry.span(), |first| first_span(&first));
        let path = private(span);
        let found = FOUND.spanned(span);
        statements.extend(quote_spanned!(span=> #path::check_node(#found, #index);));
    }
    quote! {
        const _: () = {
            #[allow(non_upper_case_globals)]
            const #found: ::core::option::Option<#root::Conflict> =
                #root::find_conflict(#name::#union_tree);
            #statements
        };
    }
}

/// The span of `token`'s first token in the user's file: a fragment a `macro_rules!` forwards
/// (`$code:literal`, `$ty:ty`) comes as an invisible group spanned by the macro call.
fn first_span(token: &TokenTree) -> Span {
    match token {
        TokenTree::Group(group) if group.delimiter() == Delimiter::None => group
            .stream()
            .into_iter()
            .next()
            .map_or_else(|| group.span(), |first| first_span(&first)),
        _ => token.span(),
    }
}
