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

/// The extension an upstream Google body's `details` entries apierror does not read are kept in
/// (a `RemoteError`'s, DESIGN.md §7), an array. Passed on as Google they are written back as
/// entries; over gRPC, those tonic-types models become details of their own, and only the
/// others stay in `ErrorInfo.metadata` under this key, as JSON text.
pub(crate) const UNREAD_DETAILS: &str = "details";

/// An error's public message (plain text, at most `limit` bytes of it, then the truncation
/// marker) and its metadata entries, in order; the first entry of a key wins.
#[derive(Debug, Default, PartialEq, Eq)]
#[cfg_attr(not(feature = "tonic"), allow(dead_code))]
pub(crate) struct MessageAndMetadata {
    pub(crate) message: String,
    entries: Vec<Entry>,
    /// Whether entries were added past [`SCANNED_KEYS`] without looking for their key:
    /// [`dedupe`](Self::dedupe) drops the later entries of a key.
    #[cfg(feature = "tonic")]
    unchecked: bool,
}

/// How many entries [`MessageAndMetadata::push`] compares a new key with one by one. An error
/// has a few entries (its placeholders and extensions), for which that is the cheapest; an
/// upstream error passed on may have thousands, and comparing each with all the others was
/// quadratic: past these, entries are added as they come, and one sort of their indexes by
/// key finds the duplicates (`n log n` comparisons, each dearer than the scan's, which fail
/// fast on a length: callgrind puts the crossover past 32; BENCHMARKS.md).
#[cfg(feature = "tonic")]
const SCANNED_KEYS: usize = 32;

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
            ..Self::default()
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

    /// Adds an entry unless its key is there already (compared with each entry while there
    /// are fewer than [`SCANNED_KEYS`]; past them, [`dedupe`](Self::dedupe) drops it later).
    #[cfg(feature = "tonic")]
    fn push(&mut self, key: Cow<'static, str>, value: Value) {
        if self.entries.len() < SCANNED_KEYS {
            if self.entries.iter().any(|entry| entry.key == key) {
                return;
            }
        } else {
            self.unchecked = true;
        }
        self.entries.push(Entry { key, value });
    }

    /// Drops each entry whose key an earlier entry has, after [`push`](Self::push) added some
    /// unchecked: a stable sort of the entries' indexes by key puts each key's entries next
    /// to each other, the first one first. Linear in the entries, times their logarithm.
    #[cfg(feature = "tonic")]
    fn dedupe(&mut self) {
        if !std::mem::take(&mut self.unchecked) {
            return;
        }
        let entries = &self.entries;
        let key = |index: usize| entries.get(index).map(|entry| &entry.key);
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| key(a).cmp(&key(b)));
        let mut kept = vec![true; entries.len()];
        for pair in order.windows(2) {
            if let [first, later] = *pair
                && key(first) == key(later)
                && let Some(slot) = kept.get_mut(later)
            {
                *slot = false;
            }
        }
        let mut index = 0;
        self.entries.retain(|_| {
            index += 1;
            kept.get(index - 1).copied().unwrap_or(true)
        });
    }
}

/// The characters of `name`'s metadata key, lowerCamelCase as serde's
/// `rename_all = "camelCase"` writes an ASCII field name: underscores dropped, the letter after
/// one upper-cased, the first letter lower-cased (`owner_name` -> `ownerName`, `_id` -> `id`,
/// `ABC_def` -> `aBCDef`); other letters are cased by Unicode's rules, where serde leaves them
/// (`x_ﬃ` -> `xFFI`). Without a `String`.
pub(crate) fn lower_camel_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    let mut upper = false;
    let mut started = false;
    name.chars().flat_map(move |ch| {
        let mut cased = if ch == '_' {
            upper = started;
            Cased::None
        } else if !started {
            started = true;
            Cased::Lower(ch.to_lowercase())
        } else if upper {
            upper = false;
            Cased::Upper(ch.to_uppercase())
        } else {
            Cased::One(Some(ch))
        };
        std::iter::from_fn(move || match &mut cased {
            Cased::None => None,
            Cased::One(ch) => ch.take(),
            Cased::Lower(chars) => chars.next(),
            Cased::Upper(chars) => chars.next(),
        })
    })
}

/// Whether `name` is its own metadata key, as most are (`id`, `taskId`): no `_`, and a first
/// character that lower-cases to itself. The writers then skip [`lower_camel_chars`].
pub(crate) fn is_own_key(name: &str) -> bool {
    let lower_first = match name.as_bytes().first() {
        // ASCII: anything but an upper-case letter lower-cases to itself.
        Some(first) if first.is_ascii() => !first.is_ascii_uppercase(),
        Some(_) => name.chars().next().is_some_and(|first| {
            let mut lower = first.to_lowercase();
            lower.next() == Some(first) && lower.next().is_none()
        }),
        None => true,
    };
    lower_first && !name.as_bytes().contains(&b'_')
}

/// One character of a name, as its metadata key writes it.
enum Cased {
    None,
    One(Option<char>),
    Lower(std::char::ToLowercase),
    Upper(std::char::ToUppercase),
}

/// What `ErrorInfo.metadata` holds for the [`UNREAD_DETAILS`] extension (its first array).
#[cfg(feature = "tonic")]
#[derive(Debug, Clone, Copy)]
pub(crate) enum UnreadDetails<'a> {
    /// Its JSON text, as every extension's.
    AsIs,
    /// The entries that did not become details of their own, as this JSON text; nothing when
    /// all did.
    Left(Option<&'a str>),
}

/// The message of `err` and its `ErrorInfo.metadata`. An extension that fails to serialize is
/// the error (the caller answers with the fallback, as a body would).
#[cfg(feature = "tonic")]
pub(crate) fn of(
    err: &dyn ApiError,
    limit: usize,
    unread: UnreadDetails<'_>,
) -> Result<MessageAndMetadata, ExtensionError> {
    let mut out = MessageAndMetadata::default();
    let known = err.__message_parts();
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
        out.dedupe();
        return Ok(out);
    }
    let mut failed = Ok(());
    let mut scratch = Vec::new();
    let mut left = match unread {
        UnreadDetails::AsIs => None,
        UnreadDetails::Left(left) => Some(left),
    };
    err.extensions(&mut |name, value| {
        if failed.is_err() {
            return;
        }
        scratch.clear();
        if let Err(error) = value.write_json(&mut scratch) {
            failed = Err(error);
            return;
        }
        // Asked only of an error that passes entries on (a `RemoteError`'s), first.
        if left.is_some()
            && name == UNREAD_DETAILS
            && scratch.first() == Some(&b'[')
            && let Some(left) = left.take()
        {
            if let Some(left) = left {
                out.push(Cow::Borrowed(UNREAD_DETAILS), Value::Owned(left.to_owned()));
            }
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
    out.dedupe();
    failed.map(|()| out)
}

/// `name`'s metadata key, as [`lower_camel_chars`] writes it: `owner_name` -> `ownerName`,
/// `id` -> `id` (borrowed); a positional placeholder (`0`) stays as it is.
#[cfg_attr(not(feature = "tonic"), allow(dead_code))]
pub(crate) fn lower_camel(name: &'static str) -> Cow<'static, str> {
    if is_own_key(name) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(lower_camel_chars(name).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past the scanned entries the sort finds duplicates as the scan did: the first entry of
    /// each key, in order, for keys repeated near and far, before and after the switch.
    #[cfg(feature = "tonic")]
    #[test]
    fn push_keeps_the_first_entry_of_each_key_with_many_entries() {
        for count in [0, 1, SCANNED_KEYS - 1, SCANNED_KEYS, SCANNED_KEYS + 1, 1000] {
            let mut text = MessageAndMetadata::default();
            let mut expected: Vec<(String, String)> = Vec::new();
            for step in 0..3 * count {
                // Every third key is new; the others repeat an earlier one (the first, the
                // latest, one in the middle).
                let key = match step % 3 {
                    0 => format!("key{}", step / 3),
                    1 => format!("key{}", step / 6),
                    _ => "key0".to_owned(),
                };
                let value = format!("v{step}");
                if !expected.iter().any(|(seen, _)| *seen == key) {
                    expected.push((key.clone(), value.clone()));
                }
                text.push(Cow::Owned(key), Value::Owned(value));
            }
            text.dedupe();
            let entries: Vec<(String, String)> = text
                .entries()
                .map(|(key, value)| (key.to_owned(), value.to_owned()))
                .collect();
            assert_eq!(entries, expected, "{count}");
            assert_eq!(entries.len(), count);
        }
    }

    #[test]
    fn names_become_lower_camel_case() {
        assert_eq!(lower_camel("owner_name"), "ownerName");
        assert_eq!(lower_camel("id"), "id");
        assert_eq!(lower_camel("_private_key"), "privateKey");
        assert_eq!(lower_camel("a__b"), "aB");
        assert_eq!(lower_camel("0"), "0");
        // As serde's `rename_all = "camelCase"`: the first letter lower-cased, whatever the
        // name's case, so the key is one AIP-193 allows (`[a-z][a-zA-Z0-9-_]+`).
        assert_eq!(lower_camel("ABC_def"), "aBCDef");
        assert_eq!(lower_camel("Owner"), "owner");
        assert_eq!(lower_camel("ID"), "iD");
        assert_eq!(lower_camel("http2_port"), "http2Port");
        assert_eq!(lower_camel("x_ﬃ"), "xFFI");
        assert!(matches!(lower_camel("taskId"), Cow::Borrowed("taskId")));
        for (name, own) in [
            ("id", true),
            ("taskId", true),
            ("0", true),
            ("", true),
            ("é", true),
        ]
        .into_iter()
        .chain([("a_b", false), ("Id", false), ("É", false), ("ǅx", false)])
        {
            assert_eq!(is_own_key(name), own, "{name}");
            assert_eq!(lower_camel_chars(name).eq(name.chars()), own, "{name}");
        }
        for name in [
            "owner_name",
            "id",
            "_private_key",
            "a__b",
            "0",
            "straße_ß",
            "ABC_def",
            "Éa_b",
        ] {
            assert_eq!(
                lower_camel_chars(name).collect::<String>(),
                lower_camel(name)
            );
        }
    }
}
