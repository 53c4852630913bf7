//! Enums written from the real API error references in `tests/seeds/` (copies of
//! `shared/seeds/`) render the example bodies printed there, member for member.

use apierror::{ApiError, Context, Format};

#[allow(dead_code)] // not every test file uses every helper
#[path = "support/seeds.rs"]
mod seed_files;

use seed_files::{minify, seed};

/// The ```json blocks of a document, minified.
fn json_blocks(document: &str) -> Vec<(String, String)> {
    seed_files::json_blocks(document)
        .into_iter()
        .map(|(heading, json)| (heading, minify(&json)))
        .collect()
}

fn body(err: &dyn ApiError, format: Format, ctx: &Context) -> String {
    String::from_utf8(apierror::to_json(err, format, ctx)).unwrap()
}

// ----- 002: a task management API, flat bodies --------------------------------------------------

/// Errors of the Task Management API, as its error reference lists them.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "flat")]
pub enum TaskApiError {
    /// A field value is invalid.
    #[status(400)]
    #[code("INVALID_FIELD")]
    #[message("The field `{field}` must be a valid email address")]
    #[detail(field = "{field}", reason = "Invalid format", location = "body")]
    #[error("invalid email in {field}")]
    InvalidField { field: String },
    /// A required field is missing.
    #[status(400)]
    #[code("MISSING_REQUIRED_FIELD")]
    #[message("The `{field}` field is required")]
    #[detail(field = "{field}", reason = "Is required", location = "body")]
    #[error("missing {field}")]
    MissingRequiredField { field: String },
    /// A field value has an invalid format.
    #[status(400)]
    #[code("INVALID_FORMAT")]
    #[message("The `{field}` field must be in {expected} format")]
    #[detail(field = "{field}", reason = "Invalid format", location = "body")]
    #[error("bad format")]
    InvalidFormat { field: String, expected: String },
    /// A field value exceeds length limits.
    #[status(400)]
    #[code("INVALID_LENGTH")]
    #[message("The `{field}` field must be between {min} and {max} characters")]
    #[detail(field = "{field}", reason = "Invalid length", location = "body")]
    #[error("bad length")]
    InvalidLength { field: String, min: u32, max: u32 },
    /// Email address is already in use.
    #[status(400)]
    #[code("DUPLICATE_EMAIL")]
    #[message("The email address is already in use by another user")]
    #[error("duplicate email")]
    DuplicateEmail,
    /// Invalid task status value.
    #[status(400)]
    #[code("INVALID_STATUS")]
    #[message("The `{field}` value '{value}' is not valid")]
    #[detail(field = "{field}", reason = "Invalid value", location = "body")]
    #[error("invalid status")]
    InvalidStatus { field: String, value: String },
    /// Value outside allowed range.
    #[status(400)]
    #[code("INVALID_RANGE")]
    #[message("The `{field}` must be between {min} and {max}")]
    #[error("out of range")]
    InvalidRange { field: String, min: i64, max: i64 },
    /// Referenced user does not exist.
    #[status(400)]
    #[code("INVALID_USER_ID")]
    #[message("The specified `userId` does not exist")]
    #[error("no such user")]
    InvalidUserId,
    /// Referenced task does not exist.
    #[status(400)]
    #[code("INVALID_TASK_ID")]
    #[message("The specified `taskId` does not exist")]
    #[error("no such task")]
    InvalidTaskId,
    /// Authentication is required.
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[message("Authentication is required to access this resource")]
    #[error("unauthorized")]
    Unauthorized,
    /// Token is invalid or malformed.
    #[status(401)]
    #[code("INVALID_TOKEN")]
    #[message("The provided authentication token is invalid")]
    #[error("invalid token")]
    InvalidToken,
    /// Token has expired.
    #[status(401)]
    #[code("EXPIRED_TOKEN")]
    #[message("The authentication token has expired")]
    #[error("expired token")]
    ExpiredToken,
    /// Operation not permitted.
    #[status(403)]
    #[code("FORBIDDEN")]
    #[message("You do not have permission to access this resource")]
    #[error("forbidden")]
    Forbidden,
    /// Write operation not permitted.
    #[status(403)]
    #[code("READ_ONLY_ACCESS")]
    #[message("You have read-only access to this resource")]
    #[error("read only")]
    ReadOnlyAccess,
    /// Resource does not exist.
    #[status(404)]
    #[code("RESOURCE_NOT_FOUND")]
    #[message("{resource} with ID {id} could not be found")]
    #[error("resource missing")]
    ResourceNotFound { resource: &'static str, id: u64 },
    /// User does not exist.
    #[status(404)]
    #[code("USER_NOT_FOUND")]
    #[message("User with ID {0} could not be found")]
    #[error("user missing")]
    UserNotFound(u64),
    /// Task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task with ID {0} could not be found")]
    #[error("task missing")]
    TaskNotFound(u64),
    /// Too many requests.
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[message("Rate limit exceeded. Try again in {seconds} seconds")]
    #[error("rate limited")]
    RateLimitExceeded {
        #[retry_after]
        seconds: u64,
    },
    /// Unexpected server error.
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[error("internal: {0}")]
    ServerError(#[source] std::io::Error),
    /// Service temporarily unavailable.
    #[status(503)]
    #[code("SERVICE_UNAVAILABLE")]
    #[error("unavailable")]
    ServiceUnavailable,
}

#[test]
fn seed_002_flat_examples_render_as_printed() {
    let document = seed("002_40b3a7caee937fd8.txt");
    let examples: Vec<(String, String)> = json_blocks(&document)
        .into_iter()
        .skip_while(|(heading, _)| heading != "Invalid email format")
        .collect();
    let errors: Vec<(&str, TaskApiError)> = vec![
        (
            "Invalid email format",
            TaskApiError::InvalidField {
                field: "contactEmail".into(),
            },
        ),
        (
            "Missing required field",
            TaskApiError::MissingRequiredField {
                field: "lastName".into(),
            },
        ),
        (
            "Invalid task status",
            TaskApiError::InvalidStatus {
                field: "taskStatus".into(),
                value: "DONE".into(),
            },
        ),
        (
            "Resource not found",
            TaskApiError::ResourceNotFound {
                resource: "User",
                id: 123,
            },
        ),
        ("Authentication required", TaskApiError::Unauthorized),
        (
            "Rate limit exceeded",
            TaskApiError::RateLimitExceeded { seconds: 30 },
        ),
    ];
    assert_eq!(examples.len(), errors.len(), "{examples:#?}");
    let ctx = Context::default().with_request_id("req-f8d31a62-e789-4856-9452-5efa50223c7a");
    for ((heading, expected), (name, err)) in examples.iter().zip(&errors) {
        assert_eq!(heading, name);
        assert_eq!(&body(err, err.format(), &ctx), expected, "{heading}");
    }
}

#[test]
fn seed_002_catalog_matches_the_reference_tables() {
    let document = seed("002_40b3a7caee937fd8.txt");
    // Every `| `CODE` | description | "message" |` row of the reference.
    let rows: Vec<(String, String)> = document
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            code.chars()
                .all(|c| c.is_ascii_uppercase() || c == '_')
                .then(|| (code.to_owned(), cells.get(2).unwrap().to_string()))
        })
        .collect();
    let catalog = TaskApiError::catalog();
    assert_eq!(rows.len(), 20);
    assert_eq!(catalog.len(), 20);
    for (code, description) in rows {
        let spec = catalog
            .find(&code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(spec.title.trim_end_matches('.'), description, "{code}");
    }
}

// ----- 000 and 001: Asana, error-list bodies ----------------------------------------------------

/// Asana's sync token error is documented without a `help` link, so it comes from a type of its
/// own, wrapped transparently.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "error_list")]
pub enum SyncError {
    /// The request is missing or has an expired sync token.
    #[status(412)]
    #[code("SYNC_TOKEN_INVALID")]
    #[message(
        "Sync token invalid or too old. If you are attempting to keep resources in sync, you must fetch the full dataset for this query now and use the new sync token for the next sync."
    )]
    #[error("sync token expired")]
    Expired {
        #[extension]
        sync: String,
    },
}

/// Asana's error responses (seed 000).
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    format = "error_list",
    docs_url = "https://asana.github.io/developer-docs/#errors'"
)]
pub enum AsanaError {
    /// A missing or malformed parameter.
    #[status(400)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("missing {0}")]
    BadRequest(&'static str),
    #[status(401)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("unauthorized")]
    Unauthorized(&'static str),
    #[status(402)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("payment required")]
    PaymentRequired(&'static str),
    #[status(403)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("forbidden")]
    Forbidden(&'static str),
    #[status(404)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("not found")]
    NotFound(&'static str),
    #[transparent]
    #[error(transparent)]
    Sync(SyncError),
    #[status(424)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("rate limited")]
    RateLimited(&'static str),
    #[status(500)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("server error")]
    ServerError(&'static str),
    #[status(501)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("not implemented")]
    NotImplemented(&'static str),
    #[status(503)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("unavailable")]
    Unavailable(&'static str),
    #[status(504)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("timeout")]
    Timeout(&'static str),
}

#[test]
fn seed_000_error_list_examples_render_as_printed() {
    let document = seed("000_5a4d604a24accb52.txt");
    let ctx = Context::default().with_phrase("6 sad squid snuggle softly");
    let blocks = json_blocks(&document);
    assert_eq!(blocks.len(), 11);
    for (heading, printed) in blocks {
        let status: u16 = heading.parse().unwrap();
        let err = match status {
            400 => AsanaError::BadRequest("project"),
            401 => AsanaError::Unauthorized("project"),
            402 => AsanaError::PaymentRequired("project"),
            403 => AsanaError::Forbidden("project"),
            404 => AsanaError::NotFound("project"),
            412 => AsanaError::Sync(SyncError::Expired {
                sync: "de4774f6915eae04714ca93bb2f5ee81".into(),
            }),
            424 => AsanaError::RateLimited("project"),
            500 => AsanaError::ServerError("project"),
            501 => AsanaError::NotImplemented("project"),
            503 => AsanaError::Unavailable("project"),
            504 => AsanaError::Timeout("project"),
            other => panic!("unexpected status {other}"),
        };
        assert_eq!(err.status().as_u16(), status);
        // The reference copies one example into every status, phrase included; the phrase
        // belongs to server errors only (ARCHITECTURE.md, "Decisions"), so 4xx bodies have none.
        let expected = if status < 500 {
            printed.replace(",\"phrase\":\"6 sad squid snuggle softly\"", "")
        } else {
            printed
        };
        assert_eq!(body(&err, Format::ErrorList, &ctx), expected, "{status}");
    }
}

/// Asana's errors as the developer guide shows them (seed 001): no help links.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "error_list")]
pub enum AsanaGuideError {
    #[status(401)]
    #[message("Not Authorized")]
    #[error("missing authorization header")]
    NotAuthorized,
    #[status(400)]
    #[detail(field = "{0}", reason = "Missing input")]
    #[error("bad request parameters")]
    MissingInput(&'static str),
    #[status(500)]
    #[message("Server Error")]
    #[error("asana had a problem")]
    ServerError,
}

#[test]
fn seed_001_error_list_examples_render_as_printed() {
    let document = seed("001_418dc095e31f2eae.txt");
    let ctx = Context::default().with_phrase("6 sad squid snuggle softly");
    let responses: Vec<(u16, String)> = document
        .split("```http\nHTTP/1.1 ")
        .skip(1)
        .map(|block| {
            let status = block.get(..3).unwrap().parse().unwrap();
            let json = block
                .get(block.find('{').unwrap()..block.find("```").unwrap())
                .unwrap();
            (status, minify(json))
        })
        .collect();
    assert_eq!(responses.len(), 3);
    for (status, expected) in responses {
        let err = match status {
            401 => AsanaGuideError::NotAuthorized,
            400 => AsanaGuideError::MissingInput("workspace"),
            500 => AsanaGuideError::ServerError,
            other => panic!("unexpected status {other}"),
        };
        assert_eq!(body(&err, err.format(), &ctx), expected, "{status}");
    }
}

// ----- 004: nested bodies -----------------------------------------------------------------------

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(format = "nested")]
pub enum NestedApiError {
    #[status(400)]
    #[code("INVALID_REQUEST")]
    #[message("Missing required '{0}' parameter.")]
    #[error("invalid request")]
    InvalidRequest(&'static str),
    #[status(401)]
    #[code("UNAUTHENTICATED")]
    #[message("Authentication credentials not provided or invalid.")]
    #[error("unauthenticated")]
    Unauthenticated,
    #[status(403)]
    #[code("PERMISSION_DENIED")]
    #[message("You do not have permission to perform this action.")]
    #[error("permission denied")]
    PermissionDenied,
    #[status(404)]
    #[code("RESOURCE_NOT_FOUND")]
    #[message("The requested resource could not be found.")]
    #[error("not found")]
    ResourceNotFound,
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[message("You have exceeded your allowed request rate. Please try again later.")]
    #[error("rate limited")]
    RateLimitExceeded,
    #[status(500)]
    #[code("INTERNAL_SERVER_ERROR")]
    #[message(
        "An unexpected error occurred. Please try again later or contact support if the problem persists."
    )]
    #[error("internal")]
    Internal,
    #[status(503)]
    #[code("SERVICE_UNAVAILABLE")]
    #[error("unavailable")]
    ServiceUnavailable,
    #[status(402)]
    #[code("INSUFFICIENT_BALANCE")]
    #[message("Your account balance is insufficient to complete this transaction.")]
    #[error("insufficient balance")]
    InsufficientBalance {
        #[extension]
        required: String,
        #[extension]
        available: String,
    },
}

/// The JSON objects of a plain-text document: each `{` at the start of a line up to its
/// matching `}`.
fn json_objects(document: &str) -> Vec<String> {
    let lines: Vec<&str> = document.lines().collect();
    let mut objects = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        if lines[index].trim() == "{" {
            let mut depth = 0;
            let mut text = String::new();
            for line in &lines[index..] {
                index += 1;
                depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
                text.push_str(line);
                if depth == 0 {
                    break;
                }
            }
            objects.push(minify(&text));
        } else {
            index += 1;
        }
    }
    objects
}

#[test]
fn seed_004_nested_examples_render_as_printed() {
    let document = seed("004_d34427d61813f196.txt");
    let printed = json_objects(&document);
    let errors = [
        NestedApiError::InvalidRequest("user_id"),
        NestedApiError::Unauthenticated,
        NestedApiError::PermissionDenied,
        NestedApiError::ResourceNotFound,
        NestedApiError::RateLimitExceeded,
        NestedApiError::Internal,
        NestedApiError::ServiceUnavailable,
        NestedApiError::InsufficientBalance {
            required: "100.00".into(),
            available: "50.50".into(),
        },
    ];
    assert_eq!(printed.len(), errors.len());
    for (expected, err) in printed.iter().zip(&errors) {
        assert_eq!(&body(err, err.format(), &Context::default()), expected);
    }
}

#[test]
fn seed_002_every_variant_behaves_as_written() {
    use TaskApiError::*;
    let table: Vec<(TaskApiError, u16, &str, &str)> = vec![
        (
            InvalidField {
                field: "contactEmail".into(),
            },
            400,
            "INVALID_FIELD",
            "The field `contactEmail` must be a valid email address",
        ),
        (
            MissingRequiredField {
                field: "lastName".into(),
            },
            400,
            "MISSING_REQUIRED_FIELD",
            "The `lastName` field is required",
        ),
        (
            InvalidFormat {
                field: "dueDate".into(),
                expected: "ISO 8601".into(),
            },
            400,
            "INVALID_FORMAT",
            "The `dueDate` field must be in ISO 8601 format",
        ),
        (
            InvalidLength {
                field: "taskTitle".into(),
                min: 1,
                max: 80,
            },
            400,
            "INVALID_LENGTH",
            "The `taskTitle` field must be between 1 and 80 characters",
        ),
        (
            DuplicateEmail,
            400,
            "DUPLICATE_EMAIL",
            "The email address is already in use by another user",
        ),
        (
            InvalidStatus {
                field: "taskStatus".into(),
                value: "DONE".into(),
            },
            400,
            "INVALID_STATUS",
            "The `taskStatus` value 'DONE' is not valid",
        ),
        (
            InvalidRange {
                field: "warningOffset".into(),
                min: 0,
                max: 64000,
            },
            400,
            "INVALID_RANGE",
            "The `warningOffset` must be between 0 and 64000",
        ),
        (
            InvalidUserId,
            400,
            "INVALID_USER_ID",
            "The specified `userId` does not exist",
        ),
        (
            InvalidTaskId,
            400,
            "INVALID_TASK_ID",
            "The specified `taskId` does not exist",
        ),
        (
            Unauthorized,
            401,
            "UNAUTHORIZED",
            "Authentication is required to access this resource",
        ),
        (
            InvalidToken,
            401,
            "INVALID_TOKEN",
            "The provided authentication token is invalid",
        ),
        (
            ExpiredToken,
            401,
            "EXPIRED_TOKEN",
            "The authentication token has expired",
        ),
        (
            Forbidden,
            403,
            "FORBIDDEN",
            "You do not have permission to access this resource",
        ),
        (
            ReadOnlyAccess,
            403,
            "READ_ONLY_ACCESS",
            "You have read-only access to this resource",
        ),
        (
            ResourceNotFound {
                resource: "Project",
                id: 9,
            },
            404,
            "RESOURCE_NOT_FOUND",
            "Project with ID 9 could not be found",
        ),
        (
            UserNotFound(123),
            404,
            "USER_NOT_FOUND",
            "User with ID 123 could not be found",
        ),
        (
            TaskNotFound(456),
            404,
            "TASK_NOT_FOUND",
            "Task with ID 456 could not be found",
        ),
        (
            RateLimitExceeded { seconds: 30 },
            429,
            "RATE_LIMIT_EXCEEDED",
            "Rate limit exceeded. Try again in 30 seconds",
        ),
        (
            ServerError(std::io::Error::other("disk")),
            500,
            "SERVER_ERROR",
            "An unexpected error occurred. Please try again later.",
        ),
        (
            ServiceUnavailable,
            503,
            "SERVICE_UNAVAILABLE",
            "The service is temporarily unavailable. Please try again later.",
        ),
    ];
    assert_eq!(table.len(), 20);
    for (err, status, code, message) in &table {
        assert_eq!(err.status().as_u16(), *status, "{code}");
        assert_eq!(err.code(), *code);
        assert_eq!(err.message(), *message);
    }
    assert_eq!(RateLimitExceeded { seconds: 30 }.retry_after(), Some(30));
    assert_eq!(InvalidField { field: "x".into() }.details().len(), 1);
}
