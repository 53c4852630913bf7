use super::*;
use crate::symbol;
use proc_macro2::TokenTree;

/// Both ways the derive writes a string literal: a token, and source text.
#[test]
fn string_literals_hold_the_text_exactly() {
    for text in [
        "",
        "plain",
        "quote \" and \"# and \"## and #\"",
        "single ' quote",
        "r#\"raw\"#",
        "back\\slash \\n not a newline",
        "line\nbreak\ttab \u{0} nul \u{1b} escape \u{7f} del",
        "carriage\rreturn",
        "é 🦀 \u{2028} \u{200b} \u{301} combining \u{feff}",
        "\"###",
        "{braces} {{ }}",
    ] {
        let token: syn::LitStr = syn::parse2(str_lit(text).into_token_stream()).unwrap();
        assert_eq!(token.value(), text, "{text:?}");
        let mut source = Source::new();
        source.str(text);
        let lexed: syn::LitStr = syn::parse2(source.take_tokens()).unwrap();
        assert_eq!(lexed.value(), text, "{text:?}");
    }
}

/// Inputs that make the derive write every kind of code it writes.
const SAMPLES: &[&str] = &[
    r#"
    #[api_error(format = "problem", docs_url = "https://x/{code}", domain = "x.example")]
    #[status(400)]
    enum E {
        /// Doc.
        #[status(404)] #[code("NOT_FOUND")] #[message("Task {id} not found")]
        #[detail(field = "{id}", reason = "r", location = "body", resource = "T", code = "c")]
        #[header("WWW-Authenticate", "Bearer realm=\"{id}\"")]
        NotFound { id: u64, #[retry_after] wait: u64, #[extension("sync")] token: String },
        /// Static details.
        #[status(422)] #[detail(field = "a", reason = "b")] #[message("a \"quoted\" {0}")]
        Invalid(#[details] Vec<Detail>, u8),
        #[doc = include_str!("doc.md")]
        #[status(503)]
        Computed,
        #[status(500)] #[header("X-A", "b")]
        Internal,
        #[status(400)] #[detail(field = "a", reason = "b")]
        StaticDetail,
        #[transparent] Inner(Other),
        Unit,
        Tuple(#[extension("x")] u8, String),
    }"#,
    r#"
    #[status(409)] #[message("{0} and {1}")] #[code("A.b-c")]
    struct S(u8, u16);"#,
    r#"
    #[api_error(skip(axum), crate = "my::apierror")]
    enum G<T: Clone, E> where E: Clone {
        #[status(500)] #[message("{value}")] V { value: T },
        #[transparent] W(E),
    }"#,
    r#"#[api_error(skip(axum, actix, utoipa, aide, tonic))] enum Empty {}"#,
    r#"enum Wrong { #[status(200)] A }"#,
];

fn expand(source: &str) -> syn::File {
    let tokens = derive(source.parse().unwrap());
    syn::parse2(tokens).unwrap_or_else(|error| panic!("{error}: {source}"))
}

fn attr_names(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|attr| attr.path().get_ident().map(ToString::to_string))
        .collect()
}

/// The attributes of every item and statement-level item in `items`, nested blocks included,
/// with whether the item is the empty inherent impl that carries the rustdoc table.
fn all_attrs(items: &[syn::Item], out: &mut Vec<(bool, Vec<String>)>) {
    for item in items {
        let (attrs, table, inner): (&[syn::Attribute], bool, Vec<syn::Item>) = match item {
            syn::Item::Const(item) => {
                let inner = match &*item.expr {
                    syn::Expr::Block(block) => block
                        .block
                        .stmts
                        .iter()
                        .filter_map(|stmt| match stmt {
                            syn::Stmt::Item(item) => Some(item.clone()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                (&item.attrs, false, inner)
            }
            syn::Item::Impl(item) => {
                let table = item.trait_.is_none() && item.items.is_empty();
                for member in &item.items {
                    match member {
                        syn::ImplItem::Fn(f) => out.push((false, attr_names(&f.attrs))),
                        syn::ImplItem::Const(c) => out.push((false, attr_names(&c.attrs))),
                        _ => {}
                    }
                }
                (&item.attrs, table, Vec::new())
            }
            syn::Item::Fn(item) => (&item.attrs, false, Vec::new()),
            syn::Item::Use(item) => (&item.attrs, false, Vec::new()),
            syn::Item::Static(item) => (&item.attrs, false, Vec::new()),
            syn::Item::Macro(item) => (&item.attrs, false, Vec::new()),
            other => panic!("unexpected item: {}", other.to_token_stream()),
        };
        out.push((table, attr_names(attrs)));
        all_attrs(&inner, out);
    }
}

/// Generated code carries no attribute the derive does not mean to write: `#[doc]` only on
/// the rustdoc table's impl (a `///` comment inside `quote!` would be one), beside its
/// `#[allow(deprecated)]`.
#[test]
fn no_stray_attributes_in_generated_code() {
    let allowed = ["automatically_derived", "allow"];
    for source in SAMPLES {
        let file = expand(source);
        let mut attrs = Vec::new();
        all_attrs(&file.items, &mut attrs);
        let mut tables = 0;
        for (table, names) in attrs {
            if table {
                tables += 1;
                assert!(
                    names.iter().all(|name| name == "doc" || name == "allow"),
                    "{names:?}"
                );
            } else {
                for name in names {
                    assert!(allowed.contains(&name.as_str()), "`#[{name}]` in {source}");
                }
            }
        }
        assert!(tables <= 1);
    }
}

fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => idents(group.stream(), out),
            _ => {}
        }
    }
}

/// Every name generated code makes up, or takes from `__private`, comes from `symbol.rs`
/// (where a test checks the runtime's own against its source): none is written in a file
/// of `expand` alone, where a change could miss its other uses.
#[test]
fn every_hidden_name_is_a_symbol() {
    let names = [
        symbol::PRIVATE,
        symbol::MESSAGE_JSON,
        symbol::MESSAGE_JSON_LEN,
        symbol::STATIC_PARTS,
        symbol::GRPC_CODE,
        symbol::GOOGLE_DETAILS,
        symbol::GOOGLE_HELP_PASSED_ON,
        symbol::LOCALIZED_REASONS,
        symbol::PHRASE,
        symbol::MESSAGE_PARTS,
        symbol::INTERP_ARG,
        symbol::NODE,
        symbol::SPEC,
        symbol::DEFINED_IN,
        symbol::SPEC_FN,
        symbol::HASHED,
        symbol::FOUND,
        symbol::INTERP,
        symbol::NO_ARG,
        symbol::OUT,
        symbol::ARGS,
        symbol::INDEX,
        symbol::TEXT,
        symbol::DETAILS_VEC,
        symbol::DETAILS_STATIC,
        symbol::HEADERS,
        symbol::VISIT,
        symbol::WRAPPED,
    ];
    let prefixes = [
        symbol::DOC_PREFIX,
        symbol::TITLE_PREFIX,
        symbol::FIELD_PREFIX,
    ];
    let mut seen = Vec::new();
    for source in SAMPLES {
        let mut found = Vec::new();
        idents(derive(source.parse().unwrap()), &mut found);
        for ident in found.into_iter().filter(|ident| ident.starts_with("__")) {
            let known = names.iter().any(|name| ident == *name)
                || prefixes
                    .iter()
                    .any(|prefix| ident.starts_with(prefix.as_str()));
            // The runtime's macros for the framework impls are reached by other names.
            assert!(known, "`{ident}` is written outside symbol.rs");
            seen.push(ident);
        }
    }
    // The samples exercise every name.
    for name in names.iter().chain(&prefixes) {
        assert!(
            seen.iter().any(|ident| ident.starts_with(name.as_str())),
            "no sample generates `{name}`"
        );
    }
}

/// The runtime macros (`impl_axum!`, ...) an expansion invokes, by name.
fn framework_impls(source: &str) -> Vec<String> {
    expand(source)
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Macro(item) => item.mac.path.segments.last(),
            _ => None,
        })
        .map(|segment| segment.ident.to_string())
        .filter(|name| name.starts_with("impl_"))
        .collect()
}

/// Every framework impl the derive emits has its key in `skip(...)`, and skipping every key
/// leaves none: a new integration (tonic, aide) cannot ship without a way to opt out of it.
#[test]
fn every_framework_impl_has_a_skip_key() {
    let keys: Vec<String> = symbol::SKIP_KEYS
        .iter()
        .map(|key| format!("impl_{key}"))
        .collect();
    let emitted = framework_impls("#[status(400)] struct S;");
    assert_eq!(emitted, keys, "one `skip` key per emitted impl, in order");
    for key in symbol::SKIP_KEYS {
        let left = framework_impls(&format!(
            "#[api_error(skip({key}))] #[status(400)] struct S;"
        ));
        assert!(
            !left.contains(&format!("impl_{key}")),
            "skip({key}): {left:?}"
        );
        assert_eq!(left.len(), keys.len() - 1, "skip({key}) skips only its own");
    }
    let all = symbol::SKIP_KEYS.map(symbol::Symbol::as_str).join(", ");
    assert_eq!(
        framework_impls(&format!(
            "#[api_error(skip({all}))] #[status(400)] struct S;"
        )),
        Vec::<String>::new()
    );
}
