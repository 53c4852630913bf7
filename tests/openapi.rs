//! OpenAPI responses through utoipa: unions and per-route lists (`apierror::responses!`),
//! typed extension members, examples with real values valid against their schemas, and both
//! media types.

use apierror::ApiError;
use apierror::catalog::ErrorSet;
use serde_json::{Value, json};
use utoipa::IntoResponses;

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
        #[extension("hint")]
        hint: Option<String>,
    },

    /// The user is not valid.
    #[status(422)]
    #[code("VALIDATION_FAILED")]
    #[message("The user is not valid")]
    #[error("invalid user")]
    Invalid {
        #[details]
        problems: Vec<apierror::Detail>,
    },
}

/// A value without a utoipa schema.
#[derive(Debug, serde::Serialize)]
pub struct Opaque {
    pub inner: u8,
}

/// A value with one.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Quota {
    pub used: u32,
    pub limit: u32,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "problem")]
pub enum QuotaError {
    /// Over quota.
    #[status(429)]
    #[message("Quota of {limit} exceeded")]
    #[error("over quota")]
    OverQuota {
        #[example(100)]
        limit: u32,
        #[extension]
        quota: Quota,
        #[extension]
        opaque: Opaque,
    },
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum Generic<T: std::fmt::Debug + std::fmt::Display + serde::Serialize> {
    #[status(400)]
    #[message("bad {value}")]
    #[error("bad")]
    Bad {
        #[extension]
        value: T,
    },
}

apierror::responses!(
    /// A union: the users API's errors and axum's own.
    pub UserApiErrors = [UserError, apierror::axum::FrameworkErrors]
);

apierror::responses!(
    /// What `GET /users/{id}` returns.
    pub GetUserErrors = [
        UserError::{NotFound, Unauthorized},
        apierror::axum::FrameworkErrors::{"BAD_REQUEST"},
    ]
);

apierror::responses!(pub GenericErrors = [Generic<u64>, QuotaError]);

fn responses<T: IntoResponses>() -> Value {
    serde_json::to_value(T::responses()).unwrap()
}

fn codes<S: ErrorSet>() -> Vec<&'static str> {
    S::errors().iter().map(|spec| spec.code).collect()
}

#[test]
fn a_union_merges_by_status_keeping_every_code_and_example() {
    let doc = responses::<UserApiErrors>();
    let not_found = &doc["404"]["content"]["application/json"];
    assert_eq!(
        not_found["schema"]["properties"]["code"]["enum"],
        json!(["USER_NOT_FOUND", "NOT_FOUND"])
    );
    let examples = not_found["examples"].as_object().unwrap();
    assert_eq!(
        examples.keys().collect::<Vec<_>>(),
        ["NOT_FOUND", "USER_NOT_FOUND"]
    );
    let unprocessable = &doc["422"]["content"]["application/json"]["schema"]["properties"]["code"];
    assert_eq!(
        unprocessable["enum"],
        json!(["VALIDATION_FAILED", "UNPROCESSABLE_ENTITY"])
    );
    // What two separate `responses(...)` entries would give instead: utoipa keeps the last
    // type's 404.
    let mut separate = UserError::responses();
    separate.extend(apierror::axum::FrameworkErrors::responses());
    let separate = serde_json::to_value(separate).unwrap();
    assert_eq!(
        separate["404"]["content"]["application/json"]["schema"]["properties"]["code"]["enum"],
        json!(["NOT_FOUND"])
    );
}

#[test]
fn a_route_list_documents_exactly_its_errors() {
    assert_eq!(
        codes::<GetUserErrors>(),
        ["USER_NOT_FOUND", "UNAUTHORIZED", "BAD_REQUEST"]
    );
    let doc = responses::<GetUserErrors>();
    let statuses: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["400", "401", "404"]);
    assert_eq!(
        doc["404"]["content"]["application/json"]["schema"]["properties"]["code"]["enum"],
        json!(["USER_NOT_FOUND"])
    );
    assert_eq!(UserApiErrors::format(), apierror::Format::Flat);
    assert_eq!(GenericErrors::format(), apierror::Format::Flat);
}

#[test]
fn extension_members_are_typed_and_required_unless_optional() {
    let doc = responses::<UserError>();
    let schema = &doc["409"]["content"]["application/json"]["schema"];
    assert_eq!(
        schema["properties"]["existingId"],
        json!({"type": "integer", "format": "int64", "minimum": 0})
    );
    assert_eq!(schema["properties"]["hint"], json!({"type": "string"}));
    let required = schema["required"].as_array().unwrap();
    assert!(required.contains(&json!("existingId")), "{schema}");
    assert!(!required.contains(&json!("hint")), "{schema}");
    // The problem+json form carries them at its top level too.
    let problem = &doc["409"]["content"]["application/problem+json"]["schema"];
    assert_eq!(problem["properties"]["existingId"]["type"], "integer");
}

/// Flags: one member name of two types at one status, and a float member.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum FlagError {
    /// The flag changed since it was read.
    #[status(409)]
    #[code("FLAG_VERSION_STALE")]
    #[error("stale")]
    Stale {
        #[extension]
        version: u64,
    },
    /// The flag is locked at a named version.
    #[status(409)]
    #[code("FLAG_LOCKED")]
    #[error("locked")]
    Locked {
        #[extension]
        version: String,
    },
    /// The rollout's score is out of range.
    #[status(422)]
    #[code("BAD_SCORE")]
    #[error("bad score")]
    BadScore {
        #[extension]
        score: f64,
    },
}

/// A member two codes of one status give different types is any value there (each code's
/// body must fit the status's schema), and a float member is not required (NaN is written as
/// `null`, which a body leaves out): every real body, and every example, validates.
#[test]
fn a_member_of_two_types_is_any_value_and_a_float_member_is_not_required() {
    let doc = responses::<FlagError>();
    let conflict = &doc["409"]["content"]["application/json"]["schema"];
    assert_eq!(conflict["properties"]["version"], json!({}));
    let float = &doc["422"]["content"]["application/json"]["schema"];
    assert_eq!(float["properties"]["score"]["type"], "number");
    assert!(
        !float["required"]
            .as_array()
            .unwrap()
            .contains(&json!("score")),
        "{float}"
    );
    assert_eq!(examples_valid(&doc), 6);
    let ctx = apierror::Context::default().with_request_id("req-1");
    for (status, err) in [
        ("409", FlagError::Stale { version: 3 }),
        (
            "409",
            FlagError::Locked {
                version: "v12".into(),
            },
        ),
        ("422", FlagError::BadScore { score: f64::NAN }),
        ("422", FlagError::BadScore { score: 0.5 }),
    ] {
        let body: Value =
            serde_json::from_slice(&apierror::to_json(&err, err.format(), &ctx)).unwrap();
        let schema = &doc[status]["content"]["application/json"]["schema"];
        let validator = jsonschema::validator_for(schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{body}: {errors:?}");
    }
}

#[test]
fn a_type_without_a_schema_and_a_generic_field_are_unconstrained() {
    let doc = responses::<GenericErrors>();
    let problem = &doc["429"]["content"]["application/problem+json"];
    assert_eq!(problem["schema"]["properties"]["opaque"], json!({}));
    assert_eq!(
        problem["schema"]["properties"]["quota"]["required"],
        json!(["used", "limit"])
    );
    // A problem type has the one media type, in a union whose format is Flat too: the union
    // sends each error in its own type's format.
    assert_eq!(doc["429"]["content"].as_object().unwrap().len(), 1);
    let alone = responses::<QuotaError>();
    let media_types: Vec<&String> = alone["429"]["content"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(media_types, ["application/problem+json"]);
    let bad = &doc["400"]["content"]["application/json"]["schema"]["properties"]["value"];
    assert_eq!(bad, &json!({}));
}

#[test]
fn examples_show_real_values() {
    let doc = responses::<UserError>();
    let example = &doc["409"]["content"]["application/json"]["examples"]["EMAIL_TAKEN"]["value"];
    assert_eq!(
        example["message"],
        "A user with email ada@example.com already exists"
    );
    assert_eq!(example["existingId"], 42);
    assert_eq!(example["hint"], "example");
    let example =
        &doc["404"]["content"]["application/problem+json"]["examples"]["USER_NOT_FOUND"]["value"];
    assert_eq!(example["detail"], "User 42 does not exist");
    let doc = responses::<QuotaError>();
    let example =
        &doc["429"]["content"]["application/problem+json"]["examples"]["OVER_QUOTA"]["value"];
    assert_eq!(example["detail"], "Quota of 100 exceeded");
    assert_eq!(example["quota"], json!({"used": 42, "limit": 42}));
    assert_eq!(example["opaque"], "opaque");
}

/// Every example of every media type of every response validates against its schema.
#[test]
fn every_example_is_valid_against_its_schema() {
    let documents = [
        responses::<UserError>(),
        responses::<UserApiErrors>(),
        responses::<GetUserErrors>(),
        responses::<GenericErrors>(),
        responses::<apierror::axum::FrameworkErrors>(),
        responses::<apierror::actix::FrameworkErrors>(),
    ];
    let checked: usize = documents.iter().map(examples_valid).sum();
    assert!(checked > 40, "{checked}");
}

/// Asserts every example of `doc` is valid against its media type's schema; how many there are.
fn examples_valid(doc: &Value) -> usize {
    let mut checked = 0;
    for (status, response) in doc.as_object().unwrap() {
        let content = response["content"].as_object().unwrap();
        assert!(!content.is_empty());
        for (media_type, content) in content {
            let validator = jsonschema::validator_for(&content["schema"]).unwrap();
            for (code, example) in content["examples"].as_object().unwrap() {
                let errors: Vec<String> = validator
                    .iter_errors(&example["value"])
                    .map(|error| error.to_string())
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{status} {media_type} {code}: {errors:?}"
                );
                checked += 1;
            }
        }
    }
    checked
}

/// Errors of a Google-format service, beside a Flat type in one union.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "google", domain = "shelves.example.com")]
pub enum ShelfError {
    /// The shelf does not exist.
    #[status(404)]
    #[code("SHELF_NOT_FOUND")]
    #[message("Shelf {shelf} could not be found")]
    #[error("no shelf")]
    NotFound {
        #[example(7)]
        shelf: u64,
    },
    /// The shelf is full.
    #[status(409)]
    #[code("SHELF_FULL")]
    #[message("The shelf is full")]
    #[error("full")]
    Full,
}

apierror::responses!(pub MixedErrors = [UserError, ShelfError, QuotaError]);
apierror::catalog!(MIXED_CATALOG = [UserError, ShelfError, QuotaError]);

/// A union of types of several formats documents each error as the wire sends it, in its own
/// type's format (a union has one format for what has one, `MixedErrors::format()`, but each
/// type renders in its own): a status only one type has takes that type's envelope and media
/// type; a status two formats share is one of their schemas, each example in its own envelope.
#[test]
fn a_union_of_formats_documents_each_error_in_its_own() {
    use apierror::{Context, Format};
    assert_eq!(MixedErrors::format(), Format::Flat);
    let shelf = apierror::to_json(
        &ShelfError::NotFound { shelf: 7 },
        Format::Google,
        &Context::default(),
    );
    let shelf: Value = serde_json::from_slice(&shelf).unwrap();
    for doc in [
        responses::<MixedErrors>(),
        serde_json::to_value(apierror::openapi::responses(MIXED_CATALOG)).unwrap(),
    ] {
        // 409: UserError's EMAIL_TAKEN (Flat) and ShelfError's SHELF_FULL (Google).
        let conflict = &doc["409"]["content"]["application/json"];
        let branches = conflict["schema"]["oneOf"].as_array().unwrap();
        assert_eq!(branches.len(), 2, "{conflict:#}");
        assert_eq!(
            conflict["examples"]["SHELF_FULL"]["value"]["error"]["status"],
            "ABORTED"
        );
        assert_eq!(
            conflict["examples"]["EMAIL_TAKEN"]["value"]["code"],
            "EMAIL_TAKEN"
        );
        // 404: both formats too; the Google example is the body the wire sends.
        let not_found = &doc["404"]["content"]["application/json"];
        assert_eq!(not_found["examples"]["SHELF_NOT_FOUND"]["value"], shelf);
        let user = &not_found["examples"]["USER_NOT_FOUND"]["value"];
        assert_eq!(user["code"], "USER_NOT_FOUND");
        assert!(user.get("error").is_none(), "Flat, not Google: {user}");
        // 429: QuotaError alone, a problem type: problem+json only.
        let quota = doc["429"]["content"].as_object().unwrap();
        assert_eq!(
            quota.keys().collect::<Vec<_>>(),
            ["application/problem+json"]
        );
        // Every error can still be negotiated to problem+json.
        let problem = &doc["409"]["content"]["application/problem+json"]["examples"];
        assert_eq!(problem["SHELF_FULL"]["value"]["code"], "SHELF_FULL");
        // Each example is valid against its media type's schema.
        assert!(examples_valid(&doc) > 5);
    }
    // A single-format type is documented as before: no `oneOf`.
    let alone = responses::<ShelfError>();
    assert!(alone["404"]["content"]["application/json"]["schema"]["oneOf"].is_null());
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum Literals {
    #[status(400)]
    #[message("{a} {b} {c} {d}")]
    #[error("literals")]
    All {
        #[example(-3)]
        a: i32,
        #[example(1.5)]
        b: f64,
        #[example(true)]
        c: bool,
        #[example("say \"hi\"\n")]
        d: String,
    },
}

#[test]
fn the_derive_hands_over_members_and_the_example_message() {
    let spec = UserError::catalog().find("EMAIL_TAKEN").unwrap();
    let fields: Vec<_> = spec
        .fields
        .iter()
        .map(|field| (field.name, field.members, field.example, field.optional))
        .collect();
    assert_eq!(
        fields,
        [
            ("existing", &["existingId"][..], None, false),
            ("hint", &["hint"][..], None, true),
        ]
    );
    assert_eq!(
        spec.example_message,
        Some("A user with email ada@example.com already exists")
    );
    let spec = UserError::catalog().find("VALIDATION_FAILED").unwrap();
    assert!(spec.fields.is_empty());
    assert_eq!(spec.example_message, None, "a message without placeholders");
    let spec = UserError::catalog().find("USER_NOT_FOUND").unwrap();
    assert_eq!(spec.example_message, Some("User 42 does not exist"));
    let spec = Literals::catalog().find("ALL").unwrap();
    assert_eq!(spec.example_message, Some("-3 1.5 true say \"hi\"\n"));
    let doc = responses::<Literals>();
    assert_eq!(
        doc["400"]["content"]["application/json"]["examples"]["ALL"]["value"]["message"],
        "-3 1.5 true say \"hi\"\n"
    );
    // A member's placeholder is filled with the member's example.
    let spec = Generic::<u64>::catalog().find("BAD").unwrap();
    assert_eq!(spec.example_message, Some("bad {value}"));
    let doc = responses::<Generic<u64>>();
    let example = &doc["400"]["content"]["application/json"]["examples"]["BAD"]["value"];
    assert_eq!(example["message"], "bad value");
    assert_eq!(example["value"], "value");
    let spec = QuotaError::catalog().find("OVER_QUOTA").unwrap();
    let examples: Vec<_> = spec.fields.iter().map(|field| field.example).collect();
    assert_eq!(examples, [None, None]);
}

/// French for [`UserError`]: `$id` is selected on as a number (the `[42]` variant matches only
/// a Fluent number), `UNAUTHORIZED` is left untranslated.
const USERS_FR: &str = "\
USER_NOT_FOUND = { $id ->
    [42] L'utilisateur quarante-deux n'existe pas
   *[other] L'utilisateur { $id } n'existe pas
}
EMAIL_TAKEN = Un utilisateur a déjà l'adresse { $email }
VALIDATION_FAILED = L'utilisateur n'est pas valide
";

fn users_translations() -> apierror::locale::Translations {
    apierror::locale::Translations::new("en", UserError::catalog())
        .unwrap()
        .with_ftl("fr", "fr.ftl", USERS_FR)
        .unwrap()
}

/// The description an example of `code` has, in every media type of `status`.
fn descriptions(doc: &Value, status: &str, code: &str) -> Vec<Value> {
    let content = doc[status]["content"].as_object().unwrap();
    assert_eq!(content.len(), 2, "both media types");
    content
        .values()
        .map(|media| media["examples"][code]["description"].clone())
        .collect()
}

/// #23: examples stay in the default language, the translations listed in each example's
/// description, with the example's values in their variables (numbers as Fluent numbers).
#[test]
fn examples_list_their_translations() {
    let translations = users_translations();
    let doc = serde_json::to_value(apierror::openapi::responses_of_with::<UserError>(
        &translations,
    ))
    .unwrap();
    let header = "Other languages (`Accept-Language`; this example is `en`):\n\n";
    for description in descriptions(&doc, "404", "USER_NOT_FOUND") {
        assert_eq!(
            description,
            format!("{header}- `fr`: L'utilisateur quarante-deux n'existe pas")
        );
    }
    for description in descriptions(&doc, "409", "EMAIL_TAKEN") {
        assert_eq!(
            description,
            format!("{header}- `fr`: Un utilisateur a déjà l'adresse ada@example.com")
        );
    }
    for description in descriptions(&doc, "422", "VALIDATION_FAILED") {
        assert_eq!(
            description,
            format!("{header}- `fr`: L'utilisateur n'est pas valide")
        );
    }
    // No translation: no description; the bodies are the default language's, as without.
    for description in descriptions(&doc, "401", "UNAUTHORIZED") {
        assert_eq!(description, Value::Null);
    }
    let plain = responses::<UserError>();
    for status in ["401", "404", "409", "422"] {
        for (media, content) in plain[status]["content"].as_object().unwrap() {
            for (code, example) in content["examples"].as_object().unwrap() {
                let listed = &doc[status]["content"][media]["examples"][code];
                assert_eq!(listed["value"], example["value"], "{status} {media} {code}");
                assert_eq!(listed["summary"], example["summary"]);
            }
        }
    }
}

/// A get-user route documented by `#[utoipa::path(responses(UserError))]`.
#[utoipa::path(get, path = "/users/{id}", responses(UserError))]
#[allow(dead_code)]
fn get_user() {}

#[derive(utoipa::OpenApi)]
#[openapi(paths(get_user))]
struct UsersDoc;

/// `list_translations` gives a whole document's examples (written by the derived
/// `IntoResponses`, which cannot take translations) the descriptions `responses_of_with`
/// gives; a code outside the translations' catalog is left alone.
#[test]
fn a_whole_document_lists_its_translations() {
    use utoipa::OpenApi as _;
    let translations = users_translations();
    let mut document = UsersDoc::openapi();
    apierror::openapi::list_translations(&mut document, &translations);
    let document = serde_json::to_value(&document).unwrap();
    let listed = &document["paths"]["/users/{id}"]["get"]["responses"];
    let direct = serde_json::to_value(apierror::openapi::responses_of_with::<UserError>(
        &translations,
    ))
    .unwrap();
    for status in ["401", "404", "409", "422"] {
        assert_eq!(listed[status], direct[status], "{status}");
    }
    // Translations of another catalog describe nothing here.
    let other = apierror::locale::Translations::new("en", QuotaError::catalog()).unwrap();
    let mut document = UsersDoc::openapi();
    apierror::openapi::list_translations(&mut document, &other);
    assert_eq!(
        serde_json::to_value(&document).unwrap(),
        serde_json::to_value(UsersDoc::openapi()).unwrap()
    );
}

/// A Google-format error's example carries what its body would: `ErrorInfo.metadata` holds the
/// placeholders' values (keys in lowerCamelCase) before the extension members (DESIGN.md §4),
/// and the whole example is the body `to_json` renders for the error with those values.
#[test]
fn a_google_example_is_the_body_of_the_error_with_its_example_values() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(format = "google", domain = "shop.example.com")]
    enum ShopError {
        /// The cart is locked.
        #[status(409)]
        #[code("CART_LOCKED")]
        #[message("Cart {cart_id} is locked by {user_name}")]
        #[error("locked")]
        Locked {
            cart_id: u64,
            user_name: String,
            #[extension("tier")]
            #[example("gold")]
            tier: String,
        },
    }

    let doc = responses::<ShopError>();
    let example = &doc["409"]["content"]["application/json"]["examples"]["CART_LOCKED"]["value"];
    assert_eq!(
        example["error"]["details"][0]["metadata"],
        json!({"cartId": "42", "userName": "user_name", "tier": "gold"})
    );
    let err = ShopError::Locked {
        cart_id: 42,
        user_name: "user_name".into(),
        tier: "gold".into(),
    };
    let body = apierror::to_json(
        &err,
        apierror::Format::Google,
        &apierror::Context::default(),
    );
    assert_eq!(*example, serde_json::from_slice::<Value>(&body).unwrap());
}

/// An error with a `Retry-After` delay shows one delay everywhere in its example: the value its
/// message shows for the `#[retry_after]` field (its `#[example]`, else 42) is the example's
/// `RetryInfo.retryDelay` and metadata too, so the example is the body `to_json` renders.
#[test]
fn a_retry_example_shows_the_delay_its_message_shows() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(format = "google", domain = "shop.example.com")]
    enum Limited {
        /// Too many requests.
        #[status(429)]
        #[message("Retry in {secs} seconds")]
        #[error("limited")]
        Plain {
            #[retry_after]
            secs: u64,
        },
        /// Too many orders.
        #[status(429)]
        #[message("Retry in {secs} seconds")]
        #[error("limited")]
        Given {
            #[retry_after]
            #[example(7)]
            secs: u64,
        },
    }

    let doc = responses::<Limited>();
    let examples = &doc["429"]["content"]["application/json"]["examples"];
    for (code, err) in [
        ("PLAIN", Limited::Plain { secs: 42 }),
        ("GIVEN", Limited::Given { secs: 7 }),
    ] {
        let body = apierror::to_json(
            &err,
            apierror::Format::Google,
            &apierror::Context::default(),
        );
        assert_eq!(
            examples[code]["value"],
            serde_json::from_slice::<Value>(&body).unwrap(),
            "{code}"
        );
    }
    assert_eq!(
        examples["GIVEN"]["value"]["error"]["details"][1]["retryDelay"],
        "7s"
    );
}

/// The body `to_json` renders for `err` in `format`, the example's request id in place of the
/// default context's, for a comparison with an example member by member.
fn body_of<E: ApiError>(err: &E, format: apierror::Format, example: &Value) -> Value {
    let mut body: Value = serde_json::from_slice(&apierror::to_json(
        err,
        format,
        &apierror::Context::default(),
    ))
    .unwrap();
    // The example's context (request id, phrase) is the documents' own: copied over.
    for key in ["requestId", "request_id", "instance", "phrase"] {
        if let (Some(value), Some(object)) = (example.get(key), body.as_object_mut()) {
            object.insert(key.to_owned(), value.clone());
        }
    }
    body
}

/// Static `#[detail(...)]`s are in the example as the body lists them: each as written, a
/// template filled with its field's example (as the message is), in order, then the sample
/// detail only for a variant with a `#[details]` field (whose details follow the static ones).
#[test]
fn static_details_are_the_examples_details() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(format = "simple")]
    enum IssueError {
        /// Validation failed.
        #[status(422)]
        #[message("Validation Failed")]
        #[detail(
            resource = "Issue",
            field = "title",
            code = "missing_field",
            reason = "is missing"
        )]
        #[error("invalid")]
        ValidationFailed,
        /// A field is too long.
        #[status(422)]
        #[code("TOO_LONG")]
        #[detail(
            field = "{field}",
            reason = "longer than {max} characters",
            location = "body"
        )]
        #[detail(reason = "see the limits")]
        #[error("too long")]
        TooLong {
            #[example("title")]
            field: String,
            max: u32,
        },
        /// Several fields are wrong.
        #[status(400)]
        #[code("BAD_FIELDS")]
        #[message("Bad fields")]
        #[detail(field = "body", reason = "is malformed")]
        #[error("bad")]
        BadFields {
            #[details]
            more: Vec<apierror::Detail>,
        },
    }

    let doc = responses::<IssueError>();
    let examples = &doc["422"]["content"]["application/json"]["examples"];
    let example = &examples["VALIDATION_FAILED"]["value"];
    assert_eq!(
        example["errors"],
        json!([{"resource": "Issue", "field": "title", "code": "missing_field", "message": "is missing"}])
    );
    let format = apierror::Format::Simple;
    let err = IssueError::ValidationFailed;
    assert_eq!(*example, body_of(&err, format, example));

    let example = &examples["TOO_LONG"]["value"];
    assert_eq!(
        example["errors"],
        json!([
            // The simple format writes no location.
            {"field": "title", "message": "longer than 42 characters"},
            {"message": "see the limits"}
        ])
    );
    let err = IssueError::TooLong {
        field: "title".into(),
        max: 42,
    };
    assert_eq!(*example, body_of(&err, format, example));

    let example = &doc["400"]["content"]["application/json"]["examples"]["BAD_FIELDS"]["value"];
    let err = IssueError::BadFields {
        more: vec![apierror::Detail::new("fieldName", "specific reason").with_location("body")],
    };
    assert_eq!(*example, body_of(&err, format, example));
    assert_eq!(
        example["errors"],
        json!([
            {"field": "body", "message": "is malformed"},
            {"field": "fieldName", "message": "specific reason"}
        ])
    );

    // The catalog hands them over.
    let spec = IssueError::catalog().find("TOO_LONG").unwrap();
    let first = spec.static_details[0];
    assert_eq!(
        (
            first.field,
            first.reason,
            first.location,
            first.resource,
            first.code
        ),
        (
            Some("title"),
            "longer than 42 characters",
            Some("body"),
            None,
            None
        )
    );
    assert!(!spec.details_field);
    assert!(
        IssueError::catalog()
            .find("BAD_FIELDS")
            .unwrap()
            .details_field
    );
}

/// A 4xx without `#[message]` sends its `Display` text: its example shows thiserror's literal
/// filled with the example values (Problem's `detail` too), where the derive can read it; an
/// `#[error]` with a format spec or format arguments keeps the title; a 5xx the generic
/// sentence.
#[test]
fn a_display_message_is_the_examples_message() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(format = "problem")]
    #[allow(dead_code)]
    enum TaskError {
        /// The task is locked.
        #[status(423)]
        #[error("Task {0} is locked ({1}% done, {{sic}})")]
        Locked(u64, u8),
        /// A task is gone.
        #[status(410)]
        #[error("Task {id} was deleted by {owner}")]
        Gone {
            id: u64,
            #[example("ada")]
            owner: String,
        },
        /// Debug-formatted.
        #[status(400)]
        #[error("Bad id {id:?}")]
        Debugged { id: u64 },
        /// With arguments.
        #[status(400)]
        #[error("Bad id {}", .id)]
        Argued { id: u64 },
        /// Down.
        #[status(503)]
        #[error("database {name} is down")]
        Down { name: String },
    }
    let doc = responses::<TaskError>();
    let problem = |status: &str, code: &str| {
        doc[status]["content"]["application/problem+json"]["examples"][code]["value"].clone()
    };
    let format = apierror::Format::Problem;
    let example = problem("410", "GONE");
    assert_eq!(example["detail"], "Task 42 was deleted by ada");
    let err = TaskError::Gone {
        id: 42,
        owner: "ada".into(),
    };
    assert_eq!(example, body_of(&err, format, &example));
    assert_eq!(
        TaskError::catalog().find("GONE").unwrap().example_message,
        Some("Task 42 was deleted by ada")
    );
    let example = problem("423", "LOCKED");
    assert_eq!(example["detail"], "Task 42 is locked (42% done, {sic})");
    assert_eq!(
        example,
        body_of(&TaskError::Locked(42, 42), format, &example)
    );
    // Unusable literals keep the title; a 5xx shows the generic sentence.
    let examples = &doc["400"]["content"]["application/problem+json"]["examples"];
    assert_eq!(examples["DEBUGGED"]["value"]["detail"], "Debug-formatted.");
    assert_eq!(examples["ARGUED"]["value"]["detail"], "With arguments.");
    let example = problem("503", "DOWN");
    let err = TaskError::Down { name: "db".into() };
    assert_eq!(example, body_of(&err, format, &example));
}

/// In the Google envelope too, the example of a 4xx with a `Display` message and a static
/// detail is the body of the error with its example values (`BadRequest.fieldViolations`,
/// `ErrorInfo` without placeholders: the message is no `#[message]` template).
#[test]
fn a_google_example_with_details_and_a_display_message_is_the_body() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(format = "google", domain = "shop.example.com")]
    enum CartError {
        /// The cart is full.
        #[status(422)]
        #[code("CART_FULL")]
        #[detail(field = "items", reason = "at most {limit} items", code = "TOO_MANY")]
        #[error("Cart {id} is full")]
        Full { id: u64, limit: u32 },
    }
    let doc = responses::<CartError>();
    let example = &doc["422"]["content"]["application/json"]["examples"]["CART_FULL"]["value"];
    assert_eq!(example["error"]["message"], "Cart 42 is full");
    let err = CartError::Full { id: 42, limit: 42 };
    let body = apierror::to_json(
        &err,
        apierror::Format::Google,
        &apierror::Context::default(),
    );
    assert_eq!(*example, serde_json::from_slice::<Value>(&body).unwrap());
}

/// A struct's `#[error("...")]` is its example message as a variant's is.
#[test]
fn a_structs_display_message_is_its_examples_message() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[status(404)]
    #[code("TASK_MISSING")]
    #[error("Task {id} is missing")]
    struct TaskMissing {
        id: u64,
    }
    let spec = TaskMissing::catalog().find("TASK_MISSING").unwrap();
    assert_eq!(spec.example_message, Some("Task 42 is missing"));
    let doc = responses::<TaskMissing>();
    let example = &doc["404"]["content"]["application/json"]["examples"]["TASK_MISSING"]["value"];
    assert_eq!(example["message"], "Task 42 is missing");
}

/// The framework catalog's examples are bodies the layer really sends: a query string that
/// does not parse (400), a body that is not JSON (415), a body without a required field (422),
/// through a real axum router under `ErrorLayer`, compared with the OpenAPI example (the
/// request id aside, which is per response).
#[tokio::test]
async fn the_framework_examples_are_the_layers_bodies() {
    use axum::body::{Body, to_bytes};
    use axum::extract::Query;
    use axum::routing::{get, post};
    use tower::ServiceExt;

    #[derive(serde::Deserialize)]
    struct Page {
        #[allow(dead_code)]
        limit: u32,
    }
    #[derive(serde::Deserialize)]
    struct NewUser {
        #[allow(dead_code)]
        name: String,
    }
    let app = axum::Router::new()
        .route("/users", get(|_: Query<Page>| async { "" }))
        .route("/users", post(|_: axum::Json<NewUser>| async { "" }))
        .layer(apierror::axum::ErrorLayer::new());
    let doc = responses::<apierror::axum::FrameworkErrors>();
    let cases = [
        (
            "400",
            "BAD_REQUEST",
            "GET",
            "/users?limit=abc",
            "application/json",
            "{}",
        ),
        (
            "415",
            "UNSUPPORTED_MEDIA_TYPE",
            "POST",
            "/users",
            "text/plain",
            "{}",
        ),
        (
            "422",
            "UNPROCESSABLE_ENTITY",
            "POST",
            "/users",
            "application/json",
            "{}",
        ),
    ];
    for (status, code, method, uri, content_type, body) in cases {
        let request = http::Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status().as_str(), status, "{code}");
        let bytes = to_bytes(response.into_body(), 1 << 16).await.unwrap();
        let mut sent: Value = serde_json::from_slice(&bytes).unwrap();
        let mut example =
            doc[status]["content"]["application/json"]["examples"][code]["value"].clone();
        for body in [&mut sent, &mut example] {
            body.as_object_mut().unwrap().remove("requestId");
        }
        assert_eq!(sent, example, "{code}");
    }
}

/// Notes: a Nested type, to list beside the framework's errors.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "nested")]
pub enum NoteError {
    /// The note does not exist.
    #[status(404)]
    #[message("No such note")]
    #[error("no note")]
    NotFound,
}

apierror::responses!(pub QuotaApiErrors = [QuotaError, apierror::axum::FrameworkErrors]);
apierror::responses!(pub NoteApiErrors = [NoteError, apierror::axum::FrameworkErrors]);

/// The framework's errors are answered by the layer, in its envelope: `Flat` unless it is
/// given `with_format(..)`. A union led by a type of another format documents them in that
/// format (a layer set up as the service's types are) and in `Flat` (a layer left as it
/// comes): the bodies either layer sends for a body that is not JSON validate against the
/// documented schema of their media type, and every example against its own.
#[tokio::test]
async fn framework_errors_are_documented_in_the_layers_default_envelope_too() {
    use apierror::Format;
    use axum::body::{Body, to_bytes};
    use axum::routing::post;
    use tower::ServiceExt;

    #[derive(serde::Deserialize)]
    struct Note {
        #[allow(dead_code)]
        text: String,
    }
    let problem = responses::<QuotaApiErrors>();
    let nested = responses::<NoteApiErrors>();
    for doc in [&problem, &nested] {
        assert!(examples_valid(doc) > 10);
    }
    // A Problem union: the 415 only the framework has is `application/json` (Flat) too.
    let flat = &problem["415"]["content"]["application/json"]["schema"];
    assert_eq!(
        flat["properties"]["code"]["enum"],
        json!(["UNSUPPORTED_MEDIA_TYPE"])
    );
    assert!(flat["properties"]["requestId"].is_object(), "{flat}");
    // A Nested union: one of the two envelopes.
    let either = &nested["415"]["content"]["application/json"]["schema"];
    assert_eq!(either["oneOf"].as_array().unwrap().len(), 2, "{either}");

    for (doc, format) in [
        (&problem, None),
        (&problem, Some(Format::Problem)),
        (&nested, None),
        (&nested, Some(Format::Nested)),
    ] {
        let layer = match format {
            Some(format) => apierror::axum::ErrorLayer::new().with_format(format),
            None => apierror::axum::ErrorLayer::new(),
        };
        let app = axum::Router::new()
            .route("/notes", post(|_: axum::Json<Note>| async { "" }))
            .layer(layer);
        let request = http::Request::post("/notes")
            .header("content-type", "text/plain")
            .body(Body::from("{}"))
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), 415);
        let media_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        let bytes = to_bytes(response.into_body(), 1 << 16).await.unwrap();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        let schema = &doc["415"]["content"][media_type.as_str()]["schema"];
        let validator = jsonschema::validator_for(schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{format:?} {media_type} {body}: {errors:?}"
        );
    }
}
