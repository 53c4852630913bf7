//! `Simple`: `{"code":404,"message","cause":CODE,"errors":[{"resource","field","code","message"}]}`
//! then extension members.

use super::pieces::{StaticBody, join};
use super::{Body, DetailPart};
use crate::extension::ExtensionError;

const DETAIL_MEMBERS: [(&str, DetailPart); 4] = [
    ("resource", DetailPart::Resource),
    ("field", DetailPart::Field),
    ("code", DetailPart::Code),
    ("message", DetailPart::Reason),
];

pub(super) fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    body.raw("{\"code\":");
    body.status();
    body.raw(",\"message\":");
    body.message();
    body.raw(",\"cause\":");
    body.code();
    body.detail_array("errors", &DETAIL_MEMBERS);
    body.extensions(false)?;
    body.raw("}");
    Ok(())
}

/// The body of a [`StaticBody`]: `{"code":404,"message":"...","cause":"X"}`.
pub(super) fn static_body(body: StaticBody<'_>) -> Vec<u8> {
    let StaticBody { code, message, .. } = body;
    let status = body.status.as_str();
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
