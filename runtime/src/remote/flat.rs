//! `Flat`: `{"code","message","details":[{"field","reason","location"}],"requestId"}` then
//! extension members.

use super::ordered::Object;
use super::{Parts, details};

const OWN_MEMBERS: [&str; 4] = ["code", "message", "details", "requestId"];

/// A string `code` and a string `message` make a Flat body.
pub(super) fn read(body: &Object) -> Option<Parts> {
    Some(Parts {
        code: Some(body.str("code")?.to_owned()),
        message: body.str("message")?.to_owned(),
        details: details(body.array("details"), "reason"),
        request_id: body.str("requestId").map(str::to_owned),
        extensions: body.members_except(&OWN_MEMBERS),
        ..Parts::default()
    })
}
