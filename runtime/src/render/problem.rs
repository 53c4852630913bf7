//! `Problem` (RFC 9457): `{"type","title","status","detail","instance","code","errors":[...]}`
//! then extension members.

use super::pieces::{NotStatic, StaticBody, join, member};
use super::{ALL_DETAIL_PARTS, Body};
use crate::extension::ExtensionError;

/// `type` when there is no docs URL (RFC 9457, section 4.2.1).
const BLANK_TYPE: &str = "about:blank";

pub(super) fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    let parts = body.parts;
    let status = parts.status;
    body.raw("{\"type\":");
    match parts.docs_url {
        Some(url) => body.text(url),
        None => body.plain_string(BLANK_TYPE),
    }
    body.optional("title", status.canonical_reason());
    body.raw(",\"status\":");
    body.status();
    body.raw(",\"detail\":");
    body.message();
    body.optional("instance", body.request.instance);
    body.raw(",\"code\":");
    body.code();
    body.detail_array("errors", &ALL_DETAIL_PARTS);
    body.extensions(false)?;
    body.raw("}");
    Ok(())
}

/// The body of a [`StaticBody`]:
/// `{"type":"...","title":"Not Found","status":404,"detail":"...","instance":"...","code":"X"}`.
pub(super) fn static_body(body: StaticBody<'_>) -> Result<Vec<u8>, NotStatic> {
    let StaticBody { code, message, .. } = body;
    let kind = body.docs_url.unwrap_or(BLANK_TYPE);
    let status = body.status.as_str();
    let [title_open, title, title_close] = member(",\"title\":\"", body.status.canonical_reason());
    let [instance_open, instance, instance_close] = member(",\"instance\":\"", body.instance()?);
    Ok(join!(
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
    ))
}
