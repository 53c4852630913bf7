//! `Problem` (RFC 9457): `{"type","title","status","detail","instance","code","errors":[...]}`
//! then extension members, as `application/problem+json`.

#[cfg(feature = "docs")]
use super::details_schema;
use super::{ALL_DETAIL_PARTS, Body, Envelope, Parts, Piece, Request, StaticBody, member};
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
    name: "problem",
    content_type: "application/problem+json",
    #[cfg(feature = "docs")]
    code_location: super::CODE_MEMBER,
    shows_request_id: false,
    shows_phrase: false,
    shows_docs_url: true,
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

/// `type` when there is no docs URL (RFC 9457, section 4.2.1).
pub(crate) const BLANK_TYPE: &str = "about:blank";

fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    let parts = body.parts;
    body.raw("{\"type\":");
    match parts.docs_url {
        Some(url) => body.text(url),
        None => body.plain_string(BLANK_TYPE),
    }
    if let Some((title, plain)) = parts.title() {
        body.member(",\"title\":\"", title, plain);
    }
    body.raw(",\"status\":");
    body.status();
    body.raw(",\"detail\":");
    body.message();
    if let Some(instance) = body.request.instance {
        body.member(",\"instance\":\"", instance, false);
    }
    body.raw(",\"code\":");
    body.code();
    body.detail_array("errors", &ALL_DETAIL_PARTS);
    if parts.extensions {
        // The members written above, for the extension members to leave out.
        let mut written = ["type", "status", "detail", "code", "", "", ""];
        let mut len = 4;
        for (name, present) in [
            ("title", parts.title().is_some()),
            ("instance", body.request.instance.is_some()),
            ("errors", !body.details.is_empty()),
        ] {
            if let (true, Some(slot)) = (present, written.get_mut(len)) {
                *slot = name;
                len += 1;
            }
        }
        body.extensions(false, written.get(..len).unwrap_or_default())?;
    }
    body.raw("}");
    Ok(())
}

/// The body of a [`StaticBody`]:
/// `{"type":"...","title":"Not Found","status":404,"detail":"...","instance":"...","code":"X"}`.
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
    let kind = body.docs_url().unwrap_or(BLANK_TYPE);
    let status = body.status().as_str();
    let [title_open, title, title_close] =
        member(",\"title\":\"", body.status().canonical_reason());
    let Ok(instance) = body.instance() else {
        return Vec::new();
    };
    let [instance_open, instance, instance_close] = member(",\"instance\":\"", instance);
    join!(
        "{\"type\":\"",
        kind,
        "\"",
        title_open,
        title,
        title_close,
        ",\"status\":",
        status,
        ",\"detail\":\"",
        message,
        "\"",
        instance_open,
        instance,
        instance_close,
        ",\"code\":\"",
        code,
        "\"}",
    )
}

/// The longest reason phrase (`title`) is 31 bytes.
fn capacity(parts: &Parts<'_>, _: &[Detail], request: &Request<'_>, _: usize) -> usize {
    128 + parts.docs_url.map_or(0, str::len) + request.instance.map_or(0, str::len)
}

#[cfg(feature = "docs")]
fn schema(code: &Value, status: &Value) -> Value {
    json!({
        "type": "object",
        "required": ["type", "status", "detail", "code"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": status,
            "detail": {"type": "string"},
            "instance": {"type": "string"},
            "code": code,
            "errors": details_schema(&ALL_DETAIL_PARTS),
        },
    })
}

// Reading a body back (the client side, `RemoteError::parse`).

/// Served as `application/problem+json` (`typed`), any object is a problem: every member is
/// optional in RFC 9457. Otherwise one of RFC 9457's members (a string `type`, `title` or
/// `detail`, a numeric `status`) makes a Problem body.
#[cfg(feature = "client")]
fn read(body: &Object, typed: bool) -> Option<Found> {
    let marked = typed
        || ["type", "title", "detail"]
            .into_iter()
            .any(|member| body.str(member).is_some())
        || body.has_number("status");
    marked.then(|| read_problem(body))
}

/// Reads a body known to be a problem. The message is `detail`, else (section 7's order) a
/// `message`, `title` or `error` member; `errors` holds details as Nested's `fields` does, or
/// RFC 9457's own `{"detail","pointer"}` objects. `instance` is the request's, not the
/// error's: it is read and left out.
#[cfg(feature = "client")]
fn read_problem(body: &Object) -> Found {
    let mut members = Members::new(body);
    let status = members.status("status");
    let code = members.str("code");
    let own = members.str("detail");
    let docs_url = members.str("type").filter(|url| *url != BLANK_TYPE);
    let _ = members.str("instance");
    let message = members.message(own);
    // A title is the status's reason phrase, or a summary of the problem type: a message
    // when there is nothing better, and part of the format either way.
    let _ = members.str("title");
    let details = members.details("errors");
    Found {
        status,
        code: code.map(str::to_owned),
        message,
        details,
        docs_url: docs_url.map(str::to_owned),
        extensions: members.rest(),
        ..Found::default()
    }
}
