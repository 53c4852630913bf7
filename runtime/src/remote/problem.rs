//! `Problem` (RFC 9457): `{"type","title","status","detail","instance","code","errors":[...]}`
//! then extension members.

use super::ordered::Object;
use super::{Parts, details};

const OWN_MEMBERS: [&str; 7] = [
    "type", "title", "status", "detail", "instance", "code", "errors",
];

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
/// so any object is a problem: the message is `detail`, else `title`, else empty.
pub(super) fn read(body: &Object) -> Parts {
    Parts {
        status: body.u64("status"),
        code: body.str("code").map(str::to_owned),
        message: body
            .str("detail")
            .or_else(|| body.str("title"))
            .unwrap_or_default()
            .to_owned(),
        details: details(body.array("errors"), "reason"),
        docs_url: body
            .str("type")
            .filter(|url| *url != BLANK_TYPE)
            .map(str::to_owned),
        extensions: body.members_except(&OWN_MEMBERS),
        ..Parts::default()
    }
}
