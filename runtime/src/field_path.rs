//! Field paths: how a detail's `field` names a nested or indexed member (the README's "Field
//! paths", in "The six envelopes").
//!
//! A path is written dotted, with array indices in brackets, as serde_path_to_error, garde and
//! `google.rpc.BadRequest.FieldViolation` write it: `label`, `size.width`, `items[0].name`. A
//! member name or map key that is not a plain identifier — it is empty or holds `.`, `[`, `]`,
//! `"` or whitespace — is written in brackets as a JSON string, escaped exactly as serde_json
//! escapes it: `labels["env.prod"]`, `[""]`. So a path is never ambiguous: every `.` and `[`
//! outside a bracketed string starts a segment.
//!
//! [`FieldPath`] writes a path segment by segment; [`from_json_pointer`] reads an RFC 6901
//! JSON Pointer (`/items/0/name`, or the URI-fragment form `#/items/0/name`) into one.

use crate::json;

/// A field path being written, one segment at a time.
///
/// `FieldPath::new()` then `.field("items").index(0).field("name")` finishes as
/// `items[0].name`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct FieldPath {
    /// Valid UTF-8 at all times: only `&str` text and JSON escapes of it are pushed.
    path: Vec<u8>,
}

impl FieldPath {
    /// An empty path (the whole input).
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Appends a member of an object or struct: `.name` (just `name` as the first segment), or
    /// `["name"]` when `name` is not a plain identifier.
    pub(crate) fn field(&mut self, name: &str) -> &mut Self {
        if is_plain(name) {
            if !self.path.is_empty() {
                self.path.push(b'.');
            }
            self.path.extend_from_slice(name.as_bytes());
        } else {
            self.path.push(b'[');
            json::push_string(&mut self.path, name);
            self.path.push(b']');
        }
        self
    }

    /// Appends a map key. A key is written as a member is (`labels.env`,
    /// `labels["env.prod"]`): the two are one kind of segment in JSON, and in the path too. An
    /// all-digit key stays dotted (`codes.404`), unlike a JSON Pointer's all-digit segment,
    /// which [`from_json_pointer`] reads as an index.
    // Map keys come from the client's JSON Pointers, framework rejections and garde's reports;
    // a build with only validator has none (validator loses map keys).
    #[cfg_attr(
        not(any(
            feature = "client",
            feature = "axum",
            feature = "actix",
            feature = "garde"
        )),
        allow(dead_code)
    )]
    pub(crate) fn key(&mut self, key: &str) -> &mut Self {
        self.field(key)
    }

    /// Appends an array index: `[0]`.
    pub(crate) fn index(&mut self, index: usize) -> &mut Self {
        self.path.push(b'[');
        json::push_u64(&mut self.path, u64::try_from(index).unwrap_or(u64::MAX));
        self.path.push(b']');
        self
    }

    /// The path written: `items[0].name`, or `""` for no segments.
    pub(crate) fn finish(self) -> String {
        // Always valid UTF-8 (see `path`); the lossy arm only keeps this free of panics.
        String::from_utf8(self.path)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
    }
}

/// Whether a member name or key can be written dotted: not empty, and none of `.`, `[`, `]`,
/// `"` or whitespace in it.
fn is_plain(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| matches!(c, '.' | '[' | ']' | '"') || c.is_whitespace())
}

/// Where a field path as [`FieldPath`] writes it ends in `text` when `": "` follows it: the
/// first `at` such that `text[..at]` is a whole non-empty path (plain names joined by `.`,
/// bracketed segments — `[0]`, or a JSON string such as `["a: b"]` — anywhere, so a bracketed
/// key may hold whitespace, `": "` or U+2028) and `text[at..]` starts with `": "`.
/// `items[0].name: Bad` and `labels["a: b"]: Bad` end at the field; `Rate limit: x`, `a..b: x`
/// and `labels["a: x` have none. One scan of `text`: it stops where no path can go on. A
/// bracketed string's escapes are skipped over, not checked: this only tells a path from prose.
#[cfg(feature = "client")]
pub(crate) fn field_end(text: &str) -> Option<usize> {
    let ends_here = |at: usize| text.get(at..).is_some_and(|rest| rest.starts_with(": "));
    let mut at = 0;
    let mut segments = 0_usize;
    loop {
        let rest = text.get(at..)?;
        if let Some(bracketed) = rest.strip_prefix('[') {
            let after = after_bracket(bracketed)?;
            at = text.len() - after.len();
        } else {
            let name = if segments == 0 {
                rest
            } else {
                rest.strip_prefix('.')?
            };
            at = text.len() - name.len();
            // A plain name: it may end wherever `": "` follows (`a:b: x` is `a:b`).
            let mut length = 0;
            for c in name.chars() {
                if matches!(c, '.' | '[' | ']' | '"') || c.is_whitespace() {
                    break;
                }
                length += c.len_utf8();
                if ends_here(at + length) {
                    return Some(at + length);
                }
            }
            if length == 0 {
                return None;
            }
            at += length;
        }
        segments += 1;
        if ends_here(at) {
            return Some(at);
        }
    }
}

/// The text after a bracketed segment's `]`, given the text after its `[`: an index (`0]`) or
/// a JSON string (`"env.prod"]`, a backslash escaping the character after it).
#[cfg(feature = "client")]
fn after_bracket(text: &str) -> Option<&str> {
    let Some(string) = text.strip_prefix('"') else {
        let digits = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        return text[digits..].strip_prefix(']').filter(|_| digits > 0);
    };
    let mut chars = string.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next()?;
            }
            '"' => return string[at + 1..].strip_prefix(']'),
            _ => {}
        }
    }
    None
}

#[cfg(feature = "client")]
/// Why a JSON Pointer could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PointerError {
    /// Not empty and not starting with `/` (after the `#` of the fragment form).
    NoLeadingSlash,
    /// A `~` not followed by `0` or `1`.
    BadEscape,
    /// The fragment form has a `%` not followed by two hex digits, or decodes to bytes that
    /// are not UTF-8.
    BadPercentEncoding,
}

#[cfg(feature = "client")]
/// Reads a JSON Pointer (RFC 6901) as a field path: `/profile/color` -> `profile.color`,
/// `/items/0/name` -> `items[0].name`, `/a~1b/m~0n` -> `["a/b"].m~n`.
///
/// - A pointer that starts with `#` is the URI-fragment form (RFC 6901 section 6): the rest is
///   percent-decoded (as UTF-8) first, so `#/labels/env%20prod` -> `labels["env prod"]`.
/// - Each segment is unescaped, `~1` to `/` then `~0` to `~`; any other `~` is an error.
/// - A segment of ASCII digits without a leading zero (`0`, `17`) is an array index, as
///   serde_path_to_error and `FieldViolation` paths write indices: a pointer does not say
///   whether it steps into an array or an object, and a validation report's digits almost
///   always mean an index. Other segments (`01`, `-`, a number too big for `usize`) are keys.
/// - The empty pointer (`""`, `#`) names the whole document: the empty path.
pub(crate) fn from_json_pointer(pointer: &str) -> Result<String, PointerError> {
    let decoded;
    let pointer = match pointer.strip_prefix('#') {
        Some(fragment) => {
            decoded = percent_decode(fragment)?;
            decoded.as_str()
        }
        None => pointer,
    };
    let mut path = FieldPath::new();
    if pointer.is_empty() {
        return Ok(path.finish());
    }
    let rest = pointer
        .strip_prefix('/')
        .ok_or(PointerError::NoLeadingSlash)?;
    for segment in rest.split('/') {
        let segment = unescape(segment)?;
        match array_index(&segment) {
            Some(index) => path.index(index),
            None => path.key(&segment),
        };
    }
    Ok(path.finish())
}

#[cfg(feature = "client")]
/// A pointer segment with `~1` and `~0` unescaped, in that order (RFC 6901 section 4).
fn unescape(segment: &str) -> Result<String, PointerError> {
    let mut out = String::with_capacity(segment.len());
    let mut chars = segment.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return Err(PointerError::BadEscape),
            }
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

#[cfg(feature = "client")]
/// RFC 6901's `array-index`: `0`, or digits without a leading zero; `None` for anything else,
/// and for an index too large for `usize`.
fn array_index(segment: &str) -> Option<usize> {
    let plain_digits = !segment.is_empty()
        && segment.bytes().all(|byte| byte.is_ascii_digit())
        && (segment == "0" || !segment.starts_with('0'));
    plain_digits.then(|| segment.parse().ok()).flatten()
}

#[cfg(feature = "client")]
/// Percent-decodes the fragment of a URI (`%2F` -> `/`), as UTF-8.
fn percent_decode(text: &str) -> Result<String, PointerError> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let (high, low) = match tail {
                [high, low, ..] => (hex(*high), hex(*low)),
                _ => (None, None),
            };
            let (Some(high), Some(low)) = (high, low) else {
                return Err(PointerError::BadPercentEncoding);
            };
            bytes.push(high << 4 | low);
            rest = tail.get(2..).unwrap_or_default();
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).map_err(|_| PointerError::BadPercentEncoding)
}

#[cfg(feature = "client")]
/// The value of an ASCII hex digit.
fn hex(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone)]
    enum Segment<'a> {
        Field(&'a str),
        Key(&'a str),
        Index(usize),
    }
    use Segment::{Field, Index, Key};

    fn written(segments: &[Segment<'_>]) -> String {
        let mut path = FieldPath::new();
        for segment in segments {
            match *segment {
                Field(name) => path.field(name),
                Key(key) => path.key(key),
                Index(index) => path.index(index),
            };
        }
        path.finish()
    }

    #[test]
    fn paths_are_dotted_with_indices_and_bracketed_keys() {
        let table: &[(&[Segment<'_>], &str)] = &[
            (&[], ""),
            (&[Field("label")], "label"),
            (&[Field("size"), Field("width")], "size.width"),
            (&[Field("items"), Index(0), Field("name")], "items[0].name"),
            (&[Field("matrix"), Index(1), Index(22)], "matrix[1][22]"),
            (&[Index(3)], "[3]"),
            (&[Index(3), Field("id")], "[3].id"),
            (&[Index(usize::MAX)], &format!("[{}]", usize::MAX)),
            (&[Field("labels"), Key("env")], "labels.env"),
            (&[Field("labels"), Key("env.prod")], r#"labels["env.prod"]"#),
            (&[Field("labels"), Key("")], r#"labels[""]"#),
            (&[Key("")], r#"[""]"#),
            (&[Key("a b")], r#"["a b"]"#),
            (&[Key("tab\there")], r#"["tab\there"]"#),
            (&[Key("nbsp\u{a0}")], "[\"nbsp\u{a0}\"]"),
            (&[Key("[0]")], r#"["[0]"]"#),
            (&[Key("a]")], r#"["a]"]"#),
            (&[Key("say \"hi\"")], r#"["say \"hi\""]"#),
            (&[Key("line\nbreak")], r#"["line\nbreak"]"#),
            (
                &[Key("x\u{1}\u{7f}\u{2028}é. ")],
                "[\"x\\u0001\u{7f}\u{2028}é. \"]",
            ),
            (&[Field("codes"), Key("404")], "codes.404"),
            (&[Key("a/b"), Key("m~n")], "a/b.m~n"),
            (&[Key("back\\slash")], r"back\slash"),
            (&[Key("é"), Key("🦀")], "é.🦀"),
            (
                &[Field("a"), Key("b.c"), Index(0), Key("d")],
                r#"a["b.c"][0].d"#,
            ),
        ];
        for (segments, expected) in table {
            assert_eq!(written(segments), *expected);
        }
    }

    #[test]
    fn bracketed_keys_are_escaped_as_serde_json_escapes_them() {
        for key in ["a.b", "", "\"\\\u{8}\u{c}\n\r\t\u{0}\u{1f}", " é🦀\u{2028}"] {
            let mut path = FieldPath::new();
            path.key(key);
            let expected = format!("[{}]", serde_json::to_string(key).unwrap());
            assert_eq!(path.finish(), expected, "{key:?}");
        }
    }

    #[cfg(feature = "client")]
    #[test]
    fn prose_and_broken_paths_are_not_paths() {
        for text in [
            "",
            "a..b",
            "a.",
            ".a",
            "a]",
            "a\"b",
            "a b",
            "Rate limit",
            "[]",
            "[x]",
            "[-1]",
            "[0",
            r#"["a"#,
            r#"["a"]b"#,
            r#"["a"] "#,
            "a\u{2028}b",
            "a[0]b",
        ] {
            assert_eq!(field_end(&format!("{text}: r")), None, "{text:?}");
        }
        // The first `": "` after a whole path ends it, inside a plain name too.
        assert_eq!(field_end("a:b: x: y"), Some(3));
        assert_eq!(field_end(r#"labels["a: b"]: x"#), Some(14));
        assert_eq!(field_end("items[0].name: x"), Some(13));
        assert_eq!(field_end(": x"), None);
    }

    #[cfg(feature = "client")]
    mod written_paths {
        use super::{Segment, written};
        use crate::field_path::field_end;
        use proptest::prelude::*;

        fn segment() -> impl Strategy<Value = Segment<'static>> {
            let name = prop::sample::select(vec![
                "a",
                "items",
                "env.prod",
                "",
                "a b",
                "a: b",
                "say \"hi\"",
                "back\\slash",
                "x\u{2028}y",
                "[0]",
                "a]",
                "\u{1}\n",
                "é🦀",
                "404",
            ]);
            prop_oneof![
                name.clone().prop_map(Segment::Field),
                name.prop_map(Segment::Key),
                any::<usize>().prop_map(Segment::Index),
            ]
        }

        proptest! {
            /// Whatever names and keys a path holds, what `FieldPath` writes reads as one path
            /// ending where `": "` follows it: so the client can tell where an ErrorList
            /// entry's field ends.
            #[test]
            fn every_written_path_is_a_path(segments in prop::collection::vec(segment(), 1..6)) {
                let path = written(&segments);
                prop_assert_eq!(field_end(&format!("{path}: reason: more")), Some(path.len()), "{:?}", path);
            }
        }
    }

    #[cfg(feature = "client")]
    #[test]
    fn json_pointers_read_as_field_paths() {
        let table = [
            ("", ""),
            ("#", ""),
            ("/age", "age"),
            ("#/age", "age"),
            ("/profile/color", "profile.color"),
            ("#/profile/color", "profile.color"),
            ("/items/0/name", "items[0].name"),
            ("#/items/0/name", "items[0].name"),
            ("/0", "[0]"),
            ("/matrix/1/22", "matrix[1][22]"),
            ("/codes/01", "codes.01"),
            ("/items/-", "items.-"),
            ("/n/99999999999999999999999", "n.99999999999999999999999"),
            ("/", r#"[""]"#),
            ("/a/", r#"a[""]"#),
            ("//", r#"[""][""]"#),
            ("/a~1b", r#"a/b"#),
            ("/m~0n", "m~n"),
            ("/~01", "~1"),
            ("/~10", "/0"),
            ("/labels/env.prod", r#"labels["env.prod"]"#),
            ("/labels/a b", r#"labels["a b"]"#),
            ("/q\"", r#"["q\""]"#),
            ("#/labels/env%20prod", r#"labels["env prod"]"#),
            // Decoding comes first, so an encoded `/` separates segments; `~1` is a `/` in one.
            ("#/a%2Fb", "a.b"),
            ("#/a~1b", "a/b"),
            ("#/%7e0", "~"),
            ("#/caf%C3%A9", "café"),
            ("#/100%25", "100%"),
            ("/100%25", "100%25"),
            ("/é/🦀", "é.🦀"),
        ];
        for (pointer, expected) in table {
            assert_eq!(
                from_json_pointer(pointer).as_deref(),
                Ok(expected),
                "{pointer:?}"
            );
        }
    }

    #[cfg(feature = "client")]
    #[test]
    fn malformed_json_pointers_are_errors() {
        let table = [
            ("age", PointerError::NoLeadingSlash),
            ("#age", PointerError::NoLeadingSlash),
            ("items.0", PointerError::NoLeadingSlash),
            ("/a~", PointerError::BadEscape),
            ("/a~2", PointerError::BadEscape),
            ("/~a", PointerError::BadEscape),
            ("#/a%", PointerError::BadPercentEncoding),
            ("#/a%2", PointerError::BadPercentEncoding),
            ("#/a%zz", PointerError::BadPercentEncoding),
            ("#/a%FF", PointerError::BadPercentEncoding),
            ("#/%7e2", PointerError::BadEscape),
        ];
        for (pointer, expected) in table {
            assert_eq!(from_json_pointer(pointer), Err(expected), "{pointer:?}");
        }
    }
}
