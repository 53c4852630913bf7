//! "Quick start".

#[test]
fn quick_start() {
    use apierror::{ApiError, Context};

    /// Errors of the tasks API.
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(format = "flat", docs_url = "https://api.example.com/errors#{code}")]
    pub enum TaskError {
        /// The requested task does not exist.
        #[status(404)]
        #[code("TASK_NOT_FOUND")]
        #[message("Task with ID {id} could not be found")]
        #[error("task {id} missing from store")]
        NotFound { id: u64 },

        /// Unexpected failure; the cause is logged, never sent.
        #[status(500)]
        #[code("SERVER_ERROR")]
        #[error("database: {0}")]
        Database(#[source] std::io::Error),
    }

    let err = TaskError::NotFound { id: 456 };
    assert_eq!(err.status(), 404);
    assert_eq!(err.code(), "TASK_NOT_FOUND");
    assert_eq!(err.message(), "Task with ID 456 could not be found");

    let ctx = Context::default().with_request_id("req-1");
    let response = apierror::to_response(&err, err.format(), &ctx);
    // HTTP 404, content-type: application/json, x-request-id: req-1
    // {"code":"TASK_NOT_FOUND","message":"Task with ID 456 could not be found","requestId":"req-1"}

    let err = TaskError::Database(std::io::Error::other("password rejected"));
    assert_eq!(err.message(), "An unexpected error occurred. Please try again later.");

    // What the comments above say of the 404.
    use apierror::Format;
    assert_eq!(TaskError::NotFound { id: 456 }.format(), Format::Flat);
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["x-request-id"], "req-1");
    assert_eq!(
        response.body(),
        br#"{"code":"TASK_NOT_FOUND","message":"Task with ID 456 could not be found","requestId":"req-1"}"#
    );
}

/// "Migrating an existing error type": a library's error as the source of a 500 (`?` converts
/// it), its text in `Display` (the log) and none in the body; `?` into a boxed `ApiError`.
#[test]
fn migrating_an_existing_error_type() {
    use apierror::{ApiError, Context, Format};

    #[derive(Debug, thiserror::Error, ApiError)]
    pub enum AppError {
        /// The article does not exist.
        #[status(404)]
        #[message("Article {0} not found")]
        #[error("article {0} not found")]
        ArticleNotFound(String),

        /// A storage failure: the cause goes to the log, never to the client.
        #[status(500)]
        #[error(transparent)]
        Storage(#[from] std::io::Error),
    }

    fn read() -> Result<(), AppError> {
        Err(std::io::Error::other("disk /dev/sda1 failed"))?;
        Ok(())
    }
    let err = read().unwrap_err();
    assert_eq!(err.to_string(), "disk /dev/sda1 failed");
    let ctx = Context::default().with_request_id("req-1");
    assert_eq!(
        String::from_utf8(apierror::to_json(&err, Format::Flat, &ctx)).unwrap(),
        r#"{"code":"STORAGE","message":"An unexpected error occurred. Please try again later.","requestId":"req-1"}"#
    );
    let missing = AppError::ArticleNotFound("rust".into());
    assert_eq!((missing.status().as_u16(), missing.message().as_ref()), (404, "Article rust not found"));

    fn handler() -> Result<(), Box<dyn ApiError + Send + Sync>> {
        read()?;
        Ok(())
    }
    assert_eq!(handler().unwrap_err().code(), "STORAGE");
}
