//! `locales!`: reads a directory of Fluent files at compile time, checks what the files alone
//! tell (syntax, functions, duplicates, a detail reason's variables, apierror's own ids), and
//! emits a static that embeds them with `include_str!` (so editing one rebuilds) and const
//! checks of each message against the listed types' catalog, which only const evaluation can
//! see (`apierror::__private::check_translation`, `check_coverage`). Every mistake is an error
//! at the directory's literal in the user's file, quoting the `.ftl` file and line.

use crate::errors::Errors;
use crate::symbol::{
    CATALOG_NODE, CATALOG_TREE, CHECK_COVERAGE, CHECK_TRANSLATION, CHECK_TREE, EMBEDDED_FILE,
    EMBEDDED_LOCALES, FIRST_FORMAT, FROM_TREE, HAS_CATALOG, LOCALES_COMPLETE, LOCALES_DEFAULT,
    LOCALES_TREE, PRIVATE, TRANSLATED, TREE, WITH_ATTRIBUTES,
};
use fluent_syntax::ast;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Token, Type, Visibility, bracketed};

/// `$(#[attr])* $vis NAME = [Types...], "dir" $(, default = "en")? $(, complete)?`
struct Input {
    attrs: Vec<Attribute>,
    vis: Visibility,
    name: Ident,
    types: Punctuated<Type, Token![,]>,
    dir: LitStr,
    default: Option<LitStr>,
    complete: bool,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        let name = input.parse()?;
        input.parse::<Token![=]>()?;
        let content;
        bracketed!(content in input);
        let types = content.parse_terminated(Type::parse, Token![,])?;
        input.parse::<Token![,]>()?;
        let dir = input.parse()?;
        let mut default = None;
        let mut complete = false;
        while input.parse::<Option<Token![,]>>()?.is_some() {
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            if key == LOCALES_DEFAULT && default.is_none() {
                input.parse::<Token![=]>()?;
                default = Some(input.parse()?);
            } else if key == LOCALES_COMPLETE && !complete {
                complete = true;
            } else {
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "expected `{LOCALES_DEFAULT} = \"en\"` or `{LOCALES_COMPLETE}`, each once"
                    ),
                ));
            }
        }
        Ok(Self {
            attrs,
            vis,
            name,
            types,
            dir,
            default,
            complete,
        })
    }
}

/// One translation file, read and parsed.
struct File {
    locale: String,
    /// The path as the call names it: `locales/fr.ftl`.
    shown: String,
    absolute: PathBuf,
    messages: Vec<Message>,
    /// The `apierror-*` ids it defines.
    own: Vec<String>,
}

/// One message of a file.
struct Message {
    id: String,
    line: usize,
    variables: BTreeSet<String>,
    /// The attributes' names: the detail codes whose reasons the message translates.
    attributes: Vec<String>,
}

/// The ids apierror translates itself (README, "Localized messages").
const OWN_IDS: [&str; 8] = [
    "apierror-internal",
    "apierror-unavailable",
    "apierror-malformed-body",
    "apierror-unsupported-media-type",
    "apierror-invalid-body",
    "apierror-invalid-query",
    "apierror-invalid-path",
    "apierror-payload-too-large",
];

/// The variable a detail reason (an attribute) may use.
const DETAIL_FIELD: &str = "field";

/// The code of validation reports, whose attributes translate the rules' reasons.
const VALIDATION: &str = "VALIDATION_FAILED";

/// The validator rules whose reason's translation may also use the rule's values (the
/// runtime's key scheme, `runtime/src/locale/keys.rs`, `RULE_PARAMS`; a test holds the two
/// equal).
const RULE_PARAMS: [(&str, &[&str]); 4] = [
    ("length", &["min", "max", "equal"]),
    ("range", &["min", "max", "exclusive_min", "exclusive_max"]),
    ("contains", &["needle"]),
    ("does_not_contain", &["needle"]),
];

/// The variables the detail reason `attribute` of message `id` may use: `$field`, and in
/// `VALIDATION_FAILED` a rule's values.
fn detail_variables(id: &str, attribute: &str) -> Vec<&'static str> {
    let mut names = vec![DETAIL_FIELD];
    if id == VALIDATION
        && let Some((_, params)) = RULE_PARAMS.iter().find(|(rule, _)| *rule == attribute)
    {
        names.extend(params.iter().copied());
    }
    names
}

pub fn expand(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<Input>(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::new();
    let files = read_files(&input, &mut errors);
    if let Err(error) = errors.finish() {
        return error.to_compile_error();
    }
    emit(&input, &files)
}

/// The directory the call names, relative to the file of the call (as `include_str!`).
fn directory(dir: &LitStr) -> PathBuf {
    let relative = PathBuf::from(dir.value());
    if relative.is_absolute() {
        return relative;
    }
    let base = proc_macro::Span::call_site()
        .local_file()
        .and_then(|file| file.parent().map(Path::to_path_buf))
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from))
        .unwrap_or_default();
    // The file of the call is named relative to the compiler's directory; `include_str!`
    // would read a relative path from the file of the call instead.
    let path = base.join(relative);
    std::path::absolute(&path).unwrap_or(path)
}

fn read_files(input: &Input, errors: &mut Errors) -> Vec<File> {
    let dir = &input.dir;
    let path = directory(dir);
    let default = input
        .default
        .as_ref()
        .map_or_else(|| "en".to_owned(), LitStr::value);
    let entries = match std::fs::read_dir(&path) {
        Ok(entries) => entries,
        Err(error) => {
            errors.spanned(
                dir,
                format!(
                    "cannot read the translations directory `{}` ({}): {error}; the path is relative to this file",
                    dir.value(),
                    path.display()
                ),
            );
            return Vec::new();
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".ftl"))
        .collect();
    names.sort();
    if names.is_empty() {
        errors.spanned(
            dir,
            format!(
                "the translations directory `{}` has no `.ftl` file; write one per language (`fr.ftl`)",
                dir.value()
            ),
        );
    }
    if let Some(literal) = &input.default
        && let Err(what) = check_tag(&default)
    {
        errors.spanned(
            literal,
            format!(
                "{what}; write `default = \"{}\"`",
                canonical_or_example(&default)
            ),
        );
    }
    let mut files = Vec::new();
    for name in names {
        let locale = name.trim_end_matches(".ftl").to_owned();
        let shown = format!("{}/{name}", dir.value().trim_end_matches('/'));
        if let Err(what) = check_tag(&locale) {
            errors.spanned(
                dir,
                format!(
                    "{shown}: the file's name is its language: {what}; name the file `{}.ftl`",
                    canonical_or_example(&locale)
                ),
            );
            continue;
        }
        if locale == default {
            errors.spanned(
                dir,
                format!(
                    "{shown}: `{locale}` is the default language, whose texts are the #[message]s; remove the file or name another `default`"
                ),
            );
            continue;
        }
        let absolute = path.join(&name);
        match std::fs::read_to_string(&absolute) {
            Ok(text) => {
                let (messages, own) = check_file(&text, &shown, dir, errors);
                files.push(File {
                    locale,
                    shown,
                    absolute,
                    messages,
                    own,
                });
            }
            Err(error) => errors.spanned(dir, format!("cannot read {shown}: {error}")),
        }
    }
    files
}

/// Whether `tag` is a BCP 47 language tag written as `Content-Language` will send it: the
/// runtime's `parse_locale` (`runtime/src/locale.rs`) refuses what unic-langid would rewrite,
/// and this is the same rule without unic-langid in the derive's build (the tests hold the two
/// equal over generated tags). The error says what is wrong, without the file.
fn check_tag(tag: &str) -> Result<(), String> {
    match canonical_tag(tag) {
        None => Err(format!(
            "`{tag}` is not a BCP 47 language tag (`en`, `fr`, `pt-BR`)"
        )),
        Some(canonical) if canonical == tag => Ok(()),
        Some(_) if tag.contains('_') => Err(format!(
            "`{tag}` is not a BCP 47 language tag: its subtags are separated by `-`, never `_`"
        )),
        Some(_) => Err(format!(
            "`{tag}` is not written as BCP 47 writes it (language in lower case, script in title case, region in upper case, variants once each and sorted)"
        )),
    }
}

/// The tag to write instead of `tag`: its canonical form, else an example.
fn canonical_or_example(tag: &str) -> String {
    canonical_tag(tag).unwrap_or_else(|| "pt-BR".to_owned())
}

/// unic-langid 0.9's reading of a language identifier (`parse_language_identifier`, no
/// extensions), written back as its `Display` does: subtags split at `-` or `_`; a language of
/// 2-3 or 5-8 letters (lower case); then a script of 4 letters (title case), a region of 2
/// letters (upper case) or 3 digits, and variants of 5-8 letters or digits, or 4 starting
/// with a digit (lower case, sorted, each once). `None` when it reads no identifier.
fn canonical_tag(tag: &str) -> Option<String> {
    let letters = |subtag: &str| subtag.bytes().all(|byte| byte.is_ascii_alphabetic());
    let script = |subtag: &str| subtag.len() == 4 && letters(subtag);
    let region = |subtag: &str| {
        (subtag.len() == 2 && letters(subtag))
            || (subtag.len() == 3 && subtag.bytes().all(|byte| byte.is_ascii_digit()))
    };
    let variant = |subtag: &str| {
        let bytes = subtag.as_bytes();
        match bytes.len() {
            5..=8 => bytes.iter().all(u8::is_ascii_alphanumeric),
            // As unic-langid 0.9 reads it: ASCII, and a digit first or letters and digits after
            // the first (BCP 47's `DIGIT 3alphanum`, widened by its parser's check).
            4 => {
                bytes.iter().all(|byte| (1..0x80).contains(byte))
                    && (bytes[0].is_ascii_digit()
                        || bytes[1..].iter().all(u8::is_ascii_alphanumeric))
            }
            _ => false,
        }
    };
    let mut subtags = tag.split(['-', '_']);
    let language = subtags.next()?;
    if !(2..=8).contains(&language.len()) || language.len() == 4 || !letters(language) {
        return None;
    }
    let mut written = language.to_ascii_lowercase();
    let mut variants = Vec::new();
    // 1: after the language, 2: after a script, 3: after a region or a variant.
    let mut position = 1;
    for subtag in subtags {
        if position == 1 && script(subtag) {
            let mut title = subtag.to_ascii_lowercase();
            title[..1].make_ascii_uppercase();
            written.push('-');
            written.push_str(&title);
            position = 2;
        } else if position < 3 && region(subtag) {
            written.push('-');
            written.push_str(&subtag.to_ascii_uppercase());
            position = 3;
        } else if variant(subtag) {
            variants.push(subtag.to_ascii_lowercase());
            position = 3;
        } else {
            return None;
        }
    }
    variants.sort_unstable();
    variants.dedup();
    for variant in variants {
        written.push('-');
        written.push_str(&variant);
    }
    Some(written)
}

/// The messages of one file that translate codes, and the `apierror-*` ids it defines; the
/// mistakes the file alone shows are reported at `dir`.
fn check_file(
    text: &str,
    shown: &str,
    dir: &LitStr,
    errors: &mut Errors,
) -> (Vec<Message>, Vec<String>) {
    // A byte order mark (an editor's, on Windows) is no Fluent syntax: read past it, as
    // `Translations::with_ftl` does.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(resource) => resource,
        Err((_, parse_errors)) => {
            for error in parse_errors {
                let line = line_at(text, error.pos.start);
                errors.spanned(
                    dir,
                    format!("{shown}:{line}: not Fluent syntax: {}", error.kind),
                );
            }
            return (Vec::new(), Vec::new());
        }
    };
    let mut messages: Vec<Message> = Vec::new();
    let mut own: Vec<String> = Vec::new();
    for entry in &resource.body {
        let ast::Entry::Message(message) = entry else {
            if let ast::Entry::Term(term) = entry {
                let line = line_of(text, &format!("-{}", term.id.name));
                let mut walk = Walk::default();
                walk.pattern(&term.value);
                for variable in walk.variables {
                    errors.spanned(
                        dir,
                        format!(
                            "{shown}:{line}: the term `-{}` uses the variable `${variable}`; a term is shared wording and takes none",
                            term.id.name
                        ),
                    );
                }
            }
            continue;
        };
        let id = message.id.name;
        let line = line_of(text, id);
        if messages.iter().any(|seen| seen.id == id) || own.iter().any(|seen| seen == id) {
            let again = line_of_nth(text, id, 1);
            errors.spanned(
                dir,
                format!("{shown}:{again}: `{id}` is translated twice in this file (first on line {line})"),
            );
            continue;
        }
        let mut walk = Walk::default();
        if let Some(value) = &message.value {
            walk.pattern(value);
        }
        let variables = std::mem::take(&mut walk.variables);
        for attribute in &message.attributes {
            let mut detail = Walk::default();
            detail.pattern(&attribute.value);
            walk.problems.append(&mut detail.problems);
            let allowed = detail_variables(id, attribute.id.name);
            for variable in detail.variables {
                if !allowed.contains(&variable.as_str()) {
                    let names: Vec<String> =
                        allowed.iter().map(|name| format!("`${name}`")).collect();
                    let only = if allowed.len() == 1 {
                        format!("a detail reason may use {} only", names.join(", "))
                    } else {
                        format!("this rule's reason may use {}", names.join(", "))
                    };
                    errors.spanned(
                        dir,
                        format!(
                            "{shown}:{line}: the detail reason `{id}.{}` uses the variable `${variable}`; {only}",
                            attribute.id.name
                        ),
                    );
                }
            }
        }
        for problem in walk.problems {
            errors.spanned(dir, format!("{shown}:{line}: `{id}` {problem}"));
        }
        if id.starts_with("apierror-") {
            if !is_own(id) {
                errors.spanned(
                    dir,
                    format!(
                        "{shown}:{line}: `{id}` is none of apierror's own messages (`apierror-internal`, `apierror-status-404`, ...: README, \"Localized messages\")"
                    ),
                );
            } else if let Some(variable) = variables.iter().next() {
                errors.spanned(
                    dir,
                    format!(
                        "{shown}:{line}: `{id}` uses the variable `${variable}`; apierror's own messages take none"
                    ),
                );
            }
            // Checked here: the catalog has no entry for them.
            own.push(id.to_owned());
            continue;
        }
        messages.push(Message {
            id: id.to_owned(),
            line,
            variables,
            attributes: message
                .attributes
                .iter()
                .map(|attribute| attribute.id.name.to_owned())
                .collect(),
        });
    }
    (messages, own)
}

fn is_own(id: &str) -> bool {
    OWN_IDS.contains(&id)
        || id
            .strip_prefix("apierror-status-")
            .and_then(|status| status.parse::<u16>().ok())
            .is_some_and(|status| (400..=599).contains(&status))
}

/// The variables a pattern uses, and what it uses that apierror does not offer.
#[derive(Default)]
struct Walk {
    variables: BTreeSet<String>,
    problems: Vec<String>,
}

impl Walk {
    fn pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&str>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            ast::InlineExpression::FunctionReference { id, .. } => self.problems.push(format!(
                "calls the function `{}`; translations may use variables, plurals and terms, not functions",
                id.name
            )),
            ast::InlineExpression::NumberLiteral { value } if value.len() > 15 => {
                self.problems.push(
                    "has a number literal of more than 15 digits, which Fluent cannot select on"
                        .to_owned(),
                );
            }
            ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for argument in &arguments.positional {
                    self.inline(argument);
                }
                for argument in &arguments.named {
                    self.inline(&argument.value);
                }
            }
            _ => {}
        }
    }
}

/// The 1-based line where `id` is defined (`id =` at the start of a line), else 0.
fn line_of(text: &str, id: &str) -> usize {
    line_of_nth(text, id, 0)
}

/// The 1-based line of the `nth` (0-based) definition of `id`, else 0.
fn line_of_nth(text: &str, id: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .nth(nth)
        .map_or(0, |(index, _)| index + 1)
}

/// The 1-based line of byte `offset`.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes().get(..end).map_or(0, |before| {
        before.iter().filter(|&&byte| byte == b'\n').count() + 1
    })
}

fn emit(input: &Input, files: &[File]) -> TokenStream {
    let Input {
        attrs,
        vis,
        name,
        types,
        dir,
        default,
        complete,
    } = input;
    let private = quote!(::apierror::#PRIVATE);
    let span = dir.span();
    let types: Vec<&Type> = types.iter().collect();
    let default = default
        .as_ref()
        .map_or_else(|| LitStr::new("en", Span::call_site()), Clone::clone);
    let tree = LOCALES_TREE;
    let mut checks = Vec::new();
    let mut embedded = Vec::new();
    for file in files {
        let shown = &file.shown;
        let locale = &file.locale;
        let absolute = file.absolute.to_string_lossy().into_owned();
        for message in &file.messages {
            let id = &message.id;
            let line = u32::try_from(message.line).unwrap_or(u32::MAX);
            let variables = message.variables.iter();
            let attributes = (!message.attributes.is_empty()).then(|| {
                let names = message.attributes.iter();
                quote_spanned!(span=> .#WITH_ATTRIBUTES(&[#(#names),*]))
            });
            checks.push(quote_spanned! {span=>
                const _: () = #private::#CHECK_TRANSLATION(
                    #tree,
                    &#private::#TRANSLATED::new(#shown, #line, #id, &[#(#variables),*])#attributes,
                );
            });
        }
        if *complete {
            let ids = file.messages.iter().map(|message| &message.id);
            let own = &file.own;
            checks.push(quote_spanned! {span=>
                const _: () = #private::#CHECK_COVERAGE(#tree, #shown, &[#(#ids,)* #(#own),*]);
            });
        }
        embedded.push(quote! {
            #private::#EMBEDDED_FILE::new(#locale, #shown, ::core::include_str!(#absolute))
        });
    }
    // Bound to locals: inside a repetition, `quote!` binds what it interpolates with `let`,
    // which the imported constants' names cannot be.
    let (has_catalog, tree_const, node) = (HAS_CATALOG, TREE, CATALOG_NODE);
    let trees = quote!(#(<#types as #private::#has_catalog>::#tree_const),*);
    let nodes =
        quote!(#(#private::#node::Nested(<#types as #private::#has_catalog>::#tree_const)),*);
    quote! {
        #(#attrs)*
        #vis static #name: #private::#EMBEDDED_LOCALES = {
            const #tree: &'static #private::#CATALOG_TREE = &#private::#CATALOG_TREE::new(
                ::core::concat!(::core::module_path!(), "::", ::core::stringify!(#name)),
                #private::#FIRST_FORMAT(&[#trees]),
                &[#nodes],
            );
            const _: () = #private::#CHECK_TREE(#tree);
            #(#checks)*
            #private::#EMBEDDED_LOCALES::new(
                #private::Catalog::#FROM_TREE(#tree),
                #default,
                &[#(#embedded),*],
            )
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_as_the_runtime_checks_them() {
        assert_eq!(check_tag("pt-BR"), Ok(()));
        assert_eq!(canonical_tag("pt_BR").as_deref(), Some("pt-BR"));
        assert_eq!(canonical_tag("sr-latn-rs").as_deref(), Some("sr-Latn-RS"));
        assert_eq!(
            canonical_tag("de-1996-1901-1996").as_deref(),
            Some("de-1901-1996")
        );
        assert_eq!(canonical_tag("en-"), None);
        assert_eq!(
            check_tag("pt_BR"),
            Err(
                "`pt_BR` is not a BCP 47 language tag: its subtags are separated by `-`, never `_`"
                    .to_owned()
            )
        );
    }

    proptest::proptest! {
        /// The derive's reading of a tag is unic-langid's (the runtime's), over tags built of
        /// subtags of every length and of letters, digits, both separators and other bytes.
        #[test]
        fn canonical_tag_is_unic_langids(tag in "([a-zA-Z0-9]{0,9}|[0-9][a-z!.]{3})([-_]([a-zA-Z0-9]{0,9}|[0-9][a-zA-Z!.]{3})){0,4}") {
            let theirs = tag
                .parse::<unic_langid::LanguageIdentifier>()
                .ok()
                .map(|language| language.to_string());
            proptest::prop_assert_eq!(canonical_tag(&tag), theirs);
        }
    }

    fn mistakes(text: &str) -> Vec<String> {
        let dir = LitStr::new("locales", Span::call_site());
        let mut errors = Errors::new();
        let _ = check_file(text, "locales/fr.ftl", &dir, &mut errors);
        match errors.finish() {
            Ok(()) => Vec::new(),
            Err(error) => error.into_iter().map(|error| error.to_string()).collect(),
        }
    }

    #[test]
    fn what_a_file_alone_shows_is_reported_with_file_and_line() {
        assert_eq!(
            mistakes("A = a\nB { $x }\n"),
            ["locales/fr.ftl:2: not Fluent syntax: Expected a token starting with \"=\""]
        );
        assert_eq!(
            mistakes("A = a\nA = b\n"),
            ["locales/fr.ftl:2: `A` is translated twice in this file (first on line 1)"]
        );
        assert_eq!(
            mistakes("\nA = { NUMBER($n) }\n"),
            [
                "locales/fr.ftl:2: `A` calls the function `NUMBER`; translations may use variables, plurals and terms, not functions"
            ]
        );
        assert_eq!(
            mistakes("A = a\n    .required = { $name }\n"),
            [
                "locales/fr.ftl:1: the detail reason `A.required` uses the variable `$name`; a detail reason may use `$field` only"
            ]
        );
        assert_eq!(
            mistakes("apierror-internl = x\n"),
            [
                "locales/fr.ftl:1: `apierror-internl` is none of apierror's own messages (`apierror-internal`, `apierror-status-404`, ...: README, \"Localized messages\")"
            ]
        );
        assert_eq!(
            mistakes("apierror-internal = { $source }\n"),
            [
                "locales/fr.ftl:1: `apierror-internal` uses the variable `$source`; apierror's own messages take none"
            ]
        );
        assert!(mistakes("A = { $n ->\n    [one] un\n   *[other] { $n }\n}\n").is_empty());
    }

    /// The runtime's key scheme has the same ids (`runtime/src/locale/keys.rs`).
    #[test]
    fn own_ids_are_the_runtimes() {
        // The key scheme, and the framework sentences' table it reads.
        let keys = concat!(
            include_str!("../../runtime/src/locale/keys.rs"),
            include_str!("../../runtime/src/catalog/locales.rs")
        );
        for id in OWN_IDS {
            assert!(keys.contains(&format!("\"{id}\"")), "{id}");
        }
        assert!(keys.contains("\"apierror-status-\""));
        // And the other way: every id of the runtime's framework table is known here.
        let table = include_str!("../../runtime/src/catalog/locales.rs")
            .split("const FRAMEWORK_SENTENCES")
            .nth(1)
            .and_then(|rest| rest.split("];").next())
            .unwrap();
        let ids: Vec<&str> = table
            .split('"')
            .filter(|piece| piece.starts_with("apierror-"))
            .collect();
        assert_eq!(ids.len(), 6);
        for id in ids {
            assert!(OWN_IDS.contains(&id), "{id}");
        }
    }

    /// The rules' values are the runtime's key scheme's (`RULE_PARAMS`).
    #[test]
    fn rule_params_are_the_runtimes() {
        let keys = include_str!("../../runtime/src/locale/keys.rs");
        let table = keys
            .split("const RULE_PARAMS")
            .nth(1)
            .and_then(|rest| rest.split("];").next())
            .unwrap();
        let compact: String = table.split_whitespace().collect();
        for (rule, params) in RULE_PARAMS {
            let quoted: Vec<String> = params.iter().map(|name| format!("\"{name}\"")).collect();
            let entry = format!("(\"{rule}\",&[{}])", quoted.join(","));
            assert!(compact.contains(&entry), "{entry} in {compact}");
        }
        assert_eq!(compact.matches("(\"").count(), RULE_PARAMS.len());
        assert_eq!(
            detail_variables("VALIDATION_FAILED", "length"),
            ["field", "min", "max", "equal"]
        );
        assert_eq!(detail_variables("OTHER", "length"), ["field"]);
    }

    #[test]
    fn input_parses_with_its_options() {
        let input: Input =
            syn::parse_quote!(pub LOCALES = [A, b::B], "locales", default = "de", complete);
        assert_eq!(input.types.len(), 2);
        assert_eq!(input.default.map(|lit| lit.value()).as_deref(), Some("de"));
        assert!(input.complete);
        assert!(syn::parse_str::<Input>("X = [A], \"l\", loud").is_err());
    }
}
