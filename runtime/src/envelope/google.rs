//! `Google` (AIP-193): `{"error":{"code":404,"message","status":"NOT_FOUND","details":[...]}}`
//! with, in DESIGN.md's order, `ErrorInfo` (reason, domain, metadata: the message's placeholder
//! values keyed in lowerCamelCase, then the extension members), `BadRequest` for details,
//! `RetryInfo`, `Help` (the docs URL, described by the code), and the place of `LocalizedMessage` (translated messages).
//! Owns the table from HTTP status to gRPC status name, which the writer and the schema share.

#[cfg(feature = "docs")]
use super::details_schema;
use super::{Body, DetailMembers, Envelope, Parts, Request, StaticBody, member};
use crate::detail::Detail;
use crate::extension::ExtensionError;
#[cfg(feature = "client")]
use crate::headers::decimal_secs;
use crate::json;
use crate::message::Recorded;
use crate::metadata::{UNREAD_DETAILS, is_own_key, lower_camel_chars};
#[cfg(feature = "client")]
use crate::remote::found::Found;
#[cfg(feature = "client")]
use crate::remote::members::{Members, detail_without};
#[cfg(feature = "client")]
use crate::remote::ordered::{self, Object};
use http::StatusCode;
#[cfg(feature = "docs")]
use serde_json::{Value, json};

pub(super) const ENVELOPE: Envelope = Envelope {
    name: "google",
    content_type: super::JSON,
    #[cfg(feature = "docs")]
    code_location: "The `reason` of the `google.rpc.ErrorInfo` detail identifies the error; the codes are listed below.",
    shows_request_id: false,
    shows_phrase: false,
    shows_docs_url: true,
    shows_domain: true,
    write,
    static_body,
    static_in_context: in_context!(static_body, never),
    // `ErrorInfo.metadata` repeats the message's values: written the general way.
    templated_body: None,
    capacity,
    #[cfg(feature = "docs")]
    schema,
    #[cfg(feature = "client")]
    read,
};

/// The `@type` of each detail, as a literal so the writer's keys can be joined at compile time.
macro_rules! error_info {
    () => {
        "type.googleapis.com/google.rpc.ErrorInfo"
    };
}
macro_rules! bad_request {
    () => {
        "type.googleapis.com/google.rpc.BadRequest"
    };
}
macro_rules! retry_info {
    () => {
        "type.googleapis.com/google.rpc.RetryInfo"
    };
}
#[allow(unused_macros)] // used with `fluent`, `docs` or `client`
macro_rules! localized_message {
    () => {
        "type.googleapis.com/google.rpc.LocalizedMessage"
    };
}
macro_rules! help {
    () => {
        "type.googleapis.com/google.rpc.Help"
    };
}

/// [`HELP_OPEN`] and the opening quote of a description that needs no escaping.
const HELP_OPEN_PLAIN: &str = concat!(
    ",{\"@type\":\"",
    help!(),
    "\",\"links\":[{\"description\":\""
);

/// From the end of the previous detail to the `description` value of `Help`'s one link.
const HELP_OPEN: &str = concat!(",{\"@type\":\"", help!(), "\",\"links\":[{\"description\":");

/// From the end of `status`'s value to `ErrorInfo`'s `reason` value.
const ERROR_INFO_OPEN: &str = concat!(
    "\",\"details\":[{\"@type\":\"",
    error_info!(),
    "\",\"reason\":"
);

/// A detail as a `google.rpc.BadRequest.FieldViolation`.
const FIELD_VIOLATION: DetailMembers = detail_members!(
    "field" => Field,
    "description" => Reason,
);

/// The gRPC name of a 4xx not in [`GRPC_STATUSES`].
const OTHER_CLIENT_ERROR: &str = "FAILED_PRECONDITION";
/// The gRPC name of any other status not in [`GRPC_STATUSES`].
const OTHER: &str = "INTERNAL";

/// The canonical gRPC status name of each HTTP status that has one of its own, as AIP-193
/// pairs them; any other 4xx is [`OTHER_CLIENT_ERROR`], anything else [`OTHER`]. The schema's
/// enum is the names here, in this order.
const GRPC_STATUSES: [(u16, &str); 13] = [
    (400, "INVALID_ARGUMENT"),
    (401, "UNAUTHENTICATED"),
    (403, "PERMISSION_DENIED"),
    (404, "NOT_FOUND"),
    (409, "ABORTED"),
    (412, OTHER_CLIENT_ERROR),
    (422, "INVALID_ARGUMENT"),
    (429, "RESOURCE_EXHAUSTED"),
    (499, "CANCELLED"),
    (500, OTHER),
    (501, "UNIMPLEMENTED"),
    (503, "UNAVAILABLE"),
    (504, "DEADLINE_EXCEEDED"),
];

/// The first status [`BY_STATUS`] covers.
const FIRST_STATUS: u16 = 400;

/// [`GRPC_STATUSES`] spread over 400..=599, indexed by `status - 400`, built at compile time.
const BY_STATUS: [&str; 200] = by_status();

#[allow(clippy::indexing_slicing)] // evaluated at compile time
const fn by_status() -> [&'static str; 200] {
    let mut names = [OTHER; 200];
    let mut index = 0;
    while index < 100 {
        names[index] = OTHER_CLIENT_ERROR;
        index += 1;
    }
    let mut entry = 0;
    while entry < GRPC_STATUSES.len() {
        let (status, name) = GRPC_STATUSES[entry];
        names[(status - FIRST_STATUS) as usize] = name;
        entry += 1;
    }
    names
}

/// The canonical gRPC status name for an HTTP status, as AIP-193 pairs them. The gRPC status
/// of an error (`apierror::tonic`) is this unless `#[grpc(code)]` overrides it.
#[inline]
pub(crate) fn grpc_status(status: StatusCode) -> &'static str {
    usize::from(status.as_u16())
        .checked_sub(usize::from(FIRST_STATUS))
        .and_then(|index| BY_STATUS.get(index))
        .copied()
        .unwrap_or(OTHER)
}

/// The longest delay `google.protobuf.Duration` holds: 10,000 years, in seconds. `RetryInfo`'s
/// `retryDelay` (JSON and gRPC alike) says at most this, so Google's readers accept it; a
/// longer `retry_after` is sent as it is in `Retry-After` only.
pub(crate) const MAX_DURATION_SECS: u64 = 315_576_000_000;

/// The gRPC status codes (google.rpc.Code), indexed by number (`OK` is 0), each with the HTTP
/// status google.rpc.Code's documentation pairs it with: what a status read back without
/// apierror's own HTTP status maps to (`apierror::tonic`, `RemoteError::from_status`).
#[cfg(any(feature = "tonic", feature = "docs", feature = "client"))]
pub(crate) const GRPC_CODES: [(&str, u16); 17] = [
    ("OK", 200),
    ("CANCELLED", 499),
    ("UNKNOWN", 500),
    ("INVALID_ARGUMENT", 400),
    ("DEADLINE_EXCEEDED", 504),
    ("NOT_FOUND", 404),
    ("ALREADY_EXISTS", 409),
    ("PERMISSION_DENIED", 403),
    ("RESOURCE_EXHAUSTED", 429),
    ("FAILED_PRECONDITION", 400),
    ("ABORTED", 409),
    ("OUT_OF_RANGE", 400),
    ("UNIMPLEMENTED", 501),
    ("INTERNAL", 500),
    ("UNAVAILABLE", 503),
    ("DATA_LOSS", 500),
    ("UNAUTHENTICATED", 401),
];

/// The number of the gRPC status code `name` (`NOT_FOUND` is 5).
#[cfg(feature = "tonic")]
pub(crate) fn grpc_code_number(name: &str) -> Option<i32> {
    let index = GRPC_CODES.iter().position(|(known, _)| *known == name)?;
    i32::try_from(index).ok()
}

/// Every name `status` may hold: those [`grpc_status`] gives, each once, in table order, then
/// the other gRPC error codes, which `#[grpc(code)]` may choose.
#[cfg(feature = "docs")]
fn grpc_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = Vec::with_capacity(GRPC_CODES.len());
    let error_codes = GRPC_CODES.iter().skip(1).map(|(name, _)| *name);
    for name in GRPC_STATUSES
        .iter()
        .map(|(_, name)| *name)
        .chain(error_codes)
    {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    let parts = body.parts;
    let status = parts.status;
    body.raw("{\"error\":{\"code\":");
    body.status();
    body.raw(",\"message\":");
    // Where each placeholder's value is in the body, for `ErrorInfo.metadata`.
    let mut values = crate::message::Recorded::default();
    if parts.template.is_some() {
        body.message_recording(&mut values);
    } else {
        body.message();
    }
    body.raw(",\"status\":\"");
    body.raw(parts.grpc_code.unwrap_or_else(|| grpc_status(status)));
    body.raw(ERROR_INFO_OPEN);
    body.code();
    body.optional_text("domain", parts.domain);
    // Entries an upstream Google body had that the error's members do not say again.
    let passed_on = body.err.__google_details();
    metadata(body, &values, passed_on.is_some())?;
    // The values' own copies of a cut message, copied into the metadata now: out of the body.
    if let Some((start, end)) = values.region() {
        body.out.drain(start..end);
    }
    body.raw("}");

    if !body.details.is_empty() {
        body.raw(concat!(
            ",{\"@type\":\"",
            bad_request!(),
            "\",\"fieldViolations\":"
        ));
        #[cfg(feature = "fluent")]
        let translated = body.parts.localized_reasons();
        #[cfg(not(feature = "fluent"))]
        let translated: Option<(&str, &[Option<String>])> = None;
        // The translations an upstream Google body's violations carried (a `RemoteError`).
        let err = body.err;
        let passed_on = err.__localized_reasons();
        if let Some((locale, reasons)) = translated {
            localized_violations(body, |index| {
                Some((locale, reasons.get(index)?.as_deref()?))
            });
        } else if !passed_on.is_empty() {
            localized_violations(body, |index| {
                let (locale, message) = passed_on.get(index)?.as_ref()?;
                Some((locale.as_str(), message.as_str()))
            });
        } else {
            body.detail_list(&FIELD_VIOLATION);
        }
        body.raw("}");
    }
    if let Some(seconds) = parts.retry_after.then(|| body.err.retry_after()).flatten() {
        body.raw(concat!(
            ",{\"@type\":\"",
            retry_info!(),
            "\",\"retryDelay\":\""
        ));
        body.number(seconds.min(MAX_DURATION_SECS));
        body.raw("s\"}");
    }
    // An upstream's `Help` passed on as sent stands in for the one of its docs URL.
    let own_help = passed_on.is_none() || !body.err.__google_help_passed_on();
    if let Some(url) = parts.docs_url.filter(|_| own_help) {
        // Described by the code: what a reader gets back, so a body read and rendered again
        // is the same.
        body.raw(HELP_OPEN);
        body.code();
        body.raw(",\"url\":");
        body.text(url);
        body.raw("}]}");
    }
    match passed_on {
        // Entries passed on from an upstream Google body, its `LocalizedMessage` among them.
        Some(entries) => body.raw(entries),
        #[cfg(feature = "fluent")]
        None => localized_message(body),
        #[cfg(not(feature = "fluent"))]
        None => {}
    }
    body.raw("]}}");
    Ok(())
}

/// The field violations when some reasons were translated (AIP-193): each `description` stays
/// in the default language, and a violation whose reason was translated adds
/// `"localizedMessage":{"locale":"fr","message":"..."}` (`FieldViolation.localized_message`,
/// field 4, in protobuf JSON's lowerCamelCase). `translation` gives the locale and text of the
/// error's detail at an index, when it has one; a list cut at the request's limit ends with a
/// marker, which has none.
#[inline(never)] // off the untranslated path: inlined, it made that path's `write` dearer
fn localized_violations<'t>(
    body: &mut Body<'_>,
    translation: impl Fn(usize) -> Option<(&'t str, &'t str)>,
) {
    let max = body.request.limits.max_details();
    let details = body.details;
    body.raw("[");
    for (index, detail) in details.iter().enumerate() {
        if index > 0 {
            body.raw(",");
        }
        body.raw("{");
        if let Some(field) = detail.field.as_deref() {
            body.raw("\"field\":");
            body.string(field);
            body.raw(",");
        }
        body.raw("\"description\":");
        body.string(&detail.reason);
        // Past `max`, the entry is the marker saying how many were left out.
        let translated = (index < max).then(|| translation(index)).flatten();
        if let Some((locale, reason)) = translated {
            body.raw(",\"localizedMessage\":{\"locale\":");
            body.string(locale);
            body.raw(",\"message\":");
            body.string(reason);
            body.raw("}");
        }
        body.raw("}");
    }
    body.raw("]");
}

/// `,{"@type":"...LocalizedMessage","locale":"fr","message":"..."}` when the message was
/// translated: the last detail (DESIGN.md section 4, as amended).
#[cfg(feature = "fluent")]
fn localized_message(body: &mut Body<'_>) {
    if let Some((locale, message)) = body.parts.localized_message() {
        body.raw(concat!(
            ",{\"@type\":\"",
            localized_message!(),
            "\",\"locale\":"
        ));
        body.string(locale);
        body.raw(",\"message\":");
        let limit = body.request.limits.max_message_len();
        body.string(&crate::message::cut(message, limit));
        body.raw("}");
    }
}

/// The body of a [`StaticBody`]: `{"error":{"code":404,"message":"...","status":"NOT_FOUND",
/// "details":[ErrorInfo]}}`. A variant with a `#[retry_after]` field may have a `RetryInfo`,
/// which only the error can say.
#[inline]
fn static_body(body: StaticBody<'_>) -> Vec<u8> {
    if body.retry_after() {
        return Vec::new();
    }
    let StaticBody { code, message, .. } = body;
    let status = body.status().as_str();
    let grpc_status = body
        .grpc_code()
        .unwrap_or_else(|| grpc_status(*body.status()));
    let [domain_open, domain, domain_close] = member(",\"domain\":\"", body.domain());
    // `Help`, the link described by the code, when there is a docs URL.
    let [
        help_open,
        help_description,
        help_middle,
        help_url,
        help_close,
    ] = match body.docs_url() {
        Some(url) => [HELP_OPEN_PLAIN, code, "\",\"url\":\"", url, "\"}]}"],
        None => ["", "", "", "", ""],
    };
    join!(
        "{\"error\":{\"code\":",
        status,
        ",\"message\":\"",
        message,
        "\",\"status\":\"",
        grpc_status,
        ERROR_INFO_OPEN,
        "\"",
        code,
        "\"",
        domain_open,
        domain,
        domain_close,
        "}",
        help_open,
        help_description,
        help_middle,
        help_url,
        help_close,
        "]}}",
    )
}

/// `,"metadata":{...}`, a `map<string, string>`: first the values of the message's
/// placeholders (`values`: where the message in the body shows each, escaped; a value the cut
/// message does not show whole is its own copy, cut on its own at the limit), keyed by field
/// name in lowerCamelCase, each key once; then the extension members as strings (strings
/// stay as they are, numbers and booleans become their JSON text, `null` is left out, arrays
/// and objects become their compact JSON text), but for a key a placeholder has, and but for
/// [`UNREAD_DETAILS`] when `passed_on` (the error writes those entries back as entries).
fn metadata(
    body: &mut Body<'_>,
    recorded: &Recorded,
    passed_on: bool,
) -> Result<(), ExtensionError> {
    let values = recorded.values();
    if !body.parts.extensions && values.is_empty() {
        return Ok(());
    }
    let out = &mut *body.out;
    let mark = out.len();
    out.extend_from_slice(b",\"metadata\":{");
    let open = out.len();
    // Each value's name is its placeholder's in the template, as the message writer recorded
    // it (on the stack for up to `Recorded::INLINE` of them); when one is not known, none is
    // written (it would be misnamed).
    let mut inline = [""; Recorded::INLINE];
    let mut spilled = Vec::new();
    let names: &[&str] = match body.parts.template {
        Some(template) if recorded.all_placed() => {
            let names: &mut [&str] = if values.len() <= inline.len() {
                inline.get_mut(..values.len()).unwrap_or_default()
            } else {
                spilled.resize(values.len(), "");
                &mut spilled
            };
            for (slot, value) in names.iter_mut().zip(values) {
                *slot = value.name(template.text).unwrap_or_default();
            }
            names
        }
        _ => &[],
    };
    let same_key = |a: &str, b: &str| {
        a == b
            || (!(is_own_key(a) && is_own_key(b)) && lower_camel_chars(a).eq(lower_camel_chars(b)))
    };
    for (index, (&name, value)) in names.iter().zip(values).enumerate() {
        // A key an earlier placeholder had is written once, with the first one's value.
        let earlier = names.get(..index).unwrap_or_default();
        if earlier.iter().any(|&earlier| same_key(earlier, name)) {
            continue;
        }
        if out.len() > open {
            out.push(b',');
        }
        out.push(b'"');
        if is_own_key(name) {
            json::escape_into(out, name);
        } else {
            let mut key = [0u8; 4];
            for ch in lower_camel_chars(name) {
                json::escape_into(out, ch.encode_utf8(&mut key));
            }
        }
        out.extend_from_slice(b"\":\"");
        // The value itself: where the message is cut, its own copy (DESIGN.md section 4).
        let (start, end) = value.span;
        out.extend_from_within(start..end);
        out.push(b'"');
    }
    let is_placeholder_key = |extension: &str| {
        names
            .iter()
            .any(|name| lower_camel_chars(name).eq(extension.chars()))
    };
    if !body.parts.extensions {
        if out.len() == open {
            out.truncate(mark);
        } else {
            out.push(b'}');
        }
        return Ok(());
    }
    let mut scratch = Vec::new();
    let mut result = Ok(());
    // Entries passed on from an upstream Google body are written as entries, not as metadata.
    body.err.extensions(&mut |name, value| {
        if result.is_err() || (passed_on && name == UNREAD_DETAILS) {
            return;
        }
        scratch.clear();
        if let Err(error) = value.write_json(&mut scratch) {
            result = Err(error);
            return;
        }
        let text = scratch.as_slice();
        if text == b"null" || is_placeholder_key(name) {
            return;
        }
        if out.len() > open {
            out.push(b',');
        }
        json::push_string(out, name);
        out.push(b':');
        match text.first() {
            // Already a JSON string: its escaped form is the metadata value.
            Some(b'"') => out.extend_from_slice(text),
            // Numbers and booleans hold nothing that needs escaping.
            Some(b'[' | b'{') => json::push_string(out, &String::from_utf8_lossy(text)),
            _ => {
                out.push(b'"');
                out.extend_from_slice(text);
                out.push(b'"');
            }
        }
    });
    result?;
    if out.len() == open {
        out.truncate(mark);
    } else {
        out.push(b'}');
    }
    Ok(())
}

/// `ErrorInfo`, `BadRequest` and `RetryInfo` with their type URLs; `message_len`: the
/// message as written (measured with its values).
fn capacity(parts: &Parts<'_>, _: &[Detail], request: &Request<'_>, message_len: usize) -> usize {
    // The placeholder values repeat in the metadata: at most the message again.
    let limit = request.limits.max_message_len();
    let placeholders = match parts.template {
        // A cut message: each value written again on its own (at most the limit, the marker
        // and its escapes, which the measured length counts whole), then copied into the
        // metadata, so the body stays one allocation.
        Some(template) if message_len > limit => {
            let values = template.text.bytes().filter(|&byte| byte == b'{').count();
            let copies = values * (limit + crate::message::TRUNCATION_MARKER.len()) + message_len;
            message_len + 2 * copies
        }
        Some(_) => message_len,
        None => 0,
    };
    let help = parts
        .docs_url
        .map_or(0, |url| 96 + url.len() + parts.code.len());
    256 + parts.domain.map_or(0, str::len) + placeholders + help + localized_len(parts, request)
}

/// Room for the translations: the `LocalizedMessage` entry (its keys, locale and message, cut
/// at the limit) and the violations' `localizedMessage` members (keys, locale, reason).
#[cfg(feature = "fluent")]
fn localized_len(parts: &Parts<'_>, request: &Request<'_>) -> usize {
    let Some(localized) = parts.localized.filter(|localized| !localized.in_place) else {
        return 0;
    };
    let locale = localized.locale.len();
    let message = localized.message.as_deref().map_or(0, |message| {
        let limit = request.limits.max_message_len();
        96 + locale + message.len().min(limit) + crate::message::TRUNCATION_MARKER.len()
    });
    let (count, bytes) = localized.reasons_len;
    message + count * (48 + locale) + bytes
}

#[cfg(not(feature = "fluent"))]
fn localized_len(_: &Parts<'_>, _: &Request<'_>) -> usize {
    0
}

#[cfg(feature = "docs")]
fn schema(code: &Value, status: &Value) -> Value {
    json!({
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message", "status", "details"],
                "properties": {
                    "code": status,
                    "message": {"type": "string"},
                    "status": {"type": "string", "enum": grpc_names()},
                    "details": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"oneOf": [error_info_schema(code), bad_request_schema(), retry_info_schema(), help_schema(), localized_message_schema()]},
                    },
                },
                "additionalProperties": false,
            },
        },
        "additionalProperties": false,
    })
}

#[cfg(feature = "docs")]
fn error_info_schema(code: &Value) -> Value {
    json!({
        "type": "object",
        "required": ["@type", "reason"],
        "properties": {
            "@type": {"type": "string", "enum": [error_info!()]},
            "reason": code,
            "domain": {"type": "string"},
            "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "additionalProperties": false,
    })
}

#[cfg(feature = "docs")]
fn bad_request_schema() -> Value {
    let mut violations = details_schema(&FIELD_VIOLATION);
    // A violation whose reason was translated carries it (AIP-193); `description` stays in
    // the default language.
    if let Some(properties) = violations
        .pointer_mut("/items/properties")
        .and_then(Value::as_object_mut)
    {
        properties.insert(
            "localizedMessage".to_owned(),
            json!({
                "type": "object",
                "description": "The reason in the request's language (`Accept-Language`), when it was translated.",
                "required": ["locale", "message"],
                "properties": {
                    "locale": {"type": "string"},
                    "message": {"type": "string"},
                },
                "additionalProperties": false,
            }),
        );
    }
    json!({
        "type": "object",
        "required": ["@type", "fieldViolations"],
        "properties": {
            "@type": {"type": "string", "enum": [bad_request!()]},
            "fieldViolations": violations,
        },
        "additionalProperties": false,
    })
}

#[cfg(feature = "docs")]
fn retry_info_schema() -> Value {
    json!({
        "type": "object",
        "required": ["@type", "retryDelay"],
        "properties": {
            "@type": {"type": "string", "enum": [retry_info!()]},
            "retryDelay": {"type": "string", "pattern": "^[0-9]+s$"},
        },
        "additionalProperties": false,
    })
}

#[cfg(feature = "docs")]
fn localized_message_schema() -> Value {
    json!({
        "type": "object",
        "required": ["@type", "locale", "message"],
        "properties": {
            "@type": {"type": "string", "enum": [localized_message!()]},
            "locale": {"type": "string"},
            "message": {"type": "string"},
        },
        "additionalProperties": false,
    })
}

#[cfg(feature = "docs")]
fn help_schema() -> Value {
    json!({
        "type": "object",
        "required": ["@type", "links"],
        "properties": {
            "@type": {"type": "string", "enum": [help!()]},
            "links": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["description", "url"],
                    "properties": {
                        "description": {"type": "string"},
                        "url": {"type": "string"},
                    },
                    "additionalProperties": false,
                },
            },
        },
        "additionalProperties": false,
    })
}

// Reading a body back (the client side, `RemoteError::parse`).

#[cfg(feature = "client")]
const ERROR_INFO: &str = "google.rpc.ErrorInfo";
#[cfg(feature = "client")]
const BAD_REQUEST: &str = "google.rpc.BadRequest";
#[cfg(feature = "client")]
const RETRY_INFO: &str = "google.rpc.RetryInfo";
#[cfg(feature = "client")]
const LOCALIZED_MESSAGE: &str = "google.rpc.LocalizedMessage";

#[cfg(feature = "client")]
const HELP: &str = "google.rpc.Help";

/// An `error` object with a numeric `code` and a string `status` makes a Google body; its
/// `message` is the message (when it has none, the message falls back as in every format,
/// DESIGN.md §7). The code is the first `ErrorInfo`'s `reason`; a body without one has no code
/// of its own, so the code is the SCREAMING_SNAKE reason phrase of the HTTP status
/// (`CONFLICT` for a 409 `ABORTED`), as for every format without a code (DESIGN.md §7). The
/// `status` name, when it is a gRPC error code, is kept (`RemoteError::grpc_code`, as a gRPC
/// status's code is), so the error passed on as Google says it again, whatever `ErrorInfo`
/// says; another name is read as the envelope's mark only.
///
/// Of `details`, the first `ErrorInfo`, every `BadRequest`, the first `RetryInfo` and the first
/// `Help` (its first link's URL is the docs URL) are read when they hold only what the reader
/// maps; the other entries (`QuotaFailure`, a second `ErrorInfo`...) are kept verbatim as an
/// extension `details`, an array in their order. A `Help` other than the one the writer makes
/// of the docs URL (one link described by the code) is also kept so, and passed on as sent in
/// place of that one. Extensions are, in order: `ErrorInfo.metadata`'s entries, the other members of
/// `error` (the legacy `errors` array of `{domain, reason, message}`), the entries of
/// `details` not read, then the other top-level members.
#[cfg(feature = "client")]
fn read(body: &Object, _typed: bool) -> Option<Found> {
    let error = body.object("error")?;
    if !error.has_number("code") {
        return None;
    }
    let mut inner = Members::new(error);
    // The gRPC name is the envelope's mark, kept so that the error passed on says it again;
    // the status itself is read from `code`.
    let status_name = inner.str("status")?;
    let own = inner.str("message");
    let status = inner.status("code");
    let entries = inner.take("details", |value| match value {
        ordered::Value::Array(entries) => Some(entries.as_slice()),
        _ => None,
    });
    let mut read = Read::default();
    let mut kept = Vec::new();
    // The entries a Google body passed on writes again as they are: those the error's members
    // do not say again.
    let mut passed_on = Vec::new();
    for entry in entries.unwrap_or_default() {
        let had_localized = read.localized.is_some();
        let had_help = read.help_passed_on;
        if !read.entry(entry) {
            kept.push(entry.clone());
        } else if !had_help && read.help_passed_on {
            // The docs URL says its first link only: every other format keeps it whole.
            kept.push(entry.clone());
        } else if had_localized || read.localized.is_none() {
            continue;
        }
        passed_on.push(b',');
        entry.write_json(&mut passed_on);
    }
    let mut top = Members::new(body);
    let _ = top.object("error");
    let message = top.message(own);
    let mut extensions = read.metadata;
    extensions.extend(inner.rest());
    if !kept.is_empty() {
        extensions.push((
            UNREAD_DETAILS.to_owned(),
            ordered::Value::Array(kept).into(),
        ));
    }
    extensions.extend(top.rest());
    Some(Found {
        status,
        code: read
            .reason
            .filter(|reason| !reason.is_empty())
            .map(str::to_owned),
        message,
        details: read.details,
        retry_after: read.retry_after,
        docs_url: read.docs_url.map(str::to_owned),
        domain: read.domain.map(str::to_owned),
        extensions,
        localized: read
            .localized
            .map(|(locale, message)| (locale.to_owned(), message.to_owned())),
        grpc_code: grpc_error_code(status_name),
        localized_reasons: read.localized_reasons,
        google_details: (!passed_on.is_empty())
            .then(|| String::from_utf8(passed_on).ok())
            .flatten(),
        google_help: read.help_passed_on,
        ..Found::default()
    })
}

/// What the `details` entries read so far hold.
#[cfg(feature = "client")]
#[derive(Default)]
struct Read<'a> {
    error_info: bool,
    reason: Option<&'a str>,
    domain: Option<&'a str>,
    metadata: Vec<(String, ordered::Kept)>,
    details: Vec<Detail>,
    /// The translated reason of each detail that has one, by index.
    localized_reasons: Vec<Option<(String, String)>>,
    retry_info: bool,
    retry_after: Option<u64>,
    localized: Option<(&'a str, &'a str)>,
    docs_url: Option<&'a str>,
    /// Whether the `Help` the docs URL was read from is passed on as sent: its one link is not
    /// described by the code (the `reason` read so far), or it has several.
    help_passed_on: bool,
}

#[cfg(feature = "client")]
impl<'a> Read<'a> {
    /// Reads one entry of `details`; `false` when it is one to keep verbatim.
    fn entry(&mut self, entry: &'a ordered::Value) -> bool {
        let Some(entry) = entry.as_object() else {
            return false;
        };
        let mut members = Members::new(entry);
        let Some(name) = members.str("@type").map(message_type) else {
            return false;
        };
        match name {
            ERROR_INFO if !self.error_info => {
                let Some(reason) = members.str("reason") else {
                    return false;
                };
                let domain = members.str("domain");
                let metadata = members.object("metadata");
                if !members.all_taken() {
                    return false;
                }
                self.error_info = true;
                self.reason = Some(reason);
                self.domain = domain;
                self.metadata = metadata
                    .map(|metadata| Members::new(metadata).rest())
                    .unwrap_or_default();
            }
            BAD_REQUEST => {
                let Some(violations) = members.take("fieldViolations", violations_of) else {
                    return false;
                };
                if !members.all_taken() {
                    return false;
                }
                for (detail, localized) in violations {
                    if let Some(localized) = localized {
                        self.localized_reasons.resize(self.details.len(), None);
                        self.localized_reasons.push(Some(localized));
                    }
                    self.details.push(detail);
                }
            }
            HELP if self.docs_url.is_none() => {
                // Links of a URL and a description (or none): the first URL is the docs URL.
                let links = members.take("links", |value| match value {
                    ordered::Value::Array(links) => links
                        .iter()
                        .map(|link| {
                            let mut link = Members::new(link.as_object()?);
                            let url = link.str("url");
                            let description = link.str("description");
                            link.all_taken().then_some((url, description))
                        })
                        .collect::<Option<Vec<_>>>(),
                    _ => None,
                });
                let Some(links) = links else {
                    return false;
                };
                let Some(url) = links.iter().find_map(|(url, _)| *url) else {
                    return false;
                };
                if !members.all_taken() {
                    return false;
                }
                self.docs_url = Some(url);
                // The `Help` the writer makes of the docs URL is one link described by the
                // code: any other is passed on as sent (AIP-193's links say what they are).
                let own = matches!(
                    links.as_slice(),
                    [(Some(_), Some(description))]
                        if !description.is_empty() && Some(*description) == self.reason
                );
                self.help_passed_on = !own;
            }
            RETRY_INFO if !self.retry_info => {
                let delay = members.take("retryDelay", |value| {
                    value.as_str().and_then(retry_delay_secs)
                });
                if delay.is_none() || !members.all_taken() {
                    return false;
                }
                self.retry_info = true;
                self.retry_after = delay;
            }
            LOCALIZED_MESSAGE if self.localized.is_none() => {
                let (Some(locale), Some(message)) = (members.str("locale"), members.str("message"))
                else {
                    return false;
                };
                if !members.all_taken() {
                    return false;
                }
                self.localized = Some((locale, message));
            }
            _ => return false,
        }
        true
    }
}

/// `BadRequest.fieldViolations`: detail objects as every format's, each with an optional
/// `localizedMessage` (`{"locale":"fr","message":"..."}`, AIP-193). The `description` is the
/// detail's reason, in the default language as the body's `message` is; the translation is
/// kept beside it (`RemoteError::localized_reason`) when its locale and message are both
/// non-empty, as the gRPC reader does. `None` when an entry is not one, or its
/// `localizedMessage` holds anything else, so that nothing is lost.
#[cfg(feature = "client")]
fn violations_of(value: &ordered::Value) -> Option<Vec<(Detail, Option<Translation>)>> {
    let ordered::Value::Array(entries) = value else {
        return None;
    };
    entries
        .iter()
        .map(|entry| {
            let entry = entry.as_object()?;
            let localized = match entry.get(LOCALIZED_MEMBER) {
                // A `null` member is absent, as everywhere.
                None | Some(ordered::Value::Null) => {
                    return detail_without(entry, Some(LOCALIZED_MEMBER))
                        .map(|detail| (detail, None));
                }
                Some(localized) => localized.as_object()?,
            };
            let mut members = Members::new(localized);
            let (Some(locale), Some(message)) = (members.str("locale"), members.str("message"))
            else {
                return None;
            };
            if !members.all_taken() {
                return None;
            }
            let detail = detail_without(entry, Some(LOCALIZED_MEMBER))?;
            let translated = (!locale.is_empty() && !message.is_empty())
                .then(|| (locale.to_owned(), message.to_owned()));
            Some((detail, translated))
        })
        .collect()
}

/// A violation's translated reason: locale and message.
#[cfg(feature = "client")]
type Translation = (String, String);

/// The member of a `FieldViolation` holding its translation.
#[cfg(feature = "client")]
const LOCALIZED_MEMBER: &str = "localizedMessage";

/// The gRPC error code (not `OK`) named `name`, as the table spells it: the name a Google
/// body's `status` and a gRPC status's code have in common.
#[cfg(feature = "client")]
pub(crate) fn grpc_error_code(name: &str) -> Option<&'static str> {
    GRPC_CODES
        .iter()
        .skip(1)
        .map(|(known, _)| *known)
        .find(|known| *known == name)
}

/// The seconds of a protobuf `Duration` in its JSON form (`"30s"`, `"1.5s"`), rounded up.
/// Anything else, a negative delay included, is `None`.
#[cfg(feature = "client")]
fn retry_delay_secs(text: &str) -> Option<u64> {
    decimal_secs(text.strip_suffix('s')?)
}

/// The message name of a type URL: `type.googleapis.com/google.rpc.ErrorInfo` ->
/// `google.rpc.ErrorInfo`.
#[cfg(feature = "client")]
fn message_type(url: &str) -> &str {
    url.rsplit_once('/').map_or(url, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(feature = "docs")]
    use std::collections::BTreeSet;

    /// The pairs AIP-193 (and the README's `google` envelope) give, written out independently of the table.
    #[test]
    fn statuses_map_to_their_grpc_names() {
        let cases = [
            (400, "INVALID_ARGUMENT"),
            (401, "UNAUTHENTICATED"),
            (402, "FAILED_PRECONDITION"),
            (403, "PERMISSION_DENIED"),
            (404, "NOT_FOUND"),
            (409, "ABORTED"),
            (412, "FAILED_PRECONDITION"),
            (418, "FAILED_PRECONDITION"),
            (422, "INVALID_ARGUMENT"),
            (429, "RESOURCE_EXHAUSTED"),
            (499, "CANCELLED"),
            (500, "INTERNAL"),
            (501, "UNIMPLEMENTED"),
            (502, "INTERNAL"),
            (503, "UNAVAILABLE"),
            (504, "DEADLINE_EXCEEDED"),
            (599, "INTERNAL"),
            (200, "INTERNAL"),
            (600, "INTERNAL"),
        ];
        for (status, name) in cases {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(grpc_status(status), name, "{status}");
        }
    }

    /// The schema's enum is exactly the set of names the writer can produce.
    #[cfg(feature = "docs")]
    #[test]
    fn the_schema_enum_is_every_name_the_writer_gives() {
        // Those of the HTTP statuses, and every other error code `#[grpc(code)]` may set.
        let mut written: BTreeSet<&str> = (100..=999)
            .map(|status| grpc_status(StatusCode::from_u16(status).unwrap()))
            .collect();
        written.extend(GRPC_CODES.iter().skip(1).map(|(name, _)| *name));
        assert_eq!(written.len(), 16);
        let schema = schema(&json!({}), &json!({}));
        let listed: Vec<&str> = schema["properties"]["error"]["properties"]["status"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|name| name.as_str().unwrap())
            .collect();
        assert_eq!(listed.len(), written.len(), "{listed:?}: no name twice");
        assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), written);
    }

    #[cfg(feature = "client")]
    #[test]
    fn retry_delays_of_google_retry_info() {
        let table = [
            ("30s", Some(30)),
            ("0s", Some(0)),
            ("1.5s", Some(2)),
            ("1.000s", Some(1)),
            ("0.000000001s", Some(1)),
            ("120.000000000s", Some(120)),
            ("99999999999999999999999s", Some(u64::MAX)),
            ("-1s", None),
            ("-1.5s", None),
            ("s", None),
            (".5s", None),
            ("1.s", None),
            ("30", None),
            ("30 s", None),
            ("1e3s", None),
            ("", None),
        ];
        for (text, expected) in table {
            assert_eq!(retry_delay_secs(text), expected, "{text:?}");
        }
    }
}
