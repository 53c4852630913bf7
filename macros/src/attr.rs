//! Parsing of the derive's attributes. Unknown, duplicate and misplaced attributes are errors;
//! every error is recorded and parsing goes on, so one build reports them all.

mod lit;

pub use self::lit::lit_value;
use self::lit::{lit_str_value, literal_str_value, macro_value, single_literal};
use crate::errors::Errors;
use crate::escape::needs_escaping;
use crate::symbol::{self as sym, Symbol, prose_list};
use crate::template::{self, Piece};
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
        Self::from_pieces(lit, pieces)
    }

    /// thiserror's `#[error("...")]` as a template, when it is one: a single string literal
    /// (no format arguments after it, not `transparent`) in the template language (placeholders
    /// `{name}` / `{0}` only, no format spec such as `{id:?}`). `None` otherwise, silently:
    /// thiserror checks its own attribute.
    pub fn from_display(attr: &Attribute) -> Option<Self> {
        let lit = attr.parse_args::<LitStr>().ok()?;
        let pieces = template::parse(&lit_value(&lit)).ok()?;
        Some(Self::from_pieces(lit, pieces))
    }

    fn from_pieces(lit: LitStr, pieces: Vec<Piece>) -> Self {
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
    pub aide: bool,
    pub tonic: bool,
}

/// A `#[grpc(code = "...")]`: the gRPC status code, checked to be one of the 16 error codes.
pub struct Grpc {
    pub code: LitStr,
}

pub struct Format {
    /// The runtime `Format`'s variant.
    pub variant: Symbol,
}

/// A `#[detail(...)]`, and the attribute itself for spans.
pub struct DetailAttr<'a> {
    pub attr: &'a Attribute,
    pub field: Option<Template>,
    pub reason: Option<Template>,
    pub location: Option<Template>,
    pub resource: Option<Template>,
    pub code: Option<Template>,
}

impl DetailAttr<'_> {
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

pub struct HeaderAttr<'a> {
    pub attr: &'a Attribute,
    pub name: LitStr,
    pub value: Template,
}

/// One `#[doc]` attribute (a doc comment line is one too).
#[derive(Clone)]
pub enum Doc<'a> {
    /// A string literal: its text, without the space a doc comment starts with.
    Text(String),
    /// Any other value (`include_str!("..")`, `concat!(..)`, a macro's `$doc`): only the
    /// compiler can tell its text, so generated code carries the expression.
    Expr(&'a Expr),
}

/// An `#[example(...)]` value.
pub struct ExampleValue<'a> {
    /// The attribute, for errors about where it sits.
    pub attr: &'a Attribute,
    /// As JSON text: `42`, `"a@b.c"`.
    pub json: String,
    /// As a message shows it: `42`, `a@b.c`.
    pub text: String,
}

pub struct ExtensionAttr<'a> {
    pub attr: &'a Attribute,
    pub name: Option<LitStr>,
}

/// Every attribute the derive reads, wherever it sits; `Place` decides which are allowed.
/// Flags and lists keep the attribute itself: errors about it point at it.
#[derive(Default)]
pub struct Attrs<'a> {
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
    pub details: Vec<DetailAttr<'a>>,
    pub headers: Vec<HeaderAttr<'a>>,
    pub transparent: Option<&'a Attribute>,
    pub docs: Vec<Doc<'a>>,
    /// thiserror's `#[error(...)]`, read (by [`Template::from_display`]) only where its text
    /// is the example message.
    pub display: Option<&'a Attribute>,
    /// `#[grpc(code = "...")]` (variants, structs and enums).
    pub grpc: Option<Grpc>,
    // on fields
    pub details_field: Option<&'a Attribute>,
    pub retry_after: Option<&'a Attribute>,
    pub extensions: Vec<ExtensionAttr<'a>>,
    /// `#[example(...)]`.
    pub example: Option<ExampleValue<'a>>,
}

pub fn parse<'a>(attrs: &'a [Attribute], place: Place, errors: &mut Errors) -> Attrs<'a> {
    let mut out = Attrs::default();
    for attr in attrs {
        let Some(name) = attr.path().get_ident().map(ToString::to_string) else {
            continue;
        };
        if name == sym::DOC {
            if let Meta::NameValue(meta) = &attr.meta {
                out.docs.push(doc(&meta.value));
            }
            continue;
        }
        if name == sym::DISPLAY {
            out.display = Some(attr);
            continue;
        }
        let Some(symbol) = Symbol::find(&sym::ATTRIBUTES, &name) else {
            continue;
        };
        if let Some(message) = misplaced(symbol, place) {
            errors.spanned(attr, message);
            continue;
        }
        let result = match symbol {
            sym::API_ERROR => parse_api_error(attr, &mut out, errors),
            sym::STATUS => match parse_status(attr) {
                Ok(status) => {
                    set(&mut out.status, status, symbol, attr, errors);
                    Ok(())
                }
                Err(error) => {
                    out.status_invalid = true;
                    Err(error)
                }
            },
            sym::CODE => parse_str(attr, symbol, "\"TASK_NOT_FOUND\"")
                .map(|code| set(&mut out.code, code, symbol, attr, errors)),
            sym::MESSAGE => parse_str(attr, symbol, "\"Task {id} not found\"").map(|lit| {
                let template = Template::parse(lit, errors);
                set(&mut out.message, template, symbol, attr, errors);
            }),
            sym::DETAIL => parse_detail(attr, errors).map(|detail| out.details.push(detail)),
            sym::HEADER => parse_header(attr, errors).map(|header| out.headers.push(header)),
            sym::TRANSPARENT => require_path(attr, symbol)
                .map(|()| set(&mut out.transparent, attr, symbol, attr, errors)),
            sym::DETAILS => require_path(attr, symbol)
                .map(|()| set(&mut out.details_field, attr, symbol, attr, errors)),
            sym::RETRY_AFTER => require_path(attr, symbol)
                .map(|()| set(&mut out.retry_after, attr, symbol, attr, errors)),
            sym::EXTENSION => parse_extension(attr).map(|extension| out.extensions.push(extension)),
            sym::EXAMPLE => {
                parse_example(attr).map(|json| set(&mut out.example, json, symbol, attr, errors))
            }
            sym::GRPC => {
                parse_grpc(attr).map(|grpc| set(&mut out.grpc, grpc, symbol, attr, errors))
            }
            _ => Ok(()),
        };
        errors.ok(result);
    }
    out
}

/// `#[name(args)]`, as the examples in error messages write an attribute.
fn example(name: Symbol, args: &str) -> String {
    format!("#[{name}({args})]")
}

/// The error for an attribute in the wrong place, if it is.
fn misplaced(name: Symbol, place: Place) -> Option<String> {
    let on_variant = "goes on a variant (or on a struct), not on";
    let on_field = "goes on a field, not on";
    let (allowed, rule) = match name {
        sym::API_ERROR => (
            matches!(place, Place::Enum | Place::Struct),
            "goes on the enum or struct, not on",
        ),
        sym::STATUS | sym::GRPC => (
            place != Place::Field,
            "goes on a variant, a struct or an enum, not on",
        ),
        sym::CODE | sym::MESSAGE | sym::DETAIL | sym::HEADER => {
            (matches!(place, Place::Variant | Place::Struct), on_variant)
        }
        sym::TRANSPARENT => (
            matches!(place, Place::Variant | Place::Struct),
            "goes on a single-field variant, not on",
        ),
        sym::DETAILS | sym::RETRY_AFTER | sym::EXTENSION | sym::EXAMPLE => {
            (place == Place::Field, on_field)
        }
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

fn set<T>(slot: &mut Option<T>, value: T, name: Symbol, attr: &Attribute, errors: &mut Errors) {
    if slot.is_some() {
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
///
/// A doc literal the derive's parser left unparsed (`Lit::Verbatim`, see `crate::parse`) is read
/// here, as the string literal it is.
fn doc(value: &Expr) -> Doc<'_> {
    let line = match value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => lit_value(lit),
        Expr::Lit(ExprLit {
            lit: Lit::Verbatim(literal),
            ..
        }) => match literal_str_value(literal) {
            Some(line) => line,
            None => return Doc::Expr(value),
        },
        Expr::Group(group) => {
            return match doc(&group.expr) {
                Doc::Text(text) => Doc::Text(text),
                Doc::Expr(_) => Doc::Expr(value),
            };
        }
        _ => return Doc::Expr(value),
    };
    if line.contains('\n') {
        return Doc::Text(block_doc(&line));
    }
    Doc::Text(
        line.strip_prefix(' ')
            .unwrap_or(&line)
            .trim_end()
            .to_owned(),
    )
}

/// The text of a block doc comment (`/** ... */`), as rustdoc reads it: its first and last
/// lines dropped when blank, each line's leading ` * ` margin taken off when every line after
/// the first has one (the first, which follows `/**`, too when it has one), the lines' common
/// indentation (in characters) taken off.
fn block_doc(text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    if lines.first().is_some_and(|line| line.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.last().is_some_and(|line| line.trim().is_empty()) {
        lines.pop();
    }
    let starred = |line: &&str| line.trim_start().starts_with('*');
    if lines.len() > 1 && lines.iter().skip(1).all(starred) {
        for line in &mut lines {
            if let Some(rest) = line.trim_start().strip_prefix('*') {
                *line = rest.strip_prefix(' ').unwrap_or(rest);
            }
        }
    }
    let indent_of = |line: &&str| line.chars().take_while(|c| c.is_whitespace()).count();
    let indent = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(indent_of)
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|line| {
            let start = line
                .char_indices()
                .nth(indent)
                .map_or(line.len(), |(at, _)| at);
            line[start..].trim_end()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn require_path(attr: &Attribute, name: Symbol) -> syn::Result<()> {
    match &attr.meta {
        Meta::Path(_) => Ok(()),
        _ => Err(syn::Error::new_spanned(
            attr,
            format!("`#[{name}]` takes no arguments"),
        )),
    }
}

/// An error at an attribute's arguments: their tokens, or its parentheses when it has none
/// (`#[message()]`), whose empty tokens would put the error at the derive.
fn args_error(list: &syn::MetaList, message: impl std::fmt::Display) -> syn::Error {
    if list.tokens.is_empty() {
        syn::Error::new(list.delimiter.span().join(), message)
    } else {
        syn::Error::new_spanned(&list.tokens, message)
    }
}

/// The string literal of `#[name("...")]`; `args` is what the examples in errors give it.
fn parse_str(attr: &Attribute, name: Symbol, args: &str) -> syn::Result<LitStr> {
    let list = attr.meta.require_list().map_err(|_| {
        syn::Error::new_spanned(attr, format!("expected `{}`", example(name, args)))
    })?;
    match single_literal(&list.tokens) {
        Some(Lit::Str(lit)) => Ok(lit),
        _ => {
            let example = example(name, args);
            Err(macro_value(&list.tokens, &example).unwrap_or_else(|| {
                args_error(
                    list,
                    format!("expected one string literal, as in `{example}`"),
                )
            }))
        }
    }
}

fn parse_status(attr: &Attribute) -> syn::Result<Status> {
    let example = || example(sym::STATUS, "404");
    let list = attr
        .meta
        .require_list()
        .map_err(|_| syn::Error::new_spanned(attr, format!("expected `{}`", example())))?;
    let lit = match single_literal(&list.tokens) {
        Some(Lit::Int(lit)) => lit,
        other => {
            // Only now: the check parses the tokens as an expression, for every status.
            if let Some(error) = macro_value(&list.tokens, &example()) {
                return Err(error);
            }
            let what = match other {
                Some(Lit::Str(_)) => "a string",
                _ if list.tokens.is_empty() => "nothing",
                _ => "that",
            };
            return Err(args_error(
                list,
                format!(
                    "expected an integer literal HTTP status, as in `{}`, not {what}",
                    example()
                ),
            ));
        }
    };
    if !lit.suffix().is_empty() {
        return Err(syn::Error::new_spanned(
            &lit,
            format!(
                "write the status without a type suffix, as in `{}`",
                example()
            ),
        ));
    }
    let value = lit.base10_parse::<u16>().unwrap_or(u16::MAX);
    Ok(Status { value, lit })
}
/// The name of a key in an attribute's list (`format` in `#[api_error(format = "..")]`).
fn key_of(meta: &syn::meta::ParseNestedMeta<'_>) -> String {
    meta.path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn parse_api_error(attr: &Attribute, out: &mut Attrs, errors: &mut Errors) -> syn::Result<()> {
    attr.parse_nested_meta(|meta| {
        let key = key_of(&meta);
        let duplicate = || {
            meta.error(format!(
                "duplicate `{key}` in `#[{}(...)]`: give it once",
                sym::API_ERROR
            ))
        };
        match Symbol::find(&sym::API_ERROR_KEYS, &key) {
            Some(sym::FORMAT) => {
                let lit = lit_str_value(&meta)?;
                let name = lit.value();
                let Some(&(_, variant)) = sym::FORMATS.iter().find(|(known, _)| name == *known)
                else {
                    let known: Vec<String> = sym::FORMATS
                        .iter()
                        .map(|(known, _)| format!("`{known}`"))
                        .collect();
                    return Err(syn::Error::new_spanned(
                        &lit,
                        format!(
                            "unknown format `{name}`; expected one of {}",
                            known.join(", ")
                        ),
                    ));
                };
                if out.format.is_some() {
                    return Err(duplicate());
                }
                out.format = Some(Format { variant });
            }
            Some(sym::DOCS_URL) => {
                let lit = lit_str_value(&meta)?;
                if out.docs_url.is_some() {
                    return Err(duplicate());
                }
                out.docs_url = Some(Template::parse(lit, errors));
            }
            Some(sym::DOMAIN) => {
                let lit = lit_str_value(&meta)?;
                if out.domain.is_some() {
                    return Err(duplicate());
                }
                out.domain = Some(lit);
            }
            Some(sym::CRATE) => {
                let lit = lit_str_value(&meta)?;
                let path = lit.parse::<syn::Path>().map_err(|_| {
                    syn::Error::new_spanned(
                        &lit,
                        format!(
                            "expected a path to the apierror crate, as in `{} = \"my_crate::apierror\"`",
                            sym::CRATE
                        ),
                    )
                })?;
                if out.krate.is_some() {
                    return Err(duplicate());
                }
                out.krate = Some(path);
            }
            Some(sym::SKIP) => meta.parse_nested_meta(|skip| {
                let name = key_of(&skip);
                let flag = match Symbol::find(&sym::SKIP_KEYS, &name) {
                    Some(sym::AXUM) => &mut out.skip.axum,
                    Some(sym::ACTIX) => &mut out.skip.actix,
                    Some(sym::UTOIPA) => &mut out.skip.utoipa,
                    Some(sym::AIDE) => &mut out.skip.aide,
                    Some(sym::TONIC) => &mut out.skip.tonic,
                    _ => {
                        return Err(skip.error(format!(
                            "unknown integration `{name}` in `{}(...)`; the known ones are {}",
                            sym::SKIP,
                            prose_list(&sym::SKIP_KEYS)
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
                    "unknown key `{key}` in `#[{}(...)]`; the known keys are {}",
                    sym::API_ERROR,
                    prose_list(&sym::API_ERROR_KEYS)
                )));
            }
        }
        Ok(())
    })
}

/// `#[grpc(code = "ALREADY_EXISTS")]`: `code` is one of the 16 gRPC error codes, written as
/// google.rpc.Code names them.
fn parse_grpc(attr: &Attribute) -> syn::Result<Grpc> {
    let example = || example(sym::GRPC, &format!("{} = \"ALREADY_EXISTS\"", sym::CODE));
    if !matches!(attr.meta, Meta::List(_)) {
        return Err(syn::Error::new_spanned(
            attr,
            format!("expected `{}`", example()),
        ));
    }
    let mut code = None;
    attr.parse_nested_meta(|meta| {
        let key = key_of(&meta);
        if Symbol::find(&sym::GRPC_KEYS, &key).is_none() {
            return Err(meta.error(format!(
                "unknown key `{key}` in `#[{}(...)]`; the known keys are {}",
                sym::GRPC,
                prose_list(&sym::GRPC_KEYS)
            )));
        }
        let lit = lit_str_value(&meta)?;
        if code.is_some() {
            return Err(meta.error(format!("duplicate `{key}` in `#[{}(...)]`", sym::GRPC)));
        }
        let name = lit.value();
        if Symbol::find(&sym::GRPC_CODES, &name).is_none() {
            let hint = if name == "OK" {
                "`OK` is not an error; "
            } else {
                ""
            };
            return Err(syn::Error::new_spanned(
                &lit,
                format!(
                    "unknown gRPC status code `{name}`; {hint}expected one of {}",
                    prose_list(&sym::GRPC_CODES)
                ),
            ));
        }
        code = Some(lit);
        Ok(())
    })?;
    code.map(|code| Grpc { code }).ok_or_else(|| {
        syn::Error::new_spanned(
            attr,
            format!(
                "`#[{}(...)]` needs a `{}`, as in `{}`",
                sym::GRPC,
                sym::CODE,
                example()
            ),
        )
    })
}

fn parse_detail<'a>(attr: &'a Attribute, errors: &mut Errors) -> syn::Result<DetailAttr<'a>> {
    let mut detail = DetailAttr {
        attr,
        field: None,
        reason: None,
        location: None,
        resource: None,
        code: None,
    };
    if !matches!(attr.meta, Meta::List(_)) {
        return Err(syn::Error::new_spanned(
            attr,
            format!(
                "expected `{}`",
                example(
                    sym::DETAIL,
                    &format!("{} = \"...\", {} = \"...\"", sym::FIELD, sym::REASON)
                )
            ),
        ));
    }
    attr.parse_nested_meta(|meta| {
        let key = key_of(&meta);
        let slot = match Symbol::find(&sym::DETAIL_KEYS, &key) {
            Some(sym::FIELD) => &mut detail.field,
            Some(sym::REASON) => &mut detail.reason,
            Some(sym::LOCATION) => &mut detail.location,
            Some(sym::RESOURCE) => &mut detail.resource,
            Some(sym::CODE) => &mut detail.code,
            _ => {
                return Err(meta.error(format!(
                    "unknown key `{key}` in `#[{}(...)]`; the known keys are {}",
                    sym::DETAIL,
                    prose_list(&sym::DETAIL_KEYS)
                )));
            }
        };
        let lit = lit_str_value(&meta)?;
        if slot.is_some() {
            return Err(meta.error(format!("duplicate `{key}` in `#[{}(...)]`", sym::DETAIL)));
        }
        *slot = Some(Template::parse(lit, errors));
        Ok(())
    })?;
    if detail.reason.is_none() {
        return Err(syn::Error::new_spanned(
            attr,
            format!(
                "`#[{detail}(...)]` needs a `{reason}`, as in `{}`",
                example(
                    sym::DETAIL,
                    &format!(
                        "{} = \"email\", {} = \"Invalid format\"",
                        sym::FIELD,
                        sym::REASON
                    )
                ),
                detail = sym::DETAIL,
                reason = sym::REASON,
            ),
        ));
    }
    Ok(detail)
}

fn parse_header<'a>(attr: &'a Attribute, errors: &mut Errors) -> syn::Result<HeaderAttr<'a>> {
    let sample = || example(sym::HEADER, "\"WWW-Authenticate\", \"Bearer\"");
    let expected = || {
        format!(
            "expected `{}`, as in `{}`",
            example(sym::HEADER, "\"Name\", \"value\""),
            sample()
        )
    };
    let list = attr
        .meta
        .require_list()
        .map_err(|_| syn::Error::new_spanned(attr, expected()))?;
    let args = list
        .parse_args_with(Punctuated::<Expr, Token![,]>::parse_terminated)
        .map_err(|_| args_error(list, expected()))?;
    let args = args
        .into_iter()
        .map(|arg| match arg {
            Expr::Lit(ExprLit {
                lit: Lit::Str(lit), ..
            }) => Ok(lit),
            other => Err(macro_value(&other.to_token_stream(), &sample())
                .unwrap_or_else(|| args_error(list, expected()))),
        })
        .collect::<syn::Result<Vec<LitStr>>>()?;
    let mut args = args.into_iter();
    let (Some(name), Some(value), None) = (args.next(), args.next(), args.next()) else {
        return Err(args_error(list, expected()));
    };
    Ok(HeaderAttr {
        attr,
        name,
        value: Template::parse(value, errors),
    })
}

fn parse_extension(attr: &Attribute) -> syn::Result<ExtensionAttr<'_>> {
    let name = match &attr.meta {
        Meta::Path(_) => None,
        Meta::List(list) => Some(syn::parse2::<LitStr>(list.tokens.clone()).map_err(|_| {
            let example = example(sym::EXTENSION, "\"sync\"");
            if let Some(error) = macro_value(&list.tokens, &example) {
                return error;
            }
            args_error(
                list,
                format!("expected the member name as one string, as in `{example}`"),
            )
        })?),
        Meta::NameValue(_) => {
            return Err(syn::Error::new_spanned(
                attr,
                format!(
                    "expected `#[{}]` or `{}`",
                    sym::EXTENSION,
                    example(sym::EXTENSION, "\"name\"")
                ),
            ));
        }
    };
    Ok(ExtensionAttr { attr, name })
}

/// `#[example(42)]`, `#[example(-1)]`, `#[example(1.5)]`, `#[example(true)]`,
/// `#[example("a@b.c")]`: one literal, as JSON text.
fn parse_example(attr: &Attribute) -> syn::Result<ExampleValue<'_>> {
    let sample = || example(sym::EXAMPLE, "42");
    let expected = || {
        format!(
            "expected one literal (a number, `true`/`false` or a string), as in `{}` or `{}`",
            sample(),
            example(sym::EXAMPLE, "\"user@example.com\"")
        )
    };
    let list = attr
        .meta
        .require_list()
        .map_err(|_| syn::Error::new_spanned(attr, expected()))?;
    if let Some(error) = macro_value(&list.tokens, &sample()) {
        return Err(error);
    }
    let (negative, lit) = match syn::parse2::<Expr>(list.tokens.clone()) {
        Ok(Expr::Lit(ExprLit { lit, .. })) => (false, lit),
        Ok(Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        })) => match *expr {
            Expr::Lit(ExprLit { lit, .. }) => (true, lit),
            _ => return Err(args_error(list, expected())),
        },
        _ => return Err(args_error(list, expected())),
    };
    let sign = if negative { "-" } else { "" };
    let number = |digits: &str| {
        let text = format!("{sign}{digits}");
        ExampleValue {
            attr,
            json: text.clone(),
            text,
        }
    };
    match lit {
        Lit::Str(lit) if !negative => {
            let text = lit_value(&lit);
            Ok(ExampleValue {
                attr,
                json: format!("\"{}\"", crate::escape::json_escape(&text)),
                text,
            })
        }
        Lit::Int(int) if int.base10_parse::<u128>().is_ok() => Ok(number(int.base10_digits())),
        Lit::Float(float) if float.base10_parse::<f64>().is_ok_and(f64::is_finite) => {
            let digits = float.base10_digits();
            // `1.` is a Rust float, not a JSON number.
            let digits = match digits.strip_suffix('.') {
                Some(whole) => format!("{whole}.0"),
                None => digits.to_owned(),
            };
            Ok(number(&digits))
        }
        Lit::Bool(value) if !negative => Ok(number(&value.value.to_string())),
        _ => Err(args_error(list, expected())),
    }
}
