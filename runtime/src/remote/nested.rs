//! `Nested`: `{"error":{"code","message","details":{...extension members, "fields":[...]}}}`.

use super::ordered::Object;
use super::{Parts, details};

/// An `error` object with a string `message` makes a Nested body (tried after Google, whose
/// `error` has a numeric `code` and a `status`). A missing `code` is left to the status.
pub(super) fn read(body: &Object) -> Option<Parts> {
    let error = body.object("error")?;
    let message = error.str("message")?;
    let members = error.object("details");
    Some(Parts {
        code: error.str("code").map(str::to_owned),
        message: message.to_owned(),
        details: details(
            members.and_then(|members| members.array("fields")),
            "reason",
        ),
        extensions: members
            .map(|members| members.members_except(&["fields"]))
            .unwrap_or_default(),
        ..Parts::default()
    })
}
