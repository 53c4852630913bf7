//! `Simple`: `{"code":404,"message","cause":CODE,"errors":[{"resource","field","code","message"}]}`
//! then extension members.

use super::ordered::Object;
use super::{Parts, details};

const OWN_MEMBERS: [&str; 4] = ["code", "message", "cause", "errors"];

/// A numeric `code` (the status) and a string `message` make a Simple body.
pub(super) fn read(body: &Object) -> Option<Parts> {
    if !body.has_number("code") {
        return None;
    }
    Some(Parts {
        status: body.u64("code"),
        code: body.str("cause").map(str::to_owned),
        message: body.str("message")?.to_owned(),
        details: details(body.array("errors"), "message"),
        extensions: body.members_except(&OWN_MEMBERS),
        ..Parts::default()
    })
}
