//! `Nested`: `{"error":{"code","message","details":{...extension members, "fields":[...]}}}`.

use super::Parts;
use super::members::Members;
use super::ordered::Object;

/// An `error` object with a string `message` makes a Nested body (tried after Google, whose
/// `error` has a numeric `code` and a `status`). A missing `code` is left to the status.
///
/// Extensions are, in order: the members of `details` other than `fields` (where the format
/// puts them), the other members of `error` (Stripe's `type`, `param`, `doc_url`), then the
/// other top-level members.
pub(super) fn read(body: &Object) -> Option<Parts> {
    let error = body.object("error")?;
    let mut inner = Members::new(error);
    let own = inner.str("message")?;
    let code = inner.str("code");
    let mut top = Members::new(body);
    let _ = top.object("error");
    let message = top.message(Some(own));
    let (details, mut extensions) = match inner.object("details") {
        Some(members) => {
            let mut members = Members::new(members);
            let fields = members.details("fields");
            (fields, members.rest())
        }
        None => (Vec::new(), Vec::new()),
    };
    extensions.extend(inner.rest());
    extensions.extend(top.rest());
    Some(Parts {
        code: code.map(str::to_owned),
        message,
        details,
        extensions,
        ..Parts::default()
    })
}
