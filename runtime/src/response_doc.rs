//! What an OpenAPI document says about a set of errors, before any generator's model: one
//! response per status, with its description, headers, and per media type the envelope's
//! schema, where its extension members go, and an example per code. `openapi.rs` (utoipa) and
//! `aide.rs` (aide) turn it into their models, each adding the members' schemas its generator gives
//! the fields' types; both read it, so the two documents say the same.

use crate::catalog::{ErrorSpec, FieldDoc, reason_phrase};
use crate::example::ExampleError;
use crate::format::Format;
use crate::schema::body_schema;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// One status's response.
#[derive(Debug)]
pub(crate) struct StatusDoc {
    pub(crate) status: u16,
    /// `Not Found: TASK_NOT_FOUND, NOT_FOUND`.
    pub(crate) description: String,
    /// Name, schema, description.
    pub(crate) headers: Vec<(&'static str, Value, Option<&'static str>)>,
    pub(crate) contents: Vec<ContentDoc>,
}

/// One media type of a response.
#[derive(Debug)]
pub(crate) struct ContentDoc {
    pub(crate) media_type: &'static str,
    /// The envelope's schema with the code restricted to the status's codes, without the
    /// extension members.
    pub(crate) schema: Value,
    /// The properties leading to the object that holds the extension members (empty: the body
    /// itself; `None`: the format has no place for typed members).
    pub(crate) members_at: Option<&'static [&'static str]>,
    /// Each member once.
    pub(crate) members: Vec<Member>,
    /// One named example per code.
    pub(crate) examples: Vec<ExampleDoc>,
}

/// One code's named example.
#[derive(Debug)]
pub(crate) struct ExampleDoc {
    /// The example's name: the code.
    pub(crate) code: &'static str,
    pub(crate) summary: &'static str,
    /// The body, in the default language.
    pub(crate) value: Value,
    /// The message in each other language, as Markdown ([`Listing`]).
    pub(crate) description: Option<String>,
}

/// What an example's description lists beside its default-language body: given the entry and
/// the message the body shows, the Markdown text, if any (the translations of the message,
/// with feature `fluent`).
pub(crate) type Listing<'a> = &'a dyn Fn(&'static ErrorSpec, &str) -> Option<String>;

/// A [`Listing`] of nothing: documents without translations.
pub(crate) fn no_listing(_: &'static ErrorSpec, _: &str) -> Option<String> {
    None
}

/// The description of an example whose body is in `translations`' default language: the
/// message in every other language that translates it, the values of its placeholders the
/// body's own.
///
/// ```text
/// Other languages (`Accept-Language`; this example is `en`):
///
/// - `fr`: La tâche 42 est introuvable
/// ```
#[cfg(feature = "fluent")]
pub(crate) fn translations_listed(
    translations: &crate::locale::Translations,
    spec: &'static ErrorSpec,
    message: &str,
) -> Option<String> {
    let messages = translations.example_messages(spec, message);
    if messages.is_empty() {
        return None;
    }
    let mut text = format!(
        "Other languages (`Accept-Language`; this example is `{}`):\n",
        translations.default_locale()
    );
    for (tag, message) in messages {
        text.push_str("\n- `");
        text.push_str(tag);
        text.push_str("`: ");
        text.push_str(&message);
    }
    Some(text)
}

/// The description [`translations_listed`] gives the example named `code` (a code of
/// `translations`' catalog), for documents whose responses were made without translations.
#[cfg(feature = "fluent")]
pub(crate) fn listed_for_code(
    translations: &crate::locale::Translations,
    code: &str,
    schema_of: &dyn Fn(&FieldDoc) -> Option<Value>,
) -> Option<String> {
    use crate::api_error::ApiError as _;
    let spec = translations.catalog().find(code)?;
    let example = ExampleError::filled(spec, schema_of);
    translations_listed(translations, spec, &example.message())
}

/// The JSON Schema a response of `status` has: the body of `format` with `code` restricted to
/// `codes` (ErrorList carries no code).
pub(crate) fn envelope_schema(format: Format, status: u16, codes: &[&str]) -> Value {
    let codes = (format != Format::ErrorList).then_some(codes);
    body_schema(format, codes, Some(status))
}

/// The responses of `errors`, each rendered in its format (a union of types of several
/// formats sends each error in its type's: [`ErrorSet::errors_with_formats`]), statuses
/// ascending, each status's entries in their order. `schema_of` gives a member field's schema
/// as JSON (the generator's), from which its example is made where the field declares none;
/// `listing` each example's description.
///
/// [`ErrorSet::errors_with_formats`]: crate::catalog::ErrorSet::errors_with_formats
pub(crate) fn document(
    errors: impl IntoIterator<Item = (&'static ErrorSpec, Format)>,
    schema_of: &dyn Fn(&FieldDoc) -> Option<Value>,
    listing: Listing<'_>,
) -> Vec<StatusDoc> {
    let mut by_status: BTreeMap<u16, Vec<(&'static ErrorSpec, Format)>> = BTreeMap::new();
    for (spec, format) in errors {
        by_status
            .entry(spec.status)
            .or_default()
            .push((spec, format));
    }
    by_status
        .into_iter()
        .map(|(status, errors)| status_doc(status, &errors, schema_of, listing))
        .collect()
}

/// The `application/json` content of a status's errors sent in formats other than Problem
/// (`groups`: each format with its errors, in order of first appearance) and the
/// `application/problem+json` content every error can be negotiated to. With one such format,
/// its envelope's schema with the members' place; with several, one of their schemas, each
/// example in its own envelope (the members' schemas are left out: the envelopes allow extra
/// members where they put them).
fn status_doc(
    status: u16,
    errors: &[(&'static ErrorSpec, Format)],
    schema_of: &dyn Fn(&FieldDoc) -> Option<Value>,
    listing: Listing<'_>,
) -> StatusDoc {
    use crate::api_error::ApiError as _;
    // Each entry once (a framework's is listed in two formats: see `Catalog::with_formats`),
    // and each error's entry by its index there.
    let mut specs: Vec<&'static ErrorSpec> = Vec::new();
    let errors: Vec<(usize, Format)> = errors
        .iter()
        .map(|&(spec, format)| {
            let index = specs
                .iter()
                .position(|listed| std::ptr::eq(*listed, spec))
                .unwrap_or_else(|| {
                    specs.push(spec);
                    specs.len() - 1
                });
            (index, format)
        })
        .collect();
    let codes: Vec<&str> = specs.iter().map(|spec| spec.code).collect();
    let examples: Vec<(ExampleError, Option<String>)> = specs
        .iter()
        .map(|spec| {
            let example = ExampleError::filled(spec, schema_of);
            let description = listing(spec, &example.message());
            (example, description)
        })
        .collect();
    let example_doc = |index: usize, format: Format| {
        let spec = specs.get(index)?;
        let (example, description) = examples.get(index)?;
        let body = serde_json::from_slice(&example.body(format)).unwrap_or(Value::Null);
        Some(ExampleDoc {
            code: spec.code,
            summary: spec.summary(),
            value: body,
            description: description.clone(),
        })
    };
    // The formats other than Problem, each with the indexes of its errors.
    let mut groups: Vec<(Format, Vec<usize>)> = Vec::new();
    for &(index, format) in &errors {
        if format == Format::Problem {
            continue;
        }
        match groups.iter_mut().find(|(group, _)| *group == format) {
            Some((_, indexes)) if indexes.contains(&index) => {}
            Some((_, indexes)) => indexes.push(index),
            None => groups.push((format, vec![index])),
        }
    }
    let specs_of = |indexes: &[usize]| -> Vec<&'static ErrorSpec> {
        indexes
            .iter()
            .filter_map(|&i| specs.get(i).copied())
            .collect()
    };
    let schema_of_group = |format: Format, group: &[&'static ErrorSpec]| {
        let group_codes: Vec<&str> = group.iter().map(|spec| spec.code).collect();
        envelope_schema(format, status, &group_codes)
    };
    let mut contents = Vec::new();
    match groups.as_slice() {
        [] => {}
        [(format, indexes)] => {
            let group = specs_of(indexes);
            contents.push(ContentDoc {
                media_type: format.content_type(),
                schema: schema_of_group(*format, &group),
                members_at: members_at(*format),
                members: members(&group),
                examples: indexes
                    .iter()
                    .filter_map(|&i| example_doc(i, *format))
                    .collect(),
            });
        }
        groups => {
            // One example per code, in the first format it is listed in.
            let mut shown: Vec<usize> = Vec::new();
            let examples = errors
                .iter()
                .filter(|&&(index, format)| {
                    let first = format != Format::Problem && !shown.contains(&index);
                    if first {
                        shown.push(index);
                    }
                    first
                })
                .filter_map(|&(index, format)| example_doc(index, format))
                .collect();
            let schemas: Vec<Value> = groups
                .iter()
                .map(|(format, indexes)| schema_of_group(*format, &specs_of(indexes)))
                .collect();
            contents.push(ContentDoc {
                // Every format but Problem is `application/json`.
                media_type: Format::Flat.content_type(),
                schema: json!({"oneOf": schemas}),
                members_at: None,
                members: Vec::new(),
                examples,
            });
        }
    }
    contents.push(ContentDoc {
        media_type: Format::Problem.content_type(),
        schema: envelope_schema(Format::Problem, status, &codes),
        members_at: members_at(Format::Problem),
        members: members(&specs),
        examples: (0..specs.len())
            .filter_map(|i| example_doc(i, Format::Problem))
            .collect(),
    });
    let reason = reason_phrase(status);
    let mut headers = vec![(
        "x-request-id",
        json!({"type": "string"}),
        Some("The request's id; quote it when contacting support"),
    )];
    if specs.iter().any(|spec| spec.retry_after) {
        headers.push((
            "Retry-After",
            json!({"type": "integer", "minimum": 0}),
            Some("Seconds to wait before retrying"),
        ));
    }
    let mut extra: Vec<&'static str> = specs
        .iter()
        .flat_map(|spec| spec.headers.iter().copied())
        .collect();
    extra.sort_unstable();
    extra.dedup();
    headers.extend(
        extra
            .into_iter()
            .map(|name| (name, json!({"type": "string"}), None)),
    );
    StatusDoc {
        status,
        description: format!("{reason}: {}", codes.join(", ")),
        headers,
        contents,
    }
}

/// Where `format` puts extension members: the body itself, `error.details` in Nested; Google's
/// `metadata` holds them as strings, as its schema says already.
fn members_at(format: Format) -> Option<&'static [&'static str]> {
    match format {
        Format::Google => None,
        Format::Nested => Some(&["error", "details"]),
        _ => Some(&[]),
    }
}

/// An extension member of a status's body, as its codes' fields describe it.
#[derive(Debug)]
pub(crate) struct Member {
    pub(crate) name: &'static str,
    /// Every field that becomes this member, one per code that has it (a status's schema is
    /// shared by its codes).
    fields: Vec<&'static FieldDoc>,
    /// Whether every body of the status has it: the status has one code and the field is not
    /// an `Option`.
    pub(crate) required: bool,
}

impl Member {
    /// The member's schema as `schema_of` gives its fields': theirs when they all give the same
    /// one, else `None` (any value, as for a type no generator describes), so that every
    /// code's body fits it (`version: u64` in one code, `version: String` in another).
    pub(crate) fn schema<T: PartialEq>(
        &self,
        schema_of: impl Fn(&FieldDoc) -> Option<T>,
    ) -> Option<T> {
        let (first, rest) = self.fields.split_first()?;
        let schema = schema_of(first)?;
        rest.iter()
            .all(|field| schema_of(field).is_some_and(|other| other == schema))
            .then_some(schema)
    }
}

/// Each extension member of `specs` once, with every field that becomes it; required when the
/// status has one code and the field is not an `Option`.
fn members(specs: &[&'static ErrorSpec]) -> Vec<Member> {
    let single = specs.len() == 1;
    let mut members: Vec<Member> = Vec::new();
    for spec in specs {
        for field in spec.fields {
            for &name in field.members {
                match members.iter_mut().find(|member| member.name == name) {
                    Some(member) => member.fields.push(field),
                    None => members.push(Member {
                        name,
                        fields: vec![field],
                        required: single && !field.optional,
                    }),
                }
            }
        }
    }
    members
}
/// `schema` with the members added where `content` says, each with the schema `schema_of`
/// gives its field (`{}`, any value, where it gives none): the whole schema as JSON, for
/// generators whose model is JSON (aide's schemars 0.9).
#[cfg(feature = "aide")]
pub(crate) fn schema_with_members(
    content: &ContentDoc,
    schema_of: &dyn Fn(&FieldDoc) -> Option<Value>,
) -> Value {
    let mut schema = content.schema.clone();
    let Some(path) = content.members_at else {
        return schema;
    };
    let pointer: String = path
        .iter()
        .map(|property| format!("/properties/{property}"))
        .collect();
    let Some(Value::Object(object)) = schema.pointer_mut(&pointer) else {
        return schema;
    };
    for member in &content.members {
        let property = member.schema(schema_of).unwrap_or_else(|| json!({}));
        let properties = object.entry("properties").or_insert_with(|| json!({}));
        if let Some(properties) = properties.as_object_mut() {
            properties.insert(member.name.to_owned(), property);
        }
        if member.required {
            let list = object.entry("required").or_insert_with(|| json!([]));
            if let Some(list) = list.as_array_mut() {
                list.push(Value::String(member.name.to_owned()));
            }
        }
    }
    schema
}
