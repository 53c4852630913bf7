use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    #[status(404)]
    #[code("TASK_NOT_FOUND")]
    #[message("Task {id} could not be found")]
    #[error("task {id} missing")]
    NotFound { id: u64 },

    #[status(409)]
    #[code("TASK_LOCKED")]
    #[message("The task is locked")]
    #[error("locked")]
    Locked,

    #[status(500)]
    #[error("database")]
    Database,
}

apierror::locales!(LOCALES = [TaskError], "locales/incomplete", complete);

fn main() {}
