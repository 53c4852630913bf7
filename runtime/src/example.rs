//! Example errors for documents: a catalog entry rendered like the real error would be, with its
//! message template as the message (placeholders kept).

use crate::api_error::ApiError;
#[cfg(any(feature = "utoipa", feature = "aide"))]
use crate::catalog::FieldDoc;
use crate::catalog::{Catalog, ErrorSpec};
use crate::context::Context;
use crate::detail::Detail;
use crate::extension::Extension;
use crate::format::Format;
use http::StatusCode;
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

/// The retry delay (seconds) an example shows when its `#[retry_after]` field has no integer
/// `#[example]`: the 42 the derive writes into an example message for an integer field.
const EXAMPLE_RETRY_AFTER: u64 = 42;

/// The retry delay (seconds) the documents show for `spec`, which sends `Retry-After`: its
/// field's `#[example]`, else [`EXAMPLE_RETRY_AFTER`], as its example message shows it.
pub(crate) fn example_retry_after(spec: &ErrorSpec) -> u64 {
    spec.example_retry_after.unwrap_or(EXAMPLE_RETRY_AFTER)
}

/// The request id example bodies show.
pub(crate) const EXAMPLE_REQUEST_ID: &str = "req-f8d31a62-e789-4856-9452-5efa50223c7a";

/// A catalog entry standing in for the error it describes.
#[derive(Debug, Clone)]
pub(crate) struct ExampleError {
    code: &'static str,
    status: StatusCode,
    message: Cow<'static, str>,
    details: Vec<Detail>,
    retry_after: Option<u64>,
    docs_url: Option<&'static str>,
    domain: Option<&'static str>,
    /// Extension members and their example values.
    extensions: Vec<(Cow<'static, str>, Value)>,
    /// The values the message's placeholders show, keyed as Google's `ErrorInfo.metadata`
    /// keys them (lowerCamelCase), for the Google envelope's example (see [`Self::body`]).
    placeholders: Vec<(Cow<'static, str>, Value)>,
}

impl ExampleError {
    /// The entry as an example: its message template (or title), a sample detail when it
    /// lists details, a sample delay when it sends `Retry-After`.
    pub(crate) fn from_spec(spec: &'static ErrorSpec) -> Self {
        let status = spec.status_code();
        let message = match spec.message_template {
            Some(template) => Cow::Borrowed(template),
            None if status.is_server_error() => Cow::Borrowed(crate::message::generic(status)),
            // The `Display` text, when the derive knows it (a literal `#[error("...")]`).
            None => Cow::Borrowed(spec.example_message.unwrap_or(spec.title)),
        };
        // The static details as the body lists them, then a sample for those a `#[details]`
        // field adds (a spec built by hand with `has_details` alone: the sample).
        let mut details: Vec<Detail> = spec
            .static_details
            .iter()
            .map(|detail| {
                Detail::from_static(
                    detail.field,
                    detail.reason,
                    detail.location,
                    detail.resource,
                    detail.code,
                )
            })
            .collect();
        if spec.details_field || (spec.has_details && spec.static_details.is_empty()) {
            details.push(Detail::new("fieldName", "specific reason").with_location("body"));
        }
        Self {
            code: spec.code,
            status,
            message,
            details,
            retry_after: spec.retry_after.then(|| example_retry_after(spec)),
            docs_url: spec.docs_url,
            domain: spec.domain,
            extensions: Vec::new(),
            placeholders: Vec::new(),
        }
    }

    /// The entry as an OpenAPI example: its message with real values (the derive's
    /// [`example_message`](ErrorSpec::example_message), whose members' placeholders are filled
    /// here) and its extension members with their examples. A member's example is its
    /// `#[example(...)]`, else one made from the schema `schema_of` gives its type (a
    /// generator's, as JSON), else the field's name.
    #[cfg(any(feature = "utoipa", feature = "aide"))]
    pub(crate) fn filled(
        spec: &'static ErrorSpec,
        schema_of: &dyn Fn(&FieldDoc) -> Option<Value>,
    ) -> Self {
        let mut example = Self::from_spec(spec);
        if let Some(message) = spec.example_message {
            example.message = Cow::Borrowed(message);
        }
        for field in spec.fields {
            let value = field_example(field, schema_of(field).as_ref());
            let placeholder = format!("{{{}}}", field.name);
            // The value as a message or a detail shows it: a string's text, else its JSON.
            let text = || match &value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            if spec.example_message.is_some() && example.message.contains(&placeholder) {
                example.message = Cow::Owned(example.message.replace(&placeholder, &text()));
            }
            if !value.is_null() && !example.details.is_empty() {
                let text = text();
                for detail in &mut example.details {
                    fill_detail(detail, &placeholder, &text);
                }
            }
            if !value.is_null() {
                for member in field.members {
                    example
                        .extensions
                        .push((Cow::Borrowed(member), value.clone()));
                }
            }
        }
        if let Some(template) = spec.message_template {
            for (name, value) in placeholder_values(template, &example.message).unwrap_or_default()
            {
                let key = crate::metadata::lower_camel(name);
                // A key once, the first placeholder's (as the envelope writes it).
                if !example.placeholders.iter().any(|(taken, _)| *taken == key) {
                    example
                        .placeholders
                        .push((key, Value::String(value.to_owned())));
                }
            }
        }
        example
    }

    /// The generic example of a format: `ERROR_CODE`, a message, one detail.
    pub(crate) fn generic() -> Self {
        Self {
            code: "ERROR_CODE",
            status: StatusCode::BAD_REQUEST,
            message: Cow::Borrowed("Human-readable error message"),
            details: vec![Detail::new("fieldName", "specific reason").with_location("body")],
            retry_after: None,
            docs_url: None,
            domain: None,
            extensions: Vec::new(),
            placeholders: Vec::new(),
        }
    }

    /// The example's body in `format`, compact. In the Google envelope, `ErrorInfo.metadata`
    /// holds the placeholders' values before the extension members (DESIGN.md §4), as the
    /// error's own body would: the example's message is already filled, so the values are
    /// handed over as the first members, and an extension member whose key a placeholder has
    /// is left out (the placeholder's value wins, as in the body).
    pub(crate) fn body(&self, format: Format) -> Vec<u8> {
        let ctx = Context::default()
            .with_request_id(EXAMPLE_REQUEST_ID)
            .with_phrase("6 sad squid snuggle softly");
        if format == Format::Google && !self.placeholders.is_empty() {
            let mut google = self.clone();
            let is_placeholder = |name: &str| self.placeholders.iter().any(|(key, _)| key == name);
            google.extensions = self
                .placeholders
                .iter()
                .chain(
                    self.extensions
                        .iter()
                        .filter(|(name, _)| !is_placeholder(name)),
                )
                .cloned()
                .collect();
            return crate::to_json(&google, format, &ctx);
        }
        crate::to_json(self, format, &ctx)
    }
}

impl fmt::Display for ExampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExampleError {}

impl ApiError for ExampleError {
    fn status(&self) -> StatusCode {
        self.status
    }

    fn code(&self) -> &str {
        self.code
    }

    // Examples show the documented text even for a 5xx: it is the template, not internals.
    fn message(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.message)
    }

    fn details(&self) -> Cow<'_, [Detail]> {
        Cow::Borrowed(&self.details)
    }

    fn retry_after(&self) -> Option<u64> {
        self.retry_after
    }

    fn docs_url(&self) -> Option<Cow<'_, str>> {
        self.docs_url.map(Cow::Borrowed)
    }

    fn domain(&self) -> Option<&str> {
        self.domain
    }

    fn extensions(&self, visit: &mut dyn FnMut(&str, &dyn Extension)) {
        for (name, value) in &self.extensions {
            visit(name, value);
        }
    }

    fn catalog() -> Catalog {
        Catalog::EMPTY
    }
}

/// `detail`'s texts with `placeholder` (an extension member's field's, `{name}`) replaced by
/// `text`, the member's example.
#[cfg(any(feature = "utoipa", feature = "aide"))]
fn fill_detail(detail: &mut Detail, placeholder: &str, text: &str) {
    let fill = |part: &mut Cow<'static, str>| {
        if part.contains(placeholder) {
            *part = Cow::Owned(part.replace(placeholder, text));
        }
    };
    fill(&mut detail.reason);
    for part in [
        &mut detail.field,
        &mut detail.location,
        &mut detail.resource,
        &mut detail.code,
    ]
    .into_iter()
    .flatten()
    {
        fill(part);
    }
}

/// The value each placeholder of `template` (a catalog entry's display form) shows in `filled`
/// (the template with its placeholders filled in), found by matching the text between them:
/// `None` when the two do not match that way (two placeholders side by side). A literal brace
/// (`{{name}}`, `{name}` in the display form) shows as itself in `filled` and is left out.
#[cfg(any(feature = "utoipa", feature = "aide"))]
fn placeholder_values<'t, 'f>(
    template: &'t str,
    filled: &'f str,
) -> Option<Vec<(&'t str, &'f str)>> {
    let mut values = Vec::new();
    let (mut template, mut filled) = (template, filled);
    while let Some(open) = template.find('{') {
        filled = filled.strip_prefix(template.get(..open)?)?;
        let close = open + template.get(open..)?.find('}')?;
        let name = template.get(open + 1..close).filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        })?;
        template = template.get(close + 1..)?;
        // The value runs up to the text after the placeholder (to the end, if none).
        let text = template.get(..template.find('{').unwrap_or(template.len()))?;
        let end = match (text.is_empty(), template.is_empty()) {
            (_, true) => filled.len(),
            (true, false) => return None,
            (false, false) => filled.find(text)?,
        };
        let value = filled.get(..end)?;
        // A literal brace's text (`{{name}}` shows as `{name}`) shows as itself: no value.
        if value
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
            != Some(name)
        {
            values.push((name, value));
        }
        filled = filled.get(end..)?;
    }
    (filled == template).then_some(values)
}

/// A field's example value: its `#[example(...)]`, else one valid against `schema`, else the
/// field's name.
#[cfg(any(feature = "utoipa", feature = "aide"))]
pub(crate) fn field_example(field: &FieldDoc, schema: Option<&Value>) -> Value {
    if let Some(value) = field
        .example
        .and_then(|json| serde_json::from_str(json).ok())
    {
        return value;
    }
    match schema {
        Some(schema) => example_for(schema),
        None => Value::String(field.name.to_owned()),
    }
}

/// A value valid against `schema` (the JSON Schema subset generators write for Rust types):
/// its own `example`, `examples`, `default`, `const` or first `enum` value; else the first
/// alternative of a `oneOf`/`anyOf`/`allOf`; else one made from the `type`: 42 for an integer
/// (held within `minimum`/`maximum`), 1.5 for a number, `true`, a string suiting the `format`
/// (`email`, `uuid`, `date-time`, `date`, `time`, `uri`, `ipv4`, `ipv6`, `hostname`) and the
/// length bounds, one item per array (`minItems` at least), the required properties of an
/// object. A `$ref` it cannot follow gives `null` (the member is then left out).
#[cfg(any(feature = "utoipa", feature = "aide"))]
pub(crate) fn example_for(schema: &Value) -> Value {
    let Some(map) = schema.as_object() else {
        return Value::Null;
    };
    if let Some(value) = map.get("example").or_else(|| map.get("const")) {
        return value.clone();
    }
    let first = |key: &str| {
        map.get(key)
            .and_then(Value::as_array)
            .and_then(|a| a.first())
    };
    if let Some(value) = first("examples").or_else(|| first("enum")) {
        return value.clone();
    }
    if let Some(value) = map.get("default") {
        return value.clone();
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        let alternatives = map.get(key).and_then(Value::as_array).into_iter().flatten();
        let mut alternatives = alternatives.filter(|alternative| alternative["type"] != "null");
        if let Some(alternative) = alternatives.next() {
            return example_for(alternative);
        }
    }
    let kind = match map.get("type") {
        Some(Value::String(kind)) => Some(kind.as_str()),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|k| *k != "null"),
        _ => None,
    };
    let bound = |key: &str| map.get(key).and_then(Value::as_f64);
    match kind {
        Some("integer") => {
            let mut value = 42.0_f64;
            if let Some(min) = bound("minimum").or(bound("exclusiveMinimum").map(|m| m + 1.0)) {
                value = value.max(min.ceil());
            }
            if let Some(max) = bound("maximum").or(bound("exclusiveMaximum").map(|m| m - 1.0)) {
                value = value.min(max.floor());
            }
            // Within i64 by the bounds above (schemas of Rust integers), so exact.
            Value::from(value as i64)
        }
        Some("number") => {
            let mut value = 1.5_f64;
            if let Some(min) = bound("minimum") {
                value = value.max(min);
            }
            if let Some(max) = bound("maximum") {
                value = value.min(max);
            }
            Value::from(value)
        }
        Some("boolean") => Value::Bool(true),
        Some("null") => Value::Null,
        Some("string") => {
            let text = match map.get("format").and_then(Value::as_str) {
                Some("email") => "user@example.com",
                Some("uuid") => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                Some("date-time") => "2026-11-30T09:00:00Z",
                Some("date") => "2026-11-30",
                Some("time") => "09:00:00",
                Some("uri" | "url") => "https://example.com/",
                Some("ipv4") => "192.0.2.1",
                Some("ipv6") => "2001:db8::1",
                Some("hostname") => "example.com",
                _ => "example",
            };
            let mut text = text.to_owned();
            let len = |key: &str| {
                map.get(key)
                    .and_then(Value::as_u64)
                    .and_then(|n| usize::try_from(n).ok())
            };
            if let Some(min) = len("minLength") {
                while text.chars().count() < min {
                    text.push('x');
                }
            }
            if let Some(max) = len("maxLength") {
                text = text.chars().take(max).collect();
            }
            Value::String(text)
        }
        Some("array") => {
            let item = map.get("items").map_or(Value::Null, example_for);
            let count = map
                .get("minItems")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .max(1);
            let count = match map.get("maxItems").and_then(Value::as_u64) {
                Some(max) => count.min(max),
                None => count,
            };
            Value::Array((0..count).map(|_| item.clone()).collect())
        }
        Some("object") | None if map.contains_key("properties") => {
            let properties = map.get("properties").and_then(Value::as_object);
            let required = map
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten();
            let object = required
                .filter_map(Value::as_str)
                .filter_map(|name| {
                    let schema = properties?.get(name)?;
                    Some((name.to_owned(), example_for(schema)))
                })
                .collect();
            Value::Object(object)
        }
        Some("object") => Value::Object(serde_json::Map::new()),
        _ if map.contains_key("$ref") => Value::Null,
        _ => Value::String("example".to_owned()),
    }
}

/// Compact JSON made readable with two-space indents, member order kept (a round trip through
/// `serde_json::Value` would sort the members).
pub(crate) fn pretty(json: &[u8]) -> String {
    let text = String::from_utf8_lossy(json);
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let empty = matches!(chars.peek(), Some('}' | ']'));
                if !empty {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                if !matches!(out.chars().last(), Some('{' | '[')) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

#[cfg_attr(docsrs, doc(cfg(feature = "docs")))]
impl ErrorSpec {
    /// An example body of this error in `format`: the message template as the message, a
    /// sample detail and retry delay where the error has them.
    pub fn example_json(&'static self, format: Format) -> Vec<u8> {
        ExampleError::from_spec(self).body(format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(any(feature = "utoipa", feature = "aide"))]
    #[test]
    fn placeholder_values_are_the_text_between_the_pieces() {
        use super::placeholder_values;
        assert_eq!(
            placeholder_values("Cart {id} is locked by {user}", "Cart 42 is locked by ada"),
            Some(vec![("id", "42"), ("user", "ada")])
        );
        assert_eq!(
            placeholder_values("{id} at {at}.", "7 at 9:00."),
            Some(vec![("id", "7"), ("at", "9:00")])
        );
        assert_eq!(placeholder_values("none", "none"), Some(vec![]));
        assert_eq!(placeholder_values("{a}{b}", "xy"), None);
        assert_eq!(placeholder_values("Cart {id}", "Basket 1"), None);
        assert_eq!(placeholder_values("Cart {id}.", "Cart 1!"), None);
        // A literal brace (`{{name}}` shows as `{name}` in the display form) names no value.
        assert_eq!(
            placeholder_values("Write {name} for {id}", "Write {name} for 7"),
            Some(vec![("id", "7")])
        );
    }

    #[cfg(any(feature = "utoipa", feature = "aide"))]
    mod examples_from_schemas {
        use super::super::example_for;
        use proptest::prelude::*;
        use serde_json::json;

        proptest! {
            /// An integer's example is within any bounds a schema sets.
            #[test]
            fn integers_within_bounds(low in -1000i64..1000, span in 0i64..1000, which in 0u8..4) {
                let high = low + span;
                let schema = match which {
                    0 => json!({"type": "integer", "minimum": low, "maximum": high}),
                    1 => json!({"type": "integer", "minimum": low}),
                    2 => json!({"type": "integer", "maximum": high}),
                    _ => json!({"type": ["integer", "null"], "minimum": low, "maximum": high}),
                };
                let value = example_for(&schema).as_i64().unwrap();
                if which != 2 {
                    prop_assert!(value >= low, "{value} < {low}");
                }
                if which != 1 {
                    prop_assert!(value <= high, "{value} > {high}");
                }
            }

            /// A string's example has a length within the schema's bounds.
            #[test]
            fn strings_within_lengths(min in 0u64..40, span in 0u64..40) {
                let max = min + span;
                let schema = json!({"type": "string", "minLength": min, "maxLength": max});
                let value = example_for(&schema);
                let length = value.as_str().unwrap().chars().count() as u64;
                prop_assert!((min..=max).contains(&length), "{length} not in {min}..={max}");
            }

            /// An array's example has at least `minItems` items, and at most `maxItems`.
            #[test]
            fn arrays_within_counts(min in 0u64..10, span in 0u64..10) {
                let max = min + span;
                let schema = json!({"type": "array", "items": {"type": "boolean"},
                    "minItems": min, "maxItems": max});
                let count = example_for(&schema).as_array().unwrap().len() as u64;
                prop_assert!(count >= min && count <= max, "{count} not in {min}..={max}");
            }
        }

        #[test]
        fn declared_values_come_first() {
            assert_eq!(
                example_for(&json!({"type": "integer", "example": 7})),
                json!(7)
            );
            assert_eq!(example_for(&json!({"enum": ["b", "a"]})), json!("b"));
            assert_eq!(
                example_for(&json!({"oneOf": [{"type": "null"}, {"type": "boolean"}]})),
                json!(true)
            );
            assert_eq!(
                example_for(&json!({"type": "string", "format": "email"})),
                json!("user@example.com")
            );
            assert_eq!(
                example_for(&json!({"type": "object", "required": ["a"],
                    "properties": {"a": {"type": "integer"}, "b": {"type": "string"}}})),
                json!({"a": 42})
            );
            assert_eq!(
                example_for(&json!({"$ref": "#/components/schemas/X"})),
                json!(null)
            );
        }
    }

    #[test]
    fn pretty_keeps_order_and_strings() {
        let compact = br#"{"b":1,"a":[{"x":"{,:}"},[]],"c":{}}"#;
        assert_eq!(
            pretty(compact),
            "{\n  \"b\": 1,\n  \"a\": [\n    {\n      \"x\": \"{,:}\"\n    },\n    []\n  ],\n  \"c\": {}\n}"
        );
    }
}
