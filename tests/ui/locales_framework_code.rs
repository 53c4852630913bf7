use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task {id} could not be found")]
    #[error("task {id} missing")]
    NotFound { id: u64 },
}

// `NOT_FOUND` is axum's unmatched route, translated by `apierror-status-404`.
apierror::locales!(
    LOCALES = [TaskError, apierror::axum::FrameworkErrors],
    "locales/framework_code"
);

fn main() {}
