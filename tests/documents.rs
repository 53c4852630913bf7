//! Documents of a catalog: Markdown reference, JSON Schemas of the envelopes, OpenAPI
//! responses, and the lock file that guards codes and statuses.

use apierror::lock::LockChange;
use apierror::{ApiError, Catalog, Format};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Authentication errors.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum AuthError {
    /// Authentication is required.
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[message("Authentication is required to access this resource")]
    #[header("WWW-Authenticate", "Bearer")]
    #[error("unauthorized")]
    Unauthorized,
}

/// Errors of the tasks API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs_url = "https://api.example.com/errors#{code}")]
pub enum TaskError {
    /// A field value is invalid.
    #[status(400)]
    #[code("INVALID_FIELD")]
    #[message("The field `{field}` must be a valid email address")]
    #[detail(field = "{field}", reason = "Invalid format", location = "body")]
    #[error("bad email")]
    InvalidField { field: String },
    /// A required field is missing.
    #[status(400)]
    #[code("MISSING_REQUIRED_FIELD")]
    #[message("The `{field}` field is required")]
    #[error("missing field")]
    MissingField { field: String },
    /// Task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task with ID {id} could not be found")]
    #[error("task missing")]
    NotFound { id: u64 },
    /// Too many requests.
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[message("Rate limit exceeded. Try again in {secs} seconds")]
    #[error("rate limited")]
    RateLimited {
        #[retry_after]
        secs: u64,
    },
    /// Unexpected server error.
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[error("internal")]
    Internal,
    /// Authentication errors.
    #[transparent]
    #[error(transparent)]
    Auth(AuthError),
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn check_golden(path: &str, actual: &str) {
    let path = manifest(path);
    if std::env::var_os("APIERROR_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with APIERROR_UPDATE_GOLDEN=1", path.display()));
    assert_eq!(expected, actual, "{} differs", path.display());
}

// ----- Markdown -----------------------------------------------------------------------------

#[test]
fn markdown_reference_golden() {
    check_golden(
        "tests/golden/reference.md",
        &TaskError::catalog().to_markdown(),
    );
}

#[test]
fn markdown_reference_has_every_code_status_and_header() {
    let doc = TaskError::catalog().to_markdown();
    for spec in TaskError::catalog() {
        assert!(
            doc.contains(&format!("| `{}` |", spec.code)),
            "{}",
            spec.code
        );
    }
    for heading in [
        "### Bad Request (400)",
        "### Not Found (404)",
        "### Too Many Requests (429)",
    ] {
        assert!(doc.contains(heading), "{heading}");
    }
    assert!(doc.contains("| `RATE_LIMIT_EXCEEDED` | `Retry-After` |"));
    assert!(doc.contains("| `UNAUTHORIZED` | `WWW-Authenticate` |"));
    assert!(
        doc.contains("\"Task with ID {id} could not be found\""),
        "placeholders kept as written"
    );
}

/// Messages whose braces are text, and a 4xx whose message is its `#[error]` literal.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum BraceError {
    /// A literal brace beside a placeholder.
    #[status(409)]
    #[code("LITERAL")]
    #[message("Write {{name}} for {id}")]
    #[error("literal")]
    Literal { id: u64 },
    /// The message is the `Display` text.
    #[status(400)]
    #[code("SHOWN")]
    #[error("Task {id} is not {{ready}}")]
    Shown { id: u64 },
    /// The `Display` text is not a literal the derive can read.
    #[status(400)]
    #[code("OPAQUE")]
    #[error("{0:?}")]
    Opaque(u64),
}

/// Messages in template syntax (DESIGN.md §5): a placeholder as written, a literal brace
/// doubled; a 4xx without `#[message]` shows its `#[error]` literal.
#[test]
fn markdown_tells_literal_braces_from_placeholders() {
    let doc = BraceError::catalog().to_markdown();
    for row in [
        "| `LITERAL` | A literal brace beside a placeholder. | \"Write {{name}} for {id}\" | `ABORTED` |",
        "| `SHOWN` | The message is the `Display` text. | \"Task {id} is not {{ready}}\" | `INVALID_ARGUMENT` |",
        "| `OPAQUE` | The `Display` text is not a literal the derive can read. | (the error's own text) | `INVALID_ARGUMENT` |",
    ] {
        assert!(doc.contains(row), "missing {row} in:\n{doc}");
    }
    let literal = BraceError::Literal { id: 7 };
    // The wire message is unchanged: the literal brace once, the placeholder filled.
    assert_eq!(literal.message(), "Write {name} for 7");
    let spec = BraceError::catalog()
        .iter()
        .find(|spec| spec.code == "LITERAL")
        .unwrap();
    assert_eq!(spec.message_template, Some("Write {name} for {id}"));
    assert_eq!(spec.message_source(), Some("Write {{name}} for {id}"));
    let shown = BraceError::catalog()
        .iter()
        .find(|spec| spec.code == "SHOWN")
        .unwrap();
    assert_eq!(
        shown.message_template, None,
        "its message is its `Display` text"
    );
    assert_eq!(shown.message_source(), Some("Task {id} is not {{ready}}"));
}

// ----- JSON Schema --------------------------------------------------------------------------

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::validator_for(schema).unwrap()
}

/// The bodies of a golden file of tests/envelopes.rs.
fn golden_bodies(format: Format) -> Vec<Value> {
    let text = std::fs::read_to_string(manifest(&format!("tests/golden/{format}.txt"))).unwrap();
    text.lines()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn every_golden_body_validates_against_its_format_schema() {
    for format in Format::ALL {
        let schema = format.json_schema();
        let validator = validator(&schema);
        let bodies = golden_bodies(format);
        assert_eq!(bodies.len(), 9, "{format}");
        for body in bodies {
            let errors: Vec<String> = validator
                .iter_errors(&body)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{format}: {body}: {errors:?}");
        }
    }
}

#[test]
fn schemas_reject_bodies_of_other_formats() {
    for format in Format::ALL {
        let validator = validator(&format.json_schema());
        for other in Format::ALL {
            if other == format {
                continue;
            }
            for body in golden_bodies(other) {
                // Flat and Simple share `code`/`message` but differ in the type of `code`; every
                // pair of formats differs in a required member or its type.
                assert!(
                    !validator.is_valid(&body),
                    "{format} accepted a {other} body: {body}"
                );
            }
        }
    }
}

// ----- OpenAPI ------------------------------------------------------------------------------

#[test]
fn into_responses_documents_each_status_with_its_codes() {
    use apierror::__private::utoipa::IntoResponses;
    let responses = serde_json::to_value(TaskError::responses()).unwrap();
    let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["400", "401", "404", "429", "500"]);

    let bad_request = &responses["400"];
    let content = &bad_request["content"]["application/json"];
    assert_eq!(
        content["schema"]["properties"]["code"]["enum"],
        serde_json::json!(["INVALID_FIELD", "MISSING_REQUIRED_FIELD"])
    );
    let examples = content["examples"].as_object().unwrap();
    assert_eq!(
        examples.keys().collect::<Vec<_>>(),
        ["INVALID_FIELD", "MISSING_REQUIRED_FIELD"]
    );
    assert_eq!(
        examples["MISSING_REQUIRED_FIELD"]["value"]["message"], "The `field` field is required",
        "a placeholder of a `String` field without an #[example] shows the field's name"
    );
    assert!(bad_request["headers"]["x-request-id"].is_object());
    assert!(bad_request["headers"].get("Retry-After").is_none());
    assert!(responses["429"]["headers"]["Retry-After"].is_object());
    assert!(responses["401"]["headers"]["WWW-Authenticate"].is_object());
    assert_eq!(responses["404"]["description"], "Not Found: TASK_NOT_FOUND");
}

#[test]
fn every_openapi_example_matches_its_documented_schema() {
    for format in Format::ALL {
        for (status, specs) in by_status(TaskError::catalog()) {
            let codes: Vec<&str> = specs.iter().map(|spec| spec.code).collect();
            let schema = apierror::openapi::response_schema(format, status, &codes);
            let validator = validator(&schema);
            for spec in specs {
                let body: Value = serde_json::from_slice(&spec.example_json(format)).unwrap();
                assert!(validator.is_valid(&body), "{format} {}: {body}", spec.code);
            }
            // A code of another status is refused where the format carries codes.
            if format != Format::ErrorList {
                let err = TaskError::NotFound { id: 1 };
                if status != 404 {
                    let body: Value = serde_json::from_slice(&apierror::to_json(
                        &err,
                        format,
                        &apierror::Context::default(),
                    ))
                    .unwrap();
                    assert!(
                        !validator.is_valid(&body),
                        "{format} {status} accepted a 404"
                    );
                }
            }
        }
    }
}

fn by_status(catalog: Catalog) -> Vec<(u16, Vec<&'static apierror::ErrorSpec>)> {
    let mut map = std::collections::BTreeMap::<u16, Vec<_>>::new();
    for spec in catalog {
        map.entry(spec.status).or_default().push(spec);
    }
    map.into_iter().collect()
}

// ----- lock file ----------------------------------------------------------------------------

/// Task errors after an incompatible change: a code removed, a status changed, a code added.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum ChangedTaskError {
    #[status(400)]
    #[code("INVALID_FIELD")]
    #[error("bad email")]
    InvalidField,
    #[status(410)]
    #[code("TASK_NOT_FOUND")]
    #[error("task gone")]
    NotFound,
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[error("rate limited")]
    RateLimited,
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[error("internal")]
    Internal,
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[error("unauthorized")]
    Unauthorized,
    #[status(409)]
    #[code("TASK_CONFLICT")]
    #[error("conflict")]
    Conflict,
}

/// A lock file's path in a directory of its own, removed with the directory when dropped.
struct TempLock {
    dir: PathBuf,
    path: PathBuf,
}

impl Drop for TempLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl std::ops::Deref for TempLock {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        &self.path
    }
}

impl AsRef<std::path::Path> for TempLock {
    fn as_ref(&self) -> &std::path::Path {
        &self.path
    }
}

fn temp_lock(name: &str) -> TempLock {
    let dir = std::env::temp_dir().join(format!("apierror-lock-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("errors.lock.json");
    TempLock { dir, path }
}

#[test]
fn lock_file_is_sorted_by_code() {
    let path = temp_lock("sorted");
    TaskError::catalog().write_lock(&path).unwrap();
    let entry = |grpc: &str, status: u16| {
        format!("{{\n    \"grpc\": \"{grpc}\",\n    \"status\": {status}\n  }}")
    };
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!(
            "{{\n  \"INVALID_FIELD\": {},\n  \"MISSING_REQUIRED_FIELD\": {},\n  \"RATE_LIMIT_EXCEEDED\": {},\n  \"SERVER_ERROR\": {},\n  \"TASK_NOT_FOUND\": {},\n  \"UNAUTHORIZED\": {}\n}}\n",
            entry("INVALID_ARGUMENT", 400),
            entry("INVALID_ARGUMENT", 400),
            entry("RESOURCE_EXHAUSTED", 429),
            entry("INTERNAL", 500),
            entry("NOT_FOUND", 404),
            entry("UNAUTHENTICATED", 401),
        )
    );
    TaskError::catalog().compare_with_lock(&path).unwrap();
    // Saved by an editor that writes a byte order mark, it still reads.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    TaskError::catalog().compare_with_lock(&path).unwrap();
}

/// Task errors whose gRPC code changed: `#[grpc(code)]` on a locked code.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum RegrpcedTaskError {
    #[status(400)]
    #[code("INVALID_FIELD")]
    #[grpc(code = "OUT_OF_RANGE")]
    #[error("bad email")]
    InvalidField,
}

#[test]
fn a_changed_grpc_code_fails_the_lock_and_old_lock_files_still_read() {
    let path = temp_lock("grpc");
    std::fs::write(
        &path,
        r#"{"INVALID_FIELD": {"status": 400, "grpc": "INVALID_ARGUMENT"}}"#,
    )
    .unwrap();
    let error = RegrpcedTaskError::catalog()
        .compare_with_lock(&path)
        .unwrap_err();
    assert_eq!(
        error.changes(),
        [LockChange::GrpcCodeChanged {
            code: "INVALID_FIELD".into(),
            locked: "INVALID_ARGUMENT".into(),
            now: "OUT_OF_RANGE".into(),
        }]
    );
    assert!(
        error
            .to_string()
            .contains("  ~ INVALID_FIELD changed gRPC code: INVALID_ARGUMENT -> OUT_OF_RANGE"),
        "{error}"
    );
    // A lock file from before gRPC codes were locked: statuses only, still checked.
    std::fs::write(&path, r#"{"INVALID_FIELD": 400}"#).unwrap();
    RegrpcedTaskError::catalog()
        .compare_with_lock(&path)
        .unwrap();
    std::fs::write(&path, r#"{"INVALID_FIELD": 404}"#).unwrap();
    let error = RegrpcedTaskError::catalog()
        .compare_with_lock(&path)
        .unwrap_err();
    assert_eq!(
        error.changes(),
        [LockChange::StatusChanged {
            code: "INVALID_FIELD".into(),
            locked: 404,
            now: 400
        }]
    );
    // An entry of another shape is not a lock file.
    std::fs::write(&path, r#"{"INVALID_FIELD": "400"}"#).unwrap();
    let error = RegrpcedTaskError::catalog()
        .compare_with_lock(&path)
        .unwrap_err();
    assert!(error.changes().is_empty());
    assert!(error.to_string().contains("INVALID_FIELD"), "{error}");
}

#[test]
fn removed_codes_and_changed_statuses_fail_new_codes_pass() {
    let path = temp_lock("changes");
    TaskError::catalog().write_lock(&path).unwrap();
    let error = ChangedTaskError::catalog()
        .compare_with_lock(&path)
        .unwrap_err();
    assert_eq!(
        error.changes(),
        [
            LockChange::Removed {
                code: "MISSING_REQUIRED_FIELD".into(),
                status: 400
            },
            LockChange::StatusChanged {
                code: "TASK_NOT_FOUND".into(),
                locked: 404,
                now: 410
            },
        ]
    );
    let message = error.to_string();
    assert!(
        message.contains("  - MISSING_REQUIRED_FIELD (400) was removed"),
        "{message}"
    );
    assert!(
        message.contains("  ~ TASK_NOT_FOUND changed status: 404 -> 410"),
        "{message}"
    );
    assert!(message.contains("APIERROR_UPDATE_LOCK=1"), "{message}");

    // A lock that only lacks the new code passes.
    ChangedTaskError::catalog().write_lock(&path).unwrap();
    let mut locked: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    locked.remove("TASK_CONFLICT");
    std::fs::write(&path, serde_json::to_string(&locked).unwrap()).unwrap();
    ChangedTaskError::catalog()
        .compare_with_lock(&path)
        .unwrap();
}

#[test]
fn a_code_locked_twice_is_an_error_that_names_it() {
    let path = temp_lock("duplicate");
    std::fs::write(
        &path,
        "{\n  \"TASK_NOT_FOUND\": {\"grpc\": \"NOT_FOUND\", \"status\": 404},\n  \"TASK_NOT_FOUND\": {\"grpc\": \"NOT_FOUND\", \"status\": 410}\n}\n",
    )
    .unwrap();
    let error = TaskError::catalog().compare_with_lock(&path).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}: the code TASK_NOT_FOUND is in the lock file twice: remove one of its entries, or rewrite the file with APIERROR_UPDATE_LOCK=1 at line 3 column 18",
            path.display()
        )
    );
    assert!(error.changes().is_empty());
    let source = std::error::Error::source(&error).unwrap();
    assert!(source.downcast_ref::<serde_json::Error>().is_some());
    // The same entry written twice is still a mistake of the file, not a pass.
    std::fs::write(&path, r#"{"TASK_NOT_FOUND": 404, "TASK_NOT_FOUND": 404}"#).unwrap();
    let error = TaskError::catalog().compare_with_lock(&path).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("TASK_NOT_FOUND is in the lock file twice"),
        "{error}"
    );
}

#[test]
fn a_missing_lock_fails_and_says_how_to_create_it() {
    let path = temp_lock("missing");
    let _ = std::fs::remove_file(&path);
    let error = TaskError::catalog().compare_with_lock(&path).unwrap_err();
    assert!(
        error.to_string().contains("APIERROR_UPDATE_LOCK=1"),
        "{error}"
    );
    assert!(!path.exists(), "comparing never writes");
}

#[test]
fn an_unreadable_lock_is_a_readable_error() {
    let path = temp_lock("broken");
    std::fs::write(&path, "not json").unwrap();
    let error = TaskError::catalog().compare_with_lock(&path).unwrap_err();
    assert!(error.to_string().contains("errors.lock.json"), "{error}");
    assert!(error.changes().is_empty());
}

#[test]
fn lock_failures_unwrapped_in_a_test_read_like_the_readme() {
    let path = temp_lock("readable");
    TaskError::catalog().write_lock(&path).unwrap();
    let error = ChangedTaskError::catalog()
        .compare_with_lock(&path)
        .unwrap_err();
    let text = format!(
        "{}: the error catalog changed in a way that breaks clients:\n  - MISSING_REQUIRED_FIELD (400) was removed\n  ~ TASK_NOT_FOUND changed status: 404 -> 410\nIf this is intended, rerun with APIERROR_UPDATE_LOCK=1 to rewrite the lock file.",
        path.display()
    );
    assert_eq!(error.to_string(), text);
    // What `.unwrap()` prints.
    assert_eq!(format!("{error:?}"), text);
    assert_eq!(error.path(), &*path);
    assert!(std::error::Error::source(&error).is_none());
    assert!(format!("{error:#?}").starts_with("LockError {\n    path: "));
}

#[test]
fn lock_errors_keep_the_error_they_come_from() {
    let path = temp_lock("sources");
    let error = TaskError::catalog().compare_with_lock(&path).unwrap_err();
    assert_eq!(
        format!("{error:?}"),
        format!(
            "{}: no lock file; create it with APIERROR_UPDATE_LOCK=1",
            path.display()
        )
    );
    let source = std::error::Error::source(&error).unwrap();
    let io = source.downcast_ref::<std::io::Error>().unwrap();
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);

    std::fs::write(&path, "not json").unwrap();
    let error = TaskError::catalog().compare_with_lock(&path).unwrap_err();
    let source = std::error::Error::source(&error).unwrap();
    let json = source.downcast_ref::<serde_json::Error>().unwrap();
    assert_eq!(json.to_string(), "expected ident at line 1 column 2");
    assert_eq!(
        error.to_string(),
        format!("{}: expected ident at line 1 column 2", path.display())
    );

    // A lock that cannot be written: its directory is a file.
    let blocked = path.join("errors.lock.json");
    let error = TaskError::catalog().write_lock(&blocked).unwrap_err();
    let source = std::error::Error::source(&error).unwrap();
    assert!(source.is::<std::io::Error>(), "{source:?}");
    assert_eq!(
        error.to_string(),
        format!("{}: {source}", blocked.display())
    );
}

/// The Markdown reference's `Retry-After` example is the delay the error's OpenAPI example
/// shows: its field's `#[example]`, else 42.
#[test]
fn the_markdown_retry_after_example_is_the_errors() {
    #[allow(dead_code)] // documented, not sent
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Slow {
        #[status(429)]
        #[message("Slow down for {secs} seconds")]
        #[error("slow down")]
        SlowDown {
            #[retry_after]
            #[example(7)]
            secs: u64,
        },
        #[status(503)]
        #[error("later")]
        Later {
            #[retry_after]
            secs: u64,
        },
    }
    let doc = Slow::catalog().to_markdown();
    assert!(
        doc.contains(
            "| `SLOW_DOWN` | `Retry-After` | Seconds to wait before retrying | `Retry-After: 7` |"
        ),
        "{doc}"
    );
    assert!(
        doc.contains(
            "| `LATER` | `Retry-After` | Seconds to wait before retrying | `Retry-After: 42` |"
        ),
        "{doc}"
    );
}

/// A type listed in `catalog!` and also wrapped by another listed type's `#[transparent]`
/// variant is sent in both types' formats (on its own, and through the wrapper): the reference
/// has a section for each, listing its codes under both.
#[test]
fn a_type_listed_and_wrapped_is_documented_in_both_formats() {
    #[allow(dead_code)] // documented, not sent
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(format = "simple")]
    enum Storage {
        #[status(404)]
        #[code("NO_SUCH_KEY")]
        #[error("no such key")]
        NoSuchKey,
    }
    #[allow(dead_code)] // documented, not sent
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(format = "problem")]
    enum Api {
        #[transparent]
        #[error(transparent)]
        Storage(Storage),
        #[status(403)]
        #[code("FORBIDDEN_REPO")]
        #[error("forbidden")]
        Forbidden,
    }
    apierror::catalog!(BOTH = [Api, Storage]);
    let doc = BOTH.to_markdown();
    assert!(
        doc.contains("### The `problem` format\n\n`Content-Type: application/problem+json`, for `NO_SUCH_KEY`, `FORBIDDEN_REPO`:"),
        "{doc}"
    );
    assert!(
        doc.contains(
            "### The `simple` format\n\n`Content-Type: application/json`, for `NO_SUCH_KEY`:"
        ),
        "{doc}"
    );
}
