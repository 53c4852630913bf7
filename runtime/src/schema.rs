//! JSON Schema documents (draft 2020-12) of the envelopes, as OpenAPI 3.1 uses them too: the
//! draft and title around the body schema each envelope owns.

use crate::envelope;
use crate::format::Format;
use serde_json::Value;

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

#[cfg_attr(docsrs, doc(cfg(feature = "docs")))]
impl Format {
    /// The JSON Schema (draft 2020-12) of a body in this format.
    ///
    /// Extension members are allowed wherever the format puts them; everything else is exact:
    /// required members, member types, and no unknown members inside the format's own objects.
    ///
    /// ```
    /// let schema = apierror::Format::Flat.json_schema();
    /// assert_eq!(schema["required"], serde_json::json!(["code", "message", "requestId"]));
    /// ```
    pub fn json_schema(self) -> Value {
        let mut schema = body_schema(self, None, None);
        if let Value::Object(map) = &mut schema {
            map.insert("$schema".into(), Value::String(DRAFT.into()));
            map.insert(
                "title".into(),
                Value::String(format!("{} error body", self.as_str())),
            );
        }
        schema
    }
}

/// The schema of a body in `format`, with the code restricted to `codes` and the numeric status
/// to `status` where the format carries them (OpenAPI documents one schema per status).
pub(crate) fn body_schema(format: Format, codes: Option<&[&str]>, status: Option<u16>) -> Value {
    envelope::of(format).schema(codes, status)
}
