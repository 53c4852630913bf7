//! String and integer literals in the derive's attributes, read directly: every attribute of
//! every variant comes through here, in a derive that runs unoptimized.

use proc_macro2::{Delimiter, Literal, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Expr, Lit, LitStr};

/// The error for a macro call where the derive needs a literal (`concat!(..)`,
/// `include_str!(..)`, `env!(..)`): the derive reads its attributes when it runs, before the
/// compiler expands the macros inside them. `None` when `tokens` are no macro call.
pub fn macro_value(tokens: &TokenStream, example: &str) -> Option<syn::Error> {
    let Ok(Expr::Macro(call)) = syn::parse2::<Expr>(tokens.clone()) else {
        return None;
    };
    let name = call
        .mac
        .path
        .segments
        .last()
        .map(|segment| segment.ident.to_string())
        .unwrap_or_default();
    Some(syn::Error::new_spanned(
        tokens,
        format!(
            "`{name}!` cannot be used here: the derive reads this value before macros are \
             expanded; write a literal, as in `{example}` (of the derive's inputs, only \
             `#[doc = {name}!(..)]` takes one)"
        ),
    ))
}

/// The string literal of a `key = "value"` in an attribute's list; a macro call there is
/// an error that says why it cannot work.
pub fn lit_str_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<LitStr> {
    let value = meta.value()?;
    if let Ok(Expr::Macro(call)) = value.fork().parse::<Expr>() {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let example = format!("{key} = \"...\"");
        let error = macro_value(&call.to_token_stream(), &example);
        // Consumed, so that the error is the only one.
        let _: Expr = value.parse()?;
        return Err(error.unwrap_or_else(|| value.error("expected a string literal")));
    }
    value.parse()
}

/// The literal that is all of `tokens` (seen through the invisible groups `macro_rules!`
/// puts around a `$x:literal`). Read directly, not with a parser: every attribute of every
/// variant comes through here, in a derive that runs unoptimized.
pub fn single_literal(tokens: &TokenStream) -> Option<Lit> {
    let mut trees = tokens.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Literal(literal)), None) => Some(lit(literal)),
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::None => {
            single_literal(&group.stream())
        }
        _ => None,
    }
}

/// `literal` as syn's `Lit::new` reads it; a string literal without escapes or suffix (most
/// are) rebuilt from its value, which costs less than syn's character-by-character parse.
fn lit(literal: Literal) -> Lit {
    let repr = literal.to_string();
    if repr.starts_with(['"', 'r'])
        && let Some(value) = plain_value(&repr)
    {
        return Lit::Str(LitStr::new(&value, literal.span()));
    }
    Lit::new(literal)
}

/// The value of a string literal. Most have no escape and no suffix (a doc comment reaches a
/// derive as a plain string literal, escaped only where its text has a quote or a backslash),
/// so their value is the text between the quotes, taken here without syn's
/// character-by-character unescaping.
pub fn lit_value(lit: &LitStr) -> String {
    plain_value(&lit.token().to_string()).unwrap_or_else(|| lit.value())
}

/// The value of `literal` if it is a string literal (`None` for any other literal): read as
/// [`lit_value`] reads one, without syn's parse when it has no escape.
pub fn literal_str_value(literal: &Literal) -> Option<String> {
    if let Some(value) = plain_value(&literal.to_string()) {
        return Some(value);
    }
    match Lit::new(literal.clone()) {
        Lit::Str(lit) => Some(lit.value()),
        _ => None,
    }
}

/// The value of a string literal written `repr`, if it has no escape and no suffix.
fn plain_value(repr: &str) -> Option<String> {
    if let Some(raw) = repr.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let fence = raw.get(..hashes).unwrap_or_default();
        if let Some(inner) = raw
            .get(hashes..)
            .and_then(|rest| rest.strip_prefix('"'))
            .and_then(|rest| rest.strip_suffix(fence))
            .and_then(|rest| rest.strip_suffix('"'))
        {
            return Some(inner.to_owned());
        }
    } else if let Some(inner) = repr
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        && !inner.as_bytes().contains(&b'\\')
    {
        return Some(inner.to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lit_value_agrees_with_syn() {
        for source in [
            r#""plain text""#,
            r#""""#,
            r#""escaped \" quote \\ backslash \n \u{e9}""#,
            r#"r"raw \n stays""#,
            r##"r#"raw with "quotes""#"##,
            r###"r##"two "# hashes"##"###,
            r#"r"""#,
            r#""unicode é 🦀""#,
            r#""suffixed"sfx"#,
            r#"r"raw"sfx"#,
        ] {
            let lit: LitStr = syn::parse_str(source).unwrap();
            assert_eq!(lit_value(&lit), lit.value(), "{source}");
            assert_eq!(literal_str_value(&lit.token()).as_ref(), Some(&lit.value()));
        }
    }

    #[test]
    fn only_string_literals_have_a_string_value() {
        for source in ["1", "1.5", "'c'", "b\"bytes\"", "br\"raw bytes\"", "true"] {
            let tokens: TokenStream = source.parse().unwrap();
            if let Some(TokenTree::Literal(literal)) = tokens.into_iter().next() {
                assert_eq!(literal_str_value(&literal), None, "{source}");
            }
        }
    }

    #[test]
    fn literals_read_as_syn_reads_them() {
        for source in [
            r#""plain""#,
            r#""esc\"aped""#,
            r##"r#"raw "q""#"##,
            r#""suffixed"sfx"#,
            "42",
            "1.5",
            "'c'",
            "true",
        ] {
            let tokens: TokenStream = source.parse().unwrap();
            let Some(TokenTree::Literal(literal)) = tokens.into_iter().next() else {
                continue;
            };
            let ours = lit(literal.clone());
            let theirs = Lit::new(literal.clone());
            match (&ours, &theirs) {
                (Lit::Str(ours), Lit::Str(theirs)) => {
                    assert_eq!(ours.value(), theirs.value(), "{source}");
                    assert_eq!(ours.suffix(), theirs.suffix(), "{source}");
                }
                _ => assert_eq!(
                    ours.to_token_stream().to_string(),
                    theirs.to_token_stream().to_string()
                ),
            }
        }
    }

    #[test]
    fn a_literal_is_read_through_invisible_groups() {
        let literal = TokenStream::from(TokenTree::Literal(proc_macro2::Literal::string("x")));
        let grouped = TokenStream::from(TokenTree::Group(proc_macro2::Group::new(
            Delimiter::None,
            literal.clone(),
        )));
        for tokens in [literal, grouped] {
            assert!(matches!(single_literal(&tokens), Some(Lit::Str(lit)) if lit.value() == "x"));
        }
        let two: TokenStream = "\"a\" \"b\"".parse().unwrap();
        assert!(single_literal(&two).is_none());
    }
}
