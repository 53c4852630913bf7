//! `Nested`: `{"error":{"code","message","details":{...extension members, "fields":[...]}}}`.

use super::pieces::{StaticBody, join};
use super::{ALL_DETAIL_PARTS, Body};
use crate::extension::ExtensionError;

pub(super) fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
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
pub(super) fn static_body(body: StaticBody<'_>) -> Vec<u8> {
    let StaticBody { code, message, .. } = body;
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
    let any_extension = body.extensions(true)?;
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
