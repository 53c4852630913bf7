//! `ErrorList`: `{"errors":[{"message","help","phrase"}]}` then extension members; one entry
//! per detail (`"field: reason"`), or one with the message when there are none.

use super::Body;
use super::pieces::{NotStatic, StaticBody, join, member};
use crate::extension::ExtensionError;
use crate::json;

pub(crate) const HELP_PREFIX: &str =
    "For more information on API status codes and how to handle them, read the docs on errors: ";

pub(super) fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
    let parts = body.parts;
    let docs_url = parts.docs_url;
    body.raw("{\"errors\":[");
    let details = body.details;
    if details.is_empty() {
        body.raw("{\"message\":");
        body.message();
        tail(body, docs_url);
    } else {
        for (index, detail) in details.iter().enumerate() {
            if index > 0 {
                body.raw(",");
            }
            body.raw("{\"message\":\"");
            if let Some(field) = &detail.field {
                json::escape_into(body.out, field);
                body.raw(": ");
            }
            json::escape_into(body.out, &detail.reason);
            body.raw("\"");
            tail(body, docs_url);
        }
    }
    body.raw("]");
    body.extensions(false)?;
    body.raw("}");
    Ok(())
}

/// `help` and `phrase` of one entry, and its closing brace.
fn tail(body: &mut Body<'_>, docs_url: Option<&str>) {
    if let Some(url) = docs_url {
        body.raw(",\"help\":\"");
        body.raw(HELP_PREFIX);
        if body.parts.plain {
            body.raw(url);
        } else {
            json::escape_into(body.out, url);
        }
        body.raw("\"");
    }
    body.optional("phrase", body.request.phrase);
    body.raw("}");
}

/// The body of a [`StaticBody`]: `{"errors":[{"message":"...","help":"...","phrase":"..."}]}`.
pub(super) fn static_body(body: StaticBody<'_>) -> Result<Vec<u8>, NotStatic> {
    let message = body.message;
    let [help_open, help, url, help_close] = match body.docs_url {
        Some(url) => [",\"help\":\"", HELP_PREFIX, url, "\""],
        None => [""; 4],
    };
    let [phrase_open, phrase, phrase_close] = member(",\"phrase\":\"", body.phrase()?);
    Ok(join!(
        "{\"errors\":[{\"message\":\"",
        message,
        "\"",
        help_open,
        help,
        url,
        help_close,
        phrase_open,
        phrase,
        phrase_close,
        "}]}",
    ))
}
