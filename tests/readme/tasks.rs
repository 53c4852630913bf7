//! The tasks API's errors the README's sections use around their blocks ("Quick start" defines
//! its own, as the README shows it).

use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum TaskError {
    /// The requested task does not exist.
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task with ID {id} could not be found")]
    #[error("task {id} missing from store")]
    NotFound { id: u64 },

    /// Too many requests.
    #[status(429)]
    #[code("RATE_LIMIT_EXCEEDED")]
    #[error("rate limited")]
    RateLimited { #[retry_after] secs: u64 },

    /// Too many open tasks.
    #[status(429)]
    #[code("TOO_MANY_TASKS")]
    #[message("You have {count} open tasks")]
    #[error("too many tasks")]
    TooManyTasks { count: u64 },

    /// The request failed validation.
    #[status(422)]
    #[code("VALIDATION_FAILED")]
    #[message("The request is invalid")]
    #[detail(field = "title", reason = "Required", code = "required")]
    #[error("invalid request")]
    ValidationFailed,
}
