//! Google's error model (AIP-193) on the errors a type that declares it receives through its
//! `#[transparent]` variants, checked in const evaluation, where an error is a panic: the
//! derive checks the type's own variants itself (`valid/google.rs` in apierror-derive), but a
//! wrapped type is known there only by name, and here by its catalog tree. A wrapped error is
//! sent in the wrapper's Google envelope, so its code is an `ErrorInfo.reason` and its
//! message's placeholders and its extensions are `ErrorInfo.metadata` keys.
//!
//! The rules are the derive's: a reason is `[A-Z][A-Z0-9_]+[A-Z0-9]`, at most 63 characters; a
//! key `[a-z][a-zA-Z0-9-_]+`, at most 64 characters, a placeholder's being its field name in
//! lowerCamelCase (a position such as `{0}` has none).
// Panics here are compile errors (const evaluation), which is their purpose.
#![allow(clippy::indexing_slicing, clippy::panic)]

use super::check::{MAX_DEPTH, Message};
use super::{CatalogNode, CatalogTree, ErrorSpec};
use crate::format::Format;
use crate::message::next_placeholder;

const MAX_REASON_LEN: usize = 63;
const MAX_KEY_LEN: usize = 64;

/// Panics when an entry of `wrapped` (the tree of a `#[transparent]` variant of `wrapper`, a
/// type that declares Google's error model) breaks one of AIP-193's rules. The domain is not
/// asked for: an `ErrorInfo` without one leaves it out (DESIGN.md §4), and a type whose every
/// variant wraps is made to pass its errors on in the Google envelope as they are.
pub const fn check_google_wrapped(wrapper: &str, wrapped: &'static CatalogTree) {
    // The entries of `wrapped`, depth first, leaving out a nested tree of a type in the Google
    // envelope: its derive checked it (and what it wraps), at its own variant.
    if matches!(wrapped.format, Format::Google) {
        return;
    }
    let mut stack = [(&[] as &[CatalogNode], 0); MAX_DEPTH];
    stack[0] = (wrapped.nodes, 0);
    let mut depth = 1;
    while depth > 0 {
        let (nodes, index) = stack[depth - 1];
        if index == nodes.len() {
            depth -= 1;
            continue;
        }
        stack[depth - 1].1 = index + 1;
        let spec = match &nodes[index] {
            CatalogNode::Spec(spec) => spec,
            CatalogNode::Nested(tree) => {
                if !matches!(tree.format, Format::Google) {
                    if depth == MAX_DEPTH {
                        panic!("apierror: #[transparent] errors nest more than 32 types deep");
                    }
                    stack[depth] = (tree.nodes, 0);
                    depth += 1;
                }
                continue;
            }
        };
        if !is_reason(spec.code) {
            fail(
                wrapper,
                spec,
                "code `",
                spec.code,
                "` is not an `ErrorInfo.reason` (`[A-Z][A-Z0-9_]+[A-Z0-9]`, at most 63 characters): give it a #[code] in SCREAMING_SNAKE_CASE",
            );
        }
        check_placeholders(wrapper, spec);
        let mut i = 0;
        while i < spec.extensions.len() {
            let name = spec.extensions[i];
            if !is_key(name) {
                fail(
                    wrapper,
                    spec,
                    "extension `",
                    name,
                    "` is not an `ErrorInfo.metadata` key (`[a-z][a-zA-Z0-9-_]+`, at most 64 characters): rename it, as in #[extension(\"retryToken\")]",
                );
            }
            i += 1;
        }
    }
}

/// Panics when a placeholder of `spec`'s message has no valid metadata key. A message that is
/// the error's `Display` text (no `#[message]`) has no placeholders.
const fn check_placeholders(wrapper: &str, spec: &ErrorSpec) {
    let Some(written) = spec.message_template else {
        return;
    };
    // With a literal brace the template syntax is in `template_source` (`{{` a brace); without
    // one, every brace of the template as written is a placeholder's.
    let template = match spec.template_source {
        Some(source) => source.as_bytes(),
        None => written.as_bytes(),
    };
    let mut index = 0;
    while let Some((start, end)) = next_placeholder(template, index) {
        let name = template.split_at(end).0.split_at(start).1;
        if !is_placeholder_key(name) {
            let name = match core::str::from_utf8(name) {
                Ok(name) => name,
                Err(_) => "?",
            };
            fail(
                wrapper,
                spec,
                "message placeholder `{",
                name,
                "}` has no valid `ErrorInfo.metadata` key (its field name in lowerCamelCase, `[a-z][a-zA-Z0-9-_]+`, at most 64 characters; a position such as `{0}` has none): name the field in its #[message]",
            );
        }
        index = end + 1;
    }
}

/// Whether `code` is an `ErrorInfo.reason`.
const fn is_reason(code: &str) -> bool {
    let bytes = code.as_bytes();
    let len = bytes.len();
    if len < 3 || len > MAX_REASON_LEN || !bytes[0].is_ascii_uppercase() {
        return false;
    }
    let last = bytes[len - 1];
    if !last.is_ascii_uppercase() && !last.is_ascii_digit() {
        return false;
    }
    let mut i = 0;
    while i < len {
        let b = bytes[i];
        if !b.is_ascii_uppercase() && !b.is_ascii_digit() && b != b'_' {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `name` is an `ErrorInfo.metadata` key as written (an extension's).
const fn is_key(name: &str) -> bool {
    let bytes = name.as_bytes();
    let len = bytes.len();
    if len < 2 || len > MAX_KEY_LEN || !bytes[0].is_ascii_lowercase() {
        return false;
    }
    let mut i = 0;
    while i < len {
        let b = bytes[i];
        if !b.is_ascii_alphanumeric() && b != b'-' && b != b'_' {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether the field `name` makes a valid metadata key in lowerCamelCase (underscores dropped,
/// the first letter lower-cased): ASCII letters, digits and underscores, a letter first, 2 to
/// 64 characters without the underscores.
const fn is_placeholder_key(name: &[u8]) -> bool {
    let mut kept = 0;
    let mut i = 0;
    while i < name.len() {
        let b = name[i];
        if b == b'_' {
            i += 1;
            continue;
        }
        if !b.is_ascii_alphanumeric() || (kept == 0 && !b.is_ascii_alphabetic()) {
            return false;
        }
        kept += 1;
        i += 1;
    }
    kept >= 2 && kept <= MAX_KEY_LEN
}

/// The compile error: `wrapper` uses Google's error model, and `spec`, which one of its
/// `#[transparent]` variants wraps, breaks a rule (`what`, `name`, `rule` say which).
const fn fail(wrapper: &str, spec: &ErrorSpec, what: &str, name: &str, rule: &str) -> ! {
    let mut message = Message::new();
    message.push("apierror: `");
    message.push(wrapper);
    message.push("` uses Google's error model (AIP-193) and wraps `");
    message.push(spec.defined_in);
    message.push("` (#[transparent]), whose ");
    message.push(what);
    message.push(name);
    message.push(rule);
    message.push(", or wrap it in a type that does not use Google's error model");
    match core::str::from_utf8(message.as_bytes()) {
        Ok(text) => panic!("{}", text),
        Err(_) => panic!("apierror: a wrapped error breaks Google's error model (AIP-193)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_are_the_derives() {
        for (code, valid) in [
            ("CARD_DECLINED", true),
            ("A1", false),
            ("ABC", true),
            ("billing.card_declined", false),
            ("CARD_", false),
            ("_CARD", false),
            ("CARD9", true),
        ] {
            assert_eq!(is_reason(code), valid, "{code}");
        }
        for (name, valid) in [
            ("retryToken", true),
            ("x", false),
            ("Retry", false),
            ("retry-token", true),
            ("r\u{e9}", false),
        ] {
            assert_eq!(is_key(name), valid, "{name}");
        }
        for (name, valid) in [
            ("owner_name", true),
            ("id", true),
            ("x", false),
            ("0", false),
            ("_id", true),
            ("2fa", false),
            ("x_", false),
        ] {
            assert_eq!(is_placeholder_key(name.as_bytes()), valid, "{name}");
        }
    }
}
