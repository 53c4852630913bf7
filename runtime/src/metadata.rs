//! Google's `ErrorInfo.metadata` (DESIGN.md section 4, amended 2026-11-30): the values of the
//! message's placeholders, keyed by the field names in lowerCamelCase (`{owner_name}` ->
//! `ownerName`), then the extension members as strings (strings verbatim, numbers and booleans
//! as their JSON text, `null` left out, arrays and objects as compact JSON text).
//!
//! The values are the values themselves, as the public message shows them: where the message
//! is cut at the length limit in or before a value, the metadata still holds that value, cut
//! on its own at the same limit (then the truncation marker), not the message's cut of it (an
//! empty or partial value would tell the client a wrong value). A 5xx without `#[message]` has
//! the generic sentence and no placeholder values. JSON (`envelope/google.rs`) and gRPC agree.

#[cfg(feature = "tonic")]
use crate::api_error::ApiError;
#[cfg(feature = "tonic")]
use crate::extension::ExtensionError;
#[cfg(feature = "tonic")]
use crate::message::MessageWriter;
#[cfg(feature = "tonic")]
use crate::parts::StaticParts;
use std::borrow::Cow;

/// An error's public message (plain text, at most `limit` bytes of it, then the truncation
/// marker) and its metadata entries, in order; the first entry of a key wins.
#[derive(Debug, Default, PartialEq, Eq)]
#[cfg_attr(not(feature = "tonic"), allow(dead_code))]
pub(crate) struct MessageAndMetadata {
    pub(crate) message: String,
    entries: Vec<Entry>,
}

/// One metadata entry: a placeholder's key (the catalog's name, borrowed when it is already
/// lowerCamelCase) and its value where the message shows it, or an extension's name and value.
#[cfg_attr(not(feature = "tonic"), allow(dead_code))]
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    key: Cow<'static, str>,
    value: Value,
}

#[cfg_attr(not(feature = "tonic"), allow(dead_code))]
#[derive(Debug, PartialEq, Eq)]
enum Value {
    /// Bytes `start..end` of the message.
    InMessage(usize, usize),
    Owned(String),
}

#[cfg_attr(not(feature = "tonic"), allow(dead_code))]
impl MessageAndMetadata {
    /// A message without metadata.
    pub(crate) fn message_only(message: String) -> Self {
        Self {
            message,
            entries: Vec::new(),
        }
    }

    /// The entries, in order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|entry| {
            let value = match &entry.value {
                Value::InMessage(start, end) => self.message.get(*start..*end).unwrap_or_default(),
                Value::Owned(value) => value,
            };
            (&*entry.key, value)
        })
    }

    /// Adds an entry unless its key is there already.
    fn push(&mut self, key: Cow<'static, str>, value: Value) {
        if !self.entries.iter().any(|entry| entry.key == key) {
            self.entries.push(Entry { key, value });
        }
    }
}

/// The characters of `name`'s metadata key (`owner_name` -> `ownerName`), without a `String`.
pub(crate) fn lower_camel_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    let mut upper = false;
    let mut started = false;
    name.chars().flat_map(move |ch| {
        let (first, second) = if ch == '_' {
            upper = started;
            (None, None)
        } else if upper {
            upper = false;
            started = true;
            let mut cased = ch.to_uppercase();
            (cased.next(), cased.next())
        } else {
            started = true;
            (Some(ch), None)
        };
        first.into_iter().chain(second)
    })
}

/// The message of `err` and its `ErrorInfo.metadata`. An extension that fails to serialize is
/// the error (the caller answers with the fallback, as a body would).
#[cfg(feature = "tonic")]
pub(crate) fn of(err: &dyn ApiError, limit: usize) -> Result<MessageAndMetadata, ExtensionError> {
    let mut out = MessageAndMetadata::default();
    let known = err.__static_parts();
    let template = known.and_then(StaticParts::template);
    match known.and_then(StaticParts::message) {
        Some(message) if message.len() <= limit => message.clone_into(&mut out.message),
        _ => {
            let mut text = Vec::new();
            let mut values = crate::message::Recorded::default();
            let mut writer = MessageWriter::plain_with_values(&mut text, limit, &mut values)
                .with_template(template);
            err.__message_json(&mut writer);
            writer.finish();
            // The values' own copies of a cut message follow it in `text`.
            let message_end = values.region().map_or(text.len(), |(start, _)| start);
            let own_copy = |value: &crate::message::RecordedValue| {
                let (start, end) = value.span;
                String::from_utf8_lossy(text.get(start..end).unwrap_or_default()).into_owned()
            };
            let mut owned = Vec::new();
            if values.region().is_some() {
                owned = values.values().iter().map(own_copy).collect();
            }
            text.truncate(message_end);
            // Every piece written is a `str`, so this never takes the lossy path.
            out.message = String::from_utf8(text)
                .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
            // Each value's name is its placeholder's in the template, as the writer recorded
            // it; when one is not known, none is named (it would be misnamed).
            if let Some(template) = template.map(|template| template.text)
                && values.all_placed()
            {
                let mut owned = owned.into_iter();
                for value in values.values() {
                    // The message is cut: every value is its own copy (or its span), owned.
                    let copy = owned.next();
                    if let Some(name) = value.name(template) {
                        let value = match copy {
                            Some(copy) => Value::Owned(copy),
                            None => Value::InMessage(value.span.0, value.span.1),
                        };
                        out.push(lower_camel(name), value);
                    }
                }
            }
        }
    }
    if known.is_some_and(|parts| parts.spec.extensions.is_empty()) {
        return Ok(out);
    }
    let mut failed = Ok(());
    let mut scratch = Vec::new();
    err.extensions(&mut |name, value| {
        if failed.is_err() {
            return;
        }
        scratch.clear();
        if let Err(error) = value.write_json(&mut scratch) {
            failed = Err(error);
            return;
        }
        let text = match scratch.first() {
            // A JSON string: its value.
            Some(b'"') => serde_json::from_slice::<String>(&scratch).ok(),
            _ if scratch == b"null" => None,
            // Numbers, booleans, arrays and objects: their compact JSON text.
            _ => Some(String::from_utf8_lossy(&scratch).into_owned()),
        };
        if let Some(text) = text {
            out.push(Cow::Owned(name.to_owned()), Value::Owned(text));
        }
    });
    failed.map(|()| out)
}

/// `owner_name` -> `ownerName`, `id` -> `id`; a positional placeholder (`0`) stays as it is.
#[cfg_attr(not(feature = "tonic"), allow(dead_code))]
pub(crate) fn lower_camel(name: &'static str) -> Cow<'static, str> {
    if !name.contains('_') {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for ch in name.chars() {
        if ch == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_lower_camel_case() {
        assert_eq!(lower_camel("owner_name"), "ownerName");
        assert_eq!(lower_camel("id"), "id");
        assert_eq!(lower_camel("_private_key"), "privateKey");
        assert_eq!(lower_camel("a__b"), "aB");
        assert_eq!(lower_camel("0"), "0");
        for name in ["owner_name", "id", "_private_key", "a__b", "0", "straße_ß"] {
            assert_eq!(
                lower_camel_chars(name).collect::<String>(),
                lower_camel(name)
            );
        }
    }
}
