//! `Flat`: `{"code","message","details":[{"field","reason","location"}],"requestId"}` then
//! extension members. The default envelope, and the only one with the request id in its body.

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
    name: "flat",
    content_type: super::JSON,
    #[cfg(feature = "docs")]
    code_location: super::CODE_MEMBER,
    shows_request_id: true,
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

/// A detail as an entry of `details`.
const DETAIL_MEMBERS: DetailMembers = detail_members!(
    "field" => Field,
    "reason" => Reason,
    "location" => Location,
);

fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    body.raw("{\"code\":");
    body.code();
    body.raw(",\"message\":");
    body.message();
    body.detail_array("details", &DETAIL_MEMBERS);
    body.raw(",\"requestId\":");
    body.plain_string(body.request.request_id);
    let written: &[&str] = if body.details.is_empty() {
        &["code", "message", "requestId"]
    } else {
        &["code", "message", "details", "requestId"]
    };
    body.extensions(false, written)?;
    body.raw("}");
    Ok(())
}

/// The body of a [`StaticBody`]: `{"code":"X","message":"...","requestId":"..."}`.
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
    let request_id = body.request.request_id;
    join!(
        "{\"code\":\"",
        code,
        "\",\"message\":\"",
        message,
        "\",\"requestId\":\"",
        request_id,
        "\"}",
    )
}

fn capacity(_: &Parts<'_>, _: &[Detail], request: &Request<'_>, _: usize) -> usize {
    64 + request.request_id.len()
}

#[cfg(feature = "docs")]
fn schema(code: &Value, _: &Value) -> Value {
    json!({
        "type": "object",
        "required": ["code", "message", "requestId"],
        "properties": {
            "code": code,
            "message": {"type": "string"},
            "details": details_schema(&DETAIL_MEMBERS),
            "requestId": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,128}$"},
        },
    })
}

// Reading a body back (the client side, `RemoteError::parse`).

/// A string `code` and a string `message` make a Flat body.
#[cfg(feature = "client")]
fn read(body: &Object, _typed: bool) -> Option<Found> {
    let mut members = Members::new(body);
    let code = members.str("code")?;
    let own = members.str("message")?;
    let message = members.message(Some(own));
    let details = members.details("details");
    let request_id = members.str("requestId");
    Some(Found {
        code: Some(code.to_owned()),
        message,
        details,
        request_id: request_id.map(str::to_owned),
        extensions: members.rest(),
        ..Found::default()
    })
}
