//! `ErrorList`: `{"errors":[{"message","help","phrase"}]}` then extension members; one entry
//! per detail (`"field: reason"`), or one with the message when there are none. The only
//! envelope that shows the support phrase of a 5xx, and it carries no code.

use super::{Body, Envelope, NotStatic, Parts, Request, StaticBody, member};
use crate::detail::Detail;
use crate::extension::ExtensionError;
use crate::json;
use serde_json::{Value, json};

pub(super) const ENVELOPE: Envelope = Envelope {
    name: "error_list",
    content_type: super::JSON,
    code_location: "Bodies carry no code: the status and the message identify the error. The codes below name the errors in this reference.",
    shows_request_id: false,
    shows_phrase: true,
    shows_docs_url: true,
    shows_domain: false,
    write,
    static_body,
    capacity,
    schema,
};

/// What `help` says before the docs URL.
pub(crate) const HELP_PREFIX: &str =
    "For more information on API status codes and how to handle them, read the docs on errors: ";

fn write(body: &mut Body<'_>) -> Result<(), ExtensionError> {
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
fn static_body(body: StaticBody<'_>) -> Result<Vec<u8>, NotStatic> {
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

/// `help` and `phrase` on every entry.
fn capacity(parts: &Parts<'_>, details: &[Detail], request: &Request<'_>) -> usize {
    let docs_url = parts.docs_url.map_or(0, str::len);
    let phrase = request.phrase.map_or(0, str::len);
    let entries = details.len().max(1);
    32 + entries * (32 + HELP_PREFIX.len() + docs_url + phrase)
}

fn schema(_: &Value, _: &Value) -> Value {
    json!({
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "message": {"type": "string"},
                        "help": {"type": "string"},
                        "phrase": {"type": "string", "pattern": "^[1-9][0-9]? [a-z]+ [a-z]+ [a-z]+ [a-z]+$"},
                    },
                    "additionalProperties": false,
                },
            },
        },
    })
}
