//! "The catalog".

use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum TaskError {
    /// The requested task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task with ID {id} could not be found")]
    #[error("task {id} missing from store")]
    NotFound { id: u64 },
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AuthError {
    /// Authentication is required.
    #[status(401)]
    #[code("UNAUTHORIZED")]
    #[error("no bearer token")]
    Unauthorized,
}

apierror::catalog!(pub SERVICE_ERRORS = [TaskError, AuthError, apierror::axum::FrameworkErrors]);

#[test]
fn the_catalog() {
    for spec in TaskError::catalog() {
        println!("{} {} {}", spec.status, spec.code, spec.title);
    }
    let spec = TaskError::catalog().find("TASK_NOT_FOUND").unwrap();
    assert_eq!(spec.message_template, Some("Task with ID {id} could not be found"));

    let codes: Vec<&str> = SERVICE_ERRORS.iter().map(|spec| spec.code).collect();
    assert_eq!(&codes[..2], ["TASK_NOT_FOUND", "UNAUTHORIZED"]);
    assert!(codes.contains(&"METHOD_NOT_ALLOWED"), "{codes:?}");
}
