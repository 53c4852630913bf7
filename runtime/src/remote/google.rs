//! `Google` (AIP-193): `{"error":{"code":404,"message","status":"NOT_FOUND","details":[...]}}`
//! with `ErrorInfo` (reason, domain, metadata), `BadRequest` field violations and `RetryInfo`.

use super::ordered::{Object, Value};
use super::{Parts, retry_delay_secs};
use crate::detail::Detail;

const ERROR_INFO: &str = "google.rpc.ErrorInfo";
const BAD_REQUEST: &str = "google.rpc.BadRequest";
const RETRY_INFO: &str = "google.rpc.RetryInfo";

/// An `error` object with a numeric `code`, a string `status` and a string `message` makes a
/// Google body. The code is the first `ErrorInfo`'s `reason`, else the `status` name.
pub(super) fn read(body: &Object) -> Option<Parts> {
    let error = body.object("error")?;
    if !error.has_number("code") {
        return None;
    }
    let status_name = error.str("status")?;
    let message = error.str("message")?;
    let entries: Vec<(&str, &Object)> = error
        .array("details")
        .unwrap_or_default()
        .iter()
        .filter_map(Value::as_object)
        .filter_map(|entry| Some((message_type(entry.str("@type")?), entry)))
        .collect();
    let first = |wanted: &str| {
        entries
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, entry)| *entry)
    };
    let error_info = first(ERROR_INFO);
    let details = entries
        .iter()
        .filter(|(name, _)| *name == BAD_REQUEST)
        .filter_map(|(_, entry)| entry.array("fieldViolations"))
        .flatten()
        .filter_map(Value::as_object)
        .map(field_violation)
        .collect();
    Some(Parts {
        status: error.u64("code"),
        code: Some(
            error_info
                .and_then(|info| info.str("reason"))
                .unwrap_or(status_name)
                .to_owned(),
        ),
        message: message.to_owned(),
        details,
        retry_after: first(RETRY_INFO)
            .and_then(|info| info.str("retryDelay"))
            .and_then(retry_delay_secs),
        domain: error_info
            .and_then(|info| info.str("domain"))
            .map(str::to_owned),
        extensions: error_info
            .and_then(|info| info.object("metadata"))
            .map(|metadata| metadata.members_except(&[]))
            .unwrap_or_default(),
        ..Parts::default()
    })
}

/// The message name of a type URL: `type.googleapis.com/google.rpc.ErrorInfo` ->
/// `google.rpc.ErrorInfo`.
fn message_type(url: &str) -> &str {
    url.rsplit_once('/').map_or(url, |(_, name)| name)
}

/// A `FieldViolation`: its `field` and, as the reason, its `description`.
fn field_violation(violation: &Object) -> Detail {
    Detail {
        field: violation.str("field").map(|field| field.to_owned().into()),
        reason: violation
            .str("description")
            .unwrap_or_default()
            .to_owned()
            .into(),
        location: None,
        resource: None,
        code: None,
    }
}
