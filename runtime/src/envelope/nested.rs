//! `Nested`: `{"error":{"code","message","details":{...extension members, "fields":[...]}}}`.

#[cfg(feature = "docs")]
use super::details_schema;
use super::{ALL_DETAIL_PARTS, Body, Envelope, Parts, Piece, Request, StaticBody};
use crate::detail::Detail;
use crate::extension::ExtensionError;
use crate::message::Filled;
#[cfg(feature = "client")]
use crate::remote::found::Found;
#[cfg(feature = "client")]
use crate::remote::members::Members;
#[cfg(feature = "client")]
use crate::remote::ordered::Object;
#[cfg(feature = "docs")]
use serde_json::{Value, json};

pub(super) const ENVELOPE: Envelope = Envelope {
    name: "nested",
    content_type: super::JSON,
    #[cfg(feature = "docs")]
    code_location: super::CODE_MEMBER,
    shows_request_id: false,
    shows_phrase: false,
    shows_docs_url: false,
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

fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    body.raw("{\"error\":{\"code\":");
    body.code();
    body.raw(",\"message\":");
    body.message();
    if body.parts.extensions || !body.details.is_empty() {
        details(body)?;
    }
    body.raw("}}");
    Ok(())
}

/// The body of a [`StaticBody`]: `{"error":{"code":"X","message":"..."}}`.
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
    let StaticBody { code, .. } = body;
    join!(
        "{\"error\":{\"code\":\"",
        code,
        "\",\"message\":\"",
        message,
        "\"}}",
    )
}

/// `,"details":{...extension members, "fields":[...]}`, omitted when empty.
fn details(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    // `details` is opened before the extensions are known; if there are none and no fields
    // either, the opening is taken back so the empty object is omitted.
    let mark = body.out.len();
    body.raw(",\"details\":{");
    let written: &[&str] = if body.details.is_empty() {
        &[]
    } else {
        &["fields"]
    };
    let any_extension = body.extensions(true, written)?;
    if body.details.is_empty() {
        if any_extension {
            body.raw("}");
        } else {
            body.out.truncate(mark);
        }
    } else {
        if any_extension {
            body.raw(",");
        }
        body.raw("\"fields\":");
        body.detail_list(&ALL_DETAIL_PARTS);
        body.raw("}");
    }
    Ok(())
}

fn capacity(_: &Parts<'_>, _: &[Detail], _: &Request<'_>, _: usize) -> usize {
    64
}

#[cfg(feature = "docs")]
fn schema(code: &Value, _: &Value) -> Value {
    json!({
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": code,
                    "message": {"type": "string"},
                    "details": {
                        "type": "object",
                        "minProperties": 1,
                        "properties": {"fields": details_schema(&ALL_DETAIL_PARTS)},
                    },
                },
                "additionalProperties": false,
            },
        },
        "additionalProperties": false,
    })
}

// Reading a body back (the client side, `RemoteError::parse`).

/// An `error` object with a string `message` makes a Nested body (tried after Google, whose
/// `error` has a numeric `code` and a `status`). A missing `code` is left to the status.
///
/// Extensions are, in order: the members of `details` other than `fields` (where the format
/// puts them), the other members of `error` (Stripe's `type`, `param`, `doc_url`), then the
/// other top-level members.
#[cfg(feature = "client")]
fn read(body: &Object, _typed: bool) -> Option<Found> {
    let error = body.object("error")?;
    let mut inner = Members::new(error);
    let own = inner.str("message")?;
    let code = inner.str("code");
    let mut top = Members::new(body);
    let _ = top.object("error");
    let message = top.message(Some(own));
    let (details, mut extensions) = match inner.object("details") {
        Some(members) => {
            let mut members = Members::new(members);
            let fields = members.details("fields");
            (fields, members.rest())
        }
        None => (Vec::new(), Vec::new()),
    };
    extensions.extend(inner.rest());
    extensions.extend(top.rest());
    Some(Found {
        code: code.map(str::to_owned),
        message,
        details,
        extensions,
        ..Found::default()
    })
}
