//! "The catalog".

use apierror::ApiError;

use super::tasks::TaskError;

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
    assert_eq!(&codes[..5], ["TASK_NOT_FOUND", "RATE_LIMIT_EXCEEDED", "TOO_MANY_TASKS", "VALIDATION_FAILED", "UNAUTHORIZED"]);
    assert!(codes.contains(&"METHOD_NOT_ALLOWED"), "{codes:?}");
}
