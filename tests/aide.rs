//! aide 0.15 (feature `aide`): `OperationOutput` for derived types, `responses!` types and the
//! framework catalogs; per-route lists (`Listed`, `only`); the same document as utoipa's.

#[allow(dead_code)] // the example's `main` and helpers the tests do not call
#[path = "../examples/tasks_api.rs"]
mod service;

#[path = "support/openapi31.rs"]
mod openapi31;

use aide::OperationOutput;
use aide::axum::ApiRouter;
use aide::axum::routing::get_with;
use aide::openapi::{OpenApi, Operation};
use apierror::ApiError;
use apierror::aide::Listed;
use axum::Json;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Errors of a users API.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum UserError {
    /// No user has this id.
    #[status(404)]
    #[code("USER_NOT_FOUND")]
    #[message("User {id} does not exist")]
    #[error("no user {id}")]
    NotFound { id: u64 },

    /// The request carries no credentials.
    #[status(401)]
    #[error("unauthorized")]
    Unauthorized,

    /// Another user has this email.
    #[status(409)]
    #[message("A user with email {email} already exists")]
    #[error("email taken")]
    EmailTaken {
        #[example("ada@example.com")]
        email: String,
        #[extension("existingId")]
        existing: u64,
    },

    /// Too many requests.
    #[status(429)]
    #[error("slow down")]
    RateLimited {
        #[retry_after]
        secs: u64,
    },
}

/// A user.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct User {
    pub id: u64,
}

apierror::responses!(pub UserApiErrors = [UserError, apierror::axum::FrameworkErrors]);
apierror::responses!(
    pub GetUserErrors = [
        UserError::{NotFound, Unauthorized},
        apierror::axum::FrameworkErrors::{"BAD_REQUEST"},
    ]
);

/// Members inside `error.details`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "nested")]
pub enum NestedError {
    /// Taken.
    #[status(409)]
    #[error("taken")]
    Taken {
        #[extension("existingId")]
        existing: u64,
        #[extension]
        note: Option<String>,
    },
}

/// Google's envelope (its schema describes a violation's `localizedMessage`).
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "users.example.com")]
pub enum GoogleError {
    /// The name is not valid.
    #[status(400)]
    #[code("INVALID_NAME")]
    #[message("The name {name} is not valid")]
    #[detail(field = "name", reason = "Must not be empty")]
    #[error("bad name")]
    InvalidName { name: String },
}

apierror::responses!(pub MixedFormats = [UserError, GoogleError, NestedError]);

/// A type whose aide impl is the user's own.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(skip(aide))]
pub enum OwnImpl {
    #[status(400)]
    #[error("bad")]
    Bad,
}

impl OperationOutput for OwnImpl {
    type Inner = Self;
}

/// aide's responses of `T` as JSON, by status.
fn inferred<T: OperationOutput>() -> BTreeMap<String, Value> {
    aide::generate::in_context(|ctx| {
        let mut operation = Operation::default();
        T::inferred_responses(ctx, &mut operation)
            .into_iter()
            .map(|(status, response)| {
                (
                    status.unwrap().to_string(),
                    serde_json::to_value(response).unwrap(),
                )
            })
            .collect()
    })
}

/// utoipa's responses of `T` as JSON, by status.
fn utoipa_of<T: utoipa::IntoResponses>() -> BTreeMap<String, Value> {
    T::responses()
        .into_iter()
        .map(|(status, response)| (status, serde_json::to_value(response).unwrap()))
        .collect()
}

/// A response with what the two generators say differently taken out: each extension
/// member's own schema (schemars and utoipa describe one Rust type differently: `u64` is
/// `"format": "uint64"` to schemars and `"int64"` to utoipa) and aide's `"style": "simple"` on
/// every header (the default, which utoipa leaves out).
fn comparable(mut response: Value, members: &[&str]) -> Value {
    for (_, content) in response["content"].as_object_mut().into_iter().flatten() {
        let schema = &mut content["schema"];
        // Where the formats put members: the body, or Nested's `error.details`.
        let nested = schema
            .pointer_mut("/properties/error/properties/details")
            .is_some();
        let object = if nested {
            schema.pointer_mut("/properties/error/properties/details/properties")
        } else {
            schema.pointer_mut("/properties")
        };
        for (name, property) in object.and_then(Value::as_object_mut).into_iter().flatten() {
            if members.contains(&name.as_str()) {
                *property = json!("<member schema>");
            }
        }
    }
    for (_, header) in response["headers"].as_object_mut().into_iter().flatten() {
        if let Some(header) = header.as_object_mut() {
            header.remove("style");
        }
    }
    response
}

fn assert_same(aide: &BTreeMap<String, Value>, utoipa: &BTreeMap<String, Value>, members: &[&str]) {
    assert_eq!(
        aide.keys().collect::<Vec<_>>(),
        utoipa.keys().collect::<Vec<_>>()
    );
    for (status, response) in aide {
        assert_eq!(
            comparable(response.clone(), members),
            comparable(utoipa[status].clone(), members),
            "status {status}"
        );
    }
}

#[test]
fn a_derived_type_documents_each_status() {
    let responses = inferred::<UserError>();
    assert_eq!(
        responses.keys().collect::<Vec<_>>(),
        ["401", "404", "409", "429"]
    );
    let conflict = &responses["409"];
    assert_eq!(conflict["description"], "Conflict: EMAIL_TAKEN");
    let json = &conflict["content"]["application/json"];
    assert_eq!(
        json["schema"]["properties"]["code"]["enum"],
        json!(["EMAIL_TAKEN"])
    );
    assert_eq!(
        json["schema"]["properties"]["existingId"],
        json!({"type": "integer", "format": "uint64", "minimum": 0})
    );
    let example = &json["examples"]["EMAIL_TAKEN"];
    assert_eq!(example["summary"], "Another user has this email.");
    assert_eq!(
        example["value"]["message"],
        "A user with email ada@example.com already exists"
    );
    assert_eq!(example["value"]["existingId"], 42);
    assert!(conflict["content"]["application/problem+json"].is_object());
    assert!(conflict["headers"]["x-request-id"].is_object());
    assert!(responses["429"]["headers"]["Retry-After"].is_object());
    assert!(conflict["headers"].get("Retry-After").is_none());
}

#[test]
fn aide_and_utoipa_document_a_catalog_alike() {
    assert_same(
        &inferred::<UserError>(),
        &utoipa_of::<UserError>(),
        &["existingId"],
    );
    assert_same(
        &inferred::<UserApiErrors>(),
        &utoipa_of::<UserApiErrors>(),
        &["existingId"],
    );
    assert_same(
        &inferred::<NestedError>(),
        &utoipa_of::<NestedError>(),
        &["existingId", "note"],
    );
    let nested = &inferred::<NestedError>()["409"]["content"]["application/json"]["schema"];
    assert_eq!(
        nested.pointer("/properties/error/properties/details/required"),
        Some(&json!(["existingId"]))
    );
    // A union of formats: each error in its own type's, alike in both.
    let mixed = inferred::<MixedFormats>();
    assert_same(
        &mixed,
        &utoipa_of::<MixedFormats>(),
        &["existingId", "note"],
    );
    let invalid = &mixed["400"]["content"]["application/json"]["examples"]["INVALID_NAME"];
    assert_eq!(invalid["value"]["error"]["status"], "INVALID_ARGUMENT");
    let conflict = &mixed["409"]["content"]["application/json"]["schema"]["oneOf"];
    assert_eq!(conflict.as_array().map(Vec::len), Some(2), "{conflict:#}");
    // Every keyword of the envelope's schema, descriptions included.
    assert_same(&inferred::<GoogleError>(), &utoipa_of::<GoogleError>(), &[]);
    let google = &utoipa_of::<GoogleError>()["400"]["content"]["application/json"]["schema"];
    assert!(
        google
            .pointer("/properties/error/properties/details/items/oneOf/1/properties/fieldViolations/items/properties/localizedMessage/description")
            .is_some(),
        "{google:#}"
    );
    assert_same(
        &inferred::<apierror::axum::FrameworkErrors>(),
        &utoipa_of::<apierror::axum::FrameworkErrors>(),
        &[],
    );
    assert_same(
        &inferred::<service::TaskError>(),
        &utoipa_of::<service::TaskError>(),
        &["existingId", "currentVersion"],
    );
    // How the members differ: schemars' `uint64` against utoipa's `int64`.
    let utoipa = &utoipa_of::<UserError>()["409"]["content"]["application/json"]["schema"];
    assert_eq!(
        utoipa["properties"]["existingId"],
        json!({"type": "integer", "format": "int64", "minimum": 0})
    );
}

#[test]
fn every_aide_example_is_valid_against_its_schema() {
    let mut checked = 0;
    for responses in [
        inferred::<UserApiErrors>(),
        inferred::<service::TaskError>(),
        inferred::<apierror::actix::FrameworkErrors>(),
        inferred::<MixedFormats>(),
    ] {
        for (status, response) in responses {
            for (media_type, content) in response["content"].as_object().unwrap() {
                let validator = jsonschema::validator_for(&content["schema"]).unwrap();
                for (code, example) in content["examples"].as_object().unwrap() {
                    assert!(
                        validator.is_valid(&example["value"]),
                        "{status} {media_type} {code}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 30, "{checked}");
}

/// As utoipa's (tests/openapi.rs): a member two codes of one status give different types is
/// any value, a float member is not required.
#[test]
fn a_member_of_two_types_is_any_value_and_a_float_member_is_not_required() {
    #[allow(dead_code)] // documented, not sent
    #[derive(Debug, thiserror::Error, ApiError)]
    enum FlagError {
        #[status(409)]
        #[error("stale")]
        Stale {
            #[extension]
            version: u64,
        },
        #[status(409)]
        #[error("locked")]
        Locked {
            #[extension]
            version: String,
        },
        #[status(422)]
        #[error("bad score")]
        BadScore {
            #[extension]
            score: f64,
        },
    }
    let doc = inferred::<FlagError>();
    let conflict = &doc["409"]["content"]["application/json"]["schema"];
    assert_eq!(conflict["properties"]["version"], serde_json::json!({}));
    let float = &doc["422"]["content"]["application/json"]["schema"];
    assert_eq!(float["properties"]["score"]["type"], "number");
    assert!(
        !float["required"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("score"))
    );
}

#[test]
fn skip_aide_leaves_the_impl_to_the_user() {
    assert!(inferred::<OwnImpl>().is_empty());
}

async fn get_user() -> Result<Json<User>, UserError> {
    Err(UserError::NotFound { id: 7 })
}

async fn get_user_listed() -> Result<Json<User>, Listed<GetUserErrors, UserError>> {
    Err(UserError::NotFound { id: 7 })?
}

/// The statuses `path`'s GET documents in a router built with `router`.
fn statuses(api: &OpenApi, path: &str) -> Vec<String> {
    let document = serde_json::to_value(api).unwrap();
    document["paths"][path]["get"]["responses"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_route_documents_only_its_listed_errors() {
    let mut api = OpenApi::default();
    let app: axum::Router = ApiRouter::new()
        .api_route("/all", get_with(get_user, |op| op))
        .api_route(
            "/only",
            get_with(get_user, apierror::aide::only::<GetUserErrors>),
        )
        .api_route("/listed", get_with(get_user_listed, |op| op))
        .finish_api(&mut api)
        .layer(apierror::axum::ErrorLayer::new());
    assert_eq!(statuses(&api, "/all"), ["200", "401", "404", "409", "429"]);
    assert_eq!(statuses(&api, "/only"), ["200", "400", "401", "404"]);
    assert_eq!(statuses(&api, "/listed"), ["200", "400", "401", "404"]);
    let document = serde_json::to_value(&api).unwrap();
    assert_eq!(
        document["paths"]["/only"]["get"]["responses"]["404"],
        document["paths"]["/listed"]["get"]["responses"]["404"]
    );

    // `Listed` responds as the error inside.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let response = reqwest::get(format!("http://{addr}/listed")).await.unwrap();
    assert_eq!(response.status(), 404);
    let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["code"], "USER_NOT_FOUND");
    assert_eq!(body["message"], "User 7 does not exist");
}

/// The example service's routes in aide: an aide document with each route's operation made
/// by `only::<ItsList>`, valid OpenAPI 3.1, whose error responses are, route by route, those
/// of the service's utoipa document.
#[test]
fn the_example_services_routes_in_aide() {
    use aide::openapi::{Info, PathItem, ReferenceOr};
    use aide::transform::TransformOperation;
    use apierror::aide::only;
    fn operation(transform: fn(TransformOperation<'_>) -> TransformOperation<'_>) -> Operation {
        let mut operation = Operation::default();
        let _ = transform(TransformOperation::new(&mut operation));
        operation
    }
    let mut api = OpenApi {
        info: Info {
            title: "Tasks API".into(),
            version: "1.0.0".into(),
            ..Info::default()
        },
        ..OpenApi::default()
    };
    let paths = api.paths.get_or_insert_with(Default::default);
    paths.paths.insert(
        "/tasks".into(),
        ReferenceOr::Item(PathItem {
            get: Some(operation(only::<service::ListTasksErrors>)),
            post: Some(operation(only::<service::CreateTaskErrors>)),
            ..PathItem::default()
        }),
    );
    paths.paths.insert(
        "/tasks/{id}".into(),
        ReferenceOr::Item(PathItem {
            get: Some(operation(only::<service::GetTaskErrors>)),
            put: Some(operation(only::<service::ReplaceTaskErrors>)),
            delete: Some(operation(only::<service::DeleteTaskErrors>)),
            parameters: vec![ReferenceOr::Item(
                serde_json::from_value(json!({
                    "name": "id", "in": "path", "required": true,
                    "schema": {"type": "integer", "minimum": 0},
                }))
                .unwrap(),
            )],
            ..PathItem::default()
        }),
    );
    let aide_document = serde_json::to_value(&api).unwrap();
    assert_eq!(aide_document["openapi"], "3.1.0");
    openapi31::validate_openapi_31(&aide_document);
    use utoipa::OpenApi as _;
    let utoipa_document = serde_json::to_value(service::ApiDoc::openapi()).unwrap();
    let mut routes = 0;
    for (path, operations) in utoipa_document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let errors = |document: &Value| -> BTreeMap<String, Value> {
                document["paths"][path][method]["responses"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .filter(|(status, _)| !status.starts_with('2'))
                    .map(|(status, response)| (status.clone(), response.clone()))
                    .collect()
            };
            assert!(operation.is_object());
            let aide_errors = errors(&aide_document);
            assert!(!aide_errors.is_empty(), "{method} {path}");
            assert_same(
                &aide_errors,
                &errors(&utoipa_document),
                &["existingId", "currentVersion"],
            );
            routes += 1;
        }
    }
    assert_eq!(routes, 5);
}

/// #23 in aide: each example's description lists the translations, as utoipa's does
/// (`responses_of_with`), and `list_translations` gives a finished document's inferred
/// responses the same.
#[test]
fn aide_examples_list_their_translations() {
    let translations = apierror::locale::Translations::new("en", UserError::catalog())
        .unwrap()
        .with_ftl(
            "fr",
            "fr.ftl",
            "USER_NOT_FOUND = L'utilisateur { $id } n'existe pas\n",
        )
        .unwrap();
    let expected = "Other languages (`Accept-Language`; this example is `en`):\n\n\
                    - `fr`: L'utilisateur 42 n'existe pas";
    let direct: BTreeMap<u16, Value> =
        apierror::aide::responses_of_with::<UserError>(&translations)
            .into_iter()
            .map(|(status, response)| (status, serde_json::to_value(response).unwrap()))
            .collect();
    for media in ["application/json", "application/problem+json"] {
        let examples = &direct[&404]["content"][media]["examples"];
        assert_eq!(examples["USER_NOT_FOUND"]["description"], expected);
        let examples = &direct[&401]["content"][media]["examples"];
        assert_eq!(examples["UNAUTHORIZED"].get("description"), None);
    }

    let mut api = OpenApi::default();
    let _app: axum::Router = ApiRouter::new()
        .api_route("/all", get_with(get_user, |op| op))
        .finish_api(&mut api);
    apierror::aide::list_translations(&mut api, &translations);
    let document = serde_json::to_value(&api).unwrap();
    let responses = &document["paths"]["/all"]["get"]["responses"];
    for status in [401, 404, 409, 429] {
        assert_eq!(responses[status.to_string()], direct[&status], "{status}");
    }
}

/// The OpenAPI 3.1 check the document tests rely on (`support/openapi31.rs`, vendored schemas)
/// finds each kind of mistake it claims to, and passes a minimal valid document.
#[test]
fn the_openapi_check_finds_each_kind_of_mistake() {
    let valid = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/tasks/{id}": {"get": {
            "operationId": "getTask",
            "parameters": [{"$ref": "#/components/parameters/Id"}],
            "responses": {"404": {
                "description": "not found",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }},
        }}},
        "components": {
            "parameters": {"Id": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}},
            "schemas": {"Error": {"type": "object", "properties": {"code": {"type": "string"}}}},
        },
    });
    assert_eq!(openapi31::problems(&valid), Vec::<String>::new());
    let broken = |change: &dyn Fn(&mut Value)| {
        let mut document = valid.clone();
        change(&mut document);
        openapi31::problems(&document).join("\n")
    };
    let problems = broken(&|doc| {
        doc.as_object_mut().unwrap().remove("info");
    });
    assert!(problems.contains("OAS 3.1 schema"), "{problems}");
    let problems = broken(&|doc| {
        doc["paths"]["/tasks/{id}"]["get"]["responses"]["404"]["content"]["application/json"]["schema"]
            ["$ref"] = json!("#/components/schemas/Gone")
    });
    assert!(
        problems.contains("\"#/components/schemas/Gone\" resolves to nothing"),
        "{problems}"
    );
    let problems = broken(&|doc| doc["components"]["schemas"]["Error"]["type"] = json!(5));
    assert!(problems.contains("not a 2020-12 schema"), "{problems}");
    let problems =
        broken(&|doc| doc["components"]["schemas"]["Error"]["pattern"] = json!("(unclosed"));
    assert!(problems.contains("does not compile"), "{problems}");
    let problems = broken(&|doc| {
        let get = doc["paths"]["/tasks/{id}"]["get"].clone();
        doc["paths"]["/tasks/{id}"]["delete"] = get;
    });
    assert!(
        problems.contains("operationId \"getTask\" is used twice"),
        "{problems}"
    );
    let problems = broken(&|doc| {
        doc["paths"]["/tasks/{id}"]["get"]["parameters"] = json!([]);
    });
    assert!(
        problems.contains("path parameter \"id\" is not declared"),
        "{problems}"
    );
}

/// aide shows the examples utoipa does: a 4xx's `#[error]` literal as the message, the static
/// details as the body lists them, an extension member's placeholder in a detail filled with
/// the member's example (the schema's 42 for a `u64`), as the body of that error has it.
#[test]
fn aide_examples_are_the_body_of_the_error() {
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api_error(format = "flat")]
    enum Taken {
        /// The email is taken.
        #[status(409)]
        #[detail(field = "email", reason = "used by user {existing}", code = "taken")]
        #[error("{email} is taken")]
        Email {
            #[example("ada@example.com")]
            email: String,
            #[extension("existingId")]
            existing: u64,
        },
    }
    let responses = inferred::<Taken>();
    let example = &responses["409"]["content"]["application/json"]["examples"]["EMAIL"]["value"];
    assert_eq!(example["message"], "ada@example.com is taken");
    assert_eq!(
        example["details"],
        // Flat writes no detail code.
        json!([{"field": "email", "reason": "used by user 42"}])
    );
    let err = Taken::Email {
        email: "ada@example.com".into(),
        existing: 42,
    };
    let mut body: Value = serde_json::from_slice(&apierror::to_json(
        &err,
        apierror::Format::Flat,
        &apierror::Context::default(),
    ))
    .unwrap();
    body["requestId"] = example["requestId"].clone();
    assert_eq!(*example, body);
    assert_same(&responses, &utoipa_of::<Taken>(), &["existingId"]);
}

/// A sign-up form, validated with validator and with garde.
#[derive(serde::Deserialize, schemars::JsonSchema, validator::Validate, garde::Validate)]
struct Signup {
    #[validate(length(min = 3))]
    #[garde(length(min = 3))]
    name: String,
}

async fn signup_valid(
    apierror::axum::Valid(Json(form), _): apierror::axum::Valid<Json<Signup>>,
) -> String {
    form.name
}

async fn signup_garde(
    apierror::axum::Garde(Json(form), _): apierror::axum::Garde<Json<Signup>>,
) -> String {
    form.name
}

/// `Valid<..>` and `Garde<..>` are aide inputs: the route documents the wrapped extractor's
/// request body and the 422 `VALIDATION_FAILED` the validation answers with, and a request
/// that fails validation gets that 422 through the router aide built.
#[tokio::test]
async fn validating_extractors_are_aide_inputs() {
    use aide::axum::routing::post;
    let mut api = OpenApi::default();
    let app: axum::Router = ApiRouter::new()
        .api_route("/valid", post(signup_valid))
        .api_route("/garde", post(signup_garde))
        .finish_api(&mut api)
        .layer(apierror::axum::ErrorLayer::new());
    let document = serde_json::to_value(&api).unwrap();
    for path in ["/valid", "/garde"] {
        let operation = &document["paths"][path]["post"];
        assert!(
            operation["requestBody"]["content"]["application/json"]["schema"].is_object(),
            "{path}: {operation}"
        );
        assert_eq!(
            operation["responses"]["422"]["content"]["application/json"]["schema"]["properties"]["code"]
                ["enum"],
            json!(["VALIDATION_FAILED"]),
            "{path}: {operation}"
        );
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    for path in ["/valid", "/garde"] {
        let response = reqwest::Client::new()
            .post(format!("http://{addr}{path}"))
            .header("content-type", "application/json")
            .body(r#"{"name":"ab"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "{path}");
        let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        assert_eq!(body["code"], "VALIDATION_FAILED", "{path}");
    }
}
