//! `Problem` (RFC 9457): `{"type","title","status","detail","instance","code","errors":[...]}`
//! then extension members.

use super::{ALL_DETAIL_PARTS, Body};
use crate::extension::ExtensionError;

pub(super) fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    let status = body.err.status();
    body.raw("{\"type\":");
    match body.err.docs_url() {
        Some(url) => body.string(&url),
        None => body.raw("\"about:blank\""),
    }
    body.optional("title", status.canonical_reason());
    body.raw(",\"status\":");
    body.number(u64::from(status.as_u16()));
    body.raw(",\"detail\":");
    body.message();
    body.optional("instance", body.request.instance);
    body.raw(",\"code\":");
    body.string(body.err.code());
    body.detail_array("errors", &ALL_DETAIL_PARTS);
    body.extensions(false)?;
    body.raw("}");
    Ok(())
}
