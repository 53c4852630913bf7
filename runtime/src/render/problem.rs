//! `Problem` (RFC 9457): `{"type","title","status","detail","instance","code","errors":[...]}`
//! then extension members.

use super::pieces::{NotStatic, Static, join, member};
use super::{ALL_DETAIL_PARTS, Body};
use crate::extension::ExtensionError;

pub(super) fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    let parts = body.parts;
    let status = parts.status;
    body.raw("{\"type\":");
    match parts.docs_url {
        Some(url) => body.text(url),
        None => body.raw("\"about:blank\""),
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

/// The body of a [`Static`] error:
/// `{"type":"...","title":"Not Found","status":404,"detail":"...","instance":"...","code":"X"}`.
pub(super) fn static_body(text: &Static<'_>) -> Result<Vec<u8>, NotStatic> {
    let [title_open, title, title_close] = member(",\"title\":\"", text.status.canonical_reason());
    let [instance_open, instance, instance_close] = member(",\"instance\":\"", text.instance()?);
    let kind = text.docs_url.unwrap_or("about:blank");
    let status = text.status.as_str();
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
        text.message,
        "\"",
        instance_open,
        instance,
        instance_close,
        ",\"code\":\"",
        text.code,
        "\"}",
    ))
}
