//! Parsing of the derive's attributes. Unknown, duplicate and misplaced attributes are errors;
//! every error is recorded and parsing goes on, so one build reports them all.

use crate::errors::Errors;
use crate::escape::needs_escaping;
use crate::template::{self, Piece};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, ExprLit, Lit, LitInt, LitStr, Meta, Token};

/// Where an attribute list sits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// An enum: `#[api_error]` and a default `#[status]`.
    Enum,
    /// A struct: everything an enum and a variant accept.
    Struct,
    Variant,
    Field,
}

/// The envelope names `#[api_error(format = "...")]` accepts (runtime `Format`'s names).
pub const FORMATS: [(&str, &str); 6] = [
    ("flat", "Flat"),
    ("nested", "Nested"),
    ("error_list", "ErrorList"),
    ("problem", "Problem"),
    ("google", "Google"),
    ("simple", "Simple"),
];

const API_ERROR_KEYS: &str = "`format`, `docs_url`, `domain`, `skip` and `crate`";
const SKIP_KEYS: &str = "`axum`, `actix` and `utoipa`";
const DETAIL_KEYS: &str = "`field`, `reason`, `location`, `resource` and `code`";

/// A literal string template and its parsed pieces.
pub struct Template {
    pub lit: LitStr,
    pub pieces: Vec<Piece>,
    /// Whether the text can be written as it is by the runtime: it has no brace (written
    /// `{{` or `}}`, which the display form would not tell from a placeholder) and nothing
    /// that JSON escapes.
    pub plain_text: bool,
}

impl Template {
    fn parse(lit: LitStr, errors: &mut Errors) -> Self {
        let pieces = match template::parse(&lit_value(&lit)) {
            Ok(pieces) => pieces,
            Err(error) => {
                errors.spanned(&lit, error);
                Vec::new()
            }
        };
        let plain_text = pieces.iter().all(|piece| match piece {
            Piece::Text(text) => {
                !text.bytes().any(|byte| matches!(byte, b'{' | b'}')) && !needs_escaping(text)
            }
            Piece::Named(_) | Piece::Index(_) => true,
        });
        Self {
            lit,
            pieces,
            plain_text,
        }
    }

    /// Whether the template interpolates no field.
    pub fn is_static(&self) -> bool {
        self.placeholders() == 0
    }

    /// How many placeholders the template has (a field named twice counts twice).
    pub fn placeholders(&self) -> usize {
        self.pieces
            .iter()
            .filter(|piece| !matches!(piece, Piece::Text(_)))
            .count()
    }

    /// The text as documents show it: placeholders kept.
    pub fn display_form(&self) -> String {
        template::display_form(&self.pieces)
    }
}

pub struct Status {
    pub value: u16,
    pub lit: LitInt,
}

#[derive(Default)]
pub struct Skip {
    pub axum: bool,
    pub actix: bool,
    pub utoipa: bool,
}

pub struct Format {
    pub variant: &'static str,
}

pub struct DetailAttr {
    pub tokens: TokenStream,
    pub field: Option<Template>,
    pub reason: Option<Template>,
    pub location: Option<Template>,
    pub resource: Option<Template>,
    pub code: Option<Template>,
}

impl DetailAttr {
    pub fn templates(&self) -> impl Iterator<Item = &Template> {
        [
            &self.field,
            &self.reason,
            &self.location,
            &self.resource,
            &self.code,
        ]
        .into_iter()
        .flatten()
    }
}

pub struct HeaderAttr {
    pub tokens: TokenStream,
    pub name: LitStr,
    pub value: Template,
}

/// One `#[doc]` attribute (a doc comment line is one too).
#[derive(Clone)]
pub enum Doc {
    /// A string literal: its text, without the space a doc comment starts with.
    Text(String),
    /// Any other value (`include_str!("..")`, `concat!(..)`, a macro's `$doc`): only the
    /// compiler can tell its text, so generated code carries the expression.
    Expr(Expr),
}

pub struct ExtensionAttr {
    pub tokens: TokenStream,
    pub name: Option<LitStr>,
}

/// Every attribute the derive reads, wherever it sits; `Place` decides which are allowed.
#[derive(Default)]
pub struct Attrs {
    // #[api_error(...)]
    pub format: Option<Format>,
    pub docs_url: Option<Template>,
    pub domain: Option<LitStr>,
    pub skip: Skip,
    pub krate: Option<syn::Path>,
    // on variants and structs (`status` also on enums)
    pub status: Option<Status>,
    /// A `#[status]` was written but could not be parsed (already reported).
    pub status_invalid: bool,
    pub code: Option<LitStr>,
    pub message: Option<Template>,
    pub details: Vec<DetailAttr>,
    pub headers: Vec<HeaderAttr>,
    pub transparent: Option<TokenStream>,
    pub docs: Vec<Doc>,
    // on fields
    pub details_field: Option<TokenStream>,
    pub retry_after: Option<TokenStream>,
    pub extensions: Vec<ExtensionAttr>,
}

pub fn parse(attrs: &[Attribute], place: Place, errors: &mut Errors) -> Attrs {
    let mut out = Attrs::default();
    for attr in attrs {
        let Some(name) = attr.path().get_ident().map(ToString::to_string) else {
            continue;
        };
        if name == "doc" {
            if let Meta::NameValue(meta) = &attr.meta {
                out.docs.push(doc(&meta.value));
            }
            continue;
        }
        if !is_ours(&name) {
            continue;
        }
        if let Some(message) = misplaced(&name, place) {
            errors.spanned(attr, message);
            continue;
        }
        let result = match name.as_str() {
            "api_error" => parse_api_error(attr, &mut out, errors),
            "status" => match parse_status(attr) {
                Ok(status) => {
                    set(&mut out.status, status, attr, errors);
                    Ok(())
                }
                Err(error) => {
                    out.status_invalid = true;
                    Err(error)
                }
            },
            "code" => parse_str(attr, "#[code(\"TASK_NOT_FOUND\")]")
                .map(|code| set(&mut out.code, code, attr, errors)),
            "message" => parse_str(attr, "#[message(\"Task {id} not found\")]").map(|lit| {
                let template = Template::parse(lit, errors);
                set(&mut out.message, template, attr, errors);
            }),
            "detail" => parse_detail(attr, errors).map(|detail| out.details.push(detail)),
            "header" => parse_header(attr, errors).map(|header| out.headers.push(header)),
            "transparent" => require_path(attr, "#[transparent]")
                .map(|()| set(&mut out.transparent, attr.to_token_stream(), attr, errors)),
            "details" => require_path(attr, "#[details]")
                .map(|()| set(&mut out.details_field, attr.to_token_stream(), attr, errors)),
            "retry_after" => require_path(attr, "#[retry_after]")
                .map(|()| set(&mut out.retry_after, attr.to_token_stream(), attr, errors)),
            "extension" => parse_extension(attr).map(|extension| out.extensions.push(extension)),
            _ => Ok(()),
        };
        errors.ok(result);
    }
    out
}

fn is_ours(name: &str) -> bool {
    matches!(
        name,
        "api_error"
            | "status"
            | "code"
            | "message"
            | "detail"
            | "header"
            | "transparent"
            | "details"
            | "retry_after"
            | "extension"
    )
}

/// The error for an attribute in the wrong place, if it is.
fn misplaced(name: &str, place: Place) -> Option<String> {
    let on_variant = "goes on a variant (or on a struct), not on";
    let on_field = "goes on a field, not on";
    let (allowed, rule) = match name {
        "api_error" => (
            matches!(place, Place::Enum | Place::Struct),
            "goes on the enum or struct, not on",
        ),
        "status" => (
            place != Place::Field,
            "goes on a variant, a struct or an enum, not on",
        ),
        "code" | "message" | "detail" | "header" => {
            (matches!(place, Place::Variant | Place::Struct), on_variant)
        }
        "transparent" => (
            matches!(place, Place::Variant | Place::Struct),
            "goes on a single-field variant, not on",
        ),
        "details" | "retry_after" | "extension" => (place == Place::Field, on_field),
        _ => (true, ""),
    };
    if allowed {
        return None;
    }
    let place = match place {
        Place::Enum => "the enum",
        Place::Struct => "a struct",
        Place::Variant => "a variant",
        Place::Field => "a field",
    };
    Some(format!("`#[{name}]` {rule} {place}"))
}

fn set<T>(slot: &mut Option<T>, value: T, attr: &Attribute, errors: &mut Errors) {
    if slot.is_some() {
        let name = attr
            .path()
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        errors.spanned(
            attr,
            format!("duplicate `#[{name}]` attribute: write it once"),
        );
    } else {
        *slot = Some(value);
    }
}

/// The doc a `#[doc = value]` gives. A literal is read here, seen through the invisible group
/// `macro_rules!` puts around a `$doc:expr`.
fn doc(value: &Expr) -> Doc {
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => {
            let line = lit_value(lit);
            Doc::Text(
                line.strip_prefix(' ')
                    .unwrap_or(&line)
                    .trim_end()
                    .to_owned(),
            )
        }
        Expr::Group(group) => match doc(&group.expr) {
            Doc::Text(text) => Doc::Text(text),
            Doc::Expr(_) => Doc::Expr(value.clone()),
        },
        _ => Doc::Expr(value.clone()),
    }
}

/// The error for a macro call where the derive needs a literal (`concat!(..)`,
/// `include_str!(..)`, `env!(..)`): the derive reads its attributes when it runs, before the
/// compiler expands the macros inside them. `None` when `tokens` are no macro call.
fn macro_value(tokens: &TokenStream, example: &str) -> Option<syn::Error> {
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
fn lit_str_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<LitStr> {
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

fn require_path(attr: &Attribute, example: &str) -> syn::Result<()> {
    match &attr.meta {
        Meta::Path(_) => Ok(()),
        _ => Err(syn::Error::new_spanned(
            attr,
            format!("`{example}` takes no arguments"),
        )),
    }
}

fn parse_str(attr: &Attribute, example: &str) -> syn::Result<LitStr> {
    let list = attr
        .meta
        .require_list()
        .map_err(|_| syn::Error::new_spanned(attr, format!("expected `{example}`")))?;
    match single_literal(&list.tokens) {
        Some(Lit::Str(lit)) => Ok(lit),
        _ => Err(macro_value(&list.tokens, example).unwrap_or_else(|| {
            syn::Error::new_spanned(
                &list.tokens,
                format!("expected one string literal, as in `{example}`"),
            )
        })),
    }
}

/// The literal that is all of `tokens` (seen through the invisible groups `macro_rules!`
/// puts around a `$x:literal`). Read directly, not with a parser: every attribute of every
/// variant comes through here, in a derive that runs unoptimized.
fn single_literal(tokens: &TokenStream) -> Option<Lit> {
    let mut trees = tokens.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Literal(literal)), None) => Some(Lit::new(literal)),
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::None => {
            single_literal(&group.stream())
        }
        _ => None,
    }
}

/// The value of a string literal. Most have no escape and no suffix (and doc comments reach
/// a derive as raw strings), so their value is the text between the quotes, taken here
/// without syn's character-by-character unescaping.
pub fn lit_value(lit: &LitStr) -> String {
    let repr = lit.token().to_string();
    if let Some(raw) = repr.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let fence = raw.get(..hashes).unwrap_or_default();
        if let Some(inner) = raw
            .get(hashes..)
            .and_then(|rest| rest.strip_prefix('"'))
            .and_then(|rest| rest.strip_suffix(fence))
            .and_then(|rest| rest.strip_suffix('"'))
        {
            return inner.to_owned();
        }
    } else if let Some(inner) = repr
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        && !inner.as_bytes().contains(&b'\\')
    {
        return inner.to_owned();
    }
    lit.value()
}

fn parse_status(attr: &Attribute) -> syn::Result<Status> {
    let list = attr
        .meta
        .require_list()
        .map_err(|_| syn::Error::new_spanned(attr, "expected `#[status(404)]`"))?;
    if let Some(error) = macro_value(&list.tokens, "#[status(404)]") {
        return Err(error);
    }
    let lit = match single_literal(&list.tokens) {
        Some(Lit::Int(lit)) => lit,
        other => {
            let what = match other {
                Some(Lit::Str(_)) => "a string",
                _ => "that",
            };
            return Err(syn::Error::new_spanned(
                &list.tokens,
                format!(
                    "expected an integer literal HTTP status, as in `#[status(404)]`, not {what}"
                ),
            ));
        }
    };
    if !lit.suffix().is_empty() {
        return Err(syn::Error::new_spanned(
            &lit,
            "write the status without a type suffix, as in `#[status(404)]`",
        ));
    }
    let value = lit.base10_parse::<u16>().unwrap_or(u16::MAX);
    Ok(Status { value, lit })
}

fn parse_api_error(attr: &Attribute, out: &mut Attrs, errors: &mut Errors) -> syn::Result<()> {
    attr.parse_nested_meta(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let duplicate = || {
            meta.error(format!(
                "duplicate `{key}` in `#[api_error(...)]`: give it once"
            ))
        };
        match key.as_str() {
            "format" => {
                let lit = lit_str_value(&meta)?;
                let name = lit.value();
                let Some(&(_, variant)) = FORMATS.iter().find(|(known, _)| *known == name) else {
                    return Err(syn::Error::new_spanned(
                        &lit,
                        format!(
                            "unknown format `{name}`; expected one of `flat`, `nested`, `error_list`, `problem`, `google`, `simple`"
                        ),
                    ));
                };
                if out.format.is_some() {
                    return Err(duplicate());
                }
                out.format = Some(Format { variant });
            }
            "docs_url" => {
                let lit = lit_str_value(&meta)?;
                if out.docs_url.is_some() {
                    return Err(duplicate());
                }
                out.docs_url = Some(Template::parse(lit, errors));
            }
            "domain" => {
                let lit = lit_str_value(&meta)?;
                if out.domain.is_some() {
                    return Err(duplicate());
                }
                out.domain = Some(lit);
            }
            "crate" => {
                let lit = lit_str_value(&meta)?;
                let path = lit.parse::<syn::Path>().map_err(|_| {
                    syn::Error::new_spanned(
                        &lit,
                        "expected a path to the apierror crate, as in `crate = \"my_crate::apierror\"`",
                    )
                })?;
                if out.krate.is_some() {
                    return Err(duplicate());
                }
                out.krate = Some(path);
            }
            "skip" => meta.parse_nested_meta(|skip| {
                let name = skip
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let flag = match name.as_str() {
                    "axum" => &mut out.skip.axum,
                    "actix" => &mut out.skip.actix,
                    "utoipa" => &mut out.skip.utoipa,
                    _ => {
                        return Err(skip.error(format!(
                            "unknown integration `{name}` in `skip(...)`; the known ones are {SKIP_KEYS}"
                        )));
                    }
                };
                if *flag {
                    return Err(skip.error(format!("`{name}` is skipped twice")));
                }
                *flag = true;
                Ok(())
            })?,
            _ => {
                return Err(meta.error(format!(
                    "unknown key `{key}` in `#[api_error(...)]`; the known keys are {API_ERROR_KEYS}"
                )));
            }
        }
        Ok(())
    })
}

fn parse_detail(attr: &Attribute, errors: &mut Errors) -> syn::Result<DetailAttr> {
    let mut detail = DetailAttr {
        tokens: attr.to_token_stream(),
        field: None,
        reason: None,
        location: None,
        resource: None,
        code: None,
    };
    if !matches!(attr.meta, Meta::List(_)) {
        return Err(syn::Error::new_spanned(
            attr,
            "expected `#[detail(field = \"...\", reason = \"...\")]`",
        ));
    }
    attr.parse_nested_meta(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let slot = match key.as_str() {
            "field" => &mut detail.field,
            "reason" => &mut detail.reason,
            "location" => &mut detail.location,
            "resource" => &mut detail.resource,
            "code" => &mut detail.code,
            _ => {
                return Err(meta.error(format!(
                    "unknown key `{key}` in `#[detail(...)]`; the known keys are {DETAIL_KEYS}"
                )));
            }
        };
        let lit = lit_str_value(&meta)?;
        if slot.is_some() {
            return Err(meta.error(format!("duplicate `{key}` in `#[detail(...)]`")));
        }
        *slot = Some(Template::parse(lit, errors));
        Ok(())
    })?;
    if detail.reason.is_none() {
        return Err(syn::Error::new_spanned(
            attr,
            "`#[detail(...)]` needs a `reason`, as in `#[detail(field = \"email\", reason = \"Invalid format\")]`",
        ));
    }
    Ok(detail)
}

fn parse_header(attr: &Attribute, errors: &mut Errors) -> syn::Result<HeaderAttr> {
    const EXAMPLE: &str = "expected `#[header(\"Name\", \"value\")]`, as in `#[header(\"WWW-Authenticate\", \"Bearer\")]`";
    let list = attr
        .meta
        .require_list()
        .map_err(|_| syn::Error::new_spanned(attr, EXAMPLE))?;
    let args = list
        .parse_args_with(Punctuated::<Expr, Token![,]>::parse_terminated)
        .map_err(|_| syn::Error::new_spanned(&list.tokens, EXAMPLE))?;
    let example = "#[header(\"WWW-Authenticate\", \"Bearer\")]";
    let args = args
        .into_iter()
        .map(|arg| match arg {
            Expr::Lit(ExprLit {
                lit: Lit::Str(lit), ..
            }) => Ok(lit),
            other => Err(macro_value(&other.to_token_stream(), example)
                .unwrap_or_else(|| syn::Error::new_spanned(&list.tokens, EXAMPLE))),
        })
        .collect::<syn::Result<Vec<LitStr>>>()?;
    let mut args = args.into_iter();
    let (Some(name), Some(value), None) = (args.next(), args.next(), args.next()) else {
        return Err(syn::Error::new_spanned(&list.tokens, EXAMPLE));
    };
    Ok(HeaderAttr {
        tokens: attr.to_token_stream(),
        name,
        value: Template::parse(value, errors),
    })
}

fn parse_extension(attr: &Attribute) -> syn::Result<ExtensionAttr> {
    let name = match &attr.meta {
        Meta::Path(_) => None,
        Meta::List(list) => Some(syn::parse2::<LitStr>(list.tokens.clone()).map_err(|_| {
            if let Some(error) = macro_value(&list.tokens, "#[extension(\"sync\")]") {
                return error;
            }
            syn::Error::new_spanned(
                &list.tokens,
                "expected the member name as one string, as in `#[extension(\"sync\")]`",
            )
        })?),
        Meta::NameValue(_) => {
            return Err(syn::Error::new_spanned(
                attr,
                "expected `#[extension]` or `#[extension(\"name\")]`",
            ));
        }
    };
    Ok(ExtensionAttr {
        tokens: attr.to_token_stream(),
        name,
    })
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
