//! The Google error model's rules (AIP-193), checked on a type that declares the profile:
//! `#[api_error(format = "google")]` or a type-level `#[grpc(...)]`. Codes are `ErrorInfo.reason`
//! (`[A-Z][A-Z0-9_]+[A-Z0-9]`, at most 63 characters), the domain is `ErrorInfo.domain` (required),
//! and the keys of `ErrorInfo.metadata` — the message's placeholders in lowerCamelCase, then the
//! extension names — are `[a-z][a-zA-Z0-9-_]+`, at most 64 characters, each once.

use crate::ast::{Input, Variant};
use crate::errors::Errors;
use crate::symbol::{API_ERROR, DOMAIN, EXTENSION, FORMATS, GRPC, MESSAGE};
use crate::template::Piece;
use heck::ToShoutySnakeCase as _;

const MAX_REASON_LEN: usize = 63;
const MAX_KEY_LEN: usize = 64;

/// Whether the type declares the Google profile.
pub fn declared(input: &Input) -> bool {
    let google = FORMATS[4].1;
    input
        .attrs
        .format
        .as_ref()
        .is_some_and(|format| format.variant == google)
        || input.attrs.grpc.is_some()
}

pub fn check(input: &Input, errors: &mut Errors) {
    // A type whose every variant is `#[transparent]` writes no `ErrorInfo` of its own: the
    // wrapped types' domains are used.
    let own_errors = input
        .variants
        .iter()
        .any(|variant| !variant.is_transparent());
    if own_errors && input.attrs.domain.is_none() {
        errors.spanned(
            input.ident,
            format!(
                "`{}` uses Google's error model (`format = \"google\"` or a type-level `#[{GRPC}]`), whose `ErrorInfo` needs the service's domain: add `{DOMAIN} = \"tasks.example.com\"` to `#[{API_ERROR}(...)]`",
                input.ident
            ),
        );
    }
    for variant in &input.variants {
        if !variant.is_transparent() {
            check_variant(variant, errors);
        }
    }
}

fn check_variant(variant: &Variant, errors: &mut Errors) {
    let code = variant.code();
    if !is_reason(code) {
        let fix = match suggested_reason(code) {
            Some(reason) => format!("write it as `{reason}`"),
            None => format!(
                "{}; write a code such as `TASK_NOT_FOUND`",
                why_not_reason(code)
            ),
        };
        errors.push(syn::Error::new(
            variant.code_span(),
            format!(
                "Google's error model wants codes (`ErrorInfo.reason`) of `[A-Z][A-Z0-9_]+[A-Z0-9]`, at most {MAX_REASON_LEN} characters; `{code}` is not one: {fix}"
            ),
        ));
    }
    let mut keys: Vec<String> = Vec::new();
    if let Some(template) = &variant.attrs.message {
        for piece in &template.pieces {
            match piece {
                Piece::Named(name) => {
                    let key = lower_camel(name);
                    if !is_key(&key) {
                        errors.spanned(
                            &template.lit,
                            format!(
                                "the placeholder `{{{name}}}` is the `ErrorInfo.metadata` key `{key}`, which Google's error model does not allow: keys are `[a-z][a-zA-Z0-9-_]+`, at most {MAX_KEY_LEN} characters; rename the field"
                            ),
                        );
                    } else if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
                Piece::Index(index) => errors.spanned(
                    &template.lit,
                    format!(
                        "the placeholder `{{{index}}}` has no name for `ErrorInfo.metadata` in Google's error model: use a named field in `#[{MESSAGE}(\"...\")]`"
                    ),
                ),
                Piece::Text(_) => {}
            }
        }
    }
    for field in &variant.fields {
        for extension in &field.attrs.extensions {
            let Some(name) = field.extension_name(extension) else {
                continue;
            };
            if !is_key(&name) {
                errors.spanned(
                    extension.attr,
                    format!(
                        "the extension `{name}` is an `ErrorInfo.metadata` key in Google's error model, which wants `[a-z][a-zA-Z0-9-_]+`, at most {MAX_KEY_LEN} characters: name it as in `#[{EXTENSION}(\"currentVersion\")]`"
                    ),
                );
            } else if keys.contains(&name) {
                errors.spanned(
                    extension.attr,
                    format!(
                        "the extension `{name}` has the `ErrorInfo.metadata` key of a placeholder of the message, which holds that placeholder's value: give the extension another name, as in `#[{EXTENSION}(\"other\")]`"
                    ),
                );
            }
        }
    }
}

/// `[A-Z][A-Z0-9_]+[A-Z0-9]`, at most 63 characters.
fn is_reason(code: &str) -> bool {
    let bytes = code.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    bytes.len() >= 3
        && bytes.len() <= MAX_REASON_LEN
        && first.is_ascii_uppercase()
        && (last.is_ascii_uppercase() || last.is_ascii_digit())
        && bytes
            .iter()
            .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// A valid reason made from `code` (an invalid one): its words in SCREAMING_SNAKE_CASE, without
/// the characters a reason cannot hold, from its first letter on, cut to 63 characters and
/// without a trailing `_`; `None` when that leaves no valid reason (`A`: too short), for no
/// rewrite may repeat the invalid code or invent words.
fn suggested_reason(code: &str) -> Option<String> {
    let shouty = code.to_shouty_snake_case();
    let kept: String = shouty
        .chars()
        .filter(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
        .skip_while(|c| !c.is_ascii_uppercase())
        .take(MAX_REASON_LEN)
        .collect();
    let reason = kept.trim_end_matches('_');
    is_reason(reason).then(|| reason.to_owned())
}

/// What makes `code` no reason, for a message without a suggestion.
fn why_not_reason(code: &str) -> String {
    let count = code.chars().count();
    if count < 3 {
        format!("it has {count} character(s), and a reason has at least 3")
    } else if count > MAX_REASON_LEN {
        format!("it has {count} characters")
    } else if let Some(bad) = code
        .chars()
        .find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_'))
    {
        format!("`{bad}` is none of `A-Z`, `0-9`, `_`")
    } else if !code.starts_with(|c: char| c.is_ascii_uppercase()) {
        "it does not start with a letter `A-Z`".to_owned()
    } else {
        "it ends with `_`".to_owned()
    }
}

/// `[a-z][a-zA-Z0-9-_]+`, at most 64 characters.
fn is_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    bytes.len() >= 2
        && bytes.len() <= MAX_KEY_LEN
        && bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The metadata key of a placeholder, as the runtime makes it (`runtime/src/metadata.rs`'s
/// `lower_camel_chars`, serde's `rename_all = "camelCase"`): underscores dropped, the letter
/// after one upper-cased, the first letter lower-cased: `owner_name` -> `ownerName`,
/// `ABC_def` -> `aBCDef`.
pub(super) fn lower_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for ch in name.chars() {
        if ch == '_' {
            upper = !out.is_empty();
        } else if out.is_empty() {
            out.extend(ch.to_lowercase());
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_and_keys() {
        for code in ["TASK_NOT_FOUND", "A1B", "ABC", "E404"] {
            assert!(is_reason(code), "{code}");
        }
        let long = "A".repeat(64);
        for code in ["AB_", "task", "A", "AB", "1AB", "A-B", &long] {
            assert!(!is_reason(code), "{code}");
        }
        let longest = "a".repeat(64);
        for key in ["id", "taskId", "existing-id", "owner_name", &longest] {
            assert!(is_key(key), "{key}");
        }
        let too_long = "a".repeat(65);
        for key in ["i", "Id", "0", "_id", "a.b", &too_long] {
            assert!(!is_key(key), "{key}");
        }
        assert_eq!(lower_camel("owner_name"), "ownerName");
        assert_eq!(
            suggested_reason("Task.NotFound").as_deref(),
            Some("TASK_NOT_FOUND")
        );
        assert_eq!(suggested_reason("_1task_").as_deref(), Some("TASK"));
        assert_eq!(suggested_reason(&"a".repeat(70)), Some("A".repeat(63)));
        for code in ["A", "Ab", "a", "", "12", "__", "é-ü-ö", "x_"] {
            assert_eq!(suggested_reason(code), None, "{code}");
        }
        assert_eq!(
            why_not_reason("A"),
            "it has 1 character(s), and a reason has at least 3"
        );
    }

    proptest::proptest! {
        /// A suggestion is a valid reason, for every code.
        #[test]
        fn suggestions_are_reasons(code in "\\PC{0,80}") {
            if let Some(reason) = suggested_reason(&code) {
                proptest::prop_assert!(is_reason(&reason), "{code:?} -> {reason:?}");
            }
        }
    }

    #[test]
    fn invalid_codes_are_explained() {
        for code in ["A", "AB_", "1AB", "A-B", &"A".repeat(64)] {
            assert!(!why_not_reason(code).is_empty());
        }
        assert_eq!(lower_camel("_private_key"), "privateKey");
        assert_eq!(lower_camel("ABC_def"), "aBCDef");
        assert_eq!(lower_camel("Owner"), "owner");
    }
}
