//! OpenAPI responses through [aide](https://docs.rs/aide/0.15) (feature `aide`): the same
//! document the `utoipa` integration writes, in aide's model.
//!
//! Derived types, the framework catalogs and the sets `apierror::responses!` declares implement
//! [`aide::OperationOutput`]: a handler returning `Result<Json<Task>, TaskError>` documents, next
//! to its 200, one response per status of `TaskError` — the envelope's schema with `code` an
//! enum of that status's codes, the extension members typed (their fields'
//! `schemars::JsonSchema` where the type has one, inlined; else any value), a named example per
//! code with real values, `application/json` and `application/problem+json`, and the
//! `x-request-id` and `Retry-After` headers.
//!
//! A route that returns only some of a type's errors says which, in either of two ways:
//!
//! - its return type: `Result<Json<Task>, Listed<GetTaskErrors, TaskError>>` documents
//!   `GetTaskErrors` (a type `apierror::responses!` declares) and responds as `TaskError` does;
//!   `?` converts a `TaskError` into it;
//! - a transform: `get_with(handler, apierror::aide::only::<GetTaskErrors>)` replaces the error
//!   responses aide inferred from the handler with the set's.
//!
//! aide 0.15 describes types with schemars 0.9: the `aide` feature depends on `schemars = "0.9"`,
//! the version aide 0.15 uses.

use crate::catalog::{ErrorSet, ErrorSpec, FieldDoc, Probe, ProbeSchemars, SchemaKind};
use crate::format::Format;
use crate::response_doc::{self, StatusDoc};
use aide::generate::GenContext;
use aide::openapi::{
    Example, Header, HeaderStyle, MediaType, Operation, ParameterSchemaOrContent, ReferenceOr,
    Response, SchemaObject, StatusCode,
};
use aide::transform::TransformOperation;
use serde_json::Value;
use std::any::Any;
use std::fmt;
use std::marker::PhantomData;

/// The responses of the errors of a set (a derived type, a framework's catalog, a type
/// `apierror::responses!` declares): one per status, statuses ascending, as aide's `Response`s.
pub fn responses_of<S: ErrorSet + ?Sized>() -> Vec<(u16, Response)> {
    responses_for(S::errors_with_formats(), &response_doc::no_listing)
}

/// [`responses_of`] with the translations listed (feature `fluent`), as
/// `apierror::openapi::responses_of_with` does for utoipa: each
/// code's named example keeps its body in the default language and its `description` lists
/// the message in every language of `translations` that translates it.
#[cfg(feature = "fluent")]
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
pub fn responses_of_with<S: ErrorSet + ?Sized>(
    translations: &crate::locale::Translations,
) -> Vec<(u16, Response)> {
    let listing = |spec: &'static ErrorSpec, message: &str| {
        response_doc::translations_listed(translations, spec, message)
    };
    responses_for(S::errors_with_formats(), &listing)
}

/// Lists the translations beside every error example of a whole aide document (feature
/// `fluent`), for the responses aide inferred from handlers' return types (`OperationOutput`
/// cannot take translations): an example named after a code of `translations`' catalog gets,
/// when it has none, the `description` [`responses_of_with`] gives it. Call it on the finished
/// document (after `finish_api`).
#[cfg(feature = "fluent")]
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
pub fn list_translations(
    document: &mut aide::openapi::OpenApi,
    translations: &crate::locale::Translations,
) {
    let mut responses: Vec<&mut ReferenceOr<Response>> = Vec::new();
    for item in document
        .paths
        .iter_mut()
        .flat_map(|paths| paths.paths.values_mut())
    {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for list in operations
            .into_iter()
            .flatten()
            .filter_map(|operation| operation.responses.as_mut())
        {
            responses.extend(list.default.as_mut());
            responses.extend(list.responses.values_mut());
        }
    }
    if let Some(components) = document.components.as_mut() {
        responses.extend(components.responses.values_mut());
    }
    for response in responses {
        let ReferenceOr::Item(response) = response else {
            continue;
        };
        for media_type in response.content.values_mut() {
            for (name, example) in &mut media_type.examples {
                let ReferenceOr::Item(example) = example else {
                    continue;
                };
                if example.description.is_none() {
                    example.description =
                        response_doc::listed_for_code(translations, name, &field_schema);
                }
            }
        }
    }
}

fn responses_for(
    errors: impl IntoIterator<Item = (&'static ErrorSpec, Format)>,
    listing: response_doc::Listing<'_>,
) -> Vec<(u16, Response)> {
    response_doc::document(errors, &field_schema, listing)
        .into_iter()
        .map(|doc| (doc.status, response(doc)))
        .collect()
}

/// The schema schemars gives a field's type, inlined (no `$ref`, no `$schema`, no `title`), as
/// JSON, if the type implements `schemars::JsonSchema` (and is not generic).
pub fn field_schema(field: &FieldDoc) -> Option<Value> {
    field
        .schema
        .get(SchemaKind::Schemars)
        .and_then(|schema| schema.downcast::<Value>().ok())
        .map(|schema| *schema)
}

impl<T: schemars::JsonSchema + ?Sized> ProbeSchemars for &&Probe<T> {
    fn __apierror_schemars(self) -> Option<Box<dyn Any>> {
        let settings = schemars::generate::SchemaSettings::draft2020_12().with(|settings| {
            settings.inline_subschemas = true;
        });
        let mut schema = settings
            .into_generator()
            .into_root_schema_for::<T>()
            .to_value();
        if let Some(object) = schema.as_object_mut() {
            object.remove("$schema");
            object.remove("title");
        }
        Some(Box::new(schema))
    }
}

/// One status's response in aide's model.
fn response(doc: StatusDoc) -> Response {
    let mut response = Response {
        description: doc.description.clone(),
        ..Response::default()
    };
    for content in &doc.contents {
        let schema = response_doc::schema_with_members(content, &field_schema);
        let examples = content
            .examples
            .iter()
            .map(|example| {
                let item = Example {
                    summary: Some(example.summary.to_owned()),
                    description: example.description.clone(),
                    value: Some(example.value.clone()),
                    ..Example::default()
                };
                (example.code.to_owned(), ReferenceOr::Item(item))
            })
            .collect();
        let media_type = MediaType {
            schema: Some(schema_object(schema)),
            examples,
            ..MediaType::default()
        };
        response
            .content
            .insert(content.media_type.to_owned(), media_type);
    }
    for (name, schema, description) in doc.headers {
        let header = Header {
            description: description.map(str::to_owned),
            style: HeaderStyle::Simple,
            required: false,
            deprecated: None,
            format: ParameterSchemaOrContent::Schema(schema_object(schema)),
            example: None,
            examples: Default::default(),
            extensions: Default::default(),
        };
        response
            .headers
            .insert(name.to_owned(), ReferenceOr::Item(header));
    }
    response
}

fn schema_object(schema: Value) -> SchemaObject {
    SchemaObject {
        // Every schema here is an object (the envelopes' and generators' schemas).
        json_schema: schemars::Schema::try_from(schema).unwrap_or_default(),
        external_docs: None,
        example: None,
    }
}

/// aide's `inferred_responses` of a set: each status's response.
#[doc(hidden)]
pub fn inferred<S: ErrorSet + ?Sized>() -> Vec<(Option<u16>, Response)> {
    responses_of::<S>()
        .into_iter()
        .map(|(status, response)| (Some(status), response))
        .collect()
}

/// A transform for `aide::axum::routing::get_with` (and the other methods): the operation's
/// error responses (4xx, 5xx) become exactly those of `S`, whatever aide inferred from the
/// handler's return type:
///
/// ```ignore
/// .api_route("/tasks/{id}", get_with(get_task, apierror::aide::only::<GetTaskErrors>))
/// ```
pub fn only<S: ErrorSet + ?Sized>(mut operation: TransformOperation<'_>) -> TransformOperation<'_> {
    let responses = operation
        .inner_mut()
        .responses
        .get_or_insert_with(Default::default);
    responses.responses.retain(|status, _| match status {
        StatusCode::Code(code) => *code < 400,
        StatusCode::Range(range) => *range < 4,
    });
    for (status, response) in responses_of::<S>() {
        responses
            .responses
            .insert(StatusCode::Code(status), ReferenceOr::Item(response));
    }
    operation
}

/// A handler's error that documents only the errors of the set `S` and responds as `E`:
/// `Result<Json<Task>, Listed<GetTaskErrors, TaskError>>`. `?` converts an `E` into it.
pub struct Listed<S: ?Sized, E> {
    error: E,
    set: PhantomData<fn() -> Box<S>>,
}

impl<S: ?Sized, E> Listed<S, E> {
    /// The error inside.
    pub fn into_inner(self) -> E {
        self.error
    }

    /// The error inside, borrowed.
    pub fn error(&self) -> &E {
        &self.error
    }
}

impl<S: ?Sized, E> From<E> for Listed<S, E> {
    fn from(error: E) -> Self {
        Self {
            error,
            set: PhantomData,
        }
    }
}

impl<S: ?Sized, E: fmt::Debug> fmt::Debug for Listed<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Listed").field(&self.error).finish()
    }
}

impl<S: ?Sized, E: fmt::Display> fmt::Display for Listed<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

/// Transparent: the error's own source.
impl<S: ?Sized, E: std::error::Error> std::error::Error for Listed<S, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.source()
    }
}

#[cfg(feature = "axum")]
impl<S: ?Sized, E: axum::response::IntoResponse> axum::response::IntoResponse for Listed<S, E> {
    fn into_response(self) -> axum::response::Response {
        self.error.into_response()
    }
}

impl<S: ErrorSet + ?Sized, E> aide::OperationOutput for Listed<S, E> {
    type Inner = Self;

    fn inferred_responses(_: &mut GenContext, _: &mut Operation) -> Vec<(Option<u16>, Response)> {
        inferred::<S>()
    }
}

/// `Valid<T, R>` and `Garde<T, R>` as aide handler inputs: the wrapped extractor's input (its
/// request body or query parameters) and early responses, then `R`'s responses (422
/// `VALIDATION_FAILED` by default), so a route documents the validation failure it answers
/// with.
#[cfg(feature = "axum")]
macro_rules! validating_input {
    ($feature:literal, $name:ident) => {
        #[cfg(feature = $feature)]
        impl<T: aide::OperationInput, R: ErrorSet> aide::OperationInput
            for crate::validation::$name<T, R>
        {
            fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
                T::operation_input(ctx, operation);
            }

            fn inferred_early_responses(
                ctx: &mut GenContext,
                operation: &mut Operation,
            ) -> Vec<(Option<u16>, Response)> {
                let mut responses = T::inferred_early_responses(ctx, operation);
                responses.extend(inferred::<R>());
                responses
            }
        }
    };
}

#[cfg(feature = "axum")]
validating_input!("validator", Valid);
#[cfg(feature = "axum")]
validating_input!("garde", Garde);
