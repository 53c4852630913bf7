//! `Simple`: `{"code":404,"message","cause":CODE,"errors":[{"resource","field","code","message"}]}`
//! then extension members.

use super::pieces::{Static, join};
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

/// The body of a [`Static`] error: `{"code":404,"message":"...","cause":"X"}`.
pub(super) fn static_body(text: &Static<'_>) -> Vec<u8> {
    let status = text.status.as_str();
    join!(
        "{\"code\":",
        status,
        ",\"message\":\"",
        text.message,
        "\",\"cause\":\"",
        text.code,
        "\"}",
    )
}
