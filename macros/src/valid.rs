//! Semantic checks: everything the compiler can know about the catalog is checked here, each
//! mistake reported at the token that causes it.

use crate::ast::{Field, Input, Variant};
use crate::attr::Template;
use crate::errors::Errors;
use crate::symbol::{
    CODE, DETAIL, DETAILS, DISPLAY, DOCS_URL, DOCS_URL_PLACEHOLDERS, DOMAIN, EXAMPLE, EXTENSION,
    GRPC, HEADER, MESSAGE, RETRY_AFTER, STATUS, Symbol, TRANSPARENT,
};
use crate::template::Piece;
use crate::ty;
use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};
use syn::Member;

mod google;

pub use google::declared as declares_google_profile;

/// Member names of the envelopes; an extension may not take one.
pub const RESERVED_MEMBERS: [&str; 16] = [
    "code",
    "message",
    "details",
    "requestId",
    "errors",
    "error",
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "cause",
    "fields",
    "help",
    "phrase",
    "@type",
];

pub const MAX_CODE_LEN: usize = 63;

pub fn validate(input: &Input, errors: &mut Errors) {
    if let Some(status) = &input.attrs.status {
        check_status_range(status, errors);
    }
    if let Some(docs_url) = &input.attrs.docs_url {
        check_docs_url(docs_url, errors);
    }
    if let Some(domain) = &input.attrs.domain
        && domain.value().is_empty()
    {
        errors.spanned(
            domain,
            format!(
                "`{DOMAIN}` is empty: write the service's domain, as in `{DOMAIN} = \"tasks.example.com\"`"
            ),
        );
    }
    for variant in &input.variants {
        if variant.is_transparent() {
            check_transparent(variant, errors);
        } else {
            check_variant(input, variant, errors);
        }
    }
    check_unique_codes(input, errors);
    if google::declared(input) {
        google::check(input, errors);
    }
}

fn check_status_range(status: &crate::attr::Status, errors: &mut Errors) {
    if !(400..=599).contains(&status.value) {
        errors.spanned(
            &status.lit,
            format!(
                "HTTP status {} is not an error status: `#[{STATUS}]` takes 400..=599, as in `#[{STATUS}(404)]`",
                status.lit.base10_digits()
            ),
        );
    }
}

fn check_docs_url(docs_url: &Template, errors: &mut Errors) {
    for piece in &docs_url.pieces {
        match piece {
            Piece::Named(name) if Symbol::find(&DOCS_URL_PLACEHOLDERS, name).is_some() => {}
            Piece::Text(_) => {}
            Piece::Named(_) | Piece::Index(_) => errors.spanned(
                &docs_url.lit,
                format!(
                    "`{DOCS_URL}` can only interpolate `{{{}}}` and `{{{}}}`, as in `{DOCS_URL} = \"https://api.example.com/errors#{{{}}}\"`",
                    DOCS_URL_PLACEHOLDERS[0],
                    DOCS_URL_PLACEHOLDERS[1],
                    DOCS_URL_PLACEHOLDERS[0],
                ),
            ),
        }
    }
}

fn check_transparent(variant: &Variant, errors: &mut Errors) {
    let attrs = &variant.attrs;
    if variant.fields.len() != 1 {
        errors.spanned(
            variant.ident,
            format!(
                "`#[{TRANSPARENT}]` needs exactly one field, the wrapped error; `{}` has {}",
                variant.ident,
                variant.fields.len()
            ),
        );
    }
    let conflicting: [Option<(Symbol, &dyn ToTokens)>; 6] = [
        attrs
            .status
            .as_ref()
            .map(|status| (STATUS, &status.lit as _)),
        attrs.code.as_ref().map(|code| (CODE, code as _)),
        attrs
            .message
            .as_ref()
            .map(|message| (MESSAGE, &message.lit as _)),
        attrs
            .details
            .first()
            .map(|detail| (DETAIL, detail.attr as _)),
        attrs
            .headers
            .first()
            .map(|header| (HEADER, header.attr as _)),
        attrs.grpc.as_ref().map(|grpc| (GRPC, &grpc.code as _)),
    ];
    for (name, tokens) in conflicting.into_iter().flatten() {
        errors.spanned(
            tokens,
            format!(
                "`#[{TRANSPARENT}]` takes its {name} from the wrapped error: remove `#[{name}]`, or remove `#[{TRANSPARENT}]`"
            ),
        );
    }
    for field in &variant.fields {
        let field_attrs = &field.attrs;
        let on_field = [
            field_attrs.details_field.map(|attr| (DETAILS, attr)),
            field_attrs.retry_after.map(|attr| (RETRY_AFTER, attr)),
            field_attrs
                .extensions
                .first()
                .map(|extension| (EXTENSION, extension.attr)),
            field_attrs
                .example
                .as_ref()
                .map(|example| (EXAMPLE, example.attr)),
        ];
        for (name, attr) in on_field.into_iter().flatten() {
            errors.spanned(
                attr,
                format!("`#[{name}]` has no effect on the field of a `#[{TRANSPARENT}]` variant: the wrapped error supplies it"),
            );
        }
    }
}

fn check_variant(input: &Input, variant: &Variant, errors: &mut Errors) {
    let attrs = &variant.attrs;
    match &attrs.status {
        Some(status) => check_status_range(status, errors),
        None if input.attrs.status.is_none()
            && !attrs.status_invalid
            && !input.attrs.status_invalid =>
        {
            errors.spanned(
            variant.ident,
            if input.is_enum {
                format!(
                    "`{}` has no HTTP status: add `#[{STATUS}(...)]` to the variant, as in `#[{STATUS}(404)]`, or a default `#[{STATUS}(...)]` to the enum",
                    variant.ident
                )
            } else {
                format!(
                    "`{}` has no HTTP status: add `#[{STATUS}(...)]`, as in `#[{STATUS}(404)]`",
                    variant.ident
                )
            },
            );
        }
        None => {}
    }
    check_code(variant, errors);
    if let Some(message) = &attrs.message {
        check_template(variant, message, errors);
    }
    for detail in &attrs.details {
        for template in detail.templates() {
            check_template(variant, template, errors);
        }
    }
    for header in &attrs.headers {
        check_header(variant, header, errors);
    }
    check_field_roles(variant, errors);
    if !google::declared(input) {
        check_metadata_keys(variant, errors);
    }
    // A 4xx without `#[message]` shows its `#[error("...")]` literal in examples (read only
    // when a field has an `#[example]` to check).
    let display = (attrs.message.is_none()
        && matches!(input.status_of(variant), Some(400..=499))
        && variant
            .fields
            .iter()
            .any(|field| field.attrs.example.is_some()))
    .then(|| variant.display_literal())
    .flatten();
    check_examples(variant, display, errors);
}

/// Any type renders as Google's `ErrorInfo` and as a gRPC status, whose `metadata` holds the
/// message's placeholders under their keys (`owner_name` -> `ownerName`, `{0}` -> `0`) and then
/// the extensions (DESIGN.md §4): an extension named like the key of a placeholder of another
/// field would be lost there. The same field under both is one value, and a type that
/// declares Google's profile has the stricter rule of `valid/google.rs`.
fn check_metadata_keys(variant: &Variant, errors: &mut Errors) {
    let Some(template) = &variant.attrs.message else {
        return;
    };
    for field in &variant.fields {
        for extension in &field.attrs.extensions {
            let Some(name) = field.extension_name(extension) else {
                continue;
            };
            let placeholder = template.pieces.iter().find_map(|piece| {
                let (written, key) = match piece {
                    Piece::Named(written) => (written.clone(), google::lower_camel(written)),
                    Piece::Index(index) => (index.to_string(), index.to_string()),
                    Piece::Text(_) => return None,
                };
                let named = variant.field_for(piece)?;
                (key == name && named.member != field.member).then_some(written)
            });
            if let Some(placeholder) = placeholder {
                errors.spanned(
                    extension.attr,
                    format!(
                        "the extension `{name}` has the metadata key of the message's placeholder `{{{placeholder}}}`, another field: rendered as Google's `ErrorInfo` or as a gRPC status, the placeholder's value would stand in its place; give the extension another name, as in `#[{EXTENSION}(\"other\")]`"
                    ),
                );
            }
        }
    }
}

/// An `#[example]` documents what a field shows: an `#[extension]` member, or a value
/// `#[message]`, a `#[detail]` or a 4xx's `#[error]` literal names (filled into the
/// example). Anywhere else it would be silently unused.
fn check_examples(variant: &Variant, display: Option<&Template>, errors: &mut Errors) {
    let names = |template: &Template, field: &Field| {
        template.pieces.iter().any(|piece| {
            !matches!(piece, Piece::Text(_))
                && variant
                    .field_for(piece)
                    .is_some_and(|named| named.member == field.member)
        })
    };
    let named = |field: &Field| {
        variant
            .attrs
            .message
            .iter()
            .chain(display)
            .chain(
                variant
                    .attrs
                    .details
                    .iter()
                    .flat_map(|detail| detail.templates()),
            )
            .any(|template| names(template, field))
    };
    for field in &variant.fields {
        let Some(example) = &field.attrs.example else {
            continue;
        };
        if field.attrs.details_field.is_some() {
            errors.spanned(
                example.attr,
                format!(
                    "`#[{EXAMPLE}]` has no effect on the `#[{DETAILS}]` field: the envelope's schema documents details; remove `#[{EXAMPLE}]`"
                ),
            );
        } else if field.attrs.extensions.is_empty() && !named(field) {
            let name = field.name().unwrap_or(&field.member_text);
            errors.spanned(
                example.attr,
                format!(
                    "`#[{EXAMPLE}]` has no effect on `{name}`: it documents an `#[{EXTENSION}]` member or a field that `#[{MESSAGE}]`, a `#[{DETAIL}]` or a 4xx's `#[{DISPLAY}(\"...\")]` names; remove it, or name `{{{name}}}` in the message"
                ),
            );
        } else if let Some(primitive) =
            ty::primitive(ty::option_inner(field.ty).unwrap_or(field.ty))
            && let Some(expected) = ty::example_mismatch(primitive, &example.json)
        {
            // Documents validate each example against the field's schema: one the type cannot
            // hold would fail there.
            errors.spanned(
                example.attr,
                format!(
                    "`#[{EXAMPLE}({})]` is not a value of the field's type: write {expected}",
                    example.json
                ),
            );
        }
    }
}

fn check_code(variant: &Variant, errors: &mut Errors) {
    let code = variant.code();
    let problem = if code.is_empty() {
        Some("an error code cannot be empty".to_owned())
    } else if code.len() > MAX_CODE_LEN {
        Some(format!(
            "error code is {} characters long; the limit is {MAX_CODE_LEN}",
            code.len()
        ))
    } else if !is_valid_code(code) {
        Some(format!(
            "error code `{code}` is not valid: a code starts with an ASCII letter and continues with ASCII letters, digits, `_`, `.` or `-`"
        ))
    } else {
        None
    };
    if let Some(problem) = problem {
        let advice = if variant.attrs.code.is_some() {
            format!(", as in `#[{CODE}(\"TASK_NOT_FOUND\")]`")
        } else {
            format!(
                "; this is the default code for the variant's name, so give it a `#[{CODE}(\"...\")]`"
            )
        };
        errors.push(syn::Error::new(
            variant.code_span(),
            format!("{problem}{advice}"),
        ));
    }
}

pub fn is_valid_code(code: &str) -> bool {
    let mut bytes = code.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

fn check_template(variant: &Variant, template: &Template, errors: &mut Errors) {
    for piece in &template.pieces {
        match piece {
            Piece::Text(_) => {}
            Piece::Named(name) => {
                if variant.field_by_name(name).is_none() {
                    errors.spanned(
                        &template.lit,
                        format!(
                            "`{}` has no field `{name}`; {}",
                            variant.ident,
                            describe_fields(variant)
                        ),
                    );
                }
            }
            Piece::Index(index) => {
                if variant.field_by_index(*index).is_none() {
                    errors.spanned(
                        &template.lit,
                        format!(
                            "position `{{{index}}}` is out of range: `{}` has no field {index}; {}",
                            variant.ident,
                            describe_fields(variant)
                        ),
                    );
                }
            }
        }
    }
}

fn describe_fields(variant: &Variant) -> String {
    if variant.fields.is_empty() {
        return "it has no fields to interpolate".to_owned();
    }
    let names: Vec<String> = variant
        .fields
        .iter()
        .map(|field| match &field.member {
            Member::Named(ident) => format!("`{{{ident}}}`"),
            Member::Unnamed(index) => format!("`{{{}}}`", index.index),
        })
        .collect();
    format!("write one of {}", names.join(", "))
}

fn check_header(variant: &Variant, header: &crate::attr::HeaderAttr, errors: &mut Errors) {
    let name = header.name.value();
    if name.is_empty() || !name.bytes().all(is_token_byte) {
        errors.spanned(
            &header.name,
            format!(
                "`{name}` is not a valid HTTP header name: use letters, digits and `-`, as in `\"WWW-Authenticate\"`"
            ),
        );
    } else if is_managed_header(&name) {
        errors.spanned(
            &header.name,
            format!(
                "the `{name}` header is set by apierror itself; use `#[{RETRY_AFTER}]` for `Retry-After`"
            ),
        );
    }
    for piece in &header.value.pieces {
        if let Piece::Text(text) = piece
            && !text
                .bytes()
                .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
        {
            errors.spanned(
                &header.value.lit,
                "a header value may only hold visible ASCII, spaces and tabs (no line breaks or control characters)",
            );
            break;
        }
    }
    check_template(variant, &header.value, errors);
}

/// RFC 9110 `tchar`.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
                | b'~'
        )
}

fn is_managed_header(name: &str) -> bool {
    [
        "content-type",
        "content-length",
        "retry-after",
        "x-request-id",
    ]
    .iter()
    .any(|managed| name.eq_ignore_ascii_case(managed))
}

fn check_field_roles(variant: &Variant, errors: &mut Errors) {
    let mut details: Option<&Field> = None;
    let mut retry_after: Option<&Field> = None;
    let mut extension_names = BTreeSet::new();
    for field in &variant.fields {
        if let Some(attr) = field.attrs.details_field
            && details.replace(field).is_some()
        {
            errors.spanned(
                attr,
                format!(
                    "`{}` already has a `#[{DETAILS}]` field: a variant takes its details from one field (combine them into one `Vec<Detail>`)",
                    variant.ident
                ),
            );
        }
        if let Some(attr) = field.attrs.retry_after
            && retry_after.replace(field).is_some()
        {
            errors.spanned(
                attr,
                format!(
                    "`{}` already has a `#[{RETRY_AFTER}]` field: a response has one `Retry-After`",
                    variant.ident
                ),
            );
        }
        for extension in &field.attrs.extensions {
            let name = match field.extension_name(extension) {
                Some(name) => name,
                None => {
                    errors.spanned(
                        extension.attr,
                        format!(
                            "a tuple field has no name to use as the member name: write `#[{EXTENSION}(\"name\")]`"
                        ),
                    );
                    continue;
                }
            };
            // Point at the name where it is written: the literal, else the field's name.
            let at = match (&extension.name, &field.member) {
                (Some(lit), _) => lit.to_token_stream(),
                (None, member) => member.to_token_stream(),
            };
            if name.is_empty() {
                errors.spanned(at, "an extension member name cannot be empty");
            } else if RESERVED_MEMBERS.contains(&name.as_str()) {
                // Named by the attribute: another name there; named by the field: the
                // attribute that renames it.
                let fix = if extension.name.is_some() {
                    "choose another name for it in"
                } else {
                    "rename it with"
                };
                errors.spanned(
                    at,
                    format!(
                        "`{name}` is a member of an error envelope and cannot be an extension: {fix} `#[{EXTENSION}(\"...\")]`, as in `#[{EXTENSION}(\"{name}Info\")]`"
                    ),
                );
            } else if !extension_names.insert(name.clone()) {
                errors.spanned(
                    at,
                    format!(
                        "`{}` already has an extension member named `{name}`",
                        variant.ident
                    ),
                );
            }
        }
    }
}

fn check_unique_codes(input: &Input, errors: &mut Errors) {
    let mut seen: BTreeMap<&str, &Variant> = BTreeMap::new();
    for variant in &input.variants {
        if variant.is_transparent() {
            continue;
        }
        let code = variant.code();
        match seen.get(code) {
            Some(first) => errors.push(syn::Error::new(
                variant.code_span(),
                format!(
                    "duplicate error code `{code}`: variant `{}` already uses it; give this variant another `#[{CODE}(\"...\")]`",
                    first.ident
                ),
            )),
            None => {
                seen.insert(code, variant);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_syntax() {
        for valid in ["A", "TASK_NOT_FOUND", "auth.expired", "v2-error", "a1"] {
            assert!(is_valid_code(valid), "{valid}");
        }
        for invalid in ["", "1ABC", "_X", "NOT FOUND", "É", "a/b", "-x"] {
            assert!(!is_valid_code(invalid), "{invalid}");
        }
    }
}
