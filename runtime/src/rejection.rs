//! Reading a framework's rejection into a [`FrameworkErrorKind`], a status, a message and one
//! [`Detail`] naming the offending field.
//!
//! - **axum** leaves only text: a rejection is `(status, text)` with no extension, so its body is
//!   read by the fixed prefixes axum 0.8 writes (`Failed to deserialize the JSON body into the
//!   target type: `, ...), and what follows as serde_path_to_error writes it: `path: reason`
//!   (`items[0].qty: invalid value: ...`). A path parameter's key comes from the route's own
//!   parameters, which the layer read before calling the route (`RawPathParams`).
//! - **actix-web** keeps the error on the response, so it is read by type
//!   (`JsonPayloadError`, `QueryPayloadError`, `UrlencodedError`, `PayloadError`, the path's
//!   `InternalError`); its errors carry no
//!   path, only a missing field's name, and a path value is matched back to its key in
//!   `match_info`. apierror's own `Json` and `Query` extractors give exact paths.
//!
//! tests/http/framework_errors.rs runs every text form through the real extractor, so an axum
//! upgrade that rewords one fails there.

use crate::detail::Detail;
use crate::field_path::FieldPath;
use crate::framework::{FrameworkErrorKind, message};

/// What a rejection was read as.
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    pub(crate) kind: FrameworkErrorKind,
    pub(crate) status: u16,
    pub(crate) message: &'static str,
    pub(crate) detail: Option<Detail>,
}

impl Reading {
    pub(crate) fn new(kind: FrameworkErrorKind, detail: Option<Detail>) -> Self {
        use FrameworkErrorKind as K;
        let (status, message) = match kind {
            K::MalformedBody => (400, message::MALFORMED_BODY),
            K::UnsupportedMediaType => (415, message::UNSUPPORTED_MEDIA_TYPE),
            K::InvalidBody => (422, message::INVALID_BODY),
            K::InvalidQuery => (400, message::INVALID_QUERY),
            K::InvalidPath => (400, message::INVALID_PATH),
            K::PayloadTooLarge => (413, message::PAYLOAD_TOO_LARGE),
            K::NotFound | K::MethodNotAllowed | K::Panic | K::Other => (400, ""),
        };
        Self {
            kind,
            status,
            message,
            detail,
        }
    }

    /// The error this reading stands for, with no headers.
    #[cfg(feature = "actix")]
    pub(crate) fn into_error(self) -> crate::framework::FrameworkError {
        let status =
            http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::BAD_REQUEST);
        let mut err = crate::HttpError::new(status).with_message(self.message);
        if let Some(detail) = self.detail {
            err = err.with_detail(detail);
        }
        crate::framework::FrameworkError::new(self.kind, err)
    }

    /// A body that did not arrive in time: 408 `REQUEST_TIMEOUT`, as a timeout layer's.
    #[cfg(feature = "axum")]
    fn request_timeout() -> Self {
        Self {
            kind: FrameworkErrorKind::Other,
            status: 408,
            message: "Request Timeout",
            detail: None,
        }
    }

    /// A content-type rejection: the header, and the type wanted.
    fn content_type(wanted: &'static str) -> Self {
        let detail = Detail::new("content-type", wanted)
            .with_location("header")
            .with_code("unsupported_media_type");
        Self::new(FrameworkErrorKind::UnsupportedMediaType, Some(detail))
    }
}

const JSON_WANTED: &str = "expected `application/json`";
const FORM_WANTED: &str = "expected `application/x-www-form-urlencoded`";

#[cfg(feature = "axum")]
/// Reads an axum 0.8 rejection's text (`status` as axum sent it). `params` are the matched
/// route's path parameters, in route order. `None` when the text is none of axum's.
pub(crate) fn axum_rejection(
    status: u16,
    text: &str,
    params: &[(String, String)],
) -> Option<Reading> {
    use FrameworkErrorKind as K;
    let reading = if text == "Expected request with `Content-Type: application/json`" {
        Reading::content_type(JSON_WANTED)
    } else if text == "Form requests must have `Content-Type: application/x-www-form-urlencoded`" {
        Reading::content_type(FORM_WANTED)
    } else if let Some(rest) = text.strip_prefix("Failed to parse the request body as JSON: ") {
        Reading::new(K::MalformedBody, Some(serde_detail(rest, "body")))
    } else if let Some(rest) =
        text.strip_prefix("Failed to deserialize the JSON body into the target type: ")
    {
        Reading::new(K::InvalidBody, Some(serde_detail(rest, "body")))
    } else if let Some(rest) = text
        .strip_prefix("Failed to deserialize query string: ")
        .or_else(|| text.strip_prefix("Failed to deserialize form: "))
    {
        Reading::new(K::InvalidQuery, Some(serde_detail(rest, "query")))
    } else if let Some(rest) = text.strip_prefix("Failed to deserialize form body: ") {
        Reading::new(K::InvalidBody, Some(serde_detail(rest, "body")))
    } else if let Some(rest) = text.strip_prefix("Invalid URL: ") {
        Reading::new(K::InvalidPath, Some(axum_path_detail(rest, params)))
    } else if let Some(rest) = text.strip_prefix("Failed to buffer the request body: ") {
        // The body ended in an error while `Json`, `Form` or `Bytes` read it. A timeout's
        // (tower-http's `RequestBodyTimeoutLayer`: "data was not received within the
        // designated timeout") is a 408, as a `TimeoutLayer`'s is; any other cut the body
        // short. (Its length limit is a 413, which the status check below leaves alone.)
        if status == 400 && is_timeout(rest) {
            return Some(Reading::request_timeout());
        }
        let detail = Detail::reason_only(rest.to_owned()).with_location("body");
        Reading::new(K::MalformedBody, Some(detail))
    } else {
        return None;
    };
    // A status other than the one axum gives this text: not axum's rejection after all.
    let axum_status = reading.status;
    (status == axum_status).then_some(reading)
}

#[cfg(feature = "axum")]
/// Whether a body error's text says a timeout ended it.
fn is_timeout(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    text.contains("timeout") || text.contains("timed out")
}

#[cfg(feature = "axum")]
/// A detail from axum's `Invalid URL: ` text: the key when the text names it, else the route's
/// only parameter, else the one parameter whose value the text quotes.
fn axum_path_detail(text: &str, params: &[(String, String)]) -> Detail {
    let key = if let Some(rest) = text.strip_prefix("Cannot parse value at index ") {
        // Tuple: `Cannot parse value at index 1 with value `abc` to a `u32``.
        rest.split(' ')
            .next()
            .and_then(|index| index.parse::<usize>().ok())
            .and_then(|index| params.get(index))
            .map(|(key, _)| key.as_str())
    } else if let Some(rest) = text
        .strip_prefix("Cannot parse `")
        .or_else(|| text.strip_prefix("Invalid UTF-8 in `"))
    {
        match rest.split_once("` with value `") {
            // Struct or map: `Cannot parse `id` with value `abc` to a `u32``.
            Some((key, _)) => Some(key),
            // Single value: `Cannot parse `abc` to a `u32``, or the UTF-8 case's key.
            None => {
                let quoted = rest
                    .rsplit_once("` to a `")
                    .map_or_else(|| rest.trim_end_matches('`'), |(value, _)| value);
                if text.starts_with("Invalid UTF-8") {
                    Some(quoted)
                } else {
                    only_param(params).or_else(|| param_with_value(params, quoted))
                }
            }
        }
    } else {
        only_param(params)
    };
    path_detail(key, text)
}

fn only_param(params: &[(String, String)]) -> Option<&str> {
    match params {
        [(key, _)] => Some(key),
        _ => None,
    }
}

/// The key of the one parameter whose value is `value`.
fn param_with_value<'p>(params: &'p [(String, String)], value: &str) -> Option<&'p str> {
    let mut found = params.iter().filter(|(_, v)| v == value);
    match (found.next(), found.next()) {
        (Some((key, _)), None) => Some(key),
        _ => None,
    }
}

fn path_detail(key: Option<&str>, reason: &str) -> Detail {
    let mut detail = Detail::reason_only(reason.to_owned())
        .with_location("path")
        .with_code("invalid_value");
    if let Some(key) = key {
        let mut path = FieldPath::new();
        path.key(key);
        detail.field = Some(path.finish().into());
    }
    detail
}

/// A detail from serde_path_to_error's text, `path: reason` or just `reason`: the path read
/// segment by segment (a missing field's name appended: serde reports the parent), serde's
/// ` at line L column C` cut off the reason.
///
/// The text does not escape keys, so a key holding `.`, `[`, `: ` or whitespace is misread or
/// left out; apierror's own extractors (actix-web) read the path exactly.
pub(crate) fn serde_detail(text: &str, location: &'static str) -> Detail {
    // The path ends at the `": "` before one of serde's own reasons (those [`reason_code`]
    // knows), else at the first: a key holding `": "` does not end it early, and a reason
    // that starts the text has no path before it.
    let known = |at: usize| {
        text.get(at + 2..)
            .is_some_and(|rest| reason_code(rest).is_some())
    };
    let split = if reason_code(text).is_some() {
        None
    } else {
        text.match_indices(": ")
            .map(|(at, _)| at)
            .find(|&at| known(at))
            .or_else(|| text.find(": "))
    };
    let (path, reason) = match split {
        Some(at) => match read_path(&text[..at]) {
            Some(path) => (path, &text[at + 2..]),
            // A path the text cannot tell (a key holding whitespace): no field, and serde's
            // reason alone, so the value in it is cut as any other.
            None if known(at) => (FieldPath::new(), &text[at + 2..]),
            None => (FieldPath::new(), text),
        },
        None => (FieldPath::new(), text),
    };
    detail_at(path, reason, location)
}

/// The detail for `reason` at `path`.
fn detail_at(mut path: FieldPath, reason: &str, location: &'static str) -> Detail {
    let reason = strip_position(reason);
    let reason = &*without_value(reason);
    if let Some(name) = named_field(reason) {
        path.field(name);
    }
    let field = path.finish();
    let mut detail = Detail::reason_only(reason.to_owned()).with_location(location);
    if !field.is_empty() {
        detail.field = Some(field.into());
    }
    if let Some(code) = reason_code(reason) {
        detail = detail.with_code(code);
    }
    detail
}

/// serde_path_to_error's path text (`items[0].name`, `[1]`, `labels.?`) as segments; `None`
/// when `text` is not one. A `?` (a segment serde could not name) ends the path.
fn read_path(text: &str) -> Option<FieldPath> {
    if text.is_empty() || text.contains(char::is_whitespace) {
        return None;
    }
    let mut path = FieldPath::new();
    let mut rest = text;
    let mut first = true;
    let mut unknown = false;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let (index, tail) = after.split_once(']')?;
            let index = index.parse::<usize>().ok()?;
            if !unknown {
                path.index(index);
            }
            rest = tail;
        } else {
            if !first {
                rest = rest.strip_prefix('.')?;
            }
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let (segment, tail) = rest.split_at_checked(end)?;
            if segment.is_empty() {
                return None;
            }
            if segment == "?" {
                unknown = true;
            } else if !unknown {
                path.key(segment);
            }
            rest = tail;
        }
        first = false;
    }
    Some(path)
}

/// serde's `invalid type` and `invalid value` reasons without the value the client sent
/// (``invalid type: integer `31415926535`, expected a string`` is ``invalid type: integer,
/// expected a string``), nor `unknown variant`'s: a rejected value never leaves the process (a
/// password sent as a number would be echoed in the body otherwise). Any other reason is as
/// serde wrote it.
pub(crate) fn without_value(reason: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    for prefix in ["invalid type: ", "invalid value: "] {
        let Some(rest) = reason.strip_prefix(prefix) else {
            continue;
        };
        // serde's `Unexpected`: a kind, then the value in backticks, or in quotes for a
        // string (escaped as `Debug` escapes it).
        let (kind, value) = match rest.split_once(' ') {
            Some((kind, value)) if matches!(kind, "integer" | "boolean" | "character") => {
                (kind, value)
            }
            Some(("floating", value)) => match value.strip_prefix("point ") {
                Some(value) => ("floating point", value),
                None => continue,
            },
            Some(("string", value)) => ("string", value),
            _ => return Cow::Borrowed(reason),
        };
        let after = if let Some(quoted) = value.strip_prefix('"') {
            let mut escaped = false;
            quoted
                .char_indices()
                .find(|&(_, c)| {
                    let end = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
                .map(|(at, _)| &quoted[at + 1..])
        } else {
            value
                .strip_prefix('`')
                .and_then(|quoted| quoted.split_once('`'))
                .map(|(_, after)| after)
        };
        return match after {
            Some(after) if after.is_empty() || after.starts_with(", expected ") => {
                Cow::Owned(format!("{prefix}{kind}{after}"))
            }
            _ => Cow::Borrowed(reason),
        };
    }
    // The value ends at the last `` `, expected `` (what follows names the variants, never that
    // text), which the value itself may hold.
    if let Some(rest) = reason.strip_prefix("unknown variant `")
        && let Some(at) = rest
            .rfind("`, expected ")
            .or_else(|| rest.rfind("`, there are no variants"))
    {
        return Cow::Owned(format!("unknown variant, {}", &rest[at + 3..]));
    }
    Cow::Borrowed(reason)
}

/// `reason` without serde_json's ` at line L column C`.
pub(crate) fn strip_position(reason: &str) -> &str {
    let Some((head, position)) = reason.rsplit_once(" at line ") else {
        return reason;
    };
    let numbers = position
        .split_once(" column ")
        .is_some_and(|(line, column)| {
            !line.is_empty()
                && !column.is_empty()
                && line.bytes().all(|b| b.is_ascii_digit())
                && column.bytes().all(|b| b.is_ascii_digit())
        });
    if numbers { head } else { reason }
}

/// The field of ``missing field `name` `` and ``duplicate field `name` ``, which serde
/// reports at the object that holds it.
fn named_field(reason: &str) -> Option<&str> {
    let rest = reason
        .strip_prefix("missing field `")
        .or_else(|| reason.strip_prefix("duplicate field `"))?;
    rest.rsplit_once('`').map(|(name, _)| name)
}

/// A machine-readable code for serde's reason, from the words it starts with.
fn reason_code(reason: &str) -> Option<&'static str> {
    const CODES: [(&str, &str); 7] = [
        ("missing field ", "missing_field"),
        ("unknown field ", "unknown_field"),
        ("duplicate field ", "duplicate_field"),
        ("invalid type: ", "invalid_type"),
        ("invalid value: ", "invalid_value"),
        ("invalid length ", "invalid_length"),
        ("unknown variant ", "unknown_variant"),
    ];
    CODES
        .iter()
        .find(|(prefix, _)| reason.starts_with(prefix))
        .map(|(_, code)| *code)
}

/// The detail of a serde_path_to_error error: its path exactly, segment by segment.
#[cfg(feature = "actix")]
pub(crate) fn path_to_error_detail<E: std::fmt::Display>(
    err: &serde_path_to_error::Error<E>,
    location: &'static str,
) -> Detail {
    use serde_path_to_error::Segment;
    let mut path = FieldPath::new();
    for segment in err.path().iter() {
        match segment {
            Segment::Seq { index } => {
                path.index(*index);
            }
            Segment::Map { key } => {
                path.key(key);
            }
            Segment::Enum { variant } => {
                path.key(variant);
            }
            Segment::Unknown => break,
        }
    }
    detail_at(path, &err.inner().to_string(), location)
}

/// Reads an actix-web extractor's error, kept on the response, by its type. `match_info` is
/// the matched route's parameters, in pattern order.
#[cfg(feature = "actix")]
pub(crate) fn actix_error(
    err: &actix_web::Error,
    match_info: &[(String, String)],
) -> Option<Reading> {
    use FrameworkErrorKind as K;
    use actix_web::error::{
        InternalError, JsonPayloadError, PathError, PayloadError, QueryPayloadError,
        UrlencodedError,
    };
    // The body could not be read (`web::Bytes`, `String`, or under `Json` and `Form` below).
    if let Some(err) = err.as_error::<PayloadError>() {
        return Some(actix_payload(err));
    }
    if let Some(err) = err.as_error::<JsonPayloadError>() {
        return match err {
            JsonPayloadError::Payload(err) => Some(actix_payload(err)),
            JsonPayloadError::ContentType => Some(Reading::content_type(JSON_WANTED)),
            JsonPayloadError::Deserialize(inner) => {
                let kind = match inner.classify() {
                    serde_json::error::Category::Data => K::InvalidBody,
                    _ => K::MalformedBody,
                };
                Some(Reading::new(
                    kind,
                    Some(serde_detail(&inner.to_string(), "body")),
                ))
            }
            JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
                Some(Reading::new(K::PayloadTooLarge, None))
            }
            _ => None,
        };
    }
    if let Some(QueryPayloadError::Deserialize(inner)) = err.as_error::<QueryPayloadError>() {
        let detail = serde_detail(&inner.to_string(), "query");
        return Some(Reading::new(K::InvalidQuery, Some(detail)));
    }
    if let Some(err) = err.as_error::<UrlencodedError>() {
        return match err {
            UrlencodedError::ContentType => Some(Reading::content_type(FORM_WANTED)),
            UrlencodedError::Parse(inner) => {
                let detail = serde_detail(&inner.to_string(), "body");
                Some(Reading::new(K::InvalidBody, Some(detail)))
            }
            UrlencodedError::Overflow { .. } => Some(Reading::new(K::PayloadTooLarge, None)),
            UrlencodedError::Payload(err) => Some(actix_payload(err)),
            _ => None,
        };
    }
    let path_text = if let Some(err) = err.as_error::<InternalError<serde::de::value::Error>>() {
        Some(err.to_string())
    } else if let Some(PathError::Deserialize(inner)) = err.as_error::<PathError>() {
        Some(inner.to_string())
    } else {
        None
    };
    let text = path_text?;
    // `can not parse "abc" to a u32`: the value, Debug-quoted, names the key.
    let key = only_param(match_info).or_else(|| {
        text.strip_prefix("can not parse ")
            .and_then(|rest| rest.rsplit_once(" to a "))
            .and_then(|(quoted, _)| serde_json::from_str::<String>(quoted).ok())
            .and_then(|value| param_with_value(match_info, &value))
    });
    Some(Reading::new(K::InvalidPath, Some(path_detail(key, &text))))
}

/// A body actix-web could not read: over its limit, a 413; otherwise (cut short, a corrupt
/// content encoding, a connection error) the body is malformed, as axum answers a body that
/// failed while buffered, with actix-web's text as the reason (as axum's is hyper's), less
/// the `: None` its `Debug` adds to a body cut short without an I/O error.
#[cfg(feature = "actix")]
fn actix_payload(err: &actix_web::error::PayloadError) -> Reading {
    use actix_web::error::PayloadError;
    let reason = match err {
        PayloadError::Overflow => {
            return Reading::new(FrameworkErrorKind::PayloadTooLarge, None);
        }
        PayloadError::Incomplete(None) => "payload reached EOF before completing".to_owned(),
        PayloadError::Incomplete(Some(io)) => {
            format!("payload reached EOF before completing: {io}")
        }
        other => other.to_string(),
    };
    let detail = Detail::reason_only(reason).with_location("body");
    Reading::new(FrameworkErrorKind::MalformedBody, Some(detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(detail: &Detail) -> Option<&str> {
        detail.field.as_deref()
    }

    /// The value a client sent is cut out of serde's reasons (a password sent as a number);
    /// the kind and what was expected stay.
    #[test]
    fn reasons_do_not_repeat_the_value_sent() {
        let cases = [
            (
                "invalid type: integer `31415926535`, expected a string",
                "invalid type: integer, expected a string",
            ),
            (
                r#"invalid type: string "hunter2", expected u32"#,
                "invalid type: string, expected u32",
            ),
            (
                r#"invalid type: string "a\", expected b", expected u32"#,
                "invalid type: string, expected u32",
            ),
            (
                r#"invalid value: string "x\\", expected a date"#,
                "invalid value: string, expected a date",
            ),
            (
                "invalid value: integer `-1`, expected u32",
                "invalid value: integer, expected u32",
            ),
            (
                "invalid type: floating point `1.5`, expected u8",
                "invalid type: floating point, expected u8",
            ),
            (
                "invalid type: boolean `true`, expected a string",
                "invalid type: boolean, expected a string",
            ),
            (
                "invalid type: character `c`, expected u8",
                "invalid type: character, expected u8",
            ),
            (
                "unknown variant `secret`, expected one of `a`, `b`",
                "unknown variant, expected one of `a`, `b`",
            ),
            (
                "unknown variant `x`, secret`, expected `A` or `B`",
                "unknown variant, expected `A` or `B`",
            ),
            (
                "unknown variant `x`, there are no variants",
                "unknown variant, there are no variants",
            ),
            // No value in these.
            (
                "invalid type: map, expected a string",
                "invalid type: map, expected a string",
            ),
            (
                "invalid type: unit value, expected u8",
                "invalid type: unit value, expected u8",
            ),
            (
                "invalid length 3, expected 2",
                "invalid length 3, expected 2",
            ),
            ("missing field `password`", "missing field `password`"),
            ("duplicate field `password`", "duplicate field `password`"),
        ];
        for (reason, expected) in cases {
            assert_eq!(without_value(reason), expected, "{reason}");
        }
    }

    #[test]
    fn serde_texts_are_read_into_a_field_and_a_reason() {
        let cases = [
            (
                "missing field `email` at line 1 column 10",
                Some("email"),
                "missing field `email`",
            ),
            (
                "email: invalid type: integer `5`, expected a string at line 1 column 11",
                Some("email"),
                "invalid type: integer, expected a string",
            ),
            (
                "items[1]: missing field `qty` at line 1 column 63",
                Some("items[1].qty"),
                "missing field `qty`",
            ),
            (
                "duplicate field `password` at line 1 column 40",
                Some("password"),
                "duplicate field `password`",
            ),
            (
                "[0]: invalid type: integer `1`",
                Some("[0]"),
                "invalid type: integer",
            ),
            (
                "EOF while parsing a value at line 1 column 21",
                None,
                "EOF while parsing a value",
            ),
            (
                "n: invalid digit found in string",
                Some("n"),
                "invalid digit found in string",
            ),
            ("labels.?: bad", Some("labels"), "bad"),
            // A key the text cannot tell: no field, and the value is cut all the same.
            (
                "labels.a b: invalid type: string \"hunter2\", expected u32 at line 1 column 9",
                None,
                "invalid type: string, expected u32",
            ),
            (
                "labels.a: b: invalid value: integer `7`, expected u8",
                None,
                "invalid value: integer, expected u8",
            ),
            ("a\"b.c: bad", Some("[\"a\\\"b\"].c"), "bad"),
            (
                "UUID parsing failed: invalid character",
                None,
                "UUID parsing failed: invalid character",
            ),
            ("x..y: bad", None, "x..y: bad"),
            ("x[: bad", None, "x[: bad"),
            ("", None, ""),
        ];
        for (text, expected_field, reason) in cases {
            let detail = serde_detail(text, "body");
            assert_eq!(field(&detail), expected_field, "{text}");
            assert_eq!(detail.reason, reason, "{text}");
            assert_eq!(detail.location.as_deref(), Some("body"));
        }
        assert_eq!(strip_position("x at line 1 column"), "x at line 1 column");
        assert_eq!(
            strip_position("x at line a column 1"),
            "x at line a column 1"
        );
    }

    #[cfg(feature = "axum")]
    #[test]
    fn path_keys_come_from_the_text_or_the_route() {
        let one = [("id".to_owned(), "abc".to_owned())];
        let two = [
            ("ver".to_owned(), "v1".to_owned()),
            ("id".to_owned(), "abc".to_owned()),
        ];
        type Params<'a> = &'a [(String, String)];
        let cases: [(&str, Params<'_>, Option<&str>); 6] = [
            ("Cannot parse `abc` to a `u32`", &one, Some("id")),
            ("Cannot parse `abc` to a `u32`", &two, Some("id")),
            (
                "Cannot parse value at index 1 with value `abc` to a `u32`",
                &two,
                Some("id"),
            ),
            (
                "Cannot parse `id` with value `abc` to a `u32`",
                &two,
                Some("id"),
            ),
            ("Invalid UTF-8 in `id`", &two, Some("id")),
            ("unknown variant `Beta`, expected `Alpha`", &two, None),
        ];
        for (text, params, key) in cases {
            let reading = axum_rejection(400, &format!("Invalid URL: {text}"), params).unwrap();
            assert_eq!(reading.kind, FrameworkErrorKind::InvalidPath);
            let detail = reading.detail.unwrap();
            assert_eq!(field(&detail), key, "{text}");
            assert_eq!(detail.reason, text);
        }
        // A status axum does not give the text: someone else's.
        assert!(axum_rejection(500, "Invalid URL: x", &one).is_none());
        assert!(axum_rejection(400, "nothing axum says", &one).is_none());
    }

    /// A body that failed to buffer: cut short (400, the body's error as the reason), too slow
    /// (408, as a timeout layer's), or too long (axum's 413, left to the status).
    #[cfg(feature = "axum")]
    #[test]
    fn bodies_that_fail_to_buffer() {
        let cut = axum_rejection(
            400,
            "Failed to buffer the request body: error reading a body from connection",
            &[],
        )
        .unwrap();
        assert_eq!(
            (cut.kind, cut.status),
            (FrameworkErrorKind::MalformedBody, 400)
        );
        assert_eq!(
            cut.detail,
            Some(Detail::reason_only("error reading a body from connection").with_location("body"))
        );
        let slow = axum_rejection(
            400,
            "Failed to buffer the request body: data was not received within the designated timeout",
            &[],
        )
        .unwrap();
        assert_eq!(
            (slow.kind, slow.status, slow.message),
            (FrameworkErrorKind::Other, 408, "Request Timeout")
        );
        assert!(slow.detail.is_none());
        assert!(
            axum_rejection(
                413,
                "Failed to buffer the request body: length limit exceeded",
                &[]
            )
            .is_none()
        );
    }

    /// The catalog's example details (`framework::EXAMPLE_DETAILS`) are what the layer writes
    /// for axum's own rejection texts, so that OpenAPI's examples are real bodies.
    #[cfg(feature = "axum")]
    #[test]
    fn the_catalogs_example_details_are_the_readers_own() {
        let texts = [
            "Failed to deserialize query string: limit: invalid digit found in string",
            "Expected request with `Content-Type: application/json`",
            "Failed to deserialize the JSON body into the target type: missing field `name` at \
             line 1 column 2",
        ];
        for ((code, [example]), text) in crate::framework::EXAMPLE_DETAILS.iter().zip(texts) {
            let status = match *code {
                "BAD_REQUEST" => 400,
                "UNSUPPORTED_MEDIA_TYPE" => 415,
                _ => 422,
            };
            let reading = axum_rejection(status, text, &[]).unwrap();
            let shown = Detail::from_static(
                example.field,
                example.reason,
                example.location,
                example.resource,
                example.code,
            );
            assert_eq!(reading.detail, Some(shown), "{code}");
        }
        assert_eq!(
            axum_rejection(400, texts[0], &[]).unwrap().message,
            crate::framework::message::INVALID_QUERY
        );
    }
}
