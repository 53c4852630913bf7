//! `Flat`: `{"code","message","details":[{"field","reason","location"}],"requestId"}` then
//! extension members.

use super::Parts;
use super::members::Members;
use super::ordered::Object;

/// A string `code` and a string `message` make a Flat body.
pub(super) fn read(body: &Object) -> Option<Parts> {
    let mut members = Members::new(body);
    let code = members.str("code")?;
    let own = members.str("message")?;
    let message = members.message(Some(own));
    let details = members.details("details");
    let request_id = members.str("requestId");
    Some(Parts {
        code: Some(code.to_owned()),
        message,
        details,
        request_id: request_id.map(str::to_owned),
        extensions: members.rest(),
        ..Parts::default()
    })
}
