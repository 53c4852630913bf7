//! `Google` (AIP-193): `{"error":{"code":404,"message","status":"NOT_FOUND","details":[...]}}`
//! with `ErrorInfo` (reason, domain, metadata), then `BadRequest` for details, then `RetryInfo`.

use super::pieces::{NotStatic, StaticBody, join, member};
use super::{Body, DetailPart};
use crate::extension::ExtensionError;
use crate::json;
use http::StatusCode;

/// From the end of `status`'s value to `ErrorInfo`'s `reason` value.
const ERROR_INFO_OPEN: &str =
    "\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":";

/// A detail as a `google.rpc.BadRequest.FieldViolation`.
const FIELD_VIOLATION: [(&str, DetailPart); 2] = [
    ("field", DetailPart::Field),
    ("description", DetailPart::Reason),
];

/// The canonical gRPC status name for an HTTP status, as AIP-193 pairs them.
pub fn grpc_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        412 => "FAILED_PRECONDITION",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        400..=499 => "FAILED_PRECONDITION",
        _ => "INTERNAL",
    }
}

pub(super) fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    let parts = body.parts;
    let status = parts.status;
    body.raw("{\"error\":{\"code\":");
    body.status();
    body.raw(",\"message\":");
    body.message();
    body.raw(",\"status\":\"");
    body.raw(grpc_status(status));
    body.raw(ERROR_INFO_OPEN);
    body.code();
    body.optional_text("domain", parts.domain);
    metadata(body)?;
    body.raw("}");

    if !body.details.is_empty() {
        body.raw(",{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":");
        body.detail_list(&FIELD_VIOLATION);
        body.raw("}");
    }
    if let Some(seconds) = parts.retry_after.then(|| body.err.retry_after()).flatten() {
        body.raw(",{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"");
        body.number(seconds);
        body.raw("s\"}");
    }
    body.raw("]}}");
    Ok(())
}

/// The body of a [`StaticBody`]: `{"error":{"code":404,"message":"...","status":"NOT_FOUND",
/// "details":[ErrorInfo]}}`. A variant with a `#[retry_after]` field may have a `RetryInfo`,
/// which only the error can say.
pub(super) fn static_body(body: StaticBody<'_>) -> Result<Vec<u8>, NotStatic> {
    if body.retry_after {
        return Err(NotStatic);
    }
    let StaticBody { code, message, .. } = body;
    let status = body.status.as_str();
    let grpc_status = grpc_status(body.status);
    let [domain_open, domain, domain_close] = member(",\"domain\":\"", body.domain);
    Ok(join!(
        "{\"error\":{\"code\":",
        status,
        ",\"message\":\"",
        message,
        "\",\"status\":\"",
        grpc_status,
        ERROR_INFO_OPEN,
        "\"",
        code,
        "\"",
        domain_open,
        domain,
        domain_close,
        "}]}}",
    ))
}

/// `,"metadata":{...}`: extension members as strings, as `ErrorInfo.metadata` is a
/// `map<string, string>`. Strings stay as they are, numbers and booleans become their JSON
/// text, `null` is left out, arrays and objects become their compact JSON text.
fn metadata(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    if !body.parts.extensions {
        return Ok(());
    }
    let out = &mut *body.out;
    let mark = out.len();
    out.extend_from_slice(b",\"metadata\":{");
    let open = out.len();
    let mut scratch = Vec::new();
    let mut result = Ok(());
    body.err.extensions(&mut |name, value| {
        if result.is_err() {
            return;
        }
        scratch.clear();
        if let Err(error) = value.write_json(&mut scratch) {
            result = Err(error);
            return;
        }
        let text = scratch.as_slice();
        if text == b"null" {
            return;
        }
        if out.len() > open {
            out.push(b',');
        }
        json::push_string(out, name);
        out.push(b':');
        match text.first() {
            // Already a JSON string: its escaped form is the metadata value.
            Some(b'"') => out.extend_from_slice(text),
            // Numbers and booleans hold nothing that needs escaping.
            Some(b'[' | b'{') => json::push_string(out, &String::from_utf8_lossy(text)),
            _ => {
                out.push(b'"');
                out.extend_from_slice(text);
                out.push(b'"');
            }
        }
    });
    result?;
    if out.len() == open {
        out.truncate(mark);
    } else {
        out.push(b'}');
    }
    Ok(())
}
