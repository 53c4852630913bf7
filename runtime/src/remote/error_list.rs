//! `ErrorList`: `{"errors":[{"message","help","phrase"}]}` then extension members.
//!
//! The format has no code, and writes a detail as the text `"field: reason"`: one entry is the
//! message of an error without details, several entries are its details. An error with
//! exactly one detail renders just like one whose message is that text, and reads back as such.

use super::Parts;
use super::members::Members;
use super::ordered::{Object, Value};
use crate::detail::Detail;

/// An `errors` array with at least one object that has a string `message` makes an
/// ErrorList body.
///
/// The entries are read when every one of them has the format's own shape (see [`entry`]);
/// otherwise the `errors` array is kept verbatim as
/// an extension, and only the first entry's message (and the first `help` and `phrase`) are
/// read from it.
pub(super) fn read(body: &Object) -> Option<Parts> {
    let items = body.array("errors")?;
    let first = items
        .iter()
        .filter_map(Value::as_object)
        .find_map(|entry| entry.str("message"))?;
    let mut members = Members::new(body);
    let entries = members.take("errors", |value| match value {
        Value::Array(items) => items.iter().map(entry).collect::<Option<Vec<_>>>(),
        _ => None,
    });
    let details = match &entries {
        Some(texts) if texts.len() > 1 => texts.iter().map(|text| detail(text)).collect(),
        _ => Vec::new(),
    };
    let objects = || items.iter().filter_map(Value::as_object);
    let message = members.message(Some(first));
    Some(Parts {
        message,
        details,
        docs_url: objects()
            .find_map(|entry| entry.str("help"))
            .and_then(|help| help.strip_prefix(crate::render::HELP_PREFIX))
            .map(str::to_owned),
        phrase: objects()
            .find_map(|entry| entry.str("phrase"))
            .map(str::to_owned),
        extensions: members.rest(),
        ..Parts::default()
    })
}

/// The message of an entry of the format's own shape: a string `message`, and a `help` that
/// ends with the docs URL and a string `phrase`, each optional; nothing else.
fn entry(value: &Value) -> Option<&str> {
    let mut members = Members::new(value.as_object()?);
    let message = members.str("message")?;
    let _ = members.take("help", |help| {
        help.as_str()
            .filter(|help| help.starts_with(crate::render::HELP_PREFIX))
    });
    let _ = members.str("phrase");
    members.all_taken().then_some(message)
}

/// An entry's text as a detail: `field: reason` when the text before the first `": "` is a
/// field name (not empty, no whitespace), else all of it as the reason.
pub(super) fn detail(text: &str) -> Detail {
    match text.split_once(": ") {
        Some((field, reason)) if !field.is_empty() && !field.contains(char::is_whitespace) => {
            Detail::new(field.to_owned(), reason.to_owned())
        }
        _ => Detail::reason_only(text.to_owned()),
    }
}

#[cfg(test)]
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
        assert_eq!(detail(": no field"), Detail::reason_only(": no field"));
        assert_eq!(detail("x:y"), Detail::reason_only("x:y"));
        assert_eq!(detail("x: "), Detail::new("x", ""));
    }
}
