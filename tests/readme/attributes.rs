//! "Attributes": each attribute's example, in one enum of the shape the README's variants
//! belong to.

use apierror::{ApiError, Context, Format};

#[derive(Debug, thiserror::Error, ApiError)]
#[status(400)]                 // every variant below is a 400 unless it says otherwise
pub enum InputError {
    #[error("missing title")]
    MissingTitle,              // 400
    #[status(413)]
    #[error("too large")]
    TooLarge,                  // 413
}

/// The errors `#[transparent]` wraps.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum AuthError {
    /// No credentials.
    #[status(401)]
    #[code("UNAUTHENTICATED")]
    #[error("no credentials")]
    Unauthenticated,
}

/// The README's variants, each attribute's example.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum Example {
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[error("task missing")]
    NotFound,

    #[status(400)]
    #[message("The `{field}` field must be between {min} and {max} characters")]
    #[error("bad length")]
    InvalidLength { field: String, min: u32, max: u32 },

    #[status(404)]
    #[message("User with ID {0} could not be found")]   // tuple fields by position
    #[error("user missing")]
    UserNotFound(u64),

    #[status(422)]
    #[detail(field = "{field}", reason = "Invalid format", location = "body")]
    #[error("validation failed")]
    Validation {
        field: String,
        #[details]
        more: Vec<apierror::Detail>,   // Detail::new("lastName", "Is required").with_location("body")
    },
    // example: "message":"validation failed","details":[{"field":"field","reason":"Invalid format","location":"body"},{"field":"fieldName","reason":"specific reason","location":"body"}]

    #[status(429)]
    #[message("Rate limit exceeded. Try again in {secs} seconds")]
    #[error("rate limited")]
    RateLimited { #[retry_after] secs: u64 },

    #[status(412)]
    #[code("SYNC_TOKEN_INVALID")]
    #[error("stale sync token")]
    SyncExpired { #[extension("sync")] token: String },
    // Flat: {"code":"SYNC_TOKEN_INVALID","message":"stale sync token","requestId":"…","sync":"de47…"}

    #[status(409)]
    #[message("A user with email {email} already exists")]
    #[error("email taken")]
    EmailTaken { #[example("ada@example.com")] email: String, #[extension("existingId")] existing: u64 },
    // example: {"code":"EMAIL_TAKEN","message":"A user with email ada@example.com already exists",…,"existingId":42}

    #[transparent]
    #[error(transparent)]
    Auth(AuthError),

    #[status(401)]
    #[header("WWW-Authenticate", "Bearer realm=\"{realm}\"")]
    #[error("unauthorized")]
    Unauthorized { realm: String },
}

fn flat(err: &dyn ApiError) -> String {
    let body = apierror::to_json(err, Format::Flat, &Context::default().with_request_id("req-1"));
    String::from_utf8(body).expect("UTF-8")
}

#[test]
fn a_type_level_status_is_the_default() {
    assert_eq!(InputError::MissingTitle.status(), 400);
    assert_eq!(InputError::TooLarge.status(), 413);
    assert_eq!(InputError::MissingTitle.code(), "MISSING_TITLE");
}

#[test]
fn each_attribute_does_what_the_readme_says() {
    assert_eq!(Example::NotFound.code(), "TASK_NOT_FOUND");
    let length = Example::InvalidLength { field: "title".into(), min: 1, max: 80 };
    assert_eq!(length.message(), "The `title` field must be between 1 and 80 characters");
    assert_eq!(Example::UserNotFound(7).message(), "User with ID 7 could not be found");

    let validation = Example::Validation {
        field: "email".into(),
        more: vec![apierror::Detail::new("lastName", "Is required").with_location("body")],
    };
    assert_eq!(
        flat(&validation),
        r#"{"code":"VALIDATION","message":"validation failed","details":[{"field":"email","reason":"Invalid format","location":"body"},{"field":"lastName","reason":"Is required","location":"body"}],"requestId":"req-1"}"#
    );

    // Its example: the `#[error]` text and the static detail (filled with the field's name),
    // then the sample of what `#[details]` adds.
    let spec = Example::catalog().find("VALIDATION").expect("VALIDATION");
    let example: serde_json::Value =
        serde_json::from_slice(&spec.example_json(Format::Flat)).unwrap();
    assert_eq!(example["message"], "validation failed");
    assert_eq!(
        example["details"],
        serde_json::json!([
            {"field": "field", "reason": "Invalid format", "location": "body"},
            {"field": "fieldName", "reason": "specific reason", "location": "body"}
        ])
    );

    let limited = Example::RateLimited { secs: 30 };
    assert_eq!(limited.retry_after(), Some(30));
    let response = apierror::to_response(&limited, Format::Flat, &Context::default());
    assert_eq!(response.headers()["retry-after"], "30");

    let sync = Example::SyncExpired { token: "de47".into() };
    assert_eq!(
        flat(&sync),
        r#"{"code":"SYNC_TOKEN_INVALID","message":"stale sync token","requestId":"req-1","sync":"de47"}"#
    );

    let spec = Example::catalog().find("EMAIL_TAKEN").expect("EMAIL_TAKEN");
    assert_eq!(
        spec.example_message,
        Some("A user with email ada@example.com already exists")
    );
    let taken = Example::EmailTaken { email: "ada@example.com".into(), existing: 42 };
    assert!(flat(&taken).ends_with(r#","existingId":42}"#), "{}", flat(&taken));

    let auth = Example::Auth(AuthError::Unauthenticated);
    assert_eq!(auth.status(), 401);
    assert_eq!(auth.code(), "UNAUTHENTICATED");

    let unauthorized = Example::Unauthorized { realm: "tasks".into() };
    let response = apierror::to_response(&unauthorized, Format::Flat, &Context::default());
    assert_eq!(response.headers()["www-authenticate"], r#"Bearer realm="tasks""#);
}
