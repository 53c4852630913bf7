//! `Flat`: `{"code","message","details":[{"field","reason","location"}],"requestId"}` then
//! extension members.

use super::pieces::{StaticBody, join};
use super::{Body, DetailPart};
use crate::extension::ExtensionError;

const DETAIL_MEMBERS: [(&str, DetailPart); 3] = [
    ("field", DetailPart::Field),
    ("reason", DetailPart::Reason),
    ("location", DetailPart::Location),
];

pub(super) fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    body.raw("{\"code\":");
    body.code();
    body.raw(",\"message\":");
    body.message();
    body.detail_array("details", &DETAIL_MEMBERS);
    body.raw(",\"requestId\":");
    body.plain_string(body.request.request_id);
    body.extensions(false)?;
    body.raw("}");
    Ok(())
}

/// The body of a [`StaticBody`]: `{"code":"X","message":"...","requestId":"..."}`.
pub(super) fn static_body(body: StaticBody<'_>) -> Vec<u8> {
    let StaticBody { code, message, .. } = body;
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
