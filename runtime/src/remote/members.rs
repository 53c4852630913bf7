//! What a format reader takes from an object, and what it leaves.
//!
//! One rule for every reader: a member the reader maps to a part of the error (code, message,
//! details...) is taken; every other member — unknown ones, and the reader's own members whose
//! shape it does not know (a `details` that is not an array of detail objects, a `requestId`
//! that is a number) — is kept verbatim, in document order, as an extension. A member that is
//! `null` counts as absent and is dropped.

use super::ordered::{Kept, Object, Value};
use crate::detail::Detail;
use crate::field_path::from_json_pointer;
use http::StatusCode;
use std::borrow::Cow;

/// The members of one object, and which of them a reader has taken.
pub(crate) struct Members<'a> {
    object: &'a Object,
    taken: Vec<&'a str>,
}

impl<'a> Members<'a> {
    pub(crate) fn new(object: &'a Object) -> Self {
        Self {
            object,
            taken: Vec::new(),
        }
    }

    /// Reads the member `name` with `read` and takes it when `read` maps it. A `null` member
    /// is taken as absent; one `read` cannot map is left for the extensions.
    pub(crate) fn take<T>(
        &mut self,
        name: &str,
        read: impl FnOnce(&'a Value) -> Option<T>,
    ) -> Option<T> {
        let (member, value) = self.object.entry(name)?;
        if matches!(value, Value::Null) {
            self.taken.push(member);
            return None;
        }
        let mapped = read(value);
        if mapped.is_some() {
            self.taken.push(member);
        }
        mapped
    }

    /// The member `name` if it is a string.
    pub(crate) fn str(&mut self, name: &str) -> Option<&'a str> {
        self.take(name, Value::as_str)
    }

    /// The member `name` if it is an object.
    pub(crate) fn object(&mut self, name: &str) -> Option<&'a Object> {
        self.take(name, Value::as_object)
    }

    /// The error status the member `name` names: an integer in 400..=599 (4xx and 5xx, RFC
    /// 9110 §15). Any other value (`20404`, Twilio's own code; `200`; `999`; a string) names no
    /// error status, so the member is left for the extensions, verbatim (DESIGN.md §7: a member
    /// the reader claims but cannot map is kept). Rendered again, an extension that clashes
    /// with a member the envelope writes is left out there.
    pub(crate) fn status(&mut self, name: &str) -> Option<StatusCode> {
        self.take(name, |value| match value {
            Value::Number(number) => number
                .as_u64()
                .and_then(|status| u16::try_from(status).ok())
                .filter(|status| (400..=599).contains(status))
                .and_then(|status| StatusCode::from_u16(status).ok()),
            _ => None,
        })
    }

    /// The details of the member `name`, an array of detail objects (see [`details_of`]);
    /// empty, and the member left for the extensions, when it is anything else.
    pub(crate) fn details(&mut self, name: &str) -> Vec<Detail> {
        self.take(name, details_of).unwrap_or_default()
    }

    /// The message: `own` (the format's member) unless it is blank, else the first of this
    /// object's `message`, `detail`, `title` and `error` that is a string and not blank
    /// (taken: it became the message). `None` leaves it to the status's reason phrase.
    pub(crate) fn message(&mut self, own: Option<&str>) -> Option<String> {
        if let Some(own) = own.filter(|text| !is_blank(text)) {
            return Some(own.to_owned());
        }
        FALLBACK_MESSAGE_MEMBERS.into_iter().find_map(|name| {
            self.take(name, |value| value.as_str().filter(|text| !is_blank(text)))
                .map(str::to_owned)
        })
    }

    /// Whether every member has been taken (a `null` one counts as absent).
    pub(crate) fn all_taken(&self) -> bool {
        self.object
            .iter()
            .all(|(name, value)| matches!(value, Value::Null) || self.taken.contains(&name))
    }

    /// The members not taken, converted for `serde_json` consumers, in document order.
    pub(crate) fn rest(&self) -> Vec<(String, Kept)> {
        self.object
            .iter()
            .filter(|(name, value)| !matches!(value, Value::Null) && !self.taken.contains(name))
            .map(|(name, value)| (name.to_owned(), Kept::from(value.clone())))
            .collect()
    }
}

// Where a message is looked for when the format's own member has none: one rule shared with
// the layers (ARCHITECTURE.md, "Decisions").
use crate::message::FALLBACK_MESSAGE_MEMBERS;

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// The details of an array whose every entry is a detail object (see [`detail_of`]); `None`
/// for anything else, so the array is kept whole rather than read in part.
pub(crate) fn details_of(value: &Value) -> Option<Vec<Detail>> {
    match value {
        Value::Array(items) => items.iter().map(detail_of).collect(),
        _ => None,
    }
}

/// A detail object, the same in every format: the field from `field`, or from `pointer` (a
/// JSON Pointer, RFC 6901, as RFC 9457's examples write it: `#/profile/color` becomes
/// `profile.color`); the reason from `reason`, `message`, `detail` or `description`; and
/// `location`, `resource`, `code`. Each is optional (DESIGN.md §4: "each omitted when
/// absent"; seed 003's `{"resource":"Issue","field":"title","code":"missing_field"}` has no
/// reason), so a detail without a reason has an empty one; but an entry with neither a reason
/// nor a field nor a code says nothing a detail could hold.
///
/// Beside a `message`, `detail` or `description`, a `reason` is the code: Google's
/// `FieldViolation` (`{field, description, reason}`, AIP-193) keeps its machine-readable
/// value there.
///
/// Every member must be one of these, a string or `null` (absent), with at most one reason and
/// at most one field, and a pointer must be well formed: `None` otherwise, as nothing of such
/// an entry may be lost. A pointer to the whole document (`""`, `#`) names no field.
fn detail_of(entry: &Value) -> Option<Detail> {
    detail_without(entry.as_object()?, None)
}

/// A detail object as [`details_of`] reads each, but for the member `skip`, which the caller
/// reads itself (Google's `FieldViolation.localizedMessage`).
pub(crate) fn detail_without(entry: &Object, skip: Option<&str>) -> Option<Detail> {
    let mut field = None;
    let mut reason = None;
    let mut location = None;
    let mut resource = None;
    let mut code = None;
    let reason_is_code = entry.iter().any(|(name, value)| {
        matches!(name, "message" | "detail" | "description") && !matches!(value, Value::Null)
    });
    for (name, value) in entry.iter() {
        if skip == Some(name) {
            continue;
        }
        let text = match value {
            Value::Null => continue,
            Value::String(text) => text,
            _ => return None,
        };
        let (slot, text) = match name {
            "field" => (&mut field, text.to_owned()),
            "pointer" => {
                let path = from_json_pointer(text).ok()?;
                if path.is_empty() {
                    continue;
                }
                (&mut field, path)
            }
            "reason" if reason_is_code => (&mut code, text.to_owned()),
            "reason" | "message" | "detail" | "description" => (&mut reason, text.to_owned()),
            "location" => (&mut location, text.to_owned()),
            "resource" => (&mut resource, text.to_owned()),
            "code" => (&mut code, text.to_owned()),
            _ => return None,
        };
        if slot.replace(Cow::Owned(text)).is_some() {
            // Two members for one part: one of them would be lost.
            return None;
        }
    }
    if reason.is_none() && field.is_none() && code.is_none() {
        return None;
    }
    Some(Detail::from_parts(
        field,
        reason.unwrap_or_default(),
        location,
        resource,
        code,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn detail_objects_of_every_format_map() {
        let table = [
            (
                r#"{"field":"a","reason":"r","location":"body"}"#,
                Detail::new("a", "r").with_location("body"),
            ),
            (
                r#"{"resource":"Issue","field":"a","code":"missing","message":"r"}"#,
                Detail::new("a", "r")
                    .with_resource("Issue")
                    .with_code("missing"),
            ),
            (r#"{"field":"a","description":"r"}"#, Detail::new("a", "r")),
            (
                r##"{"detail":"must be a positive integer","pointer":"#/age"}"##,
                Detail::new("age", "must be a positive integer"),
            ),
            (
                r#"{"pointer":"/items/0/name","detail":"r"}"#,
                Detail::new("items[0].name", "r"),
            ),
            (
                r##"{"pointer":"#","detail":"r"}"##,
                Detail::reason_only("r"),
            ),
            (r#"{"reason":""}"#, Detail::reason_only("")),
            (
                r#"{"field":null,"reason":"r","code":null}"#,
                Detail::reason_only("r"),
            ),
            (
                r#"{"field":"a","pointer":null,"reason":"r"}"#,
                Detail::new("a", "r"),
            ),
            // Seed 003's Simple entry has no reason: the parts it has, an empty reason.
            (
                r#"{"resource":"Issue","field":"title","code":"missing_field"}"#,
                Detail::new("title", "")
                    .with_resource("Issue")
                    .with_code("missing_field"),
            ),
            (r#"{"field":"a"}"#, Detail::new("a", "")),
            // Google's FieldViolation: `reason` is its machine-readable value.
            (
                r#"{"field":"email","description":"Invalid email","reason":"INVALID_EMAIL"}"#,
                Detail::new("email", "Invalid email").with_code("INVALID_EMAIL"),
            ),
            (
                r#"{"code":"missing","location":"query"}"#,
                Detail::reason_only("")
                    .with_code("missing")
                    .with_location("query"),
            ),
        ];
        for (entry, expected) in table {
            assert_eq!(detail_of(&value(entry)), Some(expected), "{entry}");
        }
    }

    #[test]
    fn entries_that_would_lose_something_do_not_map() {
        for entry in [
            r#"{}"#,
            r#"{"location":"body","resource":"Issue"}"#,
            r#"{"field":"a","reason":2}"#,
            r#"{"field":"a","reason":"r","expected":"int"}"#,
            r#"{"field":"a","reason":"r","message":"m","code":"c"}"#,
            r#"{"field":"a","message":"m","detail":"d"}"#,
            r#"{"field":"a","pointer":"/b","reason":"r"}"#,
            r#"{"pointer":"age","detail":"r"}"#,
            r#"{"pointer":"/a~2","detail":"r"}"#,
            r#"{"field":["a"],"reason":"r"}"#,
            r#""lastName: Is required""#,
            "1",
            "null",
        ] {
            assert_eq!(detail_of(&value(entry)), None, "{entry}");
        }
        assert_eq!(details_of(&value("[]")), Some(vec![]));
        assert_eq!(
            details_of(&value(r#"[{"reason":"r"},{"location":"body"}]"#)),
            None
        );
        assert_eq!(details_of(&value(r#"{"reason":"r"}"#)), None);
    }
}
