//! `Problem` (RFC 9457): `{"type","title","status","detail","instance","code","errors":[...]}`
//! then extension members.

use super::Parts;
use super::members::Members;
use super::ordered::Object;

/// The `type` of a problem that has no documentation of its own.
const BLANK_TYPE: &str = "about:blank";

/// Without the `application/problem+json` content type, one of RFC 9457's members (a string
/// `type`, `title` or `detail`, a numeric `status`) makes a Problem body.
pub(super) fn read_by_shape(body: &Object) -> Option<Parts> {
    let marked = ["type", "title", "detail"]
        .into_iter()
        .any(|member| body.str(member).is_some())
        || body.has_number("status");
    marked.then(|| read(body))
}

/// Reads a body served as `application/problem+json`. Every member is optional in RFC 9457,
/// so any object is a problem. The message is `detail`, else (section 7's order) a
/// `message`, `title` or `error` member; `errors` holds details as Nested's `fields` does, or
/// RFC 9457's own `{"detail","pointer"}` objects. `instance` is the request's, not the
/// error's: it is read and left out.
pub(super) fn read(body: &Object) -> Parts {
    let mut members = Members::new(body);
    let status = members.status("status");
    let code = members.str("code");
    let own = members.str("detail");
    let docs_url = members.str("type").filter(|url| *url != BLANK_TYPE);
    let _ = members.str("instance");
    let message = members.message(own);
    // A title is the status's reason phrase, or a summary of the problem type: a message
    // when there is nothing better, and part of the format either way.
    let _ = members.str("title");
    let details = members.details("errors");
    Parts {
        status,
        code: code.map(str::to_owned),
        message,
        details,
        docs_url: docs_url.map(str::to_owned),
        extensions: members.rest(),
        ..Parts::default()
    }
}
