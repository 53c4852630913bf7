//! `ErrorList`: `{"errors":[{"message","help","phrase"}]}` then extension members.
//!
//! The format has no code, and writes a detail as the text `"field: reason"`: one entry is the
//! message of an error without details, several entries are its details. An error with
//! exactly one detail renders just like one whose message is that text, and reads back as such.

use super::Parts;
use super::ordered::{Object, Value};
use crate::detail::Detail;

/// An `errors` array with at least one object that has a string `message` makes an
/// ErrorList body; entries without one are skipped.
pub(super) fn read(body: &Object) -> Option<Parts> {
    let entries: Vec<(&str, &Object)> = body
        .array("errors")?
        .iter()
        .filter_map(Value::as_object)
        .filter_map(|entry| Some((entry.str("message")?, entry)))
        .collect();
    let (&(message, _), rest) = entries.split_first()?;
    let details = if rest.is_empty() {
        Vec::new()
    } else {
        entries.iter().map(|&(text, _)| detail(text)).collect()
    };
    Some(Parts {
        message: message.to_owned(),
        details,
        docs_url: entries
            .iter()
            .find_map(|(_, entry)| entry.str("help"))
            .and_then(|help| help.strip_prefix(crate::render::HELP_PREFIX))
            .map(str::to_owned),
        phrase: entries
            .iter()
            .find_map(|(_, entry)| entry.str("phrase"))
            .map(str::to_owned),
        extensions: body.members_except(&["errors"]),
        ..Parts::default()
    })
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
