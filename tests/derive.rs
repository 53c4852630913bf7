//! The derive on the README's example enum (ARCHITECTURE.md: tests) and on the shapes a user may write: what each
//! `ApiError` method returns.

use apierror::{ApiError, Catalog, Detail, Format};
use http::StatusCode;
use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

/// Authentication errors.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs_url = "https://auth.example.com/errors/{code}")]
pub enum AuthError {
    /// The token is missing.
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[message("Authentication is required to access this resource")]
    #[header("WWW-Authenticate", "Bearer realm=\"tasks\"")]
    #[error("no token")]
    Missing,

    /// The token has expired.
    #[status(401)]
    #[code("EXPIRED_TOKEN")]
    #[message("The authentication token has expired")]
    #[header(
        "WWW-Authenticate",
        "Bearer error=\"invalid_token\", scope=\"{scope}\""
    )]
    #[error("expired")]
    Expired { scope: String },
}

/// Errors of the tasks API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    format = "flat",
    docs_url = "https://api.example.com/errors#{code}",
    domain = "tasks.example.com"
)]
pub enum TaskError {
    /// The requested task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task with ID {id} could not be found")]
    #[error("task {id} missing from store")]
    NotFound { id: u64 },

    /// A field value is invalid.
    #[status(400)]
    #[code("INVALID_FIELD")]
    #[message("The field `{field}` must be a valid email address")]
    #[detail(field = "{field}", reason = "Invalid format", location = "body")]
    #[error("bad email in {field}")]
    InvalidField { field: String },

    /// Too many requests.
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[message("Rate limit exceeded. Try again in {secs} seconds")]
    #[error("rate limited")]
    RateLimited {
        #[retry_after]
        secs: u64,
    },

    /// The sync token is missing or expired.
    #[status(412)]
    #[code("SYNC_TOKEN_INVALID")]
    #[error("stale sync token")]
    SyncExpired {
        #[extension("sync")]
        token: String,
    },

    /// Several fields failed validation.
    #[status(422)]
    #[error("validation failed")]
    Validation {
        #[details]
        problems: Vec<Detail>,
    },

    /// Unexpected failure; the cause is logged, never sent.
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[error("database: {0}")]
    Database(#[source] std::io::Error),

    /// Authentication errors, documented and rendered by `AuthError` itself.
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
}

fn extensions_of(err: &dyn ApiError) -> Vec<(String, String)> {
    let mut out = Vec::new();
    err.extensions(&mut |name, value| {
        let mut json = Vec::new();
        value.write_json(&mut json).unwrap();
        out.push((name.to_owned(), String::from_utf8(json).unwrap()));
    });
    out
}

#[test]
fn status_code_and_message_of_each_variant() {
    let cases: Vec<(TaskError, u16, &str, &str)> = vec![
        (
            TaskError::NotFound { id: 456 },
            404,
            "TASK_NOT_FOUND",
            "Task with ID 456 could not be found",
        ),
        (
            TaskError::InvalidField {
                field: "contactEmail".into(),
            },
            400,
            "INVALID_FIELD",
            "The field `contactEmail` must be a valid email address",
        ),
        (
            TaskError::RateLimited { secs: 30 },
            429,
            "RATE_LIMIT_EXCEEDED",
            "Rate limit exceeded. Try again in 30 seconds",
        ),
        (
            TaskError::SyncExpired { token: "t".into() },
            412,
            "SYNC_TOKEN_INVALID",
            "stale sync token",
        ),
        (
            TaskError::Validation { problems: vec![] },
            422,
            "VALIDATION",
            "validation failed",
        ),
        (
            TaskError::Database(std::io::Error::other("connection refused")),
            500,
            "SERVER_ERROR",
            "An unexpected error occurred. Please try again later.",
        ),
        (
            TaskError::Auth(AuthError::Missing),
            401,
            "UNAUTHORIZED",
            "Authentication is required to access this resource",
        ),
    ];
    for (err, status, code, message) in cases {
        assert_eq!(err.status().as_u16(), status, "{err:?}");
        assert_eq!(err.code(), code, "{err:?}");
        assert_eq!(err.message(), message, "{err:?}");
    }
}

#[test]
fn static_messages_are_borrowed() {
    assert!(matches!(
        TaskError::Auth(AuthError::Missing).message(),
        Cow::Borrowed(_)
    ));
    assert!(matches!(
        TaskError::Database(std::io::Error::other("x")).message(),
        Cow::Borrowed(_)
    ));
}

#[test]
fn details_static_templated_and_from_a_field() {
    let err = TaskError::InvalidField {
        field: "contactEmail".into(),
    };
    assert_eq!(
        err.details().into_owned(),
        vec![Detail::new("contactEmail", "Invalid format").with_location("body")]
    );

    let problems = vec![
        Detail::new("lastName", "Is required").with_location("body"),
        Detail::reason_only("Too many fields"),
    ];
    let err = TaskError::Validation {
        problems: problems.clone(),
    };
    let details = err.details();
    assert!(
        matches!(details, Cow::Borrowed(_)),
        "borrowed from the field"
    );
    assert_eq!(details.into_owned(), problems);

    assert!(TaskError::NotFound { id: 1 }.details().is_empty());
}

#[test]
fn retry_after_headers_docs_url_format_domain() {
    assert_eq!(TaskError::RateLimited { secs: 30 }.retry_after(), Some(30));
    assert_eq!(TaskError::NotFound { id: 1 }.retry_after(), None);

    let err = TaskError::NotFound { id: 1 };
    assert_eq!(
        err.docs_url().as_deref(),
        Some("https://api.example.com/errors#TASK_NOT_FOUND")
    );
    assert_eq!(err.format(), Format::Flat);
    assert_eq!(err.domain(), Some("tasks.example.com"));
    assert!(err.headers().is_empty());

    // A transparent variant takes everything from the wrapped error...
    let err = TaskError::Auth(AuthError::Expired {
        scope: "tasks:write".into(),
    });
    assert_eq!(
        err.docs_url().as_deref(),
        Some("https://auth.example.com/errors/EXPIRED_TOKEN")
    );
    let headers = err.headers();
    assert_eq!(
        headers.get("www-authenticate").unwrap(),
        "Bearer error=\"invalid_token\", scope=\"tasks:write\""
    );
    // ...but the domain falls back to the service's own.
    assert_eq!(err.domain(), Some("tasks.example.com"));
    assert_eq!(AuthError::Missing.domain(), None);
    assert_eq!(
        AuthError::Missing
            .headers()
            .get("www-authenticate")
            .unwrap(),
        "Bearer realm=\"tasks\""
    );
}

#[test]
fn header_values_that_are_not_header_text_are_dropped() {
    for scope in ["evil\r\nSet-Cookie: a=b", "nul\0", "caf\u{e9}", "del\u{7f}"] {
        let err = AuthError::Expired {
            scope: scope.into(),
        };
        assert!(err.headers().get("www-authenticate").is_none(), "{scope:?}");
    }
}

#[test]
fn extensions_in_field_order() {
    let err = TaskError::SyncExpired {
        token: "de4774f6915eae04714ca93bb2f5ee81".into(),
    };
    assert_eq!(
        extensions_of(&err),
        vec![(
            "sync".to_owned(),
            "\"de4774f6915eae04714ca93bb2f5ee81\"".to_owned()
        )]
    );
    assert!(extensions_of(&TaskError::NotFound { id: 1 }).is_empty());
}

#[test]
fn catalog_lists_own_and_transparent_entries_in_order() {
    let catalog = TaskError::catalog();
    let codes: Vec<&str> = catalog.iter().map(|spec| spec.code).collect();
    assert_eq!(
        codes,
        [
            "TASK_NOT_FOUND",
            "INVALID_FIELD",
            "RATE_LIMIT_EXCEEDED",
            "SYNC_TOKEN_INVALID",
            "VALIDATION",
            "SERVER_ERROR",
            "UNAUTHORIZED",
            "EXPIRED_TOKEN"
        ]
    );
    assert_eq!(catalog.len(), 8);
    assert!(
        catalog.name().ends_with("derive::TaskError"),
        "{}",
        catalog.name()
    );

    let spec = catalog.find("TASK_NOT_FOUND").unwrap();
    assert_eq!(spec.status, 404);
    assert_eq!(spec.title, "The requested task does not exist.");
    assert_eq!(spec.description, "The requested task does not exist.");
    assert_eq!(
        spec.message_template,
        Some("Task with ID {id} could not be found")
    );
    assert_eq!(spec.variant, "NotFound");
    assert!(spec.defined_in.ends_with("::TaskError"));

    let spec = catalog.find("SERVER_ERROR").unwrap();
    assert_eq!(spec.message_template, Some(apierror::message::INTERNAL));
    let spec = catalog.find("SYNC_TOKEN_INVALID").unwrap();
    assert_eq!(
        spec.message_template, None,
        "Display text is not a template"
    );
    assert_eq!(spec.extensions, ["sync"]);
    assert!(catalog.find("RATE_LIMIT_EXCEEDED").unwrap().retry_after);
    assert!(catalog.find("VALIDATION").unwrap().has_details);
    let spec = catalog.find("EXPIRED_TOKEN").unwrap();
    assert!(spec.defined_in.ends_with("::AuthError"));
    assert_eq!(spec.headers, ["WWW-Authenticate"]);
    assert!(catalog.find("NOPE").is_none());
}

// ----- defaults and safety ---------------------------------------------------------------------

/// A 5xx `Display` that must never reach a client.
#[derive(Debug, ApiError)]
#[status(503)]
enum Outage {
    Maintenance {
        secret: String,
    },
    #[status(502)]
    Upstream,
    #[status(504)]
    Timeout,
    #[status(501)]
    NotImplemented,
    #[status(507)]
    Storage,
    #[status(418)]
    Teapot {
        secret: String,
    },
}

impl fmt::Display for Outage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outage::Maintenance { secret } | Outage::Teapot { secret } => {
                write!(f, "internal detail {secret}")
            }
            _ => f.write_str("internal detail"),
        }
    }
}

impl std::error::Error for Outage {}

#[test]
fn five_hundreds_never_show_their_display_text() {
    let unavailable = "The service is temporarily unavailable. Please try again later.";
    let internal = "An unexpected error occurred. Please try again later.";
    let cases = [
        (
            Outage::Maintenance {
                secret: "pw".into(),
            },
            503,
            unavailable,
        ),
        (Outage::Upstream, 502, unavailable),
        (Outage::Timeout, 504, unavailable),
        (Outage::NotImplemented, 501, internal),
        (Outage::Storage, 507, internal),
    ];
    for (err, status, message) in cases {
        assert_eq!(err.status().as_u16(), status);
        assert_eq!(err.message(), message);
        assert!(!err.message().contains("internal"));
    }
    // A 4xx without `#[message]` shows its Display text.
    let teapot = Outage::Teapot {
        secret: "visible".into(),
    };
    assert_eq!(teapot.status().as_u16(), 418);
    assert_eq!(teapot.message(), "internal detail visible");
}

/// A `Display` that fails, inside a message template and as the 4xx default.
struct Faulty;

impl fmt::Display for Faulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("half-written")?;
        Err(fmt::Error)
    }
}

impl fmt::Debug for Faulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Faulty")
    }
}

#[derive(Debug, ApiError)]
enum FaultyError {
    #[status(400)]
    #[message("before [{0}] after")]
    InTemplate(Faulty),
    #[status(400)]
    AsDisplay(Faulty),
}

impl fmt::Display for FaultyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultyError::InTemplate(inner) | FaultyError::AsDisplay(inner) => inner.fmt(f),
        }
    }
}

impl std::error::Error for FaultyError {}

#[test]
fn a_failing_display_is_left_out_not_a_panic() {
    assert_eq!(FaultyError::InTemplate(Faulty).message(), "before [] after");
    assert_eq!(FaultyError::AsDisplay(Faulty).message(), "");
}

// ----- message templates: every kind of value, escaping, braces ---------------------------------

/// A value written through its `Display` impl (no fast path).
#[derive(Debug)]
struct Point(i32, i32);

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.0, self.1)
    }
}

#[derive(Debug, thiserror::Error, ApiError)]
#[status(400)]
enum Templates {
    #[message(
        "{small} {signed} {wide} {size} {offset} {huge} {owned} {borrowed} {cow} {point} {flag} {ratio} {letter}"
    )]
    #[error("kinds")]
    Kinds {
        small: u8,
        signed: i64,
        wide: i128,
        size: usize,
        offset: isize,
        huge: u128,
        owned: String,
        borrowed: &'static str,
        cow: Cow<'static, str>,
        point: Point,
        flag: bool,
        ratio: f64,
        letter: char,
    },
    #[message("Say \"{0}\"\n\tthen\\ stop </b> \u{1f} é")]
    #[error("escaped")]
    Escaped(String),
    #[message("{id}, again {id}")]
    #[error("twice")]
    Twice { id: u32 },
    #[message("{{static}} braces")]
    #[error("static braces")]
    StaticBraces,
    #[message("{{{0}}} in braces }}")]
    #[error("value in braces")]
    ValueInBraces(i8),
}

/// The `message` member of `err`'s Flat body, as the exact bytes of its JSON string.
fn message_json_of(err: &Templates) -> String {
    let body = String::from_utf8(apierror::to_json(
        err,
        Format::Flat,
        &apierror::Context::default().with_request_id("r"),
    ))
    .unwrap();
    let start = body.find(",\"message\":").unwrap() + ",\"message\":".len();
    let end = body.find(",\"requestId\"").unwrap();
    body[start..end].to_owned()
}

#[test]
fn templates_write_every_kind_of_value_and_escape_like_serde_json() {
    let cases = [
        (
            Templates::Kinds {
                small: 255,
                signed: i64::MIN,
                wide: i128::MIN,
                size: usize::MAX,
                offset: isize::MIN,
                huge: u128::MAX,
                owned: "own\"ed".into(),
                borrowed: "bor\\rowed",
                cow: Cow::Borrowed("c\now"),
                point: Point(-1, 2),
                flag: true,
                ratio: 0.5,
                letter: '\u{7}',
            },
            format!(
                "255 {} {} {} {} {} own\"ed bor\\rowed c\now (-1, 2) true 0.5 \u{7}",
                i64::MIN,
                i128::MIN,
                usize::MAX,
                isize::MIN,
                u128::MAX
            ),
        ),
        (
            Templates::Escaped("a\"b\u{2028}".into()),
            "Say \"a\"b\u{2028}\"\n\tthen\\ stop </b> \u{1f} é".to_owned(),
        ),
        (Templates::Twice { id: 9 }, "9, again 9".to_owned()),
        (Templates::StaticBraces, "{static} braces".to_owned()),
        (Templates::ValueInBraces(-3), "{-3} in braces }".to_owned()),
    ];
    for (err, expected) in cases {
        assert_eq!(err.message(), expected);
        assert_eq!(
            message_json_of(&err),
            serde_json::to_string(&expected).unwrap(),
            "{expected}"
        );
    }
}

// ----- shapes: structs, tuple variants, generics, defaults ---------------------------------------

/// The order was already shipped.
#[derive(Debug, thiserror::Error, ApiError)]
#[status(409)]
#[message("Order {order} has already shipped")]
#[error("order {order} shipped")]
pub struct AlreadyShipped {
    order: String,
}

#[test]
fn a_struct_is_one_error_with_a_default_code() {
    let err = AlreadyShipped {
        order: "A-1".into(),
    };
    assert_eq!(err.status(), StatusCode::CONFLICT);
    assert_eq!(err.code(), "ALREADY_SHIPPED");
    assert_eq!(err.message(), "Order A-1 has already shipped");
    let catalog = AlreadyShipped::catalog();
    assert_eq!(catalog.len(), 1);
    assert_eq!(
        catalog.find("ALREADY_SHIPPED").unwrap().title,
        "The order was already shipped."
    );
}

#[derive(Debug, thiserror::Error, ApiError)]
#[status(400)]
enum Shapes {
    #[error("unit")]
    Unit,
    #[message("{0} then {1}")]
    #[error("tuple")]
    Tuple(u8, &'static str),
    #[status(404)]
    #[message("{{literal}} {name}")]
    #[error("named")]
    Named { name: String, unused: bool },
    #[error("http timeout")]
    HTTPTimeout,
    #[code("custom.code-1")]
    #[error("custom")]
    Custom,
}

#[test]
fn unit_tuple_and_named_variants() {
    assert_eq!(Shapes::Unit.code(), "UNIT");
    assert_eq!(Shapes::Unit.status(), StatusCode::BAD_REQUEST);
    assert_eq!(Shapes::Unit.message(), "unit");
    assert_eq!(Shapes::Tuple(7, "x").message(), "7 then x");
    let named = Shapes::Named {
        name: "n".into(),
        unused: true,
    };
    assert_eq!(named.status(), StatusCode::NOT_FOUND);
    assert_eq!(named.message(), "{literal} n");
    assert_eq!(Shapes::HTTPTimeout.code(), "HTTP_TIMEOUT");
    assert_eq!(Shapes::Custom.code(), "custom.code-1");
}

#[derive(Debug, thiserror::Error, ApiError)]
enum Generic<T: fmt::Debug + fmt::Display + 'static, E: std::error::Error + 'static> {
    #[status(400)]
    #[message("bad value {value}")]
    #[error("bad")]
    Bad {
        value: T,
        #[retry_after]
        wait: Option<Duration>,
    },
    #[transparent]
    #[error(transparent)]
    Inner(E),
}

#[test]
fn generic_types_get_inferred_bounds() {
    let err: Generic<i32, AuthError> = Generic::Bad {
        value: -3,
        wait: Some(Duration::from_millis(1500)),
    };
    assert_eq!(err.message(), "bad value -3");
    assert_eq!(err.retry_after(), Some(2));
    let err: Generic<i32, AuthError> = Generic::Inner(AuthError::Missing);
    assert_eq!(err.code(), "UNAUTHORIZED");
    let codes: Vec<_> = Generic::<i32, AuthError>::catalog()
        .iter()
        .map(|spec| spec.code)
        .collect();
    assert_eq!(codes, ["BAD", "UNAUTHORIZED", "EXPIRED_TOKEN"]);
}

#[test]
fn forwarding_impls_and_trait_objects() {
    let err = TaskError::NotFound { id: 9 };
    let boxed: Box<TaskError> = Box::new(TaskError::NotFound { id: 9 });
    let shared = std::sync::Arc::new(TaskError::NotFound { id: 9 });
    assert_eq!(<&TaskError as ApiError>::code(&&err), "TASK_NOT_FOUND");
    assert_eq!(boxed.message(), err.message());
    assert_eq!(shared.status(), err.status());
    assert_eq!(
        <Box<TaskError>>::catalog().len(),
        TaskError::catalog().len()
    );
    assert_eq!(<&TaskError>::catalog().len(), TaskError::catalog().len());

    let dynamic: Box<dyn ApiError + Send + Sync> = Box::new(TaskError::RateLimited { secs: 3 });
    assert_eq!(dynamic.retry_after(), Some(3));
    // DESIGN.md §3: a `Box<dyn ApiError + Send + Sync>` renders, by reference as any error.
    let ctx = apierror::Context::default().with_request_id("req-1");
    let direct = apierror::to_json(&TaskError::RateLimited { secs: 3 }, Format::Flat, &ctx);
    assert_eq!(apierror::to_json(&dynamic, Format::Flat, &ctx), direct);
    assert_eq!(apierror::to_json(&*dynamic, Format::Flat, &ctx), direct);
    let shared: std::sync::Arc<dyn ApiError + Send + Sync> = std::sync::Arc::from(dynamic);
    assert_eq!(apierror::to_json(&shared, Format::Flat, &ctx), direct);
    let plain: Box<dyn ApiError> = Box::new(TaskError::RateLimited { secs: 3 });
    assert_eq!(apierror::to_json(&plain, Format::Flat, &ctx), direct);
    let response = apierror::to_response(&shared, Format::Flat, &ctx);
    assert_eq!(response.status(), 429);
    assert_eq!(response.body(), &direct);
    let object: &dyn ApiError = &err;
    assert_eq!(object.code(), "TASK_NOT_FOUND");
    // A list of trait objects renders by reference too: iterating a `Vec<&dyn ApiError>` hands
    // out `&&dyn ApiError`.
    let limited = TaskError::RateLimited { secs: 3 };
    let listed: Vec<&(dyn ApiError + Send + Sync)> = vec![&limited];
    for listed in &listed {
        assert_eq!(apierror::to_json(listed, Format::Flat, &ctx), direct);
    }
    let objects: Vec<&dyn ApiError> = vec![&limited];
    assert_eq!(
        apierror::to_response(&objects[0], Format::Flat, &ctx).body(),
        &direct
    );
}

#[test]
fn catalog_of_a_type_through_catalog_of() {
    let catalog = Catalog::of::<AuthError>();
    assert_eq!(catalog.len(), 2);
    assert!(!catalog.is_empty());
    assert!(Catalog::EMPTY.is_empty());
}

/// Raw identifiers as variants, fields and placeholders: the catalog names the variant as
/// `Debug` and serde do (`Type`, not `r#Type`), as the code and title already do.
#[test]
fn raw_identifiers_are_named_without_their_prefix() {
    #[allow(non_camel_case_types)]
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Raw {
        #[status(400)]
        #[message("bad type {type}")]
        #[error("bad {type}")]
        r#Type { r#type: String },
        #[status(400)]
        #[message("{type}")]
        #[error("loop")]
        r#loop { r#type: u8 },
    }
    let err = Raw::r#Type { r#type: "x".into() };
    assert_eq!(err.message(), "bad type x");
    assert_eq!(Raw::r#loop { r#type: 7 }.message(), "7");
    let catalog = Raw::catalog();
    let spec = catalog.find("TYPE").unwrap();
    assert_eq!((spec.variant, spec.title), ("Type", "Type"));
    assert_eq!(catalog.find("LOOP").unwrap().variant, "loop");
    // `responses!` picks such a variant as it is written.
    apierror::responses!(TypeOnly = [Raw::{r#Type}]);
    let codes: Vec<&str> = <TypeOnly as apierror::catalog::ErrorSet>::errors()
        .iter()
        .map(|spec| spec.code)
        .collect();
    assert_eq!(codes, ["TYPE"]);
}

/// A block doc comment (`/** ... */`) reads as rustdoc reads it: its ` * ` margins off, its
/// first paragraph the title.
#[test]
fn block_doc_comments_are_read_as_rustdoc_reads_them() {
    #[allow(dead_code)] // documented, not sent
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Block {
        /**
         * The bucket does not exist.
         *
         * Create it first.
         */
        #[status(404)]
        #[error("no bucket")]
        NoBucket,
        /** The key is too long. */
        #[status(400)]
        #[error("long key")]
        LongKey,
        /** The task was
         * not found.
         */
        #[status(410)]
        #[error("gone")]
        Gone,
    }
    let catalog = Block::catalog();
    let spec = catalog.find("NO_BUCKET").unwrap();
    assert_eq!(spec.title, "The bucket does not exist.");
    assert_eq!(
        spec.description,
        "The bucket does not exist.\n\nCreate it first."
    );
    assert_eq!(
        catalog.find("LONG_KEY").unwrap().title,
        "The key is too long."
    );
    assert_eq!(
        catalog.find("GONE").unwrap().title,
        "The task was not found."
    );
}

/// A reference-style link in a doc comment is written inline where its text is shown away from
/// its definition: the title (the catalog, the Markdown reference's table).
#[test]
fn reference_style_links_are_inlined_in_titles() {
    #[allow(dead_code)] // documented, not sent
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Linked {
        /// The bucket is [frozen][Freezing] by [`Self::Gone`] or the [owner].
        ///
        /// [freezing]: https://example.com/freeze "Freezing"
        /// [owner]: https://example.com/owners
        #[status(409)]
        #[error("frozen")]
        Frozen,
        #[status(410)]
        #[error("gone")]
        Gone,
    }
    let catalog = Linked::catalog();
    let spec = catalog.find("FROZEN").unwrap();
    assert_eq!(
        spec.title,
        "The bucket is [frozen](https://example.com/freeze \"Freezing\") by [`Self::Gone`] or the \
         [owner](https://example.com/owners)."
    );
    // The whole description keeps its definitions, where they still define.
    assert!(
        spec.description
            .ends_with("[owner]: https://example.com/owners")
    );
    let markdown = catalog.to_markdown();
    assert!(
        markdown.contains("[frozen](https://example.com/freeze \"Freezing\")"),
        "{markdown}"
    );
}

/// A crate that re-exports apierror, as a framework crate would.
mod reexport {
    pub use apierror;
}

#[derive(Debug, thiserror::Error, reexport::apierror::ApiError)]
#[api_error(crate = "reexport::apierror", format = "simple")]
enum ThroughReexport {
    #[status(404)]
    #[message("gone {0}")]
    #[error("gone")]
    Gone(u8),
}

#[test]
fn the_runtime_can_be_named_through_a_reexport() {
    let err = ThroughReexport::Gone(1);
    assert_eq!(err.message(), "gone 1");
    assert_eq!(err.format(), Format::Simple);
    assert_eq!(ThroughReexport::catalog().len(), 1);
}

/// A wrapper whose parameter has no bounds of its own: `Error` holds where `T` allows it.
#[derive(Debug, thiserror::Error, ApiError)]
enum Unbounded<T> {
    #[status(400)]
    #[error("bad input")]
    Bad(T),
}

#[test]
fn generic_types_need_no_bounds_of_their_own() {
    let err: Unbounded<u8> = Unbounded::Bad(1);
    assert_eq!(err.code(), "BAD");
    assert_eq!(err.message(), "bad input");
}

#[test]
fn generic_messages_are_pre_sized_exactly() {
    // The derive keeps copies of the generic sentences' lengths; this keeps them in step.
    let internal = TaskError::Database(std::io::Error::other("x"));
    assert_eq!(
        internal.__message_json_len(),
        apierror::message::INTERNAL.len()
    );
    assert_eq!(
        Outage::Upstream.__message_json_len(),
        apierror::message::UNAVAILABLE.len()
    );
}

/// Doc attributes whose text the compiler expands: a file, `concat!`, and both mixed with
/// doc comments, in order.
#[derive(Debug, thiserror::Error, ApiError)]
#[status(400)]
#[allow(dead_code)]
enum ExpandedDocs {
    #[doc = include_str!("fixtures/doc_box.md")]
    #[error("file")]
    FromFile,
    #[doc = concat!("Built by ", "concat!.")]
    #[error("concat")]
    Concat,
    /// Written first,
    #[doc = concat!("then ", "expanded,")]
    /// then written again.
    ///
    /// A second paragraph.
    #[error("mixed")]
    Mixed,
    #[doc = concat!(" ", "\n")]
    #[allow(clippy::empty_docs)]
    #[error("empty")]
    ExpandedToNothing,
    #[doc = concat!("\u{a0} Wide\u{2003}\u{2003}spaces\u{85}\n\u{3000}")]
    #[error("unicode")]
    UnicodeSpaces,
}

/// A `#[doc = $doc]` in a `macro_rules!` (the value arrives in an invisible group).
macro_rules! documented {
    ($name:ident, $doc:expr) => {
        #[derive(Debug, thiserror::Error, ApiError)]
        #[status(400)]
        #[allow(dead_code)]
        enum $name {
            #[doc = $doc]
            #[error("e")]
            Passed,
        }
    };
}

documented!(MacroLiteralDoc, "Passed through a macro.");
documented!(MacroExpandedDoc, concat!("Passed ", "and expanded."));

#[test]
fn doc_attributes_the_compiler_expands_reach_the_catalog() {
    let spec = |catalog: Catalog, code: &str| *catalog.find(code).unwrap();
    let catalog = ExpandedDocs::catalog();
    let file = spec(catalog, "FROM_FILE");
    assert_eq!(file.title, "The box does not fit on the shelf.");
    assert_eq!(
        file.description,
        "The box does not fit\non the shelf.\r\n\r\nA box larger than the shelf is refused: measure it | first."
    );
    let concat = spec(catalog, "CONCAT");
    assert_eq!(concat.title, "Built by concat!.");
    assert_eq!(concat.description, "Built by concat!.");
    let mixed = spec(catalog, "MIXED");
    assert_eq!(
        mixed.title,
        "Written first, then expanded, then written again."
    );
    assert_eq!(
        mixed.description,
        "Written first,\nthen expanded,\nthen written again.\n\nA second paragraph."
    );
    let empty = spec(catalog, "EXPANDED_TO_NOTHING");
    assert_eq!(empty.title, "Expanded to nothing");
    assert_eq!(empty.description, "");
    let unicode = spec(catalog, "UNICODE_SPACES");
    assert_eq!(unicode.title, "Wide spaces");
    assert_eq!(unicode.description, "Wide\u{2003}\u{2003}spaces");

    for (catalog, title) in [
        (MacroLiteralDoc::catalog(), "Passed through a macro."),
        (MacroExpandedDoc::catalog(), "Passed and expanded."),
    ] {
        let passed = spec(catalog, "PASSED");
        assert_eq!((passed.title, passed.description), (title, title));
    }

    // The Markdown reference shows the titles, and each 4xx's `#[error]` literal as its
    // message.
    let markdown = catalog.to_markdown();
    for text in [
        "| `FROM_FILE` | The box does not fit on the shelf. | \"file\" |",
        "| `CONCAT` | Built by concat!. | \"concat\" |",
        "| `MIXED` | Written first, then expanded, then written again. | \"mixed\" |",
    ] {
        assert!(markdown.contains(text), "no {text:?} in:\n{markdown}");
    }
}
