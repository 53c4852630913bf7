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

use crate::catalog::{Catalog, ErrorSet, ErrorSpec, FieldDoc, Probe, ProbeUtoipa, SchemaKind};
use crate::format::Format;
use crate::response_doc::{self, StatusDoc};
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
    responses_for(catalog.with_formats(), &response_doc::no_listing)
}

/// The responses of the errors of a set (a derived type, a framework's catalog, a type
/// `apierror::responses!` declares): one per status, keyed by the status (`"404"`); the
/// entries of a status merged into one response (their codes one enum, every example kept).
pub fn responses_of<S: ErrorSet + ?Sized>() -> BTreeMap<String, RefOr<Response>> {
    responses_for(S::errors_with_formats(), &response_doc::no_listing)
}

/// [`responses_of`] with the translations listed (feature `fluent`): each code's named example
/// keeps its body in the default language, and its `description` lists the message in every
/// language of `translations` that translates it, the example's values in its placeholders
/// (Markdown, one item per language):
///
/// ```text
/// Other languages (`Accept-Language`; this example is `en`):
///
/// - `fr`: La tâche 42 est introuvable
/// ```
///
/// A code that is not in `translations`' catalog, or has no translation, keeps an example
/// without a description.
#[cfg(feature = "fluent")]
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
pub fn responses_of_with<S: ErrorSet + ?Sized>(
    translations: &crate::locale::Translations,
) -> BTreeMap<String, RefOr<Response>> {
    let listing = |spec: &'static ErrorSpec, message: &str| {
        response_doc::translations_listed(translations, spec, message)
    };
    responses_for(S::errors_with_formats(), &listing)
}

/// Lists the translations beside every error example of a whole document (feature
/// `fluent`), as [`responses_of_with`] does for one set: for the responses
/// `#[utoipa::path(responses(...))]` wrote from the derived impls. An example is one of
/// apierror's when its name is a code of `translations`' catalog; its `description` is set
/// when it has none and the code has a translation. Operations' responses and the
/// components' responses are visited.
///
/// ```ignore
/// let mut doc = ApiDoc::openapi();
/// apierror::openapi::list_translations(&mut doc, &translations);
/// ```
#[cfg(feature = "fluent")]
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
pub fn list_translations(
    document: &mut utoipa::openapi::OpenApi,
    translations: &crate::locale::Translations,
) {
    let mut responses: Vec<&mut RefOr<Response>> = Vec::new();
    for item in document.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
            &mut item.query,
        ];
        for operation in operations.into_iter().flatten() {
            responses.extend(operation.responses.responses.values_mut());
        }
        for operation in item.additional_operations.values_mut() {
            responses.extend(operation.responses.responses.values_mut());
        }
    }
    if let Some(components) = document.components.as_mut() {
        responses.extend(components.responses.values_mut());
    }
    for response in responses {
        let RefOr::T(response) = response else {
            continue;
        };
        for content in response.content.values_mut() {
            let RefOr::T(content) = content else { continue };
            for (name, example) in &mut content.examples {
                let RefOr::T(example) = example else { continue };
                if !example.description.is_empty() {
                    continue;
                }
                if let Some(description) =
                    response_doc::listed_for_code(translations, name, &field_schema_json)
                {
                    example.description = description;
                }
            }
        }
    }
}

fn responses_for(
    errors: impl IntoIterator<Item = (&'static ErrorSpec, Format)>,
    listing: response_doc::Listing<'_>,
) -> BTreeMap<String, RefOr<Response>> {
    response_doc::document(errors, &field_schema_json, listing)
        .into_iter()
        .map(|doc| (doc.status.to_string(), RefOr::T(response(doc))))
        .collect()
}

/// The JSON Schema a response of `status` has: the body of `format` with `code` restricted to
/// `codes`. The same schema [`responses`] puts in the document, as JSON, without the extension
/// members.
pub fn response_schema(format: Format, status: u16, codes: &[&str]) -> Value {
    response_doc::envelope_schema(format, status, codes)
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

/// One status's response in utoipa's model.
fn response(doc: StatusDoc) -> Response {
    let mut response = ResponseBuilder::new().description(doc.description);
    for content in doc.contents {
        let mut schema = to_utoipa(&content.schema);
        let target = content
            .members_at
            .and_then(|path| object_at(&mut schema, path));
        if let Some(object) = target {
            for member in &content.members {
                let property = member.schema(field_schema).unwrap_or_else(|| {
                    let any = ObjectBuilder::new().schema_type(SchemaType::AnyValue);
                    RefOr::T(Schema::Object(any.build()))
                });
                object.properties.insert(member.name.to_owned(), property);
                if member.required {
                    object.required.push(member.name.to_owned());
                }
            }
        }
        let examples = content.examples.into_iter().map(|example| {
            (
                example.code,
                ExampleBuilder::new()
                    .summary(example.summary)
                    .description(example.description.unwrap_or_default())
                    .value(Some(example.value))
                    .build(),
            )
        });
        let content_doc = ContentBuilder::new()
            .schema(Some(schema))
            .examples_from_iter(examples)
            .build();
        response = response.content(content.media_type, content_doc);
    }
    for (name, schema, description) in doc.headers {
        response = response.header(
            name,
            HeaderBuilder::new()
                .schema(Some(to_utoipa(&schema)))
                .description(description)
                .build(),
        );
    }
    response.build()
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
    // The `description` keyword (a property named so is under `properties`, not here).
    let description = value.get("description").and_then(Value::as_str);
    if let Some(variants) = value.get("oneOf").and_then(Value::as_array) {
        let one_of = variants
            .iter()
            .fold(OneOfBuilder::new(), |builder, variant| {
                builder.item(to_utoipa(variant))
            });
        return RefOr::T(Schema::OneOf(one_of.description(description).build()));
    }
    let kind = value.get("type").and_then(Value::as_str);
    if kind == Some("array") {
        let mut array = ArrayBuilder::new().description(description);
        if let Some(items) = value.get("items") {
            array = array.items(to_utoipa(items));
        }
        let min_items = value.get("minItems").and_then(Value::as_u64);
        array = array.min_items(min_items.and_then(|n| usize::try_from(n).ok()));
        return RefOr::T(Schema::Array(array.build()));
    }
    let mut object = ObjectBuilder::new().description(description);
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
