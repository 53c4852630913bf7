//! Every name the derive reads or writes, written once: the attributes and their keys (as in
//! serde_derive's `symbol.rs`), and the identifiers of generated code, both those the runtime
//! defines (hidden trait methods, `__private` items) and those the derive makes up (helper
//! constants and locals). Generated code is written as tokens and as source text
//! (`crate::source`); both take the name from here, so the two cannot drift apart.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};
use std::fmt;
use syn::Path;

/// A name. Derives `PartialEq` and `Eq`, so the constants below work as `match` patterns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symbol(&'static str);

impl Symbol {
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The name as an identifier, spanned as `quote!` spans its own tokens.
    pub fn ident(self) -> Ident {
        Ident::new(self.0, Span::call_site())
    }

    /// The name as an identifier spanned by `span`, as `quote_spanned!` spans its own tokens.
    pub fn spanned(self, span: Span) -> Ident {
        Ident::new(self.0, span)
    }

    /// The name followed by `index`: `__APIERROR_DOC_3`.
    pub fn indexed(self, index: usize) -> Ident {
        quote::format_ident!("{}{}", self.0, index)
    }

    /// The symbol of `symbols` named `name`.
    pub fn find(symbols: &[Symbol], name: &str) -> Option<Symbol> {
        symbols.iter().copied().find(|symbol| symbol.0 == name)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl ToTokens for Symbol {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(self.ident());
    }
}

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for &Ident {
    fn eq(&self, word: &Symbol) -> bool {
        *self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for str {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for String {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

/// `symbols` as prose: "`a`, `b` and `c`".
pub fn prose_list(symbols: &[Symbol]) -> String {
    let mut out = String::new();
    for (index, symbol) in symbols.iter().enumerate() {
        if index > 0 {
            out.push_str(if index + 1 == symbols.len() {
                " and "
            } else {
                ", "
            });
        }
        out.push('`');
        out.push_str(symbol.0);
        out.push('`');
    }
    out
}

// ---- The attributes (also listed in `lib.rs`'s `proc_macro_derive`, which takes no
// constants; a test below compares the two).

pub const API_ERROR: Symbol = Symbol("api_error");
pub const STATUS: Symbol = Symbol("status");
pub const CODE: Symbol = Symbol("code");
pub const MESSAGE: Symbol = Symbol("message");
pub const DETAIL: Symbol = Symbol("detail");
pub const DETAILS: Symbol = Symbol("details");
pub const RETRY_AFTER: Symbol = Symbol("retry_after");
pub const EXTENSION: Symbol = Symbol("extension");
pub const TRANSPARENT: Symbol = Symbol("transparent");
pub const HEADER: Symbol = Symbol("header");
/// A field's example value in OpenAPI documents: `#[example(42)]`, `#[example("a@b.c")]`.
pub const EXAMPLE: Symbol = Symbol("example");
pub const GRPC: Symbol = Symbol("grpc");

/// The derive's attributes, in the order of `lib.rs`.
pub const ATTRIBUTES: [Symbol; 12] = [
    API_ERROR,
    STATUS,
    CODE,
    MESSAGE,
    DETAIL,
    DETAILS,
    RETRY_AFTER,
    EXTENSION,
    TRANSPARENT,
    HEADER,
    EXAMPLE,
    GRPC,
];

/// Doc comments, which the derive reads too.
pub const DOC: Symbol = Symbol("doc");

/// thiserror's `#[error("...")]`: a 4xx without `#[message]` sends its text, which examples
/// show.
pub const DISPLAY: Symbol = Symbol("error");

// ---- The keys of `#[api_error(...)]`.

pub const FORMAT: Symbol = Symbol("format");
pub const DOCS_URL: Symbol = Symbol("docs_url");
pub const DOMAIN: Symbol = Symbol("domain");
pub const SKIP: Symbol = Symbol("skip");
pub const CRATE: Symbol = Symbol("crate");

pub const API_ERROR_KEYS: [Symbol; 5] = [FORMAT, DOCS_URL, DOMAIN, SKIP, CRATE];

// ---- The integrations `skip(...)` names.

pub const AXUM: Symbol = Symbol("axum");
pub const ACTIX: Symbol = Symbol("actix");
pub const UTOIPA: Symbol = Symbol("utoipa");
pub const AIDE: Symbol = Symbol("aide");

pub const TONIC: Symbol = Symbol("tonic");

pub const SKIP_KEYS: [Symbol; 5] = [AXUM, ACTIX, UTOIPA, AIDE, TONIC];

// ---- The keys of `#[grpc(...)]` (`code`), and the gRPC status codes it takes: the 16 of
// google.rpc.Code that are errors (`OK` is not), in numeric order (1..=16), as the runtime's
// `tonic` module maps them to `tonic::Code` (tests/grpc.rs derives one type with each).

pub const GRPC_KEYS: [Symbol; 1] = [CODE];

pub const GRPC_CODES: [Symbol; 16] = [
    Symbol("CANCELLED"),
    Symbol("UNKNOWN"),
    Symbol("INVALID_ARGUMENT"),
    Symbol("DEADLINE_EXCEEDED"),
    Symbol("NOT_FOUND"),
    Symbol("ALREADY_EXISTS"),
    Symbol("PERMISSION_DENIED"),
    Symbol("RESOURCE_EXHAUSTED"),
    Symbol("FAILED_PRECONDITION"),
    Symbol("ABORTED"),
    Symbol("OUT_OF_RANGE"),
    Symbol("UNIMPLEMENTED"),
    Symbol("INTERNAL"),
    Symbol("UNAVAILABLE"),
    Symbol("DATA_LOSS"),
    Symbol("UNAUTHENTICATED"),
];

// ---- The keys of `#[detail(...)]` (and `code`).

pub const FIELD: Symbol = Symbol("field");
pub const REASON: Symbol = Symbol("reason");
pub const LOCATION: Symbol = Symbol("location");
pub const RESOURCE: Symbol = Symbol("resource");

pub const DETAIL_KEYS: [Symbol; 5] = [FIELD, REASON, LOCATION, RESOURCE, CODE];

// ---- The placeholders a `docs_url` may interpolate.

pub const DOCS_URL_PLACEHOLDERS: [Symbol; 2] = [CODE, STATUS];

// ---- The formats: the name `format = "..."` takes, and the runtime `Format` variant.

pub const FORMATS: [(Symbol, Symbol); 6] = [
    (Symbol("flat"), Symbol("Flat")),
    (Symbol("nested"), Symbol("Nested")),
    (Symbol("error_list"), Symbol("ErrorList")),
    (Symbol("problem"), Symbol("Problem")),
    (Symbol("google"), Symbol("Google")),
    (Symbol("simple"), Symbol("Simple")),
];

/// The runtime's `Format` when the type names none (its `#[default]`).
pub const DEFAULT_FORMAT: Symbol = FORMATS[0].1;

// ---- Names the runtime defines, which generated code uses (the test below finds each in
// the runtime's source).

/// The runtime's module for generated code.
pub const PRIVATE: Symbol = Symbol("__private");
/// Hidden `ApiError` methods.
pub const MESSAGE_JSON: Symbol = Symbol("__message_json");
pub const MESSAGE_JSON_LEN: Symbol = Symbol("__message_json_len");
pub const STATIC_PARTS: Symbol = Symbol("__static_parts");
pub const GRPC_CODE: Symbol = Symbol("__grpc_code");
pub const MESSAGE_PARTS: Symbol = Symbol("__message_parts");
/// What a transparent variant of a type with a domain hands on of its field's static parts.
pub const PARTS_WITH_DOMAIN: Symbol = Symbol("parts_with_domain");
pub const GOOGLE_DETAILS: Symbol = Symbol("__google_details");
pub const GOOGLE_HELP_PASSED_ON: Symbol = Symbol("__google_help_passed_on");
pub const LOCALIZED_REASONS: Symbol = Symbol("__localized_reasons");
pub const PHRASE: Symbol = Symbol("__phrase");
/// The method of `__private::InterpFast` and `InterpDisplay`.
pub const INTERP_ARG: Symbol = Symbol("__apierror_arg");
/// `HasCatalog`'s constants.
pub const TREE: Symbol = Symbol("TREE");
pub const CHECK: Symbol = Symbol("CHECK");
/// `__private::Transparent`, what a `#[transparent]` variant reaches its field through: the
/// trait, its catalog tree and the field as an `ApiError`.
pub const TRANSPARENT_TRAIT: Symbol = Symbol("Transparent");
pub const NESTED: Symbol = Symbol("NESTED");
pub const WRAPPED: Symbol = Symbol("__wrapped");
/// The catalog tree of a type whose derive failed (`macros/src/fallback.rs`).
pub const FAILED_TREE: Symbol = Symbol("FAILED");
/// What `locales!` names: the catalog tree and its checks (as `catalog!` does), the embedded
/// files, the translation checks.
pub const CATALOG_TREE: Symbol = Symbol("CatalogTree");
pub const CATALOG_NODE: Symbol = Symbol("CatalogNode");
pub const HAS_CATALOG: Symbol = Symbol("HasCatalog");
pub const FIRST_FORMAT: Symbol = Symbol("first_format");
pub const CHECK_TREE: Symbol = Symbol("check_tree");
/// The const check of the entries a Google-profile type wraps (`catalog/google.rs`).
pub const CHECK_GOOGLE_WRAPPED: Symbol = Symbol("check_google_wrapped");
pub const FROM_TREE: Symbol = Symbol("from_tree");
pub const CHECK_TRANSLATION: Symbol = Symbol("check_translation");
pub const CHECK_COVERAGE: Symbol = Symbol("check_coverage");
/// `Translated`'s builder of a message's attribute names.
pub const WITH_ATTRIBUTES: Symbol = Symbol("with_attributes");
/// `ErrorSpec`'s builder of the codes of a variant's `#[detail]`s.
pub const WITH_DETAIL_CODES: Symbol = Symbol("with_detail_codes");
pub const TRANSLATED: Symbol = Symbol("Translated");
pub const EMBEDDED_FILE: Symbol = Symbol("EmbeddedFile");
pub const EMBEDDED_LOCALES: Symbol = Symbol("EmbeddedLocales");
/// The generic messages of 5xx errors.
pub const INTERNAL_MESSAGE: Symbol = Symbol("INTERNAL");
pub const UNAVAILABLE_MESSAGE: Symbol = Symbol("UNAVAILABLE");

// ---- Names the derive makes up.

/// `__private::CatalogNode` and `ErrorSpec`, imported under these names in the catalog block.
pub const NODE: Symbol = Symbol("__ApiErrorNode");
pub const SPEC: Symbol = Symbol("__ApiErrorSpec");
/// The constant naming the type, in the catalog block.
pub const DEFINED_IN: Symbol = Symbol("__APIERROR_DEFINED_IN");
/// The `const fn` that makes one variant's entry, in the catalog block.
pub const SPEC_FN: Symbol = Symbol("__apierror_spec");
/// Prefixes of the constants of a computed doc (`__APIERROR_DOC_{index}`), and its title.
pub const DOC_PREFIX: Symbol = Symbol("__APIERROR_DOC_");
pub const TITLE_PREFIX: Symbol = Symbol("__APIERROR_TITLE_");
/// The bytes of a computed title.
pub const TITLE_BYTES: Symbol = Symbol("BYTES");
/// The conflict `HasCatalog::CHECK` finds.
pub const FOUND: Symbol = Symbol("__apierror_found");
/// `__private::Interp` and `NO_ARG`, imported under these names in `__message_json`.
pub const INTERP: Symbol = Symbol("__ApiErrorInterp");
pub const NO_ARG: Symbol = Symbol("__APIERROR_NO_ARG");
/// `locales!`'s keys, and the constant holding its catalog tree.
pub const LOCALES_DEFAULT: Symbol = Symbol("default");
pub const LOCALES_COMPLETE: Symbol = Symbol("complete");
pub const LOCALES_TREE: Symbol = Symbol("__APIERROR_TREE");
/// Parameters and locals of the generated methods.
pub const OUT: Symbol = Symbol("__out");
pub const ARGS: Symbol = Symbol("__args");
pub const INDEX: Symbol = Symbol("__index");
pub const TEXT: Symbol = Symbol("__text");
pub const DETAILS_VEC: Symbol = Symbol("__details");
pub const DETAILS_STATIC: Symbol = Symbol("__DETAILS");
pub const HEADERS: Symbol = Symbol("__headers");
pub const VISIT: Symbol = Symbol("__visit");
/// The prefix of the local a field is bound to in `match` arms: `__field_id`, `__field_0`.
pub const FIELD_PREFIX: Symbol = Symbol("__field_");

/// `ErrorSpec`'s constructor from a code, its status and the code's hash (see
/// `code_hash` in `expand/catalog.rs`).
pub const HASHED: Symbol = Symbol("__hashed");
/// `ErrorSpec`'s const builders, which each variant's catalog entry calls.
pub const WITH_TITLE: Symbol = Symbol("with_title");
pub const WITH_DESCRIPTION: Symbol = Symbol("with_description");
pub const WITH_DEFINED_IN: Symbol = Symbol("with_defined_in");
pub const WITH_VARIANT: Symbol = Symbol("with_variant");
pub const WITH_DOCS_URL: Symbol = Symbol("with_docs_url");
pub const WITH_DOMAIN: Symbol = Symbol("with_domain");
pub const WITH_MESSAGE_TEMPLATE: Symbol = Symbol("with_message_template");
pub const WITH_TEMPLATE_SOURCE: Symbol = Symbol("with_template_source");
pub const WITH_RETRY_AFTER: Symbol = Symbol("with_retry_after");
pub const WITH_EXAMPLE_RETRY_AFTER: Symbol = Symbol("with_example_retry_after");
pub const WITH_HEADERS: Symbol = Symbol("with_headers");
pub const WITH_EXTENSIONS: Symbol = Symbol("with_extensions");
pub const WITH_DETAILS: Symbol = Symbol("with_details");
pub const WITH_FIELDS: Symbol = Symbol("with_fields");
pub const WITH_EXAMPLE_MESSAGE: Symbol = Symbol("with_example_message");
pub const WITH_STATIC_DETAILS: Symbol = Symbol("with_static_details");
pub const WITH_DETAILS_FIELD: Symbol = Symbol("with_details_field");

/// A static `#[detail]` as examples show it (`__private::DetailDoc`), and its const builders.
pub const DETAIL_DOC: Symbol = Symbol("DetailDoc");
pub const WITH_FIELD: Symbol = Symbol("with_field");
pub const WITH_LOCATION: Symbol = Symbol("with_location");
pub const WITH_RESOURCE: Symbol = Symbol("with_resource");
pub const WITH_CODE: Symbol = Symbol("with_code");

/// An extension member's field (`__private::FieldDoc`), its const builders, and its type's
/// schema: the runtime's `field_schema!` for a concrete type (a generic one keeps
/// `FieldDoc::new`'s unconstrained schema).
pub const FIELD_DOC: Symbol = Symbol("FieldDoc");
pub const WITH_MEMBERS: Symbol = Symbol("with_members");
pub const WITH_EXAMPLE: Symbol = Symbol("with_example");
pub const WITH_OPTIONAL: Symbol = Symbol("with_optional");
pub const WITH_SCHEMA: Symbol = Symbol("with_schema");
pub const FIELD_SCHEMA_MACRO: Symbol = Symbol("field_schema");
pub const WITH_GRPC_CODE: Symbol = Symbol("with_grpc_code");

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime's files that define what generated code names.
    const RUNTIME: [&str; 11] = [
        include_str!("../../runtime/src/lib.rs"),
        include_str!("../../runtime/src/message.rs"),
        include_str!("../../runtime/src/catalog.rs"),
        include_str!("../../runtime/src/api_error.rs"),
        include_str!("../../runtime/src/private.rs"),
        include_str!("../../runtime/src/format.rs"),
        include_str!("../../runtime/src/catalog/check.rs"),
        include_str!("../../runtime/src/catalog/google.rs"),
        include_str!("../../runtime/src/catalog/locales.rs"),
        include_str!("../../runtime/src/catalog/field.rs"),
        include_str!("../../runtime/src/catalog/detail_doc.rs"),
    ];

    fn runtime_has(needle: &str) -> bool {
        RUNTIME.iter().any(|file| file.contains(needle))
    }

    /// A name changed on one side only fails here.
    #[test]
    fn the_runtime_defines_every_name_it_is_asked_for() {
        // Each as its definition starts: the item, the name, what follows the name.
        let defined = [
            ("pub mod", PRIVATE, ";"),
            ("fn", MESSAGE_JSON, "("),
            ("fn", MESSAGE_JSON_LEN, "("),
            ("fn", STATIC_PARTS, "("),
            ("fn", GRPC_CODE, "("),
            ("fn", MESSAGE_PARTS, "("),
            ("fn", GOOGLE_DETAILS, "("),
            ("fn", GOOGLE_HELP_PASSED_ON, "("),
            ("fn", LOCALIZED_REASONS, "("),
            ("fn", PHRASE, "("),
            ("fn", INTERP_ARG, "("),
            ("pub fn", PARTS_WITH_DOMAIN, "("),
            ("const", TREE, ":"),
            ("const", CHECK, ":"),
            ("pub const", FAILED_TREE, ": CatalogTree"),
            ("pub const", INTERNAL_MESSAGE, ":"),
            ("pub const", UNAVAILABLE_MESSAGE, ":"),
            ("pub const fn", WITH_TITLE, "("),
            ("pub const fn", WITH_DESCRIPTION, "("),
            ("pub const fn", WITH_DEFINED_IN, "("),
            ("pub const fn", WITH_VARIANT, "("),
            ("pub const fn", WITH_DOCS_URL, "("),
            ("pub const fn", WITH_DOMAIN, "("),
            ("pub const fn", WITH_MESSAGE_TEMPLATE, "("),
            ("pub const fn", WITH_TEMPLATE_SOURCE, "("),
            ("pub const fn", WITH_RETRY_AFTER, "("),
            ("pub const fn", WITH_EXAMPLE_RETRY_AFTER, "("),
            ("pub const fn", WITH_HEADERS, "("),
            ("pub const fn", WITH_EXTENSIONS, "("),
            ("pub const fn", WITH_DETAILS, "("),
            ("pub struct", CATALOG_TREE, " {"),
            ("pub enum", CATALOG_NODE, " {"),
            ("pub trait", HAS_CATALOG, " {"),
            ("pub trait", TRANSPARENT_TRAIT, " {"),
            ("const", NESTED, ":"),
            ("fn", WRAPPED, "("),
            ("pub const fn", FIRST_FORMAT, "("),
            ("pub const fn", CHECK_TREE, "("),
            ("pub const fn", CHECK_GOOGLE_WRAPPED, "("),
            ("pub const fn", FROM_TREE, "("),
            ("pub const fn", CHECK_TRANSLATION, "("),
            ("pub const fn", CHECK_COVERAGE, "("),
            ("pub const fn", WITH_ATTRIBUTES, "("),
            ("pub const fn", WITH_DETAIL_CODES, "("),
            ("pub struct", TRANSLATED, " {"),
            ("pub struct", EMBEDDED_FILE, " {"),
            ("pub struct", EMBEDDED_LOCALES, " {"),
            ("pub const fn", WITH_FIELDS, "("),
            ("pub const fn", WITH_EXAMPLE_MESSAGE, "("),
            ("pub const fn", WITH_STATIC_DETAILS, "("),
            ("pub const fn", WITH_DETAILS_FIELD, "("),
            ("pub struct", DETAIL_DOC, " {"),
            ("pub const fn", WITH_FIELD, "("),
            ("pub const fn", WITH_LOCATION, "("),
            ("pub const fn", WITH_RESOURCE, "("),
            ("pub const fn", WITH_CODE, "("),
            ("pub struct", FIELD_DOC, " {"),
            ("pub const fn", WITH_MEMBERS, "("),
            ("pub const fn", WITH_EXAMPLE, "("),
            ("pub const fn", WITH_OPTIONAL, "("),
            ("pub const fn", WITH_SCHEMA, "("),
            ("__apierror_field_schema as", FIELD_SCHEMA_MACRO, ","),
            ("pub const fn", WITH_GRPC_CODE, "("),
        ];
        for (item, symbol, next) in defined {
            let needle = format!("{item} {symbol}{next}");
            assert!(runtime_has(&needle), "the runtime has no `{needle}`");
        }
        for (_, variant) in FORMATS {
            assert!(
                runtime_has(&format!("\n    {variant},\n")),
                "the runtime's `Format` has no variant `{variant}`"
            );
        }
    }

    /// `lib.rs` names the attributes for the compiler; they are the ones parsed here.
    #[test]
    fn lib_rs_declares_exactly_these_attributes() {
        let lib = include_str!("lib.rs");
        let start = lib.find("attributes(").map(|at| at + "attributes(".len());
        let list = start
            .and_then(|start| Some((start, lib.get(start..)?.find(')')? + start)))
            .and_then(|(start, end)| lib.get(start..end))
            .expect("lib.rs has an attributes(...) list");
        let declared: Vec<&str> = list.split(',').map(str::trim).collect();
        let ours: Vec<&str> = ATTRIBUTES.iter().map(|symbol| symbol.as_str()).collect();
        assert_eq!(declared, ours);
    }

    #[test]
    fn prose_lists() {
        assert_eq!(
            prose_list(&API_ERROR_KEYS),
            "`format`, `docs_url`, `domain`, `skip` and `crate`"
        );
        assert_eq!(
            prose_list(&SKIP_KEYS),
            "`axum`, `actix`, `utoipa`, `aide` and `tonic`"
        );
        assert_eq!(prose_list(&[AXUM]), "`axum`");
    }
}
