//! `Simple`: `{"code":404,"message","cause":CODE,"errors":[{"resource","field","code","message"}]}`
//! then extension members.

#[cfg(feature = "docs")]
use super::details_schema;
use super::{Body, DetailMembers, Envelope, Parts, Piece, Request, StaticBody};
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
    name: "simple",
    content_type: super::JSON,
    #[cfg(feature = "docs")]
    code_location: "The `cause` member identifies the error (`code` is the HTTP status); the codes are listed below.",
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

/// A detail as an entry of `errors` (the reason is its `message`).
const DETAIL_MEMBERS: DetailMembers = detail_members!(
    "resource" => Resource,
    "field" => Field,
    "code" => Code,
    "message" => Reason,
);

fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    body.raw("{\"code\":");
    body.status();
    body.raw(",\"message\":");
    body.message();
    body.raw(",\"cause\":");
    body.code();
    body.detail_array("errors", &DETAIL_MEMBERS);
    let written: &[&str] = if body.details.is_empty() {
        &["code", "message", "cause"]
    } else {
        &["code", "message", "cause", "errors"]
    };
    body.extensions(false, written)?;
    body.raw("}");
    Ok(())
}

/// The body of a [`StaticBody`]: `{"code":404,"message":"...","cause":"X"}`.
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
    let status = body.status().as_str();
    join!(
        "{\"code\":",
        status,
        ",\"message\":\"",
        message,
        "\",\"cause\":\"",
        code,
        "\"}",
    )
}

fn capacity(_: &Parts<'_>, _: &[Detail], _: &Request<'_>, _: usize) -> usize {
    64
}

#[cfg(feature = "docs")]
fn schema(code: &Value, status: &Value) -> Value {
    json!({
        "type": "object",
        "required": ["code", "message", "cause"],
        "properties": {
            "code": status,
            "message": {"type": "string"},
            "cause": code,
            "errors": details_schema(&DETAIL_MEMBERS),
        },
    })
}

// Reading a body back (the client side, `RemoteError::parse`).

/// A numeric `code` (the status) and a string `message` make a Simple body.
#[cfg(feature = "client")]
fn read(body: &Object, _typed: bool) -> Option<Found> {
    if !body.has_number("code") {
        return None;
    }
    let mut members = Members::new(body);
    let own = members.str("message")?;
    let status = members.status("code");
    let cause = members.str("cause");
    let message = members.message(Some(own));
    let details = members.details("errors");
    Some(Found {
        status,
        code: cause.map(str::to_owned),
        message,
        details,
        extensions: members.rest(),
        ..Found::default()
    })
}
