//! OpenAPI responses of a catalog (feature `utoipa`).
//!
//! Each status documents the envelope schema of the catalog's format, with the code restricted
//! to the codes that status can carry (an enum, not free text), one named example per code, and
//! the `x-request-id` and (where an error sends it) `Retry-After` headers. Derived types
//! implement [`utoipa::IntoResponses`] with this, so `#[utoipa::path(responses(TaskError))]`
//! documents every error a handler can return.

use crate::catalog::{Catalog, ErrorSpec, reason_phrase};
use crate::example::ExampleError;
use crate::format::Format;
use crate::schema::body_schema;
use serde_json::Value;
use std::collections::BTreeMap;
use utoipa::openapi::RefOr;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema, Type,
};

/// The responses of every error in `catalog`: one per status, keyed by the status (`"404"`).
pub fn responses(catalog: Catalog) -> BTreeMap<String, RefOr<Response>> {
    let format = catalog.format();
    catalog
        .by_status()
        .into_iter()
        .map(|(status, specs)| {
            (
                status.to_string(),
                RefOr::T(response(format, status, &specs)),
            )
        })
        .collect()
}

/// The JSON Schema a response of `status` has: the body of `format` with `code` restricted to
/// `codes`. The same schema [`responses`] puts in the document, as JSON.
pub fn response_schema(format: Format, status: u16, codes: &[&str]) -> Value {
    let codes = (format != Format::ErrorList).then_some(codes);
    body_schema(format, codes, Some(status))
}

fn response(format: Format, status: u16, specs: &[&'static ErrorSpec]) -> Response {
    let codes: Vec<&str> = specs.iter().map(|spec| spec.code).collect();
    let schema = to_utoipa(&response_schema(format, status, &codes));
    let mut content = ContentBuilder::new().schema(Some(schema));
    let examples = specs.iter().map(|spec| {
        let body = ExampleError::from_spec(spec).body(format);
        let value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        (
            spec.code,
            ExampleBuilder::new()
                .summary(spec.summary())
                .value(Some(value))
                .build(),
        )
    });
    content = content.examples_from_iter(examples);

    let reason = reason_phrase(status).unwrap_or("Error");
    let mut response = ResponseBuilder::new()
        .description(format!("{reason}: {}", codes.join(", ")))
        .content(format.content_type(), content.build())
        .header(
            "x-request-id",
            HeaderBuilder::new()
                .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                .description(Some("The request's id; quote it when contacting support"))
                .build(),
        );
    if specs.iter().any(|spec| spec.retry_after) {
        response = response.header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::Integer)
                        .minimum(Some(0)),
                ))
                .description(Some("Seconds to wait before retrying"))
                .build(),
        );
    }
    let mut extra: Vec<&str> = specs
        .iter()
        .flat_map(|spec| spec.headers.iter().copied())
        .collect();
    extra.sort_unstable();
    extra.dedup();
    for name in extra {
        response = response.header(
            name,
            HeaderBuilder::new()
                .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                .build(),
        );
    }
    response.build()
}

/// The JSON Schema subset the envelopes' schemas use, as utoipa's model. (utoipa's `Schema`
/// deserializes untagged, which would read `oneOf` as an empty object.)
fn to_utoipa(value: &Value) -> RefOr<Schema> {
    if let Some(variants) = value.get("oneOf").and_then(Value::as_array) {
        let one_of = variants
            .iter()
            .fold(OneOfBuilder::new(), |builder, variant| {
                builder.item(to_utoipa(variant))
            });
        return RefOr::T(Schema::OneOf(one_of.build()));
    }
    let kind = value.get("type").and_then(Value::as_str);
    if kind == Some("array") {
        let mut array = ArrayBuilder::new();
        if let Some(items) = value.get("items") {
            array = array.items(to_utoipa(items));
        }
        let min_items = value.get("minItems").and_then(Value::as_u64);
        array = array.min_items(min_items.and_then(|n| usize::try_from(n).ok()));
        return RefOr::T(Schema::Array(array.build()));
    }
    let mut object = ObjectBuilder::new();
    object = match kind {
        Some("object") => object.schema_type(Type::Object),
        Some("string") => object.schema_type(Type::String),
        Some("integer") => object.schema_type(Type::Integer),
        _ => object,
    };
    if let Some(values) = value.get("enum").and_then(Value::as_array) {
        object = object.enum_values(Some(values.iter().cloned()));
    }
    if let Some(pattern) = value.get("pattern").and_then(Value::as_str) {
        object = object.pattern(Some(pattern));
    }
    if let Some(minimum) = value.get("minimum").and_then(Value::as_u64) {
        object = object.minimum(Some(minimum as f64));
    }
    if let Some(maximum) = value.get("maximum").and_then(Value::as_u64) {
        object = object.maximum(Some(maximum as f64));
    }
    if let Some(min) = value.get("minProperties").and_then(Value::as_u64) {
        object = object.min_properties(usize::try_from(min).ok());
    }
    for required in value
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(name) = required.as_str() {
            object = object.required(name);
        }
    }
    if let Some(properties) = value.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            object = object.property(name, to_utoipa(property));
        }
    }
    match value.get("additionalProperties") {
        Some(Value::Bool(allowed)) => {
            object = object.additional_properties(Some(AdditionalProperties::FreeForm(*allowed)));
        }
        Some(schema @ Value::Object(_)) => {
            object =
                object.additional_properties(Some(AdditionalProperties::RefOr(to_utoipa(schema))));
        }
        _ => {}
    }
    RefOr::T(Schema::Object(object.build()))
}
