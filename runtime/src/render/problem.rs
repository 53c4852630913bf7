//! `Problem` (RFC 9457): `{"type","title","status","detail","instance","code","errors":[...]}`
//! then extension members.

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
