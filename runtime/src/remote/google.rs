//! `Google` (AIP-193): `{"error":{"code":404,"message","status":"NOT_FOUND","details":[...]}}`
//! with `ErrorInfo` (reason, domain, metadata), `BadRequest` field violations and `RetryInfo`.

use super::members::{Members, details_of};
use super::ordered::{Object, Value};
use super::{Parts, retry_delay_secs};
use crate::detail::Detail;

const ERROR_INFO: &str = "google.rpc.ErrorInfo";
const BAD_REQUEST: &str = "google.rpc.BadRequest";
const RETRY_INFO: &str = "google.rpc.RetryInfo";

/// An `error` object with a numeric `code`, a string `status` and a string `message` makes a
/// Google body. The code is the first `ErrorInfo`'s `reason`, else the `status` name.
///
/// Of `details`, the first `ErrorInfo`, every `BadRequest` and the first `RetryInfo` are read
/// when they hold only what the reader maps; the other entries (`Help`, `QuotaFailure`, a
/// second `ErrorInfo`...) are kept verbatim as an extension `details`, an array in their
/// order. Extensions are, in order: `ErrorInfo.metadata`'s entries, the other members of
/// `error` (the legacy `errors` array of `{domain, reason, message}`), the entries of
/// `details` not read, then the other top-level members.
pub(super) fn read(body: &Object) -> Option<Parts> {
    let error = body.object("error")?;
    if !error.has_number("code") {
        return None;
    }
    let mut inner = Members::new(error);
    let status_name = inner.str("status")?;
    let own = inner.str("message")?;
    let status = inner.status("code");
    let entries = inner.take("details", |value| match value {
        Value::Array(entries) => Some(entries.as_slice()),
        _ => None,
    });
    let mut read = Read::default();
    let mut kept = Vec::new();
    for entry in entries.unwrap_or_default() {
        if !read.entry(entry) {
            kept.push(entry.to_serde());
        }
    }
    let mut top = Members::new(body);
    let _ = top.object("error");
    let message = top.message(Some(own));
    let mut extensions = read.metadata;
    extensions.extend(inner.rest());
    if !kept.is_empty() {
        extensions.push(("details".to_owned(), serde_json::Value::Array(kept)));
    }
    extensions.extend(top.rest());
    Some(Parts {
        status,
        code: Some(read.reason.unwrap_or(status_name).to_owned()),
        message,
        details: read.details,
        retry_after: read.retry_after,
        domain: read.domain.map(str::to_owned),
        extensions,
        ..Parts::default()
    })
}

/// What the `details` entries read so far hold.
#[derive(Default)]
struct Read<'a> {
    error_info: bool,
    reason: Option<&'a str>,
    domain: Option<&'a str>,
    metadata: Vec<(String, serde_json::Value)>,
    details: Vec<Detail>,
    retry_info: bool,
    retry_after: Option<u64>,
}

impl<'a> Read<'a> {
    /// Reads one entry of `details`; `false` when it is one to keep verbatim.
    fn entry(&mut self, entry: &'a Value) -> bool {
        let Some(entry) = entry.as_object() else {
            return false;
        };
        let mut members = Members::new(entry);
        let Some(name) = members.str("@type").map(message_type) else {
            return false;
        };
        match name {
            ERROR_INFO if !self.error_info => {
                let Some(reason) = members.str("reason") else {
                    return false;
                };
                let domain = members.str("domain");
                let metadata = members.object("metadata");
                if !members.all_taken() {
                    return false;
                }
                self.error_info = true;
                self.reason = Some(reason);
                self.domain = domain;
                self.metadata = metadata
                    .map(|metadata| Members::new(metadata).rest())
                    .unwrap_or_default();
            }
            BAD_REQUEST => {
                let Some(violations) = members.take("fieldViolations", details_of) else {
                    return false;
                };
                if !members.all_taken() {
                    return false;
                }
                self.details.extend(violations);
            }
            RETRY_INFO if !self.retry_info => {
                let delay = members.take("retryDelay", |value| {
                    value.as_str().and_then(retry_delay_secs)
                });
                if delay.is_none() || !members.all_taken() {
                    return false;
                }
                self.retry_info = true;
                self.retry_after = delay;
            }
            _ => return false,
        }
        true
    }
}

/// The message name of a type URL: `type.googleapis.com/google.rpc.ErrorInfo` ->
/// `google.rpc.ErrorInfo`.
fn message_type(url: &str) -> &str {
    url.rsplit_once('/').map_or(url, |(_, name)| name)
}
