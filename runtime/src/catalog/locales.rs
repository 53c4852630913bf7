//! Translations embedded by `apierror::locales!`, and their compile-time checks against the
//! catalog of the types the macro lists.
//!
//! The macro parses the `.ftl` files itself (syntax, functions, duplicates, a detail reason's
//! variables); what needs the catalog runs here, in const evaluation, where an error is a
//! panic that quotes the translation file and line (the compiler cannot point into a `.ftl`
//! file): every message translates a code of the catalog, uses only the placeholders its
//! `#[message]` names, and, when the macro is asked for `complete`, every code has a
//! translation in every file. A new file, so that `check.rs`'s lines, which trybuild
//! snapshots quote, stay where they are.
// Panics here are compile errors (const evaluation), which is their purpose.
#![allow(clippy::indexing_slicing, clippy::panic)]

use super::check::{Message, Walker, str_eq};
use super::{Catalog, CatalogTree, ErrorSpec};
use crate::message::{INTERNAL, UNAVAILABLE};

/// The framework errors' sentences and their Fluent ids (the key scheme,
/// `locale/keys.rs`, reads them from here).
pub(crate) const FRAMEWORK_SENTENCES: [(&str, &str); 6] = [
    (
        "apierror-malformed-body",
        "The request body is not valid JSON.",
    ),
    (
        "apierror-unsupported-media-type",
        "The request body's content type is not supported.",
    ),
    ("apierror-invalid-body", "The request body is invalid."),
    ("apierror-invalid-query", "The query string is invalid."),
    ("apierror-invalid-path", "The request path is invalid."),
    (
        "apierror-payload-too-large",
        "The request body is too large.",
    ),
];

/// The ids of the sentences a framework's `BAD_REQUEST` sends (a body that is not JSON, a
/// query or a path that does not deserialize), as a translator should write them.
pub(crate) const BAD_REQUEST_IDS: &str =
    "`apierror-malformed-body`, `apierror-invalid-query` or `apierror-invalid-path`";

/// The `apierror-*` id(s) that translate the message of a framework catalog's entry: its
/// message is one of apierror's own sentences, translated by that sentence's id, never by the
/// entry's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OwnIds {
    /// [`BAD_REQUEST_IDS`]: the entry has no one message.
    BadRequest,
    /// One id (`apierror-internal`, `apierror-invalid-body`, ...).
    Id(&'static str),
    /// The reason phrase's `apierror-status-N`.
    Status(u16),
}

impl OwnIds {
    /// The ids that translate `spec`'s message (an entry of a framework's catalog).
    pub(crate) const fn of(spec: &ErrorSpec) -> Self {
        let Some(template) = spec.message_template else {
            return Self::BadRequest;
        };
        if str_eq(template, INTERNAL) {
            return Self::Id("apierror-internal");
        }
        if str_eq(template, UNAVAILABLE) {
            return Self::Id("apierror-unavailable");
        }
        let mut index = 0;
        while index < FRAMEWORK_SENTENCES.len() {
            let (id, sentence) = FRAMEWORK_SENTENCES[index];
            if str_eq(template, sentence) {
                return Self::Id(id);
            }
            index += 1;
        }
        Self::Status(spec.status)
    }

    const fn push(self, text: &mut Message) {
        match self {
            Self::BadRequest => text.push(BAD_REQUEST_IDS),
            Self::Id(id) => {
                text.push("`");
                text.push(id);
                text.push("`");
            }
            Self::Status(status) => {
                text.push("`apierror-status-");
                text.push_status(status);
                text.push("`");
            }
        }
    }
}

impl std::fmt::Display for OwnIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::BadRequest => f.write_str(BAD_REQUEST_IDS),
            Self::Id(id) => write!(f, "`{id}`"),
            Self::Status(status) => write!(f, "`apierror-status-{status}`"),
        }
    }
}

/// One message of a translation file as `locales!` read it: where it is, its Fluent id, the
/// variables its value uses and the names of its attributes (detail reasons). Not public API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Translated {
    file: &'static str,
    line: u32,
    id: &'static str,
    variables: &'static [&'static str],
    attributes: &'static [&'static str],
}

impl Translated {
    pub const fn new(
        file: &'static str,
        line: u32,
        id: &'static str,
        variables: &'static [&'static str],
    ) -> Self {
        Self {
            file,
            line,
            id,
            variables,
            attributes: &[],
        }
    }

    /// The names of the message's attributes (`.empty`), each the reason of a detail code.
    pub const fn with_attributes(mut self, attributes: &'static [&'static str]) -> Self {
        self.attributes = attributes;
        self
    }
}

/// One embedded translation file: its language, its path as the `locales!` call names it, and
/// its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedFile {
    locale: &'static str,
    path: &'static str,
    text: &'static str,
}

impl EmbeddedFile {
    #[doc(hidden)]
    pub const fn new(locale: &'static str, path: &'static str, text: &'static str) -> Self {
        Self { locale, path, text }
    }

    /// The language (the file's name without `.ftl`: `fr`, `pt-BR`).
    pub const fn locale(&self) -> &'static str {
        self.locale
    }

    /// The path, as the `locales!` call names the directory, then the file's name
    /// (`locales/fr.ftl`).
    pub const fn path(&self) -> &'static str {
        self.path
    }

    /// The Fluent text, embedded when the crate was compiled.
    pub const fn text(&self) -> &'static str {
        self.text
    }
}

/// Translations embedded at compile time by `apierror::locales!`, checked against the catalog
/// of the types it lists: what `apierror::locale::Translations::from_embedded` loads (feature
/// `fluent`).
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedLocales {
    catalog: Catalog,
    default: &'static str,
    files: &'static [EmbeddedFile],
}

impl EmbeddedLocales {
    #[doc(hidden)]
    pub const fn new(
        catalog: Catalog,
        default: &'static str,
        files: &'static [EmbeddedFile],
    ) -> Self {
        Self {
            catalog,
            default,
            files,
        }
    }

    /// The catalog the translations were checked against.
    pub const fn catalog(&self) -> Catalog {
        self.catalog
    }

    /// The default language: that of the `#[message]` texts (`en`).
    pub const fn default_locale(&self) -> &'static str {
        self.default
    }

    /// The translation files, in the order of their names.
    pub const fn files(&self) -> &'static [EmbeddedFile] {
        self.files
    }
}

impl Catalog {
    /// The entries a complete translation must translate: every entry but a framework
    /// catalog's (their sentences have `apierror-*` ids), each code once.
    #[cfg(feature = "fluent")]
    pub(crate) fn translatable(&self) -> Vec<&'static ErrorSpec> {
        let mut walker = Walker::new(self.tree);
        let mut specs: Vec<&'static ErrorSpec> = Vec::new();
        while let Some(spec) = walker.next() {
            if !walker.yields() && !specs.iter().any(|seen| seen.code == spec.code) {
                specs.push(spec);
            }
        }
        specs
    }
}

/// Whether a translation's ids cover `spec` (its code's id, or the generic 5xx sentence its
/// message is): the rule `complete` applies at compile time.
#[cfg(feature = "fluent")]
pub(crate) fn is_covered(spec: &ErrorSpec, ids: &[&str]) -> bool {
    covered(spec, ids)
}

/// Panics (a compile error) unless `message` translates a code of `tree` and uses only the
/// placeholders of that code's `#[message]`; also when two codes of `tree` have its Fluent id.
/// An unknown code passes when a type of `tree` failed to derive (`CatalogTree::FAILED`).
pub const fn check_translation(tree: &'static CatalogTree, message: &Translated) {
    let mut walker = Walker::new(tree);
    let mut found: Option<&'static ErrorSpec> = None;
    let mut found_in_framework = false;
    while let Some(spec) = walker.next() {
        if !id_eq(spec.code, message.id) {
            continue;
        }
        match found {
            Some(seen) if !str_eq(seen.code, spec.code) => {
                let mut text = at(message);
                text.push("codes `");
                text.push(seen.code);
                text.push("` and `");
                text.push(spec.code);
                text.push("` both have the Fluent id `");
                text.push(message.id);
                text.push("` (`.` is written `-`): rename one");
                fail(&text);
            }
            // A user's entry with a framework's code is the one translated.
            Some(_) => found_in_framework = found_in_framework && walker.yields(),
            None => {
                found = Some(spec);
                found_in_framework = walker.yields();
            }
        }
    }
    let Some(spec) = found else {
        if tree.has_failed() {
            // The code may be one of a type whose derive failed: its error is enough.
            return;
        }
        let mut text = at(message);
        text.push("`");
        text.push(message.id);
        text.push("` is no code of the catalog and none of apierror's own messages");
        fail(&text);
    };
    if found_in_framework {
        // Only a framework's catalog has the code: its errors are translated by the id of
        // their sentence, so this translation would never be used.
        let mut text = at(message);
        text.push("`");
        text.push(message.id);
        text.push("` is the code of a framework error (");
        text.push(spec.defined_in);
        text.push("), whose message is one of apierror's own sentences and is translated by its id: write ");
        OwnIds::of(spec).push(&mut text);
        text.push(" instead");
        fail(&text);
    }
    let mut index = 0;
    while index < message.variables.len() {
        let variable = message.variables[index];
        if !names(spec.message_template, variable) {
            let mut text = at(message);
            text.push("`");
            text.push(message.id);
            text.push("` uses the variable `$");
            text.push(variable);
            text.push("`, which its #[message] does not name");
            match spec.message_template {
                Some(template) => {
                    text.push(" (the #[message] is \"");
                    text.push(template);
                    text.push("\")");
                }
                None => text.push(" (it has no #[message])"),
            }
            fail(&text);
        }
        index += 1;
    }
    let mut index = 0;
    while index < message.attributes.len() {
        let attribute = message.attributes[index];
        if let Some(false) = spec.names_detail(attribute) {
            let mut text = at(message);
            text.push("`");
            text.push(message.id);
            text.push(".");
            text.push(attribute);
            text.push("` translates the reason of a detail whose code is `");
            text.push(attribute);
            text.push("`, and `");
            text.push(spec.code);
            text.push("` has no such detail");
            push_detail_codes(&mut text, spec);
            fail(&text);
        }
        index += 1;
    }
}

/// ` (its details' codes: `a`, `b`)`, or what the error has instead.
const fn push_detail_codes(text: &mut Message, spec: &ErrorSpec) {
    match spec.detail_codes {
        Some(codes) if !codes.is_empty() => {
            text.push(" (its details' codes: ");
            let mut rest = codes;
            let mut first = true;
            while let [code, tail @ ..] = rest {
                if !first {
                    text.push(", ");
                }
                first = false;
                text.push("`");
                text.push(code);
                text.push("`");
                rest = tail;
            }
            text.push(")");
        }
        _ if spec.has_details => text.push(" (none of its details has a code)"),
        _ => text.push(" (it has no details)"),
    }
}

/// Panics (a compile error) listing the codes of `tree` that the translation file `file`
/// (whose Fluent ids are `ids`) leaves untranslated. A framework's catalog is not required
/// (its sentences have ids of their own); a 5xx whose message is a generic sentence is covered
/// by that sentence's id too.
pub const fn check_coverage(tree: &'static CatalogTree, file: &'static str, ids: &[&str]) {
    let mut walker = Walker::new(tree);
    let mut text = Message::new();
    let mut missing = 0;
    let mut position = 0;
    while let Some(spec) = walker.next() {
        position += 1;
        if walker.yields() || covered(spec, ids) || listed_before(tree, position - 1, spec.code) {
            continue;
        }
        if missing == 0 {
            text.push("apierror: ");
            text.push(file);
            text.push(" has no translation of ");
        } else {
            text.push(", ");
        }
        text.push("`");
        text.push(spec.code);
        text.push("`");
        if let Some(own) = generic_id(spec) {
            // One line covers every error that says the generic sentence.
            text.push(" (or `");
            text.push(own);
            text.push("`)");
        }
        missing += 1;
    }
    if missing > 0 {
        text.push(" (`complete` asks for every code in every language)");
        fail(&text);
    }
}

/// Whether one of the first `count` entries of `tree` has `code` (a type reached twice).
const fn listed_before(tree: &'static CatalogTree, count: usize, code: &str) -> bool {
    let mut walker = Walker::new(tree);
    let mut index = 0;
    while index < count {
        match walker.next() {
            Some(seen) if str_eq(seen.code, code) => return true,
            Some(_) => index += 1,
            None => return false,
        }
    }
    false
}

/// Whether `ids` translates `spec`: its code's id, or the id of its generic 5xx sentence.
const fn covered(spec: &ErrorSpec, ids: &[&str]) -> bool {
    let mut index = 0;
    while index < ids.len() {
        if id_eq(spec.code, ids[index]) {
            return true;
        }
        if let Some(own) = generic_id(spec)
            && str_eq(own, ids[index])
        {
            return true;
        }
        index += 1;
    }
    false
}

/// The id of the generic 5xx sentence `spec`'s message is (`apierror-internal`,
/// `apierror-unavailable`), which translates every error that says it.
pub(crate) const fn generic_id(spec: &ErrorSpec) -> Option<&'static str> {
    match spec.message_template {
        Some(template) if str_eq(template, INTERNAL) => Some("apierror-internal"),
        Some(template) if str_eq(template, UNAVAILABLE) => Some("apierror-unavailable"),
        _ => None,
    }
}

/// Whether `id` is the Fluent id of `code` (`.` written `-`).
pub(super) const fn id_eq(code: &str, id: &str) -> bool {
    let (code, id) = (code.as_bytes(), id.as_bytes());
    if code.len() != id.len() {
        return false;
    }
    let mut index = 0;
    while index < code.len() {
        let byte = if code[index] == b'.' {
            b'-'
        } else {
            code[index]
        };
        if byte != id[index] {
            return false;
        }
        index += 1;
    }
    true
}

/// Whether `template` has the placeholder that Fluent variable `variable` stands for: `{name}`
/// for `name`, `{N}` for `argN`. `{{` is a literal brace.
const fn names(template: Option<&str>, variable: &str) -> bool {
    let Some(template) = template else {
        return false;
    };
    let bytes = template.as_bytes();
    let mut index = 0;
    while let Some((start, end)) = crate::message::next_placeholder(bytes, index) {
        if placeholder_is(bytes, start, end, variable.as_bytes()) {
            return true;
        }
        index = end + 1;
    }
    false
}

/// Whether `bytes[start..end]`, a placeholder, is the one `variable` names.
const fn placeholder_is(bytes: &[u8], start: usize, end: usize, variable: &[u8]) -> bool {
    let digits = start < end && all_digits(bytes, start, end);
    let (offset, prefix_ok) = if digits {
        // `{0}` is `$arg0`.
        (
            3,
            variable.len() > 3 && variable[0] == b'a' && variable[1] == b'r' && variable[2] == b'g',
        )
    } else {
        (0, true)
    };
    if !prefix_ok || variable.len() - offset != end - start {
        return false;
    }
    let mut index = 0;
    while index < end - start {
        if bytes[start + index] != variable[offset + index] {
            return false;
        }
        index += 1;
    }
    true
}

const fn all_digits(bytes: &[u8], start: usize, end: usize) -> bool {
    let mut index = start;
    while index < end {
        if !bytes[index].is_ascii_digit() {
            return false;
        }
        index += 1;
    }
    true
}

/// `apierror: FILE:LINE: ` of `message`.
const fn at(message: &Translated) -> Message {
    let mut text = Message::new();
    text.push("apierror: ");
    text.push(message.file);
    text.push(":");
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut line = message.line;
    loop {
        digits[9 - len] = b'0' + (line % 10) as u8;
        len += 1;
        line /= 10;
        if line == 0 {
            break;
        }
    }
    match core::str::from_utf8(digits.split_at(10 - len).1) {
        Ok(number) => text.push(number),
        Err(_) => text.push("?"),
    }
    text.push(": ");
    text
}

const fn fail(text: &Message) -> ! {
    match core::str::from_utf8(text.as_bytes()) {
        Ok(text) => panic!("{}", text),
        Err(_) => panic!("apierror: a translation does not match the catalog"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_name_placeholders() {
        assert!(names(Some("Task {id} of {owner}"), "owner"));
        assert!(names(Some("{0} and {1}"), "arg1"));
        assert!(!names(Some("{0}"), "0"));
        assert!(!names(Some("{{id}} {x}"), "id"));
        assert!(!names(Some("Task {id}"), "i"));
        assert!(!names(None, "id"));
        assert!(id_eq("a.b_c", "a-b_c"));
        assert!(!id_eq("a.b", "a.b"));
    }
}
