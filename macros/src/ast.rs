//! The derive's model of its input: the type, its errors (variants, or the struct itself) and
//! their fields, each with its parsed attributes and the original syntax for spans.

use crate::attr::{self, Attrs, Doc, Place, lit_value};
use crate::errors::Errors;
use crate::symbol as sym;
use crate::template::Piece;
use heck::ToShoutySnakeCase;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use std::cell::OnceCell;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Generics, Ident, Member, Type};

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub is_enum: bool,
    pub attrs: Attrs<'a>,
    /// One per variant; a struct has exactly one.
    pub variants: Vec<Variant<'a>>,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    /// `ident` as written, taken from the compiler once.
    pub ident_text: String,
    pub attrs: Attrs<'a>,
    pub fields: Vec<Field<'a>>,
    /// Texts each use reads again, computed once (the derive runs unoptimized).
    code: OnceCell<String>,
    description: OnceCell<String>,
    title: OnceCell<String>,
    display_literal: OnceCell<Option<crate::attr::Template>>,
}

pub struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    pub attrs: Attrs<'a>,
    /// The local the field is bound to in generated `match` arms.
    pub binding: Ident,
    /// The same names as text, taken from the compiler once: `member` as written (`id`,
    /// `r#type`, `0`), `binding`, and the field's name without `r#` (`None` for a tuple field).
    pub member_text: String,
    pub binding_text: String,
    name: Option<String>,
}

impl<'a> Input<'a> {
    pub fn from_syn(node: &'a DeriveInput, errors: &mut Errors) -> Option<Self> {
        let (is_enum, attrs, variants) = match &node.data {
            Data::Enum(data) => {
                let attrs = attr::parse(&node.attrs, Place::Enum, errors);
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| Variant {
                        ident: &variant.ident,
                        ident_text: variant.ident.to_string(),
                        attrs: attr::parse(&variant.attrs, Place::Variant, errors),
                        fields: Field::multiple_from_syn(&variant.fields, errors),
                        code: OnceCell::new(),
                        description: OnceCell::new(),
                        title: OnceCell::new(),
                        display_literal: OnceCell::new(),
                    })
                    .collect();
                (true, attrs, variants)
            }
            Data::Struct(data) => {
                let attrs = attr::parse(&node.attrs, Place::Struct, errors);
                let variant = Variant {
                    ident: &node.ident,
                    ident_text: node.ident.to_string(),
                    attrs: Attrs::default(),
                    fields: Field::multiple_from_syn(&data.fields, errors),
                    code: OnceCell::new(),
                    description: OnceCell::new(),
                    title: OnceCell::new(),
                    display_literal: OnceCell::new(),
                };
                (false, attrs, vec![variant])
            }
            Data::Union(data) => {
                errors.spanned(
                    data.union_token,
                    "`ApiError` cannot be derived for a union: use an enum or a struct",
                );
                return None;
            }
        };
        let mut input = Input {
            ident: &node.ident,
            generics: &node.generics,
            is_enum,
            attrs,
            variants,
        };
        if !is_enum {
            // A struct is one error: its error-level attributes belong to its only "variant".
            input.split_struct_attrs();
        }
        Some(input)
    }

    fn split_struct_attrs(&mut self) {
        let Some(variant) = self.variants.first_mut() else {
            return;
        };
        let attrs = &mut self.attrs;
        let own = &mut variant.attrs;
        own.status = attrs.status.take();
        own.code = attrs.code.take();
        own.message = attrs.message.take();
        own.details = std::mem::take(&mut attrs.details);
        own.headers = std::mem::take(&mut attrs.headers);
        own.transparent = attrs.transparent.take();
        own.display = attrs.display.take();
        own.docs = attrs.docs.clone();
    }

    /// The status of a variant: its own, else the enum's default.
    /// The gRPC code a variant overrides the canonical mapping with: its own
    /// `#[grpc(code = "...")]`, else the type's.
    pub fn grpc_code_of(&self, variant: &Variant) -> Option<String> {
        variant
            .attrs
            .grpc
            .as_ref()
            .or(self.attrs.grpc.as_ref())
            .map(|grpc| grpc.code.value())
    }

    pub fn status_of(&self, variant: &Variant) -> Option<u16> {
        variant
            .attrs
            .status
            .as_ref()
            .or(self.attrs.status.as_ref())
            .map(|status| status.value)
    }
}

impl<'a> Variant<'a> {
    pub fn is_transparent(&self) -> bool {
        self.attrs.transparent.is_some()
    }

    /// The code: `#[code]`, or the name in SCREAMING_SNAKE_CASE.
    pub fn code(&self) -> &str {
        self.code.get_or_init(|| match &self.attrs.code {
            Some(code) => lit_value(code),
            None => default_code(&self.ident.unraw().to_string()),
        })
    }

    /// Where errors about the code point: the `#[code]` literal, else the variant name.
    pub fn code_span(&self) -> Span {
        match &self.attrs.code {
            Some(code) => code.span(),
            None => self.ident.span(),
        }
    }

    pub fn field_by_name(&self, name: &str) -> Option<&Field<'a>> {
        self.fields
            .iter()
            .find(|field| field.name.as_deref() == Some(name))
    }

    /// thiserror's `#[error("...")]` as a template, when it is one string literal in the
    /// template language whose placeholders are all fields of the variant: the `Display` text
    /// a 4xx without `#[message]` sends, as documents show it. `None` otherwise.
    pub fn display_template(&self) -> Option<&crate::attr::Template> {
        let template = self.display_literal()?;
        let fields_exist = template
            .pieces
            .iter()
            .all(|piece| matches!(piece, Piece::Text(_)) || self.field_for(piece).is_some());
        fields_exist.then_some(template)
    }

    /// thiserror's `#[error("...")]` when it is one string literal in the template language,
    /// whatever its placeholders name; parsed once (the catalog, the rustdoc table and
    /// validation each ask).
    pub fn display_literal(&self) -> Option<&crate::attr::Template> {
        self.display_literal
            .get_or_init(|| {
                self.attrs
                    .display
                    .and_then(crate::attr::Template::from_display)
            })
            .as_ref()
    }

    /// The field a template placeholder names; `None` for text, or a field that is not there.
    pub fn field_for(&self, piece: &Piece) -> Option<&Field<'a>> {
        match piece {
            Piece::Named(name) => self.field_by_name(name),
            Piece::Index(index) => self.field_by_index(*index),
            Piece::Text(_) => None,
        }
    }

    pub fn field_by_index(&self, index: usize) -> Option<&Field<'a>> {
        self.fields.iter().find(|field| match &field.member {
            Member::Unnamed(member) => member.index as usize == index,
            Member::Named(_) => false,
        })
    }

    pub fn details_field(&self) -> Option<&Field<'a>> {
        self.fields
            .iter()
            .find(|field| field.attrs.details_field.is_some())
    }

    pub fn retry_after_field(&self) -> Option<&Field<'a>> {
        self.fields
            .iter()
            .find(|field| field.attrs.retry_after.is_some())
    }

    /// Whether a doc attribute's text is left to the compiler (`#[doc = include_str!(..)]`):
    /// then the catalog entry's texts are computed in const evaluation, and
    /// [`description`](Self::description) and [`title`](Self::title) know only the literals.
    pub fn docs_need_compiler(&self) -> bool {
        self.attrs
            .docs
            .iter()
            .any(|doc| matches!(doc, Doc::Expr(_)))
    }

    /// The arguments of a `concat!` of the whole doc: every doc attribute's value in order
    /// (literals as read, expressions as written), newlines between them.
    pub fn doc_pieces(&self) -> TokenStream {
        let mut pieces = TokenStream::new();
        for (index, doc) in self.attrs.docs.iter().enumerate() {
            if index > 0 {
                pieces.extend(quote!("\n",));
            }
            match doc {
                Doc::Text(text) => pieces.extend(quote!(#text,)),
                Doc::Expr(expr) => pieces.extend(quote!(#expr,)),
            }
        }
        pieces
    }

    /// The doc comment, lines joined with newlines (the literal ones only: see
    /// [`docs_need_compiler`](Self::docs_need_compiler)).
    pub fn description(&self) -> &str {
        self.description.get_or_init(|| {
            let lines: Vec<&str> = self
                .attrs
                .docs
                .iter()
                .filter_map(|doc| match doc {
                    Doc::Text(text) => Some(text.as_str()),
                    Doc::Expr(_) => None,
                })
                .collect();
            lines.join("\n").trim().to_owned()
        })
    }

    /// The first paragraph of the doc comment on one line, or the name in words.
    pub fn title(&self) -> &str {
        self.title.get_or_init(|| {
            let description = self.description();
            let paragraph = match description.find("\n\n") {
                Some(end) => description.get(..end).unwrap_or(description),
                None => description,
            };
            // A reference-style link's definition is not in the title's line.
            let first = one_line(&crate::doc_links::inline(paragraph, description));
            if first.is_empty() {
                self.name_in_words()
            } else {
                first
            }
        })
    }

    /// The title of an error without a doc comment: `NotFound` -> `Not found`.
    pub fn name_in_words(&self) -> String {
        name_in_words(&self.ident.unraw().to_string())
    }
}

impl<'a> Field<'a> {
    fn multiple_from_syn(fields: &'a Fields, errors: &mut Errors) -> Vec<Self> {
        fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let member = match &field.ident {
                    Some(ident) => Member::Named(ident.clone()),
                    None => Member::Unnamed(syn::Index {
                        index: index as u32,
                        span: field.ty.span(),
                    }),
                };
                let (member_text, name) = match &field.ident {
                    Some(ident) => {
                        let written = ident.to_string();
                        let name = written.strip_prefix("r#").unwrap_or(&written).to_owned();
                        (written, Some(name))
                    }
                    None => (index.to_string(), None),
                };
                let binding_text = format!(
                    "{}{}",
                    sym::FIELD_PREFIX,
                    name.as_deref().unwrap_or(&member_text)
                );
                Field {
                    member,
                    ty: &field.ty,
                    attrs: attr::parse(&field.attrs, Place::Field, errors),
                    // Named after the field and spanned by it, as `format_ident!` would: an
                    // error about the value points at the field.
                    binding: Ident::new(
                        &binding_text,
                        field
                            .ident
                            .as_ref()
                            .map_or_else(Span::call_site, Ident::span),
                    ),
                    member_text,
                    binding_text,
                    name,
                }
            })
            .collect()
    }

    /// The field's name as written, for extension members: `token` (a tuple field has none).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The member name `extension` gives this field's value: its literal, else the field's
    /// name; `None` for a tuple field without a literal (validation rejects it).
    pub fn extension_name(&self, extension: &attr::ExtensionAttr) -> Option<String> {
        extension
            .name
            .as_ref()
            .map(syn::LitStr::value)
            .or_else(|| self.name().map(str::to_owned))
    }
}

/// `NotFound` -> `NOT_FOUND`, `HTTPTimeout` -> `HTTP_TIMEOUT`.
pub fn default_code(name: &str) -> String {
    name.to_shouty_snake_case()
}

/// `text` on one line: every run of whitespace one space, none at either end. One pass over
/// the characters; `split_whitespace` and `join` cost more in the unoptimized derive.
pub fn one_line(text: &str) -> String {
    // Most doc comments are one line of ASCII with single spaces: then it is the text itself.
    let bytes = text.as_bytes();
    let mut simple = bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ');
    let mut previous = 0;
    for &byte in bytes {
        if !matches!(byte, b'!'..=b'~') && (byte != b' ' || previous == b' ') {
            simple = false;
            break;
        }
        previous = byte;
    }
    if simple {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// `NotFound` -> `Not found`.
fn name_in_words(name: &str) -> String {
    use heck::ToTitleCase;
    let title = name.to_title_case();
    let mut words = title.split(' ');
    let first = words.next().unwrap_or_default().to_owned();
    words.fold(first, |mut out, word| {
        out.push(' ');
        out.push_str(&word.to_lowercase());
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_is_split_whitespace_joined() {
        for text in [
            "",
            " ",
            "plain line",
            "two  spaces",
            " leading",
            "trailing ",
            "line\nbreak\tand tab",
            "non\u{a0}breaking and é ü",
            "\u{2003}em spaces\u{2003}",
            "~!pipes|and*marks_",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(one_line(text), expected, "{text:?}");
        }
    }

    #[test]
    fn default_codes_are_shouty_snake_case() {
        let table = [
            ("NotFound", "NOT_FOUND"),
            ("HttpTimeout", "HTTP_TIMEOUT"),
            ("HTTPTimeout", "HTTP_TIMEOUT"),
            ("RateLimited", "RATE_LIMITED"),
            ("Database", "DATABASE"),
            ("InvalidField2", "INVALID_FIELD2"),
            ("OAuth2Error", "O_AUTH2_ERROR"),
            ("IOError", "IO_ERROR"),
            ("already_snake", "ALREADY_SNAKE"),
            ("A", "A"),
        ];
        for (name, code) in table {
            assert_eq!(default_code(name), code, "{name}");
        }
    }

    #[test]
    fn names_in_words() {
        assert_eq!(name_in_words("NotFound"), "Not found");
        assert_eq!(name_in_words("HTTPTimeout"), "Http timeout");
        assert_eq!(name_in_words("Database"), "Database");
    }
}
