//! `ErrorList`: `{"errors":[{"message","help","phrase"}]}` then extension members; one entry
//! per detail (`"field: reason"`), or one with the message when there are none. The only
//! envelope that shows the support phrase of a 5xx, and it carries no code.
//!
//! Read back, several entries are the error's details. One entry is ambiguous (an error with
//! exactly one detail renders just like one whose message is that text): it is the message,
//! and also a detail when it reads as one, `field: reason` with a field name that starts
//! lowercase (`project: Missing input`, `items[0].qty: ...`) or is empty (`: reason`), not a
//! sentence (`Forbidden: ...`).

use super::{Body, Envelope, Parts, Piece, Request, StaticBody, member};
use crate::detail::Detail;
use crate::extension::ExtensionError;
#[cfg(feature = "client")]
use crate::field_path;
use crate::json;
use crate::message::Filled;
#[cfg(feature = "client")]
use crate::remote::found::Found;
#[cfg(feature = "client")]
use crate::remote::members::Members;
#[cfg(feature = "client")]
use crate::remote::ordered::{self, Object};
#[cfg(feature = "docs")]
use serde_json::{Value, json};

pub(super) const ENVELOPE: Envelope = Envelope {
    name: "error_list",
    content_type: super::JSON,
    #[cfg(feature = "docs")]
    code_location: "Bodies carry no code: the status and the message identify the error. The codes below name the errors in this reference.",
    shows_request_id: false,
    shows_phrase: true,
    shows_docs_url: true,
    shows_domain: false,
    write,
    static_body,
    static_in_context: in_context!(static_body),
    templated_body: Some(templated_body),
    capacity,
    #[cfg(feature = "docs")]
    schema,
    #[cfg(feature = "client")]
    read,
};

/// What `help` says before the docs URL.
pub(crate) const HELP_PREFIX: &str =
    "For more information on API status codes and how to handle them, read the docs on errors: ";

fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    let parts = body.parts;
    let docs_url = parts.docs_url;
    body.raw("{\"errors\":[");
    let details = body.details;
    if details.is_empty() {
        body.raw("{\"message\":");
        body.message();
        tail(body, docs_url);
    } else {
        for (index, detail) in details.iter().enumerate() {
            if index > 0 {
                body.raw(",");
            }
            body.raw("{\"message\":\"");
            // "{field}: {reason}", just the reason when the detail has no field. An empty
            // field is a field (DESIGN.md §4: empty strings are kept): `": reason"`.
            if let Some(field) = detail.field.as_deref() {
                json::escape_into(body.out, field);
                body.raw(": ");
            }
            json::escape_into(body.out, &detail.reason);
            body.raw("\"");
            tail(body, docs_url);
        }
    }
    body.raw("]");
    body.extensions(false, &["errors"])?;
    body.raw("}");
    Ok(())
}

/// `help` and `phrase` of one entry, and its closing brace.
fn tail(body: &mut Body<'_>, docs_url: Option<&str>) {
    if let Some(url) = docs_url {
        body.raw(",\"help\":\"");
        body.raw(HELP_PREFIX);
        if body.parts.plain {
            body.raw(url);
        } else {
            json::escape_into(body.out, url);
        }
        body.raw("\"");
    }
    body.optional("phrase", body.request.phrase);
    body.raw("}");
}

/// The body of a [`StaticBody`]: `{"errors":[{"message":"...","help":"...","phrase":"..."}]}`.
#[inline]
fn static_body(body: StaticBody<'_>) -> Vec<u8> {
    joined(body, body.message)
}

/// The body of a templated [`StaticBody`]: the same pieces around the filled template.
fn templated_body(body: StaticBody<'_>, message: Filled<'_>) -> Vec<u8> {
    joined(body, message)
}

/// The pieces of both, around `message`.
#[inline(always)]
fn joined(body: StaticBody<'_>, message: impl Piece) -> Vec<u8> {
    let [help_open, help, url, help_close] = match body.docs_url() {
        Some(url) => [",\"help\":\"", HELP_PREFIX, url, "\""],
        None => [""; 4],
    };
    let Ok(phrase) = body.phrase() else {
        return Vec::new();
    };
    let [phrase_open, phrase, phrase_close] = member(",\"phrase\":\"", phrase);
    join!(
        "{\"errors\":[{\"message\":\"",
        message,
        "\"",
        help_open,
        help,
        url,
        help_close,
        phrase_open,
        phrase,
        phrase_close,
        "}]}",
    )
}

/// `help` and `phrase` on every entry.
fn capacity(parts: &Parts<'_>, details: &[Detail], request: &Request<'_>, _: usize) -> usize {
    let docs_url = parts.docs_url.map_or(0, str::len);
    let phrase = request.phrase.map_or(0, str::len);
    let entries = details.len().max(1);
    32 + entries * (32 + HELP_PREFIX.len() + docs_url + phrase)
}

#[cfg(feature = "docs")]
fn schema(_: &Value, _: &Value) -> Value {
    json!({
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "message": {"type": "string"},
                        "help": {"type": "string"},
                        "phrase": {"type": "string", "pattern": "^[1-9][0-9]? [a-z]+ [a-z]+ [a-z]+ [a-z]+$"},
                    },
                    "additionalProperties": false,
                },
            },
        },
    })
}

// Reading a body back (the client side, `RemoteError::parse`).

/// An `errors` array with at least one object that has a string `message` makes an
/// ErrorList body.
///
/// The entries are read when every one of them has the format's own shape (see [`entry`]);
/// otherwise the `errors` array is kept verbatim as an extension, and only the first entry's message (and the first `help` and `phrase`) are
/// read from it.
#[cfg(feature = "client")]
fn read(body: &Object, _typed: bool) -> Option<Found> {
    let items = body.array("errors")?;
    let first = items
        .iter()
        .filter_map(ordered::Value::as_object)
        .find_map(|entry| entry.str("message"))?;
    let mut members = Members::new(body);
    let entries = members.take("errors", |value| match value {
        ordered::Value::Array(items) => items.iter().map(entry).collect::<Option<Vec<_>>>(),
        _ => None,
    });
    let details = match entries.as_deref() {
        Some([text]) => lone_detail(text).into_iter().collect(),
        Some(texts) => texts.iter().map(|text| detail(text)).collect(),
        None => Vec::new(),
    };
    let objects = || items.iter().filter_map(ordered::Value::as_object);
    let message = members.message(Some(first));
    Some(Found {
        message,
        details,
        docs_url: objects()
            .find_map(|entry| entry.str("help"))
            .and_then(|help| help.strip_prefix(HELP_PREFIX))
            .map(str::to_owned),
        phrase: objects()
            .find_map(|entry| entry.str("phrase"))
            .map(str::to_owned),
        extensions: members.rest(),
        ..Found::default()
    })
}

/// The message of an entry of the format's own shape: a string `message`, and a `help` that
/// ends with the docs URL and a string `phrase`, each optional; nothing else.
#[cfg(feature = "client")]
fn entry(value: &ordered::Value) -> Option<&str> {
    let mut members = Members::new(value.as_object()?);
    let message = members.str("message")?;
    let _ = members.take("help", |help| {
        help.as_str().filter(|help| help.starts_with(HELP_PREFIX))
    });
    let _ = members.str("phrase");
    members.all_taken().then_some(message)
}

/// An entry's text as a detail: `field: reason`, split at the first `": "` that follows
/// nothing (the writer's `": reason"` for an empty field) or a whole field path
/// (`items[0].name`, or `labels["a: b"]`, whose bracketed key holds the separator: see
/// [`field_path::field_end`]); else at the first `": "` when the text before it has no
/// whitespace (a field name of some other shape); else all of it is the reason. Linear in the
/// text.
#[cfg(feature = "client")]
fn detail(text: &str) -> Detail {
    let path = if text.starts_with(": ") {
        Some(0)
    } else {
        field_path::field_end(text)
    };
    let name = || {
        text.find(": ")
            .filter(|&at| !text[..at].contains(char::is_whitespace))
    };
    match path.or_else(name) {
        Some(at) => Detail::new(text[..at].to_owned(), text[at + 2..].to_owned()),
        None => Detail::reason_only(text.to_owned()),
    }
}

/// The text of a body's only entry as a detail, when it reads as one: `field: reason` as
/// [`detail`] splits it, with a field that is empty or starts with a lowercase ASCII letter,
/// `_` or `[` (a field name or path as services write them), so a message such as
/// `Forbidden: ...` stays a message only.
#[cfg(feature = "client")]
fn lone_detail(text: &str) -> Option<Detail> {
    let detail = detail(text);
    let field = detail.field.as_deref()?;
    (field.is_empty()
        || field.starts_with(|c: char| c.is_ascii_lowercase() || c == '_' || c == '['))
    .then_some(detail)
}

#[cfg(all(test, feature = "client"))]
mod tests {
    use super::*;

    #[test]
    fn entry_texts_as_details() {
        assert_eq!(
            detail("lastName: Is required"),
            Detail::new("lastName", "Is required")
        );
        assert_eq!(
            detail("items[0].name: Bad: very bad"),
            Detail::new("items[0].name", "Bad: very bad")
        );
        assert_eq!(
            detail("At most 10 labels"),
            Detail::reason_only("At most 10 labels")
        );
        assert_eq!(
            detail("Rate limit: exceeded"),
            Detail::reason_only("Rate limit: exceeded")
        );
        assert_eq!(detail(": empty field"), Detail::new("", "empty field"));
        // A bracketed key holding whitespace, the separator or U+2028 (DESIGN's "Field
        // paths") is part of the field.
        assert_eq!(
            detail(r#"labels["a: b"]: Too long"#),
            Detail::new(r#"labels["a: b"]"#, "Too long")
        );
        assert_eq!(
            detail("labels[\"a\u{2028}b\"].x: Too long"),
            Detail::new("labels[\"a\u{2028}b\"].x", "Too long")
        );
        assert_eq!(
            detail(r#"[" \"]: "]: Bad"#),
            Detail::new(r#"[" \"]: "]"#, "Bad")
        );
        // Not paths: an unclosed key, whitespace outside brackets.
        assert_eq!(detail(r#"labels["a: b"#), Detail::new(r#"labels["a"#, "b"));
        assert_eq!(
            detail("Rate limit: exceeded: twice"),
            Detail::reason_only("Rate limit: exceeded: twice")
        );
        assert_eq!(detail("x:y"), Detail::reason_only("x:y"));
        assert_eq!(detail("x: "), Detail::new("x", ""));
    }

    /// An entry with an unclosed bracketed key and many separators (a hostile upstream's) is
    /// read in one scan: the field split stops where no path can go on.
    #[test]
    fn an_entry_with_many_separators_is_read_in_one_scan() {
        let text = format!("labels[\"{}", "x: ".repeat(100_000));
        assert_eq!(field_path::field_end(&text), None);
        let read = detail(&text);
        assert_eq!(read.field.as_deref(), Some("labels[\"x"));
    }

    #[test]
    fn a_lone_entry_is_a_detail_only_when_it_names_a_field() {
        assert_eq!(
            lone_detail("project: Missing input"),
            Some(Detail::new("project", "Missing input"))
        );
        assert_eq!(
            lone_detail("items[0].qty: Must be positive"),
            Some(Detail::new("items[0].qty", "Must be positive"))
        );
        assert_eq!(
            lone_detail("[0].name: Is required"),
            Some(Detail::new("[0].name", "Is required"))
        );
        assert_eq!(lone_detail("Forbidden: insufficient scope"), None);
        assert_eq!(lone_detail("Rate limit: exceeded"), None);
        assert_eq!(lone_detail("Task 7 could not be found"), None);
        assert_eq!(
            lone_detail(": Is required"),
            Some(Detail::new("", "Is required"))
        );
    }
}
