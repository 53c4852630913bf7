//! OpenAPI responses of a catalog (feature `utoipa`).
//!
//! Each status documents the envelope schema of the catalog's format, with the code restricted
//! to the codes that status can carry (an enum, not free text), the errors' extension members
//! typed (their fields' `utoipa::PartialSchema` where the type has one, else any value), one
//! named example per code with real values in place of the message's placeholders, and the
//! `x-request-id` and (where an error sends it) `Retry-After` headers. Each response has two
//! media types: the format's own (`application/json`) and `application/problem+json` (RFC 9457),
//! which the layers negotiate; a type in the `problem` format has the one.
//!
//! Derived types, framework catalogs and the sets `apierror::responses!` declares implement
//! [`utoipa::IntoResponses`] with [`responses_of`], so `#[utoipa::path(responses(TaskError))]`
//! documents every error a handler can return, and `responses(GetTaskErrors)` exactly a route's.

use crate::catalog::{
    Catalog, ErrorSet, ErrorSpec, FieldDoc, Probe, ProbeUtoipa, SchemaKind, reason_phrase,
};
use crate::example::ExampleError;
use crate::format::Format;
use crate::schema::body_schema;
use serde_json::Value;
use std::any::Any;
use std::collections::BTreeMap;
use utoipa::openapi::RefOr;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, Object, ObjectBuilder, OneOfBuilder, Schema, SchemaType,
    Type,
};

/// The responses of every error in `catalog`: one per status, keyed by the status (`"404"`).
pub fn responses(catalog: Catalog) -> BTreeMap<String, RefOr<Response>> {
    responses_for(catalog.format(), catalog.iter())
}

/// The responses of the errors of a set (a derived type, a framework's catalog, a type
/// `apierror::responses!` declares): one per status, keyed by the status (`"404"`); the
/// entries of a status merged into one response (their codes one enum, every example kept).
pub fn responses_of<S: ErrorSet + ?Sized>() -> BTreeMap<String, RefOr<Response>> {
    responses_for(S::format(), S::errors())
}

fn responses_for(
    format: Format,
    specs: impl IntoIterator<Item = &'static ErrorSpec>,
) -> BTreeMap<String, RefOr<Response>> {
    let mut by_status: BTreeMap<u16, Vec<&'static ErrorSpec>> = BTreeMap::new();
    for spec in specs {
        by_status.entry(spec.status).or_default().push(spec);
    }
    by_status
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
/// `codes`. The same schema [`responses`] puts in the document, as JSON, without the extension
/// members.
pub fn response_schema(format: Format, status: u16, codes: &[&str]) -> Value {
    let codes = (format != Format::ErrorList).then_some(codes);
    body_schema(format, codes, Some(status))
}

/// The schema utoipa gives a field's type, as utoipa's model, if the type implements
/// `utoipa::PartialSchema` (and is not generic).
pub fn field_schema(field: &FieldDoc) -> Option<RefOr<Schema>> {
    field
        .schema
        .get(SchemaKind::Utoipa)
        .and_then(|schema| schema.downcast::<RefOr<Schema>>().ok())
        .map(|schema| *schema)
}

/// [`field_schema`] as JSON, from which examples are made.
fn field_schema_json(field: &FieldDoc) -> Option<Value> {
    field_schema(field).and_then(|schema| serde_json::to_value(schema).ok())
}

impl<T: utoipa::PartialSchema + ?Sized> ProbeUtoipa for &&Probe<T> {
    fn __apierror_utoipa(self) -> Option<Box<dyn Any>> {
        Some(Box::new(T::schema()))
    }
}

fn response(format: Format, status: u16, specs: &[&'static ErrorSpec]) -> Response {
    let codes: Vec<&str> = specs.iter().map(|spec| spec.code).collect();
    let examples: Vec<ExampleError> = specs
        .iter()
        .map(|spec| ExampleError::filled(spec, &field_schema_json))
        .collect();
    let reason = reason_phrase(status).unwrap_or("Error");
    let mut response = ResponseBuilder::new()
        .description(format!("{reason}: {}", codes.join(", ")))
        .content(
            format.content_type(),
            content(format, status, specs, &codes, &examples),
        );
    if format != Format::Problem {
        response = response.content(
            Format::Problem.content_type(),
            content(Format::Problem, status, specs, &codes, &examples),
        );
    }
    response = response.header(
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

/// One media type of a response: the schema of `format` with the extension members, and an
/// example per code.
fn content(
    format: Format,
    status: u16,
    specs: &[&'static ErrorSpec],
    codes: &[&str],
    examples: &[ExampleError],
) -> utoipa::openapi::content::Content {
    let mut schema = to_utoipa(&response_schema(format, status, codes));
    add_extensions(&mut schema, format, specs);
    let examples = specs.iter().zip(examples).map(|(spec, example)| {
        let value = serde_json::from_slice(&example.body(format)).unwrap_or(Value::Null);
        (
            spec.code,
            ExampleBuilder::new()
                .summary(spec.summary())
                .value(Some(value))
                .build(),
        )
    });
    ContentBuilder::new()
        .schema(Some(schema))
        .examples_from_iter(examples)
        .build()
}

/// Adds each extension member of `specs` to the object of `schema` where `format` puts them
/// (the body itself; `error.details` in Nested), with its field's schema. A member is required
/// when the status has one code and the field is not an `Option`. Google's `metadata` holds
/// them as strings, as its schema says already.
fn add_extensions(schema: &mut RefOr<Schema>, format: Format, specs: &[&'static ErrorSpec]) {
    let target = match format {
        Format::Google => return,
        Format::Nested => object_at(schema, &["error", "details"]),
        _ => object_at(schema, &[]),
    };
    let Some(object) = target else { return };
    let single = specs.len() == 1;
    for spec in specs {
        for field in spec.fields {
            for member in field.members {
                if object.properties.contains_key(*member) {
                    continue;
                }
                let property = field_schema(field).unwrap_or_else(|| {
                    let any = ObjectBuilder::new().schema_type(SchemaType::AnyValue);
                    RefOr::T(Schema::Object(any.build()))
                });
                object.properties.insert((*member).to_owned(), property);
                if single && !field.optional {
                    object.required.push((*member).to_owned());
                }
            }
        }
    }
}

/// The object schema reached from `schema` through the properties `path`.
fn object_at<'a>(schema: &'a mut RefOr<Schema>, path: &[&str]) -> Option<&'a mut Object> {
    let RefOr::T(Schema::Object(object)) = schema else {
        return None;
    };
    match path.split_first() {
        None => Some(object),
        Some((first, rest)) => object_at(object.properties.get_mut(*first)?, rest),
    }
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
