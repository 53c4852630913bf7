//! `Simple`: `{"code":404,"message","cause":CODE,"errors":[{"resource","field","code","message"}]}`
//! then extension members.

use super::Parts;
use super::members::Members;
use super::ordered::Object;

/// A numeric `code` (the status) and a string `message` make a Simple body.
pub(super) fn read(body: &Object) -> Option<Parts> {
    if !body.has_number("code") {
        return None;
    }
    let mut members = Members::new(body);
    let own = members.str("message")?;
    let status = members.status("code");
    let cause = members.str("cause");
    let message = members.message(Some(own));
    let details = members.details("errors");
    Some(Parts {
        status,
        code: cause.map(str::to_owned),
        message,
        details,
        extensions: members.rest(),
        ..Parts::default()
    })
}
